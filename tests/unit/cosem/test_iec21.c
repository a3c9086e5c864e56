/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * IEC 62056-21 protocol mode E tests.
 *
 * Expected bytes are written by hand from the message layouts of
 * IEC 62056-21 (sign-on `/?addr!` CR LF, identification `/XXXZ\W ident`
 * CR LF, option select ACK V Z Y CR LF, ACK = 0x06) and checked against
 * identifications published by real meters in public issue trackers and
 * client code (`/ISk5\2MT382-1000`, `/APA5\2NORAX30`, `/AUX5\2S34HUHD19FWV06`).
 * Times follow clause 6.3.14 (ta 1500 ms, tr >= 200 ms or 20 ms, tt 2200 ms).
 */
#include <string.h>
#include <check.h>
#include "msdk/cosem/iec21.h"
#include "cosem_check.h"

Suite *cosem_iec21_suite(void);

#define ACK "\x06"

static msdk_cosem_iec21_config_t base_cfg(void)
{
    msdk_cosem_iec21_config_t c;
    memset(&c, 0, sizeof c);
    c.manufacturer = "ABC";
    c.ident = "METER01";
    c.ident_len = 7u;
    c.max_baud_char = (uint8_t)'5';
    return c;
}

/* Feeds a string at one time stamp; returns the first action and how much it took. */
static msdk_cosem_iec21_event_t feed(msdk_cosem_iec21_server_t *srv, const char *s, uint32_t now,
                                     msdk_wbuf_t *tx)
{
    msdk_cosem_iec21_event_t ev;
    size_t n = strlen(s);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(srv, (const uint8_t *)s, n, now, tx, &ev),
                     MSDK_OK);
    return ev;
}

/* A server and its output. */
typedef struct rig {
    msdk_cosem_iec21_server_t srv;
    uint8_t out[64];
    msdk_wbuf_t tx;
} rig_t;

/* Starts (again) the server of r with cfg, its output empty. */
static void rig_start(rig_t *r, const msdk_cosem_iec21_config_t *cfg)
{
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&r->srv, cfg), MSDK_OK);
    msdk_wbuf_init(&r->tx, r->out, sizeof r->out);
}

/* ---- Server ---------------------------------------------------------------- */

START_TEST(iec21_full_handshake)
{
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    rig_start(&r, &cfg);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);

    /* Sign-on, general address, at t = 1000 ms. */
    msdk_cosem_iec21_event_t ev = feed(&r.srv, "/?!\r\n", 1000u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_uint_eq(ev.consumed, 5u);
    const uint8_t ident[] = { '/', 'A', 'B', 'C', '5', '\\', '2',  'M',
                              'E', 'T', 'E', 'R', '0', '1',  '\r', '\n' };
    ck_assert_uint_eq(ev.tx_len, sizeof ident);
    ck_assert_uint_eq(r.tx.pos, sizeof ident);
    ck_assert_mem_eq(r.out, ident, sizeof ident);
    ck_assert_uint_eq(ev.tx_not_before_ms, 1200u); /* tr >= 200 ms */
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_WAIT_ACK);

    /* ACK 2 5 2 CR LF: no answer, switch to 9600 Bd HDLC. */
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ev = feed(&r.srv, ACK "252\r\n", 2500u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC);
    ck_assert_uint_eq(ev.baud, 9600u);
    ck_assert_uint_eq(ev.consumed, 6u);
    ck_assert_uint_eq(r.tx.pos, 0u);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_HDLC);

    /* HDLC bytes are refused; the timers do not run in HDLC mode. */
    const uint8_t flag = 0x7E;
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&r.srv, &flag, 1u, 2600u, &r.tx, &ev),
                     MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, 900000u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_tx_done(&r.srv, 2600u), MSDK_ERR_STATE);

    /* End of HDLC: back to 300 Bd and a new handshake works. */
    ck_assert_int_eq(msdk_cosem_iec21_server_hdlc_ended(&r.srv, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_RESET);
    ck_assert_uint_eq(ev.baud, 300u);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
    ck_assert_int_eq(msdk_cosem_iec21_server_hdlc_ended(&r.srv, &ev), MSDK_ERR_STATE);
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ev = feed(&r.srv, "/?!\r\n", 5000u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SEND);
}
END_TEST

