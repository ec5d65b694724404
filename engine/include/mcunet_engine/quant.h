/* Quantization parameters: how generated code's `const` tables are derived from float scales.
 *
 * The kernels never see a float scale. A real multiplier M (e.g. input_scale * filter_scale[c] /
 * output_scale for a convolution) is stored as an int32 `multiplier` in [2^30, 2^31) and an int
 * `shift` with M ~= multiplier * 2^(shift - 31), exactly as TFLite's QuantizeMultiplier computes it
 * (frexp, then round half away from zero of the mantissa * 2^31). Kernels apply it with TFLite's
 * MultiplyByQuantizedMultiplier in its double-rounding form, which is what TF-Lite Micro builds by
 * default (TFLITE_SINGLE_ROUNDING unset): x * 2^max(shift,0), then SaturatingRoundingDoublingHighMul
 * (x, multiplier), then RoundingDivideByPOT by max(-shift,0).
 *
 * The helpers in this header are host-side (they use double and libm); the code generator calls them
 * (or an exact equivalent) and emits the results as constants. Each `mcu_*_prepare` reproduces the
 * computation TF-Lite Micro (commit 90b983c) performs in its kernel's Prepare, in the same floating
 * point precision, so the integers agree bit for bit.
 */
#ifndef MCUNET_ENGINE_QUANT_H
#define MCUNET_ENGINE_QUANT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* TFLite QuantizeMultiplier. real_multiplier == 0 gives (0, 0); tiny multipliers (shift < -31)
 * give (0, 0); a mantissa that rounds up to 2^31 is halved and the shift incremented. */
void mcu_quantize_multiplier(double real_multiplier, int32_t* multiplier, int* shift);

/* TFLite MultiplyByQuantizedMultiplier (double rounding), exposed for tests and generated code. */
int32_t mcu_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift);

/* Per-channel convolution / depthwise / fully-connected multipliers, as TFLM's
 * PopulateConvolutionQuantizationParams: M[c] = (double)input_scale * (double)filter_scale[c] /
 * (double)output_scale. filter_scale_count is 1 for per-tensor weights (then every one of the
 * `channels` entries gets the same value). */
void mcu_conv_quantize_multipliers(float input_scale, const float* filter_scales,
                                   int filter_scale_count, float output_scale, int channels,
                                   int32_t* multipliers, int32_t* shifts);

/* Per-tensor FULLY_CONNECTED multiplier, as TFLite's GetQuantizedConvolutionMultipler: the
 * input * filter scale product is taken in float, then divided in double by the output scale. */
void mcu_fully_connected_quantize_multiplier(float input_scale, float filter_scale,
                                             float output_scale, int32_t* multiplier, int32_t* shift);

/* TFLite padding: out_size and the leading pad for SAME (same = 1) or VALID (same = 0), as
 * ComputeOutSize / ComputePaddingWithOffset. The trailing pad is implied by the output size. */
void mcu_compute_padding(int same, int32_t in_size, int32_t filter_size, int32_t stride,
                         int32_t dilation, int32_t* out_size, int32_t* pad_before);

/* Fused activation, as TFLite CalculateActivationRangeQuantized for int8. */
typedef enum {
  MCU_ACT_NONE = 0,
  MCU_ACT_RELU = 1,
  MCU_ACT_RELU_N1_TO_1 = 2,
  MCU_ACT_RELU6 = 3
} mcu_activation;

void mcu_activation_range_s8(mcu_activation act, float output_scale, int32_t output_zero_point,
                             int32_t* act_min, int32_t* act_max);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_QUANT_H */
