/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "display.h"

#include "msdk/core/datetime.h"

#include <string.h>

/* The civil date from core's calendar (years 1..9999). */
void ma304h4_civil_from_utc(int64_t utc_s, ma304h4_civil_t *out)
{
    int64_t days = utc_s / 86400;
    int64_t sod = utc_s % 86400;
    if (sod < 0) {
        sod += 86400;
        days -= 1;
    }
    if (msdk_datetime_civil_from_days(days, &out->year, &out->month, &out->day) != MSDK_OK) {
        out->year = 1970; /* outside 1..9999: the epoch */
        out->month = 1u;
        out->day = 1u;
    }
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

/* Integer division rounded half away from zero (d > 0). */
static int64_t div_round(int64_t v, int64_t d)
{
    return (v >= 0) ? ((v + (d / 2)) / d) : -(((-v) + (d / 2)) / d);
}

/* value / 10^decimals as text at dst (capacity cap): a '-' when negative, at least
 * int_digits integer digits (leading zeros), then the decimals. "OL" (overload) when
 * it needs more than the LCD's MSDK_LCD_VALUE_DIGITS positions ('.' takes none). */
static void put_fixed(char *dst, size_t cap, int64_t value, uint32_t decimals, uint32_t int_digits)
{
    char rev[24]; /* digits, least significant first */
    uint64_t mag = (value < 0) ? ((uint64_t)0 - (uint64_t)value) : (uint64_t)value;
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + (mag % 10u));
        mag /= 10u;
    } while ((mag != 0u) && (n < sizeof(rev)));
    size_t min = (size_t)decimals + ((int_digits == 0u) ? 1u : (size_t)int_digits);
    while ((n < min) && (n < sizeof(rev))) {
        rev[n++] = '0';
    }
    size_t positions = n + ((value < 0) ? 1u : 0u);
    if ((positions > MSDK_LCD_VALUE_DIGITS) || ((positions + 2u) > cap)) {
        set_str(dst, cap, "OL");
        return;
    }
    size_t len = 0;
    if (value < 0) {
        dst[len++] = '-';
    }
    while (n > 0u) {
        n--;
        dst[len++] = rev[n];
        if ((n == decimals) && (decimals != 0u)) {
            dst[len++] = '.';
        }
    }
    dst[len] = '\0';
}

/* An energy register (mWh or mvarh) in kWh or kvarh with 0.001 resolution: whole Wh
 * (never more than what was measured), 5 + 3 digits, rolling over at 100000. */
static void put_energy(msdk_lcd_frame_t *frame, const ma304h4_readings_t *rd, uint64_t mwh)
{
    if (rd == NULL) {
        set_str(frame->value, sizeof(frame->value), "-----.---");
        return;
    }
    put_fixed(frame->value, sizeof(frame->value), (int64_t)((mwh / 1000u) % 100000000u), 3u, 5u);
}

/* An instantaneous value, or dashes before the metrology's first complete second. */
static void put_reading(msdk_lcd_frame_t *frame, const ma304h4_readings_t *rd, int64_t value,
                        uint32_t decimals, const char *dashes)
{
    if ((rd == NULL) || (rd->seconds == 0u)) {
        set_str(frame->value, sizeof(frame->value), dashes);
        return;
    }
    put_fixed(frame->value, sizeof(frame->value), value, decimals, 1u);
}

