/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * HDLC data link layer tests (IEC 62056-46).
 *
 * Vectors: ../shared/vectors/dlms-vectors.md section 6 (u9n/dlms-cosem and
 * epri-dev/DLMS test frames, FCS verified there), plus frames derived by hand
 * from the control field and address encodings of the standard. The server
 * conversation reproduces the published UA and AARE frames byte for byte.
 */
#include <string.h>
#include <check.h>
#include "msdk/core/crc.h"
#include "msdk/cosem/hdlc.h"
#include "cosem_check.h"

Suite *cosem_hdlc_suite(void);

/* ---- Helpers ------------------------------------------------------------------------------- */

/* Section 6 vectors. */
static const char *const V_SNRM = "7EA00802232193BD647E";
static const char *const V_UA = "7EA01F21022373E6C781801205019A06019A07040000000108040000000"
                                "1CCA27E";
static const char *const V_AARQ = "7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E010"
                                  "00000065F1F0400001E1DFFFFC5E47E";
static const char *const V_AARE = "7EA0382102233034E7E6E7006129A109060760857405080101A20302010"
                                  "0A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E";
static const char *const V_UA4 = "7EA023030002002373C048818014050200800602008007040000000108040"
                                 "0000001CE6A7E";
static const char *const V_SNRM4 = "7EA00A00020023219318717E";
static const char *const V_UI = "7EA013CEFFCD1361D5E6E6001D64001400002C667E";

/* The client (16) and server (logical 1, physical 17) addresses of most frames. */
static const msdk_cosem_hdlc_addr_t A_CLIENT = { 16, 0, 1 };
static const msdk_cosem_hdlc_addr_t A_SERVER = { 1, 17, 2 };

/* A frame of type t from src to dst, every other field zero. */
static msdk_cosem_hdlc_frame_t new_frame(msdk_cosem_hdlc_ftype_t t, msdk_cosem_hdlc_addr_t dst,
                                         msdk_cosem_hdlc_addr_t src)
{
    msdk_cosem_hdlc_frame_t f;
    memset(&f, 0, sizeof f);
    f.type = t;
    f.dst = dst;
    f.src = src;
    return f;
}

/* Encodes f into out[cap] through wb; returns the encoder's result. */
static msdk_err_t encode_into(msdk_wbuf_t *wb, uint8_t *out, size_t cap,
                              const msdk_cosem_hdlc_frame_t *f)
{
    msdk_wbuf_init(wb, out, cap);
    return msdk_cosem_hdlc_frame_encode(wb, f);
}

/* The address must be `size` bytes long with these upper and lower parts. */
static void check_addr(const msdk_cosem_hdlc_addr_t *a, unsigned size, unsigned upper,
                       unsigned lower)
{
    ck_assert_uint_eq(a->size, size);
    ck_assert_uint_eq(a->upper, upper);
    ck_assert_uint_eq(a->lower, lower);
}

/* The parameter field p[0..n) must decode to these values. */
static void check_params(const uint8_t *p, size_t n, unsigned max_tx, unsigned max_rx,
                         unsigned window_tx, unsigned window_rx)
{
    msdk_cosem_hdlc_params_t q;
    ck_assert_int_eq(msdk_cosem_hdlc_params_decode(p, n, &q), MSDK_OK);
    ck_assert_uint_eq(q.max_info_tx, max_tx);
    ck_assert_uint_eq(q.max_info_rx, max_rx);
    ck_assert_uint_eq(q.window_tx, window_tx);
    ck_assert_uint_eq(q.window_rx, window_rx);
}

/* ---- Frame codec: vectors ------------------------------------------------------------------- */

/* Reads the vector s (hex) into b[cap] (*n bytes); it must decode into f as a frame of type
 * `type`. */
static void decode_vec(const char *s, uint8_t *b, size_t cap, size_t *n, msdk_cosem_hdlc_frame_t *f,
                       msdk_cosem_hdlc_ftype_t type)
{
    *n = ck_hex(s, b, cap);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(b, *n, f), MSDK_OK);
    ck_assert_int_eq(f->type, type);
}

static void check_reencode(const uint8_t *v, size_t n, const msdk_cosem_hdlc_frame_t *f)
{
    uint8_t out[300];
    msdk_wbuf_t wb;
    ck_assert_int_eq(encode_into(&wb, out, sizeof out, f), MSDK_OK);
    ck_assert_uint_eq(wb.pos, n);
    ck_assert_mem_eq(out, v, n);
}

START_TEST(vec_snrm)
{
    uint8_t b[64];
    size_t n;
    msdk_cosem_hdlc_frame_t f;
    decode_vec(V_SNRM, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_SNRM);
    ck_assert(f.pf);
    ck_assert(!f.segmented);
    check_addr(&f.dst, 2, 1, 17);
    check_addr(&f.src, 1, 16, 0);
    ck_assert_uint_eq(f.info_len, 0);
    ck_assert_ptr_null(f.info);
    check_reencode(b, n, &f);
    /* Without the flags, as the deframer delivers it. */
    msdk_cosem_hdlc_frame_t g;
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(b + 1, n - 2, &g), MSDK_OK);
    ck_assert_int_eq(g.type, MSDK_COSEM_HDLC_SNRM);
}
END_TEST

START_TEST(vec_ua_params)
{
    uint8_t b[64];
    size_t n;
    msdk_cosem_hdlc_frame_t f;
    decode_vec(V_UA, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_UA);
    ck_assert(f.pf);
    check_addr(&f.dst, 1, 16, 0);
    check_addr(&f.src, 2, 1, 17);
    ck_assert_uint_eq(f.info_len, 21);
    check_params(f.info, f.info_len, 154, 154, 1, 1);
    /* The parameter encoder reproduces the published field. */
    const msdk_cosem_hdlc_params_t p = { 154, 154, 1, 1 };
    uint8_t out[32];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_hdlc_params_encode(&wb, &p), MSDK_OK);
    ck_assert_uint_eq(wb.pos, f.info_len);
    ck_assert_mem_eq(out, f.info, f.info_len);
    check_reencode(b, n, &f);
}
END_TEST

START_TEST(vec_aarq_aare)
{
    uint8_t b[128];
    size_t n;
    msdk_cosem_hdlc_frame_t f;
    decode_vec(V_AARQ, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_I);
    ck_assert_uint_eq(f.ns, 0);
    ck_assert_uint_eq(f.nr, 0);
    ck_assert(f.pf);
    ck_expect_bytes(f.info, f.info_len,
                    "E6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF");
    check_reencode(b, n, &f);

    decode_vec(V_AARE, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_I);
    ck_assert_uint_eq(f.ns, 0);
    ck_assert_uint_eq(f.nr, 1);
    ck_assert(f.pf);
    ck_assert_uint_eq(f.dst.upper, 16);
    ck_assert_uint_eq(f.info_len, 0x38 - 10);
    ck_assert_uint_eq(f.info[0], 0xE6);
    ck_assert_uint_eq(f.info[1], 0xE7);
    ck_assert_uint_eq(f.info[3], 0x61);
    check_reencode(b, n, &f);
}
END_TEST

START_TEST(vec_four_byte)
{
    uint8_t b[64];
    size_t n;
    msdk_cosem_hdlc_frame_t f;
    decode_vec(V_UA4, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_UA);
    check_addr(&f.dst, 1, 1, 0);
    check_addr(&f.src, 4, 1, 17);
    check_params(f.info, f.info_len, 128, 128, 1, 1);
    check_reencode(b, n, &f);

    decode_vec(V_SNRM4, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_SNRM);
    check_addr(&f.dst, 4, 1, 17);
    check_addr(&f.src, 1, 16, 0);
    check_reencode(b, n, &f);
}
END_TEST

START_TEST(vec_ui_and_hcs)
{
    uint8_t b[64];
    size_t n;
    msdk_cosem_hdlc_frame_t f;
    decode_vec(V_UI, b, sizeof b, &n, &f, MSDK_COSEM_HDLC_UI);
    ck_assert(f.pf);
    check_addr(&f.dst, 2, 0x67, MSDK_COSEM_HDLC_ALL_STATION_7);
    check_addr(&f.src, 1, 0x66, 0);
    ck_assert_uint_eq(f.info_len, 9);
    check_reencode(b, n, &f);
    /* HCS vector: CRC of 03 3F is sent as 5B EC. */
    const uint8_t h[2] = { 0x03, 0x3F };
    uint16_t crc = msdk_crc16_x25(h, 2);
    ck_assert_uint_eq(crc & 0xFFu, 0x5B);
    ck_assert_uint_eq(crc >> 8, 0xEC);
}
END_TEST

