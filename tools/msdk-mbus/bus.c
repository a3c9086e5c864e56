/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-mbus: the line to the meters and the loop that drives libmbus's master
 * (msdk/mbus/master.h) over it. POSIX, poll()-based, no threads.
 *
 * - --device PATH: a serial device (USB level converter) or pty, raw 8E1 at --baud. Bytes
 *   with a parity or framing error come marked by the tty layer (PARMRK: FF 00 x; a data
 *   byte FF comes as FF FF) and go to msdk_mbus_master_line_error() instead of the data.
 * - --tcp HOST:PORT: a TCP M-Bus gateway that passes the bytes through unchanged.
 *
 * Time is CLOCK_MONOTONIC in ms; the master's WAIT tells how long poll() may sleep.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "mbus_tool.h"
#include "tool_io.h"

uint32_t mbus_tool_now_ms(void)
{
    return msdk_tool_now_ms();
}

static void trace(const mbus_tool_bus_t *bus, const char *dir, const uint8_t *p, size_t n)
{
    if (!bus->verbose || n == 0u) {
        return;
    }
    fprintf(stderr, "%u %s", (unsigned)mbus_tool_now_ms(), dir);
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, " %02X", (unsigned)p[i]);
    }
    fputc('\n', stderr);
}

static int open_serial(mbus_tool_bus_t *bus, const char *path, uint32_t baud)
{
    speed_t speed = msdk_tool_baud_const(baud);
    if (speed == B0) {
        fprintf(stderr, "msdk-mbus: --baud %lu: not an M-Bus baud rate\n", (unsigned long)baud);
        return -1;
    }
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        fprintf(stderr, "msdk-mbus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) {
        fprintf(stderr, "msdk-mbus: %s: not a serial device (%s)\n", path, strerror(errno));
        close(fd);
        return -1;
    }
    cfmakeraw(&tio);
    /* 8 data bits, even parity, 1 stop bit; parity errors marked in the data (PARMRK). */
    tio.c_cflag &= ~(tcflag_t)(CSIZE | CSTOPB | PARODD);
    tio.c_cflag |= CS8 | PARENB | CLOCAL | CREAD;
#ifdef CRTSCTS
    tio.c_cflag &= ~(tcflag_t)CRTSCTS;
#endif
    tio.c_iflag = INPCK | PARMRK;
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    bool ok = cfsetispeed(&tio, speed) == 0 && cfsetospeed(&tio, speed) == 0 &&
              tcsetattr(fd, TCSANOW, &tio) == 0;
    if (!ok && errno == EINVAL) {
        /* A pty takes the settings but drops PARENB (it has no parity bit), which glibc
         * reports as EINVAL: accept it when everything else is set. */
        struct termios got;
        ok = tcgetattr(fd, &got) == 0 && cfgetospeed(&got) == speed &&
             (got.c_cflag & CSIZE) == CS8 && (got.c_lflag & ICANON) == 0u &&
             (got.c_iflag & INPCK) != 0u;
    }
    if (!ok) {
        fprintf(stderr, "msdk-mbus: %s: cannot set %lu 8E1: %s\n", path, (unsigned long)baud,
                strerror(errno));
        close(fd);
        return -1;
    }
    (void)tcflush(fd, TCIOFLUSH);
    bus->fd = fd;
    bus->is_serial = true;
    return 0;
}

static int open_tcp(mbus_tool_bus_t *bus, const char *spec)
{
    int fd = msdk_tool_tcp_connect("msdk-mbus", spec);
    if (fd < 0) {
        return -1;
    }
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0) {
        fprintf(stderr, "msdk-mbus: %s: %s\n", spec, strerror(errno));
        close(fd);
        return -1;
    }
    bus->fd = fd;
    bus->is_serial = false;
    return 0;
}

int mbus_tool_bus_open(mbus_tool_bus_t *bus, const mbus_tool_opts_t *o)
{
    memset(bus, 0, sizeof(*bus));
    bus->fd = -1;
    bus->verbose = o->verbose;
    return o->tcp != NULL ? open_tcp(bus, o->tcp) : open_serial(bus, o->device, o->baud);
}

void mbus_tool_bus_close(mbus_tool_bus_t *bus)
{
    if (bus->fd >= 0) {
        close(bus->fd);
        bus->fd = -1;
    }
}

