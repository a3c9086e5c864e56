/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Golden model of libmetrology: the algorithm of docs/metrology.md in double
 *        precision, written independently of lib/metrology.
 *
 * It takes the same integer frames and the same integer calibration block as the
 * library, and performs the same steps (all-pass fractional delay, delay lines,
 * interpolated quadrature, zero crossings and window rules, offset removal, two-point
 * current gain, squelch, 4-quadrant registers, netting, pulse outputs, seconds) without
 * any fixed-point rounding: the difference between the library and this model on the
 * same samples is the library's pure fixed-point error. Interpretations of the spec are
 * listed at the top of golden.c.
 *
 * Units: V, A, W, var, VA, Hz, Wh, pulses. All state lives in the caller-owned
 * ::msdk_gm_t; no globals, no allocation.
 */
#ifndef MSDK_TM_GOLDEN_H
#define MSDK_TM_GOLDEN_H

#include <stdint.h>

#include "msdk/metrology/calib.h"
#include "msdk/metrology/metrology.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Voltage delay line length (entries per phase). */
#define MSDK_GM_VLINE  64u
/** Current delay line length (entries per phase). */
#define MSDK_GM_ILINE  8u
/** Fixed current delay, frames. */
#define MSDK_GM_IDELAY 5u

/** Configuration, in SI units (doubles). */
typedef struct msdk_gm_config {
    double fs;            /**< Nominal frame rate, frames/s (8000). */
    double f_nom;         /**< Nominal mains frequency, 50 or 60 Hz (50). */
    double u_nom;         /**< Nominal phase voltage, V (230): hysteresis, voltage present. */
    double i_ref;         /**< Reference current, A (5). */
    double i_max;         /**< Maximum current, A (100). */
    double i_start;       /**< Starting current, A (0.02). */
    double imp_per_kwh;   /**< Active pulse constant (2000). */
    double imp_per_kvarh; /**< Reactive pulse constant (2000). */
    int netting;          /**< msdk_metro_netting_t: 0 per phase, 1 vector (0). */
    int pulse_p_src;      /**< msdk_metro_pulse_src_t: 0 abs, 1 import, 2 export (0). */
    int pulse_q_src;      /**< Same for the reactive output (0). */
    /** Squelch on level, W (0 at init: 0.35 * u_nom * i_start). */
    double squelch_on_w;
    /** Squelch off level, W (0 at init: 0.7 * the effective on level). */
    double squelch_off_w;
    /** 1: fundamental-only reactive (three low-pass sections, k = 2^-shift). */
    int reactive_fundamental;
} msdk_gm_config_t;

/** Sums of one window (raw, before offsets), plus what the window closed with. */
typedef struct msdk_gm_win {
    double v2[MSDK_METRO_PHASES];     /**< sum vd^2 */
    double i2[MSDK_METRO_PHASES];     /**< sum id^2 */
    double p[MSDK_METRO_PHASES];      /**< sum vd*id */
    double q[MSDK_METRO_PHASES];      /**< sum vq*id */
    double sv[MSDK_METRO_PHASES];     /**< sum vd */
    double si[MSDK_METRO_PHASES];     /**< sum id */
    double in2;                       /**< sum in^2 (raw) */
    double sin;                       /**< sum in (raw) */
    double pf[MSDK_METRO_PHASES];     /**< sum lowpass(vd) * id (fundamental mode) */
    double qf[MSDK_METRO_PHASES];     /**< sum lowpass(vq) * id (fundamental mode) */
    unsigned n;                       /**< Frames. */
    int period_valid;                 /**< The window ended on a crossing with a valid period. */
    double period;                    /**< That period, frames (valid only if period_valid). */
    double t_quad;                    /**< Period the quadrature taps used in this window. */
    double qfrac[MSDK_METRO_PHASES];  /**< Interpolation fraction used per phase. */
    double xing[MSDK_METRO_PHASES];   /**< Last positive crossing of each voltage, frames. */
    int xing_seen[MSDK_METRO_PHASES]; /**< xing[] holds a crossing of this window. */
    unsigned clip;                    /**< Bit per channel: a code was clamped. */
} msdk_gm_win_t;

