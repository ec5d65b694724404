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
          out[oc] = mcu_conv_out_s8(p, bias, oc, acc);
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
          out[oc] = mcu_conv_out_s8(p, bias, oc, acc);
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

/* Requantization constants read once per kernel call: every int8 store may alias the params
 * struct as far as C is concerned, so reading them through `p` inside the loops would reload them
 * after each output byte. */
typedef struct {
  const int32_t* bias;
  const int32_t* multiplier;
  const int32_t* shift;
  int32_t zero_point, act_min, act_max;
} requant_consts;

static inline int8_t requant_one(const requant_consts* r, int32_t oc, int32_t acc) {
  if (r->bias) acc = mcu_wrap_add(acc, r->bias[oc]);
  return mcu_requant_s8(acc, r->multiplier[oc], r->shift[oc], r->zero_point, r->act_min,
                        r->act_max);
}

/* Two filter rows against two patches: per 4 input values 2 weight loads, 4 SXTB16, 4 patch
 * loads and 8 SMLAD for 16 MACs. */
static inline void dot2x2(const int8_t* w0, const int8_t* w1, const int16_t* a, const int16_t* b,
                          int32_t n, int32_t acc[4]) {
  int32_t a0 = 0, b0 = 0, a1 = 0, b1 = 0;
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t x_a02 = mcu_read_s16x2(a + i);
    const int32_t x_a13 = mcu_read_s16x2(a + i + 2);
    const int32_t x_b02 = mcu_read_s16x2(b + i);
    const int32_t x_b13 = mcu_read_s16x2(b + i + 2);
    const int32_t v0 = mcu_read_s8x4(w0 + i);
    const int32_t v0_02 = MCU_SXTB16(v0);
    const int32_t v0_13 = MCU_SXTB16(mcu_ror8(v0));
    a0 = MCU_SMLAD(v0_02, x_a02, a0);
    a0 = MCU_SMLAD(v0_13, x_a13, a0);
    b0 = MCU_SMLAD(v0_02, x_b02, b0);
    b0 = MCU_SMLAD(v0_13, x_b13, b0);
    const int32_t v1 = mcu_read_s8x4(w1 + i);
    const int32_t v1_02 = MCU_SXTB16(v1);
    const int32_t v1_13 = MCU_SXTB16(mcu_ror8(v1));
    a1 = MCU_SMLAD(v1_02, x_a02, a1);
    a1 = MCU_SMLAD(v1_13, x_a13, a1);
    b1 = MCU_SMLAD(v1_02, x_b02, b1);
    b1 = MCU_SMLAD(v1_13, x_b13, b1);
  }
  for (; i < n; ++i) {
    a0 = mcu_wrap_add(a0, (int32_t)w0[i] * a[i]);
    b0 = mcu_wrap_add(b0, (int32_t)w0[i] * b[i]);
    a1 = mcu_wrap_add(a1, (int32_t)w1[i] * a[i]);
    b1 = mcu_wrap_add(b1, (int32_t)w1[i] * b[i]);
  }
  acc[0] = a0;
  acc[1] = b0;
  acc[2] = a1;
  acc[3] = b1;
}

/* Output pixels in raster order, two at a time, and output channels two at a time, so each
 * expanded patch value and each weight load feeds two SMLAD chains. */
static void conv_patches(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                         const int32_t* bias, int8_t* output, int16_t* buf, int is_1x1) {
  const int32_t patch_len = p->kernel_h * p->kernel_w * p->input_c;
  const int32_t pixels = p->batches * p->output_h * p->output_w;
  const int32_t out_c = p->output_c;
  requant_consts r;
  r.bias = bias;
  r.multiplier = p->output_multiplier;
  r.shift = p->output_shift;
  r.zero_point = p->output_zero_point;
  r.act_min = p->activation_min;
  r.act_max = p->activation_max;
  int16_t* pa = buf;
  int16_t* pb = buf + patch_len;
  int32_t b = 0, oy = 0, ox = 0; /* position of pixel px, advanced incrementally */
  for (int32_t px = 0; px < pixels; px += 2) {
    const int two = px + 1 < pixels;
    for (int k = 0; k < 1 + two; ++k) {
      int16_t* dst = k ? pb : pa;
      if (is_1x1) {
        const int8_t* src = input + ((b * p->input_h + oy * p->stride_h) * p->input_w +
                                     ox * p->stride_w) * p->input_c;
        mcu_expand_vector(src, p->input_c, dst, -p->input_zero_point);
      } else {
        build_patch(p, input, b, oy, ox, dst);
      }
      if (++ox == p->output_w) {
        ox = 0;
        if (++oy == p->output_h) {
          oy = 0;
          ++b;
        }
      }
    }
    int8_t* out_a = output + (size_t)px * out_c;
    int8_t* out_b = out_a + out_c;
    int32_t oc = 0;
    if (two) {
      for (; oc + 2 <= out_c; oc += 2) {
        int32_t acc[4];
        const int8_t* w0 = filter + (size_t)oc * patch_len;
        dot2x2(w0, w0 + patch_len, pa, pb, patch_len, acc);
        out_a[oc] = requant_one(&r, oc, acc[0]);
        out_b[oc] = requant_one(&r, oc, acc[1]);
        out_a[oc + 1] = requant_one(&r, oc + 1, acc[2]);
        out_b[oc + 1] = requant_one(&r, oc + 1, acc[3]);
      }
      for (; oc < out_c; ++oc) {
        int32_t acc_a = 0;
        int32_t acc_b = 0;
        mcu_dot2_s8_q15(filter + (size_t)oc * patch_len, pa, pb, patch_len, &acc_a, &acc_b);
        out_a[oc] = requant_one(&r, oc, acc_a);
        out_b[oc] = requant_one(&r, oc, acc_b);
      }
    } else {
      for (; oc < out_c; ++oc) {
        out_a[oc] = requant_one(&r, oc, mcu_dot1_s8_q15(filter + (size_t)oc * patch_len, pa,
                                                        patch_len, 0));
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
