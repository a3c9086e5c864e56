/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Capture engine of profiles (load profile, power quality, daily and monthly billing):
 *        rows of channel values taken at clock-aligned period boundaries, or on demand, into
 *        a power-fail-safe circular log.
 *
 * The application names the channels (any values: energy registers, averages, M-Bus values)
 * and reads them through a callback; the engine decides when to capture and what status a
 * row carries, and stores each row as one record of a circular log (msdk/eventlog/log.h):
 * timestamp = the period boundary or the time of an on-demand capture (seconds, UTC),
 * payload = the AMR status byte then the channels as 64-bit little-endian values
 * (docs/nvm-format.md, "Profiles"). The rows are the log's entries: FIFO, oldest first,
 * read and searched by time with the log's functions (the profile's COSEM buffer, entries in
 * use = msdk_evlog_log_count()); their times never decrease.
 *
 * When to capture periodically (msdk_evlog_profile_poll(), called often enough, e.g. every
 * second):
 * - at each boundary of the capture period, aligned to the clock (UTC midnight + k x
 *   period): a period of 1..3600 s dividing 86400, so that boundaries fall on the same times
 *   every day (60, 300, 600, 900, 1800, 3600 and the like), or 86400 (daily: one row at each
 *   UTC midnight);
 * - a boundary is captured once: a periodic row never carries a time at or before the newest
 *   row's (the clock set back waits until it passes the newest row again: no duplicate
 *   times);
 * - the clock set forward over several boundaries: one row, at the newest boundary passed,
 *   with ::MSDK_EVLOG_AMR_CLOCK_ADJUSTED (no row for the skipped ones);
 * - every mount is a start after a power down: the period it falls in gets
 *   ::MSDK_EVLOG_AMR_POWER_DOWN; when boundaries passed while the meter was off, the first
 *   poll takes one row at the newest boundary passed (no row for the others), with
 *   ::MSDK_EVLOG_AMR_POWER_DOWN, and the next row has it too (its period began before the
 *   start).
 * The same rules hold for every period, a day included.
 *
 * On demand (msdk_evlog_profile_capture(), the COSEM Profile generic method "capture"; a
 * profile of period 0 is captured only so, e.g. the monthly billing profile the application
 * captures at the start of each month): one row now, with the pending status bits (those of
 * msdk_evlog_profile_mark(), ::MSDK_EVLOG_AMR_POWER_DOWN after a mount) and the caller's.
 * Its time is the clock, or the newest row's time when the clock is older (set back), and
 * then the row carries ::MSDK_EVLOG_AMR_CLOCK_ADJUSTED: times stay in order, on-demand rows
 * may share a time with the row before them. With a period, a boundary due is taken first
 * (as the poll would), the pending bits stay for the period's own row, and the next boundary
 * after the on-demand row is taken once, as if there were none.
 *
 * Status bits also come from the caller (clock invalid, DST active, data not valid).
 * msdk_evlog_profile_clear() empties the profile (the COSEM method "reset").
 */
#ifndef MSDK_EVENTLOG_PROFILE_H
#define MSDK_EVENTLOG_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/eventlog/log.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Most channels of a profile. */
#define MSDK_EVLOG_PROFILE_CHANNELS_MAX 24u

/** @brief AMR profile status bits (IDIS / DSMR), the first byte of a row. */
typedef enum msdk_evlog_amr_bit {
    MSDK_EVLOG_AMR_CRITICAL_ERROR = 0x01u, /**< Critical error. */
    MSDK_EVLOG_AMR_CLOCK_INVALID = 0x02u,  /**< Clock invalid. */
    MSDK_EVLOG_AMR_DATA_NOT_VALID = 0x04u, /**< Data not valid. */
    MSDK_EVLOG_AMR_DST = 0x08u,            /**< Daylight saving active. */
    MSDK_EVLOG_AMR_CLOCK_ADJUSTED = 0x20u, /**< Clock adjusted during the period. */
    MSDK_EVLOG_AMR_POWER_DOWN = 0x80u,     /**< Power down during the period. */
} msdk_evlog_amr_bit_t;

