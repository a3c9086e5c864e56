/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "mbus.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/cosem/xdlms.h"
#include "msdk/mbus/record.h"
#include "msdk/mbus/security.h"
#include "msdk/mbus/tpl.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"
#include "msdk/port/mbus_power.h"

#include "app.h"

#define ACT_OK    ((uint8_t)MSDK_COSEM_ACTION_SUCCESS)
#define ACT_TEMP  ((uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE)
#define ACT_OTHER ((uint8_t)MSDK_COSEM_ACTION_OTHER_REASON)
#define ACT_HW    ((uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT)

/* Steps of the jobs. */
enum {
    ST_START = 0,
    /* install */
    ST_SELECT,       /* secondary selection of the identification */
    ST_SELECT_READ,  /* REQ_UD2 to 253: which device the selection took */
    ST_SELECT_ABORT, /* SND_NKE to 253: it is another channel's, nothing changed */
    ST_SET_SELECTED, /* give the selected device the primary address */
    ST_DESELECT,     /* SND_NKE to 253 */
    ST_PROBE,        /* REQ_UD2 at the primary address */
    ST_PROBE_ZERO,   /* REQ_UD2 at primary address 0 */
    ST_SET_ZERO,     /* give the device at 0 the primary address */
    ST_VERIFY,       /* REQ_UD2 at the new address */
    /* readout */
    ST_NKE,
    ST_READOUT,
    /* clock */
    ST_SYNC
};

/* Status byte bits (EN 13757-3): application status (bits 0..1), power low, permanent and
 * temporary error. */
#define STATUS_APP_MASK   0x03u
#define STATUS_APP_ALARM  0x03u /* abnormal condition / alarm */
#define STATUS_POWER_LOW  0x04u
#define STATUS_ALARM_BITS 0x1Fu
#define FLAG_BATTERY      0x04u
#define FLAG_FRAUD        0x01u

#define NO_TIME INT64_MIN

/* CI of the authentication and fragmentation layer (OMS mode 7). */
#define MBUS_CI_AFL 0x90u

/* Wait while the UART's queue is full (a byte at 38400 Bd takes 0.3 ms, at 300 Bd 37 ms). */
#define MBUS_TX_RETRY_MS 5u

/* ---- Storage ------------------------------------------------------------------------------ */

#define CFG_BYTES 58u
#define STORE_ID  0x4D42u /* "MB" */

static void cfg_put(const ma304h4_mbus_cfg_t *c, uint8_t *p)
{
    memset(p, 0, CFG_BYTES);
    p[0] = c->installed ? 1u : 0u;
    p[1] = c->primary;
    msdk_store_u32le(&p[2], c->id);
    msdk_store_u16le(&p[6], c->manufacturer);
    p[8] = c->version;
    p[9] = c->medium;
    msdk_store_u32le(&p[10], c->capture_period_s);
    p[14] = c->def_n;
    p[15] = c->def.dib_len;
    memcpy(&p[16], c->def.dib, MSDK_COSEM_MBUS_DIB_MAX);
    p[27] = c->def.vib_len;
    memcpy(&p[28], c->def.vib, MSDK_COSEM_MBUS_VIB_MAX);
    p[39] = c->key_status;
    memcpy(&p[40], c->key, MSDK_COSEM_MBUS_KEY_SIZE);
    p[56] = (uint8_t)c->su_scaler;
    p[57] = c->su_unit;
}

/* A stored channel, checked as the DLMS objects check a change; false: not taken. */
static bool cfg_get(const uint8_t *p, ma304h4_mbus_cfg_t *c)
{
    ma304h4_mbus_cfg_t n;
    memset(&n, 0, sizeof n);
    n.installed = p[0] == 1u;
    n.primary = p[1];
    n.id = msdk_load_u32le(&p[2]);
    n.manufacturer = msdk_load_u16le(&p[6]);
    n.version = p[8];
    n.medium = p[9];
    n.capture_period_s = msdk_load_u32le(&p[10]);
    n.def_n = p[14];
    n.def.dib_len = p[15];
    memcpy(n.def.dib, &p[16], MSDK_COSEM_MBUS_DIB_MAX);
    n.def.vib_len = p[27];
    memcpy(n.def.vib, &p[28], MSDK_COSEM_MBUS_VIB_MAX);
    n.key_status = p[39];
    memcpy(n.key, &p[40], MSDK_COSEM_MBUS_KEY_SIZE);
    n.su_scaler = (int8_t)p[56];
    n.su_unit = p[57];
    if ((p[0] > 1u) || (n.primary > MSDK_COSEM_MBUS_PRIMARY_ADDRESS_MAX) ||
        (n.installed && (n.primary == 0u)) || (n.def_n > 1u) ||
        (n.def.dib_len > MSDK_COSEM_MBUS_DIB_MAX) || (n.def.vib_len > MSDK_COSEM_MBUS_VIB_MAX) ||
        (n.key_status > (uint8_t)MSDK_COSEM_MBUS_KEY_IN_USE) ||
        ((n.capture_period_s != 0u) && ((n.capture_period_s < MA304H4_MBUS_PERIOD_MIN_S) ||
                                        (n.capture_period_s > MA304H4_MBUS_PERIOD_MAX_S)))) {
        return false;
    }
    *c = n;
    return true;
}

static void cfg_default(ma304h4_mbus_cfg_t *c)
{
    memset(c, 0, sizeof *c);
    c->manufacturer = 0u;
    c->capture_period_s = MA304H4_MBUS_PERIOD_DEFAULT_S;
}

/* Stores the four channels with channel `ch` replaced by `cfg` (none: ch out of range), and
 * comm_speed `baud_code`. */
