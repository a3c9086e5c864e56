/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Pieces of the xDLMS codec that both sides use (defined in cosem_xdlms.c): the length
 * field, COSEM Data extents, the table-driven APDU decoder and the APDU header writers.
 * cosem_xdlms_server.c (request decoders, response encoders) and cosem_xdlms_client.c
 * (request encoders, response decoders) build on them.
 *
 * Every decoded APDU is described by a `const` table (::xdlms_apdu_t): its tag, its CHOICE
 * range and, for each choice, the fields that follow the Invoke-Id-And-Priority in order,
 * each with the offset of the member of the decoded struct it fills. One decoder,
 * msdk_cosem_xdlms_decode(), walks the tables; there is no per-APDU parsing code.
 *
 * Conventions:
 * - The decoder fills a zeroed local copy of the output and commits it only when the whole
 *   APDU was read; a failed decode leaves the caller's output untouched.
 * - Writers restore the writer position on error (bytes past it may have been overwritten,
 *   but are not part of the output).
 */
#ifndef COSEM_XDLMS_INTERNAL_H
#define COSEM_XDLMS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/xdlms.h"

/* ---- Table-driven decoding ------------------------------------------------ */

/* What one field of an APDU is, and what it fills at `off` (and `off2`) of the output. */
typedef enum xdlms_field_kind {
    XF_END = 0,       /* no more fields */
    XF_ATTR,          /* Cosem-Attribute-Descriptor -> msdk_cosem_xdlms_attr_desc_t */
    XF_ATTR_SEL,      /* ...-With-Selection -> msdk_cosem_xdlms_attr_sel_t */
    XF_METHOD,        /* Cosem-Method-Descriptor -> msdk_cosem_xdlms_method_desc_t */
    XF_DATA,          /* Data -> msdk_cosem_xdlms_raw_t */
    XF_OPT_DATA,      /* Data OPTIONAL -> bool at off, msdk_cosem_xdlms_raw_t at off2 */
    XF_BLOCK,         /* DataBlock-SA -> msdk_cosem_xdlms_datablock_t */
    XF_U8,            /* Unsigned8 (a result code) -> uint8_t */
    XF_ENUM,          /* Unsigned8 within 1..arg -> uint8_t, else MALFORMED */
    XF_U32,           /* Unsigned32 -> uint32_t */
    XF_BOOL,          /* BOOLEAN (00 FALSE, anything else TRUE) -> bool */
    XF_GET_RESULT,    /* Get-Data-Result -> msdk_cosem_xdlms_get_result_t */
    XF_BLOCK_RESULT,  /* DataBlock-G result: raw-data or dar -> msdk_cosem_xdlms_get_result_t */
    XF_ACTION_ITEM,   /* Action-Response-With-Optional-Data -> msdk_cosem_xdlms_action_item_t */
    XF_LIST,          /* SEQUENCE OF items of list kind arg -> msdk_cosem_xdlms_list_t */
    XF_SAME_COUNT,    /* check: the lists at off and off2 have as many items (else MALFORMED) */
    XF_DATE_TIME,     /* OCTET STRING, empty or 12 bytes -> msdk_cosem_xdlms_raw_t */
    XF_OPT_DATE_TIME, /* OCTET STRING (12 bytes) OPTIONAL -> bool at off, raw at off2 */
    XF_IC_IF_SERVICE, /* Unsigned32 -> off, when the byte at off2 is invocation-counter-error */
} xdlms_field_kind_t;

/* One field of an APDU. */
typedef struct xdlms_field {
    uint8_t kind;  /* xdlms_field_kind_t */
    uint8_t arg;   /* XF_LIST: msdk_cosem_xdlms_list_kind_t; XF_ENUM: the largest value */
    uint16_t off;  /* offset of the member filled */
    uint16_t off2; /* second member (XF_OPT_*, XF_SAME_COUNT, XF_IC_IF_SERVICE) */
} xdlms_field_t;

/* Most fields a choice of an APDU has (the last entry of a row may be XF_END padding). */
#define XDLMS_FIELDS_MAX 3u

/* A decoded APDU: tag, CHOICE 1..choices (0: the APDU has no CHOICE and no
 * Invoke-Id-And-Priority), and the fields of each choice (row choice - 1; row 0 without a
 * CHOICE). With a CHOICE, the decoded struct starts with `uint8_t type; uint8_t iip;`. */
typedef struct xdlms_apdu {
    uint8_t tag;
    uint8_t choices;
    const xdlms_field_t (*fields)[XDLMS_FIELDS_MAX];
} xdlms_apdu_t;

/* Decodes one APDU described by `spec` into `out` (`size` bytes, the size of the decoded
 * struct): NULL `out` or `apdu` NULL with `len` > 0 is MSDK_ERR_INVALID_ARG; a wrong tag,
 * a choice out of range, a malformed field or trailing bytes MSDK_ERR_MALFORMED; an early
 * end MSDK_ERR_TRUNCATED; a list longer than `max_items` MSDK_ERR_NO_SPACE. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_decode(const uint8_t *apdu, size_t len, size_t max_items,
                                                  const xdlms_apdu_t *spec, void *out, size_t size);

/* Skips one COSEM Data value with msdk_cosem_axdr_skip() (nesting limit
 * MSDK_COSEM_AXDR_DEPTH_MAX) and returns its extent. The reader and `out` are
 * unchanged on error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_data(msdk_rbuf_t *rb, msdk_cosem_xdlms_raw_t *out);

/* ---- Writing ------------------------------------------------------------- */

/* Writes a length in its shortest BER definite form; lengths above
 * 0xFFFFFFFF are MSDK_ERR_INVALID_ARG. Nothing is written on error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_len(msdk_wbuf_t *wb, size_t n);

/* Cosem-Method-Descriptor; `m` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t
msdk_cosem_xdlms_write_method_desc(msdk_wbuf_t *wb, const msdk_cosem_xdlms_method_desc_t *m);

/* Cosem-Attribute-Descriptor; `a` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_attr_desc(msdk_wbuf_t *wb,
                                                           const msdk_cosem_xdlms_attr_desc_t *a);

/* tag, CHOICE, iip, `pre_len` bytes of `pre` (may be NULL when 0), then, when `number` is
 * not NULL, the 4-byte block-number *number: the start of most APDUs. `wb` NULL is
 * MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_hdr(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice,
                                                     uint8_t iip, const uint8_t *pre,
                                                     size_t pre_len, const uint32_t *number);

#endif /* COSEM_XDLMS_INTERNAL_H */
