/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "app.h"

#include <string.h>

#include "afe_scale.h"
#include "display.h"
#include "dlms_sec.h"
#include "msdk/port/afe.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "msdk/port/io.h"
#include "msdk/port/power.h"
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

/*
 * AFE handler: every frame goes to the metrology; its pulse events drive the LEDs.
 *
 * msdk_metro_process() runs right here, when msdk_metro_sample() reports the end of a
 * window, not in the main loop. The library is designed for that (one window per mains
 * cycle, a bounded integer computation), and it keeps the metrology independent of the
 * main loop's latency: the host simulator hands up to a second of frames to this
 * handler between two main-loop passes, and on hardware a long flash erase or protocol
 * job would do the same; deferred windows would grow (MSDK_METRO_MF_OVERRUN), the
 * per-cycle results would cover several cycles and the pulse rates would be updated
 * late. The price is that the main loop must read results and registers inside a
 * critical section (take_readings()), since this handler is an interrupt on hardware.
 */
static void afe_frames(void *ctx, const msdk_afe_frame_t *frames, size_t count)
{
    ma304h4_app_t *app = ctx;
    for (size_t k = 0; k < count; k++) {
        uint32_t ev = msdk_metro_sample(&app->metro, frames[k].ch);
        if ((ev & MSDK_METRO_EV_PULSE_P_OFF) != 0u) {
            msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, false);
        }
        if ((ev & MSDK_METRO_EV_PULSE_P_ON) != 0u) {
            msdk_port_io_led_set(MSDK_IO_LED_ACTIVE, true);
        }
        if ((ev & MSDK_METRO_EV_PULSE_Q_OFF) != 0u) {
            msdk_port_io_led_set(MSDK_IO_LED_REACTIVE, false);
        }
        if ((ev & MSDK_METRO_EV_PULSE_Q_ON) != 0u) {
            msdk_port_io_led_set(MSDK_IO_LED_REACTIVE, true);
        }
        if ((ev & MSDK_METRO_EV_WINDOW) != 0u) {
            (void)msdk_metro_process(&app->metro);
        }
    }
}

/* The power-fail warning (interrupt context on hardware): the total registers go into the
 * slot the energy store keeps erased, one page program. */
static void power_fail(void *ctx)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    if (ma304h4_energy_power_fail(&app->energy, msdk_metro_registers(&app->metro)) != MSDK_OK) {
        msdk_port_board_log("ma304h4: power fail: the energy could not be saved");
    }
    ma304h4_tou_save_registers(&app->tou, true);                     /* program only */
    ma304h4_events_record(&app->events, MSDK_EVK_POWER_DOWN, 0u, 0); /* program only */
    /* A lockout change not saved yet: program only too. */
    if (ma304h4_sec_power_fail(&app->dlms.sec) != MSDK_OK) {
        msdk_port_board_log("ma304h4: power fail: the lockout state could not be saved");
    }
}

/* Power quality events (quality.h) go to the event logs, at the RTC's time. */
static void quality_event(void *ctx, msdk_evlog_kind_t kind, uint8_t phase)
{
    ma304h4_events_record(&((ma304h4_app_t *)ctx)->events, kind, phase, 0);
}

/* The energy save policy: a consistent copy of the registers (the AFE interrupt updates
 * them), then energy.h decides. */
static void save_energy(ma304h4_app_t *app, uint64_t now_ms)
{
    msdk_critical_state_t cs = msdk_port_critical_enter();
    msdk_metro_registers_t reg = *msdk_metro_registers(&app->metro);
    msdk_port_critical_exit(cs);
    /* The totals DLMS shows, the tariff registers and the energy store all work from this one
     * copy, so the tariff registers always add up to the totals shown and saved. */
    ma304h4_readings_energy(&app->readings, &reg);
    /* The energy store first (with this copy), then time of use: the tariff registers take
     * the energy up to these totals, and a billing run may save a newer copy of the totals
     * (never an older one after it). */
    const uint32_t saves = app->energy.saves;
    ma304h4_energy_poll(&app->energy, &reg, now_ms);
    ma304h4_tou_poll(&app->tou, &reg);
    if (app->energy.saves != saves) {
        ma304h4_tou_energy_saved(&app->tou); /* the tariff registers of the same moment */
    }
}

