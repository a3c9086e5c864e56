/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * metrology-bench, shared core: the cost of libmetrology's per-sample path.
 *
 * 1. A realistic frame stream is generated into RAM first (so that generating it costs
 *    nothing during the measurement): 3-phase 4-wire, 230 V / 10 A per phase, PF 0.8
 *    inductive, 50 Hz, 8000 frames/s, voltage harmonics 3/5/7 at 1.5/3/1 %, current
 *    harmonics 3/5/7 at 10/6/3 %, a small DC offset and +-16 codes of noise per sample;
 *    the neutral carries the sum of the phase currents (the triplens). Codes are those of
 *    a 24-bit AFE with full scale (2^23 codes) at 480 V and 180 A, the scale
 *    msdk_metro_init() assumes without a calibration block. One second, 8000 frames
 *    (219 KiB), replayed in a loop.
 * 2. The library is initialised with msdk_metro_init(&m, NULL, NULL, NULL) (defaults:
 *    8000 frames/s, 50 Hz) and warmed up for 10 windows.
 * 3. MSDK_BENCH_FRAMES frames go through msdk_metro_sample(); whenever it returns
 *    MSDK_METRO_EV_WINDOW the clock is read, msdk_metro_process() runs and is timed
 *    on its own, and the clock is read again. The sampling total is the sum of the spans
 *    between windows.
 * 4. The same loop runs with an empty stand-in for both functions (overhead run); its
 *    total is subtracted and the stand-in's own body added back, so the figure is what
 *    msdk_metro_sample() executes per call, as callgrind counts it (inclusive, per call).
 *
 * Output: key=value lines (scripts/bench-metrology.sh and the CTest tests parse them).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench.h"

#define MSDK_BENCH_CYCLE    160u  /* frames per 50 Hz cycle */
#define MSDK_BENCH_TABLE    8000u /* one second */
#define MSDK_BENCH_FRAMES   16000u
#define MSDK_BENCH_WARMUP   1600u
#define MSDK_BENCH_CH       MSDK_METRO_CH_COUNT
#define MSDK_BENCH_PI       3.14159265358979323846
#define MSDK_BENCH_SQRT2    1.41421356237309504880
#define MSDK_BENCH_FS_CODES 8388608.0 /* 2^23 */
#define MSDK_BENCH_V_FS     480.0
#define MSDK_BENCH_I_FS     180.0
#define MSDK_BENCH_U_RMS    230.0
#define MSDK_BENCH_I_RMS    10.0
#define MSDK_BENCH_PF_ANGLE 0.64350110879328438680 /* acos(0.8) */
#define MSDK_BENCH_NOISE    16
#define MSDK_BENCH_LINE     160u

static int32_t bench_table[MSDK_BENCH_TABLE][MSDK_BENCH_CH];
static msdk_metro_t bench_metro;
static uint32_t bench_pos; /* next frame of the table */

/* ---- output ---------------------------------------------------------------------------- */

typedef struct bench_line {
    char buf[MSDK_BENCH_LINE];
    size_t len;
} bench_line_t;

static void line_str(bench_line_t *l, const char *s)
{
    while ((*s != '\0') && (l->len + 1u < sizeof l->buf)) {
        l->buf[l->len++] = *s++;
    }
    l->buf[l->len] = '\0';
}

static void line_u64(bench_line_t *l, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    char out[24];
    for (size_t i = 0; i < n; i++) {
        out[i] = tmp[n - 1u - i];
    }
    out[n] = '\0';
    line_str(l, out);
}

static void line_i64(bench_line_t *l, int64_t v)
{
    if (v < 0) {
        line_str(l, "-");
        line_u64(l, (uint64_t)0 - (uint64_t)v);
    } else {
        line_u64(l, (uint64_t)v);
    }
}

/* v / 10^decimals with that many decimals (v >= 0). */
static void line_fixed(bench_line_t *l, uint64_t v, uint32_t decimals)
{
    uint64_t scale = 1u;
    for (uint32_t i = 0; i < decimals; i++) {
        scale *= 10u;
    }
    line_u64(l, v / scale);
    if (decimals == 0u) {
        return;
    }
    line_str(l, ".");
    uint64_t frac = v % scale;
    for (uint64_t d = scale / 10u; d != 0u; d /= 10u) {
        line_u64(l, (frac / d) % 10u);
    }
}

