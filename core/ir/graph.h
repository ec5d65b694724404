// The one model representation every part of MCUNet Studio reads.
//
// A Graph is a list of tensors and a list of ops in execution order. Ops refer to tensors by
// index; an optional input that is absent (e.g. a conv without bias) is the index kNoTensor.
// Constant tensors (weights, biases, shape operands) carry their bytes in `data`; activation
// tensors have empty `data`. Shapes are NHWC as in TFLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcunet::ir {

inline constexpr int kNoTensor = -1;

enum class DType : uint8_t { Float32, Int8, UInt8, Int16, Int32, Int64, Bool, Other };

// Bytes per element; Other counts as 1 so byte sizes stay defined for odd types.
int dtypeSize(DType dtype);
std::string_view dtypeName(DType dtype);

using Shape = std::vector<int32_t>;
int64_t elementCount(const Shape& shape);
std::string shapeToString(const Shape& shape);  // "1x96x96x1"

// Affine quantization: real = scale * (q - zeroPoint). One entry per tensor, or one per
// channel along `axis` (per-channel, as TFLite stores conv weights).
struct QuantParams {
    std::vector<float> scale;
    std::vector<int64_t> zeroPoint;
    int32_t axis = 0;

    bool empty() const { return scale.empty(); }
    bool perChannel() const { return scale.size() > 1; }
};

struct Tensor {
    std::string name;
    Shape shape;
    DType dtype = DType::Float32;
    QuantParams quant;
    std::vector<uint8_t> data;  // constant bytes (little-endian), empty for activations
    bool isConstant = false;
    bool isVariable = false;  // TFLite variable tensors (state), never constant

    int64_t elementCount() const { return ir::elementCount(shape); }
    int64_t byteSize() const { return elementCount() * dtypeSize(dtype); }
};

enum class OpKind : uint8_t {
    Conv2D,
    DepthwiseConv2D,
    FullyConnected,
    Add,
    Mul,
    AveragePool2D,
    MaxPool2D,
    Mean,
    Reshape,
    Squeeze,
    Transpose,
    Softmax,
    Pad,
    Concatenation,
    Quantize,
    Dequantize,
    Relu,
    Relu6,
    Logistic,
    HardSwish,
    ResizeNearestNeighbor,
    Unsupported,  // imported op outside our set; keeps its TFLite name in Op::unsupportedName
};

std::string_view opKindName(OpKind kind);  // TFLite spelling: "CONV_2D", ...

enum class Padding : uint8_t { Same, Valid };
enum class Activation : uint8_t { None, Relu, ReluN1To1, Relu6, Tanh, SignBit };

std::string_view activationName(Activation activation);

// Attributes of all supported ops in one plain struct; each op kind reads the fields it needs.
struct OpAttributes {
    Padding padding = Padding::Valid;
    int32_t strideH = 1, strideW = 1;
    int32_t dilationH = 1, dilationW = 1;
    int32_t filterH = 1, filterW = 1;  // pooling window
    int32_t depthMultiplier = 1;
    Activation activation = Activation::None;
    int32_t axis = 0;                   // CONCATENATION
    bool keepDims = false;              // MEAN
    std::vector<int32_t> squeezeDims;   // SQUEEZE
    std::vector<int32_t> newShape;      // RESHAPE (also available as the output shape)
    float beta = 1.0f;                  // SOFTMAX
    bool alignCorners = false;          // RESIZE_NEAREST_NEIGHBOR
    bool halfPixelCenters = false;      // RESIZE_NEAREST_NEIGHBOR
    bool keepNumDims = false;           // FULLY_CONNECTED
};

struct Op {
    OpKind kind = OpKind::Unsupported;
    std::string unsupportedName;  // TFLite builtin/custom name when kind == Unsupported
    std::vector<int> inputs;      // tensor indices, kNoTensor for an absent optional input
    std::vector<int> outputs;
    OpAttributes attrs;

    // Display name: opKindName(kind), or the TFLite name of an unsupported op.
    std::string name() const;
};

struct Graph {
    std::string name;
    std::vector<Tensor> tensors;
    std::vector<Op> ops;  // execution order
    std::vector<int> inputs;
    std::vector<int> outputs;

    // Index of the op that writes `tensor`, or nullopt for graph inputs and constants.
    std::optional<int> producerOf(int tensor) const;
    // Indices of ops that read `tensor`, in execution order.
    std::vector<int> consumersOf(int tensor) const;
    // Names of unsupported ops, each once, in first-seen order.
    std::vector<std::string> unsupportedOpNames() const;
    bool isActivation(int tensor) const { return tensor >= 0 && !tensors[tensor].isConstant; }
};

}  // namespace mcunet::ir
