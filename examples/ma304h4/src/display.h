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
 * Build the LCD frame of a display entry.
 * @param item  Entry.
 * @param now   RTC reading (time and date entries show dashes when invalid).
 * @param icons Status icons to show with it.
 * @param frame Result.
 */
void ma304h4_display_render(ma304h4_display_item_t item, const msdk_rtc_time_t *now, uint32_t icons,
                            msdk_lcd_frame_t *frame);

#endif /* MA304H4_DISPLAY_H */
