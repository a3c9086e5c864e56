/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Time zone and daylight saving time: UTC seconds to local time and
 *        back, and to and from a COSEM date-time.
 *
 * @par Time base
 * The single source of truth is UTC in whole seconds since 1970-01-01
 * 00:00:00 (`int64_t`, leap seconds not counted), within
 * ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX. Local time is derived from it and
 * is written as "local seconds": seconds since 1970-01-01 00:00:00 on the
 * local wall clock.
 *
 * @par Deviation
 * The DLMS deviation of a COSEM date-time is the number of minutes from local
 * time to UTC: `UTC = local + deviation`, so CET is -60 and CEST -120
 * (::MSDK_TOU_DEVIATION_DLMS). Some companion standards use the opposite sign
 * (`local = UTC + deviation`, CET +60: ::MSDK_TOU_DEVIATION_INVERTED); the zone
 * chooses one convention, and every deviation it takes or gives (its own
 * standard deviation, the deviation of DST rule times and of date-times) is in
 * that convention. The daylight saving deviation (COSEM Clock attribute 7) is
 * the number of minutes the local clock moves forward when DST begins
 * (-120..+120; 60 in the EU).
 *
 * @par DST rules
 * A rule is two COSEM date-times, begin and end, with the year not specified
 * (every year). Each names a day of a month and a time of day:
 * - month 1..12;
 * - day of month 1..31, ::MSDK_DATETIME_DAY_LAST or ::MSDK_DATETIME_DAY_SECOND_LAST;
 * - day of week 1..7 or not specified. With a day of week, a day of month d
 *   means the first such weekday on or after d (d + 6 at most the shortest
 *   length of the month: 28 for February), and the last / second last day means the last
 *   such weekday on or before the last / second last day of the month. So
 *   month 3, day 0xFE, day of week 7 is the last Sunday of March and month 10,
 *   day 1, day of week 7 the first Sunday of October;
 * - hour 0..23; minute and second 0..59 (not specified reads as 0); the
 *   hundredths and the status are not used.
 *
 * When the rule time's deviation is specified, the time is on the scale of
 * that deviation (`FFFF03FE0702000000FFC400`: last Sunday of March, 02:00 at
 * deviation -60, which is 01:00 UTC in the DLMS convention). When it is not
 * specified (0x8000), the time is local wall time as the COSEM Clock defines
 * it: begin in standard time, end in daylight time (the clock reading just
 * before each change). The EU rule, ::msdk_tou_dst_rule_eu, is 01:00 UTC on
 * the last Sunday of March and of October. The rule applies each year on its
 * own, so a southern-hemisphere rule (begin in October, end in April) keeps DST
 * across the year boundary.
 *
 * @par Repeated and missing local times
 * When DST begins (a positive DST deviation) local times in
 * [change, change + deviation) do not exist; when it ends they occur twice.
 * Converting such a local time to UTC takes a ::msdk_tou_fold_t (which of the
 * two instants) and a ::msdk_tou_gap_t (refuse the missing time, or move it
 * forward by the DST deviation, as the clock on the wall does). A negative DST
 * deviation swaps the two.
 *
 * @par Errors
 * Every function checks its arguments and, on error, writes no output and
 * leaves the zone unchanged. There is no heap and no global state; the zone
 * is a caller-owned struct.
 */
#ifndef MSDK_TOU_TIME_H
#define MSDK_TOU_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/datetime.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Earliest UTC second handled: 1970-01-01 00:00:00 UTC. */
#define MSDK_TOU_UTC_MIN           INT64_C(0)
/** @brief Latest UTC second handled: 9999-12-31 23:59:59 UTC. */
#define MSDK_TOU_UTC_MAX           INT64_C(253402300799)
/** @brief Largest magnitude of the daylight saving deviation, in minutes. */
#define MSDK_TOU_DST_DEVIATION_MAX 120
/** @brief Clock status bits a caller may pass to msdk_tou_tz_to_datetime(). */
#define MSDK_TOU_STATUS_CALLER_BITS                                                                \
    (MSDK_DATETIME_STATUS_INVALID | MSDK_DATETIME_STATUS_DOUBTFUL |                                \
     MSDK_DATETIME_STATUS_DIFFERENT_BASE | MSDK_DATETIME_STATUS_INVALID_STATUS)

