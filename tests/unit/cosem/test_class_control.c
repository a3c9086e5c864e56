/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Disconnect control (class 70), Limiter (class 71) and Push setup (class 40) through the
 * server, with GET, SET and ACTION APDUs whose answers are compared with bytes derived by
 * hand from the Blue Book attribute types (IEC 62056-6-2) and the xDLMS encodings of the
 * Green Book; the published data-notification of ../shared/vectors/dlms-vectors.md
 * section 7 for the header of a push. Then the class functions directly: every SET value
 * truncated at every length and mutated at every byte (under ASan), every GET into every
 * buffer size, tables streamed in blocks of every size, and the push encoder's errors.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_control.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_control_suite(void);

#define MAX_ROWS 200u

/* ---- The application ----------------------------------------------------------------------- */

typedef struct app {
    /* Disconnect control */
    msdk_cosem_disconnect_status_t dc;
    unsigned disconnects;
    unsigned reconnects;
    uint8_t action_result;
    unsigned mode_sets;
    /* Limiter */
    msdk_cosem_limiter_value_t lim[12]; /* by attribute */
    unsigned lim_sets;
    uint8_t lim_last_attr;
    /* Tables: the limiter's group ids, the push object list and windows. */
    uint16_t groups[MAX_ROWS];
    uint32_t n_groups;
    msdk_cosem_push_object_t objs[MAX_ROWS];
    uint32_t n_objs;
    msdk_cosem_push_window_t wins[8];
    uint32_t n_wins;
    /* Staging of a table write. */
    uint16_t st_groups[MAX_ROWS];
    msdk_cosem_push_object_t st_objs[MAX_ROWS];
    msdk_cosem_push_window_t st_wins[8];
    uint32_t st_n;
    uint32_t st_rows;
    unsigned begins;
    unsigned commits;
    unsigned aborts;
    int64_t fail_row;  /* set_row fails at this row (-1: never) */
    uint32_t max_rows; /* set_begin refuses more */
    uint8_t row_dar;   /* get row fails with this (0: never) */
    uint32_t row_fail_at;
    /* Push setup */
    uint8_t dest[40];
    size_t dest_len;
    uint8_t transport;
    uint8_t message;
    uint16_t rand_s;
    uint16_t rep_s;
    uint8_t retries;
    unsigned push_sets;
    unsigned pushes;
    /* Register and data */
    uint32_t power;
    uint8_t get_dar; /* scalar getters fail with this (0: never) */
} app_t;

static app_t g_app;

/* Disconnect control */

static uint8_t dc_get(void *ctx, msdk_cosem_disconnect_status_t *st)
{
    app_t *a = (app_t *)ctx;
    *st = a->dc;
    return a->get_dar;
}

static uint8_t dc_set_mode(void *ctx, uint8_t mode)
{
    app_t *a = (app_t *)ctx;
    a->dc.control_mode = mode;
    a->mode_sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t dc_disconnect(void *ctx)
{
    app_t *a = (app_t *)ctx;
    if (a->action_result != MSDK_COSEM_ACTION_SUCCESS) {
        return a->action_result;
    }
    a->disconnects++;
    a->dc.output_state = false;
    a->dc.control_state = MSDK_COSEM_DISCONNECT_STATE_DISCONNECTED;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t dc_reconnect(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->reconnects++;
    a->dc.output_state = true;
    a->dc.control_state = MSDK_COSEM_DISCONNECT_STATE_CONNECTED;
    return MSDK_COSEM_ACTION_SUCCESS;
}

/* Limiter */

static uint8_t lim_get(void *ctx, uint8_t attr, msdk_cosem_limiter_value_t *v)
{
    app_t *a = (app_t *)ctx;
    *v = a->lim[attr];
    return a->get_dar;
}

static uint8_t lim_set(void *ctx, uint8_t attr, const msdk_cosem_limiter_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (attr == MSDK_COSEM_LIMITER_THRESHOLD_ACTIVE) {
        return MSDK_COSEM_DAR_READ_WRITE_DENIED; /* this meter derives it */
    }
    a->lim[attr] = *v;
    a->lim_sets++;
    a->lim_last_attr = attr;
    return MSDK_COSEM_DAR_SUCCESS;
}

/* Shared table mechanics: counts, failures, staging. */

static uint8_t row_status(app_t *a, uint32_t i, uint32_t n)
{
    if ((a->row_dar != 0u) && (i == a->row_fail_at)) {
        return a->row_dar;
    }
    return (i < n) ? MSDK_COSEM_DAR_SUCCESS : MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
}

static uint8_t st_begin(app_t *a, uint32_t n, uint32_t cap)
{
    a->begins++;
    if ((n > cap) || (n > a->max_rows)) {
        return MSDK_COSEM_DAR_OTHER_REASON;
    }
    a->st_n = n;
    a->st_rows = 0;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t st_row(app_t *a, uint32_t i)
{
    if ((i != a->st_rows) || (i >= a->st_n)) {
        ck_abort_msg("row %u out of order", (unsigned)i); /* rows come in order */
    }
    if ((a->fail_row >= 0) && ((int64_t)i == a->fail_row)) {
        return MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    a->st_rows++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static void st_end(app_t *a, bool commit)
{
    if (commit) {
        if (a->st_rows != a->st_n) {
            ck_abort_msg("commit after %u of %u rows", (unsigned)a->st_rows, (unsigned)a->st_n);
        }
        a->commits++;
    } else {
        a->aborts++;
    }
}

static uint32_t grp_count(void *ctx)
{
    return ((app_t *)ctx)->n_groups;
}

static uint8_t grp_get(void *ctx, uint32_t i, uint16_t *id)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = row_status(a, i, a->n_groups);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        *id = a->groups[i];
    }
    return dar;
}

static uint8_t grp_begin(void *ctx, uint32_t n)
{
    return st_begin((app_t *)ctx, n, MAX_ROWS);
}

static uint8_t grp_row(void *ctx, uint32_t i, uint16_t id)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = st_row(a, i);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        a->st_groups[i] = id;
    }
    return dar;
}

static uint8_t grp_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    st_end(a, commit);
    if (commit) {
        memcpy(a->groups, a->st_groups, a->st_n * sizeof a->groups[0]);
        a->n_groups = a->st_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

/* Push setup */

static uint32_t obj_count(void *ctx)
{
    return ((app_t *)ctx)->n_objs;
}

static uint8_t obj_get(void *ctx, uint32_t i, msdk_cosem_push_object_t *row)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = row_status(a, i, a->n_objs);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        *row = a->objs[i];
    }
    return dar;
}

static uint8_t obj_begin(void *ctx, uint32_t n)
{
    return st_begin((app_t *)ctx, n, MAX_ROWS);
}

static uint8_t obj_row(void *ctx, uint32_t i, const msdk_cosem_push_object_t *row)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = st_row(a, i);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        a->st_objs[i] = *row;
    }
    return dar;
}

static uint8_t obj_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    st_end(a, commit);
    if (commit) {
        memcpy(a->objs, a->st_objs, a->st_n * sizeof a->objs[0]);
        a->n_objs = a->st_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint32_t win_count(void *ctx)
{
    return ((app_t *)ctx)->n_wins;
}

static uint8_t win_get(void *ctx, uint32_t i, msdk_cosem_push_window_t *row)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = row_status(a, i, a->n_wins);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        *row = a->wins[i];
    }
    return dar;
}

