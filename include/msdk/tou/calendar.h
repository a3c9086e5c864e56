/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Activity calendar (what COSEM class 20 shows), special days table (class 11) and
 *        the tariff in force at an instant (what register activation, class 6, needs).
 *
 * Sans-IO: the caller passes the time (UTC seconds) and the zone (msdk/tou/time.h) with
 * every call; the engine reads no clock, allocates nothing and keeps all its state in the
 * caller's ::msdk_tou_cal_t, whose tables have compile-time maxima
 * (::MSDK_TOU_CAL_SEASONS_MAX, ::MSDK_TOU_CAL_WEEKS_MAX, ::MSDK_TOU_CAL_DAYS_MAX,
 * ::MSDK_TOU_CAL_SWITCHES_MAX, ::MSDK_TOU_SPECIAL_DAYS_MAX; each may be overridden at build
 * time).
 *
 * @par Calendar
 * A calendar (::msdk_tou_calendar_t) has seasons, week profiles and day profiles:
 * - a season starts at a local date-time given as a COSEM date-time with wildcards and
 *   names the week profile in force from then on. Year and month may be "not specified"
 *   (every year, every month); the day of month is 1..31, ::MSDK_DATETIME_DAY_LAST or
 *   ::MSDK_DATETIME_DAY_SECOND_LAST (a day past the end of a month means its last day:
 *   29 February is 28 February in other years); hour, minute and second "not specified"
 *   read as 0. The day of week, hundredths, deviation and status are not used. The season
 *   in force at a local time is the one whose latest start at or before it is the latest
 *   (the first in table order on a tie), so a season that starts on 1 November with the
 *   year not specified is still in force on 1 January;
 * - a week profile gives the day profile (day_id) of Monday..Sunday;
 * - a day profile has 1..::MSDK_TOU_CAL_SWITCHES_MAX switch points, each a local start time
 *   and a tariff 1..::MSDK_TOU_TARIFF_MAX (the script selector of the COSEM
 *   day_profile_action; the script's logical name is kept for the application and not
 *   used). Start times are strictly increasing. From a switch point on its tariff is in
 *   force until the next one; before the first switch point of a day, the last switch
 *   point of the previous day stays in force.
 *
 * Switch points and season starts are local wall-clock times: on the day DST begins a
 * switch point in the hour that does not exist takes effect when the clock jumps over it,
 * and on the day DST ends the repeated hour runs the switch points in it twice, so each
 * tariff gets the time the wall clock spends in its part of the day (a 23-hour or 25-hour
 * day).
 *
 * @par Special days
 * A special day entry (index, date, day_id) overrides the week profile's day profile on
 * every local date its date matches: year, month, day of month and day of week each match
 * when "not specified" or equal (::MSDK_DATETIME_DAY_LAST and
 * ::MSDK_DATETIME_DAY_SECOND_LAST match the last and second last day of the month), so
 * `FFFF-12-25` is every 25 December. When several entries match, the lowest index wins.
 * Entries are not checked against a calendar (they may be written before the calendar that
 * defines their day profiles): an entry whose day_id is not a day profile of the active
 * calendar is skipped.
 *
 * @par Passive calendar and events
 * Only the passive calendar is written (msdk_tou_cal_set_passive(): event
 * ::MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED, standard event 19). It becomes the active one by
 * msdk_tou_cal_activate() (the COSEM method activate_passive_calendar) or when
 * msdk_tou_cal_update() sees the activation time (activate_passive_calendar_time) reached;
 * both give ::MSDK_TOU_CAL_EV_ACTIVATED (standard event 9). The activation time fires once
 * per write: a time already past when written fires at the next update (late), and a clock
 * set back over it afterwards does not fire it again. Events accumulate in the context until
 * msdk_tou_cal_take_events() reads them.
 *
 * @par Errors
 * A refused call changes nothing. The codes are distinct so that the application can give
 * the COSEM data-access-result:
 * - ::MSDK_ERR_INVALID_ARG: a NULL pointer, or a field out of its range: a season start,
 *   special day date or activation time that is not a valid date-time of the accepted form,
 *   a switch time out of range, a tariff outside 1..::MSDK_TOU_TARIFF_MAX, a name too long
 *   or empty (suggested: type-unmatched);
 * - ::MSDK_ERR_MALFORMED: a table's order or keys: unsorted or repeated switch times, a day
 *   profile without switch points, a repeated day_id, season name, week name or special
 *   day index (suggested: type-unmatched);
 * - ::MSDK_ERR_NOT_FOUND: a reference that does not resolve: a season naming a missing week
 *   profile, a week profile naming a missing day_id (suggested: other-reason); also "no
 *   season in force" and "no such entry";
 * - ::MSDK_ERR_NO_SPACE: more entries than a maximum (suggested: other-reason for a SET,
 *   temporary-failure for the special days insert method).
 */
