# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Bare-metal AArch64 with Clang:
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-none-elf-clang.cmake
# clang --target=aarch64-linux-gnu, compiled -ffreestanding; the archiver comes
# from binutils-aarch64-linux-gnu.

find_program(CMAKE_C_COMPILER clang REQUIRED)
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
execute_process(COMMAND "${CMAKE_C_COMPILER}" -print-resource-dir
                OUTPUT_VARIABLE clang_resource_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
set(FFAPROXY_COMPILER_INCLUDE "${clang_resource_dir}/include")
include("${CMAKE_CURRENT_LIST_DIR}/aarch64-freestanding.cmake")
