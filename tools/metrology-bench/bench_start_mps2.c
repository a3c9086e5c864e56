/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Start-up of the bench images on the MPS2 boards under QEMU (mps2-an386 Cortex-M4F,
 * mps2-an385 for Cortex-M0+ code), shared by metrology-bench (bench_main.c) and
 * tools/cosem-bench (cosem-bench-hls): a minimal bare-metal start-up of its own, with no
 * interrupt enabled, so nothing but the measured code runs between two clock reads. It
 * reuses the board's memory map (ports/mps2-an386/mps2_an386.ld) but not the board port,
 * whose 1 kHz SysTick interrupt would be counted into the figures. Link with
 * --entry=msdk_bench_reset_handler; the image's msdk_bench_run() (bench_platform.h) runs
 * after the clock check and its return value is the exit status.
 *
 * Instruction counting: under qemu-system-arm -icount shift=0 every instruction advances
 * the virtual clock by 1 ns, and SysTick on the processor clock (25 MHz) counts down once
 * per 40 ns, that is once per 40 instructions. SysTick runs free from 0xFFFFFF with its
 * interrupt off; every span measured is far below its 2^24-tick (671 M instructions)
 * wrap. Without -icount the figures are host time and mean nothing.
 *
 * Output on UART0 (polled), exit status through semihosting SYS_EXIT_EXTENDED.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench_platform.h"
#include "mps2_crt.h"

#define BENCH_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

#define BENCH_SYST_CSR 0xE000E010u
#define BENCH_SYST_RVR 0xE000E014u
#define BENCH_SYST_CVR 0xE000E018u
#define BENCH_SYST_MAX 0x00FFFFFFu
/* SysTick: ENABLE, processor clock (CLKSOURCE), no TICKINT. */
#define BENCH_SYST_RUN ((1u << 0) | (1u << 2))

#define BENCH_UART0        0x40004000u
#define BENCH_UART_DATA    0x00u
#define BENCH_UART_STATE   0x04u
#define BENCH_UART_CTRL    0x08u
#define BENCH_UART_BAUDDIV 0x10u
#define BENCH_UART_TXFULL  (1u << 0)
#define BENCH_UART_TXEN    (1u << 0)

#define BENCH_SH_SYS_EXIT_EXTENDED 0x20u
#define BENCH_SH_ADP_APP_EXIT      0x20026u

/* Processor clock 25 MHz; 1 instruction = 1 ns of virtual time under -icount shift=0. */
#define BENCH_INSNS_PER_TICK MSDK_BENCH_MPS2_INSNS_PER_TICK

const msdk_bench_clock_t msdk_bench_clock = { "instructions", BENCH_INSNS_PER_TICK };

uint32_t msdk_bench_ticks(void)
{
    return BENCH_SYST_MAX - BENCH_REG(BENCH_SYST_CVR); /* counts up */
}

uint32_t msdk_bench_elapsed(uint32_t from, uint32_t to)
{
    return (to - from) & BENCH_SYST_MAX;
}

static void bench_putc(char c)
{
    while ((BENCH_REG(BENCH_UART0 + BENCH_UART_STATE) & BENCH_UART_TXFULL) != 0u) {
    }
    BENCH_REG(BENCH_UART0 + BENCH_UART_DATA) = (uint8_t)c;
}

void msdk_bench_puts(const char *line)
{
    while (*line != '\0') {
        bench_putc(*line++);
    }
    bench_putc('\r');
    bench_putc('\n');
}

__attribute__((noreturn)) static void bench_exit(int status)
{
    uint32_t block[2] = { BENCH_SH_ADP_APP_EXIT, (uint32_t)status };
    register uint32_t r0 __asm("r0") = BENCH_SH_SYS_EXIT_EXTENDED;
    register uint32_t *r1 __asm("r1") = block;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    for (;;) {
        __asm volatile("wfi");
    }
}

/* The clock's premise checked on a loop of known length: 2 instructions per iteration
 * (subs, bne). Off by more than 1 %: QEMU runs without -icount shift=0 (the SysTick
 * then follows host time) or the counter is not what this file assumes. */
