/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Single action schedule (what COSEM class 22 shows) and script table (class 9).
 *
 * Sans-IO: the caller passes the zone (msdk/tou/time.h) and the time (UTC seconds) at every
 * poll; the engine reads no clock, allocates nothing and runs no script. It says when the
 * executed script of a schedule is due, and the application runs it (for example the end of a
 * billing period capturing the billing profiles, an image activation or a disconnect control
 * script), looking its actions up in a ::msdk_tou_script_table_t.
 *
 * @par Execution times
 * A schedule has a type (1..5, COSEM attribute 3) and a list of execution times (attribute 4),
 * each a (time, date) pair as the COSEM time and date forms give them. The pair names local
 * wall-clock times: the date fields match as msdk_tou_date_matches() says (year, month, day of
 * month including ::MSDK_DATETIME_DAY_LAST / ::MSDK_DATETIME_DAY_SECOND_LAST, day of week;
 * each "not specified" matches every value), and hour, minute and second each match when "not
 * specified" or equal. So `00:00:00` with date `FFFF-FF-FF` is every day at midnight,
 * `00:00:00` with `FFFF-FF-01` day 1 of every month at midnight, `FF:00:00` every hour and
 * `00:00:00` with day of week 7 every Sunday. Accepted values:
 * - time: hour 0..23, minute and second 0..59, each or not specified; hundredths 0 or not
 *   specified;
 * - date: year ::MSDK_DATETIME_YEAR_MIN..::MSDK_DATETIME_YEAR_MAX or not specified, month
 *   1..12 or not specified, day as msdk_datetime_validate() allows (not past the month's
 *   length when the month is specified), day of week 1..7 or not specified and, when year,
 *   month and day of month are all specified, that of the date;
 * - type 1: exactly one execution time, date wildcards allowed; type 2: all times the same,
 *   no date wildcards (year, month and day of month 1..31 specified); type 3: all times the
 *   same, date wildcards allowed; type 4: times may differ, no date wildcards; type 5: times
 *   may differ, date wildcards allowed. Types 2..5 take 0..::MSDK_TOU_SCHED_TIMES_MAX
 *   execution times (0: the schedule never runs).
 *
 * @par When the script runs
 * An occurrence is a local second that an execution time matches. Each poll
 * (msdk_tou_sched_poll()) looks at the occurrences after the last executed one and up to the
 * local time of now; when there is one or more, the latest runs once. Hence:
 * - normal running: each occurrence runs once, at the first poll at or after it;
 * - clock set forward over one or several occurrences: the latest of them runs once, at the
 *   first poll after the jump, reported late (the others are not run; @c collapsed says they
 *   existed);
 * - clock set back over an occurrence already run: it does not run again (it is not after the
 *   last executed one); the next occurrence after it runs normally;
 * - power outage across occurrences: the latest runs once at the first poll after power-up,
 *   reported late;
 * - DST: occurrences are local wall-clock times, compared as local seconds. A daily 00:00
 *   schedule runs once each local day; in the hour repeated when DST ends, an occurrence runs
 *   on its first pass only; an occurrence in the hour that does not exist when DST begins is
 *   due when the clock jumps over it (at the DST change instant).
 *
 * An execution is late when it is the first poll since msdk_tou_sched_init() or
 * msdk_tou_sched_restore() (power-up: the meter was off when it was due), or when now is more
 * than ::msdk_tou_sched_config_t::late_after_s seconds after its due instant (the clock jumped
 * forward over it, or the application did not poll for that long). The application records a
 * late execution with the clock-adjusted status (for example in the billing profile entry).
 *
 * @par Persistent state
 * ::msdk_tou_sched_state_t is what the application keeps across power-downs: @c last_local
 * (local second of the last executed occurrence) and @c armed. It changes only at a poll that
 * reports a due execution; persist it then (before running the script: a power failure in
 * between loses that execution; after it: the script may run twice). A state that is not
 * armed arms itself at the first poll: occurrences up to that instant count as done and do
 * not run. A clock set far into the future by mistake and then corrected leaves
 * @c last_local in the future, so that nothing runs until the clock gets there again; the
 * application re-arms with msdk_tou_sched_arm() when it corrects such a clock.
 *
 * @par Script table
 * A script table (::msdk_tou_script_table_t) holds up to ::MSDK_TOU_SCRIPTS_MAX scripts, each
 * an identifier and up to ::MSDK_TOU_SCRIPT_ACTIONS_MAX actions kept as opaque records
 * (service, class, logical name, index, parameter) for the application to execute. Identifier
 * 0 is the null script (no actions) and is never in the table.
 *
 * @par Errors
 * A refused call changes nothing. ::MSDK_ERR_INVALID_ARG: a NULL pointer or a field out of its
 * range (an invalid execution time, an unknown type, an invalid action); ::MSDK_ERR_MALFORMED:
 * the list does not fit its type (type 1 without exactly one time, type 2/3 with different
 * times, type 2/4 with a date wildcard), or two scripts with the same identifier;
 * ::MSDK_ERR_NO_SPACE: more entries than a maximum.
 */
