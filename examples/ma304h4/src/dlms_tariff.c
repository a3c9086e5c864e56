/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: tariff registers, register activation, demand, maximum demand, end of
 * billing schedule and script, billing counter and time (dlms_tariff.h says what each
 * object shows). libcosem checks the types, ranges and shapes of every value before a
 * callback here runs; these callbacks check their own indexes and map the time of use
 * state's refusals (ma304h4_tou_dar()). */
#include <string.h>

#include "msdk/cosem/classes.h"
#include "msdk/cosem/xdlms.h"

#include "app.h"
#include "dlms.h"

#define DAR_OK    ((uint8_t)MSDK_COSEM_DAR_SUCCESS)
#define DAR_HW    ((uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT)
#define DAR_TEMP  ((uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE)
#define DAR_OTHER ((uint8_t)MSDK_COSEM_DAR_OTHER_REASON)

/* Blue Book units. */
#define UNIT_W   27u
#define UNIT_VAR 29u
#define UNIT_WH  30u

/* The end of billing script: 0.0.10.0.1.255, script 1. */
static const uint8_t ln_billing_script[6] = { 0u, 0u, 10u, 0u, 1u, 255u };

/* The object's binding, or NULL when the context is not one (bounds-checked by the
 * callers against their own table sizes). */
static const ma304h4_tariff_ref_t *ref_of(const void *ctx)
{
    const ma304h4_tariff_ref_t *b = (const ma304h4_tariff_ref_t *)ctx;
    return ((b != NULL) && (b->app != NULL)) ? b : NULL;
}

/* ---- Date-times --------------------------------------------------------------------------- */

/* Every field "not specified". */
static void datetime_unspecified(msdk_datetime_t *dt)
{
    dt->year = MSDK_DATETIME_YEAR_UNSPECIFIED;
    dt->month = MSDK_DATETIME_UNSPECIFIED;
    dt->day = MSDK_DATETIME_UNSPECIFIED;
    dt->day_of_week = MSDK_DATETIME_UNSPECIFIED;
    dt->hour = MSDK_DATETIME_UNSPECIFIED;
    dt->minute = MSDK_DATETIME_UNSPECIFIED;
    dt->second = MSDK_DATETIME_UNSPECIFIED;
    dt->hundredths = MSDK_DATETIME_UNSPECIFIED;
    dt->deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
    dt->status = MSDK_DATETIME_STATUS_UNSPECIFIED;
}

/* A UTC time as the octet-string date-time of the meter's local time, in buf; a time that
 * is not set (negative, MSDK_TOU_DEMAND_NO_TIME) or beyond year 9999 has every field "not
 * specified". */
static uint8_t put_datetime(const ma304h4_tou_t *t, int64_t utc_s, uint8_t buf[MSDK_DATETIME_SIZE],
                            msdk_cosem_value_t *v)
{
    msdk_datetime_t dt;
    if ((utc_s < 0) || (utc_s > MSDK_TOU_DEMAND_TIME_MAX)) {
        datetime_unspecified(&dt);
    } else {
        ma304h4_tou_datetime(t, utc_s, 0u, &dt);
    }
    if (msdk_cosem_datetime_encode(&dt, buf, MSDK_DATETIME_SIZE) != MSDK_OK) {
        return DAR_HW;
    }
    v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
    v->v.str.p = buf;
    v->v.str.len = MSDK_DATETIME_SIZE;
    return DAR_OK;
}

/* A demand in mW (mvar) as a double-long-unsigned: never negative; saturated at 4.29 MW, far
 * beyond what a direct connected meter measures. */
static void put_power(int64_t mw, msdk_cosem_value_t *v)
{
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = (mw <= 0) ? 0u : ((mw >= (int64_t)UINT32_MAX) ? UINT32_MAX : (uint64_t)mw);
}

/* ---- Tariff registers 1.0.1.8.t.255, 1.0.2.8.t.255 ---------------------------------------- */

