/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * A-XDR encoding of the COSEM data types (include/msdk/cosem/axdr.h): tags,
 * lengths, and the writers and readers of the scalar and string types and
 * of array/structure headers. The helpers the other A-XDR sources share are
 * declared in cosem_axdr_internal.h and defined here. Date and time are in
 * cosem_axdr_datetime.c, skipping and compact-arrays in cosem_axdr_skip.c,
 * mark/rollback and row streaming in cosem_axdr_stream.c.
 *
 * Conventions (all the A-XDR sources follow them):
 * - Public readers copy the caller's reader, work on the copy with the
 *   helpers (which may leave it anywhere on error) and commit the position
 *   and the outputs only when everything succeeded.
 * - Public writers compute the full size of the item first, check the room
 *   once, and then store the bytes directly, so a failed write stores nothing.
 * - Nothing recurses. Nested values are walked with explicit stacks of at
 *   most MSDK_COSEM_AXDR_DEPTH_MAX frames on the C stack.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/axdr.h"
#include "cosem_axdr_internal.h"

/* ---- Type properties ---------------------------------------------------------- */

/* Size of the body of a tag, or one of the MSDK_COSEM_AXDR_BODY_* classes. */
int msdk_cosem_axdr_body_kind(uint8_t tag)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_NULL_DATA:
    case MSDK_COSEM_AXDR_DONT_CARE: return 0;
    case MSDK_COSEM_AXDR_BOOLEAN:
    case MSDK_COSEM_AXDR_BCD:
    case MSDK_COSEM_AXDR_INTEGER:
    case MSDK_COSEM_AXDR_UNSIGNED:
    case MSDK_COSEM_AXDR_ENUM: return 1;
    case MSDK_COSEM_AXDR_LONG:
    case MSDK_COSEM_AXDR_LONG_UNSIGNED: return 2;
    case MSDK_COSEM_AXDR_DOUBLE_LONG:
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED:
    case MSDK_COSEM_AXDR_FLOAT32:
    case MSDK_COSEM_AXDR_TIME: return 4;
    case MSDK_COSEM_AXDR_DATE: return 5;
    case MSDK_COSEM_AXDR_LONG64:
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED:
    case MSDK_COSEM_AXDR_FLOAT64: return 8;
    case MSDK_COSEM_AXDR_DATE_TIME: return 12;
    case MSDK_COSEM_AXDR_OCTET_STRING:
    case MSDK_COSEM_AXDR_VISIBLE_STRING:
    case MSDK_COSEM_AXDR_UTF8_STRING: return MSDK_COSEM_AXDR_BODY_STRING;
    case MSDK_COSEM_AXDR_BIT_STRING: return MSDK_COSEM_AXDR_BODY_BITS;
    case MSDK_COSEM_AXDR_ARRAY:
    case MSDK_COSEM_AXDR_STRUCTURE:
    case MSDK_COSEM_AXDR_COMPACT_ARRAY: return MSDK_COSEM_AXDR_BODY_CONTAINER;
    default: return MSDK_COSEM_AXDR_BODY_UNKNOWN;
    }
}

/* Numeric classes of the fixed-size numeric types. */
typedef enum num_class {
    NUM_NONE,     /* not a fixed-size numeric type */
    NUM_SIGNED,   /* two's complement */
    NUM_UNSIGNED, /* unsigned, enum, bcd */
    NUM_BOOL,     /* boolean: 0 or 1 on output, any non-zero byte is true on input */
    NUM_FLOAT,    /* IEEE 754 bit pattern */
} num_class_t;

/* Class and body size of a numeric tag. */
static num_class_t num_info(uint8_t tag, size_t *size)
{
    switch (tag) {
    case MSDK_COSEM_AXDR_BOOLEAN: *size = 1u; return NUM_BOOL;
    case MSDK_COSEM_AXDR_INTEGER: *size = 1u; return NUM_SIGNED;
    case MSDK_COSEM_AXDR_LONG: *size = 2u; return NUM_SIGNED;
    case MSDK_COSEM_AXDR_DOUBLE_LONG: *size = 4u; return NUM_SIGNED;
    case MSDK_COSEM_AXDR_LONG64: *size = 8u; return NUM_SIGNED;
    case MSDK_COSEM_AXDR_UNSIGNED:
    case MSDK_COSEM_AXDR_ENUM:
    case MSDK_COSEM_AXDR_BCD: *size = 1u; return NUM_UNSIGNED;
    case MSDK_COSEM_AXDR_LONG_UNSIGNED: *size = 2u; return NUM_UNSIGNED;
    case MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED: *size = 4u; return NUM_UNSIGNED;
    case MSDK_COSEM_AXDR_LONG64_UNSIGNED: *size = 8u; return NUM_UNSIGNED;
    case MSDK_COSEM_AXDR_FLOAT32: *size = 4u; return NUM_FLOAT;
    case MSDK_COSEM_AXDR_FLOAT64: *size = 8u; return NUM_FLOAT;
    default: *size = 0u; return NUM_NONE;
    }
}

