/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for libmsdk_core: the byte reader and writer, the BCD
 * decoders (with re-encoding), the CRCs and the ring buffer, all driven by
 * arbitrary input. Besides the sanitizers it checks the documented
 * contracts and aborts when one is broken:
 * - a reader never moves past its end, and a failed get leaves the position
 *   and the output untouched;
 * - a writer never writes outside its buffer, nor anything on failure;
 * - every BCD value that decodes re-encodes to the same bytes, and the
 *   decoders agree with each other on what is malformed or too big;
 * - the incremental CRC equals the one-shot CRC, and a frame with its FCS
 *   appended checks good;
 * - the ring buffer returns exactly the bytes of a trivial reference queue.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/core/bcd.h"
#include "msdk/core/bytebuf.h"
#include "msdk/core/crc.h"
#include "msdk/core/ringbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

/* ---- Reader ---------------------------------------------------------------- */

/* Interprets the input as a script of reads from the input itself. */
static void fuzz_rbuf(const uint8_t *data, size_t size)
{
    msdk_rbuf_t script;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&script, data, size);
    msdk_rbuf_init(&rb, data, size);
    uint8_t op = 0;
    while (msdk_rbuf_get_u8(&script, &op) == MSDK_OK) {
        size_t before = rb.pos;
        size_t left = msdk_rbuf_remaining(&rb);
        size_t n = (size_t)(op >> 4); /* 0..15 */
        size_t want = 0;              /* bytes the operation needs (and consumes, unless peek) */
        bool peek = false;
        msdk_err_t err;
        uint64_t u = 0xA5A5A5A5A5A5A5A5ull;
        int64_t s = 0x5A5A5A5A5A5A5A5All;
        switch (op & 0x0Fu) {
        case 0: {
            uint8_t v = 0xA5;
            want = 1;
            err = msdk_rbuf_get_u8(&rb, &v);
            check(err != MSDK_OK ? v == 0xA5 : v == data[before]);
            break;
        }
        case 1: {
            uint16_t v = 0xA5A5;
            want = 2;
            err = msdk_rbuf_get_u16be(&rb, &v);
            check(err != MSDK_OK ? v == 0xA5A5 : v == msdk_load_u16be(data + before));
            break;
        }
        case 2: {
            uint32_t v = 0xA5A5A5A5u;
            want = 4;
            err = msdk_rbuf_get_u32le(&rb, &v);
            check(err != MSDK_OK ? v == 0xA5A5A5A5u : v == msdk_load_u32le(data + before));
            break;
        }
        case 3: {
            int64_t v = 0x5A5A;
            want = 8;
            err = msdk_rbuf_get_i64be(&rb, &v);
            check(err != MSDK_OK ? v == 0x5A5A : v == msdk_load_i64be(data + before));
            break;
        }
        case 4:
            want = n;
            err = msdk_rbuf_get_uintle(&rb, n, &u);
            if (n == 0u || n > 8u) {
                check(err == MSDK_ERR_INVALID_ARG);
                want = 0;
            }
            break;
        case 5:
            want = n;
            err = msdk_rbuf_get_intbe(&rb, n, &s);
            if (n == 0u || n > 8u) {
                check(err == MSDK_ERR_INVALID_ARG);
                want = 0;
            } else if (err == MSDK_OK && n < 8u) {
                int64_t lim = (int64_t)1 << (8u * n - 1u);
                check(s >= -lim && s < lim);
            }
            break;
        case 6: {
            uint8_t out[16];
            memset(out, 0xEE, sizeof out);
            want = n;
            err = msdk_rbuf_get_bytes(&rb, out, n);
            for (size_t i = (err == MSDK_OK) ? n : 0u; i < sizeof out; i++) {
                check(out[i] == 0xEE);
            }
            if (err == MSDK_OK && n > 0u) {
                check(memcmp(out, data + before, n) == 0);
            }
            break;
        }
        case 7: {
            const uint8_t *ref = NULL;
            want = n * 17u;
            err = msdk_rbuf_get_ref(&rb, want, &ref);
            check(err != MSDK_OK ? ref == NULL : (want == 0u || ref == data + before));
            break;
        }
        case 8: {
            msdk_rbuf_t sub = { NULL, 7, 7 };
            uint8_t b = 0;
            want = n;
            err = msdk_rbuf_get_sub(&rb, n, &sub);
            if (err == MSDK_OK) {
                check(sub.len == n && sub.pos == 0u);
                while (msdk_rbuf_get_u8(&sub, &b) == MSDK_OK) {
                }
                check(sub.pos == sub.len);
            } else {
                check(sub.len == 7u && sub.pos == 7u);
            }
            break;
        }
        case 9:
            want = (op & 0x80u) ? SIZE_MAX - n : n;
            err = msdk_rbuf_skip(&rb, want);
            break;
        case 10: {
            uint8_t v = 0xA5;
            err = msdk_rbuf_peek_u8(&rb, &v);
            want = 1;
            peek = true;
            check(err != MSDK_OK ? v == 0xA5 : v == data[before]);
            break;
        }
        default:
            want = n;
            err = msdk_rbuf_get_uintbe(&rb, n, &u);
            if (n == 0u || n > 8u) {
                check(err == MSDK_ERR_INVALID_ARG);
                want = 0;
            }
            break;
        }
        check(rb.pos <= rb.len);
        if (err == MSDK_OK) {
            check(want <= left && rb.pos == before + (peek ? 0u : want));
        } else {
            check(rb.pos == before);
            check(err == MSDK_ERR_INVALID_ARG || (err == MSDK_ERR_TRUNCATED && want > left));
        }
    }
}

