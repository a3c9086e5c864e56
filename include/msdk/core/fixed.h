/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Integer and fixed-point arithmetic without undefined behaviour.
 *
 * Formats: ::msdk_q15_t is a signed fraction in [-1, 1 - 2^-15] stored as
 * int16_t (value = raw / 2^15); ::msdk_q31_t is the same in int32_t
 * (value = raw / 2^31). The format is part of every function name.
 *
 * Conventions:
 * - Saturating means: a result beyond the type's range is clamped to the
 *   nearest representable value (INTn_MIN or INTn_MAX). No function here
 *   overflows a signed integer, shifts a negative value left or shifts by the
 *   width of the type, so they are clean under UBSan for every input,
 *   including the extremes.
 * - Right shifts of negative values are done portably as floor division by
 *   a power of two (msdk_asr_i32(), msdk_asr_i64()); they compile to one
 *   arithmetic shift on GCC and Clang.
 * - "Rounded" means round half up (add half an LSB, then floor), as the
 *   rounding multiplies of Arm DSP instructions do, unless a function says
 *   otherwise. Divisions round half away from zero.
 * - No floating point is used, so the code suits an FPU-less Cortex-M0+.
 *
 * The small functions are `static inline` (hot paths); the others live in
 * lib/core/core_fixed.c.
 */
#ifndef MSDK_CORE_FIXED_H
#define MSDK_CORE_FIXED_H

#include <stdint.h>
#include "msdk/core/compiler.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Signed Q1.15 fraction: value = raw / 32768. */
typedef int16_t msdk_q15_t;
/** @brief Signed Q1.31 fraction: value = raw / 2147483648. */
typedef int32_t msdk_q31_t;

/** @brief Largest Q15 value, 1 - 2^-15. */
#define MSDK_Q15_MAX ((msdk_q15_t)INT16_MAX)
/** @brief Smallest Q15 value, -1. */
#define MSDK_Q15_MIN ((msdk_q15_t)INT16_MIN)
/** @brief Largest Q31 value, 1 - 2^-31. */
#define MSDK_Q31_MAX ((msdk_q31_t)INT32_MAX)
/** @brief Smallest Q31 value, -1. */
#define MSDK_Q31_MIN ((msdk_q31_t)INT32_MIN)

/* ---- Shifts ------------------------------------------------------------ */

/**
 * @brief Arithmetic shift right: floor(@p v / 2^@p n), portable.
 * @param[in] v Value.
 * @param[in] n Shift; any value (n >= 31 gives 0 or -1).
 * @return floor(v / 2^n).
 */
static inline int32_t msdk_asr_i32(int32_t v, unsigned n)
{
    if (n > 31u) {
        n = 31u;
    }
    return (v >= 0) ? (v >> n) : ~(~v >> n);
}

/**
 * @brief Arithmetic shift right: floor(@p v / 2^@p n), portable.
 * @param[in] v Value.
 * @param[in] n Shift; any value (n >= 63 gives 0 or -1).
 * @return floor(v / 2^n).
 */
static inline int64_t msdk_asr_i64(int64_t v, unsigned n)
{
    if (n > 63u) {
        n = 63u;
    }
    return (v >= 0) ? (v >> n) : ~(~v >> n);
}

/* ---- Saturation -------------------------------------------------------- */

/**
 * @brief Clamps a 32-bit value to int16_t.
 * @param[in] v Value.
 * @return @p v limited to [INT16_MIN, INT16_MAX].
 */
static inline int16_t msdk_sat_i16(int32_t v)
{
    return (int16_t)((v > INT16_MAX) ? INT16_MAX : (v < INT16_MIN) ? INT16_MIN : v);
}

/**
 * @brief Clamps a 64-bit value to int32_t.
 * @param[in] v Value.
 * @return @p v limited to [INT32_MIN, INT32_MAX].
 */
static inline int32_t msdk_sat_i32(int64_t v)
{
    return (int32_t)((v > INT32_MAX) ? INT32_MAX : (v < INT32_MIN) ? INT32_MIN : v);
}

/**
 * @brief Saturating int16_t addition.
 * @param[in] a Augend.
 * @param[in] b Addend.
 * @return a + b clamped to [INT16_MIN, INT16_MAX].
 */
static inline int16_t msdk_sat_add_i16(int16_t a, int16_t b)
{
    return msdk_sat_i16((int32_t)a + b);
}

/**
 * @brief Saturating int16_t subtraction.
 * @param[in] a Minuend.
 * @param[in] b Subtrahend.
 * @return a - b clamped to [INT16_MIN, INT16_MAX].
 */
static inline int16_t msdk_sat_sub_i16(int16_t a, int16_t b)
{
    return msdk_sat_i16((int32_t)a - b);
}

/**
 * @brief Saturating int32_t addition.
 * @param[in] a Augend.
 * @param[in] b Addend.
 * @return a + b clamped to [INT32_MIN, INT32_MAX].
 */
