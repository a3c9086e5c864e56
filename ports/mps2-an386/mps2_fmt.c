/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Tiny text helpers: the firmware carries no printf. */
#include "mps2_internal.h"

size_t msdk_mps2_fmt_str(char *buf, size_t cap, size_t len, const char *s)
{
    if ((buf == NULL) || (cap == 0u)) {
        return 0u;
    }
    while ((s != NULL) && (*s != '\0') && ((len + 1u) < cap)) {
        buf[len++] = *s++;
    }
    buf[(len < cap) ? len : (cap - 1u)] = '\0';
    return len;
}

size_t msdk_mps2_fmt_u32(char *buf, size_t cap, size_t len, uint32_t v)
{
    char tmp[11];
    size_t i = sizeof tmp - 1u;
    tmp[i] = '\0';
    do {
        tmp[--i] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v != 0u);
    return msdk_mps2_fmt_str(buf, cap, len, &tmp[i]);
}

size_t msdk_mps2_fmt_hex32(char *buf, size_t cap, size_t len, uint32_t v)
{
    static const char digits[] = "0123456789ABCDEF";
    char tmp[11];
    tmp[0] = '0';
    tmp[1] = 'x';
    for (unsigned i = 0; i < 8u; i++) {
        tmp[2u + i] = digits[(v >> (28u - 4u * i)) & 0xFu];
    }
    tmp[10] = '\0';
    return msdk_mps2_fmt_str(buf, cap, len, tmp);
}

bool msdk_mps2_parse_u32(const char *s, uint32_t *out)
{
    uint32_t base = 10u;
    uint32_t v = 0u;

    if ((s == NULL) || (*s == '\0')) {
        return false;
    }
    if ((s[0] == '0') && ((s[1] == 'x') || (s[1] == 'X'))) {
        base = 16u;
        s += 2;
        if (*s == '\0') {
            return false;
        }
    }
    for (; *s != '\0'; s++) {
        uint32_t d;
        if ((*s >= '0') && (*s <= '9')) {
            d = (uint32_t)(*s - '0');
        } else if ((base == 16u) && (*s >= 'a') && (*s <= 'f')) {
            d = (uint32_t)(*s - 'a') + 10u;
        } else if ((base == 16u) && (*s >= 'A') && (*s <= 'F')) {
            d = (uint32_t)(*s - 'A') + 10u;
        } else {
            return false;
        }
        if (v > ((UINT32_MAX - d) / base)) {
            return false;
        }
        v = (v * base) + d;
    }
    *out = v;
    return true;
}
