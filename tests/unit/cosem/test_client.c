/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * The client association (client.h):
 * - its requests against the published APDUs of ../shared/vectors/dlms-vectors.md section 7
 *   (AARQ plain and LLS "12345678", GET normal, GET next block 1, GET with list, GET by
 *   range, SET clock, ACTION, RLRQ) and the published answers (AARE accepted and rejected,
 *   GET data and error, SET and ACTION responses, RLRE);
 * - the block transfers on hand-derived APDUs (written field by field from the ASN.1 of
 *   IEC 62056-5-3): GET with datablocks (one value, a list), SET with datablocks, ACTION
 *   parameters sent in pblocks and return data received in pblocks;
 * - every error path: each answer truncated at every length, wrong tags, wrong invoke-ids,
 *   blocks out of sequence, values that do not fit, writers too small; the client must come
 *   out of each error exactly as it went in.
 * The client against the real server in-process (wrapper and HDLC sessions) is in
 * test_server.c, next to the server's logical device.
 */
#include <check.h>

#include "cosem_check.h"
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/client.h"
#include "msdk/cosem/xdlms.h"

Suite *cosem_client_suite(void);

/* ---- Helpers ------------------------------------------------------------------------------ */

static void expect_hex(const uint8_t *p, size_t n, const char *want)
{
    uint8_t w[512];
    size_t wn = ck_hex(want, w, sizeof w);
    ck_assert_uint_eq(n, wn);
    ck_assert_mem_eq(p, w, wn);
}

static msdk_cosem_client_config_t cfg_public(void)
{
    msdk_cosem_client_config_t cfg = {
        .mechanism = MSDK_COSEM_MECH_LOWEST,
        .password = NULL,
        .password_len = 0u,
        .conformance = 0x007E1Fu,
        .max_pdu = 0x04B0u,
        .invoke_id = 1u,
        .high_priority = true,
    };
    return cfg;
}

static msdk_cosem_client_config_t cfg_lls(const char *pw)
{
    msdk_cosem_client_config_t cfg = cfg_public();
    cfg.mechanism = MSDK_COSEM_MECH_LLS;
    cfg.password = (const uint8_t *)pw;
    cfg.password_len = strlen(pw);
    return cfg;
}

/* The client under test, its request writer and a value buffer. */
typedef struct cli {
    msdk_cosem_client_t c;
    uint8_t req[128];
    msdk_wbuf_t tx;
    uint8_t val[64];
} cli_t;

static cli_t g;

/* Room of the request writer: all of g.req. */
#define ALL_OF_REQ sizeof g.req

/* Empties the request writer, over the first `cap` bytes of g.req. */
static msdk_wbuf_t *tx(size_t cap)
{
    msdk_wbuf_init(&g.tx, g.req, cap);
    return &g.tx;
}

/* Feeds a hex answer; expects success and returns `more`. */
static bool feed_hex(const char *answer)
{
    uint8_t a[512];
    size_t n = ck_hex(answer, a, sizeof a);
    bool more = true;
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, a, n, &g.tx, &more), MSDK_OK);
    return more;
}

/* Feeds a hex answer that must be refused with `err`. */
static void refuse_hex(const char *answer, msdk_err_t err)
{
    uint8_t a[512];
    size_t n = ck_hex(answer, a, sizeof a);
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, a, n, &g.tx, &more), err);
}

/* Associates g.c with `cfg` through the published "AARE accepted" whose negotiated
 * conformance (after 5F 1F 04 00) is `conf` (3 bytes in hex; the published one is 00 50 1F)
 * and server max receive PDU 01 F4 (500); the writer is emptied. */
static void associate(msdk_cosem_client_config_t cfg, const char *conf)
{
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    char aare[200];
    snprintf(aare, sizeof aare,
             "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400%s01F40007",
             conf);
    ck_assert(!feed_hex(aare));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    (void)tx(ALL_OF_REQ);
}

/*
 * Feeds every proper prefix of `answer` and a few corruptions, and checks that each is
 * refused and leaves the client and the writer as they were; then feeds the whole answer.
 */
static void refuse_prefixes(const uint8_t *a, size_t n)
{
    msdk_cosem_client_t before = g.c;
    size_t pos = g.tx.pos;
    for (size_t k = 0; k < n; k++) {
        bool more = false;
        msdk_err_t err = msdk_cosem_client_rx(&g.c, a, k, &g.tx, &more);
        if (err == MSDK_OK) {
            ck_abort_msg("prefix of %zu bytes accepted", k);
        }
        if ((memcmp(&g.c, &before, sizeof before) != 0) || (g.tx.pos != pos)) {
            ck_abort_msg("prefix of %zu bytes changed the client", k);
        }
    }
    /* One byte more than the answer: trailing bytes are malformed. */
    uint8_t longer[600];
    ck_assert_uint_lt(n, sizeof longer);
    memcpy(longer, a, n);
    longer[n] = 0x00u;
    bool more = false;
    ck_assert_int_ne(msdk_cosem_client_rx(&g.c, longer, n + 1u, &g.tx, &more), MSDK_OK);
    ck_assert_mem_eq(&g.c, &before, sizeof before);
}

