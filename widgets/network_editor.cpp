#include "network_editor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "theme.h"

namespace mcunet::widgets {

namespace {

// Editors that offer the values MCUNet's search space uses, so a typo cannot even be typed;
// anything else that core refuses still gets its reason shown.
class BlockDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        switch (index.column()) {
        case BlockTableModel::KernelColumn: return combo(parent, {3, 5, 7});
        case BlockTableModel::StrideColumn: return combo(parent, {1, 2});
        case BlockTableModel::ExpandColumn: {
            auto* box = new QDoubleSpinBox(parent);
            box->setRange(1, 8);
            box->setDecimals(1);
            box->setSingleStep(1);
            return box;
        }
        case BlockTableModel::OutColumn: {
            auto* box = new QSpinBox(parent);
            box->setRange(1, 2048);
            box->setSingleStep(8);
            return box;
        }
        default: return QStyledItemDelegate::createEditor(parent, option, index);
        }
    }

    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        const double value = index.data(Qt::EditRole).toDouble();
        if (auto* box = qobject_cast<QComboBox*>(editor)) box->setCurrentIndex(box->findData(static_cast<int>(value)));
        else if (auto* spin = qobject_cast<QDoubleSpinBox*>(editor)) spin->setValue(value);
        else if (auto* spin = qobject_cast<QSpinBox*>(editor)) spin->setValue(static_cast<int>(value));
        else QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override {
        if (auto* box = qobject_cast<QComboBox*>(editor)) model->setData(index, box->currentData(), Qt::EditRole);
        else if (auto* spin = qobject_cast<QDoubleSpinBox*>(editor)) model->setData(index, spin->value(), Qt::EditRole);
        else if (auto* spin = qobject_cast<QSpinBox*>(editor)) model->setData(index, spin->value(), Qt::EditRole);
        else QStyledItemDelegate::setModelData(editor, model, index);
    }

private:
    static QComboBox* combo(QWidget* parent, std::initializer_list<int> values) {
        auto* box = new QComboBox(parent);
        for (int v : values) box->addItem(QString::number(v), v);
        return box;
    }
};

}  // namespace

BlockTableModel::BlockTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void BlockTableModel::setConfig(const io::McunetConfig& config) {
    if (config.blocks.size() == config_.blocks.size()) {
        config_ = config;
        if (!config_.blocks.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    config_ = config;
    endResetModel();
}

int BlockTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(config_.blocks.size());
}

int BlockTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BlockTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& block = config_.blocks[index.row()];
    const auto& conv = block.conv;
    if (role == Qt::CheckStateRole && index.column() == ShortcutColumn)
        return block.shortcut ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole) return QVariant::fromValue(Qt::AlignCenter);
    if (role == Qt::ToolTipRole && block.zero) return tr("ZeroLayer: this block passes its input through");
    if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
    if (block.zero && index.column() != BlockColumn && index.column() != ShortcutColumn) return QStringLiteral("—");
    switch (index.column()) {
    case BlockColumn: return index.row();
    case KernelColumn: return conv.kernelSize;
    case ExpandColumn: return conv.expandRatio;
    case InColumn: return conv.inChannels;
    case MidColumn: return conv.expandRatio == 1 ? QVariant(QStringLiteral("—")) : QVariant(io::blockMidChannels(conv));
    case OutColumn: return conv.outChannels;
    case StrideColumn: return conv.stride;
    case ShortcutColumn: return role == Qt::EditRole ? QVariant(block.shortcut.has_value()) : QVariant();
    default: return {};
    }
}

QVariant BlockTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case KernelColumn: return tr("Depthwise kernel size");
        case ExpandColumn: return tr("Expand ratio: mid channels = in × ratio");
        case MidColumn: return tr("Expanded (mid) channels, follows in × expand ratio");
        case ShortcutColumn: return tr("Identity shortcut (residual add, \"skip\"): needs stride 1 and in = out");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case BlockColumn: return tr("#");
    case KernelColumn: return tr("Kernel");
    case ExpandColumn: return tr("Expand");
    case InColumn: return tr("In");
    case MidColumn: return tr("Mid");
    case OutColumn: return tr("Out");
    case StrideColumn: return tr("Stride");
    case ShortcutColumn: return tr("Skip");
    default: return {};
    }
}

Qt::ItemFlags BlockTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid() || index.row() >= rowCount() || config_.blocks[index.row()].zero) return flags;
    switch (index.column()) {
    case KernelColumn:
    case ExpandColumn:
    case OutColumn:
    case StrideColumn: return flags | Qt::ItemIsEditable;
    case ShortcutColumn: return flags | Qt::ItemIsUserCheckable;
    default: return flags;
    }
}

