/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * CMSDK APB UART driver: receive interrupt into a ring, interrupt-driven
 * transmit from a ring.
 *
 *   UART0 0x40004000 IRQ 0/1  console      (QEMU -nographic: stdout/stdin)
 *   UART1 0x40005000 IRQ 2/3  optical port (QEMU: second -serial)
 *   UART2 0x40006000 IRQ 4/5  M-Bus        (QEMU: third -serial)
 *   UART3 0x40007000 IRQ 18/19 WAN         (QEMU: fourth -serial)
 *   Overrun of UART0..2: IRQ 12 (shared).
 *
 * Line format: the CMSDK UART always sends 8N1. 7-bit formats (IEC 62056-21
 * 7E1) are carried exactly by computing the parity bit in software as bit 7
 * of an 8N1 character; a received character with the wrong parity is dropped
 * and reported like an overrun. 8-bit formats with parity or 2 stop bits
 * (M-Bus 8E1) cannot be produced by this UART: they are accepted and sent as
 * 8N1 (under QEMU a character device carries bytes only, so nothing is lost;
 * on the real board an external M-Bus/optical interface would have to add
 * the parity).
 *
 * Errors: a byte that arrives while the receive ring is full, a hardware
 * overrun or a parity error sets a flag; the next read returns MSDK_ERR_IO
 * (and clears the flag), the following reads return the data that was kept.
 *
 * tx_pending counts the queued bytes plus the byte in the transmit holding
 * register. The CMSDK UART has no "shift register empty" status, so the last
 * character may still be on the wire for one character time after
 * tx_pending returned 0.
 */
#include <string.h>
#include "msdk/core/ringbuf.h"
#include "msdk/port/clock.h"
#include "msdk/port/critical.h"
#include "mps2_internal.h"

#define MSDK_MPS2_UART_COUNT        4u
#define MSDK_MPS2_UART_DEFAULT_BAUD 115200u

typedef struct msdk_mps2_uart {
    uint32_t base;
    uint32_t rx_irq; /* TX IRQ is rx_irq + 1 */
    uint8_t *rx_mem;
    size_t rx_size;
    uint8_t *tx_mem;
    size_t tx_size;
    msdk_ringbuf_t rx; /* producer: RX interrupt; consumer: read() */
    msdk_ringbuf_t tx; /* producer: write() (masked); consumer: TX interrupt or masked polling */
    volatile bool tx_busy;   /* a byte is in the holding register; a TX interrupt will follow */
    volatile bool rx_error;  /* overrun or parity error since the last read */
    volatile bool seven_bit; /* 7 data bits + software parity */
    volatile bool odd_parity;
    bool started;
} msdk_mps2_uart_t;

static uint8_t msdk_mps2_uart0_rxbuf[256];
static uint8_t msdk_mps2_uart0_txbuf[4096];
static uint8_t msdk_mps2_uart1_rxbuf[512];
static uint8_t msdk_mps2_uart1_txbuf[512];
static uint8_t msdk_mps2_uart2_rxbuf[512];
static uint8_t msdk_mps2_uart2_txbuf[512];
static uint8_t msdk_mps2_uart3_rxbuf[512];
static uint8_t msdk_mps2_uart3_txbuf[512];

static msdk_mps2_uart_t msdk_mps2_uarts[MSDK_MPS2_UART_COUNT] = {
    { .base = MSDK_MPS2_UART0_BASE,
      .rx_irq = MSDK_MPS2_UART0_RX_IRQ,
      .rx_mem = msdk_mps2_uart0_rxbuf,
      .rx_size = sizeof(msdk_mps2_uart0_rxbuf),
      .tx_mem = msdk_mps2_uart0_txbuf,
      .tx_size = sizeof(msdk_mps2_uart0_txbuf) },
    { .base = MSDK_MPS2_UART1_BASE,
      .rx_irq = MSDK_MPS2_UART1_RX_IRQ,
      .rx_mem = msdk_mps2_uart1_rxbuf,
      .rx_size = sizeof(msdk_mps2_uart1_rxbuf),
      .tx_mem = msdk_mps2_uart1_txbuf,
      .tx_size = sizeof(msdk_mps2_uart1_txbuf) },
    { .base = MSDK_MPS2_UART2_BASE,
      .rx_irq = MSDK_MPS2_UART2_RX_IRQ,
      .rx_mem = msdk_mps2_uart2_rxbuf,
      .rx_size = sizeof(msdk_mps2_uart2_rxbuf),
      .tx_mem = msdk_mps2_uart2_txbuf,
      .tx_size = sizeof(msdk_mps2_uart2_txbuf) },
    { .base = MSDK_MPS2_UART3_BASE,
      .rx_irq = MSDK_MPS2_UART3_RX_IRQ,
      .rx_mem = msdk_mps2_uart3_rxbuf,
      .rx_size = sizeof(msdk_mps2_uart3_rxbuf),
      .tx_mem = msdk_mps2_uart3_txbuf,
      .tx_size = sizeof(msdk_mps2_uart3_txbuf) },
};

