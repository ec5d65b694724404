// DEPTHWISE_CONV_2D: hand-computed cases (stride 2 SAME, negative shift with bias, depth
// multiplier 2), random shapes against a naive reference, SIMD-vs-portable identity, and the
// in-place variant against the regular kernel.
#include <gtest/gtest.h>

#include <vector>

#include "engine_test_util.h"

namespace {

using engine_test::baseConvParams;
using engine_test::randomInt;
using engine_test::randomInt8;
using engine_test::randomMultipliers;
using engine_test::refConvOutput;

TEST(EngineDepthwise, StrideTwoSameTwoChannels) {
  // 3x3x2 input: channel 0 = 1..9, channel 1 = -(1..9). Filter 3x3: channel 0 all 1, channel 1
  // all 2. Stride 2 SAME (pad 1): outputs at input (0,0),(0,2),(2,0),(2,2) see the 2x2 corner
  // blocks, sums S = 12, 16, 24, 28.
  mcu_conv_params p = baseConvParams();
  p.input_h = p.input_w = 3;
  p.input_c = p.output_c = 2;
  p.output_h = p.output_w = 2;
  p.kernel_h = p.kernel_w = 3;
  p.stride_h = p.stride_w = 2;
  p.pad_top = p.pad_left = 1;
  p.output_zero_point = 1;
  const int32_t mult[2] = {1 << 30, 1 << 30};
  const int32_t shift[2] = {0, -2};  // x0.5, x0.125
  p.output_multiplier = mult;
  p.output_shift = shift;
  std::vector<int8_t> input(18);
  for (int i = 0; i < 9; ++i) {
    input[2 * i] = static_cast<int8_t>(i + 1);
    input[2 * i + 1] = static_cast<int8_t>(-(i + 1));
  }
  std::vector<int8_t> filter(18);
  for (int i = 0; i < 9; ++i) {
    filter[2 * i] = 1;
    filter[2 * i + 1] = 2;
  }
  const int32_t bias[2] = {0, 1};
  // ch0: S/2 + 1 = 7 9 13 15. ch1: (1 - 2S)/8 = -2.875 -3.875 -5.875 -6.875 -> -3 -4 -6 -7, +1.
  const std::vector<int8_t> expected = {7, -2, 9, -3, 13, -5, 15, -6};
  std::vector<int8_t> out(8), out_simd(8);
  mcu_depthwise_conv_s8(&p, input.data(), filter.data(), bias, out.data(), nullptr);
  EXPECT_EQ(out, expected);
  emu_mcu_depthwise_conv_s8(&p, input.data(), filter.data(), bias, out_simd.data(), nullptr);
  EXPECT_EQ(out_simd, expected);
}

TEST(EngineDepthwise, DepthMultiplierTwo) {
  // 2x2x1 input 1 2 3 4, 2x2 VALID, two outputs per input channel: [1 1; 1 1] and [1 -1; 1 -1].
  mcu_conv_params p = baseConvParams();
  p.input_h = p.input_w = 2;
  p.input_c = 1;
  p.output_c = 2;
  p.depth_multiplier = 2;
  p.output_h = p.output_w = 1;
  p.kernel_h = p.kernel_w = 2;
  const int32_t mult[2] = {1 << 30, 1 << 30};
  const int32_t shift[2] = {1, 1};
  p.output_multiplier = mult;
  p.output_shift = shift;
  const std::vector<int8_t> input = {1, 2, 3, 4};
  const std::vector<int8_t> filter = {1, 1, 1, -1, 1, 1, 1, -1};  // [ky][kx][oc]
  std::vector<int8_t> out(2);
  mcu_depthwise_conv_s8(&p, input.data(), filter.data(), nullptr, out.data(), nullptr);
  EXPECT_EQ(out, (std::vector<int8_t>{10, -2}));
}

std::vector<int8_t> referenceDepthwise(const mcu_conv_params& p, const std::vector<int8_t>& in,
                                       const std::vector<int8_t>& f,
                                       const std::vector<int32_t>& bias) {
  std::vector<int8_t> out(static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c);
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.output_h; ++oy)
      for (int ox = 0; ox < p.output_w; ++ox)
        for (int ic = 0; ic < p.input_c; ++ic)
          for (int m = 0; m < p.depth_multiplier; ++m) {
            const int oc = ic * p.depth_multiplier + m;
            int32_t acc = 0;
            for (int ky = 0; ky < p.kernel_h; ++ky)
              for (int kx = 0; kx < p.kernel_w; ++kx) {
                const int iy = oy * p.stride_h - p.pad_top + ky * p.dilation_h;
                const int ix = ox * p.stride_w - p.pad_left + kx * p.dilation_w;
                if (iy < 0 || iy >= p.input_h || ix < 0 || ix >= p.input_w) continue;
                const int x = in[((b * p.input_h + iy) * p.input_w + ix) * p.input_c + ic];
                const int w = f[(ky * p.kernel_w + kx) * p.output_c + oc];
                acc += w * (x - p.input_zero_point);
              }
            out[((b * p.output_h + oy) * p.output_w + ox) * p.output_c + oc] =
                refConvOutput(p, acc + bias[oc], oc);
          }
  return out;
}

