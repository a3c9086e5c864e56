/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, frame: the wired M-Bus link layer (EN 13757-2 / IEC 60870-5-2 FT1.2).
 *
 * Independent expectations:
 * - Frames hand-computed from the standard's definitions (start 10/68, L = 3 + data,
 *   CS = sum of C, A, CI and data modulo 256, stop 16); each checksum is worked out in a
 *   comment next to the bytes.
 * - Published frames of real sessions and devices, read for their bytes only:
 *   a master session (SND_UD setting primary address 0x40, SND_NKE, REQ_UD2 and the RSP_UD of
 *   an Actaris gas meter) from a public M-Bus master article (hottis.de, 2013), and the RSP_UD
 *   test frames of rscada/libmbus (test/test-frames: abb_delta, SEN_Pollustat,
 *   ELV-Elvaco-CMa10). Their L fields and checksums were checked by hand before use
 *   (python3: L + 6 == len, sum(frame[4:4+L]) % 256 == frame[4+L]).
 * - Timing from EN 13757-2: 11-bit characters, reply window 330 bit times + 50 ms, earliest
 *   answer 11 bit times; the millisecond values are worked out in the comments. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/bytebuf.h"
#include "msdk/mbus/frame.h"

Suite *mbus_frame_suite(void);

#define GUARD 0xA5u

/* ---- Published frames ------------------------------------------------------------------ */

/* SND_UD to 0xFE (test/broadcast with reply), CI 51, data 01 7A 40: set primary address 0x40.
 * CS = 53+FE+51+01+7A+40 = 0x25D -> 5D. */
static const uint8_t pub_set_addr[] = { 0x68, 0x06, 0x06, 0x68, 0x53, 0xFE,
                                        0x51, 0x01, 0x7A, 0x40, 0x5D, 0x16 };
/* SND_NKE to 0x40: CS = 40+40 = 80. */
static const uint8_t pub_snd_nke[] = { 0x10, 0x40, 0x40, 0x80, 0x16 };
/* REQ_UD2 to 0x40, FCB clear: CS = 5B+40 = 9B. */
static const uint8_t pub_req_ud2[] = { 0x10, 0x5B, 0x40, 0x9B, 0x16 };

/* RSP_UD of an Actaris gas meter at address 0x40 (ID 00526043, ACW). */
static const uint8_t pub_acw[] = {
    0x68, 0x56, 0x56, 0x68, 0x08, 0x40, 0x72, 0x43, 0x60, 0x52, 0x00, 0x77, 0x04, 0x14, 0x03, 0xCA,
    0x10, 0x00, 0x00, 0x0C, 0x78, 0x76, 0x03, 0x01, 0x10, 0x0D, 0x7C, 0x08, 0x44, 0x49, 0x20, 0x2E,
    0x74, 0x73, 0x75, 0x63, 0x0A, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x04,
    0x6D, 0x38, 0x15, 0xAA, 0x19, 0x02, 0x7C, 0x09, 0x65, 0x6D, 0x69, 0x74, 0x20, 0x2E, 0x74, 0x61,
    0x62, 0x22, 0x0C, 0x04, 0x13, 0xC1, 0x0E, 0x00, 0x00, 0x04, 0x93, 0x7F, 0x4E, 0x01, 0x00, 0x00,
    0x44, 0x13, 0x5D, 0x08, 0x00, 0x00, 0x0F, 0x01, 0x00, 0x1F, 0xDE, 0x16,
};
/* libmbus abb_delta.hex: ABB Delta electricity meter, address 1, L = 0x98 (149 data bytes). */
static const uint8_t pub_abb[] = {
    0x68, 0x98, 0x98, 0x68, 0x08, 0x01, 0x72, 0x12, 0x34, 0x56, 0x78, 0x42, 0x04, 0x02, 0x02, 0x45,
    0x00, 0x00, 0x00, 0x0E, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0x10, 0x84, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0x20, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x8E, 0xB0, 0x00, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0x80, 0x10, 0x84, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0x80, 0x40, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x8E, 0x90, 0x40, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0xA0, 0x40, 0x84,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8E, 0xB0, 0x40, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x8E, 0x80, 0x50, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x93,
    0x00, 0x00, 0x0C, 0xFF, 0x92, 0x00, 0x00, 0x00, 0x00, 0x01, 0x07, 0xFD, 0x97, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xFF, 0x98, 0x00, 0x00, 0x1F, 0x75, 0x16,
};
/* libmbus SEN_Pollustat.hex: Sensus PolluStat heat meter, address 4, L = 0x71. */
static const uint8_t pub_sen[] = {
    0x68, 0x71, 0x71, 0x68, 0x08, 0x04, 0x72, 0x88, 0x17, 0x01, 0x00, 0xAE, 0x4C, 0x06, 0x0D,
    0x3E, 0x00, 0x00, 0x00, 0x04, 0x6D, 0x3B, 0x0E, 0xE7, 0x14, 0x34, 0x6D, 0x00, 0x00, 0x01,
    0x01, 0x34, 0xFD, 0x17, 0x00, 0x00, 0x00, 0x04, 0x04, 0x20, 0x92, 0x22, 0xF1, 0x00, 0x04,
    0x24, 0xA4, 0x1A, 0xE7, 0x00, 0x04, 0x86, 0x3B, 0x97, 0x9B, 0x00, 0x00, 0x04, 0x13, 0xBE,
    0x09, 0x5E, 0x00, 0x05, 0x2E, 0xB1, 0xD1, 0x2E, 0xBE, 0x05, 0x3E, 0xF5, 0xB8, 0x4E, 0x40,
    0x05, 0x5B, 0xB8, 0x2D, 0xF9, 0x41, 0x05, 0x5F, 0x78, 0x8B, 0xF9, 0x41, 0x05, 0x63, 0x00,
    0x80, 0x3B, 0xBD, 0x04, 0xBE, 0x50, 0x71, 0xBB, 0xB0, 0x00, 0x04, 0xBE, 0x58, 0xF4, 0x02,
    0x00, 0x00, 0x0C, 0x78, 0x88, 0x17, 0x01, 0x00, 0x02, 0x7F, 0x10, 0xB5, 0x5D, 0x16,
};
/* libmbus ELV-Elvaco-CMa10.hex: Elvaco CMa10 sensor, address 0x0B, L = 0x53. */
static const uint8_t pub_elv[] = {
    0x68, 0x53, 0x53, 0x68, 0x08, 0x0B, 0x72, 0x61, 0x15, 0x01, 0x24, 0x96, 0x15, 0x16, 0x00,
    0x3F, 0x00, 0x00, 0x00, 0x01, 0xFD, 0x1B, 0x02, 0x02, 0xFC, 0x03, 0x48, 0x52, 0x25, 0x74,
    0x22, 0x15, 0x22, 0xFC, 0x03, 0x48, 0x52, 0x25, 0x74, 0x24, 0x0D, 0x12, 0xFC, 0x03, 0x48,
    0x52, 0x25, 0x74, 0xC3, 0x1C, 0x02, 0x65, 0x2E, 0x08, 0x22, 0x65, 0x5C, 0x05, 0x12, 0x65,
    0xA2, 0x0B, 0x01, 0x72, 0x18, 0x42, 0x65, 0x2C, 0x08, 0x82, 0x01, 0x65, 0x1F, 0x08, 0x0C,
    0x78, 0x61, 0x15, 0x01, 0x24, 0x03, 0xFD, 0x0F, 0x00, 0x00, 0x04, 0x1F, 0xBD, 0x16,
};

