/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * TCP-UDP wrapper (IEC 62056-47): header codec and TCP stream reassembler.
 *
 * The reassembler is a three-phase machine (header, body, ready) plus a
 * terminal "failed" phase. Header bytes are copied into a small array so that
 * a header split over several TCP segments needs no help from the caller;
 * APDU bytes go straight into the caller's buffer. The header is checked as
 * soon as its eighth byte arrives, before any APDU byte is stored, so an
 * oversized length never touches the buffer.
 */
#include <string.h>
#include "msdk/cosem/wrapper.h"

/* Reads the four big-endian fields of a complete 8-byte header. */
static void wrapper_parse(const uint8_t *raw, msdk_cosem_wrapper_hdr_t *h)
{
    h->version = (uint16_t)(((unsigned)raw[0] << 8) | raw[1]);
    h->src_wport = (uint16_t)(((unsigned)raw[2] << 8) | raw[3]);
    h->dst_wport = (uint16_t)(((unsigned)raw[4] << 8) | raw[5]);
    h->length = (uint16_t)(((unsigned)raw[6] << 8) | raw[7]);
}

/* Checks a parsed header against the fixed rules (version, non-empty). */
static msdk_err_t wrapper_check(const msdk_cosem_wrapper_hdr_t *h)
{
    if (h->version != MSDK_COSEM_WRAPPER_VERSION) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (h->length == 0u) {
        return MSDK_ERR_MALFORMED;
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_wrapper_encode_header(msdk_wbuf_t *wb, uint16_t src_wport, uint16_t dst_wport,
                                            size_t apdu_len)
{
    if (wb == NULL || apdu_len == 0u || apdu_len > MSDK_COSEM_WRAPPER_MAX_APDU) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t raw[MSDK_COSEM_WRAPPER_HEADER_LEN];
    raw[0] = (uint8_t)(MSDK_COSEM_WRAPPER_VERSION >> 8);
    raw[1] = (uint8_t)(MSDK_COSEM_WRAPPER_VERSION & 0xFFu);
    raw[2] = (uint8_t)(src_wport >> 8);
    raw[3] = (uint8_t)(src_wport & 0xFFu);
    raw[4] = (uint8_t)(dst_wport >> 8);
    raw[5] = (uint8_t)(dst_wport & 0xFFu);
    raw[6] = (uint8_t)(apdu_len >> 8);
    raw[7] = (uint8_t)(apdu_len & 0xFFu);
    return msdk_wbuf_put_bytes(wb, raw, sizeof raw);
}

msdk_err_t msdk_cosem_wrapper_encode(msdk_wbuf_t *wb, uint16_t src_wport, uint16_t dst_wport,
                                     const uint8_t *apdu, size_t apdu_len)
{
    if (wb == NULL || apdu == NULL || apdu_len == 0u || apdu_len > MSDK_COSEM_WRAPPER_MAX_APDU) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* All or nothing: check the room for both parts before writing either. */
    if (msdk_wbuf_remaining(wb) < MSDK_COSEM_WRAPPER_HEADER_LEN + apdu_len) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_err_t err = msdk_cosem_wrapper_encode_header(wb, src_wport, dst_wport, apdu_len);
    if (err == MSDK_OK) {
        err = msdk_wbuf_put_bytes(wb, apdu, apdu_len);
    }
    return err;
}

msdk_err_t msdk_cosem_wrapper_decode_header(const uint8_t *data, size_t len,
                                            msdk_cosem_wrapper_hdr_t *hdr)
{
    if (hdr == NULL || (data == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len < MSDK_COSEM_WRAPPER_HEADER_LEN) {
        return MSDK_ERR_TRUNCATED;
    }
    msdk_cosem_wrapper_hdr_t h;
    wrapper_parse(data, &h);
    msdk_err_t err = wrapper_check(&h);
    if (err == MSDK_OK) {
        *hdr = h;
    }
    return err;
}

msdk_err_t msdk_cosem_wrapper_decode(const uint8_t *data, size_t len, msdk_cosem_wrapper_hdr_t *hdr,
                                     const uint8_t **apdu, size_t *apdu_len)
{
    if (apdu == NULL || apdu_len == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_wrapper_hdr_t h;
    msdk_err_t err = msdk_cosem_wrapper_decode_header(data, len, hdr == NULL ? NULL : &h);
    if (err != MSDK_OK) {
        return err;
    }
    size_t body = len - MSDK_COSEM_WRAPPER_HEADER_LEN;
    if (body < h.length) {
        return MSDK_ERR_TRUNCATED;
    }
    if (body > h.length) {
        return MSDK_ERR_MALFORMED;
    }
    *hdr = h;
    *apdu = data + MSDK_COSEM_WRAPPER_HEADER_LEN;
    *apdu_len = h.length;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_wrapper_stream_init(msdk_cosem_wrapper_stream_t *s, uint8_t *buf, size_t cap)
{
    if (s == NULL || buf == NULL || cap == 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(s, 0, sizeof *s);
    s->buf = buf;
    s->cap = cap;
    s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_HEADER;
    return MSDK_OK;
}

void msdk_cosem_wrapper_stream_reset(msdk_cosem_wrapper_stream_t *s)
{
    if (s == NULL) {
        return;
    }
    s->got = 0u;
    s->raw_len = 0u;
    memset(&s->hdr, 0, sizeof s->hdr);
    s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_HEADER;
}

size_t msdk_cosem_wrapper_stream_pending(const msdk_cosem_wrapper_stream_t *s)
{
    if (s == NULL) {
        return 0u;
    }
    switch (s->phase) {
    case MSDK_COSEM_WRAPPER_PHASE_HEADER: return s->raw_len;
    case MSDK_COSEM_WRAPPER_PHASE_BODY: return MSDK_COSEM_WRAPPER_HEADER_LEN + s->got;
    default: return 0u;
    }
}

msdk_err_t msdk_cosem_wrapper_stream_feed(msdk_cosem_wrapper_stream_t *s, const uint8_t *data,
                                          size_t len, size_t *consumed,
                                          msdk_cosem_wrapper_hdr_t *hdr, const uint8_t **apdu,
                                          size_t *apdu_len)
{
    if (s == NULL || consumed == NULL || hdr == NULL || apdu == NULL || apdu_len == NULL ||
        (data == NULL && len > 0u) || s->buf == NULL || s->cap == 0u ||
        s->phase > (uint8_t)MSDK_COSEM_WRAPPER_PHASE_FAILED ||
        s->raw_len > MSDK_COSEM_WRAPPER_HEADER_LEN || s->hdr.length > s->cap ||
        s->got > s->hdr.length) {
        /* A NULL argument, or a struct that msdk_cosem_wrapper_stream_init() did not set up. */
        return MSDK_ERR_INVALID_ARG;
    }
    *consumed = 0u;
    if (s->phase == (uint8_t)MSDK_COSEM_WRAPPER_PHASE_FAILED) {
        return MSDK_ERR_STATE;
    }
    if (s->phase == (uint8_t)MSDK_COSEM_WRAPPER_PHASE_READY) {
        /* The previous APDU was handed out; its bytes are released now. */
        s->got = 0u;
        s->raw_len = 0u;
        s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_HEADER;
    }
    size_t pos = 0u;
    if (s->phase == (uint8_t)MSDK_COSEM_WRAPPER_PHASE_HEADER) {
        size_t need = MSDK_COSEM_WRAPPER_HEADER_LEN - s->raw_len;
        size_t take = (len - pos < need) ? len - pos : need;
        if (take > 0u) {
            memcpy(&s->raw[s->raw_len], data + pos, take);
        }
        s->raw_len = (uint8_t)(s->raw_len + take);
        pos += take;
        if (s->raw_len < MSDK_COSEM_WRAPPER_HEADER_LEN) {
            *consumed = pos;
            return MSDK_ERR_WOULD_BLOCK;
        }
        msdk_cosem_wrapper_hdr_t h;
        wrapper_parse(s->raw, &h);
        msdk_err_t err = wrapper_check(&h);
        if (err == MSDK_OK && h.length > s->cap) {
            err = MSDK_ERR_BUFFER_TOO_SMALL;
        }
        if (err != MSDK_OK) {
            /* No way to find the next header in a TCP stream: the connection is dead. */
            s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_FAILED;
            *consumed = pos;
            return err;
        }
        s->hdr = h;
        s->got = 0u;
        s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_BODY;
    }
    /* Body phase; s->hdr.length <= s->cap was checked when the header completed. */
    size_t need = (size_t)s->hdr.length - s->got;
    size_t take = (len - pos < need) ? len - pos : need;
    if (take > 0u) {
        memcpy(s->buf + s->got, data + pos, take);
    }
    s->got += take;
    pos += take;
    *consumed = pos;
    if (s->got < s->hdr.length) {
        return MSDK_ERR_WOULD_BLOCK;
    }
    s->phase = (uint8_t)MSDK_COSEM_WRAPPER_PHASE_READY;
    *hdr = s->hdr;
    *apdu = s->buf;
    *apdu_len = s->got;
    return MSDK_OK;
}
