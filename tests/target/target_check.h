/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Minimal check helpers for the firmware tests that run under QEMU: no test
 * framework, no printf, no heap. Every result is one console line
 * ("ok   <name>" or "FAIL <name>: <detail>") through msdk_port_board_log().
 */
#ifndef MSDK_TARGET_CHECK_H
#define MSDK_TARGET_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Counters of one test run. */
typedef struct tgt_counts {
    unsigned passed;
    unsigned failed;
} tgt_counts_t;

/** The counters every tgt_check() call updates. */
extern tgt_counts_t tgt_counts;

/** Record and print one check; returns @p ok. */
bool tgt_check(const char *name, bool ok);
/** Like tgt_check() with a number appended to a failure ("got 42"). */
bool tgt_check_val(const char *name, bool ok, int64_t got);
/** Like tgt_check() with a text appended to a failure ("FAIL name: detail"). */
bool tgt_check_detail(const char *name, bool ok, const char *detail);

/** Print "<prefix>: N passed, M failed" and return M (the exit status). */
int tgt_summary(const char *prefix);

/** Append @p s to @p buf (capacity @p cap, always terminated); returns the new length. */
size_t tgt_cat(char *buf, size_t cap, size_t len, const char *s);
/** Append a signed decimal number. */
size_t tgt_cat_i64(char *buf, size_t cap, size_t len, int64_t v);
/** Append 0x%0*X with @p digits hex digits. */
size_t tgt_cat_hex(char *buf, size_t cap, size_t len, uint32_t v, unsigned digits);

#endif /* MSDK_TARGET_CHECK_H */
