/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The simulated wired M-Bus segment: the line (byte timing on the simulated clock, the
 * wired AND of slaves sending at once), the bus supply with its overcurrent trip, and
 * its wiring into the board: the meter's M-Bus UART and the gateway port (--mbus-tcp /
 * --mbus-pty with --mbus-bus segment) are its two master ports, msdk/port/mbus_power.h
 * and the `mbus` control commands act on it. The slave models are in host_mbus_slaves.c.
 * The part above "board side" is sans-IO (host_mbus.h): the tests drive it directly. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include "host_internal.h"

/* ---- line ------------------------------------------------------------------------------- */

static bool parity_even_bit(uint8_t b)
{
    unsigned ones = 0;
    for (unsigned i = 0; i < 8u; i++) {
        ones += (b >> i) & 1u;
    }
    return (ones & 1u) != 0u; /* the 8E1 parity bit makes the count of ones even */
}

static uint64_t port_next_us(const msdk_host_mbus_port_t *p)
{
    if (p->q_count == 0u) {
        return UINT64_MAX;
    }
    return p->origin_us + msdk_host_mbus_bytes_us((uint64_t)p->sent + 1u, p->origin_baud);
}

static bool slave_sending(const msdk_host_mbus_slave_t *s)
{
    return s->tx_sent < s->tx_len;
}

/* End of the slave's next reply byte (byte tx_sent + 1 of the reply). */
static uint64_t slave_next_us(const msdk_host_mbus_slave_t *s)
{
    if (!slave_sending(s)) {
        return UINT64_MAX;
    }
    return s->tx_start_us + msdk_host_mbus_bytes_us((uint64_t)s->tx_sent + 1u, s->tx_baud);
}

uint64_t msdk_host_mbus_next_event_us(const msdk_host_mbus_t *seg)
{
    uint64_t t = UINT64_MAX;
    for (size_t i = 0; i < MSDK_HOST_MBUS_PORTS; i++) {
        uint64_t e = port_next_us(&seg->port[i]);
        t = (e < t) ? e : t;
    }
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        uint64_t e = slave_next_us(&seg->slave[i]);
        t = (e < t) ? e : t;
    }
    return t;
}

/* A master byte ends on the line at t: every powered, connected slave hears it. */
static void port_byte(msdk_host_mbus_t *seg, unsigned pi, uint64_t t)
{
    msdk_host_mbus_port_t *p = &seg->port[pi];
    uint8_t byte = p->q[p->q_head];
    p->q_head = (p->q_head + 1u) % MSDK_HOST_MBUS_TXQ;
    p->q_count--;
    p->sent++;
    p->last_end_us = t;
    p->tx_bytes++;
    if (!seg->power_on) {
        return; /* no supply: the bytes are lost */
    }
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        msdk_host_mbus_slave_t *s = &seg->slave[i];
        if (s->connected) {
            bool ok = p->origin_8e1 && (p->origin_baud == s->baud);
            msdk_host_mbus_slave_hear(seg, s, pi, byte, ok, t);
        }
    }
}

/* Reply bytes of the slaves that end at t: the line is the wired AND of every slave
 * sending at that moment (a byte in progress of another slave spoils it too, and so does
 * another slave's last byte that ended while this one was on the line). */
