// One bundle of every number the studio, the CLI and reports show for a model, computed by one
// function, so the three never disagree. Keep it small: it only gathers the analyses, each of
// which lives in its own header.
#pragma once

#include <cstdint>

#include "analysis/memory_plan.h"
#include "analysis/profile.h"
#include "device/board.h"
#include "ir/graph.h"

namespace mcunet::analysis {

struct ModelAnalysis {
    Profile profile;
    MemoryPlan engine;  // our engine's arena (what codegen emits)
    MemoryPlan tflm;    // TF-Lite Micro's arena estimate (head + persistent tail)
};

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
    FitCheck engineSram;
    FitCheck tflmSram;
    bool fitsWithEngine() const { return engineSram.fits; }
    bool fitsWithTflm() const { return tflmSram.fits; }
};

// The timeline step with the most live bytes (the first one on ties), -1 for an empty plan.
int peakStep(const MemoryPlan& plan);
// The timeline step that executes graph op `opIndex`, -1 when the plan has none (fused away).
int stepOfOp(const MemoryPlan& plan, int opIndex);

FitCheck checkLimit(int64_t usedBytes, int64_t limitBytes);
BoardFit checkFit(const ModelAnalysis& analysis, const device::Board& board);

}  // namespace mcunet::analysis
