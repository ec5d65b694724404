// The files that once took the studio down (../shared/bad-inputs) opened in the real window: each
// gets one message in the message bar naming the file, and the model that was open stays open
// with its numbers. Settings go to a scratch directory (never the user's).
#include <sys/stat.h>
#include <unistd.h>

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "analysis_view.h"
#include "layer_table_model.h"
#include "main_window.h"

using mcunet::studio::MainWindow;

namespace {

const QString kShared = MCUNET_SHARED_DIR;

bool openModel(MainWindow& window, const QString& source) {
    QSignalSpy spy(&window, &MainWindow::documentChanged);
    window.openSource(source);
    return spy.count() > 0 || spy.wait(20000);
}

}  // namespace

class BadInputsGuiTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        qputenv("XDG_CONFIG_HOME", settingsDir_.path().toUtf8());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
        QCoreApplication::setOrganizationName("MCUNetStudioTest");
        QCoreApplication::setApplicationName("bad_inputs_gui_test");
        QSettings().clear();
    }

    void eachBadFileGetsAMessageAndKeepsTheOpenModel_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const QString bad = kShared + "/bad-inputs/";
        const QString deep = ": JSON nested deeper than 64 levels; no configuration needs that, the file is damaged or "
                             "not a configuration";
        QTest::newRow("deep nesting") << bad + "config_deep_nesting.json" << bad + "config_deep_nesting.json" + deep;
        QTest::newRow("deep nesting 20k") << bad + "config_deep_nesting_20k.json"
                                          << bad + "config_deep_nesting_20k.json" + deep;
        QTest::newRow("directory") << kShared + "/models"
                                   << kShared + "/models: is a directory; expected a TensorFlow Lite model file (.tflite)";
        QTest::newRow("device") << QString("/dev/zero")
                                << QString("/dev/zero: is a character device, not a regular file; expected a "
                                           "TensorFlow Lite model file (.tflite)");
    }

    void eachBadFileGetsAMessageAndKeepsTheOpenModel() {
        QFETCH(QString, path);
        QFETCH(QString, message);
        MainWindow window;
        window.show();
        QVERIFY(openModel(window, kShared + "/models/mcunet_vww.tflite"));
        const int rows = window.analysisView()->tableModel()->rowCount();
        QVERIFY(rows > 0);

        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.openSource(path);
        QVERIFY(errors.count() > 0 || errors.wait(20000));
        QCOMPARE(window.errorText(), message);
        QCOMPARE(window.document()->title, QString("mcunet_vww.tflite"));
        QCOMPARE(window.analysisView()->tableModel()->rowCount(), rows);
    }

    // A FIFO blocked the worker forever, and with it Quit. Now it is refused without being opened.
    void aFifoIsRefusedAndTheWindowCloses() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("model.fifo");
        QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        auto* window = new MainWindow;
        window->show();
        QSignalSpy errors(window, &MainWindow::errorShown);
        window->openSource(fifo);
        QVERIFY(errors.count() > 0 || errors.wait(20000));
        QCOMPARE(window->errorText(),
                 fifo + ": is a named pipe (FIFO), not a regular file; expected a TensorFlow Lite model file (.tflite)");
        QVERIFY(window->close());
        delete window;  // joins the worker: would hang if it were still blocked in open()
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(BadInputsGuiTest)
#include "bad_inputs_gui_test.moc"
