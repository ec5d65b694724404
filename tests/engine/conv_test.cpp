// CONV_2D kernels: hand-computed cases (padding, per-channel shifts of both signs, rounding ties,
// saturation, zero points, activation clamp), a naive reference on random shapes, and the
// identity of the Cortex-M SIMD path (ACLE emulated) with the portable path.
#include <gtest/gtest.h>

#include <vector>

#include "engine_test_util.h"

namespace {

using engine_test::baseConvParams;
using engine_test::randomInt;
using engine_test::randomInt8;
using engine_test::randomMultipliers;
using engine_test::refConvOutput;

TEST(EngineConv, SamePaddingPerChannelShiftsAndClamp) {
  // Input 3x3x1, zero point 2, real values v = 1..9. Filter oc0 all +1 (x0.5, zp -3), oc1 all -1
  // with bias 100 (x1.0 via shift +1). SAME padding: border windows see only the in-bounds taps.
  mcu_conv_params p = baseConvParams();
  p.input_h = p.input_w = 3;
  p.input_c = 1;
  p.output_h = p.output_w = 3;
  p.output_c = 2;
  p.kernel_h = p.kernel_w = 3;
  p.pad_top = p.pad_left = 1;
  p.input_zero_point = 2;
  p.output_zero_point = -3;
  p.activation_max = 70;
  const int32_t mult[2] = {1 << 30, 1 << 30};
  const int32_t shift[2] = {0, 1};
  p.output_multiplier = mult;
  p.output_shift = shift;
  std::vector<int8_t> input(9);
  for (int i = 0; i < 9; ++i) input[i] = static_cast<int8_t>(i + 1 + 2);
  std::vector<int8_t> filter(18);
  for (int i = 0; i < 9; ++i) {
    filter[i] = 1;
    filter[9 + i] = -1;
  }
  const int32_t bias[2] = {0, 100};
  // Window sums S: 12 21 16 / 27 45 33 / 24 39 28.
  // oc0: round(S/2) (ties up) - 3 = 3 8 5 / 11 20 14 / 9 17 11.
  // oc1: 100 - S - 3 = 85 76 81 / 70 52 64 / 73 58 69, clamped to 70.
  const std::vector<int8_t> expected = {3, 70, 8, 70, 5, 70, 11, 70, 20, 52,
                                        14, 64, 9, 70, 17, 58, 11, 69};
  std::vector<int8_t> scratch(mcu_conv_s8_scratch_bytes(&p));
  std::vector<int8_t> out(18);
  mcu_conv_s8(&p, input.data(), filter.data(), bias, out.data(), scratch.data());
  EXPECT_EQ(out, expected);
  std::vector<int8_t> out_simd(18);
  std::vector<int8_t> scratch_simd(emu_mcu_conv_s8_scratch_bytes(&p));
  emu_mcu_conv_s8(&p, input.data(), filter.data(), bias, out_simd.data(), scratch_simd.data());
  EXPECT_EQ(out_simd, expected);
}

TEST(EngineConv, PointwiseZeroPointsDoubleRoundingSaturation) {
  // Two pixels, 5 input channels (exercises the 4-wide loop and its tail), input zero point -1.
  mcu_conv_params p = baseConvParams();
  p.input_h = 1;
  p.input_w = 2;
  p.input_c = 5;
  p.output_h = 1;
  p.output_w = 2;
  p.output_c = 3;
  p.kernel_h = p.kernel_w = 1;
  p.input_zero_point = -1;
  p.output_zero_point = 5;
  // oc0 x0.25 (shift -1), oc1 x0.5, oc2 x3.0 (0.75, shift +2).
  const int32_t mult[3] = {1 << 30, 1 << 30, 1610612736};
  const int32_t shift[3] = {-1, 0, 2};
  p.output_multiplier = mult;
  p.output_shift = shift;
  // Real values: pixel0 1 2 3 4 5, pixel1 -127 128 1 0 11.
  const std::vector<int8_t> input = {0, 1, 2, 3, 4, -128, 127, 0, -1, 10};
  const std::vector<int8_t> filter = {1,   1,   1,   1,   1,     // sums 15 / 13
                                      127, 127, 127, 127, 127,   // 1905 / 1651
                                      -1,  2,   0,   0,   -1};   // -2 / 372
  const int32_t bias[3] = {0, 0, -380};
  // oc0: 15*0.25 = 3.75 -> 4; 13*0.25 = 3.25 -> SQRDMULH 7 (6.5 up) -> 3.5 -> 4 (double rounding).
  // oc1: 952.5 / 825.5 saturate at 127. oc2: (-2-380)*3 = -1146 -> -128; (372-380)*3 = -24 -> -19.
  const std::vector<int8_t> expected = {9, 127, -128, 9, 127, -19};
  std::vector<int8_t> out(6);
  std::vector<int8_t> scratch(mcu_conv_1x1_s8_scratch_bytes(&p));
  mcu_conv_1x1_s8(&p, input.data(), filter.data(), bias, out.data(), scratch.data());
  EXPECT_EQ(out, expected);
  std::vector<int8_t> out_general(6);
  std::vector<int8_t> scratch_general(mcu_conv_s8_scratch_bytes(&p));
  mcu_conv_s8(&p, input.data(), filter.data(), bias, out_general.data(), scratch_general.data());
  EXPECT_EQ(out_general, expected);
  std::vector<int8_t> out_simd(6);
  std::vector<int8_t> scratch_simd(emu_mcu_conv_1x1_s8_scratch_bytes(&p));
  emu_mcu_conv_1x1_s8(&p, input.data(), filter.data(), bias, out_simd.data(), scratch_simd.data());
  EXPECT_EQ(out_simd, expected);
}

TEST(EngineConv, StrideTwoValidNoBias) {
  // 4x4x1 input (zero point 0) = 0..15, 2x2 filter [1 0; 0 -1], stride 2, VALID: each output is
  // top-left minus bottom-right of its block = -5 everywhere; x1.0.
  mcu_conv_params p = baseConvParams();
  p.input_h = p.input_w = 4;
  p.input_c = 1;
  p.output_h = p.output_w = 2;
  p.output_c = 1;
  p.kernel_h = p.kernel_w = 2;
  p.stride_h = p.stride_w = 2;
  const int32_t mult[1] = {1 << 30};
  const int32_t shift[1] = {1};
  p.output_multiplier = mult;
  p.output_shift = shift;
  std::vector<int8_t> input(16);
  for (int i = 0; i < 16; ++i) input[i] = static_cast<int8_t>(i);
  const std::vector<int8_t> filter = {1, 0, 0, -1};
  std::vector<int8_t> out(4);
  std::vector<int8_t> scratch(mcu_conv_s8_scratch_bytes(&p));
  mcu_conv_s8(&p, input.data(), filter.data(), nullptr, out.data(), scratch.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-5, -5, -5, -5}));
}

