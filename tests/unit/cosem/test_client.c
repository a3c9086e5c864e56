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
 * - security (issue 6): the Green Book ciphered AARQ (LLS, dedicated key) and glo-get-request
 *   of ../shared/vectors/dlms-vectors.md sections 3 and 1 byte for byte, the HLS answers of
 *   section 2 (GMAC) and the MD5/SHA-1 examples, HLS 6 and 7 checked with the crypto port's
 *   primitives on strings assembled here by the Green Book formulas, a ciphered HLS 5
 *   association whose expected APDUs were computed with an independent AES-GCM (Python
 *   cryptography, see each constant), ded- and general- forms, block transfers ciphered APDU
 *   by APDU, and every refusal: plain answers, weaker protection, tags and keys that do not
 *   verify, counters that do not increase, a spent counter.
 * The server answers of the security tests are assembled here byte by byte (tag, length,
 * SC, IC, then the GCM output of msdk/port/crypto.h, whose own known-answer tests are in
 * tests/unit/crypto), never with the security codec under test (security.h).
 * The client against the real server in-process (wrapper and HDLC sessions) is in
 * test_server.c, next to the server's logical device.
 */
#include <check.h>

#include "cosem_check.h"
#include "cosem_test_keys.h"
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/client.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

Suite *cosem_client_suite(void);

/* ---- Helpers ------------------------------------------------------------------------------ */

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
    uint8_t req[256];
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
/* Initializes g.c with cfg and writes its AARQ (the whole of g.req is the writer). */
static void init_and_associate(const msdk_cosem_client_config_t *cfg)
{
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
}

/* The clock's time (8, 0.0.1.0.0.255, 2). */
static const msdk_cosem_xdlms_attr_sel_t CLK = { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 },
                                                 { false, 0u, { 0 } } };

/* GET of the clock's time into g.val, the request written to g.req. */
static msdk_err_t get_clock(void)
{
    return msdk_cosem_client_get(&g.c, &CLK, g.val, sizeof g.val, tx(ALL_OF_REQ));
}

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
    init_and_associate(&cfg);
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
    init_and_associate(&cfg);
    ck_expect_bytes(g.req, g.tx.pos,
                    "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0");
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_AARQ_SENT);
    /* A second AARQ while the first is outstanding. */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, &g.tx), MSDK_ERR_STATE);

    cfg = cfg_lls("12345678");
    init_and_associate(&cfg);
    ck_expect_bytes(g.req, g.tx.pos,
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
    init_and_associate(&cfg);
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
    ck_expect_bytes(g.req, g.tx.pos, "C0 01 C1 00 01 00 00 2B 01 00 FF 02 00");
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
    ck_expect_bytes(r->value, r->value_len, "06 00 00 13 91");
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
    ck_expect_bytes(g.req, g.tx.pos, "C0 02 C1 00 00 00 01"); /* the published GET next block 1 */
    /* Block 1 again, and a normal answer in the middle of a block transfer. */
    refuse_hex("C4 02 C1 00 00000001 00 04 01 02 12 00", MSDK_ERR_MALFORMED);
    refuse_hex("C4 01 C1 00 11 05", MSDK_ERR_MALFORMED);
    refuse_prefixes_hex("C4 02 C1 01 00000002 00 04 01 12 00 02");
    ck_assert(!feed_hex("C4 02 C1 01 00000002 00 04 01 12 00 02"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(r->blocks, 2u);
    ck_expect_bytes(r->value, r->value_len, "01 02 12 00 01 12 00 02");

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
    ck_expect_bytes(g.req, g.tx.pos,
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
    ck_expect_bytes(gr.data.p, gr.data.len, "09 02 41 42");
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
    ck_expect_bytes(g.req, g.tx.pos, "C0 02 C2 00000001");
    (void)tx(ALL_OF_REQ);
    ck_assert(feed_hex("C4 02 C2 00 00000002 00 03 09 02 41"));
    refuse_hex("C4 02 C2 00 00000002 00 03 09 02 41", MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("C4 02 C2 01 00000003 00 03 42 01 04"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->count, 2u);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->blocks, 3u);
    ck_expect_bytes(msdk_cosem_client_result(&g.c)->value,
                    msdk_cosem_client_result(&g.c)->value_len, "00 09 02 41 42 01 04");
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
        ck_expect_bytes(
            cp, cw.pos,
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
    ck_expect_bytes(
        g.req, g.tx.pos,
        "C0 01 C4 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 "
        "00 FF 0F 02 12 00 00 09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C 07 E1 0A 01 "
        "07 01 00 00 00 FF C4 80 01 00");
    msdk_cosem_client_abort(&g.c);
    /* Entry descriptor (hand-derived from the Blue Book structure). */
    msdk_wbuf_init(&pw, params, sizeof params);
    ck_assert_int_eq(msdk_cosem_client_put_entry(&pw, 1u, 10u, 1u, 0u), MSDK_OK);
    ck_expect_bytes(params, pw.pos, "02 04 06 00 00 00 01 06 00 00 00 0A 12 00 01 12 00 00");
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
    {
        uint8_t plain[8];
        size_t pn = 0u;
        static const uint8_t exc[3] = { 0xD8u, 0x01u, 0x02u };
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, exc, 3u, plain, sizeof plain, &pn),
                         MSDK_ERR_STATE);
    }
    uint8_t value[16];
    size_t vn = ck_hex("09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00", value, sizeof value);
    /* Not one Data value: refused. */
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &CLK, value, vn - 1u, &g.tx),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &CLK, value, vn, &g.tx), MSDK_OK);
    ck_expect_bytes(
        g.req, g.tx.pos,
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
    ck_expect_bytes(g.req, g.tx.pos, "C3 01 C0 00 0F 00 00 28 00 00 FF 01 00");
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
    ck_expect_bytes(g.req, g.tx.pos, "62 03 80 01 00");
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
    ck_expect_bytes(
        g.req, g.tx.pos,
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
    ck_expect_bytes(g.req, g.tx.pos, "C3 06 C1 00 00000002 0C 0C 0D 0E 0F 10 11 12 13 14 15 16 17");
    (void)tx(32u);
    ck_assert(feed_hex("C7 04 C1 00000002"));
    ck_expect_bytes(g.req, g.tx.pos, "C3 06 C1 00 00000003 0C 18 19 1A 1B 1C 1D 1E 1F 20 21 22 23");
    (void)tx(32u);
    ck_assert(feed_hex("C7 04 C1 00000003"));
    ck_expect_bytes(g.req, g.tx.pos, "C3 06 C1 01 00000004 06 24 25 26 27 28 29");
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
    ck_expect_bytes(g.req, g.tx.pos, "C3 02 C1 00000001");
    refuse_hex("C7 02 C1 00 00000001 05 09 06 41 42 43", MSDK_ERR_MALFORMED);
    refuse_hex("C7 02 C1 01 00000002 04 44 45 46 47", MSDK_ERR_BUFFER_TOO_SMALL);
    refuse_hex("C7 02 C1 01 00000002 02 44 45", MSDK_ERR_MALFORMED); /* value incomplete */
    refuse_prefixes_hex("C7 02 C1 01 00000002 03 44 45 46");
    ck_assert(!feed_hex("C7 02 C1 01 00000002 03 44 45 46"));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(r->has_value);
    ck_expect_bytes(r->value, r->value_len, "09 06 41 42 43 44 45 46");
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
    ck_expect_bytes(g.req, g.tx.pos, "C3 02 C3 00000001");
    ck_assert(!feed_hex("C7 02 C3 01 00000002 01 05"));
    ck_expect_bytes(r->value, r->value_len, "11 05");
    ck_assert_uint_eq(r->blocks, 6u); /* 4 sent, 2 received */
}
END_TEST

/* ---- Security (issue 6) ------------------------------------------------------------------- */

/* Green Book keys and system titles (../shared/vectors/dlms-vectors.md sections 1 to 3):
 * k_ek, k_ak, k_dk, k_st_s and k_st_c of cosem_test_keys.h. */
/* The simulator's server system title (issue 6). */
static const uint8_t ST_SIM[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };
/* StoC of the Green Book HLS example: "P6wRJ21F". */
static const uint8_t STOC[8] = { 0x50, 0x36, 0x77, 0x52, 0x4A, 0x32, 0x31, 0x46 };
/* The published InitiateResponse (section 7): conformance 00 50 1F, PDU 500; and one with
 * block transfer with GET, SET and ACTION (00 5C 1F, hand-derived). */
#define IR_PUBLISHED "0800065F1F040000501F01F40007"
#define IR_BLOCKS    "0800065F1F0400005C1F01F40007"
/* SC of authenticated encryption, suite 0. */
#define SC_AE        0x30u

static uint8_t g_work[1200];
static msdk_crypto_drbg_t g_drbg;
static uint8_t g_entropy;

static void sec_setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    g_entropy = 1u;
    ck_assert_int_eq(msdk_port_crypto_drbg_seed(&g_drbg, ck_counter_entropy, &g_entropy, NULL, 0u),
                     MSDK_OK);
}

/* A client with authenticated encryption (EK, AK), system title `st`, first counter `ic`. */
static msdk_cosem_client_config_t cfg_cipher(msdk_cosem_client_config_t cfg, const uint8_t *st,
                                             uint32_t ic)
{
    cfg.sec.protection = (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC);
    cfg.sec.system_title = st;
    cfg.sec.ek = k_ek;
    cfg.sec.ak = k_ak;
    cfg.sec.ic = ic;
    cfg.sec.work = g_work;
    cfg.sec.work_cap = sizeof g_work;
    cfg.sec.drbg = &g_drbg;
    return cfg;
}

