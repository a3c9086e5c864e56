/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus data records (include/msdk/mbus/record.h): DIF/DIFE, VIF/VIFE with the primary,
 * 0xFB and 0xFD tables of EN 13757-3, values as integer + decimal exponent, types F, G, I,
 * J date/times and type K daylight saving. Walks the caller's bytes with core's bounds-checked
 * reader. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msdk/core/bcd.h"
#include "msdk/core/bytebuf.h"
#include "msdk/core/byteorder.h"
#include "msdk/mbus/record.h"

/* ---- VIF tables ------------------------------------------------------------------ */

enum {
    KIND_SCALED = 0, /* exponent = code - lo + exp */
    KIND_FIXED,      /* unit and exponent as given */
    KIND_DURATION,   /* unit = s, min, h, d by code - exp (exp holds the base code) */
};

typedef struct vif_row {
    uint8_t lo;       /* first code (extension bit cleared) */
    uint8_t hi;       /* last code */
    uint8_t quantity; /* msdk_mbus_quantity_t */
    uint8_t unit;     /* msdk_mbus_unit_t */
    int8_t exp;       /* see the kinds */
    uint8_t kind;
} vif_row_t;

#define ROW(lo, hi, q, u, e, k)                                                                    \
    {                                                                                              \
        (lo), (hi), (uint8_t)MSDK_MBUS_Q_##q, (uint8_t)MSDK_MBUS_UNIT_##u, (e), (k)                \
    }
#define SC(lo, hi, q, u, e) ROW(lo, hi, q, u, e, KIND_SCALED)
#define FX(c, q, u, e)      ROW(c, c, q, u, e, KIND_FIXED)
#define DU(lo, hi, q, base) ROW(lo, hi, q, NONE, (int8_t)(base), KIND_DURATION)

/* EN 13757-3 primary VIF table (codes 0x00..0x7A; 0x7B..0x7F are handled apart). */
static const vif_row_t k_primary[] = {
    SC(0x00, 0x07, ENERGY, WH, -3),
    SC(0x08, 0x0F, ENERGY, J, 0),
    SC(0x10, 0x17, VOLUME, M3, -6),
    SC(0x18, 0x1F, MASS, KG, -3),
    DU(0x20, 0x23, ON_TIME, 0x20),
    DU(0x24, 0x27, OPERATING_TIME, 0x24),
    SC(0x28, 0x2F, POWER, W, -3),
    SC(0x30, 0x37, POWER, J_PER_H, 0),
    SC(0x38, 0x3F, VOLUME_FLOW, M3_PER_H, -6),
    SC(0x40, 0x47, VOLUME_FLOW, M3_PER_MIN, -7),
    SC(0x48, 0x4F, VOLUME_FLOW, M3_PER_S, -9),
    SC(0x50, 0x57, MASS_FLOW, KG_PER_H, -3),
    SC(0x58, 0x5B, FLOW_TEMPERATURE, CELSIUS, -3),
    SC(0x5C, 0x5F, RETURN_TEMPERATURE, CELSIUS, -3),
    SC(0x60, 0x63, TEMPERATURE_DIFFERENCE, KELVIN, -3),
    SC(0x64, 0x67, EXTERNAL_TEMPERATURE, CELSIUS, -3),
    SC(0x68, 0x6B, PRESSURE, BAR, -3),
    FX(0x6C, DATE, NONE, 0),
    FX(0x6D, DATETIME, NONE, 0),
    FX(0x6E, HCA_UNITS, NONE, 0),
    DU(0x70, 0x73, AVERAGING_DURATION, 0x70),
    DU(0x74, 0x77, ACTUALITY_DURATION, 0x74),
    FX(0x78, FABRICATION_NUMBER, NONE, 0),
    FX(0x79, IDENTIFICATION, NONE, 0),
    FX(0x7A, BUS_ADDRESS, NONE, 0),
};

