// Quantization helpers: TFLite's QuantizeMultiplier and MultiplyByQuantizedMultiplier (double
// rounding, TF-Lite Micro's default), padding and activation ranges. Expectations by hand.
#include <gtest/gtest.h>

#include "engine_test_util.h"
#include "mcunet_engine/quant.h"

namespace {

struct QM {
  int32_t multiplier;
  int shift;
};

QM quantize(double m) {
  QM q{-1, -1};
  mcu_quantize_multiplier(m, &q.multiplier, &q.shift);
  return q;
}

TEST(EngineQuant, QuantizeMultiplierMatchesTflite) {
  EXPECT_EQ(quantize(0.5).multiplier, 1 << 30);
  EXPECT_EQ(quantize(0.5).shift, 0);
  EXPECT_EQ(quantize(1.0).multiplier, 1 << 30);
  EXPECT_EQ(quantize(1.0).shift, 1);
  EXPECT_EQ(quantize(0.75).multiplier, 1610612736);
  EXPECT_EQ(quantize(0.75).shift, 0);
  // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4 rounds down.
  EXPECT_EQ(quantize(0.1).multiplier, 1717986918);
  EXPECT_EQ(quantize(0.1).shift, -3);
  // Mantissa rounds up to 2^31: halved, exponent incremented.
  EXPECT_EQ(quantize(1.0 - 1.0 / (1ull << 34)).multiplier, 1 << 30);
  EXPECT_EQ(quantize(1.0 - 1.0 / (1ull << 34)).shift, 1);
  // Zero and multipliers below 2^-31 are encoded as (0, 0).
  EXPECT_EQ(quantize(0.0).multiplier, 0);
  EXPECT_EQ(quantize(0.0).shift, 0);
  EXPECT_EQ(quantize(1.0 / (1ull << 40)).multiplier, 0);
  EXPECT_EQ(quantize(1.0 / (1ull << 40)).shift, 0);
}

TEST(EngineQuant, MultiplyByQuantizedMultiplierRoundsTwice) {
  const int32_t half = 1 << 30;  // 0.5 in Q31
  // 1 * 0.25: SQRDMULH gives round(0.5) = 1, then the rounding shift gives round(0.5) = 1. A
  // single-rounding implementation would give 0: this pins TFLM's default double rounding.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(1, half, -1), 1);
  // 5 * 0.25 = 1.25 -> SQRDMULH 3 (2.5 rounded up) -> 3/2 = 1.5 rounded away -> 2.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(5, half, -1), 2);
  // -5 * 0.25: SQRDMULH rounds -2.5 up to -2, then -1.0 -> -1.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(-5, half, -1), -1);
  // Ties in SQRDMULH round up (toward +inf): 1.5 -> 2, -1.5 -> -1.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(3, half, 0), 2);
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(-3, half, 0), -1);
  // Ties in the final shift round away from zero: -3 * 0.5 = -1.5 -> -1 (SQRDMULH of -3 by 0.5),
  // whereas -6 * 0.25 = -1.5 via SQRDMULH(-6, 0.5) = -3 then -3/2 -> -2.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(-6, half, -1), -2);
  // Positive shift: x << shift first. -3 * 1.0 = -3 exactly.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(-3, half, 1), -3);
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(7, 1610612736, 2), 21);  // 7 * 3.0
  // The one saturating case of SQRDMULH.
  EXPECT_EQ(mcu_multiply_by_quantized_multiplier(INT32_MIN, INT32_MIN, 0), INT32_MAX);
}

