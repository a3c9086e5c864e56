/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Single action schedule (class 22, version 0): executed_script (2), type (3) and
 * execution_time (4), the latter streamed entry by entry and written as a validated whole.
 *
 * executed_script ::= structure { script_logical_name: octet-string(6),
 *                                 script_selector: long-unsigned }
 * type ::= enum (1..5)
 * execution_time ::= array structure { time: octet-string(4), date: octet-string(5) }
 *
 * Type rules (Blue Book): 1 one entry, wildcards in the date allowed; 2 all times equal,
 * no date wildcards; 3 all times equal, date wildcards allowed; 4 times may differ, no
 * date wildcards; 5 times may differ, date wildcards allowed. Hundredths shall be 0. */
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define TYPE_MIN 1u
#define TYPE_MAX 5u

/* Whether the date fields hold a wildcard or a special value (last day, DST...). */
static bool date_has_wildcard(const msdk_cosem_datetime_t *t)
{
    return (t->year == MSDK_COSEM_DATETIME_YEAR_UNSPECIFIED) || (t->month < 1u) ||
           (t->month > 12u) || (t->day < 1u) || (t->day > 31u);
}

static bool same_time(const msdk_cosem_datetime_t *a, const msdk_cosem_datetime_t *b)
{
    return (a->hour == b->hour) && (a->minute == b->minute) && (a->second == b->second) &&
           (a->hundredths == b->hundredths);
}

/* Reads one {time, date} entry into the time and date fields of *t. */
static bool get_exec_time(msdk_rbuf_t *rb, msdk_cosem_datetime_t *t)
{
    uint32_t n = 0u;
    msdk_cosem_datetime_t tm;
    msdk_cosem_datetime_t dt;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_time(rb, MSDK_COSEM_AXDR_DT_ANY, &tm) != MSDK_OK) ||
        (msdk_cosem_axdr_get_date(rb, MSDK_COSEM_AXDR_DT_ANY, &dt) != MSDK_OK) ||
        ((tm.hundredths != 0u) && (tm.hundredths != MSDK_COSEM_DATETIME_UNSPECIFIED))) {
        return false;
    }
    dt.hour = tm.hour;
    dt.minute = tm.minute;
    dt.second = tm.second;
    dt.hundredths = tm.hundredths;
    *t = dt;
    return true;
}

