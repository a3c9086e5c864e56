/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * SAP assignment (class 17), IEC local port setup (class 19), IEC HDLC setup (class 23) and
 * TCP-UDP setup (class 41), through the server with APDU bytes derived by hand from the
 * A-XDR rules (the GET/SET/ACTION shapes of ../shared/vectors/dlms-vectors.md section 7:
 * C0 01 iip class obis attr 00 / C4 01 iip 00 data, C1 01 .. / C5 01 iip dar, C3 01 .. /
 * C7 01 iip result 00), the SAP list streamed over blocks and compared with bytes built by
 * hand, every range limit of the Blue Book on both sides, and the class functions called
 * directly for the error paths: values truncated at every length, output buffers of every
 * size, wrong tags and counts, trailing bytes, and a pseudo-random fuzz in which a SET or
 * ACTION reaches the application exactly when it succeeds.
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_setup.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_setup_suite(void);

/* ---- The application ------------------------------------------------------------------------ */

#define SAP_CAP   64u
#define SAP_MAX_W 8u /* max_entries: most entries a SET may write */
#define NONE      0xFFFFFFFFu

typedef struct app {
    /* SAP assignment */
    msdk_cosem_sap_entry_t sap[SAP_CAP];
    uint32_t sap_n;
    msdk_cosem_sap_entry_t staged[SAP_CAP];
    uint32_t staged_n;
    uint32_t sap_fail_at; /* get() fails at this row */
    uint32_t row_fail_at; /* set_row() fails at this row */
    bool begin_fails;
    unsigned begins, rows, ends, commits, connects;
    msdk_cosem_sap_entry_t connected;
    /* IEC local port setup */
    uint8_t lp_code[4];    /* attributes 2..5 */
    uint8_t lp_str[4][40]; /* attributes 6..9 */
    size_t lp_len[4];
    unsigned lp_gets, lp_sets;
    /* IEC HDLC setup */
    uint16_t hdlc[10]; /* by attribute */
    unsigned hdlc_sets;
    /* TCP-UDP setup */
    msdk_cosem_tcp_udp_setup_value_t tcp[7]; /* by attribute */
    unsigned tcp_sets;
    /* any provider: answer this instead of the value (0: answer) */
    uint8_t fail_dar;
} app_t;

static app_t g_app;

static uint32_t sap_count(void *ctx)
{
    return ((app_t *)ctx)->sap_n;
}