static void line_kv(const char *key, uint64_t value)
{
    bench_line_t l = { .len = 0 };
    line_str(&l, key);
    line_str(&l, "=");
    line_u64(&l, value);
    msdk_bench_puts(l.buf);
}

/* ---- stream ---------------------------------------------------------------------------- */

/* sin(x) for any x, no libm (the same frames on every platform): reduce to [-pi/2, pi/2],
 * then the Taylor series to x^17 (error below 1e-15 there). */
static double bench_sin(double x)
{
    const double two_pi = 2.0 * MSDK_BENCH_PI;
    double k = x / two_pi;
    long n = (long)(k + ((k >= 0.0) ? 0.5 : -0.5));
    x -= (double)n * two_pi; /* -pi..pi */
    if (x > (MSDK_BENCH_PI / 2.0)) {
        x = MSDK_BENCH_PI - x;
    } else if (x < -(MSDK_BENCH_PI / 2.0)) {
        x = -MSDK_BENCH_PI - x;
    }
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int i = 1; i <= 8; i++) {
        term *= -x2 / (double)((2 * i) * (2 * i + 1));
        sum += term;
    }
    return sum;
}

/* A waveform with harmonics: pct[h] percent of harmonic h (3, 5, 7). */
static double bench_wave(double theta, const double pct[3])
{
    return bench_sin(theta) + (pct[0] / 100.0) * bench_sin(3.0 * theta) +
           (pct[1] / 100.0) * bench_sin((5.0 * theta) + 0.4) +
           (pct[2] / 100.0) * bench_sin((7.0 * theta) - 0.7);
}

static int32_t bench_code(double value, double full_scale)
{
    double c = value / full_scale * MSDK_BENCH_FS_CODES;
    return (int32_t)(c + ((c >= 0.0) ? 0.5 : -0.5));
}

static void bench_generate(void)
{
    static const double v_harm[3] = { 1.5, 3.0, 1.0 };
    static const double i_harm[3] = { 10.0, 6.0, 3.0 };
    static const int32_t offset[MSDK_BENCH_CH] = { 120, -80, 40, -30, 60, -20, 10 };
    static int32_t cycle[MSDK_BENCH_CYCLE][MSDK_BENCH_CH];
    const double v_pk = MSDK_BENCH_U_RMS * MSDK_BENCH_SQRT2;
    const double i_pk = MSDK_BENCH_I_RMS * MSDK_BENCH_SQRT2;

    /* One 50 Hz cycle is exactly 160 frames at 8000 frames/s. */
    for (uint32_t k = 0; k < MSDK_BENCH_CYCLE; k++) {
        double theta = 2.0 * MSDK_BENCH_PI * (double)k / (double)MSDK_BENCH_CYCLE;
        double in = 0.0;
        for (uint32_t p = 0; p < MSDK_METRO_PHASES; p++) {
            double th = theta - (2.0 * MSDK_BENCH_PI * (double)p / 3.0);
            double v = v_pk * bench_wave(th, v_harm);
            double i = i_pk * bench_wave(th - MSDK_BENCH_PF_ANGLE, i_harm);
            in += i;
            cycle[k][p] = bench_code(v, MSDK_BENCH_V_FS);
            cycle[k][MSDK_METRO_PHASES + p] = bench_code(i, MSDK_BENCH_I_FS);
        }
        cycle[k][MSDK_METRO_CH_IN] = bench_code(in, MSDK_BENCH_I_FS);
    }
    /* One second: the cycle, offsets and noise (a fixed LCG: the same stream everywhere). */
    uint32_t lcg = 0x12345678u;
    for (uint32_t n = 0; n < MSDK_BENCH_TABLE; n++) {
        for (uint32_t ch = 0; ch < MSDK_BENCH_CH; ch++) {
            lcg = (lcg * 1664525u) + 1013904223u;
            int32_t noise = (int32_t)(lcg >> 27) - MSDK_BENCH_NOISE; /* -16..15 */
            bench_table[n][ch] = cycle[n % MSDK_BENCH_CYCLE][ch] + offset[ch] + noise;
        }
    }
}

