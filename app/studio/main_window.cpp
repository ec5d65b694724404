#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QAbstractItemView>
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
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "analysis_view.h"
#include "analyze_mode.h"
#include "custom_board_dialog.h"
#include "format.h"
#include "mode_placeholder.h"
#include "search_view.h"
#include "network_editor.h"
#include "shortcuts_dialog.h"
#include "theme.h"
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
    session_ = new StudioSession(this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    createMessageBar();
    layout->addWidget(messageBar_);
    modeStack_ = new QStackedWidget(central);
    modeStack_->setObjectName("modeStack");
    layout->addWidget(modeStack_, 1);
    setCentralWidget(central);

    dropHint_ = new QLabel(this);
    dropHint_->setObjectName("dropHint");
    dropHint_->setAlignment(Qt::AlignCenter);
    dropHint_->setStyleSheet("background: rgba(30, 100, 200, 40); border: 3px dashed rgb(30, 100, 200); "
                             "color: rgb(20, 60, 140); font-size: 20pt; font-weight: 600;");
    dropHint_->setAttribute(Qt::WA_TransparentForMouseEvents);
    dropHint_->hide();

    createModes();
    createActions();
    createBoardSelector();
    createStatusBar();

    // Connected after the modes: their slots have drawn the document when the window's run.
    connect(session_, &StudioSession::documentChanged, this, &MainWindow::onDocumentChanged);
    connect(session_, &StudioSession::failed, this, &MainWindow::showError);
    connect(session_, &StudioSession::boardChanged, this, &MainWindow::onBoardChanged);
    connect(session_, &StudioSession::titleChanged, this, &MainWindow::updateTitle);
    connect(session_, &StudioSession::configChanged, this, [this](ConfigPtr config) {
        saveAction_->setEnabled(config != nullptr);
        saveAsAction_->setEnabled(config != nullptr);
    });
    connect(session_, &StudioSession::saved, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    });
    connect(runner(), &AnalysisRunner::busyChanged, this, &MainWindow::onBusyChanged);
    connect(runner(), &AnalysisRunner::cancelled, this, [this] {
        statusBar()->showMessage(tr("Cancelled; %1 stays open.").arg(document() ? session_->title() : tr("nothing")), 5000);
    });
    if (!session_->boardsError().isEmpty()) showError(session_->boardsError());

    // First start: use the screen (a laptop's 1366x768 included); later starts restore the last geometry.
    if (QScreen* screen = QGuiApplication::primaryScreen())
        resize(screen->availableGeometry().size().boundedTo(QSize(1680, 1050)));
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::fitToScreen() {
    // A geometry saved on a bigger screen (1600x900 restored on 1366x768) is cut to this one.
    QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen) return;
    const QRect available = screen->availableGeometry();
    if (isMaximized() || isFullScreen()) return;
    const QSize size = this->size().boundedTo(available.size());
    if (size != this->size()) resize(size);
    QRect frame = frameGeometry();
    if (!available.contains(frame)) {
        frame.moveLeft(std::clamp(frame.left(), available.left(), std::max(available.left(), available.right() - frame.width() + 1)));
        frame.moveTop(std::clamp(frame.top(), available.top(), std::max(available.top(), available.bottom() - frame.height() + 1)));
        move(frame.topLeft());
    }
}

QString MainWindow::aboutText() {
    return tr("<b>MCUNet Studio %1</b><br>Does your network fit the microcontroller? Drop a .tflite model "
              "or an MCUNet config to see its memory.<br>Qt %2 · kB = 1024 bytes.<br>"
              "The command-line twin is <tt>mcunet</tt>: the same numbers for scripts and CI.")
        .arg(QStringLiteral(MCUNET_STUDIO_VERSION), QString::fromLatin1(qVersion()));
}

