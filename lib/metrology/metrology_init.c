/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Instance set-up, configuration defaults, calibration-dependent constants, accessors. */
#include <string.h>

#include "metrology_internal.h"

/* Host simulator AFE: 480 V and 180 A peak at 2^23 codes, in Q24 units per code. */
#define NOMINAL_V_GAIN_Q24 960000000u
#define NOMINAL_I_GAIN_Q24 360000000u

static uint32_t dflt(uint32_t v, uint32_t d)
{
    return (v == 0u) ? d : v;
}

static msdk_err_t config_resolve(msdk_metro_config_t *c)
{
    c->fs_hz = dflt(c->fs_hz, 8000u);
    c->f_nom_hz = dflt(c->f_nom_hz, 50u);
    c->u_nom_mv = dflt(c->u_nom_mv, 230000u);
    c->i_ref_ma = dflt(c->i_ref_ma, 5000u);
    c->i_max_ma = dflt(c->i_max_ma, 100000u);
    c->i_start_ma = dflt(c->i_start_ma, 20u);
    c->imp_per_kwh = dflt(c->imp_per_kwh, 2000u);
    c->imp_per_kvarh = dflt(c->imp_per_kvarh, 2000u);
    c->pulse_ms = dflt(c->pulse_ms, 10u);
    c->missing_pct = dflt(c->missing_pct, 50u);
    c->sag_pct = dflt(c->sag_pct, 90u);
    c->swell_pct = dflt(c->swell_pct, 110u);
    c->sag_ms = dflt(c->sag_ms, 40u);
    c->over_pct = dflt(c->over_pct, 100u);
    c->over_ms = dflt(c->over_ms, 1000u);
    c->neutral_pct = dflt(c->neutral_pct, 10u);
    if ((c->fs_hz < MSDK_METRO_FS_MIN) || (c->fs_hz > MSDK_METRO_FS_MAX) ||
        ((c->f_nom_hz != 50u) && (c->f_nom_hz != 60u)) || (c->u_nom_mv < 57700u) ||
        (c->u_nom_mv > 240000u) || (c->i_ref_ma > c->i_max_ma) || (c->i_max_ma > 1000000u) ||
        (c->i_start_ma > c->i_ref_ma) || (c->imp_per_kwh > 100000u) ||
        (c->imp_per_kvarh > 100000u) || (c->pulse_ms > 1000u) ||
        ((uint32_t)c->pulse_p_src > (uint32_t)MSDK_METRO_PULSE_EXPORT) ||
        ((uint32_t)c->pulse_q_src > (uint32_t)MSDK_METRO_PULSE_EXPORT) ||
        ((uint32_t)c->netting > (uint32_t)MSDK_METRO_NET_VECTOR) || (c->missing_pct > 100u) ||
        (c->sag_pct > 100u) || (c->swell_pct < 100u) || (c->swell_pct > 200u) ||
        (c->over_pct > 1000u) || (c->neutral_pct > 100u) || (c->sag_ms > 60000u) ||
        (c->over_ms > 600000u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->squelch_on_mw == 0u) {
        /* 35 % of the power at the starting current and nominal voltage. */
        c->squelch_on_mw = (uint32_t)(((uint64_t)c->u_nom_mv * c->i_start_ma * 35u) / 100000u);
    }
    if (c->squelch_off_mw == 0u) {
        c->squelch_off_mw = (uint32_t)(((uint64_t)c->squelch_on_mw * 70u) / 100u);
    }
    if (c->squelch_off_mw > c->squelch_on_mw) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->reactive_fundamental > 1u) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c->neutral_ma == 0u) {
        c->neutral_ma = c->i_ref_ma / 10u;
        if (c->neutral_ma < 500u) {
            c->neutral_ma = 500u;
        }
    }
    return MSDK_OK;
}

void msdk_metro_set_quadrature(msdk_metro_t *m, uint32_t period_q16)
{
    m->period_q16 = period_q16;
    uint32_t quarter = period_q16 / 4u;
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_lane_t *l = &m->lane[k];
        uint32_t qd = (l->vtap << 16) + quarter;
        uint32_t tap = qd >> 16;
        if (tap > MSDK_METRO_VLINE - 2u) {
            tap = MSDK_METRO_VLINE - 2u; /* cannot happen within the period limits */
        }
        /* Fraction first, then tap: a frame in between sees a sub-sample mismatch only. */
        l->qfrac_q31 = (int32_t)((qd & 0xFFFFu) << 15);
        l->qtap = tap;
    }
}

void msdk_metro_apply_lanes(msdk_metro_t *m)
{
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        msdk_metro_lane_t *l = &m->lane[k];
        /* Total voltage delay D = IDELAY - tau * fs, in 1/65536 frame. */
        int64_t tau_q16 =
            ((int64_t)m->cal.phase_ns[k] * (int64_t)m->cfg.fs_hz * 65536) / 1000000000;
        int64_t d_q16 = ((int64_t)MSDK_METRO_IDELAY << 16) - tau_q16;
        /* kv = floor(D - 0.5), d = D - kv in [0.5, 1.5). */
        int64_t kv = (d_q16 - 32768) >> 16;
        if (kv < 0) {
            kv = 0;
        }
        int64_t frac_q16 = d_q16 - (kv << 16); /* 32768..98303 */
        /* a = (1 - d) / (1 + d) in Q32. */
        int64_t a =
            (((int64_t)65536 - frac_q16) * ((int64_t)1 << 32)) / ((int64_t)65536 + frac_q16);
        l->ap_a_q32 = (int32_t)a;
        l->vtap = (uint32_t)kv;
    }
    msdk_metro_set_quadrature(m, m->period_q16);
}

