/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "dlms_sec.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/port/board.h"

/* Record format version 1: per setup 80 bytes (policy, keys_set, EK, BEK, AK, KEK, transmit
 * bound, lowest acceptable client counter of EK and BEK), setup 1's P-256 keys (meter
 * private/public, client public, client private test key), lockout per association. */
#define REC_VERSION 1u
#define SETUP_LEN   (1u + 1u + 64u + 4u + 8u + 8u)
#define KEYS_LEN    (32u + 65u + 65u + 32u)
#define LOCK_LEN    6u
#define REC_LEN     (MA304H4_SEC_SETUPS * SETUP_LEN + KEYS_LEN + MA304H4_ASSOCS * LOCK_LEN)

/* The record's ring: the last 16 sectors of the data NVM (64 KiB with 4 KiB sectors).
 * Each save erases one sector; 16 spread the wear: 20 years at 100,000 cycles allow 219
 * saves a day (10 % of that: 22 a day: SET/ACTION requests of ciphered associations and
 * counter reservations, until libeventlog's storage takes this over). */
#define REC_SECTORS MA304H4_SEC_REC_SECTORS

/* Transmit counter window: one NVM record per 1000 ciphered APDUs. */
#define IC_WINDOW 1000u

static const uint8_t gb_ek[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                   0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };
static const uint8_t gb_ak[16] = { 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
                                   0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF };
static const uint8_t meter_title[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };

static void put_u64(uint8_t *p, uint64_t v)
{
    msdk_store_u32le(p, (uint32_t)v);
    msdk_store_u32le(&p[4], (uint32_t)(v >> 32));
}

static uint64_t get_u64(const uint8_t *p)
{
    return (uint64_t)msdk_load_u32le(p) | ((uint64_t)msdk_load_u32le(&p[4]) << 32);
}

/* The record of the whole state; `bound_of` overrides the transmit bound of one setup (the
 * reservation being persisted), 0xFF none. */
static size_t build(const ma304h4_sec_t *s, uint8_t bound_of, uint32_t bound, uint8_t *p)
{
    size_t o = 0u;
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        const msdk_cosem_secsetup_t *u = &s->setup[i];
        p[o++] = u->policy;
        p[o++] = u->keys_set;
        memcpy(&p[o], u->ek, 16u);
        memcpy(&p[o + 16u], u->bek, 16u);
        memcpy(&p[o + 32u], u->ak, 16u);
        memcpy(&p[o + 48u], u->kek, 16u);
        o += 64u;
        msdk_store_u32le(&p[o], (i == bound_of) ? bound : s->ref[i].bound);
        o += 4u;
        put_u64(&p[o], msdk_cosem_rx_ic_lowest_acceptable(&u->rx_ic[0]));
        put_u64(&p[o + 8u], msdk_cosem_rx_ic_lowest_acceptable(&u->rx_ic[1]));
        o += 16u;
    }
    const msdk_cosem_secsetup_t *k = &s->setup[1];
    memcpy(&p[o], k->sign_key, 32u);
    memcpy(&p[o + 32u], k->sign_pub, 65u);
    memcpy(&p[o + 97u], k->client_pub, 65u);
    memcpy(&p[o + 162u], s->client7_key, 32u);
    o += KEYS_LEN;
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        msdk_cosem_lockout_record_t r;
        msdk_cosem_lockout_save(&s->lockout[i], s->server.now_ms, &r);
        msdk_store_u32le(&p[o], r.remaining_ms);
        p[o + 4u] = r.failures;
        p[o + 5u] = r.level;
        o += LOCK_LEN;
    }
    return o;
}

static msdk_err_t save(ma304h4_sec_t *s, uint8_t bound_of, uint32_t bound)
{
    if (!s->stored) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    uint8_t p[REC_LEN];
    size_t n = build(s, bound_of, bound, p);
    msdk_err_t err = ma304h4_nvrec_save(&s->rec, p, n);
    msdk_port_crypto_zeroize(p, sizeof p);
    return err;
}

