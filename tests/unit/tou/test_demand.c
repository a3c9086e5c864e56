/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Demand (msdk/tou/demand.h): block and sliding demand, maximum demand with its time,
 * power-down, clock steps, billing reset, bad configuration.
 *
 * The load is a piecewise constant power per channel, given as a rate in mWh per second
 * (1000 mWh/s = 3.6 kW = 3 600 000 mW), so the energy register (mWh) of the model is exact
 * at every second and the demand of a span is worked out by hand: energy * 3600 / length.
 * Every expected value below is written out from that arithmetic in the comments, never
 * taken from the engine. Times are relative to T0 = 2026-01-01T00:00:00Z (a multiple of a
 * day), so a relative time that is a multiple of the period is a boundary.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "msdk/tou/demand.h"

Suite *tou_demand_suite(void);

#define T0 INT64_C(1767225600) /* 2026-01-01T00:00:00Z = 20454 * 86400 */

#define NONE MSDK_TOU_DEMAND_NO_TIME

/* Register values at T0 (the engine must not care where the registers start). */
static const int64_t E0[4] = { 123456789, 5000, 0, 987654321012 };

/* From relative time `from` on (until the next segment), channel ch draws rate[ch] mWh/s. */
typedef struct seg {
    int64_t from;
    int64_t rate[4];
} seg_t;

/* A window the engine closed, as seen through msdk_tou_demand_read(). */
typedef struct closed {
    int64_t cap; /* relative */
    int64_t val[4];
    uint8_t st;
} closed_t;

typedef struct sim {
    msdk_tou_demand_t d;
    const seg_t *load;
    size_t nload;
    uint8_t channels;
    int64_t last_cap;
    closed_t w[512];
    size_t nw;
} sim_t;

static sim_t s;

/* Energy register of channel ch at relative time t (t >= 0) under the load. */
static int64_t model_energy(const seg_t *load, size_t n, uint8_t ch, int64_t t)
{
    int64_t e = E0[ch];
    for (size_t i = 0u; i < n; i++) {
        const int64_t a = load[i].from;
        const int64_t b = (i + 1u < n) ? load[i + 1u].from : INT64_MAX;
        if (t <= a) {
            break;
        }
        e += load[i].rate[ch] * (((t < b) ? t : b) - a);
    }
    return e;
}

static void energies(int64_t t, int64_t *e)
{
    for (uint8_t ch = 0u; ch < 4u; ch++) {
        e[ch] = model_energy(s.load, s.nload, ch, t);
    }
}

/* Records the window just closed, if the last call closed one. */
static void observe(void)
{
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    if (r.capture_time == s.last_cap) {
        return;
    }
    ck_assert_msg(r.capture_time > s.last_cap, "capture time went back: %lld after %lld",
                  (long long)(r.capture_time - T0), (long long)(s.last_cap - T0));
    ck_assert_uint_lt(s.nw, sizeof(s.w) / sizeof(s.w[0]));
    closed_t *c = &s.w[s.nw++];
    c->cap = r.capture_time - T0;
    c->st = r.status;
    for (uint8_t ch = 0u; ch < s.channels; ch++) {
        ck_assert_int_eq(msdk_tou_demand_read(&s.d, ch, &r), MSDK_OK);
        c->val[ch] = r.last_average;
        ck_assert_int_ge(r.current_average, 0);
        ck_assert_int_ge(r.last_average, 0);
    }
    s.last_cap = r.capture_time;
}

static void start(const seg_t *load, size_t nload, uint8_t channels, uint32_t period, uint16_t n,
                  int64_t t)
{
    memset(&s, 0, sizeof(s));
    s.load = load;
    s.nload = nload;
    s.channels = channels;
    msdk_tou_demand_config_t cfg = { period, n, channels };
    int64_t e[4];
    energies(t, e);
    ck_assert_int_eq(msdk_tou_demand_init(&s.d, &cfg, NULL, T0 + t, e), MSDK_OK);
    s.last_cap = T0 + t;
}

static void poll(int64_t t)
{
    int64_t e[4];
    energies(t, e);
    ck_assert_int_eq(msdk_tou_demand_update(&s.d, T0 + t, e), MSDK_OK);
    observe();
}

/* Polls every second from (from, to]. */
static void run(int64_t from, int64_t to)
{
    for (int64_t t = from + 1; t <= to; t++) {
        poll(t);
    }
}

/* Polls at irregular times from (from, to]: steps of 1..max_step s from a fixed LCG, so
 * boundaries fall between polls as often as on them. */
static uint32_t lcg = 12345u;
static void run_jitter(int64_t from, int64_t to, uint32_t max_step)
{
    int64_t t = from;
    while (t < to) {
        lcg = (lcg * 1103515245u) + 12345u;
        t += 1 + (int64_t)((lcg >> 16) % max_step);
        if (t > to) {
            t = to;
        }
        poll(t);
    }
}

static const closed_t *window(int64_t cap)
{
    for (size_t i = 0u; i < s.nw; i++) {
        if (s.w[i].cap == cap) {
            return &s.w[i];
        }
    }
    ck_abort_msg("no window closed at T0 + %lld", (long long)cap);
    return NULL;
}

static void expect_window(int64_t cap, uint8_t ch, int64_t val, uint8_t st)
{
    const closed_t *w = window(cap);
    ck_assert_msg(w->val[ch] == val, "window T0+%lld ch %u: %lld, expected %lld", (long long)cap,
                  ch, (long long)w->val[ch], (long long)val);
    ck_assert_msg(w->st == st, "window T0+%lld: status %#x, expected %#x", (long long)cap, w->st,
                  st);
}

static void expect_max(uint8_t ch, int64_t val, int64_t time)
{
    const msdk_tou_demand_max_t *m = msdk_tou_demand_max(&s.d);
    ck_assert_ptr_nonnull(m);
    ck_assert_msg(m->value[ch] == val, "max ch %u: %lld, expected %lld", ch,
                  (long long)m->value[ch], (long long)val);
    ck_assert_msg(m->time[ch] == ((time == NONE) ? NONE : T0 + time),
                  "max ch %u at T0+%lld, expected T0+%lld", ch, (long long)(m->time[ch] - T0),
                  (long long)time);
}