static void slave_bytes(msdk_host_mbus_t *seg, uint64_t t)
{
    uint8_t data = 0xFFu;
    bool par = true;
    unsigned senders = 0;
    unsigned ports = 0;
    bool overlap = false;
    uint64_t byte_us = 0u; /* duration of the byte ending at t */
    bool sent_now[MSDK_HOST_MBUS_SLAVES] = { false };
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        msdk_host_mbus_slave_t *s = &seg->slave[i];
        if (slave_next_us(s) != t) {
            continue;
        }
        sent_now[i] = true;
        const uint64_t us = msdk_host_mbus_bytes_us(1u, s->tx_baud);
        byte_us = (us > byte_us) ? us : byte_us;
        uint8_t b = s->tx[s->tx_sent++];
        data &= b;
        par = par && parity_even_bit(b);
        senders++;
        ports |= 1u << s->tx_port;
        if (!slave_sending(s)) {
            s->tx_end_us = t;
            s->tx_len = 0;
            s->tx_sent = 0;
            if (s->pending_baud != 0u) {
                s->baud = s->pending_baud; /* the E5 is out at the old rate */
                s->pending_baud = 0;
            }
        }
    }
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        const msdk_host_mbus_slave_t *s = &seg->slave[i];
        if (!sent_now[i] && !slave_sending(s) && (s->tx_end_us != 0u) && (s->tx_end_us < t) &&
            ((s->tx_end_us + byte_us) > t)) {
            overlap = true; /* its last byte ended while this one was on the line */
        }
        if (!slave_sending(s)) {
            continue;
        }
        uint64_t start = s->tx_start_us + msdk_host_mbus_bytes_us(s->tx_sent, s->tx_baud);
        if (start < t) {
            data &= s->tx[s->tx_sent];
            par = par && parity_even_bit(s->tx[s->tx_sent]);
            overlap = true;
        }
    }
    bool line_error = overlap || ((senders > 1u) && (parity_even_bit(data) != par));
    for (unsigned pi = 0; pi < MSDK_HOST_MBUS_PORTS; pi++) {
        if ((ports & (1u << pi)) != 0u) {
            seg->port[pi].rx_bytes++;
            if (seg->rx_fn != NULL) {
                seg->rx_fn(seg->ctx, pi, data, line_error, t);
            }
        }
    }
}

void msdk_host_mbus_advance(msdk_host_mbus_t *seg, uint64_t now_us)
{
    for (;;) {
        uint64_t e = msdk_host_mbus_next_event_us(seg);
        if ((e == UINT64_MAX) || (e > now_us)) {
            break;
        }
        bool done = false;
        for (unsigned pi = 0; (pi < MSDK_HOST_MBUS_PORTS) && !done; pi++) {
            if (port_next_us(&seg->port[pi]) == e) {
                port_byte(seg, pi, e);
                done = true;
            }
        }
        if (!done) {
            slave_bytes(seg, e);
        }
    }
    if (now_us > seg->now_us) {
        seg->now_us = now_us;
    }
}

size_t msdk_host_mbus_send(msdk_host_mbus_t *seg, unsigned port, uint64_t now_us,
                           const uint8_t *data, size_t len)
{
    if ((port >= MSDK_HOST_MBUS_PORTS) || ((data == NULL) && (len > 0u))) {
        return 0;
    }
    msdk_host_mbus_advance(seg, now_us);
    msdk_host_mbus_port_t *p = &seg->port[port];
    if ((p->q_count == 0u) && (len > 0u)) {
        p->origin_us = (now_us > p->last_end_us) ? now_us : p->last_end_us;
        p->origin_baud = p->baud;
        p->origin_8e1 = p->framing_8e1;
        p->sent = 0;
    }
    size_t n = 0;
    while ((n < len) && (p->q_count < MSDK_HOST_MBUS_TXQ)) {
        p->q[(p->q_head + p->q_count) % MSDK_HOST_MBUS_TXQ] = data[n++];
        p->q_count++;
    }
    return n;
}

size_t msdk_host_mbus_tx_pending(const msdk_host_mbus_t *seg, unsigned port)
{
    return (port < MSDK_HOST_MBUS_PORTS) ? seg->port[port].q_count : 0u;
}