void msdk_mps2_uart0_handler(void);
void msdk_mps2_uart1_handler(void);
void msdk_mps2_uart2_handler(void);
void msdk_mps2_uart3_handler(void);
void msdk_mps2_uart_overrun_handler(void);

#define UREG(u, off) MSDK_MPS2_REG((u)->base + (off))

static bool msdk_mps2_parity_is_odd(uint8_t b)
{
    b ^= (uint8_t)(b >> 4);
    b ^= (uint8_t)(b >> 2);
    b ^= (uint8_t)(b >> 1);
    return (b & 1u) != 0u;
}

/* Fill the holding register from the ring. Interrupts masked or in the ISR. */
static void msdk_mps2_uart_tx_service(msdk_mps2_uart_t *u)
{
    while ((UREG(u, MSDK_MPS2_UART_STATE) & MSDK_MPS2_UART_STATE_TXFULL) == 0u) {
        uint8_t b;
        if (msdk_ringbuf_get_byte(&u->tx, &b) != MSDK_OK) {
            u->tx_busy = false;
            return;
        }
        if (u->seven_bit) {
            b &= 0x7Fu;
            if (msdk_mps2_parity_is_odd(b) != u->odd_parity) {
                b |= 0x80u;
            }
        }
        u->tx_busy = true;
        UREG(u, MSDK_MPS2_UART_DATA) = b;
    }
}

static void msdk_mps2_uart_rx_service(msdk_mps2_uart_t *u)
{
    while ((UREG(u, MSDK_MPS2_UART_STATE) & MSDK_MPS2_UART_STATE_RXFULL) != 0u) {
        uint8_t b = (uint8_t)UREG(u, MSDK_MPS2_UART_DATA);
        if (u->seven_bit) {
            bool odd = msdk_mps2_parity_is_odd(b);
            if (odd != u->odd_parity) {
                u->rx_error = true;
                continue;
            }
            b &= 0x7Fu;
        }
        if (msdk_ringbuf_put_byte(&u->rx, b) != MSDK_OK) {
            u->rx_error = true;
        }
    }
    msdk_mps2_event = true;
}

static void msdk_mps2_uart_isr(msdk_mps2_uart_t *u)
{
    uint32_t st = UREG(u, MSDK_MPS2_UART_INTSTATUS);
    UREG(u, MSDK_MPS2_UART_INTSTATUS) = st & (MSDK_MPS2_UART_INT_TX | MSDK_MPS2_UART_INT_RX);
    if ((st & MSDK_MPS2_UART_INT_RX) != 0u) {
        msdk_mps2_uart_rx_service(u);
    }
    if ((st & MSDK_MPS2_UART_INT_TX) != 0u) {
        msdk_mps2_uart_tx_service(u);
        if (!u->tx_busy) {
            msdk_mps2_event = true; /* transmitter drained */
        }
    }
}

void msdk_mps2_uart0_handler(void)
{
    msdk_mps2_uart_isr(&msdk_mps2_uarts[0]);
}

void msdk_mps2_uart1_handler(void)
{
    msdk_mps2_uart_isr(&msdk_mps2_uarts[1]);
}

void msdk_mps2_uart2_handler(void)
{
    msdk_mps2_uart_isr(&msdk_mps2_uarts[2]);
}

void msdk_mps2_uart3_handler(void)
{
    msdk_mps2_uart_isr(&msdk_mps2_uarts[3]);
}

void msdk_mps2_uart_overrun_handler(void)
{
    for (unsigned i = 0; i < 3u; i++) {
        msdk_mps2_uart_t *u = &msdk_mps2_uarts[i];
        uint32_t st = UREG(u, MSDK_MPS2_UART_STATE);
        if ((st & MSDK_MPS2_UART_STATE_RXOVR) != 0u) {
            u->rx_error = true;
        }
        /* W1C of both overrun bits; TX overrun cannot happen (TXFULL is checked). */
        UREG(u, MSDK_MPS2_UART_STATE) =
            st & (MSDK_MPS2_UART_STATE_RXOVR | MSDK_MPS2_UART_STATE_TXOVR);
    }
}

static msdk_err_t msdk_mps2_uart_set_baud(msdk_mps2_uart_t *u, uint32_t baud)
{
    if (baud == 0u) {
        return MSDK_ERR_INVALID_ARG;
    }
    uint32_t div = (MSDK_MPS2_SYSCLK_HZ + (baud / 2u)) / baud;
    if ((div < MSDK_MPS2_UART_BAUDDIV_MIN) || (div > 0xFFFFFu)) {
        return MSDK_ERR_INVALID_ARG;
    }
    UREG(u, MSDK_MPS2_UART_BAUDDIV) = div;
    return MSDK_OK;
}