/* An HLS client of mechanism `mech` (no ciphering), system title k_st_c, first counter 1. */
static msdk_cosem_client_config_t cfg_hls(uint8_t mech, const char *secret)
{
    msdk_cosem_client_config_t cfg = cfg_public();
    cfg.mechanism = mech;
    if (secret != NULL) {
        cfg.password = (const uint8_t *)secret;
        cfg.password_len = strlen(secret);
    }
    cfg.sec.system_title = k_st_c;
    cfg.sec.ek = k_ek;
    cfg.sec.ak = k_ak;
    cfg.sec.ic = 1u;
    cfg.sec.drbg = &g_drbg;
    return cfg;
}

static uint32_t next_ic(void)
{
    uint32_t ic = 0u;
    ck_assert_int_eq(msdk_cosem_client_next_ic(&g.c, &ic), MSDK_OK);
    return ic;
}

static void put_ic(uint8_t *p, uint32_t ic)
{
    p[0] = (uint8_t)(ic >> 24);
    p[1] = (uint8_t)(ic >> 16);
    p[2] = (uint8_t)(ic >> 8);
    p[3] = (uint8_t)ic;
}

/*
 * The server's side, by hand (IEC 62056-5-3): `plain` protected as a ciphered APDU with tag
 * `tag` (0xDB/0xDC: general forms, with the system title), security control `sc`, counter
 * `ic`, sender system title `st` and key `key`: tag [08 st] length SC IC, then the GCM
 * ciphertext and tag (AAD SC || AK), or for authentication only the plaintext and the GMAC
 * (AAD SC || AK || plaintext), or for encryption only the ciphertext. Returns the length.
 */
static size_t srv_cipher(uint8_t tag, uint8_t sc, uint32_t ic, const uint8_t *st,
                         const uint8_t *key, const uint8_t *plain, size_t n, uint8_t *out)
{
    size_t pos = 0u;
    out[pos++] = tag;
    if ((tag == 0xDBu) || (tag == 0xDCu)) {
        out[pos++] = 8u;
        memcpy(&out[pos], st, 8u);
        pos += 8u;
    }
    size_t tag_len = ((sc & 0x10u) != 0u) ? 12u : 0u;
    size_t content = 5u + n + tag_len;
    ck_assert_uint_lt(content, 256u);
    if (content >= 0x80u) {
        out[pos++] = 0x81u;
    }
    out[pos++] = (uint8_t)content;
    out[pos++] = sc;
    put_ic(&out[pos], ic);
    pos += 4u;
    uint8_t iv[12];
    memcpy(iv, st, 8u);
    put_ic(&iv[8], ic);
    uint8_t aad[17u + 256u];
    aad[0] = sc;
    memcpy(&aad[1], k_ak, 16u);
    uint8_t t[16];
    if ((sc & 0x30u) == 0x30u) {
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(key, 16u, iv, 12u, aad, 17u, plain, n,
                                                          &out[pos], &out[pos + n], 12u),
                         MSDK_OK);
    } else if ((sc & 0x10u) != 0u) {
        memcpy(&aad[17], plain, n);
        memcpy(&out[pos], plain, n);
        ck_assert_int_eq(
            msdk_port_crypto_aes_gmac(key, 16u, iv, 12u, aad, 17u + n, &out[pos + n], 12u),
            MSDK_OK);
    } else {
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_encrypt(key, 16u, iv, 12u, NULL, 0u, plain, n,
                                                          &out[pos], t, 12u),
                         MSDK_OK);
    }
    return pos + n + tag_len;
}

/* The same with the plaintext in hex. */
static size_t srv_cipher_hex(uint8_t tag, uint8_t sc, uint32_t ic, const uint8_t *st,
                             const uint8_t *key, const char *plain, uint8_t *out)
{
    uint8_t p[256];
    size_t n = ck_hex(plain, p, sizeof p);
    return srv_cipher(tag, sc, ic, st, key, p, n, out);
}

/*
 * The client's request in g.req[0..g.tx.pos), checked by hand: tag `tag` (general forms:
 * with the system title `st`), a length covering the rest, SC `sc`, counter `ic`; deciphered
 * (or its GMAC checked) with `key` and IV st || ic into `out`. Returns the plaintext length.
 */
static size_t cli_plain(uint8_t tag, uint8_t sc, uint32_t ic, const uint8_t *st, const uint8_t *key,
                        uint8_t *out)
{
    const uint8_t *p = g.req;
    size_t n = g.tx.pos;
    size_t pos = 0u;
    ck_assert_uint_gt(n, 8u);
    ck_assert_uint_eq(p[pos++], tag);
    if ((tag == 0xDBu) || (tag == 0xDCu)) {
        ck_assert_uint_eq(p[pos++], 8u);
        ck_assert_mem_eq(&p[pos], st, 8u);
        pos += 8u;
    }
    size_t content = p[pos++];
    if (content == 0x81u) {
        content = p[pos++];
    }
    ck_assert_uint_eq(content, n - pos);
    ck_assert_uint_eq(p[pos++], sc);
    uint8_t want_ic[4];
    put_ic(want_ic, ic);
    ck_assert_mem_eq(&p[pos], want_ic, 4u);
    pos += 4u;
    uint8_t iv[12];
    memcpy(iv, st, 8u);
    put_ic(&iv[8], ic);
    uint8_t aad[17u + 256u];
    aad[0] = sc;
    memcpy(&aad[1], k_ak, 16u);
    size_t tag_len = ((sc & 0x10u) != 0u) ? 12u : 0u;
    size_t len = n - pos - tag_len;
    if ((sc & 0x30u) == 0x30u) {
        ck_assert_int_eq(msdk_port_crypto_aes_gcm_decrypt(key, 16u, iv, 12u, aad, 17u, &p[pos], len,
                                                          &p[pos + len], 12u, out),
                         MSDK_OK);
    } else {
        ck_assert_uint_eq(sc & 0x30u, 0x10u);
        memcpy(&aad[17], &p[pos], len);
        uint8_t t[12];
        ck_assert_int_eq(msdk_port_crypto_aes_gmac(key, 16u, iv, 12u, aad, 17u + len, t, 12u),
                         MSDK_OK);
        ck_assert_mem_eq(t, &p[pos + len], 12u);
        memcpy(out, &p[pos], len);
    }
    return len;
}

/* The deciphered request must be `want` (hex). */
static void expect_plain(uint8_t tag, uint8_t sc, uint32_t ic, const uint8_t *st,
                         const uint8_t *key, const char *want)
{
    uint8_t p[256];
    size_t n = cli_plain(tag, sc, ic, st, key, p);
    ck_expect_bytes(p, n, want);
}

/* Feeds an answer in bytes; expects success and returns `more`. */
static bool feed(const uint8_t *a, size_t n)
{
    bool more = true;
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, a, n, &g.tx, &more), MSDK_OK);
    return more;
}

/* Feeds an answer that must be refused with `err`, leaving client and writer as they were. */
static void refuse(const uint8_t *a, size_t n, msdk_err_t err)
{
    msdk_cosem_client_t before = g.c;
    size_t pos = g.tx.pos;
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&g.c, a, n, &g.tx, &more), err);
    ck_assert_mem_eq(&g.c, &before, sizeof before);
    ck_assert_uint_eq(g.tx.pos, pos);
}

/*
 * An AARE accepted, assembled field by field (IEC 62056-5-3, the order of the published
 * ones): application context 2.16.756.5.8.1.`ctx`, result 0, acse-service-user diagnostic
 * `diag`, responding-AP-title `st` (NULL: none), for `mech` > 0 responder-acse-requirements,
 * mechanism-name 2.16.756.5.8.2.`mech` and StoC "P6wRJ21F", then the user information
 * `ui` (an xDLMS APDU, plain or ciphered).
 */
static size_t make_aare(uint8_t ctx, uint8_t diag, const uint8_t *st, uint8_t mech,
                        const uint8_t *ui, size_t n, uint8_t *out)
{
    uint8_t b[256];
    size_t pos = ck_hex("A109060760857405080100 A203020100 A305A10302010E", b, sizeof b);
    b[10] = ctx;
    b[pos - 1u] = diag;
    if (st != NULL) {
        pos += ck_hex("A40A0408", &b[pos], sizeof b - pos);
        memcpy(&b[pos], st, 8u);
        pos += 8u;
    }
    if (mech != 0u) {
        pos += ck_hex("88020780 8907608574050802 00 AA0A8008", &b[pos], sizeof b - pos);
        b[pos - 5u] = mech;
        memcpy(&b[pos], STOC, 8u);
        pos += 8u;
    }
    ck_assert_uint_lt(n + 2u, 0x80u);
    b[pos++] = 0xBEu;
    b[pos++] = (uint8_t)(n + 2u);
    b[pos++] = 0x04u;
    b[pos++] = (uint8_t)n;
    memcpy(&b[pos], ui, n);
    pos += n;
    ck_assert_uint_lt(pos, 0x80u);
    out[0] = 0x61u;
    out[1] = (uint8_t)pos;
    memcpy(&out[2], b, pos);
    return pos + 2u;
}