/* ---- timed loop ------------------------------------------------------------------------ */

typedef struct bench_result {
    uint64_t sample_ticks;  /* spans between windows */
    uint64_t process_ticks; /* msdk_metro_process() */
    uint32_t process_max;   /* longest msdk_metro_process() */
    uint32_t windows;
} bench_result_t;

static bool bench_null_process(msdk_metro_t *m)
{
    (void)m;
    return false;
}

/* The stand-ins reach the loop through volatile pointers: the compiler cannot inline or
 * specialise the loop for either pair, so both runs execute the same machine code. */
static msdk_bench_sample_fn volatile bench_sample_fn_real = msdk_metro_sample;
static msdk_bench_process_fn volatile bench_process_fn_real = msdk_metro_process;
static msdk_bench_sample_fn volatile bench_sample_fn_null = msdk_bench_null_sample;
static msdk_bench_process_fn volatile bench_process_fn_null = bench_null_process;

__attribute__((noinline)) static void bench_loop(bench_result_t *r, msdk_bench_sample_fn sample,
                                                 msdk_bench_process_fn process, uint32_t frames)
{
    msdk_metro_t *m = &bench_metro;
    uint32_t pos = bench_pos;
    uint64_t sample_ticks = 0;
    uint64_t process_ticks = 0;
    uint32_t process_max = 0;
    uint32_t windows = 0;

    uint32_t t0 = msdk_bench_ticks();
    for (uint32_t n = 0; n < frames; n++) {
        uint32_t ev = sample(m, bench_table[pos]);
        if (++pos == MSDK_BENCH_TABLE) {
            pos = 0;
        }
        if ((ev & MSDK_METRO_EV_WINDOW) != 0u) {
            uint32_t t1 = msdk_bench_ticks();
            (void)process(m);
            uint32_t t2 = msdk_bench_ticks();
            uint32_t dp = msdk_bench_elapsed(t1, t2);
            sample_ticks += msdk_bench_elapsed(t0, t1);
            process_ticks += dp;
            process_max = (dp > process_max) ? dp : process_max;
            windows++;
            t0 = msdk_bench_ticks();
        }
    }
    sample_ticks += msdk_bench_elapsed(t0, msdk_bench_ticks());

    bench_pos = pos;
    r->sample_ticks = sample_ticks;
    r->process_ticks = process_ticks;
    r->process_max = process_max;
    r->windows = windows;
}

/* Untimed: warm-up (zero crossings and the period locked). */
static void bench_feed(uint32_t frames)
{
    for (uint32_t n = 0; n < frames; n++) {
        if ((msdk_metro_sample(&bench_metro, bench_table[bench_pos]) & MSDK_METRO_EV_WINDOW) !=
            0u) {
            (void)msdk_metro_process(&bench_metro);
        }
        if (++bench_pos == MSDK_BENCH_TABLE) {
            bench_pos = 0;
        }
    }
}

/* ---- checks and report ----------------------------------------------------------------- */

/* The stream must have been measured as generated; otherwise the figures mean nothing. */
static bool bench_sane(const msdk_metro_result_t *s, uint32_t windows)
{
    bool ok = true;
    const uint32_t expect_windows = MSDK_BENCH_FRAMES / MSDK_BENCH_CYCLE;
    if ((windows + 1u < expect_windows) || (windows > expect_windows + 1u)) {
        ok = false;
    }
    for (uint32_t p = 0; p < MSDK_METRO_PHASES; p++) {
        const msdk_metro_phase_result_t *ph = &s->ph[p];
        if ((ph->v_uv < 225000000u) || (ph->v_uv > 235000000u)) { /* 230 V +-2 % */
            ok = false;
        }
        if ((ph->i_ua < 9800000u) || (ph->i_ua > 10400000u)) { /* 10 A + harmonics */
            ok = false;
        }
        if ((ph->pf_u < 750000) || (ph->pf_u > 850000)) { /* 0.8 */
            ok = false;
        }
    }
    if ((s->freq_uhz < 49900000u) || (s->freq_uhz > 50100000u)) {
        ok = false;
    }
    return ok;
}

