/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Ring buffer: fixed scenarios, a randomised comparison with a trivial
 * reference queue (fixed seed, printed; MSDK_TEST_SEED overrides it), guard
 * bytes around the storage, and a two-thread producer/consumer run on the
 * host as a smoke test of the ordering scheme.
 */
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <check.h>
#include "msdk/core/ringbuf.h"
#include "core_check.h"

Suite *ringbuf_suite(void);

static const uint8_t abc[10] = { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j' };

START_TEST(ringbuf_init_args)
{
    msdk_ringbuf_t rb;
    uint8_t st[4];
    memset(&rb, 0x5A, sizeof rb);
    ck_assert_int_eq(msdk_ringbuf_init(NULL, st, sizeof st), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_init(&rb, NULL, sizeof st), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, 0), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, SIZE_MAX / 2u + 1u), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(rb.size, (size_t)0x5A5A5A5A5A5A5A5Aull); /* untouched */
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, sizeof st), MSDK_OK);
    ck_assert_uint_eq(msdk_ringbuf_capacity(&rb), 4u);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 0u);
    ck_assert_uint_eq(msdk_ringbuf_free(&rb), 4u);
    ck_assert(msdk_ringbuf_is_empty(&rb));
    ck_assert(!msdk_ringbuf_is_full(&rb));
    ck_assert_uint_eq(msdk_ringbuf_capacity(NULL), 0u);
    ck_assert_uint_eq(msdk_ringbuf_used(NULL), 0u);
    ck_assert_uint_eq(msdk_ringbuf_free(NULL), 0u);
    msdk_ringbuf_reset(NULL);
}
END_TEST

START_TEST(ringbuf_null_args)
{
    msdk_ringbuf_t rb;
    uint8_t st[4];
    uint8_t out[4];
    size_t n = 77;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, sizeof st), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_put(NULL, abc, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_put(&rb, NULL, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_put(&rb, abc, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_put_all(NULL, abc, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_put_byte(NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get(NULL, out, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, NULL, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, out, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get_all(NULL, out, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get_all(&rb, NULL, 1), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get_byte(NULL, out), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_get_byte(&rb, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_peek(NULL, 0, out, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 0, NULL, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 0, out, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_skip(NULL, 1, &n), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_ringbuf_skip(&rb, 1, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(n, 77u);
    /* Zero-length operations with NULL data are fine. */
    ck_assert_int_eq(msdk_ringbuf_put(&rb, NULL, 0, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, NULL, 0, &n), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_get_all(&rb, NULL, 0), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 0, NULL, 0, &n), MSDK_OK);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 0u);
}
END_TEST

START_TEST(ringbuf_partial_put_and_wrap)
{
    msdk_ringbuf_t rb;
    uint8_t st[7]; /* not a power of two */
    uint8_t out[10];
    size_t n = 0;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, sizeof st), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_put(&rb, abc, 10, &n), MSDK_OK);
    ck_assert_uint_eq(n, 7u); /* all 7 bytes usable */
    ck_assert(msdk_ringbuf_is_full(&rb));
    ck_assert_int_eq(msdk_ringbuf_put(&rb, abc, 1, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_int_eq(msdk_ringbuf_put_byte(&rb, 'z'), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, out, 5, &n), MSDK_OK);
    ck_assert_uint_eq(n, 5u);
    ck_assert_mem_eq(out, "abcde", 5);
    /* The next put wraps around the end of the storage. */
    ck_assert_int_eq(msdk_ringbuf_put(&rb, abc + 7, 3, &n), MSDK_OK);
    ck_assert_uint_eq(n, 3u);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 5u);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, out, 10, &n), MSDK_OK);
    ck_assert_uint_eq(n, 5u);
    ck_assert_mem_eq(out, "fghij", 5);
    ck_assert_int_eq(msdk_ringbuf_get(&rb, out, 10, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_int_eq(msdk_ringbuf_get_byte(&rb, out), MSDK_ERR_WOULD_BLOCK);
}
END_TEST

START_TEST(ringbuf_all_or_nothing)
{
    msdk_ringbuf_t rb;
    uint8_t st[5];
    uint8_t out[8];
    memset(out, TEST_GUARD, sizeof out);
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, sizeof st), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc, 6), MSDK_ERR_NO_SPACE);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 0u);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc, 3), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc, 3), MSDK_ERR_NO_SPACE);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc + 3, 2), MSDK_OK);
    ck_assert(msdk_ringbuf_is_full(&rb));
    ck_assert_int_eq(msdk_ringbuf_get_all(&rb, out, 6), MSDK_ERR_WOULD_BLOCK);
    test_assert_guard(out, sizeof out);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 5u);
    ck_assert_int_eq(msdk_ringbuf_get_all(&rb, out, 4), MSDK_OK);
    ck_assert_mem_eq(out, "abcd", 4);
    test_assert_guard(out + 4, 4);
    ck_assert_int_eq(msdk_ringbuf_get_byte(&rb, out), MSDK_OK);
    ck_assert_uint_eq(out[0], 'e');
    ck_assert(msdk_ringbuf_is_empty(&rb));
}
END_TEST

