/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.eventlog / evlog_events: the event logs (msdk/eventlog/events.h) over the fake NOR
 * flash and its power-cut injector.
 *
 * The expected IDIS codes are written below from ../shared/design/EVENTS.md, kind by kind,
 * not taken from the library's table. Byte layouts are worked out by hand from the header
 * (payload: code u16 LE, index u8, flags u8, value i64 LE) and docs/nvm-format.md. The
 * power-cut sweep records a simulated outage over all six logs (wrapping some of them) and,
 * after every program/erase cut point, each cut mode and both after-cut behaviours, reboots
 * and checks I3 and I7 of EVENTS.md. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include "evlog_check.h"
#include "fake_nvm.h"
#include "msdk/core/byteorder.h"
#include "msdk/core/crc.h"
#include "msdk/eventlog/events.h"

Suite *evlog_events_suite(void);

/* ---- Geometry (worked by hand) -----------------------------------------------------------
 *
 * Sector 256, page 64, prog_align 1; an event record is 16 + 12 = 28 bytes. The sector header
 * takes [0, 16); page 0 keeps one slot at 16 ([44, 64) is too short); pages 1..3 two each at
 * 64, 92, 128, 156, 192, 220: 7 slots a sector. 16 sectors: the standard log takes sectors
 * 0..2 (capacity 7 x 2 = 14), the other five logs two sectors each (3..4, 5..6, 7..8, 9..10,
 * 11..12; capacity 7); sectors 13..15 stay free. */
#define SECTOR    256u
#define SECTORS   16u
#define SLOTS     7u
#define MEM_SIZE  (SECTORS * SECTOR)
#define USED_SECS 13u

static const msdk_nvm_geometry_t geo = { MEM_SIZE, SECTOR, 64u, 1u };
static const uint32_t log_sectors[MSDK_EVLOG_LOGS] = { 3u, 2u, 2u, 2u, 2u, 2u };
static const uint32_t log_first_sector[MSDK_EVLOG_LOGS] = { 0u, 3u, 5u, 7u, 9u, 11u };
static const uint32_t slot_at[SLOTS] = { 16u, 64u, 92u, 128u, 156u, 192u, 220u };

static uint8_t mem[MEM_SIZE];
static uint8_t scratch[SECTOR];
static msdk_fake_nvm_t flash;
static msdk_fake_nvm_cut_t cut;

static uint32_t capacity_of(uint8_t log)
{
    return SLOTS * (log_sectors[log] - 1u);
}

static msdk_evlog_events_config_t config_over(const msdk_nvm_t *nvm,
                                              const msdk_evlog_numbering_t *profile)
{
    msdk_evlog_events_config_t c;
    memset(&c, 0, sizeof(c));
    c.nvm = nvm;
    for (uint32_t i = 0; i < MSDK_EVLOG_LOGS; i++) {
        c.base[i] = log_first_sector[i] * SECTOR;
        c.sectors[i] = log_sectors[i];
    }
    c.profile = profile;
    return c;
}

