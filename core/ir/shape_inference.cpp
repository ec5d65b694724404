#include "ir/shape_inference.h"

#include <cstring>
#include <limits>

#include "util/error.h"

namespace mcunet::ir {
namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::InvalidGraph, message); }

// The tensor at input position `slot`, which must be present and in range.
const Tensor& inputTensor(const Graph& graph, const Op& op, size_t slot) {
    if (slot >= op.inputs.size()) fail("needs input " + std::to_string(slot) + ", has " + std::to_string(op.inputs.size()) + " inputs");
    int index = op.inputs[slot];
    if (index == kNoTensor) fail("input " + std::to_string(slot) + " is absent but required");
    if (index < 0 || index >= static_cast<int>(graph.tensors.size()))
        fail("input " + std::to_string(slot) + " refers to tensor " + std::to_string(index) +
             ", out of range (" + std::to_string(graph.tensors.size()) + " tensors)");
    return graph.tensors[index];
}

const Shape& inputShape(const Graph& graph, const Op& op, size_t slot) { return inputTensor(graph, op, slot).shape; }

void requireRank(const Shape& shape, size_t rank, const std::string& what) {
    if (shape.size() != rank)
        fail(what + " must be " + std::to_string(rank) + "-D, got " + shapeToString(shape));
}

int normalizeAxis(int64_t axis, size_t rank, const std::string& what) {
    int64_t r = static_cast<int64_t>(rank);
    if (axis < -r || axis >= r)
        fail(what + " " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return static_cast<int>(axis < 0 ? axis + r : axis);
}

Shape convLike(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    const Shape& filter = inputShape(graph, op, 1);
    requireRank(in, 4, "input");
    requireRank(filter, 4, "filter");
    const OpAttributes& a = op.attrs;
    int32_t outChannels = filter[3];
    if (op.kind == OpKind::Conv2D) {
        outChannels = filter[0];
        if (filter[3] <= 0 || in[3] % filter[3] != 0)
            fail("filter " + shapeToString(filter) + " has " + std::to_string(filter[3]) +
                 " input channels, which does not divide the input's " + std::to_string(in[3]));
    } else {
        if (filter[0] != 1) fail("depthwise filter " + shapeToString(filter) + " must have dimension 0 equal to 1");
        if (a.depthMultiplier > 0 && filter[3] != in[3] * a.depthMultiplier)
            fail("depthwise filter " + shapeToString(filter) + " has " + std::to_string(filter[3]) +
                 " channels, expected input channels " + std::to_string(in[3]) + " x depth multiplier " +
                 std::to_string(a.depthMultiplier));
    }
    return {in[0], convOutputSize(in[1], filter[1], a.strideH, a.dilationH, a.padding),
            convOutputSize(in[2], filter[2], a.strideW, a.dilationW, a.padding), outChannels};
}

Shape pool(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    requireRank(in, 4, "input");
    const OpAttributes& a = op.attrs;
    return {in[0], convOutputSize(in[1], a.filterH, a.strideH, 1, a.padding),
            convOutputSize(in[2], a.filterW, a.strideW, 1, a.padding), in[3]};
}

Shape fullyConnected(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    const Shape& weights = inputShape(graph, op, 1);
    requireRank(weights, 2, "weights");
    int32_t depth = weights[1];
    if (in.empty() || depth <= 0) fail("input " + shapeToString(in) + " cannot feed weights " + shapeToString(weights));
    int64_t count = elementCount(in);
    if (count % depth != 0)
        fail("input " + shapeToString(in) + " has " + std::to_string(count) + " elements, not a multiple of the weights' depth " +
             std::to_string(depth) + " (weights " + shapeToString(weights) + ")");
    if (op.attrs.keepNumDims) {
        if (in.back() != depth)
            fail("input " + shapeToString(in) + " last dimension must equal the weights' depth " + std::to_string(depth));
        Shape out = in;
        out.back() = weights[0];
        return out;
    }
    return {static_cast<int32_t>(count / depth), weights[0]};
}

Shape mean(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    std::vector<bool> reduced(in.size(), false);
    for (int64_t axis : constantIntegers(inputTensor(graph, op, 1)))
        reduced[normalizeAxis(axis, in.size(), "axis")] = true;
    Shape out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (!reduced[i]) out.push_back(in[i]);
        else if (op.attrs.keepDims) out.push_back(1);
    }
    return out;
}

