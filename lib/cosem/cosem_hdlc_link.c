/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * HDLC link state machines of IEC 62056-46: the server (secondary station of
 * a meter) and a client (primary station, for tools and tests).
 *
 * Both use a window of one frame: every command the client sends has P = 1
 * and the server answers each poll with exactly one frame with F = 1. The
 * outgoing frame is kept encoded in the caller's tx frame buffer until it
 * is taken; an I-frame to retransmit is encoded again from the caller's APDU
 * (same N(S), current N(R)), so no copy of sent data is kept.
 *
 * Sequence numbers are modulo 8. With one frame outstanding, a received N(R)
 * is valid when it equals V(S) (everything acknowledged) or V(S) - 1 (the
 * outstanding I-frame was not received and is sent again).
 */
#include <string.h>
#include "msdk/cosem/hdlc.h"

/* Largest information field a link accepts as its limit (2047 - 15 bytes of framing, rounded). */
#define LINK_MAX_INFO 2030u
/* Smallest limit: the Green Book's minimum for the maximum information field length. */
#define LINK_MIN_INFO 32u

#define SEQ(x) ((uint8_t)((x)&7u))

static size_t min_size(size_t a, size_t b)
{
    return (a < b) ? a : b;
}

static uint16_t min_u16(uint32_t a, uint32_t b)
{
    uint32_t m = (a < b) ? a : b;
    return (uint16_t)m;
}

static bool limits_ok(uint16_t max_tx, uint16_t max_rx, const uint8_t *rxb, size_t rxcap,
                      const uint8_t *txb, size_t txcap, const uint8_t *apdu, size_t apdu_cap)
{
    return rxb != NULL && txb != NULL && apdu != NULL && apdu_cap != 0u &&
           max_tx >= LINK_MIN_INFO && max_tx <= LINK_MAX_INFO && max_rx >= LINK_MIN_INFO &&
           max_rx <= LINK_MAX_INFO && txcap >= (size_t)max_tx + MSDK_COSEM_HDLC_FRAME_OVERHEAD &&
           rxcap >= (size_t)max_rx + MSDK_COSEM_HDLC_FRAME_OVERHEAD;
}

/* Encodes @p f into a link's tx buffer. */
static bool emit(uint8_t *buf, size_t cap, size_t *len, bool *pending, msdk_cosem_hdlc_stats_t *st,
                 const msdk_cosem_hdlc_frame_t *f)
{
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, buf, cap);
    if (msdk_cosem_hdlc_frame_encode(&wb, f) != MSDK_OK) {
        /* Cannot happen with validated limits; never send half a frame. */
        *pending = false;
        return false;
    }
    *len = wb.pos;
    *pending = true;
    st->tx_frames++;
    return true;
}

/* ---- Shared by both link ends -------------------------------------------------------------- */

/* The frame fields both ends fill alike; the caller sets the addresses. */
static void frame_init(msdk_cosem_hdlc_frame_t *f, msdk_cosem_hdlc_ftype_t type,
                       const uint8_t *info, size_t info_len, bool segmented, uint8_t ns, uint8_t nr)
{
    memset(f, 0, sizeof *f);
    f->type = type;
    f->ns = ns;
    f->nr = nr;
    f->pf = true;
    f->segmented = segmented;
    f->info = info;
    f->info_len = info_len;
}

/* The sending state of a link end: the server and client structs name these fields alike. */
typedef struct link_tx {
    const uint8_t **apdu;  /* tx_apdu */
    size_t *apdu_len;      /* tx_apdu_len */
    size_t *off;           /* tx_off */
    size_t *seg;           /* tx_seg */
    bool *outstanding;     /* tx_outstanding */
    uint8_t *vs;           /* V(S) */
    uint32_t *events;      /* pending events */
    uint32_t *retransmits; /* stats.retransmits */
} link_tx_t;

#define LINK_TX(l)                                                                                 \
    {                                                                                              \
        &(l)->tx_apdu, &(l)->tx_apdu_len, &(l)->tx_off, &(l)->tx_seg, &(l)->tx_outstanding,        \
            &(l)->vs, &(l)->events, &(l)->stats.retransmits                                        \
    }

/* Starts sending an APDU (NULL: forgets the one being sent). */
static void tx_start(const link_tx_t *t, const uint8_t *apdu, size_t len)
{
    *t->apdu = apdu;
    *t->apdu_len = len;
    *t->off = 0;
    *t->seg = 0;
    *t->outstanding = false;
}

/* Returns true when the outstanding I-frame is acknowledged by @p nr, and moves on. */
static bool tx_acked(const link_tx_t *t, uint8_t nr)
{
    if (!*t->outstanding || nr != *t->vs) {
        return false;
    }
    *t->outstanding = false;
    *t->off += *t->seg;
    *t->seg = 0;
    if (*t->off >= *t->apdu_len) {
        tx_start(t, NULL, 0);
        *t->events |= MSDK_COSEM_HDLC_EVT_TX_DONE;
    }
    return true;
}

