/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* NVM conformance (see port_conformance.h). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "conf_internal.h"
#include "msdk/core/err.h"
#include "msdk/port/nvm.h"

/* Largest single program call the suite makes. A page up to this size is
 * programmed in one call; larger pages in calls of this size. */
#define CONF_NVM_BUF         4096u
/* Largest prog_align the suite supports. */
#define CONF_NVM_MAX_ALIGN   256u
/* Sectors touched at most: 0, 1, 2, last - 1, last. */
#define CONF_NVM_MAX_SECTORS 5u

/* Program and read buffer; the suite is not reentrant (test code only). */
static uint8_t conf_nvm_buf[CONF_NVM_BUF];

typedef struct conf_nvm {
    const msdk_nvm_t *nvm;
    const msdk_nvm_geometry_t *geo;
    uint32_t sectors;                       /* In the region. */
    uint32_t touched[CONF_NVM_MAX_SECTORS]; /* Sector indices the suite uses. */
    uint32_t ntouched;
} conf_nvm_t;

static unsigned long ul(uint64_t v)
{
    return (unsigned long)v;
}

static uint32_t sector_addr(const conf_nvm_t *t, uint32_t sector)
{
    return sector * t->geo->sector_size;
}

/* Compare [addr, addr + len) with the pattern (or 0xFF when erased), reading
 * in calls of read_len bytes. */
static bool expect_content(msdk_conf_check_t *chk, const conf_nvm_t *t, uint32_t addr, uint32_t len,
                           bool erased, uint32_t seed, uint32_t read_len)
{
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done;
        if (n > read_len) {
            n = read_len;
        }
        uint32_t at = addr + done;
        msdk_err_t err = msdk_nvm_read(t->nvm, at, conf_nvm_buf, n);
        if (!msdk_conf_require(chk, err == MSDK_OK, "read of %lu bytes at 0x%lx: %s", ul(n), ul(at),
                               msdk_err_str(err))) {
            return false;
        }
        for (uint32_t i = 0; i < n; i++) {
            uint8_t want = erased ? 0xFFu : msdk_conf_pattern(seed, at + i);
            if (!msdk_conf_require(chk, conf_nvm_buf[i] == want,
                                   "0x%lx reads 0x%02x, expected 0x%02x (%s)", ul(at + i),
                                   conf_nvm_buf[i], want, erased ? "erased" : "pattern")) {
                return false;
            }
        }
        done += n;
    }
    return true;
}

/* Program the pattern into [addr, addr + len) (aligned), each call at most
 * prog_len bytes (a multiple of prog_align) and never crossing a page. */
static bool program_pattern(msdk_conf_check_t *chk, const conf_nvm_t *t, uint32_t addr,
                            uint32_t len, uint32_t seed, uint32_t prog_len)
{
    const msdk_nvm_geometry_t *geo = t->geo;
    uint32_t done = 0;
    while (done < len) {
        uint32_t at = addr + done;
        uint32_t n = geo->page_size - (at % geo->page_size);
        if (n > len - done) {
            n = len - done;
        }
        if (n > prog_len) {
            n = prog_len;
        }
        for (uint32_t i = 0; i < n; i++) {
            conf_nvm_buf[i] = msdk_conf_pattern(seed, at + i);
        }
        msdk_err_t err = msdk_nvm_program(t->nvm, at, conf_nvm_buf, n);
        if (!msdk_conf_require(chk, err == MSDK_OK, "program of %lu bytes at 0x%lx: %s", ul(n),
                               ul(at), msdk_err_str(err))) {
            return false;
        }
        done += n;
    }
    return true;
}

static bool erase_sector(msdk_conf_check_t *chk, const conf_nvm_t *t, uint32_t sector)
{
    msdk_err_t err = msdk_nvm_erase(t->nvm, sector_addr(t, sector));
    return msdk_conf_require(chk, err == MSDK_OK, "erase of sector %lu: %s", ul(sector),
                             msdk_err_str(err));
}

static uint32_t full_prog_len(const msdk_nvm_geometry_t *geo)
{
    uint32_t n = (geo->page_size < CONF_NVM_BUF) ? geo->page_size : CONF_NVM_BUF;
    return (n / geo->prog_align) * geo->prog_align;
}