/* The closed windows are exactly the ones at caps[0..n-1] (no window twice, none missing). */
static void expect_caps(const int64_t *caps, size_t n)
{
    ck_assert_uint_eq(s.nw, n);
    for (size_t i = 0u; i < n; i++) {
        ck_assert_int_eq(s.w[i].cap, caps[i]);
    }
}

/* ---- configuration --------------------------------------------------------------------- */

START_TEST(config_refused)
{
    static const msdk_tou_demand_config_t bad[] = {
        { 0u, 1u, 1u },      /* period 0 */
        { 7u, 1u, 1u },      /* 86400 / 7 is not whole */
        { 7000u, 1u, 1u },   /* nor 86400 / 7000 */
        { 86401u, 1u, 1u },  /* longer than a day */
        { 172800u, 1u, 1u }, /* two days: multiple of a day, still refused */
        { 900u, 0u, 1u },    /* n = 0 */
        { 900u, 16u, 1u },   /* n above MSDK_TOU_DEMAND_PERIODS_MAX (15) */
        { 900u, 1u, 0u },    /* no channel */
        { 900u, 1u, 5u },    /* more than 4 channels */
    };
    static const msdk_tou_demand_config_t good[] = {
        { 1u, 1u, 1u },    { 60u, 15u, 4u },  { 300u, 3u, 4u },  { 900u, 1u, 4u },
        { 1800u, 2u, 2u }, { 3600u, 4u, 1u }, { 7200u, 1u, 1u }, { 86400u, 1u, 4u },
    };
    const int64_t e[4] = { 0, 0, 0, 0 };
    msdk_tou_demand_t d;
    msdk_tou_demand_t before;
    for (size_t i = 0u; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_int_eq(msdk_tou_demand_config_check(&bad[i]), MSDK_ERR_INVALID_ARG);
        memset(&d, 0xA5, sizeof(d));
        before = d;
        ck_assert_int_eq(msdk_tou_demand_init(&d, &bad[i], NULL, T0, e), MSDK_ERR_INVALID_ARG);
        ck_assert_mem_eq(&d, &before, sizeof(d));
    }
    for (size_t i = 0u; i < sizeof(good) / sizeof(good[0]); i++) {
        ck_assert_int_eq(msdk_tou_demand_config_check(&good[i]), MSDK_OK);
        ck_assert_int_eq(msdk_tou_demand_init(&d, &good[i], NULL, T0, e), MSDK_OK);
    }
    ck_assert_int_eq(msdk_tou_demand_config_check(NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(bad_arguments_change_nothing)
{
    const msdk_tou_demand_config_t cfg = { 900u, 3u, 2u };
    const int64_t e[2] = { 10, 20 };
    const int64_t neg[2] = { 10, -1 };
    msdk_tou_demand_t d;
    msdk_tou_demand_t before;
    memset(&d, 0xA5, sizeof(d));
    before = d;
    ck_assert_int_eq(msdk_tou_demand_init(NULL, &cfg, NULL, T0, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_init(&d, NULL, NULL, T0, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, T0, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, -1, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, MSDK_TOU_DEMAND_TIME_MAX + 1, e),
                     MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, T0, neg), MSDK_ERR_INVALID_ARG);
    msdk_tou_demand_max_t m = { { 0, 0, 0, 0 }, { NONE, NONE, NONE, NONE }, T0 };
    m.value[3] = -5; /* a negative maximum, even on a channel not in use */
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, &m, T0, e), MSDK_ERR_INVALID_ARG);
    m.value[3] = 0;
    m.time[1] = -7;
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, &m, T0, e), MSDK_ERR_INVALID_ARG);
    ck_assert_mem_eq(&d, &before, sizeof(d));

    /* an engine never initialised (zeroed) */
    msdk_tou_demand_t z;
    memset(&z, 0, sizeof(z));
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_update(&z, T0, e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_power_up(&z, T0, e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_clock_step(&z, T0, T0 + 5, e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_next_period(&z, T0, e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_billing_reset(&z, T0, NULL), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_restart(&z, NULL, T0, e), MSDK_ERR_STATE);
    ck_assert_int_eq(msdk_tou_demand_read(&z, 0u, &r), MSDK_ERR_STATE);
    ck_assert_ptr_null(msdk_tou_demand_max(&z));
    ck_assert_ptr_null(msdk_tou_demand_max(NULL));

    /* a running engine: each bad call leaves it byte for byte as it was */
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, T0 + 100, e), MSDK_OK);
    before = d;
    ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + 200, neg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_update(&d, -1, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + 200, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_update(NULL, T0 + 200, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_power_up(&d, T0 + 200, neg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_clock_step(&d, T0 + 200, -3, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_clock_step(&d, T0 + 200, T0, neg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_next_period(&d, T0 + 200, neg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_billing_reset(&d, MSDK_TOU_DEMAND_TIME_MAX + 1, NULL),
                     MSDK_ERR_INVALID_ARG);
    const msdk_tou_demand_config_t bad = { 900u, 0u, 2u };
    ck_assert_int_eq(msdk_tou_demand_restart(&d, &bad, T0 + 200, e), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_tou_demand_read(&d, 2u, &r), MSDK_ERR_INVALID_ARG); /* 2 channels */
    ck_assert_int_eq(msdk_tou_demand_read(&d, 0u, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_mem_eq(&d, &before, sizeof(d));

    /* damaged state (as from storage) is refused, not used */
    d.head = 200u;
    ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + 200, e), MSDK_ERR_STATE);
    d = before;
    d.e_prev[1] = INT64_MIN;
    ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + 200, e), MSDK_ERR_STATE);
    d = before;
    d.sub_end += 1;
    ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + 200, e), MSDK_ERR_STATE);
}
END_TEST

/* ---- constant load --------------------------------------------------------------------- */

/* 1000 mWh/s on +A = 3.6 kW; other channels 0, 250, 10 mWh/s = 0, 900 000, 36 000 mW. */
static const seg_t constant_load[] = { { 0, { 1000, 0, 250, 10 } } };

START_TEST(constant_block)
{
    /* started at a boundary: the first 15 min window is already complete */
    start(constant_load, 1u, 4u, 900u, 1u, 0);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.current_average, 0);
    ck_assert_int_eq(r.last_average, 0);
    ck_assert_uint_eq(r.status, MSDK_TOU_DEMAND_ST_START);
    ck_assert_uint_eq(r.current_status, 0u);
    ck_assert_int_eq(r.capture_time, T0);
    ck_assert_int_eq(r.start_time_current, T0);
    ck_assert_uint_eq(r.period, 900u);
    ck_assert_uint_eq(r.number_of_periods, 1u);

    run(0, 450);
    /* half way: 450 s * 1000 mWh over the 900 s window: 450000 * 3600 / 900 = 1 800 000 */
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.current_average, 1800000);
    ck_assert_int_eq(r.last_average, 0);

    run(450, 4 * 3600);
    ck_assert_uint_eq(s.nw, 16u);
    for (size_t i = 0u; i < s.nw; i++) {
        ck_assert_int_eq(s.w[i].cap, (int64_t)(i + 1u) * 900);
        ck_assert_uint_eq(s.w[i].st, 0u);
        ck_assert_int_eq(s.w[i].val[0], 3600000);
        ck_assert_int_eq(s.w[i].val[1], 0);
        ck_assert_int_eq(s.w[i].val[2], 900000);
        ck_assert_int_eq(s.w[i].val[3], 36000);
    }
    /* equal windows later do not move the maximum's time */
    expect_max(0u, 3600000, 900);
    expect_max(1u, 0, 900);
    expect_max(2u, 900000, 900);
    expect_max(3u, 36000, 900);
    ck_assert_int_eq(msdk_tou_demand_max(&s.d)->since, T0);
}
END_TEST

