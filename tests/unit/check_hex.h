/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Test helper shared by the Check suites: hex strings to bytes. */
#ifndef MSDK_CHECK_HEX_H
#define MSDK_CHECK_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <check.h>

/* Parses hex digits ("06 00 00 13 91": either case, white space anywhere) into out[cap];
 * returns the byte count. Any other character, an odd digit count or more than cap bytes
 * fail the test. */
static inline size_t ck_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *s != '\0'; s++) {
        int d;
        if ((*s >= '0') && (*s <= '9')) {
            d = *s - '0';
        } else if ((*s >= 'A') && (*s <= 'F')) {
            d = *s - 'A' + 10;
        } else if ((*s >= 'a') && (*s <= 'f')) {
            d = *s - 'a' + 10;
        } else {
            if ((*s != ' ') && (*s != '\n') && (*s != '\t')) {
                ck_abort_msg("bad hex digit '%c' in \"%s\"", *s, s);
            }
            continue;
        }
        if (hi < 0) {
            hi = d;
        } else {
            if (n >= cap) {
                ck_abort_msg("hex string longer than %zu bytes", cap);
            }
            out[n++] = (uint8_t)((hi << 4) | d);
            hi = -1;
        }
    }
    if (hi >= 0) {
        ck_abort_msg("odd number of hex digits");
    }
    return n;
}

#endif /* MSDK_CHECK_HEX_H */
