/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Serial channels: TCP listeners on 127.0.0.1 and pseudo-terminals, plus the console
 * on stdout. Bytes move between the rings and the descriptors only inside
 * msdk_port_board_idle() (the "interrupts" of the simulated board) and, for sending,
 * right when the firmware queues them. */
#define _GNU_SOURCE /* ptsname_r, cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#include "host_internal.h"

static const char *const chan_names[MSDK_BOARD_SERIAL_COUNT] = { "console", "optical", "wan",
                                                                 "mbus" };

enum {
    EP_TCP = 0,
    EP_PTY = 1
};

/* ---- endpoints ---------------------------------------------------------------------- */

/* The M-Bus channel with --mbus-bus segment: the firmware's UART drives the simulated
 * segment (host_mbus.c) and the TCP/pty endpoints are the segment's gateway port. */
static bool chan_is_segment(const msdk_host_chan_t *ch)
{
    return (ch == &ch->board->chan[MSDK_BOARD_SERIAL_MBUS]) && ch->board->mbus.segment;
}

static void ep_detach(msdk_host_chan_t *ch, msdk_host_endpoint_t *ep, const char *why)
{
    if (ep->kind == MSDK_HOST_EP_TCP) {
        msdk_host_fd_close(&ep->fd);
    } else if (ep->fd >= 0) {
        (void)tcflush(ep->fd, TCIOFLUSH);
    }
    if (ep->attached) {
        msdk_host_console_printf(ch->board, "serial: %s %s peer %s", ch->name,
                                 (ep->kind == MSDK_HOST_EP_TCP) ? "tcp" : "pty", why);
    }
    ep->attached = false;
    ep->tx.head = 0;
    ep->tx.count = 0;
}

static void ep_receive(msdk_host_chan_t *ch, msdk_host_endpoint_t *ep)
{
    msdk_host_ring_t *dst = chan_is_segment(ch) ? &ch->board->mbus.gw_in : &ch->rx;
    for (;;) {
        uint8_t *p;
        size_t span = msdk_host_ring_free_span(dst, &p);
        if (span == 0u) {
            return; /* full: the kernel buffers the rest (flow control) */
        }
        ssize_t n = read(ep->fd, p, span);
        if (n > 0) {
            msdk_host_ring_commit(dst, (size_t)n);
            if (dst == &ch->rx) {
                ch->rx_bytes += (uint64_t)n;
            }
            continue;
        }
        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if ((n < 0) && ((errno == EAGAIN) || (errno == EWOULDBLOCK))) {
            return;
        }
        ep_detach(ch, ep, "closed"); /* 0 = TCP end of stream; EIO = pty slave closed */
        return;
    }
}

static void ep_send(msdk_host_chan_t *ch, msdk_host_endpoint_t *ep)
{
    while (ep->attached && (ep->tx.count > 0u)) {
        const uint8_t *p;
        size_t span = msdk_host_ring_used_span(&ep->tx, &p);
        ssize_t n;
        if (ep->kind == MSDK_HOST_EP_TCP) {
            n = send(ep->fd, p, span, MSG_NOSIGNAL | MSG_DONTWAIT);
        } else {
            n = write(ep->fd, p, span);
        }
        if (n > 0) {
            msdk_host_ring_drop(&ep->tx, (size_t)n);
            continue;
        }
        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if ((n < 0) && ((errno == EAGAIN) || (errno == EWOULDBLOCK))) {
            return;
        }
        ep_detach(ch, ep, "lost");
        return;
    }
}

/* A pty counts as attached while some process has its slave open; the master sees
 * POLLHUP otherwise. */
static void pty_probe(msdk_host_chan_t *ch, msdk_host_endpoint_t *ep)
{
    struct pollfd pfd = { ep->fd, POLLIN, 0 };
    if (poll(&pfd, 1, 0) < 0) {
        return;
    }
    bool hup = (pfd.revents & POLLHUP) != 0;
    if (ep->attached && hup) {
        ep_detach(ch, ep, "closed");
    } else if (!ep->attached && !hup) {
        ep->attached = true;
        msdk_host_console_printf(ch->board, "serial: %s pty peer attached", ch->name);
    }
}

