// MEAN: TFLM's integer QuantizedMeanOrSum, by hand (ties, folding 1/n into the multiplier) and
// against TF-Lite Micro's own outputs for mcunet_vww's two MEAN operators.
#include <gtest/gtest.h>

#include <vector>

#include "mcunet_engine/quant.h"
#include "mcunet_engine/reduce.h"
#include "tflm_intermediate.h"

namespace {

mcu_mean_params meanParams(int outer, int reduce, int inner, double real_multiplier, int zp_in,
                           int zp_out) {
  mcu_mean_params p{};
  p.outer = outer;
  p.reduce = reduce;
  p.inner = inner;
  p.input_zero_point = zp_in;
  p.output_zero_point = zp_out;
  int shift = 0;
  mcu_quantize_multiplier(real_multiplier, &p.multiplier, &shift);
  p.shift = shift;
  return p;
}

TEST(EngineMean, SameScaleRoundsTiesUp) {
  // n = 2: multiplier 1.0 becomes 0.5 exactly; 1.5 -> 2, -1.5 -> -1 (SQRDMULH ties round up).
  const mcu_mean_params p = meanParams(2, 2, 1, 1.0, 0, 0);
  const std::vector<int8_t> in = {1, 2, -1, -2};
  std::vector<int8_t> out(2);
  mcu_mean_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1}));
}

TEST(EngineMean, FoldedMultiplierForThree) {
  // n = 3: multiplier' = (2^30 << 1) / 3 = 715827882, shift 0: sums 4 -> 1.33 -> 1, 5 -> 2.
  const mcu_mean_params p = meanParams(1, 3, 2, 1.0, 0, 0);
  const std::vector<int8_t> in = {1, 2, 1, 2, 2, 1};  // [reduce][inner]
  std::vector<int8_t> out(2);
  mcu_mean_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 2}));
}

TEST(EngineMean, RequantizesAndClamps) {
  // s_in / s_out = 0.5, n = 4, zero points 0 -> 3: sum 10 -> 10/4 * 0.5 = 1.25 -> 1, + 3.
  const mcu_mean_params p = meanParams(1, 4, 1, 0.5, 0, 3);
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> out(1);
  mcu_mean_s8(&p, in.data(), out.data());
  EXPECT_EQ(out[0], 4);
  // Input zero point 10 and scale ratio 4 saturate: (127 - 10) * 4 = 468 -> 127.
  const mcu_mean_params q = meanParams(1, 2, 1, 4.0, 10, 0);
  const std::vector<int8_t> hi = {127, 127};
  mcu_mean_s8(&q, hi.data(), out.data());
  EXPECT_EQ(out[0], 127);
}

TEST(EngineMean, HeightWidthOfNhwc) {
  // [1, 2, 2, 2] over H,W: channel 0 = 1 2 3 4 -> 2.5 -> 3; channel 1 = -1 -2 -3 -5 -> -2.75 -> -3.
  const mcu_mean_params p = meanParams(1, 4, 2, 1.0, 0, 0);
  const std::vector<int8_t> in = {1, -1, 2, -2, 3, -3, 4, -5};
  std::vector<int8_t> out(2);
  mcu_mean_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{3, -3}));
}

TEST(EngineMean, MatchesTflmOnMcunetVww) {
  // Ops 58 (TRANSPOSE, [1,160,3,3]) -> 59 (MEAN last axis, [1,160,3]) -> 60 (MEAN, [1,160]); all
  // with scale 0.04854... and zero point 6. The first 15 recorded inputs of each MEAN determine its
  // first 5 outputs, which TFLM recorded too.
  const auto doc = engine_test::loadIntermediate("mcunet_vww");
  ASSERT_FALSE(doc.is_null()) << "missing " MCUNET_SHARED_DIR "/models/expected/intermediate";
  const auto& ops = doc["ops"];
  for (int op : {59, 60}) {
    ASSERT_EQ(ops[op]["op"], "MEAN");
    const auto& in_t = ops[op - 1]["outputs"][0];
    const auto& out_t = ops[op]["outputs"][0];
    const float s_in = in_t["scale"].get<float>();
    const float s_out = out_t["scale"].get<float>();
    const mcu_mean_params p =
        meanParams(5, 3, 1, static_cast<double>(s_in) / static_cast<double>(s_out),
                   in_t["zero_point"].get<int>(), out_t["zero_point"].get<int>());
    std::vector<int8_t> in(15);
    for (int i = 0; i < 15; ++i) in[i] = static_cast<int8_t>(in_t["first"][i].get<int>());
    std::vector<int8_t> out(5), expected(5);
    for (int i = 0; i < 5; ++i) expected[i] = static_cast<int8_t>(out_t["first"][i].get<int>());
    mcu_mean_s8(&p, in.data(), out.data());
    EXPECT_EQ(out, expected) << "op " << op;
  }
}

}  // namespace
