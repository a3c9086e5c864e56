/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Bounds-checked byte reader (msdk_rbuf_t) and writer (msdk_wbuf_t).
 *
 * Every getter and putter goes through rbuf_take() / wbuf_take(), which
 * check the arguments and the room left and advance the position only when
 * the whole item fits; the caller then loads or stores the bytes. No length
 * arithmetic can overflow: the room is computed as `len - pos` after checking
 * `pos <= len`, and compared with the requested size.
 *
 * Every integer getter is rbuf_get_int() and every integer putter
 * wbuf_put_int(), for any width of 1..8 bytes and either byte order. They are
 * always inlined with constant arguments into the fixed-width functions, so
 * msdk_rbuf_get_u32be() still compiles to one msdk_load_u32be().
 */
#include <stdbool.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"

/* Byte order of the integer helpers. */
typedef enum byte_order {
    ORDER_BE, /* most significant byte first */
    ORDER_LE, /* least significant byte first */
} byte_order_t;

/* ---- Reader ------------------------------------------------------------ */

/* Consumes n bytes and points *p at them, or fails without side effects.
 * out_ok is false when the caller's output pointer is NULL. */
static msdk_err_t rbuf_take(msdk_rbuf_t *rb, size_t n, bool out_ok, const uint8_t **p)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (rb == NULL || !out_ok) {
        return MSDK_ERR_INVALID_ARG;
    }
#else
    (void)out_ok;
#endif
    if (rb->pos > rb->len) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (rb->len - rb->pos < n) {
        return MSDK_ERR_TRUNCATED;
    }
    *p = (rb->p != NULL) ? rb->p + rb->pos : NULL;
    rb->pos += n;
    return MSDK_OK;
}

/* The size-byte unsigned integer at p; size is 1, 2, 4 or 8 and a constant
 * at every call, so this is one accessor of msdk/core/byteorder.h. */
static MSDK_ALWAYS_INLINE uint64_t load_word(const uint8_t *p, size_t size, byte_order_t order)
{
    bool be = (order == ORDER_BE);
    switch (size) {
    case 1u: return p[0];
    case 2u: return be ? msdk_load_u16be(p) : msdk_load_u16le(p);
    case 4u: return be ? msdk_load_u32be(p) : msdk_load_u32le(p);
    default: return be ? msdk_load_u64be(p) : msdk_load_u64le(p);
    }
}

/* The n-byte (1..8) unsigned integer at p, any n. */
static uint64_t load_bytes(const uint8_t *p, size_t n, byte_order_t order)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = (v << 8) | p[(order == ORDER_BE) ? i : (n - 1u - i)];
    }
    return v;
}

/* Two's complement sign extension of the low 8n bits of v (n = 1..8; the
 * bits above them are 0), as a 64-bit pattern. */
static uint64_t sign_extend(uint64_t v, size_t n)
{
    if (n >= 8u) {
        return v;
    }
    uint64_t sign = (uint64_t)1 << (8u * n - 1u);
    return (v ^ sign) - sign;
}

/*
 * Reads an n-byte integer (1 <= n <= size) into *out, an object of size
 * bytes (1, 2, 4 or 8): a uint<8*size>_t, or the int<8*size>_t of the same
 * size, which C lets us store through the unsigned type (C11 6.5p7; the
 * exact-width signed types are two's complement). With sign_ext the value is
 * sign-extended from n to size bytes, otherwise zero-extended.
 */
static MSDK_ALWAYS_INLINE msdk_err_t rbuf_get_int(msdk_rbuf_t *rb, size_t n, byte_order_t order,
                                                  bool sign_ext, void *out, size_t size)
{
    if ((n == 0u) || (n > size)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, out != NULL, &p);
    if (err != MSDK_OK) {
        return err;
    }
    uint64_t v = (n == size) ? load_word(p, size, order) : load_bytes(p, n, order);
    if (sign_ext) {
        v = sign_extend(v, n);
    }
    switch (size) {
    case 1u: *(uint8_t *)out = (uint8_t)v; break;
    case 2u: *(uint16_t *)out = (uint16_t)v; break;
    case 4u: *(uint32_t *)out = (uint32_t)v; break;
    default: *(uint64_t *)out = v; break;
    }
    return MSDK_OK;
}

void msdk_rbuf_init(msdk_rbuf_t *rb, const uint8_t *data, size_t len)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (rb == NULL) {
        return;
    }
    if (data == NULL) {
        len = 0;
    }