Shape reshape(const Graph& graph, const Op& op, const Shape& declaredOutput) {
    const Shape& in = inputShape(graph, op, 0);
    std::vector<int64_t> target;
    if (op.inputs.size() > 1 && op.inputs[1] != kNoTensor && !inputTensor(graph, op, 1).data.empty())
        target = constantIntegers(inputTensor(graph, op, 1));
    else if (!op.attrs.newShape.empty())
        target.assign(op.attrs.newShape.begin(), op.attrs.newShape.end());
    else
        target.assign(declaredOutput.begin(), declaredOutput.end());  // nothing else to go by
    int64_t known = 1;
    int unknownAt = -1;
    for (size_t i = 0; i < target.size(); ++i) {
        if (target[i] == -1) {
            if (unknownAt >= 0) fail("new shape has more than one -1");
            unknownAt = static_cast<int>(i);
        } else if (target[i] < 0) {
            fail("new shape has a negative dimension " + std::to_string(target[i]));
        } else if (target[i] > std::numeric_limits<int32_t>::max() || __builtin_mul_overflow(known, target[i], &known)) {
            fail("new shape has more elements than any tensor can have");  // fuzzing: the product overflowed
        }
    }
    int64_t count = elementCount(in);
    if (unknownAt >= 0) {
        if (known == 0 || count % known != 0)
            fail("cannot reshape " + shapeToString(in) + ": " + std::to_string(count) + " elements do not divide by " + std::to_string(known));
        target[unknownAt] = count / known;
    } else if (known != count) {
        fail("cannot reshape " + shapeToString(in) + " (" + std::to_string(count) + " elements) into " +
             std::to_string(known) + " elements");
    }
    return Shape(target.begin(), target.end());
}

Shape squeeze(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    std::vector<bool> drop(in.size(), false);
    if (op.attrs.squeezeDims.empty()) {
        for (size_t i = 0; i < in.size(); ++i) drop[i] = in[i] == 1;
    } else {
        for (int32_t dim : op.attrs.squeezeDims) {
            int axis = normalizeAxis(dim, in.size(), "squeeze dimension");
            if (in[axis] != 1) fail("squeeze dimension " + std::to_string(dim) + " of " + shapeToString(in) + " is not 1");
            drop[axis] = true;
        }
    }
    Shape out;
    for (size_t i = 0; i < in.size(); ++i)
        if (!drop[i]) out.push_back(in[i]);
    return out;
}

Shape transpose(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    std::vector<int64_t> perm = constantIntegers(inputTensor(graph, op, 1));
    if (perm.size() != in.size())
        fail("permutation has " + std::to_string(perm.size()) + " entries for a " + std::to_string(in.size()) + "-D input");
    std::vector<bool> seen(in.size(), false);
    Shape out;
    for (int64_t p : perm) {
        int axis = normalizeAxis(p, in.size(), "permutation entry");
        if (seen[axis]) fail("permutation repeats axis " + std::to_string(axis));
        seen[axis] = true;
        out.push_back(in[axis]);
    }
    return out;
}

Shape pad(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    const Tensor& paddingsTensor = inputTensor(graph, op, 1);
    std::vector<int64_t> paddings = constantIntegers(paddingsTensor);
    if (paddings.size() != in.size() * 2)
        fail("paddings " + shapeToString(paddingsTensor.shape) + " do not match a " + std::to_string(in.size()) +
             "-D input (expected " + std::to_string(in.size()) + "x2)");
    Shape out = in;
    for (size_t i = 0; i < in.size(); ++i) {
        if (paddings[2 * i] < 0 || paddings[2 * i + 1] < 0) fail("negative padding on dimension " + std::to_string(i));
        out[i] = static_cast<int32_t>(in[i] + paddings[2 * i] + paddings[2 * i + 1]);
    }
    return out;
}

Shape concatenation(const Graph& graph, const Op& op) {
    if (op.inputs.empty()) fail("has no inputs");
    Shape out = inputShape(graph, op, 0);
    int axis = normalizeAxis(op.attrs.axis, out.size(), "axis");
    for (size_t slot = 1; slot < op.inputs.size(); ++slot) {
        const Shape& other = inputShape(graph, op, slot);
        bool compatible = other.size() == out.size();
        for (size_t d = 0; compatible && d < out.size(); ++d)
            compatible = static_cast<int>(d) == axis || other[d] == out[d];
        if (!compatible)
            fail("input " + std::to_string(slot) + " " + shapeToString(other) + " does not match " +
                 shapeToString(inputShape(graph, op, 0)) + " outside axis " + std::to_string(axis));
        out[axis] += other[axis];
    }
    return out;
}

