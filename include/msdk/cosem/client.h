/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief DLMS/COSEM client association (logical name referencing), sans-IO: the client
 *        writes the next request APDU into a caller buffer and consumes the response APDU.
 *
 * The client is transport-free. The caller moves APDUs over the wrapper (TCP) or an HDLC
 * client link and hands every response to msdk_cosem_client_rx(), which either finishes
 * the operation (the result is in msdk_cosem_client_result()) or writes the next request
 * of a block transfer and sets `*more`:
 * @code
 * msdk_cosem_client_t c;
 * msdk_cosem_client_init(&c, &cfg);
 * msdk_wbuf_init(&tx, req, sizeof req);
 * err = msdk_cosem_client_get(&c, &attr, value, sizeof value, &tx);
 * bool more = (err == MSDK_OK);
 * while (more) {
 *     resp_len = transport_exchange(req, tx.pos, resp, sizeof resp);  // the caller's I/O
 *     msdk_wbuf_init(&tx, req, sizeof req);
 *     err = msdk_cosem_client_rx(&c, resp, resp_len, &tx, &more);
 *     if (err != MSDK_OK) { msdk_cosem_client_abort(&c); break; }
 * }
 * const msdk_cosem_client_result_t *r = msdk_cosem_client_result(&c);
 * @endcode
 *
 * Supported: AARQ with the lowest level of security, LLS (a password) or HLS mechanisms 3
 * to 7 (the 4-pass authentication: CtoS in the AARQ, StoC in the AARE, then
 * reply_to_HLS_authentication, sent by msdk_cosem_client_rx() on its own after the AARE,
 * whose answer f(CtoS) the client verifies before it reports the association); AARE
 * checking with its diagnostic, RLRQ/RLRE; GET of one attribute with optional selective
 * access, following get-response-with-datablock blocks until the last one and reassembling
 * the value into a caller buffer; GET with list (also when the answer comes in blocks: their
 * raw data is the whole list of Get-Data-Results); SET, sent in datablocks when the request
 * would exceed the server's max receive PDU size; ACTION with optional parameters, sent in
 * pblocks when they would exceed it, and return data, also when it comes in pblocks. Not
 * supported: SN referencing, ACTION with list, the broadcast key, suite 2.
 *
 * @par Ciphering (security suite 0 or 1, msdk/cosem/security.h)
 * With a ::msdk_cosem_client_security_t::protection, the association uses the logical name
 * context with ciphering: the AARQ carries the client system title (calling-AP-title) and
 * its xDLMS InitiateRequest in a glo-initiateRequest (also with
 * ::msdk_cosem_client_security_t::general, which applies from the first request after the
 * AARE on), with the dedicated key when one is configured;
 * the AARE must carry the server system title (responding-AP-title) and a protected
 * InitiateResponse. From then on every request the client writes (the HLS reply, GET, SET,
 * ACTION and each of their blocks) is protected with that protection: service-specific
 * glo- tags (ded- tags when a dedicated key was proposed), or general-glo-/general-ded-
 * ciphering, each APDU with the next invocation counter of the client. Every response must
 * come back protected, at least as asked, by the server (its system title) with an
 * invocation counter above every one received before in the association: a plain response,
 * a response that does not verify, a weaker protection or a counter that does not increase
 * is refused with ::MSDK_ERR_AUTH and changes nothing. The RLRQ carries the InitiateRequest
 * of the AARQ again in a glo-initiateRequest (IEC 62056-5-3, with the next counter); the
 * RLRE may come back without user information (the server released without telling why),
 * else its InitiateResponse must be a glo-initiateResponse from the server's system title
 * with a new counter (a plain one or one that does not verify: ::MSDK_ERR_AUTH).
 *
 * @par Invocation counters
 * The client's counter starts at ::msdk_cosem_client_security_t::ic and increases by one
 * for each use: the ciphered InitiateRequest of the AARQ (and of the RLRQ), every protected
 * request, and the HLS 5 answer f(StoC), which takes the value after the one of the APDU
 * carrying it (the GCM IV system title || counter never repeats under a key). It survives
 * msdk_cosem_client_reset(), so a client may associate again with the same keys;
 * msdk_cosem_client_next_ic() reads it (to be stored by the caller across runs). The
 * server's counter for HLS 5 (in f(CtoS)) must differ from the one of the response that
 * carries it and be above those received before.
 *
 * Invoke-id: every new request takes the next invoke-id (0..15, wrapping, starting at
 * msdk_cosem_client_config_t::invoke_id); the blocks of one operation keep theirs. A
 * response with another invoke-id is refused with ::MSDK_ERR_NOT_FOUND and changes
 * nothing, so that a late answer to an abandoned request can be dropped.
 *
 * Values are copied into caller buffers, so they survive the transport's receive buffer.
 * Every error leaves the client state, its result and the request writer as they were (a
 * value buffer may have received bytes past the part already assembled): the caller may
 * wait for another response, retry with a larger writer, or give up with
 * msdk_cosem_client_abort(). No heap, no globals; the struct is caller-owned.
 */
