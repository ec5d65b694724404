// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, float32 and int8, as TFLM's reference kernels
// (reference_ops::Conv / DepthwiseConv / FullyConnected for float, reference_integer_ops::
// ConvPerChannel / DepthwiseConvPerChannel / FullyConnected for int8).
//
// Float: each output is one float sum in TFLM's loop order (filter row, filter column, input
// channel), then + bias, then the activation clamp, so results match TFLM to the bit.
// Int8: acc = sum filter * (input - input_zp) (padding contributes nothing, i.e. it stands for
// the input zero point), + bias, requantized per output channel with the fixed-point multiplier
// of input_scale * filter_scale[c] / output_scale, + output_zp, clamped.
#include <algorithm>

#include "runtime/float_exact.h"  // first: no FMA contraction in float kernels
#include "runtime/kernels.h"

namespace mcunet::runtime {
namespace {

bool isQuantized(const ir::Tensor& tensor) { return tensor.dtype == ir::DType::Int8; }

// Dtype combinations we run: all float32, or int8 activations/weights with int32 bias.
void expectConvDtypes(const KernelContext& ctx, const ir::Tensor& input, const ir::Tensor& filter,
                      const ir::Tensor* bias, const ir::Tensor& output) {
    if (input.dtype == ir::DType::Float32) {
        expectDtype(ctx, filter, ir::DType::Float32, "filter");
        if (bias) expectDtype(ctx, *bias, ir::DType::Float32, "bias");
        expectDtype(ctx, output, ir::DType::Float32, "output");
    } else if (input.dtype == ir::DType::Int8) {
        expectDtype(ctx, filter, ir::DType::Int8, "filter");
        if (bias) expectDtype(ctx, *bias, ir::DType::Int32, "bias");
        expectDtype(ctx, output, ir::DType::Int8, "output");
    } else {
        ctx.fail("input tensor '" + input.name + "' is " + std::string(ir::dtypeName(input.dtype)) +
                     "; only float32 and int8 are supported",
                 ErrorCode::UnsupportedModel);
    }
}

// Per-output-channel multipliers from double(input_scale) * double(filter_scale) / double(output_scale)
// (TFLM's PopulateConvolutionQuantizationParams).
void preparePerChannel(const KernelContext& ctx, const ir::Tensor& input, const ir::Tensor& filter,
                       const ir::Tensor& output, int channels, PreparedOp& prepared) {
    const double inputScale = scaleOf(ctx, input, "input");
    const double outputScale = scaleOf(ctx, output, "output");
    const auto& scales = filter.quant.scale;
    if (scales.empty()) ctx.fail("filter tensor '" + filter.name + "' has no quantization parameters");
    if (scales.size() != 1 && static_cast<int>(scales.size()) != channels)
        ctx.fail("filter tensor '" + filter.name + "' has " + std::to_string(scales.size()) + " scales for " +
                 std::to_string(channels) + " output channels");
    for (int64_t zp : filter.quant.zeroPoint)
        if (zp != 0) ctx.fail("int8 filter tensor '" + filter.name + "' must have zero point 0", ErrorCode::UnsupportedModel);
    prepared.multipliers.resize(channels);
    prepared.shifts.resize(channels);
    for (int c = 0; c < channels; ++c) {
        const double filterScale = scales.size() == 1 ? scales[0] : scales[c];
        const fixed::Multiplier m = fixed::quantizeMultiplier(inputScale * filterScale / outputScale);
        prepared.multipliers[c] = m.value;
        prepared.shifts[c] = m.shift;
    }
    prepared.inputOffset = -zeroPointOf(ctx, input, "input");
    prepared.outputOffset = zeroPointOf(ctx, output, "output");
}

void expectOutputShape(const KernelContext& ctx, const ir::Tensor& output, const ir::Shape& expected) {
    if (output.shape != expected)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 ir::shapeToString(expected));
}

void prepareWindowOp(const KernelContext& ctx, const ir::Tensor& input, int filterH, int filterW, int outChannels,
                     PreparedOp& prepared) {
    const auto& a = ctx.op.attrs;
    if (a.strideH <= 0 || a.strideW <= 0 || a.dilationH <= 0 || a.dilationW <= 0)
        ctx.fail("strides and dilations must be positive");
    const int inH = input.shape[1], inW = input.shape[2];
    const int outH = computeOutSize(a.padding, inH, filterH, a.strideH, a.dilationH);
    const int outW = computeOutSize(a.padding, inW, filterW, a.strideW, a.dilationW);
    expectOutputShape(ctx, ctx.output(), {input.shape[0], outH, outW, outChannels});
    prepared.padTop = computePadding(a.strideH, a.dilationH, inH, filterH, outH);
    prepared.padLeft = computePadding(a.strideW, a.dilationW, inW, filterW, outW);
}

// What CONV_2D and DEPTHWISE_CONV_2D check and prepare alike once the filter layout is checked:
// the bias, the window geometry, the per-channel multipliers and the activation range.
void prepareWindowConv(const KernelContext& ctx, const ir::Tensor& input, const ir::Tensor& filter,
                       const ir::Tensor* bias, const ir::Tensor& output, int outChannels, PreparedOp& prepared) {
    if (bias) {
        expectConstant(ctx, *bias, "bias");
        if (bias->elementCount() != outChannels) ctx.fail("bias has " + std::to_string(bias->elementCount()) + " values for " + std::to_string(outChannels) + " channels");
    }
    prepareWindowOp(ctx, input, filter.shape[1], filter.shape[2], outChannels, prepared);
    if (isQuantized(input)) {
        preparePerChannel(ctx, input, filter, output, outChannels, prepared);
        setQuantizedActivation(ctx, ctx.op.attrs.activation, output, prepared);
    } else {
        setFloatActivation(ctx, ctx.op.attrs.activation, prepared);
    }
}

}  // namespace