static msdk_err_t persist_ic(void *ctx, uint32_t bound)
{
    ma304h4_sec_ref_t *r = ctx;
    msdk_err_t err = save(r->sec, r->which, bound);
    if (err == MSDK_OK) {
        r->bound = bound;
    }
    return err;
}

static msdk_err_t save_setup(void *ctx, const msdk_cosem_secsetup_t *u)
{
    ma304h4_sec_t *s = ctx;
    uint8_t which = (u == &s->setup[1]) ? 1u : 0u;
    if (u == &s->setup[which]) {
        return save(s, 0xFFu, 0u);
    }
    /* A copy (commit saves the new material before applying it): save it in its place. */
    msdk_cosem_secsetup_t keep = s->setup[which];
    s->setup[which] = *u;
    msdk_err_t err = save(s, 0xFFu, 0u);
    s->setup[which] = keep;
    msdk_port_crypto_zeroize(&keep, sizeof keep);
    return err;
}

/* Restores the state from a record; false when it is not usable. */
static bool restore(ma304h4_sec_t *s, const uint8_t *p, size_t n)
{
    if (n != REC_LEN) {
        return false;
    }
    size_t o = 0u;
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        msdk_cosem_secsetup_t *u = &s->setup[i];
        u->policy = p[o++];
        u->keys_set = p[o++];
        memcpy(u->ek, &p[o], 16u);
        memcpy(u->bek, &p[o + 16u], 16u);
        memcpy(u->ak, &p[o + 32u], 16u);
        memcpy(u->kek, &p[o + 48u], 16u);
        o += 64u;
        const msdk_cosem_tx_ic_config_t cfg = { IC_WINDOW, persist_ic, &s->ref[i] };
        s->ref[i].bound = msdk_load_u32le(&p[o]);
        if (msdk_cosem_tx_ic_init(&u->tx_ic, &cfg, s->ref[i].bound) != MSDK_OK) {
            return false;
        }
        o += 4u;
        for (uint8_t k = 0; k < 2u; k++) {
            uint64_t low = get_u64(&p[o + 8u * k]);
            msdk_cosem_rx_ic_init(&u->rx_ic[k]);
            if (low != 0u) {
                msdk_cosem_rx_ic_restore(&u->rx_ic[k], (uint32_t)(low - 1u));
            }
        }
        o += 16u;
    }
    msdk_cosem_secsetup_t *k = &s->setup[1];
    memcpy(k->sign_key, &p[o], 32u);
    memcpy(k->sign_pub, &p[o + 32u], 65u);
    memcpy(k->client_pub, &p[o + 97u], 65u);
    memcpy(s->client7_key, &p[o + 162u], 32u);
    k->has_sign_key = true;
    k->has_client_pub = (k->client_pub[0] == 0x04u); /* zero once its certificate went */
    o += KEYS_LEN;
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        const msdk_cosem_lockout_record_t r = { msdk_load_u32le(&p[o]), p[o + 4u], p[o + 5u] };
        if (msdk_cosem_lockout_load(&s->lockout[i], &s->server.lockout_cfg, s->server.now_ms, &r) !=
            MSDK_OK) {
            msdk_cosem_lockout_init(&s->lockout[i]);
        }
        o += LOCK_LEN;
    }
    return true;
}

/* A key or title from the board's settings (`--config dlms.ek=<hex>` on the simulator):
 * true when given and well formed; a malformed one is logged and ignored. */
static bool config_hex(const char *key, uint8_t *out, size_t n)
{
    const char *v = msdk_port_board_config(key);
    if (v == NULL) {
        return false;
    }
    uint8_t tmp[32];
    bool ok = (strlen(v) == 2u * n) && (n <= sizeof tmp);
    for (size_t i = 0; ok && (i < 2u * n); i++) {
        char c = v[i];
        uint8_t d = (c >= '0' && c <= '9')   ? (uint8_t)(c - '0')
                    : (c >= 'A' && c <= 'F') ? (uint8_t)(c - 'A' + 10)
                    : (c >= 'a' && c <= 'f') ? (uint8_t)(c - 'a' + 10)
                                             : 0xFFu;
        ok = d != 0xFFu;
        tmp[i / 2u] = (uint8_t)((i % 2u == 0u) ? (d << 4) : (tmp[i / 2u] | d));
    }
    if (ok) {
        memcpy(out, tmp, n);
    } else {
        msdk_port_board_log("dlms: a configured key or title is not hex of the right length");
    }
    msdk_port_crypto_zeroize(tmp, sizeof tmp);
    return ok;
}

