/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the COSEM objects of the tariff registers, demand, maximum demand and
 * end of billing period over the time of use state (tou.h):
 *
 * - 1.0.1.8.t.255 / 1.0.2.8.t.255 (Register, class 3), t = 1..8: +A and -A of tariff t,
 *   long64-unsigned, scaler -3, Wh (so mWh).
 * - 0.0.14.0.1.255 (Register activation, class 6): register_assignment = those 16
 *   registers (+A t = 1..8, then -A t = 1..8), mask_list = masks "T1".."T8" (mask t: the
 *   indexes t and 8 + t), active_mask = "T<tariff in force>". Read only: the activity
 *   calendar decides the tariff (SETs read-write-denied, methods object-unavailable).
 * - 1.0.1.4.0.255, 1.0.2.4.0.255, 1.0.3.4.0.255, 1.0.4.4.0.255 (Demand register, class 5):
 *   +A, -A, +R, -R from libtou's demand engine, double-long-unsigned, scaler -3, W (var for
 *   R), so mW (mvar); status unsigned (MSDK_TOU_DEMAND_ST_* bits of the last window);
 *   times in local time (ma304h4_tou_datetime()). Writes of period (8) and number_of_periods
 *   (9) apply to the four channels; method 2 next_period; method 1 reset not supported.
 *   Until the engine runs (no valid clock seen yet) both averages are 0, the status is
 *   MSDK_TOU_DEMAND_ST_START (nothing measured since the start) and both times have every
 *   field "not specified".
 * - 1.0.x.6.0.255 (Extended register, class 4), x = 1..4: the maximum demand of the billing
 *   period in progress (value in mW, capture_time the end of the window that set it, status
 *   0); 1.0.x.6.0.101: the same of the last closed billing period (VZ-1). A channel with no
 *   maximum yet reads 0 with a capture_time whose fields are all "not specified".
 * - 0.0.15.0.0.255 and 0.1.15.0.0.255 (Single action schedule, class 22): the end of billing
 *   period and the daily billing, executing scripts 1 and 2 of 0.0.10.0.1.255 (fixed: a
 *   write of another script is other-reason); type and execution_time written through
 *   ma304h4_tou_set_schedule(). Each of the two is checked with the other as it stands: to
 *   change both where the new type does not fit the old times (or the reverse), go through
 *   type 5, which takes any list.
 * - 0.0.10.0.1.255 (Script table, class 9): read only, script 1 = end of billing period
 *   (the capture of the monthly billing profile 0.0.98.1.0.255, which closes the maximum
 *   demand), script 2 = the capture of the daily billing profile 1.0.99.2.0.255; execute
 *   runs them through ma304h4_tou_run_script().
 * - 0.0.0.1.0.255 (Data): billing period counter, double-long-unsigned.
 * - 0.0.0.1.2.255 (Data): time of the last billing reset, octet-string date-time (local
 *   time), every field "not specified" before the first one.
 *
 * Values are read in the main loop's context, where tou.c changes them: no critical
 * section. */
#ifndef MA304H4_DLMS_TARIFF_H
#define MA304H4_DLMS_TARIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/datetime.h"
#include "msdk/tou/schedule.h"

/** Tariff registers shown (+A and -A of 8 tariffs). */
#define MA304H4_DLMS_TARIFF_REGS     16u
/** Demand channels shown (+A, -A, +R, -R). */
#define MA304H4_DLMS_DEMAND_CHANNELS 4u

/** Objects dlms_tariff.c adds: the tariff registers, the register activation, the demand
 *  registers, the maximum demand registers (current and last billing period), the two single
 *  action schedules, the script table, the billing counter and the billing time. */
#define MA304H4_DLMS_TARIFF_OBJECTS                                                                \
    (MA304H4_DLMS_TARIFF_REGS + 1u + (3u * MA304H4_DLMS_DEMAND_CHANNELS) + 5u)

struct ma304h4_app;

/** Context of one object: the application, which register or channel it shows, and the
 *  date-time it answered last (a GET reads it from here while it is encoded). */
typedef struct ma304h4_tariff_ref {
    struct ma304h4_app *app;
    uint8_t which; /* tariff register 0..15 (+A t = which + 1, then -A), or demand channel */
    bool last;     /* maximum demand: of the last closed billing period (F = 101) */
    uint8_t time[MSDK_DATETIME_SIZE];
} ma304h4_tariff_ref_t;

/** Tariff, demand and billing objects: their contexts and the execution_time being written
 *  (a write runs from its begin to its end within one request, so one copy serves every
 *  client). Part of the DLMS state (ma304h4_dlms_t.tariff). */
typedef struct ma304h4_dlms_tariff {
    ma304h4_tariff_ref_t reg[MA304H4_DLMS_TARIFF_REGS];
    ma304h4_tariff_ref_t demand[MA304H4_DLMS_DEMAND_CHANNELS];
    ma304h4_tariff_ref_t max[MA304H4_DLMS_DEMAND_CHANNELS];
    ma304h4_tariff_ref_t last_max[MA304H4_DLMS_DEMAND_CHANNELS];
    ma304h4_tariff_ref_t billing_time;
    ma304h4_tariff_ref_t sched_ref[2]; /* the two schedules (which: ma304h4_sched_id_t) */
    msdk_tou_sched_config_t sched;     /* the billing schedule with the new type or times */
    bool times_open;                   /* a write of execution_time is in progress */
    uint32_t times_rows;               /* entries announced */
    uint32_t times_filled;             /* entries received (in order) */
} ma304h4_dlms_tariff_t;

/**
 * Adds the tariff, demand and billing objects to the logical device (while its object table
 * is built at start), with ma304h4_dlms_put().
 * @param app The application: the objects read its tou state; their contexts are in
 *            app->dlms.tariff.
 */
void ma304h4_dlms_tariff_objects(struct ma304h4_app *app);

#endif /* MA304H4_DLMS_TARIFF_H */
