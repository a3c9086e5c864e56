/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM date-time (IEC 62056-6-2, DLMS UA Blue Book 4.1.6.1): the field
 *        struct with its wildcards, validation, the 12/5/4-byte forms, and
 *        civil-calendar helpers (proleptic Gregorian).
 *
 * Shared by libcosem (which keeps its `msdk_cosem_datetime_*` names as
 * aliases of these) and libtou, so neither needs the other.
 *
 * @par Wire layout
 * | Byte  | Field                         | Not specified |
 * |-------|-------------------------------|---------------|
 * | 0..1  | year, big-endian              | 0xFFFF        |
 * | 2     | month 1..12, 0xFD, 0xFE       | 0xFF          |
 * | 3     | day of month 1..31, 0xFD, 0xFE| 0xFF          |
 * | 4     | day of week 1 (Monday)..7     | 0xFF          |
 * | 5..8  | hour, minute, second, 1/100 s | 0xFF each     |
 * | 9..10 | deviation, big-endian, minutes| 0x8000        |
 * | 11    | clock status                  | 0xFF          |
 *
 * The date form is bytes 0..4, the time form bytes 5..8. Example: the last
 * Sunday of March at 02:00, every year, deviation -60:
 * `FF FF 03 FE 07 02 00 00 00 FF C4 00`.
 *
 * @par Civil helpers
 * Day numbers count days from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar; they cover the years ::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX.
 *
 * On error no output is written.
 */
#ifndef MSDK_CORE_DATETIME_H
#define MSDK_CORE_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Year "not specified". */
#define MSDK_DATETIME_YEAR_UNSPECIFIED      0xFFFFu
/** @brief Any one-byte field (month, day, day of week, hour, ...) "not specified". */
#define MSDK_DATETIME_UNSPECIFIED           0xFFu
/** @brief Month: end of daylight saving time. */
#define MSDK_DATETIME_MONTH_DST_END         0xFDu
/** @brief Month: begin of daylight saving time. */
#define MSDK_DATETIME_MONTH_DST_BEGIN       0xFEu
/** @brief Day of month: second last day of the month. */
#define MSDK_DATETIME_DAY_SECOND_LAST       0xFDu
/** @brief Day of month: last day of the month. */
#define MSDK_DATETIME_DAY_LAST              0xFEu
/** @brief Deviation "not specified" (0x8000 on the wire). */
#define MSDK_DATETIME_DEVIATION_UNSPECIFIED INT16_MIN
/** @brief Largest magnitude of a specified deviation, in minutes (Blue Book). */
#define MSDK_DATETIME_DEVIATION_MAX         720
/** @brief Clock status bit 0: invalid value. */
#define MSDK_DATETIME_STATUS_INVALID        0x01u
/** @brief Clock status bit 1: doubtful value. */
#define MSDK_DATETIME_STATUS_DOUBTFUL       0x02u
/** @brief Clock status bit 2: different clock base. */
#define MSDK_DATETIME_STATUS_DIFFERENT_BASE 0x04u
/** @brief Clock status bit 3: invalid clock status. */
#define MSDK_DATETIME_STATUS_INVALID_STATUS 0x08u
/** @brief Clock status bit 7: daylight saving active. */
#define MSDK_DATETIME_STATUS_DST_ACTIVE     0x80u
/** @brief Clock status "not specified". */
#define MSDK_DATETIME_STATUS_UNSPECIFIED    0xFFu

/** @brief Size of the date-time form in bytes. */
#define MSDK_DATETIME_SIZE      12u
/** @brief Size of the date form in bytes. */
#define MSDK_DATETIME_DATE_SIZE 5u
/** @brief Size of the time form in bytes. */
#define MSDK_DATETIME_TIME_SIZE 4u

