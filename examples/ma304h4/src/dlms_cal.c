/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* MA304H4 firmware: Activity calendar (0.0.13.0.0.255) and Special days table
 * (0.0.11.0.0.255), dlms_cal.h says what they show and how they are written.
 *
 * A write reaches this file only as a validated whole: libcosem decodes the value, checks
 * types, ranges (hour 24, month 13, day 32 are type-unmatched there) and unique keys, then
 * calls set_begin, one set_row per row and set_end (commit false when a row was refused).
 * The rows go into app->dlms.cal; only set_end(commit) hands them to tou.c, whose changes
 * are all-or-nothing, so every refusal on the way leaves app->tou untouched. */
#include <string.h>

#include "msdk/cosem/class_schedule.h"
#include "msdk/cosem/xdlms.h"

#include "app.h"
#include "dlms.h"
#include "dlms_cal.h"
#include "tou.h"

static const uint8_t ln_calendar[6] = { 0u, 0u, 13u, 0u, 0u, 255u };
static const uint8_t ln_special_days[6] = { 0u, 0u, 11u, 0u, 0u, 255u };

/* A date-time with every field "not specified" (the base of the time and date forms). */
static const msdk_cosem_datetime_t dt_unspecified = {
    .year = MSDK_DATETIME_YEAR_UNSPECIFIED,
    .month = MSDK_DATETIME_UNSPECIFIED,
    .day = MSDK_DATETIME_UNSPECIFIED,
    .day_of_week = MSDK_DATETIME_UNSPECIFIED,
    .hour = MSDK_DATETIME_UNSPECIFIED,
    .minute = MSDK_DATETIME_UNSPECIFIED,
    .second = MSDK_DATETIME_UNSPECIFIED,
    .hundredths = MSDK_DATETIME_UNSPECIFIED,
    .deviation = MSDK_DATETIME_DEVIATION_UNSPECIFIED,
    .status = MSDK_DATETIME_STATUS_UNSPECIFIED,
};

/* The passive attribute (7..9) of a table. */
static uint8_t table_attr(msdk_cosem_cal_table_t table)
{
    switch (table) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return (uint8_t)MSDK_COSEM_CAL_SEASONS_PASSIVE;
    case MSDK_COSEM_CAL_TABLE_WEEKS: return (uint8_t)MSDK_COSEM_CAL_WEEKS_PASSIVE;
    default: return (uint8_t)MSDK_COSEM_CAL_DAYS_PASSIVE;
    }
}

/* The action-result of a refusal of tou.c. `value` tells whether the request carried a
 * value tou.c could find wrong (insert: type-unmatched) or not (activation: other-reason);
 * a full table is a temporary failure, as the Blue Book's insert suggests. */
