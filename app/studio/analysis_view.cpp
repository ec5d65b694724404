#include "analysis_view.h"

#include <QButtonGroup>
#include <algorithm>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSizePolicy>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "elided_label.h"
#include "flash_chart.h"
#include "layer_details.h"
#include "layer_table_model.h"
#include "memory_chart.h"
#include "summary_strip.h"
#include "theme.h"

namespace mcunet::studio {

namespace {
QString kEmptyText() {
    return AnalysisView::tr("Drop a .tflite model or an MCUNet .json config here\n"
                            "or use File > Open (Ctrl+O) or File > Open Example.");
}
}  // namespace

AnalysisView::AnalysisView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    summary_ = new widgets::SummaryStrip(this);
    layout->addWidget(summary_);

    banner_ = new QLabel(this);
    banner_->setObjectName("unsupportedBanner");
    banner_->setWordWrap(true);
    banner_->setStyleSheet(widgets::noticeStyle(palette(), "warning"));
    banner_->hide();
    layout->addWidget(banner_);

    provenance_ = new widgets::ElidedLabel(this);
    provenance_->setObjectName("provenance");
    provenance_->setContentsMargins(4, 0, 4, 0);
    widgets::setTextColour(provenance_, palette().color(QPalette::Link));
    provenance_->hide();
    layout->addWidget(provenance_);

    mainSplitter_ = new QSplitter(Qt::Horizontal, this);
    mainSplitter_->setObjectName("analysisSplitter");
    leftSplitter_ = new QSplitter(Qt::Vertical, mainSplitter_);
    leftSplitter_->setObjectName("chartTableSplitter");

    // Chart with its header: title and the plan switch.
    auto* chartBox = new QWidget(leftSplitter_);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(2);
    auto* header = new QHBoxLayout;
    auto* chartTitle = new QLabel(tr("<b>Memory over time</b>"), chartBox);
    header->addWidget(chartTitle);
    // The legend may shrink (elided, whole text on hover) but never runs into "Plan:".
    auto* legend = new widgets::ElidedLabel(chartBox);
    legend->setObjectName("chartLegend");
    legend->setFullText(tr("colour = buffer · hatched = scratch · dashed = arena · red = SRAM"));
    legend->setToolTip(legend->fullText());
    widgets::useSecondaryText(legend);
    header->addWidget(legend, 1);
    header->addWidget(new QLabel(tr("Plan:"), chartBox));
    engineButton_ = new QToolButton(chartBox);
    engineButton_->setText(tr("Our engine"));
    engineButton_->setToolTip(tr("The arena our generated code uses (Ctrl+1)"));
    tflmButton_ = new QToolButton(chartBox);
    tflmButton_->setText(tr("TF-Lite Micro"));
    tflmButton_->setToolTip(tr("TF-Lite Micro's greedy arena plan, estimated (Ctrl+2)"));
    auto* planGroup = new QButtonGroup(this);
    for (QToolButton* button : {engineButton_, tflmButton_}) {
        button->setCheckable(true);
        button->setAutoRaise(false);
        planGroup->addButton(button);
        header->addWidget(button);
    }
    engineButton_->setChecked(true);
    connect(engineButton_, &QToolButton::clicked, this, [this] { setPlanKind(PlanKind::Engine); });
    connect(tflmButton_, &QToolButton::clicked, this, [this] { setPlanKind(PlanKind::Tflm); });
    chartLayout->addLayout(header);
    chart_ = new widgets::MemoryChart(chartBox);
    chart_->setEmptyText(kEmptyText());
    chartLayout->addWidget(chart_, 1);
    planNotes_ = new widgets::ElidedLabel(chartBox);
    planNotes_->setObjectName("planNotes");
    QFont notesFont = planNotes_->font();
    notesFont.setPointSizeF(notesFont.pointSizeF() * 0.9);
    planNotes_->setFont(notesFont);
    widgets::useSecondaryText(planNotes_);
    chartLayout->addWidget(planNotes_);

    tableModel_ = new widgets::LayerTableModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(tableModel_);
    proxy_->setSortRole(widgets::LayerTableModel::SortRole);
    table_ = new QTableView(leftSplitter_);
    table_->setObjectName("layerTable");
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(widgets::LayerTableModel::IndexColumn, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // One row by hand; several when the network editor selects a block's ops.
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setTextElideMode(Qt::ElideMiddle);
    table_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onTableRowChanged(current); });
    connect(chart_, &widgets::MemoryChart::stepClicked, this, &AnalysisView::onChartStepClicked);

    sidePanel_ = new QTabWidget(mainSplitter_);
    sidePanel_->setObjectName("sidePanel");
    // Tabs scroll rather than widen the panel on a small screen.
    sidePanel_->setUsesScrollButtons(true);
    sidePanel_->setElideMode(Qt::ElideNone);
    details_ = new widgets::LayerDetails(sidePanel_);
    sidePanel_->addTab(details_, tr("Layer"));
    flash_ = new widgets::FlashChart(sidePanel_);
    sidePanel_->addTab(flash_, tr("Flash"));

    leftSplitter_->setStretchFactor(0, 1);
    leftSplitter_->setStretchFactor(1, 1);
    chartBox->setMinimumHeight(130);
    mainSplitter_->setStretchFactor(0, 3);
    mainSplitter_->setStretchFactor(1, 1);
    leftSplitter_->setSizes({380, 300});
    mainSplitter_->setSizes({900, 450});
    layout->addWidget(mainSplitter_, 1);
}

