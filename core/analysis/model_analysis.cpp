#include "analysis/model_analysis.h"

#include <algorithm>

#include "analysis/engine_planner.h"
#include "analysis/tflm_planner.h"
#include "util/error.h"

namespace mcunet::analysis {

ModelAnalysis analyzeModel(const ir::Graph& graph) {
    ModelAnalysis analysis;
    analysis.profile = profileGraph(graph);
    analysis.tflm = planTflm(graph);
    try {
        analysis.engine = planEngine(graph);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::UnsupportedModel) throw;
        analysis.engineError = e.what();
    }
    return analysis;
}

int peakStep(const MemoryPlan& plan) {
    int best = -1;
    for (size_t s = 0; s < plan.timeline.size(); ++s)
        if (best < 0 || plan.timeline[s].liveBytes > plan.timeline[best].liveBytes) best = static_cast<int>(s);
    return best;
}

int stepOfOp(const MemoryPlan& plan, int opIndex) {
    for (size_t s = 0; s < plan.timeline.size(); ++s)
        if (plan.timeline[s].opIndex == opIndex) return static_cast<int>(s);
    return -1;
}

std::vector<int> distinctLiveBuffers(const MemoryPlan& plan, int step) {
    std::vector<int> distinct;
    if (step < 0 || step >= static_cast<int>(plan.timeline.size())) return distinct;
    const auto& live = plan.timeline[step].liveBuffers;
    for (int index : live) {
        const PlannedBuffer& buffer = plan.buffers[index];
        const bool sourceLive = buffer.aliasOfTensor >= 0 &&
                                std::any_of(live.begin(), live.end(), [&](int other) {
                                    return plan.buffers[other].tensor == buffer.aliasOfTensor;
                                });
        if (!sourceLive) distinct.push_back(index);
    }
    return distinct;
}

FitCheck checkLimit(int64_t usedBytes, int64_t limitBytes) {
    FitCheck check;
    check.usedBytes = usedBytes;
    check.limitBytes = limitBytes;
    check.marginBytes = limitBytes - usedBytes;
    check.fits = usedBytes <= limitBytes;
    return check;
}

BoardFit checkFit(const ModelAnalysis& analysis, const device::Board& board) {
    BoardFit fit;
    fit.engineAvailable = analysis.engineAvailable();
    fit.engineSram = checkLimit(analysis.engine.totalBytes(), board.sramBytes);
    fit.tflmSram = checkLimit(analysis.tflm.totalBytes(), board.sramBytes);
    return fit;
}

}  // namespace mcunet::analysis
