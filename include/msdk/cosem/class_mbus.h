/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM interface classes M-Bus client (class 72, version 1) and M-Bus master port
 *        setup (class 74, version 0): descriptors and instance definitions.
 *
 * libcosem only encodes, decodes and validates. The M-Bus master itself (libmbus, issue 9)
 * lives in the application, which the classes reach through the callbacks of the
 * definitions below: every attribute value and every method ends in a callback.
 *
 * Callbacks return a data-access-result (attributes, ::MSDK_COSEM_DAR_SUCCESS = 0 when the
 * value was produced or applied) or an action-result (methods, ::MSDK_COSEM_ACTION_SUCCESS
 * = 0 when done); any other value is passed on to the client unchanged. Parameters are
 * checked completely before a callback runs: a callback never sees a value of the wrong
 * type, length or range, and a SET or method that fails the checks calls nothing.
 *
 * Neither class takes selective access; a request with an access selector is refused with
 * other-reason.
 */
#ifndef MSDK_COSEM_CLASS_MBUS_H
#define MSDK_COSEM_CLASS_MBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/cosem/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- M-Bus master port setup (class 74, version 0) ---------------------------------------- */

/** @brief comm_speed values (enum) of the M-Bus master port setup. */
typedef enum msdk_cosem_mbus_baud {
    MSDK_COSEM_MBUS_BAUD_300 = 0,    /**< 300 baud. */
    MSDK_COSEM_MBUS_BAUD_600 = 1,    /**< 600 baud. */
    MSDK_COSEM_MBUS_BAUD_1200 = 2,   /**< 1 200 baud. */
    MSDK_COSEM_MBUS_BAUD_2400 = 3,   /**< 2 400 baud (the default). */
    MSDK_COSEM_MBUS_BAUD_4800 = 4,   /**< 4 800 baud. */
    MSDK_COSEM_MBUS_BAUD_9600 = 5,   /**< 9 600 baud. */
    MSDK_COSEM_MBUS_BAUD_19200 = 6,  /**< 19 200 baud. */
    MSDK_COSEM_MBUS_BAUD_38400 = 7,  /**< 38 400 baud. */
    MSDK_COSEM_MBUS_BAUD_57600 = 8,  /**< 57 600 baud. */
    MSDK_COSEM_MBUS_BAUD_115200 = 9, /**< 115 200 baud. */
} msdk_cosem_mbus_baud_t;

/**
 * @brief M-Bus master port setup: attribute 2, comm_speed (enum 0..9), through the
 *        application. No methods.
 */
