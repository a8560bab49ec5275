#!/usr/bin/env bash
# Building by hand on a fresh checkout (issue 16): the README's "Building by
# hand" commands begin with tools/setup.sh, and without tools/node_modules
# (nothing has run npm ci) the bundle step stops with a message naming that
# fix instead of node's "Cannot find package 'd3-geo'". The second part
# configures a copy of the source tree without node_modules (core only, no
# SDL: a few seconds) and builds just the bundle target.
#   by_hand_test.sh SOURCE_DIR SCRATCH_DIR
set -euo pipefail
src=$1 scratch=$2
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

# The first command of the section's first sh block.
first=$(awk '/^## Building by hand/ { on = 1; next } on && /^## / { exit }
             on && /^```sh/ { block = 1; next } block && /^```/ { exit }
             block && NF { print; exit }' "$src/README.md")
check "the README's by-hand commands begin with bash tools/setup.sh (first: '$first')" '[[ "$first" == "bash tools/setup.sh"* ]]'

check "the check passes with the installed packages" 'cmake -DTOOLS_DIR="$src/tools" -P "$src/tools/cmake/check_node_modules.cmake"'

if ! git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1; then
  echo "SKIP: the fresh-copy part needs the source tree's git file list"
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ] && exit 77 || exit 1
fi
rm -rf "$scratch"
mkdir -p "$scratch/src"
(cd "$src" && git ls-files -co --exclude-standard -z | grep -zv '^tools/node_modules' | xargs -0 cp --parents -t "$scratch/src")
check "the copy has no node_modules" '[ ! -e "$scratch/src/tools/node_modules" ]'
if cmake -S "$scratch/src" -B "$scratch/build" -DSTEPPE_BUILD_APP=OFF >"$scratch/configure.log" 2>&1; then
  out=$(cmake --build "$scratch/build" --target steppe_bundle 2>&1) && rc=0 || rc=$?
  check "the bundle step fails without node_modules (rc $rc)" '[ "$rc" != 0 ]'
  check "its message names the fix" 'grep -q "run \`bash tools/setup.sh\`" <<<"$out"'
  check "and what is missing" 'grep -q "tools/node_modules lacks d3-geo" <<<"$out"'
  check "node never ran the compiler" '! grep -q "Cannot find package" <<<"$out"'
  check "no bundle was written" '[ ! -e "$scratch/build/atlas.bundle" ]'
else
  fails=$((fails + 1))
  echo "FAIL: configuring the copy:"; tail -20 "$scratch/configure.log"
fi
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