/* Logical name of tariff register i (0..15): +A t = i + 1, then -A t = i - 7. */
static void tariff_reg_ln(uint32_t i, uint8_t ln[6])
{
    ln[0] = 1u;
    ln[1] = 0u;
    ln[2] = (uint8_t)(1u + (i / MA304H4_TARIFFS)); /* 1 +A, 2 -A */
    ln[3] = 8u;
    ln[4] = (uint8_t)(1u + (i % MA304H4_TARIFFS));
    ln[5] = 255u;
}

static uint8_t tariff_reg_get(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if ((b == NULL) || (b->which >= MA304H4_DLMS_TARIFF_REGS)) {
        return DAR_HW;
    }
    unsigned q = (unsigned)b->which / MA304H4_TARIFFS;
    unsigned t = (unsigned)b->which % MA304H4_TARIFFS;
    v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
    v->v.u = b->app->tou.reg[q][t]; /* mWh */
    return DAR_OK;
}

static const msdk_cosem_register_def_t tariff_reg_def = { -3, UNIT_WH, tariff_reg_get, NULL, NULL };

/* ---- Register activation 0.0.14.0.1.255 ----------------------------------------------------- */

static uint32_t act_register_count(void *ctx)
{
    (void)ctx;
    return MA304H4_DLMS_TARIFF_REGS;
}

static uint8_t act_get_register(void *ctx, uint32_t i, msdk_cosem_reg_act_register_t *r)
{
    (void)ctx;
    if (i >= MA304H4_DLMS_TARIFF_REGS) {
        return DAR_TEMP; /* past the end: the table is fixed, so never from the class */
    }
    r->class_id = 3u;
    tariff_reg_ln(i, r->ln);
    return DAR_OK;
}

static uint32_t act_mask_count(void *ctx)
{
    (void)ctx;
    return MA304H4_TARIFFS;
}

/* Mask i: "T<i + 1>", the 1-based indexes of +A and -A of tariff i + 1. */
static uint8_t act_get_mask(void *ctx, uint32_t i, msdk_cosem_reg_act_mask_t *m)
{
    (void)ctx;
    if (i >= MA304H4_TARIFFS) {
        return DAR_TEMP;
    }
    memset(m, 0, sizeof(*m));
    m->name[0] = (uint8_t)'T';
    m->name[1] = (uint8_t)('1' + i);
    m->name_len = 2u;
    m->index[0] = (uint8_t)(1u + i);
    m->index[1] = (uint8_t)(1u + MA304H4_TARIFFS + i);
    m->index_count = 2u;
    return DAR_OK;
}

static uint8_t act_get_active(void *ctx, uint8_t *name, size_t *len)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    *len = 0u; /* no tariff known: no mask active */
    if ((app != NULL) && (app->tou.tariff >= 1u) && (app->tou.tariff <= MA304H4_TARIFFS)) {
        name[0] = (uint8_t)'T';
        name[1] = (uint8_t)('0' + app->tou.tariff);
        *len = 2u;
    }
    return DAR_OK;
}

/* Read only: no setters, no methods (the class answers read-write-denied and
 * object-unavailable). */
static const msdk_cosem_reg_activation_def_t reg_activation_def = {
    .register_count = act_register_count,
    .get_register = act_get_register,
    .mask_count = act_mask_count,
    .get_mask = act_get_mask,
    .get_active = act_get_active,
};

/* ---- Demand registers 1.0.x.4.0.255 --------------------------------------------------------- */

/* The demand configuration in force: the engine's when it runs, else what it will start
 * with. */
static void demand_config(const ma304h4_tou_t *t, uint32_t *period, uint16_t *periods)
{
    /* tou.c keeps the configuration in the engine's state before it starts too (at open
     * and at every change); libtou has no getter for an engine that was never started. */
    *period = t->demand.cfg.period;
    *periods = t->demand.cfg.number_of_periods;
    if ((*period == 0u) || (*periods == 0u)) {
        *period = MA304H4_DEMAND_PERIOD_S;
        *periods = MA304H4_DEMAND_PERIODS;
    }
}

