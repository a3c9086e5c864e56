/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Security of the MA304H4's DLMS server: two Security setups with their keys, system
 * titles and invocation counters, the logical device's security state (DRBG, events,
 * lockout), kept in four libeventlog snapshot stores (msdk/eventlog/snapshot.h) at the top of
 * the data NVM: the symmetric keys, setup 1's P-256 key pairs, the invocation counters, the
 * lockout (dlms_sec.c has their layout, the rate limits and the power-cut argument).
 *
 * Setup 0 (0.0.43.0.0.255): management client 1, HLS 5 (GMAC), security suite 0, policy
 * authenticated and encrypted requests and responses, the Green Book example keys, the
 * meter's system title.
 * Setup 1 (0.0.43.0.1.255): test clients 6 (HLS 6) and 7 (HLS 7), suite 1, no ciphering
 * required; a P-256 key pair for the meter and one for the test client, generated at the
 * first start and printed; a server system title of its own (setup 0's with the top bit of
 * its fourth octet inverted: the two setups never share an AES-GCM nonce, dlms_sec.c).
 * Test keys are printed at every start: this is a simulator.
 * Settings (msdk_port_board_config(); the simulator's `--config KEY=VALUE`): dlms.ek,
 * dlms.ak, dlms.kek (32 hex digits, used when the NVM holds no keys yet),
 * dlms.system-title (16 hex digits: setup 0's, setup 1's follows it); dlms.c reads
 * dlms.lls and dlms.hls-secret. */
#ifndef MA304H4_DLMS_SEC_H
#define MA304H4_DLMS_SEC_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/cosem/class_security.h"
#include "msdk/cosem/server.h"
#include "msdk/eventlog/snapshot.h"
#include "dlms_cert.h"
#include "msdk/port/crypto.h"

/** Associations of the logical device. */
#define MA304H4_ASSOCS          7u
/** Security setups. */
#define MA304H4_SEC_SETUPS      2u
/** Sectors of the security state's snapshot stores, at the top of the data NVM (below
 *  them: the certificates of dlms_cert.h, then the energy registers of energy.h). */
#define MA304H4_SEC_REC_SECTORS 16u
/** Snapshot stores of the security state: keys, key pairs, counters, lockout. */
#define MA304H4_SEC_STORES      4u
/** Secret of the HLS 3, 4 and 6 test clients. */
#define MA304H4_HLS_SECRET      "msdk-test-secret"

struct ma304h4_sec;

/** Context of one setup's persistence (its save() and its transmit counter's callback). */
typedef struct ma304h4_sec_ref {
    struct ma304h4_sec *sec;
    uint8_t which; /* the setup */
} ma304h4_sec_ref_t;

/** One snapshot store of the security state with its save budget: one bucket of tokens, or
 *  (the counters) one per setup. */
typedef struct ma304h4_sec_store {
    msdk_evlog_snap_t snap;
    bool open;                            /* opened: saves may go to it */
    uint16_t tokens[MA304H4_SEC_SETUPS];  /* saves allowed now (stored in every copy) */
    uint16_t held[MA304H4_SEC_SETUPS];    /* tokens reserved for key changes */
    uint64_t last_ms[MA304H4_SEC_SETUPS]; /* uptime the tokens were last topped up to */
} ma304h4_sec_store_t;

/** Security state of the meter. */
typedef struct ma304h4_sec {
    msdk_cosem_secsetup_t setup[MA304H4_SEC_SETUPS];
    ma304h4_sec_ref_t ref[MA304H4_SEC_SETUPS];
    msdk_cosem_server_sec_t server;
    msdk_cosem_lockout_t lockout[MA304H4_ASSOCS];
    uint32_t lock_seen[MA304H4_ASSOCS]; /* locked, level, failures as last seen by the tick */
    bool lock_dirty;                    /* the lockout changed since its last copy */
    msdk_crypto_drbg_t drbg;
    uint8_t client7_key[32]; /* the HLS 7 test client's private key (printed) */
    ma304h4_sec_store_t store[MA304H4_SEC_STORES];
    uint8_t gen[MA304H4_SEC_SETUPS];       /* generation of each setup's keys in force */
    uint8_t kchg[MA304H4_SEC_SETUPS];      /* keys that generation changed (key_id bits) */
    uint8_t c_gen[MA304H4_SEC_SETUPS];     /* generations in the newest counters copy */
    uint8_t resv_keys[MA304H4_SEC_SETUPS]; /* keys tokens each setup's key change holds */
    uint8_t resv_ctr[MA304H4_SEC_SETUPS];  /* counters tokens (its bucket) it holds */
    bool stored;                           /* the NVM stores are usable */
    bool broken;                           /* a key save failed: no saves until a restart */
    ma304h4_certs_t certs;                 /* setup 1's certificate store */
} ma304h4_sec_t;

/**
 * Starts the security: crypto, DRBG, the stores (or the defaults, saved), the log of the
 * test keys.
 * @param s State (application storage).
 * @return MSDK_OK, or the error (the secured associations are then unusable).
 */
msdk_err_t ma304h4_sec_init(ma304h4_sec_t *s);

/**
 * Damaged items the opening of the four stores of the security state met (the sum of
 * msdk_evlog_snap_damage() of the stores ma304h4_sec_init() opened), for the start's NVM
 * error event.
 * @param s State after ma304h4_sec_init().
 * @return The count; 0 for the stores that are not open.
 */
uint32_t ma304h4_sec_damage(const ma304h4_sec_t *s);

/**
 * Keeps the time of the lockout current; saves the lockout state when it changed (failures,
 * level, a lockout starting or running out) within its save budget, otherwise at the first
 * tick after the next token comes back.
 * @param s      State.
 * @param now_ms Uptime.
 */
void ma304h4_sec_tick(ma304h4_sec_t *s, uint64_t now_ms);

/**
 * The power-fail save of a lockout change not saved yet (program only, never an erase:
 * msdk_evlog_snap_save_now()).
 * @param s State.
 * @return MSDK_OK (also when nothing was to save), or why nothing was saved.
 */
msdk_err_t ma304h4_sec_power_fail(ma304h4_sec_t *s);

/**
 * Next invocation counter a client of security setup @p setup must use under its global key
 * (0.0.43.1.0.255: the management client's, setup 0; 0.0.43.1.1.255: test clients 6 and 7's,
 * setup 1).
 * @param s     State.
 * @param setup 0 or 1.
 * @return The lowest counter the meter accepts.
 */
uint32_t ma304h4_sec_client_ic(const ma304h4_sec_t *s, unsigned setup);

#endif /* MA304H4_DLMS_SEC_H */