static inline int32_t msdk_sat_add_i32(int32_t a, int32_t b)
{
    return msdk_sat_i32((int64_t)a + b);
}

/**
 * @brief Saturating int32_t subtraction.
 * @param[in] a Minuend.
 * @param[in] b Subtrahend.
 * @return a - b clamped to [INT32_MIN, INT32_MAX].
 */
static inline int32_t msdk_sat_sub_i32(int32_t a, int32_t b)
{
    return msdk_sat_i32((int64_t)a - b);
}

/**
 * @brief Saturating int64_t addition.
 * @param[in] a Augend.
 * @param[in] b Addend.
 * @return a + b clamped to [INT64_MIN, INT64_MAX].
 */
static inline int64_t msdk_sat_add_i64(int64_t a, int64_t b)
{
    if (b > 0 && a > INT64_MAX - b) {
        return INT64_MAX;
    }
    if (b < 0 && a < INT64_MIN - b) {
        return INT64_MIN;
    }
    return a + b;
}

/**
 * @brief Saturating int64_t subtraction.
 * @param[in] a Minuend.
 * @param[in] b Subtrahend.
 * @return a - b clamped to [INT64_MIN, INT64_MAX].
 */
static inline int64_t msdk_sat_sub_i64(int64_t a, int64_t b)
{
    if (b < 0 && a > INT64_MAX + b) {
        return INT64_MAX;
    }
    if (b > 0 && a < INT64_MIN + b) {
        return INT64_MIN;
    }
    return a - b;
}

/**
 * @brief Saturating absolute value.
 * @param[in] v Value.
 * @return |v|; INT32_MIN gives INT32_MAX.
 */
static inline int32_t msdk_sat_abs_i32(int32_t v)
{
    return (v >= 0) ? v : (v == INT32_MIN) ? INT32_MAX : -v;
}

/**
 * @brief Saturating absolute value.
 * @param[in] v Value.
 * @return |v|; INT64_MIN gives INT64_MAX.
 */
static inline int64_t msdk_sat_abs_i64(int64_t v)
{
    return (v >= 0) ? v : (v == INT64_MIN) ? INT64_MAX : -v;
}

/* ---- Q15 and Q31 ------------------------------------------------------- */

/**
 * @brief Saturating Q15 addition.
 * @param[in] a Augend.
 * @param[in] b Addend.
 * @return a + b clamped to [-1, 1 - 2^-15].
 */
static inline msdk_q15_t msdk_q15_add(msdk_q15_t a, msdk_q15_t b)
{
    return msdk_sat_add_i16(a, b);
}

/**
 * @brief Saturating Q15 subtraction.
 * @param[in] a Minuend.
 * @param[in] b Subtrahend.
 * @return a - b clamped to [-1, 1 - 2^-15].
 */
static inline msdk_q15_t msdk_q15_sub(msdk_q15_t a, msdk_q15_t b)
{
    return msdk_sat_sub_i16(a, b);
}

/**
 * @brief Rounded, saturating Q15 multiplication.
 * @param[in] a Factor.
 * @param[in] b Factor.
 * @return round(a * b) in Q15; -1 * -1 saturates to ::MSDK_Q15_MAX.
 */
static inline msdk_q15_t msdk_q15_mul(msdk_q15_t a, msdk_q15_t b)
{
    return msdk_sat_i16(msdk_asr_i32((int32_t)a * b + 0x4000, 15u));
}

/**
 * @brief Saturating Q15 negation.
 * @param[in] a Value.
 * @return -a; -1 gives ::MSDK_Q15_MAX.
 */
static inline msdk_q15_t msdk_q15_neg(msdk_q15_t a)
{
    return msdk_sat_i16(-(int32_t)a);
}

/**
 * @brief Saturating Q31 addition.
 * @param[in] a Augend.
 * @param[in] b Addend.
 * @return a + b clamped to [-1, 1 - 2^-31].
 */
static inline msdk_q31_t msdk_q31_add(msdk_q31_t a, msdk_q31_t b)
{
    return msdk_sat_add_i32(a, b);
}

/**
 * @brief Saturating Q31 subtraction.
 * @param[in] a Minuend.
 * @param[in] b Subtrahend.
 * @return a - b clamped to [-1, 1 - 2^-31].
 */
static inline msdk_q31_t msdk_q31_sub(msdk_q31_t a, msdk_q31_t b)
{
    return msdk_sat_sub_i32(a, b);
}

/**
 * @brief Rounded, saturating Q31 multiplication.
 *
 * Also scales an integer by a Q31 factor: `msdk_q31_mul(gain, counts)` is
 * round(gain * counts) for any int32_t @p counts.
 *
 * @param[in] a Factor.
 * @param[in] b Factor.
 * @return round(a * b) in Q31; -1 * -1 saturates to ::MSDK_Q31_MAX.
 */
