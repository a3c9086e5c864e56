/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Fixed-point metrology of a 3-phase 4-wire meter: RMS, powers, frequency, angles,
 *        4-quadrant energy registers, pulse outputs, no-load squelch and quality flags.
 *
 * Two entry points split the work:
 * - ::msdk_metro_sample is called once per AFE sample frame (from the AFE interrupt or
 *   DMA callback). It is short, integer-only and never blocks: delay lines, phase
 *   correction, quadrature, zero crossings, 64-bit accumulators and the pulse outputs.
 *   Accumulation windows are whole mains cycles, ended at positive zero crossings of the
 *   reference voltage; when it returns ::MSDK_METRO_EV_WINDOW a window is complete.
 * - ::msdk_metro_process turns completed windows into results and energy. Call it after
 *   ::MSDK_METRO_EV_WINDOW, either in the same interrupt or from the main loop; it must
 *   not be interrupted by another call on the same context except ::msdk_metro_sample.
 *   A window it has not taken yet is never lost: the sampling side keeps accumulating
 *   (the window grows) until it is taken, so integration is contiguous.
 *
 * Nothing here allocates, reads a clock or touches hardware; two meters are two
 * contexts. The algorithm is described in docs/metrology.md.
 */
#ifndef MSDK_METROLOGY_METROLOGY_H
#define MSDK_METROLOGY_METROLOGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/metrology/calib.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Lowest supported frame rate, frames per second. */
#define MSDK_METRO_FS_MIN  2000u
/** @brief Highest supported frame rate, frames per second. */
#define MSDK_METRO_FS_MAX  8000u
/** @brief Lowest mains frequency accepted as a period, Hz. */
#define MSDK_METRO_F_LO_HZ 40u
/** @brief Highest mains frequency accepted as a period, Hz. */
#define MSDK_METRO_F_HI_HZ 70u

/** @brief Voltage delay line length per phase (power of two; stored twice). */
#define MSDK_METRO_VLINE  64u
/** @brief Current delay line length per phase (power of two; stored twice). */
#define MSDK_METRO_ILINE  8u
/** @brief Fixed current delay in samples; the voltage delay moves around it. */
#define MSDK_METRO_IDELAY 5u

/** @brief Longest a window may grow while ::msdk_metro_process does not run, frames
 *         (8 s at 8000 frames/s); beyond it the frames are dropped and counted
 *         (::msdk_metro_frames_lost) so the 64-bit sums cannot overflow. */
#define MSDK_METRO_GROW_MAX 65536u

/** @brief How import and export are netted into the total registers. */
typedef enum msdk_metro_netting {
    /** Each phase's window energy goes to its own import or export register; a total
     *  register is the sum of the phase registers (a phase exporting while another
     *  imports increments both total import and total export). */
    MSDK_METRO_NET_PER_PHASE = 0,
    /** The phases' window energies are summed with sign first; the total registers see
     *  only the net (vector-sum) flow. Phase registers are unchanged. */
    MSDK_METRO_NET_VECTOR = 1
} msdk_metro_netting_t;

/** @brief What a pulse output counts. */
typedef enum msdk_metro_pulse_src {
    MSDK_METRO_PULSE_ABS = 0,    /**< Import plus export (+A + -A, or +R + -R). */
    MSDK_METRO_PULSE_IMPORT = 1, /**< Import only (+A, or +R = Q1 + Q2). */
    MSDK_METRO_PULSE_EXPORT = 2  /**< Export only (-A, or -R = Q3 + Q4). */
} msdk_metro_pulse_src_t;

/**
 * @brief Configuration. A zeroed struct gets the defaults noted on each field from
 *        ::msdk_metro_init (3x230/400 V, 5(100) A, 50 Hz, 8000 frames/s, 2000 imp/kWh).
 */
