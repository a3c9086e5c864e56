/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Event logs of a meter over the circular log (msdk/eventlog/events.h).
 *
 * Each of the six logs is a msdk/eventlog/log.h log with a 12-byte payload (little-endian):
 * code u16 | index u8 | flags u8 | value i64, and the log_id 0x4500 + its number
 * (::msdk_evlog_log_id_t). The record's timestamp is the event's time, kept non-decreasing
 * per log: an event older than the log's newest entry is stored with the newest time and
 * MSDK_EVLOG_FLAG_TIME_ADJUSTED, so the log layer's time search stays exact. The newest time
 * is taken from the flash (the last valid entry) at the first record after a mount, then
 * kept in RAM.
 *
 * The power-fail path: after every append but a power down's, record() calls
 * msdk_evlog_log_prepare() on the event's log and on the power-down log, so a power down
 * recorded next is one page program, never an erase; the power down itself leaves the
 * reclaim to the next record (the power-fail path must not erase). A failed prepare does not
 * fail the record (the event is stored; an error would invite the caller to record it twice):
 * the log layer leaves that log unmounted (msdk_evlog_events_log() answers NULL, reads
 * answer MSDK_ERR_STATE) and the next record to it mounts it again, once per call.
 *
 * The power failure log (1.0.99.97.0.255) shows time and duration only in its COSEM profile:
 * the code stored with its entries is the kind's code of the profile (1 in IDIS), which
 * tells its entries apart from any other kind a profile sends there.
 *
 * No heap, no globals but the const IDIS table.
 */
#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/eventlog/events.h"

MSDK_STATIC_ASSERT(MSDK_EVLOG_EVENT_PAYLOAD <= MSDK_EVLOG_PAYLOAD_MAX, "payload fits a record");

/* Payload layout. */
#define EV_CODE  0u
#define EV_INDEX 2u
#define EV_FLAGS 3u
#define EV_VALUE 4u

MSDK_STATIC_ASSERT(MSDK_EVLOG_EVENT_PAYLOAD == EV_VALUE + 8u, "event payload layout");

/* log_id of log n in its sector headers: 0x4500 + n ("E" and the log number). */
#define EV_LOG_ID_BASE 0x4500u

