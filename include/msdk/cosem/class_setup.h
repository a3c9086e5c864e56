/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM interface classes for communication setup: SAP assignment (class 17),
 *        IEC local port setup (class 19), IEC HDLC setup (class 23) and TCP-UDP setup
 *        (class 41).
 *
 * As for the other classes (msdk/cosem/classes.h), an object points at the `const` class
 * descriptor and at a `const` definition whose callbacks reach the application. The
 * settings live in the application (its non-volatile storage); the library encodes, decodes
 * and validates them against the ranges of the DLMS UA Blue Book (IEC 62056-6-2).
 *
 * Value callbacks return a data-access-result (::MSDK_COSEM_DAR_SUCCESS when the value was
 * produced or applied); method callbacks return an action-result. A SET is decoded and
 * checked completely (type, count, range, no trailing bytes) before any callback is called;
 * a value that fails is answered type-unmatched and nothing is applied. A value that a
 * @c get callback reports out of its range is answered hardware-fault, never sent.
 *
 * None of these classes takes selective access: a GET or SET with an access selector is
 * answered other-reason.
 *
 * @par Tables
 * The SAP assignment list uses a typed row interface: `count()` and `get()` for GET, whose
 * rows the class streams over as many blocks as needed, and for SET, after the whole array
 * has been validated, `set_begin(n)`, `set_row(i, row)` for i = 0..n-1, then
 * `set_end(commit)`. `set_end(false)` is called when `set_row` fails, so the application
 * can stage the rows and apply them atomically in `set_end(true)`. When `set_begin` fails
 * nothing else is called. A table whose `set_begin` is NULL is read-only.
 */
#ifndef MSDK_COSEM_CLASS_SETUP_H
#define MSDK_COSEM_CLASS_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Baud rates (IEC local port setup, IEC HDLC setup) -------------------------------------- */

/** @brief Baud rate codes of comm_speed, default_baud and prop_baud (enum). */
typedef enum msdk_cosem_baud {
    MSDK_COSEM_BAUD_300 = 0,    /**< 300 baud. */
    MSDK_COSEM_BAUD_600 = 1,    /**< 600 baud. */
    MSDK_COSEM_BAUD_1200 = 2,   /**< 1200 baud. */
    MSDK_COSEM_BAUD_2400 = 3,   /**< 2400 baud. */
    MSDK_COSEM_BAUD_4800 = 4,   /**< 4800 baud. */
    MSDK_COSEM_BAUD_9600 = 5,   /**< 9600 baud. */
    MSDK_COSEM_BAUD_19200 = 6,  /**< 19200 baud. */
    MSDK_COSEM_BAUD_38400 = 7,  /**< 38400 baud. */
    MSDK_COSEM_BAUD_57600 = 8,  /**< 57600 baud. */
    MSDK_COSEM_BAUD_115200 = 9, /**< 115200 baud. */
} msdk_cosem_baud_t;

/** @brief Largest baud rate code (::MSDK_COSEM_BAUD_115200). */
#define MSDK_COSEM_BAUD_MAX 9u

/**
 * @brief Converts a baud rate code to bits per second.
 * @param[in] code A ::msdk_cosem_baud_t value.
 * @return The rate (300..115200), or 0 for a code above ::MSDK_COSEM_BAUD_MAX.
 */
uint32_t msdk_cosem_baud_to_bps(uint8_t code);

/* ---- SAP assignment (class 17, version 0) --------------------------------------------------- */

/** @brief Longest COSEM logical device name (octet-string of up to 16 octets). */
#define MSDK_COSEM_SAP_NAME_MAX 16u

/** @brief SAP of a logical device that is not connected (connect_logical_device to SAP 0
 *         disconnects the device). */
#define MSDK_COSEM_SAP_NONE 0u

/**
 * @brief One asslist_element (structure {long-unsigned SAP, octet-string
 *        logical_device_name}).
 *
 * A valid entry has a name of 1..::MSDK_COSEM_SAP_NAME_MAX octets.
 */
