/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "msdk/core/err.h"

const char *msdk_err_str(msdk_err_t err)
{
    switch (err) {
    case MSDK_OK: return "MSDK_OK";
    case MSDK_ERR_INVALID_ARG: return "MSDK_ERR_INVALID_ARG";
    case MSDK_ERR_BUFFER_TOO_SMALL: return "MSDK_ERR_BUFFER_TOO_SMALL";
    case MSDK_ERR_TRUNCATED: return "MSDK_ERR_TRUNCATED";
    case MSDK_ERR_MALFORMED: return "MSDK_ERR_MALFORMED";
    case MSDK_ERR_CHECKSUM: return "MSDK_ERR_CHECKSUM";
    case MSDK_ERR_NOT_SUPPORTED: return "MSDK_ERR_NOT_SUPPORTED";
    case MSDK_ERR_BUSY: return "MSDK_ERR_BUSY";
    case MSDK_ERR_TIMEOUT: return "MSDK_ERR_TIMEOUT";
    case MSDK_ERR_IO: return "MSDK_ERR_IO";
    case MSDK_ERR_NO_SPACE: return "MSDK_ERR_NO_SPACE";
    case MSDK_ERR_NOT_FOUND: return "MSDK_ERR_NOT_FOUND";
    case MSDK_ERR_STATE: return "MSDK_ERR_STATE";
    case MSDK_ERR_OVERFLOW: return "MSDK_ERR_OVERFLOW";
    case MSDK_ERR_AUTH: return "MSDK_ERR_AUTH";
    case MSDK_ERR_CORRUPT: return "MSDK_ERR_CORRUPT";
    case MSDK_ERR_WOULD_BLOCK: return "MSDK_ERR_WOULD_BLOCK";
    case MSDK_ERR_CLOSED: return "MSDK_ERR_CLOSED";
    case MSDK_ERR_CRYPTO: return "MSDK_ERR_CRYPTO";
    case MSDK_ERR_ALIGNMENT: return "MSDK_ERR_ALIGNMENT";
    }
    return "MSDK_ERR_UNKNOWN";
}
