/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, corpus 3: 20 real telegrams from other published sources than libmbus (whose test
 * frames are the 60 of test_corpus.c, test_corpus2.c and test_record.c), of 11 makers, 10 of
 * them new to the corpus (GAV, EBZ, ESY, DME, MAD, BMT, LAS, PII, GWF, AXI).
 *
 * Sources (facts only: the telegram bytes and the values published beside them):
 * - wmbusmeters (github.com/wmbusmeters/wmbusmeters), src/driver_<name>.cc: each driver ends
 *   with "// Test:" blocks giving a captured telegram ("telegram=|...|", the '_' and '#' marks
 *   of that notation removed here) and the JSON that project publishes for it. The manufacturer,
 *   device type and version are the ones the driver's addDetection() lists for the meter. JSON
 *   values are in kWh, kW, m3, m3/h, degC, %RH, h or years; each row gives the EN 13757-3
 *   reading (value * 10^exponent in the record's own unit) that equals it, worked by hand.
 * - OMS Specification Vol.2 Annex N (security profile A/B example, N.2.1), the same telegram as
 *   in /work/shared/vectors/mbus-vectors.md: a volume of 28504.27 m3, the date-time
 *   31.05.2008 23:50 and error flags 0, encrypted in mode 5 and in mode 7 with the published
 *   keys; it is decrypted here with msdk/mbus/security.h.
 *
 * Wireless telegrams (all but the two piigth ones): only the application layer is decoded, from
 * the transport CI (0x72 or 0x7A) on; the link layer (and the ELL CI 0x8C, the AFL CI 0x90) is
 * skipped by hand at the offset each row gives. The wmbusmeters tests marked NOKEY publish the
 * payload of telegrams whose configuration field says mode 5 or 7 already decrypted (it starts
 * with 2F 2F): those records are read as published, without decryption. With the short header
 * (CI 0x7A) the identification comes from the link layer (bytes 2..9: manufacturer, ID,
 * version, device type), with the long header (CI 0x72) from the transport header.
 *
 * Where the published decoding differs from EN 13757-3, the row follows the standard and says
 * why; the decoder is never made to match a wrong published value. */
#include <check.h>

#include "check_hex.h"
#include "corpus_check.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "msdk/core/compiler.h"
#include "msdk/mbus/frame.h"
#include "msdk/mbus/record.h"
#include "msdk/mbus/security.h"
#include "msdk/mbus/tpl.h"
#include "msdk/port/crypto.h"

Suite *mbus_corpus3_suite(void);

/* ---- Expectations ---------------------------------------------------------------------- */

typedef struct corpus3_telegram {
    const char *src;    /* repository and file the telegram and its values are published in */
    const char *name;   /* the name of the test there */
    const char *mfr;    /* manufacturer (3 letters) */
    uint32_t id;        /* identification number */
    uint8_t version;    /* version */
    uint8_t medium;     /* device type, EN 13757-3 code */
    const char *hex;    /* the telegram as published */
    uint8_t apl;        /* wireless: offset of the first CI after the link layer (0: wired) */
    uint8_t tpl;        /* wireless: offset of the transport CI (0x72 / 0x7A) */
    const uint8_t *key; /* OMS key of an encrypted telegram, else NULL */
    uint8_t records;    /* records the walk returns (manufacturer data included) */
    msdk_err_t end;     /* how the walk ends: MSDK_ERR_NOT_FOUND or MSDK_ERR_NOT_SUPPORTED */
    int16_t mfr_len;    /* bytes after DIF 0x0F/0x1F, or NO_MFR */
    uint64_t bad;       /* records (bit = index) that are MSDK_ERR_MALFORMED */
    const chk_t *chk;   /* published values */
    size_t n_chk;       /* number of them */
} corpus3_telegram_t;

#define M_ELEC  0x02u
#define M_GAS   0x03u
#define M_WARM  0x06u
#define M_WATER 0x07u
#define M_SYS   0x0Eu /* bus / system component */
#define M_HC    0x0Du /* heat / cooling load meter */
#define M_ROOM  0x1Bu /* room sensor */

#define WMB(f) "wmbusmeters/wmbusmeters src/driver_" f ".cc"
#define OMS    "OMS Specification Vol.2 Annex N, N.2.1"

/* OMS Annex N keys. */
static const uint8_t k_key5[16] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                    0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x11 };
static const uint8_t k_key7[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                    0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };

/* em24 "Elen2", Carlo Gavazzi EM24 (GAV, type 02, version 00): total_energy_consumption_kwh 0.1
 * (VIF 0x05: 1 x 10^2 Wh), power_kw 0, status OK (error flags 0). The reactive energies
 * 0xFB 0x82 0x75 are published 0 kvarh; the driver reads that record unscaled, the standard
 * gives kvarh (0xFB 0x02: 10^3 varh) times 10^-1 (VIFE 0x75): exponent 2 in varh. */
