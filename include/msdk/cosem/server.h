/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM server: a logical device's associations and the dispatch of AARQ, RLRQ,
 *        GET, SET and ACTION APDUs to its objects.
 *
 * The server is transport-free: HDLC, the wrapper or any other layer hands it one
 * complete APDU and the client SAP it came from, and sends what it writes back. One
 * ::msdk_cosem_assoc_t (caller-allocated) per connection holds the association state:
 * the negotiated conformance and PDU size, and the one block transfer in progress (a long
 * GET, a SET received in datablocks, an ACTION whose parameters or return data go in
 * pblocks). Any request other than the next step of that transfer ends it.
 *
 * @code
 * static const msdk_cosem_ldev_t ld = { objects, N_OBJECTS, assocs, N_ASSOCS, 1024, &ops, &app };
 * static uint8_t scratch[1024];
 * msdk_cosem_assoc_t a;
 * msdk_cosem_assoc_init(&a, &ld, scratch, sizeof scratch);
 * // for every APDU received on this connection:
 * msdk_wbuf_t out;
 * msdk_wbuf_init(&out, tx, sizeof tx);
 * if (msdk_cosem_server_apdu(&a, client_sap, apdu, apdu_len, &out) == MSDK_OK && out.pos > 0)
 *     send(tx, out.pos);
 * // when the connection closes:
 * msdk_cosem_assoc_release(&a);
 * @endcode
 */
#ifndef MSDK_COSEM_SERVER_H
#define MSDK_COSEM_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/object.h"
#include "msdk/cosem/secstate.h"
#include "msdk/port/crypto.h"
#include "msdk/cosem/xdlms.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Most items the server accepts in one GET, SET or ACTION with-list request. */
#define MSDK_COSEM_SERVER_LIST_MAX 16u

/** @brief Smallest client max-receive-PDU-size the server accepts. */
#define MSDK_COSEM_SERVER_MIN_PDU 64u

struct msdk_cosem_secsetup;

/** @brief One association a logical device offers (an entry of its `const` list). */
typedef struct msdk_cosem_assoc_def {
    uint16_t client_sap;  /**< Client SAP (wPort, HDLC client address). */
    uint8_t mechanism;    /**< A ::msdk_cosem_mechanism_t: lowest, LLS or HLS 3..7. */
    uint32_t conformance; /**< Conformance bits offered to this client. */
    const msdk_cosem_object_t *assoc_ln; /**< Its Association LN object, or NULL. */
    /**
     * Security material (msdk/cosem/class_security.h) for ciphering and HLS 5/7, or NULL:
     * then only the plain LN context is accepted. With it, the association accepts the LN
     * context with ciphering, and its policy decides which requests must be protected.
     */
    struct msdk_cosem_secsetup *secsetup;
} msdk_cosem_assoc_def_t;

/** @brief Association status (Association LN attribute 8). */
typedef enum msdk_cosem_assoc_status {
    MSDK_COSEM_ASSOC_STATUS_NONE = 0,       /**< non-associated. */
    MSDK_COSEM_ASSOC_STATUS_PENDING = 1,    /**< association-pending (HLS pass 3/4 to come). */
    MSDK_COSEM_ASSOC_STATUS_ASSOCIATED = 2, /**< associated. */
} msdk_cosem_assoc_status_t;

/** @brief Longest server challenge (StoC) and client challenge (CtoS) kept. */
#define MSDK_COSEM_CHALLENGE_MAX 64u

/**
 * @brief Security state of a logical device shared by its connections (application-owned,
 *        mutable): randomness, security events, lockout, time.
 */
typedef struct msdk_cosem_server_sec {
    msdk_crypto_drbg_t *drbg;                /**< Seeded DRBG: challenges, ECDSA signatures. */
    msdk_cosem_secevents_t events;           /**< Security event counters and callback. */
    msdk_cosem_lockout_config_t lockout_cfg; /**< Lockout after failed authentications. */
    msdk_cosem_lockout_t *lockout; /**< One per association definition, or NULL: no lockout. */
    uint64_t now_ms;               /**< Uptime; the application keeps it current. */
    uint8_t challenge_len;         /**< StoC length, 8..64 (0: 16). */
} msdk_cosem_server_sec_t;

/** @brief What the server asks of the application. */
typedef struct msdk_cosem_ldev_ops {
    /**
     * @brief The LLS secret (password) of association @p idx, from the meter's storage.
     * @param[in]  ctx  ::msdk_cosem_ldev_t::ctx.
     * @param[in]  idx  Association index (position in the association list).
     * @param[out] buf  Secret.
     * @param[in]  cap  Capacity of @p buf (::MSDK_COSEM_AUTH_VALUE_MAX).
     * @param[out] len  Secret length.
     * @return MSDK_OK, or an error (the association is then refused).
     */
    msdk_err_t (*lls_secret)(void *ctx, uint8_t idx, uint8_t *buf, size_t cap, size_t *len);
} msdk_cosem_ldev_ops_t;