static msdk_err_t save_all(ma304h4_mbus_t *mb, uint8_t ch, const ma304h4_mbus_cfg_t *cfg,
                           uint8_t baud_code, bool charged)
{
    if (!mb->stored) {
        return MSDK_ERR_STATE;
    }
    if (!charged && !ma304h4_budget_ready(&mb->save_budget, MA304H4_MBUS_SAVES_BURST,
                                          MA304H4_MBUS_SAVE_INTERVAL_MS)) {
        return MSDK_ERR_BUSY;
    }
    for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
        cfg_put((i == ch) ? cfg : &mb->ch[i].cfg, &mb->buf[i * CFG_BYTES]);
    }
    mb->buf[MA304H4_MBUS_CHANNELS * CFG_BYTES] = baud_code;
    if (!charged) {
        ma304h4_budget_charge(&mb->save_budget, MA304H4_MBUS_SAVE_INTERVAL_MS);
    }
    msdk_err_t err = msdk_evlog_snap_save(&mb->store, mb->buf);
    memset(mb->buf, 0, sizeof mb->buf); /* keys */
    return err;
}

static msdk_err_t save(ma304h4_mbus_t *mb, uint8_t ch, const ma304h4_mbus_cfg_t *cfg)
{
    return save_all(mb, ch, cfg, mb->baud_code, false);
}

/* ---- Helpers ------------------------------------------------------------------------------ */

static bool rtc_now(int64_t *utc_s)
{
    msdk_rtc_time_t now;
    if ((msdk_port_rtc_read(&now) != MSDK_OK) || !now.valid) {
        return false;
    }
    *utc_s = now.utc_s;
    return true;
}

/* The next readout of a channel after `now`: the next multiple of the period (from midnight
 * UTC) plus the channel's stagger. */
static int64_t next_readout(uint8_t ch, uint32_t period, int64_t now)
{
    if (period == 0u) {
        return INT64_MAX;
    }
    const int64_t off = (int64_t)ch * MA304H4_MBUS_STAGGER_S;
    const int64_t t = now - off;
    int64_t day = t / 86400;
    if ((t % 86400) < 0) {
        day--;
    }
    const int64_t midnight = day * 86400;
    int64_t next = midnight + ((((t - midnight) / (int64_t)period) + 1) * (int64_t)period);
    if (next > midnight + 86400) {
        next = midnight + 86400; /* a period that does not divide the day starts again */
    }
    return next + off;
}

/* Blue Book unit of an M-Bus unit (254: another unit). */
static uint8_t dlms_unit(msdk_mbus_unit_t u)
{
    switch (u) {
    case MSDK_MBUS_UNIT_WH: return 30u;
    case MSDK_MBUS_UNIT_J: return 25u;
    case MSDK_MBUS_UNIT_VARH: return 32u;
    case MSDK_MBUS_UNIT_M3: return 13u;
    case MSDK_MBUS_UNIT_KG: return 20u;
    case MSDK_MBUS_UNIT_SECOND: return 7u;
    case MSDK_MBUS_UNIT_MINUTE: return 6u;
    case MSDK_MBUS_UNIT_HOUR: return 5u;
    case MSDK_MBUS_UNIT_DAY: return 4u;
    case MSDK_MBUS_UNIT_MONTH: return 2u;
    case MSDK_MBUS_UNIT_YEAR: return 1u;
    case MSDK_MBUS_UNIT_W: return 27u;
    case MSDK_MBUS_UNIT_J_PER_H: return 26u;
    case MSDK_MBUS_UNIT_M3_PER_H: return 15u;
    case MSDK_MBUS_UNIT_CELSIUS: return 9u;
    case MSDK_MBUS_UNIT_BAR: return 24u;
    case MSDK_MBUS_UNIT_V: return 35u;
    case MSDK_MBUS_UNIT_A: return 33u;
    case MSDK_MBUS_UNIT_CURRENCY: return 10u;
    case MSDK_MBUS_UNIT_NONE: return 255u; /* count */
    default: return 254u;
    }
}

/* Whether a medium's main quantity is energy (heat and cooling meters). */
static bool medium_is_energy(uint8_t medium)
{
    return (medium == 0x04u) || (medium == 0x0Au) || (medium == 0x0Bu) || (medium == 0x0Cu) ||
           (medium == 0x0Du);
}

/* Whether record r is the one the capture definition names. */
static bool record_matches(const ma304h4_mbus_cfg_t *c, const msdk_mbus_record_t *r)
{
    if ((r->flags & MSDK_MBUS_VAL_NUMBER) == 0u) {
        return false;
    }
    if (c->def_n == 0u) {
        const msdk_mbus_quantity_t want =
            medium_is_energy(c->medium) ? MSDK_MBUS_Q_ENERGY : MSDK_MBUS_Q_VOLUME;
        return (r->quantity == want) && (r->storage == 0u) && (r->tariff == 0u) &&
               (r->subunit == 0u) && (r->function == MSDK_MBUS_FN_INSTANTANEOUS);
    }
    const msdk_cosem_mbus_capture_elem_t *e = &c->def;
    if ((e->dib_len != (uint8_t)(1u + r->dife_count)) || (e->dib[0] != r->dif) ||
        (memcmp(&e->dib[1], r->dife, r->dife_count) != 0)) {
        return false;
    }
    return (e->vib_len == (uint8_t)(1u + r->vife_count)) && (e->vib[0] == r->vif) &&
           (memcmp(&e->vib[1], r->vife, r->vife_count) == 0);
}

static void log_line(const char *what, uint8_t ch, msdk_err_t err)
{
    char line[96];
    size_t n = 0u;
    const char *head = "mbus: channel ";
    while ((*head != '\0') && (n < sizeof line - 1u)) {
        line[n++] = *head++;
    }
    line[n++] = (char)('1' + ch);
    line[n++] = ':';
    line[n++] = ' ';
    while ((*what != '\0') && (n < sizeof line - 24u)) {
        line[n++] = *what++;
    }
    if (err != MSDK_OK) {
        const char *e = msdk_err_str(err);
        line[n++] = ' ';
        while ((*e != '\0') && (n < sizeof line - 1u)) {
            line[n++] = *e++;
        }
    }
    line[n] = '\0';
    msdk_port_board_log(line);
}

/* Whether a channel other than `ch` has the device `id` installed (any manufacturer). */
static bool id_held(const ma304h4_mbus_t *mb, uint8_t ch, uint32_t id)
{
    for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
        if ((i != ch) && mb->ch[i].cfg.installed && (mb->ch[i].cfg.id == id)) {
            return true;
        }
    }
    return false;
}

