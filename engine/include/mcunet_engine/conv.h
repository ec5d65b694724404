/* int8 convolutions (TFLite CONV_2D / DEPTHWISE_CONV_2D semantics, per-channel quantization).
 *
 * Layout: NHWC activations; CONV_2D filters OHWI [out_c][kernel_h][kernel_w][in_c]; depthwise
 * filters 1HWC [kernel_h][kernel_w][out_c] with out_c = in_c * depth_multiplier; bias int32 per
 * output channel (may be NULL). Per output element:
 *   acc = bias[oc] + sum over in-bounds taps of filter * (input - input_zero_point)
 *   out = clamp(MultiplyByQuantizedMultiplier(acc, multiplier[oc], shift[oc]) + output_zero_point,
 *               activation_min, activation_max)
 * Taps outside the input (padding) contribute nothing, as in TFLite's reference kernels.
 *
 * Scratch: every kernel that needs working memory has mcu_<kernel>_scratch_bytes(params) and takes
 * a `scratch` pointer of at least that many bytes (4-byte aligned). The size is the same on every
 * target (the maximum over the portable and the Cortex-M SIMD paths) so the memory plan computed on
 * the host is valid on the board. A kernel whose scratch size is 0 accepts NULL.
 */
#ifndef MCUNET_ENGINE_CONV_H
#define MCUNET_ENGINE_CONV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t output_h, output_w, output_c;
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w; /* 1 for none */
  int32_t pad_top, pad_left;      /* leading padding (mcu_compute_padding) */
  int32_t depth_multiplier;       /* depthwise only: output_c = input_c * depth_multiplier */
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t activation_min, activation_max;
  const int32_t* output_multiplier; /* [output_c] */
  const int32_t* output_shift;      /* [output_c] */
} mcu_conv_params;

/* Any KxK convolution (stride, dilation, padding). On Cortex-M with DSP the patches of two output
 * pixels are expanded (im2col) to int16 with the input offset added, so the inner loop is two
 * SMLADs per four MACs. The expansion copies whole kernel rows at once: in NHWC one kernel row is
 * kernel_w * input_c contiguous bytes, which is what keeps first layers with 1-3 input channels
 * (3x3x3 patch = three runs of 9 bytes) from degenerating into per-channel copies. */
size_t mcu_conv_s8_scratch_bytes(const mcu_conv_params* p);
void mcu_conv_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                 const int32_t* bias, int8_t* output, void* scratch);

/* 1x1 convolution, stride 1 or more, no padding (kernel_h = kernel_w = 1, pad_top = pad_left = 0).
 * Every pixel is a dot product of input_c values with each filter row. */
size_t mcu_conv_1x1_s8_scratch_bytes(const mcu_conv_params* p);
void mcu_conv_1x1_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int8_t* output, void* scratch);

/* Depthwise KxK, any stride / dilation / depth multiplier. No scratch. */
size_t mcu_depthwise_conv_s8_scratch_bytes(const mcu_conv_params* p);
void mcu_depthwise_conv_s8(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, int8_t* output, void* scratch);

/* In-place depthwise (depth_multiplier 1, batches 1): `data` holds the input and receives the
 * output. Channel by channel, the input channel is copied to scratch (input_h * input_w bytes) and
 * the output channel is written back over it; output pixel p channel c lands on input pixel p
 * channel c, which is already saved, and output_h * output_w <= input_h * input_w (stride >= 1,
 * output no larger than input), so no unread input is overwritten. The caller must guarantee
 * output_h * output_w <= input_h * input_w. */
size_t mcu_depthwise_conv_s8_inplace_scratch_bytes(const mcu_conv_params* p);
void mcu_depthwise_conv_s8_inplace(const mcu_conv_params* p, int8_t* data, const int8_t* filter,
                                   const int32_t* bias, void* scratch);

#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_CONV_H */
