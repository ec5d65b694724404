#include "analysis/profile.h"

#include "analysis/tflm_planner.h"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

namespace mcunet::analysis {
namespace {

using ir::Graph;
using ir::Op;
using ir::OpKind;
using ir::Tensor;

const Tensor* tensorAt(const Graph& graph, const Op& op, size_t inputSlot) {
    if (inputSlot >= op.inputs.size() || op.inputs[inputSlot] == ir::kNoTensor) return nullptr;
    return &graph.tensors[op.inputs[inputSlot]];
}

const ir::Shape* shapeAt(const Graph& graph, const Op& op, size_t inputSlot) {
    const Tensor* tensor = tensorAt(graph, op, inputSlot);
    return tensor ? &tensor->shape : nullptr;
}


// SVDF (TFLM svdf): inputs 0 input [batch, in], 1 weights_feature [filters, in], 2 weights_time
// [filters, memory], 3 bias [units], 4 state. Per batch: the feature matmul (filters x in), the
// time dot products (filters x memory) and the rank sum into each unit (filters adds).
std::optional<int64_t> svdfMacs(const Graph& graph, const Op& op) {
    const ir::Shape* feature = shapeAt(graph, op, 1);
    const ir::Shape* time = shapeAt(graph, op, 2);
    if (!feature || !time || feature->size() != 2 || time->size() != 2 || op.outputs.empty()) return std::nullopt;
    const ir::Shape& out = graph.tensors[static_cast<size_t>(op.outputs[0])].shape;
    const int64_t batch = out.empty() ? 1 : out[0];
    const int64_t filters = (*feature)[0];
    return batch * (filters * (*feature)[1] + filters * (*time)[1] + filters);
}

// UNIDIRECTIONAL_SEQUENCE_LSTM (TFLM's 24-input form): inputs 1-4 input-to-gate weights
// [cell, in], 5-8 recurrent weights [cell, out], 9-11 optional peepholes [cell], 16 optional
// projection [out, cell]. Per step (batch x time steps = output elements / out): four gates of
// cell x (in + out) MACs, the peepholes, the cell update (forget*c + input*g: 2 per cell),
// the output gating (1 per cell) and the projection.
std::optional<int64_t> lstmMacs(const Graph& graph, const Op& op) {
    const ir::Shape* inputWeights = shapeAt(graph, op, 2);   // input-to-forget (always present)
    const ir::Shape* recurrent = shapeAt(graph, op, 6);      // recurrent-to-forget
    if (!inputWeights || !recurrent || inputWeights->size() != 2 || recurrent->size() != 2 || op.outputs.empty())
        return std::nullopt;
    const int64_t cell = (*inputWeights)[0], in = (*inputWeights)[1], out = (*recurrent)[1];
    const ir::Shape& output = graph.tensors[static_cast<size_t>(op.outputs[0])].shape;
    if (out <= 0) return std::nullopt;
    const int64_t steps = ir::elementCount(output) / out;
    int gates = 0;
    for (size_t slot = 1; slot <= 4; ++slot) gates += tensorAt(graph, op, slot) ? 1 : 0;  // no input gate: CIFG
    int64_t perStep = gates * cell * in;
    for (size_t slot = 5; slot <= 8; ++slot) perStep += tensorAt(graph, op, slot) ? cell * out : 0;
    for (size_t slot = 9; slot <= 11; ++slot) perStep += tensorAt(graph, op, slot) ? cell : 0;
    perStep += 3 * cell;
    if (tensorAt(graph, op, 16)) perStep += out * cell;
    return steps * perStep;
}

// Multiply-accumulates of the weighted ops; nullopt: no rule for this op.
std::optional<int64_t> countMacs(const Graph& graph, const Op& op) {
    if (op.kind == OpKind::Unsupported) {
        if (op.unsupportedName == "SVDF") return svdfMacs(graph, op);
        if (op.unsupportedName == "UNIDIRECTIONAL_SEQUENCE_LSTM") return lstmMacs(graph, op);
        return std::nullopt;
    }
    if (op.outputs.empty()) return 0;
    const ir::Shape& out = graph.tensors[op.outputs[0]].shape;
    const Tensor* weights = tensorAt(graph, op, 1);
    switch (op.kind) {
        case OpKind::Conv2D:  // weights OHWI: every output element sums kH*kW*inC products
            if (!weights || weights->shape.size() != 4) return std::nullopt;
            return ir::elementCount(out) * int64_t(weights->shape[1]) * weights->shape[2] * weights->shape[3];
        case OpKind::DepthwiseConv2D:  // weights 1HWO: every output element sums kH*kW products
            if (!weights || weights->shape.size() != 4) return std::nullopt;
            return ir::elementCount(out) * int64_t(weights->shape[1]) * weights->shape[2];
        case OpKind::FullyConnected:  // weights [units, inputs]
            if (!weights || weights->shape.size() != 2) return std::nullopt;
            return ir::elementCount(out) * int64_t(weights->shape[1]);
        default:
            return 0;
    }
}

// STM32Cube.AI-style MACC on top of the MACs (README.md): the work of the non-weighted ops.
int64_t extraMaccs(const Graph& graph, const Op& op) {
    if (op.outputs.empty() || op.outputs[0] < 0) return 0;
    const int64_t outElements = graph.tensors[static_cast<size_t>(op.outputs[0])].elementCount();
    switch (op.kind) {
        case OpKind::Add: case OpKind::Mul:
        case OpKind::Relu: case OpKind::Relu6: case OpKind::Logistic: case OpKind::HardSwish:
        case OpKind::Quantize: case OpKind::Dequantize:
            return outElements;
        case OpKind::AveragePool2D: case OpKind::MaxPool2D:
            return outElements * int64_t(op.attrs.filterH) * op.attrs.filterW;
        case OpKind::Mean: {
            const Tensor* input = tensorAt(graph, op, 0);
            return input ? input->elementCount() : 0;
        }
        case OpKind::Softmax:
            return 2 * outElements;
        default:
            return 0;  // weighted ops (their MACs), data movement
    }
}

// Parameters are the learned constants: weights and bias of conv/FC, constant operands of
// element-wise ADD/MUL, and every constant of an unsupported op (we cannot tell its weights from
// its shape operands, and under-reporting Flash is worse). Shape-like operands of supported ops
// (PAD paddings, RESHAPE shape, MEAN axes) are not parameters.
bool isParameterSlot(const Op& op, size_t slot) {
    switch (op.kind) {
        case OpKind::Conv2D:
        case OpKind::DepthwiseConv2D:
        case OpKind::FullyConnected:
            return slot == 1 || slot == 2;
        case OpKind::Add:
        case OpKind::Mul:
        case OpKind::Unsupported:
            return true;
        default:
            return false;
    }
}

// Activation tensors an op reads (constants excluded, each tensor once).
std::vector<int> activationInputs(const Graph& graph, const Op& op) {
    std::vector<int> inputs;
    for (int t : op.inputs)
        if (graph.isActivation(t) && std::find(inputs.begin(), inputs.end(), t) == inputs.end())
            inputs.push_back(t);
    return inputs;
}

}  // namespace

ProfileTotals profileTotals(const Graph& graph) {
    ProfileTotals totals;
    for (const Op& op : graph.ops) {
        const std::optional<int64_t> macs = countMacs(graph, op);
        if (macs) totals.macs += *macs;
        else totals.macsComplete = false;
        for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
            const Tensor* tensor = tensorAt(graph, op, slot);
            if (!tensor || !tensor->isConstant || !isParameterSlot(op, slot)) continue;
            totals.params += tensor->elementCount();
            totals.paramBytes += tensor->byteSize();
        }
    }
    return totals;
}

