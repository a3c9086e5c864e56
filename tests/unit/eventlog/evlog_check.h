/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers shared by the unit.eventlog suites. */
#ifndef EVLOG_CHECK_H
#define EVLOG_CHECK_H

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "msdk/core/compiler.h"
/* Every public header of the library together: their names must not clash. */
#include "msdk/eventlog/events.h"
#include "msdk/eventlog/log.h"
#include "msdk/eventlog/profile.h"
#include "msdk/eventlog/snapshot.h"

/* A passing ck_assert costs Check a message to its parent process; the power-cut sweeps
 * (thousands of runs) check through this instead, which calls Check only on a failure. */
static inline void pc_expect(bool ok, const char *what, const char *fmt, ...) MSDK_PRINTF(3, 4);
static inline void pc_expect(bool ok, const char *what, const char *fmt, ...)
{
    if (ok) {
        return;
    }
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ck_abort_msg("%s: %s", what, msg);
}

#endif /* EVLOG_CHECK_H */
