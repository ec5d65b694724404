#include "memory_chart.h"

#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "analysis/model_analysis.h"
#include "format.h"
#include "theme.h"

namespace mcunet::widgets {

namespace {

// A qualitative palette without red: red is kept for the SRAM limit, so no buffer looks like
// a warning.
const QColor kBufferColours[] = {
    QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x76, 0xb7, 0xb2),
    QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48), QColor(0xb0, 0x7a, 0xa1),
    QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f),
};
const QColor kScratchColour(0x70, 0x70, 0x70);
const QColor kLimitColour(0xd6, 0x27, 0x28);

// Below this much memory the axis counts bytes: 0.05 kB steps say nothing to a person.
constexpr int64_t kByteUnitBelow = 4096;


constexpr double kBarHalfWidth = 0.4;  // in steps

}  // namespace

// All bars in one plottable: each segment is one buffer at one step, stacked from 0 in the
// order the plan lists the step's buffers. One plottable instead of a QCPBars per buffer keeps
// a replot at a few milliseconds for the 100+ buffers of an MCUNet network (QCPBars stacking
// walks every bar below each data point).
class BufferStack : public QCPAbstractPlottable {
public:
    struct Segment {
        int step = 0;
        int buffer = 0;
        int64_t baseBytes = 0;
        int64_t sizeBytes = 0;
        QBrush brush;
        QPen pen;
    };

    BufferStack(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis) {
        setSelectable(QCP::stNone);
    }

    void setSegments(std::vector<Segment> segments, int steps, int64_t unitBytes) {
        segments_ = std::move(segments);
        steps_ = steps;
        unitBytes_ = static_cast<double>(unitBytes);
    }
    const std::vector<Segment>& segments() const { return segments_; }

    // The buffer drawn at (step, bytes), or -1.
    int bufferAt(int step, double bytes) const {
        for (const Segment& s : segments_)
            if (s.step == step && bytes >= s.baseBytes && bytes < s.baseBytes + s.sizeBytes) return s.buffer;
        return -1;
    }

    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain) const override {
        foundRange = steps_ > 0;
        return QCPRange(-kBarHalfWidth, steps_ - 1 + kBarHalfWidth);
    }

    QCPRange getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const override {
        double top = 0;
        for (const Segment& s : segments_) top = std::max(top, units(s.baseBytes + s.sizeBytes));
        foundRange = !segments_.empty();
        return QCPRange(0, top);
    }

protected:
    void draw(QCPPainter* painter) override {
        const QRectF clip = clipRect();
        for (const Segment& s : segments_) {
            const QPointF a = coordsToPixels(s.step - kBarHalfWidth, units(s.baseBytes + s.sizeBytes));
            const QPointF b = coordsToPixels(s.step + kBarHalfWidth, units(s.baseBytes));
            const QRectF rect = QRectF(a, b).normalized();
            if (!rect.intersects(clip)) continue;
            painter->setBrush(s.brush);
            painter->setPen(s.pen);
            painter->drawRect(rect);
        }
    }

    void drawLegendIcon(QCPPainter*, const QRectF&) const override {}

private:
    double units(int64_t bytes) const { return static_cast<double>(bytes) / unitBytes_; }

    std::vector<Segment> segments_;
    int steps_ = 0;
    double unitBytes_ = 1024.0;
};

