#!/usr/bin/env bash
# Streaming equivalence: validate streams one input sorted by learner a chunk at a time (one
# whose learners' rows are together in any order, remembering the learners seen; and an
# unsorted one regrouped by learner, a chunk of learners at a time), and must print exactly
# what reading the whole input prints (stdout, stderr, exit status) for any chunk size and any
# --jobs; an input that proves unsorted or malformed half way must be streamed another way or
# read again whole, with the output written so far taken back (to a file, to a pipe, and to
# --output). Inputs: the example cohorts, generated cohorts (sorted, shuffled, descending,
# with bad rows, JSON Lines in order and shuffled), inputs whose learners straddle chunk
# boundaries inside quoted fields, workbooks (generated, the example, the fixtures, the hostile
# ones), and every hostile stdin input of the golden suite saved as a file.
# ACCREDIT_CHUNK_BYTES sets the chunk size (0: never stream). Usage: check.sh ACCREDIT ROOT.
# With ACCREDIT_STREAM_QUICK set (the sanitizer build, ten times slower), the main cohorts run
# fewer chunk sizes, every input only the most --jobs of its list, the generated workbooks two
# formats, and the workbook of a million rows is left to its golden case.
set -u
accredit=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
runs=0

# compare FILE "FORMATS" "CHUNK SIZES" "JOBS" [extra args...]
compare() {
  local file=$1 formats=$2 chunks=$3 jobs=$4
  shift 4
  # Quick (the sanitizer build): only the most threads of the list, where the sanitizers have
  # the most to find; the other counts are compared in the ordinary build.
  [ -n "${ACCREDIT_STREAM_QUICK:-}" ] && jobs=${jobs##* }
  for format in $formats; do
    ACCREDIT_CHUNK_BYTES=0 "$accredit" validate "$file" -f "$format" "$@" \
      >"$work/whole.out" 2>"$work/whole.err"
    local whole_status=$?
    rm -f "$work/whole-output.txt"
    ACCREDIT_CHUNK_BYTES=0 "$accredit" validate "$file" -f "$format" "$@" \
      -o "$work/whole-output.txt" >/dev/null 2>&1
    for chunk in $chunks; do
      for j in $jobs; do
        runs=$((runs + 1))
        # stdout a file (rewound in place), then a pipe (spooled), then --output
        ACCREDIT_CHUNK_BYTES=$chunk "$accredit" validate "$file" -f "$format" -j "$j" "$@" \
          >"$work/stream.out" 2>"$work/stream.err"
        local status=$?
        local what="$file -f $format $* (chunk $chunk, --jobs $j)"
        if [ "$status" != "$whole_status" ]; then
          echo "FAIL exit $status, whole input gives $whole_status: $what"; fail=1
        fi
        cmp -s "$work/whole.out" "$work/stream.out" || { echo "FAIL stdout differs: $what"; fail=1; }
        cmp -s "$work/whole.err" "$work/stream.err" || { echo "FAIL stderr differs: $what"; fail=1; }
        ACCREDIT_CHUNK_BYTES=$chunk "$accredit" validate "$file" -f "$format" -j "$j" "$@" \
          2>/dev/null | cat >"$work/pipe.out"
        cmp -s "$work/whole.out" "$work/pipe.out" || { echo "FAIL stdout (pipe) differs: $what"; fail=1; }
        rm -f "$work/out.txt"
        ACCREDIT_CHUNK_BYTES=$chunk "$accredit" validate "$file" -f "$format" -j "$j" "$@" \
          -o "$work/out.txt" >/dev/null 2>&1
        if [ -e "$work/whole-output.txt" ] || [ -e "$work/out.txt" ]; then
          cmp -s "$work/whole-output.txt" "$work/out.txt" ||
            { echo "FAIL --output differs: $what"; fail=1; }
        fi
      done
    done
  done
}

# Generated cohorts: 300 learners sorted, shuffled (falls back to reading whole), JSON Lines.
python3 "$root/bench/gen_cohort.py" 300 >"$work/sorted.csv"
python3 "$root/bench/gen_cohort.py" 300 --shuffle >"$work/shuffled.csv"
python3 "$root/bench/gen_cohort.py" 300 --format jsonl >"$work/cohort.jsonl"
# Each learner's rows together, learners in descending order (streamed grouped), and JSON Lines
# learner objects in a random order (the same).
{ head -1 "$work/sorted.csv"; tail -n +2 "$work/sorted.csv" | tac; } >"$work/descending.csv"
python3 -c 'import random, sys; lines = sys.stdin.readlines(); random.Random(5).shuffle(lines); sys.stdout.write("".join(lines))' \
  <"$work/cohort.jsonl" >"$work/shuffled.jsonl"
# Sorted, but one learner's rows come back at the end: proven unsorted only at the last chunk.
{ cat "$work/sorted.csv"; grep -m 1 '^L0000003,' "$work/sorted.csv"; } >"$work/late.csv"
# Quoted fields with commas, doubled quotes and line breaks, learners of many rows each.
{
  echo 'learner,kind,type,subject,grade,hours,strand,date,title'
  for i in $(seq 10 40); do
    echo "Q00$i,qualification,gcse,mathematics,5,,,,\"GCSE, \"\"maths\"\"\""
    echo "Q00$i,qualification,gcse,english-language,6,,,,\"line one
line two, with a comma\""
    echo "\"Q00$i\",activity,,,,40,leadership-service,2026-03-20,\"Mentor,
reading\""
    echo "Q00$i,activity,,,,30,creative-cultural,2026-12-10,Choir"
  done
} >"$work/quoted.csv"
# Unsorted inputs are regrouped by learner (RecordStream::Regroup): quoted records over several
# lines, learners interleaved, and a shuffled cohort with bad rows (a bad grade, a row without
# a learner id, a duplicate row, a bad date) whose diagnostics must come in input order.
{
  echo 'learner,kind,type,subject,grade,hours,strand,date,title'
  for round in 1 2 3; do
    for i in $(seq 40 -3 10); do
      echo "\"R00$i\",activity,,,,$round$i,leadership-service,2026-03-2$round,\"Mentor,
round $round\""
      echo "R00$i,qualification,gcse,subject-$round,5,,,,\"GCSE, \"\"$round\"\"\""
    done
  done
} >"$work/quoted-unsorted.csv"
python3 - "$work/sorted.csv" "$work/errors-shuffled.csv" "$work/errors-sorted.csv" \
  "$work/errors-late.csv" <<'PY'
import random, sys
lines = open(sys.argv[1]).read().splitlines(True)
header, rows = lines[0], lines[1:]
def edit(i, column, value):
    fields = rows[i].rstrip("\n").split(",")
    fields[column] = value
    rows[i] = ",".join(fields) + "\n"
edit(5, 5, "Z9")           # a grade on no scale
edit(40, 0, "")            # no learner id
edit(90, 9, "31/02/2026")  # not a date
# Sorted with the bad rows (a duplicate next to its row), and with the duplicate at the end
# (proven unsorted at the last chunk): for --fix-list, which a restart must take back.
open(sys.argv[3], "w").write(header + "".join(rows[:71] + [rows[70]] + rows[71:]))
rows.append(rows[70])      # a duplicate row
open(sys.argv[4], "w").write(header + "".join(rows))
random.Random(11).shuffle(rows)
open(sys.argv[2], "w").write(header + "".join(rows))
PY

# CRLF line endings and a byte order mark.
printf '\xef\xbb\xbf' >"$work/crlf.csv"
sed 's/$/\r/' "$root/examples/sixth-form/cohort.csv" >>"$work/crlf.csv"
# The same, unsorted, with the learner column last (the index must not take the CR into the id).
printf '\xef\xbb\xbf' >"$work/crlf-unsorted.csv"
awk -F, -v OFS=, '{ first = $1; for (i = 1; i < NF; i++) $i = $(i + 1); $NF = first; print }' \
  "$work/shuffled.csv" | sed 's/$/\r/' >>"$work/crlf-unsorted.csv"

all_formats="text json jsonl csv"
main_chunks="1 97 1000 100000"
main_jobs="1 2 3"
if [ -n "${ACCREDIT_STREAM_QUICK:-}" ]; then
  main_chunks="1 1000"
fi
for file in "$root/examples/sixth-form/cohort.csv" "$work/sorted.csv" "$work/shuffled.csv" \
  "$work/late.csv" "$work/quoted.csv" "$work/crlf.csv" "$work/cohort.jsonl"; do
  compare "$file" "$all_formats" "$main_chunks" "$main_jobs"
done
# Streamed another way than in order (grouped, regrouped): two formats are enough.
for file in "$work/quoted-unsorted.csv" "$work/errors-shuffled.csv" "$work/crlf-unsorted.csv" \
  "$work/descending.csv" "$work/shuffled.jsonl"; do
  compare "$file" "text csv" "$main_chunks" "$main_jobs"
done
# The fix list (on the standard output) is the same however the input is read.
for file in "$work/errors-sorted.csv" "$work/errors-late.csv" "$work/errors-shuffled.csv"; do
  compare "$file" "csv" "1 97 1000" "1 3" --fix-list -
done
compare "$root/examples/ks4/cohort.csv" "csv json" "1 300" "1 2" \
  --rules "$root/rules/nbt/ashdown-ks4.yaml"
compare "$root/examples/messy-export/results.csv" "text json" "1 300" "1 2" \
  --rules "$root/rules/nbt/ashdown-ks4.yaml" --map "$root/rules/mappings/sims-results.map.yaml"
# Assessor exceptions: outcomes that rely on one, and exceptions that name no achievement, or
# several, or a learner not in the records (their diagnostics come after the records').
compare "$root/examples/exceptions/cohort.csv" "$all_formats" "1 300" "1 2" \
  --exceptions "$root/examples/exceptions/foxwood.exceptions.yaml"
compare "$root/examples/exceptions/cohort.csv" "text json" "1 300" "1 2" \
  --exceptions "$root/tests/cli/exceptions-records-mismatch/mismatch.exceptions.yaml"

# Workbooks (.xlsx): a sheet is streamed in pieces of its XML, turned into CSV text on the
# worker threads and cut into chunks of learners, and must print what reading the workbook whole
# prints. Generated cohorts as Excel saves them (shared strings, numbers, dates in a date style):
# sorted, with bad rows, descending (started again grouped) and shuffled (read whole); the
# example workbook (two sheets, one read) and the cell types fixture (one sheet by name too);
# and the hostile workbooks.
python3 - "$work/sorted.csv" "$work/errors-sorted.csv" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines(True)
header, rows = lines[0], lines[1:]
def edit(i, column, value):
    fields = rows[i].rstrip("\n").split(",")
    fields[column] = value
    rows[i] = ",".join(fields) + "\n"
edit(5, 5, "Z9")           # a grade on no scale
edit(40, 0, "")            # no learner id
edit(90, 9, "31/02/2026")  # not a date
rows.insert(71, rows[70])  # a duplicate row
open(sys.argv[2], "w").write(header + "".join(rows))
PY
for name in sorted errors-sorted descending shuffled; do
  python3 "$root/bench/csv_to_xlsx.py" "$work/$name.csv" "$work/$name.xlsx"
done
workbook_formats=$all_formats
[ -n "${ACCREDIT_STREAM_QUICK:-}" ] && workbook_formats="text csv"
for file in "$work/sorted.xlsx" "$work/errors-sorted.xlsx" "$root/examples/sixth-form/cohort.xlsx"; do
  compare "$file" "$workbook_formats" "$main_chunks" "$main_jobs"
done
for file in "$work/descending.xlsx" "$work/shuffled.xlsx" "$root/tests/xlsx/cell-types.xlsx" \
  "$root/tests/xlsx/cell-types.xlsx#Activities" "$root/tests/xlsx/cell-types.xlsx#Notes"; do
  compare "$file" "text csv" "1 1000" "1 2"
done
for case in "$root"/tests/cli/hostile-xlsx-*/; do
  [ -f "$case/workbook.xlsx" ] || continue
  chunks="1 64"
  case $case in *million-rows*)
    [ -n "${ACCREDIT_STREAM_QUICK:-}" ] && continue
    chunks=100000
    ;;
  esac
  compare "$case/workbook.xlsx" "csv" "$chunks" "2"
done

# Every hostile validate input of the golden suite, as a file.
for case in "$root"/tests/cli/hostile-*/; do
  [ -f "$case/stdin" ] || continue
  grep -q '^validate' "$case/args" || continue
  cp "$case/stdin" "$work/hostile-input"
  compare "$work/hostile-input" "csv json" "1 64" "1 3"
done

echo "$runs streamed runs compared"
exit $fail
