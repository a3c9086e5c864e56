/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief xDLMS service APDUs with logical name referencing: GET, SET, ACTION,
 *        exception-response, data-notification and event-notification-request.
 *
 * Encoding and decoding follow the A-XDR rules of the DLMS UA Green Book
 * (IEC 62056-5-3) for the LN-referencing xDLMS APDUs. This module handles the
 * APDU framing only:
 *
 * - COSEM `Data` values (attribute values, method parameters, selective access
 *   parameters, notification bodies) are never decoded here. Decoders return
 *   them as ::msdk_cosem_xdlms_raw_t references to the raw A-XDR bytes inside
 *   the caller's input; the extent of each value is found by skipping it, so
 *   every reference covers exactly one well-formed value (tags, lengths and
 *   element counts checked; the contents of primitive values are not).
 * - Decoders take (pointer, length) of one complete, unciphered APDU starting
 *   with its tag, check every read, reject trailing bytes, and write their
 *   output only on success. The output structures point into the input, which
 *   must outlive them.
 * - Lists (the `with-list` variants) are bounded by a `max_items` argument and
 *   returned as a validated ::msdk_cosem_xdlms_list_t region that the caller
 *   walks with ::msdk_cosem_xdlms_iter_t. No heap is used.
 * - Server response encoders write the APDU header and return; the caller then
 *   appends the raw A-XDR `Data` bytes into the same ::msdk_wbuf_t (streaming,
 *   no intermediate copy). For data blocks, whose raw-data octet-string length
 *   precedes the data, see msdk_cosem_xdlms_get_response_encode_block_begin()
 *   and msdk_cosem_xdlms_block_end().
 * - Encoders are all-or-nothing for the caller: on error the writer position
 *   is restored to its value before the call (bytes past it may have been
 *   scribbled on, but are not part of the output).
 *
 * Protocol result codes (data-access-result, action-result, exception state
 * and service errors) are protocol data held as `uint8_t` fields with the
 * values of their own enums; they are not ::msdk_err_t values.
 *
 * Every decoder that meets a Data value measures it with msdk_cosem_axdr_skip():
 * besides the errors each function lists, it returns ::MSDK_ERR_NOT_SUPPORTED for a
 * value nested deeper than ::MSDK_COSEM_AXDR_DEPTH_MAX.
 */
#ifndef MSDK_COSEM_XDLMS_H
#define MSDK_COSEM_XDLMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Tags and choices ---------------------------------------------------- */

/** @brief First byte (APDU tag) of the xDLMS APDUs handled here. */
typedef enum msdk_cosem_xdlms_tag {
    MSDK_COSEM_XDLMS_TAG_DATA_NOTIFICATION = 0x0F,  /**< data-notification [15]. */
    MSDK_COSEM_XDLMS_TAG_GET_REQUEST = 0xC0,        /**< get-request [192]. */
    MSDK_COSEM_XDLMS_TAG_SET_REQUEST = 0xC1,        /**< set-request [193]. */
    MSDK_COSEM_XDLMS_TAG_EVENT_NOTIFICATION = 0xC2, /**< event-notification-request [194]. */
    MSDK_COSEM_XDLMS_TAG_ACTION_REQUEST = 0xC3,     /**< action-request [195]. */
    MSDK_COSEM_XDLMS_TAG_GET_RESPONSE = 0xC4,       /**< get-response [196]. */
    MSDK_COSEM_XDLMS_TAG_SET_RESPONSE = 0xC5,       /**< set-response [197]. */
    MSDK_COSEM_XDLMS_TAG_ACTION_RESPONSE = 0xC7,    /**< action-response [199]. */
    MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE = 0xD8, /**< exception-response [216]. */
} msdk_cosem_xdlms_tag_t;

/** @brief Get-Request CHOICE. */
typedef enum msdk_cosem_xdlms_get_request_type {
    MSDK_COSEM_XDLMS_GET_REQUEST_NORMAL = 1,    /**< get-request-normal. */
    MSDK_COSEM_XDLMS_GET_REQUEST_NEXT = 2,      /**< get-request-next (next data block). */
    MSDK_COSEM_XDLMS_GET_REQUEST_WITH_LIST = 3, /**< get-request-with-list. */
} msdk_cosem_xdlms_get_request_type_t;

/** @brief Get-Response CHOICE. */
typedef enum msdk_cosem_xdlms_get_response_type {
    MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL = 1,         /**< get-response-normal. */
    MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK = 2, /**< get-response-with-datablock. */
    MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST = 3,      /**< get-response-with-list. */
} msdk_cosem_xdlms_get_response_type_t;

/** @brief Set-Request CHOICE. */
typedef enum msdk_cosem_xdlms_set_request_type {
    MSDK_COSEM_XDLMS_SET_REQUEST_NORMAL = 1,               /**< set-request-normal. */
    MSDK_COSEM_XDLMS_SET_REQUEST_WITH_FIRST_DATABLOCK = 2, /**< ...-with-first-datablock. */
    MSDK_COSEM_XDLMS_SET_REQUEST_WITH_DATABLOCK = 3,       /**< ...-with-datablock. */
    MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST = 4,            /**< set-request-with-list. */
    MSDK_COSEM_XDLMS_SET_REQUEST_WITH_LIST_FIRST_BLOCK =
        5, /**< ...-with-list-and-first-datablock. */
} msdk_cosem_xdlms_set_request_type_t;

/** @brief Set-Response CHOICE. */
typedef enum msdk_cosem_xdlms_set_response_type {
    MSDK_COSEM_XDLMS_SET_RESPONSE_NORMAL = 1,         /**< set-response-normal. */
    MSDK_COSEM_XDLMS_SET_RESPONSE_DATABLOCK = 2,      /**< set-response-datablock. */
    MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK = 3, /**< ...-last-datablock. */
    MSDK_COSEM_XDLMS_SET_RESPONSE_LAST_DATABLOCK_WITH_LIST =
        4,                                       /**< ...-last-datablock-with-list. */
    MSDK_COSEM_XDLMS_SET_RESPONSE_WITH_LIST = 5, /**< set-response-with-list. */
} msdk_cosem_xdlms_set_response_type_t;