/**
 * @brief Reads the channels for a row.
 * @param[in]  ctx    msdk_evlog_profile_config_t::ctx.
 * @param[out] values One value per channel.
 * @param[in]  n      Channels.
 * @return MSDK_OK; anything else and the row is taken with ::MSDK_EVLOG_AMR_DATA_NOT_VALID
 *         and zero values.
 */
typedef msdk_err_t (*msdk_evlog_profile_read_fn)(void *ctx, int64_t *values, uint8_t n);

/** @brief A profile. */
typedef struct msdk_evlog_profile_config {
    msdk_evlog_log_config_t log;     /**< Its log (payload_len is set by the engine: 1 + 8 x
                                          channels). */
    uint32_t period_s;               /**< Capture period in seconds: 1..3600 dividing 86400,
                                          86400 (daily), or 0 (captured on demand only). */
    uint8_t channels;                /**< 1..::MSDK_EVLOG_PROFILE_CHANNELS_MAX. */
    msdk_evlog_profile_read_fn read; /**< The channels' values. */
    void *ctx;                       /**< Passed to @c read. */
} msdk_evlog_profile_config_t;

/** @brief A profile's state (caller-owned; opaque). */
typedef struct msdk_evlog_profile {
    msdk_evlog_log_t log;            /**< @private */
    msdk_evlog_profile_config_t cfg; /**< @private */
    int64_t newest;                  /**< @private Time of the newest row (INT64_MIN: none). */
    uint8_t pending;                 /**< @private Status bits for the next row. */
    bool started;                    /**< @private The first poll after start is done. */
    bool mounted;                    /**< @private msdk_evlog_profile_mount() succeeded. */
    bool newest_known;               /**< @private @c newest is read from the flash. */
} msdk_evlog_profile_t;

/** @brief One row read back. */
typedef struct msdk_evlog_row {
    uint32_t seq;                                    /**< Its sequence number in the log. */
    int64_t time;                                    /**< The period boundary. */
    uint8_t status;                                  /**< AMR status bits. */
    int64_t values[MSDK_EVLOG_PROFILE_CHANNELS_MAX]; /**< Channels. */
} msdk_evlog_row_t;

