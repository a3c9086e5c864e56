/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: time of use on libtou. The clock (time zone, DST, synchronisation, RTC
 * trim, status after an outage), the activity calendar and special days, the tariff in force
 * and the tariff registers, demand and maximum demand, and the end of billing period run by a
 * single action schedule.
 *
 * Clock status after an outage: the RTC's backup supply is a board setting (`rtc.backup`:
 * battery, the default; supercap with `rtc.backup-s` and `rtc.doubtful-s`; none): the clock
 * is invalid (event 6, error register bit 0) when the outage outlasted it, and tariffs, demand
 * and billing wait until a client sets the time.
 *
 * Time: the RTC keeps UTC; every local time (display, DLMS date-times, switch points,
 * billing times) comes from the zone (msdk/tou/time.h). The default zone is CET with the EU
 * DST rule (deviation -60, DLMS sign).
 *
 * Tariff registers: +A (1.0.1.8.t.255) and -A (1.0.2.8.t.255) of tariffs t = 1..8. At every
 * poll the growth of the total registers since the previous poll goes to the tariff in force,
 * so the tariff registers always add up to the totals (I1 of EVENTS.md holds for them as for
 * the totals). With no calendar (or a clock that is invalid) tariff 1 is in force.
 *
 * Calendar writes: the passive calendar is written attribute by attribute (name, seasons,
 * weeks, days). Each table is checked on its own when written (ranges, sorted switch points,
 * unique keys); the references between them (a season's week, a week's day ids) are checked
 * when the passive calendar is to become active (the method, or a write of the activation
 * time), since clients write the tables one after the other. A passive calendar with a
 * missing reference is never activated.
 *
 * Storage (docs/nvm-format.md): three records (nvrec.h, two sectors each) for the zone and
 * tables, written only when a client changes them (within a budget per record,
 * MA304H4_TOU_CONFIG_SAVES_BURST; beyond it the change is refused with temporary-failure), and two
 * snapshot stores: the tariff registers (saved with the energy totals), the billing state (the
 * schedule's last execution, the billing counter, the last period's maximum demand; saved at a
 * billing reset or when the schedule arms) and the current maximum demand (saved when it
 * changes: at most once a demand period). */
#ifndef MA304H4_TOU_H
#define MA304H4_TOU_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/datetime.h"
#include "msdk/core/err.h"
#include "msdk/eventlog/snapshot.h"
#include "msdk/metrology/metrology.h"
#include "msdk/tou/calendar.h"
#include "msdk/tou/clock.h"
#include "msdk/tou/demand.h"
#include "msdk/tou/schedule.h"
#include "msdk/tou/time.h"

#include "nvrec.h"
#include "profiles.h"

struct ma304h4_app;

/** Tariffs (1..8). */
#define MA304H4_TARIFFS 8u
/** Quantities with tariff registers: +A and -A. */
enum {
    MA304H4_TOU_A_IMPORT = 0,
    MA304H4_TOU_A_EXPORT = 1,
    MA304H4_TOU_QUANTITIES = 2
};

/** Sectors of the three configuration records (2 each) and of the two snapshot stores. */
#define MA304H4_TOU_CONFIG_SECTORS          6u
#define MA304H4_TOU_STATE_SECTORS           18u
#define MA304H4_TOU_SECTORS                 (MA304H4_TOU_CONFIG_SECTORS + MA304H4_TOU_STATE_SECTORS)
/** Configuration saves each record takes at once (a whole calendar with its activation time),
 *  then one more per 12 h of uptime; a client beyond: temporary-failure. With two sectors a
 *  record, at most one erase per sector a day in the long run. */
#define MA304H4_TOU_CONFIG_SAVES_BURST      8u
#define MA304H4_TOU_CONFIG_SAVE_INTERVAL_MS (12u * 3600u * 1000u)
/** Largest serialised configuration record. */
#define MA304H4_TOU_RECORD_MAX              MA304H4_NVREC_MAX

/** Shortest demand period a client may set: a new maximum is saved at most once a period,
 *  so 288 saves a day at most (the billing store's 4 sectors: under 4 erases a day each). */
#define MA304H4_DEMAND_PERIOD_MIN_S 300u
/** Default demand: 15 minute block demand. */
#define MA304H4_DEMAND_PERIOD_S     900u
#define MA304H4_DEMAND_PERIODS      1u

