/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers the interface classes share: values to and from providers. */
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

int msdk_cosem_class_put_value(msdk_wbuf_t *out, const msdk_cosem_value_t *v)
{
    msdk_err_t err = msdk_cosem_value_put(out, v);
    if (err == MSDK_OK) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    return (err == MSDK_ERR_BUFFER_TOO_SMALL) ? MSDK_COSEM_GET_NO_SPACE
                                              : (int)MSDK_COSEM_DAR_OTHER_REASON;
}

int msdk_cosem_class_get_put(uint8_t (*get)(void *ctx, msdk_cosem_value_t *v), void *ctx,
                             msdk_wbuf_t *out)
{
    if (get == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v = { 0 };
    uint8_t dar = get(ctx, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    return msdk_cosem_class_put_value(out, &v);
}

uint8_t msdk_cosem_class_take_value(msdk_rbuf_t *in, msdk_cosem_value_t *v)
{
    if ((msdk_cosem_value_get(in, v) != MSDK_OK) || (msdk_rbuf_remaining(in) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

bool msdk_cosem_class_take_zero(msdk_rbuf_t *in)
{
    msdk_cosem_value_t v;
    return (msdk_cosem_class_take_value(in, &v) == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
           ((v.tag == (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) ||
            ((v.tag == (uint8_t)MSDK_COSEM_AXDR_INTEGER) && (v.v.i == 0)));
}

bool msdk_cosem_class_get_ln(msdk_rbuf_t *rb, uint8_t ln[6])
{
    const uint8_t *p = NULL;
    size_t n = 0u;
    if ((msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, &p, &n) != MSDK_OK) ||
        (n != 6u)) {
        return false;
    }
    for (unsigned i = 0; i < 6u; i++) {
        ln[i] = p[i];
    }
    return true;
}

bool msdk_cosem_class_same_bytes(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    bool same = (a_len == b_len);
    for (size_t i = 0; same && (i < a_len); i++) {
        same = (a[i] == b[i]);
    }
    return same;
}

bool msdk_cosem_class_scalar_ok(uint8_t want, const msdk_cosem_value_t *v)
{
    if (want != (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) {
        return v->tag == want;
    }
    return msdk_cosem_axdr_tag_known(v->tag) && (v->tag != (uint8_t)MSDK_COSEM_AXDR_ARRAY) &&
           (v->tag != (uint8_t)MSDK_COSEM_AXDR_STRUCTURE) &&
           (v->tag != (uint8_t)MSDK_COSEM_AXDR_COMPACT_ARRAY);
}

bool msdk_cosem_class_datetime_ok(const msdk_cosem_value_t *v)
{
    msdk_cosem_datetime_t dt;
    return (v->tag == (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING) &&
           (v->v.str.len == MSDK_COSEM_DATETIME_SIZE) &&
           (msdk_cosem_datetime_decode(v->v.str.p, v->v.str.len, &dt) == MSDK_OK);
}

int msdk_cosem_class_put_scaler_unit(msdk_wbuf_t *out, int8_t scaler, uint8_t unit)
{
    size_t mark = out->pos;
    if ((msdk_cosem_axdr_put_structure_header(out, 2u) == MSDK_OK) &&
        (msdk_cosem_axdr_put_int8(out, scaler) == MSDK_OK) &&
        (msdk_cosem_axdr_put_enum(out, unit) == MSDK_OK)) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    out->pos = mark;
    return MSDK_COSEM_GET_NO_SPACE;
}

int msdk_cosem_class_put_end(msdk_wbuf_t *out, size_t mark, msdk_err_t err)
{
    if (err != MSDK_OK) {
        out->pos = mark;
        return MSDK_COSEM_GET_NO_SPACE;
    }
    return (int)MSDK_COSEM_DAR_SUCCESS;
}

int msdk_cosem_class_get_checked(const msdk_cosem_class_checked_t *c, uint8_t attr,
                                 msdk_wbuf_t *out)
{
    if (c->get == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v = { 0 };
    uint8_t dar = c->get(c->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!c->ok(c->def, attr, &v)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    return msdk_cosem_class_put_value(out, &v);
}

uint8_t msdk_cosem_class_set_checked(const msdk_cosem_class_checked_t *c, uint8_t attr,
                                     msdk_rbuf_t *in)
{
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if (!c->ok(c->def, attr, &v)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return c->set(c->ctx, attr, &v);
}

uint8_t msdk_cosem_class_set_value(const msdk_cosem_req_t *rq, bool writable, msdk_rbuf_t *in,
                                   msdk_cosem_value_t *v)
{
    if (rq->selector != 0u) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    if (!writable) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    return msdk_cosem_class_take_value(in, v);
}

uint8_t msdk_cosem_class_call_zero(uint8_t (*fn)(void *ctx), void *ctx, msdk_rbuf_t *in)
{
    if (fn == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_take_zero(in) ? fn(ctx) : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
}

int msdk_cosem_class_get_rows(msdk_cosem_req_t *rq, msdk_wbuf_t *out, uint32_t (*count)(void *ctx),
                              void *ctx, msdk_cosem_axdr_row_fn_t put_row, void *row_ctx,
                              const uint8_t *fail)
{
    if (!rq->started) {
        msdk_cosem_axdr_rows_init(&rq->rows, (count != NULL) ? count(ctx) : 0u);
        rq->started = true;
    }
    bool done = false;
    msdk_err_t err = msdk_cosem_axdr_rows_put(out, &rq->rows, put_row, row_ctx, &done);
    if (err == MSDK_ERR_BUFFER_TOO_SMALL) {
        return MSDK_COSEM_GET_NO_SPACE;
    }
    if (err != MSDK_OK) {
        return (int)*fail;
    }
    rq->more = !done;
    return (int)MSDK_COSEM_DAR_SUCCESS;
}

int msdk_cosem_class_get_table(msdk_cosem_req_t *rq, msdk_wbuf_t *out, const void *def, void *ctx,
                               uint8_t attr, uint32_t (*count)(void *ctx), bool has_rows,
                               msdk_cosem_axdr_row_fn_t put_row)
{
    if ((count == NULL) || !has_rows) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_class_stream_t sc = { def, ctx, attr, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, count, ctx, put_row, &sc, &sc.dar);
}

uint8_t msdk_cosem_class_set_rows(const msdk_cosem_class_table_t *t, msdk_rbuf_t *rb, uint32_t n)
{
    uint8_t dar = t->set_begin(t->ctx, n);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    for (uint32_t i = 0; i < n; i++) {
        dar = t->set_row(t->rows, rb, i);
        if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            (void)t->set_end(t->ctx, false);
            return dar;
        }
    }
    return t->set_end(t->ctx, true);
}
