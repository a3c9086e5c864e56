/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Security setup (class 64, version 1): the security material of associations
 *        (policy, suite, system titles, keys, invocation counters) and its COSEM interface.
 *
 * A ::msdk_cosem_secsetup_t is owned by the application (RAM, restored from non-volatile
 * storage at boot) and shared by the Security setup object that shows it and by the
 * associations that use it (`secsetup` of their association definition). The object's
 * `ctx` points at it; its `def` may be NULL.
 *
 * Keys are never readable through COSEM. A key_transfer (method 2) unwraps the new keys with
 * the KEK (RFC 3394) and holds them as pending; so does security_activate (method 1) with the
 * new policy. The server applies pending changes with msdk_cosem_secsetup_commit() once the
 * response of the request that made them has been protected with the old material, as
 * IEC 62056-5-3 requires ("the new key is used from the next APDU on"). Every change is saved
 * through ::msdk_cosem_secsetup_t::save before it takes effect.
 *
 * @par Attributes (GET)
 * - 2 security_policy: enum, the version 1 bits (::msdk_cosem_policy_bit_t);
 * - 3 security_suite: enum;
 * - 4 client_system_title: octet-string of 8, or an empty octet-string while
 *   ::msdk_cosem_secsetup_t::client_title_known is false;
 * - 5 server_system_title: octet-string of 8;
 * - 6 certificates: array of certificate_info structure { certificate_entity enum,
 *   certificate_type enum, serial_number octet-string (the content octets of the
 *   certificate's serialNumber INTEGER), issuer octet-string (the DER of its issuer Name),
 *   subject octet-string (the DER of its subject Name), subject_alt_name octet-string (the
 *   DER of its subjectAltName GeneralNames, empty without one) }, one per certificate of
 *   ::msdk_cosem_secsetup_t::certs (empty without a store), streamed across GET blocks.
 *
 * No attribute is writable (SET: read-write-denied); no selective access (other-reason).
 * An object whose `ctx` is NULL answers object-unavailable.
 *
 * @par Methods (ACTION) and their results
 * - 1 security_activate (enum policy): the policy can only be strengthened (IEC 62056-6-2,
 *   class 64 version 1): every bit already set must stay set. type-unmatched when the
 *   parameter is not one enum or sets the unused bits 0 and 1; other-reason for a weaker
 *   policy, for the digital signature bits (::MSDK_COSEM_POLICY_SIGNED_REQUEST,
 *   ::MSDK_COSEM_POLICY_SIGNED_RESPONSE: not implemented) and when a key the policy needs is
 *   neither set nor pending (authentication needs the AK, encryption the EK). Accepted (the
 *   same policy included): pending, success.
 * - 2 key_transfer (array of key_data): every key is unwrapped under the KEK (RFC 3394,
 *   msdk_cosem_sec_key_transfer_decode(), 16-byte keys), all or nothing. other-reason
 *   without a KEK (::MSDK_COSEM_KEY_ID_MASTER not in ::msdk_cosem_secsetup_t::keys_set) or
 *   when a key does not unwrap (wrong KEK, tampered); type-unmatched for a parameter that
 *   does not decode (structure, key id, length, more than one key per id); hardware-fault
 *   for a failure of the crypto port. Accepted: the keys are pending, success.
 * - Both: hardware-fault without ::msdk_cosem_secsetup_t::save (nothing could be stored);
 *   temporary-failure while a change of the same kind is already pending (a second one in
 *   the same request, with-list), and when ::msdk_cosem_secsetup_t::reserve refuses the
 *   save of the change (the application could not save it now); on any refusal nothing
 *   becomes pending.
 * - 3 key_agreement: not implemented, object-unavailable.
 * - 4 generate_key_pair (enum key_pair_type): 0 (digital signature) draws a new P-256
 *   signature key pair for the server (HLS 7) from the server's DRBG, saves it and uses it
 *   from then on; the server's signature certificate, which names the old key, is removed
 *   from the store. 1 (key agreement) and 2 (TLS): other-reason (suite 1 key agreement is
 *   not implemented). hardware-fault without a DRBG or when the save fails.
 * - 5 generate_certificate_request (enum key_pair_type): 0 returns the PKCS#10 request of
 *   the server's signature key (msdk_cosem_x509_csr(): subject CN the server system title
 *   in hex) as an octet-string; other-reason without a signature key or for another type.
 * - 6 import_certificate (octet-string: an X.509 v3 DER certificate of suite 1,
 *   msdk_cosem_x509_parse()). A CA certificate (basicConstraints cA and keyUsage
 *   keyCertSign) must be self-signed: it becomes a trust anchor (entity certification
 *   authority). Any other certificate must verify under a CA certificate of the store; its
 *   keyUsage gives its type (digitalSignature: digital signature, else keyAgreement: key
 *   agreement, else other-reason); its entity is the server when its key is the server's
 *   signature key, else the client. Whoever may call this method may install a trust
 *   anchor, so only the most protected association should have the right. A client's digital
 * signature certificate makes its key the HLS 7 client key (::msdk_cosem_secsetup_t::client_pub,
 * saved). A certificate of the same entity and type is replaced. type-unmatched for a parameter
 * that is not one octet-string or a certificate that does not parse, other-reason for one outside
 * suite 1, one that does not verify, no CA, or a full store; hardware-fault when the store or the
 *   save fails.
 * - 7 export_certificate and 8 remove_certificate (structure { identification type enum,
 *   structure { entity enum, type enum, system_title octet-string } (0: by entity; the
 *   system title, when not empty, must be the subject's common name in hex) or
 *   structure { serial_number octet-string, issuer octet-string } (1: by serial, as
 *   attribute 6 gives them) }): 7 returns the first matching certificate's DER as an
 *   octet-string, 8 removes it (a removed client signature certificate withdraws the HLS 7
 *   client key). other-reason when none matches; type-unmatched for a parameter that does
 *   not decode.
 * - 4..8 without ::msdk_cosem_secsetup_t::certs: 4 and 5 work, 6..8 are object-unavailable.
 *
 * @par Key change and invocation counters
 * A key transferred with the value it already has is not a change: no counter restarts, no
 * event. A new EK restarts the server's transmit counter (the GCM IV, system title and
 * counter, must never repeat under one key) and the received counter of the EK; a new
 * broadcast key restarts the received counter of the broadcast key. The key management
 * system must never transfer a key that was in use before (A, B, then A again would repeat
 * the counter values of A).
 *
 * @par Order of a commit and power cuts
 * msdk_cosem_secsetup_commit() builds the new material in a local copy (nothing pending,
 * new keys, the received counters of a new EK / BEK restarted, the transmit counter of a
 * new EK at 0 with nothing reserved), saves the copy, and only when the save succeeded
 * copies it in and then calls msdk_cosem_tx_ic_restart(), which persists 0 + R through the
 * counter's own callback. A power cut
 * - before the save is durable: the old record stays (old keys, old counters), as if the
 *   change had failed after its response (the client finds the old keys still in use);
 * - after the save, before the restart's write: the record pairs the new EK with a counter
 *   at 0 (or, where the application keeps the bound in the counter's own record only, with
 *   the old key's bound: higher, just as safe, though an exhausted old counter then stays
 *   exhausted until the next key change); no value was handed out with the new EK, so none
 *   can repeat;
 * - after the restart's write: the normal state of the new EK.
 * The old EK is never paired with a restarted counter.
 */
