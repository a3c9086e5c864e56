/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the HDLC data link layer of libcosem.
 *
 * The input is split into chunks; each chunk starts with a control byte
 * that advances the clock and selects what the "application" does with a
 * received APDU (answer it, possibly from the APDU buffer itself, release
 * it, or keep it). The chunk bytes go to the deframer and server link, to
 * the frame and parameter decoders, and to a client link. Besides the
 * sanitizers, the harness aborts when a documented contract breaks:
 * - every frame the links queue decodes, fits its buffer and carries F = 1;
 * - sequence numbers stay in 0..7 and states are valid;
 * - a decoder that fails leaves its output untouched;
 * - an encoded frame decodes to the same fields.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/hdlc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

static void check_tx_frame(const uint8_t *fr, size_t fl, size_t cap)
{
    msdk_cosem_hdlc_frame_t f;
    check(fl <= cap);
    check(msdk_cosem_hdlc_frame_decode(fr, fl, &f) == MSDK_OK);
    check(f.pf);
}

static void fuzz_decoders(const uint8_t *data, size_t size)
{
    msdk_cosem_hdlc_frame_t f;
    msdk_cosem_hdlc_frame_t keep;
    memset(&f, 0x5A, sizeof f);
    memcpy(&keep, &f, sizeof f);
    msdk_err_t err = msdk_cosem_hdlc_frame_decode(data, size, &f);
    if (err != MSDK_OK) {
        check(memcmp(&f, &keep, sizeof f) == 0);
    } else {
        check(f.info == NULL || (f.info >= data && f.info + f.info_len <= data + size));
        /* Re-encoding gives the same frame (modulo the flags). */
        uint8_t out[MSDK_COSEM_HDLC_MAX_FRAME_LEN + 2u];
        msdk_wbuf_t wb;
        msdk_wbuf_init(&wb, out, sizeof out);
        check(msdk_cosem_hdlc_frame_encode(&wb, &f) == MSDK_OK);
        msdk_cosem_hdlc_frame_t g;
        check(msdk_cosem_hdlc_frame_decode(out, wb.pos, &g) == MSDK_OK);
        check(g.type == f.type && g.control == f.control && g.info_len == f.info_len);
        check(g.info_len == 0u || memcmp(g.info, f.info, f.info_len) == 0);
    }
    msdk_cosem_hdlc_params_t p;
    msdk_cosem_hdlc_params_t pk;
    memset(&p, 0x33, sizeof p);
    memcpy(&pk, &p, sizeof p);
    if (msdk_cosem_hdlc_params_decode(data, size, &p) != MSDK_OK) {
        check(memcmp(&p, &pk, sizeof p) == 0);
    } else {
        check(p.max_info_tx != 0u && p.max_info_rx != 0u && p.window_tx != 0u && p.window_rx != 0u);
    }
}

/* The buffer members of a link configuration (server or client), for its designated
 * initializer: three arrays, their whole size. */
