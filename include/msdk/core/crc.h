/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief CRCs and checksums of the metering protocols.
 *
 * | Functions            | Catalogue name  | Poly       | Refl | Init   | Xorout | Check      |
 * |----------------------|-----------------|------------|------|--------|--------|------------|
 * | msdk_crc16_x25_*     | CRC-16/IBM-SDLC | 0x1021     | yes  | 0xFFFF | 0xFFFF | 0x906E     |
 * | msdk_crc16_en13757_* | CRC-16/EN-13757 | 0x3D65     | no   | 0x0000 | 0xFFFF | 0xC2B7     |
 * | msdk_crc32_*         | CRC-32/ISO-HDLC | 0x04C11DB7 | yes  | ~0     | ~0     | 0xCBF43926 |
 *
 * msdk_sum8() is the arithmetic sum of the bytes modulo 256 (M-Bus checksum).
 *
 * "Check" is the CRC of the nine ASCII bytes "123456789".
 *
 * - CRC-16/X.25 (catalogue name CRC-16/IBM-SDLC, alias CRC-16/X-25) is the
 *   HDLC frame check sequence of IEC 62056-46 (DLMS/COSEM over HDLC, the HCS
 *   and FCS fields) and ISO/IEC 13239. On the wire it is sent least
 *   significant byte first.
 * - CRC-16/EN-13757 protects the blocks of wireless M-Bus frames (EN 13757-4)
 *   and is sent most significant byte first.
 * - CRC-32 protects records stored in NVM.
 * - The 8-bit sum is the checksum of wired M-Bus long and control frames
 *   (EN 13757-2).
 *
 * Incremental use: `crc = ..._init(); crc = ..._update(crc, a, na);
 * crc = ..._update(crc, b, nb); result = ..._final(crc);`. The value between
 * init() and final() is the raw shift register; only final() applies the
 * output XOR.
 *
 * With `MSDK_CFG_CORE_CRC_TABLES` = 1 the update functions use 256-entry
 * `const` tables (512 B + 512 B + 1 KiB of flash, several times faster);
 * with 0 they shift bit by bit and need no tables. Both give identical
 * results.
 *
 * All functions are reentrant and keep no state. @p data may be NULL only when
 * its length is 0; with `MSDK_CFG_CORE_CHECK_ARGS` a NULL @p data is treated as
 * empty input.
 */
#ifndef MSDK_CORE_CRC_H
#define MSDK_CORE_CRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Initial register of CRC-16/X.25. */
#define MSDK_CRC16_X25_INIT    0xFFFFu
/** @brief Output XOR of CRC-16/X.25. */
#define MSDK_CRC16_X25_XOROUT  0xFFFFu
/**
 * @brief Register left by msdk_crc16_x25_update() after a frame followed by its
 *        correct FCS (LSB first): the "good FCS" residue of ISO/IEC 13239.
 */
#define MSDK_CRC16_X25_RESIDUE 0xF0B8u
/** @brief CRC-16/X.25 of "123456789". */
#define MSDK_CRC16_X25_CHECK   0x906Eu

/** @brief Initial register of CRC-16/EN-13757. */
#define MSDK_CRC16_EN13757_INIT   0x0000u
/** @brief Output XOR of CRC-16/EN-13757. */
#define MSDK_CRC16_EN13757_XOROUT 0xFFFFu
/** @brief CRC-16/EN-13757 of "123456789". */
#define MSDK_CRC16_EN13757_CHECK  0xC2B7u

/** @brief Initial register of CRC-32/ISO-HDLC. */
#define MSDK_CRC32_INIT   0xFFFFFFFFul
/** @brief Output XOR of CRC-32/ISO-HDLC. */
#define MSDK_CRC32_XOROUT 0xFFFFFFFFul
/** @brief CRC-32/ISO-HDLC of "123456789". */
#define MSDK_CRC32_CHECK  0xCBF43926ul

/* ---- CRC-16/X.25 (HDLC FCS) ------------------------------------------- */

/**
 * @brief Starts a CRC-16/X.25 computation.
 * @return The initial register, ::MSDK_CRC16_X25_INIT.
 */
static inline uint16_t msdk_crc16_x25_init(void)
{
    return (uint16_t)MSDK_CRC16_X25_INIT;
}

/**
 * @brief Feeds bytes into a CRC-16/X.25 register.
 * @param[in] crc  Register from msdk_crc16_x25_init() or a previous update.
 * @param[in] data Bytes to add; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The updated register (not yet complemented).
 */
uint16_t msdk_crc16_x25_update(uint16_t crc, const uint8_t *data, size_t len);

/**
 * @brief Finishes a CRC-16/X.25 computation.
 * @param[in] crc Register after the last update.
 * @return The FCS: the register XOR ::MSDK_CRC16_X25_XOROUT. Send it LSB first.
 */
static inline uint16_t msdk_crc16_x25_final(uint16_t crc)
{
    return (uint16_t)(crc ^ MSDK_CRC16_X25_XOROUT);
}

/**
 * @brief One-shot CRC-16/X.25 (the HDLC FCS/HCS of IEC 62056-46).
 * @param[in] data Bytes; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The FCS, 0x906E for "123456789" and 0x0000 for empty input.
 */
uint16_t msdk_crc16_x25(const uint8_t *data, size_t len);