static const chk_t chk_em24_a[] = {
    N(0, ENERGY, WH, 2, 1), N(1, REACTIVE_ENERGY, VARH, 2, 0), N(2, REACTIVE_ENERGY, VARH, 2, 0),
    N(3, POWER, W, -1, 0),  N(4, ERROR_FLAGS, NONE, 0, 0),
};

/* em24, its second telegram: also the phase currents (0xFD 0x59, 10^-3 A) and voltages
 * (0xFD 0x48, 10^-1 V: 232.7, 126, 126 V), each with the combinable extension 0xFC and the
 * phase number. frequency_hz 50 is published for 02 FB 2E F4 01 (500 x 10^-1 Hz); the 0xFB
 * codes 0x14 and 0x2E are not in this decoder's table (EN 13757-3:2013), so those two records
 * are not checked. */
static const chk_t chk_em24_b[] = {
    N(0, ENERGY, WH, 2, 1),
    N(1, REACTIVE_ENERGY, VARH, 2, 0),
    N(2, REACTIVE_ENERGY, VARH, 2, 0),
    N(3, POWER, W, -1, 0),
    N(6, CURRENT, A, -3, 0),
    N(7, CURRENT, A, -3, 0),
    N(8, CURRENT, A, -3, 0),
    N(9, VOLTAGE, V, -1, 2327),
    N(10, VOLTAGE, V, -1, 1260),
    N(11, VOLTAGE, V, -1, 1260),
    N(13, ERROR_FLAGS, NONE, 0, 0),
};

/* ebzwmbe "Elen1", eBZ (EBZ, type 02, version 01), mode 7 header, payload published decrypted:
 * 2816.304 kWh, phase powers 0.09471, 0.10602, 0.01606 kW (VIF 0xA9: 10^-2 W, then the
 * manufacturer VIFE 0xFF and the phase), customer "654321". */
static const chk_t chk_ebz_a[] = {
    N(0, ENERGY, WH, 0, 2816304), N(1, POWER, W, -2, 9471), N(2, POWER, W, -2, 10602),
    N(3, POWER, W, -2, 1606),     T(4, CUSTOMER, "654321"),
};

/* ebzwmbe "MyEl": 212.637 kWh, customer "1EBZ0101135263"; the power of record 1 is not
 * published (the driver's sum is null). */
static const chk_t chk_ebz_b[] = {
    N(0, ENERGY, WH, 0, 212637),
    T(2, CUSTOMER, "1EBZ0101135263"),
};

/* esyswm "Elen2", dynamic telegram, EasyMeter (ESY, type 02, version 0x11 in the long
 * header): 1643.4165 kWh, production 0.1876 kWh (VIFE 0x3C, backward), tariff 1 1643.2 kWh and
 * tariff 2 0.21 kWh (VIF 0x04: 10^1 Wh), 0.43832 kW, phases 0.0281, 0.02565, 0.38456 kW. */
static const chk_t chk_esy[] = {
    N(0, ENERGY, WH, -1, 16434165),
    N(1, ENERGY, WH, -1, 1876),
    V(2, 0, 0, 1, 0, ENERGY, WH, 1, 164320),
    V(3, 0, 0, 2, 0, ENERGY, WH, 1, 21),
    N(4, POWER, W, -2, 43832),
    N(5, POWER, W, -2, 2810),
    N(6, POWER, W, -2, 2565),
    N(7, POWER, W, -2, 38456),
};

/* hydrus "HydrusWater", Diehl Metering (DME, water, version 0x70): 1.174 m3, flow 0 m3/h,
 * 10.4 degC, target 0.2 m3 at 2019-10-31 23:59 (storage 3), remaining battery 13.686797 years
 * published for 4999 days (0xFD 0x74 counts days; 4999 / 365.2425 = 13.686797). */
static const chk_t chk_dme_a[] = {
    N(1, VOLUME, M3, -3, 1174),
    N(6, VOLUME_FLOW, M3_PER_H, -3, 0),
    N(7, REMAINING_BATTERY_LIFE, DAY, 0, 4999),
    N(8, FLOW_TEMPERATURE, CELSIUS, -1, 104),
    D(9, 0, 3, DATETIME, 2019, 10, 31, 23, 59),
    V(10, 0, 3, 0, 0, VOLUME, M3, -3, 200),
};

/* hydrus "HydrusVater" (warm water): 3.45 m3, customer "A20B410178", 0 m3/h, battery
 * 15.321328 years (5596 days), target 3.431 m3 at 2020-09-13 23:59. */
