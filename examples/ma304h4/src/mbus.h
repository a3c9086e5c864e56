/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4 as M-Bus master of the home area network: up to four water, gas or heat meters
 * on the wired M-Bus (EN 13757-2/-3, libmbus), installed as the meter's M-Bus channels 1..4.
 *
 * Installing (slave_install of the M-Bus client 0.<ch>.24.1.0.255, dlms_mbus.h): with an
 * identification written first (attributes 6..9; a manufacturer, version or medium
 * of 0, 0xFFFF or 0xFF and the nibbles F of the identification are wildcards), the device
 * is selected by its secondary address and given the primary address of the call; without
 * one, the device that answers at that primary address is taken, or else the one at primary
 * address 0 is given it. The channel then holds the device's identification (serial,
 * manufacturer, version, medium) as its header tells, and the channel's configuration (with
 * its key) is stored. A channel is never installed twice, and two channels never share a
 * primary address.
 *
 * Reading: each installed channel is read at every multiple of its capture_period (seconds
 * from midnight UTC; 0: only the capture method) plus 5 s per channel, so the four never
 * start together: SND_NKE, then the multi-telegram readout (REQ_UD2 with toggled FCB until a
 * telegram without DIF 0x1F). Every telegram must carry the channel's identification (another
 * device at the address is a communication error, never data). Encrypted telegrams (OMS
 * modes 5 and 7) are decrypted with the channel's key; no key, or a wrong one, is a
 * communication error and nothing is decoded. The value captured is the record the
 * capture_definition names (DIB and VIB byte for byte), or when it is empty the first
 * instantaneous value of storage 0, tariff 0 of the device's main quantity: energy for heat
 * and cooling meters, volume for the others. Its exponent and unit become the value object's
 * scaler and unit; capture_time is the meter's clock at the reception.
 *
 * Events (M-Bus log, channel index): communication error when a readout fails after the link
 * layer's retries (once, until one succeeds), communication ok when one succeeds again,
 * replace battery (status bit 2) and fraud attempt (application status 3, "abnormal
 * condition") when they appear in the device's status (again only after reset_alarm or after
 * they went away), clock adjusted after synchronize_clock succeeded. The alarm attribute
 * keeps the status bits seen (0..4) until reset_alarm.
 *
 * Bus supply (msdk/port/mbus_power.h): switched on at start; a trip (short circuit,
 * overload) is logged and the supply switched on again every MA304H4_MBUS_POWER_RETRY_MS;
 * meanwhile readouts fail (communication error events).
 *
 * Profiles: the hourly profile 0.<ch>.24.3.0.255 takes a row after the first readout of each
 * hour (clock, status, value, capture_time), profiles.c; the daily billing row holds every
 * channel's value and capture_time.
 *
 * Storage: the four channels' configuration and keys in one snapshot store (libeventlog,
 * MA304H4_MBUS_SECTORS sectors) at the bottom of the layout, saved on each change within a
 * budget (MA304H4_MBUS_SAVES_BURST at once, then one per MA304H4_MBUS_SAVE_INTERVAL_MS); a
 * change that cannot be saved is refused. The values are not stored: after a start they are
 * read again (docs/nvm-format.md). */
#ifndef MA304H4_MBUS_H
#define MA304H4_MBUS_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/cosem/class_mbus.h"
#include "msdk/mbus/master.h"
#include "msdk/port/serial.h"

#include "msdk/eventlog/snapshot.h"

#include "profiles.h"

/** M-Bus channels of the meter. */
#define MA304H4_MBUS_CHANNELS         4u
/** Sectors of the channels' configuration store (a snapshot store: 15 copies a sector). */
#define MA304H4_MBUS_SECTORS          4u
/** capture_period of a new channel, seconds. */
#define MA304H4_MBUS_PERIOD_DEFAULT_S 3600u
/** Shortest capture_period accepted (0 too: no automatic readout). */
#define MA304H4_MBUS_PERIOD_MIN_S     60u
/** Longest capture_period accepted (one day). */
#define MA304H4_MBUS_PERIOD_MAX_S     86400u
/** Offset of channel ch's readouts: (ch - 1) x this. */
#define MA304H4_MBUS_STAGGER_S        5u
/** Retry of the bus supply after a trip. */
#define MA304H4_MBUS_POWER_RETRY_MS   60000u
/** Configuration saves: this many at once (4 devices installed with their identification
 *  and key), then one per interval of uptime. */