/* First extension table, VIF 0xFB (the large units are folded into the exponent). */
static const vif_row_t k_fb[] = {
    SC(0x00, 0x01, ENERGY, WH, 5),            /* MWh, 10^(n-1) */
    SC(0x02, 0x03, REACTIVE_ENERGY, VARH, 3), /* kvarh, 10^n */
    SC(0x08, 0x09, ENERGY, J, 8),             /* GJ, 10^(n-1) */
    SC(0x10, 0x11, VOLUME, M3, 2),            /* m3, 10^(n+2) */
    SC(0x18, 0x19, MASS, KG, 5),              /* t, 10^(n+2) */
    SC(0x1A, 0x1B, RELATIVE_HUMIDITY, PERCENT, -1),
    FX(0x21, VOLUME, FT3, -1),
    FX(0x22, VOLUME, US_GAL, -1),
    FX(0x23, VOLUME, US_GAL, 0),
    FX(0x24, VOLUME_FLOW, US_GAL_PER_MIN, -3),
    FX(0x25, VOLUME_FLOW, US_GAL_PER_MIN, 0),
    FX(0x26, VOLUME_FLOW, US_GAL_PER_H, 0),
    SC(0x28, 0x29, POWER, W, 5),       /* MW, 10^(n-1) */
    SC(0x30, 0x31, POWER, J_PER_H, 8), /* GJ/h, 10^(n-1) */
    SC(0x58, 0x5B, FLOW_TEMPERATURE, FAHRENHEIT, -3),
    SC(0x5C, 0x5F, RETURN_TEMPERATURE, FAHRENHEIT, -3),
    SC(0x60, 0x63, TEMPERATURE_DIFFERENCE, FAHRENHEIT, -3),
    SC(0x64, 0x67, EXTERNAL_TEMPERATURE, FAHRENHEIT, -3),
    SC(0x70, 0x73, TEMPERATURE_LIMIT, FAHRENHEIT, -3),
    SC(0x74, 0x77, TEMPERATURE_LIMIT, CELSIUS, -3),
    SC(0x78, 0x7F, CUMULATIVE_MAX_POWER, W, -3),
};

/* Second extension table, VIF 0xFD. */
static const vif_row_t k_fd[] = {
    SC(0x00, 0x03, CREDIT, CURRENCY, -3),
    SC(0x04, 0x07, DEBIT, CURRENCY, -3),
    FX(0x08, ACCESS_NUMBER, NONE, 0),
    FX(0x09, MEDIUM, NONE, 0),
    FX(0x0A, MANUFACTURER_ID, NONE, 0),
    FX(0x0B, PARAMETER_SET_ID, NONE, 0),
    FX(0x0C, MODEL_VERSION, NONE, 0),
    FX(0x0D, HARDWARE_VERSION, NONE, 0),
    FX(0x0E, FIRMWARE_VERSION, NONE, 0),
    FX(0x0F, SOFTWARE_VERSION, NONE, 0),
    FX(0x10, CUSTOMER_LOCATION, NONE, 0),
    FX(0x11, CUSTOMER, NONE, 0),
    FX(0x12, ACCESS_CODE_USER, NONE, 0),
    FX(0x13, ACCESS_CODE_OPERATOR, NONE, 0),
    FX(0x14, ACCESS_CODE_SYSTEM, NONE, 0),
    FX(0x15, ACCESS_CODE_DEVELOPER, NONE, 0),
    FX(0x16, PASSWORD, NONE, 0),
    FX(0x17, ERROR_FLAGS, NONE, 0),
    FX(0x18, ERROR_MASK, NONE, 0),
    FX(0x1A, DIGITAL_OUTPUT, NONE, 0),
    FX(0x1B, DIGITAL_INPUT, NONE, 0),
    FX(0x1C, BAUD_RATE, BAUD, 0),
    FX(0x1D, RESPONSE_DELAY, BIT_TIMES, 0),
    FX(0x1E, RETRY, NONE, 0),
    FX(0x1F, REMOTE_CONTROL, NONE, 0),
    FX(0x20, FIRST_STORAGE_NUMBER, NONE, 0),
    FX(0x21, LAST_STORAGE_NUMBER, NONE, 0),
    FX(0x22, STORAGE_BLOCK_SIZE, NONE, 0),
    DU(0x24, 0x27, STORAGE_INTERVAL, 0x24),
    FX(0x28, STORAGE_INTERVAL, MONTH, 0),
    FX(0x29, STORAGE_INTERVAL, YEAR, 0),
    FX(0x2A, OPERATOR_SPECIFIC, NONE, 0),
    FX(0x2B, TIME_POINT_SECOND, SECOND, 0),
    DU(0x2C, 0x2F, DURATION_SINCE_READOUT, 0x2C),
    FX(0x30, TARIFF_START, NONE, 0),
    DU(0x31, 0x33, TARIFF_DURATION, 0x30),
    DU(0x34, 0x37, TARIFF_PERIOD, 0x34),
    FX(0x38, TARIFF_PERIOD, MONTH, 0),
    FX(0x39, TARIFF_PERIOD, YEAR, 0),
    FX(0x3A, DIMENSIONLESS, NONE, 0),
    SC(0x40, 0x4F, VOLTAGE, V, -9),
    SC(0x50, 0x5F, CURRENT, A, -12),
    FX(0x60, RESET_COUNTER, NONE, 0),
    FX(0x61, CUMULATION_COUNTER, NONE, 0),
    FX(0x62, CONTROL_SIGNAL, NONE, 0),
    FX(0x63, DAY_OF_WEEK, NONE, 0),
    FX(0x64, WEEK_NUMBER, NONE, 0),
    FX(0x65, DAY_CHANGE_TIME, NONE, 0),
    FX(0x66, PARAMETER_ACTIVATION, NONE, 0),
    FX(0x67, SUPPLIER_INFO, NONE, 0),
    DU(0x68, 0x6B, DURATION_SINCE_CUMULATION, 0x68),
    DU(0x6C, 0x6F, BATTERY_OPERATING_TIME, 0x6C),
    FX(0x70, BATTERY_CHANGE, NONE, 0),
    FX(0x71, RF_LEVEL, DBM, 0),
    FX(0x72, DST, NONE, 0),
    FX(0x73, LISTENING_WINDOW, NONE, 0),
    FX(0x74, REMAINING_BATTERY_LIFE, DAY, 0),
    FX(0x75, METER_STOPPED_COUNT, NONE, 0),
    FX(0x76, MANUFACTURER_CONTAINER, NONE, 0),
};

