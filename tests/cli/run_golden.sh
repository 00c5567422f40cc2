#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/CASE/args holds the arguments (shell words, paths relative
# to the repository root); stdout, stderr and status hold what accredit must print and return.
# With ACCREDIT_UPDATE_GOLDEN=1 the expectations are rewritten from the actual run (review the
# diff before committing it).
set -u
accredit=$1
case_dir=$2
root=$3
cd "$root" || exit 2
args=$(cat "$case_dir/args")
actual=$(mktemp -d)
trap 'rm -rf "$actual"' EXIT
stdin_file=/dev/null
[ -f "$case_dir/stdin" ] && stdin_file="$case_dir/stdin"
# shellcheck disable=SC2086
NO_COLOR=1 ACCREDIT_RULES_PATH= eval "\"$accredit\" $args" <"$stdin_file" \
  >"$actual/stdout" 2>"$actual/stderr"
echo $? >"$actual/status"
if [ "${ACCREDIT_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual/stdout" "$actual/stderr" "$actual/status" "$case_dir/"
  echo "updated $case_dir"
  exit 0
fi
fail=0
for f in status stdout stderr; do
  if ! diff -u --label "expected $f" --label "actual $f" "$case_dir/$f" "$actual/$f"; then
    fail=1
  fi
done
exit $fail
