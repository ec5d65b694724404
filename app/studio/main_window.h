// The studio's main window: open a model (drop, File > Open, recent files, examples, command
// line), pick a board, read the analysis. Loading and analysis run on AnalysisRunner's worker;
// the window shows progress with a Cancel button and reports core's errors in a message bar,
// keeping the previous model open.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <vector>

#include "analysis_runner.h"
#include "config_commands.h"
#include "arch/arch_edit.h"
#include "io/mcunet_config.h"
#include "device/board.h"
#include "model_document.h"

class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTimer;
class QUndoStack;
class QFrame;

namespace mcunet::widgets {
class NetworkEditor;
}

namespace mcunet::studio {

class AnalysisView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a file path or "zoo:NAME" (asynchronously; watch documentChanged / errorShown).
    void openSource(const QString& source);
    bool selectBoard(const QString& boardId);
    QString currentBoardId() const;

    DocumentPtr document() const { return document_; }
    AnalysisView* analysisView() const { return analysisView_; }
    AnalysisRunner* runner() const { return runner_; }
    QComboBox* boardSelector() const { return boardCombo_; }
    QUndoStack* undoStack() const { return undoStack_; }
    widgets::NetworkEditor* networkEditor() const { return networkEditor_; }
    QString errorText() const;
    // Writes the edited config as MCUNet JSON; errors appear in the message bar. True on success.
    bool saveConfigTo(const QString& path);
    QStringList recentFiles() const;
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
    void createActions();
    void createBoardSelector();
    void createStatusBar();
    void createMessageBar();
    void rebuildRecentMenu();
    void rebuildExamplesMenu();
    void addRecentFile(const QString& source);
    void openWithDialog();
    void onDocumentReady(DocumentPtr document);
    void onBoardChanged(int index);
    void reanalyseForBoard(const device::Board& board);
    device::Board currentBoard() const;
    void onFailed(const QString& message);
    void onBusyChanged(bool busy);
    void showError(const QString& message);
    void updateTitle();
    void onEditRequested(int block, arch::BlockField field, double value);
    void onResolutionRequested(int resolution);
    void onWidthScaleRequested(double multiplier);
    void pushConfigEdit(const std::function<io::McunetConfig()>& edit, const QString& text);
    void applyConfig(ConfigPtr config);
    void saveConfigWithDialog();
    // Unsaved editor changes: asks to save or discard them; false when the user cancels.
    bool confirmDiscardEdits();
    void restoreSettings();
    void saveSettings() const;

    AnalysisRunner* runner_ = nullptr;
    AnalysisView* analysisView_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    DocumentPtr document_;
    ConfigPtr currentConfig_;  // the editor's latest config; may be ahead of document_ while re-profiling
    widgets::NetworkEditor* networkEditor_ = nullptr;
    QAction* saveConfigAction_ = nullptr;
    std::vector<device::Board> boards_;

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

    QElapsedTimer openTimer_;
    qint64 lastOpenToChartMs_ = -1;
    QElapsedTimer editTimer_;
    qint64 lastEditToNumbersMs_ = -1;
    QString pendingSource_;
};

}  // namespace mcunet::studio
