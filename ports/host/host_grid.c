/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Grid model: a 3-phase 4-wire supply and load in double precision, sampled into
 * 24-bit AFE codes with the scale of msdk/host/sim.h. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include "host_internal.h"

#define TWO_PI     6.283185307179586476925286766559
#define SQRT2      1.4142135623730950488016887242097
#define DEG_TO_RAD 0.017453292519943295769236907684886

void msdk_host_grid_defaults(msdk_host_grid_t *g)
{
    static const double v_angle[3] = { 0.0, -120.0, 120.0 };
    memset(g, 0, sizeof(*g));
    g->freq_hz = 50.0;
    for (size_t k = 0; k < 3u; k++) {
        g->phase[k].v_rms = 230.0;
        g->phase[k].i_rms = 5.0;
        g->phase[k].v_angle_deg = v_angle[k];
        g->phase[k].i_angle_deg = 0.0;
    }
    g->neutral_is_sum = true;
}

static bool in_range(double x, double lo, double hi)
{
    return (x >= lo) && (x <= hi); /* false for NaN */
}

static bool harmonics_valid(const msdk_host_harmonic_t *h)
{
    for (size_t i = 0; i < MSDK_HOST_GRID_MAX_HARMONICS; i++) {
        if (h[i].order == 0u) {
            continue;
        }
        if ((h[i].order < 2u) || (h[i].order > MSDK_HOST_GRID_MAX_ORDER) ||
            !in_range(h[i].rel, 0.0, 1.0) || !in_range(h[i].phase_deg, -360.0, 360.0)) {
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (h[j].order == h[i].order) {
                return false; /* one slot per order */
            }
        }
    }
    return true;
}

msdk_err_t msdk_host_grid_validate(const msdk_host_grid_t *g)
{
    if ((g == NULL) || !in_range(g->freq_hz, 10.0, 100.0) ||
        !in_range(g->neutral_rms, 0.0, 1000.0) || !in_range(g->neutral_angle_deg, -360.0, 360.0) ||
        !in_range(g->noise_codes, 0.0, 100000.0)) {
        return MSDK_ERR_INVALID_ARG;
    }
    for (size_t k = 0; k < 3u; k++) {
        const msdk_host_grid_phase_t *p = &g->phase[k];
        if (!in_range(p->v_rms, 0.0, 1000.0) || !in_range(p->i_rms, 0.0, 1000.0) ||
            !in_range(p->v_angle_deg, -360.0, 360.0) || !in_range(p->i_angle_deg, -360.0, 360.0) ||
            !harmonics_valid(p->v_harm) || !harmonics_valid(p->i_harm)) {
            return MSDK_ERR_INVALID_ARG;
        }
    }
    return MSDK_OK;
}

/* splitmix64: spreads the seed; xorshift64*: the noise stream. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static double uniform_pm1(msdk_host_grid_state_t *st)
{
    uint64_t x = st->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    st->rng = x;
    uint64_t r = x * 0x2545F4914F6CDD1Dull;
    return (double)(r >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* Standard normal deviate (Marsaglia's polar method). */
static double gauss(msdk_host_grid_state_t *st)
{
    if (st->have_spare) {
        st->have_spare = false;
        return st->spare;
    }
    double u, v, s;
    do {
        u = uniform_pm1(st);
        v = uniform_pm1(st);
        s = u * u + v * v;
    } while ((s >= 1.0) || (s == 0.0));
    double f = sqrt(-2.0 * log(s) / s);
    st->spare = v * f;
    st->have_spare = true;
    return u * f;
}

void msdk_host_grid_init(msdk_host_grid_state_t *st, uint64_t seed, double noise_codes)
{
    memset(st, 0, sizeof(*st));
    msdk_host_grid_defaults(&st->cfg);
    st->cfg.noise_codes = noise_codes;
    st->seed = seed;
    st->rng = splitmix64(seed);
    if (st->rng == 0u) {
        st->rng = 1u;
    }
}

static double wave(double x, double fund_shift, const msdk_host_harmonic_t *h)
{
    double y = sin(x - fund_shift);
    for (size_t i = 0; i < MSDK_HOST_GRID_MAX_HARMONICS; i++) {
        if (h[i].order != 0u) {
            y += h[i].rel * sin((double)h[i].order * x + h[i].phase_deg * DEG_TO_RAD);
        }
    }
    return y;
}

static int32_t to_code(msdk_host_grid_state_t *st, double value, double full_scale)
{
    double c = value / full_scale * MSDK_HOST_AFE_FULL_SCALE_CODES;
    if (st->cfg.noise_codes > 0.0) {
        c += gauss(st) * st->cfg.noise_codes;
    }
    c = nearbyint(c);
    if (c > (double)MSDK_AFE_CODE_MAX) {
        return MSDK_AFE_CODE_MAX;
    }
    if (c < (double)MSDK_AFE_CODE_MIN) {
        return MSDK_AFE_CODE_MIN;
    }
    return (int32_t)c;
}

