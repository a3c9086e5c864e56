/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Profile generic (class 7, version 1): the buffer streamed row by row from a row source,
 * with selective access by range (on the time column, located by binary search: O(log n)
 * row reads) and by entry, and column selection; the capture objects and the capture period
 * constant or the application's current ones, and writable through the application. */
#include "msdk/cosem/classes.h"
#include "msdk/core/datetime.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define SELECTOR_RANGE 1u
#define SELECTOR_ENTRY 2u
#define SORT_FIFO      1u

msdk_err_t msdk_cosem_datetime_to_s(const msdk_cosem_datetime_t *dt, int64_t *t)
{
    if ((dt == NULL) || (t == NULL) || (msdk_cosem_datetime_validate(dt) != MSDK_OK) ||
        (dt->year == MSDK_COSEM_DATETIME_YEAR_UNSPECIFIED) || (dt->month < 1u) ||
        (dt->month > 12u) || (dt->day < 1u) || (dt->day > 31u) || (dt->hour > 23u) ||
        (dt->minute > 59u) || (dt->second > 59u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    int64_t s = 0;
    if (msdk_datetime_fields_to_s(dt, &s) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    s -= INT64_C(946684800); /* from 2000-01-01 */
    if (dt->deviation != MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED) {
        s += (int64_t)dt->deviation * 60; /* UTC = local time + deviation */
    }
    *t = s;
    return MSDK_OK;
}

/* ---- Columns ------------------------------------------------------------------------------ */

/* The capture objects of a profile now: the definition's, or the application's. */
typedef struct cols {
    const msdk_cosem_capture_def_t *c;
    uint8_t n;
} cols_t;

static cols_t columns_of(const msdk_cosem_profile_def_t *d, void *ctx)
{
    cols_t k = { d->columns, d->column_count };
    if (d->columns_now != NULL) {
        uint8_t n = 0u;
        k.c = d->columns_now(ctx, &n);
        k.n = (k.c != NULL) ? n : 0u;
    }
    if (k.c == NULL) {
        k.n = 0u;
    } else if (k.n > MSDK_COSEM_PROFILE_MAX_COLUMNS) {
        k.n = (uint8_t)MSDK_COSEM_PROFILE_MAX_COLUMNS; /* the rest is not shown */
    } else {
        /* as given */
    }
    return k;
}

/* The time column's capture object, or NULL when the profile has none now. */
static const msdk_cosem_capture_def_t *time_def(const msdk_cosem_profile_def_t *d, const cols_t *k)
{
    return ((d->time_column >= 0) && ((uint8_t)d->time_column < k->n)) ? &k->c[d->time_column]
                                                                       : NULL;
}

/* ---- Selection ---------------------------------------------------------------------------- */

static uint32_t all_columns(uint8_t n)
{
    return (n >= 32u) ? 0xFFFFFFFFu : ((1u << n) - 1u);
}

static unsigned popcount(uint32_t x)
{
    unsigned n = 0;
    while (x != 0u) {
        x &= x - 1u;
        n++;
    }
    return n;
}

/* Reads a capture_object_definition: structure {long-unsigned class_id, octet-string(6)
 * logical_name, integer attribute_index, long-unsigned data_index}. */
static bool get_capture_def(msdk_rbuf_t *rb, msdk_cosem_capture_def_t *c)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 4u) &&
           (msdk_cosem_axdr_get_uint16(rb, &c->class_id) == MSDK_OK) &&
           msdk_cosem_class_get_ln(rb, c->ln) &&
           (msdk_cosem_axdr_get_int8(rb, &c->attr) == MSDK_OK) &&
           (msdk_cosem_axdr_get_uint16(rb, &c->data_index) == MSDK_OK);
}

static bool same_capture(const msdk_cosem_capture_def_t *x, const msdk_cosem_capture_def_t *y)
{
    bool same =
        (x->class_id == y->class_id) && (x->attr == y->attr) && (x->data_index == y->data_index);
    for (unsigned i = 0; same && (i < 6u); i++) {
        same = (x->ln[i] == y->ln[i]);
    }
    return same;
}

/* selected_values: an array of capture object definitions, each one a column of the profile;
 * empty means all columns. */
static uint8_t get_columns(const cols_t *k, msdk_rbuf_t *rb, uint32_t *mask)
{
    uint32_t n = 0u;
    if (msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    if (n == 0u) {
        *mask = all_columns(k->n);
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    uint32_t m = 0u;
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_capture_def_t c;
        if (!get_capture_def(rb, &c)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        uint8_t col = 0u;
        while ((col < k->n) && !same_capture(&k->c[col], &c)) {
            col++;
        }
        if (col == k->n) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* not a column of this profile */
        }
        m |= 1u << col;
    }
    *mask = m;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* A from/to value of a range on the time column: a date-time (octet-string(12) or tag 25). */
static bool get_time_bound(msdk_rbuf_t *rb, int64_t *t)
{
    msdk_cosem_datetime_t dt;
    return (msdk_cosem_axdr_get_datetime(rb, MSDK_COSEM_AXDR_DT_ANY, &dt) == MSDK_OK) &&
           (msdk_cosem_datetime_to_s(&dt, t) == MSDK_OK);
}

/* First row whose time is > t (strict) or >= t (!strict): binary search, O(log n) reads. */
static msdk_err_t bound(const msdk_cosem_profile_def_t *d, void *ctx, uint32_t count, int64_t t,
                        bool strict, uint32_t *out)
{
    uint32_t lo = 0u;
    uint32_t hi = count;
    while (lo < hi) {
        uint32_t mid = lo + ((hi - lo) / 2u);
        int64_t v = 0;
        msdk_err_t err = d->rows->time_s(ctx, mid, &v);
        if (err != MSDK_OK) {
            return err;
        }
        if ((v < t) || (strict && (v == t))) {
            lo = mid + 1u;
        } else {
            hi = mid;
        }
    }
    *out = lo;
    return MSDK_OK;
}

static uint8_t select_range(const msdk_cosem_profile_def_t *d, const cols_t *k, void *ctx,
                            msdk_cosem_req_t *rq, msdk_rbuf_t *rb, uint32_t count)
{
    uint32_t n = 0u;
    msdk_cosem_capture_def_t restricting;
    int64_t from = 0;
    int64_t to = 0;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 4u) ||
        !get_capture_def(rb, &restricting) || !get_time_bound(rb, &from) ||
        !get_time_bound(rb, &to)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    const msdk_cosem_capture_def_t *time = time_def(d, k);
    if ((time == NULL) || (d->rows->time_s == NULL) || !same_capture(&restricting, time)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* only the time column restricts */
    }
    uint8_t dar = get_columns(k, rb, &rq->columns);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if (to < from) {
        rq->first = 0u;
        rq->last = 0u;
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    if ((bound(d, ctx, count, from, false, &rq->first) != MSDK_OK) ||
        (bound(d, ctx, count, to, true, &rq->last) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t select_entry(const cols_t *k, msdk_cosem_req_t *rq, msdk_rbuf_t *rb, uint32_t count)
{
    uint32_t n = 0u;
    uint32_t from = 0u;
    uint32_t to = 0u;
    uint16_t col_from = 0u;
    uint16_t col_to = 0u;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 4u) ||
        (msdk_cosem_axdr_get_uint32(rb, &from) != MSDK_OK) ||
        (msdk_cosem_axdr_get_uint32(rb, &to) != MSDK_OK) ||
        (msdk_cosem_axdr_get_uint16(rb, &col_from) != MSDK_OK) ||
        (msdk_cosem_axdr_get_uint16(rb, &col_to) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    /* Entries and columns count from 1; a 0 "to" means the last one. */
    from = (from == 0u) ? 1u : from;
    to = ((to == 0u) || (to > count)) ? count : to;
    col_from = (col_from == 0u) ? 1u : col_from;
    col_to = ((col_to == 0u) || (col_to > k->n)) ? k->n : col_to;
    if (col_from > col_to) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    rq->columns = all_columns((uint8_t)col_to) & ~all_columns((uint8_t)(col_from - 1u));
    rq->first = (from > to) ? 0u : (from - 1u);
    rq->last = (from > to) ? 0u : to;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* ---- Buffer ------------------------------------------------------------------------------- */

typedef struct row_ctx {
    const msdk_cosem_profile_def_t *d;
    void *ctx;
    const msdk_cosem_req_t *rq;
} row_ctx_t;

/* One row: the columns selected on the first call (the mask has no bit beyond the columns
 * there were then). */
static msdk_err_t put_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    const row_ctx_t *rc = (const row_ctx_t *)vctx;
    uint32_t r = rc->rq->first + row;
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, popcount(rc->rq->columns));
    for (uint8_t c = 0; (err == MSDK_OK) && (c < MSDK_COSEM_PROFILE_MAX_COLUMNS); c++) {
        if ((rc->rq->columns & (1u << c)) != 0u) {
            err = rc->d->rows->put_cell(rc->ctx, r, c, wb);
        }
    }
    return err;
}

static int get_buffer(const msdk_cosem_profile_def_t *d, void *ctx, msdk_cosem_req_t *rq,
                      msdk_wbuf_t *out)
{
    if (!rq->started) {
        uint32_t count = d->rows->count(ctx);
        const cols_t k = columns_of(d, ctx);
        uint8_t dar = (uint8_t)MSDK_COSEM_DAR_SUCCESS;
        if (rq->selector == 0u) {
            rq->first = 0u;
            rq->last = count;
            rq->columns = all_columns(k.n);
        } else {
            msdk_rbuf_t rb;
            msdk_rbuf_init(&rb, rq->sel_param, rq->sel_param_len);
            dar = (rq->selector == SELECTOR_RANGE)   ? select_range(d, &k, ctx, rq, &rb, count)
                  : (rq->selector == SELECTOR_ENTRY) ? select_entry(&k, rq, &rb, count)
                                                     : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
            if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) && (msdk_rbuf_remaining(&rb) != 0u)) {
                dar = (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
            }
        }
        if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            return (int)dar;
        }
        msdk_cosem_axdr_rows_init(&rq->rows, rq->last - rq->first);
        rq->started = true;
    }
    row_ctx_t rc = { d, ctx, rq };
    const uint8_t fail = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the storage failed */
    return msdk_cosem_class_get_rows(rq, out, NULL, ctx, put_row, &rc, &fail);
}

static msdk_err_t put_capture_def(msdk_wbuf_t *wb, const msdk_cosem_capture_def_t *c)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, c->class_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, c->ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_int8(wb, c->attr);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, c->data_index);
    }
    return err;
}