START_TEST(constant_sliding)
{
    /* 5 min x 3: the two windows still holding time before the start are marked and count
     * that time as 0 over the full 15 min: 300 s * 1000 = 300000 mWh -> 1 200 000 mW, then
     * 600000 -> 2 400 000; from T0 + 900 on the full 3 600 000. */
    start(constant_load, 1u, 4u, 300u, 3u, 0);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.start_time_current, T0 + 300 - 900);
    ck_assert_uint_eq(r.current_status, MSDK_TOU_DEMAND_ST_START);
    run(0, 3600);
    ck_assert_uint_eq(s.nw, 12u);
    expect_window(300, 0u, 1200000, MSDK_TOU_DEMAND_ST_START);
    expect_window(600, 0u, 2400000, MSDK_TOU_DEMAND_ST_START);
    expect_window(600, 2u, 600000, MSDK_TOU_DEMAND_ST_START);
    for (int64_t cap = 900; cap <= 3600; cap += 300) {
        expect_window(cap, 0u, 3600000, 0u);
        expect_window(cap, 2u, 900000, 0u);
    }
    expect_max(0u, 3600000, 900);
    expect_max(3u, 36000, 900);
}
END_TEST

START_TEST(constant_jitter)
{
    /* polls 1..29 s apart, first one 17 s after a boundary: the first window is marked
     * (883 s measured: 883000 mWh * 4 = 3 532 000), every later one exactly 3 600 000 */
    start(constant_load, 1u, 4u, 900u, 1u, 17);
    run_jitter(17, 86400, 29u);
    ck_assert_uint_eq(s.nw, 96u);
    expect_window(900, 0u, 3532000, MSDK_TOU_DEMAND_ST_START);
    for (int64_t cap = 1800; cap <= 86400; cap += 900) {
        expect_window(cap, 0u, 3600000, 0u);
        expect_window(cap, 2u, 900000, 0u);
    }
    expect_max(0u, 3600000, 1800);

    /* the same with 5 min x 3 from a boundary */
    start(constant_load, 1u, 4u, 300u, 3u, 0);
    run_jitter(0, 86400, 29u);
    ck_assert_uint_eq(s.nw, 288u);
    for (int64_t cap = 900; cap <= 86400; cap += 300) {
        expect_window(cap, 0u, 3600000, 0u);
        expect_window(cap, 3u, 36000, 0u);
    }
}
END_TEST

/* 1 kW read by a register with a resolution of 1 mWh: e(t) = floor(t * 1e6 / 3600), not a
 * whole number of mWh per second. Each window is 250 000 mWh; the register's truncation
 * (< 1 mWh at each end) and the interpolated shares at the two boundaries (< 1 mWh of
 * rounding each, on values that carry < 1 mWh of truncation) put each window's energy within
 * 4 mWh, the demand within 16 mW of 1 000 000. (Giving a boundary's energy to one side only
 * would be off by up to 29 s * 278 mWh.) */
START_TEST(fractional_jitter)
{
    memset(&s, 0, sizeof(s));
    s.channels = 1u;
    const msdk_tou_demand_config_t cfg = { 900u, 1u, 1u };
    int64_t e = 0;
    ck_assert_int_eq(msdk_tou_demand_init(&s.d, &cfg, NULL, T0, &e), MSDK_OK);
    s.last_cap = T0;
    int64_t t = 0;
    while (t < 86400) {
        lcg = (lcg * 1103515245u) + 12345u;
        t += 1 + (int64_t)((lcg >> 16) % 29u);
        e = (t * 1000000) / 3600;
        ck_assert_int_eq(msdk_tou_demand_update(&s.d, T0 + t, &e), MSDK_OK);
        observe();
    }
    ck_assert_uint_ge(s.nw, 95u);
    for (size_t i = 0u; i < s.nw; i++) {
        ck_assert_uint_eq(s.w[i].st, 0u);
        ck_assert_int_le(s.w[i].val[0], 1000000 + 16);
        ck_assert_int_ge(s.w[i].val[0], 1000000 - 16);
    }
}
END_TEST

/* ---- a load step ----------------------------------------------------------------------- */

