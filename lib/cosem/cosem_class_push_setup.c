/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Push setup (class 40, version 0): 2 push_object_list (array of object definitions,
 * streamed), 3 send_destination_and_method, 4 communication_window (array of start/end
 * date-times, streamed), 5 randomisation_start_interval (long-unsigned), 6 number_of_retries
 * (unsigned), 7 repetition_delay (long-unsigned); method 1 push (integer 0). Also the encoder
 * of a push's data-notification, reading the listed attributes through their classes. */
#include <string.h>

#include "msdk/cosem/class_control.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_OBJECTS ((uint8_t)MSDK_COSEM_PUSH_OBJECT_LIST)
#define ATTR_WINDOW  ((uint8_t)MSDK_COSEM_PUSH_WINDOW)

/* One row of either table. */
typedef union push_row {
    msdk_cosem_push_object_t obj;
    msdk_cosem_push_window_t win;
} push_row_t;

/* ---- Decoding (SET) ----------------------------------------------------------------------- */

static bool get_struct(msdk_rbuf_t *rb, uint32_t members)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == members);
}

/* object definition: {long-unsigned, octet-string(6), integer 0..127, long-unsigned}. */
static bool get_object(msdk_rbuf_t *rb, msdk_cosem_push_object_t *o)
{
    size_t len = 0u;
    return get_struct(rb, 4u) && (msdk_cosem_axdr_get_uint16(rb, &o->class_id) == MSDK_OK) &&
           (msdk_cosem_axdr_get_octets(rb, MSDK_COSEM_AXDR_OCTET_STRING, o->ln, 6u, &len) ==
            MSDK_OK) &&
           (len == 6u) && (msdk_cosem_axdr_get_int8(rb, &o->attr) == MSDK_OK) && (o->attr >= 0) &&
           (msdk_cosem_axdr_get_uint16(rb, &o->data_index) == MSDK_OK);
}

/* window_element: {octet-string(12) start_time, octet-string(12) end_time}. */
static bool get_window(msdk_rbuf_t *rb, msdk_cosem_push_window_t *w)
{
    return get_struct(rb, 2u) &&
           (msdk_cosem_axdr_get_datetime(rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &w->start) ==
            MSDK_OK) &&
           (msdk_cosem_axdr_get_datetime(rb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &w->end) == MSDK_OK);
}

static bool get_row(uint8_t attr, msdk_rbuf_t *rb, push_row_t *row)
{
    return (attr == ATTR_OBJECTS) ? get_object(rb, &row->obj) : get_window(rb, &row->win);
}

static bool transport_ok(uint8_t t)
{
    return (t <= MSDK_COSEM_PUSH_TRANSPORT_MAX) || (t >= MSDK_COSEM_PUSH_TRANSPORT_MANUFACTURER);
}

static bool message_ok(uint8_t m)
{
    return (m <= MSDK_COSEM_PUSH_MESSAGE_XML) || (m >= MSDK_COSEM_PUSH_MESSAGE_MANUFACTURER);
}

/* send_destination_and_method: {enum transport_service, octet-string destination, enum
 * message}. */
static bool get_destination(msdk_rbuf_t *rb, msdk_cosem_push_destination_t *dst)
{
    return get_struct(rb, 3u) && (msdk_cosem_axdr_get_enum(rb, &dst->transport) == MSDK_OK) &&
           transport_ok(dst->transport) &&
           (msdk_cosem_axdr_get_octets_ref(rb, MSDK_COSEM_AXDR_OCTET_STRING, &dst->dest,
                                           &dst->dest_len) == MSDK_OK) &&
           (msdk_cosem_axdr_get_enum(rb, &dst->message) == MSDK_OK) && message_ok(dst->message);
}

static bool decode_value(uint8_t attr, msdk_rbuf_t *rb, msdk_cosem_push_value_t *v)
{
    bool ok;
    if (attr == (uint8_t)MSDK_COSEM_PUSH_DESTINATION) {
        ok = get_destination(rb, &v->destination);
    } else if (attr == (uint8_t)MSDK_COSEM_PUSH_RETRIES) {
        ok = msdk_cosem_axdr_get_uint8(rb, &v->retries) == MSDK_OK;
    } else {
        ok = msdk_cosem_axdr_get_uint16(rb, &v->seconds) == MSDK_OK;
    }
    return ok && (msdk_rbuf_remaining(rb) == 0u);
}

