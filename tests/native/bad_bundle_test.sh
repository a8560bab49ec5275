#!/usr/bin/env bash
# A broken teacher bundle must not take the atlas down: the window opens the
# built-in atlas with the notice (tests/native/replay: a dropped bad bundle),
# and a mode without a window stops with the reader's message, naming the
# file and the field, and exit status 1 (issue 13), writing nothing.
#   bad_bundle_test.sh APP GOOD_BUNDLE OUT_DIR
set -euo pipefail
app=$1 good=$2 out=$3
mkdir -p "$out"
rm -f "$out"/bad-*.png
fails=0 passes=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }
head -c 5000 "$good" > "$out/truncated.bundle"
printf 'not a bundle at all' > "$out/garbage.bundle"
# A bundle of format 1 (f32 geometry): the version field (byte 4, outside the checksum) says 1.
cp "$good" "$out/version1.bundle"
printf '\001' | dd of="$out/version1.bundle" bs=1 seek=4 conv=notrunc status=none
for f in truncated garbage version1 missing; do
  err=$("$app" --bundle "$out/$f.bundle" --screenshot "$out/bad-$f.png" --size 400x300 2>&1 >/dev/null) && rc=0 || rc=$?
  check "$f: exit status 1 (got $rc)" '[ "$rc" = 1 ]'
  check "$f: the error names the file" 'grep -q "$f.bundle" <<<"$err"'
  check "$f: no PNG was written" '[ ! -e "$out/bad-$f.png" ]'
done
check "truncation is explained" 'grep -q "file_size" <<<"$("$app" --bundle "$out/truncated.bundle" --screenshot "$out/t.png" 2>&1 >/dev/null)"'
check "an old format is named" 'grep -q "unsupported format version 1, this reader understands version 2" <<<"$("$app" --bundle "$out/version1.bundle" --screenshot "$out/v.png" 2>&1 >/dev/null)"'
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
