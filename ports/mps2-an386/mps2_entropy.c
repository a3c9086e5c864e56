/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Entropy port -- EMULATION ONLY, NOT A REAL ENTROPY SOURCE.
 *
 * The AN386 has no true random number generator. Under QEMU the port reads
 * the host's /dev/urandom through semihosting (SYS_OPEN / SYS_READ; QEMU must
 * run with -semihosting-config enable=on,target=native). That makes the DRBG
 * work in emulation; it says nothing about the entropy of any real device.
 * Without a semihosting host (real hardware, no debugger) the function
 * returns MSDK_ERR_NOT_SUPPORTED. A product port must use its chip's TRNG
 * with health tests (see msdk/port/entropy.h).
 */
#include <string.h>
#include "msdk/port/entropy.h"
#include "mps2_internal.h"

#define MSDK_MPS2_SH_MODE_RB 1u /* "rb" */

static int32_t msdk_mps2_urandom = -1;

msdk_err_t msdk_port_entropy_read(uint8_t *buf, size_t len)
{
    static const char path[] = "/dev/urandom";

    if ((buf == NULL) && (len != 0u)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (len == 0u) {
        return MSDK_OK;
    }
    if (!msdk_mps2_semihost_is_available()) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (msdk_mps2_urandom < 0) {
        uint32_t open_block[3] = { (uint32_t)(uintptr_t)path, MSDK_MPS2_SH_MODE_RB,
                                   (uint32_t)(sizeof path - 1u) };
        int32_t h = (int32_t)msdk_mps2_semihost_call(MSDK_MPS2_SH_SYS_OPEN, open_block);
        if (h < 0) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
        msdk_mps2_urandom = h;
    }
    while (len > 0u) {
        uint32_t chunk = (len > 256u) ? 256u : (uint32_t)len;
        uint32_t read_block[3] = { (uint32_t)msdk_mps2_urandom, (uint32_t)(uintptr_t)buf, chunk };
        /* SYS_READ answers the number of bytes NOT read. */
        uint32_t left = msdk_mps2_semihost_call(MSDK_MPS2_SH_SYS_READ, read_block);
        if (left >= chunk) {
            return MSDK_ERR_IO;
        }
        uint32_t got = chunk - left;
        buf += got;
        len -= got;
    }
    return MSDK_OK;
}
