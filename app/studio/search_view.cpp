#include "search_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "cell_heatmap.h"
#include "format.h"
#include "io/mcunet_config.h"
#include "pareto_chart.h"
#include "studio_session.h"
#include "util/error.h"

namespace mcunet::studio {

namespace {

constexpr int kRefreshMs = 150;  // about 7 chart updates a second while a search runs

// A slider and a typed value that follow each other.
void pair(QSlider* slider, QSpinBox* box) {
    QObject::connect(slider, &QSlider::valueChanged, box, [box](int v) {
        if (box->value() != v) box->setValue(v);
    });
    QObject::connect(box, qOverload<int>(&QSpinBox::valueChanged), slider, [slider](int v) {
        if (slider->value() != v) slider->setValue(v);
    });
}

QString megaMacs(int64_t macs) { return QStringLiteral("%1 M").arg(static_cast<double>(macs) / 1e6, 0, 'f', 1); }

}  // namespace

SearchView::SearchView(StudioSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName("searchView");
    buildUi();
    timer_ = new QTimer(this);
    timer_->setInterval(kRefreshMs);
    connect(timer_, &QTimer::timeout, this, &SearchView::refresh);
    connect(&watcher_, &QFutureWatcher<QString>::finished, this, &SearchView::onFinished);
    connect(&spaceWatcher_, &QFutureWatcher<QString>::finished, this, [this] {
        spaceButton_->setEnabled(true);
        const QString error = spaceWatcher_.result();
        if (!error.isEmpty()) {
            status_->setText(error);
            return;
        }
        heatMap_->setResult(*spaceResult_, settingsFromUi().space);
        tabs_->setCurrentIndex(1);
        if (spaceResult_->bestCell >= 0) {
            const nas::CellStats& best = spaceResult_->cells[static_cast<size_t>(spaceResult_->bestCell)];
            status_->setText(tr("Best cell (mean MACs of fitting nets): width %1, resolution %2 — %3 of sampled nets fit, mean %4")
                                 .arg(best.width, 0, 'f', 1)
                                 .arg(best.resolution)
                                 .arg(QStringLiteral("%1%").arg(best.fitFraction() * 100, 0, 'f', 1))
                                 .arg(megaMacs(static_cast<int64_t>(best.meanMacs))));
        } else {
            status_->setText(tr("No sampled network of any cell fits these limits."));
        }
    });
}

SearchView::~SearchView() {
    if (progress_) progress_->cancel();
    if (search_) search_->resume();
    if (spaceProgress_) spaceProgress_->cancel();
    watcher_.waitForFinished();
    spaceWatcher_.waitForFinished();
}

void SearchView::buildUi() {
    // Inside a scroll area, so the screen never forces a minimum window size (the studio fits
    // 1024x600 and small windows); the chart takes the height there is.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    content->setMinimumSize(900, 560);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(content);

    auto* limitsBox = new QGroupBox(tr("Limits"), this);
    auto* limitsForm = new QFormLayout(limitsBox);
    board_ = new QComboBox(limitsBox);
    board_->setObjectName("searchBoard");
    board_->addItem(tr("Custom"), QString());
    for (const device::Board& board : session_->boards())
        board_->addItem(QString::fromStdString(board.name), QString::fromStdString(board.id));
    connect(board_, qOverload<int>(&QComboBox::currentIndexChanged), this, &SearchView::applyBoard);
    // The preset starts at the studio's board and follows it.
    auto followBoard = [this](const device::Board& board) {
        const int index = board_->findData(QString::fromStdString(board.id));
        if (index >= 0) board_->setCurrentIndex(index);
    };
    connect(session_, &StudioSession::boardChanged, this, followBoard);
    limitsForm->addRow(tr("Board preset"), board_);
    auto sliderRow = [&](const QString& objectName, int lo, int hi, int value, QSlider** slider, QSpinBox** box) {
        auto* row = new QWidget(limitsBox);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        *slider = new QSlider(Qt::Horizontal, row);
        (*slider)->setObjectName(objectName + "Slider");
        (*slider)->setRange(lo, hi);
        (*slider)->setValue(value);
        *box = new QSpinBox(row);
        (*box)->setObjectName(objectName + "Box");
        (*box)->setRange(lo, hi);
        (*box)->setValue(value);
        (*box)->setSuffix(tr(" kB"));
        (*box)->setKeyboardTracking(false);
        h->addWidget(*slider, 1);
        h->addWidget(*box);
        pair(*slider, *box);
        connect(*slider, &QSlider::valueChanged, this, &SearchView::limitsChanged);
        return row;
    };
    limitsForm->addRow(tr("Peak SRAM ≤"), sliderRow("sram", 16, 2048, 256, &sramSlider_, &sramBox_));
    limitsForm->addRow(tr("Flash ≤"), sliderRow("flash", 64, 8192, 1024, &flashSlider_, &flashBox_));
    followBoard(session_->board());
    latencySlider_ = new QSlider(Qt::Horizontal, limitsBox);
    latencySlider_->setObjectName("latencySlider");
    latencySlider_->setEnabled(false);
    latencySlider_->setToolTip(tr("Latency limits need analysis's latency estimate, which is not built yet "
                                  "(the engine-speed work adds it). The search limits SRAM and Flash."));
    limitsForm->addRow(tr("Latency ≤ (not available)"), latencySlider_);

    auto* settingsBox = new QGroupBox(tr("Search"), this);
    auto* settingsLayout = new QHBoxLayout(settingsBox);
    auto addField = [&](const QString& label, QWidget* field) {
        settingsLayout->addWidget(new QLabel(label, settingsBox));
        settingsLayout->addWidget(field);
    };
    space_ = new QComboBox(settingsBox);
    space_->addItem(tr("MCUNet (OFA-ProxylessNAS)"), "mcunet");
    space_->addItem(tr("MobileNetV2 widths"), "mbv2");
    addField(tr("Space"), space_);
    objective_ = new QComboBox(settingsBox);
    objective_->addItem(tr("MACs"), "macs");
    objective_->addItem(tr("Zero-cost (NASWOT)"), "zero-cost");
    objective_->setToolTip(tr("MACs: the paper's proxy, instant. Zero-cost: NASWOT score with the float runtime on "
                              "random weights and a noise batch (about a second per network). An external training "
                              "command is available from the CLI: mcunet search --objective cmd:'...'"));
    addField(tr("Objective"), objective_);
    auto spin = [&](const QString& name, int lo, int hi, int value) {
        auto* box = new QSpinBox(settingsBox);
        box->setObjectName(name);
        box->setRange(lo, hi);
        box->setValue(value);
        return box;
    };
    population_ = spin("population", 4, 10000, 100);
    addField(tr("Population"), population_);
    generations_ = spin("generations", 0, 100000, 30);
    addField(tr("Generations"), generations_);
    seed_ = spin("seed", 0, 1000000, 0);
    addField(tr("Seed"), seed_);
    threads_ = spin("threads", 1, 64, std::max(1, QThread::idealThreadCount()));
    addField(tr("Threads"), threads_);
    settingsLayout->addStretch(1);

    auto* buttons = new QHBoxLayout;
    startButton_ = new QPushButton(tr("Start"), this);
    startButton_->setObjectName("startSearch");
    pauseButton_ = new QPushButton(tr("Pause"), this);
    pauseButton_->setObjectName("pauseSearch");
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName("cancelSearch");
    auto* saveButton = new QPushButton(tr("Save search…"), this);
    auto* openButton = new QPushButton(tr("Open search…"), this);
    auto* exportButton = new QPushButton(tr("Export best as MCUNet JSON…"), this);
    auto* analyzeButton = new QPushButton(tr("Open best in Analyze"), this);
    for (QPushButton* b : {startButton_, pauseButton_, cancelButton_, saveButton, openButton, exportButton, analyzeButton})
        buttons->addWidget(b);
    buttons->addStretch(1);
    connect(startButton_, &QPushButton::clicked, this, &SearchView::start);
    connect(pauseButton_, &QPushButton::clicked, this, &SearchView::togglePause);
    connect(cancelButton_, &QPushButton::clicked, this, &SearchView::cancel);
    connect(saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save search"), QString(), tr("Search (*.json)"));
        if (!path.isEmpty()) saveSearch(path);
    });
    connect(openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open search"), QString(), tr("Search (*.json)"));
        if (!path.isEmpty()) openSearch(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        if (!snapshot_.best) return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Export as MCUNet JSON"), QStringLiteral("searched.json"),
                                                          tr("MCUNet config (*.json)"));
        if (!path.isEmpty()) exportCandidate(static_cast<int>(*snapshot_.best), path);
    });
    connect(analyzeButton, &QPushButton::clicked, this, [this] {
        if (snapshot_.best) openCandidate(static_cast<int>(*snapshot_.best));
    });
    setRunningUi(false);

    status_ = new QLabel(tr("Set the limits and press Start: every network is measured by our engine's planner."), this);
    status_->setObjectName("searchStatus");
    status_->setWordWrap(true);

    tabs_ = new QTabWidget(this);
    auto* paretoPage = new QWidget(tabs_);
    auto* paretoLayout = new QVBoxLayout(paretoPage);
    auto* axisRow = new QHBoxLayout;
    xAxis_ = new QComboBox(paretoPage);
    xAxis_->setObjectName("paretoXAxis");
    xAxis_->addItem(tr("MACs"));
    xAxis_->addItem(tr("Peak SRAM"));
    xAxis_->addItem(tr("Flash"));
    xAxis_->setCurrentIndex(static_cast<int>(widgets::ParetoChart::XAxis::Sram));
    axisRow->addWidget(new QLabel(tr("x axis"), paretoPage));
    axisRow->addWidget(xAxis_);
    hover_ = new QLabel(tr("Hover a point for its numbers; click it to open it in Analyze."), paretoPage);
    hover_->setObjectName("searchHover");
    axisRow->addWidget(hover_, 1);
    paretoLayout->addLayout(axisRow);
    chart_ = new widgets::ParetoChart(paretoPage);
    paretoLayout->addWidget(chart_, 1);
    connect(xAxis_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { chart_->setXAxis(static_cast<widgets::ParetoChart::XAxis>(i)); });
    connect(chart_, &widgets::ParetoChart::pointHovered, this, &SearchView::showHover);
    connect(chart_, &widgets::ParetoChart::pointClicked, this, &SearchView::openCandidate);
    tabs_->addTab(paretoPage, tr("Pareto front"));

    auto* spacePage = new QWidget(tabs_);
    auto* spaceLayout = new QVBoxLayout(spacePage);
    auto* spaceRow = new QHBoxLayout;
    samples_ = new QSpinBox(spacePage);
    samples_->setObjectName("samplesPerCell");
    samples_->setRange(10, 100000);
    samples_->setValue(1000);
    spaceButton_ = new QPushButton(tr("Optimize space"), spacePage);
    spaceButton_->setObjectName("optimizeSpace");
    spaceRow->addWidget(new QLabel(tr("Networks per (width, resolution) cell"), spacePage));
    spaceRow->addWidget(samples_);
    spaceRow->addWidget(spaceButton_);
    spaceRow->addStretch(1);
    spaceLayout->addLayout(spaceRow);
    heatMap_ = new widgets::CellHeatMap(spacePage);
    spaceLayout->addWidget(heatMap_, 1);
    connect(spaceButton_, &QPushButton::clicked, this, &SearchView::runSpaceOptimizer);
    tabs_->addTab(spacePage, tr("Space (stage 1)"));

    auto* top = new QHBoxLayout;
    top->addWidget(limitsBox, 2);
    layout->addLayout(top);
    layout->addWidget(settingsBox);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(tabs_, 1);
}

