/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "profiles.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/cosem/axdr.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"

#include "app.h"
#include "display.h"

/* Log ids of the profiles' logs (sector headers). */
#define LOG_ID_BASE 0x5000u

/* Seconds from the Unix epoch to 2000-01-01, the library's time base for selective access. */
#define EPOCH_2000 INT64_C(946684800)

/* The load profile's selection store (docs/nvm-format.md), format version 1: the channel
 * count (1..4), the logical names of the 4 channels' registers (zeros when unused), the
 * period in seconds (u32 little-endian). */
#define SEL_ID     0x4C50u /* "LP" */
#define SEL_FORMAT 1u
#define SEL_NAMES  1u
#define SEL_PERIOD (SEL_NAMES + (6u * MA304H4_LOAD_CHANNELS))
#define SEL_BYTES  (SEL_PERIOD + 4u)

/* The monthly billing row: the 4 totals, +A T1..T4, -A T1..T4, then the maximum demand +A and
 * -A of the closed billing period, each value (mW) and its time (UTC s; INT64_MIN: none). */
#define MONTHLY_CHANNELS   16u
/* The daily billing row: the monthly row's first 12 channels (totals and tariffs), then per
 * M-Bus channel its value, capture time (UTC s; INT64_MIN: none) and scaler/unit (below).
 * Its log has its own id: the 12-channel daily log of the earlier layout (id 0x5002, in the
 * place the daily log had) is read once to take its rows over (ma304h4_profiles_open_ext). */
#define DAILY_CHANNELS     24u
#define DAILY_COLUMNS      20u /* shown: the 12, then value and capture time of 4 channels */
#define DAILY_MBUS         12u /* first M-Bus channel */
#define DAILY_LOG_ID       0x5008u
#define OLD_DAILY_CHANNELS 12u
/* The M-Bus hourly profiles: the value, its capture time and its scaler/unit (not shown: a
 * value whose scaler/unit is not the value object's now reads as null-data). */
#define MBUS_CHANNELS      3u
#define MBUS_COLUMNS       2u
#define MONTHLY_TARIFFS    4u
#define MONTHLY_MAX        (4u + (2u * MONTHLY_TARIFFS)) /* first maximum demand channel */

typedef struct profile_spec {
    uint32_t sectors;
    uint32_t period_s; /* 0: taken by the application (the monthly one) */
    uint8_t channels;
    uint32_t capture_ms; /* the management client's captures: one more per this uptime */
} profile_spec_t;

static const profile_spec_t spec[MA304H4_PROFILES] = {
    [MA304H4_PROFILE_LOAD] = { MA304H4_LOAD_SECTORS, 900u, 4u, MA304H4_CAPTURE_LOAD_MS },
    [MA304H4_PROFILE_QUALITY] = { MA304H4_QUALITY_SECTORS, 600u, MA304H4_QUALITY_VALUES,
                                  MA304H4_CAPTURE_QUALITY_MS },
    [MA304H4_PROFILE_DAILY] = { MA304H4_DAILY_SECTORS, 0u, DAILY_CHANNELS,
                                MA304H4_CAPTURE_BILLING_MS },
    [MA304H4_PROFILE_MONTHLY] = { MA304H4_MONTHLY_SECTORS, 0u, MONTHLY_CHANNELS,
                                  MA304H4_CAPTURE_BILLING_MS },
    [4] = { MA304H4_MBUS_PROFILE_SECTORS, 0u, MBUS_CHANNELS, MA304H4_CAPTURE_QUALITY_MS },
    [5] = { MA304H4_MBUS_PROFILE_SECTORS, 0u, MBUS_CHANNELS, MA304H4_CAPTURE_QUALITY_MS },
    [6] = { MA304H4_MBUS_PROFILE_SECTORS, 0u, MBUS_CHANNELS, MA304H4_CAPTURE_QUALITY_MS },
    [7] = { MA304H4_MBUS_PROFILE_SECTORS, 0u, MBUS_CHANNELS, MA304H4_CAPTURE_QUALITY_MS },
};

static bool is_mbus(ma304h4_profile_id_t which)
{
    return (which >= MA304H4_PROFILE_MBUS1) && (which <= MA304H4_PROFILE_MBUS4);
}

/* Whether a profile's log is at the bottom of the layout (added after the first layout). */
static bool in_ext(ma304h4_profile_id_t which)
{
    return is_mbus(which) || (which == MA304H4_PROFILE_DAILY);
}

/* The earlier layout's daily log is only read. */
static msdk_err_t read_none(void *ctx, int64_t *values, uint8_t n)
{
    (void)ctx;
    (void)values;
    (void)n;
    return MSDK_ERR_STATE;
}

/* ---- The management client's budgets (profiles.h) ---------------------------------------------
 */

bool ma304h4_budget_ready(const ma304h4_budget_t *bg, uint32_t burst, uint32_t interval_ms)
{
    const uint64_t now = msdk_port_clock_uptime_ms();
    const uint64_t due = ((bg->due_ms > now) ? bg->due_ms : now) + interval_ms;
    return (due - now) <= ((uint64_t)burst * interval_ms);
}

void ma304h4_budget_charge(ma304h4_budget_t *bg, uint32_t interval_ms)
{
    const uint64_t now = msdk_port_clock_uptime_ms();
    bg->due_ms = ((bg->due_ms > now) ? bg->due_ms : now) + interval_ms;
}

