/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief The one error enum of the SDK.
 *
 * Every function that can fail returns ::msdk_err_t. Success is ::MSDK_OK (0),
 * every failure is negative. The list is append-only: a value, once released,
 * keeps its number forever so that logs written by old firmware stay readable.
 *
 * Protocol results (DLMS data-access-result, action-result, M-Bus status) are
 * protocol data and have their own enums in their libraries; they are not
 * errors of the function that reports them.
 */
#ifndef MSDK_CORE_ERR_H
#define MSDK_CORE_ERR_H

#include "msdk/core/compiler.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Status code returned by every fallible SDK function. */
typedef enum msdk_err {
    MSDK_OK = 0,                    /**< Success. */
    MSDK_ERR_INVALID_ARG = -1,      /**< An argument is out of its documented range or NULL. */
    MSDK_ERR_BUFFER_TOO_SMALL = -2, /**< The caller's buffer cannot hold the result. */
    MSDK_ERR_TRUNCATED = -3,        /**< Input ended before a complete item was read. */
    MSDK_ERR_MALFORMED = -4,        /**< Input is complete but violates its format. */
    MSDK_ERR_CHECKSUM = -5,         /**< A CRC, checksum, MAC or tag did not match. */
    MSDK_ERR_NOT_SUPPORTED = -6,    /**< The feature or port service is not available. */
    MSDK_ERR_BUSY = -7,             /**< The object is in use; try again later. */
    MSDK_ERR_TIMEOUT = -8,          /**< A deadline passed before completion. */
    MSDK_ERR_IO = -9,               /**< A port or device operation failed. */
    MSDK_ERR_NO_SPACE = -10,        /**< Storage or queue is full. */
    MSDK_ERR_NOT_FOUND = -11,       /**< The requested item does not exist. */
    MSDK_ERR_STATE = -12,           /**< The call is not allowed in the current state. */
    MSDK_ERR_OVERFLOW = -13,        /**< An arithmetic result does not fit its type. */
    MSDK_ERR_AUTH = -14,            /**< Authentication or signature verification failed. */
    MSDK_ERR_CORRUPT = -15,         /**< Stored data failed its integrity checks. */
    MSDK_ERR_WOULD_BLOCK = -16,     /**< No data or space right now; the call did nothing. */
    MSDK_ERR_CLOSED = -17,          /**< The peer or channel is closed. */
    MSDK_ERR_CRYPTO = -18,          /**< The crypto back end reported an internal failure. */
    MSDK_ERR_ALIGNMENT = -19,       /**< An address or length is not aligned as required. */
} msdk_err_t;

/**
 * @brief Short, constant, English name of an error code.
 * @param[in] err Any value, including ones this build does not know.
 * @return A static string such as "MSDK_ERR_TRUNCATED"; "MSDK_ERR_UNKNOWN" for
 *         values outside the enum. Never NULL.
 */
const char *msdk_err_str(msdk_err_t err);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_ERR_H */