static const uint8_t k_duration_units[4] = {
    (uint8_t)MSDK_MBUS_UNIT_SECOND,
    (uint8_t)MSDK_MBUS_UNIT_MINUTE,
    (uint8_t)MSDK_MBUS_UNIT_HOUR,
    (uint8_t)MSDK_MBUS_UNIT_DAY,
};

/* Data field length by DIF bits 0..3; 0xFF: LVAR or special function. */
static const uint8_t k_field_len[16] = { 0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0xFF, 6, 0xFF };

static void vif_lookup(const vif_row_t *table, size_t n, uint8_t code, msdk_mbus_record_t *rec)
{
    for (size_t i = 0; i < n; i++) {
        const vif_row_t *r = &table[i];
        if (code < r->lo || code > r->hi) {
            continue;
        }
        rec->quantity = (msdk_mbus_quantity_t)r->quantity;
        if (r->kind == KIND_DURATION) {
            rec->unit = (msdk_mbus_unit_t)k_duration_units[(uint8_t)(code - (uint8_t)r->exp) & 3u];
            rec->exponent = 0;
        } else {
            rec->unit = (msdk_mbus_unit_t)r->unit;
            rec->exponent = (int8_t)(r->exp + ((r->kind == KIND_SCALED) ? (code - r->lo) : 0));
        }
        return;
    }
    rec->quantity = MSDK_MBUS_Q_UNKNOWN;
}