MemoryChart::MemoryChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName("memoryPlot");
    plot_->setMinimumHeight(120);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // The wheel zooms the steps; Ctrl+wheel the memory axis (set per event in mouseWheel).
    // Dragging pans both; the memory axis never goes below 0.
    plot_->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal);
    plot_->xAxis->setLabel(tr("Step (one executed operator each)"));
    plot_->yAxis->setLabel(tr("Live activation memory (kB)"));
    // Steps are whole numbers: ticks at 1, 2, 5, 10 … steps, never 2.5.
    auto stepTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    stepTicker->setTickStep(1.0);
    stepTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(stepTicker);
    plot_->xAxis->setSubTicks(false);
    plot_->setMouseTracking(true);
    plot_->setAutoAddPlottableToLegend(false);  // one entry per buffer would be noise, and slow
    plot_->setNotAntialiasedElements(QCP::aeAll);  // crisp bars, and a faster replot
    layout->addWidget(plot_);

    emptyLabel_ = new QLabel(tr("Open a model to see its memory over time."), this);
    emptyLabel_->setAlignment(Qt::AlignCenter);
    emptyLabel_->setWordWrap(true);
    layout->addWidget(emptyLabel_);
    plot_->hide();

    auto makeRect = [this](const QColor& fill, const QPen& pen) {
        auto* rect = new QCPItemRect(plot_);
        rect->setLayer("grid");  // behind the bars
        rect->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->setBrush(fill);
        rect->setPen(pen);
        rect->setVisible(false);
        rect->setSelectable(false);
        return rect;
    };
    peakRect_ = makeRect(QColor(255, 200, 0, 70), Qt::NoPen);
    // A faint band, not a box: a filled outline the height of the chart would read as a bar.
    selectionRect_ = makeRect(QColor(30, 120, 220, 30), Qt::NoPen);
    selectionMarker_ = new QCPItemText(plot_);
    selectionMarker_->position->setTypeX(QCPItemPosition::ptPlotCoords);
    selectionMarker_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    selectionMarker_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);

    selectionMarker_->setText(QStringLiteral("▼"));
    selectionMarker_->setVisible(false);

    peakText_ = new QCPItemText(plot_);
    peakText_->position->setTypeX(QCPItemPosition::ptPlotCoords);
    peakText_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    peakText_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);  // just right of and above the peak bar
    QFont peakFont = peakText_->font();
    peakFont.setBold(true);
    peakText_->setFont(peakFont);
    peakText_->setVisible(false);

    auto makeLine = [this](const QColor& colour, Qt::PenStyle style) {
        auto* line = new QCPItemStraightLine(plot_);
        line->setPen(QPen(colour, 1.5, style));
        line->setVisible(false);
        line->setSelectable(false);
        return line;
    };
    limitLine_ = makeLine(kLimitColour, Qt::SolidLine);
    arenaLine_ = makeLine(palette().color(QPalette::WindowText), Qt::DashLine);
    auto makeLineText = [this](const QColor& colour) {
        auto* text = new QCPItemText(plot_);
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setTypeY(QCPItemPosition::ptPlotCoords);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        text->setColor(colour);
        text->setVisible(false);
        return text;
    };
    limitText_ = makeLineText(kLimitColour);
    arenaText_ = makeLineText(palette().color(QPalette::WindowText));

    connect(plot_, &QCustomPlot::mouseWheel, this, [this](QWheelEvent* event) {
        plot_->axisRect()->setRangeZoom(event->modifiers() & Qt::ControlModifier ? Qt::Vertical : Qt::Horizontal);
    });
    connect(plot_->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this](const QCPRange& range) {
        if (range.lower < 0) plot_->yAxis->setRange(0, range.size());  // memory is never negative
    });
    connect(plot_, &QCustomPlot::mouseMove, this, &MemoryChart::onMouseMove);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) {
        updateRanges();
        plot_->replot();
    });
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { pressPos_ = event->position(); });
    connect(plot_, &QCustomPlot::mouseRelease, this, &MemoryChart::onMouseRelease);
    stack_ = new BufferStack(plot_->xAxis, plot_->yAxis);
    applyPalette();
}

void MemoryChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
        plot_->replot();
    }
}

void MemoryChart::applyPalette() {
    // The chart is drawn by QCustomPlot, which knows no palette: hand it ours.
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor text = pal.color(QPalette::WindowText);
    applyPlotPalette(plot_, pal);
    arenaLine_->setPen(QPen(text, 1.5, Qt::DashLine));
    arenaText_->setColor(text);
    limitText_->setColor(limitColour(pal));
    limitLine_->setPen(QPen(limitColour(pal), 1.5));
    peakText_->setColor(dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x80, 0x60, 0x00));
    peakRect_->setBrush(dark ? QColor(255, 200, 0, 45) : QColor(255, 200, 0, 70));
    const QColor highlight = pal.color(QPalette::Highlight);
    selectionMarker_->setColor(dark ? highlight.lighter(150) : highlight);
    QColor band = highlight;
    band.setAlpha(dark ? 60 : 30);
    selectionRect_->setBrush(band);
}