/* 500 mWh/s (1.8 kW) with a pulse of 1500 mWh/s (5.4 kW) for 15 min from T0 + 1200 (20 min)
 * to T0 + 2100 (35 min). */
static const seg_t step_load[] = {
    { 0, { 500, 0, 0, 0 } },
    { 1200, { 1500, 0, 0, 0 } },
    { 2100, { 500, 0, 0, 0 } },
};

START_TEST(step_block)
{
    /* 15 min blocks: [900, 1800) holds 300 s * 500 + 600 s * 1500 = 1 050 000 mWh ->
     * 4 200 000 mW; [1800, 2700) 300 s * 1500 + 600 s * 500 = 750 000 -> 3 000 000. The
     * pulse straddles two blocks, so the block maximum is 4.2 kW at the end of the first. */
    start(step_load, 3u, 1u, 900u, 1u, 0);
    run(0, 1950);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    /* running: [1800, 1950) = 150 s * 1500 = 225 000 over 900 s -> 900 000 */
    ck_assert_int_eq(r.current_average, 900000);
    ck_assert_int_eq(r.start_time_current, T0 + 1800);
    ck_assert_int_eq(r.capture_time, T0 + 1800);
    ck_assert_int_eq(r.last_average, 4200000);
    run(1950, 3600);
    static const int64_t caps[] = { 900, 1800, 2700, 3600 };
    expect_caps(caps, 4u);
    expect_window(900, 0u, 1800000, 0u);
    expect_window(1800, 0u, 4200000, 0u);
    expect_window(2700, 0u, 3000000, 0u);
    expect_window(3600, 0u, 1800000, 0u);
    expect_max(0u, 4200000, 1800);
}
END_TEST

START_TEST(step_sliding)
{
    /* 5 min x 3: subintervals of 300 s hold 150 000 mWh at 500 mWh/s and 450 000 at 1500.
     * Windows (sum of the last three subintervals, * 3600 / 900 = * 4):
     *   300: 150000 (+ two before the start)  -> 600 000, marked
     *   600: 300000                           -> 1 200 000, marked
     *   900, 1200: 450000                     -> 1 800 000
     *   1500: 150000 + 150000 + 450000        -> 3 000 000
     *   1800: 150000 + 450000 + 450000        -> 4 200 000
     *   2100: 3 * 450000                      -> 5 400 000   the maximum: the whole pulse
     *   2400: 4 200 000; 2700: 3 000 000; 3000 on: 1 800 000 */
    start(step_load, 3u, 1u, 300u, 3u, 0);
    run(0, 1950);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    /* running at 1950: [1200, 1500) + [1500, 1800) + 150 s * 1500 = 1 125 000 -> 4 500 000 */
    ck_assert_int_eq(r.current_average, 4500000);
    ck_assert_int_eq(r.start_time_current, T0 + 1200);
    ck_assert_uint_eq(r.current_status, 0u);
    run(1950, 3600);
    static const struct {
        int64_t cap;
        int64_t val;
        uint8_t st;
    } want[] = {
        { 300, 600000, MSDK_TOU_DEMAND_ST_START },
        { 600, 1200000, MSDK_TOU_DEMAND_ST_START },
        { 900, 1800000, 0u },
        { 1200, 1800000, 0u },
        { 1500, 3000000, 0u },
        { 1800, 4200000, 0u },
        { 2100, 5400000, 0u },
        { 2400, 4200000, 0u },
        { 2700, 3000000, 0u },
        { 3000, 1800000, 0u },
        { 3300, 1800000, 0u },
        { 3600, 1800000, 0u },
    };
    ck_assert_uint_eq(s.nw, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0u; i < sizeof(want) / sizeof(want[0]); i++) {
        expect_window(want[i].cap, 0u, want[i].val, want[i].st);
    }
    expect_max(0u, 5400000, 2100);
}
END_TEST

/* The pulse moved 10 s off the boundaries (T0 + 1210 .. T0 + 2110) and polled 1..9 s
 * apart, so polls straddle boundaries but never a boundary and a load change at once. */
static const seg_t step_load_off[] = {
    { 0, { 500, 0, 0, 0 } },
    { 1210, { 1500, 0, 0, 0 } },
    { 2110, { 500, 0, 0, 0 } },
};

START_TEST(step_jitter)
{
    /* blocks: [900, 1800) = 310 * 500 + 590 * 1500 = 1 040 000 -> 4 160 000;
     *         [1800, 2700) = 310 * 1500 + 590 * 500 = 760 000 -> 3 040 000 */
    start(step_load_off, 3u, 1u, 900u, 1u, 0);
    run_jitter(0, 3600, 9u);
    expect_window(900, 0u, 1800000, 0u);
    expect_window(1800, 0u, 4160000, 0u);
    expect_window(2700, 0u, 3040000, 0u);
    expect_window(3600, 0u, 1800000, 0u);
    expect_max(0u, 4160000, 1800);

    /* 5 min x 3: [900,1200) 150000; [1200,1500) 10*500 + 290*1500 = 440000;
     * [1500,1800) 450000; [1800,2100) 450000; [2100,2400) 10*1500 + 290*500 = 160000.
     * 1800: 150000+440000+450000 = 1040000 -> 4 160 000
     * 2100: 440000+450000+450000 = 1340000 -> 5 360 000 (the maximum)
     * 2400: 450000+450000+160000 = 1060000 -> 4 240 000 */
    start(step_load_off, 3u, 1u, 300u, 3u, 0);
    run_jitter(0, 3600, 9u);
    expect_window(1500, 0u, (150000 + 150000 + 440000) * 4, 0u);
    expect_window(1800, 0u, 4160000, 0u);
    expect_window(2100, 0u, 5360000, 0u);
    expect_window(2400, 0u, 4240000, 0u);
    expect_window(2700, 0u, (450000 + 160000 + 150000) * 4, 0u);
    expect_max(0u, 5360000, 2100);
}
END_TEST

