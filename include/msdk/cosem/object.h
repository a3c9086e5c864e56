/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief COSEM object model: objects, interface class descriptors, access rights and the
 *        values exchanged with the application's providers.
 *
 * An application declares its logical device as a `const` table of ::msdk_cosem_object_t.
 * Each object points at the `const` descriptor of its interface class
 * (::msdk_cosem_class_t, one per class, e.g. ::msdk_cosem_class_register) and at a `const`
 * definition of the instance whose type the class defines (e.g. ::msdk_cosem_register_def_t
 * in msdk/cosem/classes.h). The server dispatches through the descriptor, so a firmware
 * that declares no object of a class references none of that class's code and
 * `--gc-sections` drops it.
 *
 * Domain values come from the application through the callbacks of the definitions: the
 * library encodes and decodes, the application measures, switches and stores.
 */
#ifndef MSDK_COSEM_OBJECT_H
#define MSDK_COSEM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msdk/core/bytebuf.h"
#include "msdk/core/compiler.h"
#include "msdk/core/err.h"
#include "msdk/cosem/axdr.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Bit of attribute or method @p n (1..32) in a ::msdk_cosem_rights_t mask. */
#define MSDK_COSEM_BIT(n) (1u << ((unsigned)(n)-1u))

/** @brief Largest attribute or method number a rights mask can describe. */
#define MSDK_COSEM_MAX_MEMBERS 32u

/**
 * @brief Security an access requires: bits 2..7 of an access mode of Association LN
 *        version 3 (the same bits as the security policy of Security setup version 1).
 *
 * A request bit is met when the request was protected so (an authenticated request: a
 * ciphered APDU whose security control byte has the authentication bit). A response bit
 * makes the server protect the response so, whatever the policy and the request ask; the
 * association must then use the LN context with ciphering. Digital signatures (general-
 * signing) are not implemented: an access that requires a signed request or response is
 * refused.
 */
typedef enum msdk_cosem_access_sec {
    MSDK_COSEM_ACCESS_AUTH_REQUEST = 0x04u,    /**< Authenticated request. */
    MSDK_COSEM_ACCESS_ENC_REQUEST = 0x08u,     /**< Encrypted request. */
    MSDK_COSEM_ACCESS_SIGNED_REQUEST = 0x10u,  /**< Digitally signed request. */
    MSDK_COSEM_ACCESS_AUTH_RESPONSE = 0x20u,   /**< Authenticated response. */
    MSDK_COSEM_ACCESS_ENC_RESPONSE = 0x40u,    /**< Encrypted response. */
    MSDK_COSEM_ACCESS_SIGNED_RESPONSE = 0x80u, /**< Digitally signed response. */
} msdk_cosem_access_sec_t;

/**
 * @brief Access rights of one object for one association.
 *
 * Bit (n - 1) of @c read / @c write is attribute n, of @c exec method n
 * (::MSDK_COSEM_BIT). Attribute 1 (logical name) is readable whenever the object is
 * visible to the association at all, that is when any bit is set (with the security of
 * @c attr_sec when @c sec_attrs has its bit).
 *
 * The security an access needs beyond the association's security policy: @c attr_sec
 * (::msdk_cosem_access_sec_t bits) for every read and write of the attributes in
 * @c sec_attrs, @c exec_sec for every method. An access without that protection is refused
 * with read-write-denied. In a block transfer (GET-with-list answered in blocks, SET with
 * datablocks, ACTION with pblocks) every member is judged by the protection that the first
 * request and the current one both have. The Association LN object list shows them
 * (version 3: in the access modes; versions 1 and 2: as the authenticated modes when a
 * request bit is set).
 */
typedef struct msdk_cosem_rights {
    uint32_t read;      /**< Attributes the association may read (GET). */
    uint32_t write;     /**< Attributes the association may write (SET). */
    uint32_t exec;      /**< Methods the association may invoke (ACTION). */
    uint32_t sec_attrs; /**< Attributes whose access needs @c attr_sec (0: none). */
    uint8_t attr_sec;   /**< Security those attribute accesses need (0: none). */
    uint8_t exec_sec;   /**< Security every method invocation needs (0: none). */
} msdk_cosem_rights_t;

