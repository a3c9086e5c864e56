/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Script table (9), Special days table (11), Activity calendar (20) and Single action
 * schedule (22) through the server: GET, SET and ACTION APDUs written by hand from the Blue
 * Book attribute definitions (no published vectors exist for these classes), answers
 * compared with hand-derived bytes. Every SET error path is checked to leave the
 * application's tables untouched: wrong types and counts, bad dates and times, duplicate
 * keys, oversized tables, trailing bytes, and the value truncated at every length. Large
 * tables are read in blocks (client PDU 256) and compared with an independent encoding.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_schedule_suite(void);

/* ---- The application: tables in RAM, with call counters ---------------------------------- */

#define MAX_ROWS 24u

typedef struct script_store {
    msdk_cosem_script_t rows[4];
    uint8_t params[4][MSDK_COSEM_SCRIPT_ACTIONS_MAX][8];
    uint32_t n;
    msdk_cosem_script_t staged[4];
    uint32_t staged_n;
} script_store_t;

typedef struct cal_tables {
    msdk_cosem_cal_name_t name;
    msdk_cosem_cal_season_t seasons[MAX_ROWS];
    msdk_cosem_cal_week_t weeks[MAX_ROWS];
    msdk_cosem_cal_day_t days[MAX_ROWS];
    uint32_t n[3];
} cal_tables_t;

typedef struct app {
    /* Script table */
    script_store_t sc;
    uint16_t executed;
    unsigned executions;
    /* Special days */
    msdk_cosem_special_day_t sd[MAX_ROWS];
    uint32_t sd_n;
    msdk_cosem_special_day_t sd_staged[MAX_ROWS];
    uint16_t deleted;
    /* Calendar */
    cal_tables_t active;
    cal_tables_t passive;
    cal_tables_t staged;
    msdk_cosem_datetime_t activate_time;
    unsigned activations;
    /* Single action schedule */
    msdk_cosem_script_ref_t sas_script;
    uint8_t sas_type;
    msdk_cosem_datetime_t sas_times[MAX_ROWS];
    uint32_t sas_n;
    msdk_cosem_datetime_t sas_staged[MAX_ROWS];
    /* Every table SET */
    unsigned begins;
    unsigned commits;
    unsigned aborts;
    uint32_t begin_n;
    uint8_t fail_row;  /* set_row fails for row index fail_row - 1 (0: never) */
    uint8_t get_error; /* the getters fail with this data-access-result (0: never) */
    bool bad_name;     /* name_get returns a name longer than allowed */
} app_t;

static app_t g_app;

