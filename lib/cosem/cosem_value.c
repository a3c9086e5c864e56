/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Scalar values exchanged between the interface classes and the application's providers
 * (msdk_cosem_value_t): one tag, one union member per kind of type. */
#include "msdk/cosem/object.h"

/* Fixed body size of the date-time types (tags 25, 26, 27); 0 for any other tag. */
static size_t datetime_size(uint8_t tag)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_DATE_TIME: return MSDK_COSEM_DATETIME_SIZE;
    case MSDK_COSEM_AXDR_DATE: return MSDK_COSEM_DATE_SIZE;
    case MSDK_COSEM_AXDR_TIME: return MSDK_COSEM_TIME_SIZE;
    default: return 0u;
    }
}

static bool is_signed_tag(uint8_t tag)
{
    return (tag == MSDK_COSEM_AXDR_INTEGER) || (tag == MSDK_COSEM_AXDR_LONG) ||
           (tag == MSDK_COSEM_AXDR_DOUBLE_LONG) || (tag == MSDK_COSEM_AXDR_LONG64);
}

static bool is_unsigned_tag(uint8_t tag)
{
    return (tag == MSDK_COSEM_AXDR_UNSIGNED) || (tag == MSDK_COSEM_AXDR_LONG_UNSIGNED) ||
           (tag == MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED) ||
           (tag == MSDK_COSEM_AXDR_LONG64_UNSIGNED) || (tag == MSDK_COSEM_AXDR_ENUM) ||
           (tag == MSDK_COSEM_AXDR_BCD) || (tag == MSDK_COSEM_AXDR_FLOAT32) ||
           (tag == MSDK_COSEM_AXDR_FLOAT64);
}

static bool is_string_tag(uint8_t tag)
{
    return (tag == MSDK_COSEM_AXDR_OCTET_STRING) || (tag == MSDK_COSEM_AXDR_VISIBLE_STRING) ||
           (tag == MSDK_COSEM_AXDR_UTF8_STRING);
}

msdk_err_t msdk_cosem_value_put(msdk_wbuf_t *wb, const msdk_cosem_value_t *v)
{
    if ((wb == NULL) || (v == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t tag = v->tag;
    if ((tag == MSDK_COSEM_AXDR_NULL_DATA) || (tag == MSDK_COSEM_AXDR_DONT_CARE)) {
        return msdk_wbuf_put_u8(wb, tag);
    }
    if (tag == MSDK_COSEM_AXDR_BOOLEAN) {
        return msdk_cosem_axdr_put_bool(wb, v->v.b);
    }
    if (is_signed_tag(tag)) {
        msdk_err_t err = msdk_cosem_axdr_put_int_as(wb, tag, v->v.i);
        return (err == MSDK_ERR_OVERFLOW) ? MSDK_ERR_INVALID_ARG : err;
    }
    if (is_unsigned_tag(tag)) {
        msdk_err_t err = msdk_cosem_axdr_put_uint_as(wb, tag, v->v.u);
        return (err == MSDK_ERR_OVERFLOW) ? MSDK_ERR_INVALID_ARG : err;
    }
    if ((v->v.str.p == NULL) && (v->v.str.len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    switch (tag) {
    case MSDK_COSEM_AXDR_OCTET_STRING:
        return msdk_cosem_axdr_put_octet_string(wb, v->v.str.p, v->v.str.len);
    case MSDK_COSEM_AXDR_VISIBLE_STRING:
        return msdk_cosem_axdr_put_visible_string(wb, (const char *)v->v.str.p, v->v.str.len);
    case MSDK_COSEM_AXDR_UTF8_STRING:
        return msdk_cosem_axdr_put_utf8_string(wb, v->v.str.p, v->v.str.len);
    default: break;
    }
    size_t n = datetime_size(tag);
    if ((n == 0u) || (v->v.str.len != n)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (msdk_wbuf_remaining(wb) < (n + 1u)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_err_t err = msdk_wbuf_put_u8(wb, tag);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, v->v.str.p, n);
    }
    return err;
}

msdk_err_t msdk_cosem_value_get(msdk_rbuf_t *rb, msdk_cosem_value_t *v)
{
    if ((rb == NULL) || (v == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t tag;
    msdk_err_t err = msdk_cosem_axdr_peek_tag(rb, &tag);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_rbuf_t r = *rb;
    msdk_cosem_value_t out;
    out.tag = tag;
    out.v.u = 0u;
    if ((tag == MSDK_COSEM_AXDR_NULL_DATA) || (tag == MSDK_COSEM_AXDR_DONT_CARE)) {
        err = msdk_rbuf_skip(&r, 1u);
    } else if (tag == MSDK_COSEM_AXDR_BOOLEAN) {
        err = msdk_cosem_axdr_get_bool(&r, &out.v.b);
    } else if (is_signed_tag(tag) || is_unsigned_tag(tag)) {
        err = msdk_rbuf_skip(&r, 1u);
        if ((err == MSDK_OK) && is_signed_tag(tag)) {
            err = msdk_cosem_axdr_get_int_body(&r, tag, &out.v.i);
        } else if (err == MSDK_OK) {
            err = msdk_cosem_axdr_get_uint_body(&r, tag, &out.v.u);
        }
    } else if (is_string_tag(tag)) {
        out.v.str.p = NULL;
        out.v.str.len = 0u;
        err = msdk_cosem_axdr_get_octets_ref(&r, tag, &out.v.str.p, &out.v.str.len);
    } else if (datetime_size(tag) != 0u) {
        out.v.str.len = datetime_size(tag);
        err = msdk_rbuf_skip(&r, 1u);
        if (err == MSDK_OK) {
            err = msdk_rbuf_get_ref(&r, out.v.str.len, &out.v.str.p);
        }
    } else {
        return MSDK_ERR_MALFORMED;
    }
    if (err != MSDK_OK) {
        return (err == MSDK_ERR_INVALID_ARG) ? MSDK_ERR_MALFORMED : err;
    }
    *rb = r;
    *v = out;
    return MSDK_OK;
}
