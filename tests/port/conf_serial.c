/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Serial conformance (see port_conformance.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "conf_internal.h"
#include "msdk/core/err.h"
#include "msdk/port/serial.h"

/* Consecutive pumps without any byte moving before a transfer is declared
 * stalled. Generous: a host port may need many polls per byte. */
#define CONF_SERIAL_STALL  100000u
/* Bytes of the pseudo-random streams. */
#define CONF_SERIAL_STREAM 3000u
/* Largest read per call. */
#define CONF_SERIAL_READ   64u

/* Special streams: every byte value in order; printable ASCII in order. */
#define CONF_SEQ_ALL_VALUES 0u
#define CONF_SEQ_ASCII      1u

typedef struct conf_serial {
    const msdk_serial_t *a;
    const msdk_serial_t *b;
    void (*pump)(void *);
    void *pump_ctx;
} conf_serial_t;

/* One direction of a transfer. */
typedef struct conf_dir {
    const msdk_serial_t *tx;
    const msdk_serial_t *rx;
    const char *label; /* "A->B" */
    uint32_t seed;     /* CONF_SEQ_*, or a seed of msdk_conf_pattern() */
    size_t len;
    size_t sent;
    size_t recvd;
    uint32_t calls;
} conf_dir_t;

static unsigned long ul(size_t v)
{
    return (unsigned long)v;
}

static void conf_pump(const conf_serial_t *t)
{
    if (t->pump != NULL) {
        t->pump(t->pump_ctx);
    }
}

static uint8_t dir_byte(const conf_dir_t *d, size_t i)
{
    if (d->seed == CONF_SEQ_ALL_VALUES) {
        return (uint8_t)(i & 0xFFu);
    }
    if (d->seed == CONF_SEQ_ASCII) {
        return (uint8_t)(0x20u + (i % 95u));
    }
    return msdk_conf_pattern(d->seed, (uint32_t)i);
}

/* Read and discard whatever is waiting on port; returns the byte count. */
static size_t drain(const conf_serial_t *t, const msdk_serial_t *port)
{
    uint8_t buf[CONF_SERIAL_READ];
    size_t total = 0;
    for (uint32_t quiet = 0; quiet < 16u;) {
        size_t got = 0;
        conf_pump(t);
        if ((msdk_serial_read(port, buf, sizeof(buf), &got) != MSDK_OK) || (got == 0u)) {
            quiet++;
        } else {
            quiet = 0;
            total += got;
        }
    }
    return total;
}

/* One step of a direction: write some, read some. Returns true when a byte
 * moved; sets *bad on an error or corruption. */
static bool dir_step(msdk_conf_check_t *chk, conf_dir_t *d, bool *bad)
{
    bool progress = false;
    if (d->sent < d->len) {
        uint8_t out[97];
        /* Varying write sizes: 1..97 bytes. */
        size_t n = 1u + (d->calls * 31u) % sizeof(out);
        d->calls++;
        if (n > d->len - d->sent) {
            n = d->len - d->sent;
        }
        for (size_t i = 0; (i < n) && (i < sizeof(out)); i++) {
            out[i] = dir_byte(d, d->sent + i);
        }
        size_t w = 0;
        msdk_err_t err = msdk_serial_write(d->tx, out, n, &w);
        if (!msdk_conf_require(chk, err == MSDK_OK, "%s: write after %lu bytes: %s", d->label,
                               ul(d->sent), msdk_err_str(err)) ||
            !msdk_conf_require(chk, w <= n, "%s: write took %lu of %lu bytes", d->label, ul(w),
                               ul(n))) {
            *bad = true;
            return false;
        }
        d->sent += w;
        progress = progress || (w > 0u);
    }
    uint8_t in[CONF_SERIAL_READ];
    size_t got = 0;
    msdk_err_t err = msdk_serial_read(d->rx, in, sizeof(in), &got);
    if (!msdk_conf_require(chk, err == MSDK_OK, "%s: read after %lu bytes: %s", d->label,
                           ul(d->recvd), msdk_err_str(err)) ||
        !msdk_conf_require(chk, got <= sizeof(in), "%s: read returned %lu bytes into %lu", d->label,
                           ul(got), ul(sizeof(in))) ||
        !msdk_conf_require(chk, d->recvd + got <= d->sent,
                           "%s: received %lu bytes but only %lu were sent", d->label,
                           ul(d->recvd + got), ul(d->sent))) {
        *bad = true;
        return false;
    }
    for (size_t i = 0; i < got; i++) {
        uint8_t want = dir_byte(d, d->recvd + i);
        if (!msdk_conf_require(chk, in[i] == want, "%s: byte %lu is 0x%02x, expected 0x%02x",
                               d->label, ul(d->recvd + i), in[i], want)) {
            *bad = true;
            return false;
        }
    }
    d->recvd += got;
    return progress || (got > 0u);
}

/* Run directions concurrently until all bytes arrived, an error, or a stall. */
static void run_transfer(msdk_conf_check_t *chk, const conf_serial_t *t, conf_dir_t *dirs,
                         size_t ndirs)
{
    uint32_t stall = 0;
    for (;;) {
        bool done = true;
        bool progress = false;
        bool bad = false;
        for (size_t i = 0; i < ndirs; i++) {
            if (dirs[i].recvd < dirs[i].len) {
                done = false;
                progress = dir_step(chk, &dirs[i], &bad) || progress;
                if (bad) {
                    return;
                }
            }
        }
        if (done) {
            return;
        }
        conf_pump(t);
        stall = progress ? 0u : stall + 1u;
        if (stall > CONF_SERIAL_STALL) {
            for (size_t i = 0; i < ndirs; i++) {
                msdk_conf_require(chk, dirs[i].recvd == dirs[i].len,
                                  "%s: stalled after sending %lu and receiving %lu of %lu bytes",
                                  dirs[i].label, ul(dirs[i].sent), ul(dirs[i].recvd),
                                  ul(dirs[i].len));
            }
            return;
        }
    }
}

static void dir_init(conf_dir_t *d, const msdk_serial_t *tx, const msdk_serial_t *rx,
                     const char *label, uint32_t seed, size_t len)
{
    memset(d, 0, sizeof(*d));
    d->tx = tx;
    d->rx = rx;
    d->label = label;
    d->seed = seed;
    d->len = len;
}

static bool check_connected(msdk_conf_run_t *run, const conf_serial_t *t)
{
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "connected");
    bool ok = (t->a != NULL) && (t->b != NULL);
    if (msdk_conf_require(&chk, ok, "no serial instance") &&
        msdk_conf_require(&chk,
                          (t->a->ops != NULL) && (t->b->ops != NULL) &&
                              (t->a->ops->configure != NULL) && (t->a->ops->write != NULL) &&
                              (t->a->ops->read != NULL) && (t->a->ops->tx_pending != NULL) &&
                              (t->a->ops->is_connected != NULL) && (t->b->ops->configure != NULL) &&
                              (t->b->ops->write != NULL) && (t->b->ops->read != NULL) &&
                              (t->b->ops->tx_pending != NULL) && (t->b->ops->is_connected != NULL),
                          "ops table missing or incomplete")) {
        uint32_t i = 0;
        while (!(msdk_serial_is_connected(t->a) && msdk_serial_is_connected(t->b)) &&
               (i < CONF_SERIAL_STALL)) {
            conf_pump(t);
            i++;
        }
        msdk_conf_require(&chk, msdk_serial_is_connected(t->a), "end A is not connected");
        msdk_conf_require(&chk, msdk_serial_is_connected(t->b), "end B is not connected");
    }
    return msdk_conf_end(&chk);
}

