# SPDX-License-Identifier: Apache-2.0
# Cortex-M0+ (ARMv6-M), no FPU: soft-float ABI.
set(MSDK_CPU_FLAGS -mcpu=cortex-m0plus -mthumb -mfloat-abi=soft)
set(MSDK_CPU_HAS_FPU OFF)