void MainWindow::createModes() {
    analyzeMode_ = new AnalyzeMode(session_, modeStack_);
    connect(analyzeMode_, &AnalyzeMode::saveAsRequested, this, &MainWindow::saveAsWithDialog);
    modeStack_->addWidget(analyzeMode_);
    searchView_ = new SearchView(session_, modeStack_);
    connect(searchView_, &SearchView::openInAnalyzeRequested, this, [this](const QString& path) {
        session_->open(path);
        setMode(Mode::Analyze);
    });
    connect(searchView_, &SearchView::message, this, [this](const QString& text) { statusBar()->showMessage(text, 4000); });
    modeStack_->addWidget(scrollable(searchView_));
    modeStack_->addWidget(new ModePlaceholder(
        tr("Deploy"),
        tr("Deploy: built by the deployment work. It will generate C code for the open model, build it for the "
           "selected board and flash or run it (OpenOCD, QEMU)."),
        modeStack_));
}

AnalysisView* MainWindow::analysisView() const { return analyzeMode_->analysisView(); }
widgets::NetworkEditor* MainWindow::networkEditor() const { return analyzeMode_->networkEditor(); }

QWidget* MainWindow::scrollable(QWidget* page) {
    // Every screen scrolls when the window is smaller than it (1024x600 at 1.5x leaves 683x400
    // pixels), instead of pushing the window past the screen's edge.
    auto* scroll = new QScrollArea(modeStack_);
    scroll->setObjectName("modeScroll");
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    return scroll;
}

QWidget* MainWindow::modePage(Mode mode) const {
    QWidget* page = modeStack_->widget(static_cast<int>(mode));
    auto* scroll = qobject_cast<QScrollArea*>(page);
    return scroll && scroll->objectName() == "modeScroll" ? scroll->widget() : page;
}

void MainWindow::setModePage(Mode mode, QWidget* page) {
    if (mode == Mode::Analyze || !page) return;  // Analyze is the window's own; menus act on it
    const int index = static_cast<int>(mode);
    QWidget* old = modeStack_->widget(index);
    const bool current = modeStack_->currentIndex() == index;
    modeStack_->insertWidget(index, scrollable(page));
    modeStack_->removeWidget(old);
    old->deleteLater();
    if (current) modeStack_->setCurrentIndex(index);
}

void MainWindow::setMode(Mode mode) {
    modeStack_->setCurrentIndex(static_cast<int>(mode));
    const auto actions = modeActions_->actions();
    actions[static_cast<int>(mode)]->setChecked(true);
}

MainWindow::Mode MainWindow::mode() const { return static_cast<Mode>(modeStack_->currentIndex()); }

