#include "flash_chart.h"

#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "format.h"
#include "theme.h"

namespace mcunet::widgets {

namespace {

struct PartStyle {
    const char* name;
    QColor colour;
};

// Data parts in blues/oranges, code in purples: the eye separates "the model" from "the program".
const PartStyle kParts[FlashChart::PartCount] = {
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", "weights"), QColor(0x4e, 0x79, 0xa7)},
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", "bias / requant params"), QColor(0xf2, 0x8e, 0x2b)},
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", "other constants"), QColor(0x76, 0xb7, 0xb2)},
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", ".tflite file (weights inside)"), QColor(0x9c, 0xb7, 0xd4)},
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", "kernel code"), QColor(0xb0, 0x7a, 0xa1)},
    {QT_TRANSLATE_NOOP("mcunet::widgets::FlashChart", "generated glue"), QColor(0xd4, 0xb9, 0xcf)},
};
const QColor kLimitColour(0xd6, 0x27, 0x28);

double toKiB(int64_t bytes) { return static_cast<double>(bytes) / 1024.0; }

}  // namespace

FlashChart::FlashChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName("flashPlot");
    plot_->setMinimumSize(180, 160);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    plot_->setMouseTracking(true);
    plot_->xAxis->setLabel(tr("Flash (kB)"));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(EngineRow, tr("Our engine"));
    ticker->addTick(TflmRow, tr("TF-Lite Micro"));
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRange(0.4, 2.6);
    plot_->yAxis->grid()->setVisible(false);
    plot_->yAxis->setRangeReversed(true);  // our engine on top

    QCPBars* below = nullptr;
    for (int part = 0; part < PartCount; ++part) {
        auto* bars = new QCPBars(plot_->yAxis, plot_->xAxis);
        bars->setName(tr(kParts[part].name));
        bars->setBrush(kParts[part].colour);
        bars->setPen(QPen(kParts[part].colour.darker(140), 1));
        bars->setWidth(0.4);
        bars->setStackingGap(0);
        bars->setProperty("part", part);
        if (below) bars->moveAbove(below);
        below = bars;
        bars_[part] = bars;
    }
    plot_->legend->setVisible(true);
    plot_->legend->setFont(QFont(font().family(), 8));
    plot_->legend->setRowSpacing(0);
    // The legend below the bars, not over them.
    auto* legendRect = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, legendRect);
    legendRect->addElement(0, 0, plot_->legend);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(2);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);

    limitLine_ = new QCPItemStraightLine(plot_);
    limitLine_->setPen(QPen(kLimitColour, 1.5));
    limitText_ = new QCPItemText(plot_);
    limitText_->setColor(kLimitColour);
    limitText_->position->setTypeX(QCPItemPosition::ptPlotCoords);
    limitText_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    limitText_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->addWidget(plot_, 1);

    caption_ = new QLabel(this);
    caption_->setObjectName("flashCaption");
    caption_->setWordWrap(true);
    QFont captionFont = caption_->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.9);
    caption_->setFont(captionFont);
    useSecondaryText(caption_);
    layout->addWidget(caption_);

    connect(plot_, &QCustomPlot::mouseMove, this, &FlashChart::onMouseMove);
    applyPalette();
    clear();
}

void FlashChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
        plot_->replot();
    }
}

void FlashChart::applyPalette() {
    applyPlotPalette(plot_, palette());
    limitLine_->setPen(QPen(limitColour(palette()), 1.5));
    limitText_->setColor(limitColour(palette()));
}

int64_t FlashChart::partBytes(const analysis::FlashEstimate& e, Part part) {
    switch (part) {
    case Weights: return e.weightBytes;
    case BiasRequant: return e.biasBytes + e.requantBytes;
    case OtherConstants: return e.otherConstantBytes;
    case ModelFile: return e.modelFileBytes;
    case Code: return e.codeBytes;
    case Glue: return e.glueBytes;
    default: return 0;
    }
}

void FlashChart::setEstimates(const std::optional<analysis::FlashEstimate>& engine,
                              const analysis::FlashEstimate& tflm) {
    engine_ = engine;
    tflm_ = tflm;
    rebuild();
}

void FlashChart::setFlashLimit(int64_t limitBytes, const QString& boardName) {
    limitBytes_ = limitBytes;
    boardName_ = boardName;
    rebuild();
}

