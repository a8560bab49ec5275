#!/usr/bin/env bash
# Scripted input (issue 13): the window, under SDL's offscreen video driver,
# replays tests/native/replay/classroom.txt through SDL's event queue and
# checks the state after each step; at a desktop and at a phone size, since
# the script's positions are geographic or panel links. Then: a failed
# expectation exits 1 and says what it expected and the state; a malformed
# line exits 2 with FILE:LINE: message, before any window opens.
#   replay_test.sh APP SCRIPT_DIR OUT_DIR
set -euo pipefail
app=$1 scripts=$2 out=$3
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
mkdir -p "$out"
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

# replay NAME SCRIPT [OPTIONS...]: runs it; rc, stdout and stderr in $out/NAME.{rc,out,err}.
replay() {
  local name=$1 script=$2 rc=0
  shift 2
  "$app" --replay "$script" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "$rc" >"$out/$name.rc"
}

for size in 1000x700 390x844; do
  replay "classroom-$size" "$scripts/classroom.txt" --size "$size"
  rc=$(cat "$out/classroom-$size.rc")
  [ "$rc" = 0 ] || cat "$out/classroom-$size.err"
  check "classroom at $size: exit status 0 (got $rc)" '[ "$rc" = 0 ]'
  expects=$(grep -c '^expect' "$scripts/classroom.txt")
  oks=$(grep -c ': ok ' "$out/classroom-$size.err" || true)
  check "classroom at $size: all $expects expectations checked (got $oks)" '[ "$oks" = "$expects" ]'
  first=$(head -n 1 "$out/classroom-$size.out")
  check "classroom at $size: the final state JSON has no selection" \
        'grep -q "\"selectionKind\":\"none\",\"selection\":null" <<<"$first"'
  check "classroom at $size: the final state JSON has the panel closed" 'grep -q "\"panelOpen\":false}$" <<<"$first"'
done

# A failed expectation: exit 1, what was expected, what was found, the state.
printf 'settle\nclick geo 67,48\nsettle\nexpect selection=UZB\nexpect selection=KAZ\n' >"$out/wrong.txt"
replay wrong "$out/wrong.txt" --size 800x500
err=$(cat "$out/wrong.err")
check "a failed expectation exits 1 (got $(cat "$out/wrong.rc"))" '[ "$(cat "$out/wrong.rc")" = 1 ]'
check "a failed expectation names its line, what it expected and what it got" \
      'grep -q "wrong.txt:4: expected selection=UZB, got KAZ" <<<"$err"'
check "a failed expectation prints the state JSON" 'grep -q "^state: {\"view\":" <<<"$err"'
check "the script stops at a failed expectation" '! grep -q "wrong.txt:5:" <<<"$err"'
check "the final state is printed even so" 'grep -q "\"selection\":\"KAZ\"" "$out/wrong.out"'

# A link the panel does not have: exit 1, and the links it has are listed.
printf 'settle\nclick geo 67,48\nsettle\nclick link No such link anywhere\n' >"$out/nolink.txt"
replay nolink "$out/nolink.txt" --size 800x500
check "a missing link exits 1" '[ "$(cat "$out/nolink.rc")" = 1 ]'
check "a missing link is named and the panel's links listed" \
      'grep -q "nolink.txt:4: link No such link anywhere: no link" "$out/nolink.err" && grep -q "Capital: Astana" "$out/nolink.err"'

# Malformed lines: exit 2 with FILE:LINE: message, and no window.
# (An unusable video driver: were a window opened, the exit status would be 1.)
bad() { # bad NAME LINE_TEXT MESSAGE
  local name=$1 line=$2 msg=$3 rc
  printf '# a script\nsettle\n%s\nsettle\n' "$line" >"$out/bad-$name.txt"
  SDL_VIDEODRIVER=no-such-driver replay "bad-$name" "$out/bad-$name.txt"
  rc=$(cat "$out/bad-$name.rc")
  check "malformed '$line': exit status 2 (got $rc)" '[ "$rc" = 2 ]'
  check "malformed '$line': says bad-$name.txt:3: $msg (got: $(cat "$out/bad-$name.err"))" \
        'grep -qF "bad-$name.txt:3: $msg" "$out/bad-$name.err"'
}
bad verb 'clik geo 67,48' "unknown command 'clik'"
bad frames 'frames 0' 'frames needs a whole number'
bad pos 'click 67,48' "unknown position '67,48'"
bad geo 'move geo 267,48' 'geo 267,48: not a longitude,latitude'
bad key 'key Escpe' "unknown key 'Escpe'"
bad expect 'expect selection' "expect: 'selection' is not KEY=VALUE"
bad wheel 'wheel 0 px 10,10' 'wheel needs a number of notches'
replay missing "$out/no-such-script.txt"
check "an unreadable script exits 2" '[ "$(cat "$out/missing.rc")" = 2 ] && grep -q "no-such-script.txt" "$out/missing.err"'

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
