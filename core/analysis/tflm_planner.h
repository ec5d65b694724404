// TF-Lite Micro's arena, estimated without running it: what MicroInterpreter::AllocateTensors
// would lay out for this graph on a 32-bit MCU (reference kernels, TFLM 90b983c).
//
// Head (non-persistent part), reproduced exactly:
//  - Lifetimes as TFLM's AllocationInfoBuilder marks them, in "allocation scopes": graph inputs
//    and outputs are created at scope 0; op i runs in scope i+1, creates its outputs there and
//    extends the last use of its inputs and outputs to it; graph outputs live to the last
//    scope. Constants, variables and zero-byte tensors are not planned.
//  - Kernel scratch (RequestScratchBufferInArena in the reference kernels' Prepare) lives only
//    in its op's scope. Of our op set only MEAN asks for one: 4 bytes per output element for
//    int8/int16 input.
//  - Every buffer's size is rounded up to 16 bytes, then TFLM's greedy planner places them:
//    buffers are visited largest first (ties: the later-added buffer first, because TFLM fills
//    its sort array from the back and bubble-sorts it stably); the first is put at offset 0;
//    each next one goes into the lowest gap between the already placed buffers that are alive
//    at the same time, or after the highest of them. The head is the highest end offset.
//
// Tail (persistent part), a model of what TFLM keeps for the life of the interpreter:
//  - fixed 124 B: the arena allocator, greedy planner, MicroAllocator, builtin-data allocator
//    and the one SubgraphAllocations entry;
//  - 12 B per tensor (TfLiteEvalTensor: data pointer, dims pointer, type);
//  - per op 32 B (TfLiteNode + registration pointer), the parsed builtin options struct (e.g.
//    28 B TfLiteConvParams) and the kernel's OpData from Init, rounded up to 16 B (e.g. 64 B
//    OpDataConv); CONV_2D/DEPTHWISE_CONV_2D (and per-channel FULLY_CONNECTED) add two int32
//    arrays (multiplier, shift) per output channel, each rounded up to 16 B;
//  - 4 B per scratch buffer handle;
//  - per graph input/output: a 16 B pointer array slot, a 40 B TfLiteTensor and, when
//    quantized, a 12 B TfLiteAffineQuantization plus its zero-point array (4 + 4 per channel).
//  Against the measured tails (models/README.md) this is within 2% on every shared model.
//
// Minimum arena: AllocateTensors needs, besides head and tail, room for its planning-time
// temporaries (the scratch-request block 12 B x (requests + 12), the AllocationInfo array
// 24 B per tensor and scratch buffer, and the planner's 40 B per planned buffer) while the tail
// is complete except for the input/output tensors, which are allocated after planning. The
// estimate is the larger of head + tail and that planning peak.
#pragma once

#include <string_view>

#include "analysis/memory_plan.h"
#include "ir/graph.h"

namespace mcunet::analysis {

// Which kernels the TFLM build links: the reference kernels, or ARM's CMSIS-NN kernels (what a
// Cortex-M4/M7 user runs; DSP build with arm-none-eabi-gcc, CMSIS-NN 4ab83cc). CMSIS-NN changes
// both parts of the arena:
//  - head: the scratch its Prepare requests (CMSIS-NN's *_get_buffer_size rules, DSP path):
//    CONV_2D im2col 2 x (kH*kW*inC rounded up to 4) int16 unless 1x1 without padding (gcc:
//    0 for the fast 1x1 path); DEPTHWISE_CONV_2D inC*kH*kW int16 when in = out channels,
//    batch 1, no dilation, except 3x3 with padding <= 1 (its own 3x3 kernel, none);
//    AVERAGE_POOL_2D 4 B per channel; FULLY_CONNECTED with a >2-D output and a depth that is a
//    multiple of 4 runs as 1x1 conv and, with per-tensor weights, asks 8 B per output channel.
//    MEAN keeps the reference kernel's scratch.
//  - tail: larger OpData (FULLY_CONNECTED +24 B -> +32 B after 16-byte rounding, pooling
//    +4 B -> +16 B; conv, depthwise, softmax and add stay in their 16-byte slot) and one
//    4-byte handle per scratch buffer.
enum class TflmKernels { Reference, CmsisNn };

struct TflmPlanOptions {
    TflmKernels kernels = TflmKernels::Reference;
    // The caller writes int8 (input_assumption.h): a float input read only by a QUANTIZE is
    // planned as the model converted with int8 input would be (no float buffer, no QUANTIZE op,
    // one tensor and one op fewer in the tail). False: the model as declared.
    bool int8Input = false;
};

// TFLM's arena for `graph`: buffers with TFLM's offsets, head in arenaBytes, tail in
// persistentBytes, the smallest working arena in minimumArenaBytes, timeline one step per op
// that runs (every op, except a QUANTIZE the int8 input assumption drops).
MemoryPlan planTflm(const ir::Graph& graph, const TflmPlanOptions& options = {});

// Bytes a TFLM kernel requests with RequestScratchBufferInArena for op `opIndex` (0 for kernels
// that request none), for the reference or the CMSIS-NN kernels.
int64_t tflmScratchBytes(const ir::Graph& graph, int opIndex, TflmKernels kernels = TflmKernels::Reference);

std::string_view tflmKernelsName(TflmKernels kernels);  // "reference" / "cmsis-nn"

}  // namespace mcunet::analysis