/* ---- Encoding (GET) ----------------------------------------------------------------------- */

static msdk_err_t put_object(msdk_wbuf_t *wb, const msdk_cosem_push_object_t *o)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 4u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, o->class_id);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, o->ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_int8(wb, o->attr);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, o->data_index);
    }
    return err;
}

static msdk_err_t put_window(msdk_wbuf_t *wb, const msdk_cosem_push_window_t *w)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &w->start);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &w->end);
    }
    return err;
}

static msdk_err_t put_value(msdk_wbuf_t *wb, uint8_t attr, const msdk_cosem_push_value_t *v)
{
    if (attr == (uint8_t)MSDK_COSEM_PUSH_RETRIES) {
        return msdk_cosem_axdr_put_uint8(wb, v->retries);
    }
    if (attr != (uint8_t)MSDK_COSEM_PUSH_DESTINATION) {
        return msdk_cosem_axdr_put_uint16(wb, v->seconds);
    }
    const msdk_cosem_push_destination_t *dst = &v->destination;
    if (!transport_ok(dst->transport) || !message_ok(dst->message)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 3u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_enum(wb, dst->transport);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, dst->dest, dst->dest_len);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_enum(wb, dst->message);
    }
    return err;
}

/* ---- Tables (attributes 2 and 4) ---------------------------------------------------------- */

typedef struct table_rows {
    const msdk_cosem_push_setup_def_t *d;
    void *ctx;
    uint8_t attr;
    uint8_t dar; /* the provider's data-access-result when it fails */
} table_rows_t;

static msdk_err_t put_table_row(void *vctx, msdk_wbuf_t *wb, uint32_t i)
{
    table_rows_t *tr = (table_rows_t *)vctx;
    push_row_t row;
    memset(&row, 0, sizeof row);
    uint8_t dar = (tr->attr == ATTR_OBJECTS) ? tr->d->objects->get(tr->ctx, i, &row.obj)
                                             : tr->d->windows->get(tr->ctx, i, &row.win);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        tr->dar = dar;
        return MSDK_ERR_IO;
    }
    msdk_err_t err;
    if (tr->attr == ATTR_OBJECTS) {
        err = (row.obj.attr >= 0) ? put_object(wb, &row.obj) : MSDK_ERR_INVALID_ARG;
    } else {
        err = put_window(wb, &row.win);
    }
    if ((err != MSDK_OK) && (err != MSDK_ERR_BUFFER_TOO_SMALL)) {
        tr->dar = (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad row */
        return MSDK_ERR_IO;
    }
    return err;
}

static bool table_readable(const msdk_cosem_push_setup_def_t *d, uint8_t attr)
{
    if (attr == ATTR_OBJECTS) {
        return (d->objects != NULL) && (d->objects->count != NULL) && (d->objects->get != NULL);
    }
    return (d->windows != NULL) && (d->windows->count != NULL) && (d->windows->get != NULL);
}

static bool table_writable(const msdk_cosem_push_setup_def_t *d, uint8_t attr)
{
    if (attr == ATTR_OBJECTS) {
        return (d->objects != NULL) && (d->objects->set_begin != NULL) &&
               (d->objects->set_row != NULL) && (d->objects->set_end != NULL);
    }
    return (d->windows != NULL) && (d->windows->set_begin != NULL) &&
           (d->windows->set_row != NULL) && (d->windows->set_end != NULL);
}

