/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * Serial port driver (msdk/port/serial.h) and the board's serial instances
 * (msdk_port_board_serial() of msdk/port/board.h lives here so that the
 * instances can stay `static const`).
 *
 * One driver serves every UART of the chip: the ops table is shared, each
 * instance has its own context (register block, receive and transmit rings).
 * A driver may assume valid arguments; the msdk_serial_*() wrappers check
 * them. Conformance: msdk_conf_serial_pair() (tests/port) with two ports of
 * the board wired to each other, or one port with TX looped to RX.
 */
#include <stddef.h>
#include <stdint.h>
#include "msdk/core/compiler.h"
#include "msdk/port/board.h"
#include "msdk/port/serial.h"

/* State of one UART. TODO(port): add what the driver needs. */
typedef struct template_uart {
    uintptr_t base; /* TODO(port): register block of this UART. */
    /* TODO(port): receive ring (filled by the RX interrupt or DMA), transmit
     * ring (drained by the TX interrupt), overrun/framing error flags. */
} template_uart_t;

static template_uart_t uart_console_ctx = { 0u };
static template_uart_t uart_optical_ctx = { 0u };

static msdk_err_t uart_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(cfg);
    /*
     * TODO(port): program baud rate, data bits (7 or 8), parity and stop bits
     * (IEC 62056-21 needs 300 and 9600 baud 7E1, HDLC 9600 8N1, M-Bus 2400
     * 8E1). With 7 data bits + parity the UART usually runs in 8-bit mode
     * with the parity bit counted as data: check the reference manual.
     * The change applies to the next byte: callers wait for
     * msdk_serial_tx_pending() == 0 first, so do not wait here. Return
     * MSDK_ERR_INVALID_ARG for settings the hardware cannot do (a baud rate
     * error above about 2 %), MSDK_ERR_IO if the peripheral does not respond.
     */
    return MSDK_ERR_NOT_SUPPORTED;
}

static msdk_err_t uart_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(data);
    MSDK_UNUSED_PARAM(len);
    /*
     * TODO(port): copy as many bytes as fit into the transmit ring, set
     * *written to that number (0 when the ring is full is not an error) and
     * enable the TX-empty interrupt (or start DMA). Never wait for space.
     * Bytes must go out unchanged and in order: no newline translation, no
     * XON/XOFF (binary HDLC and M-Bus frames pass through here). On an
     * RS-485 port the TX interrupt also drives the transceiver's DE pin and
     * releases it after the last stop bit (TC flag, not TXE). Return
     * MSDK_ERR_IO only for a peripheral fault.
     */
    *written = 0u;
    return MSDK_ERR_NOT_SUPPORTED;
}

static msdk_err_t uart_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    MSDK_UNUSED_PARAM(ctx);
    MSDK_UNUSED_PARAM(buf);
    MSDK_UNUSED_PARAM(cap);
    /*
     * TODO(port): move up to cap bytes from the receive ring (filled by the
     * RX interrupt or a circular DMA) to buf and set *got; *got = 0 when
     * nothing is waiting. Size the ring for the longest gap between two
     * polls of the main loop at the highest baud rate. If the interrupt saw
     * an overrun, framing or parity error since the last call, clear the
     * flag and return MSDK_ERR_IO (after delivering what was received
     * before the error) so the protocol layer drops the frame.
     */
    *got = 0u;
    return MSDK_ERR_NOT_SUPPORTED;
}

static size_t uart_tx_pending(void *ctx)
{
    MSDK_UNUSED_PARAM(ctx);
    /*
     * TODO(port): bytes in the transmit ring plus one while the shift
     * register is still sending (TC flag not yet set). The caller changes the
     * baud rate or turns an RS-485 line around only when this is 0, so it
     * must reach 0 once the last stop bit has left the pin.
     */
    return 0u;
}

static bool uart_is_connected(void *ctx)
{
    MSDK_UNUSED_PARAM(ctx);
    /* TODO(port): return true: a UART always has a (possibly silent) peer. */
    return false;
}

static const msdk_serial_ops_t uart_ops = {
    .configure = uart_configure,
    .write = uart_write,
    .read = uart_read,
    .tx_pending = uart_tx_pending,
    .is_connected = uart_is_connected,
};

/* TODO(port): one instance per UART the board has. */
static const msdk_serial_t serial_console = {
    .ops = &uart_ops,
    .ctx = &uart_console_ctx,
    .name = "console",
};

static const msdk_serial_t serial_optical = {
    .ops = &uart_ops,
    .ctx = &uart_optical_ctx,
    .name = "optical",
};

const msdk_serial_t *msdk_port_board_serial(msdk_board_serial_t which)
{
    /*
     * TODO(port): map each channel the board has to its instance and return
     * NULL for the others (here: no RS-485/WAN port, no M-Bus master). The
     * hardware is brought up by msdk_port_board_init(); this function only
     * looks up, and is called from the main loop.
     */
    switch (which) {
    case MSDK_BOARD_SERIAL_CONSOLE: return &serial_console;
    case MSDK_BOARD_SERIAL_OPTICAL: return &serial_optical;
    case MSDK_BOARD_SERIAL_WAN:
    case MSDK_BOARD_SERIAL_MBUS:
    case MSDK_BOARD_SERIAL_COUNT:
    default: return NULL;
    }
}