static const chk_t chk_dme_b[] = {
    N(0, VOLUME, M3, -3, 3450),
    T(1, CUSTOMER, "A20B410178"),
    N(2, VOLUME_FLOW, M3_PER_H, -3, 0),
    N(3, REMAINING_BATTERY_LIFE, DAY, 0, 5596),
    D(4, 0, 3, DATETIME, 2020, 9, 13, 23, 59),
    V(5, 0, 3, 0, 0, VOLUME, M3, -3, 3431),
};

/* hydrus "HydrusFoo" (mode 7 with the short header, payload published decrypted): 296.789 m3;
 * at 2022-12-31 (storage 1) 244.623 m3, tariff 1 0, tariff 2 244.623 m3; flow -0.002 m3/h
 * (negative BCD: most significant digit F); battery 9.240436 years (3375 days); 19.3 degC;
 * target 294.128 m3 at 2023-09-30 23:59. */
static const chk_t chk_dme_c[] = {
    N(0, VOLUME, M3, -3, 296789),
    V(1, 0, 1, 0, 0, VOLUME, M3, -3, 244623),
    V(2, 0, 1, 1, 0, VOLUME, M3, -3, 0),
    V(3, 0, 1, 2, 0, VOLUME, M3, -3, 244623),
    D(4, 0, 1, DATE, 2022, 12, 31, 0, 0),
    N(5, VOLUME_FLOW, M3_PER_H, -3, -2),
    N(6, REMAINING_BATTERY_LIFE, DAY, 0, 3375),
    N(7, FLOW_TEMPERATURE, CELSIUS, -1, 193),
    D(8, 0, 3, DATETIME, 2023, 9, 30, 23, 59),
    V(9, 0, 3, 0, 0, VOLUME, M3, -3, 294128),
};

/* evo868 "Votchka", Maddalena EVO 868 (MAD, water, version 0x50): 1.798 m3 at 2021-01-17 17:30,
 * status OK, fabrication number 002081048078, 1.225 m3 at the set dates 2020-12-31 (storage 1
 * and 2), maximum flow 0.666 m3/h (function maximum, storage 3) at 2021-01-07 20:05, the
 * history reference date 2020-12-31 (storage 8) and the monthly history 1.225, 0.027, then 0
 * m3 (storage 8..19). The published telegram is 4 bytes longer than its L-field says; it ends
 * FF FF, a special function DIF that EN 13757-3 reserves: the walk stops there
 * (MSDK_ERR_NOT_SUPPORTED) after the 24 published records. */
static const chk_t chk_mad[] = {
    N(0, VOLUME, M3, -3, 1798),
    D(1, 0, 0, DATETIME, 2021, 1, 17, 17, 30),
    N(2, ERROR_FLAGS, NONE, 0, 0),
    N(3, FABRICATION_NUMBER, NONE, 0, 2081048078),
    V(4, 0, 1, 0, 0, VOLUME, M3, -3, 1225),
    D(5, 0, 1, DATE, 2020, 12, 31, 0, 0),
    V(6, 0, 2, 0, 0, VOLUME, M3, -3, 1225),
    D(7, 0, 2, DATE, 2020, 12, 31, 0, 0),
    V(8, 1, 3, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 666),
    D(9, 0, 3, DATETIME, 2021, 1, 7, 20, 5),
    D(11, 0, 8, DATE, 2020, 12, 31, 0, 0),
    V(12, 0, 8, 0, 0, VOLUME, M3, -3, 1225),
    V(13, 0, 9, 0, 0, VOLUME, M3, -3, 27),
    V(14, 0, 10, 0, 0, VOLUME, M3, -3, 0),
    V(15, 0, 11, 0, 0, VOLUME, M3, -3, 0),
    V(16, 0, 12, 0, 0, VOLUME, M3, -3, 0),
    V(17, 0, 13, 0, 0, VOLUME, M3, -3, 0),
    V(18, 0, 14, 0, 0, VOLUME, M3, -3, 0),
    V(19, 0, 15, 0, 0, VOLUME, M3, -3, 0),
    V(20, 0, 16, 0, 0, VOLUME, M3, -3, 0),
    V(21, 0, 17, 0, 0, VOLUME, M3, -3, 0),
    V(22, 0, 18, 0, 0, VOLUME, M3, -3, 0),
    V(23, 0, 19, 0, 0, VOLUME, M3, -3, 0),
};

/* hydrocalm3 "HeatCool", BMeters Hydrocal M3 (BMT, heat/cooling, version 0x0B): heating
 * 4460.833333 kWh published for 16059 MJ (VIF 0x0E: 10^6 J; 16059 / 3.6), cooling 0 kWh, at
 * 2021-09-25 22:29, heating volume 479.967 m3, cooling 0.059 m3, c1 and c2 0 m3, supply
 * 21.8 degC and return 21.1 degC (BCD, VIF 0x5A / 0x5E: 10^-1 degC). */
