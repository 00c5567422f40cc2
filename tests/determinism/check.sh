#!/usr/bin/env bash
# Determinism: the same inputs give byte-identical output (stdout and stderr) for every
# --jobs value and run after run, in every output format and for CSV and JSON inputs. The
# cohort is the sixth-form example repeated under new ids to 200 learners (evaluation runs
# in parallel only from 64 learners), with a few rejected rows so diagnostics are compared
# too, and assessor exceptions for some of them. Usage: check.sh ACCREDIT ROOT
set -u
accredit=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cohort=$root/examples/sixth-form/cohort.csv
# CSV: 8 copies of the 25 learners (ids F0001 -> F0001-1 ... F0001-8), and bad rows.
awk -F, 'NR == 1 { print; next } { rows[++n] = $0 }
  END {
    for (copy = 1; copy <= 8; copy++)
      for (i = 1; i <= n; i++) { line = rows[i]; sub(/,/, "-" copy ",", line); print line }
    print "F0003-2,qualification,gcse,mathematics,,A*,,,,"
    print ",qualification,gcse,mathematics,,6,,,,"
  }' "$cohort" >"$work/cohort.csv"
# JSON Lines: the same rows as objects.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) name[i] = $i; next }
  { line = "{"; sep = ""
    for (i = 1; i <= NF; i++) if ($i != "") { line = line sep "\"" name[i] "\": \"" $i "\""; sep = ", " }
    print line "}" }' "$work/cohort.csv" >"$work/cohort.jsonl"
# Assessor exceptions for some copies, so that outcomes that rely on one are compared too.
{
  printf 'accredit-exceptions: 1\naward: foxwood-sixth-form\nexceptions:\n'
  for copy in 1 3 5 7; do
    printf '  - {learner: F0017-%s, node: advanced.development.physical-outdoor, action: waive, ' "$copy"
    printf 'reason: r, approved-by: a, date: 2027-06-30}\n'
    printf '  - {learner: F0019-%s, node: advanced.project, action: waive, ' "$copy"
    printf 'reason: r, approved-by: a, date: 2027-06-30}\n'
    printf '  - {learner: F0014-%s, node: advanced.core-learning, action: substitute, ' "$copy"
    printf 'achievement: {type: a-level, subject: religious-studies}, reason: r, approved-by: a, '
    printf 'date: 2027-06-30}\n'
  done
} >"$work/decisions.exceptions.yaml"
learners=$(tail -n +2 "$work/cohort.csv" | cut -d, -f1 | sort -u | grep -c .)
if [ "$learners" -lt 65 ]; then
  echo "the generated cohort has only $learners learners" && exit 1
fi
fail=0
for input in cohort.csv cohort.jsonl; do
  for format in text json jsonl csv junit; do
    reference=
    for jobs in 1 2 3 8 8; do
      out=$work/out-$jobs
      (cd "$work" && NO_COLOR=1 "$accredit" validate "$input" --format "$format" --jobs "$jobs" \
        --exceptions decisions.exceptions.yaml >"$out.stdout" 2>"$out.stderr")
      echo $? >>"$out.stdout"
      cat "$out.stdout" "$out.stderr" >"$out.all"
      if [ -z "$reference" ]; then
        reference=$work/reference
        cp "$out.all" "$reference"
        if [ "$format" = text ] && ! grep -q "8 outcomes rely on assessor exceptions" "$reference"; then
          echo "$input: the exceptions did not apply as they should:" && cat "$reference"
          fail=1
        fi
      elif ! cmp -s "$reference" "$out.all"; then
        echo "$input --format $format: --jobs $jobs differs from --jobs 1:"
        diff "$reference" "$out.all" | head -n 10
        fail=1
      fi
    done
  done
done
[ "$fail" = 0 ] && echo "$learners learners: identical output for --jobs 1, 2, 3, 8 and 8 again, 5 formats, CSV and JSON, with exceptions"
exit $fail