/* A blank chip behind a disarmed injector. */
static void blank(void)
{
    memset(mem, 0xFF, sizeof(mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
}

static void mount_ok(msdk_evlog_events_t *ev)
{
    const msdk_evlog_events_config_t c = config_over(&cut.nvm, NULL);
    ck_assert_int_eq(msdk_evlog_events_mount(ev, &c), MSDK_OK);
}

/* The newest entry of a log. */
static msdk_evlog_event_t newest(const msdk_evlog_events_t *ev, uint8_t log)
{
    const msdk_evlog_log_t *l = msdk_evlog_events_log(ev, log);
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_gt(msdk_evlog_log_count(l), 0u);
    msdk_evlog_event_t e;
    ck_assert_int_eq(msdk_evlog_events_read(ev, log, msdk_evlog_log_last(l), &e), MSDK_OK);
    return e;
}

/* Sectors outside the logs are never touched. */
static void assert_free_sectors_blank(void)
{
    for (uint32_t i = USED_SECS * SECTOR; i < MEM_SIZE; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
}

/* ---- The IDIS numbering (EVENTS.md, written out independently) ---------------------------- */

typedef struct idis_row {
    msdk_evlog_kind_t kind;
    uint8_t log;
    uint16_t code[4]; /* by index 1..n; code[0] alone for a kind without index */
    uint8_t n;        /* indices taken (0: none) */
} idis_row_t;

static const idis_row_t idis[] = {
    /* Standard event log 0.0.99.98.0.255 */
    { MSDK_EVK_POWER_DOWN, MSDK_EVLOG_STANDARD, { 1 }, 0 },
    { MSDK_EVK_POWER_UP, MSDK_EVLOG_STANDARD, { 2 }, 0 },
    { MSDK_EVK_DST_CHANGED, MSDK_EVLOG_STANDARD, { 3 }, 0 },
    { MSDK_EVK_CLOCK_ADJUSTED_OLD, MSDK_EVLOG_STANDARD, { 4 }, 0 },
    { MSDK_EVK_CLOCK_ADJUSTED_NEW, MSDK_EVLOG_STANDARD, { 5 }, 0 },
    { MSDK_EVK_CLOCK_INVALID, MSDK_EVLOG_STANDARD, { 6 }, 0 },
    { MSDK_EVK_BATTERY_REPLACE, MSDK_EVLOG_STANDARD, { 7 }, 0 },
    { MSDK_EVK_BATTERY_LOW, MSDK_EVLOG_STANDARD, { 8 }, 0 },
    { MSDK_EVK_TOU_ACTIVATED, MSDK_EVLOG_STANDARD, { 9 }, 0 },
    { MSDK_EVK_ERROR_REGISTER_CLEARED, MSDK_EVLOG_STANDARD, { 10 }, 0 },
    { MSDK_EVK_ALARM_REGISTER_CLEARED, MSDK_EVLOG_STANDARD, { 11 }, 0 },
    { MSDK_EVK_PROGRAM_MEMORY_ERROR, MSDK_EVLOG_STANDARD, { 12 }, 0 },
    { MSDK_EVK_RAM_ERROR, MSDK_EVLOG_STANDARD, { 13 }, 0 },
    { MSDK_EVK_NVM_ERROR, MSDK_EVLOG_STANDARD, { 14 }, 0 },
    { MSDK_EVK_WATCHDOG_ERROR, MSDK_EVLOG_STANDARD, { 15 }, 0 },
    { MSDK_EVK_MEASUREMENT_ERROR, MSDK_EVLOG_STANDARD, { 16 }, 0 },
    { MSDK_EVK_FIRMWARE_READY, MSDK_EVLOG_STANDARD, { 17 }, 0 },
    { MSDK_EVK_FIRMWARE_ACTIVATED, MSDK_EVLOG_STANDARD, { 18 }, 0 },
    { MSDK_EVK_PASSIVE_TOU_PROGRAMMED, MSDK_EVLOG_STANDARD, { 19 }, 0 },
    { MSDK_EVK_PARAMETERS_CHANGED, MSDK_EVLOG_STANDARD, { 47 }, 0 },
    { MSDK_EVK_KEYS_CHANGED, MSDK_EVLOG_STANDARD, { 48 }, 0 },
    { MSDK_EVK_FIRMWARE_VERIFY_FAILED, MSDK_EVLOG_STANDARD, { 51 }, 0 },
    { MSDK_EVK_PHASE_SEQUENCE_REVERSAL, MSDK_EVLOG_STANDARD, { 88 }, 0 },
    { MSDK_EVK_MISSING_NEUTRAL, MSDK_EVLOG_STANDARD, { 89 }, 0 },
    { MSDK_EVK_LOAD_PROFILE_CLEARED, MSDK_EVLOG_STANDARD, { 254 }, 0 },
    /* Fraud detection log 0.0.99.98.1.255 */
    { MSDK_EVK_TERMINAL_COVER_OPENED, MSDK_EVLOG_FRAUD, { 40 }, 0 },
    { MSDK_EVK_TERMINAL_COVER_CLOSED, MSDK_EVLOG_FRAUD, { 41 }, 0 },
    { MSDK_EVK_MAGNETIC_FIELD, MSDK_EVLOG_FRAUD, { 42 }, 0 },
    { MSDK_EVK_MAGNETIC_FIELD_GONE, MSDK_EVLOG_FRAUD, { 43 }, 0 },
    { MSDK_EVK_METER_COVER_OPENED, MSDK_EVLOG_FRAUD, { 44 }, 0 },
    { MSDK_EVK_METER_COVER_CLOSED, MSDK_EVLOG_FRAUD, { 45 }, 0 },
    { MSDK_EVK_AUTH_FAILURE, MSDK_EVLOG_FRAUD, { 46 }, 0 },
    { MSDK_EVK_DECRYPT_FAILURE, MSDK_EVLOG_FRAUD, { 49 }, 0 },
    { MSDK_EVK_REPLAY_ATTACK, MSDK_EVLOG_FRAUD, { 50 }, 0 },
    /* Disconnector control log 0.0.99.98.2.255 */
    { MSDK_EVK_READY_FOR_RECONNECTION, MSDK_EVLOG_DISCONNECTOR, { 59 }, 0 },
    { MSDK_EVK_MANUAL_DISCONNECTION, MSDK_EVLOG_DISCONNECTOR, { 60 }, 0 },
    { MSDK_EVK_MANUAL_CONNECTION, MSDK_EVLOG_DISCONNECTOR, { 61 }, 0 },
    { MSDK_EVK_REMOTE_DISCONNECTION, MSDK_EVLOG_DISCONNECTOR, { 62 }, 0 },
    { MSDK_EVK_REMOTE_CONNECTION, MSDK_EVLOG_DISCONNECTOR, { 63 }, 0 },
    { MSDK_EVK_LOCAL_DISCONNECTION, MSDK_EVLOG_DISCONNECTOR, { 64 }, 0 },
    { MSDK_EVK_LIMITER_EXCEEDED, MSDK_EVLOG_DISCONNECTOR, { 65 }, 0 },
    { MSDK_EVK_LIMITER_OK, MSDK_EVLOG_DISCONNECTOR, { 66 }, 0 },
    { MSDK_EVK_LIMITER_CHANGED, MSDK_EVLOG_DISCONNECTOR, { 67 }, 0 },
    { MSDK_EVK_DISCONNECT_FAILURE, MSDK_EVLOG_DISCONNECTOR, { 68 }, 0 },
    { MSDK_EVK_LOCAL_RECONNECTION, MSDK_EVLOG_DISCONNECTOR, { 69 }, 0 },
    /* M-Bus event log 0.0.99.98.3.255: channel 1 at 100, 2 at 110, 3 at 120, 4 at 130 */
    { MSDK_EVK_MBUS_COMM_ERROR, MSDK_EVLOG_MBUS, { 100, 110, 120, 130 }, 4 },
    { MSDK_EVK_MBUS_COMM_OK, MSDK_EVLOG_MBUS, { 101, 111, 121, 131 }, 4 },
    { MSDK_EVK_MBUS_BATTERY, MSDK_EVLOG_MBUS, { 102, 112, 122, 132 }, 4 },
    { MSDK_EVK_MBUS_FRAUD, MSDK_EVLOG_MBUS, { 103, 113, 123, 133 }, 4 },
    { MSDK_EVK_MBUS_CLOCK_ADJUSTED, MSDK_EVLOG_MBUS, { 104, 114, 124, 134 }, 4 },
    /* Power quality log 0.0.99.98.4.255: L1..L3 */
    { MSDK_EVK_UNDERVOLTAGE, MSDK_EVLOG_POWER_QUALITY, { 76, 77, 78 }, 3 },
    { MSDK_EVK_OVERVOLTAGE, MSDK_EVLOG_POWER_QUALITY, { 79, 80, 81 }, 3 },
    { MSDK_EVK_MISSING_VOLTAGE, MSDK_EVLOG_POWER_QUALITY, { 82, 83, 84 }, 3 },
    { MSDK_EVK_VOLTAGE_NORMAL, MSDK_EVLOG_POWER_QUALITY, { 85, 86, 87 }, 3 },
    /* Power failure log 1.0.99.97.0.255: the code is the entry's kind */
    { MSDK_EVK_LONG_POWER_FAILURE, MSDK_EVLOG_POWER_FAILURE, { 1 }, 0 },
};

#define IDIS_ROWS (sizeof(idis) / sizeof(idis[0]))

START_TEST(events_idis_codes)
{
    msdk_evlog_events_t ev;
    bool seen[MSDK_EVK_KINDS] = { false };
    blank();
    mount_ok(&ev);
    ck_assert_str_eq(msdk_evlog_numbering_idis.name, "IDIS");
    int64_t t = 1000;
    int64_t value = 500;
    for (size_t r = 0; r < IDIS_ROWS; r++) {
        const idis_row_t *row = &idis[r];
        ck_assert(!seen[row->kind]);
        seen[row->kind] = true;
        uint8_t lo = (row->n == 0u) ? 0u : 1u;
        uint8_t hi = row->n;
        for (uint8_t index = lo; index <= hi; index++) {
            t += 10;
            value++;
            ck_assert_int_eq(msdk_evlog_events_record(&ev, row->kind, index, t, value), MSDK_OK);
            msdk_evlog_event_t e = newest(&ev, row->log);
            ck_assert_uint_eq(e.code, row->code[(index == 0u) ? 0u : index - 1u]);
            ck_assert_uint_eq(e.index, index);
            ck_assert_uint_eq(e.flags, 0u);
            ck_assert(e.time == t);
            ck_assert(e.value == value);
            uint16_t code = 0u;
            ck_assert_int_eq(msdk_evlog_events_last_code(&ev, row->log, &code), MSDK_OK);
            ck_assert_uint_eq(code, e.code);
        }
    }
    for (uint32_t k = 0; k < MSDK_EVK_KINDS; k++) {
        ck_assert_msg(seen[k], "kind %u has no expected code", (unsigned)k);
    }
    assert_free_sectors_blank();
}
END_TEST

START_TEST(events_payload_layout)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    /* M-Bus channel 3, fraud attempt: 103 + 10 x 2 = 123 = 0x007B; value -2. The M-Bus log
     * (log 3) starts at sector 7 (byte 1792): header with log_id 0x4503, record in slot 0. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_FRAUD, 3u, 0x0102030405060708, -2),
                     MSDK_OK);
    const uint8_t *s = &mem[7u * SECTOR];
    const uint8_t hdr[8] = { 'M', 'S', 'E', 'L', 0x03, 0x45, 0x01, 0x00 };
    ck_assert_mem_eq(s, hdr, sizeof(hdr));
    const uint8_t rec[28 - 4] = { 0x00, 0x00, 0x00, 0x00,                         /* seq 0 */
                                  0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, /* time */
                                  0x7B, 0x00,                                     /* code */
                                  0x03,                                           /* index */
                                  0x00,                                           /* flags */
                                  0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    ck_assert_mem_eq(&s[16], rec, sizeof(rec));
    ck_assert_uint_eq(msdk_load_u32le(&s[16 + 24]), msdk_crc32(&s[16], 24u));

    /* A set-back time: flags 0x01, the newest time kept. Slot 1 at 64. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_COMM_OK, 1u, 5, 7), MSDK_OK);
    ck_assert_uint_eq(msdk_load_u32le(&s[64]), 1u);
    ck_assert_uint_eq(msdk_load_u64le(&s[68]), 0x0102030405060708u);
    ck_assert_uint_eq(msdk_load_u16le(&s[76]), 101u);
    ck_assert_uint_eq(s[78], 1u);
    ck_assert_uint_eq(s[79], 0x01u);
    ck_assert_uint_eq(msdk_load_u64le(&s[80]), 7u);

    /* Each log's sectors carry log_id 0x4500 + its number. */
    static const struct {
        msdk_evlog_kind_t kind;
        uint8_t index;
    } one[MSDK_EVLOG_LOGS] = {
        { MSDK_EVK_POWER_UP, 0u },    { MSDK_EVK_REPLAY_ATTACK, 0u },
        { MSDK_EVK_LIMITER_OK, 0u },  { MSDK_EVK_MBUS_BATTERY, 4u },
        { MSDK_EVK_OVERVOLTAGE, 2u }, { MSDK_EVK_LONG_POWER_FAILURE, 0u },
    };
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        ck_assert_int_eq(msdk_evlog_events_record(&ev, one[l].kind, one[l].index, 100, 1), MSDK_OK);
        const uint8_t *h = &mem[log_first_sector[l] * SECTOR];
        ck_assert_uint_eq(msdk_load_u16le(&h[4]), 0x4500u + l);
    }
}
END_TEST

/* ---- Arguments ----------------------------------------------------------------------------- */

START_TEST(events_index_errors)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    const uint32_t before = flash.stats.programs + flash.stats.erases;
    /* A kind without index given one; per-phase kinds without one or beyond L3; M-Bus
     * kinds without a channel or beyond 4. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 1u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_LONG_POWER_FAILURE, 1u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_UNDERVOLTAGE, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_VOLTAGE_NORMAL, 4u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MISSING_VOLTAGE, 255u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_COMM_ERROR, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_CLOCK_ADJUSTED, 5u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_KINDS, 0u, 1, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, (msdk_evlog_kind_t)-1, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(NULL, MSDK_EVK_POWER_UP, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, before);
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        ck_assert_uint_eq(msdk_evlog_events_total(&ev, l), 0u);
    }
    /* The limits themselves are fine. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_VOLTAGE_NORMAL, 3u, 1, 0), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_COMM_ERROR, 4u, 1, 0), MSDK_OK);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_POWER_QUALITY).code, 87u);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_MBUS).code, 130u);

    /* Reading: bad log, NULL, outside the log. */
    msdk_evlog_event_t e;
    uint16_t code = 0u;
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_LOGS, 0u, &e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_read(&ev, 0u, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_read(NULL, 0u, 0u, &e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, 0u, &e), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_MBUS, 1u, &e), MSDK_ERR_NOT_FOUND);
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_LOGS, &code),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_last_code(NULL, 0u, &code), MSDK_ERR_INVALID_ARG);
    ck_assert_ptr_null(msdk_evlog_events_log(&ev, MSDK_EVLOG_LOGS));
    ck_assert_ptr_null(msdk_evlog_events_log(NULL, 0u));
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_LOGS), 0u);
    ck_assert_uint_eq(msdk_evlog_events_total(NULL, 0u), 0u);
}
END_TEST

