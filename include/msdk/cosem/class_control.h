/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM interface classes for load control and push: Disconnect control (class 70),
 *        Limiter (class 71) and Push setup (class 40), with the encoder of a push's
 *        data-notification.
 *
 * As for the other classes (msdk/cosem/classes.h), an object points at the `const` class
 * descriptor and at a `const` definition whose callbacks reach the application. The
 * library encodes, decodes and validates; the relay logic, the limiter's monitoring and the
 * sending of pushes live in the application.
 *
 * Callbacks that produce or apply a value return a data-access-result
 * (::MSDK_COSEM_DAR_SUCCESS when done); method callbacks return an action-result. A SET is
 * decoded and checked completely (types, counts, ranges, date-time validity, no trailing
 * bytes) before any callback is called; a value that fails is answered type-unmatched and
 * nothing is applied.
 *
 * @par Tables
 * Attributes that are arrays of rows (the push object list, the communication window, the
 * emergency profile group id list) use a typed row interface: `count()` and `get()` for GET,
 * whose rows the class streams over as many blocks as needed, and for SET, after the whole
 * array has been validated, `set_begin(n)`, `set_row(i, row)` for i = 0..n-1, then
 * `set_end(commit)`. `set_end(false)` is called when `set_row` fails, so the application
 * can stage the rows and apply them atomically in `set_end(true)`. When `set_begin` fails
 * nothing else is called. A table whose `set_begin` is NULL is read-only.
 */
#ifndef MSDK_COSEM_CLASS_CONTROL_H
#define MSDK_COSEM_CLASS_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/axdr.h"
#include "msdk/cosem/object.h"
#include "msdk/cosem/server.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Disconnect control (class 70, version 0) ---------------------------------------------- */

/** @brief Disconnect control attributes (2..4). */
typedef enum msdk_cosem_disconnect_attr {
    MSDK_COSEM_DISCONNECT_OUTPUT_STATE = 2,  /**< output_state: boolean (read-only). */
    MSDK_COSEM_DISCONNECT_CONTROL_STATE = 3, /**< control_state: enum (read-only). */
    MSDK_COSEM_DISCONNECT_CONTROL_MODE = 4,  /**< control_mode: enum 0..6. */
} msdk_cosem_disconnect_attr_t;

/** @brief Disconnect control methods. */
typedef enum msdk_cosem_disconnect_method {
    MSDK_COSEM_DISCONNECT_REMOTE_DISCONNECT = 1, /**< remote_disconnect (data: integer 0). */
    MSDK_COSEM_DISCONNECT_REMOTE_RECONNECT = 2,  /**< remote_reconnect (data: integer 0). */
} msdk_cosem_disconnect_method_t;

/** @brief Values of control_state (attribute 3). */
typedef enum msdk_cosem_disconnect_state {
    MSDK_COSEM_DISCONNECT_STATE_DISCONNECTED = 0,           /**< Disconnected. */
    MSDK_COSEM_DISCONNECT_STATE_CONNECTED = 1,              /**< Connected. */
    MSDK_COSEM_DISCONNECT_STATE_READY_FOR_RECONNECTION = 2, /**< Ready for reconnection. */
} msdk_cosem_disconnect_state_t;

/** @brief Largest control_mode (attribute 4): modes are 0 (none) .. 6. */
#define MSDK_COSEM_DISCONNECT_MODE_MAX 6u

/** @brief The three state attributes of a disconnect control, read together. */
typedef struct msdk_cosem_disconnect_status {
    bool output_state;     /**< Physical state of the supply: true = connected. */
    uint8_t control_state; /**< ::msdk_cosem_disconnect_state_t. */
    uint8_t control_mode;  /**< 0..::MSDK_COSEM_DISCONNECT_MODE_MAX. */
} msdk_cosem_disconnect_status_t;

/**
 * @brief Disconnect control: the state from the application's relay logic, which also owns
 *        the state machine of the control modes.
 *
 * GET checks what @c get reports (control_state 0..2, control_mode 0..6) and answers
 * hardware-fault for anything else.
 */
