/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, security: OMS security modes 5 and 7 (msdk/mbus/security.h).
 *
 * Independent expectations (/work/shared/vectors/mbus-vectors.md, each checked there with an
 * independent AES-CBC / AES-CMAC implementation):
 * - OMS Vol.2 Annex N, security profile A (mode 5): key 0102..0F11, the ELS water meter
 *   12345678 telegram (CRCs removed), its IV 9315785634123303 + 8 x 2A and its plaintext
 *   2F2F 0C14 27048502 046D 32371F15 02FD17 0000 2F.. (volume 28504.27 m3, a type F
 *   date-time, error flags 0).
 * - Annex N, security profile B (mode 7): key 0001..0F, the same meter's telegram with ELL
 *   8C, AFL 90 (message counter B30A0000, MAC 21924D4F2FB66E01), TPL 7A ... 2007 10, the
 *   derived Kenc ECCF39D475D730B8284FDFDC1995D52F and the same plaintext.
 * - RFC 4493 AES-CMAC examples (key 2b7e1516..., empty message and one block).
 * - Hand-worked variants of those telegrams: the long header (CI 72: ID, manufacturer,
 *   version, medium moved from the link layer into the TPL, same IV hence same plaintext),
 *   one encrypted block instead of two (CBC: the first plaintext block alone, the second
 *   ciphertext block copied as it is), header fields changed to unsupported values. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/mbus/record.h"
#include "msdk/mbus/security.h"
#include "msdk/port/crypto.h"

Suite *mbus_security_suite(void);

#define GUARD 0xA5u

/* ---- Annex N vectors ------------------------------------------------------------------- */

static const uint8_t key5[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                  0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11 };
static const uint8_t key7[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                  0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };

/* Mode 5 telegram, CRCs removed: L 2E, C 44, M 9315 (ELS), ID 78563412, version 33, type 03,
 * then CI 7A, ACC 2A, ST 00, CF 20 25, 32 encrypted bytes. */
static const uint8_t tg5[] = {
    0x2E, 0x44, 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03, 0x7A, 0x2A, 0x00, 0x20, 0x25, 0x59,
    0x23, 0xC9, 0x5A, 0xAA, 0x26, 0xD1, 0xB2, 0xE7, 0x49, 0x3B, 0x01, 0x3E, 0xC4, 0xA6, 0xF6, 0xD3,
    0x52, 0x9B, 0x52, 0x0E, 0xDF, 0xF0, 0xEA, 0x6D, 0xEF, 0xC9, 0x9D, 0x6D, 0x69, 0xEB, 0xF3,
};
#define TG5_APL 10u /* the TPL CI */

/* Mode 7 telegram: DLL as above (L 43), ELL 8C 20 75, AFL 90 0F 002C 25 B30A0000
 * 21924D4F2FB66E01, TPL 7A 75 00 2007 10, 32 encrypted bytes. */
static const uint8_t tg7[] = {
    0x43, 0x44, 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03, 0x8C, 0x20, 0x75, 0x90,
    0x0F, 0x00, 0x2C, 0x25, 0xB3, 0x0A, 0x00, 0x00, 0x21, 0x92, 0x4D, 0x4F, 0x2F, 0xB6,
    0x6E, 0x01, 0x7A, 0x75, 0x00, 0x20, 0x07, 0x10, 0x90, 0x58, 0x47, 0x5F, 0x4B, 0xC9,
    0x1D, 0xF8, 0x78, 0xB8, 0x0A, 0x1B, 0x0F, 0x98, 0xB6, 0x29, 0x02, 0x4A, 0xAC, 0x72,
    0x79, 0x42, 0xBF, 0xC5, 0x49, 0x23, 0x3C, 0x01, 0x40, 0x82, 0x9B, 0x93,
};
#define TG7_APL 13u /* the AFL CI, after DLL (10) and ELL (3) */
#define TG7_TPL 30u /* the TPL CI: AFL 2 + AFLL 15 later */
#define TG7_MC  18u /* the message counter */
#define TG7_MAC 22u /* the MAC */
#define TG7_ENC 36u /* the encrypted data: TPL header 5 + CFE */