/* The attributes of a channel; before the engine runs: nothing measured. */
static void demand_reading(const ma304h4_tou_t *t, uint8_t ch, msdk_tou_demand_reading_t *r)
{
    if (t->demand_ok && (msdk_tou_demand_read(&t->demand, ch, r) == MSDK_OK)) {
        return;
    }
    memset(r, 0, sizeof(*r));
    r->status = MSDK_TOU_DEMAND_ST_START;
    r->current_status = MSDK_TOU_DEMAND_ST_START;
    r->capture_time = MSDK_TOU_DEMAND_NO_TIME;
    r->start_time_current = MSDK_TOU_DEMAND_NO_TIME;
    demand_config(t, &r->period, &r->number_of_periods);
}

static uint8_t demand_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    ma304h4_tariff_ref_t *b = (ma304h4_tariff_ref_t *)ctx;
    if ((ref_of(b) == NULL) || (b->which >= MA304H4_DLMS_DEMAND_CHANNELS)) {
        return DAR_HW;
    }
    const ma304h4_tou_t *t = &b->app->tou;
    msdk_tou_demand_reading_t r;
    demand_reading(t, b->which, &r);
    switch (attr) {
    case MSDK_COSEM_DEMAND_CURRENT_AVERAGE: put_power(r.current_average, v); return DAR_OK;
    case MSDK_COSEM_DEMAND_LAST_AVERAGE: put_power(r.last_average, v); return DAR_OK;
    case MSDK_COSEM_DEMAND_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = r.status;
        return DAR_OK;
    case MSDK_COSEM_DEMAND_CAPTURE_TIME: return put_datetime(t, r.capture_time, b->time, v);
    case MSDK_COSEM_DEMAND_START_TIME: return put_datetime(t, r.start_time_current, b->time, v);
    case MSDK_COSEM_DEMAND_PERIOD:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = r.period;
        return DAR_OK;
    case MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS:
        v->tag = MSDK_COSEM_AXDR_LONG_UNSIGNED;
        v->v.u = r.number_of_periods;
        return DAR_OK;
    default: return (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
}

/* period (8) or number_of_periods (9), checked by the class (>= 1, in the type's range); the
 * other one stays; both apply to the four channels. */
static uint8_t demand_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    ma304h4_tariff_ref_t *b = (ma304h4_tariff_ref_t *)ctx;
    if ((ref_of(b) == NULL) || (b->which >= MA304H4_DLMS_DEMAND_CHANNELS)) {
        return DAR_HW;
    }
    ma304h4_tou_t *t = &b->app->tou;
    msdk_tou_demand_reading_t r;
    demand_reading(t, b->which, &r);
    if (attr == (uint8_t)MSDK_COSEM_DEMAND_PERIOD) {
        if (v->v.u > UINT32_MAX) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        r.period = (uint32_t)v->v.u;
    } else if (attr == (uint8_t)MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS) {
        if (v->v.u > UINT16_MAX) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        r.number_of_periods = (uint16_t)v->v.u;
    } else {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    return ma304h4_tou_dar(ma304h4_tou_set_demand(t, r.period, r.number_of_periods));
}

/* Method 2: closes the subinterval in progress (all four channels). */
static uint8_t demand_next_period(void *ctx)
{
    ma304h4_tariff_ref_t *b = (ma304h4_tariff_ref_t *)ctx;
    if (ref_of(b) == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    msdk_err_t err = ma304h4_tou_demand_next_period(&b->app->tou);
    if (err == MSDK_ERR_STATE) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* no valid clock yet */
    }
    return ma304h4_tou_dar(err); /* the action-results share these values */
}

static const msdk_cosem_demand_def_t demand_def_w = { -3,
                                                      UNIT_W,
                                                      MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED,
                                                      MSDK_COSEM_AXDR_UNSIGNED,
                                                      demand_get,
                                                      demand_set,
                                                      NULL,
                                                      demand_next_period };
static const msdk_cosem_demand_def_t demand_def_var = { -3,
                                                        UNIT_VAR,
                                                        MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED,
                                                        MSDK_COSEM_AXDR_UNSIGNED,
                                                        demand_get,
                                                        demand_set,
                                                        NULL,
                                                        demand_next_period };

/* ---- Maximum demand 1.0.x.6.0.255 and 1.0.x.6.0.101 ----------------------------------------- */

static uint8_t max_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    ma304h4_tariff_ref_t *b = (ma304h4_tariff_ref_t *)ctx;
    if ((ref_of(b) == NULL) || (b->which >= MA304H4_DLMS_DEMAND_CHANNELS)) {
        return DAR_HW;
    }
    const ma304h4_tou_t *t = &b->app->tou;
    /* Before the engine runs: the maximum restored from storage, which tou.c keeps in the
     * engine's state for msdk_tou_demand_init() (libtou's getter answers NULL then). */
    const msdk_tou_demand_max_t *m = b->last        ? &t->last_max
                                     : t->demand_ok ? msdk_tou_demand_max(&t->demand)
                                                    : &t->demand.max;
    int64_t when = (m != NULL) ? m->time[b->which] : MSDK_TOU_DEMAND_NO_TIME;
    bool set = (when != MSDK_TOU_DEMAND_NO_TIME);
    switch (attr) {
    case MSDK_COSEM_EXT_REGISTER_VALUE: put_power(set ? m->value[b->which] : 0, v); return DAR_OK;
    case MSDK_COSEM_EXT_REGISTER_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = 0u;
        return DAR_OK;
    case MSDK_COSEM_EXT_REGISTER_CAPTURE_TIME: return put_datetime(t, when, b->time, v);
    default: return (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
}

static const msdk_cosem_ext_register_def_t max_def_w = {
    -3,   UNIT_W, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, MSDK_COSEM_AXDR_UNSIGNED, max_get, NULL,
    NULL, NULL
};
static const msdk_cosem_ext_register_def_t max_def_var = {
    -3,   UNIT_VAR, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, MSDK_COSEM_AXDR_UNSIGNED, max_get, NULL,
    NULL, NULL
};

/* ---- Single action schedules 0.0.15.0.0.255 (end of billing) and 0.1.15.0.0.255 (daily) --- */

/* The schedule of the object: its binding's `which` (ma304h4_sched_id_t). */
static ma304h4_sched_id_t sched_of(const ma304h4_tariff_ref_t *b)
{
    return (b->which < (uint8_t)MA304H4_SCHEDS) ? (ma304h4_sched_id_t)b->which
                                                : MA304H4_SCHED_BILLING;
}

static uint8_t sas_script_get(void *ctx, msdk_cosem_script_ref_t *script)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    memcpy(script->ln, ln_billing_script, sizeof ln_billing_script);
    script->selector = (uint16_t)((unsigned)sched_of(b) + 1u);
    return DAR_OK;
}

/* The script is fixed: writing it again is accepted, another one refused. */
static uint8_t sas_script_set(void *ctx, const msdk_cosem_script_ref_t *script)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    bool same = (memcmp(script->ln, ln_billing_script, sizeof ln_billing_script) == 0) &&
                (script->selector == (uint16_t)((unsigned)sched_of(b) + 1u));
    return same ? DAR_OK : DAR_OTHER;
}

