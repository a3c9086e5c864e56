/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Capture engine of profiles over the circular log (msdk/eventlog/profile.h).
 *
 * A row is one record of a msdk/eventlog/log.h log: timestamp = the period boundary (or the
 * time of an on-demand row), payload = AMR status u8, then the channels as i64 little-endian
 * (1 + 8 x channels bytes). Periodic rows are only ever appended with a boundary after the
 * newest row's, on-demand rows with a time not before it, so the log's timestamps never
 * decrease and its time search is exact.
 *
 * Boundaries: the period divides 86400 (or is 86400), so the multiples of the period counted
 * from the epoch include every UTC midnight; the boundary of a poll is floor(now / period) x
 * period, the newest one at or before the clock. A poll captures when that boundary is after
 * the newest row. Which status the row gets:
 * - the pending bits (msdk_evlog_profile_mark(), and POWER_DOWN from the mount: the period
 *   the start falls in);
 * - the caller's status bits of the poll;
 * - CLOCK_ADJUSTED when the boundary is more than one period after the newest row (at
 *   least one boundary skipped) while running; not at the first poll after a start, whose
 *   skipped boundaries passed while the meter was off (POWER_DOWN says so);
 * - DATA_NOT_VALID (and zero values) when the channel callback fails.
 * A row taken at the first poll after a start is a catch-up row: the period after it began
 * before the start was known, so the next row gets POWER_DOWN too. The start is the first
 * poll (the mount takes no time).
 *
 * On demand (capture()): a poll first when there is a period (a boundary due is taken before
 * the on-demand row, so rows stay in time order and the poll's own rule, boundary after the
 * newest row, still takes the next boundary once), and the log made ready again when the
 * poll's reclaim ahead left it unmounted; then a row at max(now, newest) with the pending
 * bits, the caller's, and CLOCK_ADJUSTED when now was older. The pending bits stay
 * for the periodic row, or are used up by the row of a profile of period 0. A period-0
 * profile's poll takes nothing.
 *
 * Clear: the log's clear; the newest time stays in RAM (profile_ready() keeps the later of
 * RAM's and the flash's when it mounts the log again after an error), so no row goes back in
 * time until the profile is mounted again.
 *
 * Errors, as evlog_events.c: a failed append leaves the log unmounted by the log layer and
 * is reported; the boundary is tried again at the next poll, which mounts the log again
 * (once per poll) and learns the newest row from the flash (the failed row may have landed
 * whole). After every append, msdk_evlog_log_prepare() makes the next append program-only;
 * its failure is not the row's (the row is stored: reporting it would invite a second try),
 * the next poll mounts the log again.
 *
 * No heap, no globals; the stack holds one record (256 bytes) and the channel values.
 */
#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/eventlog/profile.h"

/* Payload layout. */
#define ROW_STATUS 0u
#define ROW_VALUES 1u

/* Seconds of a day: the period divides it. */
#define DAY_S 86400u

/* Longest period below a day: one hour (and then a day). */
#define PERIOD_MAX_S 3600u

/* Whether a capture period is one the engine takes: 0 (on demand), 1..3600 dividing a day,
 * or a day. */
static bool period_is_valid(uint32_t period)
{
    return (period == 0u) || (period == DAY_S) ||
           ((period <= PERIOD_MAX_S) && ((DAY_S % period) == 0u));
}

MSDK_STATIC_ASSERT(ROW_VALUES + 8u * MSDK_EVLOG_PROFILE_CHANNELS_MAX <= MSDK_EVLOG_PAYLOAD_MAX,
                   "a row of every channel fits a record");

static uint16_t row_payload_len(uint8_t channels)
{
    return (uint16_t)(ROW_VALUES + 8u * (uint32_t)channels);
}

/* The newest boundary at or before now; false when none is representable (a clock near
 * INT64_MIN). */
static bool boundary_at(int64_t now, uint32_t period, int64_t *boundary)
{
    int64_t r = now % (int64_t)period;
    if (r < 0) {
        r += (int64_t)period;
    }
    if (now < INT64_MIN + r) {
        return false;
    }
    *boundary = now - r;
    return true;
}

/* The newest readable row's time, stepping back over gaps; INT64_MIN when there is none. The
 * log knows it without a read when its mount found it in the head sector, or after an
 * append. */
static msdk_err_t newest_time(const msdk_evlog_log_t *log, int64_t *time)
{
    if (log->last_time != INT64_MIN) {
        *time = log->last_time;
        return MSDK_OK;
    }
    msdk_evlog_record_t rec;
    const uint32_t n = msdk_evlog_log_count(log);
    uint32_t seq = msdk_evlog_log_last(log);
    for (uint32_t i = 0; i < n; i++, seq--) {
        msdk_err_t err = msdk_evlog_log_read(log, seq, &rec);
        if (err == MSDK_OK) {
            *time = rec.time;
            return MSDK_OK;
        }
        if (err != MSDK_ERR_NOT_FOUND) {
            return err;
        }
    }
    *time = INT64_MIN;
    return MSDK_OK;
}