static uint8_t win_begin(void *ctx, uint32_t n)
{
    return st_begin((app_t *)ctx, n, 8u);
}

static uint8_t win_row(void *ctx, uint32_t i, const msdk_cosem_push_window_t *row)
{
    app_t *a = (app_t *)ctx;
    uint8_t dar = st_row(a, i);
    if (dar == MSDK_COSEM_DAR_SUCCESS) {
        a->st_wins[i] = *row;
    }
    return dar;
}

static uint8_t win_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    st_end(a, commit);
    if (commit) {
        memcpy(a->wins, a->st_wins, a->st_n * sizeof a->wins[0]);
        a->n_wins = a->st_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t push_get(void *ctx, uint8_t attr, msdk_cosem_push_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_PUSH_DESTINATION:
        v->destination.transport = a->transport;
        v->destination.dest = a->dest;
        v->destination.dest_len = a->dest_len;
        v->destination.message = a->message;
        break;
    case MSDK_COSEM_PUSH_RANDOMISATION_START: v->seconds = a->rand_s; break;
    case MSDK_COSEM_PUSH_RETRIES: v->retries = a->retries; break;
    default: v->seconds = a->rep_s; break;
    }
    return a->get_dar;
}

static uint8_t push_set(void *ctx, uint8_t attr, const msdk_cosem_push_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_PUSH_DESTINATION:
        if (v->destination.dest_len > sizeof a->dest) {
            return MSDK_COSEM_DAR_OTHER_REASON;
        }
        memcpy(a->dest, v->destination.dest, v->destination.dest_len);
        a->dest_len = v->destination.dest_len;
        a->transport = v->destination.transport;
        a->message = v->destination.message;
        break;
    case MSDK_COSEM_PUSH_RANDOMISATION_START: a->rand_s = v->seconds; break;
    case MSDK_COSEM_PUSH_RETRIES: a->retries = v->retries; break;
    default: a->rep_s = v->seconds; break;
    }
    a->push_sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t push_now(void *ctx)
{
    ((app_t *)ctx)->pushes++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

/* Register (the monitored power) and Data (the serial number). */

static uint8_t power_get(void *ctx, msdk_cosem_value_t *v)
{
    v->tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    v->v.u = ((app_t *)ctx)->power;
    return MSDK_COSEM_DAR_SUCCESS;
}

/* ---- The logical device ------------------------------------------------------------------ */

static const msdk_cosem_disconnect_def_t dc_def = { dc_get, dc_set_mode, dc_disconnect,
                                                    dc_reconnect };
static const msdk_cosem_disconnect_def_t dc_none = { NULL, NULL, NULL, NULL };
static const msdk_cosem_limiter_groups_t groups = { grp_count, grp_get, grp_begin, grp_row,
                                                    grp_end };
static const msdk_cosem_limiter_groups_t groups_ro = { grp_count, grp_get, NULL, NULL, NULL };
static const msdk_cosem_limiter_def_t lim_def = { MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED, lim_get,
                                                  lim_set, &groups };
/* Any numeric threshold, read-only, the group list read-only. */
static const msdk_cosem_limiter_def_t lim_any = { 0u, lim_get, NULL, &groups_ro };
static const msdk_cosem_push_objects_t objs = { obj_count, obj_get, obj_begin, obj_row, obj_end };
static const msdk_cosem_push_windows_t wins = { win_count, win_get, win_begin, win_row, win_end };
static const msdk_cosem_push_setup_def_t push_def = { &objs, &wins, push_get, push_set, push_now };
static const msdk_cosem_push_setup_def_t push_none = { NULL, NULL, NULL, NULL, NULL };
static const msdk_cosem_register_def_t power_def = { 0, 27u, power_get, NULL, NULL };
static const msdk_cosem_value_t serial_value = {
    .tag = MSDK_COSEM_AXDR_OCTET_STRING,
    .v.str = { (const uint8_t *)"MSDK0001", 8u },
};
static const msdk_cosem_data_def_t serial_def = { &serial_value, NULL, NULL };

#define ALL 0xFFFFFFFFu
static const msdk_cosem_rights_t r_all[1] = { { .read = ALL, .write = ALL, .exec = ALL } };
static const msdk_cosem_rights_t r_ro[1] = { { .read = ALL, .write = 0u, .exec = 0u } };

enum {
    O_DC,
    O_DC_NONE,
    O_LIM,
    O_LIM_ANY,
    O_PUSH,
    O_PUSH_NONE,
    O_POWER,
    O_SERIAL,
    N_OBJ
};

static const msdk_cosem_object_t objects[N_OBJ] = {
    { { 0, 0, 96, 3, 10, 255 }, &msdk_cosem_class_disconnect, &dc_def, &g_app, r_all },
    { { 0, 0, 96, 3, 11, 255 }, &msdk_cosem_class_disconnect, &dc_none, &g_app, r_all },
    { { 0, 0, 17, 0, 0, 255 }, &msdk_cosem_class_limiter, &lim_def, &g_app, r_all },
    { { 0, 0, 17, 0, 1, 255 }, &msdk_cosem_class_limiter, &lim_any, &g_app, r_all },
    { { 0, 0, 25, 9, 0, 255 }, &msdk_cosem_class_push_setup, &push_def, &g_app, r_all },
    { { 0, 0, 25, 9, 1, 255 }, &msdk_cosem_class_push_setup, &push_none, &g_app, r_all },
    { { 1, 0, 1, 7, 0, 255 }, &msdk_cosem_class_register, &power_def, &g_app, r_ro },
    { { 0, 0, 96, 1, 0, 255 }, &msdk_cosem_class_data, &serial_def, &g_app, r_ro },
};

#define CONF (0x00501Fu | MSDK_COSEM_CONF_BLOCK_TRANSFER_SET)
static const msdk_cosem_assoc_def_t assocs[1] = { { 16u, MSDK_COSEM_MECH_LOWEST, CONF, NULL,
                                                    NULL } };
static const msdk_cosem_ldev_t ldev = { objects, N_OBJ, assocs, 1u, 1024u, NULL, NULL, NULL };

/* Object references (class id and logical name) as they appear in the APDUs. */
#define DC      "0046 0000 60030AFF"
#define DC_NONE "0046 0000 60030BFF"
#define LIM     "0047 0000 110000FF"
#define LIM_ANY "0047 0000 110001FF"
#define PUSH    "0028 0000 190900FF"
#define PUSH_NO "0028 0000 190901FF"

/* date-times used below */
static const msdk_cosem_datetime_t dt_emergency = { 2026, 3, 1, 0xFF, 0, 0, 0, 0, INT16_MIN, 0xFF };
#define DT_EMERGENCY "07EA0301FF000000008000FF"
static const msdk_cosem_datetime_t dt_08 = {
    0xFFFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0, INT16_MIN, 0xFF
};
static const msdk_cosem_datetime_t dt_20 = {
    0xFFFF, 0xFF, 0xFF, 0xFF, 20, 0, 0, 0, INT16_MIN, 0xFF
};
#define DT_08 "FFFFFFFFFF080000008000FF"
#define DT_20 "FFFFFFFFFF140000008000FF"

static void app_defaults(void)
{
    memset(&g_app, 0, sizeof g_app);
    g_app.dc.output_state = true;
    g_app.dc.control_state = MSDK_COSEM_DISCONNECT_STATE_CONNECTED;
    g_app.dc.control_mode = 4;
    g_app.action_result = MSDK_COSEM_ACTION_SUCCESS;
    msdk_cosem_limiter_value_t *l = g_app.lim;
    l[2].monitored.class_id = 3;
    memcpy(l[2].monitored.ln, "\x01\x00\x01\x07\x00\xFF", 6);
    l[2].monitored.attr = 2;
    for (unsigned k = 3; k <= 5; k++) {
        l[k].threshold.tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    }
    l[3].threshold.v.u = 5000;
    l[4].threshold.v.u = 5000;
    l[5].threshold.v.u = 2000;
    l[6].duration_s = 60;
    l[7].duration_s = 300;
    l[8].emergency.id = 1;
    l[8].emergency.activation_time = dt_emergency;
    l[8].emergency.duration_s = 3600;
    l[10].active = false;
    memcpy(l[11].actions.over.script_ln, "\x00\x00\x0A\x00\x00\xFF", 6);
    l[11].actions.over.selector = 1;
    memcpy(l[11].actions.under.script_ln, "\x00\x00\x0A\x00\x00\xFF", 6);
    l[11].actions.under.selector = 2;
    g_app.groups[0] = 1;
    g_app.groups[1] = 2;
    g_app.groups[2] = 0x1234;
    g_app.n_groups = 3;
    static const msdk_cosem_push_object_t list[4] = {
        { 40, { 0, 0, 25, 9, 0, 255 }, 1, 0 },
        { 1, { 0, 0, 96, 1, 0, 255 }, 2, 0 },
        { 3, { 1, 0, 1, 7, 0, 255 }, 2, 0 },
        { 71, { 0, 0, 17, 0, 0, 255 }, 9, 3 },
    };
    memcpy(g_app.objs, list, sizeof list);
    g_app.n_objs = 4;
    g_app.wins[0].start = dt_08;
    g_app.wins[0].end = dt_20;
    g_app.n_wins = 1;
    memcpy(g_app.dest, "192.168.1.1:4059", 16);
    g_app.dest_len = 16;
    g_app.transport = 0;
    g_app.message = 0;
    g_app.rand_s = 60;
    g_app.retries = 3;
    g_app.rep_s = 30;
    g_app.power = 5000;
    g_app.fail_row = -1;
    g_app.max_rows = MAX_ROWS;
}

/* ---- APDU helpers ------------------------------------------------------------------------ */

static void setup(void)
{
    app_defaults();
    ck_srv_init(&ldev, 512u);
    ck_associate_hex(CK_AARQ_PLAIN); /* the published plain AARQ (client max PDU 1200) */
}

/* ---- Disconnect control through the server ------------------------------------------------ */

START_TEST(dc_get_attributes)
{
    ck_xchg("C001C1" DC "0100", "C401C100 0906 0000 60030AFF");
    ck_xchg("C001C1" DC "0200", "C401C100 0301"); /* output_state true */
    ck_xchg("C001C1" DC "0300", "C401C100 1601"); /* control_state connected */
    ck_xchg("C001C1" DC "0400", "C401C100 1604"); /* control_mode 4 */
    ck_xchg("C001C1" DC "0500", "C401C101 0B");   /* no attribute 5 */
    /* A provider failure is passed on; a state out of range is a hardware fault. */
    g_app.get_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_xchg("C001C1" DC "0200", "C401C101 02");
    g_app.get_dar = 0;
    g_app.dc.control_state = 3;
    ck_xchg("C001C1" DC "0300", "C401C101 01");
    g_app.dc.control_state = 2;
    g_app.dc.control_mode = 7;
    ck_xchg("C001C1" DC "0400", "C401C101 01");
    /* No provider: object-unavailable. Selective access: refused. */
    ck_xchg("C001C1" DC_NONE "0200", "C401C101 0B");
    ck_xchg("C001C1" DC "0201 01 0F00", "C401C101 FA");
}
END_TEST

START_TEST(dc_set_control_mode)
{
    ck_xchg("C101C1" DC "0400 1606", "C501C100");
    ck_assert_uint_eq(g_app.dc.control_mode, 6);
    ck_xchg("C101C1" DC "0400 1600", "C501C100");
    ck_assert_uint_eq(g_app.dc.control_mode, 0);
    ck_assert_uint_eq(g_app.mode_sets, 2);
    /* Out of range, wrong types: type-unmatched, nothing applied. */
    ck_xchg("C101C1" DC "0400 1607", "C501C10C");
    ck_xchg("C101C1" DC "0400 16FF", "C501C10C");
    ck_xchg("C101C1" DC "0400 1103", "C501C10C");
    ck_xchg("C101C1" DC "0400 0F03", "C501C10C");
    ck_xchg("C101C1" DC "0400 0201 1603", "C501C10C");
    ck_assert_uint_eq(g_app.mode_sets, 2);
    /* The states are the relay's: read-only. */
    ck_xchg("C101C1" DC "0200 0300", "C501C103");
    ck_xchg("C101C1" DC "0300 1600", "C501C103");
    ck_xchg("C101C1" DC_NONE "0400 1601", "C501C103");
    ck_assert_uint_eq(g_app.dc.control_mode, 0);
}
END_TEST

START_TEST(dc_methods)
{
    ck_xchg("C301C1" DC "0101 0F00", "C701C10000");
    ck_assert_uint_eq(g_app.disconnects, 1);
    ck_xchg("C001C1" DC "0200", "C401C100 0300");
    ck_xchg("C001C1" DC "0300", "C401C100 1600");
    ck_xchg("C301C1" DC "0201 0F00", "C701C10000");
    ck_assert_uint_eq(g_app.reconnects, 1);
    ck_xchg("C001C1" DC "0300", "C401C100 1601");
    /* Clients that omit the parameter send null-data. */
    ck_xchg("C301C1" DC "0101 00", "C701C10000");
    ck_assert_uint_eq(g_app.disconnects, 2);
    /* Bad parameters. */
    ck_xchg("C301C1" DC "0101 0F01", "C701C10C00");
    ck_xchg("C301C1" DC "0101 1100", "C701C10C00");
    ck_xchg("C301C1" DC "0201 0300", "C701C10C00");
    ck_assert_uint_eq(g_app.disconnects, 2);
    ck_assert_uint_eq(g_app.reconnects, 1);
    /* The relay logic refuses in its current mode: its result is reported. */
    g_app.action_result = MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    ck_xchg("C301C1" DC "0101 0F00", "C701C10200");
    ck_assert_uint_eq(g_app.disconnects, 2);
    /* No method 3; no methods at all. */
    ck_xchg("C301C1" DC "0301 0F00", "C701C10B00");
    ck_xchg("C301C1" DC_NONE "0101 0F00", "C701C10B00");
}
END_TEST

/* ---- Limiter through the server ---------------------------------------------------------- */

START_TEST(lim_get_attributes)
{
    ck_xchg("C001C1" LIM "0200", "C401C100 0203 120003 0906 0100010700FF 0F02");
    ck_xchg("C001C1" LIM "0300", "C401C100 0600001388");
    ck_xchg("C001C1" LIM "0400", "C401C100 0600001388");
    ck_xchg("C001C1" LIM "0500", "C401C100 06000007D0");
    ck_xchg("C001C1" LIM "0600", "C401C100 060000003C");
    ck_xchg("C001C1" LIM "0700", "C401C100 060000012C");
    ck_xchg("C001C1" LIM "0800", "C401C100 0203 120001 090C" DT_EMERGENCY " 0600000E10");
    ck_xchg("C001C1" LIM "0900", "C401C100 0103 120001 120002 121234");
    ck_xchg("C001C1" LIM "0A00", "C401C100 0300");
    ck_xchg("C001C1" LIM "0B00",
            "C401C100 0202 0202 0906 00000A0000FF 120001 0202 0906 00000A0000FF 120002");
    ck_xchg("C001C1" LIM "0C00", "C401C101 0B");
    ck_xchg("C001C1" LIM "0201 01 0F00", "C401C101 FA");
}
END_TEST

START_TEST(lim_get_bad_provider)
{
    /* A threshold of another type than configured, a bad date-time, an attribute index 0:
     * hardware-fault. */
    g_app.lim[3].threshold.tag = MSDK_COSEM_AXDR_LONG_UNSIGNED;
    ck_xchg("C001C1" LIM "0300", "C401C101 01");
    /* With no configured type, any numeric type goes, but not a string. */
    ck_xchg("C001C1" LIM_ANY "0300", "C401C100 121388");
    g_app.lim[3].threshold.tag = MSDK_COSEM_AXDR_OCTET_STRING;
    g_app.lim[3].threshold.v.str.p = NULL;
    g_app.lim[3].threshold.v.str.len = 0;
    ck_xchg("C001C1" LIM_ANY "0300", "C401C101 01");
    g_app.lim[8].emergency.activation_time.month = 13;
    ck_xchg("C001C1" LIM "0800", "C401C101 01");
    g_app.lim[2].monitored.attr = 0;
    ck_xchg("C001C1" LIM "0200", "C401C101 01");
    g_app.get_dar = MSDK_COSEM_DAR_OBJECT_UNAVAILABLE;
    ck_xchg("C001C1" LIM "0600", "C401C101 0B");
    g_app.get_dar = 0;
    /* A group row that fails: its data-access-result. */
    g_app.row_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    g_app.row_fail_at = 0;
    ck_xchg("C001C1" LIM "0900", "C401C101 02");
}
END_TEST

START_TEST(lim_set_values)
{
    ck_xchg("C101C1" LIM "0400 0600001F40", "C501C100");
    ck_assert_uint_eq(g_app.lim[4].threshold.v.u, 8000);
    ck_xchg("C101C1" LIM "0500 06000003E8", "C501C100");
    ck_assert_uint_eq(g_app.lim[5].threshold.v.u, 1000);
    ck_xchg("C101C1" LIM "0300 0600001F40", "C501C103"); /* the provider refuses */
    ck_xchg("C101C1" LIM "0200 0203 120004 0906 0100010700FF 0F02", "C501C100");
    ck_assert_uint_eq(g_app.lim[2].monitored.class_id, 4);
    ck_xchg("C101C1" LIM "0600 0600000078", "C501C100");
    ck_assert_uint_eq(g_app.lim[6].duration_s, 120);
    ck_xchg("C101C1" LIM "0700 06FFFFFFFF", "C501C100");
    ck_assert_uint_eq(g_app.lim[7].duration_s, 0xFFFFFFFFu);
    ck_xchg("C101C1" LIM "0800 0203 120007 090C 07EA0615FF0C1E00 00FF88 00 06000001F4", "C501C100");
    const msdk_cosem_emergency_profile_t *e = &g_app.lim[8].emergency;
    ck_assert_uint_eq(e->id, 7);
    ck_assert_uint_eq(e->activation_time.year, 2026);
    ck_assert_uint_eq(e->activation_time.month, 6);
    ck_assert_uint_eq(e->activation_time.day, 21);
    ck_assert_uint_eq(e->activation_time.hour, 12);
    ck_assert_uint_eq(e->activation_time.minute, 30);
    ck_assert_int_eq(e->activation_time.deviation, -120);
    ck_assert_uint_eq(e->duration_s, 500);
    ck_xchg("C101C1" LIM "0A00 0301", "C501C100");
    ck_assert(g_app.lim[10].active);
    ck_xchg("C101C1" LIM "0B00 0202 0202 0906 00000A0064FF 120003 0202 0906 00000A0064FF 120004",
            "C501C100");
    ck_assert_uint_eq(g_app.lim[11].actions.over.script_ln[4], 100);
    ck_assert_uint_eq(g_app.lim[11].actions.under.selector, 4);
    ck_assert_uint_eq(g_app.lim_sets, 8);
    /* Read-only definition. */
    ck_xchg("C101C1" LIM_ANY "0400 0600001F40", "C501C103");
    ck_xchg("C101C1" LIM_ANY "0900 0100", "C501C103");
    ck_assert_uint_eq(g_app.lim_sets, 8);
}
END_TEST

START_TEST(lim_set_rejected)
{
    static const char *const bad[] = {
        "0400 12 1F40",                                              /* threshold of another type */
        "0400 0901 00",                                              /* not a scalar of that type */
        "0200 0203 120004 0906 0100010700FF 0F00",                   /* attribute index 0 */
        "0200 0203 120004 0906 0100010700FF 0FFF",                   /* attribute index -1 */
        "0200 0203 120004 0905 01000107FF 0F02",                     /* logical name of 5 bytes */
        "0200 0202 120004 0906 0100010700FF",                        /* 2 members */
        "0200 0204 120004 0906 0100010700FF 0F02 0F02",              /* 4 members */
        "0200 0103 120004 0906 0100010700FF 0F02",                   /* array, not structure */
        "0200 0203 1104 0906 0100010700FF 0F02",                     /* unsigned class id */
        "0600 12 0078",                                              /* long-unsigned duration */
        "0700 05 00000078",                                          /* double-long duration */
        "0800 0203 120007 090C 07EA0D15FF0C1E0000FF8800 06000001F4", /* month 13 */
        "0800 0203 120007 090C 07EA0615FF181E0000FF8800 06000001F4", /* hour 24 */
        "0800 0203 120007 090B 07EA0615FF0C1E0000FF88 06000001F4",   /* 11 bytes */
        "0800 0203 120007 19 07EA0615FF0C1E0000FF8800 06000001F4",   /* tagged date-time */
        "0A00 1101",                                                 /* unsigned, not boolean */
        "0B00 0201 0202 0906 00000A0064FF 120003",                   /* one action item only */
        "0B00 0202 0202 0906 00000A0064FF 1103 0202 0906 00000A0064FF 120004",
        "0900 0102 120001 1102",   /* a group id of another type */
        "0900 0202 120001 120002", /* structure, not array */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char req[200];
        strcpy(req, "C101C1" LIM);
        strcat(req, bad[i]);
        ck_send_hex(req);
        if ((g_srv.out_len != 4u) || (g_srv.out[3] != MSDK_COSEM_DAR_TYPE_UNMATCHED)) {
            ck_abort_msg("value %u not refused", (unsigned)i);
        }
    }
    ck_assert_uint_eq(g_app.lim_sets, 0);
    ck_assert_uint_eq(g_app.begins, 0);
    ck_assert_uint_eq(g_app.lim[4].threshold.v.u, 5000);
}
END_TEST

START_TEST(lim_groups_set)
{
    ck_xchg("C101C1" LIM "0900 0103 12000A 120014 12001E", "C501C100");
    ck_assert_uint_eq(g_app.n_groups, 3);
    ck_assert_uint_eq(g_app.groups[0], 10);
    ck_assert_uint_eq(g_app.groups[2], 30);
    ck_xchg("C001C1" LIM "0900", "C401C100 0103 12000A 120014 12001E");
    ck_xchg("C101C1" LIM "0900 0100", "C501C100"); /* empty list */
    ck_assert_uint_eq(g_app.n_groups, 0);
    ck_xchg("C001C1" LIM "0900", "C401C100 0100");
    ck_assert_uint_eq(g_app.commits, 2);
    /* The application refuses the count, or fails a row: nothing applied. */
    g_app.max_rows = 2;
    ck_xchg("C101C1" LIM "0900 0103 12000A 120014 12001E", "C501C1FA");
    g_app.max_rows = MAX_ROWS;
    g_app.fail_row = 1;
    ck_xchg("C101C1" LIM "0900 0103 12000A 120014 12001E", "C501C102");
    ck_assert_uint_eq(g_app.aborts, 1);
    ck_assert_uint_eq(g_app.commits, 2);
    ck_assert_uint_eq(g_app.n_groups, 0);
}
END_TEST

START_TEST(lim_groups_in_blocks)
{
    /* 150 ids: 452 bytes, read with a client PDU of 64 and written in blocks. */
    ck_associate(64u);
    g_app.n_groups = 150;
    for (unsigned i = 0; i < 150; i++) {
        g_app.groups[i] = (uint16_t)(i * 257u);
    }
    uint8_t v[1024];
    size_t len = 0;
    unsigned blocks = 0;
    ck_assert_uint_eq(ck_get_blocks_hex("C001C1" LIM "0900", SIZE_MAX, v, sizeof v, &len, &blocks),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_gt(blocks, 7); /* at least 7 next-block requests */
    ck_assert_uint_eq(len, 3u + (150u * 3u));
    ck_assert_mem_eq(v, "\x01\x81\x96", 3);
    for (unsigned i = 0; i < 150; i++) {
        const uint8_t *p = &v[3 + (3 * i)];
        if ((p[0] != 0x12) || (p[1] != (uint8_t)((i * 257u) >> 8)) ||
            (p[2] != (uint8_t)(i * 257u))) {
            ck_abort_msg("id %u", i);
        }
    }
    /* Write the list back reversed, in SET datablocks of 40 bytes. */
    uint8_t val[460];
    val[0] = 0x01;
    val[1] = 0x81;
    val[2] = 0x96;
    for (unsigned i = 0; i < 150; i++) {
        uint16_t id = (uint16_t)((149u - i) * 257u);
        val[3 + (3 * i)] = 0x12;
        val[4 + (3 * i)] = (uint8_t)(id >> 8);
        val[5 + (3 * i)] = (uint8_t)id;
    }
    size_t total = 3u + (150u * 3u);
    size_t pos = 0;
    uint32_t block = 1;
    while (pos < total) {
        size_t n = ((total - pos) > 40u) ? 40u : (total - pos);
        bool last = (pos + n) == total;
        uint8_t req[80];
        size_t k = 0;
        if (block == 1u) {
            k = ck_hex("C102C1 " LIM "0900", req, sizeof req);
        } else {
            k = ck_hex("C103C1", req, sizeof req);
        }
        req[k++] = last ? 1u : 0u;
        req[k++] = 0;
        req[k++] = 0;
        req[k++] = 0;
        req[k++] = (uint8_t)block;
        req[k++] = (uint8_t)n;
        memcpy(&req[k], &val[pos], n);
        ck_send(req, k + n);
        pos += n;
        block++;
    }
    ck_assert_uint_eq(g_srv.out[0], 0xC5);
    ck_assert_uint_eq(g_srv.out[3], 0x00); /* success */
    ck_assert_uint_eq(g_app.n_groups, 150);
    ck_assert_uint_eq(g_app.groups[0], 149u * 257u);
    ck_assert_uint_eq(g_app.groups[149], 0);
}
END_TEST

/* ---- Push setup through the server ------------------------------------------------------- */

#define PUSH_LIST                                                                                  \
    "0104"                                                                                         \
    " 0204 120028 0906 0000190900FF 0F01 120000"                                                   \
    " 0204 120001 0906 0000600100FF 0F02 120000"                                                   \
    " 0204 120003 0906 0100010700FF 0F02 120000"                                                   \
    " 0204 120047 0906 0000110000FF 0F09 120003"

START_TEST(push_get_attributes)
{
    ck_xchg("C001C1" PUSH "0200", "C401C100 " PUSH_LIST);
    ck_xchg("C001C1" PUSH "0300", "C401C100 0203 1600 0910 3139322E3136382E312E313A34303539 1600");
    ck_xchg("C001C1" PUSH "0400", "C401C100 0101 0202 090C" DT_08 " 090C" DT_20);
    ck_xchg("C001C1" PUSH "0500", "C401C100 12003C");
    ck_xchg("C001C1" PUSH "0600", "C401C100 1103");
    ck_xchg("C001C1" PUSH "0700", "C401C100 12001E");
    ck_xchg("C001C1" PUSH "0800", "C401C101 0B");
    ck_xchg("C001C1" PUSH "0201 01 0F00", "C401C101 FA");
    /* No providers. */
    ck_xchg("C001C1" PUSH_NO "0200", "C401C101 0B");
    ck_xchg("C001C1" PUSH_NO "0400", "C401C101 0B");
    ck_xchg("C001C1" PUSH_NO "0300", "C401C101 0B");
    /* Bad values from the provider. */
    g_app.transport = 9;
    ck_xchg("C001C1" PUSH "0300", "C401C101 01");
    g_app.transport = 200; /* manufacturer specific */
    g_app.message = 128;
    ck_xchg("C001C1" PUSH "0300", "C401C100 0203 16C8 0910 3139322E3136382E312E313A34303539 1680");
    g_app.wins[0].end.minute = 60;
    ck_xchg("C001C1" PUSH "0400", "C401C101 01");
    g_app.objs[2].attr = -3;
    ck_xchg("C001C1" PUSH "0200", "C401C101 01");
    g_app.get_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_xchg("C001C1" PUSH "0600", "C401C101 02");
}
END_TEST

START_TEST(push_set_values)
{
    ck_xchg("C101C1" PUSH "0300 0203 1604 090C 2B3331363132333435363738 1600", "C501C100");
    ck_assert_uint_eq(g_app.transport, 4); /* SMS */
    ck_assert_uint_eq(g_app.dest_len, 12);
    ck_assert_mem_eq(g_app.dest, "+31612345678", 12);
    ck_xchg("C101C1" PUSH "0300 0203 16FF 0900 16FF", "C501C100");
    ck_assert_uint_eq(g_app.dest_len, 0);
    ck_xchg("C101C1" PUSH "0500 120E10", "C501C100");
    ck_assert_uint_eq(g_app.rand_s, 3600);
    ck_xchg("C101C1" PUSH "0600 1105", "C501C100");
    ck_assert_uint_eq(g_app.retries, 5);
    ck_xchg("C101C1" PUSH "0700 12FFFF", "C501C100");
    ck_assert_uint_eq(g_app.rep_s, 0xFFFF);
    ck_assert_uint_eq(g_app.push_sets, 5);
    /* Tables. */
    ck_xchg("C101C1" PUSH "0200 0102 0204 120028 0906 0000190900FF 0F01 120000"
            " 0204 120007 0906 0100630100FF 0F02 120005",
            "C501C100");
    ck_assert_uint_eq(g_app.n_objs, 2);
    ck_assert_uint_eq(g_app.objs[1].class_id, 7);
    ck_assert_uint_eq(g_app.objs[1].ln[2], 99);
    ck_assert_int_eq(g_app.objs[1].attr, 2);
    ck_assert_uint_eq(g_app.objs[1].data_index, 5);
    ck_xchg("C101C1" PUSH "0400 0102 0202 090C" DT_20 " 090C" DT_08 " 0202 090C" DT_08
            " 090C" DT_20,
            "C501C100");
    ck_assert_uint_eq(g_app.n_wins, 2);
    ck_assert_uint_eq(g_app.wins[0].start.hour, 20);
    ck_assert_uint_eq(g_app.wins[1].end.hour, 20);
    ck_xchg("C001C1" PUSH "0400",
            "C401C100 0102 0202 090C" DT_20 " 090C" DT_08 " 0202 090C" DT_08 " 090C" DT_20);
    ck_xchg("C101C1" PUSH "0400 0100", "C501C100");
    ck_assert_uint_eq(g_app.n_wins, 0);
    /* Read-only definition. */
    ck_xchg("C101C1" PUSH_NO "0600 1105", "C501C103");
    ck_xchg("C101C1" PUSH_NO "0200 0100", "C501C103");
}
END_TEST

START_TEST(push_set_rejected)
{
    static const char *const bad[] = {
        "0300 0203 1609 0900 1600",                               /* transport 9 */
        "0300 0203 16C7 0900 1600",                               /* transport 199 */
        "0300 0203 1600 0900 1602",                               /* message 2 */
        "0300 0203 1600 0900 167F",                               /* message 127 */
        "0300 0203 1100 0900 1600",                               /* unsigned, not enum */
        "0300 0203 1600 0A00 1600",                               /* visible-string destination */
        "0300 0202 1600 0900",                                    /* 2 members */
        "0500 060000003C",                                        /* double-long-unsigned */
        "0500 11 3C",                                             /* unsigned, not long-unsigned */
        "0600 12 0005",                                           /* long-unsigned, not unsigned */
        "0700 10 001E",                                           /* long, not long-unsigned */
        "0200 0101 0204 120028 0906 0000190900FF 0FFF 120000",    /* attribute -1 */
        "0200 0101 0204 120028 0907 0000190900FF00 0F01 120000",  /* 7-byte name */
        "0200 0101 0203 120028 0906 0000190900FF 0F01",           /* 3 members */
        "0200 0101 0204 120028 0906 0000190900FF 0F01 1100",      /* unsigned data index */
        "0200 0102 0204 120028 0906 0000190900FF 0F01 120000 00", /* null row */
        "0400 0101 0201 090C" DT_08,                              /* one date-time */
        "0400 0101 0202 090C" DT_08 " 090C FFFFFFFFFF18000000 8000FF", /* hour 24 */
        "0400 0101 0202 090C" DT_08 " 0905 FFFFFFFFFF",                /* a date */
        "0400 0201 0202 090C" DT_08 " 090C" DT_20,                     /* structure */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char req[200];
        strcpy(req, "C101C1" PUSH);
        strcat(req, bad[i]);
        ck_send_hex(req);
        if ((g_srv.out_len != 4u) || (g_srv.out[3] != MSDK_COSEM_DAR_TYPE_UNMATCHED)) {
            ck_abort_msg("value %u not refused (%u bytes, result %u)", (unsigned)i,
                         (unsigned)g_srv.out_len, (unsigned)g_srv.out[3]);
        }
    }
    ck_assert_uint_eq(g_app.push_sets, 0);
    ck_assert_uint_eq(g_app.begins, 0);
    ck_assert_uint_eq(g_app.n_objs, 4);
    /* The application's refusals. */
    g_app.max_rows = 1;
    ck_xchg("C101C1" PUSH "0400 0102 0202 090C" DT_20 " 090C" DT_08 " 0202 090C" DT_08
            " 090C" DT_20,
            "C501C1FA");
    g_app.max_rows = MAX_ROWS;
    g_app.fail_row = 0;
    ck_xchg("C101C1" PUSH "0200 0101 0204 120028 0906 0000190900FF 0F01 120000", "C501C102");
    ck_assert_uint_eq(g_app.aborts, 1);
    ck_assert_uint_eq(g_app.n_objs, 4);
    ck_xchg("C101C1" PUSH "0300 0203 1600 092A "
            "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627"
            "2829 1600",
            "C501C1FA"); /* longer than the application stores */
}
END_TEST

START_TEST(push_method)
{
    ck_xchg("C301C1" PUSH "0101 0F00", "C701C10000");
    ck_assert_uint_eq(g_app.pushes, 1);
    ck_xchg("C301C1" PUSH "0101 0F01", "C701C10C00");
    ck_xchg("C301C1" PUSH "0201 0F00", "C701C10B00");
    ck_xchg("C301C1" PUSH_NO "0101 0F00", "C701C10B00");
    ck_assert_uint_eq(g_app.pushes, 1);
}
END_TEST

START_TEST(push_list_in_blocks)
{
    ck_associate(64u);
    uint8_t want[200];
    size_t n = ck_hex(PUSH_LIST, want, sizeof want);
    uint8_t v[400];
    size_t len = 0;
    unsigned blocks = 0;
    ck_assert_uint_eq(ck_get_blocks_hex("C001C1" PUSH "0200", SIZE_MAX, v, sizeof v, &len, &blocks),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_ge(blocks, 2); /* at least one next-block request */
    ck_assert_uint_eq(len, n);
    ck_assert_mem_eq(v, want, n);
}
END_TEST

/* ---- The push's data-notification -------------------------------------------------------- */

START_TEST(push_encode_notification)
{
    uint8_t buf[300];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, buf, sizeof buf);
    /* liip 0x000001DB and no date-time: the header of the published data-notification,
     * 0F 000001DB 00. The body: the push setup's name, the serial number, the power and
     * the third emergency group id. */
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, &objects[O_PUSH], 0x1DBu, NULL, &w), MSDK_OK);
    uint8_t want[100];
    size_t n = ck_hex("0F000001DB00 0204 0906 0000190900FF 0908 4D53444B30303031 0600001388 121234",
                      want, sizeof want);
    ck_assert_uint_eq(w.pos, n);
    ck_assert_mem_eq(buf, want, n);
    /* The same decoded by the xDLMS decoder. */
    msdk_cosem_xdlms_data_notification_t dn;
    ck_assert_int_eq(msdk_cosem_xdlms_data_notification_decode(buf, w.pos, &dn), MSDK_OK);
    ck_assert_uint_eq(dn.liip, 0x1DBu);
    ck_assert_uint_eq(dn.body.len, n - 6u);

    /* With a date-time, appended to what the buffer holds. */
    uint8_t dt[12];
    ck_hex(DT_EMERGENCY, dt, sizeof dt);
    msdk_wbuf_init(&w, buf, sizeof buf);
    w.pos = 3;
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, &objects[O_PUSH], 0x80000001u, dt, &w), MSDK_OK);
    n = ck_hex("0F80000001 0C" DT_EMERGENCY
               " 0204 0906 0000190900FF 0908 4D53444B30303031 0600001388"
               " 121234",
               want, sizeof want);
    ck_assert_uint_eq(w.pos, 3u + n);
    ck_assert_mem_eq(&buf[3], want, n);

    /* Every smaller buffer: too small, nothing written. */
    for (size_t cap = 0; cap < n; cap++) {
        memset(buf, 0xAA, sizeof buf);
        msdk_wbuf_init(&w, buf, cap);
        if ((msdk_cosem_push_encode(&ldev, &objects[O_PUSH], 0x80000001u, dt, &w) !=
             MSDK_ERR_BUFFER_TOO_SMALL) ||
            (w.pos != 0u)) {
            ck_abort_msg("capacity %u", (unsigned)cap);
        }
    }
}
END_TEST