void ma304h4_readings_energy(ma304h4_readings_t *rd, const msdk_metro_registers_t *reg)
{
    const msdk_metro_energy_t *tot = reg->e[MSDK_METRO_SET_TOTAL];
    rd->a_import_mwh = tot[MSDK_METRO_REG_A_IMP].mwh;
    rd->a_export_mwh = tot[MSDK_METRO_REG_A_EXP].mwh;
    rd->r_import_mvarh = tot[MSDK_METRO_REG_R_Q1].mwh + tot[MSDK_METRO_REG_R_Q2].mwh;
    rd->r_export_mvarh = tot[MSDK_METRO_REG_R_Q3].mwh + tot[MSDK_METRO_REG_R_Q4].mwh;
}

/* Copy what the display needs from the metrology, consistently: on hardware the AFE
 * interrupt updates the results and registers (see afe_frames()). */
static void take_readings(ma304h4_app_t *app)
{
    ma304h4_readings_t *rd = &app->readings;
    msdk_critical_state_t cs = msdk_port_critical_enter();
    rd->second = *msdk_metro_second(&app->metro, &rd->seconds);
    ma304h4_readings_energy(rd, msdk_metro_registers(&app->metro));
    msdk_port_critical_exit(cs);
    rd->tariff = app->tou.tariff;
}