#ifndef MSDK_COSEM_CLIENT_H
#define MSDK_COSEM_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/acse.h"
#include "msdk/cosem/security.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Conformance a client proposes by default: GET, SET, ACTION, selective access,
 *         block transfer with GET, SET and ACTION, multiple references, attribute 0 with
 *         GET. */
#define MSDK_COSEM_CLIENT_CONF_DEFAULT                                                             \
    (MSDK_COSEM_CONF_GET | MSDK_COSEM_CONF_SET | MSDK_COSEM_CONF_ACTION |                          \
     MSDK_COSEM_CONF_SELECTIVE_ACCESS | MSDK_COSEM_CONF_BLOCK_TRANSFER_GET |                       \
     MSDK_COSEM_CONF_BLOCK_TRANSFER_SET | MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION |                  \
     MSDK_COSEM_CONF_MULTIPLE_REFERENCES | MSDK_COSEM_CONF_ATTRIBUTE0_WITH_GET)

/** @brief Client state. */
typedef enum msdk_cosem_client_state {
    MSDK_COSEM_CLIENT_IDLE = 0,       /**< Not associated. */
    MSDK_COSEM_CLIENT_AARQ_SENT = 1,  /**< AARQ written; waiting for the AARE. */
    MSDK_COSEM_CLIENT_ASSOCIATED = 2, /**< Associated, no operation in progress. */
    MSDK_COSEM_CLIENT_BUSY = 3,       /**< A GET, SET or ACTION is in progress. */
    MSDK_COSEM_CLIENT_RLRQ_SENT = 4,  /**< RLRQ written; waiting for the RLRE. */
    /** AARE accepted with HLS: reply_to_HLS_authentication written; waiting for its answer
     *  (not associated yet). */
    MSDK_COSEM_CLIENT_HLS_SENT = 5,
} msdk_cosem_client_state_t;

/** @brief How the last operation ended (::msdk_cosem_client_result_t::outcome). */
typedef enum msdk_cosem_client_outcome {
    MSDK_COSEM_CLIENT_OUT_NONE = 0,          /**< Nothing finished yet. */
    MSDK_COSEM_CLIENT_OUT_ASSOCIATED = 1,    /**< AARE accepted: associated. */
    MSDK_COSEM_CLIENT_OUT_REJECTED = 2,      /**< AARE rejected (see result and diagnostic). */
    MSDK_COSEM_CLIENT_OUT_RELEASED = 3,      /**< RLRE received: not associated any more. */
    MSDK_COSEM_CLIENT_OUT_DONE = 4,          /**< GET/SET/ACTION answered: see @c result. */
    MSDK_COSEM_CLIENT_OUT_EXCEPTION = 5,     /**< exception-response: see @c exception. */
    MSDK_COSEM_CLIENT_OUT_SERVICE_ERROR = 6, /**< confirmed-service-error: see @c service_error. */
    /** The server refused the client's reply_to_HLS_authentication: @c result is its
     *  action-result (the AARE's diagnostic stays in @c diag); not associated. */
    MSDK_COSEM_CLIENT_OUT_HLS_REFUSED = 7,
} msdk_cosem_client_outcome_t;

/** @brief Smallest ciphering buffer (::msdk_cosem_client_security_t::work_cap), in bytes. */
#define MSDK_COSEM_CLIENT_WORK_MIN 128u

/** @brief CtoS length used when ::msdk_cosem_client_security_t::challenge_len is 0. */
#define MSDK_COSEM_CLIENT_CHALLENGE_DEFAULT 16u

