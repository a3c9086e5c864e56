/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The LCD frame as text (msdk/port_common/lcd_text.h). */
#include <stdint.h>
#include <string.h>
#include "msdk/core/compiler.h"
#include "msdk/port_common/lcd_text.h"

static const char *const msdk_lcd_icon_names[] = {
    "kWh", "kvarh", "kW", "kvar", "V",  "A",    "Hz",    "L1",    "L2",  "L3",  "IMP",
    "EXP", "T1",    "T2", "T3",   "T4", "OPEN", "COMMS", "ALARM", "BAT", "DST",
};
MSDK_STATIC_ASSERT(MSDK_ARRAY_SIZE(msdk_lcd_icon_names) == MSDK_LCD_ICON_COUNT,
                   "one name per icon bit");
MSDK_STATIC_ASSERT(MSDK_LCD_ICON_DST == (1u << (MSDK_LCD_ICON_COUNT - 1u)), "DST is the last icon");

/* Appends at most max characters of s as snprintf() would: counts them all,
 * stores what fits before the last byte of buf. */
static size_t msdk_lcd_append(char *buf, size_t cap, size_t len, const char *s, size_t max)
{
    for (size_t i = 0; (i < max) && (s[i] != '\0'); i++) {
        if ((len + 1u) < cap) {
            buf[len] = s[i];
        }
        len++;
    }
    return len;
}

bool msdk_lcd_frame_is_terminated(const msdk_lcd_frame_t *frame)
{
    return (memchr(frame->value, '\0', sizeof(frame->value)) != NULL) &&
           (memchr(frame->code, '\0', sizeof(frame->code)) != NULL);
}

void msdk_lcd_frame_normalize(msdk_lcd_frame_t *dst, const msdk_lcd_frame_t *src)
{
    memset(dst, 0, sizeof(*dst));
    memcpy(dst->value, src->value, strlen(src->value));
    memcpy(dst->code, src->code, strlen(src->code));
    dst->icons = src->icons;
}

size_t msdk_lcd_frame_format(const msdk_lcd_frame_t *frame, char *buf, size_t cap)
{
    size_t len = msdk_lcd_append(buf, cap, 0u, frame->value, sizeof(frame->value));
    len = msdk_lcd_append(buf, cap, len, " | ", SIZE_MAX);
    len = msdk_lcd_append(buf, cap, len, frame->code, sizeof(frame->code));
    len = msdk_lcd_append(buf, cap, len, " |", SIZE_MAX);
    bool any = false;
    for (size_t i = 0; i < MSDK_LCD_ICON_COUNT; i++) {
        if ((frame->icons & ((uint32_t)1u << i)) != 0u) {
            len = msdk_lcd_append(buf, cap, len, " ", SIZE_MAX);
            len = msdk_lcd_append(buf, cap, len, msdk_lcd_icon_names[i], SIZE_MAX);
            any = true;
        }
    }
    if (!any) {
        len = msdk_lcd_append(buf, cap, len, " -", SIZE_MAX);
    }
    if (cap > 0u) {
        buf[(len < cap) ? len : (cap - 1u)] = '\0';
    }
    return len;
}
