/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "profiles.h"

#include <string.h>

#include "msdk/cosem/axdr.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"

#include "app.h"
#include "display.h"

/* Log ids of the profiles' logs (sector headers). */
#define LOG_ID_BASE 0x5000u

/* Seconds from the Unix epoch to 2000-01-01, the library's time base for selective access. */
#define EPOCH_2000 INT64_C(946684800)

typedef struct profile_spec {
    uint32_t sectors;
    uint32_t period_s; /* 0: taken by the application (the monthly one) */
    uint8_t channels;
} profile_spec_t;

static const profile_spec_t spec[MA304H4_PROFILES] = {
    [MA304H4_PROFILE_LOAD] = { MA304H4_LOAD_SECTORS, 900u, 4u },
    [MA304H4_PROFILE_QUALITY] = { MA304H4_QUALITY_SECTORS, 600u, MA304H4_QUALITY_VALUES },
    [MA304H4_PROFILE_DAILY] = { MA304H4_DAILY_SECTORS, 86400u, 4u },
    [MA304H4_PROFILE_MONTHLY] = { MA304H4_MONTHLY_SECTORS, 0u, 4u },
};

/* ---- Channels ---------------------------------------------------------------------------------
 */

/* The energy totals +A, -A, +R, -R (mWh, mvarh) now, a consistent copy (the AFE interrupt
 * updates the registers). */
static msdk_err_t read_energy(ma304h4_app_t *app, int64_t *v)
{
    msdk_critical_state_t cs = msdk_port_critical_enter();
    const msdk_metro_energy_t *tot = msdk_metro_registers(&app->metro)->e[MSDK_METRO_SET_TOTAL];
    const uint64_t e[4] = {
        tot[MSDK_METRO_REG_A_IMP].mwh,
        tot[MSDK_METRO_REG_A_EXP].mwh,
        tot[MSDK_METRO_REG_R_Q1].mwh + tot[MSDK_METRO_REG_R_Q2].mwh,
        tot[MSDK_METRO_REG_R_Q3].mwh + tot[MSDK_METRO_REG_R_Q4].mwh,
    };
    msdk_port_critical_exit(cs);
    for (unsigned i = 0; i < 4u; i++) {
        /* 2^63 mWh is 9.2 PWh: beyond any meter's life. */
        v[i] = (e[i] > (uint64_t)INT64_MAX) ? INT64_MAX : (int64_t)e[i];
    }
    return MSDK_OK;
}

static msdk_err_t read_channels(void *ctx, int64_t *values, uint8_t n)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    if (n != spec[b->which].channels) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (b->which == MA304H4_PROFILE_QUALITY) {
        return ma304h4_quality_take(&b->app->quality, values) ? MSDK_OK : MSDK_ERR_NOT_FOUND;
    }
    return read_energy(b->app, values);
}

/* ---- Capture ----------------------------------------------------------------------------------
 */

msdk_err_t ma304h4_profiles_open(ma304h4_profiles_t *pr, struct ma304h4_app *app, uint32_t top)
{
    memset(pr, 0, sizeof *pr);
    pr->month = -1;
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const uint32_t sec = nvm->geo.sector_size;
    if ((top % sec) != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t first = MSDK_OK;
    uint32_t end = top;
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        ma304h4_profile_binding_t *b = &pr->bind[i];
        b->app = app;
        b->which = (ma304h4_profile_id_t)i;
        const uint32_t bytes = spec[i].sectors * sec;
        if (end < bytes) {
            return (first != MSDK_OK) ? first : MSDK_ERR_NO_SPACE;
        }
        end -= bytes;
        const msdk_evlog_profile_config_t cfg = {
            .log = { .nvm = nvm,
                     .base = end,
                     .sectors = spec[i].sectors,
                     .log_id = (uint16_t)(LOG_ID_BASE + i) },
            .period_s = spec[i].period_s,
            .channels = spec[i].channels,
            .read = read_channels,
            .ctx = b,
        };
        msdk_err_t err = msdk_evlog_profile_mount(&pr->p[i], &cfg);
        if (err != MSDK_OK) {
            first = (first != MSDK_OK) ? first : err;
            continue;
        }
        pr->ok[i] = true;
        pr->damage += msdk_evlog_log_damage(msdk_evlog_profile_log(&pr->p[i]));
    }
    /* The month of the newest monthly row. */
    const msdk_evlog_profile_t *m = &pr->p[MA304H4_PROFILE_MONTHLY];
    const msdk_evlog_log_t *mlog = msdk_evlog_profile_log(m);
    if (pr->ok[MA304H4_PROFILE_MONTHLY] && (msdk_evlog_log_count(mlog) != 0u)) {
        msdk_evlog_row_t row;
        if (msdk_evlog_profile_read(m, msdk_evlog_log_last(mlog), &row) == MSDK_OK) {
            ma304h4_civil_t c;
            ma304h4_civil_from_utc(row.time, &c);
            pr->month = (int32_t)c.year * 12 + (int32_t)c.month;
        }
    }
    return first;
}

