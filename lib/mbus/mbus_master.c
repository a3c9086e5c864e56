/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus master procedures (include/msdk/mbus/master.h): a sans-IO step machine over the
 * frame layer (encoders, streaming receiver, EN 13757-2 timing). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bytebuf.h"
#include "msdk/mbus/frame.h"
#include "msdk/mbus/master.h"
#include "msdk/mbus/record.h"

/* Running procedure (msdk_mbus_master_t::proc). */
enum {
    PROC_NONE = 0,
    PROC_SINGLE,   /* one request, result as is */
    PROC_SET_ADDR, /* SND_UD CI 51 01 7A a: the FCB state moves to the new address */
    PROC_SET_BAUD, /* SND_UD CI B8..BF: the master's rate changes after the E5 */
    PROC_SELECT,   /* SND_UD 253 CI 52: FCB of 253 set after the E5 */
    PROC_READOUT,  /* REQ_UD2 while DIF 0x1F */
    PROC_SCAN_PRI, /* primary scan */
    PROC_SCAN_SEC, /* secondary wildcard scan */
};

/* Steps of the secondary scan (msdk_mbus_master_t::step). */
enum {
    STEP_SELECT = 0,  /* selection with the current mask */
    STEP_CONFIRM = 1, /* REQ_UD2 to 253 after a single E5 */
};

/* Outcome of one transmission of a request, in increasing severity. */
enum {
    OUT_OK = 0,
    OUT_NONE = 1,    /* nothing in the reply window */
    OUT_BAD = 2,     /* a complete frame: wrong checksum or not the expected one */
    OUT_GARBLED = 3, /* a frame that broke, a parity error, stray bytes, an unfinished frame */
};

/* Frame kind of a request. */
typedef enum req_kind {
    REQ_NKE,
    REQ_UD2,
    REQ_SND,
    REQ_SELECT,
} req_kind_t;

#define ID_DIGITS    8u
#define DIGIT_WILD   0xFu
#define SLAVE_C_MASK 0xCFu /* RSP_UD with ACD/DFC ignored */
#define HDR_LONG     12u   /* CI 0x72: ID, manufacturer, version, medium, access, status, config */
#define HDR_SHORT    4u    /* CI 0x7A: access, status, config */

static bool before(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}

static bool bit_get(const uint8_t *bits, uint8_t i)
{
    return (bits[i >> 3] & (uint8_t)(1u << (i & 7u))) != 0u;
}

static void bit_put(uint8_t *bits, uint8_t i, bool v)
{
    uint8_t mask = (uint8_t)(1u << (i & 7u));
    bits[i >> 3] = v ? (uint8_t)(bits[i >> 3] | mask) : (uint8_t)(bits[i >> 3] & (uint8_t)~mask);
}

