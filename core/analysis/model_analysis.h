// One bundle of every number the studio, the CLI and reports show for a model, computed by one
// function, so the three never disagree. Keep it small: it only gathers the analyses, each of
// which lives in its own header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/memory_plan.h"
#include "analysis/profile.h"
#include "device/board.h"
#include "ir/graph.h"

namespace mcunet::analysis {

struct ModelAnalysis {
    Profile profile;
    MemoryPlan engine;  // our engine's arena (what codegen emits); empty when engineError is set
    MemoryPlan tflm;    // TF-Lite Micro's arena estimate (head + persistent tail)
    // Why our engine cannot run this model (planEngine's message, e.g. unsupported ops), or "".
    std::string engineError;
    bool engineAvailable() const { return engineError.empty(); }
};

// Profile, engine plan (default options: int8 input) and TF-Lite Micro plan of `graph`. A model
// the engine cannot run still gets its profile and TFLM plan; engineError says why.
ModelAnalysis analyzeModel(const ir::Graph& graph);

// One resource against one limit. margin = limit - used; negative means it does not fit.
struct FitCheck {
    int64_t usedBytes = 0;
    int64_t limitBytes = 0;
    int64_t marginBytes = 0;
    bool fits = false;
};

// The verdict for a board: SRAM under our engine and under TF-Lite Micro (arena + persistent
// tail, the whole SRAM TFLM needs), and Flash.
struct BoardFit {
    bool engineAvailable = false;  // false: engineSram is meaningless (see ModelAnalysis::engineError)
    FitCheck engineSram;
    FitCheck tflmSram;
    bool fitsWithEngine() const { return engineAvailable && engineSram.fits; }
    bool fitsWithTflm() const { return tflmSram.fits; }
};

// The timeline step with the most live bytes (the first one on ties), -1 for an empty plan.
int peakStep(const MemoryPlan& plan);
// The timeline step that executes graph op `opIndex`, -1 when the plan has none (fused away).
int stepOfOp(const MemoryPlan& plan, int opIndex);

// The buffers live at `step` that occupy bytes of their own: an alias whose source is live at
// the same step shares the source's bytes and is left out (buildTimeline's rule), so the sizes
// of these buffers add up to the step's liveBytes. For charts that stack buffers.
std::vector<int> distinctLiveBuffers(const MemoryPlan& plan, int step);

FitCheck checkLimit(int64_t usedBytes, int64_t limitBytes);
BoardFit checkFit(const ModelAnalysis& analysis, const device::Board& board);

}  // namespace mcunet::analysis
