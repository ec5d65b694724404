#include "cell_heatmap.h"

#include <QHBoxLayout>
#include <algorithm>
#include <numeric>
#include <qcustomplot.h>

#include "theme.h"

namespace mcunet::widgets {

CellHeatMap::CellHeatMap(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    heat_ = new QCustomPlot(this);
    heat_->setObjectName("cellHeatMap");
    heat_->setMinimumSize(260, 200);
    cdf_ = new QCustomPlot(this);
    cdf_->setObjectName("cellCdf");
    cdf_->setMinimumSize(260, 200);
    layout->addWidget(heat_, 1);
    layout->addWidget(cdf_, 1);
    map_ = new QCPColorMap(heat_->xAxis, heat_->yAxis);
    auto* scale = new QCPColorScale(heat_);
    heat_->plotLayout()->addElement(0, 1, scale);
    scale->setLabel(tr("mean MACs of fitting nets (M)"));
    map_->setColorScale(scale);
    // Cells where no sampled network fits are left empty, not drawn as "few MACs".
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    map_->setGradient(gradient);
    map_->setInterpolate(false);
    heat_->xAxis->setLabel(tr("width multiplier"));
    heat_->yAxis->setLabel(tr("resolution (empty: nothing fits)"));
    chosen_ = new QCPItemRect(heat_);
    chosen_->setPen(QPen(QColor(40, 200, 80), 3));
    chosen_->setVisible(false);
    cdf_->xAxis->setLabel(tr("MACs (millions)"));
    cdf_->yAxis->setLabel(tr("fraction of fitting nets"));
    cdf_->yAxis->setRange(0, 1);
    cdf_->legend->setVisible(true);
    applyPlotPalette(heat_, palette());
    applyPlotPalette(cdf_, palette());
}

int CellHeatMap::curveCount() const { return cdf_->graphCount(); }

void CellHeatMap::setResult(const nas::SpaceOptResult& result, const nas::SearchSpace& space) {
    const int nw = static_cast<int>(space.widthMultipliers.size()), nr = static_cast<int>(space.resolutions.size());
    if (nw == 0 || nr == 0 || result.cells.size() != static_cast<size_t>(nw * nr)) return;
    const double w0 = space.widthMultipliers.front(), w1 = space.widthMultipliers.back();
    const double r0 = space.resolutions.front(), r1 = space.resolutions.back();
    map_->data()->setSize(nw, nr);
    map_->data()->setRange(QCPRange(w0, w1), QCPRange(r0, r1));
    for (int w = 0; w < nw; ++w)
        for (int r = 0; r < nr; ++r) {
            const nas::CellStats& cell = result.cells[static_cast<size_t>(w * nr + r)];
            map_->data()->setCell(w, r, cell.fitting ? cell.meanMacs / 1e6 : std::nan(""));
        }
    map_->rescaleDataRange(true);
    heat_->rescaleAxes();
    const double dw = nw > 1 ? (w1 - w0) / (nw - 1) : 0.1, dr = nr > 1 ? (r1 - r0) / (nr - 1) : 16;
    heat_->xAxis->setRange(w0 - dw / 2, w1 + dw / 2);
    heat_->yAxis->setRange(r0 - dr / 2, r1 + dr / 2);
    chosen_->setVisible(result.bestCell >= 0);
    if (result.bestCell >= 0) {
        const nas::CellStats& best = result.cells[static_cast<size_t>(result.bestCell)];
        chosen_->topLeft->setCoords(best.width - dw / 2, best.resolution + dr / 2);
        chosen_->bottomRight->setCoords(best.width + dw / 2, best.resolution - dr / 2);
    }
    // CDFs of the five best cells by the chosen rule.
    cdf_->clearGraphs();
    std::vector<size_t> order(result.cells.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return result.score(result.cells[a]) > result.score(result.cells[b]); });
    const QColor colours[] = {QColor(40, 200, 80), QColor(31, 119, 180), QColor(255, 127, 14), QColor(148, 103, 189),
                              QColor(140, 86, 75)};
    for (size_t k = 0; k < order.size() && k < 5; ++k) {
        const nas::CellStats& cell = result.cells[order[k]];
        if (cell.fittingMacs.empty()) break;
        QCPGraph* graph = cdf_->addGraph();
        graph->setName(QStringLiteral("w%1 r%2").arg(cell.width, 0, 'f', 1).arg(cell.resolution));
        graph->setPen(QPen(colours[k], k == 0 ? 2.5 : 1.5));
        graph->setLineStyle(QCPGraph::lsStepLeft);
        QVector<double> x, y;
        for (size_t i = 0; i < cell.fittingMacs.size(); ++i) {
            x.push_back(static_cast<double>(cell.fittingMacs[i]) / 1e6);
            y.push_back(static_cast<double>(i + 1) / static_cast<double>(cell.fittingMacs.size()));
        }
        graph->setData(x, y, true);
    }
    cdf_->rescaleAxes();
    cdf_->yAxis->setRange(0, 1.02);
    heat_->replot();
    cdf_->replot();
}

}  // namespace mcunet::widgets
