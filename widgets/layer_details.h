// The side panel for the selected layer, like Netron's: the operator and its attributes, every
// input/output tensor with shape, type and quantization, and where the selected memory plan put
// its buffers (offset, size, lifetime). Names of any length stay readable: the Property column
// takes at most about half the width and elides in the middle (TF exports fuse whole op paths
// into one tensor name), the full text is on hover, and Ctrl+C / the context menu copy it.
#pragma once

#include <QWidget>

#include "analysis/memory_plan.h"
#include "analysis/profile.h"
#include "ir/graph.h"

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;

namespace mcunet::widgets {

class LayerDetails : public QWidget {
    Q_OBJECT
public:
    explicit LayerDetails(QWidget* parent = nullptr);

    // Shows op `opIndex` of `graph`; the plan gives buffer placement, `step` its step (-1: none).
    void showOp(const ir::Graph& graph, const analysis::OpProfile& profile,
                const analysis::MemoryPlan& plan, int step);
    void clear();
    QTreeWidget* tree() const { return tree_; }
    QString title() const;
    // What Ctrl+C copies for the current row: "property<TAB>value".
    QString copyText() const;
    void copyCurrentRow() const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void addTensor(QTreeWidgetItem* parent, const ir::Graph& graph, int tensorIndex);
    QTreeWidgetItem* addRow(QTreeWidgetItem* parent, const QString& key, const QString& value);
    // Property column: as wide as its texts, but never more than ~45% of the tree.
    void fitColumns();
    void showContextMenu(const QPoint& pos);

    QLabel* title_ = nullptr;
    QTreeWidget* tree_ = nullptr;
};

}  // namespace mcunet::widgets
