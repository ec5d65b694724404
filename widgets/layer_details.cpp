#include "layer_details.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QKeyEvent>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "format.h"

namespace mcunet::widgets {

namespace {

QString quantText(const ir::QuantParams& quant) {
    if (quant.empty()) return QObject::tr("none");
    if (!quant.perChannel()) {
        const int64_t zeroPoint = quant.zeroPoint.empty() ? 0 : quant.zeroPoint.front();
        return QObject::tr("scale %1, zero point %2").arg(quant.scale.front(), 0, 'g', 6).arg(zeroPoint);
    }
    const auto [lo, hi] = std::minmax_element(quant.scale.begin(), quant.scale.end());
    return QObject::tr("per-channel (%1 scales on axis %2), %3 … %4")
        .arg(quant.scale.size())
        .arg(quant.axis)
        .arg(*lo, 0, 'g', 4)
        .arg(*hi, 0, 'g', 4);
}

QString paddingName(ir::Padding padding) {
    return padding == ir::Padding::Same ? QStringLiteral("SAME") : QStringLiteral("VALID");
}

}  // namespace

LayerDetails::LayerDetails(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    title_->setObjectName("layerDetailsTitle");
    title_->setStyleSheet("font-weight: 600; font-size: 11pt;");
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Property"), tr("Value")});
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->header()->setStretchLastSection(true);
    tree_->header()->setMinimumSectionSize(60);
    tree_->setAlternatingRowColors(true);
    tree_->setTextElideMode(Qt::ElideMiddle);  // "model/conv2d_1/…/Relu": both ends say what it is
    tree_->setUniformRowHeights(true);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree_, &QTreeWidget::customContextMenuRequested, this, &LayerDetails::showContextMenu);
    // The view's own Ctrl+C copies one cell; ours copies the row.
    tree_->installEventFilter(this);
    layout->addWidget(title_);
    layout->addWidget(tree_);
    clear();
}

QString LayerDetails::title() const { return title_->text(); }

void LayerDetails::clear() {
    tree_->clear();
    title_->setText(tr("Select a layer in the table or the chart"));
}

QTreeWidgetItem* LayerDetails::addRow(QTreeWidgetItem* parent, const QString& key, const QString& value) {
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree_);
    item->setText(0, key);
    item->setText(1, value);
    item->setToolTip(0, key);
    item->setToolTip(1, value);
    return item;
}

QString LayerDetails::copyText() const {
    const QTreeWidgetItem* item = tree_->currentItem();
    if (!item) return {};
    return item->text(1).isEmpty() ? item->text(0) : item->text(0) + '\t' + item->text(1);
}

