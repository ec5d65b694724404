// A one-line label that shortens its text with "…" to the width it gets (never forcing its
// parent wider) and shows the whole text on hover. For notes, legends and verdict details that
// must fit a 1024-pixel screen.
#pragma once

#include <QLabel>

namespace mcunet::widgets {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr, Qt::TextElideMode mode = Qt::ElideRight);

    void setFullText(const QString& text);
    QString fullText() const { return fullText_; }
    bool isElided() const { return text() != fullText_; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateText();

    QString fullText_;
    Qt::TextElideMode mode_;
};

}  // namespace mcunet::widgets