/* The same with a ciphered InitiateResponse (`ir` in hex) from `st`, counter `ic`. */
static size_t make_aare_ciphered(uint8_t diag, const uint8_t *st, uint8_t mech, uint32_t ic,
                                 const char *ir, uint8_t *out)
{
    uint8_t ui[64];
    size_t n = srv_cipher_hex(0x28u, SC_AE, ic, st, k_ek, ir, ui);
    return make_aare(3u, diag, st, mech, ui, n, out);
}

/* Initializes the client with cfg, writes its AARQ and feeds it an accepted AARE from ST_SIM
 * (no mechanism) whose InitiateResponse ir is ciphered with counter ic. */
static void associate_ciphered(const msdk_cosem_client_config_t *cfg, uint32_t ic, const char *ir)
{
    init_and_associate(cfg);
    uint8_t a[300];
    size_t n = make_aare_ciphered(0u, ST_SIM, 0u, ic, ir, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(!feed(a, n));
}

/* An AARE computed independently (hex) into a[300]: the helpers of this file agree with it
 * (make_aare_ciphered with diag, st, mech, ic and IR_PUBLISHED); after the request is written
 * again, every prefix of it is refused. Returns its length. */
static size_t computed_aare(const char *hex, uint8_t diag, const uint8_t *st, uint8_t mech,
                            uint32_t ic, uint8_t a[300])
{
    size_t n = ck_hex(hex, a, 300u);
    uint8_t b[300];
    ck_assert_uint_eq(make_aare_ciphered(diag, st, mech, ic, IR_PUBLISHED, b), n);
    ck_assert_mem_eq(a, b, n);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    return n;
}

/* The CtoS of the AARQ just written (read back with the ACSE decoder). */
static size_t aarq_ctos(uint8_t *ctos)
{
    msdk_cosem_aarq_t q;
    ck_assert_int_eq(msdk_cosem_aarq_decode(g.req, g.tx.pos, &q), MSDK_OK);
    ck_assert(q.auth_value_present);
    memcpy(ctos, q.auth_value, q.auth_value_len);
    return q.auth_value_len;
}

/* Action-Response-Normal to the HLS reply with invoke-id-and-priority `iip`: success with the
 * octet-string `f` (n bytes) as return data: C7 01 iip 00 01 00 09 n f. */
static size_t hls_answer(uint8_t iip, const uint8_t *f, size_t n, uint8_t *out)
{
    size_t pos = ck_hex("C7 01 00 00 01 00 09 00", out, 16u);
    out[2] = iip;
    out[pos - 1u] = (uint8_t)n;
    memcpy(&out[pos], f, n);
    return pos + n;
}

/* HLS 5 f(challenge) by the Green Book formula: SC 10 || IC || GMAC(EK, st || IC,
 * 10 || AK || challenge). */
static void gmac_answer(const uint8_t *st, uint32_t ic, const uint8_t *ch, size_t ch_len,
                        uint8_t f[17])
{
    uint8_t iv[12];
    memcpy(iv, st, 8u);
    put_ic(&iv[8], ic);
    uint8_t aad[17u + 64u];
    aad[0] = 0x10u;
    memcpy(&aad[1], k_ak, 16u);
    memcpy(&aad[17], ch, ch_len);
    f[0] = 0x10u;
    put_ic(&f[1], ic);
    ck_assert_int_eq(msdk_port_crypto_aes_gmac(k_ek, 16u, iv, 12u, aad, 17u + ch_len, &f[5], 12u),
                     MSDK_OK);
}

/* The RLRQ just written, checked by hand: 62 L, reason 80 01 00, user information BE L+2
 * 04 L and a ciphered xDLMS APDU of L bytes, which is moved to the start of g.req (for
 * cli_plain()). */
static void rlrq_inner(void)
{
    uint8_t *p = g.req;
    size_t n = g.tx.pos;
    ck_assert_uint_gt(n, 9u);
    ck_assert_uint_eq(p[0], 0x62u);
    ck_assert_uint_eq(p[1], n - 2u);
    ck_assert_uint_eq(p[2], 0x80u);
    ck_assert_uint_eq(p[3], 0x01u);
    ck_assert_uint_eq(p[4], 0x00u);
    ck_assert_uint_eq(p[5], 0xBEu);
    ck_assert_uint_eq(p[6], n - 7u);
    ck_assert_uint_eq(p[7], 0x04u);
    ck_assert_uint_eq(p[8], n - 9u);
    memmove(p, &p[9], n - 9u);
    g.tx.pos = n - 9u;
}

/* An RLRE, reason normal, with the xDLMS APDU `ui` (n bytes) as user information:
 * 63 L 80 01 00 BE n+2 04 n ui. */
static size_t make_rlre(const uint8_t *ui, size_t n, uint8_t *out)
{
    ck_assert_uint_lt(n + 9u, 0x80u);
    size_t pos = ck_hex("63 00 80 01 00 BE 00 04 00", out, 9u);
    out[1] = (uint8_t)(n + 7u);
    out[6] = (uint8_t)(n + 2u);
    out[8] = (uint8_t)n;
    memcpy(&out[pos], ui, n);
    return pos + n;
}

START_TEST(aarq_ciphered_published)
{
    /* Section 3: LLS "12345678", dedicated key, IC 01234567, conformance 00 7E 1F, PDU 1200.
     * Field order of the published AARQ and of our encoder: application context, calling-AP-
     * title, sender-acse-requirements, mechanism-name, calling-authentication-value,
     * user-information. */
    static const char aarq3[] =
        "6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A8008"
        "3132333435363738BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB004772060"
        "6B175BD52211BE6841DB204D39EE6FDB8E356855";
    msdk_cosem_client_config_t cfg = cfg_cipher(cfg_lls("12345678"), k_st_s, 0x01234567u);
    cfg.sec.dk = k_dk;
    ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
    ck_assert_uint_eq(next_ic(), 0x01234567u);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos, aarq3);
    ck_assert_uint_eq(next_ic(), 0x01234568u);
    /* Every writer too small: nothing written, no counter used. */
    size_t full = g.tx.pos;
    for (size_t cap = 0; cap < full; cap++) {
        ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
        if (msdk_cosem_client_associate(&g.c, tx(cap)) != MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("AARQ in %zu bytes", cap);
        }
        ck_assert_uint_eq(g.tx.pos, 0u);
        ck_assert_uint_eq(next_ic(), 0x01234567u);
        ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);
    }
    /* With the general forms the AARQ keeps its glo-initiateRequest. */
    cfg.sec.general = true;
    init_and_associate(&cfg);
    ck_expect_bytes(g.req, g.tx.pos, aarq3);
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

