#include "shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mcunet::studio {

namespace {
void collect(const QMenu* menu, const QString& path, QList<QPair<QString, QString>>& out) {
    for (QAction* action : menu->actions()) {
        if (action->isSeparator()) continue;
        const QString name = path + " > " + action->text().remove('&').remove(QStringLiteral("…"));
        if (action->menu()) {
            collect(action->menu(), name, out);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts()) keys << key.toString(QKeySequence::NativeText);
        if (!keys.isEmpty()) out.append({name, keys.join(QStringLiteral(", "))});
    }
}
}  // namespace

QList<QPair<QString, QString>> studioShortcuts(const QMainWindow* window) {
    QList<QPair<QString, QString>> shortcuts;
    for (QAction* action : window->menuBar()->actions())
        if (action->menu()) collect(action->menu(), action->text().remove('&'), shortcuts);
    const auto key = [](QKeySequence::StandardKey k) { return QKeySequence(k).toString(QKeySequence::NativeText); };
    shortcuts.append({QObject::tr("Cancel the running analysis"), QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText)});
    shortcuts.append({QObject::tr("Network editor: insert a block after the current one"),
                      QKeySequence(Qt::Key_Insert).toString(QKeySequence::NativeText)});
    shortcuts.append({QObject::tr("Network editor: remove the current block"), key(QKeySequence::Delete)});
    shortcuts.append({QObject::tr("Network editor: duplicate the current block"),
                      QKeySequence(Qt::CTRL | Qt::Key_D).toString(QKeySequence::NativeText)});
    shortcuts.append({QObject::tr("Network editor: move the current block up / down"),
                      QKeySequence(Qt::ALT | Qt::Key_Up).toString(QKeySequence::NativeText) + ", " +
                          QKeySequence(Qt::ALT | Qt::Key_Down).toString(QKeySequence::NativeText)});
    shortcuts.append({QObject::tr("Layer details: copy the selected row"), key(QKeySequence::Copy)});
    shortcuts.append({QObject::tr("Memory chart: zoom steps / zoom memory"), QObject::tr("Wheel, Ctrl+Wheel")});
    shortcuts.append({QObject::tr("Memory chart: reset the view"), QObject::tr("Double-click")});
    return shortcuts;
}

ShortcutsDialog::ShortcutsDialog(const QMainWindow* window, QWidget* parent) : QDialog(parent) {
    setObjectName("shortcutsDialog");
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto* layout = new QVBoxLayout(this);
    const auto shortcuts = studioShortcuts(window);
    auto* table = new QTableWidget(static_cast<int>(shortcuts.size()), 2, this);
    table->setObjectName("shortcutsTable");
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int row = 0; row < shortcuts.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(shortcuts[row].first));
        table->setItem(row, 1, new QTableWidgetItem(shortcuts[row].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 480);
}

}  // namespace mcunet::studio