const analysis::MemoryPlan& AnalysisView::currentPlan() const {
    static const analysis::MemoryPlan kEmpty;
    if (!document_) return kEmpty;
    return planKind_ == PlanKind::Engine ? document_->analysis.engine : document_->analysis.tflm;
}

void AnalysisView::setDocument(DocumentPtr document, bool keepSelection) {
    document_ = std::move(document);
    const int keepOp = selectedOp_;
    selectedOp_ = -1;
    if (!document_) {
        tableModel_->clear();
        chart_->clear();
        summary_->clear();
        details_->clear();
        flash_->clear();
        banner_->hide();
        provenance_->hide();
        return;
    }
    const auto& a = document_->analysis;
    flash_->setEstimates(a.engineAvailable() ? std::optional(a.engineFlash) : std::nullopt, a.tflmFlash);
    const auto& unsupported = document_->analysis.profile.unsupportedOps;
    if (unsupported.empty()) {
        banner_->hide();
    } else {
        QStringList names;
        for (const auto& name : unsupported) names << QString::fromStdString(name);
        banner_->setText(tr("⚠ Unsupported by our engine: %1. These ops are listed in the table; the engine "
                            "plan and code generation cannot handle this model as it is.")
                             .arg(names.join(", ")));
        banner_->show();
    }
    provenance_->setFullText(document_->provenance);
    provenance_->setToolTip(document_->provenance);
    provenance_->setVisible(!document_->provenance.isEmpty());
    // An edit keeps the user's place; a new model starts at its peak, the layer that decides
    // whether it fits.
    int opToSelect = keepSelection ? keepOp : -1;
    if (!keepSelection) {
        const auto& plan = currentPlan();
        const int peak = analysis::peakStep(plan);
        opToSelect = peak >= 0 ? plan.timeline[peak].opIndex : document_->analysis.profile.peakOpIndex;
    }
    if (opToSelect >= static_cast<int>(document_->analysis.profile.ops.size())) opToSelect = -1;
    refreshPlan(opToSelect);
    refreshVerdict();
    selectOp(opToSelect);
}

void AnalysisView::setBoard(const device::Board& board) {
    board_ = board;
    chart_->setSramLimit(board.sramBytes, QString::fromStdString(board.id).toUpper());
    flash_->setFlashLimit(board.flashBytes, QString::fromStdString(board.id).toUpper());
    refreshVerdict();
}

void AnalysisView::showDocument(DocumentPtr document, const device::Board& board, bool keepSelection) {
    board_ = board;
    chart_->setSramLimit(board.sramBytes, QString::fromStdString(board.id).toUpper(), false);
    flash_->setFlashLimit(board.flashBytes, QString::fromStdString(board.id).toUpper());
    setDocument(std::move(document), keepSelection);
}

void AnalysisView::setPlanKind(PlanKind kind) {
    const bool changed = planKind_ != kind;
    planKind_ = kind;
    engineButton_->setChecked(kind == PlanKind::Engine);
    tflmButton_->setChecked(kind == PlanKind::Tflm);
    if (!changed) return;
    const int keepOp = selectedOp_;
    refreshPlan(keepOp);
    if (keepOp >= 0) selectOp(keepOp);
    emit planKindChanged(kind);
}

void AnalysisView::refreshPlan(int selectedOp) {
    const auto& plan = currentPlan();
    stepOfOp_.clear();
    if (document_) {
        const int opCount = static_cast<int>(document_->analysis.profile.ops.size());
        stepOfOp_.reserve(opCount);
        for (int op = 0; op < opCount; ++op) stepOfOp_.push_back(analysis::stepOfOp(plan, op));
        tableModel_->setAnalysis(document_->analysis.profile, plan, stepOfOp_,
                                 QString::fromStdString(document_->analysis.engineError));
    } else {
        tableModel_->clear();
    }
    if (!document_) chart_->setEmptyText(kEmptyText());
    else if (planKind_ == PlanKind::Engine && !document_->analysis.engineAvailable())
        chart_->setEmptyText(tr("Our engine cannot run this model:\n%1\n\nSwitch to the TF-Lite Micro plan to see its memory.")
                                 .arg(QString::fromStdString(document_->analysis.engineError)));
    const int selectedStep = (selectedOp >= 0 && selectedOp < static_cast<int>(stepOfOp_.size())) ? stepOfOp_[selectedOp] : -1;
    // One scale for both plans of a model: switching plans does not make the y axis jump.
    int64_t ceiling = 0;
    if (document_) {
        for (const analysis::MemoryPlan* p : {&document_->analysis.engine, &document_->analysis.tflm}) {
            ceiling = std::max(ceiling, p->arenaBytes);
            for (const auto& step : p->timeline) ceiling = std::max(ceiling, step.liveBytes);
        }
    }
    chart_->setValueCeiling(ceiling);
    chart_->setPlan(plan, analysis::peakStep(plan), selectedStep);
    QStringList notes;
    for (const auto& note : plan.notes) notes << QString::fromStdString(note);
    // One line under the chart; the whole text in the tooltip.
    const QString allNotes = notes.join("  ·  ");
    planNotes_->setFullText(allNotes);
    planNotes_->setToolTip(notes.join("\n"));
    table_->resizeColumnsToContents();
    // Long names and shape lists are capped (elided, whole text on hover) so the numbers stay
    // in view on a small screen; the last column takes any width left over.
    const int charWidth = table_->fontMetrics().averageCharWidth();
    const int opChars = table_->fontMetrics().horizontalAdvance("DEPTHWISE_CONV_2D") / std::max(1, charWidth) + 1;
    const std::pair<int, int> caps[] = {{widgets::LayerTableModel::OpColumn, std::max(20, opChars)},
                                        {widgets::LayerTableModel::InputShapeColumn, 16},
                                        {widgets::LayerTableModel::OutputShapeColumn, 14}};
    for (const auto& [column, chars] : caps)
        table_->setColumnWidth(column, std::min(table_->columnWidth(column), chars * charWidth + 16));
}