/* The I-frame to send: the outstanding segment again, or the next one of at most @p max
 * bytes (then outstanding, and V(S) advanced). */
typedef struct link_seg {
    const uint8_t *info;
    size_t len;
    bool segmented;
    uint8_t ns;
} link_seg_t;

static link_seg_t tx_segment(const link_tx_t *t, bool again, size_t max)
{
    size_t left = *t->apdu_len - *t->off;
    link_seg_t g = { *t->apdu + *t->off, *t->seg, left > *t->seg, SEQ(*t->vs - 1u) };
    if (again) {
        (*t->retransmits)++;
        return g;
    }
    g.len = min_size(left, max);
    g.segmented = left > g.len;
    g.ns = *t->vs;
    *t->vs = SEQ(*t->vs + 1u);
    *t->seg = g.len;
    *t->outstanding = true;
    return g;
}

/* Appends a received I-frame's information field to the APDU being reassembled and advances
 * V(R); false (the APDU dropped, the overflow counted) when it does not fit. */
static bool rx_append(uint8_t *buf, size_t cap, size_t *len, uint8_t *vr,
                      msdk_cosem_hdlc_stats_t *st, uint32_t *events,
                      const msdk_cosem_hdlc_frame_t *f)
{
    if (f->info_len > cap - *len) {
        *len = 0;
        st->rx_overflows++;
        *events |= MSDK_COSEM_HDLC_EVT_RX_OVERFLOW;
        return false;
    }
    if (f->info_len != 0u) {
        memcpy(buf + *len, f->info, f->info_len);
        *len += f->info_len;
    }
    *vr = SEQ(*vr + 1u);
    return true;
}

/* Encodes the parameters of an SNRM or UA; 0 when they cannot be. */
static size_t params_info(uint8_t *info, size_t cap, uint16_t max_tx, uint16_t max_rx)
{
    msdk_cosem_hdlc_params_t p = { max_tx, max_rx, 1u, 1u };
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, info, cap);
    return (msdk_cosem_hdlc_params_encode(&wb, &p) == MSDK_OK) ? wb.pos : 0u;
}

/* Feeds bytes to a deframer and hands every complete frame to @p on_frame. */
static void feed(msdk_cosem_hdlc_deframer_t *d, const uint8_t *data, size_t n, uint32_t now_ms,
                 void (*on_frame)(void *link, const uint8_t *fr, size_t len, uint32_t now_ms),
                 void *link)
{
    while (n != 0u) {
        size_t used = 0;
        const uint8_t *fr = NULL;
        size_t flen = 0;
        msdk_err_t err = msdk_cosem_hdlc_deframer_feed(d, data, n, now_ms, &used, &fr, &flen);
        data += used;
        n -= used;
        if (err != MSDK_OK) {
            break;
        }
        on_frame(link, fr, flen, now_ms);
    }
}

/* Hands out a buffer the link filled (a frame to send, a received APDU) once it is ready. */
static msdk_err_t take_buf(bool *ready, bool consume, const uint8_t *buf, size_t len,
                           const uint8_t **out, size_t *out_len)
{
    if (out == NULL || out_len == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!*ready) {
        return MSDK_ERR_WOULD_BLOCK;
    }
    if (consume) {
        *ready = false;
    }
    *out = buf;
    *out_len = len;
    return MSDK_OK;
}

static uint32_t take_events(uint32_t *events)
{
    uint32_t e = *events;
    *events = 0;
    return e;
}

/* The limits of a server or client configuration (their fields have the same names). */
#define CFG_LIMITS_OK(cfg)                                                                         \
    limits_ok((cfg)->max_info_tx, (cfg)->max_info_rx, (cfg)->rx_frame_buf, (cfg)->rx_frame_cap,    \
              (cfg)->tx_frame_buf, (cfg)->tx_frame_cap, (cfg)->apdu_buf, (cfg)->apdu_cap)

/* ==== Server ================================================================================== */

/* Result of checking a received N(R) against the outstanding I-frame. */
enum ack_result {
    ACK_OK = 0,           /* consistent; nothing (more) outstanding */
    ACK_NOT_RECEIVED = 1, /* the outstanding I-frame must be sent again */
    ACK_INVALID = 2,      /* N(R) acknowledges a frame never sent */
};

static void srv_emit(msdk_cosem_hdlc_server_t *s, msdk_cosem_hdlc_ftype_t type, const uint8_t *info,
                     size_t info_len, bool segmented, uint8_t ns)
{
    msdk_cosem_hdlc_frame_t f;
    frame_init(&f, type, info, info_len, segmented, ns, s->vr);
    f.dst.upper = s->client;
    f.dst.size = 1u;
    f.src = s->own;
    s->owed = false; /* any response answers the client's poll */
    (void)emit(s->cfg.tx_frame_buf, s->cfg.tx_frame_cap, &s->tx_len, &s->tx_pending, &s->stats, &f);
}

