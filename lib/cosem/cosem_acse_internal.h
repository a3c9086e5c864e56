/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Private to the ACSE codec of libcosem (public API: msdk/cosem/acse.h). It is
 * split into three sources that share what this header declares:
 * - cosem_ber.c: the BER primitives (element, length and tag reader,
 *   INTEGER, BIT STRING, OCTET STRING and DLMS UA OID readers and writers)
 *   and the two-pass emitter every encoder of the codec runs on;
 * - cosem_initiate.c: the xDLMS InitiateRequest, InitiateResponse and
 *   ConfirmedServiceError APDUs (A-XDR), their negotiation, and the contents
 *   of the ACSE user-information field;
 * - cosem_acse.c: the AARQ, AARE, RLRQ and RLRE APDUs (BER).
 *
 * Decoding: every element is read with msdk_cosem_ber_get() into a
 * sub-reader over its contents, so no field can read outside its element.
 * The outer APDU is read from the caller's input (a short input is
 * MSDK_ERR_TRUNCATED); everything inside it is nested (an element running
 * past its parent is MSDK_ERR_MALFORMED, see msdk_cosem_ber_nested()).
 * Results are built in a local struct and copied to the caller only on
 * success; locals that held secrets are wiped.
 *
 * Encoding: each APDU has one emit function (msdk_cosem_ber_emit_fn_t) that
 * writes through a msdk_cosem_ber_out_t. It runs twice: a sizing pass (no
 * writer, it only counts) and, once the caller's writer is known to have
 * room, a writing pass into the reserved bytes (msdk_cosem_ber_encode()).
 * BER lengths of constructed elements come from sizing passes of their
 * contents. Nothing is written when the APDU does not fit.
 */
#ifndef MSDK_COSEM_ACSE_INTERNAL_H
#define MSDK_COSEM_ACSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/acse.h"

/* ---- Constants ---------------------------------------------------------------------------- */

/* BER identifier octet: class bits, constructed bit. */
#define MSDK_COSEM_BER_CLASS_MASK  0xC0u
#define MSDK_COSEM_BER_CLASS_CTX   0x80u
#define MSDK_COSEM_BER_CONSTRUCTED 0x20u

/* BER universal tags. */
#define MSDK_COSEM_BER_INTEGER      0x02u
#define MSDK_COSEM_BER_BIT_STRING   0x03u
#define MSDK_COSEM_BER_OCTET_STRING 0x04u
#define MSDK_COSEM_BER_OID          0x06u

/* Contents length of a DLMS UA OID 2.16.756.5.8.<arc>.<last>. */
#define MSDK_COSEM_BER_DLMS_OID_LEN 7u

/* Which plain xDLMS APDUs a user-information field may hold (bit set). */
#define MSDK_COSEM_ACSE_UI_ALLOW_REQUEST  0x01u
#define MSDK_COSEM_ACSE_UI_ALLOW_RESPONSE 0x02u
#define MSDK_COSEM_ACSE_UI_ALLOW_SERR     0x04u

/*
 * Largest referenced field an encoder copies (ciphered user information, the
 * called AP title, AE qualifiers). It keeps every BER length below 2^24.
 */
#define MSDK_COSEM_ACSE_RAW_MAX 0xFFFFu

/* ---- Small helpers ------------------------------------------------------------------------ */

/* Clears memory that held secrets; the volatile stores are not optimised away. */
static inline void msdk_cosem_acse_wipe(void *p, size_t n)
{
    volatile uint8_t *v = (volatile uint8_t *)p;
    while (n > 0u) {
        *v = 0u;
        v++;
        n--;
    }
}

/* Inside an element, running out of bytes means a length lied: malformed. */
static inline msdk_err_t msdk_cosem_ber_nested(msdk_err_t err)
{
    return err == MSDK_ERR_TRUNCATED ? MSDK_ERR_MALFORMED : err;
}

/* Argument check of the public decoders: an output, and data unless empty. */
static inline bool msdk_cosem_acse_args_ok(const uint8_t *p, size_t len, const void *out)
{
    return out != NULL && (p != NULL || len == 0u);
}

/* ---- BER reading (cosem_ber.c) ------------------------------------------------------------ */

/* One BER element: its first identifier octet, its tag number and its contents. */
typedef struct msdk_cosem_ber_elem {
    uint8_t id;
    uint32_t num;
    msdk_rbuf_t val;
} msdk_cosem_ber_elem_t;

/*
 * Reads one element (tag in low or high tag number form up to 3 bytes, definite
 * length up to 4 length bytes) and advances past it. A length running past the
 * reader is MSDK_ERR_TRUNCATED; a bad tag or length form is MSDK_ERR_MALFORMED.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_get(msdk_rbuf_t *rb, msdk_cosem_ber_elem_t *e);

/*
 * Contents of the only element inside the EXPLICIT wrapper @p outer, which
 * must be constructed; the inner element must have identifier @p id.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_get_only(const msdk_cosem_ber_elem_t *outer, uint8_t id,
                                                  msdk_rbuf_t *val);

/* Contents of a primitive element (a constructed one is MSDK_ERR_MALFORMED). */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_primitive(const msdk_cosem_ber_elem_t *e,
                                                   msdk_rbuf_t *val);