/* First start: the defaults (example keys, new P-256 key pairs), or the configured ones. */
static msdk_err_t defaults(ma304h4_sec_t *s)
{
    msdk_cosem_secsetup_t *m = &s->setup[0];
    m->policy = (uint8_t)(MSDK_COSEM_POLICY_AUTH_REQUEST | MSDK_COSEM_POLICY_ENC_REQUEST |
                          MSDK_COSEM_POLICY_AUTH_RESPONSE | MSDK_COSEM_POLICY_ENC_RESPONSE);
    memcpy(m->ek, gb_ek, 16u);
    memcpy(m->ak, gb_ak, 16u);
    memcpy(m->kek, gb_ek, 16u); /* the Green Book example KEK equals its EK */
    m->keys_set = (uint8_t)(MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST) |
                            MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION) |
                            MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_MASTER));
    (void)config_hex("dlms.ek", m->ek, 16u);
    (void)config_hex("dlms.ak", m->ak, 16u);
    (void)config_hex("dlms.kek", m->kek, 16u);
    msdk_cosem_secsetup_t *t = &s->setup[1];
    t->policy = 0u;
    memcpy(t->ek, m->ek, 16u);
    memcpy(t->ak, m->ak, 16u);
    memcpy(t->kek, m->kek, 16u);
    t->keys_set = m->keys_set;
    msdk_err_t err = msdk_port_crypto_ecdsa_p256_keygen(&s->drbg, t->sign_key, t->sign_pub);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_ecdsa_p256_keygen(&s->drbg, s->client7_key, t->client_pub);
    }
    t->has_sign_key = (err == MSDK_OK);
    t->has_client_pub = (err == MSDK_OK);
    for (uint8_t i = 0; (err == MSDK_OK) && (i < MA304H4_SEC_SETUPS); i++) {
        const msdk_cosem_tx_ic_config_t cfg = { IC_WINDOW, persist_ic, &s->ref[i] };
        err = msdk_cosem_tx_ic_init(&s->setup[i].tx_ic, &cfg, 0u);
        msdk_cosem_rx_ic_init(&s->setup[i].rx_ic[0]);
        msdk_cosem_rx_ic_init(&s->setup[i].rx_ic[1]);
    }
    return err;
}

/* "dlms: test key <what> <hex>" on the board log (no printf: no heap on the target). */
static void log_hex(const char *what, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    static const char head[] = "dlms: test key ";
    char line[200];
    size_t k = sizeof head - 1u;
    memcpy(line, head, k);
    size_t w = strlen(what);
    if (k + w + 1u + 2u * n + 1u > sizeof line) {
        return;
    }
    memcpy(&line[k], what, w);
    k += w;
    line[k++] = ' ';
    for (size_t i = 0; i < n; i++) {
        line[k++] = digits[p[i] >> 4];
        line[k++] = digits[p[i] & 0x0Fu];
    }
    line[k] = '\0';
    msdk_port_board_log(line);
}

