#!/usr/bin/env bash
# Sets everything up and runs every test, ending in one summary line
# "N passed, N failed" and a non-zero exit status if anything failed.
#   1. unit, content and native render tests (ctest, native preset)
#   2. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer (asan preset)
#   3. the web build, and the browser tests in headless Chromium (node --test)
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
mkdir -p build

echo "== native build and tests" >&2
if bash tools/build.sh native; then
  ctest --preset native 2>&1 | tee build/ctest-native.log
  count_ctest build/ctest-native.log
else
  failed=$((failed + 1)); problems+=("native build failed")
fi

echo "== sanitizer build (ASan + UBSan) and tests" >&2
if bash tools/build.sh asan; then
  ctest --preset asan 2>&1 | tee build/ctest-asan.log
  count_ctest build/ctest-asan.log
else
  failed=$((failed + 1)); problems+=("asan build failed")
fi

echo "== web build and browser tests" >&2
if bash tools/build.sh web; then
  node --test --test-concurrency=1 --test-reporter=tap tests/browser/ 2>&1 | tee build/browser.log
  count_node build/browser.log
else
  failed=$((failed + 1)); problems+=("web build failed")
fi

echo
for p in "${problems[@]}"; do echo "problem: $p"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
