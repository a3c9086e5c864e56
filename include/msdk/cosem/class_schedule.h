/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM time-of-use classes: Script table (class 9), Special days table (class 11),
 *        Activity calendar (class 20) and Single action schedule (class 22), all version 0
 *        (DLMS UA Blue Book, IEC 62056-6-2).
 *
 * The library encodes, decodes and validates; the tables themselves live in the
 * application (libtou). Each table is reached through a small typed row interface:
 * - GET: `count(ctx)` and `get(ctx, i, row)`; the class streams the array row by row, so a
 *   table may be larger than one APDU (the server sends it in blocks). The count is read
 *   once per GET: if the table shrinks during a block transfer, `get` sees an index past
 *   its end and must return an error (e.g. temporary-failure), which ends the transfer.
 * - SET: the class decodes and validates the whole array first (types, counts, ranges,
 *   date and time validity, duplicate keys). Only a fully valid value reaches the
 *   application, as `set_begin(ctx, n)`, then `set_row(ctx, i, row)` for i = 0..n-1, then
 *   `set_end(ctx, commit)`. `commit` is false when a `set_row` refused its row: the
 *   application then drops what it has received, so it can store the table atomically.
 *
 * Every callback returns a data-access-result (::MSDK_COSEM_DAR_SUCCESS when the value was
 * produced or applied) or, for methods, an action-result; a failure is passed on to the
 * client unchanged. Values the application gives for a GET are checked too: a name longer
 * than its maximum, a count above its maximum or an invalid date gives hardware-fault.
 *
 * Result codes the classes produce themselves:
 * - type-unmatched: the value or method parameter has the wrong type, structure, length
 *   or range, a duplicate key, or trailing bytes;
 * - other-reason: a table longer than the capacity declared in the definition, a
 *   selective access (none of these classes defines one), or (activation) a passive
 *   calendar whose references do not resolve;
 * - read-write-denied: a SET of an attribute the definition gives no setter for (and of
 *   the active calendar, which only changes by activation);
 * - object-unavailable: a GET without getter, a method without callback.
 *
 * Dates and times are exchanged as ::msdk_cosem_datetime_t with the fields the form does
 * not carry set to "not specified". On the wire they are octet-strings (date-time 12, date
 * 5, time 4 bytes) as the Blue Book defines; a SET also accepts the tagged date-time,
 * date and time types (25, 26, 27) that some clients send, GET always answers with
 * octet-strings.
 */
#ifndef MSDK_COSEM_CLASS_SCHEDULE_H
#define MSDK_COSEM_CLASS_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/cosem/axdr.h"
#include "msdk/cosem/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Limits (may be overridden at build time) ----------------------------------------- */

#ifndef MSDK_COSEM_SCRIPT_ACTIONS_MAX
/** @brief Most actions one script of a Script table may hold. */
#define MSDK_COSEM_SCRIPT_ACTIONS_MAX 8u
#endif

#ifndef MSDK_COSEM_CAL_NAME_MAX
/** @brief Longest calendar, season profile or week profile name, in bytes. */
#define MSDK_COSEM_CAL_NAME_MAX 16u
#endif

#ifndef MSDK_COSEM_CAL_DAY_ACTIONS_MAX
/** @brief Most actions (switching times) one day profile may hold. */
#define MSDK_COSEM_CAL_DAY_ACTIONS_MAX 16u
#endif

/** @brief Nesting limit of a script action's parameter (arrays and structures in it). */
#define MSDK_COSEM_SCRIPT_PARAM_DEPTH 4u

/** @brief A script to run: the Script table object and the script in it. */
typedef struct msdk_cosem_script_ref {
    uint8_t ln[6];     /**< Logical name of the Script table object. */
    uint16_t selector; /**< Script identifier within that table. */
} msdk_cosem_script_ref_t;

/* ---- Script table (class 9, version 0) ------------------------------------------------ */

/** @brief service_id of a script action. */
typedef enum msdk_cosem_script_service {
    MSDK_COSEM_SCRIPT_SERVICE_WRITE = 1,   /**< Write attribute @c index of the object. */
    MSDK_COSEM_SCRIPT_SERVICE_EXECUTE = 2, /**< Execute method @c index of the object. */
} msdk_cosem_script_service_t;

