/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * BER (X.690) primitives of the ACSE codec: the element reader (tag and
 * definite length), INTEGER, BIT STRING, OCTET STRING and DLMS UA OID readers
 * and writers, and the two-pass emitter the ACSE and xDLMS Initiate encoders
 * run on. Only the subset DLMS uses is supported; see cosem_acse_internal.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "msdk/config.h"
#include "msdk/core/bytebuf.h"
#include "cosem_acse_internal.h"

/* The DLMS UA OID arcs 2.16.756.5.8 (then <arc>.<last>), encoded. */
static const uint8_t dlms_oid_prefix[5] = { 0x60, 0x85, 0x74, 0x05, 0x08 };

/* ---- Reading ------------------------------------------------------------------------------ */

/* Reads a definite BER length (short form, or long form with 1..4 bytes). */
static msdk_err_t ber_get_len(msdk_rbuf_t *rb, size_t *len)
{
    uint8_t b = 0;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &b);
    if (err != MSDK_OK) {
        return err;
    }
    if (b < 0x80u) {
        *len = b;
        return MSDK_OK;
    }
    if (b == 0x80u || b > 0x84u) {
        return MSDK_ERR_MALFORMED; /* indefinite form, or more than 4 length bytes */
    }
    uint64_t v = 0;
    err = msdk_rbuf_get_uintbe(rb, (size_t)(b & 0x7Fu), &v);
    if (err != MSDK_OK) {
        return err;
    }
    *len = (size_t)v; /* at most 32 bits: fits size_t on every target */
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_get(msdk_rbuf_t *rb, msdk_cosem_ber_elem_t *e)
{
    uint8_t id = 0;
    msdk_err_t err = msdk_rbuf_get_u8(rb, &id);
    if (err != MSDK_OK) {
        return err;
    }
    uint32_t num = id & 0x1Fu;
    if (num == 0x1Fu) {
        /* High tag number form: base-128, at most 3 bytes, no leading zero digit. */
        num = 0;
        for (unsigned i = 0;; i++) {
            uint8_t b = 0;
            err = msdk_rbuf_get_u8(rb, &b);
            if (err != MSDK_OK) {
                return err;
            }
            if ((i == 0u && b == 0x80u) || i == 3u) {
                return MSDK_ERR_MALFORMED;
            }
            num = (num << 7) | (uint32_t)(b & 0x7Fu);
            if ((b & 0x80u) == 0u) {
                break;
            }
        }
        if (num < 0x1Fu) {
            return MSDK_ERR_MALFORMED;
        }
    }
    size_t len = 0;
    err = ber_get_len(rb, &len);
    if (err != MSDK_OK) {
        return err;
    }
    err = msdk_rbuf_get_sub(rb, len, &e->val);
    if (err != MSDK_OK) {
        return err;
    }
    e->id = id;
    e->num = num;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_get_only(const msdk_cosem_ber_elem_t *outer, uint8_t id, msdk_rbuf_t *val)
{
    if ((outer->id & MSDK_COSEM_BER_CONSTRUCTED) == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_rbuf_t rb = outer->val;
    msdk_cosem_ber_elem_t inner;
    msdk_err_t err = msdk_cosem_ber_nested(msdk_cosem_ber_get(&rb, &inner));
    if (err != MSDK_OK) {
        return err;
    }
    if (inner.id != id || msdk_rbuf_remaining(&rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    *val = inner.val;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_primitive(const msdk_cosem_ber_elem_t *e, msdk_rbuf_t *val)
{
    if ((e->id & MSDK_COSEM_BER_CONSTRUCTED) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    *val = e->val;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_int(msdk_rbuf_t val, uint32_t max, uint32_t *out)
{
    size_t n = msdk_rbuf_remaining(&val);
    if (n == 0u || n > 5u) {
        return MSDK_ERR_MALFORMED;
    }
    uint8_t b0 = val.p[val.pos];
    if (n > 1u) {
        uint8_t b1 = val.p[val.pos + 1u];
        if ((b0 == 0x00u && b1 < 0x80u) || (b0 == 0xFFu && b1 >= 0x80u)) {
            return MSDK_ERR_MALFORMED; /* not minimal */
        }
    }
    if (b0 >= 0x80u) {
        return MSDK_ERR_MALFORMED; /* negative: no field here is */
    }
    uint64_t v = 0;
    msdk_err_t err = msdk_rbuf_get_uintbe(&val, n, &v);
    if (err != MSDK_OK) {
        return err;
    }
    if (v > max) {
        return MSDK_ERR_MALFORMED;
    }
    *out = (uint32_t)v;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_explicit_int(const msdk_cosem_ber_elem_t *e, uint32_t max, uint32_t *v)
{
    msdk_rbuf_t val;
    msdk_err_t err = msdk_cosem_ber_get_only(e, MSDK_COSEM_BER_INTEGER, &val);
    return err == MSDK_OK ? msdk_cosem_ber_int(val, max, v) : err;
}

msdk_err_t msdk_cosem_ber_explicit_octets(const msdk_cosem_ber_elem_t *e, const uint8_t **p,
                                          size_t *n)
{
    msdk_rbuf_t val;
    msdk_err_t err = msdk_cosem_ber_get_only(e, MSDK_COSEM_BER_OCTET_STRING, &val);
    if (err == MSDK_OK) {
        *n = msdk_rbuf_remaining(&val);
        *p = &val.p[val.pos];
    }
    return err;
}

/* Bit 0 of BIT STRING contents (the authentication bit, the version1 bit). */
static msdk_err_t bit_string_bit0(msdk_rbuf_t val, bool *bit)
{
    uint8_t unused = 0;
    msdk_err_t err = msdk_cosem_ber_nested(msdk_rbuf_get_u8(&val, &unused));
    if (err != MSDK_OK) {
        return err;
    }
    size_t n = msdk_rbuf_remaining(&val);
    if (unused > 7u || (n == 0u && unused != 0u)) {
        return MSDK_ERR_MALFORMED;
    }
    *bit = n > 0u && (val.p[val.pos] & 0x80u) != 0u;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_ber_bit0(const msdk_cosem_ber_elem_t *e, bool *bit)
{
    msdk_rbuf_t val;
    msdk_err_t err = msdk_cosem_ber_primitive(e, &val);
    return err == MSDK_OK ? bit_string_bit0(val, bit) : err;
}

msdk_err_t msdk_cosem_ber_dlms_oid(msdk_rbuf_t val, uint8_t arc, int *last)
{
    size_t n = msdk_rbuf_remaining(&val);
    if (n == 0u || (val.p[val.pos + n - 1u] & 0x80u) != 0u) {
        return MSDK_ERR_MALFORMED; /* empty, or the last sub-identifier is unfinished */
    }
    *last = -1;
    if (n == MSDK_COSEM_BER_DLMS_OID_LEN &&
        memcmp(&val.p[val.pos], dlms_oid_prefix, sizeof dlms_oid_prefix) == 0 &&
        val.p[val.pos + 5u] == arc) {
        *last = val.p[val.pos + 6u];
    }
    return MSDK_OK;
}

/* ---- Emitting ----------------------------------------------------------------------------- */

void msdk_cosem_ber_out_u8(msdk_cosem_ber_out_t *o, uint8_t v)
{
    o->n++;
    if (o->wb != NULL && o->err == MSDK_OK) {
        o->err = msdk_wbuf_put_u8(o->wb, v);
    }
}

void msdk_cosem_ber_out_bytes(msdk_cosem_ber_out_t *o, const uint8_t *p, size_t n)
{
    o->n += n;
    if (o->wb != NULL && o->err == MSDK_OK) {
        o->err = msdk_wbuf_put_bytes(o->wb, p, n);
    }
}

/* Bytes of a BER length (lengths stay below 2^24: MSDK_COSEM_ACSE_RAW_MAX bounds them). */
static size_t len_size(size_t len)
{
    return len < 0x80u ? 1u : (len <= 0xFFu ? 2u : (len <= 0xFFFFu ? 3u : 4u));
}

size_t msdk_cosem_ber_tlv_size(size_t content)
{
    return 1u + len_size(content) + content;
}

void msdk_cosem_ber_out_hdr(msdk_cosem_ber_out_t *o, uint8_t id, size_t len)
{
    msdk_cosem_ber_out_u8(o, id);
    size_t n = len_size(len);
    if (n > 1u) {
        msdk_cosem_ber_out_u8(o, (uint8_t)(0x80u | (n - 1u)));
    }
    for (size_t i = n - 1u; i > 0u; i--) {
        msdk_cosem_ber_out_u8(o, (uint8_t)(len >> (8u * (i - 1u))));
    }
    if (n == 1u) {
        msdk_cosem_ber_out_u8(o, (uint8_t)len);
    }
}

size_t msdk_cosem_ber_int_size(uint32_t v)
{
    size_t n = 1;
    while (n < 5u && (v >> (8u * n - 1u)) != 0u) {
        n++;
    }
    return n;
}

void msdk_cosem_ber_out_explicit_int(msdk_cosem_ber_out_t *o, uint8_t id, uint32_t v)
{
    size_t n = msdk_cosem_ber_int_size(v);
    msdk_cosem_ber_out_hdr(o, id, msdk_cosem_ber_tlv_size(n));
    msdk_cosem_ber_out_hdr(o, MSDK_COSEM_BER_INTEGER, n);
    for (size_t i = n; i > 0u; i--) {
        msdk_cosem_ber_out_u8(o, i > 4u ? 0u : (uint8_t)(v >> (8u * (i - 1u))));
    }
}

void msdk_cosem_ber_out_explicit_octets(msdk_cosem_ber_out_t *o, uint8_t id, const uint8_t *p,
                                        size_t n)
{
    msdk_cosem_ber_out_hdr(o, id, msdk_cosem_ber_tlv_size(n));
    msdk_cosem_ber_out_hdr(o, MSDK_COSEM_BER_OCTET_STRING, n);
    msdk_cosem_ber_out_bytes(o, p, n);
}

void msdk_cosem_ber_out_dlms_oid(msdk_cosem_ber_out_t *o, uint8_t arc, uint8_t last)
{
    msdk_cosem_ber_out_bytes(o, dlms_oid_prefix, sizeof dlms_oid_prefix);
    msdk_cosem_ber_out_u8(o, arc);
    msdk_cosem_ber_out_u8(o, last);
}

size_t msdk_cosem_ber_sized(msdk_cosem_ber_emit_fn_t fn, const void *obj)
{
    msdk_cosem_ber_out_t s = { NULL, 0, MSDK_OK };
    fn(&s, obj);
    return s.n;
}

msdk_err_t msdk_cosem_ber_encode(msdk_wbuf_t *wb, msdk_cosem_ber_emit_fn_t fn, const void *obj)
{
    size_t n = msdk_cosem_ber_sized(fn, obj);
    if (n > msdk_wbuf_remaining(wb)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    uint8_t *dst = NULL;
    msdk_err_t err = msdk_wbuf_reserve(wb, n, &dst);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_wbuf_t inner;
    msdk_wbuf_init(&inner, dst, n);
    msdk_cosem_ber_out_t w = { &inner, 0, MSDK_OK };
    fn(&w, obj);
    if (w.err == MSDK_OK && inner.pos != n) {
        w.err = MSDK_ERR_STATE; /* the two passes disagree: a bug, never on the wire */
    }
    if (w.err != MSDK_OK) {
        wb->pos -= n;
    }
    return w.err;
}
