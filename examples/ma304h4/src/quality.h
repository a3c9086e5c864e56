/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Power quality supervision of the MA304H4, from the per-second metrology results
 * (msdk_metro_second()). Sans-IO: no port call, no heap; the time base is the metrology's
 * count of completed seconds, passed in with each result; events go out through a callback
 * (the application records them in its event logs, meter_events.h).
 *
 * Voltage events, per phase (EN 50160 / IDIS style), with the defaults of
 * ma304h4_quality_defaults (Un = 230 V):
 * - missing voltage: below 50 % Un (115 V) for 60 s;
 * - undervoltage: below 90 % Un (207 V) for 60 s (missing voltage counts as below 90 %; when
 *   both reach their time in the same second, missing voltage alone is recorded, so a phase
 *   going from 230 V to 0 V gives missing voltage only);
 * - overvoltage: above 110 % Un (253 V) for 60 s;
 * - voltage normal: after any of them, back inside 91..109 % Un (209.3..250.7 V: the limits
 *   moved inwards by the 1 % hysteresis) for 60 s.
 * A threshold is strict (207.0 V is not undervoltage, 253.0 V not overvoltage); the time
 * counts consecutive seconds in the condition, the second that completes it included (the
 * 60th second gives the event, 59 do not). Each phase has one reported state: normal,
 * undervoltage, overvoltage or missing; an event is recorded when the state changes, once.
 * While a phase is reported undervoltage or missing, "below 90 %" means below 91 %, while
 * reported missing "below 50 %" means below 51 %, while reported overvoltage "above 110 %"
 * means above 109 %: a voltage sitting on a threshold stays in its state. From missing the
 * phase goes to undervoltage when it has been at or above 51 % but below 91 % for 60 s, and from
 * undervoltage to missing when below 50 % for 60 s.
 *
 * Phase sequence reversal (standard log, code 88): with the three voltages at or above the
 * missing level, L2 240 deg and L3 120 deg behind L1 (+-30 deg) for 10 s: one event. The next
 * one only after the sequence has been correct again (L2 120, L3 240 deg behind L1, +-30 deg)
 * for 10 s.
 *
 * Missing neutral (standard log, code 89): with a floating neutral the meter's phase voltages
 * are a balanced source star shifted by one common vector d: Vk = Ek - d. As the source's
 * phasors sum to 0, d = -(V1 + V2 + V3) / 3 and the source is given back as Ek = Vk + d =
 * Vk - (V1 + V2 + V3) / 3. A missing neutral is when, for 10 s: the three voltages are at or
 * above the missing level, |V1 + V2 + V3| is above 20 % Un (46 V), and every |Ek| is inside
 * the normal band, 90..110 % Un (207..253 V, the limits of under- and overvoltage, included):
 * one event. Cleared (no event) after 10 s with |V1 + V2 + V3| below 10 % Un (23 V). A sag or
 * swell of one phase, or of two phases by the same amount, gives back an Ek outside the band
 * and is not a missing neutral (it is under- or overvoltage, on its own time): on a balanced
 * 230 V supply, one phase moved by x along its own direction moves the sum by x and its Ek by
 * 2 x / 3, so a sum above 46 V puts that Ek more than 30.7 V from 230 V, outside the band; one
 * phase at 160 V and two at 230 V sum to 70 V but give back L1 at 183.3 V. What is checked is
 * the magnitudes of the Ek, and an unbalanced source comes back less its own mean (the part of
 * it that looks like a shift): a supply that a floating neutral on such a source would give is
 * a missing neutral when those magnitudes are inside the band (L1 260 V, L2 200 V, L3 230 V
 * gives back about 245.2, 215.2 and 230.7 V, sum 52 V; a source of 230, 230 and 200 V comes
 * back as 230, 230 and 210 V). The phasors are computed in integers from the RMS values and
 * the angles behind L1 (as ma304h4_quality_phasor_sum_mv()), the |Ek| to within a few tens of
 * mV.
 *
 * The power quality profile values: per phase, over the period since the last
 * ma304h4_quality_take(), the average, minimum and maximum of the per-second RMS voltages
 * and the average of the per-second RMS currents, in the units of the meter's registers
 * over DLMS (scaler -3: mV and mA, dlms.c). Each second passed in counts once. A period
 * without any second (no metrology results: AFE stopped, or a period shorter than a second
 * after a start) gives zeros and ma304h4_quality_take() answers false: the caller stores the
 * row with DATA_NOT_VALID (profiles.c returns an error to the capture engine, which does).
 *
 * No floating point: the firmware builds for cores without an FPU as well; the phasor sum
 * uses a sine table and 64-bit integers. */
#ifndef MA304H4_QUALITY_H
#define MA304H4_QUALITY_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/eventlog/events.h"
#include "msdk/metrology/metrology.h"

/** Values of the power quality profile: 4 per phase, L1 first. */
#define MA304H4_QUALITY_VALUES 12u

/** The values of one phase: value k of phase p (0..2) is at index 4 p + k. */
typedef enum ma304h4_quality_value {
    MA304H4_QUALITY_V_AVG = 0, /* average voltage, mV */
    MA304H4_QUALITY_V_MIN = 1, /* minimum voltage, mV */
    MA304H4_QUALITY_V_MAX = 2, /* maximum voltage, mV */
    MA304H4_QUALITY_I_AVG = 3  /* average current, mA */
} ma304h4_quality_value_t;

