/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* unit.fakes: the RAM NVM and the power-cut injector.
 *
 * The injector is checked against a reference model written here, apart from
 * the injector's code: for every cut point k of a scripted workload, every
 * cut mode and both after-cut behaviours, the backing store must equal the
 * reference byte for byte, and the return codes must be the promised ones. */
#include <stdint.h>
#include <string.h>
#include <check.h>
#include "fake_nvm.h"
#include "msdk/port/nvm.h"

Suite *fake_nvm_suite(void);
Suite *fake_nvm_cut_suite(void);

#define MEM_MAX 512u

/* Guard bytes around the backing store catch writes outside the region. */
#define GUARD     16u
#define GUARD_VAL 0xA5u

typedef struct backing {
    uint8_t pre[GUARD];
    uint8_t mem[MEM_MAX];
    uint8_t post[GUARD];
} backing_t;

static void guards_set(backing_t *b)
{
    memset(b->pre, GUARD_VAL, sizeof(b->pre));
    memset(b->post, GUARD_VAL, sizeof(b->post));
}

static void guards_check(const backing_t *b)
{
    for (size_t i = 0; i < GUARD; i++) {
        ck_assert_uint_eq(b->pre[i], GUARD_VAL);
        ck_assert_uint_eq(b->post[i], GUARD_VAL);
    }
}

/* An LCG of the test's own, for initial content and program data. */
static uint8_t test_byte(uint32_t seed, uint32_t i)
{
    uint32_t x = seed * 1103515245u + i * 12345u + 0x3039u;
    x ^= x >> 11;
    x *= 2654435761u;
    return (uint8_t)(x >> 23);
}

