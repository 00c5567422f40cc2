#!/usr/bin/env bash
# Runs the libFuzzer targets built by the `fuzz` preset, each for SECONDS (default 60), from
# its seed corpus and every past crash (tests/fuzz/regressions/NAME/). The corpus grown by the
# run is kept in build/fuzz/corpus/NAME/ for the next run. A crash, leak, timeout or
# sanitizer report fails the run and leaves the input in build/fuzz/artifacts/NAME/: copy it
# into tests/fuzz/regressions/NAME/ with the fix, so it becomes a regression test.
#
#   cmake --preset fuzz && cmake --build --preset fuzz -j2
#   tests/fuzz/run.sh 60                      # every target, 60 s each (CI)
#   tests/fuzz/run.sh 3600 csv_reader         # one target, an hour
#   FUZZ_JOBS=4 tests/fuzz/run.sh 3600        # four targets at a time
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
build=build/fuzz
if [ $# -eq 0 ]; then
  set -- $(cd tests/fuzz && ls fuzz_*.cpp | sed -e 's/^fuzz_//' -e 's/\.cpp$//')
fi
# Targets run FUZZ_JOBS at a time (default 2: CI has two cores).
jobs=${FUZZ_JOBS:-2}
run_one() {
  local name=$1
  local binary=$build/tests/fuzz/fuzz_$name
  local artifacts=$build/artifacts/$name
  mkdir -p "$build/corpus/$name" "$artifacts"
  "$binary" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$build/corpus/$name" "$build/fuzz/seeds/$name" "tests/fuzz/regressions/$name" \
    >"$build/fuzz-$name.log" 2>&1
}
names=("$@")
status=0
for ((i = 0; i < ${#names[@]}; i += jobs)); do
  batch=("${names[@]:i:jobs}")
  pids=()
  for name in "${batch[@]}"; do
    echo "== fuzz $name for ${seconds}s"
    run_one "$name" &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    name=${batch[$k]}
    if ! wait "${pids[$k]}"; then
      status=1
      echo "fuzz $name FAILED; the input is in $build/artifacts/$name/:"
      tail -n 60 "$build/fuzz-$name.log"
    fi
    echo "-- $name:"
    grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb' \
      "$build/fuzz-$name.log" || true
  done
done
exit $status
