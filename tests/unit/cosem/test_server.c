/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The COSEM server (server.h) with the Data, Register, Clock and Association LN classes and
 * a test class of this file, driven by APDUs: the published AARQ/AARE, GET, SET and ACTION
 * vectors of ../shared/vectors/dlms-vectors.md section 7 where they apply (the server's
 * answers are compared with the published bytes), hand-derived APDUs elsewhere (written
 * field by field from the ASN.1 of IEC 62056-5-3, each field named), block transfer of the
 * object list reassembled and walked with the A-XDR skipper, GET-with-list answered in
 * datablocks, ACTION parameters and return data in pblocks (in order, out of order, too
 * long, aborted, refused), access rights per client, and the error answers. Then the
 * client (client.h) against this server in-process, over the wrapper session and over the
 * HDLC session driven by the HDLC client link.
 */
#include <check.h>
#include <stdbool.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/client.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/session.h"
#include "msdk/cosem/wrapper.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_server_suite(void);

/* ---- A small logical device -------------------------------------------------------------- */

enum {
    A_PUBLIC = 0, /* client 16, lowest security */
    A_READER = 1, /* client 2, LLS */
    A_MGMT = 2,   /* client 1, LLS */
    A_TESTER = 3, /* client 3, lowest security, every block transfer */
    N_ASSOC = 4
};

typedef struct app {
    uint8_t clock[12];
    uint64_t energy;
    unsigned resets;
    char secret[9];
    uint8_t blob[300]; /* the blob Data object's octet-string */
    size_t blob_len;
    uint8_t kept[700]; /* the test class's method 2: its last parameter */
    size_t kept_len;
    unsigned keeps; /* and its calls */
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

static uint8_t blob_get(void *ctx, msdk_cosem_value_t *v)
{
    const app_t *a = (const app_t *)ctx;
    return ck_octets_get(v, a->blob, a->blob_len);
}

static uint8_t blob_set(void *ctx, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    return ck_octets_set(v, a->blob, sizeof a->blob, &a->blob_len);
}

/* The bytes the tests make up: byte i of a pattern is i * mul + 1. */
static void pattern(uint8_t *p, size_t n, unsigned mul)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(i * mul + 1u);
    }
}

/* ---- A test class: methods that echo, keep and make up long values ----------------------- */

/* Interface class 0x7FF0 (a test class of this file, version 0): the logical name only, and
 * four methods: 1 echo returns its parameter; 2 keep records its parameter and returns
 * nothing; 3 fill takes a long-unsigned n and returns an octet-string of n bytes (the
 * pattern with mul 7); 4 is as 2 (no association may run it). A method whose return data
 * does not fit the buffer given fails with other-reason. */
#define ECHO_CLASS 0x7FF0u

static int echo_get(const msdk_cosem_object_t *o, uint8_t attr, msdk_cosem_req_t *rq,
                    msdk_wbuf_t *out)
{
    (void)o;
    (void)attr;
    (void)rq;
    (void)out;
    return MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
}

static uint8_t echo_action(const msdk_cosem_object_t *o, uint8_t method, msdk_cosem_req_t *rq,
                           msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    app_t *a = (app_t *)o->ctx;
    const uint8_t *p = &in->p[in->pos];
    size_t n = msdk_rbuf_remaining(in);
    (void)rq;
    if (method == 1u) {
        return (msdk_wbuf_put_bytes(out, p, n) == MSDK_OK) ? MSDK_COSEM_ACTION_SUCCESS
                                                           : MSDK_COSEM_ACTION_OTHER_REASON;
    }
    if (method == 3u) {
        static uint8_t made[600];
        uint16_t k = 0;
        if ((msdk_cosem_axdr_get_uint16(in, &k) != MSDK_OK) || (k > sizeof made)) {
            return MSDK_COSEM_ACTION_TYPE_UNMATCHED;
        }
        pattern(made, k, 7u);
        return (msdk_cosem_axdr_put_octet_string(out, made, k) == MSDK_OK)
                   ? MSDK_COSEM_ACTION_SUCCESS
                   : MSDK_COSEM_ACTION_OTHER_REASON;
    }
    if (n > sizeof a->kept) {
        return MSDK_COSEM_ACTION_OTHER_REASON;
    }
    memcpy(a->kept, p, n);
    a->kept_len = n;
    a->keeps++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static const msdk_cosem_class_t echo_class = {
    .class_id = ECHO_CLASS,
    .version = 0u,
    .attr_count = 1u,
    .method_count = 4u,
    .get = echo_get,
    .action = echo_action,
};

static const msdk_cosem_clock_def_t clock_def = { clock_get, clock_set, NULL };
static const msdk_cosem_register_def_t energy_def = { 0, 30u, energy_get, NULL, energy_reset };
static const msdk_cosem_value_t ldn_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDMA304H4000001", 16u },
};
static const msdk_cosem_data_def_t ldn_def = { &ldn_value, NULL, NULL };
static const msdk_cosem_data_def_t blob_def = { NULL, blob_get, blob_set };
static const msdk_cosem_assoc_ln_def_t aln_public = { A_PUBLIC, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_mgmt = { A_MGMT, 1u, set_secret };

#define ALL 0xFFFFFFFFu
#define RO(attrs)                                                                                  \
    {                                                                                              \
        .read = (attrs), .write = 0u, .exec = 0u                                                   \
    }
#define NONE RO(0u)
/* Rights per association: public, reader, management, tester. */
static const msdk_cosem_rights_t r_clock[N_ASSOC] = {
    RO(ALL), RO(ALL), { .read = ALL, .write = 0x02u, .exec = ALL }, RO(ALL)
};
static const msdk_cosem_rights_t r_energy[N_ASSOC] = {
    NONE, RO(ALL), { .read = ALL, .write = 0u, .exec = ALL }, NONE
};
static const msdk_cosem_rights_t r_public[N_ASSOC] = { RO(ALL), RO(ALL), RO(ALL), RO(ALL) };
static const msdk_cosem_rights_t r_aln_mgmt[N_ASSOC] = {
    NONE, NONE, { .read = ALL & ~0x40u, .write = 0x40u, .exec = 0u }, NONE
};
static const msdk_cosem_rights_t r_blob[N_ASSOC] = {
    NONE, NONE, { .read = ALL, .write = ALL, .exec = 0u }, RO(ALL)
};
/* Methods 1..3 of the test class, never 4. */
static const msdk_cosem_rights_t r_echo[N_ASSOC] = { NONE,
                                                     NONE,
                                                     { .read = ALL, .write = 0u, .exec = 0x7u },
                                                     { .read = ALL, .write = 0u, .exec = 0x7u } };

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
    { { 0, 128, 96, 0, 0, 255 }, &msdk_cosem_class_data, &blob_def, &g_app, r_blob },
    { { 0, 128, 99, 0, 0, 255 }, &echo_class, NULL, &g_app, r_echo },
};
#define N_OBJECTS ((uint16_t)(sizeof objects / sizeof objects[0]))

