/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* msdk-mbus (tools/msdk-mbus): internal declarations shared by its .c files. */
#ifndef MSDK_MBUS_TOOL_H
#define MSDK_MBUS_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "msdk/mbus/record.h"

/* Exit status: 0 decoded, 1 a bad frame, 2 usage (bad arguments, bad hex). */
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

#endif /* MSDK_MBUS_TOOL_H */
