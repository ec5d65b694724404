/* MEAN int8 in TF-Lite Micro's three variants. Semantics in reduce.h. */
#include "mcunet_engine/reduce.h"

#include "internal.h"

static int count_leading_zeros_u64(uint64_t x) {
  int n = 0;
  if (x == 0) return 64;
  while (!(x & (UINT64_C(1) << 63))) {
    x <<= 1;
    ++n;
  }
  return n;
}

void MCU_NAME(mcu_mean_s8)(const mcu_mean_params* p, const int8_t* input, int8_t* output) {
  const int32_t n = p->reduce;
  int32_t multiplier = p->multiplier;
  int32_t shift = p->shift;
  if (p->mode == MCU_MEAN_REQUANT && n > 0) {
    /* Fold 1/n into the multiplier as QuantizedMeanOrSum does. */
    int extra = 63 - count_leading_zeros_u64((uint64_t)n);
    extra = mcu_min_i32(extra, 32);
    extra = mcu_min_i32(extra, 31 + shift);
    multiplier = (int32_t)((int64_t)((uint64_t)(int64_t)multiplier << extra) / n);
    shift = shift - extra;
  }
  for (int32_t o = 0; o < p->outer; ++o) {
    for (int32_t i = 0; i < p->inner; ++i) {
      const int8_t* in = input + (size_t)o * n * p->inner + i;
      int32_t sum = 0;
      for (int32_t r = 0; r < n; ++r) sum += in[(size_t)r * p->inner];
      int32_t v;
      switch (p->mode) {
        case MCU_MEAN_HW_KEEP_DIMS: {
          int32_t acc = sum - p->input_zero_point * n;
          acc = mcu_mbqm(acc, multiplier, (int)shift);
          acc = acc > 0 ? (acc + n / 2) / n : (acc - n / 2) / n;
          v = mcu_clamp_i32(acc + p->output_zero_point, -128, 127);
          break;
        }
        case MCU_MEAN_SAME_QUANT:
          /* reference_ops::Mean: plain truncating division, then a narrowing cast. */
          v = n > 0 ? sum / n : 0;
          break;
        case MCU_MEAN_REQUANT:
        default:
          v = mcu_mbqm(sum - p->input_zero_point * n, multiplier, (int)shift) +
              p->output_zero_point;
          v = mcu_clamp_i32(v, -128, 127);
          break;
      }
      output[(size_t)o * p->inner + i] = (int8_t)v;
    }
  }
}
