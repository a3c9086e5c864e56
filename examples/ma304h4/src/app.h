/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the application state and its main-loop entry points.
 * Board independent: it talks to the hardware only through msdk/port/. */
#ifndef MA304H4_APP_H
#define MA304H4_APP_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/io.h"

/** Firmware identification shown on the banner and the display. */
#define MA304H4_MODEL      "MA304H4"
/** Firmware version of the example application. */
#define MA304H4_FW_VERSION "0.1.0"
/** Factory serial number of the simulated meter (8 digits, shown as 0.0.0). */
#define MA304H4_SERIAL     "26000001"

/** Display list entries shown in auto-scroll mode. */
typedef enum ma304h4_display_item {
    MA304H4_DISPLAY_TIME = 0,   /* 0.9.1 local time hh:mm:ss */
    MA304H4_DISPLAY_DATE = 1,   /* 0.9.2 date yy-mm-dd */
    MA304H4_DISPLAY_SERIAL = 2, /* 0.0.0 meter serial number */
    MA304H4_DISPLAY_COUNT = 3
} ma304h4_display_item_t;

/** Application state: one instance, owned by main(). */
typedef struct ma304h4_app {
    uint64_t next_refresh_ms;    /* uptime of the next display refresh */
    uint64_t next_scroll_ms;     /* uptime of the next auto-scroll step */
    ma304h4_display_item_t item; /* entry on the display */
    bool scroll_was_pressed;     /* button level at the previous poll (edge detection) */
    bool lcd_failed;             /* the LCD driver reported an error once (logged once) */
    msdk_lcd_frame_t shown;      /* last frame sent to the LCD */
} ma304h4_app_t;

/** Auto-scroll period of the display list. */
#define MA304H4_SCROLL_MS   5000u
/** Display refresh period. */
#define MA304H4_REFRESH_MS  250u
/** Watchdog timeout; the main loop kicks it every pass. */
#define MA304H4_WATCHDOG_MS 4000u

/**
 * Start the application: banner, watchdog, first display.
 * @param app State to initialise.
 * @return MSDK_OK, or the error of a port service that failed.
 */
MSDK_NODISCARD msdk_err_t ma304h4_app_init(ma304h4_app_t *app);

/**
 * One pass of the main loop.
 * @param app State.
 * @return Milliseconds the board may sleep before the next pass.
 */
uint32_t ma304h4_app_poll(ma304h4_app_t *app);

#endif /* MA304H4_APP_H */