static bool pty_apply(int fd, const msdk_serial_config_t *cfg)
{
    static const struct {
        uint32_t baud;
        speed_t code;
    } rates[] = {
        { 300, B300 },     { 600, B600 },       { 1200, B1200 },     { 2400, B2400 },
        { 4800, B4800 },   { 9600, B9600 },     { 19200, B19200 },   { 38400, B38400 },
        { 57600, B57600 }, { 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 }
    };
    struct termios t;
    if (tcgetattr(fd, &t) != 0) {
        return false;
    }
    cfmakeraw(&t);
    if (cfg != NULL) {
        for (size_t i = 0; i < MSDK_ARRAY_SIZE(rates); i++) {
            if (rates[i].baud == cfg->baud) {
                (void)cfsetispeed(&t, rates[i].code);
                (void)cfsetospeed(&t, rates[i].code);
            }
        }
        t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CSTOPB);
        t.c_cflag |= (cfg->data_bits == 7u) ? CS7 : CS8;
        if (cfg->parity != MSDK_SERIAL_PARITY_NONE) {
            t.c_cflag |= PARENB;
        }
        if (cfg->parity == MSDK_SERIAL_PARITY_ODD) {
            t.c_cflag |= PARODD;
        }
        if (cfg->stop_bits == 2u) {
            t.c_cflag |= CSTOPB;
        }
    }
    return tcsetattr(fd, TCSANOW, &t) == 0;
}

static bool pty_open(msdk_host_endpoint_t *ep)
{
    ep->fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (ep->fd < 0) {
        return false;
    }
    int fl = fcntl(ep->fd, F_GETFL);
    if ((grantpt(ep->fd) != 0) || (unlockpt(ep->fd) != 0) ||
        (ptsname_r(ep->fd, ep->pty_path, sizeof(ep->pty_path)) != 0) || (fl < 0) ||
        (fcntl(ep->fd, F_SETFL, fl | O_NONBLOCK) != 0) || !pty_apply(ep->fd, NULL)) {
        msdk_host_fd_close(&ep->fd);
        return false;
    }
    /* Open and close the slave once: from then on the master reports POLLHUP until a
     * client opens it, which is how a peer is detected. */
    int s = open(ep->pty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s >= 0) {
        (void)close(s);
    }
    return true;
}

/* ---- serial.h driver ----------------------------------------------------------------- */

static bool chan_has_peer(const msdk_host_chan_t *ch)
{
    return ch->is_console || chan_is_segment(ch) || ch->ep[EP_TCP].attached ||
           ch->ep[EP_PTY].attached;
}