/* Metrology entries: code, unit icon and value. */
static void render_metrology(ma304h4_display_item_t item, const ma304h4_readings_t *rd,
                             msdk_lcd_frame_t *frame)
{
    static const char *const v_code[MSDK_METRO_PHASES] = { "32.7.0", "52.7.0", "72.7.0" };
    static const char *const i_code[MSDK_METRO_PHASES] = { "31.7.0", "51.7.0", "71.7.0" };
    static const msdk_metro_result_t none = { 0 };
    const msdk_metro_result_t *r = (rd != NULL) ? &rd->second : &none;
    uint32_t k;
    switch (item) {
    case MA304H4_DISPLAY_A_IMPORT:
        set_str(frame->code, sizeof(frame->code), "1.8.0");
        frame->icons |= MSDK_LCD_ICON_KWH;
        put_energy(frame, rd, (rd != NULL) ? rd->a_import_mwh : 0u);
        break;
    case MA304H4_DISPLAY_A_EXPORT:
        set_str(frame->code, sizeof(frame->code), "2.8.0");
        frame->icons |= MSDK_LCD_ICON_KWH;
        put_energy(frame, rd, (rd != NULL) ? rd->a_export_mwh : 0u);
        break;
    case MA304H4_DISPLAY_R_IMPORT:
        set_str(frame->code, sizeof(frame->code), "3.8.0");
        frame->icons |= MSDK_LCD_ICON_KVARH;
        put_energy(frame, rd, (rd != NULL) ? rd->r_import_mvarh : 0u);
        break;
    case MA304H4_DISPLAY_R_EXPORT:
        set_str(frame->code, sizeof(frame->code), "4.8.0");
        frame->icons |= MSDK_LCD_ICON_KVARH;
        put_energy(frame, rd, (rd != NULL) ? rd->r_export_mvarh : 0u);
        break;
    case MA304H4_DISPLAY_POWER:
        set_str(frame->code, sizeof(frame->code), "1.7.0");
        frame->icons |= MSDK_LCD_ICON_KW;
        put_reading(frame, rd, div_round(r->p_uw, 1000000), 3u, "-.---");
        break;
    case MA304H4_DISPLAY_V1:
    case MA304H4_DISPLAY_V2:
    case MA304H4_DISPLAY_V3:
        k = (uint32_t)item - (uint32_t)MA304H4_DISPLAY_V1;
        set_str(frame->code, sizeof(frame->code), v_code[k]);
        frame->icons |= MSDK_LCD_ICON_V;
        put_reading(frame, rd, div_round((int64_t)r->ph[k].v_uv, 100000), 1u, "---.-");
        break;
    case MA304H4_DISPLAY_I1:
    case MA304H4_DISPLAY_I2:
    case MA304H4_DISPLAY_I3:
        k = (uint32_t)item - (uint32_t)MA304H4_DISPLAY_I1;
        set_str(frame->code, sizeof(frame->code), i_code[k]);
        frame->icons |= MSDK_LCD_ICON_A;
        put_reading(frame, rd, div_round((int64_t)r->ph[k].i_ua, 10000), 2u, "--.--");
        break;
    case MA304H4_DISPLAY_FREQ:
        set_str(frame->code, sizeof(frame->code), "14.7.0");
        frame->icons |= MSDK_LCD_ICON_HZ;
        if ((rd != NULL) && ((r->flags & MSDK_METRO_MF_NO_FREQ) != 0u)) {
            set_str(frame->value, sizeof(frame->value), "--.--");
            break;
        }
        put_reading(frame, rd, div_round((int64_t)r->freq_uhz, 10000), 2u, "--.--");
        break;
    case MA304H4_DISPLAY_PF:
        set_str(frame->code, sizeof(frame->code), "13.7.0");
        if ((rd != NULL) && (r->quadrant == MSDK_METRO_Q_NONE)) {
            set_str(frame->value, sizeof(frame->value), "-.---");
            break;
        }
        put_reading(frame, rd, div_round(r->pf_u, 1000), 3u, "-.---");
        break;
    case MA304H4_DISPLAY_TARIFF:
        set_str(frame->code, sizeof(frame->code), "96.14.0");
        if ((rd == NULL) || (rd->tariff == 0u) || (rd->tariff > 9u)) {
            set_str(frame->value, sizeof(frame->value), "T-");
            break;
        }
        frame->value[0] = 'T';
        frame->value[1] = (char)('0' + rd->tariff);
        frame->value[2] = '\0';
        break;
    case MA304H4_DISPLAY_TIME:
    case MA304H4_DISPLAY_DATE:
    case MA304H4_DISPLAY_SERIAL:
    case MA304H4_DISPLAY_COUNT:
    default:
        set_str(frame->code, sizeof(frame->code), "0.0.0");
        set_str(frame->value, sizeof(frame->value), MA304H4_SERIAL);
        break;
    }
}

void ma304h4_display_render_readings(ma304h4_display_item_t item, const msdk_rtc_time_t *now,
                                     const ma304h4_readings_t *rd, uint32_t icons,
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
        set_str(frame->code, sizeof(frame->code), "0.0.0");
        set_str(frame->value, sizeof(frame->value), MA304H4_SERIAL);
        break;
    default:
        /* energies, powers, voltages, currents, frequency, power factor */
        render_metrology(item, rd, frame);
        break;
    }
}

void ma304h4_display_render(ma304h4_display_item_t item, const msdk_rtc_time_t *now, uint32_t icons,
                            msdk_lcd_frame_t *frame)
{
    ma304h4_display_render_readings(item, now, NULL, icons, frame);
}
