/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Slave models of the simulated M-Bus segment: the default population, the link layer
 * of a slave (frames from the master, FCB, selection, primary address, baud rate) and
 * the RSP_UD telegrams (long header CI 0x72; the gas meter encrypted with OMS mode 5, the
 * mode 7 water meter behind an AFL with its AES-CMAC, both through mbedTLS, independently
 * of lib/mbus). */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>
#include "mbedtls/aes.h"
#include "mbedtls/cipher.h"
#include "mbedtls/cmac.h"
#include "host_mbus.h"

#define C_SND_NKE   0x40u
#define C_FCB       0x20u
#define C_FCV       0x10u
#define C_FUNC_MASK 0xCFu /* C without FCB/FCV */
#define C_SND_UD    0x43u /* 0x53 / 0x73 without FCB/FCV */
#define C_REQ_UD2   0x4Bu /* 0x5B / 0x7B */
#define C_REQ_UD1   0x4Au /* 0x5A / 0x7A */
#define C_RSP_UD    0x08u
#define ACK         0xE5u
#define ADDR_MAX    250u
#define ADDR_SEC    253u
#define ADDR_BC     254u
#define ADDR_BC_NR  255u
#define CI_RSP_LONG 0x72u
#define CI_AFL      0x90u

/* OMS mode 7 (OMS Vol.2, EN 13757-7): the AFL of a whole message with its message
 * counter and MAC, and the transport layer's configuration field extension. */
#define AFL_LEN       15u     /* AFLL: FCL 2, MCL, MCR 4, MAC 8 */
#define AFL_FCL       0x2C00u /* MCL present (bit 13), MCR present (11), MAC present (10) */
#define AFL_MCL       0x25u   /* MCR in the message (bit 5), AES-CMAC-128 truncated to 8 (5) */
#define AFL_MAC_LEN   8u
#define MODE7         0x07u
#define MODE7_CFE     0x10u /* KDF-A (bits 4..5 = 1), no key version, no TPL counter */
#define KDF_ENC_METER 0x00u /* derivation constants of the meter's Kenc and Kmac */
#define KDF_MAC_METER 0x01u

/* EN 13757-3 manufacturer code of three capital letters. */
#define MFR(a, b, c)                                                                               \
    ((uint16_t)(((((unsigned)(a)-64u) * 32u + ((unsigned)(b)-64u)) * 32u) + ((unsigned)(c)-64u)))

static const uint8_t gas_key[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                     0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11 };
/* Master key of the mode 7 water meter: the OMS Vol.2 Annex N mode 7 example's. */
static const uint8_t water7_key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                        0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };

typedef struct slave_def {
    msdk_host_mbus_model_t model;
    uint8_t primary;
    uint32_t id;
    uint16_t manufacturer;
    uint8_t version;
    uint8_t medium;
    uint32_t volume_base;
    uint32_t volume_per_min;
} slave_def_t;

