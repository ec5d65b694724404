// SOFTMAX, LOGISTIC, HARD_SWISH: hand-derived cases and, for softmax, TF-Lite Micro's own outputs
// for the four shared models that end in SOFTMAX (their inputs are small enough to be recorded
// whole in the intermediate dumps).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "mcunet_engine/activation.h"
#include "tflm_intermediate.h"

namespace {

TEST(EngineSoftmax, PrepareMatchesTflm) {
  // beta * scale * 2^26 = 2^26 -> (2^30, 27); radius floor(31 * 2^26 / 2^27) = 15.
  mcu_softmax_params p{};
  mcu_softmax_prepare(1.0, 1.0f, &p);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 27);
  EXPECT_EQ(p.diff_min, -15);
}

TEST(EngineSoftmax, UniformRowsAndDominantEntry) {
  mcu_softmax_params p{};
  mcu_softmax_prepare(1.0, 0.1f, &p);
  // Equal logits: 1/2 -> 128/256 -> 0 with zero point -128; 1/4 -> 64 -> -64.
  p.outer = 1;
  p.depth = 2;
  std::vector<int8_t> in2 = {5, 5}, out2(2);
  mcu_softmax_s8(&p, in2.data(), out2.data());
  EXPECT_EQ(out2, (std::vector<int8_t>{0, 0}));
  p.depth = 4;
  std::vector<int8_t> in4 = {-7, -7, -7, -7}, out4(4);
  mcu_softmax_s8(&p, in4.data(), out4.data());
  EXPECT_EQ(out4, (std::vector<int8_t>{-64, -64, -64, -64}));
  // Scale 1.0: a difference of 255 is below diff_min (-15): that entry is exactly -128 and the
  // maximum gets 256/256, saturated to 127. Two rows are independent.
  mcu_softmax_prepare(1.0, 1.0f, &p);
  p.outer = 2;
  p.depth = 2;
  std::vector<int8_t> in = {127, -128, 3, 3}, out(4);
  mcu_softmax_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{127, -128, 0, 0}));
}

TEST(EngineSoftmax, MatchesTflmOnSharedModels) {
  int checked = 0;
  for (const char* model :
       {"person_detect", "kws_ref_model", "resnet8_cifar10_int8", "micro_speech_quantized"}) {
    const auto doc = engine_test::loadIntermediate(model);
    ASSERT_FALSE(doc.is_null()) << model;
    const auto& ops = doc["ops"];
    const size_t last = ops.size() - 1;
    ASSERT_EQ(ops[last]["op"], "SOFTMAX") << model;
    const auto& in_t = ops[last - 1]["outputs"][0];
    const auto& out_t = ops[last]["outputs"][0];
    const size_t n = in_t["first"].size();
    ASSERT_EQ(out_t["shape"], in_t["shape"]);
    ASSERT_LE(n, 16u);
    mcu_softmax_params p{};
    mcu_softmax_prepare(1.0, in_t["scale"].get<float>(), &p);  // beta = 1 in all four models
    p.outer = 1;
    p.depth = static_cast<int32_t>(n);
    std::vector<int8_t> in(n), out(n), expected(n);
    for (size_t i = 0; i < n; ++i) {
      in[i] = static_cast<int8_t>(in_t["first"][i].get<int>());
      expected[i] = static_cast<int8_t>(out_t["first"][i].get<int>());
    }
    mcu_softmax_s8(&p, in.data(), out.data());
    EXPECT_EQ(out, expected) << model;
    EXPECT_EQ(engine_test::hex8(engine_test::fnv1a(out.data(), n)), out_t["fnv1a"].get<std::string>())
        << model;
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(EngineLogistic, HandCases) {
  // Scale 1/16: input multiplier 2^-4 * 2^27 = 2^23 -> frexp (0.5, 24); radius floor(15 * 2^27 /
  // 2^24) = 120.
  mcu_logistic_params p{};
  mcu_logistic_prepare(1.0f / 16.0f, 0, &p);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 24);
  EXPECT_EQ(p.input_range_radius, 120);
  // 0 -> 0.5 -> 128 - 128 = 0; +-1.0 -> 256 * 0.731 = 187.1 -> 59, 256 * 0.269 = 68.9 -> -59;
  // beyond the radius saturate; 119/16 = 7.44 -> 255.85 -> 256 -> 127.
  const std::vector<int8_t> in = {0, 16, -16, 120, -120, 119, -128};
  std::vector<int8_t> out(in.size());
  p.size = static_cast<int32_t>(in.size());
  mcu_logistic_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 59, -59, 127, -128, 127, -128}));
}

TEST(EngineLogistic, WithinOneOfFloatEverywhere) {
  for (float scale : {0.01f, 0.05f, 0.1f, 0.3f}) {
    for (int zp : {-128, -20, 0, 37}) {
      mcu_logistic_params p{};
      mcu_logistic_prepare(scale, zp, &p);
      std::vector<int8_t> in(256), out(256);
      for (int i = 0; i < 256; ++i) in[i] = static_cast<int8_t>(i - 128);
      p.size = 256;
      mcu_logistic_s8(&p, in.data(), out.data());
      for (int i = 0; i < 256; ++i) {
        const double x = scale * (in[i] - zp);
        const double expected = std::min(127.0, std::round(256.0 / (1.0 + std::exp(-x))) - 128.0);
        EXPECT_LE(std::abs(out[i] - expected), 1.0) << "scale " << scale << " zp " << zp << " x " << x;
      }
    }
  }
}

TEST(EngineHardSwish, PrepareAndHandTrace) {
  // Scales 0.1 in and out: output multiplier (0.1/128)/0.1 = 2^-7 -> Q15 16384, exponent -6;
  // relu-ish multiplier (0.1/128)/(3/32768) = 8.533 -> Q31 1145324672, exponent 4 -> Q15 17476.
  mcu_hard_swish_params p{};
  mcu_hard_swish_prepare(0.1f, 0, 0.1f, 0, &p);
  EXPECT_EQ(p.output_multiplier_fixedpoint_int16, 16384);
  EXPECT_EQ(p.output_multiplier_exponent, -6);
  EXPECT_EQ(p.reluish_multiplier_fixedpoint_int16, 17476);
  EXPECT_EQ(p.reluish_multiplier_exponent, 4);
  // x = 1.0 (10): hires 1280, pre-shift output 640, relu-ish 1280<<3 -> 5461 -> 10922 -> 21845,
  // 21845 * 640 >> 15 = 426, 426 / 64 = 6.66 -> 7. x = -1.0 (-10): ... -213 / 64 -> -3.
  // x = 5.0: relu-ish saturates to 1 -> 50; x = -5.0 -> 0; x = 0 -> 0.
  const std::vector<int8_t> in = {10, -10, 50, -50, 0};
  std::vector<int8_t> out(in.size());
  p.size = static_cast<int32_t>(in.size());
  mcu_hard_swish_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{7, -3, 50, 0, 0}));
}

TEST(EngineHardSwish, ZeroPointsAndSaturation) {
  mcu_hard_swish_params p{};
  mcu_hard_swish_prepare(0.1f, 20, 0.02f, -100, &p);
  const std::vector<int8_t> in = {20, 127, -128};
  std::vector<int8_t> out(in.size());
  p.size = static_cast<int32_t>(in.size());
  mcu_hard_swish_s8(&p, in.data(), out.data());
  // 0 -> zero point; (127-20)*0.1 = 10.7 -> 535 steps above -100 saturates to 127; -14.8 -> 0.
  EXPECT_EQ(out, (std::vector<int8_t>{-100, 127, -100}));
}

}  // namespace
