/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Bounds-checked parsing of option values and control-interface arguments, and UTC
 * calendar conversion. Everything here treats its input as hostile. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "host_internal.h"

static bool is_digit(char c)
{
    return (c >= '0') && (c <= '9');
}

bool msdk_host_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if ((s == NULL) || (*s == '\0')) {
        return false;
    }
    for (const char *p = s; *p != '\0'; p++) {
        if (!is_digit(*p)) {
            return false;
        }
        uint64_t d = (uint64_t)(*p - '0');
        if ((d > max) || (v > (max - d) / 10u)) {
            return false;
        }
        v = v * 10u + d;
    }
    *out = v;
    return true;
}

bool msdk_host_parse_double(const char *s, double min, double max, double *out)
{
    if ((s == NULL) || (*s == '\0') || (strlen(s) > 64u)) {
        return false;
    }
    /* Plain decimal notation only: no hex floats, inf, nan, or leading blanks. */
    for (const char *p = s; *p != '\0'; p++) {
        if (!is_digit(*p) && (*p != '.') && (*p != '-') && (*p != '+') && (*p != 'e') &&
            (*p != 'E')) {
            return false;
        }
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if ((errno != 0) || (end == s) || (*end != '\0') || !isfinite(v) || (v < min) || (v > max)) {
        return false;
    }
    *out = v;
    return true;
}

bool msdk_host_parse_size(const char *s, uint64_t max, uint64_t *out)
{
    char num[32];
    size_t len = (s == NULL) ? 0u : strlen(s);
    uint64_t mult = 1;
    if ((len == 0u) || (len >= sizeof(num))) {
        return false;
    }
    memcpy(num, s, len + 1u);
    char last = num[len - 1u];
    if ((last == 'k') || (last == 'K')) {
        mult = 1024u;
    } else if ((last == 'm') || (last == 'M')) {
        mult = 1024u * 1024u;
    }
    if (mult != 1u) {
        num[len - 1u] = '\0';
    }
    uint64_t v;
    if (!msdk_host_parse_u64(num, max / mult, &v)) {
        return false;
    }
    *out = v * mult;
    return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the era/day-of-era method). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= (m <= 2) ? 1 : 0;
    int64_t era = ((y >= 0) ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + ((m > 2) ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
    z += 719468;
    int64_t era = ((z >= 0) ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = (mp < 10) ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + ((*m <= 2) ? 1 : 0);
}

static bool take_digits(const char **p, size_t n, int64_t *out)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((*p)[i])) {
            return false;
        }
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static bool take_char(const char **p, char c)
{
    if (**p != c) {
        return false;
    }
    (*p)++;
    return true;
}

bool msdk_host_parse_utc(const char *s, int64_t *utc_us)
{
    static const int64_t mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int64_t y, mo, d, h, mi, sec, frac_us = 0;
    const char *p = s;
    if ((s == NULL) || !take_digits(&p, 4, &y) || !take_char(&p, '-') || !take_digits(&p, 2, &mo) ||
        !take_char(&p, '-') || !take_digits(&p, 2, &d) || !take_char(&p, 'T') ||
        !take_digits(&p, 2, &h) || !take_char(&p, ':') || !take_digits(&p, 2, &mi) ||
        !take_char(&p, ':') || !take_digits(&p, 2, &sec)) {
        return false;
    }
    if (*p == '.') {
        p++;
        int64_t scale = 100000;
        if (!is_digit(*p)) {
            return false;
        }
        while (is_digit(*p)) {
            if (scale == 0) {
                return false; /* more than microseconds */
            }
            frac_us += (*p - '0') * scale;
            scale /= 10;
            p++;
        }
    }
    if (!take_char(&p, 'Z') || (*p != '\0')) {
        return false;
    }
    bool leap = ((y % 4 == 0) && (y % 100 != 0)) || (y % 400 == 0);
    if ((y < 1970) || (mo < 1) || (mo > 12) || (d < 1) || (h > 23) || (mi > 59) || (sec > 59)) {
        return false;
    }
    if (d > mdays[mo - 1] + (((mo == 2) && leap) ? 1 : 0)) {
        return false;
    }
    int64_t days = days_from_civil(y, mo, d);
    *utc_us = ((days * 86400) + h * 3600 + mi * 60 + sec) * 1000000 + frac_us;
    return true;
}

void msdk_host_format_utc(char *buf, size_t cap, int64_t utc_s, uint32_t ms)
{
    int64_t days = utc_s / 86400;
    int64_t rem = utc_s % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y, m, d;
    civil_from_days(days, &y, &m, &d);
    (void)snprintf(buf, cap, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03uZ", (long long)y,
                   (long long)m, (long long)d, (long long)(rem / 3600), (long long)(rem / 60 % 60),
                   (long long)(rem % 60), (unsigned)(ms % 1000u));
}

size_t msdk_host_tokenize(char *line, char **tokens, size_t max_tokens)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        while ((*p == ' ') || (*p == '\t')) {
            p++;
        }
        if (*p == '\0') {
            return n;
        }
        if (n == max_tokens) {
            return max_tokens + 1u;
        }
        tokens[n++] = p;
        while ((*p != ' ') && (*p != '\t') && (*p != '\0')) {
            p++;
        }
        if (*p != '\0') {
            *p++ = '\0';
        }
    }
}