/** Thresholds and times. A percentage is of u_nom_mv; times are metrology seconds. */
typedef struct ma304h4_quality_config {
    uint32_t u_nom_mv;        /* Un, nominal phase voltage, mV (230000) */
    uint32_t missing_pct;     /* missing voltage below this (50: 115 V) */
    uint32_t under_pct;       /* undervoltage below this (90: 207 V) */
    uint32_t over_pct;        /* overvoltage above this (110: 253 V) */
    uint32_t hyst_pct;        /* hysteresis of the three limits, inwards (1: 2.3 V) */
    uint32_t voltage_s;       /* time of every voltage event, also voltage normal (60) */
    uint32_t seq_tol_mdeg;    /* tolerance of the phase angles, mdeg (30000) */
    uint32_t seq_s;           /* time of the phase sequence reversal and of its end (10) */
    uint32_t neutral_on_pct;  /* missing neutral when |V1 + V2 + V3| is above this (20), the
                                 source given back within under_pct..over_pct */
    uint32_t neutral_off_pct; /* ... cleared below this (10) */
    uint32_t neutral_s;       /* time of the missing neutral and of its end (10) */
} ma304h4_quality_config_t;

/** The defaults above. */
extern const ma304h4_quality_config_t ma304h4_quality_defaults;

/** Where the events go: kind MSDK_EVK_UNDERVOLTAGE, _OVERVOLTAGE, _MISSING_VOLTAGE,
 *  _VOLTAGE_NORMAL with phase 1..3, MSDK_EVK_PHASE_SEQUENCE_REVERSAL, _MISSING_NEUTRAL with
 *  phase 0. */
typedef void (*ma304h4_quality_event_fn)(void *ctx, msdk_evlog_kind_t kind, uint8_t phase);

/** A phase's voltage state. */
typedef enum ma304h4_quality_state {
    MA304H4_QUALITY_NORMAL = 0,
    MA304H4_QUALITY_UNDER = 1,
    MA304H4_QUALITY_OVER = 2,
    MA304H4_QUALITY_MISSING = 3
} ma304h4_quality_state_t;

/** One phase's supervision. */
typedef struct ma304h4_quality_phase {
    uint8_t reported; /* ma304h4_quality_state_t: the last event's */
    uint8_t zone;     /* ma304h4_quality_state_t: where the last second was */
    uint32_t zone_s;  /* consecutive seconds in that zone */
    uint32_t low_s;   /* consecutive seconds below the undervoltage limit (missing too) */
} ma304h4_quality_phase_t;

/** The profile period being accumulated. */
typedef struct ma304h4_quality_period {
    uint32_t n;                           /* seconds */
    uint64_t v_sum_uv[MSDK_METRO_PHASES]; /* sum of the per-second RMS voltages */
    uint32_t v_min_uv[MSDK_METRO_PHASES]; /* lowest */
    uint32_t v_max_uv[MSDK_METRO_PHASES]; /* highest */
    uint64_t i_sum_ua[MSDK_METRO_PHASES]; /* sum of the per-second RMS currents */
} ma304h4_quality_period_t;

/** The supervision's state (caller-owned). */
typedef struct ma304h4_quality {
    const ma304h4_quality_config_t *cfg;
    ma304h4_quality_event_fn event;
    void *ctx;
    bool started; /* a second was seen */
    uint32_t seq; /* the metrology second last seen */
    ma304h4_quality_phase_t ph[MSDK_METRO_PHASES];
    bool seq_reported;      /* phase sequence reversal recorded, not ended yet */
    uint32_t seq_rev_s;     /* consecutive seconds in reversed sequence */
    uint32_t seq_ok_s;      /* consecutive seconds in correct sequence */
    bool neutral_reported;  /* missing neutral recorded, not cleared yet */
    uint32_t neutral_on_s;  /* consecutive seconds above neutral_on_pct */
    uint32_t neutral_off_s; /* consecutive seconds below neutral_off_pct */
    ma304h4_quality_period_t period;
} ma304h4_quality_t;

/**
 * Starts the supervision: every phase normal, sequence correct, neutral present, an empty
 * profile period.
 * @param q     State.
 * @param cfg   Thresholds (kept by pointer: static storage), NULL for the defaults.
 * @param event Where the events go (NULL: nowhere).
 * @param ctx   Passed to @p event.
 */
void ma304h4_quality_init(ma304h4_quality_t *q, const ma304h4_quality_config_t *cfg,
                          ma304h4_quality_event_fn event, void *ctx);

/**
 * One metrology second: updates the states, reports the events, adds the second to the
 * profile period. Called from the main loop as often as wanted: a result whose @p seq is 0
 * (no second yet) or the same as the last one is ignored. When seconds were missed (@p seq
 * jumped), a state that goes on counts them all; a new state starts with this second.
 * @param q   State.
 * @param r   The second's results.
 * @param seq Seconds the metrology has completed (msdk_metro_second()).
 */
void ma304h4_quality_second(ma304h4_quality_t *q, const msdk_metro_result_t *r, uint32_t seq);

/**
 * The profile values of the period now ending (ma304h4_quality_value_t; averages and
 * extremes truncated to whole mV and mA, as the registers show them), and a new period
 * starts.
 * @param q      State.
 * @param values The MA304H4_QUALITY_VALUES values; all 0 when the period had no second.
 * @return true; false when the period had no second (the values are not valid: the profile
 *         row gets DATA_NOT_VALID).
 */
bool ma304h4_quality_take(ma304h4_quality_t *q, int64_t values[MA304H4_QUALITY_VALUES]);

/**
 * |V1 + V2 + V3| of a result, from the RMS voltages and their angles behind L1 (integer
 * arithmetic, sine table of 1 deg steps with linear interpolation: within 0.01 % of
 * V1 + V2 + V3 plus 4 mV).
 * @param r Results.
 * @return The magnitude of the phasor sum, mV.
 */
uint32_t ma304h4_quality_phasor_sum_mv(const msdk_metro_result_t *r);

#endif /* MA304H4_QUALITY_H */