nas::Limits SearchView::limits() const {
    return {static_cast<int64_t>(sramSlider_->value()) * 1024, static_cast<int64_t>(flashSlider_->value()) * 1024, 0};
}

void SearchView::setLimitsKb(int sramKb, int flashKb) {
    sramSlider_->setValue(sramKb);
    flashSlider_->setValue(flashKb);
}

void SearchView::applyBoard(int index) {
    const QString id = board_->itemData(index).toString();
    for (const device::Board& board : session_->boards())
        if (QString::fromStdString(board.id) == id) {
            const QSignalBlocker block(board_);
            setLimitsKb(static_cast<int>(board.sramBytes / 1024), static_cast<int>(board.flashBytes / 1024));
        }
}

nas::SearchSettings SearchView::settingsFromUi() const {
    nas::SearchSettings settings;
    settings.space = nas::searchSpaceNamed(space_->currentData().toString().toStdString());
    settings.limits = limits();
    settings.objective = objective_->currentData().toString().toStdString();
    settings.population = population_->value();
    settings.generations = generations_->value();
    settings.seed = static_cast<uint64_t>(seed_->value());
    settings.threads = threads_->value();
    const QString id = board_->currentData().toString();
    for (const device::Board& board : session_->boards())
        if (QString::fromStdString(board.id) == id) settings.core = board.core;
    return settings;
}

