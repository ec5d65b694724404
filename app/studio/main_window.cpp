#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "analysis_view.h"
#include "document_loader.h"
#include "format.h"
#include "network_editor.h"
#include "util/error.h"
#include "zoo/zoo.h"

namespace mcunet::studio {

namespace {
constexpr int kMaxRecentFiles = 8;
constexpr int kProgressDelayMs = 200;  // a moment: shorter jobs show no progress UI

QString boardLabel(const device::Board& board) {
    return QObject::tr("%1 — %2 SRAM, %3 Flash")
        .arg(QString::fromStdString(board.name), widgets::formatKiB(board.sramBytes).replace(".0 kB", " kB"),
             widgets::formatKiB(board.flashBytes).replace(".0 kB", " kB"));
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName("mainWindow");
    setAcceptDrops(true);
    runner_ = new AnalysisRunner(this);
    undoStack_ = new QUndoStack(this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    createMessageBar();
    layout->addWidget(messageBar_);
    analysisView_ = new AnalysisView(central);
    layout->addWidget(analysisView_, 1);
    setCentralWidget(central);
    networkEditor_ = new widgets::NetworkEditor(analysisView_->sidePanel());
    networkEditor_->setObjectName("networkEditor");
    analysisView_->sidePanel()->addTab(networkEditor_, tr("Network editor"));
    analysisView_->sidePanel()->setTabEnabled(analysisView_->sidePanel()->indexOf(networkEditor_), false);
    analysisView_->sidePanel()->setTabToolTip(analysisView_->sidePanel()->indexOf(networkEditor_),
                                              tr("Open an MCUNet .json config or an example to edit its network"));
    connect(networkEditor_, &widgets::NetworkEditor::editRequested, this, &MainWindow::onEditRequested);
    connect(networkEditor_, &widgets::NetworkEditor::resolutionRequested, this, &MainWindow::onResolutionRequested);
    connect(networkEditor_, &widgets::NetworkEditor::widthScaleRequested, this, &MainWindow::onWidthScaleRequested);
    connect(networkEditor_, &widgets::NetworkEditor::saveRequested, this, &MainWindow::saveConfigWithDialog);

    dropHint_ = new QLabel(this);
    dropHint_->setObjectName("dropHint");
    dropHint_->setAlignment(Qt::AlignCenter);
    dropHint_->setStyleSheet("background: rgba(30, 100, 200, 40); border: 3px dashed rgb(30, 100, 200); "
                             "color: rgb(20, 60, 140); font-size: 20pt; font-weight: 600;");
    dropHint_->setAttribute(Qt::WA_TransparentForMouseEvents);
    dropHint_->hide();

    createActions();
    createBoardSelector();
    createStatusBar();

    connect(runner_, &AnalysisRunner::finished, this, &MainWindow::onDocumentReady);
    connect(runner_, &AnalysisRunner::failed, this, &MainWindow::onFailed);
    connect(runner_, &AnalysisRunner::busyChanged, this, &MainWindow::onBusyChanged);
    connect(runner_, &AnalysisRunner::cancelled, this, [this] {
        statusBar()->showMessage(tr("Cancelled; %1 stays open.").arg(document_ ? document_->title : tr("nothing")), 5000);
    });

    // First start: use the screen (a laptop's 1366x768 included); later starts restore the last geometry.
    if (QScreen* screen = QGuiApplication::primaryScreen())
        resize(screen->availableGeometry().size().boundedTo(QSize(1680, 1050)));
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMessageBar() {
    messageBar_ = new QFrame(this);
    messageBar_->setObjectName("messageBar");
    messageBar_->setStyleSheet("#messageBar { background: #f8d7da; border-bottom: 1px solid #e4a0a8; }"
                               "QLabel { color: #58151c; }");
    auto* layout = new QHBoxLayout(messageBar_);
    layout->setContentsMargins(10, 6, 6, 6);
    messageText_ = new QLabel(messageBar_);
    messageText_->setObjectName("errorText");
    messageText_->setWordWrap(true);
    messageText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QPushButton(tr("Dismiss"), messageBar_);
    connect(close, &QPushButton::clicked, messageBar_, &QWidget::hide);
    layout->addWidget(messageText_, 1);
    layout->addWidget(close);
    messageBar_->hide();
}

void MainWindow::createActions() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* openAction = fileMenu->addAction(tr("&Open…"), this, &MainWindow::openWithDialog);
    openAction->setShortcut(QKeySequence::Open);
    openAction->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    examplesMenu_ = fileMenu->addMenu(tr("Open &Example"));
    recentMenu_ = fileMenu->addMenu(tr("Open &Recent"));
    QAction* reloadAction = fileMenu->addAction(tr("Re&load"), this, [this] {
        if (document_) openSource(document_->source);
    });
    reloadAction->setShortcut(QKeySequence::Refresh);
    saveConfigAction_ = fileMenu->addAction(tr("&Save Config As…"), this, &MainWindow::saveConfigWithDialog);
    saveConfigAction_->setShortcuts({QKeySequence::SaveAs, QKeySequence::Save});
    saveConfigAction_->setEnabled(false);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undoAction = undoStack_->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction* redoAction = undoStack_->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    editMenu->addAction(undoAction);
    editMenu->addAction(redoAction);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* enginePlan = viewMenu->addAction(tr("&Engine Plan"), this,
                                              [this] { analysisView_->setPlanKind(AnalysisView::PlanKind::Engine); });
    enginePlan->setShortcut(Qt::CTRL | Qt::Key_1);
    QAction* tflmPlan = viewMenu->addAction(tr("&TF-Lite Micro Plan"), this,
                                            [this] { analysisView_->setPlanKind(AnalysisView::PlanKind::Tflm); });
    tflmPlan->setShortcut(Qt::CTRL | Qt::Key_2);
    QAction* resetZoom = viewMenu->addAction(tr("&Reset Chart Zoom"), this, [this] { analysisView_->resetChartZoom(); });
    resetZoom->setShortcut(Qt::CTRL | Qt::Key_0);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About MCUNet Studio"), this, [this] {
        QMessageBox::about(this, tr("About MCUNet Studio"),
                           tr("<b>MCUNet Studio</b><br>Does your network fit the microcontroller? Drop a .tflite model "
                              "or an MCUNet config to see its memory.<br>kB = 1024 bytes."));
    });

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("mainToolbar");
    toolbar->setMovable(false);
    toolbar->addAction(openAction);
    toolbar->addSeparator();

