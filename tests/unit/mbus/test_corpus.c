/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.mbus, corpus: real RSP_UD long frames of real meters replayed through the link layer
 * decoder, the streaming receiver and the data record iterator.
 *
 * Every telegram comes from the libmbus project (github.com/rscada/libmbus,
 * test/test-frames/<name>.hex), and every expectation from the decoding that project publishes
 * beside it (<name>.xml: manufacturer, identification, version, access number, the number of
 * records, and per record the function, storage number, tariff, device, unit and value), read
 * with EN 13757-3's tables (e.g. "Volume (1e-2 m^3)" is VIF 0x14, exponent -2 in m3;
 * "Energy (10 Wh)" is VIF 0x04, exponent 1 in Wh), never from this decoder's output. The
 * telegrams are other ones than those of test_record.c, so the two files together replay 35
 * distinct telegrams.
 *
 * Where the XML says less than EN 13757-3, the row follows the standard and says why:
 * - VIF extension 0xFD 0x60 ("Unrecognized VIF extension: 0x60" in the XML) is the reset
 *   counter of the 0xFD table, 0xFD 0x67 the special supplier information;
 * - the XML leaves out the tariff and subunit of some Kamstrup records: they are worked out by
 *   hand from the DIFEs (tariff: bits 4-5 of each DIFE, 2 bits per DIFE; subunit: bit 6, one
 *   bit per DIFE; storage: DIF bit 6 then 4 bits per DIFE);
 * - a type G date 00 00 is published as "2000-00-00": year 0 is 2000, month and day 0 mean
 *   "not set" and are kept as such (EN 13757-3 uses day 0 for "every day"), not rejected.
 * Values the XML prints from a broken decoding are not checked (a type F date-time with its
 * invalid bit set, printed "1900-01-00"; the 32-bit reals of the EDC telegram, printed 0).
 *
 * The application header after CI 0x72 (ID 4 BCD bytes, manufacturer 2, version 1, medium 1,
 * access number 1, status 1, signature 2) is skipped by hand here; its fields are checked
 * against the published slave information. */
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

Suite *mbus_corpus_suite(void);

/* ---- Expectations ---------------------------------------------------------------------- */

typedef struct corpus_telegram {
    const char *name; /* libmbus test/test-frames/<name>.hex and .xml */
    const char *mfr;  /* published manufacturer (3 letters) */
    uint32_t id;      /* published identification number */
    uint8_t version;  /* published version */
    uint8_t access;   /* published access number */
    const char *hex;  /* the frame */
    uint8_t records;  /* published number of records (manufacturer data included) */
    int16_t mfr_len;  /* bytes after DIF 0x0F/0x1F, or NO_MFR */
    bool more;        /* the last DIF is 0x1F (more records follow) */
    const chk_t *chk; /* published values */
    size_t n_chk;     /* number of them */
} corpus_telegram_t;

/* ---- The corpus (all rscada/libmbus test/test-frames/<name>.hex + <name>.xml) ------------ */

/* ACW_Itron-BM-plus-m: Itron BM +m, cold water. */
static const chk_t chk_acw_bm[] = {
    N(0, FABRICATION_NUMBER, NONE, 0, 11490378), N(1, VOLUME, M3, -3, 54321),
    D(2, 0, 1, DATE, 2000, 0, 0, 0, 0),          V(3, 0, 1, 0, 0, VOLUME, M3, -3, 0),
    D(4, 0, 0, DATETIME, 2014, 3, 13, 11, 11),   N(5, OPERATING_TIME, DAY, 0, 0),
    N(6, FIRMWARE_VERSION, NONE, 0, 2),          N(7, SOFTWARE_VERSION, NONE, 0, 6),
};

/* EDC: heat meter, energy with the combinable VIFEs 0x3B/0x3C, plain-text units "C", "c". */
static const chk_t chk_edc[] = {
    N(0, ENERGY, WH, 3, 35),
    N(1, ENERGY, WH, 3, 465),
    V(2, 0, 0, 0, 1, ENERGY, WH, 3, 0),
    D(16, 0, 0, DATETIME, 2012, 7, 10, 15, 25),
    P(17, 0, 0, 0, 3571, "C"),
    P(19, 0, 0, 0, 1, "c"),
};

/* EMU_EMU-Professional-375-M-Bus: electricity, manufacturer VIFEs after standard VIFs. */
static const chk_t chk_emu[] = {
    N(0, FABRICATION_NUMBER, NONE, 0, 32629),
    V(1, 0, 0, 1, 0, ENERGY, WH, 0, 1364),
    V(3, 0, 0, 1, 2, ENERGY, WH, 0, 7854),
    N(5, POWER, W, 0, -2),
    V(9, 0, 0, 0, 2, POWER, W, 0, 14),
    N(13, VOLTAGE, V, -1, 2257),
    V(16, 2, 0, 0, 0, VOLTAGE, V, -1, 1874),
    V(19, 1, 0, 0, 0, VOLTAGE, V, -1, 2410),
    N(22, CURRENT, A, -3, -66),
    N(30, RESET_COUNTER, NONE, 0, 56),
    N(31, ERROR_FLAGS, NONE, 0, 0),
};

/* FIN-Finder-7E.23.8.230.0020: electricity. */
static const chk_t chk_fin[] = {
    V(0, 0, 0, 1, 0, ENERGY, WH, 1, 172868),
    V(1, 0, 2, 1, 0, ENERGY, WH, 1, 172868),
    N(2, VOLTAGE, V, 0, 230),
    N(3, CURRENT, A, -1, 6),
    N(4, POWER, W, 1, 9),
    V(5, 0, 0, 0, 1, POWER, W, 1, -3),
};

/* LGB_G350: Landis+Gyr gas, idle filler, type I date-time, LVAR fabrication number. */
static const chk_t chk_lgb[] = {
    V(0, 0, 1, 0, 0, VOLUME, M3, -3, 10834092),
    D(1, 0, 1, DATETIME, 2016, 7, 22, 8, 0),
    T(2, FABRICATION_NUMBER, "G0017591208205814"),
    V(3, 0, 0, 0, 1, DIGITAL_OUTPUT, NONE, 0, 1),
    N(4, ERROR_FLAGS, NONE, 0, 0),
    N(5, SUPPLIER_INFO, NONE, 0, 15),
};

/* REL-Relay-Padpuls2: Relay PadPuls M2 pulse collector, gas. */
static const chk_t chk_rel[] = {
    N(0, VOLUME, M3, -2, 2876081),
    D(2, 0, 1, DATE, 2014, 12, 31, 0, 0),
    V(3, 0, 1, 0, 0, VOLUME, M3, -2, 2597382),
    D(4, 0, 1, DATE, 2015, 12, 31, 0, 0),
};