/* The default population: ports/host/README.md has the same table. */
static const slave_def_t population[MSDK_HOST_MBUS_SLAVES] = {
    { MSDK_HOST_MBUS_WATER, 1u, 0x12345678u, MFR('M', 'S', 'W'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_GAS, 2u, 0x1A2B3C4Du, MFR('M', 'S', 'G'), 0x02u, 0x03u, 5000u, 1u },
    { MSDK_HOST_MBUS_HEAT, 3u, 0x87654321u, MFR('M', 'S', 'H'), 0x03u, 0x04u, 20000u, 5u },
    { MSDK_HOST_MBUS_SLOW, 4u, 0x00000044u, MFR('M', 'S', 'S'), 0x01u, 0x07u, 300000u, 1u },
    { MSDK_HOST_MBUS_BAD, 5u, 0x55555555u, MFR('M', 'S', 'B'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_WATER, 6u, 0x66000001u, MFR('M', 'S', 'C'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_WATER, 6u, 0x66000002u, MFR('M', 'S', 'C'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_WATER, 0u, 0x0000ABCDu, MFR('M', 'S', 'W'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_WATER, 0u, 0x0000ABCEu, MFR('M', 'S', 'W'), 0x01u, 0x07u, 100000u, 2u },
    { MSDK_HOST_MBUS_WATER7, 7u, 0x77000007u, MFR('M', 'S', 'E'), 0x07u, 0x07u, 700000u, 3u },
};

/* Rates of the CI 0xB8..0xBF baud-change commands. */
static const uint32_t ci_rates[8] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u, 38400u };

void msdk_host_mbus_population(msdk_host_mbus_t *seg)
{
    for (size_t i = 0; i < MSDK_HOST_MBUS_SLAVES; i++) {
        const slave_def_t *d = &population[i];
        msdk_host_mbus_slave_t *s = &seg->slave[i];
        memset(s, 0, sizeof(*s));
        s->model = d->model;
        s->connected = true;
        s->primary = d->primary;
        s->id = d->id;
        s->manufacturer = d->manufacturer;
        s->version = d->version;
        s->medium = d->medium;
        s->baud = MSDK_HOST_MBUS_BAUD;
        s->volume_base = d->volume_base;
        s->volume_per_min = d->volume_per_min;
        s->key = (d->model == MSDK_HOST_MBUS_GAS)      ? gas_key
                 : (d->model == MSDK_HOST_MBUS_WATER7) ? water7_key
                                                       : NULL;
        if (d->model == MSDK_HOST_MBUS_SLOW) {
            s->delay_bits = 330u;
            s->delay_us = 30000u;
        } else {
            s->delay_bits = 11u;
            s->delay_us = 2000u;
        }
    }
}

void msdk_host_mbus_slave_drop(msdk_host_mbus_slave_t *s)
{
    s->rx_len = 0;
    s->tx_len = 0;
    s->tx_sent = 0;
    s->pending_baud = 0;
    s->selected = false;
    s->fcb_valid = false;
    s->last_len = 0;
}

/* ---- replies ------------------------------------------------------------------------- */

static void schedule(msdk_host_mbus_slave_t *s, const uint8_t *bytes, uint16_t len, uint64_t t_us,
                     unsigned port)
{
    memcpy(s->tx, bytes, len);
    s->tx_len = len;
    s->tx_sent = 0;
    s->tx_baud = s->baud;
    s->tx_port = port;
    /* the reply delay: ceil(delay_bits bit times) + delay_us after the request's end */
    s->tx_start_us =
        t_us + ((uint64_t)s->delay_bits * 1000000u + s->baud - 1u) / s->baud + s->delay_us;
}

static void ack(msdk_host_mbus_slave_t *s, uint64_t t_us, unsigned port)
{
    const uint8_t e5 = ACK;
    schedule(s, &e5, 1u, t_us, port);
}

/* ---- telegrams ----------------------------------------------------------------------- */

static size_t put_bcd8(uint8_t *p, uint32_t v)
{
    for (size_t i = 0; i < 4u; i++) {
        uint8_t lo = (uint8_t)(v % 10u);
        v /= 10u;
        uint8_t hi = (uint8_t)(v % 10u);
        v /= 10u;
        p[i] = (uint8_t)((hi << 4) | lo);
    }
    return 4u;
}

static size_t put_le(uint8_t *p, uint32_t v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)(v >> (8u * i));
    }
    return n;
}

/* Type F date-time (EN 13757-3): minute, hour, day + year bits 0..2, month + year bits 3..6. */
static size_t put_type_f(uint8_t *p, int64_t utc_s)
{
    struct tm tm;
    time_t tt = (time_t)utc_s;
    memset(&tm, 0, sizeof(tm));
    if (gmtime_r(&tt, &tm) == NULL) {
        memset(p, 0, 4u);
        p[0] = 0x80u; /* invalid */
        return 4u;
    }
    unsigned year = (unsigned)((tm.tm_year + 1900) % 100);
    p[0] = (uint8_t)tm.tm_min;
    p[1] = (uint8_t)tm.tm_hour;
    p[2] = (uint8_t)((unsigned)tm.tm_mday | ((year & 0x07u) << 5));
    p[3] = (uint8_t)((unsigned)(tm.tm_mon + 1) | ((year >> 3) << 4));
    return 4u;
}

static size_t water_records(const msdk_host_mbus_slave_t *s, uint8_t *p, uint64_t t_min,
                            int64_t utc_s)
{
    size_t n = 0;
    p[n++] = 0x0Cu; /* BCD8 */
    p[n++] = 0x13u; /* volume, L */
    n += put_bcd8(&p[n], (uint32_t)(s->volume_base + (uint64_t)s->volume_per_min * t_min));
    p[n++] = 0x04u; /* int32 */
    p[n++] = 0x6Du; /* date-time type F */
    n += put_type_f(&p[n], utc_s);
    return n;
}

static size_t heat_records(msdk_host_mbus_slave_t *s, uint8_t *p, uint64_t t_min, int64_t utc_s)
{
    size_t n = 0;
    switch (s->telegram) {
    case 0:
        p[n++] = 0x04u; /* int32 */
        p[n++] = 0x06u; /* energy, kWh */
        n += put_le(&p[n], (uint32_t)(1000u + t_min / 60u), 4u);
        p[n++] = 0x0Cu; /* BCD8 */
        p[n++] = 0x13u; /* volume, L */
        n += put_bcd8(&p[n], (uint32_t)(s->volume_base + (uint64_t)s->volume_per_min * t_min));
        p[n++] = 0x1Fu; /* more records follow */
        break;
    case 1:
        p[n++] = 0x02u; /* int16 */
        p[n++] = 0x5Bu; /* flow temperature, C */
        n += put_le(&p[n], 60u, 2u);
        p[n++] = 0x02u;
        p[n++] = 0x5Fu; /* return temperature, C */
        n += put_le(&p[n], 40u, 2u);
        p[n++] = 0x1Fu;
        break;
    default:
        p[n++] = 0x04u;
        p[n++] = 0x2Bu; /* power, W */
        n += put_le(&p[n], 1500u, 4u);
        p[n++] = 0x04u;
        p[n++] = 0x6Du;
        n += put_type_f(&p[n], utc_s);
        break;
    }
    s->telegram = (uint8_t)((s->telegram + 1u) % 3u);
    return n;
}

/* Mode 5 (OMS profile A): AES-128-CBC, IV = manufacturer, ID, version, medium as
 * transmitted, then the access number 8 times; the payload starts with 2F 2F and is
 * padded with 2F to whole blocks. Returns the encrypted length (0 on a crypto error). */
static size_t gas_payload(const msdk_host_mbus_slave_t *s, uint8_t *p, uint64_t t_min,
                          int64_t utc_s)
{
    uint8_t plain[32];
    size_t n = 0;
    plain[n++] = 0x2Fu;
    plain[n++] = 0x2Fu;
    plain[n++] = 0x0Cu; /* BCD8 */
    plain[n++] = 0x14u; /* volume, 0.01 m3 */
    n += put_bcd8(&plain[n], (uint32_t)(s->volume_base + (uint64_t)s->volume_per_min * t_min));
    plain[n++] = 0x04u;
    plain[n++] = 0x6Du;
    n += put_type_f(&plain[n], utc_s);
    while ((n % 16u) != 0u) {
        plain[n++] = 0x2Fu;
    }
    uint8_t iv[16];
    (void)put_le(&iv[0], s->manufacturer, 2u);
    (void)put_le(&iv[2], s->id, 4u);
    iv[6] = s->version;
    iv[7] = s->medium;
    memset(&iv[8], s->access, 8u);
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    int rc = mbedtls_aes_setkey_enc(&aes, s->key, 128u);
    if (rc == 0) {
        rc = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, n, iv, plain, p);
    }
    mbedtls_aes_free(&aes);
    return (rc == 0) ? n : 0u;
}

/* AES-CMAC (RFC 4493) with a 128-bit key: mbedTLS's one-shot form. */
static int cmac128(const uint8_t *key, const uint8_t *msg, size_t len, uint8_t mac[16])
{
    const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_128_ECB);
    return (info == NULL) ? -1 : mbedtls_cipher_cmac(info, key, 128u, msg, len, mac);
}

