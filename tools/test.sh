#!/usr/bin/env bash
# Sets everything up and runs every test, ending in one summary line
# "N passed, N failed" and a non-zero exit status if anything failed.
#   1. unit, content and native render tests (ctest, native preset)
#   2. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset)
#   3. the web build, and the browser tests in headless Chromium (node --test)
#   4. each libFuzzer target for a short fixed time (tools/fuzz.sh; 1 passed or 1 failed per target)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash tools/setup.sh || { echo "0 passed, 1 failed"; echo "test: setup failed" >&2; exit 1; }

passed=0 failed=0 problems=()
count_ctest() { # log -> adds to passed/failed
  local line total fails
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  fails=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - fails)); failed=$((failed + fails))
}
count_node() { # log -> adds to passed/failed
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  if [ -z "$p" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
}
count_fuzz() { # log -> adds 1 passed or 1 failed per target line of tools/fuzz.sh
  local p f
  p=$(grep -c '^fuzz: PASS ' "$1"); f=$(grep -c '^fuzz: FAIL ' "$1")
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); problems+=("fuzz: no result"); return; fi
  passed=$((passed + p)); failed=$((failed + f))
  while read -r line; do problems+=("$line"); done < <(grep '^fuzz: FAIL ' "$1")
}
mkdir -p build

# stage TITLE PRESET COUNTER COMMAND...: builds PRESET, then runs COMMAND into a log
# that COUNTER (count_ctest or count_node) adds to the totals.
stage() {
  local title=$1 preset=$2 counter=$3; shift 3
  local log="build/test-$preset.log"
  echo "== $title" >&2
  if ! bash tools/build.sh "$preset"; then
    failed=$((failed + 1)); problems+=("$preset build failed"); return
  fi
  "$@" 2>&1 | tee "$log"
  "$counter" "$log"
}
stage "native build: unit, content and native render tests" native count_ctest ctest --preset native
stage "sanitizer build (ASan + UBSan): unit and native tests" asan count_ctest ctest --preset asan
stage "web build: browser tests in headless Chromium" web count_node \
  node --test --test-concurrency=1 --test-reporter=tap tests/browser/
echo "== fuzzing: each libFuzzer target for a short fixed time" >&2
bash tools/fuzz.sh 2>&1 | tee build/test-fuzz.log
count_fuzz build/test-fuzz.log

echo
for p in "${problems[@]}"; do echo "problem: $p"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
