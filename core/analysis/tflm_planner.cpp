#include "analysis/tflm_planner.h"

#include "analysis/input_assumption.h"

#include <algorithm>
#include <map>
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

// Sizes (32-bit MCU) of what TFLM keeps per op: parsed builtin options and the kernel's OpData.
struct OpPersistentBytes {
    int64_t builtinData = 0;
    int64_t opData = 0;  // before rounding to 16
};

OpPersistentBytes persistentBytesOf(ir::OpKind kind) {
    using ir::OpKind;
    switch (kind) {
        case OpKind::Conv2D: return {28, 52};           // TfLiteConvParams, OpDataConv
        case OpKind::DepthwiseConv2D: return {28, 52};  // TfLiteDepthwiseConvParams, OpDataConv
        case OpKind::FullyConnected: return {16, 28};
        case OpKind::AveragePool2D:
        case OpKind::MaxPool2D: return {40, 32};        // TfLitePoolParams, OpDataPooling
        case OpKind::Add: return {8, 60};
        case OpKind::Mul: return {8, 44};
        case OpKind::Softmax: return {4, 56};           // SoftmaxParams
        case OpKind::Reshape:
        case OpKind::Squeeze: return {36, 0};           // shape / squeeze dims arrays, no OpData
        case OpKind::Mean: return {4, 40};              // TfLiteReducerParams, OpDataReduce
        case OpKind::Quantize:
        case OpKind::Dequantize: return {0, 28};
        case OpKind::Pad: return {0, 52};               // PadParams + output zero point
        case OpKind::Transpose: return {0, 0};
        case OpKind::Concatenation: return {8, 24};
        case OpKind::Relu:
        case OpKind::Relu6:
        case OpKind::Logistic:
        case OpKind::HardSwish: return {0, 28};
        case OpKind::ResizeNearestNeighbor: return {4, 0};
        case OpKind::Unsupported: return {16, 32};      // unknown kernel: a typical op's share
    }
    return {0, 0};
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

int64_t tailBytes(const ir::Graph& graph, const TflmView& view, int scratchCount, int64_t* ioBytes) {
    int64_t tail = 124 + 12 * view.keptTensors;
    for (size_t i = 0; i < graph.ops.size(); ++i) {
        if (view.opDropped[i]) continue;
        const ir::Op& op = graph.ops[i];
        const OpPersistentBytes sizes = persistentBytesOf(op.kind);
        tail += 32 + alignUp(sizes.builtinData, 4) + alignUp(sizes.opData, kTflmAlignment);
        const bool perChannelArrays =
            op.kind == ir::OpKind::Conv2D || op.kind == ir::OpKind::DepthwiseConv2D ||
            (op.kind == ir::OpKind::FullyConnected && weightsPerChannel(graph, op));
        if (perChannelArrays) tail += 2 * alignUp(4 * outputChannels(graph, op), kTflmAlignment);
    }
    tail += 4 * scratchCount;
    int64_t io = 0;
    auto addIo = [&](int tensor) {
        io += 16 + 40;
        const ir::QuantParams& quant = graph.tensors[static_cast<size_t>(tensor)].quant;
        if (!quant.empty()) io += 12 + 4 + 4 * static_cast<int64_t>(quant.scale.size());
    };
    for (int tensor : view.inputs) addIo(tensor);
    for (int tensor : graph.outputs) addIo(tensor);
    *ioBytes = io;
    return tail + io;
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

// Extra persistent bytes of a CMSIS-NN kernel's OpData over the reference one, after TFLM's
// 16-byte rounding of AllocatePersistentBuffer.
int64_t cmsisOpDataGrowth(ir::OpKind kind) {
    switch (kind) {
        case ir::OpKind::FullyConnected: return 80 - 48;  // OpDataFullyConnected 48 B + 24 B
        case ir::OpKind::AveragePool2D:
        case ir::OpKind::MaxPool2D: return 48 - 32;       // OpDataPooling 32 B + buffer index
        default: return 0;                                 // conv/depthwise 56 -> 60, softmax 56 -> 64
    }
}

}  // namespace

std::string_view tflmKernelsName(TflmKernels kernels) {
    return kernels == TflmKernels::CmsisNn ? "cmsis-nn" : "reference";
}

int64_t tflmScratchBytes(const ir::Graph& graph, int opIndex, TflmKernels kernels) {
    const ir::Op& op = graph.ops[static_cast<size_t>(opIndex)];
    if (op.kind == ir::OpKind::Mean && !op.inputs.empty() && !op.outputs.empty()) {
        const ir::DType inputType = graph.tensors[static_cast<size_t>(op.inputs[0])].dtype;
        if (inputType == ir::DType::Int8 || inputType == ir::DType::Int16)
            return 4 * graph.tensors[static_cast<size_t>(op.outputs[0])].elementCount();
    }
    if (kernels == TflmKernels::CmsisNn) return cmsisScratchBytes(graph, op);
    return 0;
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
        const int64_t scratchBytes = tflmScratchBytes(graph, static_cast<int>(opIndex), options.kernels);
        if (scratchBytes > 0)
            scratch.push_back({alignUp(scratchBytes, kTflmAlignment), scope, scope, -1,
                               static_cast<int>(opIndex)});
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

    int64_t ioBytes = 0;
    plan.persistentBytes = tailBytes(graph, view, static_cast<int>(scratch.size()), &ioBytes);
    if (options.kernels == TflmKernels::CmsisNn)
        for (size_t i = 0; i < graph.ops.size(); ++i)
            if (!view.opDropped[i]) plan.persistentBytes += cmsisOpDataGrowth(graph.ops[i].kind);
    const int64_t planningTemporaries =
        alignUp(12 * (static_cast<int64_t>(scratch.size()) + 12) + 4 +
                    24 * (view.keptTensors + static_cast<int64_t>(scratch.size())),
                kTflmAlignment) +
        40 * static_cast<int64_t>(requests.size());
    plan.minimumArenaBytes = std::max(plan.arenaBytes + plan.persistentBytes,
                                      plan.persistentBytes - ioBytes + planningTemporaries);

    buildTimeline(graph, stepOps, plan);

    plan.notes.push_back(options.kernels == TflmKernels::CmsisNn
                             ? "TF-Lite Micro with CMSIS-NN kernels (Cortex-M DSP build), 32-bit MCU, greedy planner, 16-byte alignment"
                             : "TF-Lite Micro reference kernels, 32-bit MCU, greedy planner, 16-byte alignment");
    plan.notes.push_back("persistent part (tail) and minimum arena are modelled estimates; the head is exact");
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
    const auto unsupported = graph.unsupportedOpNames();
    for (const std::string& name : unsupported)
        plan.notes.push_back("op " + name + ": kernel scratch and OpData unknown, estimated as a typical op");
    return plan;
}

}  // namespace mcunet::analysis