#ifndef MSDK_TOU_CALENDAR_H
#define MSDK_TOU_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/datetime.h"
#include "msdk/core/err.h"
#include "msdk/tou/time.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef MSDK_TOU_CAL_SEASONS_MAX
/** @brief Most seasons of a calendar. */
#define MSDK_TOU_CAL_SEASONS_MAX 8u
#endif
#ifndef MSDK_TOU_CAL_WEEKS_MAX
/** @brief Most week profiles of a calendar. */
#define MSDK_TOU_CAL_WEEKS_MAX 8u
#endif
#ifndef MSDK_TOU_CAL_DAYS_MAX
/** @brief Most day profiles of a calendar. */
#define MSDK_TOU_CAL_DAYS_MAX 12u
#endif
#ifndef MSDK_TOU_CAL_SWITCHES_MAX
/** @brief Most switch points of one day profile. */
#define MSDK_TOU_CAL_SWITCHES_MAX 24u
#endif
#ifndef MSDK_TOU_SPECIAL_DAYS_MAX
/** @brief Most entries of the special days table (at least 64). */
#define MSDK_TOU_SPECIAL_DAYS_MAX 64u
#endif
/** @brief Longest calendar, season or week profile name, in bytes. */
#define MSDK_TOU_CAL_NAME_MAX 16u
/** @brief Highest tariff number (tariffs are 1..8). */
#define MSDK_TOU_TARIFF_MAX   8u

/** @brief Event flag: the passive calendar became the active one (standard event 9). */
#define MSDK_TOU_CAL_EV_ACTIVATED          0x01u
/** @brief Event flag: a new passive calendar was programmed (standard event 19). */
#define MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED 0x02u
/** @brief Standard event code of ::MSDK_TOU_CAL_EV_ACTIVATED (TOU activated). */
#define MSDK_TOU_EVENT_TOU_ACTIVATED       9u
/** @brief Standard event code of ::MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED (passive TOU
 *         programmed). */
#define MSDK_TOU_EVENT_PASSIVE_PROGRAMMED  19u

/** @brief A calendar, season or week profile name (an octet-string). */
typedef struct msdk_tou_name {
    uint8_t len;                      /**< Bytes used, 0..::MSDK_TOU_CAL_NAME_MAX. */
    uint8_t b[MSDK_TOU_CAL_NAME_MAX]; /**< The name. */
} msdk_tou_name_t;

/** @brief One season. */
typedef struct msdk_tou_season {
    msdk_tou_name_t name;  /**< Season name, 1.. bytes, unique in the calendar. */
    msdk_datetime_t start; /**< Local start, wildcards as in the file documentation. */
    msdk_tou_name_t week;  /**< Name of the week profile in force from @c start on. */
} msdk_tou_season_t;

/** @brief One week profile. */
typedef struct msdk_tou_week {
    msdk_tou_name_t name; /**< Week profile name, 1.. bytes, unique in the calendar. */
    uint8_t day_id[7];    /**< Day profile of Monday (0) .. Sunday (6). */
} msdk_tou_week_t;

/** @brief One switch point of a day profile. */
typedef struct msdk_tou_switch {
    uint8_t hour;         /**< Local start time: hour 0..23. */
    uint8_t minute;       /**< Minute 0..59. */
    uint8_t second;       /**< Second 0..59. */
    uint8_t script_ln[6]; /**< Script table logical name (kept, not used). */
    uint16_t tariff;      /**< Script selector: the tariff, 1..::MSDK_TOU_TARIFF_MAX. */
} msdk_tou_switch_t;

/** @brief One day profile. */
typedef struct msdk_tou_day {
    uint8_t day_id; /**< Day identifier, unique in the calendar. */
    uint8_t count;  /**< Switch points in use, 1..::MSDK_TOU_CAL_SWITCHES_MAX. */
    msdk_tou_switch_t sw[MSDK_TOU_CAL_SWITCHES_MAX]; /**< Switch points, start times
                                                          strictly increasing. */
} msdk_tou_day_t;

/** @brief A calendar (active or passive). A zeroed struct is the empty calendar. */
typedef struct msdk_tou_calendar {
    msdk_tou_name_t name;                                /**< Calendar name (may be empty). */
    uint8_t season_count;                                /**< Seasons in use. */
    uint8_t week_count;                                  /**< Week profiles in use. */
    uint8_t day_count;                                   /**< Day profiles in use. */
    msdk_tou_season_t seasons[MSDK_TOU_CAL_SEASONS_MAX]; /**< Seasons (any order). */
    msdk_tou_week_t weeks[MSDK_TOU_CAL_WEEKS_MAX];       /**< Week profiles. */
    msdk_tou_day_t days[MSDK_TOU_CAL_DAYS_MAX];          /**< Day profiles. */
} msdk_tou_calendar_t;

