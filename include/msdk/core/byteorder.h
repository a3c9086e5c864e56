/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Byte-order clean loads and stores of integers in byte arrays.
 *
 * `msdk_load_<type><order>(p)` reads and `msdk_store_<type><order>(p, v)`
 * writes an integer of 16, 24, 32, 48 or 64 bits at @p p, big-endian (`be`,
 * DLMS A-XDR, network order) or little-endian (`le`, M-Bus). The values are
 * assembled from single bytes with shifts, so the code is correct on hosts of
 * either byte order and for any alignment of @p p; GCC and Clang turn the
 * common cases into a single load or store (plus `rev`) where the target
 * allows unaligned access.
 *
 * Signed variants use two's complement on the wire and sign-extend 24- and
 * 48-bit values. The conversions from unsigned to signed never rely on
 * implementation-defined behaviour.
 *
 * For bounds-checked reading and writing of whole messages see
 * msdk/core/bytebuf.h.
 */
#ifndef MSDK_CORE_BYTEORDER_H
#define MSDK_CORE_BYTEORDER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Two's complement reinterpretation --------------------------------- */

/**
 * @brief Reinterprets 16 bits as a two's complement value.
 * @param[in] v Bit pattern.
 * @return The signed value (0xFFFF gives -1).
 */
static inline int16_t msdk_i16_from_u16(uint16_t v)
{
    return (int16_t)((int32_t)v - (int32_t)((v & 0x8000u) << 1));
}

/**
 * @brief Reinterprets the low 24 bits of @p v as a two's complement value.
 * @param[in] v Bit pattern; bits 24..31 are ignored.
 * @return The sign-extended value in [-2^23, 2^23 - 1].
 */
static inline int32_t msdk_i32_from_u24(uint32_t v)
{
    return (int32_t)(v & 0x7FFFFFul) - (int32_t)(v & 0x800000ul);
}

/**
 * @brief Reinterprets 32 bits as a two's complement value.
 * @param[in] v Bit pattern.
 * @return The signed value (0xFFFFFFFF gives -1).
 */
static inline int32_t msdk_i32_from_u32(uint32_t v)
{
    return (v & 0x80000000ul) ? (int32_t)(v & 0x7FFFFFFFul) + INT32_MIN : (int32_t)v;
}

/**
 * @brief Reinterprets the low 48 bits of @p v as a two's complement value.
 * @param[in] v Bit pattern; bits 48..63 are ignored.
 * @return The sign-extended value in [-2^47, 2^47 - 1].
 */
static inline int64_t msdk_i64_from_u48(uint64_t v)
{
    return (int64_t)(v & 0x7FFFFFFFFFFFull) - (int64_t)(v & 0x800000000000ull);
}

/**
 * @brief Reinterprets 64 bits as a two's complement value.
 * @param[in] v Bit pattern.
 * @return The signed value (all ones give -1).
 */
static inline int64_t msdk_i64_from_u64(uint64_t v)
{
    return (v & 0x8000000000000000ull) ? (int64_t)(v & 0x7FFFFFFFFFFFFFFFull) + INT64_MIN
                                       : (int64_t)v;
}

/* ---- Unsigned loads and stores ----------------------------------------- */

/**
 * @brief Reads an unsigned 16-bit big-endian integer.
 * @param[in] p 2 readable bytes (any alignment).
 * @return The value.
 */
static inline uint16_t msdk_load_u16be(const uint8_t *p)
{
    return (uint16_t)(((unsigned)p[0] << 8) | p[1]);
}

/**
 * @brief Writes an unsigned 16-bit big-endian integer.
 * @param[out] p 2 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u16be(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/**
 * @brief Reads an unsigned 16-bit little-endian integer.
 * @param[in] p 2 readable bytes (any alignment).
 * @return The value.
 */
static inline uint16_t msdk_load_u16le(const uint8_t *p)
{
    return (uint16_t)(p[0] | ((unsigned)p[1] << 8));
}

