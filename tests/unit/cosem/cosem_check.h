/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Helpers shared by the libcosem suites (one version of each; the suites keep only what is
 * particular to them):
 *
 * - silent-on-success assertions for long loops (Check formats every ck_assert* it runs);
 * - hex strings to bytes, bytes compared with a hex string, and exact-size heap copies so
 *   that ASan sees any over-read;
 * - decoder and encoder robustness loops: every proper prefix of an input, every too-small
 *   output capacity;
 * - a server rig: one association over a caller's logical device (CK_LDEV: the suite's objects
 *   behind the public association), APDUs in, the answer kept and compared with expected
 *   bytes; AARQs; GET/SET/ACTION normal requests built from class, logical name and member;
 *   GET with block transfer reassembled; the class functions called directly, as the server
 *   calls them, and fed every truncation of a value;
 * - the values of a clock provider;
 * - test cases added to a suite from a list;
 * - an HDLC client link and server session back to back (and the buffer members of a link
 *   configuration).
 *
 * Every expected value stays in the suites, next to its source (published vector or
 * derivation); nothing here decides what is right.
 */
#ifndef MSDK_TEST_COSEM_CHECK_H
#define MSDK_TEST_COSEM_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "check_hex.h"

#include "msdk/cosem/session.h"

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

/* ---- Assertions --------------------------------------------------------------------------- */

/* Silent-on-success checks for loops. */
#define CK_TRUE(c)                                                                                 \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            ck_abort_msg("assertion %s failed", #c);                                               \
        }                                                                                          \
    } while (0)
#define CK_EQ(x, y)                                                                                \
    do {                                                                                           \
        if ((x) != (y)) {                                                                          \
            ck_abort_msg("%s != %s (%lld != %lld)", #x, #y, (long long)(x), (long long)(y));       \
        }                                                                                          \
    } while (0)

/* Number of elements of an array. */
#define CK_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Bytes -------------------------------------------------------------------------------- */

/* A heap copy of p[0..n) of exactly n bytes (one for n = 0) so that ASan reports any read
 * past the end; free() it. */
static inline uint8_t *ck_dup(const uint8_t *p, size_t n)
{
    uint8_t *c = (uint8_t *)malloc((n > 0u) ? n : 1u);
    ck_assert_ptr_nonnull(c);
    if (n > 0u) {
        memcpy(c, p, n);
    }
    return c;
}

/* ---- Server rig --------------------------------------------------------------------------- */

/* One association of a suite's logical device and the last answer of the server. */
typedef struct ck_srv {
    msdk_cosem_assoc_t assoc;
    uint8_t scratch[512];
    uint8_t out[1100]; /* the last answer */
    size_t out_len;
} ck_srv_t;

/* The rig of the suite (one per test program file; fixtures run before every test). */
static ck_srv_t g_srv;

/* The client SAP of the public client, used by ck_send() and the helpers below. */
#define CK_SAP_PUBLIC 16u

/* The association list of most suites: the public client alone, lowest security, offered the
 * conformance that the published "AARE accepted" negotiates (00 50 1F). */
static const msdk_cosem_assoc_def_t ck_assoc_public[1] = {
    { CK_SAP_PUBLIC, MSDK_COSEM_MECH_LOWEST, 0x00501Fu, NULL, NULL },
};

/* The initializer of a logical device of the n objects at `objects` with ck_assoc_public:
 * server max PDU 1024, no ops, no context. */
#define CK_LDEV(objects, n)                                                                        \
    {                                                                                              \
        (objects), (n), ck_assoc_public, 1u, 1024u, NULL, NULL, NULL                               \
    }

/* The published "AARQ, no security" (dlms-vectors.md section 7, client max PDU 1200 = 04 B0)
 * and the same with the client max PDU 256 (01 00). */
#define CK_AARQ_PLAIN "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0"
#define CK_AARQ_256   "601DA109060760857405080101BE10040E01000000065F1F0400007E1F0100"

/* Initialises the association over `ldev` with the first scratch_len bytes of scratch. */
static inline void ck_srv_init(const msdk_cosem_ldev_t *ldev, size_t scratch_len)
{
    ck_assert_uint_le(scratch_len, sizeof g_srv.scratch);
    memset(&g_srv, 0, sizeof g_srv);
    ck_assert_int_eq(msdk_cosem_assoc_init(&g_srv.assoc, ldev, g_srv.scratch, scratch_len),
                     MSDK_OK);
}

/* Sends an APDU from client `sap`; the server must accept it (MSDK_OK) and its answer is
 * kept in g_srv.out. */
static inline void ck_send_sap(uint16_t sap, const uint8_t *apdu, size_t len)
{
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, g_srv.out, sizeof g_srv.out);
    msdk_err_t err = msdk_cosem_server_apdu(&g_srv.assoc, sap, apdu, len, &w);
    if (err != MSDK_OK) {
        ck_abort_msg("the server failed: %d", (int)err);
    }
    g_srv.out_len = w.pos;
}