/** Results of one window or one second. Inactive (squelched) phases: p = q = s = pf = 0. */
typedef struct msdk_gm_result {
    double v[MSDK_METRO_PHASES];            /**< Voltage RMS, V. */
    double i[MSDK_METRO_PHASES];            /**< Current RMS, A (two-point gain applied). */
    double in;                              /**< Neutral current RMS, A. */
    double p[MSDK_METRO_PHASES];            /**< Active power, W. */
    double q[MSDK_METRO_PHASES];            /**< Reactive power, var. */
    double s[MSDK_METRO_PHASES];            /**< Apparent power, VA. */
    double pf[MSDK_METRO_PHASES];           /**< P / S (0 when inactive or S = 0). */
    double freq;                            /**< Hz (0 without a valid period). */
    double vi_angle_deg[MSDK_METRO_PHASES]; /**< Current lag, [0, 360) (0 when inactive). */
    double v_angle_deg[MSDK_METRO_PHASES];  /**< Voltage angle behind L1, [0, 360). */
    unsigned n;                             /**< Frames. */
    int period_valid;                       /**< Window: valid period; second: at least one. */
    int active[MSDK_METRO_PHASES];          /**< Squelch state (energy counted). */
    double p_total;                         /**< Sum of the phases' p. */
    double q_total;                         /**< Sum of the phases' q. */
    double s_total;                         /**< Arithmetic sum of the phases' s. */
    unsigned clip;                          /**< Bit per channel: a code was clamped. */
} msdk_gm_result_t;

/** The whole model state. Caller-owned; fields are private. */
typedef struct msdk_gm {
    msdk_gm_config_t cfg;                                    /**< Effective configuration. */
    msdk_metro_calib_t cal;                                  /**< Calibration block. */
    double fs_true;                                          /**< fs * (1 + trim * 1e-9). */
    double gv[MSDK_METRO_PHASES];                            /**< V per code. */
    double gi[MSDK_METRO_PHASES];                            /**< A per code. */
    double gin;                                              /**< Neutral, A per code. */
    double ov[MSDK_METRO_PHASES], oi[MSDK_METRO_PHASES], on; /**< Offsets, codes. */
    /* Sampling side. */
    double ap_a[MSDK_METRO_PHASES];                 /**< All-pass coefficient (1-d)/(1+d). */
    double ap_x1[MSDK_METRO_PHASES];                /**< All-pass previous input. */
    double ap_y1[MSDK_METRO_PHASES];                /**< All-pass previous output. */
    double lp_v[MSDK_METRO_PHASES][5];              /**< Fundamental mode: low-pass states of vd. */
    double lp_q[MSDK_METRO_PHASES][5];              /**< Fundamental mode: low-pass states of vq. */
    double lp_k;                                    /**< Low-pass coefficient (0: mode off). */
    unsigned kv[MSDK_METRO_PHASES];                 /**< Integer voltage delay. */
    unsigned qtap[MSDK_METRO_PHASES];               /**< floor(kv + T/4). */
    double qfrac[MSDK_METRO_PHASES];                /**< frac(kv + T/4). */
    double yline[MSDK_METRO_PHASES][MSDK_GM_VLINE]; /**< All-pass output history. */
    double iline[MSDK_METRO_PHASES][MSDK_GM_ILINE]; /**< Current history. */
    unsigned wpos;                   /**< Index of the newest entry (both lines, mod length). */
    unsigned long long frame;        /**< Frames since init (index of the next frame). */
    double vprev[MSDK_METRO_PHASES]; /**< Previous raw voltage code. */
    int armed[MSDK_METRO_PHASES];    /**< Below -hyst since the last crossing. */
    double hyst;                     /**< Zero-crossing hysteresis, codes (integer). */
    double win_min;                  /**< fs / 70. */
    double win_max;                  /**< fs / 40. */
    double win_limit;                /**< floor(fs / 40) + 1. */
    double win_nom;                  /**< fs / f_nom. */
    int ended_on_time;               /**< The previous window ended on time. */
    unsigned ref;                    /**< Reference phase. */
    int ref_xing_valid;              /**< ref_xing holds a reference crossing. */
    double ref_xing;                 /**< Last reference crossing, frames. */
    double t_quad;                   /**< Period for the quadrature taps, frames. */
    double t_last;                   /**< Last valid period (for angles), frames. */
    msdk_gm_win_t live;              /**< Window being accumulated. */
    msdk_gm_win_t done;              /**< Window waiting for msdk_gm_process. */
    int pending;                     /**< done holds an unprocessed window. */
    double pulse_frac[2];            /**< Pulse fraction [0, 1). */
    double pulse_rate[2];            /**< Pulses per frame. */
    double pulse_count[2];           /**< Pulses emitted. */
    double credit[2];                /**< Pulse credit since init, pulses. */
    /* Processing side. */
    int active[MSDK_METRO_PHASES];                     /**< Squelch state. */
    double reg[MSDK_METRO_SETS][MSDK_METRO_REG_COUNT]; /**< Registers, Wh. */
    msdk_gm_result_t cycle;                            /**< Last window. */
    msdk_gm_result_t second;                           /**< Last second. */
    /* Second being accumulated (offset- and gain-corrected, SI * frames). */
    double s_v2[MSDK_METRO_PHASES], s_i2[MSDK_METRO_PHASES]; /**< V^2, A^2 sums. */
    double s_p[MSDK_METRO_PHASES], s_q[MSDK_METRO_PHASES];   /**< W, var sums. */
    double s_in2;                                            /**< Neutral A^2 sum. */
    double s_periods;                                        /**< Sum of valid periods, frames. */
    unsigned s_nperiods;                                     /**< Valid periods. */
    unsigned s_n;                                            /**< Frames. */
    unsigned s_clip;                                         /**< Clip bits seen. */
    unsigned seconds;                                        /**< Seconds completed. */
    unsigned long long frames_integrated;                    /**< Frames of processed windows. */
} msdk_gm_t;

