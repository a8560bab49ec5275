#!/usr/bin/env bash
# Exported figures (issue 16, item 8): 'e' saves the map as a figure, not the
# screen. In the window (SDL's offscreen driver), with Kazakhstan's panel open,
# one export with the pointer on Kazakhstan (its name's tooltip and the
# hover outline on screen) and one with the pointer on the panel (nothing hovered)
# must be the same image, pixel for pixel: no tooltip, hover, search box,
# buttons or timeline reach it. It covers the map only (the panel's width
# left out), with the caption strip where the timeline was.
#   export_test.sh APP COMPARE_PNG OUT_DIR
set -euo pipefail
app=$(realpath "$1") compare=$2 out=$3
drivers=${STEPPE_REPLAY_DRIVERS:-offscreen}
export SDL_VIDEODRIVER=${drivers%% *}
rm -rf "$out"
mkdir -p "$out"
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

cat >"$out/export.txt" <<'SCRIPT'
settle
move geo 67,48
frames 3
expect hover=KAZ
key e
frames 1
expect ui.toast^=Saved steppe-atlas-
settle
move px 900,400
frames 3
expect hover=null
key e
settle
SCRIPT
rc=0
(cd "$out" && "$app" --size 1000x700 --state 'c=KAZ' --replay export.txt >run.out 2>run.err) || rc=$?
[ "$rc" = 0 ] || cat "$out/run.err"
check "the replay exits 0 (got $rc)" '[ "$rc" = 0 ]'
mapfile -t saved < <(sed -n 's/^steppe_atlas: saved \([^ ]*\) .*/\1/p' "$out/run.out")
saved+=("" "")
check "two PNGs saved, under different names (got ${saved[*]})" \
      '[ -n "${saved[1]}" ] && [ "${saved[0]}" != "${saved[1]}" ] && [ -s "$out/${saved[0]}" ] && [ -s "$out/${saved[1]}" ]'
# 1000 css px less the 310 px panel (31 %); the whole height (map and caption strip)
check "the figure is the map's part of the window, 690x700 (got $(sed -n 's/^steppe_atlas: saved [^ ]* //p' "$out/run.out" | head -n 1))" \
      'grep -q "^steppe_atlas: saved ${saved[0]} 690x700$" "$out/run.out"'
if [ -n "${saved[1]}" ]; then
  rc=0
  "$compare" "$out/${saved[0]}" "$out/${saved[1]}" 0 0 "$out/diff.png" >"$out/compare.out" || rc=$?
  check "the export with a tooltip and hover on screen equals the one without ($(cat "$out/compare.out"))" '[ "$rc" = 0 ]'
fi
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