/* The same for an answer in hex, with the writer emptied first. */
static void refuse_prefixes_hex(const char *answer)
{
    uint8_t a[512];
    size_t n = ck_hex(answer, a, sizeof a);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
}

/* ---- Requests against the published APDUs ------------------------------------------------- */

START_TEST(aarq_matches_published)
{
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    expect_hex(g.req, g.tx.pos, "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0");
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_AARQ_SENT);
    /* A second AARQ while the first is outstanding. */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, &g.tx), MSDK_ERR_STATE);

    cfg = cfg_lls("12345678");
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    expect_hex(g.req, g.tx.pos,
               "6036A1090607608574050801018A0207808B0760857405080201AC0A80083132333435363738BE"
               "10040E01000000065F1F0400007E1F04B0");
    /* Every writer too small: refused, nothing written, still idle. */
    for (size_t cap = 0; cap < g.tx.pos; cap++) {
        msdk_cosem_client_t d;
        ck_assert_int_eq(msdk_cosem_client_init(&d, &cfg), MSDK_OK);
        uint8_t small[64];
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, small, cap);
        if (msdk_cosem_client_associate(&d, &w) != MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("AARQ in %zu bytes", cap);
        }
        if ((w.pos != 0u) || (msdk_cosem_client_state(&d) != MSDK_COSEM_CLIENT_IDLE)) {
            ck_abort_msg("AARQ in %zu bytes changed state", cap);
        }
    }
}
END_TEST

START_TEST(init_arguments)
{
    msdk_cosem_client_t c;
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(NULL, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_client_init(&c, NULL), MSDK_ERR_INVALID_ARG);
    cfg.password_len = 3u; /* a password without LLS */
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_lls("x");
    cfg.password_len = 0u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.password_len = MSDK_COSEM_AUTH_VALUE_MAX + 1u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_public();
    cfg.mechanism = MSDK_COSEM_MECH_HLS_GMAC;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_public();
    cfg.conformance = 0u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.conformance = 0x1000000u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_public();
    cfg.max_pdu = 11u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_public();
    cfg.invoke_id = 16u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    /* Services before the association. */
    cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 1, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    msdk_cosem_xdlms_method_desc_t m = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, g.val, sizeof g.val, tx(ALL_OF_REQ)),
                     MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, NULL, 0u, &g.tx), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &g.tx), MSDK_ERR_STATE);
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, g.req, 1u, &g.tx, &more), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_client_rx(NULL, g.req, 1u, &g.tx, &more), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(g.tx.pos, 0u);
    ck_assert_ptr_null(msdk_cosem_client_result(NULL));
    ck_assert_int_eq(msdk_cosem_client_state(NULL), MSDK_COSEM_CLIENT_IDLE);
    msdk_cosem_client_reset(NULL);
    msdk_cosem_client_abort(NULL);
    msdk_cosem_client_wipe(NULL);
}
END_TEST

