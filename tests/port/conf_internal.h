/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Shared helpers of the conformance suite (not for users of the suite). */
#ifndef MSDK_TEST_CONF_INTERNAL_H
#define MSDK_TEST_CONF_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "port_conformance.h"

/* One run of a suite function. */
typedef struct msdk_conf_run {
    const char *suite;
    msdk_conf_report_fn report;
    void *ctx;
    int failed;
} msdk_conf_run_t;

/* One named check: the first failure's detail is kept and reported at the end. */
typedef struct msdk_conf_check {
    msdk_conf_run_t *run;
    const char *name;
    bool failed;
    char detail[160];
} msdk_conf_check_t;

void msdk_conf_run_init(msdk_conf_run_t *run, const char *suite, msdk_conf_report_fn report,
                        void *ctx);

void msdk_conf_begin(msdk_conf_run_t *run, msdk_conf_check_t *chk, const char *name);

/* Formats into buf (capacity cap, always NUL-terminated when cap > 0,
 * truncated when too long) and returns the length written. No libc stdio, so
 * no heap: supports %s %c %d %i %u %x %X %% with the flags '-' and '0', a
 * decimal width and the length modifiers l, ll and z; anything else is
 * copied as written (and consumes no argument). */
size_t msdk_conf_vformat(char *buf, size_t cap, const char *fmt, va_list ap) MSDK_PRINTF(3, 0);
size_t msdk_conf_format(char *buf, size_t cap, const char *fmt, ...) MSDK_PRINTF(3, 4);

/* Records a failure with a printf-style detail (msdk_conf_vformat(), the first
 * one is kept) when cond is false. Returns cond. */
bool msdk_conf_require(msdk_conf_check_t *chk, bool cond, const char *fmt, ...) MSDK_PRINTF(3, 4);

/* Reports the check. Returns true when it passed. */
bool msdk_conf_end(msdk_conf_check_t *chk);

/* Byte number index of the pseudo-random stream seed (a 32-bit mixing
 * function of both, so any byte can be recomputed without a buffer). */
uint8_t msdk_conf_pattern(uint32_t seed, uint32_t index);

#endif /* MSDK_TEST_CONF_INTERNAL_H */