START_TEST(events_custom_profile)
{
    msdk_evlog_events_t ev;
    msdk_evlog_numbering_t p = msdk_evlog_numbering_idis;
    p.name = "test";
    /* Not logged: a 0 base. Moved: keys changed into the fraud log as 230 (vendor range).
     * One code for every M-Bus channel: stride 0. */
    p.codes[MSDK_EVK_DST_CHANGED].base = 0u;
    p.codes[MSDK_EVK_MISSING_VOLTAGE].base = 0u;
    p.codes[MSDK_EVK_KEYS_CHANGED].log = MSDK_EVLOG_FRAUD;
    p.codes[MSDK_EVK_KEYS_CHANGED].base = 230u;
    p.codes[MSDK_EVK_MBUS_FRAUD].stride = 0u;
    p.codes[MSDK_EVK_MBUS_FRAUD].base = 231u;
    blank();
    msdk_evlog_events_config_t c = config_over(&cut.nvm, &p);
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_DST_CHANGED, 0u, 1, 0),
                     MSDK_ERR_NOT_SUPPORTED);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MISSING_VOLTAGE, 2u, 1, 0),
                     MSDK_ERR_NOT_SUPPORTED);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);
    /* Argument errors stay argument errors. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MISSING_VOLTAGE, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_KEYS_CHANGED, 0u, 2, 0), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 0u);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_FRAUD).code, 230u);
    for (uint8_t ch = 1u; ch <= 4u; ch++) {
        ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_FRAUD, ch, 3, 0), MSDK_OK);
        msdk_evlog_event_t e = newest(&ev, MSDK_EVLOG_MBUS);
        ck_assert_uint_eq(e.code, 231u);
        ck_assert_uint_eq(e.index, ch);
    }
    /* The rest is IDIS. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_FRAUD - 1, 2u, 4, 0), MSDK_OK);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_MBUS).code, 112u);

    /* Tables mount refuses: a log out of range, a stride for a kind without index, a code
     * beyond 16 bits (65530 + 10 x 3 for channel 4). */
    msdk_evlog_numbering_t bad = msdk_evlog_numbering_idis;
    bad.codes[MSDK_EVK_RAM_ERROR].log = MSDK_EVLOG_LOGS;
    c.profile = &bad;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    ck_assert_ptr_null(msdk_evlog_events_log(&ev, 0u));
    bad = msdk_evlog_numbering_idis;
    bad.codes[MSDK_EVK_RAM_ERROR].stride = 1u;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    bad = msdk_evlog_numbering_idis;
    bad.codes[MSDK_EVK_MBUS_COMM_OK].base = 65530u;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    bad.codes[MSDK_EVK_MBUS_COMM_OK].base = 65505u; /* channel 4: 65535 */
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_MBUS_COMM_OK, 4u, 9, 0), MSDK_OK);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_MBUS).code, 65535u);
    /* A log out of range is fine for a kind the profile does not log. */
    bad.codes[MSDK_EVK_RAM_ERROR].base = 0u;
    bad.codes[MSDK_EVK_RAM_ERROR].log = 200u;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_RAM_ERROR, 0u, 9, 0),
                     MSDK_ERR_NOT_SUPPORTED);
}
END_TEST

/* An NVM decorator whose reads fail in [fail_from, fail_to). */
typedef struct bad_reads {
    msdk_nvm_t nvm;
    const msdk_nvm_t *inner;
    uint32_t fail_from;
    uint32_t fail_to;
} bad_reads_t;

static msdk_err_t bad_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    bad_reads_t *b = ctx;
    if ((addr < b->fail_to) && (addr + len > b->fail_from)) {
        return MSDK_ERR_IO;
    }
    return b->inner->ops->read(b->inner->ctx, addr, buf, len);
}

static msdk_err_t bad_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    bad_reads_t *b = ctx;
    return b->inner->ops->program(b->inner->ctx, addr, data, len);
}

static msdk_err_t bad_erase(void *ctx, uint32_t addr)
{
    bad_reads_t *b = ctx;
    return b->inner->ops->erase(b->inner->ctx, addr);
}

static const msdk_nvm_ops_t bad_ops = { bad_read, bad_program, bad_erase };

START_TEST(events_mount_errors)
{
    msdk_evlog_events_t ev;
    blank();
    msdk_evlog_events_config_t c = config_over(&cut.nvm, NULL);
    ck_assert_int_eq(msdk_evlog_events_mount(NULL, &c), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, NULL), MSDK_ERR_INVALID_ARG);
    c.nvm = NULL;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);

    /* Overlaps: the fraud log moved one sector down onto the standard log's last sector;
     * the power failure log over the whole region. Adjacent ranges are fine. */
    c = config_over(&cut.nvm, NULL);
    c.base[MSDK_EVLOG_FRAUD] = 2u * SECTOR;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    c = config_over(&cut.nvm, NULL);
    c.base[MSDK_EVLOG_POWER_FAILURE] = 0u;
    c.sectors[MSDK_EVLOG_POWER_FAILURE] = SECTORS;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    c = config_over(&cut.nvm, NULL);
    c.base[MSDK_EVLOG_STANDARD] = 13u * SECTOR; /* 13..15, after the others */
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_OK);
    /* What the log layer refuses: one sector, an unaligned base, beyond the region. */
    c = config_over(&cut.nvm, NULL);
    c.sectors[MSDK_EVLOG_MBUS] = 1u;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    c = config_over(&cut.nvm, NULL);
    c.base[MSDK_EVLOG_MBUS] += 4u;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    c = config_over(&cut.nvm, NULL);
    c.base[MSDK_EVLOG_MBUS] = 15u * SECTOR;
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_INVALID_ARG);
    /* Nothing was mounted, nothing written. */
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        ck_assert_ptr_null(msdk_evlog_events_log(&ev, l));
    }
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 1, 0),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);

    /* A log whose first mount fails (reads of the disconnector log's sectors fail): the
     * others work, it stays unusable. */
    bad_reads_t b = { { &bad_ops, NULL, geo }, &flash.nvm, 5u * SECTOR, 7u * SECTOR };
    b.nvm.ctx = &b;
    c = config_over(&b.nvm, NULL);
    ck_assert_int_eq(msdk_evlog_events_mount(&ev, &c), MSDK_ERR_IO);
    ck_assert_ptr_null(msdk_evlog_events_log(&ev, MSDK_EVLOG_DISCONNECTOR));
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_LIMITER_OK, 0u, 1, 0), MSDK_ERR_STATE);
    msdk_evlog_event_t e;
    uint16_t code = 0u;
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_DISCONNECTOR, 0u, &e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_DISCONNECTOR, &code),
                     MSDK_ERR_STATE);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_DISCONNECTOR), 0u);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 1, 0), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_UNDERVOLTAGE, 1u, 1, 0), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 1u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_POWER_QUALITY), 1u);
    for (uint32_t i = 5u * SECTOR; i < 7u * SECTOR; i++) {
        ck_assert_uint_eq(mem[i], 0xFFu);
    }
}
END_TEST

/* ---- Entries, times, totals ---------------------------------------------------------------- */

START_TEST(events_read_back)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    /* Power quality: (kind, phase, time, value), one of which is set back. */
    static const struct {
        msdk_evlog_kind_t kind;
        uint8_t index;
        int64_t time;
        int64_t value;
        uint16_t code;  /* EVENTS.md */
        uint8_t flags;  /* set back: 0x01 */
        int64_t stored; /* the time kept */
    } in[] = {
        { MSDK_EVK_UNDERVOLTAGE, 2u, 1700000000, 0, 77u, 0u, 1700000000 },
        { MSDK_EVK_OVERVOLTAGE, 3u, 1700000060, 253, 81u, 0u, 1700000060 },
        { MSDK_EVK_VOLTAGE_NORMAL, 3u, 1700000030, -1, 87u, 1u, 1700000060 },
        { MSDK_EVK_MISSING_VOLTAGE, 1u, 1700000060, INT64_MIN, 82u, 0u, 1700000060 },
        { MSDK_EVK_VOLTAGE_NORMAL, 1u, 1700000120, INT64_MAX, 85u, 0u, 1700000120 },
    };
    for (uint32_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        ck_assert_int_eq(
            msdk_evlog_events_record(&ev, in[i].kind, in[i].index, in[i].time, in[i].value),
            MSDK_OK);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
            msdk_evlog_event_t e;
            memset(&e, 0xA5, sizeof(e));
            ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_POWER_QUALITY, i, &e), MSDK_OK);
            ck_assert_uint_eq(e.seq, i);
            ck_assert(e.time == in[i].stored);
            ck_assert_uint_eq(e.code, in[i].code);
            ck_assert_uint_eq(e.index, in[i].index);
            ck_assert_uint_eq(e.flags, in[i].flags);
            ck_assert(e.value == in[i].value);
        }
        mount_ok(&ev); /* the same after a remount */
    }
    msdk_evlog_event_t e;
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_POWER_QUALITY, 5u, &e),
                     MSDK_ERR_NOT_FOUND);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_POWER_QUALITY), 5u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 0u);
}
END_TEST

