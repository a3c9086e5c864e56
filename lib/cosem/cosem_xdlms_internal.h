/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Pieces of the xDLMS codec that both sides use (defined in cosem_xdlms.c):
 * the length field, COSEM Data extents, the common structures (descriptors,
 * selective access, data blocks, results, lists) and the APDU header helpers.
 * cosem_xdlms_server.c (request decoders, response encoders) and
 * cosem_xdlms_client.c (request encoders, response decoders) build on them.
 *
 * Conventions:
 * - Readers fill the caller's struct field by field, so on error it may be
 *   partly written; the public decoders always pass a local copy and commit
 *   it only on success. Unless a comment says otherwise, a failed reader may
 *   leave the reader position anywhere; the public decoders work on a local
 *   reader too.
 * - Writers restore the writer position on error (bytes past it may have
 *   been overwritten, but are not part of the output).
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

/* ---- Reading ------------------------------------------------------------- */

/* Reads a BER definite length (octet-string length or SEQUENCE OF count):
 * one byte below 0x80, else 0x81..0x84 and 1..4 bytes big-endian (non-minimal
 * forms accepted). 0x80 and 0x85.. are MALFORMED. The reader is unchanged on
 * error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_len(msdk_rbuf_t *rb, size_t *out);

/* Skips one COSEM Data value with msdk_cosem_axdr_skip() (nesting limit
 * MSDK_COSEM_AXDR_DEPTH_MAX) and returns its extent. The reader and `out` are
 * unchanged on error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_data(msdk_rbuf_t *rb, msdk_cosem_xdlms_raw_t *out);

/* Reads an OPTIONAL presence byte; only 00 and 01 are accepted. The reader is
 * unchanged on error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_flag(msdk_rbuf_t *rb, bool *present);

/* Cosem-Attribute-Descriptor: class-id, instance-id, attribute-id. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_attr_desc(msdk_rbuf_t *rb,
                                                          msdk_cosem_xdlms_attr_desc_t *out);

/* Cosem-Method-Descriptor: class-id, instance-id, method-id. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_method_desc(msdk_rbuf_t *rb,
                                                            msdk_cosem_xdlms_method_desc_t *out);

/* Cosem-Attribute-Descriptor-With-Selection: the descriptor and the optional
 * selective access (selector and one Data value of parameters). */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_attr_sel(msdk_rbuf_t *rb,
                                                         msdk_cosem_xdlms_attr_sel_t *out);

/* DataBlock-SA: last-block, block-number, raw-data (referenced in place). */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_datablock(msdk_rbuf_t *rb,
                                                          msdk_cosem_xdlms_datablock_t *out);

/* Get-Data-Result: CHOICE { data [0] Data, data-access-result [1] }. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_get_result(msdk_rbuf_t *rb,
                                                           msdk_cosem_xdlms_get_result_t *out);

/* Action-Response-With-Optional-Data: result, Get-Data-Result OPTIONAL. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_action_item(msdk_rbuf_t *rb,
                                                            msdk_cosem_xdlms_action_item_t *out);

/* Reads a SEQUENCE OF items of one kind (msdk_cosem_xdlms_list_kind_t): the
 * count, then every item is validated so that iterating the list later
 * cannot fail. A count above `max_items` is MSDK_ERR_NO_SPACE, a count above
 * the bytes left MSDK_ERR_TRUNCATED. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_list(msdk_rbuf_t *rb, uint8_t kind,
                                                     size_t max_items,
                                                     msdk_cosem_xdlms_list_t *out);

/* Starts decoding an APDU: initialises `rb` over it, checks the APDU tag and,
 * when `choice` is not NULL, reads the CHOICE byte that follows. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_decode_begin(msdk_rbuf_t *rb, const uint8_t *apdu,
                                                        size_t len, uint8_t tag, uint8_t *choice);

/* Ends decoding: the whole APDU must have been consumed (MALFORMED if not). */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_decode_end(const msdk_rbuf_t *rb);

/* Reads the fields of an APDU after its tag (and CHOICE byte, given as `choice`; 0 for
 * APDUs without one) into `r`, a zeroed struct of the APDU's decoded type. */
typedef msdk_err_t (*msdk_cosem_xdlms_body_fn_t)(msdk_rbuf_t *rb, uint8_t choice, size_t max_items,
                                                 void *r);

/* Decodes a whole APDU: `out` NULL is MSDK_ERR_INVALID_ARG; then `scratch` (`size` bytes,
 * of the same type as `out`) is zeroed, filled by msdk_cosem_xdlms_decode_begin(), `body`
 * and msdk_cosem_xdlms_decode_end(), and copied to `out` only on success. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_decode_apdu(const uint8_t *apdu, size_t len, uint8_t tag,
                                                       bool has_choice, size_t max_items,
                                                       msdk_cosem_xdlms_body_fn_t body,
                                                       void *scratch, void *out, size_t size);

/* The start of a service APDU body: `choice` must be within [lo, hi] (MALFORMED if not),
 * then the Invoke-Id-And-Priority byte is read into `iip`. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_read_iip(msdk_rbuf_t *rb, uint8_t choice, uint8_t lo,
                                                    uint8_t hi, uint8_t *iip);

/* ---- Writing ------------------------------------------------------------- */

/* Writes a length in its shortest BER definite form; lengths above
 * 0xFFFFFFFF are MSDK_ERR_INVALID_ARG. Nothing is written on error. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_len(msdk_wbuf_t *wb, size_t n);

/* Cosem-Attribute-Descriptor; `a` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_attr_desc(msdk_wbuf_t *wb,
                                                           const msdk_cosem_xdlms_attr_desc_t *a);

/* Cosem-Method-Descriptor; `m` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t
msdk_cosem_xdlms_write_method_desc(msdk_wbuf_t *wb, const msdk_cosem_xdlms_method_desc_t *m);

/* tag, CHOICE, Invoke-Id-And-Priority: the first three bytes of most APDUs.
 * `wb` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_hdr(msdk_wbuf_t *wb, uint8_t tag, uint8_t choice,
                                                     uint8_t iip);

/* tag, CHOICE, iip, `pre_len` bytes of `pre` (may be NULL when 0), then the
 * 4-byte block-number. `wb` NULL is MSDK_ERR_INVALID_ARG. */
MSDK_NODISCARD msdk_err_t msdk_cosem_xdlms_write_hdr_block(msdk_wbuf_t *wb, uint8_t tag,
                                                           uint8_t choice, uint8_t iip,
                                                           const uint8_t *pre, size_t pre_len,
                                                           uint32_t block_number);

#endif /* COSEM_XDLMS_INTERNAL_H */
