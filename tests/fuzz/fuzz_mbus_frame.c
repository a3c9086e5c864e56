/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the wired M-Bus link layer of libmbus (EN 13757-2 frames).
 *
 * The first input byte selects how the rest is used:
 * - bits 0..1 = 0: the bytes as they are;
 * - otherwise the bytes are wrapped into a long frame with a correct checksum
 *   (68 L L 68 08 A 72 data CS 16), so that every input reaches the end of the
 *   decoder; bit 2 then flips one bit of that frame at a position given by the
 *   second byte, bit 3 puts two copies of the frame back to back.
 * Bits 4..7 seed the chunk sizes for the streaming receiver.
 *
 * Besides the sanitizers, the harness aborts when a documented contract breaks:
 * - msdk_mbus_frame_decode() leaves its output untouched on error; a decoded
 *   frame's data lies inside the input and msdk_mbus_frame_encode() gives back
 *   exactly the input bytes;
 * - a frame the receiver reports complete re-encodes to bytes that occur in the
 *   input and that msdk_mbus_frame_decode() accepts with the same fields;
 * - feeding one byte at a time and feeding pseudo-random chunks give the same
 *   sequence of frames and rejections and the same counters;
 * - msdk_mbus_rx_feed() never consumes more than it was given, its buffer
 *   indices stay in range, it always makes progress, and after
 *   msdk_mbus_rx_end() the receiver is idle.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/mbus/frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

/* Whether @p needle (n bytes) occurs in @p hay (h bytes). */
static bool contains(const uint8_t *hay, size_t h, const uint8_t *needle, size_t n)
{
    if (n == 0u) {
        return true;
    }
    for (size_t i = 0; i + n <= h; i++) {
        if (memcmp(&hay[i], needle, n) == 0) {
            return true;
        }
    }
    return false;
}

/* Encodes @p f; returns its length. */
static size_t encode(const msdk_mbus_frame_t *f, uint8_t *out, size_t cap)
{
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, cap);
    check(msdk_mbus_frame_encode(&wb, f) == MSDK_OK);
    return msdk_wbuf_len(&wb);
}

static void fuzz_decode(const uint8_t *data, size_t size)
{
    msdk_mbus_frame_t f;
    msdk_mbus_frame_t keep;
    memset(&f, 0x5A, sizeof f);
    memcpy(&keep, &f, sizeof f);
    msdk_err_t err = msdk_mbus_frame_decode(data, size, &f);
    if (err != MSDK_OK) {
        check(err == MSDK_ERR_TRUNCATED || err == MSDK_ERR_MALFORMED || err == MSDK_ERR_CHECKSUM ||
              (err == MSDK_ERR_INVALID_ARG && data == NULL));
        check(memcmp(&f, &keep, sizeof f) == 0);
        return;
    }
    check(size <= MSDK_MBUS_FRAME_MAX_LEN);
    if (f.data_len == 0u) {
        check(f.data == NULL);
        check(f.type != MSDK_MBUS_FRAME_LONG);
    } else {
        check(f.type == MSDK_MBUS_FRAME_LONG && f.data_len <= MSDK_MBUS_FRAME_DATA_MAX);
        check(f.data >= data && f.data + f.data_len <= data + size);
    }
    uint8_t out[MSDK_MBUS_FRAME_MAX_LEN];
    size_t n = encode(&f, out, sizeof out);
    check(n == size && memcmp(out, data, size) == 0);
}

/* Running digest of what a receiver reported. */
typedef struct trace {
    uint64_t hash;
    size_t events;
} trace_t;

static void trace_add(trace_t *t, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        t->hash = (t->hash ^ p[i]) * 0x100000001B3u;
    }
}

static void trace_event(trace_t *t, msdk_err_t err, const msdk_mbus_rx_t *rx,
                        const msdk_mbus_frame_t *f, const uint8_t *input, size_t size)
{
    uint8_t tag[2] = { (uint8_t)(int)err, (uint8_t)rx->fault };
    t->events++;
    trace_add(t, tag, sizeof tag);
    if (err == MSDK_OK) {
        uint8_t out[MSDK_MBUS_FRAME_MAX_LEN];
        size_t n = encode(f, out, sizeof out);
        check(contains(input, size, out, n));
        msdk_mbus_frame_t g;
        check(msdk_mbus_frame_decode(out, n, &g) == MSDK_OK);
        check(g.type == f->type && g.c == f->c && g.a == f->a && g.ci == f->ci &&
              g.data_len == f->data_len);
        check(g.data_len == 0u || memcmp(g.data, f->data, g.data_len) == 0);
        trace_add(t, out, n);
    } else {
        check(err == MSDK_ERR_MALFORMED || err == MSDK_ERR_CHECKSUM);
        check(rx->fault != MSDK_MBUS_RX_FAULT_NONE);
    }
}