msdk_err_t msdk_host_mbus_port_config(msdk_host_mbus_t *seg, unsigned port, uint32_t baud,
                                      bool framing_8e1)
{
    if ((port >= MSDK_HOST_MBUS_PORTS) || (baud == 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_host_mbus_port_t *p = &seg->port[port];
    if (p->q_count > 0u) {
        /* bytes already queued keep their rate: they form the burst up to now */
        return (baud == p->origin_baud) && (framing_8e1 == p->origin_8e1) ? MSDK_OK : MSDK_ERR_BUSY;
    }
    p->baud = baud;
    p->framing_8e1 = framing_8e1;
    return MSDK_OK;
}

/* ---- supply ------------------------------------------------------------------------------ */

static void supply_cut(msdk_host_mbus_t *seg)
{
    seg->power_on = false;
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        msdk_host_mbus_slave_drop(&seg->slave[i]);
    }
}

static uint32_t load_ua(const msdk_host_mbus_t *seg)
{
    return msdk_host_mbus_slaves_connected(seg) * MSDK_MBUS_POWER_UNIT_LOAD_UA;
}

/* Trip when shorted or overloaded. */
static void supply_check(msdk_host_mbus_t *seg)
{
    if (seg->power_on && (seg->short_circuit || (load_ua(seg) > MSDK_MBUS_POWER_MAX_MA * 1000u))) {
        seg->overcurrent = true;
        supply_cut(seg);
    }
}

void msdk_host_mbus_power_set(msdk_host_mbus_t *seg, uint64_t now_us, bool on)
{
    msdk_host_mbus_advance(seg, now_us);
    if (on) {
        seg->overcurrent = false; /* switching on retries */
        seg->power_on = true;
        supply_check(seg);
    } else if (seg->power_on) {
        supply_cut(seg);
    }
}

void msdk_host_mbus_power_get(const msdk_host_mbus_t *seg, msdk_mbus_power_status_t *st)
{
    st->fitted = true;
    st->on = seg->power_on;
    st->overcurrent = seg->overcurrent;
    /* 1.5 mA per unit load, to the nearest mA (halves up) */
    st->current_ma = seg->power_on ? (uint16_t)((load_ua(seg) + 500u) / 1000u) : 0u;
}

void msdk_host_mbus_short(msdk_host_mbus_t *seg, uint64_t now_us, bool on)
{
    msdk_host_mbus_advance(seg, now_us);
    seg->short_circuit = on;
    supply_check(seg);
}

/* ---- slaves -------------------------------------------------------------------------------- */

msdk_err_t msdk_host_mbus_slave_connect(msdk_host_mbus_t *seg, unsigned index, bool on)
{
    if ((index < 1u) || (index > MSDK_HOST_MBUS_SLAVES)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_host_mbus_slave_t *s = &seg->slave[index - 1u];
    if (!on) {
        msdk_host_mbus_slave_drop(s);
    }
    s->connected = on;
    supply_check(seg);
    return MSDK_OK;
}

msdk_err_t msdk_host_mbus_slave_status(msdk_host_mbus_t *seg, unsigned index, uint8_t flags)
{
    if ((index < 1u) || (index > MSDK_HOST_MBUS_SLAVES) ||
        ((flags & ~(MSDK_HOST_MBUS_STATUS_FRAUD | MSDK_HOST_MBUS_STATUS_BATTERY)) != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    seg->slave[index - 1u].status = flags;
    return MSDK_OK;
}

unsigned msdk_host_mbus_slaves_connected(const msdk_host_mbus_t *seg)
{
    unsigned n = 0;
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        n += seg->slave[i].connected ? 1u : 0u;
    }
    return n;
}

void msdk_host_mbus_init(msdk_host_mbus_t *seg, msdk_host_mbus_rx_fn rx_fn,
                         msdk_host_mbus_rtc_fn rtc_fn, void *ctx)
{
    memset(seg, 0, sizeof(*seg));
    seg->rx_fn = rx_fn;
    seg->rtc_fn = rtc_fn;
    seg->ctx = ctx;
    seg->power_on = true;
    for (size_t i = 0; i < MSDK_HOST_MBUS_PORTS; i++) {
        seg->port[i].baud = MSDK_HOST_MBUS_BAUD;
        seg->port[i].framing_8e1 = true;
    }
    msdk_host_mbus_population(seg);
}

/* ---- board side ------------------------------------------------------------------------------ */

static void board_rx(void *ctx, unsigned port, uint8_t byte, bool line_error, uint64_t t_us)
{
    msdk_host_board_t *b = ctx;
    (void)t_us;
    /* A UART drops a byte received with a parity error (several slaves answering at once):
     * the meter's read reports the error (MSDK_ERR_IO), a gateway's peer just misses it. */
    if (port == MSDK_HOST_MBUS_PORT_UART) {
        msdk_host_chan_t *ch = &b->chan[MSDK_BOARD_SERIAL_MBUS];
        if (line_error) {
            ch->rx_error = true;
        } else if (msdk_host_ring_put(&ch->rx, &byte, 1u) == 1u) {
            ch->rx_bytes++;
        }
        return;
    }
    for (size_t e = 0; e < 2u; e++) {
        msdk_host_endpoint_t *ep = &b->chan[MSDK_BOARD_SERIAL_MBUS].ep[e];
        if (ep->attached && !line_error) {
            (void)msdk_host_ring_put(&ep->tx, &byte, 1u);
        }
    }
}

static int64_t board_rtc(void *ctx, uint64_t t_us)
{
    const msdk_host_board_t *b = ctx;
    (void)t_us; /* the slaves read the simulator's RTC as it is now */
    int64_t us = msdk_host_clock_rtc_us(&b->clock);
    return (us >= 0) ? us / 1000000 : -((-us + 999999) / 1000000);
}

void msdk_host_mbus_open(msdk_host_board_t *b)
{
    msdk_host_mbus_board_t *mb = &b->mbus;
    memset(mb, 0, sizeof(*mb));
    mb->segment = !b->opt.mbus_bridge;
    msdk_host_mbus_init(&mb->seg, board_rx, board_rtc, b);
}

/* Rate of the gateway port: the pty's line settings when a tool set an M-Bus rate on
 * it, else 2400 Bd (TCP carries no rate). */
static uint32_t gateway_baud(const msdk_host_board_t *b)
{
    static const struct {
        speed_t code;
        uint32_t baud;
    } rates[] = { { B300, 300u },   { B600, 600u },   { B1200, 1200u },   { B2400, 2400u },
                  { B4800, 4800u }, { B9600, 9600u }, { B19200, 19200u }, { B38400, 38400u } };
    const msdk_host_endpoint_t *ep = &b->chan[MSDK_BOARD_SERIAL_MBUS].ep[1];
    struct termios t;
    if ((ep->kind == MSDK_HOST_EP_PTY) && ep->attached && (ep->fd >= 0) &&
        (tcgetattr(ep->fd, &t) == 0)) {
        speed_t sp = cfgetispeed(&t);
        for (size_t i = 0; i < MSDK_ARRAY_SIZE(rates); i++) {
            if (rates[i].code == sp) {
                return rates[i].baud;
            }
        }
    }
    return MSDK_HOST_MBUS_BAUD;
}

void msdk_host_mbus_update(msdk_host_board_t *b)
{
    msdk_host_mbus_board_t *mb = &b->mbus;
    if (!mb->segment) {
        return;
    }
    uint64_t now = b->clock.now_us;
    msdk_host_mbus_advance(&mb->seg, now);
    if (mb->gw_in.count > 0u) {
        if (msdk_host_mbus_tx_pending(&mb->seg, MSDK_HOST_MBUS_PORT_GW) == 0u) {
            (void)msdk_host_mbus_port_config(&mb->seg, MSDK_HOST_MBUS_PORT_GW, gateway_baud(b),
                                             true);
        }
        const uint8_t *p;
        size_t span = msdk_host_ring_used_span(&mb->gw_in, &p);
        size_t n = msdk_host_mbus_send(&mb->seg, MSDK_HOST_MBUS_PORT_GW, now, p, span);
        msdk_host_ring_drop(&mb->gw_in, n);
    }
}

uint64_t msdk_host_mbus_board_next_us(const msdk_host_board_t *b)
{
    return b->mbus.segment ? msdk_host_mbus_next_event_us(&b->mbus.seg) : UINT64_MAX;
}

/* ---- msdk/port/mbus_power.h ---------------------------------------------------------------- */

msdk_err_t msdk_port_mbus_power_set(bool on)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || !b->mbus.segment) {
        return MSDK_ERR_NOT_SUPPORTED; /* bridge: the external level converter feeds the bus */
    }
    msdk_host_mbus_power_set(&b->mbus.seg, b->clock.now_us, on);
    return MSDK_OK;
}

msdk_err_t msdk_port_mbus_power_status(msdk_mbus_power_status_t *st)
{
    if (st == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_host_board_t *b = msdk_host_board();
    memset(st, 0, sizeof(*st));
    if (b->initialized && b->mbus.segment) {
        msdk_host_mbus_power_get(&b->mbus.seg, st);
    }
    return MSDK_OK;
}

/* ---- control interface: `mbus ...` ---------------------------------------------------------- */

static bool parse_on_off(const char *s, bool *on)
{
    if (strcmp(s, "on") == 0) {
        *on = true;
        return true;
    }
    if (strcmp(s, "off") == 0) {
        *on = false;
        return true;
    }
    return false;
}

void msdk_host_mbus_command(msdk_host_board_t *b, char **t, size_t n, char *out, size_t cap)
{
    msdk_host_mbus_t *seg = &b->mbus.seg;
    uint64_t now = b->clock.now_us;
    bool on = false;
    uint64_t idx = 0;
    if (!b->mbus.segment) {
        (void)snprintf(out, cap, "error no simulated M-Bus segment (--mbus-bus bridge)");
        return;
    }
    if ((n == 2u) && (strcmp(t[1], "status") == 0)) {
        msdk_mbus_power_status_t st;
        msdk_host_mbus_advance(seg, now);
        msdk_host_mbus_power_get(seg, &st);
        (void)snprintf(out, cap, "ok power %s overcurrent %s current_ma %u slaves %u",
                       st.on ? "on" : "off", st.overcurrent ? "yes" : "no", (unsigned)st.current_ma,
                       msdk_host_mbus_slaves_connected(seg));
    } else if ((n == 3u) && (strcmp(t[1], "short") == 0) && parse_on_off(t[2], &on)) {
        msdk_host_mbus_short(seg, now, on);
        (void)snprintf(out, cap, "ok");
    } else if ((n == 3u) && (strcmp(t[1], "power") == 0) && parse_on_off(t[2], &on)) {
        msdk_host_mbus_power_set(seg, now, on);
        (void)snprintf(out, cap, "ok");
    } else if ((n >= 4u) && (strcmp(t[1], "slave") == 0) &&
               msdk_host_parse_u64(t[2], MSDK_HOST_MBUS_SLAVES, &idx) && (idx >= 1u)) {
        if ((n == 4u) && parse_on_off(t[3], &on)) {
            msdk_host_mbus_advance(seg, now);
            (void)msdk_host_mbus_slave_connect(seg, (unsigned)idx, on);
            (void)snprintf(out, cap, "ok");
            return;
        }
        uint8_t flags = 0;
        bool ok = (n >= 5u) && (strcmp(t[3], "status") == 0);
        for (size_t k = 4; ok && (k < n); k++) {
            if (strcmp(t[k], "fraud") == 0) {
                flags |= MSDK_HOST_MBUS_STATUS_FRAUD;
            } else if (strcmp(t[k], "battery") == 0) {
                flags |= MSDK_HOST_MBUS_STATUS_BATTERY;
            } else if (strcmp(t[k], "none") != 0) {
                ok = false;
            }
        }
        if (!ok) {
            (void)snprintf(out, cap,
                           "error usage: mbus slave <1-10> on|off | mbus slave <1-10> status "
                           "fraud|battery|none ...");
            return;
        }
        (void)msdk_host_mbus_slave_status(seg, (unsigned)idx, flags);
        (void)snprintf(out, cap, "ok");
    } else {
        (void)snprintf(out, cap,
                       "error usage: mbus status | mbus short on|off | mbus power on|off | "
                       "mbus slave <1-10> on|off | mbus slave <1-10> status fraud|battery|none");
    }
}