/* KDF-A of mode 7: AES-CMAC(K, DC | C | ID | 0x07 x 7), C the message counter LSB first,
 * ID the identification number as transmitted. */
static int kdf_a(const msdk_host_mbus_slave_t *s, uint8_t dc, uint8_t derived[16])
{
    uint8_t in[16];
    in[0] = dc;
    (void)put_le(&in[1], s->message_counter, 4u);
    (void)put_le(&in[5], s->id, 4u);
    memset(&in[9], 0x07, 7u);
    return cmac128(s->key, in, sizeof(in), derived);
}

/* Mode 7 data: the records of the water meter after 2F 2F, padded with 2F to whole blocks,
 * AES-128-CBC with Kenc and a zero IV. Returns the encrypted length (0 on a crypto error). */
static size_t water7_payload(const msdk_host_mbus_slave_t *s, uint8_t *p, uint64_t t_min,
                             int64_t utc_s)
{
    uint8_t plain[32];
    size_t n = 0;
    plain[n++] = 0x2Fu;
    plain[n++] = 0x2Fu;
    n += water_records(s, &plain[n], t_min, utc_s);
    while ((n % 16u) != 0u) {
        plain[n++] = 0x2Fu;
    }
    uint8_t kenc[16];
    uint8_t iv[16] = { 0 };
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    int rc = kdf_a(s, KDF_ENC_METER, kenc);
    if (rc == 0) {
        rc = mbedtls_aes_setkey_enc(&aes, kenc, 128u);
    }
    if (rc == 0) {
        rc = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, n, iv, plain, p);
    }
    mbedtls_aes_free(&aes);
    return (rc == 0) ? n : 0u;
}

