// The search's live chart: every evaluated network as a faint point, the feasible ones (within
// the limits) coloured, the Pareto front as a line; x is MACs, peak SRAM or Flash, y the
// accuracy signal. The line is the front of the two axes shown; circles mark the front over every
// objective (accuracy, SRAM, Flash), which a 2-D view shows as points above and below the line.
// Points keep their numbers when the limits move: only their colour changes.
// Hover reports the nearest point, a click picks it (the Search screen opens it in Analyze).
#pragma once

#include <QPoint>
#include <QWidget>
#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace mcunet::widgets {

struct ChartPoint {
    double accuracy = 0;
    int64_t macs = 0;
    int64_t sramBytes = 0;
    int64_t flashBytes = 0;
    bool feasible = false;
};

class ParetoChart : public QWidget {
    Q_OBJECT
public:
    enum class XAxis { Macs, Sram, Flash };

    explicit ParetoChart(QWidget* parent = nullptr);

    // `front`: indices into points, drawn as the front line (in x order). `accuracyScale`
    // divides the accuracy for display (1e6 shows MACs in millions).
    void setPoints(std::vector<ChartPoint> points, std::vector<size_t> front, const QString& accuracyLabel,
                   double accuracyScale = 1);
    void setXAxis(XAxis axis);
    XAxis xAxis() const { return xAxis_; }

    int pointCount() const { return static_cast<int>(points_.size()); }
    int feasibleCount() const;
    const std::vector<size_t>& front() const { return front_; }
    QCustomPlot* plot() const { return plot_; }
    // The point under widget position `pos` (within 8 px), or -1.
    int pointAt(const QPoint& pos) const;

signals:
    void pointHovered(int index);  // -1 when the mouse leaves every point
    void pointClicked(int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    double xOf(const ChartPoint& p) const;
    void redraw();

    QCustomPlot* plot_ = nullptr;
    QCPGraph* all_ = nullptr;
    QCPGraph* feasible_ = nullptr;
    QCPGraph* frontLine_ = nullptr;    // the front of the two axes shown (a staircase)
    QCPGraph* frontPoints_ = nullptr;  // the front over every objective (SRAM, Flash, accuracy)
    std::vector<ChartPoint> points_;
    std::vector<size_t> front_;
    QString accuracyLabel_ = tr("MACs");
    XAxis xAxis_ = XAxis::Sram;
    bool rescale_ = true;
    double accuracyScale_ = 1;
    QPoint pressPos_;
};

}  // namespace mcunet::widgets
