/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Event logs of a meter: the event kinds, their numbering by profile (IDIS by
 *        default), and the logs they go to, each a power-fail-safe circular log.
 *
 * The application reports what happened as an ::msdk_evlog_kind_t, with a phase or M-Bus
 * channel where the kind needs one, and a value (the old or new time of a clock adjustment,
 * the duration of a long power failure, a count). A profile (::msdk_evlog_numbering_t, a
 * `const` table) gives each kind its log and its code; ::msdk_evlog_numbering_idis is the
 * numbering of ../shared/design/EVENTS.md (IDIS), a DSMR meter supplies its own table. A
 * kind the profile has no code for is not logged (MSDK_ERR_NOT_SUPPORTED).
 *
 * Logs: standard, fraud detection, disconnector control, M-Bus, power quality and power
 * failure (the COSEM objects 0.0.99.98.0..4.255 and 1.0.99.97.0.255 with the IDIS profile).
 * An entry is its timestamp (the caller's clock, seconds; kept non-decreasing: an entry older
 * than the log's newest is stored with the newest time and the ::MSDK_EVLOG_FLAG_TIME_ADJUSTED
 * flag, so a range search stays exact), its code, its phase or channel and its value. Each
 * log counts its entries since it was created (never reset by wrapping: the sequence numbers
 * of msdk/eventlog/log.h) and knows its last event. msdk_evlog_events_damage() reports what
 * the mounts found damaged (for the "NVM error" event, ::MSDK_EVK_NVM_ERROR).
 */
#ifndef MSDK_EVENTLOG_EVENTS_H
#define MSDK_EVENTLOG_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/eventlog/log.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The logs. */
typedef enum msdk_evlog_log_id {
    MSDK_EVLOG_STANDARD = 0,      /**< Standard event log. */
    MSDK_EVLOG_FRAUD = 1,         /**< Fraud detection log. */
    MSDK_EVLOG_DISCONNECTOR = 2,  /**< Disconnector control log. */
    MSDK_EVLOG_MBUS = 3,          /**< M-Bus event log. */
    MSDK_EVLOG_POWER_QUALITY = 4, /**< Power quality log. */
    MSDK_EVLOG_POWER_FAILURE = 5, /**< Long power failure log. */
    MSDK_EVLOG_LOGS = 6           /**< Number of logs. */
} msdk_evlog_log_id_t;

/** @brief What happened (profile-independent). Per-phase kinds take phase 1..3, M-Bus kinds
 *         channel 1..4. */
