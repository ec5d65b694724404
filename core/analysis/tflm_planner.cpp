#include "analysis/tflm_planner.h"

#include "analysis/input_assumption.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace mcunet::analysis {
namespace {

constexpr int64_t kTflmAlignment = 16;  // MicroArenaBufferAlignment()

int64_t alignUp(int64_t value, int64_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

// One buffer handed to TFLM's planner: size already aligned, lifetime in allocation scopes.
struct TflmRequest {
    int64_t size = 0;
    int firstScope = -1;
    int lastScope = -1;
    int tensor = -1;     // -1 for scratch
    int scratchOp = -1;  // op that requested the scratch
};

// TFLM's greedy placement (see the header): returns the offset of each request.
std::vector<int64_t> placeGreedyLikeTflm(const std::vector<TflmRequest>& requests) {
    const int count = static_cast<int>(requests.size());
    // TFLM fills its sort array from the back, then bubble-sorts it by size, descending and
    // stable: equal sizes keep the later-added buffer first.
    std::vector<int> order(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) order[static_cast<size_t>(i)] = count - 1 - i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return requests[static_cast<size_t>(a)].size > requests[static_cast<size_t>(b)].size;
    });

    std::vector<int64_t> offsets(static_cast<size_t>(count), 0);
    std::vector<int> placed;  // request ids
    for (int id : order) {
        const TflmRequest& wanted = requests[static_cast<size_t>(id)];
        // Buffers alive at the same time, by offset: the first gap that fits wins.
        std::vector<std::pair<int64_t, int64_t>> active;  // offset, size
        for (int other : placed) {
            const TflmRequest& p = requests[static_cast<size_t>(other)];
            if (p.firstScope > wanted.lastScope || wanted.firstScope > p.lastScope) continue;
            active.emplace_back(offsets[static_cast<size_t>(other)], p.size);
        }
        std::sort(active.begin(), active.end());
        int64_t candidate = 0;
        for (const auto& [offset, size] : active) {
            if (offset - candidate >= wanted.size) break;
            candidate = std::max(candidate, offset + size);
        }
        offsets[static_cast<size_t>(id)] = candidate;
        placed.push_back(id);
    }
    return offsets;
}

int64_t outputChannels(const ir::Graph& graph, const ir::Op& op) {
    if (op.outputs.empty() || op.outputs[0] < 0) return 0;
    const ir::Shape& shape = graph.tensors[static_cast<size_t>(op.outputs[0])].shape;
    return shape.empty() ? 1 : shape.back();
}

bool weightsPerChannel(const ir::Graph& graph, const ir::Op& op) {
    return op.inputs.size() > 1 && op.inputs[1] >= 0 &&
           graph.tensors[static_cast<size_t>(op.inputs[1])].quant.perChannel();
}

// What TFLM would hold for this graph: every op and tensor except those the int8 input
// assumption drops (the model then is the one converted with int8 input).
struct TflmView {
    std::vector<bool> opDropped;
    std::vector<bool> tensorDropped;
    std::vector<int> inputs;  // graph inputs the caller writes
    int64_t keptTensors = 0;
};

TflmView viewOf(const ir::Graph& graph, bool int8Input) {
    TflmView view;
    view.opDropped.assign(graph.ops.size(), false);
    view.tensorDropped.assign(graph.tensors.size(), false);
    const InputAssumption assumption = int8Input ? InputAssumption::Int8 : InputAssumption::Declared;
    view.inputs = effectiveInputs(graph, assumption);
    if (int8Input) {
        for (int op : callerQuantizedInputOps(graph)) {
            view.opDropped[static_cast<size_t>(op)] = true;
            view.tensorDropped[static_cast<size_t>(graph.ops[static_cast<size_t>(op)].inputs[0])] = true;
        }
    }
    view.keptTensors = static_cast<int64_t>(std::count(view.tensorDropped.begin(), view.tensorDropped.end(), false));
    return view;
}

// TFLM's persistent allocator (32-bit, arm-none-eabi-gcc: short enums) replayed: every
// allocation in AllocateTensors' order, each rounded down to its own alignment from the
// arena's end. Struct sizes measured by compiling TFLM 90b983c's headers for Cortex-M7.
struct TflmAllocation { int64_t bytes; int64_t alignment; };

struct TflmOpMemory {
    TflmAllocation builtin{0, 1};  // parsed options (0 bytes: the parser allocates none)
    int64_t opData = 0;            // Init's AllocatePersistentBuffer (16-byte aligned)
};

