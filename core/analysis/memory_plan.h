// Memory plans: where every activation (and kernel scratch) buffer lives in one arena, for
// TF-Lite Micro's planner (estimate) and for our engine (the plan codegen emits byte for byte).
// The issue "Does it fit" implements the planners; this header is the contract the GUI chart,
// the CLI and codegen read.
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
    int aliasOfTensor = -1;   // in-place / reshape alias: shares the bytes of this tensor
};

// One step per executed op (after fusion for the engine plan).
struct TimelineStep {
    int opIndex = 0;              // graph op index this step executes
    std::string opName;
    std::vector<int> liveBuffers; // indices into MemoryPlan::buffers
    int64_t liveBytes = 0;        // sum of live buffer sizes (aliases counted once)
};

struct MemoryPlan {
    std::string runtime;          // "tflm" or "engine"
    std::string strategy;         // which placement won, e.g. "greedy-by-size"
    int64_t arenaBytes = 0;       // peak SRAM of activations + scratch (TFLM: the head)
    int64_t persistentBytes = 0;  // TFLM tail estimate; 0 for the engine (static structs in Flash/.bss)
    int64_t lowerBoundBytes = 0;  // most bytes alive at any step
    std::vector<PlannedBuffer> buffers;
    std::vector<TimelineStep> timeline;
    std::vector<std::string> notes;  // assumptions stated to the user (e.g. "int8 input, QUANTIZE dropped")
    int64_t totalBytes() const { return arenaBytes + persistentBytes; }
};

}  // namespace mcunet::analysis
