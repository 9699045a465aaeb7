#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# The proxy's own instructions per call, for each benchmark of bench_proxy
# (bench/README.md):
#
#   bench/run.sh BUILD_DIR [N]
#
# For each benchmark, bench_proxy runs twice under callgrind, with N and 2N
# measured calls, collecting only inside bench_measured_call(). In each run
# the proxy's cost is the inclusive cost of ffap_handle_call minus the
# inclusive cost of ffap_plat_secure_call (the secure-world calls made from
# it); the figure printed is the difference between the two runs divided by
# N, so that one-off costs cancel.
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

# The proxy's own instructions over a run of $2 measured calls of benchmark $1.
proxy_cost() {
	local file=$out/$1.$2.out handle secure

	valgrind --tool=callgrind --collect-atstart=no --compress-pos=no \
		--toggle-collect=bench_measured_call --callgrind-out-file="$file" \
		"$bench" "$1" "$2" >/dev/null 2>"$file.log" || {
		cat "$file.log" >&2
		echo "bench: $1 failed under callgrind" >&2
		exit 1
	}
	handle=$(inclusive "$file" ffap_handle_call)
	secure=$(inclusive "$file" ffap_plat_secure_call)
	if [ "$handle" -eq 0 ]; then
		echo "bench: $1: no ffap_handle_call in $file" >&2
		exit 1
	fi
	echo $((handle - secure))
}

for name in direct_req_64 notification_bind partition_info_get; do
	one=$(proxy_cost "$name" "$n")
	two=$(proxy_cost "$name" $((2 * n)))
	echo "bench $name proxy_instructions_per_call=$(((two - one) / n))"
done
