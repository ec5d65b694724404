// RESHAPE, SQUEEZE, TRANSPOSE, PAD, CONCATENATION and RESIZE_NEAREST_NEIGHBOR: data movement
// only, any dtype size, as TFLM's reference kernels. Quantized values are copied unchanged
// (TFLM's int8 CONCATENATION and RESIZE do not rescale either); PAD fills int8 with the output
// zero point, i.e. the quantized 0.0.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/kernels.h"

namespace mcunet::runtime {

// ---- RESHAPE / SQUEEZE ---------------------------------------------------------------------

void prepareReshape(const KernelContext& ctx, PreparedOp&) {
    expectOperandCounts(ctx, 1, 2, 1);  // RESHAPE may carry its shape as a second input
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    if (input.dtype != output.dtype) ctx.fail("input and output dtypes differ");
    if (input.byteSize() != output.byteSize())
        ctx.fail("input " + ir::shapeToString(input.shape) + " and output " + ir::shapeToString(output.shape) +
                 " hold a different number of values");
}

void evalCopy(const KernelContext& ctx, const PreparedOp&) {
    const auto& in = ctx.buffers[ctx.op.inputs[0]];
    auto& out = ctx.buffers[ctx.op.outputs[0]];
    std::memcpy(out.data(), in.data(), out.size());
}

// ---- TRANSPOSE ----------------------------------------------------------------------------

void prepareTranspose(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 2, 2, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    if (input.dtype != output.dtype) ctx.fail("input and output dtypes differ");
    const int rank = static_cast<int>(input.shape.size());
    const auto perm = constantInts(ctx, ctx.input(1), "permutation");
    if (static_cast<int>(perm.size()) != rank) ctx.fail("permutation has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
    ir::Shape expected(rank);
    std::vector<bool> seen(rank, false);
    for (int d = 0; d < rank; ++d) {
        const int64_t src = perm[d] < 0 ? perm[d] + rank : perm[d];
        if (src < 0 || src >= rank || seen[src]) ctx.fail("permutation is not a permutation of 0.." + std::to_string(rank - 1));
        seen[src] = true;
        p.permutation.push_back(static_cast<int>(src));
        expected[d] = input.shape[src];
    }
    if (output.shape != expected)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 ir::shapeToString(expected));
}

void evalTranspose(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const int rank = static_cast<int>(input.shape.size());
    const size_t elementSize = static_cast<size_t>(ir::dtypeSize(input.dtype));
    std::vector<int64_t> inStride(rank, 1);
    for (int d = rank - 2; d >= 0; --d) inStride[d] = inStride[d + 1] * input.shape[d + 1];
    const uint8_t* in = ctx.inputData<uint8_t>(0);
    uint8_t* out = ctx.outputData<uint8_t>();
    const int64_t count = output.elementCount();
    std::vector<int> index(rank, 0);  // output coordinates
    for (int64_t i = 0; i < count; ++i) {
        int64_t src = 0;
        for (int d = 0; d < rank; ++d) src += index[d] * inStride[p.permutation[d]];
        std::memcpy(out + i * elementSize, in + src * elementSize, elementSize);
        for (int d = rank - 1; d >= 0; --d) {
            if (++index[d] < output.shape[d]) break;
            index[d] = 0;
        }
    }
}

// ---- PAD ----------------------------------------------------------------------------------

void preparePad(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 2, 3, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    if (input.dtype != output.dtype) ctx.fail("input and output dtypes differ");
    expectFloatOrInt8(ctx, input);
    const int rank = static_cast<int>(input.shape.size());
    const auto paddings = constantInts(ctx, ctx.input(1), "paddings");
    if (static_cast<int>(paddings.size()) != 2 * rank)
        ctx.fail("paddings hold " + std::to_string(paddings.size()) + " values, expected " + std::to_string(2 * rank));
    ir::Shape expected(rank);
    for (int d = 0; d < rank; ++d) {
        if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0) ctx.fail("negative padding");
        p.padBefore.push_back(static_cast<int>(paddings[2 * d]));
        p.padAfter.push_back(static_cast<int>(paddings[2 * d + 1]));
        expected[d] = input.shape[d] + p.padBefore[d] + p.padAfter[d];
    }
    if (output.shape != expected)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 ir::shapeToString(expected));
    if (ctx.hasInput(2)) {
        const ir::Tensor& value = ctx.input(2);
        expectConstant(ctx, value, "constant value");
        expectDtype(ctx, value, input.dtype, "constant value");
        if (input.dtype == ir::DType::Int8) p.padValueInt = static_cast<int8_t>(value.data[0]);
        else std::memcpy(&p.padValueFloat, value.data.data(), 4);
    } else if (input.dtype == ir::DType::Int8) {
        p.padValueInt = zeroPointOf(ctx, output, "output");
    }
}

void evalPad(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const int rank = static_cast<int>(input.shape.size());
    const size_t elementSize = static_cast<size_t>(ir::dtypeSize(input.dtype));
    uint8_t* out = ctx.outputData<uint8_t>();
    const int64_t outCount = output.elementCount();
    if (input.dtype == ir::DType::Int8) {
        std::memset(out, static_cast<int8_t>(p.padValueInt), static_cast<size_t>(outCount));
    } else {
        float* f = ctx.outputData<float>();
        std::fill(f, f + outCount, p.padValueFloat);
    }
    std::vector<int64_t> outStride(rank, 1);
    for (int d = rank - 2; d >= 0; --d) outStride[d] = outStride[d + 1] * output.shape[d + 1];
    const uint8_t* in = ctx.inputData<uint8_t>(0);
    const int64_t inCount = input.elementCount();
    std::vector<int> index(rank, 0);  // input coordinates
    for (int64_t i = 0; i < inCount; ++i) {
        int64_t dst = 0;
        for (int d = 0; d < rank; ++d) dst += (index[d] + p.padBefore[d]) * outStride[d];
        std::memcpy(out + dst * elementSize, in + i * elementSize, elementSize);
        for (int d = rank - 1; d >= 0; --d) {
            if (++index[d] < input.shape[d]) break;
            index[d] = 0;
        }
    }
}