#define BENCH_CAL_LOOPS 100000u

static bool bench_calibrate(void)
{
    register uint32_t n __asm("r0") = BENCH_CAL_LOOPS;
    uint32_t t0 = msdk_bench_ticks();
    /* GCC hands Thumb-1 inline assembly to the assembler in divided syntax, where
     * "sub" is the flag-setting 16-bit SUBS; unified syntax elsewhere. */
#if defined(__thumb2__)
#define BENCH_SUBS "subs %0, %0, #1\n\t"
#else
#define BENCH_SUBS "sub %0, #1\n\t"
#endif
    __asm volatile("1:\n\t" BENCH_SUBS "bne 1b" : "+l"(n) : : "cc");
    uint32_t t1 = msdk_bench_ticks();
    uint32_t counted = msdk_bench_elapsed(t0, t1) * BENCH_INSNS_PER_TICK;
    uint32_t expected = 2u * BENCH_CAL_LOOPS;
    uint32_t diff = (counted > expected) ? (counted - expected) : (expected - counted);
    bool ok = diff <= (expected / 100u);

    char line[96] = "clock check: 200000 instructions counted as ";
    size_t len = 0;
    while (line[len] != '\0') {
        len++;
    }
    char digits[12];
    size_t nd = 0;
    do {
        digits[nd++] = (char)('0' + (int)(counted % 10u));
        counted /= 10u;
    } while (counted != 0u);
    while (nd != 0u) {
        line[len++] = digits[--nd];
    }
    const char *verdict = ok ? " (ok)" : " (FAIL: run under qemu -icount shift=0)";
    while ((*verdict != '\0') && (len + 1u < sizeof line)) {
        line[len++] = *verdict++;
    }
    line[len] = '\0';
    msdk_bench_puts(line);
    return ok;
}

/* ---- start-up -------------------------------------------------------------------------- */

void msdk_bench_reset_handler(void);
void msdk_bench_fault_handler(void);

typedef void (*bench_handler_t)(void);

typedef struct bench_vectors {
    uint32_t *stack_top;
    bench_handler_t exceptions[15];
} bench_vectors_t;

/* No interrupt is ever enabled: the exceptions are enough. */
__attribute__((section(".msdk_vectors"), used)) const bench_vectors_t msdk_bench_vectors = {
    .stack_top = msdk_mps2_stack_top,
    .exceptions = {
        msdk_bench_reset_handler, /* 1 Reset */
        msdk_bench_fault_handler, /* 2 NMI */
        msdk_bench_fault_handler, /* 3 HardFault */
        msdk_bench_fault_handler, /* 4 MemManage */
        msdk_bench_fault_handler, /* 5 BusFault */
        msdk_bench_fault_handler, /* 6 UsageFault */
        0, 0, 0, 0,
        msdk_bench_fault_handler, /* 11 SVCall */
        msdk_bench_fault_handler, /* 12 DebugMonitor */
        0,
        msdk_bench_fault_handler, /* 14 PendSV */
        msdk_bench_fault_handler, /* 15 SysTick */
    },
};

void msdk_bench_fault_handler(void)
{
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    msdk_bench_puts("bench: unexpected exception");
    bench_exit(128 + (int)(ipsr & 0x1FFu));
}

void msdk_bench_reset_handler(void)
{
    msdk_mps2_crt_init(&msdk_bench_vectors);

    BENCH_REG(BENCH_UART0 + BENCH_UART_BAUDDIV) = 16u;
    BENCH_REG(BENCH_UART0 + BENCH_UART_CTRL) = BENCH_UART_TXEN;

    BENCH_REG(BENCH_SYST_CSR) = 0u;
    BENCH_REG(BENCH_SYST_RVR) = BENCH_SYST_MAX;
    BENCH_REG(BENCH_SYST_CVR) = 0u; /* reloads from RVR */
    BENCH_REG(BENCH_SYST_CSR) = BENCH_SYST_RUN;

    if (!bench_calibrate()) {
        bench_exit(2);
    }
    bench_exit(msdk_bench_run());
}
