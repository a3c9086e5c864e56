/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the TCP-UDP wrapper and the IEC 62056-21 mode E
 * handshake. The first input byte selects chunk sizes; the rest is traffic.
 * Besides the sanitizers it checks the documented contracts:
 * - the UDP decoder and the stream reassembler agree: fed in arbitrary
 *   chunks, the stream yields exactly the APDUs that walking the input with
 *   the datagram decoder finds, and fails exactly where a header is bad;
 * - the mode E server never consumes more than it was given, always makes
 *   progress, writes only whole identifications, and sends nothing but the
 *   identification; the client parser never reads past its input.
 */
#include <stdlib.h>
#include <string.h>
#include "msdk/cosem/iec21.h"
#include "msdk/cosem/wrapper.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

/* Reference walk: header after header with the one-shot decoder. */
static size_t ref_count(const uint8_t *d, size_t n, size_t cap, msdk_err_t *fail)
{
    size_t count = 0;
    size_t off = 0;
    *fail = MSDK_ERR_WOULD_BLOCK;
    while (n - off >= MSDK_COSEM_WRAPPER_HEADER_LEN) {
        msdk_cosem_wrapper_hdr_t h;
        msdk_err_t err = msdk_cosem_wrapper_decode_header(d + off, n - off, &h);
        if (err == MSDK_OK && h.length > cap) {
            err = MSDK_ERR_BUFFER_TOO_SMALL;
        }
        if (err != MSDK_OK) {
            *fail = err;
            return count;
        }
        if (n - off - MSDK_COSEM_WRAPPER_HEADER_LEN < h.length) {
            return count;
        }
        const uint8_t *apdu;
        size_t alen;
        check(msdk_cosem_wrapper_decode(d + off, MSDK_COSEM_WRAPPER_HEADER_LEN + h.length, &h,
                                        &apdu, &alen) == MSDK_OK);
        off += MSDK_COSEM_WRAPPER_HEADER_LEN + h.length;
        count++;
    }
    return count;
}

static void fuzz_wrapper(uint8_t sel, const uint8_t *d, size_t n)
{
    uint8_t buf[256];
    size_t cap = 1u + (size_t)(sel & 0x7Fu) * 2u; /* 1..255 */
    msdk_cosem_wrapper_stream_t s;
    check(msdk_cosem_wrapper_stream_init(&s, buf, cap) == MSDK_OK);
    msdk_err_t ref_fail;
    size_t want = ref_count(d, n, cap, &ref_fail);
    size_t got = 0;
    size_t off = 0;
    size_t chunk = 1u + (size_t)(sel >> 4);
    msdk_err_t last = MSDK_ERR_WOULD_BLOCK;
    while (off < n) {
        size_t len = (n - off < chunk) ? n - off : chunk;
        size_t used = (size_t)-1;
        msdk_cosem_wrapper_hdr_t h;
        const uint8_t *apdu = NULL;
        size_t alen = 0;
        last = msdk_cosem_wrapper_stream_feed(&s, d + off, len, &used, &h, &apdu, &alen);
        check(used <= len);
        off += used;
        if (last == MSDK_OK) {
            check(apdu == buf && alen == h.length && alen <= cap);
            got++;
        } else if (last != MSDK_ERR_WOULD_BLOCK) {
            check(msdk_cosem_wrapper_stream_feed(&s, d, n, &used, &h, &apdu, &alen) ==
                  MSDK_ERR_STATE);
            break;
        } else {
            check(used == len);
        }
        chunk = 1u + ((chunk * 7u + (size_t)sel) % 23u);
    }
    check(got == want);
    check(last == MSDK_OK || last == MSDK_ERR_WOULD_BLOCK ? ref_fail == MSDK_ERR_WOULD_BLOCK
                                                          : last == ref_fail);
    /* The datagram decoder on the whole input. */
    msdk_cosem_wrapper_hdr_t h;
    const uint8_t *apdu;
    size_t alen;
    if (msdk_cosem_wrapper_decode(d, n, &h, &apdu, &alen) == MSDK_OK) {
        check(alen == n - MSDK_COSEM_WRAPPER_HEADER_LEN &&
              apdu == d + MSDK_COSEM_WRAPPER_HEADER_LEN);
    }
}

static void fuzz_iec21(uint8_t sel, const uint8_t *d, size_t n)
{
    msdk_cosem_iec21_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.manufacturer = (sel & 1u) ? "ABc" : "XYZ";
    cfg.ident = "FUZZ";
    cfg.ident_len = 4u;
    cfg.address = (sel & 2u) ? "12" : NULL;
    cfg.address_len = (sel & 2u) ? 2u : 0u;
    cfg.max_baud_char = (uint8_t)('0' + (sel >> 2) % 7u);
    msdk_cosem_iec21_server_t srv;
    check(msdk_cosem_iec21_server_init(&srv, &cfg) == MSDK_OK);
    uint8_t out[MSDK_COSEM_IEC21_IDENT_MSG_MAX];
    uint32_t now = 0xFFFFF000u;
    size_t off = 0;
    while (off < n) {
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, out, sizeof out);
        size_t len = (size_t)(d[off] & 0x0Fu) + 1u;
        now += (uint32_t)(d[off] >> 4) * 150u; /* 0..2250 ms between chunks */
        off++;
        if (len > n - off) {
            len = n - off;
        }
        msdk_cosem_iec21_event_t ev;
        msdk_err_t err = msdk_cosem_iec21_server_input(&srv, d + off, len, now, &tx, &ev);
        if (err == MSDK_ERR_STATE) {
            check(msdk_cosem_iec21_server_state(&srv) == MSDK_COSEM_IEC21_STATE_HDLC);
            check(msdk_cosem_iec21_server_hdlc_ended(&srv, &ev) == MSDK_OK);
            continue;
        }
        check(err == MSDK_OK);
        check(ev.consumed <= len);
        check(ev.consumed > 0u || len == 0u || ev.action == MSDK_COSEM_IEC21_ACTION_RESET);
        if (ev.action == MSDK_COSEM_IEC21_ACTION_SEND) {
            check(tx.pos == ev.tx_len && tx.pos == 9u + 4u);
            msdk_cosem_iec21_ident_t id;
            check(msdk_cosem_iec21_parse_ident(out, tx.pos, &id) == MSDK_OK && id.mode_e);
        } else {
            check(tx.pos == 0u);
        }
        if (ev.action == MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC) {
            check(ev.baud >= 300u && ev.baud <= 19200u);
        }
        off += ev.consumed;
        check(msdk_cosem_iec21_server_poll(&srv, now, &ev) == MSDK_OK);
    }
    /* Client parser on the raw input. */
    msdk_cosem_iec21_ident_t id;
    if (msdk_cosem_iec21_parse_ident(d, n, &id) == MSDK_OK) {
        check(id.ident_len <= MSDK_COSEM_IEC21_IDENT_MAX && n >= 7u);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0u) {
        return 0;
    }
    fuzz_wrapper(data[0], data + 1, size - 1u);
    fuzz_iec21(data[0], data + 1, size - 1u);
    return 0;
}