/* The IDIS numbering (../shared/design/EVENTS.md): { log, stride, base }. */
const msdk_evlog_numbering_t msdk_evlog_numbering_idis = {
    .name = "IDIS",
    .codes = {
        /* Standard event log 0.0.99.98.0.255. */
        [MSDK_EVK_POWER_DOWN] = { MSDK_EVLOG_STANDARD, 0u, 1u },
        [MSDK_EVK_POWER_UP] = { MSDK_EVLOG_STANDARD, 0u, 2u },
        [MSDK_EVK_DST_CHANGED] = { MSDK_EVLOG_STANDARD, 0u, 3u },
        [MSDK_EVK_CLOCK_ADJUSTED_OLD] = { MSDK_EVLOG_STANDARD, 0u, 4u },
        [MSDK_EVK_CLOCK_ADJUSTED_NEW] = { MSDK_EVLOG_STANDARD, 0u, 5u },
        [MSDK_EVK_CLOCK_INVALID] = { MSDK_EVLOG_STANDARD, 0u, 6u },
        [MSDK_EVK_BATTERY_REPLACE] = { MSDK_EVLOG_STANDARD, 0u, 7u },
        [MSDK_EVK_BATTERY_LOW] = { MSDK_EVLOG_STANDARD, 0u, 8u },
        [MSDK_EVK_TOU_ACTIVATED] = { MSDK_EVLOG_STANDARD, 0u, 9u },
        [MSDK_EVK_ERROR_REGISTER_CLEARED] = { MSDK_EVLOG_STANDARD, 0u, 10u },
        [MSDK_EVK_ALARM_REGISTER_CLEARED] = { MSDK_EVLOG_STANDARD, 0u, 11u },
        [MSDK_EVK_PROGRAM_MEMORY_ERROR] = { MSDK_EVLOG_STANDARD, 0u, 12u },
        [MSDK_EVK_RAM_ERROR] = { MSDK_EVLOG_STANDARD, 0u, 13u },
        [MSDK_EVK_NVM_ERROR] = { MSDK_EVLOG_STANDARD, 0u, 14u },
        [MSDK_EVK_WATCHDOG_ERROR] = { MSDK_EVLOG_STANDARD, 0u, 15u },
        [MSDK_EVK_MEASUREMENT_ERROR] = { MSDK_EVLOG_STANDARD, 0u, 16u },
        [MSDK_EVK_FIRMWARE_READY] = { MSDK_EVLOG_STANDARD, 0u, 17u },
        [MSDK_EVK_FIRMWARE_ACTIVATED] = { MSDK_EVLOG_STANDARD, 0u, 18u },
        [MSDK_EVK_PASSIVE_TOU_PROGRAMMED] = { MSDK_EVLOG_STANDARD, 0u, 19u },
        [MSDK_EVK_PARAMETERS_CHANGED] = { MSDK_EVLOG_STANDARD, 0u, 47u },
        [MSDK_EVK_KEYS_CHANGED] = { MSDK_EVLOG_STANDARD, 0u, 48u },
        [MSDK_EVK_FIRMWARE_VERIFY_FAILED] = { MSDK_EVLOG_STANDARD, 0u, 51u },
        [MSDK_EVK_PHASE_SEQUENCE_REVERSAL] = { MSDK_EVLOG_STANDARD, 0u, 88u },
        [MSDK_EVK_MISSING_NEUTRAL] = { MSDK_EVLOG_STANDARD, 0u, 89u },
        [MSDK_EVK_LOAD_PROFILE_CLEARED] = { MSDK_EVLOG_STANDARD, 0u, 254u },
        /* Fraud detection log 0.0.99.98.1.255. */
        [MSDK_EVK_TERMINAL_COVER_OPENED] = { MSDK_EVLOG_FRAUD, 0u, 40u },
        [MSDK_EVK_TERMINAL_COVER_CLOSED] = { MSDK_EVLOG_FRAUD, 0u, 41u },
        [MSDK_EVK_MAGNETIC_FIELD] = { MSDK_EVLOG_FRAUD, 0u, 42u },
        [MSDK_EVK_MAGNETIC_FIELD_GONE] = { MSDK_EVLOG_FRAUD, 0u, 43u },
        [MSDK_EVK_METER_COVER_OPENED] = { MSDK_EVLOG_FRAUD, 0u, 44u },
        [MSDK_EVK_METER_COVER_CLOSED] = { MSDK_EVLOG_FRAUD, 0u, 45u },
        [MSDK_EVK_AUTH_FAILURE] = { MSDK_EVLOG_FRAUD, 0u, 46u },
        [MSDK_EVK_DECRYPT_FAILURE] = { MSDK_EVLOG_FRAUD, 0u, 49u },
        [MSDK_EVK_REPLAY_ATTACK] = { MSDK_EVLOG_FRAUD, 0u, 50u },
        /* Disconnector control log 0.0.99.98.2.255. */
        [MSDK_EVK_READY_FOR_RECONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 59u },
        [MSDK_EVK_MANUAL_DISCONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 60u },
        [MSDK_EVK_MANUAL_CONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 61u },
        [MSDK_EVK_REMOTE_DISCONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 62u },
        [MSDK_EVK_REMOTE_CONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 63u },
        [MSDK_EVK_LOCAL_DISCONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 64u },
        [MSDK_EVK_LIMITER_EXCEEDED] = { MSDK_EVLOG_DISCONNECTOR, 0u, 65u },
        [MSDK_EVK_LIMITER_OK] = { MSDK_EVLOG_DISCONNECTOR, 0u, 66u },
        [MSDK_EVK_LIMITER_CHANGED] = { MSDK_EVLOG_DISCONNECTOR, 0u, 67u },
        [MSDK_EVK_DISCONNECT_FAILURE] = { MSDK_EVLOG_DISCONNECTOR, 0u, 68u },
        [MSDK_EVK_LOCAL_RECONNECTION] = { MSDK_EVLOG_DISCONNECTOR, 0u, 69u },
        /* M-Bus event log 0.0.99.98.3.255: channel n at 100 + 10 (n - 1). */
        [MSDK_EVK_MBUS_COMM_ERROR] = { MSDK_EVLOG_MBUS, 10u, 100u },
        [MSDK_EVK_MBUS_COMM_OK] = { MSDK_EVLOG_MBUS, 10u, 101u },
        [MSDK_EVK_MBUS_BATTERY] = { MSDK_EVLOG_MBUS, 10u, 102u },
        [MSDK_EVK_MBUS_FRAUD] = { MSDK_EVLOG_MBUS, 10u, 103u },
        [MSDK_EVK_MBUS_CLOCK_ADJUSTED] = { MSDK_EVLOG_MBUS, 10u, 104u },
        /* Power quality log 0.0.99.98.4.255: L1..L3 consecutive. */
        [MSDK_EVK_UNDERVOLTAGE] = { MSDK_EVLOG_POWER_QUALITY, 1u, 76u },
        [MSDK_EVK_OVERVOLTAGE] = { MSDK_EVLOG_POWER_QUALITY, 1u, 79u },
        [MSDK_EVK_MISSING_VOLTAGE] = { MSDK_EVLOG_POWER_QUALITY, 1u, 82u },
        [MSDK_EVK_VOLTAGE_NORMAL] = { MSDK_EVLOG_POWER_QUALITY, 1u, 85u },
        /* Power failure log 1.0.99.97.0.255 (the code is the entry's kind: see above). */
        [MSDK_EVK_LONG_POWER_FAILURE] = { MSDK_EVLOG_POWER_FAILURE, 0u, 1u },
    },
};

