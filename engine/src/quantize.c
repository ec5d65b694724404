/* QUANTIZE / requantize / DEQUANTIZE. Semantics in quantize.h. */
#include "mcunet_engine/quantize.h"

#include "internal.h"

void MCU_NAME(mcu_quantize_f32_s8)(int32_t size, float scale, int32_t zero_point,
                                   const float* input, int8_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    /* Clamp in float first so the conversion is defined; values beyond int8 range saturate
     * either way (+Inf to 127, -Inf to -128). NaN becomes the zero point: TFLM's
     * static_cast<int32_t>(round(NaN)) on Cortex-M is VCVT, which gives 0 for NaN, and the
     * reference interpreter does the same (runtime::roundToInt32). */
    float r = mcu_roundf(input[i] / scale);
    if (r != r) r = 0.0f;
    if (r > 1.0e6f) r = 1.0e6f;
    if (r < -1.0e6f) r = -1.0e6f;
    const int32_t q = (int32_t)r + zero_point;
    output[i] = (int8_t)mcu_clamp_i32(q, -128, 127);
  }
}

void MCU_NAME(mcu_requantize_s8)(const mcu_requantize_params* p, const int8_t* input,
                                 int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t v = mcu_mbqm(input[i] - p->input_zero_point, p->multiplier, (int)p->shift) +
                      p->output_zero_point;
    output[i] = (int8_t)mcu_clamp_i32(v, -128, 127);
  }
}

void MCU_NAME(mcu_dequantize_s8_f32)(int32_t size, float scale, int32_t zero_point,
                                     const int8_t* input, float* output) {
  for (int32_t i = 0; i < size; ++i) {
    /* scale * (x - zp) is exact in double (24-bit mantissa times a 9-bit integer), so one float
     * multiplication rounds it exactly as TFLite's double product cast to float. */
    output[i] = scale * (float)(input[i] - zero_point);
  }
}