START_TEST(iec21_byte_by_byte_and_noise)
{
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    rig_start(&r, &cfg);
    /* Noise before the sign-on is dropped; one character every 33 ms (300 Bd). */
    const char *in = "\x00\x7F"
                     "abc/?!\r\n";
    size_t n = 2u + strlen(in + 2);
    uint32_t t = 100u;
    msdk_cosem_iec21_event_t ev;
    memset(&ev, 0, sizeof ev);
    for (size_t i = 0; i < n; i++, t += 33u) {
        ck_assert_int_eq(
            msdk_cosem_iec21_server_input(&r.srv, (const uint8_t *)in + i, 1u, t, &r.tx, &ev),
            MSDK_OK);
        ck_assert_uint_eq(ev.consumed, 1u);
        ck_assert_int_eq(ev.action,
                         i + 1u == n ? MSDK_COSEM_IEC21_ACTION_SEND : MSDK_COSEM_IEC21_ACTION_NONE);
    }
    t += 300u;
    const char *ack = ACK "242\r\n";
    for (size_t i = 0; i < 6u; i++, t += 33u) {
        ck_assert_int_eq(
            msdk_cosem_iec21_server_input(&r.srv, (const uint8_t *)ack + i, 1u, t, &r.tx, &ev),
            MSDK_OK);
        ck_assert_int_eq(ev.action, i == 5u ? MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC
                                            : MSDK_COSEM_IEC21_ACTION_NONE);
    }
    ck_assert_uint_eq(ev.baud, 4800u);
    /* The action stops the input: the rest of a chunk is left to the caller. */
    ck_assert_int_eq(msdk_cosem_iec21_server_hdlc_ended(&r.srv, &ev), MSDK_OK);
    ev = feed(&r.srv, "/?!\r\n" ACK "252\r\n", 10000u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_uint_eq(ev.consumed, 5u);
}
END_TEST

START_TEST(iec21_addressed_sign_on)
{
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    cfg.address = "0012345678";
    cfg.address_len = 10u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&r.srv, &cfg), MSDK_OK);
    static const struct {
        const char *msg;
        int answer;
    } cases[] = {
        { "/?!\r\n", 1 },           { "/?12345678!\r\n", 1 },
        { "/?0012345678!\r\n", 1 }, { "/?0000012345678!\r\n", 1 },
        { "/?12345679!\r\n", 0 },   { "/?1234567!\r\n", 0 },
        { "/?123456789!\r\n", 0 },  { "/?0!\r\n", 0 },
        { "/?12345678 !\r\n", 0 },  { "/?ABC!\r\n", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rig_start(&r, &cfg);
        memset(r.out, 0xA5, sizeof r.out);
        msdk_cosem_iec21_event_t ev = feed(&r.srv, cases[i].msg, 0u, &r.tx);
        ck_assert_int_eq(ev.action, cases[i].answer ? MSDK_COSEM_IEC21_ACTION_SEND
                                                    : MSDK_COSEM_IEC21_ACTION_NONE);
        ck_assert_uint_eq(ev.consumed, strlen(cases[i].msg));
        if (!cases[i].answer) {
            ck_assert_uint_eq(r.tx.pos, 0u);
            ck_assert_uint_eq(r.out[0], 0xA5u);
            ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
        }
    }
    /* A meter without an address answers only the general sign-on. */
    cfg.address = NULL;
    cfg.address_len = 0u;
    rig_start(&r, &cfg);
    ck_assert_int_eq(feed(&r.srv, "/?1!\r\n", 0u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 0u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    /* All-zero address matches the configured "0" (leading zeros ignored). */
    cfg.address = "0";
    cfg.address_len = 1u;
    rig_start(&r, &cfg);
    ck_assert_int_eq(feed(&r.srv, "/?000!\r\n", 0u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    /* The longest address (32 characters) works; 33 is no sign-on. */
    const char *a32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ 12345";
    cfg.address = a32;
    cfg.address_len = 32u;
    rig_start(&r, &cfg);
    ck_assert_int_eq(feed(&r.srv, "/?ABCDEFGHIJKLMNOPQRSTUVWXYZ 12345!\r\n", 0u, &r.tx).action,
                     MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&r.srv, &cfg), MSDK_OK);
    ck_assert_int_eq(feed(&r.srv, "/?ABCDEFGHIJKLMNOPQRSTUVWXYZ 123456!\r\n", 0u, &r.tx).action,
                     MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
}
END_TEST

START_TEST(iec21_each_baud_char)
{
    static const uint32_t rates[7] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u };
    for (uint8_t max = '0'; max <= '6'; max++) {
        for (uint8_t z = '0'; z <= '9'; z++) {
            rig_t r;
            msdk_cosem_iec21_config_t cfg = base_cfg();
            cfg.max_baud_char = max;
            rig_start(&r, &cfg);
            msdk_cosem_iec21_event_t ev = feed(&r.srv, "/?!\r\n", 0u, &r.tx);
            if (ev.action != MSDK_COSEM_IEC21_ACTION_SEND || r.out[4] != max) {
                ck_abort_msg("max %c: no identification with Z", max);
            }
            char ack[7] = { 0x06, '2', (char)z, '2', '\r', '\n', 0 };
            ev = feed(&r.srv, ack, 500u, &r.tx);
            if (z <= max) {
                if (ev.action != MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC || ev.baud != rates[z - '0']) {
                    ck_abort_msg("max %c z %c: action %d baud %u", max, z, (int)ev.action,
                                 (unsigned)ev.baud);
                }
            } else if (ev.action != MSDK_COSEM_IEC21_ACTION_RESET || ev.baud != 300u ||
                       msdk_cosem_iec21_server_state(&r.srv) != MSDK_COSEM_IEC21_STATE_IDLE) {
                ck_abort_msg("max %c z %c: not refused", max, z);
            }
        }
    }
    uint32_t b = 7u;
    for (uint8_t c = '0'; c <= '6'; c++) {
        ck_assert_int_eq(msdk_cosem_iec21_baud_from_char(c, &b), MSDK_OK);
        ck_assert_uint_eq(b, rates[c - '0']);
    }
    ck_assert_int_eq(msdk_cosem_iec21_baud_from_char('7', &b), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_iec21_baud_from_char('A', &b), MSDK_ERR_MALFORMED);
    ck_assert_uint_eq(b, 19200u);
    ck_assert_int_eq(msdk_cosem_iec21_baud_from_char('0', NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(iec21_other_options_fall_back)
{
    static const char *const opts[] = {
        ACK "050\r\n", /* mode C data readout */
        ACK "051\r\n", /* mode C programming */
        ACK "252\r",   /* then 'X' below: LF missing */
        ACK "152\r\n", ACK "250\r\n", ACK "2:2\r\n",
        ACK "25\r\n",  ACK "\r\n",    "X", /* not an ACK at all */
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        rig_t r;
        msdk_cosem_iec21_config_t cfg = base_cfg();
        rig_start(&r, &cfg);
        ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 0u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
        char buf[16];
        strcpy(buf, opts[i]);
        if (i == 2u) {
            strcat(buf, "X");
        }
        msdk_cosem_iec21_event_t ev = feed(&r.srv, buf, 300u, &r.tx);
        if (ev.action != MSDK_COSEM_IEC21_ACTION_RESET || ev.baud != 300u ||
            msdk_cosem_iec21_server_state(&r.srv) != MSDK_COSEM_IEC21_STATE_IDLE) {
            ck_abort_msg("option %zu: action %d", i, (int)ev.action);
        }
    }
}
END_TEST

START_TEST(iec21_malformed_every_position)
{
    const char *sign_on = "/?12!\r\n";
    const size_t n = strlen(sign_on);
    msdk_cosem_iec21_config_t cfg = base_cfg();
    cfg.address = "12";
    cfg.address_len = 2u;
    for (size_t pos = 0; pos < n; pos++) {
        for (unsigned v = 0; v < 256u; v++) {
            if (v == (uint8_t)sign_on[pos]) {
                continue;
            }
            rig_t r;
            rig_start(&r, &cfg);
            uint8_t m[8];
            memcpy(m, sign_on, n);
            m[pos] = (uint8_t)v;
            size_t off = 0;
            while (off < n) {
                msdk_cosem_iec21_event_t ev;
                if (msdk_cosem_iec21_server_input(&r.srv, m + off, n - off, 10u, &r.tx, &ev) !=
                        MSDK_OK ||
                    ev.action != MSDK_COSEM_IEC21_ACTION_NONE || ev.consumed == 0u) {
                    ck_abort_msg("pos %zu value 0x%02X: answered or stuck", pos, v);
                }
                off += ev.consumed;
            }
            if (r.tx.pos != 0u) {
                ck_abort_msg("pos %zu value 0x%02X: wrote output", pos, v);
            }
            /* The next correct sign-on is answered (after the ta pause at most). */
            msdk_cosem_iec21_event_t ev;
            if (msdk_cosem_iec21_server_input(&r.srv, (const uint8_t *)sign_on, n, 1600u, &r.tx,
                                              &ev) != MSDK_OK ||
                ev.action != MSDK_COSEM_IEC21_ACTION_SEND) {
                ck_abort_msg("pos %zu value 0x%02X: no recovery", pos, v);
            }
        }
    }
    /* The option select, mutated at every position: only another offered Z switches. */
    const char *opt = ACK "252\r\n";
    for (size_t pos = 0; pos < 6u; pos++) {
        for (unsigned v = 0; v < 256u; v++) {
            rig_t r;
            rig_start(&r, &cfg);
            msdk_cosem_iec21_event_t ev = feed(&r.srv, "/?!\r\n", 0u, &r.tx);
            ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SEND);
            uint8_t m[6];
            memcpy(m, opt, 6u);
            m[pos] = (uint8_t)v;
            int switched = 0;
            size_t off = 0;
            while (off < 6u) {
                if (msdk_cosem_iec21_server_input(&r.srv, m + off, 6u - off, 100u, &r.tx, &ev) !=
                    MSDK_OK) {
                    break; /* HDLC mode refuses further bytes */
                }
                switched |= ev.action == MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC;
                off += ev.consumed;
            }
            int valid = (v == (uint8_t)opt[pos]) || (pos == 2u && v >= '0' && v <= '5');
            if (switched != valid) {
                ck_abort_msg("option pos %zu value 0x%02X: switched %d", pos, v, switched);
            }
        }
    }
}
END_TEST

START_TEST(iec21_timeouts)
{
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    rig_start(&r, &cfg);
    msdk_cosem_iec21_event_t ev;

    /* ta: 1500 ms between characters is fine, 1501 ms is not. */
    ck_assert_int_eq(feed(&r.srv, "/?", 1000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(feed(&r.srv, "!\r\n", 2500u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&r.srv, &cfg), MSDK_OK);
    ck_assert_int_eq(feed(&r.srv, "/?", 1000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_NONE);
    ev = feed(&r.srv, "!\r\n", 2501u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE); /* silent: nothing was answered */
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
    /* The same through poll(). */
    ck_assert_int_eq(feed(&r.srv, "/?", 5000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, 6500u, &ev), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_SIGN_ON);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, 6501u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);

    /* tt: identification of 16 characters = 534 ms at 300 Bd, after tr = 200 ms. */
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 10000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    const uint32_t deadline = 10000u + 200u + 534u + 2200u;
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, deadline, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, deadline + 1u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_RESET);
    ck_assert_uint_eq(ev.baud, 300u);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
    ck_assert_int_eq(msdk_cosem_iec21_server_tx_done(&r.srv, 1u), MSDK_ERR_STATE);

    /* tx_done() restarts tt from the real end of transmission. */
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 20000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_int_eq(msdk_cosem_iec21_server_tx_done(&r.srv, 22000u), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, 24200u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    /* A timeout found by input() is reported first, with nothing consumed. */
    ev = feed(&r.srv, ACK "252\r\n", 24201u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_RESET);
    ck_assert_uint_eq(ev.consumed, 0u);

    /* ta inside the option select, and across the 2^32 wrap of the clock. */
    const uint32_t t0 = 0xFFFFFF00u;
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", t0, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_int_eq(feed(&r.srv, ACK "2", t0 + 1000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, t0 + 2500u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&r.srv, t0 + 2501u, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_RESET);

    /* A fast manufacturer (lower-case third letter) may answer after 20 ms. */
    cfg.manufacturer = "ISk";
    rig_start(&r, &cfg);
    ev = feed(&r.srv, "/?!\r\n", 100u, &r.tx);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_uint_eq(ev.tx_not_before_ms, 120u);
    ck_assert_mem_eq(r.out, "/ISk5\\2METER01\r\n", 16u);
}
END_TEST

START_TEST(iec21_repeat_and_abandon)
{
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    rig_start(&r, &cfg);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 0u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    /* The client repeats its sign-on: answered again. */
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 1000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_uint_eq(r.tx.pos, 32u);
    /* A foreign sign-on after an answer abandons the handshake. */
    ck_assert_int_eq(feed(&r.srv, "/?99!\r\n", 2000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_RESET);
    /* An 8-bit character breaks a message. */
    const uint8_t bad[] = { '/', '?', 0xA1 };
    msdk_cosem_iec21_event_t ev;
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&r.srv, bad, 3u, 3000u, &r.tx, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_NONE);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&r.srv), MSDK_COSEM_IEC21_STATE_IDLE);
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ck_assert_int_eq(feed(&r.srv, "/?!\r\n", 4000u, &r.tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    const uint8_t ack8[] = { 0x86 };
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&r.srv, ack8, 1u, 4500u, &r.tx, &ev), MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_RESET);
}
END_TEST

START_TEST(iec21_server_args)
{
    msdk_cosem_iec21_server_t srv;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    ck_assert_int_eq(msdk_cosem_iec21_server_init(NULL, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, NULL), MSDK_ERR_INVALID_ARG);
    static const char *const bad_mfr[] = { "AB1", "A C", "AB/" };
    for (size_t i = 0; i < 3u; i++) {
        cfg = base_cfg();
        cfg.manufacturer = bad_mfr[i];
        ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    }
    cfg = base_cfg();
    cfg.manufacturer = NULL;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base_cfg();
    cfg.ident = "12345678901234567";
    cfg.ident_len = 17u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.ident_len = 16u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_OK);
    static const char *const bad_ident[] = { "A/B", "A!B", "A\\B", "A\rB",
                                             ("A\x7F"
                                              "B") };
    for (size_t i = 0; i < 5u; i++) {
        cfg = base_cfg();
        cfg.ident = bad_ident[i];
        cfg.ident_len = 3u;
        ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    }
    cfg = base_cfg();
    cfg.ident = NULL;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.ident_len = 0u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_OK);
    cfg = base_cfg();
    cfg.address = "12-4";
    cfg.address_len = 4u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.address = "123456789012345678901234567890123";
    cfg.address_len = 33u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.address = NULL;
    cfg.address_len = 1u;
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base_cfg();
    cfg.max_baud_char = '7';
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.max_baud_char = 'E';
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_ERR_INVALID_ARG);

    /* tx room is checked before anything is consumed; the shortest identification fits. */
    cfg = base_cfg();
    ck_assert_int_eq(msdk_cosem_iec21_server_init(&srv, &cfg), MSDK_OK);
    uint8_t out[64];
    msdk_wbuf_t tx;
    msdk_cosem_iec21_event_t ev;
    memset(&ev, 0x5A, sizeof ev);
    msdk_wbuf_init(&tx, out, 15u);
    ck_assert_int_eq(
        msdk_cosem_iec21_server_input(&srv, (const uint8_t *)"/?!\r\n", 5u, 0u, &tx, &ev),
        MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(&srv), MSDK_COSEM_IEC21_STATE_IDLE);
    ck_assert_uint_eq(ev.consumed, (size_t)0x5A5A5A5A5A5A5A5Aull);
    msdk_wbuf_init(&tx, out, 16u);
    ck_assert_int_eq(feed(&srv, "/?!\r\n", 0u, &tx).action, MSDK_COSEM_IEC21_ACTION_SEND);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(NULL, NULL, 0u, 0u, &tx, &ev),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&srv, NULL, 1u, 0u, &tx, &ev),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&srv, NULL, 0u, 0u, NULL, &ev),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&srv, NULL, 0u, 0u, &tx, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(NULL, 0u, &ev), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_poll(&srv, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_tx_done(NULL, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_hdlc_ended(NULL, &ev), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_hdlc_ended(&srv, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_server_state(NULL), MSDK_COSEM_IEC21_STATE_IDLE);
    /* A struct that init() did not produce is refused. */
    memset(&srv, 0xFF, sizeof srv);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&srv, NULL, 0u, 0u, &tx, &ev),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Client ---------------------------------------------------------------- */

START_TEST(iec21_client_build)
{
    uint8_t out[64];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(&wb, NULL, 0u), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 5u);
    ck_assert_mem_eq(out, "/?!\r\n", 5u);
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(&wb, "12345678", 8u), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 13u);
    ck_assert_mem_eq(out, "/?12345678!\r\n", 13u);
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&wb, '2', '5', '2'), MSDK_OK);
    const uint8_t ack[6] = { 0x06, 0x32, 0x35, 0x32, 0x0D, 0x0A };
    ck_assert_uint_eq(wb.pos, 6u);
    ck_assert_mem_eq(out, ack, 6u);
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&wb, '0', '6', '0'), MSDK_OK);
    ck_assert_mem_eq(out, ACK "060\r\n", 6u);

    /* Errors leave the writer alone. */
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(&wb, "12!", 3u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(&wb, NULL, 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(&wb, "123456789012345678901234567890123", 33u),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_sign_on(NULL, NULL, 0u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&wb, '3', '5', '2'),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&wb, '2', '7', '2'),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&wb, '2', '5', '3'),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(NULL, '2', '5', '2'),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(wb.pos, 0u);
    for (size_t cap = 0; cap < 13u; cap++) {
        memset(out, 0xA5, sizeof out);
        msdk_wbuf_init(&wb, out, cap);
        if (msdk_cosem_iec21_build_sign_on(&wb, "12345678", 8u) != MSDK_ERR_BUFFER_TOO_SMALL ||
            wb.pos != 0u || out[0] != 0xA5u) {
            ck_abort_msg("sign-on cap %zu", cap);
        }
        if (cap < 6u && (msdk_cosem_iec21_build_option_select(&wb, '2', '5', '2') !=
                             MSDK_ERR_BUFFER_TOO_SMALL ||
                         wb.pos != 0u || out[0] != 0xA5u)) {
            ck_abort_msg("option cap %zu", cap);
        }
    }
}
END_TEST

