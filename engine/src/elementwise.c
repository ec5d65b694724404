/* ADD and MUL int8 with 4-D NumPy broadcasting. Semantics in elementwise.h. */
#include "mcunet_engine/elementwise.h"

#include "internal.h"

static int8_t add_one(const mcu_elementwise_params* p, int32_t a, int32_t b) {
  const int32_t sa = (int32_t)((uint32_t)(a - p->input1_zero_point) << p->left_shift);
  const int32_t sb = (int32_t)((uint32_t)(b - p->input2_zero_point) << p->left_shift);
  /* Shifts are <= 0 here (multipliers below one), so MBQM is TFLite's
   * MultiplyByQuantizedMultiplierSmallerThanOneExp. */
  const int32_t ra = mcu_mbqm(sa, p->input1_multiplier, (int)p->input1_shift);
  const int32_t rb = mcu_mbqm(sb, p->input2_multiplier, (int)p->input2_shift);
  const int32_t out = mcu_mbqm(ra + rb, p->output_multiplier, (int)p->output_shift) +
                      p->output_zero_point;
  return (int8_t)mcu_clamp_i32(out, p->activation_min, p->activation_max);
}

static int8_t mul_one(const mcu_elementwise_params* p, int32_t a, int32_t b) {
  const int32_t prod = (a - p->input1_zero_point) * (b - p->input2_zero_point);
  const int32_t out = mcu_mbqm(prod, p->output_multiplier, (int)p->output_shift) +
                      p->output_zero_point;
  return (int8_t)mcu_clamp_i32(out, p->activation_min, p->activation_max);
}

typedef int8_t (*binary_fn)(const mcu_elementwise_params*, int32_t, int32_t);

static void broadcast_apply(const mcu_elementwise_params* p, const int8_t* in1, const int8_t* in2,
                            int8_t* out, binary_fn fn) {
  const int32_t* d1 = p->input1_dims;
  const int32_t* d2 = p->input2_dims;
  const int32_t* od = p->output_dims;
  int same = 1;
  for (int i = 0; i < 4; ++i) same &= (d1[i] == od[i]) & (d2[i] == od[i]);
  if (same) {
    const int32_t n = od[0] * od[1] * od[2] * od[3];
    for (int32_t i = 0; i < n; ++i) out[i] = fn(p, in1[i], in2[i]);
    return;
  }
  /* Strides with 0 on broadcast dimensions. */
  int32_t s1[4], s2[4];
  int32_t acc1 = 1, acc2 = 1;
  for (int i = 3; i >= 0; --i) {
    s1[i] = d1[i] == 1 ? 0 : acc1;
    s2[i] = d2[i] == 1 ? 0 : acc2;
    acc1 *= d1[i];
    acc2 *= d2[i];
  }
  for (int32_t i0 = 0; i0 < od[0]; ++i0) {
    for (int32_t i1 = 0; i1 < od[1]; ++i1) {
      for (int32_t i2 = 0; i2 < od[2]; ++i2) {
        const int8_t* a = in1 + i0 * s1[0] + i1 * s1[1] + i2 * s1[2];
        const int8_t* b = in2 + i0 * s2[0] + i1 * s2[1] + i2 * s2[2];
        for (int32_t i3 = 0; i3 < od[3]; ++i3) {
          *out++ = fn(p, a[i3 * s1[3]], b[i3 * s2[3]]);
        }
      }
    }
  }
}

void MCU_NAME(mcu_add_s8)(const mcu_elementwise_params* p, const int8_t* input1,
                          const int8_t* input2, int8_t* output) {
  broadcast_apply(p, input1, input2, output, add_one);
}

void MCU_NAME(mcu_mul_s8)(const mcu_elementwise_params* p, const int8_t* input1,
                          const int8_t* input2, int8_t* output) {
  broadcast_apply(p, input1, input2, output, mul_one);
}