/* The same from the public client. */
static inline void ck_send(const uint8_t *apdu, size_t len)
{
    ck_send_sap(CK_SAP_PUBLIC, apdu, len);
}

/* Sends an APDU given in hex from client `sap`. */
static inline void ck_send_hex_sap(uint16_t sap, const char *h)
{
    uint8_t buf[1100];
    ck_send_sap(sap, buf, ck_hex(h, buf, sizeof buf));
}

/* Sends an APDU given in hex from the public client. */
static inline void ck_send_hex(const char *h)
{
    ck_send_hex_sap(CK_SAP_PUBLIC, h);
}

/* got[0..len) must be the bytes `h` (hex); on a mismatch they are printed. */
static inline void ck_expect_bytes(const uint8_t *got, size_t len, const char *h)
{
    uint8_t want[sizeof g_srv.out];
    size_t n = ck_hex(h, want, sizeof want);
    if ((len != n) || (memcmp(got, want, n) != 0)) {
        for (size_t i = 0; i < len; i++) {
            fprintf(stderr, "%02X", got[i]);
        }
        fprintf(stderr, " <- got, expected %s\n", h);
    }
    ck_assert_uint_eq(len, n);
    ck_assert_mem_eq(got, want, n);
}

/* The last answer must be `h` (hex); on a mismatch the answer is printed. */
static inline void ck_expect_hex(const char *h)
{
    ck_expect_bytes(g_srv.out, g_srv.out_len, h);
}

/* One request and its expected answer, both in hex, from client `sap`. */
static inline void ck_xchg_sap(uint16_t sap, const char *req, const char *rsp)
{
    ck_send_hex_sap(sap, req);
    ck_expect_hex(rsp);
}

/* The same from the public client. */
static inline void ck_xchg(const char *req, const char *rsp)
{
    ck_xchg_sap(CK_SAP_PUBLIC, req, rsp);
}

/* Sends an AARQ given in hex from the public client; the association must be open. */
static inline void ck_associate_hex(const char *aarq)
{
    ck_send_hex(aarq);
    ck_assert(msdk_cosem_assoc_is_open(&g_srv.assoc));
}

/* An AARQ of the LN context with an InitiateRequest (DLMS 6, conformance 00 7E 1F, client
 * max PDU `pdu`) and, when `pw` is not NULL, the LLS password `pw`, sent from client `sap`. */
static inline void ck_send_aarq(uint16_t sap, const char *pw, uint16_t pdu)
{
    msdk_cosem_aarq_t q;
    memset(&q, 0, sizeof q);
    q.app_context = MSDK_COSEM_APP_CONTEXT_LN;
    if (pw != NULL) {
        q.auth_required = true;
        q.mechanism_present = true;
        q.mechanism = MSDK_COSEM_MECH_LLS;
        q.auth_value_present = true;
        q.auth_value_len = (uint8_t)strlen(pw);
        memcpy(q.auth_value, pw, q.auth_value_len);
    }
    q.user_info.kind = MSDK_COSEM_UI_INITIATE_REQUEST;
    q.user_info.request.response_allowed = true;
    q.user_info.request.dlms_version = 6u;
    q.user_info.request.conformance = 0x007E1Fu;
    q.user_info.request.max_pdu_size = pdu;
    uint8_t buf[128];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_aarq_encode(&q, &w), MSDK_OK);
    ck_send_sap(sap, buf, w.pos);
}

