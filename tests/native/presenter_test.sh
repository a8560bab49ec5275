#!/usr/bin/env bash
# The native presenter window (issue 11), under SDL's offscreen video driver
# (no display needed): tests/native/replay/presenter.txt steps a tour from
# the presenter window and from the atlas window, closes the presenter and
# opens it again with 'p' (its expectations check what the presenter says),
# and --presenter-screenshot writes the presenter's last frame. That frame
# must be the frame of a presenter opened straight on the same stop (but for
# the clock's digits) and not that of the next stop. Then: closing the atlas
# window quits with the presenter open; the presenter without a tour says how
# to start one; a bundle dropped onto the atlas window (its fonts replaced)
# leaves the presenter drawing; 200 % text in high contrast; --presenter
# beside a mode without a window is refused.
#   presenter_test.sh APP COMPARE_PNG SCRIPT_DIR OUT_DIR GOOD_BUNDLE
# STEPPE_REPLAY_DRIVERS: as replay_test.sh (its first driver is used).
set -euo pipefail
app=$1 compare=$2 scripts=$3 out=$4 good=$5
read -r -a drivers <<<"${STEPPE_REPLAY_DRIVERS:-offscreen dummy}"
export SDL_VIDEODRIVER=${drivers[0]}
mkdir -p "$out"
rm -f "$out"/*.err "$out"/*.png
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

# run NAME SCRIPT [OPTIONS...]: replays SCRIPT; rc, stdout and stderr in $out/NAME.{rc,out,err}.
run() {
  local name=$1 script=$2 rc=0
  shift 2
  "$app" --replay "$script" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "$rc" >"$out/$name.rc"
}
all_ok() { # all_ok NAME SCRIPT: exit 0 and every expectation checked
  local name=$1 script=$2 rc expects oks
  rc=$(cat "$out/$name.rc")
  [ "$rc" = 0 ] || cat "$out/$name.err"
  expects=$(grep -c '^expect' "$script")
  oks=$(grep -c ': ok ' "$out/$name.err" || true)
  check "$name: exit status 0 (got $rc)" '[ "$rc" = 0 ]'
  check "$name: all $expects expectations checked (got $oks)" '[ "$oks" = "$expects" ]'
}
tour=(--size 1000x700 --tour transition-2019)

# The lesson: ends on stop 4 with the presenter open again.
run lesson "$scripts/presenter.txt" "${tour[@]}" --stop 4 --presenter-screenshot "$out/lesson.png"
all_ok lesson "$scripts/presenter.txt"
check "lesson: the presenter's frame is written" '[ -s "$out/lesson.png" ]'
check "lesson: the atlas ends on stop 4" 'grep -q "\"tour\":{\"id\":\"transition-2019\",\"stop\":4," "$out/lesson.out"'

# The presenter opened straight on stop 4, and on stop 5.
printf 'settle\nexpect ui.presenterOpen=true\nexpect-presenter stop 4 / 11\n' >"$out/stop4.txt"
printf 'settle\nexpect-presenter stop 5 / 11\n' >"$out/stop5.txt"
run stop4 "$out/stop4.txt" "${tour[@]}" --stop 4 --presenter-screenshot "$out/stop4.png"
all_ok stop4 "$out/stop4.txt"
run stop5 "$out/stop5.txt" "${tour[@]}" --stop 5 --presenter-screenshot "$out/stop5.png"
all_ok stop5 "$out/stop5.txt"
# "N of M pixels differ ..., in x X0..X1, y Y0..Y1" (nothing after "differ" if none does).
same=$("$compare" "$out/stop4.png" "$out/lesson.png" 2000 2 "$out/lesson-diff.png" || true)
echo "stop 4 and the lesson's end: $same"
read -r x0 x1 y0 y1 < <(sed -n 's/.* in x \([0-9]*\)\.\.\([0-9]*\), y \([0-9]*\)\.\.\([0-9]*\).*/\1 \2 \3 \4/p' <<<"$same"; echo)
check "the lesson's last frame is stop 4's, but for the clock at the top right ($same)" \
      'grep -q "^$out/lesson.png: 0 of" <<<"$same" || { [ -n "$x0" ] && [ "$x0" -ge 600 ] && [ "$y1" -le 80 ]; }'
other=$("$compare" "$out/stop4.png" "$out/stop5.png" 1000000 2 || true)
echo "stop 4 and stop 5: $other"
n=$(sed -n 's/^[^:]*: \([0-9]*\) of.*/\1/p' <<<"$other")
check "stop 5's frame is not stop 4's (got: $other)" '[ -n "$n" ] && [ "$n" -gt 5000 ]'

