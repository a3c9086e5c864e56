/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Bounds-checked byte readers and writers for protocol codecs.
 *
 * ::msdk_rbuf_t walks over received bytes (an A-XDR PDU, an HDLC or M-Bus
 * frame) and ::msdk_wbuf_t fills a caller buffer with an outgoing one. Both
 * are small structs owned by the caller, usually on the stack; they never
 * copy or own the bytes they point to.
 *
 * Contract of every getter and putter:
 * - On success it returns ::MSDK_OK and moves the position past the item.
 * - A reader that has too few bytes left returns ::MSDK_ERR_TRUNCATED; a
 *   writer without room returns ::MSDK_ERR_BUFFER_TOO_SMALL. In both cases the
 *   position, the output and the destination buffer are untouched: nothing
 *   is consumed or written partially, so a decoder can stop at the first
 *   error and report it, and a caller can retry with a larger buffer.
 * - NULL pointers give ::MSDK_ERR_INVALID_ARG when `MSDK_CFG_CORE_CHECK_ARGS`
 *   is 1 (otherwise they are undefined behaviour).
 * - The position never exceeds the length; every check is written so that
 *   it cannot overflow, whatever @c n a hostile length field supplies.
 *
 * Example, decoding an A-XDR long-unsigned:
 * @code
 * msdk_rbuf_t rb;
 * msdk_rbuf_init(&rb, pdu, pdu_len);
 * uint8_t tag;
 * uint16_t value;
 * msdk_err_t err = msdk_rbuf_get_u8(&rb, &tag);
 * if (err == MSDK_OK && tag == 0x12) {
 *     err = msdk_rbuf_get_u16be(&rb, &value);
 * }
 * @endcode
 *
 * The readers and writers are not thread-safe; use one per thread.
 */
#ifndef MSDK_CORE_BYTEBUF_H
#define MSDK_CORE_BYTEBUF_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/core/byteorder.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Reader over a caller's byte array.
 *
 * Invariant: `pos <= len`. The fields are public so that a decoder can save
 * and restore the position (`size_t mark = rb.pos; ... rb.pos = mark;`).
 */
typedef struct msdk_rbuf {
    const uint8_t *p; /**< First byte; NULL only when @c len is 0. */
    size_t len;       /**< Number of bytes at @c p. */
    size_t pos;       /**< Offset of the next byte to read, 0..@c len. */
} msdk_rbuf_t;

/**
 * @brief Writer into a caller's buffer.
 *
 * Invariant: `pos <= cap`. The bytes `p[0..pos)` are the output so far.
 */
typedef struct msdk_wbuf {
    uint8_t *p; /**< Buffer; NULL only when @c cap is 0. */
    size_t cap; /**< Size of the buffer in bytes. */
    size_t pos; /**< Number of bytes written so far, 0..@c cap. */
} msdk_wbuf_t;

/* ---- Reader ------------------------------------------------------------ */

/**
 * @brief Starts reading @p len bytes at @p data.
 * @param[out] rb   Reader to initialise.
 * @param[in]  data Bytes to read; they must outlive the reader. May be NULL
 *                  when @p len is 0 (and is treated as empty input when
 *                  `MSDK_CFG_CORE_CHECK_ARGS` is 1).
 * @param[in]  len  Number of bytes.
 * @pre @p rb is not NULL (nothing happens when it is and argument checks are on).
 */
void msdk_rbuf_init(msdk_rbuf_t *rb, const uint8_t *data, size_t len);

/**
 * @brief Bytes not yet read.
 * @param[in] rb Reader.
 * @return `len - pos`; 0 when @p rb is NULL or its invariant is broken.
 */
size_t msdk_rbuf_remaining(const msdk_rbuf_t *rb);

