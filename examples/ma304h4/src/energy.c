/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "energy.h"

#include <stdlib.h>
#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/port/board.h"

/* Snapshot formats (version 1): 64-bit mWh little-endian, registers in msdk_metro_reg_t
 * order; the phases' copy holds phase 1, 2, 3. */
#define TOTAL_ID     0x454Eu /* "EN" */
#define PHASES_ID    0x4550u /* "EP" */
#define FORMAT       1u
#define TOTAL_BYTES  (8u * MSDK_METRO_REG_COUNT)
#define PHASES_BYTES (TOTAL_BYTES * MSDK_METRO_PHASES)
#define MIN_GAP_MS   60000u

static void put_set(const msdk_metro_energy_t *set, uint8_t *p)
{
    for (unsigned r = 0; r < (unsigned)MSDK_METRO_REG_COUNT; r++) {
        msdk_store_u32le(&p[8u * r], (uint32_t)set[r].mwh);
        msdk_store_u32le(&p[(8u * r) + 4u], (uint32_t)(set[r].mwh >> 32));
    }
}

static void get_set(const uint8_t *p, msdk_metro_energy_t *set)
{
    for (unsigned r = 0; r < (unsigned)MSDK_METRO_REG_COUNT; r++) {
        set[r].mwh = (uint64_t)msdk_load_u32le(&p[8u * r]) |
                     ((uint64_t)msdk_load_u32le(&p[(8u * r) + 4u]) << 32);
        set[r].frac = 0u;
    }
}

/* The quantum from the board settings (Wh), or the default. */
static uint64_t quantum_mwh(void)
{
    const char *v = msdk_port_board_config("energy.quantum-wh");
    unsigned long wh = MA304H4_ENERGY_QUANTUM_WH;
    if (v != NULL) {
        char *end = NULL;
        unsigned long x = strtoul(v, &end, 10);
        if ((end != v) && (*end == '\0') && (x >= 1u) && (x <= 1000000u)) {
            wh = x;
        } else {
            msdk_port_board_log("energy: energy.quantum-wh wants 1..1000000; default kept");
        }
    }
    return (uint64_t)wh * 1000u;
}

msdk_err_t ma304h4_energy_open(ma304h4_energy_t *e, uint32_t top, msdk_metro_registers_t *reg,
                               bool *restored)
{
    memset(e, 0, sizeof *e);
    memset(reg, 0, sizeof *reg);
    *restored = false;
    e->quantum_mwh = quantum_mwh();
    e->next_ms = MA304H4_ENERGY_PERIOD_MS;
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    if (nvm == NULL) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    const uint32_t sec = nvm->geo.sector_size;
    const uint32_t need = (MA304H4_ENERGY_SECTORS + MA304H4_ENERGY_PHASE_SECTORS) * sec;
    if ((top > nvm->geo.size) || (top < need)) {
        msdk_port_board_log("energy: the data NVM is too small for the energy registers");
        return MSDK_ERR_NO_SPACE;
    }
    const msdk_evlog_snap_config_t tc = {
        nvm,   top - (MA304H4_ENERGY_SECTORS * sec), MA304H4_ENERGY_SECTORS, TOTAL_BYTES, TOTAL_ID,
        FORMAT
    };
    const msdk_evlog_snap_config_t pc = { nvm,          top - need, MA304H4_ENERGY_PHASE_SECTORS,
                                          PHASES_BYTES, PHASES_ID,  FORMAT };
    uint8_t t[TOTAL_BYTES];
    uint8_t p[PHASES_BYTES];
    uint16_t tv = 0u;
    uint16_t pv = 0u;
    msdk_err_t terr = msdk_evlog_snap_open(&e->total, &tc, t, &tv);
    msdk_err_t perr = msdk_evlog_snap_open(&e->phases, &pc, p, &pv);
    if (((terr != MSDK_OK) && (terr != MSDK_ERR_NOT_FOUND)) ||
        ((perr != MSDK_OK) && (perr != MSDK_ERR_NOT_FOUND))) {
        msdk_port_board_log("energy: NVM error: the registers start from zero, in RAM only");
        return (terr != MSDK_OK) && (terr != MSDK_ERR_NOT_FOUND) ? terr : perr;
    }
    e->stored = true;
    if ((terr == MSDK_OK) && (tv == FORMAT)) {
        get_set(t, reg->e[MSDK_METRO_SET_TOTAL]);
        *restored = true;
    }
    if ((perr == MSDK_OK) && (pv == FORMAT)) {
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            get_set(&p[k * TOTAL_BYTES], reg->e[k]);
        }
    }
    const msdk_metro_energy_t *tot = reg->e[MSDK_METRO_SET_TOTAL];
    e->saved_a_imp = tot[MSDK_METRO_REG_A_IMP].mwh;
    e->saved_a_exp = tot[MSDK_METRO_REG_A_EXP].mwh;
    return MSDK_OK;
}