void MainWindow::createMessageBar() {
    messageBar_ = new QFrame(this);
    messageBar_->setObjectName("messageBar");
    const bool dark = widgets::isDark(palette());
    messageBar_->setStyleSheet(dark ? "#messageBar { background: #4a1c1f; border-bottom: 1px solid #8c3a40; }"
                                      "#messageBar QLabel { color: #ffd6da; }"
                                    : "#messageBar { background: #f8d7da; border-bottom: 1px solid #e4a0a8; }"
                                      "#messageBar QLabel { color: #58151c; }");
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
        if (document()) openSource(document()->source);
    });
    reloadAction->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    saveAction_ = fileMenu->addAction(tr("&Save Config"), this, &MainWindow::save);
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setObjectName("saveAction");
    saveAction_->setEnabled(false);
    saveAsAction_ = fileMenu->addAction(tr("Save Config &As…"), this, &MainWindow::saveAsWithDialog);
    saveAsAction_->setShortcuts({QKeySequence::SaveAs, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    saveAsAction_->setObjectName("saveAsAction");
    saveAsAction_->setEnabled(false);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undoAction = undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction* redoAction = undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    editMenu->addAction(undoAction);
    editMenu->addAction(redoAction);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* enginePlan = viewMenu->addAction(tr("&Engine Plan"), this,
                                              [this] { analysisView()->setPlanKind(AnalysisView::PlanKind::Engine); });
    enginePlan->setShortcut(Qt::CTRL | Qt::Key_1);
    QAction* tflmPlan = viewMenu->addAction(tr("&TF-Lite Micro Plan"), this,
                                            [this] { analysisView()->setPlanKind(AnalysisView::PlanKind::Tflm); });
    tflmPlan->setShortcut(Qt::CTRL | Qt::Key_2);
    QAction* resetZoom = viewMenu->addAction(tr("&Reset Chart Zoom"), this, [this] { analysisView()->resetChartZoom(); });
    resetZoom->setShortcut(Qt::CTRL | Qt::Key_0);
    viewMenu->addSeparator();

    // Modes: one checkable action each, in the View menu and on the toolbar's mode bar.
    modeActions_ = new QActionGroup(this);
    modeActions_->setExclusive(true);
    const struct {
        Mode mode;
        const char* text;
        const char* tip;
    } modes[] = {
        {Mode::Analyze, QT_TR_NOOP("&Analyze"), QT_TR_NOOP("Memory, Flash and layers of the open model (Alt+1)")},
        {Mode::Search, QT_TR_NOOP("&Search"), QT_TR_NOOP("Search networks that fit the board (Alt+2)")},
        {Mode::Deploy, QT_TR_NOOP("&Deploy"), QT_TR_NOOP("Generate, build and run code for the board (Alt+3)")},
    };
    for (const auto& m : modes) {
        QAction* action = viewMenu->addAction(tr(m.text));
        action->setCheckable(true);
        action->setToolTip(tr(m.tip));
        action->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + static_cast<int>(m.mode))));
        action->setObjectName(QString("mode%1Action").arg(static_cast<int>(m.mode)));
        modeActions_->addAction(action);
        const Mode mode = m.mode;
        connect(action, &QAction::triggered, this, [this, mode] { setMode(mode); });
    }
    modeActions_->actions().front()->setChecked(true);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = helpMenu->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        ShortcutsDialog dialog(this, this);
        dialog.exec();
    });
    shortcuts->setShortcut(QKeySequence::HelpContents);
    helpMenu->addAction(tr("&About MCUNet Studio"), this, [this] {
        QMessageBox::about(this, tr("About MCUNet Studio"), aboutText());
    });

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("mainToolbar");
    toolbar->setMovable(false);
    toolbar->addAction(openAction);
    toolbar->addSeparator();
    for (QAction* action : modeActions_->actions()) toolbar->addAction(action);
    toolbar->addSeparator();

    auto* cancelShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancelShortcut, &QShortcut::activated, runner(), &AnalysisRunner::cancel);

    rebuildExamplesMenu();
}

void MainWindow::createBoardSelector() {
    QToolBar* toolbar = findChild<QToolBar*>("mainToolbar");
    toolbar->addWidget(new QLabel(tr(" Board: "), toolbar));
    boardCombo_ = new QComboBox(toolbar);
    boardCombo_->setObjectName("boardSelector");
    boardCombo_->setToolTip(tr("Target board: its SRAM and Flash are the limits the verdict checks"));
    // Wide enough for the board's name; the popup shows the whole label (a small screen keeps
    // the selector on the toolbar instead of behind its » button).
    boardCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    boardCombo_->setMinimumContentsLength(24);
    boardCombo_->view()->setTextElideMode(Qt::ElideNone);
    fillBoardSelector();
    toolbar->addWidget(boardCombo_);
    QAction* addBoard = toolbar->addAction(tr("Custom…"), this, &MainWindow::addCustomBoardWithDialog);
    addBoard->setObjectName("addBoardAction");
    addBoard->setToolTip(tr("Add a custom board (SRAM, Flash, reserve for stack)…"));
    connect(boardCombo_, &QComboBox::currentIndexChanged, this,
            [this](int index) { session_->setBoard(boardCombo_->itemData(index).toString()); });
    connect(session_, &StudioSession::boardsChanged, this, &MainWindow::fillBoardSelector);
}

