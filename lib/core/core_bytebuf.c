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
 */
#include <stdbool.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/bytebuf.h"

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

static uint64_t load_uintbe(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint64_t load_uintle(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = n; i > 0u; i--) {
        v = (v << 8) | p[i - 1u];
    }
    return v;
}

/* Sign-extends the low 8n bits of v (n = 1..8). */
static int64_t sign_extend(uint64_t v, size_t n)
{
    if (n >= 8u) {
        return msdk_i64_from_u64(v);
    }
    uint64_t sign = (uint64_t)1 << (8u * n - 1u);
    return (int64_t)(v & (sign - 1u)) - (int64_t)(v & sign);
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
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 1u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = p[0];
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i8(msdk_rbuf_t *rb, int8_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 1u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = (int8_t)((int)p[0] - (int)((p[0] & 0x80u) << 1));
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u16be(msdk_rbuf_t *rb, uint16_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 2u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u16be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u16le(msdk_rbuf_t *rb, uint16_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 2u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u16le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i16be(msdk_rbuf_t *rb, int16_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 2u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i16be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i16le(msdk_rbuf_t *rb, int16_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 2u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i16le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u32be(msdk_rbuf_t *rb, uint32_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 4u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u32be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u32le(msdk_rbuf_t *rb, uint32_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 4u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u32le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i32be(msdk_rbuf_t *rb, int32_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 4u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i32be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i32le(msdk_rbuf_t *rb, int32_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 4u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i32le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u64be(msdk_rbuf_t *rb, uint64_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 8u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u64be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_u64le(msdk_rbuf_t *rb, uint64_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 8u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_u64le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i64be(msdk_rbuf_t *rb, int64_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 8u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i64be(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_i64le(msdk_rbuf_t *rb, int64_t *v)
{
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, 8u, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = msdk_load_i64le(p);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_uintbe(msdk_rbuf_t *rb, size_t n, uint64_t *v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = load_uintbe(p, n);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_uintle(msdk_rbuf_t *rb, size_t n, uint64_t *v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = load_uintle(p, n);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_intbe(msdk_rbuf_t *rb, size_t n, int64_t *v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = sign_extend(load_uintbe(p, n), n);
    }
    return err;
}

msdk_err_t msdk_rbuf_get_intle(msdk_rbuf_t *rb, size_t n, int64_t *v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *p = NULL;
    msdk_err_t err = rbuf_take(rb, n, v != NULL, &p);
    if (err == MSDK_OK) {
        *v = sign_extend(load_uintle(p, n), n);
    }
    return err;
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

static void store_uintbe(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = n; i > 0u; i--) {
        p[i - 1u] = (uint8_t)v;
        v >>= 8;
    }
}

static void store_uintle(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static bool uint_fits(uint64_t v, size_t n)
{
    return n >= 8u || (v >> (8u * n)) == 0u;
}

static bool int_fits(int64_t v, size_t n)
{
    if (n >= 8u) {
        return true;
    }
    int64_t lim = (int64_t)1 << (8u * n - 1u);
    return v >= -lim && v < lim;
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
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 1u, &p);
    if (err == MSDK_OK) {
        p[0] = (uint8_t)v;
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i8(msdk_wbuf_t *wb, int8_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 1u, &p);
    if (err == MSDK_OK) {
        p[0] = (uint8_t)v;
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u16be(msdk_wbuf_t *wb, uint16_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 2u, &p);
    if (err == MSDK_OK) {
        msdk_store_u16be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u16le(msdk_wbuf_t *wb, uint16_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 2u, &p);
    if (err == MSDK_OK) {
        msdk_store_u16le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i16be(msdk_wbuf_t *wb, int16_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 2u, &p);
    if (err == MSDK_OK) {
        msdk_store_i16be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i16le(msdk_wbuf_t *wb, int16_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 2u, &p);
    if (err == MSDK_OK) {
        msdk_store_i16le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u32be(msdk_wbuf_t *wb, uint32_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 4u, &p);
    if (err == MSDK_OK) {
        msdk_store_u32be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u32le(msdk_wbuf_t *wb, uint32_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 4u, &p);
    if (err == MSDK_OK) {
        msdk_store_u32le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i32be(msdk_wbuf_t *wb, int32_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 4u, &p);
    if (err == MSDK_OK) {
        msdk_store_i32be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i32le(msdk_wbuf_t *wb, int32_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 4u, &p);
    if (err == MSDK_OK) {
        msdk_store_i32le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u64be(msdk_wbuf_t *wb, uint64_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 8u, &p);
    if (err == MSDK_OK) {
        msdk_store_u64be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_u64le(msdk_wbuf_t *wb, uint64_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 8u, &p);
    if (err == MSDK_OK) {
        msdk_store_u64le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i64be(msdk_wbuf_t *wb, int64_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 8u, &p);
    if (err == MSDK_OK) {
        msdk_store_i64be(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_i64le(msdk_wbuf_t *wb, int64_t v)
{
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, 8u, &p);
    if (err == MSDK_OK) {
        msdk_store_i64le(p, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_uintbe(msdk_wbuf_t *wb, size_t n, uint64_t v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!uint_fits(v, n)) {
        return MSDK_ERR_OVERFLOW;
    }
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        store_uintbe(p, n, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_uintle(msdk_wbuf_t *wb, size_t n, uint64_t v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!uint_fits(v, n)) {
        return MSDK_ERR_OVERFLOW;
    }
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        store_uintle(p, n, v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_intbe(msdk_wbuf_t *wb, size_t n, int64_t v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!int_fits(v, n)) {
        return MSDK_ERR_OVERFLOW;
    }
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        store_uintbe(p, n, (uint64_t)v);
    }
    return err;
}

msdk_err_t msdk_wbuf_put_intle(msdk_wbuf_t *wb, size_t n, int64_t v)
{
    if (n == 0u || n > 8u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!int_fits(v, n)) {
        return MSDK_ERR_OVERFLOW;
    }
    uint8_t *p = NULL;
    msdk_err_t err = wbuf_take(wb, n, &p);
    if (err == MSDK_OK) {
        store_uintle(p, n, (uint64_t)v);
    }
    return err;
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
