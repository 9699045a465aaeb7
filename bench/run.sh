#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# The proxy's own instructions per call, for each benchmark of bench_proxy
# (bench/README.md):
#
#   bench/run.sh BUILD_DIR [N]
#
# For each benchmark, bench_proxy runs twice under callgrind, with N and 2N
# measured calls (or share/reclaim pairs), collecting only inside
# bench_measured_call() and bench_measured_mem_pair(). In each run the
# proxy's cost is the inclusive cost of ffap_handle_call minus the inclusive
# costs of ffap_plat_secure_call (the secure-world calls made from it) and
# of ffap_plat_host_transition (the platform's stage-2 ownership changes);
# the figure printed is the difference between the two runs divided by N,
# so that one-off costs cancel. The memory figures:
#   mem_share_reclaim_1_range          per SHARE + RECLAIM pair, one range
#   mem_share_reclaim_per_extra_range  what each further discontiguous range
#                                      adds to a pair: (pair of 1 + M ranges
#                                      - pair of 1 range) / M, M = 64
#   mem_share_reclaim_4096_sparse_ranges  one pair of 4,096 discontiguous
#                                      one-page ranges (17 fragments), per range
#   mem_share_reclaim_1gib_4k_ranges   one pair of 262,144 contiguous one-page
#                                      ranges (1,025 fragments), per page
# (the last two with N = 1 and 2: a pair is long enough on its own).
set -euo pipefail

build_dir=${1:?usage: bench/run.sh BUILD_DIR [N]}
n=${2:-1000}
bench=$build_dir/bin/bench_proxy
out=$build_dir/callgrind
mkdir -p "$out"

# Inclusive Ir of function $2 in callgrind output file $1 (0 if never
# called): every cost line in the function's blocks, its own instructions and
# the inclusive cost of each call it makes (the line after `calls=`). Names
# may be compressed: "fn=(7) name" defines (7), a later "fn=(7)" reuses it;
# fn= and cfn= share the table. Inlined code (fi=/fe=) stays in its fn.
inclusive() {
	awk -v want="$2" '
	function name_of(spec,    id, rest) {
		if (spec !~ /^\(/)
			return spec
		id = spec
		sub(/\).*$/, ")", id)
		rest = spec
		sub(/^\([0-9]+\) ?/, "", rest)
		if (rest != "")
			names[id] = rest
		return names[id]
	}
	/^fn=/ { cur = name_of(substr($0, 4)); next }
	/^cfn=/ { name_of(substr($0, 5)); next }
	/^calls=/ { next }
	/^[0-9+*-]/ { if (cur == want) total += $2; next }
	END { printf "%d\n", total }' "$1"
}

# The proxy's own instructions over a run of $2 measured calls of benchmark
# $1 ($3: the range count of a memory benchmark).
proxy_cost() {
	local file=$out/$1.$2${3:+.$3}.out handle secure transition

	valgrind --tool=callgrind --collect-atstart=no --compress-pos=no \
		--toggle-collect='bench_measured_*' --callgrind-out-file="$file" \
		"$bench" "$1" "$2" ${3:+"$3"} >/dev/null 2>"$file.log" || {
		cat "$file.log" >&2
		echo "bench: $1 failed under callgrind" >&2
		exit 1
	}
	handle=$(inclusive "$file" ffap_handle_call)
	secure=$(inclusive "$file" ffap_plat_secure_call)
	transition=$(inclusive "$file" ffap_plat_host_transition)
	if [ "$handle" -eq 0 ]; then
		echo "bench: $1: no ffap_handle_call in $file" >&2
		exit 1
	fi
	echo $((handle - secure - transition))
}

# The marginal cost of one more run of benchmark $1 with $3 ranges: the
# difference between $2 and 2 * $2 runs, not yet divided.
marginal() {
	local one two

	one=$(proxy_cost "$1" "$2" ${3:+"$3"})
	two=$(proxy_cost "$1" $((2 * $2)) ${3:+"$3"})
	echo $((two - one))
}

for name in direct_req_64 notification_bind partition_info_get; do
	echo "bench $name proxy_instructions_per_call=$(($(marginal "$name" "$n") / n))"
done

extra=64
pair_1=$(marginal mem_share_reclaim "$n" 1)
pair_more=$(marginal mem_share_reclaim "$n" $((1 + extra)))
echo "bench mem_share_reclaim_1_range proxy_instructions_per_pair=$((pair_1 / n))"
echo "bench mem_share_reclaim_per_extra_range proxy_instructions=$(((pair_more - pair_1) / (n * extra)))"
sparse=4096
echo "bench mem_share_reclaim_4096_sparse_ranges proxy_instructions_per_range=$(($(marginal mem_share_reclaim 1 $sparse) / sparse))"
pages=262144
echo "bench mem_share_reclaim_1gib_4k_ranges proxy_instructions_per_page=$(($(marginal mem_share_reclaim_contiguous 1 $pages) / pages))"
