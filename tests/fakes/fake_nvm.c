/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* RAM NVM with NOR semantics and the power-cut injector (see fake_nvm.h). */
#include "fake_nvm.h"

#include <string.h>

/* Largest prog_align the injector supports: torn programs and restored
 * sector halves are written in chunks of this buffer. */
#define CUT_CHUNK 256u

/* ---- RAM NVM --------------------------------------------------------------- */

static bool fake_range_is_valid(const msdk_fake_nvm_t *fake, uint32_t addr, size_t len)
{
    return (addr <= fake->nvm.geo.size) && (len <= (size_t)(fake->nvm.geo.size - addr));
}

static msdk_err_t fake_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    msdk_fake_nvm_t *fake = ctx;
    if ((buf == NULL) || !fake_range_is_valid(fake, addr, len)) {
        fake->stats.rejected++;
        return MSDK_ERR_INVALID_ARG;
    }
    memcpy(buf, &fake->mem[addr], len);
    fake->stats.reads++;
    fake->stats.bytes_read += len;
    return MSDK_OK;
}

static msdk_err_t fake_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    msdk_fake_nvm_t *fake = ctx;
    const msdk_nvm_geometry_t *geo = &fake->nvm.geo;
    if ((data == NULL) || (len == 0u) || !fake_range_is_valid(fake, addr, len) ||
        ((addr % geo->page_size) + len > geo->page_size)) {
        fake->stats.rejected++;
        return MSDK_ERR_INVALID_ARG;
    }
    if (((addr % geo->prog_align) != 0u) || ((len % geo->prog_align) != 0u)) {
        fake->stats.rejected++;
        return MSDK_ERR_ALIGNMENT;
    }
    bool over = false;
    for (size_t i = 0; i < len; i++) {
        uint8_t old = fake->mem[addr + i];
        if ((data[i] & (uint8_t)~old) != 0u) {
            over = true;
        }
        fake->mem[addr + i] = (uint8_t)(old & data[i]);
    }
    if (over) {
        fake->stats.overprograms++;
    }
    fake->stats.programs++;
    fake->stats.bytes_programmed += len;
    return MSDK_OK;
}

static msdk_err_t fake_erase(void *ctx, uint32_t addr)
{
    msdk_fake_nvm_t *fake = ctx;
    const msdk_nvm_geometry_t *geo = &fake->nvm.geo;
    if (addr >= geo->size) {
        fake->stats.rejected++;
        return MSDK_ERR_INVALID_ARG;
    }
    if ((addr % geo->sector_size) != 0u) {
        fake->stats.rejected++;
        return MSDK_ERR_ALIGNMENT;
    }
    memset(&fake->mem[addr], 0xFF, geo->sector_size);
    if (fake->erase_counts != NULL) {
        fake->erase_counts[addr / geo->sector_size]++;
    }
    fake->stats.erases++;
    return MSDK_OK;
}

/* Not exported: gcc's AddressSanitizer gives every global object an
 * __odr_asan.<name> symbol, which the msdk_ prefix check would flag. */
static const msdk_nvm_ops_t fake_nvm_ops = {
    .read = fake_read,
    .program = fake_program,
    .erase = fake_erase,
};

