/* Private helpers shared by the kernel files: symbol naming, TFLite's fixed-point arithmetic, and
 * the SIMD abstraction (ACLE on Cortex-M, host emulation for tests). Not installed, not public.
 */
#ifndef MCUNET_ENGINE_INTERNAL_H
#define MCUNET_ENGINE_INTERNAL_H

#include <stdint.h>
#include <string.h>

/* Every public function is defined as MCU_NAME(mcu_x). The normal build keeps the name; the
 * ACLE-emulated test build (MCUNET_ENGINE_EMULATE_ACLE) renames it emu_mcu_x so both builds can be
 * linked into one test binary and compared. */
#if defined(MCUNET_ENGINE_EMULATE_ACLE)
#define MCU_NAME(name) MCU_NAME_EMU_(name)
#define MCU_NAME_EMU_(name) emu_##name
#else
#define MCU_NAME(name) name
#endif

/* ---- SIMD selection ------------------------------------------------------------------------ */
#if defined(MCUNET_ENGINE_EMULATE_ACLE)
#include "acle_emulation.h"
#define MCU_USE_SIMD 1
#define MCU_SXTB16(x) mcu_emu_sxtb16(x)
#define MCU_SXTAB16(a, b) mcu_emu_sxtab16((a), (b))
#define MCU_SMLAD(a, b, acc) mcu_emu_smlad((a), (b), (acc))
#elif defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#define MCU_USE_SIMD 1
#define MCU_SXTB16(x) ((int32_t)__sxtb16((int8x4_t)(x)))
#define MCU_SXTAB16(a, b) ((int32_t)__sxtab16((int16x2_t)(a), (int8x4_t)(b)))
#define MCU_SMLAD(a, b, acc) ((int32_t)__smlad((int16x2_t)(a), (int16x2_t)(b), (int32_t)(acc)))
#else
#define MCU_USE_SIMD 0
#endif

/* Plain-C helpers the compiler maps to single instructions (ROR, PKHBT, PKHTB, LDR, STR). */
static inline int32_t mcu_ror8(int32_t x) {
  const uint32_t u = (uint32_t)x;
  return (int32_t)((u >> 8) | (u << 24));
}
/* Low halfword of a, low halfword of b on top. */
static inline int32_t mcu_pack_lo(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a & 0xFFFFu) | ((uint32_t)b << 16));
}
/* High halfword of a at the bottom, high halfword of b on top. */
static inline int32_t mcu_pack_hi(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a >> 16) | ((uint32_t)b & 0xFFFF0000u));
}
static inline int32_t mcu_read_s8x4(const int8_t* p) {
  int32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline int32_t mcu_read_s16x2(const int16_t* p) {
  int32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void mcu_write_s16x2(int16_t* p, int32_t v) { memcpy(p, &v, sizeof v); }

/* ---- TFLite fixed-point arithmetic (gemmlowp semantics) ------------------------------------- */

static inline int32_t mcu_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t mcu_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
static inline int32_t mcu_clamp_i32(int32_t x, int32_t lo, int32_t hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

/* round(a * b / 2^31) with ties away from zero, saturating the single overflow case
 * INT32_MIN * INT32_MIN (ARM SQRDMULH). */
static inline int32_t mcu_srdhm(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = (int64_t)a * (int64_t)b;
  const int64_t nudge = ab >= 0 ? (INT64_C(1) << 30) : (1 - (INT64_C(1) << 30));
  /* C99 division truncates toward zero, as gemmlowp's does. */
  return (int32_t)((ab + nudge) / (INT64_C(1) << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero; 0 <= exponent <= 31. */
static inline int32_t mcu_rdbpot(int32_t x, int exponent) {
  const int32_t mask = (int32_t)((INT64_C(1) << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's MultiplyByQuantizedMultiplier, double-rounding variant (TFLM's default build:
 * TFLITE_SINGLE_ROUNDING is not defined): left shift, SQRDMULH, then rounding right shift. */
static inline int32_t mcu_mbqm(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return mcu_rdbpot(mcu_srdhm((int32_t)((uint32_t)x << left_shift), multiplier), right_shift);
}

/* gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent: saturating left shift. */
static inline int32_t mcu_sat_shl(int32_t x, int exponent) {
  const int32_t threshold = (int32_t)((INT64_C(1) << (31 - exponent)) - 1);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)x << exponent);
}

static inline int8_t mcu_sat_s8(int32_t x) { return (int8_t)mcu_clamp_i32(x, -128, 127); }

/* Wrapping int32 add, for accumulators whose wrap-around must match the SIMD path bit for bit. */
static inline int32_t mcu_wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* Round half away from zero on float, as TfLiteRound / std::round; no libm. Valid for any finite
 * value; the result is only ever converted after clamping to int32 range by the callers. */
static inline float mcu_roundf(float x) {
  if (!(x < 8388608.0f && x > -8388608.0f)) return x; /* |x| >= 2^23: already integral (or NaN) */
  const float t = (float)(int32_t)x;                  /* truncation toward zero, exact */
  const float diff = x - t;                           /* exact for |x| < 2^23 */
  if (diff >= 0.5f) return t + 1.0f;
  if (diff <= -0.5f) return t - 1.0f;
  return t;
}

static inline float mcu_floorf(float x) {
  if (!(x < 8388608.0f && x > -8388608.0f)) return x;
  const float t = (float)(int32_t)x;
  return (t > x) ? t - 1.0f : t;
}

/* Float to int32 with saturation (C leaves out-of-range conversions undefined). */
static inline int32_t mcu_f2i_sat(float x) {
  if (x >= 2147483520.0f) return INT32_MAX;
  if (x <= -2147483648.0f) return INT32_MIN;
  if (x != x) return 0;
  return (int32_t)x;
}

#endif /* MCUNET_ENGINE_INTERNAL_H */