/* ---- Frame codec: addresses and control fields --------------------------------------------- */

START_TEST(addr_forms)
{
    /* Hand-derived: upper 0x1234 / lower 0x0567 in 4 bytes = 48 68 14 CF. */
    static const struct {
        msdk_cosem_hdlc_addr_t a;
        uint8_t wire[4];
    } cases[] = {
        { { 1, 0, 1 }, { 0x03 } },
        { { 0x7F, 0, 1 }, { 0xFF } },
        { { 1, 17, 2 }, { 0x02, 0x23 } },
        { { 0x7F, 0x7F, 2 }, { 0xFE, 0xFF } },
        { { 1, 17, 4 }, { 0x00, 0x02, 0x00, 0x23 } },
        { { 0x1234, 0x0567, 4 }, { 0x48, 0x68, 0x14, 0xCF } },
        { { 0x3FFF, 0x3FFF, 4 }, { 0xFE, 0xFE, 0xFE, 0xFF } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int dir = 0; dir < 2; dir++) {
            msdk_cosem_hdlc_frame_t f = new_frame(MSDK_COSEM_HDLC_RR, dir ? A_CLIENT : cases[i].a,
                                                  dir ? cases[i].a : A_CLIENT);
            f.nr = 2;
            uint8_t out[32];
            msdk_wbuf_t wb;
            ck_assert_int_eq(encode_into(&wb, out, sizeof out, &f), MSDK_OK);
            size_t sz = cases[i].a.size;
            ck_assert_uint_eq(wb.pos, 2u + 2u + 1u + sz + 1u + 2u);
            ck_assert_mem_eq(&out[dir ? 4 : 3], cases[i].wire, sz);
            msdk_cosem_hdlc_frame_t g;
            ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(out, wb.pos, &g), MSDK_OK);
            check_addr(dir ? &g.src : &g.dst, cases[i].a.size, cases[i].a.upper, cases[i].a.lower);
        }
    }
    /* Invalid address sizes and values are refused by the encoder. */
    static const msdk_cosem_hdlc_addr_t bad[] = {
        { 1, 0, 0 }, { 1, 0, 3 }, { 1, 0, 5 }, { 0x80, 0, 1 }, { 1, 0x80, 2 }, { 0x4000, 1, 4 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        msdk_cosem_hdlc_frame_t f = new_frame(MSDK_COSEM_HDLC_RR, bad[i], A_CLIENT);
        uint8_t out[32];
        msdk_wbuf_t wb;
        ck_assert_int_eq(encode_into(&wb, out, sizeof out, &f), MSDK_ERR_INVALID_ARG);
        ck_assert_uint_eq(wb.pos, 0);
    }
}
END_TEST

START_TEST(control_fields)
{
    /* Control bytes derived from the bit layout of IEC 62056-46 / ISO 13239. */
    static const struct {
        msdk_cosem_hdlc_ftype_t type;
        uint8_t ns, nr;
        bool pf;
        uint8_t ctrl;
    } cases[] = {
        { MSDK_COSEM_HDLC_I, 0, 0, true, 0x10 },     { MSDK_COSEM_HDLC_I, 2, 5, true, 0xB4 },
        { MSDK_COSEM_HDLC_I, 7, 7, false, 0xEE },    { MSDK_COSEM_HDLC_RR, 0, 3, true, 0x71 },
        { MSDK_COSEM_HDLC_RR, 0, 0, false, 0x01 },   { MSDK_COSEM_HDLC_RNR, 0, 2, true, 0x55 },
        { MSDK_COSEM_HDLC_RNR, 0, 7, false, 0xE5 },  { MSDK_COSEM_HDLC_SNRM, 0, 0, true, 0x93 },
        { MSDK_COSEM_HDLC_SNRM, 0, 0, false, 0x83 }, { MSDK_COSEM_HDLC_DISC, 0, 0, true, 0x53 },
        { MSDK_COSEM_HDLC_UA, 0, 0, true, 0x73 },    { MSDK_COSEM_HDLC_DM, 0, 0, true, 0x1F },
        { MSDK_COSEM_HDLC_DM, 0, 0, false, 0x0F },   { MSDK_COSEM_HDLC_FRMR, 0, 0, true, 0x97 },
        { MSDK_COSEM_HDLC_UI, 0, 0, true, 0x13 },    { MSDK_COSEM_HDLC_UI, 0, 0, false, 0x03 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        msdk_cosem_hdlc_frame_t f = new_frame(cases[i].type, A_SERVER, A_CLIENT);
        f.ns = cases[i].ns;
        f.nr = cases[i].nr;
        f.pf = cases[i].pf;
        uint8_t out[32];
        msdk_wbuf_t wb;
        ck_assert_int_eq(encode_into(&wb, out, sizeof out, &f), MSDK_OK);
        ck_assert_uint_eq(out[6], cases[i].ctrl);
        msdk_cosem_hdlc_frame_t g;
        ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(out, wb.pos, &g), MSDK_OK);
        ck_assert_int_eq(g.type, cases[i].type);
        ck_assert_uint_eq(g.ns, cases[i].ns);
        ck_assert_uint_eq(g.nr, cases[i].nr);
        ck_assert(g.pf == cases[i].pf);
        ck_assert_uint_eq(g.control, cases[i].ctrl);
    }
    /* Every control byte decodes; the undefined ones as UNKNOWN (REJ 0x09, SREJ 0x0D, ...). */
    unsigned unknown = 0;
    for (unsigned c = 0; c < 256u; c++) {
        msdk_cosem_hdlc_frame_t f =
            new_frame(MSDK_COSEM_HDLC_UNKNOWN, (msdk_cosem_hdlc_addr_t){ 1, 0, 1 }, A_CLIENT);
        f.control = (uint8_t)c;
        uint8_t out[32];
        msdk_wbuf_t wb;
        msdk_cosem_hdlc_frame_t g;
        if (encode_into(&wb, out, sizeof out, &f) != MSDK_OK ||
            msdk_cosem_hdlc_frame_decode(out, wb.pos, &g) != MSDK_OK || g.control != c) {
            ck_abort_msg("control 0x%02X", c);
        }
        unknown += (g.type == MSDK_COSEM_HDLC_UNKNOWN);
    }
    /* 32 undefined S (REJ, SREJ, ...) + 64 - 6x2 undefined U = 84 control bytes. */
    ck_assert_uint_eq(unknown, 84);
    /* N(S)/N(R) above 7 are refused. */
    msdk_cosem_hdlc_frame_t f =
        new_frame(MSDK_COSEM_HDLC_I, (msdk_cosem_hdlc_addr_t){ 1, 0, 1 }, A_CLIENT);
    f.ns = 8;
    uint8_t out[32];
    msdk_wbuf_t wb;
    ck_assert_int_eq(encode_into(&wb, out, sizeof out, &f), MSDK_ERR_INVALID_ARG);
    f.type = (msdk_cosem_hdlc_ftype_t)42;
    f.ns = 0;
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(&wb, &f), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(encode_limits)
{
    static uint8_t info[2100];
    static uint8_t out[2100];
    msdk_cosem_hdlc_frame_t f =
        new_frame(MSDK_COSEM_HDLC_I, A_CLIENT, (msdk_cosem_hdlc_addr_t){ 1, 17, 4 });
    f.segmented = true;
    f.info = info;
    /* Largest frame: 2047 bytes between the flags = 15 bytes of framing + 2032 info. */
    f.info_len = 2047u - 2u - 1u - 4u - 1u - 2u - 2u;
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(&wb, &f), MSDK_OK);
    ck_assert_uint_eq(wb.pos, 2049);
    ck_assert_uint_eq(out[1], 0xAF); /* type 3, S, length high bits 111 */
    ck_assert_uint_eq(out[2], 0xFF);
    msdk_cosem_hdlc_frame_t g;
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(out, wb.pos, &g), MSDK_OK);
    ck_assert(g.segmented);
    ck_assert_uint_eq(g.info_len, f.info_len);
    f.info_len++;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(&wb, &f), MSDK_ERR_INVALID_ARG);
    /* Too little room: nothing written, at every size. */
    f.info_len = 10;
    for (size_t cap = 0; cap < 2u + 2u + 1u + 4u + 1u + 2u + 10u + 2u; cap++) {
        msdk_wbuf_init(&wb, out, cap);
        if (msdk_cosem_hdlc_frame_encode(&wb, &f) != MSDK_ERR_BUFFER_TOO_SMALL || wb.pos != 0) {
            ck_abort_msg("cap %zu", cap);
        }
    }
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(NULL, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(&wb, NULL), MSDK_ERR_INVALID_ARG);
    f.info = NULL;
    ck_assert_int_eq(msdk_cosem_hdlc_frame_encode(&wb, &f), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Frame codec: errors -------------------------------------------------------------------- */

static const msdk_cosem_hdlc_frame_t sentinel_frame = {
    { 9, 9, 9 }, { 9, 9, 9 }, MSDK_COSEM_HDLC_UNKNOWN, 0xAA, 5, 5, true, true, NULL, 99
};

static msdk_err_t decode_keep(const uint8_t *b, size_t n)
{
    msdk_cosem_hdlc_frame_t f;
    memcpy(&f, &sentinel_frame, sizeof f); /* padding included, for memcmp */
    msdk_err_t err = msdk_cosem_hdlc_frame_decode(b, n, &f);
    if (err != MSDK_OK && memcmp(&f, &sentinel_frame, sizeof f) != 0) {
        ck_abort_msg("output changed on error");
    }
    return err;
}

START_TEST(decode_truncated_every_length)
{
    const char *const vs[] = { V_SNRM, V_UA, V_AARQ, V_AARE, V_UA4, V_SNRM4, V_UI };
    for (size_t k = 0; k < sizeof vs / sizeof vs[0]; k++) {
        uint8_t b[128];
        size_t n = ck_hex(vs[k], b, sizeof b);
        for (size_t len = 0; len < n; len++) {
            /* Prefix with flag, and prefix of the flagless frame. */
            msdk_err_t e1 = decode_keep(b, len);
            msdk_err_t e2 = decode_keep(b + 1, len < n - 2 ? len : n - 3);
            if (e1 == MSDK_OK || e2 == MSDK_OK) {
                ck_abort_msg("vector %zu prefix %zu decoded", k, len);
            }
            if (len >= 3 && len < n - 2 && e2 != MSDK_ERR_TRUNCATED) {
                ck_abort_msg("vector %zu prefix %zu: %d", k, len, (int)e2);
            }
        }
        ck_assert_int_eq(decode_keep(b, n), MSDK_OK);
    }
}
END_TEST

START_TEST(decode_bad_checksums)
{
    uint8_t b[128];
    size_t n = ck_hex(V_AARQ, b, sizeof b);
    /* Flip every bit of every byte between the flags: never accepted. */
    for (size_t i = 1; i + 1 < n; i++) {
        for (unsigned bit = 0; bit < 8u; bit++) {
            b[i] ^= (uint8_t)(1u << bit);
            msdk_err_t err = decode_keep(b, n);
            b[i] ^= (uint8_t)(1u << bit);
            if (err == MSDK_OK) {
                ck_abort_msg("byte %zu bit %u accepted", i, bit);
            }
        }
    }
    /* Bad HCS alone (FCS recomputed), bad FCS alone. */
    b[7] ^= 0xFF;
    uint16_t fcs = msdk_crc16_x25(&b[1], n - 4);
    b[n - 3] = (uint8_t)fcs;
    b[n - 2] = (uint8_t)(fcs >> 8);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_CHECKSUM);
    n = ck_hex(V_AARQ, b, sizeof b);
    b[n - 2] ^= 0x01;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_CHECKSUM);
    n = ck_hex(V_SNRM, b, sizeof b);
    b[n - 3] ^= 0x80;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_CHECKSUM);
}
END_TEST

