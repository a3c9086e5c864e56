/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Crypto port: AES (ECB, CBC, CMAC, GCM, GMAC, key wrap), hashes,
 *        ECDSA P-256 and a CTR_DRBG.
 *
 * Link-time functions: exactly one implementation is linked into a firmware.
 * The default one, ports/common/crypto_mbedtls*.c (CMake target
 * msdk::crypto_mbedtls), runs on mbedTLS 3.6 LTS; a chip with a crypto engine
 * replaces it as a whole (or plugs the engine into mbedTLS's alternative
 * implementation hooks) and must pass the same known-answer tests
 * (tests/unit/crypto).
 *
 * Common rules of every function in this file:
 * - Call msdk_port_crypto_init() once before anything else; until then every
 *   other function (except msdk_port_crypto_zeroize()) returns
 *   ::MSDK_ERR_STATE.
 * - Arguments are always checked (independently of MSDK_CFG_CORE_CHECK_ARGS,
 *   because keys and lengths often come from the outside world): a NULL
 *   pointer, a length out of range or an unsupported key size gives
 *   ::MSDK_ERR_INVALID_ARG and nothing is computed. A data pointer may be
 *   NULL only when its length is 0.
 * - AES keys are 16, 24 or 32 bytes (AES-128/192/256).
 * - Keys are never kept after a call returns: there is no key cache and
 *   every copy the implementation made (key schedules, bignums) is wiped.
 * - On failure every output buffer the caller passed (with a valid length) is
 *   zeroed, so a failed decryption or unwrap never releases plaintext.
 * - Errors: a tag, MAC, key-wrap integrity check or signature that does not
 *   match gives ::MSDK_ERR_AUTH; exhaustion of the implementation's work area
 *   gives ::MSDK_ERR_NO_SPACE; any other failure of the back end gives
 *   ::MSDK_ERR_CRYPTO.
 * - Where an input and an output of the same length are both buffers, they
 *   may be the same buffer (in-place operation) but must not otherwise
 *   overlap.
 * - Not reentrant: the mbedTLS implementation shares one static work area, so
 *   calls must be serialized (one at a time, never from an interrupt handler).
 *   Caller-owned contexts (SHA-256, DRBG) are independent of each other but
 *   also share that work area when they use it.
 *
 * Memory of the mbedTLS implementation: the only mutable state is a static
 * work area of MSDK_CFG_PORT_CRYPTO_HEAP_SIZE bytes (msdk/config.h) that
 * mbedTLS's buffer allocator hands out during a call and that is empty again
 * when the call returns; the firmware image references no malloc()/free().
 * Measured with mbedTLS 3.6.6 and ports/common/mbedtls_config.h, ECDSA P-256
 * verify needs the most: at least 2848 bytes on Cortex-M4 and 3968 bytes on a
 * 64-bit host (the allocator's headers are twice as large there); sign and
 * keygen need less, AES-GCM, CMAC and key wrap under 512 bytes. The default
 * of 6144 bytes leaves a wide margin. Stack on Cortex-M4 (-Os): about
 * 1 KiB for ECDSA sign, 0.7 KiB for verify, 0.6 KiB for GCM.
 */
#ifndef MSDK_PORT_CRYPTO_H
#define MSDK_PORT_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief AES block size in bytes (also the CBC IV and the CMAC size). */
#define MSDK_CRYPTO_AES_BLOCK_SIZE        16u
/** @brief Size of an AES-CMAC in bytes (callers truncate as their protocol says). */
#define MSDK_CRYPTO_CMAC_SIZE             16u
/** @brief Smallest AES-GCM/GMAC tag accepted, in bytes (DLMS uses 12). */
#define MSDK_CRYPTO_GCM_TAG_MIN_SIZE      12u
/** @brief Largest AES-GCM/GMAC tag, in bytes. */
#define MSDK_CRYPTO_GCM_TAG_MAX_SIZE      16u
/** @brief Recommended AES-GCM IV size in bytes (DLMS: system title 8 + invocation counter 4). */
#define MSDK_CRYPTO_GCM_IV_SIZE           12u
/** @brief Bytes the RFC 3394 key wrap adds to the key data (the integrity block). */
#define MSDK_CRYPTO_KW_OVERHEAD           8u
/** @brief Smallest key data the key wrap accepts, in bytes (two 64-bit blocks). */
#define MSDK_CRYPTO_KW_MIN_SIZE           16u
/** @brief Size of an MD5 digest in bytes. */
#define MSDK_CRYPTO_MD5_SIZE              16u
/** @brief Size of a SHA-1 digest in bytes. */
#define MSDK_CRYPTO_SHA1_SIZE             20u
/** @brief Size of a SHA-256 digest in bytes. */
#define MSDK_CRYPTO_SHA256_SIZE           32u
/** @brief Size of a P-256 private key (big-endian scalar) in bytes. */
#define MSDK_CRYPTO_P256_PRIVATE_KEY_SIZE 32u
/** @brief Size of a P-256 public key as an uncompressed point 04 || X || Y, in bytes. */
#define MSDK_CRYPTO_P256_PUBLIC_KEY_SIZE  65u
/** @brief Size of a P-256 ECDSA signature as raw r || s (each 32 bytes big-endian). */
#define MSDK_CRYPTO_P256_SIGNATURE_SIZE   64u
/** @brief Bytes of entropy input the DRBG reads on seed and on every reseed. */
#define MSDK_CRYPTO_DRBG_ENTROPY_SIZE     32u
/** @brief Bytes of nonce the DRBG reads (after the entropy input) when it is seeded. */
#define MSDK_CRYPTO_DRBG_NONCE_SIZE       16u
/** @brief Largest request of one msdk_port_crypto_drbg_generate() call, in bytes. */
#define MSDK_CRYPTO_DRBG_MAX_REQUEST      1024u
/** @brief Largest personalization string or additional input, in bytes. */
#define MSDK_CRYPTO_DRBG_MAX_INPUT        256u
/** @brief Generate calls after which the DRBG reseeds itself from its entropy callback. */
#define MSDK_CRYPTO_DRBG_RESEED_INTERVAL  10000u

/** @brief Bytes reserved for a SHA-256 streaming context. */
#define MSDK_CRYPTO_SHA256_CTX_SIZE 128u
/** @brief Bytes reserved for a DRBG context. */
#define MSDK_CRYPTO_DRBG_CTX_SIZE   384u

/**
 * @brief Storage of a streaming SHA-256 computation (opaque, caller-owned).
 *
 * The content belongs to the implementation; the caller only allocates it
 * (static, stack or inside its own context struct). Its size is a constant of
 * the port interface; an implementation checks at compile time that its
 * state fits. Copying a started context forks the computation.
 */
typedef struct msdk_crypto_sha256_ctx {
    /** @brief Implementation state; do not touch. */
    union {
        uint8_t bytes[MSDK_CRYPTO_SHA256_CTX_SIZE]; /**< Raw storage. */
        uint64_t align_u64;                         /**< Forces 8-byte alignment. */
        void *align_ptr;                            /**< Forces pointer alignment. */
    } opaque;
} msdk_crypto_sha256_ctx_t;

/**
 * @brief A CTR_DRBG instance (AES-256, derivation function, no prediction
 *        resistance; NIST SP 800-90A), opaque and caller-owned.
 *
 * It remembers its entropy callback and context pointer, and it points to
 * itself: once seeded it must not be moved or copied (use it where it was
 * seeded). Wipe it with msdk_port_crypto_drbg_free() when done.
 */
typedef struct msdk_crypto_drbg {
    /** @brief Implementation state; do not touch. */
    union {
        uint8_t bytes[MSDK_CRYPTO_DRBG_CTX_SIZE]; /**< Raw storage. */
        uint64_t align_u64;                       /**< Forces 8-byte alignment. */
        void *align_ptr;                          /**< Forces pointer alignment. */
    } opaque;
} msdk_crypto_drbg_t;

/**
 * @brief Entropy callback of the DRBG.
 *
 * Must fill all @p len bytes with full-entropy random bytes (see
 * msdk/port/entropy.h for what that means) or fail.
 * @param[in]  ctx The @c entropy_ctx given to msdk_port_crypto_drbg_seed().
 * @param[out] buf Destination.
 * @param[in]  len Number of bytes wanted (1..48).
 * @return ::MSDK_OK when all bytes were written, any error code otherwise
 *         (it is passed back to the caller of the DRBG function).
 */
typedef msdk_err_t (*msdk_crypto_entropy_fn_t)(void *ctx, uint8_t *buf, size_t len);

/* --- Setup ---------------------------------------------------------------- */

/**
 * @brief Prepare the crypto service.
 *
 * The mbedTLS implementation hands its static work area of
 * MSDK_CFG_PORT_CRYPTO_HEAP_SIZE bytes to mbedTLS's buffer allocator and
 * points mbedTLS's fatal-error hook at a trap (a corrupted work area stops the
 * firmware instead of running on). Idempotent: later calls do nothing and
 * return ::MSDK_OK.
 * @retval MSDK_OK The service is ready.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_init(void);

/**
 * @brief Overwrite memory with zeros in a way the compiler cannot remove.
 *
 * Use it on keys, plaintexts and contexts that are no longer needed. Works
 * before msdk_port_crypto_init().
 * @param[out] buf Memory to wipe; may be NULL when @p len is 0.
 * @param[in]  len Number of bytes.
 */
void msdk_port_crypto_zeroize(void *buf, size_t len);

/**
 * @brief Entropy callback that reads the board's true random source.
 *
 * The default callback to pass to msdk_port_crypto_drbg_seed(): it ignores
 * @p ctx and calls msdk_port_entropy_read() (msdk/port/entropy.h), so linking
 * it needs the board port.
 * @param[in]  ctx Ignored (pass NULL).
 * @param[out] buf Destination.
 * @param[in]  len Number of bytes.
 * @retval MSDK_OK  @p buf is filled.
 * @retval MSDK_ERR_INVALID_ARG @p buf is NULL while @p len is not 0.
 * @retval MSDK_ERR_IO            The board's source failed.
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no random source.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_board_entropy(void *ctx, uint8_t *buf, size_t len);

/* --- AES block operations --------------------------------------------------- */

/**
 * @brief Encrypt one 16-byte block with AES (ECB, no chaining).
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  in      Plaintext block, 16 bytes.
 * @param[out] out     Ciphertext block, 16 bytes (may be @p in).
 * @retval MSDK_OK              @p out holds the ciphertext.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or bad @p key_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_ecb_encrypt(const uint8_t *key, size_t key_len,
                                                           const uint8_t *in, uint8_t *out);

/**
 * @brief Decrypt one 16-byte block with AES (ECB, no chaining).
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  in      Ciphertext block, 16 bytes.
 * @param[out] out     Plaintext block, 16 bytes (may be @p in).
 * @retval MSDK_OK              @p out holds the plaintext.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or bad @p key_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_ecb_decrypt(const uint8_t *key, size_t key_len,
                                                           const uint8_t *in, uint8_t *out);

/**
 * @brief Encrypt with AES-CBC, no padding (wireless M-Bus / OMS security mode 5).
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  iv      Initialization vector, 16 bytes (not modified).
 * @param[in]  in      Plaintext, @p len bytes.
 * @param[in]  len     A multiple of 16 (0 is allowed and does nothing).
 * @param[out] out     Ciphertext, @p len bytes (may be @p in).
 * @retval MSDK_OK              @p out holds the ciphertext.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len or @p len not a multiple of 16.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_cbc_encrypt(const uint8_t *key, size_t key_len,
                                                           const uint8_t *iv, const uint8_t *in,
                                                           size_t len, uint8_t *out);

/**
 * @brief Decrypt with AES-CBC, no padding (wireless M-Bus / OMS security mode 5).
 *
 * CBC has no integrity: check the result (OMS: the 2F 2F verification bytes)
 * or authenticate the frame separately.
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  iv      Initialization vector, 16 bytes (not modified).
 * @param[in]  in      Ciphertext, @p len bytes.
 * @param[in]  len     A multiple of 16 (0 is allowed and does nothing).
 * @param[out] out     Plaintext, @p len bytes (may be @p in).
 * @retval MSDK_OK              @p out holds the plaintext.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len or @p len not a multiple of 16.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_cbc_decrypt(const uint8_t *key, size_t key_len,
                                                           const uint8_t *iv, const uint8_t *in,
                                                           size_t len, uint8_t *out);

/**
 * @brief Compute AES-CMAC (NIST SP 800-38B, RFC 4493) over a message.
 *
 * Used by OMS security mode 7 (key derivation and frame MAC). The full
 * 16-byte MAC is produced; protocols that send a truncated MAC take its
 * leading bytes.
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  msg     Message; may be NULL when @p msg_len is 0.
 * @param[in]  msg_len Message length in bytes (any, including 0).
 * @param[out] mac     MAC, 16 bytes.
 * @retval MSDK_OK              @p mac is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or bad @p key_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_cmac(const uint8_t *key, size_t key_len,
                                                    const uint8_t *msg, size_t msg_len,
                                                    uint8_t *mac);

/* --- AES-GCM and GMAC (DLMS security suites 0, 1, 2) ------------------------- */

/**
 * @brief Encrypt and authenticate with AES-GCM (NIST SP 800-38D).
 *
 * DLMS: @p iv is system title || invocation counter (12 bytes), @p aad is the
 * security control byte || authentication key (|| the plaintext APDU for
 * authentication-only, which is msdk_port_crypto_aes_gmac()).
 * Never reuse an (@p key, @p iv) pair.
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  iv      Initialization vector.
 * @param[in]  iv_len  1 or more bytes; 12 is the efficient and usual size.
 * @param[in]  aad     Additional authenticated data; may be NULL when @p aad_len is 0.
 * @param[in]  aad_len Its length in bytes.
 * @param[in]  in      Plaintext; may be NULL when @p len is 0.
 * @param[in]  len     Plaintext length in bytes (any, including 0).
 * @param[out] out     Ciphertext, @p len bytes (may be @p in); may be NULL when @p len is 0.
 * @param[out] tag     Authentication tag, @p tag_len bytes.
 * @param[in]  tag_len 12 to 16.
 * @retval MSDK_OK              @p out and @p tag are written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len, @p iv_len 0 or bad @p tag_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_gcm_encrypt(
    const uint8_t *key, size_t key_len, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag, size_t tag_len);

/**
 * @brief Check the tag and decrypt with AES-GCM.
 *
 * The tag is compared in constant time. When it does not match, @p out is
 * zeroed (no unauthenticated plaintext is ever released) and ::MSDK_ERR_AUTH
 * is returned. With @p len 0 this verifies a GMAC.
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  iv      Initialization vector.
 * @param[in]  iv_len  1 or more bytes; 12 is usual.
 * @param[in]  aad     Additional authenticated data; may be NULL when @p aad_len is 0.
 * @param[in]  aad_len Its length in bytes.
 * @param[in]  in      Ciphertext; may be NULL when @p len is 0.
 * @param[in]  len     Ciphertext length in bytes.
 * @param[in]  tag     Received tag, @p tag_len bytes.
 * @param[in]  tag_len 12 to 16.
 * @param[out] out     Plaintext, @p len bytes (may be @p in); may be NULL when @p len is 0.
 * @retval MSDK_OK              The tag matches; @p out holds the plaintext.
 * @retval MSDK_ERR_AUTH        The tag does not match; @p out is zeroed.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len, @p iv_len 0 or bad @p tag_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_gcm_decrypt(const uint8_t *key, size_t key_len,
                                                           const uint8_t *iv, size_t iv_len,
                                                           const uint8_t *aad, size_t aad_len,
                                                           const uint8_t *in, size_t len,
                                                           const uint8_t *tag, size_t tag_len,
                                                           uint8_t *out);

/**
 * @brief Compute a GMAC: AES-GCM over additional data only, producing a tag.
 *
 * DLMS authentication-only protection and HLS mechanism 5 use it.
 * @param[in]  key     AES key.
 * @param[in]  key_len 16, 24 or 32.
 * @param[in]  iv      Initialization vector.
 * @param[in]  iv_len  1 or more bytes; 12 is usual.
 * @param[in]  aad     Authenticated data; may be NULL when @p aad_len is 0.
 * @param[in]  aad_len Its length in bytes.
 * @param[out] tag     Tag, @p tag_len bytes.
 * @param[in]  tag_len 12 to 16.
 * @retval MSDK_OK              @p tag is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len, @p iv_len 0 or bad @p tag_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_gmac(const uint8_t *key, size_t key_len,
                                                    const uint8_t *iv, size_t iv_len,
                                                    const uint8_t *aad, size_t aad_len,
                                                    uint8_t *tag, size_t tag_len);

/**
 * @brief Verify a received GMAC in constant time.
 * @param[in] key     AES key.
 * @param[in] key_len 16, 24 or 32.
 * @param[in] iv      Initialization vector.
 * @param[in] iv_len  1 or more bytes; 12 is usual.
 * @param[in] aad     Authenticated data; may be NULL when @p aad_len is 0.
 * @param[in] aad_len Its length in bytes.
 * @param[in] tag     Received tag, @p tag_len bytes.
 * @param[in] tag_len 12 to 16.
 * @retval MSDK_OK              The tag matches.
 * @retval MSDK_ERR_AUTH        The tag does not match.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p key_len, @p iv_len 0 or bad @p tag_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_gmac_verify(const uint8_t *key, size_t key_len,
                                                           const uint8_t *iv, size_t iv_len,
                                                           const uint8_t *aad, size_t aad_len,
                                                           const uint8_t *tag, size_t tag_len);

/* --- AES key wrap (RFC 3394, NIST SP 800-38F KW) ----------------------------- */

/**
 * @brief Wrap key data under a key-encryption key (DLMS key transfer).
 * @param[in]  kek     Key-encryption key.
 * @param[in]  kek_len 16, 24 or 32.
 * @param[in]  in      Key data to wrap.
 * @param[in]  in_len  A multiple of 8, at least 16.
 * @param[out] out     Wrapped key, @p in_len + 8 bytes (must not overlap @p in).
 * @retval MSDK_OK              @p out holds the wrapped key.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p kek_len or bad @p in_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_key_wrap(const uint8_t *kek, size_t kek_len,
                                                        const uint8_t *in, size_t in_len,
                                                        uint8_t *out);

/**
 * @brief Unwrap and check wrapped key data.
 *
 * When the integrity check fails (wrong KEK or tampered data), @p out is
 * zeroed and ::MSDK_ERR_AUTH is returned.
 * @param[in]  kek     Key-encryption key.
 * @param[in]  kek_len 16, 24 or 32.
 * @param[in]  in      Wrapped key.
 * @param[in]  in_len  A multiple of 8, at least 24.
 * @param[out] out     Key data, @p in_len - 8 bytes (must not overlap @p in).
 * @retval MSDK_OK              @p out holds the key data.
 * @retval MSDK_ERR_AUTH        Integrity check failed; @p out is zeroed.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, bad @p kek_len or bad @p in_len.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_aes_key_unwrap(const uint8_t *kek, size_t kek_len,
                                                          const uint8_t *in, size_t in_len,
                                                          uint8_t *out);

/* --- Hashes ----------------------------------------------------------------- */

/**
 * @brief MD5 of a message (legacy DLMS HLS mechanism 3 only; not collision resistant).
 * @param[in]  data   Message; may be NULL when @p len is 0.
 * @param[in]  len    Message length in bytes.
 * @param[out] digest 16 bytes.
 * @retval MSDK_OK              @p digest is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_md5(const uint8_t *data, size_t len, uint8_t *digest);

/**
 * @brief SHA-1 of a message (legacy DLMS HLS mechanism 4 only; not collision resistant).
 * @param[in]  data   Message; may be NULL when @p len is 0.
 * @param[in]  len    Message length in bytes.
 * @param[out] digest 20 bytes.
 * @retval MSDK_OK              @p digest is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_sha1(const uint8_t *data, size_t len, uint8_t *digest);

/**
 * @brief SHA-256 of a message (FIPS 180-4).
 * @param[in]  data   Message; may be NULL when @p len is 0.
 * @param[in]  len    Message length in bytes.
 * @param[out] digest 32 bytes.
 * @retval MSDK_OK              @p digest is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_sha256(const uint8_t *data, size_t len, uint8_t *digest);

/**
 * @brief Start a streaming SHA-256 (for data that arrives in pieces, e.g. a
 *        firmware image).
 *
 * The context needs no preparation; a started context may be started again.
 * To abandon a computation, wipe the context with msdk_port_crypto_zeroize().
 * @param[out] ctx Caller-owned context.
 * @retval MSDK_OK              @p ctx is ready for updates.
 * @retval MSDK_ERR_INVALID_ARG @p ctx is NULL.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_sha256_start(msdk_crypto_sha256_ctx_t *ctx);

/**
 * @brief Feed data into a streaming SHA-256.
 * @pre msdk_port_crypto_sha256_start() was called on @p ctx and it was not finished since.
 * @param[in,out] ctx  Started context.
 * @param[in]     data Data; may be NULL when @p len is 0.
 * @param[in]     len  Length in bytes (any, including 0).
 * @retval MSDK_OK              The data is absorbed.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       @p ctx was not started, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_sha256_update(msdk_crypto_sha256_ctx_t *ctx,
                                                         const uint8_t *data, size_t len);

/**
 * @brief Produce the digest of a streaming SHA-256 and wipe the context.
 *
 * Afterwards @p ctx is zeroed; start it again to hash something else.
 * @pre msdk_port_crypto_sha256_start() was called on @p ctx.
 * @param[in,out] ctx    Started context; zeroed on return (success or not).
 * @param[out]    digest 32 bytes.
 * @retval MSDK_OK              @p digest is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       @p ctx was not started, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_sha256_finish(msdk_crypto_sha256_ctx_t *ctx,
                                                         uint8_t *digest);

/* --- DRBG (CTR_DRBG, AES-256) ------------------------------------------------- */

/**
 * @brief Instantiate a DRBG from an entropy callback and a personalization string.
 *
 * Reads, in this order, ::MSDK_CRYPTO_DRBG_ENTROPY_SIZE bytes of entropy input
 * and ::MSDK_CRYPTO_DRBG_NONCE_SIZE bytes of nonce from @p entropy (two calls),
 * then derives the state from entropy input || nonce || @p pers. Later
 * reseeds (explicit, or automatic after ::MSDK_CRYPTO_DRBG_RESEED_INTERVAL
 * generate calls) read ::MSDK_CRYPTO_DRBG_ENTROPY_SIZE bytes from the same
 * callback, which must therefore stay valid as long as the DRBG is used.
 * Seeding an already seeded context starts it afresh.
 * @param[out] drbg        Caller-owned context; not moved or copied afterwards.
 * @param[in]  entropy     Entropy callback, usually msdk_port_crypto_board_entropy.
 * @param[in]  entropy_ctx Passed to @p entropy unchanged; may be NULL.
 * @param[in]  pers        Personalization string (e.g. the device's system
 *                         title and serial number); may be NULL when @p pers_len is 0.
 * @param[in]  pers_len    0 to ::MSDK_CRYPTO_DRBG_MAX_INPUT.
 * @retval MSDK_OK              The DRBG is ready.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p pers_len too large.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 * @return Any error of @p entropy is returned as is; @p drbg is then unseeded.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_drbg_seed(msdk_crypto_drbg_t *drbg,
                                                     msdk_crypto_entropy_fn_t entropy,
                                                     void *entropy_ctx, const uint8_t *pers,
                                                     size_t pers_len);

/**
 * @brief Reseed a DRBG with fresh entropy and optional additional input.
 * @param[in,out] drbg           Seeded DRBG.
 * @param[in]     additional     Additional input; may be NULL when @p additional_len is 0.
 * @param[in]     additional_len 0 to ::MSDK_CRYPTO_DRBG_MAX_INPUT.
 * @retval MSDK_OK              Reseeded.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p additional_len too large.
 * @retval MSDK_ERR_STATE       @p drbg is not seeded, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 * @return Any error of the entropy callback is returned as is.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_drbg_reseed(msdk_crypto_drbg_t *drbg,
                                                       const uint8_t *additional,
                                                       size_t additional_len);

/**
 * @brief Generate random bytes.
 * @param[in,out] drbg           Seeded DRBG.
 * @param[out]    out            Destination, @p len bytes (zeroed on failure).
 * @param[in]     len            1 to ::MSDK_CRYPTO_DRBG_MAX_REQUEST.
 * @param[in]     additional     Additional input; may be NULL when @p additional_len is 0.
 * @param[in]     additional_len 0 to ::MSDK_CRYPTO_DRBG_MAX_INPUT.
 * @retval MSDK_OK              @p out is filled.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, @p len 0 or too large, @p additional_len too large.
 * @retval MSDK_ERR_STATE       @p drbg is not seeded, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 * @return Any error of the entropy callback (automatic reseed) is returned as is.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_drbg_generate(msdk_crypto_drbg_t *drbg, uint8_t *out,
                                                         size_t len, const uint8_t *additional,
                                                         size_t additional_len);

/**
 * @brief Wipe a DRBG; it must be seeded again before use.
 * @param[in,out] drbg Context to wipe; NULL does nothing.
 */
void msdk_port_crypto_drbg_free(msdk_crypto_drbg_t *drbg);

/* --- ECDSA on NIST P-256 (DLMS security suite 1, signed images) -------------- */

/**
 * @brief Verify an ECDSA P-256 signature over a SHA-256 hash.
 *
 * Only ::MSDK_OK means the signature is valid; treat every other result as
 * "not verified".
 * @param[in] pub  Public key, 65 bytes: 0x04 || X || Y (big-endian).
 * @param[in] hash Hash of the message, 32 bytes.
 * @param[in] sig  Signature, 64 bytes: r || s (big-endian).
 * @retval MSDK_OK              The signature is valid.
 * @retval MSDK_ERR_AUTH        The signature does not match (including r or s out of range).
 * @retval MSDK_ERR_INVALID_ARG NULL pointer, or @p pub is not a point of the curve.
 * @retval MSDK_ERR_STATE       msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_ecdsa_p256_verify(const uint8_t *pub,
                                                             const uint8_t *hash,
                                                             const uint8_t *sig);

/**
 * @brief Sign a SHA-256 hash with ECDSA P-256.
 *
 * The nonce is derived deterministically from the key and the hash (RFC 6979),
 * so a weak random source cannot leak the key; @p drbg only blinds the
 * computation against side channels. The same key and hash give the same
 * signature.
 * @param[in,out] drbg Seeded DRBG.
 * @param[in]     priv Private key, 32 bytes big-endian, 1 <= d < n.
 * @param[in]     hash Hash of the message, 32 bytes.
 * @param[out]    sig  Signature, 64 bytes: r || s (big-endian).
 * @retval MSDK_OK              @p sig is written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer or @p priv out of range.
 * @retval MSDK_ERR_STATE       @p drbg is not seeded, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_ecdsa_p256_sign(msdk_crypto_drbg_t *drbg,
                                                           const uint8_t *priv, const uint8_t *hash,
                                                           uint8_t *sig);

/**
 * @brief Generate a P-256 key pair.
 * @param[in,out] drbg Seeded DRBG.
 * @param[out]    priv Private key, 32 bytes big-endian (keep it secret, wipe it after use).
 * @param[out]    pub  Public key, 65 bytes: 0x04 || X || Y.
 * @retval MSDK_OK              @p priv and @p pub are written.
 * @retval MSDK_ERR_INVALID_ARG NULL pointer.
 * @retval MSDK_ERR_STATE       @p drbg is not seeded, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_NO_SPACE    The work area is too small.
 * @retval MSDK_ERR_CRYPTO      The back end failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_crypto_ecdsa_p256_keygen(msdk_crypto_drbg_t *drbg,
                                                             uint8_t *priv, uint8_t *pub);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_CRYPTO_H */
