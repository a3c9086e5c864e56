/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "dlms_mbus.h"

#include <string.h>

#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/xdlms.h"

#include "app.h"

MSDK_STATIC_ASSERT(MA304H4_DLMS_MBUS_CHANNELS == MA304H4_MBUS_CHANNELS, "channels");

#define DAR_OK     ((uint8_t)MSDK_COSEM_DAR_SUCCESS)
#define DAR_HW     ((uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT)
#define DAR_TEMP   ((uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE)
#define DAR_DENIED ((uint8_t)MSDK_COSEM_DAR_READ_WRITE_DENIED)
#define DAR_OTHER  ((uint8_t)MSDK_COSEM_DAR_OTHER_REASON)
#define DAR_NA     ((uint8_t)MSDK_COSEM_DAR_OBJECT_UNAVAILABLE)

static const uint8_t ln_port[6] = { 0u, 0u, 24u, 6u, 0u, 255u };

/* The speeds the link layer takes: 300..38400 Bd. */
static const uint32_t speed_baud[8] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u, 38400u };

static ma304h4_mbus_ref_t *ref_of(void *ctx)
{
    ma304h4_mbus_ref_t *r = (ma304h4_mbus_ref_t *)ctx;
    return ((r != NULL) && (r->app != NULL) && (r->ch < MA304H4_MBUS_CHANNELS)) ? r : NULL;
}

/* A change of a channel's configuration, stored; the data-access-result. */
static uint8_t apply(ma304h4_mbus_ref_t *r, const ma304h4_mbus_cfg_t *cfg)
{
    const msdk_err_t err = ma304h4_mbus_configure(&r->app->mbus, r->ch, cfg);
    return (err == MSDK_OK) ? DAR_OK : ((err == MSDK_ERR_BUSY) ? DAR_TEMP : DAR_HW);
}

/* ---- M-Bus master port setup 0.0.24.6.0.255 ---------------------------------------------- */

static uint8_t port_get(void *ctx, uint8_t *speed)
{
    *speed = ((ma304h4_app_t *)ctx)->mbus.baud_code;
    return DAR_OK;
}

static uint8_t port_set(void *ctx, uint8_t speed)
{
    ma304h4_mbus_t *mb = &((ma304h4_app_t *)ctx)->mbus;
    return (ma304h4_mbus_set_baud(mb, speed, speed_baud[speed]) == MSDK_OK) ? DAR_OK : DAR_TEMP;
}

static const msdk_cosem_mbus_port_def_t port_def = { 0x00FFu, port_get, port_set };

/* ---- M-Bus client 0.<ch>.24.1.0.255 ------------------------------------------------------ */

static void put_u(msdk_cosem_value_t *v, uint8_t tag, uint64_t u)
{
    v->tag = tag;
    v->v.u = u;
}

static uint8_t client_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    const ma304h4_mbus_chan_t *c = &r->app->mbus.ch[r->ch];
    switch (attr) {
    case MSDK_COSEM_MBUS_CLIENT_PORT_REFERENCE:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = ln_port;
        v->v.str.len = sizeof ln_port;
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE_PERIOD:
        put_u(v, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, c->cfg.capture_period_s);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->cfg.primary);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER:
        put_u(v, MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, c->cfg.id);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID:
        put_u(v, MSDK_COSEM_AXDR_LONG_UNSIGNED, c->cfg.manufacturer);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_VERSION:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->cfg.version);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_DEVICE_TYPE:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->cfg.medium);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_ACCESS_NUMBER:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->access_number);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_STATUS:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->status);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_ALARM: put_u(v, MSDK_COSEM_AXDR_UNSIGNED, c->alarm); return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_CONFIGURATION:
        put_u(v, MSDK_COSEM_AXDR_LONG_UNSIGNED, c->configuration);
        return DAR_OK;
    case MSDK_COSEM_MBUS_CLIENT_KEY_STATUS:
        put_u(v, MSDK_COSEM_AXDR_ENUM, c->cfg.key_status);
        return DAR_OK;
    default: return DAR_NA;
    }
}