/* Builds a frame between flags from raw header bytes, with correct HCS/FCS. */
static size_t build_raw(uint8_t *b, const uint8_t *hdr, size_t hn, bool hcs, const uint8_t *info,
                        size_t in, size_t extra)
{
    size_t flen = hn + 2u + (hcs ? 2u + in : 0u) + extra;
    memcpy(b, hdr, hn);
    b[0] = (uint8_t)(0xA0u | (flen >> 8));
    b[1] = (uint8_t)flen;
    size_t pos = hn;
    if (hcs) {
        uint16_t c = msdk_crc16_x25(b, hn);
        b[pos++] = (uint8_t)c;
        b[pos++] = (uint8_t)(c >> 8);
        memcpy(&b[pos], info, in);
        pos += in;
    }
    memset(&b[pos], 0x5A, extra);
    pos += extra;
    uint16_t c = msdk_crc16_x25(b, pos);
    b[pos++] = (uint8_t)c;
    b[pos++] = (uint8_t)(c >> 8);
    return pos;
}

START_TEST(decode_malformed)
{
    uint8_t b[64];
    size_t n;
    /* Format type other than 3. */
    n = ck_hex("7EA00802232193BD647E", b, sizeof b);
    b[1] = 0x90;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    /* Length field one too long / too short / below the minimum. */
    n = ck_hex("A00802232193BD64", b, sizeof b);
    b[1] = 0x09;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_TRUNCATED);
    b[1] = 0x07;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    b[1] = 0x06;
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    /* Missing closing flag. */
    n = ck_hex("7EA00802232193BD647F", b, sizeof b);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    n = ck_hex("7EA00902232193BD647E", b, sizeof b);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_TRUNCATED);
    /* 3-byte destination address, and 5 bytes without the end bit. */
    const uint8_t h3[] = { 0, 0, 0x02, 0x04, 0x23, 0x21, 0x93 };
    n = build_raw(b, h3, sizeof h3, false, NULL, 0, 0);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    const uint8_t h5[] = { 0, 0, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x21, 0x93 };
    n = build_raw(b, h5, sizeof h5, false, NULL, 0, 0);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    /* Addresses running into the FCS (length too small for the header). */
    const uint8_t hlong[] = { 0, 0, 0x02, 0x04, 0x06, 0x09, 0x21 };
    n = build_raw(b, hlong, sizeof hlong, false, NULL, 0, 0);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    /* One or two bytes between control and FCS: an HCS without information. */
    const uint8_t h[] = { 0, 0, 0x03, 0x21, 0x13 };
    n = build_raw(b, h, sizeof h, false, NULL, 0, 1);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    n = build_raw(b, h, sizeof h, false, NULL, 0, 2);
    ck_assert_int_eq(decode_keep(b, n), MSDK_ERR_MALFORMED);
    /* One information byte is fine. */
    const uint8_t one = 0xE6;
    n = build_raw(b, h, sizeof h, true, &one, 1, 0);
    msdk_cosem_hdlc_frame_t f;
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(b, n, &f), MSDK_OK);
    ck_assert_uint_eq(f.info_len, 1);
    ck_assert_uint_eq(f.info[0], 0xE6);
    /* Trailing byte after the frame. */
    b[n] = 0;
    ck_assert_int_eq(decode_keep(b, n + 1), MSDK_ERR_MALFORMED);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(NULL, 3, &f), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(b, n, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Parameters ----------------------------------------------------------------------------- */

static msdk_err_t params_keep(const uint8_t *b, size_t n)
{
    msdk_cosem_hdlc_params_t s = { 7, 7, 7, 7 };
    msdk_cosem_hdlc_params_t p = s;
    msdk_err_t err = msdk_cosem_hdlc_params_decode(b, n, &p);
    if (err != MSDK_OK && memcmp(&p, &s, sizeof p) != 0) {
        ck_abort_msg("params changed on error");
    }
    return err;
}

START_TEST(params_cases)
{
    check_params(NULL, 0, 128, 128, 1, 1);
    msdk_cosem_hdlc_params_t p;
    uint8_t b[64];
    size_t n;
    /* Empty group: defaults; partial group: defaults for the rest; 4-byte values. */
    n = ck_hex("818000", b, sizeof b);
    ck_assert_int_eq(params_keep(b, n), MSDK_OK);
    n = ck_hex("8180090604000007D0080107", b, sizeof b);
    check_params(b, n, 128, 2000, 1, 7);
    /* Unknown parameter skipped (ISO 13239 parameter 03 "HDLC options"). */
    n = ck_hex("818007030100050200FF", b, sizeof b);
    check_params(b, n, 255, 128, 1, 1);
    /* Errors. */
    static const struct {
        const char *h;
        msdk_err_t e;
    } bad[] = {
        { "828003050180", MSDK_ERR_MALFORMED },      /* format identifier */
        { "818103050180", MSDK_ERR_MALFORMED },      /* group identifier */
        { "81800305018000", MSDK_ERR_MALFORMED },    /* trailing byte */
        { "81800505030000 80", MSDK_ERR_MALFORMED }, /* value length 3 */
        { "818003050100", MSDK_ERR_MALFORMED },      /* value 0 */
        { "818003050280", MSDK_ERR_TRUNCATED },      /* value length beyond the group */
        { "8180020501", MSDK_ERR_TRUNCATED },        /* group cut inside a parameter */
        { "8180040502", MSDK_ERR_TRUNCATED },        /* group beyond the field */
        { "818003030500", MSDK_ERR_TRUNCATED },      /* unknown parameter beyond the group */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        n = ck_hex(bad[i].h, b, sizeof b);
        if (params_keep(b, n) != bad[i].e) {
            ck_abort_msg("case %zu", i);
        }
    }
    /* Truncated at every length. */
    n = ck_hex("81801205019A06019A07040000000108040000000 1", b, sizeof b);
    for (size_t len = 1; len < n; len++) {
        if (params_keep(b, len) != MSDK_ERR_TRUNCATED) {
            ck_abort_msg("len %zu", len);
        }
    }
    ck_assert_int_eq(msdk_cosem_hdlc_params_decode(b, n, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_params_decode(NULL, 1, &p), MSDK_ERR_INVALID_ARG);
    /* Encoder: 2- and 4-byte lengths, no room. */
    msdk_cosem_hdlc_params_t q = { 2030, 70000, 1, 7 };
    uint8_t out[32];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, out, sizeof out);
    ck_assert_int_eq(msdk_cosem_hdlc_params_encode(&wb, &q), MSDK_OK);
    uint8_t exp[32];
    size_t en =
        ck_hex("8180160502 07EE 0604 00011170 0704 00000001 0804 00000007", exp, sizeof exp);
    ck_assert_uint_eq(wb.pos, en);
    ck_assert_mem_eq(out, exp, en);
    check_params(out, wb.pos, 2030, 70000, 1, 7);
    msdk_wbuf_init(&wb, out, en - 1);
    ck_assert_int_eq(msdk_cosem_hdlc_params_encode(&wb, &q), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(wb.pos, 0);
}
END_TEST

/* ---- Deframer ------------------------------------------------------------------------------- */

typedef struct {
    size_t count;
    size_t lens[8];
    uint8_t first[8][4];
} df_result_t;

static void df_run(msdk_cosem_hdlc_deframer_t *d, const uint8_t *s, size_t n, uint32_t now,
                   df_result_t *r)
{
    while (n > 0) {
        size_t used = 0;
        const uint8_t *fr = NULL;
        size_t fl = 0;
        msdk_err_t err = msdk_cosem_hdlc_deframer_feed(d, s, n, now, &used, &fr, &fl);
        if (used > n) {
            ck_abort_msg("consumed too much");
        }
        s += used;
        n -= used;
        if (err == MSDK_OK) {
            if (r->count < 8) {
                r->lens[r->count] = fl;
                memcpy(r->first[r->count], fr + 4, 4);
            }
            r->count++;
            if (msdk_cosem_hdlc_frame_decode(fr, fl, &(msdk_cosem_hdlc_frame_t){ 0 }) != MSDK_OK) {
                ck_abort_msg("deframed frame does not decode");
            }
        } else if (err != MSDK_ERR_WOULD_BLOCK || n != 0) {
            ck_abort_msg("feed error");
        }
    }
}

START_TEST(deframer_stream)
{
    uint8_t buf[300];
    msdk_cosem_hdlc_deframer_t d;
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_init(&d, buf, sizeof buf, 0), MSDK_OK);
    uint8_t s[400];
    size_t n = 0;
    /* Garbage, SNRM, repeated flags, AARQ sharing its closing flag with the UI frame. */
    n += ck_hex("00 FF A0 12 7E 7E", s + n, sizeof s - n);
    n += ck_hex(V_SNRM, s + n, sizeof s - n);
    n += ck_hex("7E 7E 55", s + n, sizeof s - n);
    n += ck_hex(V_AARQ, s + n, sizeof s - n);
    n -= 1; /* shared flag */
    n += ck_hex(V_UI, s + n, sizeof s - n);
    n += ck_hex("12 34", s + n, sizeof s - n);
    df_result_t r = { 0 };
    df_run(&d, s, n, 0, &r);
    ck_assert_uint_eq(r.count, 3);
    ck_assert_uint_eq(r.lens[0], 8);
    ck_assert_uint_eq(r.lens[1], 0x2C);
    ck_assert_uint_eq(r.lens[2], 0x13);
    /* Byte by byte gives the same. */
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_init(&d, buf, sizeof buf, 0), MSDK_OK);
    df_result_t r1 = { 0 };
    for (size_t i = 0; i < n; i++) {
        df_run(&d, &s[i], 1, 0, &r1);
    }
    ck_assert_uint_eq(r1.count, 3);
    ck_assert_mem_eq(r1.lens, r.lens, sizeof r.lens);
}
END_TEST

