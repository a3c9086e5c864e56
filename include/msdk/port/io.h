/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/**
 * @file
 * @brief Meter I/O port: relay, pulse LEDs, tamper sensors, buttons and the LCD.
 *
 * Singletons of the board, implemented as link-time functions. Inputs are
 * read as a bit mask of msdk_io_input_t; a port debounces buttons and covers
 * (document the debounce time) so the application sees clean levels.
 */
#ifndef MSDK_PORT_IO_H
#define MSDK_PORT_IO_H

#include <stdbool.h>
#include <stdint.h>
#include "msdk/core/err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Indicator LEDs. */
typedef enum msdk_io_led {
    MSDK_IO_LED_ACTIVE = 0,   /**< Active energy pulse LED (imp/kWh). */
    MSDK_IO_LED_REACTIVE = 1, /**< Reactive energy pulse LED (imp/kvarh). */
    MSDK_IO_LED_ALARM = 2,    /**< Alarm / tamper indicator. */
    MSDK_IO_LED_COUNT = 3     /**< Number of LEDs. */
} msdk_io_led_t;

/** @brief Input bits returned by msdk_port_io_inputs_read(); a set bit means "active". */
typedef enum msdk_io_input {
    MSDK_IO_IN_TERMINAL_COVER_OPEN = 1u << 0, /**< Terminal cover removed. */
    MSDK_IO_IN_METER_COVER_OPEN = 1u << 1,    /**< Main (meter) cover removed. */
    MSDK_IO_IN_MAGNET = 1u << 2,              /**< Strong DC magnetic field detected. */
    MSDK_IO_IN_BUTTON_SCROLL = 1u << 3,       /**< Display scroll button pressed. */
    MSDK_IO_IN_BUTTON_RELAY = 1u << 4,        /**< Manual reconnection button pressed. */
} msdk_io_input_t;

/** @brief Width of the LCD's main field in characters, without decimal points. */
#define MSDK_LCD_VALUE_DIGITS 8u
/** @brief Width of the LCD's code field (OBIS code as shown, e.g. "1.8.0"). */
#define MSDK_LCD_CODE_CHARS   10u

/** @brief LCD annunciators (icons); bits of msdk_lcd_frame_t::icons. */
typedef enum msdk_lcd_icon {
    MSDK_LCD_ICON_KWH = 1u << 0,         /**< Unit kWh. */
    MSDK_LCD_ICON_KVARH = 1u << 1,       /**< Unit kvarh. */
    MSDK_LCD_ICON_KW = 1u << 2,          /**< Unit kW. */
    MSDK_LCD_ICON_KVAR = 1u << 3,        /**< Unit kvar. */
    MSDK_LCD_ICON_V = 1u << 4,           /**< Unit V. */
    MSDK_LCD_ICON_A = 1u << 5,           /**< Unit A. */
    MSDK_LCD_ICON_HZ = 1u << 6,          /**< Unit Hz. */
    MSDK_LCD_ICON_L1 = 1u << 7,          /**< Phase L1 voltage present. */
    MSDK_LCD_ICON_L2 = 1u << 8,          /**< Phase L2 voltage present. */
    MSDK_LCD_ICON_L3 = 1u << 9,          /**< Phase L3 voltage present. */
    MSDK_LCD_ICON_IMPORT = 1u << 10,     /**< Energy flows to the customer. */
    MSDK_LCD_ICON_EXPORT = 1u << 11,     /**< Energy flows to the grid. */
    MSDK_LCD_ICON_T1 = 1u << 12,         /**< Tariff 1 active. */
    MSDK_LCD_ICON_T2 = 1u << 13,         /**< Tariff 2 active. */
    MSDK_LCD_ICON_T3 = 1u << 14,         /**< Tariff 3 active. */
    MSDK_LCD_ICON_T4 = 1u << 15,         /**< Tariff 4 active. */
    MSDK_LCD_ICON_RELAY_OPEN = 1u << 16, /**< Supply disconnected. */
    MSDK_LCD_ICON_COMMS = 1u << 17,      /**< A communication session is open. */
    MSDK_LCD_ICON_ALARM = 1u << 18,      /**< Alarm or tamper pending. */
    MSDK_LCD_ICON_BATTERY = 1u << 19,    /**< Backup battery low. */
    MSDK_LCD_ICON_DST = 1u << 20,        /**< Daylight saving time active. */
} msdk_lcd_icon_t;

/** @brief Content of the display. Strings are NUL-terminated ASCII. */
typedef struct msdk_lcd_frame {
    /** Main field: up to 8 characters from "0123456789 -ABCDEFHLNOPRSTUbcdhnoru", plus '.' and ':'
     * which do not take a digit position. */
    char value[2u * MSDK_LCD_VALUE_DIGITS + 1u];
    /** Code field, e.g. "1.8.0" or "0.9.1"; up to MSDK_LCD_CODE_CHARS characters. */
    char code[MSDK_LCD_CODE_CHARS + 1u];
    uint32_t icons; /**< OR of msdk_lcd_icon_t. */
} msdk_lcd_frame_t;

/**
 * @brief Switch an LED.
 * @param[in] led Which LED; out-of-range values are ignored.
 * @param[in] on  true lights it.
 */
void msdk_port_io_led_set(msdk_io_led_t led, bool on);

/**
 * @brief Drive the supply relay (latching relays: start the coil pulse).
 * @param[in] connect true closes the contacts (supply on), false opens them.
 * @retval MSDK_OK     Drive started; read the feedback to confirm the result.
 * @retval MSDK_ERR_IO The drive circuit reported a fault.
 */
MSDK_NODISCARD msdk_err_t msdk_port_io_relay_drive(bool connect);

/**
 * @brief Read the relay's actual state (auxiliary contact or load-side voltage).
 * @param[out] closed true when the contacts are closed.
 * @retval MSDK_OK               *closed is valid.
 * @retval MSDK_ERR_INVALID_ARG  @p closed is NULL.
 * @retval MSDK_ERR_NOT_SUPPORTED The board has no feedback.
 */
MSDK_NODISCARD msdk_err_t msdk_port_io_relay_feedback(bool *closed);

/**
 * @brief Current level of every input.
 * @return OR of the msdk_io_input_t bits that are active.
 */
uint32_t msdk_port_io_inputs_read(void);

/**
 * @brief Show a frame on the LCD.
 * @param[in] frame Content; strings must be NUL-terminated within their arrays.
 * @retval MSDK_OK              Shown.
 * @retval MSDK_ERR_INVALID_ARG NULL or unterminated string.
 * @retval MSDK_ERR_IO          The display driver failed.
 */
MSDK_NODISCARD msdk_err_t msdk_port_lcd_show(const msdk_lcd_frame_t *frame);

#ifdef __cplusplus
}
#endif

#endif /* MSDK_PORT_IO_H */