/** The single action schedules: the end of billing period 0.0.15.0.0.255 (script 1 of
 *  0.0.10.0.1.255: the monthly billing row, the maximum demand closed), by default at 00:00
 *  local on day 1 of each month; the daily billing 0.1.15.0.0.255 (script 2: the daily
 *  billing row), by default at every local midnight. */
typedef enum ma304h4_sched_id {
    MA304H4_SCHED_BILLING = 0,
    MA304H4_SCHED_DAILY = 1,
    MA304H4_SCHEDS = 2
} ma304h4_sched_id_t;

/** The configuration records. */
typedef enum ma304h4_tou_record {
    MA304H4_TOU_REC_ZONE = 0,    /* zone, special days, billing schedule, demand, trim */
    MA304H4_TOU_REC_ACTIVE = 1,  /* active calendar */
    MA304H4_TOU_REC_PASSIVE = 2, /* passive calendar (as written) and its activation time */
    MA304H4_TOU_RECORDS = 3
} ma304h4_tou_record_t;

/** Time of use state (part of the application). */
typedef struct ma304h4_tou {
    bool ok;                    /* open: the stores work (else RAM only, defaults) */
    msdk_tou_tz_t tz;           /* time zone and DST */
    msdk_tou_clock_t clk;       /* clock engine */
    msdk_tou_cal_t cal;         /* active and passive calendars, special days */
    msdk_tou_calendar_t staged; /* the passive calendar as written (may lack references) */
    msdk_tou_sched_t sched[MA304H4_SCHEDS]; /* end of billing period, daily billing */
    msdk_tou_demand_t demand;               /* +A, -A, +R, -R */
    bool demand_ok;                         /* demand initialised (a valid clock was seen) */
    uint64_t reg[MA304H4_TOU_QUANTITIES][MA304H4_TARIFFS]; /* tariff registers, mWh */
    uint64_t base[MA304H4_TOU_QUANTITIES]; /* the totals the tariff registers account to */
    uint8_t tariff;                        /* in force, 1..8 */
    msdk_tou_tariff_t at;                  /* where it comes from (calendar) */
    bool tariff_known;                     /* `at` is valid */
    int64_t last_utc;                      /* clock at the previous poll (-1: none) */
    uint32_t billing_count;                /* billing period counter 0.0.0.1.0.255 */
    int64_t billing_utc;                   /* time of the last billing reset (-1: none) */
    msdk_tou_demand_max_t last_max;        /* maximum demand of the closed billing period */
    /* Storage. */
    ma304h4_nvrec_t rec[MA304H4_TOU_RECORDS];
    bool rec_ok[MA304H4_TOU_RECORDS];
    ma304h4_budget_t budget[MA304H4_TOU_RECORDS]; /* save budgets (profiles.h) */
    msdk_evlog_snap_t regs_store;
    msdk_evlog_snap_t bill_store;
    msdk_evlog_snap_t max_store;
    msdk_tou_special_day_t sd_scratch[MSDK_TOU_SPECIAL_DAYS_MAX]; /* loading a zone record */
    int32_t stored_trim;                                          /* RTC trim of the zone record */
    msdk_tou_sched_config_t sched_scratch[MA304H4_SCHEDS]; /* loading and changing schedules */
    bool snaps_ok;
    uint32_t damage;                     /* damaged items found at open */
    uint8_t buf[MA304H4_TOU_RECORD_MAX]; /* serialisation */
    struct ma304h4_app *app;
} ma304h4_tou_t;

/**
 * Opens the stores below @p top, restores the configuration and the state, and decides the
 * clock status after the outage (power-down time from the event log).
 * @param t       State.
 * @param app     The application (events, profiles, metrology registers).
 * @param top     End of the NVM range the stores may use.
 * @param reg     The restored energy registers (totals the tariff registers continue from).
 * @param down_s  Power-down time (UTC s) from the event log, or -1 when unknown.
 * @return MSDK_OK, or the error (the meter then runs with the defaults, in RAM).
 */
msdk_err_t ma304h4_tou_open(ma304h4_tou_t *t, struct ma304h4_app *app, uint32_t top,
                            const msdk_metro_registers_t *reg, int64_t down_s);

/**
 * One pass of the main loop: clock slew, calendar activation, tariff, tariff registers,
 * demand, end of billing period.
 * @param t   State.
 * @param reg A consistent copy of the energy registers.
 */