TflmOpMemory tflmOpMemory(const ir::Op& op, TflmKernels kernels) {
    using ir::OpKind;
    const bool cmsis = kernels == TflmKernels::CmsisNn;
    if (op.kind == OpKind::Unsupported) {
        if (op.unsupportedName == "SVDF") return {{8, 4}, 36};
        if (op.unsupportedName == "UNIDIRECTIONAL_SEQUENCE_LSTM") return {{16, 4}, 688};
        return {{8, 4}, 48};  // unknown kernel: a typical op's share
    }
    switch (op.kind) {
        case OpKind::Conv2D:
        case OpKind::DepthwiseConv2D: return {{28, 4}, cmsis ? 60 : 56};  // OpDataConv (+ buffer index)
        case OpKind::FullyConnected: return {{5, 1}, cmsis ? 72 : 48};
        case OpKind::AveragePool2D:
        case OpKind::MaxPool2D: return {{40, 4}, cmsis ? 36 : 32};
        case OpKind::Softmax: return {{4, 4}, cmsis ? 64 : 56};
        case OpKind::Add: return {{2, 1}, 60};
        case OpKind::Mul: return {{1, 1}, 36};
        case OpKind::Mean: return {{1, 1}, 44};
        case OpKind::Reshape: return {{36, 4}, 0};
        case OpKind::Squeeze: return {{36, 4}, 0};
        case OpKind::Quantize:
        case OpKind::Dequantize: return {{0, 1}, 32};
        case OpKind::Pad: return {{0, 1}, 56};
        case OpKind::Transpose: return {{0, 1}, 0};
        case OpKind::Concatenation: return {{8, 4}, 16};
        case OpKind::Relu:
        case OpKind::Relu6: return {{0, 1}, 16};
        case OpKind::Logistic: return {{0, 1}, 32};
        case OpKind::HardSwish: return {{0, 1}, 28};
        case OpKind::ResizeNearestNeighbor: return {{2, 1}, 0};
        case OpKind::Unsupported: break;
    }
    return {};
}

struct TflmTail {
    int64_t bytes = 0;          // the whole persistent part after AllocateTensors
    int64_t beforeIoBytes = 0;  // before the input/output TfLiteTensors (allocated after planning)
};

TflmTail replayTail(const ir::Graph& graph, const TflmView& view, int scratchCount, TflmKernels kernels) {
    int64_t used = 0;
    auto take = [&](int64_t bytes, int64_t alignment) { used = alignUp(used + bytes, alignment); };
    take(36, 4);  // SingleArenaBufferAllocator
    take(44, 4);  // GreedyMemoryPlanner
    take(36, 4);  // MicroAllocator
    take(8, 4);   // MicroBuiltinDataAllocator
    take(8, 4);   // SubgraphAllocations
    take(12 * view.keptTensors, 4);  // TfLiteEvalTensor per tensor
    int64_t ops = 0;
    for (size_t i = 0; i < graph.ops.size(); ++i) ops += view.opDropped[i] ? 0 : 1;
    take(32 * ops, 4);  // NodeAndRegistration per op
    for (size_t i = 0; i < graph.ops.size(); ++i) {
        const TflmAllocation builtin = tflmOpMemory(graph.ops[i], kernels).builtin;
        if (!view.opDropped[i] && builtin.bytes > 0) take(builtin.bytes, builtin.alignment);
    }
    for (size_t i = 0; i < graph.ops.size(); ++i) {
        const int64_t opData = tflmOpMemory(graph.ops[i], kernels).opData;
        if (!view.opDropped[i] && opData > 0) take(opData, kTflmAlignment);
    }
    for (size_t i = 0; i < graph.ops.size(); ++i) {  // Prepare: per-channel quantization arrays
        if (view.opDropped[i]) continue;
        const ir::Op& op = graph.ops[i];
        const bool perChannelArrays =
            op.kind == ir::OpKind::Conv2D || op.kind == ir::OpKind::DepthwiseConv2D ||
            (op.kind == ir::OpKind::FullyConnected && weightsPerChannel(graph, op));
        if (!perChannelArrays) continue;
        take(4 * outputChannels(graph, op), kTflmAlignment);
        take(4 * outputChannels(graph, op), kTflmAlignment);
    }
    if (scratchCount > 0) take(4 * scratchCount, 4);  // ScratchBufferHandle per request
    for (const ir::Tensor& tensor : graph.tensors)      // AllocateVariables
        if (tensor.isVariable) take(tensor.byteSize(), kTflmAlignment);
    auto io = [&](const std::vector<int>& tensors) {
        take(4 * static_cast<int64_t>(tensors.size()), kTflmAlignment);  // TfLiteTensor* array
        for (int tensor : tensors) {
            take(32, 4);  // TfLiteTensor
            const ir::QuantParams& quant = graph.tensors[static_cast<size_t>(tensor)].quant;
            if (quant.empty()) continue;
            take(12, 4);  // TfLiteAffineQuantization
            take(4 + 4 * static_cast<int64_t>(quant.scale.size()), 4);  // zero-point TfLiteIntArray
        }
    };
    TflmTail tail;
    tail.beforeIoBytes = used;
    io(view.inputs);
    io(graph.outputs);
    tail.bytes = used;
    return tail;
}

}  // namespace

