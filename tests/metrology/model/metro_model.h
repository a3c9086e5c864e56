/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Double-precision test models for the 3-phase metrology library.
 *
 * Three independent pieces, all plain C11 without global mutable state (every
 * piece of state lives in a caller-owned struct):
 *
 * - **Waveform model** (msdk_tm_wave_cfg_t): the true voltages and currents of
 *   a 3-phase 4-wire installation as functions of time, with harmonics, a DC
 *   current, a linear frequency ramp, voltage sags/interruptions, non-sine
 *   current shapes (half-wave, phase-fired, sub-harmonic bursts) and an extra
 *   neutral current (tamper).
 * - **AFE model** (msdk_tm_afe_t): turns the waveforms into the 24-bit codes of
 *   a 7-channel simultaneous-sampling ADC (V1 V2 V3 I1 I2 I3 IN) with gain,
 *   phase, offset, crosstalk, noise, clock error and clipping.
 * - **Analytic reference** (msdk_tm_ref_span()): the exact integrals of v*i,
 *   v^2, i^2, ... of the ideal waveforms over any span [t0, t1], in closed form
 *   (never a sum of samples), to check the meter's energies and RMS values.
 *
 * ## Waveform conventions
 *
 * The fundamental angle is theta(t) = 2*pi*c(t), where
 * c(t) = f0_hz*t + df_dt*t^2/2 is the number of cycles since t = 0 (see
 * msdk_tm_wave_cycles()); the instantaneous frequency is f(t) = f0_hz +
 * df_dt*t. The whole model requires f(t) > 0 over the times it is used at.
 *
 * Phase p (0..2) has the voltage angle x_p = theta + v_angle_deg and the
 * current angle y_p = x_p - phi_deg (sine convention, angles in degrees in the
 * structs, radians below):
 *
 *     v_p(t) = s_p(t) * sqrt2 * v_rms * [ sin(x_p) + sum_h vh.rel * sin(n_h*x_p + vh.phase) ]
 *     i_p(t) = F_p(t) + sum_h sqrt2 * i_rms * ih.rel * sin(n_h*x_p + ih.phase) + i_dc
 *
 * where s_p(t) is the sag factor (1 outside the sag window) and F_p the shaped
 * fundamental current: for MSDK_TM_WAVE_SINE F_p = sqrt2 * i_rms * sin(y_p).
 * A harmonic with the same order and phase on voltage and current is thus in
 * phase (pure active power). phi_deg > 0 is an inductive load (positive
 * reactive energy), phi_deg = 180 exports active energy (negative e_act).
 * The non-sine shapes are described at msdk_tm_wave_t; they gate the
 * fundamental current in the current angle y_p, so each phase's gating
 * follows its own current zero crossings.
 *
 * The neutral current is the instantaneous sum plus an extra sinusoid:
 *
 *     in(t) = i_1 + i_2 + i_3 + sqrt2 * in_extra_rms * sin(theta + in_extra_phase_deg)
 *
 * (in_extra models a neutral/phase mismatch: a tamper or an earth leak.)
 *
 * Voltage events: while sag_t0 <= t < sag_t0 + sag_len, every voltage of a
 * phase in sag_mask (its whole waveform, harmonics included) is multiplied by
 * sag_factor; 0 is an interruption. The currents are unchanged (the test
 * bench's current source keeps running).
 *
 * ## Reactive energy
 *
 * The reference defines reactive energy in the time domain, as a meter with an
 * ideal 90 degree phase shifter measures it: e_react = integral of vq(t)*i(t)
 * dt, where vq is the voltage with **each** of its components shifted by -90
 * degrees (sin(n x + a) becomes sin(n x + a - pi/2) = -cos(n x + a)), see
 * msdk_tm_wave_eval_quad(). Over whole periods of the waveform (one
 * fundamental cycle; burst_on + burst_off cycles for bursts) this is exactly
 * the Budeanu reactive energy, sum over the orders n present in both voltage
 * and current of V_n * I_n * sin(phi_n) * T; for non-sine currents I_n are the
 * Fourier components of the shaped current, so e.g. a half-wave current and a
 * voltage with even harmonics give even-order reactive terms. Over a partial
 * cycle it includes the oscillating term, like the active energy does.
 * e_react_fund uses the fundamental voltage only (IEC 62053-24: fundamental
 * reactive energy = V_1 * I_1 * sin(phi_1) over whole cycles).
 */
#ifndef MSDK_TM_METRO_MODEL_H
#define MSDK_TM_METRO_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Harmonic slots per signal (voltage and current of each phase). */
#define MSDK_TM_MAX_HARM  8
/** Highest harmonic order the model supports; slots with a higher order are ignored. */
#define MSDK_TM_MAX_ORDER 63
/** Number of AFE channels. */
#define MSDK_TM_NCH       7
/** Full-scale magnitude of the AFE codes: value = v_fs (or i_fs) at +2^23 codes. */
#define MSDK_TM_CODE_FS   8388608.0
/** Largest AFE code (2^23 - 1). */
#define MSDK_TM_CODE_MAX  8388607
/** Smallest AFE code (-2^23). */
#define MSDK_TM_CODE_MIN  (-8388608)

/** AFE channel indices (order of the codes[] array and of the per-channel settings). */
enum {
    MSDK_TM_CH_V1 = 0,
    MSDK_TM_CH_V2 = 1,
    MSDK_TM_CH_V3 = 2,
    MSDK_TM_CH_I1 = 3,
    MSDK_TM_CH_I2 = 4,
    MSDK_TM_CH_I3 = 5,
    MSDK_TM_CH_IN = 6
};

/**
 * One harmonic slot: the component sqrt2 * X_rms * rel * sin(order*x + phase),
 * x the phase's voltage fundamental angle, X_rms the signal's fundamental RMS.
 * order 0 marks an unused slot; valid orders are the integers 1..MSDK_TM_MAX_ORDER
 * (normally 2..63; order 1 adds to the fundamental). Several slots may share
 * an order (they add up).
 */
typedef struct {
    unsigned order;   /**< harmonic order, 0 = unused */
    double rel;       /**< RMS amplitude relative to the fundamental RMS (v_rms or i_rms) */
    double phase_deg; /**< phase relative to order*x, degrees */
} msdk_tm_harm_t;

/** One phase of the installation. */
typedef struct {
    double v_rms;       /**< fundamental voltage RMS, V */
    double i_rms;       /**< fundamental current RMS, A (see msdk_tm_wave_t for shaped currents) */
    double v_angle_deg; /**< voltage angle: 0, -120, +120 by default */
    double phi_deg;     /**< current lags voltage by phi (> 0 inductive, 180 = export) */
    msdk_tm_harm_t vh[MSDK_TM_MAX_HARM]; /**< voltage harmonics */
    msdk_tm_harm_t ih[MSDK_TM_MAX_HARM]; /**< current harmonics */
    double i_dc;                         /**< DC current component, A */
} msdk_tm_phase_t;

/**
 * Shape of the currents. In every shape the harmonic slots ih and i_dc are
 * added as described in the file comment, except for MSDK_TM_WAVE_BURST which
 * gates the whole current. All shapes are defined on the current angle
 * y = theta + v_angle - phi, so they work with a frequency ramp too.
 */
typedef enum {
    /** F = sqrt2 * i_rms * sin(y). */
    MSDK_TM_WAVE_SINE = 0,
    /**
     * Positive half-wave only: F = 2 * sqrt2 * i_rms * max(sin(y), 0). The
     * factor 2 keeps i_rms the fundamental RMS (a half-wave rectified sine of
     * peak A has the fundamental A/2 in phase with it), so with a pure sine
     * voltage P = V*I*cos(phi) as for a sine. The current also has a DC part
     * 2*sqrt2*i_rms/pi and even harmonics; its RMS (without ih, i_dc) is sqrt2 * i_rms.
     */
    MSDK_TM_WAVE_HALFWAVE,
    /**
     * Phase-fired (triac/dimmer): F = sqrt2 * i_rms * sin(y) while
     * (y mod 180 deg) >= fire_alpha_deg, else 0: the current is off for
     * fire_alpha_deg after each zero crossing of the underlying sine current,
     * in both half cycles (odd harmonics only). i_rms is the RMS of the
     * underlying sine, not of the chopped current.
     */
    MSDK_TM_WAVE_PHASE_FIRED,
    /**
     * Sub-harmonic burst: the phase's whole current (fundamental, ih, i_dc) is
     * on for burst_on cycles of y then off for burst_off cycles: on while
     * floor(y / 360 deg) mod (burst_on + burst_off) < burst_on, so bursts start
     * at the current's positive-going zero crossings at y = 0 (EN 50470-3 uses
     * 2 on / 2 off). burst_on + burst_off == 0 means always on.
     */
    MSDK_TM_WAVE_BURST
} msdk_tm_wave_t;

/** The complete waveform configuration. Set it with msdk_tm_wave_default() then adjust. */
typedef struct {
    double f0_hz;              /**< frequency at t = 0, Hz */
    double df_dt;              /**< linear frequency ramp, Hz/s */
    msdk_tm_phase_t ph[3];     /**< the three phases */
    msdk_tm_wave_t wave;       /**< current shape */
    double fire_alpha_deg;     /**< MSDK_TM_WAVE_PHASE_FIRED firing angle, clamped to [0, 180] */
    unsigned burst_on;         /**< MSDK_TM_WAVE_BURST cycles on */
    unsigned burst_off;        /**< MSDK_TM_WAVE_BURST cycles off */
    double sag_t0;             /**< start of the voltage event, s */
    double sag_len;            /**< its length, s (<= 0: no event) */
    double sag_factor;         /**< voltage multiplier during the event (0 = interruption) */
    unsigned sag_mask;         /**< phases affected: bit p = phase p+1; 0 means all three */
    double in_extra_rms;       /**< extra neutral current RMS, A */
    double in_extra_phase_deg; /**< its phase relative to theta (phase 1's voltage angle 0) */
} msdk_tm_wave_cfg_t;

/**
 * Balanced 3-phase sine defaults: frequency f0 (no ramp), every phase v volts
 * and i amperes RMS with the current lagging by phi_deg, voltage angles 0,
 * -120, +120; no harmonics, DC, sag nor extra neutral current. Also sets
 * fire_alpha_deg = 90, burst_on = burst_off = 2, sag_factor = 1,
 * sag_mask = 7 so switching wave needs nothing else.
 */
void msdk_tm_wave_default(msdk_tm_wave_cfg_t *w, double f0, double v, double i, double phi_deg);

/** Cycles of the fundamental since t = 0: f0_hz*t + df_dt*t^2/2. */
double msdk_tm_wave_cycles(const msdk_tm_wave_cfg_t *w, double t);

/** Instantaneous frequency f0_hz + df_dt*t, Hz. */
double msdk_tm_wave_freq(const msdk_tm_wave_cfg_t *w, double t);

/**
 * Instantaneous values at time t (seconds): phase voltages v[3] (V), phase
 * currents i[3] (A) and the neutral current *in (A). Any output pointer may be
 * NULL.
 */
void msdk_tm_wave_eval(const msdk_tm_wave_cfg_t *w, double t, double v[3], double i[3], double *in);

/**
 * The quadrature voltages used by the reactive-energy reference: vq[p] is
 * v_p(t) with each harmonic component (fundamental included) shifted by -90
 * degrees, vq1[p] the fundamental alone shifted by -90 degrees (sag factor
 * applied to both). Any output pointer may be NULL.
 */
void msdk_tm_wave_eval_quad(const msdk_tm_wave_cfg_t *w, double t, double vq[3], double vq1[3]);

/** Random number generator state: xoshiro256**, seeded through splitmix64. */
typedef struct {
    uint64_t s[4];
} msdk_tm_rng_t;

/** Seed the generator from any 64-bit seed (0 included). */
void msdk_tm_rng_seed(msdk_tm_rng_t *r, uint64_t seed);
/** Next raw 64-bit output. */
uint64_t msdk_tm_rng_next(msdk_tm_rng_t *r);
/** Uniform double in [0, 1) with 53 random bits. */
double msdk_tm_rng_uniform(msdk_tm_rng_t *r);
/** Standard normal deviate (Box-Muller; uses two uniforms per call). */
double msdk_tm_rng_gauss(msdk_tm_rng_t *r);

/** AFE (ADC front end) configuration. */
typedef struct {
    double fs_hz;             /**< nominal frame rate, Hz */
    double clock_ppm;         /**< sampling clock error: frame n is taken at n / (fs_hz*(1 +
                                 clock_ppm*1e-6)) */
    double v_fs;              /**< volts at +2^23 codes (default 480) */
    double i_fs;              /**< amperes at +2^23 codes, also for IN (default 180) */
    double gain[MSDK_TM_NCH]; /**< per-channel gain factor (1.0 = exact) */
    /**
     * Per-channel sensor phase at f0_hz of the waveform, degrees, positive =
     * the channel leads. Modelled as a pure time advance: the channel samples
     * its waveform at t + phase_deg/(360*f0_hz), so harmonic n sees n times the
     * phase, and under a frequency ramp the delay (not the angle) is constant.
     */
    double phase_deg[MSDK_TM_NCH];
    double offset_codes[MSDK_TM_NCH]; /**< offset added before rounding, codes */
    /**
     * Voltage-to-current crosstalk: xtalk_v_to_i times phase p's voltage
     * channel code (after its gain and phase, before offset and noise) is
     * added to phase p's current channel. IN gets none.
     */
    double xtalk_v_to_i;
    double
        noise_codes; /**< white Gaussian noise RMS per channel, codes (0 = none, draws nothing) */
    uint64_t seed;   /**< noise seed; tests print it on failure */
} msdk_tm_afe_cfg_t;

/**
 * Ideal AFE at fs_hz: no clock error, v_fs = 480 V, i_fs = 180 A (the host
 * simulator's scales), unit gains, zero phases, offsets, crosstalk and noise.
 */
void msdk_tm_afe_default(msdk_tm_afe_cfg_t *a, double fs_hz, uint64_t seed);

/** AFE instance. */
typedef struct {
    msdk_tm_afe_cfg_t cfg; /**< copy of the configuration (may be changed between frames) */
    msdk_tm_rng_t rng;     /**< noise generator, seeded from cfg.seed */
    uint64_t n;            /**< index of the next frame */
    uint64_t clipped;      /**< channel samples saturated so far (one per channel and frame) */
} msdk_tm_afe_t;

/** Start an AFE at frame 0 with the configuration copied and the noise seeded. */
void msdk_tm_afe_init(msdk_tm_afe_t *a, const msdk_tm_afe_cfg_t *cfg);

/**
 * Produce frame a->n then increment a->n. Channel c (value X: volts for
 * V1..V3 with scale v_fs, amperes for I1..I3, IN with scale i_fs, taken at the
 * frame time plus the channel's phase advance):
 *
 *     code = round(X/scale*2^23*gain[c] + offset_codes[c] + noise + xtalk)
 *
 * rounded half away from zero and saturated to [MSDK_TM_CODE_MIN,
 * MSDK_TM_CODE_MAX], each saturation counted in a->clipped.
 */
void msdk_tm_afe_next(msdk_tm_afe_t *a, const msdk_tm_wave_cfg_t *w, int32_t codes[MSDK_TM_NCH]);

/** True time of frame n, seconds: n / (fs_hz*(1 + clock_ppm*1e-6)). */
double msdk_tm_afe_time(const msdk_tm_afe_t *a, uint64_t n);

/** Exact integrals of the ideal waveforms over a span (see msdk_tm_ref_span()). */
typedef struct {
    double e_act[3];        /**< integral of v*i dt per phase, Ws, signed (export negative) */
    double e_react[3];      /**< integral of vq*i dt per phase, var*s (see "Reactive energy") */
    double e_react_fund[3]; /**< integral of vq1*i dt per phase: fundamental reactive, var*s */
    double v2t[3];          /**< integral of v^2 dt per phase, V^2*s: RMS = sqrt(v2t/t) */
    double i2t[3];          /**< integral of i^2 dt per phase, A^2*s */
    double in2t;            /**< integral of in^2 dt, A^2*s */
    double t;               /**< span length, s */
    double cycles;          /**< fundamental cycles in the span: integral of f dt */
} msdk_tm_ref_t;

/**
 * Integrals over [t0, t1] of the waveforms as an ideal meter sees them (no AFE
 * errors). Closed form, exact to rounding for any span (partial cycles
 * included) and any shape, sag and frequency ramp:
 *
 * - the span is cut at the sag edges and at the gating edges of the shaped
 *   currents (solving the quadratic c(t) = edge), so that on each piece every
 *   signal is a finite sum of A*sin(k*theta + a) terms (k = 0 for DC);
 * - products are expanded by product-to-sum into integrals
 *   K(m) = integral of exp(j*m*theta(t)) dt; m = 0 is the exact DC term;
 * - without a ramp K(m) is the elementary [exp(j*m*theta)/(j*m*omega)];
 *   with a ramp theta is quadratic and K(m) is evaluated with the
 *   integration-by-parts expansion sum_k [exp(j*m*theta) * (-j)^(k+1) *
 *   (2k-1)!! * g^k / w^(2k+1)] (w = m*theta', g = m*theta''), which
 *   terminates exactly at rounding level: the series is only used when its
 *   remainder bound (2K+1)!! * (g/w^2)^(K+1) is below 1e-17 (g/w^2 =
 *   df_dt/(2*pi*m*f^2) is ~6e-5 at 50 Hz, 1 Hz/s); otherwise, for extreme
 *   ramps or very low frequencies, K(m) falls back to composite 10-point
 *   Gauss-Legendre quadrature with at most 1 rad of phase per panel (only the
 *   oscillating term, the DC term stays exact);
 * - without a ramp, spans of shaped currents longer than two waveform periods
 *   integrate one period and multiply (the integrand is periodic).
 *
 * Requires t1 >= t0 (t1 == t0 gives zeros) and f(t) > 0 on [t0, t1];
 * otherwise every output except t is NaN.
 */
void msdk_tm_ref_span(const msdk_tm_wave_cfg_t *w, double t0, double t1, msdk_tm_ref_t *out);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TM_METRO_MODEL_H */
