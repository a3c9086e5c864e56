/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * cosem-bench-hls: what the server spends on an HLS 5 (GMAC) association handshake
 * (issue 6 budget: 200,000 Cortex-M4 instructions, counted under QEMU, I/O excluded).
 *
 * The logical device has one association (client SAP 1, HLS 5, suite 0) whose Security
 * setup holds the Green Book example keys (EK 000102..0F, AK D0D1..DF, KEK = EK), the
 * server system title 4D53444B00000001 and the policy "all requests and responses
 * authenticated and encrypted"; the server's DRBG is seeded from a fixed test entropy
 * callback (deterministic runs). The client is made of the library's codecs:
 *
 *   1. AARQ (msdk_cosem_aarq_encode) with the LN-with-ciphering context, the client's
 *      system title, mechanism 5, CtoS, and a glo-initiate-request
 *      (msdk_cosem_sec_protect of the InitiateRequest);
 *   2. the server answers with an AARE: accepted, authentication required, StoC, a
 *      glo-initiate-response (the client deciphers and checks it);
 *   3. ACTION reply_to_HLS_authentication on 0.0.40.0.0.255 with the client's f(StoC)
 *      (msdk_cosem_hls_respond) in a glo-action-request;
 *   4. the server verifies f(StoC) and answers with f(CtoS) in a glo-action-response;
 *      the client checks it (msdk_cosem_hls_verify) and the association is open.
 *
 * Only the server's two msdk_cosem_server_apdu() calls are counted; the client's work
 * runs between them, outside the counted spans. The cost of reading the clock (an empty
 * span) is subtracted. On the MPS2 image (bench_start_mps2.c) the unit is instructions,
 * read from SysTick under qemu-system-arm -icount shift=0 (resolution 40 instructions
 * per span); on the host (bench_start_host.c) ns, with no budget (the host run checks the
 * handshake under the sanitizers). For orientation the image also counts the crypto
 * port's primitives of the handshake on their own (not part of the budget).
 *
 * Output: key=value lines; "budget: <n> instructions per HLS 5 handshake: ok" when the
 * server's total is within MSDK_BENCH_HLS_BUDGET. Exit status 0 ok, 1 over the budget,
 * 2 the handshake (or the bench) failed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench_platform.h"
#include "msdk/cosem/acse.h"
#include "msdk/cosem/axdr.h"
#include "msdk/cosem/class_security.h"
#include "msdk/cosem/secstate.h"
#include "msdk/cosem/security.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

/* Server instructions per handshake above which the image fails (0: no budget). */
#ifndef MSDK_BENCH_HLS_BUDGET
#define MSDK_BENCH_HLS_BUDGET 0u
#endif

#define HLS_CLIENT_SAP 1u
#define HLS_PDU        1024u
#define HLS_LINE       160u
#define HLS_IIP        0xC1u /* invoke-id 1, confirmed, high priority */

/* All services a management client gets (the firmware's full set). */
#define HLS_CONFORMANCE                                                                            \
    (MSDK_COSEM_CONF_GET | MSDK_COSEM_CONF_SET | MSDK_COSEM_CONF_ACTION |                          \
     MSDK_COSEM_CONF_SELECTIVE_ACCESS | MSDK_COSEM_CONF_BLOCK_TRANSFER_GET |                       \
     MSDK_COSEM_CONF_BLOCK_TRANSFER_SET | MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION |                  \
     MSDK_COSEM_CONF_MULTIPLE_REFERENCES)

/* Green Book example keys (DLMS UA 1000-2, the suite 0 examples). */
static const uint8_t k_ek[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                  0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };
static const uint8_t k_ak[16] = { 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
                                  0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF };
/* System titles: the meter ("MSDK" 00000001) and the client ("MMM" 00000001). */
static const uint8_t k_st_server[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t k_st_client[8] = { 0x4D, 0x4D, 0x4D, 0x00, 0x00, 0x00, 0x00, 0x01 };
/* The client's challenge CtoS (16 bytes; a real client draws it from its DRBG). */
static const uint8_t k_ctos[16] = { 0x4B, 0x35, 0x36, 0x69, 0x56, 0x61, 0x67, 0x59,
                                    0x32, 0x6E, 0x74, 0x51, 0x5A, 0x38, 0x72, 0x33 };
/* reply_to_HLS_authentication of the current association. */
static const msdk_cosem_xdlms_method_desc_t k_hls_method = { 15u, { 0, 0, 40, 0, 0, 255 }, 1 };

/* ---- The server (the meter) --------------------------------------------------------------- */

typedef struct hls_bench {
    msdk_cosem_secsetup_t setup;
    msdk_crypto_drbg_t drbg;
    msdk_cosem_server_sec_t sec;
    msdk_cosem_lockout_t lockout[1];
    msdk_cosem_assoc_def_t assocs[1];
    msdk_cosem_ldev_t ld;
    msdk_cosem_assoc_t assoc;
    uint8_t scratch[256];
    uint8_t cbuf[HLS_PDU];
    uint32_t persists; /* transmit counter windows "written" */
    uint8_t entropy_seq;
} hls_bench_t;

static hls_bench_t bench;

/* Client-side buffers: requests, responses, plaintexts. */
static uint8_t req[HLS_PDU];
static uint8_t resp[HLS_PDU];
static uint8_t work[HLS_PDU];
static uint8_t plain[HLS_PDU];

/* Fixed test entropy: a counter pattern, so that every run draws the same challenge. */
static msdk_err_t test_entropy(void *ctx, uint8_t *buf, size_t len)
{
    hls_bench_t *b = ctx;
    for (size_t i = 0; i < len; i++) {
        buf[i] = (uint8_t)(0xA5u ^ b->entropy_seq++);
    }
    return MSDK_OK;
}

/* The transmit counter's window "stored" (RAM only: storage is I/O, outside the budget). */
static msdk_err_t persist_ic(void *ctx, uint32_t bound)
{
    (void)bound;
    ((hls_bench_t *)ctx)->persists++;
    return MSDK_OK;
}

static msdk_err_t save_setup(void *ctx, const msdk_cosem_secsetup_t *s)
{
    (void)ctx;
    (void)s;
    return MSDK_OK;
}

static msdk_err_t server_init(hls_bench_t *b)
{
    memset(b, 0, sizeof *b);
    msdk_cosem_secsetup_t *s = &b->setup;
    s->policy = (uint8_t)(MSDK_COSEM_POLICY_AUTH_REQUEST | MSDK_COSEM_POLICY_ENC_REQUEST |
                          MSDK_COSEM_POLICY_AUTH_RESPONSE | MSDK_COSEM_POLICY_ENC_RESPONSE);
    s->suite = MSDK_COSEM_SEC_SUITE_0;
    memcpy(s->server_title, k_st_server, sizeof k_st_server);
    memcpy(s->ek, k_ek, sizeof k_ek);
    memcpy(s->ak, k_ak, sizeof k_ak);
    memcpy(s->kek, k_ek, sizeof k_ek); /* the Green Book example KEK equals its EK */
    s->keys_set = (uint8_t)(MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST) |
                            MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION) |
                            MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_MASTER));
    s->save = save_setup;
    s->save_ctx = b;
    const msdk_cosem_tx_ic_config_t ic_cfg = { MSDK_COSEM_TX_IC_WINDOW_DEFAULT, persist_ic, b };
    msdk_err_t err = msdk_cosem_tx_ic_init(&s->tx_ic, &ic_cfg, 0u);
    msdk_cosem_rx_ic_init(&s->rx_ic[0]);
    msdk_cosem_rx_ic_init(&s->rx_ic[1]);

    static const char pers[] = "cosem-bench-hls";
    if (err == MSDK_OK) {
        err = msdk_port_crypto_drbg_seed(&b->drbg, test_entropy, b, (const uint8_t *)pers,
                                         sizeof pers - 1u);
    }
    b->sec.drbg = &b->drbg;
    msdk_cosem_secevents_init(&b->sec.events, NULL, NULL);
    msdk_cosem_lockout_init(&b->lockout[0]);
    b->sec.lockout = b->lockout;
    b->sec.now_ms = 0u;
    b->sec.challenge_len = 0u; /* the default StoC, 16 bytes */

    b->assocs[0] = (msdk_cosem_assoc_def_t){ HLS_CLIENT_SAP, (uint8_t)MSDK_COSEM_MECH_HLS_GMAC,
                                             HLS_CONFORMANCE, NULL, s };
    b->ld = (msdk_cosem_ldev_t){ NULL, 0u, b->assocs, 1u, HLS_PDU, NULL, NULL, &b->sec };
    if (err == MSDK_OK) {
        err = msdk_cosem_assoc_init(&b->assoc, &b->ld, b->scratch, sizeof b->scratch);
    }
    if (err == MSDK_OK) {
        err = msdk_cosem_assoc_set_cipher_buffer(&b->assoc, b->cbuf, sizeof b->cbuf);
    }
    return err;
}