START_TEST(ringbuf_capacity_one)
{
    msdk_ringbuf_t rb;
    uint8_t st[1];
    uint8_t b = 0;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, 1), MSDK_OK);
    for (unsigned i = 0; i < 10u; i++) {
        ck_assert_int_eq(msdk_ringbuf_put_byte(&rb, (uint8_t)i), MSDK_OK);
        ck_assert_int_eq(msdk_ringbuf_put_byte(&rb, 0xFF), MSDK_ERR_NO_SPACE);
        ck_assert(msdk_ringbuf_is_full(&rb));
        ck_assert_int_eq(msdk_ringbuf_get_byte(&rb, &b), MSDK_OK);
        ck_assert_uint_eq(b, i);
        ck_assert_int_eq(msdk_ringbuf_get_byte(&rb, &b), MSDK_ERR_WOULD_BLOCK);
    }
}
END_TEST

START_TEST(ringbuf_peek_and_skip)
{
    msdk_ringbuf_t rb;
    uint8_t st[6];
    uint8_t out[8];
    size_t n = 0;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, sizeof st), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc, 4), MSDK_OK);
    ck_assert_int_eq(msdk_ringbuf_skip(&rb, 3, &n), MSDK_OK);
    ck_assert_uint_eq(n, 3u);
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc + 4, 5), MSDK_OK); /* wraps: d e f g h i */
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 0, out, 8, &n), MSDK_OK);
    ck_assert_uint_eq(n, 6u);
    ck_assert_mem_eq(out, "defghi", 6);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 2, out, 3, &n), MSDK_OK);
    ck_assert_uint_eq(n, 3u);
    ck_assert_mem_eq(out, "fgh", 3);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, 6, out, 3, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_int_eq(msdk_ringbuf_peek(&rb, SIZE_MAX, out, 3, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 6u); /* peek consumed nothing */
    ck_assert_int_eq(msdk_ringbuf_skip(&rb, SIZE_MAX, &n), MSDK_OK);
    ck_assert_uint_eq(n, 6u);
    ck_assert(msdk_ringbuf_is_empty(&rb));
    ck_assert_int_eq(msdk_ringbuf_put_all(&rb, abc, 2), MSDK_OK);
    msdk_ringbuf_reset(&rb);
    ck_assert(msdk_ringbuf_is_empty(&rb));
    ck_assert_uint_eq(msdk_ringbuf_free(&rb), 6u);
}
END_TEST

START_TEST(ringbuf_index_math_near_size_max)
{
    /* Indices close to 2 * size with the largest capacity allowed: the
     * counts must not overflow. No byte is accessed. */
    msdk_ringbuf_t rb;
    uint8_t dummy[1];
    size_t big = SIZE_MAX / 2u;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, dummy, big), MSDK_OK);
    rb.tail = 2u * big - 1u;
    rb.head = 0;
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), 1u);
    ck_assert_uint_eq(msdk_ringbuf_free(&rb), big - 1u);
    rb.head = big - 1u; /* head wrapped, tail one short of the wrap: full */
    ck_assert_uint_eq(msdk_ringbuf_used(&rb), big);
    ck_assert(msdk_ringbuf_is_full(&rb));
    size_t n = 9;
    ck_assert_int_eq(msdk_ringbuf_put(&rb, abc, 1, &n), MSDK_OK);
    ck_assert_uint_eq(n, 0u);
    ck_assert_int_eq(msdk_ringbuf_skip(&rb, big, &n), MSDK_OK); /* advance across the wrap */
    ck_assert_uint_eq(n, big);
    ck_assert_uint_eq(rb.tail, rb.head);
    ck_assert(msdk_ringbuf_is_empty(&rb));
}
END_TEST