TEST(EngineConv, ScratchSizesAreTargetIndependent) {
  mcu_conv_params p = baseConvParams();
  p.kernel_h = p.kernel_w = 3;
  p.input_c = 3;
  EXPECT_EQ(mcu_conv_s8_scratch_bytes(&p), 2u * 27u * 2u);
  EXPECT_EQ(mcu_conv_s8_scratch_bytes(&p), emu_mcu_conv_s8_scratch_bytes(&p));
  p.input_c = 16;
  EXPECT_EQ(mcu_conv_1x1_s8_scratch_bytes(&p), 64u);
  EXPECT_EQ(mcu_conv_1x1_s8_scratch_bytes(&p), emu_mcu_conv_1x1_s8_scratch_bytes(&p));
}

// Naive TFLite reference_integer_ops::ConvPerChannel, in C++.
std::vector<int8_t> referenceConv(const mcu_conv_params& p, const std::vector<int8_t>& in,
                                  const std::vector<int8_t>& f, const std::vector<int32_t>& bias) {
  std::vector<int8_t> out(static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c);
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.output_h; ++oy)
      for (int ox = 0; ox < p.output_w; ++ox)
        for (int oc = 0; oc < p.output_c; ++oc) {
          int32_t acc = 0;
          for (int ky = 0; ky < p.kernel_h; ++ky)
            for (int kx = 0; kx < p.kernel_w; ++kx) {
              const int iy = oy * p.stride_h - p.pad_top + ky * p.dilation_h;
              const int ix = ox * p.stride_w - p.pad_left + kx * p.dilation_w;
              if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) continue;
              for (int ic = 0; ic < p.input_c; ++ic) {
                const int x = in[((b * p.input_h + iy) * p.input_w + ix) * p.input_c + ic];
                const int w = f[((oc * p.kernel_h + ky) * p.kernel_w + kx) * p.input_c + ic];
                acc += w * (x - p.input_zero_point);
              }
            }
          out[((b * p.output_h + oy) * p.output_w + ox) * p.output_c + oc] =
              refConvOutput(p, acc + bias[oc], oc);
        }
  return out;
}