/** @brief One action_specification of a script. */
typedef struct msdk_cosem_script_action {
    uint8_t service_id; /**< ::msdk_cosem_script_service_t. */
    uint16_t class_id;  /**< Class of the target object. */
    uint8_t ln[6];      /**< Logical name of the target object. */
    int8_t index;       /**< Attribute or method number. */
    /** The parameter: one complete A-XDR Data value, tag included. On SET a reference into
     *  the request, valid only during the call; on GET, bytes of the application that must
     *  stay valid until the next callback. NULL (with @c param_len 0) on GET means
     *  null-data. */
    const uint8_t *param;
    size_t param_len; /**< Bytes at @c param. */
} msdk_cosem_script_action_t;

/** @brief One script: its identifier and actions. */
typedef struct msdk_cosem_script {
    uint16_t id;          /**< script_identifier (0 is the reserved null script). */
    uint8_t action_count; /**< Entries of @c actions in use. */
    msdk_cosem_script_action_t actions[MSDK_COSEM_SCRIPT_ACTIONS_MAX]; /**< The actions. */
} msdk_cosem_script_t;

/**
 * @brief Script table: attribute 2 (scripts) through a row interface, method 1 (execute).
 *
 * On SET every action is checked: service_id 1 or 2, a logical name of 6 bytes, a
 * parameter that is one valid Data value (nesting up to ::MSDK_COSEM_SCRIPT_PARAM_DEPTH),
 * at most ::MSDK_COSEM_SCRIPT_ACTIONS_MAX actions; script identifiers are unique and not 0.
 */
typedef struct msdk_cosem_script_table_def {
    /**
     * @brief Number of scripts.
     * @param[in] ctx Object context.
     * @return The number of scripts.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads script @p i.
     * @param[in]  ctx Object context.
     * @param[in]  i   Index, 0..count - 1.
     * @param[out] row The script.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_script_t *row);
    /** Most scripts a SET may write (0: no limit besides @c set_begin). */
    uint16_t max_scripts;
    /**
     * @brief Starts replacing the table with @p n validated scripts (NULL: not writable).
     * @param[in] ctx Object context.
     * @param[in] n   Number of scripts that follow.
     * @return A data-access-result; anything but success ends the SET.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Takes script @p i of the new table.
     * @param[in] ctx Object context.
     * @param[in] i   Index, 0..n - 1.
     * @param[in] row The script (its parameters point into the request).
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_script_t *row);
    /**
     * @brief Ends the SET.
     * @param[in] ctx    Object context.
     * @param[in] commit true: store the new table; false: discard it.
     * @return A data-access-result (the SET's result when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
    /**
     * @brief Method 1, execute: runs script @p id (NULL: not supported).
     *
     * Not called for the reserved identifier 0, which the class answers with success
     * (the null script performs no action).
     * @param[in] ctx Object context.
     * @param[in] id  script_identifier, 1..65535.
     * @return An action-result (e.g. other-reason for an unknown identifier).
     */
    uint8_t (*execute)(void *ctx, uint16_t id);
} msdk_cosem_script_table_def_t;

/** @brief Script table (class 9, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_script_table;

/* ---- Special days table (class 11, version 0) ----------------------------------------- */

/** @brief One spec_day_entry. */
typedef struct msdk_cosem_special_day {
    uint16_t index;             /**< Entry index (the key). */
    msdk_cosem_datetime_t date; /**< specialday_date: date fields (wildcards allowed),
                                     the others "not specified". */
    uint8_t day_id;             /**< Day profile (Activity calendar day_id) to use. */
} msdk_cosem_special_day_t;

/**
 * @brief Special days table: attribute 2 (entries) through a row interface, methods 1
 *        (insert) and 2 (delete).
 *
 * On SET the entries are checked: a valid date, unique indexes.
 */