#ifndef MSDK_TOU_SCHEDULE_H
#define MSDK_TOU_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/datetime.h"
#include "msdk/core/err.h"
#include "msdk/tou/time.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef MSDK_TOU_SCHED_TIMES_MAX
/** @brief Most execution times of a single action schedule. */
#define MSDK_TOU_SCHED_TIMES_MAX 16u
#endif
#ifndef MSDK_TOU_SCRIPTS_MAX
/** @brief Most scripts of a script table. */
#define MSDK_TOU_SCRIPTS_MAX 8u
#endif
#ifndef MSDK_TOU_SCRIPT_ACTIONS_MAX
/** @brief Most actions of one script. */
#define MSDK_TOU_SCRIPT_ACTIONS_MAX 8u
#endif
#ifndef MSDK_TOU_SCRIPT_PARAM_MAX
/** @brief Longest action parameter (encoded COSEM data), in bytes. */
#define MSDK_TOU_SCRIPT_PARAM_MAX 16u
#endif

/** @brief Script action service: write attribute. */
#define MSDK_TOU_SCRIPT_WRITE_ATTRIBUTE 1u
/** @brief Script action service: execute method. */
#define MSDK_TOU_SCRIPT_EXECUTE_METHOD  2u

/** @brief Single action schedule type (COSEM class 22 attribute 3). */
typedef enum msdk_tou_sched_type {
    MSDK_TOU_SCHED_ONE = 1,            /**< One execution time, date wildcards allowed. */
    MSDK_TOU_SCHED_SAME_TIME = 2,      /**< Same time, no date wildcards. */
    MSDK_TOU_SCHED_SAME_TIME_WILD = 3, /**< Same time, date wildcards allowed. */
    MSDK_TOU_SCHED_ANY_TIME = 4,       /**< Times may differ, no date wildcards. */
    MSDK_TOU_SCHED_ANY_TIME_WILD = 5,  /**< Times may differ, date wildcards allowed. */
} msdk_tou_sched_type_t;

/** @brief One execution time: a (time, date) pair of the COSEM attribute. */
typedef struct msdk_tou_exec_time {
    msdk_datetime_t time; /**< Hour, minute, second and hundredths used (the COSEM time
                               form, for example from msdk_datetime_time_decode()). */
    msdk_datetime_t date; /**< Year, month, day of month and day of week used (the COSEM
                               date form, for example from msdk_datetime_date_decode()). */
} msdk_tou_exec_time_t;

/** @brief Configuration of a single action schedule. */
typedef struct msdk_tou_sched_config {
    uint8_t script_ln[6];       /**< executed_script: script table logical name (kept, not
                                     used). */
    uint16_t script_id;         /**< executed_script: script selector (kept, not used). */
    msdk_tou_sched_type_t type; /**< Type, 1..5. */
    uint8_t count;              /**< Execution times in use. */
    msdk_tou_exec_time_t times[MSDK_TOU_SCHED_TIMES_MAX]; /**< Execution times. */
    uint32_t late_after_s; /**< An execution more than this many seconds after its due
                                instant is late (60 suits a poll every few seconds). */
} msdk_tou_sched_config_t;

