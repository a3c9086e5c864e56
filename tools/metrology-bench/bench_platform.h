/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * What a bench image gets from its platform's start-up, whatever it measures:
 *
 *   bench_start_host.c  Linux: a clock in ns (CLOCK_MONOTONIC), lines on stdout, main();
 *   bench_start_mps2.c  bare-metal MPS2 under qemu-system-arm -icount shift=0: its own
 *                       vector table and reset handler (no interrupt enabled), the clock
 *                       check, a clock that counts instructions (SysTick), lines on UART0
 *                       and the exit status through semihosting.
 *
 * Both call msdk_bench_run(), which the bench defines (metrology-bench: bench_main.c;
 * cosem-bench-hls: tools/cosem-bench/cosem_bench_hls.c), and end the program with its
 * return value.
 */
#ifndef MSDK_BENCH_PLATFORM_H
#define MSDK_BENCH_PLATFORM_H

#include <stdint.h>

/** Instructions per tick of the MPS2 clock (25 MHz SysTick under -icount shift=0). */
#define MSDK_BENCH_MPS2_INSNS_PER_TICK 40u
/** Nanoseconds per tick of the host clock. */
#define MSDK_BENCH_HOST_NS_PER_TICK    1u

/** What the ticks of msdk_bench_ticks() measure. */
typedef struct msdk_bench_clock {
    const char *unit;        /**< "instructions" (MPS2) or "ns" (host). */
    uint32_t units_per_tick; /**< MSDK_BENCH_MPS2_INSNS_PER_TICK or MSDK_BENCH_HOST_NS_PER_TICK. */
} msdk_bench_clock_t;

/** The platform's clock (defined by its start-up). */
extern const msdk_bench_clock_t msdk_bench_clock;

/** Free-running tick counter (any start value; see msdk_bench_elapsed()). */
uint32_t msdk_bench_ticks(void);
/** Ticks from @p from to @p to, for spans shorter than the counter's wrap. */
uint32_t msdk_bench_elapsed(uint32_t from, uint32_t to);
/** Write one line of output (the newline is added). */
void msdk_bench_puts(const char *line);

/** The benchmark; returns the process exit status (0 ok, 1 over budget, 2 broken). */
int msdk_bench_run(void);

#endif /* MSDK_BENCH_PLATFORM_H */