typedef struct msdk_metro_config {
    uint32_t fs_hz;         /**< Frame rate, ::MSDK_METRO_FS_MIN..::MSDK_METRO_FS_MAX (8000). */
    uint32_t f_nom_hz;      /**< Nominal frequency, 50 or 60 (50). */
    uint32_t u_nom_mv;      /**< Nominal phase voltage, mV, 57700..240000 (230000). */
    uint32_t i_ref_ma;      /**< Reference current, mA (5000). */
    uint32_t i_max_ma;      /**< Maximum current, mA (100000). */
    uint32_t i_start_ma;    /**< Starting current, mA (20). */
    uint32_t imp_per_kwh;   /**< Active pulse constant, imp/kWh, 1..100000 (2000). */
    uint32_t imp_per_kvarh; /**< Reactive pulse constant, imp/kvarh (2000). */
    uint32_t pulse_ms;      /**< Pulse width, ms; shortened to half the pulse period
                                 when pulses come faster (10). */
    msdk_metro_pulse_src_t pulse_p_src; /**< Active LED source (ABS). */
    msdk_metro_pulse_src_t pulse_q_src; /**< Reactive LED source (ABS). */
    msdk_metro_netting_t netting;       /**< Total-register netting (PER_PHASE). */
    /** Squelch: a phase's power counts when above this, in mW (0: 35 % of the power at
     *  the starting current and nominal voltage, 1610 mW by default) ... */
    uint32_t squelch_on_mw;
    /** ... and stops counting below this (0: 70 % of squelch_on_mw). */
    uint32_t squelch_off_mw;
    uint32_t missing_pct; /**< Voltage missing below this % of nominal (50). */
    uint32_t sag_pct;     /**< Sag (undervoltage) below this % of nominal (90). */
    uint32_t swell_pct;   /**< Swell (overvoltage) above this % of nominal (110). */
    uint32_t sag_ms;      /**< Sag/swell/missing must last this long, ms (40). */
    uint32_t over_pct;    /**< Over-current above this % of i_max_ma (100). */
    uint32_t over_ms;     /**< Over-current must last this long, ms (1000). */
    /** Neutral mismatch when |In - |I1+I2+I3|| exceeds this, mA (0: 10 % of i_ref, min
     *  500 mA) ... */
    uint32_t neutral_ma;
    /** ... and also this % of the largest phase current (0: 10). */
    uint32_t neutral_pct;
    /** 1: reactive power and energy of the fundamental only (IEC 62053-24): the voltage and
     *  its quadrature pass a 5-section low-pass whose exact response at the measured
     *  frequency is divided out per window; 0 (default): quarter-period delay on the whole
     *  signal (no extra per-frame work). */
    uint32_t reactive_fundamental;
} msdk_metro_config_t;

/** @name Event flags returned by ::msdk_metro_sample
 *  @{ */
#define MSDK_METRO_EV_WINDOW      (1u << 0) /**< A window is complete; call ::msdk_metro_process. */
#define MSDK_METRO_EV_PULSE_P_ON  (1u << 1) /**< Turn the active LED on. */
#define MSDK_METRO_EV_PULSE_P_OFF (1u << 2) /**< Turn the active LED off. */
#define MSDK_METRO_EV_PULSE_Q_ON  (1u << 3) /**< Turn the reactive LED on. */
#define MSDK_METRO_EV_PULSE_Q_OFF (1u << 4) /**< Turn the reactive LED off. */
/** @} */

/** @name Quality flags of a phase (::msdk_metro_phase_result_t::flags)
 *  @{ */
#define MSDK_METRO_PF_MISSING  (1u << 0) /**< Voltage below missing_pct (for sag_ms). */
#define MSDK_METRO_PF_SAG      (1u << 1) /**< Voltage below sag_pct (for sag_ms). */
#define MSDK_METRO_PF_SWELL    (1u << 2) /**< Voltage above swell_pct (for sag_ms). */
#define MSDK_METRO_PF_OVERCURR (1u << 3) /**< Current above over_pct (for over_ms). */
#define MSDK_METRO_PF_REVERSED                                                                     \
    (1u << 4) /**< Active power flows out (export) above the squelch.                              \
               */
#define MSDK_METRO_PF_WRONG_PHASE                                                                  \
    (1u << 5)                           /**< Current 90..150 or 210..270 degrees                   \
                                             from its voltage above the squelch: the               \
                                             sensor is on another phase's conductor. */
#define MSDK_METRO_PF_ACTIVE  (1u << 6) /**< Above the squelch: energy is counted. */
#define MSDK_METRO_PF_CLIPPED (1u << 7) /**< A sample of the window hit full scale. */
/** @} */