void SearchView::setRunningUi(bool running) {
    startButton_->setEnabled(!running);
    pauseButton_->setEnabled(running);
    cancelButton_->setEnabled(running);
    pauseButton_->setText(search_ && search_->paused() ? tr("Resume") : tr("Pause"));
}

bool SearchView::running() const { return watcher_.isRunning(); }

void SearchView::start() {
    if (running()) return;
    try {
        // A finished or reopened search with the same settings continues; otherwise a new one.
        nas::SearchSettings settings = settingsFromUi();
        if (!search_ || search_->snapshot().finished || nas::toJson(search_->settings()).dump() != nas::toJson(settings).dump()) {
            const bool continueReopened = search_ && !search_->snapshot().finished &&
                                          search_->settings().space == settings.space && search_->settings().seed == settings.seed;
            if (!continueReopened) search_ = std::make_shared<nas::EvolutionSearch>(settings);
        }
        search_->setLimits(limits());
    } catch (const Error& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return;
    }
    progress_ = std::make_shared<Progress>();
    auto search = search_;
    auto progress = progress_;
    watcher_.setFuture(QtConcurrent::run([search, progress]() -> QString {
        try {
            search->run(*progress);
        } catch (const Error& e) {
            return e.code() == ErrorCode::Cancelled ? QStringLiteral("cancelled") : QString::fromUtf8(e.what());
        }
        return {};
    }));
    setRunningUi(true);
    timer_->start();
    emit message(tr("Search started"));
}

