#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Make sure the Debian packages a make target needs are installed.
#
#   scripts/install-deps.sh run     what `make run` (and `make build`) needs
#   scripts/install-deps.sh check   what `make check` needs
#   scripts/install-deps.sh bench   what `make bench` needs
#   scripts/install-deps.sh fuzz    what `make fuzz` needs
#   scripts/install-deps.sh qemu    what `make qemu-check` needs
#   scripts/install-deps.sh linux   what `make linux-check` needs
#
# Missing packages are found with dpkg-query (a command on the PATH does not
# prove that, say, the sanitizer runtime or the cmocka headers are there). As
# root they are installed with apt-get; otherwise the script names them and
# fails. On a system without dpkg it only says what it would need.
set -euo pipefail

# Debian 12 (bookworm) package names.
run_packages=(cmake gcc make libc6-dev)
check_packages=(
	"${run_packages[@]}"
	libcmocka-dev                   # unit tests
	clang                           # second compiler: freestanding and sanitizer builds
	libclang-rt-14-dev              # clang 14's ASan/UBSan runtime and libFuzzer (libclang_rt.*)
	gcc-aarch64-linux-gnu           # freestanding AArch64 build
	binutils-aarch64-linux-gnu      # its ar, nm and size
	qemu-system-arm                 # qemu-system-aarch64: plat/aarch64's image (make qemu-check)
	# make linux-check (tests/linux): the kernel build, the initramfs, the device tree
	linux-source-6.12 xz-utils bc bison flex libssl-dev libelf-dev cpio device-tree-compiler
)
qemu_packages=(
	cmake make
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm
)
linux_packages=(
	"${qemu_packages[@]}"
	gcc libc6-dev                   # the kernel's host tools (kconfig, fixdep)
	linux-source-6.12               # /usr/src/linux-source-6.12.tar.xz (tests/linux/build-kernel.sh)
	xz-utils                        # to unpack it
	bc bison flex libssl-dev libelf-dev # the kernel build
	cpio                            # the initramfs (tests/linux/build-initramfs.sh)
	device-tree-compiler            # dtc: the guest's device tree
)
bench_packages=(
	"${run_packages[@]}"
	valgrind                        # callgrind and callgrind_annotate
	mawk                            # bench/run.sh reads callgrind's output with awk
)
fuzz_packages=(
	"${run_packages[@]}"
	clang                           # libFuzzer is clang's
	libclang-rt-14-dev              # libclang_rt.fuzzer, ASan and UBSan runtimes
)

usage() {
	echo "usage: $0 run|check|bench|fuzz|qemu|linux" >&2
	exit 2
}

[ $# -eq 1 ] || usage
case "$1" in
run) wanted=("${run_packages[@]}") ;;
check) wanted=("${check_packages[@]}") ;;
bench) wanted=("${bench_packages[@]}") ;;
fuzz) wanted=("${fuzz_packages[@]}") ;;
qemu) wanted=("${qemu_packages[@]}") ;;
linux) wanted=("${linux_packages[@]}") ;;
*) usage ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: no dpkg-query here (not Debian?); make $1 needs the equivalents of:" >&2
	echo "  ${wanted[*]}" >&2
	exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
	case "$status" in
	ii*) ;;
	*) missing+=("$pkg") ;;
	esac
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: make $1 needs Debian packages that are not installed:" >&2
	echo "  ${missing[*]}" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get install ${missing[*]}" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt_get=(apt-get -q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
if ! "${apt_get[@]}" update >"$log" 2>&1 ||
   ! "${apt_get[@]}" install --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
	cat "$log" >&2
	echo "install-deps: apt-get failed; packages needed: ${missing[*]}" >&2
	exit 1
fi

# apt-get may succeed without installing everything (e.g. a held package).
for pkg in "${missing[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
	case "$status" in
	ii*) ;;
	*)
		cat "$log" >&2
		echo "install-deps: $pkg is still not installed" >&2
		exit 1
		;;
	esac
done
echo "install-deps: done"
