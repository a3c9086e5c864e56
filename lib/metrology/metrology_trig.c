/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Integer trigonometry by CORDIC on binary angles (2^32 = one turn): angles between
 * currents and voltages, and phasor sums for the neutral check. Per window, not per frame. */
#include "metrology_internal.h"

/* atan(2^-k) as binary angles, k = 0..30. */
static const uint32_t cordic_atan[31] = {
    536870912u, 316933406u, 167458907u, 85004756u, 42667331u, 21354465u, 10679838u, 5340245u,
    2670163u,   1335087u,   667544u,    333772u,   166886u,   83443u,    41722u,    20861u,
    10430u,     5215u,      2608u,      1304u,     652u,      326u,      163u,      81u,
    41u,        20u,        10u,        5u,        3u,        1u,        1u,
};

uint32_t msdk_metro_atan2(int64_t y, int64_t x)
{
    if ((x == 0) && (y == 0)) {
        return 0u;
    }
    /* Scale both to 30 bits so the iterations cannot overflow int64. */
    uint64_t ax = msdk_metro_abs64(x);
    uint64_t ay = msdk_metro_abs64(y);
    uint64_t big = (ax > ay) ? ax : ay;
    unsigned shift = 0;
    while ((big >> shift) >= ((uint64_t)1u << 30)) {
        shift++;
    }
    int64_t cx = (int64_t)(ax >> shift);
    int64_t cy = (int64_t)(ay >> shift);
    if ((cx == 0) && (cy == 0)) {
        cx = (ax != 0u) ? 1 : 0;
        cy = (ay != 0u) ? 1 : 0;
    }
    /* Rotate (cx, cy) in the first quadrant down to the x axis. */
    uint32_t ang = 0u;
    for (unsigned k = 0; k < 31u; k++) {
        int64_t nx;
        int64_t ny;
        if (cy > 0) {
            nx = cx + (cy >> k);
            ny = cy - (cx >> k);
            ang += cordic_atan[k];
        } else {
            nx = cx - (cy >> k);
            ny = cy + (cx >> k);
            ang -= cordic_atan[k];
        }
        cx = nx;
        cy = ny;
    }
    /* ang is the first-quadrant angle; place it by the signs of x and y. */
    if (ang > 0x40000000u && ang < 0x80000000u) {
        ang = 0x40000000u;
    } else if (ang >= 0x80000000u) {
        ang = 0u;
    }
    if (x >= 0) {
        return (y >= 0) ? ang : (0u - ang);
    }
    return (y >= 0) ? (0x80000000u - ang) : (0x80000000u + ang);
}

uint32_t msdk_metro_bang_to_mdeg(uint32_t bang)
{
    uint64_t v = ((uint64_t)bang * 360000u + 0x80000000u) >> 32;
    return (v >= 360000u) ? 0u : (uint32_t)v;
}

void msdk_metro_cossin(uint32_t bang, int32_t *c_q30, int32_t *s_q30)
{
    /* Bring the angle into [-90, 90] degrees, rotate the CORDIC-gain-compensated vector. */
    bool flip = false;
    uint32_t a = bang;
    if (a > 0x40000000u && a < 0xC0000000u) {
        a += 0x80000000u;
        flip = true;
    }
    int32_t target = (int32_t)a; /* -2^30 .. 2^30 */
    int64_t cx = 652032874;      /* 2^30 / CORDIC gain (1.6467602581) */
    int64_t cy = 0;
    int32_t z = 0;
    for (unsigned k = 0; k < 31u; k++) {
        int64_t nx;
        int64_t ny;
        if (z < target) {
            nx = cx - (cy >> k);
            ny = cy + (cx >> k);
            z += (int32_t)cordic_atan[k];
        } else {
            nx = cx + (cy >> k);
            ny = cy - (cx >> k);
            z -= (int32_t)cordic_atan[k];
        }
        cx = nx;
        cy = ny;
    }
    if (flip) {
        cx = -cx;
        cy = -cy;
    }
    *c_q30 = (int32_t)cx;
    *s_q30 = (int32_t)cy;
}