void SearchView::togglePause() {
    if (!search_ || !running()) return;
    if (search_->paused()) search_->resume();
    else search_->pause();
    setRunningUi(true);
    refresh();
}

void SearchView::cancel() {
    if (progress_) progress_->cancel();
    if (search_) search_->resume();
}

void SearchView::onFinished() {
    timer_->stop();
    const QString result = watcher_.result();
    setRunningUi(false);
    shownCandidates_ = static_cast<size_t>(-1);  // force a redraw
    refresh();
    if (result == QLatin1String("cancelled")) status_->setText(status_->text() + tr(" — cancelled; Start continues it."));
    else if (!result.isEmpty()) status_->setText(result);
}

void SearchView::limitsChanged() {
    if (search_) search_->setLimits(limits());
    refresh();  // recolour at once, also when no search runs
}

void SearchView::refresh() {
    if (!search_) return;
    snapshot_ = search_->snapshot();
    const bool changed = snapshot_.candidates.size() != shownCandidates_ || !(snapshot_.limits == shownLimits_);
    const QString objective = QString::fromStdString(search_->settings().objective);
    if (changed) {
        std::vector<widgets::ChartPoint> points;
        points.reserve(snapshot_.candidates.size());
        std::vector<size_t> index;  // chart point -> candidate
        for (const nas::Candidate& c : snapshot_.candidates) {
            if (!c.accuracy) continue;
            points.push_back({*c.accuracy, c.metrics.macs, c.metrics.peakSramBytes, c.metrics.flashBytes,
                              nas::fits(c.metrics, snapshot_.limits)});
        }
        // Unscored candidates (slow objectives) are not drawn; map the front to chart indices.
        std::vector<size_t> chartIndex(snapshot_.candidates.size(), static_cast<size_t>(-1));
        size_t next = 0;
        for (size_t i = 0; i < snapshot_.candidates.size(); ++i)
            if (snapshot_.candidates[i].accuracy) chartIndex[i] = next++;
        std::vector<size_t> front;
        for (size_t f : snapshot_.front) front.push_back(chartIndex[f]);
        const bool macs = objective == QLatin1String("macs");
        chart_->setPoints(std::move(points), std::move(front),
                          macs ? tr("MACs, millions (the accuracy proxy)") : tr("score: %1").arg(objective), macs ? 1e6 : 1);
        shownCandidates_ = snapshot_.candidates.size();
        shownLimits_ = snapshot_.limits;
    }
    QString text = tr("Generation %1 of %2 · %3 evaluations · %4 evaluations/s · %5 s")
                       .arg(snapshot_.generation)
                       .arg(snapshot_.generations)
                       .arg(widgets::formatCount(snapshot_.evaluations))
                       .arg(widgets::formatCount(static_cast<int64_t>(snapshot_.evaluationsPerSecond)))
                       .arg(snapshot_.elapsedSeconds, 0, 'f', 1);
    if (search_->paused()) text += tr(" · paused");
    if (snapshot_.best)
        text += tr(" · best: %1").arg(candidateText(snapshot_.candidates[*snapshot_.best]));
    else if (!snapshot_.candidates.empty())
        text += tr(" · no evaluated network fits these limits");
    text += tr(" · front: %1 networks").arg(snapshot_.front.size());
    status_->setText(text);
}