/* Takes one call from a budget; false, and nothing taken, when the budget is spent. */
static bool budget_take(ma304h4_budget_t *bg, uint32_t burst, uint32_t interval_ms)
{
    if (!ma304h4_budget_ready(bg, burst, interval_ms)) {
        return false;
    }
    ma304h4_budget_charge(bg, interval_ms);
    return true;
}

/* A reset of profile `which` (or a change of the load profile's selection). */
static bool reset_allowed(ma304h4_profiles_t *pr, ma304h4_profile_id_t which)
{
    return budget_take(&pr->reset_budget[which], MA304H4_RESET_BURST, MA304H4_RESET_INTERVAL_MS);
}

bool ma304h4_profiles_capture_allowed(ma304h4_profiles_t *pr, ma304h4_profile_id_t which)
{
    return budget_take(&pr->capture_budget[which], MA304H4_CAPTURE_BURST, spec[which].capture_ms);
}

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

/* Whether a register value's A-XDR type is a signed integer. */
static bool tag_signed(uint8_t tag)
{
    return (tag == (uint8_t)MSDK_COSEM_AXDR_INTEGER) || (tag == (uint8_t)MSDK_COSEM_AXDR_LONG) ||
           (tag == (uint8_t)MSDK_COSEM_AXDR_DOUBLE_LONG) ||
           (tag == (uint8_t)MSDK_COSEM_AXDR_LONG64);
}

/* The range of an integer A-XDR type (the unsigned 64-bit one up to INT64_MAX: what a
 * channel holds); false for any other type. */
static bool tag_range(uint8_t tag, int64_t *lo, int64_t *hi)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_INTEGER:
        *lo = INT8_MIN;
        *hi = INT8_MAX;
        return true;
    case MSDK_COSEM_AXDR_LONG:
        *lo = INT16_MIN;
        *hi = INT16_MAX;
        return true;
    case MSDK_COSEM_AXDR_DOUBLE_LONG:
        *lo = INT32_MIN;
        *hi = INT32_MAX;
        return true;
    case MSDK_COSEM_AXDR_LONG64:
        *lo = INT64_MIN;
        *hi = INT64_MAX;
        return true;
    case MSDK_COSEM_AXDR_UNSIGNED:
        *lo = 0;
        *hi = UINT8_MAX;
        return true;
    case MSDK_COSEM_AXDR_LONG_UNSIGNED:
        *lo = 0;
        *hi = UINT16_MAX;
        return true;
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED:
        *lo = 0;
        *hi = UINT32_MAX;
        return true;
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED:
        *lo = 0;
        *hi = INT64_MAX;
        return true;
    default: return false;
    }
}

/* The load profile's channels now: the energies from the metrology's registers, the other
 * values as their registers show them; 0 for the unused channels. */
