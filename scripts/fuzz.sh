#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Run the libFuzzer harness (tests/fuzz/fuzz_proxy.c) for a fixed time.
#
#   scripts/fuzz.sh FUZZ_BUILD_DIR SECONDS           `make fuzz`: the corpus
#                                                    in FUZZ_BUILD_DIR/corpus
#                                                    grows from run to run
#   scripts/fuzz.sh --smoke FUZZ_BUILD_DIR SECONDS   `make check`: a fresh
#                                                    corpus each time
#
# The seeds are written afresh each time by fuzz_seeds from the vector files
# (tests/vectors/, and tests/vectors-pending/ if there is one) into
# FUZZ_BUILD_DIR/seeds, which libFuzzer reads but never writes. libFuzzer's
# output goes to FUZZ_BUILD_DIR/fuzz.log; what is printed is its final line
# (executions, coverage, features, corpus) and its statistics. Any finding (a
# crash, a sanitizer report, a broken oracle, a timeout) fails the script;
# the input that caused it is left in FUZZ_BUILD_DIR/artifacts/.
set -euo pipefail

smoke=false
if [ "${1:-}" = "--smoke" ]; then
	smoke=true
	shift
fi
dir=${1:?usage: scripts/fuzz.sh [--smoke] FUZZ_BUILD_DIR SECONDS}
seconds=${2:?usage: scripts/fuzz.sh [--smoke] FUZZ_BUILD_DIR SECONDS}
cd "$(dirname "$0")/.."

seeds=$dir/seeds
artifacts=$dir/artifacts
log=$dir/fuzz.log
if $smoke; then
	corpus=$dir/smoke-corpus
	rm -rf "$corpus"
else
	corpus=$dir/corpus
fi
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"

shopt -s nullglob
vectors=(tests/vectors/*.fv tests/vectors-pending/*.fv)
shopt -u nullglob
"$dir/bin/fuzz_seeds" "$seeds" "${vectors[@]}"

echo "fuzz: $dir/bin/fuzz_proxy for ${seconds} s, corpus $corpus, seeds $seeds"
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$dir/bin/fuzz_proxy" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
	-artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1 || status=$?

if [ "$status" -ne 0 ]; then
	tail -n 60 "$log" >&2
	echo "fuzz: FAILED (exit status $status); the input is in $artifacts/, the log in $log" >&2
	exit 1
fi
grep -E '^#[0-9]+[[:space:]]+INITED' "$log" | tail -n 1 || true
grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
grep -E '^stat::' "$log"
echo "fuzz: nothing found in ${seconds} s"
