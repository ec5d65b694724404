#include "summary_strip.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "format.h"

namespace mcunet::widgets {

namespace {
QString marginText(const analysis::FitCheck& check) {
    if (check.fits) return QObject::tr("%1 to spare").arg(formatKiB(check.marginBytes));
    return QObject::tr("%1 over").arg(formatKiB(-check.marginBytes));
}
}  // namespace

SummaryStrip::SummaryStrip(QWidget* parent) : QFrame(parent) {
    setObjectName("summaryStrip");
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(22);
    addField(Macs, tr("MACs"), tr("Multiply-accumulates per inference"));
    addField(Params, tr("Parameters"), tr("Weights and biases (elements; bytes below)"));
    addField(EngineSram, tr("Peak SRAM · our engine"), tr("Arena our engine's code uses: activations + kernel scratch"));
    addField(TflmSram, tr("Peak SRAM · TF-Lite Micro"),
             tr("Smallest tensor arena TF-Lite Micro accepts: planned activations (head), persistent "
                "structures (tail) and AllocateTensors' temporaries"));
    addField(Flash, tr("Flash · our engine"), tr("Weights, bias/requantization parameters and code"));
    layout->addStretch(1);

    auto* verdictBox = new QVBoxLayout;
    verdictBox->setSpacing(2);
    verdict_ = new QLabel(this);
    verdict_->setObjectName("verdict");
    verdict_->setAlignment(Qt::AlignCenter);
    verdictDetail_ = new QLabel(this);
    verdictDetail_->setObjectName("verdictDetail");
    verdictDetail_->setAlignment(Qt::AlignCenter);
    verdictBox->addWidget(verdict_);
    verdictBox->addWidget(verdictDetail_);
    layout->addLayout(verdictBox);
    clear();
}

QLabel* SummaryStrip::addField(Field field, const QString& title, const QString& tooltip) {
    auto* box = new QVBoxLayout;
    box->setSpacing(1);
    auto* titleLabel = new QLabel(title, this);
    titleLabel->setStyleSheet("color: #505050; font-size: 9pt;");
    auto* value = new QLabel(this);
    value->setObjectName(QString("summaryValue%1").arg(int(field)));
    value->setStyleSheet("font-size: 13pt; font-weight: 600;");
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* detail = new QLabel(this);
    detail->setStyleSheet("color: #606060; font-size: 8pt;");
    for (QLabel* label : {titleLabel, value, detail}) label->setToolTip(tooltip);
    box->addWidget(titleLabel);
    box->addWidget(value);
    box->addWidget(detail);
    static_cast<QHBoxLayout*>(layout())->addLayout(box);
    values_[field] = value;
    details_[field] = detail;
    return value;
}

void SummaryStrip::clear() {
    for (QLabel* label : values_) label->setText(QStringLiteral("—"));
    for (QLabel* label : details_) label->clear();
    verdict_->setText(tr("No model"));
    verdict_->setStyleSheet("padding: 4px 12px; border-radius: 4px; background: palette(midlight);");
    verdictDetail_->clear();
    verdictFits_ = false;
}

void SummaryStrip::showAnalysis(const analysis::ModelAnalysis& analysis, const analysis::BoardFit& fit,
                                const QString& boardName) {
    const auto& profile = analysis.profile;
    values_[Macs]->setText(formatShortCount(profile.totalMacs));
    details_[Macs]->setText(formatCount(profile.totalMacs));
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
    details_[TflmSram]->setText(tr("head %1 + tail %2")
                                    .arg(formatKiB(analysis.tflm.arenaBytes), formatKiB(analysis.tflm.persistentBytes)));
    details_[Flash]->setText(tr("TF-Lite Micro: %1").arg(formatKiB(analysis.tflmFlash.totalBytes())));
    setVerdict(fit, boardName);
}

namespace {
// "SRAM 36.5 kB to spare · Flash 512.0 kB to spare"
QString marginsText(const analysis::FitCheck& sram, const analysis::FitCheck& flash) {
    return QObject::tr("SRAM %1 · Flash %2").arg(marginText(sram), marginText(flash));
}
}  // namespace

void SummaryStrip::setVerdict(const analysis::BoardFit& fit, const QString& boardName) {
    // The verdict is for our engine; a model the engine cannot run is judged by TF-Lite Micro.
    const bool engine = fit.engineAvailable;
    const analysis::FitCheck& sram = engine ? fit.engineSram : fit.tflmSram;
    const analysis::FitCheck& flash = engine ? fit.engineFlash : fit.tflmFlash;
    verdictFits_ = sram.fits && flash.fits;
    const QString background = verdictFits_ ? "#2e7d32" : "#c62828";
    verdict_->setStyleSheet(QString("padding: 4px 12px; border-radius: 4px; color: white; font-weight: 700; "
                                    "font-size: 12pt; background: %1;").arg(background));
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
}

QString SummaryStrip::verdictDetail() const { return verdictDetail_->text(); }

QString SummaryStrip::fieldText(Field field) const { return values_.value(field)->text(); }
QString SummaryStrip::verdictText() const { return verdict_->text(); }

}  // namespace mcunet::widgets