/* Interprets the VIF and VIFEs already stored in @p rec. */
static void vif_interpret(msdk_mbus_record_t *rec)
{
    uint8_t base = (uint8_t)(rec->vif & 0x7Fu);
    size_t vi = 0;

    if ((rec->vif == 0xFBu || rec->vif == 0xFDu) && rec->vife_count > 0u) {
        uint8_t code = (uint8_t)(rec->vife[0] & 0x7Fu);
        if (rec->vif == 0xFBu) {
            vif_lookup(k_fb, MSDK_ARRAY_SIZE(k_fb), code, rec);
        } else {
            vif_lookup(k_fd, MSDK_ARRAY_SIZE(k_fd), code, rec);
        }
        vi = 1;
    } else if (base == 0x7Cu) {
        rec->quantity = MSDK_MBUS_Q_PLAIN_TEXT;
        rec->unit = MSDK_MBUS_UNIT_TEXT;
    } else if (base == 0x7Eu) {
        rec->quantity = MSDK_MBUS_Q_ANY;
    } else if (base == 0x7Fu) {
        rec->quantity = MSDK_MBUS_Q_MANUFACTURER;
        if (rec->vife_count > 0u) {
            rec->flags |= MSDK_MBUS_VAL_MANUFACTURER_VIFE;
        }
        return; /* the following VIFEs are not standard */
    } else if (base <= 0x7Au) {
        vif_lookup(k_primary, MSDK_ARRAY_SIZE(k_primary), base, rec);
    } else {
        rec->quantity = MSDK_MBUS_Q_UNKNOWN; /* 0x7B, 0x7D without their true VIF */
    }

    bool other_table = false;
    for (; vi < rec->vife_count; vi++) {
        uint8_t v = (uint8_t)(rec->vife[vi] & 0x7Fu);
        if (v == 0x7Fu) {
            /* E111 1111: the rest is manufacturer specific. */
            rec->flags |= MSDK_MBUS_VAL_MANUFACTURER_VIFE;
            return;
        }
        rec->comb[rec->comb_count++] = v;
        if (other_table) {
            other_table = false; /* from the extension of the combinable table: listed only */
        } else if (v == 0x7Cu) {
            other_table = true;
        } else if (v >= 0x70u && v <= 0x77u) {
            rec->exponent = (int8_t)(rec->exponent + (int8_t)(v & 7u) - 6);
        } else if (v == 0x7Du) {
            rec->exponent = (int8_t)(rec->exponent + 3);
        }
    }
}

/* ---- Date and time ----------------------------------------------------------------- */

static uint16_t full_year(uint8_t y, uint8_t hundred)
{
    if (hundred != 0u) {
        return (uint16_t)(1900u + 100u * hundred + y);
    }
    return (uint16_t)((y <= 80u) ? 2000u + y : 1900u + y);
}

static bool is_time_quantity(msdk_mbus_quantity_t q)
{
    return q == MSDK_MBUS_Q_DATE || q == MSDK_MBUS_Q_DATETIME || q == MSDK_MBUS_Q_BATTERY_CHANGE ||
           q == MSDK_MBUS_Q_TARIFF_START;
}

/* Decodes types G (2 bytes), J (3), F (4), I (6). */
static msdk_err_t decode_datetime(const uint8_t *d, size_t n, msdk_mbus_datetime_t *dt)
{
    memset(dt, 0, sizeof(*dt));
    switch (n) {
    case 2u: /* type G */
        dt->type = 'G';
        dt->day = (uint8_t)(d[0] & 0x1Fu);
        dt->month = (uint8_t)(d[1] & 0x0Fu);
        dt->year = full_year((uint8_t)(((d[0] & 0xE0u) >> 5) | ((d[1] & 0xF0u) >> 1)), 0u);
        break;
    case 3u: /* type J */
        dt->type = 'J';
        dt->second = (uint8_t)(d[0] & 0x3Fu);
        dt->minute = (uint8_t)(d[1] & 0x3Fu);
        dt->hour = (uint8_t)(d[2] & 0x1Fu);
        break;
    case 4u: /* type F */
        dt->type = 'F';
        dt->minute = (uint8_t)(d[0] & 0x3Fu);
        dt->invalid = (d[0] & 0x80u) != 0u;
        dt->hour = (uint8_t)(d[1] & 0x1Fu);
        dt->summer = (d[1] & 0x80u) != 0u;
        dt->day = (uint8_t)(d[2] & 0x1Fu);
        dt->month = (uint8_t)(d[3] & 0x0Fu);
        dt->year = full_year((uint8_t)(((d[2] & 0xE0u) >> 5) | ((d[3] & 0xF0u) >> 1)),
                             (uint8_t)((d[1] >> 5) & 3u));
        break;
    case 6u: /* type I */
        dt->type = 'I';
        dt->second = (uint8_t)(d[0] & 0x3Fu);
        dt->minute = (uint8_t)(d[1] & 0x3Fu);
        dt->summer = (d[1] & 0x40u) != 0u;
        dt->invalid = (d[1] & 0x80u) != 0u;
        dt->hour = (uint8_t)(d[2] & 0x1Fu);
        dt->day_of_week = (uint8_t)(d[2] >> 5);
        dt->day = (uint8_t)(d[3] & 0x1Fu);
        dt->month = (uint8_t)(d[4] & 0x0Fu);
        dt->year = full_year((uint8_t)(((d[3] & 0xE0u) >> 5) | ((d[4] & 0xF0u) >> 1)), 0u);
        dt->week = (uint8_t)(d[5] & 0x3Fu);
        break;
    default: return MSDK_ERR_MALFORMED;
    }
    if (!dt->invalid && (dt->month > 12u || dt->hour > 23u || dt->minute > 59u ||
                         dt->second > 59u || dt->week > 53u)) {
        return MSDK_ERR_MALFORMED;
    }
    return MSDK_OK;
}

