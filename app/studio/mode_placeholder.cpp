#include "mode_placeholder.h"

#include <QLabel>
#include <QVBoxLayout>

namespace mcunet::studio {

ModePlaceholder::ModePlaceholder(const QString& title, const QString& text, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto* heading = new QLabel(QString("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    heading->setAlignment(Qt::AlignCenter);
    auto* body = new QLabel(text, this);
    body->setObjectName("placeholderText");
    body->setAlignment(Qt::AlignCenter);
    body->setWordWrap(true);
    body->setMaximumWidth(640);
    layout->addWidget(heading);
    layout->addWidget(body, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

}  // namespace mcunet::studio