START_TEST(rlrq_ciphered_published)
{
    /* Section 3: the client of the ciphered AARQ (LLS "12345678", dedicated key, title
     * 4D4D4D0000BC614E, Green Book keys); its AARQ takes IC 01234566, so that the RLRQ takes
     * 01234567: the published ciphered RLRQ, whose glo-initiateRequest is the AARQ's. The
     * published RLRE was ciphered under the same title: here it is the server's, given in
     * the AARE (glo-initiateResponse with IC 00000020). */
    static const char rlrq3[] = "6239800100BE34043221303001234567801302FF8A7874133D414CED25B42534"
                                "D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855";
    static const char rlre3[] =
        "6328800100BE230421281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893";
    static const char ir3[] = "0800065F1F0400007C1F04000007"; /* its InitiateResponse */
    msdk_cosem_client_config_t cfg = cfg_cipher(cfg_lls("12345678"), k_st_s, 0x01234566u);
    cfg.sec.dk = k_dk;
    init_and_associate(&cfg);
    uint8_t a[300];
    size_t n = make_aare_ciphered(0u, k_st_s, 0u, 0x20u, IR_PUBLISHED, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(!feed(a, n));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    ck_assert_uint_eq(next_ic(), 0x01234567u);
    /* Every writer too small: nothing written, no counter used, still associated. */
    const size_t full = sizeof rlrq3 / 2u;
    for (size_t cap = 0; cap < full; cap++) {
        if (msdk_cosem_client_release(&g.c, tx(cap)) != MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("RLRQ in %zu bytes", cap);
        }
        ck_assert_uint_eq(g.tx.pos, 0u);
        ck_assert_uint_eq(next_ic(), 0x01234567u);
        ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);
    }
    ck_assert_int_eq(msdk_cosem_client_release(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos, rlrq3);
    ck_assert_uint_eq(next_ic(), 0x01234568u);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_RLRQ_SENT);

    /* The helpers of this file assemble the published RLRE. */
    n = ck_hex(rlre3, a, sizeof a);
    uint8_t ui[64];
    uint8_t b[300];
    size_t un = srv_cipher_hex(0x28u, SC_AE, 0x01234567u, k_st_s, k_ek, ir3, ui);
    ck_assert_uint_eq(make_rlre(ui, un, b), n);
    ck_assert_mem_eq(a, b, n);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    /* Refused, changing nothing: the plain published RLRE with an InitiateResponse
     * (section 7), a changed tag byte, the AARE's counter again, a lower one, another key,
     * authentication only; a glo-initiateRequest instead of a response (not an RLRE). */
    refuse_hex("6316800100BE11040F080100065F1F0400001E1D04C80007", MSDK_ERR_AUTH);
    memcpy(b, a, n);
    b[n - 1u] ^= 0x01u;
    refuse(b, n, MSDK_ERR_AUTH);
    un = srv_cipher_hex(0x28u, SC_AE, 0x20u, k_st_s, k_ek, ir3, ui);
    refuse(b, make_rlre(ui, un, b), MSDK_ERR_AUTH);
    un = srv_cipher_hex(0x28u, SC_AE, 0x1Fu, k_st_s, k_ek, ir3, ui);
    refuse(b, make_rlre(ui, un, b), MSDK_ERR_AUTH);
    un = srv_cipher_hex(0x28u, SC_AE, 0x21u, k_st_s, k_ak, ir3, ui);
    refuse(b, make_rlre(ui, un, b), MSDK_ERR_AUTH);
    un = srv_cipher_hex(0x28u, 0x10u, 0x21u, k_st_s, k_ek, ir3, ui);
    refuse(b, make_rlre(ui, un, b), MSDK_ERR_AUTH);
    un = srv_cipher_hex(0x21u, SC_AE, 0x21u, k_st_s, k_ek, "01000000065F1F0400007E1F04B0", ui);
    refuse(b, make_rlre(ui, un, b), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_RLRQ_SENT);
    /* The published RLRE: released. */
    ck_assert(!feed(a, n));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    ck_assert_uint_eq(r->result, MSDK_COSEM_RLRE_NORMAL);
    ck_assert(!msdk_cosem_client_is_associated(&g.c));
    ck_assert_uint_eq(next_ic(), 0x01234568u);

    /* On a plain association a ciphered RLRE is not understood. */
    associate(cfg_public(), "00501F");
    ck_assert_int_eq(msdk_cosem_client_release(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos, "62 03 80 01 00");
    refuse(a, n, MSDK_ERR_NOT_SUPPORTED);
    ck_assert(!feed_hex("63 03 80 01 00"));
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

/* Section 1's client (authenticated encryption, IC 01234566 for the AARQ, invoke-id 0,
 * unconfirmed, normal priority) with the changes `tweak` makes, associated: its AARQ checked,
 * the AARE answered. Returns the configuration. */
static msdk_cosem_client_config_t associate_section1(void (*tweak)(msdk_cosem_client_config_t *))
{
    msdk_cosem_client_config_t cfg = cfg_cipher(cfg_public(), k_st_s, 0x01234566u);
    cfg.invoke_id = 0u;
    cfg.high_priority = false;
    cfg.unconfirmed = true;
    if (tweak != NULL) {
        tweak(&cfg);
    }
    init_and_associate(&cfg);
    /* Computed with Python cryptography (AESGCM): the lowest-security ciphered AARQ, the
     * published InitiateRequest of section 7 in a glo-initiateRequest, IC 01234566. */
    ck_expect_bytes(
        g.req, g.tx.pos,
        "603CA109060760857405080103A60A04084D4D4D0000BC614EBE230421211F3001234566828BE72E"
        "7EC5E9AFAF41C8D117643BDD12C16F546D171FA4E13A");
    /* The AARE (Python cryptography): server title 4D53444B00000001, the published
     * InitiateResponse in a glo-initiateResponse with IC 00000020. */
    static const char aare[] =
        "6148A109060760857405080103A203020100A305A103020100A40A04084D53444B00000001BE230421281F"
        "3000000020A500CDF54C287A283DC9C565FB8B34034D613D8BE4BF75F7F53D";
    uint8_t a[300];
    size_t n = computed_aare(aare, 0u, ST_SIM, 0u, 0x20u, a);
    ck_assert(!feed(a, n));
    return cfg;
}

START_TEST(glo_get_published)
{
    /* Section 1: the glo-get-request of the clock, IC 01234567, invoke-id-and-priority 00
     * (unconfirmed, normal priority, id 0). The AARQ takes IC 01234566 before it. */
    (void)associate_section1(NULL);
    uint8_t a[300];
    uint8_t b[300];
    size_t n = 0u;
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    ck_assert_uint_eq(msdk_cosem_client_conformance(&g.c), 0x00501Fu);
    ck_assert_uint_eq(msdk_cosem_client_server_pdu(&g.c), 500u);

    ck_assert_int_eq(get_clock(), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos,
                    "C8 1E 30 01234567 411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B");
    ck_assert_uint_eq(next_ic(), 0x01234568u);

    /* The glo-get-response (Python cryptography): IC 00000021, the clock value. */
    static const char resp[] = "CC233000000021A72DC4FBA0C2C108182BB5A63E3419800A9284626EB81EEE39"
                               "159CFBBC3B";
    static const char resp_plain[] = "C4 01 00 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00";
    n = ck_hex(resp, a, sizeof a);
    ck_assert_uint_eq(srv_cipher_hex(0xCCu, SC_AE, 0x21u, ST_SIM, k_ek, resp_plain, b), n);
    ck_assert_mem_eq(a, b, n);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    /* Refused: the plain answer, a changed tag, a changed ciphertext byte, the SC byte
     * lowered to authentication only, a key that is not the EK, an APDU tag of another
     * service, another sender (general form), the dedicated form without a dedicated key,
     * another suite, encryption only. */
    refuse_hex(resp_plain, MSDK_ERR_AUTH);
    b[n - 1u] ^= 0x01u;
    refuse(b, n, MSDK_ERR_AUTH);
    memcpy(b, a, n);
    b[10] ^= 0x80u;
    refuse(b, n, MSDK_ERR_AUTH);
    memcpy(b, a, n);
    b[2] = 0x10u;
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, 0x10u, 0x21u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, SC_AE, 0x21u, ST_SIM, k_dk, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCDu, SC_AE, 0x21u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xDBu, SC_AE, 0x21u, k_st_s, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xD4u, SC_AE, 0x21u, ST_SIM, k_dk, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, 0x31u, 0x21u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_NOT_SUPPORTED);
    n = srv_cipher_hex(0xCCu, 0x20u, 0x21u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    /* The IC of the AARE again: not new. */
    n = srv_cipher_hex(0xCCu, SC_AE, 0x20u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = ck_hex(resp, a, sizeof a);
    ck_assert(!feed(a, n));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_expect_bytes(r->value, r->value_len, "09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");

    /* Invoke-id 1, IC 01234568: the same answer replayed, a lower counter: refused. */
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xC8u, SC_AE, 0x01234568u, k_st_s, k_ek, "C0 01 01 00 08 0000010000FF 02 00");
    (void)tx(ALL_OF_REQ);
    refuse(a, n, MSDK_ERR_AUTH);
    static const char resp1[] = "C4 01 01 00 11 05";
    n = srv_cipher_hex(0xCCu, SC_AE, 0x21u, ST_SIM, k_ek, resp1, b);
    refuse(b, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, SC_AE, 0x1Fu, ST_SIM, k_ek, resp1, b);
    refuse(b, n, MSDK_ERR_AUTH);
    /* general-glo-ciphering from the server's title, IC 00000030: accepted. */
    n = srv_cipher_hex(0xDBu, SC_AE, 0x30u, ST_SIM, k_ek, resp1, b);
    ck_assert(!feed(b, n));
    ck_expect_bytes(r->value, r->value_len, "11 05");
    /* Between operations, msdk_cosem_client_unprotect() checks an APDU as a response and
     * changes nothing: an exception-response in general-glo-ciphering, IC 00000040. */
    {
        msdk_cosem_client_t before = g.c;
        uint8_t plain[16];
        size_t pn = 0u;
        n = srv_cipher_hex(0xDBu, SC_AE, 0x40u, ST_SIM, k_ek, "D8 01 06 00000005", b);
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, sizeof plain, &pn),
                         MSDK_OK);
        ck_expect_bytes(plain, pn, "D8 01 06 00000005");
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, 6u, &pn),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, 0u, plain, sizeof plain, &pn),
                         MSDK_ERR_TRUNCATED);
        b[n - 1u] ^= 0x01u;
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, sizeof plain, &pn),
                         MSDK_ERR_AUTH);
        /* The counter of the last response (00000030): not new. A plain APDU. */
        n = srv_cipher_hex(0xDBu, SC_AE, 0x30u, ST_SIM, k_ek, "D8 01 06 00000005", b);
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, sizeof plain, &pn),
                         MSDK_ERR_AUTH);
        n = ck_hex("D8 01 06 00000005", b, sizeof b);
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, sizeof plain, &pn),
                         MSDK_ERR_AUTH);
        ck_assert_int_eq(msdk_cosem_client_unprotect(&g.c, b, n, plain, sizeof plain, NULL),
                         MSDK_ERR_INVALID_ARG);
        ck_assert_mem_eq(&g.c, &before, sizeof before);
    }
    /* An exception-response (general-glo-ciphering, IC 00000031) ends the next GET. */
    ck_assert_int_eq(get_clock(), MSDK_OK);
    n = srv_cipher_hex(0xDBu, SC_AE, 0x31u, ST_SIM, k_ek, "D8 01 02", b);
    ck_assert(!feed(b, n));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_EXCEPTION);
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    /* Release: the RLRQ carries the AARQ's InitiateRequest (the published one of section 7)
     * in a glo-initiateRequest with IC 0123456A; a plain RLRE without user information
     * (a server that did not decipher it) releases all the same. The counter goes on over a
     * new association. */
    ck_assert_uint_eq(next_ic(), 0x0123456Au);
    ck_assert_int_eq(msdk_cosem_client_release(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    rlrq_inner();
    expect_plain(0x21u, SC_AE, 0x0123456Au, k_st_s, k_ek, "01000000065F1F0400007E1F04B0");
    ck_assert(!feed_hex("63 03 80 01 00"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    ck_assert_uint_eq(next_ic(), 0x0123456Bu);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert_uint_eq(next_ic(), 0x0123456Cu);
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

START_TEST(hls5_published)
{
    /* Section 2, without ciphering: client title 4D4D4D0000000001, IC 00000001, StoC
     * "P6wRJ21F", server title 4D4D4D0000BC614E. */
    msdk_cosem_client_config_t cfg = cfg_hls(MSDK_COSEM_MECH_HLS_GMAC, NULL);
    init_and_associate(&cfg);
    /* The AARQ: LN context, calling-AP-title, sender-acse-requirements, mechanism 5, a CtoS
     * of 16 bytes from the DRBG, the published InitiateRequest. */
    ck_assert_uint_eq(g.tx.pos, 0x4Au + 2u);
    ck_expect_bytes(
        g.req, 42u,
        "604AA109060760857405080101A60A04084D4D4D00000000018A0207808B0760857405080205AC12"
        "8010");
    ck_expect_bytes(&g.req[58], 18u, "BE10040E01000000065F1F0400007E1F04B0");
    uint8_t ctos[64];
    ck_assert_uint_eq(aarq_ctos(ctos), 16u);
    ck_assert_uint_eq(next_ic(), 1u);
    /* The published "AARE HLS-5, authentication required" with the responding-AP-title
     * inserted (A4 0A 04 08 + title; the length grows from 42 to 4E). */
    static const char aare[] =
        "614EA109060760857405080101A203020100A305A10302010EA40A04084D4D4D0000BC614E88020780890760"
        "857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007";
    uint8_t a[300];
    size_t n = ck_hex(aare, a, sizeof a);
    uint8_t ir[16];
    size_t irn = ck_hex(IR_PUBLISHED, ir, sizeof ir);
    uint8_t b[300];
    ck_assert_uint_eq(make_aare(1u, 14u, k_st_s, 5u, ir, irn, b), n);
    ck_assert_mem_eq(a, b, n);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    ck_assert(feed(a, n));
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_HLS_SENT);
    ck_assert(!msdk_cosem_client_is_associated(&g.c));
    /* reply_to_HLS_authentication with the published f(StoC) = 10 00000001 1A52...1E28. */
    ck_expect_bytes(g.req, g.tx.pos,
                    "C3 01 C1 000F 0000280000FF 01 01 09 11 10 00000001 1A52FE7DD3E72748973C1E28");
    ck_assert_uint_eq(next_ic(), 2u);
    msdk_wbuf_t other;
    uint8_t obuf[64];
    msdk_wbuf_init(&other, obuf, sizeof obuf);
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &CLK, g.val, sizeof g.val, &other),
                     MSDK_ERR_STATE);
    /* The server's f(CtoS) with its counter 00000005. */
    uint8_t f[17];
    gmac_answer(k_st_s, 5u, ctos, 16u, f);
    n = hls_answer(g.req[2], f, sizeof f, a);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    /* Refused, the client waiting still: a changed tag, another invoke-id, success without
     * return data, return data that is not an octet-string, the GMAC of the client's own
     * title (a reflected answer). */
    memcpy(b, a, n);
    b[n - 1u] ^= 0x01u;
    refuse(b, n, MSDK_ERR_AUTH);
    b[2] = 0xC2u;
    refuse(b, n, MSDK_ERR_NOT_FOUND);
    refuse_hex("C7 01 C1 00 00", MSDK_ERR_AUTH);
    refuse_hex("C7 01 C1 00 01 00 11 05", MSDK_ERR_AUTH);
    uint8_t mirror[17];
    gmac_answer(k_st_c, 5u, ctos, 16u, mirror);
    size_t mn = hls_answer(g.req[2], mirror, sizeof mirror, b);
    refuse(b, mn, MSDK_ERR_AUTH);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_HLS_SENT);
    ck_assert(!feed(a, n));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    ck_assert_uint_eq(r->diag, MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED);
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    ck_assert_uint_eq(msdk_cosem_client_conformance(&g.c), 0x00501Fu);
    /* The next request is plain (no ciphering) and takes invoke-id 2. */
    ck_assert_int_eq(get_clock(), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos, "C0 01 C2 00 08 0000010000FF 02 00");
    msdk_cosem_client_abort(&g.c);

    /* The server refuses the client's answer (other-reason): not associated. */
    msdk_cosem_client_reset(&g.c);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    n = ck_hex(aare, a, sizeof a);
    (void)tx(ALL_OF_REQ);
    ck_assert(feed(a, n));
    ck_assert_uint_eq(g.req[2], 0xC3u);
    ck_expect_bytes(&g.req[13], 7u, "09 11 10 00000002"); /* the next counter */
    (void)tx(ALL_OF_REQ);
    ck_assert(!feed_hex("C7 01 C3 FA 00"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_HLS_REFUSED);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);
    /* An exception-response to the reply, and an abandoned reply: idle. */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert(feed(a, n));
    ck_assert(!feed_hex("D8 01 02"));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_EXCEPTION);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    ck_assert(feed(a, n));
    msdk_cosem_client_abort(&g.c);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_IDLE);
    /* An AARE that accepts without asking for authentication: the server would not prove
     * itself. One without the responding-AP-title HLS 5 needs: malformed. */
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
    n = make_aare(1u, 0u, k_st_s, 5u, ir, irn, a);
    refuse(a, n, MSDK_ERR_AUTH);
    n = make_aare(1u, 14u, NULL, 5u, ir, irn, a);
    refuse(a, n, MSDK_ERR_MALFORMED);
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

