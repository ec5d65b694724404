// A mode that another piece of work fills: says what the screen will hold, so a user who opens
// it knows it is coming rather than broken.
#pragma once

#include <QWidget>

namespace mcunet::studio {

class ModePlaceholder : public QWidget {
    Q_OBJECT
public:
    ModePlaceholder(const QString& title, const QString& text, QWidget* parent = nullptr);
};

}  // namespace mcunet::studio