START_TEST(push_encode_whole_tables)
{
    /* The whole group list (a streamed attribute) and the whole actions structure, then
     * one element of a structure. */
    g_app.n_objs = 3;
    g_app.objs[0] = (msdk_cosem_push_object_t){ 71, { 0, 0, 17, 0, 0, 255 }, 9, 0 };
    g_app.objs[1] = (msdk_cosem_push_object_t){ 71, { 0, 0, 17, 0, 0, 255 }, 11, 0 };
    g_app.objs[2] = (msdk_cosem_push_object_t){ 71, { 0, 0, 17, 0, 0, 255 }, 11, 2 };
    g_app.n_groups = 100;
    for (unsigned i = 0; i < 100; i++) {
        g_app.groups[i] = (uint16_t)i;
    }
    uint8_t buf[600];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, buf, sizeof buf);
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, &objects[O_PUSH], 1u, NULL, &w), MSDK_OK);
    ck_assert_uint_eq(w.pos, 6u + 2u + (2u + 300u) + 28u + 13u);
    ck_assert_mem_eq(&buf[6], "\x02\x03\x01\x64\x12\x00\x00\x12\x00\x01", 10);
    uint8_t want[60];
    size_t n = ck_hex("0202 0202 0906 00000A0000FF 120001 0202 0906 00000A0000FF 120002"
                      " 0202 0906 00000A0000FF 120002",
                      want, sizeof want);
    ck_assert_uint_eq(6u + 2u + 302u + n, w.pos);
    ck_assert_mem_eq(&buf[6u + 2u + 302u], want, n);
    /* The streamed list needs the room for all of it. */
    for (size_t cap = 300; cap < w.pos; cap += 7) {
        msdk_wbuf_t s;
        msdk_wbuf_init(&s, buf, cap);
        if (msdk_cosem_push_encode(&ldev, &objects[O_PUSH], 1u, NULL, &s) !=
            MSDK_ERR_BUFFER_TOO_SMALL) {
            ck_abort_msg("capacity %u", (unsigned)cap);
        }
    }
}
END_TEST