/* SBC_Saia-Burgess-ALE3: electricity. */
static const chk_t chk_sbc[] = {
    V(0, 0, 0, 1, 0, ENERGY, WH, 1, 293),
    V(1, 0, 2, 1, 0, ENERGY, WH, 1, 293),
    V(2, 0, 0, 2, 0, ENERGY, WH, 1, 6),
    V(3, 0, 2, 2, 0, ENERGY, WH, 1, 6),
    N(4, VOLTAGE, V, 0, 223),
    N(5, CURRENT, A, -1, 0),
};

/* abb_delta: ABB Delta-Meter, 12-digit BCD energies over tariffs 1..4 and subunit 2. */
static const chk_t chk_abb_delta[] = {
    N(0, ENERGY, WH, 1, 0),
    V(3, 0, 0, 3, 0, ENERGY, WH, 1, 0),
    V(4, 0, 0, 4, 0, ENERGY, WH, 1, 0),
    V(5, 0, 0, 0, 2, ENERGY, WH, 1, 0),
    V(9, 0, 0, 4, 2, ENERGY, WH, 1, 0),
    N(12, ERROR_FLAGS, NONE, 0, 0),
};

/* kamstrup_382_005: Kamstrup 382 electricity meter. */
static const chk_t chk_kam382[] = {
    N(0, ENERGY, WH, 3, 0),
    N(1, ON_TIME, HOUR, 0, 9),
    N(2, POWER, W, 0, 0),
    V(3, 1, 0, 0, 0, POWER, W, 0, 0),
    V(4, 0, 0, 1, 1, ENERGY, WH, 3, 0),
    V(5, 0, 0, 2, 1, ENERGY, WH, 3, 0),
};

/* kamstrup_multical_601: Kamstrup MULTICAL 601 heat meter. */
static const chk_t chk_kam601[] = {
    N(0, FABRICATION_NUMBER, NONE, 0, 6855817),
    N(1, ENERGY, WH, 3, 37351),
    N(2, VOLUME, M3, -2, 56108),
    N(3, ON_TIME, HOUR, 0, 985),
    N(4, FLOW_TEMPERATURE, CELSIUS, -2, 10169),
    N(5, RETURN_TEMPERATURE, CELSIUS, -2, 4616),
    N(6, TEMPERATURE_DIFFERENCE, KELVIN, -2, 5553),
    N(7, POWER, W, 2, 347),
    V(8, 1, 0, 0, 0, POWER, W, 2, 448),
    N(9, VOLUME_FLOW, M3_PER_H, -3, 543),
    V(10, 1, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 628),
    V(11, 0, 0, 1, 0, ENERGY, WH, 3, 0),
    V(13, 0, 0, 0, 1, VOLUME, M3, -2, 0),
    V(15, 0, 0, 0, 3, ENERGY, WH, 3, 0),
    D(16, 0, 0, DATETIME, 2011, 1, 5, 15, 26),
    V(17, 0, 1, 0, 0, ENERGY, WH, 3, 33361),
    V(18, 0, 1, 0, 0, VOLUME, M3, -2, 50098),
    V(19, 1, 1, 0, 0, POWER, W, 2, 550),
    V(20, 1, 1, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 1027),
    D(26, 0, 1, DATE, 2010, 12, 31, 0, 0),
};

/* landis+gyr_ultraheat_t230: heat meter, negative BCD, error-state values, tariff 5. The
 * time point of storage 510 (00 00 E1 F1: year 127, "every year") is not checked. */
static const chk_t chk_lug_t230[] = {
    N(0, ACTUALITY_DURATION, SECOND, 0, 4),
    N(1, AVERAGING_DURATION, SECOND, 0, 8),
    N(3, VOLUME, M3, -2, 0),
    N(4, POWER, W, 2, 0),
    N(6, FLOW_TEMPERATURE, CELSIUS, -1, 195),
    N(7, RETURN_TEMPERATURE, CELSIUS, -1, 197),
    N(8, TEMPERATURE_DIFFERENCE, KELVIN, -1, -2),
    N(9, FABRICATION_NUMBER, NONE, 0, 66660205),
    V(10, 0, 0, 1, 0, AVERAGING_DURATION, MINUTE, 0, 7),
    V(11, 3, 0, 0, 0, ON_TIME, HOUR, 0, 3769),
    N(12, ON_TIME, HOUR, 0, 3769),
    N(13, OPERATING_TIME, HOUR, 0, 0),
    V(14, 0, 0, 5, 0, ENERGY, WH, 3, 0),
    V(17, 1, 0, 1, 0, FLOW_TEMPERATURE, CELSIUS, -1, 307),
    V(18, 1, 0, 1, 0, RETURN_TEMPERATURE, CELSIUS, -1, 507),
    V(25, 3, 1, 0, 0, ON_TIME, HOUR, 0, 3469),
    V(27, 0, 1, 5, 0, ENERGY, WH, 3, 0),
    D(33, 0, 0, DATETIME, 2012, 1, 13, 12, 4),
};

/* siemens_wfh21: Siemens WFH21 hot water (manufacturer LSE). */
static const chk_t chk_lse_wfh21[] = {
    N(0, VOLUME, M3, -3, 0),
    N(1, ON_TIME, HOUR, 0, 44086),
    D(2, 0, 0, DATETIME, 2011, 12, 1, 10, 36),
    D(3, 3, 0, DATE, 2000, 0, 0, 0, 0),
    N(4, FABRICATION_NUMBER, NONE, 0, 8006491),
    N(5, MODEL_VERSION, NONE, 0, 2173253517322),
    T(6, PARAMETER_SET_ID, "WFH21"),
    N(7, FIRMWARE_VERSION, NONE, 0, 0),
    D(9, 0, 1, DATE, 2010, 12, 31, 0, 0),
};

/* siemens_water: Siemens WFH21 warm water (manufacturer LSE). */
static const chk_t chk_lse_water[] = {
    N(0, VOLUME, M3, -3, 101),
    N(1, ON_TIME, HOUR, 0, 20952),
    D(2, 0, 0, DATETIME, 2011, 9, 14, 8, 56),
    D(3, 3, 0, DATE, 2000, 0, 0, 0, 0),
    N(4, FABRICATION_NUMBER, NONE, 0, 8021382),
    N(5, MODEL_VERSION, NONE, 0, 2173253517322),
    T(6, PARAMETER_SET_ID, "WFH21"),
    N(8, VOLUME_FLOW, M3_PER_H, -3, 0),
};

