/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM register family: Extended register (class 4), Demand register (class 5),
 *        Register activation (class 6) and Register monitor (class 21), all version 0
 *        (DLMS UA 1000-1 Blue Book, IEC 62056-6-2).
 *
 * As for the other classes (msdk/cosem/classes.h), each class is one `const`
 * ::msdk_cosem_class_t; an object points at it and at a `const` definition of the type
 * named here, whose callbacks connect the object to the application. The library encodes,
 * decodes and validates; the application measures, computes demand (libtou), stores tables
 * and runs scripts.
 *
 * Conventions shared by the four classes:
 * - Callbacks return a data-access-result (::MSDK_COSEM_DAR_SUCCESS when the value was
 *   produced or applied) or, for methods, an action-result; any other result is passed on
 *   to the client unchanged.
 * - A value a provider returns for GET is checked where the attribute's type is fixed (a
 *   declared value type, a date-time, period, a mask's lengths); a value of the wrong type
 *   gives hardware-fault (the meter is at fault, not the client).
 * - SET decodes and validates the whole value (types, element counts, lengths, ranges,
 *   date-time validity, cross references) before any callback that changes state is
 *   called. A value of the wrong type or shape, out of range, or with trailing bytes is
 *   type-unmatched; a well-formed value that names something that does not exist (a mask
 *   name, a register index past the end of register_assignment) is other-reason. Nothing
 *   is applied in either case.
 * - None of these classes defines selective access: a GET or SET with an access selector
 *   is refused with other-reason.
 * - Arrays (register_assignment, mask_list, thresholds, actions) are read row by row from
 *   the application and streamed across GET blocks. They are written through a small
 *   transaction: after the whole array has been validated the class calls
 *   `set_begin(ctx, attr, n)`, then the typed row setter for rows 0..n-1, then
 *   `set_end(ctx, attr, commit)`, with @c commit false when a row setter failed. The
 *   application can therefore store the new table atomically (write to a shadow copy,
 *   switch on commit). `set_end` is called exactly once after every successful
 *   `set_begin`, and never otherwise.
 * - Row indexes passed to callbacks count from 0.
 */
#ifndef MSDK_COSEM_CLASS_REGISTERS_H
#define MSDK_COSEM_CLASS_REGISTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/cosem/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Extended register (class 4, version 0) ----------------------------------------------- */

/** @brief Extended register attributes (2..5). */
typedef enum msdk_cosem_ext_register_attr {
    MSDK_COSEM_EXT_REGISTER_VALUE = 2,        /**< value: a scalar (instance specific). */
    MSDK_COSEM_EXT_REGISTER_SCALER_UNIT = 3,  /**< scaler_unit: structure {integer, enum}. */
    MSDK_COSEM_EXT_REGISTER_STATUS = 4,       /**< status: a scalar (instance specific). */
    MSDK_COSEM_EXT_REGISTER_CAPTURE_TIME = 5, /**< capture_time: octet-string(12) date-time. */
} msdk_cosem_ext_register_attr_t;

/**
 * @brief Extended register: value (2), status (4) and capture_time (5) through the
 *        application, scaler_unit (3) constant or through the application, method 1 reset.
 *
 * The class checks the types: value and status have the A-XDR types given here (or any
 * scalar type when the type is ::MSDK_COSEM_AXDR_NULL_DATA), capture_time is an
 * octet-string holding a valid 12-byte date-time (fields may be "not specified").
 * scaler_unit is never writable.
 */
typedef struct msdk_cosem_ext_register_def {
    int8_t scaler;      /**< Scaler: value * 10^scaler is in @c unit. */
    uint8_t unit;       /**< Unit (Blue Book unit enumeration, e.g. 30 = Wh). */
    uint8_t value_tag;  /**< A-XDR type of value; ::MSDK_COSEM_AXDR_NULL_DATA: any scalar. */
    uint8_t status_tag; /**< A-XDR type of status; ::MSDK_COSEM_AXDR_NULL_DATA: any scalar. */
    /**
     * @brief Reads attribute @p attr (::MSDK_COSEM_EXT_REGISTER_VALUE, _STATUS or
     *        _CAPTURE_TIME).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute.
     * @param[out] v    The value; strings must stay valid until the call returns to the
     *                  server (point at application storage).
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_value_t *v);
    /**
     * @brief Writes attribute @p attr (2, 4 or 5) with a checked value; NULL: read-only.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute.
     * @param[in] v    The value, of the checked type; strings point into the request and
     *                 are valid during the call only.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_value_t *v);
    /**
     * @brief Method 1, reset: value and status to their defaults, capture_time to now;
     *        NULL: not supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*reset)(void *ctx);
    /**
     * @brief Reads scaler_unit when it is known only at run time (an M-Bus value takes the
     *        scaler and unit of the device's record); NULL: the constants @c scaler and
     *        @c unit.
     * @param[in]  ctx    ::msdk_cosem_object_t::ctx.
     * @param[out] scaler Scaler.
     * @param[out] unit   Unit (Blue Book enumeration).
     * @return A data-access-result.
     */
    uint8_t (*scaler_unit)(void *ctx, int8_t *scaler, uint8_t *unit);
} msdk_cosem_ext_register_def_t;