/* HLS 3 and 4 with the published answers MD5 / SHA-1 ("P6wRJ21F" || "Gurux"). */
START_TEST(hls3_hls4_published)
{
    static const char *const answers[2] = {
        "09 10 B481209B439AD7B31C6852FB03655DD9",
        "09 14 EE1AE061D6C8DB8AF1F93BB7F7945D85A2D7B522",
    };
    for (uint8_t i = 0; i < 2u; i++) {
        uint8_t mech = (uint8_t)(MSDK_COSEM_MECH_HLS_MD5 + i);
        msdk_cosem_client_config_t cfg = cfg_hls(mech, "Gurux");
        cfg.sec.system_title = NULL; /* not needed for 3, 4; then not sent */
        cfg.sec.challenge_len = 8u;
        ck_assert_int_eq(msdk_cosem_client_init(&g.c, &cfg), MSDK_OK);
        ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_OK);
        ck_expect_bytes(g.req, 25u, "6036A1090607608574050801018A0207808B07608574050802");
        ck_assert_uint_eq(g.req[25], mech);
        uint8_t ctos[64];
        ck_assert_uint_eq(aarq_ctos(ctos), 8u);
        uint8_t ir[16];
        size_t irn = ck_hex(IR_PUBLISHED, ir, sizeof ir);
        uint8_t a[300];
        size_t n = make_aare(1u, 14u, NULL, mech, ir, irn, a);
        (void)tx(ALL_OF_REQ);
        ck_assert(feed(a, n));
        ck_expect_bytes(&g.req[13], g.tx.pos - 13u, answers[i]);
        ck_expect_bytes(g.req, 13u, "C3 01 C1 000F 0000280000FF 01 01");
        /* The server's f(CtoS) = hash(CtoS || secret); with another secret: refused. */
        uint8_t in[16];
        memcpy(in, ctos, 8u);
        memcpy(&in[8], "Gurux", 5u);
        uint8_t d[20];
        size_t dn = (i == 0u) ? 16u : 20u;
        ck_assert_int_eq((i == 0u) ? msdk_port_crypto_md5(in, 13u, d)
                                   : msdk_port_crypto_sha1(in, 13u, d),
                         MSDK_OK);
        memcpy(&in[8], "Gurul", 5u);
        uint8_t wrong[20];
        ck_assert_int_eq((i == 0u) ? msdk_port_crypto_md5(in, 13u, wrong)
                                   : msdk_port_crypto_sha1(in, 13u, wrong),
                         MSDK_OK);
        (void)tx(ALL_OF_REQ);
        n = hls_answer(g.req[2], wrong, dn, a);
        refuse(a, n, MSDK_ERR_AUTH);
        n = hls_answer(g.req[2], d, dn, a);
        ck_assert(!feed(a, n));
        ck_assert(msdk_cosem_client_is_associated(&g.c));
        msdk_cosem_client_wipe(&g.c);
    }
}
END_TEST

/* SHA-256 of the concatenation of `k` strings. */
static void sha256_of(const uint8_t *const *parts, const size_t *lens, size_t k, uint8_t d[32])
{
    uint8_t in[256];
    size_t n = 0u;
    for (size_t i = 0; i < k; i++) {
        memcpy(&in[n], parts[i], lens[i]);
        n += lens[i];
    }
    ck_assert_int_eq(msdk_port_crypto_sha256(in, n, d), MSDK_OK);
}