/* find_time over a log agrees with a plain scan of its entries (which must be monotonic). */
static void check_find_time(const msdk_evlog_events_t *ev, uint8_t log)
{
    const msdk_evlog_log_t *l = msdk_evlog_events_log(ev, log);
    ck_assert_ptr_nonnull(l);
    const uint32_t first = msdk_evlog_log_first(l);
    const uint32_t count = msdk_evlog_log_count(l);
    int64_t times[64];
    uint32_t seqs[64];
    uint32_t n = 0u;
    ck_assert_uint_le(count, 64u);
    for (uint32_t i = 0; i < count; i++) {
        msdk_evlog_event_t e;
        if (msdk_evlog_events_read(ev, log, first + i, &e) == MSDK_OK) {
            ck_assert((n == 0u) || (e.time >= times[n - 1u]));
            times[n] = e.time;
            seqs[n] = e.seq;
            n++;
        }
    }
    for (uint32_t i = 0; i <= n; i++) {
        int64_t base = (i < n) ? times[i] : INT64_MAX - 1;
        for (int64_t d = -1; d <= 1; d++) {
            uint32_t want = msdk_evlog_log_last(l) + 1u;
            for (uint32_t j = 0; j < n; j++) {
                if (times[j] >= base + d) {
                    want = seqs[j];
                    break;
                }
            }
            uint32_t seq = 0u;
            ck_assert_int_eq(msdk_evlog_log_find_time(l, base + d, &seq, NULL), MSDK_OK);
            ck_assert_uint_eq(seq, want);
        }
    }
}

START_TEST(events_time_set_back)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    /* The clock goes back twice: entries keep the newest time and are flagged. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_CLOCK_ADJUSTED_OLD, 0u, 500, 500),
                     MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_CLOCK_ADJUSTED_NEW, 0u, 200, 200),
                     MSDK_OK);
    msdk_evlog_event_t e = newest(&ev, MSDK_EVLOG_STANDARD);
    ck_assert(e.time == 500);
    ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);
    ck_assert(e.value == 200);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 500, 0), MSDK_OK);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_STANDARD).flags, 0u); /* equal is not older */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 501, 0), MSDK_OK);
    e = newest(&ev, MSDK_EVLOG_STANDARD);
    ck_assert(e.time == 501);
    ck_assert_uint_eq(e.flags, 0u);
    /* Per log: another log's newer time does not matter. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_REPLAY_ATTACK, 0u, 100, 0), MSDK_OK);
    ck_assert_uint_eq(newest(&ev, MSDK_EVLOG_FRAUD).flags, 0u);
    /* After a remount, the newest time comes from the flash. */
    mount_ok(&ev);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 400, 0), MSDK_OK);
    e = newest(&ev, MSDK_EVLOG_STANDARD);
    ck_assert(e.time == 501);
    ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);

    /* Wrap the standard log with a saw-tooth clock: 60 events, the clock set back 95 s every
     * 7th. Stored times never decrease, find_time is exact over what is left. */
    int64_t t = 1000;
    int64_t kept = 501;
    uint32_t flagged = 0u;
    for (uint32_t i = 0; i < 60u; i++) {
        t += ((i % 7u) == 6u) ? -95 : 20;
        ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_PARAMETERS_CHANGED, 0u, t, i),
                         MSDK_OK);
        e = newest(&ev, MSDK_EVLOG_STANDARD);
        if (t < kept) {
            ck_assert(e.time == kept);
            ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);
            flagged++;
        } else {
            kept = t;
            ck_assert(e.time == t);
            ck_assert_uint_eq(e.flags, 0u);
        }
        if ((i % 9u) == 4u) {
            check_find_time(&ev, MSDK_EVLOG_STANDARD);
        }
    }
    ck_assert_uint_ge(flagged, 8u);
    const msdk_evlog_log_t *l = msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD);
    ck_assert_uint_gt(msdk_evlog_log_first(l), 0u); /* it wrapped */
    check_find_time(&ev, MSDK_EVLOG_STANDARD);
    mount_ok(&ev);
    check_find_time(&ev, MSDK_EVLOG_STANDARD);
}
END_TEST

START_TEST(events_totals_and_last_code)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    uint16_t code = 99u;
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        ck_assert_int_eq(msdk_evlog_events_last_code(&ev, l, &code), MSDK_OK);
        ck_assert_uint_eq(code, 0u);
        ck_assert_uint_eq(msdk_evlog_events_total(&ev, l), 0u);
    }
    /* The fraud log (capacity 7) five times round; the disconnector log alongside. The
     * fraud kinds cycle 40, 41, ..., 45. */
    for (uint32_t i = 0; i < 50u; i++) {
        msdk_evlog_kind_t k = (msdk_evlog_kind_t)(MSDK_EVK_TERMINAL_COVER_OPENED + (i % 6u));
        ck_assert_int_eq(msdk_evlog_events_record(&ev, k, 0u, 10 * (int64_t)i, i), MSDK_OK);
        ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_FRAUD), i + 1u);
        ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_FRAUD, &code), MSDK_OK);
        ck_assert_uint_eq(code, 40u + (i % 6u));
        if ((i % 5u) == 0u) {
            ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_LIMITER_CHANGED, 0u, 1, 0),
                             MSDK_OK);
        }
        const msdk_evlog_log_t *l = msdk_evlog_events_log(&ev, MSDK_EVLOG_FRAUD);
        ck_assert_uint_le(msdk_evlog_log_count(l), capacity_of(MSDK_EVLOG_FRAUD) + SLOTS);
    }
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_DISCONNECTOR), 10u);
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_DISCONNECTOR, &code), MSDK_OK);
    ck_assert_uint_eq(code, 67u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 0u);
    mount_ok(&ev);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_FRAUD), 50u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_DISCONNECTOR), 10u);
    ck_assert_uint_gt(msdk_evlog_log_first(msdk_evlog_events_log(&ev, MSDK_EVLOG_FRAUD)), 35u);

    /* A torn last record (entry 49: sector sequence 7, slot 0, i.e. sector 3 + 7 mod 2 = 4,
     * offset 16) is a gap: the last code is entry 48's (40 + 48 mod 6 = 40). */
    uint8_t *rec = &mem[4u * SECTOR + slot_at[0]];
    ck_assert_uint_eq(msdk_load_u32le(rec), 49u);
    ck_assert_uint_eq(msdk_load_u16le(&rec[12]), 41u);
    rec[26] ^= 0x10u; /* a CRC bit */
    mount_ok(&ev);
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_FRAUD, &code), MSDK_OK);
    ck_assert_uint_eq(code, 40u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_FRAUD), 50u);
    /* The next record steps past the gap and keeps time from entry 48 (480). */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_REPLAY_ATTACK, 0u, 470, 0), MSDK_OK);
    msdk_evlog_event_t e = newest(&ev, MSDK_EVLOG_FRAUD);
    ck_assert_uint_eq(e.seq, 50u);
    ck_assert(e.time == 480);
    ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_FRAUD), 51u);
}
END_TEST

START_TEST(events_total_never_goes_back)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    /* The only entry of the power failure log (sector 11, slot 0 at 16) torn afterwards: the
     * log is empty (first = last + 1) but its total stays 1, and the next entry is number 1. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_LONG_POWER_FAILURE, 0u, 10, 300),
                     MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_POWER_FAILURE), 1u);
    mem[11u * SECTOR + slot_at[0] + 20u] ^= 0x04u; /* a value bit */
    mount_ok(&ev);
    const msdk_evlog_log_t *l = msdk_evlog_events_log(&ev, MSDK_EVLOG_POWER_FAILURE);
    ck_assert_uint_eq(msdk_evlog_log_count(l), 0u);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_POWER_FAILURE), 1u);
    uint16_t code = 99u;
    ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_POWER_FAILURE, &code), MSDK_OK);
    ck_assert_uint_eq(code, 0u);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_LONG_POWER_FAILURE, 0u, 5, 200),
                     MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_POWER_FAILURE), 2u);
    msdk_evlog_event_t e = newest(&ev, MSDK_EVLOG_POWER_FAILURE);
    ck_assert_uint_eq(e.seq, 1u);
    ck_assert_uint_eq(e.code, 1u);
    ck_assert(e.value == 200);
    ck_assert(e.time == 5); /* nothing readable before it: not adjusted */
    ck_assert_uint_eq(e.flags, 0u);
}
END_TEST

/* ---- The power-fail path ------------------------------------------------------------------ */

