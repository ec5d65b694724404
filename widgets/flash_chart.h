// Where the Flash goes, for our engine and for TF-Lite Micro: one horizontal bar each, stacked
// by part (weights, bias / requantization parameters, other constants, the .tflite file, kernel
// code, generated glue), with the board's Flash size as a line. Core's FlashEstimate, drawn.
#pragma once

#include <QWidget>
#include <optional>

#include "analysis/flash_estimate.h"

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPItemText;
class QLabel;

namespace mcunet::widgets {

class FlashChart : public QWidget {
    Q_OBJECT
public:
    enum Part { Weights, BiasRequant, OtherConstants, ModelFile, Code, Glue, PartCount };
    enum Row { EngineRow = 1, TflmRow = 2 };

    explicit FlashChart(QWidget* parent = nullptr);

    // engine: empty when our engine cannot run the model.
    void setEstimates(const std::optional<analysis::FlashEstimate>& engine, const analysis::FlashEstimate& tflm);
    void setFlashLimit(int64_t limitBytes, const QString& boardName);
    void clear();

    // Bytes drawn for `part` in `row`, for tests.
    int64_t drawnBytes(Row row, Part part) const;
    QCustomPlot* plot() const { return plot_; }

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void rebuild();
    void onMouseMove(QMouseEvent* event);
    static int64_t partBytes(const analysis::FlashEstimate& estimate, Part part);

    QCustomPlot* plot_ = nullptr;
    QLabel* caption_ = nullptr;
    QCPBars* bars_[PartCount] = {};
    QCPItemStraightLine* limitLine_ = nullptr;
    QCPItemText* limitText_ = nullptr;
    std::optional<analysis::FlashEstimate> engine_;
    std::optional<analysis::FlashEstimate> tflm_;
    int64_t limitBytes_ = 0;
    QString boardName_;
    bool replotPending_ = false;  // changed while hidden (a background tab): draw when shown
};

}  // namespace mcunet::widgets