Profile profileGraph(const Graph& graph) {
    Profile profile;
    profile.unsupportedOps = graph.unsupportedOpNames();

    // Liveness for the theoretical peak: a tensor is alive from its producer (or the start, for
    // graph inputs) to its last consumer (or the end, for graph outputs).
    const int opCount = static_cast<int>(graph.ops.size());
    std::vector<int> firstUse(graph.tensors.size(), -1), lastUse(graph.tensors.size(), -1);
    for (int t : graph.inputs) firstUse[t] = 0;
    for (int i = 0; i < opCount; ++i) {
        for (int t : graph.ops[i].outputs)
            if (t >= 0 && firstUse[t] < 0) firstUse[t] = i;
        for (int t : graph.ops[i].inputs)
            if (graph.isActivation(t)) lastUse[t] = std::max(lastUse[t], i);
    }
    for (int t : graph.outputs) lastUse[t] = opCount - 1;
    // Bytes of activations alive strictly across op i (produced before, read after), as a
    // prefix sum: aliveAcross[i] = sum of tensors with firstUse < i < lastUse.
    std::vector<int64_t> aliveAcross(static_cast<size_t>(opCount) + 1, 0);
    for (size_t t = 0; t < graph.tensors.size(); ++t) {
        if (!graph.isActivation(static_cast<int>(t)) || firstUse[t] < 0 || lastUse[t] <= firstUse[t] + 1) continue;
        const int64_t bytes = graph.tensors[t].byteSize();
        aliveAcross[static_cast<size_t>(firstUse[t] + 1)] += bytes;
        aliveAcross[static_cast<size_t>(lastUse[t])] -= bytes;
    }
    for (int i = 1; i <= opCount; ++i) aliveAcross[static_cast<size_t>(i)] += aliveAcross[static_cast<size_t>(i - 1)];
    profile.ops.reserve(static_cast<size_t>(opCount));

    for (int i = 0; i < opCount; ++i) {
        const Op& op = graph.ops[i];
        OpProfile row;
        row.opIndex = i;
        row.opName = op.name();
        row.unsupported = op.kind == OpKind::Unsupported;
        row.engineSupported = !row.unsupported;
        row.tflmSupported = tflmHasKernel(op);
        if (!row.tflmSupported &&
            std::find(profile.tflmUnsupportedOps.begin(), profile.tflmUnsupportedOps.end(), row.opName) ==
                profile.tflmUnsupportedOps.end())
            profile.tflmUnsupportedOps.push_back(row.opName);
        const std::optional<int64_t> macs = countMacs(graph, op);
        row.macsKnown = macs.has_value();
        row.macs = macs.value_or(0);
        row.maccs = row.macsKnown ? row.macs + extraMaccs(graph, op) : 0;
        if (!row.macsKnown) profile.incompleteMacOps.push_back(i);

        std::vector<int> touched = activationInputs(graph, op);
        for (int t : touched) {
            row.inputShapes.push_back(graph.tensors[t].shape);
            row.inputActivationBytes += graph.tensors[t].byteSize();
        }
        for (int t : op.outputs) {
            if (t < 0) continue;
            row.outputShapes.push_back(graph.tensors[t].shape);
            row.outputActivationBytes += graph.tensors[t].byteSize();
            if (std::find(touched.begin(), touched.end(), t) == touched.end()) touched.push_back(t);
        }
        for (size_t slot = 0; slot < op.inputs.size(); ++slot) {
            const Tensor* tensor = tensorAt(graph, op, slot);
            if (!tensor || !tensor->isConstant || !isParameterSlot(op, slot)) continue;
            row.params += tensor->elementCount();
            row.paramBytes += tensor->byteSize();
        }
        // Alive across this op, minus what the op itself reads or writes.
        row.residentBytes = aliveAcross[static_cast<size_t>(i)];
        for (int t : touched)
            if (graph.isActivation(t) && firstUse[t] >= 0 && firstUse[t] < i && lastUse[t] > i)
                row.residentBytes -= graph.tensors[t].byteSize();

        profile.totalMacs += row.macs;
        profile.totalMaccs += row.maccs;
        profile.totalParams += row.params;
        profile.totalParamBytes += row.paramBytes;
        if (row.peakBytes() > profile.theoreticalPeakBytes) {
            profile.theoreticalPeakBytes = row.peakBytes();
            profile.peakOpIndex = i;
        }
        profile.ops.push_back(std::move(row));
    }
    return profile;
}

}  // namespace mcunet::analysis