QString SearchView::candidateText(const nas::Candidate& c) const {
    return tr("%1 MACs, peak SRAM %2, Flash %3, w%4 r%5")
        .arg(megaMacs(c.metrics.macs), widgets::formatKiB(c.metrics.peakSramBytes), widgets::formatKiB(c.metrics.flashBytes))
        .arg(c.genes.width, 0, 'f', 1)
        .arg(c.genes.resolution);
}

// Chart point index -> candidate index (only scored candidates are drawn).
static int candidateOfPoint(const nas::SearchSnapshot& s, int point) {
    int seen = -1;
    for (size_t i = 0; i < s.candidates.size(); ++i)
        if (s.candidates[i].accuracy && ++seen == point) return static_cast<int>(i);
    return -1;
}

void SearchView::showHover(int point) {
    hovered_ = point;
    const int index = point < 0 ? -1 : candidateOfPoint(snapshot_, point);
    if (index < 0) {
        hover_->setText(tr("Hover a point for its numbers; click it to open it in Analyze."));
        return;
    }
    const nas::Candidate& c = snapshot_.candidates[static_cast<size_t>(index)];
    hover_->setText(candidateText(c) + (nas::fits(c.metrics, snapshot_.limits) ? tr(" — fits") : tr(" — over a limit")));
    hover_->setToolTip(QString::fromStdString(c.key));
}

void SearchView::openCandidate(int point) {
    const int index = sender() == chart_ ? candidateOfPoint(snapshot_, point) : point;
    if (index < 0 || index >= static_cast<int>(snapshot_.candidates.size()) || !search_) return;
    const QString path = scratch_.filePath(QStringLiteral("searched-%1.json").arg(index));
    if (exportCandidate(index, path)) emit openInAnalyzeRequested(path);
}

bool SearchView::exportCandidate(int index, const QString& path) {
    if (!search_ || index < 0 || index >= static_cast<int>(snapshot_.candidates.size())) return false;
    try {
        io::writeMcunetConfig(nas::buildArch(search_->settings().space, snapshot_.candidates[static_cast<size_t>(index)].genes),
                              path.toStdString());
        emit message(tr("Wrote %1").arg(path));
        return true;
    } catch (const Error& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

bool SearchView::saveSearch(const QString& path) {
    if (!search_) return false;
    try {
        search_->save(path.toStdString());
        emit message(tr("Saved search to %1").arg(path));
        return true;
    } catch (const Error& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return false;
    }
}

bool SearchView::openSearch(const QString& path) {
    if (running()) return false;
    try {
        search_ = std::shared_ptr<nas::EvolutionSearch>(nas::EvolutionSearch::open(path.toStdString()));
    } catch (const Error& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return false;
    }
    const nas::SearchSettings& s = search_->settings();
    {
        const QSignalBlocker a(sramSlider_), b(flashSlider_);
        sramSlider_->setValue(static_cast<int>(s.limits.sramBytes / 1024));
        flashSlider_->setValue(static_cast<int>(s.limits.flashBytes / 1024));
        sramBox_->setValue(sramSlider_->value());
        flashBox_->setValue(flashSlider_->value());
    }
    population_->setValue(s.population);
    generations_->setValue(s.generations);
    seed_->setValue(static_cast<int>(s.seed));
    threads_->setValue(s.threads);
    space_->setCurrentIndex(std::max(0, space_->findData(QString::fromStdString(s.space.name))));
    objective_->setCurrentIndex(std::max(0, objective_->findData(QString::fromStdString(s.objective))));
    shownCandidates_ = static_cast<size_t>(-1);
    refresh();
    return true;
}

void SearchView::runSpaceOptimizer() {
    if (spaceWatcher_.isRunning()) return;
    nas::SpaceOptSettings settings;
    try {
        const nas::SearchSettings s = settingsFromUi();
        settings.space = s.space;
        settings.limits = s.limits;
        settings.core = s.core;
        settings.threads = s.threads;
        settings.seed = s.seed;
        settings.samplesPerCell = samples_->value();
    } catch (const Error& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return;
    }
    spaceResult_ = std::make_shared<nas::SpaceOptResult>();
    spaceProgress_ = std::make_shared<Progress>();
    auto result = spaceResult_;
    auto progress = spaceProgress_;
    spaceButton_->setEnabled(false);
    status_->setText(tr("Optimizing the space: %1 networks per cell…").arg(settings.samplesPerCell));
    spaceWatcher_.setFuture(QtConcurrent::run([settings, result, progress]() -> QString {
        try {
            *result = nas::optimizeSpace(settings, *progress);
        } catch (const Error& e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    }));
}

}  // namespace mcunet::studio
