/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Private helpers of libmetrology: 128-bit integer arithmetic, integer trigonometry and the
 * functions the per-window processing shares with init and calibration. */
#ifndef METROLOGY_INTERNAL_H
#define METROLOGY_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/metrology/metrology.h"

/* A signed 128-bit integer as two's complement halves (no __int128 on 32-bit targets). */
typedef struct msdk_metro_w128 {
    uint64_t lo;
    uint64_t hi;
} msdk_metro_w128_t;

/* |a| * b for a signed 64-bit a (as unsigned magnitude) and unsigned 64-bit b. */
msdk_metro_w128_t msdk_metro_w128_mul(uint64_t a, uint64_t b);
/* x + y (unsigned). */
msdk_metro_w128_t msdk_metro_w128_add(msdk_metro_w128_t x, msdk_metro_w128_t y);
/* x >> n, logical, n < 128. */
msdk_metro_w128_t msdk_metro_w128_shr(msdk_metro_w128_t x, unsigned n);
/* x << n, n < 128. */
msdk_metro_w128_t msdk_metro_w128_shl(msdk_metro_w128_t x, unsigned n);
/* x / d for d > 0, *rem the remainder (may be NULL). */
msdk_metro_w128_t msdk_metro_w128_divu32(msdk_metro_w128_t x, uint32_t d, uint32_t *rem);
/* Saturate to uint64. */
uint64_t msdk_metro_w128_sat64(msdk_metro_w128_t x);
/* Number of significant bits of x (0 for x == 0). */
unsigned msdk_metro_w128_bits(msdk_metro_w128_t x);
/* round(|a| * b / 2^n) saturated to uint64 (a as magnitude). */
uint64_t msdk_metro_mul_shr_u64(uint64_t a, uint64_t b, unsigned n);
/* Signed: round(a * b / 2^n) with b >= 0, saturated. */
int64_t msdk_metro_mul_shr_i64(int64_t a, uint64_t b, unsigned n);
/* |v| of an int64 as uint64 (INT64_MIN safe). */
static inline uint64_t msdk_metro_abs64(int64_t v)
{
    return (v < 0) ? (0u - (uint64_t)v) : (uint64_t)v;
}

/* Angle units: a full turn is 2^32 ("binary angle"). */
/* atan2(y, x) as a binary angle in [0, 2^32). 0 for (0, 0). */
uint32_t msdk_metro_atan2(int64_t y, int64_t x);
/* Binary angle to millidegrees, 0..359999. */
uint32_t msdk_metro_bang_to_mdeg(uint32_t bang);
/* cos and sin of a binary angle, Q30. */
void msdk_metro_cossin(uint32_t bang, int32_t *c_q30, int32_t *s_q30);

/* Recompute the sampling-side parameters that depend on the calibration. */
void msdk_metro_apply_lanes(msdk_metro_t *m);
/* Recompute the energy constants (calibration gains, rate, trim). */
void msdk_metro_energy_constants(msdk_metro_t *m);
/* Set the quadrature taps of every phase from a period in 1/65536 frames. */
void msdk_metro_set_quadrature(msdk_metro_t *m, uint32_t period_q16);

/* The rare events of the frame just added (MSDK_METRO_RARE_* bits, metrology_frame.h):
 * returns the MSDK_METRO_EV_* flags of msdk_metro_sample(). Called by either kernel. */
uint32_t msdk_metro_rare(msdk_metro_t *m, uint32_t rare);

/* Internal energy unit: 2^-32 mWh. */
#define MSDK_METRO_E_FRAC_BITS 32u
/* Shift of the energy constant: E[2^-32 mWh] = sum * mant >> MSDK_METRO_E_SHIFT_BASE... */
#define MSDK_METRO_HYST_PCT    10u

#endif /* METROLOGY_INTERNAL_H */