/* The last answer must be an AARE with this result and diagnostic. */
static inline void ck_expect_aare(uint8_t result, uint8_t diag)
{
    msdk_cosem_aare_t r;
    ck_assert_int_eq(msdk_cosem_aare_decode(g_srv.out, g_srv.out_len, &r), MSDK_OK);
    ck_assert_uint_eq(r.result, result);
    ck_assert_uint_eq(r.diag, diag);
}

/* Associates the public client (no security) with client max PDU `pdu`: the AARE must
 * accept and the association be open. */
static inline void ck_associate(uint16_t pdu)
{
    ck_send_aarq(CK_SAP_PUBLIC, NULL, pdu);
    ck_expect_aare(MSDK_COSEM_ASSOC_ACCEPTED, MSDK_COSEM_DIAG_USER_NULL);
    ck_assert(msdk_cosem_assoc_is_open(&g_srv.assoc));
}

/* ---- Normal requests ---------------------------------------------------------------------- */

/* Header of a GET/SET/ACTION normal request: tag, 01, invoke-id-and-priority C1, class id,
 * logical name, attribute or method; returns its length (12). */
static inline size_t ck_req_head(uint8_t *p, uint8_t tag, uint16_t class_id, const uint8_t ln[6],
                                 uint8_t member)
{
    p[0] = tag;
    p[1] = 0x01;
    p[2] = 0xC1;
    p[3] = (uint8_t)(class_id >> 8);
    p[4] = (uint8_t)class_id;
    memcpy(&p[5], ln, 6);
    p[11] = member;
    return 12;
}

/* Writes the GET request normal of an attribute without access selection into req[13];
 * returns its length (13). */
static inline size_t ck_get_req(uint8_t req[13], uint16_t class_id, const uint8_t ln[6],
                                uint8_t attr)
{
    size_t n = ck_req_head(req, 0xC0, class_id, ln, attr);
    req[n++] = 0x00;
    return n;
}

/* GET normal without access selection; the answer is in g_srv.out. */
static inline void ck_get(uint16_t class_id, const uint8_t ln[6], uint8_t attr)
{
    uint8_t req[13];
    ck_send(req, ck_get_req(req, class_id, ln, attr));
}

/* Whether the last answer is the GET response normal (C4 01 C1 00) with `data`. */
static inline bool ck_got(const uint8_t *data, size_t len)
{
    return (g_srv.out_len == 4u + len) && (g_srv.out[0] == 0xC4) && (g_srv.out[1] == 0x01) &&
           (g_srv.out[2] == 0xC1) && (g_srv.out[3] == 0x00) &&
           (memcmp(&g_srv.out[4], data, len) == 0);
}

/* The last answer must be the GET response normal with `data`. */
static inline void ck_want_get_data(const uint8_t *data, size_t len)
{
    static const uint8_t head[4] = { 0xC4, 0x01, 0xC1, 0x00 };
    ck_assert_uint_eq(g_srv.out_len, 4u + len);
    ck_assert_mem_eq(g_srv.out, head, 4);
    ck_assert_mem_eq(&g_srv.out[4], data, len);
}

/* Data-access-result of the last GET answer (0 for data). */
static inline uint8_t ck_get_dar(void)
{
    ck_assert_uint_ge(g_srv.out_len, 5u);
    ck_assert_uint_eq(g_srv.out[0], 0xC4);
    return (g_srv.out[3] == 0x00) ? 0u : g_srv.out[4];
}

/* SET normal with an encoded value; the answer must be a SET response normal. Returns its
 * data-access-result. */
static inline uint8_t ck_set(uint16_t class_id, const uint8_t ln[6], uint8_t attr,
                             const uint8_t *value, size_t len)
{
    uint8_t req[1100];
    size_t n = ck_req_head(req, 0xC1, class_id, ln, attr);
    req[n++] = 0x00;
    ck_assert_uint_le(n + len, sizeof req);
    memcpy(&req[n], value, len);
    ck_send(req, n + len);
    ck_assert_uint_eq(g_srv.out_len, 4u);
    ck_assert_uint_eq(g_srv.out[0], 0xC5);
    return g_srv.out[3];
}

