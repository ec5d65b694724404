/* Host-side parameter derivation: the integers generated code keeps in Flash, computed from float
 * scales exactly as TF-Lite Micro's Prepare functions compute them (same precision, same rounding:
 * TfLiteRound is round-half-away-from-zero, i.e. C99 round / roundf). Uses double and libm; the
 * kernels themselves never do. */
#include <math.h>

#include "internal.h"
#include "mcunet_engine/activation.h"
#include "mcunet_engine/elementwise.h"
#include "mcunet_engine/quant.h"

void MCU_NAME(mcu_quantize_multiplier)(double real_multiplier, int32_t* multiplier, int* shift) {
  if (real_multiplier == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  int exponent = 0;
  const double q = frexp(real_multiplier, &exponent);
  int64_t q_fixed = (int64_t)round(q * (double)(INT64_C(1) << 31));
  if (q_fixed == (INT64_C(1) << 31)) { /* mantissa rounded up to 1.0 */
    q_fixed /= 2;
    ++exponent;
  }
  /* Below 2^-31 every product would shift out entirely; TFLite encodes that as 0. */
  if (exponent < -31) {
    exponent = 0;
    q_fixed = 0;
  }
  *multiplier = (int32_t)q_fixed;
  *shift = exponent;
}

int32_t MCU_NAME(mcu_multiply_by_quantized_multiplier)(int32_t x, int32_t multiplier, int shift) {
  return mcu_mbqm(x, multiplier, shift);
}

void MCU_NAME(mcu_conv_quantize_multipliers)(float input_scale, const float* filter_scales,
                                             int filter_scale_count, float output_scale,
                                             int channels, int32_t* multipliers, int32_t* shifts) {
  for (int c = 0; c < channels; ++c) {
    const float filter_scale = filter_scales[filter_scale_count > 1 ? c : 0];
    const double effective =
        (double)input_scale * (double)filter_scale / (double)output_scale;
    int shift = 0;
    MCU_NAME(mcu_quantize_multiplier)(effective, &multipliers[c], &shift);
    shifts[c] = shift;
  }
}

void MCU_NAME(mcu_fully_connected_quantize_multiplier)(float input_scale, float filter_scale,
                                                       float output_scale, int32_t* multiplier,
                                                       int32_t* shift) {
  const double input_product_scale = (double)(input_scale * filter_scale);
  int s = 0;
  MCU_NAME(mcu_quantize_multiplier)(input_product_scale / (double)output_scale, multiplier, &s);
  *shift = s;
}

void MCU_NAME(mcu_compute_padding)(int same, int32_t in_size, int32_t filter_size, int32_t stride,
                                   int32_t dilation, int32_t* out_size, int32_t* pad_before) {
  const int32_t effective_filter = (filter_size - 1) * dilation + 1;
  int32_t out = 0;
  if (stride > 0) {
    out = same ? (in_size + stride - 1) / stride : (in_size + stride - effective_filter) / stride;
  }
  int32_t total = (out - 1) * stride + effective_filter - in_size;
  if (total < 0) total = 0;
  *out_size = out;
  *pad_before = total / 2;
}

static int32_t quantize_for_activation(float x, float scale, int32_t zero_point) {
  return zero_point + (int32_t)roundf(x / scale);
}

void MCU_NAME(mcu_activation_range_s8)(mcu_activation act, float output_scale,
                                       int32_t output_zero_point, int32_t* act_min,
                                       int32_t* act_max) {
  int32_t lo = -128;
  int32_t hi = 127;
  switch (act) {
    case MCU_ACT_RELU:
      lo = mcu_max_i32(lo, quantize_for_activation(0.0f, output_scale, output_zero_point));
      break;
    case MCU_ACT_RELU6:
      lo = mcu_max_i32(lo, quantize_for_activation(0.0f, output_scale, output_zero_point));
      hi = mcu_min_i32(hi, quantize_for_activation(6.0f, output_scale, output_zero_point));
      break;
    case MCU_ACT_RELU_N1_TO_1:
      lo = mcu_max_i32(lo, quantize_for_activation(-1.0f, output_scale, output_zero_point));
      hi = mcu_min_i32(hi, quantize_for_activation(1.0f, output_scale, output_zero_point));
      break;
    case MCU_ACT_NONE:
    default:
      break;
  }
  *act_min = lo;
  *act_max = hi;
}

void MCU_NAME(mcu_add_prepare)(float input1_scale, int32_t input1_zero_point, float input2_scale,
                               int32_t input2_zero_point, float output_scale,
                               int32_t output_zero_point, mcu_elementwise_params* p) {
  p->input1_zero_point = input1_zero_point;
  p->input2_zero_point = input2_zero_point;
  p->output_zero_point = output_zero_point;
  p->left_shift = 20;
  const double twice_max_input_scale =
      2.0 * (double)(input1_scale > input2_scale ? input1_scale : input2_scale);
  const double real1 = (double)input1_scale / twice_max_input_scale;
  const double real2 = (double)input2_scale / twice_max_input_scale;
  const double real_out =
      twice_max_input_scale / ((double)(1 << p->left_shift) * (double)output_scale);
  int shift = 0;
  MCU_NAME(mcu_quantize_multiplier)(real1, &p->input1_multiplier, &shift);
  p->input1_shift = shift;
  MCU_NAME(mcu_quantize_multiplier)(real2, &p->input2_multiplier, &shift);
  p->input2_shift = shift;
  MCU_NAME(mcu_quantize_multiplier)(real_out, &p->output_multiplier, &shift);
  p->output_shift = shift;
}

void MCU_NAME(mcu_mul_prepare)(float input1_scale, int32_t input1_zero_point, float input2_scale,
                               int32_t input2_zero_point, float output_scale,
                               int32_t output_zero_point, mcu_elementwise_params* p) {
  p->input1_zero_point = input1_zero_point;
  p->input2_zero_point = input2_zero_point;
  p->output_zero_point = output_zero_point;
  p->left_shift = 0;
  p->input1_multiplier = p->input2_multiplier = 0;
  p->input1_shift = p->input2_shift = 0;
  const double real = (double)input1_scale * (double)input2_scale / (double)output_scale;
  int shift = 0;
  MCU_NAME(mcu_quantize_multiplier)(real, &p->output_multiplier, &shift);
  p->output_shift = shift;
}

/* TFLite CalculateInputRadius: the largest |input difference| whose rescaled value still fits. */
static int32_t calculate_input_radius(int input_integer_bits, int input_left_shift,
                                      int total_signed_bits) {
  const double max_input_rescaled = 1.0 * (double)((1 << input_integer_bits) - 1) *
                                    (double)(INT64_C(1) << (total_signed_bits - input_integer_bits)) /
                                    (double)(INT64_C(1) << input_left_shift);
  return (int32_t)floor(max_input_rescaled);
}

int MCU_NAME(mcu_softmax_prepare)(double beta, float input_scale, mcu_softmax_params* p) {
  enum { kScaledDiffIntegerBits = 5 };
  /* Double-rounding build: the cap is 2^31 - 1. */
  const double max_real_multiplier = (double)((INT64_C(1) << 31)) - 1.0;
  double real = beta * (double)input_scale * (double)(1 << (31 - kScaledDiffIntegerBits));
  if (real > max_real_multiplier) real = max_real_multiplier;
  int shift = 0;
  int32_t multiplier = 0;
  MCU_NAME(mcu_quantize_multiplier)(real, &multiplier, &shift);
  if (shift < 0) return -1;
  p->input_multiplier = multiplier;
  p->input_left_shift = shift;
  p->diff_min = -calculate_input_radius(kScaledDiffIntegerBits, shift, 31);
  return 0;
}

void MCU_NAME(mcu_logistic_prepare)(float input_scale, int32_t input_zero_point,
                                    mcu_logistic_params* p) {
  enum { kInputIntegerBits = 4 };
  const double real = (double)input_scale * (double)(1 << (31 - kInputIntegerBits));
  int left_shift = 0;
  const double q = frexp(real, &left_shift);
  const int64_t q_fixed = (int64_t)round(q * (double)(INT64_C(1) << 31));
  /* TFLM casts without the 2^31 correction QuantizeMultiplier applies; on the hosts and MCUs we
   * target that conversion yields INT32_MIN, reproduced here without undefined behaviour. */
  p->input_multiplier = q_fixed >= (INT64_C(1) << 31) ? INT32_MIN : (int32_t)q_fixed;
  p->input_left_shift = left_shift;
  p->input_zero_point = input_zero_point;
  p->input_range_radius = calculate_input_radius(kInputIntegerBits, left_shift, 31);
}

/* TFLite DownScaleInt32ToInt16Multiplier: round the Q31 multiplier to Q15, saturating. */
static int16_t downscale_multiplier_to_int16(int32_t m) {
  const int32_t rounding_offset = 1 << 15;
  if (m >= INT32_MAX - rounding_offset) return INT16_MAX;
  return (int16_t)((m + rounding_offset) >> 16);
}

void MCU_NAME(mcu_hard_swish_prepare)(float input_scale, int32_t input_zero_point,
                                      float output_scale, int32_t output_zero_point,
                                      mcu_hard_swish_params* p) {
  p->input_zero_point = input_zero_point;
  p->output_zero_point = output_zero_point;
  const float hires_input_scale = (1.0f / 128.0f) * input_scale;
  const float reluish_scale = 3.0f / 32768.0f;
  int32_t m32 = 0;
  int shift = 0;
  MCU_NAME(mcu_quantize_multiplier)((double)(hires_input_scale / output_scale), &m32, &shift);
  p->output_multiplier_fixedpoint_int16 = downscale_multiplier_to_int16(m32);
  p->output_multiplier_exponent = shift;
  MCU_NAME(mcu_quantize_multiplier)((double)(hires_input_scale / reluish_scale), &m32, &shift);
  p->reluish_multiplier_fixedpoint_int16 = downscale_multiplier_to_int16(m32);
  p->reluish_multiplier_exponent = shift;
}