/* Validates the whole array against the type. */
static uint8_t check_times(const msdk_cosem_single_action_def_t *d, uint8_t type, msdk_rbuf_t *rb,
                           uint32_t *count, size_t *rows_at)
{
    uint32_t n = 0u;
    if ((msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) || ((type == 1u) && (n > 1u))) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    if ((d->max_times != 0u) && (n > d->max_times)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    size_t start = rb->pos;
    bool wildcards_ok = (type == 1u) || (type == 3u) || (type == 5u);
    bool same_times = (type == 2u) || (type == 3u);
    msdk_cosem_datetime_t first = { 0 };
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_datetime_t t;
        if (!get_exec_time(rb, &t) || (!wildcards_ok && date_has_wildcard(&t)) ||
            (same_times && (i > 0u) && !same_time(&first, &t))) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        if (i == 0u) {
            first = t;
        }
    }
    if (msdk_rbuf_remaining(rb) != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    *count = n;
    *rows_at = start;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

typedef struct row_ctx {
    const msdk_cosem_single_action_def_t *d;
    void *ctx;
    uint8_t dar; /* the failure when a row cannot be produced */
} row_ctx_t;

static uint8_t set_time_row(void *rows, msdk_rbuf_t *rb, uint32_t i)
{
    const row_ctx_t *rc = (const row_ctx_t *)rows;
    msdk_cosem_datetime_t t;
    (void)get_exec_time(rb, &t); /* validated before */
    return rc->d->set_row(rc->ctx, i, &t);
}

static uint8_t set_times(const msdk_cosem_single_action_def_t *d, void *ctx, msdk_rbuf_t *in)
{
    uint8_t type = 0u;
    uint8_t dar =
        (d->type_get != NULL) ? d->type_get(ctx, &type) : (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if ((type < TYPE_MIN) || (type > TYPE_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the application's type is broken */
    }
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    size_t rows_at = 0u;
    dar = check_times(d, type, &r, &n, &rows_at);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    row_ctx_t rc = { d, ctx, (uint8_t)MSDK_COSEM_DAR_SUCCESS };
    const msdk_cosem_class_table_t t = { ctx, d->set_begin, d->set_end, set_time_row, &rc };
    r.pos = rows_at;
    return msdk_cosem_class_set_rows(&t, &r, n);
}

static msdk_err_t put_time_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    row_ctx_t *rc = (row_ctx_t *)vctx;
    msdk_cosem_datetime_t t;
    uint8_t dar = rc->d->get(rc->ctx, row, &t);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        rc->dar = dar;
        return MSDK_ERR_STATE;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_time(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &t);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_date(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &t);
    }
    if (err == MSDK_ERR_INVALID_ARG) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* an invalid time or date */
    }
    return err;
}

static int get_times(const msdk_cosem_single_action_def_t *d, void *ctx, msdk_cosem_req_t *rq,
                     msdk_wbuf_t *out)
{
    if ((d->count == NULL) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    row_ctx_t rc = { d, ctx, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, d->count, ctx, put_time_row, &rc, &rc.dar);
}

static int single_action_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                             msdk_wbuf_t *out)
{
    const msdk_cosem_single_action_def_t *d = (const msdk_cosem_single_action_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (attr == (uint8_t)MSDK_COSEM_SAS_EXECUTION_TIME) {
        return get_times(d, obj->ctx, rq, out);
    }
    size_t mark = out->pos;
    msdk_err_t err = MSDK_OK;
    uint8_t dar = (uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    if ((attr == (uint8_t)MSDK_COSEM_SAS_EXECUTED_SCRIPT) && (d->script_get != NULL)) {
        msdk_cosem_script_ref_t s;
        dar = d->script_get(obj->ctx, &s);
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            err = msdk_cosem_axdr_put_structure_header(out, 2u);
            if (err == MSDK_OK) {
                err = msdk_cosem_axdr_put_octet_string(out, s.ln, 6u);
            }
            if (err == MSDK_OK) {
                err = msdk_cosem_axdr_put_uint16(out, s.selector);
            }
        }
    } else if ((attr == (uint8_t)MSDK_COSEM_SAS_TYPE) && (d->type_get != NULL)) {
        uint8_t type = 0u;
        dar = d->type_get(obj->ctx, &type);
        if ((dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) && ((type < TYPE_MIN) || (type > TYPE_MAX))) {
            dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
        }
        if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            err = msdk_cosem_axdr_put_enum(out, type);
        }
    }
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    return msdk_cosem_class_put_end(out, mark, err);
}

static uint8_t single_action_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                                 msdk_rbuf_t *in)
{
    const msdk_cosem_single_action_def_t *d = (const msdk_cosem_single_action_def_t *)obj->def;
    bool writable =
        ((attr == (uint8_t)MSDK_COSEM_SAS_EXECUTED_SCRIPT) && (d->script_set != NULL)) ||
        ((attr == (uint8_t)MSDK_COSEM_SAS_TYPE) && (d->type_set != NULL)) ||
        ((attr == (uint8_t)MSDK_COSEM_SAS_EXECUTION_TIME) && (d->set_begin != NULL) &&
         (d->set_row != NULL) && (d->set_end != NULL));
    if (!writable) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (attr == (uint8_t)MSDK_COSEM_SAS_EXECUTION_TIME) {
        return set_times(d, obj->ctx, in);
    }
    msdk_rbuf_t r = *in;
    if (attr == (uint8_t)MSDK_COSEM_SAS_TYPE) {
        uint8_t type = 0u;
        if ((msdk_cosem_axdr_get_enum(&r, &type) != MSDK_OK) || (msdk_rbuf_remaining(&r) != 0u) ||
            (type < TYPE_MIN) || (type > TYPE_MAX)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        return d->type_set(obj->ctx, type);
    }
    uint32_t n = 0u;
    msdk_cosem_script_ref_t s;
    if ((msdk_cosem_axdr_get_structure_header(&r, &n) != MSDK_OK) || (n != 2u) ||
        !msdk_cosem_class_get_ln(&r, s.ln) ||
        (msdk_cosem_axdr_get_uint16(&r, &s.selector) != MSDK_OK) ||
        (msdk_rbuf_remaining(&r) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->script_set(obj->ctx, &s);
}

const msdk_cosem_class_t msdk_cosem_class_single_action = {
    .class_id = 22u,
    .version = 0u,
    .attr_count = 4u,
    .method_count = 0u,
    .get = single_action_get,
    .set = single_action_set,
};