void MainWindow::fillBoardSelector() {
    const QSignalBlocker quiet(boardCombo_);
    boardCombo_->clear();
    for (const auto& board : session_->boards()) {
        QString label = boardLabel(board);
        if (board.custom) label += tr(" (custom)");
        boardCombo_->addItem(label, QString::fromStdString(board.id));
        QStringList tip{QString::fromStdString(board.name) + " · " + QString::fromStdString(board.core) +
                        QString(" · %1 MHz").arg(board.clockMhz)};
        for (const auto& region : board.sramRegions)
            tip << tr("%1: %2%3").arg(QString::fromStdString(region.name), widgets::formatKiB(region.bytes),
                                       region.arena ? QString() : tr(" (not for the arena)"));
        if (board.reserveBytes > 0) tip << tr("Reserve for stack and other RAM: %1").arg(widgets::formatKiB(board.reserveBytes));
        if (!board.notes.empty()) tip << QString::fromStdString(board.notes);
        boardCombo_->setItemData(boardCombo_->count() - 1, tip.join('\n'), Qt::ToolTipRole);
    }
    boardCombo_->setCurrentIndex(std::max(0, boardCombo_->findData(session_->boardId())));
    boardCombo_->view()->setMinimumWidth(boardCombo_->view()->sizeHintForColumn(0) + 24);
}

bool MainWindow::addCustomBoard(const device::Board& board) {
    const QString id = session_->addCustomBoard(board);
    return !id.isEmpty() && selectBoard(id);
}

void MainWindow::addCustomBoardWithDialog() {
    QStringList cores;
    for (const auto& board : session_->boards())
        if (!cores.contains(QString::fromStdString(board.core))) cores << QString::fromStdString(board.core);
    cores.sort();
    CustomBoardDialog dialog(cores, this);
    if (dialog.exec() == QDialog::Accepted) addCustomBoard(dialog.board());
}

