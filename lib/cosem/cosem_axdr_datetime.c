/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * COSEM date-time, date and time (include/msdk/cosem/axdr.h): field
 * validation, the plain 12/5/4-byte encode and decode, and the A-XDR put/get
 * forms (tagged, octet-string, untagged). Follows the conventions stated in
 * cosem_axdr.c.
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

static bool is_leap(uint16_t year)
{
    return ((year % 4u) == 0u && (year % 100u) != 0u) || (year % 400u) == 0u;
}

static bool date_fields_ok(const msdk_cosem_datetime_t *dt)
{
    static const uint8_t days_in_month[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool month_set = (dt->month >= 1u && dt->month <= 12u);
    if (!month_set && dt->month < MSDK_COSEM_DATETIME_MONTH_DST_END) {
        return false;
    }
    bool day_set = (dt->day >= 1u && dt->day <= 31u);
    if (!day_set && dt->day < MSDK_COSEM_DATETIME_DAY_SECOND_LAST) {
        return false;
    }
    if (month_set && day_set) {
        uint8_t max = days_in_month[dt->month - 1u];
        if (dt->month == 2u && dt->year != MSDK_COSEM_DATETIME_YEAR_UNSPECIFIED &&
            !is_leap(dt->year)) {
            max = 28u;
        }
        if (dt->day > max) {
            return false;
        }
    }
    return (dt->day_of_week >= 1u && dt->day_of_week <= 7u) ||
           dt->day_of_week == MSDK_COSEM_DATETIME_UNSPECIFIED;
}

/* A one-byte field in 0..max or "not specified". */
static bool field_ok(uint8_t v, uint8_t max)
{
    return v <= max || v == MSDK_COSEM_DATETIME_UNSPECIFIED;
}

static bool time_fields_ok(const msdk_cosem_datetime_t *dt)
{
    return field_ok(dt->hour, 23u) && field_ok(dt->minute, 59u) && field_ok(dt->second, 59u) &&
           field_ok(dt->hundredths, 99u);
}

static bool deviation_ok(int16_t dev)
{
    return dev == MSDK_COSEM_DATETIME_DEVIATION_UNSPECIFIED ||
           (dev >= -MSDK_COSEM_DATETIME_DEVIATION_MAX && dev <= MSDK_COSEM_DATETIME_DEVIATION_MAX);
}

static bool kind_ok(const msdk_cosem_datetime_t *dt, dt_kind_t kind)
{
    switch (kind) {
    case DT_DATE: return date_fields_ok(dt);
    case DT_TIME: return time_fields_ok(dt);
    default: return date_fields_ok(dt) && time_fields_ok(dt) && deviation_ok(dt->deviation);
    }
}

/* Stores the bytes of a validated value (dst holds dt_sizes[kind] bytes). */
static void dt_store(const msdk_cosem_datetime_t *dt, dt_kind_t kind, uint8_t *dst)
{
    uint8_t b[MSDK_COSEM_DATETIME_SIZE];
    uint16_t dev = (uint16_t)dt->deviation;
    b[0] = (uint8_t)(dt->year >> 8);
    b[1] = (uint8_t)dt->year;
    b[2] = dt->month;
    b[3] = dt->day;
    b[4] = dt->day_of_week;
    b[5] = dt->hour;
    b[6] = dt->minute;
    b[7] = dt->second;
    b[8] = dt->hundredths;
    b[9] = (uint8_t)(dev >> 8);
    b[10] = (uint8_t)dev;
    b[11] = dt->status;
    size_t off = (kind == DT_TIME) ? 5u : 0u;
    memcpy(dst, b + off, dt_sizes[kind]);
}

/* Parses dt_sizes[kind] bytes; fields absent from the form are "not specified". */
static msdk_err_t dt_parse(const uint8_t *src, dt_kind_t kind, msdk_cosem_datetime_t *dt)
{
    uint8_t b[MSDK_COSEM_DATETIME_SIZE] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                            0xFF, 0xFF, 0xFF, 0x80, 0x00, 0xFF };
    size_t off = (kind == DT_TIME) ? 5u : 0u;
    memcpy(b + off, src, dt_sizes[kind]);
    msdk_cosem_datetime_t v;
    uint16_t dev = (uint16_t)(((uint16_t)b[9] << 8) | b[10]);
    v.year = (uint16_t)(((uint16_t)b[0] << 8) | b[1]);
    v.month = b[2];
    v.day = b[3];
    v.day_of_week = b[4];
    v.hour = b[5];
    v.minute = b[6];
    v.second = b[7];
    v.hundredths = b[8];
    v.deviation = (dev >= 0x8000u) ? (int16_t)((int32_t)dev - 65536) : (int16_t)dev;
    v.status = b[11];
    if (!kind_ok(&v, kind)) {
        return MSDK_ERR_MALFORMED;
    }
    *dt = v;
    return MSDK_OK;
}

static msdk_err_t dt_encode(const msdk_cosem_datetime_t *dt, dt_kind_t kind, uint8_t *dst,
                            size_t cap)
{
    if (dt == NULL || dst == NULL || !kind_ok(dt, kind)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cap < dt_sizes[kind]) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    dt_store(dt, kind, dst);
    return MSDK_OK;
}

static msdk_err_t dt_decode(const uint8_t *src, size_t len, dt_kind_t kind,
                            msdk_cosem_datetime_t *dt)
{
    if (src == NULL || dt == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len < dt_sizes[kind]) {
        return MSDK_ERR_TRUNCATED;
    }
    if (len > dt_sizes[kind]) {
        return MSDK_ERR_MALFORMED;
    }
    return dt_parse(src, kind, dt);
}

msdk_err_t msdk_cosem_datetime_validate(const msdk_cosem_datetime_t *dt)
{
    if (dt == NULL || !kind_ok(dt, DT_DATETIME)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_datetime_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_DATETIME, dst, cap);
}

msdk_err_t msdk_cosem_datetime_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return dt_decode(src, len, DT_DATETIME, dt);
}

msdk_err_t msdk_cosem_date_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_DATE, dst, cap);
}

msdk_err_t msdk_cosem_date_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return dt_decode(src, len, DT_DATE, dt);
}

msdk_err_t msdk_cosem_time_encode(const msdk_cosem_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_TIME, dst, cap);
}

msdk_err_t msdk_cosem_time_decode(const uint8_t *src, size_t len, msdk_cosem_datetime_t *dt)
{
    return dt_decode(src, len, DT_TIME, dt);
}

static msdk_err_t put_dt(msdk_wbuf_t *wb, msdk_cosem_axdr_dt_form_t form, dt_kind_t kind,
                         const msdk_cosem_datetime_t *dt)
{
    if (wb == NULL || dt == NULL || !kind_ok(dt, kind)) {
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
    dt_store(dt, kind, wb->p + wb->pos);
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
    err = dt_parse(p, kind, dt);
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