START_TEST(aare_published_answers)
{
    /* Accepted: conformance 00 50 1F, server PDU 500. */
    associate(cfg_public(), "00501F");
    ck_assert_uint_eq(msdk_cosem_client_conformance(&g.c), 0x00501Fu);
    ck_assert_uint_eq(msdk_cosem_client_server_pdu(&g.c), 500u);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);

    /* Rejected, application context not supported. */
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert(!feed_hex(
        "6129A109060760857405080101A203020101A305A103020102BE10040E0800065F1F040000501F01F40007"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(r->diag_source, MSDK_COSEM_DIAG_SOURCE_USER);
    ck_assert_uint_eq(r->diag, MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED);
    ck_assert(!msdk_cosem_client_is_associated(&g.c));
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);

    /* Rejected, DLMS version too low (an initiateError in the user information). */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert(!feed_hex("611FA109060760857405080101A203020101A305A103020101BE0604040E010601"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(r->diag, MSDK_COSEM_DIAG_USER_NO_REASON);
    ck_assert_uint_eq(r->service_error.service, MSDK_COSEM_CSE_INITIATE_ERROR);
    ck_assert_uint_eq(r->service_error.type, MSDK_COSEM_SERR_INITIATE);
    ck_assert_uint_eq(r->service_error.value, MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW);

    /* HLS-5 "authentication required": not supported, nothing changes. */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    refuse_hex("6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A"
               "8008503677524A323146BE10040E0800065F1F040000501F01F40007",
               MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_AARQ_SENT);
    /* Every truncation of the accepted AARE, and a wrong tag. */
    refuse_prefixes_hex(
        "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007");
    refuse_hex(
        "6329A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007",
        MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex(
        "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007"));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    /* An abandoned AARQ goes back to idle. */
    msdk_cosem_client_reset(&g.c);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    msdk_cosem_client_abort(&g.c);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);
}
END_TEST

START_TEST(get_matches_published)
{
    associate(cfg_public(), "00501F");
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 43, 1, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, sizeof g.val, &g.tx), MSDK_OK);
    expect_hex(g.req, g.tx.pos, "C0 01 C1 00 01 00 00 2B 01 00 FF 02 00");
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_BUSY);
    /* A second request while busy. */
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, sizeof g.val, &g.tx), MSDK_ERR_STATE);
    refuse_prefixes_hex("C4 01 C1 00 06 00 00 13 91");
    /* Another invoke-id: ignored. A SET response to a GET. */
    refuse_hex("C4 01 C2 00 06 00 00 13 91", MSDK_ERR_NOT_FOUND);
    refuse_hex("C5 01 C1 00", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("C4 01 C1 00 06 00 00 13 91"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert(r->has_value);
    expect_hex(r->value, r->value_len, "06 00 00 13 91");
    ck_assert_ptr_eq(r->value, g.val);
    ck_assert_uint_eq(g.tx.pos, 0u);

    /* The next request takes invoke-id 2; the published error answer, with that id. */
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, sizeof g.val, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert_uint_eq(g.req[2], 0xC2u);
    ck_assert(!feed_hex("C4 01 C2 01 01"));
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_assert(!r->has_value);

    /* A value larger than the caller's buffer. */
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, 4u, tx(ALL_OF_REQ)), MSDK_OK);
    refuse_hex("C4 01 C3 00 06 00 00 13 91", MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_BUSY);
    msdk_cosem_client_abort(&g.c);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);

    /* Invoke-ids wrap after 15. */
    for (unsigned i = 0; i < 16u; i++) {
        ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, sizeof g.val, tx(ALL_OF_REQ)),
                         MSDK_OK);
        ck_assert_uint_eq(g.req[2], 0xC0u | ((4u + i) & 15u));
        msdk_cosem_client_abort(&g.c);
    }
}
END_TEST

