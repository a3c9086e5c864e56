/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * libFuzzer harness for the application layer of libmbus with OMS security: the transport
 * header (msdk/mbus/tpl.h), the decryption of security modes 5 and 7 (msdk/mbus/security.h,
 * on the mbedTLS crypto port) and the data record walk (msdk/mbus/record.h) of what decrypts.
 *
 * Input: a selector byte, then the data of a long frame from its CI byte (0x90 AFL, 0x72 or
 * 0x7A transport header, or anything else). Selector bits:
 * - 0..1: 0 and 3 take the bytes as they are; 1 seals them as a mode 5 telegram and 2 as a
 *   mode 7 telegram (an AFL with counter and MAC is put in front) with the OMS Annex N keys,
 *   so that the paths after the 2F 2F check and the MAC are reached, which a fuzzer cannot
 *   forge; the sealing below is an independent model of OMS Vol.2 (AES-CBC with the mode 5 IV,
 *   KDF-A and the AFL CMAC from the crypto port directly);
 * - 2: decrypt in place instead of into a separate buffer;
 * - 3: no link layer address (only the long header may decrypt then);
 * - 4: an output buffer of half the input's size.
 * Both keys (Annex N mode 5 and mode 7) are tried on every input.
 *
 * Besides the sanitizers (every buffer the library reads or writes is a heap block of its
 * exact size), the harness aborts when a documented contract breaks:
 * - msdk_mbus_tpl_decode(): on error the output is untouched; on success the payload lies
 *   inside the input and ends with it;
 * - msdk_mbus_sec_decrypt(): the input is never written (but in place, behind the header);
 *   on MSDK_ERR_AUTH the output is zeros over whole blocks and untouched after them, on any
 *   other error untouched, and `info` is untouched on every error; on success the lengths
 *   add up (header + data = input, 16 bytes per block), the data starts with 2F 2F, the
 *   unencrypted rest is copied as it is, nothing is written past the data, in place gives
 *   the same bytes as a separate buffer, and the header fields agree with the transport
 *   header decoder's; a telegram sealed here with a key decrypts with it to the very bytes
 *   that were sealed;
 * - the record walk (decrypted data, and unencrypted payloads) stays inside its bytes,
 *   terminates, and keeps returning its end code; decoded dates and daylight saving records
 *   (type K) are within their ranges.
 *
 * Built with -DFUZZ_MBUS_SECURE_SEEDS it is instead a program that writes the seed corpus
 * (the OMS Annex N example telegrams and a few plain ones) into the directory it is given.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "msdk/mbus/record.h"
#include "msdk/mbus/security.h"
#include "msdk/mbus/tpl.h"
#include "msdk/port/crypto.h"

#define SEL_SEAL_MASK 0x03u
#define SEL_SEAL5     0x01u
#define SEL_SEAL7     0x02u
#define SEL_IN_PLACE  0x04u
#define SEL_NO_ADDR   0x08u
#define SEL_SMALL_OUT 0x10u

#define GUARD    0xA5u
#define AFL_LEN  17u  /* 90 0F FCL 2, MCL, MCR 4, MAC 8 */
#define MAX_IN   400u /* longer inputs are cut (the library refuses above 255 anyway) */
#define LONG_HDR 13u  /* CI 72, ID 4, M 2, version, medium, ACC, ST, CF 2 */
#define SHRT_HDR 5u   /* CI 7A, ACC, ST, CF 2 */

#ifndef FUZZ_MBUS_SECURE_SEEDS

/* OMS Annex N keys and the link layer address of its example meter (ELS 12345678 v33 gas). */
static const uint8_t k_key5[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                    0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11 };
static const uint8_t k_key7[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                    0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };
static const uint8_t k_addr[8] = { 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int cond)
{
    if (!cond) {
        abort();
    }
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
    uint8_t *b = (uint8_t *)malloc((n > 0u) ? n : 1u);
    check(b != NULL);
    if (n > 0u) {
        memcpy(b, p, n);
    }
    return b;
}

