/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* File-backed NVM region with NOR semantics.
 *
 * The file's content is mirrored in RAM; reads come from the mirror, every program and
 * erase updates the mirror and is written to the file with pwrite() before the driver
 * returns (so it is in the page cache and survives a kill -9). The file is fsync()ed
 * when the simulation stops, and after every operation with --nvm-sync. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "host_internal.h"

/* pread() into rd or pwrite() from wr of exactly len bytes at off. */
static bool file_io(int fd, uint8_t *rd, const uint8_t *wr, size_t len, off_t off)
{
    size_t done = 0;
    while (done < len) {
        off_t at = off + (off_t)done;
        ssize_t n = (rd != NULL) ? pread(fd, rd + done, len - done, at)
                                 : pwrite(fd, wr + done, len - done, at);
        if ((n < 0) && (errno == EINTR)) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += (size_t)n;
    }
    return true;
}

bool msdk_host_file_read(int fd, uint8_t *buf, size_t len, off_t off)
{
    return file_io(fd, buf, NULL, len, off);
}

bool msdk_host_file_write(int fd, const uint8_t *data, size_t len, off_t off)
{
    return file_io(fd, NULL, data, len, off);
}

static msdk_err_t persist(msdk_host_nvm_dev_t *d, uint32_t addr, size_t len)
{
    d->dirty = true;
    if (!msdk_host_file_write(d->fd, &d->mirror[addr], len, (off_t)addr)) {
        return MSDK_ERR_IO;
    }
    if (d->sync && (fdatasync(d->fd) != 0)) {
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

static msdk_err_t nvm_read(void *ctx, uint32_t addr, uint8_t *buf, size_t len)
{
    msdk_host_nvm_dev_t *d = ctx;
    memcpy(buf, &d->mirror[addr], len);
    d->stats.reads++;
    d->stats.read_bytes += len;
    return MSDK_OK;
}

static msdk_err_t nvm_program(void *ctx, uint32_t addr, const uint8_t *data, size_t len)
{
    msdk_host_nvm_dev_t *d = ctx;
    bool sets_bits = false;
    for (size_t i = 0; i < len; i++) {
        uint8_t old = d->mirror[addr + i];
        if ((uint8_t)(~old & data[i]) != 0u) {
            sets_bits = true;
        }
        d->mirror[addr + i] = (uint8_t)(old & data[i]);
    }
    d->stats.programs++;
    d->stats.program_bytes += len;
    if (sets_bits) {
        d->stats.program_set_bits++;
    }
    return persist(d, addr, len);
}

static msdk_err_t nvm_erase(void *ctx, uint32_t addr)
{
    msdk_host_nvm_dev_t *d = ctx;
    uint32_t sector = addr / d->nvm.geo.sector_size;
    memset(&d->mirror[addr], 0xFF, d->nvm.geo.sector_size);
    d->stats.erases++;
    d->sector_erases[sector]++;
    if (d->sector_erases[sector] > d->stats.max_sector_erases) {
        d->stats.max_sector_erases = d->sector_erases[sector];
    }
    return persist(d, addr, d->nvm.geo.sector_size);
}

static const msdk_nvm_ops_t nvm_ops = {
    .read = nvm_read,
    .program = nvm_program,
    .erase = nvm_erase,
};

msdk_err_t msdk_host_nvm_open(msdk_host_nvm_dev_t *d, const msdk_host_options_t *o)
{
    memset(d, 0, sizeof(*d));
    d->fd = -1;
    d->sync = o->nvm_sync;
    memcpy(d->path, o->nvm_path, sizeof(d->path));
    d->nvm.ops = &nvm_ops;
    d->nvm.ctx = d;
    d->nvm.geo.size = o->nvm_size;
    d->nvm.geo.sector_size = o->nvm_sector;
    d->nvm.geo.page_size = o->nvm_page;
    d->nvm.geo.prog_align = 1u;
    d->stats.sector_count = o->nvm_size / o->nvm_sector;

    d->fd = open(d->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (d->fd < 0) {
        (void)fprintf(stderr, "nvm: cannot open '%s': %s\n", d->path, strerror(errno));
        return MSDK_ERR_IO;
    }
    if (flock(d->fd, LOCK_EX | LOCK_NB) != 0) {
        (void)fprintf(stderr, "nvm: '%s' is in use by another simulator\n", d->path);
        msdk_host_fd_close(&d->fd);
        return MSDK_ERR_IO;
    }
    struct stat st;
    if (fstat(d->fd, &st) != 0) {
        msdk_host_fd_close(&d->fd);
        return MSDK_ERR_IO;
    }
    if ((st.st_size != 0) && (st.st_size != (off_t)o->nvm_size)) {
        (void)fprintf(stderr,
                      "nvm: '%s' has %lld bytes but the NVM is %u bytes (--nvm-size); refusing "
                      "to use it (delete it or give the matching --nvm-size)\n",
                      d->path, (long long)st.st_size, (unsigned)o->nvm_size);
        msdk_host_fd_close(&d->fd);
        return MSDK_ERR_INVALID_ARG;
    }
    d->mirror = malloc(o->nvm_size);
    d->sector_erases = calloc(d->stats.sector_count, sizeof(uint32_t));
    if ((d->mirror == NULL) || (d->sector_erases == NULL)) {
        msdk_host_nvm_close(d);
        return MSDK_ERR_IO;
    }
    if (st.st_size == 0) {
        /* A new memory: erased. */
        memset(d->mirror, 0xFF, o->nvm_size);
        d->dirty = true;
        if (!msdk_host_file_write(d->fd, d->mirror, o->nvm_size, 0)) {
            (void)fprintf(stderr, "nvm: cannot write '%s': %s\n", d->path, strerror(errno));
            msdk_host_nvm_close(d);
            return MSDK_ERR_IO;
        }
    } else if (!msdk_host_file_read(d->fd, d->mirror, o->nvm_size, 0)) {
        (void)fprintf(stderr, "nvm: cannot read '%s'\n", d->path);
        msdk_host_nvm_close(d);
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

void msdk_host_nvm_flush(msdk_host_nvm_dev_t *d)
{
    if ((d->fd >= 0) && d->dirty) {
        (void)fsync(d->fd);
        d->dirty = false;
    }
}

void msdk_host_nvm_close(msdk_host_nvm_dev_t *d)
{
    msdk_host_nvm_flush(d);
    msdk_host_fd_close(&d->fd); /* also releases the lock */
    free(d->mirror);
    free(d->sector_erases);
    d->mirror = NULL;
    d->sector_erases = NULL;
}

/* ---- sim.h ------------------------------------------------------------------------ */

msdk_err_t msdk_host_nvm_stats(msdk_host_nvm_stats_t *stats)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_host_sim_check(b, stats != NULL);
    if (err != MSDK_OK) {
        return err;
    }
    *stats = b->nvm.stats;
    return MSDK_OK;
}

uint32_t msdk_host_nvm_sector_erases(uint32_t sector)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized || (sector >= b->nvm.stats.sector_count)) {
        return 0;
    }
    return b->nvm.sector_erases[sector];
}

void msdk_host_nvm_stats_reset(void)
{
    msdk_host_board_t *b = msdk_host_board();
    if (!b->initialized) {
        return;
    }
    uint32_t count = b->nvm.stats.sector_count;
    memset(&b->nvm.stats, 0, sizeof(b->nvm.stats));
    b->nvm.stats.sector_count = count;
    memset(b->nvm.sector_erases, 0, (size_t)count * sizeof(uint32_t));
}

const char *msdk_host_nvm_path(void)
{
    msdk_host_board_t *b = msdk_host_board();
    return b->initialized ? b->nvm.path : NULL;
}