START_TEST(push_encode_errors)
{
    uint8_t buf[300];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, buf, sizeof buf);
    w.pos = 5;
    const msdk_cosem_object_t *p = &objects[O_PUSH];
    ck_assert_int_eq(msdk_cosem_push_encode(NULL, p, 1u, NULL, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, NULL, 1u, NULL, &w), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, p, 1u, NULL, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, &objects[O_DC], 1u, NULL, &w),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, &objects[O_PUSH_NONE], 1u, NULL, &w),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(w.pos, 5u);
    static const struct {
        msdk_cosem_push_object_t e;
        msdk_err_t err;
    } cases[] = {
        { { 3, { 1, 0, 1, 7, 0, 254 }, 2, 0 }, MSDK_ERR_NOT_FOUND },     /* no such object */
        { { 1, { 1, 0, 1, 7, 0, 255 }, 2, 0 }, MSDK_ERR_NOT_FOUND },     /* another class */
        { { 3, { 1, 0, 1, 7, 0, 255 }, 4, 0 }, MSDK_ERR_NOT_FOUND },     /* no attribute 4 */
        { { 3, { 1, 0, 1, 7, 0, 255 }, 0, 0 }, MSDK_ERR_NOT_SUPPORTED }, /* all attributes */
        { { 3, { 1, 0, 1, 7, 0, 255 }, 2, 1 }, MSDK_ERR_NOT_SUPPORTED }, /* element of a scalar */
        { { 71, { 0, 0, 17, 0, 0, 255 }, 9, 4 }, MSDK_ERR_NOT_FOUND },   /* 3 group ids */
        { { 70, { 0, 0, 96, 3, 11, 255 }, 2, 0 }, MSDK_ERR_IO },         /* no provider */
        { { 3, { 1, 0, 1, 7, 0, 255 }, -2, 0 }, MSDK_ERR_NOT_FOUND },    /* negative index */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g_app.objs[2] = cases[i].e;
        memset(buf, 0x55, sizeof buf);
        msdk_err_t err = msdk_cosem_push_encode(&ldev, p, 1u, NULL, &w);
        if ((err != cases[i].err) || (w.pos != 5u)) {
            ck_abort_msg("case %u: %d", (unsigned)i, (int)err);
        }
    }
    /* The list itself fails. */
    app_defaults();
    g_app.row_dar = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    g_app.row_fail_at = 1;
    ck_assert_int_eq(msdk_cosem_push_encode(&ldev, p, 1u, NULL, &w), MSDK_ERR_IO);
    ck_assert_uint_eq(w.pos, 5u);
    /* A logical device without association. */
    static const msdk_cosem_ldev_t empty = { objects, N_OBJ, assocs, 0u, 1024u, NULL, NULL, NULL };
    ck_assert_int_eq(msdk_cosem_push_encode(&empty, p, 1u, NULL, &w), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* ---- Class functions directly: every truncation, every mutation, every buffer size -------- */

typedef struct set_case {
    int obj;
    uint8_t attr;
    const char *value;
} set_case_t;

static const set_case_t set_cases[] = {
    { O_DC, 4, "1603" },
    { O_LIM, 2, "0203 120003 0906 0100010700FF 0F02" },
    { O_LIM, 4, "0600001F40" },
    { O_LIM, 6, "0600000078" },
    { O_LIM, 8, "0203 120007 090C 07EA0615FF0C1E0000FF8800 06000001F4" },
    { O_LIM, 9, "0103 12000A 120014 12001E" },
    { O_LIM, 10, "0301" },
    { O_LIM, 11, "0202 0202 0906 00000A0064FF 120003 0202 0906 00000A0064FF 120004" },
    { O_PUSH, 2,
      "0102 0204 120028 0906 0000190900FF 0F01 120000"
      " 0204 120007 0906 0100630100FF 0F02 120005" },
    { O_PUSH, 3, "0203 1604 090C 2B3331363132333435363738 1600" },
    { O_PUSH, 4, "0101 0202 090C" DT_08 " 090C" DT_20 },
    { O_PUSH, 5, "120E10" },
    { O_PUSH, 6, "1105" },
    { O_PUSH, 7, "12001E" },
};

static unsigned applied(void)
{
    return g_app.mode_sets + g_app.lim_sets + g_app.push_sets + g_app.begins;
}

static uint8_t call_set(const set_case_t *c, const uint8_t *v, size_t len)
{
    const msdk_cosem_object_t *o = &objects[c->obj];
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, v, len);
    return o->cls->set(o, c->attr, &rq, &rb);
}

