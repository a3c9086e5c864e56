/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "tou.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "msdk/core/byteorder.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/board.h"
#include "msdk/eventlog/profile.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"

/* Record versions (nvrec) and snapshot stores. */
#define REC_VERSION 2u
#define REGS_ID     0x5452u /* "TR" */
#define BILL_ID     0x4249u /* "BI" */
#define SNAP_FORMAT 1u
/* Tariff registers and their base, 48 bits each (2.8e14 mWh: 400 years at 69 kW). */
#define REG_SIZE    6u
#define REGS_BYTES                                                                                 \
    (REG_SIZE * ((MA304H4_TOU_QUANTITIES * MA304H4_TARIFFS) + MA304H4_TOU_QUANTITIES))
#define REG_MAX      ((UINT64_C(1) << 48) - 1u)
#define MAX_ID       0x4D44u /* "MD" */
#define MAX_BYTES    (8u * ((2u * MSDK_TOU_DEMAND_CHANNELS_MAX) + 1u))
/* The billing state: the end of billing schedule's state, the counter, the last billing time,
 * the last period's maximum, then the daily schedule's state. */
#define BILL_SCHED2  (8u + 1u + 4u + 8u + MAX_BYTES)
#define BILL_BYTES   (BILL_SCHED2 + 8u + 1u)
#define BILL_FORMAT  2u
/* The current maximum, compact (4 x 8 bytes a save): its billing period (the counter), then
 * per channel the value (mW, u32, clamped) and its time (u32 UTC s, all ones: none), then the
 * period's start (u32). */
#define MAXC_BYTES   (4u + (8u * MSDK_TOU_DEMAND_CHANNELS_MAX) + 4u)
/* Sectors of the tariff registers, billing state and current maximum stores. */
#define REGS_SECTORS 12u
#define BILL_SECTORS 2u
#define MAXC_SECTORS 4u
#if (REGS_SECTORS + BILL_SECTORS + MAXC_SECTORS) != MA304H4_TOU_STATE_SECTORS
#error "the state stores do not fill MA304H4_TOU_STATE_SECTORS"
#endif
/* Clock engine: shifts step, at most 900 s of synchronisation a day, a battery backs the RTC,
 * the drift is learnt from synchronisations at least a day apart. */
#define MAX_SHIFT_PER_DAY_S 900u
#define TRIM_LEARN_S        86400u
/* A late execution of the schedule: more than a minute after it was due. */
#define LATE_AFTER_S        60u

/* Results that need no action: the defaults (always valid), a best-effort step. */
static void no_action(msdk_err_t err)
{
    (void)err;
}

/* ---- Byte writer and reader (little-endian, bounds-checked) --------------------------- */

typedef struct wr {
    uint8_t *p;
    size_t cap, n;
    bool ok;
} wr_t;

typedef struct rd {
    const uint8_t *p;
    size_t len, n;
    bool ok;
} rd_t;

static void w_bytes(wr_t *w, const void *src, size_t n)
{
    if (!w->ok || (n > (w->cap - w->n))) {
        w->ok = false;
        return;
    }
    memcpy(&w->p[w->n], src, n);
    w->n += n;
}

static void w_u(wr_t *w, uint64_t v, unsigned bytes)
{
    uint8_t b[8];
    for (unsigned i = 0; i < bytes; i++) {
        b[i] = (uint8_t)(v >> (8u * i));
    }
    w_bytes(w, b, bytes);
}

static void w_dt(wr_t *w, const msdk_datetime_t *dt)
{
    uint8_t b[12];
    if (msdk_datetime_encode(dt, b, sizeof b) != MSDK_OK) {
        w->ok = false;
        return;
    }
    w_bytes(w, b, sizeof b);
}

static void w_name(wr_t *w, const msdk_tou_name_t *nm)
{
    w_u(w, nm->len, 1u);
    w_bytes(w, nm->b, (nm->len <= MSDK_TOU_CAL_NAME_MAX) ? nm->len : 0u);
}

static const uint8_t *r_bytes(rd_t *r, size_t n)
{
    if (!r->ok || (n > (r->len - r->n))) {
        r->ok = false;
        return NULL;
    }
    const uint8_t *p = &r->p[r->n];
    r->n += n;
    return p;
}

static uint64_t r_u(rd_t *r, unsigned bytes)
{
    const uint8_t *p = r_bytes(r, bytes);
    uint64_t v = 0u;
    for (unsigned i = 0; (p != NULL) && (i < bytes); i++) {
        v |= (uint64_t)p[i] << (8u * i);
    }
    return v;
}

static void r_dt(rd_t *r, msdk_datetime_t *dt)
{
    const uint8_t *p = r_bytes(r, 12u);
    if ((p == NULL) || (msdk_datetime_decode(p, 12u, dt) != MSDK_OK)) {
        r->ok = false;
    }
}

static void r_name(rd_t *r, msdk_tou_name_t *nm)
{
    memset(nm, 0, sizeof *nm);
    nm->len = (uint8_t)r_u(r, 1u);
    if (nm->len > MSDK_TOU_CAL_NAME_MAX) {
        r->ok = false;
        return;
    }
    const uint8_t *p = r_bytes(r, nm->len);
    if (p != NULL) {
        memcpy(nm->b, p, nm->len);
    }
}

/* ---- Calendar records ----------------------------------------------------------------- */

static void w_calendar(wr_t *w, const msdk_tou_calendar_t *c)
{
    w_name(w, &c->name);
    w_u(w, c->season_count, 1u);
    for (unsigned i = 0; (i < c->season_count) && (i < MSDK_TOU_CAL_SEASONS_MAX); i++) {
        w_name(w, &c->seasons[i].name);
        w_dt(w, &c->seasons[i].start);
        w_name(w, &c->seasons[i].week);
    }
    w_u(w, c->week_count, 1u);
    for (unsigned i = 0; (i < c->week_count) && (i < MSDK_TOU_CAL_WEEKS_MAX); i++) {
        w_name(w, &c->weeks[i].name);
        w_bytes(w, c->weeks[i].day_id, 7u);
    }
    w_u(w, c->day_count, 1u);
    for (unsigned i = 0; (i < c->day_count) && (i < MSDK_TOU_CAL_DAYS_MAX); i++) {
        const msdk_tou_day_t *d = &c->days[i];
        w_u(w, d->day_id, 1u);
        w_u(w, d->count, 1u);
        for (unsigned k = 0; (k < d->count) && (k < MSDK_TOU_CAL_SWITCHES_MAX); k++) {
            const uint8_t hms[3] = { d->sw[k].hour, d->sw[k].minute, d->sw[k].second };
            w_bytes(w, hms, 3u);
            w_bytes(w, d->sw[k].script_ln, 6u);
            w_u(w, d->sw[k].tariff, 2u);
        }
    }
}

/* Reads a calendar; the caller validates it. */
static void r_calendar(rd_t *r, msdk_tou_calendar_t *c)
{
    memset(c, 0, sizeof *c);
    r_name(r, &c->name);
    c->season_count = (uint8_t)r_u(r, 1u);
    if (c->season_count > MSDK_TOU_CAL_SEASONS_MAX) {
        r->ok = false;
        return;
    }
    for (unsigned i = 0; i < c->season_count; i++) {
        r_name(r, &c->seasons[i].name);
        r_dt(r, &c->seasons[i].start);
        r_name(r, &c->seasons[i].week);
    }
    c->week_count = (uint8_t)r_u(r, 1u);
    if (c->week_count > MSDK_TOU_CAL_WEEKS_MAX) {
        r->ok = false;
        return;
    }
    for (unsigned i = 0; i < c->week_count; i++) {
        r_name(r, &c->weeks[i].name);
        const uint8_t *p = r_bytes(r, 7u);
        if (p != NULL) {
            memcpy(c->weeks[i].day_id, p, 7u);
        }
    }
    c->day_count = (uint8_t)r_u(r, 1u);
    if (c->day_count > MSDK_TOU_CAL_DAYS_MAX) {
        r->ok = false;
        return;
    }
    for (unsigned i = 0; (i < c->day_count) && r->ok; i++) {
        msdk_tou_day_t *d = &c->days[i];
        d->day_id = (uint8_t)r_u(r, 1u);
        d->count = (uint8_t)r_u(r, 1u);
        if (d->count > MSDK_TOU_CAL_SWITCHES_MAX) {
            r->ok = false;
            return;
        }
        for (unsigned k = 0; k < d->count; k++) {
            const uint8_t *p = r_bytes(r, 9u);
            if (p == NULL) {
                return;
            }
            d->sw[k].hour = p[0];
            d->sw[k].minute = p[1];
            d->sw[k].second = p[2];
            memcpy(d->sw[k].script_ln, &p[3], 6u);
            d->sw[k].tariff = (uint16_t)r_u(r, 2u);
        }
    }
}