/* ---- Output ------------------------------------------------------------------------------- */

typedef struct hls_line {
    char buf[HLS_LINE];
    size_t len;
} hls_line_t;

static void line_str(hls_line_t *l, const char *s)
{
    while ((*s != '\0') && (l->len + 1u < sizeof l->buf)) {
        l->buf[l->len++] = *s++;
    }
    l->buf[l->len] = '\0';
}

static void line_u32(hls_line_t *l, uint32_t v)
{
    char tmp[12];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    char out[12];
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1u - i];
    }
    out[n] = '\0';
    line_str(l, out);
}

/* "<key>_<unit>=<value>" */
static void put_figure(const char *key, uint32_t value)
{
    hls_line_t l = { .len = 0 };
    line_str(&l, key);
    line_str(&l, "_");
    line_str(&l, msdk_bench_clock.unit);
    line_str(&l, "=");
    line_u32(&l, value);
    msdk_bench_puts(l.buf);
}

static int fail(const char *what)
{
    hls_line_t l = { .len = 0 };
    line_str(&l, "cosem-bench-hls: FAIL: ");
    line_str(&l, what);
    msdk_bench_puts(l.buf);
    return 2;
}

/* ---- Counting ----------------------------------------------------------------------------- */

static uint32_t clock_overhead; /* units of an empty span */

/* Units of a span from ticks t0 to t1, less the cost of reading the clock. */
static uint32_t span(uint32_t t0, uint32_t t1)
{
    uint32_t u = msdk_bench_elapsed(t0, t1) * msdk_bench_clock.units_per_tick;
    return (u > clock_overhead) ? (u - clock_overhead) : 0u;
}

/* The cost of an empty span, the mean of HLS_CLOCK_PAIRS (one SysTick step is 40
 * instructions, far more than the clock reads themselves). */
#define HLS_CLOCK_PAIRS 64u

static void measure_clock(void)
{
    uint32_t ticks = 0u;
    for (uint32_t i = 0; i < HLS_CLOCK_PAIRS; i++) {
        uint32_t t0 = msdk_bench_ticks();
        uint32_t t1 = msdk_bench_ticks();
        ticks += msdk_bench_elapsed(t0, t1);
    }
    clock_overhead =
        (ticks * msdk_bench_clock.units_per_tick + HLS_CLOCK_PAIRS / 2u) / HLS_CLOCK_PAIRS;
}

/* One counted server call: the request in, the response out. */
static msdk_err_t server_call(const uint8_t *apdu, size_t len, msdk_wbuf_t *out, uint32_t *units)
{
    msdk_wbuf_init(out, resp, sizeof resp);
    uint32_t t0 = msdk_bench_ticks();
    msdk_err_t err = msdk_cosem_server_apdu(&bench.assoc, HLS_CLIENT_SAP, apdu, len, out);
    uint32_t t1 = msdk_bench_ticks();
    *units = span(t0, t1);
    return err;
}

/* ---- The client (outside the counted spans) ----------------------------------------------- */

static const msdk_cosem_sec_keys_t k_client_keys = { k_ek, NULL, NULL, k_ak };

/* Protects a plain APDU in its glo- form (authenticated and encrypted) into `out`. */
static msdk_err_t client_protect(uint32_t ic, const uint8_t *apdu, size_t len, msdk_wbuf_t *out)
{
    const msdk_cosem_sec_tx_t tx = { (uint8_t)MSDK_COSEM_SEC_FORM_GLO, MSDK_COSEM_SEC_SUITE_0,
                                     (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC), ic,
                                     k_st_client };
    return msdk_cosem_sec_protect(&k_client_keys, &tx, apdu, len, out);
}

/* Deciphers a response of the server (authenticated and encrypted) into `plain`. */
static msdk_err_t client_unprotect(const uint8_t *apdu, size_t len, size_t *plain_len)
{
    const msdk_cosem_sec_rx_t rx = { MSDK_COSEM_SEC_SUITE_0,
                                     (uint8_t)(MSDK_COSEM_SC_AUTH | MSDK_COSEM_SC_ENC),
                                     k_st_server };
    return msdk_cosem_sec_unprotect(&k_client_keys, &rx, apdu, len, plain, sizeof plain, NULL,
                                    plain_len);
}

