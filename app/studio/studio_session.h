// What the studio has open, without any widget: the document, the editable config, the undo
// stack of network edits, the target board and the AnalysisRunner that (re)builds documents.
// Every screen (the Analyze, Search and Deploy modes) is a view over one session: it reads the
// session and asks it to change, and the session announces every change with a signal. The
// window only wires the session to menus, toolbar and status bar. See app/studio/README.md.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <functional>
#include <vector>

#include "analysis_runner.h"
#include "config_commands.h"
#include "device/board.h"
#include "arch/arch_edit.h"
#include "model_document.h"

class QUndoStack;

namespace mcunet::studio {

class StudioSession : public QObject {
    Q_OBJECT
public:
    // `boardsDir`: where the board files live (default: core's resources/boards).
    explicit StudioSession(QObject* parent = nullptr, const std::string& boardsDir = {});
    ~StudioSession() override;

    // ---- What is open
    // The last document built (null before the first open). Immutable: changes replace it.
    DocumentPtr document() const { return document_; }
    // The network being edited (an MCUNet config), else null. May be one edit ahead of
    // document() while the runner re-profiles it.
    ConfigPtr config() const { return config_; }
    // Opens a path or "zoo:NAME" on the worker; ends in documentChanged or failed. Asks nothing:
    // a window checks hasUnsavedEdits() first.
    void open(const QString& source);
    void reload();
    // "mcunet_vww.tflite", or the name of the file the config was last saved to.
    QString title() const;
    // Network edits not saved yet (the undo stack is not at its clean point).
    bool hasUnsavedEdits() const;

    // ---- Network edits (MCUNet configs). Each runs a core edit function on config(), checks
    // that the result lowers to a graph (shapes only, so a resolution too small for the strides
    // is refused here, not after the fact), pushes an undoable command and re-profiles. A refused
    // edit changes nothing, emits editRefused with core's reason and returns false.
    using ConfigEdit = std::function<io::McunetConfig(const io::McunetConfig& config, const std::string& displayName)>;
    bool edit(const ConfigEdit& change, const QString& undoText);
    bool editBlock(int block, arch::BlockField field, double value);
    bool setResolution(int resolution);
    bool scaleWidth(double multiplier);
    // Depth (core/arch): insert a stride-1 identity-shortcut block before `position`, remove,
    // duplicate (the copy lands at block + 1), move, and a stage's depth.
    bool insertBlock(int position);
    bool removeBlock(int block);
    bool duplicateBlock(int block);
    bool moveBlock(int from, int to);
    bool setStageDepth(int stage, int depth);
    QUndoStack* undoStack() const { return undoStack_; }

    // ---- Saving the edited config as MCUNet JSON
    bool canSave() const { return config_ != nullptr; }
    // Where Save writes without asking: the .json file that was opened or last saved; empty
    // when the config came from the zoo (Save must ask for a path).
    QString savePath() const { return savePath_; }
    // Writes config() to `path`; on success it becomes savePath() and the undo stack's clean
    // point (saved() is emitted), on failure failed() carries the reason.
    bool saveAs(const QString& path);

    // ---- Board
    const std::vector<device::Board>& boards() const { return boards_; }
    // The board every verdict is for; an empty Board (id "") when no board file could be read.
    const device::Board& board() const { return board_; }
    QString boardId() const { return QString::fromStdString(board_.id); }
    // Selects a board of boards() by id. When its core differs from the one the document was
    // analysed for (Flash code sizes depend on it), the document is analysed again and a new
    // documentChanged follows. False for an unknown id.
    bool setBoard(const QString& boardId);
    // Why boards() is empty or incomplete, else empty.
    QString boardsError() const { return boardsError_; }
    // Saves `board` as a custom board (device::saveCustomBoard, the user's folder), reads the
    // catalogue again (boardsChanged) and returns its id; "" with failed(reason) when refused.
    QString addCustomBoard(const device::Board& board);

    // ---- Input assumption: what the caller writes into the model's input. Both runtimes and
    // the verdict use it. Default: the type the model declares. Changing it analyses again.
    analysis::InputAssumption inputAssumption() const { return input_; }
    void setInputAssumption(analysis::InputAssumption input);

    // ---- Work in flight
    AnalysisRunner* runner() const { return runner_; }
    bool busy() const;
    // Milliseconds since the last open or edit request (-1 when none): read in a documentChanged
    // slot, it is the time from request to the numbers shown so far.
    qint64 msSinceRequest() const { return requestTimer_.isValid() ? requestTimer_.elapsed() : -1; }

signals:
    // A new document: opened (undo history cleared), edited, or analysed for another board
    // (document->origin says which).
    void documentChanged(mcunet::studio::DocumentPtr document);
    // config() changed (open, edit, undo, redo); null when the document has no editable network.
    void configChanged(mcunet::studio::ConfigPtr config);
    void editRefused(const QString& reason);
    // The board changed. When busy() right after, a documentChanged analysed for it follows;
    // otherwise the numbers stand and only the limits and the verdict change.
    void boardChanged(const mcunet::device::Board& board);
    // An open, analysis or save failed; the previous document stays open.
    void failed(const QString& message);
    void saved(const QString& path);
    // title() or hasUnsavedEdits() may have changed.
    void titleChanged();
    void inputAssumptionChanged(mcunet::analysis::InputAssumption input);
    // boards() was read again (a custom board was added).
    void boardsChanged();

private:
    void reloadBoards();
    void onFinished(DocumentPtr document);
    void applyConfig(ConfigPtr config);
    void reanalyse();

    AnalysisRunner* runner_ = nullptr;
    QUndoStack* undoStack_ = nullptr;
    DocumentPtr document_;
    ConfigPtr config_;
    QString savePath_;
    std::vector<device::Board> boards_;
    device::Board board_;
    analysis::InputAssumption input_ = analysis::InputAssumption::Declared;
    QString boardsError_;
    std::string boardsDir_;
    QElapsedTimer requestTimer_;
};

}  // namespace mcunet::studio
