#include "summary_strip.h"

#include <QGridLayout>
#include <algorithm>
#include <QHBoxLayout>
#include <QLabel>
#include <QScreen>
#include <QToolButton>
#include <QVBoxLayout>

#include "format.h"
#include "theme.h"

namespace mcunet::widgets {

namespace {
QString marginText(const analysis::FitCheck& check) {
    if (check.fits) return QObject::tr("%1 to spare").arg(formatKiB(check.marginBytes));
    return QObject::tr("%1 over").arg(formatKiB(-check.marginBytes));
}

// The margin with what it already keeps back: "12.0 kB to spare (8.0 kB kept for stack)".
QString sramMarginText(const analysis::FitCheck& check) {
    if (check.reserveBytes <= 0) return marginText(check);
    return QObject::tr("%1 (%2 kept for stack and other RAM)").arg(marginText(check), formatKiB(check.reserveBytes));
}
}  // namespace

SummaryStrip::SummaryStrip(QWidget* parent) : QFrame(parent) {
    setObjectName("summaryStrip");
    setFrameShape(QFrame::StyledPanel);
    outer_ = new QBoxLayout(QBoxLayout::LeftToRight, this);
    outer_->setContentsMargins(10, 6, 10, 6);
    outer_->setSpacing(12);
    fieldsBox_ = new QWidget(this);
    auto* layout = new QGridLayout(fieldsBox_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(18);
    layout->setVerticalSpacing(4);
    outer_->addWidget(fieldsBox_);
    addField(Macs, tr("MACs"), tr("Multiply-accumulates per inference"));
    addField(Params, tr("Parameters"), tr("Weights and biases (elements; bytes below)"));
    addField(EngineSram, tr("Peak SRAM · our engine"), tr("Arena our engine's code uses: activations + kernel scratch"));
    addField(TflmSram, tr("Peak SRAM · TF-Lite Micro"),
             tr("Smallest tensor arena TF-Lite Micro accepts: planned activations (head), persistent "
                "structures (tail) and AllocateTensors' temporaries"));
    addField(Flash, tr("Flash · our engine"), tr("Weights, bias/requantization parameters and code"));
    outer_->addStretch(1);

    verdictBox_ = new QWidget(this);
    auto* verdictBox = new QVBoxLayout(verdictBox_);
    verdictBox->setContentsMargins(0, 0, 0, 0);
    verdictBox->setSpacing(2);
    verdict_ = new QLabel(verdictBox_);
    verdict_->setObjectName("verdict");
    verdict_->setAlignment(Qt::AlignCenter);
    QFont verdictFont = verdict_->font();
    verdictFont.setBold(true);
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.2);
    verdict_->setFont(verdictFont);
    verdictDetail_ = new QLabel(verdictBox_);
    verdictDetail_->setObjectName("verdictDetail");
    verdictDetail_->setAlignment(Qt::AlignCenter);
    verdictDetail_->setWordWrap(true);
    verdict_->setWordWrap(true);  // a narrow window wraps the verdict rather than clipping it
    verdictBox->addWidget(verdict_);
    // What the caller writes into the input decides the verdict for float-input models: a
    // visible choice, not an assumption hidden in a note.
    inputRow_ = new QWidget(verdictBox_);
    auto* inputLayout = new QHBoxLayout(inputRow_);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->setSpacing(0);
    inputLabel_ = new QLabel(tr("Input: "), inputRow_);
    inputLayout->addStretch(1);
    inputLayout->addWidget(inputLabel_);
    declaredButton_ = new QToolButton(inputRow_);
    declaredButton_->setObjectName("inputDeclared");
    int8Button_ = new QToolButton(inputRow_);
    int8Button_->setObjectName("inputInt8");
    int8Button_->setText(tr("int8, quantized by the caller"));
    int8Button_->setToolTip(tr("The application quantizes the input itself and writes int8: the float input "
                               "buffer and the model's QUANTIZE are not needed"));
    for (QToolButton* button : {declaredButton_, int8Button_}) {
        button->setCheckable(true);
        button->setAutoExclusive(true);
        inputLayout->addWidget(button);
    }
    inputLayout->addStretch(1);
    connect(declaredButton_, &QToolButton::clicked, this,
            [this] { emit inputAssumptionRequested(analysis::InputAssumption::Declared); });
    connect(int8Button_, &QToolButton::clicked, this, [this] { emit inputAssumptionRequested(analysis::InputAssumption::Int8); });
    inputRow_->hide();
    verdictBox->addWidget(inputRow_);
    verdictBox->addWidget(verdictDetail_);
    outer_->addWidget(verdictBox_);
    clear();
}

bool SummaryStrip::verdictBelow() const { return arrangement_ != Arrangement::Beside; }

void SummaryStrip::resizeEvent(QResizeEvent* event) {
    QFrame::resizeEvent(event);
    placeVerdict();
}

void SummaryStrip::placeVerdict() {
    // Three arrangements, widest first: numbers and verdict on one row; the verdict with its
    // detail under the numbers; numbers on two rows with the verdict in the last cell (detail
    // in its tooltip). The verdict is the answer the user came for: never clipped.
    const QMargins m = outer_->contentsMargins();
    const int available = width() - m.left() - m.right();
    auto* grid = static_cast<QGridLayout*>(fieldsBox_->layout());
    const int count = static_cast<int>(fields_.size());
    int oneRow = 0;
    for (QWidget* field : fields_) oneRow += field->sizeHint().width();
    oneRow += grid->horizontalSpacing() * (count - 1);
    Arrangement wanted = Arrangement::TwoRows;
    if (oneRow + outer_->spacing() + verdictBox_->sizeHint().width() <= available) wanted = Arrangement::Beside;
    else if (oneRow <= available) wanted = Arrangement::Below;
    // Narrow windows may shrink the strip down to the two-row arrangement.
    int twoRows = 2 * grid->horizontalSpacing();
    for (int column = 0; column < 3; ++column) {
        int columnWidth = 0;
        for (int i = column; i < count; i += 3) columnWidth = std::max(columnWidth, fields_[i]->sizeHint().width());
        twoRows += columnWidth;
    }
    fieldsBox_->setMinimumWidth(twoRows);
    verdictDetail_->setVisible(wanted != Arrangement::TwoRows && !shortScreen());
    if (wanted == arrangement_) return;
    arrangement_ = wanted;
    const int perRow = wanted == Arrangement::TwoRows ? 3 : count;
    for (QWidget* field : fields_) grid->removeWidget(field);
    grid->removeWidget(verdictBox_);
    outer_->removeWidget(verdictBox_);
    for (int i = 0; i < count; ++i) grid->addWidget(fields_[i], i / perRow, i % perRow);
    if (wanted == Arrangement::TwoRows) {
        grid->addWidget(verdictBox_, 1, count - perRow, 1, 2 * perRow - count, Qt::AlignCenter);
    } else {
        outer_->addWidget(verdictBox_);
        outer_->setDirection(wanted == Arrangement::Beside ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    }
    verdictDetail_->setVisible(wanted != Arrangement::TwoRows && !shortScreen());
}

bool SummaryStrip::shortScreen() const {
    // Under 700 pixels of height (1024x600, or 1.5x scale on a laptop) every line counts: the
    // verdict's detail moves into its tooltip.
    const QScreen* s = screen();
    return s && s->availableGeometry().height() < 700;
}

QLabel* SummaryStrip::addField(Field field, const QString& title, const QString& tooltip) {
    auto* fieldWidget = new QWidget(fieldsBox_);
    auto* box = new QVBoxLayout(fieldWidget);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(1);
    // Fonts, not style sheets: a style sheet's font would also apply to the tooltips.
    auto* titleLabel = new QLabel(title, fieldsBox_);
    QFont small = titleLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    titleLabel->setFont(small);
    useSecondaryText(titleLabel);
    auto* value = new QLabel(fieldsBox_);
    value->setObjectName(QString("summaryValue%1").arg(int(field)));
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setWeight(QFont::DemiBold);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* detail = new QLabel(fieldsBox_);
    QFont smaller = detail->font();
    smaller.setPointSizeF(smaller.pointSizeF() * 0.85);
    detail->setFont(smaller);
    useSecondaryText(detail);
    for (QLabel* label : {titleLabel, value, detail}) label->setToolTip(tooltip);
    box->addWidget(titleLabel);
    box->addWidget(value);
    box->addWidget(detail);
    auto* grid = static_cast<QGridLayout*>(fieldsBox_->layout());
    grid->addWidget(fieldWidget, 0, static_cast<int>(fields_.size()));
    fields_.push_back(fieldWidget);
    values_[field] = value;
    details_[field] = detail;
    return value;
}

void SummaryStrip::clear() {
    for (QLabel* label : values_) label->setText(QStringLiteral("—"));
    for (QLabel* label : details_) label->clear();
    verdict_->setText(tr("No model"));
    verdict_->setStyleSheet("#verdict { padding: 4px 12px; border-radius: 4px; background: palette(midlight); }");
    verdict_->setToolTip(QString());
    verdictDetail_->clear();
    inputRow_->hide();
    verdictFits_ = false;
}

QString SummaryStrip::inputText() const { return inputRow_->isVisible() ? inputRow_->toolTip() : QString(); }

void SummaryStrip::showAnalysis(const analysis::ModelAnalysis& analysis, const analysis::BoardFit& fit,
                                const QString& boardName, const QString& declaredInput) {
    declaredButton_->setText(declaredInput.isEmpty() ? tr("as declared") : tr("as declared: %1").arg(declaredInput));
    declaredButton_->setToolTip(tr("The input has the type the model declares; a float input and its int8 copy "
                                   "both live in the arena"));
    const bool int8 = analysis.options.input == analysis::InputAssumption::Int8;
    declaredButton_->setChecked(!int8);
    int8Button_->setChecked(int8);
    inputRow_->setToolTip(QString::fromStdString(analysis.inputAssumptionText));
    inputRow_->setVisible(analysis.inputAssumptionMatters);
    const auto& profile = analysis.profile;
    // Never a silent undercount: ops without a MAC rule make the total a lower bound, marked.
    const bool complete = profile.macsComplete();
    values_[Macs]->setText(complete ? formatShortCount(profile.totalMacs) : tr("≥ %1").arg(formatShortCount(profile.totalMacs)));
    details_[Macs]->setText(complete ? tr("%1 · MACC %2").arg(formatCount(profile.totalMacs), formatShortCount(profile.totalMaccs))
                                     : tr("incomplete: %n op(s) not counted", nullptr,
                                          static_cast<int>(profile.incompleteMacOps.size())));
    values_[Params]->setText(formatShortCount(profile.totalParams));
    details_[Params]->setText(tr("%1 in weights").arg(formatBytes(profile.totalParamBytes)));
    if (analysis.engineAvailable()) {
        values_[EngineSram]->setText(formatKiB(analysis.engineSramBytes()));
        details_[EngineSram]->setText(tr("%1 B arena").arg(formatCount(analysis.engineSramBytes())));
        values_[EngineSram]->setToolTip(QString());
        values_[Flash]->setText(formatKiB(analysis.engineFlash.totalBytes()));
        values_[Flash]->setToolTip(tr("Our engine: weights, bias, requantization tables, kernel code"));
    } else {
        values_[EngineSram]->setText(tr("n/a"));
        details_[EngineSram]->setText(tr("engine cannot run this model"));
        values_[EngineSram]->setToolTip(QString::fromStdString(analysis.engineError));
        values_[Flash]->setText(tr("n/a"));
    }
    values_[TflmSram]->setText(formatKiB(analysis.tflmSramBytes()));
    // The headline is TF-Lite Micro's minimum arena; its parts are written so they add up to it.
    const int64_t temporaries = analysis.tflm.minimumArenaBytes - analysis.tflm.arenaBytes - analysis.tflm.persistentBytes;
    details_[TflmSram]->setText(
        temporaries > 0 ? tr("head %1 + tail %2 + %3 while allocating")
                              .arg(formatKiB(analysis.tflm.arenaBytes), formatKiB(analysis.tflm.persistentBytes),
                                   formatKiB(temporaries))
                        : tr("head %1 + tail %2").arg(formatKiB(analysis.tflm.arenaBytes), formatKiB(analysis.tflm.persistentBytes)));
    // The build Cortex-M users run: CMSIS-NN kernels, with their own scratch buffers.
    details_[TflmSram]->setText(details_[TflmSram]->text() + "\n" +
                                tr("CMSIS-NN kernels: %1").arg(formatKiB(analysis.tflmCmsisSramBytes())));
    details_[Flash]->setText(tr("TF-Lite Micro: %1").arg(formatKiB(analysis.tflmFlash.totalBytes())));
    setVerdict(fit, boardName);
    // The verdict says what it assumed about the input, for every model.
    verdictDetail_->setText(verdictDetail_->text() + "\n" + QString::fromStdString(analysis.inputAssumptionText));
    placeVerdict();
}

namespace {
// "SRAM 36.5 kB to spare · Flash 512.0 kB to spare"
QString marginsText(const analysis::FitCheck& sram, const analysis::FitCheck& flash) {
    return QObject::tr("SRAM %1 · Flash %2").arg(sramMarginText(sram), marginText(flash));
}
}  // namespace

void SummaryStrip::setVerdict(const analysis::BoardFit& fit, const QString& boardName) {
    // The verdict is for our engine; a model the engine cannot run is judged by TF-Lite Micro.
    const bool engine = fit.engineAvailable;
    const analysis::FitCheck& sram = engine ? fit.engineSram : fit.tflmSram;
    const analysis::FitCheck& flash = engine ? fit.engineFlash : fit.tflmFlash;
    verdictFits_ = sram.fits && flash.fits;
    const QString background = verdictFits_ ? "#2e7d32" : "#c62828";
    // By id: a plain style sheet would also paint the tooltip green.
    verdict_->setStyleSheet(
        QString("#verdict { padding: 4px 12px; border-radius: 4px; color: white; background: %1; }").arg(background));
    // The headline names the resource that decides: the one over the limit, else SRAM.
    const bool sramDecides = !sram.fits || flash.fits;
    const QString decisive = sramDecides ? tr("SRAM %1").arg(marginText(sram)) : tr("Flash %1").arg(marginText(flash));
    verdict_->setText(verdictFits_ ? tr("✔ Fits %1 — %2").arg(boardName, decisive)
                                   : tr("✘ Doesn't fit %1 — %2").arg(boardName, decisive));
    if (engine) {
        verdictDetail_->setText(tr("Our engine: %1\nTF-Lite Micro: %2 — %3")
                                    .arg(marginsText(fit.engineSram, fit.engineFlash),
                                         fit.fitsWithTflm() ? tr("fits") : tr("doesn't fit"),
                                         marginsText(fit.tflmSram, fit.tflmFlash)));
    } else {
        verdictDetail_->setText(tr("TF-Lite Micro: %1\n(our engine cannot run this model)")
                                    .arg(marginsText(fit.tflmSram, fit.tflmFlash)));
    }
    verdict_->setToolTip(verdictDetail_->text() + "\n" + inputRow_->toolTip());
}

QString SummaryStrip::verdictDetail() const { return verdictDetail_->text(); }

QString SummaryStrip::fieldText(Field field) const { return values_.value(field)->text(); }
QString SummaryStrip::fieldDetail(Field field) const { return details_.value(field)->text(); }
QString SummaryStrip::verdictText() const { return verdict_->text(); }

}  // namespace mcunet::widgets