/* ACTION normal with an encoded parameter (NULL: none); the answer must be an ACTION response
 * normal without return parameters. Returns its action-result. */
static inline uint8_t ck_action(uint16_t class_id, const uint8_t ln[6], uint8_t method,
                                const uint8_t *param, size_t len)
{
    uint8_t req[600];
    size_t n = ck_req_head(req, 0xC3, class_id, ln, method);
    req[n++] = (param != NULL) ? 0x01 : 0x00;
    if (param != NULL) {
        ck_assert_uint_le(n + len, sizeof req);
        memcpy(&req[n], param, len);
        n += len;
    }
    ck_send(req, n);
    ck_assert_uint_eq(g_srv.out_len, 5u);
    ck_assert_uint_eq(g_srv.out[0], 0xC7);
    ck_assert_uint_eq(g_srv.out[4], 0x00); /* no return parameters */
    return g_srv.out[3];
}

/* ---- GET with block transfer -------------------------------------------------------------- */

/* Sends the GET request req[0..req_len) from the public client and asks for every next block
 * until the last, reassembling the data in value[cap]. Every answer must decode and be at most
 * max_apdu bytes; block numbers must run 1, 2, ... Returns the data-access-result (the first
 * answer without data ends the transfer); *blocks (may be NULL) gets the number of data blocks
 * received, 0 for a GET response normal. */
static inline uint8_t ck_get_blocks(const uint8_t *req, size_t req_len, size_t max_apdu,
                                    uint8_t *value, size_t cap, size_t *len, unsigned *blocks)
{
    unsigned n = 0;
    ck_send(req, req_len);
    *len = 0;
    for (;;) {
        if (blocks != NULL) {
            *blocks = n;
        }
        ck_assert_uint_le(g_srv.out_len, max_apdu);
        msdk_cosem_xdlms_get_response_t r;
        ck_assert_int_eq(msdk_cosem_xdlms_get_response_decode(g_srv.out, g_srv.out_len, 1u, &r),
                         MSDK_OK);
        if (!r.result.is_data) {
            return r.result.dar;
        }
        ck_assert_uint_le(*len + r.result.data.len, cap);
        memcpy(&value[*len], r.result.data.p, r.result.data.len);
        *len += r.result.data.len;
        if (r.type == MSDK_COSEM_XDLMS_GET_RESPONSE_NORMAL) {
            return MSDK_COSEM_DAR_SUCCESS;
        }
        ck_assert_uint_eq(r.type, MSDK_COSEM_XDLMS_GET_RESPONSE_WITH_DATABLOCK);
        n++;
        ck_assert_uint_eq(r.block_number, n);
        if (blocks != NULL) {
            *blocks = n;
        }
        if (r.last) {
            return MSDK_COSEM_DAR_SUCCESS;
        }
        /* Get-Request-Next: C0 02, invoke-id-and-priority C1, block number (4 bytes). */
        const uint8_t next[7] = {
            0xC0, 0x02, 0xC1, (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n
        };
        ck_send(next, sizeof next);
    }
}

/* The same with the request given in hex. */
static inline uint8_t ck_get_blocks_hex(const char *req, size_t max_apdu, uint8_t *value,
                                        size_t cap, size_t *len, unsigned *blocks)
{
    uint8_t buf[300];
    size_t n = ck_hex(req, buf, sizeof buf);
    return ck_get_blocks(buf, n, max_apdu, value, cap, len, blocks);
}

/* The same for one attribute with an optional access selection (selector 0: none). */
static inline uint8_t ck_get_attr_blocks(uint16_t class_id, const uint8_t ln[6], int8_t attr,
                                         uint8_t selector, const uint8_t *param, size_t param_len,
                                         size_t max_apdu, uint8_t *value, size_t cap, size_t *len,
                                         unsigned *blocks)
{
    msdk_cosem_xdlms_attr_sel_t a;
    memset(&a, 0, sizeof a);
    a.attr.class_id = class_id;
    memcpy(a.attr.obis, ln, 6);
    a.attr.attr_id = attr;
    if (selector != 0u) {
        a.access.present = true;
        a.access.selector = selector;
        a.access.params.p = param;
        a.access.params.len = param_len;
    }
    uint8_t req[300];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, req, sizeof req);
    ck_assert_int_eq(msdk_cosem_xdlms_get_request_encode_normal(&w, 0xC1u, &a), MSDK_OK);
    return ck_get_blocks(req, w.pos, max_apdu, value, cap, len, blocks);
}