/* A kind and a valid index for step i (cycling through every kind but power down). */
static msdk_evlog_kind_t kind_of(uint32_t i, uint8_t *index)
{
    const uint32_t others = (uint32_t)MSDK_EVK_KINDS - 1u;
    msdk_evlog_kind_t k = (msdk_evlog_kind_t)(1u + (i % others));
    for (size_t r = 0; r < IDIS_ROWS; r++) {
        if (idis[r].kind == k) {
            *index = (idis[r].n == 0u) ? 0u : (uint8_t)(1u + (i % idis[r].n));
        }
    }
    return k;
}

START_TEST(events_power_down_needs_no_erase)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_UP, 0u, 1, 0), MSDK_OK);
    /* Any record, then a power down: the power down is one program, no erase. Four times
     * through the kinds: every log wraps, the standard log many times. */
    for (uint32_t i = 0; i < 4u * (uint32_t)MSDK_EVK_KINDS; i++) {
        uint8_t index = 0u;
        msdk_evlog_kind_t k = kind_of(i, &index);
        ck_assert_int_eq(msdk_evlog_events_record(&ev, k, index, 10 + i, i), MSDK_OK);
        const msdk_evlog_log_t *std_log = msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD);
        ck_assert(msdk_evlog_log_append_ready(std_log));
        const uint32_t erases = flash.stats.erases;
        const uint32_t programs = flash.stats.programs;
        const uint32_t total = msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD);
        ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_DOWN, 0u, 10 + i, 0),
                         MSDK_OK);
        ck_assert_uint_eq(flash.stats.erases, erases);
        ck_assert_uint_eq(flash.stats.programs, programs + 1u);
        ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), total + 1u);
        uint16_t code = 0u;
        ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_STANDARD, &code), MSDK_OK);
        ck_assert_uint_eq(code, 1u);
    }
    /* Not vacuous: the standard log went round more than once (first > 14 + 7). */
    ck_assert_uint_gt(flash.stats.erases, 20u);
    ck_assert_uint_gt(msdk_evlog_log_first(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD)),
                      capacity_of(MSDK_EVLOG_STANDARD) + SLOTS);
    /* A mount writes nothing and finds the slot reclaimed ahead (a full sector of records
     * after a power up, each followed by a reclaim ahead when needed). */
    for (uint32_t i = 0; i < SLOTS; i++) {
        ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_BATTERY_LOW, 0u, 9999, 0), MSDK_OK);
    }
    const uint32_t writes = flash.stats.programs + flash.stats.erases;
    mount_ok(&ev);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, writes);
    ck_assert(msdk_evlog_log_append_ready(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD)));
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_DOWN, 0u, 9999, 0), MSDK_OK);
    ck_assert_uint_eq(flash.stats.erases + flash.stats.programs, writes + 1u);
}
END_TEST

/* Fills the standard log's first sector up to its last slot but one (6 records). */
static void six_standard(msdk_evlog_events_t *ev)
{
    for (uint32_t i = 0; i < SLOTS - 1u; i++) {
        ck_assert_int_eq(msdk_evlog_events_record(ev, MSDK_EVK_BATTERY_LOW, 0u, 100 + i, i),
                         MSDK_OK);
    }
}

START_TEST(events_prepare_failure)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    six_standard(&ev);
    /* The 7th record fills sector 0; its program passes, then the prepare's erase of sector
     * 1 fails, and so does everything after (the chip answers EIO). Operations so far: erase
     * and header of sector 0, six records. */
    msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                      .cut_after = 1u,
                                      .mode = MSDK_FAKE_NVM_CUT_CLEAN,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cc), MSDK_OK);
    /* The record is stored: OK, and the log shows it is not ready (unmounted). */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_BATTERY_REPLACE, 0u, 200, 7), MSDK_OK);
    ck_assert(msdk_fake_nvm_cut_reached(&cut));
    ck_assert_ptr_null(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD));
    ck_assert(!msdk_evlog_log_append_ready(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD)));
    msdk_evlog_event_t e;
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, 6u, &e), MSDK_ERR_STATE);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 0u);
    /* The chip still fails: the next record mounts again once, and reports the error. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_BATTERY_LOW, 0u, 300, 8), MSDK_ERR_IO);
    /* The chip recovers: the next record mounts the log again and goes on. */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_BATTERY_LOW, 0u, 150, 9), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 8u);
    ck_assert(msdk_evlog_log_append_ready(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD)));
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, 6u, &e), MSDK_OK);
    ck_assert_uint_eq(e.code, 7u);
    ck_assert(e.value == 7);
    ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, 7u, &e), MSDK_OK);
    ck_assert(e.value == 9);
    ck_assert(e.time == 200); /* the newest time, learned again from the flash */
    ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);
    for (uint32_t s = 0; s < 6u; s++) {
        ck_assert_int_eq(msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, s, &e), MSDK_OK);
        ck_assert(e.value == (int64_t)s);
    }
}
END_TEST

START_TEST(events_append_failure_remounts)
{
    msdk_evlog_events_t ev;
    blank();
    mount_ok(&ev);
    six_standard(&ev);
    /* The next program is dropped (the read-back catches it): the record fails. */
    msdk_fake_nvm_cut_config_t cc = { .armed = true,
                                      .cut_after = 0u,
                                      .mode = MSDK_FAKE_NVM_CUT_CLEAN,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_DROP };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cc), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_RAM_ERROR, 0u, 500, 1), MSDK_ERR_IO);
    ck_assert_ptr_null(msdk_evlog_events_log(&ev, MSDK_EVLOG_STANDARD));
    /* Other logs are not affected by the standard log's state. */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert_ptr_nonnull(msdk_evlog_events_log(&ev, MSDK_EVLOG_FRAUD));
    /* Next record: mounted again from the flash; the failed one is not there, its slot is
     * free (the program was dropped) and is used now. */
    ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_RAM_ERROR, 0u, 50, 2), MSDK_OK);
    ck_assert_uint_eq(msdk_evlog_events_total(&ev, MSDK_EVLOG_STANDARD), 7u);
    msdk_evlog_event_t e = newest(&ev, MSDK_EVLOG_STANDARD);
    ck_assert(e.value == 2);
    ck_assert(e.time == 105); /* the newest of the six (100 + 5) */
    ck_assert_uint_eq(e.flags, MSDK_EVLOG_FLAG_TIME_ADJUSTED);
}
END_TEST

START_TEST(events_bad_image_mounts)
{
    msdk_evlog_events_t ev;
    for (uint32_t img = 0; img < 3u; img++) {
        uint32_t prng = 0xE7E7u + img;
        for (uint32_t i = 0; i < sizeof(mem); i++) {
            mem[i] = (img == 1u) ? 0x00u : (uint8_t)(msdk_fake_prng_next(&prng) >> 24);
        }
        if (img == 2u) {
            /* Valid sector headers of the standard log (id 0x4500) over random records. */
            for (uint32_t s = 0; s < 3u; s++) {
                uint8_t *h = &mem[s * SECTOR];
                memcpy(h, "MSEL", 4u);
                msdk_store_u16le(&h[4], 0x4500u);
                msdk_store_u16le(&h[6], 1u);
                msdk_store_u32le(&h[8], 10u + s);
                msdk_store_u32le(&h[12], msdk_crc32(h, 12u));
            }
        }
        ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
        ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
        mount_ok(&ev);
        ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);
        for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
            uint16_t code = 99u;
            ck_assert_int_eq(msdk_evlog_events_last_code(&ev, l, &code), MSDK_OK);
            ck_assert_uint_eq(code, 0u);
            const msdk_evlog_log_t *lg = msdk_evlog_events_log(&ev, l);
            if ((img == 2u) && (l == MSDK_EVLOG_STANDARD)) {
                /* Sector sequences 10..12: entries 77..90, all gaps (random records). */
                ck_assert_uint_eq(msdk_evlog_log_first(lg), 77u);
                ck_assert_uint_eq(msdk_evlog_log_count(lg), 14u);
                for (uint32_t s = 77u; s <= 90u; s++) {
                    msdk_evlog_event_t e;
                    ck_assert_int_eq(msdk_evlog_events_read(&ev, l, s, &e), MSDK_ERR_NOT_FOUND);
                }
            } else {
                ck_assert_uint_eq(msdk_evlog_log_count(lg), 0u);
            }
        }
        for (uint32_t i = 0; i < 20u; i++) {
            uint8_t index = 0u;
            msdk_evlog_kind_t k = kind_of(i * 3u, &index);
            ck_assert_int_eq(msdk_evlog_events_record(&ev, k, index, i, i), MSDK_OK);
        }
        ck_assert_int_eq(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_DOWN, 0u, 50, 0), MSDK_OK);
        mount_ok(&ev);
        uint16_t code = 0u;
        ck_assert_int_eq(msdk_evlog_events_last_code(&ev, MSDK_EVLOG_STANDARD, &code), MSDK_OK);
        ck_assert_uint_eq(code, 1u);
        check_find_time(&ev, MSDK_EVLOG_STANDARD);
    }
}
END_TEST

/* ---- Damage and bad input -------------------------------------------------------------------- */

