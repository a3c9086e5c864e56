/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "display.h"

#include <string.h>

/* Days since 1970-01-01 to civil date: the era-based algorithm for the
 * proleptic Gregorian calendar (400-year eras of 146097 days, years counted
 * from March so the leap day is last). Exact for every int64 day count a
 * meter can see. */
static void civil_from_days(int64_t days, int32_t *year, uint8_t *month, uint8_t *day)
{
    days += 719468; /* shift the epoch to 0000-03-01 */
    const int64_t era = ((days >= 0) ? days : (days - 146096)) / 146097;
    const int64_t doe = days - (era * 146097); /* [0, 146096] */
    const int64_t yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365; /* [0, 399] */
    const int64_t doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));               /* [0, 365] */
    const int64_t mp = ((5 * doy) + 2) / 153;                                        /* [0, 11] */
    const int64_t d = doy - (((153 * mp) + 2) / 5) + 1;                              /* [1, 31] */
    const int64_t m = (mp < 10) ? (mp + 3) : (mp - 9);                               /* [1, 12] */
    *year = (int32_t)(yoe + (era * 400) + ((m <= 2) ? 1 : 0));
    *month = (uint8_t)m;
    *day = (uint8_t)d;
}

void ma304h4_civil_from_utc(int64_t utc_s, ma304h4_civil_t *out)
{
    int64_t days = utc_s / 86400;
    int64_t sod = utc_s % 86400;
    if (sod < 0) {
        sod += 86400;
        days -= 1;
    }
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (uint8_t)(sod / 3600);
    out->minute = (uint8_t)((sod / 60) % 60);
    out->second = (uint8_t)(sod % 60);
}

/* Two decimal digits of v (0..99) at dst. */
static void put2(char *dst, uint32_t v)
{
    dst[0] = (char)('0' + ((v / 10u) % 10u));
    dst[1] = (char)('0' + (v % 10u));
}

/* Three two-digit fields "aa<sep>bb<sep>cc" (8 characters and the NUL) at dst. */
static void put_fields(char *dst, uint32_t a, uint32_t b, uint32_t c, char sep)
{
    put2(&dst[0], a);
    dst[2] = sep;
    put2(&dst[3], b);
    dst[5] = sep;
    put2(&dst[6], c);
    dst[8] = '\0';
}

static void set_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1u;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void ma304h4_display_render(ma304h4_display_item_t item, const msdk_rtc_time_t *now, uint32_t icons,
                            msdk_lcd_frame_t *frame)
{
    ma304h4_civil_t c;
    memset(frame, 0, sizeof(*frame));
    frame->icons = icons;
    ma304h4_civil_from_utc(now->utc_s, &c);
    switch (item) {
    case MA304H4_DISPLAY_TIME:
        set_str(frame->code, sizeof(frame->code), "0.9.1");
        if (!now->valid) {
            set_str(frame->value, sizeof(frame->value), "--:--:--");
            break;
        }
        put_fields(frame->value, c.hour, c.minute, c.second, ':');
        break;
    case MA304H4_DISPLAY_DATE:
        set_str(frame->code, sizeof(frame->code), "0.9.2");
        if (!now->valid) {
            set_str(frame->value, sizeof(frame->value), "--.--.--");
            break;
        }
        /* yy.mm.dd, the usual meter display order for 0.9.2 */
        put_fields(frame->value, (uint32_t)(((c.year % 100) + 100) % 100), c.month, c.day, '.');
        break;
    case MA304H4_DISPLAY_SERIAL:
    case MA304H4_DISPLAY_COUNT:
    default:
        set_str(frame->code, sizeof(frame->code), "0.0.0");
        set_str(frame->value, sizeof(frame->value), MA304H4_SERIAL);
        break;
    }
}
