/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-mbus: JSON strings, exact decimals and the hex input. */
#include <string.h>

#include "mbus_tool.h"

void mbus_tool_json_str(FILE *f, const uint8_t *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (c < 0x20u || c >= 0x7Fu) {
                fputs("\\u00", f);
                fputc(hex[c >> 4], f);
                fputc(hex[c & 0x0Fu], f);
            } else {
                fputc(c, f);
            }
            break;
        }
    }
    fputc('"', f);
}

void mbus_tool_json_cstr(FILE *f, const char *s)
{
    mbus_tool_json_str(f, (const uint8_t *)s, strlen(s));
}

void mbus_tool_json_hex(FILE *f, const uint8_t *p, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%02X", (unsigned)p[i]);
    }
    fputc('"', f);
}

const char *mbus_tool_decimal(int64_t value, int8_t exponent, char out[MBUS_TOOL_DEC_MAX])
{
    /* The magnitude as unsigned (INT64_MIN too), its digits least significant first. */
    uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    char digits[24];
    size_t nd = 0;
    do {
        digits[nd++] = (char)('0' + (int)(mag % 10u));
        mag /= 10u;
    } while (mag != 0u);

    size_t o = 0;
    if (value < 0) {
        out[o++] = '-';
    }
    if (exponent >= 0) {
        while (nd > 0u) {
            out[o++] = digits[--nd];
        }
        if (value != 0) { /* 0 * 10^3 is "0", not "0000" */
            for (int i = 0; i < exponent; i++) {
                out[o++] = '0';
            }
        }
    } else {
        size_t frac = (size_t)(-(int)exponent); /* 1..128 digits after the point */
        if (nd <= frac) {
            out[o++] = '0';
            out[o++] = '.';
            for (size_t i = nd; i < frac; i++) {
                out[o++] = '0';
            }
            while (nd > 0u) {
                out[o++] = digits[--nd];
            }
        } else {
            while (nd > frac) {
                out[o++] = digits[--nd];
            }
            out[o++] = '.';
            while (nd > 0u) {
                out[o++] = digits[--nd];
            }
        }
    }
    out[o] = '\0';
    return out;
}

static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

long mbus_tool_parse_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *s != '\0'; s++) {
        char c = *s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        }
        int v = hex_nibble(c);
        if (v < 0) {
            return -1;
        }
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n == cap) {
            return -2;
        }
        out[n++] = (uint8_t)((hi << 4) | v);
        hi = -1;
    }
    if (hi >= 0 || n == 0u) {
        return -1;
    }
    return (long)n;
}
