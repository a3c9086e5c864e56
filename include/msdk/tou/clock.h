/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Clock operations (COSEM Clock, class 8, methods and behaviour): set time,
 *        shift_time with optional slewing, adjust_to_quarter / measuring_period / minute,
 *        preset_adjusting_time + adjust_to_preset_time, synchronisation with a daily limit,
 *        clock status after a power-down, and RTC trim learnt from synchronisations.
 *
 * @par Sans-IO
 * The engine reads and writes no clock. The application reads the RTC
 * (msdk/port/clock.h: UTC seconds and milliseconds), passes the reading to every call as
 * UTC milliseconds (`utc_s * 1000 + frac_ms`, `now_ms`), and carries out what the
 * ::msdk_tou_clock_report_t says: set the RTC, record events, apply a trim. All state is in
 * the caller's ::msdk_tou_clock_t; there is no heap and no global state.
 *
 * @par Report
 * Every operation that may change the clock fills a report (zeroed first). Its @c events
 * bits say what to do:
 * - ::MSDK_TOU_CLOCK_EV_STEP: set the RTC to @c new_ms now.
 * - ::MSDK_TOU_CLOCK_EV_ADJUSTED: record "clock adjusted" with the old time @c old_ms
 *   (IDIS event ::MSDK_TOU_CLOCK_CODE_ADJUSTED_OLD, 4) and the new time @c new_ms
 *   (::MSDK_TOU_CLOCK_CODE_ADJUSTED_NEW, 5). With ::MSDK_TOU_CLOCK_EV_SLEW the clock is not
 *   stepped: @c new_ms is the time it will read once the correction is spread (see below).
 *   Every accepted change of the time reports it, however small (a daily sync of a few
 *   milliseconds too); an application that logs only larger adjustments (a "clock time
 *   shift limit") compares @c new_ms - @c old_ms with its own threshold.
 * - ::MSDK_TOU_CLOCK_EV_SLEW: a correction is being spread over time through
 *   msdk_tou_clock_tick().
 * - ::MSDK_TOU_CLOCK_EV_SYNC_REFUSED: a synchronisation was refused because it would exceed
 *   the daily limit (the call returns ::MSDK_ERR_STATE); @c old_ms is the clock, @c new_ms
 *   the time that was asked for. IDIS numbers no event for it; the application records it
 *   under a code of its own profile.
 * - ::MSDK_TOU_CLOCK_EV_INVALID: the clock became invalid (IDIS event
 *   ::MSDK_TOU_CLOCK_CODE_INVALID, 6).
 * - ::MSDK_TOU_CLOCK_EV_TRIM: apply @c trim_ppb with msdk_port_rtc_trim_set() and store it
 *   (calibration block, msdk/metrology/calib.h: its @c rtc_trim_ppb is the crystal error,
 *   positive when fast, so it is @c -trim_ppb).
 *
 * @par Shift and slewing
 * shift_time moves the clock by -900..+900 s (::MSDK_TOU_CLOCK_SHIFT_MAX_S). With
 * @c slew_ms_per_s 0 the shift is one step. Otherwise it is spread: at each
 * msdk_tou_clock_tick() the engine gives the correction to add to the clock now, at most
 * @c slew_ms_per_s milliseconds for every second of clock time since the previous tick,
 * until the whole shift is applied; the clock never runs backwards (the rate is below
 * 1000 ms/s) and never jumps. A set time, an adjust_to_* or a power-up cancels the rest
 * of a slew; a shift or a sync during a slew is refused with ::MSDK_ERR_BUSY.
 *
 * @par Adjust to quarter, measuring period, minute
 * The clock is set to the nearest boundary of local time (the zone passed in, DST
 * included): quarter = a multiple of 15 min from local midnight, measuring period = a
 * multiple of the period given (it divides 86400 s), minute = a whole minute. A time exactly
 * half way goes forward (mm:07:30.000 goes to mm:15, as COSEM's adjust_to_minute does with
 * 30 s). The local offset of the current time is kept, so the step is at most half a
 * boundary interval even next to a DST change.
 *
 * @par Preset
 * msdk_tou_clock_preset() stores preset_time with its validity interval (COSEM
 * preset_adjusting_time, start <= preset_time <= end); msdk_tou_clock_adjust_to_preset()
 * sets the clock to it if the clock is inside the interval (inclusive), and consumes it.
 *
 * @par Synchronisation and its daily limit
 * msdk_tou_clock_sync() takes the time of a time source (a time server, a DLMS client's
 * clock): the difference is a shift, spread like shift_time when it is within +-900 s and
 * slewing is configured, else one step. msdk_tou_clock_shift() and msdk_tou_clock_sync()
 * are synchronisations and count against @c max_shift_per_day_s: the sum of the magnitudes
 * of the shifts accepted in a 24 h window (starting with the first shift counted, in clock
 * time) may not exceed it. A synchronisation beyond what is left is **refused**, not cut
 * down: the clock keeps its time, the call returns ::MSDK_ERR_STATE and the report carries
 * ::MSDK_TOU_CLOCK_EV_SYNC_REFUSED. A source that is that far off is more likely wrong than
 * the clock; an authorised client sets the time with msdk_tou_clock_set() instead, which has
 * no limit. While the clock is invalid a sync sets the clock with no limit.
 *
 * @par Status after a power-down
 * At power-up the application passes msdk_tou_clock_power_up() the RTC reading, the RTC's
 * own valid flag, the time it recorded at power-down and the backup supply's state. The
 * backup model comes from the application (its port): none, a super-capacitor that keeps
 * the RTC running for @c backup_s seconds, or a battery. The clock becomes invalid
 * (::MSDK_DATETIME_STATUS_INVALID, event 6) when the RTC says it lost its time, when it
 * reads earlier than the power-down time, when there is no backup, or when the outage is
 * longer than the super-capacitor's @c backup_s. It becomes doubtful
 * (::MSDK_DATETIME_STATUS_DOUBTFUL) when the outage is longer than @c doubtful_s (super-
 * capacitor near its end, 0: never) or the battery reports low. The bits stay until the
 * clock is set (msdk_tou_clock_set(), a sync, adjust_to_preset); relative operations
 * (shift, adjust_to_*) are refused with ::MSDK_ERR_STATE while the clock is invalid.
 *
 * @par RTC trim
 * The trim (ppb, the port's convention: positive makes the clock faster) starts from the
 * configuration (the calibration block's value, sign reversed) and is **learnt from
 * synchronisations**: the engine remembers the clock error at one sync and every correction
 * it ordered since (steps and slew ticks); at a later sync at least @c trim_learn_s seconds
 * after it, the clock error that grew by itself in between, divided by the time, is the
 * residual drift of the trimmed clock, and the new trim is the old trim minus that drift
 * (within +-::MSDK_TOU_CLOCK_TRIM_PPB_MAX). A set time, an adjust_to_preset and a power-up
 * start the measurement again (the error at those is unknown); a refused sync is not used.
 * With @c trim_learn_s 0 the trim is never changed. IEC 62054-21's 0.5 s/day is a residual
 * drift of 5787 ppb; the measurement over a day resolves about 12 ppb per millisecond of
 * error in the source's time.
 *
 * @par Errors
 * Every function checks its arguments; on error it changes nothing in the engine and writes
 * no output, except that a refused synchronisation fills the report.
 */
#ifndef MSDK_TOU_CLOCK_H
#define MSDK_TOU_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/core/datetime.h"
#include "msdk/core/err.h"
#include "msdk/tou/time.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Largest magnitude of a shift_time, seconds (COSEM: -900..900). */
#define MSDK_TOU_CLOCK_SHIFT_MAX_S  900
/** @brief Largest slew rate, milliseconds of correction per second of clock time. */
#define MSDK_TOU_CLOCK_SLEW_MAX     500u
/** @brief Largest RTC trim the engine gives, ppb (either sign): 200 ppm, what every port
 *         accepts. */
#define MSDK_TOU_CLOCK_TRIM_PPB_MAX 200000
/** @brief Latest clock time handled, ms: 9999-12-31T23:59:59.999Z. The earliest is 0. */
#define MSDK_TOU_CLOCK_MS_MAX       INT64_C(253402300799999)
/** @brief A time that is not set. */
#define MSDK_TOU_CLOCK_NO_TIME      INT64_MIN

/** @name Report event bits (::msdk_tou_clock_report_t::events)
 *  @{ */
#define MSDK_TOU_CLOCK_EV_STEP         0x01u /**< Set the RTC to new_ms now. */
#define MSDK_TOU_CLOCK_EV_ADJUSTED     0x02u /**< Record events 4 (old_ms) and 5 (new_ms). */
#define MSDK_TOU_CLOCK_EV_SLEW         0x04u /**< Correction spread by msdk_tou_clock_tick(). */
#define MSDK_TOU_CLOCK_EV_SYNC_REFUSED 0x08u /**< Sync beyond the daily limit, refused. */
#define MSDK_TOU_CLOCK_EV_INVALID      0x10u /**< The clock became invalid (event 6). */
#define MSDK_TOU_CLOCK_EV_TRIM         0x20u /**< Apply and store trim_ppb. */
/** @} */

/** @name IDIS standard event log codes of the clock events
 *  @{ */
#define MSDK_TOU_CLOCK_CODE_ADJUSTED_OLD 4u /**< Clock adjusted (old date/time). */
#define MSDK_TOU_CLOCK_CODE_ADJUSTED_NEW 5u /**< Clock adjusted (new date/time). */
#define MSDK_TOU_CLOCK_CODE_INVALID      6u /**< Clock invalid. */
/** @} */

/** @brief What keeps the RTC running while the meter is off. */
typedef enum msdk_tou_clock_backup {
    MSDK_TOU_CLOCK_BACKUP_NONE = 0,     /**< Nothing: every power-down invalidates the clock. */
    MSDK_TOU_CLOCK_BACKUP_SUPERCAP = 1, /**< A super-capacitor good for @c backup_s seconds. */
    MSDK_TOU_CLOCK_BACKUP_BATTERY = 2,  /**< A battery (its state is passed at power-up). */
} msdk_tou_clock_backup_t;

/** @brief Configuration. A zeroed struct: steps, no daily limit, no backup, no trim and no
 *         trim learning. */
typedef struct msdk_tou_clock_config {
    /** Slew rate of shifts, ms per s of clock time, 0 (step) ..::MSDK_TOU_CLOCK_SLEW_MAX. */
    uint32_t slew_ms_per_s;
    /** Most a clock may be shifted by synchronisations in 24 h, seconds; 0: no limit. */
    uint32_t max_shift_per_day_s;
    /** Backup supply of the RTC. */
    msdk_tou_clock_backup_t backup;
    /** Super-capacitor: longest outage the RTC survives, seconds (> 0 with a supercap). */
    uint32_t backup_s;
    /** Super-capacitor: outage above which the time is doubtful, seconds, below
     *  @c backup_s; 0: never doubtful. */
    uint32_t doubtful_s;
    /** Trim in force at start, ppb, port convention (calibration value, sign reversed);
     *  within +-::MSDK_TOU_CLOCK_TRIM_PPB_MAX. */
    int32_t trim_ppb;
    /** Shortest time between two syncs that measures the drift, seconds; 0: no learning. */
    uint32_t trim_learn_s;
} msdk_tou_clock_config_t;

/** @brief What the application does after an operation (see the file documentation). */
typedef struct msdk_tou_clock_report {
    uint32_t events;  /**< MSDK_TOU_CLOCK_EV_* bits. */
    int64_t old_ms;   /**< Clock before the operation, UTC ms. */
    int64_t new_ms;   /**< Clock after it (or after the slew), UTC ms. */
    int32_t trim_ppb; /**< New trim with ::MSDK_TOU_CLOCK_EV_TRIM. */
} msdk_tou_clock_report_t;

/** @brief What the application knows at power-up. */
typedef struct msdk_tou_clock_power_up_info {
    int64_t now_ms;  /**< RTC reading, UTC ms (any value when @c rtc_valid is false). */
    bool rtc_valid;  /**< The RTC's own valid flag (msdk_rtc_time_t::valid). */
    int64_t down_ms; /**< Clock time recorded at the power-down, UTC ms. */
    bool battery_ok; /**< Battery model: the battery is not low. */
} msdk_tou_clock_power_up_info_t;

/** @brief A clock engine (caller-owned; change it only through these functions). */
typedef struct msdk_tou_clock {
    msdk_tou_clock_config_t cfg; /**< @private Validated configuration. */
    uint8_t status;              /**< @private INVALID / DOUBTFUL bits. */
    int64_t slew_left_ms;        /**< @private Correction still to spread. */
    int64_t slew_rem;            /**< @private Remainder of the slew rate division. */
    int64_t last_tick_ms;        /**< @private Clock at the previous tick. */
    int64_t day_start_ms;        /**< @private Start of the daily-limit window. */
    int64_t day_used_ms;         /**< @private Shift used in that window. */
    int64_t ref_true_ms;         /**< @private Source time of the reference sync. */
    int64_t ref_err_ms;          /**< @private Clock error (clock - source) at it. */
    int64_t corr_ms;             /**< @private Corrections ordered since it. */
    int32_t trim_ppb;            /**< @private Trim in force. */
    bool preset_set;             /**< @private A preset is stored. */
    int64_t preset_ms;           /**< @private preset_time, UTC ms. */
    int64_t preset_start_ms;     /**< @private Validity interval start, UTC ms. */
    int64_t preset_end_ms;       /**< @private Validity interval end, UTC ms. */
} msdk_tou_clock_t;

/**
 * @brief Sets up a clock engine: valid status, no slew, no preset, no drift reference.
 * @param[out] clk Engine; untouched on error.
 * @param[in]  cfg Configuration; NULL is the zeroed configuration.
 * @retval MSDK_OK              Set up.
 * @retval MSDK_ERR_INVALID_ARG @p clk is NULL, @c slew_ms_per_s is above
 *                              ::MSDK_TOU_CLOCK_SLEW_MAX, @c max_shift_per_day_s above
 *                              86400, @c backup unknown, a super-capacitor with
 *                              @c backup_s 0 or @c doubtful_s not below @c backup_s, or
 *                              @c trim_ppb out of range.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_init(msdk_tou_clock_t *clk,
                                              const msdk_tou_clock_config_t *cfg);

/**
 * @brief Clock status bits of the engine (for msdk_tou_tz_to_datetime()).
 * @param[in] clk Engine.
 * @return ::MSDK_DATETIME_STATUS_INVALID and / or ::MSDK_DATETIME_STATUS_DOUBTFUL, 0 when
 *         the time is good; ::MSDK_DATETIME_STATUS_INVALID when @p clk is NULL.
 */
uint8_t msdk_tou_clock_status(const msdk_tou_clock_t *clk);

/**
 * @brief The trim in force, ppb (port convention).
 * @param[in] clk Engine.
 * @return The trim; 0 when @p clk is NULL.
 */
int32_t msdk_tou_clock_trim(const msdk_tou_clock_t *clk);

/**
 * @brief Sets the clock (COSEM Clock attribute 2 written): one step, no daily limit.
 *
 * Clears the invalid and doubtful bits, cancels a slew, starts the drift measurement
 * again. Report: ::MSDK_TOU_CLOCK_EV_STEP | ::MSDK_TOU_CLOCK_EV_ADJUSTED with @p now_ms and
 * @p new_ms.
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     now_ms RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX (any value while
 *                       the clock is invalid: it is only reported).
 * @param[in]     new_ms New time, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    rep    Report; untouched on error.
 * @retval MSDK_OK              Set.
 * @retval MSDK_ERR_INVALID_ARG A time is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_set(msdk_tou_clock_t *clk, int64_t now_ms, int64_t new_ms,
                                             msdk_tou_clock_report_t *rep);

/**
 * @brief Sets the clock from a COSEM date-time, as msdk_tou_clock_set().
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     tz     Zone the date-time is read in (msdk_tou_tz_from_datetime(), first
 *                       instant of a repeated time, a missing time refused).
 * @param[in]     now_ms RTC reading, UTC ms.
 * @param[in]     dt     New time: a complete, valid date-time; hundredths, when
 *                       specified, are added as 10 ms each.
 * @param[out]    rep    Report; untouched on error.
 * @retval MSDK_OK              Set.
 * @retval MSDK_ERR_NOT_FOUND   The local time does not exist (DST gap).
 * @retval MSDK_ERR_INVALID_ARG The date-time is invalid or incomplete, a time is out of
 *                              range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_set_datetime(msdk_tou_clock_t *clk,
                                                      const msdk_tou_tz_t *tz, int64_t now_ms,
                                                      const msdk_datetime_t *dt,
                                                      msdk_tou_clock_report_t *rep);

/**
 * @brief COSEM shift_time: moves the clock by @p shift_s seconds, in one step or spread.
 *
 * Counts against the daily limit. Report: ::MSDK_TOU_CLOCK_EV_ADJUSTED with @p now_ms and
 * @p now_ms + shift, and ::MSDK_TOU_CLOCK_EV_STEP or ::MSDK_TOU_CLOCK_EV_SLEW. A shift of 0
 * does nothing and reports nothing.
 * @param[in,out] clk     Engine; unchanged on error.
 * @param[in]     now_ms  RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[in]     shift_s -::MSDK_TOU_CLOCK_SHIFT_MAX_S..::MSDK_TOU_CLOCK_SHIFT_MAX_S.
 * @param[out]    rep     Report; untouched on error except ::MSDK_ERR_STATE for the limit.
 * @retval MSDK_OK              Shifted (or slew started).
 * @retval MSDK_ERR_INVALID_ARG @p shift_s or a time is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_STATE       The clock is invalid (report untouched), or the daily limit
 *                              would be exceeded (report: ::MSDK_TOU_CLOCK_EV_SYNC_REFUSED).
 * @retval MSDK_ERR_BUSY        A slew is in progress.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_shift(msdk_tou_clock_t *clk, int64_t now_ms,
                                               int32_t shift_s, msdk_tou_clock_report_t *rep);

/**
 * @brief Synchronises the clock with a time source (see the file documentation).
 *
 * While the clock is invalid this is msdk_tou_clock_set(). Otherwise the difference is
 * checked against the daily limit, applied (step, or slew when within +-900 s and
 * configured) and, when a drift reference at least @c trim_learn_s old exists, a new trim
 * is computed (::MSDK_TOU_CLOCK_EV_TRIM); this sync becomes the new reference. A sync that
 * finds no difference reports only a trim, if any.
 * @param[in,out] clk     Engine; unchanged on error.
 * @param[in]     now_ms  RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[in]     true_ms Time of the source, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    rep     Report; untouched on error except ::MSDK_ERR_STATE.
 * @retval MSDK_OK              Synchronised.
 * @retval MSDK_ERR_INVALID_ARG A time is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_STATE       Beyond the daily limit: refused, report
 *                              ::MSDK_TOU_CLOCK_EV_SYNC_REFUSED.
 * @retval MSDK_ERR_BUSY        A slew is in progress.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_sync(msdk_tou_clock_t *clk, int64_t now_ms,
                                              int64_t true_ms, msdk_tou_clock_report_t *rep);

/**
 * @brief Gives the slew correction to apply now.
 *
 * Call it regularly (for example every second) with the RTC reading; add @p corr_ms to the
 * RTC. The first tick after a slew starts counts from the moment the slew started.
 * @param[in,out] clk     Engine; unchanged on error.
 * @param[in]     now_ms  RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    corr_ms Milliseconds to add to the clock now (0 with no slew, or when
 *                        the clock reads earlier than at the previous tick); untouched on
 *                        error.
 * @retval MSDK_OK              Given.
 * @retval MSDK_ERR_INVALID_ARG @p now_ms is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_tick(msdk_tou_clock_t *clk, int64_t now_ms,
                                              int64_t *corr_ms);

/**
 * @brief COSEM adjust_to_quarter: the nearest quarter hour of local time.
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     tz     Zone.
 * @param[in]     now_ms RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    rep    Report (::MSDK_TOU_CLOCK_EV_STEP | ::MSDK_TOU_CLOCK_EV_ADJUSTED;
 *                       empty when already on the boundary); untouched on error.
 * @retval MSDK_OK              Adjusted.
 * @retval MSDK_ERR_INVALID_ARG A time is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_STATE       The clock is invalid.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_adjust_to_quarter(msdk_tou_clock_t *clk,
                                                           const msdk_tou_tz_t *tz, int64_t now_ms,
                                                           msdk_tou_clock_report_t *rep);

/**
 * @brief COSEM adjust_to_measuring_period: the nearest start of a measuring period of
 *        local time.
 * @param[in,out] clk      Engine; unchanged on error.
 * @param[in]     tz       Zone.
 * @param[in]     now_ms   RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[in]     period_s Measuring period, seconds: 1..86400 and a divisor of 86400.
 * @param[out]    rep      Report as for msdk_tou_clock_adjust_to_quarter().
 * @retval MSDK_OK              Adjusted.
 * @retval MSDK_ERR_INVALID_ARG @p period_s or a time is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_STATE       The clock is invalid.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_adjust_to_period(msdk_tou_clock_t *clk,
                                                          const msdk_tou_tz_t *tz, int64_t now_ms,
                                                          uint32_t period_s,
                                                          msdk_tou_clock_report_t *rep);

/**
 * @brief COSEM adjust_to_minute: the nearest whole minute (30 s goes forward).
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     tz     Zone.
 * @param[in]     now_ms RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    rep    Report as for msdk_tou_clock_adjust_to_quarter().
 * @retval MSDK_OK              Adjusted.
 * @retval MSDK_ERR_INVALID_ARG A time is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_STATE       The clock is invalid.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_adjust_to_minute(msdk_tou_clock_t *clk,
                                                          const msdk_tou_tz_t *tz, int64_t now_ms,
                                                          msdk_tou_clock_report_t *rep);

/**
 * @brief COSEM preset_adjusting_time: stores a preset time and its validity interval,
 *        replacing an earlier one.
 *
 * The three date-times are read in @p tz as by msdk_tou_clock_set_datetime().
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     tz     Zone.
 * @param[in]     preset preset_time.
 * @param[in]     start  validity_interval_start.
 * @param[in]     end    validity_interval_end.
 * @retval MSDK_OK              Stored.
 * @retval MSDK_ERR_NOT_FOUND   A local time does not exist (DST gap).
 * @retval MSDK_ERR_INVALID_ARG A date-time is invalid or incomplete, not
 *                              start <= preset <= end, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_preset(msdk_tou_clock_t *clk, const msdk_tou_tz_t *tz,
                                                const msdk_datetime_t *preset,
                                                const msdk_datetime_t *start,
                                                const msdk_datetime_t *end);

/**
 * @brief COSEM adjust_to_preset_time: sets the clock to the stored preset time, as
 *        msdk_tou_clock_set(), when the clock is within the validity interval.
 * @param[in,out] clk    Engine; unchanged on error.
 * @param[in]     now_ms RTC reading, UTC ms, 0..::MSDK_TOU_CLOCK_MS_MAX.
 * @param[out]    rep    Report; untouched on error.
 * @retval MSDK_OK              Set; the preset is consumed.
 * @retval MSDK_ERR_INVALID_ARG @p now_ms is out of range, or a pointer is NULL.
 * @retval MSDK_ERR_NOT_FOUND   No preset is stored.
 * @retval MSDK_ERR_STATE       The clock is outside the validity interval (the preset is
 *                              kept).
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_adjust_to_preset(msdk_tou_clock_t *clk, int64_t now_ms,
                                                          msdk_tou_clock_report_t *rep);

/**
 * @brief Decides the clock status after a power-down (see the file documentation).
 *
 * Cancels a slew and starts the drift measurement again. Report:
 * ::MSDK_TOU_CLOCK_EV_INVALID when the clock becomes invalid (not when it already was).
 * @param[in,out] clk  Engine; unchanged on error.
 * @param[in]     info RTC reading and state; @c down_ms within 0..::MSDK_TOU_CLOCK_MS_MAX,
 *                     and @c now_ms too when @c rtc_valid.
 * @param[out]    rep  Report (@c old_ms = @c now_ms); untouched on error.
 * @retval MSDK_OK              Status decided.
 * @retval MSDK_ERR_INVALID_ARG A time is out of range, or a pointer is NULL.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_clock_power_up(msdk_tou_clock_t *clk,
                                                  const msdk_tou_clock_power_up_info_t *info,
                                                  msdk_tou_clock_report_t *rep);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TOU_CLOCK_H */
