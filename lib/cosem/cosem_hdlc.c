/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * HDLC frame codec, SNRM/UA parameter field and byte-stream deframer
 * (IEC 62056-46, frame format type 3).
 *
 * Frame between the flags:
 *   format (2) | dst (1/2/4) | src (1/2/4) | control (1) | [HCS (2) | info] | FCS (2)
 * Format: 1010 S LLL LLLLLLLL, L = bytes between the flags. Addresses carry
 * 7 bits per byte, the least significant bit set on the last byte. HCS and FCS
 * are CRC-16/X.25, least significant byte first; the HCS covers format to
 * control and is present only when there is an information field.
 */
#include <string.h>
#include "msdk/cosem/hdlc.h"
#include "msdk/core/crc.h"

/* Control field values (P/F bit 0x10 cleared). */
#define CTRL_PF   0x10u
#define CTRL_RR   0x01u
#define CTRL_RNR  0x05u
#define CTRL_SNRM 0x83u
#define CTRL_DISC 0x43u
#define CTRL_UA   0x63u
#define CTRL_DM   0x0Fu
#define CTRL_FRMR 0x87u
#define CTRL_UI   0x03u

#define FORMAT_TYPE3   0xA0u
#define FORMAT_SEG_BIT 0x08u

/* Parameter negotiation field. */
#define PARAM_FORMAT_ID   0x81u
#define PARAM_GROUP_ID    0x80u
#define PARAM_MAX_INFO_TX 0x05u
#define PARAM_MAX_INFO_RX 0x06u
#define PARAM_WINDOW_TX   0x07u
#define PARAM_WINDOW_RX   0x08u

/* ---- Addresses ------------------------------------------------------------------------------- */

static bool addr_valid(const msdk_cosem_hdlc_addr_t *a)
{
    switch (a->size) {
    case 1u: return a->upper <= 0x7Fu;
    case 2u: return a->upper <= 0x7Fu && a->lower <= 0x7Fu;
    case 4u: return a->upper <= 0x3FFFu && a->lower <= 0x3FFFu;
    default: return false;
    }
}

/* Writes a validated address; the caller has checked the room. */
static void addr_put(uint8_t *p, const msdk_cosem_hdlc_addr_t *a)
{
    switch (a->size) {
    case 1u: p[0] = (uint8_t)((a->upper << 1) | 1u); break;
    case 2u:
        p[0] = (uint8_t)(a->upper << 1);
        p[1] = (uint8_t)((a->lower << 1) | 1u);
        break;
    default:
        p[0] = (uint8_t)((a->upper >> 7) << 1);
        p[1] = (uint8_t)((a->upper & 0x7Fu) << 1);
        p[2] = (uint8_t)((a->lower >> 7) << 1);
        p[3] = (uint8_t)(((a->lower & 0x7Fu) << 1) | 1u);
        break;
    }
}

static msdk_err_t addr_get(msdk_rbuf_t *rb, msdk_cosem_hdlc_addr_t *a)
{
    uint8_t b[4];
    size_t n = 0;
    for (;;) {
        if (n == 4u) {
            return MSDK_ERR_MALFORMED; /* no end bit within 4 bytes */
        }
        msdk_err_t err = msdk_rbuf_get_u8(rb, &b[n]);
        if (err != MSDK_OK) {
            return err;
        }
        n++;
        if ((b[n - 1u] & 1u) != 0u) {
            break;
        }
    }
    a->size = (uint8_t)n;
    switch (n) {
    case 1u:
        a->upper = (uint16_t)(b[0] >> 1);
        a->lower = 0;
        return MSDK_OK;
    case 2u:
        a->upper = (uint16_t)(b[0] >> 1);
        a->lower = (uint16_t)(b[1] >> 1);
        return MSDK_OK;
    case 4u:
        a->upper = (uint16_t)(((unsigned)(b[0] >> 1) << 7) | (unsigned)(b[1] >> 1));
        a->lower = (uint16_t)(((unsigned)(b[2] >> 1) << 7) | (unsigned)(b[3] >> 1));
        return MSDK_OK;
    default: return MSDK_ERR_MALFORMED; /* 3-byte addresses do not exist */
    }
}

/* ---- Control field --------------------------------------------------------------------------- */