/* ---- Provider values ----------------------------------------------------------------------- */

/* What a suite's clock (class 8) reads: the 12-byte date-times of time, daylight_savings_begin
 * and daylight_savings_end, and the values of the other attributes. */
typedef struct ck_clock {
    const uint8_t *time;
    const uint8_t *dst_begin;
    const uint8_t *dst_end;
    int64_t tz;        /* time_zone */
    uint64_t status;   /* status */
    int64_t deviation; /* daylight_savings_deviation */
    bool dst_enabled;  /* daylight_savings_enabled */
    uint64_t base;     /* clock_base */
} ck_clock_t;

/* Deterministic counter-pattern entropy for test DRBGs (challenges, keys, signatures; not a
 * secret here): ctx points to the uint8_t counter of the next byte. */
static inline msdk_err_t ck_counter_entropy(void *ctx, uint8_t *buf, size_t len)
{
    uint8_t *counter = (uint8_t *)ctx;
    for (size_t i = 0; i < len; i++) {
        buf[i] = (*counter)++;
    }
    return MSDK_OK;
}

/* A Data object's octet-string held in p[0..len): the value read (get callback). */
static inline uint8_t ck_octets_get(msdk_cosem_value_t *v, const uint8_t *p, size_t len)
{
    v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
    v->v.str.p = p;
    v->v.str.len = len;
    return MSDK_COSEM_DAR_SUCCESS;
}

/* A write of that octet-string (set callback): an octet-string of at most cap bytes is copied
 * to p and *len; anything else is type-unmatched and leaves them unchanged. */
static inline uint8_t ck_octets_set(const msdk_cosem_value_t *v, uint8_t *p, size_t cap,
                                    size_t *len)
{
    if ((v->tag != MSDK_COSEM_AXDR_OCTET_STRING) || (v->v.str.len > cap)) {
        return MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    memcpy(p, v->v.str.p, v->v.str.len);
    *len = v->v.str.len;
    return MSDK_COSEM_DAR_SUCCESS;
}

/* The value of clock attribute `attr` from c, in the attribute's type: octet-string for the
 * date-times, long, unsigned, integer, boolean, and enum for clock_base (any other attr). */
static inline void ck_clock_value(const ck_clock_t *c, uint8_t attr, msdk_cosem_value_t *v)
{
    switch (attr) {
    case MSDK_COSEM_CLOCK_TIME:
    case MSDK_COSEM_CLOCK_DST_BEGIN:
    case MSDK_COSEM_CLOCK_DST_END:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = (attr == MSDK_COSEM_CLOCK_TIME)        ? c->time
                     : (attr == MSDK_COSEM_CLOCK_DST_BEGIN) ? c->dst_begin
                                                            : c->dst_end;
        v->v.str.len = 12u;
        break;
    case MSDK_COSEM_CLOCK_TIME_ZONE:
        v->tag = MSDK_COSEM_AXDR_LONG;
        v->v.i = c->tz;
        break;
    case MSDK_COSEM_CLOCK_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = c->status;
        break;
    case MSDK_COSEM_CLOCK_DST_DEVIATION:
        v->tag = MSDK_COSEM_AXDR_INTEGER;
        v->v.i = c->deviation;
        break;
    case MSDK_COSEM_CLOCK_DST_ENABLED:
        v->tag = MSDK_COSEM_AXDR_BOOLEAN;
        v->v.b = c->dst_enabled;
        break;
    default:
        v->tag = MSDK_COSEM_AXDR_ENUM;
        v->v.u = c->base;
        break;
    }
}

/* ---- Class functions called directly ------------------------------------------------------ */

/* A request context of the rig's association, as the server passes it. */
static inline msdk_cosem_req_t ck_req(void)
{
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    rq.assoc = &g_srv.assoc;
    return rq;
}

/* The class's set function on v[0..n); returns its data-access-result. */
static inline uint8_t ck_class_set(const msdk_cosem_object_t *o, uint8_t attr, const uint8_t *v,
                                   size_t n)
{
    msdk_cosem_req_t rq = ck_req();
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, v, n);
    return o->cls->set(o, attr, &rq, &rb);
}