/**
 * @brief Checks a frame that ends in its 2-byte FCS, least significant byte first.
 *
 * Method: the residue check of ISO/IEC 13239. The register is run over all
 * @p len bytes, FCS included, and compared with ::MSDK_CRC16_X25_RESIDUE
 * (0xF0B8). That is equivalent to recomputing the FCS of the first
 * `len - 2` bytes and comparing it with the last two.
 *
 * For an HDLC frame of IEC 62056-46, pass the bytes between the flags,
 * for example the header including its HCS to check the HCS, or the whole
 * frame format..information field including the FCS to check the FCS.
 *
 * @param[in] frame Covered bytes followed by the FCS; may be NULL when @p len is 0.
 * @param[in] len   Number of bytes including the 2 FCS bytes.
 * @retval true  @p len >= 2 and the FCS matches.
 * @retval false The FCS does not match, or @p len < 2.
 */
bool msdk_crc16_x25_is_valid(const uint8_t *frame, size_t len);

/* ---- CRC-16/EN-13757 (wireless M-Bus blocks) -------------------------- */

/**
 * @brief Starts a CRC-16/EN-13757 computation.
 * @return The initial register, ::MSDK_CRC16_EN13757_INIT.
 */
static inline uint16_t msdk_crc16_en13757_init(void)
{
    return (uint16_t)MSDK_CRC16_EN13757_INIT;
}

/**
 * @brief Feeds bytes into a CRC-16/EN-13757 register.
 * @param[in] crc  Register from msdk_crc16_en13757_init() or a previous update.
 * @param[in] data Bytes to add; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The updated register (not yet complemented).
 */
uint16_t msdk_crc16_en13757_update(uint16_t crc, const uint8_t *data, size_t len);

/**
 * @brief Finishes a CRC-16/EN-13757 computation.
 * @param[in] crc Register after the last update.
 * @return The CRC: the register XOR ::MSDK_CRC16_EN13757_XOROUT. Send it MSB first.
 */
static inline uint16_t msdk_crc16_en13757_final(uint16_t crc)
{
    return (uint16_t)(crc ^ MSDK_CRC16_EN13757_XOROUT);
}

/**
 * @brief One-shot CRC-16/EN-13757.
 * @param[in] data Bytes; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The CRC, 0xC2B7 for "123456789" and 0xFFFF for empty input.
 */
uint16_t msdk_crc16_en13757(const uint8_t *data, size_t len);

/**
 * @brief Checks a wireless M-Bus block that ends in its 2-byte CRC, most
 *        significant byte first.
 *
 * Method: recompute. The CRC of the first `len - 2` bytes is compared with
 * the last two bytes read big-endian.
 *
 * @param[in] block Covered bytes followed by the CRC; may be NULL when @p len is 0.
 * @param[in] len   Number of bytes including the 2 CRC bytes.
 * @retval true  @p len >= 2 and the CRC matches.
 * @retval false The CRC does not match, or @p len < 2.
 */
bool msdk_crc16_en13757_is_valid(const uint8_t *block, size_t len);

/* ---- CRC-32/ISO-HDLC (storage records) -------------------------------- */

/**
 * @brief Starts a CRC-32 computation.
 * @return The initial register, ::MSDK_CRC32_INIT.
 */
static inline uint32_t msdk_crc32_init(void)
{
    return (uint32_t)MSDK_CRC32_INIT;
}

/**
 * @brief Feeds bytes into a CRC-32 register.
 * @param[in] crc  Register from msdk_crc32_init() or a previous update.
 * @param[in] data Bytes to add; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The updated register (not yet complemented).
 */
uint32_t msdk_crc32_update(uint32_t crc, const uint8_t *data, size_t len);

/**
 * @brief Finishes a CRC-32 computation.
 * @param[in] crc Register after the last update.
 * @return The CRC: the register XOR ::MSDK_CRC32_XOROUT.
 */
static inline uint32_t msdk_crc32_final(uint32_t crc)
{
    return crc ^ (uint32_t)MSDK_CRC32_XOROUT;
}

/**
 * @brief One-shot CRC-32/ISO-HDLC (the CRC of zlib, Ethernet and PNG).
 * @param[in] data Bytes; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The CRC, 0xCBF43926 for "123456789" and 0 for empty input.
 */
uint32_t msdk_crc32(const uint8_t *data, size_t len);

/* ---- M-Bus 8-bit arithmetic checksum ----------------------------------- */

/**
 * @brief Adds bytes to a running 8-bit arithmetic checksum.
 * @param[in] sum  Running sum (start with 0).
 * @param[in] data Bytes to add; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return (@p sum + all bytes) modulo 256.
 */
uint8_t msdk_sum8_update(uint8_t sum, const uint8_t *data, size_t len);

/**
 * @brief The checksum of wired M-Bus frames: arithmetic sum of the bytes modulo 256.
 *
 * In a long or control frame it covers C, A, CI and the user data (from the
 * byte after the second 0x68 up to the byte before the checksum); in a short
 * frame it covers C and A.
 *
 * @param[in] data Bytes; may be NULL when @p len is 0.
 * @param[in] len  Number of bytes.
 * @return The sum of all bytes modulo 256 (0 for empty input).
 */
uint8_t msdk_sum8(const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_CRC_H */