/** @brief The state the application persists (see the file documentation). */
typedef struct msdk_tou_sched_state {
    int64_t last_local; /**< Local second of the last executed occurrence (or of the instant
                             the schedule was armed). */
    bool armed;         /**< @c last_local is set. */
} msdk_tou_sched_state_t;

/**
 * @brief A single action schedule. Caller-owned; set up with msdk_tou_sched_init(), changed
 *        only through the msdk_tou_sched_*() functions. Read the fields, do not write them.
 */
typedef struct msdk_tou_sched {
    msdk_tou_sched_config_t cfg;  /**< The validated configuration. */
    msdk_tou_sched_state_t state; /**< Persistent state. */
    bool polled;                  /**< A poll happened since init or restore (RAM only). */
    int64_t scanned_local;        /**< Highest local second polled since then (RAM only):
                                       occurrences up to it are handled. */
} msdk_tou_sched_t;

/** @brief Result of a poll. */
typedef struct msdk_tou_sched_due {
    bool due;                 /**< The executed script is to run now. */
    bool late;                /**< Run late (power-up, or clock jump): record it with the
                                   clock-adjusted status. */
    bool collapsed;           /**< Earlier occurrences since the last execution were not
                                   run (this execution stands for them). */
    int64_t occurrence_local; /**< Local second of the occurrence (when @c due). */
    int64_t due_utc;          /**< First UTC second the local clock read it (when @c due). */
} msdk_tou_sched_due_t;

/** @brief One script action (COSEM class 9 action_specification), opaque to the engine. */
typedef struct msdk_tou_script_action {
    uint8_t service;         /**< ::MSDK_TOU_SCRIPT_WRITE_ATTRIBUTE or
                                  ::MSDK_TOU_SCRIPT_EXECUTE_METHOD. */
    uint16_t class_id;       /**< Class of the target object. */
    uint8_t logical_name[6]; /**< Logical name of the target object. */
    int8_t index;            /**< Attribute or method index, 1..127. */
    uint8_t param_len;       /**< Bytes of @c param used, 0..::MSDK_TOU_SCRIPT_PARAM_MAX. */
    uint8_t param[MSDK_TOU_SCRIPT_PARAM_MAX]; /**< Parameter as encoded COSEM data. */
} msdk_tou_script_action_t;

/** @brief One script. */
typedef struct msdk_tou_script {
    uint16_t id;   /**< Script identifier, 1..65535 (0 is the null script). */
    uint8_t count; /**< Actions in use, 0..::MSDK_TOU_SCRIPT_ACTIONS_MAX. */
    msdk_tou_script_action_t actions[MSDK_TOU_SCRIPT_ACTIONS_MAX]; /**< Actions, in order. */
} msdk_tou_script_t;

/** @brief A script table. A zeroed struct is the empty table. */
typedef struct msdk_tou_script_table {
    uint8_t count;                                   /**< Scripts in use. */
    msdk_tou_script_t scripts[MSDK_TOU_SCRIPTS_MAX]; /**< Scripts, in the order written. */
} msdk_tou_script_table_t;

