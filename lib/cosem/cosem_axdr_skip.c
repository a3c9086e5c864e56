/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Skipping whole A-XDR values and compact-arrays (include/msdk/cosem/axdr.h):
 * type-description scanning, writers and readers, validation of the contents
 * against the description, and msdk_cosem_axdr_skip(). Follows the
 * conventions stated in cosem_axdr.c; every nested walk uses an explicit
 * stack of at most MSDK_COSEM_AXDR_DEPTH_MAX frames.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/bytebuf.h"
#include "msdk/cosem/axdr.h"
#include "cosem_axdr_internal.h"

/* ---- Type descriptions ------------------------------------------------------------ */

/* Saturation bound of the fixed-size arithmetic (far above any UINT32_MAX result). */
#define SIZE_SAT (UINT64_C(1) << 40)

/* What td_scan() learnt about a description. */
typedef struct td_info {
    uint64_t size; /* bytes per element, saturated at SIZE_SAT, when !variable */
    bool variable; /* a string or bit-string is inside */
} td_info_t;

/*
 * Reads one type description from r, checking its syntax and nesting, and
 * computes its element size. Explicit stack: each frame is an open array
 * (one element description left) or structure (members left), with the
 * size multiplier of its parent.
 */
static msdk_err_t td_scan(msdk_rbuf_t *r, unsigned max_depth, td_info_t *info)
{
    struct {
        uint32_t left;
        uint64_t parent_mult;
    } st[MSDK_COSEM_AXDR_DEPTH_MAX];
    unsigned depth = 0;
    uint64_t mult = 1u;
    td_info_t acc = { 0u, false };
    for (;;) {
        uint8_t tag = 0;
        msdk_err_t err = msdk_rbuf_get_u8(r, &tag);
        if (err != MSDK_OK) {
            return err;
        }
        if (tag == MSDK_COSEM_AXDR_ARRAY || tag == MSDK_COSEM_AXDR_STRUCTURE) {
            uint32_t count = 0;
            if (depth >= max_depth || depth >= MSDK_COSEM_AXDR_DEPTH_MAX) {
                return MSDK_ERR_NOT_SUPPORTED;
            }
            if (tag == MSDK_COSEM_AXDR_ARRAY) {
                uint16_t n = 0;
                err = msdk_rbuf_get_u16be(r, &n);
                count = n;
            } else {
                err = msdk_cosem_axdr_read_count(r, &count);
            }
            if (err != MSDK_OK) {
                return err;
            }
            if (tag == MSDK_COSEM_AXDR_ARRAY || count > 0u) {
                st[depth].left = (tag == MSDK_COSEM_AXDR_ARRAY) ? 1u : count;
                st[depth].parent_mult = mult;
                depth++;
                if (tag == MSDK_COSEM_AXDR_ARRAY) {
                    mult *= count;
                    mult = (mult > SIZE_SAT) ? SIZE_SAT : mult;
                }
                continue;
            }
            /* An empty structure: a zero-size element. */
        } else {
            int kind = msdk_cosem_axdr_body_kind(tag);
            if (kind >= 0) {
                acc.size += (uint64_t)kind * mult;
                acc.size = (acc.size > SIZE_SAT) ? SIZE_SAT : acc.size;
            } else if (kind == MSDK_COSEM_AXDR_BODY_STRING || kind == MSDK_COSEM_AXDR_BODY_BITS) {
                acc.variable = true;
            } else {
                return MSDK_ERR_MALFORMED; /* compact-array or unknown tag */
            }
        }
        /* One description complete: close the frames it completes. */
        while (depth > 0u) {
            if (--st[depth - 1u].left > 0u) {
                break;
            }
            depth--;
            mult = st[depth].parent_mult;
        }
        if (depth == 0u) {
            if (info != NULL) {
                *info = acc;
            }
            return MSDK_OK;
        }
    }
}

