/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "meter_events.h"

#include <string.h>

#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/io.h"

/* The tamper inputs and the events of their edges. */
static const struct {
    uint32_t bit;
    msdk_evlog_kind_t on;
    msdk_evlog_kind_t off;
} tamper[3] = {
    { MSDK_IO_IN_TERMINAL_COVER_OPEN, MSDK_EVK_TERMINAL_COVER_OPENED,
      MSDK_EVK_TERMINAL_COVER_CLOSED },
    { MSDK_IO_IN_METER_COVER_OPEN, MSDK_EVK_METER_COVER_OPENED, MSDK_EVK_METER_COVER_CLOSED },
    { MSDK_IO_IN_MAGNET, MSDK_EVK_MAGNETIC_FIELD, MSDK_EVK_MAGNETIC_FIELD_GONE },
};
#define TAMPER_MASK                                                                                \
    (MSDK_IO_IN_TERMINAL_COVER_OPEN | MSDK_IO_IN_METER_COVER_OPEN | MSDK_IO_IN_MAGNET)

static int64_t now_s(void)
{
    msdk_rtc_time_t now;
    return (msdk_port_rtc_read(&now) == MSDK_OK) ? now.utc_s : 0;
}

static void store(ma304h4_events_t *e, msdk_evlog_kind_t kind, uint8_t index, int64_t time,
                  int64_t value)
{
    if (!e->ok) {
        return;
    }
    msdk_err_t err = msdk_evlog_events_record(&e->ev, kind, index, time, value);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_SUPPORTED)) {
        msdk_port_board_log("events: an event could not be stored");
    }
}

void ma304h4_events_record_at(ma304h4_events_t *e, msdk_evlog_kind_t kind, int64_t time,
                              int64_t value)
{
    store(e, kind, 0u, time, value);
}

void ma304h4_events_record(ma304h4_events_t *e, msdk_evlog_kind_t kind, uint8_t index,
                           int64_t value)
{
    store(e, kind, index, now_s(), value);
}

/* The time of the newest power-down event of the standard log, if one is after the newest
 * power-up (the meter went down since it last came up); false otherwise. */
static bool last_power_down(const ma304h4_events_t *e, int64_t *t)
{
    const msdk_evlog_log_t *log = msdk_evlog_events_log(&e->ev, MSDK_EVLOG_STANDARD);
    const uint16_t down = msdk_evlog_numbering_idis.codes[MSDK_EVK_POWER_DOWN].base;
    const uint16_t up = msdk_evlog_numbering_idis.codes[MSDK_EVK_POWER_UP].base;
    if ((log == NULL) || (msdk_evlog_log_count(log) == 0u)) {
        return false;
    }
    /* Look back a few entries: other events may follow the power down. */
    uint32_t seq = msdk_evlog_log_last(log);
    for (uint32_t i = 0u; (i < 16u) && (i < msdk_evlog_log_count(log)); i++, seq--) {
        msdk_evlog_event_t ev;
        if (msdk_evlog_events_read(&e->ev, MSDK_EVLOG_STANDARD, seq, &ev) != MSDK_OK) {
            continue;
        }
        if (ev.code == up) {
            return false;
        }
        if (ev.code == down) {
            *t = ev.time;
            return true;
        }
    }
    return false;
}

msdk_err_t ma304h4_events_open(ma304h4_events_t *e, uint32_t top)
{
    memset(e, 0, sizeof *e);
    e->down_s = -1;
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const uint32_t sec = nvm->geo.sector_size;
    if ((top > nvm->geo.size) || (top < MA304H4_EVENTS_SECTORS * sec)) {
        msdk_port_board_log("events: the data NVM is too small for the event logs");
        return MSDK_ERR_NO_SPACE;
    }
    msdk_evlog_events_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.nvm = nvm;
    cfg.profile = &msdk_evlog_numbering_idis;
    uint32_t at = top - (MA304H4_EVENTS_SECTORS * sec);
    for (unsigned i = 0; i < (unsigned)MSDK_EVLOG_LOGS; i++) {
        cfg.sectors[i] = (i == (unsigned)MSDK_EVLOG_STANDARD) ? MA304H4_EVENTS_STD_SECTORS
                                                              : MA304H4_EVENTS_OTHER_SECTORS;
        cfg.base[i] = at;
        at += cfg.sectors[i] * sec;
    }
    msdk_err_t err = msdk_evlog_events_mount(&e->ev, &cfg);
    if ((err != MSDK_OK) && (err != MSDK_ERR_INVALID_ARG)) {
        msdk_port_board_log("events: a log could not be mounted (the others work)");
    }
    e->ok = (err != MSDK_ERR_INVALID_ARG);
    if (!e->ok) {
        return err;
    }
    int64_t down = 0;
    e->down_s = -1;
    if (last_power_down(e, &down)) {
        e->down_s = down;
        int64_t now = now_s();
        if ((now - down) >= (int64_t)MA304H4_LONG_FAILURE_S) {
            ma304h4_events_record(e, MSDK_EVK_LONG_POWER_FAILURE, 0u, now - down);
        }
    }
    ma304h4_events_record(e, MSDK_EVK_POWER_UP, 0u, 0);
    e->inputs = 0u;
    ma304h4_events_poll(e); /* a cover opened while the meter was off */
    return MSDK_OK;
}

void ma304h4_events_poll(ma304h4_events_t *e)
{
    if (!e->ok) {
        return;
    }
    uint32_t in = msdk_port_io_inputs_read() & TAMPER_MASK;
    uint32_t changed = in ^ e->inputs;
    for (unsigned i = 0; (changed != 0u) && (i < 3u); i++) {
        if ((changed & tamper[i].bit) != 0u) {
            ma304h4_events_record(e, ((in & tamper[i].bit) != 0u) ? tamper[i].on : tamper[i].off,
                                  0u, 0);
        }
    }
    e->inputs = in;
}
