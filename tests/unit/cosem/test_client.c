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
 * - every error path on hand-derived answers: each answer truncated at every length, wrong
 *   tags, wrong invoke-ids, blocks out of sequence, values that do not fit, writers too small;
 *   the client must come out of each error exactly as it went in;
 * - the real server in-process, over the wrapper session and over the HDLC session driven
 *   by the HDLC client link: public and LLS associations, a wrong password, GET of a scalar,
 *   the object list in blocks with a small PDU, SET (also in datablocks), ACTION, release.
 */
#include <check.h>

#include "cosem_check.h"
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/client.h"
#include "msdk/cosem/session.h"
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

static const uint8_t password[] = "12345678";

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

/* Feeds a hex answer; expects success and returns `more`. */
static bool feed_hex(msdk_cosem_client_t *c, const char *answer, msdk_wbuf_t *tx)
{
    uint8_t a[512];
    size_t n = ck_hex(answer, a, sizeof a);
    bool more = true;
    ck_assert_int_eq(msdk_cosem_client_rx(c, a, n, tx, &more), MSDK_OK);
    return more;
}

/* Associates a client from the published AARQ/AARE pair (conformance 00 50 1F, PDU 500). */
static void associate_vector(msdk_cosem_client_t *c, msdk_cosem_client_config_t cfg)
{
    ck_assert_int_eq(msdk_cosem_client_init(c, &cfg), MSDK_OK);
    uint8_t buf[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(c, &tx), MSDK_OK);
    ck_assert(!feed_hex(
        c, "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007",
        &tx));
    ck_assert(msdk_cosem_client_is_associated(c));
}

/*
 * Feeds every proper prefix of `answer` and a few corruptions, and checks that each is
 * refused and leaves the client and the writer as they were; then feeds the whole answer.
 */
static void refuse_prefixes(msdk_cosem_client_t *c, const uint8_t *a, size_t n, msdk_wbuf_t *tx)
{
    msdk_cosem_client_t before = *c;
    size_t pos = tx->pos;
    for (size_t k = 0; k < n; k++) {
        bool more = false;
        msdk_err_t err = msdk_cosem_client_rx(c, a, k, tx, &more);
        if (err == MSDK_OK) {
            ck_abort_msg("prefix of %zu bytes accepted", k);
        }
        if ((memcmp(c, &before, sizeof before) != 0) || (tx->pos != pos)) {
            ck_abort_msg("prefix of %zu bytes changed the client", k);
        }
    }
    /* One byte more than the answer: trailing bytes are malformed. */
    uint8_t longer[600];
    ck_assert_uint_lt(n, sizeof longer);
    memcpy(longer, a, n);
    longer[n] = 0x00u;
    bool more = false;
    ck_assert_int_ne(msdk_cosem_client_rx(c, longer, n + 1u, tx, &more), MSDK_OK);
    ck_assert_mem_eq(c, &before, sizeof before);
}

/* ---- Requests against the published APDUs ------------------------------------------------- */

START_TEST(aarq_matches_published)
{
    msdk_cosem_client_t c;
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    uint8_t buf[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    expect_hex(buf, tx.pos, "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0");
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_AARQ_SENT);
    /* A second AARQ while the first is outstanding. */
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_ERR_STATE);

    cfg = cfg_lls("12345678");
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    expect_hex(buf, tx.pos,
               "6036A1090607608574050801018A0207808B0760857405080201AC0A80083132333435363738BE"
               "10040E01000000065F1F0400007E1F04B0");
    /* Every writer too small: refused, nothing written, still idle. */
    for (size_t cap = 0; cap < tx.pos; cap++) {
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
    uint8_t buf[64];
    uint8_t val[16];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 42, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &tx), MSDK_ERR_STATE);
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, buf, 1u, &tx, &more), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_cosem_client_rx(NULL, buf, 1u, &tx, &more), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(tx.pos, 0u);
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
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    ck_assert_uint_eq(msdk_cosem_client_conformance(&c), 0x00501Fu);
    ck_assert_uint_eq(msdk_cosem_client_server_pdu(&c), 500u);
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);

    /* Rejected, application context not supported. */
    msdk_cosem_client_config_t cfg = cfg_public();
    uint8_t buf[128];
    msdk_wbuf_t tx;
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    ck_assert(!feed_hex(
        &c,
        "6129A109060760857405080101A203020101A305A103020102BE10040E0800065F1F040000501F01F40007",
        &tx));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(r->result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(r->diag_source, MSDK_COSEM_DIAG_SOURCE_USER);
    ck_assert_uint_eq(r->diag, MSDK_COSEM_DIAG_USER_APP_CONTEXT_NOT_SUPPORTED);
    ck_assert(!msdk_cosem_client_is_associated(&c));
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_IDLE);

    /* Rejected, DLMS version too low (an initiateError in the user information). */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    ck_assert(
        !feed_hex(&c, "611FA109060760857405080101A203020101A305A103020101BE0604040E010601", &tx));
    r = msdk_cosem_client_result(&c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(r->diag, MSDK_COSEM_DIAG_USER_NO_REASON);
    ck_assert_uint_eq(r->service_error.service, MSDK_COSEM_CSE_INITIATE_ERROR);
    ck_assert_uint_eq(r->service_error.type, MSDK_COSEM_SERR_INITIATE);
    ck_assert_uint_eq(r->service_error.value, MSDK_COSEM_INIT_ERR_DLMS_VERSION_TOO_LOW);

    /* HLS-5 "authentication required": not supported, nothing changes. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    uint8_t a[128];
    size_t n = ck_hex("6142A109060760857405080101A203020100A305A10302010E8802078089076085740508020"
                      "5AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007",
                      a, sizeof a);
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, a, n, &tx, &more), MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_AARQ_SENT);
    /* Every truncation of the accepted AARE, and a wrong tag. */
    n = ck_hex(
        "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007", a,
        sizeof a);
    refuse_prefixes(&c, a, n, &tx);
    a[0] = 0x63u;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, a, n, &tx, &more), MSDK_ERR_MALFORMED);
    a[0] = 0x61u;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, a, n, &tx, &more), MSDK_OK);
    ck_assert(msdk_cosem_client_is_associated(&c));
    /* An abandoned AARQ goes back to idle. */
    msdk_cosem_client_reset(&c);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    msdk_cosem_client_abort(&c);
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_IDLE);
}
END_TEST