static void capture_failed(ma304h4_profiles_t *pr, msdk_err_t err)
{
    if ((err != MSDK_OK) && !pr->error_logged) {
        pr->error_logged = true;
        msdk_port_board_log("profiles: a row could not be stored");
    }
}

void ma304h4_profiles_poll(ma304h4_profiles_t *pr)
{
    msdk_rtc_time_t now;
    if (msdk_port_rtc_read(&now) != MSDK_OK) {
        return;
    }
    const uint8_t status = now.valid ? 0u : (uint8_t)MSDK_EVLOG_AMR_CLOCK_INVALID;
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        if (pr->ok[i] && (spec[i].period_s != 0u)) {
            capture_failed(pr, msdk_evlog_profile_poll(&pr->p[i], now.utc_s, status, NULL));
        }
    }
    /* The monthly billing row: once in each new month, at its first poll. */
    if (!pr->ok[MA304H4_PROFILE_MONTHLY] || !now.valid) {
        return;
    }
    ma304h4_civil_t c;
    ma304h4_civil_from_utc(now.utc_s, &c);
    const int32_t month = (int32_t)c.year * 12 + (int32_t)c.month;
    if (pr->month < 0) {
        pr->month = month; /* a new meter: its first billing row ends its first month */
    } else if (month > pr->month) {
        msdk_err_t err =
            msdk_evlog_profile_capture(&pr->p[MA304H4_PROFILE_MONTHLY], now.utc_s, status, NULL);
        capture_failed(pr, err);
        if (err == MSDK_OK) {
            pr->month = month;
        }
    } else {
        /* The same month, or the clock set back into an earlier one: nothing. */
    }
}

void ma304h4_profiles_clock_set(ma304h4_profiles_t *pr)
{
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        if (pr->ok[i]) {
            msdk_evlog_profile_mark(&pr->p[i], (uint8_t)MSDK_EVLOG_AMR_CLOCK_ADJUSTED);
        }
    }
}

/* ---- Profile generic --------------------------------------------------------------------------
 */

static const msdk_evlog_profile_t *profile_of(const ma304h4_profile_binding_t *b)
{
    const ma304h4_profiles_t *pr = &b->app->profiles;
    return pr->ok[b->which] ? &pr->p[b->which] : NULL;
}

static uint32_t rows_count(void *ctx)
{
    const msdk_evlog_profile_t *p = profile_of((const ma304h4_profile_binding_t *)ctx);
    return (p != NULL) ? msdk_evlog_log_count(msdk_evlog_profile_log(p)) : 0u;
}

/* Row `row` (0 = oldest) of the profile, or for a gap (a torn or damaged record) the nearest
 * readable row before it marked "data not valid", so that the rows stay in time order;
 * false when there is none. */
static bool row_at(ma304h4_profile_binding_t *b, uint32_t row, msdk_evlog_row_t *out)
{
    const msdk_evlog_profile_t *p = profile_of(b);
    if (p == NULL) {
        return false;
    }
    const msdk_evlog_log_t *log = msdk_evlog_profile_log(p);
    if (row >= msdk_evlog_log_count(log)) {
        return false;
    }
    const uint32_t want = msdk_evlog_log_first(log) + row;
    if (b->cached && (b->seq == want)) {
        *out = b->row; /* a row never changes once written */
        return true;
    }
    uint32_t seq = want;
    for (uint32_t back = 0u; back <= row; back++, seq--) {
        if (msdk_evlog_profile_read(p, seq, out) == MSDK_OK) {
            if (back != 0u) {
                out->status |= (uint8_t)MSDK_EVLOG_AMR_DATA_NOT_VALID;
                memset(out->values, 0, sizeof out->values);
            }
            b->cached = true;
            b->seq = want;
            b->row = *out;
            return true;
        }
    }
    return false;
}

static msdk_err_t rows_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    msdk_evlog_row_t r;
    if (!row_at(b, row, &r)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (col == 0u) {
        msdk_cosem_datetime_t dt;
        dt = ma304h4_dlms_datetime(r.time, 0u, 0u);
        return msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt);
    }
    if (col == 1u) {
        return msdk_cosem_axdr_put_uint8(wb, r.status);
    }
    const uint8_t ch = (uint8_t)(col - 2u);
    if (ch >= spec[b->which].channels) {
        return MSDK_ERR_NOT_FOUND;
    }
    const int64_t v = (r.values[ch] < 0) ? 0 : r.values[ch];
    if (b->which == MA304H4_PROFILE_QUALITY) {
        return msdk_cosem_axdr_put_uint32(wb, (v > (int64_t)UINT32_MAX) ? UINT32_MAX : (uint32_t)v);
    }
    return msdk_cosem_axdr_put_uint64(wb, (uint64_t)v);
}

