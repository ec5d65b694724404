#include "pareto_chart.h"

#include <QEvent>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <algorithm>
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
    all_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(140, 140, 140, 70), 4));
    feasible_ = plot_->addGraph();
    feasible_->setName(tr("fits the limits"));
    feasible_->setLineStyle(QCPGraph::lsNone);
    feasible_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180, 200), 5));
    frontLine_ = plot_->addGraph();
    frontLine_->setName(tr("Pareto front"));
    frontLine_->setLineStyle(QCPGraph::lsStepLeft);
    frontLine_->setPen(QPen(QColor(214, 39, 40), 2));
    frontLine_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(214, 39, 40), 1.5), QBrush(Qt::white), 7));
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

void ParetoChart::setPoints(std::vector<ChartPoint> points, std::vector<size_t> front, const QString& accuracyLabel) {
    rescale_ = rescale_ || points.size() != points_.size() || accuracyLabel != accuracyLabel_;
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
        ay.push_back(p.accuracy);
        if (p.feasible) {
            fx.push_back(xOf(p));
            fy.push_back(p.accuracy);
        }
    }
    std::vector<size_t> front = front_;
    std::sort(front.begin(), front.end(), [&](size_t a, size_t b) { return xOf(points_[a]) < xOf(points_[b]); });
    for (size_t index : front) {
        if (index >= points_.size()) continue;
        lx.push_back(xOf(points_[index]));
        ly.push_back(points_[index].accuracy);
    }
    all_->setData(ax, ay, true);
    feasible_->setData(fx, fy, true);
    frontLine_->setData(lx, ly, true);
    const QString xLabel = xAxis_ == XAxis::Macs ? tr("MACs (millions)")
                           : xAxis_ == XAxis::Sram ? tr("peak SRAM, our engine (kB)")
                                                   : tr("Flash, our engine (kB)");
    plot_->xAxis->setLabel(xLabel);
    plot_->yAxis->setLabel(accuracyLabel_);
    if (rescale_ && !points_.empty()) {
        plot_->rescaleAxes();
        plot_->xAxis->scaleRange(1.08);
        plot_->yAxis->scaleRange(1.08);
        rescale_ = false;
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int ParetoChart::pointAt(const QPoint& pos) const {
    int best = -1;
    double bestDistance = 8 * 8;
    for (size_t i = 0; i < points_.size(); ++i) {
        const double px = plot_->xAxis->coordToPixel(xOf(points_[i]));
        const double py = plot_->yAxis->coordToPixel(points_[i].accuracy);
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
