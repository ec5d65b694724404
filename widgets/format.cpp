#include "format.h"

#include <QLocale>

namespace mcunet::widgets {

namespace {
QLocale numberLocale() {
    // A fixed locale keeps "1,234" readable and the GUI tests independent of the machine's locale.
    QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}
}  // namespace

QString formatBytes(int64_t bytes) {
    if (bytes < 0) return QString("−%1").arg(formatBytes(-bytes));
    if (bytes < 10 * 1024) return QString("%1 B").arg(numberLocale().toString(static_cast<qlonglong>(bytes)));
    return formatKiB(bytes);
}

QString formatKiB(int64_t bytes) {
    const double kib = static_cast<double>(bytes) / 1024.0;
    return QString("%1 kB").arg(numberLocale().toString(kib, 'f', 1));
}

QString formatCount(int64_t count) {
    return numberLocale().toString(static_cast<qlonglong>(count));
}

QString formatShortCount(int64_t count) {
    const double value = static_cast<double>(count);
    if (count >= 1000000000) return QString("%1 G").arg(value / 1e9, 0, 'f', 2);
    if (count >= 1000000) return QString("%1 M").arg(value / 1e6, 0, 'f', 2);
    if (count >= 10000) return QString("%1 k").arg(value / 1e3, 0, 'f', 1);
    return formatCount(count);
}

QString formatShape(const ir::Shape& shape) {
    if (shape.empty()) return QStringLiteral("—");
    return QString::fromStdString(ir::shapeToString(shape));
}

}  // namespace mcunet::widgets