/* ---- Zone record: zone, trim, billing schedule, demand, special days ------------------ */

static void w_zone(wr_t *w, const ma304h4_tou_t *t)
{
    const msdk_tou_tz_config_t *z = &t->tz.cfg;
    w_u(w, (uint16_t)z->deviation, 2u);
    w_u(w, (uint8_t)z->sign, 1u);
    w_u(w, z->dst_enabled ? 1u : 0u, 1u);
    w_u(w, (uint16_t)z->dst_deviation, 2u);
    w_dt(w, &z->dst_rule.begin);
    w_dt(w, &z->dst_rule.end);
    w_u(w, (uint32_t)msdk_tou_clock_trim(&t->clk), 4u);
    for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
        const msdk_tou_sched_config_t *s = &t->sched[k].cfg;
        w_bytes(w, s->script_ln, 6u);
        w_u(w, s->script_id, 2u);
        w_u(w, (uint8_t)s->type, 1u);
        w_u(w, s->count, 1u);
        for (unsigned i = 0; (i < s->count) && (i < MSDK_TOU_SCHED_TIMES_MAX); i++) {
            w_dt(w, &s->times[i].time);
            w_dt(w, &s->times[i].date);
        }
    }
    w_u(w, t->demand.cfg.period, 4u);
    w_u(w, t->demand.cfg.number_of_periods, 2u);
    w_u(w, t->cal.special_count, 2u);
    for (unsigned i = 0; (i < t->cal.special_count) && (i < MSDK_TOU_SPECIAL_DAYS_MAX); i++) {
        w_u(w, t->cal.special[i].index, 2u);
        w_dt(w, &t->cal.special[i].date);
        w_u(w, t->cal.special[i].day_id, 1u);
    }
}

static void w_passive(wr_t *w, const ma304h4_tou_t *t)
{
    w_calendar(w, &t->staged);
    w_dt(w, &t->cal.activate_at);
    w_u(w, t->cal.activation_pending ? 1u : 0u, 1u);
}

/* Serialises record `which` of the current state into t->buf. */
static size_t serialise(ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    wr_t w = { t->buf, sizeof t->buf, 0u, true };
    switch (which) {
    case MA304H4_TOU_REC_ZONE: w_zone(&w, t); break;
    case MA304H4_TOU_REC_ACTIVE: w_calendar(&w, &t->cal.active); break;
    default: w_passive(&w, t); break;
    }
    return w.ok ? w.n : 0u;
}

/* ---- Defaults ------------------------------------------------------------------------- */

static const uint8_t billing_script_ln[6] = { 0, 0, 10, 0, 1, 255 };

static void default_zone(msdk_tou_tz_config_t *z)
{
    memset(z, 0, sizeof *z);
    z->deviation = -60; /* CET */
    z->sign = MSDK_TOU_DEVIATION_DLMS;
    z->dst_enabled = true;
    z->dst_deviation = 60;
    z->dst_rule = msdk_tou_dst_rule_eu;
}

/* End of billing: midnight (local) at the start of day 1 of every month (script 1); the daily
 * one at every midnight (script 2). */
static void default_schedule(msdk_tou_sched_config_t *s, ma304h4_sched_id_t which)
{
    memset(s, 0, sizeof *s);
    memcpy(s->script_ln, billing_script_ln, 6u);
    s->script_id = (uint16_t)((unsigned)which + 1u);
    s->type = MSDK_TOU_SCHED_ONE;
    s->count = 1u;
    s->late_after_s = LATE_AFTER_S;
    msdk_datetime_t *tm = &s->times[0].time;
    msdk_datetime_t *dt = &s->times[0].date;
    memset(tm, 0xFF, sizeof *tm);
    memset(dt, 0xFF, sizeof *dt);
    tm->hour = 0u;
    tm->minute = 0u;
    tm->second = 0u;
    tm->hundredths = 0u;
    tm->year = MSDK_DATETIME_YEAR_UNSPECIFIED;
    tm->deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
    tm->status = MSDK_DATETIME_UNSPECIFIED;
    dt->year = MSDK_DATETIME_YEAR_UNSPECIFIED;
    dt->day = (which == MA304H4_SCHED_BILLING) ? 1u : MSDK_DATETIME_UNSPECIFIED;
    dt->deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
}

/* A number of seconds from the board settings, or `def` (said on the log when malformed). */
static uint32_t setting_s(const char *key, uint32_t def)
{
    const char *v = msdk_port_board_config(key);
    if (v == NULL) {
        return def;
    }
    char *end = NULL;
    unsigned long x = strtoul(v, &end, 10);
    if ((end == v) || (*end != '\0') || (x > 31536000ul)) {
        msdk_port_board_log("tou: a clock backup setting wants 0..31536000 s; default kept");
        return def;
    }
    return (uint32_t)x;
}

/* The RTC's backup supply, from the board settings: `rtc.backup` = battery (default),
 * supercap (with `rtc.backup-s`, default 7 days, and `rtc.doubtful-s`, default 0: never) or
 * none. */
static void clock_backup(msdk_tou_clock_config_t *cc)
{
    const char *v = msdk_port_board_config("rtc.backup");
    cc->backup = MSDK_TOU_CLOCK_BACKUP_BATTERY;
    if ((v == NULL) || (strcmp(v, "battery") == 0)) {
        return;
    }
    if (strcmp(v, "none") == 0) {
        cc->backup = MSDK_TOU_CLOCK_BACKUP_NONE;
    } else if (strcmp(v, "supercap") == 0) {
        cc->backup = MSDK_TOU_CLOCK_BACKUP_SUPERCAP;
        cc->backup_s = setting_s("rtc.backup-s", 7u * 86400u);
        cc->doubtful_s = setting_s("rtc.doubtful-s", 0u);
        if ((cc->backup_s == 0u) || (cc->doubtful_s >= cc->backup_s)) {
            msdk_port_board_log("tou: rtc.backup-s must be > 0 and > rtc.doubtful-s: 7 days");
            cc->backup_s = 7u * 86400u;
            cc->doubtful_s = 0u;
        }
    } else {
        msdk_port_board_log("tou: rtc.backup wants battery, supercap or none: battery");
    }
}

static msdk_err_t clock_setup(ma304h4_tou_t *t, int32_t trim_ppb)
{
    msdk_tou_clock_config_t cc;
    memset(&cc, 0, sizeof cc);
    cc.max_shift_per_day_s = MAX_SHIFT_PER_DAY_S;
    clock_backup(&cc);
    cc.trim_ppb = trim_ppb;
    cc.trim_learn_s = TRIM_LEARN_S;
    return msdk_tou_clock_init(&t->clk, &cc);
}

/* ---- Loading ---------------------------------------------------------------------------- */

/* Applies a zone record; false (and nothing changed that matters: the caller keeps the
 * defaults) when it does not decode or validate. */