/* The configuration in force of the object's schedule. */
static const msdk_tou_sched_config_t *sched_cfg(const ma304h4_tariff_ref_t *b)
{
    return &b->app->tou.sched[sched_of(b)].cfg;
}

static uint8_t sas_type_get(void *ctx, uint8_t *type)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    *type = (uint8_t)sched_cfg(b)->type;
    return DAR_OK;
}

/* The configuration in force as the base of a change, with the script fixed. */
static msdk_tou_sched_config_t *sched_base(const ma304h4_tariff_ref_t *b)
{
    msdk_tou_sched_config_t *c = &b->app->dlms.tariff.sched;
    *c = *sched_cfg(b);
    memcpy(c->script_ln, ln_billing_script, sizeof ln_billing_script);
    c->script_id = (uint16_t)((unsigned)sched_of(b) + 1u);
    return c;
}

/* A new type with the execution times in force (tou.c checks that they fit it). */
static uint8_t sas_type_set(void *ctx, uint8_t type)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if ((b == NULL) || b->app->dlms.tariff.times_open) {
        return DAR_TEMP; /* cannot happen: a write of the times ends within its request */
    }
    msdk_tou_sched_config_t *c = sched_base(b);
    c->type = (msdk_tou_sched_type_t)type;
    return ma304h4_tou_dar(ma304h4_tou_set_schedule(&b->app->tou, sched_of(b), c));
}