/** @brief Action-Request CHOICE. */
typedef enum msdk_cosem_xdlms_action_request_type {
    MSDK_COSEM_XDLMS_ACTION_REQUEST_NORMAL = 1,            /**< action-request-normal. */
    MSDK_COSEM_XDLMS_ACTION_REQUEST_NEXT_PBLOCK = 2,       /**< ...-next-pblock. */
    MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST = 3,         /**< action-request-with-list. */
    MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_FIRST_PBLOCK = 4, /**< ...-with-first-pblock. */
    MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_LIST_FIRST_PBLOCK =
        5,                                           /**< ...-with-list-and-first-pblock. */
    MSDK_COSEM_XDLMS_ACTION_REQUEST_WITH_PBLOCK = 6, /**< ...-with-pblock. */
} msdk_cosem_xdlms_action_request_type_t;

/** @brief Action-Response CHOICE. */
typedef enum msdk_cosem_xdlms_action_response_type {
    MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL = 1,      /**< action-response-normal. */
    MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK = 2, /**< action-response-with-pblock. */
    MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_LIST = 3,   /**< action-response-with-list. */
    MSDK_COSEM_XDLMS_ACTION_RESPONSE_NEXT_PBLOCK = 4, /**< action-response-next-pblock. */
} msdk_cosem_xdlms_action_response_type_t;

/* ---- Protocol result codes ------------------------------------------------ */

/** @brief Data-Access-Result (GET and SET results). */
typedef enum msdk_cosem_xdlms_dar {
    MSDK_COSEM_DAR_SUCCESS = 0,                    /**< success. */
    MSDK_COSEM_DAR_HARDWARE_FAULT = 1,             /**< hardware-fault. */
    MSDK_COSEM_DAR_TEMPORARY_FAILURE = 2,          /**< temporary-failure. */
    MSDK_COSEM_DAR_READ_WRITE_DENIED = 3,          /**< read-write-denied. */
    MSDK_COSEM_DAR_OBJECT_UNDEFINED = 4,           /**< object-undefined. */
    MSDK_COSEM_DAR_OBJECT_CLASS_INCONSISTENT = 9,  /**< object-class-inconsistent. */
    MSDK_COSEM_DAR_OBJECT_UNAVAILABLE = 11,        /**< object-unavailable. */
    MSDK_COSEM_DAR_TYPE_UNMATCHED = 12,            /**< type-unmatched. */
    MSDK_COSEM_DAR_SCOPE_OF_ACCESS_VIOLATED = 13,  /**< scope-of-access-violated. */
    MSDK_COSEM_DAR_DATA_BLOCK_UNAVAILABLE = 14,    /**< data-block-unavailable. */
    MSDK_COSEM_DAR_LONG_GET_ABORTED = 15,          /**< long-get-aborted. */
    MSDK_COSEM_DAR_NO_LONG_GET_IN_PROGRESS = 16,   /**< no-long-get-in-progress. */
    MSDK_COSEM_DAR_LONG_SET_ABORTED = 17,          /**< long-set-aborted. */
    MSDK_COSEM_DAR_NO_LONG_SET_IN_PROGRESS = 18,   /**< no-long-set-in-progress. */
    MSDK_COSEM_DAR_DATA_BLOCK_NUMBER_INVALID = 19, /**< data-block-number-invalid. */
    MSDK_COSEM_DAR_OTHER_REASON = 250,             /**< other-reason. */
} msdk_cosem_xdlms_dar_t;

/** @brief Action-Result (ACTION results). */
typedef enum msdk_cosem_xdlms_action_result {
    MSDK_COSEM_ACTION_SUCCESS = 0,                     /**< success. */
    MSDK_COSEM_ACTION_HARDWARE_FAULT = 1,              /**< hardware-fault. */
    MSDK_COSEM_ACTION_TEMPORARY_FAILURE = 2,           /**< temporary-failure. */
    MSDK_COSEM_ACTION_READ_WRITE_DENIED = 3,           /**< read-write-denied. */
    MSDK_COSEM_ACTION_OBJECT_UNDEFINED = 4,            /**< object-undefined. */
    MSDK_COSEM_ACTION_OBJECT_CLASS_INCONSISTENT = 9,   /**< object-class-inconsistent. */
    MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE = 11,         /**< object-unavailable. */
    MSDK_COSEM_ACTION_TYPE_UNMATCHED = 12,             /**< type-unmatched. */
    MSDK_COSEM_ACTION_SCOPE_OF_ACCESS_VIOLATED = 13,   /**< scope-of-access-violated. */
    MSDK_COSEM_ACTION_DATA_BLOCK_UNAVAILABLE = 14,     /**< data-block-unavailable. */
    MSDK_COSEM_ACTION_LONG_ACTION_ABORTED = 15,        /**< long-action-aborted. */
    MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS = 16, /**< no-long-action-in-progress. */
    MSDK_COSEM_ACTION_OTHER_REASON = 250,              /**< other-reason. */
} msdk_cosem_xdlms_action_result_t;

/** @brief Exception-Response state-error. */
typedef enum msdk_cosem_xdlms_state_error {
    MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED = 1, /**< service-not-allowed. */
    MSDK_COSEM_STATE_ERROR_SERVICE_UNKNOWN = 2,     /**< service-unknown. */
} msdk_cosem_xdlms_state_error_t;

