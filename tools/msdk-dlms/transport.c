/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * msdk-dlms transports: the TCP wrapper (IEC 62056-47) and HDLC (IEC 62056-46) on a serial
 * device or pty, with the IEC 62056-21 mode E sign-on (300 Bd 7E1, identification, option
 * select ACK 2 Z 2) before it. Every read has the --timeout-ms deadline.
 */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "msdk/cosem/iec21.h"
#include "msdk/cosem/session.h"
#include "msdk_dlms.h"
#include "tool_io.h"

uint32_t msdk_dlms_now_ms(void)
{
    return msdk_tool_now_ms();
}

static void trace(const msdk_dlms_transport_t *t, const char *dir, const uint8_t *p, size_t n)
{
    if (!t->opt->verbose) {
        return;
    }
    fprintf(stderr, "%s", dir);
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, " %02X", p[i]);
    }
    fprintf(stderr, "\n");
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0u) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads what is there, waiting at most until `deadline`; 0 bytes means the deadline passed. */
static ssize_t read_until(int fd, uint8_t *buf, size_t cap, uint32_t deadline)
{
    for (;;) {
        int32_t left = (int32_t)(deadline - msdk_dlms_now_ms());
        if (left <= 0) {
            return 0;
        }
        struct pollfd pfd = { fd, POLLIN, 0 };
        int r = poll(&pfd, 1, (left > 50) ? 50 : left);
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (r == 0) {
            return -2; /* nothing yet: the caller may poll its state machine */
        }
        ssize_t k = read(fd, buf, cap);
        if ((k < 0) && ((errno == EINTR) || (errno == EAGAIN))) {
            continue;
        }
        if (k == 0) {
            return -1; /* closed */
        }
        return k;
    }
}

/* ---- TCP wrapper ------------------------------------------------------------------------------
 */

static int open_tcp(msdk_dlms_transport_t *t, const char *spec)
{
    const int fd = msdk_tool_tcp_connect("msdk-dlms", spec);
    if (fd < 0) {
        return -1;
    }
    t->fd = fd;
    if (msdk_cosem_wrapper_stream_init(&t->stream, t->apdu, sizeof t->apdu) != MSDK_OK) {
        return -1;
    }
    return 0;
}

static int exchange_tcp(msdk_dlms_transport_t *t, const uint8_t *req, size_t n,
                        const uint8_t **resp, size_t *len)
{
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, t->out, sizeof t->out);
    if (msdk_cosem_wrapper_encode(&w, t->opt->client, t->opt->server_wport, req, n) != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: request of %zu bytes does not fit a wrapper PDU\n", n);
        return -1;
    }
    trace(t, ">>", req, n);
    if (write_all(t->fd, t->out, w.pos) != 0) {
        fprintf(stderr, "msdk-dlms: send: %s\n", strerror(errno));
        return -1;
    }
    uint32_t deadline = msdk_dlms_now_ms() + t->opt->timeout_ms;
    static uint8_t chunk[4096];
    static size_t chunk_len;
    static size_t chunk_off;
    for (;;) {
        while (chunk_off < chunk_len) {
            size_t used = 0;
            msdk_cosem_wrapper_hdr_t h;
            const uint8_t *apdu = NULL;
            size_t alen = 0;
            msdk_err_t err = msdk_cosem_wrapper_stream_feed(
                &t->stream, &chunk[chunk_off], chunk_len - chunk_off, &used, &h, &apdu, &alen);
            chunk_off += used;
            if (err == MSDK_OK) {
                if (h.dst_wport != t->opt->client) {
                    continue; /* another client's answer */
                }
                trace(t, "<<", apdu, alen);
                *resp = apdu;
                *len = alen;
                return 0;
            }
            if (err != MSDK_ERR_WOULD_BLOCK) {
                fprintf(stderr, "msdk-dlms: bad wrapper stream (%s)\n", msdk_err_str(err));
                return -1;
            }
        }
        ssize_t k = read_until(t->fd, chunk, sizeof chunk, deadline);
        if (k == -2) {
            continue;
        }
        if (k <= 0) {
            fprintf(stderr, "msdk-dlms: %s\n", (k == 0) ? "timeout" : "connection closed");
            return -1;
        }
        chunk_len = (size_t)k;
        chunk_off = 0u;
    }
}