void MainWindow::onBoardChanged(const device::Board& board) {
    // Remembered at once: the next start opens on this board even after a crash.
    QSettings().setValue("board", QString::fromStdString(board.id));
    const int index = boardCombo_->findData(QString::fromStdString(board.id));
    if (index >= 0 && index != boardCombo_->currentIndex()) {
        const QSignalBlocker blocker(boardCombo_);
        boardCombo_->setCurrentIndex(index);
    }
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
    connect(cancelButton_, &QPushButton::clicked, runner(), &AnalysisRunner::cancel);
    statusBar()->addPermanentWidget(progressLabel_);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
    for (QWidget* w : std::initializer_list<QWidget*>{progressLabel_, progress_, cancelButton_}) w->hide();
    progressDelay_ = new QTimer(this);
    progressDelay_->setSingleShot(true);
    progressDelay_->setInterval(kProgressDelayMs);
    connect(progressDelay_, &QTimer::timeout, this, [this] {
        if (!runner()->busy()) return;
        progressLabel_->setText(runner()->description());
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
    if (!session_->hasUnsavedEdits()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved network changes"),
        tr("The network of %1 has changes that are not saved. Save them as an MCUNet config first?").arg(session_->title()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return save();  // false: the dialog was cancelled or the save failed, stay
    return true;
}

void MainWindow::openSource(const QString& source) {
    if (!confirmDiscardEdits()) return;
    const QString name = source.startsWith("zoo:") ? source : QFileInfo(source).fileName();
    statusBar()->showMessage(tr("Opening %1…").arg(name));
    session_->open(source);
}

void MainWindow::onDocumentChanged(DocumentPtr document) {
    messageBar_->hide();
    if (document->origin == ModelDocument::Origin::BoardChanged) {
        statusBar()->showMessage(tr("Analysed for %1 in %2 ms").arg(document->boardId).arg(document->analyzeMs), 5000);
    } else if (document->origin == ModelDocument::Origin::Edited) {
        lastEditToNumbersMs_ = session_->msSinceRequest();
        statusBar()->showMessage(tr("Re-profiled in %1 ms (lower %2 ms, analyse %3 ms)")
                                     .arg(lastEditToNumbersMs_)
                                     .arg(document->loadMs)
                                     .arg(document->analyzeMs));
    } else {
        lastOpenToChartMs_ = session_->msSinceRequest();
        addRecentFile(document->source);
        statusBar()->showMessage(tr("%1: %2 ops — opened in %3 ms (read %4 ms, analyse %5 ms)")
                                     .arg(document->title)
                                     .arg(document->analysis.profile.ops.size())
                                     .arg(lastOpenToChartMs_)
                                     .arg(document->loadMs)
                                     .arg(document->analyzeMs));
    }
    updateTitle();
    emit documentChanged(document);
}

bool MainWindow::save() {
    if (!session_->canSave()) return false;
    if (session_->savePath().isEmpty()) return saveAsWithDialog();
    return saveConfigTo(session_->savePath());
}

bool MainWindow::saveAsWithDialog() {
    if (!session_->canSave()) return false;
    QSettings settings;
    QString dir = settings.value("lastSaveDir", settings.value("lastOpenDir")).toString();
    const QString suggested = session_->title().endsWith(".json") ? session_->title() : session_->title() + ".json";
    QString path = QFileDialog::getSaveFileName(this, tr("Save MCUNet Config"), QDir(dir).filePath(suggested),
                                                tr("MCUNet configs (*.json)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
    settings.setValue("lastSaveDir", QFileInfo(path).absolutePath());
    return saveConfigTo(path);
}

bool MainWindow::saveConfigTo(const QString& path) { return session_->saveAs(path); }

void MainWindow::showError(const QString& message) {
    messageText_->setText(message);
    messageBar_->show();
    statusBar()->showMessage(document() ? tr("Could not open; %1 stays open.").arg(session_->title())
                                        : tr("Could not open."), 8000);
    emit errorShown(message);
}

QString MainWindow::errorText() const { return messageBar_->isVisible() ? messageText_->text() : QString(); }

void MainWindow::updateTitle() {
    if (!document()) {
        setWindowTitle(tr("MCUNet Studio"));
        return;
    }
    setWindowTitle(tr("%1%2 — MCUNet Studio").arg(session_->title(), session_->hasUnsavedEdits() ? tr(" (edited)") : QString()));
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
    setMode(Mode::Analyze);  // a dropped model is to be looked at
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
    boardCombo_->setCurrentIndex(index);  // ends in session_->setBoard
    return true;
}

QString MainWindow::currentBoardId() const { return session_->boardId(); }

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    fitToScreen();
    restoreState(settings.value("window/state").toByteArray());
    analysisView()->mainSplitter()->restoreState(settings.value("window/analysisSplitter").toByteArray());
    analysisView()->leftSplitter()->restoreState(settings.value("window/chartTableSplitter").toByteArray());
    const QString board = settings.value("board").toString();
    if (!board.isEmpty()) selectBoard(board);
    if (settings.value("plan").toString() == "tflm") analysisView()->setPlanKind(AnalysisView::PlanKind::Tflm);
    rebuildRecentMenu();
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/analysisSplitter", analysisView()->mainSplitter()->saveState());
    settings.setValue("window/chartTableSplitter", analysisView()->leftSplitter()->saveState());
    settings.setValue("board", currentBoardId());
    settings.setValue("plan", analysisView()->planKind() == AnalysisView::PlanKind::Tflm ? "tflm" : "engine");
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmDiscardEdits()) {
        event->ignore();
        return;
    }
    saveSettings();
    runner()->cancel();
    event->accept();
}

}  // namespace mcunet::studio