START_TEST(get_blocks_hand_derived)
{
    associate(cfg_public(), "00501F");
    msdk_cosem_xdlms_attr_sel_t a = { { 15u, { 0, 0, 40, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, 16u, &g.tx), MSDK_OK);
    /* Get-Response-With-Datablock: C4 02, iip C1, last-block, block-number, raw-data [0]
     * 00, length, bytes. Block 1 carries `01 02 12 00`, block 2 `01 12 00 02`: array { 1, 2 }
     * of long-unsigned. */
    refuse_prefixes_hex("C4 02 C1 00 00000001 00 04 01 02 12 00");
    /* The next request does not fit the writer: refused, nothing changes. */
    msdk_cosem_client_t before = g.c;
    (void)tx(6u);
    refuse_hex("C4 02 C1 00 00000001 00 04 01 02 12 00", MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_mem_eq(&g.c, &before, sizeof g.c);
    /* Block 2 first: out of sequence. */
    (void)tx(ALL_OF_REQ);
    refuse_hex("C4 02 C1 01 00000002 00 04 01 12 00 02", MSDK_ERR_MALFORMED);
    ck_assert(feed_hex("C4 02 C1 00 00000001 00 04 01 02 12 00"));
    expect_hex(g.req, g.tx.pos, "C0 02 C1 00 00 00 01"); /* the published GET next block 1 */
    /* Block 1 again, and a normal answer in the middle of a block transfer. */
    refuse_hex("C4 02 C1 00 00000001 00 04 01 02 12 00", MSDK_ERR_MALFORMED);
    refuse_hex("C4 01 C1 00 11 05", MSDK_ERR_MALFORMED);
    refuse_prefixes_hex("C4 02 C1 01 00000002 00 04 01 12 00 02");
    ck_assert(!feed_hex("C4 02 C1 01 00000002 00 04 01 12 00 02"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(r->blocks, 2u);
    expect_hex(r->value, r->value_len, "01 02 12 00 01 12 00 02");

    /* A last block that leaves the value incomplete or with trailing bytes. */
    static const char *const bad_last[] = {
        "C4 02 C2 01 00000001 00 03 01 02 12",
        "C4 02 C3 01 00000001 00 05 11 01 11 02 00",
    };
    for (size_t i = 0; i < 2u; i++) {
        ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, 16u, tx(ALL_OF_REQ)), MSDK_OK);
        refuse_hex(bad_last[i], MSDK_ERR_MALFORMED);
        msdk_cosem_client_abort(&g.c);
    }
    /* Blocks adding up to more than the buffer. */
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a, g.val, 6u, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert(feed_hex("C4 02 C4 00 00000001 00 04 01 02 12 00"));
    refuse_hex("C4 02 C4 01 00000002 00 04 01 12 00 02", MSDK_ERR_BUFFER_TOO_SMALL);
    /* The server gives up: long-get-aborted in block 2. */
    ck_assert(!feed_hex("C4 02 C4 01 00000002 01 0F"));
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_LONG_GET_ABORTED);
    ck_assert(!r->has_value);
}
END_TEST

START_TEST(get_list_and_range_published)
{
    associate(cfg_public(), "00501F");
    msdk_cosem_xdlms_attr_sel_t items[2] = {
        { { 1u, { 0, 0, 42, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } },
        { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } },
    };
    /* The published AARE offers no multiple-references. */
    ck_assert_int_eq(msdk_cosem_client_get_list(&g.c, items, 2u, g.val, sizeof g.val, &g.tx),
                     MSDK_ERR_NOT_SUPPORTED);
    /* Conformance 00 52 1F: multiple-references added. */
    associate(cfg_public(), "00521F");
    ck_assert_int_eq(msdk_cosem_client_get_list(&g.c, items, 2u, g.val, sizeof g.val, &g.tx),
                     MSDK_OK);
    expect_hex(g.req, g.tx.pos,
               "C0 03 C1 02 00 01 00 00 2A 00 00 FF 02 00 00 08 00 00 01 00 00 FF 02 00");
    msdk_cosem_xdlms_iter_t it;
    ck_assert_int_eq(msdk_cosem_client_list_iter(&g.c, &it), MSDK_ERR_STATE);
    refuse_prefixes_hex("C4 03 C1 02 00 09 02 41 42 01 04");
    /* Three results for two items; one result for two. */
    refuse_hex("C4 03 C1 03 01 04 01 04 01 04", MSDK_ERR_NO_SPACE);
    refuse_hex("C4 03 C1 01 01 04", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("C4 03 C1 02 00 09 02 41 42 01 04"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->count, 2u);
    ck_assert_int_eq(msdk_cosem_client_list_iter(&g.c, &it), MSDK_OK);
    msdk_cosem_xdlms_get_result_t gr;
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    expect_hex(gr.data.p, gr.data.len, "09 02 41 42");
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(!gr.is_data);
    ck_assert_uint_eq(gr.dar, MSDK_COSEM_DAR_OBJECT_UNDEFINED);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_ERR_NOT_FOUND);

    /* The same answer in datablocks: their raw data is the list (count, then the results),
     * here in three blocks: `02 00`, `09 02 41`, `42 01 04`. */
    ck_assert_int_eq(
        msdk_cosem_client_get_list(&g.c, items, 2u, g.val, sizeof g.val, tx(ALL_OF_REQ)), MSDK_OK);
    (void)tx(ALL_OF_REQ);
    ck_assert(feed_hex("C4 02 C2 00 00000001 00 02 02 00"));
    expect_hex(g.req, g.tx.pos, "C0 02 C2 00000001");
    (void)tx(ALL_OF_REQ);
    ck_assert(feed_hex("C4 02 C2 00 00000002 00 03 09 02 41"));
    refuse_hex("C4 02 C2 00 00000002 00 03 09 02 41", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("C4 02 C2 01 00000003 00 03 42 01 04"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->count, 2u);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->blocks, 3u);
    expect_hex(msdk_cosem_client_result(&g.c)->value, msdk_cosem_client_result(&g.c)->value_len,
               "00 09 02 41 42 01 04");
    /* Blocks whose count disagrees with the request. */
    ck_assert_int_eq(
        msdk_cosem_client_get_list(&g.c, items, 2u, g.val, sizeof g.val, tx(ALL_OF_REQ)), MSDK_OK);
    refuse_hex("C4 02 C3 01 00000001 00 03 01 01 04", MSDK_ERR_MALFORMED);
    refuse_hex("C4 02 C3 01 00000001 00 03 02 01 04", MSDK_ERR_MALFORMED);
    msdk_cosem_client_abort(&g.c);

    /* GET by range on 1.0.99.1.0.255 (the published request). */
    uint8_t params[64];
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, params, sizeof params);
    static const uint8_t clock_ln[6] = { 0, 0, 1, 0, 0, 255 };
    uint8_t from[12];
    uint8_t to[12];
    (void)ck_hex("07 E1 0A 01 07 00 00 00 00 FF C4 80", from, sizeof from);
    (void)ck_hex("07 E1 0A 01 07 01 00 00 00 FF C4 80", to, sizeof to);
    ck_assert_int_eq(msdk_cosem_client_put_range(&pw, 8u, clock_ln, 2, from, to, NULL, 0u),
                     MSDK_OK);
    for (size_t cap = 0; cap < pw.pos; cap++) {
        uint8_t tmp[64];
        msdk_wbuf_t t;
        msdk_wbuf_init(&t, tmp, cap);
        ck_assert_int_eq(msdk_cosem_client_put_range(&t, 8u, clock_ln, 2, from, to, NULL, 0u),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_uint_eq(t.pos, 0u);
    }
    /* The same range restricted to two columns (selected_values: the clock and +A),
     * capture_object_definition by hand: 02 04 | 12 class | 09 06 LN | 0F attr | 12 0000. */
    {
        static const msdk_cosem_xdlms_attr_desc_t cols[2] = { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 },
                                                              { 3u, { 1, 0, 1, 8, 0, 255 }, 2 } };
        uint8_t cp[128];
        msdk_wbuf_t cw;
        msdk_wbuf_init(&cw, cp, sizeof cp);
        ck_assert_int_eq(msdk_cosem_client_put_range(&cw, 8u, clock_ln, 2, from, to, cols, 2u),
                         MSDK_OK);
        expect_hex(cp, cw.pos,
                   "02 04 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00 "
                   "09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C 07 E1 0A 01 07 01 00 00 00 FF "
                   "C4 80 01 02 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00 "
                   "02 04 12 00 03 09 06 01 00 01 08 00 FF 0F 02 12 00 00");
        ck_assert_int_eq(msdk_cosem_client_put_range(&cw, 8u, clock_ln, 2, from, to, NULL, 1u),
                         MSDK_ERR_INVALID_ARG);
    }
    msdk_cosem_xdlms_attr_sel_t range = { { 7u, { 1, 0, 99, 1, 0, 255 }, 2 },
                                          { true, 1u, { params, pw.pos } } };
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &range, g.val, sizeof g.val, tx(ALL_OF_REQ)),
                     MSDK_OK);
    expect_hex(g.req, g.tx.pos,
               "C0 01 C4 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 "
               "00 FF 0F 02 12 00 00 09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C 07 E1 0A 01 "
               "07 01 00 00 00 FF C4 80 01 00");
    msdk_cosem_client_abort(&g.c);
    /* Entry descriptor (hand-derived from the Blue Book structure). */
    msdk_wbuf_init(&pw, params, sizeof params);
    ck_assert_int_eq(msdk_cosem_client_put_entry(&pw, 1u, 10u, 1u, 0u), MSDK_OK);
    expect_hex(params, pw.pos, "02 04 06 00 00 00 01 06 00 00 00 0A 12 00 01 12 00 00");
    for (size_t cap = 0; cap < pw.pos; cap++) {
        msdk_wbuf_init(&pw, params, cap);
        ck_assert_int_eq(msdk_cosem_client_put_entry(&pw, 1u, 10u, 1u, 0u),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_uint_eq(pw.pos, 0u);
    }
}
END_TEST

