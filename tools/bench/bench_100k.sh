#!/usr/bin/env bash
# Browser benchmark with 100,000 synthetic events: the built page with its own bundle and the
# same page with the atlas content plus N synthetic events (tools/bench/synthetic_bundle.mjs),
# side by side in one run of the shared harness (../shared/bench/measure.mjs: one headless
# Chromium, real wheel and drag input, pages interleaved and their order rotated each run).
#
#   bash tools/bench/bench_100k.sh [--events N] [--references] [--no-probe] [--home-click] [--before DIR] [--keep] [measure.mjs options]
#
#   --events N      synthetic events (default 100000)
#   --references    also measure the harness's reference pages (d3-svg, d3-canvas, leaflet)
#   --no-probe      skip the second part (tools/bench/probe_page.mjs: screenshots of both pages
#                   under ${TMPDIR:-/tmp}, and clicks and a hover timed with a point and a marker
#                   chosen on the page, since the harness's click figure is not the atlas's click)
#   --home-click    click where the synthetic page has no marker: probe_page.mjs first finds the
#                   point of Kazakhstan nearest 67E 48N clear of its markers, and the harness clicks
#                   there (--click LON,LAT) on every page. Without it the harness clicks 67E 48N,
#                   a cluster on the synthetic page, which zooms in before the wheel and the drag
#   --before DIR    also measure the web build in DIR (e.g. a copy of build/web/out made before
#                   a change) with the same synthetic bundle, as before-100k, in the same run
#   --keep          keep the temporary folder (harness, bundle, served copy of the page)
#   anything else goes to measure.mjs after the defaults (--runs 3, --map-selector '#map, canvas',
#                   --out ${TMPDIR:-/tmp}/steppe-bench-100k-results.*.json), so e.g. --runs 5 overrides them
#
# Uses the existing web build (build/web/out; built with tools/build.sh web if it is missing)
# and the compiler's npm packages in tools/node_modules (tools/setup.sh). The harness gets its
# own npm ci in a temporary copy, as ../shared/bench/run.sh does. Everything is served on
# 127.0.0.1 and the servers are stopped on exit. Nothing is written into the repository; the
# results JSON is left in ${TMPDIR:-/tmp} and its path printed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${STEPPE_BENCH_DIR:-$(cd "$ROOT/.." && pwd)/shared/bench}
WEB="$ROOT/build/web/out"
log() { printf '[bench_100k] %s\n' "$*" >&2; }

EVENTS=100000 REFS=0 KEEP=0 PROBE=1 HOME_CLICK=0 BEFORE= PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --events) [ $# -ge 2 ] || { echo "bench_100k: --events needs a value" >&2; exit 2; }; EVENTS=$2; shift 2 ;;
    --references) REFS=1; shift ;;
    --keep) KEEP=1; shift ;;
    --before) [ $# -ge 2 ] && [ -f "$2/index.html" ] || { echo "bench_100k: --before needs a web build folder (with index.html)" >&2; exit 2; }
      BEFORE=$(cd "$2" && pwd); shift 2 ;;
    --no-probe) PROBE=0; shift ;;
    --home-click) HOME_CLICK=1; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
[[ "$EVENTS" =~ ^[0-9]+$ ]] || { echo "bench_100k: --events: expected a whole number" >&2; exit 2; }

