/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, master: the M-Bus master procedures driven through poll/feed on a simulated
 * bus with a simulated clock.
 *
 * The bus model (below) holds slave models that answer the master's frames as EN 13757-2
 * describes a slave: E5 to SND_NKE and SND_UD, RSP_UD to REQ_UD2, a new telegram only when
 * the FCB toggled (else the last one again), FCB state cleared by SND_NKE and by a
 * selection, selection by ID digits with nibble F / byte FF wildcards. Several slaves
 * answering at once are combined as on the wire: the bus is a wired AND of the 11-bit
 * characters (start, 8 data, even parity, stop), so the data bits AND and the parity bits
 * AND; a character whose parity no longer matches is delivered as a line (parity) error.
 * Bytes reach the master one character time (11 bits) apart.
 *
 * Independent expectations:
 * - The request bytes and C fields the master must send are written out by hand from the
 *   standard's codings (SND_NKE 40, REQ_UD2 5B/7B, SND_UD 53/73, FCB = bit 5, FCV = bit 4;
 *   CS = sum of C, A, CI and data modulo 256, worked in the comments).
 * - FCB rules (EN 13757-2, IEC 60870-5-2; the wording of meter manuals, e.g. ABB A43/A44:
 *   "toggle the bit after a successful reception of a reply ... if the expected reply is
 *   missing, or the reception of it is faulty, the master resends the same telegram with
 *   the same FCB ... on receipt of a SND_NKE the meter clears the FCB"; Gossen Metrawatt:
 *   SND_NKE, then REQ_UD2 with C = 7B, then 5B for the second telegram).
 * - Times from EN 13757-2: 11-bit characters, reply window 330 bit times + 50 ms after the
 *   end of the request. Worked by hand:
 *     2400 Bd: request of 5 bytes = 55 bits = 22.92 ms -> 23; window 137.5 -> 138 + 50 = 188;
 *              one attempt 211 ms, three attempts 633 ms.
 *     300 Bd:  5 bytes = 183.33 ms -> 184; window 1100 + 50 = 1150; one attempt 1334 ms,
 *              three attempts 4002 ms.
 *     9600 Bd: 5 bytes = 5.73 -> 6; window 34.375 -> 35 + 50 = 85; one attempt 91 ms.
 *     2400 Bd, selection (17 bytes = 187 bits = 77.92 -> 78 ms).
 * - The secondary scan must find IDs with hex digits (1A2B3C4D, 1A2B3C4E, 1234567A,
 *   ABCDEF01), which a walk over the digits 0..9 only cannot reach. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/mbus/frame.h"
#include "msdk/mbus/master.h"

Suite *mbus_master_suite(void);

/* ---- Simulated bus ------------------------------------------------------------------------- */

enum {
    TEL_NORMAL = 0, /* telegrams 0..ntel-1, the last ends without the 0x1F mark */
    TEL_REPEAT = 1, /* every telegram ends with 0x1F; after the last, the last again */
    TEL_ENDLESS = 2 /* always 0x1F, each new request gives a new access number */
};

typedef struct sim_slave {
    uint8_t addr;
    uint32_t id;
    uint16_t man;
    uint8_t ver;
    uint8_t med;
    uint32_t delay_ms; /* answer delay after the request; 0: 11 bit times */
    bool bad_checksum;
    bool cipher; /* mode 5, one encrypted block ending in 1F (ciphertext) */
    bool silent;
    uint8_t ntel;
    uint8_t mode;
    /* state */
    bool selected;
    bool last_fcb;
    bool sent_any;
    uint8_t cur;
    uint8_t access;
    unsigned requests;
} sim_slave_t;

typedef struct sim_ev {
    uint32_t t;     /* when the character is complete at the master */
    uint32_t start; /* when its reply started */
    uint8_t b;
    bool line_error;
} sim_ev_t;

#define SIM_EV_MAX   4096
#define SIM_SENT_MAX 4096
#define SIM_TEL_MAX  32

typedef struct sim {
    uint32_t now;
    uint32_t baud;
    sim_slave_t *s;
    size_t ns;
    sim_ev_t ev[SIM_EV_MAX];
    size_t head;
    size_t nev;
    size_t nsent;
    uint8_t sent_c[SIM_SENT_MAX];
    uint8_t sent_a[SIM_SENT_MAX];
    uint32_t sent_t[SIM_SENT_MAX];
    uint8_t last_tx[MSDK_MBUS_FRAME_MAX_LEN];
    size_t last_tx_len;
    size_t ntel;
    uint8_t tel[SIM_TEL_MAX][MSDK_MBUS_FRAME_DATA_MAX];
    size_t tel_len[SIM_TEL_MAX];
    uint32_t first_wait; /* wait_ms of the first WAIT after the first SEND */
    bool saw_first_wait;
} sim_t;

static uint32_t char_ms(uint32_t baud, uint32_t n)
{
    return (n * 11000u + baud - 1u) / baud;
}

