// ADD and MUL: parameter derivation, rounding ties (ADD rounds -1.5 to -2, MUL to -1), zero points,
// saturation, activation clamp, broadcasting.
#include <gtest/gtest.h>

#include <vector>

#include "mcunet_engine/elementwise.h"

namespace {

mcu_elementwise_params params(const int32_t d1[4], const int32_t d2[4], const int32_t dout[4]) {
  mcu_elementwise_params p{};
  for (int i = 0; i < 4; ++i) {
    p.input1_dims[i] = d1[i];
    p.input2_dims[i] = d2[i];
    p.output_dims[i] = dout[i];
  }
  p.activation_min = -128;
  p.activation_max = 127;
  return p;
}

const int32_t kFlat4[4] = {1, 1, 1, 4};

TEST(EngineAdd, PrepareMatchesTflm) {
  mcu_elementwise_params p = params(kFlat4, kFlat4, kFlat4);
  mcu_add_prepare(1.0f, 0, 1.0f, 0, 1.0f, 0, &p);
  EXPECT_EQ(p.left_shift, 20);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);  // 1 / (2 * 1) = 0.5
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.output_multiplier, 1 << 30);  // 2 / 2^20 = 2^-19 = 0.5 * 2^-18
  EXPECT_EQ(p.output_shift, -18);
}

TEST(EngineAdd, SumsTiesAndSaturation) {
  mcu_elementwise_params p = params(kFlat4, kFlat4, kFlat4);
  mcu_add_prepare(1.0f, 0, 1.0f, 0, 1.0f, 0, &p);
  const std::vector<int8_t> a = {3, -100, 127, -7};
  const std::vector<int8_t> b = {4, -100, 127, 2};
  std::vector<int8_t> out(4);
  mcu_add_s8(&p, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{7, -128, 127, -5}));

  // Output scale 2: 3 + 0 = 1.5 -> 2 and -3 + 0 = -1.5 -> -2 (the final shift rounds half away
  // from zero), 5 + 0 = 2.5 -> 3.
  mcu_add_prepare(1.0f, 0, 1.0f, 0, 2.0f, 0, &p);
  const std::vector<int8_t> c = {3, -3, 5, -5};
  const std::vector<int8_t> zero = {0, 0, 0, 0};
  mcu_add_s8(&p, c.data(), zero.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, -2, 3, -3}));
}

TEST(EngineAdd, ZeroPointsScalesAndRelu) {
  mcu_elementwise_params p = params(kFlat4, kFlat4, kFlat4);
  // a: scale 1, zp 10; b: scale 0.5, zp -5; out: scale 1, zp 3.
  mcu_add_prepare(1.0f, 10, 0.5f, -5, 1.0f, 3, &p);
  const std::vector<int8_t> a = {15, 10, 0, 20};   // 5, 0, -10, 10
  const std::vector<int8_t> b = {5, -1, -5, -25};  // 5, 2, 0, -10 (x0.5)
  std::vector<int8_t> out(4);
  mcu_add_s8(&p, a.data(), b.data(), out.data());
  // 10 + 3, 2 + 3, -10 + 3, 0 + 3.
  EXPECT_EQ(out, (std::vector<int8_t>{13, 5, -7, 3}));
  p.activation_min = 3;  // RELU at zero point 3
  mcu_add_s8(&p, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{13, 5, 3, 3}));
}

TEST(EngineAdd, Broadcasting) {
  const int32_t d1[4] = {1, 1, 2, 3};
  const int32_t d2[4] = {1, 1, 1, 3};
  mcu_elementwise_params p = params(d1, d2, d1);
  mcu_add_prepare(1.0f, 0, 1.0f, 0, 1.0f, 0, &p);
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};
  const std::vector<int8_t> b = {10, 20, 30};
  std::vector<int8_t> out(6);
  mcu_add_s8(&p, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, 22, 33, 14, 25, 36}));

  // Both inputs broadcast: [1,2,1,1] + [1,1,1,3] -> [1,2,1,3].
  const int32_t e1[4] = {1, 2, 1, 1};
  const int32_t e2[4] = {1, 1, 1, 3};
  const int32_t eo[4] = {1, 2, 1, 3};
  p = params(e1, e2, eo);
  mcu_add_prepare(1.0f, 0, 1.0f, 0, 1.0f, 0, &p);
  const std::vector<int8_t> x = {1, 2};
  mcu_add_s8(&p, x.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, 21, 31, 12, 22, 32}));
}

TEST(EngineMul, ProductsTiesZeroPointsSaturation) {
  mcu_elementwise_params p = params(kFlat4, kFlat4, kFlat4);
  mcu_mul_prepare(0.5f, 0, 0.5f, 0, 0.25f, 0, &p);  // multiplier 1.0
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, 1);
  const std::vector<int8_t> a = {3, 100, -100, 0};
  const std::vector<int8_t> b = {-5, 100, 100, 9};
  std::vector<int8_t> out(4);
  mcu_mul_s8(&p, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-15, 127, -128, 0}));

  // Multiplier 0.5: 3 -> 1.5 -> 2 but -3 -> -1.5 -> -1 (SQRDMULH rounds ties up).
  mcu_mul_prepare(0.5f, 0, 0.5f, 0, 0.5f, 0, &p);
  const std::vector<int8_t> c = {3, -3, 5, -5};
  const std::vector<int8_t> one = {1, 1, 1, 1};
  mcu_mul_s8(&p, c.data(), one.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1, 3, -2}));

  // Zero points: (4 - 1) * (-3 + 1) = -6, + 2.
  mcu_mul_prepare(0.5f, 1, 0.5f, -1, 0.25f, 2, &p);
  const std::vector<int8_t> d = {4, 4, 4, 4};
  const std::vector<int8_t> e = {-3, -1, 0, 1};
  mcu_mul_s8(&p, d.data(), e.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-4, 2, 5, 8}));
}

}  // namespace