msdk_err_t msdk_fake_nvm_init(msdk_fake_nvm_t *fake, uint8_t *mem, const msdk_nvm_geometry_t *geo,
                              uint32_t *erase_counts)
{
    if ((fake == NULL) || (mem == NULL) || (msdk_nvm_geometry_check(geo) != MSDK_OK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(fake, 0, sizeof(*fake));
    fake->nvm.ops = &fake_nvm_ops;
    fake->nvm.ctx = fake;
    fake->nvm.geo = *geo;
    fake->mem = mem;
    fake->erase_counts = erase_counts;
    return MSDK_OK;
}

void msdk_fake_nvm_erase_all(msdk_fake_nvm_t *fake)
{
    memset(fake->mem, 0xFF, fake->nvm.geo.size);
}

/* ---- PRNG -------------------------------------------------------------------- */

uint32_t msdk_fake_prng_next(uint32_t *state)
{
    uint32_t x = (*state == 0u) ? 0x9E3779B9u : *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* ---- Power-cut injector ---------------------------------------------------- */

/* Program [addr, addr + len) of the inner region from src, one page at a
 * time, in chunks of CUT_CHUNK (rounded down to prog_align). Bytes from
 * src_valid on are sent as 0xFF, which leaves the cells as they are: a
 * program of a prefix with aligned calls only. src == NULL means PRNG data.
 * addr and len are multiples of prog_align. */
static msdk_err_t cut_program_span(msdk_fake_nvm_cut_t *cut, uint32_t addr, const uint8_t *src,
                                   size_t len, size_t src_valid)
{
    const msdk_nvm_t *in = cut->inner;
    const msdk_nvm_geometry_t *geo = &in->geo;
    size_t chunk_max = (CUT_CHUNK / geo->prog_align) * geo->prog_align;
    uint8_t chunk[CUT_CHUNK];
    size_t done = 0;
    while (done < len) {
        uint32_t at = addr + (uint32_t)done;
        size_t n = geo->page_size - (at % geo->page_size);
        if (n > len - done) {
            n = len - done;
        }
        if (n > chunk_max) {
            n = chunk_max;
        }
        for (size_t i = 0; i < n; i++) {
            size_t idx = done + i;
            if (src == NULL) {
                chunk[i] = (uint8_t)(msdk_fake_prng_next(&cut->prng) >> 24);
            } else {
                chunk[i] = (idx < src_valid) ? src[idx] : 0xFFu;
            }
        }
        msdk_err_t err = in->ops->program(in->ctx, at, chunk, n);
        if (err != MSDK_OK) {
            return err;
        }
        done += n;
    }
    return MSDK_OK;
}

static size_t round_up(size_t v, size_t align)
{
    return ((v + align - 1u) / align) * align;
}

/* Apply the damage of the interrupted call k. */
static void cut_tear_program(msdk_fake_nvm_cut_t *cut, uint32_t addr, const uint8_t *data,
                             size_t len)
{
    size_t prefix = 0;
    switch (cut->cfg.mode) {
    case MSDK_FAKE_NVM_CUT_PROG_ONE: prefix = 1u; break;
    case MSDK_FAKE_NVM_CUT_PROG_HALF: prefix = len / 2u; break;
    case MSDK_FAKE_NVM_CUT_PROG_ALL_BUT_ONE: prefix = len - 1u; break;
    case MSDK_FAKE_NVM_CUT_CLEAN:
    case MSDK_FAKE_NVM_CUT_ERASE_HALF:
    case MSDK_FAKE_NVM_CUT_ERASE_RANDOM:
    case MSDK_FAKE_NVM_CUT_MODE_COUNT:
    default: prefix = 0u; break;
    }
    cut->cut_applied = prefix;
    if (prefix == 0u) {
        return;
    }
    size_t span = round_up(prefix, cut->inner->geo.prog_align);
    /* The chip is dying: a failure here changes nothing for the test. */
    (void)cut_program_span(cut, addr, data, span, prefix);
}

/* Bytes at the end of a sector that a half erase keeps: the sector minus its
 * first half rounded down to prog_align (so the restore is aligned). */
static size_t erase_half_keep(const msdk_nvm_geometry_t *geo)
{
    size_t half = ((geo->sector_size / 2u) / geo->prog_align) * geo->prog_align;
    return geo->sector_size - half;
}

static void cut_tear_erase(msdk_fake_nvm_cut_t *cut, uint32_t addr)
{
    const msdk_nvm_t *in = cut->inner;
    const msdk_nvm_geometry_t *geo = &in->geo;
    if (cut->cfg.mode == MSDK_FAKE_NVM_CUT_ERASE_HALF) {
        size_t keep = erase_half_keep(geo);
        size_t half = geo->sector_size - keep;
        if ((in->ops->read(in->ctx, addr + (uint32_t)half, cut->cfg.scratch, keep) != MSDK_OK) ||
            (in->ops->erase(in->ctx, addr) != MSDK_OK)) {
            return;
        }
        (void)cut_program_span(cut, addr + (uint32_t)half, cut->cfg.scratch, keep, keep);
    } else if (cut->cfg.mode == MSDK_FAKE_NVM_CUT_ERASE_RANDOM) {
        if (in->ops->erase(in->ctx, addr) != MSDK_OK) {
            return;
        }
        (void)cut_program_span(cut, addr, NULL, geo->sector_size, 0u);
    }
}

/* Returns true when the call is to be passed through, false when the cut
 * (now or earlier) swallows it; *ret is then its return value. */
static bool cut_gate(msdk_fake_nvm_cut_t *cut, msdk_err_t *ret)
{
    uint32_t index = cut->ops;
    cut->ops++;
    if (cut->cut) {
        *ret = (cut->cfg.after == MSDK_FAKE_NVM_AFTER_CUT_EIO) ? MSDK_ERR_IO : MSDK_OK;
        return false;
    }
    if (!cut->cfg.armed || (index < cut->cfg.cut_after)) {
        return true;
    }
    cut->cut = true;
    *ret = (cut->cfg.after == MSDK_FAKE_NVM_AFTER_CUT_EIO) ? MSDK_ERR_IO : MSDK_OK;
    return false;
}

static void cut_notify(const msdk_fake_nvm_cut_t *cut)
{
    if (cut->cfg.on_cut != NULL) {
        cut->cfg.on_cut(cut->cfg.on_cut_ctx);
    }
}

static msdk_err_t cut_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    msdk_fake_nvm_cut_t *cut = ctx;
    if (cut->cut && (cut->cfg.after == MSDK_FAKE_NVM_AFTER_CUT_EIO)) {
        return MSDK_ERR_IO;
    }
    return cut->inner->ops->read(cut->inner->ctx, addr, buf, len);
}

static msdk_err_t cut_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    msdk_fake_nvm_cut_t *cut = ctx;
    bool was_cut = cut->cut;
    msdk_err_t ret = MSDK_OK;
    if (cut_gate(cut, &ret)) {
        return cut->inner->ops->program(cut->inner->ctx, addr, data, len);
    }
    if (!was_cut) {
        cut->cut_op = MSDK_FAKE_NVM_OP_PROGRAM;
        cut->cut_addr = addr;
        cut->cut_len = len;
        cut_tear_program(cut, addr, data, len);
        cut_notify(cut);
    }
    return ret;
}

static msdk_err_t cut_erase(void *ctx, uint32_t addr)
{
    msdk_fake_nvm_cut_t *cut = ctx;
    bool was_cut = cut->cut;
    msdk_err_t ret = MSDK_OK;
    if (cut_gate(cut, &ret)) {
        return cut->inner->ops->erase(cut->inner->ctx, addr);
    }
    if (!was_cut) {
        cut->cut_op = MSDK_FAKE_NVM_OP_ERASE;
        cut->cut_addr = addr;
        cut->cut_len = cut->inner->geo.sector_size;
        cut_tear_erase(cut, addr);
        cut_notify(cut);
    }
    return ret;
}

static const msdk_nvm_ops_t cut_ops = {
    .read = cut_read,
    .program = cut_program,
    .erase = cut_erase,
};

msdk_err_t msdk_fake_nvm_cut_init(msdk_fake_nvm_cut_t *cut, const msdk_nvm_t *inner,
                                  const msdk_fake_nvm_cut_config_t *cfg)
{
    if ((cut == NULL) || (inner == NULL) || (inner->ops == NULL) ||
        (msdk_nvm_geometry_check(&inner->geo) != MSDK_OK) || (inner->geo.prog_align > CUT_CHUNK)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_fake_nvm_cut_config_t c = { 0 };
    if (cfg != NULL) {
        c = *cfg;
    }
    if (((unsigned)c.mode >= (unsigned)MSDK_FAKE_NVM_CUT_MODE_COUNT) ||
        ((unsigned)c.after > (unsigned)MSDK_FAKE_NVM_AFTER_CUT_EIO)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (c.armed && (c.mode == MSDK_FAKE_NVM_CUT_ERASE_HALF) &&
        ((c.scratch == NULL) || (c.scratch_size < erase_half_keep(&inner->geo)))) {
        return MSDK_ERR_INVALID_ARG;
    }
    memset(cut, 0, sizeof(*cut));
    cut->nvm.ops = &cut_ops;
    cut->nvm.ctx = cut;
    cut->nvm.geo = inner->geo;
    cut->inner = inner;
    cut->cfg = c;
    cut->prng = c.seed;
    return MSDK_OK;
}

bool msdk_fake_nvm_cut_reached(const msdk_fake_nvm_cut_t *cut)
{
    return cut->cut;
}

uint32_t msdk_fake_nvm_cut_op_count(const msdk_fake_nvm_cut_t *cut)
{
    return cut->ops;
}
