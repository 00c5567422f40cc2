#!/usr/bin/env bash
# Progress lines appear on a terminal and nowhere else: report, transcript and validate (read
# whole) under a pseudo-terminal (script(1)) draw their steps; with --no-progress or --quiet,
# or with the standard error to a file, not one byte of a progress line is written.
set -u
accredit=$1
root=$2
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
cohort=examples/sixth-form/cohort.csv

# Runs `accredit ARGS...` on a pseudo-terminal; what it wrote to it goes to $work/tty.
on_tty() {
  local command="'$accredit'"
  for arg in "$@"; do command+=" '$arg'"; done
  script -qec "$command" /dev/null >"$work/tty" 2>&1 </dev/null
}
expect() {  # expect WHAT TEXT: $work/tty holds TEXT
  if ! grep -qF -- "$2" "$work/tty"; then
    echo "FAIL: $1: no '$2' on the terminal:"
    cat -v "$work/tty"
    fail=1
  fi
}
expect_none() {  # expect_none FILE WHAT: FILE holds no progress line (nor its erasing, ESC [K)
  if grep -qE 'reading the records|evaluating|writing the files|preparing the output' "$1" ||
    grep -qF $'\033[K' "$1"; then
    echo "FAIL: $2: a progress line where none belongs:"
    cat -v "$1"
    fail=1
  fi
}

on_tty report "$cohort" -o "$work/report.txt"
expect "report" "accredit: reading the records..."
expect "report" "accredit: evaluating"
expect "report" "accredit: wrote $work/report.txt (cohort report, 25 learners)"
on_tty report "$cohort" -o "$work/report.txt" --no-progress
expect_none "$work/tty" "report --no-progress"
on_tty report "$cohort" -o "$work/report.txt" --quiet
expect_none "$work/tty" "report --quiet"

on_tty transcript "$cohort" -o "$work/transcripts"
expect "transcript" "accredit: evaluating"
expect "transcript" "accredit: writing the files"
on_tty transcript "$cohort" -o "$work/transcripts" --no-progress
expect_none "$work/tty" "transcript --no-progress"

# Two inputs are read whole: validate says its steps too.
on_tty validate "$cohort" examples/sixth-form/cohort.csv -f junit -o "$work/v.xml"
expect "validate read whole" "accredit: evaluating"

# Standard error to a file: never, however long the run (--progress forces it).
"$accredit" report "$cohort" -o "$work/report.txt" 2>"$work/err"
expect_none "$work/err" "report with stderr to a file"
"$accredit" transcript "$cohort" -o "$work/transcripts" >/dev/null 2>"$work/err"
expect_none "$work/err" "transcript with stderr to a file"
"$accredit" report "$cohort" -o "$work/report.txt" --progress 2>"$work/err"
if ! grep -qF "accredit: reading the records..." "$work/err"; then
  echo "FAIL: report --progress to a file shows no progress"
  fail=1
fi
exit $fail
