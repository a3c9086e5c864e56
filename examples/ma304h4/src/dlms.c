/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: the DLMS/COSEM logical device and the optical port.
 *
 * Associations (client SAP): 16 public (no authentication; identification, clock and its
 * own association object), 2 reader (LLS; reads everything), 1 management (LLS; reads
 * everything, sets the clock, resets, sets the load profile's channels and period). Values
 * come from the readings the main loop copies from the metrology (app.c) and from the RTC. */
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/net.h"

#include "app.h"
#include "display.h"
#include "dlms.h"

enum {
    ASSOC_PUBLIC = 0, /* client 16: no authentication, read-only, a few objects */
    ASSOC_READER = 1, /* client 2: LLS */
    ASSOC_MGMT = 2,   /* client 1: HLS 5 (GMAC), authenticated and encrypted (setup 0) */
    ASSOC_HLS3 = 3,   /* client 3: HLS 3 (MD5) test client */
    ASSOC_HLS4 = 4,   /* client 4: HLS 4 (SHA-1) test client */
    ASSOC_HLS6 = 5,   /* client 6: HLS 6 (SHA-256) test client (setup 1: titles) */
    ASSOC_HLS7 = 6,   /* client 7: HLS 7 (ECDSA P-256) test client (setup 1) */
    N_ASSOC = 7
};

#define ALL 0xFFFFFFFFu
#define NONE                                                                                       \
    {                                                                                              \
        .read = 0u                                                                                 \
    }
#define READ                                                                                       \
    {                                                                                              \
        .read = ALL                                                                                \
    }
#define CLOCK_W                                                                                    \
    {                                                                                              \
        .read = ALL, .write = ALL, .exec = ALL                                                     \
    }
#define FULL                                                                                       \
    {                                                                                              \
        .read = ALL, .exec = ALL                                                                   \
    }
#define OWN_ASSOC                                                                                  \
    {                                                                                              \
        .read = ALL, .exec = MSDK_COSEM_BIT(1)                                                     \
    }
/* Security the access rights of test client 6 need beyond its policy (none). */
#define AUTH_ENC_REQUEST  (MSDK_COSEM_ACCESS_AUTH_REQUEST | MSDK_COSEM_ACCESS_ENC_REQUEST)
#define AUTH_ENC_RESPONSE (MSDK_COSEM_ACCESS_AUTH_RESPONSE | MSDK_COSEM_ACCESS_ENC_RESPONSE)
/* Client 6: the time read and written only in authenticated and encrypted requests. */
#define CLOCK_6                                                                                    \
    {                                                                                              \
        .read = ALL, .write = MSDK_COSEM_BIT(2), .sec_attrs = MSDK_COSEM_BIT(2),                   \
        .attr_sec = AUTH_ENC_REQUEST                                                               \
    }
/* Client 6: the energy registers and the load profile read in authenticated requests. */
#define VALUES_6                                                                                   \
    {                                                                                              \
        .read = ALL, .sec_attrs = ALL, .attr_sec = MSDK_COSEM_ACCESS_AUTH_REQUEST                  \
    }
/* Client 6: the identification answered authenticated and encrypted, however asked. */
#define IDENT_6                                                                                    \
    {                                                                                              \
        .read = ALL, .sec_attrs = ALL, .attr_sec = AUTH_ENC_RESPONSE                               \
    }
/* Client 6: its Security setup read and security_activate invoked with both ways protected. */
#define SETUP_6                                                                                    \
    {                                                                                              \
        .read = ALL, .exec = MSDK_COSEM_BIT(1), .sec_attrs = ALL,                                  \
        .attr_sec = AUTH_ENC_REQUEST | AUTH_ENC_RESPONSE,                                          \
        .exec_sec = AUTH_ENC_REQUEST | AUTH_ENC_RESPONSE                                           \
    }

/* Rights per association: public, reader, management, test clients 3, 4, 6, 7. */
static const msdk_cosem_rights_t rights_ident[N_ASSOC] = { READ, READ,    READ, READ,
                                                           READ, IDENT_6, READ };
static const msdk_cosem_rights_t rights_clock[N_ASSOC] = { READ, READ,    CLOCK_W, READ,
                                                           READ, CLOCK_6, READ };
static const msdk_cosem_rights_t rights_values[N_ASSOC] = { NONE, READ,     FULL, READ,
                                                            READ, VALUES_6, READ };
/* The load profile: as the values, and its capture objects and capture period (attributes 3
 * and 4) written by the management client. */
#define LOAD_PROFILE_MGMT                                                                          \
    {                                                                                              \
        .read = ALL, .write = MSDK_COSEM_BIT(3) | MSDK_COSEM_BIT(4), .exec = ALL                   \
    }
static const msdk_cosem_rights_t rights_load_profile[N_ASSOC] = { NONE, READ, LOAD_PROFILE_MGMT,
                                                                  READ, READ, VALUES_6,
                                                                  READ };
static const msdk_cosem_rights_t rights_assoc_public[N_ASSOC] = { READ, NONE, READ, NONE,
                                                                  NONE, NONE, NONE };
static const msdk_cosem_rights_t rights_assoc_reader[N_ASSOC] = { NONE, READ, READ, NONE,
                                                                  NONE, NONE, NONE };
static const msdk_cosem_rights_t rights_assoc_mgmt[N_ASSOC] = {
    NONE, NONE, { .read = ALL, .write = MSDK_COSEM_BIT(7), .exec = MSDK_COSEM_BIT(1) }, NONE, NONE,
    NONE, NONE
};
static const msdk_cosem_rights_t rights_assoc_hls3[N_ASSOC] = { NONE, NONE, READ, OWN_ASSOC,
                                                                NONE, NONE, NONE };
static const msdk_cosem_rights_t rights_assoc_hls4[N_ASSOC] = { NONE,      NONE, READ, NONE,
                                                                OWN_ASSOC, NONE, NONE };
static const msdk_cosem_rights_t rights_assoc_hls6[N_ASSOC] = { NONE, NONE,      READ, NONE,
                                                                NONE, OWN_ASSOC, NONE };
static const msdk_cosem_rights_t rights_assoc_hls7[N_ASSOC] = { NONE, NONE, READ,     NONE,
                                                                NONE, NONE, OWN_ASSOC };
/* Security setups: managed by the management client (key_transfer, security_activate). */
static const msdk_cosem_rights_t rights_setup_mgmt[N_ASSOC] = { NONE, NONE, FULL, NONE,
                                                                NONE, NONE, NONE };
static const msdk_cosem_rights_t rights_setup_test[N_ASSOC] = { NONE, NONE,    FULL, NONE,
                                                                NONE, SETUP_6, READ };
/* Time of use configuration: read as the values, written and run by the management client. */
#define CONFIG_MGMT                                                                                \
    {                                                                                              \
        .read = ALL, .write = ALL, .exec = ALL                                                     \
    }
static const msdk_cosem_rights_t rights_config[N_ASSOC] = { NONE, READ, CONFIG_MGMT, READ,
                                                            READ, READ, READ };

const msdk_cosem_rights_t *ma304h4_dlms_rights(ma304h4_dlms_rights_kind_t kind)
{
    return (kind == MA304H4_RIGHTS_CONFIG) ? rights_config : rights_values;
}

/* The counters the clients of each setup must use next: readable by everyone (IDIS). */
static const msdk_cosem_rights_t rights_ic[N_ASSOC] = { READ, READ, READ, READ, READ, READ, READ };

/* ---- Identification ----------------------------------------------------------------------- */

static const msdk_cosem_value_t ldn_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSD00000" MA304H4_SERIAL, 16u },
};
static const msdk_cosem_value_t serial_value = {
    .tag = MSDK_COSEM_AXDR_VISIBLE_STRING,
    .v.str = { (const uint8_t *)MA304H4_SERIAL, sizeof(MA304H4_SERIAL) - 1u },
};
static const msdk_cosem_value_t firmware_value = {
    .tag = MSDK_COSEM_AXDR_VISIBLE_STRING,
    .v.str = { (const uint8_t *)MA304H4_MODEL " " MA304H4_FW_VERSION,
               sizeof(MA304H4_MODEL " " MA304H4_FW_VERSION) - 1u },
};
static const msdk_cosem_data_def_t ldn_def = { &ldn_value, NULL, NULL };