/** @brief First year the civil helpers cover. */
#define MSDK_DATETIME_YEAR_MIN 1
/** @brief Last year the civil helpers cover. */
#define MSDK_DATETIME_YEAR_MAX 9999
/** @brief Day number of 0001-01-01 (::MSDK_DATETIME_YEAR_MIN, January 1). */
#define MSDK_DATETIME_DAYS_MIN (-719162)
/** @brief Day number of 9999-12-31 (::MSDK_DATETIME_YEAR_MAX, December 31). */
#define MSDK_DATETIME_DAYS_MAX 2932896

/**
 * @brief COSEM date-time, field by field.
 *
 * Valid values (msdk_datetime_validate()):
 * - year 0..0xFFFE or ::MSDK_DATETIME_YEAR_UNSPECIFIED;
 * - month 1..12, ::MSDK_DATETIME_MONTH_DST_END, ::MSDK_DATETIME_MONTH_DST_BEGIN or 0xFF;
 * - day 1..31 (at most the length of the month when the month, and for
 *   February the year, is specified), ::MSDK_DATETIME_DAY_SECOND_LAST,
 *   ::MSDK_DATETIME_DAY_LAST or 0xFF;
 * - day_of_week 1 (Monday)..7 or 0xFF; it is not checked against the date;
 * - hour 0..23, minute 0..59, second 0..59, hundredths 0..99, each or 0xFF;
 * - deviation -720..+720 minutes or ::MSDK_DATETIME_DEVIATION_UNSPECIFIED;
 * - status: any byte.
 */
typedef struct msdk_datetime {
    uint16_t year;       /**< Year, or 0xFFFF. */
    uint8_t month;       /**< 1..12, 0xFD, 0xFE or 0xFF. */
    uint8_t day;         /**< 1..31, 0xFD, 0xFE or 0xFF. */
    uint8_t day_of_week; /**< 1..7 (Monday = 1) or 0xFF. */
    uint8_t hour;        /**< 0..23 or 0xFF. */
    uint8_t minute;      /**< 0..59 or 0xFF. */
    uint8_t second;      /**< 0..59 or 0xFF. */
    uint8_t hundredths;  /**< 0..99 or 0xFF. */
    int16_t deviation;   /**< Minutes from local time to UTC (UTC = local + deviation in
                              the DLMS convention), or INT16_MIN. */
    uint8_t status;      /**< Clock status bits, or 0xFF. */
} msdk_datetime_t;

/**
 * @brief Checks every field of a date-time against its range.
 * @param[in] dt Date-time.
 * @retval MSDK_OK              All fields valid.
 * @retval MSDK_ERR_INVALID_ARG A field is out of range, or @p dt is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_validate(const msdk_datetime_t *dt);

/**
 * @brief Checks the date fields (year, month, day, day of week) only.
 * @param[in] dt Date-time.
 * @retval MSDK_OK              The date fields are valid.
 * @retval MSDK_ERR_INVALID_ARG A date field is out of range, or @p dt is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_date_validate(const msdk_datetime_t *dt);

/**
 * @brief Checks the time fields (hour, minute, second, hundredths) only.
 * @param[in] dt Date-time.
 * @retval MSDK_OK              The time fields are valid.
 * @retval MSDK_ERR_INVALID_ARG A time field is out of range, or @p dt is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_time_validate(const msdk_datetime_t *dt);

/**
 * @brief Encodes the 12-byte date-time form.
 * @param[in]  dt  Date-time; must pass msdk_datetime_validate().
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   12 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 12.
 * @retval MSDK_ERR_INVALID_ARG      A field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_encode(const msdk_datetime_t *dt, uint8_t *dst, size_t cap);

/**
 * @brief Decodes and validates the 12-byte date-time form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 12.
 * @param[out] dt  Date-time; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 12.
 * @retval MSDK_ERR_MALFORMED   @p len is above 12, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_decode(const uint8_t *src, size_t len, msdk_datetime_t *dt);

/**
 * @brief Encodes the 5-byte date form (year, month, day, day of week).
 * @param[in]  dt  Date-time; only its date fields are used and validated.
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   5 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 5.
 * @retval MSDK_ERR_INVALID_ARG      A date field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_date_encode(const msdk_datetime_t *dt, uint8_t *dst,
                                                    size_t cap);

/**
 * @brief Decodes and validates the 5-byte date form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 5.
 * @param[out] dt  Date fields set, all time fields, the deviation and the
 *                 status set to "not specified"; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 5.
 * @retval MSDK_ERR_MALFORMED   @p len is above 5, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_date_decode(const uint8_t *src, size_t len,
                                                    msdk_datetime_t *dt);

/**
 * @brief Encodes the 4-byte time form (hour, minute, second, hundredths).
 * @param[in]  dt  Date-time; only its time fields are used and validated.
 * @param[out] dst Destination; untouched on error.
 * @param[in]  cap Size of @p dst.
 * @retval MSDK_OK                   4 bytes written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is below 4.
 * @retval MSDK_ERR_INVALID_ARG      A time field is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_time_encode(const msdk_datetime_t *dt, uint8_t *dst,
                                                    size_t cap);

/**
 * @brief Decodes and validates the 4-byte time form.
 * @param[in]  src Bytes.
 * @param[in]  len Number of bytes; must be exactly 4.
 * @param[out] dt  Time fields set, all date fields, the deviation and the
 *                 status set to "not specified"; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   @p len is below 4.
 * @retval MSDK_ERR_MALFORMED   @p len is above 4, or a field is out of range.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_time_decode(const uint8_t *src, size_t len,
                                                    msdk_datetime_t *dt);

/**
 * @brief Tells whether a year is a Gregorian leap year.
 * @param[in] year Any year (proleptic Gregorian).
 * @return true when @p year is divisible by 4 and not by 100, or by 400.
 */