/* Scans td[0..td_len) as exactly one description. */
static msdk_err_t td_scan_exact(const uint8_t *td, size_t td_len, unsigned max_depth,
                                td_info_t *info)
{
    msdk_rbuf_t r;
    msdk_rbuf_init(&r, td, td_len);
    msdk_err_t err = td_scan(&r, max_depth, info);
    if (err == MSDK_OK && msdk_rbuf_remaining(&r) != 0u) {
        err = MSDK_ERR_MALFORMED;
    }
    return err;
}

/*
 * Walks one element of a (validated, variable-size) description t through
 * the contents c. Frames: an open array (its element description starts at
 * elem and is re-read for every element) or structure (members are read in
 * turn). An array whose element consumed no contents byte consists of
 * zero-size elements only, so the rest of it is skipped without iterating:
 * a hostile count cannot make the walk spin.
 */
static msdk_err_t walk_element(msdk_rbuf_t *t, msdk_rbuf_t *c)
{
    struct {
        bool is_array;
        uint32_t left;
        size_t elem;
        size_t cstart;
    } st[MSDK_COSEM_AXDR_DEPTH_MAX];
    unsigned depth = 0;
    t->pos = 0u;
    for (;;) {
        uint8_t tag = 0;
        msdk_err_t err = msdk_rbuf_get_u8(t, &tag);
        if (err != MSDK_OK) {
            return MSDK_ERR_MALFORMED;
        }
        if (tag == MSDK_COSEM_AXDR_ARRAY || tag == MSDK_COSEM_AXDR_STRUCTURE) {
            uint32_t count = 0;
            if (tag == MSDK_COSEM_AXDR_ARRAY) {
                uint16_t n = 0;
                err = msdk_rbuf_get_u16be(t, &n);
                count = n;
            } else {
                err = msdk_cosem_axdr_read_length(t, &count);
            }
            if (err != MSDK_OK) {
                return MSDK_ERR_MALFORMED;
            }
            if (count > 0u) {
                if (depth >= MSDK_COSEM_AXDR_DEPTH_MAX) {
                    return MSDK_ERR_NOT_SUPPORTED;
                }
                st[depth].is_array = (tag == MSDK_COSEM_AXDR_ARRAY);
                st[depth].left = count;
                st[depth].elem = t->pos;
                st[depth].cstart = c->pos;
                depth++;
                continue;
            }
            if (tag == MSDK_COSEM_AXDR_ARRAY) {
                /* Zero elements: pass over the element description. */
                err = td_scan(t, MSDK_COSEM_AXDR_DEPTH_MAX, NULL);
                if (err != MSDK_OK) {
                    return MSDK_ERR_MALFORMED;
                }
            }
        } else {
            err = msdk_cosem_axdr_skip_simple_body(c, tag);
            if (err != MSDK_OK) {
                /* The contents length is known: running out of it is malformed. */
                return MSDK_ERR_MALFORMED;
            }
        }
        /* One value complete: advance the open frames. */
        while (depth > 0u) {
            unsigned top = depth - 1u;
            if (--st[top].left == 0u) {
                depth--;
                continue;
            }
            if (st[top].is_array) {
                if (c->pos == st[top].cstart) {
                    depth--; /* zero-size elements: the rest is empty too */
                    continue;
                }
                st[top].cstart = c->pos;
                t->pos = st[top].elem;
            }
            break;
        }
        if (depth == 0u) {
            return MSDK_OK;
        }
    }
}