    auto* cancelShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancelShortcut, &QShortcut::activated, runner_, &AnalysisRunner::cancel);

    rebuildExamplesMenu();
}

void MainWindow::createBoardSelector() {
    QToolBar* toolbar = findChild<QToolBar*>("mainToolbar");
    toolbar->addWidget(new QLabel(tr(" Board: "), toolbar));
    boardCombo_ = new QComboBox(toolbar);
    boardCombo_->setObjectName("boardSelector");
    boardCombo_->setToolTip(tr("Target board: its SRAM and Flash are the limits the verdict checks"));
    try {
        boards_ = device::loadBoards();
    } catch (const mcunet::Error& e) {
        showError(QString::fromStdString(e.what()));
    }
    for (const auto& board : boards_) boardCombo_->addItem(boardLabel(board), QString::fromStdString(board.id));
    boardCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addWidget(boardCombo_);
    connect(boardCombo_, &QComboBox::currentIndexChanged, this, &MainWindow::onBoardChanged);
    if (!boards_.empty()) analysisView_->setBoard(boards_.front());
}

void MainWindow::createStatusBar() {
    progressLabel_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setObjectName("progressBar");
    progress_->setRange(0, 0);  // core reports no fraction for loading: a busy indicator
    progress_->setMaximumWidth(160);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName("cancelButton");
    cancelButton_->setToolTip(tr("Stop and keep the current model (Esc)"));
    connect(cancelButton_, &QPushButton::clicked, runner_, &AnalysisRunner::cancel);
    statusBar()->addPermanentWidget(progressLabel_);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
    for (QWidget* w : std::initializer_list<QWidget*>{progressLabel_, progress_, cancelButton_}) w->hide();
    progressDelay_ = new QTimer(this);
    progressDelay_->setSingleShot(true);
    progressDelay_->setInterval(kProgressDelayMs);
    connect(progressDelay_, &QTimer::timeout, this, [this] {
        if (!runner_->busy()) return;
        progressLabel_->setText(runner_->description());
        for (QWidget* w : std::initializer_list<QWidget*>{progressLabel_, progress_, cancelButton_}) w->show();
    });
    statusBar()->showMessage(tr("Drop a .tflite model or an MCUNet .json config here, or use File > Open."));
}

