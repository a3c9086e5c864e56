/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Security setup (class 64, version 1): 2 security_policy (enum, bit flags), 3 security_suite
 * (enum), 4 client_system_title (octet-string), 5 server_system_title (octet-string),
 * 6 certificates (cosem_class_security_cert.c); no attribute is writable.
 * Methods: 1 security_activate and 2 key_transfer hold their change as pending in the
 * msdk_cosem_secsetup_t; msdk_cosem_secsetup_commit() saves and applies it once the response
 * has been protected with the old material. Before they answer success, they have the
 * application reserve what saving the whole pending change takes (reserve(), when set), so
 * that a change answered success is not then lost for want of a write budget; the commit or
 * the discard releases the reservation. Methods 4..8 (suite 1 key pair and certificates)
 * are in cosem_class_security_cert.c; 3 (key agreement) is not implemented.
 *
 * Commit order and power cuts. The new material is built in a local copy (pending cleared,
 * new keys in place, the received counter of a new EK / BEK restarted, the transmit counter
 * of a new EK at 0 with nothing reserved) and handed to save(); only when save() reports it
 * durable is it copied in; then msdk_cosem_tx_ic_restart() persists the new EK's first window
 * through the counter's own callback. A power cut
 * - before or during save(): the old record (old keys, old counters) stays, as if the
 *   request had failed after its response;
 * - after save(), before the restart's write: the new record pairs the new EK with a
 *   counter at 0 and nothing handed out (an application that keeps the bound in the
 *   counter's own record still has the old key's bound there: higher, so just as safe);
 *   no value was ever handed out with the new EK, so none can repeat;
 * - after the restart's write: the new EK with the window 0 + R, the normal state.
 * The old EK is never paired with a restarted counter (the reverse order could do that). */
#include <string.h>

#include "msdk/cosem/class_security.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/crypto.h"

#include "cosem_class_internal.h"

/* Bits 0 and 1 of a version 1 security_policy are unused and must be 0. */
#define POLICY_RESERVED 0x03u
/* Digital signature (suites 1 and 2 with signing keys): not implemented. */
#define POLICY_SIGNED                                                                              \
    ((uint8_t)MSDK_COSEM_POLICY_SIGNED_REQUEST | (uint8_t)MSDK_COSEM_POLICY_SIGNED_RESPONSE)
#define POLICY_AUTH                                                                                \
    ((uint8_t)MSDK_COSEM_POLICY_AUTH_REQUEST | (uint8_t)MSDK_COSEM_POLICY_AUTH_RESPONSE)
#define POLICY_ENC                                                                                 \
    ((uint8_t)MSDK_COSEM_POLICY_ENC_REQUEST | (uint8_t)MSDK_COSEM_POLICY_ENC_RESPONSE)

#define BIT_EK  MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST)
#define BIT_BEK MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_BROADCAST)
#define BIT_AK  MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION)
#define BIT_KEK MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_MASTER)

/* ---- Helpers -------------------------------------------------------------------------------- */

/* The slot of key `id` in s (NULL for an id outside 0..3). */
static uint8_t *key_slot(msdk_cosem_secsetup_t *s, uint8_t id)
{
    switch (id) {
    case MSDK_COSEM_KEY_ID_GLOBAL_UNICAST: return s->ek;
    case MSDK_COSEM_KEY_ID_GLOBAL_BROADCAST: return s->bek;
    case MSDK_COSEM_KEY_ID_AUTHENTICATION: return s->ak;
    case MSDK_COSEM_KEY_ID_MASTER: return s->kek;
    default: return NULL;
    }
}

/* Whether two keys are equal, in a time independent of their bytes. */
static bool same_key(const uint8_t *a, const uint8_t *b)
{
    uint8_t diff = 0u;
    for (size_t i = 0; i < MSDK_COSEM_SECSETUP_KEY_LEN; i++) {
        diff = (uint8_t)(diff | (a[i] ^ b[i]));
    }
    return diff == 0u;
}

/* Key bits of the pending key_transfer. */
static uint8_t pending_key_bits(const msdk_cosem_secsetup_t *s)
{
    uint8_t bits = 0u;
    for (size_t i = 0; (i < s->pending_count) && (i < MSDK_COSEM_KEY_TRANSFER_MAX); i++) {
        if (s->pending[i].key_id <= (uint8_t)MSDK_COSEM_KEY_ID_MASTER) {
            bits = (uint8_t)(bits | MSDK_COSEM_SECSETUP_KEY_BIT(s->pending[i].key_id));
        }
    }
    return bits;
}

