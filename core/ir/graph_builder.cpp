#include "ir/graph_builder.h"

#include <cmath>
#include <cstring>

#include "ir/shape_inference.h"
#include "util/error.h"

namespace mcunet::ir {
namespace {

// Quantization for values known to lie in [lo, hi]: 256 int8 steps across the range.
QuantParams rangeQuant(float lo, float hi) {
    QuantParams q;
    float scale = (hi - lo) / 255.0f;
    q.scale = {scale};
    q.zeroPoint = {static_cast<int64_t>(-128 - std::lround(lo / scale))};
    return q;
}

void appendBytes(std::vector<uint8_t>& data, const void* value, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(value);
    data.insert(data.end(), bytes, bytes + size);
}

}  // namespace

GraphBuilder::GraphBuilder(std::string graphName, BuilderOptions options)
    : options_(options),
      quantRng_(0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(options.seed) * 0xBF58476D1CE4E5B9ull)),
      dataRng_(0xD1B54A32D192ED03ull ^ (static_cast<uint64_t>(options.seed) * 0x94D049BB133111EBull)) {
    if (options_.dtype != DType::Int8 && options_.dtype != DType::Float32)
        throw Error(ErrorCode::InvalidArgument,
                    "GraphBuilder: dtype must be int8 or float32, got " + std::string(dtypeName(options_.dtype)));
    graph_.name = std::move(graphName);
    graph_.tensors.reserve(256);  // a MCUNet-sized network without reallocation
    graph_.ops.reserve(128);
}

