#!/usr/bin/env bash
# Tests the browser build against the command line (run after web/build.sh and a native build):
#   1. same answers: every example evaluated by the page's Session (the WebAssembly build,
#      under node) and by accredit gives byte-identical outcomes, reports, explanations and
#      transcripts (tests/web/same_answers.mjs);
#   2. the page in Debian's Chromium (tests/web/page.mjs): the example dropped on it, the tier
#      counts, an explanation, a what-if and a download checked against accredit, no request
#      leaving the page's origin, screenshots at 1280 and 390 px in build/web-test/.
#
#   web/test.sh [ACCREDIT [WEB_DIR]]   # defaults: build/ci/cli/accredit, build/web
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
accredit=$(realpath "${1:-$root/build/ci/cli/accredit}")
web=$(realpath "${2:-$root/build/web}")
[ -x "$accredit" ] || { echo "web/test.sh: no accredit at $accredit: build it first" >&2; exit 1; }
[ -f "$web/accredit.js" ] || { echo "web/test.sh: no page at $web: run web/build.sh" >&2; exit 1; }
[ -d "$root/tests/browser/node_modules/puppeteer-core" ] ||
  { echo "web/test.sh: puppeteer-core is not installed: run .ci/install-deps" >&2; exit 1; }
echo "== same answers as the command line"
node "$root/tests/web/same_answers.mjs" "$accredit" "$web" "$root"
echo "== the page in Chromium"
node "$root/tests/web/page.mjs" "$accredit" "$web" "$root" "$root/build/web-test"