static uint8_t parity(uint8_t b)
{
    uint8_t p = 0u;
    for (unsigned i = 0; i < 8u; i++) {
        p ^= (uint8_t)((b >> i) & 1u);
    }
    return p;
}

static bool selection_matches(const sim_slave_t *s, const uint8_t *d)
{
    uint32_t id =
        (uint32_t)d[0] | ((uint32_t)d[1] << 8) | ((uint32_t)d[2] << 16) | ((uint32_t)d[3] << 24);
    for (unsigned i = 0; i < 8u; i++) {
        uint32_t nib = (id >> (4u * i)) & 0xFu;
        if ((nib != 0xFu) && (nib != ((s->id >> (4u * i)) & 0xFu))) {
            return false;
        }
    }
    uint16_t man = (uint16_t)(d[4] | (d[5] << 8));
    return ((man == 0xFFFFu) || (man == s->man)) && ((d[6] == 0xFFu) || (d[6] == s->ver)) &&
           ((d[7] == 0xFFu) || (d[7] == s->med));
}

/* RSP_UD of the slave's current telegram: CI 72 header, one volume record (0C 13, 8 BCD
 * digits: (cur + 1) * 100 + access), then the end mark. */
static size_t slave_telegram(const sim_slave_t *s, uint8_t *o)
{
    uint8_t d[64];
    size_t n = 0;
    d[n++] = (uint8_t)s->id;
    d[n++] = (uint8_t)(s->id >> 8);
    d[n++] = (uint8_t)(s->id >> 16);
    d[n++] = (uint8_t)(s->id >> 24);
    d[n++] = (uint8_t)s->man;
    d[n++] = (uint8_t)(s->man >> 8);
    d[n++] = s->ver;
    d[n++] = s->med;
    d[n++] = s->access;
    d[n++] = 0x00; /* status */
    if (s->cipher) {
        /* configuration 0x0510: mode 5, one encrypted block; the block's last byte is 1F, as
         * a ciphertext's is once in 256 telegrams: it is no DIF */
        d[n++] = 0x10;
        d[n++] = 0x05;
        for (unsigned k = 0; k < 15u; k++) {
            d[n++] = (uint8_t)(0xA0u + k);
        }
        d[n++] = 0x1F;
        goto frame;
    }
    d[n++] = 0x00; /* configuration: no encryption */
    d[n++] = 0x00;
    d[n++] = 0x0C; /* DIF 8-digit BCD */
    d[n++] = 0x13; /* VIF volume, 1e-3 m3 */
    d[n++] = s->access;
    d[n++] = (uint8_t)(s->cur + 1u);
    d[n++] = 0x00;
    d[n++] = 0x00;
    bool last = (s->mode == TEL_NORMAL) && (s->cur + 1u >= s->ntel);
    if (last) {
        /* manufacturer data 01 00 1F after DIF 0F, as the end of a published Actaris
         * telegram: the last byte is 1F, yet no more records follow */
        d[n++] = 0x0F;
        d[n++] = 0x01;
        d[n++] = 0x00;
        d[n++] = 0x1F;
    } else {
        d[n++] = 0x1F;
    }
frame:;
    size_t l = n + 3u;
    o[0] = 0x68;
    o[1] = (uint8_t)l;
    o[2] = (uint8_t)l;
    o[3] = 0x68;
    o[4] = 0x08;
    o[5] = s->addr;
    o[6] = 0x72;
    memcpy(&o[7], d, n);
    uint8_t cs = 0;
    for (size_t i = 4; i < 7u + n; i++) {
        cs = (uint8_t)(cs + o[i]);
    }
    o[7 + n] = (uint8_t)(cs + (s->bad_checksum ? 1u : 0u));
    o[8 + n] = 0x16;
    return n + 9u;
}

static bool addressed(const sim_slave_t *s, uint8_t a)
{
    return (a == s->addr) || ((a == 253u) && s->selected) || (a == 254u);
}