static void check_configure(msdk_conf_run_t *run, const conf_serial_t *t)
{
    static const msdk_serial_config_t settings[] = {
        { 300u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u },  /* IEC 62056-21 opening */
        { 9600u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u }, /* IEC 62056-21 mode C */
        { 2400u, 8u, MSDK_SERIAL_PARITY_EVEN, 1u }, /* M-Bus */
        { 9600u, 8u, MSDK_SERIAL_PARITY_NONE, 1u }, /* HDLC (mode E), last: kept */
    };
    const msdk_serial_config_t zero = { 0u, 8u, MSDK_SERIAL_PARITY_NONE, 1u };
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "configure_metering_settings");
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(settings); i++) {
        const msdk_serial_config_t *c = &settings[i];
        msdk_err_t ea = msdk_serial_configure(t->a, c);
        msdk_err_t eb = msdk_serial_configure(t->b, c);
        msdk_conf_require(&chk, (ea == MSDK_OK) && (eb == MSDK_OK), "%lu baud %u%c%u: A %s, B %s",
                          (unsigned long)c->baud, c->data_bits,
                          (c->parity == MSDK_SERIAL_PARITY_NONE) ? 'N' : 'E', c->stop_bits,
                          msdk_err_str(ea), msdk_err_str(eb));
    }
    msdk_err_t err = msdk_serial_configure(t->a, &zero);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "baud 0 accepted: %s", msdk_err_str(err));
    (void)msdk_conf_end(&chk);
}

static void check_idle(msdk_conf_run_t *run, const conf_serial_t *t)
{
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "idle_read_returns_nothing");
    (void)drain(t, t->a);
    (void)drain(t, t->b);
    uint8_t buf[8];
    size_t got = 1;
    msdk_err_t err = msdk_serial_read(t->a, buf, sizeof(buf), &got);
    msdk_conf_require(&chk, (err == MSDK_OK) && (got == 0u), "idle read: %s, %lu bytes",
                      msdk_err_str(err), ul(got));
    size_t w = 1;
    err = msdk_serial_write(t->a, NULL, 0u, &w);
    msdk_conf_require(&chk, (err == MSDK_OK) && (w == 0u), "empty write: %s, %lu bytes",
                      msdk_err_str(err), ul(w));
    err = msdk_serial_read(t->a, buf, 0u, &got);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "read with cap 0: %s", msdk_err_str(err));
    (void)msdk_conf_end(&chk);
}