/* ---- Telegrams ---------------------------------------------------------------------------- */

/* Decodes one telegram of channel `ch`'s job: the header into `tpl`, the records (decrypted
 * when needed) walked for the captured value. */
static msdk_err_t take_telegram(ma304h4_mbus_t *mb, const msdk_mbus_frame_t *f, bool check_id)
{
    ma304h4_mbus_chan_t *c = &mb->ch[mb->job_ch];
    /* The telegram from its first CI: with OMS mode 7 an AFL (CI 0x90) comes before the
     * transport header, whose identification is checked before anything is decrypted. */
    uint8_t in[1u + MSDK_MBUS_FRAME_DATA_MAX];
    if ((f->type != MSDK_MBUS_FRAME_LONG) || (f->data_len >= sizeof in)) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    in[0] = f->ci;
    memcpy(&in[1], f->data, f->data_len);
    const size_t in_len = 1u + f->data_len;
    size_t tpl_at = 0u; /* offset of the transport CI in `in` */
    if (in[0] == MBUS_CI_AFL) {
        if (in_len < 3u) {
            return MSDK_ERR_TRUNCATED;
        }
        tpl_at = 2u + (size_t)in[1];
        if (tpl_at >= in_len) {
            return MSDK_ERR_TRUNCATED;
        }
    }
    msdk_mbus_tpl_t tpl;
    msdk_err_t err = msdk_mbus_tpl_decode(in[tpl_at], &in[tpl_at + 1u], in_len - tpl_at - 1u, &tpl);
    if (err != MSDK_OK) {
        return err;
    }
    if ((tpl.kind != MSDK_MBUS_TPL_RECORDS) || (tpl.header != MSDK_MBUS_TPL_HDR_LONG) ||
        ((tpl_at != 0u) && (tpl.security_mode != 7u))) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (!check_id) {
        /* install: the identification of the device that answered */
        mb->pending.id = tpl.id;
        mb->pending.manufacturer = tpl.manufacturer;
        mb->pending.version = tpl.version;
        mb->pending.medium = tpl.medium;
        return MSDK_OK;
    }
    if ((tpl.id != c->cfg.id) || (tpl.manufacturer != c->cfg.manufacturer) ||
        (tpl.version != c->cfg.version) || (tpl.medium != c->cfg.medium)) {
        return MSDK_ERR_AUTH; /* another device answers at the address */
    }
    const bool keyed = c->cfg.key_status != (uint8_t)MSDK_COSEM_MBUS_KEY_NONE;
    if ((tpl.security_mode == 0u) && keyed) {
        return MSDK_ERR_AUTH; /* a keyed channel takes no plain telegram (no downgrade) */
    }
    if ((tpl.security_mode != 0u) &&
        (((tpl.security_mode != 5u) && (tpl.security_mode != 7u)) || !keyed)) {
        return (tpl.security_mode == 5u) || (tpl.security_mode == 7u) ? MSDK_ERR_AUTH
                                                                      : MSDK_ERR_NOT_SUPPORTED;
    }
    if (mb->telegrams == 0u) {
        /* staged with the value: taken only from a readout that succeeds */
        mb->stage_access = tpl.access_number;
        mb->stage_status = tpl.status;
        mb->stage_config = tpl.config;
    }
    mb->telegrams++;
    if (mb->job_ok) {
        return MSDK_OK; /* the value came with an earlier telegram */
    }
    const uint8_t *rec = &in[tpl_at + 1u + tpl.payload_offset];
    size_t rec_len = tpl.payload_len;
    uint8_t plain[MSDK_MBUS_FRAME_DATA_MAX];
    if (tpl.security_mode != 0u) {
        msdk_mbus_sec_info_t info;
        err = msdk_mbus_sec_decrypt(c->cfg.key, NULL, in, in_len, plain, sizeof plain, &info);
        if (err != MSDK_OK) {
            memset(plain, 0, sizeof plain);
            memset(in, 0, sizeof in);
            return err;
        }
        rec = plain;
        rec_len = info.data_len;
    }
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t r;
    msdk_mbus_rec_iter_init(&it, rec, rec_len);
    for (;;) {
        err = msdk_mbus_rec_next(&it, &r);
        if (err == MSDK_ERR_MALFORMED) {
            continue;
        }
        if (err != MSDK_OK) {
            break;
        }
        if (record_matches(&c->cfg, &r)) {
            /* Staged: the channel takes it only when the whole readout succeeds. */
            int64_t now = NO_TIME;
            mb->stage_value = r.value;
            mb->stage_scaler = r.exponent;
            mb->stage_unit = dlms_unit(r.unit);
            mb->stage_s = rtc_now(&now) ? now : NO_TIME;
            mb->job_ok = true;
            break;
        }
    }
    memset(plain, 0, sizeof plain);
    memset(in, 0, sizeof in);
    memset(&r, 0, sizeof r);
    return MSDK_OK;
}

/* ---- Jobs --------------------------------------------------------------------------------- */

static void events_record(ma304h4_mbus_t *mb, uint8_t ch, msdk_evlog_kind_t kind)
{
    ma304h4_events_record(&mb->app->events, kind, (uint8_t)(ch + 1u), 0);
}