/* Hand-computed frames. */
static const uint8_t hand_ack[] = { 0xE5 };
/* SND_UD application reset to 5, FCB set: C 73; CS = 73+05+50 = C8. */
static const uint8_t hand_app_reset[] = { 0x68, 0x03, 0x03, 0x68, 0x73, 0x05, 0x50, 0xC8, 0x16 };
/* SND_NKE broadcast without reply: CS = 40+FF = 13F -> 3F. */
static const uint8_t hand_nke_ff[] = { 0x10, 0x40, 0xFF, 0x3F, 0x16 };
/* REQ_UD2 to 0x40 with FCB: C 7B; CS = 7B+40 = BB. */
static const uint8_t hand_req_fcb[] = { 0x10, 0x7B, 0x40, 0xBB, 0x16 };
/* RSP_UD with one data byte: 68 04 04 68 08 01 72 AB CS 16, CS = 08+01+72+AB = 126 -> 26. */
static const uint8_t hand_long1[] = { 0x68, 0x04, 0x04, 0x68, 0x08, 0x01, 0x72, 0xAB, 0x26, 0x16 };

typedef struct pub_frame {
    const char *name;
    const uint8_t *bytes;
    size_t len;
    msdk_mbus_frame_type_t type;
    uint8_t c, a, ci;
    size_t data_len;
    uint8_t data0; /* first data byte, when data_len > 0 */
} pub_frame_t;

#define PF(n, arr, t, c_, a_, ci_, dl, d0)                                                         \
    {                                                                                              \
        n, arr, sizeof(arr), t, c_, a_, ci_, dl, d0                                                \
    }

static const pub_frame_t frames[] = {
    PF("set_addr", pub_set_addr, MSDK_MBUS_FRAME_LONG, 0x53, 0xFE, 0x51, 3, 0x01),
    PF("snd_nke", pub_snd_nke, MSDK_MBUS_FRAME_SHORT, 0x40, 0x40, 0, 0, 0),
    PF("req_ud2", pub_req_ud2, MSDK_MBUS_FRAME_SHORT, 0x5B, 0x40, 0, 0, 0),
    PF("acw", pub_acw, MSDK_MBUS_FRAME_LONG, 0x08, 0x40, 0x72, 0x56 - 3, 0x43),
    PF("abb", pub_abb, MSDK_MBUS_FRAME_LONG, 0x08, 0x01, 0x72, 0x98 - 3, 0x12),
    PF("sen", pub_sen, MSDK_MBUS_FRAME_LONG, 0x08, 0x04, 0x72, 0x71 - 3, 0x88),
    PF("elv", pub_elv, MSDK_MBUS_FRAME_LONG, 0x08, 0x0B, 0x72, 0x53 - 3, 0x61),
    PF("ack", hand_ack, MSDK_MBUS_FRAME_ACK, 0, 0, 0, 0, 0),
    PF("app_reset", hand_app_reset, MSDK_MBUS_FRAME_CONTROL, 0x73, 0x05, 0x50, 0, 0),
    PF("nke_ff", hand_nke_ff, MSDK_MBUS_FRAME_SHORT, 0x40, 0xFF, 0, 0, 0),
    PF("req_fcb", hand_req_fcb, MSDK_MBUS_FRAME_SHORT, 0x7B, 0x40, 0, 0, 0),
    PF("long1", hand_long1, MSDK_MBUS_FRAME_LONG, 0x08, 0x01, 0x72, 1, 0xAB),
};
#define N_FRAMES (sizeof(frames) / sizeof(frames[0]))

static void expect_frame(const msdk_mbus_frame_t *f, const pub_frame_t *p)
{
    ck_assert_msg(f->type == p->type, "%s: type %d", p->name, (int)f->type);
    ck_assert_msg(f->c == p->c && f->a == p->a && f->ci == p->ci, "%s: C %02X A %02X CI %02X",
                  p->name, f->c, f->a, f->ci);
    ck_assert_msg(f->data_len == p->data_len, "%s: data_len %zu", p->name, f->data_len);
    if (p->data_len == 0u) {
        ck_assert_ptr_null(f->data);
    } else {
        ck_assert_ptr_nonnull(f->data);
        ck_assert_uint_eq(f->data[0], p->data0);
        /* The data is the bytes after CI, and ends before CS. */
        ck_assert_mem_eq(f->data, &p->bytes[7], p->data_len);
    }
}

/* ---- Writer with guard bytes ----------------------------------------------------------- */

typedef struct guarded {
    uint8_t mem[4 + MSDK_MBUS_FRAME_MAX_LEN + 8 + 4];
    msdk_wbuf_t wb;
} guarded_t;

static void guarded_init(guarded_t *g, size_t cap)
{
    memset(g->mem, GUARD, sizeof(g->mem));
    ck_assert_uint_le(cap, sizeof(g->mem) - 8u);
    msdk_wbuf_init(&g->wb, &g->mem[4], cap);
}

static void guarded_check(const guarded_t *g, const uint8_t *expect, size_t n)
{
    ck_assert_uint_eq(g->wb.pos, n);
    if (n > 0u) {
        ck_assert_mem_eq(&g->mem[4], expect, n);
    }
    for (size_t i = 0; i < 4u; i++) {
        ck_assert_uint_eq(g->mem[i], GUARD);
    }
    for (size_t i = 4u + n; i < sizeof(g->mem); i++) {
        ck_assert_uint_eq(g->mem[i], GUARD);
    }
}

