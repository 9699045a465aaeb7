#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# tests/linux/run.sh FW_BUILD_DIR LINUX_OUT_DIR: boot a real Linux 6.12 as
# the host at EL1 over the proxy at EL2 (plat/aarch64/linux) and check, from
# the console, that its FF-A driver probed through the proxy.
#
#   FW_BUILD_DIR   a plat/aarch64 build (bin/image-linux.bin, bin/image-linux-v1.0.bin)
#   LINUX_OUT_DIR  where the kernel, the initramfs and the device tree are
#                  built and cached (build-kernel.sh, build-initramfs.sh)
#
# Two worlds, one QEMU each, at once:
#   v1.2  image-linux.bin: the SPMC model at FF-A 1.2, the default partitions
#   v1.0  image-linux-v1.0.bin: the model answers FF-A 1.0 only
# Each must exit 0 (PSCI SYSTEM_OFF with the hypervisor's verdict: no
# unexpected refusal, invariants hold) and its log must contain every line
# of tests/linux/expected-WORLD.txt, exactly. Logs: LINUX_OUT_DIR/linux-*.log.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 FW_BUILD_DIR LINUX_OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fw=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
qemu=${QEMU:-qemu-system-aarch64}
timeout_s=${LINUX_TIMEOUT:-120}
machine=(-M virt,secure=on,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 1 -m 2G
	 -nographic -nic none -monitor none)

for tool in "$qemu" dtc cpio gzip; do
	command -v "$tool" >/dev/null || {
		echo "linux-check: $tool not found (scripts/install-deps.sh linux)" >&2
		exit 1
	}
done

# The guest's addresses, from the firmware's own header.
header=$root/plat/aarch64/linux/linux_host.h
addr() {
	awk -v name="$1" '$1 == "#define" && $2 == name { print $3 }' "$header"
}
ram_base=$(addr QV_LINUX_RAM_BASE)
ram_size=$(addr QV_LINUX_RAM_SIZE)
image_addr=$(addr QV_LINUX_IMAGE)
dtb_addr=$(addr QV_LINUX_DTB)
initrd_addr=$(addr QV_LINUX_INITRD)

kernel=$(bash "$here/build-kernel.sh" "$out" | tail -n 1)
initrd=$(bash "$here/build-initramfs.sh" "$out" | tail -n 1)

# The device tree: QEMU's for this machine, patched (plat/aarch64/linux/guest.dts.in).
initrd_size=$(stat -c %s "$initrd")
dt=$out/dt
mkdir -p "$dt"
"$qemu" "${machine[@]}" -machine dumpdtb="$dt/qemu-virt.dtb" >/dev/null 2>&1
dtc -q -I dtb -O dts -o "$dt/qemu-virt.dts" "$dt/qemu-virt.dtb"
sed -e "s/@RAM_BASE_HEX@/$(printf %x "$ram_base")/" -e "s/@RAM_BASE@/$ram_base/" \
    -e "s/@RAM_SIZE@/$ram_size/" -e "s/@INITRD_START@/$initrd_addr/" \
    -e "s/@INITRD_END@/$(printf 0x%x $((initrd_addr + initrd_size)))/" \
    "$root/plat/aarch64/linux/guest.dts.in" >"$dt/guest.dts"
dtc -q -I dts -O dtb -o "$dt/guest.dtb" "$dt/guest.dts"
if [ $((image_addr + $(stat -c %s "$kernel"))) -gt $((dtb_addr)) ] ||
   [ $((initrd_addr + initrd_size)) -gt $((ram_base + ram_size)) ]; then
	echo "linux-check: the Image or the initramfs does not fit the map of linux_host.h" >&2
	exit 1
fi

# run_world NAME IMAGE: QEMU's status and wall time into LOG.status.
run_world() {
	local name=$1 image=$2 log=$out/linux-$1.log start end status
	start=$(date +%s.%N)
	set +e
	timeout "$timeout_s" "$qemu" "${machine[@]}" -serial stdio -semihosting \
		-bios "$image" \
		-device loader,file="$kernel",addr="$image_addr",force-raw=on \
		-device loader,file="$dt/guest.dtb",addr="$dtb_addr",force-raw=on \
		-device loader,file="$initrd",addr="$initrd_addr",force-raw=on \
		</dev/null >"$log" 2>&1
	status=$?
	set -e
	end=$(date +%s.%N)
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	echo "$status $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')" \
		>"$log.status"
}

worlds=(v1.2 v1.0)
images=("$fw/bin/image-linux.bin" "$fw/bin/image-linux-v1.0.bin")
for i in "${!worlds[@]}"; do
	[ -f "${images[$i]}" ] || { echo "linux-check: ${images[$i]} not built" >&2; exit 1; }
	run_world "${worlds[$i]}" "${images[$i]}" &
done
wait

failed=0
for world in "${worlds[@]}"; do
	log=$out/linux-$world.log
	read -r status seconds <"$log.status"
	missing=0
	while IFS= read -r want; do
		case "$want" in '' | '#'*) continue ;; esac
		if ! grep -qxF -- "$want" "$log"; then
			[ $missing -eq 0 ] &&
				echo "linux-check: world $world: lines missing from $log:" >&2
			echo "  $want" >&2
			missing=$((missing + 1))
		fi
	done <"$here/expected-$world.txt"
	calls=$(grep -E '^ffaproxy: [0-9]+ FF-A calls' "$log" || true)
	echo "linux-check: world $world: exit $status, ${seconds} s; ${calls#ffaproxy: }"
	if [ "$status" -ne 0 ] || [ $missing -ne 0 ]; then
		echo "linux-check: world $world FAILED (exit $status; 124 = timeout); log: $log" >&2
		grep -E '^(PANIC|ffaproxy: (verdict|invariants)|Kernel panic)' "$log" >&2 ||
			tail -n 30 "$log" >&2
		failed=1
	fi
done
if [ $failed -eq 0 ]; then
	echo "linux-check: Linux 6.12's FF-A driver probed through the proxy in both worlds"
fi
exit $failed