START_TEST(set_action_release_published)
{
    associate(cfg_public(), "00501F");
    uint8_t value[16];
    size_t vn = ck_hex("09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00", value, sizeof value);
    msdk_cosem_xdlms_attr_sel_t clk = { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    /* Not one Data value: refused. */
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &clk, value, vn - 1u, &g.tx),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &clk, value, vn, &g.tx), MSDK_OK);
    expect_hex(g.req, g.tx.pos,
               "C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
    refuse_prefixes_hex("C5 01 C1 00");
    /* A datablock acknowledgement to a normal SET. */
    refuse_hex("C5 02 C1 00 00 00 01", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("C5 01 C1 00"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->result, MSDK_COSEM_DAR_SUCCESS);

    /* ACTION on the association, invoke-id 0 as published. */
    msdk_cosem_client_config_t cfg = cfg_public();
    cfg.invoke_id = 0u;
    associate(cfg, "00501F");
    msdk_cosem_xdlms_method_desc_t m = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };
    uint8_t ret[32];
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &m, NULL, 0u, ret, sizeof ret, &g.tx), MSDK_OK);
    expect_hex(g.req, g.tx.pos, "C3 01 C0 00 0F 00 00 28 00 00 FF 01 00");
    refuse_prefixes_hex("C7 01 C0 00 00");
    ck_assert(!feed_hex("C7 01 C0 00 00"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(!msdk_cosem_client_result(&g.c)->has_value);
    /* The published answer with return data (octet-string of 17 bytes), invoke-id 1. */
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &m, NULL, 0u, ret, 10u, tx(ALL_OF_REQ)),
                     MSDK_OK);
    refuse_hex("C7 01 C1 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1",
               MSDK_ERR_BUFFER_TOO_SMALL);
    msdk_cosem_client_abort(&g.c);
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &m, NULL, 0u, ret, sizeof ret, tx(ALL_OF_REQ)),
                     MSDK_OK);
    refuse_prefixes_hex(
        "C7 01 C2 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1");
    ck_assert(
        !feed_hex("C7 01 C2 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert(r->has_value);
    ck_assert_uint_eq(r->value_len, 19u);
    ck_assert_uint_eq(r->value[0], 0x09u);
    /* An exception-response ends it (state error service-not-allowed, service-unknown). */
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &m, NULL, 0u, ret, sizeof ret, tx(ALL_OF_REQ)),
                     MSDK_OK);
    refuse_prefixes_hex("D8 01 02");
    ck_assert(!feed_hex("D8 01 02"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_EXCEPTION);
    ck_assert_uint_eq(r->exception.state_error, MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED);
    ck_assert_uint_eq(r->exception.service_error, MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);
    /* A confirmed-service-error (hand-derived: 0E, choice 5 (read), access, scope violated). */
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &m, NULL, 0u, ret, sizeof ret, tx(ALL_OF_REQ)),
                     MSDK_OK);
    refuse_prefixes_hex("0E 05 05 02");
    refuse_hex("0E 05 0B 02", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("0E 05 05 02"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_SERVICE_ERROR);
    ck_assert_uint_eq(r->service_error.type, MSDK_COSEM_SERR_ACCESS);

    /* Release: the published RLRQ and RLRE. */
    ck_assert_int_eq(msdk_cosem_client_release(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    expect_hex(g.req, g.tx.pos, "62 03 80 01 00");
    refuse_prefixes_hex("63 03 80 01 00");
    ck_assert(!feed_hex("6316800100BE11040F080100065F1F0400001E1D04C80007"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    ck_assert(!msdk_cosem_client_is_associated(&g.c));
    ck_assert_uint_eq(msdk_cosem_client_conformance(&g.c), 0u);
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

/* ---- Block transfers of SET and ACTION ---------------------------------------------------- */

/* A value of `n` bytes: an octet-string header (09 len) and bytes 2, 3, ... */
static void made_value(uint8_t *v, size_t n)
{
    v[0] = 0x09u;
    v[1] = (uint8_t)(n - 2u);
    for (size_t i = 2; i < n; i++) {
        v[i] = (uint8_t)i;
    }
}

START_TEST(set_blocks_hand_derived)
{
    associate(cfg_public(), "00501F");
    uint8_t value[40];
    made_value(value, sizeof value);
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 96, 1, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    /* A 40-byte value does not fit 32 bytes; the published AARE offers no block transfer. */
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &a, value, sizeof value, tx(32u)),
                     MSDK_ERR_NOT_SUPPORTED);
    /* An AARE offering block-transfer-with-set (00 58 1F), server PDU 500. */
    associate(cfg_public(), "00581F");
    /* Writers too small for even one block byte. */
    for (size_t cap = 0; cap <= 19u; cap++) {
        if (msdk_cosem_client_set(&g.c, &a, value, sizeof value, tx(cap)) !=
            MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("SET in %zu bytes", cap);
        }
        ck_assert_uint_eq(g.tx.pos, 0u);
    }
    /* 32 bytes: header C1 02 C1 + descriptor (9) + 00 + last + number (4) + length 1..3. */
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &a, value, sizeof value, tx(32u)), MSDK_OK);
    ck_assert_uint_le(g.tx.pos, 32u);
    /* C1 02 C1 | 0001 0000600100FF 02 | 00 | last | 00000001 | len | data */
    ck_assert_uint_eq(g.req[1], 0x02u);
    ck_assert_uint_eq(g.req[12], 0x00u);
    ck_assert_uint_eq(g.req[13], 0x00u); /* not last */
    ck_assert_uint_eq(g.req[17], 0x01u);
    size_t first = g.req[18];
    ck_assert_uint_eq(g.tx.pos, 19u + first);
    ck_assert_mem_eq(&g.req[19], value, first);
    uint8_t ans[16];
    size_t n = ck_hex("C5 02 C1 00000001", ans, sizeof ans);
    (void)tx(32u);
    refuse_prefixes(ans, n);
    refuse_hex("C5 02 C1 00000002", MSDK_ERR_MALFORMED);
    refuse_hex("C5 01 C1 00", MSDK_ERR_MALFORMED);
    size_t off = first;
    uint32_t number = 1u;
    bool last = false;
    while (!last) {
        bool more = false;
        ck_assert_int_eq(msdk_cosem_client_rx(&g.c, ans, n, tx(32u), &more), MSDK_OK);
        ck_assert(more);
        number++;
        /* C1 03 C1 | last | number (4) | len | data */
        ck_assert_uint_eq(g.req[1], 0x03u);
        last = g.req[3] != 0u;
        ck_assert_uint_eq(g.req[7], (uint8_t)number);
        size_t k = g.req[8];
        ck_assert_uint_eq(g.tx.pos, 9u + k);
        ck_assert_mem_eq(&g.req[9], &value[off], k);
        off += k;
        ans[6] = (uint8_t)number;
    }
    ck_assert_uint_eq(off, sizeof value);
    /* The server acknowledges the last block as if more were to come. */
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, ans, n, tx(32u), &more), MSDK_ERR_MALFORMED);
    uint8_t done[] = { 0xC5, 0x03, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00 };
    done[7] = (uint8_t)number;
    refuse_prefixes(done, sizeof done);
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, done, sizeof done, &g.tx, &more), MSDK_OK);
    ck_assert(!more);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->blocks, number);
}
END_TEST

