/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Compiler abstraction: attributes, static assertions, sections, packing.
 *
 * Supported: GCC and Clang (host and arm-none-eabi). Another compiler gets
 * portable fallbacks where one exists and an `#error` where none does, so a
 * port to it fails loudly at the first include instead of silently losing a
 * guarantee.
 */
#ifndef MSDK_CORE_COMPILER_H
#define MSDK_CORE_COMPILER_H

#if defined(__GNUC__) || defined(__clang__)
/** @brief 1 when the compiler speaks the GNU attribute dialect. */
#define MSDK_COMPILER_GNU 1
#else
#define MSDK_COMPILER_GNU 0
#endif

#if MSDK_COMPILER_GNU
/** @brief The caller must use the return value (errors must not be dropped). */
#define MSDK_NODISCARD          __attribute__((warn_unused_result))
/** @brief Place the object or function in the named linker section. */
#define MSDK_SECTION(name)      __attribute__((section(name)))
/** @brief Lay the struct out without padding (wire formats only). */
#define MSDK_PACKED             __attribute__((packed))
/** @brief Align the object to @p n bytes. */
#define MSDK_ALIGNED(n)         __attribute__((aligned(n)))
/** @brief Weak definition: an optional hook a port or application may override. */
#define MSDK_WEAK               __attribute__((weak))
/** @brief The function does not return. */
#define MSDK_NORETURN           __attribute__((noreturn))
/** @brief The parameter or variable may be unused in some configurations. */
#define MSDK_UNUSED             __attribute__((unused))
/** @brief Inline even at -O0 / -Os (per-sample hot paths). */
#define MSDK_ALWAYS_INLINE      inline __attribute__((always_inline))
/** @brief Never inline (rare paths kept out of a hot function's registers). */
#define MSDK_NOINLINE           __attribute__((noinline))
/** @brief Printf-style format checking for argument @p fmt, variadics from @p first. */
#define MSDK_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
/** @brief Branch prediction hint: @p x is expected to be true. */
#define MSDK_LIKELY(x)          __builtin_expect(!!(x), 1)
/** @brief Branch prediction hint: @p x is expected to be false. */
#define MSDK_UNLIKELY(x)        __builtin_expect(!!(x), 0)
/** @brief Explicit switch fall-through (silences -Wimplicit-fallthrough). */
#define MSDK_FALLTHROUGH        __attribute__((fallthrough))
#else
#error "msdk: unsupported compiler; add its attributes to msdk/core/compiler.h"
#endif

/**
 * @brief Compile-time assertion usable at file and block scope.
 * @param cond Integer constant expression that must be non-zero.
 * @param msg  String literal shown when it fails.
 */
#define MSDK_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

/** @brief Number of elements of an array (not a pointer). */
#define MSDK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/** @brief Mark a parameter as intentionally unused. */
#define MSDK_UNUSED_PARAM(x) ((void)(x))

#endif /* MSDK_CORE_COMPILER_H */
