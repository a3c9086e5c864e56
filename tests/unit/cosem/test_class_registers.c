/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Extended register (4), Demand register (5), Register activation (6) and Register monitor
 * (21) through the server, with APDUs: the published AARQ/AARE, the GET-response vectors of
 * ../shared/vectors/dlms-vectors.md section 7 where they apply (double-long-unsigned 5009,
 * hardware-fault), the published date-time of the SET clock vector, and hand-derived APDUs
 * from the Blue Book attribute types elsewhere. Large tables are read in blocks with a
 * 64-byte client PDU and compared with bytes built by hand. Every SET value and method
 * parameter is also cut at every length, padded, and mutated byte by byte: anything refused
 * must leave the application's state untouched and every set_begin must be closed by one
 * set_end.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_registers.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_registers_suite(void);

/* ---- The application --------------------------------------------------------------------- */

#define NREG   255u
#define NMASK  40u
#define NTHR   128u
#define DAR_OK MSDK_COSEM_DAR_SUCCESS

typedef struct thr {
    uint8_t tag;
    uint64_t u;
} thr_t;

/* Everything a SET or a method may change. */
typedef struct state {
    uint64_t ext_value;
    uint8_t ext_status;
    uint8_t ext_time[12];
    uint32_t period;
    uint16_t nperiods;
    uint32_t nregs;
    msdk_cosem_reg_act_register_t regs[NREG];
    uint32_t nmasks;
    msdk_cosem_reg_act_mask_t masks[NMASK];
    size_t active_len;
    uint8_t active[MSDK_COSEM_REG_ACT_NAME_MAX];
    uint32_t nthr;
    thr_t thr[NTHR];
    msdk_cosem_reg_monitor_value_t mon;
    uint32_t nact;
    msdk_cosem_reg_monitor_action_t act[NTHR];
} state_t;

typedef struct app {
    state_t st;
    state_t shadow; /* the table being written */
    bool open;      /* between set_begin and set_end */
    uint8_t open_attr;
    uint32_t open_n;
    uint32_t next_row;
    bool protocol_error; /* a callback came out of order */
    unsigned begins, ends, commits;
    unsigned applied; /* state-changing calls */
    unsigned ext_resets, dm_resets, dm_nexts;
    int fail_row;       /* a row setter that fails, -1: none */
    int fail_get_row;   /* a row getter that fails, -1: none */
    uint8_t fail_begin; /* set_begin's result */
    bool bad_values;    /* providers return malformed values */
    uint64_t dm_cur, dm_last;
} app_t;

static app_t g;

static const uint8_t k_time[12] = { 0x07, 0xE5, 0x01, 0x18, 0xFF, 0x0E,
                                    0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00 };
static const uint8_t k_start[12] = { 0x07, 0xE5, 0x01, 0x18, 0xFF, 0x0E,
                                     0x2D, 0x00, 0x00, 0xFF, 0xC4, 0x00 };
static const uint8_t k_bad_time[12] = { 0x07, 0xE5, 0x0D, 0x18, 0xFF, 0x0E,
                                        0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00 }; /* month 13 */
static const uint8_t k_script[6] = { 0, 0, 10, 0, 106, 255 };

static void init_state(void)
{
    memset(&g, 0, sizeof g);
    g.fail_row = -1;
    g.fail_get_row = -1;
    g.st.ext_value = 5009u;
    memcpy(g.st.ext_time, k_time, 12);
    g.st.period = 900u;
    g.st.nperiods = 1u;
    g.dm_cur = 1234u;
    g.dm_last = 5678u;
    static const msdk_cosem_reg_act_register_t regs[3] = {
        { 3u, { 1, 0, 1, 8, 1, 255 } },
        { 3u, { 1, 0, 1, 8, 2, 255 } },
        { 4u, { 1, 0, 1, 6, 1, 255 } },
    };
    g.st.nregs = 3u;
    memcpy(g.st.regs, regs, sizeof regs);
    g.st.nmasks = 2u;
    g.st.masks[0].name_len = 2u;
    memcpy(g.st.masks[0].name, "T1", 2);
    g.st.masks[0].index_count = 2u;
    g.st.masks[0].index[0] = 1u;
    g.st.masks[0].index[1] = 3u;
    g.st.masks[1].name_len = 2u;
    memcpy(g.st.masks[1].name, "T2", 2);
    g.st.masks[1].index_count = 1u;
    g.st.masks[1].index[0] = 2u;
    g.st.active_len = 2u;
    memcpy(g.st.active, "T1", 2);
    g.st.nthr = 2u;
    g.st.thr[0].tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    g.st.thr[0].u = 1000u;
    g.st.thr[1].tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    g.st.thr[1].u = 2000u;
    g.st.mon.class_id = 3u;
    memcpy(g.st.mon.ln, "\x01\x00\x01\x07\x00\xFF", 6);
    g.st.mon.attr = 2;
    g.st.nact = 2u;
    for (unsigned i = 0; i < 2u; i++) {
        memcpy(g.st.act[i].up.script_ln, k_script, 6);
        g.st.act[i].up.selector = (uint16_t)((2u * i) + 1u);
        memcpy(g.st.act[i].down.script_ln, k_script, 6);
        g.st.act[i].down.selector = (uint16_t)((2u * i) + 2u);
    }
}

/* Transactions shared by the two table classes; `attr` is the attribute for register
 * activation and the attribute + RM for register monitor. */
#define RM 10u

static uint8_t t_begin(void *ctx, uint8_t attr, uint32_t n)
{
    app_t *a = (app_t *)ctx;
    a->protocol_error |= a->open;
    a->begins++;
    if (a->fail_begin != DAR_OK) {
        return a->fail_begin;
    }
    memcpy(&a->shadow, &a->st, sizeof a->st);
    a->open = true;
    a->open_attr = attr;
    a->open_n = n;
    a->next_row = 0u;
    return DAR_OK;
}

static bool t_row(app_t *a, uint8_t attr, uint32_t i, uint32_t cap)
{
    a->protocol_error |=
        !a->open || (a->open_attr != attr) || (i != a->next_row) || (i >= a->open_n);
    a->next_row = i + 1u;
    return (i < cap) && ((int)i != a->fail_row);
}

static uint8_t t_end(void *ctx, uint8_t attr, bool commit)
{
    app_t *a = (app_t *)ctx;
    a->protocol_error |=
        !a->open || (a->open_attr != attr) || (commit && (a->next_row != a->open_n));
    a->open = false;
    a->ends++;
    if (commit) {
        switch (attr) {
        case MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT: a->shadow.nregs = a->open_n; break;
        case MSDK_COSEM_REG_ACT_MASK_LIST: a->shadow.nmasks = a->open_n; break;
        case RM + MSDK_COSEM_REG_MONITOR_THRESHOLDS: a->shadow.nthr = a->open_n; break;
        default: a->shadow.nact = a->open_n; break;
        }
        memcpy(&a->st, &a->shadow, sizeof a->st);
        a->commits++;
        a->applied++;
    }
    return DAR_OK;
}

static uint8_t rm_begin(void *ctx, uint8_t attr, uint32_t n)
{
    return t_begin(ctx, (uint8_t)(RM + attr), n);
}

static uint8_t rm_end(void *ctx, uint8_t attr, bool commit)
{
    return t_end(ctx, (uint8_t)(RM + attr), commit);
}

