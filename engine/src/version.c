#include "internal.h"
#include "mcunet_engine/mcunet_engine.h"

int MCU_NAME(mcunet_engine_version)(void) { return 1; }
