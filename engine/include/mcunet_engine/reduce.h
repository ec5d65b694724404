/* int8 MEAN as TF-Lite Micro (commit 90b983c) computes it: reference_ops::QuantizedMeanOrSum in
 * its integer form, for every int8 MEAN (also when input and output quantization are equal; checked
 * against TFLM's own intermediate outputs of mcunet_vww, whose two MEANs round to nearest):
 *   n = number of reduced elements, (multiplier, shift) = QuantizeMultiplier(s_in / s_out);
 *   k = min(floor(log2 n), 32, 31 + shift); multiplier' = (multiplier << k) / n; shift' = shift - k
 *   out = clamp(MBQM(sum(x) - zp_in * n, multiplier', shift') + zp_out, -128, 127)
 * (the 1/n is folded into the multiplier; the kernel does that folding itself).
 *
 * Shapes: the input is viewed as [outer][reduce][inner] and the output as [outer][inner]: the
 * reduced axes must be contiguous (H,W of NHWC: outer = N, reduce = H*W, inner = C; the last axis:
 * inner = 1). Non-adjacent axis sets are not supported: one call per axis would round twice, so
 * the generator must transpose first. */
#ifndef MCUNET_ENGINE_REDUCE_H
#define MCUNET_ENGINE_REDUCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t outer, reduce, inner;
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift; /* mcu_quantize_multiplier((double)s_in / (double)s_out) */
} mcu_mean_params;

void mcu_mean_s8(const mcu_mean_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_REDUCE_H */
