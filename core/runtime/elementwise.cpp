// ADD, MUL, RELU, RELU6, LOGISTIC, HARD_SWISH, SOFTMAX, QUANTIZE, DEQUANTIZE, float32 and int8,
// as TFLM's reference kernels.
//
// int8 ADD: both inputs are offset, shifted left by 20 bits for headroom, each scaled by
// in_scale / (2 * max_in_scale), summed, and the sum scaled by 2 * max_in_scale / (2^20 *
// out_scale); all three multipliers are "smaller than one" fixed-point multipliers.
// int8 MUL: (a - za) * (b - zb) requantized by sa * sb / so.
// int8 SOFTMAX / LOGISTIC: gemmlowp-style fixed-point exp and reciprocal (runtime/fixed_point.h).
#include <algorithm>
#include <cmath>

#include "runtime/float_exact.h"  // first: no FMA contraction in float kernels
#include "runtime/kernels.h"

namespace mcunet::runtime {
namespace {

bool sameShape(const ir::Tensor& a, const ir::Tensor& b) { return a.shape == b.shape; }

// Flat index into each input for every output element, with numpy broadcasting (shapes aligned
// at the trailing dimension; a size-1 dimension repeats).
void broadcastOffsets(const ir::Shape& outShape, const ir::Shape& shape, std::vector<int64_t>& offsets) {
    const int rank = static_cast<int>(outShape.size());
    const int shift = rank - static_cast<int>(shape.size());
    std::vector<int64_t> stride(rank, 0);
    int64_t s = 1;
    for (int d = rank - 1; d >= shift; --d) {
        const int dim = shape[d - shift];
        stride[d] = dim == 1 ? 0 : s;
        s *= dim;
    }
    offsets = stridedOffsets(outShape, stride);
}

bool broadcastable(const ir::Shape& outShape, const ir::Shape& shape) {
    if (shape.size() > outShape.size()) return false;
    const size_t shift = outShape.size() - shape.size();
    for (size_t d = 0; d < shape.size(); ++d)
        if (shape[d] != 1 && shape[d] != outShape[d + shift]) return false;
    return true;
}

// Runs f(x, y) over the (possibly broadcast) inputs of a binary op.
template <typename T, typename F>
void binaryLoop(const KernelContext& ctx, F f) {
    const ir::Tensor& a = ctx.input(0);
    const ir::Tensor& b = ctx.input(1);
    const ir::Tensor& out = ctx.output();
    const T* x = ctx.inputData<T>(0);
    const T* y = ctx.inputData<T>(1);
    T* z = ctx.outputData<T>();
    const int64_t count = out.elementCount();
    if (sameShape(a, out) && sameShape(b, out)) {
        for (int64_t i = 0; i < count; ++i) z[i] = f(x[i], y[i]);
        return;
    }
    std::vector<int64_t> offA, offB;
    broadcastOffsets(out.shape, a.shape, offA);
    broadcastOffsets(out.shape, b.shape, offB);
    for (int64_t i = 0; i < count; ++i) z[i] = f(x[offA[i]], y[offB[i]]);
}

}  // namespace

// ---- ADD / MUL ----------------------------------------------------------------------------

void prepareAddMul(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 2, 2, 1);
    const ir::Tensor& a = ctx.input(0);
    const ir::Tensor& b = ctx.input(1);
    const ir::Tensor& out = ctx.output();
    expectFloatOrInt8(ctx, a);
    expectDtype(ctx, b, a.dtype, "second input");
    expectDtype(ctx, out, a.dtype, "output");
    if (!broadcastable(out.shape, a.shape) || !broadcastable(out.shape, b.shape) ||
        out.elementCount() < std::max(a.elementCount(), b.elementCount()))
        ctx.fail("inputs " + ir::shapeToString(a.shape) + " and " + ir::shapeToString(b.shape) +
                 " do not broadcast to output " + ir::shapeToString(out.shape));
    if (a.dtype == ir::DType::Float32) {
        setFloatActivation(ctx, ctx.op.attrs.activation, p);
        return;
    }
    const float scaleA = scaleOf(ctx, a, "first input");
    const float scaleB = scaleOf(ctx, b, "second input");
    const float scaleOut = scaleOf(ctx, out, "output");
    p.inputOffset = -zeroPointOf(ctx, a, "first input");
    p.input2Offset = -zeroPointOf(ctx, b, "second input");
    p.outputOffset = zeroPointOf(ctx, out, "output");
    setQuantizedActivation(ctx, ctx.op.attrs.activation, out, p);
    if (ctx.op.kind == ir::OpKind::Add) {
        p.leftShift = 20;  // int8 headroom used by TFLM
        const double twiceMaxInputScale = 2.0 * static_cast<double>(std::max(scaleA, scaleB));
        p.input1Multiplier = fixed::quantizeMultiplier(static_cast<double>(scaleA) / twiceMaxInputScale);
        p.input2Multiplier = fixed::quantizeMultiplier(static_cast<double>(scaleB) / twiceMaxInputScale);
        p.outputMultiplier = fixed::quantizeMultiplier(
            twiceMaxInputScale / (static_cast<double>(1 << p.leftShift) * static_cast<double>(scaleOut)));
        for (const auto* m : {&p.input1Multiplier, &p.input2Multiplier, &p.outputMultiplier})
            if (m->shift > 0) ctx.fail("ADD rescaling multiplier is not smaller than one");
    } else {
        p.outputMultiplier = fixed::quantizeMultiplier(static_cast<double>(scaleA) * static_cast<double>(scaleB) /
                                                       static_cast<double>(scaleOut));
    }
}