static bool load_zone(ma304h4_tou_t *t, const uint8_t *p, size_t len)
{
    rd_t r = { p, len, 0u, true };
    msdk_tou_tz_config_t z;
    memset(&z, 0, sizeof z);
    z.deviation = (int16_t)(uint16_t)r_u(&r, 2u);
    z.sign = (msdk_tou_deviation_sign_t)r_u(&r, 1u);
    z.dst_enabled = r_u(&r, 1u) != 0u;
    z.dst_deviation = (int16_t)(uint16_t)r_u(&r, 2u);
    r_dt(&r, &z.dst_rule.begin);
    r_dt(&r, &z.dst_rule.end);
    const int32_t trim = (int32_t)(uint32_t)r_u(&r, 4u);
    msdk_tou_sched_config_t *sc = t->sched_scratch;
    bool sched_ok = true;
    for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
        msdk_tou_sched_config_t *s = &sc[k];
        memset(s, 0, sizeof *s);
        const uint8_t *ln = r_bytes(&r, 6u);
        if (ln != NULL) {
            memcpy(s->script_ln, ln, 6u);
        }
        s->script_id = (uint16_t)r_u(&r, 2u);
        s->type = (msdk_tou_sched_type_t)r_u(&r, 1u);
        s->count = (uint8_t)r_u(&r, 1u);
        if (s->count > MSDK_TOU_SCHED_TIMES_MAX) {
            return false;
        }
        for (unsigned i = 0; i < s->count; i++) {
            r_dt(&r, &s->times[i].time);
            r_dt(&r, &s->times[i].date);
        }
        s->late_after_s = LATE_AFTER_S;
        sched_ok = sched_ok && r.ok && (msdk_tou_sched_config_validate(s) == MSDK_OK) &&
                   (memcmp(s->script_ln, billing_script_ln, 6u) == 0) &&
                   (s->script_id == (uint16_t)(k + 1u));
    }
    msdk_tou_demand_config_t dc = { (uint32_t)r_u(&r, 4u), (uint16_t)r_u(&r, 2u),
                                    MSDK_TOU_DEMAND_CHANNELS_MAX };
    const uint16_t n = (uint16_t)r_u(&r, 2u);
    if (!r.ok || (n > MSDK_TOU_SPECIAL_DAYS_MAX)) {
        return false;
    }
    msdk_tou_special_day_t *sd = t->sd_scratch;
    for (unsigned i = 0; i < n; i++) {
        sd[i].index = (uint16_t)r_u(&r, 2u);
        r_dt(&r, &sd[i].date);
        sd[i].day_id = (uint8_t)r_u(&r, 1u);
    }
    msdk_tou_tz_t tz;
    if (!r.ok || (r.n != len) || (msdk_tou_tz_init(&tz, &z) != MSDK_OK) || !sched_ok ||
        (msdk_tou_demand_config_check(&dc) != MSDK_OK) || (trim < -MSDK_TOU_CLOCK_TRIM_PPB_MAX) ||
        (trim > MSDK_TOU_CLOCK_TRIM_PPB_MAX) ||
        (msdk_tou_special_days_set(&t->cal, sd, n) != MSDK_OK)) {
        return false;
    }
    for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
        no_action(msdk_tou_sched_set_config(&t->sched[k], &sc[k])); /* validated above */
    }
    t->tz = tz;
    if (!t->demand_ok) {
        t->demand.cfg = dc; /* the engine starts with it (ma304h4_tou_poll()) */
    }
    t->stored_trim = trim; /* the clock is set up with it at start, not at a reload */
    return true;
}

static bool load_active(ma304h4_tou_t *t, const uint8_t *p, size_t len)
{
    rd_t r = { p, len, 0u, true };
    r_calendar(&r, &t->staged); /* scratch: the staged calendar is loaded after this */
    const bool ok =
        r.ok && (r.n == len) && (msdk_tou_calendar_validate(&t->staged, true) == MSDK_OK);
    if (ok) {
        t->cal.active = t->staged;
    }
    memset(&t->staged, 0, sizeof t->staged);
    return ok;
}

static bool load_passive(ma304h4_tou_t *t, const uint8_t *p, size_t len)
{
    rd_t r = { p, len, 0u, true };
    r_calendar(&r, &t->staged);
    msdk_datetime_t at;
    r_dt(&r, &at);
    const bool pending = r_u(&r, 1u) != 0u;
    if (!r.ok || (r.n != len) || (msdk_tou_calendar_validate(&t->staged, false) != MSDK_OK)) {
        memset(&t->staged, 0, sizeof t->staged);
        return false;
    }
    /* Only a complete calendar is the passive one, and only it may have an activation time
     * pending (ma304h4_tou_set_passive_part() cancels it otherwise). */
    const bool complete = msdk_tou_calendar_validate(&t->staged, true) == MSDK_OK;
    if (complete) {
        t->cal.passive = t->staged;
    }
    if (pending && complete && (msdk_tou_cal_set_activation(&t->cal, &at) != MSDK_OK)) {
        return false;
    }
    if (!pending || !complete) {
        t->cal.activate_at = at;
    }
    return true;
}

/* A register value in 48 bits (clamped: 400 years at 69 kW). */
static void put_u48(uint8_t *p, uint64_t v)
{
    msdk_store_u48le(p, (v > REG_MAX) ? REG_MAX : v);
}

static void put_max(uint8_t *p, const msdk_tou_demand_max_t *m)
{
    for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
        msdk_store_u64le(&p[16u * c], (uint64_t)m->value[c]);
        msdk_store_u64le(&p[(16u * c) + 8u], (uint64_t)m->time[c]);
    }
    msdk_store_u64le(&p[16u * MSDK_TOU_DEMAND_CHANNELS_MAX], (uint64_t)m->since);
}

static void get_max(const uint8_t *p, msdk_tou_demand_max_t *m)
{
    for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
        m->value[c] = (int64_t)msdk_load_u64le(&p[16u * c]);
        m->time[c] = (int64_t)msdk_load_u64le(&p[(16u * c) + 8u]);
    }
    m->since = (int64_t)msdk_load_u64le(&p[16u * MSDK_TOU_DEMAND_CHANNELS_MAX]);
}

static void no_max(msdk_tou_demand_max_t *m)
{
    for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
        m->value[c] = 0;
        m->time[c] = MSDK_TOU_DEMAND_NO_TIME;
    }
    m->since = MSDK_TOU_DEMAND_NO_TIME;
}

/* ---- Saving ----------------------------------------------------------------------------- */

/* Save budget of a record (one sector erase a save): MA304H4_TOU_CONFIG_SAVES_BURST at once
 * (a whole calendar), then one per MA304H4_TOU_CONFIG_SAVE_INTERVAL_MS of uptime (a clock set
 * cannot refill it). */
static bool budget_left(const ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    return ma304h4_budget_ready(&t->budget[which], MA304H4_TOU_CONFIG_SAVES_BURST,
                                MA304H4_TOU_CONFIG_SAVE_INTERVAL_MS);
}

static msdk_err_t save_record(ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    if (!t->rec_ok[which]) {
        return MSDK_OK; /* no NVM: RAM only (said at start) */
    }
    const size_t n = serialise(t, which);
    if (n == 0u) {
        return MSDK_ERR_IO;
    }
    ma304h4_budget_charge(&t->budget[which], MA304H4_TOU_CONFIG_SAVE_INTERVAL_MS);
    return ma304h4_nvrec_save(&t->rec[which], t->buf, n);
}

/* After a failed save: the state of record `which` from its newest stored copy. */
static void reload_defaults(ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    if (which == MA304H4_TOU_REC_ZONE) {
        msdk_tou_tz_config_t z;
        default_zone(&z);
        no_action(msdk_tou_tz_init(&t->tz, &z));
        for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
            default_schedule(&t->sched_scratch[0], (ma304h4_sched_id_t)k);
            no_action(msdk_tou_sched_set_config(&t->sched[k], &t->sched_scratch[0]));
        }
        no_action(msdk_tou_special_days_set(&t->cal, t->sd_scratch, 0u));
    } else if (which == MA304H4_TOU_REC_ACTIVE) {
        memset(&t->cal.active, 0, sizeof t->cal.active);
    } else {
        memset(&t->staged, 0, sizeof t->staged);
        memset(&t->cal.passive, 0, sizeof t->cal.passive);
        t->cal.activation_pending = false;
    }
    t->tariff_known = false;
}

