// The network editor for MCUNet configs: the blocks as an editable table (kernel size, expand
// ratio, output channels, stride, identity shortcut) plus resolution and width controls, and the
// network's depth: insert, remove, duplicate and move blocks (buttons, Insert / Delete / Ctrl+D /
// Alt+Up / Alt+Down, right-click) and the depth of the current block's stage. It never edits
// the config itself: every change is a request (signal) that the owner checks with core
// (arch::editBlock & co.) and either applies, via setConfig, or refuses, via showRefusal.
#pragma once

#include <QAbstractTableModel>
#include <QWidget>

#include "arch/arch_edit.h"
#include "io/mcunet_config.h"

class QAction;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace mcunet::widgets {

class BlockTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { BlockColumn, KernelColumn, ExpandColumn, InColumn, MidColumn, OutColumn, StrideColumn,
                  ShortcutColumn, ColumnCount };

    explicit BlockTableModel(QObject* parent = nullptr);
    void setConfig(const io::McunetConfig& config);
    const io::McunetConfig& config() const { return config_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Turns the edit into editRequested and returns false: the table changes only when the
    // owner accepts the edit and calls setConfig.
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void editRequested(int block, mcunet::arch::BlockField field, double value);

private:
    io::McunetConfig config_;
};

class NetworkEditor : public QWidget {
    Q_OBJECT
public:
    // Changes of the network's depth, on the current block.
    enum class BlockAction { InsertAfter, Remove, Duplicate, MoveUp, MoveDown };

    explicit NetworkEditor(QWidget* parent = nullptr);

    void setConfig(const io::McunetConfig& config);
    void showRefusal(const QString& reason);
    void clearRefusal();
    QString refusal() const;
    // The block (row) the user is on, -1 for none.
    int currentBlock() const;

    BlockTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QSpinBox* resolutionBox() const { return resolution_; }
    QDoubleSpinBox* widthBox() const { return width_; }
    QPushButton* applyWidthButton() const { return applyWidth_; }
    QSpinBox* stageDepthBox() const { return stageDepth_; }
    QAction* blockAction(BlockAction action) const { return actions_[static_cast<int>(action)]; }
    // Puts the user on block `block` (e.g. the one just inserted or moved).
    void setCurrentBlock(int block);

signals:
    void editRequested(int block, mcunet::arch::BlockField field, double value);
    void resolutionRequested(int resolution);
    void widthScaleRequested(double multiplier);
    void saveRequested();
    // The user moved to another block (table row); -1 when none is current.
    void blockSelected(int block);
    void blockActionRequested(mcunet::widgets::NetworkEditor::BlockAction action, int block);
    void stageDepthRequested(int stage, int depth);

private:
    void updateBlockControls();
    void requestAction(BlockAction action);
    void showBlockMenu(const QPoint& pos);

    BlockTableModel* model_ = nullptr;
    QTableView* table_ = nullptr;
    QSpinBox* resolution_ = nullptr;
    QDoubleSpinBox* width_ = nullptr;
    QPushButton* applyWidth_ = nullptr;
    QLabel* refusal_ = nullptr;
    QLabel* summary_ = nullptr;
    QSpinBox* stageDepth_ = nullptr;
    QLabel* stageLabel_ = nullptr;
    QAction* actions_[5] = {};
    bool restoringCurrent_ = false;  // setConfig puts the user back on their cell: not a new selection
};

}  // namespace mcunet::widgets