START_TEST(set_truncated_every_length)
{
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        uint8_t full[200];
        size_t n = ck_hex(set_cases[i].value, full, sizeof full);
        app_defaults();
        ck_assert_uint_eq(call_set(&set_cases[i], full, n), MSDK_COSEM_DAR_SUCCESS);
        ck_assert_uint_eq(applied(), 1);
        for (size_t len = 0; len < n; len++) {
            app_defaults();
            uint8_t *copy = malloc(len + 1u); /* exact size: ASan sees any over-read */
            memcpy(copy, full, len);
            uint8_t dar = call_set(&set_cases[i], copy, len);
            free(copy);
            if ((dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) || (applied() != 0u)) {
                ck_abort_msg("case %u length %u: %u", (unsigned)i, (unsigned)len, dar);
            }
        }
        /* A trailing byte (the server refuses it first; the class too). */
        app_defaults();
        full[n] = 0x00;
        if ((call_set(&set_cases[i], full, n + 1u) != MSDK_COSEM_DAR_TYPE_UNMATCHED) ||
            (applied() != 0u)) {
            ck_abort_msg("case %u with a trailing byte", (unsigned)i);
        }
    }
}
END_TEST

START_TEST(set_mutated_every_byte)
{
    static const uint8_t subst[] = { 0x00, 0x01, 0x02, 0x06, 0x09, 0x0C, 0x0F, 0x11,
                                     0x12, 0x16, 0x19, 0x7F, 0x80, 0x81, 0x84, 0xFF };
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        uint8_t full[200];
        size_t n = ck_hex(set_cases[i].value, full, sizeof full);
        for (size_t at = 0; at < n; at++) {
            for (size_t s = 0; s < sizeof subst; s++) {
                uint8_t *copy = malloc(n);
                memcpy(copy, full, n);
                copy[at] = subst[s];
                app_defaults();
                uint8_t dar = call_set(&set_cases[i], copy, n);
                free(copy);
                /* Either refused with nothing applied, or applied once. */
                if (((dar == MSDK_COSEM_DAR_SUCCESS) && (applied() == 0u)) ||
                    ((dar != MSDK_COSEM_DAR_SUCCESS) && (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) &&
                     (dar != MSDK_COSEM_DAR_OTHER_REASON)) ||
                    ((dar == MSDK_COSEM_DAR_TYPE_UNMATCHED) && (applied() != 0u))) {
                    ck_abort_msg("case %u byte %u = %02X: %u", (unsigned)i, (unsigned)at, subst[s],
                                 dar);
                }
            }
        }
    }
}
END_TEST