/* Checks that the port's description is usable at all; false stops the run. */
static bool check_geometry(msdk_conf_run_t *run, const msdk_nvm_t *nvm)
{
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "geometry_valid");
    if (msdk_conf_require(&chk, nvm != NULL, "no NVM instance") &&
        msdk_conf_require(&chk,
                          (nvm->ops != NULL) && (nvm->ops->read != NULL) &&
                              (nvm->ops->program != NULL) && (nvm->ops->erase != NULL),
                          "ops table missing or incomplete")) {
        const msdk_nvm_geometry_t *g = &nvm->geo;
        (void)(msdk_conf_require(&chk, msdk_nvm_geometry_check(g) == MSDK_OK,
                                 "msdk_nvm_geometry_check() fails: size %lu, sector %lu, "
                                 "page %lu, prog_align %lu",
                                 ul(g->size), ul(g->sector_size), ul(g->page_size),
                                 ul(g->prog_align)) &&
               msdk_conf_require(&chk, g->prog_align <= CONF_NVM_MAX_ALIGN,
                                 "prog_align %lu is above the %u bytes this suite supports",
                                 ul(g->prog_align), CONF_NVM_MAX_ALIGN));
    }
    return msdk_conf_end(&chk);
}

static void check_erase(msdk_conf_run_t *run, const conf_nvm_t *t)
{
    msdk_conf_check_t chk;
    msdk_conf_begin(run, &chk, "erase_sets_ff");
    for (uint32_t i = 0; (i < t->ntouched) && !chk.failed; i++) {
        uint32_t s = t->touched[i];
        if (erase_sector(&chk, t, s)) {
            (void)expect_content(&chk, t, sector_addr(t, s), t->geo->sector_size, true, 0u,
                                 CONF_NVM_BUF);
        }
    }
    (void)msdk_conf_end(&chk);
}

/* The wrappers filter bad requests before the driver; run them against the
 * port's geometry and check that nothing was written. Sector 0 is erased. */
static void check_rejects(msdk_conf_run_t *run, const conf_nvm_t *t)
{
    const msdk_nvm_geometry_t *g = t->geo;
    const msdk_nvm_t *nvm = t->nvm;
    uint8_t data[2u * CONF_NVM_MAX_ALIGN];
    uint8_t one = 0;
    msdk_err_t err;
    msdk_conf_check_t chk;

    memset(data, 0x00, sizeof(data));

    msdk_conf_begin(run, &chk, "rejects_out_of_range");
    err = msdk_nvm_read(nvm, g->size, &one, 1u);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "read at size: %s", msdk_err_str(err));
    err = msdk_nvm_read(nvm, g->size - 1u, data, 2u);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "read over the end: %s",
                      msdk_err_str(err));
    err = msdk_nvm_read(nvm, UINT32_MAX, data, 2u);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "read wrapping around: %s",
                      msdk_err_str(err));
    err = msdk_nvm_program(nvm, g->size, data, g->prog_align);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "program at size: %s", msdk_err_str(err));
    err = msdk_nvm_program(nvm, g->size - g->prog_align, data, 2u * g->prog_align);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "program over the end: %s",
                      msdk_err_str(err));
    err = msdk_nvm_erase(nvm, g->size);
    msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "erase at size: %s", msdk_err_str(err));
    err = msdk_nvm_read(nvm, 0u, NULL, 0u);
    msdk_conf_require(&chk, err == MSDK_OK, "empty read: %s", msdk_err_str(err));
    err = msdk_nvm_program(nvm, 0u, NULL, 0u);
    msdk_conf_require(&chk, err == MSDK_OK, "empty program: %s", msdk_err_str(err));
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(run, &chk, "rejects_misaligned");
    if (g->prog_align > 1u) {
        err = msdk_nvm_program(nvm, 1u, data, g->prog_align);
        msdk_conf_require(&chk, err == MSDK_ERR_ALIGNMENT, "program at 1: %s", msdk_err_str(err));
        err = msdk_nvm_program(nvm, 0u, data, 1u);
        msdk_conf_require(&chk, err == MSDK_ERR_ALIGNMENT, "program of 1 byte: %s",
                          msdk_err_str(err));
    }
    if (g->sector_size > 1u) {
        err = msdk_nvm_erase(nvm, g->sector_size / 2u);
        msdk_conf_require(&chk, err == MSDK_ERR_ALIGNMENT, "erase in mid-sector: %s",
                          msdk_err_str(err));
    }
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(run, &chk, "rejects_page_crossing");
    if (g->page_size < g->size) {
        err = msdk_nvm_program(nvm, g->page_size - g->prog_align, data, 2u * g->prog_align);
        msdk_conf_require(&chk, err == MSDK_ERR_INVALID_ARG, "program across a page: %s",
                          msdk_err_str(err));
    }
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(run, &chk, "rejected_calls_write_nothing");
    uint32_t span = (2u * g->page_size < g->sector_size) ? 2u * g->page_size : g->sector_size;
    (void)expect_content(&chk, t, 0u, span, true, 0u, CONF_NVM_BUF);
    (void)expect_content(&chk, t, g->size - g->sector_size, g->sector_size, true, 0u, CONF_NVM_BUF);
    (void)msdk_conf_end(&chk);
}

