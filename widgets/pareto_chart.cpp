#include "pareto_chart.h"

#include <QEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>
#include <qcustomplot.h>

#include "theme.h"

namespace mcunet::widgets {

namespace {
constexpr double kMega = 1e6;
constexpr double kKilo = 1024;
}  // namespace

ParetoChart::ParetoChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName("paretoPlot");
    plot_->setMinimumSize(320, 240);
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    layout->addWidget(plot_);
    all_ = plot_->addGraph();
    all_->setName(tr("evaluated"));
    all_->setLineStyle(QCPGraph::lsNone);
    all_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(150, 150, 150, 110), 4));
    feasible_ = plot_->addGraph();
    feasible_->setName(tr("fits the limits"));
    feasible_->setLineStyle(QCPGraph::lsNone);
    feasible_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180, 200), 5));
    frontPoints_ = plot_->addGraph();
    frontPoints_->setName(tr("Pareto set (all objectives)"));
    frontPoints_->setLineStyle(QCPGraph::lsNone);
    frontPoints_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 40), 1.5), QBrush(Qt::white), 7));
    frontLine_ = plot_->addGraph();
    frontLine_->setName(tr("front of these axes"));
    frontLine_->setLineStyle(QCPGraph::lsStepLeft);
    frontLine_->setPen(QPen(QColor(214, 39, 40), 2));
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    applyPlotPalette(plot_, palette());
    redraw();
}

double ParetoChart::xOf(const ChartPoint& p) const {
    switch (xAxis_) {
        case XAxis::Macs: return static_cast<double>(p.macs) / kMega;
        case XAxis::Sram: return static_cast<double>(p.sramBytes) / kKilo;
        case XAxis::Flash: return static_cast<double>(p.flashBytes) / kKilo;
    }
    return 0;
}

void ParetoChart::setPoints(std::vector<ChartPoint> points, std::vector<size_t> front, const QString& accuracyLabel,
                            double accuracyScale) {
    rescale_ = rescale_ || points.size() != points_.size() || accuracyLabel != accuracyLabel_;
    accuracyScale_ = accuracyScale > 0 ? accuracyScale : 1;
    points_ = std::move(points);
    front_ = std::move(front);
    accuracyLabel_ = accuracyLabel;
    redraw();
}

void ParetoChart::setXAxis(XAxis axis) {
    if (axis == xAxis_) return;
    xAxis_ = axis;
    rescale_ = true;
    redraw();
}

int ParetoChart::feasibleCount() const {
    return static_cast<int>(std::count_if(points_.begin(), points_.end(), [](const ChartPoint& p) { return p.feasible; }));
}

void ParetoChart::redraw() {
    QVector<double> ax, ay, fx, fy, lx, ly;
    ax.reserve(static_cast<int>(points_.size()));
    ay.reserve(static_cast<int>(points_.size()));
    for (const ChartPoint& p : points_) {
        ax.push_back(xOf(p));
        ay.push_back(p.accuracy / accuracyScale_);
        if (p.feasible) {
            fx.push_back(xOf(p));
            fy.push_back(p.accuracy / accuracyScale_);
        }
    }
    std::vector<size_t> front = front_;
    std::sort(front.begin(), front.end(), [&](size_t a, size_t b) { return xOf(points_[a]) < xOf(points_[b]); });
    QVector<double> px, py;
    for (size_t index : front) {
        if (index >= points_.size()) continue;
        px.push_back(xOf(points_[index]));
        py.push_back(points_[index].accuracy / accuracyScale_);
    }
    // The staircase of the shown axes: feasible points by x, each higher than every one before.
    std::vector<size_t> byX;
    for (size_t i = 0; i < points_.size(); ++i)
        if (points_[i].feasible) byX.push_back(i);
    std::stable_sort(byX.begin(), byX.end(), [&](size_t a, size_t b) {
        return xOf(points_[a]) != xOf(points_[b]) ? xOf(points_[a]) < xOf(points_[b]) : points_[a].accuracy > points_[b].accuracy;
    });
    double highest = -std::numeric_limits<double>::infinity();
    for (size_t i : byX) {
        if (points_[i].accuracy <= highest) continue;
        highest = points_[i].accuracy;
        lx.push_back(xOf(points_[i]));
        ly.push_back(points_[i].accuracy / accuracyScale_);
    }
    all_->setData(ax, ay, true);
    feasible_->setData(fx, fy, true);
    frontLine_->setData(lx, ly, true);
    frontPoints_->setData(px, py, true);
    const QString xLabel = xAxis_ == XAxis::Macs ? tr("MACs (millions)")
                           : xAxis_ == XAxis::Sram ? tr("peak SRAM, our engine (kB)")
                                                   : tr("Flash, our engine (kB)");
    plot_->xAxis->setLabel(xLabel);
    plot_->yAxis->setLabel(accuracyLabel_);
    if (rescale_ && !points_.empty()) {
        // Every point in view, with a margin; the ranges come from the data, not from the graphs'
        // previous state.
        const auto [xMin, xMax] = std::minmax_element(ax.begin(), ax.end());
        const auto [yMin, yMax] = std::minmax_element(ay.begin(), ay.end());
        const double xPad = std::max(1e-9, (*xMax - *xMin) * 0.05), yPad = std::max(1e-9, (*yMax - *yMin) * 0.05);
        plot_->xAxis->setRange(*xMin - xPad, *xMax + xPad);
        plot_->yAxis->setRange(*yMin - yPad, *yMax + yPad);
        rescale_ = false;
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int ParetoChart::pointAt(const QPoint& pos) const {
    int best = -1;
    double bestDistance = 8 * 8;
    for (size_t i = 0; i < points_.size(); ++i) {
        const double px = plot_->xAxis->coordToPixel(xOf(points_[i]));
        const double py = plot_->yAxis->coordToPixel(points_[i].accuracy / accuracyScale_);
        const double d = (px - pos.x()) * (px - pos.x()) + (py - pos.y()) * (py - pos.y());
        // Feasible points win ties: they are the ones a user means.
        if (d < bestDistance || (d == bestDistance && best >= 0 && points_[i].feasible && !points_[static_cast<size_t>(best)].feasible)) {
            bestDistance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

bool ParetoChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_) {
        if (event->type() == QEvent::MouseMove) {
            emit pointHovered(pointAt(static_cast<QMouseEvent*>(event)->pos()));
        } else if (event->type() == QEvent::MouseButtonPress) {
            pressPos_ = static_cast<QMouseEvent*>(event)->pos();
        } else if (event->type() == QEvent::MouseButtonRelease) {
            auto* mouse = static_cast<QMouseEvent*>(event);
            // A click, not the end of a drag that pans the chart.
            if (mouse->button() == Qt::LeftButton && (mouse->pos() - pressPos_).manhattanLength() < 4) {
                const int index = pointAt(mouse->pos());
                if (index >= 0) emit pointClicked(index);
            }
        } else if (event->type() == QEvent::Leave) {
            emit pointHovered(-1);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ParetoChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(plot_, palette());
        plot_->replot();
    }
    QWidget::changeEvent(event);
}

}  // namespace mcunet::widgets
