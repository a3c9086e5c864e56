/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Block and sliding demand with maximum demand per billing period (what the COSEM
 *        Demand register, class 5, and the maximum demand registers 1.0.x.6.0.255 show).
 *
 * Sans-IO: the caller passes the time (UTC seconds, int64) and the energy registers with
 * every call; the engine reads no clock, allocates nothing and keeps all its state in the
 * caller's ::msdk_tou_demand_t.
 *
 * **Channels.** One engine serves 1..::MSDK_TOU_DEMAND_CHANNELS_MAX channels that share
 * the period and the number of periods; the usual four are +A, -A, +R, -R
 * (::msdk_tou_demand_channel_t). A meter that wants a different period per quantity runs one
 * engine per quantity with one channel each.
 *
 * **Energy and demand.** Each channel's energy is an int64 register value (for example mWh),
 * never negative, monotonic except for a register reset. Demand is the energy of a span
 * divided by its length, as average power: demand = energy * 3600 / seconds, rounded
 * towards zero, so mWh gives mW and Wh gives W. The energy between two calls is spread over
 * the time between them in proportion to time (linear interpolation), so a subinterval
 * boundary that falls between two polls gets the share of the energy before it and the next
 * subinterval the rest; no energy is lost or counted twice at a boundary. An energy register
 * that goes down (register reset) adds nothing and marks the subinterval
 * (::MSDK_TOU_DEMAND_ST_REGISTER).
 *
 * **Subintervals and windows.** The period P (seconds) divides 86400 (so any divisor of
 * 3600 too); subintervals are aligned to UTC multiples of P: [k*P, (k+1)*P). With n =
 * number_of_periods, the window is the last n subintervals: n = 1 is block demand, n > 1
 * sliding demand. At every subinterval end B the window ending at B is closed:
 * - last_average_value = energy of the window / (n * P), the DLMS definition (the energy of
 *   the subinterval in progress is not in it); capture_time = B.
 * - current_average_value (the running demand) = energy of the window in progress so far
 *   (the last n - 1 closed subintervals plus the one in progress) / (n * P), and
 *   start_time_current = the start of that window (end of the subinterval in progress -
 *   n * P). This is DLMS's "energy accumulated since start_time_current divided by
 *   number_of_periods * period": the denominator is always the whole window, so the value
 *   rises during the subinterval and equals the next last_average_value when it closes
 *   (for n = 1 it is the block demand so far).
 * With a 15 min local period and time zones whose offset is a multiple of 15 min, UTC
 * alignment is local alignment; a period of a day ends at midnight UTC.
 *
 * **Unmeasured time.** Clock time is measured once. Time the engine did not measure marks
 * every subinterval it touches with a status bit; a window is "complete" when none of its n
 * subintervals is marked, and only complete windows are candidates for the maximum demand
 * (the marked, interrupted ones are excluded). A marked window still gets a last_average_value,
 * computed the same way over the nominal length n * P, with no energy for the time not
 * measured, and its status says why:
 * - Start (::MSDK_TOU_DEMAND_ST_START): before msdk_tou_demand_init() or
 *   msdk_tou_demand_restart(); the subintervals before it count as unmeasured, so the
 *   first window that is complete is the first one wholly after the start (a start exactly
 *   at a boundary loses nothing).
 * - Power-down (::MSDK_TOU_DEMAND_ST_POWER): msdk_tou_demand_power_up() says the meter was
 *   off from the last call until now. The interrupted subinterval keeps the energy measured
 *   before and after the outage and is marked; subintervals wholly inside the outage are
 *   closed with no energy and marked, each at its own end (skipped subintervals); the
 *   windows that contain any of them are excluded from the maximum.
 * - Clock set forwards (::MSDK_TOU_DEMAND_ST_CLOCK): msdk_tou_demand_clock_step() with a
 *   later time: the clock time jumped over is unmeasured, exactly as a power-down.
 * - Clock set backwards (::MSDK_TOU_DEMAND_ST_CLOCK): the engine remembers the latest time
 *   it measured (t_max). Until the clock reaches t_max again, nothing is measured: the
 *   subinterval in progress stays open, no boundary already closed closes again, the
 *   averages do not move, and then measuring resumes from t_max. No time is counted twice,
 *   no window closes twice and no span is negative; the subinterval is marked because the
 *   energy of the replayed time is missing from it. A call with a time earlier than the
 *   previous call is treated the same way (as a clock set back). After a large step back the
 *   wait is long; an application that prefers to start again at once calls
 *   msdk_tou_demand_restart() (the window end times then repeat).
 *   A clock that slews (small corrections spread over time) never goes backwards and is
 *   not a clock step for this engine.
 * - Gap (::MSDK_TOU_DEMAND_ST_GAP): a call more than one window (n * P) after the previous
 *   one is treated as unmeasured time too (the application stalled), so a measuring call
 *   closes at most n subintervals.
 * - Register reset (::MSDK_TOU_DEMAND_ST_REGISTER) and next_period
 *   (::MSDK_TOU_DEMAND_ST_SHORT), see above and msdk_tou_demand_next_period().
 * Work per call is bounded: a jump over more than n + 1 subintervals closes n + 1 of them
 * and moves straight to the last boundary before the new time (the windows in between would
 * all hold only unmeasured time: 0, marked).
 *
 * **Maximum demand.** Per channel, the largest last_average_value of a complete window
 * since the last billing reset, with its time: the end of the window that set it (a later
 * window with the same value does not replace it). msdk_tou_demand_billing_reset() (called
 * by the billing scheduler, after msdk_tou_demand_update() at the billing time so that the
 * window ending then belongs to the period it closes) hands back the finished period's
 * maxima and starts a new period; a window belongs to the billing period in which it ends.
 * These are the value and capture_time of the extended registers 1.0.1.6.0.255 (+A),
 * 1.0.2.6.0.255 (-A), 1.0.3.6.0.255 (+R), 1.0.4.6.0.255 (-R).
 *
 * **What to persist.** ::msdk_tou_demand_max_t (all its fields) must be stored (for
 * example in an msdk/eventlog/snapshot.h store, at power-fail and at billing) and given back
 * to msdk_tou_demand_init() at power-up; nothing else is needed, since the windows around an
 * outage are excluded from the maximum anyway. Optionally the whole ::msdk_tou_demand_t can
 * be stored (it holds no pointers) and resumed with msdk_tou_demand_power_up(): the
 * averages and the subintervals measured before the outage then carry over. The layout of
 * both structs may change between releases: store them with a format version.
 *
 * **COSEM mapping** (msdk/cosem/class_registers.h, msdk_cosem_demand_def_t):
 * msdk_tou_demand_read() gives attributes 2 (current_average_value), 3
 * (last_average_value), 5 (status), 6 (capture_time), 7 (start_time_current), 8 (period)
 * and 9 (number_of_periods); method 1 reset is msdk_tou_demand_restart(), method 2
 * next_period is msdk_tou_demand_next_period(); a SET of period or number_of_periods is
 * checked with msdk_tou_demand_config_check() and applied with msdk_tou_demand_restart().
 */
