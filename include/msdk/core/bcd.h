/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Packed BCD (two decimal digits per byte) to and from integers.
 *
 * Within a byte the high nibble is always the more significant digit. The
 * byte order differs between the protocols and is chosen per call:
 *
 * | Order        | Bytes of 12345678 in 4 bytes | Used by                          |
 * |--------------|------------------------------|----------------------------------|
 * | MSDK_BCD_BE  | 12 34 56 78                  | DLMS/COSEM, meter and RTC chips  |
 * | MSDK_BCD_LE  | 78 56 34 12                  | M-Bus (EN 13757-3 "type A")      |
 *
 * Signed values follow M-Bus: a most significant nibble of 0xF is a minus
 * sign and the remaining `2 * len - 1` digits are the magnitude
 * (`0x45 0x23 0xF1` LE is -12345).
 *
 * Decoders check every nibble. A nibble above 9 (other than the sign nibble
 * of the signed decoder) gives ::MSDK_ERR_MALFORMED, even when the value
 * would also overflow; a value that does not fit the result type gives
 * ::MSDK_ERR_OVERFLOW. Any length is accepted, so leading zero bytes are
 * fine; a uint64_t holds every 19-digit value and 20-digit values up to
 * 18446744073709551615.
 *
 * On error no output is written: decoders leave `*out` untouched and encoders
 * leave the whole destination untouched.
 */
#ifndef MSDK_CORE_BCD_H
#define MSDK_CORE_BCD_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Byte order of a packed BCD number. */
typedef enum msdk_bcd_order {
    MSDK_BCD_BE = 0, /**< Most significant byte first (DLMS, printed order). */
    MSDK_BCD_LE = 1, /**< Least significant byte first (M-Bus type A). */
} msdk_bcd_order_t;

/** @brief Largest number of BCD bytes any uint64_t needs (20 digits). */
#define MSDK_BCD_U64_MAX_BYTES 10u

/**
 * @brief Decodes an unsigned packed BCD number.
 * @param[in]  src   @p len bytes.
 * @param[in]  len   Number of bytes, at least 1.
 * @param[in]  order Byte order of @p src.
 * @param[out] out   The value; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_MALFORMED   A nibble is above 9.
 * @retval MSDK_ERR_OVERFLOW    The value exceeds UINT64_MAX.
 * @retval MSDK_ERR_INVALID_ARG @p src or @p out is NULL, @p len is 0, or
 *                              @p order is not a ::msdk_bcd_order_t.
 */
MSDK_NODISCARD msdk_err_t msdk_bcd_decode_u64(const uint8_t *src, size_t len,
                                              msdk_bcd_order_t order, uint64_t *out);

/**
 * @brief Decodes an unsigned packed BCD number into 32 bits.
 * @param[in]  src   @p len bytes.
 * @param[in]  len   Number of bytes, at least 1.
 * @param[in]  order Byte order of @p src.
 * @param[out] out   The value; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_MALFORMED   A nibble is above 9.
 * @retval MSDK_ERR_OVERFLOW    The value exceeds UINT32_MAX.
 * @retval MSDK_ERR_INVALID_ARG @p src or @p out is NULL, @p len is 0, or
 *                              @p order is not a ::msdk_bcd_order_t.
 */
MSDK_NODISCARD msdk_err_t msdk_bcd_decode_u32(const uint8_t *src, size_t len,
                                              msdk_bcd_order_t order, uint32_t *out);

/**
 * @brief Decodes a signed packed BCD number (M-Bus: sign nibble 0xF = minus).
 *
 * When the most significant nibble is 0xF the value is minus the number
 * formed by the other digits; otherwise all digits form a non-negative
 * value. "Minus zero" decodes to 0.
 *
 * @param[in]  src   @p len bytes.
 * @param[in]  len   Number of bytes, at least 1.
 * @param[in]  order Byte order of @p src.
 * @param[out] out   The value; untouched on error.
 * @retval MSDK_OK              Decoded.
 * @retval MSDK_ERR_MALFORMED   A nibble other than the sign nibble is above 9,
 *                              or the sign nibble is 0xA..0xE.
 * @retval MSDK_ERR_OVERFLOW    The value is outside [INT64_MIN, INT64_MAX].
 * @retval MSDK_ERR_INVALID_ARG @p src or @p out is NULL, @p len is 0, or
 *                              @p order is not a ::msdk_bcd_order_t.
 */
MSDK_NODISCARD msdk_err_t msdk_bcd_decode_i64(const uint8_t *src, size_t len,
                                              msdk_bcd_order_t order, int64_t *out);

/**
 * @brief Encodes an unsigned value as exactly @p len packed BCD bytes,
 *        zero-padded on the left.
 * @param[out] dst   @p len bytes; untouched on error.
 * @param[in]  len   Number of bytes, at least 1.
 * @param[in]  order Byte order of @p dst.
 * @param[in]  v     Value.
 * @retval MSDK_OK              Encoded.
 * @retval MSDK_ERR_OVERFLOW    @p v needs more than `2 * len` digits.
 * @retval MSDK_ERR_INVALID_ARG @p dst is NULL, @p len is 0, or @p order is
 *                              not a ::msdk_bcd_order_t.
 */
MSDK_NODISCARD msdk_err_t msdk_bcd_encode_u64(uint8_t *dst, size_t len, msdk_bcd_order_t order,
                                              uint64_t v);

/**
 * @brief Encodes a signed value as exactly @p len packed BCD bytes (M-Bus
 *        sign convention).
 *
 * A negative value gets 0xF in the most significant nibble and its
 * magnitude, zero-padded, in the other `2 * len - 1` digits. A non-negative
 * value is encoded as by msdk_bcd_encode_u64().
 *
 * @param[out] dst   @p len bytes; untouched on error.
 * @param[in]  len   Number of bytes, at least 1.
 * @param[in]  order Byte order of @p dst.
 * @param[in]  v     Value.
 * @retval MSDK_OK              Encoded.
 * @retval MSDK_ERR_OVERFLOW    @p v needs more digits than are available.
 * @retval MSDK_ERR_INVALID_ARG @p dst is NULL, @p len is 0, or @p order is
 *                              not a ::msdk_bcd_order_t.
 */
MSDK_NODISCARD msdk_err_t msdk_bcd_encode_i64(uint8_t *dst, size_t len, msdk_bcd_order_t order,
                                              int64_t v);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_BCD_H */