static const chk_t chk_bmt[] = {
    N(0, ENERGY, J, 6, 16059),
    D(1, 0, 0, DATETIME, 2021, 9, 25, 22, 29),
    N(2, VOLUME, M3, -3, 479967),
    N(3, ENERGY, J, 6, 0),
    N(4, VOLUME, M3, -3, 59),
    N(5, VOLUME, M3, -3, 0),
    N(6, VOLUME, M3, -3, 0),
    N(7, FLOW_TEMPERATURE, CELSIUS, -1, 218),
    N(8, RETURN_TEMPERATURE, CELSIUS, -1, 211),
};

/* lansenth "Tempoo", Lansen (LAS, room sensor, version 07): 21.8 degC, 1 h average 21.79 and
 * 24 h average 21.97 degC (storage 1 and 2; VIF 0x65: 10^-2 degC), humidity 43, 43 and
 * 42.5 %RH (0xFB 0x1A: 10^-1 %). */
static const chk_t chk_las_a[] = {
    N(0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2180),
    V(1, 0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2179),
    V(2, 0, 2, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2197),
    N(3, RELATIVE_HUMIDITY, PERCENT, -1, 430),
    V(4, 0, 1, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 430),
    V(5, 0, 2, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 425),
};

/* lansenth "T2" (version 09): -15.73 degC (signed 16 bits), 12.76 and 24.01 degC, humidity 44,
 * 35 and 41 %RH (0xFB 0x1B: 10^0 %), on time 4488 h published for 187 days (VIF 0x23). */
static const chk_t chk_las_b[] = {
    N(0, EXTERNAL_TEMPERATURE, CELSIUS, -2, -1573),
    V(1, 0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 1276),
    V(2, 0, 2, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2401),
    N(3, RELATIVE_HUMIDITY, PERCENT, 0, 44),
    V(4, 0, 1, 0, 0, RELATIVE_HUMIDITY, PERCENT, 0, 35),
    V(5, 0, 2, 0, 0, RELATIVE_HUMIDITY, PERCENT, 0, 41),
    N(6, ON_TIME, DAY, 0, 187),
};

/* piigth "Tempo", PiiGAB temperature/humidity (PII, room sensor, version 01), wired: 24.96 degC,
 * 1 h average 24.69 degC, 40 and 36.1 %RH, fabrication number 10000284, software version
 * published as the hex digits "0021" (0x0021 = 33). The 24 h averages of this telegram are
 * sent with the function "value during error state" and are not published. */
static const chk_t chk_pii_a[] = {
    N(0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2496),
    V(1, 0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2469),
    N(3, RELATIVE_HUMIDITY, PERCENT, -1, 400),
    V(4, 0, 1, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 361),
    N(6, FABRICATION_NUMBER, NONE, 0, 10000284),
    N(7, SOFTWARE_VERSION, NONE, 0, 33),
};

/* piigth, its second telegram: 26.23, 25.6 and 25.06 degC, 33.5, 33.9 and 35 %RH. */
static const chk_t chk_pii_b[] = {
    N(0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2623),
    V(1, 0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2560),
    V(2, 0, 2, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2506),
    N(3, RELATIVE_HUMIDITY, PERCENT, -1, 335),
    V(4, 0, 1, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 339),
    V(5, 0, 2, 0, 0, RELATIVE_HUMIDITY, PERCENT, -1, 350),
    N(6, FABRICATION_NUMBER, NONE, 0, 10000284),
    N(7, SOFTWARE_VERSION, NONE, 0, 33),
};

/* gwfwater "Wateroo", GWF (GWF, system component, version 01): actuality 16 s, 0.062 m3,
 * target -0.001 m3 (storage 1, signed 32 bits FF FF FF FF), then manufacturer data 01 20 01
 * and fillers. The published target_date "2128-03-31" is wrong: the date bytes are FF FF,
 * month 15 (no date set; months are 1..12), which that decoder carries into the next year
 * instead of rejecting; here the record is MSDK_ERR_MALFORMED. */
static const chk_t chk_gwf[] = {
    N(0, ACTUALITY_DURATION, SECOND, 0, 16),
    N(1, VOLUME, M3, -3, 62),
    V(2, 0, 1, 0, 0, VOLUME, M3, -3, -1),
};

/* q400 "M", Axioma Qalcosonic (AXI, water, version 0x10), not encrypted: 2022-12-06 13:42,
 * on time 5881.166667 h published for 21172200 s (VIF 0x20), 0 m3 total, forward and backward
 * (VIFE 0x3B / 0x3C), 0 m3/h, flow temperature -100 degC (0xD8F0 = -10000 x 10^-2), at
 * 2022-12-01 00:00 (storage 1) 0 m3 each. battery_pct 97 is published for 01 FD 74 61: the
 * driver calls it a percentage, EN 13757-3 0xFD 0x74 is the remaining battery life in days;
 * the raw 97 is checked with the standard's unit. */