typedef struct msdk_cosem_mbus_port_def {
    /**
     * @brief The speeds the port hardware supports: bit n for ::msdk_cosem_mbus_baud_t n.
     *        0 means all ten. A SET of a speed outside the enum is type-unmatched; of a
     *        speed in the enum but not in this mask, other-reason.
     */
    uint16_t speeds;
    /**
     * @brief Reads comm_speed.
     * @param[in]  ctx   ::msdk_cosem_object_t::ctx.
     * @param[out] speed The speed, a ::msdk_cosem_mbus_baud_t (a value outside the enum is
     *                   answered with hardware-fault).
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t *speed);
    /**
     * @brief Writes comm_speed (NULL: read-only whatever the rights say).
     * @param[in] ctx   ::msdk_cosem_object_t::ctx.
     * @param[in] speed The new speed: in the enum and in @c speeds.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t speed);
} msdk_cosem_mbus_port_def_t;

/** @brief M-Bus master port setup (class 74, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_mbus_port;

/* ---- M-Bus client (class 72, version 1) --------------------------------------------------- */

/** @brief M-Bus client attributes (2..14) and their A-XDR types. */
typedef enum msdk_cosem_mbus_client_attr {
    MSDK_COSEM_MBUS_CLIENT_PORT_REFERENCE = 2,        /**< mbus_port_reference:
                                                           octet-string(6), the logical name
                                                           of the M-Bus master port setup. */
    MSDK_COSEM_MBUS_CLIENT_CAPTURE_DEFINITION = 3,    /**< capture_definition: array of
                                                           structure {DIB octet-string, VIB
                                                           octet-string}; see
                                                           ::msdk_cosem_mbus_capture_table_t. */
    MSDK_COSEM_MBUS_CLIENT_CAPTURE_PERIOD = 4,        /**< capture_period: double-long-unsigned,
                                                           seconds (0: no automatic capture). */
    MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS = 5,       /**< primary_address: unsigned, 0..250. */
    MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER = 6, /**< identification_number:
                                                           double-long-unsigned. */
    MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID = 7,       /**< manufacturer_id: long-unsigned. */
    MSDK_COSEM_MBUS_CLIENT_VERSION = 8,               /**< version: unsigned. */
    MSDK_COSEM_MBUS_CLIENT_DEVICE_TYPE = 9,           /**< device_type: unsigned (medium). */
    MSDK_COSEM_MBUS_CLIENT_ACCESS_NUMBER = 10,        /**< access_number: unsigned (read only). */
    MSDK_COSEM_MBUS_CLIENT_STATUS = 11,               /**< status: unsigned (read only). */
    MSDK_COSEM_MBUS_CLIENT_ALARM = 12,                /**< alarm: unsigned (read only). */
    MSDK_COSEM_MBUS_CLIENT_CONFIGURATION = 13,        /**< configuration: long-unsigned. */
    MSDK_COSEM_MBUS_CLIENT_KEY_STATUS = 14,           /**< encryption_key_status: enum
                                                           (::msdk_cosem_mbus_key_status_t; read
                                                           only, changed by the methods). */
} msdk_cosem_mbus_client_attr_t;

/** @brief M-Bus client methods (1..8). */
typedef enum msdk_cosem_mbus_client_method {
    MSDK_COSEM_MBUS_CLIENT_SLAVE_INSTALL = 1,      /**< slave_install (unsigned, 0..250). */
    MSDK_COSEM_MBUS_CLIENT_SLAVE_DEINSTALL = 2,    /**< slave_deinstall (integer 0). */
    MSDK_COSEM_MBUS_CLIENT_CAPTURE = 3,            /**< capture (integer 0). */
    MSDK_COSEM_MBUS_CLIENT_RESET_ALARM = 4,        /**< reset_alarm (integer 0). */
    MSDK_COSEM_MBUS_CLIENT_SYNCHRONIZE_CLOCK = 5,  /**< synchronize_clock (integer 0). */
    MSDK_COSEM_MBUS_CLIENT_DATA_SEND = 6,          /**< data_send (array of records). */
    MSDK_COSEM_MBUS_CLIENT_SET_ENCRYPTION_KEY = 7, /**< set_encryption_key (octet-string). */
    MSDK_COSEM_MBUS_CLIENT_TRANSFER_KEY = 8,       /**< transfer_key (octet-string). */
} msdk_cosem_mbus_client_method_t;

/** @brief encryption_key_status values (enum). */
typedef enum msdk_cosem_mbus_key_status {
    MSDK_COSEM_MBUS_KEY_NONE = 0,                /**< No encryption key. */
    MSDK_COSEM_MBUS_KEY_SET = 1,                 /**< Encryption key set. */
    MSDK_COSEM_MBUS_KEY_TRANSFERRED = 2,         /**< Encryption key transferred. */
    MSDK_COSEM_MBUS_KEY_SET_AND_TRANSFERRED = 3, /**< Encryption key set and transferred. */
    MSDK_COSEM_MBUS_KEY_IN_USE = 4,              /**< Encryption key in use. */
} msdk_cosem_mbus_key_status_t;

/** @brief Largest primary address a slave can be given (EN 13757-2: 251..255 are reserved,
 *         network-layer and broadcast addresses). */
#define MSDK_COSEM_MBUS_PRIMARY_ADDRESS_MAX 250u

/** @brief Longest data information block: DIF and up to 10 DIFE (EN 13757-3). */
#define MSDK_COSEM_MBUS_DIB_MAX 11u

/** @brief Longest value information block: VIF and up to 10 VIFE (EN 13757-3). */
#define MSDK_COSEM_MBUS_VIB_MAX 11u

/** @brief Length of an M-Bus encryption key (AES-128, EN 13757-3 / OMS security modes). */
#define MSDK_COSEM_MBUS_KEY_SIZE 16u

/** @brief Shortest encrypted key transfer_key accepts (one AES block). */
#define MSDK_COSEM_MBUS_WRAPPED_KEY_MIN 16u

/** @brief Longest encrypted key transfer_key accepts (an RFC 3394 wrap of a 32-byte key). */
#define MSDK_COSEM_MBUS_WRAPPED_KEY_MAX 40u

/**
 * @brief One capture_definition element: which record of the slave's answer is captured.
 *
 * Both blocks are complete EN 13757-3 blocks: at least one byte, every byte but the last
 * with its extension bit (0x80) set, the last with it clear. A plain-text VIF with its
 * ASCII unit does not fit this form and is refused.
 */
typedef struct msdk_cosem_mbus_capture_elem {
    uint8_t dib[MSDK_COSEM_MBUS_DIB_MAX]; /**< Data information block (DIF, DIFEs). */
    uint8_t dib_len; /**< Bytes used in @c dib, 1..::MSDK_COSEM_MBUS_DIB_MAX. */
    uint8_t vib[MSDK_COSEM_MBUS_VIB_MAX]; /**< Value information block (VIF, VIFEs). */
    uint8_t vib_len; /**< Bytes used in @c vib, 1..::MSDK_COSEM_MBUS_VIB_MAX. */
} msdk_cosem_mbus_capture_elem_t;

/**
 * @brief The capture_definition table (attribute 3) as the application stores it.
 *
 * GET streams the table row by row (a long table goes out in blocks). SET validates the
 * whole array first (types, counts, block lengths and extension bits, no trailing bytes),
 * then hands it over: @c set_begin with the element count, @c set_row for every element in
 * order, and @c set_end with commit = true after the last row, or commit = false when
 * @c set_row failed, so that the application can store the table atomically. When
 * @c set_begin fails nothing else is called.
 */
typedef struct msdk_cosem_mbus_capture_table {
    /**
     * @brief Number of elements.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return Elements in the table.
     */
    uint32_t (*count)(void *ctx);
    /**
     * @brief Reads one element.
     * @param[in]  ctx ::msdk_cosem_object_t::ctx.
     * @param[in]  i   Index, 0..count - 1.
     * @param[out] row The element (an element that breaks the rules above is answered
     *                 with hardware-fault).
     * @return A data-access-result.
     */
    uint8_t (*get_row)(void *ctx, uint32_t i, msdk_cosem_mbus_capture_elem_t *row);
    /**
     * @brief Starts writing a new table (NULL: the table is read-only).
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of elements that follow (may be 0: an empty table).
     * @return A data-access-result (e.g. other-reason when @p n exceeds the storage).
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Takes one validated element of the new table.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Index, 0..n - 1, in order.
     * @param[in] row The element.
     * @return A data-access-result.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_mbus_capture_elem_t *row);
    /**
     * @brief Ends the write.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true: store the new table; false: drop it, keep the old one.
     * @return A data-access-result (the result of the SET when @p commit is true).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_mbus_capture_table_t;

/**
 * @brief One data_definition_element of data_send: a record to write to the slave.
 *
 * The references point into the request and are valid only during the call.
 */
typedef struct msdk_cosem_mbus_record {
    const uint8_t *dib;      /**< Data information block (rules of the capture element). */
    size_t dib_len;          /**< 1..::MSDK_COSEM_MBUS_DIB_MAX. */
    const uint8_t *vib;      /**< Value information block. */
    size_t vib_len;          /**< 1..::MSDK_COSEM_MBUS_VIB_MAX. */
    msdk_cosem_value_t data; /**< The value: any scalar A-XDR type. */
} msdk_cosem_mbus_record_t;

/**
 * @brief data_send (method 6): the validated records, handed over like a table write.
 *
 * The class checks the whole parameter (array of structure {octet-string DIB, octet-string
 * VIB, scalar data}) first; then @c begin, @c record for each record in order and @c end
 * (commit false when a @c record call failed). The application builds and sends the
 * SND_UD telegram in @c end.
 */
typedef struct msdk_cosem_mbus_send_ops {
    /**
     * @brief Starts a data_send.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of records (at least 1).
     * @return An action-result.
     */
    uint8_t (*begin)(void *ctx, uint32_t n);
    /**
     * @brief Takes one record.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Index, 0..n - 1, in order.
     * @param[in] rec The record.
     * @return An action-result.
     */
    uint8_t (*record)(void *ctx, uint32_t i, const msdk_cosem_mbus_record_t *rec);
    /**
     * @brief Ends the data_send.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true: send the records; false: drop them.
     * @return An action-result (the result of the method when @p commit is true).
     */
    uint8_t (*end)(void *ctx, bool commit);
} msdk_cosem_mbus_send_ops_t;

/**
 * @brief M-Bus client: every attribute and method through the application.
 *
 * A NULL callback makes its attribute unavailable (GET: object-unavailable), read-only
 * (SET: read-write-denied) or its method unsupported (ACTION: object-unavailable).
 */
typedef struct msdk_cosem_mbus_client_def {
    /**
     * @brief Reads a scalar attribute (every attribute but capture_definition).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr ::msdk_cosem_mbus_client_attr_t.
     * @param[out] v    The value with its tag as listed for @p attr (another tag, a port
     *                  reference that is not 6 bytes, a primary address above 250 or a key
     *                  status above 4 is answered with hardware-fault).
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_value_t *v);
    /**
     * @brief Writes a scalar attribute (NULL: all read-only). Not called for the read-only
     *        attributes access_number, status, alarm and encryption_key_status.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr ::msdk_cosem_mbus_client_attr_t.
     * @param[in] v    The checked value.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_value_t *v);
    /** @brief capture_definition (attribute 3), or NULL. */
    const msdk_cosem_mbus_capture_table_t *capture_definition;
    /**
     * @brief slave_install (method 1): install the slave that answers at address 0.
     * @param[in] ctx             ::msdk_cosem_object_t::ctx.
     * @param[in] primary_address Primary address to give it, 1..250; 0 when the client
     *                            gave none (parameter 0, integer 0 or null-data): the
     *                            application uses the primary_address attribute.
     * @return An action-result.
     */
    uint8_t (*slave_install)(void *ctx, uint8_t primary_address);
    /**
     * @brief slave_deinstall (method 2).
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*slave_deinstall)(void *ctx);
    /**
     * @brief capture (method 3): read the slave and capture the defined values.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*capture)(void *ctx);
    /**
     * @brief reset_alarm (method 4).
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*reset_alarm)(void *ctx);
    /**
     * @brief synchronize_clock (method 5): send the meter's time to the slave.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @return An action-result.
     */
    uint8_t (*synchronize_clock)(void *ctx);
    /** @brief data_send (method 6), or NULL. */
    const msdk_cosem_mbus_send_ops_t *data_send;
    /**
     * @brief set_encryption_key (method 7): store the key the client uses with this slave.
     *
     * Keys must only reach the meter over a protected association: give method 7 exec
     * rights only to such an association.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] key The key (valid during the call only; do not keep the pointer).
     * @param[in] len ::MSDK_COSEM_MBUS_KEY_SIZE, or 0: remove the key (no encryption).
     * @return An action-result.
     */
    uint8_t (*set_encryption_key)(void *ctx, const uint8_t *key, size_t len);
    /**
     * @brief transfer_key (method 8): send an encrypted key to the slave.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] key The encrypted key, as received (valid during the call only).
     * @param[in] len ::MSDK_COSEM_MBUS_WRAPPED_KEY_MIN..::MSDK_COSEM_MBUS_WRAPPED_KEY_MAX.
     * @return An action-result.
     */
    uint8_t (*transfer_key)(void *ctx, const uint8_t *key, size_t len);
} msdk_cosem_mbus_client_def_t;

/** @brief M-Bus client (class 72, version 1). */
extern const msdk_cosem_class_t msdk_cosem_class_mbus_client;

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_MBUS_H */