void ma304h4_tou_poll(ma304h4_tou_t *t, const msdk_metro_registers_t *reg);

/**
 * Saves the tariff registers (program only in the power-fail warning).
 * @param t            State.
 * @param program_only true in the power-fail warning (no erase).
 */
void ma304h4_tou_save_registers(ma304h4_tou_t *t, bool program_only);

/**
 * The energy totals were just saved (energy.h): the tariff registers are saved with them, so
 * that after a cut the two are of the same moment. The totals come first: a cut between the
 * two saves leaves the tariff registers older than the totals, and the energy in between goes
 * to the tariff in force at the next start (they still add up to the totals, never more).
 * @param t State.
 */
void ma304h4_tou_energy_saved(ma304h4_tou_t *t);

/**
 * The local time of a UTC instant as a COSEM date-time: deviation in the zone's sign
 * convention, the clock status (invalid, doubtful) and the DST bit.
 * @param t          State.
 * @param utc_s      UTC seconds.
 * @param hundredths Hundredths (0..99, or 0xFF not specified).
 * @param dt         Date-time.
 */
void ma304h4_tou_datetime(const ma304h4_tou_t *t, int64_t utc_s, uint8_t hundredths,
                          msdk_datetime_t *dt);

/**
 * The AMR profile status bits of the clock for a row taken now: clock invalid, DST active.
 * @param t         State.
 * @param utc_s     UTC seconds.
 * @param rtc_valid The RTC's valid flag.
 * @return MSDK_EVLOG_AMR_CLOCK_INVALID and / or MSDK_EVLOG_AMR_DST.
 */
uint8_t ma304h4_tou_amr_status(const ma304h4_tou_t *t, int64_t utc_s, bool rtc_valid);

/**
 * Reads the RTC as UTC milliseconds.
 * @param ms Milliseconds since 1970.
 * @return true when the RTC could be read and holds a valid time.
 */
bool ma304h4_tou_now_ms(int64_t *ms);

/**
 * Carries out a clock engine report: sets the RTC, records events 4/5 (and 6), marks the
 * profiles "clock adjusted", applies a trim; tells the demand and the tariffs.
 * @param t   State.
 * @param rep Report from a msdk_tou_clock_*() call that succeeded (or refused a sync).
 * @return MSDK_OK, or MSDK_ERR_IO when the RTC could not be set.
 */
msdk_err_t ma304h4_tou_apply(ma304h4_tou_t *t, const msdk_tou_clock_report_t *rep);

/* ---- Changes by a client. Each returns MSDK_OK once applied and stored; a refusal changes
 * nothing: MSDK_ERR_INVALID_ARG / MSDK_ERR_MALFORMED (the value is wrong: type-unmatched),
 * MSDK_ERR_NOT_FOUND / MSDK_ERR_NO_SPACE (it names something missing, too many entries:
 * other-reason), MSDK_ERR_BUSY (the day's save budget is spent: temporary-failure),
 * MSDK_ERR_IO (the NVM failed: hardware-fault). ma304h4_tou_dar() maps them. */

/**
 * The data-access-result of a refusal (MSDK_OK: success).
 * @param err Error of a ma304h4_tou_*() change.
 * @return The data-access-result.
 */
uint8_t ma304h4_tou_dar(msdk_err_t err);

/** Zone: the standard deviation (minutes, zone's sign convention), the DST deviation, the DST
 *  begin and end, DST enabled. */
msdk_err_t ma304h4_tou_set_deviation(ma304h4_tou_t *t, int16_t deviation);
msdk_err_t ma304h4_tou_set_dst_deviation(ma304h4_tou_t *t, int16_t deviation);
msdk_err_t ma304h4_tou_set_dst_rule(ma304h4_tou_t *t, const msdk_datetime_t *begin,
                                    const msdk_datetime_t *end);
msdk_err_t ma304h4_tou_set_dst_enabled(ma304h4_tou_t *t, bool enabled);

/**
 * Writes one part of the passive calendar (checked on its own, references not checked).
 * @param t    State.
 * @param part The new calendar: only the part named by @p what is taken from it.
 * @param what 6 name, 7 seasons, 8 weeks, 9 days (the COSEM attribute).
 * @return As above.
 */
