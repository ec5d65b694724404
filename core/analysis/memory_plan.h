// Memory plans: where every activation (and kernel scratch) buffer lives in one arena, for
// TF-Lite Micro's planner (estimate) and for our engine (the plan codegen emits byte for byte).
// planTflm (tflm_planner.h) and planEngine (engine_planner.h) fill it; validatePlan
// (plan_validator.h) checks it; renderArenaMap (arena_map.h) draws it. The GUI chart, the CLI
// and codegen read these structs.
//
// Time is counted in timeline steps: one step per executed op (the engine's fused steps, or
// TF-Lite Micro's ops in flatbuffer order). A buffer is alive from firstStep to lastStep
// inclusive; two buffers alive at the same step may share bytes only when one is an alias of
// the other (see PlannedBuffer::aliasOfTensor).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace mcunet::analysis {

struct PlannedBuffer {
    std::string owner;        // tensor name, or "scratch: CONV_2D #3"
    int tensor = -1;          // graph tensor index, -1 for kernel scratch
    int64_t offset = 0;       // bytes from arena start
    int64_t sizeBytes = 0;
    int firstStep = 0;        // first and last timeline step (inclusive) the buffer is alive
    int lastStep = 0;
    bool isScratch = false;
    // In-place / reshape alias: shares the bytes of this tensor (same offset). With isView the
    // two are the same bytes for their whole lives (RESHAPE/SQUEEZE, no copy); without, this
    // buffer is an in-place output that overwrites its source at the step where the source
    // dies (firstStep of this buffer == lastStep of the source's buffer).
    int aliasOfTensor = -1;
    bool isView = false;
    int stepOp = -1;          // scratch only: the graph op index whose kernel uses it
};

// One step per executed op (after fusion for the engine plan).
struct TimelineStep {
    int opIndex = 0;              // graph op index this step executes
    std::string opName;
    std::vector<int> liveBuffers; // indices into MemoryPlan::buffers
    int64_t liveBytes = 0;        // sum of live buffer sizes (aliases counted once)
};

// What the generated code executes, step by step, with every arena offset it needs. Only the
// engine plan has one; codegen must emit exactly this (order, fusion, offsets, in-place).
struct EngineStep {
    int opIndex = -1;                  // the graph op this step's kernel implements
    ir::OpKind kind = ir::OpKind::Unsupported;
    int padOp = -1;                    // PAD folded into this conv (its paddings become the conv's)
    int activationOp = -1;             // RELU/RELU6 op folded into this op's output clamp
    std::vector<int> fusedOps;         // padOp and activationOp (those present), graph indices
    std::vector<int> inputs;           // activation tensors the kernel reads (PAD's input when fused)
    std::vector<int64_t> inputOffsets; // arena offset of each of `inputs`
    int output = -1;                   // tensor the kernel writes (the activation op's output when fused)
    int64_t outputOffset = 0;
    int64_t outputBytes = 0;
    int64_t scratchOffset = -1;        // -1 when the kernel needs no scratch
    int64_t scratchBytes = 0;
    bool inPlace = false;              // output overwrites inputs[inPlaceInput] (same offset)
    int inPlaceInput = -1;
};

struct EngineSchedule {
    std::vector<int> stepOrder;        // graph op index of each step, in execution order
    std::vector<EngineStep> steps;
    std::vector<int> droppedOps;       // graph ops that execute no code: QUANTIZE at an int8 input,
                                       // RESHAPE/SQUEEZE views, and ops fused into a step
    std::vector<int> inputTensors;     // what the caller writes before step 0 (after dropping QUANTIZE)
    std::vector<int> outputTensors;
    std::vector<int64_t> tensorOffsets;  // per graph tensor: arena offset, -1 when not in the arena
};

struct MemoryPlan {
    std::string runtime;          // "tflm" or "engine"
    std::string strategy;         // which placement won, e.g. "greedy-by-size"
    int64_t arenaBytes = 0;       // peak SRAM of activations + scratch (TFLM: the head)
    int64_t persistentBytes = 0;  // TFLM tail estimate; 0 for the engine (static structs in Flash/.bss)
    int64_t lowerBoundBytes = 0;  // most bytes alive at any step
    // TFLM: smallest tensor arena AllocateTensors accepts (tail + the larger of head and the
    // planning-time temporaries). Engine: equal to arenaBytes.
    int64_t minimumArenaBytes = 0;
    std::vector<PlannedBuffer> buffers;
    std::vector<TimelineStep> timeline;
    std::vector<std::string> notes;  // assumptions stated to the user (e.g. "int8 input, QUANTIZE dropped")
    EngineSchedule schedule;      // engine plans only
    int64_t totalBytes() const { return arenaBytes + persistentBytes; }
    int64_t gapToLowerBound() const { return arenaBytes - lowerBoundBytes; }
};

// Fills plan.timeline, one step per entry of stepOps (the graph op index each step executes),
// from plan.buffers, and plan.lowerBoundBytes as the most bytes alive at any step. A buffer
// that aliases another buffer alive at the same step is counted once (inside its source).
void buildTimeline(const ir::Graph& graph, const std::vector<int>& stepOps, MemoryPlan& plan);

}  // namespace mcunet::analysis
