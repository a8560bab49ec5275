#!/usr/bin/env bash
# Regenerates tests/native/reference/*.png from the current native build,
# after a deliberate visual change or a change to the content (assets/).
# Look at every PNG before committing it: the test then holds the atlas to
# exactly these pixels. See tests/native/reference/README.md.
#   tools/refresh_reference_screenshots.sh [APP]   (default build/native/steppe_atlas)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app=${1:-$root/build/native/steppe_atlas}
refs=$root/tests/native/reference
[ -x "$app" ] || { echo "no program at $app: build first (cmake --preset native && cmake --build --preset native)" >&2; exit 1; }
# shellcheck source=../tests/native/screenshot_states.sh
source "$root/tests/native/screenshot_states.sh"
while read -r name; do
  screenshot_render "$app" "$name" "$refs/$name.png"
  # Lossless recompression, if optipng is installed (apt install optipng): a third smaller.
  if command -v optipng >/dev/null; then optipng -quiet -o7 -strip all "$refs/$name.png"; fi
done < <(screenshot_names)
ls -l "$refs"/*.png
echo "Now look at each of them before committing."
