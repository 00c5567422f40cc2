#!/usr/bin/env bash
# The workbook benchmark: the same cohort as CSV and as a workbook (.xlsx), validated in
# alternation (cat of the CSV, accredit on the CSV, accredit on the workbook, repeated), with
# the median wall time, CPU time (user and system, all threads) and peak memory of each and the
# workbook's rate as a share of the CSV's. Fails if the two give different outcomes.
#
#   bench/workbook.sh [LEARNERS] [RUNS]          (defaults: 100000 learners, 5 runs)
#
# Makes build/bench-data/cohort-LEARNERS.csv (bench/gen_cohort.py) and .xlsx
# (bench/csv_to_xlsx.py) when they are missing; uses build/release/cli/accredit.
set -euo pipefail
cd "$(dirname "$0")/.."
learners=${1:-100000} runs=${2:-5}
accredit=${ACCREDIT:-build/release/cli/accredit}
data=build/bench-data
csv=$data/cohort-$learners.csv xlsx=$data/cohort-$learners.xlsx
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$data"
[ -s "$csv" ] || python3 bench/gen_cohort.py "$learners" >"$csv"
[ -s "$xlsx" ] || python3 bench/csv_to_xlsx.py "$csv" "$xlsx"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
run() {  # NAME COMMAND...
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out.$name" 2>/dev/null || true
  read -r wall rss user sys < <(tail -n 1 "$work/time")
  echo "$wall" >>"$work/wall.$name"; echo "$rss" >>"$work/rss.$name"
  echo "$user + $sys" | bc -l >>"$work/cpu.$name"
  printf "run %d %-5s %6.2f s %6.2f s CPU %8.1f MiB\n" "$i" "$name" "$wall" "$(echo "$user + $sys" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)"
}
for i in $(seq "$runs"); do
  run cat cat "$csv"
  run csv "$accredit" validate "$csv" --format csv
  run xlsx "$accredit" validate "$xlsx" --format csv
  cmp -s "$work/out.csv" "$work/out.xlsx" || { echo "CSV and workbook outcomes differ" >&2; exit 1; }
done
echo "inputs: $(stat -L -c %s "$csv") bytes CSV, $(stat -L -c %s "$xlsx") bytes workbook, $learners learners"
for name in cat csv xlsx; do
  w=$(median <"$work/wall.$name") r=$(median <"$work/rss.$name") c=$(median <"$work/cpu.$name")
  printf "median %-5s %6.2f s %6.2f s CPU %8.1f MiB  %9.0f learners/s\n" "$name" "$w" "$c" \
    "$(echo "$r / 1024" | bc -l)" "$(echo "$learners / $w" | bc -l)"
done
wc=$(median <"$work/wall.csv") wx=$(median <"$work/wall.xlsx")
printf "workbook rate / CSV rate: %.2f (target at least 0.50)\n" "$(echo "$wc / $wx" | bc -l)"