static const uint8_t link_addr[8] = { 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03 };

static const uint8_t iv5[16] = { 0x93, 0x15, 0x78, 0x56, 0x34, 0x12, 0x33, 0x03,
                                 0x2A, 0x2A, 0x2A, 0x2A, 0x2A, 0x2A, 0x2A, 0x2A };

static const uint8_t plain[32] = {
    0x2F, 0x2F, 0x0C, 0x14, 0x27, 0x04, 0x85, 0x02, 0x04, 0x6D, 0x32, 0x37, 0x1F, 0x15, 0x02, 0xFD,
    0x17, 0x00, 0x00, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F, 0x2F,
};

static const uint8_t kenc7[16] = { 0xEC, 0xCF, 0x39, 0xD4, 0x75, 0xD7, 0x30, 0xB8,
                                   0x28, 0x4F, 0xDF, 0xDC, 0x19, 0x95, 0xD5, 0x2F };

/* ---- Helpers ---------------------------------------------------------------------------- */

static void setup(void)
{
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
}

static bool all_guard(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != GUARD) {
            return false;
        }
    }
    return true;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0u) {
            return false;
        }
    }
    return true;
}

/* Decrypt into a guarded buffer; out[1..] is the output, out[0] and the tail are guards. */
static msdk_err_t run(const uint8_t *key, const uint8_t *addr, const uint8_t *in, size_t len,
                      uint8_t *out, size_t out_total, msdk_mbus_sec_info_t *info)
{
    memset(out, GUARD, out_total);
    return msdk_mbus_sec_decrypt(key, addr, in, len, &out[1], out_total - 2u, info);
}

/* The long-header version of the mode 5 telegram: CI 72, ID, M, version, medium, ACC, ST, CF. */
static size_t make_long5(uint8_t *b)
{
    static const uint8_t hdr[] = { 0x72, 0x78, 0x56, 0x34, 0x12, 0x93, 0x15,
                                   0x33, 0x03, 0x2A, 0x00, 0x20, 0x25 };
    memcpy(b, hdr, sizeof hdr);
    memcpy(&b[sizeof hdr], &tg5[TG5_APL + 5u], 32u);
    return sizeof hdr + 32u;
}

/* ---- AES-CMAC through the port (RFC 4493) ------------------------------------------------ */

START_TEST(mbus_sec_cmac_rfc4493)
{
    static const uint8_t k[16] = { 0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                   0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
    static const uint8_t m1[16] = { 0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
                                    0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
    static const uint8_t t0[16] = { 0xBB, 0x1D, 0x69, 0x29, 0xE9, 0x59, 0x37, 0x28,
                                    0x7F, 0xA3, 0x7D, 0x12, 0x9B, 0x75, 0x67, 0x46 };
    static const uint8_t t1[16] = { 0x07, 0x0A, 0x16, 0xB4, 0x6B, 0x4D, 0x41, 0x44,
                                    0xF7, 0x9B, 0xDD, 0x9D, 0xD0, 0x4A, 0x28, 0x7C };
    uint8_t mac[16];
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(k, 16, NULL, 0, mac), MSDK_OK);
    ck_assert_mem_eq(mac, t0, 16);
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(k, 16, m1, 16, mac), MSDK_OK);
    ck_assert_mem_eq(mac, t1, 16);
}
END_TEST

/* ---- Mode 5 ------------------------------------------------------------------------------ */