/* sontex_supercal_531_telegram1: Sontex Supercal 531 heat meter, energy in MJ. */
static const chk_t chk_son531[] = {
    N(0, ENERGY, J, 6, 0),
    N(1, VOLUME, M3, -2, 0),
    V(6, 0, 1, 0, 0, ENERGY, J, 6, 0),
    V(7, 0, 1, 0, 0, VOLUME, M3, -2, 0),
    V(8, 0, 1, 0, 1, VOLUME, M3, -2, 0),
    V(9, 0, 1, 0, 2, VOLUME, M3, -2, 0),
};

/* svm_f22_telegram1: SVM F22 heat meter. */
static const chk_t chk_svm_f22[] = {
    N(0, ENERGY, WH, 3, 28014),
    N(1, VOLUME, M3, -3, 640581),
    V(2, 0, 0, 0, 1, VOLUME, M3, -3, 640581),
    N(3, FLOW_TEMPERATURE, CELSIUS, 0, 243),
    N(4, RETURN_TEMPERATURE, CELSIUS, 0, 243),
    N(5, TEMPERATURE_DIFFERENCE, KELVIN, -1, 0),
    N(6, ON_TIME, HOUR, 0, 6370),
    N(7, OPERATING_TIME, HOUR, 0, 6363),
    N(9, POWER, W, 1, 0),
    D(10, 0, 0, DATETIME, 2021, 2, 8, 21, 12),
    V(11, 0, 0, 0, 1, HCA_UNITS, NONE, 0, 0),
    V(12, 0, 0, 0, 2, HCA_UNITS, NONE, 0, 0),
};

/* Elster-F2: Elster F2 / Deltamess F2 heat meter (manufacturer SVM). */
static const chk_t chk_svm_f2[] = {
    N(0, ENERGY, WH, 3, 5272),
    N(1, VOLUME, M3, -2, 120427),
    V(2, 0, 0, 0, 1, VOLUME, M3, -2, 91769),
    N(3, FLOW_TEMPERATURE, CELSIUS, 0, 28),
    N(4, RETURN_TEMPERATURE, CELSIUS, 0, 34),
    N(6, ON_TIME, HOUR, 0, 41393),
    N(7, OPERATING_TIME, HOUR, 0, 41393),
    D(10, 0, 0, DATETIME, 2013, 6, 29, 12, 12),
};

/* tch_telegramm1: Techem m-bus S heat meter. */
static const chk_t chk_tch[] = {
    N(0, ENERGY, WH, 2, 0),
    D(1, 0, 0, DATETIME, 2000, 9, 29, 13, 50),
    V(2, 0, 1, 0, 0, ENERGY, WH, 2, 0),
    D(3, 0, 1, DATE, 2000, 5, 29, 0, 0),
    N(4, VOLUME_FLOW, M3_PER_H, -4, 0),
    N(5, FLOW_TEMPERATURE, CELSIUS, -1, 234),
    N(6, RETURN_TEMPERATURE, CELSIUS, -1, 224),
    N(7, POWER, W, -1, 0),
    N(8, VOLUME, M3, -3, 64),
};

/* nzr_dhz_5_63: NZR DHZ 5/63 electricity meter. */
static const chk_t chk_nzr[] = {
    N(0, ENERGY, WH, 0, 1274),  N(1, ENERGY, WH, 0, 1274),
    N(2, VOLTAGE, V, -1, 2372), N(3, CURRENT, A, -1, 0),
    N(4, POWER, W, 0, 0),       N(5, FABRICATION_NUMBER, NONE, 0, 30100608),
};

/* gmc_emmod206: GMC-I A230 EMMOD 206 electricity meter, three phases as subunits. */
static const chk_t chk_gmc[] = {
    V(0, 0, 0, 0, 1, VOLTAGE, V, -1, 864),  V(1, 0, 0, 0, 2, VOLTAGE, V, -1, 959),
    V(2, 0, 0, 0, 3, VOLTAGE, V, -1, 1056), V(3, 0, 0, 0, 1, CURRENT, A, -3, 957),
    V(5, 0, 0, 0, 3, CURRENT, A, -3, 1150), V(6, 0, 0, 0, 1, POWER, W, 0, 224),
    V(7, 0, 0, 0, 1, POWER, W, 0, -202),    V(8, 0, 0, 1, 0, ENERGY, WH, 1, 10388),
    V(9, 0, 0, 2, 0, ENERGY, WH, 1, 15000), V(15, 0, 0, 2, 3, ENERGY, WH, 1, 45000),
    V(16, 0, 2, 0, 1, POWER, W, 0, 224),    V(19, 0, 8, 0, 1, POWER, W, 0, 202),
};

/* ram_modularis: Rossweiner ETK/ETW Modularis water meter, storage numbers 1..13. */
static const chk_t chk_ram[] = {
    N(0, VOLUME, M3, -3, 10116),
    D(1, 0, 0, DATETIME, 2013, 10, 18, 21, 40),
    D(2, 0, 1, DATE, 2013, 9, 28, 0, 0),
    V(3, 0, 1, 0, 0, VOLUME, M3, -3, 8393),
    N(5, FABRICATION_NUMBER, NONE, 0, 25776),
    D(6, 0, 2, DATE, 2013, 9, 30, 0, 0),
    V(7, 0, 2, 0, 0, VOLUME, M3, -3, 8527),
    V(9, 0, 3, 0, 0, VOLUME, M3, -3, 99999995),
    D(12, 0, 5, DATE, 2012, 12, 31, 0, 0),
    V(13, 0, 5, 0, 0, VOLUME, M3, -3, 782),
    D(28, 0, 13, DATE, 2013, 8, 31, 0, 0),
    V(29, 0, 13, 0, 0, VOLUME, M3, -3, 5668),
};

/* tecson: Tecson oil tank level meter. */
static const chk_t chk_tec[] = {
    N(0, EXTERNAL_TEMPERATURE, CELSIUS, 0, 9),
    N(1, VOLUME, M3, -2, 4560),
    V(2, 1, 0, 1, 0, VOLUME, M3, -2, 5000),
};

/* berg_dz_plus: Berg DZ+ (an ABB Delta-Meter, manufacturer ABB). */
static const chk_t chk_abb_dz[] = {
    N(0, ENERGY, WH, 1, 0),
    V(1, 0, 0, 1, 0, ENERGY, WH, 1, 0),
    V(3, 0, 0, 3, 0, ENERGY, WH, 1, 0),
    V(8, 0, 0, 3, 2, ENERGY, WH, 1, 0),
    N(14, ERROR_FLAGS, NONE, 0, 0),
};

