/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * IEC 62056-21 protocol mode E handshake (see msdk/cosem/iec21.h for the
 * message layouts, timing and the sources they were checked against).
 *
 * Server design: received characters are collected into a small array until
 * the message's LF (or the array is full), then the whole message is checked
 * at once. A '/' always starts a new sign-on, since it cannot appear inside
 * one. The flag `answered` records that an identification went out; every
 * return to idle while it is set is reported as a RESET action so that the
 * port restores 300 Bd, and every other return to idle is silent (a meter
 * does not answer noise or foreign sign-ons).
 *
 * Times are uint32_t milliseconds that wrap; comparisons use the modular
 * difference, valid while the intervals stay below 2^31 ms.
 */
#include <string.h>
#include "msdk/cosem/iec21.h"

/* Bits per character at 300 Bd 7E1: start, 7 data, parity, stop. */
#define IEC21_BITS_PER_CHAR 10u

/* Baud rates of '0'..'6' (protocol modes C and E). */
static const uint32_t iec21_baud_ce[7] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u };
/* Baud rates of 'A'..'F' (protocol mode B). */
static const uint32_t iec21_baud_b[6] = { 600u, 1200u, 2400u, 4800u, 9600u, 19200u };

/* True when time a is strictly later than time b (modular). */
static bool iec21_after(uint32_t a, uint32_t b)
{
    return (uint32_t)(b - a) > 0x7FFFFFFFu;
}

static bool iec21_is_letter(uint8_t c)
{
    return (c >= (uint8_t)'A' && c <= (uint8_t)'Z') || (c >= (uint8_t)'a' && c <= (uint8_t)'z');
}

static bool iec21_is_digit(uint8_t c)
{
    return c >= (uint8_t)'0' && c <= (uint8_t)'9';
}

/* Characters allowed in a device address. */
static bool iec21_is_addr_char(uint8_t c)
{
    return iec21_is_digit(c) || iec21_is_letter(c) || c == (uint8_t)' ';
}

/* Characters allowed in an identification string. */
static bool iec21_is_ident_char(uint8_t c)
{
    return c >= 0x20u && c <= 0x7Eu && c != (uint8_t)'/' && c != (uint8_t)'!' && c != (uint8_t)'\\';
}

msdk_err_t msdk_cosem_iec21_baud_from_char(uint8_t c, uint32_t *baud)
{
    if (baud == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c < (uint8_t)'0' || c > (uint8_t)'6') {
        return MSDK_ERR_MALFORMED;
    }
    *baud = iec21_baud_ce[c - (uint8_t)'0'];
    return MSDK_OK;
}

/* ---- Server ---------------------------------------------------------------- */