typedef enum msdk_evlog_kind {
    MSDK_EVK_POWER_DOWN = 0,          /**< Power down. */
    MSDK_EVK_POWER_UP,                /**< Power up. */
    MSDK_EVK_DST_CHANGED,             /**< Daylight saving enabled or disabled. */
    MSDK_EVK_CLOCK_ADJUSTED_OLD,      /**< Clock adjusted: value = the old time. */
    MSDK_EVK_CLOCK_ADJUSTED_NEW,      /**< Clock adjusted: value = the new time. */
    MSDK_EVK_CLOCK_INVALID,           /**< Clock invalid. */
    MSDK_EVK_BATTERY_REPLACE,         /**< Replace battery. */
    MSDK_EVK_BATTERY_LOW,             /**< Battery voltage low. */
    MSDK_EVK_TOU_ACTIVATED,           /**< TOU (activity calendar) activated. */
    MSDK_EVK_ERROR_REGISTER_CLEARED,  /**< Error register cleared. */
    MSDK_EVK_ALARM_REGISTER_CLEARED,  /**< Alarm register cleared. */
    MSDK_EVK_PROGRAM_MEMORY_ERROR,    /**< Program memory error. */
    MSDK_EVK_RAM_ERROR,               /**< RAM error. */
    MSDK_EVK_NVM_ERROR,               /**< Non-volatile memory error. */
    MSDK_EVK_WATCHDOG_ERROR,          /**< Watchdog reset. */
    MSDK_EVK_MEASUREMENT_ERROR,       /**< Measurement system error. */
    MSDK_EVK_FIRMWARE_READY,          /**< Firmware ready for activation. */
    MSDK_EVK_FIRMWARE_ACTIVATED,      /**< Firmware activated. */
    MSDK_EVK_PASSIVE_TOU_PROGRAMMED,  /**< Passive TOU programmed. */
    MSDK_EVK_PARAMETERS_CHANGED,      /**< One or more parameters changed. */
    MSDK_EVK_KEYS_CHANGED,            /**< Global key(s) changed. */
    MSDK_EVK_FIRMWARE_VERIFY_FAILED,  /**< Firmware verification failed. */
    MSDK_EVK_PHASE_SEQUENCE_REVERSAL, /**< Phase sequence reversal. */
    MSDK_EVK_MISSING_NEUTRAL,         /**< Missing neutral. */
    MSDK_EVK_LOAD_PROFILE_CLEARED,    /**< Load profile cleared. */
    MSDK_EVK_TERMINAL_COVER_OPENED,   /**< Terminal cover removed (also during an outage). */
    MSDK_EVK_TERMINAL_COVER_CLOSED,   /**< Terminal cover closed. */
    MSDK_EVK_MAGNETIC_FIELD,          /**< Strong DC magnetic field detected. */
    MSDK_EVK_MAGNETIC_FIELD_GONE,     /**< No strong DC magnetic field anymore. */
    MSDK_EVK_METER_COVER_OPENED,      /**< Meter cover removed. */
    MSDK_EVK_METER_COVER_CLOSED,      /**< Meter cover closed. */
    MSDK_EVK_AUTH_FAILURE,            /**< Association authentication failure: value = n. */
    MSDK_EVK_DECRYPT_FAILURE,         /**< Decryption or authentication failure: value = n. */
    MSDK_EVK_REPLAY_ATTACK,           /**< Replay attack. */
    MSDK_EVK_READY_FOR_RECONNECTION,  /**< Ready for manual reconnection. */
    MSDK_EVK_MANUAL_DISCONNECTION,    /**< Manual disconnection. */
    MSDK_EVK_MANUAL_CONNECTION,       /**< Manual connection. */
    MSDK_EVK_REMOTE_DISCONNECTION,    /**< Remote disconnection. */
    MSDK_EVK_REMOTE_CONNECTION,       /**< Remote connection. */
    MSDK_EVK_LOCAL_DISCONNECTION,     /**< Local disconnection. */
    MSDK_EVK_LIMITER_EXCEEDED,        /**< Limiter threshold exceeded. */
    MSDK_EVK_LIMITER_OK,              /**< Limiter threshold ok. */
    MSDK_EVK_LIMITER_CHANGED,         /**< Limiter threshold changed. */
    MSDK_EVK_DISCONNECT_FAILURE,      /**< Disconnect/reconnect failure. */
    MSDK_EVK_LOCAL_RECONNECTION,      /**< Local reconnection. */
    MSDK_EVK_MBUS_COMM_ERROR,         /**< M-Bus channel: communication error. */
    MSDK_EVK_MBUS_COMM_OK,            /**< M-Bus channel: communication ok. */
    MSDK_EVK_MBUS_BATTERY,            /**< M-Bus channel: replace battery. */
    MSDK_EVK_MBUS_FRAUD,              /**< M-Bus channel: fraud attempt. */
    MSDK_EVK_MBUS_CLOCK_ADJUSTED,     /**< M-Bus channel: clock adjusted. */
    MSDK_EVK_UNDERVOLTAGE,            /**< Phase: undervoltage. */
    MSDK_EVK_OVERVOLTAGE,             /**< Phase: overvoltage. */
    MSDK_EVK_MISSING_VOLTAGE,         /**< Phase: missing voltage. */
    MSDK_EVK_VOLTAGE_NORMAL,          /**< Phase: voltage normal. */
    MSDK_EVK_LONG_POWER_FAILURE,      /**< Long power failure: time = its end, value = its
                                           duration in seconds. */
    MSDK_EVK_KINDS                    /**< Number of kinds. */
} msdk_evlog_kind_t;

/** @brief An entry's flag: the event's own time was older than the log's newest entry
 *         (clock set back); the entry carries the newest time instead. */
#define MSDK_EVLOG_FLAG_TIME_ADJUSTED 0x01u

/** @brief Where one kind goes and what code it gets. */
typedef struct msdk_evlog_code {
    uint8_t log;    /**< ::msdk_evlog_log_id_t. */
    uint8_t stride; /**< Kinds with a phase/channel: code = base + stride * (index - 1)
                         (0: one code for every index); must be 0 for the other kinds. */
    uint16_t base;  /**< The code (0: the kind is not logged in this profile). */
} msdk_evlog_code_t;