START_TEST(hls6_hls7_formulas)
{
    static const char secret[] = "msdk-test-secret";
    uint8_t ir[16];
    size_t irn = ck_hex(IR_PUBLISHED, ir, sizeof ir);
    uint8_t a[300];
    uint8_t ctos[64];

    /* HLS 6: the client's f(StoC) = SHA-256(secret || ST-C || ST-S || StoC || CtoS), the
     * server's f(CtoS) = SHA-256(secret || ST-S || ST-C || CtoS || StoC). */
    msdk_cosem_client_config_t cfg = cfg_hls(MSDK_COSEM_MECH_HLS_SHA256, secret);
    init_and_associate(&cfg);
    size_t cn = aarq_ctos(ctos);
    size_t n = make_aare(1u, 14u, k_st_s, 6u, ir, irn, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(feed(a, n));
    uint8_t d[32];
    {
        const uint8_t *parts[5] = { (const uint8_t *)secret, k_st_c, k_st_s, STOC, ctos };
        const size_t lens[5] = { sizeof secret - 1u, 8u, 8u, 8u, cn };
        sha256_of(parts, lens, 5u, d);
    }
    ck_expect_bytes(g.req, 15u, "C3 01 C1 000F 0000280000FF 01 01 09 20");
    ck_assert_uint_eq(g.tx.pos, 15u + 32u);
    ck_assert_mem_eq(&g.req[15], d, 32u);
    /* The client's own string returned (the titles and challenges in its order): refused. */
    (void)tx(ALL_OF_REQ);
    n = hls_answer(g.req[2], d, 32u, a);
    refuse(a, n, MSDK_ERR_AUTH);
    {
        const uint8_t *parts[5] = { (const uint8_t *)secret, k_st_s, k_st_c, ctos, STOC };
        const size_t lens[5] = { sizeof secret - 1u, 8u, 8u, cn, 8u };
        sha256_of(parts, lens, 5u, d);
    }
    n = hls_answer(g.req[2], d, 32u, a);
    ck_assert(!feed(a, n));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    msdk_cosem_client_wipe(&g.c);

    /* HLS 7: ECDSA P-256 over SHA-256(ST-X || ST-Y || challenge of Y || challenge of X). */
    uint8_t c_priv[32], c_pub[65], s_priv[32], s_pub[65];
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&g_drbg, c_priv, c_pub), MSDK_OK);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_keygen(&g_drbg, s_priv, s_pub), MSDK_OK);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_ECDSA, NULL);
    cfg.sec.sign_key = c_priv;
    cfg.sec.server_public_key = s_pub;
    cfg.sec.challenge_len = 32u;
    init_and_associate(&cfg);
    ck_assert_uint_eq(aarq_ctos(ctos), 32u);
    n = make_aare(1u, 14u, k_st_s, 7u, ir, irn, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(feed(a, n));
    ck_expect_bytes(g.req, 15u, "C3 01 C1 000F 0000280000FF 01 01 09 40");
    ck_assert_uint_eq(g.tx.pos, 15u + 64u);
    {
        const uint8_t *parts[4] = { k_st_c, k_st_s, STOC, ctos };
        const size_t lens[4] = { 8u, 8u, 8u, 32u };
        sha256_of(parts, lens, 4u, d);
    }
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_verify(c_pub, d, &g.req[15]), MSDK_OK);
    {
        const uint8_t *parts[4] = { k_st_s, k_st_c, ctos, STOC };
        const size_t lens[4] = { 8u, 8u, 32u, 8u };
        sha256_of(parts, lens, 4u, d);
    }
    uint8_t sig[64];
    /* Signed with the client's key instead of the server's: refused. */
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&g_drbg, c_priv, d, sig), MSDK_OK);
    (void)tx(ALL_OF_REQ);
    n = hls_answer(g.req[2], sig, 64u, a);
    refuse(a, n, MSDK_ERR_AUTH);
    ck_assert_int_eq(msdk_port_crypto_ecdsa_p256_sign(&g_drbg, s_priv, d, sig), MSDK_OK);
    n = hls_answer(g.req[2], sig, 64u, a);
    ck_assert(!feed(a, n));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    msdk_cosem_client_wipe(&g.c);
    msdk_port_crypto_zeroize(c_priv, sizeof c_priv);
    msdk_port_crypto_zeroize(s_priv, sizeof s_priv);
}
END_TEST

START_TEST(hls5_ciphered)
{
    /* HLS 5 with authenticated encryption: client title 4D4D4D0000000001, first IC 10. The
     * AARQ takes IC 10, the reply APDU IC 11 and its f(StoC) IC 12. */
    msdk_cosem_client_config_t cfg =
        cfg_cipher(cfg_hls(MSDK_COSEM_MECH_HLS_GMAC, NULL), k_st_c, 0x10u);
    init_and_associate(&cfg);
    /* Ciphered context, title, mechanism 5, CtoS, then the glo-initiateRequest (Python
     * cryptography: the published InitiateRequest, IC 00000010). */
    ck_assert_uint_eq(g.tx.pos, 0x5Du + 2u);
    ck_expect_bytes(
        g.req, 42u,
        "605DA109060760857405080103A60A04084D4D4D00000000018A0207808B0760857405080205AC12"
        "8010");
    ck_expect_bytes(&g.req[58], g.tx.pos - 58u,
                    "BE230421211F30000000106BE204E5EA0BCEE41D99459B180BCF6BDB5F5CAB7E71C99FA1EC");
    uint8_t ctos[64];
    ck_assert_uint_eq(aarq_ctos(ctos), 16u);
    ck_assert_uint_eq(next_ic(), 0x11u);
    /* The AARE (Python cryptography): HLS 5, StoC "P6wRJ21F", server title 4D4D4D0000BC614E,
     * the published InitiateResponse ciphered with IC 00000040. */
    static const char aare[] =
        "6161A109060760857405080103A203020100A305A10302010EA40A04084D4D4D0000BC614E8802078089"
        "0760857405080205AA0A8008503677524A323146BE230421281F3000000040E869B48C30FE2398DEE09394"
        "4D4AEAD1D81DC3683573A170CB2F";
    uint8_t a[300];
    size_t n = computed_aare(aare, 14u, k_st_s, 5u, 0x40u, a);
    uint8_t b[300];
    /* The same AARE with the InitiateResponse in clear: refused. */
    uint8_t ir[16];
    size_t irn = ck_hex(IR_PUBLISHED, ir, sizeof ir);
    size_t bn = make_aare(3u, 14u, k_st_s, 5u, ir, irn, b);
    refuse(b, bn, MSDK_ERR_AUTH);
    /* ... or with the plain LN context. */
    bn = make_aare(1u, 14u, k_st_s, 5u, &a[n - 0x21u], 0x21u, b);
    refuse(b, bn, MSDK_ERR_NOT_SUPPORTED);
    ck_assert(feed(a, n));
    /* The glo-action-request (Python cryptography), IC 11, carrying
     * C3 01 C1 000F 0000280000FF 01 01 09 11 10 00000012 <GMAC>. */
    ck_expect_bytes(
        g.req, g.tx.pos,
        "CB313000000011FEE71F8D893D383848E44CEA0F386C63BD9841E872F809410F851B46DB97036F06F0"
        "20EC5CF4D8C933A38AAA");
    expect_plain(0xCBu, SC_AE, 0x11u, k_st_c, k_ek,
                 "C301C1000F0000280000FF010109111000000012522FF3E261B46AA3925B0FBD");
    ck_assert_uint_eq(next_ic(), 0x13u);
    /* The server's answer, glo-action-response with IC 41, f(CtoS) with IC 42. */
    uint8_t f[17];
    uint8_t plain[64];
    gmac_answer(k_st_s, 0x42u, ctos, 16u, f);
    size_t pn = hls_answer(0xC1u, f, sizeof f, plain);
    (void)tx(ALL_OF_REQ);
    n = srv_cipher(0xCFu, SC_AE, 0x41u, k_st_s, k_ek, plain, pn, a);
    refuse_prefixes(a, n);
    refuse(plain, pn, MSDK_ERR_AUTH); /* in clear */
    /* The response's counter not above the AARE's; f(CtoS) with the response's counter or
     * with the AARE's. */
    bn = srv_cipher(0xCFu, SC_AE, 0x40u, k_st_s, k_ek, plain, pn, b);
    refuse(b, bn, MSDK_ERR_AUTH);
    uint8_t pb[64];
    gmac_answer(k_st_s, 0x41u, ctos, 16u, f);
    size_t pbn = hls_answer(0xC1u, f, sizeof f, pb);
    bn = srv_cipher(0xCFu, SC_AE, 0x41u, k_st_s, k_ek, pb, pbn, b);
    refuse(b, bn, MSDK_ERR_AUTH);
    gmac_answer(k_st_s, 0x40u, ctos, 16u, f);
    pbn = hls_answer(0xC1u, f, sizeof f, pb);
    bn = srv_cipher(0xCFu, SC_AE, 0x41u, k_st_s, k_ek, pb, pbn, b);
    refuse(b, bn, MSDK_ERR_AUTH);
    ck_assert(!feed(a, n));
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    /* The next request: glo-get-request with IC 13, invoke-id 2. Answers must come with a
     * counter above 42 (the f(CtoS) one). */
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xC8u, SC_AE, 0x13u, k_st_c, k_ek, "C0 01 C2 00 08 0000010000FF 02 00");
    n = srv_cipher_hex(0xCCu, SC_AE, 0x42u, k_st_s, k_ek, "C4 01 C2 00 11 07", a);
    refuse(a, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, SC_AE, 0x43u, k_st_s, k_ek, "C4 01 C2 00 11 07", a);
    ck_assert(!feed(a, n));
    ck_expect_bytes(msdk_cosem_client_result(&g.c)->value,
                    msdk_cosem_client_result(&g.c)->value_len, "11 07");
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

