// AVERAGE_POOL_2D, MAX_POOL_2D and MEAN, float32 and int8, as TFLM's reference kernels.
//
// Pooling windows are clipped to the image (padding cells are not counted), as TFLM does.
// int8 average: the int32 window sum divided by the count, rounding half away from zero.
// MEAN (int8): TFLM at 90b983c sums (input - zp) per output in int32 and requantizes with the
// multiplier of input_scale/output_scale whose significand is pre-divided by the element count
// (QuantizedMeanOrSum). Float MEAN: keep_dims 4-D over H,W sums each channel in row order;
// otherwise sums in input order; both divide once by the count.
#include <algorithm>
#include <bit>

#include "runtime/float_exact.h"  // first: no FMA contraction in float kernels
#include "runtime/kernels.h"

namespace mcunet::runtime {

void preparePool(const KernelContext& ctx, PreparedOp& prepared) {
    expectOperandCounts(ctx, 1, 1, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    expectRank(ctx, input, 4, "input");
    expectFloatOrInt8(ctx, input);
    expectDtype(ctx, output, input.dtype, "output");
    const auto& a = ctx.op.attrs;
    if (a.strideH <= 0 || a.strideW <= 0 || a.filterH <= 0 || a.filterW <= 0)
        ctx.fail("pool window and strides must be positive");
    const int outH = computeOutSize(a.padding, input.shape[1], a.filterH, a.strideH, 1);
    const int outW = computeOutSize(a.padding, input.shape[2], a.filterW, a.strideW, 1);
    const ir::Shape expected{input.shape[0], outH, outW, input.shape[3]};
    if (output.shape != expected)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 ir::shapeToString(expected));
    prepared.padTop = computePadding(a.strideH, 1, input.shape[1], a.filterH, outH);
    prepared.padLeft = computePadding(a.strideW, 1, input.shape[2], a.filterW, outW);
    if (input.dtype == ir::DType::Int8) {
        // TFLM pools int8 without rescaling: input and output share scale and zero point.
        setQuantizedActivation(ctx, a.activation, output, prepared);
    } else {
        setFloatActivation(ctx, a.activation, prepared);
    }
}

namespace {

// Calls visit(window accumulation) for every output cell; `reduce` folds one input value.
template <typename T, typename Init, typename Fold, typename Finish>
void poolLoop(const KernelContext& ctx, const PreparedOp& p, Init init, Fold fold, Finish finish) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const auto& a = ctx.op.attrs;
    const int batches = input.shape[0], inH = input.shape[1], inW = input.shape[2], depth = input.shape[3];
    const int outH = output.shape[1], outW = output.shape[2];
    const T* in = ctx.inputData<T>(0);
    T* out = ctx.outputData<T>();
    for (int b = 0; b < batches; ++b) {
        for (int oy = 0; oy < outH; ++oy) {
            for (int ox = 0; ox < outW; ++ox) {
                for (int c = 0; c < depth; ++c) {
                    const int inYOrigin = oy * a.strideH - p.padTop;
                    const int inXOrigin = ox * a.strideW - p.padLeft;
                    const int fyStart = std::max(0, -inYOrigin);
                    const int fyEnd = std::min(a.filterH, inH - inYOrigin);
                    const int fxStart = std::max(0, -inXOrigin);
                    const int fxEnd = std::min(a.filterW, inW - inXOrigin);
                    auto acc = init();
                    int count = 0;
                    for (int fy = fyStart; fy < fyEnd; ++fy) {
                        for (int fx = fxStart; fx < fxEnd; ++fx) {
                            const int iy = inYOrigin + fy, ix = inXOrigin + fx;
                            acc = fold(acc, in[((static_cast<int64_t>(b) * inH + iy) * inW + ix) * depth + c]);
                            ++count;
                        }
                    }
                    out[((static_cast<int64_t>(b) * outH + oy) * outW + ox) * depth + c] = finish(acc, count);
                }
            }
        }
    }
}

}  // namespace

void evalAveragePool(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32) {
        // TFLM counts the window in a float and divides once.
        poolLoop<float>(
            ctx, p, [] { return 0.0f; }, [](float acc, float v) { return acc + v; },
            [&](float total, int count) {
                const float average = total / static_cast<float>(count);
                return std::min(std::max(average, p.activationMinF), p.activationMaxF);
            });
    } else {
        poolLoop<int8_t>(
            ctx, p, [] { return int32_t{0}; }, [](int32_t acc, int8_t v) { return acc + v; },
            [&](int32_t acc, int count) {
                if (count == 0) return static_cast<int8_t>(std::min(std::max(0, p.activationMin), p.activationMax));
                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                return static_cast<int8_t>(std::min(std::max(acc, p.activationMin), p.activationMax));
            });
    }
}

void evalMaxPool(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32) {
        poolLoop<float>(
            ctx, p, [] { return std::numeric_limits<float>::lowest(); },
            [](float acc, float v) { return std::max(acc, v); },
            [&](float m, int) { return std::min(std::max(m, p.activationMinF), p.activationMaxF); });
    } else {
        poolLoop<int8_t>(
            ctx, p, [] { return std::numeric_limits<int8_t>::lowest(); },
            [](int8_t acc, int8_t v) { return std::max(acc, v); },
            [&](int8_t m, int) {
                return static_cast<int8_t>(std::min<int32_t>(std::max<int32_t>(m, p.activationMin), p.activationMax));
            });
    }
}