# Closing the atlas window quits, the presenter open or not.
printf 'settle\nclose\nframes 3\nexpect tour.stop=99\n' >"$out/quit.txt"
run quit "$out/quit.txt" "${tour[@]}" --presenter
check "closing the atlas window quits: exit status 0 (got $(cat "$out/quit.rc"))" '[ "$(cat "$out/quit.rc")" = 0 ]'
check "closing the atlas window quits: the script stops there" \
      'grep -q "the window was closed before the script ended" "$out/quit.err" && ! grep -q "quit.txt:4:" "$out/quit.err"'

# No tour: the presenter says how to start one; 't' then a tour's line in the panel would.
printf 'settle\nexpect mode=none\nexpect-presenter No tour is playing in the atlas window: press t there\n' >"$out/none.txt"
run none "$out/none.txt" --size 1000x700 --presenter --presenter-screenshot "$out/none.png"
all_ok none "$out/none.txt"
# A bundle dropped onto the atlas window: the presenter's fonts are the
# new bundle's, and it shows the new atlas (at its home view, no tour).
printf 'settle\nexpect-presenter stop 2 / 11\ndrop %s\nframes 2\nsettle\nexpect ui.presenterOpen=true\nexpect-presenter No tour is playing\n' \
       "$good" >"$out/drop.txt"
run drop "$out/drop.txt" "${tour[@]}" --stop 2 --presenter-screenshot "$out/drop.png"
all_ok drop "$out/drop.txt"
check "a dropped bundle: the presenter draws as with no tour" '"$compare" "$out/none.png" "$out/drop.png" >/dev/null'
# 'p' outside a tour is the timeline's play key, as before: no presenter.
printf 'settle\nkey p\nframes 2\nexpect ui.presenterOpen=false\nexpect playing=true\n' >"$out/play.txt"
run play "$out/play.txt" --size 1000x700
all_ok play "$out/play.txt"

# 200 % text in high contrast: the same content, larger, in the atlas's theme.
run big "$out/stop4.txt" "${tour[@]}" --stop 4 --text-scale 200 --theme high-contrast \
    --presenter-screenshot "$out/stop4-200-contrast.png"
all_ok big "$out/stop4.txt"
check "200 % in high contrast is drawn differently" '! "$compare" "$out/stop4.png" "$out/stop4-200-contrast.png" >/dev/null'

# A phone-narrow presenter window (resized as a window manager would), at
# 200 %: the stop and the clock stay whole. Under the dummy driver: the
# offscreen driver's EGL surface keeps the size the window was made with.
printf 'settle\nwindow presenter\nresize 390x844\nframes 3\nexpect-presenter stop 4 / 11\n' >"$out/narrow.txt"
SDL_VIDEODRIVER=dummy run narrow "$out/narrow.txt" "${tour[@]}" --stop 4 --text-scale 200 \
    --presenter-screenshot "$out/narrow-200.png"
all_ok narrow "$out/narrow.txt"
check "narrow: the presenter's frame is 390x844" 'grep -q "presenter 390x844 written" "$out/narrow.err"'
printf 'settle\nwindow presenter\nresize 390\n' >"$out/badresize.txt"
run badresize "$out/badresize.txt"
check "resize 390: malformed, exit 2" '[ "$(cat "$out/badresize.rc")" = 2 ] && grep -q "resize needs WxH" "$out/badresize.err"'

# The presenter is a window: not with a mode that has none; the replay's window line.
rc=0; "$app" --presenter --screenshot "$out/x.png" >/dev/null 2>"$out/cli.err" || rc=$?
check "--presenter with --screenshot: exit 2 (got $rc)" '[ "$rc" = 2 ] && grep -q "presenter" "$out/cli.err"'
printf 'settle\nwindow presenter\nkey Right\n' >"$out/closed.txt"
run closed "$out/closed.txt" --size 800x500
check "keys to a presenter that is not open: exit 1 and why" \
      '[ "$(cat "$out/closed.rc")" = 1 ] && grep -q "closed.txt:3: the presenter window is not open" "$out/closed.err"'
printf 'settle\nwindow side\n' >"$out/badwindow.txt"
run badwindow "$out/badwindow.txt"
check "window side: malformed, exit 2" '[ "$(cat "$out/badwindow.rc")" = 2 ] && grep -q "window needs main or presenter" "$out/badwindow.err"'

check "no sanitizer report in any run" '! grep -l "Sanitizer" "$out"/*.err'
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