START_TEST(get_matches_published)
{
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    uint8_t buf[128];
    uint8_t val[64];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 43, 1, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_OK);
    expect_hex(buf, tx.pos, "C0 01 C1 00 01 00 00 2B 01 00 FF 02 00");
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_BUSY);
    /* A second request while busy. */
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_ERR_STATE);
    uint8_t ans[64];
    size_t n = ck_hex("C4 01 C1 00 06 00 00 13 91", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    /* Another invoke-id: ignored. */
    ans[2] = 0xC2u;
    bool more = true;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_NOT_FOUND);
    ans[2] = 0xC1u;
    /* A SET response to a GET. */
    uint8_t set_ans[] = { 0xC5, 0x01, 0xC1, 0x00 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, set_ans, sizeof set_ans, &tx, &more),
                     MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex(&c, "C4 01 C1 00 06 00 00 13 91", &tx));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&c);
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert(r->has_value);
    expect_hex(r->value, r->value_len, "06 00 00 13 91");
    ck_assert_ptr_eq(r->value, val);
    ck_assert_uint_eq(tx.pos, 0u);

    /* The next request takes invoke-id 2; the published error answer, with that id. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_OK);
    ck_assert_uint_eq(buf[2], 0xC2u);
    ck_assert(!feed_hex(&c, "C4 01 C2 01 01", &tx));
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_HARDWARE_FAULT);
    ck_assert(!r->has_value);

    /* A value larger than the caller's buffer. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, 4u, &tx), MSDK_OK);
    n = ck_hex("C4 01 C3 00 06 00 00 13 91", ans, sizeof ans);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_BUSY);
    msdk_cosem_client_abort(&c);
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_ASSOCIATED);

    /* Invoke-ids wrap after 15. */
    for (unsigned i = 0; i < 16u; i++) {
        msdk_wbuf_init(&tx, buf, sizeof buf);
        ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_OK);
        ck_assert_uint_eq(buf[2], 0xC0u | ((4u + i) & 15u));
        msdk_cosem_client_abort(&c);
    }
}
END_TEST

