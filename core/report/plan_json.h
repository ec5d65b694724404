// JSON forms of the memory plans and Flash estimates (analysis/memory_plan.h,
// analysis/flash_estimate.h): the CLI's `plan --json` and `profile --json` print these, the
// GUI's memory chart reads the same fields (timeline: per step the live buffers with offset,
// size and owner).
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/flash_estimate.h"
#include "analysis/memory_plan.h"
#include "ir/graph.h"

namespace mcunet::report {

nlohmann::json toJson(const analysis::MemoryPlan& plan);
nlohmann::json toJson(const analysis::FlashEstimate& flash);

}  // namespace mcunet::report
