/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Limiter (class 71, version 0): 2 monitored_value, 3..5 thresholds (a simple type, that of
 * the monitored value), 6..7 minimum over/under threshold durations (double-long-unsigned,
 * seconds), 8 emergency_profile, 9 emergency_profile_group_id_list (array of long-unsigned,
 * streamed), 10 emergency_profile_active, 11 actions. No methods. */
#include <string.h>

#include "msdk/cosem/class_control.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_FIRST ((uint8_t)MSDK_COSEM_LIMITER_MONITORED_VALUE)
#define ATTR_LAST  ((uint8_t)MSDK_COSEM_LIMITER_ACTIONS)

/* ---- Values ------------------------------------------------------------------------------- */

static bool is_threshold(uint8_t attr)
{
    return (attr >= (uint8_t)MSDK_COSEM_LIMITER_THRESHOLD_ACTIVE) &&
           (attr <= (uint8_t)MSDK_COSEM_LIMITER_THRESHOLD_EMERGENCY);
}

static bool is_numeric_tag(uint8_t tag)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_INTEGER:
    case MSDK_COSEM_AXDR_LONG:
    case MSDK_COSEM_AXDR_DOUBLE_LONG:
    case MSDK_COSEM_AXDR_LONG64:
    case MSDK_COSEM_AXDR_UNSIGNED:
    case MSDK_COSEM_AXDR_LONG_UNSIGNED:
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED:
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED:
    case MSDK_COSEM_AXDR_FLOAT32:
    case MSDK_COSEM_AXDR_FLOAT64: return true;
    default: return false;
    }
}

/* A threshold has the configured tag, or any numeric tag when none is configured. */
static bool threshold_ok(const msdk_cosem_limiter_def_t *d, const msdk_cosem_value_t *v)
{
    return (d->threshold_tag != 0u) ? (v->tag == d->threshold_tag) : is_numeric_tag(v->tag);
}

/* Whether what the provider reported for attr is a value of its type. */
static bool value_ok(const msdk_cosem_limiter_def_t *d, uint8_t attr,
                     const msdk_cosem_limiter_value_t *v)
{
    if (is_threshold(attr)) {
        return threshold_ok(d, &v->threshold);
    }
    if (attr == (uint8_t)MSDK_COSEM_LIMITER_MONITORED_VALUE) {
        return v->monitored.attr >= 1;
    }
    if (attr == (uint8_t)MSDK_COSEM_LIMITER_EMERGENCY_PROFILE) {
        return msdk_cosem_datetime_validate(&v->emergency.activation_time) == MSDK_OK;
    }
    return true;
}

/* ---- Decoding (SET) ----------------------------------------------------------------------- */

static bool get_ln(msdk_rbuf_t *rb, uint8_t ln[6])
{
    size_t len = 0u;
    return (msdk_cosem_axdr_get_octets(rb, MSDK_COSEM_AXDR_OCTET_STRING, ln, 6u, &len) ==
            MSDK_OK) &&
           (len == 6u);
}

static bool get_struct(msdk_rbuf_t *rb, uint32_t members)
{
    uint32_t n = 0u;
    return (msdk_cosem_axdr_get_structure_header(rb, &n) == MSDK_OK) && (n == members);
}

/* value_definition: {long-unsigned class_id, octet-string(6), integer attribute 1..127}. */
static bool get_value_def(msdk_rbuf_t *rb, msdk_cosem_value_def_t *vd)
{
    return get_struct(rb, 3u) && (msdk_cosem_axdr_get_uint16(rb, &vd->class_id) == MSDK_OK) &&
           get_ln(rb, vd->ln) && (msdk_cosem_axdr_get_int8(rb, &vd->attr) == MSDK_OK) &&
           (vd->attr >= 1);
}

/* action_item: {octet-string(6) script_logical_name, long-unsigned script_selector}. */
static bool get_action_item(msdk_rbuf_t *rb, msdk_cosem_action_item_t *ai)
{
    return get_struct(rb, 2u) && get_ln(rb, ai->script_ln) &&
           (msdk_cosem_axdr_get_uint16(rb, &ai->selector) == MSDK_OK);
}

/* emergency_profile: {long-unsigned id, octet-string(12) date-time, double-long-unsigned}. */
static bool get_emergency(msdk_rbuf_t *rb, msdk_cosem_emergency_profile_t *ep)
{
    return get_struct(rb, 3u) && (msdk_cosem_axdr_get_uint16(rb, &ep->id) == MSDK_OK) &&
           (msdk_cosem_axdr_get_datetime(rb, MSDK_COSEM_AXDR_DT_OCTET_STRING,
                                         &ep->activation_time) == MSDK_OK) &&
           (msdk_cosem_axdr_get_uint32(rb, &ep->duration_s) == MSDK_OK);
}

