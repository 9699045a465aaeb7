#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later
#
# Checks the freestanding AArch64 libraries in a build directory made with
# cmake/aarch64-none-elf*.cmake:
#
#   scripts/check-freestanding.sh [--size] BUILD_DIR
#
# - Each library refers to nothing outside itself except memcpy, memset,
#   memmove, memcmp (which compilers may emit even when freestanding) and its
#   own platform hooks: what an embedder must provide is exactly what the
#   headers say.
# - No library has writable data (.data, .bss): all state lives in structs the
#   embedder owns; constant tables are read-only.
# --size prints the proxy core's size as a hypervisor would link it.
set -euo pipefail

cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
print_size=false
if [ "${1:-}" = "--size" ]; then
	print_size=true
	shift
fi
[ $# -eq 1 ] || { echo "usage: $0 [--size] BUILD_DIR" >&2; exit 2; }
build=$1

libc_calls='memcpy|memset|memmove|memcmp'
# library  description  hooks it may call (an extended regular expression)
libraries=(
	"ffaproxy|proxy core (FFAPROXY_SRCS)|ffap_plat_[a-z0-9_]+"
	"ffaproxy_spmc|SPMC model (FFAPROXY_SPMC_SRCS)|spmc_plat_[a-z0-9_]+"
	"ffaproxy_host|host client (FFAPROXY_HOST_SRCS)|ffah_plat_[a-z0-9_]+"
	"ffaproxy_fv|vector interpreter (FFAPROXY_FV_SRCS)|fv_plat_[a-z0-9_]+"
)

status=0
for entry in "${libraries[@]}"; do
	IFS='|' read -r name what hooks <<<"$entry"
	archive="$build/lib$name.a"
	if [ ! -f "$archive" ]; then
		echo "check-freestanding: $archive missing" >&2
		status=1
		continue
	fi

	# nm -P: "name type value size"; U = undefined, w/v = weak undefined.
	defined=$("${cross}nm" -P -g "$archive" | awk 'NF >= 2 && $2 !~ /^[Uwv]$/ { print $1 }' |
		sort -u)
	undefined=$("${cross}nm" -P -g "$archive" | awk 'NF >= 2 && $2 ~ /^[Uwv]$/ { print $1 }' |
		sort -u)
	external=$(comm -23 <(printf '%s\n' "$undefined") <(printf '%s\n' "$defined") |
		sed '/^$/d')
	unexpected=$(printf '%s\n' "$external" | grep -Ev "^($libc_calls|$hooks)\$" || true)
	if [ -n "$unexpected" ]; then
		echo "FAIL lib$name.a ($what) refers to symbols an embedder would not provide:" >&2
		printf '  %s\n' $unexpected >&2
		status=1
	else
		echo "ok   lib$name.a: external references: $(echo $external)"
	fi

	# Writable sections with contents or size: mutable global state.
	writable=$("${cross}readelf" -S -W "$archive" | awk '
		/^File: / { obj = $2 }
		/^ *\[ *[0-9]+\]/ {
			sub(/^ *\[ *[0-9]+\] */, "")
			name = $1; size = $5; flags = $7
			if (flags ~ /W/ && flags ~ /A/ && size !~ /^0+$/ && name !~ /^\.data\.rel\.ro/)
				printf "%s: %s (0x%s bytes)\n", obj, name, size
		}')
	if [ -n "$writable" ]; then
		echo "FAIL lib$name.a ($what) has writable global data:" >&2
		printf '%s\n' "$writable" | sed 's/^/  /' >&2
		status=1
	fi
done

if $print_size; then
	echo
	echo "Proxy core size (AArch64, $(${cross}gcc -dumpfullversion 2>/dev/null || echo gcc) -Os," \
		"freestanding):"
	# "proxy.c.obj (ex build/aarch64/libffaproxy.a)" -> "proxy.c"
	"${cross}size" -t "$build/libffaproxy.a" | sed -e 's/\.c\.o[bj]* (ex [^)]*)$/.c/' \
		-e 's/(TOTALS)$/total/'
	echo
	for entry in "${libraries[@]}"; do
		IFS='|' read -r name what _ <<<"$entry"
		[ -f "$build/lib$name.a" ] || continue
		"${cross}size" -t "$build/lib$name.a" | awk -v what="$what" \
			'END { printf "  %-40s text %6d  data %4d  bss %4d bytes\n", what, $1, $2, $3 }'
	done
fi
exit $status