/* The end of a readout: events, alarm, the hourly row. */
static void readout_done(ma304h4_mbus_t *mb, bool comm_ok)
{
    const uint8_t ch = mb->job_ch;
    ma304h4_mbus_chan_t *c = &mb->ch[ch];
    if (mb->job_cancel || !c->cfg.installed) {
        return; /* deinstalled meanwhile: nothing of this readout is the channel's */
    }
    c->reads++;
    if (comm_ok) {
        c->access_number = mb->stage_access;
        c->status = mb->stage_status;
        c->configuration = mb->stage_config;
    }
    if (comm_ok && mb->job_ok) {
        c->value = mb->stage_value;
        c->scaler = mb->stage_scaler;
        c->unit = mb->stage_unit;
        c->capture_s = mb->stage_s;
        c->has_value = true;
        if ((c->cfg.su_unit != c->unit) || (c->cfg.su_scaler != c->scaler)) {
            /* A new scaler/unit: stored for the profile rows (within the save budget; RAM
             * only when it is spent, until the next change). */
            ma304h4_mbus_cfg_t n = c->cfg;
            n.su_scaler = c->scaler;
            n.su_unit = c->unit;
            if (ma304h4_mbus_configure(mb, ch, &n) != MSDK_OK) {
                c->cfg.su_scaler = c->scaler;
                c->cfg.su_unit = c->unit;
            }
            memset(&n, 0, sizeof n);
        }
    }
    if (!comm_ok) {
        c->read_errors++;
        if (!c->comm_error) {
            c->comm_error = true;
            events_record(mb, ch, MSDK_EVK_MBUS_COMM_ERROR);
        }
    } else {
        if (c->comm_error) {
            c->comm_error = false;
            events_record(mb, ch, MSDK_EVK_MBUS_COMM_OK);
        }
        const bool battery = (c->status & STATUS_POWER_LOW) != 0u;
        const bool fraud = (c->status & STATUS_APP_MASK) == STATUS_APP_ALARM;
        if (battery && ((c->flagged & FLAG_BATTERY) == 0u)) {
            events_record(mb, ch, MSDK_EVK_MBUS_BATTERY);
        }
        if (fraud && ((c->flagged & FLAG_FRAUD) == 0u)) {
            events_record(mb, ch, MSDK_EVK_MBUS_FRAUD);
        }
        c->flagged = (uint8_t)((battery ? FLAG_BATTERY : 0u) | (fraud ? FLAG_FRAUD : 0u) |
                               (c->flagged & (uint8_t) ~(FLAG_BATTERY | FLAG_FRAUD)));
        c->alarm |= (uint8_t)(c->status & STATUS_ALARM_BITS);
        if (!mb->job_ok) {
            log_line("no record matches the capture definition", ch, MSDK_OK);
        }
    }
    int64_t now = 0;
    if (rtc_now(&now) && ((now / 3600) != c->row_hour)) {
        c->row_hour = now / 3600;
        ma304h4_profiles_mbus_row(&mb->app->profiles, ch, !(comm_ok && mb->job_ok));
    }
}

static void install_done(ma304h4_mbus_t *mb, bool ok)
{
    const uint8_t ch = mb->job_ch;
    ma304h4_mbus_chan_t *c = &mb->ch[ch];
    if (ok && id_held(mb, ch, mb->pending.id)) {
        ok = false;
        mb->job_err = MSDK_ERR_STATE; /* that device is another channel's */
    }
    if (mb->job_cancel || !ok) {
        log_line("install failed", ch, mb->job_err);
        return;
    }
    ma304h4_mbus_cfg_t n = c->cfg;
    n.installed = true;
    n.primary = c->install_addr;
    n.id = mb->pending.id;
    n.manufacturer = mb->pending.manufacturer;
    n.version = mb->pending.version;
    n.medium = mb->pending.medium;
    /* The save was charged to the budget when the install was admitted. */
    msdk_err_t err = mb->stored ? save_all(mb, ch, &n, mb->baud_code, true) : MSDK_OK;
    if (err != MSDK_OK) {
        memset(&n, 0, sizeof n);
        log_line("install not stored", ch, err);
        return;
    }
    c->cfg = n;
    c->has_value = false;
    c->capture_s = NO_TIME;
    c->comm_error = false;
    c->flagged = 0u;
    c->alarm = 0u;
    c->next_s = NO_TIME; /* the first readout at the next pass, then at the period */
    log_line("installed", ch, MSDK_OK);
}

/* Starts the job's next master operation for `step`; false when it could not start. */
static bool job_start(ma304h4_mbus_t *mb, uint8_t step)
{
    ma304h4_mbus_chan_t *c = &mb->ch[mb->job_ch];
    msdk_mbus_master_t *m = &mb->master;
    msdk_err_t err = MSDK_ERR_STATE;
    mb->step = step;
    switch (step) {
    case ST_SELECT: {
        const msdk_mbus_secondary_t sec = { c->cfg.id,
                                            (c->cfg.manufacturer == 0u) ? 0xFFFFu
                                                                        : c->cfg.manufacturer,
                                            (c->cfg.version == 0u) ? 0xFFu : c->cfg.version,
                                            (c->cfg.medium == 0u) ? 0xFFu : c->cfg.medium };
        err = msdk_mbus_master_start_select(m, &sec);
        break;
    }
    case ST_SELECT_READ: err = msdk_mbus_master_start_req_ud2(m, MSDK_MBUS_ADDR_NETWORK); break;
    case ST_SELECT_ABORT: err = msdk_mbus_master_start_snd_nke(m, MSDK_MBUS_ADDR_NETWORK); break;
    case ST_SET_SELECTED:
        err = msdk_mbus_master_start_set_address(m, MSDK_MBUS_ADDR_NETWORK, c->install_addr);
        break;
    case ST_DESELECT: err = msdk_mbus_master_start_snd_nke(m, MSDK_MBUS_ADDR_NETWORK); break;
    case ST_PROBE: err = msdk_mbus_master_start_req_ud2(m, c->install_addr); break;
    case ST_PROBE_ZERO: err = msdk_mbus_master_start_req_ud2(m, 0u); break;
    case ST_SET_ZERO: err = msdk_mbus_master_start_set_address(m, 0u, c->install_addr); break;
    case ST_VERIFY: err = msdk_mbus_master_start_req_ud2(m, c->install_addr); break;
    case ST_NKE: err = msdk_mbus_master_start_snd_nke(m, c->cfg.primary); break;
    case ST_READOUT:
        mb->telegrams = 0u;
        mb->job_ok = false;
        err = msdk_mbus_master_start_readout(m, c->cfg.primary);
        break;
    case ST_SYNC: {
        int64_t now = 0;
        if (!rtc_now(&now)) {
            err = MSDK_ERR_STATE;
            break;
        }
        /* Type F (EN 13757-3 Annex A) of the meter's local time: minute, hour with the summer
         * time bit, day with the year's low 3 bits, month with its high 4 bits. */
        msdk_datetime_t dt;
        ma304h4_tou_datetime(&mb->app->tou, now, 0u, &dt);
        const uint8_t yy = (uint8_t)(dt.year % 100u);
        const bool summer = (dt.status != 0xFFu) && ((dt.status & 0x80u) != 0u);
        const uint8_t rec[6] = { 0x04u,
                                 0x6Du,
                                 (uint8_t)(dt.minute & 0x3Fu),
                                 (uint8_t)((dt.hour & 0x1Fu) | (summer ? 0x80u : 0u)),
                                 (uint8_t)((dt.day & 0x1Fu) | ((yy & 0x07u) << 5)),
                                 (uint8_t)((dt.month & 0x0Fu) | ((yy >> 3) << 4)) };
        err = msdk_mbus_master_start_snd_ud(m, c->cfg.primary, 0x51u, rec, sizeof rec);
        break;
    }
    default: break;
    }
    if (err != MSDK_OK) {
        mb->job_err = err;
    }
    return err == MSDK_OK;
}