START_TEST(deframer_errors)
{
    uint8_t buf[40];
    msdk_cosem_hdlc_deframer_t d;
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_init(&d, buf, sizeof buf, 50), MSDK_OK);
    uint8_t s[200];
    size_t n;
    df_result_t r = { 0 };
    /* AARQ (44 bytes) exceeds the 40-byte buffer: dropped, the following SNRM survives. */
    n = ck_hex(V_AARQ, s, sizeof s);
    n += ck_hex(V_SNRM, s + n, sizeof s - n);
    df_run(&d, s, n, 0, &r);
    ck_assert_uint_eq(r.count, 1);
    ck_assert_uint_eq(r.lens[0], 8);
    ck_assert_uint_ge(d.dropped, 1);
    /* Missing closing flag: dropped; resynchronised by the next flag. */
    memset(&r, 0, sizeof r);
    n = ck_hex("7EA00802232193BD6400", s, sizeof s);
    n += ck_hex(V_SNRM, s + n, sizeof s - n);
    df_run(&d, s, n, 10, &r);
    ck_assert_uint_eq(r.count, 1);
    /* Inter-character timeout: the first half is dropped, a fresh frame after it is found. */
    memset(&r, 0, sizeof r);
    n = ck_hex(V_SNRM, s, sizeof s);
    df_run(&d, s, 5, 100, &r);
    df_run(&d, s + 5, n - 5, 151, &r); /* 51 ms gap > 50 ms */
    ck_assert_uint_eq(r.count, 0);
    df_run(&d, s, n, 152, &r);
    ck_assert_uint_eq(r.count, 1);
    /* Exactly at the timeout still belongs to the frame; the counter may wrap. */
    memset(&r, 0, sizeof r);
    df_run(&d, s, 5, 0xFFFFFFF0u, &r);
    df_run(&d, s + 5, n - 5, 0xFFFFFFF0u + 50u, &r);
    ck_assert_uint_eq(r.count, 1);
    /* Length field below the minimum, and reset in the middle of a frame. */
    memset(&r, 0, sizeof r);
    n = ck_hex("7EA0067E", s, sizeof s);
    df_run(&d, s, n, 0, &r);
    n = ck_hex(V_SNRM, s, sizeof s);
    df_run(&d, s, 4, 0, &r);
    msdk_cosem_hdlc_deframer_reset(&d);
    df_run(&d, s + 4, n - 4, 0, &r);
    ck_assert_uint_eq(r.count, 0);
    /* Arguments. */
    size_t used;
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_init(&d, buf, 6, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_init(&d, NULL, 60, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_feed(&d, NULL, 1, 0, &used, &fr, &fl),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_deframer_feed(&d, NULL, 0, 0, &used, &fr, &fl),
                     MSDK_ERR_WOULD_BLOCK);
    ck_assert_uint_eq(used, 0);
}
END_TEST