namespace {

// TFLM's ComputePaddingHeightWidth for one dimension (SAME: centred, the smaller half first).
int32_t tflmPadding(const ir::OpAttributes& attrs, int32_t in, int32_t out, int32_t filter, int32_t stride,
                    int32_t dilation) {
    if (attrs.padding != ir::Padding::Same) return 0;
    const int32_t effective = (filter - 1) * dilation + 1;
    return std::max(((out - 1) * stride + effective - in) / 2, 0);
}

const ir::Shape* shapeOf(const ir::Graph& graph, const std::vector<int>& tensors, size_t slot) {
    if (slot >= tensors.size() || tensors[slot] < 0) return nullptr;
    return &graph.tensors[static_cast<size_t>(tensors[slot])].shape;
}

bool int8Input(const ir::Graph& graph, const ir::Op& op) {
    return !op.inputs.empty() && op.inputs[0] >= 0 &&
           graph.tensors[static_cast<size_t>(op.inputs[0])].dtype == ir::DType::Int8;
}

// CMSIS-NN 4ab83cc, DSP path, arm-none-eabi-gcc (see the header).
int64_t cmsisScratchBytes(const ir::Graph& graph, const ir::Op& op) {
    if (!int8Input(graph, op)) return 0;
    const ir::Shape* in = shapeOf(graph, op.inputs, 0);
    const ir::Shape* filter = shapeOf(graph, op.inputs, 1);
    const ir::Shape* out = shapeOf(graph, op.outputs, 0);
    if (!in || !out) return 0;
    const ir::OpAttributes& a = op.attrs;
    switch (op.kind) {
        case ir::OpKind::Conv2D: {
            if (!filter || filter->size() != 4 || in->size() != 4 || out->size() != 4) return 0;
            const int32_t kh = (*filter)[1], kw = (*filter)[2], inC = (*in)[3];
            const int32_t padH = tflmPadding(a, (*in)[1], (*out)[1], kh, a.strideH, a.dilationH);
            const int32_t padW = tflmPadding(a, (*in)[2], (*out)[2], kw, a.strideW, a.dilationW);
            const bool oneByOne = padH == 0 && padW == 0 && kh == 1 && kw == 1 && a.dilationH == 1 && a.dilationW == 1;
            if (oneByOne) return 0;  // fast path: 0 with gcc; strided 1x1: no buffer
            const int64_t cols = int64_t(kh) * kw * inC;
            return 2 * ((cols + 3) / 4 * 4) * 2;  // two im2col columns of int16 (1xN: the same size)
        }
        case ir::OpKind::DepthwiseConv2D: {
            if (!filter || filter->size() != 4 || in->size() != 4 || out->size() != 4) return 0;
            const int32_t kh = (*filter)[1], kw = (*filter)[2];
            if ((*in)[3] != (*out)[3] || (*in)[0] != 1 || a.dilationH != 1 || a.dilationW != 1) return 0;
            const int32_t padH = tflmPadding(a, (*in)[1], (*out)[1], kh, a.strideH, a.dilationH);
            const int32_t padW = tflmPadding(a, (*in)[2], (*out)[2], kw, a.strideW, a.dilationW);
            if (kh == 3 && kw == 3 && padH <= 1 && padW <= 1) return 0;
            return int64_t((*in)[3]) * kh * kw * 2;
        }
        case ir::OpKind::AveragePool2D:
            return out->empty() ? 0 : 4 * int64_t(out->back());
        case ir::OpKind::FullyConnected: {
            if (!filter || filter->size() != 2 || out->size() <= 2 || (*filter)[1] % 4 != 0) return 0;
            const bool perChannel = graph.tensors[static_cast<size_t>(op.inputs[1])].quant.perChannel();
            return perChannel ? 0 : 8 * int64_t(out->back());
        }
        default:
            return 0;
    }
}

}  // namespace