/* The AFL MAC of mode 7: the first 8 bytes of AES-CMAC(Kmac, MCL | MCR | the transport
 * layer from its CI to the end). mcl points at MCL, MCR follows it. */
static void water7_mac(const msdk_host_mbus_slave_t *s, const uint8_t *mcl, const uint8_t *tpl,
                       size_t tpl_len, uint8_t *mac)
{
    uint8_t msg[5u + 252u];
    uint8_t kmac[16];
    uint8_t full[16];
    memcpy(msg, mcl, 5u);
    memcpy(&msg[5], tpl, tpl_len);
    int rc = kdf_a(s, KDF_MAC_METER, kmac);
    if (rc == 0) {
        rc = cmac128(kmac, msg, 5u + tpl_len, full);
    }
    if (rc == 0) {
        memcpy(mac, full, AFL_MAC_LEN);
    } else {
        memset(mac, 0, AFL_MAC_LEN); /* a MAC that cannot match */
    }
}

/* A new RSP_UD (access number incremented) into out; returns its length. */
static uint16_t build_rsp(msdk_host_mbus_t *seg, msdk_host_mbus_slave_t *s, uint64_t t_us,
                          uint8_t *out)
{
    uint8_t d[252];
    size_t n = 0;
    uint64_t t_min = t_us / 60000000u;
    int64_t utc_s = (seg->rtc_fn != NULL) ? seg->rtc_fn(seg->ctx, t_us)
                                          : 1767225600 + (int64_t)(t_us / 1000000u);
    s->access++;
    uint8_t ci = CI_RSP_LONG;
    size_t mcl_at = 0;
    size_t tpl_at = 0; /* the CI 0x72 in d, behind an AFL */
    if (s->model == MSDK_HOST_MBUS_WATER7) {
        s->message_counter++;
        ci = CI_AFL;
        d[n++] = AFL_LEN;
        n += put_le(&d[n], AFL_FCL, 2u);
        mcl_at = n;
        d[n++] = AFL_MCL;
        n += put_le(&d[n], s->message_counter, 4u);
        memset(&d[n], 0, AFL_MAC_LEN); /* the MAC, once the rest is there */
        n += AFL_MAC_LEN;
        tpl_at = n;
        d[n++] = CI_RSP_LONG;
    }
    n += put_le(&d[n], s->id, 4u);
    n += put_le(&d[n], s->manufacturer, 2u);
    d[n++] = s->version;
    d[n++] = s->medium;
    d[n++] = s->access;
    d[n++] = s->status;
    size_t cfg_at = n;
    d[n++] = 0x00u; /* configuration: no encryption */
    d[n++] = 0x00u;
    switch (s->model) {
    case MSDK_HOST_MBUS_GAS: {
        size_t enc = gas_payload(s, &d[n], t_min, utc_s);
        d[cfg_at] = (uint8_t)((enc / 16u) << 4); /* number of encrypted blocks */
        d[cfg_at + 1u] = 0x05u;                  /* security mode 5 */
        n += enc;
        break;
    }
    case MSDK_HOST_MBUS_WATER7: {
        d[n++] = MODE7_CFE;
        size_t enc = water7_payload(s, &d[n], t_min, utc_s);
        d[cfg_at] = (uint8_t)((enc / 16u) << 4); /* number of encrypted blocks */
        d[cfg_at + 1u] = MODE7;                  /* security mode 7 */
        n += enc;
        water7_mac(s, &d[mcl_at], &d[tpl_at], n - tpl_at, &d[mcl_at + 5u]);
        break;
    }
    case MSDK_HOST_MBUS_HEAT: n += heat_records(s, &d[n], t_min, utc_s); break;
    default: n += water_records(s, &d[n], t_min, utc_s); break;
    }
    uint8_t cs = (uint8_t)(C_RSP_UD + s->primary + ci);
    for (size_t i = 0; i < n; i++) {
        cs = (uint8_t)(cs + d[i]);
    }
    if (s->model == MSDK_HOST_MBUS_BAD) {
        cs = (uint8_t)(cs + 1u);
    }
    size_t k = 0;
    out[k++] = 0x68u;
    out[k++] = (uint8_t)(n + 3u);
    out[k++] = (uint8_t)(n + 3u);
    out[k++] = 0x68u;
    out[k++] = C_RSP_UD;
    out[k++] = s->primary;
    out[k++] = ci;
    memcpy(&out[k], d, n);
    k += n;
    out[k++] = cs;
    out[k++] = 0x16u;
    s->responses++;
    return (uint16_t)k;
}