/** @brief Exception-Response service-error. */
typedef enum msdk_cosem_xdlms_service_error {
    MSDK_COSEM_SERVICE_ERROR_OPERATION_NOT_POSSIBLE = 1,   /**< operation-not-possible. */
    MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED = 2,    /**< service-not-supported. */
    MSDK_COSEM_SERVICE_ERROR_OTHER_REASON = 3,             /**< other-reason. */
    MSDK_COSEM_SERVICE_ERROR_PDU_TOO_LONG = 4,             /**< pdu-too-long. */
    MSDK_COSEM_SERVICE_ERROR_DECIPHERING_ERROR = 5,        /**< deciphering-error. */
    MSDK_COSEM_SERVICE_ERROR_INVOCATION_COUNTER_ERROR = 6, /**< invocation-counter-error (+u32). */
} msdk_cosem_xdlms_service_error_t;

/* ---- Invoke-Id-And-Priority ------------------------------------------------ */

/** @brief Invoke-Id-And-Priority: invoke-id, bits 0..3. */
#define MSDK_COSEM_IIP_ID_MASK       0x0Fu
/** @brief Invoke-Id-And-Priority: service-class bit, 1 = confirmed. */
#define MSDK_COSEM_IIP_CONFIRMED     0x40u
/** @brief Invoke-Id-And-Priority: priority bit, 1 = high. */
#define MSDK_COSEM_IIP_HIGH_PRIORITY 0x80u

/** @brief Long-Invoke-Id-And-Priority: invoke-id, bits 0..23. */
#define MSDK_COSEM_LIIP_ID_MASK          0x00FFFFFFul
/** @brief Long-Invoke-Id-And-Priority: self-descriptive bit. */
#define MSDK_COSEM_LIIP_SELF_DESCRIPTIVE 0x10000000ul
/** @brief Long-Invoke-Id-And-Priority: processing-option bit, 1 = break on error. */
#define MSDK_COSEM_LIIP_BREAK_ON_ERROR   0x20000000ul
/** @brief Long-Invoke-Id-And-Priority: service-class bit, 1 = confirmed. */
#define MSDK_COSEM_LIIP_CONFIRMED        0x40000000ul
/** @brief Long-Invoke-Id-And-Priority: priority bit, 1 = high. */
#define MSDK_COSEM_LIIP_HIGH_PRIORITY    0x80000000ul

/** @brief Length of a COSEM date-time octet string. */
#define MSDK_COSEM_XDLMS_DATE_TIME_LEN 12u
/** @brief Largest raw-data octet string a streamed data block may carry. */
#define MSDK_COSEM_XDLMS_BLOCK_MAX     0xFFFFu

/* ---- Common pieces ------------------------------------------------------- */

/** @brief Reference to bytes inside a caller's buffer (raw A-XDR, no copy). */
typedef struct msdk_cosem_xdlms_raw {
    const uint8_t *p; /**< First byte; may be NULL when @c len is 0. */
    size_t len;       /**< Number of bytes. */
} msdk_cosem_xdlms_raw_t;

/** @brief Cosem-Attribute-Descriptor. */
typedef struct msdk_cosem_xdlms_attr_desc {
    uint16_t class_id; /**< Interface class. */
    uint8_t obis[6];   /**< Logical name (instance-id), OBIS A..F. */
    int8_t attr_id;    /**< Attribute index. */
} msdk_cosem_xdlms_attr_desc_t;

/** @brief Cosem-Method-Descriptor. */
typedef struct msdk_cosem_xdlms_method_desc {
    uint16_t class_id; /**< Interface class. */
    uint8_t obis[6];   /**< Logical name (instance-id), OBIS A..F. */
    int8_t method_id;  /**< Method index. */
} msdk_cosem_xdlms_method_desc_t;

/** @brief Selective-Access-Descriptor (OPTIONAL). */
typedef struct msdk_cosem_xdlms_sel_access {
    bool present;                  /**< False: no access-selection. */
    uint8_t selector;              /**< access-selector (1 = by range, 2 = by entry, ...). */
    msdk_cosem_xdlms_raw_t params; /**< access-parameters: exactly one raw A-XDR Data value. */
} msdk_cosem_xdlms_sel_access_t;

/** @brief Cosem-Attribute-Descriptor-With-Selection (attribute + optional access). */
typedef struct msdk_cosem_xdlms_attr_sel {
    msdk_cosem_xdlms_attr_desc_t attr;    /**< The attribute. */
    msdk_cosem_xdlms_sel_access_t access; /**< Its selective access, if any. */
} msdk_cosem_xdlms_attr_sel_t;

/** @brief DataBlock-SA (SET and ACTION data blocks). */
typedef struct msdk_cosem_xdlms_datablock {
    bool last;                  /**< last-block. */
    uint32_t block_number;      /**< block-number. */
    msdk_cosem_xdlms_raw_t raw; /**< raw-data: content of the octet string. */
} msdk_cosem_xdlms_datablock_t;

/** @brief Get-Data-Result: a Data value or a data-access-result. */
typedef struct msdk_cosem_xdlms_get_result {
    bool is_data;                /**< True: @c data is valid; false: @c dar is. */
    uint8_t dar;                 /**< ::msdk_cosem_xdlms_dar_t value when !is_data. */
    msdk_cosem_xdlms_raw_t data; /**< One raw A-XDR Data value when is_data. */
} msdk_cosem_xdlms_get_result_t;

/** @brief Action-Response-With-Optional-Data. */
typedef struct msdk_cosem_xdlms_action_item {
    uint8_t result;                    /**< ::msdk_cosem_xdlms_action_result_t value. */
    bool has_return;                   /**< True when return-parameters are present. */
    msdk_cosem_xdlms_get_result_t ret; /**< return-parameters when @c has_return. */
} msdk_cosem_xdlms_action_item_t;