void MemoryChart::setPlan(const analysis::MemoryPlan& plan, int peakStep, int highlight) {
    plan_ = plan;
    peakStep_ = peakStep;
    highlightedStep_ = (highlight >= 0 && highlight < stepCount()) ? highlight : -1;
    highlightedLast_ = highlightedStep_;
    rebuild();
}

void MemoryChart::setEmptyText(const QString& text) { emptyLabel_->setText(text); }

void MemoryChart::clear() {
    setPlan(analysis::MemoryPlan{}, -1);
}

void MemoryChart::setSramLimit(int64_t limitBytes, const QString& boardName, bool replot) {
    sramLimitBytes_ = limitBytes;
    boardName_ = boardName;
    if (!replot) return;  // the caller sets a plan next, which draws everything once
    updateLimitLine();
    updateRanges();
    plot_->replot();
}

int MemoryChart::stepCount() const { return static_cast<int>(plan_.timeline.size()); }

void MemoryChart::rebuild() {
    const bool empty = plan_.timeline.empty();
    int64_t top = std::max(plan_.arenaBytes, valueCeilingBytes_);
    for (const auto& step : plan_.timeline) top = std::max(top, step.liveBytes);
    unitBytes_ = top < kByteUnitBelow ? 1 : 1024;
    plot_->yAxis->setLabel(unitBytes_ == 1 ? tr("Live activation memory (B)") : tr("Live activation memory (kB)"));
    plot_->setVisible(!empty);
    emptyLabel_->setVisible(empty);

    // Each step's stack: the buffers with bytes of their own at that step (core's
    // distinctLiveBuffers), so the stack's height is the step's liveBytes. A buffer keeps its
    // colour at every step; scratch is hatched grey.
    std::vector<BufferStack::Segment> segments;
    for (int step = 0; step < stepCount(); ++step) {
        int64_t base = 0;
        for (int b : analysis::distinctLiveBuffers(plan_, step)) {
            const auto& buffer = plan_.buffers[b];
            const QColor colour = buffer.isScratch ? kScratchColour : kBufferColours[b % std::size(kBufferColours)];
            segments.push_back({step, b, base, buffer.sizeBytes,
                                buffer.isScratch ? QBrush(colour, Qt::BDiagPattern) : QBrush(colour),
                                QPen(colour.darker(150), 1)});
            base += buffer.sizeBytes;
        }
    }
    stack_->setSegments(std::move(segments), stepCount(), unitBytes_);

    if (peakStep_ >= 0 && peakStep_ < stepCount()) {
        peakRect_->topLeft->setCoords(peakStep_ - 0.5, 0.0);
        peakRect_->bottomRight->setCoords(peakStep_ + 0.5, 1.0);
        peakRect_->setVisible(true);
        peakText_->position->setCoords(peakStep_ + 0.5, toUnits(plan_.timeline[peakStep_].liveBytes));
        peakText_->setText(tr("peak %1").arg(formatKiB(plan_.timeline[peakStep_].liveBytes)));
        peakText_->setVisible(true);
    } else {
        peakRect_->setVisible(false);
        peakText_->setVisible(false);
    }
    arenaLine_->setVisible(!empty && plan_.arenaBytes > 0);
    arenaLine_->point1->setCoords(0, toUnits(plan_.arenaBytes));
    arenaLine_->point2->setCoords(1, toUnits(plan_.arenaBytes));
    arenaText_->setVisible(arenaLine_->visible());
    arenaText_->setText(tr("arena %1").arg(unitBytes_ == 1 ? formatBytes(plan_.arenaBytes) : formatKiB(plan_.arenaBytes)));
    if (unitBytes_ == 1 && peakStep_ >= 0 && peakStep_ < stepCount())
        peakText_->setText(tr("peak %1").arg(formatBytes(plan_.timeline[peakStep_].liveBytes)));
    updateLimitLine();
    updateRanges();
    placeSelection(highlightedStep_, highlightedLast_);
    plot_->replot();
}