static uint8_t sap_get_row(void *ctx, uint32_t i, msdk_cosem_sap_entry_t *row)
{
    app_t *a = (app_t *)ctx;
    if ((i >= a->sap_n) || (i == a->sap_fail_at)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    *row = a->sap[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sap_set_begin(void *ctx, uint32_t n)
{
    app_t *a = (app_t *)ctx;
    a->begins++;
    if (a->begin_fails) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    ck_assert_uint_le(n, SAP_MAX_W);
    a->staged_n = n;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sap_set_row(void *ctx, uint32_t i, const msdk_cosem_sap_entry_t *row)
{
    app_t *a = (app_t *)ctx;
    a->rows++;
    if (i == a->row_fail_at) {
        return MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    a->staged[i] = *row;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sap_set_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    a->ends++;
    if (commit) {
        memcpy(a->sap, a->staged, sizeof a->sap);
        a->sap_n = a->staged_n;
        a->commits++;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sap_connect(void *ctx, const msdk_cosem_sap_entry_t *e)
{
    app_t *a = (app_t *)ctx;
    a->connects++;
    a->connected = *e;
    for (uint32_t i = 0; i < a->sap_n; i++) {
        if ((a->sap[i].name_len == e->name_len) &&
            (memcmp(a->sap[i].name, e->name, e->name_len) == 0)) {
            a->sap[i].sap = e->sap;
            return MSDK_COSEM_ACTION_SUCCESS;
        }
    }
    return MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE; /* not a device of this meter */
}

static uint8_t lp_get(void *ctx, uint8_t attr, msdk_cosem_local_port_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->lp_gets++;
    ck_assert(attr >= 2u && attr <= 6u); /* never a password */
    if (a->fail_dar != 0u) {
        return a->fail_dar;
    }
    if (attr < 6u) {
        v->code = a->lp_code[attr - 2u];
    } else {
        v->str.p = a->lp_str[0];
        v->str.len = a->lp_len[0];
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t lp_set(void *ctx, uint8_t attr, const msdk_cosem_local_port_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->lp_sets++;
    if (attr < 6u) {
        a->lp_code[attr - 2u] = v->code;
    } else {
        ck_assert_uint_le(v->str.len, sizeof a->lp_str[0]);
        if (v->str.len != 0u) {
            memcpy(a->lp_str[attr - 6u], v->str.p, v->str.len);
        }
        a->lp_len[attr - 6u] = v->str.len;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t hdlc_get(void *ctx, uint8_t attr, uint16_t *v)
{
    app_t *a = (app_t *)ctx;
    if (a->fail_dar != 0u) {
        return a->fail_dar;
    }
    *v = a->hdlc[attr];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t hdlc_set(void *ctx, uint8_t attr, uint16_t v)
{
    app_t *a = (app_t *)ctx;
    a->hdlc_sets++;
    a->hdlc[attr] = v;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t tcp_get(void *ctx, uint8_t attr, msdk_cosem_tcp_udp_setup_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (a->fail_dar != 0u) {
        return a->fail_dar;
    }
    *v = a->tcp[attr];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t tcp_set(void *ctx, uint8_t attr, const msdk_cosem_tcp_udp_setup_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->tcp_sets++;
    a->tcp[attr] = *v;
    return MSDK_COSEM_DAR_SUCCESS;
}

/* ---- The logical device --------------------------------------------------------------------- */

static const msdk_cosem_sap_list_t sap_list = { sap_count, sap_get_row, sap_set_begin, sap_set_row,
                                                sap_set_end };
static const msdk_cosem_sap_assignment_def_t sap_def = { &sap_list, SAP_MAX_W, sap_connect };
static const msdk_cosem_local_port_def_t lp_def = { lp_get, lp_set };
static const msdk_cosem_hdlc_setup_def_t hdlc_def = { false, hdlc_get, hdlc_set };
static const msdk_cosem_hdlc_setup_def_t hdlc1_def = { true, hdlc_get, hdlc_set };
static const msdk_cosem_tcp_udp_setup_def_t tcp_def = { tcp_get, tcp_set };
static const msdk_cosem_tcp_udp_setup_def_t tcp_ro_def = { tcp_get, NULL };

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0xFFFFFFFFu }
};

enum {
    O_SAP,
    O_LP,
    O_HDLC,
    O_HDLC1,
    O_TCP,
    O_TCP_RO,
    N_OBJECTS
};

static const msdk_cosem_object_t objects[N_OBJECTS] = {
    { { 0, 0, 41, 0, 0, 255 }, &msdk_cosem_class_sap_assignment, &sap_def, &g_app, r_all },
    { { 0, 0, 20, 0, 0, 255 }, &msdk_cosem_class_local_port, &lp_def, &g_app, r_all },
    { { 0, 0, 22, 0, 0, 255 }, &msdk_cosem_class_hdlc_setup, &hdlc_def, &g_app, r_all },
    { { 0, 0, 22, 0, 1, 255 }, &msdk_cosem_class_hdlc_setup, &hdlc1_def, &g_app, r_all },
    { { 0, 0, 25, 0, 0, 255 }, &msdk_cosem_class_tcp_udp_setup, &tcp_def, &g_app, r_all },
    { { 0, 0, 25, 0, 1, 255 }, &msdk_cosem_class_tcp_udp_setup, &tcp_ro_def, &g_app, r_all },
};

static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, N_OBJECTS);

/* ---- Helpers -------------------------------------------------------------------------------- */

static const char NAME1[] = "MSDMA304H4000001";
static const char NAME2[] = "MSDMA304H4000002";
#define NAME1_HEX "4D53444D413330344834303030303031"
#define NAME2_HEX "4D53444D413330344834303030303032"
#define NAME3_HEX "4D53444D413330344834303030303033"

static void sap_entry(msdk_cosem_sap_entry_t *e, uint16_t sap, const char *name)
{
    memset(e, 0, sizeof *e);
    e->sap = sap;
    e->name_len = (uint8_t)strlen(name);
    memcpy(e->name, name, e->name_len);
}

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    sap_entry(&g_app.sap[0], 1u, NAME1);
    sap_entry(&g_app.sap[1], 0x10u, NAME2);
    g_app.sap_n = 2u;
    g_app.sap_fail_at = NONE;
    g_app.row_fail_at = NONE;
    /* IEC 62056-21, 300 baud opening, 9600 proposed, 20 ms, address "12345678" */
    g_app.lp_code[0] = 0u;
    g_app.lp_code[1] = 0u;
    g_app.lp_code[2] = 5u;
    g_app.lp_code[3] = 0u;
    memcpy(g_app.lp_str[0], "12345678", 8);
    g_app.lp_len[0] = 8u;
    /* The Blue Book defaults: 9600 baud, windows 1, 128 octets, 25 ms, 120 s, 0x10. */
    g_app.hdlc[2] = 5u;
    g_app.hdlc[3] = 1u;
    g_app.hdlc[4] = 1u;
    g_app.hdlc[5] = 128u;
    g_app.hdlc[6] = 128u;
    g_app.hdlc[7] = 25u;
    g_app.hdlc[8] = 120u;
    g_app.hdlc[9] = 0x10u;
    /* Port 4059, IPv4 setup 0.0.25.1.0.255, MSS 576, 1 connection, 180 s. */
    g_app.tcp[2].number = 4059u;
    static const uint8_t ipv4[6] = { 0, 0, 25, 1, 0, 255 };
    memcpy(g_app.tcp[3].ip_ref, ipv4, 6);
    g_app.tcp[4].number = 576u;
    g_app.tcp[5].count = 1u;
    g_app.tcp[6].number = 180u;
    ck_srv_init(&ldev, 256u);
}

static int direct_get(unsigned o, uint8_t attr, uint8_t *out, size_t cap, size_t *len)
{
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, cap);
    int rc = objects[o].cls->get(&objects[o], attr, &rq, &w);
    ck_assert(!rq.more || (rc == MSDK_COSEM_DAR_SUCCESS));
    *len = w.pos;
    return rc;
}

static unsigned app_writes(void)
{
    return g_app.lp_sets + g_app.hdlc_sets + g_app.tcp_sets + g_app.begins + g_app.connects;
}

/* ---- Descriptors ---------------------------------------------------------------------------- */

START_TEST(descriptors)
{
    ck_assert_uint_eq(msdk_cosem_class_sap_assignment.class_id, 17u);
    ck_assert_uint_eq(msdk_cosem_class_sap_assignment.version, 0u);
    ck_assert_uint_eq(msdk_cosem_class_sap_assignment.attr_count, 2u);
    ck_assert_uint_eq(msdk_cosem_class_sap_assignment.method_count, 1u);
    ck_assert_uint_eq(msdk_cosem_class_local_port.class_id, 19u);
    ck_assert_uint_eq(msdk_cosem_class_local_port.version, 1u);
    ck_assert_uint_eq(msdk_cosem_class_local_port.attr_count, 9u);
    ck_assert_uint_eq(msdk_cosem_class_local_port.method_count, 0u);
    ck_assert_uint_eq(msdk_cosem_class_hdlc_setup.class_id, 23u);
    ck_assert_uint_eq(msdk_cosem_class_hdlc_setup.version, 1u);
    ck_assert_uint_eq(msdk_cosem_class_hdlc_setup.attr_count, 9u);
    ck_assert_uint_eq(msdk_cosem_class_hdlc_setup.method_count, 0u);
    ck_assert_uint_eq(msdk_cosem_class_tcp_udp_setup.class_id, 41u);
    ck_assert_uint_eq(msdk_cosem_class_tcp_udp_setup.version, 0u);
    ck_assert_uint_eq(msdk_cosem_class_tcp_udp_setup.attr_count, 6u);
    ck_assert_uint_eq(msdk_cosem_class_tcp_udp_setup.method_count, 0u);
    const msdk_cosem_class_t *all[4] = { &msdk_cosem_class_sap_assignment,
                                         &msdk_cosem_class_local_port, &msdk_cosem_class_hdlc_setup,
                                         &msdk_cosem_class_tcp_udp_setup };
    for (unsigned i = 0; i < 4u; i++) {
        ck_assert_uint_eq(all[i]->sel_attrs, 0u);
        ck_assert_uint_eq(all[i]->selectors, 0u);
    }
    static const uint32_t bps[10] = {
        300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200
    };
    for (uint8_t c = 0; c < 10u; c++) {
        ck_assert_uint_eq(msdk_cosem_baud_to_bps(c), bps[c]);
    }
    ck_assert_uint_eq(msdk_cosem_baud_to_bps(10u), 0u);
    ck_assert_uint_eq(msdk_cosem_baud_to_bps(255u), 0u);
}
END_TEST

/* ---- IEC HDLC setup ------------------------------------------------------------------------- */

START_TEST(hdlc_get_defaults)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    ck_xchg("C001C1 0017 000016 0000FF 02 00", "C401C100 16 05"); /* enum 9600 baud */
    ck_xchg("C001C1 0017 000016 0000FF 03 00", "C401C100 11 01"); /* unsigned 1 */
    ck_xchg("C001C1 0017 000016 0000FF 04 00", "C401C100 11 01");
    ck_xchg("C001C1 0017 000016 0000FF 05 00", "C401C100 12 0080"); /* long-unsigned 128 */
    ck_xchg("C001C1 0017 000016 0000FF 06 00", "C401C100 12 0080");
    ck_xchg("C001C1 0017 000016 0000FF 07 00", "C401C100 12 0019"); /* 25 ms */
    ck_xchg("C001C1 0017 000016 0000FF 08 00", "C401C100 12 0078"); /* 120 s */
    ck_xchg("C001C1 0017 000016 0000FF 09 00", "C401C100 12 0010");
    ck_xchg("C001C1 0017 000016 0000FF 01 00", "C401C100 09 06 000016 0000FF");
    ck_xchg("C001C1 0017 000016 0000FF 0A 00", "C401C101 0B"); /* no attribute 10 */
}
END_TEST

START_TEST(hdlc_set_ranges)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    /* comm_speed: enum 0..9 */
    ck_xchg("C101C1 0017 000016 0000FF 02 00 16 09", "C501C100");
    ck_assert_uint_eq(g_app.hdlc[2], 9u);
    ck_xchg("C101C1 0017 000016 0000FF 02 00 16 0A", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 02 00 11 05", "C501C10C"); /* unsigned, not enum */
    /* window_size_transmit: unsigned 1..7 */
    ck_xchg("C101C1 0017 000016 0000FF 03 00 11 07", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 03 00 11 08", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 04 00 11 00", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 03 00 12 0003",
            "C501C10C"); /* long-unsigned, not unsigned */
    /* max_info_field_length: long-unsigned 32..2030 */
    ck_xchg("C101C1 0017 000016 0000FF 05 00 12 07EE", "C501C100");
    ck_assert_uint_eq(g_app.hdlc[5], 2030u);
    ck_xchg("C101C1 0017 000016 0000FF 05 00 12 07EF", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 06 00 12 0020", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 06 00 12 001F", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 06 00 11 80", "C501C10C"); /* the version 0 type */
    /* inter_octet_time_out: 20..6000 ms */
    ck_xchg("C101C1 0017 000016 0000FF 07 00 12 0014", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 07 00 12 0013", "C501C10C");
    ck_xchg("C101C1 0017 000016 0000FF 07 00 12 1770", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 07 00 12 1771",
            "C501C10C"); /* inactivity_time_out: any long-unsigned, 0 = none */
    ck_xchg("C101C1 0017 000016 0000FF 08 00 12 0000", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 08 00 12 FFFF", "C501C100");
    ck_assert_uint_eq(g_app.hdlc[8], 0xFFFFu);
    /* device_address, two-byte addressing: 0x10..0x3FFD */
    ck_xchg("C101C1 0017 000016 0000FF 09 00 12 3FFD", "C501C100");
    ck_xchg("C101C1 0017 000016 0000FF 09 00 12 3FFE", "C501C10C"); /* CALLING */
    ck_xchg("C101C1 0017 000016 0000FF 09 00 12 000F",
            "C501C10C"); /* one-byte addressing: 0x10..0x7D */
    ck_xchg("C101C1 0017 000016 0001FF 09 00 12 007D", "C501C100");
    ck_xchg("C101C1 0017 000016 0001FF 09 00 12 007E",
            "C501C10C"); /* Trailing bytes, an array, a truncated value. */
    ck_send_hex("C101C1 0017 000016 0000FF 03 00 11 02 00"); /* the server's decoder refuses it */
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_xchg("C101C1 0017 000016 0000FF 03 00 01 01 11 02", "C501C10C");
    ck_assert_uint_eq(g_app.hdlc[3], 7u);
    /* Logical name is never writable. */
    ck_xchg("C101C1 0017 000016 0000FF 01 00 09 06 000016 0000FF", "C501C103");
    ck_assert_uint_eq(g_app.hdlc_sets, 10u);
}
END_TEST

START_TEST(hdlc_check_table)
{
    /* Every limit of every attribute, both address forms, against the public check and the
     * class's SET (the two must agree). */
    static const struct {
        uint8_t attr;
        uint16_t lo, hi;
    } lim[] = {
        { 2, 0, 9 },     { 3, 1, 7 },     { 4, 1, 7 },      { 5, 32, 2030 },
        { 6, 32, 2030 }, { 7, 20, 6000 }, { 8, 0, 0xFFFF }, { 9, 0x10, 0x3FFD },
    };
    static const uint8_t tags[10] = { 0, 0, 0x16, 0x11, 0x11, 0x12, 0x12, 0x12, 0x12, 0x12 };
    for (unsigned k = 0; k < sizeof lim / sizeof lim[0]; k++) {
        uint16_t probes[4] = { (uint16_t)(lim[k].lo - 1u), lim[k].lo, lim[k].hi,
                               (uint16_t)(lim[k].hi + 1u) };
        for (unsigned p = 0; p < 4u; p++) {
            uint16_t v = probes[p];
            bool in = (v >= lim[k].lo) && (v <= lim[k].hi); /* probes wrap at 0 and 0xFFFF */
            bool ok = msdk_cosem_hdlc_setup_check(lim[k].attr, v, false) == MSDK_OK;
            if (ok != in) {
                ck_abort_msg("attr %u value %u", lim[k].attr, v);
            }
            uint8_t val[3];
            size_t n;
            val[0] = tags[lim[k].attr];
            if (val[0] == 0x12u) {
                val[1] = (uint8_t)(v >> 8);
                val[2] = (uint8_t)v;
                n = 3u;
            } else {
                if (v > 0xFFu) {
                    continue;
                }
                val[1] = (uint8_t)v;
                n = 2u;
            }
            uint8_t dar = ck_class_set(&objects[O_HDLC], lim[k].attr, val, n);
            if ((dar == MSDK_COSEM_DAR_SUCCESS) != in) {
                ck_abort_msg("SET attr %u value %u: %u", lim[k].attr, v, dar);
            }
        }
    }
    ck_assert_int_eq(msdk_cosem_hdlc_setup_check(9, 0x7D, true), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_setup_check(9, 0x7E, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_setup_check(9, 0x0F, true), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_setup_check(1, 0, false), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_hdlc_setup_check(10, 0, false), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(hdlc_provider_errors)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    g_app.hdlc[3] = 0u; /* a window of 0 in storage: never sent */
    ck_xchg("C001C1 0017 000016 0000FF 03 00", "C401C101 01");
    g_app.hdlc[9] = 0x3FFDu; /* fine for two-byte, too big for the one-byte port */
    ck_xchg("C001C1 0017 000016 0000FF 09 00", "C401C100 12 3FFD");
    ck_xchg("C001C1 0017 000016 0001FF 09 00", "C401C101 01");
    g_app.fail_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE; /* passed on as it is */
    ck_xchg("C001C1 0017 000016 0000FF 02 00", "C401C101 02");
}
END_TEST

/* ---- IEC local port setup ------------------------------------------------------------------- */

START_TEST(local_port_get)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    ck_xchg("C001C1 0013 000014 0000FF 02 00", "C401C100 16 00");
    ck_xchg("C001C1 0013 000014 0000FF 03 00", "C401C100 16 00");
    ck_xchg("C001C1 0013 000014 0000FF 04 00", "C401C100 16 05");
    ck_xchg("C001C1 0013 000014 0000FF 05 00", "C401C100 16 00");
    ck_xchg("C001C1 0013 000014 0000FF 06 00", "C401C100 09 08 3132333435363738");
    /* The passwords: read-write-denied although the rights allow reading, and the
     * application is not even asked. */
    unsigned gets = g_app.lp_gets;
    ck_xchg("C001C1 0013 000014 0000FF 07 00", "C401C101 03");
    ck_xchg("C001C1 0013 000014 0000FF 08 00", "C401C101 03");
    ck_xchg("C001C1 0013 000014 0000FF 09 00", "C401C101 03");
    ck_assert_uint_eq(g_app.lp_gets, gets);
    /* With-list: a password among other attributes is denied alone. */
    ck_xchg("C003C102 0013 000014 0000FF 07 00 0017 000016 0000FF 02 00",
            "C403C102 01 03 00 16 05"); /* An empty device address. */
    g_app.lp_len[0] = 0u;
    ck_xchg("C001C1 0013 000014 0000FF 06 00",
            "C401C100 09 00"); /* Values out of range in storage are not sent. */
    g_app.lp_code[0] = 3u;
    ck_xchg("C001C1 0013 000014 0000FF 02 00", "C401C101 01");
    memcpy(g_app.lp_str[0], "AB-1", 4);
    g_app.lp_len[0] = 4u;
    ck_xchg("C001C1 0013 000014 0000FF 06 00", "C401C101 01");
}
END_TEST

START_TEST(local_port_set)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    ck_xchg("C101C1 0013 000014 0000FF 02 00 16 02", "C501C100"); /* not specified */
    ck_xchg("C101C1 0013 000014 0000FF 02 00 16 03", "C501C10C");
    ck_xchg("C101C1 0013 000014 0000FF 03 00 16 09", "C501C100");
    ck_xchg("C101C1 0013 000014 0000FF 04 00 16 0A", "C501C10C");
    ck_xchg("C101C1 0013 000014 0000FF 05 00 16 01", "C501C100");
    ck_xchg("C101C1 0013 000014 0000FF 05 00 16 02", "C501C10C");
    ck_xchg("C101C1 0013 000014 0000FF 05 00 11 01", "C501C10C"); /* unsigned, not enum */
    ck_assert_uint_eq(g_app.lp_code[0], 2u);
    ck_assert_uint_eq(g_app.lp_code[1], 9u);
    ck_assert_uint_eq(g_app.lp_code[3], 1u);
    /* device_addr "Meter 42" */
    ck_xchg("C101C1 0013 000014 0000FF 06 00 09 08 4D65746572203432", "C501C100");
    ck_assert_uint_eq(g_app.lp_len[0], 8u);
    ck_assert_mem_eq(g_app.lp_str[0], "Meter 42", 8);
    ck_xchg("C101C1 0013 000014 0000FF 06 00 09 04 41422D31", "C501C10C"); /* "AB-1" */
    ck_xchg("C101C1 0013 000014 0000FF 06 00 0A 02 4142", "C501C10C");     /* visible-string */
    /* 32 characters are accepted, 33 refused. */
    ck_xchg("C101C1 0013 000014 0000FF 06 00 09 20"
            "3031323334353637383930313233343536373839303132333435363738393031",
            "C501C100");
    ck_xchg("C101C1 0013 000014 0000FF 06 00 09 21"
            "303132333435363738393031323334353637383930313233343536373839303132",
            "C501C10C"); /* Passwords: written, never read back. */
    ck_xchg("C101C1 0013 000014 0000FF 07 00 09 07 73656372657431", "C501C100"); /* "secret1" */
    ck_assert_mem_eq(g_app.lp_str[1], "secret1", 7);
    ck_xchg("C101C1 0013 000014 0000FF 08 00 09 00", "C501C100");        /* no password */
    ck_xchg("C101C1 0013 000014 0000FF 09 00 09 03 282829", "C501C10C"); /* "(()" */
    ck_xchg("C101C1 0013 000014 0000FF 09 00 09 02 6101", "C501C10C");   /* a control character */
    ck_xchg("C101C1 0013 000014 0000FF 07 00 09 02 2F21", "C501C10C");   /* "/!" */
    ck_assert_uint_eq(g_app.lp_sets, 7u);
    /* The public check agrees. */
    msdk_cosem_local_port_value_t v;
    v.str.p = (const uint8_t *)"x*y";
    v.str.len = 3u;
    ck_assert_int_eq(msdk_cosem_local_port_check(7u, &v), MSDK_ERR_INVALID_ARG);
    v.str.p = (const uint8_t *)"xy z";
    v.str.len = 4u;
    ck_assert_int_eq(msdk_cosem_local_port_check(9u, &v), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_local_port_check(6u, &v), MSDK_OK);
    v.str.p = NULL;
    ck_assert_int_eq(msdk_cosem_local_port_check(6u, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_local_port_check(1u, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_local_port_check(10u, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_local_port_check(2u, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- TCP-UDP setup -------------------------------------------------------------------------- */

START_TEST(tcp_udp_get_set)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    ck_xchg("C001C1 0029 000019 0000FF 02 00", "C401C100 12 0FDB"); /* 4059 */
    ck_xchg("C001C1 0029 000019 0000FF 03 00", "C401C100 09 06 000019 0100FF");
    ck_xchg("C001C1 0029 000019 0000FF 04 00", "C401C100 12 0240"); /* 576 */
    ck_xchg("C001C1 0029 000019 0000FF 05 00", "C401C100 11 01");
    ck_xchg("C001C1 0029 000019 0000FF 06 00", "C401C100 12 00B4"); /* 180 s */
    ck_xchg("C001C1 0029 000019 0000FF 07 00", "C401C101 0B");

    ck_xchg("C101C1 0029 000019 0000FF 02 00 12 1000", "C501C100");
    ck_assert_uint_eq(g_app.tcp[2].number, 4096u);
    ck_xchg("C101C1 0029 000019 0000FF 02 00 12 0000", "C501C10C");     /* port 0 */
    ck_xchg("C101C1 0029 000019 0000FF 02 00 06 00001000", "C501C10C"); /* double-long-unsigned */
    ck_xchg("C101C1 0029 000019 0000FF 03 00 09 06 000019 0700FF", "C501C100"); /* IPv6 setup */
    ck_assert_uint_eq(g_app.tcp[3].ip_ref[3], 7u);
    ck_xchg("C101C1 0029 000019 0000FF 03 00 09 05 000019 0700", "C501C10C");
    ck_xchg("C101C1 0029 000019 0000FF 03 00 09 07 000019 0700FF00", "C501C10C");
    ck_xchg("C101C1 0029 000019 0000FF 04 00 12 0028", "C501C100"); /* MSS 40 */
    ck_xchg("C101C1 0029 000019 0000FF 04 00 12 0027", "C501C10C");
    ck_xchg("C101C1 0029 000019 0000FF 04 00 12 FFFF", "C501C100");
    ck_xchg("C101C1 0029 000019 0000FF 05 00 11 00", "C501C10C"); /* no connection */
    ck_xchg("C101C1 0029 000019 0000FF 05 00 11 FF", "C501C100");
    ck_xchg("C101C1 0029 000019 0000FF 06 00 12 0000", "C501C100"); /* no inactivity time-out */
    ck_xchg("C101C1 0029 000019 0000FF 06 00 16 00", "C501C10C");
    ck_assert_uint_eq(g_app.tcp_sets, 6u);
    /* A read-only definition: read-write-denied whatever the rights say. */
    ck_xchg("C001C1 0029 000019 0001FF 02 00",
            "C401C100 12 1000"); /* the same application storage */
    ck_xchg("C101C1 0029 000019 0001FF 02 00 12 1000", "C501C103");
    ck_assert_uint_eq(g_app.tcp_sets, 6u);
    /* A bad value in storage. */
    g_app.tcp[4].number = 39u;
    ck_xchg("C001C1 0029 000019 0000FF 04 00", "C401C101 01");
    /* The public check. */
    msdk_cosem_tcp_udp_setup_value_t v;
    v.number = 0u;
    ck_assert_int_eq(msdk_cosem_tcp_udp_setup_check(2u, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tcp_udp_setup_check(6u, &v), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_tcp_udp_setup_check(7u, &v), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_tcp_udp_setup_check(2u, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Selective access ----------------------------------------------------------------------- */

START_TEST(selective_access_refused)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    /* GET with access selector 1 and an integer 0 as its parameter. */
    ck_xchg("C001C1 0017 000016 0000FF 02 01 01 0F00", "C401C101 FA");
    ck_xchg("C001C1 0013 000014 0000FF 02 01 01 0F00", "C401C101 FA");
    ck_xchg("C001C1 0029 000019 0000FF 02 01 02 0F00", "C401C101 FA");
    ck_xchg("C001C1 0011 000029 0000FF 02 01 02 0F00", "C401C101 FA");
    /* SET with a selector. */
    ck_xchg("C101C1 0017 000016 0000FF 03 01 01 0F00 11 02", "C501C1FA");
    ck_xchg("C101C1 0029 000019 0000FF 02 01 01 0F00 12 1000", "C501C1FA");
    ck_xchg("C101C1 0013 000014 0000FF 02 01 01 0F00 16 00", "C501C1FA");
    ck_xchg("C101C1 0011 000029 0000FF 02 01 01 0F00 0100", "C501C1FA");
    ck_assert_uint_eq(app_writes(), 0u);
}
END_TEST

/* ---- SAP assignment ------------------------------------------------------------------------- */

START_TEST(sap_get_list)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    ck_xchg("C001C1 0011 000029 0000FF 02 00",
            "C401C100 0102 0202 120001 0910" NAME1_HEX " 0202 120010 0910" NAME2_HEX);
    g_app.sap_n = 0u;
    ck_xchg("C001C1 0011 000029 0000FF 02 00", "C401C100 0100");
    ck_xchg(
        "C001C1 0011 000029 0000FF 03 00",
        "C401C101 0B"); /* The application's error is passed on; a bad row is a hardware fault. */
    g_app.sap_n = 2u;
    g_app.sap_fail_at = 1u;
    ck_xchg("C001C1 0011 000029 0000FF 02 00", "C401C101 02");
    g_app.sap_fail_at = NONE;
    g_app.sap[0].name_len = 17u;
    ck_xchg("C001C1 0011 000029 0000FF 02 00", "C401C101 01");
    g_app.sap[0].name_len = 0u;
    ck_xchg("C001C1 0011 000029 0000FF 02 00", "C401C101 01");
}
END_TEST

/* Reads attribute 2 of the SAP assignment in blocks of at most 256 bytes; the value
 * reassembled in `value`. Returns the number of blocks. */
static unsigned read_sap_list(uint8_t *value, size_t cap, size_t *len)
{
    unsigned blocks = 0u;
    ck_assert_uint_eq(
        ck_get_blocks_hex("C001C1 0011 000029 0000FF 02 00", 256u, value, cap, len, &blocks),
        MSDK_COSEM_DAR_SUCCESS);
    return blocks;
}

START_TEST(sap_get_streamed)
{
    ck_associate_hex(CK_AARQ_256);
    /* 60 logical devices "MSD...<n>" on SAPs 0x100 + n: 60 * 23 + 2 bytes, in blocks of
     * at most 256 bytes. The expected value is written byte by byte here. */
    static uint8_t want[2048];
    size_t wn = 0u;
    want[wn++] = 0x01;
    want[wn++] = 60u;
    for (uint32_t i = 0; i < 60u; i++) {
        char name[17];
        memcpy(name, "MSDMA304H40000", 14);
        name[14] = (char)('0' + (i / 10u));
        name[15] = (char)('0' + (i % 10u));
        name[16] = '\0';
        sap_entry(&g_app.sap[i], (uint16_t)(0x100u + i), name);
        want[wn++] = 0x02;
        want[wn++] = 0x02;
        want[wn++] = 0x12;
        want[wn++] = 0x01;
        want[wn++] = (uint8_t)i;
        want[wn++] = 0x09;
        want[wn++] = 0x10;
        memcpy(&want[wn], name, 16);
        wn += 16u;
    }
    g_app.sap_n = 60u;
    static uint8_t got[2048];
    size_t gn = 0u;
    unsigned blocks = read_sap_list(got, sizeof got, &gn);
    ck_assert_uint_ge(blocks, 6u);
    ck_assert_uint_eq(gn, wn);
    ck_assert_mem_eq(got, want, wn);
    /* A row that fails in a later block aborts the transfer with the application's result. */
    g_app.sap_fail_at = 40u;
    ck_send_hex("C001C1 0011 000029 0000FF 02 00");
    ck_assert_uint_eq(g_srv.out[1], MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK);
    for (uint32_t b = 1;; b++) {
        msdk_cosem_xdlms_get_response_t r;
        ck_assert_int_eq(msdk_cosem_xdlms_get_response_decode(g_srv.out, g_srv.out_len, 1u, &r),
                         MSDK_OK);
        if (!r.result.is_data) {
            ck_assert_uint_eq(r.result.dar, MSDK_COSEM_DAR_TEMPORARY_FAILURE);
            ck_assert(r.last);
            break;
        }
        ck_assert(!r.last);
        ck_assert_uint_lt(b, 10u);
        uint8_t next[8];
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, next, sizeof next);
        ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_next(&w, 0xC1u, b), MSDK_OK);
        ck_send(next, w.pos);
    }
}
END_TEST

START_TEST(sap_set_list)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    /* Three devices; two of them not connected (SAP 0 may repeat). */
    ck_xchg("C101C1 0011 000029 0000FF 02 00 0103"
            " 0202 120001 0910" NAME1_HEX " 0202 120000 0910" NAME2_HEX
            " 0202 120000 0910" NAME3_HEX,
            "C501C100");
    ck_assert_uint_eq(g_app.sap_n, 3u);
    ck_assert_uint_eq(g_app.sap[0].sap, 1u);
    ck_assert_uint_eq(g_app.sap[2].name_len, 16u);
    ck_assert_mem_eq(g_app.sap[2].name, "MSDMA304H4000003", 16);
    ck_assert_uint_eq(g_app.begins, 1u);
    ck_assert_uint_eq(g_app.rows, 3u);
    ck_assert_uint_eq(g_app.commits, 1u);
    /* An empty list. */
    ck_xchg("C101C1 0011 000029 0000FF 02 00 0100", "C501C100");
    ck_assert_uint_eq(g_app.sap_n, 0u);
    unsigned begins = g_app.begins;
    /* Refused before any callback: */
    static const char *const bad[] = {
        /* two devices on SAP 1 */
        "0102 0202 120001 0910" NAME1_HEX " 0202 120001 0910" NAME2_HEX,
        /* one device twice */
        "0102 0202 120001 0910" NAME1_HEX " 0202 120002 0910" NAME1_HEX,
        /* an empty name, a 17-octet name */
        "0101 0202 120001 0900",
        "0101 0202 120001 0911" NAME1_HEX "41",
        /* SAP as unsigned; name as visible-string; three members; a structure, not array */
        "0101 0202 1101 0910" NAME1_HEX,
        "0101 0202 120001 0A10" NAME1_HEX,
        "0101 0203 120001 0910" NAME1_HEX " 0F00",
        "0202 120001 0910" NAME1_HEX,
        /* a trailing byte; one element missing (the server's decoder may refuse these
         * APDUs itself, with an exception-response) */
        "0101 0202 120001 0910" NAME1_HEX " 00",
        "0102 0202 120001 0910" NAME1_HEX,
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char apdu[400] = "C101C1 0011 000029 0000FF 02 00 ";
        strcat(apdu, bad[i]);
        ck_send_hex(apdu);
        bool exception = (i >= 8u) && (g_srv.out[0] == MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
        if (!exception &&
            ((g_srv.out_len != 4u) || (g_srv.out[3] != MSDK_COSEM_DAR_TYPE_UNMATCHED))) {
            ck_abort_msg("bad list %u answered %02X", i, g_srv.out[0]);
        }
    }
    /* More entries than max_entries (8): other-reason. */
    {
        char apdu[1200] = "C101C1 0011 000029 0000FF 02 00 0109";
        for (unsigned i = 0; i < 9u; i++) {
            char e[64];
            memcpy(e, " 0202 12000", 11);
            e[11] = (char)('1' + i);
            e[12] = '\0';
            strcat(e, " 0901");
            strcat(apdu, e);
            char c[4] = { '3', (char)('1' + i), '\0', '\0' };
            strcat(apdu, c);
        }
        ck_send_hex(apdu);
        ck_expect_hex("C501C1FA");
    }
    ck_assert_uint_eq(g_app.begins, begins);
    ck_assert_uint_eq(g_app.sap_n, 0u);
    /* The application refuses to start: nothing else is called. */
    g_app.begin_fails = true;
    ck_xchg("C101C1 0011 000029 0000FF 02 00 0101 0202 120001 0910" NAME1_HEX, "C501C102");
    ck_assert_uint_eq(g_app.ends, 2u);
    g_app.begin_fails = false;
    /* A row fails: the write is discarded (set_end(false)) and its result returned. */
    g_app.row_fail_at = 1u;
    ck_xchg("C101C1 0011 000029 0000FF 02 00 0102 0202 120001 0910" NAME1_HEX
            " 0202 120002 0910" NAME2_HEX,
            "C501C101");
    ck_assert_uint_eq(g_app.ends, 3u);
    ck_assert_uint_eq(g_app.commits, 2u);
    ck_assert_uint_eq(g_app.sap_n, 0u);
}
END_TEST

START_TEST(sap_connect_method)
{
    ck_associate_hex(CK_AARQ_PLAIN);
    /* Move device 2 from SAP 0x10 to SAP 0x20. */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120020 0910" NAME2_HEX, "C701C10000");
    ck_assert_uint_eq(g_app.connects, 1u);
    ck_assert_uint_eq(g_app.sap[1].sap, 0x20u);
    /* SAP 1 belongs to device 1: other-reason, the application is not called. */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120001 0910" NAME2_HEX, "C701C1FA00");
    ck_assert_uint_eq(g_app.connects, 1u);
    /* Its own SAP again, and SAP 0 (disconnect), are fine. */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120001 0910" NAME1_HEX, "C701C10000");
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120000 0910" NAME1_HEX, "C701C10000");
    ck_assert_uint_eq(g_app.sap[0].sap, 0u);
    /* SAP 0x20 now serves device 2: device 1 cannot take it. */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120020 0910" NAME1_HEX,
            "C701C1FA00"); /* The application's answer for a device it does not host. */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120030 0910" NAME3_HEX, "C701C10B00");
    ck_assert_uint_eq(g_app.connects, 4u);
    /* Malformed parameters: type-unmatched, not called. */
    ck_xchg("C301C1 0011 000029 0000FF 01 00", "C701C10C00"); /* no parameter */
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120030 0900", "C701C10C00");
    ck_send_hex("C301C1 0011 000029 0000FF 01 01 0202 120030 0910" NAME3_HEX "00");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0101 0202 120030 0910" NAME3_HEX, "C701C10C00");
    ck_assert_uint_eq(g_app.connects, 4u);
    /* No method 2; the list cannot be read while checking: hardware-fault. */
    ck_xchg("C301C1 0011 000029 0000FF 02 01 0F00", "C701C10B00");
    g_app.sap_fail_at = 0u;
    ck_xchg("C301C1 0011 000029 0000FF 01 01 0202 120030 0910" NAME2_HEX, "C701C10100");
    ck_assert_uint_eq(g_app.connects, 4u);
    msdk_cosem_sap_entry_t e;
    sap_entry(&e, 5u, NAME1);
    ck_assert_int_eq(msdk_cosem_sap_entry_check(&e), MSDK_OK);
    e.name_len = 0u;
    ck_assert_int_eq(msdk_cosem_sap_entry_check(&e), MSDK_ERR_INVALID_ARG);
    e.name_len = 17u;
    ck_assert_int_eq(msdk_cosem_sap_entry_check(&e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_sap_entry_check(NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Error paths, class functions called directly ------------------------------------------- */

typedef struct valid_set {
    unsigned obj;
    uint8_t attr; /* 0: method 1 */
    const char *hex;
} valid_set_t;

static const valid_set_t valid_sets[] = {
    { O_HDLC, 2, "1605" },
    { O_HDLC, 3, "1103" },
    { O_HDLC, 5, "120100" },
    { O_HDLC, 9, "120123" },
    { O_LP, 2, "1601" },
    { O_LP, 6, "0903414243" },
    { O_LP, 8, "0904 70617373" },
    { O_TCP, 2, "120FDB" },
    { O_TCP, 3, "0906000019 0100FF" },
    { O_TCP, 5, "1104" },
    { O_SAP, 2, "0102 0202 120001 0910" NAME1_HEX " 0202 120000 0910" NAME2_HEX },
    { O_SAP, 0, "0202 120001 0910" NAME1_HEX },
};

static uint8_t run_valid(const valid_set_t *s, const uint8_t *v, size_t n)
{
    return (s->attr == 0u) ? ck_class_action(&objects[s->obj], 1u, v, n)
                           : ck_class_set(&objects[s->obj], s->attr, v, n);
}

START_TEST(set_truncated_every_length)
{
    for (unsigned k = 0; k < sizeof valid_sets / sizeof valid_sets[0]; k++) {
        const valid_set_t *s = &valid_sets[k];
        uint8_t v[128];
        size_t n = ck_hex(s->hex, v, sizeof v);
        for (size_t len = 0; len < n; len++) {
            unsigned before = app_writes();
            uint8_t r = run_valid(s, v, len);
            if ((r == 0u) || (app_writes() != before)) {
                ck_abort_msg("case %u: %u bytes of %u accepted", k, (unsigned)len, (unsigned)n);
            }
        }
        /* One byte too many. */
        v[n] = 0x00;
        unsigned before = app_writes();
        if ((run_valid(s, v, n + 1u) == 0u) || (app_writes() != before)) {
            ck_abort_msg("case %u: trailing byte accepted", k);
        }
        /* The whole value is accepted. */
        if (run_valid(s, v, n) != 0u) {
            ck_abort_msg("case %u: valid value refused", k);
        }
        /* Restore the SAP list so that the connect case finds its SAP free. */
        sap_entry(&g_app.sap[0], 1u, NAME1);
        sap_entry(&g_app.sap[1], 0x10u, NAME2);
        g_app.sap_n = 2u;
    }
}
END_TEST

START_TEST(get_every_buffer_size)
{
    static const struct {
        unsigned obj;
        uint8_t attr;
        const char *hex;
    } cases[] = {
        { O_HDLC, 2, "1605" },
        { O_HDLC, 5, "120080" },
        { O_HDLC, 9, "120010" },
        { O_LP, 4, "1605" },
        { O_LP, 6, "0908 3132333435363738" },
        { O_TCP, 2, "120FDB" },
        { O_TCP, 3, "0906 000019 0100FF" },
        { O_TCP, 5, "1101" },
        { O_SAP, 2, "0102 0202 120001 0910" NAME1_HEX " 0202 120010 0910" NAME2_HEX },
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint8_t want[64];
        size_t n = ck_hex(cases[k].hex, want, sizeof want);
        for (size_t cap = 0; cap <= n; cap++) {
            uint8_t out[64];
            memset(out, 0xAA, sizeof out);
            size_t len = 0;
            int rc = direct_get(cases[k].obj, cases[k].attr, out, cap, &len);
            if (cap == n) {
                if ((rc != MSDK_COSEM_DAR_SUCCESS) || (len != n) || (memcmp(out, want, n) != 0)) {
                    ck_abort_msg("case %u: full buffer gives %d", k, rc);
                }
            } else if (rc == MSDK_COSEM_GET_NO_SPACE) {
                if (len != 0u) {
                    ck_abort_msg("case %u cap %u: %u bytes left written", k, (unsigned)cap,
                                 (unsigned)len);
                }
            } else if ((cases[k].obj != O_SAP) || (rc != MSDK_COSEM_DAR_SUCCESS) ||
                       (memcmp(out, want, len) != 0)) {
                /* only the streamed list may give part of its value */
                ck_abort_msg("case %u cap %u: %d", k, (unsigned)cap, rc);
            }
        }
    }
}
END_TEST

START_TEST(class_defensive)
{
    /* Attributes out of range, a definition without callbacks. */
    uint8_t out[16];
    size_t len;
    ck_assert_int_eq(direct_get(O_HDLC, 10, out, sizeof out, &len),
                     MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    ck_assert_int_eq(direct_get(O_LP, 1, out, sizeof out, &len), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    ck_assert_int_eq(direct_get(O_TCP, 7, out, sizeof out, &len),
                     MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    ck_assert_int_eq(direct_get(O_SAP, 3, out, sizeof out, &len),
                     MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    static const uint8_t v[] = { 0x11, 0x01 };
    ck_assert_uint_eq(ck_class_set(&objects[O_HDLC], 1, v, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_class_set(&objects[O_LP], 10, v, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_class_set(&objects[O_TCP], 7, v, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_class_set(&objects[O_SAP], 1, v, 2), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_class_action(&objects[O_SAP], 2, v, 2),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);

    static const msdk_cosem_sap_assignment_def_t sap_none = { NULL, 4u, NULL };
    static const msdk_cosem_local_port_def_t lp_none = { NULL, NULL };
    static const msdk_cosem_hdlc_setup_def_t hdlc_none = { false, NULL, NULL };
    static const msdk_cosem_tcp_udp_setup_def_t tcp_none = { NULL, NULL };
    const msdk_cosem_object_t o[4] = {
        { { 0, 0, 41, 0, 0, 255 }, &msdk_cosem_class_sap_assignment, &sap_none, &g_app, r_all },
        { { 0, 0, 20, 0, 0, 255 }, &msdk_cosem_class_local_port, &lp_none, &g_app, r_all },
        { { 0, 0, 22, 0, 0, 255 }, &msdk_cosem_class_hdlc_setup, &hdlc_none, &g_app, r_all },
        { { 0, 0, 25, 0, 0, 255 }, &msdk_cosem_class_tcp_udp_setup, &tcp_none, &g_app, r_all },
    };
    static const uint8_t sap_v[] = { 0x01, 0x00 };
    static const uint8_t conn[] = { 0x02, 0x02, 0x12, 0x00, 0x01, 0x09, 0x01, 0x41 };
    for (unsigned i = 0; i < 4u; i++) {
        msdk_cosem_req_t rq;
        memset(&rq, 0, sizeof rq);
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, out, sizeof out);
        ck_assert_int_eq(o[i].cls->get(&o[i], 2u, &rq, &w), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
        ck_assert_uint_eq(w.pos, 0u);
        msdk_rbuf_t rb;
        msdk_rbuf_init(&rb, (i == 0u) ? sap_v : v, 2u);
        ck_assert_uint_eq(o[i].cls->set(&o[i], 2u, &rq, &rb), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    }
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, conn, sizeof conn);
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, out, sizeof out);
    ck_assert_uint_eq(o[0].cls->action(&o[0], 1u, &rq, &rb, &w),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(app_writes(), 0u);
}
END_TEST

/* xorshift32: a fixed sequence, so that a failure repeats. */
static uint32_t rnd(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

START_TEST(fuzz_set_and_action)
{
    uint32_t seed = 0x2545F491u;
    uint8_t v[48];
    for (unsigned it = 0; it < 40000u; it++) {
        unsigned obj = rnd(&seed) % N_OBJECTS;
        uint8_t attr = (uint8_t)(rnd(&seed) % 11u);
        size_t n = rnd(&seed) % sizeof v;
        for (size_t i = 0; i < n; i++) {
            v[i] = (uint8_t)rnd(&seed);
        }
        /* Bias towards plausible values: a real tag first, short lengths. */
        static const uint8_t tags[] = { 0x01, 0x02, 0x09, 0x11, 0x12, 0x16, 0x0F, 0x00 };
        if (n > 0u) {
            v[0] = tags[rnd(&seed) % sizeof tags];
        }
        if ((n > 1u) && ((v[0] == 0x01u) || (v[0] == 0x02u) || (v[0] == 0x09u))) {
            v[1] = (uint8_t)(v[1] % 20u);
        }
        unsigned before = app_writes();
        uint8_t r;
        if ((attr == 0u) && (obj == O_SAP)) {
            r = ck_class_action(&objects[obj], 1u, v, n);
        } else if (attr >= 2u) {
            r = ck_class_set(&objects[obj], attr, v, n);
        } else {
            continue;
        }
        bool wrote = app_writes() != before;
        /* The application answers success to every write (the connect of an unknown name
         * excepted), so a write reached it exactly when the class accepted the value. */
        if ((obj == O_SAP) && (attr == 0u)) {
            if (!wrote && (r == 0u)) {
                ck_abort_msg("iteration %u", it);
            }
        } else if ((r == 0u) != wrote) {
            ck_abort_msg("iteration %u: object %u attr %u result %u", it, obj, attr, r);
        }
        if (g_app.sap_n > SAP_CAP) {
            ck_abort_msg("iteration %u: list overflow", it);
        }
    }
}
END_TEST

Suite *cosem_class_setup_suite(void)
{
    Suite *s = suite_create("cosem_class_setup");
    CK_TCASE(s, "classes", setup, descriptors, hdlc_get_defaults, hdlc_set_ranges, hdlc_check_table,
             hdlc_provider_errors, local_port_get, local_port_set, tcp_udp_get_set,
             selective_access_refused, sap_get_list, sap_get_streamed, sap_set_list,
             sap_connect_method);
    CK_TCASE(s, "errors", setup, set_truncated_every_length, get_every_buffer_size, class_defensive,
             fuzz_set_and_action);
    return s;
}
