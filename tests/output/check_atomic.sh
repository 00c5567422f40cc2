#!/usr/bin/env bash
# --output is atomic: a run that succeeds leaves exactly the report; a run that fails or is
# interrupted (SIGINT, SIGTERM) leaves no partial report, no temporary file
# (.NAME.accredit-XXXXXX) and an earlier report untouched. Usage: check_atomic.sh ACCREDIT ROOT
set -u
accredit=$1
root=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$work" || exit 2
cohort=$root/examples/sixth-form/cohort.csv
fail=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if ! "$@"; then
    echo "FAIL: $what"
    fail=1
  fi
}
no_temp() { ! ls -A "$@" 2>/dev/null | grep -q '\.accredit-'; }

# A run that succeeds writes the report whole, and nothing else.
"$accredit" validate "$cohort" --format csv --output report.csv 2>/dev/null
check "a successful run writes the report" test -s report.csv
check "a successful run leaves no temporary file" no_temp .
check "the report is what stdout would have been" \
  cmp -s report.csv <("$accredit" validate "$cohort" --format csv 2>/dev/null)
cp report.csv before.csv

# Runs that fail leave the earlier report untouched and no temporary file.
printf 'accredit: 1\nabout: [unclosed\n' >bad.yaml
"$accredit" validate "$cohort" --rules bad.yaml --output report.csv 2>/dev/null
check "invalid rules: exit 2" test $? = 2
check "invalid rules: the earlier report is untouched" cmp -s report.csv before.csv
"$accredit" validate no-such.csv --output report.csv 2>/dev/null
check "an unreadable input: the earlier report is untouched" cmp -s report.csv before.csv
"$accredit" validate "$cohort" --output no/such/folder/report.csv 2>err.txt
check "an output folder that does not exist: exit 2" test $? = 2
check "an output folder that does not exist: said so" grep -q "cannot create" err.txt
check "an output folder that does not exist: nothing created" test ! -e no
mkdir locked && cp before.csv locked/report.csv && chmod a-w locked
if [ ! -w locked ]; then  # (root can write anywhere: the case needs an ordinary user)
  "$accredit" validate "$cohort" --output locked/report.csv 2>/dev/null
  check "a read-only folder: exit 2" test $? = 2
  check "a read-only folder: the earlier report is untouched" cmp -s locked/report.csv before.csv
fi
check "failed runs leave no temporary file" no_temp . locked

# Interrupted runs: a cohort big enough to take a while, stopped by each signal.
awk -F, 'NR == 1 { print; next } { rows[++n] = $0 }
  END { for (c = 1; c <= 400; c++) for (i = 1; i <= n; i++) {
          line = rows[i]; sub(/,/, "-" c ",", line); print line } }' "$cohort" >big.csv
set -m  # job control: background jobs get SIGINT instead of ignoring it
for signal in INT TERM; do
  for delay in 0.05 0.2 0.5 1; do
    "$accredit" validate big.csv --format json --jobs 1 --output report.csv 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -s "$signal" "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    status=$?
    what="SIG$signal after ${delay}s (exit status $status)"
    # Either the signal stopped the run, or the run had finished before it came.
    check "$what: the run stops with the signal" test "$status" -gt 128 -o "$status" -lt 3
    check "$what: the earlier report is untouched, or the new one whole" \
      bash -c 'cmp -s report.csv before.csv || tail -c 3 report.csv | grep -q "}"'
    check "$what: no temporary file" no_temp .
    [ "$status" -gt 128 ] && interrupted=$((${interrupted:-0} + 1))
    cp before.csv report.csv
  done
done
check "at least one run was interrupted" test "${interrupted:-0}" -gt 0
# And the signal handler proper: stopped while the temporary file is being written.
for signal in INT TERM; do
  "$accredit" validate big.csv --format json --jobs 1 --output report.csv 2>/dev/null &
  pid=$!
  seen=0
  for _ in $(seq 500); do
    if ls -A | grep -q '^\.report\.csv\.accredit-'; then
      seen=1
      kill -s "$signal" "$pid"
      break
    fi
    sleep 0.01
  done
  { wait "$pid"; } 2>/dev/null
  status=$?
  if [ "$seen" = 1 ] && [ "$status" -gt 128 ]; then
    # (the rename may just have happened between seeing the file and the signal)
    check "SIG$signal while writing: the earlier report is untouched, or the new one whole" \
      bash -c 'cmp -s report.csv before.csv || tail -c 3 report.csv | grep -q "}"'
    check "SIG$signal while writing: the temporary file is removed" no_temp .
    echo "SIG$signal arrived while the temporary file existed: cleaned up"
  fi
  cp before.csv report.csv
done

[ "$fail" = 0 ] && echo "--output: atomic on success, failure, SIGINT and SIGTERM"
exit $fail
