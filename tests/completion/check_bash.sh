#!/usr/bin/env bash
# Loads the script of `accredit completion bash` into bash and checks what it completes, as bash
# would: COMP_WORDS and COMP_CWORD set as for a command line, _accredit called, COMPREPLY read.
# Then checks that the completion offers every option `accredit COMMAND --help` lists and every
# value --help shows for --format, so that it cannot drift from the binary.
#   check_bash.sh ACCREDIT
set -u
accredit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$accredit" completion bash >"$work/accredit.bash" || {
  echo "accredit completion bash failed" >&2
  exit 1
}
# shellcheck disable=SC1091
source "$work/accredit.bash"
complete -p accredit >/dev/null || {
  echo "the script does not register a completion for accredit" >&2
  exit 1
}

# Files to complete, in a folder of their own.
mkdir -p "$work/files/rules" "$work/files/results"
touch "$work/files/results.csv" "$work/files/map.yaml" "$work/files/rules/a.yaml"
cd "$work/files" || exit 1

failures=0

# comp WORD...: the completions of the last WORD (which may be ''), sorted, one line.
comp() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _accredit
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect "WANT" WORD...: the completions of WORD... are exactly WANT (sorted, space-separated).
expect() {
  local want=$1
  shift
  local got
  got=$(comp "$@")
  if [ "$got" != "$want" ]; then
    echo "FAIL: $* <TAB>: expected '$want', got '$got'" >&2
    failures=$((failures + 1))
  fi
}

# offers "WANT..." WORD...: the completions of WORD... include every one of WANT.
offers() {
  local want=$1
  shift
  local got w
  got=" $(comp "$@") "
  for w in $want; do
    if [[ $got != *" $w "* ]]; then
      echo "FAIL: $* <TAB>: '$w' not offered (got '$got')" >&2
      failures=$((failures + 1))
    fi
  done
}

expect "validate" accredit val
expect "check completion explain keys map report test transcript validate verify" accredit ''
expect "new public" accredit keys ''
expect "--did-json --did-web" accredit keys public --did-
expect "json text" accredit keys public centre.key --format ''
expect "--format" accredit validate --for
expect "csv json jsonl junit text xlsx" accredit validate --format ''
expect "csv json jsonl junit text xlsx" accredit validate -f ''
expect "json jsonl junit" accredit validate --format = j
expect "csv html json markdown text xlsx" accredit report --format ''
expect "all html json" accredit transcript -f ''
expect "json text" accredit check --format ''
expect "html json text" accredit explain --format ''
expect "always auto never" accredit --color ''
expect "never" accredit --color n
expect "always auto never" accredit validate cohort.csv --color ''
expect "validate" accredit --color never val
expect "validate" accredit --max-errors 3 -q val
expect "bash zsh" accredit completion ''
expect "zsh" accredit completion z
# Free text: nothing to offer (never file names).
expect "" accredit validate --as-of ''
expect "" accredit explain --learner ''
expect "" accredit --max-errors ''
# File and folder arguments.
expect "results results.csv rules" accredit validate r
expect "map.yaml" accredit validate --map m
expect "map.yaml" accredit report -m = m
expect "rules/a.yaml" accredit check rules/
expect "results rules" accredit transcript --output r
expect "results.csv" accredit report results.csv --baseline results.
# Options: a command's own and the global ones, not another command's.
expect "--max-errors --min-coverage" accredit test --m
expect "--no-names --no-progress" accredit report --no
expect "" accredit check --map
expect "results results.csv rules" accredit map r
expect "map.yaml" accredit map --out m
offers "--color --quiet -q --max-errors --help -h" accredit check -
offers "--help --version --color --quiet --max-errors" accredit -

# Every option --help lists is offered, and every --format value.
for command in check explain validate test report transcript map completion; do
  help=$("$accredit" "$command" --help)
  options=$(printf '%s\n' "$help" | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n' | sort -u)
  [ -n "$options" ] || {
    echo "FAIL: no options found in 'accredit $command --help'" >&2
    failures=$((failures + 1))
  }
  offers "$options" accredit "$command" -
  formats=$(printf '%s\n' "$help" | grep -E -- '--format' | grep -oE '\{[^}]*\}' | tr -d '{}' |
    tr ',' ' ')
  if [ -n "$formats" ]; then
    expect "$(printf '%s\n' $formats | sort | tr '\n' ' ' | sed 's/ $//')" \
      accredit "$command" --format ''
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "$failures completion checks failed" >&2
  exit 1
fi
echo "bash completion: all checks passed"