/* Extended register: value double-long-unsigned, status unsigned. */
static uint8_t ext_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_EXT_REGISTER_VALUE:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->st.ext_value;
        break;
    case MSDK_COSEM_EXT_REGISTER_STATUS:
        v->tag = a->bad_values ? MSDK_COSEM_AXDR_LONG_UNSIGNED : MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = a->st.ext_status;
        break;
    default:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = a->bad_values ? k_bad_time : a->st.ext_time;
        v->v.str.len = 12u;
        break;
    }
    return DAR_OK;
}

static uint8_t ext_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->applied++;
    switch (attr) {
    case MSDK_COSEM_EXT_REGISTER_VALUE: a->st.ext_value = v->v.u; break;
    case MSDK_COSEM_EXT_REGISTER_STATUS: a->st.ext_status = (uint8_t)v->v.u; break;
    default: memcpy(a->st.ext_time, v->v.str.p, 12); break;
    }
    return DAR_OK;
}

static uint8_t ext_reset(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->ext_resets++;
    a->applied++;
    a->st.ext_value = 0u;
    return MSDK_COSEM_ACTION_SUCCESS;
}

/* A read-only extended register of any value type: a long64 -2, status a visible-string. */
static uint8_t ext_any_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    (void)ctx;
    if (attr == MSDK_COSEM_EXT_REGISTER_VALUE) {
        v->tag = MSDK_COSEM_AXDR_LONG64;
        v->v.i = -2;
    } else if (attr == MSDK_COSEM_EXT_REGISTER_STATUS) {
        v->tag = MSDK_COSEM_AXDR_VISIBLE_STRING;
        v->v.str.p = (const uint8_t *)"OK";
        v->v.str.len = 2u;
    } else {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    return DAR_OK;
}

/* Demand register: averages double-long-unsigned, status unsigned. */
static uint8_t dm_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_DEMAND_CURRENT_AVERAGE:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->dm_cur;
        break;
    case MSDK_COSEM_DEMAND_LAST_AVERAGE:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->dm_last;
        break;
    case MSDK_COSEM_DEMAND_STATUS:
        v->tag = MSDK_COSEM_AXDR_UNSIGNED;
        v->v.u = 0x80u;
        break;
    case MSDK_COSEM_DEMAND_CAPTURE_TIME:
    case MSDK_COSEM_DEMAND_START_TIME:
        v->tag = MSDK_COSEM_AXDR_OCTET_STRING;
        v->v.str.p = (attr == MSDK_COSEM_DEMAND_START_TIME) ? k_start : k_time;
        v->v.str.len = a->bad_values ? 11u : 12u;
        break;
    case MSDK_COSEM_DEMAND_PERIOD:
        v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
        v->v.u = a->bad_values ? 0u : a->st.period;
        break;
    default:
        v->tag = a->bad_values ? MSDK_COSEM_AXDR_UNSIGNED : MSDK_COSEM_AXDR_LONG_UNSIGNED;
        v->v.u = a->st.nperiods;
        break;
    }
    return DAR_OK;
}

static uint8_t dm_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->applied++;
    if (attr == MSDK_COSEM_DEMAND_PERIOD) {
        a->st.period = (uint32_t)v->v.u;
    } else {
        a->st.nperiods = (uint16_t)v->v.u;
    }
    return DAR_OK;
}