/* Program ANDs bits and never sets them; sector 0 is erased. */
static void check_program_semantics(msdk_conf_run_t *run, const conf_nvm_t *t)
{
    const msdk_nvm_geometry_t *g = t->geo;
    const msdk_nvm_t *nvm = t->nvm;
    uint32_t len = ((8u + g->prog_align - 1u) / g->prog_align) * g->prog_align;
    if (len > g->page_size) {
        len = g->page_size;
    }
    static const uint8_t steps[3] = { 0xF0u, 0x3Cu, 0xFFu };
    static const uint8_t expect[3] = { 0xF0u, 0x30u, 0x30u };
    msdk_conf_check_t chk;

    msdk_conf_begin(run, &chk, "program_ands_bits");
    for (uint32_t s = 0; (s < 3u) && !chk.failed; s++) {
        memset(conf_nvm_buf, steps[s], len);
        msdk_err_t err = msdk_nvm_program(nvm, 0u, conf_nvm_buf, len);
        if (!msdk_conf_require(&chk, err == MSDK_OK, "program of 0x%02x: %s", steps[s],
                               msdk_err_str(err))) {
            break;
        }
        err = msdk_nvm_read(nvm, 0u, conf_nvm_buf, len);
        if (!msdk_conf_require(&chk, err == MSDK_OK, "read: %s", msdk_err_str(err))) {
            break;
        }
        for (uint32_t i = 0; i < len; i++) {
            if (!msdk_conf_require(&chk, conf_nvm_buf[i] == expect[s],
                                   "after programming 0x%02x, byte %lu reads 0x%02x, "
                                   "expected 0x%02x",
                                   steps[s], ul(i), conf_nvm_buf[i], expect[s])) {
                break;
            }
        }
    }
    (void)msdk_conf_end(&chk);

    /* A partial program in the middle of the second page (or of the first
     * when there is one) leaves the rest of the page erased. */
    msdk_conf_begin(run, &chk, "partial_program_keeps_page");
    uint32_t page = (g->sector_size >= 2u * g->page_size) ? g->page_size : 0u;
    if (page == 0u) {
        /* Single-page sectors: use sector 1 if there is one, else skip
         * (the first bytes of sector 0 were programmed above). */
        page = (t->sectors > 1u) ? g->sector_size : UINT32_MAX;
    }
    if (page != UINT32_MAX) {
        uint32_t off = ((g->page_size / 2u) / g->prog_align) * g->prog_align;
        uint32_t n = g->prog_align;
        if ((off + 4u * g->prog_align) <= g->page_size) {
            n = 4u * g->prog_align;
        }
        if ((page >= g->sector_size) && !erase_sector(&chk, t, page / g->sector_size)) {
            (void)msdk_conf_end(&chk);
            return;
        }
        if (program_pattern(&chk, t, page + off, n, 0x51u, n)) {
            (void)(expect_content(&chk, t, page, off, true, 0u, CONF_NVM_BUF) &&
                   expect_content(&chk, t, page + off, n, false, 0x51u, CONF_NVM_BUF) &&
                   expect_content(&chk, t, page + off + n, g->page_size - off - n, true, 0u,
                                  CONF_NVM_BUF));
        }
    }
    (void)msdk_conf_end(&chk);
}

/* Pseudo-random data in every touched sector, written with whole pages in
 * some sectors and with small, varied program calls in others, read back
 * with aligned and with odd-sized reads that cross pages and sectors. */