START_TEST(ringbuf_guards_around_storage)
{
    uint8_t mem[TEST_GUARD_LEN + 13u + TEST_GUARD_LEN];
    memset(mem, TEST_GUARD, sizeof mem);
    msdk_ringbuf_t rb;
    TEST_QUICK_EQ(msdk_ringbuf_init(&rb, mem + TEST_GUARD_LEN, 13), MSDK_OK);
    uint8_t out[32];
    size_t n = 0;
    uint32_t rng = 0x6A12Du;
    for (unsigned i = 0; i < 5000u; i++) {
        size_t len = test_rand(&rng) % 20u;
        TEST_QUICK_EQ(msdk_ringbuf_put(&rb, abc, len < 10u ? len : 10u, &n), MSDK_OK);
        TEST_QUICK_EQ(msdk_ringbuf_get(&rb, out, test_rand(&rng) % 20u, &n), MSDK_OK);
    }
    test_assert_guard(mem, TEST_GUARD_LEN);
    test_assert_guard(mem + TEST_GUARD_LEN + 13u, TEST_GUARD_LEN);
}
END_TEST

/* ---- Randomised comparison with a reference queue ----------------------- */

#define MODEL_MAX 128u

typedef struct {
    uint8_t data[MODEL_MAX * 4u];
    size_t head; /* index of the oldest byte in data[] */
    size_t count;
} model_t;

static void model_put(model_t *m, const uint8_t *p, size_t n)
{
    if (m->head + m->count + n > sizeof m->data) { /* compact */
        memmove(m->data, m->data + m->head, m->count);
        m->head = 0;
    }
    memcpy(m->data + m->head + m->count, p, n);
    m->count += n;
}

static void model_drop(model_t *m, size_t n)
{
    m->head += n;
    m->count -= n;
}

/* Check's assertions report each passing check to the runner, which is slow
 * over 160,000 random steps; these only call into Check on failure. */
#define MODEL_EQ(x, y)                                                                             \
    do {                                                                                           \
        if ((x) != (y)) {                                                                          \
            ck_abort_msg("cap %zu step %u: %s != %s", cap, iter, #x, #y);                          \
        }                                                                                          \
    } while (0)
#define MODEL_MEM_EQ(x, y, n)                                                                      \
    do {                                                                                           \
        if (memcmp((x), (y), (n)) != 0) {                                                          \
            ck_abort_msg("cap %zu step %u: bytes differ", cap, iter);                              \
        }                                                                                          \
    } while (0)
#define MODEL_TRUE(c) MODEL_EQ(!!(c), 1)

static void run_model(size_t cap, uint32_t seed)
{
    uint8_t st[MODEL_MAX];
    uint8_t in[MODEL_MAX + 8u];
    uint8_t out[MODEL_MAX + 8u];
    msdk_ringbuf_t rb;
    model_t m;
    memset(&m, 0, sizeof m);
    uint32_t rng = seed;
    ck_assert_int_eq(msdk_ringbuf_init(&rb, st, cap), MSDK_OK);
    for (unsigned iter = 0; iter < 20000u; iter++) {
        size_t len = test_rand(&rng) % (cap + 3u);
        size_t n = 0;
        for (size_t i = 0; i < len; i++) {
            in[i] = (uint8_t)test_rand(&rng);
        }
        size_t room = cap - m.count;
        switch (test_rand(&rng) % 9u) {
        case 0:
            MODEL_EQ(msdk_ringbuf_put(&rb, in, len, &n), MSDK_OK);
            MODEL_EQ(n, len < room ? len : room);
            model_put(&m, in, n);
            break;
        case 1:
            MODEL_EQ(msdk_ringbuf_put_all(&rb, in, len), len <= room ? MSDK_OK : MSDK_ERR_NO_SPACE);
            if (len <= room) {
                model_put(&m, in, len);
            }
            break;
        case 2:
            MODEL_EQ(msdk_ringbuf_put_byte(&rb, in[0]), room > 0u ? MSDK_OK : MSDK_ERR_NO_SPACE);
            if (room > 0u) {
                model_put(&m, in, 1);
            }
            break;
        case 3:
            MODEL_EQ(msdk_ringbuf_get(&rb, out, len, &n), MSDK_OK);
            MODEL_EQ(n, len < m.count ? len : m.count);
            MODEL_MEM_EQ(out, m.data + m.head, n);
            model_drop(&m, n);
            break;
        case 4:
            MODEL_EQ(msdk_ringbuf_get_all(&rb, out, len),
                     len <= m.count ? MSDK_OK : MSDK_ERR_WOULD_BLOCK);
            if (len <= m.count) {
                MODEL_MEM_EQ(out, m.data + m.head, len);
                model_drop(&m, len);
            }
            break;
        case 5:
            MODEL_EQ(msdk_ringbuf_get_byte(&rb, out),
                     m.count > 0u ? MSDK_OK : MSDK_ERR_WOULD_BLOCK);
            if (m.count > 0u) {
                MODEL_EQ(out[0], m.data[m.head]);
                model_drop(&m, 1);
            }
            break;
        case 6: {
            size_t off = test_rand(&rng) % (cap + 2u);
            size_t want = off < m.count ? m.count - off : 0u;
            MODEL_EQ(msdk_ringbuf_peek(&rb, off, out, len, &n), MSDK_OK);
            MODEL_EQ(n, len < want ? len : want);
            MODEL_MEM_EQ(out, m.data + m.head + off, n);
            break;
        }
        case 7:
            MODEL_EQ(msdk_ringbuf_skip(&rb, len, &n), MSDK_OK);
            MODEL_EQ(n, len < m.count ? len : m.count);
            model_drop(&m, n);
            break;
        default:
            if (test_rand(&rng) % 50u == 0u) {
                msdk_ringbuf_reset(&rb);
                m.head = 0;
                m.count = 0;
            }
            break;
        }
        MODEL_EQ(msdk_ringbuf_used(&rb), m.count);
        MODEL_EQ(msdk_ringbuf_free(&rb), cap - m.count);
        MODEL_TRUE(msdk_ringbuf_is_empty(&rb) == (m.count == 0u));
        MODEL_TRUE(msdk_ringbuf_is_full(&rb) == (m.count == cap));
    }
}

START_TEST(ringbuf_random_model)
{
    static const size_t caps[] = { 1, 2, 3, 7, 16, 61, 100, MODEL_MAX };
    uint32_t seed = test_seed("ringbuf_random_model", 0x52494E47u);
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        run_model(caps[i], seed + (uint32_t)i);
    }
}
END_TEST

