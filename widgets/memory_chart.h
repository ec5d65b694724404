// The memory story of one plan as a chart: one bar per timeline step, stacked by the buffers
// alive at that step (each buffer keeps its colour across steps), the board's SRAM limit and the
// plan's arena as lines, the peak step highlighted. Hover for a tooltip, drag/wheel to pan/zoom,
// double-click to reset, click a bar to select its step.
#pragma once

#include <QWidget>
#include <vector>

#include "analysis/memory_plan.h"

class QCustomPlot;
class QCPBars;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace mcunet::widgets {

class MemoryChart : public QWidget {
    Q_OBJECT
public:
    explicit MemoryChart(QWidget* parent = nullptr);

    // Shows `plan`; peakStep is core's peak step of that plan (analysis::peakStep).
    void setPlan(const analysis::MemoryPlan& plan, int peakStep);
    void clear();
    // The board's SRAM limit as a horizontal line; limitBytes <= 0 hides it.
    void setSramLimit(int64_t limitBytes, const QString& boardName);
    // Highlights one step (-1: none) without emitting stepClicked.
    void highlightStep(int step);

    // What is drawn, for tests and tooltips.
    int stepCount() const;
    int highlightedStep() const { return highlightedStep_; }
    int peakStep() const { return peakStep_; }
    double stackedBytesAt(int step) const;  // sum of the drawn bar segments at `step`
    int64_t sramLimitBytes() const { return sramLimitBytes_; }
    QString tooltipForStep(int step, int bufferIndex = -1) const;
    QCustomPlot* plot() const { return plot_; }

signals:
    void stepClicked(int step);

private:
    void rebuild();
    void updateLimitLine();
    void updateRanges();
    void onMouseMove(QMouseEvent* event);
    int stepAtPixel(double x) const;

    QCustomPlot* plot_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    analysis::MemoryPlan plan_;
    std::vector<QCPBars*> barsByBuffer_;  // index = MemoryPlan::buffers index, nullptr if unused
    QCPItemRect* peakRect_ = nullptr;
    QCPItemText* peakText_ = nullptr;
    QCPItemRect* selectionRect_ = nullptr;
    QCPItemStraightLine* limitLine_ = nullptr;
    QCPItemText* limitText_ = nullptr;
    QCPItemStraightLine* arenaLine_ = nullptr;
    QCPItemText* arenaText_ = nullptr;
    int peakStep_ = -1;
    int highlightedStep_ = -1;
    int64_t sramLimitBytes_ = 0;
    QString boardName_;
};

}  // namespace mcunet::widgets