#endif
    rb->p = data;
    rb->len = len;
    rb->pos = 0;
}

size_t msdk_rbuf_remaining(const msdk_rbuf_t *rb)
{
    if (rb == NULL || rb->pos > rb->len) {
        return 0;
    }
    return rb->len - rb->pos;
}

msdk_err_t msdk_rbuf_peek_u8(const msdk_rbuf_t *rb, uint8_t *v)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (rb == NULL || v == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
#endif
    if (msdk_rbuf_remaining(rb) == 0u) {
        return MSDK_ERR_TRUNCATED;
    }
    *v = rb->p[rb->pos];
    return MSDK_OK;
}

msdk_err_t msdk_rbuf_get_u8(msdk_rbuf_t *rb, uint8_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i8(msdk_rbuf_t *rb, int8_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u16be(msdk_rbuf_t *rb, uint16_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u16le(msdk_rbuf_t *rb, uint16_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i16be(msdk_rbuf_t *rb, int16_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i16le(msdk_rbuf_t *rb, int16_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u32be(msdk_rbuf_t *rb, uint32_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u32le(msdk_rbuf_t *rb, uint32_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i32be(msdk_rbuf_t *rb, int32_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i32le(msdk_rbuf_t *rb, int32_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u64be(msdk_rbuf_t *rb, uint64_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_u64le(msdk_rbuf_t *rb, uint64_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i64be(msdk_rbuf_t *rb, int64_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_i64le(msdk_rbuf_t *rb, int64_t *v)
{
    return rbuf_get_int(rb, sizeof(*v), ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_uintbe(msdk_rbuf_t *rb, size_t n, uint64_t *v)
{
    return rbuf_get_int(rb, n, ORDER_BE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_uintle(msdk_rbuf_t *rb, size_t n, uint64_t *v)
{
    return rbuf_get_int(rb, n, ORDER_LE, false, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_intbe(msdk_rbuf_t *rb, size_t n, int64_t *v)
{
    return rbuf_get_int(rb, n, ORDER_BE, true, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_intle(msdk_rbuf_t *rb, size_t n, int64_t *v)
{
    return rbuf_get_int(rb, n, ORDER_LE, true, v, sizeof(*v));
}

msdk_err_t msdk_rbuf_get_bytes(msdk_rbuf_t *rb, uint8_t *dst, size_t n)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, dst != NULL || n == 0u, &p);
    if (err == MSDK_OK && n > 0u) {
        memcpy(dst, p, n);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_ref(msdk_rbuf_t *rb, size_t n, const uint8_t **ref)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, ref != NULL, &p);
    if (err == MSDK_OK) {
        *ref = p;
    }
    return err;
}

msdk_err_t msdk_rbuf_get_sub(msdk_rbuf_t *rb, size_t n, msdk_rbuf_t *sub)
{
    if (sub == rb) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, sub != NULL, &p);
    if (err == MSDK_OK) {
        sub->p = p;
        sub->len = n;
        sub->pos = 0;
    }
    return err;
}

msdk_err_t msdk_rbuf_skip(msdk_rbuf_t *rb, size_t n)
{
    const uint8_t *p = NULL;
    return rbuf_take(rb, n, true, &p);
}

/* ---- Writer ------------------------------------------------------------ */

/* Claims n bytes of room and points *p at them, or fails without side effects. */
static msdk_err_t wbuf_take(msdk_wbuf_t *wb, size_t n, uint8_t **p)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (wb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
#endif
    if (wb->pos > wb->cap) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (wb->cap - wb->pos < n) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    *p = (wb->p != NULL) ? wb->p + wb->pos : NULL;
    wb->pos += n;
    return MSDK_OK;
}

/* Stores the low size bytes of v at p; size is 1, 2, 4 or 8 and a constant
 * at every call, so this is one accessor of msdk/core/byteorder.h. */
static MSDK_ALWAYS_INLINE void store_word(uint8_t *p, size_t size, byte_order_t order, uint64_t v)
{
    bool be = (order == ORDER_BE);
    switch (size) {
    case 1u: p[0] = (uint8_t)v; break;
    case 2u: be ? msdk_store_u16be(p, (uint16_t)v) : msdk_store_u16le(p, (uint16_t)v); break;
    case 4u: be ? msdk_store_u32be(p, (uint32_t)v) : msdk_store_u32le(p, (uint32_t)v); break;
    default: be ? msdk_store_u64be(p, v) : msdk_store_u64le(p, v); break;
    }
}

/* Stores the low n bytes (1..8) of v at p, any n. */
static void store_bytes(uint8_t *p, size_t n, byte_order_t order, uint64_t v)
{
    for (size_t i = 0; i < n; i++) {
        p[(order == ORDER_BE) ? (n - 1u - i) : i] = (uint8_t)v;
        v >>= 8;
    }
}

/* Whether v, read as unsigned or as two's complement, fits in n bytes (1..8). */
static bool int_fits(uint64_t v, size_t n, bool is_signed)
{
    if (n >= 8u) {
        return true;
    }
    if (!is_signed) {
        return (v >> (8u * n)) == 0u;
    }
    /* -2^(8n-1) <= v < 2^(8n-1): adding 2^(8n-1) maps the range onto [0, 2^(8n)). */
    return ((v + ((uint64_t)1 << (8u * n - 1u))) >> (8u * n)) == 0u;
}

/* Writes v, unsigned or two's complement, as an integer of n bytes
 * (1 <= n <= size); size is the width of the caller's type (1, 2, 4 or 8). */
static MSDK_ALWAYS_INLINE msdk_err_t wbuf_put_int(msdk_wbuf_t *wb, size_t n, byte_order_t order,
                                                  bool is_signed, uint64_t v, size_t size)
{
    if ((n == 0u) || (n > size)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!int_fits(v, n, is_signed)) {
        return MSDK_ERR_OVERFLOW;
    }
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        if (n == size) {
            store_word(p, size, order, v);
        } else {
            store_bytes(p, n, order, v);
        }
    }
    return err;
}

void msdk_wbuf_init(msdk_wbuf_t *wb, uint8_t *buf, size_t cap)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (wb == NULL) {
        return;
    }
    if (buf == NULL) {
        cap = 0;
    }
#endif
    wb->p = buf;
    wb->cap = cap;
    wb->pos = 0;
}

size_t msdk_wbuf_len(const msdk_wbuf_t *wb)
{
    return (wb == NULL) ? 0u : wb->pos;
}

size_t msdk_wbuf_remaining(const msdk_wbuf_t *wb)
{
    if (wb == NULL || wb->pos > wb->cap) {
        return 0;
    }
    return wb->cap - wb->pos;
}

msdk_err_t msdk_wbuf_put_u8(msdk_wbuf_t *wb, uint8_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i8(msdk_wbuf_t *wb, int8_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u16be(msdk_wbuf_t *wb, uint16_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u16le(msdk_wbuf_t *wb, uint16_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i16be(msdk_wbuf_t *wb, int16_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i16le(msdk_wbuf_t *wb, int16_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u32be(msdk_wbuf_t *wb, uint32_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u32le(msdk_wbuf_t *wb, uint32_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i32be(msdk_wbuf_t *wb, int32_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i32le(msdk_wbuf_t *wb, int32_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u64be(msdk_wbuf_t *wb, uint64_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_u64le(msdk_wbuf_t *wb, uint64_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i64be(msdk_wbuf_t *wb, int64_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_BE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_i64le(msdk_wbuf_t *wb, int64_t v)
{
    return wbuf_put_int(wb, sizeof(v), ORDER_LE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_uintbe(msdk_wbuf_t *wb, size_t n, uint64_t v)
{
    return wbuf_put_int(wb, n, ORDER_BE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_uintle(msdk_wbuf_t *wb, size_t n, uint64_t v)
{
    return wbuf_put_int(wb, n, ORDER_LE, false, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_intbe(msdk_wbuf_t *wb, size_t n, int64_t v)
{
    return wbuf_put_int(wb, n, ORDER_BE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_intle(msdk_wbuf_t *wb, size_t n, int64_t v)
{
    return wbuf_put_int(wb, n, ORDER_LE, true, (uint64_t)v, sizeof(v));
}

msdk_err_t msdk_wbuf_put_bytes(msdk_wbuf_t *wb, const uint8_t *src, size_t n)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (src == NULL && n > 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
#endif
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK && n > 0u) {
        memcpy(p, src, n);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_fill(msdk_wbuf_t *wb, uint8_t value, size_t n)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK && n > 0u) {
        memset(p, value, n);
    }
    return err;
}

msdk_err_t msdk_wbuf_reserve(msdk_wbuf_t *wb, size_t n, uint8_t **ref)
{
#if MSDK_CFG_CORE_CHECK_ARGS
    if (ref == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
#endif
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        *ref = p;
    }
    return err;
}