/** @brief Extended register (class 4, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_ext_register;

/* ---- Demand register (class 5, version 0) ------------------------------------------------- */

/** @brief Demand register attributes (2..9). */
typedef enum msdk_cosem_demand_attr {
    MSDK_COSEM_DEMAND_CURRENT_AVERAGE = 2,   /**< current_average_value: a scalar. */
    MSDK_COSEM_DEMAND_LAST_AVERAGE = 3,      /**< last_average_value: a scalar. */
    MSDK_COSEM_DEMAND_SCALER_UNIT = 4,       /**< scaler_unit: structure {integer, enum}. */
    MSDK_COSEM_DEMAND_STATUS = 5,            /**< status: a scalar (instance specific). */
    MSDK_COSEM_DEMAND_CAPTURE_TIME = 6,      /**< capture_time: octet-string(12) date-time. */
    MSDK_COSEM_DEMAND_START_TIME = 7,        /**< start_time_current: octet-string(12). */
    MSDK_COSEM_DEMAND_PERIOD = 8,            /**< period: double-long-unsigned, seconds, >= 1. */
    MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS = 9, /**< number_of_periods: long-unsigned, >= 1. */
} msdk_cosem_demand_attr_t;

/**
 * @brief Demand register: attributes 2, 3 and 5..9 through the application (the demand
 *        computation lives in libtou), scaler_unit (4) constant, methods 1 reset and
 *        2 next_period.
 *
 * Types checked by the class: the two averages have @c value_tag, status has
 * @c status_tag (::MSDK_COSEM_AXDR_NULL_DATA: any scalar), the two times are valid
 * 12-byte date-times in an octet-string, period is a double-long-unsigned of at least 1
 * second, number_of_periods a long-unsigned of at least 1. Only period and
 * number_of_periods are writable; the others are computed by the meter.
 */