/* Pass 1: the AARQ with CtoS and a glo-initiate-request under invocation counter `ic`. */
static msdk_err_t client_aarq(uint32_t ic, msdk_wbuf_t *out)
{
    msdk_cosem_initiate_req_t rq;
    memset(&rq, 0, sizeof rq);
    rq.response_allowed = true;
    rq.dlms_version = 6u;
    rq.conformance = HLS_CONFORMANCE;
    rq.max_pdu_size = HLS_PDU;
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, work, sizeof work / 2u);
    msdk_err_t err = msdk_cosem_initiate_req_encode(&rq, &pw);
    msdk_wbuf_t cw;
    msdk_wbuf_init(&cw, &work[sizeof work / 2u], sizeof work / 2u);
    if (err == MSDK_OK) {
        err = client_protect(ic, work, pw.pos, &cw);
    }
    msdk_cosem_aarq_t q;
    memset(&q, 0, sizeof q);
    q.app_context = (uint8_t)MSDK_COSEM_APP_CONTEXT_LN_CIPHERED;
    memcpy(q.calling_ap_title, k_st_client, sizeof k_st_client);
    q.calling_ap_title_len = (uint8_t)sizeof k_st_client;
    q.auth_required = true;
    q.mechanism_present = true;
    q.mechanism = (uint8_t)MSDK_COSEM_MECH_HLS_GMAC;
    q.auth_value_present = true;
    q.auth_value_len = (uint8_t)sizeof k_ctos;
    memcpy(q.auth_value, k_ctos, sizeof k_ctos);
    q.user_info.kind = (uint8_t)MSDK_COSEM_UI_CIPHERED;
    q.user_info.tag = cw.p[0];
    q.user_info.raw = cw.p;
    q.user_info.raw_len = cw.pos;
    if (err == MSDK_OK) {
        err = msdk_cosem_aarq_encode(&q, out);
    }
    return err;
}

/* Pass 2 as the client sees it: accepted, HLS 5 pending, the server's title, StoC, and an
 * InitiateResponse that deciphers and grants the conformance asked for. */
static bool client_check_aare(const uint8_t *apdu, size_t len, uint8_t *stoc, size_t *stoc_len)
{
    msdk_cosem_aare_t aare;
    if ((msdk_cosem_aare_decode(apdu, len, &aare) != MSDK_OK) ||
        (aare.result != (uint8_t)MSDK_COSEM_ASSOC_ACCEPTED) ||
        (aare.app_context != (uint8_t)MSDK_COSEM_APP_CONTEXT_LN_CIPHERED) ||
        (aare.diag != (uint8_t)MSDK_COSEM_DIAG_USER_AUTHENTICATION_REQUIRED) ||
        !aare.mechanism_present || (aare.mechanism != (uint8_t)MSDK_COSEM_MECH_HLS_GMAC) ||
        (aare.responding_ap_title_len != sizeof k_st_server) ||
        (memcmp(aare.responding_ap_title, k_st_server, sizeof k_st_server) != 0) ||
        !aare.auth_value_present || (aare.auth_value_len < MSDK_COSEM_HLS_CHALLENGE_MIN) ||
        (aare.user_info.kind != (uint8_t)MSDK_COSEM_UI_CIPHERED)) {
        return false;
    }
    size_t n = 0u;
    msdk_cosem_initiate_resp_t ir;
    if ((client_unprotect(aare.user_info.raw, aare.user_info.raw_len, &n) != MSDK_OK) ||
        (msdk_cosem_initiate_resp_decode(plain, n, &ir) != MSDK_OK) ||
        (ir.conformance != HLS_CONFORMANCE) || (ir.max_pdu_size != HLS_PDU)) {
        return false;
    }
    memcpy(stoc, aare.auth_value, aare.auth_value_len);
    *stoc_len = aare.auth_value_len;
    return true;
}

