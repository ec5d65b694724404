/* DEPTHWISE_CONV_2D int8 (regular and in-place). Semantics in conv.h.
 *
 * Cortex-M path (depth multiplier 1): four channels at a time, kernel taps taken in pairs along
 * kernel_w. For taps t0, t1 the four input bytes of each are offset and split by SXTAB16 into
 * (c0, c2) and (c1, c3) lanes; packing the same channel of both taps into one word ((c0@t0, c0@t1),
 * ...) lets one SMLAD do two MACs of that channel. Odd kernel widths pair the last tap with a zero
 * weight; out-of-bounds taps read the zero point, which the offset turns into 0.
 */
#include "mcunet_engine/conv.h"

#include "conv_common.h"

/* One output value of channel oc, computed like TFLite's reference (skipping padding taps). */
static int32_t dw_acc_scalar(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                             int32_t b, int32_t y0, int32_t x0, int32_t ic, int32_t oc) {
  const int32_t offset = -p->input_zero_point;
  int32_t acc = 0;
  for (int32_t ky = 0; ky < p->kernel_h; ++ky) {
    const int32_t iy = y0 + ky * p->dilation_h;
    if (iy < 0 || iy >= p->input_h) continue;
    for (int32_t kx = 0; kx < p->kernel_w; ++kx) {
      const int32_t ix = x0 + kx * p->dilation_w;
      if (ix < 0 || ix >= p->input_w) continue;
      const int32_t x = input[((b * p->input_h + iy) * p->input_w + ix) * p->input_c + ic];
      const int32_t w = filter[(ky * p->kernel_w + kx) * p->output_c + oc];
      acc = mcu_wrap_add(acc, w * (x + offset));
    }
  }
  return acc;
}

