/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The COSEM server (server.h) with the Data, Register, Clock and Association LN classes,
 * driven by APDUs: the published AARQ/AARE, GET, SET and ACTION vectors of
 * ../shared/vectors/dlms-vectors.md section 7 where they apply (the server's answers are
 * compared with the published bytes), hand-derived APDUs elsewhere, block transfer of the
 * object list reassembled and walked with the A-XDR skipper, access rights per client,
 * and the error answers.
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_server_suite(void);

/* ---- A small logical device -------------------------------------------------------------- */

enum {
    A_PUBLIC = 0,
    A_READER = 1,
    A_MGMT = 2,
    N_ASSOC = 3
};

typedef struct app {
    uint8_t clock[12];
    uint64_t energy;
    unsigned resets;
    char secret[9];
} app_t;

static app_t g_app;

static uint8_t clock_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_CLOCK_TIME:
    case MSDK_COSEM_CLOCK_DST_BEGIN:
    case MSDK_COSEM_CLOCK_DST_END:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = a->clock;
        v->v.str.len = sizeof a->clock;
        return MSDK_COSEM_DAR_SUCCESS;
    case MSDK_COSEM_CLOCK_TIME_ZONE:
        v->tag = MSDK_COSEM_AXDR_LONG;
        v->v.i = -60;
        return 0;
    case MSDK_COSEM_CLOCK_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = 0;
        return 0;
    case MSDK_COSEM_CLOCK_DST_DEVIATION:
        v->tag = MSDK_COSEM_AXDR_INTEGER;
        v->v.i = 60;
        return 0;
    case MSDK_COSEM_CLOCK_DST_ENABLED:
        v->tag = MSDK_COSEM_AXDR_BOOLEAN;
        v->v.b = true;
        return 0;
    default:
        v->tag = MSDK_COSEM_AXDR_ENUM;
        v->v.u = 1;
        return 0;
    }
}

static uint8_t clock_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (attr == MSDK_COSEM_CLOCK_TIME) {
        memcpy(a->clock, v->v.str.p, sizeof a->clock);
        return MSDK_COSEM_DAR_SUCCESS;
    }
    return MSDK_COSEM_DAR_READ_WRITE_DENIED;
}

static uint8_t energy_get(void *ctx, msdk_cosem_value_t *v)
{
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = ((app_t *)ctx)->energy;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t energy_reset(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->energy = 0u;
    a->resets++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static msdk_err_t lls_secret(void *ctx, uint8_t idx, uint8_t *buf, size_t cap, size_t *len)
{
    app_t *a = (app_t *)ctx;
    (void)idx;
    size_t n = strlen(a->secret);
    if (n > cap) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, a->secret, n);
    *len = n;
    return MSDK_OK;
}

static uint8_t set_secret(void *ctx, const uint8_t *secret, size_t len)
{
    app_t *a = (app_t *)ctx;
    if (len >= sizeof a->secret) {
        return MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    memcpy(a->secret, secret, len);
    a->secret[len] = '\0';
    return MSDK_COSEM_DAR_SUCCESS;
}

static const msdk_cosem_clock_def_t clock_def = { clock_get, clock_set, NULL };
static const msdk_cosem_register_def_t energy_def = { 0, 30u, energy_get, NULL, energy_reset };
static const msdk_cosem_value_t ldn_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDMA304H4000001", 16u },
};
static const msdk_cosem_data_def_t ldn_def = { &ldn_value, NULL, NULL };
static const msdk_cosem_assoc_ln_def_t aln_public = { A_PUBLIC, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_mgmt = { A_MGMT, 1u, set_secret };

#define ALL 0xFFFFFFFFu
#define RO(attrs)                                                                                  \
    {                                                                                              \
        (attrs), 0u, 0u                                                                            \
    }
/* Rights per association: public, reader, management. */
static const msdk_cosem_rights_t r_clock[N_ASSOC] = { RO(ALL), RO(ALL), { ALL, 0x02u, ALL } };
static const msdk_cosem_rights_t r_energy[N_ASSOC] = { { 0u, 0u, 0u }, RO(ALL), { ALL, 0u, ALL } };
static const msdk_cosem_rights_t r_public[N_ASSOC] = { RO(ALL), RO(ALL), RO(ALL) };
static const msdk_cosem_rights_t r_aln_mgmt[N_ASSOC] = { { 0u, 0u, 0u },
                                                         { 0u, 0u, 0u },
                                                         { ALL & ~0x40u, 0x40u, 0u } };

/* Enough Data objects to make the object list longer than one small PDU. */
#define DATA_OBJ(c)                                                                                \
    {                                                                                              \
        { 0, 0, 96, 1, (c), 255 }, &msdk_cosem_class_data, &ldn_def, &g_app, r_public              \
    }

static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 1, 0, 0, 255 }, &msdk_cosem_class_clock, &clock_def, &g_app, r_clock },
    { { 0, 0, 42, 0, 0, 255 }, &msdk_cosem_class_data, &ldn_def, &g_app, r_public },
    { { 1, 0, 1, 8, 0, 255 }, &msdk_cosem_class_register, &energy_def, &g_app, r_energy },
    { { 0, 0, 40, 0, 1, 255 }, &msdk_cosem_class_assoc_ln, &aln_public, &g_app, r_public },
    { { 0, 0, 40, 0, 3, 255 }, &msdk_cosem_class_assoc_ln, &aln_mgmt, &g_app, r_aln_mgmt },
    DATA_OBJ(0),
    DATA_OBJ(1),
    DATA_OBJ(2),
    DATA_OBJ(3),
    DATA_OBJ(4),
    DATA_OBJ(5),
    DATA_OBJ(6),
    DATA_OBJ(7),
    DATA_OBJ(8),
    DATA_OBJ(9),
};
#define N_OBJECTS ((uint16_t)(sizeof objects / sizeof objects[0]))