START_TEST(mbus_sec_mode5_annex_n)
{
    uint8_t iv[16];
    ck_assert_int_eq(msdk_mbus_sec_mode5_iv(link_addr, 0x2A, iv), MSDK_OK);
    ck_assert_mem_eq(iv, iv5, 16);

    uint8_t out[2 + 40];
    msdk_mbus_sec_info_t info;
    memset(&info, 0xEE, sizeof info);
    ck_assert_int_eq(run(key5, link_addr, &tg5[TG5_APL], sizeof tg5 - TG5_APL, out, 34, &info),
                     MSDK_OK);
    ck_assert_mem_eq(&out[1], plain, 32);
    ck_assert_uint_eq(out[0], GUARD);
    ck_assert_uint_eq(out[33], GUARD);
    ck_assert_uint_eq(info.mode, 5);
    ck_assert_uint_eq(info.tpl_ci, 0x7A);
    ck_assert_uint_eq(info.access_number, 0x2A);
    ck_assert_uint_eq(info.status, 0x00);
    /* Bytes 20 25, LSB first: 0x2520, mode (bits 8..12) 5, blocks (bits 4..7) 2, and bit 13
     * (S, synchronous) set. */
    ck_assert_uint_eq(info.config, 0x2520);
    ck_assert_uint_eq(info.config_ext, 0);
    ck_assert_uint_eq(info.blocks, 2);
    ck_assert_uint_eq(info.message_counter, 0);
    ck_assert_uint_eq(info.header_len, 5);
    ck_assert_uint_eq(info.encrypted_len, 32);
    ck_assert_uint_eq(info.data_len, 32);

    /* NULL info is allowed. */
    ck_assert_int_eq(run(key5, link_addr, &tg5[TG5_APL], sizeof tg5 - TG5_APL, out, 34, NULL),
                     MSDK_OK);
    ck_assert_mem_eq(&out[1], plain, 32);
}
END_TEST

/* The published values of the plaintext through the record iterator: BCD 02850427 x 10^-2
 * m3; type F 32 37 1F 15 = 2008-05-31 23:50 (min 0x32&3F = 50, hour 0x37&1F = 23, day
 * 0x1F&1F = 31, month 0x15&0F = 5, year (0x1F>>5) | (0x15&F0)>>1 = 8); error flags 0. */
START_TEST(mbus_sec_mode5_records)
{
    uint8_t out[2 + 32];
    ck_assert_int_eq(
        run(key5, link_addr, &tg5[TG5_APL], sizeof tg5 - TG5_APL, out, sizeof out, NULL), MSDK_OK);
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t rec;
    msdk_mbus_rec_iter_init(&it, &out[1], 32);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_OK);
    ck_assert_int_eq(rec.quantity, MSDK_MBUS_Q_VOLUME);
    ck_assert_int_eq(rec.unit, MSDK_MBUS_UNIT_M3);
    ck_assert_int_eq(rec.value, 2850427);
    ck_assert_int_eq(rec.exponent, -2);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_OK);
    ck_assert_int_eq(rec.quantity, MSDK_MBUS_Q_DATETIME);
    ck_assert_uint_eq(rec.datetime.year, 2008);
    ck_assert_uint_eq(rec.datetime.month, 5);
    ck_assert_uint_eq(rec.datetime.day, 31);
    ck_assert_uint_eq(rec.datetime.hour, 23);
    ck_assert_uint_eq(rec.datetime.minute, 50);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_OK);
    ck_assert_int_eq(rec.quantity, MSDK_MBUS_Q_ERROR_FLAGS);
    ck_assert_int_eq(rec.value, 0);
    ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_ERR_NOT_FOUND);
}
END_TEST

