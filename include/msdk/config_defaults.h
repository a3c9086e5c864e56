/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Default values of every build-time option (see msdk/config.h).
 *
 * Include msdk/config.h, not this file.
 */
#ifndef MSDK_CONFIG_DEFAULTS_H
#define MSDK_CONFIG_DEFAULTS_H

/** @brief 1: public functions check their arguments and return MSDK_ERR_INVALID_ARG. */
#ifndef MSDK_CFG_CORE_CHECK_ARGS
#define MSDK_CFG_CORE_CHECK_ARGS 1
#endif

/**
 * @brief 1: table-driven CRCs, one 256-entry const table each for CRC-16/X.25,
 *        CRC-16/EN-13757 and CRC-32 (512 B + 512 B + 1 KiB of flash, several
 *        times faster); 0: bit by bit, no tables.
 */
#ifndef MSDK_CFG_CORE_CRC_TABLES
#define MSDK_CFG_CORE_CRC_TABLES 1
#endif

/** @brief Bytes of the static work area the mbedTLS crypto port gives mbedTLS's allocator. */
#ifndef MSDK_CFG_PORT_CRYPTO_HEAP_SIZE
#define MSDK_CFG_PORT_CRYPTO_HEAP_SIZE 6144
#endif

#endif /* MSDK_CONFIG_DEFAULTS_H */
