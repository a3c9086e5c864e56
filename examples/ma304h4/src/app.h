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
#include "msdk/metrology/metrology.h"
#include "msdk/port/io.h"

#include "dlms.h"
#include "energy.h"
#include "mbus.h"
#include "meter_events.h"
#include "profiles.h"
#include "quality.h"
#include "tou.h"

/** Firmware identification shown on the banner and the display. */
#define MA304H4_MODEL      "MA304H4"
/** Firmware version of the example application. */
#define MA304H4_FW_VERSION "0.1.0"
/** Factory serial number of the simulated meter (8 digits, shown as 0.0.0). */
#define MA304H4_SERIAL     "26000001"

/** Display list entries shown in auto-scroll mode (OBIS-style codes). */
typedef enum ma304h4_display_item {
    MA304H4_DISPLAY_TIME = 0,     /* 0.9.1 local time hh:mm:ss */
    MA304H4_DISPLAY_DATE = 1,     /* 0.9.2 date yy-mm-dd */
    MA304H4_DISPLAY_SERIAL = 2,   /* 0.0.0 meter serial number */
    MA304H4_DISPLAY_A_IMPORT = 3, /* 1.8.0 total active energy import +A, kWh */
    MA304H4_DISPLAY_A_EXPORT = 4, /* 2.8.0 total active energy export -A, kWh */
    MA304H4_DISPLAY_R_IMPORT = 5, /* 3.8.0 total reactive energy import +R (Q1+Q2), kvarh */
    MA304H4_DISPLAY_R_EXPORT = 6, /* 4.8.0 total reactive energy export -R (Q3+Q4), kvarh */
    MA304H4_DISPLAY_POWER = 7,    /* 1.7.0 total active power, kW (negative: export) */
    MA304H4_DISPLAY_V1 = 8,       /* 32.7.0 voltage L1, V */
    MA304H4_DISPLAY_V2 = 9,       /* 52.7.0 voltage L2, V */
    MA304H4_DISPLAY_V3 = 10,      /* 72.7.0 voltage L3, V */
    MA304H4_DISPLAY_I1 = 11,      /* 31.7.0 current L1, A */
    MA304H4_DISPLAY_I2 = 12,      /* 51.7.0 current L2, A */
    MA304H4_DISPLAY_I3 = 13,      /* 71.7.0 current L3, A */
    MA304H4_DISPLAY_FREQ = 14,    /* 14.7.0 frequency, Hz */
    MA304H4_DISPLAY_PF = 15,      /* 13.7.0 total power factor */
    MA304H4_DISPLAY_TARIFF = 16,  /* 96.14.0 tariff in force, "T1".."T8" */
    MA304H4_DISPLAY_COUNT = 17
} ma304h4_display_item_t;

/** What the display shows of the metrology: a consistent copy taken in the main loop. */
typedef struct ma304h4_readings {
    uint32_t seconds;           /* seconds completed by the metrology (0: no result yet) */
    msdk_metro_result_t second; /* results of the last complete second */
    uint64_t a_import_mwh;      /* total +A */
    uint64_t a_export_mwh;      /* total -A */
    uint64_t r_import_mvarh;    /* total +R = Q1 + Q2 */
    uint64_t r_export_mvarh;    /* total -R = Q3 + Q4 */
    uint8_t tariff;             /* tariff in force, 1..8 (0: not known) */
} ma304h4_readings_t;

/**
 * The totals the display and DLMS show, from a consistent copy of the registers; the tariff
 * registers (tou.h) are brought up to the same copy wherever it is taken.
 * @param rd  Readings.
 * @param reg The copy.
 */
void ma304h4_readings_energy(ma304h4_readings_t *rd, const msdk_metro_registers_t *reg);

/** Application state: one instance, owned by main() (static storage). */
typedef struct ma304h4_app {
    uint64_t next_refresh_ms;    /* uptime of the next display refresh */
    uint64_t next_scroll_ms;     /* uptime of the next auto-scroll step */
    ma304h4_display_item_t item; /* entry on the display */
    bool scroll_was_pressed;     /* button level at the previous poll (edge detection) */
    bool lcd_failed;             /* the LCD driver reported an error once (logged once) */
    msdk_lcd_frame_t shown;      /* last frame sent to the LCD */
    /* Metrology: fed and processed in the AFE handler (interrupt context on hardware),
     * read by the main loop only inside a critical section (ma304h4_app_poll()). The
     * energy registers are restored at start and saved as energy.h says. */
    msdk_metro_t metro;
    ma304h4_readings_t readings; /* copy shown on the display (and read over DLMS) */
    ma304h4_dlms_t dlms;         /* DLMS/COSEM: logical device and optical port */
    ma304h4_energy_t energy;     /* the energy registers in NVM */
    ma304h4_events_t events;     /* the event logs */
    ma304h4_quality_t quality;   /* power quality supervision (quality.h) */
    ma304h4_profiles_t profiles; /* load, power quality and billing profiles */
    ma304h4_tou_t tou;           /* clock, calendar, tariffs, demand, billing (tou.h) */
    ma304h4_mbus_t mbus;         /* the M-Bus master and its channels (mbus.h) */
    bool nvm_error;              /* the mounts found damaged records (error register) */
} ma304h4_app_t;

/** AFE frame rate, frames per second: the metrology library's default (8000). */
#define MA304H4_AFE_RATE_HZ 8000u
/** Auto-scroll period of the display list. */
#define MA304H4_SCROLL_MS   5000u
/** Display refresh period while the metrology produces results. Without results (no
 *  AFE frames) only the clock changes: the refresh follows the RTC's seconds. */
#define MA304H4_REFRESH_MS  250u
/** Watchdog timeout; the main loop kicks it every pass. */
#define MA304H4_WATCHDOG_MS 4000u

/**
 * Start the application: banner, watchdog, metrology and sampling, first display.
 * @param app State to initialise (static storage: the AFE handler keeps a pointer to it).
 * @return MSDK_OK, or the error of a port service or of the metrology that failed.
 */
MSDK_NODISCARD msdk_err_t ma304h4_app_init(ma304h4_app_t *app);

/**
 * One pass of the main loop.
 * @param app State.
 * @return Milliseconds the board may sleep before the next pass.
 */
uint32_t ma304h4_app_poll(ma304h4_app_t *app);

#endif /* MA304H4_APP_H */
