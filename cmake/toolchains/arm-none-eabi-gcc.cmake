# SPDX-License-Identifier: Apache-2.0
# Toolchain file: GNU Arm Embedded (arm-none-eabi-gcc + newlib-nano), bare metal.
#
#   cmake -S . -B build -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi-gcc.cmake \
#         [-DMSDK_CPU=cortex-m4f|cortex-m0plus] [-DMSDK_ARM_TOOLCHAIN_DIR=/opt/gcc-arm/bin]
#
# The core is chosen with the cache variable MSDK_CPU; its flags live in
# cpu/<MSDK_CPU>.cmake (one small file per core, add one for a new core).
# Only the CPU flags and the release optimisation level are set here; warnings,
# -ffunction-sections/-fdata-sections and the like are per target
# (msdk_target_defaults()), and the board port adds the linker script and the
# link options (ports/<board>/CMakeLists.txt).

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
# No executable can be linked without a board's linker script: try_compile
# checks build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(MSDK_CPU "cortex-m4f" CACHE STRING "Target core (a file cpu/<MSDK_CPU>.cmake next to this toolchain file)")
set_property(CACHE MSDK_CPU PROPERTY STRINGS cortex-m4f cortex-m0plus)
set(MSDK_ARM_TOOLCHAIN_DIR "" CACHE PATH "Directory holding arm-none-eabi-gcc (empty: search PATH)")
# try_compile() projects re-read this file: hand them our variables.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MSDK_CPU MSDK_ARM_TOOLCHAIN_DIR)

if(NOT EXISTS "${CMAKE_CURRENT_LIST_DIR}/cpu/${MSDK_CPU}.cmake")
  file(GLOB _msdk_cpus RELATIVE "${CMAKE_CURRENT_LIST_DIR}/cpu" "${CMAKE_CURRENT_LIST_DIR}/cpu/*.cmake")
  string(REPLACE ".cmake" "" _msdk_cpus "${_msdk_cpus}")
  message(FATAL_ERROR "MSDK_CPU='${MSDK_CPU}' is not supported; choose one of: ${_msdk_cpus}")
endif()
# Sets MSDK_CPU_FLAGS (compile and link) and MSDK_CPU_HAS_FPU.
include("${CMAKE_CURRENT_LIST_DIR}/cpu/${MSDK_CPU}.cmake")

set(_msdk_prefix arm-none-eabi-)
if(MSDK_ARM_TOOLCHAIN_DIR)
  set(_msdk_hints HINTS "${MSDK_ARM_TOOLCHAIN_DIR}" NO_DEFAULT_PATH)
else()
  set(_msdk_hints "")
endif()
find_program(MSDK_ARM_GCC ${_msdk_prefix}gcc ${_msdk_hints} REQUIRED)
get_filename_component(_msdk_bindir "${MSDK_ARM_GCC}" DIRECTORY)

set(CMAKE_C_COMPILER "${MSDK_ARM_GCC}")
set(CMAKE_ASM_COMPILER "${MSDK_ARM_GCC}")
set(CMAKE_CXX_COMPILER "${_msdk_bindir}/${_msdk_prefix}g++")
set(CMAKE_AR "${_msdk_bindir}/${_msdk_prefix}ar" CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB "${_msdk_bindir}/${_msdk_prefix}ranlib" CACHE FILEPATH "Ranlib")
find_program(CMAKE_OBJCOPY ${_msdk_prefix}objcopy HINTS "${_msdk_bindir}" REQUIRED)
find_program(CMAKE_OBJDUMP ${_msdk_prefix}objdump HINTS "${_msdk_bindir}" REQUIRED)
find_program(CMAKE_NM ${_msdk_prefix}nm HINTS "${_msdk_bindir}" REQUIRED)
find_program(CMAKE_SIZE ${_msdk_prefix}size HINTS "${_msdk_bindir}" REQUIRED)

string(JOIN " " _msdk_cpu_flags ${MSDK_CPU_FLAGS})
set(CMAKE_C_FLAGS_INIT "${_msdk_cpu_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_msdk_cpu_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_msdk_cpu_flags}")
# newlib-nano; no crt0 from newlib (the board port brings its own start-up code)
# and no syscall stubs (nosys/rdimon): a firmware that pulls in stdio or the heap
# fails to link instead of carrying dead weight.
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_msdk_cpu_flags} --specs=nano.specs -nostartfiles")

# Per-configuration flags: firmware is optimised for size in every release
# configuration. Set as cache entries (CMake appends its own defaults, -O3
# for Release, to the *_INIT variables); a user's -D value still wins.
foreach(_msdk_lang C CXX ASM)
  set(CMAKE_${_msdk_lang}_FLAGS_RELEASE "-Os -DNDEBUG" CACHE STRING "Release flags")
  set(CMAKE_${_msdk_lang}_FLAGS_MINSIZEREL "-Os -DNDEBUG" CACHE STRING "MinSizeRel flags")
  set(CMAKE_${_msdk_lang}_FLAGS_RELWITHDEBINFO "-Os -g -DNDEBUG" CACHE STRING "RelWithDebInfo flags")
  set(CMAKE_${_msdk_lang}_FLAGS_DEBUG "-Og -g" CACHE STRING "Debug flags")
endforeach()

# Never pick up host libraries or headers; programs (python, qemu) come from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