void msdk_host_grid_generate(msdk_host_grid_state_t *st, uint32_t rate_hz, bool currents_on,
                             msdk_afe_frame_t *out, size_t count)
{
    const msdk_host_grid_t *g = &st->cfg;
    double step = g->freq_hz / (double)rate_hz;
    for (size_t n = 0; n < count; n++) {
        double x0 = TWO_PI * st->cycle;
        double i_sum = 0.0;
        for (size_t k = 0; k < 3u; k++) {
            const msdk_host_grid_phase_t *p = &g->phase[k];
            double x = x0 + p->v_angle_deg * DEG_TO_RAD;
            double v = SQRT2 * p->v_rms * wave(x, 0.0, p->v_harm);
            double i = 0.0;
            if (currents_on) {
                i = SQRT2 * p->i_rms * wave(x, p->i_angle_deg * DEG_TO_RAD, p->i_harm);
            }
            i_sum += i;
            out[n].ch[MSDK_AFE_CH_V1 + k] = to_code(st, v, MSDK_HOST_AFE_V_FULL_SCALE);
            out[n].ch[MSDK_AFE_CH_I1 + k] = to_code(st, i, MSDK_HOST_AFE_I_FULL_SCALE);
        }
        double in = i_sum;
        if (!g->neutral_is_sum) {
            in = currents_on
                     ? SQRT2 * g->neutral_rms *
                           sin(x0 + (g->phase[0].v_angle_deg - g->neutral_angle_deg) * DEG_TO_RAD)
                     : 0.0;
        }
        out[n].ch[MSDK_AFE_CH_IN] = to_code(st, in, MSDK_HOST_AFE_I_FULL_SCALE);
        st->cycle += step;
        if (st->cycle >= 1.0) {
            st->cycle -= floor(st->cycle);
        }
    }
}

/* ---- sim.h ------------------------------------------------------------------------ */

msdk_err_t msdk_host_grid_get(msdk_host_grid_t *grid)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, grid != NULL);
    if (err != MSDK_OK) {
        return err;
    }
    *grid = b->grid.cfg;
    return MSDK_OK;
}

msdk_err_t msdk_host_grid_set(const msdk_host_grid_t *grid)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, msdk_host_grid_validate(grid) == MSDK_OK);
    if (err != MSDK_OK) {
        return err;
    }
    b->grid.cfg = *grid;
    return MSDK_OK;
}

msdk_err_t msdk_host_grid_phase_set(uint32_t phase, double v_rms, double i_rms, double i_angle_deg)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, (phase >= 1u) && (phase <= 3u));
    if (err != MSDK_OK) {
        return err;
    }
    msdk_host_grid_t g = b->grid.cfg;
    g.phase[phase - 1u].v_rms = v_rms;
    g.phase[phase - 1u].i_rms = i_rms;
    g.phase[phase - 1u].i_angle_deg = i_angle_deg;
    return msdk_host_grid_set(&g);
}

msdk_err_t msdk_host_grid_freq_set(double hz)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, true);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_host_grid_t g = b->grid.cfg;
    g.freq_hz = hz;
    return msdk_host_grid_set(&g);
}

msdk_err_t msdk_host_grid_harmonic_set(uint32_t phase, bool current, uint32_t order, double rel,
                                       double phase_deg)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(
        b, (phase >= 1u) && (phase <= 3u) && (order >= 2u) && (order <= MSDK_HOST_GRID_MAX_ORDER) &&
               in_range(rel, 0.0, 1.0) && in_range(phase_deg, -360.0, 360.0));
    if (err != MSDK_OK) {
        return err;
    }
    msdk_host_harmonic_t *h =
        current ? b->grid.cfg.phase[phase - 1u].i_harm : b->grid.cfg.phase[phase - 1u].v_harm;
    msdk_host_harmonic_t *slot = NULL;
    for (size_t i = 0; i < MSDK_HOST_GRID_MAX_HARMONICS; i++) {
        if (h[i].order == order) {
            slot = &h[i];
            break;
        }
    }
    if (rel == 0.0) {
        if (slot != NULL) {
            memset(slot, 0, sizeof(*slot));
        }
        return MSDK_OK;
    }
    for (size_t i = 0; (slot == NULL) && (i < MSDK_HOST_GRID_MAX_HARMONICS); i++) {
        if (h[i].order == 0u) {
            slot = &h[i];
        }
    }
    if (slot == NULL) {
        return MSDK_ERR_NO_SPACE;
    }
    slot->order = order;
    slot->rel = rel;
    slot->phase_deg = phase_deg;
    return MSDK_OK;
}

msdk_err_t msdk_host_grid_noise_set(double codes)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, in_range(codes, 0.0, 100000.0));
    if (err != MSDK_OK) {
        return err;
    }
    b->grid.cfg.noise_codes = codes;
    return MSDK_OK;
}

uint64_t msdk_host_grid_seed(void)
{
    return msdk_host_board()->grid.seed;
}
