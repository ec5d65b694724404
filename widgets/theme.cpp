#include "theme.h"

#include <QWidget>
#include <qcustomplot.h>

namespace mcunet::widgets {

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor secondaryText(const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor back = palette.color(QPalette::Window);
    // 70 % text: still well above WCAG's contrast for small text on both palettes.
    auto mix = [](int a, int b) { return (a * 7 + b * 3) / 10; };
    return QColor(mix(text.red(), back.red()), mix(text.green(), back.green()), mix(text.blue(), back.blue()));
}

void setTextColour(QWidget* widget, const QColor& colour) {
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, colour);
    palette.setColor(QPalette::Text, colour);
    widget->setPalette(palette);
}

void useSecondaryText(QWidget* widget) { setTextColour(widget, secondaryText(widget->palette())); }

QString noticeStyle(const QPalette& palette, const QString& kind) {
    const bool dark = isDark(palette);
    QString back, border, text;
    if (kind == "error") {
        back = dark ? "#4a1c1f" : "#f8d7da";
        border = dark ? "#8c3a40" : "#e4a0a8";
        text = dark ? "#ffd6da" : "#58151c";
    } else if (kind == "info") {
        back = dark ? "#1c2f4a" : "#dbe9fb";
        border = dark ? "#3a5f8c" : "#a8c6ef";
        text = dark ? "#cfe2ff" : "#0b3c75";
    } else {
        back = dark ? "#4a3b10" : "#fff3cd";
        border = dark ? "#8c7020" : "#e0c060";
        text = dark ? "#ffe8a3" : "#664d03";
    }
    return QString("background: %1; color: %2; border: 1px solid %3; border-radius: 3px; padding: 4px 8px;")
        .arg(back, text, border);
}

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette) {
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::WindowText);
    const QColor grid = dark ? palette.color(QPalette::Light) : QColor(0xd8, 0xd8, 0xd8);
    plot->setBackground(palette.brush(QPalette::Base));
    plot->axisRect()->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        axis->setBasePen(QPen(text, 1));
        axis->setTickPen(QPen(text, 1));
        axis->setSubTickPen(QPen(text, 1));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    if (plot->legend) {
        plot->legend->setBrush(palette.brush(QPalette::Base));
        plot->legend->setTextColor(text);
        plot->legend->setBorderPen(QPen(grid, 1));
    }
}

QColor limitColour(const QPalette& palette) { return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd6, 0x27, 0x28); }

}  // namespace mcunet::widgets