#ifndef MSDK_COSEM_CLASS_SECURITY_H
#define MSDK_COSEM_CLASS_SECURITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/object.h"
#include "msdk/cosem/secstate.h"
#include "msdk/cosem/security.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Security policy bits of class 64 version 1 (attribute 2). */
typedef enum msdk_cosem_policy_bit {
    MSDK_COSEM_POLICY_AUTH_REQUEST = 0x04u,    /**< All requests authenticated. */
    MSDK_COSEM_POLICY_ENC_REQUEST = 0x08u,     /**< All requests encrypted. */
    MSDK_COSEM_POLICY_SIGNED_REQUEST = 0x10u,  /**< All requests digitally signed. */
    MSDK_COSEM_POLICY_AUTH_RESPONSE = 0x20u,   /**< All responses authenticated. */
    MSDK_COSEM_POLICY_ENC_RESPONSE = 0x40u,    /**< All responses encrypted. */
    MSDK_COSEM_POLICY_SIGNED_RESPONSE = 0x80u, /**< All responses digitally signed. */
} msdk_cosem_policy_bit_t;

/** @brief Security setup attributes (2..6). */
typedef enum msdk_cosem_secsetup_attr {
    MSDK_COSEM_SECSETUP_POLICY = 2,       /**< security_policy: enum (v1 bit flags). */
    MSDK_COSEM_SECSETUP_SUITE = 3,        /**< security_suite: enum 0..2. */
    MSDK_COSEM_SECSETUP_CLIENT_TITLE = 4, /**< client_system_title: octet-string. */
    MSDK_COSEM_SECSETUP_SERVER_TITLE = 5, /**< server_system_title: octet-string. */
    MSDK_COSEM_SECSETUP_CERTIFICATES = 6, /**< certificates: array of certificate_info. */
} msdk_cosem_secsetup_attr_t;

