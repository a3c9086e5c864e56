/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Data (class 1), Register (class 3) and Clock (class 8) through the server with APDU bytes:
 * Data with every scalar type through GET and SET (encodings hand-derived from the A-XDR
 * rules; double-long-unsigned 5009 and the clock date-time are the published values of
 * ../shared/vectors/dlms-vectors.md section 7), Register's value, scaler_unit and reset,
 * every Clock attribute read and written with valid and invalid values, and every Clock
 * method with valid and invalid parameters.
 */
#include <check.h>
#include <string.h>

#include "msdk/cosem/acse.h"
#include "msdk/cosem/classes.h"
#include "msdk/cosem/server.h"
#include "msdk/cosem/xdlms.h"

#include "cosem_check.h"

Suite *cosem_class_base_suite(void);

/* The date-time of the published SET clock vector: 2021-01-24 (day of week not specified)
 * 14:48:57.80, deviation -60, status 0. */
static const uint8_t dt_pub[12] = { 0x07, 0xE5, 0x01, 0x18, 0xFF, 0x0E,
                                    0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00 };

typedef struct app {
    msdk_cosem_value_t data; /* Data's current value */
    uint8_t data_bytes[32];  /* backing store of its string */
    unsigned data_sets;
    msdk_cosem_value_t reg; /* Register's value */
    unsigned reg_sets, resets;
    uint8_t clock_time[12], dst_begin[12], dst_end[12];
    int64_t tz, deviation;
    uint64_t status, base;
    bool dst_enabled;
    unsigned clock_sets;
    int method;
    msdk_cosem_value_t param;
    size_t param_len;
    unsigned methods;
} app_t;

static app_t g_app;