/* 0.0.43.1.0.255: the invocation counter the management client must use next. */
static uint8_t ic_get(const ma304h4_app_t *app, unsigned setup, msdk_cosem_value_t *v)
{
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = ma304h4_sec_client_ic(&app->dlms.sec, setup);
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}
static uint8_t ic0_get(void *ctx, msdk_cosem_value_t *v)
{
    return ic_get((const ma304h4_app_t *)ctx, 0u, v);
}
static uint8_t ic1_get(void *ctx, msdk_cosem_value_t *v)
{
    return ic_get((const ma304h4_app_t *)ctx, 1u, v);
}
static const msdk_cosem_data_def_t ic_def[2] = { { NULL, ic0_get, NULL }, { NULL, ic1_get, NULL } };
static const msdk_cosem_data_def_t serial_def = { &serial_value, NULL, NULL };
static const msdk_cosem_data_def_t firmware_def = { &firmware_value, NULL, NULL };

/* ---- Clock (UTC until libtou brings the time zone and DST, issue 8) ------------------------ */

/* A UTC time as a COSEM date-time (deviation 0: UTC until libtou brings local time). */
msdk_cosem_datetime_t ma304h4_dlms_datetime(int64_t utc_s, uint8_t hundredths, uint8_t status)
{
    ma304h4_civil_t c;
    ma304h4_civil_from_utc(utc_s, &c);
    msdk_cosem_datetime_t dt = {
        .year = (uint16_t)c.year,
        .month = c.month,
        .day = c.day,
        .day_of_week = MSDK_COSEM_DATETIME_UNSPECIFIED,
        .hour = c.hour,
        .minute = c.minute,
        .second = c.second,
        .hundredths = hundredths,
        .deviation = 0,
        .status = status,
    };
    return dt;
}

msdk_err_t ma304h4_dlms_put_time(msdk_wbuf_t *wb, int64_t utc_s)
{
    const msdk_cosem_datetime_t dt = ma304h4_dlms_datetime(utc_s, 0u, 0u);
    return msdk_cosem_axdr_put_datetime(wb, MSDK_COSEM_AXDR_DT_OCTET_STRING, &dt);
}