/** @brief Security setup methods (version 1). */
typedef enum msdk_cosem_secsetup_method {
    MSDK_COSEM_SECSETUP_SECURITY_ACTIVATE = 1, /**< security_activate (policy enum). */
    MSDK_COSEM_SECSETUP_KEY_TRANSFER = 2,      /**< key_transfer (array of key_data). */
    MSDK_COSEM_SECSETUP_KEY_AGREEMENT = 3,     /**< key_agreement (suite 1/2). */
    MSDK_COSEM_SECSETUP_GENERATE_KEY_PAIR = 4, /**< generate_key_pair. */
    MSDK_COSEM_SECSETUP_GENERATE_CSR = 5,      /**< generate_certificate_request. */
    MSDK_COSEM_SECSETUP_IMPORT_CERT = 6,       /**< import_certificate. */
    MSDK_COSEM_SECSETUP_EXPORT_CERT = 7,       /**< export_certificate. */
    MSDK_COSEM_SECSETUP_REMOVE_CERT = 8,       /**< remove_certificate. */
} msdk_cosem_secsetup_method_t;

/** @brief Bit of a key in ::msdk_cosem_secsetup_t::keys_set: `1 << key_id`. */
#define MSDK_COSEM_SECSETUP_KEY_BIT(id) ((uint8_t)(1u << (id)))

/** @brief Received invocation counters kept per Security setup: unicast and broadcast key. */
#define MSDK_COSEM_SECSETUP_RX_KEYS 2u

/** @brief AES-128 key length (suite 0 and 1). */
#define MSDK_COSEM_SECSETUP_KEY_LEN 16u

struct msdk_cosem_secsetup;

/** @brief certificate_entity (class 64 version 1). */
typedef enum msdk_cosem_cert_entity {
    MSDK_COSEM_CERT_ENTITY_SERVER = 0, /**< The server (this meter). */
    MSDK_COSEM_CERT_ENTITY_CLIENT = 1, /**< A client. */
    MSDK_COSEM_CERT_ENTITY_CA = 2,     /**< A certification authority. */
    MSDK_COSEM_CERT_ENTITY_OTHER = 3,  /**< Other. */
} msdk_cosem_cert_entity_t;

/** @brief certificate_type / key_pair_type (class 64 version 1). */
typedef enum msdk_cosem_cert_type {
    MSDK_COSEM_CERT_TYPE_SIGNATURE = 0,     /**< Digital signature. */
    MSDK_COSEM_CERT_TYPE_KEY_AGREEMENT = 1, /**< Key agreement. */
    MSDK_COSEM_CERT_TYPE_TLS = 2,           /**< TLS. */
    MSDK_COSEM_CERT_TYPE_OTHER = 3,         /**< Other. */
} msdk_cosem_cert_type_t;

/**
 * @brief A certificate store: the application's non-volatile list of DER certificates with
 *        their entity and type (::msdk_cosem_secsetup_t::certs).
 *
 * Certificates are numbered 0..count-1 in a stable order between changes. @c put and
 * @c remove return MSDK_OK only once the change is durable (a power cut leaves the old or
 * the new list).
 */
typedef struct msdk_cosem_cert_store {
    /** Number of certificates stored. */
    uint8_t (*count)(void *ctx);
    /** Certificate @p i: its DER (valid until the next @c put or @c remove), entity, type. */
    msdk_err_t (*get)(void *ctx, uint8_t i, const uint8_t **der, size_t *len, uint8_t *entity,
                      uint8_t *type);
    /** Stores a certificate as number @p i: in place of certificate i when i < count, else
     *  added. MSDK_ERR_NO_SPACE when it cannot be added (full, or too long). */
    msdk_err_t (*put)(void *ctx, uint8_t i, uint8_t entity, uint8_t type, const uint8_t *der,
                      size_t len);
    /** Removes certificate @p i (the ones after it move down by one). */
    msdk_err_t (*remove)(void *ctx, uint8_t i);
    void *ctx; /**< Passed to the functions. */
} msdk_cosem_cert_store_t;