/* Decodes the value of attr (not the group list) completely; false if anything is wrong. */
static bool decode_value(const msdk_cosem_limiter_def_t *d, uint8_t attr, msdk_rbuf_t *rb,
                         msdk_cosem_limiter_value_t *v)
{
    bool ok;
    switch (attr) {
    case MSDK_COSEM_LIMITER_MONITORED_VALUE: ok = get_value_def(rb, &v->monitored); break;
    case MSDK_COSEM_LIMITER_THRESHOLD_ACTIVE:
    case MSDK_COSEM_LIMITER_THRESHOLD_NORMAL:
    case MSDK_COSEM_LIMITER_THRESHOLD_EMERGENCY:
        ok = (msdk_cosem_value_get(rb, &v->threshold) == MSDK_OK) && threshold_ok(d, &v->threshold);
        break;
    case MSDK_COSEM_LIMITER_MIN_OVER_DURATION:
    case MSDK_COSEM_LIMITER_MIN_UNDER_DURATION:
        ok = msdk_cosem_axdr_get_uint32(rb, &v->duration_s) == MSDK_OK;
        break;
    case MSDK_COSEM_LIMITER_EMERGENCY_PROFILE: ok = get_emergency(rb, &v->emergency); break;
    case MSDK_COSEM_LIMITER_EMERGENCY_ACTIVE:
        ok = msdk_cosem_axdr_get_bool(rb, &v->active) == MSDK_OK;
        break;
    default: /* MSDK_COSEM_LIMITER_ACTIONS */
        ok = get_struct(rb, 2u) && get_action_item(rb, &v->actions.over) &&
             get_action_item(rb, &v->actions.under);
        break;
    }
    return ok && (msdk_rbuf_remaining(rb) == 0u);
}

/* ---- Encoding (GET) ----------------------------------------------------------------------- */

/* GET result of an encoder: out rolled back on error; a value the encoder refuses (a bad
 * date-time from the provider) is a hardware-fault. */
static int put_result(msdk_wbuf_t *out, size_t mark, msdk_err_t err)
{
    if (err == MSDK_OK) {
        return (int)MSDK_COSEM_DAR_SUCCESS;
    }
    out->pos = mark;
    return (err == MSDK_ERR_BUFFER_TOO_SMALL) ? MSDK_COSEM_GET_NO_SPACE
                                              : (int)MSDK_COSEM_DAR_HARDWARE_FAULT;
}

static msdk_err_t put_action_item(msdk_wbuf_t *out, const msdk_cosem_action_item_t *ai)
{
    msdk_err_t err = msdk_cosem_axdr_put_structure_header(out, 2u);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_octet_string(out, ai->script_ln, 6u);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_put_uint16(out, ai->selector);
    }
    return err;
}

static msdk_err_t put_value(msdk_wbuf_t *out, uint8_t attr, const msdk_cosem_limiter_value_t *v)
{
    msdk_err_t err;
    switch (attr) {
    case MSDK_COSEM_LIMITER_MONITORED_VALUE:
        err = msdk_cosem_axdr_put_structure_header(out, 3u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint16(out, v->monitored.class_id);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_octet_string(out, v->monitored.ln, 6u);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_int8(out, v->monitored.attr);
        }
        break;
    case MSDK_COSEM_LIMITER_THRESHOLD_ACTIVE:
    case MSDK_COSEM_LIMITER_THRESHOLD_NORMAL:
    case MSDK_COSEM_LIMITER_THRESHOLD_EMERGENCY:
        err = msdk_cosem_value_put(out, &v->threshold);
        break;
    case MSDK_COSEM_LIMITER_MIN_OVER_DURATION:
    case MSDK_COSEM_LIMITER_MIN_UNDER_DURATION:
        err = msdk_cosem_axdr_put_uint32(out, v->duration_s);
        break;
    case MSDK_COSEM_LIMITER_EMERGENCY_PROFILE:
        err = msdk_cosem_axdr_put_structure_header(out, 3u);
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint16(out, v->emergency.id);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_datetime(out, MSDK_COSEM_AXDR_DT_OCTET_STRING,
                                               &v->emergency.activation_time);
        }
        if (err == MSDK_OK) {
            err = msdk_cosem_axdr_put_uint32(out, v->emergency.duration_s);
        }
        break;
    case MSDK_COSEM_LIMITER_EMERGENCY_ACTIVE: err = msdk_cosem_axdr_put_bool(out, v->active); break;
    default: /* MSDK_COSEM_LIMITER_ACTIONS */
        err = msdk_cosem_axdr_put_structure_header(out, 2u);
        if (err == MSDK_OK) {
            err = put_action_item(out, &v->actions.over);
        }
        if (err == MSDK_OK) {
            err = put_action_item(out, &v->actions.under);
        }
        break;
    }
    return err;
}