/* An octet-string value of a date-time, in the answer buffer of the clock. */
static uint8_t put_dt(ma304h4_app_t *app, const msdk_datetime_t *dt, msdk_cosem_value_t *v)
{
    if (msdk_cosem_datetime_encode(dt, app->dlms.time, sizeof app->dlms.time) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
    v->v.str.p = app->dlms.time;
    v->v.str.len = sizeof app->dlms.time;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* The clock through libtou (tou.h): local time with the zone's deviation, the status and the
 * DST bit; the zone and DST attributes; the methods. */
static uint8_t clock_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    const ma304h4_tou_t *t = &app->tou;
    switch (attr) {
    case MSDK_COSEM_CLOCK_TIME: {
        msdk_rtc_time_t now;
        if (msdk_port_rtc_read(&now) != MSDK_OK) {
            return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
        }
        msdk_datetime_t dt;
        ma304h4_tou_datetime(t, now.utc_s, (uint8_t)(now.frac_ms / 10u), &dt);
        if (!now.valid) {
            dt.status |= MSDK_DATETIME_STATUS_INVALID;
        }
        return put_dt(app, &dt, v);
    }
    case MSDK_COSEM_CLOCK_DST_BEGIN: return put_dt(app, &t->tz.cfg.dst_rule.begin, v);
    case MSDK_COSEM_CLOCK_DST_END: return put_dt(app, &t->tz.cfg.dst_rule.end, v);
    case MSDK_COSEM_CLOCK_TIME_ZONE:
        v->tag = MSDK_COSEM_AXDR_LONG;
        v->v.i = t->tz.cfg.deviation;
        break;
    case MSDK_COSEM_CLOCK_STATUS: {
        msdk_rtc_time_t now;
        msdk_datetime_t dt;
        const bool ok = msdk_port_rtc_read(&now) == MSDK_OK;
        ma304h4_tou_datetime(t, ok ? now.utc_s : 0, 0u, &dt);
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u =
            (ok && now.valid) ? dt.status : (uint8_t)(dt.status | MSDK_DATETIME_STATUS_INVALID);
        break;
    }
    case MSDK_COSEM_CLOCK_DST_DEVIATION:
        v->tag = MSDK_COSEM_AXDR_INTEGER;
        v->v.i = t->tz.cfg.dst_deviation;
        break;
    case MSDK_COSEM_CLOCK_DST_ENABLED:
        v->tag = MSDK_COSEM_AXDR_BOOLEAN;
        v->v.b = t->tz.cfg.dst_enabled;
        break;
    default:
        v->tag = MSDK_COSEM_AXDR_ENUM;
        v->v.u = 1u;
        break; /* internal crystal */
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* A SET of the time: close to the clock it is a synchronisation (the daily limit, the drift
 * learnt for the RTC trim); further away, or refused by the limit, a set. */
#define SYNC_WINDOW_MS INT64_C(60000)
static uint8_t set_time(ma304h4_app_t *app, const msdk_cosem_value_t *v)
{
    ma304h4_tou_t *t = &app->tou;
    msdk_datetime_t dt;
    if (msdk_cosem_datetime_decode(v->v.str.p, v->v.str.len, &dt) != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    int64_t now_ms = 0;
    const bool valid = ma304h4_tou_now_ms(&now_ms);
    msdk_tou_clock_report_t rep;
    int64_t new_s = 0;
    /* Where the new time is (with the deviation, or local in the zone). */
    msdk_err_t err =
        msdk_tou_tz_from_datetime(&t->tz, &dt, MSDK_TOU_FOLD_FIRST, MSDK_TOU_GAP_REFUSE, &new_s);
    if (err != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED; /* wildcards, a missing local time */
    }
    const int64_t new_ms =
        (new_s * 1000) + ((dt.hundredths <= 99u) ? ((int64_t)dt.hundredths * 10) : 0);
    const int64_t diff = new_ms - now_ms;
    err = MSDK_ERR_STATE;
    if (valid && (diff >= -SYNC_WINDOW_MS) && (diff <= SYNC_WINDOW_MS)) {
        err = msdk_tou_clock_sync(&t->clk, now_ms, new_ms, &rep);
        if (err == MSDK_ERR_STATE) {
            (void)ma304h4_tou_apply(t, &rep); /* nothing but the refusal */
        }
    }
    if (err != MSDK_OK) {
        err = msdk_tou_clock_set(&t->clk, valid ? now_ms : new_ms, new_ms, &rep);
    }
    if (err != MSDK_OK) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return (ma304h4_tou_apply(t, &rep) == MSDK_OK) ? (uint8_t)MSDK_COSEM_DAR_SUCCESS
                                                   : (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
}

static uint8_t clock_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_tou_t *t = &app->tou;
    msdk_datetime_t dt;
    switch (attr) {
    case MSDK_COSEM_CLOCK_TIME: return set_time(app, v);
    case MSDK_COSEM_CLOCK_TIME_ZONE:
        if (v->v.i == INT16_MIN) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* the meter always has a zone */
        }
        return ma304h4_tou_dar(ma304h4_tou_set_deviation(t, (int16_t)v->v.i));
    case MSDK_COSEM_CLOCK_DST_BEGIN:
    case MSDK_COSEM_CLOCK_DST_END:
        if (msdk_cosem_datetime_decode(v->v.str.p, v->v.str.len, &dt) != MSDK_OK) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        return ma304h4_tou_dar((attr == (uint8_t)MSDK_COSEM_CLOCK_DST_BEGIN)
                                   ? ma304h4_tou_set_dst_rule(t, &dt, &t->tz.cfg.dst_rule.end)
                                   : ma304h4_tou_set_dst_rule(t, &t->tz.cfg.dst_rule.begin, &dt));
    case MSDK_COSEM_CLOCK_DST_DEVIATION:
        return ma304h4_tou_dar(ma304h4_tou_set_dst_deviation(t, (int16_t)v->v.i));
    case MSDK_COSEM_CLOCK_DST_ENABLED:
        return ma304h4_tou_dar(ma304h4_tou_set_dst_enabled(t, v->v.b));
    default: return (uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED; /* status, clock_base */
    }
}

/* The action-result of a clock operation. */
static uint8_t clock_result(ma304h4_app_t *app, msdk_err_t err, const msdk_tou_clock_report_t *rep)
{
    if (err == MSDK_OK) {
        return (ma304h4_tou_apply(&app->tou, rep) == MSDK_OK)
                   ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                   : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    if (err == MSDK_ERR_STATE) {
        (void)ma304h4_tou_apply(&app->tou, rep); /* a refused synchronisation: nothing set */
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    }
    if (err == MSDK_ERR_BUSY) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    }
    return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
}

/* Methods 1..6: adjust_to_quarter, adjust_to_measuring_period (the demand period),
 * adjust_to_minute, adjust_to_preset_time, preset_adjusting_time, shift_time. */
static uint8_t clock_method(void *ctx, uint8_t method, const msdk_cosem_value_t *param)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_tou_t *t = &app->tou;
    int64_t now_ms = 0;
    const bool valid = ma304h4_tou_now_ms(&now_ms);
    msdk_tou_clock_report_t rep;
    memset(&rep, 0, sizeof rep);
    if (!valid && (method != 5u)) {
        return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE; /* no time to adjust */
    }
    msdk_err_t err;
    switch (method) {
    case 1u: err = msdk_tou_clock_adjust_to_quarter(&t->clk, &t->tz, now_ms, &rep); break;
    case 2u:
        /* The measuring period: the demand's (OBIS 1.0.0.8.0, the averaging period). */
        err = msdk_tou_clock_adjust_to_period(&t->clk, &t->tz, now_ms, t->demand.cfg.period, &rep);
        break;
    case 3u: err = msdk_tou_clock_adjust_to_minute(&t->clk, &t->tz, now_ms, &rep); break;
    case 4u:
        err = msdk_tou_clock_adjust_to_preset(&t->clk, now_ms, &rep);
        if (err == MSDK_ERR_NOT_FOUND) {
            return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* no preset */
        }
        break;
    case 5u: {
        /* structure of three date-times, checked by the class */
        msdk_datetime_t dt[3];
        const uint8_t *p = param->v.str.p;
        size_t n = param->v.str.len;
        if (n < 2u + (3u * 14u)) {
            return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
        }
        for (unsigned k = 0; k < 3u; k++) {
            if (msdk_cosem_datetime_decode(&p[2u + (14u * k) + 2u], 12u, &dt[k]) != MSDK_OK) {
                return (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
            }
        }
        err = msdk_tou_clock_preset(&t->clk, &t->tz, &dt[0], &dt[1], &dt[2]);
        return (err == MSDK_OK) ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                                : (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED;
    }
    default: err = msdk_tou_clock_shift(&t->clk, now_ms, (int32_t)param->v.i, &rep); break;
    }
    return clock_result(app, err, &rep);
}

static const msdk_cosem_clock_def_t clock_def = { clock_get, clock_set, clock_method };

/* ---- Energy and instantaneous values ------------------------------------------------------ */

static uint8_t reading_get(const struct ma304h4_app *app, reading_t which, msdk_cosem_value_t *v)
{
    const ma304h4_readings_t *rd = &app->readings;
    const msdk_metro_result_t *s = &rd->second;
    int64_t p_mw = s->p_uw / 1000;
    switch (which) {
    case R_A_IMPORT:
        v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
        v->v.u = rd->a_import_mwh;
        break;
    case R_A_EXPORT:
        v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
        v->v.u = rd->a_export_mwh;
        break;
    case R_R_IMPORT:
        v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
        v->v.u = rd->r_import_mvarh;
        break;
    case R_R_EXPORT:
        v->tag = MSDK_COSEM_AXDR_LONG64_UNSIGNED;
        v->v.u = rd->r_export_mvarh;
        break;
    case R_P_IMPORT:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = (p_mw > 0) ? (uint64_t)p_mw : 0u;
        break;
    case R_P_EXPORT:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = (p_mw < 0) ? (uint64_t)(-p_mw) : 0u;
        break;
    case R_V1:
    case R_V2:
    case R_V3:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = s->ph[which - R_V1].v_uv / 1000u; /* mV */
        break;
    case R_I1:
    case R_I2:
    case R_I3:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = s->ph[which - R_I1].i_ua / 1000u; /* mA */
        break;
    case R_FREQ:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = s->freq_uhz / 1000u; /* mHz */
        break;
    default:
        v->tag = MSDK_COSEM_AXDR_LONG;
        v->v.i = s->pf_u / 1000;
        break; /* 1/1000 */
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* Register getter: the object's context is its binding {app, reading}. */
static uint8_t get_reading(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_dlms_binding_t *b = (const ma304h4_dlms_binding_t *)ctx;
    return reading_get(b->app, (reading_t)b->which, v);
}

/* Blue Book units: 30 Wh, 32 varh, 27 W, 35 V, 33 A, 44 Hz, 255 none. */
static const msdk_cosem_register_def_t reg_defs[R_COUNT] = {
    [R_A_IMPORT] = { -3, 30u, get_reading, NULL, NULL },
    [R_A_EXPORT] = { -3, 30u, get_reading, NULL, NULL },
    [R_R_IMPORT] = { -3, 32u, get_reading, NULL, NULL },
    [R_R_EXPORT] = { -3, 32u, get_reading, NULL, NULL },
    [R_P_IMPORT] = { -3, 27u, get_reading, NULL, NULL },
    [R_P_EXPORT] = { -3, 27u, get_reading, NULL, NULL },
    [R_V1] = { -3, 35u, get_reading, NULL, NULL },
    [R_V2] = { -3, 35u, get_reading, NULL, NULL },
    [R_V3] = { -3, 35u, get_reading, NULL, NULL },
    [R_I1] = { -3, 33u, get_reading, NULL, NULL },
    [R_I2] = { -3, 33u, get_reading, NULL, NULL },
    [R_I3] = { -3, 33u, get_reading, NULL, NULL },
    [R_FREQ] = { -3, 44u, get_reading, NULL, NULL },
    [R_PF] = { -3, 255u, get_reading, NULL, NULL },
};

/* OBIS C and D of each register (A = 1, B = 0, E = 0, F = 255). */
static const uint8_t reg_cd[R_COUNT][2] = {
    [R_A_IMPORT] = { 1, 8 }, [R_A_EXPORT] = { 2, 8 }, [R_R_IMPORT] = { 3, 8 },
    [R_R_EXPORT] = { 4, 8 }, [R_P_IMPORT] = { 1, 7 }, [R_P_EXPORT] = { 2, 7 },
    [R_V1] = { 32, 7 },      [R_V2] = { 52, 7 },      [R_V3] = { 72, 7 },
    [R_I1] = { 31, 7 },      [R_I2] = { 51, 7 },      [R_I3] = { 71, 7 },
    [R_FREQ] = { 14, 7 },    [R_PF] = { 13, 7 },
};

bool ma304h4_dlms_register_find(const uint8_t ln[6], reading_t *which)
{
    if ((ln[0] != 1u) || (ln[1] != 0u) || (ln[4] != 0u) || (ln[5] != 255u)) {
        return false;
    }
    for (unsigned r = 0; r < (unsigned)R_COUNT; r++) {
        if ((reg_cd[r][0] == ln[2]) && (reg_cd[r][1] == ln[3])) {
            *which = (reading_t)r;
            return true;
        }
    }
    return false;
}

void ma304h4_dlms_register_ln(reading_t which, uint8_t ln[6])
{
    const uint8_t name[6] = { 1, 0, reg_cd[which][0], reg_cd[which][1], 0, 255 };
    memcpy(ln, name, sizeof name);
}

uint8_t ma304h4_dlms_register_value(const struct ma304h4_app *app, reading_t which,
                                    msdk_cosem_value_t *v)
{
    return reading_get(app, which, v);
}

/* ---- Profiles (profiles.h) --------------------------------------------------------------- */

/* The AMR profile status 0.0.96.10.1.255: the status of the newest load profile row. */
static uint8_t amr_status_get(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_profiles_t *pr = &((const ma304h4_app_t *)ctx)->profiles;
    const msdk_evlog_profile_t *p = &pr->p[MA304H4_PROFILE_LOAD];
    v->tag = MSDK_COSEM_AXDR_UNSIGNED;
    v->v.u = 0u;
    msdk_evlog_row_t row;
    if (pr->ok[MA304H4_PROFILE_LOAD] && (msdk_evlog_log_count(msdk_evlog_profile_log(p)) != 0u) &&
        (msdk_evlog_profile_read(p, msdk_evlog_log_last(msdk_evlog_profile_log(p)), &row) ==
         MSDK_OK)) {
        v->v.u = row.status;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}
static const msdk_cosem_data_def_t amr_status_def = { NULL, amr_status_get, NULL };

/* The error register 0.0.97.97.0.255 (double-long-unsigned, IDIS bit layout): bit 0 clock
 * invalid, bit 10 non-volatile memory error (the mounts at start found damaged records). */
#define ERR_CLOCK_INVALID 0x00000001u
#define ERR_NVM           0x00000400u
static uint8_t error_register_get(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    msdk_rtc_time_t now;
    uint32_t bits = app->nvm_error ? ERR_NVM : 0u;
    if ((msdk_port_rtc_read(&now) != MSDK_OK) || !now.valid ||
        ((msdk_tou_clock_status(&app->tou.clk) & MSDK_DATETIME_STATUS_INVALID) != 0u)) {
        bits |= ERR_CLOCK_INVALID;
    }
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = bits;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}
static const msdk_cosem_data_def_t error_register_def = { NULL, error_register_get, NULL };

/* ---- Reads of the profiles kept in logs (dlms.h) ------------------------------------------ */

uint32_t ma304h4_dlms_rows_begin(const ma304h4_app_t *app, ma304h4_rows_pin_t *pin,
                                 const msdk_evlog_log_t *log, uint32_t max)
{
    const unsigned c = (app->dlms.client < MA304H4_DLMS_CLIENTS) ? app->dlms.client : 0u;
    const uint32_t n = (log != NULL) ? msdk_evlog_log_count(log) : 0u;
    const uint32_t shown = (n < max) ? n : max;
    /* The newest `shown` entries: the oldest n - shown are not shown. */
    pin->base[c] = (log != NULL) ? (msdk_evlog_log_first(log) + (n - shown)) : 0u;
    pin->count[c] = shown;
    return shown;
}

bool ma304h4_dlms_rows_seq(const ma304h4_app_t *app, const ma304h4_rows_pin_t *pin,
                           const msdk_evlog_log_t *log, uint32_t row, uint32_t *seq)
{
    const unsigned c = (app->dlms.client < MA304H4_DLMS_CLIENTS) ? app->dlms.client : 0u;
    if ((log == NULL) || (row >= pin->count[c])) {
        return false;
    }
    const uint32_t s = pin->base[c] + row;
    /* Still in the log: first <= s <= last (sequence numbers only grow, modulo 2^32). */
    if ((uint32_t)(s - msdk_evlog_log_first(log)) >= msdk_evlog_log_count(log)) {
        return false;
    }
    *seq = s;
    return true;
}

/* ---- Event logs (libeventlog, meter_events.h) ------------------------------------------------ */

/* Profile entries: the logs' capacities, 143 records a 4 KiB sector (docs/nvm-format.md)
 * and one sector always being reclaimed (the log holds up to one sector more: the newest
 * ones are shown). */
#define EV_STD_ENTRIES   (143u * (MA304H4_EVENTS_STD_SECTORS - 1u))
#define EV_OTHER_ENTRIES (143u * (MA304H4_EVENTS_OTHER_SECTORS - 1u))

/* The event log of a binding (which = its msdk_evlog_log_id_t). */
static const msdk_evlog_log_t *event_log(const ma304h4_event_binding_t *b)
{
    return b->app->events.ok ? msdk_evlog_events_log(&b->app->events.ev, (uint8_t)b->which) : NULL;
}

/* Entries in use, and the start of a read: the newest profile entries of the log. */
static uint32_t event_count(void *ctx)
{
    ma304h4_event_binding_t *b = (ma304h4_event_binding_t *)ctx;
    const uint32_t max =
        (b->which == (unsigned)MSDK_EVLOG_STANDARD) ? EV_STD_ENTRIES : EV_OTHER_ENTRIES;
    return ma304h4_dlms_rows_begin(b->app, &b->pin, event_log(b), max);
}

/* Row `row` of the read, or the nearest readable one before it in the read (a torn record
 * is a gap: it shows the entry before it, so that the rows stay in time order); false when
 * none is, or when the row is no longer in the log (evicted since the read began). */
static bool event_row(ma304h4_event_binding_t *b, uint32_t row, msdk_evlog_event_t *ev)
{
    const msdk_evlog_log_t *log = event_log(b);
    uint32_t want = 0u;
    if (!ma304h4_dlms_rows_seq(b->app, &b->pin, log, row, &want)) {
        return false;
    }
    if (b->cached && (b->seq == want)) {
        *ev = b->row; /* an entry never changes once written */
        return true;
    }
    uint32_t seq = want;
    for (uint32_t back = 0u; back <= row; back++, seq--) {
        if (msdk_evlog_events_read(&b->app->events.ev, (uint8_t)b->which, seq, ev) == MSDK_OK) {
            if (back != 0u) {
                ev->code = 0u; /* a gap: no event */
            }
            b->cached = true;
            b->seq = want;
            b->row = *ev;
            return true;
        }
    }
    return false;
}

static msdk_err_t event_cell(void *ctx, uint32_t row, uint8_t col, msdk_wbuf_t *wb)
{
    ma304h4_event_binding_t *b = (ma304h4_event_binding_t *)ctx;
    msdk_evlog_event_t ev;
    if (!event_row(b, row, &ev)) {
        return MSDK_ERR_NOT_FOUND;
    }
    if (col == 0u) {
        return ma304h4_dlms_put_time(wb, ev.time);
    }
    if (b->which == (unsigned)MSDK_EVLOG_POWER_FAILURE) {
        /* The duration of the long power failure that ended then (0.0.96.7.19.255). */
        uint32_t s = ((ev.code == 0u) || (ev.value < 0) || (ev.value > (int64_t)UINT32_MAX))
                         ? 0u
                         : (uint32_t)ev.value;
        return msdk_cosem_axdr_put_uint32(wb, s);
    }
    return msdk_cosem_axdr_put_uint8(wb, (uint8_t)ev.code);
}

static msdk_err_t event_time(void *ctx, uint32_t row, int64_t *t)
{
    msdk_evlog_event_t ev;
    if (!event_row((ma304h4_event_binding_t *)ctx, row, &ev)) {
        return MSDK_ERR_NOT_FOUND;
    }
    *t = ev.time - 946684800; /* seconds since 2000, as the library's */
    return MSDK_OK;
}

static const msdk_cosem_row_source_t event_rows = { event_count, event_cell, event_time };
/* Columns: the clock and the log's event code object (the power failure log: the duration
 * of the long power failure, 0.0.96.7.19.255). */
#define EV_CLOCK                                                                                   \
    {                                                                                              \
        8u, { 0, 0, 1, 0, 0, 255 }, 2, 0u                                                          \
    }
static const msdk_cosem_capture_def_t event_columns[MA304H4_DLMS_EVENT_LOGS][2] = {
    { EV_CLOCK, { 1u, { 0, 0, 96, 11, 0, 255 }, 2, 0u } },
    { EV_CLOCK, { 1u, { 0, 0, 96, 11, 1, 255 }, 2, 0u } },
    { EV_CLOCK, { 1u, { 0, 0, 96, 11, 2, 255 }, 2, 0u } },
    { EV_CLOCK, { 1u, { 0, 0, 96, 11, 3, 255 }, 2, 0u } },
    { EV_CLOCK, { 1u, { 0, 0, 96, 11, 4, 255 }, 2, 0u } },
    { EV_CLOCK, { 1u, { 0, 0, 96, 7, 19, 255 }, 2, 0u } },
};
#define EV_PROFILE(i, entries)                                                                     \
    {                                                                                              \
        .columns = event_columns[i], .column_count = 2u, .time_column = 0, .capture_period_s = 0u, \
        .max_entries = (entries), .rows = &event_rows                                              \
    }
static const msdk_cosem_profile_def_t event_profile_def[MA304H4_DLMS_EVENT_LOGS] = {
    EV_PROFILE(0, EV_STD_ENTRIES),   EV_PROFILE(1, EV_OTHER_ENTRIES),
    EV_PROFILE(2, EV_OTHER_ENTRIES), EV_PROFILE(3, EV_OTHER_ENTRIES),
    EV_PROFILE(4, EV_OTHER_ENTRIES), EV_PROFILE(5, EV_OTHER_ENTRIES),
};

/* The event code objects 0.0.96.11.x.255: the last event's code (unsigned); for the power
 * failure log, 0.0.96.7.9.255: the number of long power failures (long-unsigned). */
static uint8_t event_code_get(void *ctx, msdk_cosem_value_t *v)
{
    const ma304h4_event_binding_t *b = (const ma304h4_event_binding_t *)ctx;
    if (b->which == (unsigned)MSDK_EVLOG_POWER_FAILURE) {
        uint32_t n = b->app->events.ok
                         ? msdk_evlog_events_total(&b->app->events.ev, MSDK_EVLOG_POWER_FAILURE)
                         : 0u;
        v->tag = MSDK_COSEM_AXDR_LONG_UNSIGNED;
        v->v.u = (n > UINT16_MAX) ? UINT16_MAX : n;
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    uint16_t code = 0u;
    if (b->app->events.ok &&
        (msdk_evlog_events_last_code(&b->app->events.ev, (uint8_t)b->which, &code) != MSDK_OK)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    v->tag = MSDK_COSEM_AXDR_UNSIGNED;
    v->v.u = code;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}
static const msdk_cosem_data_def_t event_code_def = { NULL, event_code_get, NULL };

/* Whether a security event of this count goes to the log: the first three, then every
 * power of ten, and at least one an hour while they go on. A client that sends garbage
 * without end must not wear the flash out (one record each would erase a sector of the
 * fraud log every few minutes). */
static bool log_security_event(ma304h4_dlms_t *d, unsigned event, uint32_t count)
{
    msdk_rtc_time_t now;
    int64_t t = (msdk_port_rtc_read(&now) == MSDK_OK) ? now.utc_s : 0;
    uint32_t p = 1u;
    while ((p < count) && (p <= (UINT32_MAX / 10u))) {
        p *= 10u;
    }
    bool due = (count <= 3u) || (p == count) || ((t - d->sec_event_logged[event]) >= 3600);
    if (due) {
        d->sec_event_logged[event] = t;
    }
    return due;
}

/* The DLMS server's security events go to the event logs (the count as the value). */
static void security_event(void *ctx, msdk_cosem_secevent_t event, uint16_t client_sap,
                           uint32_t count)
{
    (void)client_sap;
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    static const msdk_evlog_kind_t kind[MSDK_COSEM_SECEVENT_COUNT] = {
        [MSDK_COSEM_SECEVENT_AUTH_FAILED] = MSDK_EVK_AUTH_FAILURE,
        [MSDK_COSEM_SECEVENT_DECRYPT_FAILED] = MSDK_EVK_DECRYPT_FAILURE,
        [MSDK_COSEM_SECEVENT_REPLAY] = MSDK_EVK_REPLAY_ATTACK,
        [MSDK_COSEM_SECEVENT_KEY_CHANGED] = MSDK_EVK_KEYS_CHANGED,
        [MSDK_COSEM_SECEVENT_POLICY_CHANGED] = MSDK_EVK_PARAMETERS_CHANGED,
    };
    if (((unsigned)event < MSDK_COSEM_SECEVENT_COUNT) &&
        log_security_event(&app->dlms, (unsigned)event, count)) {
        ma304h4_events_record(&app->events, kind[event], 0u, (int64_t)count);
    }
}

/* ---- Associations ------------------------------------------------------------------------- */

static uint8_t set_secret(ma304h4_app_t *app, unsigned which, const uint8_t *s, size_t n)
{
    if (n >= sizeof app->dlms.secret[which]) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    memcpy(app->dlms.secret[which], s, n);
    app->dlms.secret[which][n] = '\0';
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t set_secret_mgmt(void *ctx, const uint8_t *s, size_t n)
{
    return set_secret((ma304h4_app_t *)ctx, 1u, s, n);
}

static const msdk_cosem_assoc_ln_def_t aln_public = { ASSOC_PUBLIC, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_reader = { ASSOC_READER, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_mgmt = { ASSOC_MGMT, 1u, set_secret_mgmt };

static const msdk_cosem_assoc_ln_def_t aln_hls3 = { ASSOC_HLS3, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_hls4 = { ASSOC_HLS4, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_hls6 = { ASSOC_HLS6, 1u, NULL };
static const msdk_cosem_assoc_ln_def_t aln_hls7 = { ASSOC_HLS7, 1u, NULL };

/* The secret of an association: the LLS passwords, the HLS 3/4/6 test secret. */
static msdk_err_t lls_secret(void *ctx, uint8_t idx, uint8_t *buf, size_t cap, size_t *len)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    const char *s = NULL;
    if ((idx == ASSOC_READER) || (idx == ASSOC_MGMT)) {
        s = app->dlms.secret[(idx == ASSOC_READER) ? 0u : 1u];
    } else if ((idx == ASSOC_HLS3) || (idx == ASSOC_HLS4) || (idx == ASSOC_HLS6)) {
        s = app->dlms.hls_secret;
    } else {
        return MSDK_ERR_NOT_FOUND;
    }
    size_t n = strlen(s);
    if (n > cap) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, s, n);
    *len = n;
    return MSDK_OK;
}

static const msdk_cosem_ldev_ops_t ldev_ops = { lls_secret };

/* Public: read, GET with block transfer and selective access; the others add SET, ACTION
 * and multiple references. */
#define CONF_PUBLIC                                                                                \
    (MSDK_COSEM_CONF_GET | MSDK_COSEM_CONF_BLOCK_TRANSFER_GET | MSDK_COSEM_CONF_SELECTIVE_ACCESS)
#define CONF_FULL                                                                                  \
    (CONF_PUBLIC | MSDK_COSEM_CONF_SET | MSDK_COSEM_CONF_ACTION |                                  \
     MSDK_COSEM_CONF_BLOCK_TRANSFER_SET | MSDK_COSEM_CONF_BLOCK_TRANSFER_ACTION |                  \
     MSDK_COSEM_CONF_MULTIPLE_REFERENCES)

/* ---- The object table --------------------------------------------------------------------- */

void ma304h4_dlms_put(ma304h4_dlms_t *d, const uint8_t ln[6], const msdk_cosem_class_t *cls,
                      const void *def, void *ctx, const msdk_cosem_rights_t *rights)
{
    if (d->object_count >= MA304H4_DLMS_OBJECTS) {
        msdk_port_board_log("ma304h4: DLMS object table full");
        return;
    }
    msdk_cosem_object_t *o = &d->objects[d->object_count++];
    memcpy(o->ln, ln, 6u);
    o->cls = cls;
    o->def = def;
    o->ctx = ctx;
    o->rights = rights;
}

static void put(ma304h4_dlms_t *d, const uint8_t ln[6], const msdk_cosem_class_t *cls,
                const void *def, void *ctx, const msdk_cosem_rights_t *rights)
{
    ma304h4_dlms_put(d, ln, cls, def, ctx, rights);
}

/* The table is built at start because the objects' context is this application instance
 * (owned by main()); a firmware with a file-scope application can declare it `const`. */
static void build_ldev(ma304h4_app_t *app)
{
    ma304h4_dlms_t *d = &app->dlms;
    static const uint8_t ln_ldn[6] = { 0, 0, 42, 0, 0, 255 };
    static const uint8_t ln_serial[6] = { 0, 0, 96, 1, 0, 255 };
    static const uint8_t ln_firmware[6] = { 1, 0, 0, 2, 0, 255 };
    static const uint8_t ln_clock[6] = { 0, 0, 1, 0, 0, 255 };
    static const uint8_t ln_aln[N_ASSOC][6] = { { 0, 0, 40, 0, 1, 255 }, { 0, 0, 40, 0, 2, 255 },
                                                { 0, 0, 40, 0, 3, 255 }, { 0, 0, 40, 0, 4, 255 },
                                                { 0, 0, 40, 0, 5, 255 }, { 0, 0, 40, 0, 6, 255 },
                                                { 0, 0, 40, 0, 7, 255 } };
    static const uint8_t ln_setup[2][6] = { { 0, 0, 43, 0, 0, 255 }, { 0, 0, 43, 0, 1, 255 } };
    static const uint8_t ln_ic[2][6] = { { 0, 0, 43, 1, 0, 255 }, { 0, 0, 43, 1, 1, 255 } };
    d->object_count = 0u;
    put(d, ln_ldn, &msdk_cosem_class_data, &ldn_def, app, rights_ident);
    put(d, ln_serial, &msdk_cosem_class_data, &serial_def, app, rights_ident);
    put(d, ln_firmware, &msdk_cosem_class_data, &firmware_def, app, rights_ident);
    put(d, ln_clock, &msdk_cosem_class_clock, &clock_def, app, rights_clock);
    for (unsigned r = 0; r < (unsigned)R_COUNT; r++) {
        const uint8_t ln[6] = { 1, 0, reg_cd[r][0], reg_cd[r][1], 0, 255 };
        d->bindings[r].app = app;
        d->bindings[r].which = r;
        put(d, ln, &msdk_cosem_class_register, &reg_defs[r], &d->bindings[r], rights_values);
    }
    static const uint8_t ln_profile[MA304H4_PROFILES][6] = {
        [MA304H4_PROFILE_LOAD] = { 1, 0, 99, 1, 0, 255 },
        [MA304H4_PROFILE_QUALITY] = { 1, 0, 99, 1, 1, 255 },
        [MA304H4_PROFILE_DAILY] = { 1, 0, 99, 2, 0, 255 },
        [MA304H4_PROFILE_MONTHLY] = { 0, 0, 98, 1, 0, 255 },
        [4] = { 0, 1, 24, 3, 0, 255 },
        [5] = { 0, 2, 24, 3, 0, 255 },
        [6] = { 0, 3, 24, 3, 0, 255 },
        [7] = { 0, 4, 24, 3, 0, 255 },
    };
    for (unsigned i = 0; i < (unsigned)MA304H4_PROFILES; i++) {
        put(d, ln_profile[i], &msdk_cosem_class_profile,
            ma304h4_profiles_def((ma304h4_profile_id_t)i), &app->profiles.bind[i],
            (i == (unsigned)MA304H4_PROFILE_LOAD) ? rights_load_profile : rights_values);
    }
    static const uint8_t ln_amr[6] = { 0, 0, 96, 10, 1, 255 };
    put(d, ln_amr, &msdk_cosem_class_data, &amr_status_def, app, rights_values);
    static const uint8_t ln_error[6] = { 0, 0, 97, 97, 0, 255 };
    put(d, ln_error, &msdk_cosem_class_data, &error_register_def, app, rights_values);
    put(d, ln_aln[0], &msdk_cosem_class_assoc_ln_v3, &aln_public, app, rights_assoc_public);
    put(d, ln_aln[1], &msdk_cosem_class_assoc_ln_v3, &aln_reader, app, rights_assoc_reader);
    put(d, ln_aln[2], &msdk_cosem_class_assoc_ln_v3, &aln_mgmt, app, rights_assoc_mgmt);
    put(d, ln_aln[3], &msdk_cosem_class_assoc_ln_v3, &aln_hls3, app, rights_assoc_hls3);
    put(d, ln_aln[4], &msdk_cosem_class_assoc_ln_v3, &aln_hls4, app, rights_assoc_hls4);
    put(d, ln_aln[5], &msdk_cosem_class_assoc_ln_v3, &aln_hls6, app, rights_assoc_hls6);
    put(d, ln_aln[6], &msdk_cosem_class_assoc_ln_v3, &aln_hls7, app, rights_assoc_hls7);
    const size_t first_aln = d->object_count - N_ASSOC;
    put(d, ln_setup[0], &msdk_cosem_class_security_setup, NULL, &d->sec.setup[0],
        rights_setup_mgmt);
    put(d, ln_setup[1], &msdk_cosem_class_security_setup, NULL, &d->sec.setup[1],
        rights_setup_test);
    put(d, ln_ic[0], &msdk_cosem_class_data, &ic_def[0], app, rights_ic);
    put(d, ln_ic[1], &msdk_cosem_class_data, &ic_def[1], app, rights_ic);
    static const uint8_t ln_event_log[MA304H4_DLMS_EVENT_LOGS][6] = {
        { 0, 0, 99, 98, 0, 255 }, { 0, 0, 99, 98, 1, 255 }, { 0, 0, 99, 98, 2, 255 },
        { 0, 0, 99, 98, 3, 255 }, { 0, 0, 99, 98, 4, 255 }, { 1, 0, 99, 97, 0, 255 }
    };
    static const uint8_t ln_event_code[MA304H4_DLMS_EVENT_LOGS][6] = {
        { 0, 0, 96, 11, 0, 255 }, { 0, 0, 96, 11, 1, 255 }, { 0, 0, 96, 11, 2, 255 },
        { 0, 0, 96, 11, 3, 255 }, { 0, 0, 96, 11, 4, 255 }, { 0, 0, 96, 7, 9, 255 }
    };
    static const unsigned log_id[MA304H4_DLMS_EVENT_LOGS] = {
        MSDK_EVLOG_STANDARD, MSDK_EVLOG_FRAUD,         MSDK_EVLOG_DISCONNECTOR,
        MSDK_EVLOG_MBUS,     MSDK_EVLOG_POWER_QUALITY, MSDK_EVLOG_POWER_FAILURE
    };
    for (unsigned i = 0; i < MA304H4_DLMS_EVENT_LOGS; i++) {
        d->event_logs[i].app = app;
        d->event_logs[i].which = log_id[i];
        put(d, ln_event_log[i], &msdk_cosem_class_profile, &event_profile_def[i], &d->event_logs[i],
            rights_values);
        put(d, ln_event_code[i], &msdk_cosem_class_data, &event_code_def, &d->event_logs[i],
            rights_values);
    }

    ma304h4_dlms_cal_objects(app);
    ma304h4_dlms_tariff_objects(app);
    ma304h4_dlms_mbus_objects(app);

    msdk_cosem_secsetup_t *mgmt = d->sec_ok ? &d->sec.setup[0] : NULL;
    msdk_cosem_secsetup_t *test = d->sec_ok ? &d->sec.setup[1] : NULL;
    static const struct {
        uint16_t sap;
        uint8_t mech;
        uint32_t conf;
        uint8_t setup; /* 0, 1, or 2: none */
    } defs[N_ASSOC] = {
        { 16u, MSDK_COSEM_MECH_LOWEST, CONF_PUBLIC, 2u },
        { 2u, MSDK_COSEM_MECH_LLS, CONF_PUBLIC, 2u },
        { 1u, MSDK_COSEM_MECH_HLS_GMAC, CONF_FULL, 0u },
        { 3u, MSDK_COSEM_MECH_HLS_MD5, CONF_PUBLIC, 2u },
        { 4u, MSDK_COSEM_MECH_HLS_SHA1, CONF_PUBLIC, 2u },
        { 6u, MSDK_COSEM_MECH_HLS_SHA256, CONF_FULL, 1u },
        { 7u, MSDK_COSEM_MECH_HLS_ECDSA, CONF_PUBLIC, 1u },
    };
    for (unsigned i = 0; i < N_ASSOC; i++) {
        msdk_cosem_secsetup_t *setup = (defs[i].setup == 0u)   ? mgmt
                                       : (defs[i].setup == 1u) ? test
                                                               : NULL;
        d->assocs[i] = (msdk_cosem_assoc_def_t){ defs[i].sap, defs[i].mech, defs[i].conf,
                                                 &d->objects[first_aln + i], setup };
    }
    d->ld = (msdk_cosem_ldev_t){
        d->objects,       d->object_count, d->assocs, N_ASSOC,
        MA304H4_DLMS_PDU, &ldev_ops,       app,       d->sec_ok ? &d->sec.server : NULL
    };
}

/* ---- Optical port ------------------------------------------------------------------------- */

static const msdk_serial_config_t mode_e_line = { 300u, 7u, MSDK_SERIAL_PARITY_EVEN, 1u };

static msdk_err_t start_mode_e(ma304h4_optical_t *o)
{
    o->hdlc = false;
    o->pending_len = 0u;
    return msdk_serial_configure(o->port, &mode_e_line);
}

static msdk_err_t start_hdlc(ma304h4_app_t *app, uint32_t baud)
{
    ma304h4_optical_t *o = &app->dlms.optical;
    const msdk_serial_config_t line = { baud, 8u, MSDK_SERIAL_PARITY_NONE, 1u };
    const msdk_cosem_hdlc_server_config_t cfg = {
        .logical = MA304H4_HDLC_LOGICAL,
        .physical = MA304H4_HDLC_PHYSICAL,
        .accept_short_addr = false,
        .max_info_tx = MA304H4_HDLC_INFO,
        .max_info_rx = MA304H4_HDLC_INFO,
        .inactivity_ms = 120000u,
        .interchar_ms = 1000u,
        .rx_frame_buf = o->rx_frame,
        .rx_frame_cap = sizeof o->rx_frame,
        .tx_frame_buf = o->tx_frame,
        .tx_frame_cap = sizeof o->tx_frame,
        .apdu_buf = o->apdu,
        .apdu_cap = sizeof o->apdu,
    };
    msdk_err_t err = msdk_cosem_hdlc_session_init(&o->session, &app->dlms.ld, &cfg, o->resp,
                                                  sizeof o->resp, o->scratch, sizeof o->scratch);
    if (err == MSDK_OK) {
        err = msdk_cosem_assoc_set_cipher_buffer(msdk_cosem_hdlc_session_assoc(&o->session),
                                                 o->cbuf, sizeof o->cbuf);
    }
    if (err == MSDK_OK) {
        err = msdk_serial_configure(o->port, &line);
    }
    o->hdlc = (err == MSDK_OK);
    return err;
}

/* Writes what the port takes now (a meter's UART queue is large enough for one frame). */
static void send(const msdk_serial_t *port, const uint8_t *data, size_t len)
{
    size_t off = 0u;
    while (off < len) {
        size_t n = 0u;
        if ((msdk_serial_write(port, &data[off], len - off, &n) != MSDK_OK) || (n == 0u)) {
            return; /* the peer is gone or the queue is full: the protocol will repeat */
        }
        off += n;
    }
}

static void mode_e_event(ma304h4_app_t *app, const msdk_cosem_iec21_event_t *ev,
                         const msdk_wbuf_t *tx, uint64_t now)
{
    ma304h4_optical_t *o = &app->dlms.optical;
    switch (ev->action) {
    case MSDK_COSEM_IEC21_ACTION_SEND:
        if (tx->pos <= sizeof o->pending) {
            memcpy(o->pending, tx->p, tx->pos);
            o->pending_len = tx->pos;
            o->pending_at_ms = now + (uint32_t)(ev->tx_not_before_ms - (uint32_t)now);
        }
        break;
    case MSDK_COSEM_IEC21_ACTION_SWITCH_HDLC:
        if (start_hdlc(app, ev->baud) != MSDK_OK) {
            (void)start_mode_e(o);
        }
        break;
    case MSDK_COSEM_IEC21_ACTION_RESET: (void)start_mode_e(o); break;
    default: break;
    }
}

/* ---- Network port: the DLMS wrapper over TCP ---------------------------------------------- */

/* Sends what is left of a session's response; true when all is out. */
static bool net_flush(ma304h4_net_session_t *n)
{
    while (n->tx_off < n->tx_len) {
        size_t sent = 0u;
        if (msdk_port_net_send(n->conn, &n->tx[n->tx_off], n->tx_len - n->tx_off, &sent) !=
            MSDK_OK) {
            return false;
        }
        if (sent == 0u) {
            return false; /* the stack's queue is full: next time */
        }
        n->tx_off += sent;
    }
    n->tx_len = 0u;
    n->tx_off = 0u;
    return true;
}

static void net_close(ma304h4_net_session_t *n)
{
    msdk_cosem_wrapper_session_close(&n->session);
    msdk_port_net_close(n->conn);
    n->used = false;
}

/* One connection: send what is pending, then feed received bytes until an APDU is
 * answered. Returns true while it has work left. */
static bool net_serve(ma304h4_net_session_t *n)
{
    if ((n->tx_len != 0u) && !net_flush(n)) {
        return true;
    }
    if (n->in_off == n->in_len) {
        size_t got = 0u;
        msdk_err_t err = msdk_port_net_recv(n->conn, n->in, sizeof n->in, &got);
        if (err == MSDK_ERR_CLOSED) {
            net_close(n);
            return false;
        }
        if (err != MSDK_OK) {
            return false;
        }
        n->in_len = got;
        n->in_off = 0u;
    }
    while (n->in_off < n->in_len) {
        size_t used = 0u;
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, n->tx, sizeof n->tx);
        msdk_err_t err = msdk_cosem_wrapper_session_rx(&n->session, &n->in[n->in_off],
                                                       n->in_len - n->in_off, &used, &tx);
        n->in_off += used;
        if (err == MSDK_OK) {
            n->tx_len = tx.pos;
            n->tx_off = 0u;
            (void)net_flush(n);
            return true;
        }
        if (err != MSDK_ERR_WOULD_BLOCK) {
            net_close(n); /* the stream cannot be resynchronised */
            return false;
        }
    }
    return false;
}

static bool net_poll(ma304h4_dlms_t *d)
{
    int32_t conn = -1;
    while (msdk_port_net_accept(&conn) == MSDK_OK) {
        ma304h4_net_session_t *free_slot = NULL;
        for (unsigned i = 0; (i < MA304H4_NET_SESSIONS) && (free_slot == NULL); i++) {
            free_slot = d->sessions[i].used ? NULL : &d->sessions[i];
        }
        if ((free_slot == NULL) ||
            (msdk_cosem_wrapper_session_init(&free_slot->session, &d->ld, 1u, free_slot->rx,
                                             sizeof free_slot->rx, free_slot->scratch,
                                             sizeof free_slot->scratch) != MSDK_OK) ||
            (msdk_cosem_assoc_set_cipher_buffer(
                 msdk_cosem_wrapper_session_assoc(&free_slot->session), free_slot->cbuf,
                 sizeof free_slot->cbuf) != MSDK_OK)) {
            msdk_port_net_close(conn); /* all sessions busy */
            continue;
        }
        free_slot->used = true;
        free_slot->conn = conn;
        free_slot->in_len = 0u;
        free_slot->in_off = 0u;
        free_slot->tx_len = 0u;
        free_slot->tx_off = 0u;
    }
    bool busy = false;
    for (unsigned i = 0; i < MA304H4_NET_SESSIONS; i++) {
        d->client = (uint8_t)(1u + i); /* the reads it begins are its own (dlms.h) */
        if (d->sessions[i].used && net_serve(&d->sessions[i])) {
            busy = true;
        }
    }
    return busy;
}

msdk_err_t ma304h4_dlms_init(ma304h4_app_t *app)
{
    ma304h4_dlms_t *d = &app->dlms;
    memcpy(d->secret[0], MA304H4_LLS_DEFAULT, sizeof MA304H4_LLS_DEFAULT);
    memcpy(d->secret[1], MA304H4_LLS_DEFAULT, sizeof MA304H4_LLS_DEFAULT);
    memcpy(d->hls_secret, MA304H4_HLS_SECRET, sizeof MA304H4_HLS_SECRET);
    /* Settings of the board (the simulator's --config): the LLS password, the HLS secret. */
    const char *lls = msdk_port_board_config("dlms.lls");
    const char *hls = msdk_port_board_config("dlms.hls-secret");
    if ((lls != NULL) && (lls[0] != '\0') && (strlen(lls) < sizeof d->secret[0])) {
        memcpy(d->secret[0], lls, strlen(lls) + 1u);
        memcpy(d->secret[1], lls, strlen(lls) + 1u);
    }
    if ((hls != NULL) && (hls[0] != '\0') && (strlen(hls) < sizeof d->hls_secret)) {
        memcpy(d->hls_secret, hls, strlen(hls) + 1u);
    }
    d->sec_ok = (ma304h4_sec_init(&d->sec) == MSDK_OK);
    msdk_cosem_secevents_init(&d->sec.server.events, security_event, app);
    build_ldev(app);
    /* The DLMS wrapper on the network port, where the board has one. */
    d->net = (msdk_port_net_listen(MSDK_COSEM_WRAPPER_IP_PORT) == MSDK_OK);
    ma304h4_optical_t *o = &d->optical;
    o->port = msdk_port_board_serial(MSDK_BOARD_SERIAL_OPTICAL);
    if (o->port == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    static const char ident[] = MA304H4_MODEL "-" MA304H4_SERIAL;
    const msdk_cosem_iec21_config_t cfg = {
        .manufacturer = "MSD",
        .ident = ident,
        .ident_len = sizeof ident - 1u,
        .address = MA304H4_SERIAL,
        .address_len = sizeof(MA304H4_SERIAL) - 1u,
        .max_baud_char = (uint8_t)'5', /* 9600 Bd */
    };
    msdk_err_t err = msdk_cosem_iec21_server_init(&o->mode_e, &cfg);
    if (err == MSDK_OK) {
        err = start_mode_e(o);
    }
    return err;
}

static uint32_t optical_poll(ma304h4_app_t *app);

uint32_t ma304h4_dlms_poll(ma304h4_app_t *app)
{
    ma304h4_dlms_t *d = &app->dlms;
    ma304h4_sec_tick(&d->sec, msdk_port_clock_uptime_ms());
    uint32_t wait = UINT32_MAX;
    if (d->net) {
        bool open = false;
        bool busy = net_poll(d);
        for (unsigned i = 0; i < MA304H4_NET_SESSIONS; i++) {
            open = open || d->sessions[i].used;
        }
        wait = busy ? 0u : (open ? MA304H4_DLMS_POLL_MS : UINT32_MAX);
    }
    if (d->optical.port == NULL) {
        return wait;
    }
    uint32_t optical_wait = optical_poll(app);
    return (optical_wait < wait) ? optical_wait : wait;
}

/* The optical port: mode E, then HDLC. */
static uint32_t optical_poll(ma304h4_app_t *app)
{
    ma304h4_optical_t *o = &app->dlms.optical;
    const uint64_t now = msdk_port_clock_uptime_ms();
    const uint32_t now32 = (uint32_t)now;
    uint8_t rx[64];
    size_t got = 0u;
    bool more = (msdk_serial_read(o->port, rx, sizeof rx, &got) == MSDK_OK) && (got != 0u);

    if (o->hdlc) {
        app->dlms.client = 0u; /* the reads it begins are its own (dlms.h) */
        if ((got != 0u) && (msdk_cosem_hdlc_session_rx(&o->session, rx, got, now32) != MSDK_OK)) {
            got = 0u; /* cannot happen with a valid session */
        }
        msdk_cosem_hdlc_session_poll(&o->session, now32);
        const uint8_t *frame = NULL;
        size_t len = 0u;
        while (msdk_cosem_hdlc_session_take_tx(&o->session, &frame, &len) == MSDK_OK) {
            send(o->port, frame, len);
        }
        uint32_t ev = msdk_cosem_hdlc_session_take_events(&o->session);
        bool gone = !o->port->ops->is_connected(o->port->ctx);
        if (((ev & MSDK_COSEM_HDLC_EVT_DISCONNECTED) != 0u) || gone) {
            /* The session is over: mode E at 300 Bd again, once the last frame is out. */
            msdk_cosem_iec21_event_t e;
            if (msdk_cosem_iec21_server_hdlc_ended(&o->mode_e, &e) == MSDK_OK) {
                msdk_wbuf_t none;
                msdk_wbuf_init(&none, NULL, 0u);
                mode_e_event(app, &e, &none, now);
            }
        }
        return more ? 0u : MA304H4_DLMS_POLL_MS;
    }

    /* Mode E: one action per call, the rest of the bytes next time round. */
    size_t off = 0u;
    while (off < got) {
        uint8_t out[64];
        msdk_wbuf_t tx;
        msdk_wbuf_init(&tx, out, sizeof out);
        msdk_cosem_iec21_event_t ev;
        if (msdk_cosem_iec21_server_input(&o->mode_e, &rx[off], got - off, now32, &tx, &ev) !=
            MSDK_OK) {
            break;
        }
        off += (ev.consumed == 0u) ? (got - off) : ev.consumed;
        mode_e_event(app, &ev, &tx, now);
        if (o->hdlc) {
            break; /* bytes after the option select belong to HDLC (none expected) */
        }
    }
    msdk_cosem_iec21_event_t ev;
    if (msdk_cosem_iec21_server_poll(&o->mode_e, now32, &ev) == MSDK_OK) {
        msdk_wbuf_t none;
        msdk_wbuf_init(&none, NULL, 0u);
        mode_e_event(app, &ev, &none, now);
    }
    if ((o->pending_len != 0u) && (now >= o->pending_at_ms)) {
        send(o->port, o->pending, o->pending_len);
        o->pending_len = 0u;
        if (msdk_cosem_iec21_server_tx_done(&o->mode_e, now32) != MSDK_OK) {
            (void)start_mode_e(o); /* out of step: start the handshake again */
        }
    }
    if (o->pending_len != 0u) {
        return (uint32_t)(o->pending_at_ms - now);
    }
    if (more) {
        return 0u;
    }
    /* Idle in mode E: the first byte of a sign-on wakes the board. */
    bool idle = msdk_cosem_iec21_server_state(&o->mode_e) == MSDK_COSEM_IEC21_STATE_IDLE;
    return idle ? UINT32_MAX : MA304H4_DLMS_POLL_MS;
}