void MemoryChart::placeLabels() {
    // The line labels go to the side away from the peak, so "peak …" never sits on "arena …"
    // or "… SRAM …"; the peak label points into the chart from its bar.
    const bool peakOnRight = peakStep_ >= 0 && peakStep_ > (stepCount() - 1) / 2;
    const double side = peakOnRight ? 0.01 : 0.99;
    const Qt::Alignment horizontal = peakOnRight ? Qt::AlignLeft : Qt::AlignRight;
    arenaText_->position->setCoords(side, toUnits(plan_.arenaBytes));
    // Arena under its line, SRAM over its line: apart even when the two lines are close.
    arenaText_->setPositionAlignment(horizontal | Qt::AlignTop);
    const Qt::Alignment limitVertical = limitText_->positionAlignment() & Qt::AlignVertical_Mask;
    limitText_->position->setCoords(side, limitText_->position->value());
    limitText_->setPositionAlignment(horizontal | limitVertical);
    if (peakStep_ >= 0 && peakStep_ < stepCount()) {
        const double x = peakOnRight ? peakStep_ - 0.5 : peakStep_ + 0.5;
        peakText_->position->setCoords(x, toUnits(plan_.timeline[peakStep_].liveBytes));
        peakText_->setPositionAlignment((peakOnRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
    }
}

void MemoryChart::updateLimitLine() {
    const bool show = sramLimitBytes_ > 0 && !plan_.timeline.empty();
    limitLine_->setVisible(show);
    limitText_->setVisible(show);
    limitLine_->point1->setCoords(0, toUnits(sramLimitBytes_));
    limitLine_->point2->setCoords(1, toUnits(sramLimitBytes_));
    limitText_->position->setCoords(0.99, toUnits(sramLimitBytes_));
    limitText_->setText(tr("%1 SRAM %2").arg(boardName_, formatKiB(sramLimitBytes_)));
}

void MemoryChart::updateRanges() {
    double top = toUnits(std::max(plan_.arenaBytes, valueCeilingBytes_));
    for (const auto& step : plan_.timeline) top = std::max(top, toUnits(step.liveBytes));
    top = std::max(top, 0.001);
    double yMax = top * 1.25;
    const double limit = toUnits(sramLimitBytes_);
    // Show the limit when it is within reach of the bars; a limit far above would squash them
    // flat, so then the label says where it is instead.
    if (sramLimitBytes_ > 0 && limit <= top * 4.0) yMax = std::max(yMax, limit * 1.1);
    if (sramLimitBytes_ > 0 && limit > yMax) {
        limitText_->position->setCoords(0.99, yMax * 0.97);
        limitText_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        limitText_->setText(tr("%1 SRAM %2 (above this chart)").arg(boardName_, formatKiB(sramLimitBytes_)));
    } else {
        limitText_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    }
    if (unitBytes_ == 1) {
        // Whole bytes on the axis too.
        auto byteTicker = QSharedPointer<QCPAxisTickerFixed>::create();
        byteTicker->setTickStep(1.0);
        byteTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot_->yAxis->setTicker(byteTicker);
    } else if (plot_->yAxis->ticker().dynamicCast<QCPAxisTickerFixed>()) {
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    plot_->yAxis->setRange(0, yMax);
    plot_->xAxis->setRange(-0.7, std::max(0, stepCount() - 1) + 0.7);
    placeLabels();
}

void MemoryChart::setValueCeiling(int64_t bytes) { valueCeilingBytes_ = std::max<int64_t>(0, bytes); }

void MemoryChart::highlightStep(int step) { highlightSteps(step, step); }

void MemoryChart::highlightSteps(int first, int last) {
    const int wanted = (first >= 0 && first < stepCount()) ? first : -1;
    const int wantedLast = wanted < 0 ? -1 : std::clamp(last, wanted, stepCount() - 1);
    if (wanted == highlightedStep_ && wantedLast == highlightedLast_) return;
    placeSelection(wanted, wantedLast);
    plot_->replot();
}

void MemoryChart::placeSelection(int first, int last) {
    highlightedStep_ = (first >= 0 && first < stepCount()) ? first : -1;
    highlightedLast_ = highlightedStep_ < 0 ? -1 : std::clamp(last, highlightedStep_, stepCount() - 1);
    selectionRect_->setVisible(highlightedStep_ >= 0);
    // The marker points at one bar; a span of steps (a block) shows as the band alone.
    selectionMarker_->setVisible(highlightedStep_ >= 0 && highlightedLast_ == highlightedStep_);
    if (highlightedStep_ >= 0) {
        selectionRect_->topLeft->setCoords(highlightedStep_ - 0.5, 0.0);
        selectionRect_->bottomRight->setCoords(highlightedLast_ + 0.5, 1.0);
        selectionMarker_->position->setCoords(highlightedStep_, toUnits(plan_.timeline[highlightedStep_].liveBytes));
        // Keep the selected bar in view when the user has zoomed in elsewhere.
        const QCPRange range = plot_->xAxis->range();
        if (!range.contains(highlightedStep_)) {
            plot_->xAxis->setRange(highlightedStep_, range.size(), Qt::AlignCenter);
        }
    }
}

int64_t MemoryChart::stackedBytesAt(int step) const {
    int64_t bytes = 0;
    for (const auto& segment : stack_->segments())
        if (segment.step == step) bytes += segment.sizeBytes;
    return bytes;
}

int MemoryChart::stepAtPixel(double x) const {
    const long step = std::lround(plot_->xAxis->pixelToCoord(x));
    return (step >= 0 && step < stepCount()) ? static_cast<int>(step) : -1;
}

QString MemoryChart::tooltipForStep(int step, int bufferIndex) const {
    if (step < 0 || step >= stepCount()) return {};
    const auto& s = plan_.timeline[step];
    QString text = tr("<b>Step %1</b>: op #%2 %3<br>Live: %4 in %5 buffers")
                       .arg(step)
                       .arg(s.opIndex)
                       .arg(QString::fromStdString(s.opName).toHtmlEscaped())
                       .arg(formatBytes(s.liveBytes))
                       .arg(s.liveBuffers.size());
    if (bufferIndex >= 0 && bufferIndex < static_cast<int>(plan_.buffers.size())) {
        const auto& b = plan_.buffers[bufferIndex];
        text += tr("<br><br><b>%1</b><br>%2 at offset %3<br>alive steps %4–%5")
                    .arg(QString::fromStdString(b.owner).toHtmlEscaped())
                    .arg(formatBytes(b.sizeBytes))
                    .arg(formatCount(b.offset))
                    .arg(b.firstStep)
                    .arg(b.lastStep);
    }
    return text;
}

void MemoryChart::onMouseMove(QMouseEvent* event) {
    const QPointF pos = event->position();
    const int step = stepAtPixel(pos.x());
    if (step < 0 || !plot_->axisRect()->rect().contains(pos.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const double bytes = plot_->yAxis->pixelToCoord(pos.y()) * static_cast<double>(unitBytes_);
    const bool onBar = std::abs(plot_->xAxis->pixelToCoord(pos.x()) - step) <= kBarHalfWidth;
    const int bufferIndex = onBar ? stack_->bufferAt(step, bytes) : -1;
    QToolTip::showText(event->globalPosition().toPoint(), tooltipForStep(step, bufferIndex), plot_);
}

void MemoryChart::onMouseRelease(QMouseEvent* event) {
    // A click, not the end of a drag: select the step under the cursor.
    if ((event->position() - pressPos_).manhattanLength() > 4 || event->button() != Qt::LeftButton) return;
    const int step = stepAtPixel(event->position().x());
    if (step < 0) return;
    highlightStep(step);
    emit stepClicked(step);
}

}  // namespace mcunet::widgets
