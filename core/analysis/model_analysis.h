// One bundle of every number the studio, the CLI and reports show for a model, computed by one
// function, so they never disagree: the profile, both runtimes' memory plans and Flash
// estimates, and the verdict against a board. It only gathers; each analysis lives in its own
// header (profile.h, engine_planner.h, tflm_planner.h, flash_estimate.h).
//
// SRAM a runtime needs: our engine's arena (everything is static, nothing else is allocated);
// TF-Lite Micro's minimum arena (head + persistent tail + AllocateTensors' temporaries), the
// smallest tensor arena a TFLM user can give it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/flash_estimate.h"
#include "analysis/input_assumption.h"
#include "analysis/memory_plan.h"
#include "analysis/profile.h"
#include "device/board.h"
#include "ir/graph.h"

namespace mcunet::analysis {

struct AnalysisOptions {
    std::string core = "cortex-m4";  // the board's core: kernel code sizes in the Flash estimates
    // What the caller writes into the input (input_assumption.h). Both runtimes' plans and Flash
    // estimates are computed on this one assumption. Default: the type the model declares.
    InputAssumption input = InputAssumption::Declared;
    int64_t modelFileBytes = 0;      // TFLM Flash: the .tflite file's size (0: the graph's constants)
};

struct ModelAnalysis {
    Profile profile;
    MemoryPlan engine;          // our engine's arena (what codegen emits); empty when engineError is set
    FlashEstimate engineFlash;  // empty when engineError is set
    MemoryPlan tflm;            // TF-Lite Micro's arena estimate, reference kernels
    MemoryPlan tflmCmsis;       // the same with CMSIS-NN kernels (what a Cortex-M build runs)
    FlashEstimate tflmFlash;
    // Why our engine cannot run this model (planEngine's message, e.g. unsupported ops), or "".
    std::string engineError;
    AnalysisOptions options;    // what the analysis assumed
    // The input assumption in words, the same for both runtimes: "input as declared: float32
    // 1x80x80x3 (76,800 B)" or "input int8, quantized by the caller: ...". Shown with the verdict.
    std::string inputAssumptionText;
    // True when the int8 assumption changes this model (a float input read only by a QUANTIZE):
    // a front end offers the choice only then.
    bool inputAssumptionMatters = false;

    bool engineAvailable() const { return engineError.empty(); }
    int64_t engineSramBytes() const { return engine.arenaBytes; }
    int64_t tflmSramBytes() const { return tflm.minimumArenaBytes; }
    int64_t tflmCmsisSramBytes() const { return tflmCmsis.minimumArenaBytes; }
};

// A model the engine cannot run still gets its profile and TFLM numbers; engineError says why.
ModelAnalysis analyzeModel(const ir::Graph& graph, const AnalysisOptions& options = {});

// The options for `board`. `file` is what the user opened: its size is TF-Lite Micro's model
// Flash when it is a .tflite flatbuffer; a config, a zoo name or "" leave it to the graph.
AnalysisOptions analysisOptionsFor(const device::Board& board, const std::string& file);

// The timeline step with the most live bytes (the first one on ties), -1 for an empty plan.
int peakStep(const MemoryPlan& plan);
// The timeline step that executes graph op `opIndex`, -1 when the plan has none (fused away).
int stepOfOp(const MemoryPlan& plan, int opIndex);
// The buffers live at `step` that occupy bytes of their own: an alias whose source is live at
// the same step shares the source's bytes and is left out (buildTimeline's rule), so the sizes
// of these buffers add up to the step's liveBytes. For charts that stack buffers.
std::vector<int> distinctLiveBuffers(const MemoryPlan& plan, int step);

// One resource against one limit. margin = limit - used - reserve; negative: it does not fit.
struct FitCheck {
    int64_t usedBytes = 0;
    int64_t limitBytes = 0;
    int64_t marginBytes = 0;
    bool fits = false;
    // SRAM only: the arena block it was placed in (device::placeArena) and the part of the
    // board's reserve for stack and other RAM that shares that block.
    std::string region;
    int64_t reserveBytes = 0;
    std::string reserveRegion;  // where the reserve went instead, "" when in the block
};

// The verdict for a board, per runtime: SRAM and Flash, on the analysis's input assumption.
struct BoardFit {
    InputAssumption input = InputAssumption::Declared;  // what both runtimes' numbers assumed
    bool engineAvailable = false;  // false: the engine checks are meaningless (see engineError)
    FitCheck engineSram, engineFlash;
    FitCheck tflmSram, tflmFlash;
    FitCheck tflmCmsisSram;  // TF-Lite Micro with CMSIS-NN kernels (same Flash estimate)
    bool fitsWithEngine() const { return engineAvailable && engineSram.fits && engineFlash.fits; }
    bool fitsWithTflm() const { return tflmSram.fits && tflmFlash.fits; }
};

FitCheck checkLimit(int64_t usedBytes, int64_t limitBytes);
// SRAM: the arena placed in the board's SRAM blocks with `reserveBytes` for stack and other RAM
// (-1: the board's own reserve, Board::reserveBytes).
FitCheck checkSram(int64_t arenaBytes, const device::Board& board, int64_t reserveBytes = -1);
BoardFit checkFit(const ModelAnalysis& analysis, const device::Board& board, int64_t reserveBytes = -1);

}  // namespace mcunet::analysis