bool BlockTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= rowCount()) return false;
    const int block = index.row();
    if (role == Qt::CheckStateRole && index.column() == ShortcutColumn) {
        emit editRequested(block, arch::BlockField::Shortcut, value.toInt() == Qt::Checked ? 1 : 0);
        return false;
    }
    if (role != Qt::EditRole) return false;
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok) return false;
    switch (index.column()) {
    case KernelColumn: emit editRequested(block, arch::BlockField::KernelSize, number); break;
    case ExpandColumn: emit editRequested(block, arch::BlockField::ExpandRatio, number); break;
    case OutColumn: emit editRequested(block, arch::BlockField::OutChannels, number); break;
    case StrideColumn: emit editRequested(block, arch::BlockField::Stride, number); break;
    default: break;
    }
    return false;
}

NetworkEditor::NetworkEditor(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Resolution:"), this));
    resolution_ = new QSpinBox(this);
    resolution_->setObjectName("resolutionBox");
    resolution_->setRange(32, 1024);
    resolution_->setSingleStep(16);
    resolution_->setSuffix(tr(" px"));
    resolution_->setKeyboardTracking(false);  // re-profile when typing is done, not per keystroke
    resolution_->setToolTip(tr("Input height = width"));
    controls->addWidget(resolution_);
    controls->addStretch(1);
    layout->addLayout(controls);
    // Width on a row of its own: the side panel stays narrow enough for a 1024-pixel screen.
    controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Width ×"), this));
    width_ = new QDoubleSpinBox(this);
    width_->setObjectName("widthBox");
    width_->setRange(0.25, 2.0);
    width_->setSingleStep(0.25);
    width_->setDecimals(2);
    width_->setValue(1.0);
    width_->setToolTip(tr("Scale every layer's channels (rounded to multiples of 8)"));
    controls->addWidget(width_);
    applyWidth_ = new QPushButton(tr("Scale"), this);
    applyWidth_->setToolTip(tr("Apply the width multiplier to the current network"));
    controls->addWidget(applyWidth_);
    controls->addStretch(1);
    layout->addLayout(controls);

    model_ = new BlockTableModel(this);
    table_ = new QTableView(this);
    table_->setObjectName("blockTable");
    table_->setModel(model_);
    table_->setItemDelegate(new BlockDelegate(table_));
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    // Columns as wide as their header or values; any width left over goes to the block number.
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(BlockTableModel::BlockColumn, QHeaderView::Stretch);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    table_->setAlternatingRowColors(true);
    layout->addWidget(table_, 1);

    refusal_ = new QLabel(this);
    refusal_->setObjectName("editorRefusal");
    refusal_->setWordWrap(true);
    refusal_->setStyleSheet(noticeStyle(palette(), "error"));
    refusal_->hide();
    layout->addWidget(refusal_);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto* save = new QPushButton(tr("Save as MCUNet JSON…"), this);
    buttons->addWidget(save);
    layout->addLayout(buttons);

    connect(model_, &BlockTableModel::editRequested, this, &NetworkEditor::editRequested);
    connect(resolution_, &QSpinBox::valueChanged, this, &NetworkEditor::resolutionRequested);
    connect(applyWidth_, &QPushButton::clicked, this, [this] { emit widthScaleRequested(width_->value()); });
    connect(save, &QPushButton::clicked, this, &NetworkEditor::saveRequested);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!restoringCurrent_) emit blockSelected(current.isValid() ? current.row() : -1);
            });
}

int NetworkEditor::currentBlock() const {
    const QModelIndex current = table_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void NetworkEditor::setConfig(const io::McunetConfig& config) {
    // The model resets; the user stays on the same cell (quietly: it is the same block).
    const QModelIndex current = table_->currentIndex();
    restoringCurrent_ = true;
    model_->setConfig(config);
    if (current.isValid() && current.row() < model_->rowCount())
        table_->setCurrentIndex(model_->index(current.row(), current.column()));
    restoringCurrent_ = false;
    const QSignalBlocker blocker(resolution_);
    resolution_->setValue(config.inputResolution());
    width_->setValue(1.0);
    summary_->setText(tr("<b>%1 blocks</b> · first conv %2 channels · classifier %3 → %4")
                          .arg(config.blocks.size())
                          .arg(config.firstConv.outChannels)
                          .arg(config.classifier.inFeatures)
                          .arg(config.classifier.outFeatures));
}

void NetworkEditor::showRefusal(const QString& reason) {
    refusal_->setText(tr("Not applied: %1").arg(reason));
    refusal_->show();
}

void NetworkEditor::clearRefusal() {
    refusal_->clear();
    refusal_->hide();
}

QString NetworkEditor::refusal() const { return refusal_->isVisible() ? refusal_->text() : QString(); }

}  // namespace mcunet::widgets