typedef struct msdk_cosem_special_days_def {
    /**
     * @brief Number of entries.
     * @param[in] ctx Object context.
     * @return The number of entries.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads entry @p i.
     * @param[in]  ctx Object context.
     * @param[in]  i   Position, 0..count - 1.
     * @param[out] row The entry.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_special_day_t *row);
    /** Most entries a SET may write (0: no limit besides @c set_begin). */
    uint16_t max_entries;
    /**
     * @brief Starts replacing the table with @p n validated entries (NULL: not writable).
     * @param[in] ctx Object context.
     * @param[in] n   Number of entries that follow.
     * @return A data-access-result; anything but success ends the SET.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Takes entry @p i of the new table.
     * @param[in] ctx Object context.
     * @param[in] i   Position, 0..n - 1.
     * @param[in] row The entry.
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_special_day_t *row);
    /**
     * @brief Ends the SET.
     * @param[in] ctx    Object context.
     * @param[in] commit true: store the new table; false: discard it.
     * @return A data-access-result (the SET's result when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
    /**
     * @brief Method 1, insert (NULL: not supported). As the Blue Book defines it, an entry
     *        with the same index or the same date as the new one is overwritten.
     * @param[in] ctx   Object context.
     * @param[in] entry The validated entry.
     * @return An action-result (e.g. temporary-failure when the table is full).
     */
    uint8_t (*insert)(void *ctx, const msdk_cosem_special_day_t *entry);
    /**
     * @brief Method 2, delete: removes the entry with index @p index (NULL: not supported).
     * @param[in] ctx   Object context.
     * @param[in] index Entry index.
     * @return An action-result.
     */
    uint8_t (*delete_entry)(void *ctx, uint16_t index);
} msdk_cosem_special_days_def_t;

/** @brief Special days table (class 11, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_special_days;

/* ---- Activity calendar (class 20, version 0) ------------------------------------------ */

/** @brief Activity calendar attributes (2..10). */
typedef enum msdk_cosem_cal_attr {
    MSDK_COSEM_CAL_NAME_ACTIVE = 2,     /**< calendar_name_active: octet-string. */
    MSDK_COSEM_CAL_SEASONS_ACTIVE = 3,  /**< season_profile_active: array. */
    MSDK_COSEM_CAL_WEEKS_ACTIVE = 4,    /**< week_profile_table_active: array. */
    MSDK_COSEM_CAL_DAYS_ACTIVE = 5,     /**< day_profile_table_active: array. */
    MSDK_COSEM_CAL_NAME_PASSIVE = 6,    /**< calendar_name_passive: octet-string. */
    MSDK_COSEM_CAL_SEASONS_PASSIVE = 7, /**< season_profile_passive: array. */
    MSDK_COSEM_CAL_WEEKS_PASSIVE = 8,   /**< week_profile_table_passive: array. */
    MSDK_COSEM_CAL_DAYS_PASSIVE = 9,    /**< day_profile_table_passive: array. */
    MSDK_COSEM_CAL_ACTIVATE_TIME = 10,  /**< activate_passive_calendar_time: date-time. */
} msdk_cosem_cal_attr_t;

/** @brief The three tables of a calendar. */
typedef enum msdk_cosem_cal_table {
    MSDK_COSEM_CAL_TABLE_SEASONS = 0, /**< Season profile. */
    MSDK_COSEM_CAL_TABLE_WEEKS = 1,   /**< Week profile table. */
    MSDK_COSEM_CAL_TABLE_DAYS = 2,    /**< Day profile table. */
} msdk_cosem_cal_table_t;

/** @brief A calendar, season profile or week profile name (an octet-string). */
typedef struct msdk_cosem_cal_name {
    uint8_t len;                        /**< Bytes used, 0..::MSDK_COSEM_CAL_NAME_MAX. */
    uint8_t b[MSDK_COSEM_CAL_NAME_MAX]; /**< The name. */
} msdk_cosem_cal_name_t;

/** @brief One season of a season profile. */
typedef struct msdk_cosem_cal_season {
    msdk_cosem_cal_name_t name;  /**< season_profile_name (1.. bytes, unique). */
    msdk_cosem_datetime_t start; /**< season_start: a valid date-time, wildcards allowed. */
    msdk_cosem_cal_name_t week;  /**< week_name: the week profile in force (1.. bytes). */
} msdk_cosem_cal_season_t;

/** @brief One week profile. */
typedef struct msdk_cosem_cal_week {
    msdk_cosem_cal_name_t name; /**< week_profile_name (1.. bytes, unique). */
    uint8_t day_id[7];          /**< Day profile of Monday (0) .. Sunday (6). */
} msdk_cosem_cal_week_t;

/** @brief One day_profile_action: from @c start on, run @c script. */
typedef struct msdk_cosem_cal_action {
    msdk_cosem_datetime_t start;    /**< start_time: time fields (a valid time). */
    msdk_cosem_script_ref_t script; /**< script_logical_name and script_selector. */
} msdk_cosem_cal_action_t;

