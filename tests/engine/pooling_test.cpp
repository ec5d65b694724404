// AVERAGE_POOL_2D and MAX_POOL_2D: rounding of averages (half away from zero), padding taps not
// counted, activation clamp.
#include <gtest/gtest.h>

#include <vector>

#include "mcunet_engine/pooling.h"

namespace {

mcu_pool_params pool(int ih, int iw, int c, int oh, int ow, int fh, int fw, int sh, int sw,
                     int pt, int pl) {
  mcu_pool_params p{};
  p.batches = 1;
  p.input_h = ih;
  p.input_w = iw;
  p.channels = c;
  p.output_h = oh;
  p.output_w = ow;
  p.filter_h = fh;
  p.filter_w = fw;
  p.stride_h = sh;
  p.stride_w = sw;
  p.pad_top = pt;
  p.pad_left = pl;
  p.activation_min = -128;
  p.activation_max = 127;
  return p;
}

TEST(EngineAvgPool, RoundsHalfAwayFromZero) {
  // 1x2 windows: (1+2)/2 = 1.5 -> 2, (2+3)/2 = 2.5 -> 3, (-1-2)/2 -> -2, (-2-4)/2 = -3.
  const mcu_pool_params p = pool(2, 3, 1, 2, 2, 1, 2, 1, 1, 0, 0);
  const std::vector<int8_t> in = {1, 2, 3, -1, -2, -4};
  std::vector<int8_t> out(4);
  mcu_avg_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, 3, -2, -3}));
}

TEST(EngineAvgPool, SamePaddingCountsOnlyInBoundsTaps) {
  // 2x2 input 4 8 / 12 16, 2x2 filter, stride 1, SAME (padding only after): the right column
  // window averages 8 and 16 = 12 (not 24 / 4 = 6).
  mcu_pool_params p = pool(2, 2, 1, 2, 2, 2, 2, 1, 1, 0, 0);
  const std::vector<int8_t> in = {4, 8, 12, 16};
  std::vector<int8_t> out(4);
  mcu_avg_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{10, 12, 14, 16}));
  p.activation_min = 11;
  mcu_avg_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, 12, 14, 16}));
}

TEST(EngineAvgPool, ChannelsAreIndependent) {
  // 2x2x2 input, global 2x2 window: channel 0 sum 10 -> 2.5 -> 3, channel 1 sum -10 -> -3.
  const mcu_pool_params p = pool(2, 2, 2, 1, 1, 2, 2, 2, 2, 0, 0);
  const std::vector<int8_t> in = {1, -1, 2, -2, 3, -3, 4, -4};
  std::vector<int8_t> out(2);
  mcu_avg_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{3, -3}));
}

TEST(EngineMaxPool, PaddingIsNotAValue) {
  // 3x3 input -1..-9, 2x2 filter stride 2 SAME (pad after only): windows [-1 -2 -4 -5], [-3 -6],
  // [-7 -8], [-9]. Counting padding as 0 would give 0s.
  mcu_pool_params p = pool(3, 3, 1, 2, 2, 2, 2, 2, 2, 0, 0);
  std::vector<int8_t> in(9);
  for (int i = 0; i < 9; ++i) in[i] = static_cast<int8_t>(-(i + 1));
  std::vector<int8_t> out(4);
  mcu_max_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-1, -3, -7, -9}));
  p.activation_min = -5;
  mcu_max_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-1, -3, -5, -5}));
}

TEST(EngineMaxPool, LeadingPaddingAndClampMax) {
  // 2x2 input, 2x2 filter stride 1 with pad 1 before: output 3x3, each window the overlap.
  mcu_pool_params p = pool(2, 2, 1, 3, 3, 2, 2, 1, 1, 1, 1);
  const std::vector<int8_t> in = {-5, 3, 7, -128};
  std::vector<int8_t> out(9);
  mcu_max_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-5, 3, 3, 7, 7, 3, 7, 7, -128}));
  p.activation_max = 5;
  mcu_max_pool_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-5, 3, 3, 5, 5, 3, 5, 5, -128}));
}

}  // namespace