typedef struct msdk_cosem_demand_def {
    int8_t scaler;      /**< Scaler of both averages. */
    uint8_t unit;       /**< Unit (Blue Book unit enumeration, e.g. 27 = W). */
    uint8_t value_tag;  /**< A-XDR type of both averages; ::MSDK_COSEM_AXDR_NULL_DATA: any. */
    uint8_t status_tag; /**< A-XDR type of status; ::MSDK_COSEM_AXDR_NULL_DATA: any scalar. */
    /**
     * @brief Reads attribute @p attr (2, 3, 5..9; ::msdk_cosem_demand_attr_t).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute.
     * @param[out] v    The value, with its A-XDR tag.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_value_t *v);
    /**
     * @brief Writes period (8) or number_of_periods (9) with a checked value; NULL:
     *        read-only. What a change does to the running period is the application's
     *        matter.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr ::MSDK_COSEM_DEMAND_PERIOD or ::MSDK_COSEM_DEMAND_NUMBER_OF_PERIODS.
     * @param[in] v    The value (double-long-unsigned >= 1, or long-unsigned >= 1).
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_value_t *v);
    /**
     * @brief Method 1, reset: the averages and status to their defaults, the times to now;
     *        NULL: not supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*reset)(void *ctx);
    /**
     * @brief Method 2, next_period: closes the current period now and starts the next;
     *        NULL: not supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*next_period)(void *ctx);
} msdk_cosem_demand_def_t;

/** @brief Demand register (class 5, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_demand;

/* ---- Register activation (class 6, version 0) --------------------------------------------- */

/** @brief Longest mask name the class accepts (octet-string). */
#define MSDK_COSEM_REG_ACT_NAME_MAX 16u

/** @brief Most register indexes one mask may list. */
#define MSDK_COSEM_REG_ACT_INDEX_MAX 64u

/** @brief Most entries of register_assignment (an index is an unsigned, 1..255). */
#define MSDK_COSEM_REG_ACT_REGISTERS_MAX 255u

/** @brief Most masks the class accepts in a mask_list written by SET or grown by add_mask. */
#define MSDK_COSEM_REG_ACT_MASKS_MAX 32u

/** @brief Register activation attributes (2..4). */
typedef enum msdk_cosem_reg_act_attr {
    MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT = 2, /**< array of object_definition. */
    MSDK_COSEM_REG_ACT_MASK_LIST = 3,           /**< array of register_act_mask. */
    MSDK_COSEM_REG_ACT_ACTIVE_MASK = 4,         /**< octet-string: a mask name. */
} msdk_cosem_reg_act_attr_t;

/**
 * @brief An object_definition: structure {class_id: long-unsigned, logical_name:
 *        octet-string(6)}. In register_assignment the class is Register (3), Extended
 *        register (4) or Demand register (5).
 */
typedef struct msdk_cosem_reg_act_register {
    uint16_t class_id; /**< 3, 4 or 5. */
    uint8_t ln[6];     /**< Logical name. */
} msdk_cosem_reg_act_register_t;

/**
 * @brief A register_act_mask: structure {mask_name: octet-string, index_list: array of
 *        unsigned}. Each index is the 1-based position of a register in
 *        register_assignment.
 */
typedef struct msdk_cosem_reg_act_mask {
    uint8_t name_len;                            /**< 1..::MSDK_COSEM_REG_ACT_NAME_MAX. */
    uint8_t name[MSDK_COSEM_REG_ACT_NAME_MAX];   /**< Mask name. */
    uint8_t index_count;                         /**< 0..::MSDK_COSEM_REG_ACT_INDEX_MAX. */
    uint8_t index[MSDK_COSEM_REG_ACT_INDEX_MAX]; /**< Register indexes, 1-based. */
} msdk_cosem_reg_act_mask_t;

/**
 * @brief Register activation: register_assignment (2), mask_list (3) and active_mask (4)
 *        kept by the application; methods 1 add_register, 2 add_mask, 3 delete_mask.
 *
 * Checks made by the class besides the types:
 * - register_assignment: at most ::MSDK_COSEM_REG_ACT_REGISTERS_MAX entries, classes
 *   3, 4 or 5; a new assignment shorter than an index used by a current mask is
 *   other-reason (shrink the masks first);
 * - mask_list: at most ::MSDK_COSEM_REG_ACT_MASKS_MAX masks with distinct names of
 *   1..::MSDK_COSEM_REG_ACT_NAME_MAX bytes, at most ::MSDK_COSEM_REG_ACT_INDEX_MAX
 *   indexes each; index 0 is type-unmatched, an index past the current register_assignment
 *   other-reason;
 * - active_mask: the name of a current mask (other-reason otherwise), or empty for none;
 * - add_register: refused with other-reason when register_assignment is full;
 * - add_mask: the same checks as one mask of mask_list; a mask with the name of an existing
 *   one replaces it (the application does that), a new name beyond
 *   ::MSDK_COSEM_REG_ACT_MASKS_MAX masks is other-reason;
 * - delete_mask: the name of a current mask (other-reason otherwise). Deleting the active
 *   mask is allowed; what that means for the active registers is the application's matter.
 */
typedef struct msdk_cosem_reg_activation_def {
    /**
     * @brief Number of entries of register_assignment.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return 0..::MSDK_COSEM_REG_ACT_REGISTERS_MAX.
     */
    uint32_t (*register_count)(void *ctx);
    /**
     * @brief Reads entry @p i of register_assignment.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   0..count - 1.
     * @param[out] r   The entry.
     * @return A data-access-result.
     */
    uint8_t (*get_register)(void *ctx, uint32_t i, msdk_cosem_reg_act_register_t *r);
    /**
     * @brief Number of masks in mask_list.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return Number of masks.
     */
    uint32_t (*mask_count)(void *ctx);
    /**
     * @brief Reads mask @p i of mask_list.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   0..count - 1.
     * @param[out] m   The mask (lengths within the array sizes, or the GET fails with
     *                 hardware-fault).
     * @return A data-access-result.
     */
    uint8_t (*get_mask)(void *ctx, uint32_t i, msdk_cosem_reg_act_mask_t *m);
    /**
     * @brief Reads active_mask.
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[out] name ::MSDK_COSEM_REG_ACT_NAME_MAX bytes for the name.
     * @param[out] len  Its length (0: no mask active).
     * @return A data-access-result.
     */
    uint8_t (*get_active)(void *ctx, uint8_t *name, size_t *len);
    /**
     * @brief Starts writing a validated register_assignment or mask_list of @p n entries;
     *        NULL: neither is writable.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr ::MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT or ::MSDK_COSEM_REG_ACT_MASK_LIST.
     * @param[in] n    Number of entries that follow.
     * @return A data-access-result; anything but success ends the SET (no @c set_end).
     */
    uint8_t (*set_begin)(void *ctx, uint8_t attr, uint32_t n);
    /**
     * @brief Entry @p i of a register_assignment being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   0..n - 1, in order.
     * @param[in] r   The entry.
     * @return A data-access-result; a failure ends the rows and calls @c set_end with
     *         commit false.
     */
    uint8_t (*set_register)(void *ctx, uint32_t i, const msdk_cosem_reg_act_register_t *r);
    /**
     * @brief Mask @p i of a mask_list being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   0..n - 1, in order.
     * @param[in] m   The mask.
     * @return A data-access-result; a failure ends the rows and calls @c set_end with
     *         commit false.
     */
    uint8_t (*set_mask)(void *ctx, uint32_t i, const msdk_cosem_reg_act_mask_t *m);
    /**
     * @brief Ends a write started by @c set_begin.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] attr   As given to @c set_begin.
     * @param[in] commit true: every row was accepted, apply the new table; false: discard.
     * @return A data-access-result (the result of the SET when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, uint8_t attr, bool commit);
    /**
     * @brief Writes active_mask; NULL: not writable.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] name The name of a current mask (valid during the call only).
     * @param[in] len  Its length; 0: no mask active.
     * @return A data-access-result.
     */
    uint8_t (*set_active)(void *ctx, const uint8_t *name, size_t len);
    /**
     * @brief Method 1, add_register: appends @p r to register_assignment; NULL: not
     *        supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] r   The checked object definition.
     * @return An action-result.
     */
    uint8_t (*add_register)(void *ctx, const msdk_cosem_reg_act_register_t *r);
    /**
     * @brief Method 2, add_mask: adds @p m to mask_list, or replaces the mask of the same
     *        name; NULL: not supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] m   The checked mask.
     * @return An action-result.
     */
    uint8_t (*add_mask)(void *ctx, const msdk_cosem_reg_act_mask_t *m);
    /**
     * @brief Method 3, delete_mask: removes the mask named @p name (which exists); NULL:
     *        not supported.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] name Mask name (valid during the call only).
     * @param[in] len  Its length, 1..::MSDK_COSEM_REG_ACT_NAME_MAX.
     * @return An action-result.
     */
    uint8_t (*delete_mask)(void *ctx, const uint8_t *name, size_t len);
} msdk_cosem_reg_activation_def_t;

/** @brief Register activation (class 6, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_reg_activation;

/* ---- Register monitor (class 21, version 0) ----------------------------------------------- */

/** @brief Register monitor attributes (2..4). */
typedef enum msdk_cosem_reg_monitor_attr {
    MSDK_COSEM_REG_MONITOR_THRESHOLDS = 2,      /**< array of a scalar type. */
    MSDK_COSEM_REG_MONITOR_MONITORED_VALUE = 3, /**< value_definition. */
    MSDK_COSEM_REG_MONITOR_ACTIONS = 4,         /**< array of action_set. */
} msdk_cosem_reg_monitor_attr_t;

/**
 * @brief A value_definition: structure {class_id: long-unsigned, logical_name:
 *        octet-string(6), attribute_index: integer}. The monitored object is a Data (1),
 *        Register (3), Extended register (4) or Demand register (5); the attribute index
 *        is 2..the class's last attribute (2, 3, 5 and 9 respectively).
 */
typedef struct msdk_cosem_reg_monitor_value {
    uint16_t class_id; /**< 1, 3, 4 or 5. */
    uint8_t ln[6];     /**< Logical name. */
    int8_t attr;       /**< Attribute index. */
} msdk_cosem_reg_monitor_value_t;

/** @brief An action_item: structure {script_logical_name: octet-string(6),
 *         script_selector: long-unsigned}. */
typedef struct msdk_cosem_reg_monitor_item {
    uint8_t script_ln[6]; /**< Logical name of a Script table. */
    uint16_t selector;    /**< Script to run. */
} msdk_cosem_reg_monitor_item_t;

/** @brief An action_set: structure {action_up: action_item, action_down: action_item}. */
typedef struct msdk_cosem_reg_monitor_action {
    msdk_cosem_reg_monitor_item_t up;   /**< Run when the value rises above the threshold. */
    msdk_cosem_reg_monitor_item_t down; /**< Run when the value falls below the threshold. */
} msdk_cosem_reg_monitor_action_t;

/**
 * @brief Register monitor: thresholds (2), monitored_value (3) and actions (4) kept by the
 *        application, which also does the monitoring.
 *
 * The thresholds all have the same scalar type: @c threshold_tag when it is not
 * ::MSDK_COSEM_AXDR_NULL_DATA, otherwise the type of the first one. The Blue Book wants as
 * many actions as thresholds; a client changes the two attributes in two SETs, so the
 * class does not compare the counts (the application pairs threshold i with action i and
 * ignores the surplus of either).
 */
typedef struct msdk_cosem_reg_monitor_def {
    uint8_t threshold_tag; /**< A-XDR type of the thresholds; ::MSDK_COSEM_AXDR_NULL_DATA:
                                any scalar type, the same for all. */
    /**
     * @brief Number of thresholds.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return Number of thresholds.
     */
    uint32_t (*threshold_count)(void *ctx);
    /**
     * @brief Reads threshold @p i.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   0..count - 1.
     * @param[out] v   The threshold.
     * @return A data-access-result.
     */
    uint8_t (*get_threshold)(void *ctx, uint32_t i, msdk_cosem_value_t *v);
    /**
     * @brief Reads monitored_value.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[out] m   The value definition.
     * @return A data-access-result.
     */
    uint8_t (*get_monitored)(void *ctx, msdk_cosem_reg_monitor_value_t *m);
    /**
     * @brief Number of action sets.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return Number of action sets.
     */
    uint32_t (*action_count)(void *ctx);
    /**
     * @brief Reads action set @p i.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   0..count - 1.
     * @param[out] a   The action set.
     * @return A data-access-result.
     */
    uint8_t (*get_action)(void *ctx, uint32_t i, msdk_cosem_reg_monitor_action_t *a);
    /**
     * @brief Starts writing validated thresholds or actions (@p n entries); NULL: neither
     *        is writable.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr ::MSDK_COSEM_REG_MONITOR_THRESHOLDS or ::MSDK_COSEM_REG_MONITOR_ACTIONS.
     * @param[in] n    Number of entries that follow.
     * @return A data-access-result; anything but success ends the SET (no @c set_end).
     */
    uint8_t (*set_begin)(void *ctx, uint8_t attr, uint32_t n);
    /**
     * @brief Threshold @p i of the thresholds being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   0..n - 1, in order.
     * @param[in] v   The threshold (strings valid during the call only).
     * @return A data-access-result; a failure ends the rows and calls @c set_end with
     *         commit false.
     */
    uint8_t (*set_threshold)(void *ctx, uint32_t i, const msdk_cosem_value_t *v);
    /**
     * @brief Action set @p i of the actions being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   0..n - 1, in order.
     * @param[in] a   The action set.
     * @return A data-access-result; a failure ends the rows and calls @c set_end with
     *         commit false.
     */
    uint8_t (*set_action)(void *ctx, uint32_t i, const msdk_cosem_reg_monitor_action_t *a);
    /**
     * @brief Ends a write started by @c set_begin.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] attr   As given to @c set_begin.
     * @param[in] commit true: every row was accepted, apply; false: discard.
     * @return A data-access-result (the result of the SET when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, uint8_t attr, bool commit);
    /**
     * @brief Writes monitored_value; NULL: not writable.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] m   The checked value definition.
     * @return A data-access-result.
     */
    uint8_t (*set_monitored)(void *ctx, const msdk_cosem_reg_monitor_value_t *m);
} msdk_cosem_reg_monitor_def_t;

/** @brief Register monitor (class 21, version 0); no methods. */
extern const msdk_cosem_class_t msdk_cosem_class_reg_monitor;

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_REGISTERS_H */
