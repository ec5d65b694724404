// The arena plan of our engine: what the generated code will use, byte for byte.
//
// 1. Graph-level rewriting the engine executes (no copies, fewer buffers):
//    - PAD whose only consumer is a (depthwise) conv becomes that conv's explicit padding;
//    - RELU/RELU6 whose input only feeds it becomes the producing op's output clamp;
//    - RESHAPE/SQUEEZE outputs are views of their input (same bytes, no step);
//    - with int8Input, a QUANTIZE that is the only reader of a float graph input is dropped:
//      the caller writes int8 data straight into the quantized tensor.
// 2. In-place steps: a depthwise conv with one output channel per input channel whose input
//    dies at it writes its output over the input (channel c of both layouts lives at
//    positions = c mod C, so writing output channel c touches only input channel c, which the
//    kernel first copies into a one-channel scratch); an element-wise ADD without broadcast
//    writes over an input that dies at it. The output then starts at its input's offset.
// 3. Kernel scratch (engine_kernels.h) is a buffer alive only during its step.
// 4. Placement: buffers linked by in-place steps form one group sharing a base offset; each
//    group is put at the lowest aligned offset where none of its buffers meets a buffer alive
//    at the same step. Groups are visited in three orders (largest first = greedy-by-size;
//    earliest first step = greedy-by-time; largest size x lifetime = greedy-by-area), and the
//    smallest arena wins.
// 5. Step order: where the graph branches, more than one order is valid. Besides the graph
//    order two list schedules are tried (at each point run the ready step with the smallest
//    live bytes while it runs, or with the smallest growth of live bytes), each planned as
//    above; the smallest arena wins, ties keep the graph order.
// The lower bound is the most bytes alive at any step of the chosen schedule (scratch
// included, an in-place pair counted once); the gap says what placement left on the table.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/memory_plan.h"
#include "ir/graph.h"

namespace mcunet::analysis {

enum class PlacementStrategy { Auto, GreedyBySize, GreedyByTime, GreedyByArea };

struct EnginePlanOptions {
    bool int8Input = true;           // the caller feeds int8: drop a leading QUANTIZE
    PlacementStrategy placement = PlacementStrategy::Auto;  // Auto: try all, keep the smallest
    bool reorder = true;             // try other valid step orders where the graph branches
    bool inPlace = true;             // in-place depthwise conv and ADD
    int64_t alignment = 4;           // every buffer offset is a multiple of this (word access)
};

// Throws mcunet::Error(UnsupportedModel) naming every op the engine lacks.
MemoryPlan planEngine(const ir::Graph& graph, const EnginePlanOptions& options = {});

// The arena planEngine reports (the same search, byte for byte), without building the plan's
// description (buffers with names, timeline, notes): the fast path for NAS, which describes only
// the candidates it shows or exports. Throws what planEngine throws. `stepOps`, when given,
// receives engineStepOps' answer from the same rewrite.
int64_t planEngineArena(const ir::Graph& graph, const EnginePlanOptions& options = {},
                        std::vector<int>* stepOps = nullptr);

// The graph ops planEngine's steps execute, in graph order (what the Flash estimate counts).
std::vector<int> engineStepOps(const ir::Graph& graph, const EnginePlanOptions& options = {});

std::string_view placementStrategyName(PlacementStrategy strategy);

}  // namespace mcunet::analysis
