/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief The LCD frame as one line of text, for boards whose "LCD" is a console.
 *
 * Shared by the host and mps2-an386 ports (library libmsdk_port_common.a,
 * CMake target msdk::port_common), so that the simulator and the reference
 * board print the same line, `LCD| <value> | <code> | <icons>` after the
 * port's own "LCD| " prefix. Uses no printf and no heap.
 */
#ifndef MSDK_PORT_COMMON_LCD_TEXT_H
#define MSDK_PORT_COMMON_LCD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "msdk/port/io.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Number of msdk_lcd_icon_t bits (bits 0 .. MSDK_LCD_ICON_COUNT - 1). */
#define MSDK_LCD_ICON_COUNT 21u

/**
 * @brief Whether both strings of a frame are NUL-terminated within their arrays.
 * @param[in] frame Frame (not NULL).
 * @return true when msdk_port_lcd_show() may read the strings.
 */
bool msdk_lcd_frame_is_terminated(const msdk_lcd_frame_t *frame);

/**
 * @brief Copy a frame and clear every byte after the end of each string.
 *
 * Two normalized frames compare equal with memcmp() exactly when they show
 * the same content, which is how a port detects "nothing changed".
 * @param[out] dst Copy.
 * @param[in]  src Frame whose strings are terminated (msdk_lcd_frame_is_terminated()).
 */
void msdk_lcd_frame_normalize(msdk_lcd_frame_t *dst, const msdk_lcd_frame_t *src);

/**
 * @brief Render a frame as text: "<value> | <code> | <icons>".
 *
 * The icons are space-separated names in bit order ("kWh", "kvarh", "kW",
 * "kvar", "V", "A", "Hz", "L1", "L2", "L3", "IMP", "EXP", "T1" .. "T4",
 * "OPEN", "COMMS", "ALARM", "BAT", "DST"), or "-" when none is set; bits
 * above ::MSDK_LCD_ICON_COUNT are ignored.
 * @param[in]  frame Frame (not NULL); a string without a NUL ends at its array.
 * @param[out] buf   Destination, always NUL-terminated when @p cap > 0
 *                   (truncated if too small); may be NULL when @p cap is 0.
 * @param[in]  cap   Size of @p buf.
 * @return Length of the whole text without the NUL, as snprintf() counts it.
 */
size_t msdk_lcd_frame_format(const msdk_lcd_frame_t *frame, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_COMMON_LCD_TEXT_H */