#define CONF_PUBLIC 0x00501Fu /* the published "AARE accepted" negotiates this */
#define CONF_MGMT                                                                                  \
    (CONF_PUBLIC | MSDK_COSEM_CONF_MULTIPLE_REFERENCES | MSDK_COSEM_CONF_BLOCK_TRANSFER_SET)
#define CONF_TESTER (CONF_MGMT | MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION)

static const msdk_cosem_assoc_def_t assocs[N_ASSOC] = {
    { 16u, MSDK_COSEM_MECH_LOWEST, CONF_PUBLIC, &objects[3], NULL },
    { 2u, MSDK_COSEM_MECH_LLS, CONF_PUBLIC, &objects[3], NULL },
    { 1u, MSDK_COSEM_MECH_LLS, CONF_MGMT, &objects[4], NULL },
    { 3u, MSDK_COSEM_MECH_LOWEST, CONF_TESTER, NULL, NULL },
};
static const msdk_cosem_ldev_ops_t ops = { lls_secret };
static const msdk_cosem_ldev_t ldev = { objects, N_OBJECTS, assocs, N_ASSOC,
                                        500u,    &ops,      &g_app, NULL };
/* The same device with a server max receive PDU of 100 bytes: long values go in blocks. */
static const msdk_cosem_ldev_t ldev_small = { objects, N_OBJECTS, assocs, N_ASSOC,
                                              100u,    &ops,      &g_app, NULL };

/* ---- Helpers ----------------------------------------------------------------------------- */

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    memcpy(g_app.clock, "\x07\xE5\x01\x18\xFF\x0E\x30\x39\x50\xFF\xC4\x00", 12);
    g_app.energy = 5009u;
    strcpy(g_app.secret, "12345678");
    ck_srv_init(&ldev, 512u);
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
     * objects: 13 for the public client (not the energy register, the management
     * association, the blob or the test class). */
    ck_assert_uint_eq(big_len, small_len);
    ck_assert_mem_eq(big, small, big_len);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, big, big_len);
    uint32_t count = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 13u);
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

/* ---- Hand-built APDUs -------------------------------------------------------------------- */

/* An APDU written field by field by a test (the library's encoders are not used). */
typedef struct pdu {
    uint8_t b[1100];
    size_t n;
} pdu_t;

/* Appends hex bytes. */
static void hx(pdu_t *p, const char *h)
{
    p->n += ck_hex(h, &p->b[p->n], sizeof p->b - p->n);
}

/* Appends bytes. */
static void by(pdu_t *p, const uint8_t *q, size_t n)
{
    ck_assert_uint_le(p->n + n, sizeof p->b);
    memcpy(&p->b[p->n], q, n);
    p->n += n;
}

/* Appends an Unsigned32 (big-endian). */
static void u32(pdu_t *p, uint32_t v)
{
    const uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    by(p, b, sizeof b);
}

/* Appends a DataBlock-SA (also the tail of DataBlock-G after its choice): last-block
 * (BOOLEAN, 00 or 01), block-number (Unsigned32), raw-data (OCTET STRING: a length of one
 * byte below 128, else 81 n or 82 nn nn, then the bytes). */
static void datablock(pdu_t *p, bool last, uint32_t number, const uint8_t *raw, size_t n)
{
    hx(p, last ? "01" : "00");
    u32(p, number);
    const uint8_t len[3] = { (n < 128u)   ? (uint8_t)n
                             : (n < 256u) ? 0x81u
                                          : 0x82u,
                             (n < 256u) ? (uint8_t)n : (uint8_t)(n >> 8), (uint8_t)n };
    by(p, len, (n < 128u) ? 1u : (n < 256u) ? 2u : 3u);
    by(p, raw, n);
}

/* Sends `p` from client `sap`; the answer goes to g_srv.out. */
static void send_pdu(uint16_t sap, const pdu_t *p)
{
    ck_send_sap(sap, p->b, p->n);
}

/* The last answer must be `want`, byte for byte. */
static void expect_pdu(const pdu_t *want)
{
    if ((g_srv.out_len != want->n) || (memcmp(g_srv.out, want->b, want->n) != 0)) {
        for (size_t i = 0; i < g_srv.out_len; i++) {
            fprintf(stderr, "%02X", g_srv.out[i]);
        }
        fprintf(stderr, " <- answer\n");
    }
    ck_assert_uint_eq(g_srv.out_len, want->n);
    ck_assert_mem_eq(g_srv.out, want->b, want->n);
}

/* The test class's method m: Cosem-Method-Descriptor { class-id 7F F0, instance-id
 * 0.128.99.0.0.255, method-id }. */
static const char *echo_method(unsigned m)
{
    static const char *const d[] = { "", "7FF0 0080630000FF 01", "7FF0 0080630000FF 02",
                                     "7FF0 0080630000FF 03", "7FF0 0080630000FF 04" };
    return d[m];
}

/* Action-Request-With-First-Pblock: C3 04, invoke-id-and-priority C1, the method descriptor
 * (hex), then its DataBlock-SA. */
static void first_pblock(pdu_t *p, const char *method, bool last, uint32_t number,
                         const uint8_t *raw, size_t n)
{
    p->n = 0;
    hx(p, "C3 04 C1");
    hx(p, method);
    datablock(p, last, number, raw, n);
}

/* Action-Request-With-Pblock: C3 06, iip C1, DataBlock-SA. */
static void pblock(pdu_t *p, bool last, uint32_t number, const uint8_t *raw, size_t n)
{
    p->n = 0;
    hx(p, "C3 06 C1");
    datablock(p, last, number, raw, n);
}

