/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-bench on the MPS2 boards under QEMU (mps2-an386 Cortex-M4F, mps2-an385 for
 * the Cortex-M0+ build): what the bench measures there. The start-up, the clock (SysTick
 * counting instructions under -icount shift=0, checked before anything runs) and the
 * output are bench_start_mps2.c's, shared with tools/cosem-bench.
 */
#include <stdbool.h>
#include <stdint.h>

#include "bench.h"

#ifndef MSDK_BENCH_CPU_NAME
#define MSDK_BENCH_CPU_NAME "arm"
#endif
#ifndef MSDK_BENCH_MAX_IPF
#define MSDK_BENCH_MAX_IPF 0u
#endif

const msdk_bench_platform_t msdk_bench_platform = {
    .name = MSDK_BENCH_CPU_NAME " (qemu -icount shift=0, SysTick x 40)",
    .unit = "instructions",
    .units_per_tick = MSDK_BENCH_MPS2_INSNS_PER_TICK,
    .null_units = 2u, /* msdk_bench_null_sample: movs r0, #0; bx lr */
    .repeat = 1u,     /* deterministic */
    .max_per_frame = MSDK_BENCH_MAX_IPF,
    .fundamental = true,
};

/* The empty stand-in, in assembly so that its body is known exactly: 2 instructions
 * (ARMv6-M and ARMv7-M). */
__asm__(".syntax unified\n"
        ".section .text.msdk_bench_null_sample,\"ax\",%progbits\n"
        ".balign 2\n"
        ".global msdk_bench_null_sample\n"
        ".type msdk_bench_null_sample, %function\n"
        ".thumb\n"
        ".thumb_func\n"
        "msdk_bench_null_sample:\n"
        "    movs r0, #0\n"
        "    bx lr\n"
        ".size msdk_bench_null_sample, . - msdk_bench_null_sample\n"
        ".text\n");