/** @brief One special days entry. */
typedef struct msdk_tou_special_day {
    uint16_t index;       /**< Entry index (the key). */
    msdk_datetime_t date; /**< Date fields with wildcards; month 1..12 or not specified.
                               The time fields, deviation and status are not used. */
    uint8_t day_id;       /**< Day profile used on the matching dates. */
} msdk_tou_special_day_t;

/**
 * @brief The calendar engine: active and passive calendars, activation time and special
 *        days. Caller-owned; set up with msdk_tou_cal_init(), changed only through the
 *        msdk_tou_cal_*() functions. Read the fields, do not write them.
 */
typedef struct msdk_tou_cal {
    msdk_tou_calendar_t active;  /**< Active calendar. */
    msdk_tou_calendar_t passive; /**< Passive calendar. */
    msdk_datetime_t activate_at; /**< activate_passive_calendar_time (year not specified:
                                      none). */
    bool activation_pending;     /**< @c activate_at is set and has not fired yet. */
    uint16_t special_count;      /**< Special days entries in use. */
    msdk_tou_special_day_t special[MSDK_TOU_SPECIAL_DAYS_MAX]; /**< Special days, in the
                                                                    order written. */
    uint32_t events; /**< Pending ::MSDK_TOU_CAL_EV_ACTIVATED and
                          ::MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED flags. */
} msdk_tou_cal_t;

/** @brief The tariff in force at an instant. */
typedef struct msdk_tou_tariff {
    uint8_t tariff;         /**< Tariff in force, 1..::MSDK_TOU_TARIFF_MAX. */
    uint8_t day_id;         /**< Day profile the switch point in force belongs to. */
    uint8_t switch_index;   /**< Index of that switch point in its day profile. */
    bool from_previous_day; /**< The switch point is the previous day's last (the instant is
                                 before the first switch point of its day). */
    uint8_t season;         /**< Index of the season in force (active calendar). */
    bool special;           /**< The day profile of the day comes from a special day. */
    uint16_t special_index; /**< That entry's index (when @c special). */
    int64_t next_utc;       /**< UTC second at which to look again: the result may change
                                 there and does not change before it while the tables
                                 stay as they are (look again after writing them). */
} msdk_tou_tariff_t;

/**
 * @brief Checks a calendar.
 * @param[in] c          Calendar.
 * @param[in] check_refs true: also check that every season's week name and every week
 *                       profile's day_id resolve (false lets an application check one table
 *                       it stages before the others are written).
 * @retval MSDK_OK              Valid.
 * @retval MSDK_ERR_INVALID_ARG @p c is NULL or a field is out of range.
 * @retval MSDK_ERR_MALFORMED   Unsorted or repeated switch times, an empty day profile, a
 *                              repeated day_id, season name or week name.
 * @retval MSDK_ERR_NOT_FOUND   A reference does not resolve (with @p check_refs).
 * @retval MSDK_ERR_NO_SPACE    A count is above its maximum.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_calendar_validate(const msdk_tou_calendar_t *c, bool check_refs);

/**
 * @brief Sets up the engine.
 * @param[out] cal    Engine; untouched on error.
 * @param[in]  active Initial active calendar (factory programming); NULL: empty. The
 *                    passive calendar, the special days and the activation time start
 *                    empty, no event is pending.
 * @retval MSDK_OK Set up.
 * @retval other   As msdk_tou_calendar_validate() with references checked.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_init(msdk_tou_cal_t *cal, const msdk_tou_calendar_t *active);

/**
 * @brief Programs the passive calendar (COSEM attributes 6..9); raises
 *        ::MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED.
 * @param[in,out] cal     Engine; unchanged on error.
 * @param[in]     passive New passive calendar; checked with references.
 * @retval MSDK_OK Stored.
 * @retval other   As msdk_tou_calendar_validate() with references checked.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_set_passive(msdk_tou_cal_t *cal,
                                                   const msdk_tou_calendar_t *passive);

/**
 * @brief Sets activate_passive_calendar_time (COSEM attribute 10).
 * @param[in,out] cal Engine; unchanged on error.
 * @param[in]     at  Year not specified: no automatic activation. Otherwise year
 *                    (::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX), month and day a
 *                    real date, the day of week not specified or that of the date, hour,
 *                    minute and second each in range or not specified (0). With the
 *                    deviation specified the time is that instant, otherwise local time
 *                    (a repeated time: the first instant; a missing one: moved forward).
 * @retval MSDK_OK              Set; the activation fires once at msdk_tou_cal_update().
 * @retval MSDK_ERR_INVALID_ARG Not of the accepted form, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_set_activation(msdk_tou_cal_t *cal,
                                                      const msdk_datetime_t *at);

/**
 * @brief Copies the passive calendar to the active one now (COSEM method 1,
 *        activate_passive_calendar); raises ::MSDK_TOU_CAL_EV_ACTIVATED and cancels a
 *        pending activation time.
 * @param[in,out] cal Engine.
 * @retval MSDK_OK              Activated.
 * @retval MSDK_ERR_INVALID_ARG @p cal is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_activate(msdk_tou_cal_t *cal);

/**
 * @brief Runs the activation time: when it is pending and @p utc has reached it, activates
 *        as msdk_tou_cal_activate(). Call it before msdk_tou_cal_tariff() at least at every
 *        msdk_tou_tariff_t::next_utc.
 * @param[in,out] cal Engine.
 * @param[in]     tz  Zone of the local time.
 * @param[in]     utc Now, UTC seconds (::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX).
 * @retval MSDK_OK              Done (activated or not).
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_update(msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz,
                                              int64_t utc);

/**
 * @brief Reads and clears the pending event flags.
 * @param[in,out] cal Engine (NULL gives 0).
 * @return ::MSDK_TOU_CAL_EV_ACTIVATED and ::MSDK_TOU_CAL_EV_PASSIVE_PROGRAMMED flags raised
 *         since the last call.
 */