static uint8_t data_get(void *ctx, msdk_cosem_value_t *v)
{
    *v = ((app_t *)ctx)->data;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t data_set(void *ctx, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    a->data = *v;
    if ((v->tag == MSDK_COSEM_AXDR_OCTET_STRING) || (v->tag == MSDK_COSEM_AXDR_VISIBLE_STRING) ||
        (v->tag == MSDK_COSEM_AXDR_UTF8_STRING) || (v->tag == MSDK_COSEM_AXDR_DATE_TIME) ||
        (v->tag == MSDK_COSEM_AXDR_DATE) || (v->tag == MSDK_COSEM_AXDR_TIME)) {
        ck_assert_uint_le(v->v.str.len, sizeof a->data_bytes);
        if (v->v.str.len > 0u) {
            memcpy(a->data_bytes, v->v.str.p, v->v.str.len);
        }
        a->data.v.str.p = a->data_bytes;
    }
    a->data_sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t reg_get(void *ctx, msdk_cosem_value_t *v)
{
    *v = ((app_t *)ctx)->reg;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t reg_set(void *ctx, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    if (v->tag != MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED) {
        return MSDK_COSEM_DAR_TYPE_UNMATCHED; /* the application's own check */
    }
    a->reg = *v;
    a->reg_sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t reg_reset(void *ctx)
{
    app_t *a = (app_t *)ctx;
    a->reg.v.u = 0u;
    a->resets++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static uint8_t *clock_dt(app_t *a, uint8_t attr)
{
    return (attr == MSDK_COSEM_CLOCK_TIME)        ? a->clock_time
           : (attr == MSDK_COSEM_CLOCK_DST_BEGIN) ? a->dst_begin
                                                  : a->dst_end;
}

static uint8_t clock_get(void *ctx, uint8_t attr, msdk_cosem_value_t *v)
{
    const app_t *a = (const app_t *)ctx;
    const ck_clock_t c = { a->clock_time, a->dst_begin, a->dst_end,     a->tz,
                           a->status,     a->deviation, a->dst_enabled, a->base };
    ck_clock_value(&c, attr, v);
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t clock_set(void *ctx, uint8_t attr, const msdk_cosem_value_t *v)
{
    app_t *a = (app_t *)ctx;
    switch (attr) {
    case MSDK_COSEM_CLOCK_TIME:
    case MSDK_COSEM_CLOCK_DST_BEGIN:
    case MSDK_COSEM_CLOCK_DST_END: memcpy(clock_dt(a, attr), v->v.str.p, 12); break;
    case MSDK_COSEM_CLOCK_TIME_ZONE: a->tz = v->v.i; break;
    case MSDK_COSEM_CLOCK_STATUS: a->status = v->v.u; break;
    case MSDK_COSEM_CLOCK_DST_DEVIATION: a->deviation = v->v.i; break;
    case MSDK_COSEM_CLOCK_DST_ENABLED: a->dst_enabled = v->v.b; break;
    default: a->base = v->v.u; break;
    }
    a->clock_sets++;
    return MSDK_COSEM_DAR_SUCCESS;
}

static uint8_t clock_method(void *ctx, uint8_t method, const msdk_cosem_value_t *param)
{
    app_t *a = (app_t *)ctx;
    a->method = method;
    a->param = *param;
    a->methods++;
    return MSDK_COSEM_ACTION_SUCCESS;
}

static const msdk_cosem_data_def_t data_def = { NULL, data_get, data_set };
static const msdk_cosem_value_t const_value = { .tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED,
                                                .v.u = 5009u };
static const msdk_cosem_data_def_t const_def = { &const_value, NULL, NULL };
static const msdk_cosem_register_def_t reg_def = { -3, 30u, reg_get, reg_set, reg_reset };
static const msdk_cosem_register_def_t reg_ro_def = { 0, 27u, reg_get, NULL, NULL };
static const msdk_cosem_clock_def_t clock_def = { clock_get, clock_set, clock_method };
static const msdk_cosem_clock_def_t clock_ro_def = { clock_get, NULL, NULL };

static const msdk_cosem_rights_t r_all[1] = {
    { .read = 0xFFFFFFFFu, .write = 0xFFFFFFFFu, .exec = 0xFFFFFFFFu }
};

static const uint8_t LN_DATA[6] = { 0, 0, 96, 1, 0, 255 };
static const uint8_t LN_CONST[6] = { 0, 0, 96, 1, 1, 255 };
static const uint8_t LN_REG[6] = { 1, 0, 1, 8, 0, 255 };
static const uint8_t LN_REG_RO[6] = { 1, 0, 1, 7, 0, 255 };
static const uint8_t LN_CLOCK[6] = { 0, 0, 1, 0, 0, 255 };
static const uint8_t LN_CLOCK_RO[6] = { 0, 1, 1, 0, 0, 255 };

static const msdk_cosem_object_t objects[] = {
    { { 0, 0, 96, 1, 0, 255 }, &msdk_cosem_class_data, &data_def, &g_app, r_all },
    { { 0, 0, 96, 1, 1, 255 }, &msdk_cosem_class_data, &const_def, &g_app, r_all },
    { { 1, 0, 1, 8, 0, 255 }, &msdk_cosem_class_register, &reg_def, &g_app, r_all },
    { { 1, 0, 1, 7, 0, 255 }, &msdk_cosem_class_register, &reg_ro_def, &g_app, r_all },
    { { 0, 0, 1, 0, 0, 255 }, &msdk_cosem_class_clock, &clock_def, &g_app, r_all },
    { { 0, 1, 1, 0, 0, 255 }, &msdk_cosem_class_clock, &clock_ro_def, &g_app, r_all },
};
static const msdk_cosem_ldev_t ldev = CK_LDEV(objects, 6u);

static void setup(void)
{
    memset(&g_app, 0, sizeof g_app);
    memcpy(g_app.clock_time, dt_pub, 12);
    static const uint8_t begin[12] = {
        0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02, 0x00, 0x00, 0x00, 0x80, 0x00, 0xFF
    }; /* last Sunday of March */
    static const uint8_t end[12] = { 0xFF, 0xFF, 0x0A, 0xFE, 0x07, 0x03,
                                     0x00, 0x00, 0x00, 0x80, 0x00, 0xFF };
    memcpy(g_app.dst_begin, begin, 12);
    memcpy(g_app.dst_end, end, 12);
    g_app.tz = -60;
    g_app.deviation = 60;
    g_app.dst_enabled = true;
    g_app.base = 1;
    g_app.reg.tag = MSDK_COSEM_AXDR_DOUBLE_LONG_UNSIGNED;
    g_app.reg.v.u = 5009u;
    ck_srv_init(&ldev, 256u);
    ck_associate_hex(CK_AARQ_PLAIN); /* the published "AARQ, no security" */
}

/* ---- Data ---------------------------------------------------------------------------------- */

/* Every scalar type: its value and its encoding, hand-derived from the A-XDR rules. */
#define STR(tag_, s_, n_)                                                                          \
    {                                                                                              \
        .tag = (tag_), .v.str = {(const uint8_t *)(s_), (n_) }                                     \
    }
static const struct {
    msdk_cosem_value_t val;
    uint8_t len;
    uint8_t enc[16];
} scalars[] = {
    { { .tag = 0x00 }, 1, { 0x00 } },                    /* null-data */
    { { .tag = 0x03, .v.b = true }, 2, { 0x03, 0x01 } }, /* boolean */
    { { .tag = 0x03, .v.b = false }, 2, { 0x03, 0x00 } },
    { { .tag = 0x05, .v.i = -2 }, 5, { 0x05, 0xFF, 0xFF, 0xFF, 0xFE } },   /* double-long */
    { { .tag = 0x06, .v.u = 5009 }, 5, { 0x06, 0x00, 0x00, 0x13, 0x91 } }, /* published */
    { STR(0x09, "AB", 2), 4, { 0x09, 0x02, 0x41, 0x42 } },                 /* octet-string */
    { STR(0x09, "", 0), 2, { 0x09, 0x00 } },
    { STR(0x0A, "AB", 2), 4, { 0x0A, 0x02, 0x41, 0x42 } },       /* visible-string */
    { STR(0x0C, "\xC3\xA9", 2), 4, { 0x0C, 0x02, 0xC3, 0xA9 } }, /* utf8-string */
    { { .tag = 0x0D, .v.u = 0x12 }, 2, { 0x0D, 0x12 } },         /* bcd */
    { { .tag = 0x0F, .v.i = -128 }, 2, { 0x0F, 0x80 } },         /* integer */
    { { .tag = 0x10, .v.i = -2 }, 3, { 0x10, 0xFF, 0xFE } },     /* long */
    { { .tag = 0x11, .v.u = 255 }, 2, { 0x11, 0xFF } },          /* unsigned */
    { { .tag = 0x12, .v.u = 0x1234 }, 3, { 0x12, 0x12, 0x34 } }, /* long-unsigned */
    { { .tag = 0x14, .v.i = INT64_MIN }, 9, { 0x14, 0x80, 0, 0, 0, 0, 0, 0, 0 } },
    { { .tag = 0x15, .v.u = 0x0102030405060708u },
      9,
      { 0x15, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 } }, /* long64-unsigned */
    { { .tag = 0x16, .v.u = 2 }, 2, { 0x16, 0x02 } },             /* enum */
    { { .tag = 0x17, .v.u = 0x3F800000u }, 5, { 0x17, 0x3F, 0x80, 0x00, 0x00 } }, /* 1.0f */
    { { .tag = 0x18, .v.u = 0x3FF0000000000000u }, 9, { 0x18, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0 } },
    { STR(0x19, "\x07\xE5\x01\x18\xFF\x0E\x30\x39\x50\xFF\xC4\x00", 12),
      13,
      { 0x19, 0x07, 0xE5, 0x01, 0x18, 0xFF, 0x0E, 0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00 } },
    { STR(0x1A, "\x07\xE5\x01\x18\xFF", 5), 6, { 0x1A, 0x07, 0xE5, 0x01, 0x18, 0xFF } },
    { STR(0x1B, "\x0E\x30\x39\x50", 4), 5, { 0x1B, 0x0E, 0x30, 0x39, 0x50 } }, /* time */
    { { .tag = 0xFF }, 1, { 0xFF } },                                          /* dont-care */
};

static bool same_value(const msdk_cosem_value_t *x, const msdk_cosem_value_t *y)
{
    if (x->tag != y->tag) {
        return false;
    }
    switch (x->tag) {
    case 0x00:
    case 0xFF: return true;
    case 0x03: return x->v.b == y->v.b;
    case 0x05:
    case 0x0F:
    case 0x10:
    case 0x14: return x->v.i == y->v.i;
    case 0x09:
    case 0x0A:
    case 0x0C:
    case 0x19:
    case 0x1A:
    case 0x1B:
        return (x->v.str.len == y->v.str.len) &&
               ((x->v.str.len == 0u) || (memcmp(x->v.str.p, y->v.str.p, x->v.str.len) == 0));
    default: return x->v.u == y->v.u;
    }
}

START_TEST(data_every_scalar_type)
{
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        /* GET of the application's value gives the encoding ... */
        g_app.data = scalars[i].val;
        ck_get(1, LN_DATA, 2);
        if (!ck_got(scalars[i].enc, scalars[i].len)) {
            ck_abort_msg("type %u: GET differs", (unsigned)scalars[i].enc[0]);
        }
        /* ... and a SET of the encoding gives the application the value. */
        memset(&g_app.data, 0, sizeof g_app.data);
        uint8_t dar = ck_set(1, LN_DATA, 2, scalars[i].enc, scalars[i].len);
        if ((dar != 0u) || !same_value(&g_app.data, &scalars[i].val)) {
            ck_abort_msg("type %u: SET dar %u", (unsigned)scalars[i].enc[0], (unsigned)dar);
        }
    }
    ck_assert_uint_eq(g_app.data_sets, sizeof scalars / sizeof scalars[0]);
    /* The constant Data: the published GET response. */
    ck_get(1, LN_CONST, 2);
    static const uint8_t pub[] = { 0xC4, 0x01, 0xC1, 0x00, 0x06, 0x00, 0x00, 0x13, 0x91 };
    ck_assert_uint_eq(g_srv.out_len, sizeof pub);
    ck_assert_mem_eq(g_srv.out, pub, sizeof pub);
}
END_TEST

START_TEST(data_errors)
{
    const unsigned sets = g_app.data_sets;
    /* Not a scalar: type-unmatched. */
    static const uint8_t arr[] = { 0x01, 0x01, 0x11, 0x01 };
    ck_assert_uint_eq(ck_set(1, LN_DATA, 2, arr, sizeof arr), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    static const uint8_t st[] = { 0x02, 0x01, 0x11, 0x01 };
    ck_assert_uint_eq(ck_set(1, LN_DATA, 2, st, sizeof st), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    static const uint8_t ca[] = { 0x13, 0x11, 0x02, 0x01, 0x02 };
    ck_assert_uint_eq(ck_set(1, LN_DATA, 2, ca, sizeof ca), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    /* Every truncation of every type, and a trailing byte, at the class. */
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        for (size_t n = 0; n < scalars[i].len; n++) {
            if (ck_class_set(&objects[0], 2, scalars[i].enc, n) != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
                ck_abort_msg("type %u truncated at %u", (unsigned)scalars[i].enc[0], (unsigned)n);
            }
        }
        uint8_t more[17];
        memcpy(more, scalars[i].enc, scalars[i].len);
        more[scalars[i].len] = 0x00;
        if (ck_class_set(&objects[0], 2, more, scalars[i].len + 1u) !=
            MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("type %u with a trailing byte", (unsigned)scalars[i].enc[0]);
        }
    }
    ck_assert_uint_eq(g_app.data_sets, sets);
    /* Read-only Data; no attribute 3. */
    static const uint8_t u[] = { 0x11, 0x01 };
    ck_assert_uint_eq(ck_set(1, LN_CONST, 2, u, sizeof u), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_get(1, LN_DATA, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    /* A provider value out of its tag's range is not sent. */
    g_app.data.tag = MSDK_COSEM_AXDR_INTEGER;
    g_app.data.v.i = 200;
    ck_get(1, LN_DATA, 2);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OTHER_REASON);
    g_app.data.tag = MSDK_COSEM_AXDR_ARRAY;
    ck_get(1, LN_DATA, 2);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OTHER_REASON);
}
END_TEST

/* ---- Register ------------------------------------------------------------------------------ */

START_TEST(register_attributes_and_reset)
{
    ck_get(3, LN_REG, 2);
    static const uint8_t v5009[] = { 0x06, 0x00, 0x00, 0x13, 0x91 };
    ck_assert(ck_got(v5009, sizeof v5009));
    ck_get(3, LN_REG, 3);
    static const uint8_t su[] = { 0x02, 0x02, 0x0F, 0xFD, 0x16, 0x1E }; /* 10^-3 Wh */
    ck_assert(ck_got(su, sizeof su));
    ck_get(3, LN_REG_RO, 3);
    static const uint8_t su2[] = { 0x02, 0x02, 0x0F, 0x00, 0x16, 0x1B }; /* W */
    ck_assert(ck_got(su2, sizeof su2));
    ck_get(3, LN_REG, 4);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    /* SET value; scaler_unit is fixed; the read-only register refuses. */
    static const uint8_t v7[] = { 0x06, 0x00, 0x00, 0x00, 0x07 };
    ck_assert_uint_eq(ck_set(3, LN_REG, 2, v7, sizeof v7), 0u);
    ck_assert_uint_eq(g_app.reg.v.u, 7u);
    static const uint8_t l7[] = { 0x12, 0x00, 0x07 };
    ck_assert_uint_eq(ck_set(3, LN_REG, 2, l7, sizeof l7), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_set(3, LN_REG, 3, su, sizeof su), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_set(3, LN_REG_RO, 2, v7, sizeof v7), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    ck_assert_uint_eq(ck_class_set(&objects[2], 2, v7, 4), MSDK_COSEM_DAR_TYPE_UNMATCHED);
    ck_assert_uint_eq(g_app.reg_sets, 1u);
    /* reset(integer 0) and null-data; other parameters refused. */
    static const uint8_t p0[] = { 0x0F, 0x00 };
    ck_assert_uint_eq(ck_action(3, LN_REG, 1, p0, sizeof p0), 0u);
    ck_assert_uint_eq(g_app.reg.v.u, 0u);
    ck_assert_uint_eq(ck_action(3, LN_REG, 1, NULL, 0), 0u);
    ck_assert_uint_eq(g_app.resets, 2u);
    static const uint8_t p1[] = { 0x0F, 0x01 };
    ck_assert_uint_eq(ck_action(3, LN_REG, 1, p1, sizeof p1), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    static const uint8_t pu[] = { 0x11, 0x00 };
    ck_assert_uint_eq(ck_action(3, LN_REG, 1, pu, sizeof pu), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_action(3, LN_REG, 2, p0, sizeof p0), MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(ck_action(3, LN_REG_RO, 1, p0, sizeof p0),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    ck_assert_uint_eq(g_app.resets, 2u);
}
END_TEST

/* ---- Clock --------------------------------------------------------------------------------- */

START_TEST(clock_every_attribute)
{
    uint8_t want[14] = { 0x09, 0x0C };
    memcpy(&want[2], dt_pub, 12);
    ck_get(8, LN_CLOCK, 2);
    ck_assert(ck_got(want, 14));
    ck_get(8, LN_CLOCK, 3);
    static const uint8_t tz[] = { 0x10, 0xFF, 0xC4 };
    ck_assert(ck_got(tz, sizeof tz));
    ck_get(8, LN_CLOCK, 4);
    static const uint8_t st[] = { 0x11, 0x00 };
    ck_assert(ck_got(st, sizeof st));
    ck_get(8, LN_CLOCK, 5);
    memcpy(&want[2], g_app.dst_begin, 12);
    ck_assert(ck_got(want, 14));
    ck_get(8, LN_CLOCK, 6);
    memcpy(&want[2], g_app.dst_end, 12);
    ck_assert(ck_got(want, 14));
    ck_get(8, LN_CLOCK, 7);
    static const uint8_t dev[] = { 0x0F, 0x3C };
    ck_assert(ck_got(dev, sizeof dev));
    ck_get(8, LN_CLOCK, 8);
    static const uint8_t en[] = { 0x03, 0x01 };
    ck_assert(ck_got(en, sizeof en));
    ck_get(8, LN_CLOCK, 9);
    static const uint8_t base[] = { 0x16, 0x01 };
    ck_assert(ck_got(base, sizeof base));
    ck_get(8, LN_CLOCK, 10);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_OBJECT_UNAVAILABLE);
    /* A provider's invalid date-time is a hardware fault. */
    g_app.clock_time[2] = 13;
    ck_get(8, LN_CLOCK, 2);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
    g_app.tz = 721;
    ck_get(8, LN_CLOCK, 3);
    ck_assert_uint_eq(ck_get_dar(), MSDK_COSEM_DAR_HARDWARE_FAULT);
}
END_TEST

/* A value of a clock attribute, encoded (hex). */
typedef struct attr_value {
    uint8_t attr;
    const char *hex;
} attr_value_t;

START_TEST(clock_set_every_attribute)
{
    /* The published SET clock APDU and its response. */
    static const uint8_t pub[] = { 0xC1, 0x01, 0xC1, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00,
                                   0x00, 0xFF, 0x02, 0x00, 0x09, 0x0C, 0x07, 0xE5, 0x01,
                                   0x18, 0xFF, 0x0E, 0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00 };
    memset(g_app.clock_time, 0, 12);
    ck_send(pub, sizeof pub);
    static const uint8_t ok[] = { 0xC5, 0x01, 0xC1, 0x00 };
    ck_assert_uint_eq(g_srv.out_len, sizeof ok);
    ck_assert_mem_eq(g_srv.out, ok, sizeof ok);
    ck_assert_mem_eq(g_app.clock_time, dt_pub, 12);
    /* Valid values of every attribute. */
    static const attr_value_t good[] = {
        { 3, "1002D0" },                       /* +720 */
        { 3, "10FD30" },                       /* -720 */
        { 3, "108000" },                       /* not specified */
        { 4, "1180" },                         /* DST active */
        { 5, "090CFFFFFEFE07020000008000FF" }, /* DST begin month code, last day */
        { 6, "090C07EA0A19FF03000000003C00" },
        { 7, "0F78" }, /* +120 */
        { 7, "0F88" }, /* -120 */
        { 8, "0300" },
        { 9, "1603" },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint8_t v[14];
        size_t n = ck_hex(good[i].hex, v, sizeof v);
        uint8_t dar = ck_set(8, LN_CLOCK, good[i].attr, v, n);
        ck_get(8, LN_CLOCK, good[i].attr);
        if ((dar != 0u) || !ck_got(v, n)) {
            ck_abort_msg("good value %u: dar %u", (unsigned)i, (unsigned)dar);
        }
    }
    const unsigned sets = g_app.clock_sets;
    static const attr_value_t bad[] = {
        { 2, "090C07E50D18FF0E303950FFC400" }, /* month 13 */
        { 2, "090C07E5021EFF0E303950FFC400" }, /* 30 February */
        { 2, "090C07E50118FF18303950FFC400" }, /* hour 24 */
        { 2, "090C07E50118FF0E30395002D100" }, /* deviation 721 */
        { 2, "090B07E50118FF0E303950FFC4" },   /* 11 bytes */
        { 2, "1907E50118FF0E303950FFC400" },   /* date-time tag: not the attribute's type */
        { 3, "1002D1" },                       /* 721 */
        { 3, "10FD2F" },                       /* -721 */
        { 3, "0F3C" },                         /* integer */
        { 4, "1600" },                         /* enum */
        { 7, "0F79" },                         /* 121 */
        { 7, "0F87" },                         /* -121 */
        { 7, "10003C" },                       /* long */
        { 8, "1101" },                         /* unsigned */
        { 9, "1101" },                         /* unsigned */
        { 5, "00" },                           /* null-data */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t v[14];
        size_t n = ck_hex(bad[i].hex, v, sizeof v);
        uint8_t dar = ck_set(8, LN_CLOCK, bad[i].attr, v, n);
        if (dar != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("bad value %u: dar %u", (unsigned)i, (unsigned)dar);
        }
    }
    ck_assert_uint_eq(g_app.clock_sets, sets);
    /* Read-only clock; logical name; truncation at the class. */
    ck_assert_uint_eq(ck_set(8, LN_CLOCK_RO, 2, &pub[13], 14), MSDK_COSEM_DAR_READ_WRITE_DENIED);
    for (size_t n = 0; n < 14; n++) {
        if (ck_class_set(&objects[4], 2, &pub[13], n) != MSDK_COSEM_DAR_TYPE_UNMATCHED) {
            ck_abort_msg("truncated at %u", (unsigned)n);
        }
    }
    ck_assert_uint_eq(g_app.clock_sets, sets);
}
END_TEST

START_TEST(clock_methods)
{
    static const uint8_t p0[] = { 0x0F, 0x00 };
    static const uint8_t p1[] = { 0x0F, 0x01 };
    static const uint8_t pu[] = { 0x11, 0x00 };
    /* adjust_to_quarter, adjust_to_measuring_period, adjust_to_minute, adjust_to_preset_time:
     * integer 0 (or null-data from clients that omit it). */
    for (uint8_t m = 1; m <= 4; m++) {
        g_app.method = 0;
        ck_assert_uint_eq(ck_action(8, LN_CLOCK, m, p0, sizeof p0), 0u);
        ck_assert_int_eq(g_app.method, m);
        ck_assert_uint_eq(g_app.param.tag, MSDK_COSEM_AXDR_INTEGER);
        ck_assert_uint_eq(ck_action(8, LN_CLOCK, m, NULL, 0), 0u);
        ck_assert_uint_eq(ck_action(8, LN_CLOCK, m, p1, sizeof p1),
                          MSDK_COSEM_ACTION_TYPE_UNMATCHED);
        ck_assert_uint_eq(ck_action(8, LN_CLOCK, m, pu, sizeof pu),
                          MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    }
    ck_assert_uint_eq(g_app.methods, 8u);
    /* preset_adjusting_time: structure {preset_time, validity_interval_start, _end}. */
    uint8_t pre[2 + (3 * 14)];
    pre[0] = 0x02;
    pre[1] = 0x03;
    for (unsigned k = 0; k < 3; k++) {
        pre[2 + (k * 14)] = 0x09;
        pre[3 + (k * 14)] = 0x0C;
        memcpy(&pre[4 + (k * 14)], dt_pub, 12);
    }
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 5, pre, sizeof pre), 0u);
    ck_assert_int_eq(g_app.method, 5);
    ck_assert_uint_eq(g_app.param.tag, MSDK_COSEM_AXDR_OCTET_STRING);
    ck_assert_uint_eq(g_app.param.v.str.len, sizeof pre);
    pre[1] = 0x02; /* two members */
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 5, pre, 2 + (2 * 14)),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    pre[1] = 0x03;
    pre[4 + 14 + 2] = 0x0D; /* month 13 in the validity start */
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 5, pre, sizeof pre), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    pre[4 + 14 + 2] = 0x01;
    pre[0] = 0x01; /* an array */
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 5, pre, sizeof pre), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 5, p0, sizeof p0), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    /* shift_time: long, -900..900 seconds. */
    static const uint8_t s900[] = { 0x10, 0x03, 0x84 };
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, s900, sizeof s900), 0u);
    ck_assert_int_eq(g_app.param.v.i, 900);
    static const uint8_t sm900[] = { 0x10, 0xFC, 0x7C };
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, sm900, sizeof sm900), 0u);
    ck_assert_int_eq(g_app.param.v.i, -900);
    const unsigned methods = g_app.methods;
    static const uint8_t s901[] = { 0x10, 0x03, 0x85 };
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, s901, sizeof s901),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    static const uint8_t sm901[] = { 0x10, 0xFC, 0x7B };
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, sm901, sizeof sm901),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    static const uint8_t sint[] = { 0x0F, 0x05 };
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, sint, sizeof sint),
                      MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 6, NULL, 0), MSDK_COSEM_ACTION_TYPE_UNMATCHED);
    /* No method 7; a clock without methods. */
    ck_assert_uint_eq(ck_action(8, LN_CLOCK, 7, p0, sizeof p0),
                      MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE);
    for (uint8_t m = 1; m <= 6; m++) {
        if (ck_action(8, LN_CLOCK_RO, m, p0, sizeof p0) != MSDK_COSEM_ACTION_OBJECT_UNAVAILABLE) {
            ck_abort_msg("method %u of the read-only clock", (unsigned)m);
        }
    }
    ck_assert_uint_eq(g_app.methods, methods);
}
END_TEST

Suite *cosem_class_base_suite(void)
{
    Suite *s = suite_create("cosem_class_base");
    CK_TCASE(s, "data_register", setup, data_every_scalar_type, data_errors,
             register_attributes_and_reset);
    CK_TCASE(s, "clock", setup, clock_every_attribute, clock_set_every_attribute, clock_methods);
    return s;
}