static msdk_err_t read_load(ma304h4_app_t *app, int64_t *values, uint8_t n)
{
    const ma304h4_load_sel_t *sel = &app->profiles.load;
    int64_t energy[4];
    (void)read_energy(app, energy);
    for (uint8_t i = 0; i < n; i++) {
        values[i] = 0;
        if (i >= sel->n) {
            continue;
        }
        const reading_t which = (reading_t)sel->reading[i];
        switch (which) {
        case R_A_IMPORT: values[i] = energy[0]; break;
        case R_A_EXPORT: values[i] = energy[1]; break;
        case R_R_IMPORT: values[i] = energy[2]; break;
        case R_R_EXPORT: values[i] = energy[3]; break;
        default: {
            msdk_cosem_value_t v;
            if (ma304h4_dlms_register_value(app, which, &v) != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
                return MSDK_ERR_NOT_FOUND;
            }
            if (tag_signed(v.tag)) {
                values[i] = v.v.i;
            } else {
                values[i] = (v.v.u > (uint64_t)INT64_MAX) ? INT64_MAX : (int64_t)v.v.u;
            }
            break;
        }
        }
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
    if (b->which == MA304H4_PROFILE_LOAD) {
        return read_load(b->app, values, n);
    }
    if (is_mbus(b->which)) {
        int64_t all[3u * MA304H4_MBUS_CHANNELS];
        ma304h4_mbus_columns(&b->app->mbus, all);
        const unsigned ch = (unsigned)b->which - (unsigned)MA304H4_PROFILE_MBUS1;
        memcpy(values, &all[3u * ch], 3u * sizeof values[0]);
        return MSDK_OK;
    }
    if ((b->which == MA304H4_PROFILE_DAILY) && (b->app->profiles.migrating != NULL)) {
        /* a row of the earlier layout's daily log: its 12 channels, no M-Bus values */
        memcpy(values, b->app->profiles.migrating->values, OLD_DAILY_CHANNELS * sizeof values[0]);
        for (unsigned k = 0; k < MA304H4_MBUS_CHANNELS; k++) {
            values[DAILY_MBUS + (3u * k)] = 0;
            values[DAILY_MBUS + (3u * k) + 1u] = INT64_MIN;
            values[DAILY_MBUS + (3u * k) + 2u] = MA304H4_MBUS_SU_NONE;
        }
        return MSDK_OK;
    }
    msdk_err_t err = read_energy(b->app, values);
    if (err != MSDK_OK) {
        return err;
    }
    /* Billing rows are taken by tou.c with the tariff registers up to date and, at the end of
     * a billing period, the maximum demand of the period just closed in last_max. */
    const ma304h4_tou_t *t = &b->app->tou;
    for (unsigned k = 0; k < MONTHLY_TARIFFS; k++) {
        values[4u + k] = (int64_t)t->reg[MA304H4_TOU_A_IMPORT][k];
        values[4u + MONTHLY_TARIFFS + k] = (int64_t)t->reg[MA304H4_TOU_A_EXPORT][k];
    }
    if (b->which == MA304H4_PROFILE_MONTHLY) {
        for (unsigned c = 0; c < 2u; c++) {
            values[MONTHLY_MAX + (2u * c)] = t->last_max.value[c];
            values[MONTHLY_MAX + (2u * c) + 1u] = t->last_max.time[c];
        }
    } else {
        ma304h4_mbus_columns(&b->app->mbus, &values[DAILY_MBUS]);
    }
    return err;
}

/* ---- The load profile's selection ---------------------------------------------------------
 */

static const uint32_t load_periods[] = { 300u, 600u, 900u, 1800u, 3600u };

static bool load_period_ok(uint32_t s)
{
    bool ok = false;
    for (unsigned i = 0; !ok && (i < (sizeof load_periods / sizeof load_periods[0])); i++) {
        ok = (load_periods[i] == s);
    }
    return ok;
}

/* The default: +A, -A, +R, -R every 15 minutes. */
static void load_default(ma304h4_load_sel_t *sel)
{
    static const ma304h4_load_sel_t def = { 4u,
                                            { R_A_IMPORT, R_A_EXPORT, R_R_IMPORT, R_R_EXPORT },
                                            900u };
    *sel = def;
}

/* The capture objects of a selection: the clock, the AMR status, the registers. */
static void load_columns(ma304h4_profiles_t *pr)
{
    static const msdk_cosem_capture_def_t head[2] = {
        { 8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u },
        { 1u, { 0, 0, 96, 10, 1, 255 }, 2, 0u },
    };
    memset(pr->load_cols, 0, sizeof pr->load_cols);
    pr->load_cols[0] = head[0];
    pr->load_cols[1] = head[1];
    for (uint8_t i = 0; i < pr->load.n; i++) {
        msdk_cosem_capture_def_t *c = &pr->load_cols[2u + i];
        c->class_id = 3u;
        ma304h4_dlms_register_ln((reading_t)pr->load.reading[i], c->ln);
        c->attr = 2;
        c->data_index = 0u;
    }
}

static void sel_encode(const ma304h4_load_sel_t *sel, uint8_t *p)
{
    memset(p, 0, SEL_BYTES);
    p[0] = sel->n;
    for (uint8_t i = 0; i < sel->n; i++) {
        ma304h4_dlms_register_ln((reading_t)sel->reading[i], &p[SEL_NAMES + (6u * i)]);
    }
    msdk_store_u32le(&p[SEL_PERIOD], sel->period_s);
}

/* A stored selection, checked: 1..4 registers of the meter, a period the meter takes. */
static bool sel_decode(const uint8_t *p, ma304h4_load_sel_t *sel)
{
    ma304h4_load_sel_t s;
    memset(&s, 0, sizeof s);
    s.n = p[0];
    s.period_s = msdk_load_u32le(&p[SEL_PERIOD]);
    if ((s.n < 1u) || (s.n > MA304H4_LOAD_CHANNELS) || !load_period_ok(s.period_s)) {
        return false;
    }
    for (uint8_t i = 0; i < s.n; i++) {
        reading_t which = R_A_IMPORT;
        if (!ma304h4_dlms_register_find(&p[SEL_NAMES + (6u * i)], &which)) {
            return false;
        }
        s.reading[i] = (uint8_t)which;
    }
    *sel = s;
    return true;
}

/* Opens the selection store at `base` and restores the selection (the default when there
 * is none or it is not one this firmware takes). */
static void load_restore(ma304h4_profiles_t *pr, const msdk_nvm_t *nvm, uint32_t base)
{
    load_default(&pr->load);
    const msdk_evlog_snap_config_t cfg = { nvm,       base,   MA304H4_LOAD_SEL_SECTORS,
                                           SEL_BYTES, SEL_ID, SEL_FORMAT };
    pr->load_store_cfg = cfg;
    uint8_t p[SEL_BYTES];
    uint16_t version = 0u;
    msdk_err_t err = msdk_evlog_snap_open(&pr->load_store, &cfg, p, &version);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_FOUND)) {
        msdk_port_board_log("profiles: the load profile selection store failed: default kept");
        return;
    }
    pr->load_stored = true;
    pr->damage += msdk_evlog_snap_damage(&pr->load_store);
    if ((err == MSDK_OK) && ((version != SEL_FORMAT) || !sel_decode(p, &pr->load))) {
        load_default(&pr->load);
        msdk_port_board_log("profiles: stored load profile selection not taken: default");
    }
}

/* ---- Capture ----------------------------------------------------------------------------------
 */

/* Mounts the logs that end at byte `top`: those of the first layout (with the earlier daily
 * log in the daily log's place), or (`ext`) those added since at the bottom of the layout. */
