# SPDX-License-Identifier: Apache-2.0
# Cortex-M4 with the single-precision FPU (ARMv7E-M), hard-float ABI.
# The start-up code of the board enables the FPU (CPACR) before main().
set(MSDK_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
set(MSDK_CPU_HAS_FPU ON)