/* ---- Server link ---------------------------------------------------------------------------- */

typedef struct {
    msdk_cosem_hdlc_server_t s;
    uint8_t rxf[300];
    uint8_t txf[300];
    uint8_t apdu[400];
} srv_fixture_t;

static void srv_setup(srv_fixture_t *x, uint16_t max_info, size_t apdu_cap)
{
    const msdk_cosem_hdlc_server_config_t cfg = {
        .logical = 1,
        .physical = 17,
        .accept_short_addr = false,
        .max_info_tx = max_info,
        .max_info_rx = max_info,
        .inactivity_ms = 120000,
        .interchar_ms = 100,
        CK_HDLC_BUFFERS(x->rxf, x->txf, x->apdu, apdu_cap),
    };
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x->s, &cfg), MSDK_OK);
}

/* The server's pending frame, decoded into resp; false when there is none. */
static bool srv_answer(srv_fixture_t *x, msdk_cosem_hdlc_frame_t *resp)
{
    const uint8_t *fr;
    size_t fl;
    if (msdk_cosem_hdlc_server_take_tx(&x->s, &fr, &fl) != MSDK_OK) {
        return false;
    }
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(fr, fl, resp), MSDK_OK);
    return true;
}

/* Feeds a hex frame; returns the decoded response, or false when there is none. */
static bool srv_cmd_hex(srv_fixture_t *x, const char *h, uint32_t now,
                        msdk_cosem_hdlc_frame_t *resp)
{
    uint8_t b[400];
    size_t n = ck_hex(h, b, sizeof b);
    ck_assert_int_eq(msdk_cosem_hdlc_server_rx(&x->s, b, n, now), MSDK_OK);
    return srv_answer(x, resp);
}

/* Sends a command frame built from fields (client 16 -> server 1/17). */
static bool srv_cmd(srv_fixture_t *x, msdk_cosem_hdlc_ftype_t t, uint8_t ns, uint8_t nr, bool seg,
                    const uint8_t *info, size_t in, uint32_t now, msdk_cosem_hdlc_frame_t *resp)
{
    msdk_cosem_hdlc_frame_t f = new_frame(t, A_SERVER, A_CLIENT);
    f.control = (uint8_t)ns; /* raw control for UNKNOWN */
    f.ns = (t == MSDK_COSEM_HDLC_UNKNOWN) ? 0 : ns;
    f.nr = nr;
    f.pf = true;
    f.segmented = seg;
    f.info = info;
    f.info_len = in;
    uint8_t b[400];
    msdk_wbuf_t wb;
    ck_assert_int_eq(encode_into(&wb, b, sizeof b, &f), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_rx(&x->s, b, wb.pos, now), MSDK_OK);
    return srv_answer(x, resp);
}

/* Encodes c and hands it to the server as one delimited frame; returns the server's result. */
static msdk_err_t srv_rx_frame(srv_fixture_t *x, const msdk_cosem_hdlc_frame_t *c, uint32_t now)
{
    uint8_t b[64];
    msdk_wbuf_t wb;
    ck_assert_int_eq(encode_into(&wb, b, sizeof b, c), MSDK_OK);
    return msdk_cosem_hdlc_server_rx_frame(&x->s, b, wb.pos, now);
}

static void srv_connect(srv_fixture_t *x)
{
    msdk_cosem_hdlc_frame_t r;
    ck_assert(srv_cmd_hex(x, V_SNRM, 0, &r));
    ck_assert_int_eq(r.type, MSDK_COSEM_HDLC_UA);
    (void)msdk_cosem_hdlc_server_take_events(&x->s);
}

START_TEST(server_published_conversation)
{
    static srv_fixture_t x;
    srv_setup(&x, 154, 400);
    uint8_t b[128];
    size_t n;
    /* SNRM proposing 154/154, window 1 -> the published UA, byte for byte. */
    msdk_cosem_hdlc_params_t prop = { 154, 154, 1, 1 };
    uint8_t info[32];
    msdk_wbuf_t wb;
    msdk_wbuf_init(&wb, info, sizeof info);
    ck_assert_int_eq(msdk_cosem_hdlc_params_encode(&wb, &prop), MSDK_OK);
    msdk_cosem_hdlc_frame_t f;
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_SNRM, 0, 0, false, info, wb.pos, 0, &f));
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    ck_assert_uint_eq(x.s.tx_len, ck_hex(V_UA, b, sizeof b));
    ck_assert_mem_eq(x.txf, b, x.s.tx_len);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_CONNECTED);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NRM);
    uint16_t client = 0;
    uint16_t logical = 0;
    ck_assert_int_eq(msdk_cosem_hdlc_server_peer(&x.s, &client, &logical), MSDK_OK);
    ck_assert_uint_eq(client, 16);
    ck_assert_uint_eq(logical, 1);

    /* AARQ I-frame -> APDU to the upper layer, no frame until it answers. */
    ck_assert(!srv_cmd_hex(&x, V_AARQ, 10, &f));
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_APDU);
    const uint8_t *apdu;
    size_t alen;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &apdu, &alen), MSDK_OK);
    n = ck_hex("E6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF", b, sizeof b);
    ck_assert_uint_eq(alen, n);
    ck_assert_mem_eq(apdu, b, n);

    /* AARE -> the published AARE I-frame, byte for byte. */
    static uint8_t aare[64];
    size_t aare_len =
        ck_hex("E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065"
               "F1F0400001E1D04C80007",
               aare, sizeof aare);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, aare, aare_len), MSDK_OK);
    ck_assert(msdk_cosem_hdlc_server_tx_busy(&x.s));
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_OK);
    n = ck_hex(V_AARE, b, sizeof b);
    ck_assert_uint_eq(fl, n);
    ck_assert_mem_eq(fr, b, n);
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &apdu, &alen), MSDK_ERR_WOULD_BLOCK);

    /* DISC acknowledges the AARE (N(R) = 1 is implicit: DISC has none) -> UA, NDM. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_DISC, 0, 0, false, NULL, 0, 20, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_UA);
    ck_assert_uint_eq(f.info_len, 0);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_DISCONNECTED);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NDM);
    ck_assert_int_eq(msdk_cosem_hdlc_server_peer(&x.s, &client, &logical), MSDK_ERR_STATE);
    /* DISC again in NDM -> DM (hand-derived: 7E A0 08 21 02 23 1F CRC 7E). */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_DISC, 0, 0, false, NULL, 0, 30, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert(f.pf);
    ck_assert_uint_eq(x.txf[1], 0xA0);
    ck_assert_uint_eq(x.txf[2], 0x08);
    ck_assert_uint_eq(x.txf[3], 0x21);
    ck_assert_uint_eq(x.txf[4], 0x02);
    ck_assert_uint_eq(x.txf[5], 0x23);
    ck_assert_uint_eq(x.txf[6], 0x1F);
    /* I, RR, RNR in NDM -> DM too. */
    ck_assert(srv_cmd_hex(&x, V_AARQ, 40, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 0, false, NULL, 0, 40, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RNR, 0, 0, false, NULL, 0, 40, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_UNKNOWN, 0x19, 0, false, NULL, 0, 40, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, aare, 1), MSDK_ERR_STATE);
}
END_TEST