/* Makes the profile usable: an NVM error in an earlier append, prepare or clear left its log
 * unmounted in the log layer; mount it again from the flash, once, and learn the newest row
 * again. The newest time known in RAM stays when it is later than the flash's (rows cleared
 * since this profile's mount: no row is taken again for an earlier time until the next
 * msdk_evlog_profile_mount()). */
static msdk_err_t profile_ready(msdk_evlog_profile_t *p)
{
    if (!p->mounted) {
        return MSDK_ERR_STATE;
    }
    if (!p->log.mounted) {
        p->newest_known = false;
        msdk_err_t err = msdk_evlog_log_mount(&p->log, &p->cfg.log);
        if (err != MSDK_OK) {
            return err;
        }
    }
    if (!p->newest_known) {
        int64_t t = INT64_MIN;
        msdk_err_t err = newest_time(&p->log, &t);
        if (err != MSDK_OK) {
            return err;
        }
        if (t > p->newest) {
            p->newest = t;
        }
        p->newest_known = true;
    }
    return MSDK_OK;
}

/* Reads the channels and appends a row (time, status); a failed read makes it a row of
 * zeros with DATA_NOT_VALID. */
static msdk_err_t row_store(msdk_evlog_profile_t *p, int64_t time, uint8_t status)
{
    const uint8_t n = p->cfg.channels;
    int64_t values[MSDK_EVLOG_PROFILE_CHANNELS_MAX];
    memset(values, 0, sizeof(values));
    if (p->cfg.read(p->cfg.ctx, values, n) != MSDK_OK) {
        memset(values, 0, sizeof(values));
        status |= (uint8_t)MSDK_EVLOG_AMR_DATA_NOT_VALID;
    }
    uint8_t payload[ROW_VALUES + 8u * MSDK_EVLOG_PROFILE_CHANNELS_MAX];
    payload[ROW_STATUS] = status;
    for (uint32_t i = 0; i < n; i++) {
        msdk_store_i64le(&payload[ROW_VALUES + 8u * i], values[i]);
    }
    return msdk_evlog_log_append(&p->log, time, payload, NULL);
}

/* After a row: the next append program-only. A failure is not the row's (it is stored:
 * reporting it would invite a second try); the log layer leaves the log unmounted and the
 * next call mounts it again (profile_ready()). */
static void reclaim_ahead(msdk_evlog_profile_t *p)
{
    msdk_err_t err = msdk_evlog_log_prepare(&p->log);
    if (err != MSDK_OK) {
        /* Reported by the next call if the mount fails too. */
    }
}