#ifndef MSDK_TOU_DEMAND_H
#define MSDK_TOU_DEMAND_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Most channels one engine serves. */
#define MSDK_TOU_DEMAND_CHANNELS_MAX 4u

/** @brief Largest number_of_periods (subintervals of a sliding window). */
#define MSDK_TOU_DEMAND_PERIODS_MAX 15u

/** @brief Longest period in seconds (one day); a period must divide it. */
#define MSDK_TOU_DEMAND_PERIOD_MAX 86400u

/** @brief A time that is not set (no maximum yet). */
#define MSDK_TOU_DEMAND_NO_TIME INT64_MIN

/** @brief Latest time accepted: 9999-12-31T23:59:59Z. The earliest is 0 (1970-01-01). */
#define MSDK_TOU_DEMAND_TIME_MAX INT64_C(253402300799)

/** @name Status bits of a subinterval and of a window (OR of its subintervals)
 *  Any bit set: the window is not complete and is no candidate for the maximum.
 *  @{ */
#define MSDK_TOU_DEMAND_ST_START    0x01u /**< Before the start or a restart. */
#define MSDK_TOU_DEMAND_ST_POWER    0x02u /**< A power-down. */
#define MSDK_TOU_DEMAND_ST_CLOCK    0x04u /**< A clock step forwards or backwards. */
#define MSDK_TOU_DEMAND_ST_GAP      0x08u /**< No call for longer than a window. */
#define MSDK_TOU_DEMAND_ST_REGISTER 0x10u /**< An energy register went down (reset). */
#define MSDK_TOU_DEMAND_ST_SHORT    0x20u /**< Cut short by next_period. */
/** @} */

