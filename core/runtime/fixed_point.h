// Integer arithmetic exactly as TF-Lite Micro's reference kernels do it (commit 90b983c).
//
// Bit-exactness with TFLM needs more than "the same formula": it needs the same rounding at
// every step. This header collects those steps, written from their documented semantics:
//
//  * quantizeMultiplier: a positive real multiplier m becomes (q, shift) with
//    m ~= q * 2^(shift - 31), q in [2^30, 2^31). frexp + round-half-away, 2^31 folds into the
//    exponent, tiny multipliers (shift < -31) flush to zero, huge ones saturate at shift 30.
//  * multiplyByQuantizedMultiplier: TFLM builds without TFLITE_SINGLE_ROUNDING, so the result
//    is rounded twice: a saturating rounding doubling high multiply (SQRDMULH), then a rounding
//    right shift whose ties go away from zero. (Single rounding differs by 1 on ties; the
//    intermediate hashes of the shared models confirm the double-rounding variant.)
//  * a tiny Q-format library (raw int32 with a compile-time count of integer bits) with the
//    exp / reciprocal / logistic approximations that int8 SOFTMAX and LOGISTIC use. Each is a
//    short polynomial or Newton iteration in fixed point; their constants are exp(-2^k) and
//    48/17, 32/17 scaled to Q0.31 / Q2.29 (checked numerically in the tests).
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace mcunet::runtime::fixed {

// Round half away from zero, as TfLiteRound / std::round.
inline float roundAway(float x) { return std::round(x); }
inline double roundAway(double x) { return std::round(x); }

struct Multiplier {
    int32_t value = 0;  // Q0.31 significand
    int shift = 0;      // power of two: positive = left shift
};

// Prepare code checks its scales first; a non-finite or negative value still gets a defined
// (zero) multiplier here rather than undefined behaviour in the conversion below.
inline Multiplier quantizeMultiplier(double realMultiplier) {
    if (!(realMultiplier > 0.0) || !std::isfinite(realMultiplier)) return {};
    int shift = 0;
    const double significand = std::frexp(realMultiplier, &shift);
    auto fixed = static_cast<int64_t>(std::round(significand * static_cast<double>(int64_t{1} << 31)));
    if (fixed == (int64_t{1} << 31)) {
        fixed /= 2;
        ++shift;
    }
    if (shift < -31) {  // every bit would be shifted out: TFLM flushes to zero
        shift = 0;
        fixed = 0;
    }
    if (shift > 30) {  // TFLM saturates instead of shifting further
        shift = 30;
        fixed = (int64_t{1} << 31) - 1;
    }
    return {static_cast<int32_t>(fixed), shift};
}

// SQRDMULH: high 32 bits of 2*a*b, rounded to nearest (ties away from zero), saturating the
// single overflow case INT32_MIN * INT32_MIN.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
    if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
    const int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
    const int64_t nudge = product >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
    return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));
}

inline int16_t saturatingRoundingDoublingHighMul(int16_t a, int16_t b) {
    if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
    const int32_t product = static_cast<int32_t>(a) * static_cast<int32_t>(b);
    const int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
    return static_cast<int16_t>((product + nudge) / (1 << 15));
}

// Arithmetic right shift rounding to nearest, ties away from zero. exponent in [0, 31].
inline int32_t roundingDivideByPOT(int32_t x, int exponent) {
    const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^left with two's-complement wrap-around (what the C kernels compute on a 32-bit MCU),
// written without signed-overflow UB.
inline int32_t wrappingShiftLeft(int32_t x, int left) {
    return static_cast<int32_t>(static_cast<uint32_t>(x) << left);
}

inline int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    return roundingDivideByPOT(saturatingRoundingDoublingHighMul(wrappingShiftLeft(x, left), multiplier), right);
}

// v + offset where the sum may leave int32 only for absurd scales (TFLM's C would overflow);
// saturating keeps that defined, and the result is clamped to int8 right after anyway.
inline int32_t addSaturating(int32_t v, int32_t offset) {
    return static_cast<int32_t>(std::clamp<int64_t>(int64_t{v} + offset, std::numeric_limits<int32_t>::min(),
                                                    std::numeric_limits<int32_t>::max()));
}

inline int32_t multiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x, int32_t multiplier, int leftShift) {
    return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
}

inline int32_t multiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier, int leftShift) {
    return saturatingRoundingDoublingHighMul(wrappingShiftLeft(x, leftShift), multiplier);
}