/* Independent xorshift32 as documented in fake_nvm.h. */
static uint32_t ref_xorshift32(uint32_t *s)
{
    uint32_t x = (*s == 0u) ? 0x9E3779B9u : *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

/* ---- RAM NVM ----------------------------------------------------------------- */

static const msdk_nvm_geometry_t geo_small = {
    .size = 256u, .sector_size = 64u, .page_size = 16u, .prog_align = 1u
};

START_TEST(fake_nvm_rejects_bad_init)
{
    static backing_t b;
    msdk_fake_nvm_t f;
    msdk_nvm_geometry_t bad = geo_small;
    bad.sector_size = 48u;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &bad, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, NULL, &geo_small, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_nvm_init(NULL, b.mem, &geo_small, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, NULL, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

START_TEST(fake_nvm_nor_semantics_and_counters)
{
    static backing_t b;
    uint32_t wear[4] = { 0 };
    msdk_fake_nvm_t f;
    guards_set(&b);
    memset(b.mem, 0x00, sizeof(b.mem));
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo_small, wear), MSDK_OK);
    ck_assert_ptr_nonnull(f.nvm.ops);
    ck_assert_ptr_eq(f.nvm.ctx, &f);

    ck_assert_int_eq(msdk_nvm_erase(&f.nvm, 64u), MSDK_OK);
    for (uint32_t i = 0; i < 256u; i++) {
        ck_assert_uint_eq(b.mem[i], ((i >= 64u) && (i < 128u)) ? 0xFFu : 0x00u);
    }
    ck_assert_uint_eq(wear[1], 1u);
    ck_assert_uint_eq(wear[0] + wear[2] + wear[3], 0u);

    const uint8_t a[4] = { 0xF0u, 0x0Fu, 0xAAu, 0xFFu };
    const uint8_t c[4] = { 0x3Cu, 0x3Cu, 0xFFu, 0x00u };
    ck_assert_int_eq(msdk_nvm_program(&f.nvm, 70u, a, 4u), MSDK_OK);
    ck_assert_uint_eq(f.stats.overprograms, 0u);
    ck_assert_int_eq(msdk_nvm_program(&f.nvm, 70u, c, 4u), MSDK_OK);
    /* 0xFF over 0xAA asks for bits to come back: counted, still ANDed. */
    ck_assert_uint_eq(f.stats.overprograms, 1u);
    uint8_t r[4];
    ck_assert_int_eq(msdk_nvm_read(&f.nvm, 70u, r, 4u), MSDK_OK);
    ck_assert_uint_eq(r[0], 0x30u);
    ck_assert_uint_eq(r[1], 0x0Cu);
    ck_assert_uint_eq(r[2], 0xAAu);
    ck_assert_uint_eq(r[3], 0x00u);

    ck_assert_uint_eq(f.stats.programs, 2u);
    ck_assert_uint_eq(f.stats.erases, 1u);
    ck_assert_uint_eq(f.stats.reads, 1u);
    ck_assert_uint_eq(f.stats.bytes_programmed, 8u);
    ck_assert_uint_eq(f.stats.bytes_read, 4u);

    /* Direct calls that bypass the wrappers are rejected and counted. */
    ck_assert_int_eq(f.nvm.ops->program(&f, 60u, a, 8u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(f.nvm.ops->read(&f, 250u, r, 8u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(f.nvm.ops->erase(&f, 65u), MSDK_ERR_ALIGNMENT);
    ck_assert_int_eq(f.nvm.ops->erase(&f, 256u), MSDK_ERR_INVALID_ARG);
    ck_assert_uint_eq(f.stats.rejected, 4u);
    ck_assert_uint_eq(b.mem[60], 0x00u);
    guards_check(&b);
}
END_TEST

START_TEST(fake_nvm_reinit_keeps_content)
{
    static backing_t b;
    msdk_fake_nvm_t f;
    guards_set(&b);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo_small, NULL), MSDK_OK);
    msdk_fake_nvm_erase_all(&f);
    ck_assert_uint_eq(f.stats.erases, 0u);
    const uint8_t d[3] = { 1u, 2u, 3u };
    ck_assert_int_eq(msdk_nvm_program(&f.nvm, 17u, d, 3u), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo_small, NULL), MSDK_OK);
    ck_assert_uint_eq(f.stats.programs, 0u);
    uint8_t r[5];
    ck_assert_int_eq(msdk_nvm_read(&f.nvm, 16u, r, 5u), MSDK_OK);
    const uint8_t want[5] = { 0xFFu, 1u, 2u, 3u, 0xFFu };
    ck_assert_mem_eq(r, want, 5u);
    guards_check(&b);
}
END_TEST

START_TEST(fake_prng_is_xorshift32)
{
    uint32_t s = 1u;
    ck_assert_uint_eq(msdk_fake_prng_next(&s), 270369u);
    ck_assert_uint_eq(s, 270369u);
    uint32_t a = 0u;
    uint32_t r = 0u;
    for (int i = 0; i < 1000; i++) {
        ck_assert_uint_eq(msdk_fake_prng_next(&a), ref_xorshift32(&r));
    }
}
END_TEST

/* ---- Power-cut injector -------------------------------------------------------- */

typedef struct script_op {
    char kind; /* 'P' program, 'E' erase */
    uint32_t addr;
    uint32_t len;
} script_op_t;

/* Geometry 1: NOR with byte programming; odd lengths, programs over
 * programmed data, erases of written sectors. */
static const msdk_nvm_geometry_t geo1 = {
    .size = 256u, .sector_size = 64u, .page_size = 16u, .prog_align = 1u
};
static const script_op_t script1[] = {
    { 'E', 0u, 0u },   { 'P', 0u, 16u },   { 'P', 16u, 1u },  { 'P', 17u, 3u },  { 'E', 64u, 0u },
    { 'P', 64u, 16u }, { 'P', 80u, 15u },  { 'P', 0u, 16u },  { 'E', 0u, 0u },   { 'P', 32u, 2u },
    { 'E', 192u, 0u }, { 'P', 240u, 16u }, { 'P', 128u, 7u }, { 'E', 128u, 0u },
};

/* Geometry 2: 4-byte program units (internal flash style); torn prefixes of
 * 1 byte must still be written with aligned calls. */
static const msdk_nvm_geometry_t geo2 = {
    .size = 256u, .sector_size = 64u, .page_size = 32u, .prog_align = 4u
};
static const script_op_t script2[] = {
    { 'P', 0u, 32u },  { 'E', 64u, 0u },  { 'P', 64u, 8u }, { 'P', 72u, 4u },  { 'E', 0u, 0u },
    { 'P', 36u, 12u }, { 'P', 96u, 32u }, { 'E', 64u, 0u }, { 'P', 200u, 8u }, { 'E', 192u, 0u },
};

/* Geometry 3: sector = page, 8-byte units; a half erase keeps 32 of 64. */
static const msdk_nvm_geometry_t geo3 = {
    .size = 192u, .sector_size = 64u, .page_size = 64u, .prog_align = 8u
};
static const script_op_t script3[] = {
    { 'P', 0u, 64u }, { 'P', 64u, 24u }, { 'E', 0u, 0u },
    { 'P', 8u, 8u },  { 'E', 64u, 0u },  { 'P', 128u, 16u },
};

static void op_data(uint8_t *out, uint32_t op_index, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        out[i] = test_byte(0x1000u + op_index, i);
    }
}

/* The reference: what the store must hold after the script with a cut at k. */
static void reference(uint8_t *ref, const msdk_nvm_geometry_t *geo, const script_op_t *ops,
                      uint32_t nops, uint32_t k, msdk_fake_nvm_cut_mode_t mode, uint32_t seed)
{
    uint8_t data[64];
    for (uint32_t i = 0; (i < nops) && (i <= k); i++) {
        const script_op_t *op = &ops[i];
        if (op->kind == 'P') {
            uint32_t n = op->len;
            if (i == k) {
                switch (mode) {
                case MSDK_FAKE_NVM_CUT_PROG_ONE: n = 1u; break;
                case MSDK_FAKE_NVM_CUT_PROG_HALF: n = op->len / 2u; break;
                case MSDK_FAKE_NVM_CUT_PROG_ALL_BUT_ONE: n = op->len - 1u; break;
                default: n = 0u; break;
                }
            }
            op_data(data, i, op->len);
            for (uint32_t j = 0; j < n; j++) {
                ref[op->addr + j] &= data[j];
            }
        } else if (i < k) {
            memset(&ref[op->addr], 0xFF, geo->sector_size);
        } else if (mode == MSDK_FAKE_NVM_CUT_ERASE_HALF) {
            uint32_t half = ((geo->sector_size / 2u) / geo->prog_align) * geo->prog_align;
            memset(&ref[op->addr], 0xFF, half);
        } else if (mode == MSDK_FAKE_NVM_CUT_ERASE_RANDOM) {
            uint32_t s = seed;
            for (uint32_t j = 0; j < geo->sector_size; j++) {
                ref[op->addr + j] = (uint8_t)(ref_xorshift32(&s) >> 24);
            }
        }
    }
}

static void count_cut(void *ctx)
{
    (*(int *)ctx)++;
}

static void run_cut_matrix(const msdk_nvm_geometry_t *geo, const script_op_t *ops, uint32_t nops)
{
    static backing_t b;
    static uint8_t ref[MEM_MAX];
    static uint8_t scratch[MEM_MAX];
    uint8_t data[64];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;

    for (int after = 0; after <= (int)MSDK_FAKE_NVM_AFTER_CUT_EIO; after++) {
        for (int mode = 0; mode < (int)MSDK_FAKE_NVM_CUT_MODE_COUNT; mode++) {
            for (uint32_t k = 0; k <= nops; k++) {
                const uint32_t seed = 0xBEEF0000u + k;
                guards_set(&b);
                for (uint32_t i = 0; i < geo->size; i++) {
                    b.mem[i] = test_byte(7u, i);
                }
                memcpy(ref, b.mem, geo->size);
                reference(ref, geo, ops, nops, k, (msdk_fake_nvm_cut_mode_t)mode, seed);

                ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, geo, NULL), MSDK_OK);
                int cuts = 0;
                msdk_fake_nvm_cut_config_t cfg = {
                    .armed = true,
                    .cut_after = k,
                    .mode = (msdk_fake_nvm_cut_mode_t)mode,
                    .after = (msdk_fake_nvm_after_cut_t)after,
                    .seed = seed,
                    .scratch = scratch,
                    .scratch_size = sizeof(scratch),
                    .on_cut = count_cut,
                    .on_cut_ctx = &cuts,
                };
                ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_OK);

                const msdk_err_t late =
                    (after == (int)MSDK_FAKE_NVM_AFTER_CUT_EIO) ? MSDK_ERR_IO : MSDK_OK;
                for (uint32_t i = 0; i < nops; i++) {
                    msdk_err_t err;
                    if (ops[i].kind == 'P') {
                        op_data(data, i, ops[i].len);
                        err = msdk_nvm_program(&cut.nvm, ops[i].addr, data, ops[i].len);
                    } else {
                        err = msdk_nvm_erase(&cut.nvm, ops[i].addr);
                    }
                    ck_assert_msg(err == ((i < k) ? MSDK_OK : late),
                                  "after %d mode %d k %u: op %u returned %d", after, mode,
                                  (unsigned)k, (unsigned)i, (int)err);
                }
                /* Dropped operations after the script: still no effect. */
                if (k < nops) {
                    for (uint32_t s = 0; s < geo->size; s += geo->sector_size) {
                        ck_assert_int_eq(msdk_nvm_erase(&cut.nvm, s), late);
                    }
                    memset(data, 0, sizeof(data));
                    ck_assert_int_eq(msdk_nvm_program(&cut.nvm, 0u, data, geo->prog_align), late);
                }

                ck_assert(msdk_fake_nvm_cut_reached(&cut) == (k < nops));
                ck_assert_int_eq(cuts, (k < nops) ? 1 : 0);
                if (k < nops) {
                    ck_assert_uint_eq(cut.cut_addr, ops[k].addr);
                    ck_assert_int_eq(cut.cut_op, (ops[k].kind == 'P') ? MSDK_FAKE_NVM_OP_PROGRAM
                                                                      : MSDK_FAKE_NVM_OP_ERASE);
                }
                if (memcmp(b.mem, ref, geo->size) != 0) {
                    uint32_t i = 0;
                    while (b.mem[i] == ref[i]) {
                        i++;
                    }
                    ck_abort_msg("after %d mode %d k %u: byte %u is 0x%02x, reference 0x%02x",
                                 after, mode, (unsigned)k, (unsigned)i, b.mem[i], ref[i]);
                }
                guards_check(&b);

                uint8_t r[8];
                msdk_err_t rerr = msdk_nvm_read(&cut.nvm, 0u, r, sizeof(r));
                if ((k < nops) && (after == (int)MSDK_FAKE_NVM_AFTER_CUT_EIO)) {
                    ck_assert_int_eq(rerr, MSDK_ERR_IO);
                } else {
                    ck_assert_int_eq(rerr, MSDK_OK);
                    ck_assert_mem_eq(r, ref, sizeof(r));
                }

                /* Reboot: the same RAM, the injector disarmed: everything passes. */
                ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, geo, NULL), MSDK_OK);
                ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, NULL), MSDK_OK);
                uint32_t last = geo->size - geo->sector_size;
                ck_assert_int_eq(msdk_nvm_erase(&cut.nvm, last), MSDK_OK);
                memset(data, 0x5A, sizeof(data));
                ck_assert_int_eq(msdk_nvm_program(&cut.nvm, last, data, geo->prog_align), MSDK_OK);
                ck_assert_int_eq(msdk_nvm_read(&cut.nvm, 0u, r, sizeof(r)), MSDK_OK);
                ck_assert_mem_eq(r, ref, sizeof(r));
                ck_assert_uint_eq(b.mem[last], 0x5Au);
                ck_assert_uint_eq(b.mem[last + geo->sector_size - 1u], 0xFFu);
                ck_assert(!msdk_fake_nvm_cut_reached(&cut));
                ck_assert_uint_eq(msdk_fake_nvm_cut_op_count(&cut), 2u);
                guards_check(&b);
            }
        }
    }
}