#define CONF_PUBLIC 0x00501Fu /* the published "AARE accepted" negotiates this */
#define CONF_MGMT                                                                                  \
    (CONF_PUBLIC | MSDK_COSEM_CONF_MULTIPLE_REFERENCES | MSDK_COSEM_CONF_BLOCK_TRANSFER_SET)

static const msdk_cosem_assoc_def_t assocs[N_ASSOC] = {
    { 16u, MSDK_COSEM_MECH_LOWEST, CONF_PUBLIC, &objects[3] },
    { 2u, MSDK_COSEM_MECH_LLS, CONF_PUBLIC, &objects[3] },
    { 1u, MSDK_COSEM_MECH_LLS, CONF_MGMT, &objects[4] },
};
static const msdk_cosem_ldev_ops_t ops = { lls_secret };
static const msdk_cosem_ldev_t ldev = { objects, N_OBJECTS, assocs, N_ASSOC, 500u, &ops, &g_app };

/* ---- Helpers ----------------------------------------------------------------------------- */

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    memcpy(g_app.clock, "\x07\xE5\x01\x18\xFF\x0E\x30\x39\x50\xFF\xC4\x00", 12);
    g_app.energy = 5009u;
    strcpy(g_app.secret, "12345678");
    ck_srv_init(&ldev, 256u);
}

#define AARQ_LLS                                                                                   \
    "6036A1090607608574050801018A0207808B0760857405080201AC0A80083132333435363738BE1004"           \
    "0E01000000065F1F0400007E1F04B0"
#define AARE_OK                                                                                    \
    "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007"
/* The same for the management client, whose offer adds multiple-references and block
 * transfer with SET: conformance 00 5A 1F. */
#define AARE_MGMT                                                                                  \
    "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400005A1F01F40007"

static void associate_public(void)
{
    ck_xchg_sap(16u, CK_AARQ_PLAIN, AARE_OK);
    ck_assert(msdk_cosem_assoc_is_open(&g_srv.assoc));
}

/* ---- Association ------------------------------------------------------------------------- */

START_TEST(assoc_public_matches_published_aare)
{
    associate_public();
    ck_xchg_sap(16u, "6203800100", "6303800100"); /* RLRQ normal */
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
}
END_TEST