static int get_table(const msdk_cosem_push_setup_def_t *d, void *ctx, uint8_t attr,
                     msdk_cosem_req_t *rq, msdk_wbuf_t *out)
{
    if (!table_readable(d, attr)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    table_rows_t tr = { d, ctx, attr, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out,
                                     (attr == ATTR_OBJECTS) ? d->objects->count : d->windows->count,
                                     ctx, put_table_row, &tr, &tr.dar);
}

/* Validates the whole array, then hands it over row by row. */
static uint8_t set_table(const msdk_cosem_push_setup_def_t *d, void *ctx, uint8_t attr,
                         msdk_rbuf_t *in)
{
    if (!table_writable(d, attr)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_rbuf_t rb = *in;
    uint32_t n = 0u;
    push_row_t row;
    bool ok = msdk_cosem_axdr_get_array_header(&rb, &n) == MSDK_OK;
    const size_t first = rb.pos;
    for (uint32_t i = 0u; ok && (i < n); i++) {
        ok = get_row(attr, &rb, &row);
    }
    if (!ok || (msdk_rbuf_remaining(&rb) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    const bool objs = (attr == ATTR_OBJECTS);
    uint8_t dar = objs ? d->objects->set_begin(ctx, n) : d->windows->set_begin(ctx, n);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    rb.pos = first;
    for (uint32_t i = 0u; i < n; i++) {
        if (!get_row(attr, &rb, &row)) {
            dar = (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* validated above: cannot happen */
        } else {
            dar = objs ? d->objects->set_row(ctx, i, &row.obj)
                       : d->windows->set_row(ctx, i, &row.win);
        }
        if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            (void)(objs ? d->objects->set_end(ctx, false) : d->windows->set_end(ctx, false));
            return dar;
        }
    }
    return objs ? d->objects->set_end(ctx, true) : d->windows->set_end(ctx, true);
}

/* ---- Class -------------------------------------------------------------------------------- */

static int push_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                    msdk_wbuf_t *out)
{
    const msdk_cosem_push_setup_def_t *d = (const msdk_cosem_push_setup_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in version 0 */
    }
    if ((attr == ATTR_OBJECTS) || (attr == ATTR_WINDOW)) {
        return get_table(d, obj->ctx, attr, rq, out);
    }
    if ((attr < 2u) || (attr > (uint8_t)MSDK_COSEM_PUSH_REPETITION_DELAY) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_push_value_t v;
    memset(&v, 0, sizeof v);
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    size_t mark = out->pos;
    msdk_err_t err = put_value(out, attr, &v);
    if (err == MSDK_OK) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    out->pos = mark;
    return (err == MSDK_ERR_BUFFER_TOO_SMALL) ? MSDK_COSEM_GET_NO_SPACE
                                              : (int)MSDK_COSEM_DAR_HARDWARE_FAULT;
}

static uint8_t push_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_rbuf_t *in)
{
    const msdk_cosem_push_setup_def_t *d = (const msdk_cosem_push_setup_def_t *)obj->def;
    if ((attr < 2u) || (attr > (uint8_t)MSDK_COSEM_PUSH_REPETITION_DELAY) || (rq->selector != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if ((attr == ATTR_OBJECTS) || (attr == ATTR_WINDOW)) {
        return set_table(d, obj->ctx, attr, in);
    }
    if (d->set == NULL) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_push_value_t v;
    msdk_rbuf_t rb = *in;
    if (!decode_value(attr, &rb, &v)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

static uint8_t push_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                           msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_push_setup_def_t *d = (const msdk_cosem_push_setup_def_t *)obj->def;
    if ((method != 1u) || (d->push == NULL)) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    return msdk_cosem_class_take_zero(in) ? d->push(obj->ctx)
                                          : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
}

const msdk_cosem_class_t msdk_cosem_class_push_setup = {
    .class_id = 40u,
    .version = 0u,
    .attr_count = 7u,
    .method_count = 1u,
    .get = push_get,
    .set = push_set,
    .action = push_action,
};

/* ---- Data-notification of a push ---------------------------------------------------------- */

/* Keeps only element `index` (1-based) of the array or structure encoded at out->p[start..pos). */
static msdk_err_t cut_element(msdk_wbuf_t *out, size_t start, uint16_t index)
{
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, &out->p[start], out->pos - start);
    uint8_t tag = 0u;
    uint32_t n = 0u;
    msdk_err_t err = msdk_cosem_axdr_peek_tag(&rb, &tag);
    if ((err != MSDK_OK) ||
        ((tag != (uint8_t)MSDK_COSEM_AXDR_ARRAY) && (tag != (uint8_t)MSDK_COSEM_AXDR_STRUCTURE))) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    err = (tag == (uint8_t)MSDK_COSEM_AXDR_ARRAY) ? msdk_cosem_axdr_get_array_header(&rb, &n)
                                                  : msdk_cosem_axdr_get_structure_header(&rb, &n);
    if (err != MSDK_OK) {
        return MSDK_ERR_IO; /* a class wrote something malformed */
    }
    if (index > n) {
        return MSDK_ERR_NOT_FOUND;
    }
    for (uint32_t i = 1u; i < index; i++) {
        if (msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX) != MSDK_OK) {
            return MSDK_ERR_IO;
        }
    }
    const size_t from = rb.pos;
    if (msdk_cosem_axdr_skip(&rb, MSDK_COSEM_AXDR_DEPTH_MAX) != MSDK_OK) {
        return MSDK_ERR_IO;
    }
    const size_t len = rb.pos - from;
    memmove(&out->p[start], &out->p[start + from], len);
    out->pos = start + len;
    return MSDK_OK;
}

/* Encodes one entry of the push object list: the attribute's value as a GET reads it. */
static msdk_err_t encode_entry(const msdk_cosem_ldev_t *ld, msdk_cosem_assoc_t *a,
                               const msdk_cosem_push_object_t *e, msdk_wbuf_t *out)
{
    uint16_t idx = 0u;
    if (msdk_cosem_ldev_find(ld, e->class_id, e->ln, &idx) != MSDK_OK) {
        return MSDK_ERR_NOT_FOUND;
    }
    const msdk_cosem_object_t *o = &ld->objects[idx];
    if (e->attr == 0) {
        return MSDK_ERR_NOT_SUPPORTED; /* "all attributes" is not encoded by this helper */
    }
    if ((e->attr < 0) || ((uint8_t)e->attr > o->cls->attr_count)) {
        return MSDK_ERR_NOT_FOUND;
    }
    const size_t start = out->pos;
    if (e->attr == 1) {
        msdk_err_t err = msdk_cosem_axdr_put_octet_string(out, o->ln, 6u);
        if (err != MSDK_OK) {
            return err;
        }
    } else {
        msdk_cosem_req_t rq;
        memset(&rq, 0, sizeof rq);
        rq.assoc = a;
        do {
            /* A streamed value continues in the same buffer until complete or full. */
            rq.more = false;
            int rc = o->cls->get(o, (uint8_t)e->attr, &rq, out);
            if (rc == MSDK_COSEM_GET_NO_SPACE) {
                return MSDK_ERR_BUFFER_TOO_SMALL;
            }
            if (rc != (int)MSDK_COSEM_DAR_SUCCESS) {
                return MSDK_ERR_IO;
            }
        } while (rq.more);
    }
    return (e->data_index == 0u) ? MSDK_OK : cut_element(out, start, e->data_index);
}

msdk_err_t msdk_cosem_push_encode(const msdk_cosem_ldev_t *ld, const msdk_cosem_object_t *push,
                                  uint32_t liip, const uint8_t *date_time, msdk_wbuf_t *out)
{
    if ((ld == NULL) || (push == NULL) || (out == NULL) ||
        (push->cls != &msdk_cosem_class_push_setup) || (push->def == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const msdk_cosem_push_setup_def_t *d = (const msdk_cosem_push_setup_def_t *)push->def;
    if (!table_readable(d, ATTR_OBJECTS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* The classes see a connection that is not associated (no client, no rights). */
    msdk_cosem_assoc_t a;
    msdk_err_t err = msdk_cosem_assoc_init(&a, ld, NULL, 0u);
    if (err != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    const size_t mark = out->pos;
    const uint32_t n = d->objects->count(push->ctx);
    err = msdk_cosem_xdlms_data_notification_encode_begin(out, liip, date_time);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_structure_header(out, n);
    }
    for (uint32_t i = 0u; (err == MSDK_OK) && (i < n); i++) {
        msdk_cosem_push_object_t e;
        memset(&e, 0, sizeof e);
        err = (d->objects->get(push->ctx, i, &e) == (uint8_t)MSDK_COSEM_DAR_SUCCESS)
                  ? encode_entry(ld, &a, &e, out)
                  : MSDK_ERR_IO;
    }
    if (err != MSDK_OK) {
        out->pos = mark;
    }
    return err;
}