/** @name Meter-wide flags (::msdk_metro_result_t::flags)
 *  @{ */
#define MSDK_METRO_MF_NO_FREQ (1u << 0) /**< No valid period: windows end on time. */
#define MSDK_METRO_MF_SEQ_REV (1u << 1) /**< Phase sequence L1-L3-L2 (reversed). */
#define MSDK_METRO_MF_NEUTRAL                                                                      \
    (1u << 2) /**< Neutral current disagrees with the phase                                        \
                   currents' vector sum (tamper/fault). */
#define MSDK_METRO_MF_OVERRUN                                                                      \
    (1u << 3) /**< A window waited for ::msdk_metro_process                                        \
                   longer than its own length. */
/** @} */

/** @brief Quadrant of a phase or of the total, IEC 62053-23 (0: no power). */
typedef enum msdk_metro_quadrant {
    MSDK_METRO_Q_NONE = 0, /**< Below the squelch. */
    MSDK_METRO_Q1 = 1,     /**< Import, inductive (P >= 0, Q >= 0). */
    MSDK_METRO_Q2 = 2,     /**< Export, capacitive (P < 0, Q >= 0). */
    MSDK_METRO_Q3 = 3,     /**< Export, inductive (P < 0, Q < 0). */
    MSDK_METRO_Q4 = 4      /**< Import, capacitive (P >= 0, Q < 0). */
} msdk_metro_quadrant_t;

/** @brief Phase sequence. */
typedef enum msdk_metro_seq {
    MSDK_METRO_SEQ_UNKNOWN = 0, /**< Fewer than two voltages present. */
    MSDK_METRO_SEQ_OK = 1,      /**< L1-L2-L3. */
    MSDK_METRO_SEQ_REVERSED = 2 /**< L1-L3-L2. */
} msdk_metro_seq_t;

/** @brief Results of one phase. */
typedef struct msdk_metro_phase_result {
    uint32_t v_uv;  /**< Voltage RMS, uV. */
    uint32_t i_ua;  /**< Current RMS, uA. */
    int64_t p_uw;   /**< Active power, uW (negative: export). */
    int64_t q_uvar; /**< Reactive power, uvar (negative: capacitive import or
                         inductive export, per quadrant). */
    int64_t s_uva;  /**< Apparent power, uVA (>= 0). */
    int32_t pf_u;   /**< Power factor P/S in millionths, sign of P (0 below squelch). */
    msdk_metro_quadrant_t quadrant; /**< Quadrant (NONE below squelch). */
    uint32_t vi_angle_mdeg;         /**< Current lag behind its voltage, 0..359999 mdeg. */
    uint32_t v_angle_mdeg;          /**< Voltage angle behind L1 voltage, 0..359999 mdeg
                                         (120000 on L2 in normal sequence). */
    uint32_t flags;                 /**< MSDK_METRO_PF_* */
} msdk_metro_phase_result_t;

/** @brief Results of a window (one mains cycle) or of one second. */
typedef struct msdk_metro_result {
    msdk_metro_phase_result_t ph[MSDK_METRO_PHASES]; /**< L1..L3. */
    uint32_t in_ua;                                  /**< Neutral current RMS, uA. */
    int64_t p_uw;                                    /**< Total active power (sum of phases). */
    int64_t q_uvar;                                  /**< Total reactive power. */
    int64_t s_uva;                  /**< Total apparent power (arithmetic sum of phases). */
    int32_t pf_u;                   /**< Total power factor P/S, millionths. */
    msdk_metro_quadrant_t quadrant; /**< Quadrant of the totals. */
    uint32_t freq_uhz;              /**< Frequency, uHz (0 when ::MSDK_METRO_MF_NO_FREQ). */
    msdk_metro_seq_t seq;           /**< Phase sequence. */
    uint32_t flags;                 /**< MSDK_METRO_MF_* */
    uint32_t samples;               /**< Frames in the window or second. */
} msdk_metro_result_t;

