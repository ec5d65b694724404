// The memory story of one plan as a chart: one bar per timeline step, stacked by the buffers
// alive at that step (each buffer keeps its colour across steps), the board's SRAM limit and the
// plan's arena as lines, the peak step highlighted. Hover for a tooltip, drag to pan, wheel to
// zoom the steps, Ctrl+wheel to zoom the memory axis, double-click to reset, click a bar to
// select its step. Steps are whole numbers on the axis; memory is in kB, or in bytes for models
// whose memory is a few kB at most. Colours follow the widget's palette (dark themes included).
#pragma once

#include <QWidget>
#include <vector>

#include "analysis/memory_plan.h"

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace mcunet::widgets {

class BufferStack;

class MemoryChart : public QWidget {
    Q_OBJECT
public:
    explicit MemoryChart(QWidget* parent = nullptr);

    // Shows `plan`; peakStep is core's peak step of that plan (analysis::peakStep), highlight
    // the step to mark as selected (-1: none). One replot.
    void setPlan(const analysis::MemoryPlan& plan, int peakStep, int highlight = -1);
    void clear();
    // What the chart says when the plan is empty (no model, or the runtime cannot run it).
    void setEmptyText(const QString& text);
    // The board's SRAM limit as a horizontal line; limitBytes <= 0 hides it.
    void setSramLimit(int64_t limitBytes, const QString& boardName, bool replot = true);
    // Highlights one step (-1: none) without emitting stepClicked; replots only on a change.
    void highlightStep(int step);
    // Highlights the steps first..last (a block of the network editor); first = -1: none.
    void highlightSteps(int first, int last);
    // The memory axis reaches at least `bytes` (0: just this plan), so switching between the
    // plans of one model keeps the scale.
    void setValueCeiling(int64_t bytes);

    // What is drawn, for tests and tooltips.
    int stepCount() const;
    int highlightedStep() const { return highlightedStep_; }
    int highlightedLastStep() const { return highlightedLast_; }
    // Bytes per unit of the memory axis: 1024 (kB) or 1 (B, for tiny models).
    int64_t valueUnitBytes() const { return unitBytes_; }
    int peakStep() const { return peakStep_; }
    int64_t stackedBytesAt(int step) const;  // sum of the drawn bar segments at `step`
    int64_t sramLimitBytes() const { return sramLimitBytes_; }
    QString tooltipForStep(int step, int bufferIndex = -1) const;
    QCustomPlot* plot() const { return plot_; }

signals:
    void stepClicked(int step);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void applyPalette();
    void placeLabels();
    double toUnits(int64_t bytes) const { return static_cast<double>(bytes) / static_cast<double>(unitBytes_); }
    void placeSelection(int first, int last);
    void updateLimitLine();
    void updateRanges();
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    int stepAtPixel(double x) const;

    QCustomPlot* plot_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    analysis::MemoryPlan plan_;
    BufferStack* stack_ = nullptr;  // the bars: one plottable drawing every buffer segment
    QPointF pressPos_;
    QCPItemRect* peakRect_ = nullptr;
    QCPItemText* peakText_ = nullptr;
    QCPItemRect* selectionRect_ = nullptr;
    QCPItemText* selectionMarker_ = nullptr;  // ▼ over the selected bar
    QCPItemStraightLine* limitLine_ = nullptr;
    QCPItemText* limitText_ = nullptr;
    QCPItemStraightLine* arenaLine_ = nullptr;
    QCPItemText* arenaText_ = nullptr;
    int peakStep_ = -1;
    int highlightedStep_ = -1;
    int highlightedLast_ = -1;
    int64_t unitBytes_ = 1024;
    int64_t valueCeilingBytes_ = 0;
    int64_t sramLimitBytes_ = 0;
    QString boardName_;
};

}  // namespace mcunet::widgets
