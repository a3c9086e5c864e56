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
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fake_nvm.h"

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

/* The pieces of a power-cut sweep: the fake chip over `mem` (geometry `geo`), its injector,
 * the image every run starts from, and the test's workload (run on cut->nvm) and check (run
 * after the reboot: the same memory, the injector disarmed). */
typedef struct pc_rig {
    msdk_fake_nvm_t *flash;
    msdk_fake_nvm_cut_t *cut;
    uint8_t *mem;
    size_t mem_size;
    const uint8_t *image; /* the start of every run; NULL: a blank chip (all 0xFF) */
    const msdk_nvm_geometry_t *geo;
    uint8_t *scratch; /* for the half-erase mode */
    size_t scratch_size;
    uint32_t seed; /* seed + k seeds the random-erase mode of cut point k */
    void (*workload)(void *ctx, const char *what);
    void (*check)(void *ctx, const char *what);
    void *ctx;
    const char *label; /* starts the failure messages */
} pc_rig_t;

/* Runs the workload once per cut point k < ops, for every cut mode and both answers of the
 * dying chip (DROP, EIO): arm the cut at k, run, expect the cut, reboot, check. Returns the
 * number of runs (the power-cut points exercised). */
static inline uint32_t pc_sweep(const pc_rig_t *r, uint32_t ops)
{
    char what[160];
    uint32_t runs = 0u;
    for (int after = 0; after <= (int)MSDK_FAKE_NVM_AFTER_CUT_EIO; after++) {
        for (int mode = 0; mode < (int)MSDK_FAKE_NVM_CUT_MODE_COUNT; mode++) {
            for (uint32_t k = 0; k < ops; k++) {
                (void)snprintf(what, sizeof(what), "%s: after %d mode %d k %u/%u", r->label, after,
                               mode, (unsigned)k, (unsigned)ops);
                if (r->image != NULL) {
                    memcpy(r->mem, r->image, r->mem_size);
                } else {
                    memset(r->mem, 0xFF, r->mem_size);
                }
                msdk_fake_nvm_cut_config_t cc = {
                    .armed = true,
                    .cut_after = k,
                    .mode = (msdk_fake_nvm_cut_mode_t)mode,
                    .after = (msdk_fake_nvm_after_cut_t)after,
                    .seed = r->seed + k,
                    .scratch = r->scratch,
                    .scratch_size = r->scratch_size,
                };
                pc_expect((msdk_fake_nvm_init(r->flash, r->mem, r->geo, NULL) == MSDK_OK) &&
                              (msdk_fake_nvm_cut_init(r->cut, &r->flash->nvm, &cc) == MSDK_OK),
                          what, "fake");
                r->workload(r->ctx, what);
                pc_expect(msdk_fake_nvm_cut_reached(r->cut), what, "no cut");
                /* Reboot: same memory, no injector, fresh counters. */
                pc_expect((msdk_fake_nvm_init(r->flash, r->mem, r->geo, NULL) == MSDK_OK) &&
                              (msdk_fake_nvm_cut_init(r->cut, &r->flash->nvm, NULL) == MSDK_OK),
                          what, "reboot");
                r->check(r->ctx, what);
                runs++;
            }
        }
    }
    return runs;
}

#endif /* EVLOG_CHECK_H */