/**
 * @brief Ciphering and HLS material of a client (part of ::msdk_cosem_client_config_t).
 *
 * References only: the keys, the system title, the DRBG and the work buffer belong to the
 * caller, are not copied, and must stay valid and unchanged while the client uses them
 * (msdk_cosem_client_wipe() does not wipe them). A zeroed struct means no ciphering; the
 * members a configuration does not use may stay zero/NULL. Keys are
 * ::MSDK_COSEM_SEC_KEY_LEN bytes.
 */
typedef struct msdk_cosem_client_security {
    /**
     * Protection of the association: 0 (the plain LN context, no ciphering), or
     * ::MSDK_COSEM_SC_AUTH and/or ::MSDK_COSEM_SC_ENC (the LN context with ciphering; every
     * request is protected so, every response must be protected at least so).
     */
    uint8_t protection;
    uint8_t suite; /**< Security suite named in the SC byte: 0 or 1. */
    /** general-glo-ciphering / general-ded-ciphering (tags 0xDB / 0xDC, with the system
     *  title) instead of the service-specific glo- / ded- tags for every request after the
     *  AARE (the AARQ keeps its glo-initiateRequest); needs a @c protection. */
    bool general;
    /** Client system title (8 bytes): the calling-AP-title of the AARQ (sent whenever set)
     *  and the IV of what the client protects. Needed for ciphering and HLS 5, 6, 7. */
    const uint8_t *system_title;
    /** Protect the service requests (GET, SET, ACTION, the HLS pass 3) with
     *  @c request_protection instead of @c protection (testing a server's policy and
     *  access rights); needs a @c protection (the LN context with ciphering). */
    bool per_request;
    /** With @c per_request: 0 (plain requests) or ::MSDK_COSEM_SC_AUTH and/or
     *  ::MSDK_COSEM_SC_ENC. A response must be protected at least as its request. */
    uint8_t request_protection;
    const uint8_t *ek; /**< Global unicast encryption key: ciphering, HLS 5. */
    const uint8_t *ak; /**< Authentication key: protection with ::MSDK_COSEM_SC_AUTH, HLS 5. */
    /** Dedicated key proposed in the ciphered InitiateRequest (which is then also
     *  encrypted), or NULL. With it the requests use the ded- forms. Needs a @c protection. */
    const uint8_t *dk;
    /** Invocation counter of the first use (see the file description); the caller never
     *  starts two clients with the same value under the same keys. */
    uint32_t ic;
    /** Seeded DRBG: the CtoS challenge of HLS 3..7 and the ECDSA signature of HLS 7. */
    msdk_crypto_drbg_t *drbg;
    /** CtoS length, ::MSDK_COSEM_HLS_CHALLENGE_MIN..::MSDK_COSEM_HLS_CHALLENGE_MAX; 0 means
     *  ::MSDK_COSEM_CLIENT_CHALLENGE_DEFAULT. */
    uint8_t challenge_len;
    const uint8_t *sign_key;          /**< HLS 7: the client's P-256 private key (32 bytes). */
    const uint8_t *server_public_key; /**< HLS 7: the server's public key 04 || X || Y (65). */
    /**
     * Ciphering buffer, needed with a @c protection: the plaintext of each request and
     * response passes through it (wiped after use). Must not overlap the request writers
     * or the responses given to the client.
     */
    uint8_t *work;
    /** Size of @c work: at least ::MSDK_COSEM_CLIENT_WORK_MIN and the client's max receive
     *  PDU size (a ciphered response is at most that long). */
    size_t work_cap;
} msdk_cosem_client_security_t;

/** @brief Client configuration (copied by msdk_cosem_client_init()). */
typedef struct msdk_cosem_client_config {
    /** ::MSDK_COSEM_MECH_LOWEST, ::MSDK_COSEM_MECH_LLS or ::MSDK_COSEM_MECH_HLS_MD5 ..
     *  ::MSDK_COSEM_MECH_HLS_ECDSA. */
    uint8_t mechanism;
    /** The secret (copied): the LLS password, or the HLS secret of mechanisms 3, 4 and 6;
     *  NULL when @c password_len is 0. */
    const uint8_t *password;
    /** 1..::MSDK_COSEM_AUTH_VALUE_MAX for LLS and HLS 3, 4, 6; 0 otherwise. */
    size_t password_len;
    uint32_t conformance; /**< Proposed conformance (MSDK_COSEM_CONF_* bits, not 0). */
    uint16_t max_pdu;     /**< Client max receive PDU size proposed, >= 12. */
    uint8_t invoke_id;    /**< Invoke-id of the first request, 0..15. */
    bool high_priority;   /**< Set the priority bit of Invoke-Id-And-Priority. */
    /** Clear the service-class bit of Invoke-Id-And-Priority (unconfirmed; some published
     *  examples use it). A server may leave an unconfirmed SET or ACTION unanswered. */
    bool unconfirmed;
    msdk_cosem_client_security_t sec; /**< Ciphering and HLS (zero: none). */
} msdk_cosem_client_config_t;

