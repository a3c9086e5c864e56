/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Clock (class 8, version 0): attributes 2..9 and methods 1..6 through the application,
 * with the types and ranges checked here. */
#include "msdk/cosem/classes.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

/* Tag of each attribute 2..9 (index attr - 2). */
static const uint8_t clock_tags[8] = {
    MSDK_COSEM_AXDR_OCTET_STRING, /* time */
    MSDK_COSEM_AXDR_LONG,         /* time_zone */
    MSDK_COSEM_AXDR_UNSIGNED,     /* status */
    MSDK_COSEM_AXDR_OCTET_STRING, /* daylight_savings_begin */
    MSDK_COSEM_AXDR_OCTET_STRING, /* daylight_savings_end */
    MSDK_COSEM_AXDR_INTEGER,      /* daylight_savings_deviation */
    MSDK_COSEM_AXDR_BOOLEAN,      /* daylight_savings_enabled */
    MSDK_COSEM_AXDR_ENUM,         /* clock_base */
};

static bool is_datetime_attr(uint8_t attr)
{
    return (attr == (uint8_t)MSDK_COSEM_CLOCK_TIME) ||
           (attr == (uint8_t)MSDK_COSEM_CLOCK_DST_BEGIN) ||
           (attr == (uint8_t)MSDK_COSEM_CLOCK_DST_END);
}

/* Whether v is a well-formed value of attribute attr. */
static bool clock_value_ok(uint8_t attr, const msdk_cosem_value_t *v)
{
    if (v->tag != clock_tags[attr - 2u]) {
        return false;
    }
    if (is_datetime_attr(attr)) {
        msdk_cosem_datetime_t dt;
        return (v->v.str.len == MSDK_COSEM_DATETIME_SIZE) &&
               (msdk_cosem_datetime_decode(v->v.str.p, v->v.str.len, &dt) == MSDK_OK) &&
               (msdk_cosem_datetime_validate(&dt) == MSDK_OK);
    }
    if (attr == (uint8_t)MSDK_COSEM_CLOCK_TIME_ZONE) {
        /* -720..720 minutes, or 0x8000 (not specified). */
        return ((v->v.i >= -720) && (v->v.i <= 720)) || (v->v.i == INT16_MIN);
    }
    if (attr == (uint8_t)MSDK_COSEM_CLOCK_DST_DEVIATION) {
        return (v->v.i >= -120) && (v->v.i <= 120);
    }
    return true;
}

static int clock_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                     msdk_wbuf_t *out)
{
    const msdk_cosem_clock_def_t *d = (const msdk_cosem_clock_def_t *)obj->def;
    if ((attr < 2u) || (attr > 9u) || (rq->selector != 0u) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v = { 0 };
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (!clock_value_ok(attr, &v)) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the provider gave a bad value */
    }
    return msdk_cosem_class_put_value(out, &v);
}

static uint8_t clock_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                         msdk_rbuf_t *in)
{
    const msdk_cosem_clock_def_t *d = (const msdk_cosem_clock_def_t *)obj->def;
    if ((attr < 2u) || (attr > 9u) || (rq->selector != 0u) || (d->set == NULL)) {
        return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    msdk_cosem_value_t v;
    uint8_t dar = msdk_cosem_class_take_value(in, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if (!clock_value_ok(attr, &v)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

static uint8_t clock_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                            msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    (void)rq;
    (void)out;
    const msdk_cosem_clock_def_t *d = (const msdk_cosem_clock_def_t *)obj->def;
    if ((method < 1u) || (method > 6u) || (d->method == NULL)) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_value_t v;
    if (method == 5u) {
        /* preset_adjusting_time (structure {preset_time, validity_interval_start,
         * validity_interval_end}): three valid date-times, passed as their encoding. */
        msdk_rbuf_t r = *in;
        uint32_t n = 0u;
        bool ok = (msdk_cosem_axdr_get_structure_header(&r, &n) == MSDK_OK) && (n == 3u);
        for (uint32_t k = 0; ok && (k < 3u); k++) {
            msdk_cosem_value_t t;
            ok = (msdk_cosem_value_get(&r, &t) == MSDK_OK) &&
                 clock_value_ok((uint8_t)MSDK_COSEM_CLOCK_TIME, &t);
        }
        if (!ok || (msdk_rbuf_remaining(&r) != 0u)) {
            return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
        }
        v.tag = (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING;
        v.v.str.p = &in->p[in->pos];
        v.v.str.len = msdk_rbuf_remaining(in);
        return d->method(obj->ctx, method, &v);
    }
    if (method != 6u) {
        /* the adjust methods take integer(0) */
        v.tag = (uint8_t)MSDK_COSEM_AXDR_INTEGER;
        v.v.i = 0;
        return msdk_cosem_class_take_zero(in) ? d->method(obj->ctx, method, &v)
                                              : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    /* shift_time (long): -900..900 seconds. */
    bool ok = (msdk_cosem_class_take_value(in, &v) == (uint8_t)MSDK_COSEM_DAR_SUCCESS) &&
              (v.tag == (uint8_t)MSDK_COSEM_AXDR_LONG) && (v.v.i >= -900) && (v.v.i <= 900);
    return ok ? d->method(obj->ctx, method, &v) : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
}

const msdk_cosem_class_t msdk_cosem_class_clock = {
    .class_id = 8u,
    .version = 0u,
    .attr_count = 9u,
    .method_count = 6u,
    .get = clock_get,
    .set = clock_set,
    .action = clock_action,
};