/* Whether the tag is one of the eight integer types. */
static bool is_integer_tag(uint8_t tag)
{
    size_t size;
    num_class_t cls = num_info(tag, &size);
    return (cls == NUM_SIGNED ||
            (cls == NUM_UNSIGNED && tag != MSDK_COSEM_AXDR_ENUM && tag != MSDK_COSEM_AXDR_BCD));
}

static bool is_string_tag(uint8_t tag)
{
    return msdk_cosem_axdr_body_kind(tag) == MSDK_COSEM_AXDR_BODY_STRING;
}

/* Largest unsigned value of a size-byte field (size 1..8). */
static uint64_t umax_of(size_t size)
{
    return (size >= 8u) ? UINT64_MAX : ((UINT64_C(1) << (8u * size)) - 1u);
}

/* Largest signed value of a size-byte field (size 1..8). */
static int64_t smax_of(size_t size)
{
    return (int64_t)(umax_of(size) >> 1);
}

/* The size-byte two's complement pattern raw as a signed value. */
static int64_t to_signed(uint64_t raw, size_t size)
{
    if (size >= 8u) {
        if (raw <= (uint64_t)INT64_MAX) {
            return (int64_t)raw;
        }
        return -(int64_t)(~raw) - 1;
    }
    uint64_t sign = UINT64_C(1) << (8u * size - 1u);
    if ((raw & sign) == 0u) {
        return (int64_t)raw;
    }
    return (int64_t)raw - (int64_t)(sign << 1);
}

/* ---- Writer primitives -------------------------------------------------------- */

/* Whether a size_t length fits the 32-bit A-XDR length. */
static bool len_fits_u32(size_t len)
{
#if SIZE_MAX > UINT32_MAX
    return len <= UINT32_MAX;
#else
    (void)len;
    return true;
#endif
}

/* ---- Reader primitives -------------------------------------------------------- */

msdk_err_t msdk_cosem_axdr_read_tag(msdk_rbuf_t *r, uint8_t expected)
{
    uint8_t tag = 0;
    msdk_err_t err = msdk_rbuf_get_u8(r, &tag);
    if (err != MSDK_OK) {
        return err;
    }
    return (tag == expected) ? MSDK_OK : MSDK_ERR_MALFORMED;
}

msdk_err_t msdk_cosem_axdr_read_length(msdk_rbuf_t *r, uint32_t *len)
{
    uint8_t first = 0;
    msdk_err_t err = msdk_rbuf_get_u8(r, &first);
    if (err != MSDK_OK) {
        return err;
    }
    if (first < 0x80u) {
        *len = first;
        return MSDK_OK;
    }
    size_t n = first & 0x7Fu;
    if (n == 0u || n > 4u) {
        return MSDK_ERR_MALFORMED;
    }
    uint64_t v = 0;
    err = msdk_rbuf_get_uintbe(r, n, &v);
    if (err != MSDK_OK) {
        return err;
    }
    /* Shortest form only: one byte for 0..127, no leading zero byte. */
    bool minimal = (n == 1u) ? (v >= 0x80u) : ((v >> (8u * (n - 1u))) != 0u);
    if (!minimal) {
        return MSDK_ERR_MALFORMED;
    }
    *len = (uint32_t)v;
    return MSDK_OK;
}

/* A length-prefixed byte string body. */
msdk_err_t msdk_cosem_axdr_read_octets_body(msdk_rbuf_t *r, const uint8_t **ref, size_t *len)
{
    uint32_t n = 0;
    msdk_err_t err = msdk_cosem_axdr_read_length(r, &n);
    if (err != MSDK_OK) {
        return err;
    }
    err = msdk_rbuf_get_ref(r, n, ref);
    if (err == MSDK_OK) {
        *len = n;
    }
    return err;
}