/* ---- Encoders ------------------------------------------------------------------------- */

START_TEST(mbus_encode_requests_match_published)
{
    guarded_t g;
    static const uint8_t set_addr_data[] = { 0x01, 0x7A, 0x40 };

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_nke(&g.wb, 0x40), MSDK_OK);
    guarded_check(&g, pub_snd_nke, sizeof(pub_snd_nke));

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_req_ud2(&g.wb, 0x40, false), MSDK_OK);
    guarded_check(&g, pub_req_ud2, sizeof(pub_req_ud2));

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_req_ud2(&g.wb, 0x40, true), MSDK_OK);
    guarded_check(&g, hand_req_fcb, sizeof(hand_req_fcb));

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_ud(&g.wb, 0xFE, false, MSDK_MBUS_CI_DATA_SEND,
                                                   set_addr_data, sizeof(set_addr_data)),
                     MSDK_OK);
    guarded_check(&g, pub_set_addr, sizeof(pub_set_addr));

    guarded_init(&g, 64);
    ck_assert_int_eq(
        msdk_mbus_frame_encode_snd_ud(&g.wb, 0x05, true, MSDK_MBUS_CI_APP_RESET, NULL, 0), MSDK_OK);
    guarded_check(&g, hand_app_reset, sizeof(hand_app_reset));

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_nke(&g.wb, MSDK_MBUS_ADDR_BROADCAST_NR), MSDK_OK);
    guarded_check(&g, hand_nke_ff, sizeof(hand_nke_ff));

    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_ack(&g.wb), MSDK_OK);
    guarded_check(&g, hand_ack, sizeof(hand_ack));

    /* Frames append: SND_NKE then REQ_UD2 in one writer. */
    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_nke(&g.wb, 0x40), MSDK_OK);
    ck_assert_int_eq(msdk_mbus_frame_encode_req_ud2(&g.wb, 0x40, false), MSDK_OK);
    uint8_t both[10];
    memcpy(both, pub_snd_nke, 5);
    memcpy(&both[5], pub_req_ud2, 5);
    guarded_check(&g, both, sizeof(both));
}
END_TEST

START_TEST(mbus_encode_long_and_general)
{
    guarded_t g;
    /* The published RSP_UD frames re-encoded from their fields give the same bytes. */
    for (size_t i = 0; i < N_FRAMES; i++) {
        const pub_frame_t *p = &frames[i];
        msdk_mbus_frame_t f = { .type = p->type,
                                .c = p->c,
                                .a = p->a,
                                .ci = p->ci,
                                .data = (p->data_len > 0u) ? &p->bytes[7] : NULL,
                                .data_len = p->data_len };
        guarded_init(&g, MSDK_MBUS_FRAME_MAX_LEN);
        ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, &f), MSDK_OK);
        guarded_check(&g, p->bytes, p->len);
        if (p->type == MSDK_MBUS_FRAME_LONG) {
            guarded_init(&g, MSDK_MBUS_FRAME_MAX_LEN);
            ck_assert_int_eq(
                msdk_mbus_frame_encode_long(&g.wb, p->c, p->a, p->ci, &p->bytes[7], p->data_len),
                MSDK_OK);
            guarded_check(&g, p->bytes, p->len);
        }
    }

    /* The longest frame: 252 data bytes of FF, L = FF. CS = 08+01+72 + 252*255 mod 256
     * = 7B + (64260 mod 256 = 4) = 7F. */
    uint8_t data[MSDK_MBUS_FRAME_DATA_MAX + 1];
    memset(data, 0xFF, sizeof(data));
    uint8_t expect[MSDK_MBUS_FRAME_MAX_LEN];
    expect[0] = 0x68;
    expect[1] = 0xFF;
    expect[2] = 0xFF;
    expect[3] = 0x68;
    expect[4] = 0x08;
    expect[5] = 0x01;
    expect[6] = 0x72;
    memset(&expect[7], 0xFF, 252);
    expect[259] = 0x7F;
    expect[260] = 0x16;
    guarded_init(&g, MSDK_MBUS_FRAME_MAX_LEN);
    ck_assert_int_eq(msdk_mbus_frame_encode_long(&g.wb, 0x08, 0x01, 0x72, data, 252), MSDK_OK);
    guarded_check(&g, expect, sizeof(expect));

    /* 253 data bytes do not fit an L field. */
    guarded_init(&g, MSDK_MBUS_FRAME_MAX_LEN + 1);
    ck_assert_int_eq(msdk_mbus_frame_encode_long(&g.wb, 0x08, 0x01, 0x72, data, 253),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_ud(&g.wb, 1, false, 0x51, data, 253),
                     MSDK_ERR_INVALID_ARG);
    guarded_check(&g, NULL, 0);

    /* Type and data length must agree in the general encoder. */
    msdk_mbus_frame_t f = { .type = MSDK_MBUS_FRAME_CONTROL, .data = data, .data_len = 1 };
    ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, &f), MSDK_ERR_INVALID_ARG);
    f.type = MSDK_MBUS_FRAME_LONG;
    f.data_len = 0;
    ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, &f), MSDK_ERR_INVALID_ARG);
    f.data_len = 253;
    ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, &f), MSDK_ERR_INVALID_ARG);
    f.type = (msdk_mbus_frame_type_t)4;
    f.data_len = 1;
    ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, &f), MSDK_ERR_INVALID_ARG);
    guarded_check(&g, NULL, 0);
}
END_TEST