static msdk_err_t mount_logs(ma304h4_profiles_t *pr, const msdk_nvm_t *nvm, uint32_t top, bool ext)
{
    const uint32_t sec = nvm->geo.sector_size;
    if ((top % sec) != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t first = MSDK_OK;
    uint32_t end = top;
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        const bool old_daily = !ext && (i == (unsigned)MA304H4_PROFILE_DAILY);
        if (!old_daily && (in_ext((ma304h4_profile_id_t)i) != ext)) {
            continue;
        }
        const uint32_t sectors = old_daily ? MA304H4_OLD_DAILY_SECTORS : spec[i].sectors;
        if (end < (sectors * sec)) {
            return (first != MSDK_OK) ? first : MSDK_ERR_NO_SPACE;
        }
        end -= sectors * sec;
        const bool daily = ext && (i == (unsigned)MA304H4_PROFILE_DAILY);
        const msdk_evlog_profile_config_t cfg = {
            .log = { .nvm = nvm,
                     .base = end,
                     .sectors = sectors,
                     .log_id = daily ? (uint16_t)DAILY_LOG_ID : (uint16_t)(LOG_ID_BASE + i) },
            .period_s =
                (i == (unsigned)MA304H4_PROFILE_LOAD) ? pr->load.period_s : spec[i].period_s,
            .channels = old_daily ? (uint8_t)OLD_DAILY_CHANNELS : spec[i].channels,
            .read = old_daily ? read_none : read_channels,
            .ctx = &pr->bind[i],
        };
        msdk_evlog_profile_t *p = old_daily ? &pr->old_daily : &pr->p[i];
        msdk_err_t err = msdk_evlog_profile_mount(p, &cfg);
        if (err != MSDK_OK) {
            first = (first != MSDK_OK) ? first : err;
            continue;
        }
        *(old_daily ? &pr->old_daily_ok : &pr->ok[i]) = true;
        pr->damage += msdk_evlog_log_damage(msdk_evlog_profile_log(p));
    }
    return first;
}

msdk_err_t ma304h4_profiles_open(ma304h4_profiles_t *pr, struct ma304h4_app *app, uint32_t top)
{
    memset(pr, 0, sizeof *pr);
    load_default(&pr->load);
    load_columns(pr);
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const uint32_t sec = nvm->geo.sector_size;
    if ((top % sec) != 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The load profile's selection below the profiles (the default when it does not fit). */
    const uint32_t sel_bytes = MA304H4_LOAD_SEL_SECTORS * sec;
    const uint32_t logs_bytes = (MA304H4_PROFILE_SECTORS - MA304H4_LOAD_SEL_SECTORS) * sec;
    if (top >= (logs_bytes + sel_bytes)) {
        load_restore(pr, nvm, top - logs_bytes - sel_bytes);
    }
    load_columns(pr);
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        pr->bind[i].app = app;
        pr->bind[i].which = (ma304h4_profile_id_t)i;
    }
    return mount_logs(pr, nvm, top, false);
}

static void capture_failed(ma304h4_profiles_t *pr, msdk_err_t err)
{
    if ((err != MSDK_OK) && !pr->error_logged) {
        pr->error_logged = true;
        msdk_port_board_log("profiles: a row could not be stored");
    }
}

/* Takes the earlier layout's daily rows newer than the newest row of the daily log over, in
 * order (a cut during it goes on at the next start from where it stopped). */
static void take_old_daily(ma304h4_profiles_t *pr)
{
    if (!pr->old_daily_ok || !pr->ok[MA304H4_PROFILE_DAILY]) {
        return;
    }
    const msdk_evlog_log_t *old = msdk_evlog_profile_log(&pr->old_daily);
    const msdk_evlog_log_t *cur = msdk_evlog_profile_log(&pr->p[MA304H4_PROFILE_DAILY]);
    if (msdk_evlog_log_count(old) == 0u) {
        return;
    }
    /* The newest readable row of the daily log (a torn last record is stepped over). */
    int64_t newest = INT64_MIN;
    msdk_evlog_row_t row;
    uint32_t seq_cur = msdk_evlog_log_last(cur);
    for (uint32_t i = 0; i < msdk_evlog_log_count(cur); i++, seq_cur--) {
        if (msdk_evlog_profile_read(&pr->p[MA304H4_PROFILE_DAILY], seq_cur, &row) == MSDK_OK) {
            newest = row.time;
            break;
        }
    }
    bool complete = true;
    uint32_t taken = 0u;
    const uint32_t last = msdk_evlog_log_last(old);
    for (uint32_t seq = msdk_evlog_log_first(old);; seq++) {
        if ((msdk_evlog_profile_read(&pr->old_daily, seq, &row) == MSDK_OK) &&
            (row.time > newest)) {
            pr->migrating = &row;
            const msdk_err_t err = msdk_evlog_profile_capture(&pr->p[MA304H4_PROFILE_DAILY],
                                                              row.time, row.status, NULL);
            pr->migrating = NULL;
            if (err != MSDK_OK) {
                capture_failed(pr, err);
                complete = false;
                break;
            }
            newest = row.time;
            taken++;
        }
        if (seq == last) {
            break;
        }
    }
    if (taken != 0u) {
        msdk_port_board_log("profiles: daily billing rows of the earlier layout taken over");
        /* The start's power-down mark went to the first row taken over: the daily row of
         * the period in progress gets it again. */
        msdk_evlog_profile_mark(&pr->p[MA304H4_PROFILE_DAILY], (uint8_t)MSDK_EVLOG_AMR_POWER_DOWN);
    }
    /* Every row is in the daily log now: the earlier log is cleared (a client's reset of the
     * daily profile must not bring them back at the next start). A cut before the clear
     * takes nothing twice: the next start takes only rows newer than the newest. */
    if (complete && (msdk_evlog_profile_clear(&pr->old_daily) == MSDK_OK)) {
        pr->old_daily_ok = false;
    }
}

