/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's profiles in the data NVM (libeventlog capture engine, msdk/eventlog/profile.h),
 * below the event logs, and their Profile generic objects:
 *
 * - load profile 1, 1.0.99.1.0.255: 1..4 register channels and a capture period of 5, 10,
 *   15, 30 or 60 minutes set by the management client (default +A, -A, +R, -R every
 *   15 min), 16,827 rows (175 days of 15 minutes);
 * - power quality, 1.0.99.1.1.255: V avg/min/max and I avg of each phase every 10 min,
 *   7 days;
 * - daily billing, 1.0.99.2.0.255: at each local midnight (the daily schedule, tou.h), +A,
 *   -A, +R, -R, +A and -A of tariffs 1..4, 192 days;
 * - monthly billing, 0.0.98.1.0.255: at each end of billing period, +A, -A, +R, -R, +A and -A
 *   of tariffs 1..4, and the maximum demand +A and -A of the period that ends with its time,
 *   80 periods.
 *
 * Every row has the clock and the AMR profile status (0.0.96.10.1.255) before its channels.
 * Energies in mWh / mvarh (the registers' scaler -3 Wh), voltages in mV, currents in mA.
 * The monthly row is taken by the end of billing period (tou.h: the single action schedule
 * 0.0.15.0.0.255, by default at local midnight starting day 1 of each month), once per
 * period; a late execution (the meter was off, or the clock jumped over it) has "clock
 * adjusted"; so is the daily row, by the daily schedule at every local midnight. Rows carry
 * the DST bit of the local time.
 *
 * Entries in use (attribute 7) are at most profile_entries (8), the logs' capacities: a log
 * holds up to one sector more, and the buffer shows the newest profile_entries rows. A read
 * of the buffer keeps the rows it began with while it goes on over many blocks
 * (ma304h4_dlms_rows_begin()): rows captured meanwhile are not in it, and a row the ring
 * evicts before the read reaches it ends the read with an error, never with a jump.
 *
 * Wear by the management client (method 1 reset, method 2 capture of every profile; SET of
 * the load profile's capture_objects or capture_period, which clears it, counts as a
 * reset): each profile has a budget of resets and of captures in RAM, a burst, then one
 * more per interval of uptime (MA304H4_RESET_*, MA304H4_CAPTURE_*; the uptime, not the
 * clock, which the client sets). A call over its budget answers temporary-failure and
 * changes nothing; a call the budget allows and that then fails still counts.
 * A sector of a log (S sectors of R rows) is erased when it becomes the head (a reclaim:
 * a row for a full head sector, and the fresh head of every reset) and by a reset (every
 * other sector, once). The head goes round the ring, a sector a reclaim, so in a time with
 * n resets and a rows (client captures and periodic rows) one sector is erased at most
 * n + min(a / R, (n + a / R) / S) + 2 times. The aim: no sector past 10 % of 100,000 cycles
 * in 20 years (7305 days), 1.37 erases a day. With a reset a day and the captures allowed:
 * - load profile, S 214, R 79: a <= 288 (5-minute period) + 96 (a capture per 15 min)
 *   = 384 a day: 1 + (1 + 4.86) / 214 = 1.03 a day;
 * - power quality, S 33, R 32: a <= 144 + 24 (one per hour) = 168: 1 + (1 + 5.25) / 33
 *   = 1.19;
 * - daily billing, S 4, R 79: a <= 1 + 12 (one per 2 h) = 13: 1 + 13 / 79 = 1.17;
 * - monthly billing, S 2, R 79: a <= 0.04 + 12: 1 + 12.04 / 79 = 1.16.
 * The bursts come again at every start (the budget is in RAM): at most 3 erases of a
 * sector each (2 resets, one of them with a full head); the margin of 0.18 a day (1300
 * erases in 20 years) covers 430 starts, one every 17 days. Keeping the budget in RAM is
 * acceptable because no client can restart the meter: there is no remote restart (no
 * method or command restarts it; a start needs a power cut or a watchdog reset). The
 * selection store of the load profile (2 sectors of 80 copies) takes a copy per change:
 * 1 / 80 erase a day. Setting the clock is not budgeted here (the clock's own rules).
 *
 * The load profile's channels are Register objects of the logical device (dlms.h: energy
 * totals, instantaneous power, voltages, currents, frequency, power factor; attribute 2), and
 * each cell has the A-XDR type and scaling of its register's value. Energies are taken from
 * the metrology's registers at the capture, the other values as their registers show them
 * (the last metrology second). Its log keeps rows of 4 channels whatever the selection
 * (unused channels are stored as 0 and not shown). The selection (channels and period) is
 * kept in a snapshot store below the monthly profile (docs/nvm-format.md). A change by
 * SET of capture_objects or capture_period clears the load profile, then saves the new
 * selection, then mounts the profile again with its period: a power cut between the two
 * leaves an empty profile with the old selection. The change records events 254 (load
 * profile cleared) and 47 (one or more parameters changed). The rows of the first period
 * after a change carry the power down bit, as after a start (the engine's mount). */
#ifndef MA304H4_PROFILES_H
#define MA304H4_PROFILES_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/cosem/classes.h"
#include "msdk/eventlog/profile.h"
#include "msdk/eventlog/snapshot.h"

#include "dlms.h"

/** The profiles. */
typedef enum ma304h4_profile_id {
    MA304H4_PROFILE_LOAD = 0,
    MA304H4_PROFILE_QUALITY = 1,
    MA304H4_PROFILE_DAILY = 2,
    MA304H4_PROFILE_MONTHLY = 3,
    MA304H4_PROFILE_MBUS1 = 4, /* the hourly profiles 0.<ch>.24.3.0.255 of M-Bus channels 1..4 */
    MA304H4_PROFILE_MBUS4 = 7,
    MA304H4_PROFILES = 8
} ma304h4_profile_id_t;

/** Sectors of each profile's log (4 KiB sectors), of the load profile's selection store,
 *  and of them all. */
#define MA304H4_LOAD_SECTORS         214u /* 79 rows a sector: 16,827 rows >= 175 x 96 */
#define MA304H4_QUALITY_SECTORS      33u  /* 32 rows a sector: 1,024 rows >= 7 x 144 */
#define MA304H4_DAILY_SECTORS        13u  /* 16 rows a sector: 192 rows >= 175 days */
#define MA304H4_OLD_DAILY_SECTORS    7u   /* the earlier layout's daily log (12 channels) */
#define MA304H4_MONTHLY_SECTORS      6u   /* 16 rows a sector: 80 rows */
#define MA304H4_MBUS_PROFILE_SECTORS 9u   /* 95 rows a sector: 760 rows >= 31 days x 24 */
#define MA304H4_LOAD_SEL_SECTORS     2u   /* 80 copies a sector */
/* From the data NVM's top: the profiles of the first layout (the daily log's place holds the
 * earlier 12-channel daily log) and the selection; at the bottom of the layout the logs added
 * since: the M-Bus hourly profiles and the daily log of 24 channels. */
#define MA304H4_PROFILE_SECTORS                                                                    \
    (MA304H4_LOAD_SECTORS + MA304H4_QUALITY_SECTORS + MA304H4_OLD_DAILY_SECTORS +                  \
     MA304H4_MONTHLY_SECTORS + MA304H4_LOAD_SEL_SECTORS)
#define MA304H4_PROFILE_EXT_SECTORS ((4u * MA304H4_MBUS_PROFILE_SECTORS) + MA304H4_DAILY_SECTORS)

/** Register channels of the load profile (after its clock and AMR status columns). */
#define MA304H4_LOAD_CHANNELS 4u

/** Budget of the management client's resets of each profile (the load profile's changes of
 *  capture_objects and capture_period included): 2 at once, then one more per 24 h of
 *  uptime. */
#define MA304H4_RESET_BURST        2u
#define MA304H4_RESET_INTERVAL_MS  86400000u
/** Budget of its captures of each profile: 4 at once, then one more per interval of uptime:
 *  15 min for the load profile, 1 h for power quality, 2 h for the billing profiles (the
 *  arithmetic is above). */
#define MA304H4_CAPTURE_BURST      4u
#define MA304H4_CAPTURE_LOAD_MS    900000u
#define MA304H4_CAPTURE_QUALITY_MS 3600000u
#define MA304H4_CAPTURE_BILLING_MS 7200000u

/** A budget of calls: a burst, then one more per interval of uptime. */
typedef struct ma304h4_budget {
    uint64_t due_ms; /* uptime at which it is full again (the burst ready) */
} ma304h4_budget_t;

/**
 * Whether a budget of @p burst calls at once and one more per @p interval_ms of uptime has a
 * call left (a virtual schedule: due_ms runs ahead of the uptime by the calls not yet paid
 * for).
 * @param bg          Budget.
 * @param burst       Calls at once.
 * @param interval_ms Uptime that pays for one call.
 * @return true when a call may be made.
 */
bool ma304h4_budget_ready(const ma304h4_budget_t *bg, uint32_t burst, uint32_t interval_ms);

/**
 * Charges one call to a budget (also beyond the burst: a save the meter must make delays the
 * clients' next ones).
 * @param bg          Budget.
 * @param interval_ms Uptime that pays for one call.
 */
void ma304h4_budget_charge(ma304h4_budget_t *bg, uint32_t interval_ms);

/** One profile shown over DLMS, with the row last read (a GET reads each row once per
 *  column and once for its time). */
typedef struct ma304h4_profile_binding {
    struct ma304h4_app *app;
    ma304h4_profile_id_t which;
    ma304h4_rows_pin_t pin; /* the reads going on */
    bool cached;            /* `row` holds the entry asked for as `seq` */
    uint32_t seq;           /* sequence number asked for */
    msdk_evlog_row_t row;   /* what it reads as */
} ma304h4_profile_binding_t;

/** What the load profile captures: its channels and period. */
typedef struct ma304h4_load_sel {
    uint8_t n;                              /* register channels, 1..MA304H4_LOAD_CHANNELS */
    uint8_t reading[MA304H4_LOAD_CHANNELS]; /* their readings (reading_t, dlms.h) */
    uint32_t period_s;                      /* 300, 600, 900, 1800 or 3600 */
} ma304h4_load_sel_t;

/** The profiles' state. */
typedef struct ma304h4_profiles {
    msdk_evlog_profile_t p[MA304H4_PROFILES];
    bool ok[MA304H4_PROFILES]; /* mounted */
    ma304h4_profile_binding_t bind[MA304H4_PROFILES];
    ma304h4_load_sel_t load;      /* the load profile's selection */
    msdk_evlog_snap_t load_store; /* where it is kept */
    msdk_evlog_snap_config_t load_store_cfg;
    bool load_stored; /* the store is open */
    /* The load profile's capture objects: clock, AMR status, the channels. */
    msdk_cosem_capture_def_t load_cols[2u + MA304H4_LOAD_CHANNELS];
    /* The management client's budgets (the arithmetic is above). */
    ma304h4_budget_t reset_budget[MA304H4_PROFILES];
    ma304h4_budget_t capture_budget[MA304H4_PROFILES];
    msdk_evlog_profile_t old_daily; /* the earlier layout's daily log (read once) */
    bool old_daily_ok;
    const msdk_evlog_row_t *migrating; /* its row being taken over */
    uint32_t damage;                   /* damaged items the mounts met (msdk_evlog_log_damage()) */
    bool error_logged;                 /* a capture failure was logged on the board log */
} ma304h4_profiles_t;

/**
 * Mounts the profiles' logs, which end at byte @p top of the data NVM, with the load
 * profile's selection restored from its store below them (the default when there is none).
 * @param pr  Profiles.
 * @param app The application (the channels' values).
 * @param top End of the range the profiles may use.
 * @return MSDK_OK, or the first error (the profiles that mounted work).
 */
msdk_err_t ma304h4_profiles_open(ma304h4_profiles_t *pr, struct ma304h4_app *app, uint32_t top);

/**
 * Mounts the logs at the bottom of the layout (the M-Bus hourly profiles, the daily billing
 * log), which end at byte @p top, and takes the earlier layout's daily rows over.
 * @param pr  Profiles (ma304h4_profiles_open() first).
 * @param top End of the range.
 * @return MSDK_OK, or the first error.
 */
msdk_err_t ma304h4_profiles_open_ext(ma304h4_profiles_t *pr, uint32_t top);

/**
 * Takes the rows that are due, from the main loop.
 * @param pr Profiles.
 */
void ma304h4_profiles_poll(ma304h4_profiles_t *pr);

/**
 * A billing row now (the end of a billing period, or the daily billing).
 * @param pr    Profiles.
 * @param which MA304H4_PROFILE_MONTHLY or MA304H4_PROFILE_DAILY.
 * @param late  The execution is late: the row carries "clock adjusted".
 * @return MSDK_OK, or why no row was stored.
 */
msdk_err_t ma304h4_profiles_billing(ma304h4_profiles_t *pr, ma304h4_profile_id_t which, bool late);

/**
 * A row of M-Bus channel @p ch's hourly profile now (after a readout): its value and capture
 * time (mbus.h).
 * @param pr        Profiles.
 * @param ch        Channel 0..3.
 * @param not_valid The readout failed: the row carries "data not valid" (and the last value).
 */
void ma304h4_profiles_mbus_row(ma304h4_profiles_t *pr, uint8_t ch, bool not_valid);

/**
 * Takes one capture from a profile's capture budget (the Profile generic capture method's).
 * @param pr    Profiles.
 * @param which The profile.
 * @return false, and nothing taken, when the budget is spent.
 */
bool ma304h4_profiles_capture_allowed(ma304h4_profiles_t *pr, ma304h4_profile_id_t which);

/**
 * The clock was set: every profile's current period gets "clock adjusted".
 * @param pr Profiles.
 */
void ma304h4_profiles_clock_set(ma304h4_profiles_t *pr);

/**
 * The Profile generic definition of a profile, for the logical device (its context is
 * &pr->bind[which]).
 * @param which The profile.
 * @return The definition.
 */
const msdk_cosem_profile_def_t *ma304h4_profiles_def(ma304h4_profile_id_t which);

#endif /* MA304H4_PROFILES_H */