/* ELV-Elvaco-CMa10: Elvaco CMa10 room sensor, plain-text unit "%RH" with VIFE 0x74. */
static const chk_t chk_elv[] = {
    N(0, DIGITAL_INPUT, NONE, 0, 2),
    P(1, 0, 0, -2, 5410, "%RH"),
    P(2, 2, 0, -2, 3364, "%RH"),
    P(3, 1, 0, -2, 7363, "%RH"),
    N(4, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2094),
    V(5, 2, 0, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 1372),
    V(6, 1, 0, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2978),
    N(7, AVERAGING_DURATION, HOUR, 0, 24),
    V(8, 0, 1, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2092),
    V(9, 0, 2, 0, 0, EXTERNAL_TEMPERATURE, CELSIUS, -2, 2079),
    N(10, FABRICATION_NUMBER, NONE, 0, 24011561),
    N(11, SOFTWARE_VERSION, NONE, 0, 262144),
};

/* EFE_Engelmann-Elster-SensoStar-2: heat meter. */
static const chk_t chk_efe[] = {
    N(0, FABRICATION_NUMBER, NONE, 0, 24083345),
    D(1, 0, 0, DATETIME, 2014, 3, 12, 14, 23),
    N(2, VOLUME, M3, -1, 0),
    V(4, 0, 2, 0, 0, VOLUME, M3, -1, 0),
    N(5, ENERGY, WH, 3, 0),
    V(9, 0, 1, 1, 0, ENERGY, WH, 3, 0),
    V(10, 0, 2, 1, 0, ENERGY, WH, 3, 0),
    D(11, 0, 1, DATE, 2013, 12, 31, 0, 0),
    D(12, 0, 0, DATE, 2014, 12, 31, 0, 0),
    V(14, 0, 0, 3, 0, ENERGY, WH, 3, 0),
    V(16, 1, 0, 0, 0, VOLUME_FLOW, M3_PER_H, -3, 25),
    V(18, 1, 0, 0, 0, POWER, W, 0, 11),
    N(19, FLOW_TEMPERATURE, CELSIUS, 0, 22),
    N(20, RETURN_TEMPERATURE, CELSIUS, 0, 21),
    N(21, TEMPERATURE_DIFFERENCE, KELVIN, -2, 9),
    N(22, ON_TIME, DAY, 0, 524),
    N(23, ERROR_FLAGS, NONE, 0, 0),
    N(24, VOLUME, M3, -6, 11),
};

/* itron_cf_51: Itron CF 51 heat/cooling meter (manufacturer ACW), error-state BCD 99..9. */
static const chk_t chk_acw_cf51[] = {
    N(0, FABRICATION_NUMBER, NONE, 0, 11155185),
    N(1, ENERGY, WH, 3, 0),
    V(3, 3, 0, 0, 0, POWER, W, 2, 999999),
    V(5, 3, 0, 0, 0, FLOW_TEMPERATURE, CELSIUS, -1, 9999),
    V(7, 3, 0, 0, 0, TEMPERATURE_DIFFERENCE, KELVIN, -2, 999999),
    D(8, 0, 0, DATETIME, 2012, 1, 24, 13, 24),
    N(9, OPERATING_TIME, DAY, 0, 104),
    N(10, FIRMWARE_VERSION, NONE, 0, 11),
    N(11, SOFTWARE_VERSION, NONE, 0, 26),
    V(12, 0, 0, 0, 1, VOLUME, M3, 0, 321),
    V(13, 0, 0, 0, 2, VOLUME, M3, -2, 123),
    N(14, ENERGY, WH, 3, 0),
};