START_TEST(cut_matrix_byte_program)
{
    run_cut_matrix(&geo1, script1, (uint32_t)(sizeof(script1) / sizeof(script1[0])));
}
END_TEST

START_TEST(cut_matrix_word_program)
{
    run_cut_matrix(&geo2, script2, (uint32_t)(sizeof(script2) / sizeof(script2[0])));
}
END_TEST

START_TEST(cut_matrix_sector_is_page)
{
    run_cut_matrix(&geo3, script3, (uint32_t)(sizeof(script3) / sizeof(script3[0])));
}
END_TEST

START_TEST(cut_disarmed_passes_through_and_counts)
{
    static backing_t b;
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    guards_set(&b);
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo1, NULL), MSDK_OK);
    msdk_fake_nvm_erase_all(&f);
    msdk_fake_nvm_cut_config_t cfg = { 0 };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_OK);
    ck_assert_uint_eq(cut.nvm.geo.size, geo1.size);
    ck_assert_uint_eq(cut.nvm.geo.page_size, geo1.page_size);
    const uint8_t d[2] = { 0x12u, 0x34u };
    for (int i = 0; i < 10; i++) {
        ck_assert_int_eq(msdk_nvm_program(&cut.nvm, 2u * (uint32_t)i, d, 2u), MSDK_OK);
    }
    ck_assert_int_eq(msdk_nvm_erase(&cut.nvm, 64u), MSDK_OK);
    uint8_t r[2];
    ck_assert_int_eq(msdk_nvm_read(&cut.nvm, 18u, r, 2u), MSDK_OK);
    ck_assert_mem_eq(r, d, 2u);
    ck_assert_uint_eq(msdk_fake_nvm_cut_op_count(&cut), 11u);
    ck_assert(!msdk_fake_nvm_cut_reached(&cut));
    ck_assert_uint_eq(f.stats.programs, 10u);
    ck_assert_uint_eq(f.stats.erases, 1u);
    /* Invalid calls are stopped by the wrappers and do not count. */
    ck_assert_int_eq(msdk_nvm_program(&cut.nvm, 15u, d, 2u), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_nvm_erase(&cut.nvm, 3u), MSDK_ERR_ALIGNMENT);
    ck_assert_uint_eq(msdk_fake_nvm_cut_op_count(&cut), 11u);
    guards_check(&b);
}
END_TEST

