/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-mbus (tools/msdk-mbus): internal declarations shared by its .c files. */
#ifndef MSDK_MBUS_TOOL_H
#define MSDK_MBUS_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "msdk/mbus/master.h"
#include "msdk/mbus/record.h"

/* Exit status: 0 done, 1 a bad frame, a bus or protocol failure, a telegram that stayed
 * encrypted; 2 usage (bad arguments, bad hex). */
#define MBUS_TOOL_EXIT_OK    0
#define MBUS_TOOL_EXIT_FRAME 1
#define MBUS_TOOL_EXIT_USAGE 2

/* Names of libmbus's enums in the JSON output (names.c). */
const char *mbus_tool_function_name(msdk_mbus_function_t fn);
const char *mbus_tool_type_name(msdk_mbus_data_type_t t);
const char *mbus_tool_quantity_name(msdk_mbus_quantity_t q);
const char *mbus_tool_unit_name(msdk_mbus_unit_t u);

/* JSON output (json.c). */

/* Writes @p n bytes as a JSON string, quotes included: `"` and `\` escaped, control
 * characters (0x00..0x1F, 0x7F) as \n, \r, \t, \b, \f or \u00XX, bytes 0x80..0xFF as
 * \u00XX (M-Bus text is ISO 8859-1), so the output is ASCII and valid UTF-8. */
void mbus_tool_json_str(FILE *f, const uint8_t *s, size_t n);

/* Writes a NUL-terminated string as a JSON string (see mbus_tool_json_str()). */
void mbus_tool_json_cstr(FILE *f, const char *s);

/* Writes @p n bytes as a JSON string of upper-case hex digits, no separators. */
void mbus_tool_json_hex(FILE *f, const uint8_t *p, size_t n);

/* value * 10^exponent as an exact decimal number, no floating point: "28504.27",
 * "-0.066", "1200"; the digits after the point are exactly -exponent (zeros kept).
 * @p out needs room for 20 digits, a sign, "0.", 128 zeros and NUL (MBUS_TOOL_DEC_MAX).
 * Returns @p out. */
#define MBUS_TOOL_DEC_MAX 160u
const char *mbus_tool_decimal(int64_t value, int8_t exponent, char out[MBUS_TOOL_DEC_MAX]);

/* Parses hex digits with optional white space between them into @p out. Returns the number
 * of bytes, or -1 for a character that is not a hex digit or space, an odd number of digits,
 * no digits at all; -2 when there are more than @p cap bytes. */
long mbus_tool_parse_hex(const char *s, uint8_t *out, size_t cap);

/* One telegram (telegram.c). */

/* Prints the long frame @p b (@p n bytes) as one JSON object, without a final newline: the
 * frame, the transport header, the records; an encrypted payload (security mode 5, or 7
 * behind an AFL) decrypted with @p key (16 bytes; NULL: none). A frame that does not decode
 * gives {"error": ...}. Returns MBUS_TOOL_EXIT_OK, or MBUS_TOOL_EXIT_FRAME for a bad frame or
 * a payload left encrypted (no key, wrong key). */
int mbus_tool_print_telegram(const uint8_t *b, size_t n, const uint8_t *key);

/* Prints {"error": msg} (no newline); returns MBUS_TOOL_EXIT_FRAME. */
int mbus_tool_frame_error(const char *msg);

/* The bus (bus.c). */

/* Command-line options of scan and read. */
typedef struct mbus_tool_opts {
    const char *device;    /* --device PATH, or NULL */
    const char *tcp;       /* --tcp HOST:PORT, or NULL */
    uint32_t baud;         /* --baud (serial line; the master's timing in both cases) */
    uint32_t allowance_ms; /* --allowance */
    bool verbose;          /* --verbose: bytes on standard error */
} mbus_tool_opts_t;

/* An open line to the meters. */
typedef struct mbus_tool_bus {
    int fd;         /* serial device or socket, non-blocking */
    bool is_serial; /* PARMRK marking to undo */
    bool verbose;   /* trace the bytes */
    uint8_t mark;   /* PARMRK decoder: 0 data, 1 after FF, 2 after FF 00 */
} mbus_tool_bus_t;

/* CLOCK_MONOTONIC in milliseconds (wraps at 2^32). */
uint32_t mbus_tool_now_ms(void);

/* Opens --device (raw 8E1 at o->baud) or --tcp. Returns 0, or -1 with a message on stderr. */
int mbus_tool_bus_open(mbus_tool_bus_t *bus, const mbus_tool_opts_t *o);

/* Closes the line. */
void mbus_tool_bus_close(mbus_tool_bus_t *bus);

/* What the caller of mbus_tool_bus_run() watches; each member may be NULL. */
typedef struct mbus_tool_hooks {
    /* Each readout telegram (the frame is valid during the call only). */
    void (*telegram)(void *ctx, const msdk_mbus_frame_t *f);
    /* Each request, as it goes out. */
    void (*sent)(void *ctx, const uint8_t *tx, size_t n);
    void *ctx;
} mbus_tool_hooks_t;

/* Drives the operation started on @p m to its end over @p bus: sends what the master asks,
 * feeds it what arrives, tells @p hooks (may be NULL). Returns 0 with the master's DONE in
 * @p done, or -1 on an I/O failure (message on stderr). */
int mbus_tool_bus_run(mbus_tool_bus_t *bus, msdk_mbus_master_t *m, const mbus_tool_hooks_t *hooks,
                      msdk_mbus_master_out_t *done);

#endif /* MSDK_MBUS_TOOL_H */
