/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief DLMS/COSEM security: ciphering of xDLMS APDUs with security suite 0
 *        (AES-GCM-128), HLS authentication (mechanisms 3 to 7), the LLS
 *        password check and the decoding of a Security setup key transfer
 *        (IEC 62056-5-3, DLMS UA Green Book; IEC 62056-6-2 class 64).
 *
 * Everything here is a codec: sans-IO, no state between calls, no clock and
 * no random source of its own. The caller owns the keys, the invocation
 * counters, the system titles, the challenges and the DRBG, and passes them
 * in; the association layer decides which protection a request needs
 * (security policy), whether an invocation counter is fresh and which keys
 * apply. All cryptography goes through the crypto port (msdk/port/crypto.h),
 * which must be initialised (msdk_port_crypto_init()) before any function of
 * this file that computes something; until then they return
 * ::MSDK_ERR_STATE. Like the port, these functions are not reentrant.
 *
 * @par Ciphered APDU
 * A protected xDLMS APDU carries a security header, the security control byte
 * SC followed by the invocation counter IC (4 bytes, big-endian), then the
 * ciphertext (or the plaintext, authentication only) and, when SC asks for
 * authentication, a 12-byte GCM tag:
 *
 * - glo- / ded- (service specific): `tag len SC IC text [T]`;
 * - general-glo-ciphering / general-ded-ciphering:
 *   `DB|DC st-len [system title] len SC IC text [T]`.
 *
 * `len` and `st-len` are A-XDR length fields (shortest form). The GCM
 * parameters of suite 0 are:
 * - key: the global unicast encryption key (EK), the global broadcast
 *   encryption key when SC has ::MSDK_COSEM_SC_BROADCAST, or the dedicated
 *   key for the ded- forms;
 * - IV: the sender's system title (8 bytes) || IC (4 bytes);
 * - authenticated encryption (SC 0x30): AAD = SC || AK, the tag covers the
 *   ciphertext;
 * - authentication only (SC 0x10): AAD = SC || AK || plaintext, the
 *   plaintext travels in clear, the tag is the GMAC;
 * - encryption only (SC 0x20): the GCM ciphertext without a tag (no
 *   integrity at all: accept it only where the security policy allows).
 *
 * The authentication key AK and the SC byte are authenticated, the APDU tag,
 * the length fields and (except through the IV) the system title are not.
 * To catch a changed APDU tag, msdk_cosem_sec_unprotect() checks that the
 * plaintext of a service-specific form starts with the plain APDU tag that
 * the ciphered tag stands for (glo-get-request must carry a get-request).
 *
 * @par Security suites
 * Suites 0 (AES-GCM-128) and 1 (ECDH-ECDSA-AES-GCM-128-SHA-256) cipher xDLMS
 * APDUs in the same way with 128-bit keys; both are accepted, the SC byte
 * names the suite and must equal the suite the caller runs. Suite 2 (AES-256)
 * and the compression bit are ::MSDK_ERR_NOT_SUPPORTED.
 *
 * @par Status codes of the ciphering functions
 * - ::MSDK_ERR_TRUNCATED / ::MSDK_ERR_MALFORMED: the APDU is incomplete or
 *   breaks its format (a length running past the input, bytes after the
 *   APDU, a system title that is neither absent nor 8 bytes, too short for
 *   its header and tag, a non-shortest length field);
 * - ::MSDK_ERR_NOT_FOUND: the first byte is not a ciphered APDU tag
 *   (unprotect), or a plain APDU tag without a ciphered counterpart
 *   (protect);
 * - ::MSDK_ERR_NOT_SUPPORTED: the SC byte names another suite than the
 *   caller's, an unsupported suite, compression, or neither authentication
 *   nor encryption;
 * - ::MSDK_ERR_AUTH: the tag does not verify (wrong key, tampered APDU), the
 *   plaintext is not the APDU the ciphered tag announces, or the APDU lacks a
 *   protection the caller requires.
 *
 * @par Tag mapping (IEC 62056-5-3 XDLMS-APDU)
 * | plain APDU                        | glo- | ded- |
 * |-----------------------------------|------|------|
 * | initiateRequest 0x01              | 0x21 | 0x41 |
 * | readRequest 0x05                  | 0x25 | 0x45 |
 * | writeRequest 0x06                 | 0x26 | 0x46 |
 * | initiateResponse 0x08             | 0x28 | 0x48 |
 * | readResponse 0x0C                 | 0x2C | 0x4C |
 * | writeResponse 0x0D                | 0x2D | 0x4D |
 * | confirmedServiceError 0x0E        | 0x2E | 0x4E |
 * | unconfirmedWriteRequest 0x16      | 0x36 | 0x56 |
 * | informationReportRequest 0x18     | 0x38 | 0x58 |
 * | get-request 0xC0                  | 0xC8 | 0xD0 |
 * | set-request 0xC1                  | 0xC9 | 0xD1 |
 * | event-notification-request 0xC2   | 0xCA | 0xD2 |
 * | action-request 0xC3               | 0xCB | 0xD3 |
 * | get-response 0xC4                 | 0xCC | 0xD4 |
 * | set-response 0xC5                 | 0xCD | 0xD5 |
 * | action-response 0xC7              | 0xCF | 0xD7 |
 *
 * data-notification (0x0F), exception-response (0xD8), access-request
 * (0xD9) and access-response (0xDA) have no service-specific ciphered form:
 * they are protected with general-glo-ciphering (0xDB) or
 * general-ded-ciphering (0xDC), which carry any APDU.
 *
 * @par Ciphered user-information of AARQ, AARE, RLRQ and RLRE
 * The ACSE decoders (acse.h) keep a ciphered user-information field raw
 * (::msdk_cosem_user_info_t @c raw, starting with glo-initiateRequest 0x21 or
 * glo-initiateResponse 0x28); msdk_cosem_sec_unprotect() deciphers it like
 * any other APDU, with the calling (AARQ) or responding (AARE) AP title as
 * the peer's system title, and msdk_cosem_initiate_req_decode() /
 * msdk_cosem_initiate_resp_decode() read the plaintext. The other way,
 * msdk_cosem_sec_protect() of an encoded InitiateRequest/Response gives the
 * bytes to put in @c raw with ::MSDK_COSEM_UI_CIPHERED.
 *
 * @par HLS
 * The 4-pass authentication: the client sends CtoS in the AARQ, the server
 * StoC in the AARE; then each side proves it knows the secret by answering
 * the other's challenge with f(challenge) (reply_to_HLS_authentication).
 * ::msdk_cosem_hls_t describes one side of it (its own and its peer's values);
 * msdk_cosem_hls_respond() computes this side's answer to the peer's
 * challenge, msdk_cosem_hls_verify() checks the peer's answer to this side's
 * challenge. A server and a client use the same two functions.
 */
#ifndef MSDK_COSEM_SECURITY_H
#define MSDK_COSEM_SECURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/acse.h"
#include "msdk/port/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Security control byte and sizes ----------------------------------------------------- */

/** @brief Security control: security suite id, bits 0..3. */
#define MSDK_COSEM_SC_SUITE_MASK  0x0Fu
/** @brief Security control: authentication (a GCM tag is present). */
#define MSDK_COSEM_SC_AUTH        0x10u
/** @brief Security control: encryption. */
#define MSDK_COSEM_SC_ENC         0x20u
/** @brief Security control: key set, 1 = global broadcast key, 0 = global unicast key. */
#define MSDK_COSEM_SC_BROADCAST   0x40u
/** @brief Security control: compression (not supported: refused). */
#define MSDK_COSEM_SC_COMPRESSION 0x80u

/** @brief Security suite 0: AES-GCM-128. */
#define MSDK_COSEM_SEC_SUITE_0 0u
/** @brief Security suite 1: ECDH-ECDSA-AES-GCM-128-SHA-256. */
#define MSDK_COSEM_SEC_SUITE_1 1u

/** @brief Size of the symmetric keys of suites 0 and 1 (EK, broadcast EK, DK, AK, KEK). */
#define MSDK_COSEM_SEC_KEY_LEN        16u
/** @brief Size of the GCM authentication tag in a ciphered APDU. */
#define MSDK_COSEM_SEC_TAG_LEN        12u
/** @brief Size of the security header SC || IC. */
#define MSDK_COSEM_SEC_HEADER_LEN     5u
/** @brief Bytes of SC || AK that authentication-only APDUs place in front of the plaintext. */
#define MSDK_COSEM_SEC_AAD_PREFIX_LEN 17u
/**
 * @brief Most bytes a ciphered APDU adds to the plain one: tag, system title
 *        with its length, the longest A-XDR length field, SC || IC and the GCM tag.
 */
#define MSDK_COSEM_SEC_OVERHEAD_MAX                                                                \
    (1u + 1u + MSDK_COSEM_SYSTEM_TITLE_LEN + 5u + MSDK_COSEM_SEC_HEADER_LEN +                      \
     MSDK_COSEM_SEC_TAG_LEN)

/** @brief APDU tag of general-glo-ciphering. */
#define MSDK_COSEM_SEC_TAG_GENERAL_GLO 0xDBu
/** @brief APDU tag of general-ded-ciphering. */
#define MSDK_COSEM_SEC_TAG_GENERAL_DED 0xDCu

/** @brief Form of a ciphered APDU: which tag, which key, whether it names the sender. */
typedef enum msdk_cosem_sec_form {
    MSDK_COSEM_SEC_FORM_GLO = 1,         /**< glo-xxx: service specific, global key. */
    MSDK_COSEM_SEC_FORM_DED = 2,         /**< ded-xxx: service specific, dedicated key. */
    MSDK_COSEM_SEC_FORM_GENERAL_GLO = 3, /**< general-glo-ciphering (0xDB), global key. */
    MSDK_COSEM_SEC_FORM_GENERAL_DED = 4, /**< general-ded-ciphering (0xDC), dedicated key. */
} msdk_cosem_sec_form_t;

/* ---- Keys and parameters ------------------------------------------------------------------ */

/**
 * @brief The symmetric keys available to one association (each
 *        ::MSDK_COSEM_SEC_KEY_LEN bytes, or NULL when the association has none).
 *
 * References only: the caller keeps the keys (and wipes them when done).
 */
typedef struct msdk_cosem_sec_keys {
    const uint8_t *ek;           /**< Global unicast encryption key, or NULL. */
    const uint8_t *broadcast_ek; /**< Global broadcast encryption key, or NULL. */
    const uint8_t *dk;           /**< Dedicated key of the association (from the AARQ), or NULL. */
    const uint8_t *ak;           /**< Authentication key; needed whenever SC has authentication. */
} msdk_cosem_sec_keys_t;

/** @brief What msdk_cosem_sec_protect() produces. */
typedef struct msdk_cosem_sec_tx {
    uint8_t form;  /**< A ::msdk_cosem_sec_form_t. */
    uint8_t suite; /**< ::MSDK_COSEM_SEC_SUITE_0 or ::MSDK_COSEM_SEC_SUITE_1. */
    /**
     * Protection: ::MSDK_COSEM_SC_AUTH and/or ::MSDK_COSEM_SC_ENC, optionally
     * ::MSDK_COSEM_SC_BROADCAST (glo forms). The SC byte sent is @c protection | @c suite.
     */
    uint8_t protection;
    uint32_t ic; /**< Invocation counter; the caller never reuses one with the same key. */
    const uint8_t *system_title; /**< The sender's system title, 8 bytes. */
} msdk_cosem_sec_tx_t;

/** @brief How msdk_cosem_sec_unprotect() judges a received APDU. */
typedef struct msdk_cosem_sec_rx {
    uint8_t suite; /**< The suite the caller runs; the SC byte must name it. */
    /**
     * Protection the APDU must have (::MSDK_COSEM_SC_AUTH and/or
     * ::MSDK_COSEM_SC_ENC; 0 accepts everything supported, including
     * encryption only). An APDU with less is ::MSDK_ERR_AUTH and is not
     * deciphered.
     */
    uint8_t required;
    /**
     * The sender's system title (8 bytes) for the forms that do not carry it
     * (glo-, ded-, general forms with an empty title); may be NULL when only
     * general forms that carry a title are expected.
     */
    const uint8_t *peer_system_title;
} msdk_cosem_sec_rx_t;

/** @brief The security header of a ciphered APDU, as msdk_cosem_sec_header_decode() finds it. */
typedef struct msdk_cosem_sec_header {
    uint8_t tag;       /**< Ciphered APDU tag (0x21, 0xC8, 0xDB...). */
    uint8_t form;      /**< A ::msdk_cosem_sec_form_t. */
    uint8_t plain_tag; /**< Service-specific forms: the plain tag inside; 0 for general forms. */
    uint8_t sc;        /**< Security control byte. */
    uint32_t ic;       /**< Invocation counter. */
    bool system_title_present;                         /**< General forms with a system title. */
    uint8_t system_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< That title (zero when absent). */
    size_t text_offset; /**< Offset of the ciphertext (or plaintext) in the APDU. */
    size_t text_len;    /**< Its length: the plaintext length. */
} msdk_cosem_sec_header_t;

/* ---- Tags --------------------------------------------------------------------------------- */

/**
 * @brief Whether @p tag starts a ciphered APDU (glo-, ded-, general-glo- or
 *        general-ded-ciphering).
 * @param[in] tag First byte of an APDU.
 * @return true for a tag of the table in this file's description, 0xDB or 0xDC.
 */
bool msdk_cosem_sec_is_ciphered_tag(uint8_t tag);

/**
 * @brief The ciphered tag of a plain APDU tag in a given form.
 * @param[in]  plain_tag First byte of the plain APDU.
 * @param[in]  form      A ::msdk_cosem_sec_form_t.
 * @param[out] tag       The ciphered tag (0xDB / 0xDC for the general forms,
 *                       whatever @p plain_tag); untouched on error.
 * @retval MSDK_OK              Found.
 * @retval MSDK_ERR_NOT_FOUND   No service-specific ciphered form for @p plain_tag.
 * @retval MSDK_ERR_INVALID_ARG @p tag is NULL or @p form is not a form.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sec_ciphered_tag(uint8_t plain_tag, uint8_t form,
                                                      uint8_t *tag);

/* ---- Ciphering ---------------------------------------------------------------------------- */

/**
 * @brief Parses the security header of a ciphered APDU, without any cryptography.
 *
 * Checks the structure: the tag, the system title of the general forms
 * (absent or 8 bytes), the length field (exactly the rest of the input), and
 * that the content holds SC || IC and, when SC has authentication, the tag.
 * The SC byte is not judged here (see msdk_cosem_sec_unprotect()).
 * @param[in]  in  The APDU, exactly.
 * @param[in]  len Bytes at @p in.
 * @param[out] h   The header; untouched on error.
 * @retval MSDK_OK              Parsed.
 * @retval MSDK_ERR_TRUNCATED   The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED   Bad system title or length field, content too short for
 *                              SC || IC and the tag, or bytes after the APDU.
 * @retval MSDK_ERR_NOT_FOUND   The first byte is not a ciphered APDU tag.
 * @retval MSDK_ERR_INVALID_ARG @p h is NULL, or @p in is NULL with @p len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sec_header_decode(const uint8_t *in, size_t len,
                                                       msdk_cosem_sec_header_t *h);

/**
 * @brief Ciphers a plain APDU and appends the ciphered APDU to @p wb.
 *
 * The general forms always carry @c system_title. Needs room for the whole
 * ciphered APDU (at most @p apdu_len + ::MSDK_COSEM_SEC_OVERHEAD_MAX bytes),
 * which is also used as work area. All or nothing: on error the writer does
 * not move and the bytes the function wrote past it are wiped.
 * @param[in]     keys     Keys: @c ek (or @c broadcast_ek with
 *                         ::MSDK_COSEM_SC_BROADCAST) for glo forms, @c dk for ded
 *                         forms; @c ak when @c protection has authentication.
 * @param[in]     p        Form, suite, protection, IC and sender system title.
 * @param[in]     apdu     The plain APDU, starting with its tag; must not overlap
 *                         the writer's buffer.
 * @param[in]     apdu_len Its length, at least 1.
 * @param[in,out] wb       Writer.
 * @retval MSDK_OK                   Appended.
 * @retval MSDK_ERR_NOT_FOUND        A service-specific form of an APDU that has none.
 * @retval MSDK_ERR_NOT_SUPPORTED    Suite other than 0 or 1, compression, or no
 *                                   protection asked for.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL Not enough room; nothing written.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument, a needed key missing, an empty or
 *                                   overlapping @p apdu, a bad form, or protection bits
 *                                   outside AUTH, ENC and BROADCAST (or BROADCAST in a
 *                                   ded form).
 * @retval MSDK_ERR_STATE            msdk_port_crypto_init() was not called.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sec_protect(const msdk_cosem_sec_keys_t *keys,
                                                 const msdk_cosem_sec_tx_t *p, const uint8_t *apdu,
                                                 size_t apdu_len, msdk_wbuf_t *wb);

/**
 * @brief Checks and deciphers a ciphered APDU.
 *
 * Order of the checks: structure (msdk_cosem_sec_header_decode()), the SC
 * byte, the protection @c required, the key and system title needed, the
 * room, then the tag. Only when everything holds is the plaintext released.
 *
 * Room: @p cap must hold the plaintext and, for an authentication-only APDU,
 * the ::MSDK_COSEM_SEC_AAD_PREFIX_LEN bytes of SC || AK that are assembled in
 * front of it while the GMAC is checked; @p cap >= @p len always suffices.
 *
 * In place: @p out may be @p in itself (then @p cap must be at least @p len);
 * the plaintext then starts at @p in[0]. Otherwise the two must not overlap.
 *
 * On any error @p out[0..@p cap) is wiped (in place: the input with it), @p h
 * and @p plain_len are untouched: no partial or unauthenticated plaintext is
 * ever released. On success the bytes of @p out after the plaintext are
 * wiped too (they held the AK or ciphertext).
 * @param[in]  keys      Keys of the association (see ::msdk_cosem_sec_keys_t).
 * @param[in]  rx        Suite, required protection and the peer's system title.
 * @param[in]  in        The ciphered APDU, exactly.
 * @param[in]  len       Bytes at @p in.
 * @param[out] out       The plain APDU.
 * @param[in]  cap       Size of @p out.
 * @param[out] h         The security header (SC, IC, system title, form); may be NULL.
 * @param[out] plain_len Length of the plain APDU.
 * @retval MSDK_OK                   @p out holds the plain APDU.
 * @retval MSDK_ERR_TRUNCATED        The input ends inside the APDU.
 * @retval MSDK_ERR_MALFORMED        The APDU breaks its format.
 * @retval MSDK_ERR_NOT_FOUND        Not a ciphered APDU tag.
 * @retval MSDK_ERR_NOT_SUPPORTED    The SC byte names another or an unsupported suite,
 *                                   compression, or no protection.
 * @retval MSDK_ERR_AUTH             The tag does not verify, the plaintext does not start
 *                                   with the APDU tag the ciphered tag stands for, or the
 *                                   APDU lacks a protection in @c required.
 * @retval MSDK_ERR_STATE            A key the APDU needs is not in @p keys (dedicated,
 *                                   broadcast, authentication key), the sender's system
 *                                   title is unknown, or msdk_port_crypto_init() was not
 *                                   called.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap is too small.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument, @p out overlapping @p in otherwise than
 *                                   exactly, or in place with @p cap < @p len.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sec_unprotect(const msdk_cosem_sec_keys_t *keys,
                                                   const msdk_cosem_sec_rx_t *rx, const uint8_t *in,
                                                   size_t len, uint8_t *out, size_t cap,
                                                   msdk_cosem_sec_header_t *h, size_t *plain_len);

/* ---- Key transfer (Security setup, class 64) ---------------------------------------------- */

/** @brief key_id of a Security setup key transfer (IEC 62056-6-2, class 64). */
typedef enum msdk_cosem_key_id {
    MSDK_COSEM_KEY_ID_GLOBAL_UNICAST = 0,   /**< Global unicast encryption key. */
    MSDK_COSEM_KEY_ID_GLOBAL_BROADCAST = 1, /**< Global broadcast encryption key. */
    MSDK_COSEM_KEY_ID_AUTHENTICATION = 2,   /**< Authentication key. */
    MSDK_COSEM_KEY_ID_MASTER = 3,           /**< Master key (KEK). */
} msdk_cosem_key_id_t;

/** @brief Most keys one key transfer carries (each key_id at most once). */
#define MSDK_COSEM_KEY_TRANSFER_MAX 4u
/** @brief Longest key a key transfer can carry (AES-256). */
#define MSDK_COSEM_KEY_MAX_LEN      32u

/** @brief One unwrapped key of a key transfer (secret: wipe it when done). */
typedef struct msdk_cosem_sec_key {
    uint8_t key_id;                      /**< A ::msdk_cosem_key_id_t. */
    uint8_t key_len;                     /**< Bytes in @c key. */
    uint8_t key[MSDK_COSEM_KEY_MAX_LEN]; /**< The key. */
} msdk_cosem_sec_key_t;

/**
 * @brief Decodes the parameter of the Security setup method key_transfer
 *        (global_key_transfer) and unwraps every key under the KEK.
 *
 * The parameter is `array of structure { key_id: enum, key_wrapped:
 * octet-string }`; each key_wrapped is the key wrapped with AES key wrap
 * (RFC 3394) under the master key, @p key_len + 8 bytes. The whole parameter
 * is checked first (structure, key ids 0..3 each at most once, lengths, no
 * trailing bytes), then the keys are unwrapped. All or nothing: on any error
 * @p keys[0..@p max_keys) is wiped and @p count is untouched.
 * @param[in]  kek       Key-encryption key (the master key).
 * @param[in]  kek_len   16, 24 or 32.
 * @param[in]  key_len   Length of the transferred keys: 16 for suites 0 and 1, 24 or 32.
 * @param[in]  param     The A-XDR encoded parameter, exactly.
 * @param[in]  param_len Bytes at @p param.
 * @param[out] keys      Array of @p max_keys entries, in the order of the parameter.
 * @param[in]  max_keys  Entries of @p keys.
 * @param[out] count     Number of keys written.
 * @retval MSDK_OK                   All keys unwrapped.
 * @retval MSDK_ERR_TRUNCATED        The parameter is incomplete.
 * @retval MSDK_ERR_MALFORMED        Not the expected structure, an empty array, a key id
 *                                   outside 0..3 or repeated, a wrapped key of another
 *                                   length than @p key_len + 8, or trailing bytes.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL More keys than @p max_keys.
 * @retval MSDK_ERR_AUTH             A key does not unwrap (wrong KEK or tampered).
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or bad @p kek_len / @p key_len.
 * @retval MSDK_ERR_STATE            msdk_port_crypto_init() was not called.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_sec_key_transfer_decode(const uint8_t *kek, size_t kek_len,
                                                             size_t key_len, const uint8_t *param,
                                                             size_t param_len,
                                                             msdk_cosem_sec_key_t *keys,
                                                             size_t max_keys, size_t *count);

/* ---- Authentication: LLS and HLS ---------------------------------------------------------- */

/** @brief Shortest HLS challenge (CtoS, StoC) accepted, in bytes. */
#define MSDK_COSEM_HLS_CHALLENGE_MIN 8u
/** @brief Longest HLS challenge accepted, in bytes. */
#define MSDK_COSEM_HLS_CHALLENGE_MAX 64u
/** @brief Longest HLS secret of mechanisms 3 and 4, in bytes. */
#define MSDK_COSEM_HLS_SECRET_MAX    64u
/** @brief Longest answer f(challenge) of any mechanism (ECDSA P-256 signature). */
#define MSDK_COSEM_HLS_ANSWER_MAX    64u

/**
 * @brief Compares an LLS password with the association's secret in constant time.
 *
 * The time depends neither on the bytes nor on where they differ, nor on the
 * length of @p given (the loop always runs over ::MSDK_COSEM_AUTH_VALUE_MAX
 * bytes).
 * @param[in] secret     The association's password, 1..::MSDK_COSEM_AUTH_VALUE_MAX bytes.
 * @param[in] secret_len Its length.
 * @param[in] given      The calling-authentication-value of the AARQ; may be NULL when
 *                       @p given_len is 0.
 * @param[in] given_len  Its length.
 * @retval MSDK_OK              Equal (same length, same bytes).
 * @retval MSDK_ERR_AUTH        Different, or @p given_len above ::MSDK_COSEM_AUTH_VALUE_MAX.
 * @retval MSDK_ERR_INVALID_ARG @p secret NULL, empty (an empty password would admit anyone)
 *                              or longer than ::MSDK_COSEM_AUTH_VALUE_MAX; @p given NULL with
 *                              @p given_len > 0.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_lls_check(const uint8_t *secret, size_t secret_len,
                                               const uint8_t *given, size_t given_len);

/**
 * @brief One side of an HLS authentication (the server's or the client's).
 *
 * "Own" is the side that calls; "peer" the other. The client's own challenge
 * is CtoS and its peer's StoC; for the server it is the other way round.
 * With X the side that computes an answer and Y the other, f(challenge sent
 * by Y) is (IEC 62056-5-3 / Green Book; "." is concatenation):
 * - 3 (MD5), 16 bytes: MD5(challenge of Y . secret);
 * - 4 (SHA-1), 20 bytes: SHA-1(challenge of Y . secret);
 * - 5 (GMAC), 17 bytes: SC . IC . GMAC tag (12 bytes) with key EK, IV = ST-X . IC
 *   and authenticated data SC . AK . challenge of Y; SC = 0x10 | suite, IC is X's;
 * - 6 (SHA-256), 32 bytes: SHA-256(secret . ST-X . ST-Y . challenge of Y .
 *   challenge of X);
 * - 7 (ECDSA), 64 bytes: the ECDSA P-256 signature r . s by X over
 *   SHA-256(ST-X . ST-Y . challenge of Y . challenge of X).
 *
 * So the client's f(StoC) of mechanism 6 is SHA-256(secret || ST-C || ST-S ||
 * StoC || CtoS) and the server's f(CtoS) is SHA-256(secret || ST-S || ST-C ||
 * CtoS || StoC); mechanism 7 signs the same strings without the secret.
 *
 * Members a mechanism does not use may be left zero/NULL. Challenges are
 * ::MSDK_COSEM_HLS_CHALLENGE_MIN..::MSDK_COSEM_HLS_CHALLENGE_MAX bytes.
 */
typedef struct msdk_cosem_hls {
    uint8_t mechanism;             /**< A ::msdk_cosem_mechanism_t, 3..7. */
    uint8_t suite;                 /**< Mechanism 5: the security suite (0 or 1) in the SC byte. */
    const uint8_t *own_challenge;  /**< The challenge this side sent. */
    size_t own_challenge_len;      /**< Its length. */
    const uint8_t *peer_challenge; /**< The challenge the peer sent. */
    size_t peer_challenge_len;     /**< Its length. */
    const uint8_t *own_system_title;  /**< Mechanisms 5, 6, 7: this side's system title (8). */
    const uint8_t *peer_system_title; /**< Mechanisms 5, 6, 7: the peer's system title (8). */
    const uint8_t *secret; /**< Mechanisms 3, 4, 6: the HLS secret (3, 4: at most 64 bytes). */
    size_t secret_len;     /**< Its length, at least 1. */
    const uint8_t *ek;     /**< Mechanism 5: global unicast encryption key (16 bytes). */
    const uint8_t *ak;     /**< Mechanism 5: authentication key (16 bytes). */
    uint32_t own_ic;       /**< Mechanism 5: this side's invocation counter for its answer. */
    const uint8_t *own_private_key; /**< Mechanism 7: this side's P-256 private key (32). */
    msdk_crypto_drbg_t *drbg;       /**< Mechanism 7: seeded DRBG for the signature. */
    const uint8_t *peer_public_key; /**< Mechanism 7: the peer's public key 04 || X || Y (65). */
} msdk_cosem_hls_t;

/**
 * @brief Length of f(challenge) for a mechanism.
 * @param[in] mechanism A ::msdk_cosem_mechanism_t.
 * @return 16, 20, 17, 32 or 64 for mechanisms 3..7; 0 for any other.
 */
size_t msdk_cosem_hls_answer_len(uint8_t mechanism);

/**
 * @brief Draws a fresh challenge (CtoS or StoC) from a DRBG.
 * @param[in,out] drbg Seeded DRBG.
 * @param[out]    out  @p len bytes.
 * @param[in]     len  ::MSDK_COSEM_HLS_CHALLENGE_MIN..::MSDK_COSEM_HLS_CHALLENGE_MAX.
 * @retval MSDK_OK              @p out is filled.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or @p len out of range.
 * @return Any error of msdk_port_crypto_drbg_generate() (@p out is then zeroed).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hls_challenge(msdk_crypto_drbg_t *drbg, uint8_t *out,
                                                   size_t len);

/**
 * @brief Computes this side's answer f(peer challenge).
 *
 * Server: f(CtoS), sent as the return value of reply_to_HLS_authentication
 * after it has verified the client. Client: f(StoC), the parameter of its
 * reply_to_HLS_authentication.
 * @param[in]  h       This side (see ::msdk_cosem_hls_t for the members each mechanism
 *                     needs).
 * @param[out] out     The answer; zeroed on error.
 * @param[in]  cap     Size of @p out, at least msdk_cosem_hls_answer_len().
 * @param[out] out_len Length written.
 * @retval MSDK_OK                   @p out holds the answer.
 * @retval MSDK_ERR_NOT_SUPPORTED    Mechanism other than 3..7, or suite other than 0 or 1.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p cap too small.
 * @retval MSDK_ERR_INVALID_ARG      NULL argument or member the mechanism needs, a
 *                                   challenge length out of range, a secret empty or (3, 4)
 *                                   too long.
 * @retval MSDK_ERR_STATE            msdk_port_crypto_init() was not called.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hls_respond(const msdk_cosem_hls_t *h, uint8_t *out,
                                                 size_t cap, size_t *out_len);

/**
 * @brief Checks the peer's answer f(own challenge), in constant time.
 *
 * Server: the client's f(StoC) received in reply_to_HLS_authentication.
 * Client: the server's f(CtoS) returned by it. Only ::MSDK_OK means
 * authenticated.
 * @param[in]  h          This side.
 * @param[in]  answer     The peer's answer; may be NULL when @p answer_len is 0.
 * @param[in]  answer_len Its length.
 * @param[out] peer_ic    Mechanism 5: the peer's invocation counter from the answer,
 *                        written only on success; may be NULL.
 * @retval MSDK_OK                The answer is right.
 * @retval MSDK_ERR_AUTH          It is not (wrong length, wrong SC, wrong value or
 *                                signature).
 * @retval MSDK_ERR_NOT_SUPPORTED Mechanism other than 3..7, or suite other than 0 or 1.
 * @retval MSDK_ERR_INVALID_ARG   NULL argument or member the mechanism needs, a challenge
 *                                length out of range, a bad secret, or a peer public key that
 *                                is not a point of P-256.
 * @retval MSDK_ERR_STATE         msdk_port_crypto_init() was not called.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_hls_verify(const msdk_cosem_hls_t *h, const uint8_t *answer,
                                                size_t answer_len, uint32_t *peer_ic);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_SECURITY_H */