static void bench_report_measured(const msdk_metro_result_t *s)
{
    bench_line_t l = { .len = 0 };
    line_str(&l, "measured: U1=");
    line_fixed(&l, s->ph[0].v_uv / 1000u, 3);
    line_str(&l, " V I1=");
    line_fixed(&l, s->ph[0].i_ua / 1000u, 3);
    line_str(&l, " A PF1=");
    line_fixed(&l, (uint64_t)(s->ph[0].pf_u < 0 ? -s->ph[0].pf_u : s->ph[0].pf_u) / 1000u, 3);
    line_str(&l, " P=");
    line_i64(&l, s->p_uw / 1000000);
    line_str(&l, " W f=");
    line_fixed(&l, s->freq_uhz / 1000u, 3);
    line_str(&l, " Hz In=");
    line_fixed(&l, s->in_ua / 1000u, 3);
    line_str(&l, " A");
    msdk_bench_puts(l.buf);
}

/* units * 100 per item, rounded. */
static uint64_t bench_per_x100(uint64_t units, uint32_t items)
{
    return (items == 0u) ? 0u : ((units * 100u) + (items / 2u)) / items;
}

/* Initialise bench_metro with cfg (NULL: defaults), warm up, then the timed runs: the
 * fastest of pf->repeat for the library and for the stand-ins. */
static bool bench_measure(const msdk_metro_config_t *cfg, bench_result_t *best,
                          bench_result_t *null_run)
{
    const msdk_bench_platform_t *pf = &msdk_bench_platform;
    if (msdk_metro_init(&bench_metro, cfg, NULL, NULL) != MSDK_OK) {
        return false;
    }
    bench_feed(MSDK_BENCH_WARMUP);
    for (uint32_t rep = 0; rep < pf->repeat; rep++) {
        bench_result_t r;
        bench_loop(&r, bench_sample_fn_real, bench_process_fn_real, MSDK_BENCH_FRAMES);
        if ((rep == 0u) || (r.sample_ticks < best->sample_ticks)) {
            best->sample_ticks = r.sample_ticks;
            best->windows = r.windows;
        }
        if ((rep == 0u) || (r.process_ticks < best->process_ticks)) {
            best->process_ticks = r.process_ticks;
            best->process_max = r.process_max;
        }
        bench_result_t z;
        bench_loop(&z, bench_sample_fn_null, bench_process_fn_null, MSDK_BENCH_FRAMES);
        if ((rep == 0u) || (z.sample_ticks < null_run->sample_ticks)) {
            *null_run = z;
        }
    }
    return true;
}

/* What msdk_metro_sample() executed, in units * 100 per frame (overhead run subtracted,
 * the stand-in's body added back). */
static uint64_t bench_sample_x100(const bench_result_t *best, const bench_result_t *null_run)
{
    const msdk_bench_platform_t *pf = &msdk_bench_platform;
    uint64_t sample_units = best->sample_ticks * pf->units_per_tick;
    uint64_t null_units = null_run->sample_ticks * pf->units_per_tick;
    uint64_t net = (sample_units > null_units) ? (sample_units - null_units) : 0u;
    net += (uint64_t)pf->null_units * MSDK_BENCH_FRAMES;
    return bench_per_x100(net, MSDK_BENCH_FRAMES);
}