/* ---- Writer ---------------------------------------------------------------- */

static void fuzz_wbuf(const uint8_t *data, size_t size)
{
    enum {
        GUARD = 8,
        CAP_MAX = 24
    };
    uint8_t mem[GUARD + CAP_MAX + GUARD];
    if (size == 0u) {
        return;
    }
    size_t cap = data[0] % (CAP_MAX + 1u);
    memset(mem, 0xC3, sizeof mem);
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, mem + GUARD, cap);
    msdk_rbuf_t script;
    msdk_rbuf_init(&script, data + 1, size - 1u);
    uint8_t op = 0;
    uint64_t v = 0;
    while (msdk_rbuf_get_u8(&script, &op) == MSDK_OK) {
        size_t before = wb.pos;
        size_t n = (size_t)(op >> 4) % 10u; /* 0..9 */
        if (msdk_rbuf_get_uintle(&script, 8, &v) != MSDK_OK) {
            v = op;
        }
        uint8_t snapshot[CAP_MAX];
        memcpy(snapshot, mem + GUARD, CAP_MAX);
        msdk_err_t err;
        size_t want = n;
        switch (op & 0x07u) {
        case 0: err = msdk_wbuf_put_uintbe(&wb, n, v); break;
        case 1: err = msdk_wbuf_put_intle(&wb, n, (int64_t)(v >> 1) - (int64_t)(v >> 2)); break;
        case 2:
            err = msdk_wbuf_put_u32be(&wb, (uint32_t)v);
            want = 4;
            break;
        case 3:
            err = msdk_wbuf_put_u64le(&wb, v);
            want = 8;
            break;
        case 4: err = msdk_wbuf_put_fill(&wb, (uint8_t)v, n); break;
        case 5:
            err = msdk_wbuf_put_bytes(&wb, data, n <= size ? n : size);
            want = n <= size ? n : size;
            break;
        case 6: {
            uint8_t *ref = NULL;
            err = msdk_wbuf_reserve(&wb, n, &ref);
            check(err != MSDK_OK || n == 0u || ref == mem + GUARD + before);
            break;
        }
        default:
            err = msdk_wbuf_put_u8(&wb, (uint8_t)v);
            want = 1;
            break;
        }
        check(wb.pos <= wb.cap);
        if (err == MSDK_OK) {
            check(wb.pos == before + want);
        } else {
            check(wb.pos == before);
            check(memcmp(snapshot, mem + GUARD, CAP_MAX) == 0);
        }
        for (size_t i = 0; i < GUARD; i++) {
            check(mem[i] == 0xC3);
        }
        for (size_t i = GUARD + cap; i < sizeof mem; i++) {
            check(mem[i] == 0xC3);
        }
    }
}

/* ---- BCD ------------------------------------------------------------------- */

static void fuzz_bcd(const uint8_t *data, size_t size)
{
    for (size_t len = 1; len <= size && len <= 12u; len++) {
        for (int o = 0; o < 2; o++) {
            msdk_bcd_order_t order = o ? MSDK_BCD_LE : MSDK_BCD_BE;
            uint8_t again[12];
            uint64_t u = 0;
            uint32_t w = 0;
            int64_t s = 0;
            msdk_err_t eu = msdk_bcd_decode_u64(data, len, order, &u);
            msdk_err_t ew = msdk_bcd_decode_u32(data, len, order, &w);
            msdk_err_t es = msdk_bcd_decode_i64(data, len, order, &s);
            check(eu == MSDK_OK || eu == MSDK_ERR_MALFORMED || eu == MSDK_ERR_OVERFLOW);
            if (eu == MSDK_ERR_MALFORMED) {
                check(ew == MSDK_ERR_MALFORMED);
            }
            if (eu == MSDK_ERR_OVERFLOW) {
                check(ew == MSDK_ERR_OVERFLOW);
            }
            if (eu == MSDK_OK) {
                check(ew == (u > UINT32_MAX ? MSDK_ERR_OVERFLOW : MSDK_OK));
                check(ew != MSDK_OK || w == u);
                check(msdk_bcd_encode_u64(again, len, order, u) == MSDK_OK);
                check(memcmp(again, data, len) == 0);
                /* Without a sign nibble the signed decoder agrees. */
                check(es == (u > (uint64_t)INT64_MAX ? MSDK_ERR_OVERFLOW : MSDK_OK));
                check(es != MSDK_OK || (uint64_t)s == u);
            }
            if (es == MSDK_OK && s != 0) {
                check(msdk_bcd_encode_i64(again, len, order, s) == MSDK_OK);
                check(memcmp(again, data, len) == 0);
            }
        }
    }
}