static msdk_err_t chan_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    msdk_host_chan_t *ch = ctx;
    if ((cfg->baud > 10000000u) || ((cfg->data_bits != 7u) && (cfg->data_bits != 8u)) ||
        ((cfg->stop_bits != 1u) && (cfg->stop_bits != 2u)) ||
        ((cfg->parity != MSDK_SERIAL_PARITY_NONE) && (cfg->parity != MSDK_SERIAL_PARITY_EVEN) &&
         (cfg->parity != MSDK_SERIAL_PARITY_ODD))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (chan_is_segment(ch)) {
        bool e81 = (cfg->data_bits == 8u) && (cfg->parity == MSDK_SERIAL_PARITY_EVEN) &&
                   (cfg->stop_bits == 1u);
        if ((cfg->baud == 0u) ||
            (msdk_host_mbus_port_config(&ch->board->mbus.seg, MSDK_HOST_MBUS_PORT_UART, cfg->baud,
                                        e81) != MSDK_OK)) {
            return (cfg->baud == 0u) ? MSDK_ERR_INVALID_ARG : MSDK_ERR_BUSY;
        }
        ch->cfg = *cfg; /* the pty is the gateway: its peer sets its own line */
        return MSDK_OK;
    }
    ch->cfg = *cfg;
    if ((ch->ep[EP_PTY].fd >= 0) && !pty_apply(ch->ep[EP_PTY].fd, cfg)) {
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

static msdk_err_t chan_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    msdk_host_chan_t *ch = ctx;
    if (ch->is_console) {
        msdk_host_console_write(ch->board, data, len);
        *written = len;
        ch->tx_bytes += len;
        return MSDK_OK;
    }
    if (chan_is_segment(ch)) {
        size_t n = msdk_host_mbus_send(&ch->board->mbus.seg, MSDK_HOST_MBUS_PORT_UART,
                                       ch->board->clock.now_us, data, len);
        ch->tx_bytes += n;
        *written = n;
        return MSDK_OK;
    }
    if (!chan_has_peer(ch)) {
        return MSDK_ERR_CLOSED;
    }
    /* Take what fits in every attached endpoint, so all peers see the same bytes. */
    size_t n = len;
    for (size_t i = 0; i < 2u; i++) {
        if (ch->ep[i].attached && (msdk_host_ring_space(&ch->ep[i].tx) < n)) {
            n = msdk_host_ring_space(&ch->ep[i].tx);
        }
    }
    for (size_t i = 0; i < 2u; i++) {
        if (ch->ep[i].attached) {
            (void)msdk_host_ring_put(&ch->ep[i].tx, data, n);
            ep_send(ch, &ch->ep[i]);
        }
    }
    ch->tx_bytes += n;
    *written = n;
    return MSDK_OK;
}

static msdk_err_t chan_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    msdk_host_chan_t *ch = ctx;
    *got = msdk_host_ring_get(&ch->rx, buf, cap);
    if (ch->rx_error) {
        ch->rx_error = false; /* a byte was received with a parity error and dropped */
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

static size_t chan_tx_pending(void *ctx)
{
    msdk_host_chan_t *ch = ctx;
    size_t pending = 0;
    if (chan_is_segment(ch)) {
        return msdk_host_mbus_tx_pending(&ch->board->mbus.seg, MSDK_HOST_MBUS_PORT_UART);
    }
    for (size_t i = 0; i < 2u; i++) {
        if (ch->ep[i].tx.count > pending) {
            pending = ch->ep[i].tx.count;
        }
    }
    return pending;
}

static bool chan_is_connected(void *ctx)
{
    return chan_has_peer(ctx);
}

static const msdk_serial_ops_t chan_ops = {
    .configure = chan_configure,
    .write = chan_write,
    .read = chan_read,
    .tx_pending = chan_tx_pending,
    .is_connected = chan_is_connected,
};

/* ---- board side ----------------------------------------------------------------------- */

msdk_err_t msdk_host_serial_open(msdk_host_board_t *b)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        msdk_host_chan_t *ch = &b->chan[i];
        memset(ch, 0, sizeof(*ch));
        ch->board = b;
        ch->name = chan_names[i];
        ch->is_console = (i == MSDK_BOARD_SERIAL_CONSOLE);
        ch->cfg.baud = 9600u;
        ch->cfg.data_bits = 8u;
        ch->cfg.parity = MSDK_SERIAL_PARITY_NONE;
        ch->cfg.stop_bits = 1u;
        ch->port.ops = &chan_ops;
        ch->port.ctx = ch;
        ch->port.name = ch->name;
        for (size_t e = 0; e < 2u; e++) {
            ch->ep[e].fd = -1;
            ch->ep[e].listen_fd = -1;
        }
        if (chan_is_segment(ch)) {
            /* the UART starts as configured above (9600 8N1): garbage to the slaves until
             * the firmware sets 8E1 at an M-Bus rate */
            (void)msdk_host_mbus_port_config(&b->mbus.seg, MSDK_HOST_MBUS_PORT_UART, ch->cfg.baud,
                                             false);
        }
    }
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        msdk_host_chan_t *ch = &b->chan[i];
        if (ch->is_console) {
            continue;
        }
        int32_t port = b->opt.tcp_port[i];
        if (port != MSDK_HOST_PORT_OFF) {
            msdk_host_endpoint_t *ep = &ch->ep[EP_TCP];
            ep->kind = MSDK_HOST_EP_TCP;
            ep->listen_fd = msdk_host_tcp_listen_announced(b, ch->name, port, &ep->port);
            if (ep->listen_fd < 0) {
                return MSDK_ERR_IO;
            }
        }
        if (b->opt.pty[i]) {
            msdk_host_endpoint_t *ep = &ch->ep[EP_PTY];
            ep->kind = MSDK_HOST_EP_PTY;
            if (!pty_open(ep)) {
                (void)fprintf(stderr, "serial: %s: cannot create a pty: %s\n", ch->name,
                              strerror(errno));
                return MSDK_ERR_IO;
            }
            msdk_host_console_printf(b, "listening: %s pty %s", ch->name, ep->pty_path);
        }
    }
    return MSDK_OK;
}

void msdk_host_serial_close(msdk_host_board_t *b)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        for (size_t e = 0; e < 2u; e++) {
            msdk_host_fd_close(&b->chan[i].ep[e].fd);
            msdk_host_fd_close(&b->chan[i].ep[e].listen_fd);
            b->chan[i].ep[e].attached = false;
        }
    }
}