START_TEST(get_blocks_hand_derived)
{
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    uint8_t buf[64];
    uint8_t val[16];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    msdk_cosem_xdlms_attr_sel_t a = { { 15u, { 0, 0, 40, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_OK);
    /* Block 1 carries `01 02 12 00`, block 2 `01 12 00 02`: array { 1, 2 } of long-unsigned. */
    uint8_t b1[32];
    size_t n1 = ck_hex("C4 02 C1 00 00000001 00 04 01 02 12 00", b1, sizeof b1);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, b1, n1, &tx);
    /* The next request does not fit the writer: refused, nothing changes. */
    msdk_wbuf_t small;
    msdk_wbuf_init(&small, buf, 6u);
    bool more = false;
    msdk_cosem_client_t before = c;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, b1, n1, &small, &more), MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert_mem_eq(&c, &before, sizeof c);
    /* Block 2 first: out of sequence. */
    uint8_t b2[32];
    size_t n2 = ck_hex("C4 02 C1 01 00000002 00 04 01 12 00 02", b2, sizeof b2);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, b2, n2, &tx, &more), MSDK_ERR_MALFORMED);
    ck_assert(feed_hex(&c, "C4 02 C1 00 00000001 00 04 01 02 12 00", &tx));
    expect_hex(buf, tx.pos, "C0 02 C1 00 00 00 01"); /* the published GET next block 1 */
    /* Block 1 again, and a normal answer in the middle of a block transfer. */
    ck_assert_int_eq(msdk_cosem_client_rx(&c, b1, n1, &tx, &more), MSDK_ERR_MALFORMED);
    uint8_t nrm[] = { 0xC4, 0x01, 0xC1, 0x00, 0x11, 0x05 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, nrm, sizeof nrm, &tx, &more), MSDK_ERR_MALFORMED);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, b2, n2, &tx);
    ck_assert(!feed_hex(&c, "C4 02 C1 01 00000002 00 04 01 12 00 02", &tx));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&c);
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(r->blocks, 2u);
    expect_hex(r->value, r->value_len, "01 02 12 00 01 12 00 02");

    /* A last block that leaves the value incomplete or with trailing bytes. */
    static const char *const bad_last[] = {
        "C4 02 C2 01 00000001 00 03 01 02 12",
        "C4 02 C3 01 00000001 00 05 11 01 11 02 00",
    };
    for (size_t i = 0; i < 2u; i++) {
        msdk_wbuf_init(&tx, buf, sizeof buf);
        ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_OK);
        uint8_t b[32];
        size_t n = ck_hex(bad_last[i], b, sizeof b);
        ck_assert_int_eq(msdk_cosem_client_rx(&c, b, n, &tx, &more), MSDK_ERR_MALFORMED);
        msdk_cosem_client_abort(&c);
    }
    /* Blocks adding up to more than the buffer. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, 6u, &tx), MSDK_OK);
    ck_assert(feed_hex(&c, "C4 02 C4 00 00000001 00 04 01 02 12 00", &tx));
    uint8_t b[32];
    size_t n = ck_hex("C4 02 C4 01 00000002 00 04 01 12 00 02", b, sizeof b);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, b, n, &tx, &more), MSDK_ERR_BUFFER_TOO_SMALL);
    /* The server gives up: long-get-aborted in block 2. */
    ck_assert(!feed_hex(&c, "C4 02 C4 01 00000002 01 0F", &tx));
    ck_assert_uint_eq(r->result, MSDK_COSEM_DAR_LONG_GET_ABORTED);
    ck_assert(!r->has_value);
}
END_TEST

