/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Register monitor (class 21, version 0): 2 thresholds (array of one scalar type),
 * 3 monitored_value (value_definition), 4 actions (array of action_set); no methods. The
 * monitoring itself is the application's: this class encodes, decodes and validates. The
 * arrays are streamed row by row on GET and validated whole before a begin/rows/end
 * hand-over on SET. No selective access.
 */

#include <string.h>
#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define DAR_OK      ((uint8_t)MSDK_COSEM_DAR_SUCCESS)
#define DAR_TYPE    ((uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED)
#define DAR_OTHER   ((uint8_t)MSDK_COSEM_DAR_OTHER_REASON)
#define DAR_HW      ((uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT)
#define DAR_UNAVAIL ((uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE)
#define DAR_DENIED  ((uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED)

typedef msdk_cosem_reg_monitor_def_t def_t;

/* ---- Values ------------------------------------------------------------------------------- */

/* Whether a threshold has the right type: `want`, or when that is null-data a real scalar
 * (not null-data or dont-care) of the type `*first` (set by the first threshold seen). */
static bool threshold_ok(uint8_t want, const msdk_cosem_value_t *v, int *first)
{
    if (want != (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) {
        return v->tag == want;
    }
    if (!msdk_cosem_axdr_tag_known(v->tag) || (v->tag == (uint8_t)MSDK_COSEM_AXDR_NULL_DATA) ||
        (v->tag == (uint8_t)MSDK_COSEM_AXDR_DONT_CARE) ||
        (v->tag == (uint8_t)MSDK_COSEM_AXDR_ARRAY) ||
        (v->tag == (uint8_t)MSDK_COSEM_AXDR_STRUCTURE) ||
        (v->tag == (uint8_t)MSDK_COSEM_AXDR_COMPACT_ARRAY)) {
        return false;
    }
    if (*first < 0) {
        *first = (int)v->tag;
    }
    return (int)v->tag == *first;
}

/* Last attribute of the classes whose values a register monitor may watch; 0: not one. */
static uint8_t monitored_attrs(uint16_t class_id)
{
    switch (class_id) {
    case 1u: return 2u; /* Data */
    case 3u: return 3u; /* Register */
    case 4u: return 5u; /* Extended register */
    case 5u: return 9u; /* Demand register */
    default: return 0u;
    }
}

/* value_definition: structure {long-unsigned class_id, octet-string(6) logical_name,
 * integer attribute_index}. */
static bool take_monitored(msdk_rbuf_t *rb, msdk_cosem_reg_monitor_value_t *m)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 3u) &&
           (msdk_cosem_axdr_get_uint16(rb, &m->class_id) == MSDK_OK) &&
           msdk_cosem_class_get_ln(rb, m->ln) &&
           (msdk_cosem_axdr_get_int8(rb, &m->attr) == MSDK_OK) && (m->attr >= 2) &&
           ((uint8_t)m->attr <= monitored_attrs(m->class_id));
}

/* action_item: structure {octet-string(6) script_logical_name, long-unsigned selector}. */
static bool take_item(msdk_rbuf_t *rb, msdk_cosem_reg_monitor_item_t *it)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 2u) &&
           msdk_cosem_class_get_ln(rb, it->script_ln) &&
           (msdk_cosem_axdr_get_uint16(rb, &it->selector) == MSDK_OK);
}

/* action_set: structure {action_item up, action_item down}. */
static bool take_action(msdk_rbuf_t *rb, msdk_cosem_reg_monitor_action_t *a)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == 2u) &&
           take_item(rb, &a->up) && take_item(rb, &a->down);
}

static msdk_err_t put_item(msdk_wbuf_t *wb, const msdk_cosem_reg_monitor_item_t *it)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(wb, it->script_ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(wb, it->selector);
    }
    return err;
}

/* ---- GET ---------------------------------------------------------------------------------- */

static msdk_err_t put_row(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    msdk_cosem_class_stream_t *sc = (msdk_cosem_class_stream_t *)vctx;
    const def_t *d = (const def_t *)sc->def;
    if (sc->attr == (uint8_t)MSDK_COSEM_REG_MONITOR_THRESHOLDS) {
        msdk_cosem_value_t v = { 0 };
        int first = -1;
        uint8_t dar = d->get_threshold(sc->ctx, row, &v);
        if ((dar == DAR_OK) && !threshold_ok(d->threshold_tag, &v, &first)) {
            dar = DAR_HW; /* the provider gave a bad value */
        }
        if (dar != DAR_OK) {
            sc->dar = dar;
            return MSDK_ERR_IO;
        }
        msdk_err_t err = msdk_cosem_value_put(wb, &v);
        return ((err == MSDK_OK) || (err == MSDK_ERR_BUFFER_TOO_SMALL)) ? err : MSDK_ERR_IO;
    }
    msdk_cosem_reg_monitor_action_t a;
    uint8_t dar = d->get_action(sc->ctx, row, &a);
    if (dar != DAR_OK) {
        sc->dar = dar;
        return MSDK_ERR_IO;
    }
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(wb, 2u);
    if (err == MSDK_OK) {
        err = put_item(wb, &a.up);
    }
    if (err == MSDK_OK) {
        err = put_item(wb, &a.down);
    }
    return err;
}