static uint32_t sas_count(void *ctx)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return 0u;
    }
    uint8_t n = sched_cfg(b)->count;
    return (n <= MSDK_TOU_SCHED_TIMES_MAX) ? n : MSDK_TOU_SCHED_TIMES_MAX;
}

/* Execution time i: the time fields of its time, the date fields of its date. */
static uint8_t sas_get(void *ctx, uint32_t i, msdk_cosem_datetime_t *t)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    const msdk_tou_sched_config_t *c = sched_cfg(b);
    if ((i >= c->count) || (i >= MSDK_TOU_SCHED_TIMES_MAX)) {
        return DAR_TEMP; /* the list shrank during a read in blocks */
    }
    const msdk_tou_exec_time_t *e = &c->times[i];
    datetime_unspecified(t);
    t->year = e->date.year;
    t->month = e->date.month;
    t->day = e->date.day;
    t->day_of_week = e->date.day_of_week;
    t->hour = e->time.hour;
    t->minute = e->time.minute;
    t->second = e->time.second;
    t->hundredths = e->time.hundredths;
    return DAR_OK;
}

static uint8_t sas_set_begin(void *ctx, uint32_t n)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if ((b == NULL) || (n > MSDK_TOU_SCHED_TIMES_MAX)) {
        return DAR_OTHER; /* the class refuses it before (max_times) */
    }
    ma304h4_dlms_tariff_t *d = &b->app->dlms.tariff;
    (void)sched_base(b);
    d->times_open = true;
    d->times_rows = n;
    d->times_filled = 0u;
    return DAR_OK;
}

static uint8_t sas_set_row(void *ctx, uint32_t i, const msdk_cosem_datetime_t *t)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    ma304h4_dlms_tariff_t *d = &b->app->dlms.tariff;
    if (!d->times_open || (i != d->times_filled) || (i >= d->times_rows) ||
        (i >= MSDK_TOU_SCHED_TIMES_MAX)) {
        return DAR_TEMP; /* out of order: cannot happen */
    }
    msdk_tou_exec_time_t *e = &d->sched.times[i];
    datetime_unspecified(&e->time);
    e->time.hour = t->hour;
    e->time.minute = t->minute;
    e->time.second = t->second;
    e->time.hundredths = t->hundredths;
    datetime_unspecified(&e->date);
    e->date.year = t->year;
    e->date.month = t->month;
    e->date.day = t->day;
    e->date.day_of_week = t->day_of_week;
    d->times_filled++;
    return DAR_OK;
}

static uint8_t sas_set_end(void *ctx, bool commit)
{
    const ma304h4_tariff_ref_t *b = ref_of(ctx);
    if (b == NULL) {
        return DAR_TEMP;
    }
    ma304h4_dlms_tariff_t *d = &b->app->dlms.tariff;
    bool open = d->times_open;
    d->times_open = false;
    if (!commit) {
        return DAR_OK; /* dropped */
    }
    if (!open || (d->times_filled != d->times_rows)) {
        return DAR_TEMP;
    }
    d->sched.count = (uint8_t)d->times_rows;
    return ma304h4_tou_dar(ma304h4_tou_set_schedule(&b->app->tou, sched_of(b), &d->sched));
}