/* Ends the running job. */
static void job_end(ma304h4_mbus_t *mb, bool ok)
{
    const uint8_t ch = mb->job_ch;
    switch (mb->job) {
    case MA304H4_MBUS_JOB_INSTALL: install_done(mb, ok); break;
    case MA304H4_MBUS_JOB_READ: readout_done(mb, ok); break;
    case MA304H4_MBUS_JOB_SYNC:
        if (ok && !mb->job_cancel && mb->ch[ch].cfg.installed) {
            events_record(mb, ch, MSDK_EVK_MBUS_CLOCK_ADJUSTED);
        } else {
            log_line("clock not synchronised", ch, mb->job_err);
        }
        break;
    default: break;
    }
    mb->job = 0u;
    mb->step = ST_START;
}

/* The outcome of a master operation of the job: the next step, or the end. */
static void job_result(ma304h4_mbus_t *mb, const msdk_mbus_master_out_t *out)
{
    const bool ok = out->result == MSDK_MBUS_RESULT_OK;
    const bool none = out->result == MSDK_MBUS_RESULT_NO_ANSWER;
    if (!ok) {
        mb->job_err = none ? MSDK_ERR_TIMEOUT : MSDK_ERR_MALFORMED;
    }
    uint8_t next = ST_START; /* ST_START: the job is over */
    bool done_ok = false;
    switch (mb->step) {
    case ST_SELECT: next = ok ? ST_SELECT_READ : ST_START; break;
    case ST_SELECT_READ:
        /* The device the selection took: another channel's is left where it is. */
        next = ST_SELECT_ABORT;
        if (ok && out->has_frame) {
            const msdk_err_t err = take_telegram(mb, &out->frame, false);
            if ((err == MSDK_OK) && !id_held(mb, mb->job_ch, mb->pending.id)) {
                next = ST_SET_SELECTED;
            } else {
                mb->job_err = (err != MSDK_OK) ? err : MSDK_ERR_STATE;
            }
        }
        break;
    case ST_SELECT_ABORT: break;
    case ST_SET_SELECTED: next = ok ? ST_DESELECT : ST_START; break;
    case ST_DESELECT: next = ST_VERIFY; break; /* the deselection is not answered by all */
    case ST_PROBE: next = ok ? ST_START : (none ? ST_PROBE_ZERO : ST_START); break;
    case ST_PROBE_ZERO: next = ok ? ST_SET_ZERO : ST_START; break;
    case ST_SET_ZERO: next = ok ? ST_VERIFY : ST_START; break;
    case ST_VERIFY: break;
    case ST_NKE: next = ok ? ST_READOUT : ST_START; break;
    case ST_READOUT: break;
    case ST_SYNC: done_ok = ok; break;
    default: break;
    }
    if ((mb->step == ST_PROBE) || (mb->step == ST_VERIFY)) {
        if (ok && out->has_frame) {
            msdk_err_t err = take_telegram(mb, &out->frame, false);
            mb->job_err = err;
            done_ok = (err == MSDK_OK);
        }
    } else if (mb->step == ST_READOUT) {
        done_ok = ok && (mb->telegrams > 0u);
    }
    if ((next != ST_START) && job_start(mb, next)) {
        return;
    }
    job_end(mb, done_ok);
}

/* Picks the next job: installs first, then clock synchronisations, then readouts. */
static void job_pick(ma304h4_mbus_t *mb)
{
    static const uint8_t order[3] = { MA304H4_MBUS_JOB_INSTALL, MA304H4_MBUS_JOB_SYNC,
                                      MA304H4_MBUS_JOB_READ };
    for (unsigned k = 0; k < 3u; k++) {
        for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
            ma304h4_mbus_chan_t *c = &mb->ch[i];
            if ((c->jobs & order[k]) == 0u) {
                continue;
            }
            c->jobs &= (uint8_t)~order[k];
            if ((order[k] != MA304H4_MBUS_JOB_INSTALL) && !c->cfg.installed) {
                continue;
            }
            mb->job = order[k];
            mb->job_ch = i;
            mb->job_err = MSDK_OK;
            mb->job_cancel = false;
            mb->job_ok = false;
            uint8_t first = ST_NKE;
            if (order[k] == MA304H4_MBUS_JOB_INSTALL) {
                memset(&mb->pending, 0, sizeof mb->pending);
                first = (c->cfg.id != 0u) ? ST_SELECT : ST_PROBE;
            } else if (order[k] == MA304H4_MBUS_JOB_SYNC) {
                first = ST_SYNC;
            }
            if (!job_start(mb, first)) {
                job_end(mb, false);
            }
            return;
        }
    }
}

/* ---- The link ----------------------------------------------------------------------------- */

/* Sends what is left of the request; false while the UART has not taken it all (its queue
 * is full). A UART that fails (or a bridge without a peer) loses the request: the master
 * then sees no answer and ends the operation. */