/* Decodes type K (daylight saving, 4 bytes; the layout is in record.h). */
static msdk_err_t decode_dst(const uint8_t *d, msdk_mbus_dst_t *k)
{
    memset(k, 0, sizeof(*k));
    k->begin_hour = (uint8_t)(d[0] & 0x1Fu);
    k->local_deviation = (uint8_t)((d[0] >> 5) | ((d[1] & 0x60u) >> 2));
    k->begin_day = (uint8_t)(d[1] & 0x1Fu);
    k->enabled = (d[1] & 0x80u) != 0u;
    k->end_day = (uint8_t)(d[2] & 0x1Fu);
    k->deviation = (int8_t)((d[2] >> 5) & 3u);
    if ((d[2] & 0x80u) == 0u) {
        k->deviation = (int8_t)-k->deviation;
    }
    k->begin_month = (uint8_t)(d[3] & 0x0Fu);
    k->end_month = (uint8_t)(d[3] >> 4);
    if (k->begin_hour > 23u || k->begin_month > 12u || k->end_month > 12u) {
        return MSDK_ERR_MALFORMED;
    }
    return MSDK_OK;
}

/* ---- Values ---------------------------------------------------------------------- */

/* Decodes the value of a delimited record. */
static msdk_err_t decode_value(msdk_mbus_record_t *rec, uint8_t coding, uint8_t lvar)
{
    const uint8_t *d = rec->data;
    size_t n = rec->data_len;
    msdk_err_t err = MSDK_OK;

    switch (coding) {
    case 0x0u: rec->type = MSDK_MBUS_DT_NONE; return MSDK_OK;
    case 0x8u: rec->type = MSDK_MBUS_DT_SELECTION; return MSDK_OK;
    case 0x5u:
        rec->type = MSDK_MBUS_DT_REAL32;
        rec->real_bits = msdk_load_u32le(d);
        rec->flags |= MSDK_MBUS_VAL_REAL32;
        return MSDK_OK;
    case 0x9u:
    case 0xAu:
    case 0xBu:
    case 0xCu:
    case 0xEu: {
        int64_t v;
        rec->type = MSDK_MBUS_DT_BCD;
        err = msdk_bcd_decode_i64(d, n, MSDK_BCD_LE, &v);
        if (err != MSDK_OK) {
            return MSDK_ERR_MALFORMED;
        }
        rec->value = v;
        rec->flags |= MSDK_MBUS_VAL_NUMBER;
        return MSDK_OK;
    }
    case 0xDu:
        if (lvar <= 0xBFu) {
            rec->type = MSDK_MBUS_DT_TEXT;
            return MSDK_OK;
        }
        if (lvar >= 0xE0u) {
            rec->type = MSDK_MBUS_DT_BINARY;
            return MSDK_OK;
        }
        rec->type = MSDK_MBUS_DT_LVAR_BCD;
        if (n > 0u) {
            uint64_t u;
            if (msdk_bcd_decode_u64(d, n, MSDK_BCD_LE, &u) != MSDK_OK || u > (uint64_t)INT64_MAX) {
                return MSDK_ERR_MALFORMED;
            }
            rec->value = (lvar >= 0xD0u) ? -(int64_t)u : (int64_t)u;
        }
        rec->flags |= MSDK_MBUS_VAL_NUMBER;
        return MSDK_OK;
    default: { /* 1, 2, 3, 4, 6, 7: binary integer */
        msdk_rbuf_t rb;
        int64_t v;
        rec->type = MSDK_MBUS_DT_INT;
        msdk_rbuf_init(&rb, d, n);
        err = msdk_rbuf_get_intle(&rb, n, &v);
        if (err != MSDK_OK) {
            return MSDK_ERR_MALFORMED; /* not reached: n is 1..8 and present */
        }
        rec->value = v;
        rec->flags |= MSDK_MBUS_VAL_NUMBER;
        if (is_time_quantity(rec->quantity) && n != 1u && n != 8u) {
            err = decode_datetime(d, n, &rec->datetime);
            if (err != MSDK_OK) {
                return err;
            }
            rec->flags |= MSDK_MBUS_VAL_DATETIME;
        } else if (rec->quantity == MSDK_MBUS_Q_DST && n == 4u) {
            err = decode_dst(d, &rec->dst);
            if (err != MSDK_OK) {
                return err;
            }
            rec->flags |= MSDK_MBUS_VAL_DST;
        }
        return MSDK_OK;
    }
    }
}

