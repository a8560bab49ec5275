#!/usr/bin/env bash
# Reruns every figure of BENCHMARKS.md on this machine, printing them as it
# goes. Needs the native and web builds (bash tools/build.sh native web).
#   tools/bench/all.sh [BEFORE_WEB_DIR]    # with a before build: side by side
set -euo pipefail
cd "$(dirname "$0")/../.."
app=build/native/steppe_atlas
echo "== the shared harness (our page and the three references, 5 runs each)"
if [ $# -ge 1 ]; then bash tools/bench/side_by_side.sh "$1" build/web/out --runs 5
else ../shared/bench/run.sh build/web/out --runs 5; fi
echo "== first-load bytes (gzip -9)"
cat build/web/budget-dist.txt
echo "== native: start to first frame, written as a PNG (whole process; 9 runs)"
for i in 1 2 3 4 5 6 7 8 9; do
  /usr/bin/time -f "%e s, peak %M KiB" "$app" --screenshot /tmp/steppe-bench.png --size 1280x800 --state c=KAZ 2>&1 >/dev/null | tail -1
done
echo "== native: instructions per frame of a fixed pan (callgrind, SDL's dummy driver)"
work=$(mktemp -d)
echo settle >"$work/base.txt"
{ echo settle; echo "down px 500,350"; for i in $(seq 1 60); do echo "move px $((500 + i * 4)),$((350 + i * 2))"; echo "frames 1"; done; echo up; } >"$work/pan.txt"
for s in base pan; do
  SDL_VIDEODRIVER=dummy valgrind --tool=callgrind --callgrind-out-file="$work/$s.out" "$app" --size 1000x700 \
    --replay "$work/$s.txt" >/dev/null 2>&1
done
base=$(awk '/^totals:/ {print $2}' "$work/base.out") pan=$(awk '/^totals:/ {print $2}' "$work/pan.out")
echo "pan: $(( (pan - base) / 60 )) instructions per frame (60 frames; $pan total, $base for start-up alone)"
echo "== bundle open and marker picking (optimised native build)"
build/native/tests/bench_bundle build/native/atlas.bundle
build/native/tests/bench_pick
echo "== the scale table: 1,000 to 100,000 events, 1:50m and 1:10m borders (about 10 minutes)"
node tools/bench/scale.mjs
echo "== fuzzing, 30 s per target"
bash tools/fuzz.sh 30
echo "== soak, 20,000 inputs (about ten minutes)"
bash tests/native/soak_test.sh "$app" node tools/soak.mjs build/soak-long 7 20000 1