/* The slave's answer to one master frame; 0 = silent. */
static size_t slave_rx(sim_slave_t *s, const msdk_mbus_frame_t *f, uint8_t *o)
{
    uint8_t fn = (uint8_t)(f->c & 0x0Fu);
    if (f->type == MSDK_MBUS_FRAME_SHORT && f->c == 0x40u) {
        if (!addressed(s, f->a)) {
            return 0;
        }
        s->last_fcb = false;
        s->sent_any = false;
        s->cur = 0;
        if (f->a == 253u) {
            s->selected = false;
        }
        s->requests++;
        if (s->silent) {
            return 0;
        }
        o[0] = 0xE5;
        return 1;
    }
    if (f->type == MSDK_MBUS_FRAME_SHORT && fn == 0x0Bu) {
        if (!addressed(s, f->a)) {
            return 0;
        }
        s->requests++;
        if (s->silent) {
            return 0;
        }
        bool fcb = (f->c & 0x20u) != 0u;
        bool fcv = (f->c & 0x10u) != 0u;
        if (!fcv || fcb != s->last_fcb || !s->sent_any) {
            if (!s->sent_any) {
                s->cur = 0;
            } else if (s->mode == TEL_ENDLESS) {
                s->access++;
            } else if (s->cur + 1u < s->ntel) {
                s->cur++;
            }
            s->sent_any = true;
            s->last_fcb = fcb;
        }
        return slave_telegram(s, o);
    }
    if ((f->type == MSDK_MBUS_FRAME_LONG || f->type == MSDK_MBUS_FRAME_CONTROL) && fn == 0x03u) {
        if (f->a == 253u && f->ci == 0x52u && f->data_len == 8u) {
            s->selected = selection_matches(s, f->data);
            if (!s->selected) {
                return 0;
            }
            s->last_fcb = false; /* a selection starts a new FCB sequence */
            s->sent_any = false;
            s->requests++;
            if (s->silent) {
                return 0;
            }
            o[0] = 0xE5;
            return 1;
        }
        if (!addressed(s, f->a)) {
            return 0;
        }
        s->requests++;
        s->last_fcb = (f->c & 0x20u) != 0u;
        if (s->silent) {
            return 0;
        }
        if (f->ci == 0x51u && f->data_len == 3u && f->data[0] == 0x01u && f->data[1] == 0x7Au) {
            s->addr = f->data[2];
        }
        o[0] = 0xE5;
        return 1;
    }
    return 0;
}

static void sim_init(sim_t *sim, uint32_t baud, sim_slave_t *s, size_t ns)
{
    memset(sim, 0, sizeof(*sim));
    sim->baud = baud;
    sim->s = s;
    sim->ns = ns;
    sim->now = 1000u; /* an arbitrary start */
}

/* A new bus (slaves, baud rate) for a master that keeps running: the clock goes on. */
static void sim_next(sim_t *sim, uint32_t baud, sim_slave_t *s, size_t ns)
{
    uint32_t t = sim->now + 1000u;
    sim_init(sim, baud, s, ns);
    sim->now = t;
}

/* The master transmits `tx` now. */
static void sim_send(sim_t *sim, const uint8_t *tx, size_t len)
{
    msdk_mbus_frame_t f;
    ck_assert_int_eq(msdk_mbus_frame_decode(tx, len, &f), MSDK_OK);
    if (sim->nsent < SIM_SENT_MAX) {
        sim->sent_c[sim->nsent] = f.c;
        sim->sent_a[sim->nsent] = f.a;
        sim->sent_t[sim->nsent] = sim->now;
    }
    sim->nsent++;
    memcpy(sim->last_tx, tx, len);
    sim->last_tx_len = len;
    /* replies that have not started yet are cut off by the new request */
    size_t keep = 0;
    for (size_t i = sim->head; i < sim->nev; i++) {
        if (sim->ev[i].start <= sim->now) {
            sim->ev[keep++] = sim->ev[i];
        }
    }
    sim->head = 0;
    sim->nev = keep;
    uint32_t end = sim->now + char_ms(sim->baud, (uint32_t)len);
    uint8_t rep[8][MSDK_MBUS_FRAME_MAX_LEN];
    size_t rlen[8];
    uint32_t delay = 0;
    size_t nrep = 0;
    for (size_t i = 0; i < sim->ns; i++) {
        size_t n = slave_rx(&sim->s[i], &f, rep[nrep]);
        if (n > 0 && nrep < 8u) {
            uint32_t d = sim->s[i].delay_ms ? sim->s[i].delay_ms : char_ms(sim->baud, 1);
            delay = (nrep == 0 || d < delay) ? d : delay;
            rlen[nrep++] = n;
        }
    }
    if (nrep == 0) {
        return;
    }
    size_t maxlen = 0;
    for (size_t r = 0; r < nrep; r++) {
        maxlen = rlen[r] > maxlen ? rlen[r] : maxlen;
    }
    uint32_t start = end + delay;
    for (size_t i = 0; i < maxlen; i++) {
        uint8_t data = 0xFF;
        uint8_t par = 1;
        for (size_t r = 0; r < nrep; r++) {
            if (i < rlen[r]) {
                data &= rep[r][i];
                par &= parity(rep[r][i]);
            }
        }
        ck_assert_uint_lt(sim->nev, SIM_EV_MAX);
        sim->ev[sim->nev].t = start + char_ms(sim->baud, (uint32_t)(i + 1u));
        sim->ev[sim->nev].start = start;
        sim->ev[sim->nev].b = data;
        sim->ev[sim->nev].line_error = parity(data) != par;
        sim->nev++;
    }
}

