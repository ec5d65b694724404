/* Host emulation of the few ACLE SIMD intrinsics the Cortex-M paths use.
 *
 * Used only when MCUNET_ENGINE_EMULATE_ACLE is defined: the kernels are then compiled a second time
 * on the host with their SIMD paths enabled (library mcunet_engine_acle_emulated, every public
 * symbol renamed emu_mcu_*), so the tests can assert that the SIMD path and the portable path give
 * bit-identical outputs without a board. Each function reproduces the instruction's result exactly
 * (ARMv7E-M ARM, SXTB16 / SXTAB16 / SMLAD), including 16-bit lane wrap-around and 32-bit wrap of the
 * accumulator; the Q flag that SMLAD may set is not modelled because no kernel reads it.
 * Arithmetic goes through uint32_t so wrap-around is defined behaviour in C.
 */
#ifndef MCUNET_ENGINE_ACLE_EMULATION_H
#define MCUNET_ENGINE_ACLE_EMULATION_H

#include <stdint.h>

/* Sign-extends bytes 0 and 2 of x into the low and high halfwords. */
static inline int32_t mcu_emu_sxtb16(int32_t x) {
  const uint32_t u = (uint32_t)x;
  const uint32_t lo = (uint32_t)(uint16_t)(int16_t)(int8_t)(uint8_t)(u & 0xFFu);
  const uint32_t hi = (uint32_t)(uint16_t)(int16_t)(int8_t)(uint8_t)((u >> 16) & 0xFFu);
  return (int32_t)(lo | (hi << 16));
}

/* Adds the sign-extended bytes 0 and 2 of b to the halfwords of a, each lane modulo 2^16. */
static inline int32_t mcu_emu_sxtab16(int32_t a, int32_t b) {
  const uint32_t ua = (uint32_t)a;
  const uint32_t ext = (uint32_t)mcu_emu_sxtb16(b);
  const uint32_t lo = ((ua & 0xFFFFu) + (ext & 0xFFFFu)) & 0xFFFFu;
  const uint32_t hi = ((ua >> 16) + (ext >> 16)) & 0xFFFFu;
  return (int32_t)(lo | (hi << 16));
}

/* acc + a.lo * b.lo + a.hi * b.hi (signed 16-bit lanes), modulo 2^32. */
static inline int32_t mcu_emu_smlad(int32_t a, int32_t b, int32_t acc) {
  const int32_t a_lo = (int16_t)(uint16_t)((uint32_t)a & 0xFFFFu);
  const int32_t a_hi = (int16_t)(uint16_t)((uint32_t)a >> 16);
  const int32_t b_lo = (int16_t)(uint16_t)((uint32_t)b & 0xFFFFu);
  const int32_t b_hi = (int16_t)(uint16_t)((uint32_t)b >> 16);
  const uint32_t sum = (uint32_t)acc + (uint32_t)(a_lo * b_lo) + (uint32_t)(a_hi * b_hi);
  return (int32_t)sum;
}

#endif /* MCUNET_ENGINE_ACLE_EMULATION_H */