static void reload(ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    size_t len = 0u;
    if ((ma304h4_nvrec_open(&t->rec[which], t->rec[which].nvm, t->rec[which].base,
                            t->rec[which].sectors, REC_VERSION, t->buf, sizeof t->buf,
                            &len) != MSDK_OK) ||
        (len == 0u)) {
        reload_defaults(t, which); /* nothing stored yet: what the meter starts with */
        return;
    }
    if (which == MA304H4_TOU_REC_ZONE) {
        (void)load_zone(t, t->buf, len);
    } else if (which == MA304H4_TOU_REC_ACTIVE) {
        (void)load_active(t, t->buf, len);
    } else {
        (void)load_passive(t, t->buf, len);
    }
}

/* Stores record `which` after a change applied in RAM; on a failure the RAM state goes back
 * to the stored one. */
static msdk_err_t commit(ma304h4_tou_t *t, ma304h4_tou_record_t which)
{
    msdk_err_t err = save_record(t, which);
    if (err != MSDK_OK) {
        msdk_port_board_log("tou: the configuration could not be stored");
        reload(t, which);
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

/* A time as u32 UTC seconds (all ones: none, or out of the u32 range). */
static uint32_t time32(int64_t t)
{
    return ((t < 0) || (t >= (int64_t)UINT32_MAX)) ? UINT32_MAX : (uint32_t)t;
}

static int64_t time64(uint32_t t)
{
    return (t == UINT32_MAX) ? MSDK_TOU_DEMAND_NO_TIME : (int64_t)t;
}

/* The maximum of the billing period in progress (before the demand starts: the one restored
 * at start). */
static const msdk_tou_demand_max_t *current_max(const ma304h4_tou_t *t)
{
    const msdk_tou_demand_max_t *m = t->demand_ok ? msdk_tou_demand_max(&t->demand) : NULL;
    return (m != NULL) ? m : &t->demand.max;
}

/* Saves the current maximum (when it changes, and at a billing reset). */
static void save_max(ma304h4_tou_t *t)
{
    if (!t->snaps_ok) {
        return;
    }
    const msdk_tou_demand_max_t *m = current_max(t);
    uint8_t b[MAXC_BYTES];
    msdk_store_u32le(b, t->billing_count);
    for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
        const int64_t v = m->value[c];
        msdk_store_u32le(&b[4u + (8u * c)],
                         (v < 0) ? 0u : ((v > (int64_t)UINT32_MAX) ? UINT32_MAX : (uint32_t)v));
        msdk_store_u32le(&b[8u + (8u * c)], time32(m->time[c]));
    }
    msdk_store_u32le(&b[4u + (8u * MSDK_TOU_DEMAND_CHANNELS_MAX)], time32(m->since));
    if (msdk_evlog_snap_save(&t->max_store, b) != MSDK_OK) {
        msdk_port_board_log("tou: the maximum demand could not be stored");
    }
}

/* Saves the billing state: the schedule, the counter, the last billing time, the maximum of
 * the last closed period. The current maximum's copy names its period by the counter, so a
 * cut between the two saves of a billing reset never carries a closed period's maximum into
 * the new one. */
static void save_bill(ma304h4_tou_t *t)
{
    if (!t->snaps_ok) {
        return;
    }
    uint8_t b[BILL_BYTES];
    const msdk_tou_sched_state_t *bs = &t->sched[MA304H4_SCHED_BILLING].state;
    const msdk_tou_sched_state_t *ds = &t->sched[MA304H4_SCHED_DAILY].state;
    msdk_store_u64le(b, (uint64_t)bs->last_local);
    b[8] = bs->armed ? 1u : 0u;
    msdk_store_u32le(&b[9], t->billing_count);
    msdk_store_u64le(&b[13], (uint64_t)t->billing_utc);
    put_max(&b[21], &t->last_max);
    msdk_store_u64le(&b[BILL_SCHED2], (uint64_t)ds->last_local);
    b[BILL_SCHED2 + 8u] = ds->armed ? 1u : 0u;
    if (msdk_evlog_snap_save(&t->bill_store, b) != MSDK_OK) {
        msdk_port_board_log("tou: the billing state could not be stored");
    }
}

void ma304h4_tou_save_registers(ma304h4_tou_t *t, bool program_only)
{
    if (!t->snaps_ok) {
        return;
    }
    uint8_t b[REGS_BYTES];
    msdk_critical_state_t cs = msdk_port_critical_enter();
    for (unsigned q = 0; q < MA304H4_TOU_QUANTITIES; q++) {
        for (unsigned k = 0; k < MA304H4_TARIFFS; k++) {
            put_u48(&b[REG_SIZE * ((q * MA304H4_TARIFFS) + k)], t->reg[q][k]);
        }
        put_u48(&b[REG_SIZE * ((MA304H4_TOU_QUANTITIES * MA304H4_TARIFFS) + q)], t->base[q]);
    }
    msdk_port_critical_exit(cs);
    msdk_err_t err = program_only ? msdk_evlog_snap_save_now(&t->regs_store, b)
                                  : msdk_evlog_snap_save(&t->regs_store, b);
    if ((err != MSDK_OK) && !program_only) {
        msdk_port_board_log("tou: the tariff registers could not be stored");
    }
}

void ma304h4_tou_energy_saved(ma304h4_tou_t *t)
{
    ma304h4_tou_save_registers(t, false);
}

/* ---- Time ------------------------------------------------------------------------------- */

bool ma304h4_tou_now_ms(int64_t *ms)
{
    msdk_rtc_time_t now;
    if (msdk_port_rtc_read(&now) != MSDK_OK) {
        *ms = 0;
        return false;
    }
    *ms = (now.utc_s * 1000) + (int64_t)now.frac_ms;
    return now.valid;
}

/* UTC seconds of a millisecond time (floor). */
static int64_t sec_of(int64_t ms)
{
    return (ms >= 0) ? (ms / 1000) : -(((-ms) + 999) / 1000);
}

void ma304h4_tou_datetime(const ma304h4_tou_t *t, int64_t utc_s, uint8_t hundredths,
                          msdk_datetime_t *dt)
{
    const uint8_t status = msdk_tou_clock_status(&t->clk);
    if (msdk_tou_tz_to_datetime(&t->tz, utc_s, status, dt) != MSDK_OK) {
        memset(dt, 0xFF, sizeof *dt);
        dt->year = MSDK_DATETIME_YEAR_UNSPECIFIED;
        dt->deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
        dt->status = MSDK_DATETIME_STATUS_INVALID;
        return;
    }
    dt->hundredths = hundredths;
}

uint8_t ma304h4_tou_amr_status(const ma304h4_tou_t *t, int64_t utc_s, bool rtc_valid)
{
    uint8_t st = 0u;
    if (!rtc_valid || ((msdk_tou_clock_status(&t->clk) & MSDK_DATETIME_STATUS_INVALID) != 0u)) {
        st |= (uint8_t)MSDK_EVLOG_AMR_CLOCK_INVALID;
    }
    msdk_tou_local_t loc;
    if ((msdk_tou_tz_local_from_utc(&t->tz, utc_s, &loc) == MSDK_OK) && loc.dst) {
        st |= (uint8_t)MSDK_EVLOG_AMR_DST;
    }
    return st;
}

/* The clock may be used for tariffs, demand and billing. */
static bool clock_good(const ma304h4_tou_t *t, bool rtc_valid)
{
    return rtc_valid && ((msdk_tou_clock_status(&t->clk) & MSDK_DATETIME_STATUS_INVALID) == 0u);
}

static void energies(const msdk_metro_registers_t *reg, int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX])
{
    const msdk_metro_energy_t *tot = reg->e[MSDK_METRO_SET_TOTAL];
    e[MSDK_TOU_DEMAND_IMPORT_ACTIVE] = (int64_t)tot[MSDK_METRO_REG_A_IMP].mwh;
    e[MSDK_TOU_DEMAND_EXPORT_ACTIVE] = (int64_t)tot[MSDK_METRO_REG_A_EXP].mwh;
    e[MSDK_TOU_DEMAND_IMPORT_REACTIVE] =
        (int64_t)(tot[MSDK_METRO_REG_R_Q1].mwh + tot[MSDK_METRO_REG_R_Q2].mwh);
    e[MSDK_TOU_DEMAND_EXPORT_REACTIVE] =
        (int64_t)(tot[MSDK_METRO_REG_R_Q3].mwh + tot[MSDK_METRO_REG_R_Q4].mwh);
}

