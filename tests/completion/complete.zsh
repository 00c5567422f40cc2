#!/usr/bin/env zsh
# complete.zsh SCRIPT LINE: prints, one per line and sorted, the matches zsh offers when TAB is
# pressed at the end of the command line LINE, in a fresh interactive zsh (on a pseudo-terminal,
# through zsh/zpty) that has run compinit and sourced the completion SCRIPT. compadd is wrapped
# to print each match it is given; a completion post-function then ends the shell.
emulate -L zsh
zmodload zsh/zpty || exit 2
local script=$1 line=$2
zpty z zsh -f -i
zpty -w z 'stty -echo'
zpty -w z "PS1=''; autoload -Uz compinit; compinit -u -D; source ${(q)script}"
# The markers are written split in two, so that the shell's echo of these lines never matches.
zpty -w z 'compadd() {
  if [[ ${(j: :)@} == *-[OAD]* ]]; then builtin compadd "$@"; return; fi
  local -a __m; builtin compadd -A __m "$@"
  local m; for m in $__m; do print -r -- "<ma""tch>$m</ma""tch>"; done
  builtin compadd "$@"
}'
zpty -w z '__complete_done() { print -r -- "<do""ne>"; exit }; comppostfuncs=(__complete_done)'
zpty -w -n z "$line"$'\t'
local out chunk
while zpty -r z chunk; do
  out+=$chunk
  [[ $out == *'<done>'* ]] && break
done
zpty -d z
[[ $out == *'<done>'* ]] || { print -u2 "complete.zsh: completion did not run for '$line'"; exit 2 }
local -a matches
matches=(${(M)${(f)${out//$'\r'/}}:#*<match>*})
matches=(${${matches#*<match>}%%</match>*})
print -rl -- ${(ou)matches}
