/* PAD, CONCATENATION, TRANSPOSE, RESIZE_NEAREST_NEIGHBOR int8. Semantics in data_movement.h. */
#include "mcunet_engine/data_movement.h"

#include "internal.h"

void MCU_NAME(mcu_pad_s8)(const mcu_pad_params* p, const int8_t* input, int8_t* output) {
  const int32_t* d = p->input_dims;
  int32_t od[4];
  for (int i = 0; i < 4; ++i) od[i] = p->pad_before[i] + d[i] + p->pad_after[i];
  const int32_t out_row = od[3];
  for (int32_t i0 = 0; i0 < od[0]; ++i0) {
    for (int32_t i1 = 0; i1 < od[1]; ++i1) {
      for (int32_t i2 = 0; i2 < od[2]; ++i2) {
        int8_t* out = output + ((i0 * od[1] + i1) * od[2] + i2) * out_row;
        const int32_t s0 = i0 - p->pad_before[0];
        const int32_t s1 = i1 - p->pad_before[1];
        const int32_t s2 = i2 - p->pad_before[2];
        if (s0 < 0 || s0 >= d[0] || s1 < 0 || s1 >= d[1] || s2 < 0 || s2 >= d[2]) {
          memset(out, (uint8_t)p->pad_value, (size_t)out_row);
          continue;
        }
        memset(out, (uint8_t)p->pad_value, (size_t)p->pad_before[3]);
        memcpy(out + p->pad_before[3], input + ((s0 * d[1] + s1) * d[2] + s2) * d[3], (size_t)d[3]);
        memset(out + p->pad_before[3] + d[3], (uint8_t)p->pad_value, (size_t)p->pad_after[3]);
      }
    }
  }
}

void MCU_NAME(mcu_concatenation_s8)(const mcu_concat_params* p, const int8_t* const* inputs,
                                    int8_t* output) {
  for (int32_t o = 0; o < p->outer; ++o) {
    for (int32_t k = 0; k < p->num_inputs; ++k) {
      const size_t chunk = (size_t)p->axis_sizes[k] * (size_t)p->inner;
      memcpy(output, inputs[k] + (size_t)o * chunk, chunk);
      output += chunk;
    }
  }
}

void MCU_NAME(mcu_transpose_s8)(const mcu_transpose_params* p, const int8_t* input,
                                int8_t* output) {
  /* Pad to 6-D with leading unit dims; walk the output in order, stepping the input by the
   * stride of the permuted dimension. */
  int32_t in_dims[6], in_strides[6], out_dims[6], step[6];
  const int32_t lead = 6 - p->rank;
  for (int i = 0; i < 6; ++i) in_dims[i] = i < lead ? 1 : p->input_dims[i - lead];
  int32_t s = 1;
  for (int i = 5; i >= 0; --i) {
    in_strides[i] = s;
    s *= in_dims[i];
  }
  for (int i = 0; i < 6; ++i) {
    const int32_t src = i < lead ? i : lead + p->perm[i - lead];
    out_dims[i] = in_dims[src];
    step[i] = in_strides[src];
  }
  for (int32_t a = 0; a < out_dims[0]; ++a)
    for (int32_t b = 0; b < out_dims[1]; ++b)
      for (int32_t c = 0; c < out_dims[2]; ++c)
        for (int32_t d = 0; d < out_dims[3]; ++d)
          for (int32_t e = 0; e < out_dims[4]; ++e) {
            const int8_t* in = input + a * step[0] + b * step[1] + c * step[2] + d * step[3] +
                               e * step[4];
            for (int32_t f = 0; f < out_dims[5]; ++f) *output++ = in[f * step[5]];
          }
}

/* TFLite GetNearestNeighbor, float arithmetic as in the reference. */
static int32_t nearest_index(int32_t out_index, int32_t in_size, int32_t out_size,
                             int32_t align_corners, int32_t half_pixel_centers) {
  const float scale = (align_corners && out_size > 1)
                          ? (float)(in_size - 1) / (float)(out_size - 1)
                          : (float)in_size / (float)out_size;
  const float offset = half_pixel_centers ? 0.5f : 0.0f;
  const float v = ((float)out_index + offset) * scale;
  int32_t idx = align_corners ? mcu_f2i_sat(mcu_roundf(v)) : mcu_f2i_sat(mcu_floorf(v));
  idx = mcu_min_i32(idx, in_size - 1);
  if (half_pixel_centers) idx = mcu_max_i32(0, idx);
  return idx;
}

void MCU_NAME(mcu_resize_nearest_s8)(const mcu_resize_params* p, const int8_t* input,
                                     int8_t* output) {
  const size_t C = (size_t)p->channels;
  for (int32_t b = 0; b < p->batches; ++b) {
    for (int32_t y = 0; y < p->output_h; ++y) {
      const int32_t iy =
          nearest_index(y, p->input_h, p->output_h, p->align_corners, p->half_pixel_centers);
      for (int32_t x = 0; x < p->output_w; ++x) {
        const int32_t ix =
            nearest_index(x, p->input_w, p->output_w, p->align_corners, p->half_pixel_centers);
        memcpy(output, input + (((size_t)b * p->input_h + iy) * p->input_w + ix) * C, C);
        output += C;
      }
    }
  }
}
