#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/CASE/args holds the arguments (shell words, paths relative
# to the repository root); stdout, stderr and status hold what accredit must print and return.
# With ACCREDIT_UPDATE_GOLDEN=1 the expectations are rewritten from the actual run (review the
# diff before committing it).
#
# Commands that write files (transcript --output DIR): a case with an expected_files/ folder
# names $GOLDEN_OUT in its args, a fresh empty temporary folder; afterwards the files in it must
# equal expected_files/ (the same names, byte for byte). The output folder's path is never part
# of what is compared (where accredit names it, as in "wrote ...", it is shown as <out>), so the
# case stays stable wherever it runs.
#
# A case may also hold `setup`, a bash script for inputs that cannot be committed (big files,
# FIFOs, symlinks): it runs in a fresh scratch folder with ROOT set to the repository root, and
# accredit then runs in that folder (so paths in diagnostics stay short and stable); a file
# `stdin` the script leaves there is fed to accredit. With ACCREDIT_TEST_MEMORY_KB set, accredit
# runs under that virtual memory limit (ulimit -v; not usable with AddressSanitizer).
set -u
accredit=$1
case_dir=$2
root=$3
cd "$root" || exit 2
args=$(cat "$case_dir/args")
actual=$(mktemp -d)
trap 'rm -rf "$actual"' EXIT
GOLDEN_OUT="$actual/files"
mkdir "$GOLDEN_OUT"
stdin_file=/dev/null
[ -f "$case_dir/stdin" ] && stdin_file="$case_dir/stdin"
if [ -f "$case_dir/setup" ]; then
  mkdir "$actual/work"
  (cd "$actual/work" && ROOT=$root bash "$case_dir/setup") || {
    echo "setup of $case_dir failed" >&2
    exit 1
  }
  [ -e "$actual/work/stdin" ] && stdin_file="$actual/work/stdin"
  cd "$actual/work" || exit 2
fi
# shellcheck disable=SC2086
(
  [ -n "${ACCREDIT_TEST_MEMORY_KB:-}" ] && ulimit -v "$ACCREDIT_TEST_MEMORY_KB"
  NO_COLOR=1 ACCREDIT_RULES_PATH= ROOT=$root eval "\"$accredit\" $args" <"$stdin_file" \
    >"$actual/stdout" 2>"$actual/stderr"
)
echo $? >"$actual/status"
sed -i "s|$GOLDEN_OUT|<out>|g" "$actual/stdout" "$actual/stderr"
if [ -f "$case_dir/setup" ]; then
  # The scratch folder's name changes from run to run: show it as <work>.
  work=$(cd "$actual/work" && pwd -P)
  sed -i "s|$work|<work>|g" "$actual/stdout" "$actual/stderr"
fi
if [ "${ACCREDIT_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual/stdout" "$actual/stderr" "$actual/status" "$case_dir/"
  if [ -d "$case_dir/expected_files" ]; then
    rm -rf "$case_dir/expected_files"
    cp -r "$GOLDEN_OUT" "$case_dir/expected_files"
  fi
  echo "updated $case_dir"
  exit 0
fi
fail=0
for f in status stdout stderr; do
  if ! diff -u --label "expected $f" --label "actual $f" "$case_dir/$f" "$actual/$f"; then
    fail=1
  fi
done
if [ -d "$case_dir/expected_files" ]; then
  if ! diff -r -u "$case_dir/expected_files" "$GOLDEN_OUT"; then
    fail=1
  fi
fi
exit $fail
