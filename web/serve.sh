#!/usr/bin/env bash
# Serves the built page (build/web/, or the folder given) on this computer only:
#
#   web/serve.sh              # http://localhost:8080/
#   PORT=9000 web/serve.sh    # another port
#   web/serve.sh DIR          # another folder (one web/build.sh DIR wrote)
#
# Python's own static server, bound to 127.0.0.1 so that no other computer can reach it. Any
# static web server does the same job, and the page also runs opened from the disk: it is
# ordinary files, and it sends nothing back.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build/web}
port=${PORT:-8080}
if [ ! -f "$dir/index.html" ] || [ ! -f "$dir/accredit.js" ]; then
  echo "web/serve.sh: $dir has no index.html and accredit.js: build it first with web/build.sh" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "web/serve.sh: python3 not found" >&2; exit 1; }
echo "web/serve.sh: open http://localhost:$port/ in your browser (Ctrl+C stops the server)" >&2
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir"
