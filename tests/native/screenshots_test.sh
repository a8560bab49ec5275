#!/usr/bin/env bash
# Reference screenshots: each state of screenshot_states.sh is rendered with
# --screenshot and compared with tests/native/reference/NAME.png by
# compare_png (no pixel may differ by more than 2 in any channel). A failure
# leaves the new image and a picture of the differences in OUT_DIR.
# See tests/native/reference/README.md for when and how to refresh them.
#   screenshots_test.sh APP COMPARE REF_DIR OUT_DIR
set -euo pipefail
app=$1 compare=$2 refs=$3 out=$4
here=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=screenshot_states.sh
source "$here/screenshot_states.sh"
mkdir -p "$out"
passes=0 fails=0
while read -r name; do
  png="$out/$name.png"
  rm -f "$png" "$out/$name.diff.png"
  if ! screenshot_render "$app" "$name" "$png" >"$out/$name.txt"; then
    echo "FAIL: $name: the app could not render it"
    fails=$((fails + 1))
    continue
  fi
  # Legibility (issue 16 item 12): no text under 12 css px (core/text_sizes.h).
  smallest=$(sed -n 's/^text smallest \([0-9.]*\) css px$/\1/p' "$out/$name.txt")
  if ! awk -v s="$smallest" 'BEGIN { exit !(s != "" && s + 0 >= 12) }'; then
    echo "FAIL: $name: text drawn at ${smallest:-?} css px, under the 12 px minimum"
    fails=$((fails + 1))
  fi
  if [ ! -f "$refs/$name.png" ]; then
    echo "FAIL: $name: no reference $refs/$name.png (tools/refresh_reference_screenshots.sh makes it)"
    fails=$((fails + 1))
  elif "$compare" "$refs/$name.png" "$png" 0 2 "$out/$name.diff.png"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $name: differs from $refs/$name.png (new image: $png)"
    fails=$((fails + 1))
  fi
done < <(screenshot_names)
[ "$passes" -gt 0 ] || { echo "FAIL: no state was compared"; fails=$((fails + 1)); }
# The comparison itself must see a difference: two different states may not pass.
if "$compare" "$refs/home.png" "$refs/kaz.png" >/dev/null; then
  echo "FAIL: compare_png finds no difference between home.png and kaz.png"
  fails=$((fails + 1))
fi
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