/* Keys a security policy needs: AK for authentication, EK for encryption. */
static uint8_t policy_key_bits(uint8_t policy)
{
    uint8_t bits = 0u;
    if ((policy & POLICY_AUTH) != 0u) {
        bits = (uint8_t)(bits | BIT_AK);
    }
    if ((policy & POLICY_ENC) != 0u) {
        bits = (uint8_t)(bits | BIT_EK);
    }
    return bits;
}

/* Drops the pending changes of s, wiping the keys. */
static void drop_pending(msdk_cosem_secsetup_t *s)
{
    msdk_port_crypto_zeroize(s->pending, sizeof s->pending);
    s->pending_count = 0u;
    s->pending_policy = 0u;
    s->policy_pending = false;
}

/* What the pending changes of s change: the bits of the keys whose value changes (a key
 * transferred with its current value does not), MSDK_COSEM_SECSETUP_CHANGE_POLICY for a new
 * policy. */
static uint8_t pending_change(msdk_cosem_secsetup_t *s)
{
    uint8_t change = 0u;
    for (size_t i = 0; (i < s->pending_count) && (i < MSDK_COSEM_KEY_TRANSFER_MAX); i++) {
        const msdk_cosem_sec_key_t *k = &s->pending[i];
        const uint8_t *slot = key_slot(s, k->key_id);
        if ((slot == NULL) || (k->key_len != MSDK_COSEM_SECSETUP_KEY_LEN)) {
            continue; /* the decoder gives neither */
        }
        uint8_t bit = MSDK_COSEM_SECSETUP_KEY_BIT(k->key_id);
        if (((s->keys_set & bit) == 0u) || !same_key(slot, k->key)) {
            change = (uint8_t)(change | bit);
        }
    }
    if (s->policy_pending && (s->pending_policy != s->policy)) {
        change = (uint8_t)(change | MSDK_COSEM_SECSETUP_CHANGE_POLICY);
    }
    return change;
}

/* Has the application reserve the save of everything pending (when that is more than it
 * holds already); MSDK_OK when nothing more is needed or it was reserved. */
static msdk_err_t reserve_pending(msdk_cosem_secsetup_t *s)
{
    const uint8_t change = pending_change(s);
    if ((s->reserve == NULL) || (change == s->reserved)) {
        return MSDK_OK;
    }
    msdk_err_t err = s->reserve(s->save_ctx, change);
    if (err == MSDK_OK) {
        s->reserved = change;
    }
    return err;
}

/* Ends the reservation of the pending changes (committed or dropped). */
static void release(msdk_cosem_secsetup_t *s)
{
    if (s->reserved != 0u) {
        s->reserved = 0u;
        if (s->reserve != NULL) {
            (void)s->reserve(s->save_ctx, 0u); /* a release cannot fail */
        }
    }
}

/* ---- GET ------------------------------------------------------------------------------------ */