static const corpus_telegram_t k_corpus[] = {
    { "ACW_Itron-BM-plus-m", "ACW", 11490378u, 14u, 10u,
      "68 3C 3C 68 08 08 72 78 03 49 11 77 04 0E 16 0A 00 00 00 0C 78 78 03 49 11 04 13 31 D4 00 "
      "00 42 6C 00 00 44 13 00 00 00 00 04 6D 0B 0B CD 13 02 27 00 00 09 FD 0E 02 09 FD 0F 06 0F "
      "00 01 75 13 D3 16",
      9u, 4, false, CHK(chk_acw_bm) },
    { "EDC", "EDC", 11120895u, 2u, 23u,
      "68 AE AE 68 28 01 72 95 08 12 11 83 14 02 04 17 00 00 00 84 00 86 3B 23 00 00 00 84 00 86 "
      "3C D1 01 00 00 84 40 86 3B 00 00 00 00 84 40 86 3C 00 00 00 00 85 00 5B 2B 4B AC 41 85 00 "
      "5F 20 D7 AC 41 85 40 5B 00 00 B8 42 85 40 5F 00 00 B8 42 85 00 3B 84 00 35 3F 85 40 3B 00 "
      "00 00 00 95 00 3B 95 CF B2 43 95 40 3B 00 00 00 00 85 00 2B 00 00 00 00 85 40 2B 00 00 00 "
      "00 95 00 2B D3 9F 90 46 95 40 2B 00 00 00 00 04 6D 19 0F 8A 17 84 00 7C 01 43 F3 0D 00 00 "
      "84 40 7C 01 43 9D 01 00 00 84 00 7C 01 63 01 00 00 00 84 40 7C 01 63 01 00 00 00 0F 2F 16",
      22u, 0, false, CHK(chk_edc) },
    { "EMU_EMU-Professional-375-M-Bus", "EMU", 32629u, 16u, 2u,
      "68 F4 F4 68 08 00 72 29 26 03 00 B5 15 10 02 02 00 00 00 0C 78 29 26 03 00 84 10 03 54 05 "
      "00 00 84 20 03 00 00 00 00 84 90 40 03 AE 1E 00 00 84 A0 40 03 00 00 00 00 04 AB FF 01 FE "
      "FF FF FF 04 AB FF 02 00 00 00 00 04 AB FF 03 00 00 00 00 04 2B FE FF FF FF 84 80 40 AB FF "
      "01 0E 00 00 00 84 80 40 AB FF 02 00 00 00 00 84 80 40 AB FF 03 00 00 00 00 84 80 40 2B 0E "
      "00 00 00 02 FD C8 FF 01 D1 08 02 FD C8 FF 02 00 00 02 FD C8 FF 03 00 00 22 FD C8 FF 01 52 "
      "07 22 FD C8 FF 02 00 00 22 FD C8 FF 03 00 00 12 FD C8 FF 01 6A 09 12 FD C8 FF 02 00 00 12 "
      "FD C8 FF 03 00 00 03 FD D9 FF 01 BE FF FF 03 FD D9 FF 02 00 00 00 03 FD D9 FF 03 00 00 00 "
      "03 FD 59 BE FF FF 01 FF E1 FF 01 0D 01 FF E1 FF 02 00 01 FF E1 FF 03 00 02 FF 52 F4 01 02 "
      "FD 60 38 00 01 FD 17 00 74 16",
      32u, NO_MFR, false, CHK(chk_emu) },
    { "FIN-Finder-7E.23.8.230.0020", "FIN", 23006207u, 35u, 146u,
      "68 38 38 68 08 19 72 07 62 00 23 2E 19 23 02 92 00 00 00 8C 10 04 68 28 17 00 8C 11 04 68 "
      "28 17 00 02 FD C9 FF 01 E6 00 02 FD DB FF 01 06 00 02 AC FF 01 09 00 82 40 AC FF 01 FD FF "
      "5B 16",
      6u, NO_MFR, false, CHK(chk_fin) },
    { "LGB_G350", "LGB", 12082058u, 64u, 64u,
      "68 40 40 68 08 01 72 58 20 08 12 E2 30 40 03 40 00 00 00 2F 2F 4C 13 92 40 83 10 46 6D 00 "
      "00 08 16 27 00 0D 78 11 34 31 38 35 30 32 38 30 32 31 39 35 37 31 30 30 47 89 40 FD 1A 01 "
      "01 FD 17 00 01 FD 67 0F 38 16",
      6u, NO_MFR, false, CHK(chk_lgb) },
    { "REL-Relay-Padpuls2", "REL", 11216301u, 65u, 177u,
      "68 2F 2F 68 08 16 72 01 63 21 11 AC 48 41 03 B1 00 00 00 0C 14 81 60 87 02 04 6D A1 15 E9 "
      "17 42 6C DF 1C 4C 14 82 73 59 02 42 EC 7E FF 1C 0F C0 01 01 0C BD 16",
      6u, 4, false, CHK(chk_rel) },
    { "SBC_Saia-Burgess-ALE3", "SBC", 19000055u, 22u, 191u,
      "68 92 92 68 08 28 72 55 00 00 19 43 4C 16 02 BF 00 00 00 8C 10 04 93 02 00 00 8C 11 04 93 "
      "02 00 00 8C 20 04 06 00 00 00 8C 21 04 06 00 00 00 02 FD C9 FF 01 DF 00 02 FD DB FF 01 00 "
      "00 02 AC FF 01 00 00 82 40 AC FF 01 00 00 02 FD C9 FF 02 00 00 02 FD DB FF 02 00 00 02 AC "
      "FF 02 00 00 82 40 AC FF 02 00 00 02 FD C9 FF 03 00 00 02 FD DB FF 03 00 00 02 AC FF 03 00 "
      "00 82 40 AC FF 03 00 00 02 FF 68 00 00 02 AC FF 00 00 00 82 40 AC FF 00 00 00 01 FF 14 00 "
      "0A 16",
      20u, NO_MFR, false, CHK(chk_sbc) },
    { "abb_delta", "ABB", 78563412u, 2u, 69u,
      "68 98 98 68 08 01 72 12 34 56 78 42 04 02 02 45 00 00 00 0E 84 00 00 00 00 00 00 00 8E 10 "
      "84 00 00 00 00 00 00 00 8E 20 84 00 00 00 00 00 00 00 8E B0 00 84 00 00 00 00 00 00 00 8E "
      "80 10 84 00 00 00 00 00 00 00 8E 80 40 84 00 00 00 00 00 00 00 8E 90 40 84 00 00 00 00 00 "
      "00 00 8E A0 40 84 00 00 00 00 00 00 00 8E B0 40 84 00 00 00 00 00 00 00 8E 80 50 84 00 00 "
      "00 00 00 00 00 01 FF 93 00 00 0C FF 92 00 00 00 00 01 07 FD 97 00 00 00 00 00 00 00 00 00 "
      "01 FF 98 00 00 1F 75 16",
      15u, 0, true, CHK(chk_abb_delta) },
    { "kamstrup_382_005", "KAM", 14839120u, 1u, 4u,
      "68 46 46 68 08 78 72 20 91 83 14 2D 2C 01 02 04 00 00 00 04 06 00 00 00 00 04 22 09 00 00 "
      "00 04 2B 00 00 00 00 14 2B 00 00 00 00 84 50 06 00 00 00 00 84 60 06 00 00 00 00 0F 00 00 "
      "00 00 00 00 00 00 00 00 00 00 00 00 00 10 24 16",
      7u, 16, false, CHK(chk_kam382) },
    { "kamstrup_multical_601", "KAM", 6855817u, 8u, 4u,
      "68 F7 F7 68 08 11 72 17 58 85 06 2D 2C 08 04 04 00 00 00 0C 78 17 58 85 06 04 06 E7 91 00 "
      "00 04 14 2C DB 00 00 04 22 D9 03 00 00 04 59 B9 27 00 00 04 5D 08 12 00 00 04 61 B1 15 00 "
      "00 04 2D 5B 01 00 00 14 2D C0 01 00 00 04 3B 1F 02 00 00 14 3B 74 02 00 00 84 10 06 00 00 "
      "00 00 84 20 06 00 00 00 00 84 40 14 00 00 00 00 84 80 40 14 00 00 00 00 84 C0 40 06 00 00 "
      "00 00 04 6D 1A 2F 65 11 44 06 51 82 00 00 44 14 B2 C3 00 00 54 2D 26 02 00 00 54 3B 03 04 "
      "00 00 C4 10 06 00 00 00 00 C4 20 06 00 00 00 00 C4 40 14 00 00 00 00 C4 80 40 14 00 00 00 "
      "00 C4 C0 40 06 00 00 00 00 42 6C 5F 1C 0F 00 00 00 00 E7 E4 00 00 63 66 00 00 00 00 00 00 "
      "00 00 00 00 00 00 00 00 5B C9 A5 02 34 53 00 00 E0 B2 03 00 89 9C 68 00 00 00 00 00 01 00 "
      "01 07 07 09 01 03 00 00 00 00 00 98 16",
      28u, 57, false, CHK(chk_kam601) },
    { "landis+gyr_ultraheat_t230", "LUG", 66660205u, 7u, 1u,
      "68 E2 E2 68 08 00 72 05 02 66 66 A7 32 07 04 01 10 00 00 09 74 04 09 70 08 0C 06 00 00 00 "
      "00 0C 14 00 00 00 00 0B 2D 00 00 00 0B 3B 00 00 00 0B 5A 95 01 00 0B 5E 97 01 00 0B 62 02 "
      "00 F0 0C 78 05 02 66 66 89 10 71 07 3C 22 69 37 00 00 0C 22 69 37 00 00 0C 26 00 00 00 00 "
      "8C 90 10 06 00 00 00 00 9B 10 2D 00 00 00 9B 10 3B 00 00 00 9B 10 5A 07 03 00 9B 10 5E 07 "
      "05 00 94 10 AD 6F 00 00 00 00 94 10 BB 6F 00 00 00 00 94 10 DA 6F 32 14 7A 18 94 10 DE 6F "
      "2B 0B 69 18 4C 06 00 00 00 00 4C 14 00 00 00 00 7C 22 69 34 00 00 4C 26 00 00 00 00 CC 90 "
      "10 06 00 00 00 00 DB 10 2D 00 00 00 DB 10 3B 00 00 00 DB 10 5A 07 03 00 DB 10 5E 07 05 00 "
      "84 8F 0F 6D 00 00 E1 F1 04 6D 04 0C 8D 11 0F 09 07 00 66 01 7D 16",
      35u, 5, false, CHK(chk_lug_t230) },
    { "siemens_wfh21", "LSE", 8006491u, 153u, 218u,
      "68 5E 5E 68 08 05 72 91 64 00 08 65 32 99 06 DA 00 00 00 0C 13 00 00 00 00 0B 22 86 40 04 "
      "04 6D 24 0A 61 1C 32 6C 00 00 0C 78 91 64 00 08 06 FD 0C 0A 00 01 00 FA 01 0D FD 0B 05 31 "
      "32 48 46 57 01 FD 0E 00 4C 13 00 00 00 00 42 6C 5F 1C 0F 37 FD 17 00 00 00 00 00 00 00 00 "
      "02 7A 25 00 02 78 25 00 82 16",
      11u, 19, false, CHK(chk_lse_wfh21) },
    { "siemens_water", "LSE", 8021382u, 153u, 235u,
      "68 59 59 68 08 00 72 82 13 02 08 65 32 99 06 EB 00 00 00 0C 13 01 01 00 00 0B 22 52 09 02 "
      "04 6D 38 08 6E 19 32 6C 00 00 0C 78 82 13 02 08 06 FD 0C 0A 00 01 00 FA 01 0D FD 0B 05 31 "
      "32 48 46 57 01 FD 0E 00 0B 3B 00 00 00 0F 37 FD 17 00 00 00 00 00 00 00 00 02 7A 0D 00 02 "
      "78 0D 00 11 16",
      10u, 19, false, CHK(chk_lse_water) },
    { "sontex_supercal_531_telegram1", "SON", 8420624u, 13u, 44u,
      "68 51 51 68 08 01 72 24 06 42 08 EE 4D 0D 04 2C 30 00 00 04 0E 00 00 00 00 04 14 00 00 00 "
      "00 05 5B 00 00 00 00 05 5F 00 00 00 00 05 3E 00 00 00 00 05 2B 00 00 00 00 C4 00 0E 00 00 "
      "00 00 C4 00 14 00 00 00 00 C4 40 14 00 00 00 00 C4 80 40 14 00 00 00 00 1F 71 16",
      11u, 0, true, CHK(chk_son531) },
    { "svm_f22_telegram1", "SVM", 1006089u, 9u, 148u,
      "68 5C 5C 68 08 01 72 89 60 00 01 CD 4E 09 0C 94 70 00 00 04 06 6E 6D 00 00 04 13 45 C6 09 "
      "00 84 40 13 45 C6 09 00 02 5B F3 00 02 5F F3 00 02 62 00 00 04 22 E2 18 00 00 04 26 DB 18 "
      "00 00 04 3B 00 00 00 00 04 2C 00 00 00 00 04 6D 0C 15 A8 22 84 40 6E 00 00 00 00 84 80 40 "
      "6E 00 00 00 00 1F A7 16",
      14u, 0, true, CHK(chk_svm_f22) },
    { "Elster-F2", "SVM", 802657u, 8u, 70u,
      "68 90 90 68 08 01 72 57 26 80 00 CD 4E 08 04 46 00 00 00 04 06 98 14 00 00 04 14 6B D6 01 "
      "00 84 40 14 79 66 01 00 02 5B 1C 00 02 5F 22 00 02 62 00 00 04 22 B1 A1 00 00 04 26 B1 A1 "
      "00 00 04 3B 00 00 00 00 04 2C 00 00 00 00 04 6D 0C 0C BD 16 84 40 6E 00 00 00 00 84 80 40 "
      "6E 00 00 00 00 1F C4 09 01 01 12 00 01 01 01 07 57 26 80 00 CD 4E 08 04 07 A3 FF 03 57 26 "
      "80 00 04 04 0D 02 FF 0F 05 3C FF 62 E7 62 96 0A 89 0A 02 00 15 40 17 01 00 00 63 42 DE 16",
      14u, 52, true, CHK(chk_svm_f2) },
    { "tch_telegramm1", "TCH", 21519982u, 38u, 133u,
      "68 3F 3F 68 08 4E 72 82 99 51 21 68 50 26 04 85 00 00 00 0C 05 00 00 00 00 04 6D 32 0D 1D "
      "09 4C 05 00 00 00 00 42 6C 1D 05 0B 3A 00 00 00 0A 5A 34 02 0A 5E 24 02 0C 2A 00 00 00 00 "
      "0C 13 64 00 00 00 1F 09 16",
      10u, 0, true, CHK(chk_tch) },
    { "nzr_dhz_5_63", "NZR", 30100608u, 1u, 1u,
      "68 32 32 68 08 05 72 08 06 10 30 52 3B 01 02 01 00 00 00 04 03 FA 04 00 00 04 83 7F FA 04 "
      "00 00 02 FD 48 44 09 02 FD 5B 00 00 02 2B 00 00 0C 78 08 06 10 30 0F 0E 71 16",
      7u, 1, false, CHK(chk_nzr) },
    { "gmc_emmod206", "GMC", 12345678u, 230u, 2u,
      "68 91 91 68 08 03 72 78 56 34 12 A3 1D E6 02 02 00 00 00 82 40 FD 48 60 03 82 80 40 FD 48 "
      "BF 03 82 C0 40 FD 48 20 04 82 40 FD 59 BD 03 82 80 40 FD 59 1F 04 82 C0 40 FD 59 7E 04 82 "
      "40 2B E0 00 82 40 2B 36 FF 84 10 04 94 28 00 00 84 20 04 98 3A 00 00 84 50 04 BF 4E 00 00 "
      "84 60 04 A8 61 00 00 84 90 40 04 8B 75 00 00 84 A0 40 04 B8 88 00 00 84 D0 40 04 2D 9D 00 "
      "00 84 E0 40 04 C8 AF 00 00 82 41 2B E0 00 82 42 2B 00 00 82 43 2B 00 00 82 44 2B CA 00 42 "
      "16",
      20u, NO_MFR, false, CHK(chk_gmc) },
    { "ram_modularis", "RAM", 25776u, 3u, 139u,
      "68 C4 C4 68 08 00 72 76 57 02 00 2D 48 03 07 8B 00 00 00 04 13 84 27 00 00 04 6D 28 15 B2 "
      "1A 42 6C BC 19 44 13 C9 20 00 00 42 EC 7E DC 19 0C 78 76 57 02 00 82 01 6C BE 19 84 01 13 "
      "4F 21 00 00 C2 01 6C 9F 1A C4 01 13 FB E0 F5 05 82 02 6C 9E 1B 84 02 13 F9 E0 F5 05 C2 02 "
      "6C 9F 1C C4 02 13 0E 03 00 00 82 03 6C BF 11 84 03 13 89 07 00 00 C2 03 6C BC 12 C4 03 13 "
      "14 0C 00 00 82 04 6C BF 13 84 04 13 35 12 00 00 C2 04 6C BE 14 C4 04 13 9F 12 00 00 82 05 "
      "6C BF 15 84 05 13 04 14 00 00 C2 05 6C BE 16 C4 05 13 38 14 00 00 82 06 6C BF 17 84 06 13 "
      "7E 14 00 00 C2 06 6C BF 18 C4 06 13 24 16 00 00 0F 01 00 00 82 16",
      31u, 3, false, CHK(chk_ram) },
    { "tecson", "TEC", 78563412u, 16u, 1u,
      "68 1B 1B 68 08 00 72 12 34 56 78 A3 50 10 01 01 00 00 00 01 67 09 0A 14 60 45 92 10 14 88 "
      "13 18 16",
      3u, NO_MFR, false, CHK(chk_tec) },
    { "berg_dz_plus", "ABB", 0u, 2u, 0u,
      "68 A3 A3 68 08 00 72 00 00 00 00 42 04 02 02 00 00 00 00 0E 04 00 00 00 00 00 00 8E 10 04 "
      "00 00 00 00 00 00 8E 20 04 00 00 00 00 00 00 8E B0 00 04 00 00 00 00 00 00 8E 80 10 04 00 "
      "00 00 00 00 00 8E 80 40 04 00 00 00 00 00 00 8E 90 40 04 00 00 00 00 00 00 8E A0 40 04 00 "
      "00 00 00 00 00 8E B0 40 04 00 00 00 00 00 00 8E 80 50 04 00 00 00 00 00 00 01 FF 13 00 0B "
      "FF 12 00 00 00 0A FF 68 00 00 0A FF 69 00 00 07 FD 17 00 00 00 00 00 00 00 00 01 FF 18 00 "
      "1F 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FC 16",
      17u, 16, true, CHK(chk_abb_dz) },
    { "ELV-Elvaco-CMa10", "ELV", 24011561u, 22u, 63u,
      "68 53 53 68 08 0B 72 61 15 01 24 96 15 16 00 3F 00 00 00 01 FD 1B 02 02 FC 03 48 52 25 74 "
      "22 15 22 FC 03 48 52 25 74 24 0D 12 FC 03 48 52 25 74 C3 1C 02 65 2E 08 22 65 5C 05 12 65 "
      "A2 0B 01 72 18 42 65 2C 08 82 01 65 1F 08 0C 78 61 15 01 24 03 FD 0F 00 00 04 1F BD 16",
      13u, 0, true, CHK(chk_elv) },
    { "EFE_Engelmann-Elster-SensoStar-2", "EFE", 24083345u, 0u, 102u,
      "68 A1 A1 68 08 00 72 45 33 08 24 C5 14 00 04 66 27 00 00 04 78 91 7B 6F 01 04 6D 17 2E CC "
      "13 04 15 00 00 00 00 44 15 00 00 00 00 84 01 15 00 00 00 00 04 06 00 00 00 00 44 06 00 00 "
      "00 00 84 01 06 00 00 00 00 84 10 06 00 00 00 00 C4 10 06 00 00 00 00 84 11 06 00 00 00 00 "
      "42 6C BF 1C 02 6C DF 1C 84 20 06 00 00 00 00 84 30 06 00 00 00 00 04 3B 00 00 00 00 14 3B "
      "19 00 00 00 04 2B 00 00 00 00 14 2B 0B 00 00 00 02 5B 16 00 02 5F 15 00 04 61 09 00 00 00 "
      "02 23 0C 02 01 FD 17 00 04 90 28 0B 00 00 00 EB 16",
      25u, NO_MFR, false, CHK(chk_efe) },
    { "itron_cf_51", "ACW", 11155185u, 10u, 27u,
      "68 64 64 68 08 06 72 85 51 15 11 77 04 0A 0D 1B 10 00 00 0C 78 85 51 15 11 04 06 00 00 00 "
      "00 0C 14 00 00 00 00 3B 2D 99 99 99 0B 3B 00 00 00 3A 5A 99 99 3A 5E 99 99 3B 61 99 99 99 "
      "04 6D 18 0D 98 11 02 27 68 00 09 FD 0E 11 09 FD 0F 26 8C C0 00 16 21 03 00 00 8C 80 40 14 "
      "23 01 00 00 04 86 3C 00 00 00 00 0F 03 20 85 16",
      16u, 2, false, CHK(chk_acw_cf51) },
};

