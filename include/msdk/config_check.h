/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Rejects impossible option values at compile time (see msdk/config.h).
 */
#ifndef MSDK_CONFIG_CHECK_H
#define MSDK_CONFIG_CHECK_H

#if (MSDK_CFG_CORE_CHECK_ARGS != 0) && (MSDK_CFG_CORE_CHECK_ARGS != 1)
#error "MSDK_CFG_CORE_CHECK_ARGS must be 0 or 1"
#endif

#if (MSDK_CFG_CORE_CRC_TABLES != 0) && (MSDK_CFG_CORE_CRC_TABLES != 1)
#error "MSDK_CFG_CORE_CRC_TABLES must be 0 or 1"
#endif

#if MSDK_CFG_PORT_CRYPTO_HEAP_SIZE < 3072
#error "MSDK_CFG_PORT_CRYPTO_HEAP_SIZE below 3072 bytes cannot hold an ECDSA P-256 operation"
#endif

#endif /* MSDK_CONFIG_CHECK_H */
