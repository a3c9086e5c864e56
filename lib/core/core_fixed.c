/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Wide multiplies, rounded divisions and integer square roots. Everything is
 * done on unsigned magnitudes or in explicit two's complement on unsigned
 * words, so no signed operation can overflow. 96-bit intermediates are kept
 * as a (hi, lo) pair of uint64_t; a Cortex-M0+ needs no 64x64 multiply for
 * them, only 32x32 -> 64 products.
 */
#include <stdbool.h>
#include "msdk/core/fixed.h"
#include "msdk/core/byteorder.h"

/* 128-bit unsigned value as two halves. */
typedef struct {
    uint64_t hi;
    uint64_t lo;
} u128_t;

/* Exact a * b, a < 2^64, b < 2^32: the result is below 2^96. */
static u128_t mul_u64_u32(uint64_t a, uint32_t b)
{
    uint64_t lo_part = (a & 0xFFFFFFFFu) * b; /* < 2^64 */
    uint64_t hi_part = (a >> 32) * b;         /* < 2^64, weight 2^32 */
    u128_t r;
    r.lo = lo_part + (hi_part << 32);
    r.hi = (hi_part >> 32) + (r.lo < lo_part ? 1u : 0u);
    return r;
}

static u128_t u128_neg(u128_t v)
{
    u128_t r;
    r.lo = ~v.lo + 1u;
    r.hi = ~v.hi + (r.lo == 0u ? 1u : 0u);
    return r;
}

static u128_t u128_add(u128_t a, u128_t b)
{
    u128_t r;
    r.lo = a.lo + b.lo;
    r.hi = a.hi + b.hi + (r.lo < a.lo ? 1u : 0u);
    return r;
}

/* Arithmetic shift right of a two's complement 128-bit value, 0 <= n < 128. */
static u128_t u128_asr(u128_t v, unsigned n)
{
    uint64_t fill = (v.hi >> 63) ? UINT64_MAX : 0u;
    u128_t r;
    if (n == 0u) {
        r = v;
    } else if (n < 64u) {
        r.lo = (v.lo >> n) | (v.hi << (64u - n));
        r.hi = (v.hi >> n) | (fill << (64u - n));
    } else if (n == 64u) {
        r.lo = v.hi;
        r.hi = fill;
    } else {
        r.lo = (v.hi >> (n - 64u)) | (fill << (128u - n));
        r.hi = fill;
    }
    return r;
}

int64_t msdk_mul_i64_i32_shr(int64_t a, int32_t b, unsigned n)
{
    if (n >= 96u) {
        /* |a * b| <= 2^94, so |a * b| + 2^(n-1) stays within (0, 2^n). */
        return 0;
    }
    uint64_t mag_a = (a < 0) ? 0u - (uint64_t)a : (uint64_t)a;
    uint32_t mag_b = (b < 0) ? 0u - (uint32_t)b : (uint32_t)b;
    u128_t p = mul_u64_u32(mag_a, mag_b);
    if ((a < 0) != (b < 0)) {
        p = u128_neg(p);
    }
    if (n > 0u) {
        u128_t half = { 0u, 0u };
        if (n - 1u < 64u) {
            half.lo = (uint64_t)1 << (n - 1u);
        } else {
            half.hi = (uint64_t)1 << (n - 1u - 64u);
        }
        p = u128_add(p, half);
        p = u128_asr(p, n);
    }
    /* The result fits int64_t when hi is the sign extension of lo. */
    uint64_t ext = (p.lo >> 63) ? UINT64_MAX : 0u;
    if (p.hi != ext) {
        return (p.hi >> 63) ? INT64_MIN : INT64_MAX;
    }
    return msdk_i64_from_u64(p.lo);
}

uint64_t msdk_mul_u64_u32_div(uint64_t a, uint32_t b, uint32_t d)
{
    if (d == 0u) {
        return UINT64_MAX;
    }
    u128_t p = mul_u64_u32(a, b); /* p.hi < 2^32 */
    /* Long division by 32-bit digits: p.hi, p.lo >> 32, p.lo & 0xFFFFFFFF. */
    uint64_t q2 = p.hi / d;
    uint64_t r = p.hi % d;
    uint64_t t = (r << 32) | (p.lo >> 32);
    uint64_t q1 = t / d;
    r = t % d;
    t = (r << 32) | (p.lo & 0xFFFFFFFFu);
    uint64_t q0 = t / d;
    r = t % d;
    if (q2 != 0u) {
        return UINT64_MAX;
    }
    uint64_t q = (q1 << 32) | q0; /* q1, q0 < 2^32 because r < d */
    if (r >= d - r) {
        if (q == UINT64_MAX) {
            return UINT64_MAX;
        }
        q++;
    }
    return q;
}

uint32_t msdk_isqrt_u64(uint64_t x)
{
    /* Digit-by-digit (base 4) method: no multiply, no divide, exact floor. */
    uint64_t root = 0;
    uint64_t bit = (uint64_t)1 << 62;
    while (bit > x) {
        bit >>= 2;
    }
    while (bit != 0u) {
        if (x >= root + bit) {
            x -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return (uint32_t)root;
}

uint16_t msdk_isqrt_u32(uint32_t x)
{
    return (uint16_t)msdk_isqrt_u64(x); /* floor(sqrt(x)) < 2^16 for x < 2^32 */
}

uint32_t msdk_div_round_u32(uint32_t n, uint32_t d)
{
    if (d == 0u) {
        return UINT32_MAX;
    }
    uint32_t q = n / d;
    uint32_t r = n % d;
    /* r >= d / 2 rounded up, without computing 2 * r; q + 1 cannot wrap
     * because q == UINT32_MAX implies d == 1 and r == 0. */
    return (r >= d - r) ? q + 1u : q;
}

uint64_t msdk_div_round_u64(uint64_t n, uint64_t d)
{
    if (d == 0u) {
        return UINT64_MAX;
    }
    uint64_t q = n / d;
    uint64_t r = n % d;
    return (r >= d - r) ? q + 1u : q;
}

int32_t msdk_div_round_i32(int32_t n, int32_t d)
{
    return msdk_sat_i32(msdk_div_round_i64(n, d));
}

int64_t msdk_div_round_i64(int64_t n, int64_t d)
{
    bool negative = (n < 0) != (d < 0);
    if (d == 0) {
        return (n > 0) ? INT64_MAX : (n < 0) ? INT64_MIN : 0;
    }
    uint64_t mag_n = (n < 0) ? 0u - (uint64_t)n : (uint64_t)n;
    uint64_t mag_d = (d < 0) ? 0u - (uint64_t)d : (uint64_t)d;
    uint64_t q = msdk_div_round_u64(mag_n, mag_d); /* <= 2^63 */
    if (negative) {
        return (q == 0u) ? 0 : -(int64_t)(q - 1u) - 1;
    }
    return (q > (uint64_t)INT64_MAX) ? INT64_MAX : (int64_t)q;
}

msdk_q31_t msdk_q31_from_ratio(int32_t num, int32_t den)
{
    /* num * 2^31 fits: |num| <= 2^31, so the product is at most 2^62. */
    return msdk_sat_i32(msdk_div_round_i64((int64_t)num * 2147483648LL, den));
}