/** @brief Energy registers of one phase or of the total (index into ::msdk_metro_energy). */
typedef enum msdk_metro_reg {
    MSDK_METRO_REG_A_IMP = 0, /**< +A, active import. */
    MSDK_METRO_REG_A_EXP = 1, /**< -A, active export. */
    MSDK_METRO_REG_R_Q1 = 2,  /**< Reactive in quadrant 1. */
    MSDK_METRO_REG_R_Q2 = 3,  /**< Reactive in quadrant 2. */
    MSDK_METRO_REG_R_Q3 = 4,  /**< Reactive in quadrant 3. */
    MSDK_METRO_REG_R_Q4 = 5,  /**< Reactive in quadrant 4. */
    MSDK_METRO_REG_S_IMP = 6, /**< Apparent, while importing. */
    MSDK_METRO_REG_S_EXP = 7, /**< Apparent, while exporting. */
    MSDK_METRO_REG_COUNT = 8  /**< Registers per set. +R = Q1 + Q2, -R = Q3 + Q4. */
} msdk_metro_reg_t;

/** @brief Register sets: phases 0..2 and the total. */
#define MSDK_METRO_SET_TOTAL 3u
/** @brief Number of register sets. */
#define MSDK_METRO_SETS      4u

/**
 * @brief One energy register: whole mWh plus the carried fraction.
 *
 * The fraction (2^-32 mWh) is carried from window to window, so rounding loses no
 * energy over any duration. 64 bits of mWh hold 10^13 kWh.
 */
typedef struct msdk_metro_energy {
    uint64_t mwh;  /**< Whole mWh. */
    uint32_t frac; /**< Fraction of a mWh, 2^-32 units. */
} msdk_metro_energy_t;

/** @brief Registers the application persists and restores. */
typedef struct msdk_metro_registers {
    msdk_metro_energy_t e[MSDK_METRO_SETS][MSDK_METRO_REG_COUNT]; /**< [set][reg]. */
} msdk_metro_registers_t;

/** @private One window's sums as handed to the processing side (a snapshot of the live
 *  sums taken by the sampling side when the window ends). */
typedef struct msdk_metro_acc {
    int64_t v2[MSDK_METRO_PHASES];        /**< Sum of v^2 (phase-corrected voltage). */
    int64_t i2[MSDK_METRO_PHASES];        /**< Sum of i^2 (delayed current). */
    int64_t p[MSDK_METRO_PHASES];         /**< Sum of v.i. */
    int64_t q[MSDK_METRO_PHASES];         /**< Sum of v90.i. */
    int64_t pf[MSDK_METRO_PHASES];        /**< Sum of low-passed v . i (fundamental mode, Q6). */
    int64_t qf[MSDK_METRO_PHASES];        /**< Sum of low-passed v90 . i (fundamental mode, Q6). */
    int64_t sv[MSDK_METRO_PHASES];        /**< Sum of v. */
    int64_t si[MSDK_METRO_PHASES];        /**< Sum of i. */
    int64_t in2;                          /**< Sum of in^2. */
    int64_t sin;                          /**< Sum of in. */
    uint32_t n;                           /**< Frames in the window. */
    uint32_t period_q16;                  /**< Reference period closing the window, 1/65536
                                               samples (0: ended on time). */
    uint32_t xing_q16[MSDK_METRO_PHASES]; /**< Last positive crossing of each voltage,
                                               1/65536-sample time stamps. */
    uint32_t xing_seen;                   /**< Bit per phase: a crossing stamp is fresh. */
    uint32_t clip;                        /**< Bit per channel: full scale was hit. */
    uint32_t pulse_p_count;               /**< Active pulses at the window end. */
    uint32_t pulse_p_frac;                /**< Active pulse fraction at the window end. */
    uint32_t pulse_q_count;               /**< Reactive pulses at the window end. */
    uint32_t pulse_q_frac;                /**< Reactive pulse fraction at the window end. */
    uint32_t grown;                       /**< Windows merged into this one while waiting. */
} msdk_metro_acc_t;

/** @private Per-phase sampling state: the live window's sums first, then the filters and
 *  the delay lines, so that one base register reaches all of it. */