/* ---- Serial: mode E, then HDLC -----------------------------------------------------------------
 */

/* The termios constant of a rate mode E offers (9600 for another one). */
static speed_t baud_const(uint32_t baud)
{
    const speed_t s = msdk_tool_baud_const(baud);
    return (s == B0) ? B9600 : s;
}

static int set_line_strict(int fd, uint32_t baud, bool seven_e1);

/* 300 7E1 for mode E, 8N1 for HDLC. A pseudo-terminal (the simulator's optical port)
 * may not keep the character size or parity: glibc then reports EINVAL although the
 * speed was set; that is not a failure on a pty, where parity is not on the wire. */
static int set_line(int fd, uint32_t baud, bool seven_e1)
{
    int r = set_line_strict(fd, baud, seven_e1);
    if ((r != 0) && (errno == EINVAL)) {
        const char *name = ttyname(fd);
        if ((name != NULL) && (strncmp(name, "/dev/pts/", 9) == 0)) {
            r = 0;
        }
    }
    return r;
}

static int set_line_strict(int fd, uint32_t baud, bool seven_e1)
{
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) {
        return -1;
    }
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CSTOPB);
    tio.c_cflag |= seven_e1 ? (CS7 | PARENB) : CS8;
    tio.c_cc[VMIN] = 0;
    tio.c_cc[VTIME] = 0;
    (void)cfsetispeed(&tio, baud_const(baud));
    (void)cfsetospeed(&tio, baud_const(baud));
    return tcsetattr(fd, TCSANOW, &tio);
}

static int mode_e(msdk_dlms_transport_t *t, uint32_t *baud)
{
    uint8_t msg[64];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, msg, sizeof msg);
    if ((set_line(t->fd, MSDK_COSEM_IEC21_INITIAL_BAUD, true) != 0) ||
        (msdk_cosem_iec21_build_sign_on(&w, NULL, 0u) != MSDK_OK) ||
        (write_all(t->fd, msg, w.pos) != 0)) {
        fprintf(stderr, "msdk-dlms: mode E sign-on failed: %s\n", strerror(errno));
        return -1;
    }
    if (t->opt->verbose) {
        fprintf(stderr, ">> /?! (mode E sign-on, 300 Bd)\n");
    }
    uint8_t id[64];
    size_t n = 0;
    uint32_t deadline = msdk_dlms_now_ms() + t->opt->timeout_ms;
    while ((n == 0u) || (id[n - 1u] != '\n')) {
        uint8_t c;
        ssize_t k = read_until(t->fd, &c, 1u, deadline);
        if (k == -2) {
            continue;
        }
        if (k <= 0) {
            fprintf(stderr, "msdk-dlms: no identification message (mode E)\n");
            return -1;
        }
        c &= 0x7Fu; /* parity bit, should the line deliver it */
        if ((n == 0u) && (c != '/')) {
            continue;
        }
        if (n == sizeof id) {
            fprintf(stderr, "msdk-dlms: identification message too long\n");
            return -1;
        }
        id[n++] = c;
    }
    msdk_cosem_iec21_ident_t ident;
    if (msdk_cosem_iec21_parse_ident(id, n, &ident) != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: malformed identification message\n");
        return -1;
    }
    if (t->opt->verbose) {
        fprintf(stderr, "<< identification %s, %s, %u Bd, mode E %s\n", ident.manufacturer,
                ident.ident, (unsigned)ident.baud, ident.mode_e ? "available" : "not announced");
    }
    if (!ident.mode_e || (ident.baud == 0u)) {
        fprintf(stderr, "msdk-dlms: the meter does not offer mode E (HDLC)\n");
        return -1;
    }
    /* tr: the reaction time the meter needs before our answer (200 ms, or 20 ms). */
    struct timespec pause = { 0, (ident.fast_reaction ? 20 : 200) * 1000000L };
    (void)nanosleep(&pause, NULL);
    msdk_wbuf_init(&w, msg, sizeof msg);
    if ((msdk_cosem_iec21_build_option_select(&w, MSDK_COSEM_IEC21_PROTOCOL_HDLC, ident.baud_char,
                                              MSDK_COSEM_IEC21_MODE_BINARY) != MSDK_OK) ||
        (write_all(t->fd, msg, w.pos) != 0)) {
        fprintf(stderr, "msdk-dlms: option select failed\n");
        return -1;
    }
    (void)tcdrain(t->fd);
    if (t->opt->verbose) {
        fprintf(stderr, ">> ACK 2 %c 2 (HDLC at %u Bd)\n", ident.baud_char, (unsigned)ident.baud);
    }
    *baud = ident.baud;
    return 0;
}