std::string_view tflmKernelsName(TflmKernels kernels) {
    return kernels == TflmKernels::CmsisNn ? "cmsis-nn" : "reference";
}

std::vector<int64_t> tflmScratchBuffers(const ir::Graph& graph, int opIndex, TflmKernels kernels) {
    const ir::Op& op = graph.ops[static_cast<size_t>(opIndex)];
    auto tensorOf = [&](const std::vector<int>& list, size_t slot) -> const ir::Tensor* {
        if (slot >= list.size() || list[slot] < 0) return nullptr;
        return &graph.tensors[static_cast<size_t>(list[slot])];
    };
    if (op.kind == ir::OpKind::Mean && !op.inputs.empty() && !op.outputs.empty()) {
        // reduce_common.cc PrepareMeanOrSumHelper: an int32 accumulator per output element
        // (int8/int16 input), then an int per input dimension and an int per reduced axis.
        const ir::Tensor& input = graph.tensors[static_cast<size_t>(op.inputs[0])];
        const ir::Tensor* axis = tensorOf(op.inputs, 1);
        std::vector<int64_t> buffers;
        if (input.dtype == ir::DType::Int8 || input.dtype == ir::DType::Int16)
            buffers.push_back(4 * graph.tensors[static_cast<size_t>(op.outputs[0])].elementCount());
        buffers.push_back(4 * static_cast<int64_t>(input.shape.size()));
        buffers.push_back(4 * (axis ? axis->elementCount() : 0));
        return buffers;
    }
    if (op.kind == ir::OpKind::Unsupported && op.unsupportedName == "SVDF") {
        // svdf_common.cc PrepareSvdf: int32 per batch x filter; int8 adds int32 per batch x unit.
        const ir::Tensor* input = tensorOf(op.inputs, 0);
        const ir::Tensor* feature = tensorOf(op.inputs, 1);
        const ir::Tensor* output = tensorOf(op.outputs, 0);
        if (!input || !feature || !output || feature->shape.size() != 2 || output->shape.size() != 2) return {};
        const int64_t batch = output->shape[0], filters = feature->shape[0], units = output->shape[1];
        if (input->dtype == ir::DType::Float32) return {4 * batch * filters};
        return {4 * batch * filters, 4 * batch * units};
    }
    if (op.kind == ir::OpKind::Unsupported && op.unsupportedName == "UNIDIRECTIONAL_SEQUENCE_LSTM") {
        // unidirectional_sequence_lstm.cc Prepare: four buffers of batch x state at the cell
        // state's type (int16 for quantized LSTMs, float32 for float ones).
        const ir::Tensor* cell = tensorOf(op.inputs, 19);
        const ir::Tensor* hidden = tensorOf(op.inputs, 18);
        if (!cell || !hidden || hidden->shape.empty()) return {};
        const int64_t state = hidden->shape.back();
        const int64_t batch = hidden->elementCount() / std::max<int64_t>(state, 1);
        const int64_t bytes = batch * state * ir::dtypeSize(cell->dtype);
        return {bytes, bytes, bytes, bytes};
    }
    if (kernels == TflmKernels::CmsisNn) {
        const int64_t bytes = cmsisScratchBytes(graph, op);
        if (bytes > 0) return {bytes};
    }
    return {};
}

int64_t tflmScratchBytes(const ir::Graph& graph, int opIndex, TflmKernels kernels) {
    int64_t total = 0;
    for (int64_t bytes : tflmScratchBuffers(graph, opIndex, kernels)) total += bytes;
    return total;
}

