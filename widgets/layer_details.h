// The side panel for the selected layer, like Netron's: the operator and its attributes, every
// input/output tensor with shape, type and quantization, and where the selected memory plan put
// its buffers (offset, size, lifetime).
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

private:
    void addTensor(QTreeWidgetItem* parent, const ir::Graph& graph, int tensorIndex);
    QTreeWidgetItem* addRow(QTreeWidgetItem* parent, const QString& key, const QString& value);

    QLabel* title_ = nullptr;
    QTreeWidget* tree_ = nullptr;
};

}  // namespace mcunet::widgets
