// The analysis view: summary strip and unsupported-ops banner on top, the memory chart over the
// per-layer table on the left, the side panel (layer details, Flash, and the network editor
// when one is open) on the right. Selecting a table row highlights its bar and the reverse.
#pragma once

#include <QWidget>
#include <vector>

#include "device/board.h"
#include "model_document.h"

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QToolButton;
class QSplitter;

namespace mcunet::widgets {
class SummaryStrip;
class MemoryChart;
class LayerTableModel;
class LayerDetails;
class FlashChart;
class ElidedLabel;
}  // namespace mcunet::widgets

namespace mcunet::studio {

class AnalysisView : public QWidget {
    Q_OBJECT
public:
    enum class PlanKind { Engine, Tflm };

    explicit AnalysisView(QWidget* parent = nullptr);

    // keepSelection: an edit of the same network keeps the selected op; a new model selects the
    // op at the peak of the current plan.
    void setDocument(DocumentPtr document, bool keepSelection = false);
    // A document analysed for `board`: board and numbers change together, in one redraw.
    void showDocument(DocumentPtr document, const device::Board& board, bool keepSelection);
    void setBoard(const device::Board& board);
    void setPlanKind(PlanKind kind);
    PlanKind planKind() const { return planKind_; }
    void selectOp(int opIndex);  // -1 clears
    // Selects several ops at once (a block of the network editor): their table rows and the
    // chart steps from the first to the last; the details show the first op.
    void selectOps(const std::vector<int>& opIndices);
    std::vector<int> selectedOps() const;
    int selectedOp() const { return selectedOp_; }
    void resetChartZoom();

    // The side panel, so the window can add the network editor as a tab.
    QTabWidget* sidePanel() const { return sidePanel_; }
    QSplitter* mainSplitter() const { return mainSplitter_; }
    QSplitter* leftSplitter() const { return leftSplitter_; }

    widgets::SummaryStrip* summary() const { return summary_; }
    widgets::MemoryChart* chart() const { return chart_; }
    widgets::LayerTableModel* tableModel() const { return tableModel_; }
    QTableView* table() const { return table_; }
    widgets::LayerDetails* details() const { return details_; }
    widgets::FlashChart* flashChart() const { return flash_; }
    QLabel* unsupportedBanner() const { return banner_; }

signals:
    void planKindChanged(mcunet::studio::AnalysisView::PlanKind kind);

private:
    const analysis::MemoryPlan& currentPlan() const;
    void refreshPlan(int selectedOp);
    void refreshVerdict();
    void showDetails();
    void onTableRowChanged(const QModelIndex& current);
    void onChartStepClicked(int step);

    DocumentPtr document_;
    device::Board board_;
    PlanKind planKind_ = PlanKind::Engine;
    int selectedOp_ = -1;
    std::vector<int> stepOfOp_;

    widgets::SummaryStrip* summary_ = nullptr;
    QLabel* banner_ = nullptr;
    widgets::ElidedLabel* provenance_ = nullptr;
    widgets::MemoryChart* chart_ = nullptr;
    widgets::ElidedLabel* planNotes_ = nullptr;
    QToolButton* engineButton_ = nullptr;
    QToolButton* tflmButton_ = nullptr;
    widgets::LayerTableModel* tableModel_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    widgets::LayerDetails* details_ = nullptr;
    widgets::FlashChart* flash_ = nullptr;
    QTabWidget* sidePanel_ = nullptr;
    QSplitter* mainSplitter_ = nullptr;
    QSplitter* leftSplitter_ = nullptr;
};

}  // namespace mcunet::studio
