/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "app.h"

#include <string.h>

#include "display.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/io.h"
#include "msdk/port/watchdog.h"

/* Append src to dst (capacity cap, always terminated). */
static void append(char *dst, size_t cap, const char *src)
{
    size_t used = strlen(dst);
    size_t n = strlen(src);
    if (used + n >= cap) {
        n = cap - used - 1u;
    }
    memcpy(&dst[used], src, n);
    dst[used + n] = '\0';
}

static uint32_t status_icons(void)
{
    uint32_t icons = MSDK_LCD_ICON_L1 | MSDK_LCD_ICON_L2 | MSDK_LCD_ICON_L3;
    bool closed = true;
    if ((msdk_port_io_relay_feedback(&closed) == MSDK_OK) && !closed) {
        icons |= MSDK_LCD_ICON_RELAY_OPEN;
    }
    uint32_t in = msdk_port_io_inputs_read();
    if ((in & (MSDK_IO_IN_TERMINAL_COVER_OPEN | MSDK_IO_IN_METER_COVER_OPEN | MSDK_IO_IN_MAGNET)) !=
        0u) {
        icons |= MSDK_LCD_ICON_ALARM;
    }
    return icons;
}

static void refresh_display(ma304h4_app_t *app)
{
    msdk_rtc_time_t now = { 0 };
    if (msdk_port_rtc_read(&now) != MSDK_OK) {
        now.valid = false;
    }
    msdk_lcd_frame_t frame;
    ma304h4_display_render(app->item, &now, status_icons(), &frame);
    if (memcmp(&frame, &app->shown, sizeof(frame)) == 0) {
        return;
    }
    if (msdk_port_lcd_show(&frame) == MSDK_OK) {
        app->shown = frame;
    } else if (!app->lcd_failed) {
        app->lcd_failed = true;
        msdk_port_board_log("ma304h4: LCD driver error");
    }
}

msdk_err_t ma304h4_app_init(ma304h4_app_t *app)
{
    memset(app, 0, sizeof(*app));
    char banner[96] = { 0 };
    append(banner, sizeof(banner),
           MA304H4_MODEL " three-phase meter, firmware " MA304H4_FW_VERSION
                         ", serial " MA304H4_SERIAL ", board ");
    append(banner, sizeof(banner), msdk_port_board_name());
    msdk_port_board_log(banner);

    msdk_err_t err = msdk_port_watchdog_start(MA304H4_WATCHDOG_MS);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_SUPPORTED)) {
        return err;
    }
    app->item = MA304H4_DISPLAY_TIME;
    uint64_t now = msdk_port_clock_uptime_ms();
    app->next_refresh_ms = now;
    app->next_scroll_ms = now + MA304H4_SCROLL_MS;
    return MSDK_OK;
}

uint32_t ma304h4_app_poll(ma304h4_app_t *app)
{
    msdk_port_watchdog_kick();
    uint64_t now = msdk_port_clock_uptime_ms();

    /* The scroll button steps the list at once and restarts auto-scroll. */
    bool pressed = (msdk_port_io_inputs_read() & MSDK_IO_IN_BUTTON_SCROLL) != 0u;
    if (pressed && !app->scroll_was_pressed) {
        app->item = (ma304h4_display_item_t)(((uint32_t)app->item + 1u) % MA304H4_DISPLAY_COUNT);
        app->next_scroll_ms = now + MA304H4_SCROLL_MS;
        app->next_refresh_ms = now;
    }
    app->scroll_was_pressed = pressed;

    if (now >= app->next_scroll_ms) {
        app->item = (ma304h4_display_item_t)(((uint32_t)app->item + 1u) % MA304H4_DISPLAY_COUNT);
        app->next_scroll_ms = now + MA304H4_SCROLL_MS;
        app->next_refresh_ms = now;
    }
    if (now >= app->next_refresh_ms) {
        refresh_display(app);
        app->next_refresh_ms = now + MA304H4_REFRESH_MS;
    }

    uint64_t next =
        (app->next_refresh_ms < app->next_scroll_ms) ? app->next_refresh_ms : app->next_scroll_ms;
    return (next > now) ? (uint32_t)(next - now) : 0u;
}