static bool all_are(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

/* ---- Record walk ------------------------------------------------------------------------ */

static bool inside(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
    return (n == 0u) || (p != NULL && p >= data && n <= size && p <= data + size - n);
}

static void walk(const uint8_t *data, size_t size)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t rec;
    msdk_mbus_rec_iter_init(&it, data, size);
    size_t end = 0;
    size_t records = 0;
    msdk_err_t err;
    while ((err = msdk_mbus_rec_next(&it, &rec)) == MSDK_OK || err == MSDK_ERR_MALFORMED) {
        check(rec.length > 0u && rec.offset >= end && rec.offset < size &&
              rec.length <= size - rec.offset);
        end = rec.offset + rec.length;
        check(inside(rec.data, rec.data_len, data, size));
        check(inside(rec.vif_text, rec.vif_text_len, data, size));
        check(rec.dife_count <= MSDK_MBUS_DIFE_MAX && rec.vife_count <= MSDK_MBUS_VIFE_MAX);
        if ((rec.flags & MSDK_MBUS_VAL_DATETIME) != 0u && !rec.datetime.invalid) {
            check(rec.datetime.month <= 12u && rec.datetime.hour <= 23u &&
                  rec.datetime.minute <= 59u && rec.datetime.second <= 59u);
        }
        if ((rec.flags & MSDK_MBUS_VAL_DST) != 0u) {
            check(rec.quantity == MSDK_MBUS_Q_DST && rec.data_len == 4u);
            check(rec.dst.begin_hour <= 23u && rec.dst.begin_month <= 12u &&
                  rec.dst.end_month <= 12u && rec.dst.begin_day <= 31u && rec.dst.end_day <= 31u);
            check(rec.dst.deviation >= -3 && rec.dst.deviation <= 3 &&
                  rec.dst.local_deviation <= 31u);
        }
        check(++records <= size);
    }
    check(err == MSDK_ERR_NOT_FOUND || err == MSDK_ERR_TRUNCATED || err == MSDK_ERR_NOT_SUPPORTED);
    check(msdk_mbus_rec_next(&it, &rec) == err);
}

/* ---- Transport header ------------------------------------------------------------------- */

/* Decodes the transport header of @p in; walks an unencrypted payload. Returns true and the
 * header in @p out when it decoded. */
static bool check_tpl(const uint8_t *in, size_t n, msdk_mbus_tpl_t *out)
{
    msdk_mbus_tpl_t t;
    msdk_mbus_tpl_t guard;
    memset(&t, GUARD, sizeof t);
    memcpy(&guard, &t, sizeof t);
    uint8_t *body = dup_bytes(&in[1], n - 1u);
    msdk_err_t err = msdk_mbus_tpl_decode(in[0], body, n - 1u, &t);
    bool ok = (err == MSDK_OK);
    if (!ok) {
        check(memcmp(&t, &guard, sizeof t) == 0);
    } else {
        check(t.ci == in[0]);
        check(t.payload_offset <= n - 1u);
        if (t.kind == MSDK_MBUS_TPL_RECORDS) {
            check(t.payload_offset + t.payload_len == n - 1u);
            if (t.security_mode == MSDK_MBUS_SEC_NONE) {
                walk(&body[t.payload_offset], t.payload_len);
            }
        }
        *out = t;
    }
    free(body);
    return ok;
}

/* ---- Sealing (independent model of OMS Vol.2 modes 5 and 7) ----------------------------- */

/* Seals @p in (a TPL first) as mode 5 with k_key5; false when it cannot be sealed. The
 * plaintext blocks go to @p plain. */
