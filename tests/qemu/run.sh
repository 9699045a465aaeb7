#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# tests/qemu/run.sh BUILD_DIR: run plat/aarch64's images under
# qemu-system-aarch64 (make qemu-check builds them, then runs this).
#
#   1. bin/image.bin on -cpu max and on -cpu cortex-a57: every vector of
#      tests/vectors and the stage-2 test at EL1, through the proxy at EL2 and
#      the SPMC model at EL3; QEMU must exit 0 (semihosting) and the summary
#      must report no failure.
#   2. bin/image-negative.bin (tests/vectors-negative/wrong-expectation.fv):
#      QEMU must exit 1 and name the failing case, file and register; so a
#      broken vector cannot pass unnoticed.
#
# Each run has a timeout: a hang (e.g. a trap loop) fails instead of blocking.
# Logs: BUILD_DIR/qemu-*.log.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$1
qemu=${QEMU:-qemu-system-aarch64}
timeout_s=${QEMU_TIMEOUT:-120}

command -v "$qemu" >/dev/null || {
	echo "qemu-check: $qemu not found (Debian: qemu-system-arm)" >&2
	exit 1
}

# run_image IMAGE CPU LOG: sets $status and $seconds.
run_image() {
	local image=$1 cpu=$2 log=$3 start end
	start=$(date +%s.%N)
	set +e
	timeout "$timeout_s" "$qemu" -M virt,secure=on,virtualization=on -cpu "$cpu" -m 2G \
		-nographic -nic none -monitor none -serial stdio -semihosting \
		-bios "$image" </dev/null >"$log" 2>&1
	status=$?
	set -e
	end=$(date +%s.%N)
	seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
}

# The two CPUs run at once (one QEMU process each); their results are read after.
failed=0
cpus=(max cortex-a57)
for cpu in "${cpus[@]}"; do
	(
		run_image "$build/bin/image.bin" "$cpu" "$build/qemu-$cpu.log"
		echo "$status $seconds" >"$build/qemu-$cpu.status"
	) &
done
wait
for cpu in "${cpus[@]}"; do
	log="$build/qemu-$cpu.log"
	read -r status seconds <"$build/qemu-$cpu.status"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1 || true)
	faults=$(grep -E '^stage-2: [0-9]+ faults' "$log" | tail -n 1 || true)
	echo "qemu-check: -cpu $cpu: ${summary:-no summary}; exit $status; ${seconds} s"
	echo "qemu-check:   $faults"
	if [ "$status" -ne 0 ] || ! [[ "$summary" =~ ^[0-9]+\ passed,\ 0\ failed ]]; then
		echo "qemu-check: -cpu $cpu FAILED (status $status; 124 = timeout); log: $log" >&2
		grep -E '^(FAIL|PANIC|stage-2: FAIL|[0-9]+ passed)' "$log" >&2 ||
			tail -n 20 "$log" >&2
		failed=1
	fi
done

log="$build/qemu-negative.log"
run_image "$build/bin/image-negative.bin" max "$log"
if [ "$status" -eq 1 ] &&
   grep -qE '^FAIL version-wrong-expectation: wrong-expectation\.fv:[0-9]+: x0 wanted' "$log"; then
	echo "qemu-check: negative image: exit 1 with the wrong expectation reported," \
	     "as it must (${seconds} s)"
else
	echo "qemu-check: negative image: expected exit 1 and a FAIL line for" \
	     "version-wrong-expectation, got exit $status; log: $log" >&2
	cat "$log" >&2
	failed=1
fi

exit $failed