void MainWindow::onBusyChanged(bool busy) {
    if (busy) {
        progressDelay_->start();
    } else {
        progressDelay_->stop();
        for (QWidget* w : std::initializer_list<QWidget*>{progressLabel_, progress_, cancelButton_}) w->hide();
    }
}

bool MainWindow::confirmDiscardEdits() {
    if (undoStack_->isClean() || !document_) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved network changes"),
        tr("The network of %1 has changes that are not saved. Save them as an MCUNet config first?").arg(document_->title),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        saveConfigWithDialog();
        return undoStack_->isClean();  // the save dialog was cancelled or failed: stay
    }
    return true;
}

void MainWindow::openSource(const QString& source) {
    if (!confirmDiscardEdits()) return;
    openTimer_.start();
    pendingSource_ = source;
    const QString name = source.startsWith("zoo:") ? source : QFileInfo(source).fileName();
    statusBar()->showMessage(tr("Opening %1…").arg(name));
    const device::Board board = currentBoard();
    runner_->start([source, board] { return loadDocument(source, board); }, tr("Opening %1").arg(name));
}

device::Board MainWindow::currentBoard() const {
    const int index = boardCombo_ ? boardCombo_->currentIndex() : -1;
    return (index >= 0 && index < static_cast<int>(boards_.size())) ? boards_[index] : device::Board{};
}

void MainWindow::onBoardChanged(int index) {
    if (index < 0 || index >= static_cast<int>(boards_.size())) return;
    // A job in flight (open, edit) ends in onDocumentReady, which brings its result to this board.
    if (runner_->busy()) return;
    const device::Board board = boards_[index];
    if (!document_ || document_->analysis.options.core == board.core) {
        analysisView_->setBoard(board);  // the numbers stand; only the limits and the verdict change
        return;
    }
    reanalyseForBoard(board);
}

void MainWindow::reanalyseForBoard(const device::Board& board) {
    // Another core: Flash code sizes change, so analyse again before showing this board. A
    // config being edited is analysed as it is now, not as last shown.
    DocumentPtr base = document_;
    ConfigPtr config = currentConfig_;
    const bool edited = document_->edited;
    runner_->start(
        [base, config, board, edited] {
            auto document = config && edited ? documentForConfig(*base, config, board) : documentForBoard(*base, board);
            document->origin = ModelDocument::Origin::BoardChanged;
            return document;
        },
        tr("Analysing %1 for %2").arg(base->title, QString::fromStdString(board.id)));
}

void MainWindow::onDocumentReady(DocumentPtr document) {
    document_ = std::move(document);
    messageBar_->hide();
    const bool opened = document_->origin == ModelDocument::Origin::Opened;
    analysisView_->showDocument(document_, currentBoard(), !opened);
    QTabWidget* side = analysisView_->sidePanel();
    if (document_->origin == ModelDocument::Origin::BoardChanged) {
        statusBar()->showMessage(tr("Analysed for %1 in %2 ms").arg(document_->boardId).arg(document_->analyzeMs), 5000);
    } else if (!opened) {
        lastEditToNumbersMs_ = editTimer_.isValid() ? editTimer_.elapsed() : -1;
        statusBar()->showMessage(tr("Re-profiled in %1 ms (lower %2 ms, analyse %3 ms)")
                                     .arg(lastEditToNumbersMs_)
                                     .arg(document_->loadMs)
                                     .arg(document_->analyzeMs));
    } else {
        lastOpenToChartMs_ = openTimer_.isValid() ? openTimer_.elapsed() : -1;
        undoStack_->clear();
        currentConfig_ = document_->config;
        side->setTabEnabled(side->indexOf(networkEditor_), currentConfig_ != nullptr);
        if (currentConfig_) {
            networkEditor_->setConfig(*currentConfig_);
            networkEditor_->clearRefusal();
            side->setCurrentWidget(networkEditor_);
        } else if (side->currentWidget() == networkEditor_) {
            side->setCurrentIndex(0);
        }
        addRecentFile(document_->source);
        statusBar()->showMessage(tr("%1: %2 ops — opened in %3 ms (read %4 ms, analyse %5 ms)")
                                     .arg(document_->title)
                                     .arg(document_->analysis.profile.ops.size())
                                     .arg(lastOpenToChartMs_)
                                     .arg(document_->loadMs)
                                     .arg(document_->analyzeMs));
    }
    saveConfigAction_->setEnabled(currentConfig_ != nullptr);
    updateTitle();
    emit documentChanged(document_);
    // The board changed while this job ran on another core's figures: bring it up to date.
    const device::Board board = currentBoard();
    if (!runner_->busy() && !board.id.empty() && document_->analysis.options.core != board.core) reanalyseForBoard(board);
}