/**
 * @brief Writes an unsigned 16-bit little-endian integer.
 * @param[out] p 2 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u16le(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/**
 * @brief Reads an unsigned 24-bit big-endian integer.
 * @param[in] p 3 readable bytes (any alignment).
 * @return The value.
 */
static inline uint32_t msdk_load_u24be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}

/**
 * @brief Writes an unsigned 24-bit big-endian integer.
 * @param[out] p 3 writable bytes (any alignment).
 * @param[in]  v Value.
 * @note Only the low 24 bits of @p v are stored.
 */
static inline void msdk_store_u24be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}

/**
 * @brief Reads an unsigned 24-bit little-endian integer.
 * @param[in] p 3 readable bytes (any alignment).
 * @return The value.
 */
static inline uint32_t msdk_load_u24le(const uint8_t *p)
{
    return p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
}

/**
 * @brief Writes an unsigned 24-bit little-endian integer.
 * @param[out] p 3 writable bytes (any alignment).
 * @param[in]  v Value.
 * @note Only the low 24 bits of @p v are stored.
 */
static inline void msdk_store_u24le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
}

/**
 * @brief Reads an unsigned 32-bit big-endian integer.
 * @param[in] p 4 readable bytes (any alignment).
 * @return The value.
 */
static inline uint32_t msdk_load_u32be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/**
 * @brief Writes an unsigned 32-bit big-endian integer.
 * @param[out] p 4 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/**
 * @brief Reads an unsigned 32-bit little-endian integer.
 * @param[in] p 4 readable bytes (any alignment).
 * @return The value.
 */
static inline uint32_t msdk_load_u32le(const uint8_t *p)
{
    return p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/**
 * @brief Writes an unsigned 32-bit little-endian integer.
 * @param[out] p 4 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/**
 * @brief Reads an unsigned 48-bit big-endian integer.
 * @param[in] p 6 readable bytes (any alignment).
 * @return The value.
 */
static inline uint64_t msdk_load_u48be(const uint8_t *p)
{
    return ((uint64_t)p[0] << 40) | ((uint64_t)p[1] << 32) | ((uint64_t)p[2] << 24) |
           ((uint64_t)p[3] << 16) | ((uint64_t)p[4] << 8) | p[5];
}

/**
 * @brief Writes an unsigned 48-bit big-endian integer.
 * @param[out] p 6 writable bytes (any alignment).
 * @param[in]  v Value.
 * @note Only the low 48 bits of @p v are stored.
 */
static inline void msdk_store_u48be(uint8_t *p, uint64_t v)
{
    p[0] = (uint8_t)(v >> 40);
    p[1] = (uint8_t)(v >> 32);
    p[2] = (uint8_t)(v >> 24);
    p[3] = (uint8_t)(v >> 16);
    p[4] = (uint8_t)(v >> 8);
    p[5] = (uint8_t)v;
}

/**
 * @brief Reads an unsigned 48-bit little-endian integer.
 * @param[in] p 6 readable bytes (any alignment).
 * @return The value.
 */
static inline uint64_t msdk_load_u48le(const uint8_t *p)
{
    return p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) | ((uint64_t)p[3] << 24) |
           ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40);
}

/**
 * @brief Writes an unsigned 48-bit little-endian integer.
 * @param[out] p 6 writable bytes (any alignment).
 * @param[in]  v Value.
 * @note Only the low 48 bits of @p v are stored.
 */
static inline void msdk_store_u48le(uint8_t *p, uint64_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    p[4] = (uint8_t)(v >> 32);
    p[5] = (uint8_t)(v >> 40);
}

/**
 * @brief Reads an unsigned 64-bit big-endian integer.
 * @param[in] p 8 readable bytes (any alignment).
 * @return The value.
 */