/* What the bad-input test writes into four of the logs: entry i of a log is its kind (with
 * phase 1 + i mod 3 when it takes one), its code from EVENTS.md, time t0 + 10 i, value v0 + i.
 * The standard log's 17 entries fill sectors 0 (0..6) and 1 (7..13) and go into sector 2
 * (14..16); the others stay in their first sector. */
typedef struct bad_spec {
    uint8_t log;
    msdk_evlog_kind_t kind;
    uint16_t code; /* for phase 1 */
    bool phased;
    uint32_t n;
    int64_t t0;
    int64_t v0;
} bad_spec_t;

static const bad_spec_t bad_specs[] = {
    { MSDK_EVLOG_STANDARD, MSDK_EVK_PARAMETERS_CHANGED, 47u, false, 17u, 1000, 0 },
    { MSDK_EVLOG_FRAUD, MSDK_EVK_REPLAY_ATTACK, 50u, false, 5u, 2000, 100 },
    { MSDK_EVLOG_POWER_QUALITY, MSDK_EVK_UNDERVOLTAGE, 76u, true, 4u, 3000, 200 },
    { MSDK_EVLOG_POWER_FAILURE, MSDK_EVK_LONG_POWER_FAILURE, 1u, false, 3u, 4000, 300 },
};
#define BAD_SPECS (sizeof(bad_specs) / sizeof(bad_specs[0]))

static void bad_write(msdk_evlog_events_t *ev)
{
    for (size_t k = 0; k < BAD_SPECS; k++) {
        const bad_spec_t *b = &bad_specs[k];
        for (uint32_t i = 0; i < b->n; i++) {
            const uint8_t index = b->phased ? (uint8_t)(1u + (i % 3u)) : 0u;
            ck_assert_int_eq(msdk_evlog_events_record(ev, b->kind, index, b->t0 + 10 * (int64_t)i,
                                                      b->v0 + (int64_t)i),
                             MSDK_OK);
        }
    }
}

/* Entries 0..n-1 of spec k are there, value by value, and nothing else. */
static void bad_expect(const msdk_evlog_events_t *ev, size_t k, uint32_t n)
{
    const bad_spec_t *b = &bad_specs[k];
    const msdk_evlog_log_t *l = msdk_evlog_events_log(ev, b->log);
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_eq(msdk_evlog_log_count(l), n);
    for (uint32_t i = 0; i < n; i++) {
        msdk_evlog_event_t e;
        ck_assert_int_eq(msdk_evlog_events_read(ev, b->log, i, &e), MSDK_OK);
        ck_assert_uint_eq(e.seq, i);
        ck_assert(e.time == b->t0 + 10 * (int64_t)i);
        ck_assert_uint_eq(e.code, b->code + (b->phased ? (i % 3u) : 0u));
        ck_assert_uint_eq(e.index, b->phased ? 1u + (i % 3u) : 0u);
        ck_assert_uint_eq(e.flags, 0u);
        ck_assert(e.value == b->v0 + (int64_t)i);
    }
}

/* Mounts with c (within the read bound, writing nothing) and checks the damage. */
static void bad_mount(msdk_evlog_events_t *ev, const msdk_evlog_events_config_t *c, uint32_t damage)
{
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_evlog_events_mount(ev, c), MSDK_OK);
    uint32_t bound = 0u;
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        bound += c->sectors[l] + 2u * SLOTS + 1u;
    }
    ck_assert_uint_le(flash.stats.reads, bound);
    ck_assert_uint_eq(flash.stats.programs + flash.stats.erases, 0u);
    ck_assert_uint_eq(msdk_evlog_events_damage(ev), damage);
}

/* One more event in every log, then a remount finds each as its log's newest entry. */
static void bad_record_more(msdk_evlog_events_t *ev, const msdk_evlog_events_config_t *c)
{
    static const struct {
        msdk_evlog_kind_t kind;
        uint8_t index;
        uint16_t code; /* EVENTS.md */
    } one[MSDK_EVLOG_LOGS] = {
        { MSDK_EVK_WATCHDOG_ERROR, 0u, 15u }, { MSDK_EVK_METER_COVER_OPENED, 0u, 44u },
        { MSDK_EVK_LIMITER_OK, 0u, 66u },     { MSDK_EVK_MBUS_FRAUD, 2u, 113u },
        { MSDK_EVK_OVERVOLTAGE, 3u, 81u },    { MSDK_EVK_LONG_POWER_FAILURE, 0u, 1u },
    };
    uint32_t total[MSDK_EVLOG_LOGS];
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        total[l] = msdk_evlog_events_total(ev, l);
        ck_assert_int_eq(
            msdk_evlog_events_record(ev, one[l].kind, one[l].index, 5000 + l, 900 + (int64_t)l),
            MSDK_OK);
    }
    ck_assert_int_eq(msdk_evlog_events_mount(ev, c), MSDK_OK);
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        ck_assert_uint_eq(msdk_evlog_events_total(ev, l), total[l] + 1u);
        const msdk_evlog_event_t e = newest(ev, l);
        ck_assert_uint_eq(e.seq, total[l]);
        ck_assert(e.time == 5000 + l);
        ck_assert_uint_eq(e.code, one[l].code);
        ck_assert_uint_eq(e.index, one[l].index);
        ck_assert(e.value == 900 + (int64_t)l);
    }
}

START_TEST(events_bad_input_damage)
{
    msdk_evlog_events_t ev;
    const msdk_evlog_events_config_t c = config_over(&cut.nvm, NULL);
    ck_assert_uint_eq(msdk_evlog_events_damage(NULL), 0u);

    /* Random bytes (four seeds) and all zeros: every log empty, the 13 headers of the logs
     * garbage; all 0xFF: clean. After one event in each log, six headers are valid. */
    for (uint32_t img = 0; img < 6u; img++) {
        uint32_t prng = 0xE0E00000u + img;
        for (uint32_t i = 0; i < sizeof(mem); i++) {
            mem[i] = (img < 4u) ? (uint8_t)(msdk_fake_prng_next(&prng) >> 24)
                                : ((img == 4u) ? 0x00u : 0xFFu);
        }
        bad_mount(&ev, &c, (img < 5u) ? USED_SECS : 0u);
        for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
            ck_assert_uint_eq(msdk_evlog_log_count(msdk_evlog_events_log(&ev, l)), 0u);
        }
        bad_record_more(&ev, &c);
        ck_assert_uint_eq(msdk_evlog_events_damage(&ev), (img < 5u) ? USED_SECS - 6u : 0u);
    }

    /* Truncated: the written image, then the standard log's sector 2 all 0xFF (its entries
     * 0..13 remain, clean) or random (one garbage header), or sectors 9..15 random (the power
     * quality and power failure logs are lost: their four headers are garbage). */
    for (uint32_t t = 0; t < 3u; t++) {
        blank();
        mount_ok(&ev);
        bad_write(&ev);
        uint32_t prng = 0x7C00u + t;
        const uint32_t from = (t < 2u) ? 2u * SECTOR : 9u * SECTOR;
        const uint32_t to = (t < 2u) ? 3u * SECTOR : MEM_SIZE;
        for (uint32_t i = from; i < to; i++) {
            mem[i] = (t == 0u) ? 0xFFu : (uint8_t)(msdk_fake_prng_next(&prng) >> 24);
        }
        bad_mount(&ev, &c, (t == 0u) ? 0u : ((t == 1u) ? 1u : 4u));
        bad_expect(&ev, 0u, (t < 2u) ? 14u : 17u);
        bad_expect(&ev, 1u, 5u);
        bad_expect(&ev, 2u, (t < 2u) ? 4u : 0u);
        bad_expect(&ev, 3u, (t < 2u) ? 3u : 0u);
        bad_record_more(&ev, &c);
    }

    /* A region configured larger than the written part: the power failure log written as
     * 2 sectors (11..12), mounted as 4 (11..14): the same entries, clean. */
    blank();
    mount_ok(&ev);
    bad_write(&ev);
    msdk_evlog_events_config_t wide = c;
    wide.sectors[MSDK_EVLOG_POWER_FAILURE] = 4u;
    bad_mount(&ev, &wide, 0u);
    for (size_t k = 0; k < BAD_SPECS; k++) {
        bad_expect(&ev, k, bad_specs[k].n);
    }
    bad_record_more(&ev, &wide);
}
END_TEST

/* ---- Power cuts ---------------------------------------------------------------------------- */

#define PC_REBOOT   MSDK_EVK_KINDS /* a step that mounts again (the outage) */
#define PC_STEPS    128u
#define PC_OUTAGE_S 3600

/* One step of the scenario and what came of it. */
typedef struct pc_step {
    msdk_evlog_kind_t kind;
    uint8_t index;
    int64_t time;
    /* Expected entry (EVENTS.md codes, worked out from the model, not the library). */
    uint8_t log;
    uint16_t code;
    uint8_t flags;
    int64_t stored;
    /* Outcome. */
    bool acked;     /* record returned MSDK_OK */
    bool in_flight; /* the cut happened during this record */
    uint32_t seq;   /* when acked */
} pc_step_t;

typedef struct pc_model {
    pc_step_t step[PC_STEPS];
    uint32_t n;
    uint32_t pd; /* step of the power down, and of the power up */
    uint32_t pu;
} pc_model_t;