typedef struct msdk_metro_lane {
    int64_t v2;        /**< Live sum of v^2. */
    int64_t i2;        /**< Live sum of i^2. */
    int64_t p;         /**< Live sum of v.i. */
    int64_t q;         /**< Live sum of v90.i. */
    int32_t sv;        /**< Live sum of v since the last fold. */
    int32_t si;        /**< Live sum of i since the last fold. */
    int32_t ap_x1;     /**< All-pass input, previous sample. */
    int32_t ap_y1;     /**< All-pass output, previous sample. */
    int32_t ap_a_q32;  /**< All-pass coefficient of the fractional voltage delay, Q32. */
    uint32_t armed;    /**< The voltage went below -hysteresis since its last crossing. */
    uint32_t vtap;     /**< Integer voltage delay after the all-pass, samples. */
    uint32_t qtap;     /**< Integer delay of the quadrature's first tap, samples. */
    int32_t qfrac_q31; /**< Quadrature interpolation fraction toward qtap + 1, Q31. */
    int32_t zc_prev;   /**< Voltage before the crossing found in this frame. */
    int32_t zc_cur;    /**< Voltage after it. */
    uint32_t pad;      /**< Keeps the 64-bit fields below aligned. */
    int64_t sv_fold;   /**< Sum of v folded while the window grows. */
    int64_t si_fold;   /**< Sum of i folded while the window grows. */
    int64_t pf;        /**< Fundamental mode: live sum of low-passed v . i, Q6. */
    int64_t qf;        /**< Fundamental mode: live sum of low-passed v90 . i, Q6. */
    int32_t lp_v[5];   /**< Fundamental mode: low-pass sections of v, Q6. */
    int32_t lp_q[5];   /**< Fundamental mode: low-pass sections of v90, Q6. */
    int32_t vline[2u * MSDK_METRO_VLINE]; /**< Corrected voltage, newest first, twice. */
    int32_t iline[2u * MSDK_METRO_ILINE]; /**< Current, newest first, twice. */
} msdk_metro_lane_t;

/** @private Pulse output state. */
typedef struct msdk_metro_pulse {
    uint32_t frac;   /**< Accumulated fraction of a pulse, 2^-32 units. */
    uint32_t rate;   /**< Fraction added per frame. */
    uint32_t count;  /**< Pulses emitted since init. */
    uint32_t width;  /**< Frames per pulse (after the half-period rule). */
    uint32_t off_at; /**< Frame number at which the lit LED goes off. */
    uint32_t lit;    /**< 1 while the LED is on. */
} msdk_metro_pulse_t;

/** @private Per-phase processing state. */
typedef struct msdk_metro_pstate {
    bool active;        /**< Squelch state. */
    uint32_t sag_ms;    /**< Time below the sag level. */
    uint32_t swell_ms;  /**< Time above the swell level. */
    uint32_t miss_ms;   /**< Time below the missing level. */
    uint32_t over_ms;   /**< Time above the over-current level. */
    uint32_t flags;     /**< Sticky-duration flags. */
    uint64_t res[3][2]; /**< Residues of the energy conversion (below 2^-32 mWh) of
                             P, Q, S as 128-bit {lo, hi}. */
    uint32_t pf_prev;   /**< Flags of the previous window (for durations). */
} msdk_metro_pstate_t;

/** @private One-second accumulation of window sums. */
typedef struct msdk_metro_sec {
    int64_t v2[MSDK_METRO_PHASES]; /**< Offset-corrected sums. */
    int64_t i2[MSDK_METRO_PHASES];
    int64_t p[MSDK_METRO_PHASES];
    int64_t q[MSDK_METRO_PHASES];
    int64_t in2;
    int64_t sv[MSDK_METRO_CH_COUNT];       /**< Raw sums, for offset calibration. */
    uint64_t periods_q16;                  /**< Sum of valid periods. */
    uint32_t nperiods;                     /**< Valid periods. */
    uint32_t n;                            /**< Frames. */
    uint32_t flags_or;                     /**< Meter flags seen. */
    uint32_t pflags_or[MSDK_METRO_PHASES]; /**< Phase flags seen. */
} msdk_metro_sec_t;

/**
 * @brief A metrology instance. Caller-allocated; all fields are private.
 */
