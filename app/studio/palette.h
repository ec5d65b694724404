// The studio's dark palette (mcunet-studio --dark, with the Fusion style). Every widget and
// chart takes its colours from the application palette, so any dark desktop theme works the
// same way; this one is for desktops without one and for testing.
#pragma once

#include <QPalette>

namespace mcunet::studio {

QPalette darkPalette();

}  // namespace mcunet::studio
