#!/usr/bin/env bash
# Sets everything up, builds, and runs the atlas.
#   tools/run.sh            build web + native, serve the web build on http://127.0.0.1:8000/
#   tools/run.sh --native   build, then open the native window instead
#   PORT=9000 tools/run.sh  another port
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash tools/setup.sh
bash tools/build.sh native web
if [ "${1:-}" = "--native" ]; then
  echo "Starting the native atlas: build/native/steppe_atlas" >&2
  exec build/native/steppe_atlas "${@:2}"
fi
echo "Native build: run build/native/steppe_atlas (or: tools/run.sh --native)" >&2
echo "Serving the web atlas (Ctrl+C to stop):" >&2
exec node tools/serve.mjs --root build/web/out --port "${PORT:-8000}"
