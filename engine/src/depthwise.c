/* DEPTHWISE_CONV_2D int8 (regular and in-place). Semantics in conv.h.
 *
 * Cortex-M path (depth multiplier 1): four channels at a time, kernel taps taken in pairs along
 * kernel_w. For taps t0, t1 the four input bytes of each are offset and split by SXTAB16 into
 * (c0, c2) and (c1, c3) lanes; packing the same channel of both taps into one word ((c0@t0, c0@t1),
 * ...) lets one SMLAD do two MACs of that channel. The window is clipped to the input once per
 * output pixel, so padding taps are skipped rather than tested; an unpaired last tap multiplies
 * with the other weight lane zeroed.
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
/* Where the taps of one output pixel are: `rows` kernel rows of `pairs` tap pairs plus an optional
 * single tap, with the strides to step between them. Computed once per pixel. */
typedef struct {
  int32_t rows, pairs, single;
  int32_t row_step, tap_step;     /* input bytes between kernel rows / adjacent taps */
  int32_t w_row_step, w_tap_step; /* filter bytes between kernel rows / adjacent taps */
  int32_t offset_pair;            /* input offset in both halfwords */
} dw_window;

#if defined(__GNUC__)
#define MCU_NOINLINE __attribute__((noinline))
#else
#define MCU_NOINLINE
#endif

/* Depth multiplier 1: accumulators of four channels of one output pixel. `in` and `w` point at
 * the first in-bounds tap of channel c. Kept out of line on purpose: with the caller's loop state
 * out of the way the four accumulators and the tap pointers stay in registers. An unpaired last
 * tap multiplies with one weight lane zeroed. */
