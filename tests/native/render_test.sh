#!/usr/bin/env bash
# Native render test: the app draws one frame on an offscreen surface
# (core/raster.c, no display), writes a PNG, and check_png verifies it:
# not blank, and Kazakhstan's fill colour at the projected point (67°E, 48°N).
#   render_test.sh APP CHECK_PNG OUT_DIR DPR
set -euo pipefail
app=$1 check=$2 out=$3 dpr=$4
mkdir -p "$out"
png="$out/native-dpr$dpr.png"
report=$("$app" --screenshot "$png" --size 1000x700 --dpr "$dpr" --probe 67,48)
echo "$report"
read -r _ _ _ _ x y < <(grep '^probe ' <<<"$report")
fill=$(awk '/^fill KAZ/ {print $3}' <<<"$report")
[ -n "$fill" ] || { echo "FAIL: the app did not report Kazakhstan's fill"; exit 1; }
"$check" "$png" "$x" "$y" "$dpr" "$fill"
