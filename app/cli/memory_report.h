// "Does it fit": both runtimes' peak SRAM and Flash for one model on one board, shared by
// `mcunet profile` and `mcunet plan`.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analysis/flash_estimate.h"
#include "analysis/memory_plan.h"
#include "device/board.h"
#include "ir/graph.h"

namespace mcunet::cli {

struct RuntimeFit {
    std::string runtime;                      // "engine" or "tflm"
    std::optional<analysis::MemoryPlan> plan;  // empty when the runtime cannot run the model
    std::optional<analysis::FlashEstimate> flash;
    std::string unavailable;                  // why not, when plan is empty
    int64_t sramBytes() const;                // engine: arena; tflm: minimum arena (head + tail)
};

struct MemoryReport {
    RuntimeFit engine, tflm;
};

// `file` is what the user named (its size is TFLM's model-file Flash when it is a file).
MemoryReport buildMemoryReport(const ir::Graph& graph, const std::string& file, const device::Board& board,
                               bool int8Input);

nlohmann::json memoryReportJson(const MemoryReport& report, const device::Board& board);
std::string memoryReportText(const MemoryReport& report, const device::Board& board);

}  // namespace mcunet::cli
