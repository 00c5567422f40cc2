#!/usr/bin/env bash
# The hostile-input suite's own assertions, over the expectations of every golden case
# tests/cli/hostile-*/ (run_golden.sh checks that accredit's actual output equals them):
#   - the exit status is 0, 1 or 2: never an internal error (3) or a signal;
#   - stderr names the diagnostic code the case is about (`code`, as `[code]`);
#   - the accounting line is there and rows read = rows used + rows rejected.
# Also checks there are at least 40 cases.
set -u
cases_dir=$1
fail=0
count=0
for dir in "$cases_dir"/hostile-*/; do
  name=$(basename "$dir")
  count=$((count + 1))
  status=$(cat "$dir/status")
  code=$(cat "$dir/code")
  case "$status" in
    0 | 1 | 2) ;;
    *) echo "$name: exit status $status is not 0, 1 or 2" && fail=1 ;;
  esac
  if ! grep -qF "[$code]" "$dir/stderr"; then
    echo "$name: stderr does not name the code [$code]" && fail=1
  fi
  line=$(grep -E '^accredit: [0-9]+ learners; rows: [0-9]+ read, [0-9]+ used, [0-9]+ rejected$' \
    "$dir/stderr")
  if [ -z "$line" ]; then
    echo "$name: no accounting line on stderr" && fail=1
    continue
  fi
  read -r total used rejected < <(echo "$line" |
    sed -E 's/.*rows: ([0-9]+) read, ([0-9]+) used, ([0-9]+) rejected/\1 \2 \3/')
  if [ "$total" -ne $((used + rejected)) ]; then
    echo "$name: rows read $total != used $used + rejected $rejected" && fail=1
  fi
done
if [ "$count" -lt 40 ]; then
  echo "only $count hostile cases; the suite needs at least 40" && fail=1
fi
[ "$fail" = 0 ] && echo "$count hostile cases: status, code and accounting hold"
exit $fail