/**
 * @brief Mounts a profile's log (recovering after any interruption).
 * @param[out] p   State.
 * @param[in]  cfg Configuration (copied).
 * @retval MSDK_OK              Mounted.
 * @retval MSDK_ERR_INVALID_ARG NULL, a period other than 0, 86400 or 1..3600 dividing
 *                              86400, channels out of range, no @c read, or a log
 *                              configuration the log layer refuses.
 * @return Otherwise the log's error.
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_mount(msdk_evlog_profile_t *p,
                                                   const msdk_evlog_profile_config_t *cfg);

/**
 * @brief Mounts a profile again while the meter runs (a new configuration, e.g. another
 *        period, or a log to read again after an error): as msdk_evlog_profile_mount(), but
 *        not a start: the next row gets no ::MSDK_EVLOG_AMR_POWER_DOWN from it, and the
 *        status bits already marked for the period being recorded (msdk_evlog_profile_mark())
 *        are kept.
 * @param[in,out] p   State (mounted before, or not).
 * @param[in]     cfg Configuration (copied).
 * @return As msdk_evlog_profile_mount().
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_remount(msdk_evlog_profile_t *p,
                                                     const msdk_evlog_profile_config_t *cfg);

/**
 * @brief Captures a row when a boundary has passed (see the file description); nothing for a
 *        profile of period 0.
 * @param[in,out] p      Mounted profile.
 * @param[in]     now    The clock (seconds, UTC).
 * @param[in]     status Status bits of the clock and the data now (::MSDK_EVLOG_AMR_CLOCK_INVALID,
 *                       ::MSDK_EVLOG_AMR_DST, ...), OR-ed into the row.
 * @param[out]    taken  Whether a row was taken, or NULL.
 * @retval MSDK_OK              Nothing due, or the row stored.
 * @retval MSDK_ERR_INVALID_ARG NULL @p p.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @return Otherwise the log's error (the boundary is tried again at the next poll).
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_poll(msdk_evlog_profile_t *p, int64_t now,
                                                  uint8_t status, bool *taken);

/**
 * @brief Captures a row now (on demand: the COSEM Profile generic method "capture"; see the
 *        file description).
 *
 * With a period, a boundary due is taken first, as msdk_evlog_profile_poll() would take it
 * (with @p status), so that the on-demand row follows it. The on-demand row gets the pending
 * bits and @p status; its time is @p now, or the newest row's time with
 * ::MSDK_EVLOG_AMR_CLOCK_ADJUSTED when @p now is older. A profile of period 0 clears its
 * pending bits with the row; with a period they stay for the period's row.
 * @param[in,out] p      Mounted profile.
 * @param[in]     now    The clock (seconds, UTC).
 * @param[in]     status Status bits of the clock and the data now, OR-ed into the row (and
 *                       into a periodic row taken first).
 * @param[out]    taken  Whether the on-demand row was stored, or NULL (true whenever the call
 *                       answers MSDK_OK).
 * @retval MSDK_OK              The row stored.
 * @retval MSDK_ERR_INVALID_ARG NULL @p p.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @return Otherwise the log's error: the row, or the periodic row before it, was not
 *         acknowledged (it may have landed, which the profile learns from the flash at its
 *         next call); or the periodic row was stored, its reclaim ahead failed and mounting
 *         the log again failed too (the mount's error; the on-demand row was not stored).
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_capture(msdk_evlog_profile_t *p, int64_t now,
                                                     uint8_t status, bool *taken);

/**
 * @brief Clears the profile's rows (the COSEM Profile generic method "reset"): the log's
 *        msdk_evlog_log_clear(), numbering going on after the old rows.
 *
 * The time of the newest row stays in RAM: until the next msdk_evlog_profile_mount(), no
 * periodic row is taken for a boundary at or before it, and an on-demand row is not older.
 * A power cut during the clear leaves the old rows (less the oldest sector's, or two
 * sectors', when the log was full: FIFO eviction, as a reclaim does) or none, never a part
 * of them; erases a cut left pending are done by the next row or clear
 * (msdk_evlog_log_clear()).
 * @param[in,out] p Mounted profile.
 * @retval MSDK_OK              Cleared.
 * @retval MSDK_ERR_INVALID_ARG NULL @p p.
 * @retval MSDK_ERR_STATE       Not mounted.
 * @return Otherwise the log's error (the log is mounted again at the next call: the old rows
 *         or none, as after a power cut; clear again).
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_clear(msdk_evlog_profile_t *p);

/**
 * @brief Marks the period being recorded: its row gets these status bits too (e.g.
 *        ::MSDK_EVLOG_AMR_CLOCK_ADJUSTED when the clock is set).
 * @param[in,out] p    Mounted profile.
 * @param[in]     bits AMR bits.
 */
void msdk_evlog_profile_mark(msdk_evlog_profile_t *p, uint8_t bits);

/**
 * @brief Reads row @p seq (msdk_evlog_log_first()..last of msdk_evlog_profile_log()).
 * @param[in]  p   Mounted profile.
 * @param[in]  seq Sequence number.
 * @param[out] row The row.
 * @retval MSDK_OK            Read.
 * @retval MSDK_ERR_NOT_FOUND No such row (outside, or a gap).
 * @return Otherwise as msdk_evlog_log_read().
 */
MSDK_NODISCARD msdk_err_t msdk_evlog_profile_read(const msdk_evlog_profile_t *p, uint32_t seq,
                                                  msdk_evlog_row_t *row);

/**
 * @brief The profile's log (counts, first/last, time search, msdk_evlog_log_damage()).
 * @param[in] p Mounted profile.
 * @return The log.
 */
const msdk_evlog_log_t *msdk_evlog_profile_log(const msdk_evlog_profile_t *p);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_EVENTLOG_PROFILE_H */
