// How a candidate is measured: by the same analysis code as an imported model. The architecture
// is lowered to a shapes-only ir::Graph, profiled (MACs, params), planned by our engine's planner
// (the arena the generated code will have: peak SRAM) and its Flash estimated (engine, for the
// board's core). planEngineArena runs the planner's full search but skips describing the plan,
// so a candidate costs tens of microseconds; the full MemoryPlan is built only for candidates
// that are shown or exported (describeCandidate).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "analysis/model_analysis.h"
#include "arch/arch_config.h"

namespace mcunet::nas {

struct Metrics {
    int64_t macs = 0;
    int64_t params = 0;
    int64_t peakSramBytes = 0;  // our engine's arena
    int64_t flashBytes = 0;     // our engine's Flash (weights, bias, requant tables, code, glue)
    std::optional<double> latencyMs;  // not estimated yet (the engine-speed issue builds it)
    std::string error;          // why the candidate could not be measured, or ""
    bool ok() const { return error.empty(); }
};

// The limits of a board, in bytes; 0 means no limit.
struct Limits {
    int64_t sramBytes = 0;
    int64_t flashBytes = 0;
    double latencyMs = 0;  // ignored until latency is estimated (see Metrics::latencyMs)
    bool operator==(const Limits&) const = default;
};

bool fits(const Metrics& metrics, const Limits& limits);

struct EvaluatorOptions {
    std::string core = "cortex-m4";  // kernel code sizes in the Flash estimate
};

// Throws nothing for a network the engine cannot run: Metrics::error says why.
Metrics measureArch(const arch::ArchConfig& config, const EvaluatorOptions& options = {});

// The full analysis (plan with buffers and timeline, both Flash estimates) of one candidate, for
// the studio and exports; its engine arena equals measureArch's peakSramBytes.
analysis::ModelAnalysis describeCandidate(const arch::ArchConfig& config, const EvaluatorOptions& options = {});

}  // namespace mcunet::nas