/** @brief Sign convention of every deviation a zone takes and gives. */
typedef enum msdk_tou_deviation_sign {
    /** DLMS: minutes from local time to UTC, `UTC = local + deviation` (CET = -60). */
    MSDK_TOU_DEVIATION_DLMS = 0,
    /** Opposite sign of some companion standards: `local = UTC + deviation` (CET = +60). */
    MSDK_TOU_DEVIATION_INVERTED = 1,
} msdk_tou_deviation_sign_t;

/** @brief Which instant a local time that occurs twice (DST end) converts to. */
typedef enum msdk_tou_fold {
    MSDK_TOU_FOLD_FIRST = 0,  /**< The earlier instant (EU: still daylight time). */
    MSDK_TOU_FOLD_SECOND = 1, /**< The later instant (EU: standard time again). */
} msdk_tou_fold_t;

/** @brief What happens to a local time that does not exist (DST begin). */
typedef enum msdk_tou_gap {
    /** Refused with ::MSDK_ERR_NOT_FOUND. */
    MSDK_TOU_GAP_REFUSE = 0,
    /** Read with the deviation in force before the change, so it lands the DST deviation
     *  later on the wall clock (EU: 02:30 on the day DST begins is 01:30 UTC, 03:30 CEST). */
    MSDK_TOU_GAP_FORWARD = 1,
} msdk_tou_gap_t;

/** @brief A DST rule: when daylight saving begins and ends each year (see the file
 *         documentation for the fields used). */
typedef struct msdk_tou_dst_rule {
    msdk_datetime_t begin; /**< Start of DST. */
    msdk_datetime_t end;   /**< End of DST. */
} msdk_tou_dst_rule_t;

/** @brief The EU rule: DST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 *         last Sunday of October (rule times at deviation 0). */
extern const msdk_tou_dst_rule_t msdk_tou_dst_rule_eu;

/**
 * @brief Configuration of a time zone. A zeroed struct is UTC, DLMS sign, DST disabled.
 */
typedef struct msdk_tou_tz_config {
    /** Deviation of standard time, minutes, in the @c sign convention; -720..720. */
    int16_t deviation;
    /** Sign convention of @c deviation and of every deviation the zone handles. */
    msdk_tou_deviation_sign_t sign;
    /** Daylight saving time applied. */
    bool dst_enabled;
    /** Minutes local time moves forward while DST is active; -120..120. The total offset,
     *  @c deviation with this applied, must stay within -720..720. */
    int16_t dst_deviation;
    /** When DST begins and ends; checked only while @c dst_enabled is set. */
    msdk_tou_dst_rule_t dst_rule;
} msdk_tou_tz_config_t;

/**
 * @brief A time zone. Set up with msdk_tou_tz_init(); change it only through the
 *        msdk_tou_tz_set_*() functions, which keep it valid.
 */
typedef struct msdk_tou_tz {
    msdk_tou_tz_config_t cfg; /**< The validated configuration (read-only). */
    int16_t std_offset;       /**< Standard time minus UTC, minutes (derived). */
} msdk_tou_tz_t;

/** @brief Local time of an instant. */
typedef struct msdk_tou_local {
    int64_t local_s; /**< Seconds since 1970-01-01 00:00:00 on the local wall clock. */
    int16_t offset;  /**< Local time minus UTC in minutes, DST included (CEST: +120). */
    bool dst;        /**< Daylight saving time is active. */
} msdk_tou_local_t;