/**
 * @brief A scalar COSEM value exchanged with a provider.
 *
 * @c tag is the A-XDR type (::msdk_cosem_axdr_tag_t). Integers of every width are carried
 * in @c v.i (signed types, enum excluded) or @c v.u (unsigned types, enum, bcd, float bit
 * patterns); booleans in @c v.b; octet-, visible- and utf8-strings, and the date-time,
 * date and time types, as @c v.str (bytes; a reference valid for the duration of the call).
 */
typedef struct msdk_cosem_value {
    uint8_t tag; /**< A-XDR type tag. */
    union {
        bool b;     /**< boolean. */
        int64_t i;  /**< integer, long, double-long, long64. */
        uint64_t u; /**< unsigned types, enum, bcd, float32/64 bit patterns. */
        struct {
            const uint8_t *p; /**< First byte (NULL only when @c len is 0). */
            size_t len;       /**< Number of bytes. */
        } str;                /**< Strings and the date-time types. */
    } v;                      /**< The value, by type. */
} msdk_cosem_value_t;

/**
 * @brief Encodes a scalar value with its tag.
 * @param[in,out] wb Output.
 * @param[in]     v  Value (an integer out of the tag's range is an error, not truncated).
 * @retval MSDK_OK                   Written.
 * @retval MSDK_ERR_INVALID_ARG      Unsupported tag (array, structure, compact-array), an
 *                                   integer out of range, or a date-time of the wrong length.
 * @retval MSDK_ERR_BUFFER_TOO_SMALL No room; @p wb unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_value_put(msdk_wbuf_t *wb, const msdk_cosem_value_t *v);

/**
 * @brief Decodes one scalar value (strings as references into the input).
 * @param[in,out] rb Input.
 * @param[out]    v  Value.
 * @retval MSDK_OK            Decoded.
 * @retval MSDK_ERR_MALFORMED Not a scalar type (array, structure, compact-array) or an
 *                            unknown tag; @p rb unchanged.
 * @retval MSDK_ERR_TRUNCATED Input ended; @p rb unchanged.
 */
MSDK_NODISCARD msdk_err_t msdk_cosem_value_get(msdk_rbuf_t *rb, msdk_cosem_value_t *v);

struct msdk_cosem_assoc;
struct msdk_cosem_object;

/**
 * @brief One GET, SET or ACTION on one object, as the class functions see it.
 *
 * The server clears it before the first call for a request and keeps it between the
 * blocks of a block transfer. A class that streams a large array parses the selective
 * access on its first call (@c started false: the parameters are only valid then), keeps the
 * selection in @c first, @c last and @c columns, its position in @c rows and, if it needs
 * one, @c cursor, and sets @c started, and @c more while the value continues in the next
 * block. The server may restart a stream from its first row by resetting @c rows and
 * @c cursor (and nothing else), so the selection is never computed twice.
 */
typedef struct msdk_cosem_req {
    struct msdk_cosem_assoc *assoc; /**< Association (client) the request came through. */
    uint8_t selector;               /**< Selective access selector; 0 = none. */
    const uint8_t *sel_param;       /**< Selective access parameters: one A-XDR Data value. */
    size_t sel_param_len;           /**< Bytes at @c sel_param. */
    msdk_cosem_axdr_rows_t rows;    /**< Row streaming progress across blocks. */
    uint32_t first;                 /**< Class-defined (e.g. first selected row). */
    uint32_t last;                  /**< Class-defined (e.g. last selected row + 1). */
    uint32_t columns;               /**< Class-defined (e.g. selected columns, a bit each). */
    uint32_t cursor;                /**< Class-defined streaming position besides @c rows. */
    bool started;                   /**< The class has set up @c rows (false on first call). */
    bool more;                      /**< Out (GET): the value continues in the next block. */
} msdk_cosem_req_t;