/* Drives the master until DONE; returns the result. */
static msdk_mbus_result_t sim_run(sim_t *sim, msdk_mbus_master_t *m, msdk_mbus_master_out_t *last)
{
    msdk_mbus_master_out_t out;
    for (unsigned step = 0; step < 2000000u; step++) {
        ck_assert_int_eq(msdk_mbus_master_poll(m, sim->now, &out), MSDK_OK);
        switch (out.action) {
        case MSDK_MBUS_MASTER_SEND: sim_send(sim, out.tx, out.tx_len); break;
        case MSDK_MBUS_MASTER_TELEGRAM:
            ck_assert(out.has_frame);
            ck_assert_uint_lt(sim->ntel, SIM_TEL_MAX);
            memcpy(sim->tel[sim->ntel], out.frame.data, out.frame.data_len);
            sim->tel_len[sim->ntel++] = out.frame.data_len;
            break;
        case MSDK_MBUS_MASTER_DONE:
            if (last != NULL) {
                *last = out;
            }
            return out.result;
        case MSDK_MBUS_MASTER_WAIT: {
            if (!sim->saw_first_wait && sim->nsent > 0) {
                sim->saw_first_wait = true;
                sim->first_wait = out.wait_ms;
            }
            uint32_t next = sim->now + out.wait_ms;
            if (sim->head < sim->nev && (int32_t)(sim->ev[sim->head].t - next) < 0) {
                next = sim->ev[sim->head].t;
            }
            sim->now = next;
            while (sim->head < sim->nev && (int32_t)(sim->ev[sim->head].t - sim->now) <= 0) {
                sim_ev_t *e = &sim->ev[sim->head++];
                if (e->line_error) {
                    ck_assert_int_eq(msdk_mbus_master_line_error(m, sim->now), MSDK_OK);
                } else {
                    ck_assert_int_eq(msdk_mbus_master_feed(m, sim->now, &e->b, 1), MSDK_OK);
                }
            }
            break;
        }
        case MSDK_MBUS_MASTER_IDLE:
        default: ck_abort_msg("master idle while running"); break;
        }
    }
    ck_abort_msg("no result");
    return MSDK_MBUS_RESULT_NO_ANSWER;
}

static void master_setup(msdk_mbus_master_t *m, uint32_t baud)
{
    msdk_mbus_master_config_t cfg = { .baud = baud };
    ck_assert_int_eq(msdk_mbus_master_init(m, &cfg), MSDK_OK);
}

static sim_slave_t slave(uint8_t addr, uint32_t id)
{
    sim_slave_t s = {
        .addr = addr, .id = id, .man = 0x2C2D /* KAM */, .ver = 0x1B, .med = 0x07, .ntel = 1
    };
    return s;
}

/* ---- Tests --------------------------------------------------------------------------------- */

START_TEST(master_fcb_sequence)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[1] = { slave(5, 0x12345678) };
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);

    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    static const uint8_t nke5[] = { 0x10, 0x40, 0x05, 0x45, 0x16 }; /* 40+05 = 45 */
    ck_assert_mem_eq(sim.last_tx, nke5, sizeof(nke5));

    msdk_mbus_master_out_t out;
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, &out), MSDK_MBUS_RESULT_OK);
    static const uint8_t req5[] = { 0x10, 0x7B, 0x05, 0x80, 0x16 }; /* 7B+05 = 80 */
    ck_assert_mem_eq(sim.last_tx, req5, sizeof(req5));
    ck_assert(out.has_frame);
    ck_assert_uint_eq(out.frame.ci, 0x72);
    ck_assert_uint_eq(out.frame.a, 5);
    ck_assert_uint_eq(out.frame.data[0], 0x78); /* ID 12345678, least significant byte first */

    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    /* application reset: control frame 68 03 03 68 73 05 50 C8 16 (73+05+50 = C8) */
    ck_assert_int_eq(msdk_mbus_master_start_app_reset(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    static const uint8_t rst5[] = { 0x68, 0x03, 0x03, 0x68, 0x73, 0x05, 0x50, 0xC8, 0x16 };
    ck_assert_uint_eq(sim.last_tx_len, sizeof(rst5));
    ck_assert_mem_eq(sim.last_tx, rst5, sizeof(rst5));
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);

    /* the slave goes silent: three transmissions with the same FCB, then NO_ANSWER; the bit
     * is kept, and the next request carries it again */
    s[0].silent = true;
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    s[0].silent = false;
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    /* SND_NKE: the next request has FCB 1 again whatever the bit was */
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 5), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);

    static const uint8_t want[] = { 0x40, 0x7B, 0x5B, 0x73, 0x5B, 0x7B,
                                    0x7B, 0x7B, 0x7B, 0x5B, 0x40, 0x7B };
    ck_assert_uint_eq(sim.nsent, sizeof(want));
    for (size_t i = 0; i < sizeof(want); i++) {
        ck_assert_msg(sim.sent_c[i] == want[i], "frame %zu: C %02X, want %02X", i, sim.sent_c[i],
                      want[i]);
        ck_assert_uint_eq(sim.sent_a[i], 5);
    }
    /* FCB per slave: another address still starts at 1 */
    ck_assert(msdk_mbus_master_next_fcb(&m, 6));
    ck_assert(!msdk_mbus_master_next_fcb(&m, 5));
}
END_TEST

