#include "ir/graph.h"

#include <algorithm>

namespace mcunet::ir {

int dtypeSize(DType dtype) {
    switch (dtype) {
        case DType::Float32: return 4;
        case DType::Int8: return 1;
        case DType::UInt8: return 1;
        case DType::Int16: return 2;
        case DType::Int32: return 4;
        case DType::Int64: return 8;
        case DType::Bool: return 1;
        case DType::Other: return 1;
    }
    return 1;
}

std::string_view dtypeName(DType dtype) {
    switch (dtype) {
        case DType::Float32: return "float32";
        case DType::Int8: return "int8";
        case DType::UInt8: return "uint8";
        case DType::Int16: return "int16";
        case DType::Int32: return "int32";
        case DType::Int64: return "int64";
        case DType::Bool: return "bool";
        case DType::Other: return "other";
    }
    return "other";
}

int64_t elementCount(const Shape& shape) {
    int64_t count = 1;
    for (int32_t dim : shape) count *= std::max<int32_t>(dim, 0);
    return count;
}

std::string shapeToString(const Shape& shape) {
    if (shape.empty()) return "scalar";
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i) text += 'x';
        text += std::to_string(shape[i]);
    }
    return text;
}

std::string_view opKindName(OpKind kind) {
    switch (kind) {
        case OpKind::Conv2D: return "CONV_2D";
        case OpKind::DepthwiseConv2D: return "DEPTHWISE_CONV_2D";
        case OpKind::FullyConnected: return "FULLY_CONNECTED";
        case OpKind::Add: return "ADD";
        case OpKind::Mul: return "MUL";
        case OpKind::AveragePool2D: return "AVERAGE_POOL_2D";
        case OpKind::MaxPool2D: return "MAX_POOL_2D";
        case OpKind::Mean: return "MEAN";
        case OpKind::Reshape: return "RESHAPE";
        case OpKind::Squeeze: return "SQUEEZE";
        case OpKind::Transpose: return "TRANSPOSE";
        case OpKind::Softmax: return "SOFTMAX";
        case OpKind::Pad: return "PAD";
        case OpKind::Concatenation: return "CONCATENATION";
        case OpKind::Quantize: return "QUANTIZE";
        case OpKind::Dequantize: return "DEQUANTIZE";
        case OpKind::Relu: return "RELU";
        case OpKind::Relu6: return "RELU6";
        case OpKind::Logistic: return "LOGISTIC";
        case OpKind::HardSwish: return "HARD_SWISH";
        case OpKind::ResizeNearestNeighbor: return "RESIZE_NEAREST_NEIGHBOR";
        case OpKind::Unsupported: return "UNSUPPORTED";
    }
    return "UNSUPPORTED";
}

std::string_view activationName(Activation activation) {
    switch (activation) {
        case Activation::None: return "NONE";
        case Activation::Relu: return "RELU";
        case Activation::ReluN1To1: return "RELU_N1_TO_1";
        case Activation::Relu6: return "RELU6";
        case Activation::Tanh: return "TANH";
        case Activation::SignBit: return "SIGN_BIT";
    }
    return "NONE";
}

std::string Op::name() const {
    return kind == OpKind::Unsupported ? unsupportedName : std::string(opKindName(kind));
}

std::optional<int> Graph::producerOf(int tensor) const {
    for (size_t i = 0; i < ops.size(); ++i)
        if (std::find(ops[i].outputs.begin(), ops[i].outputs.end(), tensor) != ops[i].outputs.end())
            return static_cast<int>(i);
    return std::nullopt;
}

std::vector<int> Graph::consumersOf(int tensor) const {
    std::vector<int> consumers;
    for (size_t i = 0; i < ops.size(); ++i)
        if (std::find(ops[i].inputs.begin(), ops[i].inputs.end(), tensor) != ops[i].inputs.end())
            consumers.push_back(static_cast<int>(i));
    return consumers;
}

std::vector<std::string> Graph::unsupportedOpNames() const {
    std::vector<std::string> names;
    for (const Op& op : ops)
        if (op.kind == OpKind::Unsupported &&
            std::find(names.begin(), names.end(), op.unsupportedName) == names.end())
            names.push_back(op.unsupportedName);
    return names;
}

}  // namespace mcunet::ir