START_TEST(server_segmented_response)
{
    static srv_fixture_t x;
    srv_setup(&x, 128, 400);
    srv_connect(&x); /* SNRM without parameters: 128 both ways */
    const uint8_t req[] = { 0xE6, 0xE6, 0x00, 0xC0, 0x01, 0xC1, 0x00, 0x07,
                            0x01, 0x00, 0x63, 0x01, 0x00, 0xFF, 0x02, 0x00 };
    msdk_cosem_hdlc_frame_t f;
    ck_assert(!srv_cmd(&x, MSDK_COSEM_HDLC_I, 0, 0, false, req, sizeof req, 0, &f));
    static uint8_t resp[300];
    for (size_t i = 0; i < sizeof resp; i++) {
        resp[i] = (uint8_t)i;
    }
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, resp, sizeof resp), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, resp, 1), MSDK_ERR_BUSY);
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_frame_decode(fr, fl, &f), MSDK_OK);
    /* Segment 1: N(S) 0, N(R) 1, S set, 128 bytes. */
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_I);
    ck_assert_uint_eq(f.ns, 0);
    ck_assert_uint_eq(f.nr, 1);
    ck_assert(f.segmented);
    ck_assert_uint_eq(f.info_len, 128);
    ck_assert_mem_eq(f.info, resp, 128);
    uint8_t first[300];
    memcpy(first, fr, fl);
    size_t first_len = fl;
    /* Repeated RR with N(R) 0 (segment lost) -> the same frame again. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 0, false, NULL, 0, 10, &f));
    ck_assert_uint_eq(x.s.tx_len, first_len);
    ck_assert_mem_eq(x.txf, first, first_len);
    ck_assert_uint_eq(x.s.stats.retransmits, 1);
    /* RR N(R) 1 -> segment 2 (N(S) 1, S set). */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 1, false, NULL, 0, 20, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_I);
    ck_assert_uint_eq(f.ns, 1);
    ck_assert(f.segmented);
    ck_assert_mem_eq(f.info, resp + 128, 128);
    /* RR N(R) 2 -> last segment (N(S) 2, S clear, 44 bytes). */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 2, false, NULL, 0, 30, &f));
    ck_assert_uint_eq(f.ns, 2);
    ck_assert(!f.segmented);
    ck_assert_uint_eq(f.info_len, 44);
    ck_assert_mem_eq(f.info, resp + 256, 44);
    ck_assert(msdk_cosem_hdlc_server_tx_busy(&x.s));
    /* Repeated RR N(R) 2 -> last segment again. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 2, false, NULL, 0, 35, &f));
    ck_assert_uint_eq(f.ns, 2);
    ck_assert_uint_eq(f.info_len, 44);
    /* RR N(R) 3 acknowledges everything -> RR, TX_DONE. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 3, false, NULL, 0, 40, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 1);
    ck_assert(!msdk_cosem_hdlc_server_tx_busy(&x.s));
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s),
                      MSDK_COSEM_HDLC_EVT_APDU | MSDK_COSEM_HDLC_EVT_TX_DONE);
    /* Invalid N(R) 5 -> FRMR with Z, rejected control, V(S) 3, V(R) 1. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 5, false, NULL, 0, 50, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_uint_eq(f.info_len, 3);
    ck_assert_uint_eq(f.info[0], 0xB1);
    ck_assert_uint_eq(f.info[1], (3u << 1) | (1u << 5));
    ck_assert_uint_eq(f.info[2], MSDK_COSEM_HDLC_FRMR_Z);
    /* The link keeps working: next request N(S) 1, N(R) 3. */
    ck_assert(!srv_cmd(&x, MSDK_COSEM_HDLC_I, 1, 3, false, req, sizeof req, 60, &f));
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_APDU);
    /* Poll while the upper layer works -> RR; then the answer waits for the next RR. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 3, false, NULL, 0, 61, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 2);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, resp, 10), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 3, false, NULL, 0, 62, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_I);
    ck_assert_uint_eq(f.ns, 3);
    ck_assert_uint_eq(f.nr, 2);
    ck_assert_uint_eq(f.info_len, 10);
}
END_TEST

START_TEST(server_sequence_errors)
{
    static srv_fixture_t x;
    srv_setup(&x, 128, 200);
    srv_connect(&x);
    const uint8_t seg[100] = { 0xE6 };
    msdk_cosem_hdlc_frame_t f;
    /* Out-of-sequence N(S) 1 -> not accepted, RR N(R) 0. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 1, 0, false, seg, 10, 0, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 0);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), 0);
    /* Segmented request: RR after each segment; a repeated segment is not taken twice. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 0, 0, true, seg, 100, 1, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 1);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 0, 0, true, seg, 100, 2, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 1);
    ck_assert(!srv_cmd(&x, MSDK_COSEM_HDLC_I, 1, 0, false, seg, 50, 3, &f));
    const uint8_t *apdu;
    size_t alen;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &apdu, &alen), MSDK_OK);
    ck_assert_uint_eq(alen, 150);
    /* Next I-frame while the APDU is held -> RNR. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 2, 0, false, seg, 5, 4, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RNR);
    ck_assert_uint_eq(f.nr, 2);
    /* Release without an answer: the poll was answered by RNR, nothing more to send. */
    msdk_cosem_hdlc_server_release_apdu(&x.s);
    const uint8_t *fr0;
    size_t fl0;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr0, &fl0), MSDK_ERR_WOULD_BLOCK);
    (void)msdk_cosem_hdlc_server_take_events(&x.s);
    /* Information field over the negotiated 128 -> FRMR Y. */
    static uint8_t big[200];
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 2, 0, false, big, 129, 5, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_uint_eq(f.info[2], MSDK_COSEM_HDLC_FRMR_Y);
    /* Reassembly overflow (200-byte buffer): FRMR Y, event, link keeps working. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 2, 0, true, big, 120, 6, &f));
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_I, 3, 0, true, big, 120, 7, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_uint_eq(f.info[2], MSDK_COSEM_HDLC_FRMR_Y);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_RX_OVERFLOW);
    ck_assert_uint_eq(x.s.stats.rx_overflows, 1);
    ck_assert(!srv_cmd(&x, MSDK_COSEM_HDLC_I, 3, 0, false, seg, 20, 8, &f));
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &apdu, &alen), MSDK_OK);
    ck_assert_uint_eq(alen, 20);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_APDU);
    /* release_apdu with the poll owed -> RR. */
    msdk_cosem_hdlc_server_release_apdu(&x.s);
    ck_assert(srv_answer(&x, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    ck_assert_uint_eq(f.nr, 4);
    /* Unknown control (REJ 0x19) -> FRMR W; responses as commands -> FRMR W. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_UNKNOWN, 0x19, 0, false, NULL, 0, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_uint_eq(f.info[0], 0x19);
    ck_assert_uint_eq(f.info[2], MSDK_COSEM_HDLC_FRMR_W);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_UA, 0, 0, false, NULL, 0, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_DM, 0, 0, false, NULL, 0, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    /* RR and DISC with an information field -> FRMR W+X. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RR, 0, 0, false, seg, 3, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_uint_eq(f.info[2], MSDK_COSEM_HDLC_FRMR_W | MSDK_COSEM_HDLC_FRMR_X);
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_DISC, 0, 0, false, seg, 3, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_FRMR);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NRM);
    ck_assert_uint_eq(x.s.stats.frmr_sent, 7);
    /* RNR poll -> RR, nothing sent. */
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_RNR, 0, 0, false, NULL, 0, 9, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_RR);
    /* A new SNRM resets the sequence numbers: N(S) 0 is accepted again. */
    ck_assert(srv_cmd_hex(&x, V_SNRM, 10, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_UA);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s),
                      MSDK_COSEM_HDLC_EVT_DISCONNECTED | MSDK_COSEM_HDLC_EVT_CONNECTED);
    ck_assert(!srv_cmd_hex(&x, V_AARQ, 11, &f));
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_APDU);
}
END_TEST

