/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The C run-time set-up of an image on the MPS2 memory map (ports/mps2-an386/mps2_an386.ld),
 * shared by the board's reset handler (mps2_startup.c) and the bare-metal benches
 * (tools/metrology-bench/bench_start_mps2.c): FPU access, the vector table, .data from its
 * load image and .bss to zero. Word loops only: it runs before any C library call may. */
#ifndef MSDK_MPS2_CRT_H
#define MSDK_MPS2_CRT_H

#include <stdint.h>

/* Symbols of mps2_an386.ld. */
extern uint32_t msdk_mps2_data_start[];
extern uint32_t msdk_mps2_data_end[];
extern const uint32_t msdk_mps2_data_load[];
extern uint32_t msdk_mps2_bss_start[];
extern uint32_t msdk_mps2_bss_end[];
extern uint32_t msdk_mps2_stack_top[];

#define MSDK_MPS2_CRT_SCB_VTOR  0xE000ED08u
#define MSDK_MPS2_CRT_SCB_CPACR 0xE000ED88u

/* FPU on (full access to CP10 and CP11), VTOR at `vectors` (ARMv7-M), .data copied, .bss
 * cleared. */
static inline void msdk_mps2_crt_init(const void *vectors)
{
#if defined(__ARM_FP)
    *(volatile uint32_t *)(uintptr_t)MSDK_MPS2_CRT_SCB_CPACR |= (0xFu << 20);
    __asm volatile("dsb\n\tisb" ::: "memory");
#endif
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
    *(volatile uint32_t *)(uintptr_t)MSDK_MPS2_CRT_SCB_VTOR = (uint32_t)(uintptr_t)vectors;
#else
    (void)vectors;
#endif
    const uint32_t *src = msdk_mps2_data_load;
    for (uint32_t *dst = msdk_mps2_data_start; dst < msdk_mps2_data_end; ++dst, ++src) {
        *dst = *src;
    }
    for (uint32_t *dst = msdk_mps2_bss_start; dst < msdk_mps2_bss_end; ++dst) {
        *dst = 0u;
    }
}

#endif /* MSDK_MPS2_CRT_H */