#if MCU_USE_SIMD
/* Accumulators of channels c..c+3 (depth multiplier 1) for one output pixel. */
static void dw_acc4_simd(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                         int32_t b, int32_t y0, int32_t x0, int32_t c, int32_t acc[4]) {
  const int32_t C = p->input_c;
  const int32_t offset = -p->input_zero_point;
  const int32_t offset_pair = (int32_t)(((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16));
  const uint8_t zp = (uint8_t)(int8_t)p->input_zero_point;
  const int32_t zp4 = (int32_t)((uint32_t)zp * 0x01010101u);
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  for (int32_t ky = 0; ky < p->kernel_h; ++ky) {
    const int32_t iy = y0 + ky * p->dilation_h;
    if (iy < 0 || iy >= p->input_h) continue;
    const int8_t* row = input + ((b * p->input_h + iy) * p->input_w) * C + c;
    const int8_t* frow = filter + (ky * p->kernel_w) * C + c;
    for (int32_t kx = 0; kx < p->kernel_w; kx += 2) {
      const int32_t ix0 = x0 + kx * p->dilation_w;
      const int32_t ix1 = ix0 + p->dilation_w;
      const int has1 = kx + 1 < p->kernel_w;
      const int32_t in0 = (ix0 >= 0 && ix0 < p->input_w) ? mcu_read_s8x4(row + ix0 * C) : zp4;
      const int32_t in1 =
          (has1 && ix1 >= 0 && ix1 < p->input_w) ? mcu_read_s8x4(row + ix1 * C) : zp4;
      const int32_t w0 = mcu_read_s8x4(frow + kx * C);
      const int32_t w1 = has1 ? mcu_read_s8x4(frow + (kx + 1) * C) : 0;
      const int32_t x0_02 = MCU_SXTAB16(offset_pair, in0);
      const int32_t x0_13 = MCU_SXTAB16(offset_pair, mcu_ror8(in0));
      const int32_t x1_02 = MCU_SXTAB16(offset_pair, in1);
      const int32_t x1_13 = MCU_SXTAB16(offset_pair, mcu_ror8(in1));
      const int32_t w0_02 = MCU_SXTB16(w0);
      const int32_t w0_13 = MCU_SXTB16(mcu_ror8(w0));
      const int32_t w1_02 = MCU_SXTB16(w1);
      const int32_t w1_13 = MCU_SXTB16(mcu_ror8(w1));
      a0 = MCU_SMLAD(mcu_pack_lo(x0_02, x1_02), mcu_pack_lo(w0_02, w1_02), a0);
      a2 = MCU_SMLAD(mcu_pack_hi(x0_02, x1_02), mcu_pack_hi(w0_02, w1_02), a2);
      a1 = MCU_SMLAD(mcu_pack_lo(x0_13, x1_13), mcu_pack_lo(w0_13, w1_13), a1);
      a3 = MCU_SMLAD(mcu_pack_hi(x0_13, x1_13), mcu_pack_hi(w0_13, w1_13), a3);
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}
#endif

static int8_t dw_requant(const mcu_conv_params* p, const int32_t* bias, int32_t oc, int32_t acc) {
  if (bias) acc = mcu_wrap_add(acc, bias[oc]);
  return mcu_requant_s8(acc, p->output_multiplier[oc], p->output_shift[oc], p->output_zero_point,
                        p->activation_min, p->activation_max);
}

size_t MCU_NAME(mcu_depthwise_conv_s8_scratch_bytes)(const mcu_conv_params* p) {
  (void)p;
  return 0;
}

void MCU_NAME(mcu_depthwise_conv_s8)(const mcu_conv_params* p, const int8_t* input,
                                     const int8_t* filter, const int32_t* bias, int8_t* output,
                                     void* scratch) {
  (void)scratch;
  const int32_t dm = p->depth_multiplier;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t x0 = ox * p->stride_w - p->pad_left;
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * p->output_c;
        int32_t ic = 0;
#if MCU_USE_SIMD
        if (dm == 1) {
          for (; ic + 4 <= p->input_c; ic += 4) {
            int32_t acc[4];
            dw_acc4_simd(p, input, filter, b, y0, x0, ic, acc);
            for (int k = 0; k < 4; ++k) out[ic + k] = dw_requant(p, bias, ic + k, acc[k]);
          }
        }
#endif
        for (; ic < p->input_c; ++ic) {
          for (int32_t m = 0; m < dm; ++m) {
            const int32_t oc = ic * dm + m;
            out[oc] = dw_requant(p, bias, oc, dw_acc_scalar(p, input, filter, b, y0, x0, ic, oc));
          }
        }
      }
    }
  }
}

size_t MCU_NAME(mcu_depthwise_conv_s8_inplace_scratch_bytes)(const mcu_conv_params* p) {
  return (size_t)p->input_h * (size_t)p->input_w;
}

void MCU_NAME(mcu_depthwise_conv_s8_inplace)(const mcu_conv_params* p, int8_t* data,
                                             const int8_t* filter, const int32_t* bias,
                                             void* scratch) {
  int8_t* plane = (int8_t*)scratch;
  const int32_t C = p->input_c;
  const int32_t offset = -p->input_zero_point;
  const int32_t in_pixels = p->input_h * p->input_w;
  for (int32_t c = 0; c < C; ++c) {
    for (int32_t i = 0; i < in_pixels; ++i) plane[i] = data[i * C + c];
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t x0 = ox * p->stride_w - p->pad_left;
        int32_t acc = 0;
        for (int32_t ky = 0; ky < p->kernel_h; ++ky) {
          const int32_t iy = y0 + ky * p->dilation_h;
          if (iy < 0 || iy >= p->input_h) continue;
          for (int32_t kx = 0; kx < p->kernel_w; ++kx) {
            const int32_t ix = x0 + kx * p->dilation_w;
            if (ix < 0 || ix >= p->input_w) continue;
            const int32_t w = filter[(ky * p->kernel_w + kx) * C + c];
            acc = mcu_wrap_add(acc, w * (plane[iy * p->input_w + ix] + offset));
          }
        }
        data[(oy * p->output_w + ox) * C + c] = dw_requant(p, bias, c, acc);
      }
    }
  }
}