START_TEST(get_list_and_range_published)
{
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    uint8_t buf[128];
    uint8_t val[64];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    msdk_cosem_xdlms_attr_sel_t items[2] = {
        { { 1u, { 0, 0, 42, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } },
        { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } },
    };
    /* The published AARE offers no multiple-references. */
    ck_assert_int_eq(msdk_cosem_client_get_list(&c, items, 2u, val, sizeof val, &tx),
                     MSDK_ERR_NOT_SUPPORTED);
    /* An AARE with conformance 00 52 1F (multiple-references added, hand-derived). */
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert(!feed_hex(
        &c,
        "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000521F01F40007",
        &tx));
    ck_assert_int_eq(msdk_cosem_client_get_list(&c, items, 2u, val, sizeof val, &tx), MSDK_OK);
    expect_hex(buf, tx.pos,
               "C0 03 C1 02 00 01 00 00 2A 00 00 FF 02 00 00 08 00 00 01 00 00 FF 02 00");
    msdk_cosem_xdlms_iter_t it;
    ck_assert_int_eq(msdk_cosem_client_list_iter(&c, &it), MSDK_ERR_STATE);
    uint8_t ans[64];
    size_t n = ck_hex("C4 03 C1 02 00 09 02 41 42 01 04", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    /* Three results for two items; one result for two. */
    uint8_t three[] = { 0xC4, 0x03, 0xC1, 0x03, 0x01, 0x04, 0x01, 0x04, 0x01, 0x04 };
    bool more = false;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, three, sizeof three, &tx, &more), MSDK_ERR_NO_SPACE);
    uint8_t one[] = { 0xC4, 0x03, 0xC1, 0x01, 0x01, 0x04 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, one, sizeof one, &tx, &more), MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex(&c, "C4 03 C1 02 00 09 02 41 42 01 04", &tx));
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->count, 2u);
    ck_assert_int_eq(msdk_cosem_client_list_iter(&c, &it), MSDK_OK);
    msdk_cosem_xdlms_get_result_t gr;
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    expect_hex(gr.data.p, gr.data.len, "09 02 41 42");
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(!gr.is_data);
    ck_assert_uint_eq(gr.dar, MSDK_COSEM_DAR_OBJECT_UNDEFINED);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_ERR_NOT_FOUND);

    /* The same answer in two blocks (count, then the results). */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get_list(&c, items, 2u, val, sizeof val, &tx), MSDK_OK);
    ck_assert(feed_hex(&c, "C4 02 C2 00 00000001 00 03 02 00 09", &tx));
    ck_assert(!feed_hex(&c, "C4 02 C2 01 00000002 00 05 02 41 42 01 04", &tx));
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->count, 2u);
    expect_hex(msdk_cosem_client_result(&c)->value, msdk_cosem_client_result(&c)->value_len,
               "00 09 02 41 42 01 04");
    /* Blocks whose count disagrees with the request. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get_list(&c, items, 2u, val, sizeof val, &tx), MSDK_OK);
    n = ck_hex("C4 02 C3 01 00000001 00 03 01 01 04", ans, sizeof ans);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_MALFORMED);
    n = ck_hex("C4 02 C3 01 00000001 00 03 02 01 04", ans, sizeof ans);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_MALFORMED);
    msdk_cosem_client_abort(&c);

    /* GET by range on 1.0.99.1.0.255 (the published request). */
    uint8_t params[64];
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, params, sizeof params);
    static const uint8_t clock_ln[6] = { 0, 0, 1, 0, 0, 255 };
    uint8_t from[12];
    uint8_t to[12];
    (void)ck_hex("07 E1 0A 01 07 00 00 00 00 FF C4 80", from, sizeof from);
    (void)ck_hex("07 E1 0A 01 07 01 00 00 00 FF C4 80", to, sizeof to);
    ck_assert_int_eq(msdk_cosem_client_put_range(&pw, 8u, clock_ln, 2, from, to), MSDK_OK);
    for (size_t cap = 0; cap < pw.pos; cap++) {
        uint8_t tmp[64];
        msdk_wbuf_t t;
        msdk_wbuf_init(&t, tmp, cap);
        ck_assert_int_eq(msdk_cosem_client_put_range(&t, 8u, clock_ln, 2, from, to),
                         MSDK_ERR_BUFFER_TOO_SMALL);
        ck_assert_uint_eq(t.pos, 0u);
    }
    msdk_cosem_xdlms_attr_sel_t range = { { 7u, { 1, 0, 99, 1, 0, 255 }, 2 },
                                          { true, 1u, { params, pw.pos } } };
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &range, val, sizeof val, &tx), MSDK_OK);
    expect_hex(buf, tx.pos,
               "C0 01 C4 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 "
               "00 FF 0F 02 12 00 00 09 0C 07 E1 0A 01 07 00 00 00 00 FF C4 80 09 0C 07 E1 0A 01 "
               "07 01 00 00 00 FF C4 80 01 00");
    msdk_cosem_client_abort(&c);
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
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    uint8_t buf[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    uint8_t value[16];
    size_t vn = ck_hex("09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00", value, sizeof value);
    msdk_cosem_xdlms_attr_sel_t clk = { { 8u, { 0, 0, 1, 0, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    /* Not one Data value: refused. */
    ck_assert_int_eq(msdk_cosem_client_set(&c, &clk, value, vn - 1u, &tx), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &clk, value, vn, &tx), MSDK_OK);
    expect_hex(buf, tx.pos,
               "C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
    uint8_t ans[64];
    size_t n = ck_hex("C5 01 C1 00", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    bool more = false;
    /* A datablock acknowledgement to a normal SET. */
    uint8_t blk[] = { 0xC5, 0x02, 0xC1, 0x00, 0x00, 0x00, 0x01 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, blk, sizeof blk, &tx, &more), MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex(&c, "C5 01 C1 00", &tx));
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->result, MSDK_COSEM_DAR_SUCCESS);

    /* ACTION on the association, invoke-id 0 as published. */
    msdk_cosem_client_config_t cfg = cfg_public();
    cfg.invoke_id = 0u;
    associate_vector(&c, cfg);
    msdk_cosem_xdlms_method_desc_t m = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };
    uint8_t ret[32];
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, ret, sizeof ret, &tx), MSDK_OK);
    expect_hex(buf, tx.pos, "C3 01 C0 00 0F 00 00 28 00 00 FF 01 00");
    n = ck_hex("C7 01 C0 00 00", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    ck_assert(!feed_hex(&c, "C7 01 C0 00 00", &tx));
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert(!msdk_cosem_client_result(&c)->has_value);
    /* The published answer with return data (octet-string of 17 bytes), invoke-id 1. */
    static const char *const with_data =
        "C7 01 C1 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1";
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, ret, 10u, &tx), MSDK_OK);
    n = ck_hex(with_data, ans, sizeof ans);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_BUFFER_TOO_SMALL);
    msdk_cosem_client_abort(&c);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, ret, sizeof ret, &tx), MSDK_OK);
    n = ck_hex(with_data, ans, sizeof ans);
    ans[2] = 0xC2u;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    ck_assert(!feed_hex(
        &c, "C7 01 C2 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1", &tx));
    const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&c);
    ck_assert(r->has_value);
    ck_assert_uint_eq(r->value_len, 19u);
    ck_assert_uint_eq(r->value[0], 0x09u);
    /* Return data in pblocks is not supported. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, ret, sizeof ret, &tx), MSDK_OK);
    n = ck_hex("C7 02 C3 01 00000001 02 11 05", ans, sizeof ans);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_NOT_SUPPORTED);
    /* An exception-response ends it (state error service-not-allowed, service-unknown). */
    n = ck_hex("D8 01 02", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    ck_assert(!feed_hex(&c, "D8 01 02", &tx));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_EXCEPTION);
    ck_assert_uint_eq(r->exception.state_error, MSDK_COSEM_STATE_ERROR_SERVICE_NOT_ALLOWED);
    ck_assert_uint_eq(r->exception.service_error, MSDK_COSEM_SERVICE_ERROR_SERVICE_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_cosem_client_state(&c), MSDK_COSEM_CLIENT_ASSOCIATED);
    /* A confirmed-service-error (hand-derived: 0E, choice 5 (read), access, scope violated). */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, ret, sizeof ret, &tx), MSDK_OK);
    n = ck_hex("0E 05 05 02", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    ans[2] = 0x0Bu;
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_MALFORMED);
    ck_assert(!feed_hex(&c, "0E 05 05 02", &tx));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_SERVICE_ERROR);
    ck_assert_uint_eq(r->service_error.type, MSDK_COSEM_SERR_ACCESS);

    /* Release: the published RLRQ and RLRE. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &tx), MSDK_OK);
    expect_hex(buf, tx.pos, "62 03 80 01 00");
    n = ck_hex("63 03 80 01 00", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    ck_assert(!feed_hex(&c, "6316800100BE11040F080100065F1F0400001E1D04C80007", &tx));
    ck_assert_uint_eq(r->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    ck_assert(!msdk_cosem_client_is_associated(&c));
    ck_assert_uint_eq(msdk_cosem_client_conformance(&c), 0u);
    msdk_cosem_client_wipe(&c);
}
END_TEST

START_TEST(set_blocks_hand_derived)
{
    msdk_cosem_client_t c;
    associate_vector(&c, cfg_public());
    uint8_t value[40];
    value[0] = 0x09u;
    value[1] = 38u;
    for (size_t i = 2; i < sizeof value; i++) {
        value[i] = (uint8_t)i;
    }
    msdk_cosem_xdlms_attr_sel_t a = { { 1u, { 0, 0, 96, 1, 0, 255 }, 2 }, { false, 0u, { 0 } } };
    /* A 40-byte value does not fit 32 bytes; the published AARE offers no block transfer. */
    uint8_t buf[32];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, value, sizeof value, &tx),
                     MSDK_ERR_NOT_SUPPORTED);
    /* An AARE offering block-transfer-with-set (00 58 1F), server PDU 500. */
    msdk_cosem_client_config_t cfg = cfg_public();
    ck_assert_int_eq(msdk_cosem_client_init(&c, &cfg), MSDK_OK);
    uint8_t big[128];
    msdk_wbuf_init(&tx, big, sizeof big);
    ck_assert_int_eq(msdk_cosem_client_associate(&c, &tx), MSDK_OK);
    ck_assert(!feed_hex(
        &c,
        "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000581F01F40007",
        &tx));
    /* Writers too small for even one block byte. */
    for (size_t cap = 0; cap <= 19u; cap++) {
        msdk_wbuf_init(&tx, buf, cap);
        if (msdk_cosem_client_set(&c, &a, value, sizeof value, &tx) != MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("SET in %zu bytes", cap);
        }
        ck_assert_uint_eq(tx.pos, 0u);
    }
    /* 32 bytes: header C1 02 C1 + descriptor (9) + 00 + last + number (4) + length 1..3. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, value, sizeof value, &tx), MSDK_OK);
    ck_assert_uint_le(tx.pos, sizeof buf);
    /* C1 02 C1 | 0001 0000600100FF 02 | 00 | last | 00000001 | len | data */
    ck_assert_uint_eq(buf[1], 0x02u);
    ck_assert_uint_eq(buf[12], 0x00u);
    ck_assert_uint_eq(buf[13], 0x00u); /* not last */
    ck_assert_uint_eq(buf[17], 0x01u);
    size_t first = buf[18];
    ck_assert_uint_eq(tx.pos, 19u + first);
    ck_assert_mem_eq(&buf[19], value, first);
    uint8_t ans[16];
    size_t n = ck_hex("C5 02 C1 00000001", ans, sizeof ans);
    msdk_wbuf_init(&tx, buf, sizeof buf);
    refuse_prefixes(&c, ans, n, &tx);
    bool more = false;
    uint8_t wrong[] = { 0xC5, 0x02, 0xC1, 0x00, 0x00, 0x00, 0x02 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, wrong, sizeof wrong, &tx, &more), MSDK_ERR_MALFORMED);
    uint8_t normal[] = { 0xC5, 0x01, 0xC1, 0x00 };
    ck_assert_int_eq(msdk_cosem_client_rx(&c, normal, sizeof normal, &tx, &more),
                     MSDK_ERR_MALFORMED);
    size_t off = first;
    uint32_t number = 1u;
    bool last = false;
    while (!last) {
        msdk_wbuf_init(&tx, buf, sizeof buf);
        ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_OK);
        ck_assert(more);
        number++;
        /* C1 03 C1 | last | number (4) | len | data */
        ck_assert_uint_eq(buf[1], 0x03u);
        last = buf[3] != 0u;
        ck_assert_uint_eq(buf[7], (uint8_t)number);
        size_t k = buf[8];
        ck_assert_uint_eq(tx.pos, 9u + k);
        ck_assert_mem_eq(&buf[9], &value[off], k);
        off += k;
        ans[6] = (uint8_t)number;
    }
    ck_assert_uint_eq(off, sizeof value);
    /* The server acknowledges the last block as if more were to come. */
    msdk_wbuf_init(&tx, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, ans, n, &tx, &more), MSDK_ERR_MALFORMED);
    uint8_t done[] = { 0xC5, 0x03, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00 };
    done[7] = (uint8_t)number;
    refuse_prefixes(&c, done, sizeof done, &tx);
    ck_assert_int_eq(msdk_cosem_client_rx(&c, done, sizeof done, &tx, &more), MSDK_OK);
    ck_assert(!more);
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(msdk_cosem_client_result(&c)->blocks, number);
}
END_TEST