/** @brief The usual channels (the engine gives no meaning to a channel index). */
typedef enum msdk_tou_demand_channel {
    MSDK_TOU_DEMAND_IMPORT_ACTIVE = 0,   /**< +A (1.0.1.x). */
    MSDK_TOU_DEMAND_EXPORT_ACTIVE = 1,   /**< -A (1.0.2.x). */
    MSDK_TOU_DEMAND_IMPORT_REACTIVE = 2, /**< +R (1.0.3.x). */
    MSDK_TOU_DEMAND_EXPORT_REACTIVE = 3, /**< -R (1.0.4.x). */
} msdk_tou_demand_channel_t;

/** @brief Configuration (all fields required; there are no defaults). */
typedef struct msdk_tou_demand_config {
    uint32_t period;            /**< Subinterval in seconds: divides 86400 (1..86400). */
    uint16_t number_of_periods; /**< 1 (block) .. ::MSDK_TOU_DEMAND_PERIODS_MAX (sliding). */
    uint8_t channels;           /**< 1..::MSDK_TOU_DEMAND_CHANNELS_MAX. */
} msdk_tou_demand_config_t;

/**
 * @brief Maximum demand of the billing period in progress: the state to persist.
 *
 * A channel with no complete window yet has value 0 and time ::MSDK_TOU_DEMAND_NO_TIME.
 */
typedef struct msdk_tou_demand_max {
    int64_t value[MSDK_TOU_DEMAND_CHANNELS_MAX]; /**< Maximum demand (energy unit per hour). */
    int64_t time[MSDK_TOU_DEMAND_CHANNELS_MAX];  /**< End of the window that set it (UTC s). */
    int64_t since; /**< Start of the billing period (UTC s), ::MSDK_TOU_DEMAND_NO_TIME if none. */
} msdk_tou_demand_max_t;

/** @brief The Demand register attributes of one channel (msdk_tou_demand_read()). */
typedef struct msdk_tou_demand_reading {
    int64_t current_average;    /**< 2: running demand of the window in progress. */
    int64_t last_average;       /**< 3: demand of the last closed window (0 before one). */
    uint8_t status;             /**< 5: status bits of the last closed window. */
    uint8_t current_status;     /**< Status bits of the window in progress so far. */
    int64_t capture_time;       /**< 6: end of the last closed window (or of the start). */
    int64_t start_time_current; /**< 7: start of the window in progress. */
    uint32_t period;            /**< 8: period, seconds. */
    uint16_t number_of_periods; /**< 9: number_of_periods. */
} msdk_tou_demand_reading_t;