START_TEST(mbus_sec_mode5_in_place_long_header_and_tail)
{
    /* In place: the plaintext replaces the ciphertext, the header stays. */
    uint8_t b[64];
    memcpy(b, &tg5[TG5_APL], sizeof tg5 - TG5_APL);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, b, 37, &b[5], 32, NULL), MSDK_OK);
    ck_assert_mem_eq(&b[5], plain, 32);
    ck_assert_mem_eq(b, &tg5[TG5_APL], 5);

    /* Long header: the IV's address from the TPL; link_addr NULL or wrong is ignored. */
    uint8_t out[2 + 32];
    size_t n = make_long5(b);
    msdk_mbus_sec_info_t info;
    static const uint8_t other[8] = { 0 };
    ck_assert_int_eq(run(key5, NULL, b, n, out, sizeof out, &info), MSDK_OK);
    ck_assert_mem_eq(&out[1], plain, 32);
    ck_assert_uint_eq(info.tpl_ci, 0x72);
    ck_assert_uint_eq(info.header_len, 13);
    ck_assert_uint_eq(info.access_number, 0x2A);
    ck_assert_int_eq(run(key5, other, b, n, out, sizeof out, NULL), MSDK_OK);
    ck_assert_mem_eq(&out[1], plain, 32);

    /* Unencrypted bytes after the blocks are copied behind the plaintext. */
    static const uint8_t tail[] = { 0x01, 0xFD, 0x0C, 0x03 };
    memcpy(&b[n], tail, sizeof tail);
    uint8_t big[2 + 40];
    ck_assert_int_eq(run(key5, NULL, b, n + 4u, big, 38, &info), MSDK_OK);
    ck_assert_mem_eq(&big[1], plain, 32);
    ck_assert_mem_eq(&big[33], tail, 4);
    ck_assert_uint_eq(big[37], GUARD);
    ck_assert_uint_eq(info.encrypted_len, 32);
    ck_assert_uint_eq(info.data_len, 36);
    /* In place with the tail. */
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, NULL, b, n + 4u, &b[13], 36, NULL), MSDK_OK);
    ck_assert_mem_eq(&b[13], plain, 32);
    ck_assert_mem_eq(&b[45], tail, 4);

    /* One block announced (CF 10 25): the first plaintext block alone, then the second
     * ciphertext block as it is. */
    memcpy(b, &tg5[TG5_APL], 37);
    b[3] = 0x10;
    ck_assert_int_eq(run(key5, link_addr, b, 37, out, sizeof out, &info), MSDK_OK);
    ck_assert_uint_eq(info.blocks, 1);
    ck_assert_mem_eq(&out[1], plain, 16);
    ck_assert_mem_eq(&out[17], &tg5[TG5_APL + 21u], 16);
}
END_TEST

START_TEST(mbus_sec_mode5_wrong_key)
{
    uint8_t bad[16];
    memcpy(bad, key5, 16);
    bad[15] = 0x12;
    uint8_t out[2 + 32];
    msdk_mbus_sec_info_t info;
    memset(&info, 0xEE, sizeof info);
    ck_assert_int_eq(run(bad, link_addr, &tg5[TG5_APL], 37, out, sizeof out, &info), MSDK_ERR_AUTH);
    ck_assert(all_zero(&out[1], 32)); /* nothing decrypted is left */
    ck_assert_uint_eq(out[0], GUARD);
    ck_assert_uint_eq(out[33], GUARD);
    ck_assert_uint_eq(info.mode, 0xEE); /* untouched */
    /* The mode 7 key. */
    ck_assert_int_eq(run(key7, link_addr, &tg5[TG5_APL], 37, out, sizeof out, NULL), MSDK_ERR_AUTH);
    ck_assert(all_zero(&out[1], 32));
    /* A wrong address: CBC makes P1 = D(C1) ^ IV, so an IV byte changes that plaintext byte
     * alone. The manufacturer (IV bytes 0, 1) falls on 2F 2F and is caught; the version
     * (byte 6, 33 -> 34) is not: plaintext byte 6 becomes 85 ^ 33 ^ 34 = 82. */
    uint8_t addr[8];
    memcpy(addr, link_addr, 8);
    addr[0] = 0x94;
    ck_assert_int_eq(run(key5, addr, &tg5[TG5_APL], 37, out, sizeof out, NULL), MSDK_ERR_AUTH);
    ck_assert(all_zero(&out[1], 32));
    memcpy(addr, link_addr, 8);
    addr[6] = 0x34;
    ck_assert_int_eq(run(key5, addr, &tg5[TG5_APL], 37, out, sizeof out, NULL), MSDK_OK);
    ck_assert_uint_eq(out[1 + 6], 0x82);
    ck_assert_mem_eq(&out[1 + 7], &plain[7], 25);
    /* In place: the ciphertext is zeroed, not left as garbage plaintext. */
    uint8_t b[37];
    memcpy(b, &tg5[TG5_APL], 37);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(bad, link_addr, b, 37, &b[5], 32, NULL), MSDK_ERR_AUTH);
    ck_assert(all_zero(&b[5], 32));
}
END_TEST