/* Feeds @p n bytes in the way the API asks (loop until WOULD_BLOCK). */
static void feed(msdk_mbus_rx_t *rx, const uint8_t *p, size_t n, trace_t *t, const uint8_t *input,
                 size_t size)
{
    size_t off = 0;
    size_t calls = 0;
    for (;;) {
        size_t used = (size_t)-1;
        msdk_mbus_frame_t f;
        msdk_err_t err = msdk_mbus_rx_feed(rx, n > off ? &p[off] : NULL, n - off, &used, &f);
        check(used <= n - off);
        off += used;
        check(rx->len <= rx->avail && rx->avail <= MSDK_MBUS_FRAME_MAX_LEN);
        if (err == MSDK_ERR_WOULD_BLOCK) {
            check(off == n);
            return;
        }
        trace_event(t, err, rx, &f, input, size);
        /* Every event uses up at least one byte, given now or buffered before. */
        check(++calls <= n + 2u * MSDK_MBUS_FRAME_MAX_LEN + 2u);
    }
}

static void finish(msdk_mbus_rx_t *rx, trace_t *t)
{
    msdk_err_t err = msdk_mbus_rx_end(rx);
    check(err == MSDK_OK || err == MSDK_ERR_TRUNCATED);
    check(!msdk_mbus_rx_is_busy(rx));
    uint8_t tag = (uint8_t)(int)err;
    trace_add(t, &tag, 1);
}

static void fuzz_receiver(const uint8_t *data, size_t size, uint8_t seed)
{
    msdk_mbus_rx_t a;
    msdk_mbus_rx_t b;
    trace_t ta = { 0xCBF29CE484222325u, 0 };
    trace_t tb = { 0xCBF29CE484222325u, 0 };
    check(msdk_mbus_rx_init(&a) == MSDK_OK);
    check(msdk_mbus_rx_init(&b) == MSDK_OK);

    for (size_t i = 0; i < size; i++) {
        feed(&a, &data[i], 1u, &ta, data, size);
    }
    uint32_t lcg = 0x9E3779B9u ^ seed;
    for (size_t pos = 0; pos < size;) {
        lcg = lcg * 1664525u + 1013904223u;
        size_t chunk = (size_t)(lcg >> 24) % 64u; /* 0..63: empty chunks too */
        if (chunk > size - pos) {
            chunk = size - pos;
        }
        feed(&b, &data[pos], chunk, &tb, data, size);
        pos += chunk;
    }
    finish(&a, &ta);
    finish(&b, &tb);
    check(ta.hash == tb.hash && ta.events == tb.events);
    check(a.frames == b.frames && a.faults == b.faults && a.skipped == b.skipped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_decode(data, size);
    if (size == 0u) {
        return 0;
    }
    uint8_t mode = data[0];
    const uint8_t *body = data + 1;
    size_t blen = size - 1u;
    if ((mode & 3u) == 0u) {
        fuzz_receiver(body, blen, mode);
        return 0;
    }

    /* A valid long frame around (part of) the input, possibly corrupted or doubled. */
    uint8_t flip = blen > 0u ? body[0] : 0u;
    size_t dlen = blen > MSDK_MBUS_FRAME_DATA_MAX ? MSDK_MBUS_FRAME_DATA_MAX : blen;
    uint8_t frame[2u * MSDK_MBUS_FRAME_MAX_LEN];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, frame, MSDK_MBUS_FRAME_MAX_LEN);
    check(msdk_mbus_frame_encode_long(&wb, MSDK_MBUS_C_RSP_UD, (uint8_t)(mode >> 4), 0x72u, body,
                                      dlen) == MSDK_OK);
    size_t n = msdk_wbuf_len(&wb);
    check(n == dlen + 9u);
    check(frame[0] == MSDK_MBUS_FRAME_START_LONG && frame[n - 1u] == MSDK_MBUS_FRAME_STOP);
    check(msdk_mbus_frame_checksum(&frame[4], n - 6u) == frame[n - 2u]);
    msdk_mbus_frame_t f;
    if (dlen > 0u) {
        check(msdk_mbus_frame_decode(frame, n, &f) == MSDK_OK);
        check(f.type == MSDK_MBUS_FRAME_LONG && f.ci == 0x72u && f.data_len == dlen);
        check(memcmp(f.data, body, dlen) == 0);
    }
    if ((mode & 4u) != 0u) {
        frame[flip % n] ^= (uint8_t)(1u << (mode & 7u));
    }
    fuzz_decode(frame, n);
    if ((mode & 8u) != 0u) {
        memcpy(&frame[n], frame, n);
        n *= 2u;
    }
    fuzz_receiver(frame, n, mode);
    return 0;
}
