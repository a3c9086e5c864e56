/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Activity calendar (class 20, version 0): active calendar (2..5, read only), passive
 * calendar (6..9), activate_passive_calendar_time (10), method 1 activate_passive_calendar.
 * The tables are streamed row by row; a passive table is written as a validated whole.
 *
 * season_profile ::= array structure { season_profile_name: octet-string,
 *                                      season_start: octet-string(12) date-time,
 *                                      week_name: octet-string }
 * week_profile_table ::= array structure { week_profile_name: octet-string,
 *                                          monday .. sunday: unsigned (day_id) }
 * day_profile_table ::= array structure { day_id: unsigned,
 *                                         day_schedule: array day_profile_action }
 * day_profile_action ::= structure { start_time: octet-string(4) time,
 *                                    script_logical_name: octet-string(6),
 *                                    script_selector: long-unsigned } */
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Nesting of a table row: structure, array of actions, structure (day profiles). */
#define ROW_DEPTH 3u

/* One row of any of the three tables. */
typedef union cal_row {
    msdk_cosem_cal_season_t season;
    msdk_cosem_cal_week_t week;
    msdk_cosem_cal_day_t day;
} cal_row_t;

/* Attributes 2..9: 0 name, 1 seasons, 2 weeks, 3 days; passive from 6 on. */
static unsigned attr_kind(uint8_t attr)
{
    return ((unsigned)attr - 2u) % 4u;
}

static bool attr_passive(uint8_t attr)
{
    return attr >= (uint8_t)MSDK_COSEM_CAL_NAME_PASSIVE;
}

/* ---- Decoding ----------------------------------------------------------------------------- */

static bool get_name(msdk_rbuf_t *rb, size_t min_len, msdk_cosem_cal_name_t *name)
{
    const uint8_t *p = NULL;
    size_t n = 0u;
    if ((msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, &p, &n) != MSDK_OK) ||
        (n < min_len) || (n > MSDK_COSEM_CAL_NAME_MAX)) {
        return false;
    }
    name->len = (uint8_t)n;
    for (size_t i = 0; i < n; i++) {
        name->b[i] = p[i];
    }
    return true;
}

static bool same_name(const msdk_cosem_cal_name_t *a, const msdk_cosem_cal_name_t *b)
{
    return msdk_cosem_class_same_bytes(a->b, a->len, b->b, b->len);
}

static bool get_season(msdk_rbuf_t *rb, msdk_cosem_cal_season_t *s)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 3u) &&
           get_name(rb, 1u, &s->name) &&
           (msdk_cosem_axdr_get_datetime(rb, MSDK_COSEM_AXDR_DT_ANY, &s->start) == MSDK_OK) &&
           get_name(rb, 1u, &s->week);
}

static bool get_week(msdk_rbuf_t *rb, msdk_cosem_cal_week_t *w)
{
    uint32_t n = 0u;
    bool ok = (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 8u) &&
              get_name(rb, 1u, &w->name);
    for (unsigned i = 0; ok && (i < 7u); i++) {
        ok = (msdk_cosem_axdr_get_uint8(rb, &w->day_id[i]) == MSDK_OK);
    }
    return ok;
}

static bool get_day_action(msdk_rbuf_t *rb, msdk_cosem_cal_action_t *a)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 3u) &&
           (msdk_cosem_axdr_get_time(rb, MSDK_COSEM_AXDR_DT_ANY, &a->start) == MSDK_OK) &&
           msdk_cosem_class_get_ln(rb, a->script.ln) &&
           (msdk_cosem_axdr_get_uint16(rb, &a->script.selector) == MSDK_OK);
}

static bool get_day(msdk_rbuf_t *rb, msdk_cosem_cal_day_t *d)
{
    uint32_t n = 0u;
    uint32_t actions = 0u;
    bool ok = (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 2u) &&
              (msdk_cosem_axdr_get_uint8(rb, &d->day_id) == MSDK_OK) &&
              (msdk_cosem_axdr_get_array_header(rb, &actions) == MSDK_OK) &&
              (actions <= MSDK_COSEM_CAL_DAY_ACTIONS_MAX);
    if (ok) {
        d->action_count = (uint8_t)actions;
    }
    for (uint32_t i = 0; ok && (i < actions); i++) {
        ok = get_day_action(rb, &d->actions[i]);
    }
    return ok;
}

static bool get_row(msdk_cosem_cal_table_t t, msdk_rbuf_t *rb, cal_row_t *row)
{
    switch (t) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return get_season(rb, &row->season);
    case MSDK_COSEM_CAL_TABLE_WEEKS: return get_week(rb, &row->week);
    default: return get_day(rb, &row->day);
    }
}