/* ---- Helpers --------------------------------------------------------------------------- */

/* Length of the application header after CI 0x72. */
#define HDR_LEN 12u

/* The frame of telegram @p t decoded; its bytes in @p buf. */
static void corpus_frame(const corpus_telegram_t *t, uint8_t *buf, size_t cap, size_t *n,
                         msdk_mbus_frame_t *f)
{
    *n = ck_hex(t->hex, buf, cap);
    ck_assert_msg(msdk_mbus_frame_decode(buf, *n, f) == MSDK_OK, "%s: frame", t->name);
}

/* ---- Tests ----------------------------------------------------------------------------- */

/* The corpus is as large and as varied as the issue asks of this file. */
START_TEST(corpus_size)
{
    ck_assert_uint_ge(MSDK_ARRAY_SIZE(k_corpus), 25u);
    ck_assert_uint_ge(corpus_distinct_makers(k_corpus, MSDK_ARRAY_SIZE(k_corpus),
                                             sizeof k_corpus[0], offsetof(corpus_telegram_t, mfr),
                                             offsetof(corpus_telegram_t, hex)),
                      12u);
}
END_TEST

/* Each telegram is a RSP_UD long frame with a correct checksum (summed here by hand) whose
 * header carries the published manufacturer, identification, version and access number. */