/* A request or an answer made of a fixed head and a block-number: Action-Request-Next-Pblock
 * (C3 02 C1 number), Action-Response-Next-Pblock (C7 04 C1 number), Get-Request-Next
 * (C0 02 C1 number). */
static void numbered(pdu_t *p, const char *head, uint32_t number)
{
    p->n = 0;
    hx(p, head);
    u32(p, number);
}

/* Sends `req` from the tester and checks the answer `head` + number (an acknowledgement). */
static void xchg_numbered(const pdu_t *req, const char *head, uint32_t number)
{
    pdu_t want;
    numbered(&want, head, number);
    send_pdu(3u, req);
    expect_pdu(&want);
}

/* Sends `req` from the tester; the answer must be the Action-Response-Normal
 * `C7 01 C1 result 00` (no return parameters). */
static void xchg_result(const pdu_t *req, uint8_t result)
{
    pdu_t want = { .n = 0 };
    hx(&want, "C7 01 C1");
    by(&want, &result, 1u);
    hx(&want, "00");
    send_pdu(3u, req);
    expect_pdu(&want);
}

/* The answer must be Action-Response-With-Pblock (C7 02 C1) or Get-Response-With-Datablock
 * (C4 02 C1, raw-data choice 00 after the block-number) carrying raw[0..n). */
static void expect_block(bool get, bool last, uint32_t number, const uint8_t *raw, size_t n)
{
    pdu_t want = { .n = 0 };
    hx(&want, get ? "C4 02 C1" : "C7 02 C1");
    hx(&want, last ? "01" : "00");
    u32(&want, number);
    if (get) {
        hx(&want, "00");
    }
    pdu_t tail = { .n = 0 };
    datablock(&tail, false, 0u, raw, n);
    by(&want, &tail.b[5], tail.n - 5u); /* its raw-data only */
    expect_pdu(&want);
}

static void associate_tester(uint16_t pdu)
{
    ck_send_aarq(3u, NULL, pdu);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
}

/* ---- GET with list in blocks ------------------------------------------------------------ */

/* The logical device name as a Data value (octet-string of 16) and the clock time (an
 * octet-string of 12, the setup's date-time). */
#define LDN_HEX   "09 10 4D53444D413330344834303030303031"
#define CLOCK_HEX "09 0C 07E50118FF0E303950FFC400"

/* A Get-Request-With-List (C0 03 C1, count) of the logical device name, the ten Data objects
 * 0.0.96.1.c.255, then `tail` items: each Cosem-Attribute-Descriptor (class-id, instance-id,
 * attribute-id 02) with no access selection (00). */
static void list_request(pdu_t *p, const char *count, const char *tail)
{
    p->n = 0;
    hx(p, "C0 03 C1");
    hx(p, count);
    hx(p, "0001 00002A0000FF 02 00");
    for (unsigned c = 0; c < 10u; c++) {
        char item[32];
        snprintf(item, sizeof item, "0001 00006001%02X FF 02 00", c);
        hx(p, item);
    }
    hx(p, tail);
}

/* The answer's raw data: the count, then each Get-Data-Result: data [0] of the name for the
 * first eleven items, then `tail`. */
static void list_content(pdu_t *p, const char *count, const char *tail)
{
    p->n = 0;
    hx(p, count);
    for (unsigned i = 0; i < 11u; i++) {
        hx(p, "00" LDN_HEX);
    }
    hx(p, tail);
}

/* Sends the GET-with-list `req` from the tester (client PDU `pdu`) and follows its blocks
 * with Get-Request-Next until the last; each block must be a Get-Response-With-Datablock of
 * at most `pdu` bytes carrying the next bytes of `content`, numbered 1, 2, ...; when `sizes`
 * is not NULL, block k carries sizes[k] bytes. Returns the number of blocks. */
static unsigned get_list_blocks(uint16_t pdu, const pdu_t *req, const pdu_t *content,
                                const size_t *sizes)
{
    send_pdu(3u, req);
    size_t off = 0;
    for (uint32_t number = 1;; number++) {
        ck_assert_uint_le(g_srv.out_len, pdu);
        msdk_cosem_xdlms_get_response_t r;
        ck_assert_int_eq(msdk_cosem_xdlms_get_response_decode(g_srv.out, g_srv.out_len, 1u, &r),
                         MSDK_OK);
        ck_assert(r.result.is_data);
        size_t n = r.result.data.len;
        if (sizes != NULL) {
            ck_assert_uint_eq(n, sizes[number - 1u]);
        }
        ck_assert_uint_le(off + n, content->n);
        bool last = (off + n == content->n);
        expect_block(true, last, number, &content->b[off], n);
        off += n;
        if (last) {
            return number;
        }
        pdu_t next;
        numbered(&next, "C0 02 C1", number);
        send_pdu(3u, &next);
    }
}

START_TEST(get_list_in_blocks_pdu64)
{
    /* 13 items: the name, the ten Data objects, the clock time and 0.0.96.1.99.255, which
     * does not exist. The answer (C4 03 C1 + 227 bytes) exceeds 64 bytes: blocks of at most
     * 64 - 9 (C4 02 C1 last number(4) 00) - 1 (length) = 54 raw bytes, whole results in
     * each: count + 2 names (39), 2 names (38) x 4, then name + clock + 01 04 (36). */
    associate_tester(64u);
    pdu_t req;
    pdu_t content;
    list_request(&req, "0D", "0008 0000010000FF 02 00 0001 00006001 63FF 02 00");
    list_content(&content, "0D", "00" CLOCK_HEX " 01 04");
    ck_assert_uint_eq(content.n, 227u);
    static const size_t sizes[] = { 39, 38, 38, 38, 38, 36 };
    ck_assert_uint_eq(get_list_blocks(64u, &req, &content, sizes), 6u);
    /* A Get-Request-Next after the last block: no long GET in progress (16). */
    pdu_t next;
    numbered(&next, "C0 02 C1", 6u);
    send_pdu(3u, &next);
    ck_expect_hex("C4 02 C1 01 00000006 01 10");
}
END_TEST

