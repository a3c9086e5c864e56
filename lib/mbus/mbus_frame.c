/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus link layer frames (include/msdk/mbus/frame.h): FT1.2 encoders, the decoder of one
 * complete frame, the streaming receiver and the EN 13757-2 reply timing. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bytebuf.h"
#include "msdk/mbus/frame.h"

MSDK_STATIC_ASSERT(MSDK_MBUS_FRAME_MAX_LEN ==
                       4u + MSDK_MBUS_FRAME_L_MIN + MSDK_MBUS_FRAME_DATA_MAX + 2u,
                   "longest frame: header, C A CI, data, CS, stop");
MSDK_STATIC_ASSERT(MSDK_MBUS_FRAME_L_MIN + MSDK_MBUS_FRAME_DATA_MAX == 255u,
                   "L is one byte: the longest frame always fits the receiver");

/* Bits per character: start, 8 data, even parity, stop (8E1). */
#define BITS_PER_CHAR     11u
/* EN 13757-2: a slave answers after 11 bit times at the earliest and 330 bit times + 50 ms
 * at the latest. */
#define MIN_WAIT_BITS     11u
#define REPLY_WINDOW_BITS 330u
#define REPLY_WINDOW_MS   50u

/* Result of checking a frame prefix one byte longer than a prefix known to be incomplete. */
typedef enum prefix_state {
    PREFIX_MORE,  /* a correct beginning; more bytes needed */
    PREFIX_DONE,  /* a complete, correct frame */
    PREFIX_FAULT, /* broken; the reason is in *fault */
} prefix_state_t;

static bool is_start(uint8_t b)
{
    return (b == MSDK_MBUS_FRAME_ACK_CHAR) || (b == MSDK_MBUS_FRAME_START_SHORT) ||
           (b == MSDK_MBUS_FRAME_START_LONG);
}

static void add_sat(uint32_t *counter, uint32_t n)
{
    *counter = (*counter > (UINT32_MAX - n)) ? UINT32_MAX : (*counter + n);
}

uint8_t msdk_mbus_frame_checksum(const uint8_t *p, size_t n)
{
    uint8_t sum = 0u;
    if (p == NULL) {
        return 0u;
    }
    for (size_t i = 0; i < n; i++) {
        sum = (uint8_t)(sum + p[i]);
    }
    return sum;
}

/* b[0..k), k >= 1, b[0] a start character, b[0..k-1) a correct incomplete prefix. Only the
 * last byte is new, so each step checks exactly one byte (the checksum at the end). */
static prefix_state_t check_prefix(const uint8_t *b, size_t k, msdk_mbus_rx_fault_t *fault)
{
    if (b[0] == MSDK_MBUS_FRAME_ACK_CHAR) {
        return PREFIX_DONE;
    }
    size_t total;
    size_t sum_from;
    size_t sum_len;
    if (b[0] == MSDK_MBUS_FRAME_START_SHORT) {
        total = MSDK_MBUS_FRAME_SHORT_LEN;
        sum_from = 1u;
        sum_len = 2u;
    } else {
        if (k == 1u) {
            return PREFIX_MORE;
        }
        if (k == 2u) {
            if (b[1] < MSDK_MBUS_FRAME_L_MIN) {
                *fault = MSDK_MBUS_RX_FAULT_L_SHORT;
                return PREFIX_FAULT;
            }
            return PREFIX_MORE;
        }
        if (k == 3u) {
            if (b[2] != b[1]) {
                *fault = MSDK_MBUS_RX_FAULT_L_MISMATCH;
                return PREFIX_FAULT;
            }
            return PREFIX_MORE;
        }
        if (k == 4u) {
            if (b[3] != MSDK_MBUS_FRAME_START_LONG) {
                *fault = MSDK_MBUS_RX_FAULT_START;
                return PREFIX_FAULT;
            }
            return PREFIX_MORE;
        }
        total = (size_t)b[1] + 6u;
        sum_from = 4u;
        sum_len = b[1];
    }
    if (k < total) {
        return PREFIX_MORE;
    }
    if (b[total - 1u] != MSDK_MBUS_FRAME_STOP) {
        *fault = MSDK_MBUS_RX_FAULT_STOP;
        return PREFIX_FAULT;
    }
    if (msdk_mbus_frame_checksum(&b[sum_from], sum_len) != b[sum_from + sum_len]) {
        *fault = MSDK_MBUS_RX_FAULT_CHECKSUM;
        return PREFIX_FAULT;
    }
    return PREFIX_DONE;
}

