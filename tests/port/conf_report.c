/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Reporting and pattern helpers of the conformance suite.
 *
 * The failure details are formatted here by a small formatter of our own
 * instead of vsnprintf(): newlib-nano's stdio allocates (malloc, _sbrk), and
 * the suite must link into a heap-free firmware image. */
#include "conf_internal.h"

#include <stdarg.h>
#include <string.h>

/* Output position of msdk_conf_vformat(): always leaves room for the NUL. */
typedef struct conf_out {
    char *buf;
    size_t cap;
    size_t len;
} conf_out_t;

static void out_char(conf_out_t *o, char c)
{
    if ((o->len + 1u) < o->cap) {
        o->buf[o->len++] = c;
    }
}

static void out_pad(conf_out_t *o, char c, size_t have, size_t width)
{
    for (size_t i = have; i < width; i++) {
        out_char(o, c);
    }
}

static void out_str(conf_out_t *o, const char *s, size_t width, bool left)
{
    if (s == NULL) {
        s = "(null)";
    }
    size_t n = strlen(s);
    if (!left) {
        out_pad(o, ' ', n, width);
    }
    for (size_t i = 0; i < n; i++) {
        out_char(o, s[i]);
    }
    if (left) {
        out_pad(o, ' ', n, width);
    }
}

/* An integer in base 10 or 16: sign, then zero or blank padding to width. */
static void out_uint(conf_out_t *o, unsigned long long v, bool negative, unsigned base, bool upper,
                     size_t width, bool zero, bool left)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v != 0u);
    size_t total = n + (negative ? 1u : 0u);
    if (!left && !zero) {
        out_pad(o, ' ', total, width);
    }
    if (negative) {
        out_char(o, '-');
    }
    if (!left && zero) {
        out_pad(o, '0', total, width);
    }
    while (n > 0u) {
        out_char(o, tmp[--n]);
    }
    if (left) {
        out_pad(o, ' ', total, width);
    }
}

size_t msdk_conf_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
    conf_out_t o = { buf, cap, 0u };
    if ((buf == NULL) || (cap == 0u)) {
        return 0u;
    }
    for (const char *p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            out_char(&o, *p);
            continue;
        }
        p++;
        bool left = false;
        bool zero = false;
        for (; (*p == '-') || (*p == '0'); p++) {
            left = left || (*p == '-');
            zero = zero || (*p == '0');
        }
        size_t width = 0;
        for (; (*p >= '0') && (*p <= '9'); p++) {
            width = (width * 10u) + (size_t)(*p - '0');
        }
        unsigned lmod = 0; /* 0: int, 1: long, 2: long long, 3: size_t */
        if (*p == 'z') {
            lmod = 3u;
            p++;
        } else {
            for (; (*p == 'l') && (lmod < 2u); p++) {
                lmod++;
            }
        }
        switch (*p) {
        case 'd':
        case 'i': {
            long long v = (lmod == 2u)   ? va_arg(ap, long long)
                          : (lmod == 1u) ? (long long)va_arg(ap, long)
                          : (lmod == 3u) ? (long long)va_arg(ap, size_t)
                                         : (long long)va_arg(ap, int);
            unsigned long long mag = (v < 0) ? (0u - (unsigned long long)v) : (unsigned long long)v;
            out_uint(&o, mag, v < 0, 10u, false, width, zero, left);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v = (lmod == 2u)   ? va_arg(ap, unsigned long long)
                                   : (lmod == 1u) ? (unsigned long long)va_arg(ap, unsigned long)
                                   : (lmod == 3u) ? (unsigned long long)va_arg(ap, size_t)
                                                  : (unsigned long long)va_arg(ap, unsigned);
            out_uint(&o, v, false, (*p == 'u') ? 10u : 16u, *p == 'X', width, zero, left);
            break;
        }
        case 'c': {
            char c[2] = { (char)va_arg(ap, int), '\0' };
            out_str(&o, c, width, left);
            break;
        }
        case 's': out_str(&o, va_arg(ap, const char *), width, left); break;
        case '%': out_char(&o, '%'); break;
        case '\0':
            /* A lone '%' at the end: print it and stop. */
            out_char(&o, '%');
            p--;
            break;
        default:
            /* Not supported: show the conversion as written. */
            out_char(&o, '%');
            out_char(&o, *p);
            break;
        }
    }
    buf[o.len] = '\0';
    return o.len;
}

size_t msdk_conf_format(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = msdk_conf_vformat(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

void msdk_conf_run_init(msdk_conf_run_t *run, const char *suite, msdk_conf_report_fn report,
                        void *ctx)
{
    run->suite = suite;
    run->report = report;
    run->ctx = ctx;
    run->failed = 0;
}

void msdk_conf_begin(msdk_conf_run_t *run, msdk_conf_check_t *chk, const char *name)
{
    chk->run = run;
    chk->name = name;
    chk->failed = false;
    chk->detail[0] = '\0';
}

bool msdk_conf_require(msdk_conf_check_t *chk, bool cond, const char *fmt, ...)
{
    if (cond) {
        return true;
    }
    if (!chk->failed) {
        va_list ap;
        va_start(ap, fmt);
        (void)msdk_conf_vformat(chk->detail, sizeof(chk->detail), fmt, ap);
        va_end(ap);
        chk->failed = true;
    }
    return false;
}

bool msdk_conf_end(msdk_conf_check_t *chk)
{
    msdk_conf_run_t *run = chk->run;
    msdk_conf_result_t r = {
        .suite = run->suite,
        .check = chk->name,
        .passed = !chk->failed,
        .detail = chk->detail,
    };
    if (chk->failed) {
        run->failed++;
    }
    if (run->report != NULL) {
        run->report(run->ctx, &r);
    }
    return !chk->failed;
}

uint8_t msdk_conf_pattern(uint32_t seed, uint32_t index)
{
    /* Multiply-xorshift mixing of (seed, index); every bit of the input
     * affects every bit of the output byte. */
    uint32_t x = seed ^ (index * 0x9E3779B1u);
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    x *= 0x846CA68Bu;
    x ^= x >> 16;
    return (uint8_t)(x >> 24);
}