void MainWindow::onEditRequested(int block, arch::BlockField field, double value) {
    static const char* const kFieldNames[] = {QT_TR_NOOP("kernel size"), QT_TR_NOOP("expand ratio"),
                                              QT_TR_NOOP("output channels"), QT_TR_NOOP("stride"),
                                              QT_TR_NOOP("shortcut")};
    const QString fieldName = tr(kFieldNames[static_cast<int>(field)]);
    const QString text = field == arch::BlockField::Shortcut
                             ? (value != 0 ? tr("Block %1: add shortcut").arg(block) : tr("Block %1: remove shortcut").arg(block))
                             : tr("Block %1: %2 = %3").arg(block).arg(fieldName).arg(value);
    pushConfigEdit([&] { return arch::editBlock(*currentConfig_, block, field, value, document_->title.toStdString()); },
                   text);
}

void MainWindow::onResolutionRequested(int resolution) {
    if (!currentConfig_ || currentConfig_->inputResolution() == resolution) return;
    pushConfigEdit([&] { return arch::withResolution(*currentConfig_, resolution, document_->title.toStdString()); },
                   tr("Resolution %1 px").arg(resolution));
}

void MainWindow::onWidthScaleRequested(double multiplier) {
    if (!currentConfig_) return;
    pushConfigEdit([&] { return arch::scaleWidth(*currentConfig_, multiplier, document_->title.toStdString()); },
                   tr("Width × %1").arg(multiplier));
}

void MainWindow::pushConfigEdit(const std::function<io::McunetConfig()>& edit, const QString& text) {
    if (!currentConfig_ || !document_) return;
    ConfigPtr edited;
    try {
        edited = std::make_shared<const io::McunetConfig>(edit());
    } catch (const std::exception& e) {
        // Refused: the config stays as it was and the editor says why.
        networkEditor_->setConfig(*currentConfig_);
        networkEditor_->showRefusal(QString::fromStdString(e.what()));
        return;
    }
    networkEditor_->clearRefusal();
    if (*edited == *currentConfig_) return;
    undoStack_->push(new ConfigEditCommand(currentConfig_, edited, text, [this](ConfigPtr config) { applyConfig(config); }));
}

void MainWindow::applyConfig(ConfigPtr config) {
    if (!document_ || !config) return;
    currentConfig_ = config;
    networkEditor_->setConfig(*config);
    editTimer_.start();
    DocumentPtr base = document_;
    const device::Board board = currentBoard();
    runner_->start([base, config, board] { return documentForConfig(*base, config, board); },
                   tr("Re-profiling %1").arg(base->title));
}

