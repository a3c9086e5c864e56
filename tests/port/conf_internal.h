/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Shared helpers of the conformance suite (not for users of the suite). */
#ifndef MSDK_TEST_CONF_INTERNAL_H
#define MSDK_TEST_CONF_INTERNAL_H

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

/* Records a failure with a printf-style detail (the first one is kept) when
 * cond is false. Returns cond. */
bool msdk_conf_require(msdk_conf_check_t *chk, bool cond, const char *fmt, ...) MSDK_PRINTF(3, 4);

/* Reports the check. Returns true when it passed. */
bool msdk_conf_end(msdk_conf_check_t *chk);

/* Byte number index of the pseudo-random stream seed (a 32-bit mixing
 * function of both, so any byte can be recomputed without a buffer). */
uint8_t msdk_conf_pattern(uint32_t seed, uint32_t index);

#endif /* MSDK_TEST_CONF_INTERNAL_H */