struct RandomCase {
  mcu_conv_params p;
  std::vector<int32_t> mult, shift, bias;
  std::vector<int8_t> input, filter;
};

bool makeRandomCase(std::mt19937& rng, RandomCase& c, bool inplace) {
  mcu_conv_params& p = c.p;
  p = baseConvParams();
  p.batches = inplace ? 1 : randomInt(rng, 1, 2);
  p.input_h = randomInt(rng, 1, 10);
  p.input_w = randomInt(rng, 1, 10);
  p.input_c = randomInt(rng, 1, 13);
  p.depth_multiplier = inplace ? 1 : (randomInt(rng, 0, 3) == 0 ? 2 : 1);
  p.output_c = p.input_c * p.depth_multiplier;
  p.kernel_h = randomInt(rng, 1, 5);
  p.kernel_w = randomInt(rng, 1, 5);
  p.stride_h = randomInt(rng, 1, 2);
  p.stride_w = randomInt(rng, 1, 2);
  p.dilation_h = inplace ? 1 : randomInt(rng, 1, 2);
  p.dilation_w = inplace ? 1 : randomInt(rng, 1, 2);
  const int same = inplace ? 1 : randomInt(rng, 0, 1);
  mcu_compute_padding(same, p.input_h, p.kernel_h, p.stride_h, p.dilation_h, &p.output_h, &p.pad_top);
  mcu_compute_padding(same, p.input_w, p.kernel_w, p.stride_w, p.dilation_w, &p.output_w, &p.pad_left);
  if (p.output_h <= 0 || p.output_w <= 0) return false;
  p.input_zero_point = randomInt(rng, -128, 127);
  p.output_zero_point = randomInt(rng, -128, 127);
  p.activation_min = randomInt(rng, -128, 0);
  p.activation_max = randomInt(rng, 0, 127);
  randomMultipliers(rng, p.output_c, -10, 2, c.mult, c.shift);
  p.output_multiplier = c.mult.data();
  p.output_shift = c.shift.data();
  c.input = randomInt8(rng, static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
  c.filter = randomInt8(rng, static_cast<size_t>(p.kernel_h) * p.kernel_w * p.output_c);
  c.bias.resize(p.output_c);
  for (auto& b : c.bias) b = randomInt(rng, -20000, 20000);
  return true;
}

TEST(EngineDepthwise, RandomShapesMatchReferenceAndSimdIsBitIdentical) {
  std::mt19937 rng(99);
  int tested = 0;
  for (int iter = 0; iter < 400; ++iter) {
    RandomCase c;
    if (!makeRandomCase(rng, c, false)) continue;
    ++tested;
    const auto expected = referenceDepthwise(c.p, c.input, c.filter, c.bias);
    std::vector<int8_t> out(expected.size()), out_simd(expected.size());
    mcu_depthwise_conv_s8(&c.p, c.input.data(), c.filter.data(), c.bias.data(), out.data(), nullptr);
    emu_mcu_depthwise_conv_s8(&c.p, c.input.data(), c.filter.data(), c.bias.data(),
                              out_simd.data(), nullptr);
    ASSERT_EQ(out, expected) << "iteration " << iter;
    ASSERT_EQ(out_simd, out) << "iteration " << iter;
  }
  EXPECT_GT(tested, 300);
}

TEST(EngineDepthwise, InPlaceEqualsRegularKernel) {
  std::mt19937 rng(5);
  int tested = 0;
  for (int iter = 0; iter < 200; ++iter) {
    RandomCase c;
    if (!makeRandomCase(rng, c, true)) continue;
    ++tested;
    std::vector<int8_t> regular(static_cast<size_t>(c.p.output_h) * c.p.output_w * c.p.output_c);
    mcu_depthwise_conv_s8(&c.p, c.input.data(), c.filter.data(), c.bias.data(), regular.data(),
                          nullptr);
    ASSERT_EQ(mcu_depthwise_conv_s8_inplace_scratch_bytes(&c.p),
              static_cast<size_t>(c.p.input_h) * c.p.input_w);
    for (int variant = 0; variant < 2; ++variant) {
      std::vector<int8_t> data = c.input;
      auto scratch = randomInt8(rng, mcu_depthwise_conv_s8_inplace_scratch_bytes(&c.p));
      if (variant == 0) {
        mcu_depthwise_conv_s8_inplace(&c.p, data.data(), c.filter.data(), c.bias.data(),
                                      scratch.data());
      } else {
        emu_mcu_depthwise_conv_s8_inplace(&c.p, data.data(), c.filter.data(), c.bias.data(),
                                          scratch.data());
      }
      data.resize(regular.size());
      ASSERT_EQ(data, regular) << "iteration " << iter << " variant " << variant;
    }
  }
  EXPECT_GT(tested, 150);
}

TEST(EngineDepthwise, InPlaceThreeByThreeInteriorPath) {
  // 3x3 kernels on a plane large enough that most pixels take the unrolled interior path of the
  // Cortex-M in-place kernel; stride 1 and 2, SAME; portable and SIMD-emulated against regular.
  std::mt19937 rng(31);
  for (int stride = 1; stride <= 2; ++stride) {
    mcu_conv_params p = baseConvParams();
    p.input_h = 13;
    p.input_w = 12;
    p.input_c = p.output_c = 6;
    p.kernel_h = p.kernel_w = 3;
    p.stride_h = p.stride_w = stride;
    mcu_compute_padding(1, p.input_h, 3, stride, 1, &p.output_h, &p.pad_top);
    mcu_compute_padding(1, p.input_w, 3, stride, 1, &p.output_w, &p.pad_left);
    p.input_zero_point = -7;
    p.output_zero_point = 3;
    std::vector<int32_t> mult, shift;
    randomMultipliers(rng, p.output_c, -9, 1, mult, shift);
    p.output_multiplier = mult.data();
    p.output_shift = shift.data();
    const auto input = randomInt8(rng, 13 * 12 * 6);
    const auto filter = randomInt8(rng, 9 * 6);
    std::vector<int32_t> bias(6);
    for (auto& b : bias) b = randomInt(rng, -3000, 3000);
    const auto expected = referenceDepthwise(p, input, filter, bias);
    std::vector<int8_t> portable = input, simd = input;
    std::vector<int8_t> scratch(mcu_depthwise_conv_s8_inplace_scratch_bytes(&p));
    mcu_depthwise_conv_s8_inplace(&p, portable.data(), filter.data(), bias.data(), scratch.data());
    emu_mcu_depthwise_conv_s8_inplace(&p, simd.data(), filter.data(), bias.data(), scratch.data());
    portable.resize(expected.size());
    simd.resize(expected.size());
    EXPECT_EQ(portable, expected) << "stride " << stride;
    EXPECT_EQ(simd, expected) << "stride " << stride;
  }
}

}  // namespace
