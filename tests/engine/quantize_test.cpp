// QUANTIZE (float -> int8), requantize (int8 -> int8), DEQUANTIZE; the float QUANTIZE is also
// checked over mcunet_vww's whole 80x80x3 input against TF-Lite Micro's recorded output hash.
#include <gtest/gtest.h>

#include <vector>

#include "mcunet_engine/quant.h"
#include "mcunet_engine/quantize.h"
#include "tflm_intermediate.h"

namespace {

TEST(EngineQuantize, RoundsHalfAwayAndClamps) {
  // scale 0.5, zero point -1: 0.25 -> 0.5 -> 1 -> 0; -0.25 -> -1 -> -2; 0.74 -> 1.48 -> 1 -> 0.
  const std::vector<float> in = {0.25f, -0.25f, 0.74f, 1000.0f, -1000.0f, 0.0f};
  std::vector<int8_t> out(in.size());
  mcu_quantize_f32_s8(static_cast<int32_t>(in.size()), 0.5f, -1, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, -2, 0, 127, -128, -1}));
}

TEST(EngineQuantize, MatchesTflmOnMcunetVwwInput) {
  const auto doc = engine_test::loadIntermediate("mcunet_vww");
  ASSERT_FALSE(doc.is_null());
  const auto& op = doc["ops"][0];
  ASSERT_EQ(op["op"], "QUANTIZE");
  const auto& t = op["outputs"][0];
  const int n = 80 * 80 * 3;
  std::vector<float> in(n);
  for (int i = 0; i < n; ++i) in[i] = static_cast<float>(((i * 37 + 11) % 256) - 128) / 128.0f;
  std::vector<int8_t> out(n);
  mcu_quantize_f32_s8(n, t["scale"].get<float>(), t["zero_point"].get<int>(), in.data(), out.data());
  EXPECT_EQ(engine_test::hex8(engine_test::fnv1a(out.data(), out.size())),
            t["fnv1a"].get<std::string>());
  long sum = 0;
  for (int8_t v : out) sum += v;
  EXPECT_EQ(sum, t["sum"].get<long>());
}

TEST(EngineRequantize, ScaleRatioAndZeroPoints) {
  // s_in / s_out = 2.0, zero points 3 -> -1: (x - 3) * 2 - 1.
  mcu_requantize_params p{};
  int shift = 0;
  mcu_quantize_multiplier(2.0, &p.multiplier, &shift);
  p.shift = shift;
  p.input_zero_point = 3;
  p.output_zero_point = -1;
  const std::vector<int8_t> in = {3, 4, 0, 100, -128};
  std::vector<int8_t> out(in.size());
  p.size = static_cast<int32_t>(in.size());
  mcu_requantize_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-1, 1, -7, 127, -128}));
}

TEST(EngineDequantize, ScaleAndZeroPoint) {
  const std::vector<int8_t> in = {3, 1, -127};
  std::vector<float> out(3);
  mcu_dequantize_s8_f32(3, 0.5f, 1, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<float>{1.0f, 0.0f, -64.0f}));
}

}  // namespace