// ---- CONV_2D ------------------------------------------------------------------------------

void prepareConv(const KernelContext& ctx, PreparedOp& prepared) {
    expectOperandCounts(ctx, 2, 3, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& filter = ctx.input(1);
    const ir::Tensor* bias = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
    const ir::Tensor& output = ctx.output();
    expectConvDtypes(ctx, input, filter, bias, output);
    expectRank(ctx, input, 4, "input");
    expectRank(ctx, filter, 4, "filter");
    expectConstant(ctx, filter, "filter");
    const int outChannels = filter.shape[0];
    const int filterDepth = filter.shape[3];
    if (filterDepth <= 0 || outChannels <= 0 || input.shape[3] <= 0 || input.shape[3] % filterDepth != 0)
        ctx.fail("filter depth " + std::to_string(filterDepth) + " does not divide input depth " +
                 std::to_string(input.shape[3]));
    const int groups = input.shape[3] / filterDepth;
    if (outChannels % groups != 0) ctx.fail("output channels are not a multiple of the " + std::to_string(groups) + " groups");
    prepareWindowConv(ctx, input, filter, bias, output, outChannels, prepared);
}

namespace {

// What becomes of a conv or depthwise conv accumulator: float, + bias, then the activation clamp.
auto floatOutput(const KernelContext& ctx, const PreparedOp& p) {
    const float* bias = ctx.hasInput(2) ? ctx.inputData<float>(2) : nullptr;
    return [&p, bias](float total, int oc) {
        const float biased = total + (bias ? bias[oc] : 0.0f);
        return std::min(std::max(biased, p.activationMinF), p.activationMaxF);
    };
}

// Int8: + bias, requantized with the channel's multiplier, + output zero point, clamped.
auto int8Output(const KernelContext& ctx, const PreparedOp& p) {
    const int32_t* bias = ctx.hasInput(2) ? ctx.inputData<int32_t>(2) : nullptr;
    return [&p, bias](int32_t acc, int oc) {
        if (bias) acc = fixed::addSaturating(acc, bias[oc]);
        acc = fixed::addSaturating(fixed::multiplyByQuantizedMultiplier(acc, p.multipliers[oc], p.shifts[oc]), p.outputOffset);
        return static_cast<int8_t>(std::min(std::max(acc, p.activationMin), p.activationMax));
    };
}

template <typename T, typename Acc, typename Finish>
void convLoop(const KernelContext& ctx, const PreparedOp& p, Acc zero, Finish finish) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& filter = ctx.input(1);
    const ir::Tensor& output = ctx.output();
    const auto& a = ctx.op.attrs;
    const int batches = input.shape[0], inH = input.shape[1], inW = input.shape[2], inDepth = input.shape[3];
    const int outH = output.shape[1], outW = output.shape[2], outDepth = output.shape[3];
    const int filterH = filter.shape[1], filterW = filter.shape[2], filterDepth = filter.shape[3];
    const int groups = inDepth / filterDepth;
    const int filtersPerGroup = outDepth / groups;
    const T* in = ctx.inputData<T>(0);
    const T* flt = ctx.inputData<T>(1);
    T* out = ctx.outputData<T>();
    const int32_t inputOffset = p.inputOffset;
    for (int b = 0; b < batches; ++b) {
        for (int oy = 0; oy < outH; ++oy) {
            const int inYOrigin = oy * a.strideH - p.padTop;
            for (int ox = 0; ox < outW; ++ox) {
                const int inXOrigin = ox * a.strideW - p.padLeft;
                for (int oc = 0; oc < outDepth; ++oc) {
                    const int group = oc / filtersPerGroup;
                    Acc acc = zero;
                    for (int fy = 0; fy < filterH; ++fy) {
                        const int iy = inYOrigin + a.dilationH * fy;
                        if (iy < 0 || iy >= inH) continue;
                        for (int fx = 0; fx < filterW; ++fx) {
                            const int ix = inXOrigin + a.dilationW * fx;
                            if (ix < 0 || ix >= inW) continue;
                            const T* inPixel = in + ((static_cast<int64_t>(b) * inH + iy) * inW + ix) * inDepth +
                                               group * filterDepth;
                            const T* fltPixel = flt + ((static_cast<int64_t>(oc) * filterH + fy) * filterW + fx) * filterDepth;
                            if constexpr (std::is_same_v<T, float>) {
                                for (int ic = 0; ic < filterDepth; ++ic) acc += inPixel[ic] * fltPixel[ic];
                            } else {
                                for (int ic = 0; ic < filterDepth; ++ic)
                                    acc += static_cast<int32_t>(fltPixel[ic]) * (static_cast<int32_t>(inPixel[ic]) + inputOffset);
                            }
                        }
                    }
                    out[((static_cast<int64_t>(b) * outH + oy) * outW + ox) * outDepth + oc] = finish(acc, oc);
                }
            }
        }
    }
}

}  // namespace