/** @brief Element type of a decoded list. */
typedef enum msdk_cosem_xdlms_list_kind {
    MSDK_COSEM_XDLMS_LIST_NONE = 0,        /**< No list (the field is unused). */
    MSDK_COSEM_XDLMS_LIST_ATTR_SEL = 1,    /**< ::msdk_cosem_xdlms_attr_sel_t items. */
    MSDK_COSEM_XDLMS_LIST_METHOD = 2,      /**< ::msdk_cosem_xdlms_method_desc_t items. */
    MSDK_COSEM_XDLMS_LIST_DATA = 3,        /**< Raw Data values. */
    MSDK_COSEM_XDLMS_LIST_DAR = 4,         /**< Data-access-result bytes. */
    MSDK_COSEM_XDLMS_LIST_GET_RESULT = 5,  /**< ::msdk_cosem_xdlms_get_result_t items. */
    MSDK_COSEM_XDLMS_LIST_ACTION_ITEM = 6, /**< ::msdk_cosem_xdlms_action_item_t items. */
} msdk_cosem_xdlms_list_kind_t;

/**
 * @brief A validated SEQUENCE OF inside the input: the items follow the count.
 *
 * Filled by the decoders; walk it with msdk_cosem_xdlms_iter_init() and the
 * typed `msdk_cosem_xdlms_iter_next_*()` functions.
 */
typedef struct msdk_cosem_xdlms_list {
    uint8_t kind;     /**< ::msdk_cosem_xdlms_list_kind_t. */
    uint32_t count;   /**< Number of items (at most the decoder's max_items). */
    const uint8_t *p; /**< First byte of the first item. */
    size_t len;       /**< Bytes covered by all the items. */
} msdk_cosem_xdlms_list_t;

/** @brief Iterator over a ::msdk_cosem_xdlms_list_t (caller-owned, no heap). */
typedef struct msdk_cosem_xdlms_iter {
    msdk_rbuf_t rb; /**< Remaining item bytes. */
    uint32_t left;  /**< Items not yet returned. */
    uint8_t kind;   /**< ::msdk_cosem_xdlms_list_kind_t of the list. */
} msdk_cosem_xdlms_iter_t;

/**
 * @brief Streaming data-block token: where the header of a raw-data block
 *        was written, so that msdk_cosem_xdlms_block_end() can finish it.
 */
typedef struct msdk_cosem_xdlms_block {
    size_t last_pos;  /**< Offset of the last-block byte in the writer. */
    size_t len_pos;   /**< Offset of the reserved length field. */
    uint8_t len_size; /**< Bytes reserved for the length field, 1..3. */
} msdk_cosem_xdlms_block_t;

/* ---- Decoded APDUs ------------------------------------------------------- */

/** @brief A decoded Get-Request; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_get_request {
    uint8_t type;                     /**< ::msdk_cosem_xdlms_get_request_type_t. */
    uint8_t iip;                      /**< Invoke-Id-And-Priority byte. */
    msdk_cosem_xdlms_attr_sel_t attr; /**< NORMAL: attribute and access selection. */
    uint32_t block_number;            /**< NEXT: block-number. */
    msdk_cosem_xdlms_list_t list;     /**< WITH_LIST: ::MSDK_COSEM_XDLMS_LIST_ATTR_SEL. */
} msdk_cosem_xdlms_get_request_t;

/** @brief A decoded Get-Response; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_get_response {
    uint8_t type; /**< ::msdk_cosem_xdlms_get_response_type_t. */
    uint8_t iip;  /**< Invoke-Id-And-Priority byte. */
    /**
     * NORMAL: the Get-Data-Result. WITH_DATABLOCK: raw-data (when is_data;
     * @c data is then the octet-string content, a slice of the encoded
     * value, not a whole Data) or a data-access-result.
     */
    msdk_cosem_xdlms_get_result_t result;
    bool last;                    /**< WITH_DATABLOCK: last-block. */
    uint32_t block_number;        /**< WITH_DATABLOCK: block-number. */
    msdk_cosem_xdlms_list_t list; /**< WITH_LIST: ::MSDK_COSEM_XDLMS_LIST_GET_RESULT. */
} msdk_cosem_xdlms_get_response_t;

/** @brief A decoded Set-Request; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_set_request {
    uint8_t type;                       /**< ::msdk_cosem_xdlms_set_request_type_t. */
    uint8_t iip;                        /**< Invoke-Id-And-Priority byte. */
    msdk_cosem_xdlms_attr_sel_t attr;   /**< NORMAL, WITH_FIRST_DATABLOCK. */
    msdk_cosem_xdlms_raw_t value;       /**< NORMAL: one raw Data value. */
    msdk_cosem_xdlms_datablock_t block; /**< The three datablock variants. */
    msdk_cosem_xdlms_list_t attrs;      /**< WITH_LIST, WITH_LIST_FIRST_BLOCK: ATTR_SEL items. */
    msdk_cosem_xdlms_list_t values;     /**< WITH_LIST: DATA items, as many as @c attrs. */
} msdk_cosem_xdlms_set_request_t;

/** @brief A decoded Set-Response; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_set_response {
    uint8_t type;                    /**< ::msdk_cosem_xdlms_set_response_type_t. */
    uint8_t iip;                     /**< Invoke-Id-And-Priority byte. */
    uint8_t result;                  /**< NORMAL, LAST_DATABLOCK: ::msdk_cosem_xdlms_dar_t. */
    uint32_t block_number;           /**< DATABLOCK, LAST_DATABLOCK, ..._WITH_LIST. */
    msdk_cosem_xdlms_list_t results; /**< LAST_DATABLOCK_WITH_LIST, WITH_LIST: DAR items. */
} msdk_cosem_xdlms_set_response_t;

/** @brief A decoded Action-Request; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_action_request {
    uint8_t type;                          /**< ::msdk_cosem_xdlms_action_request_type_t. */
    uint8_t iip;                           /**< Invoke-Id-And-Priority byte. */
    msdk_cosem_xdlms_method_desc_t method; /**< NORMAL, WITH_FIRST_PBLOCK. */
    bool has_params;                       /**< NORMAL: parameters present. */
    msdk_cosem_xdlms_raw_t params;         /**< NORMAL: one raw Data value. */
    uint32_t block_number;                 /**< NEXT_PBLOCK. */
    msdk_cosem_xdlms_datablock_t block;    /**< The three pblock variants. */
    msdk_cosem_xdlms_list_t methods;       /**< WITH_LIST, WITH_LIST_FIRST_PBLOCK: METHOD. */
    msdk_cosem_xdlms_list_t params_list;   /**< WITH_LIST: DATA items, as many as @c methods. */
} msdk_cosem_xdlms_action_request_t;