START_TEST(get_list_in_blocks_spill_pdu256)
{
    /* The blob (250 bytes: 09 81 FA + 250) is larger than a 256-byte block's 256 - 9 - 2 =
     * 245 raw bytes: block 1 ends before it (count + 11 names = 210), block 2 is its choice
     * 00 and the first 244 bytes of its value (spilled to the scratch buffer), block 3 the
     * other 9 bytes, then the clock. */
    associate_tester(256u);
    pattern(g_app.blob, 250u, 3u);
    g_app.blob_len = 250u;
    pdu_t req;
    pdu_t content;
    list_request(&req, "0D", "0001 0080600000FF 02 00 0008 0000010000FF 02 00");
    list_content(&content, "0D", "00 09 81 FA");
    by(&content, g_app.blob, 250u);
    hx(&content, "00" CLOCK_HEX);
    static const size_t sizes[] = { 210, 245, 24 };
    ck_assert_uint_eq(get_list_blocks(256u, &req, &content, sizes), 3u);
    /* At every PDU from 64 to 256: the same bytes, in at least 3 blocks. */
    for (uint16_t pdu = 64u; pdu <= 256u; pdu += 16u) {
        associate_tester(pdu);
        ck_assert_uint_ge(get_list_blocks(pdu, &req, &content, NULL), 3u);
    }
}
END_TEST

START_TEST(get_list_in_blocks_aborted)
{
    associate_tester(64u);
    pdu_t req;
    list_request(&req, "0B", "");
    send_pdu(3u, &req);
    ck_assert_uint_eq(g_srv.out[1], MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK);
    /* Block 3 asked after block 1: data-block-number-invalid (19), and the transfer ends. */
    pdu_t next;
    numbered(&next, "C0 02 C1", 3u);
    send_pdu(3u, &next);
    ck_expect_hex("C4 02 C1 01 00000003 01 13");
    numbered(&next, "C0 02 C1", 1u);
    send_pdu(3u, &next);
    ck_expect_hex("C4 02 C1 01 00000001 01 10");
    /* Another request in the middle ends it too. */
    send_pdu(3u, &req);
    ck_xchg_sap(3u, "C001C1000100002A0000FF0200", "C401C100" LDN_HEX);
    send_pdu(3u, &next);
    ck_expect_hex("C4 02 C1 01 00000001 01 10");
    /* Without block transfer with GET... the management client has it; the list answered
     * in one APDU when it fits (PDU 500). */
    ck_xchg_sap(1u, AARQ_LLS, AARE_MGMT);
    send_pdu(1u, &req);
    ck_assert_uint_eq(g_srv.out[1], MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_LIST);
    ck_assert_uint_eq(g_srv.out_len, 4u + 11u * 19u);
}
END_TEST

/* ---- ACTION with pblocks ----------------------------------------------------------------- */