/* Saves the totals, and the phases too when `phases`. */
static void save(ma304h4_energy_t *e, const msdk_metro_registers_t *reg, bool phases)
{
    uint8_t t[TOTAL_BYTES];
    put_set(reg->e[MSDK_METRO_SET_TOTAL], t);
    msdk_err_t err = msdk_evlog_snap_save(&e->total, t);
    if ((err == MSDK_OK) && phases) {
        uint8_t p[PHASES_BYTES];
        for (unsigned k = 0; k < MSDK_METRO_PHASES; k++) {
            put_set(reg->e[k], &p[k * TOTAL_BYTES]);
        }
        err = msdk_evlog_snap_save(&e->phases, p);
    }
    if (err != MSDK_OK) {
        msdk_port_board_log("energy: save failed");
        return;
    }
    const msdk_metro_energy_t *tot = reg->e[MSDK_METRO_SET_TOTAL];
    e->saved_a_imp = tot[MSDK_METRO_REG_A_IMP].mwh;
    e->saved_a_exp = tot[MSDK_METRO_REG_A_EXP].mwh;
    e->saves++;
}

void ma304h4_energy_save(ma304h4_energy_t *e, const msdk_metro_registers_t *reg)
{
    if (e->stored) {
        save(e, reg, false);
    }
}

void ma304h4_energy_poll(ma304h4_energy_t *e, const msdk_metro_registers_t *reg, uint64_t now_ms)
{
    if (!e->stored) {
        return;
    }
    const msdk_metro_energy_t *tot = reg->e[MSDK_METRO_SET_TOTAL];
    /* A copy older than the last save (ma304h4_energy_save() took a newer one) is no quantum. */
    bool quantum = ((tot[MSDK_METRO_REG_A_IMP].mwh > e->saved_a_imp) &&
                    ((tot[MSDK_METRO_REG_A_IMP].mwh - e->saved_a_imp) >= e->quantum_mwh)) ||
                   ((tot[MSDK_METRO_REG_A_EXP].mwh > e->saved_a_exp) &&
                    ((tot[MSDK_METRO_REG_A_EXP].mwh - e->saved_a_exp) >= e->quantum_mwh));
    bool due = now_ms >= e->next_ms;
    if (due || (quantum && (now_ms >= e->earliest_ms))) {
        save(e, reg, due);
        e->earliest_ms = now_ms + MIN_GAP_MS;
        if (due) {
            e->next_ms = now_ms + MA304H4_ENERGY_PERIOD_MS;
        }
    }
}

msdk_err_t ma304h4_energy_power_fail(ma304h4_energy_t *e, const msdk_metro_registers_t *reg)
{
    if (!e->stored) {
        return MSDK_ERR_STATE;
    }
    uint8_t t[TOTAL_BYTES];
    put_set(reg->e[MSDK_METRO_SET_TOTAL], t);
    return msdk_evlog_snap_save_now(&e->total, t);
}

uint32_t ma304h4_energy_damage(const ma304h4_energy_t *e)
{
    return e->stored ? (msdk_evlog_snap_damage(&e->total) + msdk_evlog_snap_damage(&e->phases))
                     : 0u;
}