/** @brief A logical device: its objects and associations (`const`, in flash). */
typedef struct msdk_cosem_ldev {
    const msdk_cosem_object_t *objects;   /**< Object table. */
    uint16_t object_count;                /**< Entries in @c objects. */
    const msdk_cosem_assoc_def_t *assocs; /**< Associations; index = rights index. */
    uint8_t assoc_count;                  /**< Entries in @c assocs. */
    uint16_t max_pdu;                     /**< Server max receive PDU size, and the
                                               largest APDU it sends. */
    const msdk_cosem_ldev_ops_t *ops;     /**< Application callbacks. */
    void *ctx;                            /**< Context for @c ops. */
    msdk_cosem_server_sec_t *sec;         /**< Security state, or NULL (no HLS, no ciphering). */
} msdk_cosem_ldev_t;

/** @brief Association state of one connection (caller-allocated, opaque). */
typedef struct msdk_cosem_assoc {
    const msdk_cosem_ldev_t *ld; /**< @private Logical device. */
    int16_t idx;                 /**< @private Association index; -1 when not associated. */
    uint32_t conformance;        /**< @private Negotiated conformance. */
    uint16_t pdu;                /**< @private Largest APDU the client accepts. */
    uint8_t *scratch;   /**< @private Block transfers' buffer (see msdk_cosem_assoc_init). */
    size_t scratch_cap; /**< @private Capacity of @c scratch. */
    size_t scratch_len; /**< @private SET value or ACTION request bytes assembled. */
    /* Long GET in progress: one attribute, or the items of a GET-with-list, whose
     * descriptors are copied to the start of the scratch buffer. */
    bool lg_active;         /**< @private A GET response is being sent in blocks. */
    bool lg_list;           /**< @private It answers a GET-with-list. */
    bool lg_head;           /**< @private The list's item count is still to be sent. */
    bool lg_in_item;        /**< @private An item's value is being sent. */
    bool lg_choice;         /**< @private Its Get-Data-Result choice has been sent (lists). */
    uint8_t lg_iip;         /**< @private Its invoke-id-and-priority. */
    uint16_t lg_obj;        /**< @private Object index of the value being sent. */
    uint8_t lg_attr;        /**< @private Its attribute. */
    uint32_t lg_block;      /**< @private Last block number sent. */
    msdk_cosem_req_t lg_rq; /**< @private Class state across blocks. */
    uint32_t lg_items;      /**< @private Values to send (1 for one attribute). */
    uint32_t lg_item;       /**< @private Values finished (the class has encoded their last row). */
    size_t lg_list_len;     /**< @private Bytes of item descriptors in scratch (0: none). */
    size_t lg_list_pos;     /**< @private Offset of the next item descriptor. */
    size_t lg_spill_len; /**< @private Bytes of a row larger than a block, after the descriptors. */
    size_t lg_spill_pos; /**< @private Of them, bytes already sent. */
    /* SET with datablocks in progress. */
    bool ls_active;    /**< @private A SET value is being received in blocks. */
    uint16_t ls_obj;   /**< @private Object index. */
    uint8_t ls_attr;   /**< @private Attribute. */
    uint32_t ls_block; /**< @private Last block number received. */
    /* ACTION with pblocks in progress. */
    uint8_t la_state;                         /**< @private Idle, receiving or sending pblocks. */
    msdk_cosem_xdlms_method_desc_t la_method; /**< @private The method (one-method request). */
    uint32_t la_count;                        /**< @private With-list: methods; 0: one method. */
    size_t la_head;    /**< @private With-list: bytes of method descriptors in scratch. */
    uint32_t la_block; /**< @private Last block number received or sent. */
    size_t la_len;     /**< @private Return data bytes in scratch. */
    size_t la_pos;     /**< @private Of them, bytes already sent. */
    /* Security. */
    uint8_t *cbuf;    /**< @private Ciphering buffer (msdk_cosem_assoc_set_cipher_buffer). */
    size_t cbuf_cap;  /**< @private Its capacity. */
    uint8_t status;   /**< @private A ::msdk_cosem_assoc_status_t. */
    bool ciphered;    /**< @private Established with the LN-with-ciphering context. */
    bool has_dk;      /**< @private The AARQ carried a dedicated key. */
    bool has_title;   /**< @private The client gave its system title. */
    uint8_t mech;     /**< @private Mechanism in use. */
    uint8_t ctos_len; /**< @private Bytes in @c ctos. */
    uint8_t stoc_len; /**< @private Bytes in @c stoc. */
    uint8_t rq_form;  /**< @private Form of the request being answered (0: plain). */
    uint8_t rq_sc;    /**< @private Its security control byte. */
    uint8_t sec_rq;   /**< @private SC protection bits the members reached need of the
                           requests (kept while a block transfer goes on). */
    uint8_t sec_rsp;  /**< @private SC protection bits they need of the responses. */
    uint8_t xfer_sc;  /**< @private SC byte of the first request of the transfer in progress
                           (of the current request when none is). */
    bool drop;        /**< @private Release once the current response is out (HLS failed). */
    msdk_cosem_rx_ic_t dk_rx;               /**< @private Client counter under the dedicated key. */
    uint8_t dk[16];                         /**< @private Dedicated key. */
    uint8_t title[8];                       /**< @private Client system title. */
    uint8_t ctos[MSDK_COSEM_CHALLENGE_MAX]; /**< @private Client's challenge. */
    uint8_t stoc[MSDK_COSEM_CHALLENGE_MAX]; /**< @private Server's challenge. */
} msdk_cosem_assoc_t;

