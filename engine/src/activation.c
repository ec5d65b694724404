/* SOFTMAX, LOGISTIC and HARD_SWISH int8, bit-exact with TF-Lite Micro's reference kernels.
 *
 * Softmax and logistic run gemmlowp's fixed-point math. Notation: Qm = 32-bit value with m integer
 * bits and 31 - m fractional bits; "a * b" of Qm and Qn is SQRDMULH (mcu_srdhm) giving Q(m+n).
 *  - exp(a) for a <= 0 (exp_on_negative_values): split a = -k/4 * ... into its residue r in
 *    [-1/4, 0), evaluated by a 4th-order Taylor polynomial around -1/8, and the bits of the
 *    remainder, each multiplying by the constant exp(-2^e) (a barrel shifter over e = -2..4).
 *  - 1 / (1 + x) for x in [0, 1) (one_over_one_plus_x_for_x_in_0_1): three Newton-Raphson steps
 *    on the half denominator, starting from 48/17 - 32/17 * d.
 * Every constant and rounding step follows gemmlowp/fixedpoint.h so the results agree bit for bit.
 */
#include "mcunet_engine/activation.h"

#include "internal.h"

/* ---- gemmlowp fixed point ------------------------------------------------------------------ */

static int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

/* exp(a) for a in [-1/4, 0), Q0 in and out. */
static int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a) {
  const int32_t constant_term = 1895147668;    /* exp(-1/8) */
  const int32_t constant_1_over_3 = 715827883; /* 1/3 */
  const int32_t x = a + (1 << 28);             /* a + 1/8 */
  const int32_t x2 = mcu_srdhm(x, x);
  const int32_t x3 = mcu_srdhm(x2, x);
  const int32_t x4 = mcu_srdhm(x2, x2);
  const int32_t x4_over_4 = mcu_rdbpot(x4, 2);
  const int32_t poly = mcu_rdbpot(mcu_srdhm(x4_over_4 + x3, constant_1_over_3) + x2, 1);
  return constant_term + mcu_srdhm(constant_term, x + poly);
}

/* exp(a) for a <= 0 given in Q(integer_bits); result Q0 (1.0 saturates to INT32_MAX). */
static int32_t exp_on_negative_values(int32_t a, int integer_bits) {
  static const int32_t kBarrel[7] = {1672461947, 1302514674, 790015084, 290630308,
                                     39332535,   720401,     242}; /* exp(-2^e), e = -2..4 */
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
  const int32_t rescaled = integer_bits > 0 ? mcu_sat_shl(a_mod_quarter_minus_one_quarter, integer_bits)
                                            : a_mod_quarter_minus_one_quarter;
  int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(rescaled);
  const int32_t remainder = a_mod_quarter_minus_one_quarter - a;
  for (int e = -2; e <= 4; ++e) {
    if (integer_bits > e) {
      const int shift_amount = fractional_bits + e;
      if (remainder & ((int32_t)1 << shift_amount)) result = mcu_srdhm(result, kBarrel[e + 2]);
    }
  }
  if (integer_bits > 5) {
    const int32_t clamp = -((int32_t)1 << (36 - integer_bits)); /* -32.0 */
    if (a < clamp) result = 0;
  }
  if (a == 0) result = INT32_MAX;
  return result;
}

/* 1 / (1 + a) for a in [0, 1), Q0 in and out. */
static int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);
  const int32_t constant_48_over_17 = 1515870810;      /* Q2 */
  const int32_t constant_neg_32_over_17 = -1010580540; /* Q2 */
  int32_t x = constant_48_over_17 + mcu_srdhm(half_denominator, constant_neg_32_over_17);
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = mcu_srdhm(half_denominator, x); /* Q2 */
    const int32_t one_minus = (1 << 29) - half_denominator_times_x;         /* Q2 */
    x = x + mcu_sat_shl(mcu_srdhm(x, one_minus), 2);                         /* Q4 -> Q2 */
  }
  return mcu_sat_shl(x, 1); /* x/2 read as Q1, rescaled to Q0 */
}

static int count_leading_zeros_u32(uint32_t x) {
  int n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000u)) {
    x <<= 1;
    ++n;
  }
  return n;
}

/* ---- SOFTMAX --------------------------------------------------------------------------------- */

