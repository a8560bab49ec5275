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
# A bundle of format 3 (triangles in TRIS): the version field (byte 4, outside the checksum) says 3.
cp "$good" "$out/version3.bundle"
printf '\003' | dd of="$out/version3.bundle" bs=1 seek=4 conv=notrunc status=none
for f in truncated garbage version3 missing; do
  err=$("$app" --bundle "$out/$f.bundle" --screenshot "$out/bad-$f.png" --size 400x300 2>&1 >/dev/null) && rc=0 || rc=$?
  check "$f: exit status 1 (got $rc)" '[ "$rc" = 1 ]'
  check "$f: the error names the file" 'grep -q "$f.bundle" <<<"$err"'
  check "$f: no PNG was written" '[ ! -e "$out/bad-$f.png" ]'
done
check "truncation is explained" 'grep -q "file_size" <<<"$("$app" --bundle "$out/truncated.bundle" --screenshot "$out/t.png" 2>&1 >/dev/null)"'
check "an old format is named" 'grep -q "unsupported format version 3, this reader understands version 4" <<<"$("$app" --bundle "$out/version3.bundle" --screenshot "$out/v.png" 2>&1 >/dev/null)"'
# A file that cannot be read: the file and the system's reason, not SDL's words (issue 16).
missing_err=$("$app" --bundle /no/such/file --screenshot "$out/m.png" 2>&1 >/dev/null) || true
check "a missing file: named with the reason (got: $missing_err)" 'grep -q "/no/such/file: No such file or directory" <<<"$missing_err"'
check "a missing file: not SDL's wording" '! grep -q "Parameter" <<<"$missing_err"'
dir_err=$("$app" --bundle "$out" --screenshot "$out/d.png" 2>&1 >/dev/null) && rc=0 || rc=$?
check "a directory: exit status 1 (got $rc)" '[ "$rc" = 1 ]'
check "a directory: named with the reason (got: $dir_err)" 'grep -q "$out: Is a directory" <<<"$dir_err"'
# In the window, the notice says the same (--bundle, and a file dropped that has gone).
cat > "$out/unreadable.replay" <<'EOS'
frames 3
expect ui.notice^=Could not read /no/such/file: No such file or directory. Showing the built-in atlas.
key Escape
drop /no/such/dropped.bundle
frames 3
expect ui.notice^=Could not read dropped.bundle: No such file or directory. The atlas shown stays open.
EOS
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} "$app" --bundle /no/such/file --size 400x300 --replay "$out/unreadable.replay" \
  >"$out/unreadable.out" 2>"$out/unreadable.err" && rc=0 || rc=$?
check "the window's notices name the file and the reason (rc $rc: $(tail -c 400 "$out/unreadable.err"))" '[ "$rc" = 0 ]'
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
