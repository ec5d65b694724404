#include "analysis/input_assumption.h"

#include <algorithm>

namespace mcunet::analysis {
namespace {

std::string groupedBytes(int64_t value) {
    std::string digits = std::to_string(value), text;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
        text += digits[i];
    }
    return text;
}

std::string tensorText(const ir::Tensor& tensor) {
    return std::string(ir::dtypeName(tensor.dtype)) + " " + ir::shapeToString(tensor.shape) + " (" +
           groupedBytes(tensor.byteSize()) + " B";
}

}  // namespace

std::string_view inputAssumptionName(InputAssumption assumption) {
    return assumption == InputAssumption::Int8 ? "int8" : "declared";
}

std::optional<InputAssumption> parseInputAssumption(std::string_view name) {
    if (name == "declared") return InputAssumption::Declared;
    if (name == "int8") return InputAssumption::Int8;
    return std::nullopt;
}

std::vector<int> callerQuantizedInputOps(const ir::Graph& graph) {
    std::vector<int> ops;
    for (int input : graph.inputs) {
        if (input < 0 || static_cast<size_t>(input) >= graph.tensors.size()) continue;
        if (graph.tensors[static_cast<size_t>(input)].dtype != ir::DType::Float32) continue;
        const std::vector<int> readers = graph.consumersOf(input);
        if (readers.size() != 1) continue;
        const ir::Op& quantize = graph.ops[static_cast<size_t>(readers[0])];
        if (quantize.kind != ir::OpKind::Quantize || quantize.outputs.size() != 1) continue;
        ops.push_back(readers[0]);
    }
    std::sort(ops.begin(), ops.end());
    return ops;
}

std::vector<int> effectiveInputs(const ir::Graph& graph, InputAssumption assumption) {
    std::vector<int> inputs = graph.inputs;
    if (assumption != InputAssumption::Int8) return inputs;
    for (int op : callerQuantizedInputOps(graph)) {
        const ir::Op& quantize = graph.ops[static_cast<size_t>(op)];
        std::replace(inputs.begin(), inputs.end(), quantize.inputs[0], quantize.outputs[0]);
    }
    return inputs;
}

std::string describeInputAssumption(const ir::Graph& graph, InputAssumption assumption) {
    const std::vector<int> dropped =
        assumption == InputAssumption::Int8 ? callerQuantizedInputOps(graph) : std::vector<int>{};
    std::string text = assumption == InputAssumption::Int8 ? "input int8, quantized by the caller: "
                                                           : "input as declared: ";
    const std::vector<int> inputs = effectiveInputs(graph, assumption);
    for (size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i] < 0 || static_cast<size_t>(inputs[i]) >= graph.tensors.size()) continue;
        text += (i ? ", " : "") + tensorText(graph.tensors[static_cast<size_t>(inputs[i])]);
        for (int op : dropped)
            if (graph.ops[static_cast<size_t>(op)].outputs[0] == inputs[i])
                text += "; QUANTIZE #" + std::to_string(op) + " dropped";
        text += ")";
    }
    if (assumption == InputAssumption::Int8 && dropped.empty())
        text += " (no float input with a QUANTIZE: the int8 assumption changes nothing)";
    return text;
}

}  // namespace mcunet::analysis
