/* int8 SOFTMAX, LOGISTIC and HARD_SWISH exactly as TF-Lite Micro's reference kernels compute them.
 *
 * SOFTMAX (reference_ops::Softmax<int8,int8>, gemmlowp fixed point, no lookup table): per row,
 * d = x - max(row); rows entries with d < diff_min contribute 0 and output -128; the others are
 * rescaled to Q5.26 (d * input_multiplier << input_left_shift, SQRDMULH), exp() is evaluated in
 * fixed point (exp_on_negative_values), summed in Q12.19, the sum is inverted with
 * one_over_one_plus_x (Newton-Raphson) and each exp is scaled by it and rounded to 8 bits. Output
 * scale is 1/256 and zero point -128 (TFLite requires it).
 *
 * LOGISTIC (reference_integer_ops::Logistic): d = x - zp_in; |d| beyond input_range_radius
 * saturates to -128 / 127; otherwise d is rescaled to Q4.27 with MBQM, gemmlowp::logistic gives
 * Q0.31, rounded to Q0.8 and offset by -128 (output scale 1/256, zero point -128).
 *
 * HARD_SWISH (reference_ops::HardSwish<int8>): 16-bit fixed point with input * 128 as "hires"
 * value, a relu-ish multiplier saturating to [-3, 3] -> [0, 1], and a final output multiplier.
 */
#ifndef MCUNET_ENGINE_ACTIVATION_H
#define MCUNET_ENGINE_ACTIVATION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t outer;  /* number of rows */
  int32_t depth;  /* softmax axis: the last dimension */
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t diff_min;
} mcu_softmax_params;

/* Host-side: PreprocessSoftmaxScaling(beta, input_scale, 5) and diff_min =
 * -CalculateInputRadius(5, left_shift, 31), as TFLM's CalculateSoftmaxParams for int8.
 * Returns 0, or -1 (p untouched) when beta * input_scale * 2^26 is below one: the left shift
 * would be negative, which the kernel's fixed-point scheme cannot express (the reference
 * interpreter refuses such a model too). */
int mcu_softmax_prepare(double beta, float input_scale, mcu_softmax_params* p);
void mcu_softmax_s8(const mcu_softmax_params* p, const int8_t* input, int8_t* output);

typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t input_range_radius;
  int32_t input_multiplier;
  int32_t input_left_shift;
} mcu_logistic_params;

/* Host-side: TFLM's CalculateArithmeticOpDataLogistic for int8 (frexp of input_scale * 2^27). */
void mcu_logistic_prepare(float input_scale, int32_t input_zero_point, mcu_logistic_params* p);
void mcu_logistic_s8(const mcu_logistic_params* p, const int8_t* input, int8_t* output);

typedef struct {
  int32_t size;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int16_t reluish_multiplier_fixedpoint_int16;
  int32_t reluish_multiplier_exponent;
  int16_t output_multiplier_fixedpoint_int16;
  int32_t output_multiplier_exponent; /* <= 0 */
} mcu_hard_swish_params;

/* Host-side: TFLM's HardSwishPrepare (float scale arithmetic, QuantizeMultiplier, then
 * DownScaleInt32ToInt16Multiplier). */
void mcu_hard_swish_prepare(float input_scale, int32_t input_zero_point, float output_scale,
                            int32_t output_zero_point, mcu_hard_swish_params* p);
void mcu_hard_swish_s8(const mcu_hard_swish_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_ACTIVATION_H */