static uint8_t client_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    const ma304h4_mbus_chan_t *c = &r->app->mbus.ch[r->ch];
    ma304h4_mbus_cfg_t n = c->cfg;
    switch (attr) {
    case MSDK_COSEM_MBUS_CLIENT_CAPTURE_PERIOD:
        if ((v->v.u != 0u) &&
            ((v->v.u < MA304H4_MBUS_PERIOD_MIN_S) || (v->v.u > MA304H4_MBUS_PERIOD_MAX_S))) {
            return DAR_OTHER;
        }
        n.capture_period_s = (uint32_t)v->v.u;
        return apply(r, &n);
    case MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS:
    case MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER:
    case MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID:
    case MSDK_COSEM_MBUS_CLIENT_VERSION:
    case MSDK_COSEM_MBUS_CLIENT_DEVICE_TYPE:
        /* Which device slave_install takes: only while nothing is installed. */
        if (c->cfg.installed) {
            return DAR_OTHER;
        }
        if (attr == MSDK_COSEM_MBUS_CLIENT_PRIMARY_ADDRESS) {
            n.primary = (uint8_t)v->v.u;
        } else if (attr == MSDK_COSEM_MBUS_CLIENT_IDENTIFICATION_NUMBER) {
            n.id = (uint32_t)v->v.u;
        } else if (attr == MSDK_COSEM_MBUS_CLIENT_MANUFACTURER_ID) {
            n.manufacturer = (uint16_t)v->v.u;
        } else if (attr == MSDK_COSEM_MBUS_CLIENT_VERSION) {
            n.version = (uint8_t)v->v.u;
        } else {
            n.medium = (uint8_t)v->v.u;
        }
        return apply(r, &n);
    default: return DAR_DENIED; /* configuration: the device's */
    }
}

static uint32_t def_count(void *ctx)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    return (r != NULL) ? r->app->mbus.ch[r->ch].cfg.def_n : 0u;
}

static uint8_t def_get_row(void *ctx, uint32_t i, msdk_cosem_mbus_capture_elem_t *row)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if ((r == NULL) || (i >= r->app->mbus.ch[r->ch].cfg.def_n)) {
        return DAR_HW;
    }
    *row = r->app->mbus.ch[r->ch].cfg.def;
    return DAR_OK;
}

static uint8_t def_set_begin(void *ctx, uint32_t n)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    if (n > 1u) {
        return DAR_OTHER; /* one value per channel */
    }
    ma304h4_dlms_mbus_t *dm = &r->app->dlms.mbus;
    dm->def_n = n;
    memset(&dm->def, 0, sizeof dm->def);
    return DAR_OK;
}

static uint8_t def_set_row(void *ctx, uint32_t i, const msdk_cosem_mbus_capture_elem_t *row)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if ((r == NULL) || (i != 0u)) {
        return DAR_HW;
    }
    r->app->dlms.mbus.def = *row;
    return DAR_OK;
}

static uint8_t def_set_end(void *ctx, bool commit)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    if (!commit) {
        return DAR_OK;
    }
    const ma304h4_dlms_mbus_t *dm = &r->app->dlms.mbus;
    ma304h4_mbus_cfg_t n = r->app->mbus.ch[r->ch].cfg;
    n.def_n = (uint8_t)dm->def_n;
    n.def = dm->def;
    return apply(r, &n);
}

static const msdk_cosem_mbus_capture_table_t capture_table = {
    def_count, def_get_row, def_set_begin, def_set_row, def_set_end,
};

static uint8_t m_install(void *ctx, uint8_t addr)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    return (r == NULL) ? (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT
                       : ma304h4_mbus_install(&r->app->mbus, r->ch, addr);
}

static uint8_t m_deinstall(void *ctx)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    return (r == NULL) ? (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT
                       : ma304h4_mbus_deinstall(&r->app->mbus, r->ch);
}

static uint8_t m_capture(void *ctx)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    return (r == NULL) ? (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT
                       : ma304h4_mbus_capture(&r->app->mbus, r->ch);
}

static uint8_t m_reset_alarm(void *ctx)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    ma304h4_mbus_chan_t *c = &r->app->mbus.ch[r->ch];
    c->alarm = 0u;
    c->flagged = 0u; /* a battery or fraud still there is reported again */
    return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t m_sync(void *ctx)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    return (r == NULL) ? (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT
                       : ma304h4_mbus_sync_clock(&r->app->mbus, r->ch);
}