typedef struct msdk_metro {
    /* Sampling side (written by msdk_metro_sample); the fields every frame touches first,
     * within reach of short offsets. */
    int64_t in2;                 /**< @private Live sum of in^2. */
    int32_t sin;                 /**< @private Live sum of in since the last fold. */
    uint32_t frame;              /**< @private Frames since init (wraps). */
    msdk_metro_pulse_t pulse[2]; /**< @private Active, reactive. */
    uint32_t clip;               /**< @private Bit per channel: full scale was hit. */
    int32_t zc_neg_hyst;         /**< @private Minus the zero-crossing hysteresis, codes. */
    uint32_t win_end;            /**< @private Frame at which the window ends on time. */
    uint32_t led_next;           /**< @private Frame of the next LED-off check. */
    uint32_t fund_shift;         /**< @private Fundamental mode: low-pass k = 2^-shift (0: off). */
    uint32_t pad;                /**< @private Keeps lane[] 8-byte aligned. */
    msdk_metro_lane_t lane[MSDK_METRO_PHASES]; /**< @private */
    int64_t sin_fold;                     /**< @private Sum of in folded while the window grows. */
    uint32_t win_start;                   /**< @private Frame that ended the last window or fold. */
    uint32_t n_prev;                      /**< @private Frames folded into the live window. */
    uint32_t grown;                       /**< @private Windows merged into the live one. */
    uint32_t xing_q16[MSDK_METRO_PHASES]; /**< @private Live crossing stamps. */
    uint32_t xing_seen;                   /**< @private Bit per phase: a live stamp is fresh. */
    uint32_t xing_valid;                  /**< @private xing_last_q16 holds a crossing. */
    uint32_t win_limit;                   /**< @private Window ends on time at this length. */
    uint32_t win_max;                     /**< @private Longest period accepted. */
    uint32_t win_nom;                     /**< @private Window length on time fallback. */
    uint32_t ref;                         /**< @private Reference phase 0..2. */
    uint32_t xing_last_q16;               /**< @private Last reference crossing stamp. */
    msdk_metro_acc_t out;                 /**< @private Window handed to the processing side. */
    volatile uint32_t handoff;            /**< @private 1 while out awaits processing. */
    /* Processing side. */
    msdk_metro_config_t cfg;                   /**< @private Effective configuration. */
    msdk_metro_calib_t cal;                    /**< @private Calibration in use. */
    msdk_metro_registers_t reg;                /**< @private Energy registers. */
    msdk_metro_pstate_t ps[MSDK_METRO_PHASES]; /**< @private */
    uint64_t res_tot[3][2];                    /**< @private Total residues (vector netting). */
    uint64_t e_mant[MSDK_METRO_PHASES];  /**< @private Energy per code^2 and frame, mantissa. */
    uint32_t e_shift[MSDK_METRO_PHASES]; /**< @private ... and shift. */
    uint32_t period_q16;                 /**< @private Period the quadrature taps were set from. */
    uint32_t neutral_ms;                 /**< @private Time the neutral mismatch has lasted. */
    uint32_t cycle_prev_angle[MSDK_METRO_PHASES]; /**< @private Last voltage angles. */
    uint64_t credit[2];                     /**< @private Pulse credit, 2^-32 pulses (mod 2^64). */
    uint32_t credit_rem[2];                 /**< @private Remainder of the credit conversion. */
    msdk_metro_result_t cycle;              /**< @private Last window's results. */
    msdk_metro_result_t second;             /**< @private Last second's results. */
    msdk_metro_sec_t sec;                   /**< @private Second being accumulated. */
    int64_t mean_code[MSDK_METRO_CH_COUNT]; /**< @private Last second's raw means, Q8. */
    uint32_t windows;                       /**< @private Windows processed. */
    uint32_t seconds;                       /**< @private Seconds completed. */
    uint32_t frames_lost;                   /**< @private Frames dropped after an 8 s stall. */
    uint64_t samples_done;                  /**< @private Frames integrated into the registers. */
    bool neutral_bad;                       /**< @private Neutral mismatch state. */
} msdk_metro_t;

