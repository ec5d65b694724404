#include "ir/validate.h"

#include "ir/shape_inference.h"
#include "util/error.h"

namespace mcunet::ir {
namespace {

// Inputs an op cannot run without (later ones, such as a conv bias, are optional).
size_t requiredInputs(OpKind kind) {
    switch (kind) {
        case OpKind::Conv2D:
        case OpKind::DepthwiseConv2D:
        case OpKind::FullyConnected:
        case OpKind::Add:
        case OpKind::Mul:
        case OpKind::Mean:
        case OpKind::Transpose:
        case OpKind::Pad:
        case OpKind::ResizeNearestNeighbor: return 2;
        case OpKind::Unsupported: return 0;
        default: return 1;
    }
}

class Validator {
public:
    explicit Validator(const Graph& graph) : graph_(graph), defined_(graph.tensors.size(), false) {}

    std::vector<std::string> run() {
        for (size_t t = 0; t < graph_.tensors.size(); ++t) {
            const Tensor& tensor = graph_.tensors[t];
            defined_[t] = tensor.isConstant || tensor.isVariable || !tensor.data.empty();
        }
        checkGraphEnds(graph_.inputs, "input", true);
        for (size_t i = 0; i < graph_.ops.size(); ++i) checkOp(static_cast<int>(i));
        checkGraphEnds(graph_.outputs, "output", false);
        checkQuantization();
        return std::move(problems_);
    }

private:
    bool inRange(int t) const { return t >= 0 && t < static_cast<int>(graph_.tensors.size()); }

    std::string tensorText(int t) const {
        if (!inRange(t)) return "tensor " + std::to_string(t);
        return "tensor " + std::to_string(t) + " '" + graph_.tensors[t].name + "'";
    }

    std::string opText(int i) const { return "op " + std::to_string(i) + " (" + graph_.ops[i].name() + ")"; }

    void problem(std::string text) { problems_.push_back(std::move(text)); }

    void checkGraphEnds(const std::vector<int>& list, const char* what, bool defines) {
        for (size_t k = 0; k < list.size(); ++k) {
            int t = list[k];
            if (!inRange(t)) {
                problem(std::string("graph ") + what + " " + std::to_string(k) + ": tensor index " + std::to_string(t) +
                        " is out of range (" + std::to_string(graph_.tensors.size()) + " tensors)");
            } else if (defines) {
                defined_[t] = true;
            } else if (!defined_[t]) {
                problem(std::string("graph ") + what + " " + std::to_string(k) + ": " + tensorText(t) +
                        " is never written by any op");
            }
        }
    }

    void checkOp(int i) {
        const Op& op = graph_.ops[i];
        bool operandsOk = true;
        if (op.inputs.size() < requiredInputs(op.kind)) {
            problem(opText(i) + ": has " + std::to_string(op.inputs.size()) + " inputs, needs at least " +
                    std::to_string(requiredInputs(op.kind)));
            operandsOk = false;
        }
        for (size_t k = 0; k < op.inputs.size(); ++k) {
            int t = op.inputs[k];
            if (t == kNoTensor) {
                if (k < requiredInputs(op.kind)) {
                    problem(opText(i) + ": input " + std::to_string(k) + " is absent but required");
                    operandsOk = false;
                }
            } else if (!inRange(t)) {
                problem(opText(i) + ": input " + std::to_string(k) + " refers to tensor index " + std::to_string(t) +
                        ", out of range (" + std::to_string(graph_.tensors.size()) + " tensors)");
                operandsOk = false;
            } else if (!defined_[t]) {
                problem(opText(i) + ": input " + std::to_string(k) + " " + tensorText(t) +
                        " is used before it is defined (not a graph input, constant, or output of an earlier op)");
            }
        }
        for (size_t k = 0; k < op.outputs.size(); ++k) {
            int t = op.outputs[k];
            if (!inRange(t)) {
                problem(opText(i) + ": output " + std::to_string(k) + " refers to tensor index " + std::to_string(t) +
                        ", out of range (" + std::to_string(graph_.tensors.size()) + " tensors)");
                operandsOk = false;
            } else if (defined_[t]) {
                problem(opText(i) + ": output " + std::to_string(k) + " " + tensorText(t) +
                        " is written twice (it is already a graph input, a constant, or an earlier op's output)");
            }
        }
        for (int t : op.outputs)
            if (inRange(t)) defined_[t] = true;
        if (operandsOk && hasShapeInference(op.kind)) checkShapes(i);
    }

