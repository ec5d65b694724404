/* MEAN int8 as TF-Lite Micro's QuantizedMeanOrSum. Semantics in reduce.h. */
#include "mcunet_engine/reduce.h"

#include "internal.h"

static int floor_log2_u32(uint32_t x) {
  int n = -1;
  while (x) {
    x >>= 1;
    ++n;
  }
  return n;
}

void MCU_NAME(mcu_mean_s8)(const mcu_mean_params* p, const int8_t* input, int8_t* output) {
  const int32_t n = p->reduce;
  if (n <= 0) return; /* TFLite leaves the output untouched for empty reductions */
  /* Fold 1/n into the multiplier: (multiplier * 2^k) / n keeps ~31 bits of precision. */
  int k = floor_log2_u32((uint32_t)n);
  k = mcu_min_i32(k, 32);
  k = mcu_min_i32(k, 31 + p->shift);
  const int32_t multiplier = (int32_t)(((int64_t)p->multiplier * ((int64_t)1 << k)) / n);
  const int shift = (int)p->shift - k;
  for (int32_t o = 0; o < p->outer; ++o) {
    for (int32_t i = 0; i < p->inner; ++i) {
      const int8_t* in = input + (size_t)o * (size_t)n * (size_t)p->inner + i;
      int32_t sum = 0;
      for (int32_t r = 0; r < n; ++r) sum += in[(size_t)r * (size_t)p->inner];
      const int32_t v =
          mcu_mbqm(sum - p->input_zero_point * n, multiplier, shift) + p->output_zero_point;
      output[(size_t)o * p->inner + i] = (int8_t)mcu_clamp_i32(v, -128, 127);
    }
  }
}
