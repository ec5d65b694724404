/* QUANTIZE (float -> int8), QUANTIZE int8 -> int8 (requantize) and DEQUANTIZE (int8 -> float), as
 * TF-Lite Micro computes them:
 *   quantize:   q = clamp(round_half_away(x / scale) + zp), the division in float (AffineQuantize)
 *   requantize: q = clamp(MBQM(x - zp_in, multiplier, shift) + zp_out), multiplier/shift from
 *               QuantizeMultiplier((double)s_in / (double)s_out) (reference_ops::Requantize)
 *   dequantize: f = (float)((double)scale * (x - zp)) (equal to one float rounding of the product) */
#ifndef MCUNET_ENGINE_QUANTIZE_H
#define MCUNET_ENGINE_QUANTIZE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* q = clamp(round(x / scale) + zero_point, -128, 127), rounding half away from zero; NaN gives
 * the zero point, +-Inf the ends of the range (TFLM on Cortex-M, whose float-to-int conversion
 * saturates). */
void mcu_quantize_f32_s8(int32_t size, float scale, int32_t zero_point, const float* input,
                         int8_t* output);

typedef struct {
  int32_t size;
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;
} mcu_requantize_params;
void mcu_requantize_s8(const mcu_requantize_params* p, const int8_t* input, int8_t* output);

void mcu_dequantize_s8_f32(int32_t size, float scale, int32_t zero_point, const int8_t* input,
                           float* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_QUANTIZE_H */