START_TEST(corpus_frames)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus); t++) {
        const corpus_telegram_t *tg = &k_corpus[t];
        uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN];
        size_t n;
        msdk_mbus_frame_t f;
        corpus_frame(tg, buf, sizeof buf, &n, &f);
        corpus_check_long_frame(tg->name, buf, n, &f);
        ck_assert(!msdk_mbus_c_is_primary(f.c));
        ck_assert_uint_eq(f.a, buf[5]);
        ck_assert_ptr_eq(f.data, &buf[7]);
        ck_assert_uint_eq(f.data_len, (size_t)buf[1] - 3u);
        ck_assert_uint_gt(f.data_len, HDR_LEN);

        /* Identification: 8 BCD digits, least significant byte first. */
        uint32_t id = 0;
        for (size_t k = 4; k-- > 0;) {
            id = id * 100u + (uint32_t)(f.data[k] >> 4) * 10u + (uint32_t)(f.data[k] & 0x0Fu);
        }
        ck_assert_msg(id == tg->id, "%s: id %u", tg->name, (unsigned)id);
        /* Manufacturer: three letters of 5 bits, 'A' = 1 (EN 13757-3, 2 bytes LE). */
        unsigned m = (unsigned)f.data[4] | ((unsigned)f.data[5] << 8);
        char mfr[4] = { (char)('@' + ((m >> 10) & 0x1Fu)), (char)('@' + ((m >> 5) & 0x1Fu)),
                        (char)('@' + (m & 0x1Fu)), '\0' };
        ck_assert_msg(strcmp(mfr, tg->mfr) == 0, "%s: manufacturer %s", tg->name, mfr);
        ck_assert_uint_eq(f.data[6], tg->version);
        ck_assert_uint_eq(f.data[8], tg->access);
    }
}
END_TEST

