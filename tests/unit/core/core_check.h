/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Helpers shared by the core suites: a reproducible PRNG and guard bytes. */
#ifndef MSDK_TEST_CORE_CHECK_H
#define MSDK_TEST_CORE_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

/* Byte written around and into output buffers to detect stray writes. */
#define TEST_GUARD     0xA5u
/* Guard bytes on each side of an output buffer. */
#define TEST_GUARD_LEN 16u

/* xorshift32: fixed sequences for a given seed on every platform. */
static inline uint32_t test_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static inline uint64_t test_rand64(uint32_t *state)
{
    uint64_t hi = test_rand(state);
    return (hi << 32) | test_rand(state);
}

/* Seed for a randomised test: MSDK_TEST_SEED from the environment, else the
 * fixed default. Printed so a failure can be replayed. */
static inline uint32_t test_seed(const char *name, uint32_t fixed)
{
    uint32_t seed = fixed;
    const char *env = getenv("MSDK_TEST_SEED");
    if (env != NULL && *env != '\0') {
        seed = (uint32_t)strtoul(env, NULL, 0);
        if (seed == 0u) {
            seed = fixed;
        }
    }
    fprintf(stderr, "%s: seed=0x%08lX (override with MSDK_TEST_SEED)\n", name, (unsigned long)seed);
    return seed;
}

/* Asserts that n bytes at p all equal TEST_GUARD. */
static inline void test_assert_guard(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(p[i] == TEST_GUARD, "guard byte %zu overwritten (0x%02X)", i, (unsigned)p[i]);
    }
}

/* An output buffer of up to TEST_GBUF_PAYLOAD bytes with TEST_GUARD_LEN guard
 * bytes on both sides: the code under test writes at test_gbuf_init()'s
 * pointer, test_gbuf_check() proves nothing was written past n bytes. */
#define TEST_GBUF_PAYLOAD 16u

typedef struct {
    uint8_t b[TEST_GUARD_LEN + TEST_GBUF_PAYLOAD + TEST_GUARD_LEN];
} test_gbuf_t;

static inline uint8_t *test_gbuf_init(test_gbuf_t *g)
{
    memset(g->b, TEST_GUARD, sizeof g->b);
    return g->b + TEST_GUARD_LEN;
}

static inline void test_gbuf_check(const test_gbuf_t *g, size_t n)
{
    test_assert_guard(g->b, TEST_GUARD_LEN);
    test_assert_guard(g->b + TEST_GUARD_LEN + n, sizeof g->b - TEST_GUARD_LEN - n);
}

/* Silent-on-success equality for loops of many thousands of iterations:
 * Check reports every passing ck_assert to its runner, which is slow there.
 * On failure it aborts the test with the location, both expressions and
 * their values. */
#define TEST_QUICK_EQ(x, y)                                                                        \
    do {                                                                                           \
        if ((x) != (y)) {                                                                          \
            ck_abort_msg("%s != %s (%lld != %lld)", #x, #y, (long long)(x), (long long)(y));       \
        }                                                                                          \
    } while (0)

/* Silent-on-success assertion (see TEST_QUICK_EQ). */
#define TEST_QUICK_TRUE(c)                                                                         \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            ck_abort_msg("assertion %s failed", #c);                                               \
        }                                                                                          \
    } while (0)

#endif /* MSDK_TEST_CORE_CHECK_H */