static int secsetup_get(const msdk_cosem_object_t *obj, uint8_t attr, msdk_cosem_req_t *rq,
                        msdk_wbuf_t *out)
{
    const msdk_cosem_secsetup_t *s = (const msdk_cosem_secsetup_t *)obj->ctx;
    if (rq->selector != 0u) {
        return (int)MSDK_COSEM_DAR_OTHER_REASON; /* no selective access in this class */
    }
    if (s == NULL) {
        return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    msdk_err_t err;
    switch (attr) {
    case MSDK_COSEM_SECSETUP_POLICY: err = msdk_cosem_axdr_put_enum(out, s->policy); break;
    case MSDK_COSEM_SECSETUP_SUITE: err = msdk_cosem_axdr_put_enum(out, s->suite); break;
    case MSDK_COSEM_SECSETUP_CLIENT_TITLE:
        err = msdk_cosem_axdr_put_octet_string(
            out, s->client_title, s->client_title_known ? MSDK_COSEM_SYSTEM_TITLE_LEN : 0u);
        break;
    case MSDK_COSEM_SECSETUP_SERVER_TITLE:
        err = msdk_cosem_axdr_put_octet_string(out, s->server_title, MSDK_COSEM_SYSTEM_TITLE_LEN);
        break;
    case MSDK_COSEM_SECSETUP_CERTIFICATES: return msdk_cosem_secsetup_get_certs(s, rq, out);
    default: return (int)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    }
    /* Every put above writes all or nothing. */
    return (err == MSDK_OK) ? (int)MSDK_COSEM_DAR_SUCCESS : MSDK_COSEM_GET_NO_SPACE;
}

/* ---- ACTION --------------------------------------------------------------------------------- */

/* security_activate (data: enum security_policy). */
static uint8_t security_activate(msdk_cosem_secsetup_t *s, msdk_rbuf_t *in)
{
    uint8_t policy = 0u;
    if ((msdk_cosem_axdr_get_enum(in, &policy) != MSDK_OK) || (msdk_rbuf_remaining(in) != 0u) ||
        ((policy & POLICY_RESERVED) != 0u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED; /* not a security_policy value */
    }
    if (s->save == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT; /* nothing could be stored */
    }
    if (s->policy_pending) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* one change per response */
    }
    uint8_t have = (uint8_t)(s->keys_set | pending_key_bits(s));
    if (((s->policy & (uint8_t)~policy) != 0u) || ((policy & POLICY_SIGNED) != 0u) ||
        ((policy_key_bits(policy) & (uint8_t)~have) != 0u)) {
        /* Weaker (a bit set would be cleared), signature (not implemented), or a key the
         * policy needs is missing. */
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    }
    s->pending_policy = policy;
    s->policy_pending = true;
    if (reserve_pending(s) != MSDK_OK) {
        /* The application cannot save the change now: refused before success is answered
         * (a key_transfer pending before it keeps its own reservation). */
        s->pending_policy = 0u;
        s->policy_pending = false;
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    }
    return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
}

/* key_transfer (data: array of key_data), unwrapped with the KEK. */
static uint8_t key_transfer(msdk_cosem_secsetup_t *s, msdk_rbuf_t *in)
{
    if (s->save == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT; /* nothing could be stored */
    }
    if ((s->keys_set & BIT_KEK) == 0u) {
        return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no KEK: nothing can be unwrapped */
    }
    if (s->pending_count != 0u) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* one change per response */
    }
    size_t len = msdk_rbuf_remaining(in);
    const uint8_t *param = (len != 0u) ? &in->p[in->pos] : NULL;
    size_t count = 0u;
    msdk_err_t err = msdk_cosem_sec_key_transfer_decode(
        s->kek, MSDK_COSEM_SECSETUP_KEY_LEN, MSDK_COSEM_SECSETUP_KEY_LEN, param, len, s->pending,
        MSDK_COSEM_KEY_TRANSFER_MAX, &count);
    switch (err) {
    case MSDK_OK:
        in->pos = in->len;
        s->pending_count = (uint8_t)count;
        if (reserve_pending(s) != MSDK_OK) {
            /* The application cannot save the change now: refused before success is
             * answered (a security_activate pending before it keeps its reservation). */
            msdk_port_crypto_zeroize(s->pending, sizeof s->pending);
            s->pending_count = 0u;
            return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
        }
        return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    case MSDK_ERR_TRUNCATED:
    case MSDK_ERR_MALFORMED:
    case MSDK_ERR_BUFFER_TOO_SMALL: return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    case MSDK_ERR_AUTH: return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* wrong KEK, tampered */
    default: return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;          /* the crypto port */
    }
}

static uint8_t secsetup_action(const msdk_cosem_object_t *obj, uint8_t method, msdk_cosem_req_t *rq,
                               msdk_rbuf_t *in, msdk_wbuf_t *out)
{
    msdk_cosem_secsetup_t *s = (msdk_cosem_secsetup_t *)obj->ctx;
    if (s == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE;
    }
    if (method == (uint8_t)MSDK_COSEM_SECSETUP_SECURITY_ACTIVATE) {
        return security_activate(s, in);
    }
    if (method == (uint8_t)MSDK_COSEM_SECSETUP_KEY_TRANSFER) {
        return key_transfer(s, in);
    }
    return msdk_cosem_secsetup_cert_method(s, method, rq, in, out); /* 3..8 */
}

const msdk_cosem_class_t msdk_cosem_class_security_setup = {
    .class_id = 64u,
    .version = 1u,
    .attr_count = 6u,
    .method_count = 8u,
    .get = secsetup_get,
    .set = NULL, /* nothing is writable: read-write-denied */
    .action = secsetup_action,
};

/* ---- Pending changes ------------------------------------------------------------------------ */

