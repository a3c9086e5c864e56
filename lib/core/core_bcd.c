/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Packed BCD. The decoders walk the digits from the most significant one,
 * whatever the byte order, and accumulate with an overflow check; they read
 * every nibble before reporting, so a bad nibble always wins over an
 * overflow. The encoders check that the value fits before they write.
 */
#include <stdbool.h>
#include "msdk/config.h"
#include "msdk/core/bcd.h"

/* Index in src of the k-th most significant byte. */
static size_t msb_index(size_t len, msdk_bcd_order_t order, size_t k)
{
    return (order == MSDK_BCD_BE) ? k : len - 1u - k;
}

static bool order_is_valid(msdk_bcd_order_t order)
{
    return order == MSDK_BCD_BE || order == MSDK_BCD_LE;
}

/*
 * Accumulates the digits of src, skipping the first (most significant)
 * nibble when skip_first is true. Returns MSDK_ERR_MALFORMED, or
 * MSDK_ERR_OVERFLOW when the value exceeds limit, or MSDK_OK with *out set.
 */
static msdk_err_t accumulate(const uint8_t *src, size_t len, msdk_bcd_order_t order,
                             bool skip_first, uint64_t limit, uint64_t *out)
{
    uint64_t v = 0;
    bool overflow = false;
    for (size_t k = 0; k < len; k++) {
        uint8_t b = src[msb_index(len, order, k)];
        unsigned digits[2] = { (unsigned)(b >> 4), (unsigned)(b & 0x0Fu) };
        for (size_t j = (k == 0u && skip_first) ? 1u : 0u; j < 2u; j++) {
            unsigned d = digits[j];
            if (d > 9u) {
                return MSDK_ERR_MALFORMED;
            }
            if (v > (limit - d) / 10u) {
                overflow = true;
            } else {
                v = v * 10u + d;
            }
        }
    }
    if (overflow) {
        return MSDK_ERR_OVERFLOW;
    }
    *out = v;
    return MSDK_OK;
}

static msdk_err_t check_args(const void *p, const void *out, size_t len, msdk_bcd_order_t order)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (p == NULL || out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
#else
    (void)p;
    (void)out;
#endif
    if (len == 0u || !order_is_valid(order)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

msdk_err_t msdk_bcd_decode_u64(const uint8_t *src, size_t len, msdk_bcd_order_t order,
                               uint64_t *out)
{
    msdk_err_t err = check_args(src, out, len, order);
    if (err != MSDK_OK) {
        return err;
    }
    return accumulate(src, len, order, false, UINT64_MAX, out);
}

msdk_err_t msdk_bcd_decode_u32(const uint8_t *src, size_t len, msdk_bcd_order_t order,
                               uint32_t *out)
{
    msdk_err_t err = check_args(src, out, len, order);
    if (err != MSDK_OK) {
        return err;
    }
    uint64_t v = 0;
    err = accumulate(src, len, order, false, UINT32_MAX, &v);
    if (err == MSDK_OK) {
        *out = (uint32_t)v;
    }
    return err;
}

msdk_err_t msdk_bcd_decode_i64(const uint8_t *src, size_t len, msdk_bcd_order_t order, int64_t *out)
{
    msdk_err_t err = check_args(src, out, len, order);
    if (err != MSDK_OK) {
        return err;
    }
    unsigned sign = (unsigned)(src[msb_index(len, order, 0)] >> 4);
    bool negative = (sign == 0x0Fu);
    if (sign > 9u && !negative) {
        return MSDK_ERR_MALFORMED;
    }
    /* The magnitude of INT64_MIN is INT64_MAX + 1. */
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    uint64_t mag = 0;
    err = accumulate(src, len, order, negative, limit, &mag);
    if (err != MSDK_OK) {
        return err;
    }
    if (negative && mag != 0u) {
        /* -(mag) without overflowing for mag == 2^63. */
        *out = -(int64_t)(mag - 1u) - 1;
    } else {
        *out = (int64_t)mag;
    }
    return MSDK_OK;
}

/* Writes the 2 * len digits of v (the top nibble replaced by sign_nibble when
 * it is not 0); v must fit. */
static void store_digits(uint8_t *dst, size_t len, msdk_bcd_order_t order, uint64_t v,
                         unsigned sign_nibble)
{
    for (size_t k = len; k > 0u; k--) {
        unsigned lo = (unsigned)(v % 10u);
        v /= 10u;
        unsigned hi = (unsigned)(v % 10u);
        v /= 10u;
        if (k == 1u && sign_nibble != 0u) {
            hi = sign_nibble;
        }
        dst[msb_index(len, order, k - 1u)] = (uint8_t)((hi << 4) | lo);
    }
}

/* true when v has at most `digits` decimal digits. */
static bool fits_digits(uint64_t v, size_t digits)
{
    if (digits >= 20u) {
        return true;
    }
    uint64_t limit = 1; /* 10^digits, at most 10^19 < 2^64 */
    for (size_t i = 0; i < digits; i++) {
        limit *= 10u;
    }
    return v < limit;
}

msdk_err_t msdk_bcd_encode_u64(uint8_t *dst, size_t len, msdk_bcd_order_t order, uint64_t v)
{
    msdk_err_t err = check_args(dst, dst, len, order);
    if (err != MSDK_OK) {
        return err;
    }
    if (len <= SIZE_MAX / 2u && !fits_digits(v, 2u * len)) {
        return MSDK_ERR_OVERFLOW;
    }
    store_digits(dst, len, order, v, 0u);
    return MSDK_OK;
}

msdk_err_t msdk_bcd_encode_i64(uint8_t *dst, size_t len, msdk_bcd_order_t order, int64_t v)
{
    if (v >= 0) {
        return msdk_bcd_encode_u64(dst, len, order, (uint64_t)v);
    }
    msdk_err_t err = check_args(dst, dst, len, order);
    if (err != MSDK_OK) {
        return err;
    }
    uint64_t mag = 0u - (uint64_t)v;
    if (len <= SIZE_MAX / 2u && !fits_digits(mag, 2u * len - 1u)) {
        return MSDK_ERR_OVERFLOW;
    }
    store_digits(dst, len, order, mag, 0x0Fu);
    return MSDK_OK;
}
