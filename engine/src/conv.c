/* CONV_2D int8: general KxK (im2col on Cortex-M) and 1x1 pointwise. Semantics in conv.h. */
#include "mcunet_engine/conv.h"

#include "conv_common.h"

/* ---- portable path: TFLite's reference loop order, no scratch ----------------------------- */
#if !MCU_USE_SIMD
static void conv_portable(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output) {
  const int32_t in_c = p->input_c;
  const int32_t offset = -p->input_zero_point;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t x0 = ox * p->stride_w - p->pad_left;
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * p->output_c;
        for (int32_t oc = 0; oc < p->output_c; ++oc) {
          int32_t acc = 0;
          for (int32_t ky = 0; ky < p->kernel_h; ++ky) {
            const int32_t iy = y0 + ky * p->dilation_h;
            if (iy < 0 || iy >= p->input_h) continue;
            for (int32_t kx = 0; kx < p->kernel_w; ++kx) {
              const int32_t ix = x0 + kx * p->dilation_w;
              if (ix < 0 || ix >= p->input_w) continue;
              const int8_t* in = input + ((b * p->input_h + iy) * p->input_w + ix) * in_c;
              const int8_t* f = filter + ((oc * p->kernel_h + ky) * p->kernel_w + kx) * in_c;
              for (int32_t ic = 0; ic < in_c; ++ic) {
                acc = mcu_wrap_add(acc, (int32_t)f[ic] * (in[ic] + offset));
              }
            }
          }
          if (bias) acc = mcu_wrap_add(acc, bias[oc]);
          out[oc] = mcu_requant_s8(acc, p->output_multiplier[oc], p->output_shift[oc],
                                   p->output_zero_point, p->activation_min, p->activation_max);
        }
      }
    }
  }
}

static void conv_1x1_portable(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                              const int32_t* bias, int8_t* output) {
  const int32_t in_c = p->input_c;
  const int32_t offset = -p->input_zero_point;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int8_t* in = input + ((b * p->input_h + oy * p->stride_h) * p->input_w +
                                    ox * p->stride_w) * in_c;
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * p->output_c;
        const int8_t* f = filter;
        for (int32_t oc = 0; oc < p->output_c; ++oc, f += in_c) {
          int32_t acc = 0;
          for (int32_t ic = 0; ic < in_c; ++ic) {
            acc = mcu_wrap_add(acc, (int32_t)f[ic] * (in[ic] + offset));
          }
          if (bias) acc = mcu_wrap_add(acc, bias[oc]);
          out[oc] = mcu_requant_s8(acc, p->output_multiplier[oc], p->output_shift[oc],
                                   p->output_zero_point, p->activation_min, p->activation_max);
        }
      }
    }
  }
}
#endif

/* ---- Cortex-M path: im2col to int16 + SMLAD ----------------------------------------------- */
#if MCU_USE_SIMD
/* Builds the reordered int16 patch of one output pixel. Out-of-bounds taps are zeros (the value
 * input_zero_point + offset). When input_c % 4 == 0 every run starts and ends on a group boundary
 * and is expanded straight into reordered form; otherwise (first layers, 1-3 channels) whole kernel
 * rows are expanded in plain order and the groups reordered in one pass at the end. */
static void build_patch(const mcu_conv_params* p, const int8_t* input, int32_t b, int32_t oy,
                        int32_t ox, int16_t* patch) {
  const int32_t in_c = p->input_c;
  const int32_t offset = -p->input_zero_point;
  const int32_t row_len = p->kernel_w * in_c;
  const int32_t y0 = oy * p->stride_h - p->pad_top;
  const int32_t x0 = ox * p->stride_w - p->pad_left;
  const int aligned = (in_c & 3) == 0;
  const int32_t x_last = x0 + (p->kernel_w - 1) * p->dilation_w;
  const int row_inside = x0 >= 0 && x_last < p->input_w && p->dilation_w == 1;
  int16_t* dst = patch;
  for (int32_t ky = 0; ky < p->kernel_h; ++ky, dst += row_len) {
    const int32_t iy = y0 + ky * p->dilation_h;
    if (iy < 0 || iy >= p->input_h) {
      memset(dst, 0, (size_t)row_len * sizeof(int16_t));
      continue;
    }
    const int8_t* row = input + ((b * p->input_h + iy) * p->input_w) * in_c;
    if (row_inside) {
      if (aligned) {
        mcu_expand_reordered(row + x0 * in_c, row_len, dst, offset);
      } else {
        mcu_expand_plain(row + x0 * in_c, row_len, dst, offset);
      }
      continue;
    }
    for (int32_t kx = 0; kx < p->kernel_w; ++kx) {
      const int32_t ix = x0 + kx * p->dilation_w;
      int16_t* d = dst + kx * in_c;
      if (ix < 0 || ix >= p->input_w) {
        memset(d, 0, (size_t)in_c * sizeof(int16_t));
      } else if (aligned) {
        mcu_expand_reordered(row + ix * in_c, in_c, d, offset);
      } else {
        mcu_expand_plain(row + ix * in_c, in_c, d, offset);
      }
    }
  }
  if (!aligned) mcu_reorder_groups(patch, p->kernel_h * row_len);
}