static size_t bit_bytes(uint32_t nbits)
{
    return (size_t)(nbits / 8u) + ((nbits % 8u) != 0u ? 1u : 0u);
}

/* A bit-string body. */
static msdk_err_t read_bits_body(msdk_rbuf_t *r, const uint8_t **ref, uint32_t *nbits)
{
    uint32_t n = 0;
    msdk_err_t err = msdk_cosem_axdr_read_length(r, &n);
    if (err != MSDK_OK) {
        return err;
    }
    err = msdk_rbuf_get_ref(r, bit_bytes(n), ref);
    if (err == MSDK_OK) {
        *nbits = n;
    }
    return err;
}

/* A container count that cannot exceed the bytes left (one byte per item at least). */
msdk_err_t msdk_cosem_axdr_read_count(msdk_rbuf_t *r, uint32_t *count)
{
    uint32_t n = 0;
    msdk_err_t err = msdk_cosem_axdr_read_length(r, &n);
    if (err != MSDK_OK) {
        return err;
    }
    if (n > msdk_rbuf_remaining(r)) {
        return MSDK_ERR_TRUNCATED;
    }
    *count = n;
    return MSDK_OK;
}

/* Skips the body of a non-container type. */
msdk_err_t msdk_cosem_axdr_skip_simple_body(msdk_rbuf_t *r, uint8_t tag)
{
    int kind = msdk_cosem_axdr_body_kind(tag);
    const uint8_t *ref = NULL;
    if (kind >= 0) {
        return msdk_rbuf_skip(r, (size_t)kind);
    }
    if (kind == MSDK_COSEM_AXDR_BODY_STRING) {
        size_t len = 0;
        return msdk_cosem_axdr_read_octets_body(r, &ref, &len);
    }
    if (kind == MSDK_COSEM_AXDR_BODY_BITS) {
        uint32_t nbits = 0;
        return read_bits_body(r, &ref, &nbits);
    }
    return MSDK_ERR_MALFORMED;
}

/* ---- Tags and lengths --------------------------------------------------------- */

bool msdk_cosem_axdr_tag_known(uint8_t tag)
{
    return msdk_cosem_axdr_body_kind(tag) != MSDK_COSEM_AXDR_BODY_UNKNOWN;
}