/* Name of the validated season or week row at the reader (its first member). */
static bool peek_row_name(const msdk_rbuf_t *rb, msdk_cosem_cal_name_t *name)
{
    msdk_rbuf_t r = *rb;
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(&r, &n) == MSDK_OK) && get_name(&r, 1u, name);
}

/* Whether an earlier row of [first, at) has the key of `row`: season and week names are
 * compared by re-reading the input (O(n^2) over the validated prefix, no storage), day ids
 * through a bit set. */
static bool duplicate_key(msdk_cosem_cal_table_t t, const msdk_rbuf_t *rb, size_t first, size_t at,
                          const cal_row_t *row, uint8_t seen_ids[32])
{
    if (t == MSDK_COSEM_CAL_TABLE_DAYS) {
        uint8_t id = row->day.day_id;
        uint8_t bit = (uint8_t)(1u << (id & 7u));
        bool dup = (seen_ids[id >> 3] & bit) != 0u;
        seen_ids[id >> 3] = (uint8_t)(seen_ids[id >> 3] | bit);
        return dup;
    }
    const msdk_cosem_cal_name_t *key =
        (t == MSDK_COSEM_CAL_TABLE_SEASONS) ? &row->season.name : &row->week.name;
    msdk_rbuf_t q;
    msdk_rbuf_init(&q, rb->p, at);
    q.pos = first;
    while (q.pos < at) {
        msdk_cosem_cal_name_t prev;
        if (!peek_row_name(&q, &prev) || same_name(&prev, key) ||
            (msdk_cosem_axdr_skip(&q, ROW_DEPTH) != MSDK_OK)) {
            return true;
        }
    }
    return false;
}

static uint16_t table_max(const msdk_cosem_calendar_def_t *d, msdk_cosem_cal_table_t t)
{
    switch (t) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return d->max_seasons;
    case MSDK_COSEM_CAL_TABLE_WEEKS: return d->max_weeks;
    default: return d->max_days;
    }
}

/* Validates a whole table value. */
static uint8_t check_table(const msdk_cosem_calendar_def_t *d, msdk_cosem_cal_table_t t,
                           msdk_rbuf_t *rb, uint32_t *count, size_t *rows_at)
{
    uint32_t n = 0u;
    if (msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    uint16_t max = table_max(d, t);
    if ((max != 0u) && (n > max)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    uint8_t seen_ids[32] = { 0u };
    size_t first = rb->pos;
    for (uint32_t i = 0; i < n; i++) {
        cal_row_t row;
        size_t at = rb->pos;
        if (!get_row(t, rb, &row) || duplicate_key(t, rb, first, at, &row, seen_ids)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
    }
    if (msdk_rbuf_remaining(rb) != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    *count = n;
    *rows_at = first;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t set_row(const msdk_cosem_calendar_def_t *d, void *ctx, msdk_cosem_cal_table_t t,
                       uint32_t i, const cal_row_t *row)
{
    switch (t) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return d->season_set(ctx, i, &row->season);
    case MSDK_COSEM_CAL_TABLE_WEEKS: return d->week_set(ctx, i, &row->week);
    default: return d->day_set(ctx, i, &row->day);
    }
}

static uint8_t set_table(const msdk_cosem_calendar_def_t *d, void *ctx, msdk_cosem_cal_table_t t,
                         msdk_rbuf_t *in)
{
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    size_t rows_at = 0u;
    uint8_t dar = check_table(d, t, &r, &n, &rows_at);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    dar = d->set_begin(ctx, t, n);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    r = *in;
    r.pos = rows_at;
    for (uint32_t i = 0; i < n; i++) {
        cal_row_t row;
        (void)get_row(t, &r, &row); /* validated above */
        dar = set_row(d, ctx, t, i, &row);
        if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            (void)d->set_end(ctx, t, false);
            return dar;
        }
    }
    return d->set_end(ctx, t, true);
}

/* ---- Encoding ----------------------------------------------------------------------------- */

static msdk_err_t put_name(msdk_wbuf_t *wb, const msdk_cosem_cal_name_t *name)
{
    if (name->len > MSDK_COSEM_CAL_NAME_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_axdr_put_octet_string(wb, name->b, name->len);
}

static msdk_err_t put_season(msdk_wbuf_t *wb, const msdk_cosem_cal_season_t *s)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 3u);
    if (err == MSDK_OK) {
        err = put_name(wb, &s->name);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &s->start);
    }
    if (err == MSDK_OK) {
        err = put_name(wb, &s->week);
    }
    return err;
}

static msdk_err_t put_week(msdk_wbuf_t *wb, const msdk_cosem_cal_week_t *w)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 8u);
    if (err == MSDK_OK) {
        err = put_name(wb, &w->name);
    }
    for (unsigned i = 0; (err == MSDK_OK) && (i < 7u); i++) {
        err = msdk_cosem_axdr_put_uint8(wb, w->day_id[i]);
    }
    return err;
}

