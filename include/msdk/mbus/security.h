/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief OMS encrypted telegrams (OMS Vol.2, EN 13757-7): security mode 5 (profile A,
 *        AES-128-CBC) and security mode 7 (profile B, AES-128-CBC with keys derived by
 *        AES-CMAC and an AFL MAC).
 *
 * The input is the application part of one telegram, from its first CI byte to its end
 * (wired M-Bus: the long frame's CI and data, without CS and stop; wireless M-Bus: the
 * bytes after the link layer and the ELL, CRCs removed):
 * - mode 5: the transport header, CI 0x72 (long) or 0x7A (short), then the data;
 * - mode 7: the AFL (CI 0x90) with its message counter and 8-byte AES-CMAC, then the
 *   transport header (CI 0x72 or 0x7A, configuration field, its extension byte and the
 *   optional TPL counter / key version), then the data.
 *
 * msdk_mbus_sec_decrypt() writes the data that follows the transport header, the
 * decrypted blocks first and any unencrypted rest after them, to a caller buffer (which
 * may be the data's own place in the input). The output starts with the 2F 2F
 * verification bytes and is ready for the record iterator of msdk/mbus/record.h (0x2F is
 * an idle filler there).
 *
 * @par Layouts
 * | field                    | bytes | notes                                          |
 * |--------------------------|-------|------------------------------------------------|
 * | long header (CI 0x72)    | 12    | ID 4, manufacturer 2, version, medium, access number,
 * status, configuration 2 | | short header (CI 0x7A)   | 4     | access number, status,
 * configuration 2         | | configuration (LSB first)| 2     | bits 8..12 mode, bits 4..7
 * encrypted blocks    | | mode 7 extension         | 1     | bits 4..5 key derivation (1: KDF-A),
 * bit 6 key version present | | AFL                      | 2 + AFLL | CI 0x90, AFLL, FCL 2, MCL,
 * MCR 4, MAC 8 [, ML 2] |
 *
 * The configuration bytes `20 25` (as transmitted, value 0x2520) are mode 5 with two
 * encrypted blocks (and bit 13, synchronous, set); `20 07` then the extension `10` is
 * mode 7 with two blocks and KDF-A.
 *
 * @par Mode 5
 * IV = manufacturer (2) | identification number (4) | version | medium, as transmitted,
 * then 8 times the access number. The first 8 bytes come from the long header, or with the
 * short header from the link layer address the caller passes in (@p link_addr).
 *
 * @par Mode 7
 * Kenc = AES-CMAC(K, 0x00 | C | ID | 0x07 x 7), Kmac the same with 0x01 first (messages
 * from the meter), C the message counter (4 bytes, LSB first: the TPL counter when the
 * configuration has one, else the AFL's) and ID the meter's identification number as
 * transmitted (the long header's, or with the short header the link layer's). The MAC is
 * the first 8 bytes of AES-CMAC(Kmac, MCL | MCR | [ML] | the transport layer from its CI
 * byte to the end) and is checked (in constant time) before anything is decrypted; the
 * data is AES-CBC with Kenc and a zero IV.
 *
 * @par Wrong keys and tampering
 * A MAC that does not match, or a plaintext that does not start with 2F 2F (a wrong key in
 * mode 5), gives ::MSDK_ERR_AUTH; whatever had been decrypted into the output is then
 * zeroed, so it can never be read as data. Not supported (::MSDK_ERR_NOT_SUPPORTED): other
 * security modes (including 0, no encryption: the caller reads those telegrams directly),
 * mode 7 without an AFL MAC, mode 5 behind an AFL, fragments (the More-Fragments bit or a
 * fragment ID other than 0), AFL key information, MACs other than 8-byte AES-CMAC, key
 * derivations other than KDF-A.
 *
 * What the mode 7 MAC does not cover (EN 13757-7): the link layer and the ELL, and the
 * AFL's CI, AFLL and FCL (these are checked for their only accepted values). Of the link
 * layer, the meter ID enters the KDF, so a changed ID fails the MAC too.
 *
 * @par Crypto, keys and memory
 * AES and AES-CMAC are the crypto port's (msdk/port/crypto.h; msdk_port_crypto_init()
 * must have been called). Keys (AES-128) come from the caller for each call and are
 * never kept; derived keys are wiped before returning. No heap, no global state. Stack:
 * 480 bytes on Cortex-M4 (-Os; most of it the MAC input, up to ::MSDK_MBUS_SEC_APL_MAX + 7
 * bytes) plus the crypto port's.
 */
#ifndef MSDK_MBUS_SECURITY_H
#define MSDK_MBUS_SECURITY_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Size of an OMS key (AES-128) in bytes. */
#define MSDK_MBUS_SEC_KEY_LEN    16u
/** @brief Size of the link layer address: manufacturer 2, ID 4, version, medium. */
#define MSDK_MBUS_SEC_ADDR_LEN   8u
/** @brief Size of the mode 5 IV in bytes. */
#define MSDK_MBUS_SEC_IV_LEN     16u
/** @brief Size of the AFL MAC of mode 7 (AES-CMAC truncated, MCL authentication type 5). */
#define MSDK_MBUS_SEC_MAC_LEN    8u
/** @brief Longest input accepted: a wired long frame's CI + 252 data bytes fits. */
#define MSDK_MBUS_SEC_APL_MAX    255u
/** @brief Largest number of encrypted blocks (4 bits of the configuration field). */
#define MSDK_MBUS_SEC_BLOCKS_MAX 15u

/** @brief CI of the Authentication and Fragmentation Layer (EN 13757-7). */
#define MSDK_MBUS_SEC_CI_AFL   0x90u
/** @brief CI of a response with the long transport header (12 header bytes). */
#define MSDK_MBUS_SEC_CI_LONG  0x72u
/** @brief CI of a response with the short transport header (4 header bytes). */
#define MSDK_MBUS_SEC_CI_SHORT 0x7Au

/** @brief Derivation constant of Kenc for messages from the meter (KDF-A). */
#define MSDK_MBUS_SEC_DC_ENC_METER 0x00u
/** @brief Derivation constant of Kmac for messages from the meter (KDF-A). */
#define MSDK_MBUS_SEC_DC_MAC_METER 0x01u
/** @brief Derivation constant of Kenc for messages to the meter (KDF-A). */
#define MSDK_MBUS_SEC_DC_ENC_OTHER 0x10u
/** @brief Derivation constant of Kmac for messages to the meter (KDF-A). */
#define MSDK_MBUS_SEC_DC_MAC_OTHER 0x11u

/** @brief What msdk_mbus_sec_decrypt() found in the headers (filled on success only). */
typedef struct msdk_mbus_sec_info {
    uint8_t mode;             /**< Security mode: 5 or 7. */
    uint8_t tpl_ci;           /**< Transport layer CI: 0x72 or 0x7A. */
    uint8_t access_number;    /**< Access number of the transport header. */
    uint8_t status;           /**< Status byte of the transport header. */
    uint16_t config;          /**< Configuration field (its two bytes, LSB first). */
    uint8_t config_ext;       /**< Mode 7: configuration field extension; 0 in mode 5. */
    uint8_t blocks;           /**< Number of encrypted 16-byte blocks. */
    uint32_t message_counter; /**< Mode 7: counter used by the KDF; 0 in mode 5. */
    size_t header_len;        /**< Input bytes before the data (AFL and transport header). */
    size_t encrypted_len;     /**< Bytes decrypted: 16 x @c blocks. */
    size_t data_len;          /**< Bytes written to the output (decrypted + plain rest). */
} msdk_mbus_sec_info_t;

/**
 * @brief Check and decrypt one mode 5 or mode 7 telegram.
 *
 * Writes input[header_len..input_len) to @p out: the first 16 x N bytes decrypted (N from
 * the configuration field), the rest copied. On any error other than ::MSDK_ERR_AUTH and
 * the port's errors nothing is written; on those, the bytes of @p out that had received
 * plaintext are zeroed.
 * @param[in]  key       The device's AES-128 key, ::MSDK_MBUS_SEC_KEY_LEN bytes.
 * @param[in]  link_addr Link layer address of the sender, ::MSDK_MBUS_SEC_ADDR_LEN bytes as
 *                       transmitted (manufacturer LSB first, ID LSB first, version, medium;
 *                       a wireless frame's bytes 2..9). Needed with the short header only;
 *                       may be NULL otherwise (it is ignored with the long header).
 * @param[in]  input     The telegram from its first CI (0x90, 0x72 or 0x7A) to its end.
 * @param[in]  input_len 1 to ::MSDK_MBUS_SEC_APL_MAX.
 * @param[out] out       Destination of the data; either separate from @p input or exactly
 *                       @p input + header_len (in place); no other overlap.
 * @param[in]  out_size  Capacity of @p out; at least the data length.
 * @param[out] info      Header fields and lengths (written on success only); may be NULL.
 * @retval MSDK_OK                 @p out holds the data, starting with 2F 2F.
 * @retval MSDK_ERR_AUTH           The MAC does not match or the plaintext does not start
 *                                 with 2F 2F (wrong key, tampered telegram).
 * @retval MSDK_ERR_TRUNCATED      The input ends inside a header or inside the encrypted
 *                                 blocks the configuration announces.
 * @retval MSDK_ERR_MALFORMED      A header violates its format (AFL fields not filling
 *                                 AFLL, reserved FCL bits set, a MAC without message
 *                                 control, no message counter for mode 7, 0 encrypted
 *                                 blocks).
 * @retval MSDK_ERR_NOT_SUPPORTED  Another CI, security mode or AFL feature (see above).
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p out_size is smaller than the data.
 * @retval MSDK_ERR_INVALID_ARG    NULL pointer, @p input_len 0 or too long, @p out
 *                                 overlapping the input other than in place, or
 *                                 @p link_addr NULL with a short header.
 * @return Errors of the crypto port (::MSDK_ERR_STATE before msdk_port_crypto_init(),
 *         ::MSDK_ERR_CRYPTO, ::MSDK_ERR_NO_SPACE) are passed on.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_sec_decrypt(const uint8_t *key, const uint8_t *link_addr,
                                                const uint8_t *input, size_t input_len,
                                                uint8_t *out, size_t out_size,
                                                msdk_mbus_sec_info_t *info);

/**
 * @brief Derive a mode 7 key with KDF-A: AES-CMAC(K, DC | C | ID | 0x07 x 7).
 * @param[in]  key     Master key, ::MSDK_MBUS_SEC_KEY_LEN bytes.
 * @param[in]  dc      Derivation constant (::MSDK_MBUS_SEC_DC_ENC_METER, ...).
 * @param[in]  counter Message counter; written LSB first.
 * @param[in]  id      Identification number of the meter, 4 bytes as transmitted.
 * @param[out] derived The derived key, ::MSDK_MBUS_SEC_KEY_LEN bytes (zeroed on failure).
 * @retval MSDK_OK              @p derived is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @return Errors of the crypto port are passed on.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_sec_kdf(const uint8_t *key, uint8_t dc, uint32_t counter,
                                            const uint8_t *id, uint8_t *derived);

/**
 * @brief Build the mode 5 IV: the 8-byte address, then 8 times the access number.
 * @param[in]  addr          ::MSDK_MBUS_SEC_ADDR_LEN bytes: manufacturer, ID, version,
 *                           medium, as transmitted.
 * @param[in]  access_number Access number of the transport header.
 * @param[out] iv            ::MSDK_MBUS_SEC_IV_LEN bytes.
 * @retval MSDK_OK              @p iv is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_mbus_sec_mode5_iv(const uint8_t *addr, uint8_t access_number,
                                                 uint8_t *iv);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_MBUS_SECURITY_H */
