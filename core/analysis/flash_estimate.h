// Flash (read-only memory) a model needs on the board, for our engine and for TF-Lite Micro.
//
// Engine ("engine"): what the generated code stores, per executed step of planEngine's schedule:
//  - CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED: the int8 weights, the int32 bias and the
//    requantization tables the kernels read (int32 multiplier + int32 shift per output channel;
//    one pair for per-tensor FULLY_CONNECTED weights);
//  - other steps: their constant operands at their stored type (a constant ADD/MUL operand...);
//  - kernel code: the text+data of every engine kernel family (one .c file each) a step uses,
//    measured at build time by compiling the engine with arm-none-eabi-gcc -O2 for the chosen
//    core (engine/CMakeLists.txt -> engine_code_size.json, embedded into core). A family counts
//    whole (the linker's --gc-sections may drop unused functions: an upper bound);
//  - glue: 128 B per step for the generated call and its const params struct (estimate).
// TF-Lite Micro ("tflm"): the .tflite file itself (weights live in the flatbuffer), plus code
// estimated as the runtime core (interpreter, allocator, planner, flatbuffer parsing: 16 kB,
// TFLM's own "core runtime fits in 16 KB on a Cortex-M3") plus one reference kernel per
// distinct op type (2-6 kB each, table in flash_estimate.cpp). Both are estimates, stated as such.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace mcunet::analysis {

struct FlashPart {
    std::string name;   // "conv", "depthwise", "TFLM runtime core", "CONV_2D reference kernel"
    int64_t bytes = 0;
};

struct FlashEstimate {
    std::string runtime;          // "engine" or "tflm"
    std::string core;             // "cortex-m4" or "cortex-m7"
    int64_t weightBytes = 0;      // engine: int8 weights; tflm: 0 (inside modelFileBytes)
    int64_t biasBytes = 0;
    int64_t requantBytes = 0;     // engine: per-channel multiplier + shift tables
    int64_t otherConstantBytes = 0;
    int64_t modelFileBytes = 0;   // tflm: the .tflite flatbuffer
    int64_t codeBytes = 0;        // kernels (+ runtime core for tflm)
    int64_t glueBytes = 0;        // engine: generated per-step calls and params
    bool codeMeasured = false;    // engine: code sizes come from this build's arm-none-eabi-gcc run
    std::vector<FlashPart> codeParts;
    std::vector<std::string> notes;
    int64_t dataBytes() const { return weightBytes + biasBytes + requantBytes + otherConstantBytes + modelFileBytes; }
    int64_t totalBytes() const { return dataBytes() + codeBytes + glueBytes; }
};

struct FlashOptions {
    std::string runtime = "engine";  // "engine" or "tflm"
    std::string core = "cortex-m4";  // "cortex-m4" or "cortex-m7" (other cores: cortex-m4 figures)
    bool int8Input = true;           // engine: as EnginePlanOptions::int8Input; tflm: a dropped
                                     // input QUANTIZE's kernel is not linked (input_assumption.h)
    int64_t modelFileBytes = 0;      // tflm: size of the .tflite file (0: rebuilt from the graph's constants)
};

// Throws mcunet::Error(InvalidArgument) for an unknown runtime, and what planEngine throws for a
// graph the engine cannot run.
FlashEstimate estimateFlash(const ir::Graph& graph, const FlashOptions& options = {});
// The engine estimate for steps already known (planEngineArena's stepOps): the same figures
// without rewriting the graph a second time.
FlashEstimate estimateEngineFlash(const ir::Graph& graph, const std::vector<int>& engineSteps,
                                  const FlashOptions& options = {});

// The engine kernels' code size per core and family as this build measured it; empty when the
// build had no arm-none-eabi-gcc.
const std::map<std::string, std::map<std::string, int64_t>>& measuredEngineCodeSize();

}  // namespace mcunet::analysis
