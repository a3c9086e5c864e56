/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The corpus suites' expectations (test_corpus.c, test_corpus2.c, test_corpus3.c): a
 * published value of one record of a telegram, the macros that write them, the check of a
 * decoded record and of a telegram's whole record walk. */
#ifndef MBUS_CORPUS_CHECK_H
#define MBUS_CORPUS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <check.h>

#include "msdk/mbus/frame.h"
#include "msdk/mbus/record.h"

/* One published value of one record. */
typedef struct chk {
    uint8_t idx; /* record number in the walk, as the XML numbers them (from 0) */
    char kind;   /* 'V' number, 'D' date or date-time, 'T' text data (LVAR) */
    uint8_t fn;  /* function: 0 instantaneous, 1 maximum, 2 minimum, 3 error state */
    uint64_t storage;
    uint32_t tariff;
    uint16_t subunit;
    msdk_mbus_quantity_t q;
    msdk_mbus_unit_t u;
    int8_t exp;
    int64_t v;
    uint16_t y;
    uint8_t mo, d, h, mi;
    const char *text; /* 'T': the text; 'V': the plain-text unit, or NULL */
} chk_t;

#define Q(x) MSDK_MBUS_Q_##x
#define U(x) MSDK_MBUS_UNIT_##x
/* A number with its function, storage number, tariff and subunit. */
#define V(i, fn, st, ta, su, q, u, e, val)                                                         \
    {                                                                                              \
        i, 'V', fn, st, ta, su, Q(q), U(u), e, val, 0, 0, 0, 0, 0, NULL                            \
    }
/* An instantaneous number of storage 0, tariff 0, subunit 0. */
#define N(i, q, u, e, val) V(i, 0, 0, 0, 0, q, u, e, val)
/* A date (type G) or date-time (type F or I) with its function and storage number. */
#define D(i, fn, st, q, y, mo, d, h, mi)                                                           \
    {                                                                                              \
        i, 'D', fn, st, 0, 0, Q(q), U(NONE), 0, 0, y, mo, d, h, mi, NULL                           \
    }
/* An LVAR text record. */
#define T(i, q, s)                                                                                 \
    {                                                                                              \
        i, 'T', 0, 0, 0, 0, Q(q), U(NONE), 0, 0, 0, 0, 0, 0, 0, s                                  \
    }
/* A number with a plain-text unit. */
#define P(i, fn, st, e, val, s)                                                                    \
    {                                                                                              \
        i, 'V', fn, st, 0, 0, Q(PLAIN_TEXT), U(TEXT), e, val, 0, 0, 0, 0, 0, s                     \
    }

/* No DIF 0x0F/0x1F at the end. */
#define NO_MFR (-1)

/* A table of published values as two initialisers: the array and its length. */
#define CHK(a) a, (sizeof(a) / sizeof((a)[0]))

/* Checks record @p r against the published value @p c of telegram @p nm. */
static inline void corpus_check_value(const char *nm, const chk_t *c, const msdk_mbus_record_t *r)
{
    unsigned i = c->idx;
    ck_assert_msg(r->function == (msdk_mbus_function_t)c->fn, "%s #%u: function %d", nm, i,
                  (int)r->function);
    ck_assert_msg(r->storage == c->storage, "%s #%u: storage %llu", nm, i,
                  (unsigned long long)r->storage);
    ck_assert_msg(r->tariff == c->tariff, "%s #%u: tariff %u", nm, i, (unsigned)r->tariff);
    ck_assert_msg(r->subunit == c->subunit, "%s #%u: subunit %u", nm, i, (unsigned)r->subunit);
    ck_assert_msg(r->quantity == c->q, "%s #%u: quantity %d", nm, i, (int)r->quantity);
    if (c->kind == 'T') {
        char s[64];
        ck_assert_msg(r->type == MSDK_MBUS_DT_TEXT, "%s #%u: not text", nm, i);
        ck_assert_int_eq(msdk_mbus_text_copy(r->data, r->data_len, s, sizeof s), MSDK_OK);
        ck_assert_msg(strcmp(s, c->text) == 0, "%s #%u: text '%s'", nm, i, s);
        return;
    }
    ck_assert_msg(r->unit == c->u, "%s #%u: unit %d", nm, i, (int)r->unit);
    if (c->kind == 'D') {
        ck_assert_msg((r->flags & MSDK_MBUS_VAL_DATETIME) != 0u, "%s #%u: no date", nm, i);
        ck_assert_msg(r->datetime.year == c->y && r->datetime.month == c->mo &&
                          r->datetime.day == c->d && r->datetime.hour == c->h &&
                          r->datetime.minute == c->mi,
                      "%s #%u: %04u-%02u-%02u %02u:%02u", nm, i, r->datetime.year,
                      r->datetime.month, r->datetime.day, r->datetime.hour, r->datetime.minute);
        ck_assert_msg(!r->datetime.invalid, "%s #%u: invalid", nm, i);
        return;
    }
    ck_assert_msg(r->exponent == c->exp, "%s #%u: exponent %d", nm, i, (int)r->exponent);
    ck_assert_msg((r->flags & MSDK_MBUS_VAL_NUMBER) != 0u, "%s #%u: no number", nm, i);
    ck_assert_msg(r->value == c->v, "%s #%u: value %lld, expected %lld", nm, i, (long long)r->value,
                  (long long)c->v);
    if (c->text != NULL) {
        char s[16];
        ck_assert_int_eq(msdk_mbus_text_copy(r->vif_text, r->vif_text_len, s, sizeof s), MSDK_OK);
        ck_assert_msg(strcmp(s, c->text) == 0, "%s #%u: unit '%s'", nm, i, s);
    }
}

