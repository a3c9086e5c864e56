/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* 128-bit unsigned arithmetic for the per-window energy and power conversions. Portable C
 * (no __int128): the same code runs on 32-bit targets and is tested on the host. */
#include "metrology_internal.h"

msdk_metro_w128_t msdk_metro_w128_mul(uint64_t a, uint64_t b)
{
    uint64_t a0 = a & 0xFFFFFFFFu;
    uint64_t a1 = a >> 32;
    uint64_t b0 = b & 0xFFFFFFFFu;
    uint64_t b1 = b >> 32;
    uint64_t p00 = a0 * b0;
    uint64_t p01 = a0 * b1;
    uint64_t p10 = a1 * b0;
    uint64_t p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    msdk_metro_w128_t r;
    r.lo = (p00 & 0xFFFFFFFFu) | (mid << 32);
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

msdk_metro_w128_t msdk_metro_w128_add(msdk_metro_w128_t x, msdk_metro_w128_t y)
{
    msdk_metro_w128_t r;
    r.lo = x.lo + y.lo;
    r.hi = x.hi + y.hi + ((r.lo < x.lo) ? 1u : 0u);
    return r;
}

msdk_metro_w128_t msdk_metro_w128_shr(msdk_metro_w128_t x, unsigned n)
{
    msdk_metro_w128_t r;
    if (n == 0u) {
        return x;
    }
    if (n >= 128u) {
        r.lo = 0u;
        r.hi = 0u;
    } else if (n >= 64u) {
        r.lo = x.hi >> (n - 64u);
        r.hi = 0u;
    } else {
        r.lo = (x.lo >> n) | (x.hi << (64u - n));
        r.hi = x.hi >> n;
    }
    return r;
}

msdk_metro_w128_t msdk_metro_w128_shl(msdk_metro_w128_t x, unsigned n)
{
    msdk_metro_w128_t r;
    if (n == 0u) {
        return x;
    }
    if (n >= 128u) {
        r.lo = 0u;
        r.hi = 0u;
    } else if (n >= 64u) {
        r.hi = x.lo << (n - 64u);
        r.lo = 0u;
    } else {
        r.hi = (x.hi << n) | (x.lo >> (64u - n));
        r.lo = x.lo << n;
    }
    return r;
}

msdk_metro_w128_t msdk_metro_w128_divu32(msdk_metro_w128_t x, uint32_t d, uint32_t *rem)
{
    /* Schoolbook division by 32-bit limbs, most significant first. */
    uint32_t limb[4] = { (uint32_t)(x.hi >> 32), (uint32_t)x.hi, (uint32_t)(x.lo >> 32),
                         (uint32_t)x.lo };
    uint64_t r = 0u;
    for (unsigned k = 0; k < 4u; k++) {
        uint64_t cur = (r << 32) | limb[k];
        limb[k] = (uint32_t)(cur / d);
        r = cur % d;
    }
    if (rem != NULL) {
        *rem = (uint32_t)r;
    }
    msdk_metro_w128_t q;
    q.hi = ((uint64_t)limb[0] << 32) | limb[1];
    q.lo = ((uint64_t)limb[2] << 32) | limb[3];
    return q;
}

uint64_t msdk_metro_w128_sat64(msdk_metro_w128_t x)
{
    return (x.hi != 0u) ? UINT64_MAX : x.lo;
}

unsigned msdk_metro_w128_bits(msdk_metro_w128_t x)
{
    unsigned n = 0;
    uint64_t w = x.lo;
    if (x.hi != 0u) {
        n = 64u;
        w = x.hi;
    }
    while (w != 0u) {
        n++;
        w >>= 1;
    }
    return n;
}

uint64_t msdk_metro_mul_shr_u64(uint64_t a, uint64_t b, unsigned n)
{
    msdk_metro_w128_t p = msdk_metro_w128_mul(a, b);
    if (n > 0u && n < 128u) {
        msdk_metro_w128_t half = { 0u, 0u };
        if (n <= 64u) {
            half.lo = (uint64_t)1u << (n - 1u);
        } else {
            half.hi = (uint64_t)1u << (n - 65u);
        }
        p = msdk_metro_w128_add(p, half);
    }
    return msdk_metro_w128_sat64(msdk_metro_w128_shr(p, n));
}

int64_t msdk_metro_mul_shr_i64(int64_t a, uint64_t b, unsigned n)
{
    uint64_t r = msdk_metro_mul_shr_u64(msdk_metro_abs64(a), b, n);
    if (r > (uint64_t)INT64_MAX) {
        r = (uint64_t)INT64_MAX;
    }
    return (a < 0) ? -(int64_t)r : (int64_t)r;
}