[ -f "$BENCH/measure.mjs" ] || { echo "bench_100k: no harness at $BENCH (set STEPPE_BENCH_DIR)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "bench_100k: install Debian's chromium first (bash tools/setup.sh)" >&2; exit 1; }
[ -d "$ROOT/tools/node_modules/world-atlas" ] || { echo "bench_100k: run bash tools/setup.sh first (tools/node_modules is missing)" >&2; exit 1; }
if [ ! -f "$WEB/index.html" ]; then
  log "no web build at $WEB: building it (bash tools/build.sh web)"
  bash "$ROOT/tools/build.sh" web
fi

WORK=$(mktemp -d -t steppe-bench-100k.XXXXXX)
RESULTS=$(mktemp -t steppe-bench-100k-results.XXXXXX.json)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# 1. the harness, installed into a temporary copy exactly as run.sh does
cp -r "$BENCH"/measure.mjs "$BENCH"/serve.mjs "$BENCH"/anchors "$BENCH"/calibration "$BENCH"/package.json "$BENCH"/package-lock.json "$WORK"/
log "installing the harness (npm ci in $WORK)"
(cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# 2. the page and, beside its index.html, the synthetic bundle
BUNDLE=atlas-100k.bundle LABEL=steppe-100k
if [ "$EVENTS" != 100000 ]; then BUNDLE="atlas-$EVENTS.bundle" LABEL="steppe-$EVENTS"; fi
# Others may be rebuilding build/web while this runs: copy only a build whose atlas.js and
# atlas.wasm have not changed for a few seconds, and that did not change while being copied.
stamp() { stat -c '%n %s %Y' "$WEB/atlas.js" "$WEB/atlas.wasm" 2>/dev/null || true; }
copied=0
for _ in $(seq 60); do
  before=$(stamp) newest=$(stat -c %Y "$WEB/atlas.js" "$WEB/atlas.wasm" 2>/dev/null | sort -n | tail -n 1)
  if [ -n "$newest" ] && [ $(( $(date +%s) - newest )) -ge 5 ]; then
    rm -rf "$WORK/site" && mkdir -p "$WORK/site" && cp -r "$WEB"/. "$WORK/site/"
    [ "$(stamp)" = "$before" ] && { copied=1; break; }
  fi
  log "build/web/out is being written; waiting"
  sleep 2
done
[ "$copied" = 1 ] || { echo "bench_100k: build/web/out kept changing; try again later" >&2; exit 1; }
log "generating $BUNDLE ($EVENTS synthetic events)"
node "$ROOT/tools/bench/synthetic_bundle.mjs" --events "$EVENTS" --out "$WORK/site/$BUNDLE"
# The harness cannot always read a body this large back from Chromium (its bytes column then
# leaves the bundle out, with a warning), so its size is printed here.
BUNDLE_SIZES=$(node -e 'const z = require("zlib"), b = require("fs").readFileSync(process.argv[1]);
  console.log(`${(b.length / 1024).toFixed(0)} KiB raw, ${(z.gzipSync(b, { level: 9 }).length / 1024).toFixed(0)} KiB gz`)' "$WORK/site/$BUNDLE")
log "$BUNDLE: $BUNDLE_SIZES"

# 3. servers on 127.0.0.1 (the harness's own static server: no compression, like run.sh)
# start ROOT: sets URL to its base URL. Not called in $( ): the server's pid must reach the trap
# (../shared/bench/run.sh's start() records it in a subshell, so its servers outlive it).
URL=
start() {
  local f; f=$(mktemp -p "$WORK")
  node "$WORK/serve.mjs" --root "$1" --port 0 >"$f" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$f" ] && break; sleep 0.1; done
  URL=$(head -n 1 "$f")
}
start "$WORK/site"; B=$URL
[ -n "$B" ] || { echo "bench_100k: the server did not start" >&2; exit 1; }
TARGETS=("steppe=${B}index.html" "$LABEL=${B}index.html?bundle=$BUNDLE")
if [ -n "$BEFORE" ]; then
  mkdir -p "$WORK/before" && cp -r "$BEFORE"/. "$WORK/before/" && cp "$WORK/site/$BUNDLE" "$WORK/before/"
  start "$WORK/before"; C=$URL
  [ -n "$C" ] || { echo "bench_100k: the before server did not start" >&2; exit 1; }
  TARGETS+=("before-${LABEL#steppe-}=${C}index.html?bundle=$BUNDLE")
fi
if [ "$REFS" = 1 ]; then
  start "$WORK"; A=$URL
  [ -n "$A" ] || { echo "bench_100k: the reference server did not start" >&2; exit 1; }
  TARGETS+=("d3-svg=${A}anchors/d3-svg.html" "d3-canvas=${A}anchors/d3-canvas.html" "leaflet=${A}anchors/leaflet.html")
fi
log "page at ${B}index.html, synthetic at ${B}index.html?bundle=$BUNDLE"

# 4. measure, side by side in one run (later options override the defaults)
CLICK=()
if [ "$HOME_CLICK" = 1 ]; then
  log "finding a point of Kazakhstan clear of the synthetic page's markers (probe_page.mjs)"
  probe_out=$(node "$ROOT/tools/bench/probe_page.mjs" "${TARGETS[1]}") || { echo "$probe_out"; echo "bench_100k: probe_page failed" >&2; exit 1; }
  point=$(sed -n 's/.*country click at \([0-9.]*\)E \([0-9.]*\)N.*/\1,\2/p' <<<"$probe_out" | head -n 1)
  [ -n "$point" ] || { echo "$probe_out"; echo "bench_100k: probe_page found no clear point" >&2; exit 1; }
  log "the harness clicks at $point (lon,lat) on every page"
  CLICK=(--click "$point")
fi
(cd "$WORK" && node measure.mjs --runs 3 --map-selector '#map, canvas' --out "$RESULTS" "${CLICK[@]}" "${PASS[@]}" "${TARGETS[@]}")
echo "$BUNDLE (loaded by $LABEL, on top of the page's bytes): $BUNDLE_SIZES"
log "JSON: $RESULTS"

# 5. screenshots and timed picks on both pages, one load each
if [ "$PROBE" = 1 ]; then
  SHOTS=$(mktemp -d -t steppe-bench-100k-shots.XXXXXX)
  echo
  echo "picks (tools/bench/probe_page.mjs, one load per page; ms from the input event to the first frame showing the result, +frame to the end of the next):"
  node "$ROOT/tools/bench/probe_page.mjs" --screenshot "$SHOTS/home.png" "${TARGETS[0]}" "${TARGETS[1]}" || log "probe_page failed"
fi