static uint8_t row_hook(uint32_t i)
{
    return ((g_app.fail_row != 0u) && (i == (uint32_t)(g_app.fail_row - 1u)))
               ? (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE
               : (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t begin_hook(uint32_t n)
{
    g_app.begins++;
    g_app.begin_n = n;
    return (n > MAX_ROWS) ? (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE
                          : (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static void end_hook(bool commit)
{
    if (commit) {
        g_app.commits++;
    } else {
        g_app.aborts++;
    }
}

/* Script table callbacks. */
static uint32_t sc_count(void *ctx)
{
    return ((app_t *)ctx)->sc.n;
}

static uint8_t sc_get(void *ctx, uint32_t i, msdk_cosem_script_t *row)
{
    app_t *a = (app_t *)ctx;
    if (a->get_error != 0u) {
        return a->get_error;
    }
    *row = a->sc.rows[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sc_begin(void *ctx, uint32_t n)
{
    ((app_t *)ctx)->sc.staged_n = n;
    return (n > 4u) ? (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE : begin_hook(n);
}

static uint8_t sc_row(void *ctx, uint32_t i, const msdk_cosem_script_t *row)
{
    app_t *a = (app_t *)ctx;
    a->sc.staged[i] = *row;
    /* the parameters point into the request: copy them */
    for (uint8_t k = 0; k < row->action_count; k++) {
        if (row->actions[k].param_len > 8u) {
            return MSDK_COSEM_DAR_TEMPORARY_FAILURE; /* more than this store keeps */
        }
        memcpy(a->sc.params[i][k], row->actions[k].param, row->actions[k].param_len);
        a->sc.staged[i].actions[k].param = a->sc.params[i][k];
    }
    return row_hook(i);
}

static uint8_t sc_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    end_hook(commit);
    if (commit) {
        memcpy(a->sc.rows, a->sc.staged, sizeof a->sc.rows);
        a->sc.n = a->sc.staged_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sc_execute(void *ctx, uint16_t id)
{
    app_t *a = (app_t *)ctx;
    a->executions++;
    a->executed = id;
    return (id <= a->sc.n) ? (uint8_t)MSDK_COSEM_ACTION_SUCCESS
                           : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
}

/* Special days callbacks. */
static uint32_t sd_count(void *ctx)
{
    return ((app_t *)ctx)->sd_n;
}

static uint8_t sd_get(void *ctx, uint32_t i, msdk_cosem_special_day_t *row)
{
    app_t *a = (app_t *)ctx;
    if (a->get_error != 0u) {
        return a->get_error;
    }
    *row = a->sd[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sd_begin(void *ctx, uint32_t n)
{
    (void)ctx;
    return begin_hook(n);
}

static uint8_t sd_row(void *ctx, uint32_t i, const msdk_cosem_special_day_t *row)
{
    ((app_t *)ctx)->sd_staged[i] = *row;
    return row_hook(i);
}

static uint8_t sd_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    end_hook(commit);
    if (commit) {
        memcpy(a->sd, a->sd_staged, sizeof a->sd);
        a->sd_n = a->begin_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sd_insert(void *ctx, const msdk_cosem_special_day_t *e)
{
    app_t *a = (app_t *)ctx;
    for (uint32_t i = 0; i < a->sd_n; i++) {
        if (a->sd[i].index == e->index) {
            a->sd[i] = *e;
            return MSDK_COSEM_ACTION_SUCCESS;
        }
    }
    if (a->sd_n == MAX_ROWS) {
        return MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    }
    a->sd[a->sd_n++] = *e;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t sd_delete(void *ctx, uint16_t index)
{
    app_t *a = (app_t *)ctx;
    a->deleted = index;
    for (uint32_t i = 0; i < a->sd_n; i++) {
        if (a->sd[i].index == index) {
            a->sd[i] = a->sd[--a->sd_n];
            return MSDK_COSEM_ACTION_SUCCESS;
        }
    }
    return MSDK_COSEM_ACTION_OTHER_REASON;
}

/* Activity calendar callbacks. */
static cal_tables_t *cal(void *ctx, bool passive)
{
    app_t *a = (app_t *)ctx;
    return passive ? &a->passive : &a->active;
}

static uint8_t cal_name_get(void *ctx, bool passive, msdk_cosem_cal_name_t *name)
{
    *name = cal(ctx, passive)->name;
    if (((app_t *)ctx)->bad_name) {
        name->len = MSDK_COSEM_CAL_NAME_MAX + 1u;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint32_t cal_count(void *ctx, bool passive, msdk_cosem_cal_table_t t)
{
    return cal(ctx, passive)->n[t];
}

static uint8_t cal_season_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_season_t *row)
{
    if (((app_t *)ctx)->get_error != 0u) {
        return ((app_t *)ctx)->get_error;
    }
    *row = cal(ctx, passive)->seasons[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_week_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_week_t *row)
{
    *row = cal(ctx, passive)->weeks[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_day_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_day_t *row)
{
    if (((app_t *)ctx)->get_error != 0u) {
        return ((app_t *)ctx)->get_error;
    }
    *row = cal(ctx, passive)->days[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_time_get(void *ctx, msdk_cosem_datetime_t *dt)
{
    *dt = ((app_t *)ctx)->activate_time;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_name_set(void *ctx, const msdk_cosem_cal_name_t *name)
{
    ((app_t *)ctx)->passive.name = *name;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_begin(void *ctx, msdk_cosem_cal_table_t t, uint32_t n)
{
    ((app_t *)ctx)->staged.n[t] = n;
    return begin_hook(n);
}

static uint8_t cal_season_set(void *ctx, uint32_t i, const msdk_cosem_cal_season_t *row)
{
    ((app_t *)ctx)->staged.seasons[i] = *row;
    return row_hook(i);
}

static uint8_t cal_week_set(void *ctx, uint32_t i, const msdk_cosem_cal_week_t *row)
{
    ((app_t *)ctx)->staged.weeks[i] = *row;
    return row_hook(i);
}

static uint8_t cal_day_set(void *ctx, uint32_t i, const msdk_cosem_cal_day_t *row)
{
    ((app_t *)ctx)->staged.days[i] = *row;
    return row_hook(i);
}

static uint8_t cal_end(void *ctx, msdk_cosem_cal_table_t t, bool commit)
{
    app_t *a = (app_t *)ctx;
    end_hook(commit);
    if (commit) {
        a->passive.n[t] = a->staged.n[t];
        switch (t) {
        case MSDK_COSEM_CAL_TABLE_SEASONS:
            memcpy(a->passive.seasons, a->staged.seasons, sizeof a->passive.seasons);
            break;
        case MSDK_COSEM_CAL_TABLE_WEEKS:
            memcpy(a->passive.weeks, a->staged.weeks, sizeof a->passive.weeks);
            break;
        default: memcpy(a->passive.days, a->staged.days, sizeof a->passive.days); break;
        }
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_time_set(void *ctx, const msdk_cosem_datetime_t *dt)
{
    ((app_t *)ctx)->activate_time = *dt;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t cal_activate(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->active = a->passive;
    a->activations++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

/* Single action schedule callbacks. */
static uint8_t sas_script_get(void *ctx, msdk_cosem_script_ref_t *s)
{
    *s = ((app_t *)ctx)->sas_script;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sas_script_set(void *ctx, const msdk_cosem_script_ref_t *s)
{
    ((app_t *)ctx)->sas_script = *s;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sas_type_get(void *ctx, uint8_t *type)
{
    *type = ((app_t *)ctx)->sas_type;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sas_type_set(void *ctx, uint8_t type)
{
    ((app_t *)ctx)->sas_type = type;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint32_t sas_count(void *ctx)
{
    return ((app_t *)ctx)->sas_n;
}

static uint8_t sas_get(void *ctx, uint32_t i, msdk_cosem_datetime_t *t)
{
    *t = ((app_t *)ctx)->sas_times[i];
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t sas_begin(void *ctx, uint32_t n)
{
    (void)ctx;
    return begin_hook(n);
}

static uint8_t sas_row(void *ctx, uint32_t i, const msdk_cosem_datetime_t *t)
{
    ((app_t *)ctx)->sas_staged[i] = *t;
    return row_hook(i);
}

static uint8_t sas_end(void *ctx, bool commit)
{
    app_t *a = (app_t *)ctx;
    end_hook(commit);
    if (commit) {
        memcpy(a->sas_times, a->sas_staged, sizeof a->sas_times);
        a->sas_n = a->begin_n;
    }
    return MSDK_COSEM_DAR_SUCCESS;
}

/* ---- The logical device -------------------------------------------------------------------- */

static const msdk_cosem_script_table_def_t script_def = {
    sc_count, sc_get, 3u, sc_begin, sc_row, sc_end, sc_execute,
};
static const msdk_cosem_special_days_def_t special_def = {
    sd_count, sd_get, 16u, sd_begin, sd_row, sd_end, sd_insert, sd_delete,
};
static const msdk_cosem_calendar_def_t calendar_def = {
    cal_name_get, cal_count,    cal_season_get,
    cal_week_get, cal_day_get,  cal_time_get,
    8u,           8u,           8u,
    cal_name_set, cal_begin,    cal_season_set,
    cal_week_set, cal_day_set,  cal_end,
    cal_time_set, cal_activate,
};
static const msdk_cosem_single_action_def_t sas_def = {
    sas_script_get, sas_script_set, sas_type_get, sas_type_set, sas_count, sas_get, 8u,
    sas_begin,      sas_row,        sas_end,
};
/* Read-only variants: no setters, no methods. */
static const msdk_cosem_script_table_def_t script_ro = { .count = sc_count, .get = sc_get };
static const msdk_cosem_calendar_def_t calendar_ro = {
    .name_get = cal_name_get,
    .count = cal_count,
    .season_get = cal_season_get,
    .week_get = cal_week_get,
    .day_get = cal_day_get,
    .activate_time_get = cal_time_get,
};

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0xFFFFFFFFu }
};
static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 10, 0, 100, 255 }, &msdk_cosem_class_script_table, &script_def, &g_app, r_all },
    { { 0, 0, 11, 0, 0, 255 }, &msdk_cosem_class_special_days, &special_def, &g_app, r_all },
    { { 0, 0, 13, 0, 0, 255 }, &msdk_cosem_class_activity_calendar, &calendar_def, &g_app, r_all },
    { { 0, 0, 15, 0, 0, 255 }, &msdk_cosem_class_single_action, &sas_def, &g_app, r_all },
    { { 0, 0, 10, 0, 101, 255 }, &msdk_cosem_class_script_table, &script_ro, &g_app, r_all },
    { { 0, 0, 13, 0, 1, 255 }, &msdk_cosem_class_activity_calendar, &calendar_ro, &g_app, r_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, 6u);

/* ---- Helpers ------------------------------------------------------------------------------- */

/* Sends "<prefix><value>" and returns the SET's data-access-result. */
static uint8_t set_raw(const char *prefix, const uint8_t *value, size_t len)
{
    static uint8_t buf[1024];
    size_t n = ck_hex(prefix, buf, sizeof buf);
    if (n + len > sizeof buf) {
        ck_abort_msg("request too long");
    }
    memcpy(&buf[n], value, len);
    ck_send(buf, n + len);
    if ((g_srv.out_len == 4u) && (g_srv.out[0] == 0xC5u) && (g_srv.out[1] == 0x01u)) {
        return g_srv.out[3];
    }
    return 0xFFu; /* not a set-response-normal (e.g. an exception-response) */
}

static uint8_t set_hex(const char *prefix, const char *value)
{
    uint8_t v[1024];
    return set_raw(prefix, v, ck_hex(value, v, sizeof v));
}

/* Returns the action-result of an ACTION answer. */
static uint8_t action_hex(const char *apdu)
{
    ck_send_hex(apdu);
    ck_assert_uint_ge(g_srv.out_len, 4u);
    ck_assert_uint_eq(g_srv.out[0], 0xC7u);
    return g_srv.out[3];
}

static msdk_cosem_datetime_t dt_make(uint16_t y, uint8_t mo, uint8_t d, uint8_t h, uint8_t mi,
                                     uint8_t s)
{
    msdk_cosem_datetime_t t = { y, mo, d, 0xFF, h, mi, s, 0, INT16_MIN, 0xFF };
    return t;
}

static msdk_cosem_cal_name_t name_of(const char *s)
{
    msdk_cosem_cal_name_t n;
    memset(&n, 0, sizeof n);
    n.len = (uint8_t)strlen(s);
    memcpy(n.b, s, n.len);
    return n;
}

static const uint8_t LN_TARIFF[6] = { 0, 0, 10, 0, 100, 255 };

static msdk_cosem_cal_action_t act(uint8_t h, uint8_t m, uint16_t sel)
{
    msdk_cosem_cal_action_t a;
    a.start = dt_make(0xFFFF, 0xFF, 0xFF, h, m, 0);
    a.start.day_of_week = 0xFF;
    memcpy(a.script.ln, LN_TARIFF, 6);
    a.script.selector = sel;
    return a;
}

/* The active calendar of the GET vectors: "STD", season S1 from FFFF-01-01 with week W1,
 * W1 = day 1 on weekdays and day 2 at weekends, day 1 switching at 06:00 and 22:00, day 2
 * at 00:00. */
static void calendar_fixture(cal_tables_t *c)
{
    memset(c, 0, sizeof *c);
    c->name = name_of("STD");
    c->seasons[0].name = name_of("S1");
    c->seasons[0].start = dt_make(0xFFFF, 1, 1, 0, 0, 0);
    c->seasons[0].week = name_of("W1");
    c->weeks[0].name = name_of("W1");
    for (unsigned i = 0; i < 7u; i++) {
        c->weeks[0].day_id[i] = (i < 5u) ? 1u : 2u;
    }
    c->days[0].day_id = 1;
    c->days[0].action_count = 2;
    c->days[0].actions[0] = act(6, 0, 1);
    c->days[0].actions[1] = act(22, 0, 2);
    c->days[1].day_id = 2;
    c->days[1].action_count = 1;
    c->days[1].actions[0] = act(0, 0, 2);
    c->n[0] = 1;
    c->n[1] = 1;
    c->n[2] = 2;
}

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    /* Scripts: 1 = disconnect (execute method 1 of 0.0.96.3.10.255, integer 0), 2 = write
     * 2 (unsigned) to attribute 2 of 0.0.96.14.0.255. */
    static const uint8_t p1[2] = { 0x0F, 0x00 };
    static const uint8_t p2[2] = { 0x11, 0x02 };
    msdk_cosem_script_t *s = &g_app.sc.rows[0];
    s->id = 1;
    s->action_count = 1;
    s->actions[0] = (msdk_cosem_script_action_t){ 2, 70, { 0, 0, 96, 3, 10, 255 }, 1, p1, 2 };
    s = &g_app.sc.rows[1];
    s->id = 2;
    s->action_count = 1;
    s->actions[0] = (msdk_cosem_script_action_t){ 1, 1, { 0, 0, 96, 14, 0, 255 }, 2, p2, 2 };
    g_app.sc.n = 2;
    /* Special days: Christmas 2026 (day 2), every New Year's day (day 2). */
    g_app.sd[0] = (msdk_cosem_special_day_t){ 1, dt_make(2026, 12, 25, 0xFF, 0xFF, 0xFF), 2 };
    g_app.sd[1] = (msdk_cosem_special_day_t){ 2, dt_make(0xFFFF, 1, 1, 0xFF, 0xFF, 0xFF), 2 };
    g_app.sd_n = 2;
    calendar_fixture(&g_app.active);
    calendar_fixture(&g_app.passive);
    g_app.activate_time = (msdk_cosem_datetime_t){ 0xFFFF, 0xFF, 0xFF, 0xFF,      0xFF,
                                                   0xFF,   0xFF, 0xFF, INT16_MIN, 0xFF };
    /* Single action: the disconnector script 0.0.10.0.106.255 selector 1, type 1, on
     * 2026-06-01 at 12:30:00. */
    g_app.sas_script = (msdk_cosem_script_ref_t){ { 0, 0, 10, 0, 106, 255 }, 1 };
    g_app.sas_type = 1;
    g_app.sas_times[0] = dt_make(2026, 6, 1, 12, 30, 0);
    g_app.sas_n = 1;

    ck_srv_init(&ldev, 512u);
    ck_associate_hex(CK_AARQ_256); /* lowest level security, client max PDU 256 */
}

/* Request prefixes: GET attribute n / SET attribute n / ACTION method n of each object. */
#define GET_SC  "C001C1 0009 00000A0064FF"
#define SET_SC  "C101C1 0009 00000A0064FF 02 00"
#define ACT_SC  "C301C1 0009 00000A0064FF 01"
#define GET_SD  "C001C1 000B 00000B0000FF"
#define SET_SD  "C101C1 000B 00000B0000FF 02 00"
#define ACT_SD  "C301C1 000B 00000B0000FF"
#define GET_CAL "C001C1 0014 00000D0000FF"
#define SET_CAL "C101C1 0014 00000D0000FF"
#define ACT_CAL "C301C1 0014 00000D0000FF 01"
#define GET_SAS "C001C1 0016 00000F0000FF"
#define SET_SAS "C101C1 0016 00000F0000FF"

/* Hand-encoded values (Blue Book types; see the fixtures above). */
#define V_SCRIPTS                                                                                  \
    "0102"                                                                                         \
    "0202 120001 0101 0205 1602 120046 0906 00006003 0AFF 0F01 0F00"                               \
    "0202 120002 0101 0205 1601 120001 0906 0000600E00FF 0F02 1102"
#define V_SPECIAL_DAYS                                                                             \
    "0102"                                                                                         \
    "0203 120001 0905 07EA0C19FF 1102"                                                             \
    "0203 120002 0905 FFFF0101FF 1102"
#define V_SEASONS "0101 0203 0902 5331 090C FFFF0101FF00000000 8000FF 0902 5731"
#define V_WEEKS   "0101 0208 0902 5731 1101 1101 1101 1101 1101 1102 1102"
#define V_DAYS                                                                                     \
    "0102"                                                                                         \
    "0202 1101 0102"                                                                               \
    "0203 0904 06000000 0906 00000A0064FF 120001"                                                  \
    "0203 0904 16000000 0906 00000A0064FF 120002"                                                  \
    "0202 1102 0101"                                                                               \
    "0203 0904 00000000 0906 00000A0064FF 120002"

/* ---- Script table -------------------------------------------------------------------------- */

START_TEST(script_get)
{
    ck_xchg(GET_SC "0200", "C401C1 00" V_SCRIPTS);
    /* A provider failure is the data-access-result; a selector is refused; attribute 3
     * does not exist. */
    g_app.get_error = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_xchg(GET_SC "0200", "C401C1 01 02");
    g_app.get_error = 0;
    ck_xchg(GET_SC "02 01 01 0F00", "C401C1 01 FA");
    ck_xchg(GET_SC "0300",
            "C401C1 01 0B"); /* An action whose parameter is not one Data value: hardware-fault. */
    static const uint8_t bad_param[3] = { 0x0F, 0x00, 0x00 };
    g_app.sc.rows[1].actions[0].param = bad_param;
    g_app.sc.rows[1].actions[0].param_len = 3;
    ck_xchg(GET_SC "0200", "C401C1 01 01");
    /* No parameter: null-data. */
    g_app.sc.rows[1].actions[0].param = NULL;
    g_app.sc.rows[1].actions[0].param_len = 0;
    g_app.sc.n = 2;
    ck_send_hex(GET_SC "0200");
    ck_assert_uint_eq(g_srv.out[g_srv.out_len - 1u], 0x00);
    ck_assert_uint_eq(g_srv.out[g_srv.out_len - 2u], 0x02);
}
END_TEST

START_TEST(script_execute)
{
    ck_assert_uint_eq(action_hex(ACT_SC "01 120002"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.executed, 2u);
    /* The application's answer for an unknown script. */
    ck_assert_uint_eq(action_hex(ACT_SC "01 120009"), MSDK_COSEM_ACTION_OTHER_REASON);
    /* Script 0 is the null script: success, nothing run. */
    ck_assert_uint_eq(action_hex(ACT_SC "01 120000"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.executions, 2u);
    /* Wrong types, no parameter (trailing and truncated parameters: direct_calls). */
    ck_assert_uint_eq(action_hex(ACT_SC "01 1102"), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(action_hex(ACT_SC "00"), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(action_hex(ACT_SC "01 0600000002"), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.executions, 2u);
    /* The read-only table has no execute; method 2 does not exist. */
    ck_assert_uint_eq(action_hex("C301C1 0009 00000A0065FF 01 01 120001"),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_send_hex("C301C1 0009 00000A0064FF 02 01 120001");
    ck_assert_uint_eq(g_srv.out[3], MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
}
END_TEST

/* Script 3: write long-unsigned 300 to attribute 2 of data 0.0.96.14.0.255, then execute
 * method 1 of 0.0.96.3.10.255 with integer 0. */
#define V_SCRIPTS_NEW                                                                              \
    "0101 0202 120003 0102"                                                                        \
    "0205 1601 120001 0906 0000600E00FF 0F02 12012C"                                               \
    "0205 1602 120046 0906 00006003 0AFF 0F01 0F00"

START_TEST(script_set)
{
    ck_assert_uint_eq(set_hex(SET_SC, V_SCRIPTS_NEW), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.commits, 1u);
    ck_assert_uint_eq(g_app.sc.n, 1u);
    const msdk_cosem_script_t *s = &g_app.sc.rows[0];
    ck_assert_uint_eq(s->id, 3u);
    ck_assert_uint_eq(s->action_count, 2u);
    ck_assert_uint_eq(s->actions[0].service_id, 1u);
    ck_assert_uint_eq(s->actions[0].class_id, 1u);
    ck_assert_int_eq(s->actions[0].index, 2);
    ck_assert_uint_eq(s->actions[0].param_len, 3u);
    ck_assert_mem_eq(s->actions[0].param, "\x12\x01\x2C", 3);
    ck_assert_uint_eq(s->actions[1].service_id, 2u);
    ck_assert_uint_eq(s->actions[1].class_id, 70u);
    /* Read back: the same bytes. */
    ck_xchg(GET_SC "0200", "C401C1 00" V_SCRIPTS_NEW);
    /* An empty table. */
    ck_assert_uint_eq(set_hex(SET_SC, "0100"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sc.n, 0u);
    ck_assert_uint_eq(g_app.commits, 2u);
}
END_TEST

START_TEST(script_set_refused)
{
    static const char *const bad[] = {
        "0101 0202 120003 0101 0205 1603 120001 0906 0000600E00FF 0F02 0F00", /* service 3 */
        "0101 0202 120003 0101 0205 1601 120001 0905 0000600E00 0F02 0F00",   /* ln of 5 */
        "0101 0202 120003 0101 0204 1601 120001 0906 0000600E00FF 0F02",      /* 4 members */
        "0101 0202 120000 0100",                                              /* id 0 */
        "0102 0202 120003 0100 0202 120003 0100",                             /* duplicate */
        "0101 0202 1103 0100",                                                /* id unsigned */
        "0101 0203 120003 0100 0F00",                                         /* 3 members */
        "0201 0202 120003 0100",                                              /* structure */
        "0101 0202 120003 0101 0205 1601 120001 0906 0000600E00FF 0F02 "      /* param too */
        "0101 0101 0101 0101 0101 0F00",                                      /* deep */
        "0101 0202 120003 0109"                                               /* 9 actions */
        "0205 1601 120001 0906 0000600E00FF 0F02 0F00 0205 1601 120001 0906 0000600E00FF "
        "0F02 0F00 0205 1601 120001 0906 0000600E00FF 0F02 0F00 0205 1601 120001 0906 "
        "0000600E00FF 0F02 0F00 0205 1601 120001 0906 0000600E00FF 0F02 0F00 0205 1601 "
        "120001 0906 0000600E00FF 0F02 0F00 0205 1601 120001 0906 0000600E00FF 0F02 0F00 "
        "0205 1601 120001 0906 0000600E00FF 0F02 0F00 0205 1601 120001 0906 0000600E00FF "
        "0F02 0F00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t dar = set_hex(SET_SC, bad[i]);
        if (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("bad value %u: data-access-result %u", (unsigned)i, dar);
        }
    }
    /* More scripts than max_scripts (3): other-reason. */
    ck_assert_uint_eq(set_hex(SET_SC, "0104 0202 120001 0100 0202 120002 0100 0202 120003 0100 "
                                      "0202 120004 0100"),
                      MSDK_COSEM_DAR_OTHER_REASON);
    ck_assert_uint_eq(g_app.begins, 0u);
    /* The value truncated at every length. */
    uint8_t v[200];
    size_t n = ck_hex(V_SCRIPTS_NEW, v, sizeof v);
    for (size_t k = 0; k < n; k++) {
        uint8_t dar = set_raw(SET_SC, v, k);
        if (dar == MSDK_COSEM_DAR_SUCCESS) {
            ck_abort_msg("truncated at %u: accepted", (unsigned)k);
        }
    }
    ck_assert_uint_eq(g_app.begins, 0u);
    ck_assert_uint_eq(g_app.sc.n, 2u);
    /* A row the application refuses: aborted, the old table stays. */
    g_app.fail_row = 1;
    ck_assert_uint_eq(set_hex(SET_SC, V_SCRIPTS_NEW), MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    ck_assert_uint_eq(g_app.aborts, 1u);
    ck_assert_uint_eq(g_app.commits, 0u);
    ck_assert_uint_eq(g_app.sc.n, 2u);
    /* The read-only table. */
    ck_assert_uint_eq(set_hex("C101C1 0009 00000A0065FF 02 00", "0100"),
                      MSDK_COSEM_DAR_READ_WRITE_DENIED);
}
END_TEST

/* ---- Special days table -------------------------------------------------------------------- */

START_TEST(special_days_get)
{
    ck_xchg(GET_SD "0200",
            "C401C1 00" V_SPECIAL_DAYS); /* An invalid date from the application: hardware-fault. */
    g_app.sd[1].date.month = 13;
    ck_xchg(GET_SD "0200", "C401C1 01 01");
}
END_TEST

START_TEST(special_days_methods)
{
    /* insert {3, 2026-05-01, day 3}, then overwrite index 1. */
    ck_assert_uint_eq(action_hex(ACT_SD "01 01 0203 120003 0905 07EA0501FF 1103"),
                      MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.sd_n, 3u);
    ck_assert_uint_eq(g_app.sd[2].index, 3u);
    ck_assert_uint_eq(g_app.sd[2].date.year, 2026u);
    ck_assert_uint_eq(g_app.sd[2].date.month, 5u);
    ck_assert_uint_eq(g_app.sd[2].date.day, 1u);
    ck_assert_uint_eq(g_app.sd[2].day_id, 3u);
    /* The tagged date form (26) is accepted too. */
    ck_assert_uint_eq(action_hex(ACT_SD "01 01 0203 120001 1A 07EA0C1AFF 1104"),
                      MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.sd[0].date.day, 26u);
    ck_assert_uint_eq(g_app.sd[0].day_id, 4u);
    /* Refused entries: month 13, 2026-02-29, date of 4 bytes, index as unsigned, day_id as
     * long-unsigned, 2 members, trailing byte. */
    static const char *const bad[] = {
        ACT_SD "01 01 0203 120005 0905 07EA0D01FF 1103",
        ACT_SD "01 01 0203 120005 0905 07EA021DFF 1103",
        ACT_SD "01 01 0203 120005 0904 07EA0501 1103",
        ACT_SD "01 01 0203 1105 0905 07EA0501FF 1103",
        ACT_SD "01 01 0203 120005 0905 07EA0501FF 120003",
        ACT_SD "01 01 0202 120005 0905 07EA0501FF",
        ACT_SD "01 00",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t r = action_hex(bad[i]);
        if (r != MSDK_COSEM_ACTION_TYPE_UNMATCHED) {
            ck_abort_msg("bad insert %u: action-result %u", (unsigned)i, r);
        }
    }
    ck_assert_uint_eq(g_app.sd_n, 3u);
    /* delete 3, delete 9 (unknown: the application says other-reason), bad types. */
    ck_assert_uint_eq(action_hex(ACT_SD "02 01 120003"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.sd_n, 2u);
    ck_assert_uint_eq(action_hex(ACT_SD "02 01 120009"), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(g_app.deleted, 9u);
    ck_assert_uint_eq(action_hex(ACT_SD "02 01 1103"), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.deleted, 9u);
}
END_TEST

START_TEST(special_days_set)
{
    ck_assert_uint_eq(set_hex(SET_SD, "0101 0203 120007 0905 FFFF1225FF 1102"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED); /* month 0x12 = 18 */
    ck_assert_uint_eq(set_hex(SET_SD, "0102 0203 120007 0905 FFFF0C19FF 1102 "
                                      "0203 120007 0905 FFFF0C1AFF 1102"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED); /* duplicate index */
    ck_assert_uint_eq(g_app.begins, 0u);
    uint8_t v[64];
    size_t n = ck_hex("0102 0203 120007 0905 FFFF0C19FF 1102 0203 120008 0905 FFFF0C1AFF 1102", v,
                      sizeof v);
    for (size_t k = 0; k < n; k++) {
        if (set_raw(SET_SD, v, k) == MSDK_COSEM_DAR_SUCCESS) {
            ck_abort_msg("truncated at %u: accepted", (unsigned)k);
        }
    }
    ck_assert_uint_eq(g_app.begins, 0u);
    ck_assert_uint_eq(set_raw(SET_SD, v, n), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sd_n, 2u);
    ck_assert_uint_eq(g_app.sd[1].index, 8u);
    ck_assert_uint_eq(g_app.sd[1].date.year, 0xFFFFu);
    ck_assert_uint_eq(g_app.sd[1].date.day, 26u);
    ck_send_hex(GET_SD "0200");
    uint8_t want[80];
    size_t wn = ck_hex("C401C1 00", want, sizeof want);
    memcpy(&want[wn], v, n);
    ck_assert_uint_eq(g_srv.out_len, wn + n);
    ck_assert_mem_eq(g_srv.out, want, wn + n);
    /* 17 entries: above max_entries (16). */
    char big[17 * 40 + 8];
    size_t pos = 0;
    pos += (size_t)sprintf(&big[pos], "0111");
    for (unsigned i = 0; i < 17u; i++) {
        pos += (size_t)sprintf(&big[pos], "0203 1200%02X 0905 FFFF01%02XFF 1101", i, i + 1u);
    }
    ck_assert_uint_eq(set_hex(SET_SD, big), MSDK_COSEM_DAR_OTHER_REASON);
    ck_assert_uint_eq(g_app.begins, 1u);
}
END_TEST

/* ---- Activity calendar --------------------------------------------------------------------- */

START_TEST(calendar_get)
{
    ck_xchg(GET_CAL "0200", "C401C1 00 0903 535444");
    ck_xchg(GET_CAL "0300", "C401C1 00" V_SEASONS);
    ck_xchg(GET_CAL "0400", "C401C1 00" V_WEEKS);
    ck_xchg(GET_CAL "0500", "C401C1 00" V_DAYS);
    ck_xchg(GET_CAL "0900", "C401C1 00" V_DAYS);
    ck_xchg(GET_CAL "0A00",
            "C401C1 00 090C FFFFFFFFFFFFFFFFFF8000FF"); /* Errors: provider failure, bad name, bad
                                                           date, selector. */
    g_app.get_error = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_xchg(GET_CAL "0700", "C401C1 01 02");
    g_app.get_error = 0;
    g_app.bad_name = true;
    ck_xchg(GET_CAL "0600", "C401C1 01 01");
    g_app.bad_name = false;
    g_app.passive.seasons[0].start.hour = 24;
    ck_xchg(GET_CAL "0700", "C401C1 01 01");
    g_app.passive.days[0].action_count = MSDK_COSEM_CAL_DAY_ACTIONS_MAX + 1u;
    ck_xchg(GET_CAL "0900", "C401C1 01 01");
    ck_xchg(GET_CAL "02 01 01 0F00", "C401C1 01 FA");
}
END_TEST

/* Independent encoding of a day profile table (byte by byte, not with the library). */
static size_t encode_days(const cal_tables_t *c, uint8_t *p)
{
    size_t n = 0;
    p[n++] = 0x01;
    p[n++] = (uint8_t)c->n[2];
    for (uint32_t i = 0; i < c->n[2]; i++) {
        const msdk_cosem_cal_day_t *d = &c->days[i];
        p[n++] = 0x02;
        p[n++] = 0x02;
        p[n++] = 0x11;
        p[n++] = d->day_id;
        p[n++] = 0x01;
        p[n++] = d->action_count;
        for (unsigned k = 0; k < d->action_count; k++) {
            const msdk_cosem_cal_action_t *a = &d->actions[k];
            static const uint8_t hdr[3] = { 0x02, 0x03, 0x09 };
            memcpy(&p[n], hdr, 3);
            n += 3;
            p[n++] = 4;
            p[n++] = a->start.hour;
            p[n++] = a->start.minute;
            p[n++] = a->start.second;
            p[n++] = a->start.hundredths;
            p[n++] = 0x09;
            p[n++] = 6;
            memcpy(&p[n], a->script.ln, 6);
            n += 6;
            p[n++] = 0x12;
            p[n++] = (uint8_t)(a->script.selector >> 8);
            p[n++] = (uint8_t)a->script.selector;
        }
    }
    return n;
}

START_TEST(calendar_get_in_blocks)
{
    /* 20 day profiles of 16 actions: about 6 kB, streamed in blocks of 256-byte APDUs. */
    cal_tables_t *c = &g_app.passive;
    c->n[2] = 20;
    for (uint32_t i = 0; i < 20u; i++) {
        c->days[i].day_id = (uint8_t)(i + 1u);
        c->days[i].action_count = MSDK_COSEM_CAL_DAY_ACTIONS_MAX;
        for (unsigned k = 0; k < MSDK_COSEM_CAL_DAY_ACTIONS_MAX; k++) {
            c->days[i].actions[k] = act((uint8_t)k, (uint8_t)(i % 60u), (uint16_t)(k + i));
        }
    }
    static uint8_t want[8000];
    static uint8_t got[8000];
    size_t want_len = encode_days(c, want);
    size_t len = 0;
    unsigned blocks = 0;
    ck_assert_uint_eq(ck_get_attr_blocks(20u, objects[2].ln, 9, 0u, NULL, 0u, 256u, got, sizeof got,
                                         &len, &blocks),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_gt(blocks, 21u); /* more than 20 next-block requests */
    ck_assert_uint_eq(len, want_len);
    ck_assert_mem_eq(got, want, len);
    /* A provider failure is the data-access-result. */
    g_app.get_error = MSDK_COSEM_DAR_HARDWARE_FAULT;
    ck_assert_uint_eq(ck_get_attr_blocks(20u, objects[2].ln, 9, 0u, NULL, 0u, 256u, got, sizeof got,
                                         &len, &blocks),
                      MSDK_COSEM_DAR_HARDWARE_FAULT);
}
END_TEST

START_TEST(calendar_set_passive)
{
    /* calendar_name_passive "TOU2" */
    ck_assert_uint_eq(set_hex(SET_CAL "06 00", "0904 544F5532"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.passive.name.len, 4u);
    ck_assert_mem_eq(g_app.passive.name.b, "TOU2", 4);
    /* Two seasons (summer from 03-31, winter from 10-27, both every year). */
    ck_assert_uint_eq(
        set_hex(SET_CAL "07 00",
                "0102 0203 0906 53554D4D4552 090C FFFF031FFF00000000 8000FF 0902 5731"
                "     0203 0906 57494E544552 090C FFFF0A1BFF00000000 8000FF 0902 5732"),
        MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.passive.n[0], 2u);
    ck_assert_uint_eq(g_app.passive.seasons[1].start.month, 10u);
    ck_assert_uint_eq(g_app.passive.seasons[1].week.b[1], '2');
    /* Two weeks. */
    ck_assert_uint_eq(set_hex(SET_CAL "08 00",
                              "0102 0208 0902 5731 1101 1101 1101 1101 1101 1102 1102"
                              "     0208 0902 5732 1103 1103 1103 1103 1103 1102 1102"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.passive.weeks[1].day_id[0], 3u);
    /* The days: 1, 2 and 3 (tagged time form accepted for day 3). */
    ck_assert_uint_eq(set_hex(SET_CAL "09 00", "0103"
                                               "0202 1101 0102"
                                               "0203 0904 06000000 0906 00000A0064FF 120001"
                                               "0203 0904 16000000 0906 00000A0064FF 120002"
                                               "0202 1102 0101"
                                               "0203 0904 00000000 0906 00000A0064FF 120002"
                                               "0202 1103 0101"
                                               "0203 1B 07000000 0906 00000A0064FF 120003"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.passive.n[2], 3u);
    ck_assert_uint_eq(g_app.passive.days[2].actions[0].start.hour, 7u);
    ck_assert_uint_eq(g_app.passive.days[2].actions[0].script.selector, 3u);
    /* activate_passive_calendar_time 2026-07-01 00:00:00, deviation -60, tagged too. */
    ck_assert_uint_eq(set_hex(SET_CAL "0A 00", "090C 07EA0701FF00000000FFC400"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_int_eq(g_app.activate_time.deviation, -60);
    ck_assert_uint_eq(set_hex(SET_CAL "0A 00", "19 07EA0702FF00000000FFC400"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.activate_time.day, 2u);
    ck_assert_uint_eq(g_app.commits, 3u);
    /* Activation: the passive calendar becomes active. */
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F00"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.activations, 1u);
    ck_xchg(GET_CAL "0200", "C401C1 00 0904 544F5532");
    /* Also with null-data for clients that omit the parameter; a wrong parameter is
     * refused. */
    ck_assert_uint_eq(action_hex(ACT_CAL "00"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F01"), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.activations, 2u);
}
END_TEST

START_TEST(calendar_set_refused)
{
    static const struct {
        const char *prefix;
        const char *value;
        uint8_t dar;
    } bad[] = {
        /* active attributes are read only */
        { SET_CAL "02 00", "0903 535444", MSDK_COSEM_DAR_READ_WRITE_DENIED },
        { SET_CAL "03 00", "0100", MSDK_COSEM_DAR_READ_WRITE_DENIED },
        { SET_CAL "05 00", "0100", MSDK_COSEM_DAR_READ_WRITE_DENIED },
        /* names: too long (17), wrong type */
        { SET_CAL "06 00", "0911 4142434445464748494A4B4C4D4E4F5051",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "06 00", "0A03 535444", MSDK_COSEM_DAR_TYPE_UNMATCHED },
        /* seasons: empty name, date-time of 11 bytes, 13th month, duplicate name */
        { SET_CAL "07 00", "0101 0203 0900 090C FFFF031FFF00000000 8000FF 0902 5731",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "07 00", "0101 0203 0901 53 090B FFFF031FFF00000000 8000 0902 5731",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "07 00", "0101 0203 0901 53 090C FFFF0D1FFF00000000 8000FF 0902 5731",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "07 00",
          "0102 0203 0901 53 090C FFFF031FFF00000000 8000FF 0902 5731"
          "     0203 0901 53 090C FFFF0A1BFF00000000 8000FF 0902 5732",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        /* weeks: 6 days, day id as long-unsigned, duplicate name */
        { SET_CAL "08 00", "0101 0207 0902 5731 1101 1101 1101 1101 1101 1102",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "08 00", "0101 0208 0902 5731 120001 1101 1101 1101 1101 1102 1102",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "08 00",
          "0102 0208 0902 5731 1101 1101 1101 1101 1101 1102 1102"
          "     0208 0902 5731 1101 1101 1101 1101 1101 1102 1102",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        /* days: duplicate id, hour 24, ln of 7, selector as unsigned, 17 actions */
        { SET_CAL "09 00", "0102 0202 1101 0100 0202 1101 0100", MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "09 00", "0101 0202 1101 0101 0203 0904 18000000 0906 00000A0064FF 120001",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "09 00", "0101 0202 1101 0101 0203 0904 06000000 0907 00000A0064FF00 120001",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "09 00", "0101 0202 1101 0101 0203 0904 06000000 0906 00000A0064FF 1101",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "09 00",
          "0101 0202 1101 0111"
          "0203 0904 00000000 0906 00000A0064FF 120001 0203 0904 01000000 0906 00000A0064FF 120001"
          "0203 0904 02000000 0906 00000A0064FF 120001 0203 0904 03000000 0906 00000A0064FF 120001"
          "0203 0904 04000000 0906 00000A0064FF 120001 0203 0904 05000000 0906 00000A0064FF 120001"
          "0203 0904 06000000 0906 00000A0064FF 120001 0203 0904 07000000 0906 00000A0064FF 120001"
          "0203 0904 08000000 0906 00000A0064FF 120001 0203 0904 09000000 0906 00000A0064FF 120001"
          "0203 0904 0A000000 0906 00000A0064FF 120001 0203 0904 0B000000 0906 00000A0064FF 120001"
          "0203 0904 0C000000 0906 00000A0064FF 120001 0203 0904 0D000000 0906 00000A0064FF 120001"
          "0203 0904 0E000000 0906 00000A0064FF 120001 0203 0904 0F000000 0906 00000A0064FF 120001"
          "0203 0904 10000000 0906 00000A0064FF 120001",
          MSDK_COSEM_DAR_TYPE_UNMATCHED },
        /* 9 day profiles: above max_days (8) */
        { SET_CAL "09 00",
          "0109 0202 1101 0100 0202 1102 0100 0202 1103 0100 0202 1104 0100 0202 1105 0100 "
          "0202 1106 0100 0202 1107 0100 0202 1108 0100 0202 1109 0100",
          MSDK_COSEM_DAR_OTHER_REASON },
        /* activation time: day 32, wrong type */
        { SET_CAL "0A 00", "090C 07EA0720FF00000000FFC400", MSDK_COSEM_DAR_TYPE_UNMATCHED },
        { SET_CAL "0A 00", "0600000000", MSDK_COSEM_DAR_TYPE_UNMATCHED },
        /* the read-only calendar */
        { "C101C1 0014 00000D0001FF 07 00", "0100", MSDK_COSEM_DAR_READ_WRITE_DENIED },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t dar = set_hex(bad[i].prefix, bad[i].value);
        if ((dar != bad[i].dar) || (g_app.begins != 0u)) {
            ck_abort_msg("case %u: data-access-result %u, want %u", (unsigned)i, dar, bad[i].dar);
        }
    }
    ck_assert_uint_eq(g_app.begins, 0u);
    /* Every passive table value truncated at every length. */
    static const char *const good[3] = {
        "0101 0203 0902 5331 090C FFFF0101FF00000000 8000FF 0902 5731",
        "0101 0208 0902 5731 1101 1101 1101 1101 1101 1102 1102",
        ("0101 0202 1101 0102 0203 0904 06000000 0906 00000A0064FF 120001"
         "0203 0904 16000000 0906 00000A0064FF 120002"),
    };
    static const char *const prefix[3] = { SET_CAL "07 00", SET_CAL "08 00", SET_CAL "09 00" };
    for (unsigned t = 0; t < 3u; t++) {
        uint8_t v[128];
        size_t n = ck_hex(good[t], v, sizeof v);
        for (size_t k = 0; k < n; k++) {
            if (set_raw(prefix[t], v, k) == MSDK_COSEM_DAR_SUCCESS) {
                ck_abort_msg("table %u truncated at %u: accepted", t, (unsigned)k);
            }
        }
        ck_assert_uint_eq(g_app.begins, t);
        ck_assert_uint_eq(set_raw(prefix[t], v, n), MSDK_COSEM_DAR_SUCCESS);
    }
    ck_assert_uint_eq(g_app.commits, 3u);
    /* A refused row aborts: the passive table stays as it was. */
    g_app.fail_row = 2;
    ck_assert_uint_eq(set_hex(SET_CAL "09 00", "0102 0202 1107 0100 0202 1108 0100"),
                      MSDK_COSEM_DAR_TEMPORARY_FAILURE);
    ck_assert_uint_eq(g_app.aborts, 1u);
    ck_assert_uint_eq(g_app.passive.n[2], 1u);
    ck_assert_uint_eq(g_app.passive.days[0].day_id, 1u);
}
END_TEST

START_TEST(calendar_activation_checks)
{
    /* A season naming a week that is not in the passive table: refused. */
    g_app.passive.seasons[0].week = name_of("W9");
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F00"), MSDK_COSEM_ACTION_OTHER_REASON);
    g_app.passive.seasons[0].week = name_of("W1");
    /* A week naming day profile 7, which does not exist: refused. */
    g_app.passive.weeks[0].day_id[6] = 7;
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F00"), MSDK_COSEM_ACTION_OTHER_REASON);
    ck_assert_uint_eq(g_app.activations, 0u);
    g_app.passive.weeks[0].day_id[6] = 2;
    /* A provider failure while checking is the result. */
    g_app.get_error = MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F00"), MSDK_COSEM_ACTION_TEMPORARY_FAILURE);
    g_app.get_error = 0;
    ck_assert_uint_eq(g_app.activations, 0u);
    ck_assert_uint_eq(action_hex(ACT_CAL "01 0F00"), MSDK_COSEM_ACTION_SUCCESS);
    ck_assert_uint_eq(g_app.activations, 1u);
    /* The read-only calendar has no method. */
    ck_assert_uint_eq(action_hex("C301C1 0014 00000D0001FF 01 01 0F00"),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
}
END_TEST

/* ---- Single action schedule ---------------------------------------------------------------- */

START_TEST(single_action_get)
{
    ck_xchg(GET_SAS "0200", "C401C1 00 0202 0906 00000A006AFF 120001");
    ck_xchg(GET_SAS "0300", "C401C1 00 1601");
    ck_xchg(GET_SAS "0400", "C401C1 00 0101 0202 0904 0C1E0000 0905 07EA0601FF");
    g_app.sas_type = 6;
    ck_xchg(GET_SAS "0300", "C401C1 01 01");
    g_app.sas_times[0].hour = 25;
    ck_xchg(GET_SAS "0400", "C401C1 01 01");
}
END_TEST

START_TEST(single_action_set)
{
    ck_assert_uint_eq(set_hex(SET_SAS "02 00", "0202 0906 00000A006BFF 120002"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sas_script.ln[4], 0x6Bu);
    ck_assert_uint_eq(g_app.sas_script.selector, 2u);
    ck_assert_uint_eq(set_hex(SET_SAS "02 00", "0202 0905 00000A006B 120002"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(set_hex(SET_SAS "02 00", "0202 0906 00000A006BFF 1102"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1600"), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1606"), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1104"), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.sas_type, 1u);

    /* Type 1: one entry, date wildcards allowed (every 1st of the month at 00:00). */
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0904 00000000 0905 FFFFFF01FF"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sas_times[0].month, 0xFFu);
    ck_assert_uint_eq(g_app.sas_times[0].day, 1u);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0102 0202 0904 00000000 0905 07EA0601FF"
                                               "     0202 0904 00000000 0905 07EA0701FF"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED); /* type 1 takes one entry */
    /* Type 2: equal times, no wildcards. */
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1602"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0102 0202 0904 0C000000 0905 07EA0601FF"
                                               "     0202 0904 0C000000 0905 07EA0701FF"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sas_n, 2u);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0102 0202 0904 0C000000 0905 07EA0601FF"
                                               "     0202 0904 0D000000 0905 07EA0701FF"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED); /* times differ */
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0904 0C000000 0905 FFFF0601FF"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED); /* wildcard year */
    /* Type 4: times may differ, no wildcards (last day of month is one). */
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1604"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0102 0202 0904 0C000000 0905 07EA0601FF"
                                               "     0202 0904 0D000000 0905 07EA0701FF"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0904 0C000000 0905 07EA06FEFF"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    /* Type 5: both allowed. Hundredths must be 0 (or not specified). */
    ck_assert_uint_eq(set_hex(SET_SAS "03 00", "1605"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0102 0202 0904 0C0000FF 0905 FFFF06FEFF"
                                               "     0202 0904 0D000000 0905 FFFFFF01FF"),
                      MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0904 0C000005 0905 07EA0601FF"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    /* Order {date, time} swapped, date of 4 bytes, 9 entries (max 8), empty array. */
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0905 07EA0601FF 0904 0C000000"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0101 0202 0904 0C000000 0904 07EA0601"),
                      MSDK_COSEM_DAR_TYPE_UNMATCHED);
    char big[9 * 40 + 8];
    size_t pos = (size_t)sprintf(big, "0109");
    for (unsigned i = 0; i < 9u; i++) {
        pos += (size_t)sprintf(&big[pos], "0202 0904 0C000000 0905 07EA06%02XFF", i + 1u);
    }
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", big), MSDK_COSEM_DAR_OTHER_REASON);
    unsigned begins = g_app.begins;
    uint8_t v[64];
    size_t n = ck_hex("0102 0202 0904 0C000000 0905 07EA0601FF 0202 0904 0D000000 0905 07EA0701FF",
                      v, sizeof v);
    for (size_t k = 0; k < n; k++) {
        if (set_raw(SET_SAS "04 00", v, k) == MSDK_COSEM_DAR_SUCCESS) {
            ck_abort_msg("truncated at %u: accepted", (unsigned)k);
        }
    }
    ck_assert_uint_eq(g_app.begins, begins);
    ck_assert_uint_eq(set_hex(SET_SAS "04 00", "0100"), MSDK_COSEM_DAR_SUCCESS);
    ck_assert_uint_eq(g_app.sas_n, 0u);
}
END_TEST

/* ---- Class functions called directly ----------------------------------------------------- */

/* The server hands a class exactly one Data value; these call the class functions with
 * truncated values and trailing bytes, which the class must refuse on its own. */
static uint8_t direct(unsigned obj, bool action, uint8_t member, const uint8_t *v, size_t n)
{
    msdk_cosem_req_t rq;
    memset(&rq, 0, sizeof rq);
    msdk_rbuf_t rb;
    msdk_rbuf_init(&rb, v, n);
    const msdk_cosem_object_t *o = &objects[obj];
    if (!action) {
        return o->cls->set(o, member, &rq, &rb);
    }
    uint8_t ret[16];
    msdk_wbuf_t w;
    msdk_wbuf_init(&w, ret, sizeof ret);
    uint8_t r = o->cls->action(o, member, &rq, &rb, &w);
    ck_assert_uint_eq(w.pos, 0u); /* no method returns data */
    return r;
}

START_TEST(direct_calls)
{
    static const struct {
        unsigned obj;
        bool action;
        uint8_t member;
        const char *value;
    } cases[] = {
        { 0, false, 2, V_SCRIPTS_NEW },  { 0, true, 1, "120001" },
        { 1, false, 2, V_SPECIAL_DAYS }, { 1, true, 1, "0203 120003 0905 07EA0501FF 1103" },
        { 1, true, 2, "120003" },        { 2, false, 6, "0904 544F5532" },
        { 2, false, 7, V_SEASONS },      { 2, false, 8, V_WEEKS },
        { 2, false, 9, V_DAYS },         { 2, false, 10, "090C 07EA0701FF00000000FFC400" },
        { 2, true, 1, "0F00" },          { 3, false, 2, "0202 0906 00000A006BFF 120002" },
        { 3, false, 3, "1601" },         { 3, false, 4, "0101 0202 0904 0C1E0000 0905 07EA0601FF" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        uint8_t v[256];
        size_t n = ck_hex(cases[c].value, v, sizeof v);
        for (size_t k = 0; k < n; k++) {
            if (direct(cases[c].obj, cases[c].action, cases[c].member, v, k) == 0u) {
                ck_abort_msg("case %u truncated at %u: accepted", (unsigned)c, (unsigned)k);
            }
        }
        v[n] = 0x00;
        uint8_t r = direct(cases[c].obj, cases[c].action, cases[c].member, v, n + 1u);
        if (r != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("case %u with a trailing byte: %u", (unsigned)c, r);
        }
        if ((g_app.begins != 0u) || (g_app.executions != 0u) || (g_app.activations != 0u) ||
            (g_app.sd_n != 2u) || (g_app.deleted != 0u)) {
            ck_abort_msg("case %u: the application was called", (unsigned)c);
        }
    }
    /* A parameter with an unknown tag (the server would refuse the APDU first). */
    uint8_t bad[64];
    size_t bad_n =
        ck_hex("0101 0202 120003 0101 0205 1601 120001 0906 0000600E00FF 0F02 FE", bad, sizeof bad);
    ck_assert_uint_eq(direct(0, false, 2, bad, bad_n), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    /* The passive name and the type were not written either. */
    ck_assert_uint_eq(g_app.passive.name.len, 3u);
    ck_assert_uint_eq(g_app.sas_type, 1u);
    ck_assert_uint_eq(g_app.sas_script.selector, 1u);
    /* The complete values are accepted. */
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        uint8_t v[256];
        size_t n = ck_hex(cases[c].value, v, sizeof v);
        uint8_t r = direct(cases[c].obj, cases[c].action, cases[c].member, v, n);
        if (r != 0u) {
            ck_abort_msg("case %u: %u", (unsigned)c, r);
        }
    }
}
END_TEST

/* ---- Robustness ---------------------------------------------------------------------------- */

/* Every single-byte corruption of valid SET values and method parameters: the server must
 * answer, never crash (ASan/UBSan), and anything accepted must decode as the class says. */
START_TEST(mutated_values)
{
    static const struct {
        const char *prefix;
        const char *value;
    } cases[] = {
        { SET_SC, V_SCRIPTS_NEW },
        { SET_SD, V_SPECIAL_DAYS },
        { SET_CAL "07 00", V_SEASONS },
        { SET_CAL "08 00", V_WEEKS },
        { SET_CAL "09 00", V_DAYS },
        { SET_SAS "04 00", "0101 0202 0904 0C1E0000 0905 07EA0601FF" },
        { ACT_SD "01 01", "0203 120003 0905 07EA0501FF 1103" },
    };
    static const uint8_t subst[] = { 0x00, 0x01, 0x02, 0x09, 0x7F, 0x80, 0x81, 0x84, 0xFF };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        uint8_t v[256];
        size_t n = ck_hex(cases[c].value, v, sizeof v);
        for (size_t i = 0; i < n; i++) {
            uint8_t orig = v[i];
            for (size_t s = 0; s < sizeof subst; s++) {
                v[i] = subst[s];
                (void)set_raw(cases[c].prefix, v, n);
                if (g_srv.out_len == 0u) {
                    ck_abort_msg("case %u byte %u: no answer", (unsigned)c, (unsigned)i);
                }
            }
            v[i] = orig;
        }
    }
}
END_TEST

Suite *cosem_class_schedule_suite(void)
{
    Suite *s = suite_create("cosem_class_schedule");
    CK_TCASE(s, "schedule", setup, script_get, script_execute, script_set, script_set_refused,
             special_days_get, special_days_methods, special_days_set, calendar_get,
             calendar_get_in_blocks, calendar_set_passive, calendar_set_refused,
             calendar_activation_checks, single_action_get, single_action_set, direct_calls,
             mutated_values);
    return s;
}