/** @brief Outcome of the last finished exchange (read with msdk_cosem_client_result()). */
typedef struct msdk_cosem_client_result {
    uint8_t outcome; /**< A ::msdk_cosem_client_outcome_t. */
    /**
     * GET and SET: a ::msdk_cosem_xdlms_dar_t (for GET with list: 0, see the items);
     * ACTION: a ::msdk_cosem_xdlms_action_result_t; AARE: a ::msdk_cosem_assoc_result_t.
     */
    uint8_t result;
    uint8_t diag_source;                      /**< AARE: a ::msdk_cosem_diag_source_t. */
    uint8_t diag;                             /**< AARE: the diagnostic value. */
    msdk_cosem_service_error_t service_error; /**< AARE initiateError, or a confirmed-service-error
                                                   (@c service 0 when there is none). */
    msdk_cosem_xdlms_exception_t exception; /**< The exception-response, if that was the answer. */
    bool has_value;       /**< GET: the value is in @c value; ACTION: return data is. */
    const uint8_t *value; /**< GET, ACTION: one A-XDR Data value in the caller's buffer;
                               GET with list: the encoded Get-Data-Results. */
    size_t value_len;     /**< Bytes at @c value. */
    uint32_t count;       /**< GET with list: number of Get-Data-Results. */
    uint32_t blocks;      /**< Data blocks received (GET) or sent (SET) by the operation;
                               ACTION: pblocks sent plus pblocks received. */
} msdk_cosem_client_result_t;

/** @brief Client association (caller-allocated; fields private). */
typedef struct msdk_cosem_client {
    msdk_cosem_client_config_t cfg;              /**< @private Configuration. */
    uint8_t password[MSDK_COSEM_AUTH_VALUE_MAX]; /**< @private Copy of the password. */
    uint8_t state;                               /**< @private ::msdk_cosem_client_state_t. */
    uint8_t op;                                  /**< @private Operation in progress. */
    uint8_t next_id;                             /**< @private Next invoke-id. */
    uint8_t iip;                                 /**< @private Invoke-Id-And-Priority in use. */
    uint32_t conformance;                        /**< @private Negotiated conformance. */
    uint16_t server_pdu;                         /**< @private Server max receive PDU size. */
    uint8_t *buf;                                /**< @private Caller's value buffer. */
    size_t cap;                                  /**< @private Its size. */
    size_t len;                                  /**< @private Bytes assembled. */
    uint32_t block;                              /**< @private Last block number. */
    const uint8_t *tx_value;                     /**< @private SET value or ACTION parameters
                                                      being sent in blocks. */
    size_t tx_len;                               /**< @private Its length. */
    size_t tx_off;                               /**< @private Bytes of it sent. */
    size_t block_size;                           /**< @private Raw bytes per block sent. */
    msdk_cosem_client_result_t res;              /**< @private Last result. */
    uint64_t ic_next;      /**< @private Next invocation counter of the client (2^32: spent). */
    uint32_t server_ic;    /**< @private Highest invocation counter received from the server. */
    bool server_ic_seen;   /**< @private @c server_ic is valid. */
    bool ciphered;         /**< @private The association ciphers its APDUs. */
    bool has_server_title; /**< @private @c server_title is valid. */
    uint8_t server_title[MSDK_COSEM_SYSTEM_TITLE_LEN]; /**< @private Server system title. */
    uint8_t ctos_len;                                  /**< @private Bytes in @c ctos. */
    uint8_t ctos[MSDK_COSEM_HLS_CHALLENGE_MAX];        /**< @private HLS challenge sent. */
    uint8_t stoc_len;                                  /**< @private Bytes in @c stoc. */
    uint8_t stoc[MSDK_COSEM_HLS_CHALLENGE_MAX];        /**< @private Server's challenge. */
} msdk_cosem_client_t;