#define MA304H4_MBUS_SAVES_BURST      32u
#define MA304H4_MBUS_SAVE_INTERVAL_MS 3600000u
/** Format version of the stored copy. */
#define MA304H4_MBUS_REC_VERSION      1u
/** Bytes of the stored record: the four channels, then comm_speed. */
#define MA304H4_MBUS_REC_BYTES        ((MA304H4_MBUS_CHANNELS * 58u) + 1u)
/** Longest a readout gathers (telegrams of one readout). */
#define MA304H4_MBUS_TELEGRAMS        8u

/** What a channel is set to do (stored). */
typedef struct ma304h4_mbus_cfg {
    bool installed;
    uint8_t primary;           /* primary address, 1..250 (the attribute; 0 not set) */
    uint32_t id;               /* identification as BCD digits (0x12345678), 0: none */
    uint16_t manufacturer;     /* 0: none (0xFFFF wildcard at install) */
    uint8_t version;           /* 0xFF wildcard at install */
    uint8_t medium;            /* 0xFF wildcard at install */
    uint32_t capture_period_s; /* 0: only the capture method */
    uint8_t def_n;             /* capture_definition elements, 0 or 1 */
    msdk_cosem_mbus_capture_elem_t def;
    uint8_t key_status; /* msdk_cosem_mbus_key_status_t */
    uint8_t key[MSDK_COSEM_MBUS_KEY_SIZE];
    /* The scaler and unit of the channel's last value (kept across restarts and a deinstall,
     * so that the profile rows stay readable until a value of another unit comes). */
    int8_t su_scaler;
    uint8_t su_unit; /* 0: none yet */
} ma304h4_mbus_cfg_t;

/** Operations a channel waits for (bits). */
#define MA304H4_MBUS_JOB_INSTALL 0x01u
#define MA304H4_MBUS_JOB_READ    0x02u
#define MA304H4_MBUS_JOB_SYNC    0x04u

/** One channel: its configuration and what the last readout gave. */
typedef struct ma304h4_mbus_chan {
    ma304h4_mbus_cfg_t cfg;
    uint8_t jobs;           /* MA304H4_MBUS_JOB_* waiting */
    uint8_t install_addr;   /* primary address of the install waiting */
    bool has_value;         /* a value was captured since the start */
    int64_t value;          /* the value (x 10^scaler unit) */
    int8_t scaler;          /* its exponent */
    uint8_t unit;           /* its Blue Book unit */
    int64_t capture_s;      /* when (UTC s), INT64_MIN: never */
    uint8_t access_number;  /* of the last telegram */
    uint8_t status;         /* status byte of the last telegram */
    uint16_t configuration; /* configuration field of the last telegram */
    uint8_t alarm;          /* status bits 0..4 seen since the last reset_alarm */
    bool comm_error;        /* the last readout failed (event raised) */
    uint8_t flagged;        /* battery / fraud events raised (0x04 / 0x03 bits) */
    int64_t next_s;         /* next periodic readout (UTC s), INT64_MIN: to be planned */
    int64_t row_hour;       /* hour (UTC s / 3600) of the last hourly row */
    uint32_t reads;         /* readouts tried */
    uint32_t read_errors;   /* readouts failed */
} ma304h4_mbus_chan_t;

/** The M-Bus master of the meter. */
typedef struct ma304h4_mbus {
    struct ma304h4_app *app;
    const msdk_serial_t *port; /* MSDK_BOARD_SERIAL_MBUS, NULL: no M-Bus */
    msdk_mbus_master_t master;
    ma304h4_mbus_chan_t ch[MA304H4_MBUS_CHANNELS];
    uint8_t baud_code; /* comm_speed of the port setup (msdk_cosem_mbus_baud_t) */
    /* the operation running */
    uint8_t job;                /* MA304H4_MBUS_JOB_* of the channel in `job_ch`, 0: none */
    uint8_t job_ch;             /* channel index 0..3 */
    uint8_t step;               /* step of the job */
    uint8_t tries_addr;         /* install: the address being tried */
    ma304h4_mbus_cfg_t pending; /* install: the identification found */
    bool job_ok;                /* the readout found its value (staged below) */
    bool job_cancel;            /* the channel was deinstalled while its job ran */
    int64_t stage_value; /* the value found: the channel takes it when the readout ends well */
    int8_t stage_scaler;
    uint8_t stage_unit;
    int64_t stage_s;
    uint8_t stage_access; /* header fields of the readout's first telegram, staged too */
    uint8_t stage_status;
    uint16_t stage_config;
    uint8_t telegrams;  /* telegrams of the readout */
    msdk_err_t job_err; /* why the job failed (board log) */
    /* the link */
    uint8_t tx[MSDK_MBUS_FRAME_MAX_LEN];
    uint16_t tx_len; /* bytes of tx not yet taken by the UART */
    uint16_t tx_off;
    /* supply */
    bool power_fitted;
    bool power_tripped;
    uint64_t power_retry_ms;
    /* storage */
    msdk_evlog_snap_t store;
    bool stored; /* the store is usable */
    ma304h4_budget_t save_budget;
    uint8_t buf[MA304H4_MBUS_CHANNELS * 64u];
    uint32_t damage;
} ma304h4_mbus_t;