/* The energies of the last poll (for clock steps between polls). */
static void last_energies(const ma304h4_tou_t *t, int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX])
{
    msdk_critical_state_t cs = msdk_port_critical_enter();
    energies(msdk_metro_registers(&t->app->metro), e);
    msdk_port_critical_exit(cs);
}

msdk_err_t ma304h4_tou_apply(ma304h4_tou_t *t, const msdk_tou_clock_report_t *rep)
{
    ma304h4_events_t *ev = &t->app->events;
    if ((rep->events & MSDK_TOU_CLOCK_EV_STEP) != 0u) {
        const int64_t s = sec_of(rep->new_ms);
        if (msdk_port_rtc_set(s, (uint16_t)(rep->new_ms - (s * 1000))) != MSDK_OK) {
            return MSDK_ERR_IO;
        }
        int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
        last_energies(t, e);
        if (t->demand_ok) {
            no_action(msdk_tou_demand_clock_step(&t->demand, sec_of(rep->old_ms), s, e));
        }
        t->tariff_known = false;
        t->last_utc = -1;
    }
    if ((rep->events & MSDK_TOU_CLOCK_EV_ADJUSTED) != 0u) {
        /* Events 4 and 5: the records carry the old time, then the new one. */
        const int64_t was = sec_of(rep->old_ms);
        const int64_t now = sec_of(rep->new_ms);
        ma304h4_events_record_at(ev, MSDK_EVK_CLOCK_ADJUSTED_OLD, was, was);
        ma304h4_events_record_at(ev, MSDK_EVK_CLOCK_ADJUSTED_NEW, now, now);
        ma304h4_profiles_clock_set(&t->app->profiles);
    }
    if ((rep->events & MSDK_TOU_CLOCK_EV_INVALID) != 0u) {
        ma304h4_events_record(ev, MSDK_EVK_CLOCK_INVALID, 0u, 0);
    }
    if ((rep->events & MSDK_TOU_CLOCK_EV_TRIM) != 0u) {
        if (msdk_port_rtc_trim_set(rep->trim_ppb) != MSDK_OK) {
            msdk_port_board_log("tou: the RTC trim could not be applied");
        }
        /* The learnt trim is kept with the zone (at most once a day: not a client's budget). */
        if (save_record(t, MA304H4_TOU_REC_ZONE) != MSDK_OK) {
            msdk_port_board_log("tou: the RTC trim could not be stored");
        }
    }
    return MSDK_OK;
}

/* ---- Open ------------------------------------------------------------------------------- */

static void set_defaults(ma304h4_tou_t *t)
{
    msdk_tou_tz_config_t z;
    default_zone(&z);
    no_action(msdk_tou_tz_init(&t->tz, &z));
    (void)clock_setup(t, 0);
    no_action(msdk_tou_cal_init(&t->cal, NULL));
    msdk_tou_sched_config_t s;
    for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
        default_schedule(&s, (ma304h4_sched_id_t)k);
        no_action(msdk_tou_sched_init(&t->sched[k], &s));
    }
    t->demand.cfg.period = MA304H4_DEMAND_PERIOD_S;
    t->demand.cfg.number_of_periods = MA304H4_DEMAND_PERIODS;
    t->demand.cfg.channels = MSDK_TOU_DEMAND_CHANNELS_MAX;
}

/* Opens the stores from `at` up; returns false when the NVM is missing or too small. */
static bool open_stores(ma304h4_tou_t *t, uint32_t top, msdk_tou_demand_max_t *cur_max)
{
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return false;
    }
    const uint32_t sec = nvm->geo.sector_size;
    if ((top > nvm->geo.size) || (top < (MA304H4_TOU_SECTORS * sec))) {
        msdk_port_board_log("tou: the data NVM is too small for the time of use");
        return false;
    }
    uint32_t at = top - (MA304H4_TOU_SECTORS * sec);
    static bool (*const load[MA304H4_TOU_RECORDS])(
        ma304h4_tou_t *, const uint8_t *, size_t) = { load_zone, load_active, load_passive };
    for (unsigned i = 0; i < MA304H4_TOU_RECORDS; i++) {
        size_t len = 0u;
        msdk_err_t err =
            ma304h4_nvrec_open(&t->rec[i], nvm, at, 2u, REC_VERSION, t->buf, sizeof t->buf, &len);
        at += 2u * sec;
        t->rec_ok[i] = err == MSDK_OK;
        if (t->rec_ok[i] && (len != 0u) && !load[i](t, t->buf, len)) {
            t->damage++;
            msdk_port_board_log("tou: a stored configuration was damaged: defaults used");
        }
    }
    const msdk_evlog_snap_config_t rc = { nvm, at, REGS_SECTORS, REGS_BYTES, REGS_ID, SNAP_FORMAT };
    at += REGS_SECTORS * sec;
    const msdk_evlog_snap_config_t bc = { nvm, at, BILL_SECTORS, BILL_BYTES, BILL_ID, BILL_FORMAT };
    at += BILL_SECTORS * sec;
    const msdk_evlog_snap_config_t mc = { nvm, at, MAXC_SECTORS, MAXC_BYTES, MAX_ID, SNAP_FORMAT };
    uint8_t rb[REGS_BYTES];
    uint8_t bb[BILL_BYTES];
    uint8_t mb[MAXC_BYTES];
    uint16_t rv = 0u;
    uint16_t bv = 0u;
    uint16_t mv = 0u;
    msdk_err_t rerr = msdk_evlog_snap_open(&t->regs_store, &rc, rb, &rv);
    msdk_err_t berr = msdk_evlog_snap_open(&t->bill_store, &bc, bb, &bv);
    msdk_err_t merr = msdk_evlog_snap_open(&t->max_store, &mc, mb, &mv);
    if (((rerr != MSDK_OK) && (rerr != MSDK_ERR_NOT_FOUND)) ||
        ((berr != MSDK_OK) && (berr != MSDK_ERR_NOT_FOUND)) ||
        ((merr != MSDK_OK) && (merr != MSDK_ERR_NOT_FOUND))) {
        msdk_port_board_log("tou: NVM error: tariff registers and billing state in RAM only");
        return true;
    }
    t->snaps_ok = true;
    t->damage += msdk_evlog_snap_damage(&t->regs_store) + msdk_evlog_snap_damage(&t->bill_store) +
                 msdk_evlog_snap_damage(&t->max_store);
    if ((rerr == MSDK_OK) && (rv == SNAP_FORMAT)) {
        for (unsigned q = 0; q < MA304H4_TOU_QUANTITIES; q++) {
            for (unsigned k = 0; k < MA304H4_TARIFFS; k++) {
                t->reg[q][k] = msdk_load_u48le(&rb[REG_SIZE * ((q * MA304H4_TARIFFS) + k)]);
            }
            t->base[q] =
                msdk_load_u48le(&rb[REG_SIZE * ((MA304H4_TOU_QUANTITIES * MA304H4_TARIFFS) + q)]);
        }
    }
    if ((berr == MSDK_OK) && (bv == BILL_FORMAT)) {
        const msdk_tou_sched_state_t st[MA304H4_SCHEDS] = {
            { (int64_t)msdk_load_u64le(bb), bb[8] != 0u },
            { (int64_t)msdk_load_u64le(&bb[BILL_SCHED2]), bb[BILL_SCHED2 + 8u] != 0u },
        };
        for (unsigned k = 0; k < MA304H4_SCHEDS; k++) {
            if (msdk_tou_sched_restore(&t->sched[k], &st[k]) != MSDK_OK) {
                t->damage++;
            }
        }
        t->billing_count = msdk_load_u32le(&bb[9]);
        t->billing_utc = (int64_t)msdk_load_u64le(&bb[13]);
        get_max(&bb[21], &t->last_max);
    }
    /* The current maximum, when it belongs to the billing period in progress. */
    if ((merr == MSDK_OK) && (mv == SNAP_FORMAT) && (msdk_load_u32le(mb) == t->billing_count)) {
        for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
            cur_max->value[c] = (int64_t)msdk_load_u32le(&mb[4u + (8u * c)]);
            cur_max->time[c] = time64(msdk_load_u32le(&mb[8u + (8u * c)]));
        }
        cur_max->since = time64(msdk_load_u32le(&mb[4u + (8u * MSDK_TOU_DEMAND_CHANNELS_MAX)]));
    }
    return true;
}

