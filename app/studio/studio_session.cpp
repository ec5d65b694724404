#include "studio_session.h"

#include <QFileInfo>
#include <QStringList>
#include <algorithm>
#include <QUndoStack>

#include "arch/lower.h"
#include "document_loader.h"
#include "util/error.h"

namespace mcunet::studio {

StudioSession::StudioSession(QObject* parent, const std::string& boardsDir) : QObject(parent) {
    runner_ = new AnalysisRunner(this);
    undoStack_ = new QUndoStack(this);
    boardsDir_ = boardsDir;
    reloadBoards();
    // Start from core's default board, the one the CLI uses too.
    const auto it = std::find_if(boards_.begin(), boards_.end(),
                                 [](const device::Board& b) { return b.id == device::defaultBoardName(); });
    if (it != boards_.end()) board_ = *it;
    else if (!boards_.empty()) board_ = boards_.front();
    connect(runner_, &AnalysisRunner::finished, this, &StudioSession::onFinished);
    connect(runner_, &AnalysisRunner::failed, this, &StudioSession::failed);
    connect(undoStack_, &QUndoStack::cleanChanged, this, &StudioSession::titleChanged);
}

StudioSession::~StudioSession() = default;

QString StudioSession::addCustomBoard(const device::Board& board) {
    std::string path;
    try {
        path = device::saveCustomBoard(board);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return {};
    }
    reloadBoards();
    emit boardsChanged();
    const QString id = QFileInfo(QString::fromStdString(path)).completeBaseName();
    if (!boardsError_.isEmpty()) emit failed(boardsError_);
    return id;
}

void StudioSession::reloadBoards() {
    boardsError_.clear();
    try {
        const device::BoardCatalogue catalogue = device::loadBoardCatalogue(boardsDir_);
        boards_ = catalogue.boards;
        QStringList problems;
        for (const auto& problem : catalogue.problems) problems << QString::fromStdString(problem);
        boardsError_ = problems.join('\n');
    } catch (const mcunet::Error& e) {
        boardsError_ = QString::fromStdString(e.what());
    }
}

bool StudioSession::busy() const { return runner_->busy(); }

void StudioSession::open(const QString& source) {
    requestTimer_.start();
    const device::Board board = board_;
    const analysis::InputAssumption input = input_;
    runner_->start([source, board, input] { return loadDocument(source, board, input); },
                   tr("Opening %1").arg(source.startsWith("zoo:") ? source.mid(4) : QFileInfo(source).fileName()));
}

void StudioSession::reload() {
    if (document_) open(document_->source);
}

QString StudioSession::title() const {
    if (!document_) return {};
    // A config saved under another name is now that file.
    if (config_ && !savePath_.isEmpty()) return QFileInfo(savePath_).fileName();
    return document_->title;
}

bool StudioSession::hasUnsavedEdits() const { return document_ && !undoStack_->isClean(); }

void StudioSession::onFinished(DocumentPtr document) {
    document_ = std::move(document);
    if (document_->origin == ModelDocument::Origin::Opened) {
        undoStack_->clear();
        config_ = document_->config;
        // An opened .json file is where Save writes; a zoo example has no file yet.
        savePath_ = config_ && !document_->source.startsWith("zoo:") ? document_->source : QString();
        emit configChanged(config_);
    }
    emit documentChanged(document_);
    emit titleChanged();
    // The board changed while this job ran on another core's figures: bring it up to date.
    // The board or the input assumption changed while this job ran: bring it up to date.
    if (!runner_->busy() && !board_.id.empty() &&
        (document_->analysis.options.core != board_.core || document_->analysis.options.input != input_))
        reanalyse();
}

bool StudioSession::edit(const ConfigEdit& change, const QString& undoText) {
    if (!config_ || !document_) return false;
    ConfigPtr edited;
    try {
        edited = std::make_shared<const io::McunetConfig>(change(*config_, title().toStdString()));
        arch::lowerArch(*edited);  // shapes only: throws when the network has no valid shapes
    } catch (const std::exception& e) {
        emit editRefused(QString::fromStdString(e.what()));
        return false;
    }
    if (*edited == *config_) return true;
    // The command's first redo() applies the edit.
    undoStack_->push(new ConfigEditCommand(config_, edited, undoText, [this](ConfigPtr config) { applyConfig(config); }));
    return true;
}

bool StudioSession::editBlock(int block, arch::BlockField field, double value) {
    static const char* const kFieldNames[] = {QT_TR_NOOP("kernel size"), QT_TR_NOOP("expand ratio"),
                                              QT_TR_NOOP("output channels"), QT_TR_NOOP("stride"),
                                              QT_TR_NOOP("identity shortcut")};
    const QString text = field == arch::BlockField::Shortcut
                             ? (value != 0 ? tr("Block %1: add identity shortcut").arg(block)
                                           : tr("Block %1: remove identity shortcut").arg(block))
                             : tr("Block %1: %2 = %3").arg(block).arg(tr(kFieldNames[static_cast<int>(field)])).arg(value);
    return edit([=](const io::McunetConfig& config, const std::string& name) {
        return arch::editBlock(config, block, field, value, name);
    }, text);
}

bool StudioSession::setResolution(int resolution) {
    if (config_ && config_->inputResolution() == resolution) return true;
    return edit([=](const io::McunetConfig& config, const std::string& name) {
        return arch::withResolution(config, resolution, name);
    }, tr("Resolution %1 px").arg(resolution));
}

bool StudioSession::scaleWidth(double multiplier) {
    return edit([=](const io::McunetConfig& config, const std::string& name) {
        return arch::scaleWidth(config, multiplier, name);
    }, tr("Width × %1").arg(multiplier));
}

bool StudioSession::insertBlock(int position) {
    return edit([=](const io::McunetConfig& config, const std::string& name) {
        return arch::addBlock(config, position, 3, 6, name);
    }, tr("Insert block %1").arg(position));
}

bool StudioSession::removeBlock(int block) {
    return edit([=](const io::McunetConfig& config, const std::string& name) { return arch::removeBlock(config, block, name); },
                tr("Remove block %1").arg(block));
}

bool StudioSession::duplicateBlock(int block) {
    return edit([=](const io::McunetConfig& config, const std::string& name) { return arch::duplicateBlock(config, block, name); },
                tr("Duplicate block %1").arg(block));
}

bool StudioSession::moveBlock(int from, int to) {
    return edit([=](const io::McunetConfig& config, const std::string& name) { return arch::moveBlock(config, from, to, name); },
                tr("Move block %1 to %2").arg(from).arg(to));
}

bool StudioSession::setStageDepth(int stage, int depth) {
    return edit([=](const io::McunetConfig& config, const std::string& name) {
        return arch::setStageDepth(config, stage, depth, name);
    }, tr("Stage %1: depth %2").arg(stage).arg(depth));
}

void StudioSession::applyConfig(ConfigPtr config) {
    if (!document_ || !config) return;
    config_ = config;
    emit configChanged(config_);
    requestTimer_.start();
    DocumentPtr base = document_;
    const device::Board board = board_;
    const analysis::InputAssumption input = input_;
    runner_->start([base, config, board, input] { return documentForConfig(*base, config, board, input); },
                   tr("Re-profiling %1").arg(base->title));
}

bool StudioSession::saveAs(const QString& path) {
    if (!config_) return false;
    try {
        io::writeMcunetConfig(*config_, path.toStdString());
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    savePath_ = path;
    undoStack_->setClean();
    emit saved(path);
    emit titleChanged();
    return true;
}

bool StudioSession::setBoard(const QString& boardId) {
    const auto it = std::find_if(boards_.begin(), boards_.end(),
                                 [&](const device::Board& b) { return QString::fromStdString(b.id) == boardId; });
    if (it == boards_.end()) return false;
    if (it->id == board_.id) return true;
    board_ = *it;
    // A job in flight (open, edit) ends in onFinished, which brings its result to this board.
    if (!runner_->busy() && document_ && document_->analysis.options.core != board_.core) reanalyse();
    emit boardChanged(board_);
    return true;
}

void StudioSession::setInputAssumption(analysis::InputAssumption input) {
    if (input == input_) return;
    input_ = input;
    emit inputAssumptionChanged(input_);
    if (!runner_->busy() && document_) reanalyse();  // a job in flight catches up in onFinished
}

void StudioSession::reanalyse() {
    // Another core (Flash code sizes change) or input assumption: analyse again before showing
    // it. A config being edited is analysed as it is now, not as last shown.
    DocumentPtr base = document_;
    ConfigPtr config = config_;
    const bool edited = document_->edited || (config && base->config != config);
    const device::Board board = board_;
    const analysis::InputAssumption input = input_;
    runner_->start(
        [base, config, board, edited, input] {
            auto document = config && edited ? documentForConfig(*base, config, board, input)
                                             : documentForBoard(*base, board, input);
            document->origin = ModelDocument::Origin::BoardChanged;
            return document;
        },
        tr("Analysing %1 for %2").arg(base->title, QString::fromStdString(board.id)));
}

}  // namespace mcunet::studio