/* NO_ANSWER after two retries, the master's waits computed from the standard by hand. */
static void no_answer_at(uint32_t baud, uint32_t per_attempt)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_init(&sim, baud, NULL, 0);
    master_setup(&m, baud);
    uint32_t t0 = sim.now;
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 17), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    ck_assert_uint_eq(sim.nsent, 3);
    ck_assert_uint_eq(sim.first_wait, per_attempt);
    ck_assert_uint_eq(sim.sent_t[0], t0);
    ck_assert_uint_eq(sim.sent_t[1], t0 + per_attempt);
    ck_assert_uint_eq(sim.sent_t[2], t0 + 2u * per_attempt);
    ck_assert_uint_eq(sim.now, t0 + 3u * per_attempt);
}

START_TEST(master_no_answer_timing)
{
    /* request + window + the first byte (11 bit times, rounded up: 5, 37, 2 ms) */
    no_answer_at(2400, 216); /* 23 + 188 + 5 */
    no_answer_at(300, 1371); /* 184 + 1150 + 37 */
    no_answer_at(9600, 93);  /* 6 + 85 + 2 */

    /* allowance for a level converter: 2400 Bd + 100 ms -> 23 + 288 + 5 */
    static sim_t sim;
    static msdk_mbus_master_t m;
    msdk_mbus_master_config_t cfg = { .baud = 2400, .allowance_ms = 100, .no_retries = true };
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_OK);
    sim_init(&sim, 2400, NULL, 0);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 1), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    ck_assert_uint_eq(sim.nsent, 1);
    ck_assert_uint_eq(sim.now, 1000u + 316u);
}
END_TEST

START_TEST(master_slow_slave)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[1] = { slave(3, 0x00000003) };
    /* 2400 Bd: the window closes 211 ms after the request starts. Answer 150 ms after the
     * request: first character complete at 23 + 150 + 5 = 178 ms: accepted. */
    s[0].delay_ms = 150;
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 3), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.nsent, 1);
    /* 250 ms: too late each time; three requests, NO_ANSWER at 3 x 216 = 648 ms */
    s[0].delay_ms = 250;
    sim_next(&sim, 2400, s, 1);
    uint32_t t0 = sim.now;
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 3), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    ck_assert_uint_eq(sim.nsent, 3);
    ck_assert_uint_eq(sim.now, t0 + 648u);
    /* 300 Bd, 1000 ms: within 184 + 1150 */
    s[0].delay_ms = 1000;
    sim_next(&sim, 300, s, 1);
    master_setup(&m, 300);
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 3), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.nsent, 1);
}
END_TEST

START_TEST(master_bad_checksum_retries)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[1] = { slave(7, 0x00000007) };
    s[0].bad_checksum = true;
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 7), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_BAD_FRAME);
    ck_assert_uint_eq(sim.nsent, 3);
    ck_assert_uint_eq(s[0].requests, 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_uint_eq(sim.sent_c[i], 0x7B); /* a retry keeps the FCB */
    }
    ck_assert(msdk_mbus_master_next_fcb(&m, 7));
    /* one retry configured: two transmissions */
    msdk_mbus_master_config_t cfg = { .baud = 2400, .retries = 1 };
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_OK);
    sim_next(&sim, 2400, s, 1);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 7), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_BAD_FRAME);
    ck_assert_uint_eq(sim.nsent, 2);
    cfg.retries = 3;
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(master_collision)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    /* two slaves at the same primary address: their RSP_UDs AND on the wire; the ID bytes
     * 11 and 12 give 10, whose parity (odd) no longer matches the ANDed parity bits (0):
     * the UART reports parity errors */
    sim_slave_t s[2] = { slave(9, 0x11111111), slave(9, 0x12121212) };
    sim_init(&sim, 2400, s, 2);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 9), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_COLLISION);
    ck_assert_uint_eq(sim.nsent, 3);
    ck_assert_uint_eq(sim.sent_c[0], 0x7B);
    ck_assert_uint_eq(sim.sent_c[2], 0x7B);
    /* a selection that matches both: E5 AND E5 is a clean E5 on the wire, so the selection
     * alone says OK; the REQ_UD2 to 253 then collides */
    msdk_mbus_secondary_t sel = {
        .id = 0xFFFFFFFFu, .manufacturer = 0xFFFF, .version = 0xFF, .medium = 0xFF
    };
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, &sel), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 253), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_COLLISION);
    /* a selection of one of them: OK, and the reply at 253 is that slave's */
    sel.id = 0x1212FFFFu;
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, &sel), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    msdk_mbus_master_out_t out;
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 253), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, &out), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(out.frame.data[3], 0x12);
    /* nobody matches: NO_ANSWER */
    sel.id = 0x3FFFFFFFu;
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, &sel), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
}
END_TEST