static msdk_err_t control_build(const msdk_cosem_hdlc_frame_t *f, uint8_t *ctrl)
{
    if (f->ns > 7u || f->nr > 7u) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t pf = f->pf ? (uint8_t)CTRL_PF : 0u;
    uint8_t nr = (uint8_t)(f->nr << 5);
    switch (f->type) {
    case MSDK_COSEM_HDLC_I: *ctrl = (uint8_t)(nr | pf | (uint8_t)(f->ns << 1)); break;
    case MSDK_COSEM_HDLC_RR: *ctrl = (uint8_t)(nr | pf | CTRL_RR); break;
    case MSDK_COSEM_HDLC_RNR: *ctrl = (uint8_t)(nr | pf | CTRL_RNR); break;
    case MSDK_COSEM_HDLC_SNRM: *ctrl = (uint8_t)(pf | CTRL_SNRM); break;
    case MSDK_COSEM_HDLC_DISC: *ctrl = (uint8_t)(pf | CTRL_DISC); break;
    case MSDK_COSEM_HDLC_UA: *ctrl = (uint8_t)(pf | CTRL_UA); break;
    case MSDK_COSEM_HDLC_DM: *ctrl = (uint8_t)(pf | CTRL_DM); break;
    case MSDK_COSEM_HDLC_FRMR: *ctrl = (uint8_t)(pf | CTRL_FRMR); break;
    case MSDK_COSEM_HDLC_UI: *ctrl = (uint8_t)(pf | CTRL_UI); break;
    case MSDK_COSEM_HDLC_UNKNOWN: *ctrl = f->control; break;
    default: return MSDK_ERR_INVALID_ARG;
    }
    return MSDK_OK;
}

static void control_parse(uint8_t c, msdk_cosem_hdlc_frame_t *f)
{
    f->control = c;
    f->pf = (c & CTRL_PF) != 0u;
    f->ns = 0;
    f->nr = 0;
    if ((c & 0x01u) == 0u) {
        f->type = MSDK_COSEM_HDLC_I;
        f->ns = (uint8_t)((c >> 1) & 7u);
        f->nr = (uint8_t)(c >> 5);
        return;
    }
    if ((c & 0x03u) == 0x01u) {
        f->nr = (uint8_t)(c >> 5);
        switch (c & 0x0Fu) {
        case CTRL_RR: f->type = MSDK_COSEM_HDLC_RR; return;
        case CTRL_RNR: f->type = MSDK_COSEM_HDLC_RNR; return;
        default: /* REJ and SREJ are not used by DLMS */
            f->nr = 0;
            f->type = MSDK_COSEM_HDLC_UNKNOWN;
            return;
        }
    }
    switch ((uint8_t)(c & (uint8_t)~CTRL_PF)) {
    case CTRL_SNRM: f->type = MSDK_COSEM_HDLC_SNRM; break;
    case CTRL_DISC: f->type = MSDK_COSEM_HDLC_DISC; break;
    case CTRL_UA: f->type = MSDK_COSEM_HDLC_UA; break;
    case CTRL_DM: f->type = MSDK_COSEM_HDLC_DM; break;
    case CTRL_FRMR: f->type = MSDK_COSEM_HDLC_FRMR; break;
    case CTRL_UI: f->type = MSDK_COSEM_HDLC_UI; break;
    default: f->type = MSDK_COSEM_HDLC_UNKNOWN; break;
    }
}

/* ---- Frame codec ----------------------------------------------------------------------------- */

static void put_crc_le(uint8_t *p, const uint8_t *covered, size_t n)
{
    uint16_t crc = msdk_crc16_x25(covered, n);
    p[0] = (uint8_t)(crc & 0xFFu);
    p[1] = (uint8_t)(crc >> 8);
}