void evalAdd(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32) {
        binaryLoop<float>(ctx, [&](float x, float y) {
            return std::min(std::max(x + y, p.activationMinF), p.activationMaxF);
        });
        return;
    }
    binaryLoop<int8_t>(ctx, [&](int8_t x, int8_t y) {
        const int32_t shiftedX = (p.inputOffset + x) * (1 << p.leftShift);
        const int32_t shiftedY = (p.input2Offset + y) * (1 << p.leftShift);
        const int32_t scaledX = fixed::multiplyByQuantizedMultiplierSmallerThanOneExp(
            shiftedX, p.input1Multiplier.value, p.input1Multiplier.shift);
        const int32_t scaledY = fixed::multiplyByQuantizedMultiplierSmallerThanOneExp(
            shiftedY, p.input2Multiplier.value, p.input2Multiplier.shift);
        const int32_t raw = fixed::addSaturating(fixed::multiplyByQuantizedMultiplierSmallerThanOneExp(
                                                     scaledX + scaledY, p.outputMultiplier.value, p.outputMultiplier.shift),
                                                 p.outputOffset);
        return static_cast<int8_t>(std::min(std::max(raw, p.activationMin), p.activationMax));
    });
}

void evalMul(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32) {
        binaryLoop<float>(ctx, [&](float x, float y) {
            return std::min(std::max(x * y, p.activationMinF), p.activationMaxF);
        });
        return;
    }
    binaryLoop<int8_t>(ctx, [&](int8_t x, int8_t y) {
        const int32_t product = (p.inputOffset + x) * (p.input2Offset + y);
        const int32_t raw = fixed::addSaturating(
            fixed::multiplyByQuantizedMultiplier(product, p.outputMultiplier.value, p.outputMultiplier.shift), p.outputOffset);
        return static_cast<int8_t>(std::min(std::max(raw, p.activationMin), p.activationMax));
    });
}

// ---- RELU / RELU6 / LOGISTIC / HARD_SWISH -------------------------------------------------