/** @brief A demand engine (caller-owned; opaque; plain data, may be stored whole). */
typedef struct msdk_tou_demand {
    msdk_tou_demand_config_t cfg; /**< @private Configuration. */
    int64_t sub_start;            /**< @private Start of the subinterval in progress. */
    int64_t sub_end;              /**< @private Its end (aligned). */
    int64_t t_prev;               /**< @private Time of the previous call. */
    int64_t t_max;                /**< @private Latest time measured up to. */
    int64_t capture_time;         /**< @private End of the last closed window. */
    int64_t e_prev[MSDK_TOU_DEMAND_CHANNELS_MAX]; /**< @private Energy at the previous call. */
    int64_t cur[MSDK_TOU_DEMAND_CHANNELS_MAX];    /**< @private Energy of the subinterval. */
    int64_t last[MSDK_TOU_DEMAND_CHANNELS_MAX];   /**< @private last_average_value. */
    /** @private Energy of the last n closed subintervals (ring). */
    int64_t slot[MSDK_TOU_DEMAND_CHANNELS_MAX][MSDK_TOU_DEMAND_PERIODS_MAX];
    uint8_t slot_st[MSDK_TOU_DEMAND_PERIODS_MAX]; /**< @private Their status bits. */
    uint8_t cur_st;                               /**< @private Subinterval status bits. */
    uint8_t last_st;                              /**< @private Last window's status bits. */
    uint8_t head;                                 /**< @private Oldest ring slot. */
    bool ready;                                   /**< @private Initialised. */
    msdk_tou_demand_max_t max;                    /**< @private Maximum demand. */
} msdk_tou_demand_t;

