/* int8 MEAN as TF-Lite Micro computes it. TFLM picks one of three algorithms; the generator picks
 * the same one (mcu_mean_select_mode) and the kernel follows it exactly:
 *
 *  MCU_MEAN_HW_KEEP_DIMS  4-D input, axes {1,2}, keep_dims: reference_integer_ops::Mean.
 *      acc = sum(x - zp_in); acc = MBQM(acc, multiplier, shift) (multiplier = s_in / s_out);
 *      acc = (acc +/- n/2) / n (round half away from zero); out = clamp(acc + zp_out).
 *  MCU_MEAN_SAME_QUANT    same scale and zero point in and out: reference_ops::Mean.
 *      out = (int8)(sum(x) / n), C integer division (truncation toward zero).
 *  MCU_MEAN_REQUANT       otherwise: reference_ops::QuantizedMeanOrSum (integer form).
 *      the multiplier absorbs 1/n: shift' = min(floor(log2 n), 32, 31 + shift),
 *      multiplier' = (multiplier << shift') / n, out = clamp(MBQM(sum(x) - zp_in * n, multiplier',
 *      shift - shift') + zp_out).
 *
 * Shapes: the input is viewed as [outer][reduced][inner] after the reduced axes are made
 * contiguous by the caller; TFLite MEANs in our models reduce contiguous axes, which is the only
 * case supported: dims outer x reduce x inner (e.g. H,W of NHWC: outer = N, reduce = H*W,
 * inner = C; last axis: inner = 1). */
#ifndef MCUNET_ENGINE_REDUCE_H
#define MCUNET_ENGINE_REDUCE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  MCU_MEAN_HW_KEEP_DIMS = 0,
  MCU_MEAN_SAME_QUANT = 1,
  MCU_MEAN_REQUANT = 2
} mcu_mean_mode;

typedef struct {
  mcu_mean_mode mode;
  int32_t outer, reduce, inner;
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift; /* mcu_quantize_multiplier(s_in / s_out) */
} mcu_mean_params;

/* Which algorithm TFLM runs: 4-D input reducing axes {1,2} with keep_dims -> HW_KEEP_DIMS; else
 * equal scale (compared as float) and zero point -> SAME_QUANT; else REQUANT. */
mcu_mean_mode mcu_mean_select_mode(int input_rank, int reduces_axes_1_and_2_only, int keep_dims,
                                   float input_scale, int32_t input_zero_point,
                                   float output_scale, int32_t output_zero_point);

void mcu_mean_s8(const mcu_mean_params* p, const int8_t* input, int8_t* output);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_REDUCE_H */
