/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Byte ring buffer over caller storage, safe for one producer and one
 *        consumer (for example a UART interrupt and the main loop).
 *
 * Any capacity from 1 to SIZE_MAX / 2 bytes works, not only powers of two,
 * and all of it is usable: the read and write indices run over twice the
 * capacity, so "full" and "empty" are distinguishable without a spare slot.
 *
 * @par Concurrency
 * One producer context may call the producer functions (msdk_ringbuf_put(),
 * msdk_ringbuf_put_all(), msdk_ringbuf_put_byte(), msdk_ringbuf_free()) while
 * one consumer context calls the consumer functions (msdk_ringbuf_get(),
 * msdk_ringbuf_get_all(), msdk_ringbuf_get_byte(), msdk_ringbuf_peek(),
 * msdk_ringbuf_skip(), msdk_ringbuf_used()), without locks. Either side may
 * be an interrupt handler. msdk_ringbuf_init() and msdk_ringbuf_reset() need
 * both sides to be quiet.
 *
 * @par Memory ordering
 * Each index is written by one side only (`head` by the producer, `tail` by
 * the consumer) with a release store, after the data bytes it publishes or
 * releases; the other side reads it with an acquire load before it touches the
 * data. The loads and stores are GCC/Clang `__atomic` operations on naturally
 * aligned `size_t` words: on Cortex-M0+/M3/M4/M7 they are single LDR/STR
 * instructions (single-copy atomic) followed or preceded by a DMB, so the
 * scheme is correct between an ISR and thread code on one core, and between
 * threads on a multi-core host. No read-modify-write atomics are used, so
 * ARMv6-M needs no libatomic. A DMA engine that writes the storage directly is
 * not covered; it needs its own cache and barrier handling.
 *
 * The struct is caller-owned and opaque in practice: access it only through
 * these functions.
 */
#ifndef MSDK_CORE_RINGBUF_H
#define MSDK_CORE_RINGBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Ring buffer state. Initialise with msdk_ringbuf_init(). */
typedef struct msdk_ringbuf {
    uint8_t *buf; /**< Caller storage of @c size bytes. */
    size_t size;  /**< Capacity in bytes. */
    size_t head;  /**< Write index in [0, 2 * size); producer-owned. */
    size_t tail;  /**< Read index in [0, 2 * size); consumer-owned. */
} msdk_ringbuf_t;

/**
 * @brief Sets up an empty ring buffer over @p storage.
 * @param[out] rb      Ring buffer; untouched on error.
 * @param[in]  storage @p size bytes that outlive @p rb; any alignment.
 * @param[in]  size    Capacity, 1..SIZE_MAX / 2.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p storage is NULL, or @p size is out of range.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_init(msdk_ringbuf_t *rb, uint8_t *storage, size_t size);

/**
 * @brief Empties the buffer.
 * @param[in,out] rb Ring buffer.
 * @pre Neither the producer nor the consumer runs concurrently.
 */
void msdk_ringbuf_reset(msdk_ringbuf_t *rb);

/**
 * @brief Capacity given to msdk_ringbuf_init().
 * @param[in] rb Ring buffer.
 * @return The capacity in bytes; 0 when @p rb is NULL.
 */
size_t msdk_ringbuf_capacity(const msdk_ringbuf_t *rb);

/**
 * @brief Bytes ready to read (consumer side; a lower bound seen from the producer).
 * @param[in] rb Ring buffer.
 * @return Used bytes; 0 when @p rb is NULL.
 */
size_t msdk_ringbuf_used(const msdk_ringbuf_t *rb);

/**
 * @brief Bytes of room (producer side; a lower bound seen from the consumer).
 * @param[in] rb Ring buffer.
 * @return Free bytes; 0 when @p rb is NULL.
 */
size_t msdk_ringbuf_free(const msdk_ringbuf_t *rb);

/**
 * @brief Whether the buffer holds no byte.
 * @param[in] rb Ring buffer.
 * @return true when msdk_ringbuf_used() is 0.
 */
bool msdk_ringbuf_is_empty(const msdk_ringbuf_t *rb);

/**
 * @brief Whether the buffer has no room.
 * @param[in] rb Ring buffer.
 * @return true when msdk_ringbuf_free() is 0.
 */
bool msdk_ringbuf_is_full(const msdk_ringbuf_t *rb);

