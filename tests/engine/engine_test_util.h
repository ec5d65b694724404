// Helpers for the engine tests: seeded random data, an independent C++ statement of TFLite's
// requantization used by the naive reference loops, and the declarations of the ACLE-emulated
// build (emu_mcu_*, library mcunet_engine_acle_emulated) whose outputs must equal the portable
// build's bit for bit.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "mcunet_engine/mcunet_engine.h"

extern "C" {
size_t emu_mcu_conv_s8_scratch_bytes(const mcu_conv_params* p);
void emu_mcu_conv_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int8_t* output, void* scratch);
size_t emu_mcu_conv_1x1_s8_scratch_bytes(const mcu_conv_params* p);
void emu_mcu_conv_1x1_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                         const int32_t* bias, int8_t* output, void* scratch);
void emu_mcu_depthwise_conv_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                               const int32_t* bias, int8_t* output, void* scratch);
void emu_mcu_depthwise_conv_s8_inplace(const mcu_conv_params* p, int8_t* data,
                                       const int8_t* filter, const int32_t* bias, void* scratch);
size_t emu_mcu_fully_connected_s8_scratch_bytes(const mcu_fully_connected_params* p);
void emu_mcu_fully_connected_s8(const mcu_fully_connected_params* p, const int8_t* input,
                                const int8_t* filter, const int32_t* bias, int8_t* output,
                                void* scratch);
}

namespace engine_test {

inline std::vector<int8_t> randomInt8(std::mt19937& rng, size_t n, int lo = -128, int hi = 127) {
  std::uniform_int_distribution<int> d(lo, hi);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(d(rng));
  return v;
}

inline int randomInt(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

// TFLite MultiplyByQuantizedMultiplier (double rounding), written from the gemmlowp definitions
// in 64-bit arithmetic, independently of the engine's C implementation.
inline int32_t refRequantize(int32_t x, int32_t multiplier, int shift) {
  const int64_t shifted = static_cast<int64_t>(x) * (int64_t{1} << (shift > 0 ? shift : 0));
  const int32_t xs = static_cast<int32_t>(shifted);
  int32_t high;
  if (xs == INT32_MIN && multiplier == INT32_MIN) {
    high = INT32_MAX;
  } else {
    const int64_t ab = static_cast<int64_t>(xs) * multiplier;
    const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
    high = static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
  }
  const int right = shift > 0 ? 0 : -shift;
  if (right == 0) return high;
  // Round to nearest, ties away from zero.
  const int64_t divisor = int64_t{1} << right;
  const int64_t q = high >= 0 ? (high + divisor / 2) / divisor : -((-int64_t{high} + divisor / 2) / divisor);
  return static_cast<int32_t>(q);
}

// The conv and depthwise tests' starting point: one batch, stride and dilation 1, depth
// multiplier 1, no clamp, everything else zero.
inline mcu_conv_params baseConvParams() {
  mcu_conv_params p;
  std::memset(&p, 0, sizeof p);
  p.batches = 1;
  p.stride_h = p.stride_w = 1;
  p.dilation_h = p.dilation_w = 1;
  p.depth_multiplier = 1;
  p.activation_min = -128;
  p.activation_max = 127;
  return p;
}

// The naive conv/depthwise references' last step for output channel oc: the biased accumulator
// requantized with the channel's multiplier, plus the output zero point, clamped.
inline int8_t refConvOutput(const mcu_conv_params& p, int32_t biased_acc, int oc) {
  int32_t v = refRequantize(biased_acc, p.output_multiplier[oc], p.output_shift[oc]) +
              p.output_zero_point;
  v = std::min(std::max(v, p.activation_min), p.activation_max);
  return static_cast<int8_t>(v);
}

// Random per-channel multipliers in [2^30, 2^31) and shifts in [lo, hi].
inline void randomMultipliers(std::mt19937& rng, int n, int shift_lo, int shift_hi,
                              std::vector<int32_t>& m, std::vector<int32_t>& s) {
  m.resize(n);
  s.resize(n);
  std::uniform_int_distribution<int32_t> dm(1 << 30, INT32_MAX);
  for (int i = 0; i < n; ++i) {
    m[i] = dm(rng);
    s[i] = randomInt(rng, shift_lo, shift_hi);
  }
}

}  // namespace engine_test