void msdk_metro_energy_constants(msdk_metro_t *m)
{
    /* E [2^-32 mWh] = sum * gv * gi / (2^16 * 3600 * fs * (1e9 + trim)) (see docs). */
    uint32_t den1 = 3600u * m->cfg.fs_hz;
    uint32_t den2 = (uint32_t)(1000000000 + m->cal.rtc_trim_ppb);
    for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
        uint64_t gg = (uint64_t)m->cal.gain_q24[k] * m->cal.gain_q24[MSDK_METRO_PHASES + k];
        msdk_metro_w128_t q = msdk_metro_w128_shl(msdk_metro_w128_mul(gg, 1u), 56u);
        q = msdk_metro_w128_divu32(q, den1, NULL);
        q = msdk_metro_w128_divu32(q, den2, NULL);
        unsigned shift = 56u + 16u;
        while (q.hi != 0u) {
            q = msdk_metro_w128_shr(q, 1u);
            shift--;
        }
        m->e_mant[k] = q.lo;
        m->e_shift[k] = shift;
    }
}

static void hysteresis(msdk_metro_t *m)
{
    /* 10 % of the nominal peak voltage, in codes of the L1 voltage channel. */
    uint64_t uv_q24 = ((uint64_t)m->cfg.u_nom_mv * 141421u) << 24; /* mV*1000*sqrt2/10 */
    uint64_t h = (uv_q24 / 1000u) / m->cal.gain_q24[0];
    m->zc_neg_hyst = -(int32_t)((h > 0x7FFFFFu) ? 0x7FFFFFu : h);
}

static void pulse_widths(msdk_metro_t *m)
{
    uint32_t w = (m->cfg.pulse_ms * m->cfg.fs_hz) / 1000u;
    m->pulse[0].width = (w == 0u) ? 1u : w;
    m->pulse[1].width = m->pulse[0].width;
}

msdk_err_t msdk_metro_init(msdk_metro_t *m, const msdk_metro_config_t *cfg,
                           const msdk_metro_calib_t *cal, const msdk_metro_registers_t *reg)
{
    if (m == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_metro_config_t c;
    if (cfg != NULL) {
        c = *cfg;
    } else {
        memset(&c, 0, sizeof(c));
    }
    if (config_resolve(&c) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_metro_calib_t k;
    if (cal != NULL) {
        if (msdk_metro_calib_check(cal) != MSDK_OK) {
            return MSDK_ERR_INVALID_ARG;
        }
        k = *cal;
    } else {
        msdk_metro_calib_default(&k, NOMINAL_V_GAIN_Q24, NOMINAL_I_GAIN_Q24);
    }
    memset(m, 0, sizeof(*m));
    m->cfg = c;
    m->cal = k;
    if (reg != NULL) {
        m->reg = *reg;
    }
    m->win_max = c.fs_hz / MSDK_METRO_F_LO_HZ;
    m->win_nom = (c.fs_hz + c.f_nom_hz - 1u) / c.f_nom_hz; /* ceil(fs / f_nom) */
    m->win_limit = m->win_max + 1u;
    m->win_end = m->win_limit;
    m->led_next = UINT32_MAX; /* no LED lit: the first check is 2^32 - 1 frames away */
    if (c.reactive_fundamental != 0u) {
        /* k = 2^-shift with fs * k / (2 pi) between 14 and 20 Hz (20 Hz at 8000 frames/s). */
        uint32_t sh = 0u;
        while ((c.fs_hz >> (sh + 1u)) >= 90u) {
            sh++;
        }
        m->fund_shift = sh;
    }
    m->period_q16 = (uint32_t)(((uint64_t)c.fs_hz << 16) / c.f_nom_hz);
    msdk_metro_apply_lanes(m);
    msdk_metro_energy_constants(m);
    hysteresis(m);
    pulse_widths(m);
    return MSDK_OK;
}

msdk_err_t msdk_metro_calib_apply(msdk_metro_t *m, const msdk_metro_calib_t *cal)
{
    if ((m == NULL) || (msdk_metro_calib_check(cal) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    m->cal = *cal;
    msdk_metro_apply_lanes(m);
    msdk_metro_energy_constants(m);
    hysteresis(m);
    return MSDK_OK;
}

const msdk_metro_result_t *msdk_metro_cycle(const msdk_metro_t *m)
{
    return &m->cycle;
}

const msdk_metro_result_t *msdk_metro_second(const msdk_metro_t *m, uint32_t *seq)
{
    if (seq != NULL) {
        *seq = m->seconds;
    }
    return &m->second;
}

int64_t msdk_metro_mean_code_q8(const msdk_metro_t *m, msdk_metro_ch_t ch)
{
    if ((uint32_t)ch >= (uint32_t)MSDK_METRO_CH_COUNT) {
        return 0;
    }
    return m->mean_code[ch];
}

const msdk_metro_registers_t *msdk_metro_registers(const msdk_metro_t *m)
{
    return &m->reg;
}

uint64_t msdk_metro_energy_mwh(const msdk_metro_t *m, uint32_t set, msdk_metro_reg_t reg)
{
    if ((set >= MSDK_METRO_SETS) || ((uint32_t)reg >= (uint32_t)MSDK_METRO_REG_COUNT)) {
        return 0u;
    }
    return m->reg.e[set][reg].mwh;
}

uint32_t msdk_metro_pulses(const msdk_metro_t *m, bool reactive)
{
    return m->pulse[reactive ? 1 : 0].count;
}

uint64_t msdk_metro_frames_integrated(const msdk_metro_t *m)
{
    return m->samples_done;
}

uint32_t msdk_metro_frames_lost(const msdk_metro_t *m)
{
    return m->frames_lost;
}