bool msdk_cosem_secsetup_has_pending(const msdk_cosem_secsetup_t *s)
{
    return (s != NULL) && ((s->pending_count != 0u) || s->policy_pending);
}

void msdk_cosem_secsetup_discard(msdk_cosem_secsetup_t *s)
{
    if (s != NULL) {
        drop_pending(s);
        release(s);
    }
}

/* Puts the pending keys and policy of s into n (a copy of s with nothing pending); returns
 * the bits of the keys that change (a key transferred with its current value does not). */
static uint8_t apply_pending(const msdk_cosem_secsetup_t *s, msdk_cosem_secsetup_t *n)
{
    uint8_t changed = 0u;
    for (size_t i = 0; (i < s->pending_count) && (i < MSDK_COSEM_KEY_TRANSFER_MAX); i++) {
        const msdk_cosem_sec_key_t *k = &s->pending[i];
        uint8_t *slot = key_slot(n, k->key_id);
        if ((slot == NULL) || (k->key_len != MSDK_COSEM_SECSETUP_KEY_LEN)) {
            continue; /* the decoder gives neither */
        }
        uint8_t bit = MSDK_COSEM_SECSETUP_KEY_BIT(k->key_id);
        if (((n->keys_set & bit) == 0u) || !same_key(slot, k->key)) {
            changed = (uint8_t)(changed | bit);
        }
        memcpy(slot, k->key, MSDK_COSEM_SECSETUP_KEY_LEN);
        n->keys_set = (uint8_t)(n->keys_set | bit);
    }
    if ((changed & BIT_EK) != 0u) {
        /* A new EK: nothing handed out yet, nothing reserved, as msdk_cosem_tx_ic_restart()
         * leaves the counter before its write (it runs after the save). */
        n->tx_ic.next = 0u;
        n->tx_ic.bound = 0u;
        msdk_cosem_rx_ic_init(&n->rx_ic[0]);
    }
    if ((changed & BIT_BEK) != 0u) {
        msdk_cosem_rx_ic_init(&n->rx_ic[1]);
    }
    if (s->policy_pending) {
        n->policy = s->pending_policy;
    }
    return changed;
}

msdk_err_t msdk_cosem_secsetup_commit(msdk_cosem_secsetup_t *s, msdk_cosem_secevents_t *ev,
                                      uint16_t client_sap)
{
    if (s == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_cosem_secsetup_has_pending(s)) {
        release(s); /* nothing reserved: nothing pending was accepted */
        return MSDK_OK;
    }
    if (s->save == NULL) {
        drop_pending(s);
        release(s);
        return MSDK_ERR_STATE; /* the methods refuse without save(): not reached */
    }
    msdk_cosem_secsetup_t n = *s;
    msdk_port_crypto_zeroize(n.pending, sizeof n.pending);
    n.pending_count = 0u;
    n.pending_policy = 0u;
    n.policy_pending = false;
    uint8_t changed = apply_pending(s, &n);
    bool policy_changed = n.policy != s->policy;
    msdk_err_t err = MSDK_OK;
    if ((changed != 0u) || policy_changed) {
        err = s->save(s->save_ctx, &n);
    }
    if (err != MSDK_OK) {
        /* Not saved: nothing changed, so no event. */
        msdk_port_crypto_zeroize(&n, sizeof n);
        drop_pending(s);
        release(s);
        return err;
    }
    *s = n; /* nothing pending in n */
    msdk_port_crypto_zeroize(&n, sizeof n);
    for (uint8_t id = 0u; id <= (uint8_t)MSDK_COSEM_KEY_ID_MASTER; id++) {
        if ((changed & MSDK_COSEM_SECSETUP_KEY_BIT(id)) != 0u) {
            (void)msdk_cosem_secevents_raise(ev, MSDK_COSEM_SECEVENT_KEY_CHANGED, client_sap);
        }
    }
    if (policy_changed) {
        (void)msdk_cosem_secevents_raise(ev, MSDK_COSEM_SECEVENT_POLICY_CHANGED, client_sap);
    }
    if ((changed & BIT_EK) != 0u) {
        /* On failure the counter stays at 0 with nothing reserved: it hands out nothing until
         * a take has persisted the window (msdk_cosem_tx_ic_take() retries the write). */
        err = msdk_cosem_tx_ic_restart(&s->tx_ic);
    }
    release(s); /* after the restart, which the reservation covers */
    return err;
}