/* ---- Mode 7 ------------------------------------------------------------------------------ */

START_TEST(mbus_sec_mode7_annex_n)
{
    /* Kenc = CMAC(K, 00 | B30A0000 | 78563412 | 07 x 7). */
    static const uint8_t id[4] = { 0x78, 0x56, 0x34, 0x12 };
    uint8_t k[16];
    ck_assert_int_eq(msdk_mbus_sec_kdf(key7, MSDK_MBUS_SEC_DC_ENC_METER, 0x00000AB3u, id, k),
                     MSDK_OK);
    ck_assert_mem_eq(k, kenc7, 16);

    /* The MAC definition, computed here with the port alone: first 8 bytes of
     * CMAC(Kmac, MCL 25 | MC B30A0000 | TPL from CI 7A to the end). */
    uint8_t kdf_in[16] = { 0x01, 0xB3, 0x0A, 0x00, 0x00, 0x78, 0x56, 0x34,
                           0x12, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07, 0x07 };
    uint8_t kmac[16];
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(key7, 16, kdf_in, 16, kmac), MSDK_OK);
    uint8_t msg[5 + 38];
    msg[0] = 0x25;
    memcpy(&msg[1], &tg7[TG7_MC], 4);
    memcpy(&msg[5], &tg7[TG7_TPL], sizeof tg7 - TG7_TPL);
    uint8_t mac[16];
    ck_assert_int_eq(msdk_port_crypto_aes_cmac(kmac, 16, msg, sizeof msg, mac), MSDK_OK);
    static const uint8_t pub_mac[8] = { 0x21, 0x92, 0x4D, 0x4F, 0x2F, 0xB6, 0x6E, 0x01 };
    ck_assert_mem_eq(mac, pub_mac, 8);
    ck_assert_mem_eq(&tg7[TG7_MAC], pub_mac, 8);
    uint8_t k2[16];
    ck_assert_int_eq(msdk_mbus_sec_kdf(key7, MSDK_MBUS_SEC_DC_MAC_METER, 0x00000AB3u, id, k2),
                     MSDK_OK);
    ck_assert_mem_eq(k2, kmac, 16);

    /* The telegram from the AFL on. */
    uint8_t out[2 + 32];
    msdk_mbus_sec_info_t info;
    ck_assert_int_eq(
        run(key7, link_addr, &tg7[TG7_APL], sizeof tg7 - TG7_APL, out, sizeof out, &info), MSDK_OK);
    ck_assert_mem_eq(&out[1], plain, 32);
    ck_assert_uint_eq(out[0], GUARD);
    ck_assert_uint_eq(out[33], GUARD);
    ck_assert_uint_eq(info.mode, 7);
    ck_assert_uint_eq(info.tpl_ci, 0x7A);
    ck_assert_uint_eq(info.access_number, 0x75);
    ck_assert_uint_eq(info.config, 0x0720);
    ck_assert_uint_eq(info.config_ext, 0x10);
    ck_assert_uint_eq(info.blocks, 2);
    ck_assert_uint_eq(info.message_counter, 0x00000AB3u);
    ck_assert_uint_eq(info.header_len, TG7_ENC - TG7_APL);
    ck_assert_uint_eq(info.data_len, 32);

    /* In place. */
    uint8_t b[sizeof tg7];
    memcpy(b, tg7, sizeof tg7);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key7, link_addr, &b[TG7_APL], sizeof tg7 - TG7_APL,
                                           &b[TG7_ENC], 32, NULL),
                     MSDK_OK);
    ck_assert_mem_eq(&b[TG7_ENC], plain, 32);
}
END_TEST