static void requant_pixel(const mcu_conv_params* p, const int32_t* bias, int32_t oc, int32_t acc,
                          int8_t* out) {
  if (bias) acc = mcu_wrap_add(acc, bias[oc]);
  out[oc] = mcu_requant_s8(acc, p->output_multiplier[oc], p->output_shift[oc],
                           p->output_zero_point, p->activation_min, p->activation_max);
}

/* Output pixels in raster order, two at a time so each weight load feeds two SMLAD chains. */
static void conv_patches(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                         const int32_t* bias, int8_t* output, int16_t* buf, int is_1x1) {
  const int32_t patch_len = p->kernel_h * p->kernel_w * p->input_c;
  const int32_t pixels = p->batches * p->output_h * p->output_w;
  const int32_t hw = p->output_h * p->output_w;
  int16_t* pa = buf;
  int16_t* pb = buf + patch_len;
  for (int32_t px = 0; px < pixels; px += 2) {
    const int two = px + 1 < pixels;
    for (int k = 0; k < 1 + two; ++k) {
      const int32_t q = px + k;
      const int32_t b = q / hw;
      const int32_t oy = (q % hw) / p->output_w;
      const int32_t ox = q % p->output_w;
      int16_t* dst = k ? pb : pa;
      if (is_1x1) {
        const int8_t* src = input + ((b * p->input_h + oy * p->stride_h) * p->input_w +
                                     ox * p->stride_w) * p->input_c;
        mcu_expand_vector(src, p->input_c, dst, -p->input_zero_point);
      } else {
        build_patch(p, input, b, oy, ox, dst);
      }
    }
    int8_t* out_a = output + (size_t)px * p->output_c;
    int8_t* out_b = out_a + p->output_c;
    const int8_t* w = filter;
    for (int32_t oc = 0; oc < p->output_c; ++oc, w += patch_len) {
      if (two) {
        int32_t acc_a = 0;
        int32_t acc_b = 0;
        mcu_dot2_s8_q15(w, pa, pb, patch_len, &acc_a, &acc_b);
        requant_pixel(p, bias, oc, acc_a, out_a);
        requant_pixel(p, bias, oc, acc_b, out_b);
      } else {
        requant_pixel(p, bias, oc, mcu_dot1_s8_q15(w, pa, patch_len, 0), out_a);
      }
    }
  }
}
#endif

size_t MCU_NAME(mcu_conv_s8_scratch_bytes)(const mcu_conv_params* p) {
  /* Two int16 patches (the SIMD path); the portable path uses none, but the plan must hold for
   * every target. */
  return 2u * (size_t)p->kernel_h * (size_t)p->kernel_w * (size_t)p->input_c * sizeof(int16_t);
}

void MCU_NAME(mcu_conv_s8)(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, int8_t* output, void* scratch) {
#if MCU_USE_SIMD
  conv_patches(p, input, filter, bias, output, (int16_t*)scratch, 0);
#else
  (void)scratch;
  conv_portable(p, input, filter, bias, output);
#endif
}

size_t MCU_NAME(mcu_conv_1x1_s8_scratch_bytes)(const mcu_conv_params* p) {
  return 2u * (size_t)p->input_c * sizeof(int16_t);
}

void MCU_NAME(mcu_conv_1x1_s8)(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                               const int32_t* bias, int8_t* output, void* scratch) {
#if MCU_USE_SIMD
  conv_patches(p, input, filter, bias, output, (int16_t*)scratch, 1);
#else
  (void)scratch;
  conv_1x1_portable(p, input, filter, bias, output);
#endif
}
