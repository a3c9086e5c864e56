/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Test fakes: a RAM NVM region with NOR semantics, and a power-cut
 *        injector that decorates any msdk_nvm_t.
 *
 * Plain C, no test framework: usable from Check suites, fuzz harnesses and
 * firmware tests under QEMU. All memory is the caller's.
 *
 * The power-cut loop of a storage test (littlefs's reentrant tests):
 * @code
 * static uint8_t ram[64 * 1024];
 * msdk_fake_nvm_t flash;
 * msdk_fake_nvm_cut_t cut;
 * memset(ram, 0xFF, sizeof(ram));
 * (void)msdk_fake_nvm_init(&flash, ram, &geo, NULL);
 * for (uint32_t k = 0;; k++) {
 *     msdk_fake_nvm_cut_config_t cfg = { .armed = true, .cut_after = k,
 *                                        .mode = MSDK_FAKE_NVM_CUT_PROG_HALF };
 *     (void)msdk_fake_nvm_cut_init(&cut, &flash.nvm, &cfg);
 *     run_workload(&cut.nvm);                       // until done or the cut
 *     bool cut_hit = msdk_fake_nvm_cut_reached(&cut);
 *     (void)msdk_fake_nvm_cut_init(&cut, &flash.nvm, NULL);   // "reboot"
 *     check_invariants_after_mount(&cut.nvm);
 *     if (!cut_hit) { break; }                      // every point covered
 * }
 * @endcode
 */
#ifndef MSDK_TEST_FAKE_NVM_H
#define MSDK_TEST_FAKE_NVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/err.h"
#include "msdk/port/nvm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- RAM NVM with NOR semantics ---------------------------------------- */

/** @brief Operation counters of a fake NVM region (reset by msdk_fake_nvm_init()). */
typedef struct msdk_fake_nvm_stats {
    uint32_t reads;            /**< read calls that succeeded. */
    uint32_t programs;         /**< program calls that succeeded. */
    uint32_t erases;           /**< erase calls that succeeded. */
    uint64_t bytes_read;       /**< Sum of the lengths of successful reads. */
    uint64_t bytes_programmed; /**< Sum of the lengths of successful programs. */
    /** Programs that asked for a 0 bit to become 1 (new & ~old != 0). Legal
     *  on NOR (the result is old AND new), but usually a storage-layer bug. */
    uint32_t overprograms;
    /** Calls with invalid arguments (possible only by calling the ops table
     *  directly; the msdk_nvm_*() wrappers filter them). */
    uint32_t rejected;
} msdk_fake_nvm_stats_t;

/**
 * @brief A RAM-backed NVM region. Hand @c &fake.nvm to the code under test.
 *
 * Read copies; program ANDs; erase sets the sector to 0xFF. The ops check
 * their arguments like the wrappers do (bounds, alignment, page crossing) and
 * reject bad calls with ::MSDK_ERR_INVALID_ARG / ::MSDK_ERR_ALIGNMENT and
 * a count in @c stats.rejected. A test decorator may call @c fake.nvm.ops
 * directly with @c &fake as context.
 */
typedef struct msdk_fake_nvm {
    msdk_nvm_t nvm;              /**< The instance (ops, ctx = this struct, geometry). */
    uint8_t *mem;                /**< Backing store, geo.size bytes, caller's. */
    uint32_t *erase_counts;      /**< Optional per-sector erase counters, or NULL. */
    msdk_fake_nvm_stats_t stats; /**< Counters. */
} msdk_fake_nvm_t;

/**
 * @brief Set up a fake region over caller memory, keeping its content.
 *
 * The memory is not touched, so re-initialising over the same RAM is a
 * "reboot" that keeps what was stored. Fill it with 0xFF first (or call
 * msdk_fake_nvm_erase_all()) for a blank chip.
 * @param[out] fake         Object to initialise; must not move afterwards.
 * @param[in]  mem          geo->size bytes.
 * @param[in]  geo          Geometry; must pass msdk_nvm_geometry_check().
 * @param[in]  erase_counts NULL, or one counter per sector (geo->size /
 *                          geo->sector_size), incremented by every erase and
 *                          left as they are by this call (wear survives reboots).
 * @retval MSDK_OK              Ready; counters zeroed.
 * @retval MSDK_ERR_INVALID_ARG NULL @p fake, @p mem or @p geo, or a bad geometry.
 */
MSDK_NODISCARD msdk_err_t msdk_fake_nvm_init(msdk_fake_nvm_t *fake, uint8_t *mem,
                                             const msdk_nvm_geometry_t *geo,
                                             uint32_t *erase_counts);

/**
 * @brief Set the whole region to 0xFF without counting operations (a blank chip).
 * @param[in,out] fake Initialised fake.
 */
void msdk_fake_nvm_erase_all(msdk_fake_nvm_t *fake);

/* ---- Power-cut injector --------------------------------------------------- */

/**
 * @brief What the interrupted operation leaves behind.
 *
 * The injector counts program and erase calls (reads do not count). With
 * @c cut_after = k, calls 0..k-1 complete normally and call k (0-based) is
 * the one the power fails in. A mode that names the other kind of operation
 * than call k's (a program mode when call k is an erase, or the reverse)
 * cuts it cleanly.
 */
typedef enum msdk_fake_nvm_cut_mode {
    /** Call k is not applied at all (also: a torn program with a prefix of 0 bytes). */
    MSDK_FAKE_NVM_CUT_CLEAN = 0,
    /** A program call k applies its first byte only (ANDed into the old content). */
    MSDK_FAKE_NVM_CUT_PROG_ONE = 1,
    /** A program call k applies its first len / 2 bytes. */
    MSDK_FAKE_NVM_CUT_PROG_HALF = 2,
    /** A program call k applies its first len - 1 bytes. */
    MSDK_FAKE_NVM_CUT_PROG_ALL_BUT_ONE = 3,
    /** An erase call k sets the first half of the sector (sector_size / 2
     *  rounded down to prog_align) to 0xFF and leaves the rest as it was.
     *  Needs a scratch buffer for the rest: sector_size / 2 bytes when
     *  prog_align divides sector_size / 2. */
    MSDK_FAKE_NVM_CUT_ERASE_HALF = 4,
    /** An erase call k leaves the sector with bytes from the seeded PRNG
     *  (msdk_fake_prng_next(), one output per byte, its top 8 bits). */
    MSDK_FAKE_NVM_CUT_ERASE_RANDOM = 5,
    MSDK_FAKE_NVM_CUT_MODE_COUNT = 6 /**< Number of modes (for loops). */
} msdk_fake_nvm_cut_mode_t;

/** @brief How the dying chip answers from call k on. */
typedef enum msdk_fake_nvm_after_cut {
    /** Call k and every later program/erase return MSDK_OK and do nothing
     *  more; reads still return the backing store (software that does not
     *  notice the cut, which is what a dying CPU usually sees). */
    MSDK_FAKE_NVM_AFTER_CUT_DROP = 0,
    /** Call k and every later read, program and erase return MSDK_ERR_IO. */
    MSDK_FAKE_NVM_AFTER_CUT_EIO = 1,
} msdk_fake_nvm_after_cut_t;

/** @brief Configuration of the injector. A zeroed struct is disarmed (pass-through). */
typedef struct msdk_fake_nvm_cut_config {
    bool armed;                      /**< false: pass everything through, never cut. */
    uint32_t cut_after;              /**< k: program/erase calls that complete before the cut. */
    msdk_fake_nvm_cut_mode_t mode;   /**< Fate of call k. */
    msdk_fake_nvm_after_cut_t after; /**< Answers from call k on. */
    uint32_t seed;                   /**< PRNG seed for MSDK_FAKE_NVM_CUT_ERASE_RANDOM. */
    uint8_t *scratch;                /**< For ERASE_HALF (see there), else NULL. */
    size_t scratch_size;             /**< Size of @c scratch. */
    /** Optional: called once, right after call k has done its damage (a test
     *  may longjmp out of the workload from here). */
    void (*on_cut)(void *ctx);
    void *on_cut_ctx; /**< Passed to @c on_cut. */
} msdk_fake_nvm_cut_config_t;

/** @brief Kinds of operations, as recorded for the interrupted call. */
typedef enum msdk_fake_nvm_op {
    MSDK_FAKE_NVM_OP_NONE = 0,    /**< No cut yet. */
    MSDK_FAKE_NVM_OP_PROGRAM = 1, /**< A program call. */
    MSDK_FAKE_NVM_OP_ERASE = 2,   /**< An erase call. */
} msdk_fake_nvm_op_t;

/**
 * @brief Power-cut injector: a decorator over any msdk_nvm_t. Hand @c &cut.nvm
 *        to the code under test; it has the inner region's geometry.
 */
typedef struct msdk_fake_nvm_cut {
    msdk_nvm_t nvm;                 /**< The decorated instance. */
    const msdk_nvm_t *inner;        /**< The wrapped region. */
    msdk_fake_nvm_cut_config_t cfg; /**< Copy of the configuration. */
    uint32_t ops;              /**< Program + erase calls seen so far, dropped ones included. */
    bool cut;                  /**< The cut happened. */
    uint32_t prng;             /**< PRNG state. */
    msdk_fake_nvm_op_t cut_op; /**< Kind of the interrupted call. */
    uint32_t cut_addr;         /**< Its address. */
    size_t cut_len;            /**< Its length (sector_size for an erase). */
    size_t cut_applied;        /**< Bytes of a torn program that landed. */
} msdk_fake_nvm_cut_t;

/**
 * @brief (Re)arm the injector over @p inner; counters and cut state restart.
 *
 * To "reboot" after a cut, call it again with @p cfg NULL (disarmed) over the
 * same inner region: the backing store keeps what the cut left.
 * @param[out] cut   Injector; must not move afterwards.
 * @param[in]  inner Region to wrap (any driver).
 * @param[in]  cfg   Configuration, copied; NULL = disarmed.
 * @retval MSDK_OK              Ready.
 * @retval MSDK_ERR_INVALID_ARG NULL @p cut or @p inner, bad inner geometry, a
 *                              mode or after value out of range, a missing or
 *                              short scratch buffer for ERASE_HALF, or a
 *                              prog_align above 256 bytes.
 */
MSDK_NODISCARD msdk_err_t msdk_fake_nvm_cut_init(msdk_fake_nvm_cut_t *cut, const msdk_nvm_t *inner,
                                                 const msdk_fake_nvm_cut_config_t *cfg);

/**
 * @brief Whether the power cut has happened.
 * @param[in] cut Injector.
 * @return true once call k was reached.
 */
bool msdk_fake_nvm_cut_reached(const msdk_fake_nvm_cut_t *cut);

/**
 * @brief Program and erase calls seen since msdk_fake_nvm_cut_init().
 *
 * Run a workload once disarmed to learn its N; then k = 0..N-1 covers every
 * cut point (k = N is never reached).
 * @param[in] cut Injector.
 * @return The count, dropped calls included.
 */
uint32_t msdk_fake_nvm_cut_op_count(const msdk_fake_nvm_cut_t *cut);

/* ---- Deterministic PRNG ---------------------------------------------------- */

/**
 * @brief xorshift32 (Marsaglia 2003: x ^= x << 13; x ^= x >> 17; x ^= x << 5).
 *
 * A zero state is replaced by 0x9E3779B9 before stepping (xorshift has no
 * zero state), so any seed is valid.
 * @param[in,out] state Generator state (the seed at first).
 * @return The next output, which is also the new state.
 */
uint32_t msdk_fake_prng_next(uint32_t *state);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_TEST_FAKE_NVM_H */