/** @brief A numbering: one entry per ::msdk_evlog_kind_t. */
typedef struct msdk_evlog_numbering {
    const char *name;                        /**< "IDIS", "DSMR", ... */
    msdk_evlog_code_t codes[MSDK_EVK_KINDS]; /**< By kind. */
} msdk_evlog_numbering_t;

/** @brief The IDIS numbering (../shared/design/EVENTS.md). The power failure log's COSEM
 *         profile (1.0.99.97.0.255) shows time and duration only: the code stored with its
 *         entries (1) is the entry's kind, ::MSDK_EVK_LONG_POWER_FAILURE. */
extern const msdk_evlog_numbering_t msdk_evlog_numbering_idis;

/** @brief One entry read back. */
typedef struct msdk_evlog_event {
    uint32_t seq;  /**< Its sequence number in its log. */
    int64_t time;  /**< Timestamp (non-decreasing in the log). */
    uint16_t code; /**< The profile's code. */
    uint8_t index; /**< Phase 1..3 or channel 1..4, 0 when none. */
    uint8_t flags; /**< ::MSDK_EVLOG_FLAG_TIME_ADJUSTED. */
    int64_t value; /**< Old/new time, duration, count, or 0. */
} msdk_evlog_event_t;

/** @brief Payload bytes of an entry in its log: code u16, index u8, flags u8, value i64. */
#define MSDK_EVLOG_EVENT_PAYLOAD 12u

/** @brief Where the logs live: one range of sectors each (at least 2). */
typedef struct msdk_evlog_events_config {
    const msdk_nvm_t *nvm;                 /**< Region. */
    uint32_t base[MSDK_EVLOG_LOGS];        /**< First byte of each log (sector-aligned). */
    uint32_t sectors[MSDK_EVLOG_LOGS];     /**< Sectors of each log. */
    const msdk_evlog_numbering_t *profile; /**< Numbering (NULL: IDIS); kept by pointer, so it
                                              must outlive the mounted logs. */
} msdk_evlog_events_config_t;

/** @brief The event logs (caller-owned; opaque). */
typedef struct msdk_evlog_events {
    msdk_evlog_log_t log[MSDK_EVLOG_LOGS]; /**< @private */
    const msdk_evlog_numbering_t *profile; /**< @private */
    bool mounted[MSDK_EVLOG_LOGS];         /**< @private Its first mount succeeded. */
    int64_t newest[MSDK_EVLOG_LOGS];       /**< @private Newest stored time (INT64_MIN: none). */
    bool newest_known[MSDK_EVLOG_LOGS];    /**< @private newest[] is read from the flash. */
} msdk_evlog_events_t;