// Largest input difference (in input units, after the left shift) whose exp still matters;
// TFLM's CalculateInputRadius.
inline int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits = 31) {
    const double maxInputRescaled = 1.0 * static_cast<double>((1 << inputIntegerBits) - 1) *
                                    static_cast<double>(int64_t{1} << (totalSignedBits - inputIntegerBits)) /
                                    static_cast<double>(int64_t{1} << inputLeftShift);
    return static_cast<int>(std::floor(maxInputRescaled));
}

// ---- Q-format values: raw int32 with kIntegerBits integer bits (Q<kIntegerBits>.<31-kIntegerBits>).

template <int kIntegerBits>
struct Q {
    static constexpr int kFractionalBits = 31 - kIntegerBits;
    int32_t raw = 0;

    static constexpr Q fromRaw(int32_t r) { return Q{r}; }
    // 1.0 is not representable with 0 integer bits; gemmlowp uses the largest value instead.
    static constexpr Q one() {
        return Q{kIntegerBits == 0 ? std::numeric_limits<int32_t>::max() : (int32_t{1} << kFractionalBits)};
    }
    // 2^exponent, exponent < kIntegerBits.
    template <int kExponent>
    static constexpr Q constantPOT() {
        return Q{int32_t{1} << (kFractionalBits + kExponent)};
    }
};

template <int B>
inline Q<B> operator+(Q<B> a, Q<B> b) {
    return Q<B>::fromRaw(static_cast<int32_t>(static_cast<uint32_t>(a.raw) + static_cast<uint32_t>(b.raw)));
}
template <int B>
inline Q<B> operator-(Q<B> a, Q<B> b) {
    return Q<B>::fromRaw(static_cast<int32_t>(static_cast<uint32_t>(a.raw) - static_cast<uint32_t>(b.raw)));
}
template <int B>
inline Q<B> operator-(Q<B> a) {
    return Q<B>::fromRaw(static_cast<int32_t>(0u - static_cast<uint32_t>(a.raw)));
}
// The product of Qa and Qb is Q(a+b): the doubling high multiply keeps the top 32 bits.
template <int A, int B>
inline Q<A + B> operator*(Q<A> a, Q<B> b) {
    return Q<A + B>::fromRaw(saturatingRoundingDoublingHighMul(a.raw, b.raw));
}

// x * 2^kExponent, rounding when shifting right and saturating when shifting left.
template <int kExponent>
inline int32_t saturatingRoundingMultiplyByPOT(int32_t x) {
    if constexpr (kExponent == 0) {
        return x;
    } else if constexpr (kExponent < 0) {
        return roundingDivideByPOT(x, -kExponent);
    } else {
        constexpr int32_t threshold = (int32_t{1} << (31 - kExponent)) - 1;
        if (x > threshold) return std::numeric_limits<int32_t>::max();
        if (x < -threshold) return std::numeric_limits<int32_t>::min();
        return wrappingShiftLeft(x, kExponent);
    }
}

// Same real value, different number of integer bits.
template <int kDst, int kSrc>
inline Q<kDst> rescale(Q<kSrc> x) {
    return Q<kDst>::fromRaw(saturatingRoundingMultiplyByPOT<kSrc - kDst>(x.raw));
}

// (a + b) / 2 rounded half away from zero, without overflow.
inline int32_t roundingHalfSum(int32_t a, int32_t b) {
    const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
    const int64_t sign = sum >= 0 ? 1 : -1;
    return static_cast<int32_t>((sum + sign) / 2);
}

// exp(a) for a in [-1/4, 0): 4th-order Taylor expansion around -1/8.
inline Q<0> expOnIntervalNegativeQuarterToZero(Q<0> a) {
    const Q<0> expMinusOneEighth = Q<0>::fromRaw(1895147668);
    const Q<0> oneThird = Q<0>::fromRaw(715827883);
    const Q<0> x = a + Q<0>::constantPOT<-3>();
    const Q<0> x2 = x * x;
    const Q<0> x3 = x2 * x;
    const Q<0> x4 = x2 * x2;
    const Q<0> x4Over4 = Q<0>::fromRaw(saturatingRoundingMultiplyByPOT<-2>(x4.raw));
    const Q<0> poly = Q<0>::fromRaw(saturatingRoundingMultiplyByPOT<-1>(((x4Over4 + x3) * oneThird + x2).raw));
    return expMinusOneEighth + expMinusOneEighth * (x + poly);
}