/** @brief A decoded Action-Response; fields are valid according to @c type. */
typedef struct msdk_cosem_xdlms_action_response {
    uint8_t type;                        /**< ::msdk_cosem_xdlms_action_response_type_t. */
    uint8_t iip;                         /**< Invoke-Id-And-Priority byte. */
    msdk_cosem_xdlms_action_item_t item; /**< NORMAL. */
    msdk_cosem_xdlms_datablock_t block;  /**< WITH_PBLOCK. */
    msdk_cosem_xdlms_list_t list;        /**< WITH_LIST: ACTION_ITEM items. */
    uint32_t block_number;               /**< NEXT_PBLOCK. */
} msdk_cosem_xdlms_action_response_t;

/** @brief A decoded Exception-Response. */
typedef struct msdk_cosem_xdlms_exception {
    uint8_t state_error;         /**< ::msdk_cosem_xdlms_state_error_t. */
    uint8_t service_error;       /**< ::msdk_cosem_xdlms_service_error_t. */
    uint32_t invocation_counter; /**< invocation-counter-error only, else 0. */
} msdk_cosem_xdlms_exception_t;

/** @brief A decoded Data-Notification. */
typedef struct msdk_cosem_xdlms_data_notification {
    uint32_t liip;                    /**< Long-Invoke-Id-And-Priority. */
    msdk_cosem_xdlms_raw_t date_time; /**< Empty, or the 12 date-time bytes. */
    msdk_cosem_xdlms_raw_t body;      /**< notification-body: one raw Data value. */
} msdk_cosem_xdlms_data_notification_t;

/** @brief A decoded Event-Notification-Request. */
typedef struct msdk_cosem_xdlms_event_notification {
    bool has_time;                     /**< True when @c time is present. */
    msdk_cosem_xdlms_raw_t time;       /**< The 12 date-time bytes when @c has_time. */
    msdk_cosem_xdlms_attr_desc_t attr; /**< cosem-attribute-descriptor. */
    msdk_cosem_xdlms_raw_t value;      /**< attribute-value: one raw Data value. */
} msdk_cosem_xdlms_event_notification_t;

/* ---- List iteration ------------------------------------------------------ */

/**
 * @brief Starts walking a decoded list.
 * @param[out] it   Iterator to initialise.
 * @param[in]  list List filled by a decoder; must stay valid while iterating.
 */
