/* FULLY_CONNECTED int8. Semantics in fully_connected.h. The Cortex-M path expands the input row
 * (int16, offset added, reordered for SMLAD; see conv_common.h) and reuses it for every output
 * row. A long row (micro_speech: 4,000 values) is expanded MCU_FC_CHUNK values at a time with
 * one int32 partial sum per output row, so its scratch is 2 B per chunk value + 4 B per output
 * instead of 2 B per input value; int32 wrap-around addition is associative, so the result is
 * bit-identical either way. */
#include "mcunet_engine/fully_connected.h"

#include "conv_common.h"

static int8_t fc_requant(const mcu_fully_connected_params* p, const int32_t* bias, int32_t o,
                         int32_t acc) {
  const int32_t k = p->per_channel ? o : 0;
  if (bias) acc = mcu_wrap_add(acc, bias[o]);
  return mcu_requant_s8(acc, p->output_multiplier[k], p->output_shift[k], p->output_zero_point,
                        p->activation_min, p->activation_max);
}

#define MCU_FC_CHUNK 256 /* a multiple of 4: chunks keep SMLAD's 4-value reordering aligned */

static size_t fc_chunked_scratch(const mcu_fully_connected_params* p) {
  return (size_t)MCU_FC_CHUNK * sizeof(int16_t) + (size_t)p->output_depth * sizeof(int32_t);
}

static int fc_uses_chunks(const mcu_fully_connected_params* p) {
  return fc_chunked_scratch(p) < (size_t)p->input_depth * sizeof(int16_t);
}

size_t MCU_NAME(mcu_fully_connected_s8_scratch_bytes)(const mcu_fully_connected_params* p) {
  return fc_uses_chunks(p) ? fc_chunked_scratch(p) : (size_t)p->input_depth * sizeof(int16_t);
}

#if MCU_USE_SIMD
/* Partial sums live at the start of scratch (4-byte aligned), the expanded chunk after them. */
static void fc_row_chunked(const mcu_fully_connected_params* p, const int8_t* in,
                           const int8_t* filter, const int32_t* bias, int8_t* out, void* scratch) {
  const int32_t depth = p->input_depth;
  int32_t* acc = (int32_t*)scratch;
  int16_t* chunk = (int16_t*)(acc + p->output_depth);
  for (int32_t o = 0; o < p->output_depth; ++o) acc[o] = 0;
  for (int32_t start = 0; start < depth; start += MCU_FC_CHUNK) {
    const int32_t len = depth - start < MCU_FC_CHUNK ? depth - start : MCU_FC_CHUNK;
    mcu_expand_vector(in + start, len, chunk, -p->input_zero_point);
    for (int32_t o = 0; o < p->output_depth; ++o)
      acc[o] = mcu_dot1_s8_q15(filter + (size_t)o * depth + start, chunk, len, acc[o]);
  }
  for (int32_t o = 0; o < p->output_depth; ++o) out[o] = fc_requant(p, bias, o, acc[o]);
}
#endif

void MCU_NAME(mcu_fully_connected_s8)(const mcu_fully_connected_params* p, const int8_t* input,
                                      const int8_t* filter, const int32_t* bias, int8_t* output,
                                      void* scratch) {
  const int32_t depth = p->input_depth;
  for (int32_t b = 0; b < p->batches; ++b) {
    const int8_t* in = input + (size_t)b * depth;
    int8_t* out = output + (size_t)b * p->output_depth;
#if MCU_USE_SIMD
    if (fc_uses_chunks(p)) {
      fc_row_chunked(p, in, filter, bias, out, scratch);
      continue;
    }
    int16_t* row = (int16_t*)scratch;
    mcu_expand_vector(in, depth, row, -p->input_zero_point);
    int32_t o = 0;
    for (; o + 2 <= p->output_depth; o += 2) {
      /* Two weight rows against one input row: reuse the same dot helper with the roles of
       * "filter" and "patch" kept, one call per row. */
      const int32_t acc0 = mcu_dot1_s8_q15(filter + (size_t)o * depth, row, depth, 0);
      const int32_t acc1 = mcu_dot1_s8_q15(filter + (size_t)(o + 1) * depth, row, depth, 0);
      out[o] = fc_requant(p, bias, o, acc0);
      out[o + 1] = fc_requant(p, bias, o + 1, acc1);
    }
    for (; o < p->output_depth; ++o) {
      out[o] = fc_requant(p, bias, o, mcu_dot1_s8_q15(filter + (size_t)o * depth, row, depth, 0));
    }
#else
    (void)scratch;
    const int32_t offset = -p->input_zero_point;
    for (int32_t o = 0; o < p->output_depth; ++o) {
      const int8_t* w = filter + (size_t)o * depth;
      int32_t acc = 0;
      for (int32_t i = 0; i < depth; ++i) acc = mcu_wrap_add(acc, (int32_t)w[i] * (in[i] + offset));
      out[o] = fc_requant(p, bias, o, acc);
    }
#endif
  }
}