/* A published RSP_UD of the corpus, as decoded in @p f from @p buf: a long frame whose
 * checksum, summed here by hand, is right, whose length fits L, and whose CI is 0x72. */
static inline void corpus_check_long_frame(const char *nm, const uint8_t *buf, size_t n,
                                           const msdk_mbus_frame_t *f)
{
    uint8_t cs = 0;
    for (size_t i = 4; i < n - 2u; i++) {
        cs = (uint8_t)(cs + buf[i]);
    }
    ck_assert_msg(cs == buf[n - 2u], "%s: checksum", nm);
    ck_assert_uint_eq(n, (size_t)buf[1] + 6u);
    ck_assert_int_eq(f->type, MSDK_MBUS_FRAME_LONG);
    ck_assert_uint_eq(msdk_mbus_c_function(f->c), MSDK_MBUS_C_RSP_UD);
    ck_assert_uint_eq(f->ci, 0x72u);
}

/* The manufacturers (3 letters) of @p n telegrams, each @p stride bytes from @p base with its
 * manufacturer and hex string at the offsets given: no telegram twice (the test fails), and
 * the number of distinct manufacturers returned. */
static inline size_t corpus_distinct_makers(const void *base, size_t n, size_t stride,
                                            size_t mfr_off, size_t hex_off)
{
    const uint8_t *b = (const uint8_t *)base;
    size_t makers = 0;
    for (size_t t = 0; t < n; t++) {
        const char *mfr;
        const char *hex;
        memcpy(&mfr, &b[(t * stride) + mfr_off], sizeof mfr);
        memcpy(&hex, &b[(t * stride) + hex_off], sizeof hex);
        bool seen = false;
        for (size_t k = 0; k < t; k++) {
            const char *m2;
            const char *h2;
            memcpy(&m2, &b[(k * stride) + mfr_off], sizeof m2);
            memcpy(&h2, &b[(k * stride) + hex_off], sizeof h2);
            seen = seen || (strcmp(m2, mfr) == 0);
            ck_assert_msg(strcmp(h2, hex) != 0, "telegram %zu twice", t);
        }
        makers += seen ? 0u : 1u;
    }
    return makers;
}

/* The published walk of one telegram's records. */
typedef struct corpus_walk {
    const char *name;
    uint8_t records;  /* records the walk gives (manufacturer data included) */
    msdk_err_t end;   /* how the walk ends: MSDK_ERR_NOT_FOUND, MSDK_ERR_NOT_SUPPORTED, ... */
    bool fills;       /* the records fill the data to its end (no idle filler after them) */
    int16_t mfr_len;  /* bytes after the last record's DIF 0x0F/0x1F, or NO_MFR */
    int8_t more;      /* its "more records follow": 0 or 1; -1 not published */
    uint64_t bad;     /* records (bit = index) that are MSDK_ERR_MALFORMED */
    const chk_t *chk; /* published values, in record order */
    size_t n_chk;     /* number of them */
} corpus_walk_t;

/* Walks the @p len bytes of records at @p data: the published number of records, each valid
 * but the documented bad ones, following each other inside the data, the published values,
 * manufacturer data only as the last record, and the walk's end. */
static inline void corpus_check_walk(const corpus_walk_t *w, const uint8_t *data, size_t len)
{
    msdk_mbus_rec_iter_t it;
    msdk_mbus_record_t rec;
    msdk_mbus_rec_iter_init(&it, data, len);
    size_t i = 0;
    size_t next_chk = 0;
    size_t end = 0;
    msdk_err_t err;
    while (((err = msdk_mbus_rec_next(&it, &rec)) == MSDK_OK) || (err == MSDK_ERR_MALFORMED)) {
        ck_assert_msg(i < w->records, "%s: more than %u records", w->name, (unsigned)w->records);
        bool bad = ((w->bad >> i) & 1u) != 0u;
        ck_assert_msg(err == (bad ? MSDK_ERR_MALFORMED : MSDK_OK), "%s #%zu: err %d", w->name, i,
                      (int)err);
        ck_assert_uint_ge(rec.offset, end);
        ck_assert_uint_gt(rec.length, 0u);
        ck_assert_uint_le(rec.offset + rec.length, len);
        end = rec.offset + rec.length;
        if ((next_chk < w->n_chk) && (w->chk[next_chk].idx == i)) {
            corpus_check_value(w->name, &w->chk[next_chk], &rec);
            next_chk++;
        }
        bool last = (i + 1u) == w->records;
        if (last && (w->mfr_len != NO_MFR)) {
            ck_assert_msg(rec.type == MSDK_MBUS_DT_MANUFACTURER, "%s: no manufacturer data",
                          w->name);
            ck_assert_uint_eq(rec.data_len, (size_t)w->mfr_len);
            if (w->more >= 0) {
                ck_assert(rec.more_records_follow == (w->more != 0));
            }
        } else {
            ck_assert_msg(rec.type != MSDK_MBUS_DT_MANUFACTURER, "%s #%zu: manufacturer", w->name,
                          i);
        }
        i++;
    }
    ck_assert_msg(err == w->end, "%s: walk ends with %d", w->name, (int)err);
    ck_assert_msg(i == w->records, "%s: %zu records, published %u", w->name, i,
                  (unsigned)w->records);
    ck_assert_msg(next_chk == w->n_chk, "%s: check %zu not reached", w->name, next_chk);
    if (w->fills) {
        ck_assert_uint_eq(end, len);
    }
    if (w->end == MSDK_ERR_NOT_FOUND) {
        ck_assert_int_eq(msdk_mbus_rec_next(&it, &rec), MSDK_ERR_NOT_FOUND);
    }
}

#endif /* MBUS_CORPUS_CHECK_H */