bool msdk_datetime_is_leap_year(int32_t year);

/**
 * @brief Number of days of a month.
 * @param[in] year  Year (for February).
 * @param[in] month 1..12.
 * @return 28..31; 0 when @p month is not 1..12.
 */
uint8_t msdk_datetime_days_in_month(int32_t year, uint8_t month);

/**
 * @brief Day of week of a day number.
 * @param[in] days Days from 1970-01-01 (a Thursday); any value.
 * @return 1 (Monday)..7 (Sunday), as in the COSEM day_of_week field.
 */
uint8_t msdk_datetime_day_of_week(int64_t days);

/**
 * @brief Day number of a civil date.
 * @param[in]  year  ::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX.
 * @param[in]  month 1..12.
 * @param[in]  day   1..msdk_datetime_days_in_month().
 * @param[out] days  Days from 1970-01-01 (negative before it); untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG The date is not a valid date in the range, or @p days is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_days_from_civil(int32_t year, uint8_t month, uint8_t day,
                                                        int64_t *days);

/**
 * @brief Civil date of a day number.
 * @param[in]  days  ::MSDK_DATETIME_DAYS_MIN..::MSDK_DATETIME_DAYS_MAX.
 * @param[out] year  Year; untouched on error.
 * @param[out] month 1..12; untouched on error.
 * @param[out] day   1..31; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG @p days is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_civil_from_days(int64_t days, int32_t *year, uint8_t *month,
                                                        uint8_t *day);

/**
 * @brief Seconds from 1970-01-01 00:00:00 to the civil date and time of the
 *        fields, on the same time scale as the fields (the deviation, the
 *        status, the hundredths and the day of week are not used).
 * @param[in]  dt Year (::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX), month
 *                (1..12), day (1..length of the month), hour, minute and second
 *                all specified and in range.
 * @param[out] s  Seconds; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG A needed field is not specified or out of range, or a
 *                              pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_fields_to_s(const msdk_datetime_t *dt, int64_t *s);

/**
 * @brief Civil date and time of a count of seconds from 1970-01-01 00:00:00.
 * @param[in]  s  Seconds; the date must fall in
 *                ::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX.
 * @param[out] dt Year, month, day, day of week, hour, minute and second set,
 *                hundredths 0, deviation and status "not specified"; untouched on
 *                error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG @p s is out of range, or @p dt is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_datetime_fields_from_s(int64_t s, msdk_datetime_t *dt);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_DATETIME_H */