START_TEST(dedicated_general_auth_only)
{
    /* The section 3 client (dedicated key): its requests use ded-ciphering with the DK. */
    msdk_cosem_client_config_t cfg = cfg_cipher(cfg_lls("12345678"), k_st_s, 0x01234567u);
    cfg.sec.dk = k_dk;
    associate_ciphered(&cfg, 0x50u, IR_PUBLISHED);
    uint8_t a[300];
    size_t n;
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xD0u, SC_AE, 0x01234568u, k_st_s, k_dk, "C0 01 C1 00 08 0000010000FF 02 00");
    /* ded-get-response (DK) and glo-get-response (EK) are both accepted. */
    n = srv_cipher_hex(0xD4u, SC_AE, 0x51u, ST_SIM, k_dk, "C4 01 C1 00 11 01", a);
    ck_assert(!feed(a, n));
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xD0u, SC_AE, 0x01234569u, k_st_s, k_dk, "C0 01 C2 00 08 0000010000FF 02 00");
    n = srv_cipher_hex(0xD4u, SC_AE, 0x52u, ST_SIM, k_ek, "C4 01 C2 00 11 02", a);
    refuse(a, n, MSDK_ERR_AUTH); /* ded- tag, but the EK */
    n = srv_cipher_hex(0xCCu, SC_AE, 0x52u, ST_SIM, k_ek, "C4 01 C2 00 11 02", a);
    ck_assert(!feed(a, n));
    msdk_cosem_client_wipe(&g.c);

    /* general-ded-ciphering (dedicated key, general): DC 08 title ... */
    cfg.sec.general = true;
    associate_ciphered(&cfg, 0x50u, IR_PUBLISHED);
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xDCu, SC_AE, 0x01234568u, k_st_s, k_dk, "C0 01 C1 00 08 0000010000FF 02 00");
    msdk_cosem_client_wipe(&g.c);

    /* general-glo-ciphering without a dedicated key; a general-ded answer cannot be read. */
    cfg.sec.dk = NULL;
    associate_ciphered(&cfg, 0x50u, IR_PUBLISHED);
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xDBu, SC_AE, 0x01234568u, k_st_s, k_ek, "C0 01 C1 00 08 0000010000FF 02 00");
    n = srv_cipher_hex(0xDCu, SC_AE, 0x51u, ST_SIM, k_dk, "C4 01 C1 00 11 01", a);
    refuse(a, n, MSDK_ERR_AUTH);
    msdk_cosem_client_wipe(&g.c);

    /* Authentication only (SC 10): requests in clear with a GMAC; an answer with encryption
     * only is refused, one with authenticated encryption (stronger) accepted. */
    cfg = cfg_cipher(cfg_public(), k_st_s, 0x200u);
    cfg.sec.protection = MSDK_COSEM_SC_AUTH;
    init_and_associate(&cfg);
    /* The glo-initiateRequest: 21 1F 10 IC, the InitiateRequest in clear, the GMAC. */
    ck_expect_bytes(&g.req[g.tx.pos - 33u], 21u, "21 1F 10 00000200 01000000065F1F0400007E1F04B0");
    uint8_t ui[64];
    size_t uin = srv_cipher_hex(0x28u, 0x10u, 0x60u, ST_SIM, k_ek, IR_PUBLISHED, ui);
    n = make_aare(3u, 0u, ST_SIM, 0u, ui, uin, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(!feed(a, n));
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xC8u, 0x10u, 0x201u, k_st_s, k_ek, "C0 01 C1 00 08 0000010000FF 02 00");
    n = srv_cipher_hex(0xCCu, 0x20u, 0x61u, ST_SIM, k_ek, "C4 01 C1 00 11 01", a);
    refuse(a, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, SC_AE, 0x61u, ST_SIM, k_ek, "C4 01 C1 00 11 01", a);
    ck_assert(!feed(a, n));
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

/* The blocks after the first of a ciphered SET (client tag C9, block type 03, server tag CD,
 * "C5 02 C2" acknowledging) or ACTION (CB, 06, CF, "C7 04 C3") through a 48-byte writer: the
 * server acknowledges block n (ack_head n, ciphered with *sic), the client sends block n + 1
 * (ciphered with *cic) with the next bytes of v[0..len) after the `off` sent, until the last.
 * Returns the last block's number. */
static uint32_t next_blocks_ciphered(uint8_t cli_tag, uint8_t type, uint8_t srv_tag,
                                     const char *ack_head, const uint8_t *v, size_t len, size_t off,
                                     uint32_t *sic, uint32_t *cic)
{
    uint8_t a[300];
    uint8_t p[256];
    uint32_t number = 1u;
    bool last = false;
    while (!last) {
        char ack[40];
        snprintf(ack, sizeof ack, "%s %08X", ack_head, (unsigned)number);
        size_t n = srv_cipher_hex(srv_tag, SC_AE, (*sic)++, ST_SIM, k_ek, ack, a);
        (void)tx(48u);
        ck_assert(feed(a, n));
        ck_assert_uint_le(g.tx.pos, 48u);
        size_t pn = cli_plain(cli_tag, SC_AE, (*cic)++, k_st_s, k_ek, p);
        number++;
        /* tag | type | invoke-id | last | number | length | data */
        ck_assert_uint_eq(p[1], type);
        last = (p[3] != 0u);
        ck_assert_uint_eq(p[7], (uint8_t)number);
        ck_assert_uint_eq(pn, 9u + p[8]);
        ck_assert_mem_eq(&p[9], &v[off], p[8]);
        off += p[8];
    }
    ck_assert_uint_eq(off, len);
    return number;
}