static bool flush_tx(ma304h4_mbus_t *mb)
{
    while (mb->tx_off < mb->tx_len) {
        size_t w = 0u;
        const msdk_err_t err =
            msdk_serial_write(mb->port, &mb->tx[mb->tx_off], (size_t)(mb->tx_len - mb->tx_off), &w);
        if (err != MSDK_OK) {
            mb->tx_len = 0u;
            mb->tx_off = 0u;
            return true;
        }
        if (w == 0u) {
            return false;
        }
        mb->tx_off = (uint16_t)(mb->tx_off + w);
    }
    return true;
}

static void receive(ma304h4_mbus_t *mb, uint32_t now)
{
    uint8_t buf[64];
    for (unsigned guard = 0; guard < 16u; guard++) {
        size_t got = 0u;
        msdk_err_t err = msdk_serial_read(mb->port, buf, sizeof buf, &got);
        /* The master's arguments are valid here: it cannot refuse them. */
        if (err == MSDK_ERR_IO) {
            const msdk_err_t e = msdk_mbus_master_line_error(&mb->master, now);
            (void)e;
        }
        if (got > 0u) {
            const msdk_err_t e = msdk_mbus_master_feed(&mb->master, now, buf, got);
            (void)e;
        }
        if ((got < sizeof buf) && (err != MSDK_ERR_IO)) {
            return;
        }
    }
}

/* Runs the master until it waits; the milliseconds it may wait. */
static uint32_t run_link(ma304h4_mbus_t *mb)
{
    for (unsigned guard = 0; guard < 8u; guard++) {
        const uint32_t now = (uint32_t)msdk_port_clock_uptime_ms();
        if (!flush_tx(mb)) {
            return MBUS_TX_RETRY_MS; /* the UART drains its queue */
        }
        receive(mb, now);
        msdk_mbus_master_out_t out;
        if (msdk_mbus_master_poll(&mb->master, now, &out) != MSDK_OK) {
            return 1000u;
        }
        switch (out.action) {
        case MSDK_MBUS_MASTER_SEND:
            if (out.tx_len > sizeof mb->tx) {
                return 1u;
            }
            memcpy(mb->tx, out.tx, out.tx_len);
            mb->tx_len = (uint16_t)out.tx_len;
            mb->tx_off = 0u;
            continue;
        case MSDK_MBUS_MASTER_WAIT: return (out.wait_ms == 0u) ? 1u : out.wait_ms;
        case MSDK_MBUS_MASTER_TELEGRAM: {
            const msdk_err_t err = take_telegram(mb, &out.frame, true);
            if (err != MSDK_OK) {
                /* Not this channel's data: the readout failed. Drain the rest of it. */
                if (mb->job_err == MSDK_OK) {
                    mb->job_err = err;
                }
                mb->telegrams = 0u;
                mb->job_ok = false;
                mb->step = ST_READOUT;
            }
            continue;
        }
        case MSDK_MBUS_MASTER_DONE:
            if ((mb->step == ST_READOUT) && (mb->job_err != MSDK_OK)) {
                out.result = MSDK_MBUS_RESULT_BAD_FRAME; /* a telegram was refused */
            }
            job_result(mb, &out);
            continue;
        case MSDK_MBUS_MASTER_IDLE:
        default:
            if (mb->job == 0u) {
                job_pick(mb);
                if (mb->job == 0u) {
                    return UINT32_MAX;
                }
            } else {
                job_end(mb, false); /* cannot happen: a job always has an operation */
            }
            continue;
        }
    }
    return 0u;
}

/* The rates of comm_speed 0..7. */
static const uint32_t link_baud[8] = { 300u, 600u, 1200u, 2400u, 4800u, 9600u, 19200u, 38400u };

/* The UART and the master at `baud`, 8E1 (the FCBs start again: a SND_NKE precedes every
 * readout anyway). */
static msdk_err_t link_apply(ma304h4_mbus_t *mb, uint32_t baud)
{
    const msdk_serial_config_t line = { baud, 8u, MSDK_SERIAL_PARITY_EVEN, 1u };
    msdk_err_t err = msdk_serial_configure(mb->port, &line);
    if (err != MSDK_OK) {
        return err;
    }
    const msdk_mbus_master_config_t mcfg = { .baud = baud };
    return msdk_mbus_master_init(&mb->master, &mcfg);
}

/* ---- The bus supply ----------------------------------------------------------------------- */

static void supply(ma304h4_mbus_t *mb, uint64_t now)
{
    msdk_mbus_power_status_t st;
    if (!mb->power_fitted || (msdk_port_mbus_power_status(&st) != MSDK_OK)) {
        return;
    }
    if (st.overcurrent && !mb->power_tripped) {
        mb->power_tripped = true;
        mb->power_retry_ms = now + MA304H4_MBUS_POWER_RETRY_MS;
        msdk_port_board_log("mbus: bus supply tripped (short circuit or overload)");
    } else if (mb->power_tripped && (now >= mb->power_retry_ms)) {
        if ((msdk_port_mbus_power_set(true) == MSDK_OK) &&
            (msdk_port_mbus_power_status(&st) == MSDK_OK) && st.on && !st.overcurrent) {
            mb->power_tripped = false;
            msdk_port_board_log("mbus: bus supply on again");
        } else {
            mb->power_retry_ms = now + MA304H4_MBUS_POWER_RETRY_MS;
        }
    }
}

/* ---- Entry points ------------------------------------------------------------------------- */

