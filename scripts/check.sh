#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# `make check`: every test, in five stages, each in its own build directory.
#
#   1. build/aarch64        aarch64-linux-gnu-gcc, freestanding, -Os: the four
#                           freestanding libraries; their size; the symbols and
#                           data they may have (scripts/check-freestanding.sh)
#   2. build/aarch64-clang  the same sources with clang --target=aarch64-linux-gnu
#   3. build/gcc-asan       gcc, AddressSanitizer + UndefinedBehaviorSanitizer; ctest
#   4. build/fuzz           clang, libFuzzer + ASan + UBSan: a smoke run of
#                           tests/fuzz/fuzz_proxy.c for FUZZ_SMOKE_SECONDS (60 s)
#                           from a fresh corpus, which must find nothing
#                           (scripts/fuzz.sh --smoke); it comes before the last
#                           ctest stage so that CTest's summary stays last
#   (QEMU) build/qemu       plat/aarch64's image under qemu-system-aarch64: the
#                           vectors at EL1 through the proxy at EL2 and the
#                           SPMC model at EL3 (tests/qemu/run.sh), before the
#                           last ctest stage for the same reason
#   (Linux) build/linux     Linux 6.12 as the host at EL1 over the proxy, from
#                           the same build/qemu (tests/linux/run.sh); the
#                           kernel is built once (a few minutes) and cached
#   5. build/clang-asan     clang, the same as 3; ctest
#
# Stops at the first failure. The last lines printed are CTest's summary.
set -euo pipefail

cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
build=${BUILD_DIR:-build}
fuzz_seconds=${FUZZ_SMOKE_SECONDS:-60}

stage() {
	printf '\n==== make check: stage %s ====\n' "$*"
}

configure_and_build() {
	local dir=$1
	shift
	cmake -S . -B "$dir" -Wno-dev --log-level=WARNING "$@"
	cmake --build "$dir" --parallel "$jobs"
}

sanitized_build_and_test() {
	local dir=$1 cc=$2
	configure_and_build "$dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_C_FLAGS_DEBUG="-g -O1" -DFFAPROXY_SANITIZE=ON -DFFAPROXY_REQUIRE_CMOCKA=ON
	ctest --test-dir "$dir" --output-on-failure --no-tests=error --timeout 300 --parallel "$jobs"
}

stage "1/5: freestanding AArch64 build, aarch64-linux-gnu-gcc -ffreestanding -nostdlib -Os ($build/aarch64)"
configure_and_build "$build/aarch64" -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-none-elf.cmake
bash scripts/check-freestanding.sh --size "$build/aarch64"

stage "2/5: freestanding AArch64 build, clang --target=aarch64-linux-gnu -ffreestanding ($build/aarch64-clang)"
configure_and_build "$build/aarch64-clang" -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-none-elf-clang.cmake
bash scripts/check-freestanding.sh "$build/aarch64-clang"

stage "3/5: gcc, AddressSanitizer + UndefinedBehaviorSanitizer, ctest ($build/gcc-asan)"
sanitized_build_and_test "$build/gcc-asan" gcc

stage "4/5: libFuzzer smoke run, ${fuzz_seconds} s, clang -fsanitize=fuzzer,address,undefined ($build/fuzz)"
configure_and_build "$build/fuzz" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	-DCMAKE_C_FLAGS_DEBUG="-g -O1" -DFFAPROXY_SANITIZE=ON -DFFAPROXY_FUZZ=ON -DBUILD_TESTING=OFF
bash scripts/fuzz.sh --smoke "$build/fuzz" "$fuzz_seconds"

stage "QEMU: plat/aarch64 at EL3/EL2/EL1 under qemu-system-aarch64, the vectors ($build/qemu)"
configure_and_build "$build/qemu" -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-none-elf.cmake \
	-DFFAPROXY_QEMU=ON
bash tests/qemu/run.sh "$build/qemu"

stage "Linux: Linux 6.12 as the host at EL1, its FF-A driver via the proxy ($build/linux)"
JOBS=$jobs bash tests/linux/run.sh "$build/qemu" "$build/linux"

stage "5/5: clang, AddressSanitizer + UndefinedBehaviorSanitizer, ctest ($build/clang-asan)"
sanitized_build_and_test "$build/clang-asan" clang
