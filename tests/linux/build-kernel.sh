#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# tests/linux/build-kernel.sh OUT_DIR: build a minimal arm64 Linux Image from
# Debian's linux-source-6.12 package (/usr/src/linux-source-6.12.tar.xz) with
# the config fragment tests/linux/kernel.config, for the Linux-as-host test
# (tests/linux/run.sh). No kernel source is kept in this repository.
#
# The Image is cached in OUT_DIR/kernel-KEY/, KEY being a checksum of the
# config fragment and of the source tarball: a second run with the same
# inputs only prints where the Image is. Prints the Image's path last.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
tarball=${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
fragment=$here/kernel.config
jobs=${JOBS:-2}
cross=${CROSS_COMPILE:-aarch64-linux-gnu-}

[ -f "$tarball" ] || {
	echo "linux: $tarball not found (Debian package linux-source-6.12;" \
	     "scripts/install-deps.sh linux installs it)" >&2
	exit 1
}
command -v "${cross}gcc" >/dev/null || {
	echo "linux: ${cross}gcc not found (Debian: gcc-aarch64-linux-gnu)" >&2
	exit 1
}

key=$(cat <(sha256sum <"$fragment") <(sha256sum <"$tarball") |
	sha256sum | cut -c1-16)
cache=$out/kernel-$key
image=$cache/Image

if [ -f "$image" ]; then
	echo "linux: Linux 6.12 Image cached (key $key), not rebuilt" >&2
	echo "$image"
	exit 0
fi

echo "linux: building Linux 6.12 Image: this takes a few minutes the first time" \
     "(${jobs} jobs; cache $cache)" >&2
start=$(date +%s)
work=$out/kernel-build
rm -rf "$work" "$cache"
mkdir -p "$work/src" "$work/obj"
tar -xf "$tarball" -C "$work/src" --strip-components=1
kmake=(make -C "$work/src" O="$work/obj" ARCH=arm64 CROSS_COMPILE="$cross" -s)
KCONFIG_ALLCONFIG=$fragment "${kmake[@]}" allnoconfig >"$work/config.log" 2>&1
"${kmake[@]}" olddefconfig >>"$work/config.log" 2>&1

# Kconfig silently drops a symbol whose dependencies are not met: insist.
missing=0
while read -r line; do
	case "$line" in
	CONFIG_*)
		grep -qx -- "$line" "$work/obj/.config" || {
			echo "linux: $line from kernel.config did not make it into .config" >&2
			missing=1
		}
		;;
	esac
done <"$fragment"
[ $missing -eq 0 ] || exit 1

if ! "${kmake[@]}" -j"$jobs" Image >"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log" >&2
	echo "linux: kernel build failed; log: $work/build.log" >&2
	exit 1
fi
mkdir -p "$cache"
cp "$work/obj/arch/arm64/boot/Image" "$work/obj/.config" "$cache/"
echo "$(( $(date +%s) - start ))" >"$cache/build-seconds"
rm -rf "$work"
echo "linux: built Linux 6.12 Image in $(cat "$cache/build-seconds") s:" \
     "$(stat -c %s "$image") bytes" >&2
echo "$image"
