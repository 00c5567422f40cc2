#!/usr/bin/env bash
# The accredit benchmark: builds accredit in Release, generates deterministic cohorts
# (bench/gen_cohort.py), runs each case several times and prints a table of median wall time,
# learners/s, MB/s and peak RSS, with the plain Python baseline (bench/baseline.py) on the
# same data in the same run. Not part of the test suite (a smoke run of it is).
#
#   bench/run_bench.sh [--learners 100000,1000000] [--runs 5] [--accredit PATH] [--no-baseline]
#                      [--peers-only]
#
# Data is cached in build/bench-data/. Rules: the built-in Foxwood programme.
#
# Then, per cohort, accredit beside its peers on the sorted CSV, in rounds that alternate
# between them (so that a slow spell of the machine falls on all alike): `cat` of the file,
# DuckDB running the simplified rule in SQL (bench/simple/simple.sql; when node and the npm
# package are installed: npm ci --prefix bench/simple), a streaming Python script of the same
# rule (bench/simple/simple.py), accredit running it as a programme (bench/simple/simple.yaml),
# accredit running Foxwood, and accredit's floor: a rule that judges nothing
# (bench/simple/read-only.yaml), so reading, resolving and writing alone. Before timing, the
# three forms of the simplified rule must give every learner the same met or not-met, or the
# script stops.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
learners=100000,1000000
runs=5
accredit=""
baseline=1
peers_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --learners) learners=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --accredit) accredit=$2; shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    --peers-only) peers_only=1; shift ;;
    *) echo "usage: $0 [--learners N[,N...]] [--runs N] [--accredit PATH] [--no-baseline] [--peers-only]" >&2; exit 2 ;;
  esac
done
if [ -z "$accredit" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target accredit -j2 >/dev/null
  accredit=$root/build/release/cli/accredit
fi
data=$root/build/bench-data
mkdir -p "$data"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run NAME FILE LEARNERS COMMAND...: time COMMAND `runs` times, print one table row
run() {
  local name=$1 file=$2 n=$3; shift 3
  local walls="" rsss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" >/dev/null 2>"$data/stderr.txt" || true
    read -r wall rss < <(tail -n 1 "$data/time.txt")
    walls="$walls $wall"; rsss="$rsss $rss"
  done
  local wall rss mb
  wall=$(echo "$walls" | tr ' ' '\n' | grep . | median)
  rss=$(echo "$rsss" | tr ' ' '\n' | grep . | median)
  mb=$(du -mL "$file" | cut -f1)
  awk -v name="$name" -v n="$n" -v wall="$wall" -v rss="$rss" -v mb="$mb" 'BEGIN {
    w = (wall > 0) ? wall : 0.001
    printf "%-34s %10d %8.2f %12.0f %8.0f %10.1f\n", name, n, wall, n / w, mb / w, rss / 1024 }'
  echo "$wall" >"$data/last_wall.txt"
}

[ "$peers_only" = 1 ] || printf "%-34s %10s %8s %12s %8s %10s\n" case learners "wall s" "learners/s" "MB/s" "peak MiB"
for n in ${learners//,/ }; do
  sorted=$data/cohort-$n.csv shuffled=$data/cohort-$n-shuffled.csv jsonl=$data/cohort-$n.jsonl
  [ -s "$sorted" ] || python3 "$root/bench/gen_cohort.py" "$n" >"$sorted"
  [ "$peers_only" = 1 ] && continue
  [ -s "$shuffled" ] || python3 "$root/bench/gen_cohort.py" "$n" --shuffle >"$shuffled"
  [ -s "$jsonl" ] || python3 "$root/bench/gen_cohort.py" "$n" --format jsonl >"$jsonl"
  run "accredit csv sorted --jobs 1" "$sorted" "$n" "$accredit" validate "$sorted" -f csv -j 1
  run "accredit csv sorted --jobs 2" "$sorted" "$n" "$accredit" validate "$sorted" -f csv -j 2
  accredit_wall=$(cat "$data/last_wall.txt")
  run "accredit csv shuffled --jobs 2" "$shuffled" "$n" "$accredit" validate "$shuffled" -f csv -j 2
  run "accredit jsonl --jobs 2" "$jsonl" "$n" "$accredit" validate "$jsonl" -f csv -j 2
  if [ "$baseline" = 1 ]; then
    run "python baseline (sorted csv)" "$sorted" "$n" python3 "$root/bench/baseline.py" "$sorted"
    base_wall=$(cat "$data/last_wall.txt")
    awk -v a="$accredit_wall" -v b="$base_wall" -v n="$n" 'BEGIN {
      printf "  %d learners: accredit (--jobs 2) takes %.2fx the time of the python baseline\n", n, a / (b > 0 ? b : 0.001) }'
  fi
