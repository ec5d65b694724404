#include "analysis/profile.h"

#include <algorithm>
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

int64_t countMacs(const Graph& graph, const Op& op) {
    if (op.outputs.empty()) return 0;
    const ir::Shape& out = graph.tensors[op.outputs[0]].shape;
    const Tensor* weights = tensorAt(graph, op, 1);
    if (!weights) return 0;
    const ir::Shape& w = weights->shape;
    switch (op.kind) {
        case OpKind::Conv2D:  // weights OHWI: every output element sums kH*kW*inC products
            if (w.size() != 4) return 0;
            return ir::elementCount(out) * int64_t(w[1]) * w[2] * w[3];
        case OpKind::DepthwiseConv2D:  // weights 1HWO: every output element sums kH*kW products
            if (w.size() != 4) return 0;
            return ir::elementCount(out) * int64_t(w[1]) * w[2];
        case OpKind::FullyConnected:  // weights [units, inputs]
            if (w.size() != 2) return 0;
            return ir::elementCount(out) * int64_t(w[1]);
        default:
            return 0;
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
        totals.macs += countMacs(graph, op);
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
        row.macs = countMacs(graph, op);

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