namespace {

// Float value -> int16 multiplier as TFLM's DownScaleInt32ToInt16Multiplier (round the Q31 to Q15).
int16_t downScaleToInt16(int32_t multiplier) {
    constexpr int32_t kRoundingOffset = 1 << 15;
    if (multiplier >= std::numeric_limits<int32_t>::max() - kRoundingOffset) return std::numeric_limits<int16_t>::max();
    return static_cast<int16_t>((multiplier + kRoundingOffset) >> 16);
}

int16_t saturatingLeftShift16(int16_t value, int amount) {
    const int64_t result = static_cast<int64_t>(value) * (int64_t{1} << amount);
    return static_cast<int16_t>(std::clamp<int64_t>(result, std::numeric_limits<int16_t>::min(),
                                                    std::numeric_limits<int16_t>::max()));
}

// SQDMULH: like the rounding version but truncating toward zero.
int16_t saturatingDoublingHighMul16(int16_t a, int16_t b) {
    if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
    const int32_t product = static_cast<int32_t>(a) * static_cast<int32_t>(b);
    return static_cast<int16_t>(product / (1 << 15));
}

int16_t roundingDivideByPOT16(int16_t x, int exponent) {
    const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
    const int16_t remainder = static_cast<int16_t>(x & mask);
    const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
    return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

}  // namespace

void prepareActivation(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 1, 1, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    expectFloatOrInt8(ctx, input);
    expectDtype(ctx, output, input.dtype, "output");
    if (input.elementCount() != output.elementCount())
        ctx.fail("input " + ir::shapeToString(input.shape) + " and output " + ir::shapeToString(output.shape) +
                 " differ in size");
    if (input.dtype == ir::DType::Float32) return;

    const float inScale = scaleOf(ctx, input, "input");
    const float outScale = scaleOf(ctx, output, "output");
    const int32_t inZp = zeroPointOf(ctx, input, "input");
    const int32_t outZp = zeroPointOf(ctx, output, "output");
    switch (ctx.op.kind) {
        case ir::OpKind::Relu: {
            // TFLM requantizes RELU: out = zp_out + (in - zp_in) * in_scale/out_scale, then clamps.
            const fixed::Multiplier m =
                fixed::quantizeMultiplier(static_cast<double>(inScale) / static_cast<double>(outScale));
            p.outputMultiplier = m;
            p.inputOffset = inZp;
            p.outputOffset = outZp;
            p.activationMin = std::max<int32_t>(-128, outZp);  // zp + round(0 / scale)
            p.activationMax = 127;
            return;
        }
        case ir::OpKind::Relu6: {
            // TFLM clamps RELU6 in the input's units without rescaling.
            p.lowerBound = inZp;
            const int64_t six = int64_t{roundToInt32(6.0f / inScale)} + inZp;
            p.upperBound = static_cast<int32_t>(std::clamp<int64_t>(six, -128, 127));
            return;
        }
        case ir::OpKind::Logistic: {
            // Like TFLM, only the zero point is checked; the kernel writes values for scale 1/256.
            if (outZp != -128) ctx.fail("int8 LOGISTIC needs output zero point -128", ErrorCode::UnsupportedModel);
            constexpr int kInputIntegerBits = 4;
            const double inputRealMultiplier =
                static_cast<double>(inScale) * static_cast<double>(1 << (31 - kInputIntegerBits));
            int leftShift = 0;
            const double q = std::frexp(inputRealMultiplier, &leftShift);
            p.inputMultiplier = static_cast<int32_t>(std::min<int64_t>(
                std::llround(q * static_cast<double>(int64_t{1} << 31)), std::numeric_limits<int32_t>::max()));
            if (leftShift < 0 || leftShift > 30)  // input scale outside ~[2^-28, 8): TFLM's shifts break
                ctx.fail("input scale " + std::to_string(inScale) + " is outside what int8 LOGISTIC supports",
                         ErrorCode::UnsupportedModel);
            p.inputLeftShift = leftShift;
            p.inputOffset = inZp;
            p.inputRangeRadius = fixed::calculateInputRadius(kInputIntegerBits, leftShift, 31);
            return;
        }
        case ir::OpKind::HardSwish: {
            p.inputOffset = inZp;
            p.outputOffset = outZp;
            const float hiresInputScale = (1.0f / 128.0f) * inScale;
            const float reluishScale = 3.0f / 32768.0f;
            const fixed::Multiplier out = fixed::quantizeMultiplier(static_cast<double>(hiresInputScale / outScale));
            p.outputMultiplier16 = downScaleToInt16(out.value);
            p.outputExponent = out.shift;
            if (p.outputExponent > 0) ctx.fail("HARD_SWISH output multiplier exponent must not be positive");
            const fixed::Multiplier reluish =
                fixed::quantizeMultiplier(static_cast<double>(hiresInputScale / reluishScale));
            p.reluishMultiplier16 = downScaleToInt16(reluish.value);
            p.reluishExponent = reluish.shift;
            return;
        }
        default: ctx.fail("not an activation op", ErrorCode::Internal);
    }
}

namespace {

int8_t hardSwishInt8(int8_t x, const PreparedOp& p) {
    const int16_t inputValue = static_cast<int16_t>(x - p.inputOffset);
    const int16_t hires = static_cast<int16_t>(inputValue * (1 << 7));
    const int16_t preshiftOutput = fixed::saturatingRoundingDoublingHighMul(hires, p.outputMultiplier16);
    // "Relu-ish" factor in [-1, 1]: x rescaled so that 3.0 maps to 32768, saturating. The left
    // shift is split so that saturation, if any, happens after the multiply.
    int16_t reluish = hires;
    if (p.reluishExponent > 0) reluish = saturatingLeftShift16(reluish, p.reluishExponent - 1);
    reluish = fixed::saturatingRoundingDoublingHighMul(reluish, p.reluishMultiplier16);
    if (p.reluishExponent > 0) reluish = saturatingLeftShift16(reluish, 1);
    if (p.reluishExponent < 0) reluish = roundingDivideByPOT16(reluish, -p.reluishExponent);
    reluish = static_cast<int16_t>((static_cast<int32_t>(reluish) + (1 << 15)) >> 1);  // [-1,1] -> [0,1]
    const int16_t preshift = saturatingDoublingHighMul16(reluish, preshiftOutput);
    // TFLM adds the zero point in int16 (wrapping), then clamps.
    const auto out = static_cast<int16_t>(roundingDivideByPOT16(preshift, -p.outputExponent) + p.outputOffset);
    return static_cast<int8_t>(std::clamp<int32_t>(out, -128, 127));
}

int8_t logisticInt8(int8_t x, const PreparedOp& p) {
    const int32_t input = static_cast<int32_t>(x) - p.inputOffset;
    if (input <= -p.inputRangeRadius) return -128;
    if (input >= p.inputRangeRadius) return 127;
    const int32_t inputQ4 = fixed::multiplyByQuantizedMultiplier(input, p.inputMultiplier, p.inputLeftShift);
    const int32_t outputQ0 = fixed::logistic(fixed::Q<4>::fromRaw(inputQ4)).raw;
    int32_t out = fixed::roundingDivideByPOT(outputQ0, 31 - 8) - 128;
    return static_cast<int8_t>(std::clamp<int32_t>(out, -128, 127));
}

float logisticFloat(float x) {
    // TFLM's cut-offs: beyond them the float result is exactly 1, or exp(x) is accurate enough.
    constexpr float kCutoffUpper = 16.619047164916992188f;
    constexpr float kCutoffLower = -9.0f;
    if (x > kCutoffUpper) return 1.0f;
    if (x < kCutoffLower) return std::exp(x);
    return 1.0f / (1.0f + std::exp(-x));
}

}  // namespace

void evalActivation(const KernelContext& ctx, const PreparedOp& p) {
    const int64_t count = ctx.output().elementCount();
    const ir::OpKind kind = ctx.op.kind;
    if (ctx.input(0).dtype == ir::DType::Float32) {
        const float* in = ctx.inputData<float>(0);
        float* out = ctx.outputData<float>();
        for (int64_t i = 0; i < count; ++i) {
            const float v = in[i];
            switch (kind) {
                case ir::OpKind::Relu: out[i] = v < 0.0f ? 0.0f : v; break;
                case ir::OpKind::Relu6: out[i] = v > 6.0f ? 6.0f : (v < 0.0f ? 0.0f : v); break;
                case ir::OpKind::Logistic: out[i] = logisticFloat(v); break;
                default: out[i] = v * std::min(6.0f, std::max(0.0f, v + 3.0f)) / 6.0f; break;  // HARD_SWISH
            }
        }
        return;
    }
    const int8_t* in = ctx.inputData<int8_t>(0);
    int8_t* out = ctx.outputData<int8_t>();
    for (int64_t i = 0; i < count; ++i) {
        const int8_t v = in[i];
        switch (kind) {
            case ir::OpKind::Relu: {
                int32_t r = fixed::addSaturating(
                    fixed::multiplyByQuantizedMultiplier(v - p.inputOffset, p.outputMultiplier.value, p.outputMultiplier.shift),
                    p.outputOffset);
                out[i] = static_cast<int8_t>(std::min(std::max(r, p.activationMin), p.activationMax));
                break;
            }
            case ir::OpKind::Relu6:
                out[i] = static_cast<int8_t>(v > p.upperBound ? p.upperBound : (v < p.lowerBound ? p.lowerBound : v));
                break;
            case ir::OpKind::Logistic: out[i] = logisticInt8(v, p); break;
            default: out[i] = hardSwishInt8(v, p); break;
        }
    }
}

// ---- SOFTMAX ------------------------------------------------------------------------------

void prepareSoftmax(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 1, 1, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    expectFloatOrInt8(ctx, input);
    expectDtype(ctx, output, input.dtype, "output");
    if (input.shape.empty() || input.elementCount() != output.elementCount())
        ctx.fail("input " + ir::shapeToString(input.shape) + " and output " + ir::shapeToString(output.shape) +
                 " must have the same size and at least one dimension");
    if (!(ctx.op.attrs.beta > 0.0f) || !std::isfinite(ctx.op.attrs.beta))
        ctx.fail("SOFTMAX beta is " + std::to_string(ctx.op.attrs.beta) + ", expected a positive finite number");
    if (input.dtype == ir::DType::Float32) return;
    if (zeroPointOf(ctx, output, "output") != -128 || scaleOf(ctx, output, "output") != 1.0f / 256)
        ctx.fail("int8 SOFTMAX needs output scale 1/256 and zero point -128", ErrorCode::UnsupportedModel);
    constexpr int kScaledDiffIntegerBits = 5;
    // beta * input_scale as a Q5.26 multiplier, capped so it stays a valid int32 significand.
    const double realMultiplier =
        std::min(static_cast<double>(ctx.op.attrs.beta) * static_cast<double>(scaleOf(ctx, input, "input")) *
                     static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                 static_cast<double>((int64_t{1} << 31) - 1));
    const fixed::Multiplier m = fixed::quantizeMultiplier(realMultiplier);
    if (m.shift < 0) ctx.fail("SOFTMAX input multiplier is smaller than one", ErrorCode::UnsupportedModel);
    p.inputMultiplier = m.value;
    p.inputLeftShift = m.shift;
    p.diffMin = static_cast<int32_t>(-1.0 * fixed::calculateInputRadius(kScaledDiffIntegerBits, m.shift));
}

void evalSoftmax(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const int depth = input.shape.back();
    const int64_t outer = depth > 0 ? input.elementCount() / depth : 0;
    if (input.dtype == ir::DType::Float32) {
        const float* in = ctx.inputData<float>(0);
        float* out = ctx.outputData<float>();
        const float beta = ctx.op.attrs.beta;
        for (int64_t i = 0; i < outer; ++i) {
            const float* row = in + i * depth;
            float* outRow = out + i * depth;
            float max = std::numeric_limits<float>::lowest();
            for (int c = 0; c < depth; ++c) max = std::max(max, row[c]);
            float sum = 0.0f;
            for (int c = 0; c < depth; ++c) {
                const float e = std::exp((row[c] - max) * beta);
                outRow[c] = e;
                sum += e;
            }
            for (int c = 0; c < depth; ++c) outRow[c] = outRow[c] / sum;
        }
        return;
    }
    constexpr int kScaledDiffIntegerBits = 5;
    constexpr int kAccumulationIntegerBits = 12;
    const int8_t* in = ctx.inputData<int8_t>(0);
    int8_t* out = ctx.outputData<int8_t>();
    for (int64_t i = 0; i < outer; ++i) {
        const int8_t* row = in + i * depth;
        int8_t* outRow = out + i * depth;
        int8_t max = std::numeric_limits<int8_t>::min();
        for (int c = 0; c < depth; ++c) max = std::max(max, row[c]);
        // exp(beta * (x - max)) in Q0.31 for each element; summed in Q12.19.
        auto scaledExp = [&](int32_t diff) {
            const int32_t rescaled = fixed::multiplyByQuantizedMultiplierGreaterThanOne(diff, p.inputMultiplier, p.inputLeftShift);
            return fixed::expOnNegativeValues(fixed::Q<kScaledDiffIntegerBits>::fromRaw(rescaled));
        };
        fixed::Q<kAccumulationIntegerBits> sumOfExps{0};
        for (int c = 0; c < depth; ++c) {
            const int32_t diff = static_cast<int32_t>(row[c]) - max;
            if (diff >= p.diffMin) sumOfExps = sumOfExps + fixed::rescale<kAccumulationIntegerBits>(scaledExp(diff));
        }
        // TFLM checks (TFLITE_CHECK, an abort) that the final shift stays within 0..31; that fails
        // once the exponentials add up to 512 or more, e.g. 512 equal logits.
        if (sumOfExps.raw <= 0 || sumOfExps.raw >= (int32_t{1} << 28))
            ctx.fail("the exponentials of a row add up to 512 or more; TFLM's int8 SOFTMAX cannot represent that");
        int numBitsOverUnit = 0;
        const fixed::Q<0> shiftedScale =
            fixed::Q<0>::fromRaw(fixed::reciprocal(sumOfExps.raw, kAccumulationIntegerBits, &numBitsOverUnit));
        for (int c = 0; c < depth; ++c) {
            const int32_t diff = static_cast<int32_t>(row[c]) - max;
            if (diff >= p.diffMin) {
                const fixed::Q<0> e = scaledExp(diff);
                const int32_t unsat = fixed::roundingDivideByPOT((shiftedScale * e).raw, numBitsOverUnit + 31 - 8);
                outRow[c] = static_cast<int8_t>(std::clamp<int32_t>(unsat - 128, -128, 127));
            } else {
                outRow[c] = -128;
            }
        }
    }
}

// ---- QUANTIZE / DEQUANTIZE ----------------------------------------------------------------

namespace {
bool isInt8Like(ir::DType d) { return d == ir::DType::Int8 || d == ir::DType::UInt8; }
int32_t minOf(ir::DType d) { return d == ir::DType::Int8 ? -128 : 0; }
int32_t maxOf(ir::DType d) { return d == ir::DType::Int8 ? 127 : 255; }
}  // namespace

void prepareQuantize(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 1, 1, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    if (!isInt8Like(output.dtype))
        ctx.fail("output is " + std::string(ir::dtypeName(output.dtype)) + "; only int8 and uint8 are supported",
                 ErrorCode::UnsupportedModel);
    if (input.dtype != ir::DType::Float32 && !isInt8Like(input.dtype))
        ctx.fail("input is " + std::string(ir::dtypeName(input.dtype)) + "; only float32, int8 and uint8 are supported",
                 ErrorCode::UnsupportedModel);
    if (input.elementCount() != output.elementCount()) ctx.fail("input and output differ in size");
    if (output.quant.perChannel()) ctx.fail("per-channel QUANTIZE is not supported", ErrorCode::UnsupportedModel);
    p.outputOffset = zeroPointOf(ctx, output, "output");
    if (isInt8Like(input.dtype)) {
        p.inputOffset = zeroPointOf(ctx, input, "input");
        p.outputMultiplier = fixed::quantizeMultiplier(static_cast<double>(scaleOf(ctx, input, "input")) /
                                                       static_cast<double>(scaleOf(ctx, output, "output")));
    } else {
        scaleOf(ctx, output, "output");
    }
}

void evalQuantize(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    const int64_t count = output.elementCount();
    const int32_t lo = minOf(output.dtype), hi = maxOf(output.dtype);
    auto store = [&](int64_t i, int32_t v) {
        v = std::clamp(v, lo, hi);
        if (output.dtype == ir::DType::Int8) ctx.outputData<int8_t>()[i] = static_cast<int8_t>(v);
        else ctx.outputData<uint8_t>()[i] = static_cast<uint8_t>(v);
    };
    if (input.dtype == ir::DType::Float32) {
        // TFLM's AffineQuantize: the (double) scale is narrowed to float for the division.
        const float scale = static_cast<float>(static_cast<double>(output.quant.scale[0]));
        const float* in = ctx.inputData<float>(0);
        for (int64_t i = 0; i < count; ++i) {
            const int32_t q = roundToInt32(in[i] / scale);
            store(i, static_cast<int32_t>(std::clamp<int64_t>(int64_t{q} + p.outputOffset, INT32_MIN, INT32_MAX)));
        }
        return;
    }
    for (int64_t i = 0; i < count; ++i) {
        const int32_t v = input.dtype == ir::DType::Int8 ? ctx.inputData<int8_t>(0)[i] : ctx.inputData<uint8_t>(0)[i];
        store(i, fixed::addSaturating(
                     fixed::multiplyByQuantizedMultiplier(v - p.inputOffset, p.outputMultiplier.value, p.outputMultiplier.shift),
                     p.outputOffset));
    }
}

void prepareDequantize(const KernelContext& ctx, PreparedOp& p) {
    expectOperandCounts(ctx, 1, 1, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& output = ctx.output();
    if (!isInt8Like(input.dtype))
        ctx.fail("input is " + std::string(ir::dtypeName(input.dtype)) + "; only int8 and uint8 are supported",
                 ErrorCode::UnsupportedModel);
    expectDtype(ctx, output, ir::DType::Float32, "output");
    if (input.elementCount() != output.elementCount()) ctx.fail("input and output differ in size");
    if (input.quant.perChannel()) ctx.fail("per-channel DEQUANTIZE is not supported", ErrorCode::UnsupportedModel);
    scaleOf(ctx, input, "input");
    p.inputOffset = zeroPointOf(ctx, input, "input");
}

void evalDequantize(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& input = ctx.input(0);
    const int64_t count = input.elementCount();
    const double scale = input.quant.scale[0];  // TFLM multiplies in double, then narrows
    float* out = ctx.outputData<float>();
    for (int64_t i = 0; i < count; ++i) {
        const int32_t v = input.dtype == ir::DType::Int8 ? ctx.inputData<int8_t>(0)[i] : ctx.inputData<uint8_t>(0)[i];
        out[i] = static_cast<float>(scale * (v - p.inputOffset));
    }
}

}  // namespace mcunet::runtime
