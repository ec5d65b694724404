/* int8 AVERAGE_POOL_2D and MAX_POOL_2D (TFLite reference_integer_ops semantics), NHWC.
 * Windows are clipped to the input (padding taps are not counted). Average: the sum of the in-bounds
 * values divided by their count, rounded half away from zero ((acc +/- count/2) / count), then
 * clamped to the activation range; input and output share scale and zero point. Max: the largest
 * in-bounds value, clamped to the activation range. */
#ifndef MCUNET_ENGINE_POOLING_H
#define MCUNET_ENGINE_POOLING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t batches;
  int32_t input_h, input_w, channels;
  int32_t output_h, output_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_top, pad_left;
  int32_t activation_min, activation_max;
} mcu_pool_params;

void mcu_avg_pool_s8(const mcu_pool_params* p, const int8_t* input, int8_t* output);
void mcu_max_pool_s8(const mcu_pool_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_POOLING_H */
