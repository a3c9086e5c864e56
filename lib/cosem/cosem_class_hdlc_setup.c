/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* IEC HDLC setup (class 23, version 1): the settings of an HDLC channel through the
 * application, each with the type and range of the Blue Book: 2 comm_speed (enum 0..9),
 * 3 window_size_transmit and 4 window_size_receive (unsigned 1..7),
 * 5 max_info_field_length_transmit and 6 max_info_field_length_receive (long-unsigned
 * 32..2030; version 0 had unsigned 32..128), 7 inter_octet_time_out (long-unsigned
 * 20..6000 ms), 8 inactivity_time_out (long-unsigned s, 0 = none), 9 device_address
 * (long-unsigned, the usable physical addresses). Also the baud rate table that the local
 * port setup shares. */
#include "msdk/cosem/class_setup.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_class_internal.h"

#define ATTR_FIRST 2u
#define ATTR_LAST  9u

static const uint32_t baud_bps[MSDK_COSEM_BAUD_MAX + 1u] = {
    300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u, 38400u, 57600u, 115200u,
};

uint32_t msdk_cosem_baud_to_bps(uint8_t code)
{
    return (code <= MSDK_COSEM_BAUD_MAX) ? baud_bps[code] : 0u;
}

/* A-XDR type of each attribute 2..9 (index attr - 2). */
static const uint8_t hdlc_tags[8] = {
    MSDK_COSEM_AXDR_ENUM,          /* comm_speed */
    MSDK_COSEM_AXDR_UNSIGNED,      /* window_size_transmit */
    MSDK_COSEM_AXDR_UNSIGNED,      /* window_size_receive */
    MSDK_COSEM_AXDR_LONG_UNSIGNED, /* max_info_field_length_transmit */
    MSDK_COSEM_AXDR_LONG_UNSIGNED, /* max_info_field_length_receive */
    MSDK_COSEM_AXDR_LONG_UNSIGNED, /* inter_octet_time_out */
    MSDK_COSEM_AXDR_LONG_UNSIGNED, /* inactivity_time_out */
    MSDK_COSEM_AXDR_LONG_UNSIGNED, /* device_address */
};

/* Range of each attribute 2..9 (index attr - 2); device_address gets its own maximum. */
static const uint16_t hdlc_min[8] = {
    0u,
    MSDK_COSEM_HDLC_SETUP_WINDOW_MIN,
    MSDK_COSEM_HDLC_SETUP_WINDOW_MIN,
    MSDK_COSEM_HDLC_SETUP_INFO_MIN,
    MSDK_COSEM_HDLC_SETUP_INFO_MIN,
    MSDK_COSEM_HDLC_SETUP_INTER_OCTET_MIN,
    0u,
    MSDK_COSEM_HDLC_SETUP_ADDR_MIN,
};
static const uint16_t hdlc_max[8] = {
    MSDK_COSEM_BAUD_MAX,
    MSDK_COSEM_HDLC_SETUP_WINDOW_MAX,
    MSDK_COSEM_HDLC_SETUP_WINDOW_MAX,
    MSDK_COSEM_HDLC_SETUP_INFO_MAX,
    MSDK_COSEM_HDLC_SETUP_INFO_MAX,
    MSDK_COSEM_HDLC_SETUP_INTER_OCTET_MAX,
    0xFFFFu,
    MSDK_COSEM_HDLC_SETUP_ADDR_MAX_2B,
};

msdk_err_t msdk_cosem_hdlc_setup_check(uint8_t attr, uint16_t v, bool one_byte_address)
{
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint16_t max = hdlc_max[attr - ATTR_FIRST];
    if ((attr == (uint8_t)MSDK_COSEM_HDLC_SETUP_DEVICE_ADDRESS) && one_byte_address) {
        max = MSDK_COSEM_HDLC_SETUP_ADDR_MAX_1B;
    }
    return ((v >= hdlc_min[attr - ATTR_FIRST]) && (v <= max)) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

static int hdlc_setup_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                          msdk_wbuf_t *out)
{
    const msdk_cosem_hdlc_setup_def_t *d = (const msdk_cosem_hdlc_setup_def_t *)obj->def;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if ((attr < ATTR_FIRST) || (attr > ATTR_LAST) || (d->get == NULL)) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    uint16_t v = 0u;
    uint8_t dar = d->get(obj->ctx, attr, &v);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return (int)dar;
    }
    if (msdk_cosem_hdlc_setup_check(attr, v, d->one_byte_address) != MSDK_OK) {
        return (int)MSDK_COSEM_DAR_HARDWARE_FAULT; /* the application gave a bad value */
    }
    if (msdk_cosem_axdr_put_uint_as(out, hdlc_tags[attr - ATTR_FIRST], v) != MSDK_OK) {
        return MSDK_COSEM_GET_NO_SPACE; /* the writer is unchanged on error */
    }
    return (int)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t hdlc_setup_set(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                              msdk_rbuf_t *in)
{
    const msdk_cosem_hdlc_setup_def_t *d = (const msdk_cosem_hdlc_setup_def_t *)obj->def;
    msdk_cosem_value_t raw;
    uint8_t dar = msdk_cosem_class_set_value(
        rq, (attr >= ATTR_FIRST) && (attr <= ATTR_LAST) && (d->set != NULL), in, &raw);
    if (dar != (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        return dar;
    }
    if ((raw.tag != hdlc_tags[attr - ATTR_FIRST]) || (raw.v.u > 0xFFFFu) ||
        (msdk_cosem_hdlc_setup_check(attr, (uint16_t)raw.v.u, d->one_byte_address) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return d->set(obj->ctx, attr, (uint16_t)raw.v.u);
}

const msdk_cosem_class_t msdk_cosem_class_hdlc_setup = {
    .class_id = 23u,
    .version = 1u,
    .attr_count = 9u,
    .method_count = 0u,
    .get = hdlc_setup_get,
    .set = hdlc_setup_set,
};