/* Moves frames until `done` or an event in `stop`; returns 0 when done. */
static int hdlc_run(msdk_dlms_transport_t *t, bool (*done)(msdk_dlms_transport_t *), uint32_t stop)
{
    uint32_t deadline = msdk_dlms_now_ms() + t->opt->timeout_ms;
    for (;;) {
        const uint8_t *f = NULL;
        size_t n = 0;
        while (msdk_cosem_hdlc_client_take_tx(&t->link, &f, &n) == MSDK_OK) {
            if (write_all(t->fd, f, n) != 0) {
                fprintf(stderr, "msdk-dlms: write: %s\n", strerror(errno));
                return -1;
            }
        }
        if (done(t)) {
            return 0;
        }
        uint32_t ev = msdk_cosem_hdlc_client_take_events(&t->link);
        if ((ev & stop) != 0u) {
            fprintf(stderr, "msdk-dlms: HDLC link %s\n",
                    ((ev & MSDK_COSEM_HDLC_EVT_TIMEOUT) != 0u) ? "timeout" : "rejected or lost");
            return -1;
        }
        uint8_t buf[512];
        ssize_t k = read_until(t->fd, buf, sizeof buf, deadline);
        if (k == 0) {
            fprintf(stderr, "msdk-dlms: timeout\n");
            return -1;
        }
        if (k == -1) {
            fprintf(stderr, "msdk-dlms: serial line closed\n");
            return -1;
        }
        uint32_t now = msdk_dlms_now_ms();
        if (k > 0) {
            if (msdk_cosem_hdlc_client_rx(&t->link, buf, (size_t)k, now) != MSDK_OK) {
                return -1;
            }
        }
        msdk_cosem_hdlc_client_poll(&t->link, now);
    }
}

static bool is_connected(msdk_dlms_transport_t *t)
{
    return msdk_cosem_hdlc_client_state(&t->link) == MSDK_COSEM_HDLC_NRM;
}

static bool is_disconnected(msdk_dlms_transport_t *t)
{
    return msdk_cosem_hdlc_client_state(&t->link) == MSDK_COSEM_HDLC_NDM;
}

static const uint8_t *g_resp;
static size_t g_resp_len;

static bool has_apdu(msdk_dlms_transport_t *t)
{
    return msdk_cosem_hdlc_client_take_apdu(&t->link, &g_resp, &g_resp_len) == MSDK_OK;
}

static int open_serial(msdk_dlms_transport_t *t, const char *dev)
{
    t->fd = open(dev, O_RDWR | O_NOCTTY);
    if (t->fd < 0) {
        fprintf(stderr, "msdk-dlms: %s: %s\n", dev, strerror(errno));
        return -1;
    }
    uint32_t baud = 9600u;
    if (t->opt->mode_e && (mode_e(t, &baud) != 0)) {
        return -1;
    }
    if (set_line(t->fd, baud, false) != 0) {
        fprintf(stderr, "msdk-dlms: %s: cannot set the line: %s\n", dev, strerror(errno));
        return -1;
    }
    msdk_cosem_hdlc_client_config_t cc;
    memset(&cc, 0, sizeof cc);
    cc.client = t->opt->client;
    cc.server.upper = t->opt->logical;
    cc.server.lower = t->opt->physical;
    cc.server.size = ((t->opt->logical < 128u) && (t->opt->physical < 128u)) ? 2u : 4u;
    cc.max_info_tx = 128u;
    cc.max_info_rx = 128u;
    cc.response_ms = (t->opt->timeout_ms / 4u > 200u) ? t->opt->timeout_ms / 4u : 200u;
    cc.max_retries = 3u;
    cc.interchar_ms = 500u;
    cc.rx_frame_buf = t->rx_frame;
    cc.rx_frame_cap = sizeof t->rx_frame;
    cc.tx_frame_buf = t->tx_frame;
    cc.tx_frame_cap = sizeof t->tx_frame;
    cc.apdu_buf = t->apdu;
    cc.apdu_cap = sizeof t->apdu;
    if ((msdk_cosem_hdlc_client_init(&t->link, &cc) != MSDK_OK) ||
        (msdk_cosem_hdlc_client_connect(&t->link, msdk_dlms_now_ms()) != MSDK_OK)) {
        fprintf(stderr, "msdk-dlms: bad HDLC addresses %u/%u, client %u\n",
                (unsigned)t->opt->logical, (unsigned)t->opt->physical, (unsigned)t->opt->client);
        return -1;
    }
    if (t->opt->verbose) {
        fprintf(stderr, ">> SNRM to %u/%u from client %u\n", (unsigned)t->opt->logical,
                (unsigned)t->opt->physical, (unsigned)t->opt->client);
    }
    return hdlc_run(t, is_connected,
                    MSDK_COSEM_HDLC_EVT_TIMEOUT | MSDK_COSEM_HDLC_EVT_REJECTED |
                        MSDK_COSEM_HDLC_EVT_DISCONNECTED);
}

