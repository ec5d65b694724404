#include "layer_table_model.h"

#include <QBrush>
#include <QColor>
#include <QStringList>
#include <QObject>

#include "format.h"

namespace mcunet::widgets {

namespace {
QString shapesText(const std::vector<ir::Shape>& shapes) {
    QStringList parts;
    for (const auto& shape : shapes) parts << formatShape(shape);
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(", ");
}
}  // namespace

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setAnalysis(const analysis::Profile& profile, const analysis::MemoryPlan& plan,
                                  std::vector<int> stepOfOp, const QString& engineError) {
    beginResetModel();
    profile_ = profile;
    engineError_ = engineError;
    planRuns_ = !plan.timeline.empty();
    liveBytesByOp_.assign(profile_.ops.size(), -1);
    for (size_t op = 0; op < profile_.ops.size() && op < stepOfOp.size(); ++op) {
        const int step = stepOfOp[op];
        if (step >= 0 && step < static_cast<int>(plan.timeline.size())) {
            liveBytesByOp_[op] = plan.timeline[step].liveBytes;
        }
    }
    endResetModel();
}

void LayerTableModel::clear() {
    beginResetModel();
    profile_ = {};
    liveBytesByOp_.clear();
    endResetModel();
}

int LayerTableModel::rowOfOp(int opIndex) const {
    return (opIndex >= 0 && opIndex < static_cast<int>(profile_.ops.size())) ? opIndex : -1;
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(profile_.ops.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int64_t LayerTableModel::liveBytes(int opIndex) const {
    return (opIndex >= 0 && opIndex < static_cast<int>(liveBytesByOp_.size())) ? liveBytesByOp_[opIndex] : -1;
}

QString LayerTableModel::supportText(const analysis::OpProfile& op) const {
    // Per runtime: our engine needs a kernel for the op and a model it can run (int8); TF-Lite
    // Micro needs a kernel.
    const bool engine = op.engineSupported && engineError_.isEmpty();
    if (engine && op.tflmSupported) return tr("✓");
    if (op.tflmSupported) return tr("TFLM only");
    if (engine) return tr("engine only");
    return tr("unsupported");
}

QVariant LayerTableModel::displayValue(const analysis::OpProfile& op, int column) const {
    switch (column) {
    case IndexColumn: return op.opIndex;
    case OpColumn: return QString::fromStdString(op.opName);
    case InputShapeColumn: return shapesText(op.inputShapes);
    case OutputShapeColumn: return shapesText(op.outputShapes);
    case MacsColumn: return op.macsKnown ? formatCount(op.macs) : tr("unknown");
    case ParamsColumn: return formatCount(op.params);
    // One unit per column (kB) so values compare at a glance; exact bytes in the tooltip.
    case InputBytesColumn: return formatKiB(op.inputActivationBytes);
    case OutputBytesColumn: return formatKiB(op.outputActivationBytes);
    case LiveBytesColumn: {
        const int64_t live = liveBytes(op.opIndex);
        if (live >= 0) return formatKiB(live);
        return planRuns_ ? tr("fused") : QStringLiteral("—");  // no plan: nothing is fused
    }
    case SupportColumn: return supportText(op);
    default: return {};
    }
}

QVariant LayerTableModel::sortValue(const analysis::OpProfile& op, int column) const {
    switch (column) {
    case IndexColumn: return op.opIndex;
    case OpColumn: return QString::fromStdString(op.opName);
    case InputShapeColumn: return displayValue(op, column);
    case OutputShapeColumn: return displayValue(op, column);
    case MacsColumn: return static_cast<qlonglong>(op.macs);
    case ParamsColumn: return static_cast<qlonglong>(op.params);
    case InputBytesColumn: return static_cast<qlonglong>(op.inputActivationBytes);
    case OutputBytesColumn: return static_cast<qlonglong>(op.outputActivationBytes);
    case LiveBytesColumn: return static_cast<qlonglong>(liveBytes(op.opIndex));
    case SupportColumn: return supportText(op);
    default: return {};
    }
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(profile_.ops.size())) return {};
    const auto& op = profile_.ops[index.row()];
    switch (role) {
    case Qt::DisplayRole: return displayValue(op, index.column());
    case SortRole: return sortValue(op, index.column());
    case OpIndexRole: return op.opIndex;
    case Qt::TextAlignmentRole:
        if (index.column() >= MacsColumn && index.column() <= LiveBytesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == SupportColumn) return QVariant::fromValue(Qt::AlignCenter);
        return {};
    case Qt::ForegroundRole:
        if (op.unsupported) return QBrush(QColor(0xd0, 0x40, 0x40));
        if (index.column() == SupportColumn)
            return supportText(op) == tr("✓") ? QBrush(QColor(0x3a, 0x9a, 0x40)) : QBrush(QColor(0xc0, 0x80, 0x10));
        if (index.column() == MacsColumn && !op.macsKnown) return QBrush(QColor(0xc0, 0x80, 0x10));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == OpColumn || index.column() == InputShapeColumn || index.column() == OutputShapeColumn)
            return displayValue(op, index.column());  // the whole text when the column elides it
        if (index.column() == InputBytesColumn) return tr("%1 B").arg(formatCount(op.inputActivationBytes));
        if (index.column() == OutputBytesColumn) return tr("%1 B").arg(formatCount(op.outputActivationBytes));
        if (index.column() == LiveBytesColumn && liveBytes(op.opIndex) >= 0)
            return tr("%1 B").arg(formatCount(liveBytes(op.opIndex)));
        if (index.column() == LiveBytesColumn && liveBytes(op.opIndex) < 0 && !planRuns_)
            return tr("The selected runtime cannot run this model, so it has no memory plan; see the message over the chart.");
        if (index.column() == LiveBytesColumn && liveBytes(op.opIndex) < 0)
            return tr("This op has no step of its own in the plan (fused into a neighbour or dropped).");
        if (index.column() == MacsColumn && !op.macsKnown)
            return tr("No MAC rule for %1: not counted in the total, which is a lower bound").arg(QString::fromStdString(op.opName));
        if (index.column() == MacsColumn) return tr("%1 MACs · %2 MACC (STM32Cube.AI's count)").arg(formatCount(op.macs), formatCount(op.maccs));
        if (index.column() == SupportColumn) {
            QStringList lines;
            lines << (op.engineSupported ? (engineError_.isEmpty() ? tr("Our engine: runs it")
                                                                   : tr("Our engine: not for this model — %1").arg(engineError_))
                                         : tr("Our engine: no kernel for %1").arg(QString::fromStdString(op.opName)));
            lines << (op.tflmSupported ? tr("TF-Lite Micro: has a kernel") : tr("TF-Lite Micro: no kernel (a custom one is needed)"));
            return lines.join('\n');
        }
        if (op.unsupported) return tr("%1 is not supported by our engine").arg(QString::fromStdString(op.opName));
        return {};
    default: return {};
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case InputBytesColumn: return tr("Bytes of the op's activation inputs");
        case OutputBytesColumn: return tr("Bytes of the op's activation outputs");
        case LiveBytesColumn: return tr("Bytes alive in the arena while this op runs (selected plan)");
        case MacsColumn: return tr("Multiply-accumulate operations");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case OpColumn: return tr("Op");
    case InputShapeColumn: return tr("Input");
    case OutputShapeColumn: return tr("Output");
    case MacsColumn: return tr("MACs");
    case ParamsColumn: return tr("Params");
    case InputBytesColumn: return tr("In act.");
    case OutputBytesColumn: return tr("Out act.");
    case LiveBytesColumn: return tr("Live");
    case SupportColumn: return tr("Support");
    default: return {};
    }
}

}  // namespace mcunet::widgets
