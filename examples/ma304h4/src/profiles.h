/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's profiles in the data NVM (libeventlog capture engine, msdk/eventlog/profile.h),
 * below the event logs, and their Profile generic objects:
 *
 * | profile                    | object          | period      | channels                  | kept |
 * |----------------------------|-----------------|-------------|---------------------------|---------------|
 * | load profile 1             | 1.0.99.1.0.255  | 15 min      | +A, -A, +R, -R            | 175
 * days      | | power quality              | 1.0.99.1.1.255  | 10 min      | V avg/min/max, I avg x
 * 3  | 7 days        | | daily billing              | 1.0.99.2.0.255  | 00:00 UTC   | +A, -A, +R,
 * -R            | 237 days      | | monthly billing            | 0.0.98.1.0.255  | month start |
 * +A, -A, +R, -R            | 79 months     |
 *
 * Every row has the clock and the AMR profile status (0.0.96.10.1.255) before its channels.
 * Energies in mWh / mvarh (the registers' scaler -3 Wh), voltages in mV, currents in mA.
 * The monthly row is taken at the first poll in a new calendar month (UTC) after a row of
 * an earlier month, or the first month seen; the times are UTC until the clock has a time
 * zone (issue 8). */
#ifndef MA304H4_PROFILES_H
#define MA304H4_PROFILES_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/cosem/classes.h"
#include "msdk/eventlog/profile.h"

/** The profiles. */
typedef enum ma304h4_profile_id {
    MA304H4_PROFILE_LOAD = 0,
    MA304H4_PROFILE_QUALITY = 1,
    MA304H4_PROFILE_DAILY = 2,
    MA304H4_PROFILE_MONTHLY = 3,
    MA304H4_PROFILES = 4
} ma304h4_profile_id_t;

/** Sectors of each profile's log (4 KiB sectors) and of them all. */
#define MA304H4_LOAD_SECTORS    214u /* 79 rows a sector: 16,827 rows >= 175 x 96 */
#define MA304H4_QUALITY_SECTORS 33u  /* 32 rows a sector: 1,024 rows >= 7 x 144 */
#define MA304H4_DAILY_SECTORS   4u   /* 237 rows >= 175 days */
#define MA304H4_MONTHLY_SECTORS 2u   /* 79 rows */
#define MA304H4_PROFILE_SECTORS                                                                    \
    (MA304H4_LOAD_SECTORS + MA304H4_QUALITY_SECTORS + MA304H4_DAILY_SECTORS +                      \
     MA304H4_MONTHLY_SECTORS)

/** One profile shown over DLMS, with the row last read (a GET reads each row once per
 *  column and once for its time). */
typedef struct ma304h4_profile_binding {
    struct ma304h4_app *app;
    ma304h4_profile_id_t which;
    bool cached;          /* `row` holds the entry asked for as `seq` */
    uint32_t seq;         /* sequence number asked for */
    msdk_evlog_row_t row; /* what it reads as */
} ma304h4_profile_binding_t;

/** The profiles' state. */
typedef struct ma304h4_profiles {
    msdk_evlog_profile_t p[MA304H4_PROFILES];
    bool ok[MA304H4_PROFILES]; /* mounted */
    ma304h4_profile_binding_t bind[MA304H4_PROFILES];
    int32_t month;     /* year x 12 + month of the newest monthly row or of the first poll
                          (-1: not known yet) */
    uint32_t damage;   /* damaged items the mounts met (msdk_evlog_log_damage()) */
    bool error_logged; /* a capture failure was logged on the board log */
} ma304h4_profiles_t;

/**
 * Mounts the profiles' logs, which end at byte @p top of the data NVM.
 * @param pr  Profiles.
 * @param app The application (the channels' values).
 * @param top End of the range the profiles may use.
 * @return MSDK_OK, or the first error (the profiles that mounted work).
 */
msdk_err_t ma304h4_profiles_open(ma304h4_profiles_t *pr, struct ma304h4_app *app, uint32_t top);

/**
 * Takes the rows that are due, from the main loop.
 * @param pr Profiles.
 */
void ma304h4_profiles_poll(ma304h4_profiles_t *pr);

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