/* ---- Against the real server --------------------------------------------------------------- */

typedef struct app {
    uint8_t clock[12];
    uint32_t energy;
    unsigned resets;
    uint8_t blob[200];
    size_t blob_len;
} app_t;

static app_t g_app;

static uint8_t clock_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if ((attr == MSDK_COSEM_CLOCK_TIME) || (attr == MSDK_COSEM_CLOCK_DST_BEGIN) ||
        (attr == MSDK_COSEM_CLOCK_DST_END)) {
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = a->clock;
        v->v.str.len = sizeof a->clock;
    } else if (attr == MSDK_COSEM_CLOCK_DST_ENABLED) {
        v->tag = MSDK_COSEM_AXDR_BOOLEAN;
        v->v.b = true;
    } else if (attr == MSDK_COSEM_CLOCK_TIME_ZONE) {
        v->tag = MSDK_COSEM_AXDR_LONG;
        v->v.i = 60;
    } else if (attr == MSDK_COSEM_CLOCK_DST_DEVIATION) {
        v->tag = MSDK_COSEM_AXDR_INTEGER;
        v->v.i = 60;
    } else {
        v->tag =
            (attr == MSDK_COSEM_CLOCK_STATUS) ? MSDK_COSEM_AXDR_UNSIGNED : MSDK_COSEM_AXDR_ENUM;
        v->v.u = 1u;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t clock_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (attr != MSDK_COSEM_CLOCK_TIME) {
        return MSDK_COSEM_DAR_READ_WRITE_DENIED;
    }
    memcpy(a->clock, v->v.str.p, sizeof a->clock);
    return MSDK_COSEM_DAR_SUCCESS;
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

static uint8_t blob_get(void *ctx, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
    v->v.str.p = a->blob;
    v->v.str.len = a->blob_len;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t blob_set(void *ctx, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if ((v->tag != MSDK_COSEM_AXDR_OCTET_STRING) || (v->v.str.len > sizeof a->blob)) {
        return MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    memcpy(a->blob, v->v.str.p, v->v.str.len);
    a->blob_len = v->v.str.len;
    return MSDK_COSEM_DAR_SUCCESS;
}

static msdk_err_t lls_secret(void *ctx, uint8_t idx, uint8_t *buf, size_t cap, size_t *len)
{
    (void)ctx;
    (void)idx;
    if (cap < 8u) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, password, 8u);
    *len = 8u;
    return MSDK_OK;
}

static const msdk_cosem_clock_def_t clock_def = { clock_get, clock_set, NULL };
static const msdk_cosem_register_def_t energy_def = { 0, 30u, energy_get, NULL, energy_reset };
static const msdk_cosem_data_def_t blob_def = { NULL, blob_get, blob_set };
static const msdk_cosem_value_t ldn_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDMA304H4000001", 16u },
};
static const msdk_cosem_data_def_t ldn_def = { &ldn_value, NULL, NULL };
static const msdk_cosem_assoc_ln_def_t aln_public = { 0u, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_mgmt = { 1u, 1u, NULL };

#define ALL 0xFFFFFFFFu
static const msdk_cosem_rights_t r_public[2] = { { ALL, 0u, 0u }, { ALL, 0u, 0u } };
static const msdk_cosem_rights_t r_mgmt[2] = { { 0u, 0u, 0u }, { ALL, ALL, ALL } };
static const msdk_cosem_rights_t r_clock[2] = { { ALL, 0u, 0u }, { ALL, 0x02u, ALL } };
static const msdk_cosem_rights_t r_energy[2] = { { ALL, 0u, 0u }, { ALL, 0u, ALL } };

#define DATA_OBJ(c)                                                                                \
    {                                                                                              \
        { 0, 0, 96, 1, (c), 255 }, &msdk_cosem_class_data, &ldn_def, &g_app, r_public              \
    }
static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 1, 0, 0, 255 }, &msdk_cosem_class_clock, &clock_def, &g_app, r_clock },
    { { 0, 0, 42, 0, 0, 255 }, &msdk_cosem_class_data, &ldn_def, &g_app, r_public },
    { { 1, 0, 1, 8, 0, 255 }, &msdk_cosem_class_register, &energy_def, &g_app, r_energy },
    { { 0, 0, 40, 0, 1, 255 }, &msdk_cosem_class_assoc_ln, &aln_public, &g_app, r_public },
    { { 0, 0, 40, 0, 2, 255 }, &msdk_cosem_class_assoc_ln, &aln_mgmt, &g_app, r_mgmt },
    { { 0, 128, 96, 0, 0, 255 }, &msdk_cosem_class_data, &blob_def, &g_app, r_mgmt },
    DATA_OBJ(0),
    DATA_OBJ(1),
    DATA_OBJ(2),
    DATA_OBJ(3),
    DATA_OBJ(4),
    DATA_OBJ(5),
    DATA_OBJ(6),
    DATA_OBJ(7),
};
#define CONF_ALL                                                                                   \
    (MSDK_COSEM_CLIENT_CONF_DEFAULT | MSDK_COSEM_CONF_BLOCK_TRANSFER_SET |                         \
     MSDK_COSEM_CONF_MULTIPLE_REFERENCES)