done
# peers N FILE: the alternating comparison, one table row per command.
peers() {
  local n=$1 file=$2 simple=$root/bench/simple out=$data/peer-out
  mkdir -p "$out"
  local duck=0
  if command -v node >/dev/null && [ -d "$simple/node_modules/@duckdb/node-api" ]; then duck=1; fi
  # The same met or not-met for every learner from each form of the rule.
  "$accredit" validate --rules "$simple/simple.yaml" "$file" -f csv 2>/dev/null | cut -d, -f1,2 >"$out/accredit.csv" || true
  python3 "$simple/simple.py" "$file" >"$out/python.csv"
  cmp -s "$out/accredit.csv" "$out/python.csv" || { echo "the simplified rule: accredit and python disagree ($out)" >&2; exit 1; }
  if [ "$duck" = 1 ]; then
    node "$simple/duckdb_rule.mjs" "$file" "$out/duckdb.csv" 2
    cmp -s "$out/python.csv" "$out/duckdb.csv" || { echo "the simplified rule: duckdb and python disagree ($out)" >&2; exit 1; }
  fi
  local met
  met=$(grep -c ',met$' "$out/python.csv" || true)
  echo "  $n learners: the simplified rule gives the same outcome in every form ($met met)"
  local names=("cat" "duckdb simplified rule (2 threads)" "python simplified rule"
               "accredit simplified rule --jobs 2" "accredit simplified rule --jobs 1"
               "accredit foxwood --jobs 2" "accredit foxwood --jobs 1"
               "accredit read-only floor --jobs 2" "accredit read-only floor --jobs 1")
  local cmds=("cat $file"
              "node $simple/duckdb_rule.mjs $file $out/duckdb.csv 2"
              "python3 $simple/simple.py $file"
              "$accredit validate --rules $simple/simple.yaml $file -f csv -j 2"
              "$accredit validate --rules $simple/simple.yaml $file -f csv -j 1"
              "$accredit validate $file -f csv -j 2"
              "$accredit validate $file -f csv -j 1"
              "$accredit validate --rules $simple/read-only.yaml $file -f csv -j 2"
              "$accredit validate --rules $simple/read-only.yaml $file -f csv -j 1")
  local -a walls rsss
  for _ in $(seq "$runs"); do
    for i in "${!cmds[@]}"; do
      [ "$i" = 1 ] && [ "$duck" = 0 ] && continue
      # shellcheck disable=SC2086 # each command is words without spaces inside them
      /usr/bin/time -f "%e %M" -o "$data/time.txt" ${cmds[$i]} >/dev/null 2>"$data/stderr.txt" || true
      read -r wall rss < <(tail -n 1 "$data/time.txt")
      walls[$i]="${walls[$i]:-} $wall"; rsss[$i]="${rsss[$i]:-} $rss"
    done
  done
  local mb
  mb=$(du -mL "$file" | cut -f1)
  for i in "${!cmds[@]}"; do
    if [ "$i" = 1 ] && [ "$duck" = 0 ]; then
      printf "%-34s %10s (not installed: npm ci --prefix bench/simple)\n" "${names[$i]}" "-"
      continue
    fi
    local wall rss
    wall=$(echo "${walls[$i]}" | tr ' ' '\n' | grep . | median)
    rss=$(echo "${rsss[$i]}" | tr ' ' '\n' | grep . | median)
    awk -v name="${names[$i]}" -v n="$n" -v wall="$wall" -v rss="$rss" -v mb="$mb" 'BEGIN {
      w = (wall > 0) ? wall : 0.001
      printf "%-34s %10d %8.2f %12.0f %8.0f %10.1f\n", name, n, wall, n / w, mb / w, rss / 1024 }'
  done
}

if [ "$baseline" = 1 ]; then
  echo
  echo "accredit beside its peers (sorted csv, $runs alternating rounds, medians):"
  printf "%-34s %10s %8s %12s %8s %10s\n" case learners "wall s" "learners/s" "MB/s" "peak MiB"
  for n in ${learners//,/ }; do peers "$n" "$data/cohort-$n.csv"; done
fi

# The accounting line of the first cohort; validate exits 1 when some learners meet no tier.
"$accredit" validate "$data/cohort-${learners%%,*}.csv" -f csv -j 1 2>&1 >/dev/null | tail -1 || true