msdk_err_t ma304h4_mbus_open(ma304h4_mbus_t *mb, ma304h4_app_t *app, uint32_t top)
{
    memset(mb, 0, sizeof *mb);
    mb->app = app;
    mb->baud_code = (uint8_t)MSDK_COSEM_MBUS_BAUD_2400;
    for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
        cfg_default(&mb->ch[i].cfg);
        mb->ch[i].capture_s = NO_TIME;
        mb->ch[i].next_s = NO_TIME;
        mb->ch[i].row_hour = -1;
    }
    mb->port = msdk_port_board_serial(MSDK_BOARD_SERIAL_MBUS);
    if (mb->port == NULL) {
        msdk_port_board_log("mbus: no M-Bus UART on this board");
    } else if (link_apply(mb, MSDK_MBUS_MASTER_BAUD_DEFAULT) != MSDK_OK) {
        msdk_port_board_log("mbus: the M-Bus UART refused 2400 Bd 8E1");
        mb->port = NULL;
    }
    msdk_mbus_power_status_t st;
    if ((msdk_port_mbus_power_status(&st) == MSDK_OK) && st.fitted) {
        mb->power_fitted = true;
        if (msdk_port_mbus_power_set(true) != MSDK_OK) {
            msdk_port_board_log("mbus: the bus supply did not switch on");
        }
    }

    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    const uint32_t sec = (nvm != NULL) ? nvm->geo.sector_size : 0u;
    if ((nvm == NULL) || (sec == 0u) || (top < (MA304H4_MBUS_SECTORS * sec))) {
        msdk_port_board_log("mbus: no room for the M-Bus channels: kept in RAM only");
        return MSDK_ERR_NO_SPACE;
    }
    const msdk_evlog_snap_config_t cfg = { nvm,
                                           top - (MA304H4_MBUS_SECTORS * sec),
                                           MA304H4_MBUS_SECTORS,
                                           (uint16_t)MA304H4_MBUS_REC_BYTES,
                                           STORE_ID,
                                           MA304H4_MBUS_REC_VERSION };
    uint16_t version = 0u;
    msdk_err_t err = msdk_evlog_snap_open(&mb->store, &cfg, mb->buf, &version);
    if ((err != MSDK_OK) && (err != MSDK_ERR_NOT_FOUND)) {
        msdk_port_board_log("mbus: the M-Bus channels could not be read: kept in RAM only");
        return err;
    }
    mb->stored = true;
    mb->damage += msdk_evlog_snap_damage(&mb->store);
    if ((err == MSDK_OK) && (version == MA304H4_MBUS_REC_VERSION)) {
        for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
            if (!cfg_get(&mb->buf[i * CFG_BYTES], &mb->ch[i].cfg)) {
                mb->damage++;
                cfg_default(&mb->ch[i].cfg);
            }
        }
        const uint8_t code = mb->buf[MA304H4_MBUS_CHANNELS * CFG_BYTES];
        if (code < (uint8_t)(sizeof link_baud / sizeof link_baud[0])) {
            if (link_apply(mb, link_baud[code]) == MSDK_OK) {
                mb->baud_code = code;
            }
        } else {
            mb->damage++;
        }
    } else if (err == MSDK_OK) {
        mb->damage++; /* a copy of another format */
    }
    memset(mb->buf, 0, sizeof mb->buf);
    return MSDK_OK;
}

uint32_t ma304h4_mbus_poll(ma304h4_mbus_t *mb)
{
    if (mb->port == NULL) {
        return UINT32_MAX;
    }
    const uint64_t up = msdk_port_clock_uptime_ms();
    supply(mb, up);
    uint32_t wait = mb->power_tripped ? MA304H4_MBUS_POWER_RETRY_MS : UINT32_MAX;
    int64_t now = 0;
    if (rtc_now(&now)) {
        for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
            ma304h4_mbus_chan_t *c = &mb->ch[i];
            if (!c->cfg.installed) {
                continue;
            }
            if (c->next_s == NO_TIME) {
                /* At start or after a change: read now, then at the period's multiples. */
                c->jobs |= MA304H4_MBUS_JOB_READ;
                c->next_s = next_readout(i, c->cfg.capture_period_s, now);
            } else if (now >= c->next_s) {
                c->jobs |= MA304H4_MBUS_JOB_READ;
                c->next_s = next_readout(i, c->cfg.capture_period_s, now);
            } else if ((c->next_s != INT64_MAX) &&
                       ((c->next_s - now) >
                        (int64_t)(c->cfg.capture_period_s +
                                  (MA304H4_MBUS_CHANNELS * MA304H4_MBUS_STAGGER_S)))) {
                /* The clock was set back: plan from the new time. */
                c->next_s = next_readout(i, c->cfg.capture_period_s, now);
            }
            if (c->next_s != INT64_MAX) {
                const int64_t s = c->next_s - now;
                const uint32_t ms = (s > 3600) ? 3600000u : (uint32_t)(s * 1000);
                wait = (ms < wait) ? ms : wait;
            }
        }
    }
    const uint32_t link = run_link(mb);
    return (link < wait) ? link : wait;
}

/* Whether another channel has primary address `addr`. */
static bool address_taken(const ma304h4_mbus_t *mb, uint8_t ch, uint8_t addr)
{
    for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
        const ma304h4_mbus_chan_t *o = &mb->ch[i];
        const bool installing = ((o->jobs & MA304H4_MBUS_JOB_INSTALL) != 0u) ||
                                ((mb->job == MA304H4_MBUS_JOB_INSTALL) && (mb->job_ch == i));
        if ((i != ch) && ((o->cfg.installed && (o->cfg.primary == addr)) ||
                          (installing && (o->install_addr == addr)))) {
            return true;
        }
    }
    return false;
}

/* Whether an identification has no wildcard nibble (F). */
static bool id_exact(uint32_t id)
{
    for (unsigned k = 0; k < 8u; k++) {
        if (((id >> (4u * k)) & 0xFu) == 0xFu) {
            return false;
        }
    }
    return true;
}

