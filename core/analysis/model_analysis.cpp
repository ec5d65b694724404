#include "analysis/model_analysis.h"

namespace mcunet::analysis {

ModelAnalysis analyzeModel(const ir::Graph& graph) {
    ModelAnalysis analysis;
    analysis.profile = profileGraph(graph);
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
    fit.engineSram = checkLimit(analysis.engine.totalBytes(), board.sramBytes);
    fit.tflmSram = checkLimit(analysis.tflm.totalBytes(), board.sramBytes);
    return fit;
}

}  // namespace mcunet::analysis