/** @brief One day profile. */
typedef struct msdk_cosem_cal_day {
    uint8_t day_id;       /**< Day identifier (unique in its table). */
    uint8_t action_count; /**< Entries of @c actions in use. */
    msdk_cosem_cal_action_t actions[MSDK_COSEM_CAL_DAY_ACTIONS_MAX]; /**< day_schedule. */
} msdk_cosem_cal_day_t;

/**
 * @brief Activity calendar: active and passive calendars, activation time and method 1
 *        (activate_passive_calendar).
 *
 * Only the passive calendar (attributes 6..9) and the activation time (10) are written;
 * the active one changes by activation. Before @c activate is called, the class checks
 * that the passive calendar is consistent: every season's week_name names a passive
 * week profile, and every day_id of every week profile names a passive day profile;
 * otherwise the method answers other-reason and nothing is activated.
 */
typedef struct msdk_cosem_calendar_def {
    /**
     * @brief Reads a calendar name.
     * @param[in]  ctx     Object context.
     * @param[in]  passive false: calendar_name_active, true: calendar_name_passive.
     * @param[out] name    The name.
     * @return A data-access-result.
     */
    uint8_t (*name_get)(void *ctx, bool passive, msdk_cosem_cal_name_t *name);
    /**
     * @brief Number of rows of a table.
     * @param[in] ctx     Object context.
     * @param[in] passive Which calendar.
     * @param[in] table   Which table.
     * @return The number of rows.
     */
    uint32_t (*count)(void *ctx, bool passive, msdk_cosem_cal_table_t table);
    /**
     * @brief Reads season @p i.
     * @param[in]  ctx     Object context.
     * @param[in]  passive Which calendar.
     * @param[in]  i       Row, 0..count - 1.
     * @param[out] row     The season.
     * @return A data-access-result.
     */
    uint8_t (*season_get)(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_season_t *row);
    /**
     * @brief Reads week profile @p i.
     * @param[in]  ctx     Object context.
     * @param[in]  passive Which calendar.
     * @param[in]  i       Row, 0..count - 1.
     * @param[out] row     The week profile.
     * @return A data-access-result.
     */
    uint8_t (*week_get)(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_week_t *row);
    /**
     * @brief Reads day profile @p i.
     * @param[in]  ctx     Object context.
     * @param[in]  passive Which calendar.
     * @param[in]  i       Row, 0..count - 1.
     * @param[out] row     The day profile.
     * @return A data-access-result.
     */
    uint8_t (*day_get)(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_day_t *row);
    /**
     * @brief Reads activate_passive_calendar_time.
     * @param[in]  ctx Object context.
     * @param[out] dt  The date-time (all fields "not specified": no automatic activation).
     * @return A data-access-result.
     */
    uint8_t (*activate_time_get)(void *ctx, msdk_cosem_datetime_t *dt);
    uint16_t max_seasons; /**< Most seasons a SET may write (0: no limit). */
    uint16_t max_weeks;   /**< Most week profiles a SET may write (0: no limit). */
    uint16_t max_days;    /**< Most day profiles a SET may write (0: no limit). */
    /**
     * @brief Writes calendar_name_passive (NULL: not writable).
     * @param[in] ctx  Object context.
     * @param[in] name The validated name.
     * @return A data-access-result.
     */
    uint8_t (*name_set)(void *ctx, const msdk_cosem_cal_name_t *name);
    /**
     * @brief Starts replacing a passive table with @p n validated rows (NULL: the passive
     *        tables are not writable).
     * @param[in] ctx   Object context.
     * @param[in] table Which table.
     * @param[in] n     Number of rows that follow.
     * @return A data-access-result; anything but success ends the SET.
     */
    uint8_t (*set_begin)(void *ctx, msdk_cosem_cal_table_t table, uint32_t n);
    /**
     * @brief Takes season @p i of the new passive season profile.
     * @param[in] ctx Object context.
     * @param[in] i   Row, 0..n - 1.
     * @param[in] row The season.
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*season_set)(void *ctx, uint32_t i, const msdk_cosem_cal_season_t *row);
    /**
     * @brief Takes week profile @p i of the new passive week profile table.
     * @param[in] ctx Object context.
     * @param[in] i   Row, 0..n - 1.
     * @param[in] row The week profile.
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*week_set)(void *ctx, uint32_t i, const msdk_cosem_cal_week_t *row);
    /**
     * @brief Takes day profile @p i of the new passive day profile table.
     * @param[in] ctx Object context.
     * @param[in] i   Row, 0..n - 1.
     * @param[in] row The day profile.
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*day_set)(void *ctx, uint32_t i, const msdk_cosem_cal_day_t *row);
    /**
     * @brief Ends the SET of a passive table.
     * @param[in] ctx    Object context.
     * @param[in] table  Which table.
     * @param[in] commit true: store the new table; false: discard it.
     * @return A data-access-result (the SET's result when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, msdk_cosem_cal_table_t table, bool commit);
    /**
     * @brief Writes activate_passive_calendar_time (NULL: not writable).
     * @param[in] ctx Object context.
     * @param[in] dt  A valid date-time (wildcards allowed).
     * @return A data-access-result.
     */
    uint8_t (*activate_time_set)(void *ctx, const msdk_cosem_datetime_t *dt);
    /**
     * @brief Method 1, activate_passive_calendar: copies the passive calendar to the
     *        active one, after the class has checked its references (NULL: not supported).
     * @param[in] ctx Object context.
     * @return An action-result.
     */
    uint8_t (*activate)(void *ctx);
} msdk_cosem_calendar_def_t;