/* The client's side of the HLS 5 exchange. */
static msdk_cosem_hls_t client_hls(const uint8_t *stoc, size_t stoc_len, uint32_t own_ic)
{
    msdk_cosem_hls_t h;
    memset(&h, 0, sizeof h);
    h.mechanism = (uint8_t)MSDK_COSEM_MECH_HLS_GMAC;
    h.suite = MSDK_COSEM_SEC_SUITE_0;
    h.own_challenge = k_ctos;
    h.own_challenge_len = sizeof k_ctos;
    h.peer_challenge = stoc;
    h.peer_challenge_len = stoc_len;
    h.own_system_title = k_st_client;
    h.peer_system_title = k_st_server;
    h.ek = k_ek;
    h.ak = k_ak;
    h.own_ic = own_ic;
    return h;
}

/* Pass 3: glo-action-request reply_to_HLS_authentication(f(StoC)); the APDU takes
 * invocation counter `ic`, f(StoC) the next one. */
static msdk_err_t client_reply(const uint8_t *stoc, size_t stoc_len, uint32_t ic, msdk_wbuf_t *out)
{
    const msdk_cosem_hls_t h = client_hls(stoc, stoc_len, ic + 1u);
    uint8_t param[2u + MSDK_COSEM_HLS_ANSWER_MAX];
    size_t n = 0u;
    msdk_err_t err = msdk_cosem_hls_respond(&h, &param[2], sizeof param - 2u, &n);
    param[0] = (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING;
    param[1] = (uint8_t)n;
    const msdk_cosem_xdlms_raw_t raw = { param, n + 2u };
    msdk_wbuf_t pw;
    msdk_wbuf_init(&pw, work, sizeof work);
    if (err == MSDK_OK) {
        err = msdk_cosem_xdlms_action_request_encode_normal(&pw, HLS_IIP, &k_hls_method, &raw);
    }
    if (err == MSDK_OK) {
        err = client_protect(ic, work, pw.pos, out);
    }
    return err;
}

/* Pass 4 as the client sees it: a glo-action-response, success, with the server's f(CtoS)
 * right for CtoS. */
static bool client_check_reply(const uint8_t *apdu, size_t len, const uint8_t *stoc,
                               size_t stoc_len)
{
    size_t n = 0u;
    msdk_cosem_xdlms_action_response_t r;
    if ((len == 0u) || (apdu[0] != 0xCFu) || (client_unprotect(apdu, len, &n) != MSDK_OK) ||
        (msdk_cosem_xdlms_action_response_decode(plain, n, 1u, &r) != MSDK_OK) ||
        (r.type != (uint8_t)MSDK_COSEM_XDLMS_ACTION_RESPONSE_NORMAL) || (r.iip != HLS_IIP) ||
        (r.item.result != (uint8_t)MSDK_COSEM_ACTION_SUCCESS) || !r.item.has_return ||
        !r.item.ret.is_data) {
        return false;
    }
    uint8_t answer[MSDK_COSEM_HLS_ANSWER_MAX];
    size_t answer_len = 0u;
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, r.item.ret.data.p, r.item.ret.data.len);
    const msdk_cosem_hls_t h = client_hls(stoc, stoc_len, 0u);
    uint32_t server_ic = 0u;
    return (msdk_cosem_axdr_get_octets(&rb, (uint8_t)MSDK_COSEM_AXDR_OCTET_STRING, answer,
                                       sizeof answer, &answer_len) == MSDK_OK) &&
           (msdk_rbuf_remaining(&rb) == 0u) &&
           (msdk_cosem_hls_verify(&h, answer, answer_len, &server_ic) == MSDK_OK);
}

/* ---- The crypto port's primitives of the handshake, for orientation ------------------------ */