typedef struct msdk_cosem_sap_entry {
    uint16_t sap;                          /**< SAP the logical device is bound to. */
    uint8_t name_len;                      /**< Octets used in @c name. */
    uint8_t name[MSDK_COSEM_SAP_NAME_MAX]; /**< Logical device name. */
} msdk_cosem_sap_entry_t;

/** @brief The SAP_assignment_list (attribute 2): typed rows. */
typedef struct msdk_cosem_sap_list {
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
    uint8_t (*get)(void *ctx, uint32_t i, msdk_cosem_sap_entry_t *row);
    /**
     * @brief Starts writing a validated list of @p n entries; NULL: read-only.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] n   Number of entries that follow (at most
     *                ::msdk_cosem_sap_assignment_def_t::max_entries).
     * @return A data-access-result.
     */
    uint8_t (*set_begin)(void *ctx, uint32_t n);
    /**
     * @brief Entry @p i of the list being written.
     * @param[in] ctx ::msdk_cosem_object_t::ctx.
     * @param[in] i   Row, 0..n-1 in order.
     * @param[in] row The entry (valid, its SAP and name unique in the list).
     * @return A data-access-result.
     */
    uint8_t (*set_row)(void *ctx, uint32_t i, const msdk_cosem_sap_entry_t *row);
    /**
     * @brief Ends the write: apply (@p commit) or discard the staged list.
     * @param[in] ctx    ::msdk_cosem_object_t::ctx.
     * @param[in] commit true to apply, false to discard.
     * @return A data-access-result (ignored when discarding).
     */
    uint8_t (*set_end)(void *ctx, bool commit);
} msdk_cosem_sap_list_t;

/**
 * @brief SAP assignment: the list of the logical devices of the physical device and their
 *        SAPs, and method 1, connect_logical_device.
 *
 * A SET of the list is refused with other-reason when it has more than @c max_entries
 * entries (before anything else is read), and with type-unmatched when an entry is
 * malformed, or when two entries share a non-zero SAP or a name: one SAP serves one
 * logical device (SAP 0 excepted), and a logical device has one SAP.
 */
typedef struct msdk_cosem_sap_assignment_def {
    const msdk_cosem_sap_list_t *list; /**< Attribute 2 (NULL: object-unavailable). */
    uint16_t max_entries;              /**< Most entries a SET of the list may carry. */
    /**
     * @brief Method 1, connect_logical_device (data: asslist_element); NULL: not supported.
     *
     * Called with a valid entry whose SAP, when not ::MSDK_COSEM_SAP_NONE, is not used by
     * another logical device of the list (the class checks both and answers type-unmatched
     * or other-reason). The application binds the named device to the SAP (SAP 0:
     * disconnects it) and updates its list, or refuses a name it does not host with an
     * action-result such as ::MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE.
     * @param[in] ctx   ::msdk_cosem_object_t::ctx.
     * @param[in] entry The SAP and the logical device name.
     * @return An action-result.
     */
    uint8_t (*connect)(void *ctx, const msdk_cosem_sap_entry_t *entry);
} msdk_cosem_sap_assignment_def_t;

/** @brief SAP assignment (class 17, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_sap_assignment;

/**
 * @brief Checks an asslist_element as a SET or connect_logical_device would.
 * @param[in] entry The entry.
 * @retval MSDK_OK              The name has 1..::MSDK_COSEM_SAP_NAME_MAX octets.
 * @retval MSDK_ERR_INVALID_ARG @p entry is NULL or its name is empty or too long.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sap_entry_check(const msdk_cosem_sap_entry_t *entry);

/* ---- IEC local port setup (class 19, version 1) --------------------------------------------- */

