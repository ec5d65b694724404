#include "analysis/model_analysis.h"

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "analysis/engine_planner.h"
#include "analysis/tflm_planner.h"
#include "io/model_loader.h"
#include "util/error.h"

namespace mcunet::analysis {

ModelAnalysis analyzeModel(const ir::Graph& graph, const AnalysisOptions& options) {
    ModelAnalysis analysis;
    analysis.options = options;
    analysis.profile = profileGraph(graph);
    const bool int8Input = options.input == InputAssumption::Int8;
    analysis.inputAssumptionText = describeInputAssumption(graph, options.input);
    analysis.inputAssumptionMatters = !callerQuantizedInputOps(graph).empty();
    FlashOptions flash;
    flash.core = options.core;
    flash.int8Input = int8Input;
    try {
        EnginePlanOptions engine;
        engine.int8Input = int8Input;
        analysis.engine = planEngine(graph, engine);
        flash.runtime = "engine";
        analysis.engineFlash = estimateFlash(graph, flash);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::UnsupportedModel) throw;
        analysis.engine = {};
        analysis.engineFlash = {};
        analysis.engineError = e.what();
    }
    TflmPlanOptions tflm;
    tflm.int8Input = int8Input;
    analysis.tflm = planTflm(graph, tflm);
    tflm.kernels = TflmKernels::CmsisNn;
    analysis.tflmCmsis = planTflm(graph, tflm);
    flash.runtime = "tflm";
    flash.modelFileBytes = options.modelFileBytes;
    analysis.tflmFlash = estimateFlash(graph, flash);
    return analysis;
}

AnalysisOptions analysisOptionsFor(const device::Board& board, const std::string& file) {
    AnalysisOptions options;
    if (!board.core.empty()) options.core = board.core;
    // Only a .tflite file is what TF-Lite Micro keeps in Flash; a config or a zoo name has no
    // model file yet (its graph's constants stand in).
    if (!file.empty() && io::modelSource(file) == io::ModelSource::TfliteFile) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        if (!error) options.modelFileBytes = static_cast<int64_t>(size);
    }
    return options;
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

FitCheck checkSram(int64_t arenaBytes, const device::Board& board, int64_t reserveBytes) {
    const int64_t reserve = reserveBytes < 0 ? board.reserveBytes : reserveBytes;
    const device::ArenaPlacement placement = device::placeArena(board, arenaBytes, reserve);
    FitCheck check;
    check.usedBytes = arenaBytes;
    check.limitBytes = placement.blockBytes;
    check.marginBytes = placement.marginBytes;
    check.fits = placement.fits;
    check.region = placement.block;
    check.reserveBytes = placement.reserveInBlockBytes;
    check.reserveRegion = placement.reserveRegion;
    return check;
}

BoardFit checkFit(const ModelAnalysis& analysis, const device::Board& board, int64_t reserveBytes) {
    BoardFit fit;
    fit.input = analysis.options.input;
    fit.engineAvailable = analysis.engineAvailable();
    fit.engineSram = checkSram(analysis.engineSramBytes(), board, reserveBytes);
    fit.engineFlash = checkLimit(analysis.engineFlash.totalBytes(), board.flashBytes);
    fit.tflmSram = checkSram(analysis.tflmSramBytes(), board, reserveBytes);
    fit.tflmCmsisSram = checkSram(analysis.tflmCmsisSramBytes(), board, reserveBytes);
    fit.tflmFlash = checkLimit(analysis.tflmFlash.totalBytes(), board.flashBytes);
    return fit;
}

}  // namespace mcunet::analysis
