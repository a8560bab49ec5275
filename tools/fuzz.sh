#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build/fuzz/ and runs each from
# its committed seed corpus for a fixed time, ASan and UBSan on. The random
# seed is fixed (FUZZ_SEED, default 1), so the short run in the test command
# walks the same inputs each time as far as it gets; set FUZZ_SEED=0 for a
# new walk each run (libFuzzer then seeds from the clock).
#   tools/fuzz.sh                 # the short run: 8 s per target (40 s of fuzzing in all)
#   tools/fuzz.sh 600             # the long run: 10 minutes per target
#   tools/fuzz.sh 3600 shape      # one target (or several) for an hour
#   FUZZ_JOBS=2 tools/fuzz.sh 3600   # two fuzzing processes per target (libFuzzer -fork)
# Targets (tests/fuzz/fuzz_TARGET.c, invariants in fuzz_TARGET_body.h):
#   deeplink text_layout search shape bundle (bundle with -DFUZZ_FIX_CHECKSUM, see fuzz_bundle.c) bundle_lzma
# Each run starts from a scratch copy of tests/fuzz/corpus/TARGET/ in
# build/fuzz/work/TARGET/ (so the committed corpus stays as it is; new
# inputs the fuzzer keeps are left there), and writes crashes to
# build/fuzz/artifacts/TARGET/. Prints one line per target,
#   fuzz: PASS TARGET (N execs, N/s, N s)   or   fuzz: FAIL TARGET ... reproducer: PATH
# and exits non-zero if any target failed to build or found a crash. A crash
# found here becomes a file in tests/fuzz/regressions/TARGET/, which ctest
# replays (tests/fuzz/fuzz_replay.c). To reproduce one by hand:
#   build/fuzz/fuzz_TARGET PATH
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_PER_TARGET=${1:-8}
shift $(( $# > 0 ? 1 : 0 ))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(deeplink text_layout search shape bundle bundle_lzma)
CC=${FUZZ_CC:-clang}
OUT=build/fuzz
NICE="nice -n 10"

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "fuzz: $CC not found (tools/setup.sh installs clang and libclang-rt-14-dev)" >&2
  for t in "${TARGETS[@]}"; do echo "fuzz: FAIL $t (no compiler)"; done
  exit 1
fi

WARN=(-Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter)
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
CFLAGS=(-std=c11 -g -O1 "${SAN[@]}" "${WARN[@]}" -Isrc/core -Itests/unit -Itests/fuzz -isystem /usr/include/stb -isystem /usr/include/lzma)

# The core, once, instrumented for coverage (fuzzer-no-link) but without libFuzzer's main.
mkdir -p "$OUT/core" "$OUT/work" "$OUT/artifacts"
build_failed=0
objs=()
for src in src/core/*.c; do
  obj="$OUT/core/$(basename "${src%.c}").o"
  objs+=("$obj")
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$0" -nt "$obj" ] || [ -n "$(find src/core -name '*.h' -newer "$obj" -print -quit)" ]; then
    $NICE "$CC" "${CFLAGS[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" || build_failed=1
  fi
done
# The LZMA SDK's decoder (Debian's lzma-dev) that src/core/bundle_lzma.c calls:
# third-party, so without our warning flags (CMakeLists.txt, steppe_lzmadec).
lzmadec=/usr/include/lzma/LzmaDec.c obj="$OUT/core/LzmaDec.o"
objs+=("$obj")
if [ ! -f "$obj" ] || [ "$lzmadec" -nt "$obj" ] || [ "$0" -nt "$obj" ]; then
  $NICE "$CC" -std=c11 -g -O1 "${SAN[@]}" -w -fsanitize=fuzzer-no-link -c "$lzmadec" -o "$obj" || build_failed=1
fi
if [ "$build_failed" -ne 0 ]; then
  echo "fuzz: building src/core with $CC failed" >&2
  for t in "${TARGETS[@]}"; do echo "fuzz: FAIL $t (core build failed)"; done
  exit 1
fi

failed=0
for t in "${TARGETS[@]}"; do
  bin="$OUT/fuzz_$t"
  defs=()
  [ "$t" = bundle ] && defs=(-DFUZZ_FIX_CHECKSUM)
  if ! $NICE "$CC" "${CFLAGS[@]}" "${defs[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$t.c" "${objs[@]}" -lm -o "$bin"; then
    echo "fuzz: FAIL $t (build failed)"; failed=$((failed + 1)); continue
  fi
  work="$OUT/work/$t" art="$OUT/artifacts/$t"
  rm -rf "$work" && mkdir -p "$work" "$art"
  cp tests/fuzz/corpus/"$t"/* "$work"/
  log="$OUT/$t.log"
  jobs=()
  [ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs=(-fork="$FUZZ_JOBS")
  # detect_leaks: LeakSanitizer checks each input too (libFuzzer's -detect_leaks is on by default).
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    $NICE "$bin" -max_total_time="$SECONDS_PER_TARGET" -seed="${FUZZ_SEED:-1}" -print_final_stats=1 -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 "${jobs[@]}" -artifact_prefix="$art/" "$work" >"$log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | tail -1 | awk '{print $2}')
  secs=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | sed -E 's/.* in ([0-9]+) second.*/\1/')
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: PASS $t (${execs:-?} execs, ${rate:-?}/s, ${secs:-$SECONDS_PER_TARGET} s)"
  else
    repro=$(grep -Eo 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')
    grep -E 'invariant failed|ERROR: (Address|Leak)Sanitizer|runtime error|deadly signal' "$log" | head -5 >&2
    echo "fuzz: FAIL $t (exit $rc, ${execs:-?} execs; log $log) reproducer: ${repro:-none written}"
    failed=$((failed + 1))
  fi
done
[ "$failed" -eq 0 ]