static bool seal5(uint8_t *in, size_t n, const uint8_t *addr, uint8_t *plain, size_t *plain_len)
{
    size_t hdr;
    uint8_t iv[16];
    if (n < 1u) {
        return false;
    }
    if (in[0] == 0x72u) {
        hdr = LONG_HDR;
    } else if (in[0] == 0x7Au) {
        hdr = SHRT_HDR;
    } else {
        return false;
    }
    if (n < hdr + 16u) {
        return false;
    }
    size_t blocks = (size_t)((in[hdr - 2u] >> 4) & 0x0Fu);
    if (blocks == 0u || blocks > (n - hdr) / 16u) {
        blocks = (n - hdr) / 16u;
    }
    if (blocks > 15u) {
        blocks = 15u;
    }
    /* Configuration field: mode 5, the block count, the other bits as they were. */
    in[hdr - 2u] = (uint8_t)((in[hdr - 2u] & 0x0Fu) | (blocks << 4));
    in[hdr - 1u] = (uint8_t)((in[hdr - 1u] & 0xE0u) | 5u);
    if (hdr == LONG_HDR) {
        memcpy(iv, &in[5], 2u); /* manufacturer */
        memcpy(&iv[2], &in[1], 4u);
        iv[6] = in[7];
        iv[7] = in[8];
    } else {
        if (addr == NULL) {
            return false;
        }
        memcpy(iv, addr, 8u);
    }
    memset(&iv[8], in[hdr - 4u], 8u);
    *plain_len = blocks * 16u;
    in[hdr] = 0x2Fu;
    in[hdr + 1u] = 0x2Fu;
    memcpy(plain, &in[hdr], *plain_len);
    check(msdk_port_crypto_aes_cbc_encrypt(k_key5, 16u, iv, plain, *plain_len, &in[hdr]) ==
          MSDK_OK);
    return true;
}

/* KDF-A: AES-CMAC(K, DC | counter | ID | 07 x 7). */
static void kdf(uint8_t dc, uint32_t counter, const uint8_t *id, uint8_t *out)
{
    uint8_t m[16];
    m[0] = dc;
    for (unsigned i = 0; i < 4u; i++) {
        m[1u + i] = (uint8_t)(counter >> (8u * i));
    }
    memcpy(&m[5], id, 4u);
    memset(&m[9], 0x07, 7u);
    check(msdk_port_crypto_aes_cmac(k_key7, 16u, m, sizeof m, out) == MSDK_OK);
}

/* Seals @p tpl (@p n bytes, a TPL first) as mode 7 with k_key7 into @p out (AFL_LEN + n bytes):
 * an AFL with message counter @p counter and the MAC, then the TPL with mode 7, KDF-A and no
 * TPL counter. False when it cannot be sealed. */
static bool seal7(const uint8_t *tpl, size_t n, const uint8_t *addr, uint32_t counter, uint8_t *out,
                  uint8_t *plain, size_t *plain_len)
{
    size_t hdr;
    if (n < 1u) {
        return false;
    }
    if (tpl[0] == 0x72u) {
        hdr = LONG_HDR;
    } else if (tpl[0] == 0x7Au) {
        hdr = SHRT_HDR;
    } else {
        return false;
    }
    if (n < hdr + 1u + 16u) {
        return false;
    }
    uint8_t *t = &out[AFL_LEN];
    memcpy(t, tpl, n);
    size_t blocks = (size_t)((t[hdr - 2u] >> 4) & 0x0Fu);
    if (blocks == 0u || blocks > (n - hdr - 1u) / 16u) {
        blocks = (n - hdr - 1u) / 16u;
    }
    if (blocks > 15u) {
        blocks = 15u;
    }
    t[hdr - 2u] = (uint8_t)((t[hdr - 2u] & 0x0Fu) | (blocks << 4));
    t[hdr - 1u] = (uint8_t)((t[hdr - 1u] & 0xC0u) | 7u); /* no TPL counter (bit 13) */
    t[hdr] = 0x10u;                                      /* KDF-A, no key version */
    const uint8_t *id;
    if (hdr == LONG_HDR) {
        id = &t[1];
    } else {
        if (addr == NULL) {
            return false;
        }
        id = &addr[2];
    }
    uint8_t kenc[16];
    uint8_t kmac[16];
    uint8_t iv[16] = { 0 };
    kdf(0x00u, counter, id, kenc);
    kdf(0x01u, counter, id, kmac);
    uint8_t *d = &t[hdr + 1u];
    *plain_len = blocks * 16u;
    d[0] = 0x2Fu;
    d[1] = 0x2Fu;
    memcpy(plain, d, *plain_len);
    check(msdk_port_crypto_aes_cbc_encrypt(kenc, 16u, iv, plain, *plain_len, d) == MSDK_OK);

    /* AFL: CI, AFLL 15, FCL 0x2C00 (MCL, MCR and MAC present), MCL 0x25, MCR, MAC. */
    out[0] = 0x90u;
    out[1] = 0x0Fu;
    out[2] = 0x00u;
    out[3] = 0x2Cu;
    out[4] = 0x25u;
    for (unsigned i = 0; i < 4u; i++) {
        out[5u + i] = (uint8_t)(counter >> (8u * i));
    }
    uint8_t *msg = (uint8_t *)malloc(5u + n);
    check(msg != NULL);
    memcpy(msg, &out[4], 5u); /* MCL, MCR */
    memcpy(&msg[5], t, n);
    uint8_t mac[16];
    check(msdk_port_crypto_aes_cmac(kmac, 16u, msg, 5u + n, mac) == MSDK_OK);
    free(msg);
    memcpy(&out[9], mac, 8u);
    return true;
}