Shape resize(const Graph& graph, const Op& op) {
    const Shape& in = inputShape(graph, op, 0);
    requireRank(in, 4, "input");
    std::vector<int64_t> size = constantIntegers(inputTensor(graph, op, 1));
    if (size.size() != 2) fail("size operand must hold 2 values (height, width), has " + std::to_string(size.size()));
    if (size[0] <= 0 || size[1] <= 0) fail("size must be positive");
    return {in[0], static_cast<int32_t>(size[0]), static_cast<int32_t>(size[1]), in[3]};
}

}  // namespace

bool hasShapeInference(OpKind kind) { return kind != OpKind::Unsupported; }

int32_t convOutputSize(int32_t in, int32_t kernel, int32_t stride, int32_t dilation, Padding padding) {
    if (stride <= 0 || dilation <= 0 || kernel <= 0)
        fail("stride " + std::to_string(stride) + ", dilation " + std::to_string(dilation) + " and window " +
             std::to_string(kernel) + " must be positive");
    if (padding == Padding::Same) return (in + stride - 1) / stride;
    int32_t effective = (kernel - 1) * dilation + 1;
    if (in < effective)
        fail("VALID window of " + std::to_string(effective) + " does not fit input size " + std::to_string(in));
    return (in - effective + stride) / stride;  // ceil((in - (k-1)*d) / stride)
}

Shape broadcastShapes(const Shape& a, const Shape& b) {
    Shape out(std::max(a.size(), b.size()));
    for (size_t i = 0; i < out.size(); ++i) {
        int32_t da = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
        int32_t db = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
        if (da != db && da != 1 && db != 1)
            fail("shapes " + shapeToString(a) + " and " + shapeToString(b) + " cannot be broadcast");
        out[i] = da == 1 ? db : da;
    }
    return out;
}

std::vector<int64_t> constantIntegers(const Tensor& tensor) {
    if (tensor.data.empty())
        fail("operand '" + tensor.name + "' must be a constant with data");
    int64_t count = tensor.elementCount();
    size_t width = tensor.dtype == DType::Int32 ? 4 : tensor.dtype == DType::Int64 ? 8 : 0;
    if (width == 0)
        fail("operand '" + tensor.name + "' must be int32 or int64, is " + std::string(dtypeName(tensor.dtype)));
    if (tensor.data.size() != static_cast<size_t>(count) * width)
        fail("operand '" + tensor.name + "' holds " + std::to_string(tensor.data.size()) + " bytes, expected " +
             std::to_string(count * static_cast<int64_t>(width)));
    std::vector<int64_t> values(count);
    for (int64_t i = 0; i < count; ++i) {
        if (width == 4) {
            int32_t v;
            std::memcpy(&v, tensor.data.data() + i * 4, 4);
            values[i] = v;
        } else {
            std::memcpy(&values[i], tensor.data.data() + i * 8, 8);
        }
    }
    return values;
}

std::vector<Shape> inferOutputShapes(const Graph& graph, const Op& op) {
    const Shape declared = !op.outputs.empty() && op.outputs[0] >= 0 &&
                                   op.outputs[0] < static_cast<int>(graph.tensors.size())
                               ? graph.tensors[op.outputs[0]].shape
                               : Shape{};
    switch (op.kind) {
        case OpKind::Conv2D:
        case OpKind::DepthwiseConv2D: return {convLike(graph, op)};
        case OpKind::FullyConnected: return {fullyConnected(graph, op)};
        case OpKind::Add:
        case OpKind::Mul: return {broadcastShapes(inputShape(graph, op, 0), inputShape(graph, op, 1))};
        case OpKind::AveragePool2D:
        case OpKind::MaxPool2D: return {pool(graph, op)};
        case OpKind::Mean: return {mean(graph, op)};
        case OpKind::Reshape: return {reshape(graph, op, declared)};
        case OpKind::Squeeze: return {squeeze(graph, op)};
        case OpKind::Transpose: return {transpose(graph, op)};
        case OpKind::Pad: return {pad(graph, op)};
        case OpKind::Concatenation: return {concatenation(graph, op)};
        case OpKind::ResizeNearestNeighbor: return {resize(graph, op)};
        case OpKind::Softmax:
        case OpKind::Quantize:
        case OpKind::Dequantize:
        case OpKind::Relu:
        case OpKind::Relu6:
        case OpKind::Logistic:
        case OpKind::HardSwish: return {inputShape(graph, op, 0)};
        case OpKind::Unsupported: break;
    }
    throw Error(ErrorCode::InvalidArgument, "no shape inference for unsupported op " + op.name());
}

}  // namespace mcunet::ir