msdk_err_t msdk_cosem_hdlc_frame_encode(msdk_wbuf_t *wb, const msdk_cosem_hdlc_frame_t *f)
{
    if (wb == NULL || f == NULL || !addr_valid(&f->dst) || !addr_valid(&f->src) ||
        (f->info == NULL && f->info_len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t ctrl = 0;
    msdk_err_t err = control_build(f, &ctrl);
    if (err != MSDK_OK) {
        return err;
    }
    size_t hdr = 2u + (size_t)f->dst.size + (size_t)f->src.size + 1u;
    if (f->info_len > MSDK_COSEM_HDLC_MAX_FRAME_LEN) {
        return MSDK_ERR_INVALID_ARG;
    }
    size_t flen = hdr + (f->info_len != 0u ? 2u + f->info_len : 0u) + 2u;
    if (flen > MSDK_COSEM_HDLC_MAX_FRAME_LEN) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t *p = NULL;
    err = msdk_wbuf_reserve(wb, flen + 2u, &p);
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t *fr = p + 1; /* frame without the opening flag */
    p[0] = (uint8_t)MSDK_COSEM_HDLC_FLAG;
    fr[0] = (uint8_t)(FORMAT_TYPE3 | (f->segmented ? FORMAT_SEG_BIT : 0u) | (flen >> 8));
    fr[1] = (uint8_t)(flen & 0xFFu);
    addr_put(&fr[2], &f->dst);
    addr_put(&fr[2u + f->dst.size], &f->src);
    fr[hdr - 1u] = ctrl;
    size_t pos = hdr;
    if (f->info_len != 0u) {
        put_crc_le(&fr[pos], fr, hdr);
        pos += 2u;
        memcpy(&fr[pos], f->info, f->info_len);
        pos += f->info_len;
    }
    put_crc_le(&fr[pos], fr, pos);
    fr[pos + 2u] = (uint8_t)MSDK_COSEM_HDLC_FLAG;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_frame_decode(const uint8_t *data, size_t len,
                                        msdk_cosem_hdlc_frame_t *out)
{
    if (data == NULL || out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len > 0u && data[0] == MSDK_COSEM_HDLC_FLAG) {
        /* Flags included: strip both. */
        if (len < MSDK_COSEM_HDLC_MIN_FRAME_LEN + 2u) {
            return MSDK_ERR_TRUNCATED;
        }
        data++;
        len -= 2u;
        if (data[len] != MSDK_COSEM_HDLC_FLAG) {
            /* The closing flag position follows from the length field. */
            uint16_t fl = (uint16_t)(((data[0] & 0x07u) << 8) | data[1]);
            return (fl > len) ? MSDK_ERR_TRUNCATED : MSDK_ERR_MALFORMED;
        }
    }
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, data, len);
    uint16_t format = 0;
    msdk_err_t err = msdk_rbuf_get_u16be(&rb, &format);
    if (err != MSDK_OK) {
        return err;
    }
    if ((format & 0xF000u) != 0xA000u) {
        return MSDK_ERR_MALFORMED;
    }
    size_t flen = (size_t)(format & 0x07FFu);
    if (flen < MSDK_COSEM_HDLC_MIN_FRAME_LEN) {
        return MSDK_ERR_MALFORMED;
    }
    if (len < flen) {
        return MSDK_ERR_TRUNCATED;
    }
    if (len > flen) {
        return MSDK_ERR_MALFORMED;
    }
    msdk_cosem_hdlc_frame_t f;
    memset(&f, 0, sizeof f);
    f.segmented = (format & 0x0800u) != 0u;
    err = addr_get(&rb, &f.dst);
    if (err == MSDK_OK) {
        err = addr_get(&rb, &f.src);
    }
    uint8_t ctrl = 0;
    if (err == MSDK_OK) {
        err = msdk_rbuf_get_u8(&rb, &ctrl);
    }
    if (err == MSDK_ERR_TRUNCATED) {
        /* The length field itself is too short for the header: a format error. */
        return MSDK_ERR_MALFORMED;
    }
    if (err != MSDK_OK) {
        return err;
    }
    size_t hdr = rb.pos;
    size_t rest = len - hdr; /* HCS + info + FCS, or FCS */
    if (rest < 2u || (rest > 2u && rest <= 4u)) {
        return MSDK_ERR_MALFORMED;
    }
    if (!msdk_crc16_x25_is_valid(data, len)) {
        return MSDK_ERR_CHECKSUM;
    }
    if (rest > 2u) {
        if (!msdk_crc16_x25_is_valid(data, hdr + 2u)) {
            return MSDK_ERR_CHECKSUM;
        }
        f.info = data + hdr + 2u;
        f.info_len = rest - 4u;
    }
    control_parse(ctrl, &f);
    *out = f;
    return MSDK_OK;
}

/* ---- Parameter negotiation ------------------------------------------------------------------- */

static size_t param_width(uint32_t v)
{
    return (v <= 0xFFu) ? 1u : (v <= 0xFFFFu) ? 2u : 4u;
}

msdk_err_t msdk_cosem_hdlc_params_encode(msdk_wbuf_t *wb, const msdk_cosem_hdlc_params_t *p)
{
    if (wb == NULL || p == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t ids[4] = { PARAM_MAX_INFO_TX, PARAM_MAX_INFO_RX, PARAM_WINDOW_TX,
                             PARAM_WINDOW_RX };
    const uint32_t vals[4] = { p->max_info_tx, p->max_info_rx, p->window_tx, p->window_rx };
    size_t widths[4] = { param_width(p->max_info_tx), param_width(p->max_info_rx), 4u, 4u };
    size_t group = 0;
    for (size_t i = 0; i < 4u; i++) {
        group += 2u + widths[i];
    }
    uint8_t *q = NULL;
    msdk_err_t err = msdk_wbuf_reserve(wb, 3u + group, &q);
    if (err != MSDK_OK) {
        return err;
    }
    size_t pos = 0;
    q[pos++] = PARAM_FORMAT_ID;
    q[pos++] = PARAM_GROUP_ID;
    q[pos++] = (uint8_t)group;
    for (size_t i = 0; i < 4u; i++) {
        q[pos++] = ids[i];
        q[pos++] = (uint8_t)widths[i];
        for (size_t k = widths[i]; k > 0u; k--) {
            q[pos++] = (uint8_t)(vals[i] >> (8u * (k - 1u)));
        }
    }
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_params_decode(const uint8_t *data, size_t len,
                                         msdk_cosem_hdlc_params_t *out)
{
    if (out == NULL || (data == NULL && len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_hdlc_params_t p = { MSDK_COSEM_HDLC_DEFAULT_MAX_INFO,
                                   MSDK_COSEM_HDLC_DEFAULT_MAX_INFO, MSDK_COSEM_HDLC_DEFAULT_WINDOW,
                                   MSDK_COSEM_HDLC_DEFAULT_WINDOW };
    if (len == 0u) {
        *out = p;
        return MSDK_OK;
    }
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, data, len);
    uint8_t format = 0;
    uint8_t group = 0;
    uint8_t glen = 0;
    msdk_err_t err = msdk_rbuf_get_u8(&rb, &format);
    if (err != MSDK_OK) {
        return err;
    }
    if (format != PARAM_FORMAT_ID) {
        return MSDK_ERR_MALFORMED;
    }
    err = msdk_rbuf_get_u8(&rb, &group);
    if (err != MSDK_OK) {
        return err;
    }
    if (group != PARAM_GROUP_ID) {
        return MSDK_ERR_MALFORMED;
    }
    err = msdk_rbuf_get_u8(&rb, &glen);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_rbuf_t g;
    err = msdk_rbuf_get_sub(&rb, glen, &g);
    if (err != MSDK_OK) {
        return err;
    }
    if (msdk_rbuf_remaining(&rb) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    while (msdk_rbuf_remaining(&g) != 0u) {
        uint8_t id = 0;
        uint8_t vlen = 0;
        err = msdk_rbuf_get_u8(&g, &id);
        if (err == MSDK_OK) {
            err = msdk_rbuf_get_u8(&g, &vlen);
        }
        if (err != MSDK_OK) {
            return err;
        }
        if (id < PARAM_MAX_INFO_TX || id > PARAM_WINDOW_RX) {
            err = msdk_rbuf_skip(&g, vlen); /* not a DLMS parameter: ignored */
            if (err != MSDK_OK) {
                return err;
            }
            continue;
        }
        if (vlen != 1u && vlen != 2u && vlen != 4u) {
            return MSDK_ERR_MALFORMED;
        }
        uint64_t v = 0;
        err = msdk_rbuf_get_uintbe(&g, vlen, &v);
        if (err != MSDK_OK) {
            return err;
        }
        if (v == 0u) {
            return MSDK_ERR_MALFORMED;
        }
        switch (id) {
        case PARAM_MAX_INFO_TX: p.max_info_tx = (uint32_t)v; break;
        case PARAM_MAX_INFO_RX: p.max_info_rx = (uint32_t)v; break;
        case PARAM_WINDOW_TX: p.window_tx = (uint32_t)v; break;
        default: p.window_rx = (uint32_t)v; break;
        }
    }
    *out = p;
    return MSDK_OK;
}

/* ---- Deframer -------------------------------------------------------------------------------- */

enum {
    DF_HUNT = 0,  /* discarding bytes until a flag */
    DF_FLAG = 1,  /* after a flag, before the first frame byte */
    DF_FRAME = 2, /* collecting frame bytes */
    DF_CLOSE = 3, /* frame collected, expecting the closing flag */
};

msdk_err_t msdk_cosem_hdlc_deframer_init(msdk_cosem_hdlc_deframer_t *d, uint8_t *buf, size_t cap,
                                         uint32_t timeout_ms)
{
    if (d == NULL || buf == NULL || cap < MSDK_COSEM_HDLC_MIN_FRAME_LEN) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(d, 0, sizeof *d);
    d->buf = buf;
    d->cap = (cap > MSDK_COSEM_HDLC_MAX_FRAME_LEN) ? MSDK_COSEM_HDLC_MAX_FRAME_LEN : cap;
    d->timeout_ms = timeout_ms;
    d->state = DF_HUNT;
    return MSDK_OK;
}

void msdk_cosem_hdlc_deframer_reset(msdk_cosem_hdlc_deframer_t *d)
{
    if (d != NULL) {
        d->len = 0;
        d->need = 0;
        d->state = DF_HUNT;
    }
}

static void df_drop(msdk_cosem_hdlc_deframer_t *d, uint8_t next_state)
{
    d->dropped++;
    d->len = 0;
    d->need = 0;
    d->state = next_state;
}

msdk_err_t msdk_cosem_hdlc_deframer_feed(msdk_cosem_hdlc_deframer_t *d, const uint8_t *data,
                                         size_t n, uint32_t now_ms, size_t *consumed,
                                         const uint8_t **frame, size_t *frame_len)
{
    if (d == NULL || consumed == NULL || frame == NULL || frame_len == NULL ||
        (data == NULL && n != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t b = data[i];
        if ((d->state == DF_FRAME || d->state == DF_CLOSE) && d->timeout_ms != 0u &&
            (uint32_t)(now_ms - d->last_ms) > d->timeout_ms) {
            df_drop(d, DF_HUNT); /* stale partial frame */
        }
        d->last_ms = now_ms;
        switch (d->state) {
        case DF_HUNT:
            if (b == MSDK_COSEM_HDLC_FLAG) {
                d->state = DF_FLAG;
            }
            break;
        case DF_FLAG:
            if (b == MSDK_COSEM_HDLC_FLAG) {
                break; /* repeated flags */
            }
            if ((b & 0xF0u) != FORMAT_TYPE3) {
                d->dropped++;
                d->state = DF_HUNT;
                break;
            }
            d->buf[0] = b;
            d->len = 1;
            d->need = 0;
            d->state = DF_FRAME;
            break;
        case DF_FRAME:
            d->buf[d->len++] = b;
            if (d->len == 2u) {
                size_t fl = (size_t)(((d->buf[0] & 0x07u) << 8) | d->buf[1]);
                if (fl < MSDK_COSEM_HDLC_MIN_FRAME_LEN || fl > d->cap) {
                    df_drop(d, DF_HUNT);
                    break;
                }
                d->need = fl;
            }
            if (d->need != 0u && d->len == d->need) {
                d->state = DF_CLOSE;
            }
            break;
        default: /* DF_CLOSE */
            if (b != MSDK_COSEM_HDLC_FLAG) {
                df_drop(d, DF_HUNT);
                break;
            }
            *consumed = i + 1u;
            *frame = d->buf;
            *frame_len = d->len;
            d->len = 0;
            d->need = 0;
            d->state = DF_FLAG; /* the closing flag opens the next frame */
            return MSDK_OK;
        }
    }
    *consumed = n;
    return MSDK_ERR_WOULD_BLOCK;
}