/* ---- Decryption ------------------------------------------------------------------------- */

static void check_decrypt(const uint8_t *key, const uint8_t *input, size_t n, uint8_t sel,
                          const msdk_mbus_tpl_t *tpl, bool tpl_ok, const uint8_t *sealed,
                          size_t sealed_len)
{
    const uint8_t *addr = ((sel & SEL_NO_ADDR) != 0u) ? NULL : k_addr;
    size_t cap = ((sel & SEL_SMALL_OUT) != 0u) ? n / 2u : n;
    uint8_t *in = dup_bytes(input, n);
    uint8_t *out = (uint8_t *)malloc(cap + 1u);
    check(out != NULL);
    memset(out, GUARD, cap + 1u);
    msdk_mbus_sec_info_t info;
    msdk_mbus_sec_info_t guard;
    memset(&info, GUARD, sizeof info);
    memcpy(&guard, &info, sizeof info);

    msdk_err_t err = msdk_mbus_sec_decrypt(key, addr, in, n, out, cap, &info);
    check(memcmp(in, input, n) == 0); /* the input is read only */
    if (err != MSDK_OK) {
        check(memcmp(&info, &guard, sizeof info) == 0);
        if ((err == MSDK_ERR_AUTH) || (err == MSDK_ERR_CRYPTO)) {
            /* a refusal after decrypting, or the crypto port failing: security.h zeroes what
             * had received plaintext */
            size_t z = 0;
            while (z < cap && out[z] == 0u) {
                z++;
            }
            z -= z % 16u; /* whole zeroed blocks, the rest untouched */
            check(all_are(&out[z], cap + 1u - z, GUARD) || all_are(out, cap, 0u));
        } else {
            check(all_are(out, cap + 1u, GUARD));
        }
        check(sealed == NULL || err != MSDK_ERR_AUTH);
        free(out);
        free(in);
        return;
    }

    check(info.mode == 5u || info.mode == 7u);
    check(info.tpl_ci == 0x72u || info.tpl_ci == 0x7Au);
    check(info.blocks >= 1u && info.encrypted_len == 16u * info.blocks);
    check(info.header_len + info.data_len == n && info.data_len >= info.encrypted_len);
    check(info.data_len <= cap && all_are(&out[info.data_len], cap + 1u - info.data_len, GUARD));
    check(out[0] == 0x2Fu && out[1] == 0x2Fu);
    check(memcmp(&out[info.encrypted_len], &input[info.header_len + info.encrypted_len],
                 info.data_len - info.encrypted_len) == 0);
    if (tpl_ok && input[0] == info.tpl_ci) {
        check(tpl->security_mode == info.mode && tpl->access_number == info.access_number &&
              tpl->status == info.status && tpl->config == info.config);
    }
    if (sealed != NULL) {
        check(info.encrypted_len == sealed_len && memcmp(out, sealed, sealed_len) == 0);
    }
    walk(out, info.data_len);

    /* In place: the same bytes at the data's own place. */
    if ((sel & SEL_IN_PLACE) != 0u) {
        msdk_mbus_sec_info_t info2;
        check(msdk_mbus_sec_decrypt(key, addr, in, n, &in[info.header_len], info.data_len,
                                    &info2) == MSDK_OK);
        check(memcmp(&in[info.header_len], out, info.data_len) == 0);
        check(memcmp(in, input, info.header_len) == 0);
        check(info2.data_len == info.data_len && info2.header_len == info.header_len);
    }
    free(out);
    free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    if (!init) {
        check(msdk_port_crypto_init() == MSDK_OK);
        init = true;
    }
    if (size < 2u) {
        return 0;
    }
    uint8_t sel = data[0];
    size_t n = size - 1u;
    if (n > MAX_IN) {
        n = MAX_IN;
    }
    const uint8_t *addr = ((sel & SEL_NO_ADDR) != 0u) ? NULL : k_addr;
    uint8_t *in = (uint8_t *)malloc(n + AFL_LEN);
    uint8_t *plain = (uint8_t *)malloc(n + AFL_LEN);
    check(in != NULL && plain != NULL);
    memcpy(in, &data[1], n);
    size_t plain_len = 0;
    const uint8_t *sealed = NULL;
    const uint8_t *key_sealed = NULL;

    if ((sel & SEL_SEAL_MASK) == SEL_SEAL5) {
        if (seal5(in, n, addr, plain, &plain_len)) {
            sealed = plain;
            key_sealed = k_key5;
        }
    } else if ((sel & SEL_SEAL_MASK) == SEL_SEAL7) {
        uint8_t *tmp = dup_bytes(in, n);
        uint32_t counter = ((uint32_t)n * 0x01000193u) ^ sel;
        if (seal7(tmp, n, addr, counter, in, plain, &plain_len)) {
            n += AFL_LEN;
            sealed = plain;
            key_sealed = k_key7;
        } else {
            memcpy(in, tmp, n);
        }
        free(tmp);
    }

    msdk_mbus_tpl_t tpl;
    bool tpl_ok = check_tpl(in, n, &tpl);
    static const uint8_t *const keys[2] = { k_key5, k_key7 };
    for (unsigned k = 0; k < 2u; k++) {
        bool mine = (sealed != NULL) && (keys[k] == key_sealed) && (n <= MSDK_MBUS_SEC_APL_MAX) &&
                    ((sel & SEL_SMALL_OUT) == 0u);
        check_decrypt(keys[k], in, n, sel, &tpl, tpl_ok, mine ? sealed : NULL, plain_len);
        if (mine) {
            /* A sealed telegram decrypts with its key. */
            uint8_t *out = (uint8_t *)malloc(n);
            check(out != NULL);
            check(msdk_mbus_sec_decrypt(keys[k], addr, in, n, out, n, NULL) == MSDK_OK);
            free(out);
        }
    }
    free(plain);
    free(in);
    return 0;
}