/**
 * @brief Returns the next byte without consuming it.
 * @param[in]  rb Reader.
 * @param[out] v  The byte; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    No byte remains.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_peek_u8(const msdk_rbuf_t *rb, uint8_t *v);

/**
 * @brief Reads an unsigned 8-bit integer.
 * @param[in,out] rb Reader; advanced by 1 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    No byte remains; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u8(msdk_rbuf_t *rb, uint8_t *v);

/**
 * @brief Reads a two's complement 8-bit integer.
 * @param[in,out] rb Reader; advanced by 1 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    No byte remains; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i8(msdk_rbuf_t *rb, int8_t *v);

/**
 * @brief Reads an unsigned 16-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 2 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 2 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u16be(msdk_rbuf_t *rb, uint16_t *v);

/**
 * @brief Reads an unsigned 16-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 2 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 2 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u16le(msdk_rbuf_t *rb, uint16_t *v);

/**
 * @brief Reads a two's complement 16-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 2 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 2 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i16be(msdk_rbuf_t *rb, int16_t *v);

/**
 * @brief Reads a two's complement 16-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 2 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 2 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i16le(msdk_rbuf_t *rb, int16_t *v);

/**
 * @brief Reads an unsigned 32-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 4 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 4 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u32be(msdk_rbuf_t *rb, uint32_t *v);

/**
 * @brief Reads an unsigned 32-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 4 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 4 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u32le(msdk_rbuf_t *rb, uint32_t *v);

/**
 * @brief Reads a two's complement 32-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 4 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 4 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i32be(msdk_rbuf_t *rb, int32_t *v);

/**
 * @brief Reads a two's complement 32-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 4 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 4 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i32le(msdk_rbuf_t *rb, int32_t *v);

/**
 * @brief Reads an unsigned 64-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 8 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 8 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u64be(msdk_rbuf_t *rb, uint64_t *v);

/**
 * @brief Reads an unsigned 64-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 8 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 8 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_u64le(msdk_rbuf_t *rb, uint64_t *v);

/**
 * @brief Reads a two's complement 64-bit big-endian integer.
 * @param[in,out] rb Reader; advanced by 8 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 8 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i64be(msdk_rbuf_t *rb, int64_t *v);

/**
 * @brief Reads a two's complement 64-bit little-endian integer.
 * @param[in,out] rb Reader; advanced by 8 on success.
 * @param[out]    v  The value; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than 8 bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_i64le(msdk_rbuf_t *rb, int64_t *v);

/**
 * @brief Reads an unsigned big-endian integer of @p n bytes (1..8).
 * @param[in,out] rb Reader; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8 (3 and 6 occur in M-Bus).
 * @param[out]    v  The value, zero-extended; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p n is not 1..8, or @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_uintbe(msdk_rbuf_t *rb, size_t n, uint64_t *v);

/**
 * @brief Reads an unsigned little-endian integer of @p n bytes (1..8).
 * @param[in,out] rb Reader; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8 (3 and 6 occur in M-Bus).
 * @param[out]    v  The value, zero-extended; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p n is not 1..8, or @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_uintle(msdk_rbuf_t *rb, size_t n, uint64_t *v);

/**
 * @brief Reads a two's complement big-endian integer of @p n bytes (1..8).
 * @param[in,out] rb Reader; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8.
 * @param[out]    v  The value, sign-extended; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p n is not 1..8, or @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_intbe(msdk_rbuf_t *rb, size_t n, int64_t *v);

/**
 * @brief Reads a two's complement little-endian integer of @p n bytes (1..8).
 * @param[in,out] rb Reader; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8 (M-Bus types B and the 6-byte integer).
 * @param[out]    v  The value, sign-extended; untouched on error.
 * @retval MSDK_OK               Read.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p n is not 1..8, or @p rb or @p v is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_intle(msdk_rbuf_t *rb, size_t n, int64_t *v);

/**
 * @brief Copies the next @p n bytes out.
 * @param[in,out] rb  Reader; advanced by @p n on success.
 * @param[out]    dst @p n bytes of room; untouched on error. May be NULL when
 *                    @p n is 0. Must not overlap the reader's bytes.
 * @param[in]     n   Number of bytes; 0 is a successful no-op.
 * @retval MSDK_OK               Copied.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb is NULL, or @p dst is NULL and @p n > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_bytes(msdk_rbuf_t *rb, uint8_t *dst, size_t n);

/**
 * @brief Consumes the next @p n bytes and points at them in place (zero copy).
 * @param[in,out] rb  Reader; advanced by @p n on success.
 * @param[in]     n   Number of bytes; 0 gives a pointer to the current position.
 * @param[out]    ref Pointer to the @p n bytes inside the reader's array, valid
 *                    as long as that array; untouched on error.
 * @retval MSDK_OK               Done.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p ref is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_ref(msdk_rbuf_t *rb, size_t n, const uint8_t **ref);

/**
 * @brief Consumes the next @p n bytes as a reader of their own.
 *
 * For length-prefixed content (an A-XDR structure, an M-Bus data record): the
 * sub-reader cannot run past the @p n bytes even when the content lies about
 * its own length.
 *
 * @param[in,out] rb  Reader; advanced by @p n on success.
 * @param[in]     n   Length of the sub-reader.
 * @param[out]    sub Reader over exactly those bytes, at position 0;
 *                    untouched on error. May not be @p rb itself.
 * @retval MSDK_OK               Done.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb or @p sub is NULL, or they are the same object.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_get_sub(msdk_rbuf_t *rb, size_t n, msdk_rbuf_t *sub);

/**
 * @brief Skips @p n bytes.
 * @param[in,out] rb Reader; advanced by @p n on success.
 * @param[in]     n  Number of bytes.
 * @retval MSDK_OK               Skipped.
 * @retval MSDK_ERR_TRUNCATED    Fewer than @p n bytes remain; nothing consumed.
 * @retval MSDK_ERR_INVALID_ARG  @p rb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_rbuf_skip(msdk_rbuf_t *rb, size_t n);

/* ---- Writer ------------------------------------------------------------ */