/* ---- Group id list (attribute 9) ---------------------------------------------------------- */

typedef struct group_rows {
    const msdk_cosem_limiter_groups_t *g;
    void *ctx;
    uint8_t dar; /* the provider's data-access-result when it fails */
} group_rows_t;

static msdk_err_t put_group(void *vctx, msdk_wbuf_t *wb, uint32_t row)
{
    group_rows_t *gr = (group_rows_t *)vctx;
    uint16_t id = 0u;
    uint8_t dar = gr->g->get(gr->ctx, row, &id);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        gr->dar = dar;
        return MSDK_ERR_IO;
    }
    return msdk_cosem_axdr_put_uint16(wb, id);
}

static int get_groups(const msdk_cosem_limiter_groups_t *g, void *ctx, msdk_cosem_req_t *rq,
                      msdk_wbuf_t *out)
{
    if ((g == NULL) || (g->count == NULL) || (g->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    group_rows_t gr = { g, ctx, (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT };
    return msdk_cosem_class_get_rows(rq, out, g->count, ctx, put_group, &gr, &gr.dar);
}

/* Validates the whole array, then hands it over row by row. */
static uint8_t set_groups(const msdk_cosem_limiter_groups_t *g, void *ctx, msdk_rbuf_t *in)
{
    if ((g == NULL) || (g->set_begin == NULL) || (g->set_row == NULL) || (g->set_end == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_rbuf_t rb = *in;
    uint32_t n = 0u;
    bool ok = msdk_cosem_axdr_get_array_header(&rb, &n) == MSDK_OK;
    const size_t first = rb.pos;
    for (uint32_t i = 0u; ok && (i < n); i++) {
        uint16_t id = 0u;
        ok = msdk_cosem_axdr_get_uint16(&rb, &id) == MSDK_OK;
    }
    if (!ok || (msdk_rbuf_remaining(&rb) != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    uint8_t dar = g->set_begin(ctx, n);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    rb.pos = first;
    for (uint32_t i = 0u; i < n; i++) {
        uint16_t id = 0u;
        /* validated above: a failure here cannot happen, but is handled as one */
        dar = (msdk_cosem_axdr_get_uint16(&rb, &id) == MSDK_OK)
                  ? g->set_row(ctx, i, id)
                  : (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
            (void)g->set_end(ctx, false);
            return dar;
        }
    }
    return g->set_end(ctx, true);
}

/* ---- Class -------------------------------------------------------------------------------- */

static int limiter_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                       msdk_wbuf_t *out)
{
    const msdk_cosem_limiter_def_t *d = (const msdk_cosem_limiter_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if (attr == (uint8_t)MSDK_COSEM_LIMITER_GROUP_ID_LIST) {
        return get_groups(d->groups, obj->ctx, rq, out);
    }
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_limiter_value_t v;
    memset(&v, 0, sizeof v); /* a defined start for the provider */
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!value_ok(d, attr, &v)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    size_t mark = out->pos;
    return put_result(out, mark, put_value(out, attr, &v));
}

static uint8_t limiter_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                           msdk_rbuf_t *in)
{
    const msdk_cosem_limiter_def_t *d = (const msdk_cosem_limiter_def_t *)obj->def;
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST) || (rq->selector != 0u)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    if (attr == (uint8_t)MSDK_COSEM_LIMITER_GROUP_ID_LIST) {
        return set_groups(d->groups, obj->ctx, in);
    }
    if (d->set == NULL) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_limiter_value_t v;
    msdk_rbuf_t rb = *in;
    if (!decode_value(d, attr, &rb, &v)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

const msdk_cosem_class_t msdk_cosem_class_limiter = {
    .class_id = 71u,
    .version = 0u,
    .attr_count = 11u,
    .method_count = 0u,
    .get = limiter_get,
    .set = limiter_set,
};