void evalConv(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32)
        convLoop<float>(ctx, p, 0.0f, floatOutput(ctx, p));
    else
        convLoop<int8_t>(ctx, p, int32_t{0}, int8Output(ctx, p));
}

// ---- DEPTHWISE_CONV_2D --------------------------------------------------------------------

void prepareDepthwiseConv(const KernelContext& ctx, PreparedOp& prepared) {
    expectOperandCounts(ctx, 2, 3, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& filter = ctx.input(1);
    const ir::Tensor* bias = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
    const ir::Tensor& output = ctx.output();
    expectConvDtypes(ctx, input, filter, bias, output);
    expectRank(ctx, input, 4, "input");
    expectRank(ctx, filter, 4, "filter");
    expectConstant(ctx, filter, "filter");
    const int outChannels = filter.shape[3];
    const int multiplier = ctx.op.attrs.depthMultiplier;
    // Some converters write depth_multiplier 0 or leave it stale; the filter shape is the truth.
    if (input.shape[3] <= 0 || outChannels % input.shape[3] != 0)
        ctx.fail("filter has " + std::to_string(outChannels) + " channels, not a multiple of input depth " +
                 std::to_string(input.shape[3]));
    if (multiplier > 0 && multiplier * input.shape[3] != outChannels)
        ctx.fail("depth multiplier " + std::to_string(multiplier) + " x input depth " + std::to_string(input.shape[3]) +
                 " != filter channels " + std::to_string(outChannels));
    if (filter.shape[0] != 1) ctx.fail("filter shape " + ir::shapeToString(filter.shape) + " must start with 1");
    prepareWindowConv(ctx, input, filter, bias, output, outChannels, prepared);
}

namespace {

template <typename T, typename Acc, typename Finish>
void depthwiseLoop(const KernelContext& ctx, const PreparedOp& p, Acc zero, Finish finish) {
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& filter = ctx.input(1);
    const ir::Tensor& output = ctx.output();
    const auto& a = ctx.op.attrs;
    const int batches = input.shape[0], inH = input.shape[1], inW = input.shape[2], inDepth = input.shape[3];
    const int outH = output.shape[1], outW = output.shape[2], outDepth = output.shape[3];
    const int filterH = filter.shape[1], filterW = filter.shape[2];
    const int depthMultiplier = outDepth / inDepth;
    const T* in = ctx.inputData<T>(0);
    const T* flt = ctx.inputData<T>(1);
    T* out = ctx.outputData<T>();
    const int32_t inputOffset = p.inputOffset;
    for (int b = 0; b < batches; ++b) {
        for (int oy = 0; oy < outH; ++oy) {
            const int inYOrigin = oy * a.strideH - p.padTop;
            for (int ox = 0; ox < outW; ++ox) {
                const int inXOrigin = ox * a.strideW - p.padLeft;
                for (int ic = 0; ic < inDepth; ++ic) {
                    for (int m = 0; m < depthMultiplier; ++m) {
                        const int oc = m + ic * depthMultiplier;
                        Acc acc = zero;
                        for (int fy = 0; fy < filterH; ++fy) {
                            const int iy = inYOrigin + a.dilationH * fy;
                            if (iy < 0 || iy >= inH) continue;
                            for (int fx = 0; fx < filterW; ++fx) {
                                const int ix = inXOrigin + a.dilationW * fx;
                                if (ix < 0 || ix >= inW) continue;
                                const T inValue = in[((static_cast<int64_t>(b) * inH + iy) * inW + ix) * inDepth + ic];
                                const T fltValue = flt[(static_cast<int64_t>(fy) * filterW + fx) * outDepth + oc];
                                if constexpr (std::is_same_v<T, float>) {
                                    acc += inValue * fltValue;
                                } else {
                                    acc += static_cast<int32_t>(fltValue) * (static_cast<int32_t>(inValue) + inputOffset);
                                }
                            }
                        }
                        out[((static_cast<int64_t>(b) * outH + oy) * outW + ox) * outDepth + oc] = finish(acc, oc);
                    }
                }
            }
        }
    }
}

}  // namespace

void evalDepthwiseConv(const KernelContext& ctx, const PreparedOp& p) {
    if (ctx.input(0).dtype == ir::DType::Float32)
        depthwiseLoop<float>(ctx, p, 0.0f, floatOutput(ctx, p));
    else
        depthwiseLoop<int8_t>(ctx, p, int32_t{0}, int8Output(ctx, p));
}

// ---- FULLY_CONNECTED ----------------------------------------------------------------------

void prepareFullyConnected(const KernelContext& ctx, PreparedOp& prepared) {
    expectOperandCounts(ctx, 2, 3, 1);
    const ir::Tensor& input = ctx.input(0);
    const ir::Tensor& filter = ctx.input(1);
    const ir::Tensor* bias = ctx.hasInput(2) ? &ctx.input(2) : nullptr;
    const ir::Tensor& output = ctx.output();
    expectConvDtypes(ctx, input, filter, bias, output);
    expectRank(ctx, filter, 2, "filter");
    expectConstant(ctx, filter, "filter");
    const int outDepth = filter.shape[0];
    const int accumDepth = filter.shape[1];
    if (accumDepth <= 0 || input.elementCount() % accumDepth != 0)
        ctx.fail("input of " + std::to_string(input.elementCount()) + " values is not a multiple of the filter depth " +
                 std::to_string(accumDepth));
    const int64_t batches = input.elementCount() / accumDepth;
    if (output.elementCount() != batches * outDepth || output.shape.empty() || output.shape.back() != outDepth)
        ctx.fail("output tensor '" + output.name + "' has shape " + ir::shapeToString(output.shape) + ", expected " +
                 std::to_string(batches) + " rows of " + std::to_string(outDepth));
    if (bias) {
        expectConstant(ctx, *bias, "bias");
        if (bias->elementCount() != outDepth) ctx.fail("bias has " + std::to_string(bias->elementCount()) + " values for " + std::to_string(outDepth) + " outputs");
    }
    if (!isQuantized(input)) {
        setFloatActivation(ctx, ctx.op.attrs.activation, prepared);
        return;
    }
    // Per-tensor: TFLM's GetQuantizedConvolutionMultipler takes the input*filter scale product
    // in float, then widens: double(float(in * filter)) / double(out). Per-channel filters go
    // through TFLM's per-channel path, which multiplies in double like CONV_2D.
    const float inputScale = scaleOf(ctx, input, "input");
    const float outputScale = scaleOf(ctx, output, "output");
    const auto& scales = filter.quant.scale;
    if (scales.empty()) ctx.fail("filter tensor '" + filter.name + "' has no quantization parameters");
    if (scales.size() != 1 && static_cast<int>(scales.size()) != outDepth)
        ctx.fail("filter tensor '" + filter.name + "' has " + std::to_string(scales.size()) + " scales for " +
                 std::to_string(outDepth) + " outputs");
    prepared.multipliers.resize(outDepth);
    prepared.shifts.resize(outDepth);
    for (int c = 0; c < outDepth; ++c) {
        const double product = scales.size() == 1
                                   ? static_cast<double>(inputScale * scales[0])
                                   : static_cast<double>(inputScale) * static_cast<double>(scales[c]);
        const fixed::Multiplier m = fixed::quantizeMultiplier(product / static_cast<double>(outputScale));
        prepared.multipliers[c] = m.value;
        prepared.shifts[c] = m.shift;
    }
    prepared.inputOffset = -zeroPointOf(ctx, input, "input");
    prepared.filterOffset = filter.quant.zeroPoint.empty() ? 0 : -zeroPointOf(ctx, filter, "filter");
    prepared.outputOffset = zeroPointOf(ctx, output, "output");
    setQuantizedActivation(ctx, ctx.op.attrs.activation, output, prepared);
}

void evalFullyConnected(const KernelContext& ctx, const PreparedOp& p) {
    const ir::Tensor& filter = ctx.input(1);
    const int outDepth = filter.shape[0];
    const int accumDepth = filter.shape[1];
    const int64_t batches = ctx.input(0).elementCount() / accumDepth;
    const bool hasBias = ctx.hasInput(2);
    if (ctx.input(0).dtype == ir::DType::Float32) {
        const float* in = ctx.inputData<float>(0);
        const float* weights = ctx.inputData<float>(1);
        const float* bias = hasBias ? ctx.inputData<float>(2) : nullptr;
        float* out = ctx.outputData<float>();
        for (int64_t b = 0; b < batches; ++b) {
            for (int oc = 0; oc < outDepth; ++oc) {
                float total = 0.0f;
                for (int d = 0; d < accumDepth; ++d)
                    total += in[b * accumDepth + d] * weights[static_cast<int64_t>(oc) * accumDepth + d];
                const float biased = total + (bias ? bias[oc] : 0.0f);
                out[b * outDepth + oc] = std::min(std::max(biased, p.activationMinF), p.activationMaxF);
            }
        }
        return;
    }
    const int8_t* in = ctx.inputData<int8_t>(0);
    const int8_t* weights = ctx.inputData<int8_t>(1);
    const int32_t* bias = hasBias ? ctx.inputData<int32_t>(2) : nullptr;
    int8_t* out = ctx.outputData<int8_t>();
    const bool perChannel = p.multipliers.size() > 1 && filter.quant.scale.size() > 1;
    for (int64_t b = 0; b < batches; ++b) {
        for (int oc = 0; oc < outDepth; ++oc) {
            int32_t acc = 0;
            for (int d = 0; d < accumDepth; ++d)
                acc += (static_cast<int32_t>(weights[static_cast<int64_t>(oc) * accumDepth + d]) + p.filterOffset) *
                       (static_cast<int32_t>(in[b * accumDepth + d]) + p.inputOffset);
            if (bias) acc = fixed::addSaturating(acc, bias[oc]);
            const int channel = perChannel ? oc : 0;
            acc = fixed::addSaturating(fixed::multiplyByQuantizedMultiplier(acc, p.multipliers[channel], p.shifts[channel]), p.outputOffset);
            out[b * outDepth + oc] = static_cast<int8_t>(std::min(std::max(acc, p.activationMin), p.activationMax));
        }
    }
}

}  // namespace mcunet::runtime