bool LayerDetails::eventFilter(QObject* watched, QEvent* event) {
    if (watched == tree_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        copyCurrentRow();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void LayerDetails::copyCurrentRow() const {
    if (const QString text = copyText(); !text.isEmpty()) QApplication::clipboard()->setText(text);
}

void LayerDetails::showContextMenu(const QPoint& pos) {
    QTreeWidgetItem* item = tree_->itemAt(pos);
    if (!item) return;
    tree_->setCurrentItem(item);
    QMenu menu(this);
    menu.addAction(tr("Copy Name"), this, [item] { QApplication::clipboard()->setText(item->text(0)); });
    if (!item->text(1).isEmpty())
        menu.addAction(tr("Copy Value"), this, [item] { QApplication::clipboard()->setText(item->text(1)); });
    menu.addAction(tr("Copy Row"), this, &LayerDetails::copyCurrentRow)->setShortcut(QKeySequence::Copy);
    menu.exec(tree_->viewport()->mapToGlobal(pos));
}

void LayerDetails::fitColumns() {
    const int available = tree_->viewport()->width();
    if (available <= 0) return;
    tree_->resizeColumnToContents(0);
    const int cap = std::max(tree_->header()->minimumSectionSize(), available * 45 / 100);
    if (tree_->columnWidth(0) > cap) tree_->setColumnWidth(0, cap);
}

void LayerDetails::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitColumns();
}

void LayerDetails::addTensor(QTreeWidgetItem* parent, const ir::Graph& graph, int tensorIndex) {
    if (tensorIndex < 0 || tensorIndex >= static_cast<int>(graph.tensors.size())) {
        addRow(parent, tr("(absent)"), QString());
        return;
    }
    const auto& tensor = graph.tensors[tensorIndex];
    auto* item = addRow(parent, QString::fromStdString(tensor.name),
                        QString("%1 %2").arg(formatShape(tensor.shape),
                                             QString::fromUtf8(ir::dtypeName(tensor.dtype).data(),
                                                               static_cast<int>(ir::dtypeName(tensor.dtype).size()))));
    addRow(item, tr("tensor"), QString("#%1%2").arg(tensorIndex).arg(tensor.isConstant ? tr(" (constant)") : QString()));
    addRow(item, tr("size"), formatBytes(tensor.byteSize()));
    addRow(item, tr("quantization"), quantText(tensor.quant));
    // Activations open, constants folded: the data flowing through the layer comes first.
    item->setExpanded(!tensor.isConstant);
}

void LayerDetails::showOp(const ir::Graph& graph, const analysis::OpProfile& profile,
                          const analysis::MemoryPlan& plan, int step) {
    tree_->clear();
    if (profile.opIndex < 0 || profile.opIndex >= static_cast<int>(graph.ops.size())) {
        clear();
        return;
    }
    const auto& op = graph.ops[profile.opIndex];
    title_->setText(tr("#%1  %2%3").arg(profile.opIndex).arg(QString::fromStdString(profile.opName),
                                                           profile.unsupported ? tr("  (unsupported)") : QString()));

    auto* summary = addRow(nullptr, tr("Operator"), QString::fromStdString(profile.opName));
    addRow(summary, tr("MACs"), formatCount(profile.macs));
    addRow(summary, tr("parameters"), tr("%1 (%2)").arg(formatCount(profile.params), formatBytes(profile.paramBytes)));
    const auto& a = op.attrs;
    switch (op.kind) {
    case ir::OpKind::Conv2D:
    case ir::OpKind::DepthwiseConv2D:
    case ir::OpKind::AveragePool2D:
    case ir::OpKind::MaxPool2D:
        addRow(summary, tr("stride"), QString("%1x%2").arg(a.strideH).arg(a.strideW));
        addRow(summary, tr("padding"), paddingName(a.padding));
        if (op.kind == ir::OpKind::AveragePool2D || op.kind == ir::OpKind::MaxPool2D)
            addRow(summary, tr("window"), QString("%1x%2").arg(a.filterH).arg(a.filterW));
        else
            addRow(summary, tr("dilation"), QString("%1x%2").arg(a.dilationH).arg(a.dilationW));
        break;
    default: break;
    }
    const auto activation = ir::activationName(a.activation);
    addRow(summary, tr("fused activation"), QString::fromUtf8(activation.data(), static_cast<int>(activation.size())));
    summary->setExpanded(true);

    auto* inputs = addRow(nullptr, tr("Inputs"), QString::number(op.inputs.size()));
    for (int t : op.inputs) addTensor(inputs, graph, t);
    inputs->setExpanded(true);
    auto* outputs = addRow(nullptr, tr("Outputs"), QString::number(op.outputs.size()));
    for (int t : op.outputs) addTensor(outputs, graph, t);
    outputs->setExpanded(true);

    const QString planName = plan.runtime == "tflm" ? tr("TF-Lite Micro plan") : tr("Engine plan");
    if (step < 0 || step >= static_cast<int>(plan.timeline.size())) {
        addRow(nullptr, planName, plan.timeline.empty() ? tr("none: this runtime cannot run the model")
                                                        : tr("no step of its own (fused or dropped)"));
        fitColumns();
        return;
    }
    const auto& timelineStep = plan.timeline[step];
    auto* memory = addRow(nullptr, planName, tr("step %1, %2 live").arg(step).arg(formatBytes(timelineStep.liveBytes)));
    for (int bufferIndex : timelineStep.liveBuffers) {
        if (bufferIndex < 0 || bufferIndex >= static_cast<int>(plan.buffers.size())) continue;
        const auto& buffer = plan.buffers[bufferIndex];
        const bool ownTensor = std::find(op.inputs.begin(), op.inputs.end(), buffer.tensor) != op.inputs.end() ||
                               std::find(op.outputs.begin(), op.outputs.end(), buffer.tensor) != op.outputs.end();
        QString role = buffer.isScratch ? tr("scratch") : ownTensor ? tr("this op") : tr("kept alive");
        // Short enough for the side panel: size, offset, role; the full range is in the tooltip.
        auto* item = addRow(memory, QString::fromStdString(buffer.owner),
                            tr("%1 @ %2 · %3").arg(formatBytes(buffer.sizeBytes), formatCount(buffer.offset), role));
        item->setToolTip(1, tr("bytes [%1, %2) of the arena, %3 B, alive steps %4–%5")
                                .arg(formatCount(buffer.offset), formatCount(buffer.offset + buffer.sizeBytes),
                                     formatCount(buffer.sizeBytes))
                                .arg(buffer.firstStep)
                                .arg(buffer.lastStep));
    }
    memory->setExpanded(true);
    fitColumns();
}

}  // namespace mcunet::widgets