void FlashChart::clear() {
    engine_.reset();
    tflm_.reset();
    rebuild();
}

int64_t FlashChart::drawnBytes(Row row, Part part) const {
    const auto data = bars_[part]->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it)
        if (static_cast<int>(it->key) == row) return std::llround(it->value * 1024.0);
    return 0;
}

void FlashChart::rebuild() {
    double widest = 0;
    for (int part = 0; part < PartCount; ++part) {
        QVector<double> keys, values;
        if (engine_ && partBytes(*engine_, Part(part)) > 0) {
            keys << EngineRow;
            values << toKiB(partBytes(*engine_, Part(part)));
        }
        if (tflm_ && partBytes(*tflm_, Part(part)) > 0) {
            keys << TflmRow;
            values << toKiB(partBytes(*tflm_, Part(part)));
        }
        bars_[part]->setData(keys, values, true);
        // Parts neither runtime has stay out of the legend.
        if (keys.isEmpty()) bars_[part]->removeFromLegend();
        else if (!plot_->legend->hasItemWithPlottable(bars_[part])) bars_[part]->addToLegend();
    }
    if (engine_) widest = std::max(widest, toKiB(engine_->totalBytes()));
    if (tflm_) widest = std::max(widest, toKiB(tflm_->totalBytes()));
    const bool showLimit = limitBytes_ > 0 && (engine_ || tflm_);
    limitLine_->setVisible(showLimit);
    limitText_->setVisible(showLimit);
    limitLine_->point1->setCoords(toKiB(limitBytes_), 0);
    limitLine_->point2->setCoords(toKiB(limitBytes_), 1);
    limitText_->position->setCoords(toKiB(limitBytes_), 0.02);
    limitText_->setText(tr("%1 Flash %2 ").arg(boardName_, formatKiB(limitBytes_)));
    plot_->xAxis->setRange(0, std::max(widest, showLimit ? toKiB(limitBytes_) : 0.0) * 1.08 + 1e-3);

    QStringList caption;
    if (engine_) {
        caption << tr("Our engine: %1 = weights %2 + bias %3 + requant %4 + other %5 + code %6%7 + glue %8.")
                       .arg(formatKiB(engine_->totalBytes()), formatKiB(engine_->weightBytes), formatKiB(engine_->biasBytes),
                            formatKiB(engine_->requantBytes), formatKiB(engine_->otherConstantBytes),
                            formatKiB(engine_->codeBytes),
                            engine_->codeMeasured ? tr(" (measured)") : tr(" (estimated)"),
                            formatKiB(engine_->glueBytes));
    } else if (tflm_) {
        caption << tr("Our engine cannot run this model.");
    }
    if (tflm_) {
        caption << tr("TF-Lite Micro: %1 = .tflite %2 + code ~%3 (estimate).")
                       .arg(formatKiB(tflm_->totalBytes()), formatKiB(tflm_->modelFileBytes), formatKiB(tflm_->codeBytes));
    }
    caption_->setText(caption.join("\n"));
    replotPending_ = !isVisible();
    if (!replotPending_) plot_->replot();
}

void FlashChart::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (replotPending_) {
        replotPending_ = false;
        plot_->replot();
    }
}

void FlashChart::onMouseMove(QMouseEvent* event) {
    int dataIndex = -1;
    auto* bars = qobject_cast<QCPBars*>(plot_->plottableAt(event->position(), false, &dataIndex));
    if (!bars || dataIndex < 0) {
        QToolTip::hideText();
        return;
    }
    const Part part = Part(bars->property("part").toInt());
    const Row row = Row(static_cast<int>(bars->data()->at(dataIndex)->key));
    const auto& estimate = row == EngineRow ? engine_ : tflm_;
    if (!estimate) return;
    QString text = tr("<b>%1</b> — %2<br>%3").arg(row == EngineRow ? tr("Our engine") : tr("TF-Lite Micro"),
                                                  tr(kParts[part].name), formatBytes(partBytes(*estimate, part)));
    if (part == Code) {
        for (const auto& codePart : estimate->codeParts)
            text += QString("<br>%1: %2").arg(QString::fromStdString(codePart.name).toHtmlEscaped(), formatBytes(codePart.bytes));
    }
    QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

}  // namespace mcunet::widgets