// ---- MEAN ---------------------------------------------------------------------------------

void prepareMean(const KernelContext& ctx, PreparedOp& prepared) {
    expectOperandCounts(ctx, 2, 2, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    expectFloatOrInt8(ctx, input);
    expectDtype(ctx, output, input.dtype, "output");
    const int rank = static_cast<int>(input.shape.size());
    for (int64_t axis : constantInts(ctx, ctx.input(1), "axis")) {
        const int64_t resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank)
            ctx.fail("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
        if (std::find(prepared.axes.begin(), prepared.axes.end(), resolved) == prepared.axes.end())
            prepared.axes.push_back(static_cast<int>(resolved));
    }
    int64_t expectedCount = 1;
    for (int d = 0; d < rank; ++d)
        if (std::find(prepared.axes.begin(), prepared.axes.end(), d) == prepared.axes.end()) expectedCount *= input.shape[d];
    if (output.elementCount() != expectedCount)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 std::to_string(expectedCount) + " values");
    if (input.dtype == ir::DType::Int8) {
        const double realMultiplier =
            static_cast<double>(scaleOf(ctx, input, "input")) / static_cast<double>(scaleOf(ctx, output, "output"));
        const fixed::Multiplier m = fixed::quantizeMultiplier(realMultiplier);
        prepared.multipliers = {m.value};
        prepared.shifts = {m.shift};
        prepared.inputOffset = -zeroPointOf(ctx, input, "input");
        prepared.outputOffset = zeroPointOf(ctx, output, "output");
    }
}

namespace {

// For every input element (row-major), the flat index of the output it reduces into.
std::vector<int64_t> reducedOutputIndex(const ir::Shape& shape, const std::vector<int>& axes) {
    const int rank = static_cast<int>(shape.size());
    std::vector<int64_t> outStride(rank, 0);
    int64_t stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
        if (std::find(axes.begin(), axes.end(), d) != axes.end()) continue;
        outStride[d] = stride;
        stride *= shape[d];
    }
    return stridedOffsets(shape, outStride);
}

}  // namespace

void evalMean(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const int64_t outCount = output.elementCount();
    int64_t reducedCount = 1;
    for (int axis : p.axes) reducedCount *= input.shape[axis];
    const std::vector<int64_t> target = reducedOutputIndex(input.shape, p.axes);
    const int64_t inCount = input.elementCount();

    if (input.dtype == ir::DType::Float32) {
        const float* in = ctx.inputData<float>(0);
        float* out = ctx.outputData<float>();
        std::vector<float> sums(static_cast<size_t>(outCount), 0.0f);
        // The 4-D keep_dims H,W case (TFLM's Mean4D) adds each channel's pixels row by row,
        // which is also input order per output: one loop covers both paths.
        for (int64_t i = 0; i < inCount; ++i) sums[target[i]] += in[i];
        const bool special4d = ctx.op.attrs.keepDims && input.shape.size() == 4 && p.axes.size() == 2 &&
                               std::find(p.axes.begin(), p.axes.end(), 1) != p.axes.end() &&
                               std::find(p.axes.begin(), p.axes.end(), 2) != p.axes.end();
        for (int64_t o = 0; o < outCount; ++o) {
            // Mean4D divides by an int (converted to float); the generic path by float(count).
            out[o] = special4d ? sums[o] / static_cast<float>(static_cast<int>(reducedCount))
                               : sums[o] / static_cast<float>(reducedCount);
        }
        return;
    }

    const int8_t* in = ctx.inputData<int8_t>(0);
    int8_t* out = ctx.outputData<int8_t>();
    std::vector<int32_t> sums(static_cast<size_t>(outCount), 0);
    for (int64_t i = 0; i < inCount; ++i) sums[target[i]] += in[i];
    if (reducedCount == 0) {
        std::fill(out, out + outCount, int8_t{0});
        return;
    }
    // Fold 1/count into the multiplier: significand * 2^shift / count, keeping precision by
    // shifting left first (at most 32 bits and never past a total shift of -31).
    int shift = 63 - std::countl_zero(static_cast<uint64_t>(reducedCount));
    shift = std::min(shift, 32);
    shift = std::min(shift, 31 + p.shifts[0]);
    const int32_t multiplier =
        static_cast<int32_t>((static_cast<int64_t>(p.multipliers[0]) << shift) / reducedCount);
    const int outputShift = p.shifts[0] - shift;
    const int32_t inputZeroPoint = -p.inputOffset;
    for (int64_t o = 0; o < outCount; ++o) {
        const int32_t shiftedSum = static_cast<int32_t>(sums[o] - inputZeroPoint * reducedCount);
        const int32_t value =
            fixed::addSaturating(fixed::multiplyByQuantizedMultiplier(shiftedSum, multiplier, outputShift), p.outputOffset);
        out[o] = static_cast<int8_t>(std::min(std::max(value, -128), 127));
    }
}

}  // namespace mcunet::runtime
