#!/usr/bin/env bash
# report and validate --format xlsx, read back by a second library (openpyxl): sheet names,
# header rows, a learner's values and types, frozen headers and filters, the neutralised
# formula-like learner id, byte-identical runs, and no workbook written to a terminal.
# Usage: check.sh ACCREDIT SOURCE_DIR
set -euo pipefail
accredit=$1
here=$2/tests/workbook
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$here"
set +e
"$accredit" -q report records.csv pupils.csv --as-of 2027-08-31 --format xlsx -o "$out/r.xlsx" 2>/dev/null
"$accredit" -q report records.csv pupils.csv --as-of 2027-08-31 --format xlsx -o "$out/r2.xlsx" 2>/dev/null
"$accredit" -q report records.csv pupils.csv --format xlsx --no-names --baseline "$2/examples/rule-change/foxwood-more-hours.yaml" -o "$out/b.xlsx" 2>/dev/null
"$accredit" -q validate records.csv pupils.csv --format xlsx > "$out/v.xlsx" 2>/dev/null
set -e
cmp "$out/r.xlsx" "$out/r2.xlsx"
# A terminal on standard output is refused before anything is read (script gives one).
if command -v script >/dev/null; then
  script -qec "\"$accredit\" validate records.csv --format xlsx" /dev/null > "$out/tty.txt" || true
  grep -q "a terminal cannot show" "$out/tty.txt"
fi
exec /usr/bin/python3 "$here/check_workbook.py" "$out"