    void checkShapes(int i) {
        const Op& op = graph_.ops[i];
        std::vector<Shape> inferred;
        try {
            inferred = inferOutputShapes(graph_, op);
        } catch (const Error& error) {
            problem(opText(i) + ": " + error.what());
            return;
        }
        if (op.outputs.size() != inferred.size()) {
            problem(opText(i) + ": has " + std::to_string(op.outputs.size()) + " outputs, expected " +
                    std::to_string(inferred.size()));
            return;
        }
        for (size_t k = 0; k < inferred.size(); ++k) {
            const Shape& declared = graph_.tensors[op.outputs[k]].shape;
            if (declared != inferred[k])
                problem(opText(i) + ": output " + std::to_string(k) + " " + tensorText(op.outputs[k]) + " has shape " +
                        shapeToString(declared) + ", shape inference gives " + shapeToString(inferred[k]));
        }
        checkBias(i, inferred);
    }

    // The bias of a conv / depthwise / fully connected op has one value per output channel.
    void checkBias(int i, const std::vector<Shape>& inferred) {
        const Op& op = graph_.ops[i];
        if (op.kind != OpKind::Conv2D && op.kind != OpKind::DepthwiseConv2D && op.kind != OpKind::FullyConnected) return;
        if (op.inputs.size() < 3 || op.inputs[2] == kNoTensor || inferred.empty() || inferred[0].empty()) return;
        int b = op.inputs[2];
        int64_t channels = inferred[0].back();
        if (graph_.tensors[b].elementCount() != channels)
            problem(opText(i) + ": input 2 (bias) " + tensorText(b) + " has shape " + shapeToString(graph_.tensors[b].shape) +
                    ", expected " + std::to_string(channels) + " values, one per output channel");
    }

    void checkQuantization() {
        for (size_t t = 0; t < graph_.tensors.size(); ++t) {
            const Tensor& tensor = graph_.tensors[t];
            const QuantParams& q = tensor.quant;
            if (q.empty()) continue;
            std::string where = tensorText(static_cast<int>(t));
            std::vector<int> readers = graph_.consumersOf(static_cast<int>(t));
            if (!readers.empty()) where = opText(readers.front()) + ": " + where;
            if (q.zeroPoint.size() != q.scale.size() && q.zeroPoint.size() != 1)
                problem(where + ": has " + std::to_string(q.scale.size()) + " quantization scales but " +
                        std::to_string(q.zeroPoint.size()) + " zero points");
            if (!q.perChannel()) continue;
            if (q.axis < 0 || q.axis >= static_cast<int32_t>(tensor.shape.size())) {
                problem(where + ": per-channel quantization axis " + std::to_string(q.axis) + " is out of range for shape " +
                        shapeToString(tensor.shape));
            } else if (static_cast<int64_t>(q.scale.size()) != tensor.shape[q.axis]) {
                problem(where + ": per-channel quantization has " + std::to_string(q.scale.size()) + " scales, expected " +
                        std::to_string(tensor.shape[q.axis]) + " (dimension " + std::to_string(q.axis) + " of " +
                        shapeToString(tensor.shape) + ")");
            }
        }
    }

    const Graph& graph_;
    std::vector<bool> defined_;
    std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> validateGraph(const Graph& graph) { return Validator(graph).run(); }

void requireValid(const Graph& graph, const std::string& what) {
    std::vector<std::string> problems = validateGraph(graph);
    if (problems.empty()) return;
    std::string message = what + ": " + std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
    for (const std::string& p : problems) message += "\n  " + p;
    throw Error(ErrorCode::InvalidGraph, message);
}

}  // namespace mcunet::ir
