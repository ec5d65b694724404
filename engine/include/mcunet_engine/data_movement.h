/* int8 PAD, CONCATENATION, TRANSPOSE and RESIZE_NEAREST_NEIGHBOR. These move bytes only; TFLM
 * requires equal input/output quantization for int8 concatenation, and pad fills with pad_value
 * (the constant_values input, else the output zero point). */
#ifndef MCUNET_ENGINE_DATA_MOVEMENT_H
#define MCUNET_ENGINE_DATA_MOVEMENT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PAD over 4-D (right-align lower ranks with leading 1s and zero padding). */
typedef struct {
  int32_t input_dims[4];
  int32_t pad_before[4];
  int32_t pad_after[4];
  int8_t pad_value;
} mcu_pad_params;
void mcu_pad_s8(const mcu_pad_params* p, const int8_t* input, int8_t* output);

/* CONCATENATION along one axis: each input is [outer][axis_size_i * inner]; output
 * [outer][sum(axis_size_i) * inner]. */
typedef struct {
  int32_t num_inputs;
  int32_t outer;
  int32_t inner; /* product of dims after the axis */
  const int32_t* axis_sizes; /* [num_inputs] */
} mcu_concat_params;
void mcu_concatenation_s8(const mcu_concat_params* p, const int8_t* const* inputs, int8_t* output);

/* TRANSPOSE of up to 6 dims: output dim i = input dim perm[i]. */
typedef struct {
  int32_t rank;
  int32_t input_dims[6];
  int32_t perm[6];
} mcu_transpose_params;
void mcu_transpose_s8(const mcu_transpose_params* p, const int8_t* input, int8_t* output);

/* RESIZE_NEAREST_NEIGHBOR, NHWC, with TFLite's align_corners / half_pixel_centers index rule
 * (computed in float as TFLite does). */
typedef struct {
  int32_t batches;
  int32_t input_h, input_w, channels;
  int32_t output_h, output_w;
  int32_t align_corners;
  int32_t half_pixel_centers;
} mcu_resize_params;
void mcu_resize_nearest_s8(const mcu_resize_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_DATA_MOVEMENT_H */