START_TEST(mbus_sec_mode7_wrong_key)
{
    uint8_t out[2 + 32];
    uint8_t bad[16];
    memcpy(bad, key7, 16);
    bad[0] = 0x80;
    ck_assert_int_eq(
        run(bad, link_addr, &tg7[TG7_APL], sizeof tg7 - TG7_APL, out, sizeof out, NULL),
        MSDK_ERR_AUTH);
    ck_assert(all_guard(out, sizeof out)); /* the MAC failed: nothing was decrypted */
    ck_assert_int_eq(
        run(key5, link_addr, &tg7[TG7_APL], sizeof tg7 - TG7_APL, out, sizeof out, NULL),
        MSDK_ERR_AUTH);
    ck_assert(all_guard(out, sizeof out));
}
END_TEST

/* Every byte from the AFL on, changed in three ways: never accepted, nothing written; the
 * authenticated bytes that do not change the parse (message counter, MAC, TPL after its CI
 * and configuration, data) give AUTH. The meter ID of the link layer enters the KDF: a
 * change there gives AUTH too. */
START_TEST(mbus_sec_mode7_every_byte_changed)
{
    static const uint8_t flips[] = { 0x01, 0x80, 0xFF };
    const size_t n = sizeof tg7 - TG7_APL;
    uint8_t b[sizeof tg7];
    uint8_t out[2 + 32];
    for (size_t i = 0; i < n; i++) {
        for (size_t f = 0; f < sizeof flips; f++) {
            memcpy(b, &tg7[TG7_APL], n);
            b[i] ^= flips[f];
            msdk_err_t err = run(key7, link_addr, b, n, out, sizeof out, NULL);
            ck_assert_msg(err != MSDK_OK, "byte %zu ^ %02X accepted", i, (unsigned)flips[f]);
            ck_assert_msg(all_guard(out, sizeof out), "byte %zu ^ %02X wrote", i,
                          (unsigned)flips[f]);
            size_t abs = TG7_APL + i;
            bool authenticated_only = ((abs >= TG7_MC) && (abs < TG7_MAC + 8u)) ||
                                      (abs == TG7_TPL + 1u) || (abs == TG7_TPL + 2u) ||
                                      (abs >= TG7_ENC);
            if (authenticated_only) {
                ck_assert_msg(err == MSDK_ERR_AUTH, "byte %zu ^ %02X: %d", i, (unsigned)flips[f],
                              (int)err);
            }
        }
    }
    for (size_t i = 2; i < 6; i++) {
        uint8_t addr[8];
        memcpy(addr, link_addr, 8);
        addr[i] ^= 0x01;
        ck_assert_int_eq(run(key7, addr, &tg7[TG7_APL], n, out, sizeof out, NULL), MSDK_ERR_AUTH);
        ck_assert(all_guard(out, sizeof out));
    }
}
END_TEST

/* ---- Truncation, configuration, AFL and argument errors --------------------------------- */

START_TEST(mbus_sec_truncated_every_cut)
{
    uint8_t out[2 + 32];
    uint8_t b[64];
    size_t n5 = sizeof tg5 - TG5_APL;
    for (size_t cut = 1; cut < n5; cut++) {
        ck_assert_int_eq(run(key5, link_addr, &tg5[TG5_APL], cut, out, sizeof out, NULL),
                         MSDK_ERR_TRUNCATED);
        ck_assert(all_guard(out, sizeof out));
    }
    size_t nl = make_long5(b);
    for (size_t cut = 1; cut < nl; cut++) {
        ck_assert_int_eq(run(key5, NULL, b, cut, out, sizeof out, NULL), MSDK_ERR_TRUNCATED);
        ck_assert(all_guard(out, sizeof out));
    }
    size_t n7 = sizeof tg7 - TG7_APL;
    for (size_t cut = 1; cut < n7; cut++) {
        ck_assert_int_eq(run(key7, link_addr, &tg7[TG7_APL], cut, out, sizeof out, NULL),
                         MSDK_ERR_TRUNCATED);
        ck_assert(all_guard(out, sizeof out));
    }
}
END_TEST