START_TEST(server_addressing_and_errors)
{
    static srv_fixture_t x;
    srv_setup(&x, 128, 200);
    msdk_cosem_hdlc_frame_t f;
    /* Other physical address (18), other logical device (2), 1-byte address: ignored. */
    ck_assert(!srv_cmd_hex(&x, "7EA00802252193 0000 7E", 0, &f)); /* bad FCS anyway */
    msdk_cosem_hdlc_frame_t c = new_frame(MSDK_COSEM_HDLC_SNRM, A_SERVER, A_CLIENT);
    c.pf = true;
    static const msdk_cosem_hdlc_addr_t others[] = {
        { 1, 18, 2 }, { 2, 17, 2 }, { 1, 0, 1 }, { 0, 17, 2 }, { 1, 18, 4 },
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        c.dst = others[i];
        ck_assert_int_eq(srv_rx_frame(&x, &c, 0), MSDK_ERR_NOT_FOUND);
    }
    /* Client address 0 (no station) and all-station are not valid sources. */
    c.dst = A_SERVER;
    c.src.upper = 0;
    ck_assert_int_eq(srv_rx_frame(&x, &c, 0), MSDK_ERR_NOT_FOUND);
    ck_assert_uint_eq(x.s.stats.rx_ignored, 6);
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    /* Bad FCS and truncations at every length of the SNRM: dropped, no answer. */
    uint8_t b[64];
    size_t n = ck_hex(V_SNRM, b, sizeof b);
    b[n - 2] ^= 0x10;
    ck_assert_int_eq(msdk_cosem_hdlc_server_rx_frame(&x.s, b, n, 0), MSDK_ERR_CHECKSUM);
    b[n - 2] ^= 0x10;
    for (size_t len = 0; len < n; len++) {
        if (msdk_cosem_hdlc_server_rx_frame(&x.s, b, len, 0) == MSDK_OK) {
            ck_abort_msg("prefix %zu accepted", len);
        }
    }
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NDM);
    /* SNRM with 4-byte addressing (epri-dev vector) -> UA in the same 4-byte form. */
    ck_assert(srv_cmd_hex(&x, V_SNRM4, 0, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_UA);
    check_addr(&f.src, 4, 1, 17);
    check_addr(&f.dst, 1, 16, 0);
    /* In NRM: the 2-byte form or another client are not this connection. */
    ck_assert(!srv_cmd_hex(&x, V_AARQ, 1, &f));
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s), MSDK_COSEM_HDLC_EVT_CONNECTED);
    c.type = MSDK_COSEM_HDLC_DISC;
    c.dst = (msdk_cosem_hdlc_addr_t){ 1, 17, 4 };
    c.src.upper = 32;
    ck_assert_int_eq(srv_rx_frame(&x, &c, 2), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NRM);
    /* Broadcast UI (all-station lower address): delivered, never answered. */
    c.type = MSDK_COSEM_HDLC_UI;
    c.dst = (msdk_cosem_hdlc_addr_t){ 1, 0x3FFF, 4 };
    c.src.upper = 16;
    const uint8_t ui[] = { 0xE6, 0xE6, 0x00, 0x0F };
    c.info = ui;
    c.info_len = sizeof ui;
    ck_assert_int_eq(srv_rx_frame(&x, &c, 3), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    const uint8_t *apdu;
    size_t alen;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &apdu, &alen), MSDK_OK);
    ck_assert_uint_eq(alen, 4);
    msdk_cosem_hdlc_server_release_apdu(&x.s);
    /* A broadcast SNRM is not answered and changes nothing. */
    c.type = MSDK_COSEM_HDLC_SNRM;
    c.info = NULL;
    c.info_len = 0;
    ck_assert_int_eq(srv_rx_frame(&x, &c, 3), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
    /* Inactivity: nothing for 120 s is fine, 120.001 s is not. */
    msdk_cosem_hdlc_server_poll(&x.s, 120000u);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NRM);
    msdk_cosem_hdlc_server_poll(&x.s, 120001u);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NDM);
    ck_assert_uint_eq(msdk_cosem_hdlc_server_take_events(&x.s),
                      MSDK_COSEM_HDLC_EVT_APDU | MSDK_COSEM_HDLC_EVT_DISCONNECTED |
                          MSDK_COSEM_HDLC_EVT_TIMEOUT);
    /* SNRM with a malformed parameter field -> DM. */
    const uint8_t badp[] = { 0x81, 0x80, 0x03, 0x05, 0x03, 0x00 };
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_SNRM, 0, 0, false, badp, sizeof badp, 5, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_DM);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&x.s), MSDK_COSEM_HDLC_NDM);
    /* A client proposing smaller limits gets them; larger ones are capped at ours. */
    const uint8_t prop[] = { 0x81, 0x80, 0x07, 0x05, 0x01, 0x40, 0x06, 0x02, 0x07, 0xEE };
    ck_assert(srv_cmd(&x, MSDK_COSEM_HDLC_SNRM, 0, 0, false, prop, sizeof prop, 6, &f));
    ck_assert_int_eq(f.type, MSDK_COSEM_HDLC_UA);
    /* max_info_tx min(128, client rx 2030), max_info_rx min(128, client tx 64). */
    check_params(f.info, f.info_len, 128, 64, 1, 1);
}
END_TEST

START_TEST(server_init_args)
{
    static srv_fixture_t x;
    msdk_cosem_hdlc_server_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.logical = 1;
    cfg.physical = 17;
    cfg.max_info_tx = 128;
    cfg.max_info_rx = 128;
    cfg.rx_frame_buf = x.rxf;
    cfg.rx_frame_cap = 128 + MSDK_COSEM_HDLC_FRAME_OVERHEAD;
    cfg.tx_frame_buf = x.txf;
    cfg.tx_frame_cap = 128 + MSDK_COSEM_HDLC_FRAME_OVERHEAD;
    cfg.apdu_buf = x.apdu;
    cfg.apdu_cap = 1;
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x.s, &cfg), MSDK_OK);
    msdk_cosem_hdlc_server_config_t bad = cfg;
    bad.rx_frame_cap--;
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x.s, &bad), MSDK_ERR_INVALID_ARG);
    bad = cfg;
    bad.max_info_tx = 31;
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x.s, &bad), MSDK_ERR_INVALID_ARG);
    bad = cfg;
    bad.apdu_buf = NULL;
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x.s, &bad), MSDK_ERR_INVALID_ARG);
    bad = cfg;
    bad.physical = 0x3FFE;
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(&x.s, &bad), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_server_init(NULL, &cfg), MSDK_ERR_INVALID_ARG);
    const uint8_t *p;
    size_t n;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_tx(&x.s, NULL, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&x.s, &p, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_server_rx(&x.s, NULL, 1, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&x.s, x.apdu, 0), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Client link against the server link ---------------------------------------------------- */

typedef struct {
    srv_fixture_t srv;
    msdk_cosem_hdlc_client_t c;
    uint8_t crx[300];
    uint8_t ctx[300];
    uint8_t capdu[1000];
    unsigned drop_next_server_frame; /* loss injection */
} pair_t;

static void pair_setup(pair_t *p, uint16_t cmax, uint16_t smax)
{
    memset(p, 0, sizeof *p);
    srv_setup(&p->srv, smax, sizeof p->srv.apdu);
    const msdk_cosem_hdlc_client_config_t cfg = {
        .client = 16,
        .server = A_SERVER,
        .max_info_tx = cmax,
        .max_info_rx = cmax,
        .response_ms = 1000,
        .max_retries = 3,
        CK_HDLC_BUFFERS(p->crx, p->ctx, p->capdu, sizeof p->capdu),
    };
    ck_assert_int_eq(msdk_cosem_hdlc_client_init(&p->c, &cfg), MSDK_OK);
}

/* Moves frames both ways until quiet; the server echoes APDUs reversed-length patterns. */
static void pump(pair_t *p, uint32_t now, const uint8_t *resp, size_t resp_len)
{
    for (int guard = 0; guard < 200; guard++) {
        bool moved = false;
        const uint8_t *fr;
        size_t fl;
        if (msdk_cosem_hdlc_client_take_tx(&p->c, &fr, &fl) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_server_rx(&p->srv.s, fr, fl, now), MSDK_OK);
            moved = true;
        }
        const uint8_t *a;
        size_t al;
        if (msdk_cosem_hdlc_server_take_apdu(&p->srv.s, &a, &al) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_server_send_apdu(&p->srv.s, resp, resp_len), MSDK_OK);
        }
        if (msdk_cosem_hdlc_server_take_tx(&p->srv.s, &fr, &fl) == MSDK_OK) {
            if (p->drop_next_server_frame != 0) {
                p->drop_next_server_frame--;
            } else {
                ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&p->c, fr, fl, now), MSDK_OK);
            }
            moved = true;
        }
        if (!moved) {
            return;
        }
    }
    ck_abort_msg("no quiescence");
}

