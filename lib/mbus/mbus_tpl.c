/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* M-Bus transport headers (include/msdk/mbus/tpl.h): CI table, long/short headers, the
 * fixed data structure of CI 0x73 and the identification/manufacturer/medium helpers. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bcd.h"
#include "msdk/core/byteorder.h"
#include "msdk/mbus/tpl.h"

/* ---- CI table ------------------------------------------------------------------------- */

typedef struct ci_row {
    uint8_t ci;
    uint8_t header; /* msdk_mbus_tpl_header_t */
    uint8_t kind;   /* msdk_mbus_tpl_kind_t */
} ci_row_t;

#define CI(c, h, k)                                                                                \
    {                                                                                              \
        (c), (uint8_t)MSDK_MBUS_TPL_HDR_##h, (uint8_t)MSDK_MBUS_TPL_##k                            \
    }

static const ci_row_t ci_table[] = {
    CI(MSDK_MBUS_CI_ERROR_SHORT, SHORT, APP_ERROR), CI(MSDK_MBUS_CI_ERROR_LONG, LONG, APP_ERROR),
    CI(MSDK_MBUS_CI_ERROR_NONE, NONE, APP_ERROR),   CI(MSDK_MBUS_CI_ALARM_NONE, NONE, ALARM),
    CI(MSDK_MBUS_CI_RSP_LONG, LONG, RECORDS),       CI(MSDK_MBUS_CI_RSP_FIXED, NONE, FIXED),
    CI(MSDK_MBUS_CI_ALARM_SHORT, SHORT, ALARM),     CI(MSDK_MBUS_CI_ALARM_LONG, LONG, ALARM),
    CI(MSDK_MBUS_CI_RSP_NONE, NONE, RECORDS),       CI(MSDK_MBUS_CI_RSP_SHORT, SHORT, RECORDS),
    CI(MSDK_MBUS_CI_DLMS_LONG, LONG, DLMS),         CI(MSDK_MBUS_CI_DLMS_SHORT, SHORT, DLMS),
    CI(MSDK_MBUS_CI_SML_LONG, LONG, SML),           CI(MSDK_MBUS_CI_SML_SHORT, SHORT, SML),
};

static const ci_row_t *ci_find(uint8_t ci)
{
    for (size_t i = 0; i < sizeof ci_table / sizeof ci_table[0]; i++) {
        if (ci_table[i].ci == ci) {
            return &ci_table[i];
        }
    }
    return NULL;
}

/* ---- Headers -------------------------------------------------------------------------- */