typedef struct msdk_cosem_disconnect_def {
    /**
     * @brief Reads the current state.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[out] st  The state.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, msdk_cosem_disconnect_status_t *st);
    /**
     * @brief Writes control_mode (already checked to be 0..6); NULL: read-only.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] mode The new mode.
     * @return A data-access-result.
     */
    uint8_t (*set_mode)(void *ctx, uint8_t mode);
    /**
     * @brief Method 1, remote_disconnect; NULL: not supported.
     *
     * The application applies the transition its control mode allows and returns
     * ::MSDK_COSEM_ACTION_SUCCESS, or an action-result such as
     * ::MSDK_COSEM_ACTION_TEMPORARY_FAILURE when the mode does not allow it now.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*remote_disconnect)(void *ctx);
    /**
     * @brief Method 2, remote_reconnect; NULL: not supported. As @c remote_disconnect.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*remote_reconnect)(void *ctx);
} msdk_cosem_disconnect_def_t;

/** @brief Disconnect control (class 70, version 0); no selective access. */
extern const msdk_cosem_class_t msdk_cosem_class_disconnect;

/* ---- Limiter (class 71, version 0) --------------------------------------------------------- */

/** @brief Limiter attributes (2..11). */
typedef enum msdk_cosem_limiter_attr {
    MSDK_COSEM_LIMITER_MONITORED_VALUE = 2,     /**< monitored_value: value_definition. */
    MSDK_COSEM_LIMITER_THRESHOLD_ACTIVE = 3,    /**< threshold_active: simple type. */
    MSDK_COSEM_LIMITER_THRESHOLD_NORMAL = 4,    /**< threshold_normal: simple type. */
    MSDK_COSEM_LIMITER_THRESHOLD_EMERGENCY = 5, /**< threshold_emergency: simple type. */
    MSDK_COSEM_LIMITER_MIN_OVER_DURATION = 6,   /**< min_over_threshold_duration: s. */
    MSDK_COSEM_LIMITER_MIN_UNDER_DURATION = 7,  /**< min_under_threshold_duration: s. */
    MSDK_COSEM_LIMITER_EMERGENCY_PROFILE = 8,   /**< emergency_profile: structure. */
    MSDK_COSEM_LIMITER_GROUP_ID_LIST = 9,       /**< emergency_profile_group_id_list. */
    MSDK_COSEM_LIMITER_EMERGENCY_ACTIVE = 10,   /**< emergency_profile_active: boolean. */
    MSDK_COSEM_LIMITER_ACTIONS = 11,            /**< actions: structure of two action items. */
} msdk_cosem_limiter_attr_t;

/**
 * @brief value_definition: the attribute a limiter monitors
 *        (structure {long-unsigned class_id, octet-string(6) logical_name, integer
 *        attribute_index}); a SET requires attribute_index 1..127.
 */
typedef struct msdk_cosem_value_def {
    uint16_t class_id; /**< Class of the monitored object. */
    uint8_t ln[6];     /**< Its logical name. */
    int8_t attr;       /**< The monitored attribute. */
} msdk_cosem_value_def_t;

/** @brief action_item: a script to run (structure {octet-string(6) script_logical_name,
 *         long-unsigned script_selector}). */
typedef struct msdk_cosem_action_item {
    uint8_t script_ln[6]; /**< Logical name of the Script table. */
    uint16_t selector;    /**< Script identifier within it. */
} msdk_cosem_action_item_t;

/** @brief emergency_profile (structure {long-unsigned emergency_profile_id, octet-string(12)
 *         emergency_activation_time, double-long-unsigned emergency_duration}). */
typedef struct msdk_cosem_emergency_profile {
    uint16_t id;                           /**< emergency_profile_id. */
    msdk_cosem_datetime_t activation_time; /**< Valid date-time (wildcards allowed). */
    uint32_t duration_s;                   /**< emergency_duration, seconds. */
} msdk_cosem_emergency_profile_t;

/** @brief A limiter attribute other than the group id list, by attribute number. */
typedef union msdk_cosem_limiter_value {
    msdk_cosem_value_def_t monitored;         /**< Attribute 2. */
    msdk_cosem_value_t threshold;             /**< Attributes 3..5 (a scalar). */
    uint32_t duration_s;                      /**< Attributes 6, 7: seconds. */
    msdk_cosem_emergency_profile_t emergency; /**< Attribute 8. */
    bool active;                              /**< Attribute 10. */
    struct {
        msdk_cosem_action_item_t over;  /**< action_over_threshold. */
        msdk_cosem_action_item_t under; /**< action_under_threshold. */
    } actions;                          /**< Attribute 11. */
} msdk_cosem_limiter_value_t;

/** @brief The emergency profile group id list (attribute 9): rows of long-unsigned. */
typedef struct msdk_cosem_limiter_groups {
    /**
     * @brief Number of group ids.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return The count.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads group id @p i (0-based).
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   Row.
     * @param[out] id  The id.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, uint16_t *id);
    /**
     * @brief Starts writing a validated list of @p n ids (refuse a count above capacity);
     *        NULL: read-only.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of ids that follow.
     * @return A data-access-result.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Id @p i of the list being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Row, 0..n-1 in order.
     * @param[in] id  The id.
     * @return A data-access-result.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, uint16_t id);
    /**
     * @brief Ends the write: apply (@p commit) or discard the staged list.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true to apply, false to discard.
     * @return A data-access-result (ignored when discarding).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_limiter_groups_t;

/**
 * @brief Limiter: every attribute through the application.
 *
 * Thresholds are scalars of the monitored value's type. With @c threshold_tag set, a
 * threshold must have exactly that A-XDR tag; with 0, any integer or float type is taken
 * and the application checks it against the monitored value. What @c get reports is
 * checked the same way (hardware-fault when wrong).
 */
typedef struct msdk_cosem_limiter_def {
    uint8_t threshold_tag; /**< A-XDR tag of the thresholds, or 0 for any numeric type. */
    /**
     * @brief Reads attribute @p attr (::msdk_cosem_limiter_attr_t except the group list).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute number.
     * @param[out] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_limiter_value_t *v);
    /**
     * @brief Writes attribute @p attr with a validated value; NULL: read-only. The
     *        application refuses attributes it keeps read-only (e.g. threshold_active)
     *        with read-write-denied.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute number.
     * @param[in] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_limiter_value_t *v);
    /** Attribute 9, emergency_profile_group_id_list (NULL: object-unavailable). */
    const msdk_cosem_limiter_groups_t *groups;
} msdk_cosem_limiter_def_t;

/** @brief Limiter (class 71, version 0); no methods, no selective access. */
extern const msdk_cosem_class_t msdk_cosem_class_limiter;

/* ---- Push setup (class 40, version 0) ------------------------------------------------------ */

/** @brief Push setup attributes (2..7). */
typedef enum msdk_cosem_push_attr {
    MSDK_COSEM_PUSH_OBJECT_LIST = 2,         /**< push_object_list: array. */
    MSDK_COSEM_PUSH_DESTINATION = 3,         /**< send_destination_and_method: structure. */
    MSDK_COSEM_PUSH_WINDOW = 4,              /**< communication_window: array. */
    MSDK_COSEM_PUSH_RANDOMISATION_START = 5, /**< randomisation_start_interval: long-unsigned, s. */
    MSDK_COSEM_PUSH_RETRIES = 6,             /**< number_of_retries: unsigned. */
    MSDK_COSEM_PUSH_REPETITION_DELAY = 7,    /**< repetition_delay: long-unsigned, s. */
} msdk_cosem_push_attr_t;

/** @brief Largest transport_service of the standard range (0 TCP .. 8 DLMS gateway). */
#define MSDK_COSEM_PUSH_TRANSPORT_MAX          8u
/** @brief First manufacturer-specific transport_service (200..255). */
#define MSDK_COSEM_PUSH_TRANSPORT_MANUFACTURER 200u
/** @brief message: A-XDR encoded xDLMS APDU. */
#define MSDK_COSEM_PUSH_MESSAGE_AXDR           0u
/** @brief message: XML encoded xDLMS APDU. */
#define MSDK_COSEM_PUSH_MESSAGE_XML            1u
/** @brief First manufacturer-specific message (128..255). */
#define MSDK_COSEM_PUSH_MESSAGE_MANUFACTURER   128u

/**
 * @brief One push object definition (structure {long-unsigned class_id, octet-string(6)
 *        logical_name, integer attribute_index, long-unsigned data_index}).
 *
 * attribute_index is 0..127 (0: all attributes); data_index 0 is the whole attribute, n > 0
 * its n-th element.
 */
typedef struct msdk_cosem_push_object {
    uint16_t class_id;   /**< Class of the pushed object. */
    uint8_t ln[6];       /**< Its logical name. */
    int8_t attr;         /**< attribute_index. */
    uint16_t data_index; /**< data_index. */
} msdk_cosem_push_object_t;

/** @brief One communication window (structure {octet-string(12) start_time, octet-string(12)
 *         end_time}); both valid date-times, wildcards allowed. */
typedef struct msdk_cosem_push_window {
    msdk_cosem_datetime_t start; /**< Start of the window. */
    msdk_cosem_datetime_t end;   /**< End of the window. */
} msdk_cosem_push_window_t;

/** @brief send_destination_and_method (structure {enum transport_service, octet-string
 *         destination, enum message}). */
typedef struct msdk_cosem_push_destination {
    uint8_t transport;   /**< 0..8 or 200..255. */
    const uint8_t *dest; /**< Destination bytes (a reference, valid for the call). */
    size_t dest_len;     /**< Their length. */
    uint8_t message;     /**< 0, 1 or 128..255. */
} msdk_cosem_push_destination_t;

/** @brief A push setup attribute 3, 5, 6 or 7, by attribute number. */
typedef union msdk_cosem_push_value {
    msdk_cosem_push_destination_t destination; /**< Attribute 3. */
    uint16_t seconds;                          /**< Attributes 5 and 7. */
    uint8_t retries;                           /**< Attribute 6. */
} msdk_cosem_push_value_t;

/** @brief The push object list (attribute 2): typed rows. */
typedef struct msdk_cosem_push_objects {
    /**
     * @brief Number of entries.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return The count.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads entry @p i (0-based).
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   Row.
     * @param[out] row The entry.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_push_object_t *row);
    /**
     * @brief Starts writing a validated list of @p n entries; NULL: read-only.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of entries that follow.
     * @return A data-access-result.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Entry @p i of the list being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Row, 0..n-1 in order.
     * @param[in] row The entry.
     * @return A data-access-result.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_push_object_t *row);
    /**
     * @brief Ends the write: apply (@p commit) or discard the staged list.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true to apply, false to discard.
     * @return A data-access-result (ignored when discarding).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_push_objects_t;

/** @brief The communication window (attribute 4): typed rows. */
typedef struct msdk_cosem_push_windows {
    /**
     * @brief Number of windows.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return The count.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads window @p i (0-based).
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   Row.
     * @param[out] row The window.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_push_window_t *row);
    /**
     * @brief Starts writing @p n validated windows; NULL: read-only.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of windows that follow.
     * @return A data-access-result.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Window @p i of the list being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Row, 0..n-1 in order.
     * @param[in] row The window.
     * @return A data-access-result.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_push_window_t *row);
    /**
     * @brief Ends the write: apply (@p commit) or discard the staged windows.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true to apply, false to discard.
     * @return A data-access-result (ignored when discarding).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_push_windows_t;

/** @brief Push setup: the tables and the scalar attributes through the application. */
typedef struct msdk_cosem_push_setup_def {
    const msdk_cosem_push_objects_t *objects; /**< Attribute 2 (NULL: object-unavailable). */
    const msdk_cosem_push_windows_t *windows; /**< Attribute 4 (NULL: object-unavailable). */
    /**
     * @brief Reads attribute 3, 5, 6 or 7.
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute number.
     * @param[out] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_push_value_t *v);
    /**
     * @brief Writes attribute 3, 5, 6 or 7 with a validated value; NULL: read-only.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute number.
     * @param[in] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_push_value_t *v);
    /**
     * @brief Method 1, push (data: integer 0): the application schedules the push (it may
     *        build it with msdk_cosem_push_encode()); NULL: not supported.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*push)(void *ctx);
} msdk_cosem_push_setup_def_t;

/** @brief Push setup (class 40, version 0); no selective access. */
extern const msdk_cosem_class_t msdk_cosem_class_push_setup;

/**
 * @brief Encodes the data-notification APDU of a push: the header, then as notification
 *        body a structure with the value of every entry of the push object list, each read
 *        through its object's class (as a GET would, with no association rights applied).
 *
 * An entry with data_index n > 0 takes the n-th element of its attribute (an array or a
 * structure); the whole attribute must then fit in @p out while the element is cut out.
 * Large attributes (a profile buffer) are encoded whole, row after row.
 *
 * @param[in]     ld        The logical device holding the objects.
 * @param[in]     push      The Push setup object (class ::msdk_cosem_class_push_setup).
 * @param[in]     liip      Long-invoke-id-and-priority of the notification.
 * @param[in]     date_time The 12 date-time bytes of the notification, or NULL for none.
 * @param[in,out] out       Output; unchanged on error.
 * @retval MSDK_OK                   Encoded.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer, @p push is not a Push setup, its list
 *                                   is not readable, or @p ld has no association.
 * @retval MSDK_ERR_NOT_FOUND        A listed object is not in @p ld (or has another class),
 *                                   its attribute does not exist, or its data_index exceeds
 *                                   the elements of the attribute.
 * @retval MSDK_ERR_NOT_SUPPORTED    An entry with attribute_index 0, or a data_index on an
 *                                   attribute that is neither an array nor a structure.
 * @retval MSDK_ERR_IO               The list or a class reported a data-access-result other
 *                                   than success (the application could not provide it).
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p out is too small.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_push_encode(const msdk_cosem_ldev_t *ld,
                                                 const msdk_cosem_object_t *push, uint32_t liip,
                                                 const uint8_t *date_time, msdk_wbuf_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_CONTROL_H */