static const msdk_cosem_single_action_def_t billing_schedule_def = {
    .script_get = sas_script_get,
    .script_set = sas_script_set,
    .type_get = sas_type_get,
    .type_set = sas_type_set,
    .count = sas_count,
    .get = sas_get,
    .max_times = (uint16_t)MSDK_TOU_SCHED_TIMES_MAX,
    .set_begin = sas_set_begin,
    .set_row = sas_set_row,
    .set_end = sas_set_end,
};

/* ---- Script table 0.0.10.0.1.255 ---------------------------------------------------------- */

/* Method parameter integer 0 (the data of capture and reset). */
static const uint8_t param_zero[2] = { (uint8_t)MSDK_COSEM_AXDR_INTEGER, 0x00u };

/* The scripts, one action each: script 1 the capture of the monthly billing profile, script 2
 * that of the daily one. In this meter the monthly capture is the end of the billing period: it
 * closes the maximum demand of the period (shown as 1.0.x.6.0.101 and in the row), counts the
 * period and starts the next one. The maximum demand registers have no reset method of their
 * own (a reset of one of them alone would not be a billing period). */
static const uint8_t billing_profiles[MA304H4_SCHEDS][6] = {
    { 0u, 0u, 98u, 1u, 0u, 255u }, /* monthly billing */
    { 1u, 0u, 99u, 2u, 0u, 255u }, /* daily billing */
};

static uint32_t script_count(void *ctx)
{
    (void)ctx;
    return MA304H4_SCHEDS;
}

static uint8_t script_get(void *ctx, uint32_t i, msdk_cosem_script_t *row)
{
    (void)ctx;
    if (i >= MA304H4_SCHEDS) {
        return DAR_TEMP;
    }
    memset(row, 0, sizeof(*row));
    row->id = (uint16_t)(i + 1u);
    row->action_count = 1u;
    msdk_cosem_script_action_t *a = &row->actions[0];
    a->service_id = (uint8_t)MSDK_COSEM_SCRIPT_SERVICE_EXECUTE;
    a->class_id = 7u;
    memcpy(a->ln, billing_profiles[i], sizeof a->ln);
    a->index = 2; /* capture */
    a->param = param_zero;
    a->param_len = sizeof param_zero;
    return DAR_OK;
}

/* execute(1) / execute(2): the end of billing period / the daily billing row now (not late:
 * on request). */
static uint8_t script_execute(void *ctx, uint16_t id)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    msdk_err_t err = ma304h4_tou_run_script(&app->tou, id);
    if (err == MSDK_ERR_NOT_FOUND) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no such script */
    }
    if (err == MSDK_ERR_STATE) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* no valid clock yet */
    }
    return ma304h4_tou_dar(err);
}

/* Read only (no set_begin: a SET is read-write-denied). */
static const msdk_cosem_script_table_def_t billing_script_def = {
    .count = script_count,
    .get = script_get,
    .execute = script_execute,
};

/* ---- Billing counter 0.0.0.1.0.255 and time 0.0.0.1.2.255 --------------------------------- */

static uint8_t billing_count_get(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = app->tou.billing_count;
    return DAR_OK;
}

static uint8_t billing_time_get(void *ctx, msdk_cosem_value_t *v)
{
    ma304h4_tariff_ref_t *b = (ma304h4_tariff_ref_t *)ctx;
    if (ref_of(b) == NULL) {
        return DAR_HW;
    }
    return put_datetime(&b->app->tou, b->app->tou.billing_utc, b->time, v);
}

static const msdk_cosem_data_def_t billing_count_def = { NULL, billing_count_get, NULL };
static const msdk_cosem_data_def_t billing_time_def = { NULL, billing_time_get, NULL };