/* b holds one complete, checked frame. */
static void fill_frame(const uint8_t *b, msdk_mbus_frame_t *f)
{
    msdk_mbus_frame_t out = { .type = MSDK_MBUS_FRAME_ACK };
    if (b[0] == MSDK_MBUS_FRAME_START_SHORT) {
        out.type = MSDK_MBUS_FRAME_SHORT;
        out.c = b[1];
        out.a = b[2];
    } else if (b[0] == MSDK_MBUS_FRAME_START_LONG) {
        out.type = (b[1] == MSDK_MBUS_FRAME_L_MIN) ? MSDK_MBUS_FRAME_CONTROL : MSDK_MBUS_FRAME_LONG;
        out.c = b[4];
        out.a = b[5];
        out.ci = b[6];
        out.data_len = (size_t)b[1] - MSDK_MBUS_FRAME_L_MIN;
        out.data = (out.data_len > 0u) ? &b[7] : NULL;
    }
    *f = out;
}

/* ---- Encoders ----------------------------------------------------------------------------- */

msdk_err_t msdk_mbus_frame_encode_ack(msdk_wbuf_t *wb)
{
    return msdk_wbuf_put_u8(wb, MSDK_MBUS_FRAME_ACK_CHAR);
}

msdk_err_t msdk_mbus_frame_encode_short(msdk_wbuf_t *wb, uint8_t c, uint8_t a)
{
    uint8_t *p = NULL;
    msdk_err_t err = msdk_wbuf_reserve(wb, MSDK_MBUS_FRAME_SHORT_LEN, &p);
    if (err != MSDK_OK) {
        return err;
    }
    p[0] = MSDK_MBUS_FRAME_START_SHORT;
    p[1] = c;
    p[2] = a;
    p[3] = (uint8_t)(c + a);
    p[4] = MSDK_MBUS_FRAME_STOP;
    return MSDK_OK;
}