static void pc_add(pc_model_t *m, msdk_evlog_kind_t kind, uint8_t index, int64_t time)
{
    ck_assert_uint_lt(m->n, PC_STEPS);
    pc_step_t *s = &m->step[m->n++];
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->index = index;
    s->time = time;
    if (kind == PC_REBOOT) {
        return;
    }
    for (size_t r = 0; r < IDIS_ROWS; r++) {
        if (idis[r].kind == kind) {
            s->log = idis[r].log;
            s->code = idis[r].code[(index == 0u) ? 0u : index - 1u];
        }
    }
}

/* The outage: 48 events before it over five logs (the standard and power quality logs
 * wrap), a clock set back now and then, the power down, the reboot, the power up and the
 * long power failure, then 28 events (the fraud log wraps, the power quality log again). */
static void pc_scenario(pc_model_t *m)
{
    memset(m, 0, sizeof(*m));
    int64_t t = 1700000000;
    for (uint32_t i = 0; i < 48u; i++) {
        t += 30;
        uint8_t ph = (uint8_t)(1u + (i % 3u));
        switch (i % 6u) {
        case 0: pc_add(m, MSDK_EVK_PARAMETERS_CHANGED, 0u, t); break;
        case 1: pc_add(m, MSDK_EVK_UNDERVOLTAGE, ph, t); break;
        case 2:
            pc_add(m, ((i % 12u) == 2u) ? MSDK_EVK_METER_COVER_OPENED : MSDK_EVK_MBUS_COMM_ERROR,
                   (uint8_t)(((i % 12u) == 2u) ? 0u : 1u + (i % 4u)), t);
            break;
        case 3: pc_add(m, MSDK_EVK_VOLTAGE_NORMAL, ph, t); break;
        case 4:
            if ((i % 24u) == 4u) {
                pc_add(m, MSDK_EVK_CLOCK_ADJUSTED_OLD, 0u, t);
                t -= 400; /* the clock goes back */
                pc_add(m, MSDK_EVK_CLOCK_ADJUSTED_NEW, 0u, t);
            } else {
                pc_add(m, MSDK_EVK_KEYS_CHANGED, 0u, t);
            }
            break;
        default:
            pc_add(m, ((i % 12u) == 5u) ? MSDK_EVK_REMOTE_DISCONNECTION : MSDK_EVK_MBUS_COMM_OK,
                   (uint8_t)(((i % 12u) == 5u) ? 0u : 1u + (i % 4u)), t);
            break;
        }
    }
    t += 30;
    m->pd = m->n;
    pc_add(m, MSDK_EVK_POWER_DOWN, 0u, t);
    pc_add(m, PC_REBOOT, 0u, 0);
    t += PC_OUTAGE_S;
    m->pu = m->n;
    pc_add(m, MSDK_EVK_POWER_UP, 0u, t);
    pc_add(m, MSDK_EVK_LONG_POWER_FAILURE, 0u, t);
    for (uint32_t i = 0; i < 28u; i++) {
        t += 30;
        switch (i % 4u) {
        case 0: pc_add(m, MSDK_EVK_TERMINAL_COVER_OPENED, 0u, t); break;
        case 1: pc_add(m, MSDK_EVK_OVERVOLTAGE, (uint8_t)(1u + (i % 3u)), t); break;
        case 2: pc_add(m, MSDK_EVK_MAGNETIC_FIELD, 0u, t); break;
        default:
            if ((i % 8u) == 3u) {
                pc_add(m, MSDK_EVK_MBUS_CLOCK_ADJUSTED, (uint8_t)(1u + (i % 4u)), t - 1000);
            } else {
                pc_add(m, MSDK_EVK_BATTERY_LOW, 0u, t);
            }
            break;
        }
        if (i == 13u) {
            pc_add(m, MSDK_EVK_DST_CHANGED, 0u, t - 3600); /* clock back an hour */
            t -= 3600;
        }
    }
}

/* Runs the scenario over nvm (the injector), recording outcomes; goes on after a failure
 * (later records must fail or, if acknowledged, be there). */
static void pc_workload(msdk_fake_nvm_cut_t *c, pc_model_t *m)
{
    msdk_evlog_events_t ev;
    const msdk_evlog_events_config_t cfg = config_over(&c->nvm, NULL);
    int64_t newest_t[MSDK_EVLOG_LOGS];
    for (uint32_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        newest_t[l] = INT64_MIN;
    }
    pc_expect(msdk_evlog_events_mount(&ev, &cfg) == MSDK_OK, "workload", "mount");
    for (uint32_t i = 0; i < m->n; i++) {
        pc_step_t *s = &m->step[i];
        if (s->kind == PC_REBOOT) {
            msdk_err_t err = msdk_evlog_events_mount(&ev, &cfg);
            pc_expect((err == MSDK_OK) || msdk_fake_nvm_cut_reached(c), "workload",
                      "mount at the reboot: %d", (int)err); /* may fail after the cut */
            continue;
        }
        s->stored = (s->time < newest_t[s->log]) ? newest_t[s->log] : s->time;
        s->flags = (s->time < newest_t[s->log]) ? MSDK_EVLOG_FLAG_TIME_ADJUSTED : 0u;
        const bool cut_before = msdk_fake_nvm_cut_reached(c);
        const uint32_t ops = msdk_fake_nvm_cut_op_count(c);
        msdk_err_t err = msdk_evlog_events_record(&ev, s->kind, s->index, s->time, (int64_t)i);
        s->in_flight = !cut_before && msdk_fake_nvm_cut_reached(c);
        if ((s->kind == MSDK_EVK_POWER_DOWN) && !cut_before) {
            /* The power-fail path: one program, never an erase. */
            pc_expect(msdk_fake_nvm_cut_op_count(c) - ops <= 1u, "workload",
                      "power down took %u operations",
                      (unsigned)(msdk_fake_nvm_cut_op_count(c) - ops));
        }
        if (err == MSDK_OK) {
            s->acked = true;
            s->seq = msdk_evlog_log_last(&ev.log[s->log]);
            newest_t[s->log] = s->stored;
        }
    }
}

/* I3 for one log after the reboot. */
static void pc_check_log(const msdk_evlog_events_t *ev, const pc_model_t *m, uint8_t log,
                         const char *what)
{
    const msdk_evlog_log_t *l = msdk_evlog_events_log(ev, log);
    pc_expect(l != NULL, what, "log %u not mounted", (unsigned)log);
    const uint32_t first = msdk_evlog_log_first(l);
    const uint32_t last = msdk_evlog_log_last(l);
    const uint32_t count = msdk_evlog_log_count(l);
    const uint32_t cap = capacity_of(log);
    bool any_acked = false;
    uint32_t last_acked = 0u;
    bool in_flight_here = false;
    for (uint32_t i = 0; i < m->n; i++) {
        const pc_step_t *s = &m->step[i];
        if ((s->kind != PC_REBOOT) && (s->log == log)) {
            if (s->acked) {
                pc_expect(!any_acked || (s->seq > last_acked), what, "log %u: seq order",
                          (unsigned)log);
                any_acked = true;
                last_acked = s->seq;
            }
            in_flight_here = in_flight_here || s->in_flight;
        }
    }
    if (count == 0u) {
        pc_expect(!any_acked, what, "log %u empty", (unsigned)log);
        pc_expect(msdk_evlog_events_total(ev, log) == last + 1u, what, "total of an empty log");
        return;
    }
    /* The end: the newest acknowledged entry, or one more (the interrupted one, landed or a
     * gap). */
    if (any_acked) {
        pc_expect((last == last_acked) || (in_flight_here && (last == last_acked + 1u)), what,
                  "log %u: last %u, last acknowledged %u", (unsigned)log, (unsigned)last,
                  (unsigned)last_acked);
    }
    pc_expect(msdk_evlog_events_total(ev, log) == last + 1u, what, "log %u: total", (unsigned)log);
    /* Every acknowledged entry exactly where it was put, unless evicted (FIFO, beyond the
     * capacity). */
    for (uint32_t i = 0; i < m->n; i++) {
        const pc_step_t *s = &m->step[i];
        if ((s->kind == PC_REBOOT) || (s->log != log) || !s->acked) {
            continue;
        }
        if ((uint32_t)(s->seq - first) >= count) {
            pc_expect(s->seq + cap <= last, what,
                      "log %u: step %u (entry %u) lost; first %u last %u", (unsigned)log,
                      (unsigned)i, (unsigned)s->seq, (unsigned)first, (unsigned)last);
            continue;
        }
        msdk_evlog_event_t e;
        msdk_err_t err = msdk_evlog_events_read(ev, log, s->seq, &e);
        pc_expect(err == MSDK_OK, what, "log %u: step %u (entry %u): %d", (unsigned)log,
                  (unsigned)i, (unsigned)s->seq, (int)err);
        pc_expect((e.value == (int64_t)i) && (e.code == s->code) && (e.index == s->index) &&
                      (e.flags == s->flags) && (e.time == s->stored),
                  what, "log %u: entry %u is not step %u", (unsigned)log, (unsigned)s->seq,
                  (unsigned)i);
    }
    /* Everything visible is an acknowledged step, or the interrupted one: each once, in
     * order, times non-decreasing. */
    int64_t prev_step = -1;
    int64_t prev_time = INT64_MIN;
    uint16_t last_code = 0u;
    for (uint32_t k = 0; k < count; k++) {
        msdk_evlog_event_t e;
        msdk_err_t err = msdk_evlog_events_read(ev, log, first + k, &e);
        if (err == MSDK_ERR_NOT_FOUND) {
            pc_expect(in_flight_here && (first + k == last), what, "log %u: gap at %u",
                      (unsigned)log, (unsigned)(first + k));
            continue;
        }
        pc_expect(err == MSDK_OK, what, "log %u: read %u: %d", (unsigned)log, (unsigned)(first + k),
                  (int)err);
        pc_expect((e.value > prev_step) && (e.value < (int64_t)m->n), what,
                  "log %u: entry %u holds step %lld after %lld", (unsigned)log,
                  (unsigned)(first + k), (long long)e.value, (long long)prev_step);
        const pc_step_t *s = &m->step[e.value];
        pc_expect((s->kind != PC_REBOOT) && (s->log == log) &&
                      ((s->acked && (s->seq == first + k)) || (!s->acked && s->in_flight)),
                  what, "log %u: entry %u: step %lld should not be there", (unsigned)log,
                  (unsigned)(first + k), (long long)e.value);
        pc_expect((e.code == s->code) && (e.index == s->index) && (e.flags == s->flags) &&
                      (e.time == s->stored),
                  what, "log %u: entry %u differs from its step", (unsigned)log,
                  (unsigned)(first + k));
        pc_expect(e.time >= prev_time, what, "log %u: time goes back at %u", (unsigned)log,
                  (unsigned)(first + k));
        prev_step = e.value;
        prev_time = e.time;
        last_code = e.code;
    }
    uint16_t code = 0xFFFFu;
    pc_expect((msdk_evlog_events_last_code(ev, log, &code) == MSDK_OK) && (code == last_code), what,
              "log %u: last code %u, want %u", (unsigned)log, (unsigned)code, (unsigned)last_code);
}