static const msdk_cosem_assoc_def_t assocs[2] = {
    { 16u, MSDK_COSEM_MECH_LOWEST, CONF_ALL, &objects[3] },
    { 1u, MSDK_COSEM_MECH_LLS, CONF_ALL, &objects[4] },
};
static const msdk_cosem_ldev_ops_t ops = { lls_secret };
/* A small server PDU (100 bytes): long values and SETs go in blocks. */
static const msdk_cosem_ldev_t ldev = {
    objects, (uint16_t)(sizeof objects / sizeof objects[0]), assocs, 2u, 100u, &ops, &g_app,
};

typedef struct rig {
    bool hdlc;
    uint16_t sap;
    msdk_cosem_wrapper_session_t ws;
    ck_hdlc_rig_t h;
    uint8_t w_rx[512], scratch[256];
    uint8_t resp[1024];
} rig_t;

static rig_t g_rig;

/* Sends one request APDU and returns the response APDU. */
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
        ck_assert_int_eq(msdk_cosem_wrapper_session_init(&r->ws, &ldev, 1u, r->w_rx, sizeof r->w_rx,
                                                         r->scratch, sizeof r->scratch),
                         MSDK_OK);
        return;
    }
    ck_hdlc_open(&r->h, &ldev, sap);
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

static const msdk_cosem_client_result_t *get(rig_t *r, msdk_cosem_client_t *c, uint16_t cls,
                                             const uint8_t ln[6], int8_t attr, uint8_t *val,
                                             size_t cap)
{
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    a.attr.class_id = cls;
    memcpy(a.attr.obis, ln, 6u);
    a.attr.attr_id = attr;
    uint8_t req[128];
    msdk_wbuf_t tx;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_get(c, &a, val, cap, &tx), MSDK_OK);
    return run(r, c, req, sizeof req, tx.pos);
}