/**
 * @brief Saves the security material (keys, policy, counter reservation, received counters)
 *        to non-volatile storage, atomically.
 *
 * Called by msdk_cosem_secsetup_commit() with the new material (nothing pending in it)
 * before it takes effect. A power cut during the write must leave either the old or the new
 * record. The transmit counter's bound in @p s is 0 for a new EK; the counter's own
 * persistence callback (::msdk_cosem_tx_ic_config_t) writes its windows afterwards.
 * @param[in] ctx ::msdk_cosem_secsetup_t::save_ctx.
 * @param[in] s   The material to save.
 * @return MSDK_OK once it is stored; anything else and the change is not applied.
 */
typedef msdk_err_t (*msdk_cosem_secsetup_save_fn)(void *ctx, const struct msdk_cosem_secsetup *s);

/** @brief Bit of a change (::msdk_cosem_secsetup_reserve_fn) for a new security policy; the
 *         other bits are the ::MSDK_COSEM_SECSETUP_KEY_BIT of the keys whose value changes. */
#define MSDK_COSEM_SECSETUP_CHANGE_POLICY 0x80u

/**
 * @brief Reserves what saving the pending changes will take (an application that limits its
 *        saves, by a write budget for example), so that a change answered success is saved.
 *
 * Called by security_activate and key_transfer once they would accept, with the change of
 * everything then pending for the response (the keys whose value changes and
 * ::MSDK_COSEM_SECSETUP_CHANGE_POLICY for a new policy), only when it differs from the
 * change last reserved: a change that changes nothing is not asked for, and a second method
 * of the same response asks for the whole change again (the application reserves what it
 * does not hold yet). On a refusal the method answers temporary-failure and what it would
 * have added is not pending; what was reserved before stays reserved.
 *
 * The reservation covers msdk_cosem_secsetup_commit(): the call to
 * ::msdk_cosem_secsetup_t::save and the transmit counter's restart for a new EK. It ends
 * with a call with @p change 0 (its return value ignored) at the end of
 * msdk_cosem_secsetup_commit() (saved or not) and in msdk_cosem_secsetup_discard().
 * @param[in] ctx    ::msdk_cosem_secsetup_t::save_ctx.
 * @param[in] change What the pending changes change; 0: release the reservation.
 * @retval MSDK_OK Reserved: the save will not fail for want of budget.
 * @return Anything else: not reserved (the method is refused).
 */
typedef msdk_err_t (*msdk_cosem_secsetup_reserve_fn)(void *ctx, uint8_t change);

/** @brief Security material of one Security setup object (application-owned, mutable). */
typedef struct msdk_cosem_secsetup {
    uint8_t policy;                                    /**< security_policy bits. */
    uint8_t suite;                                     /**< security_suite: 0 or 1. */
    uint8_t server_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< The meter's system title. */
    uint8_t client_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< Last client system title seen. */
    bool client_title_known;                           /**< @c client_title is set. */
    uint8_t ek[MSDK_COSEM_SECSETUP_KEY_LEN];           /**< Global unicast encryption key. */
    uint8_t bek[MSDK_COSEM_SECSETUP_KEY_LEN];          /**< Global broadcast encryption key. */
    uint8_t ak[MSDK_COSEM_SECSETUP_KEY_LEN];           /**< Authentication key. */
    uint8_t kek[MSDK_COSEM_SECSETUP_KEY_LEN];          /**< Master key (KEK). */
    uint8_t keys_set;         /**< Keys present: ::MSDK_COSEM_SECSETUP_KEY_BIT of their key_id. */
    msdk_cosem_tx_ic_t tx_ic; /**< The server's transmit counter (EK / BEK). */
    msdk_cosem_rx_ic_t rx_ic[MSDK_COSEM_SECSETUP_RX_KEYS]; /**< Client counters: [0] EK,
                                                                [1] BEK. */
    /* Suite 1 signature keys (HLS 7): set by the application, generate_key_pair and
     * import_certificate. */
    uint8_t sign_key[32];   /**< The server's ECDSA P-256 private key. */
    uint8_t sign_pub[65];   /**< Its public key 04 || X || Y. */
    bool has_sign_key;      /**< @c sign_key / @c sign_pub are set. */
    uint8_t client_pub[65]; /**< The client's ECDSA P-256 public key 04 || X || Y. */
    bool has_client_pub;    /**< @c client_pub is set. */
    /* Changes waiting for the response of the request that made them. */
    /** @private Unwrapped keys of a key_transfer (wiped once committed or discarded). */
    msdk_cosem_sec_key_t pending[MSDK_COSEM_KEY_TRANSFER_MAX];
    uint8_t pending_count;                /**< @private Entries in @c pending. */
    uint8_t pending_policy;               /**< @private Policy of a security_activate. */
    bool policy_pending;                  /**< @private @c pending_policy is waiting. */
    const msdk_cosem_cert_store_t *certs; /**< Certificate store, or NULL (none). */
    msdk_cosem_secsetup_save_fn save;     /**< Persistence (required for any change). */
    void *save_ctx;                       /**< Passed to @c save and @c reserve. */
    /** Reservation of the save of a change before its method answers success, or NULL
     *  (none: every accepted change is answered success and saved at the commit). */
    msdk_cosem_secsetup_reserve_fn reserve;
    uint8_t reserved; /**< @private The change reserved (0: none). */
} msdk_cosem_secsetup_t;