msdk_err_t ma304h4_tou_open(ma304h4_tou_t *t, struct ma304h4_app *app, uint32_t top,
                            const msdk_metro_registers_t *reg, int64_t down_s)
{
    memset(t, 0, sizeof *t);
    t->app = app;
    t->last_utc = -1;
    t->billing_utc = -1;
    t->tariff = 1u;
    no_max(&t->last_max);
    set_defaults(t);
    msdk_tou_demand_max_t cur_max;
    no_max(&cur_max);
    t->ok = open_stores(t, top, &cur_max);
    if ((t->stored_trim != 0) && (clock_setup(t, t->stored_trim) != MSDK_OK)) {
        msdk_port_board_log("tou: the stored RTC trim is out of range: none");
    }
    int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
    energies(reg, e);
    /* The tariff registers continue from the restored totals; energy saved after them
     * goes to the tariff in force at the first poll. */
    const uint64_t tot[MA304H4_TOU_QUANTITIES] = { (uint64_t)e[MSDK_TOU_DEMAND_IMPORT_ACTIVE],
                                                   (uint64_t)e[MSDK_TOU_DEMAND_EXPORT_ACTIVE] };
    for (unsigned q = 0; q < MA304H4_TOU_QUANTITIES; q++) {
        if (t->base[q] > tot[q]) {
            t->base[q] = tot[q]; /* the totals were saved before the tariff registers */
        }
    }
    /* The demand restarts with the stored maximum (complete windows only from now on). */
    t->demand.max = cur_max;
    /* Apply the stored trim, then decide the clock status after the outage. */
    if (msdk_tou_clock_trim(&t->clk) != 0) {
        if (msdk_port_rtc_trim_set(msdk_tou_clock_trim(&t->clk)) != MSDK_OK) {
            msdk_port_board_log("tou: the stored RTC trim could not be applied");
        }
    }
    int64_t now_ms = 0;
    const bool valid = ma304h4_tou_now_ms(&now_ms);
    msdk_tou_clock_power_up_info_t info = { now_ms, valid, (down_s >= 0) ? down_s * 1000 : now_ms,
                                            true };
    if (!valid || (now_ms < 0) || (now_ms > MSDK_TOU_CLOCK_MS_MAX)) {
        info.now_ms = 0;
        info.rtc_valid = false;
        info.down_ms = 0;
    }
    if ((info.down_ms < 0) || (info.down_ms > MSDK_TOU_CLOCK_MS_MAX)) {
        info.down_ms = info.now_ms;
    }
    msdk_tou_clock_report_t rep;
    if (msdk_tou_clock_power_up(&t->clk, &info, &rep) == MSDK_OK) {
        (void)ma304h4_tou_apply(t, &rep);
    }
    return t->ok ? MSDK_OK : MSDK_ERR_NO_SPACE;
}

/* ---- Main loop -------------------------------------------------------------------------- */

static void calendar_events(ma304h4_tou_t *t)
{
    const uint32_t ev = msdk_tou_cal_take_events(&t->cal);
    if ((ev & MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED) != 0u) {
        ma304h4_events_record(&t->app->events, MSDK_EVK_PASSIVE_TOU_PROGRAMMED, 0u, 0);
    }
    if ((ev & MSDK_TOU_CAL_EV_ACTIVATED) != 0u) {
        ma304h4_events_record(&t->app->events, MSDK_EVK_TOU_ACTIVATED, 0u, 0);
        t->tariff_known = false;
    }
}

/* The passive calendar became the active one (method, or its time): both records. */
static msdk_err_t store_activation(ma304h4_tou_t *t)
{
    msdk_err_t err = save_record(t, MA304H4_TOU_REC_ACTIVE);
    if (err == MSDK_OK) {
        err = save_record(t, MA304H4_TOU_REC_PASSIVE);
    }
    return err;
}

static void update_tariff(ma304h4_tou_t *t, int64_t s)
{
    if (t->tariff_known && (s < t->at.next_utc) && (s >= t->last_utc)) {
        return;
    }
    msdk_tou_tariff_t at;
    if (msdk_tou_cal_tariff(&t->cal, &t->tz, s, &at) == MSDK_OK) {
        t->at = at;
        t->tariff = at.tariff;
    } else {
        /* No calendar (or no season in force): tariff 1 until the next look. */
        t->tariff = 1u;
        t->at.tariff = 1u;
        t->at.next_utc = s + 60;
    }
    t->tariff_known = true;
}

/* The growth of the totals since the last poll goes to the tariff in force. */
static void accumulate(ma304h4_tou_t *t, const int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX])
{
    const uint64_t tot[MA304H4_TOU_QUANTITIES] = { (uint64_t)e[MSDK_TOU_DEMAND_IMPORT_ACTIVE],
                                                   (uint64_t)e[MSDK_TOU_DEMAND_EXPORT_ACTIVE] };
    const unsigned k = ((t->tariff >= 1u) && (t->tariff <= MA304H4_TARIFFS)) ? t->tariff - 1u : 0u;
    /* A register and its base change together: the power-fail interrupt saves both. */
    msdk_critical_state_t cs = msdk_port_critical_enter();
    for (unsigned q = 0; q < MA304H4_TOU_QUANTITIES; q++) {
        if (tot[q] > t->base[q]) {
            t->reg[q][k] += tot[q] - t->base[q];
        }
        t->base[q] = tot[q];
    }
    msdk_port_critical_exit(cs);
}

static bool max_differs(const msdk_tou_demand_max_t *a, const msdk_tou_demand_max_t *b)
{
    for (unsigned c = 0; c < MSDK_TOU_DEMAND_CHANNELS_MAX; c++) {
        if ((a->value[c] != b->value[c]) || (a->time[c] != b->time[c])) {
            return true;
        }
    }
    return false;
}

static void run_demand(ma304h4_tou_t *t, int64_t s, const int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX])
{
    if (!t->demand_ok) {
        msdk_tou_demand_config_t cfg = t->demand.cfg;
        msdk_tou_demand_max_t max = t->demand.max;
        if (msdk_tou_demand_init(&t->demand, &cfg, &max, s, e) == MSDK_OK) {
            t->demand_ok = true;
        }
        return;
    }
    msdk_tou_demand_max_t before = *msdk_tou_demand_max(&t->demand);
    if (msdk_tou_demand_update(&t->demand, s, e) != MSDK_OK) {
        return;
    }
    if (max_differs(&before, msdk_tou_demand_max(&t->demand))) {
        save_max(t);
    }
}

msdk_err_t ma304h4_tou_end_of_billing(ma304h4_tou_t *t, bool late)
{
    int64_t ms = 0;
    const bool valid = ma304h4_tou_now_ms(&ms);
    if (!clock_good(t, valid)) {
        return MSDK_ERR_STATE;
    }
    const int64_t s = sec_of(ms);
    msdk_critical_state_t cs = msdk_port_critical_enter();
    const msdk_metro_registers_t reg = *msdk_metro_registers(&t->app->metro);
    msdk_port_critical_exit(cs);
    int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
    energies(&reg, e);
    accumulate(t, e);
    ma304h4_readings_energy(&t->app->readings, &reg); /* the totals shown: the same copy */
    if (t->demand_ok) {
        no_action(msdk_tou_demand_update(&t->demand, s, e));
        msdk_tou_demand_max_t closed;
        if (msdk_tou_demand_billing_reset(&t->demand, s, &closed) == MSDK_OK) {
            t->last_max = closed;
        }
    }
    t->billing_count++;
    t->billing_utc = s;
    /* The billing state first (the schedule's execution and the counter: a cut after it never
     * bills the period twice; it may lose the row), then the maximum of the new period (its
     * copy names the period by the counter), the totals and the tariff registers of this
     * moment, then the row. */
    save_bill(t);
    save_max(t);
    ma304h4_energy_save(&t->app->energy, &reg);
    ma304h4_tou_save_registers(t, false);
    return ma304h4_profiles_billing(&t->app->profiles, MA304H4_PROFILE_MONTHLY, late);
}