/** @brief IEC local port setup attributes (2..9). */
typedef enum msdk_cosem_local_port_attr {
    MSDK_COSEM_LOCAL_PORT_DEFAULT_MODE = 2,  /**< default_mode: enum 0..2. */
    MSDK_COSEM_LOCAL_PORT_DEFAULT_BAUD = 3,  /**< default_baud: enum 0..9. */
    MSDK_COSEM_LOCAL_PORT_PROP_BAUD = 4,     /**< prop_baud: enum 0..9. */
    MSDK_COSEM_LOCAL_PORT_RESPONSE_TIME = 5, /**< response_time: enum 0..1. */
    MSDK_COSEM_LOCAL_PORT_DEVICE_ADDR = 6,   /**< device_addr: octet-string. */
    MSDK_COSEM_LOCAL_PORT_PASS_P1 = 7,       /**< pass_p1: octet-string, write-only. */
    MSDK_COSEM_LOCAL_PORT_PASS_P2 = 8,       /**< pass_p2: octet-string, write-only. */
    MSDK_COSEM_LOCAL_PORT_PASS_W5 = 9,       /**< pass_w5: octet-string, write-only. */
} msdk_cosem_local_port_attr_t;

/** @brief Values of default_mode (attribute 2). */
typedef enum msdk_cosem_local_port_mode {
    MSDK_COSEM_LOCAL_PORT_MODE_IEC62056_21 = 0,   /**< IEC 62056-21 protocol (modes A..E). */
    MSDK_COSEM_LOCAL_PORT_MODE_DLMS = 1,          /**< DLMS/COSEM (HDLC) protocol. */
    MSDK_COSEM_LOCAL_PORT_MODE_NOT_SPECIFIED = 2, /**< Protocol not specified. */
} msdk_cosem_local_port_mode_t;

/** @brief Values of response_time (attribute 5): the minimum time before a response. */
typedef enum msdk_cosem_local_port_response {
    MSDK_COSEM_LOCAL_PORT_RESPONSE_20MS = 0,  /**< 20 ms. */
    MSDK_COSEM_LOCAL_PORT_RESPONSE_200MS = 1, /**< 200 ms. */
} msdk_cosem_local_port_response_t;

/** @brief Longest device_addr: an IEC 62056-21 device address has up to 32 characters. */
#define MSDK_COSEM_LOCAL_PORT_ADDR_MAX 32u

/** @brief Longest password (pass_p1, pass_p2, pass_w5) this library accepts. */
#define MSDK_COSEM_LOCAL_PORT_PASS_MAX 32u

/**
 * @brief An IEC local port setup attribute, by attribute number.
 *
 * device_addr holds 0..::MSDK_COSEM_LOCAL_PORT_ADDR_MAX characters of `0-9 A-Z a-z` and
 * space (IEC 62056-21). A password holds 0..::MSDK_COSEM_LOCAL_PORT_PASS_MAX printable
 * ASCII characters (0x20..0x7E) except the data set delimiters `(`, `)`, `*`, `/` and `!`,
 * so that it can travel in an IEC 62056-21 P1/P2/W5 command. An empty string is allowed.
 */
typedef union msdk_cosem_local_port_value {
    uint8_t code; /**< Attributes 2..5: the enum value. */
    struct {
        const uint8_t *p; /**< First byte (a reference valid for the call; NULL when
                               @c len is 0). */
        size_t len;       /**< Number of bytes. */
    } str;                /**< Attributes 6..9. */
} msdk_cosem_local_port_value_t;