msdk_err_t ma304h4_profiles_open_ext(ma304h4_profiles_t *pr, uint32_t top)
{
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const msdk_err_t err = mount_logs(pr, nvm, top, true);
    take_old_daily(pr);
    return err;
}

void ma304h4_profiles_poll(ma304h4_profiles_t *pr)
{
    msdk_rtc_time_t now;
    if (msdk_port_rtc_read(&now) != MSDK_OK) {
        return;
    }
    const uint8_t status = ma304h4_tou_amr_status(&pr->bind[0].app->tou, now.utc_s, now.valid);
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        if (pr->ok[i] && (spec[i].period_s != 0u)) { /* the load profile's is never 0 */
            capture_failed(pr, msdk_evlog_profile_poll(&pr->p[i], now.utc_s, status, NULL));
        }
    }
}

msdk_err_t ma304h4_profiles_billing(ma304h4_profiles_t *pr, ma304h4_profile_id_t which, bool late)
{
    msdk_rtc_time_t now;
    if (((which != MA304H4_PROFILE_MONTHLY) && (which != MA304H4_PROFILE_DAILY)) ||
        !pr->ok[which] || (msdk_port_rtc_read(&now) != MSDK_OK)) {
        return MSDK_ERR_STATE;
    }
    const uint8_t status =
        (uint8_t)(ma304h4_tou_amr_status(&pr->bind[0].app->tou, now.utc_s, now.valid) |
                  (late ? (uint8_t)MSDK_EVLOG_AMR_CLOCK_ADJUSTED : 0u));
    msdk_evlog_profile_t *m = &pr->p[which];
    msdk_err_t err = msdk_evlog_profile_capture(m, now.utc_s, status, NULL);
    capture_failed(pr, err);
    if (err != MSDK_OK) {
        /* The log is left unmounted after a failed write: mount it again (not a start: no
         * power down bit) so that the buffer shows what landed. The schedule does not run the
         * capture again (a period never gets two rows). */
        const msdk_evlog_profile_config_t cfg = m->cfg;
        pr->bind[which].cached = false;
        pr->ok[which] = msdk_evlog_profile_remount(m, &cfg) == MSDK_OK;
    }
    return err;
}

void ma304h4_profiles_mbus_row(ma304h4_profiles_t *pr, uint8_t ch, bool not_valid)
{
    const unsigned which = (unsigned)MA304H4_PROFILE_MBUS1 + ch;
    msdk_rtc_time_t now;
    if ((ch >= MA304H4_MBUS_CHANNELS) || !pr->ok[which] || (msdk_port_rtc_read(&now) != MSDK_OK)) {
        return;
    }
    const uint8_t status =
        (uint8_t)(ma304h4_tou_amr_status(&pr->bind[0].app->tou, now.utc_s, now.valid) |
                  (not_valid ? (uint8_t)MSDK_EVLOG_AMR_DATA_NOT_VALID : 0u));
    pr->bind[which].cached = false;
    capture_failed(pr, msdk_evlog_profile_capture(&pr->p[which], now.utc_s, status, NULL));
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

static const msdk_cosem_profile_def_t defs[MA304H4_PROFILES];

/* Entries in use, and the start of a read: the newest profile_entries rows of the log
 * (dlms.h). */
static uint32_t rows_count(void *ctx)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    const msdk_evlog_profile_t *p = profile_of(b);
    return ma304h4_dlms_rows_begin(b->app, &b->pin, (p != NULL) ? msdk_evlog_profile_log(p) : NULL,
                                   defs[b->which].max_entries);
}

/* Row `row` (0 = oldest) of the read, or for a gap (a torn or damaged record) the nearest
 * readable row before it marked "data not valid", so that the rows stay in time order;
 * false when there is none, or when the row is no longer in the log (evicted or cleared
 * since the read began). */
static bool row_at(ma304h4_profile_binding_t *b, uint32_t row, msdk_evlog_row_t *out)
{
    const msdk_evlog_profile_t *p = profile_of(b);
    uint32_t want = 0u;
    if ((p == NULL) ||
        !ma304h4_dlms_rows_seq(b->app, &b->pin, msdk_evlog_profile_log(p), row, &want)) {
        return false;
    }
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

/* A load profile channel, in its register's value type (a value outside the type's range,
 * which the register cannot have given, is clamped). */
static msdk_err_t load_cell(const ma304h4_app_t *app, uint8_t ch, int64_t value, msdk_wbuf_t *wb)
{
    const ma304h4_load_sel_t *sel = &app->profiles.load;
    msdk_cosem_value_t v;
    int64_t lo = 0;
    int64_t hi = 0;
    if ((ch >= sel->n) ||
        (ma304h4_dlms_register_value(app, (reading_t)sel->reading[ch], &v) !=
         (uint8_t)MSDK_COSEM_DAR_SUCCESS) ||
        !tag_range(v.tag, &lo, &hi)) {
        return MSDK_ERR_NOT_FOUND;
    }
    const int64_t x = (value < lo) ? lo : ((value > hi) ? hi : value);
    if (tag_signed(v.tag)) {
        v.v.i = x;
    } else {
        v.v.u = (uint64_t)x;
    }
    return msdk_cosem_value_put(wb, &v);
}

/* A date-time with every field "not specified" (no time). */
static msdk_err_t put_no_time(msdk_wbuf_t *wb)
{
    msdk_cosem_datetime_t none;
    memset(&none, 0xFF, sizeof none);
    none.year = MSDK_DATETIME_YEAR_UNSPECIFIED;
    none.deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
    none.status = MSDK_DATETIME_UNSPECIFIED;
    return msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &none);
}