void AnalysisView::refreshVerdict() {
    if (!document_) return;
    if (board_.sramBytes <= 0) return;
    QString declaredInput;
    if (document_->graph && !document_->graph->inputs.empty()) {
        const auto& graph = *document_->graph;
        const int input = graph.inputs.front();
        if (input >= 0 && input < static_cast<int>(graph.tensors.size())) {
            const auto name = ir::dtypeName(graph.tensors[static_cast<size_t>(input)].dtype);
            declaredInput = QString::fromUtf8(name.data(), static_cast<int>(name.size()));
        }
    }
    summary_->showAnalysis(document_->analysis, analysis::checkFit(document_->analysis, board_),
                           QString::fromStdString(board_.id).toUpper(), declaredInput);
}

void AnalysisView::selectOp(int opIndex) {
    const int row = tableModel_->rowOfOp(opIndex);
    if (row < 0) {
        table_->clearSelection();
        selectedOp_ = -1;
        chart_->highlightStep(-1);
        details_->clear();
        return;
    }
    const QModelIndex proxyIndex = proxy_->mapFromSource(tableModel_->index(row, 0));
    // setCurrentIndex ends in onTableRowChanged, which updates the chart and details.
    table_->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    table_->scrollTo(proxyIndex);
    if (selectedOp_ != opIndex) onTableRowChanged(proxyIndex);
}

void AnalysisView::selectOps(const std::vector<int>& opIndices) {
    if (opIndices.empty()) return;
    selectOp(opIndices.front());
    if (selectedOp_ != opIndices.front()) return;
    QItemSelection rows;
    int firstStep = -1, lastStep = -1;
    for (int op : opIndices) {
        const int row = tableModel_->rowOfOp(op);
        if (row < 0) continue;
        const QModelIndex index = proxy_->mapFromSource(tableModel_->index(row, 0));
        rows.select(index, index);
        const int step = op < static_cast<int>(stepOfOp_.size()) ? stepOfOp_[op] : -1;
        if (step < 0) continue;
        firstStep = firstStep < 0 ? step : std::min(firstStep, step);
        lastStep = std::max(lastStep, step);
    }
    table_->selectionModel()->select(rows, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    chart_->highlightSteps(firstStep, lastStep);
}

std::vector<int> AnalysisView::selectedOps() const {
    std::vector<int> ops;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        ops.push_back(proxy_->data(index, widgets::LayerTableModel::OpIndexRole).toInt());
    std::sort(ops.begin(), ops.end());
    return ops;
}

void AnalysisView::onTableRowChanged(const QModelIndex& current) {
    if (!current.isValid() || !document_) return;
    selectedOp_ = proxy_->data(current, widgets::LayerTableModel::OpIndexRole).toInt();
    const int step = (selectedOp_ >= 0 && selectedOp_ < static_cast<int>(stepOfOp_.size())) ? stepOfOp_[selectedOp_] : -1;
    chart_->highlightStep(step);
    showDetails();
}

void AnalysisView::showDetails() {
    if (!document_ || selectedOp_ < 0) return;
    const auto& ops = document_->analysis.profile.ops;
    if (selectedOp_ >= static_cast<int>(ops.size())) return;
    details_->showOp(*document_->graph, ops[selectedOp_], currentPlan(), stepOfOp_[selectedOp_]);
}

void AnalysisView::onChartStepClicked(int step) {
    const auto& plan = currentPlan();
    if (step < 0 || step >= static_cast<int>(plan.timeline.size())) return;
    selectOp(plan.timeline[step].opIndex);
    sidePanel_->setCurrentWidget(details_);
}

void AnalysisView::resetChartZoom() {
    chart_->setPlan(currentPlan(), analysis::peakStep(currentPlan()), chart_->highlightedStep());
}

}  // namespace mcunet::studio