msdk_err_t msdk_cosem_axdr_peek_tag(const msdk_rbuf_t *rb, uint8_t *tag)
{
    if (rb == NULL || tag == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_rbuf_peek_u8(rb, tag);
}

size_t msdk_cosem_axdr_length_size(uint32_t len)
{
    if (len < 0x80u) {
        return 1u;
    }
    if (len <= 0xFFu) {
        return 2u;
    }
    if (len <= 0xFFFFu) {
        return 3u;
    }
    if (len <= 0xFFFFFFu) {
        return 4u;
    }
    return 5u;
}

msdk_err_t msdk_cosem_axdr_put_length(msdk_wbuf_t *wb, uint32_t len)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_cosem_axdr_wb_room(wb, msdk_cosem_axdr_length_size(len), 0u)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_cosem_axdr_raw_length(wb, len);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_get_length(msdk_rbuf_t *rb, uint32_t *len)
{
    if (rb == NULL || len == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    uint32_t v = 0;
    msdk_err_t err = msdk_cosem_axdr_read_length(&r, &v);
    if (err == MSDK_OK) {
        rb->pos = r.pos;
        *len = v;
    }
    return err;
}

/* ---- Writers: numbers ---------------------------------------------------------- */

/* Range-checks a signed value for a numeric tag; raw is its wire pattern. */
static msdk_err_t check_int(uint8_t tag, int64_t v, size_t *size, uint64_t *raw)
{
    num_class_t cls = num_info(tag, size);
    switch (cls) {
    case NUM_SIGNED:
        if (v > smax_of(*size) || v < -smax_of(*size) - 1) {
            return MSDK_ERR_OVERFLOW;
        }
        *raw = (uint64_t)v & umax_of(*size);
        return MSDK_OK;
    case NUM_UNSIGNED:
    case NUM_BOOL:
        if (v < 0 || (uint64_t)v > ((cls == NUM_BOOL) ? 1u : umax_of(*size))) {
            return MSDK_ERR_OVERFLOW;
        }
        *raw = (uint64_t)v;
        return MSDK_OK;
    default: return MSDK_ERR_INVALID_ARG;
    }
}

/* Range-checks an unsigned value for a numeric tag. */
static msdk_err_t check_uint(uint8_t tag, uint64_t v, size_t *size, uint64_t *raw)
{
    num_class_t cls = num_info(tag, size);
    uint64_t max;
    switch (cls) {
    case NUM_SIGNED: max = (uint64_t)smax_of(*size); break;
    case NUM_UNSIGNED:
    case NUM_FLOAT: max = umax_of(*size); break;
    case NUM_BOOL: max = 1u; break;
    default: return MSDK_ERR_INVALID_ARG;
    }
    if (v > max) {
        return MSDK_ERR_OVERFLOW;
    }
    *raw = v;
    return MSDK_OK;
}

/* Writes [tag] + size-byte raw after a successful range check. */
static msdk_err_t put_num(msdk_wbuf_t *wb, bool tagged, uint8_t tag, size_t size, uint64_t raw)
{
    size_t hdr = tagged ? 1u : 0u;
    if (!msdk_cosem_axdr_wb_room(wb, hdr, size)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (tagged) {
        msdk_cosem_axdr_raw_u8(wb, tag);
    }
    msdk_cosem_axdr_raw_be(wb, raw, size);
    return MSDK_OK;
}

static msdk_err_t put_int_common(msdk_wbuf_t *wb, bool tagged, uint8_t tag, int64_t v)
{
    size_t size = 0;
    uint64_t raw = 0;
    msdk_err_t err = (wb == NULL) ? MSDK_ERR_INVALID_ARG : check_int(tag, v, &size, &raw);
    return (err == MSDK_OK) ? put_num(wb, tagged, tag, size, raw) : err;
}

static msdk_err_t put_uint_common(msdk_wbuf_t *wb, bool tagged, uint8_t tag, uint64_t v)
{
    size_t size = 0;
    uint64_t raw = 0;
    msdk_err_t err = (wb == NULL) ? MSDK_ERR_INVALID_ARG : check_uint(tag, v, &size, &raw);
    return (err == MSDK_OK) ? put_num(wb, tagged, tag, size, raw) : err;
}

msdk_err_t msdk_cosem_axdr_put_int_as(msdk_wbuf_t *wb, uint8_t tag, int64_t v)
{
    return put_int_common(wb, true, tag, v);
}

msdk_err_t msdk_cosem_axdr_put_uint_as(msdk_wbuf_t *wb, uint8_t tag, uint64_t v)
{
    return put_uint_common(wb, true, tag, v);
}

msdk_err_t msdk_cosem_axdr_put_int_body(msdk_wbuf_t *wb, uint8_t tag, int64_t v)
{
    return put_int_common(wb, false, tag, v);
}

msdk_err_t msdk_cosem_axdr_put_uint_body(msdk_wbuf_t *wb, uint8_t tag, uint64_t v)
{
    return put_uint_common(wb, false, tag, v);
}

msdk_err_t msdk_cosem_axdr_write_tag_be(msdk_wbuf_t *wb, uint8_t tag, uint64_t v, size_t size)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return put_num(wb, true, tag, size, v);
}

msdk_err_t msdk_cosem_axdr_put_null(msdk_wbuf_t *wb)
{
    return msdk_cosem_axdr_write_tag_be(wb, MSDK_COSEM_AXDR_NULL_DATA, 0u, 0u);
}

msdk_err_t msdk_cosem_axdr_put_dont_care(msdk_wbuf_t *wb)
{
    return msdk_cosem_axdr_write_tag_be(wb, MSDK_COSEM_AXDR_DONT_CARE, 0u, 0u);
}

msdk_err_t msdk_cosem_axdr_put_bool(msdk_wbuf_t *wb, bool v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_BOOLEAN, v ? 1u : 0u);
}

msdk_err_t msdk_cosem_axdr_put_int8(msdk_wbuf_t *wb, int8_t v)
{
    return put_int_common(wb, true, MSDK_COSEM_AXDR_INTEGER, v);
}

msdk_err_t msdk_cosem_axdr_put_int16(msdk_wbuf_t *wb, int16_t v)
{
    return put_int_common(wb, true, MSDK_COSEM_AXDR_LONG, v);
}

msdk_err_t msdk_cosem_axdr_put_int32(msdk_wbuf_t *wb, int32_t v)
{
    return put_int_common(wb, true, MSDK_COSEM_AXDR_DOUBLE_LONG, v);
}

msdk_err_t msdk_cosem_axdr_put_int64(msdk_wbuf_t *wb, int64_t v)
{
    return put_int_common(wb, true, MSDK_COSEM_AXDR_LONG64, v);
}

msdk_err_t msdk_cosem_axdr_put_uint8(msdk_wbuf_t *wb, uint8_t v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_UNSIGNED, v);
}