/* ---- Life cycle --------------------------------------------------------------------------- */

/**
 * @brief Prepares a client (not associated).
 * @param[out] c   Client; untouched on error.
 * @param[in]  cfg Configuration (copied, the password too; the security material is
 *                 referenced, see ::msdk_cosem_client_security_t).
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer, an unsupported mechanism, a password that
 *                              does not match the mechanism, conformance 0 or outside
 *                              ::MSDK_COSEM_CONF_MASK, @c max_pdu below 12, an invoke-id
 *                              above 15, or security material that does not fit: protection
 *                              bits other than AUTH and ENC, a suite above 1, a dedicated key
 *                              or @c general without a protection, a challenge length out of
 *                              range, or a member the protection or the mechanism needs left
 *                              NULL (system title, EK, AK, work buffer of the required size,
 *                              DRBG, signing key, server public key).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_init(msdk_cosem_client_t *c,
                                                 const msdk_cosem_client_config_t *cfg);

/**
 * @brief The connection is gone (TCP closed, HDLC disconnected): forgets the association and
 *        any operation in progress, and wipes nothing else (the password stays for the next
 *        association, the invocation counter goes on from where it is).
 * @param[in,out] c Client; nothing happens when NULL.
 */
void msdk_cosem_client_reset(msdk_cosem_client_t *c);

/**
 * @brief Wipes the client, the password included (call when done with it).
 * @param[in,out] c Client; nothing happens when NULL.
 */
void msdk_cosem_client_wipe(msdk_cosem_client_t *c);

/**
 * @brief Gives up the operation in progress (a timeout, an error): back to associated, or to
 *        idle when the AARQ, the HLS reply or the RLRQ was not answered. The invoke-id and the
 *        invocation counter move on.
 * @param[in,out] c Client; nothing happens when NULL.
 */
void msdk_cosem_client_abort(msdk_cosem_client_t *c);

/**
 * @brief Current state.
 * @param[in] c Client.
 * @return A ::msdk_cosem_client_state_t; ::MSDK_COSEM_CLIENT_IDLE when @p c is NULL.
 */
msdk_cosem_client_state_t msdk_cosem_client_state(const msdk_cosem_client_t *c);

/**
 * @brief Whether the client is associated (idle or busy with an operation).
 * @param[in] c Client.
 * @return true between an accepted AARE and the release or reset.
 */
bool msdk_cosem_client_is_associated(const msdk_cosem_client_t *c);

/**
 * @brief Conformance negotiated by the AARE.
 * @param[in] c Client.
 * @return MSDK_COSEM_CONF_* bits; 0 when not associated.
 */
uint32_t msdk_cosem_client_conformance(const msdk_cosem_client_t *c);

/**
 * @brief The server's max receive PDU size, from the AARE.
 * @param[in] c Client.
 * @return Bytes; 0 when not associated.
 */
uint16_t msdk_cosem_client_server_pdu(const msdk_cosem_client_t *c);

/**
 * @brief The invocation counter the client will use next (store it to continue the sequence
 *        with a later client under the same keys).
 * @param[in]  c  Client.
 * @param[out] ic The value; untouched on error.
 * @retval MSDK_OK              @p ic written.
 * @retval MSDK_ERR_OVERFLOW    The counter is spent (0xFFFFFFFF was used): no protected APDU
 *                              can be sent any more with these keys.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_next_ic(const msdk_cosem_client_t *c, uint32_t *ic);

/**
 * @brief Result of the last finished exchange.
 * @param[in] c Client.
 * @return The result, valid until the next call that starts an exchange; never NULL for a
 *         non-NULL @p c (NULL otherwise).
 */
const msdk_cosem_client_result_t *msdk_cosem_client_result(const msdk_cosem_client_t *c);

/* ---- Association -------------------------------------------------------------------------- */