/* The daily billing row (script 2): the schedule's state first (a cut after it never takes
 * the row twice), the tariff registers of this moment with the totals, then the row. */
static msdk_err_t daily_billing(ma304h4_tou_t *t, bool late)
{
    int64_t ms = 0;
    if (!clock_good(t, ma304h4_tou_now_ms(&ms))) {
        return MSDK_ERR_STATE;
    }
    msdk_critical_state_t cs = msdk_port_critical_enter();
    const msdk_metro_registers_t reg = *msdk_metro_registers(&t->app->metro);
    msdk_port_critical_exit(cs);
    int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
    energies(&reg, e);
    accumulate(t, e);
    ma304h4_readings_energy(&t->app->readings, &reg); /* the totals shown: the same copy */
    save_bill(t);
    ma304h4_energy_save(&t->app->energy, &reg);
    ma304h4_tou_save_registers(t, false);
    return ma304h4_profiles_billing(&t->app->profiles, MA304H4_PROFILE_DAILY, late);
}

/* Polls a schedule and runs its script when due. */
static void run_schedule(ma304h4_tou_t *t, ma304h4_sched_id_t which, int64_t s)
{
    msdk_tou_sched_t *sc = &t->sched[which];
    msdk_tou_sched_due_t due;
    const msdk_tou_sched_state_t before = sc->state;
    if (msdk_tou_sched_poll(sc, &t->tz, s, &due) != MSDK_OK) {
        return;
    }
    if (due.due) {
        const msdk_err_t err = (which == MA304H4_SCHED_BILLING)
                                   ? ma304h4_tou_end_of_billing(t, due.late)
                                   : daily_billing(t, due.late);
        if (err != MSDK_OK) {
            msdk_port_board_log("tou: a scheduled billing did not complete");
        }
    } else if ((before.armed != sc->state.armed) || (before.last_local != sc->state.last_local)) {
        save_bill(t); /* armed */
    }
}

msdk_err_t ma304h4_tou_run_script(ma304h4_tou_t *t, uint16_t id)
{
    if (id == 1u) {
        return ma304h4_tou_billing_by_client(t);
    }
    if (id != 2u) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (!ma304h4_profiles_capture_allowed(&t->app->profiles, MA304H4_PROFILE_DAILY)) {
        return MSDK_ERR_BUSY;
    }
    return daily_billing(t, false);
}

msdk_err_t ma304h4_tou_billing_by_client(ma304h4_tou_t *t)
{
    if (!ma304h4_profiles_capture_allowed(&t->app->profiles, MA304H4_PROFILE_MONTHLY)) {
        return MSDK_ERR_BUSY;
    }
    return ma304h4_tou_end_of_billing(t, false);
}

void ma304h4_tou_poll(ma304h4_tou_t *t, const msdk_metro_registers_t *reg)
{
    int64_t ms = 0;
    bool valid = ma304h4_tou_now_ms(&ms);
    if (!clock_good(t, valid)) {
        return; /* the registers keep their base: the energy goes to the tariff later */
    }
    /* A shift being spread. */
    int64_t corr = 0;
    if ((msdk_tou_clock_tick(&t->clk, ms, &corr) == MSDK_OK) && (corr != 0)) {
        const int64_t now = ms + corr;
        const int64_t ns = sec_of(now);
        if (msdk_port_rtc_set(ns, (uint16_t)(now - (ns * 1000))) == MSDK_OK) {
            ms = now;
        }
    }
    const int64_t s = sec_of(ms);
    int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
    energies(reg, e);
    /* The energy since the last pass goes to the tariff that was in force, at every pass: the
     * tariff registers add up to the totals of this copy (the ones DLMS shows and the energy
     * store saves in this pass). */
    if (t->last_utc >= 0) {
        accumulate(t, e);
    }
    if (s == t->last_utc) {
        return; /* the calendar, demand and schedules once a second */
    }
    const bool was_pending = t->cal.activation_pending;
    no_action(msdk_tou_cal_update(&t->cal, &t->tz, s));
    if (was_pending && !t->cal.activation_pending) {
        if (store_activation(t) != MSDK_OK) {
            msdk_port_board_log("tou: the activated calendar could not be stored");
        }
    }
    calendar_events(t);
    update_tariff(t, s);
    if (t->last_utc < 0) {
        accumulate(t, e); /* after a start or a clock step: from the tariff now in force */
    }
    run_demand(t, s, e);
    /* The daily billing row first, then the end of billing period (both at midnight on day 1). */
    run_schedule(t, MA304H4_SCHED_DAILY, s);
    run_schedule(t, MA304H4_SCHED_BILLING, s);
    t->last_utc = s;
}

/* ---- Changes by a client ------------------------------------------------------------------ */

