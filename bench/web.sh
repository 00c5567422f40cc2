#!/usr/bin/env bash
# The browser page's speed (bench/web_bench.mjs) on a generated school of LEARNERS (2,000 by
# default, about 25,000 rows), after web/build.sh:   bench/web.sh [LEARNERS] [REPEATS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
learners=${1:-2000}
data=$root/build/bench-data/cohort-$learners.csv
mkdir -p "$root/build/bench-data"
[ -f "$data" ] || python3 "$root/bench/gen_cohort.py" "$learners" >"$data"
echo "$(wc -l <"$data") lines, $(du -h "$data" | cut -f1): $data"
node "$root/bench/web_bench.mjs" "$root/build/web" "$data" "${2:-5}"
