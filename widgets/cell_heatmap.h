// TinyNAS stage 1 at a glance: a heat map over (width multiplier, resolution) of the mean MACs
// of the sampled networks that fit (empty cells: none fits), the chosen cell outlined, and the
// MACs CDF curves of the best cells beside it.
#pragma once

#include <QWidget>
#include <vector>

#include "nas/space_optimizer.h"

class QCustomPlot;
class QCPColorMap;
class QCPItemRect;

namespace mcunet::widgets {

class CellHeatMap : public QWidget {
    Q_OBJECT
public:
    explicit CellHeatMap(QWidget* parent = nullptr);
    void setResult(const nas::SpaceOptResult& result, const nas::SearchSpace& space);
    QCustomPlot* heatPlot() const { return heat_; }
    QCustomPlot* cdfPlot() const { return cdf_; }
    int curveCount() const;

private:
    QCustomPlot* heat_ = nullptr;
    QCustomPlot* cdf_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPItemRect* chosen_ = nullptr;
};

}  // namespace mcunet::widgets
