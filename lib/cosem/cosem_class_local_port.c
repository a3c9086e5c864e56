/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* IEC local port setup (class 19, version 1): the settings of an IEC 62056-21 port through
 * the application. 2 default_mode, 3 default_baud, 4 prop_baud and 5 response_time are
 * enums; 6 device_addr and the passwords 7 pass_p1, 8 pass_p2 and 9 pass_w5 octet-strings.
 * The passwords are write-only: no GET ever reaches the application for them. */
#include "msdk/cosem/class_setup.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_FIRST 2u
#define ATTR_LAST  9u

static bool is_password(uint8_t attr)
{
    return attr >= (uint8_t)MSDK_COSEM_LOCAL_PORT_PASS_P1;
}

/* Largest enum value of attributes 2..5 (index attr - 2). */
static const uint8_t enum_max[4] = {
    (uint8_t)MSDK_COSEM_LOCAL_PORT_MODE_NOT_SPECIFIED, /* default_mode */
    (uint8_t)MSDK_COSEM_BAUD_MAX,                      /* default_baud */
    (uint8_t)MSDK_COSEM_BAUD_MAX,                      /* prop_baud */
    (uint8_t)MSDK_COSEM_LOCAL_PORT_RESPONSE_200MS,     /* response_time */
};

/* IEC 62056-21 device address characters: digits, letters and space. */
static bool addr_char_ok(uint8_t c)
{
    return ((c >= (uint8_t)'0') && (c <= (uint8_t)'9')) ||
           ((c >= (uint8_t)'A') && (c <= (uint8_t)'Z')) ||
           ((c >= (uint8_t)'a') && (c <= (uint8_t)'z')) || (c == (uint8_t)' ');
}

/* Printable ASCII without the characters that delimit an IEC 62056-21 data set. */
static bool pass_char_ok(uint8_t c)
{
    return (c >= 0x20u) && (c <= 0x7Eu) && (c != (uint8_t)'(') && (c != (uint8_t)')') &&
           (c != (uint8_t)'*') && (c != (uint8_t)'/') && (c != (uint8_t)'!');
}

msdk_err_t msdk_cosem_local_port_check(uint8_t attr, const msdk_cosem_local_port_value_t *v)
{
    if ((v == NULL) || (attr < ATTR_FIRST) || (attr > ATTR_LAST)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (attr < (uint8_t)MSDK_COSEM_LOCAL_PORT_DEVICE_ADDR) {
        return (v->code <= enum_max[attr - ATTR_FIRST]) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
    }
    bool pass = is_password(attr);
    size_t max = pass ? MSDK_COSEM_LOCAL_PORT_PASS_MAX : MSDK_COSEM_LOCAL_PORT_ADDR_MAX;
    if ((v->str.len > max) || ((v->str.len != 0u) && (v->str.p == NULL))) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < v->str.len; i++) {
        if (!(pass ? pass_char_ok(v->str.p[i]) : addr_char_ok(v->str.p[i]))) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    return MSDK_OK;
}

static int local_port_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                          msdk_wbuf_t *out)
{
    const msdk_cosem_local_port_def_t *d = (const msdk_cosem_local_port_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    if (is_password(attr)) {
        return (int)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* write-only, whatever the rights */
    }
    if (d->get == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_local_port_value_t v = { 0 };
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (msdk_cosem_local_port_check(attr, &v) != MSDK_OK) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the application gave a bad value */
    }
    size_t mark = out->pos;
    msdk_err_t err = (attr == (uint8_t)MSDK_COSEM_LOCAL_PORT_DEVICE_ADDR)
                         ? msdk_cosem_axdr_put_octet_string(out, v.str.p, v.str.len)
                         : msdk_cosem_axdr_put_enum(out, v.code);
    return msdk_cosem_class_put_end(out, mark, err);
}

static uint8_t local_port_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                              msdk_rbuf_t *in)
{
    const msdk_cosem_local_port_def_t *d = (const msdk_cosem_local_port_def_t *)obj->def;
    msdk_cosem_value_t raw;
    uint8_t dar = msdk_cosem_class_set_value(
        rq, (attr >= ATTR_FIRST) && (attr <= ATTR_LAST) && (d->set != NULL), in, &raw);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    msdk_cosem_local_port_value_t v = { 0 };
    if (attr < (uint8_t)MSDK_COSEM_LOCAL_PORT_DEVICE_ADDR) {
        if ((raw.tag != (uint8_t)MSDK_COSEM_AXDR_ENUM) || (raw.v.u > 0xFFu)) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        v.code = (uint8_t)raw.v.u;
    } else {
        if (raw.tag != (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        v.str.p = (raw.v.str.len != 0u) ? raw.v.str.p : NULL;
        v.str.len = raw.v.str.len;
    }
    if (msdk_cosem_local_port_check(attr, &v) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

const msdk_cosem_class_t msdk_cosem_class_local_port = {
    .class_id = 19u,
    .version = 1u,
    .attr_count = 9u,
    .method_count = 0u,
    .get = local_port_get,
    .set = local_port_set,
};