static inline uint64_t msdk_load_u64be(const uint8_t *p)
{
    return ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) | ((uint64_t)p[2] << 40) |
           ((uint64_t)p[3] << 32) | ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) |
           ((uint64_t)p[6] << 8) | p[7];
}

/**
 * @brief Writes an unsigned 64-bit big-endian integer.
 * @param[out] p 8 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u64be(uint8_t *p, uint64_t v)
{
    p[0] = (uint8_t)(v >> 56);
    p[1] = (uint8_t)(v >> 48);
    p[2] = (uint8_t)(v >> 40);
    p[3] = (uint8_t)(v >> 32);
    p[4] = (uint8_t)(v >> 24);
    p[5] = (uint8_t)(v >> 16);
    p[6] = (uint8_t)(v >> 8);
    p[7] = (uint8_t)v;
}

/**
 * @brief Reads an unsigned 64-bit little-endian integer.
 * @param[in] p 8 readable bytes (any alignment).
 * @return The value.
 */
static inline uint64_t msdk_load_u64le(const uint8_t *p)
{
    return p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) | ((uint64_t)p[3] << 24) |
           ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) |
           ((uint64_t)p[7] << 56);
}

/**
 * @brief Writes an unsigned 64-bit little-endian integer.
 * @param[out] p 8 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_u64le(uint8_t *p, uint64_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    p[4] = (uint8_t)(v >> 32);
    p[5] = (uint8_t)(v >> 40);
    p[6] = (uint8_t)(v >> 48);
    p[7] = (uint8_t)(v >> 56);
}

/* ---- Signed loads and stores ------------------------------------------- */

/**
 * @brief Reads a two's complement 16-bit big-endian integer.
 * @param[in] p 2 readable bytes (any alignment).
 * @return The value.
 */
static inline int16_t msdk_load_i16be(const uint8_t *p)
{
    return msdk_i16_from_u16(msdk_load_u16be(p));
}

/**
 * @brief Writes a two's complement 16-bit big-endian integer.
 * @param[out] p 2 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i16be(uint8_t *p, int16_t v)
{
    msdk_store_u16be(p, (uint16_t)v);
}

/**
 * @brief Reads a two's complement 16-bit little-endian integer.
 * @param[in] p 2 readable bytes (any alignment).
 * @return The value.
 */
static inline int16_t msdk_load_i16le(const uint8_t *p)
{
    return msdk_i16_from_u16(msdk_load_u16le(p));
}

/**
 * @brief Writes a two's complement 16-bit little-endian integer.
 * @param[out] p 2 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i16le(uint8_t *p, int16_t v)
{
    msdk_store_u16le(p, (uint16_t)v);
}

/**
 * @brief Reads a two's complement 24-bit big-endian integer and sign-extends it.
 * @param[in] p 3 readable bytes (any alignment).
 * @return The value.
 */
static inline int32_t msdk_load_i24be(const uint8_t *p)
{
    return msdk_i32_from_u24(msdk_load_u24be(p));
}

/**
 * @brief Writes a two's complement 24-bit big-endian integer.
 * @param[out] p 3 writable bytes (any alignment).
 * @param[in]  v Value. @p v must be in [-2^23, 2^23 - 1]; only its low 24 bits are stored.
 */
static inline void msdk_store_i24be(uint8_t *p, int32_t v)
{
    msdk_store_u24be(p, (uint32_t)v);
}

/**
 * @brief Reads a two's complement 24-bit little-endian integer and sign-extends it.
 * @param[in] p 3 readable bytes (any alignment).
 * @return The value.
 */
static inline int32_t msdk_load_i24le(const uint8_t *p)
{
    return msdk_i32_from_u24(msdk_load_u24le(p));
}

/**
 * @brief Writes a two's complement 24-bit little-endian integer.
 * @param[out] p 3 writable bytes (any alignment).
 * @param[in]  v Value. @p v must be in [-2^23, 2^23 - 1]; only its low 24 bits are stored.
 */
