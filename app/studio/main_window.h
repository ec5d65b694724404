// The studio's main window: menus, toolbar (modes, board selector), message bar, status bar,
// drag and drop, and saved settings, all wired to one StudioSession that holds what is open.
// Each mode (Analyze, Search, Deploy) is its own view over the session on a QStackedWidget, so
// new screens live in their own files, not here. Loading and analysis run on the session's
// runner; the window shows progress with a Cancel button and core's errors in a message bar,
// keeping the previous model open.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>

#include "model_document.h"
#include "studio_session.h"

class QActionGroup;
class QComboBox;
class QFrame;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;
class QUndoStack;

namespace mcunet::widgets {
class NetworkEditor;
}

namespace mcunet::studio {

class AnalysisView;
class AnalyzeMode;
class SearchView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The studio's screens, in mode-bar order.
    enum class Mode { Analyze, Search, Deploy };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    StudioSession* session() const { return session_; }

    // Opens a file path or "zoo:NAME" (asynchronously; watch documentChanged / errorShown).
    // Asks first when the network has unsaved edits.
    void openSource(const QString& source);
    bool selectBoard(const QString& boardId);
    // Saves a custom board (as Add Custom Board… does) and selects it; false when core refuses
    // it (the reason is in the message bar).
    bool addCustomBoard(const device::Board& board);
    QString currentBoardId() const;

    void setMode(Mode mode);
    Mode mode() const;
    // The page of a mode, e.g. for the Search work to replace its placeholder.
    QWidget* modePage(Mode mode) const;
    // Puts `page` in place of the Search or Deploy placeholder (the window takes ownership).
    void setModePage(Mode mode, QWidget* page);

    DocumentPtr document() const { return session_->document(); }
    AnalysisView* analysisView() const;
    widgets::NetworkEditor* networkEditor() const;
    SearchView* searchView() const { return searchView_; }
    AnalysisRunner* runner() const { return session_->runner(); }
    QUndoStack* undoStack() const { return session_->undoStack(); }
    QComboBox* boardSelector() const { return boardCombo_; }
    QString errorText() const;
    // Writes the edited config as MCUNet JSON; errors appear in the message bar. True on success.
    bool saveConfigTo(const QString& path);
    QStringList recentFiles() const;
    // Help > About's text: name, version, Qt version.
    static QString aboutText();
    // Milliseconds from the open request (e.g. a drop) to the chart drawn, for the last open.
    qint64 lastOpenToChartMs() const { return lastOpenToChartMs_; }
    // Milliseconds from the last accepted editor change to the new numbers on screen.
    qint64 lastEditToNumbersMs() const { return lastEditToNumbersMs_; }

signals:
    void documentChanged(mcunet::studio::DocumentPtr document);
    void errorShown(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createModes();
    QWidget* scrollable(QWidget* page);
    void createActions();
    void createBoardSelector();
    void fillBoardSelector();
    void addCustomBoardWithDialog();
    void createStatusBar();
    void createMessageBar();
    void rebuildRecentMenu();
    void rebuildExamplesMenu();
    void addRecentFile(const QString& source);
    void openWithDialog();
    void onDocumentChanged(DocumentPtr document);
    void onBoardChanged(const device::Board& board);
    void onBusyChanged(bool busy);
    void showError(const QString& message);
    void updateTitle();
    // Save: to the session's save path, or asks for one. Save As always asks.
    bool save();
    bool saveAsWithDialog();
    // Unsaved editor changes: asks to save or discard them; false when the user cancels.
    bool confirmDiscardEdits();
    void restoreSettings();
    void fitToScreen();
    void saveSettings() const;

    StudioSession* session_ = nullptr;
    AnalyzeMode* analyzeMode_ = nullptr;
    SearchView* searchView_ = nullptr;
    QStackedWidget* modeStack_ = nullptr;
    QActionGroup* modeActions_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;

    QComboBox* boardCombo_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* examplesMenu_ = nullptr;
    QFrame* messageBar_ = nullptr;
    QLabel* dropHint_ = nullptr;  // "Drop to open …" over the window while a file is dragged in
    QLabel* messageText_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* progressLabel_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QTimer* progressDelay_ = nullptr;

    qint64 lastOpenToChartMs_ = -1;
    qint64 lastEditToNumbersMs_ = -1;
};

}  // namespace mcunet::studio
