/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the Activity calendar (class 20, 0.0.13.0.0.255) and the Special days
 * table (class 11, 0.0.11.0.0.255) over the time of use state (tou.h).
 *
 * Reads: the active calendar (attributes 2..5) from the engine's active calendar, the
 * passive one (6..9) as written (ma304h4_tou_t.staged, which may still lack references),
 * the activation time (10) from the engine, the special days from the engine.
 *
 * Writes: libcosem validates a whole value (types, ranges, unique keys) before it calls the
 * application; dlms_cal.c collects the rows into a candidate (ma304h4_dlms_cal_t) and hands
 * it to tou.c in one call, which checks it again (sorted switch points, tariffs 1..8, ...)
 * and stores it or changes nothing. A refused row or value leaves the time of use state as
 * it was.
 *
 * Switch times: a day_profile_action's start_time must give the hour and the minute; a
 * second "not specified" is 0 and the hundredths are ignored (libtou switches on whole
 * seconds). A GET answers hh:mm:ss with hundredths 0. The script_selector is the tariff
 * (1..8), the script's logical name is kept as written. */
#ifndef MA304H4_DLMS_CAL_H
#define MA304H4_DLMS_CAL_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/tou/calendar.h"

/** Objects dlms_cal.c adds: the Activity calendar and the Special days table. */
#define MA304H4_DLMS_CAL_OBJECTS 2u

/** A write in progress of the passive calendar or of the special days table. Part of the
 *  DLMS state (ma304h4_dlms_t.cal): the candidate is too large for the stack. A write runs
 *  from its begin to its end within one request, so one candidate serves every client. */
typedef struct ma304h4_dlms_cal {
    msdk_tou_calendar_t candidate; /* the passive calendar being written (a copy of the
                                      staged one, the attribute's table replaced) */
    msdk_tou_special_day_t special[MSDK_TOU_SPECIAL_DAYS_MAX]; /* the special days being
                                                                  written */
    uint8_t cal_attr;        /* passive attribute being written (7..9), 0: none */
    uint32_t cal_rows;       /* rows announced by set_begin */
    uint32_t cal_filled;     /* rows received (in order) */
    bool special_open;       /* a write of the special days is in progress */
    uint16_t special_count;  /* entries announced by set_begin */
    uint16_t special_filled; /* entries received (in order) */
} ma304h4_dlms_cal_t;

struct ma304h4_app;

/**
 * Adds the Activity calendar and the Special days table to the logical device (while its
 * object table is built at start), with ma304h4_dlms_put() and the configuration rights.
 * @param app The application: the objects' context (its tou state and dlms.cal).
 */
void ma304h4_dlms_cal_objects(struct ma304h4_app *app);

#endif /* MA304H4_DLMS_CAL_H */