/* After the reboot: mount (I7), I3 on every log, the outage pair, then recording goes on. */
static void pc_check(const pc_model_t *m, const char *what)
{
    msdk_evlog_events_t ev;
    const msdk_evlog_events_config_t cfg = config_over(&cut.nvm, NULL);
    pc_expect(msdk_evlog_events_mount(&ev, &cfg) == MSDK_OK, what, "mount");
    uint32_t bound = 0u;
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        bound += log_sectors[l] + 2u * SLOTS + 1u;
    }
    pc_expect(flash.stats.reads <= bound, what, "mount took %u reads (at most %u)",
              (unsigned)flash.stats.reads, (unsigned)bound);
    pc_expect(flash.stats.programs + flash.stats.erases == 0u, what, "mount wrote");
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        pc_check_log(&ev, m, l, what);
    }
    /* The outage: power down and power up are there when both were acknowledged. */
    const pc_step_t *pd = &m->step[m->pd];
    const pc_step_t *pu = &m->step[m->pu];
    if (pd->acked && pu->acked) {
        msdk_evlog_event_t a;
        msdk_evlog_event_t b;
        pc_expect((msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, pd->seq, &a) == MSDK_OK) &&
                      (msdk_evlog_events_read(&ev, MSDK_EVLOG_STANDARD, pu->seq, &b) == MSDK_OK) &&
                      (a.code == 1u) && (b.code == 2u) && (b.seq > a.seq),
                  what, "power down / power up pair");
    }
    /* Recording goes on in every log; a power down after it needs no erase. */
    const msdk_evlog_kind_t one[MSDK_EVLOG_LOGS] = {
        MSDK_EVK_WATCHDOG_ERROR, MSDK_EVK_REPLAY_ATTACK,  MSDK_EVK_LIMITER_OK,
        MSDK_EVK_MBUS_BATTERY,   MSDK_EVK_VOLTAGE_NORMAL, MSDK_EVK_LONG_POWER_FAILURE,
    };
    for (uint8_t l = 0; l < MSDK_EVLOG_LOGS; l++) {
        const uint32_t total = msdk_evlog_events_total(&ev, l);
        const uint8_t index = (l == MSDK_EVLOG_MBUS)            ? 2u
                              : (l == MSDK_EVLOG_POWER_QUALITY) ? 1u
                                                                : 0u;
        pc_expect(msdk_evlog_events_record(&ev, one[l], index, 1800000000, 7) == MSDK_OK, what,
                  "record after reboot, log %u", (unsigned)l);
        pc_expect(msdk_evlog_events_total(&ev, l) == total + 1u, what, "total after reboot, log %u",
                  (unsigned)l);
    }
    const uint32_t erases = flash.stats.erases;
    pc_expect(msdk_evlog_events_record(&ev, MSDK_EVK_POWER_DOWN, 0u, 1800000001, 0) == MSDK_OK,
              what, "power down after reboot");
    pc_expect(flash.stats.erases == erases, what, "power down after reboot erased");
}

/* The sweep's workload and check (pc_sweep()): ctx is the model. */
static void pc_sweep_workload(void *ctx, const char *what)
{
    (void)what;
    pc_scenario((pc_model_t *)ctx);
    pc_workload(&cut, (pc_model_t *)ctx);
}

static void pc_sweep_check(void *ctx, const char *what)
{
    pc_check((const pc_model_t *)ctx, what);
}

static uint32_t pc_run(void)
{
    static pc_model_t m;
    pc_scenario(&m);

    /* Without a cut: learn the operation count, check the scenario does what it claims. */
    blank();
    pc_workload(&cut, &m);
    const uint32_t ops = msdk_fake_nvm_cut_op_count(&cut);
    uint32_t next_seq[MSDK_EVLOG_LOGS] = { 0 };
    for (uint32_t i = 0; i < m.n; i++) {
        const pc_step_t *s = &m.step[i];
        if (s->kind != PC_REBOOT) {
            ck_assert(s->acked);
            ck_assert_uint_eq(s->seq, next_seq[s->log]); /* a blank chip: 0, 1, 2, ... */
            next_seq[s->log]++;
        }
    }
    ck_assert_uint_gt(next_seq[MSDK_EVLOG_STANDARD], SLOTS * log_sectors[MSDK_EVLOG_STANDARD]);
    ck_assert_uint_gt(next_seq[MSDK_EVLOG_FRAUD], SLOTS * log_sectors[MSDK_EVLOG_FRAUD]);
    ck_assert_uint_gt(next_seq[MSDK_EVLOG_POWER_QUALITY],
                      SLOTS * log_sectors[MSDK_EVLOG_POWER_QUALITY]);
    ck_assert_uint_gt(next_seq[MSDK_EVLOG_MBUS], SLOTS);
    ck_assert_uint_gt(next_seq[MSDK_EVLOG_DISCONNECTOR], 0u);
    ck_assert_uint_eq(next_seq[MSDK_EVLOG_POWER_FAILURE], 1u);
    ck_assert_int_eq(msdk_fake_nvm_init(&flash, mem, &geo, NULL), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL), MSDK_OK);
    pc_check(&m, "no cut");
    assert_free_sectors_blank();

    const pc_rig_t rig = { &flash,
                           &cut,
                           mem,
                           sizeof(mem),
                           NULL,
                           &geo,
                           scratch,
                           sizeof(scratch),
                           0xE7E70000u,
                           pc_sweep_workload,
                           pc_sweep_check,
                           &m,
                           "events" };
    return pc_sweep(&rig, ops);
}

START_TEST(events_power_cut_every_point)
{
    uint32_t runs = pc_run();
    printf("power-cut points exercised: %u\n", (unsigned)runs);
    fflush(stdout);
    ck_assert_uint_ge(runs, 1000u);
}
END_TEST

Suite *evlog_events_suite(void)
{
    Suite *s = suite_create("evlog_events");
    TCase *tc = tcase_create("events");
    tcase_add_test(tc, events_idis_codes);
    tcase_add_test(tc, events_payload_layout);
    tcase_add_test(tc, events_index_errors);
    tcase_add_test(tc, events_custom_profile);
    tcase_add_test(tc, events_mount_errors);
    tcase_add_test(tc, events_read_back);
    tcase_add_test(tc, events_time_set_back);
    tcase_add_test(tc, events_totals_and_last_code);
    tcase_add_test(tc, events_total_never_goes_back);
    tcase_add_test(tc, events_power_down_needs_no_erase);
    tcase_add_test(tc, events_prepare_failure);
    tcase_add_test(tc, events_append_failure_remounts);
    tcase_add_test(tc, events_bad_image_mounts);
    tcase_add_test(tc, events_bad_input_damage);
    suite_add_tcase(s, tc);
    TCase *pc = tcase_create("power_cut");
    tcase_add_test(pc, events_power_cut_every_point);
    suite_add_tcase(s, pc);
    return s;
}