TEST(EngineConv, RandomShapesMatchReferenceAndSimdIsBitIdentical) {
  std::mt19937 rng(1234);
  const int channel_choices[] = {1, 2, 3, 4, 5, 7, 8, 12, 16};
  for (int iter = 0; iter < 300; ++iter) {
    mcu_conv_params p = baseConvParams();
    p.batches = randomInt(rng, 1, 2);
    p.input_h = randomInt(rng, 1, 9);
    p.input_w = randomInt(rng, 1, 9);
    p.input_c = channel_choices[randomInt(rng, 0, 8)];
    p.output_c = randomInt(rng, 1, 9);
    const bool pointwise = iter % 3 == 0;
    p.kernel_h = pointwise ? 1 : randomInt(rng, 1, 5);
    p.kernel_w = pointwise ? 1 : randomInt(rng, 1, 5);
    p.stride_h = randomInt(rng, 1, 2);
    p.stride_w = randomInt(rng, 1, 2);
    p.dilation_h = pointwise ? 1 : randomInt(rng, 1, 2);
    p.dilation_w = pointwise ? 1 : randomInt(rng, 1, 2);
    const int same = pointwise ? 0 : randomInt(rng, 0, 1);
    mcu_compute_padding(same, p.input_h, p.kernel_h, p.stride_h, p.dilation_h, &p.output_h,
                        &p.pad_top);
    mcu_compute_padding(same, p.input_w, p.kernel_w, p.stride_w, p.dilation_w, &p.output_w,
                        &p.pad_left);
    if (p.output_h <= 0 || p.output_w <= 0) continue;
    p.input_zero_point = randomInt(rng, -128, 127);
    p.output_zero_point = randomInt(rng, -128, 127);
    p.activation_min = randomInt(rng, -128, 0);
    p.activation_max = randomInt(rng, 0, 127);
    std::vector<int32_t> mult, shift;
    randomMultipliers(rng, p.output_c, -12, 2, mult, shift);
    p.output_multiplier = mult.data();
    p.output_shift = shift.data();
    const auto input = randomInt8(rng, static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
    const auto filter = randomInt8(rng, static_cast<size_t>(p.output_c) * p.kernel_h * p.kernel_w * p.input_c);
    std::vector<int32_t> bias(p.output_c);
    for (auto& b : bias) b = randomInt(rng, -20000, 20000);
    const auto expected = referenceConv(p, input, filter, bias);

    const size_t out_size = expected.size();
    std::vector<int8_t> out(out_size), out_simd(out_size);
    // Scratch filled with garbage: no kernel may rely on it being zeroed.
    auto scratch = randomInt8(rng, mcu_conv_s8_scratch_bytes(&p));
    auto scratch_simd = randomInt8(rng, emu_mcu_conv_s8_scratch_bytes(&p));
    if (pointwise) {
      scratch = randomInt8(rng, mcu_conv_1x1_s8_scratch_bytes(&p));
      scratch_simd = randomInt8(rng, emu_mcu_conv_1x1_s8_scratch_bytes(&p));
      mcu_conv_1x1_s8(&p, input.data(), filter.data(), bias.data(), out.data(), scratch.data());
      emu_mcu_conv_1x1_s8(&p, input.data(), filter.data(), bias.data(), out_simd.data(),
                          scratch_simd.data());
    } else {
      mcu_conv_s8(&p, input.data(), filter.data(), bias.data(), out.data(), scratch.data());
      emu_mcu_conv_s8(&p, input.data(), filter.data(), bias.data(), out_simd.data(),
                      scratch_simd.data());
    }
    ASSERT_EQ(out, expected) << "iteration " << iter;
    ASSERT_EQ(out_simd, out) << "iteration " << iter;
  }
}

TEST(EngineConv, FirstLayerThreeChannelsSimdIdentity) {
  // mcunet_vww's first layer shape: 80x80x3 input (after QUANTIZE), 3x3 stride 2 SAME, 16 outputs.
  std::mt19937 rng(77);
  mcu_conv_params p = baseConvParams();
  p.input_h = p.input_w = 80;
  p.input_c = 3;
  p.output_c = 16;
  p.kernel_h = p.kernel_w = 3;
  p.stride_h = p.stride_w = 2;
  mcu_compute_padding(1, 80, 3, 2, 1, &p.output_h, &p.pad_top);
  mcu_compute_padding(1, 80, 3, 2, 1, &p.output_w, &p.pad_left);
  p.input_zero_point = -1;
  p.output_zero_point = -128;
  p.activation_min = -128;
  p.activation_max = 127;
  std::vector<int32_t> mult, shift;
  randomMultipliers(rng, p.output_c, -10, 0, mult, shift);
  p.output_multiplier = mult.data();
  p.output_shift = shift.data();
  const auto input = randomInt8(rng, 80 * 80 * 3);
  const auto filter = randomInt8(rng, 16 * 27);
  std::vector<int32_t> bias(16);
  for (auto& b : bias) b = randomInt(rng, -5000, 5000);
  std::vector<int8_t> out(40 * 40 * 16), out_simd(40 * 40 * 16);
  std::vector<int8_t> scratch(mcu_conv_s8_scratch_bytes(&p)), scratch_simd(scratch.size());
  mcu_conv_s8(&p, input.data(), filter.data(), bias.data(), out.data(), scratch.data());
  emu_mcu_conv_s8(&p, input.data(), filter.data(), bias.data(), out_simd.data(), scratch_simd.data());
  EXPECT_EQ(out, referenceConv(p, input, filter, bias));
  EXPECT_EQ(out_simd, out);
}

}  // namespace