#else /* FUZZ_MBUS_SECURE_SEEDS: writes the seed corpus */

/* Seeds: selector byte, then the long frame's data from its CI. */
static const uint8_t k_seed_mode5_short[] = {
    /* OMS Annex N mode 5: TPL 7A 2A 00 20 25, two encrypted blocks (link address k_addr). */
    0x00, 0x7A, 0x2A, 0x00, 0x20, 0x25, 0x59, 0x23, 0xC9, 0x5A, 0xAA, 0x26, 0xD1,
    0xB2, 0xE7, 0x49, 0x3B, 0x01, 0x3E, 0xC4, 0xA6, 0xF6, 0xD3, 0x52, 0x9B, 0x52,
    0x0E, 0xDF, 0xF0, 0xEA, 0x6D, 0xEF, 0xC9, 0x9D, 0x6D, 0x69, 0xEB, 0xF3,
};
static const uint8_t k_seed_mode5_long[] = {
    /* The same with the long header (as on wired M-Bus): the IV comes from the header. */
    0x08, 0x72, 0x78, 0x56, 0x34, 0x12, 0x93, 0x15, 0x33, 0x03, 0x2A, 0x00, 0x20, 0x25, 0x59, 0x23,
    0xC9, 0x5A, 0xAA, 0x26, 0xD1, 0xB2, 0xE7, 0x49, 0x3B, 0x01, 0x3E, 0xC4, 0xA6, 0xF6, 0xD3, 0x52,
    0x9B, 0x52, 0x0E, 0xDF, 0xF0, 0xEA, 0x6D, 0xEF, 0xC9, 0x9D, 0x6D, 0x69, 0xEB, 0xF3,
};
static const uint8_t k_seed_mode7[] = {
    /* OMS Annex N mode 7: AFL 90 0F 002C 25 B30A0000 21924D4F2FB66E01, TPL 7A 75 00 2007 10. */
    0x04, 0x90, 0x0F, 0x00, 0x2C, 0x25, 0xB3, 0x0A, 0x00, 0x00, 0x21, 0x92, 0x4D, 0x4F,
    0x2F, 0xB6, 0x6E, 0x01, 0x7A, 0x75, 0x00, 0x20, 0x07, 0x10, 0x90, 0x58, 0x47, 0x5F,
    0x4B, 0xC9, 0x1D, 0xF8, 0x78, 0xB8, 0x0A, 0x1B, 0x0F, 0x98, 0xB6, 0x29, 0x02, 0x4A,
    0xAC, 0x72, 0x79, 0x42, 0xBF, 0xC5, 0x49, 0x23, 0x3C, 0x01, 0x40, 0x82, 0x9B, 0x93,
};
static const uint8_t k_seed_plain_long[] = {
    /* The Annex N plaintext behind an unencrypted long header. */
    0x00, 0x72, 0x78, 0x56, 0x34, 0x12, 0x93, 0x15, 0x33, 0x03, 0x2A, 0x00, 0x00, 0x00, 0x2F, 0x2F,
    0x0C, 0x14, 0x27, 0x04, 0x85, 0x02, 0x04, 0x6D, 0x32, 0x37, 0x1F, 0x15, 0x02, 0xFD, 0x17, 0x00,
    0x00, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F,
};
static const uint8_t k_seed_seal5[] = {
    /* The same records, to be sealed as mode 5 (long header). */
    0x01, 0x72, 0x78, 0x56, 0x34, 0x12, 0x93, 0x15, 0x33, 0x03, 0x2A, 0x00, 0x20,
    0x05, 0x2F, 0x2F, 0x0C, 0x14, 0x27, 0x04, 0x85, 0x02, 0x04, 0x6D, 0x32, 0x37,
    0x1F, 0x15, 0x02, 0xFD, 0x17, 0x00, 0x00, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F,
    0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x01, 0xFD, 0x0C, 0x03,
};
static const uint8_t k_seed_seal7[] = {
    /* The same records, to be sealed as mode 7 (short header). */
    0x02, 0x7A, 0x75, 0x00, 0x20, 0x07, 0x10, 0x2F, 0x2F, 0x0C, 0x14, 0x27, 0x04,
    0x85, 0x02, 0x04, 0x6D, 0x32, 0x37, 0x1F, 0x15, 0x02, 0xFD, 0x17, 0x00, 0x00,
    0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F,
};

typedef struct seed {
    const char *name;
    const uint8_t *bytes;
    size_t len;
} seed_t;

#define SEED(n, a)                                                                                 \
    {                                                                                              \
        n, a, sizeof(a)                                                                            \
    }

int main(int argc, char **argv)
{
    static const seed_t seeds[] = {
        SEED("oms_mode5_short", k_seed_mode5_short),
        SEED("oms_mode5_long", k_seed_mode5_long),
        SEED("oms_mode7", k_seed_mode7),
        SEED("plain_long", k_seed_plain_long),
        SEED("seal5_long", k_seed_seal5),
        SEED("seal7_short", k_seed_seal7),
    };
    if (argc != 2) {
        fprintf(stderr, "usage: %s <directory>\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        char path[1024];
        int w = snprintf(path, sizeof path, "%s/%s", argv[1], seeds[i].name);
        if (w < 0 || (size_t)w >= sizeof path) {
            return 1;
        }
        FILE *f = fopen(path, "wb");
        if (f == NULL || fwrite(seeds[i].bytes, 1, seeds[i].len, f) != seeds[i].len) {
            perror(path);
            return 1;
        }
        if (fclose(f) != 0) {
            return 1;
        }
    }
    return 0;
}

#endif