START_TEST(master_secondary_select_bytes)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[1] = { slave(0, 0x1A2B3C4D) };
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);
    msdk_mbus_secondary_t sel = {
        .id = 0x1A2B3C4Du, .manufacturer = 0xFFFF, .version = 0xFF, .medium = 0xFF
    };
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, &sel), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    /* CS = 53+FD+52+4D+3C+2B+1A+FF+FF+FF+FF = 0x76C -> 6C */
    static const uint8_t want[] = { 0x68, 0x0B, 0x0B, 0x68, 0x53, 0xFD, 0x52, 0x4D, 0x3C,
                                    0x2B, 0x1A, 0xFF, 0xFF, 0xFF, 0xFF, 0x6C, 0x16 };
    ck_assert_uint_eq(sim.last_tx_len, sizeof(want));
    ck_assert_mem_eq(sim.last_tx, want, sizeof(want));
    /* 17 bytes at 2400 Bd: 78 ms + 188 ms window + 5 ms first byte */
    ck_assert_uint_eq(sim.first_wait, 78u + 188u + 5u);
    /* after the selection the FCB of 253 is set: 7B, then 5B */
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 253), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 253), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.sent_c[1], 0x7B);
    ck_assert_uint_eq(sim.sent_a[1], 0xFD);
    ck_assert_uint_eq(sim.sent_c[2], 0x5B);
    /* a new selection sets it again */
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, &sel), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 253), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.sent_c[4], 0x7B);
}
END_TEST

START_TEST(master_set_address_and_baud)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[1] = { slave(5, 0x00000005) };
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_set_address(&m, 5, 40), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    /* 68 06 06 68 73 05 51 01 7A 28 CS 16, CS = 73+05+51+01+7A+28 = 0x16C -> 6C */
    static const uint8_t want[] = { 0x68, 0x06, 0x06, 0x68, 0x73, 0x05,
                                    0x51, 0x01, 0x7A, 0x28, 0x6C, 0x16 };
    ck_assert_mem_eq(sim.last_tx, want, sizeof(want));
    ck_assert_uint_eq(s[0].addr, 40);
    /* the FCB state moved with the slave: the next request to 40 has FCB 0 */
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 40), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.sent_c[1], 0x5B);
    ck_assert_int_eq(msdk_mbus_master_start_set_address(&m, 40, 251), MSDK_ERR_INVALID_ARG);

    /* baud rate 9600: CI BD, control frame 68 03 03 68 73 28 BD CS 16 (73+28+BD = 0x158) */
    ck_assert_int_eq(msdk_mbus_master_start_set_baud(&m, 40, 9600), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    static const uint8_t baud[] = { 0x68, 0x03, 0x03, 0x68, 0x73, 0x28, 0xBD, 0x58, 0x16 };
    ck_assert_mem_eq(sim.last_tx, baud, sizeof(baud));
    ck_assert_uint_eq(m.baud, 9600);
    ck_assert_int_eq(msdk_mbus_master_start_set_baud(&m, 40, 1000), MSDK_ERR_INVALID_ARG);
    /* timing now at 9600: 6 + 85 + 2 per attempt */
    sim_next(&sim, 9600, NULL, 0);
    uint32_t t0 = sim.now;
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 1), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    ck_assert_uint_eq(sim.now, t0 + 3u * 93u);
}
END_TEST

/* Volume record value of a handed-over telegram (BCD bytes at data[14..17]). */
static uint32_t tel_value(const sim_t *sim, size_t i)
{
    return (uint32_t)sim->tel[i][14] | ((uint32_t)sim->tel[i][15] << 8);
}

START_TEST(master_multi_telegram)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    /* three telegrams: 1F, 1F, then 0F 01 00 1F (manufacturer data: the end) */
    sim_slave_t s[1] = { slave(12, 0x00000012) };
    s[0].ntel = 3;
    sim_init(&sim, 2400, s, 1);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 12), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_start_readout(&m, 12), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.ntel, 3);
    ck_assert_uint_eq(tel_value(&sim, 0), 0x0100);
    ck_assert_uint_eq(tel_value(&sim, 1), 0x0200);
    ck_assert_uint_eq(tel_value(&sim, 2), 0x0300);
    ck_assert_uint_eq(sim.tel[0][sim.tel_len[0] - 1], 0x1F);
    ck_assert_uint_eq(sim.tel[2][sim.tel_len[2] - 4], 0x0F);
    static const uint8_t want[] = { 0x40, 0x7B, 0x5B, 0x7B };
    ck_assert_uint_eq(sim.nsent, sizeof(want));
    ck_assert_mem_eq(sim.sent_c, want, sizeof(want));

    /* a slave that marks 1F forever and then repeats its last telegram: the repeat is
     * recognised (requested, not handed over) */
    s[0] = slave(12, 0x00000012);
    s[0].ntel = 2;
    s[0].mode = TEL_REPEAT;
    sim_next(&sim, 2400, s, 1);
    ck_assert_int_eq(msdk_mbus_master_start_readout(&m, 12), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.ntel, 2);
    ck_assert_uint_eq(sim.nsent, 3);
    ck_assert_uint_eq(tel_value(&sim, 1), 0x0200);

    /* always a new telegram with the mark: the limit stops it */
    msdk_mbus_master_config_t cfg = { .baud = 2400, .max_telegrams = 5 };
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_OK);
    s[0] = slave(12, 0x00000012);
    s[0].mode = TEL_ENDLESS;
    sim_next(&sim, 2400, s, 1);
    ck_assert_int_eq(msdk_mbus_master_start_readout(&m, 12), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.ntel, 5);
    ck_assert_uint_eq(sim.nsent, 5);

    /* an encrypted telegram whose ciphertext ends in 1F: not a DIF, no further request */
    s[0] = slave(12, 0x00000012);
    s[0].ntel = 3;
    s[0].cipher = true;
    sim_next(&sim, 2400, s, 1);
    ck_assert_int_eq(msdk_mbus_master_start_readout(&m, 12), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(sim.ntel, 1);
    ck_assert_uint_eq(sim.nsent, 1);

    /* an absent address: NO_ANSWER, nothing handed over */
    ck_assert_int_eq(msdk_mbus_master_start_readout(&m, 99), MSDK_OK);
    sim_next(&sim, 2400, s, 1);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_NO_ANSWER);
    ck_assert_uint_eq(sim.ntel, 0);
}
END_TEST