void msdk_host_serial_poll_add(msdk_host_board_t *b, msdk_host_pollset_t *ps)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        msdk_host_chan_t *ch = &b->chan[i];
        for (size_t e = 0; e < 2u; e++) {
            msdk_host_endpoint_t *ep = &ch->ep[e];
            msdk_host_pollset_add(ps, ep->listen_fd, POLLIN, MSDK_HOST_POLL_SERIAL_LISTEN, ep);
            if (ep->attached) {
                const msdk_host_ring_t *in = chan_is_segment(ch) ? &b->mbus.gw_in : &ch->rx;
                msdk_host_pollset_add(ps, ep->fd, msdk_host_ring_poll_events(in, &ep->tx),
                                      MSDK_HOST_POLL_SERIAL_PEER, ep);
            }
        }
    }
}

static msdk_host_chan_t *chan_of(msdk_host_board_t *b, const msdk_host_endpoint_t *ep)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        if ((ep == &b->chan[i].ep[0]) || (ep == &b->chan[i].ep[1])) {
            return &b->chan[i];
        }
    }
    return NULL;
}

void msdk_host_serial_on_poll(msdk_host_board_t *b, msdk_host_poll_kind_t kind, void *obj, int fd,
                              short revents)
{
    msdk_host_endpoint_t *ep = obj;
    msdk_host_chan_t *ch = chan_of(b, ep);
    if (ch == NULL) {
        return;
    }
    if (kind == MSDK_HOST_POLL_SERIAL_LISTEN) {
        if ((fd != ep->listen_fd) || ((revents & POLLIN) == 0)) {
            return;
        }
        int cfd = msdk_host_tcp_accept(ep->listen_fd);
        if (cfd < 0) {
            return;
        }
        if (ep->attached) {
            /* One client at a time: the newest wins. */
            ep_detach(ch, ep, "replaced by a new client");
        }
        ep->fd = cfd;
        ep->attached = true;
        msdk_host_console_printf(b, "serial: %s tcp peer connected", ch->name);
        return;
    }
    if ((fd != ep->fd) || !ep->attached) {
        return;
    }
    if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        ep_receive(ch, ep);
        if (chan_is_segment(ch)) {
            msdk_host_mbus_update(b); /* the gateway's bytes go on the line now */
        }
    }
    if (ep->attached && ((revents & POLLOUT) != 0)) {
        ep_send(ch, ep);
    }
}

void msdk_host_serial_service(msdk_host_board_t *b)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        msdk_host_chan_t *ch = &b->chan[i];
        if ((ch->ep[EP_PTY].kind == MSDK_HOST_EP_PTY) && (ch->ep[EP_PTY].fd >= 0)) {
            pty_probe(ch, &ch->ep[EP_PTY]);
        }
        for (size_t e = 0; e < 2u; e++) {
            ep_send(ch, &ch->ep[e]);
        }
    }
}

bool msdk_host_serial_pty_waiting(const msdk_host_board_t *b)
{
    for (size_t i = 0; i < MSDK_BOARD_SERIAL_COUNT; i++) {
        const msdk_host_endpoint_t *ep = &b->chan[i].ep[EP_PTY];
        if ((ep->kind == MSDK_HOST_EP_PTY) && (ep->fd >= 0) && !ep->attached) {
            return true;
        }
    }
    return false;
}

/* ---- board.h / sim.h ------------------------------------------------------------------- */

const msdk_serial_t *msdk_port_board_serial(msdk_board_serial_t which)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || ((unsigned)which >= MSDK_BOARD_SERIAL_COUNT)) {
        return NULL;
    }
    return &b->chan[which].port;
}

uint16_t msdk_host_serial_tcp_port(msdk_board_serial_t which)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || ((unsigned)which >= MSDK_BOARD_SERIAL_COUNT)) {
        return 0;
    }
    const msdk_host_endpoint_t *ep = &b->chan[which].ep[EP_TCP];
    return (ep->listen_fd >= 0) ? ep->port : 0u;
}

const char *msdk_host_serial_pty_path(msdk_board_serial_t which)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || ((unsigned)which >= MSDK_BOARD_SERIAL_COUNT)) {
        return NULL;
    }
    const msdk_host_endpoint_t *ep = &b->chan[which].ep[EP_PTY];
    return (ep->fd >= 0) ? ep->pty_path : NULL;
}

msdk_err_t msdk_host_serial_config(msdk_board_serial_t which, msdk_serial_config_t *cfg)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err =
        msdk_host_sim_check(b, ((unsigned)which < MSDK_BOARD_SERIAL_COUNT) && (cfg != NULL));
    if (err != MSDK_OK) {
        return err;
    }
    *cfg = b->chan[which].cfg;
    return MSDK_OK;
}
