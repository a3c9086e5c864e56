/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Mark/rollback of a writer and row-by-row streaming of a large array
 * (include/msdk/cosem/axdr.h). Built on the public A-XDR writers only.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/axdr.h"

/* ---- Streaming ---------------------------------------------------------------------- */

size_t msdk_cosem_axdr_mark(const msdk_wbuf_t *wb)
{
    return (wb != NULL) ? wb->pos : 0u;
}

msdk_err_t msdk_cosem_axdr_rollback(msdk_wbuf_t *wb, size_t mark)
{
    if (wb == NULL || mark > wb->pos) {
        return MSDK_ERR_INVALID_ARG;
    }
    wb->pos = mark;
    return MSDK_OK;
}

void msdk_cosem_axdr_rows_init(msdk_cosem_axdr_rows_t *rows, uint32_t total)
{
    if (rows != NULL) {
        rows->total = total;
        rows->next = 0u;
        rows->header_done = false;
    }
}

msdk_err_t msdk_cosem_axdr_rows_put(msdk_wbuf_t *wb, msdk_cosem_axdr_rows_t *rows,
                                    msdk_cosem_axdr_row_fn_t fn, void *ctx, bool *done)
{
    if (wb == NULL || rows == NULL || fn == NULL || done == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    bool progress = false;
    if (!rows->header_done) {
        msdk_err_t err = msdk_cosem_axdr_put_array_header(wb, rows->total);
        if (err != MSDK_OK) {
            return err;
        }
        rows->header_done = true;
        progress = true;
    }
    while (rows->next < rows->total) {
        size_t mark = wb->pos;
        msdk_err_t err = fn(ctx, wb, rows->next);
        if (err == MSDK_OK && (wb->pos < mark || wb->pos > wb->cap)) {
            err = MSDK_ERR_STATE; /* the callback broke the writer */
        }
        if (err != MSDK_OK) {
            wb->pos = mark;
            if (err == MSDK_ERR_BUFFER_TOO_SMALL && progress) {
                break;
            }
            return err;
        }
        rows->next++;
        progress = true;
    }
    *done = (rows->next >= rows->total);
    return MSDK_OK;
}