uint32_t msdk_tou_cal_take_events(msdk_tou_cal_t *cal);

/**
 * @brief Replaces the special days table (COSEM class 11 attribute 2).
 * @param[in,out] cal     Engine; unchanged on error.
 * @param[in]     entries Entries (NULL allowed when @p n is 0).
 * @param[in]     n       Number of entries.
 * @retval MSDK_OK              Replaced.
 * @retval MSDK_ERR_INVALID_ARG A date is not valid (month ::MSDK_DATETIME_MONTH_DST_END or
 *                              ::MSDK_DATETIME_MONTH_DST_BEGIN included), or a pointer is
 *                              NULL.
 * @retval MSDK_ERR_MALFORMED   Two entries have the same index.
 * @retval MSDK_ERR_NO_SPACE    @p n is above ::MSDK_TOU_SPECIAL_DAYS_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_special_days_set(msdk_tou_cal_t *cal,
                                                    const msdk_tou_special_day_t *entries,
                                                    uint16_t n);

/**
 * @brief Inserts a special day (COSEM class 11 method 1): an entry with the same index or
 *        the same date is overwritten, otherwise the entry is added.
 * @param[in,out] cal   Engine; unchanged on error.
 * @param[in]     entry Entry.
 * @retval MSDK_OK              Inserted.
 * @retval MSDK_ERR_INVALID_ARG The date is not valid, or a pointer is NULL.
 * @retval MSDK_ERR_NO_SPACE    The table is full.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_special_days_insert(msdk_tou_cal_t *cal,
                                                       const msdk_tou_special_day_t *entry);

/**
 * @brief Deletes a special day (COSEM class 11 method 2).
 * @param[in,out] cal   Engine; unchanged on error.
 * @param[in]     index Entry index.
 * @retval MSDK_OK              Deleted (the others keep their order).
 * @retval MSDK_ERR_NOT_FOUND   No entry has @p index.
 * @retval MSDK_ERR_INVALID_ARG @p cal is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_special_days_delete(msdk_tou_cal_t *cal, uint16_t index);

/**
 * @brief The tariff in force at an instant, by the active calendar and the special days.
 *
 * The day profile of the local date is the special day's (see the file documentation),
 * else the day_id the week profile of the season in force gives for the day of week; the
 * switch point in force is that profile's last one starting at or before the local time of
 * day, else the previous day's last.
 *
 * @param[in]  cal Engine (not changed: run msdk_tou_cal_update() first).
 * @param[in]  tz  Zone of the local time.
 * @param[in]  utc Instant, UTC seconds, from 1970-01-03 to the end of 9998.
 * @param[out] out Tariff and where it comes from, and msdk_tou_tariff_t::next_utc: the
 *                 earliest of the next switch point, the next local midnight, the next
 *                 season start, the next DST change and a pending activation time, so
 *                 an application that re-reads the tariff there follows every change;
 *                 untouched on error.
 * @retval MSDK_OK              Given.
 * @retval MSDK_ERR_NOT_FOUND   No season of the active calendar is in force (empty calendar,
 *                              or every season starts later).
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_cal_tariff(const msdk_tou_cal_t *cal, const msdk_tou_tz_t *tz,
                                              int64_t utc, msdk_tou_tariff_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TOU_CALENDAR_H */
