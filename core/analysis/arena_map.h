// A text picture of a memory plan, one row per timeline step, for the CLI (`mcunet plan`).
// Each row is the arena scaled to `columns` characters; every live buffer paints its span
// with its own letter (0-9, a-z, A-Z, then cycling; scratch is '#'); '.' is free; a cell two
// buffers claim without being aliases would show '!' (a valid plan has none). Rows end with
// the live bytes; a legend maps letters to buffers (owner, offset, size, lifetime).
#pragma once

#include <string>

#include "analysis/memory_plan.h"

namespace mcunet::analysis {

std::string renderArenaMap(const MemoryPlan& plan, int columns = 64);

}  // namespace mcunet::analysis