START_TEST(cipher_blocks)
{
    /* Conformance with block transfer with GET, SET and ACTION; every APDU ciphered. */
    msdk_cosem_client_config_t cfg = cfg_cipher(cfg_public(), k_st_s, 0x100u);
    associate_ciphered(&cfg, 0x60u, IR_BLOCKS);
    uint8_t a[300];
    size_t n;
    ck_assert_uint_eq(msdk_cosem_client_conformance(&g.c), 0x005C1Fu);
    uint32_t sic = 0x61u; /* the server's next counter */
    uint32_t cic = 0x101u;

    /* GET with datablocks (the blocks of get_blocks_hand_derived), each block deciphered,
     * each GET next ciphered with the next counter. */
    msdk_cosem_xdlms_attr_sel_t a15 = { { 15u, { 0, 0, 40, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&g.c, &a15, g.val, 16u, tx(ALL_OF_REQ)), MSDK_OK);
    expect_plain(0xC8u, SC_AE, cic++, k_st_s, k_ek, "C0 01 C1 000F 0000280000FF 02 00");
    n = srv_cipher_hex(0xCCu, SC_AE, sic++, ST_SIM, k_ek, "C4 02 C1 00 00000001 00 04 01 02 12 00",
                       a);
    (void)tx(ALL_OF_REQ);
    refuse_prefixes(a, n);
    ck_assert(feed(a, n));
    expect_plain(0xC8u, SC_AE, cic++, k_st_s, k_ek, "C0 02 C1 00000001");
    /* The same block again (its counter is spent now). */
    (void)tx(ALL_OF_REQ);
    refuse(a, n, MSDK_ERR_AUTH);
    n = srv_cipher_hex(0xCCu, SC_AE, sic++, ST_SIM, k_ek, "C4 02 C1 01 00000002 00 04 01 12 00 02",
                       a);
    ck_assert(!feed(a, n));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&g.c);
    ck_expect_bytes(r->value, r->value_len, "01 02 12 00 01 12 00 02");
    ck_assert_uint_eq(r->blocks, 2u);

    /* SET of 40 bytes through a 48-byte writer: each ciphered block request fits 48 bytes
     * (tag, length, SC, IC, GCM tag: 19 bytes), so a plaintext of at most 29. */
    uint8_t value[40];
    made_value(value, sizeof value);
    msdk_cosem_xdlms_attr_sel_t a1 = { { 1u, { 0, 0, 96, 1, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_set(&g.c, &a1, value, sizeof value, tx(48u)), MSDK_OK);
    ck_assert_uint_le(g.tx.pos, 48u);
    uint8_t p[256];
    size_t pn = cli_plain(0xC9u, SC_AE, cic++, k_st_s, k_ek, p);
    /* C1 02 C2 | 0001 0000600100FF 02 | 00 | last | 00000001 | len | data */
    ck_expect_bytes(p, 14u, "C1 02 C2 0001 0000600100FF 02 00 00");
    size_t off = p[18];
    ck_assert_uint_eq(pn, 19u + off);
    ck_assert_mem_eq(&p[19], value, off);
    /* C1 03 C2 | last | number | len | data */
    uint32_t number =
        next_blocks_ciphered(0xC9u, 0x03u, 0xCDu, "C5 02 C2", value, sizeof value, off, &sic, &cic);
    char done[40];
    snprintf(done, sizeof done, "C5 03 C2 00 %08X", (unsigned)number);
    n = srv_cipher_hex(0xCDu, SC_AE, sic++, ST_SIM, k_ek, done, a);
    ck_assert(!feed(a, n));
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(r->blocks, number);

    /* ACTION with 42 bytes of parameters in pblocks through a 48-byte writer, then return
     * data in two pblocks. */
    uint8_t param[42];
    made_value(param, sizeof param);
    ck_assert_int_eq(
        msdk_cosem_client_action(&g.c, &M_ALN, param, sizeof param, g.val, sizeof g.val, tx(48u)),
        MSDK_OK);
    pn = cli_plain(0xCBu, SC_AE, cic++, k_st_s, k_ek, p);
    /* C3 04 C3 | 000F 0000280000FF 01 | 00 | 00000001 | len | data */
    ck_expect_bytes(p, 17u, "C3 04 C3 000F 0000280000FF 01 00 00000001");
    off = p[17];
    ck_assert_uint_eq(pn, 18u + off);
    ck_assert_mem_eq(&p[18], param, off);
    /* C3 06 C3 | last | number | len | data */
    (void)next_blocks_ciphered(0xCBu, 0x06u, 0xCFu, "C7 04 C3", param, sizeof param, off, &sic,
                               &cic);
    n = srv_cipher_hex(0xCFu, SC_AE, sic++, ST_SIM, k_ek, "C7 02 C3 00 00000001 05 09 06 41 42 43",
                       a);
    (void)tx(48u);
    ck_assert(feed(a, n));
    expect_plain(0xCBu, SC_AE, cic++, k_st_s, k_ek, "C3 02 C3 00000001");
    n = srv_cipher_hex(0xCFu, SC_AE, sic++, ST_SIM, k_ek, "C7 02 C3 01 00000002 03 44 45 46", a);
    ck_assert(!feed(a, n));
    ck_expect_bytes(r->value, r->value_len, "09 06 41 42 43 44 45 46");
    ck_assert_uint_eq(next_ic(), cic);
    msdk_cosem_client_wipe(&g.c);
}
END_TEST

static void plain_requests(msdk_cosem_client_config_t *cfg)
{
    cfg->sec.per_request = true;
    cfg->sec.request_protection = 0u;
}

/* Requests protected otherwise than the association (testing a server's access rights): the
 * AARQ keeps its glo-initiateRequest, the GETs go plain, then authenticated only; a plain
 * request takes a plain or a protected answer, a protected one only an answer protected at
 * least as much. */
START_TEST(per_request_protection)
{
    msdk_cosem_client_config_t cfg = associate_section1(plain_requests);
    uint8_t a[300];
    size_t n = 0u;
    ck_assert(msdk_cosem_client_is_associated(&g.c));
    static const char resp_plain[] = "C4 01 00 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00";
    /* Plain: the request as it is, no counter spent; the plain answer is taken. */
    ck_assert_int_eq(get_clock(), MSDK_OK);
    ck_expect_bytes(g.req, g.tx.pos, "C0 01 00 00 08 00 00 01 00 00 FF 02 00");
    ck_assert_uint_eq(next_ic(), 0x01234567u);
    ck_assert(!feed_hex(resp_plain));
    ck_expect_bytes(msdk_cosem_client_result(&g.c)->value,
                    msdk_cosem_client_result(&g.c)->value_len,
                    "09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
    /* Plain again: an answer the server protected (its access rights ask so) is taken too. */
    uint8_t b[300];
    ck_assert_int_eq(get_clock(), MSDK_OK);
    n = srv_cipher_hex(0xCCu, SC_AE, 0x21u, ST_SIM, k_ek,
                       "C4 01 01 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00", b);
    ck_assert(!feed(b, n)); /* (invoke-id 1) */
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->result, MSDK_COSEM_DAR_SUCCESS);
    /* Authenticated only (a new client on the same keys, counter 0x01234600). */
    cfg.sec.ic = 0x01234600u;
    cfg.sec.request_protection = MSDK_COSEM_SC_AUTH;
    init_and_associate(&cfg);
    n = make_aare_ciphered(0u, ST_SIM, 0u, 0x30u, IR_PUBLISHED, a);
    (void)tx(ALL_OF_REQ);
    ck_assert(!feed(a, n));
    ck_assert_int_eq(get_clock(), MSDK_OK);
    ck_assert_uint_eq(g.req[0], 0xC8u);
    ck_assert_uint_eq(g.req[2], MSDK_COSEM_SC_AUTH);
    ck_assert_uint_eq(next_ic(), 0x01234602u);
    refuse_hex(resp_plain, MSDK_ERR_AUTH); /* a protected request wants a protected answer */
    n = srv_cipher_hex(0xCCu, MSDK_COSEM_SC_ENC, 0x31u, ST_SIM, k_ek, resp_plain, b);
    refuse(b, n, MSDK_ERR_AUTH); /* encryption only is less than authentication */
    n = srv_cipher_hex(0xCCu, MSDK_COSEM_SC_AUTH, 0x31u, ST_SIM, k_ek, resp_plain, b);
    ck_assert(!feed(b, n));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->result, MSDK_COSEM_DAR_SUCCESS);
    /* The setting needs the ciphered context, and an AK for authenticated requests. */
    msdk_cosem_client_t c;
    cfg = cfg_public();
    cfg.sec.per_request = true;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_cipher(cfg_public(), k_st_s, 1u);
    cfg.sec.protection = MSDK_COSEM_SC_ENC;
    cfg.sec.ak = NULL;
    cfg.sec.per_request = true;
    cfg.sec.request_protection = MSDK_COSEM_SC_AUTH;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.request_protection = 0x40u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.request_protection = 0u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
}
END_TEST

START_TEST(cipher_config_and_counter)
{
    msdk_cosem_client_t c;
    msdk_cosem_client_config_t base = cfg_cipher(cfg_public(), k_st_s, 1u);
    ck_assert_int_eq(msdk_cosem_client_init(&c, &base), MSDK_OK);
    /* Each change makes the configuration unusable. */
    msdk_cosem_client_config_t cfg = base;
    cfg.sec.protection = 0x08u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base;
    cfg.sec.suite = 2u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base;
    cfg.sec.system_title = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base;
    cfg.sec.ek = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base;
    cfg.sec.ak = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.protection = MSDK_COSEM_SC_ENC; /* encryption only needs no AK */
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    cfg = base;
    cfg.sec.work = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = base;
    cfg.sec.work_cap = cfg.max_pdu - 1u; /* below the client's max receive PDU size */
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.max_pdu = 64u; /* and below MSDK_COSEM_CLIENT_WORK_MIN */
    cfg.sec.work_cap = MSDK_COSEM_CLIENT_WORK_MIN - 1u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.work_cap = MSDK_COSEM_CLIENT_WORK_MIN;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    /* A dedicated key or the general forms without ciphering. */
    cfg = cfg_public();
    cfg.sec.dk = k_dk;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_public();
    cfg.sec.general = true;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    /* HLS: the material of each mechanism. */
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_GMAC, NULL);
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    cfg.sec.drbg = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_GMAC, NULL);
    cfg.sec.ak = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_GMAC, "secret"); /* HLS 5 has no secret */
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_SHA256, "secret");
    cfg.sec.system_title = NULL;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_MD5, NULL);
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_MD5, "secret");
    cfg.sec.challenge_len = 7u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.challenge_len = 65u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.sec.challenge_len = 64u;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS_ECDSA, NULL);
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    cfg = cfg_hls(MSDK_COSEM_MECH_HLS, NULL); /* mechanism 2: manufacturer specific */
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_client_next_ic(NULL, NULL), MSDK_ERR_INVALID_ARG);

    /* The AARE of a ciphered association must carry the server's title; a rejection needs no
     * ciphering (the AARQ's counter stays used). */
    init_and_associate(&base);
    uint8_t ui[64];
    size_t uin = srv_cipher_hex(0x28u, SC_AE, 0x20u, ST_SIM, k_ek, IR_PUBLISHED, ui);
    uint8_t a[300];
    size_t n = make_aare(3u, 0u, NULL, 0u, ui, uin, a);
    refuse(a, n, MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex("611FA109060760857405080103A203020101A305A103020101BE0604040E010601"));
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(msdk_cosem_client_result(&g.c)->service_error.value,
                      MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW);
    ck_assert_uint_eq(next_ic(), 2u);

    /* The last counter values: FFFFFFFE for the AARQ, FFFFFFFF for a GET, then none. */
    cfg = cfg_cipher(cfg_public(), k_st_s, 0xFFFFFFFEu);
    associate_ciphered(&cfg, 0x20u, IR_PUBLISHED);
    ck_assert_int_eq(get_clock(), MSDK_OK);
    expect_plain(0xC8u, SC_AE, 0xFFFFFFFFu, k_st_s, k_ek, "C0 01 C1 00 08 0000010000FF 02 00");
    uint32_t ic = 7u;
    ck_assert_int_eq(msdk_cosem_client_next_ic(&g.c, &ic), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(ic, 7u);
    msdk_cosem_client_abort(&g.c);
    ck_assert_int_eq(get_clock(), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(g.tx.pos, 0u);
    ck_assert_int_eq(msdk_cosem_client_state(&g.c), MSDK_COSEM_CLIENT_ASSOCIATED);
    msdk_cosem_client_reset(&g.c);
    ck_assert_int_eq(msdk_cosem_client_associate(&g.c, tx(ALL_OF_REQ)), MSDK_ERR_OVERFLOW);
    ck_assert_uint_eq(g.tx.pos, 0u);
    msdk_cosem_client_wipe(&g.c);
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
    CK_TCASE(s, "security", sec_setup, aarq_ciphered_published, rlrq_ciphered_published,
             glo_get_published, hls5_published, hls3_hls4_published, hls6_hls7_formulas,
             hls5_ciphered, dedicated_general_auth_only, cipher_blocks, cipher_config_and_counter,
             per_request_protection);
    return s;
}