static void msdk_mps2_uart_start(msdk_mps2_uart_t *u)
{
    if (u->started) {
        return;
    }
    UREG(u, MSDK_MPS2_UART_CTRL) = 0u;
    (void)msdk_mps2_uart_set_baud(u, MSDK_MPS2_UART_DEFAULT_BAUD);
    UREG(u, MSDK_MPS2_UART_INTSTATUS) = 0xFu;
    UREG(u, MSDK_MPS2_UART_CTRL) = MSDK_MPS2_UART_CTRL_TXEN | MSDK_MPS2_UART_CTRL_RXEN |
                                   MSDK_MPS2_UART_CTRL_TXIE | MSDK_MPS2_UART_CTRL_RXIE |
                                   MSDK_MPS2_UART_CTRL_RXOIE;
    u->started = true;
    msdk_mps2_irq_enable(u->rx_irq, MSDK_MPS2_PRIO_UART);
    msdk_mps2_irq_enable(u->rx_irq + 1u, MSDK_MPS2_PRIO_UART);
}

void msdk_mps2_console_boot(void)
{
    /* Rings of every UART first: writes before msdk_port_board_init() queue. */
    for (unsigned i = 0; i < MSDK_MPS2_UART_COUNT; i++) {
        msdk_mps2_uart_t *u = &msdk_mps2_uarts[i];
        /* Cannot fail: static storage of a valid size. */
        msdk_err_t err_rx = msdk_ringbuf_init(&u->rx, u->rx_mem, u->rx_size);
        msdk_err_t err_tx = msdk_ringbuf_init(&u->tx, u->tx_mem, u->tx_size);
        (void)err_rx;
        (void)err_tx;
    }
    msdk_mps2_uart_start(&msdk_mps2_uarts[0]);
    msdk_mps2_irq_enable(MSDK_MPS2_UART_OVR_IRQ, MSDK_MPS2_PRIO_UART);
}

void msdk_mps2_uart_start_all(void)
{
    for (unsigned i = 0; i < MSDK_MPS2_UART_COUNT; i++) {
        msdk_mps2_uart_start(&msdk_mps2_uarts[i]);
    }
}

/* ---- msdk_serial_ops_t --------------------------------------------------- */