/**
 * @brief Writes the AARQ: the LN context (with ciphering when the association ciphers), the
 *        client system title when configured, the mechanism with the password (LLS) or a
 *        fresh CtoS challenge (HLS), and an InitiateRequest with DLMS version 6, the proposed
 *        conformance and max PDU (and the dedicated key), ciphered when the association
 *        ciphers.
 * @param[in,out] c  Client; must be idle (a new AARQ after a lost connection needs
 *                   msdk_cosem_client_reset() first).
 * @param[in,out] tx Request writer; untouched on error.
 * @retval MSDK_OK                   Written; feed the AARE to msdk_cosem_client_rx().
 * @retval MSDK_ERR_STATE            Not idle, or msdk_port_crypto_init() was not called.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx has no room for the AARQ.
 * @retval MSDK_ERR_OVERFLOW         The invocation counter is spent.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer.
 * @return Any other error of the crypto port (the DRBG of the challenge, the ciphering).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_associate(msdk_cosem_client_t *c, msdk_wbuf_t *tx);

/**
 * @brief Writes an RLRQ (reason normal).
 *
 * On a ciphered association its user information is the InitiateRequest of the AARQ (with
 * the dedicated key, if any) in a glo-initiateRequest, protected as the AARQ's with the next
 * invocation counter; on a plain one it has none.
 *
 * @param[in,out] c  Client; must be associated with no operation in progress.
 * @param[in,out] tx Request writer; untouched on error.
 * @retval MSDK_OK                   Written; feed the RLRE to msdk_cosem_client_rx().
 * @retval MSDK_ERR_STATE            Not associated, or an operation is in progress.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_OVERFLOW         Ciphered association: the invocation counter is spent.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_release(msdk_cosem_client_t *c, msdk_wbuf_t *tx);

/* ---- Services ----------------------------------------------------------------------------- */