static MCU_NOINLINE void dw_acc4_simd(const int8_t* in, const int8_t* w, const dw_window* g,
                                      int32_t acc[4]) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const int32_t offset_pair = g->offset_pair;
  const int32_t tap = g->tap_step;
  const int32_t w_tap = g->w_tap_step;
  for (int32_t r = g->rows; r > 0; --r, in += g->row_step, w += g->w_row_step) {
    const int8_t* ip = in;
    const int8_t* wp = w;
    for (int32_t k = g->pairs; k > 0; --k, ip += 2 * tap, wp += 2 * w_tap) {
      const int32_t in0 = mcu_read_s8x4(ip);
      const int32_t in1 = mcu_read_s8x4(ip + tap);
      const int32_t w0 = mcu_read_s8x4(wp);
      const int32_t w1 = mcu_read_s8x4(wp + w_tap);
      const int32_t x0_02 = MCU_SXTAB16(offset_pair, in0);
      const int32_t x1_02 = MCU_SXTAB16(offset_pair, in1);
      const int32_t w0_02 = MCU_SXTB16(w0);
      const int32_t w1_02 = MCU_SXTB16(w1);
      a0 = MCU_SMLAD(mcu_pack_lo(x0_02, x1_02), mcu_pack_lo(w0_02, w1_02), a0);
      a2 = MCU_SMLAD(mcu_pack_hi(x0_02, x1_02), mcu_pack_hi(w0_02, w1_02), a2);
      const int32_t x0_13 = MCU_SXTAB16(offset_pair, mcu_ror8(in0));
      const int32_t x1_13 = MCU_SXTAB16(offset_pair, mcu_ror8(in1));
      const int32_t w0_13 = MCU_SXTB16(mcu_ror8(w0));
      const int32_t w1_13 = MCU_SXTB16(mcu_ror8(w1));
      a1 = MCU_SMLAD(mcu_pack_lo(x0_13, x1_13), mcu_pack_lo(w0_13, w1_13), a1);
      a3 = MCU_SMLAD(mcu_pack_hi(x0_13, x1_13), mcu_pack_hi(w0_13, w1_13), a3);
    }
    if (g->single) {
      const int32_t in0 = mcu_read_s8x4(ip);
      const int32_t w0 = mcu_read_s8x4(wp);
      const int32_t x0_02 = MCU_SXTAB16(offset_pair, in0);
      const int32_t x0_13 = MCU_SXTAB16(offset_pair, mcu_ror8(in0));
      const int32_t w0_02 = MCU_SXTB16(w0);
      const int32_t w0_13 = MCU_SXTB16(mcu_ror8(w0));
      a0 = MCU_SMLAD(x0_02, mcu_pack_lo(w0_02, 0), a0);
      a2 = MCU_SMLAD(x0_02, (int32_t)((uint32_t)w0_02 & 0xFFFF0000u), a2);
      a1 = MCU_SMLAD(x0_13, mcu_pack_lo(w0_13, 0), a1);
      a3 = MCU_SMLAD(x0_13, (int32_t)((uint32_t)w0_13 & 0xFFFF0000u), a3);
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/* Smallest k >= 0 with origin + k * dilation >= 0, and the end of the taps inside [0, size). */
static inline void dw_clip(int32_t origin, int32_t dilation, int32_t taps, int32_t size,
                           int32_t* k0, int32_t* k1) {
  int32_t lo = 0;
  while (lo < taps && origin + lo * dilation < 0) ++lo;
  int32_t hi = taps;
  while (hi > lo && origin + (hi - 1) * dilation >= size) --hi;
  *k0 = lo;
  *k1 = hi;
}

/* The whole output with the SIMD channel groups (depth multiplier 1); the C % 4 tail channels use
 * the scalar accumulation. All parameters are read into locals once. */
static void dw_simd_dm1(const mcu_conv_params* p, const int8_t* input, const int8_t* filter,
                        const int32_t* bias, int8_t* output) {
  const int32_t C = p->input_c;
  const int32_t in_h = p->input_h, in_w = p->input_w;
  const int32_t out_h = p->output_h, out_w = p->output_w;
  const int32_t kh = p->kernel_h, kw = p->kernel_w;
  const int32_t sh = p->stride_h, sw = p->stride_w;
  const int32_t dh = p->dilation_h, dw = p->dilation_w;
  const int32_t pad_t = p->pad_top, pad_l = p->pad_left;
  const int32_t offset = -p->input_zero_point;
  const int32_t offset_pair = (int32_t)(((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16));
  const int32_t* mult = p->output_multiplier;
  const int32_t* shift = p->output_shift;
  const int32_t zp = p->output_zero_point, lo = p->activation_min, hi = p->activation_max;
  const int32_t row_stride = in_w * C;
  const int32_t tap_stride = dw * C;
  const int32_t C4 = C & ~3;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* in_b = input + (size_t)b * in_h * row_stride;
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * sh - pad_t;
      int32_t ky0, ky1;
      dw_clip(y0, dh, kh, in_h, &ky0, &ky1);
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * sw - pad_l;
        int32_t kx0, kx1;
        dw_clip(x0, dw, kw, in_w, &kx0, &kx1);
        int8_t* out = output + (((size_t)b * out_h + oy) * out_w + ox) * C;
        /* An empty window (all padding) accumulates nothing; never form its row pointer. */
        const int empty = ky0 >= ky1 || kx0 >= kx1;
        dw_window g;
        g.rows = empty ? 0 : ky1 - ky0;
        g.pairs = empty ? 0 : (kx1 - kx0) / 2;
        g.single = empty ? 0 : (kx1 - kx0) & 1;
        g.row_step = dh * row_stride;
        g.tap_step = tap_stride;
        g.w_row_step = kw * C;
        g.w_tap_step = C;
        g.offset_pair = offset_pair;
        const int8_t* row0 =
            empty ? in_b : in_b + (y0 + ky0 * dh) * row_stride + (x0 + kx0 * dw) * C;
        const int8_t* w0 = filter + (empty ? 0 : (ky0 * kw + kx0) * C);
        for (int32_t c = 0; c < C4; c += 4) {
          int32_t acc[4];
          dw_acc4_simd(row0 + c, w0 + c, &g, acc);
          for (int k = 0; k < 4; ++k) {
            int32_t a = acc[k];
            if (bias) a = mcu_wrap_add(a, bias[c + k]);
            out[c + k] = mcu_requant_s8(a, mult[c + k], shift[c + k], zp, lo, hi);
          }
        }
        for (int32_t c = C4; c < C; ++c) {
          int32_t a = dw_acc_scalar(p, input, filter, b, y0, x0, c, c);
          if (bias) a = mcu_wrap_add(a, bias[c]);
          out[c] = mcu_requant_s8(a, mult[c], shift[c], zp, lo, hi);
        }
      }
    }
  }
}
#endif

size_t MCU_NAME(mcu_depthwise_conv_s8_scratch_bytes)(const mcu_conv_params* p) {
  (void)p;
  return 0;
}