msdk_err_t msdk_cosem_iec21_server_init(msdk_cosem_iec21_server_t *srv,
                                        const msdk_cosem_iec21_config_t *cfg)
{
    if (srv == NULL || cfg == NULL || cfg->manufacturer == NULL ||
        cfg->ident_len > MSDK_COSEM_IEC21_IDENT_MAX ||
        (cfg->ident == NULL && cfg->ident_len > 0u) ||
        cfg->address_len > MSDK_COSEM_IEC21_ADDR_MAX ||
        (cfg->address == NULL && cfg->address_len > 0u) || cfg->max_baud_char < (uint8_t)'0' ||
        cfg->max_baud_char > (uint8_t)'6') {
        return MSDK_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < 3u; i++) {
        if (!iec21_is_letter((uint8_t)cfg->manufacturer[i])) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (size_t i = 0; i < cfg->ident_len; i++) {
        if (!iec21_is_ident_char((uint8_t)cfg->ident[i])) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    for (size_t i = 0; i < cfg->address_len; i++) {
        if (!iec21_is_addr_char((uint8_t)cfg->address[i])) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    memset(srv, 0, sizeof *srv);
    memcpy(srv->manufacturer, cfg->manufacturer, 3u);
    if (cfg->ident_len > 0u) {
        memcpy(srv->ident, cfg->ident, cfg->ident_len);
    }
    if (cfg->address_len > 0u) {
        memcpy(srv->address, cfg->address, cfg->address_len);
    }
    srv->ident_len = (uint8_t)cfg->ident_len;
    srv->address_len = (uint8_t)cfg->address_len;
    srv->max_baud_char = cfg->max_baud_char;
    srv->state = (uint8_t)MSDK_COSEM_IEC21_STATE_IDLE;
    return MSDK_OK;
}

msdk_cosem_iec21_state_t msdk_cosem_iec21_server_state(const msdk_cosem_iec21_server_t *srv)
{
    if (srv == NULL || srv->state > (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC) {
        return MSDK_COSEM_IEC21_STATE_IDLE;
    }
    return (msdk_cosem_iec21_state_t)srv->state;
}

/* Length of the server's identification message. */
static size_t iec21_ident_msg_len(const msdk_cosem_iec21_server_t *srv)
{
    return 7u + (size_t)srv->ident_len + 2u;
}

/* Returns to idle; reports RESET when an identification had been sent. */
static void iec21_go_idle(msdk_cosem_iec21_server_t *srv, msdk_cosem_iec21_event_t *ev)
{
    if (srv->answered) {
        ev->action = MSDK_COSEM_IEC21_ACTION_RESET;
        ev->baud = MSDK_COSEM_IEC21_INITIAL_BAUD;
    }
    srv->answered = false;
    srv->msg_len = 0u;
    srv->state = (uint8_t)MSDK_COSEM_IEC21_STATE_IDLE;
}

/* Strips leading '0' characters (they are not significant in an address). */
static size_t iec21_skip_zeros(const uint8_t *a, size_t n)
{
    size_t i = 0;
    while (i < n && a[i] == (uint8_t)'0') {
        i++;
    }
    return i;
}

/*
 * Checks a complete sign-on in srv->msg. Returns true when it is well formed
 * and addressed to this meter (general "/?!" or a matching address).
 */
static bool iec21_sign_on_accepted(const msdk_cosem_iec21_server_t *srv)
{
    const uint8_t *m = srv->msg;
    size_t n = srv->msg_len;
    if (n < 5u || m[0] != (uint8_t)'/' || m[1] != (uint8_t)'?' || m[n - 3u] != (uint8_t)'!' ||
        m[n - 2u] != (uint8_t)'\r' || m[n - 1u] != (uint8_t)'\n') {
        return false;
    }
    const uint8_t *addr = &m[2];
    size_t alen = n - 5u;
    for (size_t i = 0; i < alen; i++) {
        if (!iec21_is_addr_char(addr[i])) {
            return false;
        }
    }
    if (alen == 0u) {
        return true;
    }
    if (srv->address_len == 0u) {
        return false;
    }
    const uint8_t *own = (const uint8_t *)srv->address;
    size_t a0 = iec21_skip_zeros(addr, alen);
    size_t o0 = iec21_skip_zeros(own, srv->address_len);
    return (alen - a0) == (srv->address_len - o0) && memcmp(addr + a0, own + o0, alen - a0) == 0;
}

/* Builds the identification message into m (room for MSDK_COSEM_IEC21_IDENT_MSG_MAX). */
static size_t iec21_build_ident(const msdk_cosem_iec21_server_t *srv, uint8_t *m)
{
    size_t i = 0;
    m[i++] = (uint8_t)'/';
    memcpy(&m[i], srv->manufacturer, 3u);
    i += 3u;
    m[i++] = srv->max_baud_char;
    m[i++] = (uint8_t)'\\';
    m[i++] = (uint8_t)'2';
    memcpy(&m[i], srv->ident, srv->ident_len);
    i += srv->ident_len;
    m[i++] = (uint8_t)'\r';
    m[i++] = (uint8_t)'\n';
    return i;
}

/* Handles a complete sign-on (its LF just arrived at now_ms). */
static void iec21_on_sign_on(msdk_cosem_iec21_server_t *srv, uint32_t now_ms, msdk_wbuf_t *tx,
                             msdk_cosem_iec21_event_t *ev)
{
    if (!iec21_sign_on_accepted(srv)) {
        iec21_go_idle(srv, ev);
        return;
    }
    uint8_t m[MSDK_COSEM_IEC21_IDENT_MSG_MAX];
    size_t n = iec21_build_ident(srv, m);
    if (msdk_wbuf_put_bytes(tx, m, n) != MSDK_OK) {
        iec21_go_idle(srv, ev); /* cannot happen: the room was checked on entry */
        return;
    }
    /* A lower-case third manufacturer letter announces the 20 ms reaction time. */
    uint32_t tr = (srv->manufacturer[2] >= 'a') ? MSDK_COSEM_IEC21_TR_MIN_FAST_MS
                                                : MSDK_COSEM_IEC21_TR_MIN_MS;
    uint32_t tx_ms = (uint32_t)((n * IEC21_BITS_PER_CHAR * 1000u + 299u) / 300u);
    ev->action = MSDK_COSEM_IEC21_ACTION_SEND;
    ev->tx_len = n;
    ev->tx_not_before_ms = now_ms + tr;
    srv->wait_from_ms = now_ms + tr + tx_ms;
    srv->answered = true;
    srv->msg_len = 0u;
    srv->state = (uint8_t)MSDK_COSEM_IEC21_STATE_WAIT_ACK;
}

/* Handles a complete option select message in srv->msg. */
static void iec21_on_option(msdk_cosem_iec21_server_t *srv, msdk_cosem_iec21_event_t *ev)
{
    const uint8_t *m = srv->msg;
    uint32_t baud = 0;
    if (srv->msg_len == MSDK_COSEM_IEC21_OPTION_LEN && m[1] == (uint8_t)'2' &&
        m[3] == (uint8_t)'2' && m[4] == (uint8_t)'\r' && m[5] == (uint8_t)'\n' &&
        m[2] <= srv->max_baud_char && msdk_cosem_iec21_baud_from_char(m[2], &baud) == MSDK_OK) {
        ev->action = MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC;
        ev->baud = baud;
        srv->answered = false;
        srv->msg_len = 0u;
        srv->state = (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC;
        return;
    }
    /* Malformed, another protocol or mode (mode C readout), or a baud rate not offered. */
    iec21_go_idle(srv, ev);
}

/* Starts collecting a message with its first character. */
static void iec21_start(msdk_cosem_iec21_server_t *srv, uint8_t c, msdk_cosem_iec21_state_t st)
{
    srv->msg[0] = c;
    srv->msg_len = 1u;
    srv->state = (uint8_t)st;
}

/* One received character. */
static void iec21_step(msdk_cosem_iec21_server_t *srv, uint8_t c, uint32_t now_ms, msdk_wbuf_t *tx,
                       msdk_cosem_iec21_event_t *ev)
{
    msdk_cosem_iec21_state_t st = (msdk_cosem_iec21_state_t)srv->state;
    if (st != MSDK_COSEM_IEC21_STATE_IDLE) {
        srv->last_rx_ms = now_ms;
    }
    switch (st) {
    case MSDK_COSEM_IEC21_STATE_IDLE:
        if (c == (uint8_t)'/') {
            srv->last_rx_ms = now_ms;
            iec21_start(srv, c, MSDK_COSEM_IEC21_STATE_SIGN_ON);
        }
        break; /* anything else is line noise */
    case MSDK_COSEM_IEC21_STATE_SIGN_ON:
        if (c == (uint8_t)'/') {
            iec21_start(srv, c, MSDK_COSEM_IEC21_STATE_SIGN_ON);
        } else if (srv->msg_len >= sizeof srv->msg) {
            iec21_go_idle(srv, ev); /* longer than any sign-on */
        } else {
            srv->msg[srv->msg_len++] = c;
            if (c == (uint8_t)'\n') {
                iec21_on_sign_on(srv, now_ms, tx, ev);
            }
        }
        break;
    case MSDK_COSEM_IEC21_STATE_WAIT_ACK:
        if (c == (uint8_t)MSDK_COSEM_IEC21_ACK) {
            iec21_start(srv, c, MSDK_COSEM_IEC21_STATE_OPTION);
        } else if (c == (uint8_t)'/') {
            iec21_start(srv, c,
                        MSDK_COSEM_IEC21_STATE_SIGN_ON); /* the client repeats the sign-on */
        } else {
            iec21_go_idle(srv, ev);
        }
        break;
    case MSDK_COSEM_IEC21_STATE_OPTION:
        srv->msg[srv->msg_len++] = c;
        if (c == (uint8_t)'\n' || srv->msg_len >= MSDK_COSEM_IEC21_OPTION_LEN) {
            iec21_on_option(srv, ev);
        }
        break;
    default: /* HDLC: the caller does not get here */ break;
    }
}

/* Applies the ta and tt timeouts; may set a RESET action. */
static void iec21_check_timeouts(msdk_cosem_iec21_server_t *srv, uint32_t now_ms,
                                 msdk_cosem_iec21_event_t *ev)
{
    switch ((msdk_cosem_iec21_state_t)srv->state) {
    case MSDK_COSEM_IEC21_STATE_SIGN_ON:
    case MSDK_COSEM_IEC21_STATE_OPTION:
        if (iec21_after(now_ms, srv->last_rx_ms + MSDK_COSEM_IEC21_TA_MS)) {
            iec21_go_idle(srv, ev);
        }
        break;
    case MSDK_COSEM_IEC21_STATE_WAIT_ACK:
        if (iec21_after(now_ms, srv->wait_from_ms + MSDK_COSEM_IEC21_TT_MS)) {
            iec21_go_idle(srv, ev);
        }
        break;
    default: break;
    }
}

/* Rejects a struct that msdk_cosem_iec21_server_init() did not produce. */
static bool iec21_server_sane(const msdk_cosem_iec21_server_t *srv)
{
    return srv->state <= (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC && srv->msg_len <= sizeof srv->msg &&
           srv->ident_len <= MSDK_COSEM_IEC21_IDENT_MAX &&
           srv->address_len <= MSDK_COSEM_IEC21_ADDR_MAX && srv->max_baud_char >= (uint8_t)'0' &&
           srv->max_baud_char <= (uint8_t)'6' &&
           (srv->state != (uint8_t)MSDK_COSEM_IEC21_STATE_OPTION ||
            srv->msg_len < MSDK_COSEM_IEC21_OPTION_LEN);
}

msdk_err_t msdk_cosem_iec21_server_input(msdk_cosem_iec21_server_t *srv, const uint8_t *data,
                                         size_t len, uint32_t now_ms, msdk_wbuf_t *tx,
                                         msdk_cosem_iec21_event_t *ev)
{
    if (srv == NULL || tx == NULL || ev == NULL || (data == NULL && len > 0u) ||
        !iec21_server_sane(srv) || tx->pos > tx->cap || (tx->p == NULL && tx->cap > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (srv->state == (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC) {
        return MSDK_ERR_STATE;
    }
    if (tx->cap - tx->pos < iec21_ident_msg_len(srv)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_cosem_iec21_event_t e;
    memset(&e, 0, sizeof e);
    iec21_check_timeouts(srv, now_ms, &e);
    size_t i = 0;
    while (e.action == MSDK_COSEM_IEC21_ACTION_NONE && i < len) {
        uint8_t c = data[i++];
        if (c > 0x7Fu && srv->state != (uint8_t)MSDK_COSEM_IEC21_STATE_IDLE) {
            iec21_go_idle(srv, &e); /* not a 7-bit character: the message is broken */
            continue;
        }
        iec21_step(srv, c, now_ms, tx, &e);
    }
    e.consumed = i;
    *ev = e;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_iec21_server_poll(msdk_cosem_iec21_server_t *srv, uint32_t now_ms,
                                        msdk_cosem_iec21_event_t *ev)
{
    if (srv == NULL || ev == NULL || !iec21_server_sane(srv)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_iec21_event_t e;
    memset(&e, 0, sizeof e);
    iec21_check_timeouts(srv, now_ms, &e);
    *ev = e;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_iec21_server_tx_done(msdk_cosem_iec21_server_t *srv, uint32_t now_ms)
{
    if (srv == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!srv->answered || srv->state == (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC) {
        return MSDK_ERR_STATE;
    }
    srv->wait_from_ms = now_ms;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_iec21_server_hdlc_ended(msdk_cosem_iec21_server_t *srv,
                                              msdk_cosem_iec21_event_t *ev)
{
    if (srv == NULL || ev == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (srv->state != (uint8_t)MSDK_COSEM_IEC21_STATE_HDLC) {
        return MSDK_ERR_STATE;
    }
    memset(ev, 0, sizeof *ev);
    ev->action = MSDK_COSEM_IEC21_ACTION_RESET;
    ev->baud = MSDK_COSEM_IEC21_INITIAL_BAUD;
    srv->answered = false;
    srv->msg_len = 0u;
    srv->state = (uint8_t)MSDK_COSEM_IEC21_STATE_IDLE;
    return MSDK_OK;
}

/* ---- Client ---------------------------------------------------------------- */

msdk_err_t msdk_cosem_iec21_build_sign_on(msdk_wbuf_t *wb, const char *address, size_t address_len)
{
    if (wb == NULL || (address == NULL && address_len > 0u) ||
        address_len > MSDK_COSEM_IEC21_ADDR_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t m[MSDK_COSEM_IEC21_SIGN_ON_MAX];
    size_t n = 0;
    m[n++] = (uint8_t)'/';
    m[n++] = (uint8_t)'?';
    for (size_t i = 0; i < address_len; i++) {
        uint8_t c = (uint8_t)address[i];
        if (!iec21_is_addr_char(c)) {
            return MSDK_ERR_INVALID_ARG;
        }
        m[n++] = c;
    }
    m[n++] = (uint8_t)'!';
    m[n++] = (uint8_t)'\r';
    m[n++] = (uint8_t)'\n';
    return msdk_wbuf_put_bytes(wb, m, n);
}

msdk_err_t msdk_cosem_iec21_build_option_select(msdk_wbuf_t *wb, uint8_t protocol,
                                                uint8_t baud_char, uint8_t mode)
{
    if (wb == NULL || protocol < (uint8_t)'0' || protocol > (uint8_t)'2' ||
        baud_char < (uint8_t)'0' || baud_char > (uint8_t)'6' || mode < (uint8_t)'0' ||
        mode > (uint8_t)'2') {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t m[MSDK_COSEM_IEC21_OPTION_LEN] = {
        (uint8_t)MSDK_COSEM_IEC21_ACK, protocol, baud_char, mode, (uint8_t)'\r', (uint8_t)'\n'
    };
    return msdk_wbuf_put_bytes(wb, m, sizeof m);
}

/* Baud rate of an identification's Z; 0 for reserved characters. False if Z is invalid. */
static bool iec21_ident_baud(uint8_t z, uint32_t *baud)
{
    if (z >= (uint8_t)'0' && z <= (uint8_t)'6') {
        *baud = iec21_baud_ce[z - (uint8_t)'0'];
    } else if (z >= (uint8_t)'A' && z <= (uint8_t)'F') {
        *baud = iec21_baud_b[z - (uint8_t)'A'];
    } else if (iec21_is_digit(z) || (z >= (uint8_t)'G' && z <= (uint8_t)'I')) {
        *baud = 0u; /* reserved */
    } else {
        return false;
    }
    return true;
}

msdk_err_t msdk_cosem_iec21_parse_ident(const uint8_t *msg, size_t len,
                                        msdk_cosem_iec21_ident_t *out)
{
    if (out == NULL || (msg == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_iec21_ident_t r;
    memset(&r, 0, sizeof r);
    size_t i = 0;
    /* '/' and the manufacturer's three letters. */
    if (i == len) {
        return MSDK_ERR_TRUNCATED;
    }
    if (msg[i++] != (uint8_t)'/') {
        return MSDK_ERR_MALFORMED;
    }
    for (size_t k = 0; k < 3u; k++) {
        if (i == len) {
            return MSDK_ERR_TRUNCATED;
        }
        uint8_t c = msg[i++];
        if (!iec21_is_letter(c)) {
            return MSDK_ERR_MALFORMED;
        }
        r.manufacturer[k] = (char)c;
    }
    r.fast_reaction = (r.manufacturer[2] >= 'a' && r.manufacturer[2] <= 'z');
    /* Baud rate character. */
    if (i == len) {
        return MSDK_ERR_TRUNCATED;
    }
    r.baud_char = msg[i++];
    if (!iec21_ident_baud(r.baud_char, &r.baud)) {
        return MSDK_ERR_MALFORMED;
    }
    /* Zero or more escape sequences \W. */
    while (i < len && msg[i] == (uint8_t)'\\') {
        i++;
        if (i == len) {
            return MSDK_ERR_TRUNCATED;
        }
        uint8_t w = msg[i++];
        if (!iec21_is_digit(w)) {
            return MSDK_ERR_MALFORMED;
        }
        if (r.enhanced == 0u) {
            r.enhanced = w;
        }
        if (w == (uint8_t)'2') {
            r.mode_e = true;
        }
    }
    /* Identification up to CR. */
    for (;;) {
        if (i == len) {
            return MSDK_ERR_TRUNCATED;
        }
        uint8_t c = msg[i++];
        if (c == (uint8_t)'\r') {
            break;
        }
        if (!iec21_is_ident_char(c) || r.ident_len >= MSDK_COSEM_IEC21_IDENT_MAX) {
            return MSDK_ERR_MALFORMED;
        }
        r.ident[r.ident_len++] = (char)c;
    }
    if (i == len) {
        return MSDK_ERR_TRUNCATED;
    }
    if (msg[i++] != (uint8_t)'\n' || i != len) {
        return MSDK_ERR_MALFORMED;
    }
    *out = r;
    return MSDK_OK;
}