void MainWindow::saveConfigWithDialog() {
    if (!currentConfig_) return;
    QSettings settings;
    const QString dir = settings.value("lastSaveDir", settings.value("lastOpenDir")).toString();
    QString path = QFileDialog::getSaveFileName(this, tr("Save MCUNet Config"), dir, tr("MCUNet configs (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
    settings.setValue("lastSaveDir", QFileInfo(path).absolutePath());
    saveConfigTo(path);
}

bool MainWindow::saveConfigTo(const QString& path) {
    if (!currentConfig_) return false;
    try {
        io::writeMcunetConfig(*currentConfig_, path.toStdString());
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
    undoStack_->setClean();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::onFailed(const QString& message) {
    showError(message);
}

void MainWindow::showError(const QString& message) {
    messageText_->setText(message);
    messageBar_->show();
    statusBar()->showMessage(document_ ? tr("Could not open; %1 stays open.").arg(document_->title)
                                       : tr("Could not open."), 8000);
    emit errorShown(message);
}

QString MainWindow::errorText() const { return messageBar_->isVisible() ? messageText_->text() : QString(); }

void MainWindow::updateTitle() {
    if (!document_) {
        setWindowTitle(tr("MCUNet Studio"));
        return;
    }
    setWindowTitle(tr("%1%2 — MCUNet Studio").arg(document_->title, document_->edited ? tr(" (edited)") : QString()));
}

void MainWindow::openWithDialog() {
    QSettings settings;
    const QString dir = settings.value("lastOpenDir").toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), dir,
                                                      tr("Models (*.tflite *.json);;TF-Lite models (*.tflite);;"
                                                         "MCUNet configs (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue("lastOpenDir", QFileInfo(path).absolutePath());
    openSource(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    event->acceptProposedAction();
    // Say what a drop will do, over the whole window.
    dropHint_->setText(tr("Drop to open %1").arg(QFileInfo(urls.front().toLocalFile()).fileName()));
    dropHint_->setGeometry(centralWidget()->geometry());
    dropHint_->raise();
    dropHint_->show();
}

void MainWindow::dragLeaveEvent(QDragLeaveEvent* event) {
    dropHint_->hide();
    QMainWindow::dragLeaveEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    dropHint_->hide();
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    event->acceptProposedAction();
    openSource(urls.front().toLocalFile());
}

QStringList MainWindow::recentFiles() const {
    return QSettings().value("recentFiles").toStringList();
}

void MainWindow::addRecentFile(const QString& source) {
    QStringList files = recentFiles();
    const QString entry = source.startsWith("zoo:") ? source : QFileInfo(source).absoluteFilePath();
    files.removeAll(entry);
    files.prepend(entry);
    while (files.size() > kMaxRecentFiles) files.removeLast();
    QSettings().setValue("recentFiles", files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = recentFiles();
    int number = 1;
    for (const QString& file : files) {
        const QString label = file.startsWith("zoo:") ? file : QFileInfo(file).fileName();
        QAction* action = recentMenu_->addAction(QString("&%1 %2").arg(number).arg(label), this,
                                                 [this, file] { openSource(file); });
        action->setToolTip(file);
        if (number <= 9) action->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | (Qt::Key_0 + number)));
        ++number;
    }
    recentMenu_->setEnabled(!files.isEmpty());
    if (!files.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear List"), this, [this] {
            QSettings().remove("recentFiles");
            rebuildRecentMenu();
        });
    }
}

void MainWindow::rebuildExamplesMenu() {
    examplesMenu_->clear();
    for (const auto& entry : zoo::zooEntries()) {
        const QString name = QString::fromStdString(entry.name);
        QAction* action = examplesMenu_->addAction(name, this, [this, name] { openSource("zoo:" + name); });
        action->setToolTip(QString::fromStdString(entry.description));
        action->setStatusTip(QString::fromStdString(entry.description));
    }
    examplesMenu_->setToolTipsVisible(true);
    examplesMenu_->setEnabled(!examplesMenu_->isEmpty());
}

bool MainWindow::selectBoard(const QString& boardId) {
    const int index = boardCombo_->findData(boardId);
    if (index < 0) return false;
    boardCombo_->setCurrentIndex(index);
    return true;
}

QString MainWindow::currentBoardId() const { return boardCombo_->currentData().toString(); }

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    analysisView_->mainSplitter()->restoreState(settings.value("window/analysisSplitter").toByteArray());
    analysisView_->leftSplitter()->restoreState(settings.value("window/chartTableSplitter").toByteArray());
    const QString board = settings.value("board").toString();
    if (!board.isEmpty()) selectBoard(board);
    if (settings.value("plan").toString() == "tflm") analysisView_->setPlanKind(AnalysisView::PlanKind::Tflm);
    rebuildRecentMenu();
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/analysisSplitter", analysisView_->mainSplitter()->saveState());
    settings.setValue("window/chartTableSplitter", analysisView_->leftSplitter()->saveState());
    settings.setValue("board", currentBoardId());
    settings.setValue("plan", analysisView_->planKind() == AnalysisView::PlanKind::Tflm ? "tflm" : "engine");
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscardEdits()) {
        event->ignore();
        return;
    }
    saveSettings();
    runner_->cancel();
    event->accept();
}

}  // namespace mcunet::studio
