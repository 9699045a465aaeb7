# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Common part of the bare-metal AArch64 toolchain files: the freestanding
# libraries built as a hypervisor's EL2 image would build them. Nothing is
# linked (there is no C library), so CMake's checks build static libraries.
#
# The including file sets CMAKE_C_COMPILER and FFAPROXY_COMPILER_INCLUDE (the
# compiler's own header directory: stddef.h, stdint.h, stdbool.h).

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

find_program(CMAKE_AR aarch64-linux-gnu-ar REQUIRED)
find_program(CMAKE_RANLIB aarch64-linux-gnu-ranlib REQUIRED)

# -nostdinc with only the compiler's own headers on the path: a libc header
# included by a freestanding source fails to compile instead of slipping in.
# -mgeneral-regs-only: EL2 code must not touch FP/SIMD registers it does not
# save. No stack protector, unwind tables, common symbols or PIC: nothing an
# embedder's runtime would have to provide.
set(CMAKE_C_FLAGS_INIT
    "-ffreestanding -nostdlib -nostdinc -isystem ${FFAPROXY_COMPILER_INCLUDE} -Os \
-mgeneral-regs-only -mno-outline-atomics -fno-stack-protector -fno-common \
-fno-pic -fno-pie -fno-asynchronous-unwind-tables -fno-unwind-tables")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