/**
 * @brief Writes a get-request-normal. The value (one A-XDR Data value, reassembled from
 *        data blocks when the server sends it in blocks) goes to @p val.
 * @param[in,out] c    Client; must be associated with no operation in progress.
 * @param[in]     attr Attribute and optional selective access (its parameters are copied
 *                     into the request now and not used later).
 * @param[out]    val  Value buffer; must stay valid until the operation ends.
 * @param[in]     cap  Its size.
 * @param[in,out] tx   Request writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_STATE            Not associated, or busy.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx has no room, or the request exceeds the server's
 *                                   max receive PDU size.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer (@p val only with @p cap > 0), or bad
 *                                   selective access parameters.
 * @retval MSDK_ERR_OVERFLOW         Ciphered association: the invocation counter is spent.
 * @return Any error of the crypto port (ciphered association).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_get(msdk_cosem_client_t *c,
                                                const msdk_cosem_xdlms_attr_sel_t *attr,
                                                uint8_t *val, size_t cap, msdk_wbuf_t *tx);

/**
 * @brief Writes a get-request-with-list. The Get-Data-Results are kept in @p buf; walk them
 *        with msdk_cosem_client_list_iter() once the operation has ended.
 * @param[in,out] c     Client; must be associated with no operation in progress.
 * @param[in]     items @p n attributes with optional selective access.
 * @param[in]     n     Number of items, 1..255.
 * @param[out]    buf   Results buffer; must stay valid until the results have been read.
 * @param[in]     cap   Its size.
 * @param[in,out] tx    Request writer; untouched on error.
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_STATE            Not associated, or busy.
 * @retval MSDK_ERR_NOT_SUPPORTED    multiple-references was not negotiated.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx has no room, or the request exceeds the server's
 *                                   max receive PDU size.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer, @p n out of range, or bad selective
 *                                   access parameters.
 * @retval MSDK_ERR_OVERFLOW         Ciphered association: the invocation counter is spent.
 * @return Any error of the crypto port (ciphered association).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_get_list(msdk_cosem_client_t *c,
                                                     const msdk_cosem_xdlms_attr_sel_t *items,
                                                     size_t n, uint8_t *buf, size_t cap,
                                                     msdk_wbuf_t *tx);

/**
 * @brief Starts walking the results of a finished GET with list.
 * @param[in]  c  Client whose last result is a GET with list.
 * @param[out] it Iterator over ::MSDK_COSEM_XDLMS_LIST_GET_RESULT items (walk it with
 *                msdk_cosem_xdlms_iter_next_get_result()); untouched on error.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_STATE       The last operation was not a finished GET with list.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_list_iter(const msdk_cosem_client_t *c,
                                                      msdk_cosem_xdlms_iter_t *it);

/**
 * @brief Writes a SET of one attribute: a set-request-normal, or, when that would exceed
 *        the server's max receive PDU size (or the room of @p tx), a
 *        set-request-with-first-datablock followed by further blocks as the server
 *        acknowledges them.
 * @param[in,out] c     Client; must be associated with no operation in progress.
 * @param[in]     attr  Attribute and optional selective access.
 * @param[in]     value One A-XDR Data value; must stay valid until the operation ends.
 * @param[in]     len   Its length.
 * @param[in,out] tx    Request writer; untouched on error. The blocks of a long SET are
 *                      sized to the room @p tx has now (at most the server's PDU size).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_STATE            Not associated, or busy.
 * @retval MSDK_ERR_NOT_SUPPORTED    The value needs blocks and block-transfer-with-set was
 *                                   not negotiated.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx cannot hold even a block request.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer, or @p value is not exactly one
 *                                   well-formed Data value.
 * @retval MSDK_ERR_OVERFLOW         Ciphered association: the invocation counter is spent.
 * @return Any error of the crypto port (ciphered association).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_set(msdk_cosem_client_t *c,
                                                const msdk_cosem_xdlms_attr_sel_t *attr,
                                                const uint8_t *value, size_t len, msdk_wbuf_t *tx);

/**
 * @brief Writes an ACTION of one method: an action-request-normal, or, when that would
 *        exceed the server's max receive PDU size (or the room of @p tx), an
 *        action-request-with-first-pblock followed by further pblocks as the server
 *        acknowledges them (action-response-next-pblock). Return data, if the server sends
 *        any, whole or in pblocks (asked for one by one with action-request-next-pblock), is
 *        copied to @p ret.
 * @param[in,out] c      Client; must be associated with no operation in progress.
 * @param[in]     method The method.
 * @param[in]     params One A-XDR Data value, or NULL for none; must stay valid until the
 *                       operation ends.
 * @param[in]     len    Length of @p params (0 when NULL).
 * @param[out]    ret    Buffer for return data, or NULL (return data is then an error).
 * @param[in]     cap    Its size.
 * @param[in,out] tx     Request writer; untouched on error. The pblocks of long parameters
 *                       are sized to the room @p tx has now (at most the server's PDU size).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_STATE            Not associated, or busy.
 * @retval MSDK_ERR_NOT_SUPPORTED    The parameters need pblocks and
 *                                   block-transfer-with-action was not negotiated.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p tx cannot hold even a pblock request (or, without
 *                                   parameters, the request).
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer, or @p params is not exactly one
 *                                   well-formed Data value.
 * @retval MSDK_ERR_OVERFLOW         Ciphered association: the invocation counter is spent.
 * @return Any error of the crypto port (ciphered association).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_action(msdk_cosem_client_t *c,
                                                   const msdk_cosem_xdlms_method_desc_t *method,
                                                   const uint8_t *params, size_t len, uint8_t *ret,
                                                   size_t cap, msdk_wbuf_t *tx);

/**
 * @brief Consumes a response APDU.
 *
 * When the operation has ended, `*more` is false and msdk_cosem_client_result() tells how
 * (a DLMS error answer such as a data-access-result, an action-result, an exception-response,
 * a rejected AARE or a refused HLS reply is a result, not an error of this function). When it
 * goes on (the HLS reply after an AARE asking for authentication, the next data block of a
 * GET, the next block of a SET, the next pblock of ACTION parameters or of return data), the
 * next request is appended to @p tx and `*more` is true.
 *
 * On a ciphered association the response is deciphered into the work buffer first (see the
 * file description for what is refused).
 *
 * @param[in,out] c    Client.
 * @param[in]     apdu The response APDU.
 * @param[in]     len  Its length.
 * @param[in,out] tx   Writer for the next request; untouched unless `*more` is true.
 * @param[out]    more Whether another exchange is needed; untouched on error.
 * @retval MSDK_OK                   Consumed.
 * @retval MSDK_ERR_STATE            No request is outstanding.
 * @retval MSDK_ERR_NOT_FOUND        The response carries another invoke-id; ignored.
 * @retval MSDK_ERR_TRUNCATED        The APDU ends early.
 * @retval MSDK_ERR_MALFORMED        The APDU is malformed, is not an answer to the request
 *                                   (another service, another choice, a block number out of
 *                                   sequence), or the reassembled value is not exactly one
 *                                   Data value.
 * @retval MSDK_ERR_NOT_SUPPORTED    An AARE with another application context than proposed, a
 *                                   ciphered one or one asking for HLS when the client does not
 *                                   cipher or run HLS, a response of another security suite,
 *                                   values nested deeper than ::MSDK_COSEM_AXDR_DEPTH_MAX.
 * @retval MSDK_ERR_AUTH             Security: a plain response on a ciphered association, a
 *                                   protection weaker than the association's, a tag that does
 *                                   not verify, a form whose key the client does not have,
 *                                   another system title, an invocation counter that does not
 *                                   increase; an AARE accepting an HLS client without asking
 *                                   for authentication; an HLS answer f(CtoS) that is missing
 *                                   or does not verify (HLS 5: or whose counter is not new);
 *                                   on a ciphered association an RLRE whose InitiateResponse is
 *                                   plain or does not verify as a response does.
 * @retval MSDK_ERR_OVERFLOW         The next request needs an invocation counter and it is
 *                                   spent.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL The value does not fit the caller's buffer, or @p tx has
 *                                   no room for the next request.
 * @retval MSDK_ERR_NO_SPACE         A list answer holds more items than requested.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_rx(msdk_cosem_client_t *c, const uint8_t *apdu,
                                               size_t len, msdk_wbuf_t *tx, bool *more);

/**
 * @brief Deciphers a ciphered APDU of the server received outside the operation flow, e.g.
 *        the answer to a request sent a second time to test the server's replay protection.
 *
 * The APDU is checked as msdk_cosem_client_rx() checks a response of the association (the
 * server's system title, at least the association's protection, a tag that verifies, an
 * invocation counter above every one received so far), but nothing is recorded: the client
 * is not changed (its work buffer is used and wiped).
 *
 * @param[in]  c       Client, associated with ciphering.
 * @param[in]  apdu    The ciphered APDU.
 * @param[in]  len     Bytes at @p apdu.
 * @param[out] out     The plaintext APDU.
 * @param[in]  cap     Capacity of @p out.
 * @param[out] out_len Bytes written to @p out.
 * @retval MSDK_OK                   Deciphered.
 * @retval MSDK_ERR_STATE            Not a ciphered association.
 * @retval MSDK_ERR_TRUNCATED        The APDU ends early (or is empty).
 * @retval MSDK_ERR_MALFORMED        The security header is malformed.
 * @retval MSDK_ERR_NOT_SUPPORTED    Another security suite.
 * @retval MSDK_ERR_AUTH             A plain APDU, weaker protection, a tag that does not
 *                                   verify, another system title, a counter that does not
 *                                   increase.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p out cannot hold the plaintext.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer.
 * @return Any other error of the crypto port.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_unprotect(const msdk_cosem_client_t *c,
                                                      const uint8_t *apdu, size_t len, uint8_t *out,
                                                      size_t cap, size_t *out_len);

/* ---- Selective access parameters ---------------------------------------------------------- */

