/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Single-producer single-consumer byte ring buffer.
 *
 * head and tail run over [0, 2 * size): used = (head - tail) mod 2 * size,
 * which is size when full and 0 when empty, so every byte of the storage is
 * usable for any size. The physical slot of an index is index mod size.
 *
 * Ordering (see msdk/core/ringbuf.h): a side loads its own index relaxed
 * (only it writes it), the other side's index with acquire, and publishes its
 * own index with release after copying the bytes.
 */
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/ringbuf.h"

static size_t load_relaxed(const size_t *p)
{
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static size_t load_acquire(const size_t *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_release(size_t *p, size_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* (head - tail) mod 2 * size, both in [0, 2 * size). */
static size_t distance(const msdk_ringbuf_t *rb, size_t head, size_t tail)
{
    return (head >= tail) ? head - tail : head + (2u * rb->size - tail);
}

/* (idx + n) mod 2 * size for n <= size, without overflowing size_t. */
static size_t advance(const msdk_ringbuf_t *rb, size_t idx, size_t n)
{
    size_t wrap = 2u * rb->size - n;
    return (idx >= wrap) ? idx - wrap : idx + n;
}

/* Slot of the storage an index refers to. */
static size_t slot(const msdk_ringbuf_t *rb, size_t idx)
{
    return (idx >= rb->size) ? idx - rb->size : idx;
}

/* Copies n bytes from the ring, starting at index idx, to dst (n <= size). */
static void copy_out(const msdk_ringbuf_t *rb, size_t idx, uint8_t *dst, size_t n)
{
    size_t pos = slot(rb, idx);
    size_t first = rb->size - pos;
    if (first > n) {
        first = n;
    }
    if (first > 0u) {
        memcpy(dst, rb->buf + pos, first);
    }
    if (n > first) {
        memcpy(dst + first, rb->buf, n - first);
    }
}

/* Copies n bytes from src into the ring, starting at index idx (n <= size). */
static void copy_in(msdk_ringbuf_t *rb, size_t idx, const uint8_t *src, size_t n)
{
    size_t pos = slot(rb, idx);
    size_t first = rb->size - pos;
    if (first > n) {
        first = n;
    }
    if (first > 0u) {
        memcpy(rb->buf + pos, src, first);
    }
    if (n > first) {
        memcpy(rb->buf, src + first, n - first);
    }
}

msdk_err_t msdk_ringbuf_init(msdk_ringbuf_t *rb, uint8_t *storage, size_t size)
{
    if (rb == NULL || storage == NULL || size == 0u || size > SIZE_MAX / 2u) {
        return MSDK_ERR_INVALID_ARG;
    }
    rb->buf = storage;
    rb->size = size;
    store_release(&rb->head, 0u);
    store_release(&rb->tail, 0u);
    return MSDK_OK;
}

void msdk_ringbuf_reset(msdk_ringbuf_t *rb)
{
    if (rb == NULL) {
        return;
    }
    store_release(&rb->head, 0u);
    store_release(&rb->tail, 0u);
}

size_t msdk_ringbuf_capacity(const msdk_ringbuf_t *rb)
{
    return (rb == NULL) ? 0u : rb->size;
}

size_t msdk_ringbuf_used(const msdk_ringbuf_t *rb)
{
    if (rb == NULL) {
        return 0;
    }
    return distance(rb, load_acquire(&rb->head), load_acquire(&rb->tail));
}

size_t msdk_ringbuf_free(const msdk_ringbuf_t *rb)
{
    if (rb == NULL) {
        return 0;
    }
    return rb->size - distance(rb, load_acquire(&rb->head), load_acquire(&rb->tail));
}

bool msdk_ringbuf_is_empty(const msdk_ringbuf_t *rb)
{
    return msdk_ringbuf_used(rb) == 0u;
}

bool msdk_ringbuf_is_full(const msdk_ringbuf_t *rb)
{
    return msdk_ringbuf_free(rb) == 0u;
}

/* Producer: appends min(len, free) bytes, or nothing when !partial_ok and
 * they do not all fit. Returns the count appended. */
static size_t produce(msdk_ringbuf_t *rb, const uint8_t *data, size_t len, bool partial_ok)
{
    size_t head = load_relaxed(&rb->head);
    size_t tail = load_acquire(&rb->tail);
    size_t room = rb->size - distance(rb, head, tail);
    size_t n = (len < room) ? len : room;
    if (n == 0u || (n < len && !partial_ok)) {
        return 0;
    }
    copy_in(rb, head, data, n);
    store_release(&rb->head, advance(rb, head, n));
    return n;
}

/* Consumer: removes min(len, used) bytes (copying them to dst unless NULL),
 * or nothing when !partial_ok and fewer than len are buffered. */
static size_t consume(msdk_ringbuf_t *rb, uint8_t *dst, size_t len, bool partial_ok)
{
    size_t tail = load_relaxed(&rb->tail);
    size_t head = load_acquire(&rb->head);
    size_t avail = distance(rb, head, tail);
    size_t n = (len < avail) ? len : avail;
    if (n == 0u || (n < len && !partial_ok)) {
        return 0;
    }
    if (dst != NULL) {
        copy_out(rb, tail, dst, n);
    }
    store_release(&rb->tail, advance(rb, tail, n));
    return n;
}

msdk_err_t msdk_ringbuf_put(msdk_ringbuf_t *rb, const uint8_t *data, size_t len, size_t *written)
{
    if (rb == NULL || written == NULL || (data == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *written = produce(rb, data, len, true);
    return MSDK_OK;
}

msdk_err_t msdk_ringbuf_put_all(msdk_ringbuf_t *rb, const uint8_t *data, size_t len)
{
    if (rb == NULL || (data == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    return (produce(rb, data, len, false) == len) ? MSDK_OK : MSDK_ERR_NO_SPACE;
}

msdk_err_t msdk_ringbuf_put_byte(msdk_ringbuf_t *rb, uint8_t b)
{
    if (rb == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return (produce(rb, &b, 1u, false) == 1u) ? MSDK_OK : MSDK_ERR_NO_SPACE;
}

msdk_err_t msdk_ringbuf_get(msdk_ringbuf_t *rb, uint8_t *dst, size_t len, size_t *nread)
{
    if (rb == NULL || nread == NULL || (dst == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *nread = consume(rb, dst, len, true);
    return MSDK_OK;
}

msdk_err_t msdk_ringbuf_get_all(msdk_ringbuf_t *rb, uint8_t *dst, size_t len)
{
    if (rb == NULL || (dst == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    return (consume(rb, dst, len, false) == len) ? MSDK_OK : MSDK_ERR_WOULD_BLOCK;
}

msdk_err_t msdk_ringbuf_get_byte(msdk_ringbuf_t *rb, uint8_t *b)
{
    if (rb == NULL || b == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return (consume(rb, b, 1u, false) == 1u) ? MSDK_OK : MSDK_ERR_WOULD_BLOCK;
}

msdk_err_t msdk_ringbuf_peek(const msdk_ringbuf_t *rb, size_t offset, uint8_t *dst, size_t len,
                             size_t *copied)
{
    if (rb == NULL || copied == NULL || (dst == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t tail = load_relaxed(&rb->tail);
    size_t head = load_acquire(&rb->head);
    size_t avail = distance(rb, head, tail);
    size_t n = 0;
    if (offset < avail) {
        n = avail - offset;
        if (n > len) {
            n = len;
        }
        copy_out(rb, advance(rb, tail, offset), dst, n);
    }
    *copied = n;
    return MSDK_OK;
}

msdk_err_t msdk_ringbuf_skip(msdk_ringbuf_t *rb, size_t len, size_t *skipped)
{
    if (rb == NULL || skipped == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    *skipped = consume(rb, NULL, len, true);
    return MSDK_OK;
}