// ---- CONCATENATION ------------------------------------------------------------------------

void prepareConcatenation(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 1, 1 << 20, 1);
    const ir::Tensor& output = ctx.output();
    const int rank = static_cast<int>(output.shape.size());
    const int axis = ctx.op.attrs.axis < 0 ? ctx.op.attrs.axis + rank : ctx.op.attrs.axis;
    if (axis < 0 || axis >= rank) ctx.fail("axis " + std::to_string(ctx.op.attrs.axis) + " is out of range for rank " + std::to_string(rank));
    p.axis = axis;
    if (ctx.op.attrs.activation != ir::Activation::None)
        ctx.fail("fused activation " + std::string(ir::activationName(ctx.op.attrs.activation)) +
                     " is not supported (TFLM accepts NONE only)",
                 ErrorCode::UnsupportedModel);
    int64_t total = 0;
    for (int i = 0; i < ctx.inputCount(); ++i) {
        const ir::Tensor& in = ctx.input(i);
        if (in.dtype != output.dtype) ctx.fail("input '" + in.name + "' dtype differs from the output's");
        if (static_cast<int>(in.shape.size()) != rank) ctx.fail("input '" + in.name + "' has a different rank");
        for (int d = 0; d < rank; ++d)
            if (d != axis && in.shape[d] != output.shape[d])
                ctx.fail("input '" + in.name + "' shape " + ir::shapeToString(in.shape) + " does not match output " +
                         ir::shapeToString(output.shape) + " outside the axis");
        total += in.shape[axis];
    }
    if (total != output.shape[axis]) ctx.fail("inputs add up to " + std::to_string(total) + " along the axis, output has " + std::to_string(output.shape[axis]));
}

void evalConcatenation(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& output = ctx.output();
    const size_t elementSize = static_cast<size_t>(ir::dtypeSize(output.dtype));
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < p.axis; ++d) outer *= output.shape[d];
    for (int d = p.axis + 1; d < static_cast<int>(output.shape.size()); ++d) inner *= output.shape[d];
    uint8_t* out = ctx.outputData<uint8_t>();
    for (int64_t o = 0; o < outer; ++o) {
        for (int i = 0; i < ctx.inputCount(); ++i) {
            const size_t chunk = static_cast<size_t>(ctx.input(i).shape[p.axis] * inner) * elementSize;
            std::memcpy(out, ctx.inputData<uint8_t>(i) + o * chunk, chunk);
            out += chunk;
        }
    }
}

// ---- RESIZE_NEAREST_NEIGHBOR --------------------------------------------------------------

void prepareResizeNearest(const KernelContext& ctx, PreparedOp&) {
    expectOperandCounts(ctx, 2, 2, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    expectRank(ctx, input, 4, "input");
    if (input.dtype != output.dtype) ctx.fail("input and output dtypes differ");
    const auto size = constantInts(ctx, ctx.input(1), "size");
    if (size.size() != 2) ctx.fail("size must hold 2 values");
    const ir::Shape expected{input.shape[0], static_cast<int32_t>(size[0]), static_cast<int32_t>(size[1]), input.shape[3]};
    if (output.shape != expected)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 ir::shapeToString(expected));
}

namespace {
int nearest(int outIndex, int inSize, int outSize, bool alignCorners, bool halfPixelCenters) {
    const float scale = (alignCorners && outSize > 1) ? static_cast<float>(inSize - 1) / static_cast<float>(outSize - 1)
                                                      : static_cast<float>(inSize) / static_cast<float>(outSize);
    const float offset = halfPixelCenters ? 0.5f : 0.0f;
    const float position = (static_cast<float>(outIndex) + offset) * scale;
    int value = alignCorners ? static_cast<int>(std::round(position)) : static_cast<int>(std::floor(position));
    value = std::min(value, inSize - 1);
    if (halfPixelCenters) value = std::max(0, value);
    return value;
}
}  // namespace

void evalResizeNearest(const KernelContext& ctx, const PreparedOp&) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const auto& a = ctx.op.attrs;
    const int batches = input.shape[0], inH = input.shape[1], inW = input.shape[2], depth = input.shape[3];
    const int outH = output.shape[1], outW = output.shape[2];
    const size_t pixelBytes = static_cast<size_t>(depth) * ir::dtypeSize(input.dtype);
    const uint8_t* in = ctx.inputData<uint8_t>(0);
    uint8_t* out = ctx.outputData<uint8_t>();
    for (int b = 0; b < batches; ++b)
        for (int y = 0; y < outH; ++y) {
            const int iy = nearest(y, inH, outH, a.alignCorners, a.halfPixelCenters);
            for (int x = 0; x < outW; ++x) {
                const int ix = nearest(x, inW, outW, a.alignCorners, a.halfPixelCenters);
                std::memcpy(out + ((static_cast<int64_t>(b) * outH + y) * outW + x) * pixelBytes,
                            in + ((static_cast<int64_t>(b) * inH + iy) * inW + ix) * pixelBytes, pixelBytes);
            }
        }
}

}  // namespace mcunet::runtime