/**
 * @brief Mounts the logs (each recovers on its own after any interruption; a log that cannot
 *        be mounted stays unusable and the others work).
 *
 * Log n (::msdk_evlog_log_id_t) is a msdk/eventlog/log.h log with log_id 0x4500 + n and
 * payload ::MSDK_EVLOG_EVENT_PAYLOAD. Mounting reads and never writes (the first record
 * reclaims ahead, see msdk_evlog_events_record()).
 * @param[out] ev  State.
 * @param[in]  cfg Configuration.
 * @retval MSDK_OK              Every log mounted.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, a log configuration the log layer refuses
 *                              (ranges must not overlap: checked here), or a profile entry
 *                              with a log out of range, a code beyond 16 bits or a stride
 *                              for a kind without an index (nothing is mounted then).
 * @return Otherwise the first log's error (the others are mounted).
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_events_mount(msdk_evlog_events_t *ev,
                                                  const msdk_evlog_events_config_t *cfg);

/**
 * @brief Records an event in its log.
 *
 * The entry's time is @p time, or the log's newest time with ::MSDK_EVLOG_FLAG_TIME_ADJUSTED
 * when @p time is older. After storing it, the call reclaims ahead
 * (msdk_evlog_log_prepare()) in the event's log and in the power-down log, so that a power
 * down recorded next (from the power-fail path) is one page program, never an erase; a power
 * down itself reclaims nothing (a second power down with no other record between may need
 * an erase). A failed reclaim does not fail the call (the event is stored): the log layer
 * leaves that log unmounted (msdk_evlog_events_log() answers NULL, so
 * msdk_evlog_log_append_ready() of it is false) until the next record to it, which mounts it
 * again from the flash (once per call) before appending. The first record to a log after a
 * mount reads its newest entry (stepping back over gaps).
 * @param[in,out] ev    Mounted logs.
 * @param[in]     kind  What happened.
 * @param[in]     index Phase 1..3 or channel 1..4 for the kinds that take one, else 0.
 * @param[in]     time  When (seconds, the caller's clock).
 * @param[in]     value See ::msdk_evlog_kind_t (0 when none).
 * @retval MSDK_OK               Stored.
 * @retval MSDK_ERR_NOT_SUPPORTED The profile does not log this kind.
 * @retval MSDK_ERR_INVALID_ARG  NULL, a kind out of range, an index missing, out of range
 *                               or given to a kind that takes none.
 * @retval MSDK_ERR_STATE        Its log is not mounted (its first mount failed).
 * @return Otherwise the log's error (the mount again, the read of the newest entry or the
 *         append): the event may then be stored or not.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_events_record(msdk_evlog_events_t *ev, msdk_evlog_kind_t kind,
                                                   uint8_t index, int64_t time, int64_t value);

/**
 * @brief Reads the entry @p seq of a log.
 * @param[in]  ev  Mounted logs.
 * @param[in]  log ::msdk_evlog_log_id_t.
 * @param[in]  seq Sequence number (msdk_evlog_events_first()..last).
 * @param[out] out The entry.
 * @retval MSDK_OK              Read.
 * @retval MSDK_ERR_NOT_FOUND   No such entry (outside the log, or a gap).
 * @retval MSDK_ERR_INVALID_ARG NULL argument or a log out of range.
 * @retval MSDK_ERR_STATE       The log is not mounted (or left unmounted by an NVM error
 *                              until the next record to it).
 * @return Otherwise the log's error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_events_read(const msdk_evlog_events_t *ev, uint8_t log,
                                                 uint32_t seq, msdk_evlog_event_t *out);

/**
 * @brief The underlying circular log of one event log (for counts, first/last sequence
 *        numbers and time searches: msdk/eventlog/log.h).
 * @param[in] ev  Mounted logs.
 * @param[in] log ::msdk_evlog_log_id_t.
 * @return The log, or NULL for a log out of range or not mounted.
 */
const msdk_evlog_log_t *msdk_evlog_events_log(const msdk_evlog_events_t *ev, uint8_t log);

/**
 * @brief Events recorded in a log since it was created (wrapping does not reset it): its last
 *        sequence number + 1, the number the next entry gets (the first entry of a new log
 *        is 0). An entry a power cut tore still counts (it is a gap), so the total never
 *        goes back.
 * @param[in] ev  Mounted logs.
 * @param[in] log ::msdk_evlog_log_id_t.
 * @return The count (0 for a log never written, or unusable: see msdk_evlog_events_log()).
 */
uint32_t msdk_evlog_events_total(const msdk_evlog_events_t *ev, uint8_t log);

/**
 * @brief The code of the last event of a log (the event code objects 0.0.96.11.x.255).
 * @param[in]  ev   Mounted logs.
 * @param[in]  log  ::msdk_evlog_log_id_t.
 * @param[out] code The code of the newest entry that reads back (0 when the log is empty or
 *                  holds only gaps).
 * @retval MSDK_OK             Found (or 0).
 * @retval MSDK_ERR_INVALID_ARG NULL or a log out of range.
 * @retval MSDK_ERR_STATE      The log is not mounted.
 * @return Otherwise the log's read error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_events_last_code(const msdk_evlog_events_t *ev, uint8_t log,
                                                      uint16_t *code);

/**
 * @brief Damaged items met by the mounts of the six logs (the sum of msdk_evlog_log_damage()
 *        over them), for an "NVM error" event or an error code.
 *
 * Each log's count is that of its last mount: the one of msdk_evlog_events_mount(), or the
 * mount again after an NVM error (msdk_evlog_events_record()). 0 means a clean image; a
 * power cut during a record or an erase also shows as damage (conservative).
 * @param[in] ev The logs after msdk_evlog_events_mount().
 * @return The sum; 0 for NULL.
 */
uint32_t msdk_evlog_events_damage(const msdk_evlog_events_t *ev);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_EVENTLOG_EVENTS_H */