static msdk_err_t parse(const char *s, msdk_cosem_iec21_ident_t *id)
{
    return msdk_cosem_iec21_parse_ident((const uint8_t *)s, strlen(s), id);
}

START_TEST(iec21_client_parse)
{
    msdk_cosem_iec21_ident_t id;
    /* Mode E identifications of real meters. */
    ck_assert_int_eq(parse("/ISk5\\2MT382-1000\r\n", &id), MSDK_OK);
    ck_assert_str_eq(id.manufacturer, "ISk");
    ck_assert_uint_eq(id.baud_char, '5');
    ck_assert_uint_eq(id.baud, 9600u);
    ck_assert(id.mode_e);
    ck_assert_uint_eq(id.enhanced, '2');
    ck_assert(id.fast_reaction);
    ck_assert_str_eq(id.ident, "MT382-1000");
    ck_assert_uint_eq(id.ident_len, 10u);
    ck_assert_int_eq(parse("/AUX5\\2S34HUHD19FWV06\r\n", &id), MSDK_OK);
    ck_assert_str_eq(id.manufacturer, "AUX");
    ck_assert(id.mode_e);
    ck_assert(!id.fast_reaction);
    ck_assert_str_eq(id.ident, "S34HUHD19FWV06");
    /* Without the escape: mode C only. */
    ck_assert_int_eq(parse("/LGZ4ZMD120AC\r\n", &id), MSDK_OK);
    ck_assert(!id.mode_e);
    ck_assert_uint_eq(id.enhanced, 0u);
    ck_assert_uint_eq(id.baud, 4800u);
    ck_assert_str_eq(id.ident, "ZMD120AC");
    /* Mode B baud letter, a reserved Z, another W, two escapes, an empty and a 16-char ident. */
    ck_assert_int_eq(parse("/ABCEXYZ\r\n", &id), MSDK_OK);
    ck_assert_uint_eq(id.baud, 9600u);
    ck_assert_int_eq(parse("/ABC9X\r\n", &id), MSDK_OK);
    ck_assert_uint_eq(id.baud, 0u);
    ck_assert_int_eq(parse("/ABC6\\1X\r\n", &id), MSDK_OK);
    ck_assert(!id.mode_e);
    ck_assert_uint_eq(id.enhanced, '1');
    ck_assert_uint_eq(id.baud, 19200u);
    ck_assert_int_eq(parse("/ABC6\\1\\2X\r\n", &id), MSDK_OK);
    ck_assert(id.mode_e);
    ck_assert_uint_eq(id.enhanced, '1');
    ck_assert_int_eq(parse("/ABC0\\2\r\n", &id), MSDK_OK);
    ck_assert_uint_eq(id.ident_len, 0u);
    ck_assert_int_eq(parse("/ABC0\\21234567890123456\r\n", &id), MSDK_OK);
    ck_assert_uint_eq(id.ident_len, 16u);

    /* Round trip with the server's identification. */
    rig_t r;
    msdk_cosem_iec21_config_t cfg = base_cfg();
    rig_start(&r, &cfg);
    msdk_cosem_iec21_event_t ev = feed(&r.srv, "/?!\r\n", 0u, &r.tx);
    ck_assert_int_eq(msdk_cosem_iec21_parse_ident(r.out, ev.tx_len, &id), MSDK_OK);
    ck_assert(id.mode_e);
    ck_assert_str_eq(id.ident, "METER01");
    msdk_wbuf_init(&r.tx, r.out, sizeof r.out);
    ck_assert_int_eq(msdk_cosem_iec21_build_option_select(&r.tx, '2', id.baud_char, '2'), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_iec21_server_input(&r.srv, r.out, r.tx.pos, 500u, &r.tx, &ev),
                     MSDK_OK);
    ck_assert_int_eq(ev.action, MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC);
    ck_assert_uint_eq(ev.baud, id.baud);
}
END_TEST