static inline void msdk_store_i24le(uint8_t *p, int32_t v)
{
    msdk_store_u24le(p, (uint32_t)v);
}

/**
 * @brief Reads a two's complement 32-bit big-endian integer.
 * @param[in] p 4 readable bytes (any alignment).
 * @return The value.
 */
static inline int32_t msdk_load_i32be(const uint8_t *p)
{
    return msdk_i32_from_u32(msdk_load_u32be(p));
}

/**
 * @brief Writes a two's complement 32-bit big-endian integer.
 * @param[out] p 4 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i32be(uint8_t *p, int32_t v)
{
    msdk_store_u32be(p, (uint32_t)v);
}

/**
 * @brief Reads a two's complement 32-bit little-endian integer.
 * @param[in] p 4 readable bytes (any alignment).
 * @return The value.
 */
static inline int32_t msdk_load_i32le(const uint8_t *p)
{
    return msdk_i32_from_u32(msdk_load_u32le(p));
}

/**
 * @brief Writes a two's complement 32-bit little-endian integer.
 * @param[out] p 4 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i32le(uint8_t *p, int32_t v)
{
    msdk_store_u32le(p, (uint32_t)v);
}

/**
 * @brief Reads a two's complement 48-bit big-endian integer and sign-extends it.
 * @param[in] p 6 readable bytes (any alignment).
 * @return The value.
 */
static inline int64_t msdk_load_i48be(const uint8_t *p)
{
    return msdk_i64_from_u48(msdk_load_u48be(p));
}

/**
 * @brief Writes a two's complement 48-bit big-endian integer.
 * @param[out] p 6 writable bytes (any alignment).
 * @param[in]  v Value. @p v must be in [-2^47, 2^47 - 1]; only its low 48 bits are stored.
 */
static inline void msdk_store_i48be(uint8_t *p, int64_t v)
{
    msdk_store_u48be(p, (uint64_t)v);
}

/**
 * @brief Reads a two's complement 48-bit little-endian integer and sign-extends it.
 * @param[in] p 6 readable bytes (any alignment).
 * @return The value.
 */
static inline int64_t msdk_load_i48le(const uint8_t *p)
{
    return msdk_i64_from_u48(msdk_load_u48le(p));
}

/**
 * @brief Writes a two's complement 48-bit little-endian integer.
 * @param[out] p 6 writable bytes (any alignment).
 * @param[in]  v Value. @p v must be in [-2^47, 2^47 - 1]; only its low 48 bits are stored.
 */
static inline void msdk_store_i48le(uint8_t *p, int64_t v)
{
    msdk_store_u48le(p, (uint64_t)v);
}

/**
 * @brief Reads a two's complement 64-bit big-endian integer.
 * @param[in] p 8 readable bytes (any alignment).
 * @return The value.
 */
static inline int64_t msdk_load_i64be(const uint8_t *p)
{
    return msdk_i64_from_u64(msdk_load_u64be(p));
}

/**
 * @brief Writes a two's complement 64-bit big-endian integer.
 * @param[out] p 8 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i64be(uint8_t *p, int64_t v)
{
    msdk_store_u64be(p, (uint64_t)v);
}

/**
 * @brief Reads a two's complement 64-bit little-endian integer.
 * @param[in] p 8 readable bytes (any alignment).
 * @return The value.
 */
static inline int64_t msdk_load_i64le(const uint8_t *p)
{
    return msdk_i64_from_u64(msdk_load_u64le(p));
}

/**
 * @brief Writes a two's complement 64-bit little-endian integer.
 * @param[out] p 8 writable bytes (any alignment).
 * @param[in]  v Value.
 */
static inline void msdk_store_i64le(uint8_t *p, int64_t v)
{
    msdk_store_u64le(p, (uint64_t)v);
}

#ifdef __cplusplus
}
#endif

#endif /* MSDK_CORE_BYTEORDER_H */