/* The method of the ACTION vectors: class 15, 0.0.40.0.0.255, method 1. */
static const msdk_cosem_xdlms_method_desc_t M_ALN = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };

START_TEST(action_params_in_pblocks)
{
    uint8_t param[42];
    made_value(param, sizeof param);
    /* 42 bytes of parameters do not fit a 32-byte writer; the published AARE offers no
     * block transfer with ACTION. */
    associate(cfg_public(), "00501F");
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, g.val, sizeof g.val, tx(32u)),
        MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(g.tx.pos, 0u);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);
    /* Conformance 00 54 1F: block-transfer-with-action added. */
    associate(cfg_public(), "00541F");
    /* Not one Data value; writers too small for a pblock with one byte of data
     * (C3 04 C1 + method (9) + last + number (4) + length (1 + 2 spare) = 20 bytes). */
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param - 1u, NULL, 0u, tx(32u)),
        MSDK_ERR_INVALID_ARG);
    for (size_t cap = 0; cap <= 20u; cap++) {
        if (msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, NULL, 0u, tx(cap)) !=
            MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("ACTION in %zu bytes", cap);
        }
        ck_assert_uint_eq(g.tx.pos, 0u);
    }
    /* 32 bytes: pblocks of 32 - 20 = 12 bytes. Action-Request-With-First-Pblock: C3 04,
     * iip C1, method 000F 0000280000FF 01, DataBlock-SA { last FALSE 00, block-number 1,
     * raw-data 0C + 12 bytes }. */
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, g.val, sizeof g.val, tx(32u)),
        MSDK_OK);
    expect_hex(g.req, g.tx.pos,
               "C3 04 C1 000F 0000280000FF 01 00 00000001 0C 09 28 02 03 04 05 06 07 08 09 0A 0B");
    /* Action-Response-Next-Pblock: C7 04, iip C1, block-number. Its truncations, another
     * block number, return data before the last parameter block. */
    refuse_prefixes_hex("C7 04 C1 00000001");
    refuse_hex("C7 04 C1 00000002", MSDK_ERR_MALFORMED);
    refuse_hex("C7 02 C1 01 00000001 02 11 05", MSDK_ERR_MALFORMED);
    /* The next pblock does not fit the writer: nothing changes. */
    msdk_cosem_client_t before = g.c;
    (void)tx(6u);
    refuse_hex("C7 04 C1 00000001", MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_mem_eq(&g.c, &before, sizeof g.c);
    /* Action-Request-With-Pblock: C3 06, iip C1, DataBlock-SA; blocks 2 and 3 carry 12
     * bytes, block 4 the last 6. */
    (void)tx(32u);
    ck_assert(feed_hex("C7 04 C1 00000001"));
    expect_hex(g.req, g.tx.pos, "C3 06 C1 00 00000002 0C 0C 0D 0E 0F 10 11 12 13 14 15 16 17");
    (void)tx(32u);
    ck_assert(feed_hex("C7 04 C1 00000002"));
    expect_hex(g.req, g.tx.pos, "C3 06 C1 00 00000003 0C 18 19 1A 1B 1C 1D 1E 1F 20 21 22 23");
    (void)tx(32u);
    ck_assert(feed_hex("C7 04 C1 00000003"));
    expect_hex(g.req, g.tx.pos, "C3 06 C1 01 00000004 06 24 25 26 27 28 29");
    /* The last block acknowledged as if more were to come. */
    refuse_hex("C7 04 C1 00000004", MSDK_ERR_MALFORMED);
    /* The result: Action-Response-Normal, success, no return parameters. */
    ck_assert(!feed_hex("C7 01 C1 00 00"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(!r->has_value);
    ck_assert_uint_eq(r->blocks, 4u);

    /* A server that refuses at the first block answers at once (read-write-denied). */
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, g.val, sizeof g.val, tx(32u)),
        MSDK_OK);
    ck_assert_uint_eq(g.req[2], 0xC2u);
    ck_assert(!feed_hex("C7 01 C2 03 00"));
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_READ_WRITE_DENIED);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);
}
END_TEST