static inline msdk_q31_t msdk_q31_mul(msdk_q31_t a, msdk_q31_t b)
{
    return msdk_sat_i32(msdk_asr_i64((int64_t)a * b + 0x40000000, 31u));
}

/**
 * @brief Saturating Q31 negation.
 * @param[in] a Value.
 * @return -a; -1 gives ::MSDK_Q31_MAX.
 */
static inline msdk_q31_t msdk_q31_neg(msdk_q31_t a)
{
    return msdk_sat_i32(-(int64_t)a);
}

/**
 * @brief Converts Q31 to Q15, rounded and saturated.
 * @param[in] a Q31 value.
 * @return The nearest Q15 value (values within half an LSB of +1 give ::MSDK_Q15_MAX).
 */
static inline msdk_q15_t msdk_q15_from_q31(msdk_q31_t a)
{
    return msdk_sat_i16((int32_t)msdk_asr_i64((int64_t)a + 0x8000, 16u));
}

/**
 * @brief Converts Q15 to Q31 (exact).
 * @param[in] a Q15 value.
 * @return The same value in Q31.
 */
static inline msdk_q31_t msdk_q31_from_q15(msdk_q15_t a)
{
    return (int32_t)a * 65536;
}

/**
 * @brief The ratio @p num / @p den as Q31, rounded and saturated.
 *
 * Useful for calibration factors (`reference / measured`) and for duty
 * ratios. The result saturates to [-1, 1 - 2^-31] when |num| >= |den|.
 *
 * @param[in] num Numerator.
 * @param[in] den Denominator; 0 saturates by the sign of @p num (0 / 0 is 0).
 * @return round(num / den * 2^31), clamped.
 */
msdk_q31_t msdk_q31_from_ratio(int32_t num, int32_t den);

/* ---- Wide multiply, divide and square root ------------------------------ */

/**
 * @brief round(@p a * @p b / 2^@p n) with a 96-bit intermediate, saturated.
 *
 * The product of a 64-bit and a 32-bit value is formed exactly (it cannot
 * overflow), half an LSB is added and the sum is shifted right. Typical use:
 * energy accumulation, `msdk_mul_i64_i32_shr(acc_ws, gain_q, 31)`.
 *
 * @param[in] a Factor.
 * @param[in] b Factor.
 * @param[in] n Shift, any value (n >= 96 gives 0).
 * @return The rounded result clamped to [INT64_MIN, INT64_MAX].
 */
int64_t msdk_mul_i64_i32_shr(int64_t a, int32_t b, unsigned n);

/**
 * @brief round(@p a * @p b / @p d) with a 96-bit intermediate, saturated.
 *
 * Rounds half up. Typical use: converting pulse counts or accumulator units
 * with a rational constant without losing precision.
 *
 * @param[in] a Factor.
 * @param[in] b Factor.
 * @param[in] d Divisor; 0 gives UINT64_MAX (saturation).
 * @return The rounded quotient; UINT64_MAX when it does not fit.
 */
uint64_t msdk_mul_u64_u32_div(uint64_t a, uint32_t b, uint32_t d);

/**
 * @brief Integer square root, exact floor (for RMS of sums of squares).
 * @param[in] x Radicand.
 * @return floor(sqrt(x)), in [0, UINT32_MAX].
 */
uint32_t msdk_isqrt_u64(uint64_t x);

/**
 * @brief Integer square root, exact floor.
 * @param[in] x Radicand.
 * @return floor(sqrt(x)), in [0, UINT16_MAX].
 */
uint16_t msdk_isqrt_u32(uint32_t x);

/**
 * @brief Unsigned division rounded to nearest (half up).
 * @param[in] n Dividend.
 * @param[in] d Divisor; 0 gives UINT32_MAX (saturation).
 * @return round(n / d).
 */
uint32_t msdk_div_round_u32(uint32_t n, uint32_t d);

/**
 * @brief Unsigned division rounded to nearest (half up).
 * @param[in] n Dividend.
 * @param[in] d Divisor; 0 gives UINT64_MAX (saturation).
 * @return round(n / d).
 */
uint64_t msdk_div_round_u64(uint64_t n, uint64_t d);

/**
 * @brief Signed division rounded to nearest, half away from zero, saturated.
 * @param[in] n Dividend.
 * @param[in] d Divisor; 0 saturates by the sign of @p n (0 / 0 is 0).
 * @return round(n / d); INT32_MIN / -1 gives INT32_MAX.
 */
int32_t msdk_div_round_i32(int32_t n, int32_t d);

/**
 * @brief Signed division rounded to nearest, half away from zero, saturated.
 * @param[in] n Dividend.
 * @param[in] d Divisor; 0 saturates by the sign of @p n (0 / 0 is 0).
 * @return round(n / d); INT64_MIN / -1 gives INT64_MAX.
 */
int64_t msdk_div_round_i64(int64_t n, int64_t d);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_FIXED_H */