/**
 * @brief Appends as many of @p len bytes as fit (producer).
 * @param[in,out] rb      Ring buffer.
 * @param[in]     data    Bytes; may be NULL when @p len is 0.
 * @param[in]     len     Number of bytes offered.
 * @param[out]    written Number of bytes taken, 0..@p len (0 when full);
 *                        untouched on error.
 * @retval MSDK_OK              Done (possibly partially: compare @p written with @p len).
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p written is NULL, or @p data is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_put(msdk_ringbuf_t *rb, const uint8_t *data, size_t len,
                                           size_t *written);

/**
 * @brief Appends all @p len bytes or none (producer).
 * @param[in,out] rb   Ring buffer.
 * @param[in]     data Bytes; may be NULL when @p len is 0.
 * @param[in]     len  Number of bytes.
 * @retval MSDK_OK              All bytes appended.
 * @retval MSDK_ERR_NO_SPACE    Less than @p len bytes of room; nothing appended.
 * @retval MSDK_ERR_INVALID_ARG @p rb is NULL, or @p data is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_put_all(msdk_ringbuf_t *rb, const uint8_t *data, size_t len);

/**
 * @brief Appends one byte (producer; for example a UART receive interrupt).
 * @param[in,out] rb Ring buffer.
 * @param[in]     b  Byte.
 * @retval MSDK_OK              Appended.
 * @retval MSDK_ERR_NO_SPACE    The buffer is full; nothing appended.
 * @retval MSDK_ERR_INVALID_ARG @p rb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_put_byte(msdk_ringbuf_t *rb, uint8_t b);

/**
 * @brief Removes up to @p len bytes, oldest first (consumer).
 * @param[in,out] rb   Ring buffer.
 * @param[out]    dst  Room for @p len bytes; may be NULL when @p len is 0.
 * @param[in]     len  Most bytes to remove.
 * @param[out]    nread Number of bytes removed, 0..@p len (0 when empty);
 *                     untouched on error.
 * @retval MSDK_OK              Done (possibly fewer than @p len bytes).
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p nread is NULL, or @p dst is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_get(msdk_ringbuf_t *rb, uint8_t *dst, size_t len,
                                           size_t *nread);

/**
 * @brief Removes exactly @p len bytes or none (consumer).
 * @param[in,out] rb  Ring buffer.
 * @param[out]    dst Room for @p len bytes; untouched on error. May be NULL
 *                    when @p len is 0.
 * @param[in]     len Number of bytes.
 * @retval MSDK_OK              Removed.
 * @retval MSDK_ERR_WOULD_BLOCK Fewer than @p len bytes are buffered; nothing removed.
 * @retval MSDK_ERR_INVALID_ARG @p rb is NULL, or @p dst is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_get_all(msdk_ringbuf_t *rb, uint8_t *dst, size_t len);

/**
 * @brief Removes one byte (consumer).
 * @param[in,out] rb Ring buffer.
 * @param[out]    b  The oldest byte; untouched on error.
 * @retval MSDK_OK              Removed.
 * @retval MSDK_ERR_WOULD_BLOCK The buffer is empty.
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p b is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_get_byte(msdk_ringbuf_t *rb, uint8_t *b);

/**
 * @brief Copies up to @p len bytes starting @p offset bytes after the oldest
 *        one, without removing them (consumer).
 * @param[in]  rb     Ring buffer.
 * @param[in]  offset Bytes to pass over first.
 * @param[out] dst    Room for @p len bytes; may be NULL when @p len is 0.
 * @param[in]  len    Most bytes to copy.
 * @param[out] copied Number of bytes copied, 0..@p len (0 when @p offset is
 *                    at or beyond the used count); untouched on error.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p copied is NULL, or @p dst is NULL and @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_peek(const msdk_ringbuf_t *rb, size_t offset, uint8_t *dst,
                                            size_t len, size_t *copied);

/**
 * @brief Removes up to @p len bytes without copying them (consumer).
 * @param[in,out] rb      Ring buffer.
 * @param[in]     len     Most bytes to drop.
 * @param[out]    skipped Number of bytes dropped; untouched on error.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG @p rb or @p skipped is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_ringbuf_skip(msdk_ringbuf_t *rb, size_t len, size_t *skipped);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_RINGBUF_H */
