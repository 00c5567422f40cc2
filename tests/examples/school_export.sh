#!/usr/bin/env bash
# The school-export example: the workbook, the Windows-1252 activities log and the pupil list,
# read as the school gave them (the shipped mappings chosen by their headers, the activities
# mapping given), must give every learner the same outcome as the same records written as
# canonical CSV (examples/school-export/canonical.csv). Usage: school_export.sh ACCREDIT ROOT
set -u
accredit=$1
cd "$2/examples/school-export" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$accredit" validate results.xlsx activities.csv pupils.csv --map activities.map.yaml \
  --format csv >"$work/exports.csv" 2>"$work/exports.err"
exports=$?
"$accredit" validate canonical.csv --format csv >"$work/canonical.csv" 2>"$work/canonical.err"
canonical=$?
fail=0
if [ "$exports" != "$canonical" ]; then
  echo "exit status: exports $exports, canonical $canonical"
  fail=1
fi
if ! diff -u "$work/canonical.csv" "$work/exports.csv"; then fail=1; fi
if grep -E ' (error|warning): ' "$work/exports.err"; then
  echo "the exports give errors or warnings (above)"
  fail=1
fi
# The mapping accredit map proposes for the activities log reads it the same way.
cp results.xlsx activities.csv pupils.csv "$work/"
(cd "$work" && "$accredit" map results.xlsx activities.csv pupils.csv -o proposed.map.yaml \
  >/dev/null 2>&1 && "$accredit" validate results.xlsx activities.csv pupils.csv \
  --map proposed.map.yaml --format csv >proposed.csv 2>/dev/null)
if ! diff -u "$work/canonical.csv" "$work/proposed.csv"; then
  echo "the mapping accredit map proposes gives other outcomes (above)"
  fail=1
fi
learners=$(($(wc -l <"$work/exports.csv") - 1))
if [ "$learners" != 30 ]; then
  echo "expected 30 learners, got $learners"
  fail=1
fi
[ $fail = 0 ] && echo "school export and canonical CSV: the same outcomes for $learners learners"
exit $fail
