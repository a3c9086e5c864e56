/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Formatting of display entries into LCD frames (no printf: the firmware
 * image links no stdio). */
#ifndef MA304H4_DISPLAY_H
#define MA304H4_DISPLAY_H

#include <stdint.h>
#include "msdk/port/clock.h"
#include "msdk/port/io.h"
#include "app.h"

/** Civil date and time of day (UTC until the time-zone library is wired in). */
typedef struct ma304h4_civil {
    int32_t year;
    uint8_t month;  /* 1..12 */
    uint8_t day;    /* 1..31 */
    uint8_t hour;   /* 0..23 */
    uint8_t minute; /* 0..59 */
    uint8_t second; /* 0..59 */
} ma304h4_civil_t;

/**
 * Split UTC seconds since 1970 into a civil date and time (proleptic Gregorian).
 * @param utc_s Seconds since 1970-01-01T00:00:00Z; negative values are before 1970.
 * @param out   Result.
 */
void ma304h4_civil_from_utc(int64_t utc_s, ma304h4_civil_t *out);

/**
 * Build the LCD frame of a display entry from the clock and the metrology readings.
 *
 * Formats (the main field has 8 digit positions; '.' takes none):
 * - energies 1.8.0 2.8.0 3.8.0 4.8.0: kWh or kvarh with 0.001 resolution, 5 + 3 digits
 *   with leading zeros ("00012.345"), rolling over at 100000 like a mechanical register;
 * - voltages 32.7.0 52.7.0 72.7.0: V, 0.1 ("230.0");
 * - currents 31.7.0 51.7.0 71.7.0: A, 0.01 ("10.00");
 * - active power 1.7.0: kW, 0.001, signed ("6.900", "-2.300" when exporting);
 * - frequency 14.7.0: Hz, 0.01 ("50.00"; "--.--" without a valid period);
 * - power factor 13.7.0: 0.001, sign of P ("1.000", "-0.500"; "-.---" below the squelch).
 * - tariff in force 96.14.0: "T1".."T8" ("T-" without readings).
 * Time 0.9.1 and date 0.9.2 show @p now as it is given: the application passes the local
 * wall-clock time (time zone and DST applied) and sets MSDK_LCD_ICON_DST itself.
 * Instantaneous values are the last complete second's results; before the first second
 * (or without readings) they show dashes, and so do the energies without readings.
 * @param item  Entry.
 * @param now   The clock in local wall-clock time (`utc_s` holds the local seconds since
 *              1970); time and date entries show dashes when it is not valid.
 * @param rd    Metrology readings, or NULL (metrology entries show dashes).
 * @param icons Status icons to show with it (a metrology entry adds its unit).
 * @param frame Result.
 */
void ma304h4_display_render_readings(ma304h4_display_item_t item, const msdk_rtc_time_t *now,
                                     const ma304h4_readings_t *rd, uint32_t icons,
                                     msdk_lcd_frame_t *frame);

/**
 * Build the LCD frame of a display entry without metrology readings:
 * ma304h4_display_render_readings() with @p rd NULL.
 * @param item  Entry.
 * @param now   RTC reading (time and date entries show dashes when invalid).
 * @param icons Status icons to show with it.
 * @param frame Result.
 */
void ma304h4_display_render(ma304h4_display_item_t item, const msdk_rtc_time_t *now, uint32_t icons,
                            msdk_lcd_frame_t *frame);

#endif /* MA304H4_DISPLAY_H */