static msdk_err_t rows_time(void *ctx, uint32_t row, int64_t *t)
{
    msdk_evlog_row_t r;
    if (!row_at((ma304h4_profile_binding_t *)ctx, row, &r)) {
        return MSDK_ERR_NOT_FOUND;
    }
    *t = r.time - EPOCH_2000;
    return MSDK_OK;
}

static uint8_t rows_reset(void *ctx)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    ma304h4_profiles_t *pr = &b->app->profiles;
    if (!pr->ok[b->which]) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    b->cached = false;
    msdk_err_t err = msdk_evlog_profile_clear(&pr->p[b->which]);
    if (err != MSDK_OK) {
        /* The log is consistent on the flash (old, a suffix of it, or empty): mount again. */
        const msdk_evlog_profile_config_t cfg = pr->p[b->which].cfg;
        pr->ok[b->which] = msdk_evlog_profile_mount(&pr->p[b->which], &cfg) == MSDK_OK;
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    if (b->which == MA304H4_PROFILE_LOAD) {
        ma304h4_events_record(&b->app->events, MSDK_EVK_LOAD_PROFILE_CLEARED, 0u, 0);
    }
    return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t rows_capture(void *ctx)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    ma304h4_profiles_t *pr = &b->app->profiles;
    msdk_rtc_time_t now;
    if (!pr->ok[b->which] || (msdk_port_rtc_read(&now) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    const uint8_t status = now.valid ? 0u : (uint8_t)MSDK_EVLOG_AMR_CLOCK_INVALID;
    b->cached = false;
    return (msdk_evlog_profile_capture(&pr->p[b->which], now.utc_s, status, NULL) == MSDK_OK)
               ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
               : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
}

static const msdk_cosem_row_source_t rows = { rows_count, rows_cell, rows_time };

/* Columns: the clock, the AMR profile status, the channels. */
#define COL_CLOCK                                                                                  \
    {                                                                                              \
        8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u                                                          \
    }
#define COL_STATUS                                                                                 \
    {                                                                                              \
        1u, { 0, 0, 96, 10, 1, 255 }, 2, 0u                                                        \
    }
#define COL_REG(c, d)                                                                              \
    {                                                                                              \
        3u, { 1, 0, (c), (d), 0, 255 }, 2, 0u                                                      \
    }
static const msdk_cosem_capture_def_t energy_columns[6] = {
    COL_CLOCK, COL_STATUS, COL_REG(1, 8), COL_REG(2, 8), COL_REG(3, 8), COL_REG(4, 8),
};
/* Per phase L1, L2, L3: voltage last average 3 (D 25), minimum 3 (23), maximum 3 (26);
 * current last average 3. */
static const msdk_cosem_capture_def_t quality_columns[2 + MA304H4_QUALITY_VALUES] = {
    COL_CLOCK,       COL_STATUS,      COL_REG(32, 25), COL_REG(32, 23), COL_REG(32, 26),
    COL_REG(31, 25), COL_REG(52, 25), COL_REG(52, 23), COL_REG(52, 26), COL_REG(51, 25),
    COL_REG(72, 25), COL_REG(72, 23), COL_REG(72, 26), COL_REG(71, 25),
};

/* Profile entries: the logs' capacities (docs/nvm-format.md: 79 rows of 4 channels a 4 KiB
 * sector, 32 of 12). */
static const msdk_cosem_profile_def_t defs[MA304H4_PROFILES] = {
    [MA304H4_PROFILE_LOAD] = { energy_columns, 6u, 0, 900u, 79u * (MA304H4_LOAD_SECTORS - 1u),
                               &rows, rows_reset, rows_capture },
    [MA304H4_PROFILE_QUALITY] = { quality_columns, 2u + MA304H4_QUALITY_VALUES, 0, 600u,
                                  32u * (MA304H4_QUALITY_SECTORS - 1u), &rows, rows_reset,
                                  rows_capture },
    [MA304H4_PROFILE_DAILY] = { energy_columns, 6u, 0, 86400u, 79u * (MA304H4_DAILY_SECTORS - 1u),
                                &rows, rows_reset, rows_capture },
    [MA304H4_PROFILE_MONTHLY] = { energy_columns, 6u, 0, 0u, 79u * (MA304H4_MONTHLY_SECTORS - 1u),
                                  &rows, rows_reset, rows_capture },
};

const msdk_cosem_profile_def_t *ma304h4_profiles_def(ma304h4_profile_id_t which)
{
    return &defs[which];
}