/* A maximum demand cell of the monthly row: the value as the maximum demand register gives it
 * (double-long-unsigned mW), the time as a date-time (every field "not specified": none). */
static msdk_err_t monthly_max_cell(uint8_t ch, int64_t v, msdk_wbuf_t *wb)
{
    if (((ch - MONTHLY_MAX) % 2u) == 0u) {
        return msdk_cosem_axdr_put_uint32(
            wb, (v < 0) ? 0u : ((v > (int64_t)UINT32_MAX) ? UINT32_MAX : (uint32_t)v));
    }
    return ((v < 0) || (v == INT64_MIN)) ? put_no_time(wb) : ma304h4_dlms_put_time(wb, v);
}

/* An M-Bus cell of channel k: the value as its value object gives it (long64; null-data when
 * the row's scaler/unit `su` is not the object's now: another quantity or unit), or its
 * capture time. */
static msdk_err_t mbus_cell(const ma304h4_mbus_t *mb, uint8_t k, bool is_time, int64_t v,
                            int64_t su, msdk_wbuf_t *wb)
{
    if (!is_time) {
        if ((su == MA304H4_MBUS_SU_NONE) || (su != ma304h4_mbus_su(mb, k))) {
            return msdk_cosem_axdr_put_null(wb); /* no value then, or of another unit */
        }
        return msdk_cosem_axdr_put_int64(wb, v);
    }
    return (v == INT64_MIN) ? put_no_time(wb) : ma304h4_dlms_put_time(wb, v);
}