static void check_one_way(msdk_conf_run_t *run, const conf_serial_t *t, const char *name,
                          const msdk_serial_t *tx, const msdk_serial_t *rx, const char *label,
                          uint32_t seed, size_t len)
{
    msdk_conf_check_t chk;
    conf_dir_t d;
    msdk_conf_begin(run, &chk, name);
    dir_init(&d, tx, rx, label, seed, len);
    run_transfer(&chk, t, &d, 1u);
    if (!chk.failed && (tx != rx)) {
        /* Nothing may come back to the sender. */
        size_t echoed = drain(t, tx);
        msdk_conf_require(&chk, echoed == 0u, "%s: %lu bytes echoed back to the sender", label,
                          ul(echoed));
    }
    (void)msdk_conf_end(&chk);
}

/* IEC 62056-21 mode C runs 7E1: ASCII must arrive with bit 7 clear (a UART
 * that hands the parity bit up as bit 7 fails here). */
static void check_ascii_7e1(msdk_conf_run_t *run, const conf_serial_t *t)
{
    const msdk_serial_config_t c7e1 = { 9600u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u };
    const msdk_serial_config_t c8n1 = { 9600u, 8u, MSDK_SERIAL_PARITY_NONE, 1u };
    msdk_conf_check_t chk;
    conf_dir_t d;
    msdk_conf_begin(run, &chk, "ascii_at_7e1");
    msdk_err_t ea = msdk_serial_configure(t->a, &c7e1);
    msdk_err_t eb = msdk_serial_configure(t->b, &c7e1);
    if (msdk_conf_require(&chk, (ea == MSDK_OK) && (eb == MSDK_OK), "7E1: A %s, B %s",
                          msdk_err_str(ea), msdk_err_str(eb))) {
        dir_init(&d, t->a, t->b, "A->B 7E1", CONF_SEQ_ASCII, 380u);
        run_transfer(&chk, t, &d, 1u);
    }
    ea = msdk_serial_configure(t->a, &c8n1);
    eb = msdk_serial_configure(t->b, &c8n1);
    msdk_conf_require(&chk, (ea == MSDK_OK) && (eb == MSDK_OK), "back to 8N1: A %s, B %s",
                      msdk_err_str(ea), msdk_err_str(eb));
    (void)msdk_conf_end(&chk);
}

static void check_both_ways(msdk_conf_run_t *run, const conf_serial_t *t)
{
    msdk_conf_check_t chk;
    conf_dir_t d[2];
    if (t->a == t->b) {
        return;
    }
    msdk_conf_begin(run, &chk, "stream_both_ways_at_once");
    dir_init(&d[0], t->a, t->b, "A->B", 0x5EED0003u, CONF_SERIAL_STREAM);
    dir_init(&d[1], t->b, t->a, "B->A", 0x5EED0004u, CONF_SERIAL_STREAM);
    run_transfer(&chk, t, d, 2u);
    (void)msdk_conf_end(&chk);
}

static void check_tx_drains(msdk_conf_run_t *run, const conf_serial_t *t)
{
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "tx_pending_drains");
    uint32_t i = 0;
    while (((msdk_serial_tx_pending(t->a) != 0u) || (msdk_serial_tx_pending(t->b) != 0u)) &&
           (i < CONF_SERIAL_STALL)) {
        conf_pump(t);
        i++;
    }
    msdk_conf_require(&chk, msdk_serial_tx_pending(t->a) == 0u, "A: %lu bytes still pending",
                      ul(msdk_serial_tx_pending(t->a)));
    msdk_conf_require(&chk, msdk_serial_tx_pending(t->b) == 0u, "B: %lu bytes still pending",
                      ul(msdk_serial_tx_pending(t->b)));
    (void)drain(t, t->a);
    (void)drain(t, t->b);
    (void)msdk_conf_end(&chk);
}

int msdk_conf_serial_pair(const msdk_serial_t *a, const msdk_serial_t *b, void (*pump)(void *),
                          void *pump_ctx, msdk_conf_report_fn report, void *ctx)
{
    msdk_conf_run_t run;
    conf_serial_t t = { a, b, pump, pump_ctx };
    msdk_conf_run_init(&run, "serial", report, ctx);
    if (!check_connected(&run, &t)) {
        return run.failed;
    }
    check_configure(&run, &t);
    check_idle(&run, &t);
    check_ascii_7e1(&run, &t);
    check_one_way(&run, &t, "all_byte_values_a_to_b", a, b, "A->B", CONF_SEQ_ALL_VALUES, 512u);
    check_one_way(&run, &t, "all_byte_values_b_to_a", b, a, "B->A", CONF_SEQ_ALL_VALUES, 512u);
    check_one_way(&run, &t, "stream_a_to_b", a, b, "A->B", 0x5EED0001u, CONF_SERIAL_STREAM);
    check_one_way(&run, &t, "stream_b_to_a", b, a, "B->A", 0x5EED0002u, CONF_SERIAL_STREAM);
    check_both_ways(&run, &t);
    check_tx_drains(&run, &t);
    return run.failed;
}