// exp(a) for a <= 0: exp of (a mod 1/4) on the small interval, then one multiply by
// exp(-2^k) for every bit k set in the remaining multiple of 1/4 (a barrel shifter).
template <int kIntegerBits>
inline Q<0> expOnNegativeValues(Q<kIntegerBits> a) {
    using In = Q<kIntegerBits>;
    constexpr int kFractionalBits = In::kFractionalBits;
    const In oneQuarter = In::template constantPOT<-2>();
    const In mask = oneQuarter - In::fromRaw(1);
    const In aModQuarterMinusQuarter = In::fromRaw(a.raw & mask.raw) - oneQuarter;
    Q<0> result = expOnIntervalNegativeQuarterToZero(rescale<0>(aModQuarterMinusQuarter));
    const int32_t remainder = (aModQuarterMinusQuarter - a).raw;

    auto barrel = [&](int exponent, int32_t multiplierRaw) {
        if (kIntegerBits > exponent) {
            const int shiftAmount = kFractionalBits + exponent;
            if (remainder & (int32_t{1} << shiftAmount)) result = result * Q<0>::fromRaw(multiplierRaw);
        }
    };
    barrel(-2, 1672461947);  // exp(-1/4)
    barrel(-1, 1302514674);  // exp(-1/2)
    barrel(0, 790015084);    // exp(-1)
    barrel(1, 290630308);    // exp(-2)
    barrel(2, 39332535);     // exp(-4)
    barrel(3, 720401);       // exp(-8)
    barrel(4, 242);          // exp(-16)

    if constexpr (kIntegerBits > 5) {
        constexpr int clampBits = 36 - kIntegerBits;  // -32.0 in this format
        if (a.raw < -(int32_t{1} << clampBits)) result = Q<0>::fromRaw(0);
    }
    if (a.raw == 0) result = Q<0>::one();
    return result;
}

// 1 / (1 + a) for a in [0, 1): Newton-Raphson on the half denominator, 3 iterations.
inline Q<0> oneOverOnePlusXForXIn01(Q<0> a) {
    const Q<0> halfDenominator = Q<0>::fromRaw(roundingHalfSum(a.raw, Q<0>::one().raw));
    const Q<2> constant48Over17 = Q<2>::fromRaw(1515870810);
    const Q<2> constantNeg32Over17 = Q<2>::fromRaw(-1010580540);
    Q<2> x = constant48Over17 + halfDenominator * constantNeg32Over17;
    for (int i = 0; i < 3; ++i) {
        const Q<2> halfDenominatorTimesX = halfDenominator * x;
        const Q<2> oneMinus = Q<2>::one() - halfDenominatorTimesX;
        x = x + rescale<2>(x * oneMinus);
    }
    // x approximates 1 / halfDenominator = 2 / (1 + a). Reading the same raw bits as Q1 halves
    // the value exactly; then back to Q0, saturating.
    const Q<1> half = Q<1>::fromRaw(x.raw);
    return rescale<0>(half);
}

template <int kIntegerBits>
inline Q<0> logistic(Q<kIntegerBits> a) {
    using In = Q<kIntegerBits>;
    const bool positive = a.raw > 0;
    const In absInput = positive ? a : -a;
    const Q<0> resultIfPositive = oneOverOnePlusXForXIn01(expOnNegativeValues(-absInput));
    const Q<0> resultIfNegative = Q<0>::one() - resultIfPositive;
    if (a.raw == 0) return Q<0>::fromRaw(int32_t{1} << 30);  // 0.5
    return positive ? resultIfPositive : resultIfNegative;
}

// Reciprocal of a positive Q(xIntegerDigits) sum as Q0 plus the power of two it was scaled by.
inline int32_t reciprocal(int32_t x, int xIntegerDigits, int* numBitsOverUnit) {
    const int headroomPlusOne = std::countl_zero(static_cast<uint32_t>(x));
    *numBitsOverUnit = xIntegerDigits - headroomPlusOne;
    const int32_t shiftedSumMinusOne =
        static_cast<int32_t>((static_cast<uint32_t>(x) << headroomPlusOne) - (uint32_t{1} << 31));
    return oneOverOnePlusXForXIn01(Q<0>::fromRaw(shiftedSumMinusOne)).raw;
}

}  // namespace mcunet::runtime::fixed