/* Highest phase or channel a kind takes (0: none). */
static uint8_t kind_index_max(msdk_evlog_kind_t kind)
{
    if ((kind >= MSDK_EVK_MBUS_COMM_ERROR) && (kind <= MSDK_EVK_MBUS_CLOCK_ADJUSTED)) {
        return 4u;
    }
    if ((kind >= MSDK_EVK_UNDERVOLTAGE) && (kind <= MSDK_EVK_VOLTAGE_NORMAL)) {
        return 3u;
    }
    return 0u;
}

/* A profile is usable when every kind it logs goes to a log that exists, takes a stride only
 * when it takes an index, and keeps every code within 16 bits. */
static bool profile_is_valid(const msdk_evlog_numbering_t *profile)
{
    for (uint32_t k = 0; k < (uint32_t)MSDK_EVK_KINDS; k++) {
        const msdk_evlog_code_t *c = &profile->codes[k];
        if (c->base == 0u) {
            continue;
        }
        const uint8_t max = kind_index_max((msdk_evlog_kind_t)k);
        if ((c->log >= (uint8_t)MSDK_EVLOG_LOGS) || ((max == 0u) && (c->stride != 0u))) {
            return false;
        }
        uint32_t top = (uint32_t)c->base + ((max == 0u) ? 0u : (uint32_t)c->stride * (max - 1u));
        if (top > UINT16_MAX) {
            return false;
        }
    }
    return true;
}

/* Whether log i can be used now (mounted at start and not left unmounted by an error). */
static bool log_is_usable(const msdk_evlog_events_t *ev, uint8_t i)
{
    return ev->mounted[i] && ev->log[i].mounted;
}

/* ---- Mount ------------------------------------------------------------------------------ */

