/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* OMS security modes 5 and 7 (include/msdk/mbus/security.h): the AFL and transport header
 * fields that the decryption needs, the mode 5 IV, the mode 7 KDF-A and MAC, AES-CBC through
 * the crypto port and the 2F 2F check. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/mbus/security.h"
#include "msdk/port/crypto.h"

MSDK_STATIC_ASSERT(MSDK_MBUS_SEC_KEY_LEN == MSDK_CRYPTO_AES_BLOCK_SIZE, "OMS keys are AES-128");
MSDK_STATIC_ASSERT(MSDK_MBUS_SEC_IV_LEN == MSDK_CRYPTO_AES_BLOCK_SIZE, "CBC IV is one block");
MSDK_STATIC_ASSERT(MSDK_MBUS_SEC_MAC_LEN <= MSDK_CRYPTO_CMAC_SIZE, "truncated CMAC");

/* Transport header sizes from the CI byte on (CI included). */
#define TPL_LONG_LEN  13u /* CI, ID 4, manufacturer 2, version, medium, ACC, ST, CF 2 */
#define TPL_SHORT_LEN 5u  /* CI, ACC, ST, CF 2 */
/* Offsets in the long header. */
#define TPL_LONG_ID   1u
#define TPL_LONG_MAN  5u
#define TPL_LONG_VER  7u
#define TPL_LONG_MED  8u

/* Configuration field (16 bits, transmitted LSB first). */
#define CF_MODE_SHIFT   8u
#define CF_MODE_MASK    0x1Fu
#define CF_BLOCKS_SHIFT 4u
#define CF_BLOCKS_MASK  0x0Fu
#define CF7_COUNTER     0x2000u /* mode 7: bit Z, a 4-byte TPL counter follows the extension */
/* Configuration field extension of mode 7. */
#define CFE_KV_PRESENT  0x40u /* bit V: a key version byte follows */
#define CFE_KDF_SHIFT   4u
#define CFE_KDF_MASK    0x03u
#define CFE_KDF_A       1u

/* AFL fragmentation control field (16 bits, LSB first) and message control field. */
#define FCL_MF        0x4000u /* more fragments */
#define FCL_MCLP      0x2000u /* message control present */
#define FCL_MLP       0x1000u /* message length present */
#define FCL_MCRP      0x0800u /* message counter present */
#define FCL_MACP      0x0400u /* MAC present */
#define FCL_KIP       0x0200u /* key information present */
#define FCL_RESERVED  0x8100u
#define FCL_FRAG_ID   0x00FFu /* fragment ID: 0 in a message that is not fragmented */
#define MCL_KIMP      0x10u   /* key information in message */
#define MCL_AT_MASK   0x0Fu
#define MCL_AT_CMAC_8 5u /* AES-CMAC-128 truncated to 8 bytes */
#define AFL_MCR_LEN   4u
#define AFL_ML_LEN    2u

/* Security modes handled here. */
#define MODE_5 5u
#define MODE_7 7u

/* 2F 2F verification bytes at the start of every decrypted payload. */
#define VERIFY_BYTE 0x2Fu

/* KDF-A input: DC, counter 4, ID 4, then 0x07 padding to one block. */
#define KDF_ID_LEN 4u
#define KDF_PAD    0x07u

/* MAC input: MCL, MCR, ML, then the transport layer. */
#define MAC_MSG_MAX (1u + AFL_MCR_LEN + AFL_ML_LEN + MSDK_MBUS_SEC_APL_MAX)

/* What the AFL holds (pointers into the input). */
typedef struct afl_fields {
    uint8_t mcl;
    const uint8_t *mcr; /* NULL when absent */
    const uint8_t *mac;
    const uint8_t *ml; /* NULL when absent */
} afl_fields_t;