static void conversation(bool hdlc)
{
    rig_t *r = &g_rig;
    memset(r, 0, sizeof(*r));
    memset(&g_app, 0, sizeof g_app);
    g_app.energy = 5009u;
    msdk_cosem_client_t c;
    static uint8_t val[2048];
    static uint8_t val2[2048];
    static const uint8_t ldn[6] = { 0, 0, 42, 0, 0, 255 };
    static const uint8_t aln[6] = { 0, 0, 40, 0, 1, 255 };
    static const uint8_t clk[6] = { 0, 0, 1, 0, 0, 255 };
    static const uint8_t blob[6] = { 0, 128, 96, 0, 0, 255 };
    static const uint8_t energy[6] = { 1, 0, 1, 8, 0, 255 };

    /* Public client, a large PDU: the logical device name. */
    rig_connect(r, hdlc, 16u);
    msdk_cosem_client_config_t cfg = cfg_public();
    cfg.conformance = CONF_ALL;
    const msdk_cosem_client_result_t *res = assoc(r, &c, cfg);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    ck_assert_uint_eq(msdk_cosem_client_server_pdu(&c), 100u);
    res = get(r, &c, 1u, ldn, 2, val, sizeof val);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(res->value_len, 18u);
    ck_assert_mem_eq(res->value, "\x09\x10MSDMA304H4000001", 18u);
    /* The object list: the server's 100-byte PDU sends it in blocks. */
    res = get(r, &c, 15u, aln, 2, val, sizeof val);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_gt(res->blocks, 3u);
    size_t list_len = res->value_len;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, val, list_len);
    uint32_t count = 0;
    ck_assert_int_eq(msdk_cosem_axdr_get_array_header(&rb, &count), MSDK_OK);
    ck_assert_uint_eq(count, 12u); /* every object but the two management ones */
    /* Too small a buffer for the list: refused at the block that overflows it. */
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    a.attr.class_id = 15u;
    memcpy(a.attr.obis, aln, 6u);
    a.attr.attr_id = 2;
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
    /* GET with list. */
    msdk_cosem_xdlms_attr_sel_t items[2];
    memset(items, 0, sizeof items);
    items[0].attr.class_id = 1u;
    memcpy(items[0].attr.obis, ldn, 6u);
    items[0].attr.attr_id = 2;
    items[1].attr.class_id = 3u;
    memcpy(items[1].attr.obis, energy, 6u);
    items[1].attr.attr_id = 2;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_get_list(&c, items, 2u, val2, sizeof val2, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->count, 2u);
    msdk_cosem_xdlms_iter_t it;
    ck_assert_int_eq(msdk_cosem_client_list_iter(&c, &it), MSDK_OK);
    msdk_cosem_xdlms_get_result_t gr;
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    ck_assert_int_eq(msdk_cosem_xdlms_iter_next_get_result(&it, &gr), MSDK_OK);
    ck_assert(gr.is_data);
    ck_assert_mem_eq(gr.data.p, "\x06\x00\x00\x13\x91", 5u);
    /* SET without the rights: read-write-denied, as protocol data. */
    uint8_t dt[14] = { 0x09, 0x0C, 0x07, 0xEA, 0x03, 0x01, 0xFF,
                       0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
    memset(&a, 0, sizeof a);
    a.attr.class_id = 8u;
    memcpy(a.attr.obis, clk, 6u);
    a.attr.attr_id = 2;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, dt, sizeof dt, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_ne(res->result, MSDK_COSEM_DAR_SUCCESS);
    /* Release. */
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    ck_assert_int_eq(msdk_cosem_client_get(&c, &a, val, sizeof val, &tx), MSDK_ERR_STATE);

    /* Small client PDU (64 bytes): the object list again, in more blocks, same bytes. */
    cfg.max_pdu = 64u;
    res = assoc(r, &c, cfg);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    res = get(r, &c, 15u, aln, 2, val2, sizeof val2);
    ck_assert_uint_eq(res->value_len, list_len);
    ck_assert_mem_eq(val2, val, list_len);
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &tx), MSDK_OK);
    (void)run(r, &c, req, sizeof req, tx.pos);
    if (hdlc) {
        ck_assert_int_eq(msdk_cosem_hdlc_client_disconnect(&r->h.cli, r->h.now), MSDK_OK);
        ck_hdlc_pump(&r->h);
    }

    /* Management client: a wrong password, then the right one. */
    rig_connect(r, hdlc, 1u);
    cfg = cfg_lls("12345679");
    cfg.conformance = CONF_ALL;
    res = assoc(r, &c, cfg);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_REJECTED);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ASSOC_REJECTED_PERMANENT);
    ck_assert_uint_eq(res->diag, MSDK_COSEM_DIAG_USER_AUTHENTICATION_FAILURE);
    cfg = cfg_lls("12345678");
    cfg.conformance = CONF_ALL;
    res = assoc(r, &c, cfg);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_ASSOCIATED);
    /* SET the clock, read it back. */
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_set(&c, &a, dt, sizeof dt, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->result, MSDK_COSEM_DAR_SUCCESS);
    ck_assert_mem_eq(g_app.clock, &dt[2], 12u);
    res = get(r, &c, 8u, clk, 2, val, sizeof val);
    ck_assert_mem_eq(res->value, dt, sizeof dt);
    /* SET a 180-byte octet-string: datablocks through the server's 100-byte PDU. */
    static uint8_t big[183];
    big[0] = 0x09u;
    big[1] = 0x81u;
    big[2] = 180u;
    for (size_t i = 3; i < sizeof big; i++) {
        big[i] = (uint8_t)(i * 7u);
    }
    memset(&a, 0, sizeof a);
    a.attr.class_id = 1u;
    memcpy(a.attr.obis, blob, 6u);
    a.attr.attr_id = 2;
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
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, zero, sizeof zero, NULL, 0u, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->result, MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.resets, 1u);
    res = get(r, &c, 3u, energy, 2, val, sizeof val);
    ck_assert_mem_eq(res->value, "\x06\x00\x00\x00\x00", 5u);
    /* ACTION on an object that does not exist. */
    m.obis[5] = 1u;
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_action(&c, &m, NULL, 0u, NULL, 0u, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_DONE);
    ck_assert_uint_ne(res->result, MSDK_COSEM_ACTION_SUCCESS);
    msdk_wbuf_init(&tx, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_client_release(&c, &tx), MSDK_OK);
    res = run(r, &c, req, sizeof req, tx.pos);
    ck_assert_uint_eq(res->outcome, MSDK_COSEM_CLIENT_OUT_RELEASED);
    msdk_cosem_client_wipe(&c);
}

START_TEST(server_over_wrapper)
{
    conversation(false);
}
END_TEST

START_TEST(server_over_hdlc)
{
    conversation(true);
}
END_TEST

Suite *cosem_client_suite(void)
{
    Suite *s = suite_create("cosem_client");
    TCase *tc = tcase_create("vectors");
    tcase_add_test(tc, aarq_matches_published);
    tcase_add_test(tc, init_arguments);
    tcase_add_test(tc, aare_published_answers);
    tcase_add_test(tc, get_matches_published);
    tcase_add_test(tc, get_blocks_hand_derived);
    tcase_add_test(tc, get_list_and_range_published);
    tcase_add_test(tc, set_action_release_published);
    tcase_add_test(tc, set_blocks_hand_derived);
    suite_add_tcase(s, tc);
    tc = tcase_create("server");
    tcase_add_test(tc, server_over_wrapper);
    tcase_add_test(tc, server_over_hdlc);
    suite_add_tcase(s, tc);
    return s;
}