START_TEST(mbus_sec_bad_configuration)
{
    uint8_t out[2 + 32];
    uint8_t b[64];
    const size_t n5 = 37;
    /* Every security mode but 5 in a header without AFL (mode 7 needs its AFL MAC). */
    for (unsigned mode = 0; mode < 32u; mode++) {
        if (mode == 5u) {
            continue;
        }
        memcpy(b, &tg5[TG5_APL], n5);
        b[4] = (uint8_t)mode;
        ck_assert_int_eq(run(key5, link_addr, b, n5, out, sizeof out, NULL),
                         MSDK_ERR_NOT_SUPPORTED);
        ck_assert(all_guard(out, sizeof out));
    }
    /* Mode bits 8..12 only: bits 13..15 of the configuration do not change the mode. */
    memcpy(b, &tg5[TG5_APL], n5);
    b[4] = 0xC5;
    ck_assert_int_eq(run(key5, link_addr, b, n5, out, sizeof out, NULL), MSDK_OK);
    /* Block counts beyond the data, and none. */
    static const uint8_t cf_lo[] = { 0x30, 0x40, 0xF0 };
    for (size_t i = 0; i < sizeof cf_lo; i++) {
        memcpy(b, &tg5[TG5_APL], n5);
        b[3] = cf_lo[i];
        ck_assert_int_eq(run(key5, link_addr, b, n5, out, sizeof out, NULL), MSDK_ERR_TRUNCATED);
        ck_assert(all_guard(out, sizeof out));
    }
    memcpy(b, &tg5[TG5_APL], n5);
    b[3] = 0x00;
    ck_assert_int_eq(run(key5, link_addr, b, n5, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    /* Other CIs: no header (78), a request header (5B), the ELL (8C). */
    static const uint8_t cis[] = { 0x78, 0x5B, 0x8C, 0x00, 0xFF };
    for (size_t i = 0; i < sizeof cis; i++) {
        memcpy(b, &tg5[TG5_APL], n5);
        b[0] = cis[i];
        ck_assert_int_eq(run(key5, link_addr, b, n5, out, sizeof out, NULL),
                         MSDK_ERR_NOT_SUPPORTED);
    }

    /* Mode 7: the TPL alone (no AFL MAC); a KDF other than A; the configuration's blocks. */
    const size_t n7 = sizeof tg7 - TG7_APL;
    ck_assert_int_eq(
        run(key7, link_addr, &tg7[TG7_TPL], sizeof tg7 - TG7_TPL, out, sizeof out, NULL),
        MSDK_ERR_NOT_SUPPORTED);
    static const uint8_t cfe[] = { 0x00, 0x20, 0x30 };
    for (size_t i = 0; i < sizeof cfe; i++) {
        memcpy(b, &tg7[TG7_APL], n7);
        b[TG7_TPL - TG7_APL + 5u] = cfe[i];
        ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL),
                         MSDK_ERR_NOT_SUPPORTED);
    }
    memcpy(b, &tg7[TG7_APL], n7);
    b[TG7_TPL - TG7_APL + 3u] = 0x30; /* 3 blocks */
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_TRUNCATED);
    b[TG7_TPL - TG7_APL + 3u] = 0x00; /* none */
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    /* Mode 5 behind an AFL. */
    memcpy(b, &tg7[TG7_APL], n7);
    b[TG7_TPL - TG7_APL + 4u] = 0x05;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_NOT_SUPPORTED);
    ck_assert(all_guard(out, sizeof out));
}
END_TEST

