#include "nas/evaluator.h"

#include "analysis/engine_planner.h"
#include "analysis/flash_estimate.h"
#include "analysis/profile.h"
#include "arch/lower.h"
#include "util/error.h"

namespace mcunet::nas {

bool fits(const Metrics& metrics, const Limits& limits) {
    if (!metrics.ok()) return false;
    if (limits.sramBytes > 0 && metrics.peakSramBytes > limits.sramBytes) return false;
    if (limits.flashBytes > 0 && metrics.flashBytes > limits.flashBytes) return false;
    if (limits.latencyMs > 0 && metrics.latencyMs && *metrics.latencyMs > limits.latencyMs) return false;
    return true;
}

Metrics measureArch(const arch::ArchConfig& config, const EvaluatorOptions& options) {
    Metrics metrics;
    try {
        arch::LowerOptions lowering;  // int8, shapes only
        lowering.weightQuantization = false;
        const ir::Graph graph = arch::lowerArch(config, lowering);
        const analysis::ProfileTotals profile = analysis::profileTotals(graph);
        metrics.macs = profile.macs;
        metrics.params = profile.params;
        thread_local std::vector<int> steps;
        metrics.peakSramBytes = analysis::planEngineArena(graph, {}, &steps);
        analysis::FlashOptions flash;
        flash.core = options.core;
        metrics.flashBytes = analysis::estimateEngineFlash(graph, steps, flash).totalBytes();
    } catch (const Error& e) {
        metrics.error = e.what();
    }
    return metrics;
}

analysis::ModelAnalysis describeCandidate(const arch::ArchConfig& config, const EvaluatorOptions& options) {
    analysis::AnalysisOptions analysisOptions;
    analysisOptions.core = options.core;
    return analysis::analyzeModel(arch::lowerArch(config), analysisOptions);
}

}  // namespace mcunet::nas
