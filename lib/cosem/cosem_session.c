/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Connections of a COSEM server: the wrapper and HDLC transports bound to the association
 * state (server.h). */
#include <string.h>

#include "msdk/cosem/session.h"

/* ---- Wrapper ------------------------------------------------------------------------------ */

msdk_err_t msdk_cosem_wrapper_session_init(msdk_cosem_wrapper_session_t *s,
                                           const msdk_cosem_ldev_t *ld, uint16_t server_wport,
                                           uint8_t *rx, size_t rx_cap, uint8_t *scratch,
                                           size_t scratch_cap)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(s, 0, sizeof(*s));
    msdk_err_t err = msdk_cosem_wrapper_stream_init(&s->stream, rx, rx_cap);
    if (err == MSDK_OK) {
        err = msdk_cosem_assoc_init(&s->assoc, ld, scratch, scratch_cap);
    }
    s->server_wport = server_wport;
    return err;
}

msdk_err_t msdk_cosem_wrapper_session_rx(msdk_cosem_wrapper_session_t *s, const uint8_t *data,
                                         size_t len, size_t *consumed, msdk_wbuf_t *tx)
{
    if ((s == NULL) || (consumed == NULL) || (tx == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_wrapper_hdr_t hdr;
    const uint8_t *apdu = NULL;
    size_t apdu_len = 0u;
    msdk_err_t err =
        msdk_cosem_wrapper_stream_feed(&s->stream, data, len, consumed, &hdr, &apdu, &apdu_len);
    if ((err != MSDK_OK) || (hdr.dst_wport != s->server_wport)) {
        return err; /* no APDU yet, a failed stream, or one for another logical device */
    }
    /* The response APDU after room for its header, then the header in front of it. */
    if (msdk_wbuf_remaining(tx) <= MSDK_COSEM_WRAPPER_HEADER_LEN) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    size_t mark = tx->pos;
    msdk_wbuf_t w = *tx;
    w.pos += MSDK_COSEM_WRAPPER_HEADER_LEN;
    err = msdk_cosem_server_apdu(&s->assoc, hdr.src_wport, apdu, apdu_len, &w);
    size_t resp_len = w.pos - mark - MSDK_COSEM_WRAPPER_HEADER_LEN;
    if ((err != MSDK_OK) || (resp_len == 0u)) {
        return (err == MSDK_OK) ? MSDK_OK : MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_wbuf_t h;
    msdk_wbuf_init(&h, &tx->p[mark], MSDK_COSEM_WRAPPER_HEADER_LEN);
    err = msdk_cosem_wrapper_encode_header(&h, s->server_wport, hdr.src_wport, resp_len);
    if (err == MSDK_OK) {
        tx->pos = w.pos;
    }
    return err;
}

void msdk_cosem_wrapper_session_close(msdk_cosem_wrapper_session_t *s)
{
    if (s != NULL) {
        msdk_cosem_assoc_release(&s->assoc);
        msdk_cosem_wrapper_stream_reset(&s->stream);
    }
}

/* ---- HDLC --------------------------------------------------------------------------------- */

msdk_err_t msdk_cosem_hdlc_session_init(msdk_cosem_hdlc_session_t *s, const msdk_cosem_ldev_t *ld,
                                        const msdk_cosem_hdlc_server_config_t *cfg, uint8_t *resp,
                                        size_t resp_cap, uint8_t *scratch, size_t scratch_cap)
{
    if ((s == NULL) || (resp == NULL) || (resp_cap == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(s, 0, sizeof(*s));
    msdk_err_t err = msdk_cosem_hdlc_server_init(&s->link, cfg);
    if (err == MSDK_OK) {
        err = msdk_cosem_assoc_init(&s->assoc, ld, scratch, scratch_cap);
    }
    s->resp = resp;
    s->resp_cap = resp_cap;
    return err;
}

/* Link events, and the answer to a complete APDU. */
static void service(msdk_cosem_hdlc_session_t *s)
{
    uint32_t ev = msdk_cosem_hdlc_server_take_events(&s->link);
    s->events |= ev;
    if ((ev & (MSDK_COSEM_HDLC_EVT_DISCONNECTED | MSDK_COSEM_HDLC_EVT_CONNECTED)) != 0u) {
        /* A new SNRM or a disconnection ends the application association. */
        msdk_cosem_assoc_release(&s->assoc);
    }
    const uint8_t *apdu = NULL;
    size_t len = 0u;
    if (msdk_cosem_hdlc_server_tx_busy(&s->link) ||
        (msdk_cosem_hdlc_server_take_apdu(&s->link, &apdu, &len) != MSDK_OK)) {
        return;
    }
    /* IEC 62056-46: the LLC header E6 E6 00 precedes every request APDU in the I-frames,
     * E6 E7 00 every response. A request without it is not for the COSEM layer. */
    uint16_t client = 0u;
    uint16_t logical = 0u;
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, s->resp, s->resp_cap);
    bool llc = (len > MSDK_COSEM_LLC_LEN) && (apdu[0] == MSDK_COSEM_LLC_DEST) &&
               (apdu[1] == MSDK_COSEM_LLC_DEST) && (apdu[2] == 0u);
    if (!llc || (msdk_wbuf_put_u8(&w, MSDK_COSEM_LLC_DEST) != MSDK_OK) ||
        (msdk_wbuf_put_u8(&w, MSDK_COSEM_LLC_SRC_RESPONSE) != MSDK_OK) ||
        (msdk_wbuf_put_u8(&w, 0u) != MSDK_OK) ||
        (msdk_cosem_hdlc_server_peer(&s->link, &client, &logical) != MSDK_OK) ||
        (msdk_cosem_server_apdu(&s->assoc, client, &apdu[MSDK_COSEM_LLC_LEN],
                                len - MSDK_COSEM_LLC_LEN, &w) != MSDK_OK) ||
        (w.pos == MSDK_COSEM_LLC_LEN) ||
        (msdk_cosem_hdlc_server_send_apdu(&s->link, s->resp, w.pos) != MSDK_OK)) {
        msdk_cosem_hdlc_server_release_apdu(&s->link); /* nothing to answer */
    }
}

msdk_err_t msdk_cosem_hdlc_session_rx(msdk_cosem_hdlc_session_t *s, const uint8_t *data, size_t n,
                                      uint32_t now_ms)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = msdk_cosem_hdlc_server_rx(&s->link, data, n, now_ms);
    service(s);
    return err;
}

void msdk_cosem_hdlc_session_poll(msdk_cosem_hdlc_session_t *s, uint32_t now_ms)
{
    if (s == NULL) {
        return;
    }
    msdk_cosem_hdlc_server_poll(&s->link, now_ms);
    service(s);
}

msdk_err_t msdk_cosem_hdlc_session_take_tx(msdk_cosem_hdlc_session_t *s, const uint8_t **frame,
                                           size_t *len)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_hdlc_server_take_tx(&s->link, frame, len);
}

uint32_t msdk_cosem_hdlc_session_take_events(msdk_cosem_hdlc_session_t *s)
{
    if (s == NULL) {
        return 0u;
    }
    uint32_t ev = s->events;
    s->events = 0u;
    return ev;
}

msdk_cosem_assoc_t *msdk_cosem_wrapper_session_assoc(msdk_cosem_wrapper_session_t *s)
{
    return &s->assoc;
}

msdk_cosem_assoc_t *msdk_cosem_hdlc_session_assoc(msdk_cosem_hdlc_session_t *s)
{
    return &s->assoc;
}