/* ---- requests ------------------------------------------------------------------------ */

static bool addressed(const msdk_host_mbus_slave_t *s, uint8_t a)
{
    return ((a <= ADDR_MAX) && (a == s->primary)) || ((a == ADDR_SEC) && s->selected) ||
           (a == ADDR_BC) || (a == ADDR_BC_NR);
}

/* Secondary selection: 8 bytes, ID nibble F, manufacturer 0xFFFF, version/medium 0xFF wild. */
/* Whether selection data `d` (CI 0x52: fields least significant byte first; CI 0x56, mode 2:
 * most significant byte first) names this slave. */
static bool selection_matches(const msdk_host_mbus_slave_t *s, const uint8_t *d, bool msb_first)
{
    uint8_t b[8];
    memcpy(b, d, sizeof b);
    if (msb_first) {
        for (unsigned i = 0; i < 4u; i++) {
            b[i] = d[3u - i];
        }
        b[4] = d[5];
        b[5] = d[4];
    }
    d = b;
    uint32_t sel =
        (uint32_t)d[0] | ((uint32_t)d[1] << 8) | ((uint32_t)d[2] << 16) | ((uint32_t)d[3] << 24);
    for (unsigned i = 0; i < 8u; i++) {
        uint32_t nib = (sel >> (4u * i)) & 0xFu;
        if ((nib != 0xFu) && (nib != ((s->id >> (4u * i)) & 0xFu))) {
            return false;
        }
    }
    uint16_t mfr = (uint16_t)(d[4] | (d[5] << 8));
    return ((mfr == 0xFFFFu) || (mfr == s->manufacturer)) &&
           ((d[6] == 0xFFu) || (d[6] == s->version)) && ((d[7] == 0xFFu) || (d[7] == s->medium));
}

static void on_short(msdk_host_mbus_t *seg, msdk_host_mbus_slave_t *s, uint8_t c, uint8_t a,
                     uint64_t t_us, unsigned port)
{
    if (!addressed(s, a)) {
        return;
    }
    bool reply = (a != ADDR_BC_NR);
    if (c == C_SND_NKE) {
        s->fcb_valid = true; /* the next REQ_UD2 with FCB = 1 is a new one */
        s->fcb_next = true;
        s->telegram = 0;
        s->last_len = 0;
        if (a == ADDR_SEC) {
            s->selected = false; /* deselected by SND_NKE to 253 only; the E5 is scheduled below */
        }
        if (reply) {
            ack(s, t_us, port);
        }
        return;
    }
    if ((c & C_FUNC_MASK) == C_REQ_UD2) {
        if (!reply) {
            return;
        }
        bool fcv = (c & C_FCV) != 0u;
        bool fcb = (c & C_FCB) != 0u;
        if (fcv && s->fcb_valid && (fcb != s->fcb_next) && (s->last_len > 0u)) {
            schedule(s, s->last, s->last_len, t_us, port); /* a retry: the same telegram */
            s->responses++;
            return;
        }
        s->last_len = build_rsp(seg, s, t_us, s->last);
        s->fcb_valid = fcv;
        s->fcb_next = !fcb;
        schedule(s, s->last, s->last_len, t_us, port);
        return;
    }
    if (((c & C_FUNC_MASK) == C_REQ_UD1) && reply) {
        ack(s, t_us, port); /* no class 1 data */
    }
}