START_TEST(action_return_in_pblocks)
{
    associate(cfg_public(), "00541F");
    /* No parameters; the return value 09 06 41 42 43 44 45 46 comes in two
     * Action-Response-With-Pblock (C7 02, iip C1, DataBlock-SA): 5 bytes, then the last 3. */
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &M_ALN, NULL, 0u, g.val, 8u, &g.tx), MSDK_OK);
    refuse_prefixes_hex("C7 02 C1 00 00000001 05 09 06 41 42 43");
    refuse_hex("C7 02 C1 00 00000002 05 09 06 41 42 43", MSDK_ERR_MALFORMED);
    refuse_hex("C7 04 C1 00000001", MSDK_ERR_MALFORMED); /* nothing was sent in pblocks */
    refuse_hex("C7 03 C1 01 00 00", MSDK_ERR_MALFORMED); /* a list answer to one method */
    /* Action-Request-Next-Pblock: C3 02, iip C1, the number of the block received. */
    ck_assert(feed_hex("C7 02 C1 00 00000001 05 09 06 41 42 43"));
    expect_hex(g.req, g.tx.pos, "C3 02 C1 00000001");
    refuse_hex("C7 02 C1 00 00000001 05 09 06 41 42 43", MSDK_ERR_MALFORMED);
    refuse_hex("C7 02 C1 01 00000002 04 44 45 46 47", MSDK_ERR_BUFFER_TOO_SMALL);
    refuse_hex("C7 02 C1 01 00000002 02 44 45", MSDK_ERR_MALFORMED); /* value incomplete */
    refuse_prefixes_hex("C7 02 C1 01 00000002 03 44 45 46");
    ck_assert(!feed_hex("C7 02 C1 01 00000002 03 44 45 46"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(r->has_value);
    expect_hex(r->value, r->value_len, "09 06 41 42 43 44 45 46");
    ck_assert_uint_eq(r->blocks, 2u);

    /* A server that gives up in the middle: its result ends the operation. */
    ck_assert_int_eq(msdk_cosem_client_action(&g.c, &M_ALN, NULL, 0u, g.val, 8u, tx(ALL_OF_REQ)),
                     MSDK_OK);
    ck_assert(feed_hex("C7 02 C2 00 00000001 05 09 06 41 42 43"));
    ck_assert(!feed_hex("C7 01 C2 0F 00"));
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_LONG_ACTION_ABORTED);
    ck_assert(!r->has_value);

    /* Parameters in pblocks, then return data in pblocks: those count from 1 again. */
    uint8_t param[42];
    made_value(param, sizeof param);
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, g.val, sizeof g.val, tx(32u)),
        MSDK_OK);
    for (uint32_t k = 1; k <= 3u; k++) {
        char ack[40];
        snprintf(ack, sizeof ack, "C7 04 C3 %08X", (unsigned)k);
        (void)tx(32u);
        ck_assert(feed_hex(ack));
    }
    ck_assert_uint_eq(g.req[3], 0x01u); /* the last parameter block is out */
    refuse_hex("C7 02 C3 01 00000004 02 11 05", MSDK_ERR_MALFORMED);
    (void)tx(ALL_OF_REQ);
    ck_assert(feed_hex("C7 02 C3 00 00000001 01 11"));
    expect_hex(g.req, g.tx.pos, "C3 02 C3 00000001");
    ck_assert(!feed_hex("C7 02 C3 01 00000002 01 05"));
    expect_hex(r->value, r->value_len, "11 05");
    ck_assert_uint_eq(r->blocks, 6u); /* 4 sent, 2 received */
}
END_TEST

Suite *cosem_client_suite(void)
{
    Suite *s = suite_create("cosem_client");
    CK_TCASE(s, "vectors", NULL, aarq_matches_published, init_arguments, aare_published_answers,
             get_matches_published, get_blocks_hand_derived, get_list_and_range_published,
             set_action_release_published);
    CK_TCASE(s, "blocks", NULL, set_blocks_hand_derived, action_params_in_pblocks,
             action_return_in_pblocks);
    return s;
}