static uint8_t action_result(msdk_err_t err, bool value)
{
    switch (err) {
    case MSDK_OK: return (uint8_t)MSDK_COSEM_ACTION_SUCCESS;
    case MSDK_ERR_INVALID_ARG:
    case MSDK_ERR_MALFORMED:
        return value ? (uint8_t)MSDK_COSEM_ACTION_TYPE_UNMATCHED
                     : (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON;
    case MSDK_ERR_NO_SPACE:
    case MSDK_ERR_BUSY: return (uint8_t)MSDK_COSEM_ACTION_TEMPORARY_FAILURE;
    case MSDK_ERR_IO: return (uint8_t)MSDK_COSEM_ACTION_HARDWARE_FAULT;
    default: return (uint8_t)MSDK_COSEM_ACTION_OTHER_REASON; /* NOT_FOUND included */
    }
}

/* ---- Conversions ------------------------------------------------------------------------ */

static bool name_to_cosem(const msdk_tou_name_t *in, msdk_cosem_cal_name_t *out)
{
    if ((in->len > MSDK_TOU_CAL_NAME_MAX) || (in->len > MSDK_COSEM_CAL_NAME_MAX)) {
        return false;
    }
    out->len = in->len;
    memcpy(out->b, in->b, in->len);
    return true;
}

static bool name_to_tou(const msdk_cosem_cal_name_t *in, msdk_tou_name_t *out)
{
    if ((in->len > MSDK_COSEM_CAL_NAME_MAX) || (in->len > MSDK_TOU_CAL_NAME_MAX)) {
        return false;
    }
    memset(out, 0, sizeof(*out));
    out->len = in->len;
    memcpy(out->b, in->b, in->len);
    return true;
}

static uint8_t season_to_cosem(const msdk_tou_season_t *in, msdk_cosem_cal_season_t *out)
{
    if (!name_to_cosem(&in->name, &out->name) || !name_to_cosem(&in->week, &out->week)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    out->start = in->start;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t season_to_tou(const msdk_cosem_cal_season_t *in, msdk_tou_season_t *out)
{
    if (!name_to_tou(&in->name, &out->name) || !name_to_tou(&in->week, &out->week)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    out->start = in->start; /* kept as written; tou.c checks the form it accepts */
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t week_to_cosem(const msdk_tou_week_t *in, msdk_cosem_cal_week_t *out)
{
    if (!name_to_cosem(&in->name, &out->name)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
    }
    memcpy(out->day_id, in->day_id, sizeof(out->day_id));
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t week_to_tou(const msdk_cosem_cal_week_t *in, msdk_tou_week_t *out)
{
    if (!name_to_tou(&in->name, &out->name)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    memcpy(out->day_id, in->day_id, sizeof(out->day_id));
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* A switch point as a day_profile_action: start_time hh:mm:ss.00, the other fields "not
 * specified"; the tariff is the script selector. */
static uint8_t day_to_cosem(const msdk_tou_day_t *in, msdk_cosem_cal_day_t *out)
{
    if ((in->count > MSDK_COSEM_CAL_DAY_ACTIONS_MAX) || (in->count > MSDK_TOU_CAL_SWITCHES_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT; /* more than a GET can show */
    }
    out->day_id = in->day_id;
    out->action_count = in->count;
    for (uint8_t i = 0; i < in->count; i++) {
        const msdk_tou_switch_t *sw = &in->sw[i];
        msdk_cosem_cal_action_t *a = &out->actions[i];
        a->start = dt_unspecified;
        a->start.hour = sw->hour;
        a->start.minute = sw->minute;
        a->start.second = sw->second;
        a->start.hundredths = 0u;
        memcpy(a->script.ln, sw->script_ln, sizeof(a->script.ln));
        a->script.selector = sw->tariff;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* A day_profile_action's start_time must name its hour and minute (a switch point at "any
 * hour" has no single instant): type-unmatched otherwise. A second "not specified" is 0,
 * the hundredths are dropped. The selector goes unchanged to the tariff, which tou.c checks
 * (1..8). */
static uint8_t day_to_tou(const msdk_cosem_cal_day_t *in, msdk_tou_day_t *out)
{
    if ((in->action_count > MSDK_COSEM_CAL_DAY_ACTIONS_MAX) ||
        (in->action_count > MSDK_TOU_CAL_SWITCHES_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* more switch points than a day holds */
    }
    memset(out, 0, sizeof(*out));
    out->day_id = in->day_id;
    out->count = in->action_count;
    for (uint8_t i = 0; i < in->action_count; i++) {
        const msdk_cosem_cal_action_t *a = &in->actions[i];
        msdk_tou_switch_t *sw = &out->sw[i];
        if ((a->start.hour > 23u) || (a->start.minute > 59u) ||
            ((a->start.second > 59u) && (a->start.second != MSDK_DATETIME_UNSPECIFIED))) {
            return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
        }
        sw->hour = a->start.hour;
        sw->minute = a->start.minute;
        sw->second = (a->start.second == MSDK_DATETIME_UNSPECIFIED) ? 0u : a->start.second;
        memcpy(sw->script_ln, a->script.ln, sizeof(sw->script_ln));
        sw->tariff = a->script.selector;
    }
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* ---- Activity calendar: reads ------------------------------------------------------------ */

static const msdk_tou_calendar_t *calendar_of(void *ctx, bool passive)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    return passive ? &app->tou.staged : &app->tou.cal.active;
}

static uint8_t cal_name_get(void *ctx, bool passive, msdk_cosem_cal_name_t *name)
{
    return name_to_cosem(&calendar_of(ctx, passive)->name, name)
               ? (uint8_t)MSDK_COSEM_DAR_SUCCESS
               : (uint8_t)MSDK_COSEM_DAR_HARDWARE_FAULT;
}

static uint32_t cal_count(void *ctx, bool passive, msdk_cosem_cal_table_t table)
{
    const msdk_tou_calendar_t *c = calendar_of(ctx, passive);
    switch (table) {
    case MSDK_COSEM_CAL_TABLE_SEASONS: return c->season_count;
    case MSDK_COSEM_CAL_TABLE_WEEKS: return c->week_count;
    default: return c->day_count;
    }
}

/* A row past the end (the table shrank during a block transfer): temporary-failure. */
static uint8_t cal_season_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_season_t *row)
{
    const msdk_tou_calendar_t *c = calendar_of(ctx, passive);
    if ((i >= c->season_count) || (i >= MSDK_TOU_CAL_SEASONS_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    return season_to_cosem(&c->seasons[i], row);
}

static uint8_t cal_week_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_week_t *row)
{
    const msdk_tou_calendar_t *c = calendar_of(ctx, passive);
    if ((i >= c->week_count) || (i >= MSDK_TOU_CAL_WEEKS_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    return week_to_cosem(&c->weeks[i], row);
}

static uint8_t cal_day_get(void *ctx, bool passive, uint32_t i, msdk_cosem_cal_day_t *row)
{
    const msdk_tou_calendar_t *c = calendar_of(ctx, passive);
    if ((i >= c->day_count) || (i >= MSDK_TOU_CAL_DAYS_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE;
    }
    return day_to_cosem(&c->days[i], row);
}

static uint8_t cal_activate_time_get(void *ctx, msdk_cosem_datetime_t *dt)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    *dt = app->tou.cal.activate_at;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* ---- Activity calendar: writes ----------------------------------------------------------- */

static void cal_close(ma304h4_dlms_cal_t *w)
{
    w->cal_attr = 0u;
    w->cal_rows = 0u;
    w->cal_filled = 0u;
}

static uint8_t cal_name_set(void *ctx, const msdk_cosem_cal_name_t *name)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_dlms_cal_t *w = &app->dlms.cal;
    cal_close(w);
    w->candidate = app->tou.staged;
    if (!name_to_tou(name, &w->candidate.name)) {
        return (uint8_t)MSDK_COSEM_DAR_TYPE_UNMATCHED;
    }
    return ma304h4_tou_dar(ma304h4_tou_set_passive_part(&app->tou, &w->candidate,
                                                        (uint8_t)MSDK_COSEM_CAL_NAME_PASSIVE));
}

static uint8_t cal_set_begin(void *ctx, msdk_cosem_cal_table_t table, uint32_t n)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_dlms_cal_t *w = &app->dlms.cal;
    msdk_tou_calendar_t *c = &w->candidate;
    cal_close(w);
    *c = app->tou.staged; /* the parts not written stay as they are */
    switch (table) {
    case MSDK_COSEM_CAL_TABLE_SEASONS:
        if (n > MSDK_TOU_CAL_SEASONS_MAX) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        }
        memset(c->seasons, 0, sizeof(c->seasons));
        c->season_count = (uint8_t)n;
        break;
    case MSDK_COSEM_CAL_TABLE_WEEKS:
        if (n > MSDK_TOU_CAL_WEEKS_MAX) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        }
        memset(c->weeks, 0, sizeof(c->weeks));
        c->week_count = (uint8_t)n;
        break;
    default:
        if (n > MSDK_TOU_CAL_DAYS_MAX) {
            return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
        }
        memset(c->days, 0, sizeof(c->days));
        c->day_count = (uint8_t)n;
        break;
    }
    w->cal_attr = table_attr(table);
    w->cal_rows = n;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

/* Whether row `i` of attribute `attr` is the next one of the write in progress. */
static bool cal_row_expected(const ma304h4_dlms_cal_t *w, uint8_t attr, uint32_t i)
{
    return (w->cal_attr == attr) && (i == w->cal_filled) && (i < w->cal_rows);
}

static uint8_t cal_season_set(void *ctx, uint32_t i, const msdk_cosem_cal_season_t *row)
{
    ma304h4_dlms_cal_t *w = &((ma304h4_app_t *)ctx)->dlms.cal;
    if (!cal_row_expected(w, (uint8_t)MSDK_COSEM_CAL_SEASONS_PASSIVE, i)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    uint8_t dar = season_to_tou(row, &w->candidate.seasons[i]);
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        w->cal_filled++;
    }
    return dar;
}

static uint8_t cal_week_set(void *ctx, uint32_t i, const msdk_cosem_cal_week_t *row)
{
    ma304h4_dlms_cal_t *w = &((ma304h4_app_t *)ctx)->dlms.cal;
    if (!cal_row_expected(w, (uint8_t)MSDK_COSEM_CAL_WEEKS_PASSIVE, i)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    uint8_t dar = week_to_tou(row, &w->candidate.weeks[i]);
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        w->cal_filled++;
    }
    return dar;
}

static uint8_t cal_day_set(void *ctx, uint32_t i, const msdk_cosem_cal_day_t *row)
{
    ma304h4_dlms_cal_t *w = &((ma304h4_app_t *)ctx)->dlms.cal;
    if (!cal_row_expected(w, (uint8_t)MSDK_COSEM_CAL_DAYS_PASSIVE, i)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    uint8_t dar = day_to_tou(row, &w->candidate.days[i]);
    if (dar == (uint8_t)MSDK_COSEM_DAR_SUCCESS) {
        w->cal_filled++;
    }
    return dar;
}

static uint8_t cal_set_end(void *ctx, msdk_cosem_cal_table_t table, bool commit)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_dlms_cal_t *w = &app->dlms.cal;
    uint8_t attr = table_attr(table);
    bool complete = (w->cal_attr == attr) && (w->cal_filled == w->cal_rows);
    cal_close(w);
    if (!commit) {
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS; /* discarded: the candidate is not used */
    }
    if (!complete) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON; /* not the write that began */
    }
    return ma304h4_tou_dar(ma304h4_tou_set_passive_part(&app->tou, &w->candidate, attr));
}

static uint8_t cal_activate_time_set(void *ctx, const msdk_cosem_datetime_t *dt)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    return ma304h4_tou_dar(ma304h4_tou_set_activation(&app->tou, dt));
}

static uint8_t cal_activate(void *ctx)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    return action_result(ma304h4_tou_activate(&app->tou), false);
}

static const msdk_cosem_calendar_def_t calendar_def = {
    .name_get = cal_name_get,
    .count = cal_count,
    .season_get = cal_season_get,
    .week_get = cal_week_get,
    .day_get = cal_day_get,
    .activate_time_get = cal_activate_time_get,
    .max_seasons = MSDK_TOU_CAL_SEASONS_MAX,
    .max_weeks = MSDK_TOU_CAL_WEEKS_MAX,
    .max_days = MSDK_TOU_CAL_DAYS_MAX,
    .name_set = cal_name_set,
    .set_begin = cal_set_begin,
    .season_set = cal_season_set,
    .week_set = cal_week_set,
    .day_set = cal_day_set,
    .set_end = cal_set_end,
    .activate_time_set = cal_activate_time_set,
    .activate = cal_activate,
};

/* ---- Special days table ------------------------------------------------------------------ */

static void special_to_tou(const msdk_cosem_special_day_t *in, msdk_tou_special_day_t *out)
{
    memset(out, 0, sizeof(*out));
    out->index = in->index;
    out->date = in->date; /* date fields as written; tou.c checks them */
    out->day_id = in->day_id;
}

static uint32_t special_count(void *ctx)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    return app->tou.cal.special_count;
}

static uint8_t special_get(void *ctx, uint32_t i, msdk_cosem_special_day_t *row)
{
    const ma304h4_app_t *app = (const ma304h4_app_t *)ctx;
    if ((i >= app->tou.cal.special_count) || (i >= MSDK_TOU_SPECIAL_DAYS_MAX)) {
        return (uint8_t)MSDK_COSEM_DAR_TEMPORARY_FAILURE; /* the table shrank */
    }
    const msdk_tou_special_day_t *e = &app->tou.cal.special[i];
    row->index = e->index;
    row->date = dt_unspecified;
    row->date.year = e->date.year;
    row->date.month = e->date.month;
    row->date.day = e->date.day;
    row->date.day_of_week = e->date.day_of_week;
    row->day_id = e->day_id;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t special_set_begin(void *ctx, uint32_t n)
{
    ma304h4_dlms_cal_t *w = &((ma304h4_app_t *)ctx)->dlms.cal;
    w->special_open = false;
    if (n > MSDK_TOU_SPECIAL_DAYS_MAX) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    memset(w->special, 0, sizeof(w->special));
    w->special_open = true;
    w->special_count = (uint16_t)n;
    w->special_filled = 0u;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t special_set_row(void *ctx, uint32_t i, const msdk_cosem_special_day_t *row)
{
    ma304h4_dlms_cal_t *w = &((ma304h4_app_t *)ctx)->dlms.cal;
    if (!w->special_open || (i != w->special_filled) || (i >= w->special_count)) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    special_to_tou(row, &w->special[i]);
    w->special_filled++;
    return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t special_set_end(void *ctx, bool commit)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    ma304h4_dlms_cal_t *w = &app->dlms.cal;
    bool complete = w->special_open && (w->special_filled == w->special_count);
    w->special_open = false;
    if (!commit) {
        return (uint8_t)MSDK_COSEM_DAR_SUCCESS;
    }
    if (!complete) {
        return (uint8_t)MSDK_COSEM_DAR_OTHER_REASON;
    }
    return ma304h4_tou_dar(ma304h4_tou_special_days_set(&app->tou, w->special, w->special_count));
}

static uint8_t special_insert(void *ctx, const msdk_cosem_special_day_t *entry)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    msdk_tou_special_day_t e;
    special_to_tou(entry, &e);
    return action_result(ma304h4_tou_special_days_insert(&app->tou, &e), true);
}

static uint8_t special_delete(void *ctx, uint16_t index)
{
    ma304h4_app_t *app = (ma304h4_app_t *)ctx;
    return action_result(ma304h4_tou_special_days_delete(&app->tou, index), true);
}

static const msdk_cosem_special_days_def_t special_days_def = {
    .count = special_count,
    .get = special_get,
    .max_entries = MSDK_TOU_SPECIAL_DAYS_MAX,
    .set_begin = special_set_begin,
    .set_row = special_set_row,
    .set_end = special_set_end,
    .insert = special_insert,
    .delete_entry = special_delete,
};

/* ---- Objects ----------------------------------------------------------------------------- */

void ma304h4_dlms_cal_objects(ma304h4_app_t *app)
{
    ma304h4_dlms_cal_t *w = &app->dlms.cal;
    cal_close(w);
    w->special_open = false;
    const msdk_cosem_rights_t *rights = ma304h4_dlms_rights(MA304H4_RIGHTS_CONFIG);
    ma304h4_dlms_put(&app->dlms, ln_calendar, &msdk_cosem_class_activity_calendar, &calendar_def,
                     app, rights);
    ma304h4_dlms_put(&app->dlms, ln_special_days, &msdk_cosem_class_special_days, &special_days_def,
                     app, rights);
}