static msdk_err_t put_day(msdk_wbuf_t *wb, const msdk_cosem_cal_day_t *dd)
{
    if (dd->action_count > MSDK_COSEM_CAL_DAY_ACTIONS_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, dd->day_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, dd->action_count);
    }
    for (uint8_t i = 0; (err == MSDK_OK) && (i < dd->action_count); i++) {
        const msdk_cosem_cal_action_t *a = &dd->actions[i];
        err = msdk_cosem_axdr_put_structure_header(wb, 3u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_time(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &a->start);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_octet_string(wb, a->script.ln, 6u);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint16(wb, a->script.selector);
        }
    }
    return err;
}

typedef struct row_ctx {
    const msdk_cosem_calendar_def_t *d;
    void *ctx;
    bool passive;
    msdk_cosem_cal_table_t table;
    uint8_t dar; /* the failure when a row cannot be produced */
} row_ctx_t;

static msdk_err_t put_table_row(void *vctx, msdk_wbuf_t *wb, uint32_t i)
{
    row_ctx_t *rc = (row_ctx_t *)vctx;
    const msdk_cosem_calendar_def_t *d = rc->d;
    cal_row_t row;
    uint8_t dar;
    switch (rc->table) {
    case MSDK_COSEM_CAL_TABLE_SEASONS:
        dar = d->season_get(rc->ctx, rc->passive, i, &row.season);
        break;
    case MSDK_COSEM_CAL_TABLE_WEEKS: dar = d->week_get(rc->ctx, rc->passive, i, &row.week); break;
    default: dar = d->day_get(rc->ctx, rc->passive, i, &row.day); break;
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        rc->dar = dar;
        return MSDK_ERR_STATE;
    }
    msdk_err_t err;
    switch (rc->table) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: err = put_season(wb, &row.season); break;
    case MSDK_COSEM_CAL_TABLE_WEEKS: err = put_week(wb, &row.week); break;
    default: err = put_day(wb, &row.day); break;
    }
    if (err == MSDK_ERR_INVALID_ARG) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* a bad value from the application */
    }
    return err;
}

static bool table_readable(const msdk_cosem_calendar_def_t *d, msdk_cosem_cal_table_t t)
{
    if (d->count == NULL) {
        return false;
    }
    switch (t) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return d->season_get != NULL;
    case MSDK_COSEM_CAL_TABLE_WEEKS: return d->week_get != NULL;
    default: return d->day_get != NULL;
    }
}