static msdk_err_t set_timing(msdk_mbus_master_t *m, uint32_t baud)
{
    uint32_t window = 0u;
    uint32_t idle = 0u;
    uint32_t gap = 0u;
    msdk_err_t err = msdk_mbus_frame_reply_timeout_ms(baud, m->allowance_ms, &window);
    if (err == MSDK_OK) {
        err = msdk_mbus_frame_tx_time_ms(baud, 3u, &idle); /* 33 bit times */
    }
    if (err == MSDK_OK) {
        err = msdk_mbus_frame_min_wait_ms(baud, &gap);
    }
    if ((err == MSDK_OK) &&
        ((m->allowance_ms > (UINT32_MAX - idle)) || (window > (UINT32_MAX - gap)))) {
        err = MSDK_ERR_OVERFLOW;
    }
    if (err != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    m->baud = baud;
    /* A reply may start until the end of the window; its first byte is received one
     * character (11 bit times) later. */
    m->window_ms = window + gap;
    m->idle_ms = idle + m->allowance_ms;
    m->gap_ms = gap;
    return MSDK_OK;
}

msdk_err_t msdk_mbus_master_init(msdk_mbus_master_t *m, const msdk_mbus_master_config_t *cfg)
{
    msdk_mbus_master_config_t c = { 0 };
    if (m == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cfg != NULL) {
        c = *cfg;
    }
    if (c.retries > MSDK_MBUS_MASTER_RETRIES_DEFAULT) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_mbus_master_t tmp;
    memset(&tmp, 0, sizeof(tmp));
    tmp.allowance_ms = c.allowance_ms;
    msdk_err_t err = set_timing(&tmp, (c.baud == 0u) ? MSDK_MBUS_MASTER_BAUD_DEFAULT : c.baud);
    if (err != MSDK_OK) {
        return err;
    }
    tmp.retries =
        c.no_retries ? 0u : ((c.retries == 0u) ? MSDK_MBUS_MASTER_RETRIES_DEFAULT : c.retries);
    tmp.scan_skip_f = c.scan_skip_f;
    tmp.max_telegrams =
        (c.max_telegrams == 0u) ? MSDK_MBUS_MASTER_TELEGRAMS_DEFAULT : c.max_telegrams;
    memset(tmp.fcb, 0xFF, sizeof(tmp.fcb));
    if (msdk_mbus_rx_init(&tmp.rx) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    *m = tmp;
    return MSDK_OK;
}

bool msdk_mbus_master_next_fcb(const msdk_mbus_master_t *m, uint8_t addr)
{
    return (m != NULL) && bit_get(m->fcb, addr);
}

bool msdk_mbus_master_is_found(const msdk_mbus_master_t *m, uint8_t addr)
{
    return (m != NULL) && bit_get(m->found, addr);
}

/* ---- Requests ----------------------------------------------------------------------------- */

/* Encodes a request into m->tx and arms it for sending; cannot fail for valid arguments
 * (the buffer holds the longest frame). */
static void request(msdk_mbus_master_t *m, req_kind_t kind, uint8_t addr, uint8_t ci,
                    const uint8_t *data, size_t len)
{
    msdk_wbuf_t wb;
    msdk_err_t err;
    bool fcb = bit_get(m->fcb, addr);
    msdk_wbuf_init(&wb, m->tx, sizeof(m->tx));
    m->uses_fcb = false;
    m->expect_long = false;
    switch (kind) {
    case REQ_NKE:
        err = msdk_mbus_frame_encode_snd_nke(&wb, addr);
        bit_put(m->fcb, addr, true); /* the slave clears its FCB: the next request has 1 */
        break;
    case REQ_UD2:
        err = msdk_mbus_frame_encode_req_ud2(&wb, addr, fcb);
        m->uses_fcb = true;
        m->expect_long = true;
        break;
    case REQ_SELECT: err = msdk_mbus_frame_encode_snd_ud(&wb, addr, false, ci, data, len); break;
    case REQ_SND:
    default:
        err = msdk_mbus_frame_encode_snd_ud(&wb, addr, fcb, ci, data, len);
        m->uses_fcb = true;
        break;
    }
    m->tx_len = (err == MSDK_OK) ? (uint16_t)msdk_wbuf_len(&wb) : 0u;
    m->addr = addr;
    m->attempts = 0u;
    m->worst = OUT_OK;
    m->state = MSDK_MBUS_MST_SEND;
}

static void finish(msdk_mbus_master_t *m, msdk_mbus_result_t r)
{
    m->result = r;
    m->state = MSDK_MBUS_MST_DONE;
}

/* ---- Identification and the "more records" mark ----------------------------------------- */

static bool more_follows(const msdk_mbus_master_frame_t *f)
{
    size_t hdr = 0u;
    size_t cfg_at = 0u;
    bool walk = true;
    bool last_byte = true; /* the last byte is plain: it may be the DIF 0x1F */
    switch (f->ci) {
    case 0x72u:
        hdr = HDR_LONG;
        cfg_at = 10u;
        break;
    case 0x7Au:
        hdr = HDR_SHORT;
        cfg_at = 2u;
        break;
    case 0x78u: break;
    default:
        walk = false;
        last_byte = (f->ci != 0x90u); /* behind an AFL (mode 7) everything is ciphered */
        break;
    }
    if (walk && (hdr > 0u)) {
        if (f->len < hdr) {
            walk = false;
        } else {
            uint16_t cfg = (uint16_t)(f->data[cfg_at] | ((uint16_t)f->data[cfg_at + 1u] << 8));
            if (((cfg >> 8) & 0x1Fu) != 0u) {
                walk = false; /* encrypted: the records cannot be walked */
                /* the last byte is plain only after the encrypted blocks (a plain tail) */
                last_byte = (hdr + (16u * (size_t)((cfg >> 4) & 0x0Fu))) < (size_t)f->len;
            }
        }
    }
    if (walk) {
        msdk_mbus_rec_iter_t it;
        msdk_mbus_record_t rec;
        msdk_mbus_rec_iter_init(&it, &f->data[hdr], (size_t)f->len - hdr);
        for (;;) {
            msdk_err_t err = msdk_mbus_rec_next(&it, &rec);
            if (err == MSDK_ERR_NOT_FOUND) {
                return false;
            }
            if ((err == MSDK_OK) && (rec.type == MSDK_MBUS_DT_MANUFACTURER)) {
                return rec.more_records_follow;
            }
            if ((err != MSDK_OK) && (err != MSDK_ERR_MALFORMED)) {
                break; /* the walk cannot finish: fall back to the last byte */
            }
        }
    }
    return last_byte && (f->len > 0u) && (f->data[f->len - 1u] == 0x1Fu);
}

static bool reply_identity(const msdk_mbus_master_frame_t *f, msdk_mbus_secondary_t *id)
{
    const uint8_t *d = f->data;
    size_t len = f->len;
    uint8_t ci = f->ci;
    if ((ci == 0x90u) && (len >= 2u) && (((size_t)d[0] + 2u) <= len)) {
        /* OMS mode 7: the AFL (AFLL, its fields), then the transport layer's CI */
        const size_t tpl = (size_t)d[0] + 1u;
        ci = d[tpl];
        d = &d[tpl + 1u];
        len -= tpl + 1u;
    }
    if ((ci != 0x72u) || (len < HDR_LONG)) {
        return false;
    }
    id->id =
        (uint32_t)d[0] | ((uint32_t)d[1] << 8) | ((uint32_t)d[2] << 16) | ((uint32_t)d[3] << 24);
    id->manufacturer = (uint16_t)(d[4] | ((uint16_t)d[5] << 8));
    id->version = d[6];
    id->medium = d[7];
    return true;
}

static void encode_selection(const msdk_mbus_secondary_t *s, uint8_t out[8])
{
    out[0] = (uint8_t)s->id;
    out[1] = (uint8_t)(s->id >> 8);
    out[2] = (uint8_t)(s->id >> 16);
    out[3] = (uint8_t)(s->id >> 24);
    out[4] = (uint8_t)s->manufacturer;
    out[5] = (uint8_t)(s->manufacturer >> 8);
    out[6] = s->version;
    out[7] = s->medium;
}

/* ---- Secondary scan ----------------------------------------------------------------------- */

/* The ID of the current mask: the fixed digits, nibble F (wildcard) for the others. */
static uint32_t mask_id(const msdk_mbus_master_t *m)
{
    uint32_t id = 0xFFFFFFFFu;
    for (uint8_t i = 0u; i < m->level; i++) {
        uint32_t shift = (uint32_t)(ID_DIGITS - 1u - i) * 4u;
        id = (id & ~(0xFu << shift)) | ((uint32_t)m->digit[i] << shift);
    }
    return id;
}

static void scan_probe(msdk_mbus_master_t *m)
{
    const msdk_mbus_secondary_t sel = {
        .id = mask_id(m), .manufacturer = 0xFFFFu, .version = 0xFFu, .medium = 0xFFu
    };
    uint8_t data[8];
    encode_selection(&sel, data);
    m->step = STEP_SELECT;
    m->probes++;
    request(m, REQ_SELECT, MSDK_MBUS_ADDR_NETWORK, MSDK_MBUS_CI_SELECT, data, sizeof(data));
    m->garble_is_answer = true;
}

/* Wildcard digits among the first n fixed positions. */
static unsigned wild_count(const msdk_mbus_master_t *m, uint8_t n)
{
    unsigned w = 0u;
    for (uint8_t i = 0u; i < n; i++) {
        w += (m->digit[i] == DIGIT_WILD) ? 1u : 0u;
    }
    return w;
}

static void scan_descend(msdk_mbus_master_t *m);

/* Next sibling of the current mask, climbing up when a position is exhausted. A digit F
 * is the wildcard: the mask equals its parent's, which collided, so the walk descends
 * at once without a probe. One F per mask at most: a device with one F digit is found,
 * and the walk stays near 16 probes per collision instead of growing with every nesting. */
static void scan_advance(msdk_mbus_master_t *m)
{
    while (m->level > 0u) {
        uint8_t *d = &m->digit[m->level - 1u];
        uint8_t top = (!m->scan_skip_f && (wild_count(m, (uint8_t)(m->level - 1u)) == 0u))
                          ? DIGIT_WILD
                          : (DIGIT_WILD - 1u);
        if (*d < top) {
            (*d)++;
            if (*d == DIGIT_WILD) {
                scan_descend(m);
            } else {
                scan_probe(m);
            }
            return;
        }
        m->level--;
    }
    finish(m, MSDK_MBUS_RESULT_OK);
}

/* Several slaves match the mask: fix the next position. */
static void scan_descend(msdk_mbus_master_t *m)
{
    if (m->level < ID_DIGITS) {
        m->digit[m->level] = 0u;
        m->level++;
        scan_probe(m);
        return;
    }
    if (wild_count(m, ID_DIGITS) == 0u) {
        m->unresolved++; /* same ID: the walk over the ID digits cannot tell them apart */
    }
    scan_advance(m);
}

static void scan_record(msdk_mbus_master_t *m, const msdk_mbus_secondary_t *id)
{
    for (size_t i = 0u; i < m->ids_count; i++) {
        if ((m->ids[i].id == id->id) && (m->ids[i].manufacturer == id->manufacturer) &&
            (m->ids[i].version == id->version) && (m->ids[i].medium == id->medium)) {
            return;
        }
    }
    if (m->ids_count < m->ids_cap) {
        m->ids[m->ids_count++] = *id;
    } else {
        m->overflow = true;
    }
}

/* ---- Procedure steps ---------------------------------------------------------------------- */

static void scan_primary_next(msdk_mbus_master_t *m)
{
    if (m->scan_addr >= m->scan_last) {
        finish(m, MSDK_MBUS_RESULT_OK);
        return;
    }
    m->scan_addr++;
    request(m, (m->step == (uint8_t)MSDK_MBUS_SCAN_REQ_UD2) ? REQ_UD2 : REQ_NKE, m->scan_addr, 0u,
            NULL, 0u);
}

static void proc_ok(msdk_mbus_master_t *m)
{
    switch (m->proc) {
    case PROC_SET_ADDR:
        bit_put(m->fcb, m->new_addr, bit_get(m->fcb, m->addr));
        finish(m, MSDK_MBUS_RESULT_OK);
        break;
    case PROC_SET_BAUD:
        (void)set_timing(m, m->new_baud);
        finish(m, MSDK_MBUS_RESULT_OK);
        break;
    case PROC_SELECT:
        bit_put(m->fcb, MSDK_MBUS_ADDR_NETWORK, true);
        finish(m, MSDK_MBUS_RESULT_OK);
        break;
    case PROC_READOUT:
        if ((m->telegrams > 0u) && (m->reply.ci == m->prev.ci) && (m->reply.len == m->prev.len) &&
            (memcmp(m->reply.data, m->prev.data, m->reply.len) == 0)) {
            finish(m, MSDK_MBUS_RESULT_OK); /* the same telegram again: the slave has no more */
        } else {
            m->state = MSDK_MBUS_MST_TELEGRAM;
        }
        break;
    case PROC_SCAN_PRI:
        bit_put(m->found, m->scan_addr, true);
        scan_primary_next(m);
        break;
    case PROC_SCAN_SEC:
        if (m->step == STEP_SELECT) {
            bit_put(m->fcb, MSDK_MBUS_ADDR_NETWORK, true);
            m->step = STEP_CONFIRM;
            request(m, REQ_UD2, MSDK_MBUS_ADDR_NETWORK, 0u, NULL, 0u);
            /* Under a mask, a bad reply is several devices: descend at once. With the whole
             * ID fixed it is one device (or two of the same ID): retried as usual. */
            m->garble_is_answer = (m->level < ID_DIGITS) || (wild_count(m, ID_DIGITS) != 0u);
        } else {
            msdk_mbus_secondary_t id;
            if (reply_identity(&m->reply, &id)) {
                scan_record(m, &id);
            } else {
                m->unresolved++;
            }
            scan_advance(m);
        }
        break;
    case PROC_SINGLE:
    default: finish(m, MSDK_MBUS_RESULT_OK); break;
    }
}

static void proc_fail(msdk_mbus_master_t *m, msdk_mbus_result_t r)
{
    switch (m->proc) {
    case PROC_SCAN_PRI:
        if (r == MSDK_MBUS_RESULT_COLLISION) {
            bit_put(m->collided, m->scan_addr, true);
        }
        scan_primary_next(m);
        break;
    case PROC_SCAN_SEC:
        if ((m->step == STEP_CONFIRM) && (r == MSDK_MBUS_RESULT_BAD_FRAME) &&
            (m->level == ID_DIGITS) && (wild_count(m, ID_DIGITS) == 0u)) {
            /* The whole ID was acknowledged with one clean E5, and its RSP_UD came complete
             * but bad (not garbled: not several slaves): one device, whose ID is known and
             * whose manufacturer, version and medium are not. */
            const msdk_mbus_secondary_t id = {
                .id = mask_id(m), .manufacturer = 0xFFFFu, .version = 0xFFu, .medium = 0xFFu
            };
            scan_record(m, &id);
            scan_advance(m);
        } else if (r != MSDK_MBUS_RESULT_NO_ANSWER) {
            scan_descend(m); /* a garbled or bad reply: several slaves match */
        } else {
            if (m->step == STEP_CONFIRM) {
                m->unresolved++; /* acknowledged, then silent */
            }
            scan_advance(m);
        }
        break;
    default: finish(m, r); break;
    }
}

static msdk_mbus_result_t outcome_result(uint8_t worst)
{
    switch (worst) {
    case OUT_GARBLED: return MSDK_MBUS_RESULT_COLLISION;
    case OUT_BAD: return MSDK_MBUS_RESULT_BAD_FRAME;
    default: return MSDK_MBUS_RESULT_NO_ANSWER;
    }
}

/* One transmission of the request ended. */
static void attempt_end(msdk_mbus_master_t *m, uint8_t outcome)
{
    if (outcome == OUT_OK) {
        if (m->uses_fcb) {
            bit_put(m->fcb, m->addr, !bit_get(m->fcb, m->addr));
        }
        m->garble_is_answer = false;
        proc_ok(m);
        return;
    }
    if (outcome > m->worst) {
        m->worst = outcome;
    }
    if (m->garble_is_answer && (outcome >= OUT_BAD)) {
        m->garble_is_answer = false;
        proc_fail(m, outcome_result(outcome));
    } else if (m->attempts <= m->retries) {
        m->state = MSDK_MBUS_MST_SEND; /* same bytes, same FCB */
    } else {
        m->garble_is_answer = false;
        proc_fail(m, outcome_result(m->worst));
    }
}

/* ---- Starting operations ------------------------------------------------------------------ */

static msdk_err_t begin(msdk_mbus_master_t *m, uint8_t proc)
{
    if (m == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (m->state != MSDK_MBUS_MST_IDLE) {
        return MSDK_ERR_BUSY;
    }
    m->proc = proc;
    m->step = 0u;
    m->has_reply = false;
    m->telegrams = 0u;
    m->result = MSDK_MBUS_RESULT_OK;
    m->garble_is_answer = false;
    return MSDK_OK;
}

msdk_err_t msdk_mbus_master_start_snd_nke(msdk_mbus_master_t *m, uint8_t addr)
{
    msdk_err_t err = begin(m, PROC_SINGLE);
    if (err == MSDK_OK) {
        request(m, REQ_NKE, addr, 0u, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_req_ud2(msdk_mbus_master_t *m, uint8_t addr)
{
    msdk_err_t err = begin(m, PROC_SINGLE);
    if (err == MSDK_OK) {
        request(m, REQ_UD2, addr, 0u, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_readout(msdk_mbus_master_t *m, uint8_t addr)
{
    msdk_err_t err = begin(m, PROC_READOUT);
    if (err == MSDK_OK) {
        request(m, REQ_UD2, addr, 0u, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_snd_ud(msdk_mbus_master_t *m, uint8_t addr, uint8_t ci,
                                         const uint8_t *data, size_t len)
{
    if ((len > MSDK_MBUS_FRAME_DATA_MAX) || ((data == NULL) && (len > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SINGLE);
    if (err == MSDK_OK) {
        request(m, REQ_SND, addr, ci, data, len);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_set_address(msdk_mbus_master_t *m, uint8_t addr, uint8_t new_addr)
{
    if (new_addr > MSDK_MBUS_ADDR_PRIMARY_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SET_ADDR);
    if (err == MSDK_OK) {
        const uint8_t data[3] = { 0x01u, 0x7Au, new_addr }; /* DIF 8-bit int, VIF bus address */
        m->new_addr = new_addr;
        request(m, REQ_SND, addr, MSDK_MBUS_CI_DATA_SEND, data, sizeof(data));
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_set_baud(msdk_mbus_master_t *m, uint8_t addr, uint32_t baud)
{
    uint8_t ci = 0u;
    if (msdk_mbus_baud_to_ci(baud, &ci) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SET_BAUD);
    if (err == MSDK_OK) {
        m->new_baud = baud;
        request(m, REQ_SND, addr, ci, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_app_reset(msdk_mbus_master_t *m, uint8_t addr)
{
    msdk_err_t err = begin(m, PROC_SINGLE);
    if (err == MSDK_OK) {
        request(m, REQ_SND, addr, MSDK_MBUS_CI_APP_RESET, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_select(msdk_mbus_master_t *m, const msdk_mbus_secondary_t *sel)
{
    if (sel == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SELECT);
    if (err == MSDK_OK) {
        uint8_t data[8];
        encode_selection(sel, data);
        request(m, REQ_SELECT, MSDK_MBUS_ADDR_NETWORK, MSDK_MBUS_CI_SELECT, data, sizeof(data));
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_scan_primary(msdk_mbus_master_t *m,
                                               msdk_mbus_scan_method_t method, uint8_t first,
                                               uint8_t last)
{
    if (((method != MSDK_MBUS_SCAN_SND_NKE) && (method != MSDK_MBUS_SCAN_REQ_UD2)) ||
        (first > last) || (last > MSDK_MBUS_ADDR_PRIMARY_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SCAN_PRI);
    if (err == MSDK_OK) {
        m->step = (uint8_t)method;
        m->scan_addr = first;
        m->scan_last = last;
        memset(m->found, 0, sizeof(m->found));
        memset(m->collided, 0, sizeof(m->collided));
        request(m, (method == MSDK_MBUS_SCAN_REQ_UD2) ? REQ_UD2 : REQ_NKE, first, 0u, NULL, 0u);
    }
    return err;
}

msdk_err_t msdk_mbus_master_start_scan_secondary(msdk_mbus_master_t *m, msdk_mbus_secondary_t *ids,
                                                 size_t cap)
{
    if ((ids == NULL) && (cap > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = begin(m, PROC_SCAN_SEC);
    if (err == MSDK_OK) {
        m->ids = ids;
        m->ids_cap = cap;
        m->ids_count = 0u;
        m->unresolved = 0u;
        m->probes = 0u;
        m->overflow = false;
        m->level = 0u;
        scan_probe(m);
    }
    return err;
}

/* ---- Receiving ---------------------------------------------------------------------------- */

static void drain(msdk_mbus_master_t *m, uint32_t now, uint8_t outcome)
{
    m->drain_outcome = outcome;
    m->state = MSDK_MBUS_MST_DRAIN;
    m->deadline = now + m->idle_ms;
}

static uint8_t evaluate(msdk_mbus_master_t *m, const msdk_mbus_frame_t *f)
{
    if (!m->expect_long) {
        return (f->type == MSDK_MBUS_FRAME_ACK) ? OUT_OK : OUT_BAD;
    }
    if ((f->type != MSDK_MBUS_FRAME_LONG) || ((f->c & SLAVE_C_MASK) != MSDK_MBUS_C_RSP_UD) ||
        ((m->addr <= MSDK_MBUS_ADDR_PRIMARY_MAX) && (f->a != m->addr))) {
        return OUT_BAD;
    }
    m->reply.c = f->c;
    m->reply.a = f->a;
    m->reply.ci = f->ci;
    m->reply.len = (uint8_t)f->data_len;
    memcpy(m->reply.data, f->data, f->data_len);
    m->has_reply = true;
    return OUT_OK;
}

msdk_err_t msdk_mbus_master_feed(msdk_mbus_master_t *m, uint32_t now_ms, const uint8_t *data,
                                 size_t n)
{
    if ((m == NULL) || ((data == NULL) && (n > 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (n == 0u) {
        return MSDK_OK;
    }
    m->quiet_from = now_ms + m->gap_ms;
    m->has_quiet = true;
    size_t pos = 0u;
    while ((pos < n) &&
           ((m->state == MSDK_MBUS_MST_WAIT_REPLY) || (m->state == MSDK_MBUS_MST_RECEIVING))) {
        size_t used = 0u;
        msdk_mbus_frame_t f;
        msdk_err_t err = msdk_mbus_rx_feed(&m->rx, &data[pos], n - pos, &used, &f);
        pos += used;
        if (err == MSDK_OK) {
            uint8_t outcome = evaluate(m, &f);
            if (m->rx.skipped != m->skipped_at_start) {
                outcome = OUT_GARBLED; /* bytes that could not start a frame came first */
            }
            if (outcome == OUT_OK) {
                attempt_end(m, OUT_OK);
            } else {
                drain(m, now_ms, outcome);
            }
        } else if (err == MSDK_ERR_WOULD_BLOCK) {
            if (m->rx.skipped != m->skipped_at_start) {
                drain(m, now_ms, OUT_GARBLED);
            } else if (msdk_mbus_rx_is_busy(&m->rx)) {
                m->state = MSDK_MBUS_MST_RECEIVING;
                m->deadline = now_ms + m->idle_ms;
            }
        } else {
            drain(m, now_ms, (err == MSDK_ERR_CHECKSUM) ? OUT_BAD : OUT_GARBLED);
        }
    }
    if (m->state == MSDK_MBUS_MST_DRAIN) {
        m->deadline = now_ms + m->idle_ms; /* the line is still busy */
    }
    return MSDK_OK;
}

msdk_err_t msdk_mbus_master_line_error(msdk_mbus_master_t *m, uint32_t now_ms)
{
    if (m == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    m->quiet_from = now_ms + m->gap_ms;
    m->has_quiet = true;
    if ((m->state == MSDK_MBUS_MST_WAIT_REPLY) || (m->state == MSDK_MBUS_MST_RECEIVING)) {
        msdk_err_t e = msdk_mbus_rx_line_error(&m->rx); /* always breaks or skips */
        (void)e;
        drain(m, now_ms, OUT_GARBLED);
    } else if (m->state == MSDK_MBUS_MST_DRAIN) {
        m->drain_outcome = OUT_GARBLED;
        m->deadline = now_ms + m->idle_ms;
    }
    return MSDK_OK;
}

/* ---- Step machine ------------------------------------------------------------------------- */

static void on_timeout(msdk_mbus_master_t *m)
{
    switch (m->state) {
    case MSDK_MBUS_MST_WAIT_REPLY: attempt_end(m, OUT_NONE); break;
    case MSDK_MBUS_MST_RECEIVING: {
        msdk_err_t e = msdk_mbus_rx_end(&m->rx); /* a frame started and never finished */
        (void)e;
    }
        attempt_end(m, OUT_GARBLED);
        break;
    default: attempt_end(m, m->drain_outcome); break;
    }
}

static void out_frame(const msdk_mbus_master_t *m, msdk_mbus_master_out_t *out)
{
    if (!m->has_reply) {
        return;
    }
    out->has_frame = true;
    out->frame.type = MSDK_MBUS_FRAME_LONG;
    out->frame.c = m->reply.c;
    out->frame.a = m->reply.a;
    out->frame.ci = m->reply.ci;
    out->frame.data = (m->reply.len > 0u) ? m->reply.data : NULL;
    out->frame.data_len = m->reply.len;
}

msdk_err_t msdk_mbus_master_poll(msdk_mbus_master_t *m, uint32_t now_ms,
                                 msdk_mbus_master_out_t *out)
{
    if ((m == NULL) || (out == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(out, 0, sizeof(*out));
    /* Each pass either returns or moves to a state that returns on the next pass. */
    for (unsigned pass = 0u; pass < 4u; pass++) {
        switch (m->state) {
        case MSDK_MBUS_MST_SEND: {
            if (m->has_quiet && before(now_ms, m->quiet_from)) {
                out->action = MSDK_MBUS_MASTER_WAIT;
                out->wait_ms = m->quiet_from - now_ms;
                return MSDK_OK;
            }
            uint32_t tx_ms = 0u;
            if (msdk_mbus_frame_tx_time_ms(m->baud, m->tx_len, &tx_ms) != MSDK_OK) {
                tx_ms = 0u; /* cannot happen: the rate and the length were checked */
            }
            m->deadline = now_ms + tx_ms + m->window_ms;
            m->attempts++;
            msdk_mbus_rx_reset(&m->rx);
            m->skipped_at_start = m->rx.skipped;
            m->state = MSDK_MBUS_MST_WAIT_REPLY;
            out->action = MSDK_MBUS_MASTER_SEND;
            out->tx = m->tx;
            out->tx_len = m->tx_len;
            return MSDK_OK;
        }
        case MSDK_MBUS_MST_WAIT_REPLY:
        case MSDK_MBUS_MST_RECEIVING:
        case MSDK_MBUS_MST_DRAIN:
            if (before(now_ms, m->deadline)) {
                out->action = MSDK_MBUS_MASTER_WAIT;
                out->wait_ms = m->deadline - now_ms;
                return MSDK_OK;
            }
            on_timeout(m);
            break;
        case MSDK_MBUS_MST_TELEGRAM:
            out->action = MSDK_MBUS_MASTER_TELEGRAM;
            out_frame(m, out);
            m->prev = m->reply;
            m->telegrams++;
            if (more_follows(&m->reply) && (m->telegrams < m->max_telegrams)) {
                request(m, REQ_UD2, m->addr, 0u, NULL, 0u);
            } else {
                finish(m, MSDK_MBUS_RESULT_OK);
            }
            return MSDK_OK;
        case MSDK_MBUS_MST_DONE:
            out->action = MSDK_MBUS_MASTER_DONE;
            out->result = m->result;
            out_frame(m, out);
            m->state = MSDK_MBUS_MST_IDLE;
            m->proc = PROC_NONE;
            return MSDK_OK;
        case MSDK_MBUS_MST_IDLE:
        default: out->action = MSDK_MBUS_MASTER_IDLE; return MSDK_OK;
        }
    }
    out->action = MSDK_MBUS_MASTER_WAIT;
    out->wait_ms = 0u;
    return MSDK_OK;
}