START_TEST(assoc_lls)
{
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT); /* the published LLS "12345678" AARQ */
    ck_assert(msdk_cosem_assoc_is_open(&g_srv.assoc));
    ck_send_aarq(1u, "12345679", 1200u);
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                   MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE);
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
    ck_send_hex_sap(1u, CK_AARQ_PLAIN); /* no mechanism for an LLS association */
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT, MSDK_COSEM_DIAG_USER_MECHANISM_REQUIRED);
    ck_send_hex_sap(16u, AARQ_LLS); /* LLS offered to the public association */
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                   MSDK_COSEM_DIAG_USER_MECHANISM_NOT_RECOGNISED);
    ck_send_hex_sap(99u, CK_AARQ_PLAIN); /* unknown client */
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT, MSDK_COSEM_DIAG_USER_NO_REASON);
}
END_TEST

START_TEST(assoc_rejections)
{
    /* SN referencing: application-context-name-not-supported (published AARE with 02). */
    ck_send_hex_sap(16u, "601DA109060760857405080102BE10040E01000000065F1F0400007E1F04B0");
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                   MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED);
    /* DLMS version 5: the published "DLMS version too low" AARE. */
    ck_xchg_sap(
        16u, "601DA109060760857405080101BE10040E01000000055F1F0400007E1F04B0",
        "611FA109060760857405080101A203020101A305A103020101BE0604040E010601"); /* Garbage after the
                                                                                  AARQ tag:
                                                                                  rejected, not a
                                                                                  crash. */
    ck_send_hex_sap(16u, "6003A10100");
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT, MSDK_COSEM_DIAG_USER_NO_REASON);
    ck_assert(!msdk_cosem_assoc_is_open(&g_srv.assoc));
}
END_TEST

START_TEST(services_before_association)
{
    ck_send_hex_sap(16u, "C001C100080000010000FF0200");
    ck_assert_uint_eq(g_srv.out_len, 3u);
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    /* Another client's SAP on an associated connection is not associated. */
    associate_public();
    ck_send_hex_sap(1u, "C001C100080000010000FF0200");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_send_hex_sap(16u, "FF00");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
}
END_TEST

/* ---- GET --------------------------------------------------------------------------------- */

START_TEST(get_normal)
{
    associate_public();
    /* Clock time: the SET vector's date-time, as the clock holds it. */
    ck_xchg_sap(16u, "C001C100080000010000FF0200",
                "C401C100090C07E50118FF0E303950FFC400"); /* Logical name (attribute 1). */
    ck_xchg_sap(16u, "C001C100080000010000FF0100",
                "C401C100090600000100 00FF"); /* Time zone, DST deviation, enabled, clock base. */
    ck_xchg_sap(16u, "C001C100080000010000FF0300", "C401C10010FFC4");
    ck_xchg_sap(16u, "C001C100080000010000FF0800", "C401C1000301");
    /* Data: logical device name. */
    ck_xchg_sap(16u, "C001C1000100002A0000FF0200", "C401C100091 04D53444D413330344834303030303031");
}
END_TEST

START_TEST(get_errors)
{
    associate_public();
    ck_xchg_sap(16u, "C001C100080000010001FF0200", "C401C10104"); /* no such object */
    ck_xchg_sap(16u, "C001C100030000010000FF0200", "C401C10109"); /* clock's name with class 3 */
    ck_xchg_sap(16u, "C001C100080000010000FF0A00", "C401C1010B"); /* attribute 10 of a clock */
    ck_xchg_sap(16u, "C001C100030100010800FF0200",
                "C401C10104"); /* energy: invisible to the public */
    ck_xchg_sap(16u, "C001C1000F00002800 03FF0200",
                "C401C10104"); /* management association object */
    /* Truncated and malformed GETs get an exception, and
                                           the server goes on. */
    ck_send_hex_sap(16u, "C001C1000800000100");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_send_hex_sap(16u, "C009C1");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_xchg_sap(
        16u, "C001C100080000010000FF0200",
        "C401C100090C07E50118FF0E303950FFC400"); /* GET next with no long GET in progress. */
    ck_xchg_sap(16u, "C002C100000001", "C402C1 01 00000001 0110");
}
END_TEST