static const chk_t chk_axi_a[] = {
    D(0, 0, 0, DATETIME, 2022, 12, 6, 13, 42),
    N(1, ON_TIME, SECOND, 0, 21172200),
    N(2, VOLUME, M3, -3, 0),
    N(3, VOLUME, M3, -3, 0),
    N(4, VOLUME, M3, -3, 0),
    N(5, VOLUME_FLOW, M3_PER_H, -3, 0),
    N(6, FLOW_TEMPERATURE, CELSIUS, -2, -10000),
    D(7, 0, 1, DATETIME, 2022, 12, 1, 0, 0),
    V(8, 0, 1, 0, 0, VOLUME, M3, -3, 0),
    V(9, 0, 1, 0, 0, VOLUME, M3, -3, 0),
    V(10, 0, 1, 0, 0, VOLUME, M3, -3, 0),
    N(11, REMAINING_BATTERY_LIFE, DAY, 0, 97),
};

/* q400 "AxiomaWater" (Axioma W1, mode 5 header, payload published decrypted): 2021-07-09 16:01,
 * 8.704 m3, 26.02 degC, 2021-07-01 00:00, battery 98 (see above). */
static const chk_t chk_axi_b[] = {
    D(0, 0, 0, DATETIME, 2021, 7, 9, 16, 1),
    N(1, VOLUME, M3, -3, 8704),
    N(2, VOLUME, M3, -3, 0),
    N(3, VOLUME, M3, -3, 0),
    N(4, VOLUME_FLOW, M3_PER_H, -3, 0),
    N(5, FLOW_TEMPERATURE, CELSIUS, -2, 2602),
    D(6, 0, 1, DATETIME, 2021, 7, 1, 0, 0),
    V(7, 0, 1, 0, 0, VOLUME, M3, -3, 0),
    N(10, REMAINING_BATTERY_LIFE, DAY, 0, 98),
};

/* q400 "Q400Water": 2019-12-20 13:04, 0.119 m3, set date 2019-12-01 00:00 with 0 m3. */
static const chk_t chk_axi_c[] = {
    D(0, 0, 0, DATETIME, 2019, 12, 20, 13, 4),
    N(1, VOLUME, M3, -3, 119),
    D(2, 0, 1, DATETIME, 2019, 12, 1, 0, 0),
    V(3, 0, 1, 0, 0, VOLUME, M3, -3, 0),
};

/* OMS Annex N, Elster gas meter (ELS, ID 12345678, version 0x33, gas): 28504.27 m3 (VIF 0x14:
 * 10^-2 m3), 31.05.2008 23:50, error flags 0. */
static const chk_t chk_oms[] = {
    N(0, VOLUME, M3, -2, 2850427),
    D(1, 0, 0, DATETIME, 2008, 5, 31, 23, 50),
    N(2, ERROR_FLAGS, NONE, 0, 0),
};

#define NF MSDK_ERR_NOT_FOUND