/* INTEGER contents (minimal two's complement, 1..5 bytes, not negative) in 0..max. */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_int(msdk_rbuf_t val, uint32_t max, uint32_t *out);

/* An EXPLICIT INTEGER in 0..max. */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_explicit_int(const msdk_cosem_ber_elem_t *e, uint32_t max,
                                                      uint32_t *v);

/* An EXPLICIT OCTET STRING, returned as a reference into the input. */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_explicit_octets(const msdk_cosem_ber_elem_t *e,
                                                         const uint8_t **p, size_t *n);

/* Bit 0 of a primitive (IMPLICIT) BIT STRING element. */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_bit0(const msdk_cosem_ber_elem_t *e, bool *bit);

/*
 * OID contents: *last is the last arc of a DLMS UA OID 2.16.756.5.8.<arc>.x,
 * or -1 for any other well-formed OID.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_dlms_oid(msdk_rbuf_t val, uint8_t arc, int *last);

/* ---- Two-pass emitter and BER writing (cosem_ber.c) --------------------------------------- */

/*
 * Output of an emit pass. With wb NULL it only counts bytes in n (sizing
 * pass); otherwise it also writes, and the first writer error sticks in err.
 */
typedef struct msdk_cosem_ber_out {
    msdk_wbuf_t *wb;
    size_t n;
    msdk_err_t err;
} msdk_cosem_ber_out_t;

/* Emits one object (an APDU, the fields of one, ...) through @p o. */
typedef void (*msdk_cosem_ber_emit_fn_t)(msdk_cosem_ber_out_t *o, const void *obj);

/* One byte. */
void msdk_cosem_ber_out_u8(msdk_cosem_ber_out_t *o, uint8_t v);

/* @p n bytes. */
void msdk_cosem_ber_out_bytes(msdk_cosem_ber_out_t *o, const uint8_t *p, size_t n);

/* Size of a whole element (identifier, length, contents) with @p content bytes. */
size_t msdk_cosem_ber_tlv_size(size_t content);

/* Identifier octet @p id and the shortest definite form of @p len (< 2^24). */
void msdk_cosem_ber_out_hdr(msdk_cosem_ber_out_t *o, uint8_t id, size_t len);

/* Size of the contents of a non-negative INTEGER (minimal two's complement). */
size_t msdk_cosem_ber_int_size(uint32_t v);

/* [id] EXPLICIT INTEGER */
void msdk_cosem_ber_out_explicit_int(msdk_cosem_ber_out_t *o, uint8_t id, uint32_t v);

/* [id] EXPLICIT OCTET STRING */
void msdk_cosem_ber_out_explicit_octets(msdk_cosem_ber_out_t *o, uint8_t id, const uint8_t *p,
                                        size_t n);

/* Contents of the DLMS UA OID 2.16.756.5.8.<arc>.<last>. */
void msdk_cosem_ber_out_dlms_oid(msdk_cosem_ber_out_t *o, uint8_t arc, uint8_t last);

/* Number of bytes @p fn emits for @p obj (a sizing pass). */
size_t msdk_cosem_ber_sized(msdk_cosem_ber_emit_fn_t fn, const void *obj);

/*
 * Sizes what @p fn emits for @p obj, then writes it into room reserved in
 * @p wb. On error (MSDK_ERR_BUFFER_TOO_SMALL, or MSDK_ERR_STATE when the two
 * passes disagree, a bug) the writer position is unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_ber_encode(msdk_wbuf_t *wb, msdk_cosem_ber_emit_fn_t fn,
                                                const void *obj);

/* ---- User-information contents (cosem_initiate.c) ----------------------------------------- */

/*
 * Decodes the xDLMS APDU inside a user-information field (the contents of its
 * OCTET STRING, read to the end) into @p ui: an InitiateRequest, an
 * InitiateResponse or a ConfirmedServiceError when @p allow has the matching
 * MSDK_COSEM_ACSE_UI_ALLOW_* bit, or a reference to a ciphered APDU that may
 * stand for one of those. Any other tag is MSDK_ERR_NOT_SUPPORTED, an empty
 * field MSDK_ERR_MALFORMED. Too few bytes give MSDK_ERR_TRUNCATED: the caller
 * maps it with msdk_cosem_ber_nested(). @p ui may be partly written on error.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_initiate_ui_parse(msdk_rbuf_t *val, unsigned allow,
                                                       msdk_cosem_user_info_t *ui);

/*
 * Emits the xDLMS APDU of a user-information field; @p obj is a
 * msdk_cosem_user_info_t accepted by msdk_cosem_initiate_ui_valid(). Emits
 * nothing for MSDK_COSEM_UI_NONE.
 */
void msdk_cosem_initiate_ui_emit(msdk_cosem_ber_out_t *o, const void *obj);

/* Whether an encoder may emit @p ui in a field that allows @p allow. */
bool msdk_cosem_initiate_ui_valid(const msdk_cosem_user_info_t *ui, unsigned allow);

#endif /* MSDK_COSEM_ACSE_INTERNAL_H */