START_TEST(four_channels)
{
    /* Blocks of 15 min, one maximum per channel at its own time:
     * +A 1000, 2000 in [1800, 2700): 7 200 000 at 2700
     * -A 0, 300 in [3600, 4500): 1 080 000 at 4500 (0 at 900 before: a first complete
     *    window sets the maximum even at 0)
     * +R constant 100: 360 000, kept at 900 (equal later windows do not replace it)
     * -R 400 in the first block then 200: 1 440 000 at 900 */
    static const seg_t load[] = {
        { 0, { 1000, 0, 100, 400 } },      { 900, { 1000, 0, 100, 200 } },
        { 1800, { 2000, 0, 100, 200 } },   { 2700, { 1000, 0, 100, 200 } },
        { 3600, { 1000, 300, 100, 200 } }, { 4500, { 1000, 0, 100, 200 } },
    };
    start(load, 6u, 4u, 900u, 1u, 0);
    run(0, 2000);
    expect_max(1u, 0, 900);
    run(2000, 5400);
    expect_max(0u, 7200000, 2700);
    expect_max(1u, 1080000, 4500);
    expect_max(2u, 360000, 900);
    expect_max(3u, 1440000, 900);
    expect_window(4500, 1u, 1080000, 0u);
    expect_window(5400, 1u, 0, 0u);
}
END_TEST

/* ---- power-down ------------------------------------------------------------------------ */

