/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Nominal scale of the board's AFE codes, for the factory-default calibration of the
 * metrology (msdk_metro_calib_default()). The only board-specific part of the firmware:
 * CMakeLists.txt defines MA304H4_BOARD_<board>. A real meter replaces these nominal
 * gains with its calibration block (persisted with libeventlog, issue #7). */
#ifndef MA304H4_AFE_SCALE_H
#define MA304H4_AFE_SCALE_H

#include <stdint.h>

#if defined(MA304H4_BOARD_HOST)
#include "msdk/host/sim.h"
/** Voltage channels, uV per code in Q24 (host grid model: 480 V at 2^23 codes). */
#define MA304H4_AFE_V_UV_PER_CODE_Q24                                                              \
    ((uint32_t)((MSDK_HOST_AFE_V_PER_CODE * 1e6 * 16777216.0) + 0.5))
/** Current channels, uA per code in Q24 (host grid model: 180 A at 2^23 codes). */
#define MA304H4_AFE_I_UA_PER_CODE_Q24                                                              \
    ((uint32_t)((MSDK_HOST_AFE_I_PER_CODE * 1e6 * 16777216.0) + 0.5))
#elif defined(MA304H4_BOARD_MPS2_AN386)
#include "msdk/board/mps2_an386.h"
/** Voltage channels, uV per code in Q24 (synthetic source: 100 uV per code). */
#define MA304H4_AFE_V_UV_PER_CODE_Q24 ((uint32_t)MSDK_MPS2_AFE_V_UV_PER_CODE << 24)
/** Current channels, uA per code in Q24 (synthetic source: 10 uA per code). */
#define MA304H4_AFE_I_UA_PER_CODE_Q24 ((uint32_t)MSDK_MPS2_AFE_I_UA_PER_CODE << 24)
#else
#error "ma304h4: no AFE scale for this board (define MA304H4_BOARD_<board> in CMakeLists.txt)"
#endif

#endif /* MA304H4_AFE_SCALE_H */
