#!/usr/bin/env bash
# An A/B benchmark of two accredit binaries on the same input, run alternately (A, B, A, B...)
# so that a busy or throttled machine weighs on both alike. Prints each run, then the median
# wall time and peak memory of each and B's time as a share of A's; fails if the two give
# different output.
#
#   bench/ab.sh A_BINARY B_BINARY INPUT [RUNS] [-- VALIDATE_OPTIONS...]
#   bench/ab.sh /tmp/accredit-before build/release/cli/accredit build/bench-data/cohort-1000000.csv 5
#
# Default options: validate INPUT --format csv (the benchmark's main case).
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,9p "$0" >&2; exit 2; }
a=$1 b=$2 input=$3 runs=${4:-5}
shift $(( $# >= 4 ? 4 : 3 ))
[ "${1:-}" = "--" ] && shift
options=("$@")
[ ${#options[@]} -gt 0 ] || options=(--format csv)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for i in $(seq "$runs"); do
  for side in a b; do
    binary=$a; [ "$side" = b ] && binary=$b
    /usr/bin/time -f "%e %M" -o "$work/time" "$binary" validate "$input" "${options[@]}" \
      >"$work/out.$side" 2>/dev/null || true
    read -r wall rss < <(tail -n 1 "$work/time")
    echo "$wall" >>"$work/wall.$side"
    echo "$rss" >>"$work/rss.$side"
    awk -v i="$i" -v s="$side" -v w="$wall" -v r="$rss" \
      'BEGIN { printf "run %d %s: %6.2f s %8.1f MiB\n", i, s, w, r / 1024 }'
  done
  cmp -s "$work/out.a" "$work/out.b" || { echo "A and B give different output" >&2; exit 1; }
done
wa=$(median <"$work/wall.a") wb=$(median <"$work/wall.b")
ra=$(median <"$work/rss.a") rb=$(median <"$work/rss.b")
awk -v wa="$wa" -v wb="$wb" -v ra="$ra" -v rb="$rb" -v a="$a" -v b="$b" 'BEGIN {
  printf "median A: %.2f s, %.1f MiB (%s)\n", wa, ra / 1024, a
  printf "median B: %.2f s, %.1f MiB (%s)\n", wb, rb / 1024, b
  printf "B / A: %.3f; output identical in every run\n", wb / wa }'