/* The class's action function on v[0..n); the method must return no data. Returns its
 * action-result. */
static inline uint8_t ck_class_action(const msdk_cosem_object_t *o, uint8_t method,
                                      const uint8_t *v, size_t n)
{
    msdk_cosem_req_t rq = ck_req();
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, v, n);
    uint8_t ret[16];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, ret, sizeof ret);
    uint8_t r = o->cls->action(o, method, &rq, &rb, &w);
    if (w.pos != 0u) {
        ck_abort_msg("method %u wrote return data", (unsigned)method);
    }
    return r;
}

/* Every proper prefix of v[0..n), and v with one byte more, must be refused as type-unmatched
 * by the class of o: by its SET of attribute `member`, or by its ACTION of method `member`
 * when `action`. v itself is not tried. */
static inline void ck_class_refuses_cuts(const msdk_cosem_object_t *o, bool action, uint8_t member,
                                         const uint8_t *v, size_t n)
{
    uint8_t more[600];
    ck_assert_uint_lt(n, sizeof more);
    memcpy(more, v, n);
    more[n] = 0x00;
    const uint8_t want =
        action ? (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED : (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    for (size_t k = 0; k <= n + 1u; k++) {
        if (k == n) {
            continue; /* the whole value is not called */
        }
        uint8_t r = action ? ck_class_action(o, member, more, k) : ck_class_set(o, member, more, k);
        if (r != want) {
            ck_abort_msg("%u of %u bytes: result %u", (unsigned)k, (unsigned)n, (unsigned)r);
        }
    }
}

/* ---- Suites ------------------------------------------------------------------------------- */

/* Adds the test case `name` with the tests tests[0..n) and the checked fixture `setup`
 * (NULL: none) to s. */
static inline void ck_add_tcase(Suite *s, const char *name, void (*setup)(void),
                                const TTest *const *tests, size_t n)
{
    TCase *tc = tcase_create(name);
    if (setup != NULL) {
        tcase_add_checked_fixture(tc, setup, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        tcase_add_test(tc, tests[i]);
    }
    suite_add_tcase(s, tc);
}

/* CK_TCASE(s, "name", setup, test_a, test_b, ...): the same with the tests listed. */
#define CK_TCASE(s, name, setup, ...)                                                              \
    ck_add_tcase((s), (name), (setup), (const TTest *const[]){ __VA_ARGS__ },                      \
                 sizeof((const TTest *const[]){ __VA_ARGS__ }) / sizeof(const TTest *))

/* ---- HDLC client link and server session back to back ------------------------------------ */

/* The buffer members of an HDLC link configuration (server or client), for its designated
 * initializer: the frame buffers rx and tx (arrays, their whole size) and `cap` bytes at
 * apdu for the APDUs. */
#define CK_HDLC_BUFFERS(rx, tx, apdu, cap)                                                         \
    .rx_frame_buf = (rx), .rx_frame_cap = sizeof(rx), .tx_frame_buf = (tx),                        \
    .tx_frame_cap = sizeof(tx), .apdu_buf = (apdu), .apdu_cap = (cap)

/* A client link (client SAP given, 128-byte information fields) facing a server session of
 * a logical device (logical 1, physical 17), with their buffers and a millisecond clock. */
typedef struct ck_hdlc_rig {
    msdk_cosem_hdlc_session_t srv;
    msdk_cosem_hdlc_client_t cli;
    uint8_t s_rx[160], s_tx[160], s_apdu[512], s_resp[512], s_scratch[256];
    uint8_t c_rx[160], c_tx[160], c_apdu[1024];
    uint8_t req[600];
    uint32_t now;
} ck_hdlc_rig_t;

/* Moves frames both ways (10 ms per round) until neither side has anything to send; fails
 * the test when they never settle. */
static inline void ck_hdlc_pump(ck_hdlc_rig_t *r)
{
    for (unsigned guard = 0; guard < 2000u; guard++) {
        bool moved = false;
        const uint8_t *f = NULL;
        size_t n = 0;
        while (msdk_cosem_hdlc_client_take_tx(&r->cli, &f, &n) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_session_rx(&r->srv, f, n, r->now), MSDK_OK);
            moved = true;
        }
        while (msdk_cosem_hdlc_session_take_tx(&r->srv, &f, &n) == MSDK_OK) {
            ck_assert_int_eq(msdk_cosem_hdlc_client_rx(&r->cli, f, n, r->now), MSDK_OK);
            moved = true;
        }
        r->now += 10u;
        msdk_cosem_hdlc_client_poll(&r->cli, r->now);
        msdk_cosem_hdlc_session_poll(&r->srv, r->now);
        if (!moved) {
            return;
        }
    }
    ck_abort_msg("the link does not settle");
}

/* Sets up both ends for client `sap` and connects them (SNRM/UA). */
static inline void ck_hdlc_open(ck_hdlc_rig_t *r, const msdk_cosem_ldev_t *ld, uint16_t sap)
{
    memset(r, 0, sizeof(*r));
    msdk_cosem_hdlc_server_config_t sc = {
        .logical = 1u,
        .physical = 17u,
        .max_info_tx = 128u,
        .max_info_rx = 128u,
        .inactivity_ms = 120000u,
        CK_HDLC_BUFFERS(r->s_rx, r->s_tx, r->s_apdu, sizeof r->s_apdu),
    };
    ck_assert_int_eq(msdk_cosem_hdlc_session_init(&r->srv, ld, &sc, r->s_resp, sizeof r->s_resp,
                                                  r->s_scratch, sizeof r->s_scratch),
                     MSDK_OK);
    msdk_cosem_hdlc_client_config_t cc = {
        .client = sap,
        .server = { 1u, 17u, 2u },
        .max_info_tx = 128u,
        .max_info_rx = 128u,
        .response_ms = 1000u,
        .max_retries = 3u,
        CK_HDLC_BUFFERS(r->c_rx, r->c_tx, r->c_apdu, sizeof r->c_apdu),
    };
    ck_assert_int_eq(msdk_cosem_hdlc_client_init(&r->cli, &cc), MSDK_OK);
    ck_assert_int_eq(msdk_cosem_hdlc_client_connect(&r->cli, r->now), MSDK_OK);
    ck_hdlc_pump(r);
    ck_assert_int_eq(msdk_cosem_hdlc_client_state(&r->cli), MSDK_COSEM_HDLC_NRM);
}

/* Sends an APDU from the client behind the LLC header E6 E6 00 and returns the response
 * APDU, after checking and removing its E6 E7 00. */
static inline size_t ck_hdlc_request(ck_hdlc_rig_t *r, const uint8_t *apdu, size_t n,
                                     const uint8_t **resp)
{
    ck_assert_uint_le(n + MSDK_COSEM_LLC_LEN, sizeof r->req);
    r->req[0] = MSDK_COSEM_LLC_DEST;
    r->req[1] = MSDK_COSEM_LLC_SRC_REQUEST;
    r->req[2] = 0u;
    memcpy(&r->req[MSDK_COSEM_LLC_LEN], apdu, n);
    ck_assert_int_eq(
        msdk_cosem_hdlc_client_send_apdu(&r->cli, r->req, n + MSDK_COSEM_LLC_LEN, r->now), MSDK_OK);
    ck_hdlc_pump(r);
    const uint8_t *p = NULL;
    size_t len = 0;
    ck_assert_int_eq(msdk_cosem_hdlc_client_take_apdu(&r->cli, &p, &len), MSDK_OK);
    ck_assert_uint_gt(len, MSDK_COSEM_LLC_LEN);
    ck_assert_uint_eq(p[0], MSDK_COSEM_LLC_DEST);
    ck_assert_uint_eq(p[1], MSDK_COSEM_LLC_SRC_RESPONSE);
    ck_assert_uint_eq(p[2], 0u);
    *resp = &p[MSDK_COSEM_LLC_LEN];
    return len - MSDK_COSEM_LLC_LEN;
}

#endif /* MSDK_TEST_COSEM_CHECK_H */
