/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Build-time configuration of the SDK.
 *
 * A vendor puts its options in a header of its own and names it with
 * `-DMSDK_CONFIG_FILE="my_msdk_config.h"` (CMake: `MSDK_CONFIG_FILE`). That
 * file is read first; every option it leaves out takes its default from
 * msdk/config_defaults.h; then msdk/config_check.h rejects impossible values
 * with `#error`. Options are named `MSDK_CFG_<LIB>_<NAME>` and are always
 * defined (tested with `#if`, never `#ifdef`), so `-Wundef` catches typos.
 */
#ifndef MSDK_CONFIG_H
#define MSDK_CONFIG_H

#ifdef MSDK_CONFIG_FILE
#include MSDK_CONFIG_FILE
#endif

#include "msdk/config_defaults.h"
#include "msdk/config_check.h"

#endif /* MSDK_CONFIG_H */