/**
 * @brief Prepares the association state of a new connection (not associated).
 * @param[out] a           State.
 * @param[in]  ld          Logical device it serves.
 * @param[in]  scratch     Buffer of the block transfers, or NULL: a SET value received in
 *                         datablocks, the parameters of an ACTION received in pblocks (and
 *                         the method descriptors of a with-list one), the return data of an
 *                         ACTION (encoded here once, and sent in pblocks when it does not
 *                         fit the APDU), the item descriptors of a GET-with-list answered in
 *                         blocks, and a row of a long GET that does not fit one block (sent
 *                         in pieces). Its size bounds each of these.
 * @param[in]  scratch_cap Size of @p scratch.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG @p a or @p ld is NULL, or @p ld has no association.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_assoc_init(msdk_cosem_assoc_t *a, const msdk_cosem_ldev_t *ld,
                                                uint8_t *scratch, size_t scratch_cap);

/**
 * @brief Gives a connection the buffer its ciphered APDUs are deciphered and enciphered in.
 *
 * Needed for any association with a ::msdk_cosem_assoc_def_t::secsetup: without it such an
 * association is refused. Size: the server's max receive PDU size (::msdk_cosem_ldev_t::max_pdu),
 * which also bounds the ciphered responses.
 * @param[in,out] a   State from msdk_cosem_assoc_init().
 * @param[in]     buf Buffer (secret material passes through it: it is wiped at release).
 * @param[in]     cap Its size.
 * @retval MSDK_OK              Set.
 * @retval MSDK_ERR_INVALID_ARG NULL @p a or @p buf.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_assoc_set_cipher_buffer(msdk_cosem_assoc_t *a, uint8_t *buf,
                                                             size_t cap);

/**
 * @brief The association's status (Association LN attribute 8).
 * @param[in] a State.
 * @return A ::msdk_cosem_assoc_status_t.
 */
uint8_t msdk_cosem_assoc_status(const msdk_cosem_assoc_t *a);

/**
 * @brief Ends the association (the connection closed or the link was disconnected).
 * @param[in,out] a State; afterwards not associated.
 */
void msdk_cosem_assoc_release(msdk_cosem_assoc_t *a);

/**
 * @brief Whether the connection is associated.
 * @param[in] a State.
 * @return true between an accepted AARQ and its release.
 */
bool msdk_cosem_assoc_is_open(const msdk_cosem_assoc_t *a);

/**
 * @brief Processes one APDU from a client and writes the response APDU, if any.
 *
 * Every request gets its protocol answer: an AARE (accepted, or rejected with its
 * diagnostic), an RLRE, a GET/SET/ACTION response with a data-access-result or
 * action-result per item, or an exception-response for an APDU the server does not
 * understand or does not allow in the current state. A malformed APDU is answered, never
 * a reason to stop serving.
 *
 * @param[in,out] a          The connection's association state.
 * @param[in]     client_sap Client SAP the APDU came from (wrapper source wPort, HDLC
 *                           client address).
 * @param[in]     apdu       The APDU.
 * @param[in]     len        Its length.
 * @param[in,out] out        Response; the server writes at most the negotiated PDU size
 *                           (or ::msdk_cosem_ldev_t::max_pdu before association) from
 *                           its current position. Nothing written: no response.
 * @retval MSDK_OK                   Processed (the response, if any, is in @p out).
 * @retval MSDK_ERR_BUFFER_TOO_SMALL @p out cannot hold even the smallest response.
 * @retval MSDK_ERR_INVALID_ARG      A NULL argument.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_server_apdu(msdk_cosem_assoc_t *a, uint16_t client_sap,
                                                 const uint8_t *apdu, size_t len, msdk_wbuf_t *out);

/**
 * @brief Finds an object by class and logical name.
 * @param[in]  ld       Logical device.
 * @param[in]  class_id Class id.
 * @param[in]  ln       Logical name (6 bytes).
 * @param[out] idx      Index in the object table.
 * @retval MSDK_OK            Found.
 * @retval MSDK_ERR_NOT_FOUND No object with that name.
 * @retval MSDK_ERR_MALFORMED An object with that name but another class.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_ldev_find(const msdk_cosem_ldev_t *ld, uint16_t class_id,
                                               const uint8_t ln[6], uint16_t *idx);

/**
 * @brief The rights an association has on an object (all zero when it has none).
 * @param[in] obj Object.
 * @param[in] idx Association index.
 * @return Its rights.
 */
msdk_cosem_rights_t msdk_cosem_object_rights(const msdk_cosem_object_t *obj, int16_t idx);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_SERVER_H */
