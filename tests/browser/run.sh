#!/usr/bin/env bash
# The browser checks (ctest browser.examples): writes the HTML outputs a school meets from the
# examples (the cohort report of examples/school-export broken down by form group, the
# rule-change page of examples/sixth-form, a learner's explanation, the transcripts of
# examples/school-export and their index) and checks them in Debian's Chromium with check.mjs:
# at 1280 and 390 px nothing overflows or is clipped, every link resolves, nothing is fetched
# from the network, and each transcript prints on one A4 page. Screenshots (and the transcripts' PDFs) are kept in OUT for
# people to look at. Usage: run.sh ACCREDIT ROOT OUT
set -u
accredit=$1 root=$2 out=$3
here=$root/tests/browser
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "puppeteer-core is not installed: run .ci/install-deps (it runs npm ci in tests/browser)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/pages/transcripts" "$out/screenshots"
export NO_COLOR=1 ACCREDIT_RULES_PATH=
school=$root/examples/school-export
exports=("$school/results.xlsx" "$school/activities.csv" "$school/pupils.csv"
  --map "$school/activities.map.yaml")
fail=0
run() {  # runs accredit; its verdict (exit 1) is not a failure here, an error (2, 3) is
  "$accredit" "$@" >"$out/stdout" 2>"$out/stderr"
  local status=$?
  if [ $status -ge 2 ]; then
    echo "accredit $* exited $status:" >&2
    cat "$out/stderr" >&2
    fail=1
  fi
}
run report "${exports[@]}" --group-by form --format html -o "$out/pages/report.html"
run report "$root/examples/sixth-form/cohort.csv" \
  --rules "$root/examples/rule-change/foxwood-more-hours.yaml" \
  --baseline "$root/rules/nbt/foxwood-sixth-form.yaml" --format html -o "$out/pages/rule-change.html"
run transcript "${exports[@]}" --format html -o "$out/pages/transcripts"
"$accredit" explain "${exports[@]}" --learner J873401500024 --format html \
  >"$out/pages/explain.html" 2>"$out/stderr"
[ $? -ge 2 ] && { echo "accredit explain failed:" >&2; cat "$out/stderr" >&2; fail=1; }
[ $fail = 0 ] || exit 1
cd "$here" || exit 2
pages=("$out/pages/report.html" "$out/pages/rule-change.html" "$out/pages/explain.html")
[ -f "$out/pages/transcripts/index.html" ] && pages+=("$out/pages/transcripts/index.html")
node check.mjs --screenshots "$out/screenshots" "${pages[@]}" || fail=1
# Every transcript prints on one A4 page; three are also looked at on a phone.
transcripts=()
for f in "$out"/pages/transcripts/*.html; do
  case $(basename "$f") in index.html | transcripts.html) continue ;; esac
  transcripts+=("$f")
done
node check.mjs --screenshots "$out/screenshots" --widths 1280 --one-page "${transcripts[@]}" || fail=1
node check.mjs --screenshots "$out/screenshots" --widths 390 "${transcripts[@]:0:3}" || fail=1
[ $fail = 0 ] && echo "screenshots: $out/screenshots"
exit $fail
