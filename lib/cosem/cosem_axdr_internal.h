/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Pieces of the A-XDR codec that its sources share: cosem_axdr.c defines
 * the out-of-line helpers below, cosem_axdr_datetime.c and cosem_axdr_skip.c
 * use them (cosem_axdr_stream.c needs only the public API).
 *
 * Contracts:
 * - The msdk_cosem_axdr_read_* helpers and msdk_cosem_axdr_skip_simple_body()
 *   may leave the reader anywhere on error, and may have written part of
 *   their outputs; public readers call them on a local copy of the caller's
 *   reader and commit only on success.
 * - The msdk_cosem_axdr_raw_* writers store without checking: the caller has
 *   checked the room for the whole item with msdk_cosem_axdr_wb_room() first.
 * - msdk_cosem_axdr_write_tag_be() and msdk_cosem_axdr_write_header() are
 *   complete writers: they check their arguments and the room and write
 *   everything or nothing.
 */
#ifndef COSEM_AXDR_INTERNAL_H
#define COSEM_AXDR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/axdr.h"

/* ---- Type properties ------------------------------------------------------------ */

/* Body classes returned by msdk_cosem_axdr_body_kind() besides fixed sizes (>= 0). */
#define MSDK_COSEM_AXDR_BODY_STRING    (-1) /* A-XDR length + bytes */
#define MSDK_COSEM_AXDR_BODY_BITS      (-2) /* A-XDR bit count + ceil(bits / 8) bytes */
#define MSDK_COSEM_AXDR_BODY_CONTAINER (-3) /* array, structure, compact-array */
#define MSDK_COSEM_AXDR_BODY_UNKNOWN   (-4) /* not a COSEM data type */

/* Size of the body of a tag, or one of the MSDK_COSEM_AXDR_BODY_* classes. */
int msdk_cosem_axdr_body_kind(uint8_t tag);

/* ---- Writer primitives (inline: they run once per output byte) ------------------- */

/* Whether hdr + body bytes fit, without overflowing the sum. */
static inline bool msdk_cosem_axdr_wb_room(const msdk_wbuf_t *wb, size_t hdr, size_t body)
{
    if (wb->pos > wb->cap || (wb->p == NULL && wb->cap != 0u)) {
        return false;
    }
    size_t left = wb->cap - wb->pos;
    return left >= hdr && left - hdr >= body;
}

/* Stores one byte; the room has been checked. */
static inline void msdk_cosem_axdr_raw_u8(msdk_wbuf_t *wb, uint8_t b)
{
    wb->p[wb->pos] = b;
    wb->pos++;
}

/* Stores the low size bytes of v big-endian; the room has been checked. */
static inline void msdk_cosem_axdr_raw_be(msdk_wbuf_t *wb, uint64_t v, size_t size)
{
    for (size_t i = size; i > 0u; i--) {
        msdk_cosem_axdr_raw_u8(wb, (uint8_t)(v >> (8u * (i - 1u))));
    }
}

static inline void msdk_cosem_axdr_raw_bytes(msdk_wbuf_t *wb, const uint8_t *src, size_t n)
{
    if (n > 0u) {
        memcpy(wb->p + wb->pos, src, n);
        wb->pos += n;
    }
}

/* Stores an A-XDR length; the room has been checked. */
static inline void msdk_cosem_axdr_raw_length(msdk_wbuf_t *wb, uint32_t len)
{
    size_t size = msdk_cosem_axdr_length_size(len);
    if (size == 1u) {
        msdk_cosem_axdr_raw_u8(wb, (uint8_t)len);
    } else {
        msdk_cosem_axdr_raw_u8(wb, (uint8_t)(0x80u | (size - 1u)));
        msdk_cosem_axdr_raw_be(wb, len, size - 1u);
    }
}

/* Writes a tag followed by the low `size` bytes of v big-endian; size 0 writes the tag
 * alone (null-data, dont-care, a simple type description). */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_write_tag_be(msdk_wbuf_t *wb, uint8_t tag, uint64_t v,
                                                       size_t size);

/* Writes a tag followed by an A-XDR count (array or structure header). */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_write_header(msdk_wbuf_t *wb, uint8_t tag,
                                                       uint32_t count);

/* ---- Reader primitives ------------------------------------------------------------ */

/* Reads one tag byte; MALFORMED when it is not `expected`. */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_read_tag(msdk_rbuf_t *r, uint8_t expected);

/* Reads an A-XDR length in its shortest form only (see axdr.h). */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_read_length(msdk_rbuf_t *r, uint32_t *len);

/* Reads a length-prefixed byte string body and returns a reference into the input. */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_read_octets_body(msdk_rbuf_t *r, const uint8_t **ref,
                                                           size_t *len);

/* Reads an array or structure count; TRUNCATED when it exceeds the bytes left
 * (every element takes one byte at least). */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_read_count(msdk_rbuf_t *r, uint32_t *count);

/* Skips the body of a non-container type; MALFORMED for containers and unknown tags. */
MSDK_NODISCARD msdk_err_t msdk_cosem_axdr_skip_simple_body(msdk_rbuf_t *r, uint8_t tag);

#endif /* COSEM_AXDR_INTERNAL_H */