/* The same bytes with one data byte changed fail the checksum; one byte short is truncated. */
START_TEST(corpus_frames_corrupted)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus); t++) {
        uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN];
        size_t n = ck_hex(k_corpus[t].hex, buf, sizeof buf);
        msdk_mbus_frame_t f;
        memset(&f, 0xA5, sizeof f);
        buf[n / 2u] ^= 0x01u;
        ck_assert_int_eq(msdk_mbus_frame_decode(buf, n, &f), MSDK_ERR_CHECKSUM);
        buf[n / 2u] ^= 0x01u;
        ck_assert_int_eq(msdk_mbus_frame_decode(buf, n - 1u, &f), MSDK_ERR_TRUNCATED);
        ck_assert_uint_eq(((const uint8_t *)&f)[0], 0xA5u);
    }
}
END_TEST

/* The streaming receiver, fed each telegram after some line noise in chunks of 1..7 bytes,
 * reports exactly that frame. */
START_TEST(corpus_receiver_chunks)
{
    static const uint8_t noise[] = { 0x00, 0xFF, 0x16, 0x33 };
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus); t++) {
        uint8_t buf[sizeof noise + MSDK_MBUS_FRAME_MAX_LEN];
        memcpy(buf, noise, sizeof noise);
        size_t n =
            sizeof noise + ck_hex(k_corpus[t].hex, &buf[sizeof noise], sizeof buf - sizeof noise);
        for (size_t chunk = 1; chunk <= 7u; chunk++) {
            msdk_mbus_rx_t rx;
            ck_assert_int_eq(msdk_mbus_rx_init(&rx), MSDK_OK);
            size_t pos = 0;
            unsigned frames = 0;
            while (pos < n) {
                size_t part = n - pos < chunk ? n - pos : chunk;
                size_t off = 0;
                while (off < part) {
                    size_t used = 0;
                    msdk_mbus_frame_t f;
                    msdk_err_t err = msdk_mbus_rx_feed(&rx, &buf[pos + off], part - off, &used, &f);
                    off += used;
                    if (err == MSDK_OK) {
                        frames++;
                        ck_assert_int_eq(f.type, MSDK_MBUS_FRAME_LONG);
                        ck_assert_uint_eq(f.ci, 0x72u);
                        ck_assert_uint_eq(f.data_len, (size_t)buf[sizeof noise + 1u] - 3u);
                        ck_assert_mem_eq(f.data, &buf[sizeof noise + 7u], f.data_len);
                    } else {
                        ck_assert_int_eq(err, MSDK_ERR_WOULD_BLOCK);
                        break;
                    }
                }
                pos += part;
            }
            ck_assert_msg(frames == 1u, "%s: %u frames in chunks of %zu", k_corpus[t].name, frames,
                          chunk);
            ck_assert_uint_eq(rx.skipped, sizeof noise);
            ck_assert_int_eq(msdk_mbus_rx_end(&rx), MSDK_OK);
        }
    }
}
END_TEST

/* The records after the 12-byte header: the published number of records, the published
 * values, every record valid and inside the data, and
 * the walk ends after the published manufacturer data (DIF 0x0F/0x1F) or with no more records. */
START_TEST(corpus_records)
{
    for (size_t t = 0; t < MSDK_ARRAY_SIZE(k_corpus); t++) {
        const corpus_telegram_t *tg = &k_corpus[t];
        uint8_t buf[MSDK_MBUS_FRAME_MAX_LEN];
        size_t n;
        msdk_mbus_frame_t f;
        corpus_frame(tg, buf, sizeof buf, &n, &f);
        const corpus_walk_t w = { .name = tg->name,
                                  .records = tg->records,
                                  .end = MSDK_ERR_NOT_FOUND,
                                  .fills = true,
                                  .mfr_len = tg->mfr_len,
                                  .more = tg->more ? 1 : 0,
                                  .bad = 0u,
                                  .chk = tg->chk,
                                  .n_chk = tg->n_chk };
        corpus_check_walk(&w, f.data + HDR_LEN, f.data_len - HDR_LEN);
    }
}
END_TEST

Suite *mbus_corpus_suite(void)
{
    Suite *s = suite_create("mbus_corpus");
    TCase *tc = tcase_create("corpus");
    tcase_add_test(tc, corpus_size);
    tcase_add_test(tc, corpus_frames);
    tcase_add_test(tc, corpus_frames_corrupted);
    tcase_add_test(tc, corpus_receiver_chunks);
    tcase_add_test(tc, corpus_records);
    suite_add_tcase(s, tc);
    return s;
}
