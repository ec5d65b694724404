// Prepare-time helpers shared by the kernels: operand checks with one-sentence errors, fused
// activation clamps and SAME/VALID padding, all as TFLM computes them.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/kernels.h"

namespace mcunet::runtime {

void KernelContext::fail(const std::string& what, ErrorCode code) const {
    std::string where = graph.name.empty() ? std::string() : graph.name + ": ";
    throw Error(code, where + "op " + std::to_string(opIndex) + " " + op.name() + ": " + what);
}

void expectOperandCounts(const KernelContext& ctx, int minInputs, int maxInputs, int outputs) {
    const int inputs = ctx.inputCount();
    if (inputs < minInputs || inputs > maxInputs)
        ctx.fail("expected " + std::to_string(minInputs) +
                 (maxInputs != minInputs ? ".." + std::to_string(maxInputs) : std::string()) +
                 " inputs, has " + std::to_string(inputs));
    if (static_cast<int>(ctx.op.outputs.size()) != outputs)
        ctx.fail("expected " + std::to_string(outputs) + " output(s), has " + std::to_string(ctx.op.outputs.size()));
    const int tensorCount = static_cast<int>(ctx.graph.tensors.size());
    for (int i = 0; i < inputs; ++i) {
        const int t = ctx.op.inputs[i];
        if (t == ir::kNoTensor && i >= minInputs) continue;  // absent optional input
        if (t < 0 || t >= tensorCount)
            ctx.fail("input " + std::to_string(i) + " refers to tensor " + std::to_string(t) + ", which does not exist");
    }
    for (int t : ctx.op.outputs)
        if (t < 0 || t >= tensorCount)
            ctx.fail("output refers to tensor " + std::to_string(t) + ", which does not exist");
}

void expectDtype(const KernelContext& ctx, const ir::Tensor& tensor, ir::DType dtype, const char* role) {
    if (tensor.dtype != dtype)
        ctx.fail(std::string(role) + " tensor '" + tensor.name + "' is " + std::string(ir::dtypeName(tensor.dtype)) +
                     ", expected " + std::string(ir::dtypeName(dtype)),
                 ErrorCode::UnsupportedModel);
}

void expectRank(const KernelContext& ctx, const ir::Tensor& tensor, size_t rank, const char* role) {
    if (tensor.shape.size() != rank)
        ctx.fail(std::string(role) + " tensor '" + tensor.name + "' has shape " + ir::shapeToString(tensor.shape) +
                 ", expected rank " + std::to_string(rank));
}

void expectConstant(const KernelContext& ctx, const ir::Tensor& tensor, const char* role) {
    if (!tensor.isConstant || static_cast<int64_t>(tensor.data.size()) < tensor.byteSize())
        ctx.fail(std::string(role) + " tensor '" + tensor.name + "' must be a constant with " +
                 std::to_string(tensor.byteSize()) + " bytes of data");
}

void expectFloatOrInt8(const KernelContext& ctx, const ir::Tensor& input) {
    if (input.dtype != ir::DType::Float32 && input.dtype != ir::DType::Int8)
        ctx.fail("input is " + std::string(ir::dtypeName(input.dtype)) + "; only float32 and int8 are supported",
                 ErrorCode::UnsupportedModel);
}

float scaleOf(const KernelContext& ctx, const ir::Tensor& tensor, const char* role) {
    if (tensor.quant.scale.empty() || tensor.quant.zeroPoint.empty())
        ctx.fail(std::string(role) + " tensor '" + tensor.name + "' has no quantization parameters");
    for (float scale : tensor.quant.scale)
        if (!(scale > 0.0f) || !std::isfinite(scale))
            ctx.fail(std::string(role) + " tensor '" + tensor.name + "' has scale " + std::to_string(scale) +
                     ", expected a positive finite scale");
    return tensor.quant.scale[0];
}

int32_t roundToInt32(float x) {
    const float rounded = fixed::roundAway(x);
    if (std::isnan(rounded)) return 0;
    if (rounded >= 2147483520.0f) return 2147483520;  // largest float below 2^31
    if (rounded <= -2147483648.0f) return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(rounded);
}

int32_t zeroPointOf(const KernelContext& ctx, const ir::Tensor& tensor, const char* role) {
    if (tensor.quant.zeroPoint.empty())
        ctx.fail(std::string(role) + " tensor '" + tensor.name + "' has no quantization parameters");
    // Beyond the dtype's range a zero point is meaningless and would overflow the int32 sums.
    int64_t lo = -32768, hi = 32767;
    if (tensor.dtype == ir::DType::Int8) lo = -128, hi = 127;
    if (tensor.dtype == ir::DType::UInt8) lo = 0, hi = 255;
    for (int64_t zp : tensor.quant.zeroPoint)
        if (zp < lo || zp > hi)
            ctx.fail(std::string(role) + " tensor '" + tensor.name + "' has zero point " + std::to_string(zp) +
                     ", outside the " + std::string(ir::dtypeName(tensor.dtype)) + " range");
    return static_cast<int32_t>(tensor.quant.zeroPoint[0]);
}

std::vector<int64_t> constantInts(const KernelContext& ctx, const ir::Tensor& tensor, const char* role) {
    expectConstant(ctx, tensor, role);
    std::vector<int64_t> values(static_cast<size_t>(tensor.elementCount()));
    for (size_t i = 0; i < values.size(); ++i) {
        if (tensor.dtype == ir::DType::Int32) {
            int32_t v;
            std::memcpy(&v, tensor.data.data() + 4 * i, 4);
            values[i] = v;
        } else if (tensor.dtype == ir::DType::Int64) {
            int64_t v;
            std::memcpy(&v, tensor.data.data() + 8 * i, 8);
            values[i] = v;
        } else {
            ctx.fail(std::string(role) + " tensor '" + tensor.name + "' is " + std::string(ir::dtypeName(tensor.dtype)) +
                     ", expected int32 or int64");
        }
    }
    return values;
}

std::vector<int64_t> stridedOffsets(const ir::Shape& shape, const std::vector<int64_t>& stride) {
    const int rank = static_cast<int>(shape.size());
    const int64_t count = ir::elementCount(shape);
    std::vector<int64_t> offsets(static_cast<size_t>(count));
    std::vector<int> index(rank, 0);
    for (int64_t i = 0; i < count; ++i) {
        int64_t offset = 0;
        for (int d = 0; d < rank; ++d) offset += index[d] * stride[d];
        offsets[i] = offset;
        for (int d = rank - 1; d >= 0; --d) {
            if (++index[d] < shape[d]) break;
            index[d] = 0;
        }
    }
    return offsets;
}

void setFloatActivation(const KernelContext& ctx, ir::Activation activation, PreparedOp& prepared) {
    switch (activation) {
        case ir::Activation::None:
            prepared.activationMinF = std::numeric_limits<float>::lowest();
            prepared.activationMaxF = std::numeric_limits<float>::max();
            return;
        case ir::Activation::Relu:
            prepared.activationMinF = 0.0f;
            prepared.activationMaxF = std::numeric_limits<float>::max();
            return;
        case ir::Activation::ReluN1To1:
            prepared.activationMinF = -1.0f;
            prepared.activationMaxF = 1.0f;
            return;
        case ir::Activation::Relu6:
            prepared.activationMinF = 0.0f;
            prepared.activationMaxF = 6.0f;
            return;
        default:
            ctx.fail("fused activation " + std::string(ir::activationName(activation)) + " is not supported",
                     ErrorCode::UnsupportedModel);
    }
}

void setQuantizedActivation(const KernelContext& ctx, ir::Activation activation, const ir::Tensor& output,
                            PreparedOp& prepared) {
    int32_t qmin = 0, qmax = 0;
    switch (output.dtype) {
        case ir::DType::Int8: qmin = -128; qmax = 127; break;
        case ir::DType::UInt8: qmin = 0; qmax = 255; break;
        case ir::DType::Int16: qmin = -32768; qmax = 32767; break;
        default: ctx.fail("quantized activation on a " + std::string(ir::dtypeName(output.dtype)) + " output");
    }
    const float scale = scaleOf(ctx, output, "output");
    const int32_t zeroPoint = zeroPointOf(ctx, output, "output");
    // TFLM quantizes the clamp bounds with a float division and round-half-away.
    auto quantize = [&](float value) {
        return static_cast<int32_t>(std::clamp<int64_t>(int64_t{zeroPoint} + roundToInt32(value / scale), INT32_MIN, INT32_MAX));
    };
    switch (activation) {
        case ir::Activation::None: prepared.activationMin = qmin; prepared.activationMax = qmax; return;
        case ir::Activation::Relu:
            prepared.activationMin = std::max(qmin, quantize(0.0f));
            prepared.activationMax = qmax;
            return;
        case ir::Activation::Relu6:
            prepared.activationMin = std::max(qmin, quantize(0.0f));
            prepared.activationMax = std::min(qmax, quantize(6.0f));
            return;
        case ir::Activation::ReluN1To1:
            prepared.activationMin = std::max(qmin, quantize(-1.0f));
            prepared.activationMax = std::min(qmax, quantize(1.0f));
            return;
        default:
            ctx.fail("fused activation " + std::string(ir::activationName(activation)) + " is not supported",
                     ErrorCode::UnsupportedModel);
    }
}

int computeOutSize(ir::Padding padding, int inSize, int filterSize, int stride, int dilation) {
    const int effectiveFilter = (filterSize - 1) * dilation + 1;
    if (stride <= 0) return 0;
    if (padding == ir::Padding::Same) return (inSize + stride - 1) / stride;
    return (inSize + stride - effectiveFilter) / stride;
}

int computePadding(int stride, int dilation, int inSize, int filterSize, int outSize) {
    const int effectiveFilter = (filterSize - 1) * dilation + 1;
    const int totalPadding = std::max(0, (outSize - 1) * stride + effectiveFilter - inSize);
    return totalPadding / 2;  // the odd pixel, if any, goes after (bottom / right)
}

}  // namespace mcunet::runtime
