/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * COSEM date-time, date and time (include/msdk/cosem/axdr.h): the A-XDR
 * put/get forms (tagged, octet-string, untagged) over the core codec
 * (msdk/core/datetime.h), and the msdk_cosem_datetime_* names as thin wrappers
 * of it. Follows the conventions stated in cosem_axdr.c.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/axdr.h"
#include "cosem_axdr_internal.h"

/* ---- Date and time ------------------------------------------------------------- */

/* The three forms: index into the tables below. */
typedef enum dt_kind {
    DT_DATETIME = 0,
    DT_DATE = 1,
    DT_TIME = 2,
} dt_kind_t;

static const uint8_t dt_tags[3] = { MSDK_COSEM_AXDR_DATE_TIME, MSDK_COSEM_AXDR_DATE,
                                    MSDK_COSEM_AXDR_TIME };
static const uint8_t dt_sizes[3] = { MSDK_COSEM_DATETIME_SIZE, MSDK_COSEM_DATE_SIZE,
                                     MSDK_COSEM_TIME_SIZE };

/* The core codec of each form. */
static msdk_err_t dt_encode(const msdk_cosem_datetime_t *dt, dt_kind_t kind, uint8_t *dst,
                            size_t cap)
{
    switch (kind) {
    case DT_DATE: return msdk_datetime_date_encode(dt, dst, cap);
    case DT_TIME: return msdk_datetime_time_encode(dt, dst, cap);
    default: return msdk_datetime_encode(dt, dst, cap);
    }
}

static msdk_err_t dt_decode(const uint8_t *src, size_t len, dt_kind_t kind,
                            msdk_cosem_datetime_t *dt)
{
    switch (kind) {
    case DT_DATE: return msdk_datetime_date_decode(src, len, dt);
    case DT_TIME: return msdk_datetime_time_decode(src, len, dt);
    default: return msdk_datetime_decode(src, len, dt);
    }
}

msdk_err_t msdk_cosem_datetime_validate(const msdk_cosem_datetime_t *dt)
{
    return msdk_datetime_validate(dt);
}

msdk_err_t msdk_cosem_datetime_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return msdk_datetime_encode(dt, dst, cap);
}

msdk_err_t msdk_cosem_datetime_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return msdk_datetime_decode(src, len, dt);
}

msdk_err_t msdk_cosem_date_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return msdk_datetime_date_encode(dt, dst, cap);
}

msdk_err_t msdk_cosem_date_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return msdk_datetime_date_decode(src, len, dt);
}

msdk_err_t msdk_cosem_time_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return msdk_datetime_time_encode(dt, dst, cap);
}

msdk_err_t msdk_cosem_time_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return msdk_datetime_time_decode(src, len, dt);
}

static msdk_err_t put_dt(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form, dt_kind_t kind,
                         const msdk_cosem_datetime_t *dt)
{
    /* The core encoder validates the fields; nothing is written before that. */
    uint8_t bytes[MSDK_COSEM_DATETIME_SIZE];
    if (wb == NULL || dt_encode(dt, kind, bytes, sizeof(bytes)) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t hdr;
    switch (form) {
    case MSDK_COSEM_AXDR_DT_TAGGED: hdr = 1u; break;
    case MSDK_COSEM_AXDR_DT_OCTET_STRING: hdr = 2u; break;
    case MSDK_COSEM_AXDR_DT_UNTAGGED: hdr = 0u; break;
    default: return MSDK_ERR_INVALID_ARG;
    }
    size_t size = dt_sizes[kind];
    if (!msdk_cosem_axdr_wb_room(wb, hdr, size)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (form == MSDK_COSEM_AXDR_DT_TAGGED) {
        msdk_cosem_axdr_raw_u8(wb, dt_tags[kind]);
    } else if (form == MSDK_COSEM_AXDR_DT_OCTET_STRING) {
        msdk_cosem_axdr_raw_u8(wb, MSDK_COSEM_AXDR_OCTET_STRING);
        msdk_cosem_axdr_raw_u8(wb, (uint8_t)size);
    }
    memcpy(wb->p + wb->pos, bytes, size);
    wb->pos += size;
    return MSDK_OK;
}

static msdk_err_t get_dt(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form, dt_kind_t kind,
                         msdk_cosem_datetime_t *dt)
{
    if (rb == NULL || dt == NULL || (unsigned)form > (unsigned)MSDK_COSEM_AXDR_DT_ANY) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    msdk_err_t err = MSDK_OK;
    if (form != MSDK_COSEM_AXDR_DT_UNTAGGED) {
        uint8_t tag = 0;
        err = msdk_rbuf_get_u8(&r, &tag);
        if (err != MSDK_OK) {
            return err;
        }
        bool tagged_ok = (form == MSDK_COSEM_AXDR_DT_TAGGED || form == MSDK_COSEM_AXDR_DT_ANY);
        bool octets_ok =
            (form == MSDK_COSEM_AXDR_DT_OCTET_STRING || form == MSDK_COSEM_AXDR_DT_ANY);
        if (tag == MSDK_COSEM_AXDR_OCTET_STRING && octets_ok) {
            uint32_t len = 0;
            err = msdk_cosem_axdr_read_length(&r, &len);
            if (err != MSDK_OK) {
                return err;
            }
            if (len != dt_sizes[kind]) {
                return MSDK_ERR_MALFORMED;
            }
        } else if (!(tag == dt_tags[kind] && tagged_ok)) {
            return MSDK_ERR_MALFORMED;
        }
    }
    const uint8_t *p = NULL;
    err = msdk_rbuf_get_ref(&r, dt_sizes[kind], &p);
    if (err != MSDK_OK) {
        return err;
    }
    err = dt_decode(p, dt_sizes[kind], kind, dt);
    if (err == MSDK_OK) {
        rb->pos = r.pos;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_put_datetime(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form,
                                        const msdk_cosem_datetime_t *dt)
{
    return put_dt(wb, form, DT_DATETIME, dt);
}

msdk_err_t msdk_cosem_axdr_put_date(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form,
                                    const msdk_cosem_datetime_t *dt)
{
    return put_dt(wb, form, DT_DATE, dt);
}

msdk_err_t msdk_cosem_axdr_put_time(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form,
                                    const msdk_cosem_datetime_t *dt)
{
    return put_dt(wb, form, DT_TIME, dt);
}

msdk_err_t msdk_cosem_axdr_get_datetime(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form,
                                        msdk_cosem_datetime_t *dt)
{
    return get_dt(rb, form, DT_DATETIME, dt);
}

msdk_err_t msdk_cosem_axdr_get_date(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form,
                                    msdk_cosem_datetime_t *dt)
{
    return get_dt(rb, form, DT_DATE, dt);
}

msdk_err_t msdk_cosem_axdr_get_time(msdk_rbuf_t *rb, msdk_cosem_axdr_dt_form_t form,
                                    msdk_cosem_datetime_t *dt)
{
    return get_dt(rb, form, DT_TIME, dt);
}