/** @brief The Security setup class descriptor (class 64, version 1). */
extern const msdk_cosem_class_t msdk_cosem_class_security_setup;

/**
 * @brief Whether a change (key_transfer or security_activate) waits for its response.
 * @param[in] s Security material.
 * @return true when msdk_cosem_secsetup_commit() has something to apply.
 */
bool msdk_cosem_secsetup_has_pending(const msdk_cosem_secsetup_t *s);

/**
 * @brief Applies the pending changes after the response that made them was protected:
 *        new keys (the transmit counter restarts for a new EK, the received counter of a
 *        changed key restarts), new policy; saves the material first and raises
 *        ::MSDK_COSEM_SECEVENT_KEY_CHANGED / ::MSDK_COSEM_SECEVENT_POLICY_CHANGED.
 *
 * Nothing is saved when nothing changes (the same policy, keys with their current values).
 * ::MSDK_COSEM_SECEVENT_KEY_CHANGED is raised once per key whose value changes,
 * ::MSDK_COSEM_SECEVENT_POLICY_CHANGED once when the policy changes; no event is raised for
 * a change that was not saved. The pending keys and every copy of the material made here are
 * wiped, and the reservation (::msdk_cosem_secsetup_t::reserve) released, on every path. See
 * this file's description for the order of the writes and what a power cut leaves.
 * @param[in,out] s          Security material.
 * @param[in,out] ev         Event counters, or NULL.
 * @param[in]     client_sap Client whose request made the change (for the event).
 * @retval MSDK_OK              Applied (or nothing pending); pending state cleared.
 * @retval MSDK_ERR_INVALID_ARG @p s is NULL.
 * @retval MSDK_ERR_STATE       Something is pending but @c save is NULL: dropped and wiped.
 * @return Otherwise, with @c has_pending false in both cases, either the error of @c save
 *         (nothing applied, the pending changes dropped and wiped, no event), or, after a
 *         successful save, the error of msdk_cosem_tx_ic_restart() for a new EK: the change
 *         is applied and its events raised, but the transmit counter hands out nothing until
 *         a msdk_cosem_tx_ic_take() has persisted its first window (each take retries).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_secsetup_commit(msdk_cosem_secsetup_t *s,
                                                     msdk_cosem_secevents_t *ev,
                                                     uint16_t client_sap);

/**
 * @brief Takes the HLS 7 client key from the store's client digital signature certificate
 *        (at boot: the store is the reference, a power cut may have come between an import
 *        and the save of the key).
 *
 * Sets ::msdk_cosem_secsetup_t::client_pub from the first client signature certificate that
 * parses; without one, leaves it as it is. Saves nothing.
 * @param[in,out] s Security material.
 * @retval MSDK_OK        The key was taken from a certificate.
 * @retval MSDK_ERR_NOT_FOUND No store, or no usable client signature certificate in it.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_secsetup_sync_certs(msdk_cosem_secsetup_t *s);

/**
 * @brief Drops pending changes (the request failed before its response), wiping the keys,
 *        and releases their reservation (::msdk_cosem_secsetup_t::reserve).
 * @param[in,out] s Security material.
 */
void msdk_cosem_secsetup_discard(msdk_cosem_secsetup_t *s);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLASS_SECURITY_H */