static const corpus3_telegram_t k_corpus3[] = {
    { WMB("em24"), "Elen2", "GAV", 2020202u, 0x00u, M_ELEC,
      "4144361C0202020200028C209A7A9A0030252F2F04050100000004FB82750000000004FB82F53C00000000"
      "042A0000000001FD17002F2F2F2F2F2F2F2F2F2F2F2F2F",
      10u, 13u, NULL, 5u, NF, NO_MFR, 0x0u, CHK(chk_em24_a) },
    { WMB("em24"), "Elen2 (2)", "GAV", 2020202u, 0x00u, M_ELEC,
      "8144361C0202020200028C20357A351070252F2F04050100000004FB82750000000004FB82F53C00000000"
      "042A0000000004FB140000000004FB943C0000000004FDD9FC010000000004FDD9FC020000000004FDD9FC"
      "030000000004FDC8FC011709000004FDC8FC02EC04000004FDC8FC03EC04000002FB2EF40101FD17002F2F2F",
      10u, 13u, NULL, 14u, NF, NO_MFR, 0x0u, CHK(chk_em24_b) },
    { WMB("ebzwmbe"), "Elen1", "EBZ", 22992299u, 0x01u, M_ELEC,
      "5B445A149922992202378C20F6900F002C25BC9E0000BF48954821BC508D72992299225A140102F6003007"
      "102F2F040330F92A0004A9FF01FF24000004A9FF026A29000004A9FF03460600000DFD11063132333435362F"
      "2F2F2F2F2F",
      10u, 30u, NULL, 5u, NF, NO_MFR, 0x0u, CHK(chk_ebz_a) },
    { WMB("ebzwmbe"), "MyEl", "EBZ", 1135263u, 0x01u, M_ELEC,
      "4B445A146450000002378C20F3900F002C25F38B00006CBB07CEB215901172635213015A140102F3002007"
      "102F2F04039D3E03000429E82201000DFD110E333632353331313031305A424531",
      10u, 30u, NULL, 3u, NF, NO_MFR, 0x0u, CHK(chk_ebz_b) },
    { WMB("esyswm"), "Elen2 (dynamic)", "ESY", 77997799u, 0x11u, M_ELEC,
      "7B4479169977997730378C20F0900F002C2549EE0A0077C19D3D1A08ABCD729977997779161102F0005007"
      "102F2F0702F5C3FA000000000007823C5407000000000000841004E081020084200415000000042938AB00"
      "0004A9FF01FA0A000004A9FF02050A000004A9FF03389600002F2F2F2F2F2F2F2F2F2F2F2F2F",
      10u, 30u, NULL, 8u, NF, NO_MFR, 0x0u, CHK(chk_esy) },
    { WMB("hydrus"), "HydrusWater", "DME", 64646464u, 0x70u, M_WATER,
      "4E44A5116464646470077AED0040052F2F01FD08300C13741100007C1300000000FC101300000000FC2013"
      "00000000726C00000B3B00000002FD748713025A6800C4016D3B177F2ACC011300020000",
      10u, 10u, NULL, 11u, NF, NO_MFR, 0x0u, CHK(chk_dme_a) },
    { WMB("hydrus"), "HydrusVater", "DME", 65656565u, 0x70u, M_WARM,
      "3E44A5116565656570067AFB0030052F2F0C13503400000DFD110A383731303134423032410B3B00000002"
      "FD74DC15C4016D3B178D29CC0113313400002F2F",
      10u, 10u, NULL, 6u, NF, NO_MFR, 0x0u, CHK(chk_dme_b) },
    { WMB("hydrus"), "HydrusFoo", "DME", 64641820u, 0x70u, M_WATER,
      "6344A5112018646470078C00D7900F002C256AB59B00F0F13032019092DE7A6A004007102F2F0C13896729"
      "004C1323462400CC101300000000CC201323462400426CDF2C0B3B0200F002FD742F0D025AC100C4016D3B"
      "17FE29CC01132841290001FD089F",
      10u, 30u, NULL, 11u, NF, NO_MFR, 0x0u, CHK(chk_dme_c) },
    { WMB("evo868"), "Votchka", "MAD", 79787776u, 0x50u, M_WATER,
      "aa4424347677787950077ac10000202f2f041306070000046d1e31b12104fd17000000000e787880048120"
      "004413c9040000426c9f2c840113c904000082016c9f2cd3013b9a0200c4016d0534a7218104fd28018204"
      "6c9f2c840413c9040000c404131b00000084051300000000c405130000000084061300000000c406130000"
      "000084071300000000c407130000000084081300000000c408130000000084091300000000c40913000000"
      "00ffff",
      10u, 10u, NULL, 24u, MSDK_ERR_NOT_SUPPORTED, NO_MFR, 0x0u, CHK(chk_mad) },
    { WMB("hydrocalm3"), "HeatCool", "BMT", 71727374u, 0x0Bu, M_HC,
      "8E44B409747372710B0D7A798080052F2F0C0E59600100046D1D36B9290C13679947000C0E000000000C13"
      "590000000C13000000000C13000000000A5A18020A5E11020F823D06003D06003D06003D06001406006205"
      "00480400E40200160100000000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000002F2F",
      10u, 10u, NULL, 10u, NF, 75, 0x0u, CHK(chk_bmt) },
    { WMB("lansenth"), "Tempoo", "LAS", 10203u, 0x07u, M_ROOM,
      "2e44333003020100071b7a634820252f2f0265840842658308820165950802fb1aae0142fb1aae018201fb1a"
      "a9012f",
      10u, 10u, NULL, 6u, NF, NO_MFR, 0x0u, CHK(chk_las_a) },
    { WMB("lansenth"), "T2", "LAS", 60041u, 0x09u, M_ROOM,
      "2E44333041000600091B7AA70020252F2F0265DBF94265FC04820165610901FB1B2C41FB1B238101FB1B29"
      "0223BB00",
      10u, 10u, NULL, 7u, NF, NO_MFR, 0x0u, CHK(chk_las_b) },
    { WMB("piigth"), "Tempo", "PII", 10000284u, 0x01u, M_ROOM,
      "68383868080072840200102941011B040000000265C0094265A509B20165000002FB1A900142FB1A6901B2"
      "01FB1A00000C788402001002FD0F21000FC016",
      0u, 0u, NULL, 9u, NF, 0, 0x0u, CHK(chk_pii_a) },
    { WMB("piigth"), "Tempo (2)", "PII", 10000284u, 0x01u, M_ROOM,
      "68383868080072840200102941011B0600000002653F0A4265000A820165CA0902FB1A4F0142FB1A530182"
      "01FB1A5E010C788402001002FD0F21000F1916",
      0u, 0u, NULL, 9u, NF, 0, 0x0u, CHK(chk_pii_b) },
    { WMB("gwfwater"), "Wateroo", "GWF", 20221031u, 0x01u, M_SYS,
      "3144E61E31102220010E8C04F47ABE0420452F2F037410000004133E0000004413FFFFFFFF426CFFFF0F01"
      "20012F2F2F2F2F",
      13u, 13u, NULL, 5u, NF, 8, 0x8u, CHK(chk_gwf) },
    { WMB("q400"), "M", "AXI", 5829163u, 0x10u, M_WATER,
      "544409076391820510077ABF100000046D2A0DC62C0420E80F430104130000000004933B0000000004933C"
      "00000000023B00000259F0D8446D0000C12C44130000000044933B0000000044933C0000000001FD7461",
      10u, 10u, NULL, 12u, NF, NO_MFR, 0x0u, CHK(chk_axi_a) },
    { WMB("q400"), "AxiomaWater", "AXI", 72727273u, 0x10u, M_WATER,
      "5E4409077372727210077A710050052F2F046D0110A92704130022000004933B0000000004933C00000000"
      "023B000002592A0A446D0000A12744130000000044933B0000000044933C0000000001FD74622F2F2F2F2F"
      "2F2F2F2F2F2F2F2F2F",
      10u, 10u, NULL, 11u, NF, NO_MFR, 0x0u, CHK(chk_axi_b) },
    { WMB("q400"), "Q400Water", "AXI", 72727272u, 0x10u, M_WATER,
      "2E4409077272727210077AD71020052F2F046D040D742C041377000000446D0000612C4413000000002F2F"
      "2F2F2F2F",
      10u, 10u, NULL, 4u, NF, NO_MFR, 0x0u, CHK(chk_axi_c) },
    /* OMS Annex N, mode 5 (CRCs removed): short header 7A 2A 00 20 25, two encrypted blocks. */
    { OMS, "mode 5", "ELS", 12345678u, 0x33u, M_GAS,
      "2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D"
      "6D69EBF3",
      10u, 10u, k_key5, 3u, NF, NO_MFR, 0x0u, CHK(chk_oms) },
    /* OMS Annex N, mode 7: ELL 8C 20 75, AFL 90 0F ... with counter and MAC, short header
     * 7A 75 00 20 07 10. */
    { OMS, "mode 7", "ELS", 12345678u, 0x33u, M_GAS,
      "434493157856341233038C2075900F002C25B30A000021924D4F2FB66E017A75002007109058475F4BC91D"
      "F878B80A1B0F98B629024AAC727942BFC549233C0140829B93",
      13u, 30u, k_key7, 3u, NF, NO_MFR, 0x0u, CHK(chk_oms) },
};