bool tflmHasKernel(const ir::Op& op) {
    if (op.kind != ir::OpKind::Unsupported) return true;  // every op of our IR has a TFLM kernel
    // TFLM 90b983c's MicroMutableOpResolver builtins outside our IR.
    static const std::set<std::string, std::less<>> kernels = {
        "ABS", "ADD_N", "ARG_MAX", "ARG_MIN", "ASSIGN_VARIABLE", "BATCH_MATMUL", "BATCH_TO_SPACE_ND",
        "BROADCAST_ARGS", "BROADCAST_TO", "CALL_ONCE", "CAST", "CEIL", "COS", "CUMSUM", "DEPTH_TO_SPACE", "DIV",
        "DYNAMIC_UPDATE_SLICE", "ELU", "EMBEDDING_LOOKUP", "EQUAL", "EXP", "EXPAND_DIMS", "FILL", "FLOOR",
        "FLOOR_DIV", "FLOOR_MOD", "GATHER", "GATHER_ND", "GREATER", "GREATER_EQUAL", "IF", "L2_NORMALIZATION",
        "L2_POOL_2D", "LEAKY_RELU", "LESS", "LESS_EQUAL", "LOG", "LOGICAL_AND", "LOGICAL_NOT", "LOGICAL_OR",
        "LOG_SOFTMAX", "MAXIMUM", "MINIMUM", "MIRROR_PAD", "NEG", "NOT_EQUAL", "PACK", "PADV2", "PRELU",
        "READ_VARIABLE", "REDUCE_ALL", "REDUCE_MAX", "REDUCE_MIN", "RESIZE_BILINEAR", "REVERSE_V2", "ROUND",
        "RSQRT", "SELECT_V2", "SHAPE", "SIN", "SLICE", "SPACE_TO_BATCH_ND", "SPACE_TO_DEPTH", "SPLIT", "SPLIT_V",
        "SQRT", "SQUARE", "SQUARED_DIFFERENCE", "STRIDED_SLICE", "SUB", "SUM", "SVDF", "TANH", "TRANSPOSE_CONV",
        "UNIDIRECTIONAL_SEQUENCE_LSTM", "UNPACK", "VAR_HANDLE", "WHILE", "ZEROS_LIKE"};
    return kernels.count(op.unsupportedName) > 0;
}

bool tflmPlanModelsOp(const ir::Op& op) {
    return op.kind != ir::OpKind::Unsupported || op.unsupportedName == "SVDF" ||
           op.unsupportedName == "UNIDIRECTIONAL_SEQUENCE_LSTM";
}