/**
 * @brief Checks a configuration.
 * @param[in] cfg Configuration.
 * @retval MSDK_OK              Usable.
 * @retval MSDK_ERR_INVALID_ARG NULL, period 0, above 86400 or not dividing 86400,
 *                              number_of_periods 0 or above ::MSDK_TOU_DEMAND_PERIODS_MAX,
 *                              channels 0 or above ::MSDK_TOU_DEMAND_CHANNELS_MAX.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_config_check(const msdk_tou_demand_config_t *cfg);

/**
 * @brief Starts an engine at time @p t: the subinterval containing @p t is in progress
 *        (marked ::MSDK_TOU_DEMAND_ST_START unless @p t is its start), the earlier ones
 *        count as unmeasured.
 * @param[out] d      Engine (any previous content is ignored).
 * @param[in]  cfg    Configuration (copied).
 * @param[in]  max    Maximum demand restored from storage, or NULL for none (a new billing
 *                    period starting at @p t).
 * @param[in]  t      Now, UTC seconds, 0..::MSDK_TOU_DEMAND_TIME_MAX.
 * @param[in]  energy cfg->channels register values, each >= 0.
 * @retval MSDK_OK              Started; last_average_value 0, capture_time @p t.
 * @retval MSDK_ERR_INVALID_ARG NULL @p d, @p cfg or @p energy, a configuration refused by
 *                              msdk_tou_demand_config_check(), @p t out of range, a negative
 *                              energy, or a @p max with a negative value or a time out of
 *                              range: @p d is left unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_init(msdk_tou_demand_t *d,
                                               const msdk_tou_demand_config_t *cfg,
                                               const msdk_tou_demand_max_t *max, int64_t t,
                                               const int64_t *energy);

/**
 * @brief Starts again at @p t, keeping the maximum demand (DLMS reset method, a new period
 *        or number_of_periods); as msdk_tou_demand_init() otherwise.
 * @param[in,out] d      Engine.
 * @param[in]     cfg    New configuration, or NULL to keep the current one. The number of
 *                       channels may change; the maxima of the channels kept stay.
 * @param[in]     t      Now, UTC seconds.
 * @param[in]     energy Register values (the new number of channels).
 * @retval MSDK_OK              Restarted.
 * @retval MSDK_ERR_INVALID_ARG As msdk_tou_demand_init(): nothing changed.
 * @retval MSDK_ERR_STATE       @p d was never initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_restart(msdk_tou_demand_t *d,
                                                  const msdk_tou_demand_config_t *cfg, int64_t t,
                                                  const int64_t *energy);

/**
 * @brief The regular call (every second or so): measures the energy since the previous call
 *        and closes every window that ended by @p t.
 *
 * A @p t earlier than the previous call is a clock set back (see the file description), a
 * @p t more than one window after it a gap (unmeasured).
 * @param[in,out] d      Engine.
 * @param[in]     t      Now, UTC seconds.
 * @param[in]     energy cfg.channels register values, each >= 0.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, @p t out of range or a negative energy: nothing
 *                              changed.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_update(msdk_tou_demand_t *d, int64_t t,
                                                 const int64_t *energy);

/**
 * @brief After a power-down: the time from the previous call to @p t was not measured
 *        (::MSDK_TOU_DEMAND_ST_POWER); the energy registers' change over it is ignored.
 *
 * Called once at power-up, on an engine that was running (kept in RAM or restored whole);
 * after restoring only the maximum use msdk_tou_demand_init() instead. A @p t earlier than
 * the latest time measured waits for the clock as after a clock set back.
 * @param[in,out] d      Engine.
 * @param[in]     t      Now, UTC seconds.
 * @param[in]     energy Register values now.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG As msdk_tou_demand_update(): nothing changed.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_power_up(msdk_tou_demand_t *d, int64_t t,
                                                   const int64_t *energy);

/**
 * @brief The clock is being set from @p t_old to @p t_new (a step, not a slew): measures up
 *        to @p t_old as msdk_tou_demand_update(), then continues at @p t_new with the time in
 *        between unmeasured (forwards) or replayed unmeasured (backwards);
 *        ::MSDK_TOU_DEMAND_ST_CLOCK.
 * @param[in,out] d      Engine.
 * @param[in]     t_old  The time before the set (the energy below is read then).
 * @param[in]     t_new  The time after it.
 * @param[in]     energy Register values at the set.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG NULL argument, a time out of range or a negative energy:
 *                              nothing changed.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_clock_step(msdk_tou_demand_t *d, int64_t t_old,
                                                     int64_t t_new, const int64_t *energy);

/**
 * @brief DLMS next_period: measures up to @p t, then closes the subinterval in progress now
 *        (capture_time @p t) and starts the next, which ends at the usual aligned boundary.
 *        Both are marked ::MSDK_TOU_DEMAND_ST_SHORT (not a subinterval of full length). When
 *        a subinterval has just closed at @p t there is nothing to close.
 * @param[in,out] d      Engine.
 * @param[in]     t      Now, UTC seconds.
 * @param[in]     energy Register values now.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG As msdk_tou_demand_update(): nothing changed.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_next_period(msdk_tou_demand_t *d, int64_t t,
                                                      const int64_t *energy);

/**
 * @brief End of a billing period: hands back the period's maxima and starts a new period
 *        at @p t with no maximum.
 *
 * Call msdk_tou_demand_update() at the billing time first, so that a window ending exactly
 * then counts in the period that ends.
 * @param[in,out] d      Engine.
 * @param[in]     t      Billing time, UTC seconds (the new period's @c since).
 * @param[out]    closed The finished period's maxima (for the billing profile), or NULL.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG NULL @p d or @p t out of range: nothing changed.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_billing_reset(msdk_tou_demand_t *d, int64_t t,
                                                        msdk_tou_demand_max_t *closed);

/**
 * @brief Reads the Demand register attributes of one channel.
 * @param[in]  d  Engine.
 * @param[in]  ch Channel, 0..cfg.channels - 1.
 * @param[out] r  The attributes.
 * @retval MSDK_OK              Done.
 * @retval MSDK_ERR_INVALID_ARG NULL argument or @p ch out of range.
 * @retval MSDK_ERR_STATE       Not initialised.
 */
MSDK_NODISCARD msdk_err_t msdk_tou_demand_read(const msdk_tou_demand_t *d, uint8_t ch,
                                               msdk_tou_demand_reading_t *r);

/**
 * @brief The maximum demand of the billing period in progress (to display, to read through
 *        1.0.x.6.0.255, to persist).
 * @param[in] d Engine.
 * @return The maxima (inside @p d: valid until the next call that changes @p d); NULL for a
 *         NULL or uninitialised engine.
 */
const msdk_tou_demand_max_t *msdk_tou_demand_max(const msdk_tou_demand_t *d);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TOU_DEMAND_H */