START_TEST(iec21_client_parse_errors)
{
    msdk_cosem_iec21_ident_t id;
    memset(&id, 0x5A, sizeof id);
    const char *good = "/ISk5\\2MT382-1000\r\n";
    const size_t n = strlen(good);
    /* Every prefix is truncated. */
    for (size_t len = 0; len < n; len++) {
        if (msdk_cosem_iec21_parse_ident((const uint8_t *)good, len, &id) != MSDK_ERR_TRUNCATED ||
            id.ident_len != 0x5Au) {
            ck_abort_msg("prefix %zu", len);
        }
    }
    /* Every single-byte change is malformed or truncated, unless it gives another valid message. */
    for (size_t pos = 0; pos < n; pos++) {
        for (unsigned v = 0; v < 256u; v++) {
            uint8_t m[32];
            memcpy(m, good, n);
            if (v == m[pos]) {
                continue;
            }
            m[pos] = (uint8_t)v;
            msdk_err_t err = msdk_cosem_iec21_parse_ident(m, n, &id);
            int may_pass =
                (pos >= 1u && pos <= 3u && ((v >= 'A' && v <= 'Z') || (v >= 'a' && v <= 'z'))) ||
                (pos == 4u && ((v >= '0' && v <= '9') || (v >= 'A' && v <= 'I'))) ||
                (pos == 6u && v >= '0' && v <= '9') ||
                (pos != 6u && pos >= 5u && pos <= 16u && v >= 0x20u && v <= 0x7Eu && v != '/' &&
                 v != '!' && v != '\\');
            if (err == MSDK_OK ? !may_pass
                               : (err != MSDK_ERR_MALFORMED && err != MSDK_ERR_TRUNCATED)) {
                ck_abort_msg("pos %zu value 0x%02X: err %d", pos, v, (int)err);
            }
            if (err != MSDK_OK && id.ident_len != 0x5Au) {
                ck_abort_msg("pos %zu value 0x%02X: output touched", pos, v);
            }
            memset(&id, 0x5A, sizeof id);
        }
    }
    ck_assert_int_eq(parse("/ABC5\\2MT382-1000\r\nX", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/ABC0\\212345678901234567\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/ABC5\\X\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/ABC5\\", &id), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(parse("/ABC5\r\r", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/ABCJ\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/ABC5A/B\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("/AB15\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(parse("?ABC5\r\n", &id), MSDK_ERR_MALFORMED);
    ck_assert_uint_eq(id.ident_len, 0x5Au);
    ck_assert_int_eq(msdk_cosem_iec21_parse_ident(NULL, 0u, &id), MSDK_ERR_TRUNCATED);
    ck_assert_int_eq(msdk_cosem_iec21_parse_ident(NULL, 1u, &id), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_iec21_parse_ident((const uint8_t *)good, n, NULL),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

Suite *cosem_iec21_suite(void)
{
    Suite *s = suite_create("cosem_iec21");
    CK_TCASE(s, "iec21", NULL, iec21_full_handshake, iec21_byte_by_byte_and_noise,
             iec21_addressed_sign_on, iec21_each_baud_char, iec21_other_options_fall_back,
             iec21_malformed_every_position, iec21_timeouts, iec21_repeat_and_abandon,
             iec21_server_args, iec21_client_build, iec21_client_parse, iec21_client_parse_errors);
    return s;
}
