// "Does it fit" as text and JSON: both runtimes' peak SRAM and Flash for one model on one board,
// shared by `mcunet profile` and `mcunet plan`. The numbers are core's ModelAnalysis and
// checkFit — the same ones the studio shows.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/model_analysis.h"
#include "device/board.h"

namespace mcunet::cli {

nlohmann::json memoryReportJson(const analysis::ModelAnalysis& analysis, const device::Board& board,
                                int64_t reserveBytes = -1);
std::string memoryReportText(const analysis::ModelAnalysis& analysis, const device::Board& board,
                                int64_t reserveBytes = -1);

}  // namespace mcunet::cli