START_TEST(mbus_sec_bad_afl)
{
    uint8_t out[2 + 32];
    uint8_t b[64];
    const size_t n7 = sizeof tg7 - TG7_APL;
    /* FCL (bytes 2..3, LSB first, 0x2C00): more fragments, key information, no MAC. */
    static const uint8_t fcl_hi_unsupported[] = { 0x6C, 0x2E, 0x28 };
    for (size_t i = 0; i < sizeof fcl_hi_unsupported; i++) {
        memcpy(b, &tg7[TG7_APL], n7);
        b[3] = fcl_hi_unsupported[i];
        ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL),
                         MSDK_ERR_NOT_SUPPORTED);
    }
    /* No message control field: the MAC type is unknown. */
    memcpy(b, &tg7[TG7_APL], n7);
    b[3] = 0x0C;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    /* No message counter in the AFL and none in the TPL: the AFL is then 4 bytes too long. */
    memcpy(b, &tg7[TG7_APL], n7);
    b[3] = 0x24;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    /* MCL authentication types other than 8-byte CMAC, and key information in the MCL. */
    static const uint8_t mcl[] = { 0x20, 0x23, 0x24, 0x26, 0x27, 0x28, 0x35 };
    for (size_t i = 0; i < sizeof mcl; i++) {
        memcpy(b, &tg7[TG7_APL], n7);
        b[4] = mcl[i];
        ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL),
                         MSDK_ERR_NOT_SUPPORTED);
    }
    /* AFLL not matching the fields; below the FCL. */
    static const uint8_t afll[] = { 0x0E, 0x10, 0x00, 0x01 };
    for (size_t i = 0; i < sizeof afll; i++) {
        memcpy(b, &tg7[TG7_APL], n7);
        b[1] = afll[i];
        ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    }
    /* FCL reserved bits 8 and 15; a fragment ID (byte 2) in an unfragmented message. */
    memcpy(b, &tg7[TG7_APL], n7);
    b[3] = 0x2D;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    b[3] = 0xAC;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_MALFORMED);
    memcpy(b, &tg7[TG7_APL], n7);
    b[2] = 0x01;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_NOT_SUPPORTED);
    /* AFL then no TPL CI. */
    memcpy(b, &tg7[TG7_APL], n7);
    b[TG7_TPL - TG7_APL] = 0x78;
    ck_assert_int_eq(run(key7, link_addr, b, n7, out, sizeof out, NULL), MSDK_ERR_NOT_SUPPORTED);
    ck_assert(all_guard(out, sizeof out));
}
END_TEST

START_TEST(mbus_sec_invalid_args)
{
    uint8_t out[40];
    const uint8_t *in5 = &tg5[TG5_APL];
    ck_assert_int_eq(msdk_mbus_sec_decrypt(NULL, link_addr, in5, 37, out, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, NULL, 37, out, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, in5, 37, NULL, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, in5, 0, out, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, in5, 256, out, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    /* The short header needs the link layer address. */
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, NULL, in5, 37, out, 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    memset(out, GUARD, sizeof out);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, in5, 37, out, 31, NULL),
                     MSDK_ERR_BUFFER_TOO_SMALL);
    ck_assert(all_guard(out, sizeof out));
    /* Overlap other than exactly in place. */
    uint8_t b[64];
    memcpy(b, in5, 37);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, b, 37, &b[4], 33, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_decrypt(key5, link_addr, b, 37, &b[6], 32, NULL),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_mem_eq(b, in5, 37);
    /* Helpers. */
    uint8_t k[16];
    ck_assert_int_eq(msdk_mbus_sec_kdf(NULL, 0, 0, link_addr, k), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_kdf(key7, 0, 0, NULL, k), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_kdf(key7, 0, 0, link_addr, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_mode5_iv(NULL, 0, k), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_mbus_sec_mode5_iv(link_addr, 0, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

Suite *mbus_security_suite(void)
{
    Suite *s = suite_create("mbus_security");
    TCase *tc = tcase_create("oms");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, mbus_sec_cmac_rfc4493);
    tcase_add_test(tc, mbus_sec_mode5_annex_n);
    tcase_add_test(tc, mbus_sec_mode5_records);
    tcase_add_test(tc, mbus_sec_mode5_in_place_long_header_and_tail);
    tcase_add_test(tc, mbus_sec_mode5_wrong_key);
    tcase_add_test(tc, mbus_sec_mode7_annex_n);
    tcase_add_test(tc, mbus_sec_mode7_wrong_key);
    tcase_add_test(tc, mbus_sec_mode7_every_byte_changed);
    tcase_add_test(tc, mbus_sec_truncated_every_cut);
    tcase_add_test(tc, mbus_sec_bad_configuration);
    tcase_add_test(tc, mbus_sec_bad_afl);
    tcase_add_test(tc, mbus_sec_invalid_args);
    suite_add_tcase(s, tc);
    return s;
}