void MCU_NAME(mcu_softmax_s8)(const mcu_softmax_params* p, const int8_t* input, int8_t* output) {
  enum { kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12 };
  const int32_t depth = p->depth;
  for (int32_t row = 0; row < p->outer; ++row) {
    const int8_t* in = input + (size_t)row * depth;
    int8_t* out = output + (size_t)row * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c) max_in_row = mcu_max_i32(max_in_row, in[c]);

    int32_t sum_of_exps = 0; /* Q12 */
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p->diff_min) {
        const int32_t scaled = mcu_mbqm(diff, p->input_multiplier, (int)p->input_left_shift);
        const int32_t e = exp_on_negative_values(scaled, kScaledDiffIntegerBits);
        sum_of_exps += mcu_rdbpot(e, kAccumulationIntegerBits);
      }
    }

    /* GetReciprocal: normalise the sum to [1, 2), invert with one_over_one_plus_x. */
    const int headroom_plus_one = count_leading_zeros_u32((uint32_t)sum_of_exps);
    const int num_bits_over_unit = kAccumulationIntegerBits - headroom_plus_one;
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)sum_of_exps << headroom_plus_one) - (UINT32_C(1) << 31));
    const int32_t shifted_scale = one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
    const int exponent = num_bits_over_unit + 31 - 8;

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p->diff_min) {
        const int32_t scaled = mcu_mbqm(diff, p->input_multiplier, (int)p->input_left_shift);
        const int32_t e = exp_on_negative_values(scaled, kScaledDiffIntegerBits);
        const int32_t unsat = mcu_rdbpot(mcu_srdhm(shifted_scale, e), exponent);
        out[c] = (int8_t)mcu_clamp_i32(unsat - 128, -128, 127);
      } else {
        out[c] = -128;
      }
    }
  }
}

/* ---- LOGISTIC -------------------------------------------------------------------------------- */

/* gemmlowp::logistic for a Q4 input; Q0 output. */
static int32_t logistic_q4(int32_t a) {
  if (a == 0) return 1 << 30; /* 0.5 */
  const int32_t abs_a = a > 0 ? a : -a;
  const int32_t positive = one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-abs_a, 4));
  return a > 0 ? positive : INT32_MAX - positive;
}

void MCU_NAME(mcu_logistic_s8)(const mcu_logistic_params* p, const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int32_t x = input[i] - p->input_zero_point;
    if (x <= -p->input_range_radius) {
      output[i] = -128;
    } else if (x >= p->input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t in_q4 = mcu_mbqm(x, p->input_multiplier, (int)p->input_left_shift);
      const int32_t out_q0 = logistic_q4(in_q4);
      const int32_t v = mcu_rdbpot(out_q0, 31 - 8) - 128;
      output[i] = (int8_t)mcu_clamp_i32(v, -128, 127);
    }
  }
}

/* ---- HARD_SWISH (16-bit fixed point) --------------------------------------------------------- */

static int16_t srdhm16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = (int32_t)a * (int32_t)b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return (int16_t)((ab + nudge) / (1 << 15));
}

/* Like srdhm16 but truncating toward zero (SQDMULH); TFLite uses it for the final product to
 * cancel the rounding bias of the earlier steps. */
static int16_t sdhm16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = (int32_t)a * (int32_t)b;
  return (int16_t)(ab / (1 << 15));
}

/* gemmlowp RoundingDivideByPOT on int16 lanes (the mask is computed in 16 bits). */
static int16_t rdbpot16(int16_t x, int exponent) {
  const int16_t mask = (int16_t)(uint16_t)((UINT64_C(1) << exponent) - 1);
  const int16_t remainder = (int16_t)(x & mask);
  const int16_t threshold = (int16_t)((mask >> 1) + (x < 0 ? 1 : 0));
  return (int16_t)((x >> exponent) + (remainder > threshold ? 1 : 0));
}

static int16_t saturating_left_shift16(int16_t value, int amount) {
  const int64_t r = (int64_t)value * ((int64_t)1 << amount);
  if (r > INT16_MAX) return INT16_MAX;
  if (r < INT16_MIN) return INT16_MIN;
  return (int16_t)r;
}

void MCU_NAME(mcu_hard_swish_s8)(const mcu_hard_swish_params* p, const int8_t* input,
                                 int8_t* output) {
  for (int32_t i = 0; i < p->size; ++i) {
    const int16_t input_value = (int16_t)(input[i] - p->input_zero_point);
    const int16_t hires = (int16_t)(input_value * (1 << 7));
    const int16_t preshift_output_scale = srdhm16(hires, p->output_multiplier_fixedpoint_int16);
    int16_t reluish = hires;
    if (p->reluish_multiplier_exponent > 0) {
      reluish = saturating_left_shift16(reluish, (int)p->reluish_multiplier_exponent - 1);
    }
    reluish = srdhm16(reluish, p->reluish_multiplier_fixedpoint_int16);
    if (p->reluish_multiplier_exponent > 0) reluish = saturating_left_shift16(reluish, 1);
    if (p->reluish_multiplier_exponent < 0) {
      reluish = rdbpot16(reluish, (int)-p->reluish_multiplier_exponent);
    }
    reluish = (int16_t)((reluish + (1 << 15)) >> 1); /* [-1, 1] -> [0, 1] */
    const int16_t preshift_output = sdhm16(reluish, preshift_output_scale);
    int32_t out = rdbpot16(preshift_output, (int)-p->output_multiplier_exponent);
    out += p->output_zero_point;
    output[i] = (int8_t)mcu_clamp_i32(out, -128, 127);
  }
}