static void measure_primitives(void)
{
    static const uint8_t iv[12] = { 0x4D, 0x53, 0x44, 0x4B, 0, 0, 0, 1, 0, 0, 0, 9 };
    uint8_t aad[17u + 16u];
    uint8_t text[32];
    uint8_t tag[12];
    uint8_t rnd[16];
    aad[0] = 0x30u;
    memcpy(&aad[1], k_ak, sizeof k_ak);
    memcpy(&aad[17], k_ctos, sizeof k_ctos);
    memset(text, 0x5A, sizeof text);

    uint32_t ta = msdk_bench_ticks();
    msdk_err_t e0 = msdk_port_crypto_aes_ecb_encrypt(k_ek, sizeof k_ek, text, rnd);
    uint32_t t0 = msdk_bench_ticks();
    msdk_err_t e1 = msdk_port_crypto_aes_gcm_encrypt(k_ek, sizeof k_ek, iv, sizeof iv, aad, 17u,
                                                     text, sizeof text, text, tag, sizeof tag);
    uint32_t t1 = msdk_bench_ticks();
    msdk_err_t e2 = msdk_port_crypto_aes_gmac(k_ek, sizeof k_ek, iv, sizeof iv, aad, sizeof aad,
                                              tag, sizeof tag);
    uint32_t t2 = msdk_bench_ticks();
    msdk_err_t e3 = msdk_port_crypto_drbg_generate(&bench.drbg, rnd, sizeof rnd, NULL, 0u);
    uint32_t t3 = msdk_bench_ticks();
    if ((e0 == MSDK_OK) && (e1 == MSDK_OK) && (e2 == MSDK_OK) && (e3 == MSDK_OK)) {
        put_figure("aes128_block_with_key_schedule", span(ta, t0));
        put_figure("gcm_encrypt_32_bytes", span(t0, t1));
        put_figure("gmac_33_bytes", span(t1, t2));
        put_figure("drbg_16_bytes", span(t2, t3));
    }
}

/* ---- The bench ---------------------------------------------------------------------------- */

int msdk_bench_run(void)
{
    hls_line_t head = { .len = 0 };
    line_str(&head, "cosem-bench-hls: HLS 5 (GMAC) association, suite 0, policy: requests and "
                    "responses authenticated and encrypted; unit: ");
    line_str(&head, msdk_bench_clock.unit);
    msdk_bench_puts(head.buf);
    if ((msdk_port_crypto_init() != MSDK_OK) || (server_init(&bench) != MSDK_OK)) {
        return fail("set-up");
    }
    measure_clock();

    /* Client invocation counters: glo-initiate-request, glo-action-request, f(StoC). */
    const uint32_t ic = 1u;
    msdk_wbuf_t rq;
    msdk_wbuf_t out;
    uint32_t aarq_units = 0u;
    uint32_t reply_units = 0u;
    uint8_t stoc[MSDK_COSEM_HLS_CHALLENGE_MAX];
    size_t stoc_len = 0u;

    msdk_wbuf_init(&rq, req, sizeof req);
    if (client_aarq(ic, &rq) != MSDK_OK) {
        return fail("client AARQ");
    }
    if ((server_call(req, rq.pos, &out, &aarq_units) != MSDK_OK) ||
        !client_check_aare(resp, out.pos, stoc, &stoc_len) ||
        (msdk_cosem_assoc_status(&bench.assoc) != (uint8_t)MSDK_COSEM_ASSOC_STATUS_PENDING)) {
        return fail("AARQ -> AARE (accepted, HLS pending, glo-initiate-response)");
    }

    msdk_wbuf_init(&rq, req, sizeof req);
    if (client_reply(stoc, stoc_len, ic + 1u, &rq) != MSDK_OK) {
        return fail("client reply_to_HLS_authentication");
    }
    if ((server_call(req, rq.pos, &out, &reply_units) != MSDK_OK) ||
        !client_check_reply(resp, out.pos, stoc, stoc_len) ||
        !msdk_cosem_assoc_is_open(&bench.assoc)) {
        return fail("reply_to_HLS_authentication -> f(CtoS) (association open)");
    }
    msdk_bench_puts("handshake: AARQ -> AARE (pending) -> reply_to_HLS_authentication -> "
                    "f(CtoS) verified: associated");

    const uint32_t total = aarq_units + reply_units;
    put_figure("clock_overhead", clock_overhead);
    put_figure("aarq_aare", aarq_units);
    put_figure("hls_reply", reply_units);
    put_figure("handshake", total);
    measure_primitives();

    if (MSDK_BENCH_HLS_BUDGET == 0u) {
        return 0;
    }
    hls_line_t l = { .len = 0 };
    line_str(&l, "budget: ");
    line_u32(&l, MSDK_BENCH_HLS_BUDGET);
    line_str(&l, " ");
    line_str(&l, msdk_bench_clock.unit);
    line_str(&l, " per HLS 5 handshake: ");
    line_str(&l, (total <= MSDK_BENCH_HLS_BUDGET) ? "ok" : "OVER");
    msdk_bench_puts(l.buf);
    return (total <= MSDK_BENCH_HLS_BUDGET) ? 0 : 1;
}
