/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Script table (class 9, version 0): attribute 2 (scripts) streamed script by script from
 * the application and written as a validated whole, method 1 (execute).
 *
 * scripts ::= array script
 * script ::= structure { script_identifier: long-unsigned, actions: array action_spec }
 * action_spec ::= structure { service_id: enum, class_id: long-unsigned,
 *                             logical_name: octet-string(6), index: integer,
 *                             parameter: any Data value } */
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* ---- Decoding ----------------------------------------------------------------------------- */

static bool get_action(msdk_rbuf_t *rb, msdk_cosem_script_action_t *a)
{
    uint32_t n = 0u;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 5u) ||
        (msdk_cosem_axdr_get_enum(rb, &a->service_id) != MSDK_OK) ||
        ((a->service_id != (uint8_t)MSDK_COSEM_SCRIPT_SERVICE_WRITE) &&
         (a->service_id != (uint8_t)MSDK_COSEM_SCRIPT_SERVICE_EXECUTE)) ||
        (msdk_cosem_axdr_get_uint16(rb, &a->class_id) != MSDK_OK) ||
        !msdk_cosem_class_get_ln(rb, a->ln) ||
        (msdk_cosem_axdr_get_int8(rb, &a->index) != MSDK_OK)) {
        return false;
    }
    size_t start = rb->pos;
    if (msdk_cosem_axdr_skip(rb, MSDK_COSEM_SCRIPT_PARAM_DEPTH) != MSDK_OK) {
        return false;
    }
    a->param = &rb->p[start];
    a->param_len = rb->pos - start;
    return true;
}

/* Reads one script; false on any type, count or range error. */
static bool get_script(msdk_rbuf_t *rb, msdk_cosem_script_t *s)
{
    uint32_t n = 0u;
    uint32_t actions = 0u;
    if ((msdk_cosem_axdr_get_structure_header(rb, &n) != MSDK_OK) || (n != 2u) ||
        (msdk_cosem_axdr_get_uint16(rb, &s->id) != MSDK_OK) ||
        (msdk_cosem_axdr_get_array_header(rb, &actions) != MSDK_OK) ||
        (actions > MSDK_COSEM_SCRIPT_ACTIONS_MAX)) {
        return false;
    }
    s->action_count = (uint8_t)actions;
    for (uint32_t i = 0; i < actions; i++) {
        if (!get_action(rb, &s->actions[i])) {
            return false;
        }
    }
    return true;
}

/* Identifier of the script at the reader (which holds a validated script). */
static uint16_t peek_id(const msdk_rbuf_t *rb)
{
    msdk_rbuf_t r = *rb;
    uint32_t n = 0u;
    uint16_t id = 0u;
    if ((msdk_cosem_axdr_get_structure_header(&r, &n) != MSDK_OK) ||
        (msdk_cosem_axdr_get_uint16(&r, &id) != MSDK_OK)) {
        id = 0u; /* cannot happen: the script was validated */
    }
    return id;
}

/* Validates the whole array: every script well-formed, identifiers unique and not 0
 * (O(n^2) identifier comparisons over the validated prefix; n is bounded by the input). */