START_TEST(cut_beyond_workload_is_never_reached)
{
    static backing_t b;
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo1, NULL), MSDK_OK);
    msdk_fake_nvm_erase_all(&f);
    msdk_fake_nvm_cut_config_t cfg = { .armed = true, .cut_after = 3u };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_OK);
    const uint8_t d = 0u;
    for (uint32_t i = 0; i < 3u; i++) {
        ck_assert_int_eq(msdk_nvm_program(&cut.nvm, i, &d, 1u), MSDK_OK);
        ck_assert(!msdk_fake_nvm_cut_reached(&cut));
    }
    ck_assert_int_eq(msdk_nvm_program(&cut.nvm, 3u, &d, 1u), MSDK_OK);
    ck_assert(msdk_fake_nvm_cut_reached(&cut));
    ck_assert_uint_eq(b.mem[2], 0x00u);
    ck_assert_uint_eq(b.mem[3], 0xFFu);
    ck_assert_uint_eq(cut.cut_applied, 0u);
}
END_TEST

START_TEST(cut_init_rejects_bad_config)
{
    static backing_t b;
    static uint8_t scratch[32];
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t cut;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo1, NULL), MSDK_OK);
    msdk_fake_nvm_cut_config_t cfg = { .armed = true, .mode = MSDK_FAKE_NVM_CUT_ERASE_HALF };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.scratch = scratch;
    cfg.scratch_size = 31u; /* needs sector_size / 2 = 32 */
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.scratch_size = 32u;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_OK);
    cfg.mode = MSDK_FAKE_NVM_CUT_MODE_COUNT;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_ERR_INVALID_ARG);
    cfg.mode = MSDK_FAKE_NVM_CUT_CLEAN;
    cfg.after = (msdk_fake_nvm_after_cut_t)2;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &f.nvm, &cfg), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, NULL, NULL), MSDK_ERR_INVALID_ARG);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(NULL, &f.nvm, NULL), MSDK_ERR_INVALID_ARG);

    /* prog_align above the injector's chunk buffer. */
    msdk_nvm_t wide = f.nvm;
    wide.geo.size = 4096u;
    wide.geo.sector_size = 4096u;
    wide.geo.page_size = 512u;
    wide.geo.prog_align = 512u;
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&cut, &wide, NULL), MSDK_ERR_INVALID_ARG);
}
END_TEST