/**
 * @brief Encodes attribute @p attr (>= 2) of an object.
 *
 * Writes the attribute's A-XDR value to @p out. A value that can be large (an array of
 * rows) may be streamed: write the rows that fit (msdk_cosem_axdr_rows_put()), set
 * @c rq->more and return success; the server sends the block and calls again with the
 * same @p rq and a fresh @p out. A value that is not streamed and does not fit must leave
 * @p out unchanged and return ::MSDK_COSEM_GET_NO_SPACE.
 * @param[in]     obj  The object.
 * @param[in]     attr Attribute number (2 .. the class's count).
 * @param[in,out] rq   The request (selective access, streaming state).
 * @param[in,out] out  Where the value goes.
 * @return A data-access-result (::MSDK_COSEM_DAR_SUCCESS = 0, ...), or
 *         ::MSDK_COSEM_GET_NO_SPACE.
 */
typedef int (*msdk_cosem_get_fn)(const struct msdk_cosem_object *obj, uint8_t attr,
                                 msdk_cosem_req_t *rq, msdk_wbuf_t *out);

/** @brief Return of a ::msdk_cosem_get_fn whose value does not fit the buffer given. */
#define MSDK_COSEM_GET_NO_SPACE (-1)

/**
 * @brief Decodes and applies a write of attribute @p attr (>= 2).
 * @param[in]     obj  The object.
 * @param[in]     attr Attribute number.
 * @param[in,out] rq   The request (the association, selective access).
 * @param[in]     in The new value (exactly one A-XDR Data value; trailing bytes are an error).
 * @return A data-access-result; on any error nothing is applied.
 */
typedef uint8_t (*msdk_cosem_set_fn)(const struct msdk_cosem_object *obj, uint8_t attr,
                                     msdk_cosem_req_t *rq, msdk_rbuf_t *in);

/**
 * @brief Runs method @p method (>= 1).
 * @param[in]     obj    The object.
 * @param[in]     method Method number.
 * @param[in,out] rq     The request (the association).
 * @param[in]  in  The method's parameter (one A-XDR Data value; null-data when absent).
 * @param[out] out Return parameters (one A-XDR Data value), or nothing.
 * @return An action-result.
 */
typedef uint8_t (*msdk_cosem_action_fn)(const struct msdk_cosem_object *obj, uint8_t method,
                                        msdk_cosem_req_t *rq, msdk_rbuf_t *in, msdk_wbuf_t *out);

/** @brief Interface class descriptor: one `const` instance per class. */
typedef struct msdk_cosem_class {
    uint16_t class_id;           /**< COSEM class id. */
    uint8_t version;             /**< Class version. */
    uint8_t attr_count;          /**< Attributes, logical name included. */
    uint8_t method_count;        /**< Methods (0 when none). */
    uint32_t sel_attrs;          /**< Attributes that take selective access (::MSDK_COSEM_BIT). */
    uint8_t selectors;           /**< Access selectors they take: bit (s - 1) for selector s. */
    msdk_cosem_get_fn get;       /**< Attributes 2..attr_count. */
    msdk_cosem_set_fn set;       /**< Writable attributes, or NULL. */
    msdk_cosem_action_fn action; /**< Methods, or NULL. */
} msdk_cosem_class_t;

/** @brief One COSEM object of a logical device (an entry of its `const` table). */
typedef struct msdk_cosem_object {
    uint8_t ln[6];                     /**< Logical name (OBIS). */
    const msdk_cosem_class_t *cls;     /**< Interface class. */
    const void *def;                   /**< The class's definition of this instance. */
    void *ctx;                         /**< Application context for the definition's callbacks. */
    const msdk_cosem_rights_t *rights; /**< One entry per association of the logical device,
                                            in the order of its association list. */
} msdk_cosem_object_t;

#ifdef __cplusplus
}
#endif

#endif /* MSDK_COSEM_OBJECT_H */
