/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The per-frame kernel's interface, shared by the C kernel (metrology_sample.c) and the
 * Thumb-2 kernel (metrology_frame_m4.S). Included from C and from assembly: macros only.
 *
 * The kernel does the arithmetic of every frame and returns a "rare" word; when it is not 0
 * msdk_metro_rare() (C, both builds) handles the events: zero crossings, the window's time
 * limit, pulse carries, LEDs going off, the fundamental-mode filters. */
#ifndef METROLOGY_FRAME_H
#define METROLOGY_FRAME_H

/* Cortex-M4/M7 (ARMv7E-M, Thumb-2 with SMMUL/SMLAL/SSAT) take the assembly kernel unless the
 * build asks for the C one (MSDK_METRO_C_KERNEL, used by the kernel comparison). */
#if defined(__ARM_ARCH_7EM__) && defined(__thumb2__) && !defined(MSDK_METRO_C_KERNEL)
#define MSDK_METRO_ASM_KERNEL 1
#else
#define MSDK_METRO_ASM_KERNEL 0
#endif

/* Bits of the rare word. */
#define MSDK_METRO_RARE_ZC   0x07u /* bit k: phase k's voltage crossed zero going up */
#define MSDK_METRO_RARE_TICK 0x08u /* time limit, LED-off check or a pulse carry is due */
#define MSDK_METRO_RARE_FUND 0x10u /* fundamental mode: run the low-pass filters */

/* Layout of msdk_metro_t and msdk_metro_lane_t on 32-bit ARM (checked by _Static_assert in
 * metrology_sample.c whenever the assembly kernel is built). */
#define MSDK_METRO_OFF_IN2      0
#define MSDK_METRO_OFF_SIN      8
#define MSDK_METRO_OFF_FRAME    12
#define MSDK_METRO_OFF_PULSE0   16 /* frac, then rate */
#define MSDK_METRO_OFF_PULSE1   40
#define MSDK_METRO_OFF_CLIP     64
#define MSDK_METRO_OFF_NEG_HYST 68
#define MSDK_METRO_OFF_WIN_END  72 /* win_end, then led_next */
#define MSDK_METRO_OFF_LED_NEXT 76
#define MSDK_METRO_OFF_FUND     80
#define MSDK_METRO_OFF_LANE     88
#define MSDK_METRO_LANE_SIZE    728
#define MSDK_METRO_L_V2         0
#define MSDK_METRO_L_I2         8
#define MSDK_METRO_L_P          16
#define MSDK_METRO_L_Q          24
#define MSDK_METRO_L_SV         32 /* sv, then si */
#define MSDK_METRO_L_SI         36
#define MSDK_METRO_L_AP_X1      40 /* ap_x1, then ap_y1 */
#define MSDK_METRO_L_AP_Y1      44
#define MSDK_METRO_L_AP_A       48
#define MSDK_METRO_L_ARMED      52
#define MSDK_METRO_L_VTAP       56 /* vtap, then qtap */
#define MSDK_METRO_L_QTAP       60
#define MSDK_METRO_L_QFRAC      64
#define MSDK_METRO_L_ZC_PREV    68 /* zc_prev, then zc_cur */
#define MSDK_METRO_L_ZC_CUR     72
#define MSDK_METRO_L_VLINE      152
#define MSDK_METRO_L_ILINE      664

#endif /* METROLOGY_FRAME_H */
