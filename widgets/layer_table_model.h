// The per-layer table: one row per graph op with core's profile numbers and the live bytes the
// selected memory plan has at that op's step. Sort through a QSortFilterProxyModel using
// SortRole (raw numbers, not the formatted text).
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "analysis/memory_plan.h"
#include "analysis/profile.h"

namespace mcunet::widgets {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IndexColumn,
        OpColumn,
        InputShapeColumn,
        OutputShapeColumn,
        MacsColumn,
        ParamsColumn,
        InputBytesColumn,
        OutputBytesColumn,
        LiveBytesColumn,
        SupportColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int OpIndexRole = Qt::UserRole + 1;

    explicit LayerTableModel(QObject* parent = nullptr);

    // stepOfOp[i] = the plan step executing op i (analysis::stepOfOp), -1 when fused away.
    // `engineError`: why our engine cannot run the model as a whole (e.g. float tensors), "" when
    // it can; every row's Support then says the engine does not run it.
    void setAnalysis(const analysis::Profile& profile, const analysis::MemoryPlan& plan,
                     std::vector<int> stepOfOp, const QString& engineError = {});
    void clear();
    int rowOfOp(int opIndex) const;  // rows are ops in execution order

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString supportText(const analysis::OpProfile& op) const;
    QVariant displayValue(const analysis::OpProfile& op, int column) const;
    QVariant sortValue(const analysis::OpProfile& op, int column) const;
    int64_t liveBytes(int opIndex) const;  // -1 when the plan has no step for the op

    analysis::Profile profile_;
    std::vector<int64_t> liveBytesByOp_;
    bool planRuns_ = false;
    QString engineError_;  // the plan has steps (the runtime can run the model)
};

}  // namespace mcunet::widgets