static msdk_err_t msdk_mps2_uart_configure(void *ctx, const msdk_serial_config_t *cfg)
{
    msdk_mps2_uart_t *u = ctx;
    if (((cfg->data_bits != 7u) && (cfg->data_bits != 8u)) ||
        ((cfg->stop_bits != 1u) && (cfg->stop_bits != 2u)) ||
        (cfg->parity > MSDK_SERIAL_PARITY_ODD)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if ((cfg->data_bits == 7u) && (cfg->parity == MSDK_SERIAL_PARITY_NONE)) {
        return MSDK_ERR_INVALID_ARG; /* 7N1 is not a 10-bit frame; nobody uses it */
    }
    msdk_err_t err = msdk_mps2_uart_set_baud(u, cfg->baud);
    if (err != MSDK_OK) {
        return err;
    }
    msdk_critical_state_t s = msdk_port_critical_enter();
    u->seven_bit = (cfg->data_bits == 7u);
    u->odd_parity = (cfg->parity == MSDK_SERIAL_PARITY_ODD);
    msdk_port_critical_exit(s);
    return MSDK_OK;
}

/* Queue what fits; never waits. */
static size_t msdk_mps2_uart_queue(msdk_mps2_uart_t *u, const uint8_t *data, size_t len)
{
    size_t n = 0;
    msdk_critical_state_t s = msdk_port_critical_enter();
    if (msdk_ringbuf_put(&u->tx, data, len, &n) != MSDK_OK) {
        n = 0;
    }
    if ((n > 0u) && !u->tx_busy) {
        msdk_mps2_uart_tx_service(u);
    }
    msdk_port_critical_exit(s);
    return n;
}

static msdk_err_t msdk_mps2_uart_write(void *ctx, const uint8_t *data, size_t len, size_t *written)
{
    msdk_mps2_uart_t *u = ctx;
    *written = msdk_mps2_uart_queue(u, data, len);
    return MSDK_OK;
}

static msdk_err_t msdk_mps2_uart_read(void *ctx, uint8_t *buf, size_t cap, size_t *got)
{
    msdk_mps2_uart_t *u = ctx;
    msdk_critical_state_t s = msdk_port_critical_enter();
    bool error = u->rx_error;
    u->rx_error = false;
    msdk_port_critical_exit(s);
    if (error) {
        return MSDK_ERR_IO;
    }
    size_t n = 0;
    if (msdk_ringbuf_get(&u->rx, buf, cap, &n) != MSDK_OK) {
        n = 0;
    }
    *got = n;
    return MSDK_OK;
}

static size_t msdk_mps2_uart_tx_pending(void *ctx)
{
    msdk_mps2_uart_t *u = ctx;
    msdk_critical_state_t s = msdk_port_critical_enter();
    size_t n = msdk_ringbuf_used(&u->tx) + (u->tx_busy ? 1u : 0u);
    msdk_port_critical_exit(s);
    return n;
}

static bool msdk_mps2_uart_is_connected(void *ctx)
{
    (void)ctx;
    return true;
}

static const msdk_serial_ops_t msdk_mps2_uart_ops = {
    .configure = msdk_mps2_uart_configure,
    .write = msdk_mps2_uart_write,
    .read = msdk_mps2_uart_read,
    .tx_pending = msdk_mps2_uart_tx_pending,
    .is_connected = msdk_mps2_uart_is_connected,
};

const msdk_serial_t msdk_mps2_serial[MSDK_MPS2_UART_COUNT] = {
    { .ops = &msdk_mps2_uart_ops, .ctx = &msdk_mps2_uarts[0], .name = "console" },
    { .ops = &msdk_mps2_uart_ops, .ctx = &msdk_mps2_uarts[1], .name = "optical" },
    { .ops = &msdk_mps2_uart_ops, .ctx = &msdk_mps2_uarts[2], .name = "mbus" },
    { .ops = &msdk_mps2_uart_ops, .ctx = &msdk_mps2_uarts[3], .name = "wan" },
};

/* ---- console helpers ----------------------------------------------------- */

void msdk_mps2_console_write(const char *s)
{
    msdk_mps2_uart_t *u = &msdk_mps2_uarts[0];
    size_t len = strlen(s);
    const uint8_t *p = (const uint8_t *)s;

    while (len > 0u) {
        size_t n = msdk_mps2_uart_queue(u, p, len);
        p += n;
        len -= n;
        if (len > 0u) {
            /* Ring full: serve the transmitter by hand, so this also works
             * with interrupts masked or from a higher-priority handler. */
            msdk_critical_state_t st = msdk_port_critical_enter();
            uint32_t ist = UREG(u, MSDK_MPS2_UART_INTSTATUS);
            if ((ist & MSDK_MPS2_UART_INT_TX) != 0u) {
                UREG(u, MSDK_MPS2_UART_INTSTATUS) = MSDK_MPS2_UART_INT_TX;
            }
            msdk_mps2_uart_tx_service(u);
            msdk_port_critical_exit(st);
        }
    }
}

void msdk_mps2_console_write_polled(const char *s)
{
    msdk_mps2_uart_t *u = &msdk_mps2_uarts[0];
    if ((UREG(u, MSDK_MPS2_UART_BAUDDIV) < MSDK_MPS2_UART_BAUDDIV_MIN)) {
        (void)msdk_mps2_uart_set_baud(u, MSDK_MPS2_UART_DEFAULT_BAUD);
    }
    UREG(u, MSDK_MPS2_UART_CTRL) |= MSDK_MPS2_UART_CTRL_TXEN;
    for (; *s != '\0'; s++) {
        while ((UREG(u, MSDK_MPS2_UART_STATE) & MSDK_MPS2_UART_STATE_TXFULL) != 0u) {
        }
        UREG(u, MSDK_MPS2_UART_DATA) = (uint8_t)*s;
    }
}

void msdk_mps2_uart_flush_all(uint32_t max_ms)
{
    uint64_t start = msdk_port_clock_uptime_ms();
    /* Also bounded by a spin count: the uptime stands still when this runs
     * with interrupts masked. */
    uint32_t spins = max_ms * 2000u;
    for (unsigned i = 0; i < MSDK_MPS2_UART_COUNT; i++) {
        msdk_mps2_uart_t *u = &msdk_mps2_uarts[i];
        if (!u->started) {
            continue;
        }
        while (msdk_mps2_uart_tx_pending(u) != 0u) {
            if (((msdk_port_clock_uptime_ms() - start) >= max_ms) || (spins == 0u)) {
                return;
            }
            spins--;
            msdk_critical_state_t st = msdk_port_critical_enter();
            if ((UREG(u, MSDK_MPS2_UART_INTSTATUS) & MSDK_MPS2_UART_INT_TX) != 0u) {
                UREG(u, MSDK_MPS2_UART_INTSTATUS) = MSDK_MPS2_UART_INT_TX;
                msdk_mps2_uart_tx_service(u);
            } else if (!u->tx_busy) {
                msdk_mps2_uart_tx_service(u);
            }
            msdk_port_critical_exit(st);
        }
    }
}