static int exchange_hdlc(msdk_dlms_transport_t *t, const uint8_t *req, size_t n,
                         const uint8_t **resp, size_t *len)
{
    /* LLC header of IEC 62056-46 before the request; the response has E6 E7 00. */
    if (n + MSDK_COSEM_LLC_LEN > sizeof t->out) {
        return -1;
    }
    t->out[0] = MSDK_COSEM_LLC_DEST;
    t->out[1] = MSDK_COSEM_LLC_SRC_REQUEST;
    t->out[2] = 0u;
    memcpy(&t->out[MSDK_COSEM_LLC_LEN], req, n);
    trace(t, ">>", req, n);
    if (msdk_cosem_hdlc_client_send_apdu(&t->link, t->out, n + MSDK_COSEM_LLC_LEN,
                                         msdk_dlms_now_ms()) != MSDK_OK) {
        fprintf(stderr, "msdk-dlms: HDLC link not ready\n");
        return -1;
    }
    if (hdlc_run(t, has_apdu,
                 MSDK_COSEM_HDLC_EVT_TIMEOUT | MSDK_COSEM_HDLC_EVT_REJECTED |
                     MSDK_COSEM_HDLC_EVT_DISCONNECTED | MSDK_COSEM_HDLC_EVT_RX_OVERFLOW) != 0) {
        return -1;
    }
    if ((g_resp_len <= MSDK_COSEM_LLC_LEN) || (g_resp[0] != MSDK_COSEM_LLC_DEST) ||
        (g_resp[1] != MSDK_COSEM_LLC_SRC_RESPONSE) || (g_resp[2] != 0u)) {
        fprintf(stderr, "msdk-dlms: response without the LLC header\n");
        return -1;
    }
    *resp = &g_resp[MSDK_COSEM_LLC_LEN];
    *len = g_resp_len - MSDK_COSEM_LLC_LEN;
    trace(t, "<<", *resp, *len);
    return 0;
}

/* ---- Interface ---------------------------------------------------------------------------------
 */

int msdk_dlms_open(msdk_dlms_transport_t *t, const msdk_dlms_options_t *opt)
{
    memset(t, 0, sizeof(*t));
    t->fd = -1;
    t->opt = opt;
    if (opt->tcp != NULL) {
        return open_tcp(t, opt->tcp);
    }
    t->hdlc = true;
    return open_serial(t, opt->serial);
}

int msdk_dlms_exchange(msdk_dlms_transport_t *t, const uint8_t *req, size_t n, const uint8_t **resp,
                       size_t *len)
{
    return t->hdlc ? exchange_hdlc(t, req, n, resp, len) : exchange_tcp(t, req, n, resp, len);
}

void msdk_dlms_close(msdk_dlms_transport_t *t)
{
    if (t->fd < 0) {
        return;
    }
    if (t->hdlc && is_connected(t) &&
        (msdk_cosem_hdlc_client_disconnect(&t->link, msdk_dlms_now_ms()) == MSDK_OK)) {
        (void)hdlc_run(t, is_disconnected,
                       MSDK_COSEM_HDLC_EVT_TIMEOUT | MSDK_COSEM_HDLC_EVT_REJECTED);
    }
    close(t->fd);
    t->fd = -1;
}
