/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk_metro_sample() for Cortex-M4/M7 (ARMv7E-M, Thumb-2): the C kernel of
 * metrology_sample.c (frame_step) written out so that the per-frame budget (250
 * instructions) holds whatever the compiler version; same state, same arithmetic, bit for
 * bit (tools/metrology-bench compares the two on every frame of its streams before it
 * measures). Rare events go to msdk_metro_rare() in C, as from the C kernel.
 *
 *   r0  m                       r1  frame (7 codes)
 *   r2  p * 4 + L_VLINE         r3  ip * 4 + L_ILINE   (line positions within a lane)
 *   r4  -hysteresis             r5  rare word
 *   r11 frame number            lr  clip bits
 *   r12 lane base               r6-r10 temporaries
 */
#include "metrology_frame.h"

#if MSDK_METRO_ASM_KERNEL

    .syntax unified
    .thumb
    .text

/* The lane's 64-bit sum at offset off += a * b (r9, r10 scratch). */
.macro MAC64 off, a, b
    ldrd    r9, r10, [r12, #\off]
    smlal   r9, r10, \a, \b
    strd    r9, r10, [r12, #\off]
.endm

/* One phase k: all-pass, voltage line, zero-crossing detector, current line and clip flag,
 * taps, quadrature, the four products and the two sums. */
.macro LANE k
    addw    r12, r0, #(MSDK_METRO_OFF_LANE + \k * MSDK_METRO_LANE_SIZE)
    ldr     r6, [r1, #(4 * \k)]
    ssat    r6, #24, r6                         /* v */
    ldrd    r7, r8, [r12, #MSDK_METRO_L_AP_X1]  /* x1, y1 */
    ldr     r9, [r12, #MSDK_METRO_L_AP_A]
    sub     r8, r6, r8
    smmul   r8, r9, r8
    add     r8, r8, r7                          /* y = x1 + mulhi(a, v - y1) */
    strd    r6, r8, [r12, #MSDK_METRO_L_AP_X1]
    add     r9, r12, r2                         /* &vline[p] */
    str     r8, [r9]
    str     r8, [r9, #(4 * 64)]
    /* Zero crossing with arming hysteresis on the raw voltage. */
    ldr     r10, [r12, #MSDK_METRO_L_ARMED]
    cmp     r10, #0
    bne     .Larmed\k
    cmp     r6, r4
    blt     .Larm\k
.Lzc\k:
    ldr     r6, [r1, #(4 * (3 + \k))]
    ssat    r6, #24, r6                         /* i */
    eor     r7, r6, r6, asr #31
    add     r7, r7, #1
    lsr     r7, r7, #23
    orr     lr, lr, r7, lsl #(3 + \k)           /* on the rail: clip bit of I(k+1) */
    add     r7, r12, r3                         /* &iline[ip] */
    str     r6, [r7]
    str     r6, [r7, #(4 * 8)]
    ldr     r6, [r7, #(4 * 5)]                  /* id */
    ldrd    r7, r8, [r12, #MSDK_METRO_L_VTAP]   /* vtap, qtap */
    ldr     r7, [r9, r7, lsl #2]                /* vd */
    add     r8, r9, r8, lsl #2
    ldrd    r8, r9, [r8]                        /* q0, q1 */
    ldr     r10, [r12, #MSDK_METRO_L_QFRAC]
    sub     r9, r9, r8
    lsl     r9, r9, #1
    smmul   r9, r9, r10
    add     r8, r8, r9                          /* vq */
    MAC64   MSDK_METRO_L_V2, r7, r7             /* sum vd^2 */
    MAC64   MSDK_METRO_L_I2, r6, r6             /* sum id^2 */
    MAC64   MSDK_METRO_L_P, r7, r6              /* sum vd.id */
    MAC64   MSDK_METRO_L_Q, r8, r6              /* sum vq.id */
    ldrd    r9, r10, [r12, #MSDK_METRO_L_SV]
    add     r9, r9, r7
    add     r10, r10, r6
    strd    r9, r10, [r12, #MSDK_METRO_L_SV]
.endm

/* Out of line: the detector's state changes (about twice per mains cycle). */
.macro LANE_ZC k
.Larmed\k:
    cmp     r6, #0
    blt     .Lzc\k
    mov     r10, #0
    str     r10, [r12, #MSDK_METRO_L_ARMED]
    strd    r7, r6, [r12, #MSDK_METRO_L_ZC_PREV] /* zc_prev = x1, zc_cur = v */
    orr     r5, r5, #(1 << \k)
    b       .Lzc\k
.Larm\k:
    mov     r10, #1
    str     r10, [r12, #MSDK_METRO_L_ARMED]
    b       .Lzc\k
.endm

    .global msdk_metro_sample
    .type   msdk_metro_sample, %function
    .thumb_func
msdk_metro_sample:
    push    {r4-r11, lr}
    ldr     r11, [r0, #MSDK_METRO_OFF_FRAME]
    add     r11, r11, #1
    str     r11, [r0, #MSDK_METRO_OFF_FRAME]
    rsb     r7, r11, #0
    and     r2, r7, #63                         /* p = -frame mod 64 */
    and     r3, r7, #7                          /* ip = p mod 8 */
    lsl     r2, r2, #2
    lsl     r3, r3, #2
    add     r2, r2, #MSDK_METRO_L_VLINE
    add     r3, r3, #MSDK_METRO_L_ILINE
    ldr     r4, [r0, #MSDK_METRO_OFF_NEG_HYST]
    movs    r5, #0
    mov     lr, #0

    LANE    0
    LANE    1
    LANE    2

    ldr     r6, [r0, #MSDK_METRO_OFF_CLIP]
    orr     r6, r6, lr
    str     r6, [r0, #MSDK_METRO_OFF_CLIP]

    /* Neutral: in2 (64 bits) and sin are the first three words. */
    ldr     r9, [r1, #(4 * 6)]
    ssat    r9, #24, r9
    ldm     r0, {r6, r7, r8}
    smlal   r6, r7, r9, r9
    add     r8, r8, r9
    stm     r0, {r6, r7, r8}

    ldr     r6, [r0, #MSDK_METRO_OFF_FUND]
    cbnz    r6, .Lfund
.Lfund_done:
    /* Pulse integrators: a carry out of the 32-bit fraction is a pulse. */
    ldrd    r6, r7, [r0, #MSDK_METRO_OFF_PULSE0]
    adds    r6, r6, r7
    str     r6, [r0, #MSDK_METRO_OFF_PULSE0]
    bcs     .Ltick0
.Ltick0_done:
    ldrd    r6, r7, [r0, #MSDK_METRO_OFF_PULSE1]
    adds    r6, r6, r7
    str     r6, [r0, #MSDK_METRO_OFF_PULSE1]
    bcs     .Ltick1
.Ltick1_done:
    ldrd    r6, r7, [r0, #MSDK_METRO_OFF_WIN_END] /* win_end, led_next */
    cmp     r11, r6
    beq     .Ltick2
    cmp     r11, r7
    beq     .Ltick2
.Ltick2_done:
    cbnz    r5, .Lrare
    movs    r0, #0
    pop     {r4-r11, pc}

.Lrare:
    mov     r1, r5
    pop     {r4-r11, lr}
    b       msdk_metro_rare                     /* (m, rare): the events, to our caller */

.Lfund:
    orr     r5, r5, #MSDK_METRO_RARE_FUND
    b       .Lfund_done
.Ltick0:
    orr     r5, r5, #MSDK_METRO_RARE_TICK
    b       .Ltick0_done
.Ltick1:
    orr     r5, r5, #MSDK_METRO_RARE_TICK
    b       .Ltick1_done
.Ltick2:
    orr     r5, r5, #MSDK_METRO_RARE_TICK
    b       .Ltick2_done

    LANE_ZC 0
    LANE_ZC 1
    LANE_ZC 2

    .size   msdk_metro_sample, . - msdk_metro_sample

#endif /* MSDK_METRO_ASM_KERNEL */