/* ---- The object table ----------------------------------------------------------------------- */

static void bind(ma304h4_tariff_ref_t *b, ma304h4_app_t *app, uint8_t which, bool last)
{
    memset(b, 0, sizeof(*b));
    b->app = app;
    b->which = which;
    b->last = last;
}

void ma304h4_dlms_tariff_objects(ma304h4_app_t *app)
{
    ma304h4_dlms_t *d = &app->dlms;
    ma304h4_dlms_tariff_t *tr = &d->tariff;
    const msdk_cosem_rights_t *values = ma304h4_dlms_rights(MA304H4_RIGHTS_VALUES);
    const msdk_cosem_rights_t *config = ma304h4_dlms_rights(MA304H4_RIGHTS_CONFIG);
    tr->times_open = false;
    uint8_t ln[6];

    for (uint8_t i = 0u; i < MA304H4_DLMS_TARIFF_REGS; i++) {
        bind(&tr->reg[i], app, i, false);
        tariff_reg_ln(i, ln);
        ma304h4_dlms_put(d, ln, &msdk_cosem_class_register, &tariff_reg_def, &tr->reg[i], values);
    }
    static const uint8_t ln_activation[6] = { 0u, 0u, 14u, 0u, 1u, 255u };
    ma304h4_dlms_put(d, ln_activation, &msdk_cosem_class_reg_activation, &reg_activation_def, app,
                     values);

    for (uint8_t ch = 0u; ch < MA304H4_DLMS_DEMAND_CHANNELS; ch++) {
        const bool active = (ch < 2u); /* +A, -A; then +R, -R */
        ln[0] = 1u;
        ln[1] = 0u;
        ln[2] = (uint8_t)(1u + ch);
        ln[4] = 0u;
        ln[5] = 255u;
        ln[3] = 4u; /* demand */
        bind(&tr->demand[ch], app, ch, false);
        ma304h4_dlms_put(d, ln, &msdk_cosem_class_demand, active ? &demand_def_w : &demand_def_var,
                         &tr->demand[ch], config);
        ln[3] = 6u; /* maximum demand */
        bind(&tr->max[ch], app, ch, false);
        ma304h4_dlms_put(d, ln, &msdk_cosem_class_ext_register, active ? &max_def_w : &max_def_var,
                         &tr->max[ch], values);
        ln[5] = 101u; /* of the last billing period */
        bind(&tr->last_max[ch], app, ch, true);
        ma304h4_dlms_put(d, ln, &msdk_cosem_class_ext_register, active ? &max_def_w : &max_def_var,
                         &tr->last_max[ch], values);
    }

    static const uint8_t ln_schedule[MA304H4_SCHEDS][6] = { { 0u, 0u, 15u, 0u, 0u, 255u },
                                                            { 0u, 1u, 15u, 0u, 0u, 255u } };
    for (uint8_t k = 0u; k < (uint8_t)MA304H4_SCHEDS; k++) {
        bind(&tr->sched_ref[k], app, k, false);
        ma304h4_dlms_put(d, ln_schedule[k], &msdk_cosem_class_single_action, &billing_schedule_def,
                         &tr->sched_ref[k], config);
    }
    ma304h4_dlms_put(d, ln_billing_script, &msdk_cosem_class_script_table, &billing_script_def, app,
                     config);

    static const uint8_t ln_count[6] = { 0u, 0u, 0u, 1u, 0u, 255u };
    static const uint8_t ln_time[6] = { 0u, 0u, 0u, 1u, 2u, 255u };
    ma304h4_dlms_put(d, ln_count, &msdk_cosem_class_data, &billing_count_def, app, values);
    bind(&tr->billing_time, app, 0u, false);
    ma304h4_dlms_put(d, ln_time, &msdk_cosem_class_data, &billing_time_def, &tr->billing_time,
                     values);
}
