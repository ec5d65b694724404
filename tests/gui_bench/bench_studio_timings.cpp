// The studio's two speed goals, measured on the real window (offscreen) and printed, not
// asserted: timings fail under load, so they are a benchmark (run by hand, figures go into the
// closing notes), never a test.
//   QT_QPA_PLATFORM=offscreen build/tests/bench_studio_timings
// edit-to-numbers: an MCUNet config edit to the new numbers on screen (goal 50 ms median);
// drop-to-chart: mcunet_vww.tflite dropped on the window to its chart drawn (goal 150 ms median).
#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "main_window.h"
#include "network_editor.h"

using mcunet::studio::MainWindow;

namespace {

bool waitForDocument(MainWindow& window, const std::function<void()>& action) {
    QSignalSpy spy(&window, &MainWindow::documentChanged);
    action();
    return spy.count() > 0 || spy.wait(20000);
}

void dropFile(MainWindow& window, const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
}

void printMedian(const char* what, std::vector<qint64> times, int goalMs) {
    std::sort(times.begin(), times.end());
    std::printf("%-52s median %3lld ms (min %lld, max %lld; goal %d ms)\n", what, times[times.size() / 2], times.front(),
                times.back(), goalMs);
}

}  // namespace

int main(int argc, char** argv) {
    QTemporaryDir settings;  // never the user's settings
    qputenv("XDG_CONFIG_HOME", settings.path().toUtf8());
    QApplication app(argc, argv);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QCoreApplication::setOrganizationName("MCUNetStudioBench");
    const QString shared = MCUNET_SHARED_DIR;

    MainWindow window;
    window.show();
    if (!waitForDocument(window, [&] { window.openSource("zoo:mcunet-256kb-1mb"); })) return 1;
    auto* model = window.networkEditor()->model();
    std::vector<qint64> edits;
    for (int i = 0; i < 20; ++i) {
        const int kernel = i % 2 ? 7 : 5;  // block 2's kernel: 7 -> 5 -> 7 ...
        if (!waitForDocument(window, [&] {
                model->setData(model->index(2, mcunet::widgets::BlockTableModel::KernelColumn), kernel, Qt::EditRole);
            }))
            return 1;
        edits.push_back(window.lastEditToNumbersMs());
    }
    printMedian("edit-to-numbers, zoo:mcunet-256kb-1mb kernel edits", edits, 50);

    // A fresh window: the edited config above would ask to save before another model opens.
    MainWindow viewer;
    viewer.show();
    std::vector<qint64> drops;
    for (int i = 0; i < 10; ++i) {
        const QString file = shared + (i % 2 ? "/models/person_detect.tflite" : "/models/mcunet_vww.tflite");
        if (!waitForDocument(viewer, [&] { dropFile(viewer, file); })) return 1;
        if (i % 2 == 0) drops.push_back(viewer.lastOpenToChartMs());
    }
    printMedian("drop-to-chart, mcunet_vww.tflite", drops, 150);
    return 0;
}