struct ma304h4_app;

/**
 * Starts the M-Bus master: the channels from storage (the store ends at byte @p top of the
 * data NVM, MA304H4_MBUS_SECTORS sectors below it), the UART at 2400 Bd 8E1, the bus supply.
 * @param mb  State.
 * @param app The application (events, clock, profiles).
 * @param top End of the range the record may use.
 * @return MSDK_OK, or why the channels are in RAM only (the master runs anyway).
 */
msdk_err_t ma304h4_mbus_open(ma304h4_mbus_t *mb, struct ma304h4_app *app, uint32_t top);

/**
 * One pass from the main loop: the bus supply, the readouts that are due, the link.
 * @param mb State.
 * @return Milliseconds until it needs the next pass.
 */
uint32_t ma304h4_mbus_poll(ma304h4_mbus_t *mb);

/**
 * Queues an install on channel @p ch (0..3) with primary address @p addr (1..250).
 * @return An action-result.
 */
uint8_t ma304h4_mbus_install(ma304h4_mbus_t *mb, uint8_t ch, uint8_t addr);

/** Deinstalls channel @p ch (stored at once). @return An action-result. */
uint8_t ma304h4_mbus_deinstall(ma304h4_mbus_t *mb, uint8_t ch);

/** Queues a readout of channel @p ch. @return An action-result. */
uint8_t ma304h4_mbus_capture(ma304h4_mbus_t *mb, uint8_t ch);

/** Queues the clock synchronisation of channel @p ch. @return An action-result. */
uint8_t ma304h4_mbus_sync_clock(ma304h4_mbus_t *mb, uint8_t ch);

/**
 * Applies and stores a change of channel @p ch's configuration (the caller checked it).
 * @param mb  State.
 * @param ch  Channel 0..3.
 * @param cfg The new configuration.
 * @return MSDK_OK, MSDK_ERR_BUSY when the save budget is spent, or the NVM's error (nothing
 *         changed then).
 */
msdk_err_t ma304h4_mbus_configure(ma304h4_mbus_t *mb, uint8_t ch, const ma304h4_mbus_cfg_t *cfg);

/**
 * Changes the link's speed (the port setup's comm_speed) and stores it: from the next
 * operation on, the UART and the master run at @p baud.
 * @param mb   State.
 * @param code comm_speed, 0..7.
 * @param baud Its rate, 300..38400.
 * @return MSDK_OK; MSDK_ERR_BUSY while an operation runs or when the save budget is spent;
 *         the UART's or the NVM's error (nothing changed then).
 */
msdk_err_t ma304h4_mbus_set_baud(ma304h4_mbus_t *mb, uint8_t code, uint32_t baud);

/** A scaler/unit as stored in profile rows: (scaler + 128) x 256 + unit; this when none. */
#define MA304H4_MBUS_SU_NONE INT64_C(-1)

/**
 * The scaler/unit of channel @p ch's value now, as profile rows store it.
 * @param mb State.
 * @param ch Channel 0..3.
 * @return The code, or MA304H4_MBUS_SU_NONE when the channel has no value.
 */
int64_t ma304h4_mbus_su(const ma304h4_mbus_t *mb, uint8_t ch);

/**
 * The profile rows' M-Bus channels: per channel its value, capture time (UTC s; INT64_MIN
 * when none) and scaler/unit (ma304h4_mbus_su()).
 * @param mb     State.
 * @param values 3 x MA304H4_MBUS_CHANNELS values.
 */
void ma304h4_mbus_columns(const ma304h4_mbus_t *mb, int64_t *values);

#endif /* MA304H4_MBUS_H */