msdk_err_t ma304h4_tou_set_passive_part(ma304h4_tou_t *t, const msdk_tou_calendar_t *part,
                                        uint8_t what);

/**
 * Writes activate_passive_calendar_time (year not specified: no activation).
 * @param t  State.
 * @param at The time.
 * @return As above; MSDK_ERR_NOT_FOUND when the passive calendar has a missing reference.
 */
msdk_err_t ma304h4_tou_set_activation(ma304h4_tou_t *t, const msdk_datetime_t *at);

/**
 * activate_passive_calendar (method 1).
 * @param t State.
 * @return As above; MSDK_ERR_NOT_FOUND when the passive calendar has a missing reference.
 */
msdk_err_t ma304h4_tou_activate(ma304h4_tou_t *t);

/** Special days: replace the table, insert an entry, delete the entry with an index. */
msdk_err_t ma304h4_tou_special_days_set(ma304h4_tou_t *t, const msdk_tou_special_day_t *e,
                                        uint16_t n);
msdk_err_t ma304h4_tou_special_days_insert(ma304h4_tou_t *t, const msdk_tou_special_day_t *e);
msdk_err_t ma304h4_tou_special_days_delete(ma304h4_tou_t *t, uint16_t index);

/**
 * A schedule's execution times (type and times; the script is fixed); the schedule is armed at
 * the time of the change (the occurrences before it are not missed ones).
 * @param t     State.
 * @param which The schedule.
 * @param cfg   New configuration (script_ln / script_id must name its script: 0.0.10.0.1.255,
 *              1 for the end of billing, 2 for the daily billing); hour, minute and second of
 *              every execution time specified (a billing runs once per matching day and time).
 * @return As above; MSDK_ERR_NOT_FOUND for another script, MSDK_ERR_NOT_SUPPORTED for a
 *         time with a wildcard (other-reason).
 */
msdk_err_t ma304h4_tou_set_schedule(ma304h4_tou_t *t, ma304h4_sched_id_t which,
                                    const msdk_tou_sched_config_t *cfg);

/**
 * Runs a script of 0.0.10.0.1.255 for a client (its execute method): 1 the end of billing
 * period (ma304h4_tou_billing_by_client()), 2 the daily billing row (within the daily
 * profile's capture budget).
 * @param t  State.
 * @param id Script identifier.
 * @return MSDK_OK, MSDK_ERR_NOT_FOUND for another script, MSDK_ERR_BUSY when the budget is
 *         spent, MSDK_ERR_STATE without a valid clock.
 */
msdk_err_t ma304h4_tou_run_script(ma304h4_tou_t *t, uint16_t id);

/**
 * Demand period and number of periods (the demand restarts; the maxima stay).
 * @param t       State.
 * @param period  Seconds: a divisor of 86400, a multiple of 60, at least
 *                MA304H4_DEMAND_PERIOD_MIN_S.
 * @param periods 1..MSDK_TOU_DEMAND_PERIODS_MAX.
 * @return As above.
 */
msdk_err_t ma304h4_tou_set_demand(ma304h4_tou_t *t, uint32_t period, uint16_t periods);

/**
 * Demand register methods: next_period (close the subinterval now).
 * @param t State.
 * @return MSDK_OK, or MSDK_ERR_STATE without a valid clock.
 */
msdk_err_t ma304h4_tou_demand_next_period(ma304h4_tou_t *t);

/**
 * Runs the end of billing period now (script 1 of 0.0.10.0.1.255): captures the monthly
 * billing profile, closes the maximum demand of the period, counts the billing period.
 * @param t    State.
 * @param late The execution is late (the profile row carries "clock adjusted").
 * @return MSDK_OK, or why it did not run (no valid clock).
 */
msdk_err_t ma304h4_tou_end_of_billing(ma304h4_tou_t *t, bool late);

/**
 * The end of billing period run by a client (the script table's execute): as
 * ma304h4_tou_end_of_billing(), within the monthly billing profile's capture budget
 * (profiles.h), since each run writes a profile row and the billing stores.
 * @param t State.
 * @return MSDK_OK, MSDK_ERR_BUSY when the budget is spent, or as
 *         ma304h4_tou_end_of_billing().
 */
msdk_err_t ma304h4_tou_billing_by_client(ma304h4_tou_t *t);

#endif /* MA304H4_TOU_H */