/**
 * @brief Initialize an instance.
 * @param[out] m   Instance (fully overwritten).
 * @param[in]  cfg Configuration (NULL or zero fields: defaults).
 * @param[in]  cal Calibration (NULL: nominal host-AFE scale, no corrections).
 * @param[in]  reg Registers to continue from (NULL: zero).
 * @retval MSDK_OK              Ready; feed frames.
 * @retval MSDK_ERR_INVALID_ARG NULL @p m, a configuration field out of range or an
 *                              invalid calibration.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_init(msdk_metro_t *m, const msdk_metro_config_t *cfg,
                                          const msdk_metro_calib_t *cal,
                                          const msdk_metro_registers_t *reg);

/**
 * @brief Feed one sample frame (V1 V2 V3 I1 I2 I3 In as signed 24-bit codes).
 *
 * Values outside 24 bits are clamped to full scale; a current code on a rail flags its
 * phase clipped for the window (::MSDK_METRO_PF_CLIPPED). Interrupt-safe against
 * ::msdk_metro_process as described for the contexts in docs/metrology.md. Cost: at most
 * 250 instructions on a Cortex-M4, 1400 on a Cortex-M0+ (docs/performance.md).
 * @param[in,out] m     Instance.
 * @param[in]     frame Seven codes, order of ::msdk_metro_ch_t.
 * @return MSDK_METRO_EV_* flags.
 */
uint32_t msdk_metro_sample(msdk_metro_t *m, const int32_t frame[MSDK_METRO_CH_COUNT]);

/**
 * @brief Process the completed window, if any: results, registers, pulse rates, flags.
 * @param[in,out] m Instance.
 * @return true when a window was processed (results and registers updated).
 */
bool msdk_metro_process(msdk_metro_t *m);

/**
 * @brief Apply a new calibration from the next window on (registers keep counting).
 * @param[in,out] m   Instance.
 * @param[in]     cal Calibration.
 * @retval MSDK_OK              Applied.
 * @retval MSDK_ERR_INVALID_ARG NULL or invalid block; nothing changed.
 */
MSDK_NODISCARD msdk_err_t msdk_metro_calib_apply(msdk_metro_t *m, const msdk_metro_calib_t *cal);

/**
 * @brief Results of the last processed window.
 * @param[in] m Instance.
 * @return Pointer into @p m, valid until the next ::msdk_metro_process.
 */
const msdk_metro_result_t *msdk_metro_cycle(const msdk_metro_t *m);

/**
 * @brief Results of the last complete second (whole windows adding up to one second).
 * @param[in]  m   Instance.
 * @param[out] seq Number of seconds completed so far (changes when a new one is ready);
 *                 may be NULL.
 * @return Pointer into @p m.
 */
const msdk_metro_result_t *msdk_metro_second(const msdk_metro_t *m, uint32_t *seq);

/**
 * @brief Mean raw code of a channel over the last second, in 1/256 codes (for the
 *        offset calibration step).
 * @param[in] m  Instance.
 * @param[in] ch Channel.
 * @return Mean in 1/256 codes (0 for a bad channel).
 */
int64_t msdk_metro_mean_code_q8(const msdk_metro_t *m, msdk_metro_ch_t ch);

/**
 * @brief Energy registers (copy them for persisting).
 * @param[in] m Instance.
 * @return Pointer into @p m.
 */
const msdk_metro_registers_t *msdk_metro_registers(const msdk_metro_t *m);

/**
 * @brief One register in whole mWh.
 * @param[in] m   Instance.
 * @param[in] set 0..2 for L1..L3, ::MSDK_METRO_SET_TOTAL for the total.
 * @param[in] reg Register.
 * @return mWh (0 for bad arguments).
 */
uint64_t msdk_metro_energy_mwh(const msdk_metro_t *m, uint32_t set, msdk_metro_reg_t reg);

/**
 * @brief Pulses emitted by an output since ::msdk_metro_init.
 * @param[in] m        Instance.
 * @param[in] reactive false: active LED, true: reactive LED.
 * @return Pulse count.
 */
uint32_t msdk_metro_pulses(const msdk_metro_t *m, bool reactive);

/**
 * @brief Frames integrated into the registers since ::msdk_metro_init (all windows
 *        processed so far, contiguous from the first frame).
 * @param[in] m Instance.
 * @return Frame count.
 */
uint64_t msdk_metro_frames_integrated(const msdk_metro_t *m);

/**
 * @brief Frames dropped because ::msdk_metro_process did not run for longer than
 *        ::MSDK_METRO_GROW_MAX frames (0 in a working meter).
 * @param[in] m Instance.
 * @return Frame count.
 */
uint32_t msdk_metro_frames_lost(const msdk_metro_t *m);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_METROLOGY_METROLOGY_H */
