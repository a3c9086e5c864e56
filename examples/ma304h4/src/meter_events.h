/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's event logs (libeventlog, IDIS numbering) in the data NVM, below the energy
 * registers: standard 4 sectors, fraud detection, disconnector control, M-Bus, power quality
 * and power failure 2 each.
 *
 * Recorded: power down (from the power-fail warning, program only), power up at every start
 * and, when the last power down is at least MA304H4_LONG_FAILURE_S old, a long power failure
 * with its duration; terminal and meter cover removed/closed and the strong magnetic field
 * (edges of the tamper inputs, polled by the main loop; a cover opened while the meter was
 * off is found open at start and recorded then); authentication failures, decryption
 * failures, replays and key changes of the DLMS server. Times are the RTC's, UTC seconds. */
#ifndef MA304H4_METER_EVENTS_H
#define MA304H4_METER_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/eventlog/events.h"

/** Sectors of the standard log and of each other log. */
#define MA304H4_EVENTS_STD_SECTORS   4u
#define MA304H4_EVENTS_OTHER_SECTORS 2u
/** All the logs. */
#define MA304H4_EVENTS_SECTORS       (MA304H4_EVENTS_STD_SECTORS + 5u * MA304H4_EVENTS_OTHER_SECTORS)
/** A power failure at least this long is a long power failure (IDIS: 180 s by default). */
#define MA304H4_LONG_FAILURE_S       180

/** The event logs. */
typedef struct ma304h4_events {
    msdk_evlog_events_t ev;
    bool ok;         /* mounted */
    uint32_t inputs; /* tamper inputs at the last poll */
    int64_t down_s;  /* time of the power-down before this start (UTC s), -1: not known */
} ma304h4_events_t;

/**
 * Mounts the logs (ending at byte @p top of the data NVM), records power up (and a long
 * power failure), and the tamper inputs found active at start.
 * @param e   Logs.
 * @param top End of the range the logs may use.
 * @return MSDK_OK, or why there are no event logs.
 */
msdk_err_t ma304h4_events_open(ma304h4_events_t *e, uint32_t top);

/**
 * Records an event now (RTC time); failures are logged on the board log.
 * @param e     Logs.
 * @param kind  What happened.
 * @param index Phase or channel, 0 when none.
 * @param value See msdk_evlog_kind_t.
 */
void ma304h4_events_record(ma304h4_events_t *e, msdk_evlog_kind_t kind, uint8_t index,
                           int64_t value);

/**
 * Records an event with its own time (the clock adjustments: the old time, the new time).
 * @param e     Logs.
 * @param kind  What happened.
 * @param time  Its time (UTC seconds; an older time than the newest event's is recorded
 *              as the newest's, flagged, as events.h says).
 * @param value See msdk_evlog_kind_t.
 */
void ma304h4_events_record_at(ma304h4_events_t *e, msdk_evlog_kind_t kind, int64_t time,
                              int64_t value);

/**
 * The tamper inputs' edges, from the main loop.
 * @param e Logs.
 */
void ma304h4_events_poll(ma304h4_events_t *e);

#endif /* MA304H4_METER_EVENTS_H */