START_TEST(get_register_reader)
{
    ck_send_aarq(2u, "12345678", 1200u);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
    ck_xchg_sap(2u, "C001C100030100010800FF0200",
                "C401C1000600001391"); /* the published double-long-unsigned 5009 */
    ck_xchg_sap(2u, "C001C100030100010800FF0300",
                "C401C10002020F00161E"); /* scaler 0, unit Wh (30) */
}
END_TEST

START_TEST(get_with_list)
{
    associate_public();
    /* The published with-list shape: Data 0.0.42.0.0.255:2 and Clock 0.0.1.0.0.255:2,
     * plus an undefined object. */
    ck_xchg_sap(16u, "C003C103 00010000 2A0000FF0200 00080000010000FF0200 00010000FFFFFFFF0200",
                "C403C103 00091 04D53444D413330344834303030303031 00090C07E50118FF0E303950FFC400"
                " 0104");
}
END_TEST

/* Reads the object list of the public association in blocks (client PDU `pdu`); returns
 * the number of blocks and leaves the reassembled value in `value`. */
static unsigned read_object_list(uint16_t pdu, uint8_t *value, size_t cap, size_t *len)
{
    ck_send_aarq(16u, NULL, pdu);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
    unsigned blocks = 0;
    ck_assert_uint_eq(
        ck_get_blocks_hex("C001C1000F0000280001FF0200", pdu, value, cap, len, &blocks),
        MSDK_COSEM_DAR_SUCCESS);
    return blocks;
}

START_TEST(get_object_list_in_blocks)
{
    static uint8_t big[4096];
    static uint8_t small[4096];
    size_t big_len = 0;
    size_t small_len = 0;
    ck_assert_uint_eq(read_object_list(500u, big, sizeof big, &big_len), 2u);
    unsigned blocks = read_object_list(128u, small, sizeof small, &small_len);
    ck_assert_uint_gt(blocks, 5u);
    /* The same value whatever the block size, and a well-formed array of the visible
     * objects: 13 for the public client (not the energy register or the management
     * association). */
    ck_assert_uint_eq(big_len, small_len);
    ck_assert_mem_eq(big, small, big_len);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, big, big_len);
    uint32_t count = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, N_OBJECTS - 2u);
    for (uint32_t i = 0; i < count; i++) {
        ck_assert_int_eq(msdk_cosem_axdr_skip(&rb, 8u), MSDK_OK);
    }
    ck_assert_uint_eq(msdk_rbuf_remaining(&rb), 0u);
    /* The first entry is the clock: class 8 version 0, its name, 9 attributes. */
    static const uint8_t first[] = { 0x02, 0x04, 0x12, 0x00, 0x08, 0x11, 0x00, 0x09, 0x06, 0x00,
                                     0x00, 0x01, 0x00, 0x00, 0xFF, 0x02, 0x02, 0x01, 0x09 };
    ck_assert_mem_eq(&big[2], first, sizeof first);
}
END_TEST

START_TEST(get_next_wrong_block)
{
    uint8_t v[4096];
    size_t n;
    (void)read_object_list(128u, v, sizeof v, &n);
    /* Start again, then ask for block 5 after block 1. */
    ck_send_hex_sap(16u, "C001C1000F0000280001FF0200");
    ck_assert_uint_eq(g_srv.out[1], MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK);
    ck_xchg_sap(16u, "C002C100000005", "C402C1 01 00000005 0113");
    ck_xchg_sap(16u, "C002C100000001", "C402C1 01 00000001 0110"); /* the transfer was aborted */
}
END_TEST

/* ---- SET, ACTION ------------------------------------------------------------------------- */