static msdk_err_t rows_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    msdk_evlog_row_t r;
    if (!row_at(b, row, &r)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (col == 0u) {
        return ma304h4_dlms_put_time(wb, r.time);
    }
    if (col == 1u) {
        return msdk_cosem_axdr_put_uint8(wb, r.status);
    }
    const uint8_t ch = (uint8_t)(col - 2u);
    if (ch >= spec[b->which].channels) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (b->which == MA304H4_PROFILE_LOAD) {
        return load_cell(b->app, ch, r.values[ch], wb);
    }
    if ((b->which == MA304H4_PROFILE_MONTHLY) && (ch >= MONTHLY_MAX)) {
        return monthly_max_cell(ch, r.values[ch], wb);
    }
    if (is_mbus(b->which)) {
        const uint8_t k = (uint8_t)((unsigned)b->which - (unsigned)MA304H4_PROFILE_MBUS1);
        return mbus_cell(&b->app->mbus, k, ch == 1u, r.values[ch], r.values[2], wb);
    }
    if ((b->which == MA304H4_PROFILE_DAILY) && (ch >= DAILY_MBUS)) {
        const uint8_t k = (uint8_t)((ch - DAILY_MBUS) / 2u);
        const uint8_t at = (uint8_t)(DAILY_MBUS + (3u * k) + ((ch - DAILY_MBUS) % 2u));
        return mbus_cell(&b->app->mbus, k, ((ch - DAILY_MBUS) % 2u) == 1u, r.values[at],
                         r.values[DAILY_MBUS + (3u * k) + 2u], wb);
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
    if (!reset_allowed(pr, b->which)) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* the budget is spent */
    }
    b->cached = false;
    msdk_err_t err = msdk_evlog_profile_clear(&pr->p[b->which]);
    if (err != MSDK_OK) {
        /* The log is consistent on the flash (old, a suffix of it, or empty): mount again. */
        const msdk_evlog_profile_config_t cfg = pr->p[b->which].cfg;
        pr->ok[b->which] = msdk_evlog_profile_remount(&pr->p[b->which], &cfg) == MSDK_OK;
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
    if (b->which == MA304H4_PROFILE_MONTHLY) {
        /* A monthly row is the end of a billing period (tou.h), within the same budget. */
        b->cached = false;
        const msdk_err_t err = ma304h4_tou_billing_by_client(&b->app->tou);
        return (err == MSDK_ERR_STATE) ? (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE
                                       : ma304h4_tou_dar(err);
    }
    if (!ma304h4_profiles_capture_allowed(pr, b->which)) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* the budget is spent */
    }
    const uint8_t status = ma304h4_tou_amr_status(&b->app->tou, now.utc_s, now.valid);
    b->cached = false;
    return (msdk_evlog_profile_capture(&pr->p[b->which], now.utc_s, status, NULL) == MSDK_OK)
               ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
               : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
}

static const msdk_cosem_row_source_t rows = { rows_count, rows_cell, rows_time };

/* ---- The load profile's capture objects and period, set by the management client ----------
 */

static const msdk_cosem_capture_def_t *load_columns_now(void *ctx, uint8_t *n)
{
    const ma304h4_profiles_t *pr = &((const ma304h4_profile_binding_t *)ctx)->app->profiles;
    *n = (uint8_t)(2u + pr->load.n);
    return pr->load_cols;
}

static uint32_t load_period_now(void *ctx)
{
    return ((const ma304h4_profile_binding_t *)ctx)->app->profiles.load.period_s;
}

static bool same_capture(const msdk_cosem_capture_def_t *x, const msdk_cosem_capture_def_t *y)
{
    return (x->class_id == y->class_id) && (memcmp(x->ln, y->ln, 6u) == 0) &&
           (x->attr == y->attr) && (x->data_index == y->data_index);
}

/* Mounts the load profile again with the selection in RAM (its period). */
static void load_mount(ma304h4_profiles_t *pr)
{
    msdk_evlog_profile_config_t cfg = pr->p[MA304H4_PROFILE_LOAD].cfg;
    cfg.period_s = pr->load.period_s;
    pr->ok[MA304H4_PROFILE_LOAD] =
        msdk_evlog_profile_remount(&pr->p[MA304H4_PROFILE_LOAD], &cfg) == MSDK_OK;
}

/* A new selection, in this order (power-cut safe): the load profile cleared, the selection
 * saved, the profile mounted again with its period. A cut or an error between the steps
 * leaves an empty profile with the old or the new selection, never rows of one selection
 * read as another's. */
static uint8_t load_change(ma304h4_profile_binding_t *b, const ma304h4_load_sel_t *sel)
{
    ma304h4_profiles_t *pr = &b->app->profiles;
    if (!pr->ok[MA304H4_PROFILE_LOAD] || !pr->load_stored) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* nowhere to keep it */
    }
    if (!reset_allowed(pr, MA304H4_PROFILE_LOAD)) {
        return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE; /* it clears: the reset budget */
    }
    b->cached = false;
    if (msdk_evlog_profile_clear(&pr->p[MA304H4_PROFILE_LOAD]) != MSDK_OK) {
        /* The log is consistent on the flash (old, a suffix of it, or empty): mount again. */
        load_mount(pr);
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    ma304h4_events_record(&b->app->events, MSDK_EVK_LOAD_PROFILE_CLEARED, 0u, 0);
    uint8_t p[SEL_BYTES];
    sel_encode(sel, p);
    uint8_t dar = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    if (msdk_evlog_snap_save(&pr->load_store, p) == MSDK_OK) {
        pr->load = *sel;
    } else {
        /* The store holds the old copy or the new one (written before the error): take
         * what it holds, as the next start would. The profile is empty: either is right. */
        dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
        uint16_t version = 0u;
        ma304h4_load_sel_t stored;
        msdk_err_t err = msdk_evlog_snap_open(&pr->load_store, &pr->load_store_cfg, p, &version);
        pr->load_stored = (err == MSDK_OK) || (err == MSDK_ERR_NOT_FOUND);
        if ((err == MSDK_OK) && (version == SEL_FORMAT) && sel_decode(p, &stored)) {
            pr->load = stored;
        } else if (err == MSDK_ERR_NOT_FOUND) {
            load_default(&pr->load);
        } else {
            /* Unreadable: the selection in RAM stays until the next start. */
        }
    }
    load_columns(pr);
    load_mount(pr);
    if (!pr->ok[MA304H4_PROFILE_LOAD]) {
        dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        ma304h4_events_record(&b->app->events, MSDK_EVK_PARAMETERS_CHANGED, 0u, 0);
    }
    return dar;
}

/* capture_objects: the clock, the AMR status, then 1..4 distinct Register objects of the
 * meter (attribute 2, data index 0). The same selection again changes nothing. */
static uint8_t load_set_columns(void *ctx, const msdk_cosem_capture_def_t *cols, uint8_t n)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    const ma304h4_profiles_t *pr = &b->app->profiles;
    if ((n < 3u) || (n > (2u + MA304H4_LOAD_CHANNELS)) ||
        !same_capture(&cols[0], &pr->load_cols[0]) || !same_capture(&cols[1], &pr->load_cols[1])) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    ma304h4_load_sel_t sel = pr->load;
    sel.n = (uint8_t)(n - 2u);
    memset(sel.reading, 0, sizeof sel.reading);
    for (uint8_t i = 0; i < sel.n; i++) {
        const msdk_cosem_capture_def_t *c = &cols[2u + i];
        reading_t which = R_A_IMPORT;
        if ((c->class_id != 3u) || (c->attr != 2) || (c->data_index != 0u) ||
            !ma304h4_dlms_register_find(c->ln, &which)) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* not a register of the meter */
        }
        for (uint8_t k = 0; k < i; k++) {
            if (sel.reading[k] == (uint8_t)which) {
                return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* twice */
            }
        }
        sel.reading[i] = (uint8_t)which;
    }
    if ((sel.n == pr->load.n) && (memcmp(sel.reading, pr->load.reading, sel.n) == 0)) {
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    return load_change(b, &sel);
}

