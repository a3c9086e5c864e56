/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* COSEM date-time (include/msdk/core/datetime.h): field validation, the 12/5/4-byte forms
 * and the civil-calendar helpers. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/datetime.h"

/* ---- Civil calendar ------------------------------------------------------------ */

/* Days from 0001-01-01 to 1970-01-01. */
#define DAYS_0001_TO_1970 719162
/* Days of 400, 100, 4 and 1 Gregorian years. */
#define DAYS_400Y         146097
#define DAYS_100Y         36524
#define DAYS_4Y           1461
#define DAYS_1Y           365

/* Days in the months before each month, in a common year. */
static const uint16_t days_before_month[12] = { 0,   31,  59,  90,  120, 151,
                                                181, 212, 243, 273, 304, 334 };

bool msdk_datetime_is_leap_year(int32_t year)
{
    return (((year % 4) == 0) && ((year % 100) != 0)) || ((year % 400) == 0);
}

uint8_t msdk_datetime_days_in_month(int32_t year, uint8_t month)
{
    static const uint8_t len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if ((month < 1u) || (month > 12u)) {
        return 0u;
    }
    if ((month == 2u) && msdk_datetime_is_leap_year(year)) {
        return 29u;
    }
    return len[month - 1u];
}

uint8_t msdk_datetime_day_of_week(int64_t days)
{
    /* Day 0 (1970-01-01) is a Thursday, 4; C's % keeps the sign of the dividend. */
    int64_t r = ((days % 7) + 7 + 3) % 7;
    return (uint8_t)(r + 1);
}

msdk_err_t msdk_datetime_days_from_civil(int32_t year, uint8_t month, uint8_t day, int64_t *days)
{
    if ((days == NULL) || (year < MSDK_DATETIME_YEAR_MIN) || (year > MSDK_DATETIME_YEAR_MAX) ||
        (day < 1u) || (day > msdk_datetime_days_in_month(year, month))) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* Whole years before `year` since 0001-01-01, then the months and days within it. */
    int64_t y = (int64_t)year - 1;
    int64_t n = (y * DAYS_1Y) + (y / 4) - (y / 100) + (y / 400);
    n += days_before_month[month - 1u];
    if ((month > 2u) && msdk_datetime_is_leap_year(year)) {
        n += 1;
    }
    n += (int64_t)day - 1;
    *days = n - DAYS_0001_TO_1970;
    return MSDK_OK;
}