msdk_err_t msdk_evlog_events_mount(msdk_evlog_events_t *ev, const msdk_evlog_events_config_t *cfg)
{
    if (ev == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(ev, 0, sizeof(*ev));
    if ((cfg == NULL) || (cfg->nvm == NULL)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const msdk_evlog_numbering_t *profile =
        (cfg->profile != NULL) ? cfg->profile : &msdk_evlog_numbering_idis;
    if (!profile_is_valid(profile)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_evlog_log_config_t lc[MSDK_EVLOG_LOGS];
    for (uint32_t i = 0; i < (uint32_t)MSDK_EVLOG_LOGS; i++) {
        lc[i].nvm = cfg->nvm;
        lc[i].base = cfg->base[i];
        lc[i].sectors = cfg->sectors[i];
        lc[i].payload_len = (uint16_t)MSDK_EVLOG_EVENT_PAYLOAD;
        lc[i].log_id = (uint16_t)(EV_LOG_ID_BASE + i);
        if (msdk_evlog_log_capacity(&lc[i]) == 0u) {
            return MSDK_ERR_INVALID_ARG; /* refused by the log layer */
        }
    }
    /* Valid configurations lie inside the region: the ends fit 64 bits. */
    const uint64_t sector = cfg->nvm->geo.sector_size;
    for (uint32_t i = 0; i < (uint32_t)MSDK_EVLOG_LOGS; i++) {
        const uint64_t a0 = cfg->base[i];
        const uint64_t a1 = a0 + (uint64_t)cfg->sectors[i] * sector;
        for (uint32_t j = i + 1u; j < (uint32_t)MSDK_EVLOG_LOGS; j++) {
            const uint64_t b0 = cfg->base[j];
            const uint64_t b1 = b0 + (uint64_t)cfg->sectors[j] * sector;
            if ((a0 < b1) && (b0 < a1)) {
                return MSDK_ERR_INVALID_ARG;
            }
        }
    }
    ev->profile = profile;
    msdk_err_t first = MSDK_OK;
    for (uint32_t i = 0; i < (uint32_t)MSDK_EVLOG_LOGS; i++) {
        msdk_err_t err = msdk_evlog_log_mount(&ev->log[i], &lc[i]);
        ev->mounted[i] = (err == MSDK_OK);
        if ((err != MSDK_OK) && (first == MSDK_OK)) {
            first = err;
        }
    }
    return first;
}

/* ---- Payload ------------------------------------------------------------------------------ */

static void payload_encode(uint8_t *p, uint16_t code, uint8_t index, uint8_t flags, int64_t value)
{
    msdk_store_u16le(&p[EV_CODE], code);
    p[EV_INDEX] = index;
    p[EV_FLAGS] = flags;
    msdk_store_i64le(&p[EV_VALUE], value);
}

static void event_decode(const msdk_evlog_record_t *rec, msdk_evlog_event_t *out)
{
    out->seq = rec->seq;
    out->time = rec->time;
    out->code = msdk_load_u16le(&rec->payload[EV_CODE]);
    out->index = rec->payload[EV_INDEX];
    out->flags = rec->payload[EV_FLAGS];
    out->value = msdk_load_i64le(&rec->payload[EV_VALUE]);
}

/* The newest valid entry of a mounted log, stepping back over gaps; MSDK_ERR_NOT_FOUND when
 * there is none. */
static msdk_err_t newest_entry(const msdk_evlog_log_t *log, msdk_evlog_record_t *rec)
{
    const uint32_t n = msdk_evlog_log_count(log);
    uint32_t seq = msdk_evlog_log_last(log);
    for (uint32_t i = 0; i < n; i++, seq--) {
        msdk_err_t err = msdk_evlog_log_read(log, seq, rec);
        if (err != MSDK_ERR_NOT_FOUND) {
            return err;
        }
    }
    return MSDK_ERR_NOT_FOUND;
}

/* ---- Record ------------------------------------------------------------------------------- */

/* Makes log i usable: an NVM error in an earlier append or prepare left it unmounted in the
 * log layer (MSDK_ERR_STATE there); mount it again from the flash, once, and learn its newest
 * time again. */
static msdk_err_t log_ready(msdk_evlog_events_t *ev, uint8_t i)
{
    if (!ev->mounted[i]) {
        return MSDK_ERR_STATE; /* its first mount failed */
    }
    msdk_evlog_log_t *log = &ev->log[i];
    if (!log->mounted) {
        const msdk_evlog_log_config_t cfg = log->cfg; /* mount clears the log first */
        ev->newest_known[i] = false;
        msdk_err_t err = msdk_evlog_log_mount(log, &cfg);
        if (err != MSDK_OK) {
            return err;
        }
    }
    if (!ev->newest_known[i]) {
        msdk_evlog_record_t rec;
        msdk_err_t err = newest_entry(log, &rec);
        if (err == MSDK_OK) {
            ev->newest[i] = rec.time;
        } else if (err == MSDK_ERR_NOT_FOUND) {
            ev->newest[i] = INT64_MIN;
        } else {
            return err;
        }
        ev->newest_known[i] = true;
    }
    return MSDK_OK;
}

/* Makes the next append of a log program-only; a failure leaves it unmounted in the log
 * layer (not reported: see msdk_evlog_events_record()). */
static void reclaim_ahead(msdk_evlog_log_t *log)
{
    msdk_err_t err = msdk_evlog_log_prepare(log);
    if (err != MSDK_OK) {
        /* The next record to this log mounts it again (log_ready()). */
    }
}

msdk_err_t msdk_evlog_events_record(msdk_evlog_events_t *ev, msdk_evlog_kind_t kind, uint8_t index,
                                    int64_t time, int64_t value)
{
    if ((ev == NULL) || (ev->profile == NULL) || ((unsigned)kind >= (unsigned)MSDK_EVK_KINDS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const uint8_t max = kind_index_max(kind);
    if ((index > max) || ((max != 0u) && (index == 0u))) {
        return MSDK_ERR_INVALID_ARG;
    }
    const msdk_evlog_code_t *c = &ev->profile->codes[kind];
    if (c->base == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const uint8_t i = c->log; /* < MSDK_EVLOG_LOGS: checked at mount */
    /* Fits 16 bits: checked at mount. */
    const uint16_t code =
        (uint16_t)(c->base + ((index == 0u) ? 0u : (uint32_t)c->stride * (index - 1u)));

    msdk_err_t err = log_ready(ev, i);
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t flags = 0u;
    int64_t stamp = time;
    if (time < ev->newest[i]) {
        stamp = ev->newest[i];
        flags = (uint8_t)MSDK_EVLOG_FLAG_TIME_ADJUSTED;
    }
    uint8_t payload[MSDK_EVLOG_EVENT_PAYLOAD];
    payload_encode(payload, code, index, flags, value);
    err = msdk_evlog_log_append(&ev->log[i], stamp, payload, NULL);
    if (err != MSDK_OK) {
        /* The record may still have landed whole: learn the newest time from the flash. */
        ev->newest_known[i] = false;
        return err;
    }
    ev->newest[i] = stamp;
    if (kind != MSDK_EVK_POWER_DOWN) {
        /* A free slot for a power down, and for the next event of this log. A failure is
         * not the record's: the log layer leaves the log unmounted, the next record to it
         * mounts it again. */
        const msdk_evlog_code_t *pd = &ev->profile->codes[MSDK_EVK_POWER_DOWN];
        reclaim_ahead(&ev->log[i]);
        if ((pd->base != 0u) && (pd->log != i) && log_is_usable(ev, pd->log)) {
            reclaim_ahead(&ev->log[pd->log]);
        }
    }
    return MSDK_OK;
}

/* ---- Reading ------------------------------------------------------------------------------ */

msdk_err_t msdk_evlog_events_read(const msdk_evlog_events_t *ev, uint8_t log, uint32_t seq,
                                  msdk_evlog_event_t *out)
{
    if ((ev == NULL) || (out == NULL) || (log >= (uint8_t)MSDK_EVLOG_LOGS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log_is_usable(ev, log)) {
        return MSDK_ERR_STATE;
    }
    msdk_evlog_record_t rec;
    msdk_err_t err = msdk_evlog_log_read(&ev->log[log], seq, &rec);
    if (err != MSDK_OK) {
        return err;
    }
    event_decode(&rec, out);
    return MSDK_OK;
}

const msdk_evlog_log_t *msdk_evlog_events_log(const msdk_evlog_events_t *ev, uint8_t log)
{
    if ((ev == NULL) || (log >= (uint8_t)MSDK_EVLOG_LOGS) || !log_is_usable(ev, log)) {
        return NULL;
    }
    return &ev->log[log];
}

uint32_t msdk_evlog_events_total(const msdk_evlog_events_t *ev, uint8_t log)
{
    const msdk_evlog_log_t *l = msdk_evlog_events_log(ev, log);
    if (l == NULL) {
        return 0u;
    }
    /* The first entry of a new log is 0 and numbers are never reset: last + 1, the number
     * the next entry gets. That is 0 for a log never written (last is then UINT32_MAX), and
     * it never goes back, not even when a power cut tore the only entry of a log (an empty
     * log then, whose count of entries is 0 but whose next number is not). */
    return msdk_evlog_log_last(l) + 1u;
}

msdk_err_t msdk_evlog_events_last_code(const msdk_evlog_events_t *ev, uint8_t log, uint16_t *code)
{
    if ((ev == NULL) || (code == NULL) || (log >= (uint8_t)MSDK_EVLOG_LOGS)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!log_is_usable(ev, log)) {
        return MSDK_ERR_STATE;
    }
    msdk_evlog_record_t rec;
    msdk_err_t err = newest_entry(&ev->log[log], &rec);
    if (err == MSDK_ERR_NOT_FOUND) {
        *code = 0u; /* empty, or only gaps */
        return MSDK_OK;
    }
    if (err != MSDK_OK) {
        return err;
    }
    *code = msdk_load_u16le(&rec.payload[EV_CODE]);
    return MSDK_OK;
}

uint32_t msdk_evlog_events_damage(const msdk_evlog_events_t *ev)
{
    if (ev == NULL) {
        return 0u;
    }
    uint32_t sum = 0u;
    for (uint32_t i = 0; i < (uint32_t)MSDK_EVLOG_LOGS; i++) {
        sum += msdk_evlog_log_damage(&ev->log[i]);
    }
    return sum;
}
