/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * DLMS security state: transmit invocation counter with a persisted reservation bound,
 * received invocation counters, security event counters and per-SAP lockout.
 *
 * Transmit counter invariant: every value handed out is below `bound`, and `bound` is the
 * last value the persistence callback reported durable. A boot resumes at the persisted
 * bound, so no value handed out before a power cut can be handed out again. The bound is
 * only ever raised by a successful write (or set to 0 by a restart, which hands nothing
 * out until its write succeeds).
 */
#include <stddef.h>
#include "msdk/cosem/secstate.h"

/* Marker of an exhausted counter: 0xFFFFFFFF itself is never handed out. */
#define TX_IC_EXHAUSTED 0xFFFFFFFFu

/* ---- Transmit invocation counter ------------------------------------------------------------ */

msdk_err_t msdk_cosem_tx_ic_init(msdk_cosem_tx_ic_t *ic, const msdk_cosem_tx_ic_config_t *cfg,
                                 uint32_t stored_bound)
{
    if ((ic == NULL) || (cfg == NULL) || (cfg->persist == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    ic->next = stored_bound;
    ic->bound = stored_bound;
    ic->window = (cfg->window != 0u) ? cfg->window : MSDK_COSEM_TX_IC_WINDOW_DEFAULT;
    ic->persist = cfg->persist;
    ic->ctx = cfg->ctx;
    return MSDK_OK;
}

/* Persists the window after `next` (clamped at the exhaustion marker) and adopts it. */
static msdk_err_t tx_ic_reserve(msdk_cosem_tx_ic_t *ic)
{
    uint32_t room = TX_IC_EXHAUSTED - ic->next; /* > 0: the caller checked exhaustion */
    uint32_t nb = (room > ic->window) ? (ic->next + ic->window) : TX_IC_EXHAUSTED;
    msdk_err_t err = ic->persist(ic->ctx, nb);
    if (err != MSDK_OK) {
        return err;
    }
    ic->bound = nb;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_tx_ic_take(msdk_cosem_tx_ic_t *ic, uint32_t *value)
{
    if ((ic == NULL) || (value == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (ic->next == TX_IC_EXHAUSTED) {
        return MSDK_ERR_OVERFLOW;
    }
    if (ic->next >= ic->bound) {
        msdk_err_t err = tx_ic_reserve(ic);
        if (err != MSDK_OK) {
            return err;
        }
    }
    *value = ic->next;
    ic->next++;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_tx_ic_restart(msdk_cosem_tx_ic_t *ic)
{
    if (ic == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* From here on nothing is handed out until a window from 0 is durable. */
    ic->next = 0u;
    ic->bound = 0u;
    return tx_ic_reserve(ic);
}

uint32_t msdk_cosem_tx_ic_next(const msdk_cosem_tx_ic_t *ic)
{
    return (ic != NULL) ? ic->next : TX_IC_EXHAUSTED;
}

bool msdk_cosem_tx_ic_is_exhausted(const msdk_cosem_tx_ic_t *ic)
{
    return (ic == NULL) || (ic->next == TX_IC_EXHAUSTED);
}

/* ---- Received invocation counter ------------------------------------------------------------ */

void msdk_cosem_rx_ic_init(msdk_cosem_rx_ic_t *rx)
{
    if (rx == NULL) {
        return;
    }
    rx->last = 0u;
    rx->rejected = 0u;
    rx->has_last = false;
    rx->dirty = false;
}

void msdk_cosem_rx_ic_restore(msdk_cosem_rx_ic_t *rx, uint32_t last_seen)
{
    if (rx == NULL) {
        return;
    }
    rx->last = last_seen;
    rx->rejected = 0u;
    rx->has_last = true;
    rx->dirty = false;
}

bool msdk_cosem_rx_ic_is_fresh(const msdk_cosem_rx_ic_t *rx, uint32_t ic)
{
    if (rx == NULL) {
        return false;
    }
    return !rx->has_last || (ic > rx->last);
}

msdk_err_t msdk_cosem_rx_ic_accept(msdk_cosem_rx_ic_t *rx, uint32_t ic, bool changes_state,
                                   bool *persist_now)
{
    if ((rx == NULL) || (persist_now == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_cosem_rx_ic_is_fresh(rx, ic)) {
        if (rx->rejected != UINT32_MAX) {
            rx->rejected++;
        }
        return MSDK_ERR_AUTH;
    }
    rx->last = ic;
    rx->has_last = true;
    rx->dirty = true;
    *persist_now = changes_state;
    return MSDK_OK;
}

uint32_t msdk_cosem_rx_ic_last(const msdk_cosem_rx_ic_t *rx)
{
    return ((rx != NULL) && rx->has_last) ? rx->last : 0u;
}

uint64_t msdk_cosem_rx_ic_lowest_acceptable(const msdk_cosem_rx_ic_t *rx)
{
    if ((rx == NULL) || !rx->has_last) {
        return 0u;
    }
    return (uint64_t)rx->last + 1u;
}

bool msdk_cosem_rx_ic_is_dirty(const msdk_cosem_rx_ic_t *rx)
{
    return (rx != NULL) && rx->dirty;
}

void msdk_cosem_rx_ic_mark_persisted(msdk_cosem_rx_ic_t *rx, uint32_t value)
{
    if ((rx != NULL) && rx->has_last && (value == rx->last)) {
        rx->dirty = false;
    }
}

uint32_t msdk_cosem_rx_ic_rejected(const msdk_cosem_rx_ic_t *rx)
{
    return (rx != NULL) ? rx->rejected : 0u;
}

/* ---- Security events ------------------------------------------------------------------------ */

void msdk_cosem_secevents_init(msdk_cosem_secevents_t *ev, msdk_cosem_secevent_fn fn, void *ctx)
{
    if (ev == NULL) {
        return;
    }
    for (unsigned i = 0; i < MSDK_COSEM_SECEVENT_COUNT; i++) {
        ev->counters.count[i] = 0u;
    }
    ev->fn = fn;
    ev->ctx = ctx;
}

uint32_t msdk_cosem_secevents_raise(msdk_cosem_secevents_t *ev, msdk_cosem_secevent_t event,
                                    uint16_t client_sap)
{
    unsigned i = (unsigned)event;
    if ((ev == NULL) || (i >= MSDK_COSEM_SECEVENT_COUNT)) {
        return 0u;
    }
    if (ev->counters.count[i] != UINT32_MAX) {
        ev->counters.count[i]++;
    }
    uint32_t n = ev->counters.count[i];
    if (ev->fn != NULL) {
        ev->fn(ev->ctx, event, client_sap, n);
    }
    return n;
}

uint32_t msdk_cosem_secevents_count(const msdk_cosem_secevents_t *ev, msdk_cosem_secevent_t event)
{
    unsigned i = (unsigned)event;
    if ((ev == NULL) || (i >= MSDK_COSEM_SECEVENT_COUNT)) {
        return 0u;
    }
    return ev->counters.count[i];
}

/* ---- Lockout -------------------------------------------------------------------------------- */

/* The configuration with its defaults applied. */
typedef struct lockout_params {
    uint8_t max_failures;
    uint32_t first_ms;
    uint32_t cap_ms;
} lockout_params_t;

static lockout_params_t lockout_params(const msdk_cosem_lockout_config_t *cfg)
{
    lockout_params_t p = { MSDK_COSEM_LOCKOUT_FAILURES_DEFAULT, MSDK_COSEM_LOCKOUT_FIRST_MS_DEFAULT,
                           MSDK_COSEM_LOCKOUT_CAP_MS_DEFAULT };
    if (cfg != NULL) {
        if (cfg->max_failures != 0u) {
            p.max_failures = cfg->max_failures;
        }
        if (cfg->first_ms != 0u) {
            p.first_ms = cfg->first_ms;
        }
        if (cfg->cap_ms != 0u) {
            p.cap_ms = cfg->cap_ms;
        }
    }
    if (p.cap_ms < p.first_ms) {
        p.cap_ms = p.first_ms;
    }
    return p;
}

/* Duration of the level-th lockout (level >= 1): first * 2^(level - 1), capped. */
static uint32_t lockout_duration(const lockout_params_t *p, uint8_t level)
{
    uint64_t d = p->first_ms;
    for (uint8_t k = 1u; (k < level) && (d < p->cap_ms); k++) {
        d *= 2u;
    }
    return (d < p->cap_ms) ? (uint32_t)d : p->cap_ms;
}

/* now + d without wrapping (saturates at the end of time). */
static uint64_t lockout_deadline(uint64_t now_ms, uint64_t d)
{
    return (now_ms > (UINT64_MAX - d)) ? UINT64_MAX : (now_ms + d);
}

void msdk_cosem_lockout_init(msdk_cosem_lockout_t *lo)
{
    if (lo == NULL) {
        return;
    }
    lo->until_ms = 0u;
    lo->failures = 0u;
    lo->level = 0u;
}

bool msdk_cosem_lockout_is_allowed(const msdk_cosem_lockout_t *lo, uint64_t now_ms)
{
    return (lo == NULL) || (now_ms >= lo->until_ms);
}

uint64_t msdk_cosem_lockout_remaining_ms(const msdk_cosem_lockout_t *lo, uint64_t now_ms)
{
    if ((lo == NULL) || (now_ms >= lo->until_ms)) {
        return 0u;
    }
    return lo->until_ms - now_ms;
}

bool msdk_cosem_lockout_fail(msdk_cosem_lockout_t *lo, const msdk_cosem_lockout_config_t *cfg,
                             uint64_t now_ms)
{
    if ((lo == NULL) || !msdk_cosem_lockout_is_allowed(lo, now_ms)) {
        return false;
    }
    lockout_params_t p = lockout_params(cfg);
    if (lo->failures < UINT8_MAX) {
        lo->failures++;
    }
    if (lo->failures < p.max_failures) {
        return false;
    }
    if (lo->level < MSDK_COSEM_LOCKOUT_LEVEL_MAX) {
        lo->level++;
    }
    lo->failures = 0u;
    lo->until_ms = lockout_deadline(now_ms, lockout_duration(&p, lo->level));
    return true;
}

void msdk_cosem_lockout_success(msdk_cosem_lockout_t *lo)
{
    if (lo == NULL) {
        return;
    }
    lo->failures = 0u;
    lo->level = 0u;
}

void msdk_cosem_lockout_save(const msdk_cosem_lockout_t *lo, uint64_t now_ms,
                             msdk_cosem_lockout_record_t *rec)
{
    if ((lo == NULL) || (rec == NULL)) {
        return;
    }
    uint64_t left = msdk_cosem_lockout_remaining_ms(lo, now_ms);
    rec->remaining_ms = (left > UINT32_MAX) ? UINT32_MAX : (uint32_t)left;
    rec->failures = lo->failures;
    rec->level = lo->level;
}

msdk_err_t msdk_cosem_lockout_load(msdk_cosem_lockout_t *lo, const msdk_cosem_lockout_config_t *cfg,
                                   uint64_t now_ms, const msdk_cosem_lockout_record_t *rec)
{
    if ((lo == NULL) || (rec == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* A level beyond the maximum, or a pending lockout that no lockout started. */
    if ((rec->level > MSDK_COSEM_LOCKOUT_LEVEL_MAX) ||
        ((rec->remaining_ms != 0u) && (rec->level == 0u))) {
        return MSDK_ERR_CORRUPT;
    }
    lockout_params_t p = lockout_params(cfg);
    uint8_t failures = rec->failures;
    if (failures >= p.max_failures) {
        failures = (uint8_t)(p.max_failures - 1u);
    }
    uint32_t left = (rec->remaining_ms > p.cap_ms) ? p.cap_ms : rec->remaining_ms;
    lo->until_ms = (left != 0u) ? lockout_deadline(now_ms, left) : 0u;
    lo->failures = failures;
    lo->level = rec->level;
    return MSDK_OK;
}