// splitmix64: tiny, fast and well mixed; enough for deterministic synthetic weights.
uint64_t GraphBuilder::nextRandom(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int GraphBuilder::addTensor(Tensor tensor) {
    graph_.tensors.push_back(std::move(tensor));
    return static_cast<int>(graph_.tensors.size()) - 1;
}

QuantParams GraphBuilder::activationQuant(Activation activation) const {
    if (options_.dtype != DType::Int8) return {};
    switch (activation) {
        case Activation::Relu6: return rangeQuant(0.0f, 6.0f);
        case Activation::Relu: return rangeQuant(0.0f, 8.0f);
        case Activation::ReluN1To1: return rangeQuant(-1.0f, 1.0f);
        case Activation::Tanh: return rangeQuant(-1.0f, 1.0f);
        default: return rangeQuant(-4.0f, 4.0f);
    }
}

int GraphBuilder::addInput(const std::string& name, const Shape& shape) {
    Tensor tensor;
    tensor.name = name;
    tensor.shape = shape;
    tensor.dtype = options_.dtype;
    if (options_.dtype == DType::Int8) tensor.quant = QuantParams{{1.0f / 128.0f}, {0}, 0};
    int index = addTensor(std::move(tensor));
    graph_.inputs.push_back(index);
    return index;
}

int GraphBuilder::int32Constant(const std::string& name, const std::vector<int32_t>& values) {
    Tensor tensor;
    tensor.name = name;
    tensor.shape = {static_cast<int32_t>(values.size())};
    tensor.dtype = DType::Int32;
    tensor.isConstant = true;
    for (int32_t v : values) appendBytes(tensor.data, &v, 4);
    return addTensor(std::move(tensor));
}

int GraphBuilder::weightTensor(const std::string& name, Shape shape, int quantAxis, bool perChannel) {
    Tensor tensor;
    tensor.name = name;
    tensor.shape = std::move(shape);
    tensor.dtype = options_.dtype;
    tensor.isConstant = true;
    int64_t count = tensor.elementCount();
    // He-uniform ranges keep activations at a steady magnitude layer after layer, as trained
    // nets do: |w| <= sqrt(6 / fan_in), fan_in = weights per output channel.
    int32_t outChannels = tensor.shape[quantAxis];
    float fanIn = static_cast<float>(std::max<int64_t>(1, count / std::max(1, outChannels)));
    float heLimit = std::sqrt(6.0f / fanIn);
    if (options_.dtype == DType::Int8 && !options_.weightQuantization && !options_.withWeights) {
        tensor.quant.axis = perChannel ? quantAxis : 0;  // shapes only, no scales (BuilderOptions)
    } else if (options_.dtype == DType::Int8) {
        int32_t channels = perChannel ? outChannels : 1;
        tensor.quant.axis = perChannel ? quantAxis : 0;
        tensor.quant.scale.reserve(static_cast<size_t>(channels));
        tensor.quant.zeroPoint.assign(static_cast<size_t>(channels), 0);
        for (int32_t c = 0; c < channels; ++c) {
            // Trained channels differ in range: 80% to 120% of the He limit.
            float maxAbs = heLimit * (0.8f + 0.4f * static_cast<float>(nextRandom(quantRng_) % 1000) / 1000.0f);
            tensor.quant.scale.push_back(maxAbs / 127.0f);
        }
        if (options_.withWeights) {
            tensor.data.resize(count);
            for (int64_t i = 0; i < count; ++i)
                tensor.data[i] = static_cast<uint8_t>(static_cast<int8_t>(static_cast<int>(nextRandom(dataRng_) % 255) - 127));
        }
    } else if (options_.withWeights) {
        tensor.data.reserve(count * 4);
        for (int64_t i = 0; i < count; ++i) {
            float unit = static_cast<float>(nextRandom(dataRng_) >> 40) / static_cast<float>(1ull << 24);
            float value = (2.0f * unit - 1.0f) * heLimit;
            appendBytes(tensor.data, &value, 4);
        }
    }
    return addTensor(std::move(tensor));
}

int GraphBuilder::biasTensor(const std::string& name, int channels, int input, int weights) {
    Tensor tensor;
    tensor.name = name;
    tensor.shape = {channels};
    tensor.isConstant = true;
    if (options_.dtype == DType::Int8 && !options_.weightQuantization && !options_.withWeights) {
        tensor.dtype = DType::Int32;
    } else if (options_.dtype == DType::Int8) {
        tensor.dtype = DType::Int32;
        const QuantParams& wq = graph_.tensors[weights].quant;
        float inScale = graph_.tensors[input].quant.scale.at(0);
        tensor.quant.axis = 0;
        tensor.quant.scale.resize(static_cast<size_t>(channels));
        tensor.quant.zeroPoint.assign(static_cast<size_t>(channels), 0);
        const bool perChannel = wq.perChannel();
        for (int c = 0; c < channels; ++c) tensor.quant.scale[static_cast<size_t>(c)] = inScale * wq.scale[perChannel ? c : 0];
        if (options_.withWeights)
            for (int c = 0; c < channels; ++c) {
                int32_t value = static_cast<int32_t>(nextRandom(dataRng_) % 4001) - 2000;
                appendBytes(tensor.data, &value, 4);
            }
    } else {
        tensor.dtype = DType::Float32;
        if (options_.withWeights)
            for (int c = 0; c < channels; ++c) {
                float value = (static_cast<float>(nextRandom(dataRng_) % 2001) - 1000.0f) / 10000.0f;
                appendBytes(tensor.data, &value, 4);
            }
    }
    return addTensor(std::move(tensor));
}

int GraphBuilder::addOp(Op op, const std::string& outputName, QuantParams outputQuant) {
    for (int input : op.inputs)
        if (input != kNoTensor && (input < 0 || input >= static_cast<int>(graph_.tensors.size())))
            throw Error(ErrorCode::InvalidArgument, "GraphBuilder: op '" + outputName + "' refers to tensor " +
                                                        std::to_string(input) + ", which does not exist");
    Shape shape;
    try {
        shape = inferOutputShapes(graph_, op).at(0);
    } catch (const Error& error) {
        throw Error(ErrorCode::InvalidArgument, "GraphBuilder: " + op.name() + " '" + outputName + "': " + error.what());
    }
    Tensor output;
    output.name = outputName;
    output.shape = std::move(shape);
    output.dtype = options_.dtype;
    output.quant = std::move(outputQuant);
    op.outputs = {addTensor(std::move(output))};
    graph_.ops.push_back(std::move(op));
    return graph_.ops.back().outputs[0];
}

int GraphBuilder::conv2d(const std::string& name, int input, int outChannels, int kernel, int stride,
                         Activation activation, Padding padding, int dilation) {
    int inChannels = graph_.tensors.at(input).shape.at(3);
    int weights = weightTensor(name + "/weights", {outChannels, kernel, kernel, inChannels}, 0, true);
    int bias = biasTensor(name + "/bias", outChannels, input, weights);
    Op op;
    op.kind = OpKind::Conv2D;
    op.inputs = {input, weights, bias};
    op.attrs.padding = padding;
    op.attrs.strideH = op.attrs.strideW = stride;
    op.attrs.dilationH = op.attrs.dilationW = dilation;
    op.attrs.activation = activation;
    return addOp(std::move(op), name, activationQuant(activation));
}

int GraphBuilder::depthwiseConv2d(const std::string& name, int input, int kernel, int stride, Activation activation,
                                  int depthMultiplier, Padding padding, int dilation) {
    int channels = graph_.tensors.at(input).shape.at(3) * depthMultiplier;
    int weights = weightTensor(name + "/weights", {1, kernel, kernel, channels}, 3, true);
    int bias = biasTensor(name + "/bias", channels, input, weights);
    Op op;
    op.kind = OpKind::DepthwiseConv2D;
    op.inputs = {input, weights, bias};
    op.attrs.padding = padding;
    op.attrs.strideH = op.attrs.strideW = stride;
    op.attrs.dilationH = op.attrs.dilationW = dilation;
    op.attrs.depthMultiplier = depthMultiplier;
    op.attrs.activation = activation;
    return addOp(std::move(op), name, activationQuant(activation));
}

int GraphBuilder::add(const std::string& name, int a, int b, Activation activation) {
    Op op;
    op.kind = OpKind::Add;
    op.inputs = {a, b};
    op.attrs.activation = activation;
    // A residual sum grows past either operand: give a linear ADD twice the linear range.
    QuantParams quant = activation == Activation::None && options_.dtype == DType::Int8 ? rangeQuant(-8.0f, 8.0f)
                                                                                       : activationQuant(activation);
    return addOp(std::move(op), name, quant);
}

int GraphBuilder::mean(const std::string& name, int input, bool keepDims) {
    int axes = int32Constant(name + "/axes", {1, 2});
    Op op;
    op.kind = OpKind::Mean;
    op.inputs = {input, axes};
    op.attrs.keepDims = keepDims;
    // An average cannot leave its input's range: keep the input's quantization.
    return addOp(std::move(op), name, graph_.tensors.at(input).quant);
}

int GraphBuilder::averagePool2d(const std::string& name, int input, int filter, int stride, Padding padding) {
    Op op;
    op.kind = OpKind::AveragePool2D;
    op.inputs = {input};
    op.attrs.filterH = op.attrs.filterW = filter;
    op.attrs.strideH = op.attrs.strideW = stride;
    op.attrs.padding = padding;
    return addOp(std::move(op), name, graph_.tensors.at(input).quant);
}

int GraphBuilder::fullyConnected(const std::string& name, int input, int units, Activation activation) {
    const Shape& inShape = graph_.tensors.at(input).shape;
    int depth = inShape.empty() ? 1 : inShape.back();
    int weights = weightTensor(name + "/weights", {units, depth}, 0, false);
    int bias = biasTensor(name + "/bias", units, input, weights);
    Op op;
    op.kind = OpKind::FullyConnected;
    op.inputs = {input, weights, bias};
    op.attrs.activation = activation;
    return addOp(std::move(op), name, activationQuant(activation));
}

int GraphBuilder::softmax(const std::string& name, int input, float beta) {
    Op op;
    op.kind = OpKind::Softmax;
    op.inputs = {input};
    op.attrs.beta = beta;
    // TF-Lite's int8 SOFTMAX requires output scale 1/256 and zero point -128.
    QuantParams quant;
    if (options_.dtype == DType::Int8) quant = QuantParams{{1.0f / 256.0f}, {-128}, 0};
    return addOp(std::move(op), name, quant);
}

int GraphBuilder::hardSwish(const std::string& name, int input) {
    Op op;
    op.kind = OpKind::HardSwish;
    op.inputs = {input};
    // h_swish(x) = x * relu6(x + 3) / 6 lies in [-0.375, +inf); linear range is enough for 8.
    return addOp(std::move(op), name, options_.dtype == DType::Int8 ? rangeQuant(-0.375f, 8.0f) : QuantParams{});
}

int GraphBuilder::reshape(const std::string& name, int input, const Shape& newShape) {
    int shapeTensor = int32Constant(name + "/shape", std::vector<int32_t>(newShape.begin(), newShape.end()));
    Op op;
    op.kind = OpKind::Reshape;
    op.inputs = {input, shapeTensor};
    op.attrs.newShape = newShape;
    return addOp(std::move(op), name, graph_.tensors.at(input).quant);
}

}  // namespace mcunet::ir