START_TEST(action_pblocks_in_order)
{
    associate_tester(500u);
    /* The parameter: octet-string of 100 bytes (09 64 + 100), 102 bytes in three pblocks of
     * 40, 40 and 22; each but the last acknowledged with Action-Response-Next-Pblock. */
    uint8_t param[102];
    param[0] = 0x09;
    param[1] = 100u;
    pattern(&param[2], 100u, 3u);
    pdu_t req;
    first_pblock(&req, echo_method(2), false, 1u, param, 40u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    pblock(&req, false, 2u, &param[40], 40u);
    xchg_numbered(&req, "C7 04 C1", 2u);
    ck_assert_uint_eq(g_app.keeps, 0u); /* nothing runs before the last block */
    pblock(&req, true, 3u, &param[80], 22u);
    xchg_result(&req, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.keeps, 1u);
    ck_assert_uint_eq(g_app.kept_len, sizeof param);
    ck_assert_mem_eq(g_app.kept, param, sizeof param);

    /* Echo: the same parameter in two pblocks; the answer fits: Action-Response-Normal,
     * result success 00, return-parameters present 01, data 00, the value. */
    first_pblock(&req, echo_method(1), false, 1u, param, 60u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    pblock(&req, true, 2u, &param[60], 42u);
    send_pdu(3u, &req);
    pdu_t want = { .n = 0 };
    hx(&want, "C7 01 C1 00 01 00");
    by(&want, param, sizeof param);
    expect_pdu(&want);

    /* With list and first pblock: methods 02 { echo, keep }, the raw data a SEQUENCE OF
     * Data { unsigned 1, unsigned 2 } (02 11 01 11 02) in two pblocks; the answer
     * Action-Response-With-List: 02 { success with data 11 01, success without data }. */
    req.n = 0;
    hx(&req, "C3 05 C1 02");
    hx(&req, echo_method(1));
    hx(&req, echo_method(2));
    static const uint8_t values[] = { 0x02, 0x11, 0x01, 0x11, 0x02 };
    datablock(&req, false, 1u, values, 3u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    pblock(&req, true, 2u, &values[3], 2u);
    send_pdu(3u, &req);
    ck_expect_hex("C7 03 C1 02 00 01 00 11 01 00 00");
    ck_assert_uint_eq(g_app.kept_len, 2u);
    ck_assert_mem_eq(g_app.kept, "\x11\x02", 2u);
}
END_TEST

START_TEST(action_return_in_pblocks)
{
    /* Fill 150 at client PDU 64: the return value 09 81 96 + 150 bytes (153) goes in
     * Action-Response-With-Pblock of 64 - 8 (C7 02 C1 last number(4)) - 1 (length) = 55
     * raw bytes: 55, 55, 43; the client asks for each next one with
     * Action-Request-Next-Pblock carrying the number of the block it received. */
    associate_tester(64u);
    uint8_t value[153] = { 0x09, 0x81, 0x96 };
    pattern(&value[3], 150u, 7u);
    ck_send_hex_sap(3u, "C3 01 C1 7FF0 0080630000FF 03 01 12 0096");
    expect_block(false, false, 1u, value, 55u);
    pdu_t next;
    numbered(&next, "C3 02 C1", 1u);
    send_pdu(3u, &next);
    expect_block(false, false, 2u, &value[55], 55u);
    numbered(&next, "C3 02 C1", 2u);
    send_pdu(3u, &next);
    expect_block(false, true, 3u, &value[110], 43u);
    /* Nothing more to send: no-long-action-in-progress (16). */
    numbered(&next, "C3 02 C1", 3u);
    xchg_result(&next, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);

    /* Echo of that value: parameters in three pblocks of 51, return data in pblocks. */
    pdu_t req;
    first_pblock(&req, echo_method(1), false, 1u, value, 51u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    pblock(&req, false, 2u, &value[51], 51u);
    xchg_numbered(&req, "C7 04 C1", 2u);
    pblock(&req, true, 3u, &value[102], 51u);
    send_pdu(3u, &req);
    expect_block(false, false, 1u, value, 55u);
    numbered(&next, "C3 02 C1", 1u);
    send_pdu(3u, &next);
    expect_block(false, false, 2u, &value[55], 55u);
    /* A wrong block number asked: long-action-aborted (15), and the transfer is over. */
    numbered(&next, "C3 02 C1", 1u);
    xchg_result(&next, MSDK_COSEM_ACTION_LONG_ACTION_ABORTED);
    numbered(&next, "C3 02 C1", 2u);
    xchg_result(&next, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);

    /* Action-Request-With-List (C3 03 C1) of two echoes of octet-strings of 40 bytes: the
     * answer's raw data, the list 02 { 00 01 00 + value } x 2 (91 bytes), goes in pblocks
     * of 55 and 36. */
    uint8_t v40[42] = { 0x09, 40u };
    pattern(&v40[2], 40u, 5u);
    req.n = 0;
    hx(&req, "C3 03 C1 02");
    hx(&req, echo_method(1));
    hx(&req, echo_method(1));
    hx(&req, "02");
    by(&req, v40, sizeof v40);
    by(&req, v40, sizeof v40);
    send_pdu(3u, &req);
    pdu_t content = { .n = 0 };
    hx(&content, "02 00 01 00");
    by(&content, v40, sizeof v40);
    hx(&content, "00 01 00");
    by(&content, v40, sizeof v40);
    ck_assert_uint_eq(content.n, 91u);
    expect_block(false, false, 1u, content.b, 55u);
    numbered(&next, "C3 02 C1", 1u);
    send_pdu(3u, &next);
    expect_block(false, true, 2u, &content.b[55], 36u);
}
END_TEST

/* The parameter of the short transfers: octet-string AA BB CC, in pblocks of 2 and 3 bytes. */
static const uint8_t short_param[5] = { 0x09, 0x03, 0xAA, 0xBB, 0xCC };

/* short_first(): the first pblock is acknowledged (no result). */
enum {
    ACKED = 0x100
};

/* The first pblock (not the last, 2 bytes) of `method` from the tester: acknowledged when
 * `result` is ACKED, else answered with that result. */
static void short_first(const char *method, unsigned result)
{
    pdu_t req;
    first_pblock(&req, method, false, 1u, short_param, 2u);
    if (result == (unsigned)ACKED) {
        xchg_numbered(&req, "C7 04 C1", 1u);
    } else {
        xchg_result(&req, (uint8_t)result);
    }
}

/* The last pblock (3 bytes) numbered `number`; its answer must be `result`. */
static void short_last(uint32_t number, uint8_t result)
{
    pdu_t req;
    pblock(&req, true, number, &short_param[2], 3u);
    xchg_result(&req, result);
}

START_TEST(action_pblocks_out_of_order)
{
    associate_tester(500u);
    /* Block 3 after block 1: long-action-aborted (15); the transfer is over. */
    short_first(echo_method(2), ACKED);
    short_last(3u, MSDK_COSEM_ACTION_LONG_ACTION_ABORTED);
    short_last(2u, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    pdu_t req;
    /* A first block numbered 2, a block with nothing started. */
    first_pblock(&req, echo_method(2), true, 2u, short_param, sizeof short_param);
    xchg_result(&req, MSDK_COSEM_ACTION_LONG_ACTION_ABORTED);
    pblock(&req, true, 1u, short_param, sizeof short_param);
    xchg_result(&req, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    ck_assert_uint_eq(g_app.keeps, 0u);
    /* Parameters that are not one Data value (09 03 and 4 bytes): type-unmatched (12). */
    static const uint8_t bad[] = { 0x09, 0x03, 0xAA, 0xBB, 0xCC, 0xDD };
    first_pblock(&req, echo_method(2), true, 1u, bad, sizeof bad);
    xchg_result(&req, MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.keeps, 0u);
    /* The server is still serving. */
    first_pblock(&req, echo_method(2), true, 1u, short_param, sizeof short_param);
    xchg_result(&req, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.keeps, 1u);
}
END_TEST

START_TEST(action_pblocks_too_long)
{
    /* The scratch buffer holds 512 bytes: the third pblock of 200 bytes does not fit. */
    associate_tester(500u);
    uint8_t raw[200];
    pattern(raw, sizeof raw, 1u);
    pdu_t req;
    first_pblock(&req, echo_method(2), false, 1u, raw, sizeof raw);
    xchg_numbered(&req, "C7 04 C1", 1u);
    pblock(&req, false, 2u, raw, sizeof raw);
    xchg_numbered(&req, "C7 04 C1", 2u);
    pblock(&req, true, 3u, raw, sizeof raw);
    xchg_result(&req, MSDK_COSEM_ACTION_LONG_ACTION_ABORTED);
    pblock(&req, true, 4u, raw, sizeof raw);
    xchg_result(&req, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    ck_assert_uint_eq(g_app.keeps, 0u);
}
END_TEST

START_TEST(action_pblocks_aborted_by_request)
{
    associate_tester(64u);
    static const uint8_t param[] = { 0x11, 0x05 };
    pdu_t req;
    /* A GET between two pblocks: answered, and it ends the ACTION. */
    first_pblock(&req, echo_method(2), false, 1u, param, 1u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    ck_xchg_sap(3u, "C001C1000100002A0000FF0200", "C401C100" LDN_HEX);
    pblock(&req, true, 2u, &param[1], 1u);
    xchg_result(&req, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    /* A new first pblock starts over: the old parameters are dropped. */
    first_pblock(&req, echo_method(2), false, 1u, param, 1u);
    xchg_numbered(&req, "C7 04 C1", 1u);
    static const uint8_t other[] = { 0x11, 0x09 };
    first_pblock(&req, echo_method(2), true, 1u, other, sizeof other);
    xchg_result(&req, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_mem_eq(g_app.kept, other, sizeof other);
    pblock(&req, true, 2u, &param[1], 1u);
    xchg_result(&req, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    /* An ACTION normal while return data goes out in pblocks ends that transfer. */
    ck_send_hex_sap(3u, "C3 01 C1 7FF0 0080630000FF 03 01 12 0096");
    ck_assert_uint_eq(g_srv.out[1], MSDK_COSEM_XDLMS_ACTION_RESPONSE_WITH_PBLOCK);
    ck_xchg_sap(3u, "C3 01 C1 7FF0 0080630000FF 02 01 11 07", "C7 01 C1 00 00");
    pdu_t next;
    numbered(&next, "C3 02 C1", 1u);
    xchg_result(&next, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    ck_assert_uint_eq(g_app.keeps, 2u);
}
END_TEST

START_TEST(action_pblocks_refused)
{
    associate_tester(500u);
    /* Method 4: no right to run it: read-write-denied (3) at the first block, nothing
     * collected (the next block finds no transfer). */
    short_first(echo_method(4), MSDK_COSEM_ACTION_READ_WRITE_DENIED);
    short_last(2u, MSDK_COSEM_ACTION_NO_LONG_ACTION_IN_PROGRESS);
    pdu_t req;
    /* An object that does not exist (0.128.99.0.0.254): object-undefined (4). */
    first_pblock(&req, "7FF0 0080630000FE 01", false, 1u, short_param, 2u);
    xchg_result(&req, MSDK_COSEM_ACTION_OBJECT_UNDEFINED);
    /* A list whose every method is refused: the results at once (C7 03 C1 01 03 00). */
    req.n = 0;
    hx(&req, "C3 05 C1 01");
    hx(&req, echo_method(4));
    datablock(&req, false, 1u, short_param, 2u);
    send_pdu(3u, &req);
    ck_expect_hex("C7 03 C1 01 03 00");
    ck_assert_uint_eq(g_app.keeps, 0u);
    /* No block transfer with ACTION negotiated (management client): exception-response
     * service-not-allowed (01), service-not-supported (02); and return data longer than
     * the APDU cannot be sent (the method fails: other-reason FA). */
    ck_send_aarq(1u, "12345678", 64u);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
    first_pblock(&req, echo_method(2), true, 1u, short_param, sizeof short_param);
    send_pdu(1u, &req);
    ck_expect_hex("D8 01 02");
    ck_xchg_sap(1u, "C3 01 C1 7FF0 0080630000FF 03 01 12 0096", "C7 01 C1 FA 00");
    ck_xchg_sap(1u, "C3 01 C1 7FF0 0080630000FF 03 01 12 0003", "C7 01 C1 00 01 00 09 03 01 08 0F");
    ck_assert_uint_eq(g_app.keeps, 0u);
}
END_TEST

/* ---- The client against this server ------------------------------------------------------ */

typedef struct rig {
    bool hdlc;
    uint16_t sap;
    msdk_cosem_wrapper_session_t ws;
    ck_hdlc_rig_t h;
    uint8_t w_rx[512], scratch[256];
    uint8_t resp[1024];
} rig_t;

static rig_t g_rig;

/* Sends one request APDU to the small-PDU device and returns the response APDU. */
static size_t exchange(rig_t *r, const uint8_t *req, size_t n, const uint8_t **resp)
{
    if (r->hdlc) {
        return ck_hdlc_request(&r->h, req, n, resp);
    }
    uint8_t frame[600];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, frame, sizeof frame);
    ck_assert_int_eq(msdk_cosem_wrapper_encode(&w, r->sap, 1u, req, n), MSDK_OK);
    msdk_wbuf_t out;
    msdk_wbuf_init(&out, r->resp, sizeof r->resp);
    size_t used = 0;
    ck_assert_int_eq(msdk_cosem_wrapper_session_rx(&r->ws, frame, w.pos, &used, &out), MSDK_OK);
    ck_assert_uint_eq(used, w.pos);
    msdk_cosem_wrapper_hdr_t h;
    size_t len = 0;
    ck_assert_int_eq(msdk_cosem_wrapper_decode(r->resp, out.pos, &h, resp, &len), MSDK_OK);
    ck_assert_uint_eq(h.src_wport, 1u);
    ck_assert_uint_eq(h.dst_wport, r->sap);
    return len;
}

/* Runs the exchanges of one operation whose first request is in `req[0..n)`. */
static const msdk_cosem_client_result_t *run(rig_t *r, msdk_cosem_client_t *c, uint8_t *req,
                                             size_t cap, size_t n)
{
    bool more = true;
    unsigned rounds = 0;
    while (more) {
        const uint8_t *resp = NULL;
        size_t len = exchange(r, req, n, &resp);
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, req, cap);
        ck_assert_int_eq(msdk_cosem_client_rx(c, resp, len, &tx, &more), MSDK_OK);
        n = tx.pos;
        ck_assert_uint_lt(++rounds, 200u);
    }
    return msdk_cosem_client_result(c);
}

static void rig_connect(rig_t *r, bool hdlc, uint16_t sap)
{
    r->hdlc = hdlc;
    r->sap = sap;
    if (!hdlc) {
        ck_assert_int_eq(msdk_cosem_wrapper_session_init(&r->ws, &ldev_small, 1u, r->w_rx,
                                                         sizeof r->w_rx, r->scratch,
                                                         sizeof r->scratch),
                         MSDK_OK);
        return;
    }
    ck_hdlc_open(&r->h, &ldev_small, sap);
}

static msdk_cosem_client_config_t client_cfg(const char *pw, uint16_t pdu)
{
    msdk_cosem_client_config_t cfg = {
        .mechanism = (pw != NULL) ? MSDK_COSEM_MECH_LLS : MSDK_COSEM_MECH_LOWEST,
        .password = (const uint8_t *)pw,
        .password_len = (pw != NULL) ? strlen(pw) : 0u,
        .conformance = MSDK_COSEM_CLIENT_CONF_DEFAULT,
        .max_pdu = pdu,
        .invoke_id = 1u,
        .high_priority = true,
    };
    return cfg;
}

static const msdk_cosem_client_result_t *assoc(rig_t *r, msdk_cosem_client_t *c,
                                               msdk_cosem_client_config_t cfg)
{
    ck_assert_int_eq(msdk_cosem_client_init(c, &cfg), MSDK_OK);
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_associate(c, &tx), MSDK_OK);
    return run(r, c, req, sizeof req, tx.pos);
}

static msdk_cosem_xdlms_attr_sel_t attr_of(uint16_t cls, const uint8_t ln[6], int8_t attr)
{
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    a.attr.class_id = cls;
    memcpy(a.attr.obis, ln, 6u);
    a.attr.attr_id = attr;
    return a;
}

static const msdk_cosem_client_result_t *get(rig_t *r, msdk_cosem_client_t *c, uint16_t cls,
                                             const uint8_t ln[6], int8_t attr, uint8_t *val,
                                             size_t cap)
{
    msdk_cosem_xdlms_attr_sel_t a = attr_of(cls, ln, attr);
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_get(c, &a, val, cap, &tx), MSDK_OK);
    return run(r, c, req, sizeof req, tx.pos);
}

static const msdk_cosem_client_result_t *get_list(rig_t *r, msdk_cosem_client_t *c,
                                                  const msdk_cosem_xdlms_attr_sel_t *items,
                                                  size_t n, uint8_t *buf, size_t cap)
{
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_get_list(c, items, n, buf, cap, &tx), MSDK_OK);
    return run(r, c, req, sizeof req, tx.pos);
}

static const msdk_cosem_client_result_t *act(rig_t *r, msdk_cosem_client_t *c,
                                             const msdk_cosem_xdlms_method_desc_t *m,
                                             const uint8_t *params, size_t len, uint8_t *ret,
                                             size_t cap)
{
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_action(c, m, params, len, ret, cap, &tx), MSDK_OK);
    return run(r, c, req, sizeof req, tx.pos);
}

static void release(rig_t *r, msdk_cosem_client_t *c)
{
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_release(c, &tx), MSDK_OK);
    ck_assert_uint_eq(run(r, c, req, sizeof req, tx.pos)->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
}

static const uint8_t ldn[6] = { 0, 0, 42, 0, 0, 255 };
static const uint8_t aln[6] = { 0, 0, 40, 0, 1, 255 };
static const uint8_t clk[6] = { 0, 0, 1, 0, 0, 255 };

/* The tester: GETs (the object list in blocks, GET-with-list answered in one APDU and in
 * blocks), a refused SET, ACTIONs whose parameters and return data go in pblocks. */
static void conversation_tester(rig_t *r, bool hdlc)
{
    msdk_cosem_client_t c;
    static uint8_t val[2048];
    static uint8_t val2[2048];
    static uint8_t ret[512];
    rig_connect(r, hdlc, 3u);
    const msdk_cosem_client_result_t *res = assoc(r, &c, client_cfg(NULL, 1200u));
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    ck_assert_uint_eq(msdk_cosem_client_server_pdu(&c), 100u);
    res = get(r, &c, 1u, ldn, 2, val, sizeof val);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(res->value_len, 18u);
    ck_assert_mem_eq(res->value, "\x09\x10MSDMA304H4000001", 18u);
    /* The public association's object list: the server's 100-byte PDU sends it in blocks. */
    res = get(r, &c, 15u, aln, 2, val, sizeof val);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_gt(res->blocks, 3u);
    size_t list_len = res->value_len;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, val, list_len);
    uint32_t count = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 13u);
    /* Too small a buffer for the list: refused at the block that overflows it. */
    msdk_cosem_xdlms_attr_sel_t a = attr_of(15u, aln, 2);
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val2, 150u, &tx), MSDK_OK);
    size_t n = tx.pos;
    msdk_err_t err = MSDK_OK;
    for (unsigned i = 0; (i < 20u) && (err == MSDK_OK); i++) {
        const uint8_t *resp = NULL;
        size_t len = exchange(r, req, n, &resp);
        bool more = false;
        msdk_wbuf_init(&tx, req, sizeof req);
        err = msdk_cosem_client_rx(&c, resp, len, &tx, &more);
        n = tx.pos;
    }
    ck_assert_int_eq(err, MSDK_ERR_BUFFER_TOO_SMALL);
    msdk_cosem_client_abort(&c);
    /* GET with list: the name and the clock time. */
    msdk_cosem_xdlms_attr_sel_t items[8];
    items[0] = attr_of(1u, ldn, 2);
    items[1] = attr_of(8u, clk, 2);
    res = get_list(r, &c, items, 2u, val2, sizeof val2);
    ck_assert_uint_eq(res->count, 2u);
    ck_assert_uint_eq(res->blocks, 0u);
    msdk_cosem_xdlms_iter_t it;
    ck_assert_int_eq(msdk_cosem_client_list_iter(&c, &it), MSDK_OK);
    msdk_cosem_xdlms_get_result_t gr;
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    ck_assert_mem_eq(&gr.data.p[2], g_app.clock, 12u);
    /* GET with list of 8 items (the request is 84 bytes) whose answer (135 bytes) goes in
     * datablocks. */
    for (uint8_t i = 0; i < 5u; i++) {
        const uint8_t d[6] = { 0, 0, 96, 1, i, 255 };
        items[1u + i] = attr_of(1u, d, 2);
    }
    static const uint8_t nowhere[6] = { 0, 0, 96, 1, 99, 255 };
    items[6] = attr_of(8u, clk, 2);
    items[7] = attr_of(1u, nowhere, 2);
    res = get_list(r, &c, items, 8u, val2, sizeof val2);
    ck_assert_uint_eq(res->count, 8u);
    ck_assert_uint_eq(res->blocks, 2u);
    ck_assert_int_eq(msdk_cosem_client_list_iter(&c, &it), MSDK_OK);
    for (unsigned i = 0; i < 6u; i++) {
        ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
        ck_assert_uint_eq(gr.data.len, 18u);
        ck_assert_mem_eq(gr.data.p, "\x09\x10MSDMA304H4000001", 18u);
    }
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert_mem_eq(&gr.data.p[2], g_app.clock, 12u);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(!gr.is_data);
    ck_assert_uint_eq(gr.dar, MSDK_COSEM_DAR_OBJECT_UNDEFINED);
    /* SET without the rights: read-write-denied, as protocol data. */
    static const uint8_t dt[14] = { 0x09, 0x0C, 0x07, 0xEA, 0x03, 0x01, 0xFF,
                                    0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    a = attr_of(8u, clk, 2);
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, dt, sizeof dt, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_READ_WRITE_DENIED);
    /* Echo of 120 bytes: the parameters in pblocks (the server takes 100-byte APDUs), the
     * same bytes back in pblocks. */
    static uint8_t param[120] = { 0x09, 118u };
    pattern(&param[2], 118u, 11u);
    msdk_cosem_xdlms_method_desc_t m = { ECHO_CLASS, { 0, 128, 99, 0, 0, 255 }, 1 };
    res = act(r, &c, &m, param, sizeof param, ret, sizeof ret);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(res->has_value);
    ck_assert_uint_eq(res->value_len, sizeof param);
    ck_assert_mem_eq(res->value, param, sizeof param);
    ck_assert_uint_ge(res->blocks, 4u); /* 2 sent, 2 received */
    /* Fill 200: a short request, 203 bytes back in pblocks (the session's scratch buffer
     * holds 256); fill 300 does not fit it: the method fails. */
    static const uint8_t n200[3] = { 0x12, 0x00, 0xC8 };
    m.method_id = 3;
    res = act(r, &c, &m, n200, sizeof n200, ret, sizeof ret);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(res->value_len, 203u);
    ck_assert_mem_eq(res->value, "\x09\x81\xC8", 3u);
    uint8_t made[200];
    pattern(made, sizeof made, 7u);
    ck_assert_mem_eq(&res->value[3], made, sizeof made);
    ck_assert_uint_eq(res->blocks, 3u); /* 97 + 97 + 9 bytes */
    static const uint8_t n300[3] = { 0x12, 0x01, 0x2C };
    res = act(r, &c, &m, n300, sizeof n300, ret, sizeof ret);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert(!res->has_value);
    release(r, &c);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_ERR_STATE);

    /* Small client PDU (64 bytes): the object list again, in more blocks, same bytes. */
    res = assoc(r, &c, client_cfg(NULL, 64u));
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    res = get(r, &c, 15u, aln, 2, val2, sizeof val2);
    ck_assert_uint_eq(res->value_len, list_len);
    ck_assert_mem_eq(val2, val, list_len);
    release(r, &c);
    if (hdlc) {
        ck_assert_int_eq(msdk_cosem_hdlc_client_disconnect(&r->h.cli, r->h.now), MSDK_OK);
        ck_hdlc_pump(&r->h);
    }
    msdk_cosem_client_wipe(&c);
}

/* The management client: a wrong password, then the right one; SETs (one in datablocks),
 * ACTIONs. */
static void conversation_mgmt(rig_t *r, bool hdlc)
{
    msdk_cosem_client_t c;
    static uint8_t val[2048];
    rig_connect(r, hdlc, 1u);
    const msdk_cosem_client_result_t *res = assoc(r, &c, client_cfg("12345679", 1200u));
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(res->diag, MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE);
    res = assoc(r, &c, client_cfg("12345678", 1200u));
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    /* SET the clock, read it back. */
    static const uint8_t dt[14] = { 0x09, 0x0C, 0x07, 0xEA, 0x03, 0x01, 0xFF,
                                    0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    msdk_cosem_xdlms_attr_sel_t a = attr_of(8u, clk, 2);
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, dt, sizeof dt, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_mem_eq(g_app.clock, &dt[2], 12u);
    res = get(r, &c, 8u, clk, 2, val, sizeof val);
    ck_assert_mem_eq(res->value, dt, sizeof dt);
    /* SET a 180-byte octet-string: datablocks through the server's 100-byte PDU. */
    static uint8_t big[183] = { 0x09, 0x81, 180u };
    pattern(&big[3], 180u, 7u);
    static const uint8_t blob[6] = { 0, 128, 96, 0, 0, 255 };
    a = attr_of(1u, blob, 2);
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, big, sizeof big, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_ge(res->blocks, 2u);
    ck_assert_uint_eq(g_app.blob_len, 180u);
    ck_assert_mem_eq(g_app.blob, &big[3], 180u);
    res = get(r, &c, 1u, blob, 2, val, sizeof val);
    ck_assert_uint_eq(res->value_len, sizeof big);
    ck_assert_mem_eq(res->value, big, sizeof big);
    /* ACTION: reset the energy register. */
    msdk_cosem_xdlms_method_desc_t m = { 3u, { 1, 0, 1, 8, 0, 255 }, 1 };
    static const uint8_t zero[] = { 0x0F, 0x00 };
    res = act(r, &c, &m, zero, sizeof zero, NULL, 0u);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.resets, 1u);
    res = get(r, &c, 3u, (const uint8_t[6]){ 1, 0, 1, 8, 0, 255 }, 2, val, sizeof val);
    ck_assert_mem_eq(res->value, "\x06\x00\x00\x00\x00", 5u);
    /* Parameters that need pblocks: not negotiated with this client. */
    msdk_cosem_xdlms_method_desc_t echo = { ECHO_CLASS, { 0, 128, 99, 0, 0, 255 }, 2 };
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &echo, big, sizeof big, NULL, 0u, &tx),
                     MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(tx.pos, 0u);
    /* ACTION on an object that does not exist. */
    m.obis[5] = 1u;
    res = act(r, &c, &m, NULL, 0u, NULL, 0u);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_OBJECT_UNDEFINED);
    release(r, &c);
    msdk_cosem_client_wipe(&c);
}