static void check_readback(msdk_conf_run_t *run, const conf_nvm_t *t, uint32_t seed)
{
    const msdk_nvm_geometry_t *g = t->geo;
    msdk_conf_check_t chk;

    msdk_conf_begin(run, &chk, "readback_random_pattern");
    for (uint32_t i = 0; (i < t->ntouched) && !chk.failed; i++) {
        uint32_t s = t->touched[i];
        uint32_t base = sector_addr(t, s);
        if (!erase_sector(&chk, t, s)) {
            break;
        }
        if ((i % 2u) == 0u) {
            (void)program_pattern(&chk, t, base, g->sector_size, seed, full_prog_len(g));
        } else {
            /* Varied call sizes: 1, 3, 5, 7 program units, repeating. */
            uint32_t done = 0;
            for (uint32_t k = 0; (done < g->sector_size) && !chk.failed; k++) {
                uint32_t n = (1u + 2u * (k % 4u)) * g->prog_align;
                uint32_t room = g->page_size - ((base + done) % g->page_size);
                n = (n > room) ? room : n;
                (void)program_pattern(&chk, t, base + done, n, seed, n);
                done += n;
            }
        }
    }
    for (uint32_t i = 0; (i < t->ntouched) && !chk.failed; i++) {
        (void)expect_content(&chk, t, sector_addr(t, t->touched[i]), g->sector_size, false, seed,
                             CONF_NVM_BUF);
    }
    (void)msdk_conf_end(&chk);

    msdk_conf_begin(run, &chk, "read_odd_offsets_and_lengths");
    for (uint32_t i = 0; (i < t->ntouched) && !chk.failed && (g->sector_size >= 2u); i++) {
        uint32_t base = sector_addr(t, t->touched[i]);
        (void)expect_content(&chk, t, base + 1u, g->sector_size - 2u, false, seed, 37u);
        (void)expect_content(&chk, t, base + g->sector_size - 1u, 1u, false, seed, 1u);
    }
    if ((t->sectors > 1u) && (g->sector_size >= 16u)) {
        /* Sectors 0 and 1 are both touched: read across their boundary. */
        (void)expect_content(&chk, t, g->sector_size - 13u, 29u, false, seed, 29u);
    }
    (void)msdk_conf_end(&chk);
}

/* Erase a sector between two programmed ones and check both survive. */
static void check_neighbours(msdk_conf_run_t *run, const conf_nvm_t *t, uint32_t seed)
{
    const msdk_nvm_geometry_t *g = t->geo;
    msdk_conf_check_t chk;
    if (t->sectors < 2u) {
        return;
    }
    msdk_conf_begin(run, &chk, "erase_keeps_neighbours");
    uint32_t mid = (t->sectors >= 3u) ? 1u : 0u;
    if (erase_sector(&chk, t, mid)) {
        (void)expect_content(&chk, t, sector_addr(t, mid), g->sector_size, true, 0u, CONF_NVM_BUF);
        if (mid > 0u) {
            (void)expect_content(&chk, t, sector_addr(t, mid - 1u), g->sector_size, false, seed,
                                 CONF_NVM_BUF);
        }
        (void)expect_content(&chk, t, sector_addr(t, mid + 1u), g->sector_size, false, seed,
                             CONF_NVM_BUF);
    }
    uint32_t last = t->sectors - 1u;
    if ((last > 2u) && erase_sector(&chk, t, last)) {
        (void)expect_content(&chk, t, sector_addr(t, last), g->sector_size, true, 0u, CONF_NVM_BUF);
        (void)expect_content(&chk, t, sector_addr(t, last - 1u), g->sector_size, false, seed,
                             CONF_NVM_BUF);
    }
    (void)msdk_conf_end(&chk);
}

static void add_touched(conf_nvm_t *t, uint32_t sector)
{
    if (sector >= t->sectors) {
        return;
    }
    for (uint32_t i = 0; i < t->ntouched; i++) {
        if (t->touched[i] == sector) {
            return;
        }
    }
    t->touched[t->ntouched++] = sector;
}

int msdk_conf_nvm(const msdk_nvm_t *nvm, msdk_conf_report_fn report, void *ctx)
{
    msdk_conf_run_t run;
    msdk_conf_run_init(&run, "nvm", report, ctx);
    if (!check_geometry(&run, nvm)) {
        return run.failed;
    }
    conf_nvm_t t = { 0 };
    t.nvm = nvm;
    t.geo = &nvm->geo;
    t.sectors = nvm->geo.size / nvm->geo.sector_size;
    add_touched(&t, 0u);
    add_touched(&t, 1u);
    add_touched(&t, 2u);
    if (t.sectors > 2u) {
        add_touched(&t, t.sectors - 2u);
        add_touched(&t, t.sectors - 1u);
    }

    check_erase(&run, &t);
    check_rejects(&run, &t);
    check_program_semantics(&run, &t);
    check_readback(&run, &t, 0xC0FFEE01u);
    check_neighbours(&run, &t, 0xC0FFEE01u);

    /* Leave the touched sectors blank. */
    msdk_conf_check_t chk;
    msdk_conf_begin(&run, &chk, "cleanup_erase");
    for (uint32_t i = 0; i < t.ntouched; i++) {
        (void)erase_sector(&chk, &t, t.touched[i]);
    }
    (void)msdk_conf_end(&chk);
    return run.failed;
}