START_TEST(set_rights)
{
    static const char *set_clock =
        "C101C100080000010000FF0200090C07E60218FF0E303950FFC400"; /* 2022-02-24 */
    associate_public();
    ck_xchg_sap(16u, set_clock, "C501C103"); /* read-write-denied */
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT);
    ck_xchg_sap(1u, "C101C100080000010000FF0200090C07E50118FF0E303950FFC400",
                "C501C100"); /* published */
    ck_xchg_sap(1u, set_clock, "C501C100");
    ck_assert_uint_eq(g_app.clock[1], 0xE6);
    /* Bad values: wrong type, a date-time with month 13, trailing bytes. */
    ck_xchg_sap(1u, "C101C100080000010000FF020006000013 91", "C501C10C");
    ck_xchg_sap(1u, "C101C100080000010000FF0200090C07E60D18FF0E303950FFC400", "C501C10C");
    ck_send_hex_sap(1u, "C101C100080000010000FF0200090C07E60218FF0E303950FFC40000");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_assert_uint_eq(g_app.clock[1], 0xE6);
    /* Time zone is not writable in this meter: the provider says so. */
    ck_xchg_sap(1u, "C101C100080000010000FF03001000 3C", "C501C103");
}
END_TEST

START_TEST(set_secret_and_relogin)
{
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT);
    /* The secret is write only, even for management. */
    ck_xchg_sap(1u, "C001C1000F0000280003FF0700", "C401C10103");
    ck_xchg_sap(1u, "C101C1000F0000280003FF0700 0908 3837363534333231", "C501C100");
    ck_assert_str_eq(g_app.secret, "87654321");
    ck_send_aarq(1u, "12345678", 1200u);
    ck_expect_aare(MSDK_COSEM_ASSOC_REJECTED_PERMANENT,
                   MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE);
    ck_send_aarq(1u, "87654321", 1200u);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
}
END_TEST

START_TEST(set_in_blocks)
{
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT); /* The clock time in three blocks: 09 0C 07 E6 / 02 18 FF
                                             0E 30 39 / 50 FF C4 00. */
    ck_xchg_sap(1u, "C102C1 00080000010000FF0200 00 00000001 04 090C07E6", "C502C100000001");
    ck_xchg_sap(1u, "C103C1 00 00000002 06 0218FF0E3039", "C502C100000002");
    ck_xchg_sap(1u, "C103C1 01 00000003 04 50FFC400", "C503C10000000003");
    ck_assert_uint_eq(g_app.clock[1], 0xE6);
    /* Out of order: block 3 after block 1. */
    ck_xchg_sap(1u, "C102C1 00080000010000FF0200 00 00000001 04 090C07E5", "C502C100000001");
    ck_xchg_sap(1u, "C103C1 01 00000003 04 50FFC400", "C503C11300000003");
    ck_assert_uint_eq(g_app.clock[1], 0xE6);
}
END_TEST

START_TEST(action_reset)
{
    /* The published ACTION shape on the energy register: reset(integer 0). */
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT);
    ck_xchg_sap(1u, "C301C100030100010800FF0101 0F00", "C701C10000");
    ck_assert_uint_eq(g_app.resets, 1u);
    ck_assert_uint_eq(g_app.energy, 0u);
    ck_xchg_sap(1u, "C301C100030100010800FF0101 0F05", "C701C10C00"); /* wrong parameter */
    ck_xchg_sap(1u, "C301C100030100010800FF0200", "C701C10B00");      /* no method 2 */
    /* The reader may read the register but not reset it. */
    ck_send_aarq(2u, "12345678", 1200u);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
    ck_xchg_sap(2u, "C301C100030100010800FF0101 0F00", "C701C10300");
    ck_assert_uint_eq(g_app.resets, 1u);
}
END_TEST

Suite *cosem_server_suite(void)
{
    Suite *s = suite_create("cosem_server");
    CK_TCASE(s, "association", setup, assoc_public_matches_published_aare, assoc_lls,
             assoc_rejections, services_before_association);
    CK_TCASE(s, "get", setup, get_normal, get_errors, get_register_reader, get_with_list,
             get_object_list_in_blocks, get_next_wrong_block);
    CK_TCASE(s, "set_action", setup, set_rights, set_secret_and_relogin, set_in_blocks,
             action_reset);
    return s;
}