void MCU_NAME(mcu_depthwise_conv_s8)(const mcu_conv_params* p, const int8_t* input,
                                     const int8_t* filter, const int32_t* bias, int8_t* output,
                                     void* scratch) {
  (void)scratch;
  const int32_t dm = p->depth_multiplier;
#if MCU_USE_SIMD
  if (dm == 1) {
    dw_simd_dm1(p, input, filter, bias, output);
    return;
  }
#endif
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      const int32_t y0 = oy * p->stride_h - p->pad_top;
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const int32_t x0 = ox * p->stride_w - p->pad_left;
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * p->output_c;
        for (int32_t ic = 0; ic < p->input_c; ++ic) {
          for (int32_t m = 0; m < dm; ++m) {
            const int32_t oc = ic * dm + m;
            out[oc] = mcu_conv_out_s8(p, bias, oc, dw_acc_scalar(p, input, filter, b, y0, x0, ic, oc));
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
  const int32_t in_h = p->input_h, in_w = p->input_w;
  const int32_t out_h = p->output_h, out_w = p->output_w;
  const int32_t kh = p->kernel_h, kw = p->kernel_w;
  const int32_t sh = p->stride_h, sw = p->stride_w;
  const int32_t dh = p->dilation_h, dw = p->dilation_w;
  const int32_t pad_t = p->pad_top, pad_l = p->pad_left;
  const int32_t offset = -p->input_zero_point;
  const int32_t zp = p->output_zero_point, lo = p->activation_min, hi = p->activation_max;
  const int32_t in_pixels = in_h * in_w;
#if MCU_USE_SIMD
  /* Interior pixels (whole window inside, dilation_w 1) take horizontally adjacent taps in
   * pairs: two plane bytes placed in bytes 0 and 2 of a word, offset by SXTAB16, times a
   * pre-packed weight pair, one SMLAD. An odd last tap is paired with a zero weight. */
  enum { kMaxPairs = 64 };
  const int32_t pairs_per_row = (kw + 1) / 2;
  const int simd = dw == 1 && kh * pairs_per_row <= kMaxPairs;
  const int32_t offset_pair = (int32_t)(((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16));
  int32_t wpairs[kMaxPairs];
#endif
  for (int32_t c = 0; c < C; ++c) {
    for (int32_t i = 0; i < in_pixels; ++i) plane[i] = data[i * C + c];
    const int8_t* fc = filter + c; /* tap (ky, kx) weight at fc[(ky * kw + kx) * C] */
    const int32_t multiplier = p->output_multiplier[c];
    const int32_t shift = p->output_shift[c];
    const int32_t bias_c = bias ? bias[c] : 0;
#if MCU_USE_SIMD
    if (simd) {
      int32_t n = 0;
      for (int32_t ky = 0; ky < kh; ++ky) {
        for (int32_t kx = 0; kx < kw; kx += 2) {
          const int32_t w0 = fc[(ky * kw + kx) * C];
          const int32_t w1 = kx + 1 < kw ? fc[(ky * kw + kx + 1) * C] : 0;
          wpairs[n++] = mcu_pack_lo(w0, w1);
        }
      }
    }
#endif
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * sh - pad_t;
#if MCU_USE_SIMD
      const int rows_inside = y0 >= 0 && y0 + (kh - 1) * dh < in_h;
#endif
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * sw - pad_l;
        int32_t acc = 0;
#if MCU_USE_SIMD
        if (simd && rows_inside && x0 >= 0 && x0 + kw - 1 < in_w) {
          const int32_t* wp = wpairs;
          const uint8_t* q = (const uint8_t*)plane + y0 * in_w + x0;
          if (kh == 3 && kw == 3) {
            /* The common MCUNet kernel, unrolled: per row one pair and one single tap. */
            const int32_t row = dh * in_w;
            for (int32_t ky = 0; ky < 3; ++ky, q += row, wp += 2) {
              acc = MCU_SMLAD(
                  MCU_SXTAB16(offset_pair, (int32_t)((uint32_t)q[0] | ((uint32_t)q[1] << 16))),
                  wp[0], acc);
              acc = MCU_SMLAD(MCU_SXTAB16(offset_pair, (int32_t)q[2]), wp[1], acc);
            }
          } else {
            for (int32_t ky = 0; ky < kh; ++ky, q += dh * in_w) {
              int32_t kx = 0;
              for (; kx + 1 < kw; kx += 2) {
                const int32_t two = (int32_t)((uint32_t)q[kx] | ((uint32_t)q[kx + 1] << 16));
                acc = MCU_SMLAD(MCU_SXTAB16(offset_pair, two), *wp++, acc);
              }
              if (kx < kw) acc = MCU_SMLAD(MCU_SXTAB16(offset_pair, (int32_t)q[kx]), *wp++, acc);
            }
          }
        } else
#endif
        {
          for (int32_t ky = 0; ky < kh; ++ky) {
            const int32_t iy = y0 + ky * dh;
            if (iy < 0 || iy >= in_h) continue;
            for (int32_t kx = 0; kx < kw; ++kx) {
              const int32_t ix = x0 + kx * dw;
              if (ix < 0 || ix >= in_w) continue;
              const int32_t w = fc[(ky * kw + kx) * C];
              acc = mcu_wrap_add(acc, w * (plane[iy * in_w + ix] + offset));
            }
          }
        }
        acc = mcu_wrap_add(acc, bias_c);
        data[(oy * out_w + ox) * C + c] = mcu_requant_s8(acc, multiplier, shift, zp, lo, hi);
      }
    }
  }
}
