// How numbers from core are written for people: kB means 1024 bytes (as in MCU datasheets),
// counts get thousands separators. Formatting only; no number is derived here.
#pragma once

#include <QString>
#include <cstdint>

#include "ir/graph.h"

namespace mcunet::widgets {

// "93,992 B" for small values, "91.8 kB" (1024 B) for larger ones.
QString formatBytes(int64_t bytes);
// Always in kB with one decimal: "91.8 kB".
QString formatKiB(int64_t bytes);
// "7,157,888".
QString formatCount(int64_t count);
// "7.16 M" / "469.4 k" / "288".
QString formatShortCount(int64_t count);
// "1x96x96x1", or "—" for an empty shape.
QString formatShape(const ir::Shape& shape);

}  // namespace mcunet::widgets