/* Streams attribute attr of object obj into blocks of `cap` bytes; returns the number of
 * calls, or 0 when a single item does not fit in `cap`. */
static unsigned stream(int obj, uint8_t attr, size_t cap, uint8_t *all, size_t all_cap,
                       size_t *all_len)
{
    const msdk_cosem_object_t *o = &objects[obj];
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    *all_len = 0;
    unsigned calls = 0;
    for (;;) {
        uint8_t *blk = malloc(cap + 1u);
        msdk_wbuf_t w;
        msdk_wbuf_init(&w, blk, cap);
        rq.more = false;
        int rc = o->cls->get(o, attr, &rq, &w);
        calls++;
        if (rc == MSDK_COSEM_GET_NO_SPACE) {
            if (w.pos != 0u) {
                ck_abort_msg("no space, but %u bytes written", (unsigned)w.pos);
            }
            free(blk);
            return 0;
        }
        if ((rc != MSDK_COSEM_DAR_SUCCESS) || ((*all_len + w.pos) > all_cap)) {
            ck_abort_msg("attribute %u: result %d", attr, rc);
        }
        memcpy(&all[*all_len], blk, w.pos);
        *all_len += w.pos;
        free(blk);
        if (!rq.more) {
            return calls;
        }
    }
}

START_TEST(get_every_buffer_size)
{
    static const struct {
        int obj;
        uint8_t attr;
        bool table;
    } attrs[] = {
        { O_DC, 2, false },   { O_DC, 3, false },   { O_DC, 4, false },   { O_LIM, 2, false },
        { O_LIM, 3, false },  { O_LIM, 6, false },  { O_LIM, 8, false },  { O_LIM, 9, true },
        { O_LIM, 10, false }, { O_LIM, 11, false }, { O_PUSH, 2, true },  { O_PUSH, 3, false },
        { O_PUSH, 4, true },  { O_PUSH, 5, false }, { O_PUSH, 6, false }, { O_PUSH, 7, false },
    };
    app_defaults();
    g_app.n_groups = 40;
    for (unsigned i = 0; i < 40; i++) {
        g_app.groups[i] = (uint16_t)(i * 1000u);
    }
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        uint8_t ref[400];
        size_t ref_len = 0;
        ck_assert_uint_eq(
            stream(attrs[i].obj, attrs[i].attr, sizeof ref, ref, sizeof ref, &ref_len), 1u);
        for (size_t cap = 0; cap < ref_len; cap++) {
            uint8_t got[400];
            size_t got_len = 0;
            unsigned calls = stream(attrs[i].obj, attrs[i].attr, cap, got, sizeof got, &got_len);
            if (!attrs[i].table) {
                if (calls != 0u) {
                    ck_abort_msg("attr %u/%u fits in %u", (unsigned)i, attrs[i].attr,
                                 (unsigned)cap);
                }
                continue;
            }
            /* A table streams once the header and its largest row fit. */
            if ((calls != 0u) && ((got_len != ref_len) || (memcmp(got, ref, ref_len) != 0))) {
                ck_abort_msg("table %u in blocks of %u", (unsigned)i, (unsigned)cap);
            }
            if ((calls == 0u) && (cap >= 40u)) {
                ck_abort_msg("table %u does not stream in %u", (unsigned)i, (unsigned)cap);
            }
        }
    }
}
END_TEST

