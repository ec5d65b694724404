#include "elided_label.h"

#include <QEvent>
#include <QStringList>

namespace mcunet::widgets {

ElidedLabel::ElidedLabel(QWidget* parent, Qt::TextElideMode mode) : QLabel(parent), mode_(mode) {
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextFormat(Qt::PlainText);
}

void ElidedLabel::setFullText(const QString& text) {
    fullText_ = text;
    setToolTip(text.contains('\n') || text.size() > 60 ? text : QString());
    updateText();
}

QSize ElidedLabel::minimumSizeHint() const {
    const QSize hint = QLabel::minimumSizeHint();
    return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 3, hint.height()};
}

QSize ElidedLabel::sizeHint() const {
    int width = 0;
    const QStringList lines = fullText_.split('\n');
    for (const QString& line : lines) width = std::max(width, fontMetrics().horizontalAdvance(line));
    return {width + 2 * margin() + 4, QLabel::sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    updateText();
}

void ElidedLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) updateText();
}

void ElidedLabel::updateText() {
    const int available = std::max(0, contentsRect().width() - 2 * margin());
    QStringList lines = fullText_.split('\n');
    for (QString& line : lines) line = fontMetrics().elidedText(line, mode_, available);
    QLabel::setText(lines.join('\n'));
}

}  // namespace mcunet::widgets