static int get_table(const msdk_cosem_calendar_def_t *d, void *ctx, bool passive,
                     msdk_cosem_cal_table_t t, msdk_cosem_req_t *rq, msdk_wbuf_t *out)
{
    if (!table_readable(d, t)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if (!rq->started) {
        msdk_cosem_axdr_rows_init(&rq->rows, d->count(ctx, passive, t));
        rq->started = true;
    }
    row_ctx_t rc = { d, ctx, passive, t, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, NULL, ctx, put_table_row, &rc, &rc.dar);
}

/* A scalar attribute: a name or the activation time. */
static int get_scalar(const msdk_cosem_calendar_def_t *d, void *ctx, uint8_t attr, msdk_wbuf_t *out)
{
    size_t mark = out->pos;
    msdk_err_t err = MSDK_OK;
    uint8_t dar = (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    if ((attr == (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME) && (d->activate_time_get != NULL)) {
        msdk_cosem_datetime_t dt;
        dar = d->activate_time_get(ctx, &dt);
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            err = msdk_cosem_axdr_put_datetime(out, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt);
        }
    } else if ((attr != (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME) && (d->name_get != NULL)) {
        msdk_cosem_cal_name_t name;
        dar = d->name_get(ctx, attr_passive(attr), &name);
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            err = put_name(out, &name);
        }
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (err == MSDK_ERR_INVALID_ARG) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    return msdk_cosem_class_put_end(out, mark, err);
}

static int calendar_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_wbuf_t *out)
{
    const msdk_cosem_calendar_def_t *d = (const msdk_cosem_calendar_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr < 2u) || (attr > (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if ((attr == (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME) || (attr_kind(attr) == 0u)) {
        return get_scalar(d, obj->ctx, attr, out);
    }
    return get_table(d, obj->ctx, attr_passive(attr),
                     (msdk_cosem_cal_table_t)(attr_kind(attr) - 1u), rq, out);
}

static bool table_writable(const msdk_cosem_calendar_def_t *d, msdk_cosem_cal_table_t t)
{
    if ((d->set_begin == NULL) || (d->set_end == NULL)) {
        return false;
    }
    switch (t) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return d->season_set != NULL;
    case MSDK_COSEM_CAL_TABLE_WEEKS: return d->week_set != NULL;
    default: return d->day_set != NULL;
    }
}

static uint8_t calendar_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                            msdk_rbuf_t *in)
{
    const msdk_cosem_calendar_def_t *d = (const msdk_cosem_calendar_def_t *)obj->def;
    bool writable = false;
    if (attr == (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME) {
        writable = (d->activate_time_set != NULL);
    } else if ((attr >= (uint8_t)MSDK_COSEM_CAL_NAME_PASSIVE) &&
               (attr <= (uint8_t)MSDK_COSEM_CAL_DAYS_PASSIVE)) {
        writable = (attr_kind(attr) == 0u)
                       ? (d->name_set != NULL)
                       : table_writable(d, (msdk_cosem_cal_table_t)(attr_kind(attr) - 1u));
    }
    if (!writable) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* the active calendar included */
    }
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    msdk_rbuf_t r = *in;
    if (attr == (uint8_t)MSDK_COSEM_CAL_ACTIVATE_TIME) {
        msdk_cosem_datetime_t dt;
        if ((msdk_cosem_axdr_get_datetime(&r, MSDK_COSEM_AXDR_DT_ANY, &dt) != MSDK_OK) ||
            (msdk_rbuf_remaining(&r) != 0u)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        return d->activate_time_set(obj->ctx, &dt);
    }
    if (attr_kind(attr) == 0u) {
        msdk_cosem_cal_name_t name;
        if (!get_name(&r, 0u, &name) || (msdk_rbuf_remaining(&r) != 0u)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        return d->name_set(obj->ctx, &name);
    }
    return set_table(d, obj->ctx, (msdk_cosem_cal_table_t)(attr_kind(attr) - 1u), in);
}

/* ---- Activation --------------------------------------------------------------------------- */

/* Checks that the passive calendar's references resolve: every week's day ids name a day
 * profile, every season's week name a week profile. Returns an action-result. Costs one
 * read per day profile, seven bit tests per week profile, and seasons x weeks week reads. */
static uint8_t check_passive(const msdk_cosem_calendar_def_t *d, void *ctx)
{
    if (!table_readable(d, MSDK_COSEM_CAL_TABLE_SEASONS) ||
        !table_readable(d, MSDK_COSEM_CAL_TABLE_WEEKS) ||
        !table_readable(d, MSDK_COSEM_CAL_TABLE_DAYS)) {
        return (uint8_t)MSDK_COSEM_ACTION_SUCCESS; /* nothing the class can read */
    }
    uint8_t ids[32] = { 0u };
    uint32_t days = d->count(ctx, true, MSDK_COSEM_CAL_TABLE_DAYS);
    for (uint32_t i = 0; i < days; i++) {
        msdk_cosem_cal_day_t day;
        uint8_t r = d->day_get(ctx, true, i, &day);
        if (r != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            return r;
        }
        ids[day.day_id >> 3] = (uint8_t)(ids[day.day_id >> 3] | (1u << (day.day_id & 7u)));
    }
    uint32_t weeks = d->count(ctx, true, MSDK_COSEM_CAL_TABLE_WEEKS);
    for (uint32_t i = 0; i < weeks; i++) {
        msdk_cosem_cal_week_t w;
        uint8_t r = d->week_get(ctx, true, i, &w);
        if (r != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            return r;
        }
        for (unsigned k = 0; k < 7u; k++) {
            if ((ids[w.day_id[k] >> 3] & (1u << (w.day_id[k] & 7u))) == 0u) {
                return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no such day profile */
            }
        }
    }
    uint32_t seasons = d->count(ctx, true, MSDK_COSEM_CAL_TABLE_SEASONS);
    for (uint32_t i = 0; i < seasons; i++) {
        msdk_cosem_cal_season_t s;
        uint8_t r = d->season_get(ctx, true, i, &s);
        if (r != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            return r;
        }
        bool found = false;
        for (uint32_t j = 0; !found && (j < weeks); j++) {
            msdk_cosem_cal_week_t w;
            r = d->week_get(ctx, true, j, &w);
            if (r != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
                return r;
            }
            found = same_name(&w.name, &s.week);
        }
        if (!found) {
            return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no such week profile */
        }
    }
    return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
}

/* activate_passive_calendar (data: integer(0)). */
static uint8_t calendar_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                               msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_calendar_def_t *d = (const msdk_cosem_calendar_def_t *)obj->def;
    if ((method != 1u) || (d->activate == NULL)) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    if (!msdk_cosem_class_take_zero(in)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    uint8_t r = check_passive(d, obj->ctx);
    return (r == (uint8_t)MSDK_COSEM_ACTION_SUCCESS) ? d->activate(obj->ctx) : r;
}

const msdk_cosem_class_t msdk_cosem_class_activity_calendar = {
    .class_id = 20u,
    .version = 0u,
    .attr_count = 10u,
    .method_count = 1u,
    .get = calendar_get,
    .set = calendar_set,
    .action = calendar_action,
};