static void srv_frmr(msdk_cosem_hdlc_server_t *s, uint8_t rejected_ctrl, uint8_t reason)
{
    uint8_t info[3];
    info[0] = rejected_ctrl;
    info[1] =
        (uint8_t)((s->vs << 1) | (s->vr << 5)); /* C/R = 0: the rejected frame was a command */
    info[2] = reason;
    s->stats.frmr_sent++;
    srv_emit(s, MSDK_COSEM_HDLC_FRMR, info, sizeof info, false, 0);
}

/* Drops all data state; used on SNRM, DISC and timeout. */
static void srv_reset_data(msdk_cosem_hdlc_server_t *s)
{
    if (s->tx_apdu != NULL && s->tx_off + s->tx_seg < s->tx_apdu_len) {
        /* Segments were never sent. A final segment still unacknowledged is normal before
         * DISC (the client does not acknowledge the last response), so it is not reported. */
        s->events |= MSDK_COSEM_HDLC_EVT_REJECTED;
    }
    s->vs = 0;
    s->vr = 0;
    s->owed = false;
    s->apdu_ready = false;
    s->apdu_len = 0;
    const link_tx_t t = LINK_TX(s);
    tx_start(&t, NULL, 0);
}

static void srv_to_ndm(msdk_cosem_hdlc_server_t *s, uint32_t extra_events)
{
    if (s->state == MSDK_COSEM_HDLC_NRM) {
        s->events |= MSDK_COSEM_HDLC_EVT_DISCONNECTED | extra_events;
    }
    srv_reset_data(s);
    s->state = MSDK_COSEM_HDLC_NDM;
}

/* Sends the current segment of the response: a new one, or the outstanding one again. */
static void srv_send_segment(msdk_cosem_hdlc_server_t *s, bool again)
{
    const link_tx_t t = LINK_TX(s);
    link_seg_t g = tx_segment(&t, again, s->max_tx);
    srv_emit(s, MSDK_COSEM_HDLC_I, g.info, g.len, g.segmented, g.ns);
}

static enum ack_result srv_ack(msdk_cosem_hdlc_server_t *s, uint8_t nr)
{
    const link_tx_t t = LINK_TX(s);
    if (s->tx_outstanding) {
        if (tx_acked(&t, nr)) {
            return ACK_OK;
        }
        return (nr == SEQ(s->vs - 1u)) ? ACK_NOT_RECEIVED : ACK_INVALID;
    }
    return (nr == s->vs) ? ACK_OK : ACK_INVALID;
}

/* Answers a poll when no I-frame is due: the next segment if one waits, else RR. */
static void srv_answer_poll(msdk_cosem_hdlc_server_t *s)
{
    if (s->tx_apdu != NULL && !s->tx_outstanding) {
        srv_send_segment(s, false);
    } else {
        s->owed = false;
        srv_emit(s, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0);
    }
}

static void srv_on_i(msdk_cosem_hdlc_server_t *s, const msdk_cosem_hdlc_frame_t *f)
{
    enum ack_result ack = srv_ack(s, f->nr);
    if (ack == ACK_INVALID) {
        srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_Z);
        return;
    }
    if (f->ns != s->vr) {
        /* Out of sequence (a repetition or a lost frame): not accepted. */
        if (f->pf) {
            srv_emit(s, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0);
        }
        return;
    }
    if (s->apdu_ready) {
        if (f->pf) {
            srv_emit(s, MSDK_COSEM_HDLC_RNR, NULL, 0, false, 0);
        }
        return;
    }
    if (f->info_len > s->max_rx) {
        srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_Y);
        return;
    }
    if (!rx_append(s->cfg.apdu_buf, s->cfg.apdu_cap, &s->apdu_len, &s->vr, &s->stats, &s->events,
                   f)) {
        /* Reassembly overflow: the APDU is lost, the link stays up. */
        srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_Y);
        return;
    }
    if (s->tx_apdu != NULL) {
        /* A new request ends a response the client no longer wants. */
        const link_tx_t t = LINK_TX(s);
        s->events |= MSDK_COSEM_HDLC_EVT_REJECTED;
        tx_start(&t, NULL, 0);
    }
    if (f->segmented || s->apdu_len == 0u) {
        if (f->pf) {
            srv_emit(s, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0);
        }
        return;
    }
    s->apdu_ready = true;
    s->owed = f->pf;
    s->events |= MSDK_COSEM_HDLC_EVT_APDU;
}

