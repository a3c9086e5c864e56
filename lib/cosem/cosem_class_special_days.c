/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Special days table (class 11, version 0): attribute 2 (entries) streamed entry by entry
 * and written as a validated whole, methods 1 (insert) and 2 (delete).
 *
 * entries ::= array spec_day_entry
 * spec_day_entry ::= structure { index: long-unsigned, specialday_date: octet-string(5),
 *                                day_id: unsigned }
 * insert (data: spec_day_entry), delete (data: long-unsigned index) */
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Reads one entry; false on any type, length or date error. */
static bool get_entry(msdk_rbuf_t *rb, msdk_cosem_special_day_t *e)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 3u) &&
           (msdk_cosem_axdr_get_uint16(rb, &e->index) == MSDK_OK) &&
           (msdk_cosem_axdr_get_date(rb, MSDK_COSEM_AXDR_DT_ANY, &e->date) == MSDK_OK) &&
           (msdk_cosem_axdr_get_uint8(rb, &e->day_id) == MSDK_OK);
}

/* Validates the whole array: every entry well-formed, indexes unique (O(n^2) over the
 * validated prefix, re-reading the input; no storage needed). */
static uint8_t check_entries(const msdk_cosem_special_days_def_t *d, msdk_rbuf_t *rb,
                             uint32_t *count, size_t *rows_at)
{
    uint32_t n = 0u;
    if (msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    if ((d->max_entries != 0u) && (n > d->max_entries)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    size_t first = rb->pos;
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_special_day_t e;
        if (!get_entry(rb, &e)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        msdk_rbuf_t q = *rb;
        q.pos = first;
        for (uint32_t j = 0; j < i; j++) {
            msdk_cosem_special_day_t prev;
            (void)get_entry(&q, &prev); /* validated */
            if (prev.index == e.index) {
                return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED; /* duplicate index */
            }
        }
    }
    if (msdk_rbuf_remaining(rb) != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    *count = n;
    *rows_at = first;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

typedef struct row_ctx {
    const msdk_cosem_special_days_def_t *d;
    void *ctx;
    uint8_t dar; /* the failure when a row cannot be produced */
} row_ctx_t;

static uint8_t set_entry_row(void *rows, msdk_rbuf_t *rb, uint32_t i)
{
    const row_ctx_t *rc = (const row_ctx_t *)rows;
    msdk_cosem_special_day_t e;
    (void)get_entry(rb, &e); /* validated before */
    return rc->d->set_row(rc->ctx, i, &e);
}

static uint8_t set_entries(const msdk_cosem_special_days_def_t *d, void *ctx, msdk_rbuf_t *in)
{
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    size_t rows_at = 0u;
    uint8_t dar = check_entries(d, &r, &n, &rows_at);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    row_ctx_t rc = { d, ctx, (uint8_t)MSDK_COSEM_DAR_SUCCESS };
    const msdk_cosem_class_table_t t = { ctx, d->set_begin, d->set_end, set_entry_row, &rc };
    r.pos = rows_at;
    return msdk_cosem_class_set_rows(&t, &r, n);
}

static msdk_err_t put_entry_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    row_ctx_t *rc = (row_ctx_t *)vctx;
    msdk_cosem_special_day_t e;
    uint8_t dar = rc->d->get(rc->ctx, row, &e);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        rc->dar = dar;
        return MSDK_ERR_STATE;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 3u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, e.index);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_date(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &e.date);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint8(wb, e.day_id);
    }
    if (err == MSDK_ERR_INVALID_ARG) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* an invalid date */
    }
    return err;
}

static int special_days_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                            msdk_wbuf_t *out)
{
    const msdk_cosem_special_days_def_t *d = (const msdk_cosem_special_days_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr != 2u) || (d->count == NULL) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    row_ctx_t rc = { d, obj->ctx, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, d->count, obj->ctx, put_entry_row, &rc, &rc.dar);
}

static uint8_t special_days_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                                msdk_rbuf_t *in)
{
    const msdk_cosem_special_days_def_t *d = (const msdk_cosem_special_days_def_t *)obj->def;
    if ((attr != 2u) || (d->set_begin == NULL) || (d->set_row == NULL) || (d->set_end == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    return set_entries(d, obj->ctx, in);
}

static uint8_t special_days_action(const msdk_cosem_object_t *obj, uint8_t method,
                                   msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_special_days_def_t *d = (const msdk_cosem_special_days_def_t *)obj->def;
    msdk_rbuf_t r = *in;
    if ((method == 1u) && (d->insert != NULL)) {
        msdk_cosem_special_day_t e;
        if (!get_entry(&r, &e) || (msdk_rbuf_remaining(&r) != 0u)) {
            return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
        }
        return d->insert(obj->ctx, &e);
    }
    if ((method == 2u) && (d->delete_entry != NULL)) {
        uint16_t index = 0u;
        if ((msdk_cosem_axdr_get_uint16(&r, &index) != MSDK_OK) ||
            (msdk_rbuf_remaining(&r) != 0u)) {
            return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
        }
        return d->delete_entry(obj->ctx, index);
    }
    return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
}

const msdk_cosem_class_t msdk_cosem_class_special_days = {
    .class_id = 11u,
    .version = 0u,
    .attr_count = 2u,
    .method_count = 2u,
    .get = special_days_get,
    .set = special_days_set,
    .action = special_days_action,
};
