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
#elif defined(__ARM_FEATURE_DSP) && !defined(MCUNET_ENGINE_FORCE_PORTABLE)
/* MCUNET_ENGINE_FORCE_PORTABLE keeps the portable path on a DSP core (measurements, debugging). */
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
/* pack_lo: low halfword of a at the bottom, low halfword of b on top (PKHBT).
 * pack_hi: high halfword of a at the bottom, high halfword of b on top (PKHTB).
 * GCC does not form PKHBT/PKHTB from the C expressions, so the DSP build states them in inline
 * assembly (one instruction instead of two); the C forms are the definition and what the host
 * and the emulated build run. The QEMU bench checks both builds give the same bytes on target. */
#if MCU_USE_SIMD && !defined(MCUNET_ENGINE_EMULATE_ACLE) && defined(__GNUC__)
static inline int32_t mcu_pack_lo(int32_t a, int32_t b) {
  int32_t r;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static inline int32_t mcu_pack_hi(int32_t a, int32_t b) {
  int32_t r;
  __asm__("pkhtb %0, %2, %1, asr #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
#else
static inline int32_t mcu_pack_lo(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a & 0xFFFFu) | ((uint32_t)b << 16));
}
static inline int32_t mcu_pack_hi(int32_t a, int32_t b) {
  return (int32_t)(((uint32_t)a >> 16) | ((uint32_t)b & 0xFFFF0000u));
}
#endif
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

/* gemmlowp SaturatingRoundingDoublingHighMul (ARM SQRDMULH): a * b / 2^31 rounded to nearest.
 * gemmlowp adds 2^30 (or 1 - 2^30 when the product is negative) and divides truncating toward
 * zero; for either sign that equals adding 2^30 and shifting right arithmetically (floor), i.e.
 * round half up, which compiles to one SMLAL and a shift instead of a 64-bit division. The one
 * overflow, INT32_MIN * INT32_MIN, saturates. (Right shift of a negative int64 is arithmetic on
 * every compiler we target: GCC, Clang.) */
static inline int32_t mcu_srdhm(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  return (int32_t)(((int64_t)a * (int64_t)b + (INT64_C(1) << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero; 0 <= exponent <= 31. */
static inline int32_t mcu_rdbpot(int32_t x, int exponent) {
  const int32_t mask = (int32_t)((UINT32_C(1) << exponent) - 1u); /* 32-bit: exponent <= 31 */
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's MultiplyByQuantizedMultiplier, double-rounding variant (TFLM's default build:
 * TFLITE_SINGLE_ROUNDING is not defined): left shift, SQRDMULH, then rounding right shift. */
static inline int32_t mcu_mbqm_reference(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return mcu_rdbpot(mcu_srdhm((int32_t)((uint32_t)x << left_shift), multiplier), right_shift);
}

/* The same value with the two roundings fused into one 64-bit sum, for the case every requant
 * table hits (multiplier >= 0, from QuantizeMultiplier, and shift <= 0). With t = x*m + 2^30,
 * SQRDMULH is H = floor(t / 2^31) (the saturating case needs m = INT32_MIN), and the rounding
 * shift by r >= 1 is floor((H + 2^(r-1) - [H < 0]) / 2^r) (ties away from zero; [H < 0] equals
 * [t < 0]). Adding (2^(r-1) - [t < 0]) * 2^31 to t before one floor division by 2^(31+r) gives
 * the same integer, and since 31 + r >= 32 that division is "take the high word, shift it by
 * r - 1". No intermediate overflows int64. */
static inline int32_t mcu_mbqm(int32_t x, int32_t multiplier, int shift) {
  if (shift > 0 || multiplier < 0) return mcu_mbqm_reference(x, multiplier, shift);
  const int64_t t = (int64_t)x * (int64_t)multiplier + (INT64_C(1) << 30);
  if (shift == 0) return (int32_t)(t >> 31);
  const int r = -shift;
  /* 1 <= r <= 31, so c fits 32 bits; keep it there (a 64-bit variable shift is a long sequence). */
  const int32_t c = (int32_t)(UINT32_C(1) << (r - 1)) - (t < 0 ? 1 : 0);
  const int64_t u = t + (int64_t)c * (INT64_C(1) << 31);
  return (int32_t)(u >> 32) >> (r - 1);
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