/** @brief IEC local port setup: the port's settings through the application. */
typedef struct msdk_cosem_local_port_def {
    /**
     * @brief Reads attribute @p attr (2..6; the passwords are never read).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute number.
     * @param[out] v    The member of the union that @p attr names (a string must stay
     *                  valid until the callback returns; the class encodes it at once).
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_local_port_value_t *v);
    /**
     * @brief Writes attribute @p attr (2..9) with a validated value; NULL: read-only.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute number.
     * @param[in] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_local_port_value_t *v);
} msdk_cosem_local_port_def_t;

/** @brief IEC local port setup (class 19, version 1); the passwords (7..9) are write-only:
 *         a GET of them is answered read-write-denied whatever the rights say. */
extern const msdk_cosem_class_t msdk_cosem_class_local_port;

/**
 * @brief Checks a value of an IEC local port setup attribute as a SET would.
 * @param[in] attr Attribute number (2..9).
 * @param[in] v    The value.
 * @retval MSDK_OK              In range.
 * @retval MSDK_ERR_INVALID_ARG @p v is NULL, @p attr is not 2..9, or the value is out of
 *                              the attribute's range or character set.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_local_port_check(uint8_t attr,
                                                      const msdk_cosem_local_port_value_t *v);

/* ---- IEC HDLC setup (class 23, version 1) --------------------------------------------------- */

/** @brief IEC HDLC setup attributes (2..9); every value fits a uint16_t. */
typedef enum msdk_cosem_hdlc_setup_attr {
    MSDK_COSEM_HDLC_SETUP_COMM_SPEED = 2,     /**< comm_speed: enum 0..9 (default 5). */
    MSDK_COSEM_HDLC_SETUP_WINDOW_TX = 3,      /**< window_size_transmit: unsigned 1..7. */
    MSDK_COSEM_HDLC_SETUP_WINDOW_RX = 4,      /**< window_size_receive: unsigned 1..7. */
    MSDK_COSEM_HDLC_SETUP_MAX_INFO_TX = 5,    /**< max_info_field_length_transmit:
                                                   long-unsigned 32..2030. */
    MSDK_COSEM_HDLC_SETUP_MAX_INFO_RX = 6,    /**< max_info_field_length_receive:
                                                   long-unsigned 32..2030. */
    MSDK_COSEM_HDLC_SETUP_INTER_OCTET = 7,    /**< inter_octet_time_out: long-unsigned,
                                                   20..6000 ms. */
    MSDK_COSEM_HDLC_SETUP_INACTIVITY = 8,     /**< inactivity_time_out: long-unsigned,
                                                   seconds, 0 = none. */
    MSDK_COSEM_HDLC_SETUP_DEVICE_ADDRESS = 9, /**< device_address: long-unsigned. */
} msdk_cosem_hdlc_setup_attr_t;

/** @brief Smallest window size. */
#define MSDK_COSEM_HDLC_SETUP_WINDOW_MIN      1u
/** @brief Largest window size. */
#define MSDK_COSEM_HDLC_SETUP_WINDOW_MAX      7u
/** @brief Smallest maximum information field length. */
#define MSDK_COSEM_HDLC_SETUP_INFO_MIN        32u
/** @brief Largest maximum information field length. */
#define MSDK_COSEM_HDLC_SETUP_INFO_MAX        2030u
/** @brief Shortest inter-octet time-out, ms. */
#define MSDK_COSEM_HDLC_SETUP_INTER_OCTET_MIN 20u
/** @brief Longest inter-octet time-out, ms. */
#define MSDK_COSEM_HDLC_SETUP_INTER_OCTET_MAX 6000u
/** @brief Lowest usable physical device address (both address forms). */
#define MSDK_COSEM_HDLC_SETUP_ADDR_MIN        0x10u
/** @brief Highest usable physical device address, one-byte addressing. */
#define MSDK_COSEM_HDLC_SETUP_ADDR_MAX_1B     0x7Du
/** @brief Highest usable physical device address, two-byte addressing. */
#define MSDK_COSEM_HDLC_SETUP_ADDR_MAX_2B     0x3FFDu

/**
 * @brief IEC HDLC setup: the channel's settings through the application.
 *
 * device_address is the usable range of the addressing the port uses: 0x10..0x7D with
 * one-byte addresses, 0x10..0x3FFD with two-byte addresses (NO_STATION, the reserved
 * addresses, CALLING and broadcast are refused).
 */
typedef struct msdk_cosem_hdlc_setup_def {
    bool one_byte_address; /**< The port uses one-byte HDLC addresses. */
    /**
     * @brief Reads attribute @p attr (::msdk_cosem_hdlc_setup_attr_t).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute number.
     * @param[out] v    The value.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, uint16_t *v);
    /**
     * @brief Writes attribute @p attr with a value checked against its range; NULL:
     *        read-only. The application applies link settings when no link is open.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute number.
     * @param[in] v    The value.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, uint16_t v);
} msdk_cosem_hdlc_setup_def_t;

/** @brief IEC HDLC setup (class 23, version 1). */
extern const msdk_cosem_class_t msdk_cosem_class_hdlc_setup;

/**
 * @brief Checks a value of an IEC HDLC setup attribute as a SET would.
 * @param[in] attr             Attribute number (2..9).
 * @param[in] v                The value.
 * @param[in] one_byte_address The port uses one-byte addresses (device_address range).
 * @retval MSDK_OK              In range.
 * @retval MSDK_ERR_INVALID_ARG @p attr is not 2..9, or @p v is out of its range.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hdlc_setup_check(uint8_t attr, uint16_t v,
                                                      bool one_byte_address);

/* ---- TCP-UDP setup (class 41, version 0) ---------------------------------------------------- */

/** @brief TCP-UDP setup attributes (2..6). */
typedef enum msdk_cosem_tcp_udp_setup_attr {
    MSDK_COSEM_TCP_UDP_SETUP_PORT = 2,         /**< TCP-UDP_port: long-unsigned, 1..65535. */
    MSDK_COSEM_TCP_UDP_SETUP_IP_REFERENCE = 3, /**< IP_reference: octet-string(6). */
    MSDK_COSEM_TCP_UDP_SETUP_MSS = 4,          /**< MSS: long-unsigned, 40..65535. */
    MSDK_COSEM_TCP_UDP_SETUP_SIM_CONN = 5,     /**< nb_of_sim_conn: unsigned, 1..255. */
    MSDK_COSEM_TCP_UDP_SETUP_INACTIVITY = 6,   /**< inactivity_time_out: long-unsigned,
                                                    seconds, 0 = none. */
} msdk_cosem_tcp_udp_setup_attr_t;

/** @brief The DLMS/COSEM port registered with IANA (default TCP-UDP_port). */
#define MSDK_COSEM_TCP_UDP_SETUP_DEFAULT_PORT 4059u
/** @brief Smallest maximum segment size. */
#define MSDK_COSEM_TCP_UDP_SETUP_MSS_MIN      40u

/** @brief A TCP-UDP setup attribute, by attribute number. */
typedef union msdk_cosem_tcp_udp_setup_value {
    uint16_t number;   /**< Attributes 2 (port), 4 (MSS) and 6 (seconds). */
    uint8_t count;     /**< Attribute 5. */
    uint8_t ip_ref[6]; /**< Attribute 3: logical name of the IP setup object. */
} msdk_cosem_tcp_udp_setup_value_t;

/** @brief TCP-UDP setup: the settings through the application. */
typedef struct msdk_cosem_tcp_udp_setup_def {
    /**
     * @brief Reads attribute @p attr (::msdk_cosem_tcp_udp_setup_attr_t).
     * @param[in]  ctx  ::msdk_cosem_object_t::ctx.
     * @param[in]  attr Attribute number.
     * @param[out] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*get)(void *ctx, uint8_t attr, msdk_cosem_tcp_udp_setup_value_t *v);
    /**
     * @brief Writes attribute @p attr with a validated value; NULL: read-only.
     * @param[in] ctx  ::msdk_cosem_object_t::ctx.
     * @param[in] attr Attribute number.
     * @param[in] v    The member of the union that @p attr names.
     * @return A data-access-result.
     */
    uint8_t (*set)(void *ctx, uint8_t attr, const msdk_cosem_tcp_udp_setup_value_t *v);
} msdk_cosem_tcp_udp_setup_def_t;

/** @brief TCP-UDP setup (class 41, version 0). */
extern const msdk_cosem_class_t msdk_cosem_class_tcp_udp_setup;

/**
 * @brief Checks a value of a TCP-UDP setup attribute as a SET would.
 * @param[in] attr Attribute number (2..6).
 * @param[in] v    The value.
 * @retval MSDK_OK              In range.
 * @retval MSDK_ERR_INVALID_ARG @p v is NULL, @p attr is not 2..6, or the value is out of
 *                              its range (port 0, MSS below 40, no connection).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_tcp_udp_setup_check(uint8_t attr,
                                                         const msdk_cosem_tcp_udp_setup_value_t *v);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_SETUP_H */
