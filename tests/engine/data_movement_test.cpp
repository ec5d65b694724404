// PAD, CONCATENATION, TRANSPOSE, RESIZE_NEAREST_NEIGHBOR: byte movement checked by hand.
#include <gtest/gtest.h>

#include <vector>

#include "mcunet_engine/data_movement.h"

namespace {

TEST(EnginePad, SpatialPaddingWithZeroPointValue) {
  // [1,2,2,1] padded by 1 before in H and 1 after in W, value -3.
  mcu_pad_params p{};
  const int32_t dims[4] = {1, 2, 2, 1};
  for (int i = 0; i < 4; ++i) p.input_dims[i] = dims[i];
  p.pad_before[1] = 1;
  p.pad_after[2] = 1;
  p.pad_value = -3;
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> out(3 * 3);
  mcu_pad_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-3, -3, -3, 1, 2, -3, 3, 4, -3}));
}

TEST(EnginePad, ChannelPadding) {
  mcu_pad_params p{};
  const int32_t dims[4] = {1, 1, 2, 2};
  for (int i = 0; i < 4; ++i) p.input_dims[i] = dims[i];
  p.pad_before[3] = 1;
  p.pad_after[3] = 2;
  p.pad_value = 0;
  const std::vector<int8_t> in = {5, 6, 7, 8};
  std::vector<int8_t> out(2 * 5);
  mcu_pad_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 5, 6, 0, 0, 0, 7, 8, 0, 0}));
}

TEST(EngineConcatenation, ChannelAxis) {
  // Two pixels; input A has 1 channel, input B 2 channels -> 3 channels.
  const std::vector<int8_t> a = {1, 2};
  const std::vector<int8_t> b = {10, 11, 20, 21};
  const int8_t* inputs[2] = {a.data(), b.data()};
  const int32_t axis_sizes[2] = {1, 2};
  mcu_concat_params p{};
  p.num_inputs = 2;
  p.outer = 2;
  p.inner = 1;
  p.axis_sizes = axis_sizes;
  std::vector<int8_t> out(6);
  mcu_concatenation_s8(&p, inputs, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 10, 11, 2, 20, 21}));
}

TEST(EngineTranspose, NhwcToNchwAsInMcunetVww) {
  // [1,2,2,3] with perm {0,3,1,2} -> [1,3,2,2].
  mcu_transpose_params p{};
  p.rank = 4;
  const int32_t dims[4] = {1, 2, 2, 3};
  const int32_t perm[4] = {0, 3, 1, 2};
  for (int i = 0; i < 4; ++i) {
    p.input_dims[i] = dims[i];
    p.perm[i] = perm[i];
  }
  std::vector<int8_t> in(12);
  for (int i = 0; i < 12; ++i) in[i] = static_cast<int8_t>(i);  // value = pixel * 3 + channel
  std::vector<int8_t> out(12);
  mcu_transpose_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11}));
}

TEST(EngineTranspose, Rank2) {
  mcu_transpose_params p{};
  p.rank = 2;
  p.input_dims[0] = 2;
  p.input_dims[1] = 3;
  p.perm[0] = 1;
  p.perm[1] = 0;
  const std::vector<int8_t> in = {1, 2, 3, 4, 5, 6};
  std::vector<int8_t> out(6);
  mcu_transpose_s8(&p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 4, 2, 5, 3, 6}));
}

std::vector<int8_t> resize(int in_w, int out_w, int align, int half) {
  mcu_resize_params p{};
  p.batches = 1;
  p.input_h = 1;
  p.input_w = in_w;
  p.channels = 1;
  p.output_h = 1;
  p.output_w = out_w;
  p.align_corners = align;
  p.half_pixel_centers = half;
  std::vector<int8_t> in(in_w);
  for (int i = 0; i < in_w; ++i) in[i] = static_cast<int8_t>(10 * i);
  std::vector<int8_t> out(out_w);
  mcu_resize_nearest_s8(&p, in.data(), out.data());
  return out;
}

TEST(EngineResizeNearest, IndexRules) {
  // floor(o * 0.5)
  EXPECT_EQ(resize(2, 4, 0, 0), (std::vector<int8_t>{0, 0, 10, 10}));
  // align_corners 2 -> 3: round(o * 0.5) half away: 0, 1, 1
  EXPECT_EQ(resize(2, 3, 1, 0), (std::vector<int8_t>{0, 10, 10}));
  // half_pixel_centers 3 -> 2: floor((o + 0.5) * 1.5) = 0, 2
  EXPECT_EQ(resize(3, 2, 0, 1), (std::vector<int8_t>{0, 20}));
  // downscale 4 -> 2: floor(o * 2) = 0, 2
  EXPECT_EQ(resize(4, 2, 0, 0), (std::vector<int8_t>{0, 20}));
}

TEST(EngineResizeNearest, TwoDimensionsAndChannels) {
  mcu_resize_params p{};
  p.batches = 1;
  p.input_h = p.input_w = 2;
  p.channels = 2;
  p.output_h = p.output_w = 4;
  const std::vector<int8_t> in = {1, -1, 2, -2, 3, -3, 4, -4};
  std::vector<int8_t> out(32);
  mcu_resize_nearest_s8(&p, in.data(), out.data());
  const std::vector<int8_t> row0 = {1, -1, 1, -1, 2, -2, 2, -2};
  const std::vector<int8_t> row2 = {3, -3, 3, -3, 4, -4, 4, -4};
  EXPECT_EQ(std::vector<int8_t>(out.begin(), out.begin() + 8), row0);
  EXPECT_EQ(std::vector<int8_t>(out.begin() + 8, out.begin() + 16), row0);
  EXPECT_EQ(std::vector<int8_t>(out.begin() + 16, out.begin() + 24), row2);
  EXPECT_EQ(std::vector<int8_t>(out.begin() + 24, out.end()), row2);
}

}  // namespace
