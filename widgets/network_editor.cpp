#include "network_editor.h"

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QToolButton>
#include <QToolTip>
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
            box->setRange(0, 100000);  // core decides what is too many and says so
            box->setSingleStep(8);
            return box;
        }
        default: return QStyledItemDelegate::createEditor(parent, option, index);
        }
    }

    // The cell is as narrow as its numbers; the editor gets room for its value and arrows
    // ("16" next to a spin box's buttons), even if it overlaps the next column while open.
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyledItemDelegate::updateEditorGeometry(editor, option, index);
        QRect rect = editor->geometry();
        rect.setWidth(std::max(rect.width(), editor->sizeHint().width()));
        editor->setGeometry(rect);
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
        case ShortcutColumn: return tr("Identity shortcut: the block's input is added to its output (a residual "
                                       "connection); needs stride 1 and in = out. Unchecked, the block still runs.");
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
    case ShortcutColumn: return tr("Identity\nshortcut");
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
    // Wider than core's 8..1024: a value out of range is explained (core's reason), not clamped.
    resolution_->setRange(1, 4096);
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
    table_->setSelectionBehavior(QAbstractItemView::SelectItems);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QTableView::customContextMenuRequested, this, &NetworkEditor::showBlockMenu);

    // Why the last change was not applied, right under the controls where it was typed.
    refusal_ = new QLabel(this);
    refusal_->setObjectName("editorRefusal");
    refusal_->setWordWrap(true);
    refusal_->setStyleSheet(noticeStyle(palette(), "error"));
    refusal_->hide();
    layout->addWidget(refusal_);

    // Depth: actions on the current block, as buttons, keys and the context menu.
    auto* blockRow = new QHBoxLayout;
    blockRow->setSpacing(2);
    const struct {
        BlockAction action;
        const char* text;
        const char* tip;
        QKeySequence key;
    } blockActions[] = {
        {BlockAction::InsertAfter, QT_TR_NOOP("Insert"), QT_TR_NOOP("Insert a block after this one (stride 1, identity shortcut) — Insert"),
         QKeySequence(Qt::Key_Insert)},
        {BlockAction::Remove, QT_TR_NOOP("Remove"), QT_TR_NOOP("Remove this block — Delete"), QKeySequence(QKeySequence::Delete)},
        {BlockAction::Duplicate, QT_TR_NOOP("Duplicate"), QT_TR_NOOP("Copy this block right after it — Ctrl+D"),
         QKeySequence(Qt::CTRL | Qt::Key_D)},
        {BlockAction::MoveUp, QT_TR_NOOP("Up"), QT_TR_NOOP("Move this block up — Alt+Up"), QKeySequence(Qt::ALT | Qt::Key_Up)},
        {BlockAction::MoveDown, QT_TR_NOOP("Down"), QT_TR_NOOP("Move this block down — Alt+Down"), QKeySequence(Qt::ALT | Qt::Key_Down)},
    };
    for (const auto& a : blockActions) {
        auto* action = new QAction(tr(a.text), this);
        action->setToolTip(tr(a.tip));
        action->setShortcut(a.key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);  // only while the editor has focus
        action->setObjectName(QString("blockAction%1").arg(static_cast<int>(a.action)));
        const BlockAction which = a.action;
        connect(action, &QAction::triggered, this, [this, which] { requestAction(which); });
        table_->addAction(action);
        actions_[static_cast<int>(a.action)] = action;
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        blockRow->addWidget(button);
    }
    blockRow->addStretch(1);
    layout->addLayout(blockRow);
    auto* stageRow = new QHBoxLayout;
    stageLabel_ = new QLabel(this);
    stageRow->addWidget(stageLabel_);
    stageDepth_ = new QSpinBox(this);
    stageDepth_->setObjectName("stageDepthBox");
    stageDepth_->setRange(1, 32);
    stageDepth_->setKeyboardTracking(false);
    stageDepth_->setToolTip(tr("Blocks in this block's stage (a block that changes width or stride and the "
                               "identity-shortcut blocks after it). Deeper copies the stage's last block."));
    stageRow->addWidget(stageDepth_);
    stageRow->addStretch(1);
    layout->addLayout(stageRow);
    layout->addWidget(table_, 1);

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
                updateBlockControls();
                if (!restoringCurrent_) emit blockSelected(current.isValid() ? current.row() : -1);
            });
    connect(stageDepth_, &QSpinBox::valueChanged, this, [this](int depth) {
        const int block = currentBlock();
        if (block < 0) return;
        const auto spans = arch::stages(model_->config());
        for (int stage = 0; stage < static_cast<int>(spans.size()); ++stage)
            if (block >= spans[stage].firstBlock && block < spans[stage].firstBlock + spans[stage].depth)
                emit stageDepthRequested(stage, depth);
    });
    updateBlockControls();
}

void NetworkEditor::requestAction(BlockAction action) {
    const int block = currentBlock();
    if (block < 0) return;
    emit blockActionRequested(action, block);
}

void NetworkEditor::setCurrentBlock(int block) {
    if (block < 0 || block >= model_->rowCount()) return;
    const int column = table_->currentIndex().isValid() ? table_->currentIndex().column() : BlockTableModel::BlockColumn;
    table_->setCurrentIndex(model_->index(block, column));
}

void NetworkEditor::updateBlockControls() {
    const int block = currentBlock();
    const int count = model_->rowCount();
    actions_[static_cast<int>(BlockAction::InsertAfter)]->setEnabled(block >= 0);
    actions_[static_cast<int>(BlockAction::Remove)]->setEnabled(block >= 0 && count > 1);
    actions_[static_cast<int>(BlockAction::Duplicate)]->setEnabled(block >= 0);
    actions_[static_cast<int>(BlockAction::MoveUp)]->setEnabled(block > 0);
    actions_[static_cast<int>(BlockAction::MoveDown)]->setEnabled(block >= 0 && block + 1 < count);
    const QSignalBlocker quiet(stageDepth_);
    stageDepth_->setEnabled(false);
    stageLabel_->setText(tr("Stage depth:"));
    if (block < 0) return;
    const auto spans = arch::stages(model_->config());
    for (int stage = 0; stage < static_cast<int>(spans.size()); ++stage) {
        if (block < spans[stage].firstBlock || block >= spans[stage].firstBlock + spans[stage].depth) continue;
        stageLabel_->setText(tr("Stage %1 (blocks %2–%3) depth:")
                                 .arg(stage)
                                 .arg(spans[stage].firstBlock)
                                 .arg(spans[stage].firstBlock + spans[stage].depth - 1));
        stageDepth_->setValue(spans[stage].depth);
        stageDepth_->setEnabled(true);
    }
}

void NetworkEditor::showBlockMenu(const QPoint& pos) {
    const QModelIndex index = table_->indexAt(pos);
    if (index.isValid()) table_->setCurrentIndex(index);
    QMenu menu(this);
    for (QAction* action : actions_) menu.addAction(action);
    menu.exec(table_->viewport()->mapToGlobal(pos));
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
    updateBlockControls();
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
    // Also where the value was typed, when it was typed in one of the controls.
    QWidget* focus = focusWidget();
    if (focus && (focus == resolution_ || focus == width_ || resolution_->isAncestorOf(focus) || width_->isAncestorOf(focus)))
        QToolTip::showText(focus->mapToGlobal(QPoint(0, focus->height())), refusal_->text(), focus);
}

void NetworkEditor::clearRefusal() {
    refusal_->clear();
    refusal_->hide();
}

QString NetworkEditor::refusal() const { return refusal_->isVisible() ? refusal_->text() : QString(); }

}  // namespace mcunet::widgets
