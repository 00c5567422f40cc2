#!/usr/bin/env bash
# Checks the script of `accredit completion zsh`: zsh -n finds no syntax error, and loaded into
# an interactive zsh (complete.zsh) it completes commands, options, --format values per command,
# --color values and file names.
#   check_zsh.sh ACCREDIT
set -u
accredit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$accredit" completion zsh >"$work/_accredit" || {
  echo "accredit completion zsh failed" >&2
  exit 1
}
zsh -n "$work/_accredit" || {
  echo "FAIL: zsh -n finds errors in the script" >&2
  exit 1
}
mkdir -p "$work/files/rules" "$work/files/results"
touch "$work/files/results.csv" "$work/files/map.yaml"
cd "$work/files" || exit 1

failures=0
# expect "WANT" LINE: TAB at the end of LINE offers exactly WANT (sorted, space-separated).
expect() {
  local want=$1 line=$2 got
  got=$(timeout 30 zsh "$here/complete.zsh" "$work/_accredit" "$line" | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" != "$want" ]; then
    echo "FAIL: '$line<TAB>': expected '$want', got '$got'" >&2
    failures=$((failures + 1))
  fi
}

expect "validate" "accredit val"
expect "check completion explain keys map report test transcript validate verify" "accredit "
expect "new public" "accredit keys "
expect "--format" "accredit validate --for"
expect "csv json jsonl junit text xlsx" "accredit validate --format "
expect "json jsonl junit" "accredit validate --format=j"
expect "csv html json markdown text xlsx" "accredit report -f "
expect "all html json" "accredit transcript --format "
expect "always auto never" "accredit --color "
expect "always auto never" "accredit validate results.csv --color "
expect "bash zsh" "accredit completion "
expect "--max-errors --min-coverage" "accredit test --m"
expect "map.yaml" "accredit validate --map m"
expect "results results.csv rules" "accredit validate r"
expect "results rules" "accredit transcript --output r"
expect "map.yaml" "accredit map -o m"

if [ "$failures" -gt 0 ]; then
  echo "$failures completion checks failed" >&2
  exit 1
fi
echo "zsh completion: all checks passed"