/* ---- Helpers --------------------------------------------------------------------------- */

/* The records of telegram @p tg: decodes its headers (and decrypts it with its key) into
 * @p out, checks the identification against the published one, returns the record bytes. */
static const uint8_t *corpus3_open(const corpus3_telegram_t *tg, uint8_t *buf, size_t cap,
                                   uint8_t *out, size_t out_cap, size_t *len)
{
    size_t n = ck_hex(tg->hex, buf, cap);
    msdk_mbus_tpl_t h;
    const uint8_t *ident = NULL; /* manufacturer 2, ID 4, version, medium as transmitted */
    const uint8_t *tpl_data;

    if (tg->apl == 0u) {
        msdk_mbus_frame_t f;
        ck_assert_msg(msdk_mbus_frame_decode(buf, n, &f) == MSDK_OK, "%s: frame", tg->name);
        corpus_check_long_frame(tg->name, buf, n, &f);
        ck_assert_int_eq(msdk_mbus_tpl_decode_frame(&f, &h), MSDK_OK);
        tpl_data = f.data;
    } else {
        ck_assert_uint_eq(buf[1], 0x44u); /* SND_NR */
        ck_assert_msg(buf[tg->tpl] == 0x72u || buf[tg->tpl] == 0x7Au, "%s: CI", tg->name);
        tpl_data = &buf[tg->tpl + 1u];
        ck_assert_int_eq(msdk_mbus_tpl_decode(buf[tg->tpl], tpl_data, n - tg->tpl - 1u, &h),
                         MSDK_OK);
        if (h.header == MSDK_MBUS_TPL_HDR_SHORT) {
            ident = &buf[2];
        }
    }
    ck_assert_int_eq(h.kind, MSDK_MBUS_TPL_RECORDS);

    char mfr[4];
    uint32_t id = 0;
    uint8_t version;
    uint8_t medium;
    if (ident != NULL) {
        ck_assert_int_eq(msdk_mbus_manufacturer_to_str((uint16_t)(ident[0] | (ident[1] << 8)), mfr),
                         MSDK_OK);
        ck_assert_int_eq(msdk_mbus_id_to_decimal(msdk_mbus_id_from_bytes(&ident[2]), &id), MSDK_OK);
        version = ident[6];
        medium = ident[7];
    } else {
        ck_assert_int_eq(h.header, MSDK_MBUS_TPL_HDR_LONG);
        ck_assert_int_eq(msdk_mbus_manufacturer_to_str(h.manufacturer, mfr), MSDK_OK);
        ck_assert_int_eq(msdk_mbus_id_to_decimal(h.id, &id), MSDK_OK);
        version = h.version;
        medium = h.medium;
    }
    ck_assert_msg(strcmp(mfr, tg->mfr) == 0, "%s: manufacturer %s", tg->name, mfr);
    ck_assert_msg(id == tg->id, "%s: id %u", tg->name, (unsigned)id);
    ck_assert_msg(version == tg->version, "%s: version 0x%02X", tg->name, version);
    ck_assert_msg(medium == tg->medium, "%s: medium 0x%02X", tg->name, medium);

    if (tg->key == NULL) {
        *len = h.payload_len;
        return tpl_data + h.payload_offset;
    }
    msdk_mbus_sec_info_t info;
    ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
    ck_assert_msg(msdk_mbus_sec_decrypt(tg->key, &buf[2], &buf[tg->apl], n - tg->apl, out, out_cap,
                                        &info) == MSDK_OK,
                  "%s: decrypt", tg->name);
    ck_assert_uint_eq(info.mode, h.security_mode);
    *len = info.data_len;
    return out;
}

