# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Bare-metal AArch64 with GCC: cmake -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-none-elf.cmake
# Debian's aarch64-linux-gnu-gcc (package gcc-aarch64-linux-gnu) serves as a
# bare-metal compiler here: the sources are compiled -ffreestanding and never
# linked against its C library.

find_program(CMAKE_C_COMPILER aarch64-linux-gnu-gcc REQUIRED)
execute_process(COMMAND "${CMAKE_C_COMPILER}" -print-file-name=include
                OUTPUT_VARIABLE FFAPROXY_COMPILER_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
include("${CMAKE_CURRENT_LIST_DIR}/aarch64-freestanding.cmake")