MemoryPlan planTflm(const ir::Graph& graph, const TflmPlanOptions& options) {
    const size_t tensorCount = graph.tensors.size();
    const TflmView view = viewOf(graph, options.int8Input);
    std::vector<int> firstScope(tensorCount, -1), lastScope(tensorCount, -1);
    auto valid = [&](int tensor) { return tensor >= 0 && static_cast<size_t>(tensor) < tensorCount; };
    auto create = [&](int tensor, int scope) {
        if (!valid(tensor)) return;
        firstScope[static_cast<size_t>(tensor)] = scope;
        lastScope[static_cast<size_t>(tensor)] = scope;
    };
    auto use = [&](int tensor, int scope) {
        if (valid(tensor)) lastScope[static_cast<size_t>(tensor)] = scope;
    };

    for (int tensor : view.inputs) create(tensor, 0);
    for (int tensor : graph.outputs) create(tensor, 0);
    std::vector<TflmRequest> scratch;
    std::vector<int> stepOps;  // graph op index of each scope after 0
    int scope = 0;
    for (size_t opIndex = 0; opIndex < graph.ops.size(); ++opIndex) {
        if (view.opDropped[opIndex]) continue;
        const ir::Op& op = graph.ops[opIndex];
        ++scope;
        stepOps.push_back(static_cast<int>(opIndex));
        for (int tensor : op.outputs) create(tensor, scope);
        for (int tensor : op.inputs) use(tensor, scope);
        for (int tensor : op.outputs) use(tensor, scope);
        for (int64_t scratchBytes : tflmScratchBuffers(graph, static_cast<int>(opIndex), options.kernels))
            scratch.push_back({alignUp(scratchBytes, kTflmAlignment), scope, scope, -1, static_cast<int>(opIndex)});
    }
    for (int tensor : graph.outputs) use(tensor, scope);

    // Tensors first in index order, then scratch: the order TFLM adds them to its planner.
    std::vector<TflmRequest> requests;
    for (size_t tensor = 0; tensor < tensorCount; ++tensor) {
        const ir::Tensor& t = graph.tensors[tensor];
        if (t.isConstant || t.isVariable || t.byteSize() == 0 || view.tensorDropped[tensor]) continue;
        // A tensor no op touches keeps lifetime (-1, -1) and is still planned, as in TFLM.
        requests.push_back({alignUp(t.byteSize(), kTflmAlignment), firstScope[tensor],
                            lastScope[tensor], static_cast<int>(tensor), -1});
    }
    requests.insert(requests.end(), scratch.begin(), scratch.end());
    const std::vector<int64_t> offsets = placeGreedyLikeTflm(requests);

    MemoryPlan plan;
    plan.runtime = "tflm";
    plan.strategy = options.kernels == TflmKernels::CmsisNn ? "tflm-greedy, cmsis-nn kernels" : "tflm-greedy";
    // Scope s is op s-1's step; scope 0 (graph inputs before the first op) folds into step 0.
    auto stepOf = [](int s) { return std::max(s - 1, 0); };
    for (size_t i = 0; i < requests.size(); ++i) {
        const TflmRequest& request = requests[i];
        PlannedBuffer buffer;
        buffer.tensor = request.tensor;
        buffer.isScratch = request.tensor < 0;
        buffer.stepOp = request.scratchOp;
        buffer.owner = buffer.isScratch
                           ? "scratch: " + graph.ops[static_cast<size_t>(request.scratchOp)].name() +
                                 " #" + std::to_string(request.scratchOp)
                           : graph.tensors[static_cast<size_t>(request.tensor)].name;
        buffer.offset = offsets[i];
        buffer.sizeBytes = request.size;
        buffer.firstStep = stepOf(request.firstScope);
        buffer.lastStep = request.lastScope < 0 ? -1 : stepOf(request.lastScope);  // -1: never alive
        plan.arenaBytes = std::max(plan.arenaBytes, buffer.offset + buffer.sizeBytes);
        plan.buffers.push_back(std::move(buffer));
    }

    const TflmTail tail = replayTail(graph, view, static_cast<int>(scratch.size()), options.kernels);
    plan.persistentBytes = tail.bytes;
    const int64_t planningTemporaries =
        alignUp(12 * (static_cast<int64_t>(scratch.size()) + 12) + 4 +
                    24 * (view.keptTensors + static_cast<int64_t>(scratch.size())),
                kTflmAlignment) +
        40 * static_cast<int64_t>(requests.size());
    plan.minimumArenaBytes = std::max(plan.arenaBytes + plan.persistentBytes, tail.beforeIoBytes + planningTemporaries);

    buildTimeline(graph, stepOps, plan);

    plan.notes.push_back(options.kernels == TflmKernels::CmsisNn
                             ? "TF-Lite Micro with CMSIS-NN kernels (Cortex-M DSP build), 32-bit MCU, greedy planner, 16-byte alignment"
                             : "TF-Lite Micro reference kernels, 32-bit MCU, greedy planner, 16-byte alignment");
    plan.notes.push_back("head and persistent tail reproduce TFLM's allocator; the minimum arena (planning temporaries) is modelled");
    for (int op : callerQuantizedInputOps(graph))
        if (options.int8Input)
            plan.notes.push_back("int8 input: QUANTIZE #" + std::to_string(op) +
                                 " dropped, planned as the model converted with int8 input");
    for (int tensor : view.inputs) {
        const ir::Tensor& t = graph.tensors[static_cast<size_t>(tensor)];
        if (t.dtype == ir::DType::Float32)
            plan.notes.push_back("head includes the " + std::to_string(t.byteSize()) +
                                 "-byte float32 input '" + t.name + "'");
    }
    std::set<std::string> noted;
    for (const ir::Op& op : graph.ops) {
        if (op.kind != ir::OpKind::Unsupported || !noted.insert(op.unsupportedName).second) continue;
        if (tflmPlanModelsOp(op))
            plan.notes.push_back("op " + op.unsupportedName + ": TFLM's kernel scratch, OpData and variable tensors "
                                 "modelled from its source (reference kernel, also under CMSIS-NN)");
        else if (tflmHasKernel(op))
            plan.notes.push_back("op " + op.unsupportedName + ": kernel scratch and OpData unknown, estimated as a typical op");
        else
            plan.notes.push_back("op " + op.unsupportedName + ": TF-Lite Micro has no kernel for it; the plan assumes a custom one");
    }
    if (std::any_of(graph.tensors.begin(), graph.tensors.end(), [](const ir::Tensor& t) { return t.isVariable; }))
        plan.notes.push_back("variable tensors (recurrent state) are in the persistent tail");
    return plan;
}

}  // namespace mcunet::analysis