/* capture_period: 5, 10, 15, 30 or 60 minutes. The same period again changes nothing. */
static uint8_t load_set_period(void *ctx, uint32_t period_s)
{
    ma304h4_profile_binding_t *b = (ma304h4_profile_binding_t *)ctx;
    const ma304h4_profiles_t *pr = &b->app->profiles;
    if (!load_period_ok(period_s)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (period_s == pr->load.period_s) {
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    ma304h4_load_sel_t sel = pr->load;
    sel.period_s = period_s;
    return load_change(b, &sel);
}

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
#define COL_TARIFF(c, t)                                                                           \
    {                                                                                              \
        3u, { 1, 0, (c), 8, (t), 255 }, 2, 0u                                                      \
    }
#define COL_MAX(c, attr)                                                                           \
    {                                                                                              \
        4u, { 1, 0, (c), 6, 0, 101 }, (attr), 0u                                                   \
    }
static const msdk_cosem_capture_def_t monthly_columns[2u + MONTHLY_CHANNELS] = {
    COL_CLOCK,        COL_STATUS,       COL_REG(1, 8),    COL_REG(2, 8),    COL_REG(3, 8),
    COL_REG(4, 8),    COL_TARIFF(1, 1), COL_TARIFF(1, 2), COL_TARIFF(1, 3), COL_TARIFF(1, 4),
    COL_TARIFF(2, 1), COL_TARIFF(2, 2), COL_TARIFF(2, 3), COL_TARIFF(2, 4), COL_MAX(1, 2),
    COL_MAX(1, 5),    COL_MAX(2, 2),    COL_MAX(2, 5),
};
#define COL_MBUS(ch, attr)                                                                         \
    {                                                                                              \
        4u, { 0, (ch), 24, 2, 1, 255 }, (attr), 0u                                                 \
    }
static const msdk_cosem_capture_def_t daily_columns[2u + DAILY_COLUMNS] = {
    COL_CLOCK,        COL_STATUS,       COL_REG(1, 8),    COL_REG(2, 8),    COL_REG(3, 8),
    COL_REG(4, 8),    COL_TARIFF(1, 1), COL_TARIFF(1, 2), COL_TARIFF(1, 3), COL_TARIFF(1, 4),
    COL_TARIFF(2, 1), COL_TARIFF(2, 2), COL_TARIFF(2, 3), COL_TARIFF(2, 4), COL_MBUS(1, 2),
    COL_MBUS(1, 5),   COL_MBUS(2, 2),   COL_MBUS(2, 5),   COL_MBUS(3, 2),   COL_MBUS(3, 5),
    COL_MBUS(4, 2),   COL_MBUS(4, 5),
};
static const msdk_cosem_capture_def_t mbus_columns[MA304H4_MBUS_CHANNELS][2u + MBUS_COLUMNS] = {
    { COL_CLOCK, COL_STATUS, COL_MBUS(1, 2), COL_MBUS(1, 5) },
    { COL_CLOCK, COL_STATUS, COL_MBUS(2, 2), COL_MBUS(2, 5) },
    { COL_CLOCK, COL_STATUS, COL_MBUS(3, 2), COL_MBUS(3, 5) },
    { COL_CLOCK, COL_STATUS, COL_MBUS(4, 2), COL_MBUS(4, 5) },
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
#define PROFILE_DEF(cols, n, period, entries)                                                      \
    .columns = (cols), .column_count = (n), .time_column = 0, .capture_period_s = (period),        \
    .max_entries = (entries), .rows = &rows, .reset = rows_reset, .capture = rows_capture
static const msdk_cosem_profile_def_t defs[MA304H4_PROFILES] = {
    /* The load profile's columns and period are its selection's (the constant ones are the
     * default). */
    [MA304H4_PROFILE_LOAD] = { PROFILE_DEF(energy_columns, 6u, 900u,
                                           79u * (MA304H4_LOAD_SECTORS - 1u)),
                               .columns_now = load_columns_now, .period_now = load_period_now,
                               .set_columns = load_set_columns, .set_period = load_set_period },
    [MA304H4_PROFILE_QUALITY] = { PROFILE_DEF(quality_columns, 2u + MA304H4_QUALITY_VALUES, 600u,
                                              32u * (MA304H4_QUALITY_SECTORS - 1u)) },
    [MA304H4_PROFILE_DAILY] = { PROFILE_DEF(daily_columns, 2u + DAILY_COLUMNS, 0u,
                                            16u * (MA304H4_DAILY_SECTORS - 1u)) },
    [MA304H4_PROFILE_MONTHLY] = { PROFILE_DEF(monthly_columns, 2u + MONTHLY_CHANNELS, 0u,
                                              16u * (MA304H4_MONTHLY_SECTORS - 1u)) },
    /* The M-Bus hourly profiles: a row after the first readout of each hour (mbus.h). */
    [4] = { PROFILE_DEF(mbus_columns[0], 2u + MBUS_COLUMNS, 3600u,
                        95u * (MA304H4_MBUS_PROFILE_SECTORS - 1u)) },
    [5] = { PROFILE_DEF(mbus_columns[1], 2u + MBUS_COLUMNS, 3600u,
                        95u * (MA304H4_MBUS_PROFILE_SECTORS - 1u)) },
    [6] = { PROFILE_DEF(mbus_columns[2], 2u + MBUS_COLUMNS, 3600u,
                        95u * (MA304H4_MBUS_PROFILE_SECTORS - 1u)) },
    [7] = { PROFILE_DEF(mbus_columns[3], 2u + MBUS_COLUMNS, 3600u,
                        95u * (MA304H4_MBUS_PROFILE_SECTORS - 1u)) },
};

const msdk_cosem_profile_def_t *ma304h4_profiles_def(ma304h4_profile_id_t which)
{
    return &defs[which];
}