static uint8_t dm_reset(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->dm_resets++;
    a->applied++;
    a->dm_cur = 0u;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t dm_next(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->dm_nexts++;
    a->applied++;
    a->dm_last = a->dm_cur;
    a->dm_cur = 0u;
    return MSDK_COSEM_ACTION_SUCCESS;
}

/* Register activation. */
static uint32_t ra_reg_count(void *ctx)
{
    return ((app_t *)ctx)->st.nregs;
}

static uint8_t ra_get_reg(void *ctx, uint32_t i, msdk_cosem_reg_act_register_t *r)
{
    app_t *a = (app_t *)ctx;
    if ((i >= a->st.nregs) || ((int)i == a->fail_get_row)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(r, &a->st.regs[i], sizeof *r);
    return DAR_OK;
}

static uint32_t ra_mask_count(void *ctx)
{
    return ((app_t *)ctx)->st.nmasks;
}

static uint8_t ra_get_mask(void *ctx, uint32_t i, msdk_cosem_reg_act_mask_t *m)
{
    app_t *a = (app_t *)ctx;
    if (i >= a->st.nmasks) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(m, &a->st.masks[i], sizeof *m);
    if (a->bad_values) {
        m->index_count = MSDK_COSEM_REG_ACT_INDEX_MAX + 1u;
    }
    return DAR_OK;
}

static uint8_t ra_get_active(void *ctx, uint8_t *name, size_t *len)
{
    app_t *a = (app_t *)ctx;
    memcpy(name, a->st.active, a->st.active_len);
    *len = a->bad_values ? (MSDK_COSEM_REG_ACT_NAME_MAX + 1u) : a->st.active_len;
    return DAR_OK;
}

static uint8_t ra_set_reg(void *ctx, uint32_t i, const msdk_cosem_reg_act_register_t *r)
{
    app_t *a = (app_t *)ctx;
    if (!t_row(a, MSDK_COSEM_REG_ACT_REGISTER_ASSIGNMENT, i, NREG)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(&a->shadow.regs[i], r, sizeof *r);
    return DAR_OK;
}

static uint8_t ra_set_mask(void *ctx, uint32_t i, const msdk_cosem_reg_act_mask_t *m)
{
    app_t *a = (app_t *)ctx;
    if (!t_row(a, MSDK_COSEM_REG_ACT_MASK_LIST, i, NMASK)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(&a->shadow.masks[i], m, sizeof *m);
    return DAR_OK;
}

static uint8_t ra_set_active(void *ctx, const uint8_t *name, size_t len)
{
    app_t *a = (app_t *)ctx;
    a->applied++;
    memset(a->st.active, 0, sizeof a->st.active);
    memcpy(a->st.active, name, len);
    a->st.active_len = len;
    return DAR_OK;
}

static uint8_t ra_add_reg(void *ctx, const msdk_cosem_reg_act_register_t *r)
{
    app_t *a = (app_t *)ctx;
    a->applied++;
    memcpy(&a->st.regs[a->st.nregs++], r, sizeof *r);
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t ra_add_mask(void *ctx, const msdk_cosem_reg_act_mask_t *m)
{
    app_t *a = (app_t *)ctx;
    uint32_t i = 0;
    while ((i < a->st.nmasks) && ((a->st.masks[i].name_len != m->name_len) ||
                                  (memcmp(a->st.masks[i].name, m->name, m->name_len) != 0))) {
        i++;
    }
    if (i == NMASK) {
        return MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    }
    a->applied++;
    memcpy(&a->st.masks[i], m, sizeof *m);
    a->st.nmasks += (i == a->st.nmasks) ? 1u : 0u;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t ra_delete_mask(void *ctx, const uint8_t *name, size_t len)
{
    app_t *a = (app_t *)ctx;
    for (uint32_t i = 0; i < a->st.nmasks; i++) {
        if ((a->st.masks[i].name_len == len) && (memcmp(a->st.masks[i].name, name, len) == 0)) {
            memmove(&a->st.masks[i], &a->st.masks[i + 1u],
                    (a->st.nmasks - i - 1u) * sizeof a->st.masks[0]);
            a->st.nmasks--;
            memset(&a->st.masks[a->st.nmasks], 0, sizeof a->st.masks[0]);
            a->applied++;
            return MSDK_COSEM_ACTION_SUCCESS;
        }
    }
    a->protocol_error = true; /* the class promised that the mask exists */
    return MSDK_COSEM_ACTION_OTHER_REASON;
}

/* Register monitor. */
static uint32_t rm_thr_count(void *ctx)
{
    return ((app_t *)ctx)->st.nthr;
}

static uint8_t rm_get_thr(void *ctx, uint32_t i, msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if ((i >= a->st.nthr) || ((int)i == a->fail_get_row)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    v->tag = a->bad_values ? MSDK_COSEM_AXDR_LONG_UNSIGNED : a->st.thr[i].tag;
    v->v.u = a->st.thr[i].u;
    return DAR_OK;
}

static uint8_t rm_get_mon(void *ctx, msdk_cosem_reg_monitor_value_t *m)
{
    memcpy(m, &((app_t *)ctx)->st.mon, sizeof *m);
    return DAR_OK;
}

static uint32_t rm_act_count(void *ctx)
{
    return ((app_t *)ctx)->st.nact;
}

static uint8_t rm_get_act(void *ctx, uint32_t i, msdk_cosem_reg_monitor_action_t *m)
{
    app_t *a = (app_t *)ctx;
    if (i >= a->st.nact) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(m, &a->st.act[i], sizeof *m);
    return DAR_OK;
}

static uint8_t rm_set_thr(void *ctx, uint32_t i, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (!t_row(a, RM + MSDK_COSEM_REG_MONITOR_THRESHOLDS, i, NTHR)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    bool is_string =
        (v->tag == MSDK_COSEM_AXDR_OCTET_STRING) || (v->tag == MSDK_COSEM_AXDR_VISIBLE_STRING) ||
        (v->tag == MSDK_COSEM_AXDR_UTF8_STRING) || (v->tag == MSDK_COSEM_AXDR_BIT_STRING);
    a->shadow.thr[i].tag = v->tag;
    a->shadow.thr[i].u = is_string ? v->v.str.len : v->v.u;
    return DAR_OK;
}

static uint8_t rm_set_act(void *ctx, uint32_t i, const msdk_cosem_reg_monitor_action_t *m)
{
    app_t *a = (app_t *)ctx;
    if (!t_row(a, RM + MSDK_COSEM_REG_MONITOR_ACTIONS, i, NTHR)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    memcpy(&a->shadow.act[i], m, sizeof *m);
    return DAR_OK;
}

static uint8_t rm_set_mon(void *ctx, const msdk_cosem_reg_monitor_value_t *m)
{
    app_t *a = (app_t *)ctx;
    a->applied++;
    memcpy(&a->st.mon, m, sizeof *m);
    return DAR_OK;
}

/* ---- The logical device ------------------------------------------------------------------ */

static const msdk_cosem_ext_register_def_t ext_def = {
    .scaler = -3,
    .unit = 27u,
    .value_tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED,
    .status_tag = MSDK_COSEM_AXDR_UNSIGNED,
    .get = ext_get,
    .set = ext_set,
    .reset = ext_reset,
};
/* any value and status type, read-only, no reset */
static const msdk_cosem_ext_register_def_t ext_any_def = {
    .scaler = 0,
    .unit = 255u,
    .value_tag = MSDK_COSEM_AXDR_NULL_DATA,
    .status_tag = MSDK_COSEM_AXDR_NULL_DATA,
    .get = ext_any_get,
};
/* scaler_unit from the application (an M-Bus value: the device's record decides it) */
static uint8_t ext_dyn_scaler_unit(void *ctx, int8_t *scaler, uint8_t *unit)
{
    const app_t *a = (const app_t *)ctx;
    if (a->bad_values) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    *scaler = -2;
    *unit = 13u; /* m3 */
    return DAR_OK;
}
static const msdk_cosem_ext_register_def_t ext_dyn_def = {
    .scaler = 0,
    .unit = 255u,
    .value_tag = MSDK_COSEM_AXDR_NULL_DATA,
    .status_tag = MSDK_COSEM_AXDR_NULL_DATA,
    .get = ext_any_get,
    .scaler_unit = ext_dyn_scaler_unit,
};
static const msdk_cosem_demand_def_t dm_def = {
    .scaler = 1,
    .unit = 27u,
    .value_tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED,
    .status_tag = MSDK_COSEM_AXDR_UNSIGNED,
    .get = dm_get,
    .set = dm_set,
    .reset = dm_reset,
    .next_period = dm_next,
};
static const msdk_cosem_reg_activation_def_t ra_def = {
    .register_count = ra_reg_count,
    .get_register = ra_get_reg,
    .mask_count = ra_mask_count,
    .get_mask = ra_get_mask,
    .get_active = ra_get_active,
    .set_begin = t_begin,
    .set_register = ra_set_reg,
    .set_mask = ra_set_mask,
    .set_end = t_end,
    .set_active = ra_set_active,
    .add_register = ra_add_reg,
    .add_mask = ra_add_mask,
    .delete_mask = ra_delete_mask,
};
/* read-only: no setters, no methods */
static const msdk_cosem_reg_activation_def_t ra_ro_def = {
    .register_count = ra_reg_count,
    .get_register = ra_get_reg,
    .mask_count = ra_mask_count,
    .get_mask = ra_get_mask,
    .get_active = ra_get_active,
};
/* The register monitor over the thresholds of type `tag` (null-data: any one scalar type). */
#define RM_DEF(tag)                                                                                \
    {                                                                                              \
        .threshold_tag = (tag), .threshold_count = rm_thr_count, .get_threshold = rm_get_thr,      \
        .get_monitored = rm_get_mon, .action_count = rm_act_count, .get_action = rm_get_act,       \
        .set_begin = rm_begin, .set_threshold = rm_set_thr, .set_action = rm_set_act,              \
        .set_end = rm_end, .set_monitored = rm_set_mon,                                            \
    }
static const msdk_cosem_reg_monitor_def_t rm_def = RM_DEF(MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED);
static const msdk_cosem_reg_monitor_def_t rm_any_def = RM_DEF(MSDK_COSEM_AXDR_NULL_DATA);

enum {
    O_EXT,
    O_EXT_ANY,
    O_DEMAND,
    O_RA,
    O_RA_RO,
    O_RM,
    O_RM_ANY,
    O_EXT_DYN,
    N_OBJ
};

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0xFFFFFFFFu }
};
static const msdk_cosem_object_t objects[N_OBJ] = {
    { { 1, 0, 1, 6, 0, 255 }, &msdk_cosem_class_ext_register, &ext_def, &g, r_all },
    { { 1, 0, 2, 6, 0, 255 }, &msdk_cosem_class_ext_register, &ext_any_def, &g, r_all },
    { { 1, 0, 1, 4, 0, 255 }, &msdk_cosem_class_demand, &dm_def, &g, r_all },
    { { 0, 0, 14, 0, 1, 255 }, &msdk_cosem_class_reg_activation, &ra_def, &g, r_all },
    { { 0, 0, 14, 0, 2, 255 }, &msdk_cosem_class_reg_activation, &ra_ro_def, &g, r_all },
    { { 0, 0, 16, 1, 0, 255 }, &msdk_cosem_class_reg_monitor, &rm_def, &g, r_all },
    { { 0, 0, 16, 1, 1, 255 }, &msdk_cosem_class_reg_monitor, &rm_any_def, &g, r_all },
    { { 0, 1, 24, 2, 1, 255 }, &msdk_cosem_class_ext_register, &ext_dyn_def, &g, r_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, N_OBJ);

/* ---- Helpers ----------------------------------------------------------------------------- */

static void setup(void)
{
    init_state();
    ck_srv_init(&ldev, 256u);
    /* The published plain AARQ (client max PDU 1200) and the published "AARE accepted",
     * with this server's max PDU 1024 (04 00). */
    ck_xchg(CK_AARQ_PLAIN, "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F"
                           "040000501F04000007");
}

static uint8_t set_hex(unsigned o, uint8_t attr, const char *h)
{
    uint8_t buf[600];
    return ck_class_set(&objects[o], attr, buf, ck_hex(h, buf, sizeof buf));
}

static uint8_t action_hex(unsigned o, uint8_t method, const char *h)
{
    uint8_t buf[600];
    return ck_class_action(&objects[o], method, buf, ck_hex(h, buf, sizeof buf));
}

/* Whether the state is what it was, and the transactions are balanced. */
static bool unchanged(const state_t *before, unsigned applied)
{
    return (memcmp(before, &g.st, sizeof *before) == 0) && (g.applied == applied) && !g.open &&
           (g.begins == g.ends) && !g.protocol_error;
}

/* ---- Extended register ------------------------------------------------------------------- */

START_TEST(ext_register_get)
{
    /* value: the published GET response for double-long-unsigned 5009 */
    ck_xchg("C001C100040100010600FF0200", "C401C1000600001391");
    /* scaler_unit {integer -3, enum 27 (W)} */
    ck_xchg("C001C100040100010600FF0300", "C401C10002020FFD161B");
    ck_xchg("C001C100040100010600FF0400", "C401C1001100");
    /* capture_time: the date-time of the published SET clock vector */
    ck_xchg("C001C100040100010600FF0500", "C401C100090C07E50118FF0E303950FFC400");
    ck_xchg("C001C100040100010600FF0100", "C401C10009060100010600FF");
    /* any-type instance: long64 -2 and a visible-string status; its capture time fails */
    ck_xchg("C001C100040100020600FF0200", "C401C10014FFFFFFFFFFFFFFFE");
    ck_xchg("C001C100040100020600FF0400", "C401C1000A024F4B");
    ck_xchg("C001C100040100020600FF0500", "C401C10102");
    /* scaler_unit from the application: {integer -2, enum 13 (m3)}; its failure is passed on;
     * it stays read-only */
    ck_xchg("C001C100040001180201FF0300", "C401C10002020FFE160D");
    ck_assert_uint_eq(set_hex(O_EXT_DYN, 3, "02020FFE160D"), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    /* selective access is not defined for this class: other-reason */
    ck_xchg("C001C100040100010600FF0201010F00", "C401C101FA");
    /* attribute 6 does not exist */
    ck_xchg("C001C100040100010600FF0600", "C401C1010B");
    /* a provider value of the wrong type: the published hardware-fault response */
    g.bad_values = true;
    ck_xchg("C001C100040001180201FF0300", "C401C10102");
    ck_xchg("C001C100040100010600FF0500", "C401C10101");
    ck_xchg("C001C100040100010600FF0400", "C401C10101");
}
END_TEST

START_TEST(ext_register_set_and_reset)
{
    /* capture_time: the published SET clock request's value */
    ck_xchg("C101C100040100010600FF0500090C07E60218FF0E303950FFC400", "C501C100");
    ck_assert_uint_eq(g.st.ext_time[1], 0xE6);
    ck_xchg("C101C100040100010600FF020006000000 07", "C501C100");
    ck_assert_uint_eq(g.st.ext_value, 7u);
    ck_xchg("C101C100040100010600FF04001105", "C501C100");
    ck_assert_uint_eq(g.st.ext_status, 5u);
    unsigned applied = g.applied;
    state_t before;
    memcpy(&before, &g.st, sizeof before);
    ck_xchg("C101C100040100010600FF0300 02020F00161E", "C501C103"); /* scaler_unit: fixed */
    ck_xchg("C101C100040100010600FF0200 120007", "C501C10C");       /* long-unsigned */
    ck_xchg("C101C100040100010600FF0400 120005", "C501C10C");
    ck_xchg("C101C100040100010600FF0500 090C07E60D18FF0E303950FFC400", "C501C10C"); /* month 13 */
    ck_xchg("C101C100040100010600FF0500 090B07E60218FF0E303950FFC4", "C501C10C");   /* 11 bytes */
    ck_xchg("C101C100040100010600FF0500 1907E60218FF0E303950FFC400", "C501C10C");   /* tag 25 */
    ck_xchg("C101C100040100010600FF0500 0101090C07E60218FF0E303950FFC400", "C501C10C");
    ck_xchg("C101C100020100010600FF0200 0600000007", "C501C109"); /* class 2: inconsistent */
    ck_xchg("C101C100040100020600FF0200 14 0000000000000007", "C501C103"); /* read-only */
    ck_assert(unchanged(&before, applied));
    /* reset(integer 0) */
    ck_xchg("C301C100040100010600FF01010F00", "C701C10000");
    ck_assert_uint_eq(g.ext_resets, 1u);
    ck_assert_uint_eq(g.st.ext_value, 0u);
    ck_xchg("C301C100040100010600FF0100", "C701C10000"); /* parameter omitted */
    ck_xchg("C301C100040100010600FF01010F01", "C701C10C00");
    ck_xchg("C301C100040100010600FF0101 1100", "C701C10C00");
    ck_xchg("C301C100040100010600FF0201 0F00", "C701C10B00"); /* no method 2 */
    ck_xchg("C301C100040100020600FF0101 0F00", "C701C10B00"); /* reset not supported */
    ck_assert_uint_eq(g.ext_resets, 2u);
}
END_TEST

/* ---- Demand register --------------------------------------------------------------------- */

START_TEST(demand_get)
{
    ck_xchg("C001C100050100010400FF0200", "C401C100060000 04D2");
    ck_xchg("C001C100050100010400FF0300", "C401C100 06 0000162E");
    ck_xchg("C001C100050100010400FF0400", "C401C10002020F01161B"); /* 10^1 W */
    ck_xchg("C001C100050100010400FF0500", "C401C1001180");
    ck_xchg("C001C100050100010400FF0600", "C401C100090C07E50118FF0E303950FFC400");
    ck_xchg("C001C100050100010400FF0700", "C401C100 090C 07E50118FF0E2D0000FFC400");
    ck_xchg("C001C100050100010400FF0800", "C401C1000600000384"); /* 900 s */
    ck_xchg("C001C100050100010400FF0900", "C401C100120001");
    ck_xchg("C001C100050100010400FF0A00", "C401C1010B");
    ck_xchg("C001C100050100010400FF080101 0F00", "C401C101FA");
    g.bad_values = true; /* 11-byte times, a period of 0, number_of_periods as unsigned */
    ck_xchg("C001C100050100010400FF0600", "C401C10101");
    ck_xchg("C001C100050100010400FF0700", "C401C10101");
    ck_xchg("C001C100050100010400FF0800", "C401C10101");
    ck_xchg("C001C100050100010400FF0900", "C401C10101");
}
END_TEST

START_TEST(demand_set_and_methods)
{
    ck_xchg("C101C100050100010400FF0800 0600000708", "C501C100"); /* period 1800 s */
    ck_assert_uint_eq(g.st.period, 1800u);
    ck_xchg("C101C100050100010400FF0900 12000F", "C501C100"); /* 15 periods: sliding */
    ck_assert_uint_eq(g.st.nperiods, 15u);
    state_t before;
    memcpy(&before, &g.st, sizeof before);
    unsigned applied = g.applied;
    ck_xchg("C101C100050100010400FF0800 0600000000", "C501C10C"); /* period 0 */
    ck_xchg("C101C100050100010400FF0800 120384", "C501C10C");     /* long-unsigned */
    ck_xchg("C101C100050100010400FF0900 120000", "C501C10C");     /* 0 periods */
    ck_xchg("C101C100050100010400FF0900 060000000F", "C501C10C");
    /* trailing bytes and truncated values are refused by the server's decoder already */
    ck_send_hex("C101C100050100010400FF0900 12000F00");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_send_hex("C101C100050100010400FF0900 1200");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_xchg("C101C100050100010400FF0200 0600000001", "C501C103"); /* computed */
    ck_xchg("C101C100050100010400FF0400 02020F00161B", "C501C103");
    ck_xchg("C101C100050100010400FF08 01 01 0F00 0600000708", "C501C1FA"); /* with a selector */
    ck_assert(unchanged(&before, applied));
    /* next_period, then reset */
    ck_xchg("C301C100050100010400FF0201 0F00", "C701C10000");
    ck_assert_uint_eq(g.dm_nexts, 1u);
    ck_xchg("C001C100050100010400FF0300", "C401C100 06 000004D2");
    ck_xchg("C301C100050100010400FF0101 0F00", "C701C10000");
    ck_assert_uint_eq(g.dm_resets, 1u);
    ck_xchg("C301C100050100010400FF0201 0F02", "C701C10C00");
    ck_xchg("C301C100050100010400FF0201 0900", "C701C10C00");
    ck_xchg("C301C100050100010400FF0301 0F00", "C701C10B00");
    ck_assert_uint_eq(g.dm_nexts, 1u);
}
END_TEST

/* ---- Register activation ----------------------------------------------------------------- */

#define RA_ASSIGNMENT                                                                              \
    "0103 0202 120003 0906 0100010801FF 0202 120003 0906 0100010802FF 0202 120004 0906 "           \
    "0100010601FF"
#define RA_MASKS "0102 0202 0902 5431 0102 1101 1103 0202 0902 5432 0101 1102"

START_TEST(reg_activation_get)
{
    ck_xchg("C001C100060000 0E0001FF0200", "C401C100" RA_ASSIGNMENT);
    ck_xchg("C001C100060000 0E0001FF0300", "C401C100" RA_MASKS);
    ck_xchg("C001C100060000 0E0001FF0400", "C401C100 0902 5431");
    ck_xchg("C001C100060000 0E0001FF020101 0F00", "C401C101FA");
    g.st.active_len = 0u;
    ck_xchg("C001C100060000 0E0001FF0400", "C401C100 0900");
    /* provider faults: a failing row, a mask longer than its arrays, a long name */
    g.fail_get_row = 1;
    ck_xchg("C001C100060000 0E0001FF0200", "C401C10102");
    g.bad_values = true;
    ck_xchg("C001C100060000 0E0001FF0300", "C401C10101");
    ck_xchg("C001C100060000 0E0001FF0400", "C401C10101");
}
END_TEST

START_TEST(reg_activation_set)
{
    /* A fourth register, then a mask that uses it, then make it active. */
    ck_xchg("C101C100060000 0E0001FF0200 0104 0202 120003 0906 0100010801FF 0202 120003 0906 "
            "0100010802FF 0202 120004 0906 0100010601FF 0202 120005 0906 0100010400FF",
            "C501C100");
    ck_assert_uint_eq(g.st.nregs, 4u);
    ck_assert_uint_eq(g.st.regs[3].class_id, 5u);
    ck_xchg("C101C100060000 0E0001FF0300 0103 0202 0902 5431 0102 1101 1103 0202 0902 5432 0101 "
            "1102 0202 0903 4D4158 0101 1104",
            "C501C100");
    ck_assert_uint_eq(g.st.nmasks, 3u);
    ck_assert_mem_eq(g.st.masks[2].name, "MAX", 3);
    ck_assert_uint_eq(g.st.masks[2].index[0], 4u);
    ck_xchg("C101C100060000 0E0001FF0400 0903 4D4158", "C501C100");
    ck_assert_uint_eq(g.st.active_len, 3u);
    ck_xchg("C101C100060000 0E0001FF0400 0900", "C501C100"); /* none active */
    ck_assert_uint_eq(g.st.active_len, 0u);
    ck_assert_uint_eq(g.commits, 2u);

    state_t before;
    memcpy(&before, &g.st, sizeof before);
    unsigned applied = g.applied;
    /* register_assignment: a Data object, a 5-byte name, a 3-member structure, a missing
     * entry; then one that is well-formed but drops register 4, still used by "MAX". */
    ck_assert_uint_eq(set_hex(O_RA, 2, "0101 0202 120001 0906 0000600100FF"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0101 0202 120003 0905 0100010801"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0101 0203 120003 0906 0100010801FF 0F00"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0102 0202 120003 0906 0100010801FF"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0202 0202 120003 0906 0100010801FF"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0101 0202 120003 0906 0100010801FF"), 250);
    /* mask_list: index 0, an index past the 4 registers, duplicate names, an empty name,
     * a 17-byte name, 65 indexes, an index as long-unsigned. */
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0901 41 0101 1100"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0901 41 0101 1105"), 250);
    ck_assert_uint_eq(set_hex(O_RA, 3, "0102 0202 0901 41 0100 0202 0901 41 0100"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0900 0100"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0911 4142434445464748494A4B4C4D4E4F5051 0100"),
                      12);
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0901 41 0101 120001"), 12);
    {
        uint8_t v[300];
        size_t n = ck_hex("0101 0202 0901 41 0141", v, sizeof v);
        for (unsigned k = 0; k < 65u; k++) {
            v[n++] = 0x11;
            v[n++] = (uint8_t)(1u + (k % 4u));
        }
        ck_assert_uint_eq(ck_class_set(&objects[O_RA], 3, v, n), 12);
        v[8] = 0x40; /* 64 indexes: accepted */
        ck_assert_uint_eq(ck_class_set(&objects[O_RA], 3, v, n - 2u), 0);
        memcpy(&g.st, &before, sizeof before);
        g.applied = applied;
        /* 33 masks: more than the class takes */
        n = ck_hex("0121", v, sizeof v);
        for (unsigned k = 0; k < 33u; k++) {
            static const uint8_t m[] = { 0x02, 0x02, 0x09, 0x01, 0x00, 0x01, 0x00 };
            memcpy(&v[n], m, sizeof m);
            v[n + 4u] = (uint8_t)k;
            n += sizeof m;
        }
        ck_assert_uint_eq(ck_class_set(&objects[O_RA], 3, v, n), 12);
        v[1] = 0x20; /* 32: accepted */
        ck_assert_uint_eq(ck_class_set(&objects[O_RA], 3, v, n - 7u), 0);
        memcpy(&g.st, &before, sizeof before);
        g.applied = applied;
    }
    /* active_mask: an unknown name, a long name, another type */
    ck_assert_uint_eq(set_hex(O_RA, 4, "0902 5433"), 250);
    ck_assert_uint_eq(set_hex(O_RA, 4, "0911 4142434445464748494A4B4C4D4E4F5051"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 4, "0A02 5431"), 12);
    ck_assert_uint_eq(set_hex(O_RA, 4, "0902 543100"), 12);
    /* the read-only instance */
    ck_assert_uint_eq(set_hex(O_RA_RO, 2, "0100"), 3);
    ck_assert_uint_eq(set_hex(O_RA_RO, 3, "0100"), 3);
    ck_assert_uint_eq(set_hex(O_RA_RO, 4, "0900"), 3);
    ck_assert(unchanged(&before, applied));
    /* Shrinking: masks first, then the registers. */
    ck_assert_uint_eq(set_hex(O_RA, 3, "0101 0202 0902 5431 0101 1101"), 0);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0101 0202 120003 0906 0100010801FF"), 0);
    ck_assert_uint_eq(g.st.nregs, 1u);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0100"), 250); /* T1 still uses register 1 */
    ck_assert_uint_eq(set_hex(O_RA, 3, "0100"), 0);
    ck_assert_uint_eq(set_hex(O_RA, 2, "0100"), 0);
    ck_assert_uint_eq(g.st.nregs + g.st.nmasks, 0u);
    ck_assert(!g.protocol_error);
}
END_TEST

START_TEST(reg_activation_transactions)
{
    state_t before;
    memcpy(&before, &g.st, sizeof before);
    /* the application refuses the second row: set_end(commit false), nothing applied */
    g.fail_row = 1;
    ck_assert_uint_eq(set_hex(O_RA, 3, RA_MASKS), MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    ck_assert_uint_eq(g.begins, 1u);
    ck_assert_uint_eq(g.ends, 1u);
    ck_assert_uint_eq(g.commits, 0u);
    ck_assert(unchanged(&before, 0u));
    g.fail_row = -1;
    /* the application refuses the table at once: no set_end */
    g.fail_begin = MSDK_COSEM_DAR_OTHER_REASON;
    ck_assert_uint_eq(set_hex(O_RA, 2, RA_ASSIGNMENT), 250);
    ck_assert_uint_eq(g.begins, 2u);
    ck_assert_uint_eq(g.ends, 1u);
    g.ends++; /* balance for unchanged() */
    ck_assert(unchanged(&before, 0u));
    g.fail_begin = DAR_OK;
    /* the same table written back: committed, state identical */
    ck_assert_uint_eq(set_hex(O_RA, 2, RA_ASSIGNMENT), 0);
    ck_assert_uint_eq(set_hex(O_RA, 3, RA_MASKS), 0);
    ck_assert_uint_eq(g.commits, 2u);
    ck_assert_mem_eq(&before, &g.st, sizeof before);
}
END_TEST

START_TEST(reg_activation_methods)
{
    /* add_register {5, 1.0.1.4.0.255} */
    ck_xchg("C301C100060000 0E0001FF0101 0202 120005 0906 0100010400FF", "C701C10000");
    ck_assert_uint_eq(g.st.nregs, 4u);
    /* add_mask "MAX" [4], then replace "T2" by [1, 2] */
    ck_xchg("C301C100060000 0E0001FF0201 0202 0903 4D4158 0101 1104", "C701C10000");
    ck_assert_uint_eq(g.st.nmasks, 3u);
    ck_xchg("C301C100060000 0E0001FF0201 0202 0902 5432 0102 1101 1102", "C701C10000");
    ck_assert_uint_eq(g.st.nmasks, 3u);
    ck_assert_uint_eq(g.st.masks[1].index_count, 2u);
    /* delete_mask "T1" */
    ck_xchg("C301C100060000 0E0001FF0301 0902 5431", "C701C10000");
    ck_assert_uint_eq(g.st.nmasks, 2u);
    state_t before;
    memcpy(&before, &g.st, sizeof before);
    unsigned applied = g.applied;
    ck_xchg("C301C100060000 0E0001FF0301 0902 5431", "C701C1FA00"); /* gone */
    ck_xchg("C301C100060000 0E0001FF0301 0900", "C701C10C00");
    ck_xchg("C301C100060000 0E0001FF0301 0F00", "C701C10C00");
    ck_xchg("C301C100060000 0E0001FF0201 0202 0901 41 0101 1105", "C701C1FA00"); /* index 5 */
    ck_xchg("C301C100060000 0E0001FF0201 0202 0901 41 0101 1100", "C701C10C00");
    ck_xchg("C301C100060000 0E0001FF0201 0202 0901 41 0101 0F01", "C701C10C00");
    ck_xchg("C301C100060000 0E0001FF0101 0202 120008 0906 0000010000FF", "C701C10C00");
    ck_send_hex("C301C100060000 0E0001FF0101 0202 120003 0906 0100010801FF 00");
    ck_assert_uint_eq(g_srv.out[0], MSDK_COSEM_XDLMS_TAG_EXCEPTION_RESPONSE);
    ck_xchg("C301C100060000 0E0001FF0100", "C701C10C00");
    ck_xchg("C301C100060000 0E0001FF0401 0F00", "C701C10B00");
    ck_xchg("C301C100060000 0E0002FF0101 0202 120005 0906 0100010400FF", "C701C10B00");
    ck_assert(unchanged(&before, applied));
    /* a full register_assignment, and a full mask_list that only takes replacements */
    g.st.nregs = MSDK_COSEM_REG_ACT_REGISTERS_MAX;
    ck_assert_uint_eq(action_hex(O_RA, 1, "0202 120003 0906 0100010801FF"), 250);
    g.st.nregs = 4u;
    for (uint32_t i = g.st.nmasks; i < MSDK_COSEM_REG_ACT_MASKS_MAX; i++) {
        memset(&g.st.masks[i], 0, sizeof g.st.masks[i]);
        g.st.masks[i].name_len = 1u;
        g.st.masks[i].name[0] = (uint8_t)('a' + i);
    }
    g.st.nmasks = MSDK_COSEM_REG_ACT_MASKS_MAX;
    ck_assert_uint_eq(action_hex(O_RA, 2, "0202 0901 41 0100"), 250);
    ck_assert_uint_eq(action_hex(O_RA, 2, "0202 0901 63 0101 1101"), 0); /* 'c' exists */
    ck_assert_uint_eq(g.st.nmasks, MSDK_COSEM_REG_ACT_MASKS_MAX);
    ck_assert_uint_eq(g.st.masks[2].index_count, 1u);
    ck_assert(!g.protocol_error);
}
END_TEST

/* The expected register_assignment of `n` registers, built by hand. */
static size_t ra_expected(uint32_t n, uint8_t *v)
{
    size_t k = 0;
    v[k++] = 0x01;
    if (n > 127u) {
        v[k++] = 0x81;
    }
    v[k++] = (uint8_t)n;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t row[] = { 0x02, 0x02,       0x12, 0x00, (uint8_t)(3u + (i % 3u)),
                                0x09, 0x06,       0x01, 0x00, 0x01,
                                0x08, (uint8_t)i, 0xFF };
        memcpy(&v[k], row, sizeof row);
        k += sizeof row;
    }
    return k;
}

START_TEST(reg_activation_in_blocks)
{
    ck_srv_init(&ldev, 256u);
    ck_associate(64u);
    g.st.nregs = 200u;
    g.st.nmasks = 0u;
    for (uint32_t i = 0; i < 200u; i++) {
        g.st.regs[i].class_id = (uint16_t)(3u + (i % 3u));
        memcpy(g.st.regs[i].ln, "\x01\x00\x01\x08\x00\xFF", 6);
        g.st.regs[i].ln[4] = (uint8_t)i;
    }
    static uint8_t value[8000];
    static uint8_t want[8000];
    size_t len = 0;
    unsigned blocks = 0;
    ck_assert_uint_eq(ck_get_attr_blocks(objects[O_RA].cls->class_id, objects[O_RA].ln, 2, 0u, NULL,
                                         0u, 64u, value, sizeof value, &len, &blocks),
                      DAR_OK);
    size_t n = ra_expected(200u, want);
    ck_assert_uint_eq(len, n);
    ck_assert_mem_eq(value, want, n);
    ck_assert_uint_gt(blocks, 40u);
    /* the masks: 32 masks of 64 indexes each (each row larger than one block) */
    for (uint32_t i = 0; i < MSDK_COSEM_REG_ACT_MASKS_MAX; i++) {
        msdk_cosem_reg_act_mask_t *m = &g.st.masks[i];
        m->name_len = MSDK_COSEM_REG_ACT_NAME_MAX;
        memset(m->name, 'A' + (int)i, MSDK_COSEM_REG_ACT_NAME_MAX);
        m->index_count = MSDK_COSEM_REG_ACT_INDEX_MAX;
        for (uint32_t k = 0; k < MSDK_COSEM_REG_ACT_INDEX_MAX; k++) {
            m->index[k] = (uint8_t)(1u + ((i + k) % 200u));
        }
    }
    g.st.nmasks = MSDK_COSEM_REG_ACT_MASKS_MAX;
    ck_assert_uint_eq(ck_get_attr_blocks(objects[O_RA].cls->class_id, objects[O_RA].ln, 3, 0u, NULL,
                                         0u, 64u, value, sizeof value, &len, &blocks),
                      DAR_OK);
    n = 0;
    want[n++] = 0x01;
    want[n++] = 0x20;
    for (uint32_t i = 0; i < MSDK_COSEM_REG_ACT_MASKS_MAX; i++) {
        want[n++] = 0x02;
        want[n++] = 0x02;
        want[n++] = 0x09;
        want[n++] = 0x10;
        memset(&want[n], 'A' + (int)i, 16);
        n += 16u;
        want[n++] = 0x01;
        want[n++] = 0x40;
        for (uint32_t k = 0; k < 64u; k++) {
            want[n++] = 0x11;
            want[n++] = (uint8_t)(1u + ((i + k) % 200u));
        }
    }
    ck_assert_uint_eq(len, n);
    ck_assert_mem_eq(value, want, n);
}
END_TEST

/* ---- Register monitor -------------------------------------------------------------------- */

#define RM_THRESHOLDS "0102 06000003E8 06000007D0"
#define RM_MONITORED  "0203 120003 0906 0100010700FF 0F02"
#define RM_ACTIONS                                                                                 \
    "0102 0202 0202 0906 00000A006AFF 120001 0202 0906 00000A006AFF 120002 0202 0202 0906 "        \
    "00000A006AFF 120003 0202 0906 00000A006AFF 120004"

START_TEST(reg_monitor_get)
{
    ck_xchg("C001C100150000100100FF0200", "C401C100" RM_THRESHOLDS);
    ck_xchg("C001C100150000100100FF0300", "C401C100" RM_MONITORED);
    ck_xchg("C001C100150000100100FF0400", "C401C100" RM_ACTIONS);
    ck_xchg("C001C100150000100100FF0500", "C401C1010B");
    ck_xchg("C001C100150000100100FF020101 0F00", "C401C101FA");
    ck_xchg("C301C100150000100100FF0101 0F00", "C701C10B00"); /* no methods */
    g.fail_get_row = 0;
    ck_xchg("C001C100150000100100FF0200", "C401C10102");
    g.fail_get_row = -1;
    g.bad_values = true; /* thresholds of another type than declared */
    ck_xchg("C001C100150000100100FF0200", "C401C10101");
    ck_xchg("C001C100150000100101FF0200", "C401C100 0102 1203E8 1207D0");
}
END_TEST

START_TEST(reg_monitor_set)
{
    ck_xchg("C101C100150000100100FF0200 0103 0600000064 06000000C8 060000012C", "C501C100");
    ck_assert_uint_eq(g.st.nthr, 3u);
    ck_assert_uint_eq(g.st.thr[2].u, 300u);
    /* monitor attribute 3 (last_average_value) of a demand register */
    ck_xchg("C101C100150000100100FF0300 0203 120005 0906 0100010400FF 0F03", "C501C100");
    ck_assert_uint_eq(g.st.mon.class_id, 5u);
    ck_assert_int_eq(g.st.mon.attr, 3);
    ck_xchg("C101C100150000100100FF0400 0101 0202 0202 0906 00000A006AFF 120009 0202 0906 "
            "00000A0064FF 12000A",
            "C501C100");
    ck_assert_uint_eq(g.st.nact, 1u);
    ck_assert_uint_eq(g.st.act[0].down.selector, 10u);
    ck_assert_uint_eq(g.st.act[0].down.script_ln[4], 100u);
    /* any-type instance: long thresholds */
    ck_assert_uint_eq(set_hex(O_RM_ANY, 2, "0102 10FFFF 100001"), 0);
    ck_assert_uint_eq(g.st.thr[0].tag, MSDK_COSEM_AXDR_LONG);
    ck_assert_uint_eq(set_hex(O_RM_ANY, 2, "0100"), 0);
    ck_assert_uint_eq(g.st.nthr, 0u);

    state_t before;
    memcpy(&before, &g.st, sizeof before);
    unsigned applied = g.applied;
    /* thresholds: another type than declared, mixed types, null-data, a structure */
    ck_assert_uint_eq(set_hex(O_RM, 2, "0101 120064"), 12);
    ck_assert_uint_eq(set_hex(O_RM_ANY, 2, "0102 120064 0600000064"), 12);
    ck_assert_uint_eq(set_hex(O_RM_ANY, 2, "0101 00"), 12);
    ck_assert_uint_eq(set_hex(O_RM_ANY, 2, "0101 0201 1100"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 2, "0600000064"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 2, "0101 0600000064 00"), 12);
    /* monitored_value: a profile, the logical name, attribute 3 of a Data, a 7-byte name,
     * attribute as unsigned, a 4-member structure */
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120007 0906 0100630100FF 0F02"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120003 0906 0100010700FF 0F01"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120001 0906 0000600A01FF 0F03"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120005 0906 0100010400FF 0F0A"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120003 0907 0100010700FF00 0F02"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0203 120003 0906 0100010700FF 1102"), 12);
    ck_assert_uint_eq(set_hex(O_RM, 3, "0204 120003 0906 0100010700FF 0F02 1200 00"), 12);
    /* actions: a 3-member action_set, a selector as unsigned, a 5-byte script name */
    ck_assert_uint_eq(set_hex(O_RM, 4,
                              "0101 0203 0202 0906 00000A006AFF 120009 0202 0906 "
                              "00000A006AFF 12000A 00"),
                      12);
    ck_assert_uint_eq(set_hex(O_RM, 4,
                              "0101 0202 0202 0906 00000A006AFF 1109 0202 0906 "
                              "00000A006AFF 12000A"),
                      12);
    ck_assert_uint_eq(set_hex(O_RM, 4,
                              "0101 0202 0202 0905 00000A006A 120009 0202 0906 "
                              "00000A006AFF 12000A"),
                      12);
    ck_assert(unchanged(&before, applied));
    ck_assert_uint_eq(g.begins, g.ends);
}
END_TEST

/* ---- Every SET value and method parameter: cut, padded, mutated -------------------------- */

typedef struct vec {
    unsigned obj;
    uint8_t member; /* attribute, or method when `method` */
    bool method;
    const char *hex;
} vec_t;

static const vec_t k_vecs[] = {
    { O_EXT, 2, false, "0600000007" },
    { O_EXT, 4, false, "1105" },
    { O_EXT, 5, false, "090C07E60218FF0E303950FFC400" },
    { O_EXT, 1, true, "0F00" },
    { O_DEMAND, 8, false, "0600000708" },
    { O_DEMAND, 9, false, "12000F" },
    { O_DEMAND, 1, true, "0F00" },
    { O_DEMAND, 2, true, "0F00" },
    { O_RA, 2, false, RA_ASSIGNMENT },
    { O_RA, 3, false, RA_MASKS },
    { O_RA, 4, false, "0902 5432" },
    { O_RA, 1, true, "0202 120005 0906 0100010400FF" },
    { O_RA, 2, true, "0202 0902 5433 0102 1101 1102" },
    { O_RA, 3, true, "0902 5432" },
    { O_RM, 2, false, RM_THRESHOLDS },
    { O_RM, 3, false, RM_MONITORED },
    { O_RM, 4, false, RM_ACTIONS },
    { O_RM_ANY, 2, false, "0102 10FFFF 100001" },
};

static uint8_t run_vec(const vec_t *v, const uint8_t *p, size_t n)
{
    return v->method ? ck_class_action(&objects[v->obj], v->member, p, n)
                     : ck_class_set(&objects[v->obj], v->member, p, n);
}

START_TEST(truncated_and_padded)
{
    for (size_t i = 0; i < sizeof k_vecs / sizeof k_vecs[0]; i++) {
        uint8_t buf[300];
        size_t n = ck_hex(k_vecs[i].hex, buf, sizeof buf - 1u);
        /* the whole value is accepted */
        init_state();
        if (run_vec(&k_vecs[i], buf, n) != DAR_OK) {
            ck_abort_msg("vector %u refused", (unsigned)i);
        }
        /* every shorter length is refused and changes nothing */
        for (size_t len = 0; len < n; len++) {
            init_state();
            state_t before;
            memcpy(&before, &g.st, sizeof before);
            uint8_t r = run_vec(&k_vecs[i], buf, len);
            if ((r != MSDK_COSEM_DAR_TYPE_UNMATCHED) || !unchanged(&before, 0u)) {
                ck_abort_msg("vector %u cut at %u: result %u", (unsigned)i, (unsigned)len,
                             (unsigned)r);
            }
        }
        /* a trailing byte is refused */
        for (unsigned extra = 0; extra < 3u; extra++) {
            static const uint8_t pad[3] = { 0x00, 0x0F, 0xFF };
            init_state();
            state_t before;
            memcpy(&before, &g.st, sizeof before);
            buf[n] = pad[extra];
            uint8_t r = run_vec(&k_vecs[i], buf, n + 1u);
            if ((r != MSDK_COSEM_DAR_TYPE_UNMATCHED) || !unchanged(&before, 0u)) {
                ck_abort_msg("vector %u padded: result %u", (unsigned)i, (unsigned)r);
            }
        }
    }
}
END_TEST

START_TEST(mutated)
{
    static const uint8_t repl[] = { 0x00, 0x01, 0x02, 0x05, 0x06, 0x09, 0x0F, 0x11,
                                    0x12, 0x7F, 0x80, 0x81, 0x84, 0xFE, 0xFF };
    unsigned refused = 0;
    for (size_t i = 0; i < sizeof k_vecs / sizeof k_vecs[0]; i++) {
        uint8_t orig[300];
        size_t n = ck_hex(k_vecs[i].hex, orig, sizeof orig);
        for (size_t pos = 0; pos < n; pos++) {
            for (size_t r = 0; r < sizeof repl + 2u; r++) {
                uint8_t buf[300];
                memcpy(buf, orig, n);
                buf[pos] = (r < sizeof repl) ? repl[r] : (uint8_t)(orig[pos] + ((r & 1u) ? 1 : -1));
                init_state();
                state_t before;
                memcpy(&before, &g.st, sizeof before);
                uint8_t res = run_vec(&k_vecs[i], buf, n);
                if (g.protocol_error || g.open || (g.begins != g.ends)) {
                    ck_abort_msg("vector %u byte %u: callbacks out of order", (unsigned)i,
                                 (unsigned)pos);
                }
                if ((res != DAR_OK) && !unchanged(&before, 0u)) {
                    ck_abort_msg("vector %u byte %u = %02X: refused (%u) but applied", (unsigned)i,
                                 (unsigned)pos, buf[pos], (unsigned)res);
                }
                refused += (res != DAR_OK) ? 1u : 0u;
            }
        }
    }
    ck_assert_uint_gt(refused, 1000u);
}
END_TEST

/* ---- GET into every buffer size ---------------------------------------------------------- */

/* Encodes attribute `attr` of `o` into blocks of `cap` bytes as the server does; the value
 * goes to `value`. Returns the last class result. */
static int get_in_pieces(unsigned o, uint8_t attr, size_t cap, uint8_t *value, size_t *len)
{
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    *len = 0;
    for (unsigned guard = 0; guard < 10000u; guard++) {
        uint8_t block[600];
        memset(block, 0xAA, sizeof block);
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, block, cap);
        rq.more = false;
        int rc = objects[o].cls->get(&objects[o], attr, &rq, &w);
        if (rc == MSDK_COSEM_GET_NO_SPACE) {
            if (w.pos != 0u) {
                ck_abort_msg("no space but %u bytes written", (unsigned)w.pos);
            }
            return rc;
        }
        if (rc != 0) {
            return rc;
        }
        memcpy(&value[*len], block, w.pos);
        *len += w.pos;
        if (!rq.more) {
            return rc;
        }
    }
    ck_abort_msg("endless stream");
    return -2;
}

START_TEST(get_every_buffer_size)
{
    static const struct {
        unsigned obj;
        uint8_t attr;
        const char *hex;
    } k[] = {
        { O_EXT, 2, "0600001391" },
        { O_EXT, 3, "02020FFD161B" },
        { O_EXT, 5, "090C07E50118FF0E303950FFC400" },
        { O_DEMAND, 7, "090C07E50118FF0E2D0000FFC400" },
        { O_DEMAND, 4, "02020F01161B" },
        { O_RA, 2, RA_ASSIGNMENT },
        { O_RA, 3, RA_MASKS },
        { O_RA, 4, "09025431" },
        { O_RM, 2, RM_THRESHOLDS },
        { O_RM, 3, RM_MONITORED },
        { O_RM, 4, RM_ACTIONS },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        uint8_t want[300];
        size_t n = ck_hex(k[i].hex, want, sizeof want);
        bool streamed =
            ((k[i].obj == O_RA) && (k[i].attr != 4u)) || ((k[i].obj == O_RM) && (k[i].attr != 3u));
        for (size_t cap = 0; cap <= n; cap++) {
            uint8_t value[600];
            size_t len = 0;
            int rc = get_in_pieces(k[i].obj, k[i].attr, cap, value, &len);
            if (cap == n) {
                if ((rc != 0) || (len != n) || (memcmp(value, want, n) != 0)) {
                    ck_abort_msg("item %u: whole value differs", (unsigned)i);
                }
            } else if (!streamed && (rc != MSDK_COSEM_GET_NO_SPACE)) {
                ck_abort_msg("item %u cap %u: result %d", (unsigned)i, (unsigned)cap, rc);
            } else if (streamed && (rc == 0) && ((len != n) || (memcmp(value, want, n) != 0))) {
                ck_abort_msg("item %u cap %u: streamed value differs", (unsigned)i, (unsigned)cap);
            }
        }
    }
}
END_TEST

Suite *cosem_class_registers_suite(void)
{
    Suite *s = suite_create("cosem_class_registers");
    CK_TCASE(s, "ext_register_demand", setup, ext_register_get, ext_register_set_and_reset,
             demand_get, demand_set_and_methods);
    CK_TCASE(s, "reg_activation", setup, reg_activation_get, reg_activation_set,
             reg_activation_transactions, reg_activation_methods, reg_activation_in_blocks);
    CK_TCASE(s, "reg_monitor", setup, reg_monitor_get, reg_monitor_set);
    CK_TCASE(s, "robustness", setup, truncated_and_padded, mutated, get_every_buffer_size);
    return s;
}