/**
 * @brief Starts writing into @p buf.
 * @param[out] wb  Writer to initialise.
 * @param[in]  buf Buffer of @p cap bytes; it must outlive the writer. May be
 *                 NULL when @p cap is 0 (and is treated as a zero-size
 *                 buffer when `MSDK_CFG_CORE_CHECK_ARGS` is 1).
 * @param[in]  cap Size of @p buf.
 * @pre @p wb is not NULL (nothing happens when it is and argument checks are on).
 */
void msdk_wbuf_init(msdk_wbuf_t *wb, uint8_t *buf, size_t cap);

/**
 * @brief Bytes written so far.
 * @param[in] wb Writer.
 * @return `pos`; 0 when @p wb is NULL.
 */
size_t msdk_wbuf_len(const msdk_wbuf_t *wb);

/**
 * @brief Room left.
 * @param[in] wb Writer.
 * @return `cap - pos`; 0 when @p wb is NULL or its invariant is broken.
 */
size_t msdk_wbuf_remaining(const msdk_wbuf_t *wb);

/**
 * @brief Appends an unsigned 8-bit integer.
 * @param[in,out] wb Writer; advanced by 1 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room left; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u8(msdk_wbuf_t *wb, uint8_t v);

/**
 * @brief Appends a two's complement 8-bit integer.
 * @param[in,out] wb Writer; advanced by 1 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room left; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i8(msdk_wbuf_t *wb, int8_t v);

/**
 * @brief Appends an unsigned 16-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 2 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 2 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u16be(msdk_wbuf_t *wb, uint16_t v);

/**
 * @brief Appends an unsigned 16-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 2 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 2 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u16le(msdk_wbuf_t *wb, uint16_t v);

/**
 * @brief Appends a two's complement 16-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 2 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 2 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i16be(msdk_wbuf_t *wb, int16_t v);

/**
 * @brief Appends a two's complement 16-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 2 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 2 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i16le(msdk_wbuf_t *wb, int16_t v);

/**
 * @brief Appends an unsigned 32-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 4 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 4 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u32be(msdk_wbuf_t *wb, uint32_t v);

/**
 * @brief Appends an unsigned 32-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 4 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 4 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u32le(msdk_wbuf_t *wb, uint32_t v);

/**
 * @brief Appends a two's complement 32-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 4 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 4 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i32be(msdk_wbuf_t *wb, int32_t v);

/**
 * @brief Appends a two's complement 32-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 4 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 4 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i32le(msdk_wbuf_t *wb, int32_t v);

/**
 * @brief Appends an unsigned 64-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 8 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u64be(msdk_wbuf_t *wb, uint64_t v);

/**
 * @brief Appends an unsigned 64-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 8 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_u64le(msdk_wbuf_t *wb, uint64_t v);

/**
 * @brief Appends a two's complement 64-bit big-endian integer.
 * @param[in,out] wb Writer; advanced by 8 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i64be(msdk_wbuf_t *wb, int64_t v);

/**
 * @brief Appends a two's complement 64-bit little-endian integer.
 * @param[in,out] wb Writer; advanced by 8 on success.
 * @param[in]     v  Value.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than 8 bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_i64le(msdk_wbuf_t *wb, int64_t v);

/**
 * @brief Appends the low @p n bytes of @p v, big-endian.
 * @param[in,out] wb Writer; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8.
 * @param[in]     v  Value; must fit in @p n bytes.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v does not fit in @p n bytes; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p n is not 1..8, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_uintbe(msdk_wbuf_t *wb, size_t n, uint64_t v);

/**
 * @brief Appends the low @p n bytes of @p v, little-endian.
 * @param[in,out] wb Writer; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8.
 * @param[in]     v  Value; must fit in @p n bytes.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v does not fit in @p n bytes; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p n is not 1..8, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_uintle(msdk_wbuf_t *wb, size_t n, uint64_t v);

/**
 * @brief Appends @p v as a two's complement big-endian integer of @p n bytes.
 * @param[in,out] wb Writer; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8.
 * @param[in]     v  Value; must be in [-2^(8n-1), 2^(8n-1) - 1].
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v does not fit in @p n bytes; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p n is not 1..8, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_intbe(msdk_wbuf_t *wb, size_t n, int64_t v);

/**
 * @brief Appends @p v as a two's complement little-endian integer of @p n bytes.
 * @param[in,out] wb Writer; advanced by @p n on success.
 * @param[in]     n  Width in bytes, 1..8.
 * @param[in]     v  Value; must be in [-2^(8n-1), 2^(8n-1) - 1].
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_OVERFLOW         @p v does not fit in @p n bytes; nothing written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p n is not 1..8, or @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_intle(msdk_wbuf_t *wb, size_t n, int64_t v);

/**
 * @brief Appends @p n bytes.
 * @param[in,out] wb  Writer; advanced by @p n on success.
 * @param[in]     src @p n bytes; may be NULL when @p n is 0. Must not overlap
 *                    the free part of the writer's buffer.
 * @param[in]     n   Number of bytes; 0 is a successful no-op.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL, or @p src is NULL and @p n > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_bytes(msdk_wbuf_t *wb, const uint8_t *src, size_t n);

/**
 * @brief Appends @p n copies of @p value (padding, fill bytes).
 * @param[in,out] wb    Writer; advanced by @p n on success.
 * @param[in]     value Byte to repeat.
 * @param[in]     n     Number of bytes; 0 is a successful no-op.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_put_fill(msdk_wbuf_t *wb, uint8_t value, size_t n);

/**
 * @brief Reserves @p n bytes to be filled in later (a length or a checksum
 *        that is known only after the content).
 *
 * The reserved bytes count as written; their content is whatever the buffer
 * held (the function does not clear them).
 *
 * @param[in,out] wb  Writer; advanced by @p n on success.
 * @param[in]     n   Number of bytes.
 * @param[out]    ref Pointer to the reserved bytes inside the buffer;
 *                    untouched on error.
 * @retval MSDK_OK                   Reserved.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Fewer than @p n bytes of room; nothing reserved.
 * @retval MSDK_ERR_INVALID_ARG      @p wb or @p ref is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_wbuf_reserve(msdk_wbuf_t *wb, size_t n, uint8_t **ref);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_BYTEBUF_H */