static bool has_id(const msdk_mbus_secondary_t *ids, size_t n, uint32_t id)
{
    for (size_t i = 0; i < n; i++) {
        if (ids[i].id == id) {
            return true;
        }
    }
    return false;
}

START_TEST(master_secondary_scan)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    /* 12F45670: an F digit, told apart from 12345678/9/A by its last digit */
    sim_slave_t s[8] = {
        slave(1, 0x1A2B3C4D), slave(2, 0x12345678), slave(3, 0x12345679), slave(4, 0x1234567A),
        slave(5, 0xABCDEF01), slave(6, 0x1A2B3C4E), slave(7, 0x00000001), slave(8, 0x12F45670),
    };
    sim_init(&sim, 2400, s, 8);
    master_setup(&m, 2400);
    msdk_mbus_secondary_t ids[9];
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, ids, 9), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    uint32_t probes_full = m.probes;
    ck_assert_uint_eq(m.ids_count, 8);
    for (size_t i = 0; i < 8; i++) {
        ck_assert_msg(has_id(ids, m.ids_count, s[i].id), "ID %08X not found", s[i].id);
    }
    ck_assert_uint_eq(ids[0].manufacturer, 0x2C2D);
    ck_assert_uint_eq(ids[0].medium, 0x07);
    ck_assert_uint_eq(m.unresolved, 0);
    ck_assert(!m.overflow);

    /* without the F descent: every device but 12F45670, with fewer probes */
    msdk_mbus_master_config_t cfg = { .baud = 2400, .scan_skip_f = true };
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_OK);
    sim_next(&sim, 2400, s, 8);
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, ids, 9), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(m.ids_count, 7);
    ck_assert(!has_id(ids, m.ids_count, 0x12F45670));
    ck_assert(has_id(ids, m.ids_count, 0x1234567A));
    ck_assert_uint_lt(m.probes, probes_full);
    master_setup(&m, 2400);

    /* a single device: found by the first, all-wildcard probe */
    sim_slave_t one[1] = { slave(1, 0x1A2B3C4D) };
    sim_next(&sim, 2400, one, 1);
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, ids, 8), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(m.ids_count, 1);
    ck_assert_uint_eq(ids[0].id, 0x1A2B3C4D);
    ck_assert_uint_eq(m.probes, 1);

    /* an empty bus: one probe, three transmissions, nothing */
    sim_next(&sim, 2400, NULL, 0);
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, ids, 8), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(m.ids_count, 0);
    ck_assert_uint_eq(sim.nsent, 3);

    /* capacity 2 of 8 */
    sim_next(&sim, 2400, s, 8);
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, ids, 2), MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert_uint_eq(m.ids_count, 2);
    ck_assert(m.overflow);
}
END_TEST

