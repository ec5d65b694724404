/* int8 ADD and MUL with TFLite's quantized arithmetic.
 *
 * Broadcasting: NumPy-style over up to 4 dimensions. The caller passes both input shapes and the
 * output shape right-aligned to 4-D (missing leading dims = 1); an input dimension of 1 against a
 * larger output dimension is broadcast. Equal shapes take a flat elementwise loop.
 *
 * ADD (TFLM add, int8): both inputs are brought to a common scale with 20 bits of headroom:
 *   a' = MBQM_le1((a - zp_a) << left_shift, m_a, s_a), b' likewise,
 *   out = clamp(MBQM_le1(a' + b', m_out, s_out) + zp_out, act range)
 * where MBQM_le1 is MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0).
 * MUL (TFLM mul, int8): out = clamp(MBQM((a - zp_a) * (b - zp_b), m, s) + zp_out, act range).
 */
#ifndef MCUNET_ENGINE_ELEMENTWISE_H
#define MCUNET_ENGINE_ELEMENTWISE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t input1_dims[4];
  int32_t input2_dims[4];
  int32_t output_dims[4];
  int32_t input1_zero_point, input2_zero_point, output_zero_point;
  int32_t left_shift; /* ADD only: 20 for int8 */
  int32_t input1_multiplier, input1_shift; /* ADD only */
  int32_t input2_multiplier, input2_shift; /* ADD only */
  int32_t output_multiplier, output_shift;
  int32_t activation_min, activation_max;
} mcu_elementwise_params;

/* Host-side: fill multipliers and zero points as TFLM's Prepare does. Dims and activation range
 * are left to the caller. */
void mcu_add_prepare(float input1_scale, int32_t input1_zero_point, float input2_scale,
                     int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                     mcu_elementwise_params* p);
void mcu_mul_prepare(float input1_scale, int32_t input1_zero_point, float input2_scale,
                     int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
                     mcu_elementwise_params* p);

void mcu_add_s8(const mcu_elementwise_params* p, const int8_t* input1, const int8_t* input2,
                int8_t* output);
void mcu_mul_s8(const mcu_elementwise_params* p, const int8_t* input1, const int8_t* input2,
                int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_ELEMENTWISE_H */
