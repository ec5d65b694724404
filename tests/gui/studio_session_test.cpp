// StudioSession on its own, with no window: opening, edits with undo and refusals, boards, save.
// Expected numbers come from core run on the same inputs (the way the CLI computes them).
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "analysis/model_analysis.h"
#include "device/board.h"
#include "arch/arch_edit.h"
#include "io/model_loader.h"
#include "studio_session.h"
#include "zoo/zoo.h"

using namespace mcunet;
using mcunet::studio::StudioSession;

namespace {

bool waitForDocument(StudioSession& session, const std::function<void()>& action) {
    QSignalSpy spy(&session, &StudioSession::documentChanged);
    action();
    return spy.count() > 0 || spy.wait(20000);
}

analysis::ModelAnalysis coreAnalysisOfConfig(const io::McunetConfig& config, const char* boardId) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("config.json").toStdString();
    io::writeMcunetConfig(config, path);
    return analysis::analyzeModel(io::loadModel(path), analysis::analysisOptionsFor(device::findBoard(boardId), ""));
}

}  // namespace

class StudioSessionTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // Custom boards live under XDG_CONFIG_HOME: a scratch one, so the user's never leak in.
        QVERIFY(configDir_.isValid());
        qputenv("XDG_CONFIG_HOME", configDir_.path().toUtf8());
    }

    void opensEditsUndoesAndSaves() {
        StudioSession session;
        // The same first board as the CLI.
        QCOMPARE(session.boardId(), QString::fromStdString(device::defaultBoardName()));
        QVERIFY(!session.document());
        QSignalSpy configs(&session, &StudioSession::configChanged);
        QVERIFY(waitForDocument(session, [&] { session.open("zoo:mcunet-256kb-1mb"); }));
        QCOMPARE(session.document()->origin, studio::ModelDocument::Origin::Opened);
        QCOMPARE(session.title(), QString("mcunet-256kb-1mb"));
        QCOMPARE(configs.count(), 1);
        const io::McunetConfig base = zoo::zooConfig("mcunet-256kb-1mb");
        QVERIFY(*session.config() == base);
        QVERIFY(!session.hasUnsavedEdits());
        QVERIFY(session.savePath().isEmpty());  // an example has no file to save to yet

        // An edit: undoable, re-profiled to core's numbers for the edited config.
        const std::string board = device::defaultBoardName();
        QVERIFY(waitForDocument(session, [&] { QVERIFY(session.editBlock(1, arch::BlockField::OutChannels, 24)); }));
        QCOMPARE(session.document()->origin, studio::ModelDocument::Origin::Edited);
        const io::McunetConfig edited = arch::editBlock(base, 1, arch::BlockField::OutChannels, 24);
        QVERIFY(*session.config() == edited);
        QCOMPARE(session.document()->analysis.engineSramBytes(), coreAnalysisOfConfig(edited, board.c_str()).engineSramBytes());
        QVERIFY(session.hasUnsavedEdits());
        QCOMPARE(session.undoStack()->count(), 1);
        QCOMPARE(session.undoStack()->text(0), QString("Block 1: output channels = 24"));

        // Refused: nothing changes, the reason is core's.
        QSignalSpy refusals(&session, &StudioSession::editRefused);
        QVERIFY(!session.editBlock(3, arch::BlockField::Stride, 2));
        QCOMPARE(refusals.count(), 1);
        QCOMPARE(refusals.front().front().toString(),
                 QString("mcunet-256kb-1mb: blocks[3]: a block with an identity shortcut must keep stride 1; remove the "
                         "shortcut first"));
        QCOMPARE(session.undoStack()->count(), 1);
        QVERIFY(*session.config() == edited);

        // Undo returns to the opened config and its clean state.
        QVERIFY(waitForDocument(session, [&] { session.undoStack()->undo(); }));
        QVERIFY(*session.config() == base);
        QVERIFY(!session.hasUnsavedEdits());
        QVERIFY(waitForDocument(session, [&] { session.undoStack()->redo(); }));

        // Save As: the file becomes the save path, the title and the clean point.
        QTemporaryDir dir;
        const QString path = dir.filePath("wider.json");
        QSignalSpy saves(&session, &StudioSession::saved);
        QVERIFY(session.saveAs(path));
        QCOMPARE(saves.count(), 1);
        QCOMPARE(session.savePath(), path);
        QCOMPARE(session.title(), QString("wider.json"));
        QVERIFY(!session.hasUnsavedEdits());
        QVERIFY(io::readMcunetConfig(path.toStdString()) == edited);

        // A save that cannot be written says why and keeps the edits unsaved.
        QVERIFY(waitForDocument(session, [&] { QVERIFY(session.setResolution(128)); }));
        QSignalSpy failures(&session, &StudioSession::failed);
        QVERIFY(!session.saveAs(dir.filePath("no/such/dir/x.json")));
        QCOMPARE(failures.count(), 1);
        QVERIFY(failures.front().front().toString().contains("no/such/dir"));
        QVERIFY(session.hasUnsavedEdits());
    }

    void boardWithAnotherCoreReanalyses() {
        StudioSession session;
        QVERIFY(session.setBoard("stm32f412"));
        QVERIFY(waitForDocument(session, [&] { session.open(MCUNET_SHARED_DIR "/models/person_detect.tflite"); }));
        QCOMPARE(session.document()->analysis.options.core, std::string("cortex-m4"));

        QSignalSpy boards(&session, &StudioSession::boardChanged);
        QVERIFY(!session.setBoard("no-such-board"));
        QCOMPARE(boards.count(), 0);
        // Another core: analysed again, and the document says for which board.
        QVERIFY(waitForDocument(session, [&] { QVERIFY(session.setBoard("stm32f746")); }));
        QCOMPARE(boards.count(), 1);
        QCOMPARE(session.document()->origin, studio::ModelDocument::Origin::BoardChanged);
        QCOMPARE(session.document()->boardId, QString("stm32f746"));
        const auto expected = analysis::analyzeModel(
            io::loadModel(MCUNET_SHARED_DIR "/models/person_detect.tflite"),
            analysis::analysisOptionsFor(device::findBoard("stm32f746"), MCUNET_SHARED_DIR "/models/person_detect.tflite"));
        QCOMPARE(session.document()->analysis.engineFlash.totalBytes(), expected.engineFlash.totalBytes());
        QVERIFY(!session.busy());
    }

    void failedOpenKeepsTheDocument() {
        StudioSession session;
        QVERIFY(waitForDocument(session, [&] { session.open(MCUNET_SHARED_DIR "/models/kws_ref_model.tflite"); }));
        const studio::DocumentPtr kept = session.document();
        QSignalSpy failures(&session, &StudioSession::failed);
        session.open("/no/such/model.tflite");
        QVERIFY(failures.wait(20000));
        QVERIFY(failures.front().front().toString().startsWith("/no/such/model.tflite: "));
        QCOMPARE(session.document(), kept);
    }

private:
    QTemporaryDir configDir_;
};

QTEST_MAIN(StudioSessionTest)
#include "studio_session_test.moc"