/** Defaults of msdk_metro_config_t (3x230 V, 5(100) A, 50 Hz, 8000 frames/s, 2000 imp). */
void msdk_gm_config_default(msdk_gm_config_t *c);

/**
 * Initialize. @p c NULL: defaults; @p cal NULL: host-AFE scale (57.22 uV, 21.46 uA per
 * code, i.e. 480 V / 180 A at 2^23 codes), no corrections.
 */
void msdk_gm_init(msdk_gm_t *g, const msdk_gm_config_t *c, const msdk_metro_calib_t *cal);

/** Feed one frame (V1 V2 V3 I1 I2 I3 In). Returns 1 when a window ended. */
int msdk_gm_sample(msdk_gm_t *g, const int32_t frame[MSDK_METRO_CH_COUNT]);

/** Process the ended window (no-op without one). */
void msdk_gm_process(msdk_gm_t *g);

/** Last processed window. */
const msdk_gm_result_t *msdk_gm_cycle(const msdk_gm_t *g);

/** Last complete second; @p seq (may be NULL) gets the number of seconds completed. */
const msdk_gm_result_t *msdk_gm_second(const msdk_gm_t *g, unsigned *seq);

/** Register @p reg of set @p set (0..2 phases, 3 total), Wh (0 for bad arguments). */
double msdk_gm_energy_wh(const msdk_gm_t *g, unsigned set, msdk_metro_reg_t reg);

/** Pulses emitted by the active (@p reactive 0) or reactive output. */
double msdk_gm_pulses(const msdk_gm_t *g, int reactive);

/** Frames of all processed windows since init. */
unsigned long long msdk_gm_frames_integrated(const msdk_gm_t *g);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TM_GOLDEN_H */