static int write_all(mbus_tool_bus_t *bus, const uint8_t *p, size_t n)
{
    trace(bus, ">>", p, n);
    while (n > 0u) {
        ssize_t k = write(bus->fd, p, n);
        if (k < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pfd = { bus->fd, POLLOUT, 0 };
                (void)poll(&pfd, 1, 100);
                continue;
            }
            fprintf(stderr, "msdk-mbus: send: %s\n", strerror(errno));
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Hands received bytes to the master; on a serial line, undoes the PARMRK marking and
 * reports the marked bytes as line errors, in their place in the stream. */
static int deliver(mbus_tool_bus_t *bus, msdk_mbus_master_t *m, const uint8_t *p, size_t n)
{
    uint32_t now = mbus_tool_now_ms();
    if (!bus->is_serial) {
        trace(bus, "<<", p, n);
        return msdk_mbus_master_feed(m, now, p, n) == MSDK_OK ? 0 : -1;
    }
    uint8_t data[512];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        bool line_error = false;
        switch (bus->mark) {
        case 1u: /* after FF: FF FF is a data byte FF, FF 00 starts a marked byte */
            bus->mark = (c == 0x00u) ? 2u : 0u;
            if (c != 0x00u) {
                data[k++] = 0xFFu;
            }
            break;
        case 2u: /* FF 00 x: byte x had a parity or framing error (x = 0: a break) */
            bus->mark = 0u;
            line_error = true;
            break;
        default:
            if (c == 0xFFu) {
                bus->mark = 1u;
            } else {
                data[k++] = c;
            }
            break;
        }
        if (line_error || k >= sizeof(data) - 1u || i + 1u == n) {
            trace(bus, "<<", data, k);
            if (k > 0u && msdk_mbus_master_feed(m, now, data, k) != MSDK_OK) {
                return -1;
            }
            k = 0;
        }
        if (line_error) {
            if (bus->verbose) {
                fputs("<< (parity/framing error)\n", stderr);
            }
            if (msdk_mbus_master_line_error(m, now) != MSDK_OK) {
                return -1;
            }
        }
    }
    return 0;
}

/* Waits at most @p ms for bytes and hands what came to the master. */
static int wait_input(mbus_tool_bus_t *bus, msdk_mbus_master_t *m, uint32_t ms)
{
    struct pollfd pfd = { bus->fd, POLLIN, 0 };
    int r = poll(&pfd, 1, ms > 60000u ? 60000 : (int)ms);
    if (r < 0) {
        if (errno == EINTR) {
            return 0;
        }
        fprintf(stderr, "msdk-mbus: poll: %s\n", strerror(errno));
        return -1;
    }
    if (r == 0) {
        return 0;
    }
    uint8_t buf[512];
    ssize_t k = read(bus->fd, buf, sizeof(buf));
    if (k < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
            return 0;
        }
        fprintf(stderr, "msdk-mbus: receive: %s\n", strerror(errno));
        return -1;
    }
    if (k == 0) {
        if (!bus->is_serial) {
            fputs("msdk-mbus: the gateway closed the connection\n", stderr);
            return -1;
        }
        if ((pfd.revents & POLLHUP) != 0) {
            fputs("msdk-mbus: the serial line hung up\n", stderr);
            return -1;
        }
        return 0;
    }
    if (deliver(bus, m, buf, (size_t)k) != 0) {
        fputs("msdk-mbus: the master refused the received bytes\n", stderr);
        return -1;
    }
    return 0;
}

int mbus_tool_bus_run(mbus_tool_bus_t *bus, msdk_mbus_master_t *m, const mbus_tool_hooks_t *hooks,
                      msdk_mbus_master_out_t *done)
{
    for (;;) {
        msdk_mbus_master_out_t out;
        if (msdk_mbus_master_poll(m, mbus_tool_now_ms(), &out) != MSDK_OK) {
            fputs("msdk-mbus: master poll failed\n", stderr);
            return -1;
        }
        switch (out.action) {
        case MSDK_MBUS_MASTER_SEND:
            if (hooks != NULL && hooks->sent != NULL) {
                hooks->sent(hooks->ctx, out.tx, out.tx_len);
            }
            if (write_all(bus, out.tx, out.tx_len) != 0) {
                return -1;
            }
            break;
        case MSDK_MBUS_MASTER_WAIT:
            if (wait_input(bus, m, out.wait_ms) != 0) {
                return -1;
            }
            break;
        case MSDK_MBUS_MASTER_TELEGRAM:
            if (hooks != NULL && hooks->telegram != NULL) {
                hooks->telegram(hooks->ctx, &out.frame);
            }
            break;
        case MSDK_MBUS_MASTER_DONE: *done = out; return 0;
        case MSDK_MBUS_MASTER_IDLE:
        default: fputs("msdk-mbus: no operation running\n", stderr); return -1;
        }
    }
}
