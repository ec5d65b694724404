// The one-line answer at the top of the analysis view: MACs, parameters, peak SRAM under our
// engine and under TF-Lite Micro, Flash, and whether the model fits the selected board (with
// the margin in kB). Every value is core's (ModelAnalysis, BoardFit); this only lays them out.
#pragma once

#include <QFrame>
#include <QMap>

#include "analysis/model_analysis.h"

class QLabel;

namespace mcunet::widgets {

class SummaryStrip : public QFrame {
    Q_OBJECT
public:
    enum Field { Macs, Params, EngineSram, TflmSram, Flash };
    explicit SummaryStrip(QWidget* parent = nullptr);

    void showAnalysis(const analysis::ModelAnalysis& analysis, const analysis::BoardFit& fit,
                      const QString& boardName);
    void clear();

    QString fieldText(Field field) const;
    QString verdictText() const;
    QString verdictDetail() const;
    bool verdictFits() const { return verdictFits_; }

private:
    QLabel* addField(Field field, const QString& title, const QString& tooltip);
    void setVerdict(const analysis::BoardFit& fit, const QString& boardName);

    QMap<Field, QLabel*> values_;
    QMap<Field, QLabel*> details_;
    QLabel* verdict_ = nullptr;
    QLabel* verdictDetail_ = nullptr;
    bool verdictFits_ = false;
};

}  // namespace mcunet::widgets