#define LINK_BUFFERS(rx, tx, apdu)                                                                 \
    .rx_frame_buf = (rx), .rx_frame_cap = sizeof(rx), .tx_frame_buf = (tx),                        \
    .tx_frame_cap = sizeof(tx), .apdu_buf = (apdu), .apdu_cap = sizeof(apdu)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_decoders(data, size);

    static const uint8_t canned[300] = { 0xE6, 0xE7, 0x00, 0xC4, 0x01, 0xC1, 0x00 };
    uint8_t srx[200];
    uint8_t stx[200];
    uint8_t sapdu[300];
    msdk_cosem_hdlc_server_t s;
    const msdk_cosem_hdlc_server_config_t scfg = {
        .logical = MSDK_COSEM_HDLC_LOGICAL_ANY,
        .physical = 17,
        .accept_short_addr = true,
        .max_info_tx = 64,
        .max_info_rx = 128,
        .inactivity_ms = 5000,
        .interchar_ms = 50,
        LINK_BUFFERS(srx, stx, sapdu),
    };
    check(msdk_cosem_hdlc_server_init(&s, &scfg) == MSDK_OK);

    uint8_t crx[200];
    uint8_t ctx[200];
    uint8_t capdu[300];
    msdk_cosem_hdlc_client_t c;
    const msdk_cosem_hdlc_client_config_t ccfg = {
        .client = 16,
        .server = { 1, 17, 2 },
        .max_info_tx = 128,
        .max_info_rx = 128,
        .response_ms = 100,
        .max_retries = 2,
        LINK_BUFFERS(crx, ctx, capdu),
    };
    check(msdk_cosem_hdlc_client_init(&c, &ccfg) == MSDK_OK);
    check(msdk_cosem_hdlc_client_connect(&c, 0) == MSDK_OK);

    uint32_t now = 0;
    size_t pos = 0;
    while (pos < size) {
        uint8_t ctl = data[pos++];
        size_t chunk = (size_t)(ctl & 0x3Fu) + 1u;
        if (chunk > size - pos) {
            chunk = size - pos;
        }
        now += (uint32_t)(ctl >> 6) * 40u;
        const uint8_t *bytes = data + pos;
        pos += chunk;

        check(msdk_cosem_hdlc_server_rx(&s, bytes, chunk, now) == MSDK_OK);
        msdk_cosem_hdlc_server_poll(&s, now);
        const uint8_t *apdu;
        size_t alen;
        if (msdk_cosem_hdlc_server_take_apdu(&s, &apdu, &alen) == MSDK_OK) {
            check(alen <= sizeof sapdu && apdu == sapdu);
            switch (ctl & 0xC0u) {
            case 0x00u:
                /* Answer from the APDU buffer itself (allowed by the API). */
                check(msdk_cosem_hdlc_server_send_apdu(&s, sapdu, alen) != MSDK_ERR_INVALID_ARG ||
                      alen == 0u);
                break;
            case 0x40u:
                (void)(msdk_cosem_hdlc_server_send_apdu(&s, canned, sizeof canned) == MSDK_OK);
                break;
            case 0x80u: msdk_cosem_hdlc_server_release_apdu(&s); break;
            default: break; /* keep it: further I-frames get RNR */
            }
        }
        const uint8_t *fr;
        size_t fl;
        if (msdk_cosem_hdlc_server_take_tx(&s, &fr, &fl) == MSDK_OK) {
            check_tx_frame(fr, fl, sizeof stx);
            /* The server's answer goes to the client, too. */
            check(msdk_cosem_hdlc_client_rx(&c, fr, fl, now) == MSDK_OK);
        }
        check(s.vs < 8u && s.vr < 8u && s.state <= MSDK_COSEM_HDLC_NRM);
        check(s.apdu_len <= sizeof sapdu);
        check(s.tx_apdu == NULL || s.tx_off <= s.tx_apdu_len);
        (void)msdk_cosem_hdlc_server_take_events(&s);

        check(msdk_cosem_hdlc_client_rx(&c, bytes, chunk, now) == MSDK_OK);
        msdk_cosem_hdlc_client_poll(&c, now);
        if (msdk_cosem_hdlc_client_take_apdu(&c, &apdu, &alen) == MSDK_OK) {
            check(alen <= sizeof capdu);
        }
        if (msdk_cosem_hdlc_client_state(&c) == MSDK_COSEM_HDLC_NRM && (ctl & 1u) != 0u) {
            (void)(msdk_cosem_hdlc_client_send_apdu(&c, canned, 1u + (ctl & 0x7Fu), now) ==
                   MSDK_OK);
        }
        if (msdk_cosem_hdlc_client_take_tx(&c, &fr, &fl) == MSDK_OK) {
            check_tx_frame(fr, fl, sizeof ctx);
            check(msdk_cosem_hdlc_server_rx(&s, fr, fl, now) == MSDK_OK);
        }
        check(c.vs < 8u && c.vr < 8u && c.state <= MSDK_COSEM_HDLC_DISCONNECTING);
        check(c.apdu_len <= sizeof capdu);
        (void)msdk_cosem_hdlc_client_take_events(&c);
    }
    return 0;
}
