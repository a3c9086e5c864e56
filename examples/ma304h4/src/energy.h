/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The MA304H4's energy registers in non-volatile memory (libeventlog snapshots): the total
 * registers (+A, -A, the four reactive quadrants, apparent import/export: 8 x 64-bit mWh) and
 * the per-phase ones, restored at start-up.
 *
 * Save policy (I1 of EVENTS.md: restored >= last saved, <= true):
 * - on the power-fail warning: the totals, program only (the slot is erased in advance);
 * - whenever +A or -A has grown by the energy quantum since the last save (5 kWh by
 *   default; board setting `energy.quantum-wh`), at most once a minute: the totals;
 * - every 15 minutes of uptime: the totals and the phases.
 * So a cut without warning (a kill -9 of the simulator) loses at most 15 minutes or one
 * quantum of the total energy; with the warning, nothing. The phase registers may be up to
 * 15 minutes older than the totals after a cut. The fractions of a mWh are not stored.
 * Endurance (docs/nvm-format.md): totals ring of 8 sectors, phases ring of 6. */
#ifndef MA304H4_ENERGY_H
#define MA304H4_ENERGY_H

#include <stdbool.h>
#include <stdint.h>

#include "msdk/core/err.h"
#include "msdk/eventlog/snapshot.h"
#include "msdk/metrology/metrology.h"

/** Sectors of the totals' ring and of the phases' ring. */
#define MA304H4_ENERGY_SECTORS       8u
#define MA304H4_ENERGY_PHASE_SECTORS 6u
/** Periodic save. */
#define MA304H4_ENERGY_PERIOD_MS     (15u * 60u * 1000u)
/** Default energy quantum, Wh. */
#define MA304H4_ENERGY_QUANTUM_WH    5000u

/** The energy store. */
typedef struct ma304h4_energy {
    msdk_evlog_snap_t total;  /* the total set */
    msdk_evlog_snap_t phases; /* the three phase sets */
    bool stored;              /* the stores are open */
    uint64_t saved_a_imp;     /* +A and -A totals (mWh) at the last save */
    uint64_t saved_a_exp;
    uint64_t next_ms;     /* uptime of the next periodic save */
    uint64_t earliest_ms; /* no quantum save before this uptime */
    uint64_t quantum_mwh; /* energy quantum */
    uint32_t saves;       /* saves done (both stores) */
} ma304h4_energy_t;

/**
 * Opens the stores (below @p top in the data NVM) and restores the registers.
 * @param e        Store.
 * @param top      End of the NVM range the stores may use.
 * @param reg      Restored registers (zero where nothing was stored).
 * @param restored true when the totals were found.
 * @return MSDK_OK, or the error (the meter then counts from zero, in RAM only).
 */
msdk_err_t ma304h4_energy_open(ma304h4_energy_t *e, uint32_t top, msdk_metro_registers_t *reg,
                               bool *restored);

/**
 * The save policy, from the main loop.
 * @param e      Store.
 * @param reg    Current registers (a consistent copy).
 * @param now_ms Uptime.
 */
void ma304h4_energy_poll(ma304h4_energy_t *e, const msdk_metro_registers_t *reg, uint64_t now_ms);

/**
 * Saves the totals now (a billing reset: the tariff registers are saved with them).
 * @param e   Store.
 * @param reg Current registers (a consistent copy).
 */
void ma304h4_energy_save(ma304h4_energy_t *e, const msdk_metro_registers_t *reg);

/**
 * The power-fail save of the totals (program only).
 * @param e   Store.
 * @param reg Current registers.
 * @return MSDK_OK, or why nothing was saved.
 */
msdk_err_t ma304h4_energy_power_fail(ma304h4_energy_t *e, const msdk_metro_registers_t *reg);

/**
 * Damaged items the stores' opening met (msdk_evlog_snap_damage()).
 * @param e Store.
 * @return Their number, 0 when the stores are not open.
 */
uint32_t ma304h4_energy_damage(const ma304h4_energy_t *e);

#endif /* MA304H4_ENERGY_H */
