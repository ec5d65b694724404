// The one-line answer at the top of the analysis view: MACs, parameters, peak SRAM under our
// engine and under TF-Lite Micro, Flash, and whether the model fits the selected board (with
// the margin in kB). Every value is core's (ModelAnalysis, BoardFit); this only lays them out.
// On a narrow window the verdict moves under the numbers instead of being clipped.
#pragma once

#include <QFrame>
#include <QMap>
#include <vector>

#include "analysis/model_analysis.h"

class QBoxLayout;
class QLabel;
class QToolButton;

namespace mcunet::widgets {

class SummaryStrip : public QFrame {
    Q_OBJECT
public:
    enum Field { Macs, Params, EngineSram, TflmSram, Flash };
    explicit SummaryStrip(QWidget* parent = nullptr);

    // `declaredInput`: the model's input type as declared ("float32"), for the input toggle.
    void showAnalysis(const analysis::ModelAnalysis& analysis, const analysis::BoardFit& fit,
                      const QString& boardName, const QString& declaredInput = {});
    void clear();

    QString fieldText(Field field) const;
    QString fieldDetail(Field field) const;
    QString verdictText() const;
    QString verdictDetail() const;
    bool verdictFits() const { return verdictFits_; }
    // True when the verdict sits under the numbers (narrow window).
    bool verdictBelow() const;
    // The input toggle: shown when the assumption changes the model's numbers.
    QToolButton* declaredInputButton() const { return declaredButton_; }
    QToolButton* int8InputButton() const { return int8Button_; }
    QString inputText() const;

signals:
    void inputAssumptionRequested(mcunet::analysis::InputAssumption input);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void placeVerdict();
    bool shortScreen() const;
    QLabel* addField(Field field, const QString& title, const QString& tooltip);
    void setVerdict(const analysis::BoardFit& fit, const QString& boardName);

    QMap<Field, QLabel*> values_;
    QMap<Field, QLabel*> details_;
    QLabel* verdict_ = nullptr;
    QLabel* verdictDetail_ = nullptr;
    QBoxLayout* outer_ = nullptr;
    QWidget* fieldsBox_ = nullptr;
    QWidget* verdictBox_ = nullptr;
    QWidget* inputRow_ = nullptr;
    QLabel* inputLabel_ = nullptr;
    QToolButton* declaredButton_ = nullptr;
    QToolButton* int8Button_ = nullptr;
    std::vector<QWidget*> fields_;  // one per Field, laid out on one row or two
    enum class Arrangement { Beside, Below, TwoRows };
    Arrangement arrangement_ = Arrangement::Beside;
    bool verdictFits_ = false;
};

}  // namespace mcunet::widgets