TEST(EngineQuant, FusedRoundingEqualsGemmlowpTwoStepForm) {
  // The kernels fuse SQRDMULH and the rounding shift into one 64-bit sum; this compares it with
  // the two-step gemmlowp form (written independently in the test) over random and extreme
  // arguments: every accumulator magnitude, multipliers over [0, 2^31), shifts -31..+7.
  std::mt19937 rng(42);
  std::uniform_int_distribution<int32_t> any(INT32_MIN, INT32_MAX);
  std::uniform_int_distribution<int32_t> mult(0, INT32_MAX);
  const int32_t edges[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MIN + 1,
                           1 << 30, -(1 << 30), (1 << 30) - 1, 12345678, -12345678};
  for (int i = 0; i < 400000; ++i) {
    const int shift = engine_test::randomInt(rng, -31, 0);
    // Accumulators of every magnitude: a random value shifted right by a random amount.
    const int32_t x = i < 200000 ? (any(rng) >> engine_test::randomInt(rng, 0, 31)) : any(rng);
    const int32_t m = i % 7 == 0 ? (1 << 30) : mult(rng);
    ASSERT_EQ(mcu_multiply_by_quantized_multiplier(x, m, shift),
              engine_test::refRequantize(x, m, shift))
        << "x " << x << " m " << m << " shift " << shift;
  }
  for (int32_t x : edges)
    for (int32_t m : {0, 1, (1 << 30), INT32_MAX, 1518500250})
      for (int shift = -31; shift <= 0; ++shift)
        ASSERT_EQ(mcu_multiply_by_quantized_multiplier(x, m, shift),
                  engine_test::refRequantize(x, m, shift))
            << "x " << x << " m " << m << " shift " << shift;
  // Positive shifts (left shift first) within the range where x << shift does not overflow.
  for (int i = 0; i < 50000; ++i) {
    const int shift = engine_test::randomInt(rng, 1, 7);
    const int32_t x = any(rng) >> (shift + engine_test::randomInt(rng, 0, 20));
    const int32_t m = mult(rng);
    ASSERT_EQ(mcu_multiply_by_quantized_multiplier(x, m, shift),
              engine_test::refRequantize(x, m, shift));
  }
}

TEST(EngineQuant, PaddingSameAndValid) {
  int32_t out = 0, pad = 0;
  mcu_compute_padding(1, 5, 3, 2, 1, &out, &pad);
  EXPECT_EQ(out, 3);
  EXPECT_EQ(pad, 1);
  mcu_compute_padding(0, 5, 3, 2, 1, &out, &pad);
  EXPECT_EQ(out, 2);
  EXPECT_EQ(pad, 0);
  // Odd total padding: TensorFlow puts the extra row at the end.
  mcu_compute_padding(1, 4, 3, 2, 1, &out, &pad);
  EXPECT_EQ(out, 2);
  EXPECT_EQ(pad, 0);
  // Dilation 2 makes a 3-tap filter span 5.
  mcu_compute_padding(1, 6, 3, 1, 2, &out, &pad);
  EXPECT_EQ(out, 6);
  EXPECT_EQ(pad, 2);
}

TEST(EngineQuant, ActivationRanges) {
  int32_t lo = 0, hi = 0;
  mcu_activation_range_s8(MCU_ACT_RELU6, 0.1f, -10, &lo, &hi);
  EXPECT_EQ(lo, -10);
  EXPECT_EQ(hi, 50);
  mcu_activation_range_s8(MCU_ACT_RELU, 0.05f, -128, &lo, &hi);
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, 127);
  mcu_activation_range_s8(MCU_ACT_RELU_N1_TO_1, 0.01f, 0, &lo, &hi);
  EXPECT_EQ(lo, -100);
  EXPECT_EQ(hi, 100);
  mcu_activation_range_s8(MCU_ACT_RELU6, 0.01f, 3, &lo, &hi);
  EXPECT_EQ(lo, 3);
  EXPECT_EQ(hi, 127);
  mcu_activation_range_s8(MCU_ACT_NONE, 0.01f, 3, &lo, &hi);
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, 127);
}

TEST(EngineQuant, ConvMultipliersPerChannelAndPerTensor) {
  const float filter_scales[2] = {0.5f, 0.25f};
  int32_t m[2], s[2];
  mcu_conv_quantize_multipliers(2.0f, filter_scales, 2, 4.0f, 2, m, s);
  EXPECT_EQ(m[0], 1 << 30);  // 2 * 0.5 / 4 = 0.25
  EXPECT_EQ(s[0], -1);
  EXPECT_EQ(m[1], 1 << 30);  // 0.125
  EXPECT_EQ(s[1], -2);
  mcu_conv_quantize_multipliers(2.0f, filter_scales, 1, 4.0f, 2, m, s);
  EXPECT_EQ(s[0], -1);
  EXPECT_EQ(s[1], -1);
}

}  // namespace
