/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Facts of the MPS2+ AN386 reference board port that a firmware or a
 *        test may rely on (memory map of the emulated devices, AFE scaling).
 *
 * Everything else of the board is reached through the porting interfaces in
 * msdk/port/. See ports/mps2-an386/README.md for the whole picture.
 */
#ifndef MSDK_BOARD_MPS2_AN386_H
#define MSDK_BOARD_MPS2_AN386_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Core, APB and SysTick clock of the board (and of QEMU's model), in Hz. */
#define MSDK_MPS2_SYSCLK_HZ 25000000u

/**
 * @name Emulated NVM (MSDK_BOARD_NVM_DATA)
 * 2 MiB of PSRAM (a 16 Mbit serial NOR flash) with NOR-flash semantics: erase to 0xFF per 4 KiB
 * sector, program ANDs within a 256 B page. Filled with 0xFF at a cold start; keeps its content
 * across processor resets (watchdog, msdk_port_system_reset()), not across a restart of QEMU.
 * @{
 */
#define MSDK_MPS2_NVM_BASE        0x21000000u
#define MSDK_MPS2_NVM_SIZE        0x00200000u
#define MSDK_MPS2_NVM_SECTOR_SIZE 4096u
#define MSDK_MPS2_NVM_PAGE_SIZE   256u
/** @} */

/**
 * @name Firmware image download slot (msdk/port/image.h)
 * 1 MiB of PSRAM, erased (0xFF) at a cold start, written with 4-byte alignment.
 * @{
 */
#define MSDK_MPS2_IMAGE_SLOT_BASE   0x21200000u
#define MSDK_MPS2_IMAGE_SLOT_SIZE   0x00100000u
#define MSDK_MPS2_IMAGE_WRITE_ALIGN 4u
/** @} */

/** @brief 64 bytes of PSRAM that survive a processor reset (port-private use). */
#define MSDK_MPS2_NOINIT_BASE 0x21300000u

/**
 * @name Synthetic AFE source (stand-in until a host-side grid simulator streams samples)
 *
 * The AN386 has no metering front end. Until the grid simulator feeds samples
 * over a UART, the port generates a clean 3-phase 4-wire grid from an integer
 * sine table, one frame per interrupt of CMSDK timer 0 at the configured rate:
 * 50 Hz, 230 V rms and 5 A rms per phase at unity power factor, L2 lagging L1
 * by 120 degrees and L3 by 240 degrees, In = I1 + I2 + I3 (close to 0).
 * The output is deterministic: frame n of a run depends only on n and the rate.
 * @{
 */
/** Voltage channels: one code is 100 uV (full scale +-838.8 V peak). */
#define MSDK_MPS2_AFE_V_UV_PER_CODE 100
/** Current channels: one code is 10 uA (full scale +-83.9 A peak). */
#define MSDK_MPS2_AFE_I_UA_PER_CODE 10
/** Peak code of the 230 V rms voltages: 230 * sqrt(2) V / 100 uV. */
#define MSDK_MPS2_AFE_V_PEAK_CODE   3252691
/** Peak code of the 5 A rms currents: 5 * sqrt(2) A / 10 uA. */
#define MSDK_MPS2_AFE_I_PEAK_CODE   707107
/** Grid frequency of the synthetic source. */
#define MSDK_MPS2_AFE_GRID_HZ       50u
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* MSDK_BOARD_MPS2_AN386_H */
