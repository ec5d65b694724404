// The Search mode: TinyNAS over the studio's session. A board preset and SRAM / Flash sliders
// (typed values too; latency stays disabled until the latency estimate exists), the search's
// settings, Start / Pause / Cancel, and a live Pareto chart refreshed about 7 times a second
// from a search running on a worker thread. Moving a slider recolours feasibility at once (each
// point keeps its numbers) and the running search continues under the new limits. Hover shows a
// candidate's numbers; a click opens it in Analyze (and its network editor). Searches are saved
// and reopened (settings and every evaluation); candidates export as MCUNet JSON. A second tab
// runs stage 1, the space optimizer, as a heat map with the CDFs of the best cells.
#pragma once

#include <QFutureWatcher>
#include <QTemporaryDir>
#include <QWidget>
#include <memory>

#include "nas/evolution.h"
#include "nas/space_optimizer.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace mcunet::widgets {
class ParetoChart;
class CellHeatMap;
}  // namespace mcunet::widgets

namespace mcunet::studio {

class StudioSession;

class SearchView : public QWidget {
    Q_OBJECT
public:
    explicit SearchView(StudioSession* session, QWidget* parent = nullptr);
    ~SearchView() override;

    // ---- for the window, the tests and the menus
    void start();
    void togglePause();
    void cancel();
    void runSpaceOptimizer();
    bool running() const;
    bool saveSearch(const QString& path);
    bool openSearch(const QString& path);
    // Writes candidate `index` (of the current snapshot) as MCUNet JSON; false + message on failure.
    bool exportCandidate(int index, const QString& path);
    // Writes the candidate to a scratch JSON file and asks the window to open it in Analyze.
    void openCandidate(int index);
    // Limits as the sliders say, in bytes.
    nas::Limits limits() const;
    void setLimitsKb(int sramKb, int flashKb);
    const nas::SearchSnapshot& snapshot() const { return snapshot_; }

    QSlider* sramSlider() const { return sramSlider_; }
    QSlider* flashSlider() const { return flashSlider_; }
    QSlider* latencySlider() const { return latencySlider_; }
    QSpinBox* sramBox() const { return sramBox_; }
    QSpinBox* flashBox() const { return flashBox_; }
    QSpinBox* populationBox() const { return population_; }
    QSpinBox* generationsBox() const { return generations_; }
    QSpinBox* samplesBox() const { return samples_; }
    widgets::ParetoChart* chart() const { return chart_; }
    widgets::CellHeatMap* heatMap() const { return heatMap_; }
    QLabel* statusLabel() const { return status_; }
    QLabel* hoverLabel() const { return hover_; }

signals:
    void openInAnalyzeRequested(const QString& path);
    void message(const QString& text);  // for the status bar

private:
    void buildUi();
    void refresh();          // snapshot -> chart and labels
    void limitsChanged();
    void applyBoard(int index);
    void onFinished();
    void showHover(int index);
    nas::SearchSettings settingsFromUi() const;
    void setRunningUi(bool running);
    QString candidateText(const nas::Candidate& c) const;

    StudioSession* session_;
    std::shared_ptr<nas::EvolutionSearch> search_;
    std::shared_ptr<Progress> progress_;
    QFutureWatcher<QString> watcher_;
    QFutureWatcher<QString> spaceWatcher_;
    std::shared_ptr<nas::SpaceOptResult> spaceResult_;
    std::shared_ptr<Progress> spaceProgress_;
    nas::SearchSnapshot snapshot_;
    size_t shownCandidates_ = 0;
    nas::Limits shownLimits_;
    QTimer* timer_ = nullptr;
    QTemporaryDir scratch_;

    QComboBox* board_ = nullptr;
    QSlider* sramSlider_ = nullptr;
    QSlider* flashSlider_ = nullptr;
    QSlider* latencySlider_ = nullptr;
    QSpinBox* sramBox_ = nullptr;
    QSpinBox* flashBox_ = nullptr;
    QComboBox* space_ = nullptr;
    QComboBox* objective_ = nullptr;
    QSpinBox* population_ = nullptr;
    QSpinBox* generations_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* pauseButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QPushButton* spaceButton_ = nullptr;
    QComboBox* xAxis_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* hover_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    widgets::ParetoChart* chart_ = nullptr;
    widgets::CellHeatMap* heatMap_ = nullptr;
    int hovered_ = -1;
};

}  // namespace mcunet::studio