msdk_err_t msdk_evlog_profile_mount(msdk_evlog_profile_t *p, const msdk_evlog_profile_config_t *cfg)
{
    if (p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(p, 0, sizeof(*p));
    if ((cfg == NULL) || !period_is_valid(cfg->period_s) || (cfg->channels == 0u) ||
        (cfg->channels > MSDK_EVLOG_PROFILE_CHANNELS_MAX) || (cfg->read == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    p->cfg = *cfg;
    p->cfg.log.payload_len = row_payload_len(cfg->channels);
    p->newest = INT64_MIN;
    msdk_err_t err = msdk_evlog_log_mount(&p->log, &p->cfg.log);
    if (err != MSDK_OK) {
        return err;
    }
    p->mounted = true;
    err = profile_ready(p);
    if (err != MSDK_OK) {
        p->mounted = false;
        return err;
    }
    p->pending = (uint8_t)MSDK_EVLOG_AMR_POWER_DOWN;
    p->started = false;
    return MSDK_OK;
}

msdk_err_t msdk_evlog_profile_remount(msdk_evlog_profile_t *p,
                                      const msdk_evlog_profile_config_t *cfg)
{
    if (p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t marked = p->mounted ? (uint8_t)(p->pending & ~MSDK_EVLOG_AMR_POWER_DOWN) : 0u;
    msdk_err_t err = msdk_evlog_profile_mount(p, cfg);
    if (err == MSDK_OK) {
        p->pending = marked;
        p->started = true;
    }
    return err;
}

msdk_err_t msdk_evlog_profile_poll(msdk_evlog_profile_t *p, int64_t now, uint8_t status,
                                   bool *taken)
{
    if (taken != NULL) {
        *taken = false;
    }
    if (p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (p->mounted && (p->cfg.period_s == 0u)) {
        return MSDK_OK; /* captured on demand only */
    }
    msdk_err_t err = profile_ready(p);
    if (err != MSDK_OK) {
        return err;
    }
    const uint32_t period = p->cfg.period_s;
    int64_t boundary = 0;
    if (!boundary_at(now, period, &boundary) || (boundary <= p->newest)) {
        /* Nothing due (also while a clock set back has not passed the newest row). */
        p->started = true;
        return MSDK_OK;
    }
    uint8_t st = (uint8_t)(p->pending | status);
    if (p->started && (p->newest != INT64_MIN) &&
        ((uint64_t)boundary - (uint64_t)p->newest > (uint64_t)period)) {
        st |= (uint8_t)MSDK_EVLOG_AMR_CLOCK_ADJUSTED; /* boundaries skipped while running */
    }
    err = row_store(p, boundary, st);
    if (err != MSDK_OK) {
        /* The log layer left the log unmounted; the next poll mounts it again and learns
         * whether the row landed after all. The pending bits stay for the retry. */
        return err;
    }
    p->newest = boundary;
    /* A catch-up row at the first poll after a start: the next period began before the
     * start, its row gets POWER_DOWN too. */
    p->pending = p->started ? 0u : (uint8_t)MSDK_EVLOG_AMR_POWER_DOWN;
    p->started = true;
    if (taken != NULL) {
        *taken = true;
    }
    reclaim_ahead(p);
    return MSDK_OK;
}

msdk_err_t msdk_evlog_profile_capture(msdk_evlog_profile_t *p, int64_t now, uint8_t status,
                                      bool *taken)
{
    if (taken != NULL) {
        *taken = false;
    }
    if (p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = profile_ready(p);
    if (err != MSDK_OK) {
        return err;
    }
    if (p->cfg.period_s != 0u) {
        /* A periodic row due now first, as the poll would take it: the on-demand row never
         * gets ahead of a boundary it follows in time, and the poll goes on undisturbed. */
        err = msdk_evlog_profile_poll(p, now, status, NULL);
        if (err == MSDK_OK) {
            /* The poll's reclaim ahead may have failed after its row (not reported: the row
             * is stored), leaving the log unmounted: mount it again, as the next poll
             * would, or report why not. */
            err = profile_ready(p);
        }
        if (err != MSDK_OK) {
            return err;
        }
    }
    int64_t time = now;
    uint8_t st = (uint8_t)(p->pending | status);
    if (now < p->newest) {
        /* The clock set back: the row keeps the time order. */
        time = p->newest;
        st |= (uint8_t)MSDK_EVLOG_AMR_CLOCK_ADJUSTED;
    }
    err = row_store(p, time, st);
    if (err != MSDK_OK) {
        return err; /* as the poll: the pending bits stay */
    }
    p->newest = time;
    if (p->cfg.period_s == 0u) {
        /* The row closes the interval since the previous capture: its bits are used. With a
         * period, they stay for the periodic row of the period being recorded. */
        p->pending = 0u;
    }
    if (taken != NULL) {
        *taken = true;
    }
    reclaim_ahead(p);
    return MSDK_OK;
}

msdk_err_t msdk_evlog_profile_clear(msdk_evlog_profile_t *p)
{
    if (p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = profile_ready(p);
    if (err != MSDK_OK) {
        return err;
    }
    /* p->newest stays: no row for a time at or before the last one until a remount. */
    return msdk_evlog_log_clear(&p->log);
}

void msdk_evlog_profile_mark(msdk_evlog_profile_t *p, uint8_t bits)
{
    if (p != NULL) {
        p->pending |= bits;
    }
}

msdk_err_t msdk_evlog_profile_read(const msdk_evlog_profile_t *p, uint32_t seq,
                                   msdk_evlog_row_t *row)
{
    if ((p == NULL) || (row == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!p->mounted) {
        return MSDK_ERR_STATE;
    }
    msdk_evlog_record_t rec;
    msdk_err_t err = msdk_evlog_log_read(&p->log, seq, &rec);
    if (err != MSDK_OK) {
        return err;
    }
    memset(row, 0, sizeof(*row));
    row->seq = rec.seq;
    row->time = rec.time;
    row->status = rec.payload[ROW_STATUS];
    for (uint32_t i = 0; i < p->cfg.channels; i++) {
        row->values[i] = msdk_load_i64le(&rec.payload[ROW_VALUES + 8u * i]);
    }
    return MSDK_OK;
}

const msdk_evlog_log_t *msdk_evlog_profile_log(const msdk_evlog_profile_t *p)
{
    return (p == NULL) ? NULL : &p->log;
}
