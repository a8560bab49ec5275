#!/usr/bin/env bash
# Soak (issue 15): the window under SDL's dummy video driver replays a seeded
# random input script (tools/soak.mjs: clicks, drags, the wheel, keys for the
# panel, timeline, layers, theme, history and tours, typed searches) through
# SDL's event queue. It must exit cleanly (no crash, and under the sanitizer
# preset no report), and with CHECK_MEMORY=1 its resident memory at the end
# must be within 5 % of what it was after the first 2,000 inputs. (Measured:
# 40.8 MB after 1,000 inputs, 46.9 after 2,000, 47.9 after 3,000 and 47.9
# after 4,000 — the caches fill in the first two thousand, then it holds.)
#   soak_test.sh APP NODE SOAK_MJS OUT_DIR SEED COUNT CHECK_MEMORY
# The long form: COUNT 20000 (about ten minutes: frames run at display rate).
set -euo pipefail
app=$1 node=$2 soak=$3 out=$4 seed=$5 count=$6 check=$7
mkdir -p "$out"
script="$out/soak-$seed-$count.txt"
"$node" "$soak" "$seed" "$count" >"$script"
rc=0
# In OUT_DIR: the script's 'e' keys export figures into the working directory.
(cd "$out" && SDL_VIDEODRIVER=dummy "$app" --size 1000x700 --replay "$script" >soak.out 2>soak.err) || rc=$?
if [ "$rc" != 0 ]; then echo "FAIL: the soak exited $rc"; tail -20 "$out/soak.err"; exit 1; fi
if grep -q "Sanitizer" "$out/soak.err"; then echo "FAIL: a sanitizer report"; cat "$out/soak.err"; exit 1; fi
mapfile -t rss < <(awk '/^memory line/ {print $5}' "$out/soak.out")
echo "seed $seed, $count inputs: resident memory at each mark (KiB): ${rss[*]}"
[ "${#rss[@]}" -ge 1 ] || { echo "FAIL: no memory marks"; exit 1; }
if [ "$check" = 1 ]; then
  [ "${#rss[@]}" -ge 3 ] || { echo "FAIL: need the mark after 2,000 inputs and the end (COUNT > 2000)"; exit 1; }
  base=${rss[1]} end=${rss[${#rss[@]}-1]}
  if [ $((end * 100)) -gt $((base * 105)) ]; then
    echo "FAIL: resident memory grew from $base KiB (after 2,000 inputs) to $end KiB (> 5 %)"; exit 1
  fi
  echo "ok: $end KiB at the end, within 5 % of $base KiB after 2,000 inputs"
fi
echo "ok: no crash, no sanitizer report"
