/* Private helpers shared by conv.c, depthwise.c and fully_connected.c: requantization of one
 * output, int16 expansion of int8 activations and the dot products the Cortex-M path runs with
 * SMLAD.
 *
 * SMLAD multiplies two pairs of int16 lanes. Weights are read four int8 at a time and split with
 * SXTB16 into (w0, w2) and, after ROR #8, (w1, w3). The activations are therefore expanded once per
 * patch into the matching order [x0, x2, x1, x3] ("reordered"), with the input offset (-zero point)
 * already added, so each 4 MACs cost one weight load, two SXTB16 and two SMLAD per output pixel.
 * Integer sums are exact, so this order gives the same int32 as the portable loop. A patch whose
 * length is not a multiple of 4 keeps its last (length % 4) values in plain order and they are
 * handled by a scalar tail.
 */
#ifndef MCUNET_ENGINE_CONV_COMMON_H
#define MCUNET_ENGINE_CONV_COMMON_H

#include "internal.h"
#include "mcunet_engine/conv.h"

static inline int8_t mcu_requant_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                    int32_t output_zero_point, int32_t act_min, int32_t act_max) {
  const int32_t v = mcu_mbqm(acc, multiplier, (int)shift) + output_zero_point;
  return (int8_t)mcu_clamp_i32(v, act_min, act_max);
}

/* One conv or depthwise output channel oc: the accumulator plus its bias (when there is one),
 * requantized with the channel's multiplier and shift, plus the output zero point, clamped. */
static inline int8_t mcu_conv_out_s8(const mcu_conv_params* p, const int32_t* bias, int32_t oc,
                                     int32_t acc) {
  if (bias) acc = mcu_wrap_add(acc, bias[oc]);
  return mcu_requant_s8(acc, p->output_multiplier[oc], p->output_shift[oc], p->output_zero_point,
                        p->activation_min, p->activation_max);
}

#if MCU_USE_SIMD
/* n % 4 == 0: writes n int16 in reordered groups [x0+o, x2+o, x1+o, x3+o]. */
static inline void mcu_expand_reordered(const int8_t* src, int32_t n, int16_t* dst, int32_t offset) {
  const int32_t offset_pair = (int32_t)(((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16));
  for (int32_t i = 0; i < n; i += 4) {
    const int32_t in = mcu_read_s8x4(src + i);
    mcu_write_s16x2(dst + i, MCU_SXTAB16(offset_pair, in));
    mcu_write_s16x2(dst + i + 2, MCU_SXTAB16(offset_pair, mcu_ror8(in)));
  }
}

/* Plain order, any n. */
static inline void mcu_expand_plain(const int8_t* src, int32_t n, int16_t* dst, int32_t offset) {
  for (int32_t i = 0; i < n; ++i) dst[i] = (int16_t)(src[i] + offset);
}

/* Turns a plain-order buffer into reordered groups (swap elements 1 and 2 of each full group). */
static inline void mcu_reorder_groups(int16_t* buf, int32_t n) {
  for (int32_t i = 0; i + 4 <= n; i += 4) {
    const int16_t t = buf[i + 1];
    buf[i + 1] = buf[i + 2];
    buf[i + 2] = t;
  }
}

/* Expands one contiguous vector (a 1x1 pixel or an FC row) of n values, reordered. */
static inline void mcu_expand_vector(const int8_t* src, int32_t n, int16_t* dst, int32_t offset) {
  const int32_t n4 = n & ~3;
  mcu_expand_reordered(src, n4, dst, offset);
  mcu_expand_plain(src + n4, n - n4, dst + n4, offset);
}

/* Dot products of one filter row with two expanded patches. */
static inline void mcu_dot2_s8_q15(const int8_t* w, const int16_t* a, const int16_t* b, int32_t n,
                                   int32_t* acc_a, int32_t* acc_b) {
  int32_t sa = *acc_a;
  int32_t sb = *acc_b;
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t w4 = mcu_read_s8x4(w + i);
    const int32_t w02 = MCU_SXTB16(w4);
    const int32_t w13 = MCU_SXTB16(mcu_ror8(w4));
    sa = MCU_SMLAD(w02, mcu_read_s16x2(a + i), sa);
    sa = MCU_SMLAD(w13, mcu_read_s16x2(a + i + 2), sa);
    sb = MCU_SMLAD(w02, mcu_read_s16x2(b + i), sb);
    sb = MCU_SMLAD(w13, mcu_read_s16x2(b + i + 2), sb);
  }
  for (; i < n; ++i) {
    sa = mcu_wrap_add(sa, (int32_t)w[i] * a[i]);
    sb = mcu_wrap_add(sb, (int32_t)w[i] * b[i]);
  }
  *acc_a = sa;
  *acc_b = sb;
}

static inline int32_t mcu_dot1_s8_q15(const int8_t* w, const int16_t* a, int32_t n, int32_t acc) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t w4 = mcu_read_s8x4(w + i);
    acc = MCU_SMLAD(MCU_SXTB16(w4), mcu_read_s16x2(a + i), acc);
    acc = MCU_SMLAD(MCU_SXTB16(mcu_ror8(w4)), mcu_read_s16x2(a + i + 2), acc);
  }
  for (; i < n; ++i) acc = mcu_wrap_add(acc, (int32_t)w[i] * a[i]);
  return acc;
}
#endif /* MCU_USE_SIMD */

#endif /* MCUNET_ENGINE_CONV_COMMON_H */