START_TEST(client_over_wrapper)
{
    memset(&g_rig, 0, sizeof g_rig);
    conversation_tester(&g_rig, false);
    conversation_mgmt(&g_rig, false);
}
END_TEST

START_TEST(client_over_hdlc)
{
    memset(&g_rig, 0, sizeof g_rig);
    conversation_tester(&g_rig, true);
    conversation_mgmt(&g_rig, true);
}
END_TEST

Suite *cosem_server_suite(void)
{
    Suite *s = suite_create("cosem_server");
    CK_TCASE(s, "association", setup, assoc_public_matches_published_aare, assoc_lls,
             assoc_rejections, services_before_association);
    CK_TCASE(s, "get", setup, get_normal, get_errors, get_register_reader, get_with_list,
             get_object_list_in_blocks, get_next_wrong_block, get_list_in_blocks_pdu64,
             get_list_in_blocks_spill_pdu256, get_list_in_blocks_aborted);
    CK_TCASE(s, "set_action", setup, set_rights, set_secret_and_relogin, set_in_blocks,
             action_reset);
    CK_TCASE(s, "action_pblocks", setup, action_pblocks_in_order, action_return_in_pblocks,
             action_pblocks_out_of_order, action_pblocks_too_long,
             action_pblocks_aborted_by_request, action_pblocks_refused);
    CK_TCASE(s, "client", setup, client_over_wrapper, client_over_hdlc);
    return s;
}
