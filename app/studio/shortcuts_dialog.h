// Help > Keyboard Shortcuts: every shortcut the studio has, read from the window's actions (so
// the list cannot go stale) plus the ones that live in a widget (editor, chart, details).
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

class QMainWindow;

namespace mcunet::studio {

// (what it does, keys) for every menu action with a shortcut, then the widgets' own keys.
QList<QPair<QString, QString>> studioShortcuts(const QMainWindow* window);

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMainWindow* window, QWidget* parent = nullptr);
};

}  // namespace mcunet::studio