uint8_t ma304h4_tou_dar(msdk_err_t err)
{
    switch (err) {
    case MSDK_OK: return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    case MSDK_ERR_INVALID_ARG:
    case MSDK_ERR_MALFORMED: return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    case MSDK_ERR_BUSY: return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    case MSDK_ERR_IO: return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    default: return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
}

/* Zone changes: applied to a copy, stored, then taken. */
static msdk_err_t zone_commit(ma304h4_tou_t *t, const msdk_tou_tz_t *tz, msdk_err_t err)
{
    if (err != MSDK_OK) {
        return err;
    }
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    const msdk_tou_tz_t old = t->tz;
    const bool dst_was = old.cfg.dst_enabled;
    t->tz = *tz;
    if (save_record(t, MA304H4_TOU_REC_ZONE) != MSDK_OK) {
        t->tz = old;
        return MSDK_ERR_IO;
    }
    if (dst_was != tz->cfg.dst_enabled) {
        ma304h4_events_record(&t->app->events, MSDK_EVK_DST_CHANGED, 0u, tz->cfg.dst_enabled);
    }
    t->tariff_known = false;
    return MSDK_OK;
}

msdk_err_t ma304h4_tou_set_deviation(ma304h4_tou_t *t, int16_t deviation)
{
    msdk_tou_tz_t tz = t->tz;
    return zone_commit(t, &tz, msdk_tou_tz_set_deviation(&tz, deviation));
}

msdk_err_t ma304h4_tou_set_dst_deviation(ma304h4_tou_t *t, int16_t deviation)
{
    msdk_tou_tz_t tz = t->tz;
    return zone_commit(t, &tz, msdk_tou_tz_set_dst_deviation(&tz, deviation));
}

msdk_err_t ma304h4_tou_set_dst_rule(ma304h4_tou_t *t, const msdk_datetime_t *begin,
                                    const msdk_datetime_t *end)
{
    msdk_tou_tz_t tz = t->tz;
    const msdk_tou_dst_rule_t rule = { *begin, *end };
    return zone_commit(t, &tz, msdk_tou_tz_set_dst_rule(&tz, &rule));
}

msdk_err_t ma304h4_tou_set_dst_enabled(ma304h4_tou_t *t, bool enabled)
{
    msdk_tou_tz_t tz = t->tz;
    return zone_commit(t, &tz, msdk_tou_tz_set_dst_enabled(&tz, enabled));
}

msdk_err_t ma304h4_tou_set_passive_part(ma304h4_tou_t *t, const msdk_tou_calendar_t *part,
                                        uint8_t what)
{
    /* Check the part alone: the references are checked at activation. */
    msdk_err_t err = msdk_tou_calendar_validate(part, false);
    if (err != MSDK_OK) {
        return err;
    }
    if ((what < 6u) || (what > 9u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!budget_left(t, MA304H4_TOU_REC_PASSIVE)) {
        return MSDK_ERR_BUSY;
    }
    msdk_tou_calendar_t *c = &t->staged;
    switch (what) {
    case 6u: c->name = part->name; break;
    case 7u:
        c->season_count = part->season_count;
        memcpy(c->seasons, part->seasons, sizeof c->seasons);
        break;
    case 8u:
        c->week_count = part->week_count;
        memcpy(c->weeks, part->weeks, sizeof c->weeks);
        break;
    default:
        c->day_count = part->day_count;
        memcpy(c->days, part->days, sizeof c->days);
        break;
    }
    /* A part that leaves a reference missing cancels a pending activation time: only a
     * complete calendar is ever activated (the client writes the time again). */
    if (t->cal.activation_pending && (msdk_tou_calendar_validate(c, true) != MSDK_OK)) {
        t->cal.activation_pending = false;
        /* activate_passive_calendar_time reads "not specified": no activation. */
        memset(&t->cal.activate_at, 0xFF, sizeof t->cal.activate_at);
        t->cal.activate_at.year = MSDK_DATETIME_YEAR_UNSPECIFIED;
        t->cal.activate_at.deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
        t->cal.activate_at.status = MSDK_DATETIME_UNSPECIFIED;
    }
    err = commit(t, MA304H4_TOU_REC_PASSIVE);
    if (err != MSDK_OK) {
        return err;
    }
    /* A complete calendar is the passive one (event 19). */
    if (msdk_tou_cal_set_passive(&t->cal, &t->staged) == MSDK_OK) {
        calendar_events(t);
    }
    return MSDK_OK;
}

/* The staged calendar is complete and is the passive one. */
static bool staged_complete(const ma304h4_tou_t *t)
{
    return (msdk_tou_calendar_validate(&t->staged, true) == MSDK_OK) &&
           (memcmp(&t->staged, &t->cal.passive, sizeof t->staged) == 0);
}

msdk_err_t ma304h4_tou_set_activation(ma304h4_tou_t *t, const msdk_datetime_t *at)
{
    if (msdk_datetime_validate(at) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((at->year != MSDK_DATETIME_YEAR_UNSPECIFIED) && !staged_complete(t)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (!budget_left(t, MA304H4_TOU_REC_PASSIVE)) {
        return MSDK_ERR_BUSY;
    }
    const msdk_datetime_t old_at = t->cal.activate_at;
    const bool old_pending = t->cal.activation_pending;
    msdk_err_t err = msdk_tou_cal_set_activation(&t->cal, at);
    if (err != MSDK_OK) {
        return err;
    }
    if (save_record(t, MA304H4_TOU_REC_PASSIVE) != MSDK_OK) {
        t->cal.activate_at = old_at;
        t->cal.activation_pending = old_pending;
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

msdk_err_t ma304h4_tou_activate(ma304h4_tou_t *t)
{
    if (!staged_complete(t)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (!budget_left(t, MA304H4_TOU_REC_ACTIVE)) {
        return MSDK_ERR_BUSY;
    }
    if (msdk_tou_cal_activate(&t->cal) != MSDK_OK) {
        return MSDK_ERR_STATE;
    }
    msdk_err_t err = store_activation(t);
    calendar_events(t);
    if (err != MSDK_OK) {
        reload(t, MA304H4_TOU_REC_ACTIVE);
        reload(t, MA304H4_TOU_REC_PASSIVE);
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

msdk_err_t ma304h4_tou_special_days_set(ma304h4_tou_t *t, const msdk_tou_special_day_t *e,
                                        uint16_t n)
{
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    msdk_err_t err = msdk_tou_special_days_set(&t->cal, e, n);
    if (err != MSDK_OK) {
        return err;
    }
    t->tariff_known = false;
    return commit(t, MA304H4_TOU_REC_ZONE);
}

msdk_err_t ma304h4_tou_special_days_insert(ma304h4_tou_t *t, const msdk_tou_special_day_t *e)
{
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    msdk_err_t err = msdk_tou_special_days_insert(&t->cal, e);
    if (err != MSDK_OK) {
        return err;
    }
    t->tariff_known = false;
    return commit(t, MA304H4_TOU_REC_ZONE);
}

msdk_err_t ma304h4_tou_special_days_delete(ma304h4_tou_t *t, uint16_t index)
{
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    msdk_err_t err = msdk_tou_special_days_delete(&t->cal, index);
    if (err != MSDK_OK) {
        return err;
    }
    t->tariff_known = false;
    return commit(t, MA304H4_TOU_REC_ZONE);
}

msdk_err_t ma304h4_tou_set_schedule(ma304h4_tou_t *t, ma304h4_sched_id_t which,
                                    const msdk_tou_sched_config_t *cfg)
{
    if (((unsigned)which >= MA304H4_SCHEDS) ||
        (memcmp(cfg->script_ln, billing_script_ln, 6u) != 0) ||
        (cfg->script_id != (uint16_t)((unsigned)which + 1u))) {
        return MSDK_ERR_NOT_FOUND;
    }
    /* Each execution time names one second of its days: a time with a wildcard (every hour,
     * minute or second) would run a billing every time it matches, each one a profile row and
     * saves of the stores. */
    for (unsigned i = 0; (i < cfg->count) && (i < MSDK_TOU_SCHED_TIMES_MAX); i++) {
        const msdk_datetime_t *tm = &cfg->times[i].time;
        if ((tm->hour == MSDK_DATETIME_UNSPECIFIED) || (tm->minute == MSDK_DATETIME_UNSPECIFIED) ||
            (tm->second == MSDK_DATETIME_UNSPECIFIED)) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
    }
    msdk_tou_sched_config_t *c = &t->sched_scratch[0];
    *c = *cfg;
    c->late_after_s = LATE_AFTER_S;
    msdk_err_t err = msdk_tou_sched_config_validate(c);
    if (err != MSDK_OK) {
        return err;
    }
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    if (msdk_tou_sched_set_config(&t->sched[which], c) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    err = commit(t, MA304H4_TOU_REC_ZONE);
    if (err != MSDK_OK) {
        return err;
    }
    /* The new times count from now: occurrences before the change are not missed ones (also
     * after a restart: the armed state is stored). */
    int64_t ms = 0;
    if (clock_good(t, ma304h4_tou_now_ms(&ms)) &&
        (msdk_tou_sched_arm(&t->sched[which], &t->tz, sec_of(ms)) == MSDK_OK)) {
        save_bill(t);
    }
    return MSDK_OK;
}

msdk_err_t ma304h4_tou_set_demand(ma304h4_tou_t *t, uint32_t period, uint16_t periods)
{
    msdk_tou_demand_config_t cfg = { period, periods, MSDK_TOU_DEMAND_CHANNELS_MAX };
    if ((period < MA304H4_DEMAND_PERIOD_MIN_S) || ((period % 60u) != 0u) ||
        (msdk_tou_demand_config_check(&cfg) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!budget_left(t, MA304H4_TOU_REC_ZONE)) {
        return MSDK_ERR_BUSY;
    }
    const msdk_tou_demand_t old = t->demand;
    int64_t ms = 0;
    const bool valid = ma304h4_tou_now_ms(&ms);
    if (t->demand_ok && clock_good(t, valid)) {
        int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
        last_energies(t, e);
        if (msdk_tou_demand_restart(&t->demand, &cfg, sec_of(ms), e) != MSDK_OK) {
            return MSDK_ERR_INVALID_ARG;
        }
    } else {
        t->demand.cfg = cfg; /* taken when the demand starts */
    }
    if (save_record(t, MA304H4_TOU_REC_ZONE) != MSDK_OK) {
        t->demand = old;
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

msdk_err_t ma304h4_tou_demand_next_period(ma304h4_tou_t *t)
{
    int64_t ms = 0;
    const bool valid = ma304h4_tou_now_ms(&ms);
    if (!t->demand_ok || !clock_good(t, valid)) {
        return MSDK_ERR_STATE;
    }
    int64_t e[MSDK_TOU_DEMAND_CHANNELS_MAX];
    last_energies(t, e);
    return msdk_tou_demand_next_period(&t->demand, sec_of(ms), e);
}
