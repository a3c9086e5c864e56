/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The two multiplications of the per-frame path:
 *
 *   msdk_metro_mac(acc, a, b)  *acc += (int64_t)a * b
 *   msdk_metro_mulhi(a, b)     (int32_t)(((int64_t)a * b) >> 32), rounded toward -infinity
 *
 * Cores with a 32x32->64 multiply (Cortex-M3/M4/M7, x86, AArch64) use the compiler's int64
 * arithmetic: one SMLAL or SMULL. ARMv6-M (Cortex-M0/M0+) only has a 32x32->32 MULS, and
 * the compiler would call __aeabi_lmul (a full 64x64 product) for each of them; there the
 * products are built from 16-bit halves instead. The split versions are exact for every
 * int32 input and are always compiled, so the host tests compare them with the int64
 * arithmetic (tests/unit/metrology/test_mul.c). */
#ifndef METROLOGY_MUL_H
#define METROLOGY_MUL_H

#include <stdint.h>

#include "msdk/core/compiler.h"

/* The high word of a * b from 16-bit halves: every partial product fits 32 bits. */
static MSDK_ALWAYS_INLINE int32_t msdk_metro_mulhi_split(int32_t a, int32_t b)
{
    int32_t ah = a >> 16;
    int32_t bh = b >> 16;
    uint32_t al = (uint32_t)a & 0xFFFFu;
    uint32_t bl = (uint32_t)b & 0xFFFFu;
    uint32_t ll = al * bl;         /* 0 .. (2^16 - 1)^2 */
    int32_t m1 = ah * (int32_t)bl; /* |m1| < 2^31 */
    int32_t m2 = bh * (int32_t)al; /* |m2| < 2^31 */
    int32_t hh = ah * bh;          /* <= 2^30 */
    /* a * b = hh * 2^32 + (m1 + m2) * 2^16 + ll; the middle carried in halves. */
    int32_t mid =
        (int32_t)((uint32_t)m1 & 0xFFFFu) + (int32_t)((uint32_t)m2 & 0xFFFFu) + (int32_t)(ll >> 16);
    return hh + (m1 >> 16) + (m2 >> 16) + (mid >> 16);
}

/* *acc += a * b from 16-bit halves, the 64-bit sum kept as two words. */
static MSDK_ALWAYS_INLINE void msdk_metro_mac_split(int64_t *acc, int32_t a, int32_t b)
{
    int32_t ah = a >> 16;
    int32_t bh = b >> 16;
    uint32_t al = (uint32_t)a & 0xFFFFu;
    uint32_t bl = (uint32_t)b & 0xFFFFu;
    uint32_t ll = al * bl;
    int32_t m1 = ah * (int32_t)bl;
    int32_t m2 = bh * (int32_t)al;
    int32_t hh = ah * bh;
    /* Low word: ll + (m1 + m2) << 16; high word: hh + (m1 + m2) >> 16 + carries. */
    uint64_t u = (uint64_t)*acc;
    uint32_t lo = (uint32_t)u;
    uint32_t hi = (uint32_t)(u >> 32);
    uint32_t t = lo + ll;
    hi += (uint32_t)(t < lo);
    lo = t;
    t = lo + ((uint32_t)m1 << 16);
    hi += (uint32_t)(t < lo) + (uint32_t)(m1 >> 16);
    lo = t;
    t = lo + ((uint32_t)m2 << 16);
    hi += (uint32_t)(t < lo) + (uint32_t)(m2 >> 16);
    lo = t;
    hi += (uint32_t)hh;
    *acc = (int64_t)(((uint64_t)hi << 32) | lo);
}

#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
#define MSDK_METRO_MUL_SPLIT 1
#else
#define MSDK_METRO_MUL_SPLIT 0
#endif

static MSDK_ALWAYS_INLINE int32_t msdk_metro_mulhi(int32_t a, int32_t b)
{
#if MSDK_METRO_MUL_SPLIT
    return msdk_metro_mulhi_split(a, b);
#else
    return (int32_t)(((int64_t)a * (int64_t)b) >> 32);
#endif
}

static MSDK_ALWAYS_INLINE void msdk_metro_mac(int64_t *acc, int32_t a, int32_t b)
{
#if MSDK_METRO_MUL_SPLIT
    msdk_metro_mac_split(acc, a, b);
#else
    *acc += (int64_t)a * (int64_t)b;
#endif
}

#endif /* METROLOGY_MUL_H */