/* ---- Two threads ----------------------------------------------------------- */

#define SPSC_BYTES 200000u

typedef struct {
    msdk_ringbuf_t rb;
    uint8_t storage[61];
} spsc_t;

static void *spsc_producer(void *arg)
{
    spsc_t *s = arg;
    uint32_t sent = 0;
    uint8_t chunk[17];
    while (sent < SPSC_BYTES) {
        size_t len = 1u + sent % sizeof chunk;
        if (len > SPSC_BYTES - sent) {
            len = SPSC_BYTES - sent;
        }
        for (size_t i = 0; i < len; i++) {
            chunk[i] = (uint8_t)((sent + i) * 7u);
        }
        size_t n = 0;
        if (msdk_ringbuf_put(&s->rb, chunk, len, &n) != MSDK_OK) {
            return NULL;
        }
        sent += (uint32_t)n;
        if (n == 0u) {
            sched_yield();
        }
    }
    return NULL;
}

START_TEST(ringbuf_two_threads)
{
    static spsc_t s;
    TEST_QUICK_EQ(msdk_ringbuf_init(&s.rb, s.storage, sizeof s.storage), MSDK_OK);
    pthread_t th;
    TEST_QUICK_EQ(pthread_create(&th, NULL, spsc_producer, &s), 0);
    uint32_t got = 0;
    uint8_t buf[23];
    while (got < SPSC_BYTES) {
        size_t n = 0;
        TEST_QUICK_EQ(msdk_ringbuf_get(&s.rb, buf, 1u + got % sizeof buf, &n), MSDK_OK);
        for (size_t i = 0; i < n; i++) {
            TEST_QUICK_EQ(buf[i], (uint8_t)((got + i) * 7u));
        }
        got += (uint32_t)n;
        if (n == 0u) {
            sched_yield();
        }
    }
    TEST_QUICK_EQ(pthread_join(th, NULL), 0);
    TEST_QUICK_TRUE(msdk_ringbuf_is_empty(&s.rb));
}
END_TEST

Suite *ringbuf_suite(void)
{
    Suite *s = suite_create("ringbuf");
    TCase *tc = tcase_create("ringbuf");
    tcase_add_test(tc, ringbuf_init_args);
    tcase_add_test(tc, ringbuf_null_args);
    tcase_add_test(tc, ringbuf_partial_put_and_wrap);
    tcase_add_test(tc, ringbuf_all_or_nothing);
    tcase_add_test(tc, ringbuf_capacity_one);
    tcase_add_test(tc, ringbuf_peek_and_skip);
    tcase_add_test(tc, ringbuf_index_math_near_size_max);
    tcase_add_test(tc, ringbuf_guards_around_storage);
    suite_add_tcase(s, tc);
    tc = tcase_create("model");
    tcase_add_test(tc, ringbuf_random_model);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    tc = tcase_create("threads");
    tcase_add_test(tc, ringbuf_two_threads);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}