static void srv_on_snrm(msdk_cosem_hdlc_server_t *s, const msdk_cosem_hdlc_frame_t *f,
                        uint32_t now_ms)
{
    msdk_cosem_hdlc_params_t p;
    if (msdk_cosem_hdlc_params_decode(f->info, f->info_len, &p) != MSDK_OK) {
        srv_to_ndm(s, 0);
        srv_emit(s, MSDK_COSEM_HDLC_DM, NULL, 0, false, 0);
        return;
    }
    if (s->state == MSDK_COSEM_HDLC_NRM) {
        s->events |= MSDK_COSEM_HDLC_EVT_DISCONNECTED;
    }
    srv_reset_data(s);
    /* The client's transmit limit is our receive limit and vice versa. */
    s->max_tx = min_u16(s->cfg.max_info_tx, p.max_info_rx);
    s->max_rx = min_u16(s->cfg.max_info_rx, p.max_info_tx);
    s->state = MSDK_COSEM_HDLC_NRM;
    s->last_ms = now_ms;
    s->events |= MSDK_COSEM_HDLC_EVT_CONNECTED;
    uint8_t info[32];
    size_t n = params_info(info, sizeof info, s->max_tx, s->max_rx);
    if (n != 0u) {
        srv_emit(s, MSDK_COSEM_HDLC_UA, info, n, false, 0);
    }
}

/* Address filter. Returns true when @p f is addressed to this server; sets *broadcast. */
static bool srv_addressed(const msdk_cosem_hdlc_server_t *s, const msdk_cosem_hdlc_frame_t *f,
                          bool *broadcast)
{
    const msdk_cosem_hdlc_addr_t *a = &f->dst;
    uint16_t all = (a->size == 4u) ? MSDK_COSEM_HDLC_ALL_STATION_14 : MSDK_COSEM_HDLC_ALL_STATION_7;
    bool upper_all = a->upper == all;
    bool lower_all = a->size != 1u && a->lower == all;
    bool upper_ok = upper_all ||
                    (a->upper != 0u &&
                     (s->cfg.logical == MSDK_COSEM_HDLC_LOGICAL_ANY || a->upper == s->cfg.logical));
    bool lower_ok =
        (a->size == 1u) ? s->cfg.accept_short_addr : (lower_all || a->lower == s->cfg.physical);
    *broadcast = upper_all || lower_all;
    if (!upper_ok || !lower_ok) {
        return false;
    }
    /* The client address is one byte, neither no-station (0) nor all-station. */
    if (f->src.size != 1u || f->src.upper == 0u || f->src.upper == MSDK_COSEM_HDLC_ALL_STATION_7) {
        return false;
    }
    if (s->state == MSDK_COSEM_HDLC_NRM && !*broadcast) {
        /* Bound to the client and the address form of the SNRM. */
        return f->src.upper == s->client && a->size == s->own.size && a->upper == s->own.upper &&
               a->lower == s->own.lower;
    }
    return true;
}

static void srv_on_ui(msdk_cosem_hdlc_server_t *s, const msdk_cosem_hdlc_frame_t *f)
{
    /* Not while a response is sent: it may live in the APDU buffer. */
    if (!s->apdu_ready && s->apdu_len == 0u && s->tx_apdu == NULL && f->info_len != 0u &&
        f->info_len <= s->cfg.apdu_cap && f->info_len <= s->cfg.max_info_rx) {
        memcpy(s->cfg.apdu_buf, f->info, f->info_len);
        s->apdu_len = f->info_len;
        s->apdu_ready = true;
        s->owed = false;
        s->events |= MSDK_COSEM_HDLC_EVT_APDU;
    }
}

static void srv_check_timeout(msdk_cosem_hdlc_server_t *s, uint32_t now_ms)
{
    if (s->state == MSDK_COSEM_HDLC_NRM && s->cfg.inactivity_ms != 0u &&
        (uint32_t)(now_ms - s->last_ms) > s->cfg.inactivity_ms) {
        srv_to_ndm(s, MSDK_COSEM_HDLC_EVT_TIMEOUT);
    }
}

static void srv_dispatch(msdk_cosem_hdlc_server_t *s, const msdk_cosem_hdlc_frame_t *f,
                         uint32_t now_ms)
{
    if (f->type == MSDK_COSEM_HDLC_SNRM) {
        srv_on_snrm(s, f, now_ms);
        return;
    }
    if (f->type == MSDK_COSEM_HDLC_UI) {
        srv_on_ui(s, f);
        return;
    }
    if (s->state != MSDK_COSEM_HDLC_NRM) {
        /* NDM: every other command is answered with DM. */
        if (f->pf) {
            srv_emit(s, MSDK_COSEM_HDLC_DM, NULL, 0, false, 0);
        }
        return;
    }
    s->last_ms = now_ms;
    switch (f->type) {
    case MSDK_COSEM_HDLC_I: srv_on_i(s, f); return;
    case MSDK_COSEM_HDLC_DISC:
        if (f->info_len != 0u) {
            break;
        }
        srv_to_ndm(s, 0);
        srv_emit(s, MSDK_COSEM_HDLC_UA, NULL, 0, false, 0);
        return;
    case MSDK_COSEM_HDLC_RR:
    case MSDK_COSEM_HDLC_RNR: {
        if (f->info_len != 0u) {
            break;
        }
        enum ack_result ack = srv_ack(s, f->nr);
        if (ack == ACK_INVALID) {
            srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_Z);
        } else if (!f->pf) {
            /* not polled: no answer */
        } else if (ack == ACK_NOT_RECEIVED) {
            srv_send_segment(s, true);
        } else if (f->type == MSDK_COSEM_HDLC_RNR) {
            srv_emit(s, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0);
        } else {
            srv_answer_poll(s);
        }
        return;
    }
    default:
        /* UA, DM, FRMR are responses, not commands; UNKNOWN is undefined. */
        srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_W);
        return;
    }
    srv_frmr(s, f->control, MSDK_COSEM_HDLC_FRMR_W | MSDK_COSEM_HDLC_FRMR_X);
}