/* The injector stacks: a cut injector over a cut injector behaves as the
 * first cut of the two. */
START_TEST(cut_decorates_any_nvm)
{
    static backing_t b;
    msdk_fake_nvm_t f;
    msdk_fake_nvm_cut_t inner;
    msdk_fake_nvm_cut_t outer;
    ck_assert_int_eq(msdk_fake_nvm_init(&f, b.mem, &geo1, NULL), MSDK_OK);
    msdk_fake_nvm_erase_all(&f);
    msdk_fake_nvm_cut_config_t ci = { .armed = true,
                                      .cut_after = 5u,
                                      .after = MSDK_FAKE_NVM_AFTER_CUT_EIO };
    msdk_fake_nvm_cut_config_t co = { .armed = true,
                                      .cut_after = 2u,
                                      .mode = MSDK_FAKE_NVM_CUT_PROG_HALF };
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&inner, &f.nvm, &ci), MSDK_OK);
    ck_assert_int_eq(msdk_fake_nvm_cut_init(&outer, &inner.nvm, &co), MSDK_OK);
    uint8_t d[4] = { 0u, 0u, 0u, 0u };
    for (uint32_t i = 0; i < 4u; i++) {
        ck_assert_int_eq(msdk_nvm_program(&outer.nvm, 4u * i, d, 4u), MSDK_OK);
    }
    ck_assert(msdk_fake_nvm_cut_reached(&outer));
    ck_assert(!msdk_fake_nvm_cut_reached(&inner));
    /* Two complete programs, half of the third, nothing of the fourth. */
    for (uint32_t i = 0; i < 16u; i++) {
        ck_assert_uint_eq(b.mem[i], (i < 10u) ? 0x00u : 0xFFu);
    }
    ck_assert_uint_eq(outer.cut_applied, 2u);
}
END_TEST

Suite *fake_nvm_suite(void)
{
    Suite *s = suite_create("fake_nvm");
    TCase *tc = tcase_create("ram");
    tcase_add_test(tc, fake_nvm_rejects_bad_init);
    tcase_add_test(tc, fake_nvm_nor_semantics_and_counters);
    tcase_add_test(tc, fake_nvm_reinit_keeps_content);
    tcase_add_test(tc, fake_prng_is_xorshift32);
    suite_add_tcase(s, tc);
    return s;
}

Suite *fake_nvm_cut_suite(void)
{
    Suite *s = suite_create("fake_nvm_cut");
    TCase *tc = tcase_create("injector");
    tcase_add_test(tc, cut_matrix_byte_program);
    tcase_add_test(tc, cut_matrix_word_program);
    tcase_add_test(tc, cut_matrix_sector_is_page);
    tcase_add_test(tc, cut_disarmed_passes_through_and_counts);
    tcase_add_test(tc, cut_beyond_workload_is_never_reached);
    tcase_add_test(tc, cut_init_rejects_bad_config);
    tcase_add_test(tc, cut_decorates_any_nvm);
    suite_add_tcase(s, tc);
    return s;
}