msdk_err_t ma304h4_sec_init(ma304h4_sec_t *s)
{
    memset(s, 0, sizeof *s);
    uint8_t title[8];
    memcpy(title, meter_title, sizeof title);
    (void)config_hex("dlms.system-title", title, sizeof title);
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        s->ref[i].sec = s;
        s->ref[i].which = i;
        s->setup[i].suite = i; /* setup 0: suite 0; setup 1: suite 1 (ECDSA) */
        memcpy(s->setup[i].server_title, title, sizeof title);
        s->setup[i].save = save_setup;
        s->setup[i].save_ctx = s;
    }
    s->server.drbg = &s->drbg;
    s->server.lockout = s->lockout;
    msdk_cosem_secevents_init(&s->server.events, NULL, NULL);
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        msdk_cosem_lockout_init(&s->lockout[i]);
    }
    static const char pers[] = "MA304H4 DLMS";
    msdk_err_t err = msdk_port_crypto_init();
    if (err == MSDK_OK) {
        err = msdk_port_crypto_drbg_seed(&s->drbg, msdk_port_crypto_board_entropy, NULL,
                                         (const uint8_t *)pers, sizeof pers - 1u);
    }
    if (err != MSDK_OK) {
        msdk_port_board_log("dlms: no random source: HLS and ciphering are off");
        return err;
    }
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    uint8_t p[MA304H4_NVREC_MAX];
    size_t n = 0u;
    s->stored =
        (nvm != NULL) && (nvm->geo.size >= 2u * REC_SECTORS * nvm->geo.sector_size) &&
        (ma304h4_nvrec_open(&s->rec, nvm, nvm->geo.size - REC_SECTORS * nvm->geo.sector_size,
                            REC_SECTORS, REC_VERSION, p, sizeof p, &n) == MSDK_OK);
    if (s->stored && (n != 0u) &&
        ((msdk_port_board_config("dlms.ek") != NULL) ||
         (msdk_port_board_config("dlms.ak") != NULL) ||
         (msdk_port_board_config("dlms.kek") != NULL))) {
        msdk_port_board_log("dlms: configured keys ignored: the NVM record holds the keys in "
                            "force (change them with key_transfer, or start with a new NVM)");
    }
    if (!s->stored || (n == 0u) || !restore(s, p, n)) {
        err = defaults(s);
        if ((err == MSDK_OK) && s->stored) {
            err = save(s, 0xFFu, 0u);
        }
    }
    msdk_port_crypto_zeroize(p, sizeof p);
    if (!s->stored) {
        msdk_port_board_log("dlms: no NVM for the security state: counters restart at 0");
    }
    /* Setup 1's certificates, below the record's ring; the client key of HLS 7 follows the
     * stored client certificate. */
    s->setup[1].certs = ma304h4_certs_open(
        &s->certs, (nvm != NULL) ? nvm->geo.size - REC_SECTORS * nvm->geo.sector_size : 0u);
    msdk_err_t synced = msdk_cosem_secsetup_sync_certs(&s->setup[1]);
    (void)synced; /* without a client certificate the record's key stays */
    const msdk_cosem_secsetup_t *m = &s->setup[0];
    log_hex("system-title", m->server_title, 8u);
    log_hex("EK", m->ek, 16u);
    log_hex("AK", m->ak, 16u);
    log_hex("KEK", m->kek, 16u);
    log_hex("client7-private", s->client7_key, 32u);
    log_hex("client7-public", s->setup[1].client_pub, 65u);
    log_hex("meter-public", s->setup[1].sign_pub, 65u);
    return err;
}

void ma304h4_sec_tick(ma304h4_sec_t *s, uint64_t now_ms)
{
    s->server.now_ms = now_ms;
    /* A change of the lockout state (a failure counted, a success) is saved at once, so
     * that restarting the meter does not reset it. */
    bool changed = false;
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        msdk_cosem_lockout_record_t r;
        msdk_cosem_lockout_save(&s->lockout[i], now_ms, &r);
        uint8_t v = (uint8_t)((r.level << 4) | (r.failures & 0x0Fu));
        changed = changed || (v != s->lock_saved[i]);
        s->lock_saved[i] = v;
    }
    if (changed) {
        (void)save(s, 0xFFu, 0u);
    }
}

uint32_t ma304h4_sec_client_ic(const ma304h4_sec_t *s, unsigned setup)
{
    uint64_t low = msdk_cosem_rx_ic_lowest_acceptable(&s->setup[setup].rx_ic[0]);
    return (low > UINT32_MAX) ? UINT32_MAX : (uint32_t)low;
}
