// Colours that work on light and dark palettes alike: secondary text is the text colour blended
// toward the background, warnings and errors are tinted to stay readable on either. Widgets use
// these instead of fixed colours, so a dark desktop theme (or mcunet-studio --dark) stays legible.
#pragma once

#include <QColor>
#include <QPalette>

class QCustomPlot;
class QWidget;

namespace mcunet::widgets {

bool isDark(const QPalette& palette);
// Text that matters less (captions, notes): readable, but quieter than the values.
QColor secondaryText(const QPalette& palette);
// Sets `widget`'s text colour (WindowText and Text) to `colour`.
void setTextColour(QWidget* widget, const QColor& colour);
void useSecondaryText(QWidget* widget);
// A style sheet for a message box: "warning" (amber), "error" (red), "info" (blue), with
// background and text chosen for the palette's lightness.
QString noticeStyle(const QPalette& palette, const QString& kind);
// QCustomPlot draws with its own colours: background, axes, tick labels, grid and legend from
// `palette` instead.
void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);
// The SRAM / Flash limit's red, lighter on a dark palette.
QColor limitColour(const QPalette& palette);

}  // namespace mcunet::widgets