START_TEST(power_down_block)
{
    /* 1000 mWh/s, 2000 during [900, 1800), off (no supply, no energy) for [1000, 1100).
     * The window [900, 1800) holds 100 s * 2000 + 700 s * 2000 = 1 600 000 -> 6 400 000 mW,
     * the highest of all, but it was interrupted: marked, no maximum. The maximum stays
     * 3 600 000 at 900. */
    static const seg_t load[] = {
        { 0, { 1000, 0, 0, 0 } },    { 900, { 2000, 0, 0, 0 } },  { 1000, { 0, 0, 0, 0 } },
        { 1100, { 2000, 0, 0, 0 } }, { 1800, { 1000, 0, 0, 0 } },
    };
    start(load, 5u, 1u, 900u, 1u, 0);
    run(0, 1000);
    /* the application stores the engine whole at the power-fail and restores it */
    msdk_tou_demand_t saved = s.d;
    memset(&s.d, 0x5A, sizeof(s.d));
    s.d = saved;
    int64_t e[4];
    energies(1100, e);
    ck_assert_int_eq(msdk_tou_demand_power_up(&s.d, T0 + 1100, e), MSDK_OK);
    observe();
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_uint_eq(r.current_status, MSDK_TOU_DEMAND_ST_POWER);
    run(1100, 3600);
    static const int64_t caps[] = { 900, 1800, 2700, 3600 };
    expect_caps(caps, 4u);
    expect_window(1800, 0u, 6400000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(2700, 0u, 3600000, 0u);
    expect_max(0u, 3600000, 900);
}
END_TEST

START_TEST(power_down_sliding_across_boundary)
{
    /* 5 min x 3, 1000 mWh/s, off [1150, 1250) across the boundary 1200, 3000 mWh/s during
     * [1250, 1500). Subintervals [900,1200) and [1200,1500) are interrupted, so the windows
     * ending 1200, 1500, 1800 and 2100 are marked; 2400 is the first complete one again.
     * Window 1500: [600,900) 300000 + [900,1200) 250000 + [1200,1500) 250 * 3000 = 750000
     * = 1 300 000 -> 5 200 000, marked: no maximum. */
    static const seg_t load[] = {
        { 0, { 1000, 0, 0, 0 } },
        { 1150, { 0, 0, 0, 0 } },
        { 1250, { 3000, 0, 0, 0 } },
        { 1500, { 1000, 0, 0, 0 } },
    };
    start(load, 4u, 1u, 300u, 3u, 0);
    run(0, 1150);
    int64_t e[4];
    energies(1250, e);
    ck_assert_int_eq(msdk_tou_demand_power_up(&s.d, T0 + 1250, e), MSDK_OK);
    observe();
    run(1250, 3000);
    expect_window(900, 0u, 3600000, 0u);
    /* 1200: 300000 + 300000 + 250000 = 850000 -> 3 400 000 */
    expect_window(1200, 0u, 3400000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(1500, 0u, 5200000, MSDK_TOU_DEMAND_ST_POWER);
    /* 1800: 250000 + 750000 + 300000 = 1300000 -> 5 200 000 */
    expect_window(1800, 0u, 5200000, MSDK_TOU_DEMAND_ST_POWER);
    /* 2100: 750000 + 300000 + 300000 = 1350000 -> 5 400 000 */
    expect_window(2100, 0u, 5400000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(2400, 0u, 3600000, 0u);
    expect_max(0u, 3600000, 900);
}
END_TEST

START_TEST(power_down_long)
{
    /* Off from 1000 to 1000 + 10 * 900 + 450 = 10450 (block 15 min, 1000 mWh/s when on).
     * At power-up: [900, 1800) closes with its 100 s (100000 -> 400 000), marked; the
     * later windows hold no energy: the last one closed is the one ending 9900 (the
     * boundary before 10450), 0, marked; [9900, 10800) is interrupted too; the first
     * complete window after it ends at 11700. The work is bounded: not one close per
     * skipped window. */
    static const seg_t load[] = {
        { 0, { 1000, 0, 0, 0 } },
        { 1000, { 0, 0, 0, 0 } },
        { 10450, { 1000, 0, 0, 0 } },
    };
    start(load, 3u, 1u, 900u, 1u, 0);
    run(0, 1000);
    int64_t e[4];
    energies(10450, e);
    ck_assert_int_eq(msdk_tou_demand_power_up(&s.d, T0 + 10450, e), MSDK_OK);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.capture_time, T0 + 9900);
    ck_assert_int_eq(r.last_average, 0);
    ck_assert_uint_eq(r.status, MSDK_TOU_DEMAND_ST_POWER);
    ck_assert_int_eq(r.start_time_current, T0 + 9900);
    ck_assert_uint_eq(r.current_status, MSDK_TOU_DEMAND_ST_POWER);
    observe();
    run(10450, 12600);
    /* [9900, 10800): 350 s * 1000 -> 1 400 000, marked */
    expect_window(10800, 0u, 1400000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(11700, 0u, 3600000, 0u);
    expect_max(0u, 3600000, 900);

    /* the same outage in 5 min x 3: after it, windows end every 300 s; the jump closes
     * what it must and lands on the boundary 10200 (10450 - 250); the first complete window
     * ends at 10500 + 900 = 11400 */
    start(load, 3u, 1u, 300u, 3u, 0);
    run(0, 1000);
    ck_assert_int_eq(msdk_tou_demand_power_up(&s.d, T0 + 10450, e), MSDK_OK);
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.capture_time, T0 + 10200);
    ck_assert_int_eq(r.last_average, 0);
    ck_assert_uint_eq(r.status, MSDK_TOU_DEMAND_ST_POWER);
    observe();
    run(10450, 12000);
    /* 10500: 50 s = 50000 -> 200 000; 10800: 350000 -> 1 400 000; 11100: 650000 ->
     * 2 600 000 (all holding [10200, 10500)); 11400: 3 600 000 */
    expect_window(10500, 0u, 200000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(10800, 0u, 1400000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(11100, 0u, 2600000, MSDK_TOU_DEMAND_ST_POWER);
    expect_window(11400, 0u, 3600000, 0u);
}
END_TEST

START_TEST(restore_maximum_only)
{
    /* Only the maximum survives the outage (the minimal snapshot): init from it. */
    start(step_load, 3u, 1u, 900u, 1u, 0);
    run(0, 2000);
    expect_max(0u, 4200000, 1800);
    const msdk_tou_demand_max_t saved = *msdk_tou_demand_max(&s.d);
    memset(&s.d, 0, sizeof(s.d));
    const msdk_tou_demand_config_t cfg = { 900u, 1u, 1u };
    int64_t e[4];
    energies(2500, e);
    ck_assert_int_eq(msdk_tou_demand_init(&s.d, &cfg, &saved, T0 + 2500, e), MSDK_OK);
    s.last_cap = T0 + 2500;
    expect_max(0u, 4200000, 1800);
    ck_assert_int_eq(msdk_tou_demand_max(&s.d)->since, T0);
    run(2500, 3600);
    /* [1800, 2700) measured from 2500 only: 200 s * 500 -> 400 000, marked start */
    expect_window(2700, 0u, 400000, MSDK_TOU_DEMAND_ST_START);
    expect_window(3600, 0u, 1800000, 0u);
    expect_max(0u, 4200000, 1800);
}
END_TEST

/* ---- clock steps ----------------------------------------------------------------------- */

/* Energy by real elapsed time (the clock may be set): 1000 mWh/s on +A. */
static void poll_real(int64_t clock, int64_t real)
{
    int64_t e[4] = { E0[0] + 1000 * real, 0, 0, 0 };
    ck_assert_int_eq(msdk_tou_demand_update(&s.d, T0 + clock, e), MSDK_OK);
    observe();
}

static void clock_back(bool told)
{
    /* 15 min blocks; at 1000 the clock is set back to 700 (300 s). It then replays 700..1000
     * without measuring (the averages do not move) and measures again from 1000: the block
     * [900, 1800) holds 100 s + 800 s of energy = 900 000 -> 3 600 000, marked; the block
     * ending 900 does not close a second time; capture times only go forward. */
    start(constant_load, 1u, 1u, 900u, 1u, 0);
    run(0, 1000);
    msdk_tou_demand_reading_t before;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &before), MSDK_OK);
    ck_assert_int_eq(before.current_average, 400000); /* 100 s * 1000 * 4 */
    int64_t real = 1000;
    if (told) {
        int64_t e[4] = { E0[0] + 1000 * real, 0, 0, 0 };
        ck_assert_int_eq(msdk_tou_demand_clock_step(&s.d, T0 + 1000, T0 + 700, e), MSDK_OK);
    }
    for (int64_t clock = told ? 700 : 699; clock <= 1000; clock++) {
        if (!told || (clock > 700)) {
            real++;
        }
        poll_real(clock, real);
        msdk_tou_demand_reading_t r;
        ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
        ck_assert_int_eq(r.current_average, 400000);
        ck_assert_int_eq(r.capture_time, T0 + 900);
        ck_assert_uint_eq(r.current_status, MSDK_TOU_DEMAND_ST_CLOCK);
    }
    for (int64_t clock = 1001; clock <= 2700; clock++) {
        poll_real(clock, ++real);
    }
    static const int64_t caps[] = { 900, 1800, 2700 };
    expect_caps(caps, 3u);
    expect_window(1800, 0u, 3600000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(2700, 0u, 3600000, 0u);
    expect_max(0u, 3600000, 900);
}

START_TEST(clock_back_told)
{
    clock_back(true);
}
END_TEST

START_TEST(clock_back_untold)
{
    /* an update with an earlier time than the previous one is a set back too */
    clock_back(false);
}
END_TEST

START_TEST(clock_back_across_boundary)
{
    /* 5 min x 3 at 1000 mWh/s; at 1000 the clock goes back to 850, across the boundary 900,
     * polled 7 s apart so the poll that passes 1000 again straddles it. No boundary closes
     * twice: 900 closed once before the set. [900, 1200) measures 100 s before and 200 s
     * after: 300000 in all, so the windows come out at 3 600 000 but marked until the
     * subinterval leaves the window (the first complete one ends at 2100). */
    start(constant_load, 1u, 1u, 300u, 3u, 0);
    run(0, 1000);
    int64_t real = 1000;
    int64_t e[4] = { E0[0] + 1000 * real, 0, 0, 0 };
    ck_assert_int_eq(msdk_tou_demand_clock_step(&s.d, T0 + 1000, T0 + 850, e), MSDK_OK);
    for (int64_t clock = 857; clock <= 2400; clock += 7) {
        real += 7;
        poll_real(clock, real);
    }
    static const int64_t caps[] = { 300, 600, 900, 1200, 1500, 1800, 2100 };
    expect_caps(caps, 7u);
    expect_window(900, 0u, 3600000, 0u);
    expect_window(1200, 0u, 3600000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(1800, 0u, 3600000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(2100, 0u, 3600000, 0u);
}
END_TEST

START_TEST(clock_forward)
{
    /* 15 min blocks at 1000 mWh/s; at 1000 the clock is set to 3000. [900, 1800) keeps its
     * 100 s (400 000), [1800, 2700) is skipped (0), both marked and closed at their own ends;
     * [2700, 3600) is measured from 3000 only: 600 s -> 2 400 000, marked; 4500 complete. */
    start(constant_load, 1u, 1u, 900u, 1u, 0);
    run(0, 1000);
    int64_t e[4] = { E0[0] + 1000000, 0, 0, 0 };
    ck_assert_int_eq(msdk_tou_demand_clock_step(&s.d, T0 + 1000, T0 + 3000, e), MSDK_OK);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.capture_time, T0 + 2700);
    ck_assert_int_eq(r.last_average, 0);
    ck_assert_uint_eq(r.status, MSDK_TOU_DEMAND_ST_CLOCK);
    ck_assert_int_ge(r.current_average, 0);
    s.nw = 0u;
    s.last_cap = T0 + 2700;
    for (int64_t clock = 3001; clock <= 4500; clock++) {
        poll_real(clock, clock - 2000);
    }
    expect_window(3600, 0u, 2400000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(4500, 0u, 3600000, 0u);
    expect_max(0u, 3600000, 900);
}
END_TEST

START_TEST(clock_forward_to_boundary)
{
    /* 5 min x 3; at 1000 the clock is set to 2400, exactly a boundary: the subinterval that
     * starts there is whole, so the first complete window ends at 3300; 2700 holds one
     * measured subinterval (300000 -> 1 200 000) and 3000 two (2 400 000), both marked. */
    start(constant_load, 1u, 1u, 300u, 3u, 0);
    run(0, 1000);
    int64_t e[4] = { E0[0] + 1000000, 0, 0, 0 };
    ck_assert_int_eq(msdk_tou_demand_clock_step(&s.d, T0 + 1000, T0 + 2400, e), MSDK_OK);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.capture_time, T0 + 2400);
    ck_assert_uint_eq(r.current_status, MSDK_TOU_DEMAND_ST_CLOCK); /* the window, not the
                                                                       subinterval */
    s.last_cap = T0 + 2400;
    for (int64_t clock = 2401; clock <= 3300; clock++) {
        poll_real(clock, clock - 1400);
    }
    expect_window(2700, 0u, 1200000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(3000, 0u, 2400000, MSDK_TOU_DEMAND_ST_CLOCK);
    expect_window(3300, 0u, 3600000, 0u);

    /* a jump of ten years is a few closes, not millions */
    int64_t e2[4] = { E0[0] + 2000000, 0, 0, 0 };
    const int64_t far = 3300 + (INT64_C(10) * 365 * 86400) + 17;
    ck_assert_int_eq(msdk_tou_demand_clock_step(&s.d, T0 + 3300, T0 + far, e2), MSDK_OK);
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.capture_time, T0 + far - 17);
    ck_assert_int_eq(r.last_average, 0);
}
END_TEST

START_TEST(gap)
{
    /* a call more than one window (900 s) after the previous one is unmeasured time;
     * exactly one window is still measured (interpolated) */
    start(constant_load, 1u, 1u, 900u, 1u, 0);
    run(0, 1000);
    poll(1900); /* 900 s later: measured */
    run(1900, 2000);
    poll(2901); /* 901 s later: a gap */
    run(2901, 4500);
    /* 1800: [900, 1000) by the second + [1000, 1800) from the 900 s call's share
     * (800 of its 900 s): 900000 -> 3 600 000, complete */
    expect_window(1800, 0u, 3600000, 0u);
    /* 2700: closed by the gap with what was measured, [1800, 2000) = 200000 -> 800 000 */
    expect_window(2700, 0u, 800000, MSDK_TOU_DEMAND_ST_GAP);
    /* 3600: measured from 2901 only, 699 s -> 2 796 000 */
    expect_window(3600, 0u, 2796000, MSDK_TOU_DEMAND_ST_GAP);
    expect_window(4500, 0u, 3600000, 0u);
}
END_TEST

/* ---- register reset, next_period, billing ---------------------------------------------- */

START_TEST(register_reset)
{
    /* at 1000 the +A register is set back to 5000 (below its value), then counts on at 1000 mWh/s:
     * the second [999, 1000) is lost, [900, 1800) holds 99000 + 800000 = 899000 -> 3 596 000,
     * marked */
    start(constant_load, 1u, 1u, 900u, 1u, 0);
    run(0, 999);
    for (int64_t t = 1000; t <= 2700; t++) {
        int64_t e[4] = { 5000 + (1000 * (t - 1000)), 0, 0, 0 };
        ck_assert_int_eq(msdk_tou_demand_update(&s.d, T0 + t, e), MSDK_OK);
        observe();
    }
    expect_window(1800, 0u, 3596000, MSDK_TOU_DEMAND_ST_REGISTER);
    expect_window(2700, 0u, 3600000, 0u);
}
END_TEST

START_TEST(next_period)
{
    /* 15 min blocks; next_period at 1000 closes [900, 1000): 100000 over the nominal 900 s
     * -> 400 000, capture 1000; the next closes at the aligned 1800: 800000 -> 3 200 000;
     * both short. A second call at the same time closes nothing. */
    start(constant_load, 1u, 1u, 900u, 1u, 0);
    run(0, 999);
    int64_t e[4];
    energies(1000, e);
    ck_assert_int_eq(msdk_tou_demand_next_period(&s.d, T0 + 1000, e), MSDK_OK);
    observe();
    ck_assert_int_eq(msdk_tou_demand_next_period(&s.d, T0 + 1000, e), MSDK_OK);
    observe();
    run(1000, 2700);
    static const int64_t caps[] = { 900, 1000, 1800, 2700 };
    expect_caps(caps, 4u);
    expect_window(1000, 0u, 400000, MSDK_TOU_DEMAND_ST_SHORT);
    expect_window(1800, 0u, 3200000, MSDK_TOU_DEMAND_ST_SHORT);
    expect_window(2700, 0u, 3600000, 0u);
}
END_TEST

START_TEST(billing_reset)
{
    /* blocks of 15 min: 1000, 3000, 1000, 4000 mWh/s up to the billing time 3600, then
     * 1500, 1000. The window ending exactly at 3600 (4000 -> 14 400 000) belongs to the
     * period that ends: its maximum is 14 400 000 at 3600; the new period's is 5 400 000 at
     * 4500. */
    static const seg_t load[] = {
        { 0, { 1000, 0, 0, 0 } },    { 900, { 3000, 0, 0, 0 } },  { 1800, { 1000, 0, 0, 0 } },
        { 2700, { 4000, 0, 0, 0 } }, { 3600, { 1500, 0, 0, 0 } }, { 4500, { 1000, 0, 0, 0 } },
    };
    start(load, 6u, 1u, 900u, 1u, 0);
    run(0, 3600);
    expect_max(0u, 14400000, 3600);
    msdk_tou_demand_max_t closed;
    ck_assert_int_eq(msdk_tou_demand_billing_reset(&s.d, T0 + 3600, &closed), MSDK_OK);
    ck_assert_int_eq(closed.value[0], 14400000);
    ck_assert_int_eq(closed.time[0], T0 + 3600);
    ck_assert_int_eq(closed.since, T0);
    ck_assert_int_eq(closed.time[1], NONE);
    expect_max(0u, 0, NONE);
    ck_assert_int_eq(msdk_tou_demand_max(&s.d)->since, T0 + 3600);
    run(3600, 5400);
    expect_max(0u, 5400000, 4500);
    /* the averages go on across the reset */
    expect_window(4500, 0u, 5400000, 0u);
    expect_window(5400, 0u, 3600000, 0u);
}
END_TEST

START_TEST(restart)
{
    /* DLMS reset / a new period: the maximum stays, the averages start again */
    start(step_load, 3u, 1u, 900u, 1u, 0);
    run(0, 2000);
    const msdk_tou_demand_config_t cfg = { 300u, 3u, 1u };
    int64_t e[4];
    energies(2000, e);
    ck_assert_int_eq(msdk_tou_demand_restart(&s.d, &cfg, T0 + 2000, e), MSDK_OK);
    expect_max(0u, 4200000, 1800);
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&s.d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.last_average, 0);
    ck_assert_int_eq(r.current_average, 0);
    ck_assert_int_eq(r.capture_time, T0 + 2000);
    ck_assert_uint_eq(r.period, 300u);
    ck_assert_uint_eq(r.number_of_periods, 3u);
    ck_assert_int_eq(r.start_time_current, T0 + 2100 - 900);
    s.last_cap = T0 + 2000;
    run(2000, 3600);
    /* 2100: 100 s * 1500 = 150000 -> 600 000, marked; first complete window: [2100, 3000),
     * 2100..2400 at 500 + ... = 3 * 150000 -> 1 800 000 */
    expect_window(2100, 0u, 600000, MSDK_TOU_DEMAND_ST_START);
    expect_window(3000, 0u, 1800000, 0u);
    expect_max(0u, 4200000, 1800);
}
END_TEST

START_TEST(saturation)
{
    /* registers that jump absurdly: sums saturate, no overflow (run under UBSan) */
    const msdk_tou_demand_config_t cfg = { 60u, 15u, 1u };
    msdk_tou_demand_t d;
    int64_t e = 0;
    ck_assert_int_eq(msdk_tou_demand_init(&d, &cfg, NULL, T0, &e), MSDK_OK);
    for (int64_t t = 1; t <= 2000; t++) {
        e = (t & 1) ? INT64_MAX : 0; /* up by INT64_MAX, then a "reset" */
        ck_assert_int_eq(msdk_tou_demand_update(&d, T0 + t, &e), MSDK_OK);
    }
    msdk_tou_demand_reading_t r;
    ck_assert_int_eq(msdk_tou_demand_read(&d, 0u, &r), MSDK_OK);
    ck_assert_int_eq(r.last_average, INT64_MAX);
    ck_assert_uint_eq(r.status, MSDK_TOU_DEMAND_ST_REGISTER);
    ck_assert_int_eq(r.current_average, INT64_MAX);
}
END_TEST

Suite *tou_demand_suite(void)
{
    Suite *su = suite_create("tou_demand");
    TCase *tc = tcase_create("demand");
    tcase_add_test(tc, config_refused);
    tcase_add_test(tc, bad_arguments_change_nothing);
    tcase_add_test(tc, constant_block);
    tcase_add_test(tc, constant_sliding);
    tcase_add_test(tc, constant_jitter);
    tcase_add_test(tc, fractional_jitter);
    tcase_add_test(tc, step_block);
    tcase_add_test(tc, step_sliding);
    tcase_add_test(tc, step_jitter);
    tcase_add_test(tc, four_channels);
    tcase_add_test(tc, power_down_block);
    tcase_add_test(tc, power_down_sliding_across_boundary);
    tcase_add_test(tc, power_down_long);
    tcase_add_test(tc, restore_maximum_only);
    tcase_add_test(tc, clock_back_told);
    tcase_add_test(tc, clock_back_untold);
    tcase_add_test(tc, clock_back_across_boundary);
    tcase_add_test(tc, clock_forward);
    tcase_add_test(tc, clock_forward_to_boundary);
    tcase_add_test(tc, gap);
    tcase_add_test(tc, register_reset);
    tcase_add_test(tc, next_period);
    tcase_add_test(tc, billing_reset);
    tcase_add_test(tc, restart);
    tcase_add_test(tc, saturation);
    suite_add_tcase(su, tc);
    return su;
}

#ifdef MSDK_TOU_DEMAND_STANDALONE
#include <stdlib.h>
int main(void)
{
    SRunner *sr = srunner_create(tou_demand_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return (failed == 0) ? EXIT_SUCCESS : EXIT_FAILURE;
}
#endif