static int profile_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                       msdk_wbuf_t *out)
{
    const msdk_cosem_profile_def_t *d = (const msdk_cosem_profile_def_t *)obj->def;
    if (attr == 2u) {
        return get_buffer(d, obj->ctx, rq, out);
    }
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    size_t mark = out->pos;
    msdk_err_t err = MSDK_OK;
    const cols_t k = columns_of(d, obj->ctx);
    switch (attr) {
    case 3u:
        err = msdk_cosem_axdr_put_array_header(out, k.n);
        for (uint8_t c = 0; (err == MSDK_OK) && (c < k.n); c++) {
            err = put_capture_def(out, &k.c[c]);
        }
        break;
    case 4u:
        err = msdk_cosem_axdr_put_uint32(out, (d->period_now != NULL) ? d->period_now(obj->ctx)
                                                                      : d->capture_period_s);
        break;
    case 5u: err = msdk_cosem_axdr_put_enum(out, SORT_FIFO); break;
    case 6u: {
        static const msdk_cosem_capture_def_t none = { 0u, { 0u, 0u, 0u, 0u, 0u, 0u }, 0, 0u };
        const msdk_cosem_capture_def_t *time = time_def(d, &k);
        err = put_capture_def(out, (time != NULL) ? time : &none);
        break;
    }
    case 7u: err = msdk_cosem_axdr_put_uint32(out, d->rows->count(obj->ctx)); break;
    case 8u: err = msdk_cosem_axdr_put_uint32(out, d->max_entries); break;
    default: return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_put_end(out, mark, err);
}

/* capture_objects written: an array of at most 32 capture object definitions, nothing after
 * it. cols is written only up to the first bad element, and the count only on success. */
static uint8_t take_columns(msdk_rbuf_t *in, msdk_cosem_capture_def_t *cols, uint8_t *n)
{
    uint32_t count = 0u;
    if ((msdk_cosem_axdr_get_array_header(in, &count) != MSDK_OK) ||
        (count > MSDK_COSEM_PROFILE_MAX_COLUMNS)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    for (uint32_t i = 0u; i < count; i++) {
        if (!get_capture_def(in, &cols[i])) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
    }
    if (msdk_rbuf_remaining(in) != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    *n = (uint8_t)count;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* SET of capture_objects (3) and capture_period (4), when the application takes them: the
 * value is decoded and checked whole before its callback sees it. */
static uint8_t profile_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                           msdk_rbuf_t *in)
{
    const msdk_cosem_profile_def_t *d = (const msdk_cosem_profile_def_t *)obj->def;
    const bool columns = (attr == 3u) && (d->set_columns != NULL);
    const bool period = (attr == 4u) && (d->set_period != NULL);
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (columns) {
        msdk_cosem_capture_def_t cols[MSDK_COSEM_PROFILE_MAX_COLUMNS];
        uint8_t n = 0u;
        uint8_t dar = take_columns(in, cols, &n);
        return (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) ? d->set_columns(obj->ctx, cols, n) : dar;
    }
    if (period) {
        uint32_t s = 0u;
        if ((msdk_cosem_axdr_get_uint32(in, &s) != MSDK_OK) || (msdk_rbuf_remaining(in) != 0u)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        return d->set_period(obj->ctx, s);
    }
    return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
}

static uint8_t profile_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                              msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_profile_def_t *d = (const msdk_cosem_profile_def_t *)obj->def;
    uint8_t (*fn)(void *ctx) = (method == 1u) ? d->reset : ((method == 2u) ? d->capture : NULL);
    if (fn == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_take_zero(in) ? fn(obj->ctx)
                                          : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
}

const msdk_cosem_class_t msdk_cosem_class_profile = {
    .class_id = 7u,
    .version = 1u,
    .attr_count = 8u,
    .method_count = 2u,
    .sel_attrs = MSDK_COSEM_BIT(2),
    .selectors = (uint8_t)((1u << (SELECTOR_RANGE - 1u)) | (1u << (SELECTOR_ENTRY - 1u))),
    .get = profile_get,
    .set = profile_set,
    .action = profile_action,
};