static uint32_t status_icons(const ma304h4_readings_t *rd)
{
    static const uint32_t phase_icon[MSDK_METRO_PHASES] = { MSDK_LCD_ICON_L1, MSDK_LCD_ICON_L2,
                                                            MSDK_LCD_ICON_L3 };
    uint32_t icons = 0u;
    if (rd->seconds != 0u) {
        for (uint32_t k = 0; k < MSDK_METRO_PHASES; k++) {
            if ((rd->second.ph[k].v_uv != 0u) &&
                ((rd->second.ph[k].flags & MSDK_METRO_PF_MISSING) == 0u)) {
                icons |= phase_icon[k];
            }
        }
        if (rd->second.quadrant != MSDK_METRO_Q_NONE) {
            icons |= (rd->second.p_uw < 0) ? MSDK_LCD_ICON_EXPORT : MSDK_LCD_ICON_IMPORT;
        }
    }
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

/* Redraws the display; returns the milliseconds until the next refresh. */
static uint32_t refresh_display(ma304h4_app_t *app)
{
    msdk_rtc_time_t now = { 0 };
    if (msdk_port_rtc_read(&now) != MSDK_OK) {
        now.valid = false;
    }
    /* The display shows local time: the zone and DST of the clock (tou.h). */
    msdk_rtc_time_t local = now;
    uint32_t icons = 0u;
    msdk_tou_local_t loc;
    if ((msdk_tou_clock_status(&app->tou.clk) & MSDK_DATETIME_STATUS_INVALID) != 0u) {
        local.valid = false;
    } else if (msdk_tou_tz_local_from_utc(&app->tou.tz, now.utc_s, &loc) == MSDK_OK) {
        local.utc_s = loc.local_s;
        icons |= loc.dst ? (uint32_t)MSDK_LCD_ICON_DST : 0u;
    } else {
        local.valid = false;
    }
    static const uint32_t tariff_icon[4] = { MSDK_LCD_ICON_T1, MSDK_LCD_ICON_T2, MSDK_LCD_ICON_T3,
                                             MSDK_LCD_ICON_T4 };
    if ((app->tou.tariff >= 1u) && (app->tou.tariff <= 4u)) {
        icons |= tariff_icon[app->tou.tariff - 1u];
    }
    uint32_t seconds_before = app->readings.seconds;
    take_readings(app);
    /* While results come in, the readings change within any second; otherwise only the
     * clock does, so the next redraw is due when the RTC's second turns. */
    bool measuring = app->readings.seconds != seconds_before;
    uint32_t wait = (measuring || !now.valid || (now.frac_ms >= 1000u))
                        ? MA304H4_REFRESH_MS
                        : (1000u - (uint32_t)now.frac_ms);
    msdk_lcd_frame_t frame;
    ma304h4_display_render_readings(app->item, &local, &app->readings,
                                    status_icons(&app->readings) | icons, &frame);
    if (memcmp(&frame, &app->shown, sizeof(frame)) == 0) {
        return wait;
    }
    if (msdk_port_lcd_show(&frame) == MSDK_OK) {
        app->shown = frame;
    } else if (!app->lcd_failed) {
        app->lcd_failed = true;
        msdk_port_board_log("ma304h4: LCD driver error");
    }
    return wait;
}

/* The data NVM, from its top (docs/nvm-format.md): the DLMS security state, the
 * certificates, the energy registers, the event logs, the profiles. */
#define NVM_LAYOUT_SECTORS                                                                         \
    (MA304H4_SEC_REC_SECTORS + (MA304H4_CERT_SLOTS * MA304H4_CERT_SECTORS) +                       \
     MA304H4_ENERGY_SECTORS + MA304H4_ENERGY_PHASE_SECTORS + MA304H4_EVENTS_SECTORS +              \
     MA304H4_PROFILE_SECTORS + MA304H4_TOU_SECTORS + MA304H4_MBUS_SECTORS +                        \
     MA304H4_PROFILE_EXT_SECTORS)

/* `n` bytes if they fit in `avail`, else all of it (the stores below then find no room and
 * say so). */
static uint32_t fit(uint32_t avail, uint32_t n)
{
    return (n <= avail) ? n : avail;
}

static void put_kib(char *dst, size_t cap, uint32_t bytes)
{
    char num[12];
    size_t n = 0u;
    uint32_t v = bytes / 1024u;
    do {
        num[n++] = (char)('0' + (v % 10u));
        v /= 10u;
    } while ((v != 0u) && (n < sizeof num));
    char out[sizeof num + 1u];
    for (size_t i = 0; i < n; i++) {
        out[i] = num[n - 1u - i];
    }
    out[n] = '\0';
    append(dst, cap, out);
    append(dst, cap, " KiB");
}

/* A data NVM smaller than the layout: say so clearly (the stores that fit from the top
 * still work: security, certificates, energy, events, then the profiles). */
static void check_nvm_size(uint32_t size, uint32_t sector)
{
    const uint32_t need = NVM_LAYOUT_SECTORS * sector;
    if ((sector == 0u) || (size >= need)) {
        return; /* no data NVM at all is said by each store */
    }
    char msg[128] = { 0 };
    append(msg, sizeof msg, "ma304h4: data NVM too small: ");
    put_kib(msg, sizeof msg, size);
    append(msg, sizeof msg, ", the layout needs ");
    put_kib(msg, sizeof msg, need);
    msdk_port_board_log(msg);
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

    /* Default configuration (3x230/400 V, 5(100) A, 50 Hz, 2000 imp/kWh and imp/kvarh)
     * at the AFE's frame rate; factory-default calibration at the board's nominal AFE
     * scale (the calibration is not stored yet). The registers continue from their last
     * save (energy.h), below the security state and the certificates in the data NVM. */
    msdk_metro_config_t mcfg = { 0 };
    mcfg.fs_hz = MA304H4_AFE_RATE_HZ;
    msdk_metro_calib_t cal;
    msdk_metro_calib_default(&cal, MA304H4_AFE_V_UV_PER_CODE_Q24, MA304H4_AFE_I_UA_PER_CODE_Q24);
    msdk_metro_registers_t reg;
    bool restored = false;
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    const uint32_t sec = (nvm != NULL) ? nvm->geo.sector_size : 0u;
    const uint32_t size = (nvm != NULL) ? nvm->geo.size : 0u;
    check_nvm_size(size, sec);
    uint32_t top = size - fit(size, MA304H4_SEC_REC_SECTORS * sec) -
                   fit(size, MA304H4_CERT_SLOTS * MA304H4_CERT_SECTORS * sec);
    if ((nvm == NULL) || (ma304h4_energy_open(&app->energy, top, &reg, &restored) != MSDK_OK)) {
        msdk_port_board_log("ma304h4: energy registers not stored: they count from zero");
    } else if (restored) {
        msdk_port_board_log("ma304h4: energy registers restored");
    } else {
        /* A new meter: zero. */
    }
    err = msdk_metro_init(&app->metro, &mcfg, &cal, restored ? &reg : NULL);
    /* The event logs below the energy registers: power up (and a long power failure). */
    top -= fit(top, (MA304H4_ENERGY_SECTORS + MA304H4_ENERGY_PHASE_SECTORS) * sec);
    if ((nvm == NULL) || (ma304h4_events_open(&app->events, top) != MSDK_OK)) {
        msdk_port_board_log("ma304h4: no event logs");
    }
    /* The profiles below the event logs. */
    top -= fit(top, MA304H4_EVENTS_SECTORS * sec);
    if ((nvm == NULL) || (ma304h4_profiles_open(&app->profiles, app, top) != MSDK_OK)) {
        msdk_port_board_log("ma304h4: profiles missing (see above)");
    }
    /* Time of use below the profiles: the clock's status after the outage, the calendar, the
     * tariff registers (continuing from the restored totals). */
    top -= fit(top, MA304H4_PROFILE_SECTORS * sec);
    msdk_metro_registers_t now_reg;
    msdk_critical_state_t cs = msdk_port_critical_enter();
    now_reg = *msdk_metro_registers(&app->metro);
    msdk_port_critical_exit(cs);
    if (ma304h4_tou_open(&app->tou, app, top, &now_reg, app->events.ok ? app->events.down_s : -1) !=
        MSDK_OK) {
        msdk_port_board_log("ma304h4: time of use configuration in RAM only (see above)");
    }
    /* The M-Bus channels below time of use. */
    top -= fit(top, MA304H4_TOU_SECTORS * sec);
    (void)ma304h4_mbus_open(&app->mbus, app, top);
    /* The profiles added since the first layout below them (the daily billing log among
     * them: its rows of the earlier layout are taken over). */
    top -= fit(top, MA304H4_MBUS_SECTORS * sec);
    if (ma304h4_profiles_open_ext(&app->profiles, top) != MSDK_OK) {
        msdk_port_board_log("ma304h4: M-Bus or daily billing profiles missing (see above)");
    }
    if (err != MSDK_OK) {
        msdk_port_board_log("ma304h4: metrology configuration refused");
        return err;
    }
    const msdk_afe_config_t afe = { .rate_hz = MA304H4_AFE_RATE_HZ };
    err = msdk_port_afe_start(&afe, afe_frames, app);
    if (err != MSDK_OK) {
        msdk_port_board_log("ma304h4: AFE start failed");
        return err;
    }

    err = ma304h4_dlms_init(app);
    if (err != MSDK_OK) {
        /* The meter measures without its optical port; the log says why. */
        msdk_port_board_log("ma304h4: optical port (DLMS) not available");
    }

    /* Damage found by the mounts and the security stores' opening (a cut during a write, or a
     * corrupted memory): an NVM error event with the number of damaged items, and the error
     * register's bit. */
    const uint32_t damage = ma304h4_energy_damage(&app->energy) +
                            (app->events.ok ? msdk_evlog_events_damage(&app->events.ev) : 0u) +
                            app->profiles.damage + ma304h4_sec_damage(&app->dlms.sec) +
                            app->tou.damage + app->mbus.damage;
    if (damage != 0u) {
        app->nvm_error = true;
        ma304h4_events_record(&app->events, MSDK_EVK_NVM_ERROR, 0u, (int64_t)damage);
        msdk_port_board_log("ma304h4: the data NVM had damaged records (NVM error event)");
    }
    if (msdk_port_power_fail_handler_set(power_fail, app) != MSDK_OK) {
        msdk_port_board_log("ma304h4: no power-fail warning: energy saved by the policy only");
    }

    ma304h4_quality_init(&app->quality, &ma304h4_quality_defaults, quality_event, app);
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
        app->next_refresh_ms = now + refresh_display(app);
    }
    /* A new metrology second in the readings (the same one again is ignored). */
    ma304h4_quality_second(&app->quality, &app->readings.second, app->readings.seconds);

    save_energy(app, now);
    ma304h4_events_poll(&app->events);
    ma304h4_profiles_poll(&app->profiles);
    uint32_t dlms_wait = ma304h4_dlms_poll(app);
    const uint32_t mbus_wait = ma304h4_mbus_poll(&app->mbus);
    dlms_wait = (mbus_wait < dlms_wait) ? mbus_wait : dlms_wait;

    uint64_t next =
        (app->next_refresh_ms < app->next_scroll_ms) ? app->next_refresh_ms : app->next_scroll_ms;
    uint32_t wait = (next > now) ? (uint32_t)(next - now) : 0u;
    return (dlms_wait < wait) ? dlms_wait : wait;
}