/**
 * @brief Checks a schedule configuration (see the file documentation).
 * @param[in] cfg Configuration.
 * @retval MSDK_OK              Valid.
 * @retval MSDK_ERR_INVALID_ARG @p cfg is NULL, the type is not 1..5, or an execution time has
 *                              a field out of range.
 * @retval MSDK_ERR_MALFORMED   The list does not fit the type.
 * @retval MSDK_ERR_NO_SPACE    @c count is above ::MSDK_TOU_SCHED_TIMES_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_config_validate(const msdk_tou_sched_config_t *cfg);

/**
 * @brief Sets up a schedule with a state that is not armed.
 * @param[out] s   Schedule; untouched on error.
 * @param[in]  cfg Configuration.
 * @retval MSDK_OK Set up.
 * @retval other   As msdk_tou_sched_config_validate(), or ::MSDK_ERR_INVALID_ARG for a NULL
 *                 @p s.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_init(msdk_tou_sched_t *s,
                                              const msdk_tou_sched_config_t *cfg);

/**
 * @brief Replaces the configuration (COSEM attributes 2..4); the state is kept.
 * @param[in,out] s   Schedule; unchanged on error.
 * @param[in]     cfg New configuration.
 * @retval MSDK_OK Replaced.
 * @retval other   As msdk_tou_sched_config_validate(), or ::MSDK_ERR_INVALID_ARG for a NULL
 *                 @p s.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_set_config(msdk_tou_sched_t *s,
                                                    const msdk_tou_sched_config_t *cfg);

/**
 * @brief Restores the persisted state at power-up; the next due execution is late.
 * @param[in,out] s     Schedule; unchanged on error.
 * @param[in]     state State saved after the last due poll.
 * @retval MSDK_OK              Restored.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_restore(msdk_tou_sched_t *s,
                                                 const msdk_tou_sched_state_t *state);

/**
 * @brief Arms the schedule at an instant: occurrences up to it count as done.
 * @param[in,out] s   Schedule; unchanged on error.
 * @param[in]     tz  Zone of the local time.
 * @param[in]     utc Instant, UTC seconds, ::MSDK_TOU_UTC_MIN..::MSDK_TOU_UTC_MAX.
 * @retval MSDK_OK              Armed; persist msdk_tou_sched_t::state.
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_arm(msdk_tou_sched_t *s, const msdk_tou_tz_t *tz,
                                             int64_t utc);

/**
 * @brief Polls the schedule: tells whether the executed script is due now.
 * @param[in,out] s   Schedule; on a due execution msdk_tou_sched_t::state changes (persist
 *                    it). Unchanged on error.
 * @param[in]     tz  Zone of the local time.
 * @param[in]     utc Now, UTC seconds, from 1970-01-02 to the end of 9999-12-30.
 * @param[out]    out Result; untouched on error.
 * @retval MSDK_OK              Polled (due or not).
 * @retval MSDK_ERR_INVALID_ARG @p utc is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_sched_poll(msdk_tou_sched_t *s, const msdk_tou_tz_t *tz,
                                              int64_t utc, msdk_tou_sched_due_t *out);

/**
 * @brief Replaces a script table (COSEM class 9 attribute 2).
 * @param[in,out] t       Table; unchanged on error.
 * @param[in]     scripts Scripts (NULL allowed when @p n is 0).
 * @param[in]     n       Number of scripts.
 * @retval MSDK_OK              Replaced.
 * @retval MSDK_ERR_INVALID_ARG A pointer is NULL, an identifier is 0, or an action has an
 *                              unknown service, an index outside 1..127 or a parameter
 *                              longer than ::MSDK_TOU_SCRIPT_PARAM_MAX.
 * @retval MSDK_ERR_MALFORMED   Two scripts have the same identifier.
 * @retval MSDK_ERR_NO_SPACE    @p n is above ::MSDK_TOU_SCRIPTS_MAX, or a script has more
 *                              than ::MSDK_TOU_SCRIPT_ACTIONS_MAX actions.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_script_table_set(msdk_tou_script_table_t *t,
                                                    const msdk_tou_script_t *scripts, uint8_t n);

/**
 * @brief Looks a script up by identifier (the COSEM execute method's parameter).
 * @param[in] t  Table.
 * @param[in] id Identifier.
 * @return The script, or NULL when @p t is NULL, @p id is 0 (the null script: nothing to run)
 *         or no script has @p id.
 */
const msdk_tou_script_t *msdk_tou_script_find(const msdk_tou_script_table_t *t, uint16_t id);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TOU_SCHEDULE_H */