msdk_err_t msdk_mbus_tpl_decode(uint8_t ci, const uint8_t *data, size_t len, msdk_mbus_tpl_t *out)
{
    if (out == NULL || (data == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    const ci_row_t *row = ci_find(ci);
    if (row == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    msdk_mbus_tpl_t t = { 0 };
    t.ci = ci;
    t.kind = (msdk_mbus_tpl_kind_t)row->kind;
    t.header = (msdk_mbus_tpl_header_t)row->header;

    size_t pos = 0;
    if (t.header == MSDK_MBUS_TPL_HDR_LONG) {
        if (len < MSDK_MBUS_TPL_LONG_LEN) {
            return MSDK_ERR_TRUNCATED;
        }
        t.id = msdk_mbus_id_from_bytes(data);
        t.manufacturer = msdk_load_u16le(data + 4);
        t.version = data[6];
        t.medium = data[7];
        pos = 8;
    }
    if (t.header != MSDK_MBUS_TPL_HDR_NONE) {
        if (len < pos + MSDK_MBUS_TPL_SHORT_LEN) {
            return MSDK_ERR_TRUNCATED;
        }
        t.access_number = data[pos];
        t.status = data[pos + 1u];
        t.config = msdk_load_u16le(data + pos + 2u);
        pos += MSDK_MBUS_TPL_SHORT_LEN;
        t.security_mode =
            (uint8_t)((t.config >> MSDK_MBUS_CFG_MODE_SHIFT) & MSDK_MBUS_CFG_MODE_MASK);
        if (t.security_mode == MSDK_MBUS_SEC_MODE5 || t.security_mode == MSDK_MBUS_SEC_MODE7) {
            t.encrypted_blocks =
                (uint8_t)((t.config >> MSDK_MBUS_CFG_BLOCKS_SHIFT) & MSDK_MBUS_CFG_BLOCKS_MASK);
        }
        if (t.security_mode == MSDK_MBUS_SEC_MODE7) {
            if (len < pos + 1u) {
                return MSDK_ERR_TRUNCATED;
            }
            t.has_config_ext = true;
            t.config_ext = data[pos];
            pos += 1u;
        }
    }
    if (t.kind == MSDK_MBUS_TPL_FIXED && len < MSDK_MBUS_FIXED_LEN) {
        return MSDK_ERR_TRUNCATED;
    }
    t.payload_offset = pos;
    t.payload_len = len - pos;
    *out = t;
    return MSDK_OK;
}

msdk_err_t msdk_mbus_tpl_decode_frame(const msdk_mbus_frame_t *f, msdk_mbus_tpl_t *out)
{
    if (f == NULL || out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (f->type != MSDK_MBUS_FRAME_LONG && f->type != MSDK_MBUS_FRAME_CONTROL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    return msdk_mbus_tpl_decode(f->ci, f->data, f->data_len, out);
}

/* ---- Fixed data structure ------------------------------------------------------------- */

typedef struct fixed_unit_row {
    uint8_t lo;       /* first code */
    uint8_t hi;       /* last code */
    uint8_t quantity; /* msdk_mbus_quantity_t */
    uint8_t unit;     /* msdk_mbus_unit_t */
    int8_t exp;       /* exponent of the first code; +1 per code */
} fixed_unit_row_t;

#define FU(lo, hi, q, u, e)                                                                        \
    {                                                                                              \
        (lo), (hi), (uint8_t)MSDK_MBUS_Q_##q, (uint8_t)MSDK_MBUS_UNIT_##u, (e)                     \
    }

/* EN 1434-3 / EN 13757-3 unit codes of the fixed structure. Codes 0x00 (h,m,s) and
 * 0x01 (D,M,Y) are times and dates given as counters; 0x3A..0x3D are reserved and 0x3E
 * ("same as counter 1, historic") is handled by the decoder. */
static const fixed_unit_row_t fixed_units[] = {
    FU(0x00, 0x00, DATETIME, NONE, 0),
    FU(0x01, 0x01, DATE, NONE, 0),
    FU(0x02, 0x0A, ENERGY, WH, 0),             /* Wh .. 100 MWh */
    FU(0x0B, 0x13, ENERGY, J, 3),              /* kJ .. 100 GJ */
    FU(0x14, 0x1C, POWER, W, 0),               /* W .. 100 MW */
    FU(0x1D, 0x25, POWER, J_PER_H, 3),         /* kJ/h .. 100 GJ/h */
    FU(0x26, 0x2E, VOLUME, M3, -6),            /* ml .. 100 m3 */
    FU(0x2F, 0x37, VOLUME_FLOW, M3_PER_H, -6), /* ml/h .. 100 m3/h */
    FU(0x38, 0x38, UNKNOWN, CELSIUS, -3),      /* temperature, 10^-3 degC */
    FU(0x39, 0x39, HCA_UNITS, NONE, 0),
    FU(0x3F, 0x3F, DIMENSIONLESS, NONE, 0),
};

#define FIXED_UNIT_HISTORIC 0x3Eu

static void fixed_unit(uint8_t code, msdk_mbus_fixed_counter_t *c)
{
    c->unit_code = code;
    c->quantity = MSDK_MBUS_Q_UNKNOWN;
    c->unit = MSDK_MBUS_UNIT_NONE;
    c->exponent = 0;
    for (size_t i = 0; i < sizeof fixed_units / sizeof fixed_units[0]; i++) {
        const fixed_unit_row_t *r = &fixed_units[i];
        if (code >= r->lo && code <= r->hi) {
            c->quantity = (msdk_mbus_quantity_t)r->quantity;
            c->unit = (msdk_mbus_unit_t)r->unit;
            c->exponent = (int8_t)(r->exp + (int)(code - r->lo));
            return;
        }
    }
}

static void fixed_value(const uint8_t *p, bool binary, msdk_mbus_fixed_counter_t *c)
{
    if (binary) {
        c->value = msdk_load_u32le(p);
        c->valid = true;
        return;
    }
    uint32_t v = 0;
    if (msdk_bcd_decode_u32(p, 4u, MSDK_BCD_LE, &v) == MSDK_OK) {
        c->value = v;
        c->valid = true;
    }
}

msdk_err_t msdk_mbus_fixed_decode(const uint8_t *data, size_t len, msdk_mbus_fixed_t *out)
{
    if (out == NULL || (data == NULL && len > 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len < MSDK_MBUS_FIXED_LEN) {
        return MSDK_ERR_TRUNCATED;
    }
    msdk_mbus_fixed_t f = { 0 };
    f.id = msdk_mbus_id_from_bytes(data);
    f.access_number = data[4];
    f.status = data[5];
    const uint8_t mu1 = data[6];
    const uint8_t mu2 = data[7];
    f.medium = (uint8_t)(((mu2 >> 6) << 2) | (mu1 >> 6));
    const bool binary = (f.status & MSDK_MBUS_FIXED_STATUS_BINARY) != 0u;

    fixed_unit((uint8_t)(mu1 & 0x3Fu), &f.counter[0]);
    const uint8_t code2 = (uint8_t)(mu2 & 0x3Fu);
    if (code2 == FIXED_UNIT_HISTORIC) {
        f.counter[1] = f.counter[0];
        f.counter[1].unit_code = code2;
        f.counter[1].historic = true;
    } else {
        fixed_unit(code2, &f.counter[1]);
    }
    fixed_value(data + 8, binary, &f.counter[0]);
    fixed_value(data + 12, binary, &f.counter[1]);
    *out = f;
    return MSDK_OK;
}

/* ---- Identification, manufacturer ------------------------------------------------------ */

uint32_t msdk_mbus_id_from_bytes(const uint8_t b[4])
{
    return msdk_load_u32le(b);
}

msdk_err_t msdk_mbus_id_to_decimal(uint32_t id, uint32_t *out)
{
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint32_t v = 0;
    for (int shift = 28; shift >= 0; shift -= 4) {
        const uint32_t d = (id >> (unsigned)shift) & 0x0Fu;
        if (d > 9u) {
            return MSDK_ERR_MALFORMED;
        }
        v = v * 10u + d;
    }
    *out = v;
    return MSDK_OK;
}

void msdk_mbus_id_to_str(uint32_t id, char out[9])
{
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned i = 0; i < 8u; i++) {
        out[i] = hex[(id >> (28u - 4u * i)) & 0x0Fu];
    }
    out[8] = '\0';
}

msdk_err_t msdk_mbus_manufacturer_to_str(uint16_t code, char out[4])
{
    if (out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((code & 0x8000u) != 0u) {
        return MSDK_ERR_MALFORMED;
    }
    char s[3];
    for (unsigned i = 0; i < 3u; i++) {
        const unsigned v = ((unsigned)code >> (10u - 5u * i)) & 0x1Fu;
        if (v < 1u || v > 26u) {
            return MSDK_ERR_MALFORMED;
        }
        s[i] = (char)('A' + (int)v - 1);
    }
    out[0] = s[0];
    out[1] = s[1];
    out[2] = s[2];
    out[3] = '\0';
    return MSDK_OK;
}

msdk_err_t msdk_mbus_manufacturer_from_str(const char *s, uint16_t *out)
{
    if (s == NULL || out == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    unsigned code = 0;
    for (unsigned i = 0; i < 3u; i++) {
        if (s[i] < 'A' || s[i] > 'Z') {
            return MSDK_ERR_MALFORMED;
        }
        code = code * 32u + (unsigned)(s[i] - 'A' + 1);
    }
    if (s[3] != '\0') {
        return MSDK_ERR_MALFORMED;
    }
    *out = (uint16_t)code;
    return MSDK_OK;
}

/* ---- Medium names --------------------------------------------------------------------- */

static const char *const medium_names[0x40] = {
    [0x00] = "Other",
    [0x01] = "Oil",
    [0x02] = "Electricity",
    [0x03] = "Gas",
    [0x04] = "Heat (outlet)",
    [0x05] = "Steam",
    [0x06] = "Warm water (30-90 C)",
    [0x07] = "Water",
    [0x08] = "Heat cost allocator",
    [0x09] = "Compressed air",
    [0x0A] = "Cooling load meter (outlet)",
    [0x0B] = "Cooling load meter (inlet)",
    [0x0C] = "Heat (inlet)",
    [0x0D] = "Heat / cooling load meter",
    [0x0E] = "Bus / system component",
    [0x0F] = "Unknown medium",
    [0x10] = "Irrigation water",
    [0x11] = "Water data logger",
    [0x12] = "Gas data logger",
    [0x13] = "Gas converter",
    [0x14] = "Calorific value",
    [0x15] = "Hot water (>= 90 C)",
    [0x16] = "Cold water",
    [0x17] = "Dual register (hot/cold) water",
    [0x18] = "Pressure",
    [0x19] = "A/D converter",
    [0x1A] = "Smoke detector",
    [0x1B] = "Room sensor",
    [0x1C] = "Gas detector",
    [0x20] = "Breaker (electricity)",
    [0x21] = "Valve (gas or water)",
    [0x25] = "Customer unit (display)",
    [0x28] = "Waste water",
    [0x29] = "Garbage",
    [0x30] = "Service tool",
    [0x31] = "Communication controller (gateway)",
    [0x32] = "Unidirectional repeater",
    [0x33] = "Bidirectional repeater",
    [0x36] = "Radio converter (system side)",
    [0x37] = "Radio converter (meter side)",
};

const char *msdk_mbus_medium_name(uint8_t medium)
{
    if (medium < sizeof medium_names / sizeof medium_names[0] && medium_names[medium] != NULL) {
        return medium_names[medium];
    }
    return "Reserved";
}

static const char *const fixed_medium_names[16] = {
    "Other",
    "Oil",
    "Electricity",
    "Gas",
    "Heat",
    "Steam",
    "Hot water",
    "Water",
    "Heat cost allocator",
    "Reserved",
    "Gas (mode 2)",
    "Heat (mode 2)",
    "Hot water (mode 2)",
    "Water (mode 2)",
    "Heat cost allocator (mode 2)",
    "Reserved",
};

const char *msdk_mbus_fixed_medium_name(uint8_t medium)
{
    return fixed_medium_names[medium & 0x0Fu];
}