/* ---- Iterator ------------------------------------------------------------------- */

void msdk_mbus_rec_iter_init(msdk_mbus_rec_iter_t *it, const uint8_t *data, size_t len)
{
    if (it == NULL) {
        return;
    }
    it->p = data;
    it->len = (data != NULL) ? len : 0u;
    it->pos = 0u;
    it->end = MSDK_OK;
}

/* Ends the walk with @p err. */
static msdk_err_t finish(msdk_mbus_rec_iter_t *it, msdk_err_t err)
{
    it->end = err;
    it->pos = it->len;
    return err;
}

/* Length of the LVAR data, or -1 for a reserved LVAR. */
static int lvar_length(uint8_t lvar)
{
    if (lvar <= 0xBFu) {
        return lvar;
    }
    if (lvar >= 0xC0u && lvar <= 0xC9u) {
        return lvar - 0xC0;
    }
    if (lvar >= 0xD0u && lvar <= 0xD9u) {
        return lvar - 0xD0;
    }
    if (lvar >= 0xE0u && lvar <= 0xEFu) {
        return lvar - 0xE0;
    }
    if (lvar >= 0xF0u && lvar <= 0xF4u) {
        return 4 * (lvar - 0xEC);
    }
    if (lvar == 0xF5u) {
        return 48;
    }
    if (lvar == 0xF6u) {
        return 64;
    }
    return -1;
}