msdk_err_t msdk_datetime_civil_from_days(int64_t days, int32_t *year, uint8_t *month, uint8_t *day)
{
    if ((year == NULL) || (month == NULL) || (day == NULL) || (days < MSDK_DATETIME_DAYS_MIN) ||
        (days > MSDK_DATETIME_DAYS_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* n >= 0: days since 0001-01-01. Peel off 400-, 100-, 4- and 1-year blocks; the last
     * block of each kind may be one day longer, so its index is capped. */
    int64_t n = days + DAYS_0001_TO_1970;
    int64_t q400 = n / DAYS_400Y;
    n -= q400 * DAYS_400Y;
    int64_t q100 = n / DAYS_100Y;
    if (q100 == 4) {
        q100 = 3;
    }
    n -= q100 * DAYS_100Y;
    int64_t q4 = n / DAYS_4Y;
    n -= q4 * DAYS_4Y;
    int64_t q1 = n / DAYS_1Y;
    if (q1 == 4) {
        q1 = 3;
    }
    n -= q1 * DAYS_1Y; /* day of the year, 0-based */
    int32_t y = (int32_t)((q400 * 400) + (q100 * 100) + (q4 * 4) + q1 + 1);
    unsigned leap = msdk_datetime_is_leap_year(y) ? 1u : 0u;
    uint8_t m = 12u;
    while (m > 1u) {
        unsigned start = days_before_month[m - 1u] + ((m > 2u) ? leap : 0u);
        if ((unsigned)n >= start) {
            n -= (int64_t)start;
            break;
        }
        m--;
    }
    *year = y;
    *month = m;
    *day = (uint8_t)(n + 1);
    return MSDK_OK;
}

msdk_err_t msdk_datetime_fields_to_s(const msdk_datetime_t *dt, int64_t *s)
{
    int64_t days = 0;
    if ((dt == NULL) || (s == NULL) || (dt->hour > 23u) || (dt->minute > 59u) ||
        (dt->second > 59u) || (dt->year == MSDK_DATETIME_YEAR_UNSPECIFIED) ||
        (msdk_datetime_days_from_civil((int32_t)dt->year, dt->month, dt->day, &days) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *s = (days * 86400) + ((int64_t)dt->hour * 3600) + ((int64_t)dt->minute * 60) +
         (int64_t)dt->second;
    return MSDK_OK;
}

msdk_err_t msdk_datetime_fields_from_s(int64_t s, msdk_datetime_t *dt)
{
    if (dt == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* Floor division, so times before 1970 land on the right day. */
    int64_t days = s / 86400;
    int64_t sod = s % 86400;
    if (sod < 0) {
        sod += 86400;
        days -= 1;
    }
    int32_t y = 0;
    uint8_t m = 0;
    uint8_t d = 0;
    if (msdk_datetime_civil_from_days(days, &y, &m, &d) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_datetime_t v;
    v.year = (uint16_t)y;
    v.month = m;
    v.day = d;
    v.day_of_week = msdk_datetime_day_of_week(days);
    v.hour = (uint8_t)(sod / 3600);
    v.minute = (uint8_t)((sod / 60) % 60);
    v.second = (uint8_t)(sod % 60);
    v.hundredths = 0u;
    v.deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
    v.status = MSDK_DATETIME_STATUS_UNSPECIFIED;
    *dt = v;
    return MSDK_OK;
}

/* ---- Validation ----------------------------------------------------------------- */

/* The three forms: index into the tables below. */
typedef enum dt_kind {
    DT_DATETIME = 0,
    DT_DATE = 1,
    DT_TIME = 2,
} dt_kind_t;

static const uint8_t dt_sizes[3] = { MSDK_DATETIME_SIZE, MSDK_DATETIME_DATE_SIZE,
                                     MSDK_DATETIME_TIME_SIZE };

static bool date_fields_ok(const msdk_datetime_t *dt)
{
    bool month_set = (dt->month >= 1u) && (dt->month <= 12u);
    if (!month_set && (dt->month < MSDK_DATETIME_MONTH_DST_END)) {
        return false;
    }
    bool day_set = (dt->day >= 1u) && (dt->day <= 31u);
    if (!day_set && (dt->day < MSDK_DATETIME_DAY_SECOND_LAST)) {
        return false;
    }
    if (month_set && day_set) {
        /* February 29 is fine when the year is not specified (any leap year). */
        uint8_t max = (dt->year == MSDK_DATETIME_YEAR_UNSPECIFIED)
                          ? msdk_datetime_days_in_month(2000, dt->month)
                          : msdk_datetime_days_in_month((int32_t)dt->year, dt->month);
        if (dt->day > max) {
            return false;
        }
    }
    return ((dt->day_of_week >= 1u) && (dt->day_of_week <= 7u)) ||
           (dt->day_of_week == MSDK_DATETIME_UNSPECIFIED);
}

/* A one-byte field in 0..max or "not specified". */
static bool field_ok(uint8_t v, uint8_t max)
{
    return (v <= max) || (v == MSDK_DATETIME_UNSPECIFIED);
}

static bool time_fields_ok(const msdk_datetime_t *dt)
{
    return field_ok(dt->hour, 23u) && field_ok(dt->minute, 59u) && field_ok(dt->second, 59u) &&
           field_ok(dt->hundredths, 99u);
}

static bool deviation_ok(int16_t dev)
{
    return (dev == MSDK_DATETIME_DEVIATION_UNSPECIFIED) ||
           ((dev >= -MSDK_DATETIME_DEVIATION_MAX) && (dev <= MSDK_DATETIME_DEVIATION_MAX));
}

static bool kind_ok(const msdk_datetime_t *dt, dt_kind_t kind)
{
    switch (kind) {
    case DT_DATE: return date_fields_ok(dt);
    case DT_TIME: return time_fields_ok(dt);
    default: return date_fields_ok(dt) && time_fields_ok(dt) && deviation_ok(dt->deviation);
    }
}

msdk_err_t msdk_datetime_validate(const msdk_datetime_t *dt)
{
    return ((dt != NULL) && kind_ok(dt, DT_DATETIME)) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

msdk_err_t msdk_datetime_date_validate(const msdk_datetime_t *dt)
{
    return ((dt != NULL) && kind_ok(dt, DT_DATE)) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

msdk_err_t msdk_datetime_time_validate(const msdk_datetime_t *dt)
{
    return ((dt != NULL) && kind_ok(dt, DT_TIME)) ? MSDK_OK : MSDK_ERR_INVALID_ARG;
}

/* ---- The byte forms -------------------------------------------------------------- */

/* Stores the bytes of a validated value (dst holds dt_sizes[kind] bytes). */
static void dt_store(const msdk_datetime_t *dt, dt_kind_t kind, uint8_t *dst)
{
    uint8_t b[MSDK_DATETIME_SIZE];
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
static msdk_err_t dt_parse(const uint8_t *src, dt_kind_t kind, msdk_datetime_t *dt)
{
    uint8_t b[MSDK_DATETIME_SIZE] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0x80, 0x00, 0xFF };
    size_t off = (kind == DT_TIME) ? 5u : 0u;
    memcpy(b + off, src, dt_sizes[kind]);
    msdk_datetime_t v;
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

static msdk_err_t dt_encode(const msdk_datetime_t *dt, dt_kind_t kind, uint8_t *dst, size_t cap)
{
    if ((dt == NULL) || (dst == NULL) || !kind_ok(dt, kind)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cap < dt_sizes[kind]) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    dt_store(dt, kind, dst);
    return MSDK_OK;
}

static msdk_err_t dt_decode(const uint8_t *src, size_t len, dt_kind_t kind, msdk_datetime_t *dt)
{
    if ((src == NULL) || (dt == NULL)) {
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

msdk_err_t msdk_datetime_encode(const msdk_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_DATETIME, dst, cap);
}

msdk_err_t msdk_datetime_decode(const uint8_t *src, size_t len, msdk_datetime_t *dt)
{
    return dt_decode(src, len, DT_DATETIME, dt);
}

msdk_err_t msdk_datetime_date_encode(const msdk_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_DATE, dst, cap);
}

msdk_err_t msdk_datetime_date_decode(const uint8_t *src, size_t len, msdk_datetime_t *dt)
{
    return dt_decode(src, len, DT_DATE, dt);
}

msdk_err_t msdk_datetime_time_encode(const msdk_datetime_t *dt, uint8_t *dst, size_t cap)
{
    return dt_encode(dt, DT_TIME, dst, cap);
}

msdk_err_t msdk_datetime_time_decode(const uint8_t *src, size_t len, msdk_datetime_t *dt)
{
    return dt_decode(src, len, DT_TIME, dt);
}
