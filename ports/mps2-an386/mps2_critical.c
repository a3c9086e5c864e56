/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* Critical sections through PRIMASK (nesting by save/restore), NVIC helpers. */
#include "msdk/port/critical.h"
#include "mps2_internal.h"

msdk_critical_state_t msdk_port_critical_enter(void)
{
    uint32_t primask;
    __asm volatile("mrs %0, primask\n\t"
                   "cpsid i"
                   : "=r"(primask)
                   :
                   : "memory");
    return primask;
}

void msdk_port_critical_exit(msdk_critical_state_t state)
{
    __asm volatile("msr primask, %0" : : "r"(state) : "memory");
}

void msdk_mps2_irq_enable(uint32_t irq, uint8_t prio)
{
    /* IPR registers are word-accessed on ARMv6-M: read-modify-write the word. */
    uint32_t reg = MSDK_MPS2_NVIC_IPR + (irq & ~3u);
    uint32_t shift = (irq & 3u) * 8u;
    MSDK_MPS2_REG(reg) = (MSDK_MPS2_REG(reg) & ~(0xFFu << shift)) | ((uint32_t)prio << shift);
    MSDK_MPS2_REG(MSDK_MPS2_NVIC_ICPR) = 1u << irq;
    MSDK_MPS2_REG(MSDK_MPS2_NVIC_ISER) = 1u << irq;
}

void msdk_mps2_irq_disable(uint32_t irq)
{
    MSDK_MPS2_REG(MSDK_MPS2_NVIC_ICER) = 1u << irq;
    __asm volatile("dsb\n\tisb" ::: "memory");
    MSDK_MPS2_REG(MSDK_MPS2_NVIC_ICPR) = 1u << irq;
}