msdk_err_t msdk_cosem_axdr_put_uint16(msdk_wbuf_t *wb, uint16_t v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_LONG_UNSIGNED, v);
}

msdk_err_t msdk_cosem_axdr_put_uint32(msdk_wbuf_t *wb, uint32_t v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, v);
}

msdk_err_t msdk_cosem_axdr_put_uint64(msdk_wbuf_t *wb, uint64_t v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_LONG64_UNSIGNED, v);
}

msdk_err_t msdk_cosem_axdr_put_enum(msdk_wbuf_t *wb, uint8_t v)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_ENUM, v);
}

msdk_err_t msdk_cosem_axdr_put_bcd(msdk_wbuf_t *wb, uint8_t packed)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_BCD, packed);
}

msdk_err_t msdk_cosem_axdr_put_float32(msdk_wbuf_t *wb, uint32_t bits)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_FLOAT32, bits);
}

msdk_err_t msdk_cosem_axdr_put_float64(msdk_wbuf_t *wb, uint64_t bits)
{
    return put_uint_common(wb, true, MSDK_COSEM_AXDR_FLOAT64, bits);
}

/* ---- Writers: strings and headers ---------------------------------------------- */

/* [tag] + length + bytes. */
static msdk_err_t put_octets(msdk_wbuf_t *wb, bool tagged, uint8_t tag, const uint8_t *src,
                             size_t len)
{
    if (wb == NULL || (src == NULL && len > 0u) || !len_fits_u32(len)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t hdr = (tagged ? 1u : 0u) + msdk_cosem_axdr_length_size((uint32_t)len);
    if (!msdk_cosem_axdr_wb_room(wb, hdr, len)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (tagged) {
        msdk_cosem_axdr_raw_u8(wb, tag);
    }
    msdk_cosem_axdr_raw_length(wb, (uint32_t)len);
    msdk_cosem_axdr_raw_bytes(wb, src, len);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_put_octet_string(msdk_wbuf_t *wb, const uint8_t *src, size_t len)
{
    return put_octets(wb, true, MSDK_COSEM_AXDR_OCTET_STRING, src, len);
}

msdk_err_t msdk_cosem_axdr_put_visible_string(msdk_wbuf_t *wb, const char *src, size_t len)
{
    return put_octets(wb, true, MSDK_COSEM_AXDR_VISIBLE_STRING, (const uint8_t *)src, len);
}

msdk_err_t msdk_cosem_axdr_put_utf8_string(msdk_wbuf_t *wb, const uint8_t *src, size_t len)
{
    return put_octets(wb, true, MSDK_COSEM_AXDR_UTF8_STRING, src, len);
}

msdk_err_t msdk_cosem_axdr_put_octets_body(msdk_wbuf_t *wb, const uint8_t *src, size_t len)
{
    return put_octets(wb, false, 0u, src, len);
}

/* [tag] + bit count + bytes, unused trailing bits cleared. */
static msdk_err_t put_bits(msdk_wbuf_t *wb, bool tagged, const uint8_t *bits, uint32_t nbits)
{
    if (wb == NULL || (bits == NULL && nbits > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t nbytes = bit_bytes(nbits);
    size_t hdr = (tagged ? 1u : 0u) + msdk_cosem_axdr_length_size(nbits);
    if (!msdk_cosem_axdr_wb_room(wb, hdr, nbytes)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (tagged) {
        msdk_cosem_axdr_raw_u8(wb, MSDK_COSEM_AXDR_BIT_STRING);
    }
    msdk_cosem_axdr_raw_length(wb, nbits);
    msdk_cosem_axdr_raw_bytes(wb, bits, nbytes);
    if ((nbits % 8u) != 0u) {
        wb->p[wb->pos - 1u] &= (uint8_t)(0xFFu << (8u - nbits % 8u));
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_put_bit_string(msdk_wbuf_t *wb, const uint8_t *bits, uint32_t nbits)
{
    return put_bits(wb, true, bits, nbits);
}

msdk_err_t msdk_cosem_axdr_put_bit_string_body(msdk_wbuf_t *wb, const uint8_t *bits, uint32_t nbits)
{
    return put_bits(wb, false, bits, nbits);
}

/* tag + count. */
msdk_err_t msdk_cosem_axdr_write_header(msdk_wbuf_t *wb, uint8_t tag, uint32_t count)
{
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_cosem_axdr_wb_room(wb, 1u, msdk_cosem_axdr_length_size(count))) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_cosem_axdr_raw_u8(wb, tag);
    msdk_cosem_axdr_raw_length(wb, count);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_put_array_header(msdk_wbuf_t *wb, uint32_t count)
{
    return msdk_cosem_axdr_write_header(wb, MSDK_COSEM_AXDR_ARRAY, count);
}

msdk_err_t msdk_cosem_axdr_put_structure_header(msdk_wbuf_t *wb, uint32_t count)
{
    return msdk_cosem_axdr_write_header(wb, MSDK_COSEM_AXDR_STRUCTURE, count);
}

/* ---- Readers: numbers ------------------------------------------------------------ */

/* Reads [tag] + the numeric body of tag; commits only on success. */
static msdk_err_t get_num(msdk_rbuf_t *rb, bool tagged, uint8_t tag, uint64_t *raw, size_t *size)
{
    msdk_rbuf_t r = *rb;
    if (num_info(tag, size) == NUM_NONE) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = tagged ? msdk_cosem_axdr_read_tag(&r, tag) : MSDK_OK;
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_uintbe(&r, *size, raw);
    }
    if (err == MSDK_OK) {
        rb->pos = r.pos;
    }
    return err;
}

/* Reads a tagged fixed-size value; the caller checks the output pointer. */
static msdk_err_t get_tagged(msdk_rbuf_t *rb, const void *out, uint8_t tag, uint64_t *raw)
{
    size_t size = 0;
    if (rb == NULL || out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return get_num(rb, true, tag, raw, &size);
}

msdk_err_t msdk_cosem_axdr_get_null(msdk_rbuf_t *rb)
{
    if (rb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    msdk_err_t err = msdk_cosem_axdr_read_tag(&r, MSDK_COSEM_AXDR_NULL_DATA);
    if (err == MSDK_OK) {
        rb->pos = r.pos;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_bool(msdk_rbuf_t *rb, bool *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_BOOLEAN, &raw);
    if (err == MSDK_OK) {
        *v = (raw != 0u);
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_int8(msdk_rbuf_t *rb, int8_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_INTEGER, &raw);
    if (err == MSDK_OK) {
        *v = (int8_t)to_signed(raw, 1u);
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_int16(msdk_rbuf_t *rb, int16_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_LONG, &raw);
    if (err == MSDK_OK) {
        *v = (int16_t)to_signed(raw, 2u);
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_int32(msdk_rbuf_t *rb, int32_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_DOUBLE_LONG, &raw);
    if (err == MSDK_OK) {
        *v = (int32_t)to_signed(raw, 4u);
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_int64(msdk_rbuf_t *rb, int64_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_LONG64, &raw);
    if (err == MSDK_OK) {
        *v = to_signed(raw, 8u);
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_uint8(msdk_rbuf_t *rb, uint8_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_UNSIGNED, &raw);
    if (err == MSDK_OK) {
        *v = (uint8_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_uint16(msdk_rbuf_t *rb, uint16_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_LONG_UNSIGNED, &raw);
    if (err == MSDK_OK) {
        *v = (uint16_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_uint32(msdk_rbuf_t *rb, uint32_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, &raw);
    if (err == MSDK_OK) {
        *v = (uint32_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_uint64(msdk_rbuf_t *rb, uint64_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_LONG64_UNSIGNED, &raw);
    if (err == MSDK_OK) {
        *v = raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_enum(msdk_rbuf_t *rb, uint8_t *v)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, v, MSDK_COSEM_AXDR_ENUM, &raw);
    if (err == MSDK_OK) {
        *v = (uint8_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_bcd(msdk_rbuf_t *rb, uint8_t *packed)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, packed, MSDK_COSEM_AXDR_BCD, &raw);
    if (err == MSDK_OK) {
        *packed = (uint8_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_float32(msdk_rbuf_t *rb, uint32_t *bits)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, bits, MSDK_COSEM_AXDR_FLOAT32, &raw);
    if (err == MSDK_OK) {
        *bits = (uint32_t)raw;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_float64(msdk_rbuf_t *rb, uint64_t *bits)
{
    uint64_t raw = 0;
    msdk_err_t err = get_tagged(rb, bits, MSDK_COSEM_AXDR_FLOAT64, &raw);
    if (err == MSDK_OK) {
        *bits = raw;
    }
    return err;
}

/*
 * Reads an integer type (tagged: any of the eight; untagged: the body of
 * tag) as either a signed value in s or, when it is a non-negative value, an
 * unsigned one in u. *neg tells which applies.
 */
static msdk_err_t get_any_int(msdk_rbuf_t *rb, bool tagged, uint8_t tag, bool *neg, int64_t *s,
                              uint64_t *u)
{
    if (tagged) {
        uint8_t t = 0;
        msdk_err_t err = msdk_rbuf_peek_u8(rb, &t);
        if (err != MSDK_OK) {
            return err;
        }
        if (!is_integer_tag(t)) {
            return MSDK_ERR_MALFORMED;
        }
        tag = t;
    }
    size_t size = 0;
    uint64_t raw = 0;
    msdk_rbuf_t r = *rb;
    msdk_err_t err = get_num(&r, tagged, tag, &raw, &size);
    if (err != MSDK_OK) {
        return err;
    }
    num_class_t cls = num_info(tag, &size);
    if (cls == NUM_BOOL) {
        raw = (raw != 0u) ? 1u : 0u;
    }
    *neg = (cls == NUM_SIGNED && to_signed(raw, size) < 0);
    *s = (cls == NUM_SIGNED) ? to_signed(raw, size) : (int64_t)(raw & (uint64_t)INT64_MAX);
    *u = raw;
    rb->pos = r.pos;
    return MSDK_OK;
}

/* Signed result of get_any_int(), with the INT64_MAX check for unsigned sources. */
static msdk_err_t any_to_i64(bool neg, int64_t s, uint64_t u, int64_t *out)
{
    if (!neg && u > (uint64_t)INT64_MAX) {
        return MSDK_ERR_OVERFLOW;
    }
    *out = neg ? s : (int64_t)u;
    return MSDK_OK;
}

/* Reads a number (tagged: any integer type; untagged: the body of `tag`) as a signed value
 * in [min, max]; the reader moves only on success. */
static msdk_err_t read_signed(msdk_rbuf_t *rb, bool tagged, uint8_t tag, int64_t min, int64_t max,
                              int64_t *v)
{
    msdk_rbuf_t r = *rb;
    bool neg = false;
    int64_t s = 0;
    uint64_t u = 0;
    int64_t out = 0;
    msdk_err_t err = get_any_int(&r, tagged, tag, &neg, &s, &u);
    if (err == MSDK_OK) {
        err = any_to_i64(neg, s, u, &out);
    }
    if (err == MSDK_OK && (out < min || out > max)) {
        err = MSDK_ERR_OVERFLOW;
    }
    if (err == MSDK_OK) {
        rb->pos = r.pos;
        *v = out;
    }
    return err;
}

/* The unsigned counterpart of read_signed(): a negative value is out of range. */
static msdk_err_t read_unsigned(msdk_rbuf_t *rb, bool tagged, uint8_t tag, uint64_t min,
                                uint64_t max, uint64_t *v)
{
    msdk_rbuf_t r = *rb;
    bool neg = false;
    int64_t s = 0;
    uint64_t u = 0;
    msdk_err_t err = get_any_int(&r, tagged, tag, &neg, &s, &u);
    if (err == MSDK_OK && (neg || u < min || u > max)) {
        err = MSDK_ERR_OVERFLOW;
    }
    if (err == MSDK_OK) {
        rb->pos = r.pos;
        *v = u;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_int(msdk_rbuf_t *rb, int64_t min, int64_t max, int64_t *v)
{
    if (rb == NULL || v == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return read_signed(rb, true, 0u, min, max, v);
}

msdk_err_t msdk_cosem_axdr_get_uint(msdk_rbuf_t *rb, uint64_t min, uint64_t max, uint64_t *v)
{
    if (rb == NULL || v == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return read_unsigned(rb, true, 0u, min, max, v);
}

msdk_err_t msdk_cosem_axdr_get_int_body(msdk_rbuf_t *rb, uint8_t tag, int64_t *v)
{
    size_t size = 0;
    if (rb == NULL || v == NULL || num_info(tag, &size) == NUM_NONE) {
        return MSDK_ERR_INVALID_ARG;
    }
    return read_signed(rb, false, tag, INT64_MIN, INT64_MAX, v);
}

msdk_err_t msdk_cosem_axdr_get_uint_body(msdk_rbuf_t *rb, uint8_t tag, uint64_t *v)
{
    size_t size = 0;
    if (rb == NULL || v == NULL || num_info(tag, &size) == NUM_NONE) {
        return MSDK_ERR_INVALID_ARG;
    }
    return read_unsigned(rb, false, tag, 0u, UINT64_MAX, v);
}

/* ---- Readers: strings and headers ---------------------------------------------- */

/*
 * Reads a string of type `tag` (octet-, visible-, utf8- or bit-string) and commits the
 * reader only on success. Its bytes go to *ref as a reference into the input or, when ref is
 * NULL, are copied to dst[cap] (MSDK_ERR_BUFFER_TOO_SMALL when they do not fit). Its length
 * goes to *len in bytes, or to *nbits in bits when nbits is not NULL (a bit-string).
 */
static msdk_err_t get_string(msdk_rbuf_t *rb, uint8_t tag, const uint8_t **ref, uint8_t *dst,
                             size_t cap, size_t *len, uint32_t *nbits)
{
    msdk_rbuf_t r = *rb;
    const uint8_t *p = NULL;
    size_t n = 0;
    uint32_t bits = 0;
    msdk_err_t err = msdk_cosem_axdr_read_tag(&r, tag);
    if (err == MSDK_OK && tag == MSDK_COSEM_AXDR_BIT_STRING) {
        err = read_bits_body(&r, &p, &bits);
        n = bit_bytes(bits);
    } else if (err == MSDK_OK) {
        err = msdk_cosem_axdr_read_octets_body(&r, &p, &n);
    }
    if (err == MSDK_OK && ref == NULL && n > cap) {
        err = MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (err != MSDK_OK) {
        return err;
    }
    if (ref != NULL) {
        *ref = p;
    } else if ((n > 0u) && (dst != NULL)) {
        memcpy(dst, p, n);
    }
    rb->pos = r.pos;
    if (nbits != NULL) {
        *nbits = bits;
    } else {
        *len = n;
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_get_octets_ref(msdk_rbuf_t *rb, uint8_t tag, const uint8_t **ref,
                                          size_t *len)
{
    if (rb == NULL || ref == NULL || len == NULL || !is_string_tag(tag)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return get_string(rb, tag, ref, NULL, 0u, len, NULL);
}

msdk_err_t msdk_cosem_axdr_get_octets(msdk_rbuf_t *rb, uint8_t tag, uint8_t *dst, size_t cap,
                                      size_t *len)
{
    if (rb == NULL || len == NULL || (dst == NULL && cap > 0u) || !is_string_tag(tag)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return get_string(rb, tag, NULL, dst, cap, len, NULL);
}

msdk_err_t msdk_cosem_axdr_get_bit_string_ref(msdk_rbuf_t *rb, const uint8_t **ref, uint32_t *nbits)
{
    if (rb == NULL || ref == NULL || nbits == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return get_string(rb, MSDK_COSEM_AXDR_BIT_STRING, ref, NULL, 0u, NULL, nbits);
}

msdk_err_t msdk_cosem_axdr_get_bit_string(msdk_rbuf_t *rb, uint8_t *dst, size_t cap,
                                          uint32_t *nbits)
{
    if (rb == NULL || nbits == NULL || (dst == NULL && cap > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    return get_string(rb, MSDK_COSEM_AXDR_BIT_STRING, NULL, dst, cap, NULL, nbits);
}

static msdk_err_t get_header(msdk_rbuf_t *rb, uint8_t tag, uint32_t *count)
{
    if (rb == NULL || count == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    uint32_t n = 0;
    msdk_err_t err = msdk_cosem_axdr_read_tag(&r, tag);
    if (err == MSDK_OK) {
        err = msdk_cosem_axdr_read_count(&r, &n);
    }
    if (err == MSDK_OK) {
        rb->pos = r.pos;
        *count = n;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_get_array_header(msdk_rbuf_t *rb, uint32_t *count)
{
    return get_header(rb, MSDK_COSEM_AXDR_ARRAY, count);
}

msdk_err_t msdk_cosem_axdr_get_structure_header(msdk_rbuf_t *rb, uint32_t *count)
{
    return get_header(rb, MSDK_COSEM_AXDR_STRUCTURE, count);
}
