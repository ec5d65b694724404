#include "analyze_mode.h"

#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "analysis_view.h"
#include "arch/block_ops.h"
#include "network_editor.h"
#include "summary_strip.h"
#include "studio_session.h"

namespace mcunet::studio {

AnalyzeMode::AnalyzeMode(StudioSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName("analyzeMode");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // On a small screen (1024x600 at 1.5x is 683x400 pixels of layout) the view scrolls
    // instead of pushing the window past the screen's edge.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName("analyzeScroll");
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    view_ = new AnalysisView(scroll);
    scroll->setWidget(view_);
    layout->addWidget(scroll);
    if (!session_->board().id.empty()) view_->setBoard(session_->board());

    QTabWidget* side = view_->sidePanel();
    editor_ = new widgets::NetworkEditor(side);
    editor_->setObjectName("networkEditor");
    side->addTab(editor_, tr("Network editor"));
    side->setTabEnabled(side->indexOf(editor_), false);
    side->setTabToolTip(side->indexOf(editor_), tr("Open an MCUNet .json config or an example to edit its network"));

    // Editor requests become session edits; an accepted one clears the last refusal.
    connect(editor_, &widgets::NetworkEditor::editRequested, this, [this](int block, arch::BlockField field, double value) {
        if (session_->editBlock(block, field, value)) editor_->clearRefusal();
    });
    connect(editor_, &widgets::NetworkEditor::resolutionRequested, this, [this](int resolution) {
        if (session_->setResolution(resolution)) editor_->clearRefusal();
    });
    connect(editor_, &widgets::NetworkEditor::widthScaleRequested, this, [this](double multiplier) {
        if (session_->scaleWidth(multiplier)) editor_->clearRefusal();
    });
    // A block in the editor points at the layers it became, in the table and the chart.
    connect(editor_, &widgets::NetworkEditor::blockSelected, this, [this](int block) {
        const DocumentPtr document = session_->document();
        if (block < 0 || !document || !document->config || !document->graph) return;
        view_->selectOps(arch::opsOfBlock(*document->graph, block));
    });
    // Depth: the user lands on the block the action made or moved.
    connect(editor_, &widgets::NetworkEditor::blockActionRequested, this,
            [this](widgets::NetworkEditor::BlockAction action, int block) {
                using A = widgets::NetworkEditor::BlockAction;
                bool done = false;
                int next = block;
                switch (action) {
                case A::InsertAfter: done = session_->insertBlock(block + 1); next = block + 1; break;
                case A::Remove: done = session_->removeBlock(block); next = std::max(0, block - 1); break;
                case A::Duplicate: done = session_->duplicateBlock(block); next = block + 1; break;
                case A::MoveUp: done = session_->moveBlock(block, block - 1); next = block - 1; break;
                case A::MoveDown: done = session_->moveBlock(block, block + 1); next = block + 1; break;
                }
                if (!done) return;
                editor_->clearRefusal();
                editor_->setCurrentBlock(next);
            });
    connect(editor_, &widgets::NetworkEditor::stageDepthRequested, this, [this](int stage, int depth) {
        if (session_->setStageDepth(stage, depth)) editor_->clearRefusal();
    });
    connect(editor_, &widgets::NetworkEditor::saveRequested, this, &AnalyzeMode::saveAsRequested);
    connect(session_, &StudioSession::editRefused, this, [this](const QString& reason) {
        // The config stays as it was and the editor says why.
        if (session_->config()) editor_->setConfig(*session_->config());
        editor_->showRefusal(reason);
    });

    connect(view_->summary(), &widgets::SummaryStrip::inputAssumptionRequested, session_,
            &StudioSession::setInputAssumption);
    connect(session_, &StudioSession::configChanged, this, &AnalyzeMode::onConfigChanged);
    connect(session_, &StudioSession::documentChanged, this, &AnalyzeMode::onDocumentChanged);
    connect(session_, &StudioSession::boardChanged, this, [this](const device::Board& board) {
        // When the session re-analyses, the new document brings the board with its numbers.
        if (!session_->busy()) view_->setBoard(board);
    });
}

void AnalyzeMode::onConfigChanged(ConfigPtr config) {
    if (config) editor_->setConfig(*config);
}

void AnalyzeMode::onDocumentChanged(DocumentPtr document) {
    const bool opened = document->origin == ModelDocument::Origin::Opened;
    view_->showDocument(document, session_->board(), !opened);
    if (!opened) {
        // A depth edit moved the user to a new block before its layers existed: point at them now.
        if (document->origin == ModelDocument::Origin::Edited && view_->sidePanel()->currentWidget() == editor_ &&
            editor_->currentBlock() >= 0 && document->graph)
            view_->selectOps(arch::opsOfBlock(*document->graph, editor_->currentBlock()));
        return;
    }
    QTabWidget* side = view_->sidePanel();
    const bool editable = session_->config() != nullptr;
    side->setTabEnabled(side->indexOf(editor_), editable);
    if (editable) {
        editor_->clearRefusal();
        side->setCurrentWidget(editor_);
    } else if (side->currentWidget() == editor_) {
        side->setCurrentIndex(0);
    }
}

}  // namespace mcunet::studio