/* The headers of one telegram, as far as the decryption needs them. */
typedef struct parsed {
    bool has_afl;
    afl_fields_t afl;
    size_t tpl_pos; /* offset of the transport layer CI */
    const uint8_t *tpl;
    uint8_t mode;
    uint8_t blocks;
    uint16_t config;
    uint8_t config_ext;
    uint32_t counter;
    size_t header_len;
    size_t enc_len;
    size_t data_len;
} parsed_t;

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* AFL at in[0] (CI 0x90). On success *end is the offset of the byte after it. */
static msdk_err_t parse_afl(const uint8_t *in, size_t len, afl_fields_t *afl, size_t *end)
{
    if (len < 2u) {
        return MSDK_ERR_TRUNCATED;
    }
    size_t afll = in[1];
    if (afll > len - 2u) {
        return MSDK_ERR_TRUNCATED;
    }
    size_t stop = 2u + afll;
    if (afll < 2u) {
        return MSDK_ERR_MALFORMED; /* not even the FCL */
    }
    uint16_t fcl = (uint16_t)(in[2] | ((unsigned)in[3] << 8));
    if ((fcl & FCL_RESERVED) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    if ((fcl & (FCL_MF | FCL_FRAG_ID | FCL_KIP)) != 0u) {
        return MSDK_ERR_NOT_SUPPORTED; /* a fragment, or key information */
    }
    if ((fcl & FCL_MACP) == 0u) {
        return MSDK_ERR_NOT_SUPPORTED; /* mode 7 is only accepted with its MAC */
    }
    if ((fcl & FCL_MCLP) == 0u) {
        return MSDK_ERR_MALFORMED; /* a MAC whose type nothing tells */
    }
    size_t p = 4u;
    if (p + 1u > stop) {
        return MSDK_ERR_MALFORMED;
    }
    afl->mcl = in[p++];
    if (((afl->mcl & MCL_AT_MASK) != MCL_AT_CMAC_8) || ((afl->mcl & MCL_KIMP) != 0u)) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    afl->mcr = NULL;
    if ((fcl & FCL_MCRP) != 0u) {
        if (p + AFL_MCR_LEN > stop) {
            return MSDK_ERR_MALFORMED;
        }
        afl->mcr = &in[p];
        p += AFL_MCR_LEN;
    }
    if (p + MSDK_MBUS_SEC_MAC_LEN > stop) {
        return MSDK_ERR_MALFORMED;
    }
    afl->mac = &in[p];
    p += MSDK_MBUS_SEC_MAC_LEN;
    afl->ml = NULL;
    if ((fcl & FCL_MLP) != 0u) {
        if (p + AFL_ML_LEN > stop) {
            return MSDK_ERR_MALFORMED;
        }
        afl->ml = &in[p];
        p += AFL_ML_LEN;
    }
    if (p != stop) {
        return MSDK_ERR_MALFORMED; /* AFLL does not match the fields */
    }
    *end = stop;
    return MSDK_OK;
}

/* Every header up to the data; checks the lengths against the input. */
static msdk_err_t parse_headers(const uint8_t *in, size_t len, parsed_t *ps)
{
    size_t pos = 0u;
    memset(ps, 0, sizeof *ps);
    ps->has_afl = (in[0] == MSDK_MBUS_SEC_CI_AFL);
    if (ps->has_afl) {
        msdk_err_t err = parse_afl(in, len, &ps->afl, &pos);
        if (err != MSDK_OK) {
            return err;
        }
        if (pos >= len) {
            return MSDK_ERR_TRUNCATED; /* no transport layer after the AFL */
        }
    }
    const uint8_t *tpl = &in[pos];
    size_t rest = len - pos;
    size_t hdr;
    if (tpl[0] == MSDK_MBUS_SEC_CI_LONG) {
        hdr = TPL_LONG_LEN;
    } else if (tpl[0] == MSDK_MBUS_SEC_CI_SHORT) {
        hdr = TPL_SHORT_LEN;
    } else {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (rest < hdr) {
        return MSDK_ERR_TRUNCATED;
    }
    ps->tpl_pos = pos;
    ps->tpl = tpl;
    ps->config = (uint16_t)(tpl[hdr - 2u] | ((unsigned)tpl[hdr - 1u] << 8));
    ps->mode = (uint8_t)((ps->config >> CF_MODE_SHIFT) & CF_MODE_MASK);
    ps->blocks = (uint8_t)((ps->config >> CF_BLOCKS_SHIFT) & CF_BLOCKS_MASK);
    ps->config_ext = 0u;
    ps->counter = 0u;
    if (ps->mode == MODE_5) {
        if (ps->has_afl) {
            return MSDK_ERR_NOT_SUPPORTED; /* mode 5 behind an AFL */
        }
    } else if (ps->mode == MODE_7) {
        if (!ps->has_afl) {
            return MSDK_ERR_NOT_SUPPORTED; /* mode 7 without its MAC */
        }
        if (rest < hdr + 1u) {
            return MSDK_ERR_TRUNCATED;
        }
        ps->config_ext = tpl[hdr];
        hdr += 1u;
        if (((ps->config_ext >> CFE_KDF_SHIFT) & CFE_KDF_MASK) != CFE_KDF_A) {
            return MSDK_ERR_NOT_SUPPORTED; /* persistent key or a reserved KDF */
        }
        const uint8_t *tpl_counter = NULL;
        if ((ps->config & CF7_COUNTER) != 0u) {
            if (rest < hdr + 4u) {
                return MSDK_ERR_TRUNCATED;
            }
            tpl_counter = &tpl[hdr];
            hdr += 4u;
        }
        if ((ps->config_ext & CFE_KV_PRESENT) != 0u) {
            if (rest < hdr + 1u) {
                return MSDK_ERR_TRUNCATED;
            }
            hdr += 1u;
        }
        if (tpl_counter != NULL) {
            ps->counter = get_le32(tpl_counter);
        } else if (ps->afl.mcr != NULL) {
            ps->counter = get_le32(ps->afl.mcr);
        } else {
            return MSDK_ERR_MALFORMED; /* KDF-A without a message counter */
        }
    } else {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (ps->blocks == 0u) {
        return MSDK_ERR_MALFORMED; /* nothing encrypted, nothing to check the key with */
    }
    ps->enc_len = (size_t)ps->blocks * MSDK_CRYPTO_AES_BLOCK_SIZE;
    if (rest - hdr < ps->enc_len) {
        return MSDK_ERR_TRUNCATED;
    }
    ps->header_len = pos + hdr;
    ps->data_len = rest - hdr;
    return MSDK_OK;
}

/* True when [a, a + an) and [b, b + bn) share a byte. */
static bool overlaps(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    uintptr_t pa = (uintptr_t)a;
    uintptr_t pb = (uintptr_t)b;
    return (an != 0u) && (bn != 0u) && (pa < pb + bn) && (pb < pa + an);
}

/* Constant time: 0 when equal. */
static uint8_t mac_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t d = 0u;
    for (size_t i = 0; i < n; i++) {
        d = (uint8_t)(d | (a[i] ^ b[i]));
    }
    return d;
}

msdk_err_t msdk_mbus_sec_kdf(const uint8_t *key, uint8_t dc, uint32_t counter, const uint8_t *id,
                             uint8_t *derived)
{
    if ((key == NULL) || (id == NULL) || (derived == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint8_t msg[MSDK_CRYPTO_AES_BLOCK_SIZE];
    msg[0] = dc;
    msg[1] = (uint8_t)counter;
    msg[2] = (uint8_t)(counter >> 8);
    msg[3] = (uint8_t)(counter >> 16);
    msg[4] = (uint8_t)(counter >> 24);
    memcpy(&msg[5], id, KDF_ID_LEN);
    memset(&msg[5u + KDF_ID_LEN], KDF_PAD, sizeof msg - 5u - KDF_ID_LEN);
    msdk_err_t err =
        msdk_port_crypto_aes_cmac(key, MSDK_MBUS_SEC_KEY_LEN, msg, sizeof msg, derived);
    if (err != MSDK_OK) {
        msdk_port_crypto_zeroize(derived, MSDK_MBUS_SEC_KEY_LEN);
    }
    return err;
}

msdk_err_t msdk_mbus_sec_mode5_iv(const uint8_t *addr, uint8_t access_number, uint8_t *iv)
{
    if ((addr == NULL) || (iv == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memcpy(iv, addr, MSDK_MBUS_SEC_ADDR_LEN);
    memset(&iv[MSDK_MBUS_SEC_ADDR_LEN], access_number,
           MSDK_MBUS_SEC_IV_LEN - MSDK_MBUS_SEC_ADDR_LEN);
    return MSDK_OK;
}

/* Mode 7: KDF-A for Kmac, the AFL MAC over MCL | MCR | ML | TPL..end, compared in constant
 * time; then Kenc into *kenc. */
static msdk_err_t mode7_keys(const uint8_t *key, const uint8_t *in, size_t len, const parsed_t *ps,
                             const uint8_t *id, uint8_t *kenc)
{
    uint8_t kmac[MSDK_MBUS_SEC_KEY_LEN];
    uint8_t mac[MSDK_CRYPTO_CMAC_SIZE];
    uint8_t msg[MAC_MSG_MAX];
    size_t n = 0u;
    msg[n++] = ps->afl.mcl;
    if (ps->afl.mcr != NULL) {
        memcpy(&msg[n], ps->afl.mcr, AFL_MCR_LEN);
        n += AFL_MCR_LEN;
    }
    if (ps->afl.ml != NULL) {
        memcpy(&msg[n], ps->afl.ml, AFL_ML_LEN);
        n += AFL_ML_LEN;
    }
    memcpy(&msg[n], &in[ps->tpl_pos], len - ps->tpl_pos);
    n += len - ps->tpl_pos;

    msdk_err_t err = msdk_mbus_sec_kdf(key, MSDK_MBUS_SEC_DC_MAC_METER, ps->counter, id, kmac);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_aes_cmac(kmac, sizeof kmac, msg, n, mac);
    }
    msdk_port_crypto_zeroize(kmac, sizeof kmac);
    if ((err == MSDK_OK) && (mac_diff(mac, ps->afl.mac, MSDK_MBUS_SEC_MAC_LEN) != 0u)) {
        err = MSDK_ERR_AUTH;
    }
    msdk_port_crypto_zeroize(mac, sizeof mac);
    if (err == MSDK_OK) {
        err = msdk_mbus_sec_kdf(key, MSDK_MBUS_SEC_DC_ENC_METER, ps->counter, id, kenc);
    }
    return err;
}

msdk_err_t msdk_mbus_sec_decrypt(const uint8_t *key, const uint8_t *link_addr, const uint8_t *input,
                                 size_t input_len, uint8_t *out, size_t out_size,
                                 msdk_mbus_sec_info_t *info)
{
    if ((key == NULL) || (input == NULL) || (out == NULL) || (input_len == 0u) ||
        (input_len > MSDK_MBUS_SEC_APL_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    parsed_t ps;
    msdk_err_t err = parse_headers(input, input_len, &ps);
    if (err != MSDK_OK) {
        return err;
    }
    bool is_long = (ps.tpl[0] == MSDK_MBUS_SEC_CI_LONG);
    if (!is_long && (link_addr == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t *data = &input[ps.header_len];
    bool in_place = (out == data);
    if (out_size < ps.data_len) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    if (!in_place && overlaps(out, ps.data_len, input, input_len)) {
        return MSDK_ERR_INVALID_ARG;
    }

    /* The meter's address as transmitted: manufacturer, ID, version, medium. */
    uint8_t addr[MSDK_MBUS_SEC_ADDR_LEN];
    if (is_long) {
        addr[0] = ps.tpl[TPL_LONG_MAN];
        addr[1] = ps.tpl[TPL_LONG_MAN + 1u];
        memcpy(&addr[2], &ps.tpl[TPL_LONG_ID], 4u);
        addr[6] = ps.tpl[TPL_LONG_VER];
        addr[7] = ps.tpl[TPL_LONG_MED];
    } else {
        memcpy(addr, link_addr, sizeof addr);
    }
    uint8_t access_number = ps.tpl[is_long ? 9u : 1u];
    uint8_t status = ps.tpl[is_long ? 10u : 2u];

    uint8_t kenc[MSDK_MBUS_SEC_KEY_LEN];
    uint8_t iv[MSDK_MBUS_SEC_IV_LEN];
    if (ps.mode == MODE_7) {
        memset(iv, 0, sizeof iv);
        err = mode7_keys(key, input, input_len, &ps, &addr[2], kenc);
    } else {
        memcpy(kenc, key, sizeof kenc);
        err = msdk_mbus_sec_mode5_iv(addr, access_number, iv);
    }
    if (err == MSDK_OK) {
        err = msdk_port_crypto_aes_cbc_decrypt(kenc, sizeof kenc, iv, data, ps.enc_len, out);
        if ((err == MSDK_OK) && ((out[0] != VERIFY_BYTE) || (out[1] != VERIFY_BYTE))) {
            err = MSDK_ERR_AUTH; /* wrong key */
        }
        if (err != MSDK_OK) {
            msdk_port_crypto_zeroize(out, ps.enc_len);
        }
    }
    msdk_port_crypto_zeroize(kenc, sizeof kenc);
    if (err != MSDK_OK) {
        return err;
    }
    if (!in_place && (ps.data_len > ps.enc_len)) {
        memcpy(&out[ps.enc_len], &data[ps.enc_len], ps.data_len - ps.enc_len);
    }
    if (info != NULL) {
        info->mode = ps.mode;
        info->tpl_ci = ps.tpl[0];
        info->access_number = access_number;
        info->status = status;
        info->config = ps.config;
        info->config_ext = ps.config_ext;
        info->blocks = ps.blocks;
        info->message_counter = ps.counter;
        info->header_len = ps.header_len;
        info->encrypted_len = ps.enc_len;
        info->data_len = ps.data_len;
    }
    return MSDK_OK;
}
