/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* TCP-UDP setup (class 41, version 0): the settings of the COSEM TCP or UDP transport layer
 * through the application. 2 TCP-UDP_port (long-unsigned; port 0 is refused, nothing can
 * listen on it), 3 IP_reference (octet-string(6), the logical name of an IP setup object),
 * 4 MSS (long-unsigned 40..65535), 5 nb_of_sim_conn (unsigned, at least 1),
 * 6 inactivity_time_out (long-unsigned seconds, 0 = none). */
#include "msdk/cosem/class_setup.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_FIRST 2u
#define ATTR_LAST  6u

msdk_err_t msdk_cosem_tcp_udp_setup_check(uint8_t attr, const msdk_cosem_tcp_udp_setup_value_t *v)
{
    if (v == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    bool ok;
    switch (attr) {
    case MSDK_COSEM_TCP_UDP_SETUP_PORT: ok = (v->number != 0u); break;
    case MSDK_COSEM_TCP_UDP_SETUP_IP_REFERENCE: ok = true; break;
    case MSDK_COSEM_TCP_UDP_SETUP_MSS: ok = (v->number >= MSDK_COSEM_TCP_UDP_SETUP_MSS_MIN); break;
    case MSDK_COSEM_TCP_UDP_SETUP_SIM_CONN: ok = (v->count != 0u); break;
    case MSDK_COSEM_TCP_UDP_SETUP_INACTIVITY: ok = true; break;
    default: ok = false; break;
    }
    return ok ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

static int tcp_udp_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                       msdk_wbuf_t *out)
{
    const msdk_cosem_tcp_udp_setup_def_t *d = (const msdk_cosem_tcp_udp_setup_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_cosem_tcp_udp_setup_value_t v;
    for (unsigned i = 0; i < sizeof v.ip_ref; i++) {
        v.ip_ref[i] = 0u;
    }
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (msdk_cosem_tcp_udp_setup_check(attr, &v) != MSDK_OK) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the application gave a bad value */
    }
    msdk_err_t err;
    if (attr == (uint8_t)MSDK_COSEM_TCP_UDP_SETUP_IP_REFERENCE) {
        err = msdk_cosem_axdr_put_octet_string(out, v.ip_ref, sizeof v.ip_ref);
    } else if (attr == (uint8_t)MSDK_COSEM_TCP_UDP_SETUP_SIM_CONN) {
        err = msdk_cosem_axdr_put_uint8(out, v.count);
    } else {
        err = msdk_cosem_axdr_put_uint16(out, v.number);
    }
    return (err == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS : MSDK_COSEM_GET_NO_SPACE;
}

/* Decodes the value of attribute attr; false when its type or size is wrong. */
static bool take(uint8_t attr, const msdk_cosem_value_t *raw, msdk_cosem_tcp_udp_setup_value_t *v)
{
    if (attr == (uint8_t)MSDK_COSEM_TCP_UDP_SETUP_IP_REFERENCE) {
        if ((raw->tag != (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING) ||
            (raw->v.str.len != sizeof v->ip_ref)) {
            return false;
        }
        for (unsigned i = 0; i < sizeof v->ip_ref; i++) {
            v->ip_ref[i] = raw->v.str.p[i];
        }
        return true;
    }
    if (attr == (uint8_t)MSDK_COSEM_TCP_UDP_SETUP_SIM_CONN) {
        if (raw->tag != (uint8_t)MSDK_COSEM_AXDR_UNSIGNED) {
            return false;
        }
        v->count = (uint8_t)raw->v.u;
        return true;
    }
    if (raw->tag != (uint8_t)MSDK_COSEM_AXDR_LONG_UNSIGNED) {
        return false;
    }
    v->number = (uint16_t)raw->v.u;
    return true;
}

static uint8_t tcp_udp_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                           msdk_rbuf_t *in)
{
    const msdk_cosem_tcp_udp_setup_def_t *d = (const msdk_cosem_tcp_udp_setup_def_t *)obj->def;
    msdk_cosem_value_t raw;
    uint8_t dar = msdk_cosem_class_set_value(
        rq, (attr >= ATTR_FIRST) && (attr <= ATTR_LAST) && (d->set != NULL), in, &raw);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    msdk_cosem_tcp_udp_setup_value_t v;
    if (!take(attr, &raw, &v) || (msdk_cosem_tcp_udp_setup_check(attr, &v) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, &v);
}

const msdk_cosem_class_t msdk_cosem_class_tcp_udp_setup = {
    .class_id = 41u,
    .version = 0u,
    .attr_count = 6u,
    .method_count = 0u,
    .get = tcp_udp_get,
    .set = tcp_udp_set,
};