/* Validates contents against a validated description and counts the elements. */
static msdk_err_t contents_check(const uint8_t *td, size_t td_len, const td_info_t *info,
                                 const uint8_t *contents, size_t contents_len, uint32_t *count)
{
    if (!info->variable) {
        if (info->size == 0u) {
            if (contents_len != 0u) {
                return MSDK_ERR_MALFORMED;
            }
            *count = 0u;
            return MSDK_OK;
        }
        if ((uint64_t)contents_len % info->size != 0u) {
            return MSDK_ERR_MALFORMED;
        }
        *count = (uint32_t)((uint64_t)contents_len / info->size);
        return MSDK_OK;
    }
    msdk_rbuf_t t;
    msdk_rbuf_t c;
    msdk_rbuf_init(&t, td, td_len);
    msdk_rbuf_init(&c, contents, contents_len);
    uint32_t n = 0;
    while (msdk_rbuf_remaining(&c) > 0u) {
        size_t before = c.pos;
        msdk_err_t err = walk_element(&t, &c);
        if (err != MSDK_OK) {
            return err;
        }
        if (c.pos == before || n == UINT32_MAX) {
            return MSDK_ERR_MALFORMED;
        }
        n++;
    }
    *count = n;
    return MSDK_OK;
}

/* Reads the part of a compact-array after its tag. */
static msdk_err_t compact_body(msdk_rbuf_t *r, unsigned td_depth, msdk_cosem_axdr_compact_t *out)
{
    size_t td_start = r->pos;
    td_info_t info;
    msdk_err_t err = td_scan(r, td_depth, &info);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_cosem_axdr_compact_t v;
    v.td = r->p + td_start;
    v.td_len = r->pos - td_start;
    err = msdk_cosem_axdr_read_octets_body(r, &v.contents, &v.contents_len);
    if (err != MSDK_OK) {
        return err;
    }
    err = contents_check(v.td, v.td_len, &info, v.contents, v.contents_len, &v.count);
    if (err == MSDK_OK && out != NULL) {
        *out = v;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_put_td_simple(msdk_wbuf_t *wb, uint8_t tag)
{
    int kind = msdk_cosem_axdr_body_kind(tag);
    if (wb == NULL || kind == MSDK_COSEM_AXDR_BODY_CONTAINER ||
        kind == MSDK_COSEM_AXDR_BODY_UNKNOWN) {
        return MSDK_ERR_INVALID_ARG;
    }
    return msdk_cosem_axdr_write_tag_be(wb, tag, 0u, 0u);
}

msdk_err_t msdk_cosem_axdr_put_td_array(msdk_wbuf_t *wb, uint16_t count)
{
    return msdk_cosem_axdr_write_tag_be(wb, MSDK_COSEM_AXDR_ARRAY, count, 2u);
}

msdk_err_t msdk_cosem_axdr_put_td_structure(msdk_wbuf_t *wb, uint32_t count)
{
    return msdk_cosem_axdr_write_header(wb, MSDK_COSEM_AXDR_STRUCTURE, count);
}

msdk_err_t msdk_cosem_axdr_get_td(msdk_rbuf_t *rb, unsigned max_depth, const uint8_t **td,
                                  size_t *td_len)
{
    if (rb == NULL || td == NULL || td_len == NULL || max_depth > MSDK_COSEM_AXDR_DEPTH_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    msdk_err_t err = td_scan(&r, max_depth, NULL);
    if (err == MSDK_OK) {
        *td = rb->p + rb->pos;
        *td_len = r.pos - rb->pos;
        rb->pos = r.pos;
    }
    return err;
}

msdk_err_t msdk_cosem_axdr_td_fixed_size(const uint8_t *td, size_t td_len, uint32_t *size)
{
    if (td == NULL || size == NULL) {
        return MSDK_ERR_INVALID_ARG;
    }
    td_info_t info;
    msdk_err_t err = td_scan_exact(td, td_len, MSDK_COSEM_AXDR_DEPTH_MAX, &info);
    if (err != MSDK_OK) {
        return err;
    }
    if (info.variable) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (info.size > UINT32_MAX) {
        return MSDK_ERR_OVERFLOW;
    }
    *size = (uint32_t)info.size;
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_put_compact_array_header(msdk_wbuf_t *wb, const uint8_t *td,
                                                    size_t td_len, uint32_t contents_len)
{
    if (wb == NULL || td == NULL ||
        td_scan_exact(td, td_len, MSDK_COSEM_AXDR_DEPTH_MAX, NULL) != MSDK_OK) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (!msdk_cosem_axdr_wb_room(wb, 1u + msdk_cosem_axdr_length_size(contents_len), td_len)) {
        return MSDK_ERR_BUFFER_TOO_SMALL;
    }
    msdk_cosem_axdr_raw_u8(wb, MSDK_COSEM_AXDR_COMPACT_ARRAY);
    msdk_cosem_axdr_raw_bytes(wb, td, td_len);
    msdk_cosem_axdr_raw_length(wb, contents_len);
    return MSDK_OK;
}

msdk_err_t msdk_cosem_axdr_compact_check(const uint8_t *td, size_t td_len, const uint8_t *contents,
                                         size_t contents_len, unsigned max_depth, uint32_t *count)
{
    if (td == NULL || count == NULL || (contents == NULL && contents_len > 0u) ||
        max_depth > MSDK_COSEM_AXDR_DEPTH_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    td_info_t info;
    msdk_err_t err = td_scan_exact(td, td_len, max_depth, &info);
    if (err != MSDK_OK) {
        return err;
    }
    return contents_check(td, td_len, &info, contents, contents_len, count);
}

msdk_err_t msdk_cosem_axdr_get_compact_array(msdk_rbuf_t *rb, unsigned max_depth,
                                             msdk_cosem_axdr_compact_t *out)
{
    if (rb == NULL || out == NULL || max_depth > MSDK_COSEM_AXDR_DEPTH_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    msdk_rbuf_t r = *rb;
    msdk_err_t err = msdk_cosem_axdr_read_tag(&r, MSDK_COSEM_AXDR_COMPACT_ARRAY);
    if (err != MSDK_OK) {
        return err;
    }
    if (max_depth == 0u) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    err = compact_body(&r, max_depth - 1u, out);
    if (err == MSDK_OK) {
        rb->pos = r.pos;
    }
    return err;
}

/* ---- Skip ------------------------------------------------------------------------ */

msdk_err_t msdk_cosem_axdr_skip(msdk_rbuf_t *rb, unsigned max_depth)
{
    if (rb == NULL || max_depth > MSDK_COSEM_AXDR_DEPTH_MAX) {
        return MSDK_ERR_INVALID_ARG;
    }
    /* Elements still to skip in each open array or structure. */
    uint32_t left[MSDK_COSEM_AXDR_DEPTH_MAX];
    unsigned depth = 0;
    msdk_rbuf_t r = *rb;
    for (;;) {
        uint8_t tag = 0;
        msdk_err_t err = msdk_rbuf_get_u8(&r, &tag);
        if (err != MSDK_OK) {
            return err;
        }
        if (tag == MSDK_COSEM_AXDR_ARRAY || tag == MSDK_COSEM_AXDR_STRUCTURE) {
            uint32_t count = 0;
            if (depth >= max_depth) {
                return MSDK_ERR_NOT_SUPPORTED;
            }
            err = msdk_cosem_axdr_read_count(&r, &count);
            if (err != MSDK_OK) {
                return err;
            }
            if (count > 0u) {
                left[depth++] = count;
                continue;
            }
        } else if (tag == MSDK_COSEM_AXDR_COMPACT_ARRAY) {
            if (depth >= max_depth) {
                return MSDK_ERR_NOT_SUPPORTED;
            }
            err = compact_body(&r, max_depth - depth - 1u, NULL);
        } else {
            err = msdk_cosem_axdr_skip_simple_body(&r, tag);
        }
        if (err != MSDK_OK) {
            return err;
        }
        while (depth > 0u && --left[depth - 1u] == 0u) {
            depth--;
        }
        if (depth == 0u) {
            rb->pos = r.pos;
            return MSDK_OK;
        }
    }
}