/* ---- Tests ----------------------------------------------------------------------------- */

/* 20 distinct telegrams of 11 makers. */
START_TEST(corpus3_size)
{
    ck_assert_uint_eq(MSDK_ARRAY_SIZE(k_corpus3), 20u);
    ck_assert_uint_eq(corpus_distinct_makers(k_corpus3, MSDK_ARRAY_SIZE(k_corpus3),
                                             sizeof k_corpus3[0], offsetof(corpus3_telegram_t, mfr),
                                             offsetof(corpus3_telegram_t, hex)),
                      11u);
}
END_TEST

/* Every telegram: its published identification, then the published values record by record,
 * every record valid but the documented bad ones, inside the data and in order, and the walk
 * ends as documented after the published number of records. */
START_TEST(corpus3_records)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus3); t++) {
        const corpus3_telegram_t *tg = &k_corpus3[t];
        uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN];
        uint8_t plain[MSDK_MBUS_SEC_APL_MAX];
        size_t len = 0;
        const uint8_t *data = corpus3_open(tg, buf, sizeof buf, plain, sizeof plain, &len);
        const corpus_walk_t w = { .name = tg->name,
                                  .records = tg->records,
                                  .end = tg->end,
                                  .fills = false,
                                  .mfr_len = tg->mfr_len,
                                  .more = -1,
                                  .bad = tg->bad,
                                  .chk = tg->chk,
                                  .n_chk = tg->n_chk };
        corpus_check_walk(&w, data, len);
    }
}
END_TEST

/* The two encrypted telegrams with a wrong key: MSDK_ERR_AUTH, nothing decoded. */
START_TEST(corpus3_wrong_key)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus3); t++) {
        const corpus3_telegram_t *tg = &k_corpus3[t];
        if (tg->key == NULL) {
            continue;
        }
        uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN];
        uint8_t out[MSDK_MBUS_SEC_APL_MAX];
        uint8_t bad[16];
        size_t n = ck_hex(tg->hex, buf, sizeof buf);
        memcpy(bad, tg->key, sizeof bad);
        bad[15] ^= 0x01u;
        ck_assert_int_eq(msdk_port_crypto_init(), MSDK_OK);
        ck_assert_int_eq(
            msdk_mbus_sec_decrypt(bad, &buf[2], &buf[tg->apl], n - tg->apl, out, sizeof out, NULL),
            MSDK_ERR_AUTH);
    }
}
END_TEST

Suite *mbus_corpus3_suite(void)
{
    Suite *s = suite_create("mbus_corpus3");
    TCase *tc = tcase_create("corpus3");
    tcase_add_test(tc, corpus3_size);
    tcase_add_test(tc, corpus3_records);
    tcase_add_test(tc, corpus3_wrong_key);
    suite_add_tcase(s, tc);
    return s;
}