/**
 * @brief Appends range_descriptor access parameters (selector 1) on a restricting object,
 *        with date-time octet-string bounds and the columns wanted.
 * @param[in,out] wb       Writer; untouched on error.
 * @param[in]     class_id Class of the restricting object (8 for the clock).
 * @param[in]     ln       Its logical name (6 bytes).
 * @param[in]     attr     Its attribute (2 for the clock time).
 * @param[in]     from     12-byte date-time of the first entry wanted.
 * @param[in]     to       12-byte date-time of the last entry wanted.
 * @param[in]     cols     selected_values: the capture objects (columns) wanted, each with
 *                         data_index 0, or NULL for all columns.
 * @param[in]     ncols    Entries in @p cols (0: all columns, an empty array).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      A NULL pointer (or NULL @p cols with @p ncols > 0).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_put_range(msdk_wbuf_t *wb, uint16_t class_id,
                                                      const uint8_t ln[6], int8_t attr,
                                                      const uint8_t from[12], const uint8_t to[12],
                                                      const msdk_cosem_xdlms_attr_desc_t *cols,
                                                      size_t ncols);

/**
 * @brief Appends entry_descriptor access parameters (selector 2).
 * @param[in,out] wb       Writer; untouched on error.
 * @param[in]     from     First entry, 1-based.
 * @param[in]     to       Last entry (0: the newest).
 * @param[in]     from_col First column, 1-based.
 * @param[in]     to_col   Last column (0: the last one).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room.
 * @retval MSDK_ERR_INVALID_ARG      @p wb is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_client_put_entry(msdk_wbuf_t *wb, uint32_t from, uint32_t to,
                                                      uint16_t from_col, uint16_t to_col);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_CLIENT_H */
