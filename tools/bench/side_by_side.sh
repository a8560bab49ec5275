#!/usr/bin/env bash
# Two builds of the page side by side in one run of the shared harness
# (../shared/bench), with the three reference maps: for "no figure worse
# than before the change".
#
#   tools/bench/side_by_side.sh BEFORE_WEB_DIR AFTER_WEB_DIR [measure.mjs options, e.g. --runs 3]
#
# Each WEB_DIR holds a built index.html (build/web/out). Same machinery as
# ../shared/bench/run.sh: a temporary copy of the harness, npm ci, loopback
# servers; prints the harness's table.
set -euo pipefail
[ $# -ge 2 ] && [ -f "$1/index.html" ] && [ -f "$2/index.html" ] || {
  echo "usage: side_by_side.sh BEFORE_WEB_DIR AFTER_WEB_DIR [options]" >&2; exit 2; }
BEFORE=$(cd "$1" && pwd); AFTER=$(cd "$2" && pwd); shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(cd "$HERE/../../../shared/bench" && pwd)
WORK=$(mktemp -d -t steppe-side.XXXXXX)
cp -r "$BENCH"/measure.mjs "$BENCH"/serve.mjs "$BENCH"/anchors "$BENCH"/calibration "$BENCH"/package.json \
  "$BENCH"/package-lock.json "$WORK"/
cd "$WORK"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() {
  local f; f=$(mktemp)
  node serve.mjs --root "$1" --port 0 >"$f" 2>/dev/null & pids+=($!)
  for _ in $(seq 100); do [ -s "$f" ] && break; sleep 0.1; done
  printf -v "$2" '%s' "$(head -n 1 "$f")"
}
A=; B=; C=; D=; start "$WORK" A; start "$BEFORE" B; start "$AFTER" C
[ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ] || { echo "side_by_side.sh: a server did not start" >&2; exit 1; }
# A third build of ours, if STEPPE_THIRD=NAME=DIR is set (e.g. an experiment).
third=()
if [ -n "${STEPPE_THIRD:-}" ]; then start "${STEPPE_THIRD#*=}" D; third=("${STEPPE_THIRD%%=*}=${D}index.html"); fi
node measure.mjs --map-selector '#map, canvas' --out "$WORK/results.json" "$@" \
  "before=${B}index.html" "after=${C}index.html" "${third[@]}" \
  "d3-svg=${A}anchors/d3-svg.html" "d3-canvas=${A}anchors/d3-canvas.html" "leaflet=${A}anchors/leaflet.html"
echo "JSON: $WORK/results.json" >&2
