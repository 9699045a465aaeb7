#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# tests/linux/build-initramfs.sh OUT_DIR: the initramfs of the Linux-as-host
# test: Debian's busybox-static for arm64 (downloaded with apt-get download,
# unpacked with dpkg-deb -x, never installed) and tests/linux/init.
# Cached as OUT_DIR/initramfs-KEY.cpio.gz (KEY: checksums of the package,
# of init and of this script). Prints the file's path.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

# The package, downloaded once (it needs arm64 in dpkg's architectures).
debs=("$out"/busybox-static_*_arm64.deb)
if [ ! -f "${debs[0]}" ]; then
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		[ "$(id -u)" -eq 0 ] || {
			echo "linux: busybox-static:arm64 needs 'dpkg --add-architecture arm64'" \
			     "and 'apt-get update' (as root)" >&2
			exit 1
		}
		dpkg --add-architecture arm64
		apt-get -q update >/dev/null
	fi
	(cd "$out" && apt-get -q download busybox-static:arm64 >/dev/null 2>&1) || {
		[ "$(id -u)" -eq 0 ] && apt-get -q update >/dev/null &&
			(cd "$out" && apt-get -q download busybox-static:arm64 >/dev/null 2>&1)
	} || {
		echo "linux: apt-get download busybox-static:arm64 failed" >&2
		exit 1
	}
	debs=("$out"/busybox-static_*_arm64.deb)
fi
deb=${debs[0]}

key=$(cat <(sha256sum <"$deb") <(sha256sum <"$here/init") <(sha256sum <"$0") |
	sha256sum | cut -c1-16)
image=$out/initramfs-$key.cpio.gz
if [ -f "$image" ]; then
	echo "$image"
	exit 0
fi

root=$out/initramfs-root
rm -rf "$root" "$out/busybox-deb"
dpkg-deb -x "$deb" "$out/busybox-deb"
mkdir -p "$root"/{bin,dev,proc,sys}
cp "$out/busybox-deb/bin/busybox" "$root/bin/busybox"
# The applets /init uses (the arm64 binary cannot run here to list them).
for applet in sh ls cat echo mount dmesg grep sed wc uname poweroff; do
	ln -s busybox "$root/bin/$applet"
done
install -m 0755 "$here/init" "$root/init"
# The kernel opens /dev/console for /init's output.
if ! mknod -m 0600 "$root/dev/console" c 5 1 2>/dev/null; then
	echo "linux: cannot mknod /dev/console (not root): relying on the kernel's" \
	     "built-in initramfs for it" >&2
fi
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9n) >"$image.tmp"
mv "$image.tmp" "$image"
rm -rf "$root" "$out/busybox-deb"
echo "$image"