static uint8_t m_set_key(void *ctx, const uint8_t *key, size_t len)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    }
    ma304h4_mbus_cfg_t n = r->app->mbus.ch[r->ch].cfg;
    if (len == MSDK_COSEM_MBUS_KEY_SIZE) {
        memcpy(n.key, key, MSDK_COSEM_MBUS_KEY_SIZE);
        n.key_status = (uint8_t)MSDK_COSEM_MBUS_KEY_SET;
    } else {
        memset(n.key, 0, sizeof n.key);
        n.key_status = (uint8_t)MSDK_COSEM_MBUS_KEY_NONE;
    }
    const uint8_t dar = apply(r, &n);
    memset(&n, 0, sizeof n);
    return (dar == DAR_OK)     ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
           : (dar == DAR_TEMP) ? (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE
                               : (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
}

static const msdk_cosem_mbus_client_def_t client_def = {
    .get = client_get,
    .set = client_set,
    .capture_definition = &capture_table,
    .slave_install = m_install,
    .slave_deinstall = m_deinstall,
    .capture = m_capture,
    .reset_alarm = m_reset_alarm,
    .synchronize_clock = m_sync,
    .data_send = NULL,
    .set_encryption_key = m_set_key,
    .transfer_key = NULL,
};

/* ---- M-Bus value 0.<ch>.24.2.1.255 -------------------------------------------------------- */

static uint8_t value_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    const ma304h4_mbus_chan_t *c = &r->app->mbus.ch[r->ch];
    const bool has = c->cfg.installed && c->has_value;
    switch (attr) {
    case MSDK_COSEM_EXT_REGISTER_VALUE:
        v->tag = MSDK_COSEM_AXDR_LONG64;
        v->v.i = has ? c->value : 0;
        return DAR_OK;
    case MSDK_COSEM_EXT_REGISTER_STATUS:
        put_u(v, MSDK_COSEM_AXDR_UNSIGNED, has ? c->status : 0u);
        return DAR_OK;
    case MSDK_COSEM_EXT_REGISTER_CAPTURE_TIME: {
        msdk_cosem_datetime_t dt;
        if (has && (c->capture_s != INT64_MIN)) {
            dt = ma304h4_dlms_datetime(c->capture_s, 0u, 0u);
        } else {
            memset(&dt, 0xFF, sizeof dt);
            dt.year = MSDK_DATETIME_YEAR_UNSPECIFIED;
            dt.deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED;
            dt.status = MSDK_DATETIME_STATUS_UNSPECIFIED;
        }
        if (msdk_cosem_datetime_encode(&dt, r->time, sizeof r->time) != MSDK_OK) {
            return DAR_HW;
        }
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = r->time;
        v->v.str.len = sizeof r->time;
        return DAR_OK;
    }
    default: return DAR_NA;
    }
}

static uint8_t value_scaler_unit(void *ctx, int8_t *scaler, uint8_t *unit)
{
    ma304h4_mbus_ref_t *r = ref_of(ctx);
    if (r == NULL) {
        return DAR_HW;
    }
    const int64_t su = ma304h4_mbus_su(&r->app->mbus, r->ch);
    /* no value yet: the last one's (its profile rows read with it), else a count of 0 */
    *scaler = (su == MA304H4_MBUS_SU_NONE) ? 0 : (int8_t)((su / 256) - 128);
    *unit = (su == MA304H4_MBUS_SU_NONE) ? 255u : (uint8_t)(su % 256);
    return DAR_OK;
}

static const msdk_cosem_ext_register_def_t value_def = {
    .scaler = 0,
    .unit = 255u,
    .value_tag = MSDK_COSEM_AXDR_LONG64,
    .status_tag = MSDK_COSEM_AXDR_UNSIGNED,
    .get = value_get,
    .set = NULL,
    .reset = NULL,
    .scaler_unit = value_scaler_unit,
};

/* ---- Objects ------------------------------------------------------------------------------ */

void ma304h4_dlms_mbus_objects(ma304h4_app_t *app)
{
    ma304h4_dlms_t *d = &app->dlms;
    const msdk_cosem_rights_t *values = ma304h4_dlms_rights(MA304H4_RIGHTS_VALUES);
    const msdk_cosem_rights_t *config = ma304h4_dlms_rights(MA304H4_RIGHTS_CONFIG);
    ma304h4_dlms_put(d, ln_port, &msdk_cosem_class_mbus_port, &port_def, app, config);
    for (uint8_t ch = 0u; ch < MA304H4_MBUS_CHANNELS; ch++) {
        ma304h4_mbus_ref_t *r = &d->mbus.ref[ch];
        r->app = app;
        r->ch = ch;
        const uint8_t ln_client[6] = { 0u, (uint8_t)(ch + 1u), 24u, 1u, 0u, 255u };
        const uint8_t ln_value[6] = { 0u, (uint8_t)(ch + 1u), 24u, 2u, 1u, 255u };
        ma304h4_dlms_put(d, ln_client, &msdk_cosem_class_mbus_client, &client_def, r, config);
        ma304h4_dlms_put(d, ln_value, &msdk_cosem_class_ext_register, &value_def, r, values);
    }
}