/* ---- Descriptors ------------------------------------------------------------------------- */

START_TEST(descriptors)
{
    ck_assert_uint_eq(msdk_cosem_class_disconnect.class_id, 70);
    ck_assert_uint_eq(msdk_cosem_class_disconnect.version, 0);
    ck_assert_uint_eq(msdk_cosem_class_disconnect.attr_count, 4);
    ck_assert_uint_eq(msdk_cosem_class_disconnect.method_count, 2);
    ck_assert_uint_eq(msdk_cosem_class_limiter.class_id, 71);
    ck_assert_uint_eq(msdk_cosem_class_limiter.version, 0);
    ck_assert_uint_eq(msdk_cosem_class_limiter.attr_count, 11);
    ck_assert_uint_eq(msdk_cosem_class_limiter.method_count, 0);
    ck_assert_uint_eq(msdk_cosem_class_push_setup.class_id, 40);
    ck_assert_uint_eq(msdk_cosem_class_push_setup.version, 0);
    ck_assert_uint_eq(msdk_cosem_class_push_setup.attr_count, 7);
    ck_assert_uint_eq(msdk_cosem_class_push_setup.method_count, 1);
    ck_assert_uint_eq(msdk_cosem_class_disconnect.selectors | msdk_cosem_class_limiter.selectors |
                          msdk_cosem_class_push_setup.selectors,
                      0);
    /* The limiter has no methods: the server answers object-unavailable. */
    ck_xchg("C301C1" LIM "0101 0F00", "C701C10B00");
}
END_TEST

Suite *cosem_class_control_suite(void)
{
    Suite *s = suite_create("cosem_class_control");
    CK_TCASE(s, "disconnect", setup, dc_get_attributes, dc_set_control_mode, dc_methods);
    CK_TCASE(s, "limiter", setup, lim_get_attributes, lim_get_bad_provider, lim_set_values,
             lim_set_rejected, lim_groups_set, lim_groups_in_blocks);
    CK_TCASE(s, "push", setup, push_get_attributes, push_set_values, push_set_rejected, push_method,
             push_list_in_blocks, push_encode_notification, push_encode_whole_tables,
             push_encode_errors);
    CK_TCASE(s, "robustness", setup, set_truncated_every_length, set_mutated_every_byte,
             get_every_buffer_size, descriptors);
    return s;
}