/**
 * @brief Checks a DST rule.
 * @param[in] rule Rule; see the file documentation.
 * @retval MSDK_OK              Valid.
 * @retval MSDK_ERR_INVALID_ARG @p rule is NULL, a date-time fails msdk_datetime_validate(),
 *                              the year is specified, the month is not 1..12, the day is not
 *                              specified, not in every year's month or too late for a day of
 *                              week, the hour is not specified, or begin and end name the
 *                              same day.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_dst_rule_validate(const msdk_tou_dst_rule_t *rule);

/**
 * @brief Sets up a time zone.
 * @param[out] tz  Zone; untouched on error.
 * @param[in]  cfg Configuration; NULL is the zeroed configuration (UTC).
 * @retval MSDK_OK              Set up.
 * @retval MSDK_ERR_INVALID_ARG @p tz is NULL, @c sign is unknown, a deviation is out of
 *                              range, or DST is enabled with an invalid rule.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_init(msdk_tou_tz_t *tz, const msdk_tou_tz_config_t *cfg);

/**
 * @brief Changes the standard-time deviation (COSEM Clock attribute 3, time_zone).
 * @param[in,out] tz        Zone; unchanged on error.
 * @param[in]     deviation Minutes in the zone's sign convention; -720..720, and within
 *                          that range with the DST deviation applied.
 * @retval MSDK_OK              Changed.
 * @retval MSDK_ERR_INVALID_ARG Out of range, or @p tz is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_set_deviation(msdk_tou_tz_t *tz, int16_t deviation);

/**
 * @brief Changes the DST deviation (COSEM Clock attribute 7).
 * @param[in,out] tz            Zone; unchanged on error.
 * @param[in]     dst_deviation Minutes, -120..120, with the total offset within -720..720.
 * @retval MSDK_OK              Changed.
 * @retval MSDK_ERR_INVALID_ARG Out of range, or @p tz is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_set_dst_deviation(msdk_tou_tz_t *tz, int16_t dst_deviation);

/**
 * @brief Changes the DST rule (COSEM Clock attributes 5 and 6).
 * @param[in,out] tz   Zone; unchanged on error.
 * @param[in]     rule New rule; must pass msdk_tou_dst_rule_validate() (also while DST
 *                     is disabled).
 * @retval MSDK_OK              Changed.
 * @retval MSDK_ERR_INVALID_ARG The rule is invalid, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_set_dst_rule(msdk_tou_tz_t *tz,
                                                   const msdk_tou_dst_rule_t *rule);

/**
 * @brief Enables or disables DST (COSEM Clock attribute 8).
 * @param[in,out] tz      Zone; unchanged on error.
 * @param[in]     enabled true to apply the DST rule.
 * @retval MSDK_OK              Changed.
 * @retval MSDK_ERR_INVALID_ARG @p tz is NULL, or enabling with a rule that is not valid
 *                              (set one with msdk_tou_tz_set_dst_rule() first).
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_set_dst_enabled(msdk_tou_tz_t *tz, bool enabled);

/**
 * @brief The instants DST begins and ends in a year.
 * @param[in]  tz        Zone with DST enabled.
 * @param[in]  year      Year of the rule's dates,
 * ::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX.
 * @param[out] begin_utc UTC second DST begins; untouched on error.
 * @param[out] end_utc   UTC second DST ends (the first second of standard time again);
 *                       untouched on error. Before @p begin_utc for a southern rule.
 * @retval MSDK_OK              Both given.
 * @retval MSDK_ERR_STATE       DST is disabled.
 * @retval MSDK_ERR_INVALID_ARG @p year is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_dst_transitions(const msdk_tou_tz_t *tz, int32_t year,
                                                      int64_t *begin_utc, int64_t *end_utc);

/**
 * @brief Local time of a UTC instant.
 * @param[in]  tz  Zone.
 * @param[in]  utc UTC seconds, ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX.
 * @param[out] out Local seconds, offset and DST flag; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_local_from_utc(const msdk_tou_tz_t *tz, int64_t utc,
                                                     msdk_tou_local_t *out);

/**
 * @brief UTC instant of a local wall-clock time.
 * @param[in]  tz      Zone.
 * @param[in]  local_s Local seconds since 1970-01-01 00:00:00.
 * @param[in]  fold    Which instant a local time that occurs twice gives.
 * @param[in]  gap     What a local time that does not exist gives.
 * @param[out] utc     UTC seconds; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_NOT_FOUND   The local time does not exist and @p gap is
 *                              ::MSDK_TOU_GAP_REFUSE.
 * @retval MSDK_ERR_INVALID_ARG The result is outside ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX,
 *                              @p fold or @p gap is unknown, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_utc_from_local(const msdk_tou_tz_t *tz, int64_t local_s,
                                                     msdk_tou_fold_t fold, msdk_tou_gap_t gap,
                                                     int64_t *utc);

/**
 * @brief COSEM date-time of a UTC instant in local time.
 * @param[in]  tz     Zone.
 * @param[in]  utc    UTC seconds, ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX.
 * @param[in]  status Clock status bits of the caller's clock: any combination of
 *                    ::MSDK_TOU_STATUS_CALLER_BITS (invalid, doubtful, different base,
 *                    invalid status).
 * @param[out] dt     Local date, day of week and time, hundredths not specified, the
 *                    deviation in effect (DST included, in the zone's convention) and
 *                    @p status with ::MSDK_DATETIME_STATUS_DST_ACTIVE set while DST is
 *                    active; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range or its local date is after the year
 *                              9999, @p status has another bit, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_to_datetime(const msdk_tou_tz_t *tz, int64_t utc,
                                                  uint8_t status, msdk_datetime_t *dt);

/**
 * @brief UTC instant of a COSEM date-time.
 *
 * With the deviation specified the date-time names one instant
 * (`UTC = local + deviation` in the DLMS convention) whatever the zone's rules. Without
 * it the zone's rules apply: a time that occurs twice takes the instant its status
 * names when the status is specified (DST active bit set: the daylight-time instant),
 * else the one @p fold names; a time that does not exist follows @p gap.
 *
 * @param[in]  tz   Zone.
 * @param[in]  dt   Date-time passing msdk_datetime_validate() with year
 *                  (::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX), month, day, hour,
 *                  minute and second specified and a real date; the day of week, when
 *                  specified, must be that of the date. Hundredths are not used.
 * @param[in]  fold As for msdk_tou_tz_utc_from_local().
 * @param[in]  gap  As for msdk_tou_tz_utc_from_local().
 * @param[out] utc  UTC seconds; untouched on error.
 * @retval MSDK_OK              Converted.
 * @retval MSDK_ERR_NOT_FOUND   The local time does not exist and @p gap is
 *                              ::MSDK_TOU_GAP_REFUSE.
 * @retval MSDK_ERR_INVALID_ARG A field is not specified, out of range or inconsistent,
 *                              the result is outside ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX,
 *                              @p fold or @p gap is unknown, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_tz_from_datetime(const msdk_tou_tz_t *tz,
                                                    const msdk_datetime_t *dt, msdk_tou_fold_t fold,
                                                    msdk_tou_gap_t gap, int64_t *utc);

/**
 * @brief Tells whether a date matches a COSEM date with wildcards (a special day's date, a
 *        single action schedule's execution date).
 *
 * Year, month, day of month and day of week each match when "not specified" or equal;
 * ::MSDK_DATETIME_DAY_LAST and ::MSDK_DATETIME_DAY_SECOND_LAST match the last and the second
 * last day of the month. All the specified fields must match, so day 13 with day of week 5 is
 * every Friday the 13th. A month of ::MSDK_DATETIME_MONTH_DST_END or
 * ::MSDK_DATETIME_MONTH_DST_BEGIN matches no date. The time fields, the deviation and the
 * status are not used.
 *
 * @param[in] pattern Date fields with wildcards.
 * @param[in] day     Day number (days from 1970-01-01), ::MSDK_DATETIME_DAYS_MIN..
 *                    ::MSDK_DATETIME_DAYS_MAX.
 * @return true when every specified field of @p pattern matches @p day; false otherwise, when
 *         @p day is out of range or @p pattern is NULL.
 */
bool msdk_tou_date_matches(const msdk_datetime_t *pattern, int64_t day);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TOU_TIME_H */
