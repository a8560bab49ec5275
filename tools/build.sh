#!/usr/bin/env bash
# Configures and builds one or more presets (native, web, asan), quietly, reusing build dirs.
#   tools/build.sh native web
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export NODE_PATH=/usr/share/nodejs
for preset in "$@"; do
  log="build/$preset.log"
  mkdir -p build
  if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    cmake --preset "$preset" >"$log" 2>&1 || { cat "$log"; echo "build: configuring '$preset' failed" >&2; exit 1; }
  fi
  cmake --build --preset "$preset" -j"$(nproc)" >>"$log" 2>&1 || { tail -60 "$log"; echo "build: '$preset' failed (full log: $log)" >&2; exit 1; }
  echo "[build] $preset: ok" >&2
done