msdk_err_t msdk_cosem_hdlc_server_init(msdk_cosem_hdlc_server_t *s,
                                       const msdk_cosem_hdlc_server_config_t *cfg)
{
    if (s == NULL || cfg == NULL || !CFG_LIMITS_OK(cfg) || cfg->physical > 0x3FFDu ||
        cfg->logical > 0x3FFDu) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_hdlc_server_t tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.cfg = *cfg;
    if (msdk_cosem_hdlc_deframer_init(&tmp.deframer, cfg->rx_frame_buf, cfg->rx_frame_cap,
                                      cfg->interchar_ms) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    tmp.state = MSDK_COSEM_HDLC_NDM;
    tmp.max_tx = MSDK_COSEM_HDLC_DEFAULT_MAX_INFO;
    tmp.max_rx = MSDK_COSEM_HDLC_DEFAULT_MAX_INFO;
    *s = tmp;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_server_rx_frame(msdk_cosem_hdlc_server_t *s, const uint8_t *frame,
                                           size_t len, uint32_t now_ms)
{
    if (s == NULL || frame == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    srv_check_timeout(s, now_ms);
    msdk_cosem_hdlc_frame_t f;
    msdk_err_t err = msdk_cosem_hdlc_frame_decode(frame, len, &f);
    if (err != MSDK_OK) {
        s->stats.rx_bad++;
        return err;
    }
    bool broadcast = false;
    if (!srv_addressed(s, &f, &broadcast)) {
        s->stats.rx_ignored++;
        return MSDK_ERR_NOT_FOUND;
    }
    s->stats.rx_frames++;
    if (broadcast) {
        /* Broadcasts are never answered (several stations hear them). */
        if (f.type == MSDK_COSEM_HDLC_UI) {
            srv_on_ui(s, &f);
        }
        return MSDK_OK;
    }
    if (s->state != MSDK_COSEM_HDLC_NRM) {
        /* Answers in NDM go back to whoever asked, in the form they used. */
        s->client = f.src.upper;
        s->own = f.dst;
    }
    srv_dispatch(s, &f, now_ms);
    return MSDK_OK;
}

static void srv_on_frame(void *link, const uint8_t *fr, size_t len, uint32_t now_ms)
{
    /* Dropped frames are counted in the stats; the stream goes on. */
    msdk_err_t err = msdk_cosem_hdlc_server_rx_frame(link, fr, len, now_ms);
    MSDK_UNUSED_PARAM(err);
}

msdk_err_t msdk_cosem_hdlc_server_rx(msdk_cosem_hdlc_server_t *s, const uint8_t *data, size_t n,
                                     uint32_t now_ms)
{
    if (s == NULL || (data == NULL && n != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    feed(&s->deframer, data, n, now_ms, srv_on_frame, s);
    return MSDK_OK;
}

void msdk_cosem_hdlc_server_poll(msdk_cosem_hdlc_server_t *s, uint32_t now_ms)
{
    if (s != NULL) {
        srv_check_timeout(s, now_ms);
    }
}

msdk_err_t msdk_cosem_hdlc_server_take_apdu(msdk_cosem_hdlc_server_t *s, const uint8_t **apdu,
                                            size_t *len)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return take_buf(&s->apdu_ready, false, s->cfg.apdu_buf, s->apdu_len, apdu, len);
}

void msdk_cosem_hdlc_server_release_apdu(msdk_cosem_hdlc_server_t *s)
{
    if (s == NULL || !s->apdu_ready) {
        return;
    }
    s->apdu_ready = false;
    s->apdu_len = 0;
    if (s->owed && s->state == MSDK_COSEM_HDLC_NRM) {
        srv_answer_poll(s);
    }
    s->owed = false;
}

msdk_err_t msdk_cosem_hdlc_server_send_apdu(msdk_cosem_hdlc_server_t *s, const uint8_t *apdu,
                                            size_t len)
{
    if (s == NULL || apdu == NULL || len == 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (s->state != MSDK_COSEM_HDLC_NRM) {
        return MSDK_ERR_STATE;
    }
    if (s->tx_apdu != NULL) {
        return MSDK_ERR_BUSY;
    }
    const link_tx_t t = LINK_TX(s);
    s->apdu_ready = false;
    s->apdu_len = 0;
    tx_start(&t, apdu, len);
    if (s->owed) {
        s->owed = false;
        srv_send_segment(s, false);
    }
    return MSDK_OK;
}

bool msdk_cosem_hdlc_server_tx_busy(const msdk_cosem_hdlc_server_t *s)
{
    return s != NULL && s->tx_apdu != NULL;
}

msdk_err_t msdk_cosem_hdlc_server_take_tx(msdk_cosem_hdlc_server_t *s, const uint8_t **frame,
                                          size_t *len)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return take_buf(&s->tx_pending, true, s->cfg.tx_frame_buf, s->tx_len, frame, len);
}

uint32_t msdk_cosem_hdlc_server_take_events(msdk_cosem_hdlc_server_t *s)
{
    return (s == NULL) ? 0u : take_events(&s->events);
}

msdk_cosem_hdlc_state_t msdk_cosem_hdlc_server_state(const msdk_cosem_hdlc_server_t *s)
{
    return (s != NULL && s->state == MSDK_COSEM_HDLC_NRM) ? MSDK_COSEM_HDLC_NRM
                                                          : MSDK_COSEM_HDLC_NDM;
}

msdk_err_t msdk_cosem_hdlc_server_peer(const msdk_cosem_hdlc_server_t *s, uint16_t *client,
                                       uint16_t *logical)
{
    if (s == NULL || client == NULL || logical == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (s->state != MSDK_COSEM_HDLC_NRM) {
        return MSDK_ERR_STATE;
    }
    *client = s->client;
    *logical = s->own.upper;
    return MSDK_OK;
}

/* ==== Client ================================================================================== */

static void cli_emit(msdk_cosem_hdlc_client_t *c, msdk_cosem_hdlc_ftype_t type, const uint8_t *info,
                     size_t info_len, bool segmented, uint8_t ns, uint32_t now_ms)
{
    msdk_cosem_hdlc_frame_t f;
    frame_init(&f, type, info, info_len, segmented, ns, c->vr);
    f.dst = c->cfg.server;
    f.src.upper = c->cfg.client;
    f.src.size = 1u;
    (void)emit(c->cfg.tx_frame_buf, c->cfg.tx_frame_cap, &c->tx_len, &c->tx_pending, &c->stats, &f);
    c->waiting = true;
    c->last_ms = now_ms;
}

static void cli_reset_data(msdk_cosem_hdlc_client_t *c)
{
    c->vs = 0;
    c->vr = 0;
    c->retries = 0;
    c->waiting = false;
    c->want_response = false;
    c->apdu_ready = false;
    c->apdu_len = 0;
    const link_tx_t t = LINK_TX(c);
    tx_start(&t, NULL, 0);
}

static void cli_to_ndm(msdk_cosem_hdlc_client_t *c, uint32_t extra_events)
{
    if (c->state != MSDK_COSEM_HDLC_NDM) {
        c->events |= MSDK_COSEM_HDLC_EVT_DISCONNECTED | extra_events;
    }
    cli_reset_data(c);
    c->state = MSDK_COSEM_HDLC_NDM;
}

static void cli_send_snrm(msdk_cosem_hdlc_client_t *c, uint32_t now_ms)
{
    uint8_t info[32];
    size_t n = params_info(info, sizeof info, c->cfg.max_info_tx, c->cfg.max_info_rx);
    if (n != 0u) {
        cli_emit(c, MSDK_COSEM_HDLC_SNRM, info, n, false, 0, now_ms);
    }
}

static void cli_send_segment(msdk_cosem_hdlc_client_t *c, bool again, uint32_t now_ms)
{
    const link_tx_t t = LINK_TX(c);
    link_seg_t g = tx_segment(&t, again, c->params.max_info_tx);
    cli_emit(c, MSDK_COSEM_HDLC_I, g.info, g.len, g.segmented, g.ns, now_ms);
}

/* Returns true when the outstanding I-frame was acknowledged by @p nr. */
static bool cli_ack(msdk_cosem_hdlc_client_t *c, uint8_t nr)
{
    const link_tx_t t = LINK_TX(c);
    return tx_acked(&t, nr);
}

static void cli_on_i(msdk_cosem_hdlc_client_t *c, const msdk_cosem_hdlc_frame_t *f, uint32_t now_ms)
{
    (void)cli_ack(c, f->nr);
    if (c->tx_apdu != NULL || !c->want_response) {
        /* The server answers before the request is complete: not expected. */
        return;
    }
    if (f->ns != c->vr) {
        cli_emit(c, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0, now_ms);
        return;
    }
    if (!rx_append(c->cfg.apdu_buf, c->cfg.apdu_cap, &c->apdu_len, &c->vr, &c->stats, &c->events,
                   f)) {
        c->want_response = false;
        return;
    }
    if (f->segmented) {
        cli_emit(c, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0, now_ms);
        return;
    }
    c->want_response = false;
    c->apdu_ready = true;
    c->events |= MSDK_COSEM_HDLC_EVT_APDU;
}

static void cli_dispatch(msdk_cosem_hdlc_client_t *c, const msdk_cosem_hdlc_frame_t *f,
                         uint32_t now_ms)
{
    c->waiting = false;
    c->retries = 0;
    switch (c->state) {
    case MSDK_COSEM_HDLC_CONNECTING:
        if (f->type == MSDK_COSEM_HDLC_UA) {
            msdk_cosem_hdlc_params_t p;
            if (msdk_cosem_hdlc_params_decode(f->info, f->info_len, &p) != MSDK_OK) {
                cli_to_ndm(c, MSDK_COSEM_HDLC_EVT_REJECTED);
                return;
            }
            /* The server's transmit limit is our receive limit and vice versa. */
            c->params.max_info_tx = min_u16(c->cfg.max_info_tx, p.max_info_rx);
            c->params.max_info_rx = min_u16(c->cfg.max_info_rx, p.max_info_tx);
            c->params.window_tx = 1u;
            c->params.window_rx = 1u;
            c->state = MSDK_COSEM_HDLC_NRM;
            c->events |= MSDK_COSEM_HDLC_EVT_CONNECTED;
        } else if (f->type == MSDK_COSEM_HDLC_DM || f->type == MSDK_COSEM_HDLC_FRMR) {
            c->state = MSDK_COSEM_HDLC_NDM;
            cli_reset_data(c);
            c->events |= MSDK_COSEM_HDLC_EVT_REJECTED;
        }
        return;
    case MSDK_COSEM_HDLC_DISCONNECTING:
        if (f->type == MSDK_COSEM_HDLC_UA || f->type == MSDK_COSEM_HDLC_DM) {
            cli_to_ndm(c, 0);
        }
        return;
    case MSDK_COSEM_HDLC_NRM: break;
    default: return;
    }
    switch (f->type) {
    case MSDK_COSEM_HDLC_I: cli_on_i(c, f, now_ms); return;
    case MSDK_COSEM_HDLC_RR:
    case MSDK_COSEM_HDLC_RNR:
        if (cli_ack(c, f->nr)) {
            if (c->tx_apdu != NULL && f->type == MSDK_COSEM_HDLC_RR) {
                cli_send_segment(c, false, now_ms);
            }
        } else if (c->tx_outstanding && f->nr == SEQ(c->vs - 1u) && f->type == MSDK_COSEM_HDLC_RR) {
            cli_send_segment(c, true, now_ms);
        }
        /* Otherwise the response is not ready yet: poll again later. */
        return;
    case MSDK_COSEM_HDLC_DM:
    case MSDK_COSEM_HDLC_FRMR: cli_to_ndm(c, MSDK_COSEM_HDLC_EVT_REJECTED); return;
    default: return;
    }
}

msdk_err_t msdk_cosem_hdlc_client_init(msdk_cosem_hdlc_client_t *c,
                                       const msdk_cosem_hdlc_client_config_t *cfg)
{
    if (c == NULL || cfg == NULL || !CFG_LIMITS_OK(cfg) || cfg->client == 0u ||
        cfg->client >= MSDK_COSEM_HDLC_ALL_STATION_7) {
        return MSDK_ERR_INVALID_ARG;
    }
    const msdk_cosem_hdlc_addr_t *a = &cfg->server;
    bool addr_ok = (a->size == 1u && a->upper <= 0x7Fu) ||
                   (a->size == 2u && a->upper <= 0x7Fu && a->lower <= 0x7Fu) ||
                   (a->size == 4u && a->upper <= 0x3FFFu && a->lower <= 0x3FFFu);
    if (!addr_ok) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_cosem_hdlc_client_t tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.cfg = *cfg;
    if (a->size == 1u) {
        tmp.cfg.server.lower = 0;
    }
    if (msdk_cosem_hdlc_deframer_init(&tmp.deframer, cfg->rx_frame_buf, cfg->rx_frame_cap,
                                      cfg->interchar_ms) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    tmp.state = MSDK_COSEM_HDLC_NDM;
    tmp.params.max_info_tx = MSDK_COSEM_HDLC_DEFAULT_MAX_INFO;
    tmp.params.max_info_rx = MSDK_COSEM_HDLC_DEFAULT_MAX_INFO;
    tmp.params.window_tx = 1u;
    tmp.params.window_rx = 1u;
    *c = tmp;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_client_connect(msdk_cosem_hdlc_client_t *c, uint32_t now_ms)
{
    if (c == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    cli_reset_data(c);
    c->state = MSDK_COSEM_HDLC_CONNECTING;
    cli_send_snrm(c, now_ms);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_client_disconnect(msdk_cosem_hdlc_client_t *c, uint32_t now_ms)
{
    if (c == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    cli_reset_data(c);
    c->state = MSDK_COSEM_HDLC_DISCONNECTING;
    cli_emit(c, MSDK_COSEM_HDLC_DISC, NULL, 0, false, 0, now_ms);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_hdlc_client_send_apdu(msdk_cosem_hdlc_client_t *c, const uint8_t *apdu,
                                            size_t len, uint32_t now_ms)
{
    if (c == NULL || apdu == NULL || len == 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->state != MSDK_COSEM_HDLC_NRM) {
        return MSDK_ERR_STATE;
    }
    if (c->tx_apdu != NULL || c->want_response) {
        return MSDK_ERR_BUSY;
    }
    const link_tx_t t = LINK_TX(c);
    c->apdu_ready = false;
    c->apdu_len = 0;
    tx_start(&t, apdu, len);
    c->want_response = true;
    c->retries = 0;
    cli_send_segment(c, false, now_ms);
    return MSDK_OK;
}

static void cli_on_frame(void *link, const uint8_t *fr, size_t len, uint32_t now_ms)
{
    msdk_cosem_hdlc_client_t *c = link;
    msdk_cosem_hdlc_frame_t f;
    if (msdk_cosem_hdlc_frame_decode(fr, len, &f) != MSDK_OK) {
        c->stats.rx_bad++;
        return;
    }
    const msdk_cosem_hdlc_addr_t *srv = &c->cfg.server;
    if (f.dst.size != 1u || f.dst.upper != c->cfg.client || f.src.size != srv->size ||
        f.src.upper != srv->upper || f.src.lower != srv->lower) {
        c->stats.rx_ignored++;
        return;
    }
    c->stats.rx_frames++;
    cli_dispatch(c, &f, now_ms);
}

msdk_err_t msdk_cosem_hdlc_client_rx(msdk_cosem_hdlc_client_t *c, const uint8_t *data, size_t n,
                                     uint32_t now_ms)
{
    if (c == NULL || (data == NULL && n != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    feed(&c->deframer, data, n, now_ms, cli_on_frame, c);
    return MSDK_OK;
}

void msdk_cosem_hdlc_client_poll(msdk_cosem_hdlc_client_t *c, uint32_t now_ms)
{
    if (c == NULL || c->cfg.response_ms == 0u) {
        return;
    }
    bool polling = c->state == MSDK_COSEM_HDLC_NRM && c->want_response;
    if (!c->waiting && !polling) {
        return;
    }
    if ((uint32_t)(now_ms - c->last_ms) < c->cfg.response_ms) {
        return;
    }
    if (c->retries >= c->cfg.max_retries) {
        if (c->state == MSDK_COSEM_HDLC_NRM) {
            cli_to_ndm(c, MSDK_COSEM_HDLC_EVT_TIMEOUT);
        } else {
            cli_reset_data(c);
            c->state = MSDK_COSEM_HDLC_NDM;
            c->events |= MSDK_COSEM_HDLC_EVT_TIMEOUT;
        }
        return;
    }
    c->retries++;
    switch (c->state) {
    case MSDK_COSEM_HDLC_CONNECTING: cli_send_snrm(c, now_ms); break;
    case MSDK_COSEM_HDLC_DISCONNECTING:
        cli_emit(c, MSDK_COSEM_HDLC_DISC, NULL, 0, false, 0, now_ms);
        break;
    default:
        /* Ask for the server's N(R); a stale one makes us send the I-frame again. */
        cli_emit(c, MSDK_COSEM_HDLC_RR, NULL, 0, false, 0, now_ms);
        break;
    }
}

msdk_err_t msdk_cosem_hdlc_client_take_apdu(msdk_cosem_hdlc_client_t *c, const uint8_t **apdu,
                                            size_t *len)
{
    if (c == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return take_buf(&c->apdu_ready, true, c->cfg.apdu_buf, c->apdu_len, apdu, len);
}

msdk_err_t msdk_cosem_hdlc_client_take_tx(msdk_cosem_hdlc_client_t *c, const uint8_t **frame,
                                          size_t *len)
{
    if (c == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    return take_buf(&c->tx_pending, true, c->cfg.tx_frame_buf, c->tx_len, frame, len);
}

uint32_t msdk_cosem_hdlc_client_take_events(msdk_cosem_hdlc_client_t *c)
{
    return (c == NULL) ? 0u : take_events(&c->events);
}

msdk_cosem_hdlc_state_t msdk_cosem_hdlc_client_state(const msdk_cosem_hdlc_client_t *c)
{
    return (c != NULL) ? (msdk_cosem_hdlc_state_t)c->state : MSDK_COSEM_HDLC_NDM;
}