START_TEST(mbus_encode_bounds)
{
    guarded_t g;
    static const uint8_t d3[] = { 0x01, 0x7A, 0x40 };
    /* One byte short of each frame: nothing written, position unchanged. */
    guarded_init(&g, 4);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_nke(&g.wb, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_mbus_frame_encode_req_ud2(&g.wb, 1, true), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_mbus_frame_encode_short(&g.wb, 0x40, 1), MSDK_ERR_BUFFER_TOO_SMALL);
    guarded_check(&g, NULL, 0);
    guarded_init(&g, 8);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_ud(&g.wb, 1, false, 0x50, NULL, 0),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    guarded_check(&g, NULL, 0);
    guarded_init(&g, 11);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_ud(&g.wb, 0xFE, false, 0x51, d3, 3),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    guarded_check(&g, NULL, 0);
    guarded_init(&g, 0);
    ck_assert_int_eq(msdk_mbus_frame_encode_ack(&g.wb), MSDK_ERR_BUFFER_TOO_SMALL);
    guarded_check(&g, NULL, 0);
    /* Exactly enough room. */
    guarded_init(&g, 12);
    ck_assert_int_eq(msdk_mbus_frame_encode_snd_ud(&g.wb, 0xFE, false, 0x51, d3, 3), MSDK_OK);
    guarded_check(&g, pub_set_addr, sizeof(pub_set_addr));
    /* After a full writer a second frame does not fit and the first stays. */
    ck_assert_int_eq(msdk_mbus_frame_encode_ack(&g.wb), MSDK_ERR_BUFFER_TOO_SMALL);
    guarded_check(&g, pub_set_addr, sizeof(pub_set_addr));

    /* NULL arguments. */
    ck_assert_int_eq(msdk_mbus_frame_encode_ack(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_encode_short(NULL, 0x40, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_encode_long(NULL, 0x53, 1, 0x51, d3, 3), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_encode(NULL, NULL), MSDK_ERR_INVALID_ARG);
    guarded_init(&g, 64);
    ck_assert_int_eq(msdk_mbus_frame_encode(&g.wb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_encode_long(&g.wb, 0x53, 1, 0x51, NULL, 3),
                     MSDK_ERR_INVALID_ARG);
    guarded_check(&g, NULL, 0);
}
END_TEST

START_TEST(mbus_c_field_helpers)
{
    ck_assert_uint_eq(msdk_mbus_c_function(0x7B), 0x0B);
    ck_assert_uint_eq(msdk_mbus_c_function(0x53), 0x03);
    ck_assert_uint_eq(msdk_mbus_c_function(0x40), 0x00);
    ck_assert_uint_eq(msdk_mbus_c_function(0x08), 0x08);
    ck_assert(msdk_mbus_c_is_primary(0x40));
    ck_assert(msdk_mbus_c_is_primary(0x7B));
    ck_assert(!msdk_mbus_c_is_primary(0x08));
    ck_assert(!msdk_mbus_c_is_primary(0x18)); /* RSP_UD with DFC */
    ck_assert(msdk_mbus_c_is_fcb(0x7B));
    ck_assert(!msdk_mbus_c_is_fcb(0x5B));
    ck_assert(msdk_mbus_c_is_fcv(0x5B));
    ck_assert(msdk_mbus_c_is_fcv(0x73));
    ck_assert(!msdk_mbus_c_is_fcv(0x40)); /* SND_NKE has no valid FCB */
    ck_assert_uint_eq(msdk_mbus_c_with_fcb(0x5B, true), 0x7B);
    ck_assert_uint_eq(msdk_mbus_c_with_fcb(0x7B, false), 0x5B);
    ck_assert_uint_eq(msdk_mbus_c_with_fcb(0x53, true), 0x73);
    ck_assert_uint_eq(msdk_mbus_c_with_fcb(0x73, true), 0x73);
    ck_assert_uint_eq(msdk_mbus_c_with_fcb(0x5A, true), 0x7A);
    ck_assert_uint_eq(MSDK_MBUS_C_SND_NKE | MSDK_MBUS_C_FCV | MSDK_MBUS_C_FCB, 0x70);
    ck_assert_uint_eq(msdk_mbus_frame_checksum(NULL, 0), 0);
    ck_assert_uint_eq(msdk_mbus_frame_checksum(&pub_set_addr[4], 6), 0x5D);
}
END_TEST

/* ---- Decoder -------------------------------------------------------------------------- */

START_TEST(mbus_decode_published_and_hand_frames)
{
    for (size_t i = 0; i < N_FRAMES; i++) {
        msdk_mbus_frame_t f;
        memset(&f, 0x77, sizeof(f));
        ck_assert_msg(msdk_mbus_frame_decode(frames[i].bytes, frames[i].len, &f) == MSDK_OK, "%s",
                      frames[i].name);
        expect_frame(&f, &frames[i]);
        if (frames[i].data_len > 0u) {
            ck_assert_ptr_eq(f.data, &frames[i].bytes[7]); /* a view, no copy */
        }
    }
}
END_TEST

static void expect_decode_err(const uint8_t *b, size_t n, msdk_err_t want, const char *what)
{
    msdk_mbus_frame_t f;
    memset(&f, 0x77, sizeof(f));
    msdk_mbus_frame_t before = f;
    msdk_err_t err = msdk_mbus_frame_decode(b, n, &f);
    ck_assert_msg(err == want, "%s: got %d want %d", what, (int)err, (int)want);
    ck_assert_msg(memcmp(&f, &before, sizeof(f)) == 0, "%s: output written on error", what);
}

START_TEST(mbus_decode_rejects)
{
    uint8_t b[MSDK_MBUS_FRAME_MAX_LEN + 1];

    /* Checksum: every frame with CS + 1. */
    for (size_t i = 0; i < N_FRAMES; i++) {
        if (frames[i].type == MSDK_MBUS_FRAME_ACK) {
            continue;
        }
        memcpy(b, frames[i].bytes, frames[i].len);
        b[frames[i].len - 2u]++;
        expect_decode_err(b, frames[i].len, MSDK_ERR_CHECKSUM, frames[i].name);
        /* A wrong A field (byte 2 of a short frame, 5 of a long one) is a checksum error too. */
        memcpy(b, frames[i].bytes, frames[i].len);
        b[(frames[i].type == MSDK_MBUS_FRAME_SHORT) ? 2u : 5u] ^= 0x01u;
        expect_decode_err(b, frames[i].len, MSDK_ERR_CHECKSUM, frames[i].name);
    }
    /* Wrong stop byte on each. */
    for (size_t i = 0; i < N_FRAMES; i++) {
        if (frames[i].type == MSDK_MBUS_FRAME_ACK) {
            continue;
        }
        memcpy(b, frames[i].bytes, frames[i].len);
        b[frames[i].len - 1u] = 0x17;
        expect_decode_err(b, frames[i].len, MSDK_ERR_MALFORMED, frames[i].name);
    }
    /* Every malformed L: L = 0, 1, 2 (below C A CI); equal L fields required. */
    static const uint8_t l0[] = { 0x68, 0x00, 0x00, 0x68, 0x00, 0x16 };
    static const uint8_t l1[] = { 0x68, 0x01, 0x01, 0x68, 0x53, 0x53, 0x16 };
    static const uint8_t l2[] = { 0x68, 0x02, 0x02, 0x68, 0x53, 0x01, 0x54, 0x16 };
    expect_decode_err(l0, sizeof(l0), MSDK_ERR_MALFORMED, "L=0");
    expect_decode_err(l1, sizeof(l1), MSDK_ERR_MALFORMED, "L=1");
    expect_decode_err(l2, sizeof(l2), MSDK_ERR_MALFORMED, "L=2");
    expect_decode_err(l2, 2, MSDK_ERR_MALFORMED, "L=2 seen in the second byte");
    memcpy(b, hand_app_reset, sizeof(hand_app_reset));
    b[2] = 0x04; /* 68 03 04 68 */
    expect_decode_err(b, sizeof(hand_app_reset), MSDK_ERR_MALFORMED, "L != L");
    expect_decode_err(b, 3, MSDK_ERR_MALFORMED, "L != L, prefix");
    memcpy(b, hand_app_reset, sizeof(hand_app_reset));
    b[3] = 0x10; /* second start character */
    expect_decode_err(b, sizeof(hand_app_reset), MSDK_ERR_MALFORMED, "second start");
    /* L larger than the bytes: truncated; L smaller (a frame longer than L says): the byte at
     * the stop position is data. */
    memcpy(b, pub_acw, sizeof(pub_acw));
    b[1] = b[2] = 0x57;
    expect_decode_err(b, sizeof(pub_acw), MSDK_ERR_TRUNCATED, "L one too large");
    b[1] = b[2] = 0x55;
    expect_decode_err(b, sizeof(pub_acw), MSDK_ERR_MALFORMED, "L one too small");
    /* Bytes after the stop character: too long. */
    memcpy(b, pub_req_ud2, sizeof(pub_req_ud2));
    b[5] = 0x16;
    expect_decode_err(b, 6, MSDK_ERR_MALFORMED, "trailing byte after short frame");
    b[0] = 0xE5;
    expect_decode_err(b, 2, MSDK_ERR_MALFORMED, "E5 then more");
    memcpy(b, pub_abb, sizeof(pub_abb));
    b[sizeof(pub_abb)] = 0xE5;
    expect_decode_err(b, sizeof(pub_abb) + 1, MSDK_ERR_MALFORMED, "trailing byte after long");
    /* Not a start character. */
    static const uint8_t junk[] = { 0x16, 0x10, 0x5B, 0x40, 0x9B, 0x16 };
    expect_decode_err(junk, sizeof(junk), MSDK_ERR_MALFORMED, "leading junk");
    expect_decode_err(junk, 1, MSDK_ERR_MALFORMED, "single non-E5 character");
    /* Empty and NULL. */
    expect_decode_err(NULL, 0, MSDK_ERR_TRUNCATED, "empty");
    expect_decode_err(NULL, 5, MSDK_ERR_INVALID_ARG, "NULL data");
    ck_assert_int_eq(msdk_mbus_frame_decode(pub_req_ud2, 5, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(mbus_decode_truncated_every_cut)
{
    for (size_t i = 0; i < N_FRAMES; i++) {
        for (size_t cut = 0; cut < frames[i].len; cut++) {
            expect_decode_err(frames[i].bytes, cut, MSDK_ERR_TRUNCATED, frames[i].name);
        }
    }
}
END_TEST

/* ---- Receiver ------------------------------------------------------------------------- */

/* One result of the receiver. */
typedef struct event {
    msdk_err_t err;
    msdk_mbus_rx_fault_t fault;
    msdk_mbus_frame_type_t type;
    uint8_t c, a, ci;
    size_t data_len;
    uint8_t data[MSDK_MBUS_FRAME_DATA_MAX];
} event_t;

/* Feeds @p n bytes in chunks of @p chunk and records every result but WOULD_BLOCK. */
static size_t feed_stream(msdk_mbus_rx_t *rx, const uint8_t *s, size_t n, size_t chunk, event_t *ev,
                          size_t max_ev)
{
    size_t count = 0;
    size_t off = 0;
    while (off < n) {
        size_t part = (n - off < chunk) ? (n - off) : chunk;
        /* Copy the chunk so that the receiver cannot keep a pointer into it. */
        uint8_t tmp[600];
        ck_assert_uint_le(part, sizeof(tmp));
        memcpy(tmp, &s[off], part);
        size_t pos = 0;
        for (;;) {
            size_t used = 99999;
            msdk_mbus_frame_t f;
            msdk_err_t err = msdk_mbus_rx_feed(rx, &tmp[pos], part - pos, &used, &f);
            ck_assert_uint_le(used, part - pos);
            pos += used;
            if (err == MSDK_ERR_WOULD_BLOCK) {
                ck_assert_uint_eq(pos, part);
                break;
            }
            ck_assert_uint_lt(count, max_ev);
            event_t *e = &ev[count++];
            memset(e, 0, sizeof(*e));
            e->err = err;
            e->fault = rx->fault;
            if (err == MSDK_OK) {
                e->type = f.type;
                e->c = f.c;
                e->a = f.a;
                e->ci = f.ci;
                e->data_len = f.data_len;
                if (f.data_len > 0u) {
                    memcpy(e->data, f.data, f.data_len);
                }
            }
        }
        memset(tmp, 0xEE, sizeof(tmp)); /* the caller's bytes are gone */
        off += part;
    }
    return count;
}

static void expect_ok_event(const event_t *e, const pub_frame_t *p)
{
    ck_assert_msg(e->err == MSDK_OK, "%s: err %d fault %d", p->name, (int)e->err, (int)e->fault);
    ck_assert_msg(e->type == p->type, "%s: type", p->name);
    ck_assert_uint_eq(e->c, p->c);
    ck_assert_uint_eq(e->a, p->a);
    ck_assert_uint_eq(e->ci, p->ci);
    ck_assert_uint_eq(e->data_len, p->data_len);
    if (p->data_len > 0u) {
        ck_assert_mem_eq(e->data, &p->bytes[7], p->data_len);
    }
}

static const size_t chunks[] = { 1, 2, 3, 5, 7, 64, 600 };
#define N_CHUNKS (sizeof(chunks) / sizeof(chunks[0]))

START_TEST(mbus_rx_every_frame_any_chunking)
{
    event_t ev[4];
    for (size_t i = 0; i < N_FRAMES; i++) {
        for (size_t c = 0; c < N_CHUNKS; c++) {
            msdk_mbus_rx_t rx;
            ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
            size_t n = feed_stream(&rx, frames[i].bytes, frames[i].len, chunks[c], ev, 4);
            ck_assert_uint_eq(n, 1);
            expect_ok_event(&ev[0], &frames[i]);
            ck_assert(!msdk_mbus_rx_is_busy(&rx));
            ck_assert_uint_eq(rx.frames, 1);
            ck_assert_uint_eq(rx.skipped, 0);
            ck_assert_uint_eq(rx.faults, 0);
            ck_assert_int_eq(msdk_mbus_rx_end(&rx), MSDK_OK);
        }
    }
}
END_TEST

START_TEST(mbus_rx_byte_by_byte_status)
{
    /* One byte at a time: "need more" until the stop byte, then the frame. */
    msdk_mbus_rx_t rx;
    ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
    for (size_t k = 0; k < sizeof(pub_sen); k++) {
        size_t used = 0;
        msdk_mbus_frame_t f;
        msdk_err_t err = msdk_mbus_rx_feed(&rx, &pub_sen[k], 1, &used, &f);
        ck_assert_uint_eq(used, 1);
        if (k + 1u < sizeof(pub_sen)) {
            ck_assert_int_eq(err, MSDK_ERR_WOULD_BLOCK);
            ck_assert(msdk_mbus_rx_is_busy(&rx));
        } else {
            ck_assert_int_eq(err, MSDK_OK);
            expect_frame(&f, &frames[5]);
        }
    }
    /* An empty feed afterwards: need more, nothing used. */
    size_t used = 7;
    msdk_mbus_frame_t f;
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, NULL, 0, &used, &f), MSDK_ERR_WOULD_BLOCK);
    ck_assert_uint_eq(used, 0);
}
END_TEST

START_TEST(mbus_rx_garbage_and_back_to_back)
{
    /* Garbage without start characters, then E5, RSP_UD, REQ_UD2, garbage, SND_UD, with no gap
     * between frames. */
    static const uint8_t junk1[] = { 0x00, 0xFF, 0x16, 0x55, 0xAA, 0x72, 0x08 };
    static const uint8_t junk2[] = { 0x16, 0x16, 0x00 };
    uint8_t s[600];
    size_t n = 0;
    memcpy(&s[n], junk1, sizeof(junk1));
    n += sizeof(junk1);
    memcpy(&s[n], hand_ack, sizeof(hand_ack));
    n += sizeof(hand_ack);
    memcpy(&s[n], pub_elv, sizeof(pub_elv));
    n += sizeof(pub_elv);
    memcpy(&s[n], pub_req_ud2, sizeof(pub_req_ud2));
    n += sizeof(pub_req_ud2);
    memcpy(&s[n], junk2, sizeof(junk2));
    n += sizeof(junk2);
    memcpy(&s[n], pub_set_addr, sizeof(pub_set_addr));
    n += sizeof(pub_set_addr);
    memcpy(&s[n], pub_abb, sizeof(pub_abb));
    n += sizeof(pub_abb);

    event_t ev[8];
    for (size_t c = 0; c < N_CHUNKS; c++) {
        msdk_mbus_rx_t rx;
        ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
        size_t k = feed_stream(&rx, s, n, chunks[c], ev, 8);
        ck_assert_uint_eq(k, 5);
        expect_ok_event(&ev[0], &frames[7]); /* ack */
        expect_ok_event(&ev[1], &frames[6]); /* elv */
        expect_ok_event(&ev[2], &frames[2]); /* req_ud2 */
        expect_ok_event(&ev[3], &frames[0]); /* set_addr */
        expect_ok_event(&ev[4], &frames[4]); /* abb */
        ck_assert_uint_eq(rx.skipped, sizeof(junk1) + sizeof(junk2));
        ck_assert_uint_eq(rx.frames, 5);
        ck_assert_uint_eq(rx.faults, 0);
        ck_assert_int_eq(msdk_mbus_rx_end(&rx), MSDK_OK);
    }
}
END_TEST

/* A broken frame followed by a good one: the error, then the good frame. */
static void expect_error_then_frame(const uint8_t *bad, size_t bad_len, msdk_err_t want,
                                    msdk_mbus_rx_fault_t fault, const pub_frame_t *good,
                                    const char *what)
{
    uint8_t s[600];
    memcpy(s, bad, bad_len);
    memcpy(&s[bad_len], good->bytes, good->len);
    event_t ev[8];
    for (size_t c = 0; c < N_CHUNKS; c++) {
        msdk_mbus_rx_t rx;
        ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
        size_t k = feed_stream(&rx, s, bad_len + good->len, chunks[c], ev, 8);
        ck_assert_msg(k == 2, "%s, chunk %zu: %zu events", what, chunks[c], k);
        ck_assert_msg(ev[0].err == want, "%s: err %d", what, (int)ev[0].err);
        ck_assert_msg(ev[0].fault == fault, "%s: fault %d", what, (int)ev[0].fault);
        expect_ok_event(&ev[1], good);
        ck_assert_uint_eq(rx.faults, 1);
        ck_assert(!msdk_mbus_rx_is_busy(&rx));
    }
}

START_TEST(mbus_rx_rejects_and_resynchronises)
{
    uint8_t b[MSDK_MBUS_FRAME_MAX_LEN];
    /* Checksum: the frame is dropped whole, even though its data hold E5 and 10 bytes. */
    static const uint8_t bad_cs[] = { 0x68, 0x05, 0x05, 0x68, 0x08, 0x01,
                                      0x72, 0xE5, 0x10, 0x00, 0x16 };
    expect_error_then_frame(bad_cs, sizeof(bad_cs), MSDK_ERR_CHECKSUM, MSDK_MBUS_RX_FAULT_CHECKSUM,
                            &frames[3], "long checksum");
    memcpy(b, pub_req_ud2, 5);
    b[3] = 0x9C;
    expect_error_then_frame(b, 5, MSDK_ERR_CHECKSUM, MSDK_MBUS_RX_FAULT_CHECKSUM, &frames[1],
                            "short checksum");
    memcpy(b, pub_acw, sizeof(pub_acw));
    b[40] ^= 0x80u;
    expect_error_then_frame(b, sizeof(pub_acw), MSDK_ERR_CHECKSUM, MSDK_MBUS_RX_FAULT_CHECKSUM,
                            &frames[4], "data bit flip");
    /* Wrong stop byte. */
    memcpy(b, pub_snd_nke, 5);
    b[4] = 0x00;
    expect_error_then_frame(b, 5, MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_STOP, &frames[2],
                            "short stop");
    memcpy(b, hand_long1, sizeof(hand_long1));
    b[9] = 0x00;
    expect_error_then_frame(b, sizeof(hand_long1), MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_STOP,
                            &frames[2], "long stop");
    /* L < 3: 68 00, 68 01, 68 02. */
    for (uint8_t l = 0; l < 3u; l++) {
        uint8_t bad[2] = { 0x68, l };
        expect_error_then_frame(bad, 2, MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_L_SHORT, &frames[1],
                                "L < 3");
    }
    /* L != L. */
    static const uint8_t l_ne[] = { 0x68, 0x06, 0x07 };
    expect_error_then_frame(l_ne, sizeof(l_ne), MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_L_MISMATCH,
                            &frames[0], "L != L");
    /* Second start character. */
    static const uint8_t start2[] = { 0x68, 0x06, 0x06, 0x69 };
    expect_error_then_frame(start2, sizeof(start2), MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_START,
                            &frames[0], "second start");
}
END_TEST

START_TEST(mbus_rx_stray_start_characters)
{
    /* A stray 68 right before a short frame: 68 10 5B is an L mismatch; the hunt resumes at
     * the 10 and finds REQ_UD2. */
    uint8_t s[300];
    s[0] = 0x68;
    memcpy(&s[1], pub_req_ud2, 5);
    expect_error_then_frame(s, 1, MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_L_MISMATCH, &frames[2],
                            "stray 68");
    /* A stray 10 right before a long frame: 10 68 56 56 68 reads as a short frame whose stop
     * byte is 68; the hunt resumes at the 68 and finds the RSP_UD. */
    s[0] = 0x10;
    expect_error_then_frame(s, 1, MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_STOP, &frames[3],
                            "stray 10");
    /* 68 03 then a control frame: 68 03 68 is an L mismatch, then the control frame. */
    static const uint8_t s3[] = { 0x68, 0x03 };
    expect_error_then_frame(s3, sizeof(s3), MSDK_ERR_MALFORMED, MSDK_MBUS_RX_FAULT_L_MISMATCH,
                            &frames[8], "68 03 before control frame");
}
END_TEST

START_TEST(mbus_rx_truncated_every_cut)
{
    /* Each frame cut after every byte: need more, busy; ending the reply window reports the
     * truncated frame; the next frame is received cleanly. */
    event_t ev[4];
    for (size_t i = 0; i < N_FRAMES; i++) {
        for (size_t cut = 1; cut < frames[i].len; cut++) {
            msdk_mbus_rx_t rx;
            ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
            size_t k = feed_stream(&rx, frames[i].bytes, cut, 3, ev, 4);
            ck_assert_uint_eq(k, 0);
            ck_assert(msdk_mbus_rx_is_busy(&rx));
            ck_assert_int_eq(msdk_mbus_rx_end(&rx), MSDK_ERR_TRUNCATED);
            ck_assert_int_eq(rx.fault, MSDK_MBUS_RX_FAULT_TRUNCATED);
            ck_assert(!msdk_mbus_rx_is_busy(&rx));
            ck_assert_int_eq(msdk_mbus_rx_end(&rx), MSDK_OK);
            k = feed_stream(&rx, pub_elv, sizeof(pub_elv), 16, ev, 4);
            ck_assert_uint_eq(k, 1);
            expect_ok_event(&ev[0], &frames[6]);
        }
    }
}
END_TEST

START_TEST(mbus_rx_collision)
{
    /* Two slaves answer REQ_UD2 at once (a broadcast or a scan): the bus carries the bitwise AND
     * of their characters (a space, the slave's current sink, dominates). The Actaris and the
     * Elvaco RSP_UD ANDed: 68 52 52 68 08 00 72 ... with L = 0x56 & 0x53 = 0x52 in both
     * fields; at the stop position (byte 87) the line carries 0x00 & 0x01 = ... not 16: the
     * frame started correctly and broke. */
    uint8_t s[sizeof(pub_acw)];
    for (size_t i = 0; i < sizeof(pub_acw); i++) {
        uint8_t other = (i < sizeof(pub_elv)) ? pub_elv[i] : 0xFFu;
        s[i] = (uint8_t)(pub_acw[i] & other);
    }
    ck_assert_uint_eq(s[1], 0x52);
    ck_assert_uint_eq(s[2], 0x52);
    ck_assert_uint_ne(s[87], 0x16);
    for (size_t c = 0; c < N_CHUNKS; c++) {
        msdk_mbus_rx_t rx;
        ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
        size_t off = 0;
        size_t used = 0;
        msdk_mbus_frame_t f;
        msdk_err_t err = MSDK_ERR_WOULD_BLOCK;
        while (err == MSDK_ERR_WOULD_BLOCK && off < sizeof(s)) {
            size_t part = (sizeof(s) - off < chunks[c]) ? sizeof(s) - off : chunks[c];
            err = msdk_mbus_rx_feed(&rx, &s[off], part, &used, &f);
            off += used;
        }
        ck_assert_int_eq(err, MSDK_ERR_MALFORMED);
        ck_assert_int_eq(rx.fault, MSDK_MBUS_RX_FAULT_STOP);
        ck_assert_uint_eq(off, 88); /* reported at the byte where the stop should be */
        ck_assert_uint_eq(rx.frames, 0);
        /* The master ends the reply window and starts afresh. */
        msdk_mbus_rx_reset(&rx);
        ck_assert(!msdk_mbus_rx_is_busy(&rx));
        ck_assert_int_eq(rx.fault, MSDK_MBUS_RX_FAULT_NONE);
    }

    /* The UART flags a parity error in the middle of a frame: the frame is broken. */
    msdk_mbus_rx_t rx;
    ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
    size_t used = 0;
    msdk_mbus_frame_t f;
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, pub_sen, 20, &used, &f), MSDK_ERR_WOULD_BLOCK);
    ck_assert_int_eq(msdk_mbus_rx_line_error(&rx), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(rx.fault, MSDK_MBUS_RX_FAULT_LINE);
    ck_assert(!msdk_mbus_rx_is_busy(&rx));
    /* Between frames it is only a skipped character. */
    ck_assert_int_eq(msdk_mbus_rx_line_error(&rx), MSDK_OK);
    ck_assert_uint_eq(rx.skipped, 1);
    ck_assert_uint_eq(rx.faults, 1);
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, hand_ack, 1, &used, &f), MSDK_OK);
    ck_assert_int_eq(f.type, MSDK_MBUS_FRAME_ACK);
}
END_TEST

START_TEST(mbus_rx_invalid_args)
{
    msdk_mbus_rx_t rx;
    ck_assert_int_eq(msdk_mbus_rx_init(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
    size_t used = 42;
    msdk_mbus_frame_t f;
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, pub_sen, 3, &used, &f), MSDK_ERR_WOULD_BLOCK);
    const msdk_mbus_rx_t copy = rx;
    used = 42;
    ck_assert_int_eq(msdk_mbus_rx_feed(NULL, pub_sen, 1, &used, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, NULL, 1, &used, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, pub_sen, 1, NULL, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, pub_sen, 1, &used, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(used, 42);
    ck_assert_mem_eq(&rx, &copy, sizeof(rx));
    ck_assert_int_eq(msdk_mbus_rx_line_error(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_rx_end(NULL), MSDK_ERR_INVALID_ARG);
    ck_assert(!msdk_mbus_rx_is_busy(NULL));
    msdk_mbus_rx_reset(NULL);
    /* Reset empties the buffer and keeps the counters. */
    msdk_mbus_rx_reset(&rx);
    ck_assert(!msdk_mbus_rx_is_busy(&rx));
    ck_assert_int_eq(msdk_mbus_rx_feed(&rx, pub_snd_nke, 5, &used, &f), MSDK_OK);
    ck_assert_uint_eq(used, 5);
    expect_frame(&f, &frames[1]);
}
END_TEST

/* ---- Timing --------------------------------------------------------------------------- */

START_TEST(mbus_timing_300_and_2400)
{
    uint32_t ms = 0;
    /* 330 bits at 300 Bd = 1100 ms exactly, + 50 = 1150. */
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(300, 0, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 1150);
    /* 330 bits at 2400 Bd = 137.5 ms -> 138, + 50 = 188; with a 100 ms allowance 288. */
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, 0, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 188);
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, 100, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 288);
    /* 9600: 34.375 -> 35 + 50 = 85; 38400: 8.59375 -> 9 + 50 = 59. */
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(9600, 0, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 85);
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(38400, 0, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 59);

    /* 11 bit times: 36.67 ms at 300 -> 37; 4.583 ms at 2400 -> 5; 0.286 at 38400 -> 1. */
    ck_assert_int_eq(msdk_mbus_frame_min_wait_ms(300, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 37);
    ck_assert_int_eq(msdk_mbus_frame_min_wait_ms(2400, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 5);
    ck_assert_int_eq(msdk_mbus_frame_min_wait_ms(38400, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 1);

    /* A short frame is 55 bits: 183.33 ms at 300 -> 184, 22.92 ms at 2400 -> 23. The longest
     * frame, 261 * 11 = 2871 bits: 9570 ms at 300 (exact), 1196.25 at 2400 -> 1197. */
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(300, 5, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 184);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(2400, 5, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 23);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(300, 261, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 9570);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(2400, 261, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 1197);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(2400, 0, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, 0);
}
END_TEST

START_TEST(mbus_timing_bauds_and_errors)
{
    static const uint32_t ok[] = { 300, 600, 1200, 2400, 4800, 9600, 19200, 38400 };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        uint8_t ci = 0;
        ck_assert(msdk_mbus_baud_is_valid(ok[i]));
        ck_assert_int_eq(msdk_mbus_baud_to_ci(ok[i], &ci), MSDK_OK);
        ck_assert_uint_eq(ci, 0xB8 + i); /* EN 13757-3: B8 = 300 Bd ... BF = 38400 Bd */
    }
    static const uint32_t bad[] = { 0, 110, 299, 301, 2401, 14400, 57600, 115200, UINT32_MAX };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint32_t ms = 4242;
        uint8_t ci = 0x42;
        ck_assert(!msdk_mbus_baud_is_valid(bad[i]));
        ck_assert_int_eq(msdk_mbus_baud_to_ci(bad[i], &ci), MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(bad[i], 0, &ms), MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_mbus_frame_min_wait_ms(bad[i], &ms), MSDK_ERR_INVALID_ARG);
        ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(bad[i], 5, &ms), MSDK_ERR_INVALID_ARG);
        ck_assert_uint_eq(ms, 4242);
        ck_assert_uint_eq(ci, 0x42);
    }
    uint32_t ms = 4242;
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, UINT32_MAX, &ms), MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, UINT32_MAX - 188u, &ms), MSDK_OK);
    ck_assert_uint_eq(ms, UINT32_MAX);
    ms = 4242;
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, UINT32_MAX - 187u, &ms),
                     MSDK_ERR_OVERFLOW);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(2400, 262, &ms), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(ms, 4242);
    ck_assert_int_eq(msdk_mbus_frame_reply_timeout_ms(2400, 0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_min_wait_ms(2400, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_frame_tx_time_ms(2400, 5, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_baud_to_ci(2400, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

Suite *mbus_frame_suite(void)
{
    Suite *s = suite_create("mbus_frame");
    TCase *enc = tcase_create("encode");
    tcase_add_test(enc, mbus_encode_requests_match_published);
    tcase_add_test(enc, mbus_encode_long_and_general);
    tcase_add_test(enc, mbus_encode_bounds);
    tcase_add_test(enc, mbus_c_field_helpers);
    suite_add_tcase(s, enc);
    TCase *dec = tcase_create("decode");
    tcase_add_test(dec, mbus_decode_published_and_hand_frames);
    tcase_add_test(dec, mbus_decode_rejects);
    tcase_add_test(dec, mbus_decode_truncated_every_cut);
    suite_add_tcase(s, dec);
    TCase *rx = tcase_create("receiver");
    tcase_add_test(rx, mbus_rx_every_frame_any_chunking);
    tcase_add_test(rx, mbus_rx_byte_by_byte_status);
    tcase_add_test(rx, mbus_rx_garbage_and_back_to_back);
    tcase_add_test(rx, mbus_rx_rejects_and_resynchronises);
    tcase_add_test(rx, mbus_rx_stray_start_characters);
    tcase_add_test(rx, mbus_rx_truncated_every_cut);
    tcase_add_test(rx, mbus_rx_collision);
    tcase_add_test(rx, mbus_rx_invalid_args);
    suite_add_tcase(s, rx);
    TCase *tm = tcase_create("timing");
    tcase_add_test(tm, mbus_timing_300_and_2400);
    tcase_add_test(tm, mbus_timing_bauds_and_errors);
    suite_add_tcase(s, tm);
    return s;
}
