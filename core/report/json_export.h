// JSON forms of core's results: the CLI's --json output and the reports use these, so every
// format carries the same numbers.
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/profile.h"
#include "device/board.h"
#include "ir/graph.h"

namespace mcunet::report {

nlohmann::json toJson(const analysis::Profile& profile);
nlohmann::json toJson(const device::Board& board);
nlohmann::json shapeJson(const ir::Shape& shape);

}  // namespace mcunet::report