static int get_monitored(const def_t *d, void *ctx, msdk_wbuf_t *out)
{
    if (d->get_monitored == NULL) {
        return (int)DAR_UNAVAIL;
    }
    msdk_cosem_reg_monitor_value_t m;
    memset(&m, 0, sizeof m);
    uint8_t dar = d->get_monitored(ctx, &m);
    if (dar != DAR_OK) {
        return (int)dar;
    }
    size_t mark = out->pos;
    if ((msdk_cosem_axdr_put_structure_header(out, 3u) == MSDK_OK) &&
        (msdk_cosem_axdr_put_uint16(out, m.class_id) == MSDK_OK) &&
        (msdk_cosem_axdr_put_octet_string(out, m.ln, 6u) == MSDK_OK) &&
        (msdk_cosem_axdr_put_int8(out, m.attr) == MSDK_OK)) {
        return (int)DAR_OK;
    }
    out->pos = mark;
    return MSDK_COSEM_GET_NO_SPACE;
}

static int reg_monitor_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                           msdk_wbuf_t *out)
{
    const def_t *d = (const def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)DAR_OTHER; /* no selective access in this class */
    }
    switch (attr) {
    /* thresholds and actions: streamed across blocks. */
    case MSDK_COSEM_REG_MONITOR_THRESHOLDS:
        return msdk_cosem_class_get_table(rq, out, d, obj->ctx, attr, d->threshold_count,
                                          d->get_threshold != NULL, put_row);
    case MSDK_COSEM_REG_MONITOR_ACTIONS:
        return msdk_cosem_class_get_table(rq, out, d, obj->ctx, attr, d->action_count,
                                          d->get_action != NULL, put_row);
    case MSDK_COSEM_REG_MONITOR_MONITORED_VALUE: return get_monitored(d, obj->ctx, out);
    default: return (int)DAR_UNAVAIL;
    }
}

/* ---- SET ---------------------------------------------------------------------------------- */

/* One row of thresholds or actions: the value and, when `apply`, its hand-over. */
static uint8_t take_row(const def_t *d, void *ctx, uint8_t attr, msdk_rbuf_t *rb, uint32_t i,
                        int *first, bool apply)
{
    if (attr == (uint8_t)MSDK_COSEM_REG_MONITOR_THRESHOLDS) {
        msdk_cosem_value_t v;
        if ((msdk_cosem_value_get(rb, &v) != MSDK_OK) ||
            !threshold_ok(d->threshold_tag, &v, first)) {
            return DAR_TYPE;
        }
        return apply ? d->set_threshold(ctx, i, &v) : DAR_OK;
    }
    msdk_cosem_reg_monitor_action_t a;
    if (!take_action(rb, &a)) {
        return DAR_TYPE;
    }
    return apply ? d->set_action(ctx, i, &a) : DAR_OK;
}

/* thresholds or actions: validated whole, then begin, rows, end. */
static uint8_t set_table(const def_t *d, void *ctx, uint8_t attr, const msdk_rbuf_t *in)
{
    msdk_rbuf_t rb = *in;
    uint32_t n = 0u;
    int first = -1;
    if (msdk_cosem_axdr_get_array_header(&rb, &n) != MSDK_OK) {
        return DAR_TYPE;
    }
    const size_t rows_at = rb.pos;
    for (uint32_t i = 0u; i < n; i++) {
        if (take_row(d, ctx, attr, &rb, i, &first, false) != DAR_OK) {
            return DAR_TYPE;
        }
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return DAR_TYPE;
    }
    uint8_t dar = d->set_begin(ctx, attr, n);
    if (dar != DAR_OK) {
        return dar;
    }
    rb.pos = rows_at;
    first = -1;
    for (uint32_t i = 0u; (i < n) && (dar == DAR_OK); i++) {
        dar = take_row(d, ctx, attr, &rb, i, &first, true);
    }
    uint8_t end = d->set_end(ctx, attr, dar == DAR_OK);
    return (dar == DAR_OK) ? end : dar;
}

static uint8_t reg_monitor_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                               msdk_rbuf_t *in)
{
    const def_t *d = (const def_t *)obj->def;
    if (rq->selector != 0u) {
        return DAR_OTHER;
    }
    if (attr == (uint8_t)MSDK_COSEM_REG_MONITOR_MONITORED_VALUE) {
        msdk_cosem_reg_monitor_value_t m;
        if (d->set_monitored == NULL) {
            return DAR_DENIED;
        }
        if (!take_monitored(in, &m) || (msdk_rbuf_remaining(in) != 0u)) {
            return DAR_TYPE;
        }
        return d->set_monitored(obj->ctx, &m);
    }
    bool thr = (attr == (uint8_t)MSDK_COSEM_REG_MONITOR_THRESHOLDS);
    if ((!thr && (attr != (uint8_t)MSDK_COSEM_REG_MONITOR_ACTIONS)) || (d->set_begin == NULL) ||
        (d->set_end == NULL) || (thr && (d->set_threshold == NULL)) ||
        (!thr && (d->set_action == NULL))) {
        return DAR_DENIED;
    }
    return set_table(d, obj->ctx, attr, in);
}

const msdk_cosem_class_t msdk_cosem_class_reg_monitor = {
    .class_id = 21u,
    .version = 0u,
    .attr_count = 4u,
    .method_count = 0u,
    .get = reg_monitor_get,
    .set = reg_monitor_set,
};
