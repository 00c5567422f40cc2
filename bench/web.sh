#!/usr/bin/env bash
# The browser page's speed (bench/web_bench.mjs) on a generated school of LEARNERS (2,000 by
# default, about 25,000 rows), and on a generated export of LARGE learners (100,000 by default:
# 74 MB, which the page streams; 0 leaves it out), after web/build.sh:
#
#   bench/web.sh [LEARNERS] [REPEATS] [LARGE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
learners=${1:-2000}
large=${3:-100000}
mkdir -p "$root/build/bench-data"
cohort() {  # the generated cohort of $1 learners, made once
  local data=$root/build/bench-data/cohort-$1.csv
  [ -f "$data" ] || python3 "$root/bench/gen_cohort.py" "$1" >"$data"
  echo "$(wc -l <"$data") lines, $(du -h "$data" | cut -f1): $data" >&2
  echo "$data"
}
data=$(cohort "$learners")
large_data=
[ "$large" != 0 ] && large_data=$(cohort "$large")
node "$root/bench/web_bench.mjs" "$root/build/web" "$data" "${2:-5}" $large_data