msdk_err_t msdk_mbus_rec_next(msdk_mbus_rec_iter_t *it, msdk_mbus_record_t *rec)
{
    if (it == NULL || rec == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(rec, 0, sizeof(*rec));
    if (it->end != MSDK_OK) {
        return it->end;
    }
    if (it->pos > it->len || (it->p == NULL && it->len != 0u)) {
        return finish(it, MSDK_ERR_INVALID_ARG);
    }

    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, it->p, it->len);
    rb.pos = it->pos;

    uint8_t dif;
    do {
        if (msdk_rbuf_get_u8(&rb, &dif) != MSDK_OK) {
            return finish(it, MSDK_ERR_NOT_FOUND);
        }
    } while (dif == 0x2Fu);
    rec->offset = rb.pos - 1u;
    rec->dif = dif;

    /* Special functions. */
    if ((dif & 0x0Fu) == 0x0Fu) {
        if (dif == 0x0Fu || dif == 0x1Fu) {
            rec->type = MSDK_MBUS_DT_MANUFACTURER;
            rec->more_records_follow = (dif == 0x1Fu);
            rec->data_len = msdk_rbuf_remaining(&rb);
            rec->data = (rec->data_len > 0u) ? &it->p[rb.pos] : NULL;
            rec->length = it->len - rec->offset;
            it->pos = it->len;
            it->end = MSDK_ERR_NOT_FOUND;
            return MSDK_OK;
        }
        if (dif == 0x7Fu) {
            rec->type = MSDK_MBUS_DT_GLOBAL_READOUT;
            rec->length = 1u;
            it->pos = rb.pos;
            return MSDK_OK;
        }
        rec->length = 1u;
        return finish(it, MSDK_ERR_NOT_SUPPORTED);
    }

    bool too_many = false;
    rec->function = (msdk_mbus_function_t)((dif >> 4) & 3u);
    rec->storage = (dif >> 6) & 1u;

    /* DIFEs. */
    uint8_t b = dif;
    size_t n = 0;
    while ((b & 0x80u) != 0u) {
        if (msdk_rbuf_get_u8(&rb, &b) != MSDK_OK) {
            return finish(it, MSDK_ERR_TRUNCATED);
        }
        if (n < MSDK_MBUS_DIFE_MAX) {
            rec->dife[n] = b;
            rec->storage |= (uint64_t)(b & 0x0Fu) << (1u + 4u * n);
            rec->tariff |= (uint32_t)((b >> 4) & 3u) << (2u * n);
            rec->subunit |= (uint16_t)(((b >> 6) & 1u) << n);
        } else {
            too_many = true;
        }
        n++;
    }
    rec->dife_count = (uint8_t)((n < MSDK_MBUS_DIFE_MAX) ? n : MSDK_MBUS_DIFE_MAX);

    /* VIF, plain text, VIFEs. */
    if (msdk_rbuf_get_u8(&rb, &b) != MSDK_OK) {
        return finish(it, MSDK_ERR_TRUNCATED);
    }
    rec->vif = b;
    if ((b & 0x7Fu) == 0x7Cu) {
        uint8_t tlen;
        const uint8_t *text;
        if (msdk_rbuf_get_u8(&rb, &tlen) != MSDK_OK ||
            msdk_rbuf_get_ref(&rb, tlen, &text) != MSDK_OK) {
            return finish(it, MSDK_ERR_TRUNCATED);
        }
        rec->vif_text = (tlen > 0u) ? text : NULL;
        rec->vif_text_len = tlen;
    }
    n = 0;
    while ((b & 0x80u) != 0u) {
        if (msdk_rbuf_get_u8(&rb, &b) != MSDK_OK) {
            return finish(it, MSDK_ERR_TRUNCATED);
        }
        if (n < MSDK_MBUS_VIFE_MAX) {
            rec->vife[n] = b;
        } else {
            too_many = true;
        }
        n++;
    }
    rec->vife_count = (uint8_t)((n < MSDK_MBUS_VIFE_MAX) ? n : MSDK_MBUS_VIFE_MAX);

    /* Data field. */
    uint8_t coding = (uint8_t)(dif & 0x0Fu);
    uint8_t lvar = 0;
    size_t dlen = k_field_len[coding];
    if (coding == 0xDu) {
        if (msdk_rbuf_get_u8(&rb, &lvar) != MSDK_OK) {
            return finish(it, MSDK_ERR_TRUNCATED);
        }
        int l = lvar_length(lvar);
        if (l < 0) {
            rec->length = rb.pos - rec->offset;
            return finish(it, MSDK_ERR_NOT_SUPPORTED);
        }
        dlen = (size_t)l;
    }
    const uint8_t *data;
    if (msdk_rbuf_get_ref(&rb, dlen, &data) != MSDK_OK) {
        return finish(it, MSDK_ERR_TRUNCATED);
    }
    rec->data = (dlen > 0u) ? data : NULL;
    rec->data_len = dlen;
    rec->length = rb.pos - rec->offset;
    it->pos = rb.pos; /* the record is delimited: whatever follows, the walk goes on */

    if (too_many) {
        return MSDK_ERR_MALFORMED;
    }
    vif_interpret(rec);
    msdk_err_t err = decode_value(rec, coding, lvar);
    if (err != MSDK_OK) {
        rec->flags &=
            (uint8_t) ~(MSDK_MBUS_VAL_NUMBER | MSDK_MBUS_VAL_DATETIME | MSDK_MBUS_VAL_DST);
        rec->value = 0;
        /* no half-decoded date or daylight saving fields out of their ranges */
        memset(&rec->datetime, 0, sizeof rec->datetime);
        memset(&rec->dst, 0, sizeof rec->dst);
        return MSDK_ERR_MALFORMED;
    }
    return MSDK_OK;
}

msdk_err_t msdk_mbus_text_copy(const uint8_t *src, size_t len, char *dst, size_t cap)
{
    if (dst == NULL || (src == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (cap == 0u || len > cap - 1u) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    for (size_t i = 0; i < len; i++) {
        dst[i] = (char)src[len - 1u - i];
    }
    dst[len] = '\0';
    return MSDK_OK;
}