/* ---- CRC ------------------------------------------------------------------- */

static void fuzz_crc(const uint8_t *data, size_t size)
{
    size_t cut = (size > 0u) ? data[0] % (size + 1u) : 0u;
    uint16_t x = msdk_crc16_x25_update(msdk_crc16_x25_init(), data, cut);
    x = msdk_crc16_x25_final(msdk_crc16_x25_update(x, data + cut, size - cut));
    check(x == msdk_crc16_x25(data, size));
    uint16_t e = msdk_crc16_en13757_update(msdk_crc16_en13757_init(), data, cut);
    e = msdk_crc16_en13757_final(msdk_crc16_en13757_update(e, data + cut, size - cut));
    check(e == msdk_crc16_en13757(data, size));
    uint32_t c = msdk_crc32_update(msdk_crc32_init(), data, cut);
    c = msdk_crc32_final(msdk_crc32_update(c, data + cut, size - cut));
    check(c == msdk_crc32(data, size));
    uint8_t fcs[2] = { (uint8_t)x, (uint8_t)(x >> 8) };
    uint16_t r = msdk_crc16_x25_update(msdk_crc16_x25_init(), data, size);
    check(msdk_crc16_x25_update(r, fcs, 2) == MSDK_CRC16_X25_RESIDUE);
    check(msdk_sum8_update(msdk_sum8(data, cut), data + cut, size - cut) == msdk_sum8(data, size));
}

/* ---- Ring buffer ----------------------------------------------------------- */

static void fuzz_ringbuf(const uint8_t *data, size_t size)
{
    enum {
        CAP_MAX = 40
    };
    uint8_t storage[CAP_MAX];
    uint8_t model[4096];
    size_t mhead = 0;
    size_t mcount = 0;
    uint8_t out[CAP_MAX + 8];
    if (size == 0u) {
        return;
    }
    size_t cap = 1u + data[0] % CAP_MAX;
    msdk_ringbuf_t rb;
    check(msdk_ringbuf_init(&rb, storage, cap) == MSDK_OK);
    for (size_t i = 1; i < size; i++) {
        uint8_t op = data[i];
        size_t len = (size_t)(op >> 2) % (cap + 3u);
        size_t n = 0;
        const uint8_t *src = data + i;
        size_t avail_src = size - i;
        if (len > avail_src) {
            len = avail_src;
        }
        if (mhead + mcount + len > sizeof model) {
            memmove(model, model + mhead, mcount);
            mhead = 0;
        }
        switch (op & 0x03u) {
        case 0:
            check(msdk_ringbuf_put(&rb, src, len, &n) == MSDK_OK);
            check(n == (len < cap - mcount ? len : cap - mcount));
            memcpy(model + mhead + mcount, src, n);
            mcount += n;
            break;
        case 1:
            check(msdk_ringbuf_get(&rb, out, len, &n) == MSDK_OK);
            check(n == (len < mcount ? len : mcount));
            check(n == 0u || memcmp(out, model + mhead, n) == 0);
            mhead += n;
            mcount -= n;
            break;
        case 2: {
            size_t off = len / 2u;
            check(msdk_ringbuf_peek(&rb, off, out, len, &n) == MSDK_OK);
            size_t have = off < mcount ? mcount - off : 0u;
            check(n == (len < have ? len : have));
            check(n == 0u || memcmp(out, model + mhead + off, n) == 0);
            break;
        }
        default:
            check(msdk_ringbuf_skip(&rb, len, &n) == MSDK_OK);
            check(n == (len < mcount ? len : mcount));
            mhead += n;
            mcount -= n;
            break;
        }
        check(msdk_ringbuf_used(&rb) == mcount);
        check(msdk_ringbuf_free(&rb) == cap - mcount);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_rbuf(data, size);
    fuzz_wbuf(data, size);
    fuzz_bcd(data, size);
    fuzz_crc(data, size);
    fuzz_ringbuf(data, size);
    return 0;
}