void msdk_cosem_xdlms_iter_init(msdk_cosem_xdlms_iter_t *it, const msdk_cosem_xdlms_list_t *list);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_ATTR_SEL list.
 * @param[in,out] it  Iterator.
 * @param[out]    out The item; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 * @retval MSDK_ERR_MALFORMED   The item is malformed (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_attr_sel(msdk_cosem_xdlms_iter_t *it,
                                                              msdk_cosem_xdlms_attr_sel_t *out);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_METHOD list.
 * @param[in,out] it  Iterator.
 * @param[out]    out The item; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_method(msdk_cosem_xdlms_iter_t *it,
                                                            msdk_cosem_xdlms_method_desc_t *out);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_DATA list.
 * @param[in,out] it  Iterator.
 * @param[out]    out One raw Data value; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 * @retval MSDK_ERR_MALFORMED   The item is malformed (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_data(msdk_cosem_xdlms_iter_t *it,
                                                          msdk_cosem_xdlms_raw_t *out);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_DAR list.
 * @param[in,out] it  Iterator.
 * @param[out]    out A ::msdk_cosem_xdlms_dar_t value; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_dar(msdk_cosem_xdlms_iter_t *it, uint8_t *out);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_GET_RESULT list.
 * @param[in,out] it  Iterator.
 * @param[out]    out The item; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 * @retval MSDK_ERR_MALFORMED   The item is malformed (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_get_result(msdk_cosem_xdlms_iter_t *it,
                                                                msdk_cosem_xdlms_get_result_t *out);

/**
 * @brief Next item of an ::MSDK_COSEM_XDLMS_LIST_ACTION_ITEM list.
 * @param[in,out] it  Iterator.
 * @param[out]    out The item; untouched on error.
 * @retval MSDK_OK              An item was returned.
 * @retval MSDK_ERR_NOT_FOUND   No items left.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or the list holds another kind.
 * @retval MSDK_ERR_TRUNCATED   The list bytes end inside an item (hand-made list).
 * @retval MSDK_ERR_MALFORMED   The item is malformed (hand-made list).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_iter_next_action_item(
    msdk_cosem_xdlms_iter_t *it, msdk_cosem_xdlms_action_item_t *out);

/* ---- Server side: request decoders --------------------------------------- */

/**
 * @brief Decodes a Get-Request (normal, next, with-list).
 * @param[in]  apdu      The APDU, starting with tag 0xC0.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest with-list count accepted.
 * @param[out] out       The request, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length or Data
 *                              encoding, or trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    The list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_request_decode(const uint8_t *apdu, size_t len,
                                                              size_t max_items,
                                                              msdk_cosem_xdlms_get_request_t *out);

/**
 * @brief Decodes a Set-Request (all five variants).
 *
 * With-list requests must carry as many values as attribute descriptors.
 *
 * @param[in]  apdu      The APDU, starting with tag 0xC1.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest with-list count accepted.
 * @param[out] out       The request, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length, bad
 *                              boolean, list counts differ, or trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    A list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_decode(const uint8_t *apdu, size_t len,
                                                              size_t max_items,
                                                              msdk_cosem_xdlms_set_request_t *out);

/**
 * @brief Decodes an Action-Request (all six variants).
 *
 * With-list requests must carry as many parameters as method descriptors.
 *
 * @param[in]  apdu      The APDU, starting with tag 0xC3.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest with-list count accepted.
 * @param[out] out       The request, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length, bad
 *                              boolean, list counts differ, or trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    A list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_decode(
    const uint8_t *apdu, size_t len, size_t max_items, msdk_cosem_xdlms_action_request_t *out);

/* ---- Server side: response encoders --------------------------------------- */

/**
 * @brief Writes the header of a get-response-normal carrying data
 *        (`C4 01 iip 00`); the caller then appends one raw A-XDR Data value.
 * @param[in,out] wb  Writer.
 * @param[in]     iip Invoke-Id-And-Priority of the request.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_encode_normal_data(msdk_wbuf_t *wb,
                                                                           uint8_t iip);

/**
 * @brief Writes a get-response-normal carrying a data-access-result.
 * @param[in,out] wb  Writer.
 * @param[in]     iip Invoke-Id-And-Priority of the request.
 * @param[in]     dar ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_encode_normal_error(msdk_wbuf_t *wb,
                                                                            uint8_t iip,
                                                                            uint8_t dar);

/**
 * @brief Starts a get-response-with-datablock carrying raw data.
 *
 * Writes `C4 02 iip <last> <block-number> 00` and reserves the raw-data
 * length field, sized for the largest block the writer's free room can hold
 * (1 byte when at most 127 data bytes fit, 2 up to 255, else 3). The caller
 * appends the block's raw bytes to @p wb (as many as fit: fill the buffer to
 * the negotiated PDU size) and then calls msdk_cosem_xdlms_block_end(), which
 * sets the last-block flag, writes the length in its shortest form and moves
 * the data down over any unused reserved bytes (one memmove of the block).
 * The writer's capacity must not change between the two calls.
 *
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     block_number Block number (1 for the first block).
 * @param[out]    blk          Token for msdk_cosem_xdlms_block_end().
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb or @p blk is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_encode_block_begin(
    msdk_wbuf_t *wb, uint8_t iip, uint32_t block_number, msdk_cosem_xdlms_block_t *blk);

/**
 * @brief Writes a get-response-with-datablock carrying a data-access-result.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     last         last-block flag.
 * @param[in]     block_number Block number.
 * @param[in]     dar          ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_encode_block_error(msdk_wbuf_t *wb,
                                                                           uint8_t iip, bool last,
                                                                           uint32_t block_number,
                                                                           uint8_t dar);

/**
 * @brief Writes the header of a get-response-with-list (`C4 03 iip count`);
 *        the caller then writes @p count Get-Data-Results with
 *        msdk_cosem_xdlms_get_result_encode_data() (plus its Data) or
 *        msdk_cosem_xdlms_get_result_encode_error().
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority of the request.
 * @param[in]     count Number of results that will follow.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p count exceeds 0xFFFFFFFF.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_encode_list_begin(msdk_wbuf_t *wb,
                                                                          uint8_t iip,
                                                                          size_t count);

/**
 * @brief Writes the data choice of a Get-Data-Result (`00`); the caller then
 *        appends one raw A-XDR Data value.
 * @param[in,out] wb Writer.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_result_encode_data(msdk_wbuf_t *wb);

/**
 * @brief Writes a Get-Data-Result holding a data-access-result (`01 dar`).
 * @param[in,out] wb  Writer.
 * @param[in]     dar ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_result_encode_error(msdk_wbuf_t *wb, uint8_t dar);

/**
 * @brief Finishes a streamed raw-data block started by
 *        msdk_cosem_xdlms_get_response_encode_block_begin() or
 *        msdk_cosem_xdlms_action_response_encode_pblock_begin().
 *
 * Everything written to @p wb after the begin call is the block's raw data.
 * On error the writer is unchanged.
 *
 * @param[in,out] wb   The same writer, with the raw data appended.
 * @param[in]     blk  Token from the begin call.
 * @param[in]     last last-block flag to store.
 * @retval MSDK_OK              Finished; @p wb now ends after the data.
 * @retval MSDK_ERR_OVERFLOW    More than ::MSDK_COSEM_XDLMS_BLOCK_MAX data bytes, or
 *                              more than the reserved length field can describe.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, or @p blk does not match @p wb.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_block_end(msdk_wbuf_t *wb,
                                                     const msdk_cosem_xdlms_block_t *blk,
                                                     bool last);

/**
 * @brief Writes a set-response-normal.
 * @param[in,out] wb  Writer.
 * @param[in]     iip Invoke-Id-And-Priority of the request.
 * @param[in]     dar ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_encode_normal(msdk_wbuf_t *wb, uint8_t iip,
                                                                      uint8_t dar);

/**
 * @brief Writes a set-response-datablock (block received, send the next).
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     block_number Number of the block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_encode_datablock(msdk_wbuf_t *wb,
                                                                         uint8_t iip,
                                                                         uint32_t block_number);

/**
 * @brief Writes a set-response-last-datablock.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     dar          ::msdk_cosem_xdlms_dar_t value.
 * @param[in]     block_number Number of the last block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_encode_last_datablock(
    msdk_wbuf_t *wb, uint8_t iip, uint8_t dar, uint32_t block_number);

/**
 * @brief Writes a set-response-last-datablock-with-list.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     dars         @p n ::msdk_cosem_xdlms_dar_t values.
 * @param[in]     n            Number of results.
 * @param[in]     block_number Number of the last block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p dars is NULL with @p n > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_encode_last_datablock_with_list(
    msdk_wbuf_t *wb, uint8_t iip, const uint8_t *dars, size_t n, uint32_t block_number);

/**
 * @brief Writes a set-response-with-list.
 * @param[in,out] wb   Writer.
 * @param[in]     iip  Invoke-Id-And-Priority of the request.
 * @param[in]     dars @p n ::msdk_cosem_xdlms_dar_t values.
 * @param[in]     n    Number of results.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p dars is NULL with @p n > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_encode_with_list(msdk_wbuf_t *wb,
                                                                         uint8_t iip,
                                                                         const uint8_t *dars,
                                                                         size_t n);

/**
 * @brief Writes an action-response-normal without return parameters.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority of the request.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_normal(msdk_wbuf_t *wb,
                                                                         uint8_t iip,
                                                                         uint8_t result);

/**
 * @brief Writes the header of an action-response-normal whose return
 *        parameters are data (`C7 01 iip result 01 00`); the caller then
 *        appends one raw A-XDR Data value.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority of the request.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_normal_data(msdk_wbuf_t *wb,
                                                                              uint8_t iip,
                                                                              uint8_t result);

/**
 * @brief Writes an action-response-normal whose return parameters are a
 *        data-access-result.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority of the request.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @param[in]     dar    ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_normal_error(msdk_wbuf_t *wb,
                                                                               uint8_t iip,
                                                                               uint8_t result,
                                                                               uint8_t dar);

/**
 * @brief Starts an action-response-with-pblock (`C7 02 iip <last>
 *        <block-number>` and a reserved raw-data length); finish it with
 *        msdk_cosem_xdlms_block_end() after appending the raw data.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     block_number Block number.
 * @param[out]    blk          Token for msdk_cosem_xdlms_block_end().
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb or @p blk is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_pblock_begin(
    msdk_wbuf_t *wb, uint8_t iip, uint32_t block_number, msdk_cosem_xdlms_block_t *blk);

/**
 * @brief Writes the header of an action-response-with-list
 *        (`C7 03 iip count`); the caller then writes @p count items with the
 *        `msdk_cosem_xdlms_action_item_encode*()` functions.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority of the request.
 * @param[in]     count Number of items that will follow.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p count exceeds 0xFFFFFFFF.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_list_begin(msdk_wbuf_t *wb,
                                                                             uint8_t iip,
                                                                             size_t count);

/**
 * @brief Writes an Action-Response-With-Optional-Data without return
 *        parameters (`result 00`).
 * @param[in,out] wb     Writer.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_item_encode(msdk_wbuf_t *wb, uint8_t result);

/**
 * @brief Writes the start of an Action-Response-With-Optional-Data whose
 *        return parameters are data (`result 01 00`); the caller appends the
 *        raw Data value.
 * @param[in,out] wb     Writer.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_item_encode_data(msdk_wbuf_t *wb, uint8_t result);

/**
 * @brief Writes an Action-Response-With-Optional-Data whose return parameters
 *        are a data-access-result (`result 01 01 dar`).
 * @param[in,out] wb     Writer.
 * @param[in]     result ::msdk_cosem_xdlms_action_result_t value.
 * @param[in]     dar    ::msdk_cosem_xdlms_dar_t value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_item_encode_error(msdk_wbuf_t *wb, uint8_t result,
                                                                    uint8_t dar);

/**
 * @brief Writes an action-response-next-pblock (pblock received, send the next).
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority of the request.
 * @param[in]     block_number Number of the block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_encode_next_pblock(
    msdk_wbuf_t *wb, uint8_t iip, uint32_t block_number);

/**
 * @brief Writes an exception-response.
 * @param[in,out] wb                 Writer.
 * @param[in]     state_error        ::msdk_cosem_xdlms_state_error_t value.
 * @param[in]     service_error      ::msdk_cosem_xdlms_service_error_t value.
 * @param[in]     invocation_counter Written (4 bytes) only after
 *                                   invocation-counter-error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL or an error code is not one
 *                                   of the enum values.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_exception_encode(msdk_wbuf_t *wb, uint8_t state_error,
                                                            uint8_t service_error,
                                                            uint32_t invocation_counter);

/**
 * @brief Writes the header of a data-notification; the caller then appends
 *        the notification body (one raw A-XDR Data value).
 * @param[in,out] wb        Writer.
 * @param[in]     liip      Long-Invoke-Id-And-Priority.
 * @param[in]     date_time 12 date-time bytes, or NULL for none (empty octet string).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_data_notification_encode_begin(msdk_wbuf_t *wb,
                                                                          uint32_t liip,
                                                                          const uint8_t *date_time);

/**
 * @brief Writes the header of an event-notification-request; the caller then
 *        appends the attribute value (one raw A-XDR Data value).
 * @param[in,out] wb   Writer.
 * @param[in]     time 12 date-time bytes, or NULL when absent.
 * @param[in]     attr The attribute reported.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb or @p attr is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_event_notification_encode_begin(
    msdk_wbuf_t *wb, const uint8_t *time, const msdk_cosem_xdlms_attr_desc_t *attr);

/* ---- Client side: request encoders --------------------------------------- */

/**
 * @brief Writes a get-request-normal.
 * @param[in,out] wb   Writer.
 * @param[in]     iip  Invoke-Id-And-Priority.
 * @param[in]     attr Attribute and optional selective access (its params
 *                     must be exactly one well-formed Data value).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or bad access parameters.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_request_encode_normal(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *attr);

/**
 * @brief Writes a get-request-next.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority.
 * @param[in]     block_number Number of the last block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_request_encode_next(msdk_wbuf_t *wb, uint8_t iip,
                                                                   uint32_t block_number);

/**
 * @brief Writes a get-request-with-list.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     items @p n attributes with optional selective access.
 * @param[in]     n     Number of items.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or bad access parameters.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_request_encode_with_list(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *items, size_t n);

/**
 * @brief Writes a set-request-normal.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     attr  Attribute and optional selective access.
 * @param[in]     value One well-formed raw A-XDR Data value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or @p value / access
 *                                   parameters not exactly one Data value.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_encode_normal(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *attr,
    const msdk_cosem_xdlms_raw_t *value);

/**
 * @brief Writes a set-request-with-first-datablock.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     attr  Attribute and optional selective access.
 * @param[in]     block The first block (raw bytes of the encoded value).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or bad access parameters.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_encode_first_block(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *attr,
    const msdk_cosem_xdlms_datablock_t *block);

/**
 * @brief Writes a set-request-with-datablock.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     block The block.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_encode_block(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_datablock_t *block);

/**
 * @brief Writes a set-request-with-list.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority.
 * @param[in]     items  @p n attributes with optional selective access.
 * @param[in]     values @p n raw Data values, one per attribute.
 * @param[in]     n      Number of items.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or a value / access
 *                                   parameters not exactly one Data value.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_encode_with_list(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *items,
    const msdk_cosem_xdlms_raw_t *values, size_t n);

/**
 * @brief Writes a set-request-with-list-and-first-datablock.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     items @p n attributes with optional selective access.
 * @param[in]     n     Number of items.
 * @param[in]     block The first block.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or bad access parameters.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_request_encode_list_first_block(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_attr_sel_t *items, size_t n,
    const msdk_cosem_xdlms_datablock_t *block);

/**
 * @brief Writes an action-request-normal.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority.
 * @param[in]     method The method.
 * @param[in]     params One raw Data value, or NULL for no parameters.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or @p params not exactly one
 *                                   Data value.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_normal(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_method_desc_t *method,
    const msdk_cosem_xdlms_raw_t *params);

/**
 * @brief Writes an action-request-next-pblock.
 * @param[in,out] wb           Writer.
 * @param[in]     iip          Invoke-Id-And-Priority.
 * @param[in]     block_number Number of the last block received.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_next_pblock(msdk_wbuf_t *wb,
                                                                             uint8_t iip,
                                                                             uint32_t block_number);

/**
 * @brief Writes an action-request-with-list.
 * @param[in,out] wb      Writer.
 * @param[in]     iip     Invoke-Id-And-Priority.
 * @param[in]     methods @p n methods.
 * @param[in]     params  @p n raw Data values, one per method.
 * @param[in]     n       Number of items.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or a parameter not exactly
 *                                   one Data value.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_with_list(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_method_desc_t *methods,
    const msdk_cosem_xdlms_raw_t *params, size_t n);

/**
 * @brief Writes an action-request-with-first-pblock.
 * @param[in,out] wb     Writer.
 * @param[in]     iip    Invoke-Id-And-Priority.
 * @param[in]     method The method.
 * @param[in]     block  The first block.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_first_pblock(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_method_desc_t *method,
    const msdk_cosem_xdlms_datablock_t *block);

/**
 * @brief Writes an action-request-with-list-and-first-pblock.
 * @param[in,out] wb      Writer.
 * @param[in]     iip     Invoke-Id-And-Priority.
 * @param[in]     methods @p n methods.
 * @param[in]     n       Number of methods.
 * @param[in]     block   The first block.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_list_first_pblock(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_method_desc_t *methods, size_t n,
    const msdk_cosem_xdlms_datablock_t *block);

/**
 * @brief Writes an action-request-with-pblock.
 * @param[in,out] wb    Writer.
 * @param[in]     iip   Invoke-Id-And-Priority.
 * @param[in]     block The block.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_request_encode_pblock(
    msdk_wbuf_t *wb, uint8_t iip, const msdk_cosem_xdlms_datablock_t *block);

/* ---- Client side: response decoders -------------------------------------- */

/**
 * @brief Decodes a Get-Response (normal, with-datablock, with-list).
 * @param[in]  apdu      The APDU, starting with tag 0xC4.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest with-list count accepted.
 * @param[out] out       The response, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length, bad
 *                              boolean or Data encoding, or trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    The list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_get_response_decode(
    const uint8_t *apdu, size_t len, size_t max_items, msdk_cosem_xdlms_get_response_t *out);

/**
 * @brief Decodes a Set-Response (all five variants).
 * @param[in]  apdu      The APDU, starting with tag 0xC5.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest list count accepted.
 * @param[out] out       The response, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length, or
 *                              trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    The list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_set_response_decode(
    const uint8_t *apdu, size_t len, size_t max_items, msdk_cosem_xdlms_set_response_t *out);

/**
 * @brief Decodes an Action-Response (all four variants).
 * @param[in]  apdu      The APDU, starting with tag 0xC7.
 * @param[in]  len       Its length.
 * @param[in]  max_items Largest list count accepted.
 * @param[out] out       The response, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown choice, bad length, bad
 *                              boolean or Data encoding, or trailing bytes.
 * @retval MSDK_ERR_NO_SPACE    The list count exceeds @p max_items.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_action_response_decode(
    const uint8_t *apdu, size_t len, size_t max_items, msdk_cosem_xdlms_action_response_t *out);

/**
 * @brief Decodes an Exception-Response (`D8 state service [u32]`).
 * @param[in]  apdu The APDU, starting with tag 0xD8.
 * @param[in]  len  Its length.
 * @param[out] out  The response; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, unknown error code, or trailing bytes.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_exception_decode(const uint8_t *apdu, size_t len,
                                                            msdk_cosem_xdlms_exception_t *out);

/**
 * @brief Decodes a Data-Notification.
 * @param[in]  apdu The APDU, starting with tag 0x0F.
 * @param[in]  len  Its length.
 * @param[out] out  The notification, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, date-time neither empty nor 12
 *                              bytes, bad Data encoding, or trailing bytes.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_data_notification_decode(
    const uint8_t *apdu, size_t len, msdk_cosem_xdlms_data_notification_t *out);

/**
 * @brief Decodes an Event-Notification-Request.
 * @param[in]  apdu The APDU, starting with tag 0xC2.
 * @param[in]  len  Its length.
 * @param[out] out  The notification, pointing into @p apdu; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_TRUNCATED   The APDU ends early.
 * @retval MSDK_ERR_MALFORMED   Wrong tag, bad presence flag, time not 12
 *                              bytes, bad Data encoding, or trailing bytes.
 * @retval MSDK_ERR_INVALID_ARG @p out is NULL, or @p apdu is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_event_notification_decode(
    const uint8_t *apdu, size_t len, msdk_cosem_xdlms_event_notification_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_XDLMS_H */
