/* int8 FULLY_CONNECTED (TFLite semantics). input [batches][input_depth], filter
 * [output_depth][input_depth], bias int32 [output_depth] or NULL, output [batches][output_depth].
 * int8 weights are symmetric in TFLite (filter zero point 0), so only the input zero point enters:
 *   acc = bias[o] + sum_i filter[o][i] * (input[b][i] - input_zero_point)
 *   out = clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift) + output_zero_point, act range)
 * Per-tensor weights: per_channel = 0 and the arrays hold one entry, from
 * mcu_fully_connected_quantize_multiplier (TFLite takes input_scale * filter_scale in float);
 * per-channel: output_depth entries from mcu_conv_quantize_multipliers. */
#ifndef MCUNET_ENGINE_FULLY_CONNECTED_H
#define MCUNET_ENGINE_FULLY_CONNECTED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t batches;
  int32_t input_depth;
  int32_t output_depth;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t activation_min, activation_max;
  int32_t per_channel;
  const int32_t* output_multiplier;
  const int32_t* output_shift;
} mcu_fully_connected_params;

/* input_depth int16 values (the input row expanded with its offset, for SMLAD). */
size_t mcu_fully_connected_s8_scratch_bytes(const mcu_fully_connected_params* p);
void mcu_fully_connected_s8(const mcu_fully_connected_params* p, const int8_t* input,
                            const int8_t* filter, const int32_t* bias, int8_t* output,
                            void* scratch);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_FULLY_CONNECTED_H */