START_TEST(master_primary_scan)
{
    static sim_t sim;
    static msdk_mbus_master_t m;
    sim_slave_t s[5] = { slave(0, 1), slave(1, 2), slave(77, 3), slave(250, 4), slave(251, 5) };
    sim_init(&sim, 2400, s, 5);
    master_setup(&m, 2400);
    ck_assert_int_eq(msdk_mbus_master_start_scan_primary(&m, MSDK_MBUS_SCAN_SND_NKE, 0, 250),
                     MSDK_OK);
    uint32_t t0 = sim.now;
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    for (unsigned a = 0; a <= 255; a++) {
        bool want = (a == 0) || (a == 1) || (a == 77) || (a == 250);
        ck_assert_msg(msdk_mbus_master_is_found(&m, (uint8_t)a) == want, "address %u", a);
    }
    /* 4 answered once, 247 silent three times */
    ck_assert_uint_eq(sim.nsent, 4u + 247u * 3u);
    ck_assert_uint_eq(sim.sent_a[0], 0);
    ck_assert_uint_eq(sim.sent_a[sim.nsent - 1], 250);
    ck_assert_uint_ge(sim.now - t0, 247u * 633u);

    /* REQ_UD2 probes with two slaves sharing address 9 */
    sim_slave_t c[3] = { slave(9, 0x11111111), slave(9, 0x12121212), slave(10, 0x10) };
    sim_next(&sim, 9600, c, 3);
    master_setup(&m, 9600);
    ck_assert_int_eq(msdk_mbus_master_start_scan_primary(&m, MSDK_MBUS_SCAN_REQ_UD2, 8, 11),
                     MSDK_OK);
    ck_assert_int_eq(sim_run(&sim, &m, NULL), MSDK_MBUS_RESULT_OK);
    ck_assert(!msdk_mbus_master_is_found(&m, 8));
    ck_assert(!msdk_mbus_master_is_found(&m, 9));
    ck_assert((m.collided[9 / 8] & (1u << (9 % 8))) != 0u);
    ck_assert(msdk_mbus_master_is_found(&m, 10));
    ck_assert(!msdk_mbus_master_is_found(&m, 11));
    ck_assert_int_eq(msdk_mbus_master_start_scan_primary(&m, MSDK_MBUS_SCAN_REQ_UD2, 9, 251),
                     MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(master_api_errors)
{
    static msdk_mbus_master_t m;
    msdk_mbus_master_out_t out;
    msdk_mbus_master_config_t cfg = { .baud = 1234 };
    ck_assert_int_eq(msdk_mbus_master_init(NULL, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_init(&m, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_init(&m, NULL), MSDK_OK);
    ck_assert_uint_eq(m.baud, 2400);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 0, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_IDLE);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_feed(&m, 0, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_feed(&m, 0, (const uint8_t *)"\xE5", 1), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_master_start_snd_nke(&m, 1), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_master_start_req_ud2(&m, 1), MSDK_ERR_BUSY);
    ck_assert_int_eq(msdk_mbus_master_start_snd_ud(&m, 1, 0x51, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_start_select(&m, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_master_start_scan_secondary(&m, NULL, 1), MSDK_ERR_INVALID_ARG);
    /* the sent request, then an E5 before the window closes */
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 100, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_SEND);
    ck_assert_uint_eq(out.tx_len, 5);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 110, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_WAIT);
    ck_assert_uint_eq(out.wait_ms, 206);
    ck_assert_int_eq(msdk_mbus_master_feed(&m, 140, (const uint8_t *)"\xE5", 1), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 140, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_DONE);
    ck_assert_int_eq(out.result, MSDK_MBUS_RESULT_OK);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 141, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_IDLE);
    /* a SND_UD with data: 68 05 05 68 73 01 51 0C 13 CS 16 (73+01+51+0C+13 = 0x1E4) */
    static const uint8_t d[] = { 0x0C, 0x13 };
    ck_assert_int_eq(msdk_mbus_master_start_snd_ud(&m, 1, 0x51, d, 2), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 141, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_WAIT); /* 11 bit times after the E5 */
    ck_assert_uint_eq(out.wait_ms, 4);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 145, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_SEND);
    static const uint8_t want[] = {
        0x68, 0x05, 0x05, 0x68, 0x73, 0x01, 0x51, 0x0C, 0x13, 0xE4, 0x16
    };
    ck_assert_uint_eq(out.tx_len, sizeof(want));
    ck_assert_mem_eq(out.tx, want, sizeof(want));
    /* a frame that starts and stops: truncated at the idle time -> garbled */
    ck_assert_int_eq(msdk_mbus_master_feed(&m, 200, (const uint8_t *)"\x68\x10", 2), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_master_poll(&m, 200, &out), MSDK_OK);
    ck_assert_int_eq(out.action, MSDK_MBUS_MASTER_WAIT);
    ck_assert_uint_eq(out.wait_ms, 14); /* 33 bit times at 2400 Bd: 13.75 -> 14 */
}
END_TEST

Suite *mbus_master_suite(void)
{
    Suite *s = suite_create("mbus_master");
    TCase *tc = tcase_create("link");
    tcase_add_test(tc, master_fcb_sequence);
    tcase_add_test(tc, master_no_answer_timing);
    tcase_add_test(tc, master_slow_slave);
    tcase_add_test(tc, master_bad_checksum_retries);
    tcase_add_test(tc, master_collision);
    tcase_add_test(tc, master_secondary_select_bytes);
    tcase_add_test(tc, master_set_address_and_baud);
    tcase_add_test(tc, master_api_errors);
    suite_add_tcase(s, tc);
    TCase *pr = tcase_create("procedures");
    tcase_add_test(pr, master_multi_telegram);
    tcase_add_test(pr, master_secondary_scan);
    tcase_add_test(pr, master_primary_scan);
    suite_add_tcase(s, pr);
    return s;
}
