/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief DLMS security state (issue 6): the server's transmit invocation counter, the
 *        received invocation counter of each client key, security event counters and the
 *        lockout of a client SAP after failed authentications.
 *
 * These are the state pieces around the ciphering codec (`security.h`); they cipher
 * nothing themselves. Like the rest of libcosem they are sans-IO: every struct is owned by
 * the caller, nothing allocates, nothing keeps global state, nothing reads a clock (the
 * current uptime is an argument, in milliseconds, 64-bit so that it never wraps), and the
 * only persistence is a callback the application provides (an interim NVM record until
 * the storage of libeventlog takes it over).
 *
 * @par Transmit invocation counter (::msdk_cosem_tx_ic_t)
 * Suite 0 (AES-GCM) is broken the moment an initialisation vector (system title and
 * invocation counter) repeats under the same key, so the server's counter must never
 * hand out a value twice, across resets and power cuts, yet the NVM cannot take a write
 * per frame. The persisted value is therefore a reservation bound B: "every value below B
 * may have been used". At boot the counter resumes at B (0 when no record exists); the
 * first take persists B + R (R = window) through the callback and only when that write
 * is reported durable hands out B, B + 1, ... up to B + R - 1 without touching the NVM;
 * the take after that persists the next window first. A power cut anywhere loses at most
 * the unused rest of the window, never repeats a value.
 *
 * NVM writes: at most ceil(n / R) successful writes for n frames ciphered within one
 * power-on, so at most n / R + 1 per boot, and at most N / R + boots + key changes over
 * the life of a key for N frames in total (with R = 1000: one write per 1000 frames plus
 * one per boot). A persist attempt that fails is retried by the next take, so failed
 * attempts come on top.
 *
 * Values run from 0 to 0xFFFFFFFE; the counter never wraps. When the next value would be
 * 0xFFFFFFFF the counter is exhausted (::MSDK_ERR_OVERFLOW) and stays so until the key is
 * changed and msdk_cosem_tx_ic_restart() starts the new key's counter (it persists 0 + R
 * before handing out 0).
 *
 * The persistence callback's contract: it returns ::MSDK_OK only once the new bound is
 * durable, and a power cut during the write leaves either the old or the new record
 * (two slots with a sequence number and a CRC, for example). A record that exists but
 * cannot be read must not be treated as "no record" (that would restart at 0 and repeat
 * values): refuse to cipher with that key until it is changed. The record belongs to
 * the key: when a key changes, store the new key first and then call
 * msdk_cosem_tx_ic_restart() (the reverse order, interrupted, would pair the old key with
 * a counter restarted at 0).
 *
 * @par Received invocation counter (::msdk_cosem_rx_ic_t)
 * One per client key (unicast, broadcast). A ciphered APDU is accepted only when its
 * counter is strictly greater than the last one accepted with that key (the Green Book's
 * "lowest acceptable value" is the last accepted + 1); an equal, older or replayed
 * counter is rejected and counted. Check it only after the APDU's tag has been verified,
 * so that a forged frame cannot advance the counter (msdk_cosem_rx_ic_is_fresh() is a
 * read-only pre-check that can reject replays before deciphering).
 *
 * Persistence: writing the last accepted counter for every request would wear the NVM
 * out, and not writing it would let a recorded frame be replayed after a reboot. The
 * acceptance reports which of the two a request needs: a request that changes state (SET,
 * ACTION, a key transfer: the caller says so) must have its counter persisted before it
 * is executed; a request that only reads may be persisted lazily (the state stays
 * "dirty" until the caller records that it wrote the value). Why that is enough: after a
 * reboot the counter is restored from the last value persisted. A frame whose counter is
 * at or below that value is rejected. Every frame whose counter is above it was accepted
 * after the last persisted frame, so none of them changed state (a state-changing frame
 * would itself have been persisted, and with it every lower counter). A replay after a
 * reboot can therefore only repeat a read, never a write or an action, and the read is
 * answered under the server's own, fresh, transmit counter.
 *
 * @par Security events (::msdk_cosem_secevents_t)
 * The events of issue 6 (failed authentication, decryption or tag failure, replay, key
 * change, policy change), each with a saturating counter the server increments and an
 * optional callback (event, client SAP, new counter value) through which the application
 * logs it (codes of libeventlog's catalogue once it lands).
 *
 * @par Lockout (::msdk_cosem_lockout_t)
 * One per client SAP. After N consecutive failed authentications (default 3) the SAP's
 * associations are refused for the lockout time: the first lockout lasts 60 s, each
 * further one twice the previous, up to a cap (default 24 h). A successful authentication
 * clears the consecutive count and the back-off. The state is plain data; since the uptime
 * restarts at 0 after a reset, a snapshot persists it with msdk_cosem_lockout_save(),
 * which stores the time left rather than a deadline, and msdk_cosem_lockout_load()
 * restores it against the new uptime: the time left at the snapshot runs again from the
 * boot, so a power cut after the snapshot can prolong a lockout but not shorten it.
 *
 * @code
 * // Boot: the application reads its NVM record (0 when there is none).
 * msdk_cosem_tx_ic_config_t cfg = { .window = 1000u, .persist = nvm_write_ic, .ctx = &nvm };
 * msdk_cosem_tx_ic_t tx;
 * (void)msdk_cosem_tx_ic_init(&tx, &cfg, nvm_record_or_zero);
 * // For every APDU ciphered:
 * uint32_t ic;
 * if (msdk_cosem_tx_ic_take(&tx, &ic) != MSDK_OK) { refuse: do not cipher }
 *
 * // For every ciphered request, once its tag is verified:
 * bool persist_now;
 * if (msdk_cosem_rx_ic_accept(&rx, req_ic, is_set_or_action, &persist_now) != MSDK_OK) {
 *     msdk_cosem_secevents_raise(&ev, MSDK_COSEM_SECEVENT_REPLAY, client_sap);  // reject
 * } else if (persist_now) {
 *     if (nvm_write_rx(msdk_cosem_rx_ic_last(&rx)) != MSDK_OK) { refuse: do not execute }
 *     msdk_cosem_rx_ic_mark_persisted(&rx, msdk_cosem_rx_ic_last(&rx));
 * }
 * @endcode
 */
#ifndef MSDK_COSEM_SECSTATE_H
#define MSDK_COSEM_SECSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Transmit invocation counter ------------------------------------------------------------ */

/** @brief Reservation window used when ::msdk_cosem_tx_ic_config_t::window is 0. */
#define MSDK_COSEM_TX_IC_WINDOW_DEFAULT 1000u
/** @brief Largest invocation counter value handed out (0xFFFFFFFF is never used). */
#define MSDK_COSEM_TX_IC_MAX            0xFFFFFFFEu

/**
 * @brief Persists a new reservation bound (application-provided).
 *
 * Every value below @p bound may have been handed out once this returns ::MSDK_OK; at the
 * next boot the counter must resume at @p bound. The write must be durable when
 * ::MSDK_OK is returned and atomic with respect to power cuts (old or new record).
 *
 * @param[in] ctx   ::msdk_cosem_tx_ic_config_t::ctx.
 * @param[in] bound The new bound.
 * @retval MSDK_OK The bound is durable.
 * @return Any error: the write failed (the counter hands out nothing and retries the
 *         write at the next take).
 */
typedef msdk_err_t (*msdk_cosem_tx_ic_persist_fn)(void *ctx, uint32_t bound);

/** @brief Configuration of a transmit counter (a zeroed window means the default). */
typedef struct msdk_cosem_tx_ic_config {
    uint32_t window;                     /**< R: values reserved per NVM write; 0: default. */
    msdk_cosem_tx_ic_persist_fn persist; /**< Writes the bound; required. */
    void *ctx;                           /**< Passed to `persist`. */
} msdk_cosem_tx_ic_config_t;

/** @brief The server's transmit invocation counter of one key (caller-allocated). */
typedef struct msdk_cosem_tx_ic {
    uint32_t next;                       /**< @private Next value to hand out. */
    uint32_t bound;                      /**< @private Bound last persisted successfully. */
    uint32_t window;                     /**< @private R. */
    msdk_cosem_tx_ic_persist_fn persist; /**< @private Persistence callback. */
    void *ctx;                           /**< @private Its context. */
} msdk_cosem_tx_ic_t;

/**
 * @brief Starts the counter at boot from the persisted bound. Writes nothing: the first
 *        take persists the first window.
 * @param[out] ic           Counter.
 * @param[in]  cfg          Window and persistence callback (copied).
 * @param[in]  stored_bound The bound read from the NVM record; 0 when there is no record
 *                          (a new key). 0xFFFFFFFF: the key's counter is exhausted.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer or no persistence callback; @p ic unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_tx_ic_init(msdk_cosem_tx_ic_t *ic,
                                                const msdk_cosem_tx_ic_config_t *cfg,
                                                uint32_t stored_bound);

/**
 * @brief Takes the invocation counter value for the next APDU ciphered with this key.
 *
 * When the reserved window is used up, the next window is persisted first; the value is
 * handed out only when that write succeeded.
 *
 * @param[in,out] ic    Counter.
 * @param[out]    value The value to cipher with; written only on ::MSDK_OK.
 * @retval MSDK_OK              @p value has never been handed out before with this key.
 * @retval MSDK_ERR_OVERFLOW    Exhausted (all values up to ::MSDK_COSEM_TX_IC_MAX are
 *                              used): the key must be changed; nothing handed out.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 * @return The persistence callback's error: nothing handed out, the APDU must not be
 *         ciphered; the next take tries the write again.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_tx_ic_take(msdk_cosem_tx_ic_t *ic, uint32_t *value);

/**
 * @brief Restarts the counter for a new key: persists 0 + R, then the next take hands
 *        out 0.
 *
 * Call it once the new key is stored and in use; there is no way back to the old key's
 * counter. If the write fails the counter hands out nothing until a take (which retries
 * the write) succeeds, so the old key's record never pairs with values from 0.
 *
 * @param[in,out] ic Counter.
 * @retval MSDK_OK              The new key's first window is persisted.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer; nothing changed.
 * @return The persistence callback's error (see above).
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_tx_ic_restart(msdk_cosem_tx_ic_t *ic);

/**
 * @brief The value the next take hands out (the readable counter object's value).
 * @param[in] ic Counter.
 * @return The next value; 0xFFFFFFFF when exhausted.
 */
uint32_t msdk_cosem_tx_ic_next(const msdk_cosem_tx_ic_t *ic);

/**
 * @brief Whether the counter is exhausted and the key must be changed.
 * @param[in] ic Counter.
 * @return true when no take can succeed before msdk_cosem_tx_ic_restart().
 */
bool msdk_cosem_tx_ic_is_exhausted(const msdk_cosem_tx_ic_t *ic);

/* ---- Received invocation counter ------------------------------------------------------------ */

/** @brief The received invocation counter of one client key (caller-allocated, plain data). */
typedef struct msdk_cosem_rx_ic {
    uint32_t last;     /**< @private Last counter accepted (valid when `has_last`). */
    uint32_t rejected; /**< @private Replayed or old counters rejected (saturating). */
    bool has_last;     /**< @private A counter has been accepted with this key. */
    bool dirty;        /**< @private `last` is not yet persisted. */
} msdk_cosem_rx_ic_t;

/**
 * @brief Starts the counter of a new key (or of a key with no record): any counter,
 *        0 included, is acceptable. Nothing to persist.
 * @param[out] rx Counter.
 */
void msdk_cosem_rx_ic_init(msdk_cosem_rx_ic_t *rx);

/**
 * @brief Restores the counter at boot from the persisted last accepted value.
 * @param[out] rx        Counter.
 * @param[in]  last_seen The value the application persisted (msdk_cosem_rx_ic_last()):
 *                       only counters greater than it are accepted.
 */
void msdk_cosem_rx_ic_restore(msdk_cosem_rx_ic_t *rx, uint32_t last_seen);

/**
 * @brief Read-only pre-check: would @p ic be accepted? Changes and counts nothing.
 * @param[in] rx Counter.
 * @param[in] ic Received invocation counter.
 * @return true when @p ic is greater than the last accepted one (or none was accepted).
 */
bool msdk_cosem_rx_ic_is_fresh(const msdk_cosem_rx_ic_t *rx, uint32_t ic);

/**
 * @brief Accepts or rejects the counter of a request whose tag has been verified.
 *
 * @param[in,out] rx            Counter.
 * @param[in]     ic            Received invocation counter.
 * @param[in]     changes_state The request changes state (SET, ACTION, key transfer):
 *                              its counter must be persisted before it is executed.
 * @param[out]    persist_now   On ::MSDK_OK: true when the caller must persist
 *                              msdk_cosem_rx_ic_last() (and call
 *                              msdk_cosem_rx_ic_mark_persisted()) before executing the
 *                              request, and must not execute it if that write fails;
 *                              false when the value may be persisted lazily (it stays
 *                              dirty). Untouched on error.
 * @retval MSDK_OK              Accepted: @p ic is now the last accepted counter.
 * @retval MSDK_ERR_AUTH        Equal to or older than the last accepted counter (a
 *                              replay): rejected and counted, otherwise nothing changed.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_rx_ic_accept(msdk_cosem_rx_ic_t *rx, uint32_t ic,
                                                  bool changes_state, bool *persist_now);

/**
 * @brief The value to persist: the last accepted counter.
 * @param[in] rx Counter.
 * @return The last accepted counter; 0 when none was accepted (then nothing needs to be
 *         persisted: msdk_cosem_rx_ic_is_dirty() is false).
 */
uint32_t msdk_cosem_rx_ic_last(const msdk_cosem_rx_ic_t *rx);

/**
 * @brief The lowest counter the next request may carry (the Green Book's "lowest
 *        acceptable value"; the readable counter object's value plus one).
 * @param[in] rx Counter.
 * @return 0 when nothing was accepted, else the last accepted + 1 (0x100000000 once
 *         0xFFFFFFFF was accepted: the key must be changed).
 */
uint64_t msdk_cosem_rx_ic_lowest_acceptable(const msdk_cosem_rx_ic_t *rx);

/**
 * @brief Whether the last accepted counter is newer than the last one persisted.
 * @param[in] rx Counter.
 * @return true when msdk_cosem_rx_ic_last() should be written (lazily: at the end of the
 *         association, on power-fail warning, or periodically).
 */
bool msdk_cosem_rx_ic_is_dirty(const msdk_cosem_rx_ic_t *rx);

/**
 * @brief Records that @p value was persisted. Clears the dirty flag only when @p value is
 *        still the last accepted counter (a request accepted while an asynchronous write
 *        was in progress keeps it dirty).
 * @param[in,out] rx    Counter.
 * @param[in]     value The value written.
 */
void msdk_cosem_rx_ic_mark_persisted(msdk_cosem_rx_ic_t *rx, uint32_t value);

/**
 * @brief Number of counters rejected as replayed or old since init or restore.
 * @param[in] rx Counter.
 * @return The count (saturates at 0xFFFFFFFF).
 */
uint32_t msdk_cosem_rx_ic_rejected(const msdk_cosem_rx_ic_t *rx);

/* ---- Security events ------------------------------------------------------------------------ */

/** @brief Security events of the server (append-only numbering). */
typedef enum msdk_cosem_secevent {
    MSDK_COSEM_SECEVENT_AUTH_FAILED = 0,    /**< Failed authentication (LLS or HLS). */
    MSDK_COSEM_SECEVENT_DECRYPT_FAILED = 1, /**< Deciphering or tag check failed. */
    MSDK_COSEM_SECEVENT_REPLAY = 2,         /**< Replayed or old invocation counter. */
    MSDK_COSEM_SECEVENT_KEY_CHANGED = 3,    /**< A key was changed (key_transfer). */
    MSDK_COSEM_SECEVENT_POLICY_CHANGED = 4, /**< The security policy was changed. */
} msdk_cosem_secevent_t;

/** @brief Number of ::msdk_cosem_secevent_t values. */
#define MSDK_COSEM_SECEVENT_COUNT 5u

/** @brief Counters of the security events (plain data a snapshot can persist). */
typedef struct msdk_cosem_seccounters {
    uint32_t count[MSDK_COSEM_SECEVENT_COUNT]; /**< Per event, saturating at 0xFFFFFFFF. */
} msdk_cosem_seccounters_t;

/**
 * @brief Event callback (application-provided, optional).
 * @param[in] ctx        ::msdk_cosem_secevents_t::ctx.
 * @param[in] event      The event.
 * @param[in] client_sap Client SAP of the association concerned (0 when none).
 * @param[in] count      The event's counter after this event.
 */
typedef void (*msdk_cosem_secevent_fn)(void *ctx, msdk_cosem_secevent_t event, uint16_t client_sap,
                                       uint32_t count);

/** @brief Security event counters and the event callback (caller-allocated). */
typedef struct msdk_cosem_secevents {
    msdk_cosem_seccounters_t counters; /**< The counters (read them, snapshot them). */
    msdk_cosem_secevent_fn fn;         /**< Callback, or NULL. */
    void *ctx;                         /**< Passed to `fn`. */
} msdk_cosem_secevents_t;

/**
 * @brief Starts with all counters at 0.
 * @param[out] ev  Event state.
 * @param[in]  fn  Callback called for every event, or NULL.
 * @param[in]  ctx Its context.
 */
void msdk_cosem_secevents_init(msdk_cosem_secevents_t *ev, msdk_cosem_secevent_fn fn, void *ctx);

/**
 * @brief Counts an event and reports it to the callback.
 * @param[in,out] ev         Event state.
 * @param[in]     event      The event.
 * @param[in]     client_sap Client SAP concerned (0 when none).
 * @return The event's counter after this event; 0 (nothing counted or reported) for a
 *         NULL @p ev or an unknown @p event.
 */
uint32_t msdk_cosem_secevents_raise(msdk_cosem_secevents_t *ev, msdk_cosem_secevent_t event,
                                    uint16_t client_sap);

/**
 * @brief Current counter of an event.
 * @param[in] ev    Event state.
 * @param[in] event The event.
 * @return Its counter; 0 for a NULL @p ev or an unknown @p event.
 */
uint32_t msdk_cosem_secevents_count(const msdk_cosem_secevents_t *ev, msdk_cosem_secevent_t event);

/* ---- Lockout -------------------------------------------------------------------------------- */

/** @brief Consecutive failed authentications that start a lockout, by default. */
#define MSDK_COSEM_LOCKOUT_FAILURES_DEFAULT 3u
/** @brief Duration of the first lockout by default (ms): 1 min. */
#define MSDK_COSEM_LOCKOUT_FIRST_MS_DEFAULT 60000u
/** @brief Longest lockout by default (ms): 24 h. */
#define MSDK_COSEM_LOCKOUT_CAP_MS_DEFAULT   86400000u
/** @brief Highest back-off level kept (the duration stops doubling after 31 doublings). */
#define MSDK_COSEM_LOCKOUT_LEVEL_MAX        32u

/** @brief Lockout configuration (zeroed fields mean the defaults; shared by every SAP). */
typedef struct msdk_cosem_lockout_config {
    uint8_t max_failures; /**< N consecutive failures that lock; 0: default (3). */
    uint32_t first_ms;    /**< First lockout (ms); 0: default (60 s). */
    uint32_t cap_ms;      /**< Longest lockout (ms); 0: default (24 h). Raised to
                               `first_ms` when smaller. */
} msdk_cosem_lockout_config_t;

/** @brief Lockout state of one client SAP (caller-allocated, plain data, zero = clear). */
typedef struct msdk_cosem_lockout {
    uint64_t until_ms; /**< @private Refused while the uptime is below this. */
    uint8_t failures;  /**< @private Consecutive failures since the last success/lockout. */
    uint8_t level;     /**< @private Lockouts since the last success (back-off exponent). */
} msdk_cosem_lockout_t;

/** @brief Uptime-independent image of a lockout state, for NVM snapshots. */
typedef struct msdk_cosem_lockout_record {
    uint32_t remaining_ms; /**< Lockout time left when saved (0: not locked). */
    uint8_t failures;      /**< Consecutive failures. */
    uint8_t level;         /**< Back-off level. */
} msdk_cosem_lockout_record_t;

/**
 * @brief Clears the state (no failures, no back-off, not locked).
 * @param[out] lo Lockout state.
 */
void msdk_cosem_lockout_init(msdk_cosem_lockout_t *lo);

/**
 * @brief Whether an association of this SAP may be attempted now.
 * @param[in] lo     Lockout state.
 * @param[in] now_ms Uptime (ms).
 * @return false while locked out: refuse the association before authenticating.
 */
bool msdk_cosem_lockout_is_allowed(const msdk_cosem_lockout_t *lo, uint64_t now_ms);

/**
 * @brief Lockout time left.
 * @param[in] lo     Lockout state.
 * @param[in] now_ms Uptime (ms).
 * @return Milliseconds until associations are allowed again; 0 when allowed now.
 */
uint64_t msdk_cosem_lockout_remaining_ms(const msdk_cosem_lockout_t *lo, uint64_t now_ms);

/**
 * @brief Records a failed authentication; the Nth consecutive one starts a lockout of
 *        first_ms * 2^(k-1) (capped) for the kth lockout since the last success.
 *
 * A failure reported while locked out is ignored (the association should have been
 * refused before authenticating).
 *
 * @param[in,out] lo     Lockout state.
 * @param[in]     cfg    Configuration, or NULL for the defaults.
 * @param[in]     now_ms Uptime (ms).
 * @return true when this failure started a lockout.
 */
bool msdk_cosem_lockout_fail(msdk_cosem_lockout_t *lo, const msdk_cosem_lockout_config_t *cfg,
                             uint64_t now_ms);

/**
 * @brief Records a successful authentication: clears the consecutive count and the
 *        back-off.
 * @param[in,out] lo Lockout state.
 */
void msdk_cosem_lockout_success(msdk_cosem_lockout_t *lo);

/**
 * @brief Makes the uptime-independent image of the state for a snapshot.
 * @param[in]  lo     Lockout state.
 * @param[in]  now_ms Uptime (ms).
 * @param[out] rec    Record (the time left is saturated to 32 bits).
 */
void msdk_cosem_lockout_save(const msdk_cosem_lockout_t *lo, uint64_t now_ms,
                             msdk_cosem_lockout_record_t *rec);

/**
 * @brief Restores the state from a snapshot record (untrusted NVM data) at boot: a pending
 *        lockout runs its saved time left from @p now_ms.
 *
 * Values a configuration change can explain are clamped (failures to N - 1, the time left
 * to the cap); a level above ::MSDK_COSEM_LOCKOUT_LEVEL_MAX, or time left with level 0
 * (no lockout started it), is corrupt.
 *
 * @param[out] lo     Lockout state.
 * @param[in]  cfg    Configuration, or NULL for the defaults.
 * @param[in]  now_ms Uptime (ms).
 * @param[in]  rec    Record.
 * @retval MSDK_OK              Restored.
 * @retval MSDK_ERR_CORRUPT     The record is impossible; @p lo unchanged.
 * @retval MSDK_ERR_INVALID_ARG A NULL pointer.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_lockout_load(msdk_cosem_lockout_t *lo,
                                                  const msdk_cosem_lockout_config_t *cfg,
                                                  uint64_t now_ms,
                                                  const msdk_cosem_lockout_record_t *rec);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_SECSTATE_H */