msdk_err_t msdk_mbus_frame_encode_long(msdk_wbuf_t *wb, uint8_t c, uint8_t a, uint8_t ci,
                                       const uint8_t *data, size_t data_len)
{
    if ((wb == NULL) || (data_len > MSDK_MBUS_FRAME_DATA_MAX) ||
        ((data == NULL) && (data_len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t *p = NULL;
    msdk_err_t err = msdk_wbuf_reserve(wb, data_len + MSDK_MBUS_FRAME_CONTROL_LEN, &p);
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t l = (uint8_t)(data_len + MSDK_MBUS_FRAME_L_MIN);
    p[0] = MSDK_MBUS_FRAME_START_LONG;
    p[1] = l;
    p[2] = l;
    p[3] = MSDK_MBUS_FRAME_START_LONG;
    p[4] = c;
    p[5] = a;
    p[6] = ci;
    if (data_len > 0u) {
        memcpy(&p[7], data, data_len);
    }
    p[7u + data_len] = msdk_mbus_frame_checksum(&p[4], l);
    p[8u + data_len] = MSDK_MBUS_FRAME_STOP;
    return MSDK_OK;
}

msdk_err_t msdk_mbus_frame_encode(msdk_wbuf_t *wb, const msdk_mbus_frame_t *f)
{
    if ((wb == NULL) || (f == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    switch (f->type) {
    case MSDK_MBUS_FRAME_ACK: return msdk_mbus_frame_encode_ack(wb);
    case MSDK_MBUS_FRAME_SHORT: return msdk_mbus_frame_encode_short(wb, f->c, f->a);
    case MSDK_MBUS_FRAME_CONTROL:
        if (f->data_len != 0u) {
            return MSDK_ERR_INVALID_ARG;
        }
        return msdk_mbus_frame_encode_long(wb, f->c, f->a, f->ci, NULL, 0u);
    case MSDK_MBUS_FRAME_LONG:
        if (f->data_len == 0u) {
            return MSDK_ERR_INVALID_ARG;
        }
        return msdk_mbus_frame_encode_long(wb, f->c, f->a, f->ci, f->data, f->data_len);
    default: return MSDK_ERR_INVALID_ARG;
    }
}

msdk_err_t msdk_mbus_frame_encode_snd_nke(msdk_wbuf_t *wb, uint8_t a)
{
    return msdk_mbus_frame_encode_short(wb, MSDK_MBUS_C_SND_NKE, a);
}

msdk_err_t msdk_mbus_frame_encode_req_ud2(msdk_wbuf_t *wb, uint8_t a, bool fcb)
{
    return msdk_mbus_frame_encode_short(wb, msdk_mbus_c_with_fcb(MSDK_MBUS_C_REQ_UD2, fcb), a);
}

msdk_err_t msdk_mbus_frame_encode_snd_ud(msdk_wbuf_t *wb, uint8_t a, bool fcb, uint8_t ci,
                                         const uint8_t *data, size_t data_len)
{
    return msdk_mbus_frame_encode_long(wb, msdk_mbus_c_with_fcb(MSDK_MBUS_C_SND_UD, fcb), a, ci,
                                       data, data_len);
}

/* ---- Decoder ------------------------------------------------------------------------------ */

static msdk_err_t fault_to_err(msdk_mbus_rx_fault_t fault)
{
    return (fault == MSDK_MBUS_RX_FAULT_CHECKSUM) ? MSDK_ERR_CHECKSUM : MSDK_ERR_MALFORMED;
}

msdk_err_t msdk_mbus_frame_decode(const uint8_t *data, size_t len, msdk_mbus_frame_t *out)
{
    if ((out == NULL) || ((data == NULL) && (len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_ERR_TRUNCATED;
    }
    if (!is_start(data[0])) {
        return MSDK_ERR_MALFORMED;
    }
    for (size_t k = 1u; k <= len; k++) {
        msdk_mbus_rx_fault_t fault = MSDK_MBUS_RX_FAULT_NONE;
        prefix_state_t st = check_prefix(data, k, &fault);
        if (st == PREFIX_FAULT) {
            return fault_to_err(fault);
        }
        if (st == PREFIX_DONE) {
            if (k != len) {
                return MSDK_ERR_MALFORMED; /* bytes after the stop character */
            }
            fill_frame(data, out);
            return MSDK_OK;
        }
    }
    return MSDK_ERR_TRUNCATED;
}

/* ---- Streaming receiver ------------------------------------------------------------------- */

msdk_err_t msdk_mbus_rx_init(msdk_mbus_rx_t *rx)
{
    if (rx == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(rx, 0, sizeof(*rx));
    return MSDK_OK;
}

void msdk_mbus_rx_reset(msdk_mbus_rx_t *rx)
{
    if (rx == NULL) {
        return;
    }
    rx->len = 0u;
    rx->avail = 0u;
    rx->drop = 0u;
    rx->fault = MSDK_MBUS_RX_FAULT_NONE;
}

/* Removes the bytes of the frame delivered or rejected by the previous call. */
static void apply_drop(msdk_mbus_rx_t *rx)
{
    if (rx->drop == 0u) {
        return;
    }
    size_t rest = (size_t)rx->avail - rx->drop;
    memmove(rx->buf, &rx->buf[rx->drop], rest);
    rx->avail = (uint16_t)rest;
    rx->drop = 0u;
    rx->len = 0u;
}

msdk_err_t msdk_mbus_rx_feed(msdk_mbus_rx_t *rx, const uint8_t *data, size_t n, size_t *consumed,
                             msdk_mbus_frame_t *frame)
{
    if ((rx == NULL) || (consumed == NULL) || (frame == NULL) || ((data == NULL) && (n > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    apply_drop(rx);
    size_t used = 0u;
    for (;;) {
        if (rx->len == rx->avail) {
            /* Nothing left to rescan: take the next input byte. Invariant: avail = len <
             * MSDK_MBUS_FRAME_MAX_LEN here, because a frame completes or fails by then. */
            if (used == n) {
                *consumed = used;
                return MSDK_ERR_WOULD_BLOCK;
            }
            rx->buf[rx->avail++] = data[used++];
        }
        rx->len++;
        if (rx->len == 1u) {
            if (!is_start(rx->buf[0])) {
                /* Hunt: skip to the next possible start character among the buffered bytes. */
                size_t i = 1u;
                while ((i < rx->avail) && !is_start(rx->buf[i])) {
                    i++;
                }
                add_sat(&rx->skipped, (uint32_t)i);
                rx->drop = (uint16_t)i;
                apply_drop(rx);
                continue;
            }
        }
        msdk_mbus_rx_fault_t fault = MSDK_MBUS_RX_FAULT_NONE;
        prefix_state_t st = check_prefix(rx->buf, rx->len, &fault);
        if (st == PREFIX_MORE) {
            continue;
        }
        *consumed = used;
        if (st == PREFIX_DONE) {
            fill_frame(rx->buf, frame);
            add_sat(&rx->frames, 1u);
            rx->drop = rx->len;
            rx->len = 0u;
            return MSDK_OK;
        }
        rx->fault = fault;
        add_sat(&rx->faults, 1u);
        /* A checksum error comes from a correctly delimited frame, and a long frame whose stop
         * character is wrong had a correct 68 L L 68 header: drop them whole (hunting inside
         * their data would find phantom frames). Any other framing error: hunt again from the
         * byte after the start character. */
        bool whole =
            (fault == MSDK_MBUS_RX_FAULT_CHECKSUM) ||
            ((fault == MSDK_MBUS_RX_FAULT_STOP) && (rx->buf[0] == MSDK_MBUS_FRAME_START_LONG));
        rx->drop = whole ? rx->len : 1u;
        rx->len = 0u;
        return fault_to_err(fault);
    }
}

bool msdk_mbus_rx_is_busy(const msdk_mbus_rx_t *rx)
{
    return (rx != NULL) && (rx->avail > rx->drop);
}

/* Drops what the receiver holds; whether a frame was in progress. */
static bool rx_drop_all(msdk_mbus_rx_t *rx)
{
    const bool busy = msdk_mbus_rx_is_busy(rx);
    rx->len = 0u;
    rx->avail = 0u;
    rx->drop = 0u;
    return busy;
}

msdk_err_t msdk_mbus_rx_line_error(msdk_mbus_rx_t *rx)
{
    if (rx == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!rx_drop_all(rx)) {
        add_sat(&rx->skipped, 1u);
        return MSDK_OK;
    }
    rx->fault = MSDK_MBUS_RX_FAULT_LINE;
    add_sat(&rx->faults, 1u);
    return MSDK_ERR_MALFORMED;
}

msdk_err_t msdk_mbus_rx_end(msdk_mbus_rx_t *rx)
{
    if (rx == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!rx_drop_all(rx)) {
        return MSDK_OK;
    }
    rx->fault = MSDK_MBUS_RX_FAULT_TRUNCATED;
    add_sat(&rx->faults, 1u);
    return MSDK_ERR_TRUNCATED;
}

/* ---- Timing ------------------------------------------------------------------------------- */

static const uint32_t mbus_bauds[] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u, 38400u };

bool msdk_mbus_baud_is_valid(uint32_t baud)
{
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(mbus_bauds); i++) {
        if (mbus_bauds[i] == baud) {
            return true;
        }
    }
    return false;
}

msdk_err_t msdk_mbus_baud_to_ci(uint32_t baud, uint8_t *ci)
{
    if (ci == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < MSDK_ARRAY_SIZE(mbus_bauds); i++) {
        if (mbus_bauds[i] == baud) {
            *ci = (uint8_t)(MSDK_MBUS_CI_BAUD_300 + i);
            return MSDK_OK;
        }
    }
    return MSDK_ERR_INVALID_ARG;
}

/* ceil(bits * 1000 / baud) for bits <= 11 * 261; no overflow in 32 bits. */
static uint32_t bits_to_ms_ceil(uint32_t bits, uint32_t baud)
{
    return ((bits * 1000u) + baud - 1u) / baud;
}

msdk_err_t msdk_mbus_frame_tx_time_ms(uint32_t baud, size_t nbytes, uint32_t *ms)
{
    if ((ms == NULL) || !msdk_mbus_baud_is_valid(baud) || (nbytes > MSDK_MBUS_FRAME_MAX_LEN)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *ms = bits_to_ms_ceil((uint32_t)nbytes * BITS_PER_CHAR, baud);
    return MSDK_OK;
}

msdk_err_t msdk_mbus_frame_min_wait_ms(uint32_t baud, uint32_t *ms)
{
    if ((ms == NULL) || !msdk_mbus_baud_is_valid(baud)) {
        return MSDK_ERR_INVALID_ARG;
    }
    *ms = bits_to_ms_ceil(MIN_WAIT_BITS, baud);
    return MSDK_OK;
}

msdk_err_t msdk_mbus_frame_reply_timeout_ms(uint32_t baud, uint32_t allowance_ms, uint32_t *ms)
{
    if ((ms == NULL) || !msdk_mbus_baud_is_valid(baud)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint32_t base = bits_to_ms_ceil(REPLY_WINDOW_BITS, baud) + REPLY_WINDOW_MS;
    if (allowance_ms > (UINT32_MAX - base)) {
        return MSDK_ERR_OVERFLOW;
    }
    *ms = base + allowance_ms;
    return MSDK_OK;
}
