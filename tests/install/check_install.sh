#!/usr/bin/env bash
# Installs the build into a temporary prefix (cmake --install) and checks that everything a
# user needs is there: the binary, every manual page in man/ in the folder of its section, the
# bash and zsh completion scripts (the same as the installed binary prints), and the rules.
#   check_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
source=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 || {
  cat "$prefix.log" >&2
  rm -f "$prefix.log"
  echo "FAIL: cmake --install failed" >&2
  exit 1
}
rm -f "$prefix.log"
failures=0
need() {
  if [ ! -f "$prefix/$1" ]; then
    echo "FAIL: $1 is not installed" >&2
    failures=$((failures + 1))
  fi
}
need bin/accredit
pages=0
for page in "$source"/man/*.[1-9]; do
  name=$(basename "$page")
  need "share/man/man${name##*.}/$name"
  pages=$((pages + 1))
done
[ "$pages" -gt 0 ] || {
  echo "FAIL: no manual pages found in $source/man" >&2
  failures=$((failures + 1))
}
need share/bash-completion/completions/accredit
need share/zsh/vendor-completions/_accredit
need share/accredit/rules/nbt/foxwood-sixth-form.yaml
if [ -x "$prefix/bin/accredit" ]; then
  for shell in bash zsh; do
    file=share/bash-completion/completions/accredit
    [ "$shell" = zsh ] && file=share/zsh/vendor-completions/_accredit
    if [ -f "$prefix/$file" ] &&
      ! "$prefix/bin/accredit" completion "$shell" | cmp -s - "$prefix/$file"; then
      echo "FAIL: $file differs from what 'accredit completion $shell' prints" >&2
      failures=$((failures + 1))
    fi
  done
fi
if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "installed: the binary, $pages manual pages, the completion scripts and the rules"
