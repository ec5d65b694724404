// FULLY_CONNECTED: hand-computed per-tensor and per-channel cases, and SIMD-vs-portable identity.
#include <gtest/gtest.h>

#include <vector>

#include "engine_test_util.h"

namespace {

using engine_test::randomInt;
using engine_test::randomInt8;
using engine_test::randomMultipliers;
using engine_test::refRequantize;

TEST(EngineFullyConnected, PerTensorAndPerChannel) {
  // Input zero point 1: real rows [1 2 3] and [0 -1 -2]. Filter rows [1 2 3] and [-1 0 1],
  // bias [10 -10]. Accumulators: b0 24, -8; b1 2, -12.
  const std::vector<int8_t> input = {2, 3, 4, 1, 0, -1};
  const std::vector<int8_t> filter = {1, 2, 3, -1, 0, 1};
  const int32_t bias[2] = {10, -10};
  mcu_fully_connected_params p{};
  p.batches = 2;
  p.input_depth = 3;
  p.output_depth = 2;
  p.input_zero_point = 1;
  p.output_zero_point = -1;
  p.activation_min = -128;
  p.activation_max = 127;
  const int32_t mult[2] = {1 << 30, 1 << 30};
  const int32_t shift[2] = {0, 2};
  p.output_multiplier = mult;
  p.output_shift = shift;
  std::vector<int8_t> scratch(mcu_fully_connected_s8_scratch_bytes(&p));
  std::vector<int8_t> out(4), out_simd(4);

  p.per_channel = 0;  // x0.5 for both rows
  mcu_fully_connected_s8(&p, input.data(), filter.data(), bias, out.data(), scratch.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, -5, 0, -7}));
  emu_mcu_fully_connected_s8(&p, input.data(), filter.data(), bias, out_simd.data(), scratch.data());
  EXPECT_EQ(out_simd, out);

  p.per_channel = 1;  // row 1 x2.0
  mcu_fully_connected_s8(&p, input.data(), filter.data(), bias, out.data(), scratch.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, -17, 0, -25}));
  emu_mcu_fully_connected_s8(&p, input.data(), filter.data(), bias, out_simd.data(), scratch.data());
  EXPECT_EQ(out_simd, out);
}

TEST(EngineFullyConnected, RandomMatchesReferenceAndSimdIsBitIdentical) {
  std::mt19937 rng(2024);
  for (int iter = 0; iter < 200; ++iter) {
    mcu_fully_connected_params p{};
    p.batches = randomInt(rng, 1, 3);
    p.input_depth = randomInt(rng, 1, 1200);  // past 256: the chunked path, with a ragged tail
    p.output_depth = randomInt(rng, 1, 20);
    p.input_zero_point = randomInt(rng, -128, 127);
    p.output_zero_point = randomInt(rng, -128, 127);
    p.activation_min = randomInt(rng, -128, 0);
    p.activation_max = randomInt(rng, 0, 127);
    p.per_channel = randomInt(rng, 0, 1);
    std::vector<int32_t> mult, shift;
    randomMultipliers(rng, p.output_depth, -14, 1, mult, shift);
    p.output_multiplier = mult.data();
    p.output_shift = shift.data();
    const auto input = randomInt8(rng, static_cast<size_t>(p.batches) * p.input_depth);
    const auto filter = randomInt8(rng, static_cast<size_t>(p.output_depth) * p.input_depth);
    std::vector<int32_t> bias(p.output_depth);
    for (auto& b : bias) b = randomInt(rng, -50000, 50000);
    std::vector<int8_t> expected(static_cast<size_t>(p.batches) * p.output_depth);
    for (int b = 0; b < p.batches; ++b)
      for (int o = 0; o < p.output_depth; ++o) {
        int32_t acc = bias[o];
        for (int i = 0; i < p.input_depth; ++i)
          acc += filter[o * p.input_depth + i] * (input[b * p.input_depth + i] - p.input_zero_point);
        const int k = p.per_channel ? o : 0;
        int32_t v = refRequantize(acc, mult[k], shift[k]) + p.output_zero_point;
        expected[b * p.output_depth + o] =
            static_cast<int8_t>(std::min(std::max(v, p.activation_min), p.activation_max));
      }
    std::vector<int8_t> out(expected.size()), out_simd(expected.size());
    auto scratch = randomInt8(rng, mcu_fully_connected_s8_scratch_bytes(&p));
    mcu_fully_connected_s8(&p, input.data(), filter.data(), bias.data(), out.data(), scratch.data());
    scratch = randomInt8(rng, emu_mcu_fully_connected_s8_scratch_bytes(&p));
    emu_mcu_fully_connected_s8(&p, input.data(), filter.data(), bias.data(), out_simd.data(),
                               scratch.data());
    ASSERT_EQ(out, expected) << "iteration " << iter;
    ASSERT_EQ(out_simd, out) << "iteration " << iter;
  }
}

}  // namespace

TEST(EngineFullyConnected, LongRowsNeedOnlyAChunkOfScratch) {
  mcu_fully_connected_params p{};
  p.batches = 1;
  p.input_depth = 4000;  // micro_speech's FC: 4,000 inputs, 4 outputs
  p.output_depth = 4;
  EXPECT_EQ(mcu_fully_connected_s8_scratch_bytes(&p), 256u * 2 + 4u * 4);
  EXPECT_EQ(emu_mcu_fully_connected_s8_scratch_bytes(&p), 256u * 2 + 4u * 4);
  p.input_depth = 160;  // mcunet_vww's classifier: the whole row fits in less
  p.output_depth = 2;
  EXPECT_EQ(mcu_fully_connected_s8_scratch_bytes(&p), 160u * 2);
}