static void on_long(msdk_host_mbus_slave_t *s, uint8_t c, uint8_t a, uint8_t ci, const uint8_t *d,
                    size_t len, uint64_t t_us, unsigned port)
{
    if ((c & C_FUNC_MASK) != C_SND_UD) {
        return;
    }
    if ((a == ADDR_SEC) && ((ci == 0x52u) || (ci == 0x56u))) {
        if ((len >= 8u) && selection_matches(s, d, ci == 0x56u)) {
            s->selected = true;
            s->fcb_valid = true;
            s->fcb_next = true;
            s->last_len = 0;
            ack(s, t_us, port);
        } else {
            s->selected = false;
        }
        return;
    }
    if (!addressed(s, a)) {
        return;
    }
    if ((ci == 0x51u) && (len == 3u) && (d[0] == 0x01u) && (d[1] == 0x7Au) && (d[2] <= ADDR_MAX)) {
        s->primary = d[2];
    } else if (ci == 0x50u) {
        s->telegram = 0; /* application reset */
    } else if ((ci >= 0xB8u) && (ci <= 0xBFu)) {
        s->pending_baud = ci_rates[ci - 0xB8u]; /* after the E5, at the old rate */
    }
    if (a != ADDR_BC_NR) {
        ack(s, t_us, port);
    } else if (s->pending_baud != 0u) {
        s->baud = s->pending_baud;
        s->pending_baud = 0;
    }
}

void msdk_host_mbus_slave_hear(msdk_host_mbus_t *seg, msdk_host_mbus_slave_t *s, unsigned port,
                               uint8_t byte, bool ok, uint64_t t_us)
{
    if (!ok) {
        s->rx_len = 0; /* garbage: framing or parity error, or another rate */
        return;
    }
    /* A gap of more than 33 bit times between two bytes ends a frame. */
    if ((s->rx_len > 0u) && (t_us - s->rx_last_us > msdk_host_mbus_bytes_us(1u, s->baud) * 4u)) {
        s->rx_len = 0;
    }
    s->rx_last_us = t_us;
    if (s->rx_len >= MSDK_HOST_MBUS_FRAME_MAX) {
        s->rx_len = 0;
    }
    s->rx[s->rx_len++] = byte;
    const uint8_t *r = s->rx;
    size_t n = s->rx_len;
    if (r[0] == 0x10u) {
        if (n == 5u) {
            s->rx_len = 0;
            if ((r[4] == 0x16u) && (r[3] == (uint8_t)(r[1] + r[2]))) {
                on_short(seg, s, r[1], r[2], t_us, port);
            }
        }
        return;
    }
    if (r[0] != 0x68u) {
        s->rx_len = 0;
        return;
    }
    if (((n >= 2u) && (r[1] < 3u)) || ((n >= 3u) && (r[2] != r[1])) ||
        ((n >= 4u) && (r[3] != 0x68u))) {
        s->rx_len = 0;
        return;
    }
    if ((n < 4u) || (n < (size_t)r[1] + 6u)) {
        return;
    }
    size_t l = r[1];
    uint8_t cs = 0;
    for (size_t i = 0; i < l; i++) {
        cs = (uint8_t)(cs + r[4u + i]);
    }
    s->rx_len = 0;
    if ((r[4u + l] == cs) && (r[5u + l] == 0x16u)) {
        on_long(s, r[4], r[5], r[6], &r[7], l - 3u, t_us, port);
    }
}