static uint8_t check_scripts(const msdk_cosem_script_table_def_t *d, msdk_rbuf_t *rb,
                             uint32_t *count, size_t *rows_at)
{
    uint32_t n = 0u;
    if (msdk_cosem_axdr_get_array_header(rb, &n) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    if ((d->max_scripts != 0u) && (n > d->max_scripts)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    size_t first = rb->pos;
    for (uint32_t i = 0; i < n; i++) {
        msdk_cosem_script_t s;
        size_t at = rb->pos;
        if (!get_script(rb, &s) || (s.id == 0u)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        msdk_rbuf_t q;
        msdk_rbuf_init(&q, rb->p, at);
        q.pos = first;
        while (q.pos < at) {
            if (peek_id(&q) == s.id) {
                return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED; /* duplicate identifier */
            }
            if (msdk_cosem_axdr_skip(&q, 3u + MSDK_COSEM_SCRIPT_PARAM_DEPTH) != MSDK_OK) {
                return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
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
    const msdk_cosem_script_table_def_t *d;
    void *ctx;
    uint8_t dar; /* the failure when a row cannot be produced */
} row_ctx_t;

static uint8_t set_script_row(void *rows, msdk_rbuf_t *rb, uint32_t i)
{
    const row_ctx_t *rc = (const row_ctx_t *)rows;
    msdk_cosem_script_t s;
    (void)get_script(rb, &s); /* validated before */
    return rc->d->set_row(rc->ctx, i, &s);
}

static uint8_t set_scripts(const msdk_cosem_script_table_def_t *d, void *ctx, msdk_rbuf_t *in)
{
    msdk_rbuf_t r = *in;
    uint32_t n = 0u;
    size_t rows_at = 0u;
    uint8_t dar = check_scripts(d, &r, &n, &rows_at);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    row_ctx_t rc = { d, ctx, (uint8_t)MSDK_COSEM_DAR_SUCCESS };
    const msdk_cosem_class_table_t t = { ctx, d->set_begin, d->set_end, set_script_row, &rc };
    r.pos = rows_at;
    return msdk_cosem_class_set_rows(&t, &r, n);
}

/* ---- Encoding ----------------------------------------------------------------------------- */

/* Writes one action; MSDK_ERR_INVALID_ARG for a bad value from the application. */
static msdk_err_t put_action(msdk_wbuf_t *wb, const msdk_cosem_script_action_t *a)
{
    if ((a->service_id != (uint8_t)MSDK_COSEM_SCRIPT_SERVICE_WRITE) &&
        (a->service_id != (uint8_t)MSDK_COSEM_SCRIPT_SERVICE_EXECUTE)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((a->param != NULL) && (a->param_len != 0u)) {
        msdk_rbuf_t pr;
        msdk_rbuf_init(&pr, a->param, a->param_len);
        if ((msdk_cosem_axdr_skip(&pr, MSDK_COSEM_SCRIPT_PARAM_DEPTH) != MSDK_OK) ||
            (msdk_rbuf_remaining(&pr) != 0u)) {
            return MSDK_ERR_INVALID_ARG; /* not exactly one Data value */
        }
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 5u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_enum(wb, a->service_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, a->class_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, a->ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_int8(wb, a->index);
    }
    if (err == MSDK_OK) {
        err = ((a->param != NULL) && (a->param_len != 0u))
                  ? msdk_wbuf_put_bytes(wb, a->param, a->param_len)
                  : msdk_cosem_axdr_put_null(wb);
    }
    return err;
}

static msdk_err_t put_script_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    row_ctx_t *rc = (row_ctx_t *)vctx;
    msdk_cosem_script_t s;
    uint8_t dar = rc->d->get(rc->ctx, row, &s);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        rc->dar = dar;
        return MSDK_ERR_STATE;
    }
    if (s.action_count > MSDK_COSEM_SCRIPT_ACTIONS_MAX) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, s.id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_array_header(wb, s.action_count);
    }
    for (uint8_t i = 0; (err == MSDK_OK) && (i < s.action_count); i++) {
        err = put_action(wb, &s.actions[i]);
    }
    if (err == MSDK_ERR_INVALID_ARG) {
        rc->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    return err;
}

static int script_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                      msdk_wbuf_t *out)
{
    const msdk_cosem_script_table_def_t *d = (const msdk_cosem_script_table_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if ((attr != 2u) || (d->count == NULL) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    row_ctx_t rc = { d, obj->ctx, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, d->count, obj->ctx, put_script_row, &rc, &rc.dar);
}

static uint8_t script_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                          msdk_rbuf_t *in)
{
    const msdk_cosem_script_table_def_t *d = (const msdk_cosem_script_table_def_t *)obj->def;
    if ((attr != 2u) || (d->set_begin == NULL) || (d->set_row == NULL) || (d->set_end == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    return set_scripts(d, obj->ctx, in);
}

/* execute (data: long-unsigned script_identifier). */
static uint8_t script_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                             msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_script_table_def_t *d = (const msdk_cosem_script_table_def_t *)obj->def;
    if ((method != 1u) || (d->execute == NULL)) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    msdk_rbuf_t r = *in;
    uint16_t id = 0u;
    if ((msdk_cosem_axdr_get_uint16(&r, &id) != MSDK_OK) || (msdk_rbuf_remaining(&r) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    if (id == 0u) {
        return (uint8_t)MSDK_COSEM_ACTION_SUCCESS; /* the null script: no action */
    }
    return d->execute(obj->ctx, id);
}

const msdk_cosem_class_t msdk_cosem_class_script_table = {
    .class_id = 9u,
    .version = 0u,
    .attr_count = 2u,
    .method_count = 1u,
    .get = script_get,
    .set = script_set,
    .action = script_action,
};
