/* AVERAGE_POOL_2D and MAX_POOL_2D int8. Semantics in pooling.h. */
#include "mcunet_engine/pooling.h"

#include "internal.h"

typedef struct {
  int32_t y_start, y_end, x_start, x_end;
} window;

/* The filter window of one output pixel clipped to the input, as TFLite's reference. */
static window clip_window(const mcu_pool_params* p, int32_t oy, int32_t ox) {
  const int32_t in_y = oy * p->stride_h - p->pad_top;
  const int32_t in_x = ox * p->stride_w - p->pad_left;
  window w;
  w.y_start = mcu_max_i32(0, -in_y);
  w.y_end = mcu_min_i32(p->filter_h, p->input_h - in_y);
  w.x_start = mcu_max_i32(0, -in_x);
  w.x_end = mcu_min_i32(p->filter_w, p->input_w - in_x);
  w.y_start += in_y;
  w.y_end += in_y;
  w.x_start += in_x;
  w.x_end += in_x;
  return w;
}

void MCU_NAME(mcu_avg_pool_s8)(const mcu_pool_params* p, const int8_t* input, int8_t* output) {
  const int32_t C = p->channels;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const window w = clip_window(p, oy, ox);
        const int32_t count = (w.y_end - w.y_start) * (w.x_end - w.x_start);
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * C;
        for (int32_t c = 0; c < C; ++c) {
          int32_t acc = 0;
          for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const int8_t* row = input + ((b * p->input_h + y) * p->input_w) * C + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) acc += row[x * C];
          }
          if (count <= 0) {
            /* TFLite rejects an empty window; keep the output defined. */
            out[c] = (int8_t)mcu_clamp_i32(0, p->activation_min, p->activation_max);
            continue;
          }
          acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          out[c] = (int8_t)mcu_clamp_i32(acc, p->activation_min, p->activation_max);
        }
      }
    }
  }
}

void MCU_NAME(mcu_max_pool_s8)(const mcu_pool_params* p, const int8_t* input, int8_t* output) {
  const int32_t C = p->channels;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t oy = 0; oy < p->output_h; ++oy) {
      for (int32_t ox = 0; ox < p->output_w; ++ox) {
        const window w = clip_window(p, oy, ox);
        int8_t* out = output + ((b * p->output_h + oy) * p->output_w + ox) * C;
        for (int32_t c = 0; c < C; ++c) {
          int32_t m = -128;
          for (int32_t y = w.y_start; y < w.y_end; ++y) {
            const int8_t* row = input + ((b * p->input_h + y) * p->input_w) * C + c;
            for (int32_t x = w.x_start; x < w.x_end; ++x) m = mcu_max_i32(m, row[x * C]);
          }
          out[c] = (int8_t)mcu_clamp_i32(m, p->activation_min, p->activation_max);
        }
      }
    }
  }
}
