/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Connected serial ports over rings (see fake_serial.h). */
#include "fake_serial.h"

#include <string.h>

static bool fake_serial_injected(msdk_fake_serial_end_t *end, msdk_fake_serial_op_t op,
                                 msdk_err_t *err)
{
    if (end->inject_left[op] == 0u) {
        return false;
    }
    if (end->inject_left[op] != MSDK_FAKE_SERIAL_FOREVER) {
        end->inject_left[op]--;
    }
    *err = end->inject_err[op];
    return true;
}

static msdk_err_t fake_serial_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    msdk_fake_serial_end_t *end = ctx;
    msdk_err_t err = MSDK_OK;
    if (fake_serial_injected(end, MSDK_FAKE_SERIAL_OP_CONFIGURE, &err)) {
        return err;
    }
    if ((cfg->baud == 0u) || ((cfg->data_bits != 7u) && (cfg->data_bits != 8u)) ||
        ((cfg->stop_bits != 1u) && (cfg->stop_bits != 2u)) ||
        ((unsigned)cfg->parity > (unsigned)MSDK_SERIAL_PARITY_ODD)) {
        return MSDK_ERR_INVALID_ARG;
    }
    end->cfg = *cfg;
    end->configures++;
    return MSDK_OK;
}

static msdk_err_t fake_serial_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    msdk_fake_serial_end_t *end = ctx;
    msdk_fake_serial_ring_t *r = end->tx;
    msdk_err_t err = MSDK_OK;
    *written = 0u;
    if (!end->connected) {
        return MSDK_ERR_CLOSED;
    }
    if (fake_serial_injected(end, MSDK_FAKE_SERIAL_OP_WRITE, &err)) {
        return err;
    }
    size_t n = r->cap - r->count;
    if (n > len) {
        n = len;
    }
    for (size_t i = 0; i < n; i++) {
        r->buf[(r->head + r->count + i) % r->cap] = data[i];
    }
    r->count += n;
    *written = n;
    end->bytes_written += n;
    if (r->rate == 0u) {
        r->delivered = r->count; /* an instant line: it has arrived */
    }
    return MSDK_OK;
}

static msdk_err_t fake_serial_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    msdk_fake_serial_end_t *end = ctx;
    msdk_fake_serial_ring_t *r = end->rx;
    msdk_err_t err = MSDK_OK;
    *got = 0u;
    if (fake_serial_injected(end, MSDK_FAKE_SERIAL_OP_READ, &err)) {
        return err;
    }
    size_t n = (r->delivered < cap) ? r->delivered : cap;
    for (size_t i = 0; i < n; i++) {
        buf[i] = r->buf[(r->head + i) % r->cap];
    }
    r->head = (r->head + n) % r->cap;
    r->count -= n;
    r->delivered -= n;
    *got = n;
    end->bytes_read += n;
    return MSDK_OK;
}

static size_t fake_serial_tx_pending(void *ctx)
{
    const msdk_fake_serial_end_t *end = ctx;
    return end->tx->count - end->tx->delivered;
}

static bool fake_serial_is_connected(void *ctx)
{
    const msdk_fake_serial_end_t *end = ctx;
    return end->connected;
}

/* Not exported (see fake_nvm.c). */
static const msdk_serial_ops_t fake_serial_ops = {
    .configure = fake_serial_configure,
    .write = fake_serial_write,
    .read = fake_serial_read,
    .tx_pending = fake_serial_tx_pending,
    .is_connected = fake_serial_is_connected,
};

static void fake_serial_ring_init(msdk_fake_serial_ring_t *r, uint8_t *buf, size_t cap)
{
    memset(r, 0, sizeof(*r));
    r->buf = buf;
    r->cap = cap;
}

static void fake_serial_end_init(msdk_fake_serial_end_t *end, const char *name,
                                 msdk_fake_serial_ring_t *tx, msdk_fake_serial_ring_t *rx)
{
    memset(end, 0, sizeof(*end));
    end->port.ops = &fake_serial_ops;
    end->port.ctx = end;
    end->port.name = name;
    end->tx = tx;
    end->rx = rx;
    end->cfg.baud = 9600u;
    end->cfg.data_bits = 8u;
    end->cfg.parity = MSDK_SERIAL_PARITY_NONE;
    end->cfg.stop_bits = 1u;
    end->connected = true;
    for (size_t i = 0; i < (size_t)MSDK_FAKE_SERIAL_OP_COUNT; i++) {
        end->inject_err[i] = MSDK_OK;
    }
}

void msdk_fake_serial_pair_init(msdk_fake_serial_pair_t *pair, uint8_t *buf_ab, size_t cap_ab,
                                uint8_t *buf_ba, size_t cap_ba)
{
    memset(pair, 0, sizeof(*pair));
    fake_serial_ring_init(&pair->ab, buf_ab, cap_ab);
    fake_serial_ring_init(&pair->ba, buf_ba, cap_ba);
    fake_serial_end_init(&pair->a, "fake-a", &pair->ab, &pair->ba);
    fake_serial_end_init(&pair->b, "fake-b", &pair->ba, &pair->ab);
}

void msdk_fake_serial_loopback_init(msdk_fake_serial_pair_t *pair, uint8_t *buf, size_t cap)
{
    memset(pair, 0, sizeof(*pair));
    fake_serial_ring_init(&pair->ab, buf, cap);
    fake_serial_end_init(&pair->a, "fake-loop", &pair->ab, &pair->ab);
    pair->loopback = true;
}

void msdk_fake_serial_set_line_rate(msdk_fake_serial_pair_t *pair, size_t rate)
{
    pair->ab.rate = rate;
    pair->ba.rate = rate;
}

static void fake_serial_ring_pump(msdk_fake_serial_ring_t *r)
{
    size_t pending = r->count - r->delivered;
    if ((r->rate != 0u) && (pending > r->rate)) {
        pending = r->rate;
    }
    r->delivered += pending;
}

void msdk_fake_serial_pump(void *pair)
{
    msdk_fake_serial_pair_t *p = pair;
    fake_serial_ring_pump(&p->ab);
    if (!p->loopback) {
        fake_serial_ring_pump(&p->ba);
    }
}

void msdk_fake_serial_inject(msdk_fake_serial_end_t *end, msdk_fake_serial_op_t op, msdk_err_t err,
                             uint32_t count)
{
    if ((unsigned)op >= (unsigned)MSDK_FAKE_SERIAL_OP_COUNT) {
        return;
    }
    end->inject_err[op] = err;
    end->inject_left[op] = count;
}

void msdk_fake_serial_set_connected(msdk_fake_serial_end_t *end, bool connected)
{
    end->connected = connected;
}
