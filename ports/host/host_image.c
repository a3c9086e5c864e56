/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Firmware download slot in a file (--image, default ma304h4-image.bin), 512 KiB,
 * flash-like: erase sets 0xFF, writes AND into the content. The file is created on
 * first use. Activation writes the marker file <image>.activate ("size=<bytes>") for
 * whatever plays the boot loader, and returns. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "host_internal.h"
#include "msdk/port/image.h"

#define SLOT_SIZE MSDK_HOST_IMAGE_SLOT_SIZE

static const msdk_image_slot_info_t slot = {
    .size = SLOT_SIZE,
    .write_align = MSDK_HOST_IMAGE_WRITE_ALIGN,
};

static msdk_err_t fill_ff(int fd)
{
    uint8_t ff[4096];
    memset(ff, 0xFF, sizeof(ff));
    for (uint32_t off = 0; off < SLOT_SIZE; off += (uint32_t)sizeof(ff)) {
        if (!msdk_host_file_write(fd, ff, sizeof(ff), (off_t)off)) {
            return MSDK_ERR_IO;
        }
    }
    return MSDK_OK;
}

/* Open (and create) the slot file on first use. */
static msdk_err_t slot_open(msdk_host_board_t *b)
{
    msdk_host_image_t *img = &b->image;
    if (!b->initialized) {
        return MSDK_ERR_IO;
    }
    if (img->fd >= 0) {
        return MSDK_OK;
    }
    img->fd = open(img->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (img->fd < 0) {
        msdk_host_console_printf(b, "image: cannot open '%s': %s", img->path, strerror(errno));
        return MSDK_ERR_IO;
    }
    struct stat st;
    if (fstat(img->fd, &st) != 0) {
        msdk_host_fd_close(&img->fd);
        return MSDK_ERR_IO;
    }
    if (st.st_size == 0) {
        if (fill_ff(img->fd) != MSDK_OK) {
            msdk_host_fd_close(&img->fd);
            return MSDK_ERR_IO;
        }
    } else if (st.st_size != (off_t)SLOT_SIZE) {
        msdk_host_console_printf(b, "image: '%s' has %lld bytes, expected %u; not used", img->path,
                                 (long long)st.st_size, (unsigned)SLOT_SIZE);
        msdk_host_fd_close(&img->fd);
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

void msdk_host_image_close(msdk_host_board_t *b)
{
    msdk_host_fd_close(&b->image.fd);
}

msdk_err_t msdk_port_image_slot_info(msdk_image_slot_info_t *info)
{
    if (info == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    *info = slot;
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_erase(void)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = slot_open(b);
    return (err != MSDK_OK) ? err : fill_ff(b->image.fd);
}

msdk_err_t msdk_port_image_slot_write(uint32_t offset, const uint8_t *data, size_t len)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_image_slot_write_check(&slot, offset, data, len);
    if (err == MSDK_OK) {
        err = slot_open(b);
    }
    if (err != MSDK_OK) {
        return err;
    }
    uint8_t buf[1024];
    while (len > 0u) {
        size_t n = (len < sizeof(buf)) ? len : sizeof(buf);
        if (!msdk_host_file_read(b->image.fd, buf, n, (off_t)offset)) {
            return MSDK_ERR_IO;
        }
        for (size_t i = 0; i < n; i++) {
            buf[i] &= data[i];
        }
        if (!msdk_host_file_write(b->image.fd, buf, n, (off_t)offset)) {
            return MSDK_ERR_IO;
        }
        data += n;
        offset += (uint32_t)n;
        len -= n;
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_image_slot_read(uint32_t offset, uint8_t *buf, size_t len)
{
    msdk_host_board_t *b = msdk_host_board();
    msdk_err_t err = msdk_image_slot_read_check(&slot, offset, buf, len);
    if (err == MSDK_OK) {
        err = slot_open(b);
    }
    if (err != MSDK_OK) {
        return err;
    }
    return msdk_host_file_read(b->image.fd, buf, len, (off_t)offset) ? MSDK_OK : MSDK_ERR_IO;
}

msdk_err_t msdk_port_image_activate(uint32_t image_size)
{
    msdk_host_board_t *b = msdk_host_board();
    char marker[MSDK_HOST_PATH_MAX + 16u];
    if (!msdk_image_size_is_valid(&slot, image_size)) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_err_t err = slot_open(b);
    if (err != MSDK_OK) {
        return err;
    }
    (void)fsync(b->image.fd);
    (void)snprintf(marker, sizeof(marker), "%s.activate", b->image.path);
    FILE *f = fopen(marker, "w");
    if (f == NULL) {
        return MSDK_ERR_IO;
    }
    bool ok = fprintf(f, "size=%u\n", (unsigned)image_size) > 0;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        return MSDK_ERR_IO;
    }
    msdk_host_console_printf(b, "image: activation of %u bytes requested (%s)",
                             (unsigned)image_size, marker);
    return MSDK_OK;
}
