/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
#include "target_check.h"
#include "msdk/port/board.h"

tgt_counts_t tgt_counts;

size_t tgt_cat(char *buf, size_t cap, size_t len, const char *s)
{
    while ((s != NULL) && (*s != '\0') && ((len + 1u) < cap)) {
        buf[len++] = *s++;
    }
    if (cap > 0u) {
        buf[len] = '\0';
    }
    return len;
}

size_t tgt_cat_i64(char *buf, size_t cap, size_t len, int64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp - 1u;
    uint64_t u = (v < 0) ? (0u - (uint64_t)v) : (uint64_t)v;
    tmp[i] = '\0';
    do {
        tmp[--i] = (char)('0' + (u % 10u));
        u /= 10u;
    } while (u != 0u);
    if (v < 0) {
        tmp[--i] = '-';
    }
    return tgt_cat(buf, cap, len, &tmp[i]);
}

size_t tgt_cat_hex(char *buf, size_t cap, size_t len, uint32_t v, unsigned digits)
{
    static const char hex[] = "0123456789ABCDEF";
    char tmp[11] = "0x";
    if ((digits == 0u) || (digits > 8u)) {
        digits = 8u;
    }
    for (unsigned i = 0; i < digits; i++) {
        tmp[2u + i] = hex[(v >> (4u * (digits - 1u - i))) & 0xFu];
    }
    tmp[2u + digits] = '\0';
    return tgt_cat(buf, cap, len, tmp);
}

static bool tgt_report(const char *name, bool ok, const char *detail, bool with_val, int64_t got)
{
    char line[256];
    size_t n = tgt_cat(line, sizeof line, 0, ok ? "ok   " : "FAIL ");
    n = tgt_cat(line, sizeof line, n, name);
    if (!ok && (detail != NULL) && (detail[0] != '\0')) {
        n = tgt_cat(line, sizeof line, n, ": ");
        n = tgt_cat(line, sizeof line, n, detail);
    }
    if (!ok && with_val) {
        n = tgt_cat(line, sizeof line, n, ": got ");
        (void)tgt_cat_i64(line, sizeof line, n, got);
    }
    msdk_port_board_log(line);
    if (ok) {
        tgt_counts.passed++;
    } else {
        tgt_counts.failed++;
    }
    return ok;
}

bool tgt_check(const char *name, bool ok)
{
    return tgt_report(name, ok, NULL, false, 0);
}

bool tgt_check_val(const char *name, bool ok, int64_t got)
{
    return tgt_report(name, ok, NULL, true, got);
}

bool tgt_check_detail(const char *name, bool ok, const char *detail)
{
    return tgt_report(name, ok, detail, false, 0);
}

int tgt_summary(const char *prefix)
{
    char line[96];
    size_t n = tgt_cat(line, sizeof line, 0, prefix);
    n = tgt_cat(line, sizeof line, n, ": ");
    n = tgt_cat_i64(line, sizeof line, n, (int64_t)tgt_counts.passed);
    n = tgt_cat(line, sizeof line, n, " passed, ");
    n = tgt_cat_i64(line, sizeof line, n, (int64_t)tgt_counts.failed);
    (void)tgt_cat(line, sizeof line, n, " failed");
    msdk_port_board_log(line);
    return (tgt_counts.failed > 255u) ? 255 : (int)tgt_counts.failed;
}