/** @brief Activity calendar (class 20, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_activity_calendar;

/* ---- Single action schedule (class 22, version 0) ------------------------------------- */

/** @brief Single action schedule attributes (2..4). */
typedef enum msdk_cosem_sas_attr {
    MSDK_COSEM_SAS_EXECUTED_SCRIPT = 2, /**< executed_script: structure. */
    MSDK_COSEM_SAS_TYPE = 3,            /**< type: enum 1..5. */
    MSDK_COSEM_SAS_EXECUTION_TIME = 4,  /**< execution_time: array of {time, date}. */
} msdk_cosem_sas_attr_t;

/**
 * @brief Single action schedule: executed_script (2), type (3), execution_time (4).
 *
 * An execution time is one ::msdk_cosem_datetime_t holding the time fields and the date
 * fields (deviation and status "not specified"). A SET of execution_time is checked
 * against the current type (read through @c type_get): hundredths 0 (or "not specified"),
 * type 1 at most one entry, types 2 and 3 the same time in every entry, types 2 and 4 no
 * wildcard in the date (year, month and day all specified). An empty array is accepted
 * for every type (no execution).
 */
typedef struct msdk_cosem_single_action_def {
    /**
     * @brief Reads executed_script.
     * @param[in]  ctx    Object context.
     * @param[out] script The script.
     * @return A data-access-result.
     */
    uint8_t (*script_get)(void *ctx, msdk_cosem_script_ref_t *script);
    /**
     * @brief Writes executed_script (NULL: not writable).
     * @param[in] ctx    Object context.
     * @param[in] script The script.
     * @return A data-access-result.
     */
    uint8_t (*script_set)(void *ctx, const msdk_cosem_script_ref_t *script);
    /**
     * @brief Reads the type.
     * @param[in]  ctx  Object context.
     * @param[out] type 1..5.
     * @return A data-access-result.
     */
    uint8_t (*type_get)(void *ctx, uint8_t *type);
    /**
     * @brief Writes the type (NULL: not writable).
     * @param[in] ctx  Object context.
     * @param[in] type 1..5.
     * @return A data-access-result.
     */
    uint8_t (*type_set)(void *ctx, uint8_t type);
    /**
     * @brief Number of execution times.
     * @param[in] ctx Object context.
     * @return The number of entries.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads execution time @p i.
     * @param[in]  ctx Object context.
     * @param[in]  i   Entry, 0..count - 1.
     * @param[out] t   Time and date fields.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_datetime_t *t);
    /** Most execution times a SET may write (0: no limit besides @c set_begin). */
    uint16_t max_times;
    /**
     * @brief Starts replacing execution_time with @p n validated entries (NULL: not
     *        writable).
     * @param[in] ctx Object context.
     * @param[in] n   Number of entries that follow.
     * @return A data-access-result; anything but success ends the SET.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Takes entry @p i of the new execution_time.
     * @param[in] ctx Object context.
     * @param[in] i   Entry, 0..n - 1.
     * @param[in] t   Time and date fields.
     * @return A data-access-result; anything but success aborts the SET.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_datetime_t *t);
    /**
     * @brief Ends the SET.
     * @param[in] ctx    Object context.
     * @param[in] commit true: store the new entries; false: discard them.
     * @return A data-access-result (the SET's result when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_single_action_def_t;

/** @brief Single action schedule (class 22, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_single_action;

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_SCHEDULE_H */
