// TF-Lite Micro's arena, estimated without running it: what MicroInterpreter::AllocateTensors
// would lay out for this graph on a 32-bit MCU (reference kernels, TFLM 90b983c).
//
// Head (non-persistent part), reproduced exactly:
//  - Lifetimes as TFLM's AllocationInfoBuilder marks them, in "allocation scopes": graph inputs
//    and outputs are created at scope 0; op i runs in scope i+1, creates its outputs there and
//    extends the last use of its inputs and outputs to it; graph outputs live to the last
//    scope. Constants, variables and zero-byte tensors are not planned.
//  - Kernel scratch (RequestScratchBufferInArena in the reference kernels' Prepare) lives only
//    in its op's scope. Of our op set only MEAN asks, for three: 4 bytes per output element
//    (int8/int16 input), 4 per input dimension and 4 per reduced axis.
//  - TFLM kernels our engine lacks: SVDF asks for an int32 buffer per batch x filter (and, int8,
//    one per batch x unit); UNIDIRECTIONAL_SEQUENCE_LSTM for four of batch x state at the cell
//    state's type. Their state tensors are variable tensors: not in the head but in the tail.
//  - Every buffer's size is rounded up to 16 bytes, then TFLM's greedy planner places them:
//    buffers are visited largest first (ties: the later-added buffer first, because TFLM fills
//    its sort array from the back and bubble-sorts it stably); the first is put at offset 0;
//    each next one goes into the lowest gap between the already placed buffers that are alive
//    at the same time, or after the highest of them. The head is the highest end offset.
//
// Tail (persistent part), replayed: every persistent allocation AllocateTensors makes, in its
// order, each placed downward from the arena's end at its own alignment (so the padding between
// a 1-byte-aligned builtin struct and the next 16-byte-aligned OpData is counted as TFLM counts
// it). Sizes are TFLM 90b983c's structs compiled for Cortex-M7 with arm-none-eabi-gcc (short
// enums): the allocators (SingleArenaBufferAllocator 36 B, GreedyMemoryPlanner 44 B,
// MicroAllocator 36 B, MicroBuiltinDataAllocator 8 B), SubgraphAllocations 8 B, TfLiteEvalTensor
// 12 B per tensor, NodeAndRegistration 32 B per op, each op's parsed options (TfLiteConvParams
// 28 B, TfLiteFullyConnectedParams 5 B aligned 1, ...), each kernel's OpData from Init (OpDataConv
// 56 B, OpDataFullyConnected 48 B, ...; CMSIS-NN's own), the per-channel multiplier and shift
// arrays of conv/depthwise (and per-channel FC) from Prepare, 4 B per scratch buffer handle,
// every variable tensor, and per graph input/output a pointer array, a 32 B TfLiteTensor and,
// when quantized, TfLiteAffineQuantization (12 B) with its zero-point array (4 + 4 per channel).
// This equals the measured tail of every shared model (models/README.md), reference and
// CMSIS-NN.
//
// Minimum arena: AllocateTensors needs, besides head and tail, room for its planning-time
// temporaries (the scratch-request block 12 B x (requests + 12), the AllocationInfo array
// 24 B per tensor and scratch buffer, and the planner's 40 B per planned buffer) while the tail
// is complete except for the input/output tensors, which are allocated after planning. The
// estimate is the larger of head + tail and that planning peak.
#pragma once

#include <string_view>
#include <vector>

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
//  - tail: larger OpData (FULLY_CONNECTED 72 B instead of 48, pooling 36 instead of 32, conv and
//    depthwise 60 instead of 56, softmax 64 instead of 56) and one 4-byte handle per scratch buffer.
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
// The same, one entry per RequestScratchBufferInArena call (SVDF asks for two, LSTM for four).
std::vector<int64_t> tflmScratchBuffers(const ir::Graph& graph, int opIndex, TflmKernels kernels = TflmKernels::Reference);

// Whether TF-Lite Micro (90b983c) has a kernel for `op`: every op of our IR, and the TFLM
// builtins outside it (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM, SUB, ...).
bool tflmHasKernel(const ir::Op& op);
// Whether planTflm models this op's kernel from TFLM's source (scratch, OpData, state) rather
// than as a typical op: our IR's ops, SVDF and UNIDIRECTIONAL_SEQUENCE_LSTM.
bool tflmPlanModelsOp(const ir::Op& op);

std::string_view tflmKernelsName(TflmKernels kernels);  // "reference" / "cmsis-nn"

}  // namespace mcunet::analysis