msdk_err_t ma304h4_mbus_set_baud(ma304h4_mbus_t *mb, uint8_t code, uint32_t baud)
{
    if ((code >= (uint8_t)(sizeof link_baud / sizeof link_baud[0])) || (link_baud[code] != baud)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((mb->job != 0u) || (mb->port == NULL)) {
        return (mb->port == NULL) ? MSDK_ERR_STATE : MSDK_ERR_BUSY;
    }
    /* The UART first (it may refuse the rate), then the store; a save that fails puts the
     * link back, so RAM and NVM never disagree. */
    msdk_err_t err = link_apply(mb, baud);
    if (err != MSDK_OK) {
        (void)link_apply(mb, link_baud[mb->baud_code]);
        return err;
    }
    if (mb->stored) {
        err = save_all(mb, MA304H4_MBUS_CHANNELS, NULL, code, false);
        if (err != MSDK_OK) {
            (void)link_apply(mb, link_baud[mb->baud_code]);
            return err;
        }
    }
    mb->baud_code = code;
    return MSDK_OK;
}

uint8_t ma304h4_mbus_install(ma304h4_mbus_t *mb, uint8_t ch, uint8_t addr)
{
    if ((mb->port == NULL) || (ch >= MA304H4_MBUS_CHANNELS)) {
        return ACT_HW;
    }
    ma304h4_mbus_chan_t *c = &mb->ch[ch];
    if (addr == 0u) {
        addr = c->cfg.primary;
    }
    if ((addr == 0u) || (addr > MSDK_COSEM_MBUS_PRIMARY_ADDRESS_MAX) || c->cfg.installed ||
        address_taken(mb, ch, addr) || ((c->jobs & MA304H4_MBUS_JOB_INSTALL) != 0u) ||
        ((mb->job == MA304H4_MBUS_JOB_INSTALL) && (mb->job_ch == ch))) {
        return ACT_OTHER;
    }
    if ((c->cfg.id != 0u) && id_exact(c->cfg.id) && id_held(mb, ch, c->cfg.id)) {
        return ACT_OTHER; /* the device named is another channel's */
    }
    if (!mb->stored || !ma304h4_budget_ready(&mb->save_budget, MA304H4_MBUS_SAVES_BURST,
                                             MA304H4_MBUS_SAVE_INTERVAL_MS)) {
        return mb->stored ? ACT_TEMP : ACT_HW;
    }
    /* The install's save is charged now, so that it cannot be refused after the bus changed
     * (a secondary install gives the device its new address before the save). */
    ma304h4_budget_charge(&mb->save_budget, MA304H4_MBUS_SAVE_INTERVAL_MS);
    c->install_addr = addr;
    c->jobs |= MA304H4_MBUS_JOB_INSTALL;
    return ACT_OK;
}

uint8_t ma304h4_mbus_deinstall(ma304h4_mbus_t *mb, uint8_t ch)
{
    if (ch >= MA304H4_MBUS_CHANNELS) {
        return ACT_HW;
    }
    ma304h4_mbus_chan_t *c = &mb->ch[ch];
    if (!c->cfg.installed) {
        return ACT_OTHER;
    }
    ma304h4_mbus_cfg_t n = c->cfg;
    n.installed = false;
    n.id = 0u;
    n.manufacturer = 0u;
    n.version = 0u;
    n.medium = 0u;
    n.key_status = (uint8_t)MSDK_COSEM_MBUS_KEY_NONE;
    memset(n.key, 0, sizeof n.key);
    const msdk_err_t err = ma304h4_mbus_configure(mb, ch, &n);
    if (err != MSDK_OK) {
        return (err == MSDK_ERR_BUSY) ? ACT_TEMP : ACT_HW;
    }
    memset(&n, 0, sizeof n);
    if ((mb->job != 0u) && (mb->job_ch == ch)) {
        mb->job_cancel = true; /* its result is not this (now empty) channel's */
    }
    c->jobs = 0u;
    c->has_value = false;
    c->capture_s = NO_TIME;
    c->comm_error = false;
    c->alarm = 0u;
    c->flagged = 0u;
    return ACT_OK;
}

uint8_t ma304h4_mbus_capture(ma304h4_mbus_t *mb, uint8_t ch)
{
    if ((ch >= MA304H4_MBUS_CHANNELS) || (mb->port == NULL)) {
        return ACT_HW;
    }
    if (!mb->ch[ch].cfg.installed) {
        return ACT_OTHER;
    }
    mb->ch[ch].jobs |= MA304H4_MBUS_JOB_READ;
    return ACT_OK;
}

uint8_t ma304h4_mbus_sync_clock(ma304h4_mbus_t *mb, uint8_t ch)
{
    if ((ch >= MA304H4_MBUS_CHANNELS) || (mb->port == NULL)) {
        return ACT_HW;
    }
    int64_t now = 0;
    if (!mb->ch[ch].cfg.installed || !rtc_now(&now)) {
        return ACT_OTHER;
    }
    mb->ch[ch].jobs |= MA304H4_MBUS_JOB_SYNC;
    return ACT_OK;
}

msdk_err_t ma304h4_mbus_configure(ma304h4_mbus_t *mb, uint8_t ch, const ma304h4_mbus_cfg_t *cfg)
{
    if (ch >= MA304H4_MBUS_CHANNELS) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = mb->stored ? save(mb, ch, cfg) : MSDK_OK;
    if (err != MSDK_OK) {
        return err;
    }
    ma304h4_mbus_chan_t *c = &mb->ch[ch];
    const bool period_changed = c->cfg.capture_period_s != cfg->capture_period_s;
    c->cfg = *cfg;
    if (period_changed) {
        int64_t now = 0;
        c->next_s = rtc_now(&now) ? next_readout(ch, cfg->capture_period_s, now) : NO_TIME;
    }
    return MSDK_OK;
}

int64_t ma304h4_mbus_su(const ma304h4_mbus_t *mb, uint8_t ch)
{
    if (ch >= MA304H4_MBUS_CHANNELS) {
        return MA304H4_MBUS_SU_NONE;
    }
    const ma304h4_mbus_chan_t *c = &mb->ch[ch];
    if (c->cfg.installed && c->has_value) {
        return ((int64_t)c->scaler + 128) * 256 + (int64_t)c->unit;
    }
    if (c->cfg.su_unit != 0u) {
        return ((int64_t)c->cfg.su_scaler + 128) * 256 + (int64_t)c->cfg.su_unit; /* the last */
    }
    return MA304H4_MBUS_SU_NONE;
}

void ma304h4_mbus_columns(const ma304h4_mbus_t *mb, int64_t *values)
{
    for (uint8_t i = 0; i < MA304H4_MBUS_CHANNELS; i++) {
        const ma304h4_mbus_chan_t *c = &mb->ch[i];
        const bool has = c->cfg.installed && c->has_value;
        values[3u * i] = has ? c->value : 0;
        values[(3u * i) + 1u] = has ? c->capture_s : NO_TIME;
        values[(3u * i) + 2u] = has ? ma304h4_mbus_su(mb, i) : MA304H4_MBUS_SU_NONE;
    }
}