int msdk_bench_run(void)
{
    const msdk_bench_platform_t *pf = &msdk_bench_platform;
    bench_line_t l = { .len = 0 };

    line_str(&l, "metrology-bench: ");
    line_str(&l, pf->name);
    line_str(&l, ", 3x230 V 10 A PF 0.8 ind 50 Hz + harmonics, 8000 frames/s, 24-bit codes");
    msdk_bench_puts(l.buf);

    bench_generate();
    uint32_t check_frames = 0;
    uint32_t check_events = 0;
    int check = msdk_bench_kernel_check((const int32_t(*)[MSDK_BENCH_CH])bench_table,
                                        MSDK_BENCH_TABLE, &check_frames, &check_events);
    if (check != 0) {
        msdk_bench_puts("kernel check: FAIL: msdk_metro_sample() and the C kernel differ");
        return 2;
    }
    l.len = 0;
    line_str(&l, "kernel check: ");
    line_u64(&l, check_frames);
    line_str(&l, " frames, ");
    line_u64(&l, check_events);
    line_str(&l, " with events: identical to the C kernel");
    msdk_bench_puts(l.buf);

    bench_result_t best = { 0 };
    bench_result_t null_run = { 0 };
    if (!bench_measure(NULL, &best, &null_run)) {
        msdk_bench_puts("metrology-bench: msdk_metro_init failed");
        return 2;
    }

    const msdk_metro_result_t *sec = msdk_metro_second(&bench_metro, NULL);
    bench_report_measured(sec);

    const uint64_t upt = pf->units_per_tick;
    uint64_t sample_units = best.sample_ticks * upt;
    uint64_t null_units = null_run.sample_ticks * upt;
    uint64_t per_frame_x100 = bench_sample_x100(&best, &null_run);
    uint64_t net = (per_frame_x100 * MSDK_BENCH_FRAMES) / 100u;
    uint64_t process_x100 = bench_per_x100(best.process_ticks * upt, best.windows);

    line_kv("frames", MSDK_BENCH_FRAMES);
    line_kv("windows", best.windows);
    l.len = 0;
    line_str(&l, "sample: ");
    line_u64(&l, sample_units);
    line_str(&l, " ");
    line_str(&l, pf->unit);
    line_str(&l, " minus overhead run ");
    line_u64(&l, null_units);
    line_str(&l, " plus stand-in body ");
    line_u64(&l, pf->null_units);
    line_str(&l, " x frames: ");
    line_fixed(&l, per_frame_x100, 2);
    line_str(&l, " per frame");
    msdk_bench_puts(l.buf);

    l.len = 0;
    line_str(&l, pf->unit);
    line_str(&l, "_per_frame=");
    line_u64(&l, (per_frame_x100 + 50u) / 100u);
    msdk_bench_puts(l.buf);
    l.len = 0;
    line_str(&l, "process_");
    line_str(&l, pf->unit);
    line_str(&l, "_per_window=");
    line_u64(&l, (process_x100 + 50u) / 100u);
    msdk_bench_puts(l.buf);
    l.len = 0;
    line_str(&l, "process_");
    line_str(&l, pf->unit);
    line_str(&l, "_max=");
    line_u64(&l, (uint64_t)best.process_max * upt);
    msdk_bench_puts(l.buf);
    l.len = 0;
    line_str(&l, "total_");
    line_str(&l, pf->unit);
    line_str(&l, "_per_frame=");
    line_fixed(&l, bench_per_x100(net + (best.process_ticks * upt), MSDK_BENCH_FRAMES), 2);
    msdk_bench_puts(l.buf);

    if (!bench_sane(sec, best.windows)) {
        msdk_bench_puts("metrology-bench: FAIL: the library did not measure the stream as "
                        "generated (windows, U, I, PF or f off)");
        return 2;
    }

    /* The optional fundamental-only reactive mode (no budget; for the record). */
    if (pf->fundamental) {
        msdk_metro_config_t fund_cfg;
        memset(&fund_cfg, 0, sizeof fund_cfg);
        fund_cfg.reactive_fundamental = 1u;
        bench_result_t fund = { 0 };
        bench_result_t fund_null = { 0 };
        if (!bench_measure(&fund_cfg, &fund, &fund_null)) {
            msdk_bench_puts("metrology-bench: msdk_metro_init (fundamental mode) failed");
            return 2;
        }
        l.len = 0;
        line_str(&l, "fundamental_");
        line_str(&l, pf->unit);
        line_str(&l, "_per_frame=");
        line_u64(&l, (bench_sample_x100(&fund, &fund_null) + 50u) / 100u);
        msdk_bench_puts(l.buf);
    }

    if (pf->max_per_frame != 0u) {
        l.len = 0;
        line_str(&l, "budget: ");
        line_u64(&l, pf->max_per_frame);
        line_str(&l, " ");
        line_str(&l, pf->unit);
        line_str(&l, " per frame: ");
        bool over = per_frame_x100 > ((uint64_t)pf->max_per_frame * 100u);
        line_str(&l, over ? "FAIL" : "ok");
        msdk_bench_puts(l.buf);
        if (over) {
            return 1;
        }
    }
    return 0;
}