START_TEST(client_server_back_to_back)
{
    static pair_t p;
    pair_setup(&p, 64, 128);
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&p.c, 0), MSDK_OK);
    pump(&p, 0, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NRM);
    ck_assert_uint_eq(msdk_cosem_hdlc_client_take_events(&p.c), MSDK_COSEM_HDLC_EVT_CONNECTED);
    ck_assert_uint_eq(p.c.params.max_info_tx, 64);
    ck_assert_uint_eq(p.srv.s.max_tx, 64);
    ck_assert_uint_eq(p.srv.s.max_rx, 64);
    /* Request of 300 bytes (5 segments), response of 700 bytes (11 segments). */
    static uint8_t req[300];
    static uint8_t resp[700];
    for (size_t i = 0; i < sizeof resp; i++) {
        resp[i] = (uint8_t)(i * 7u);
        if (i < sizeof req) {
            req[i] = (uint8_t)(i * 3u);
        }
    }
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, sizeof req, 10), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, 1, 10), MSDK_ERR_BUSY);
        pump(&p, 10, resp, sizeof resp);
        const uint8_t *a;
        size_t al;
        ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&p.c, &a, &al), MSDK_OK);
        ck_assert_uint_eq(al, sizeof resp);
        ck_assert_mem_eq(a, resp, al);
        ck_assert_uint_eq(p.srv.s.stats.rx_bad, 0);
    }
    /* The server saw the request intact: check its reassembly on a fresh round. */
    ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, sizeof req, 20), MSDK_OK);
    for (int i = 0; i < 20; i++) {
        const uint8_t *fr;
        size_t fl;
        if (msdk_cosem_hdlc_client_take_tx(&p.c, &fr, &fl) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_server_rx(&p.srv.s, fr, fl, 20), MSDK_OK);
        }
        if (msdk_cosem_hdlc_server_take_tx(&p.srv.s, &fr, &fl) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&p.c, fr, fl, 20), MSDK_OK);
        }
    }
    const uint8_t *a;
    size_t al;
    ck_assert_int_eq(msdk_cosem_hdlc_server_take_apdu(&p.srv.s, &a, &al), MSDK_OK);
    ck_assert_uint_eq(al, sizeof req);
    ck_assert_mem_eq(a, req, al);
    pump(&p, 20, resp, 5);
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&p.c, &a, &al), MSDK_OK);
    ck_assert_uint_eq(al, 5);
    /* Disconnect. */
    ck_assert_int_eq(msdk_cosem_hdlc_client_disconnect(&p.c, 30), MSDK_OK);
    pump(&p, 30, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NDM);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&p.srv.s), MSDK_COSEM_HDLC_NDM);
    ck_assert_uint_eq(msdk_cosem_hdlc_client_take_events(&p.c) & MSDK_COSEM_HDLC_EVT_DISCONNECTED,
                      MSDK_COSEM_HDLC_EVT_DISCONNECTED);
    ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, 1, 40), MSDK_ERR_STATE);
}
END_TEST

START_TEST(client_recovers_lost_frames)
{
    static pair_t p;
    pair_setup(&p, 128, 128);
    /* Lost UA: the SNRM is repeated after the response timeout. */
    p.drop_next_server_frame = 1;
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&p.c, 0), MSDK_OK);
    pump(&p, 0, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_CONNECTING);
    msdk_cosem_hdlc_client_poll(&p.c, 999);
    pump(&p, 999, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_CONNECTING);
    msdk_cosem_hdlc_client_poll(&p.c, 1000);
    pump(&p, 1000, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NRM);
    /* Segmented response with one segment lost: RR poll, server retransmits. */
    static uint8_t resp[400];
    for (size_t i = 0; i < sizeof resp; i++) {
        resp[i] = (uint8_t)(i ^ 0x5Au);
    }
    const uint8_t req[] = { 0xE6, 0xE6, 0x00, 0xC0, 0x01, 0xC1 };
    ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, sizeof req, 2000), MSDK_OK);
    p.drop_next_server_frame = 1;
    pump(&p, 2000, resp, sizeof resp);
    const uint8_t *a;
    size_t al;
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&p.c, &a, &al), MSDK_ERR_WOULD_BLOCK);
    msdk_cosem_hdlc_client_poll(&p.c, 3000);
    pump(&p, 3000, resp, sizeof resp);
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&p.c, &a, &al), MSDK_OK);
    ck_assert_uint_eq(al, sizeof resp);
    ck_assert_mem_eq(a, resp, al);
    ck_assert_uint_ge(p.srv.s.stats.retransmits, 1);
    /* No answer at all: after max_retries the client gives up. */
    ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, sizeof req, 4000), MSDK_OK);
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_tx(&p.c, &fr, &fl), MSDK_OK);
    (void)msdk_cosem_hdlc_client_take_events(&p.c);
    for (uint32_t t = 5000; t <= 9000; t += 1000) {
        msdk_cosem_hdlc_client_poll(&p.c, t);
        if (msdk_cosem_hdlc_client_take_tx(&p.c, &fr, &fl) == MSDK_OK && fl == 0) {
            ck_abort_msg("empty frame");
        }
    }
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NDM);
    ck_assert_uint_eq(msdk_cosem_hdlc_client_take_events(&p.c),
                      MSDK_COSEM_HDLC_EVT_DISCONNECTED | MSDK_COSEM_HDLC_EVT_TIMEOUT);
    /* The server answers DM to a client that sends I-frames after its inactivity timeout. */
    msdk_cosem_hdlc_server_poll(&p.srv.s, 200000);
    ck_assert_int_eq(msdk_cosem_hdlc_server_state(&p.srv.s), MSDK_COSEM_HDLC_NDM);
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&p.c, 200000), MSDK_OK);
    pump(&p, 200000, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NRM);
    msdk_cosem_hdlc_server_poll(&p.srv.s, 400000);
    ck_assert_int_eq(msdk_cosem_hdlc_client_send_apdu(&p.c, req, sizeof req, 400000), MSDK_OK);
    pump(&p, 400000, resp, 3);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NDM);
    ck_assert_uint_eq(msdk_cosem_hdlc_client_take_events(&p.c) & MSDK_COSEM_HDLC_EVT_REJECTED,
                      MSDK_COSEM_HDLC_EVT_REJECTED);
}
END_TEST

START_TEST(client_args_and_dm)
{
    static pair_t p;
    pair_setup(&p, 128, 128);
    msdk_cosem_hdlc_client_config_t cfg = p.c.cfg;
    cfg.client = 0;
    ck_assert_int_eq(msdk_cosem_hdlc_client_init(&p.c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = p.c.cfg;
    cfg.server.size = 3;
    ck_assert_int_eq(msdk_cosem_hdlc_client_init(&p.c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = p.c.cfg;
    cfg.server = (msdk_cosem_hdlc_addr_t){ 1, 99, 2 }; /* nobody there */
    ck_assert_int_eq(msdk_cosem_hdlc_client_init(&p.c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&p.c, 0), MSDK_OK);
    pump(&p, 0, NULL, 0);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_CONNECTING);
    /* A DM from the right server refuses the connection. */
    uint8_t b[32];
    msdk_cosem_hdlc_frame_t f =
        new_frame(MSDK_COSEM_HDLC_DM, A_CLIENT, (msdk_cosem_hdlc_addr_t){ 1, 99, 2 });
    f.pf = true;
    msdk_wbuf_t wb;
    ck_assert_int_eq(encode_into(&wb, b, sizeof b, &f), MSDK_OK);
    /* Noise and a frame for another client first: ignored. */
    const uint8_t noise[] = { 0x7E, 0xA0, 0x01, 0x00, 0x7E };
    ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&p.c, noise, sizeof noise, 1), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_CONNECTING);
    ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&p.c, b, wb.pos, 1), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&p.c), MSDK_COSEM_HDLC_NDM);
    ck_assert_uint_eq(msdk_cosem_hdlc_client_take_events(&p.c), MSDK_COSEM_HDLC_EVT_REJECTED);
    const uint8_t *fr;
    size_t fl;
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_tx(NULL, &fr, &fl), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&p.c, NULL, 2, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&p.c, &fr, &fl), MSDK_ERR_WOULD_BLOCK);
}
END_TEST

Suite *cosem_hdlc_suite(void)
{
    Suite *s = suite_create("cosem_hdlc");
    CK_TCASE(s, "codec", NULL, vec_snrm, vec_ua_params, vec_aarq_aare, vec_four_byte,
             vec_ui_and_hcs, addr_forms, control_fields, encode_limits,
             decode_truncated_every_length, decode_bad_checksums, decode_malformed, params_cases);
    CK_TCASE(s, "deframer", NULL, deframer_stream, deframer_errors);
    CK_TCASE(s, "link", NULL, server_published_conversation, server_segmented_response,
             server_sequence_errors, server_addressing_and_errors, server_init_args,
             client_server_back_to_back, client_recovers_lost_frames, client_args_and_dm);
    return s;
}
