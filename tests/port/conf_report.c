/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Reporting and pattern helpers of the conformance suite. */
#include "conf_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void msdk_conf_run_init(msdk_conf_run_t *run, const char *suite, msdk_conf_report_fn report,
                        void *ctx)
{
    run->suite = suite;
    run->report = report;
    run->ctx = ctx;
    run->failed = 0;
}

void msdk_conf_begin(msdk_conf_run_t *run, msdk_conf_check_t *chk, const char *name)
{
    chk->run = run;
    chk->name = name;
    chk->failed = false;
    chk->detail[0] = '\0';
}

bool msdk_conf_require(msdk_conf_check_t *chk, bool cond, const char *fmt, ...)
{
    if (cond) {
        return true;
    }
    if (!chk->failed) {
        va_list ap;
        va_start(ap, fmt);
        (void)vsnprintf(chk->detail, sizeof(chk->detail), fmt, ap);
        va_end(ap);
        chk->failed = true;
    }
    return false;
}

bool msdk_conf_end(msdk_conf_check_t *chk)
{
    msdk_conf_run_t *run = chk->run;
    msdk_conf_result_t r = {
        .suite = run->suite,
        .check = chk->name,
        .passed = !chk->failed,
        .detail = chk->detail,
    };
    if (chk->failed) {
        run->failed++;
    }
    if (run->report != NULL) {
        run->report(run->ctx, &r);
    }
    return !chk->failed;
}

uint8_t msdk_conf_pattern(uint32_t seed, uint32_t index)
{
    /* Multiply-xorshift mixing of (seed, index); every bit of the input
     * affects every bit of the output byte. */
    uint32_t x = seed ^ (index * 0x9E3779B1u);
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    return (uint8_t)(x >> 24);
}
