#!/usr/bin/env bash
# Scripted input (issue 13): the window, under SDL's offscreen and dummy video
# drivers (no display needed), replays tests/native/replay/classroom.txt
# through SDL's event queue and checks the state after each step; at a
# desktop and at a phone size, since the script's positions are geographic or
# panel links. Then: a failed expectation exits 1 and says what it expected
# and the state; a malformed line exits 2 with FILE:LINE: message, before any
# window opens. And a bundle dropped onto the window (SDL_DROPFILE, the
# script's drop line): a truncated copy of GOOD_BUNDLE is refused with the
# reader's message as the notice and the atlas as it was; GOOD_BUNDLE itself
# replaces the atlas, whose map, panel and search then work.
#   replay_test.sh APP SCRIPT_DIR OUT_DIR GOOD_BUNDLE
# STEPPE_REPLAY_DRIVERS (default "offscreen dummy"): the drivers to try, the
# first also for the other cases. The sanitizer build uses dummy alone: the
# offscreen driver loads the EGL stack, whose libraries LeakSanitizer reports
# (allocations in system libraries, unloaded before the report).
set -euo pipefail
app=$1 scripts=$2 out=$3 good=$4
read -r -a drivers <<<"${STEPPE_REPLAY_DRIVERS:-offscreen dummy}"
export SDL_VIDEODRIVER=${drivers[0]}
mkdir -p "$out"
rm -f "$out"/*.err
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

# replay NAME SCRIPT [OPTIONS...]: runs it; rc, stdout and stderr in $out/NAME.{rc,out,err}.
replay() {
  local name=$1 script=$2 rc=0
  shift 2
  "$app" --replay "$script" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "$rc" >"$out/$name.rc"
}

# checked NAME SCRIPT: the replay NAME of SCRIPT exited 0 with every expectation checked.
checked() {
  local name=$1 script=$2 rc expects oks
  rc=$(cat "$out/$name.rc")
  [ "$rc" = 0 ] || cat "$out/$name.err"
  check "$name: exit status 0 (got $rc)" '[ "$rc" = 0 ]'
  expects=$(grep -c '^expect' "$script")
  oks=$(grep -c ': ok ' "$out/$name.err" || true)
  check "$name: all $expects expectations checked (got $oks)" '[ "$oks" = "$expects" ]'
}

runs=()
for driver in "${drivers[@]}"; do runs+=("$driver 1000x700"); done
runs+=("${drivers[0]} 390x844")
for run in "${runs[@]}"; do
  read -r driver size <<<"$run"
  name=classroom-$driver-$size
  SDL_VIDEODRIVER=$driver replay "$name" "$scripts/classroom.txt" --size "$size"
  checked "$name" "$scripts/classroom.txt"
  first=$(head -n 1 "$out/$name.out")
  check "classroom ($driver, $size): the final state JSON has no selection" \
        'grep -q "\"selectionKind\":\"none\",\"selection\":null" <<<"$first"'
  check "classroom ($driver, $size): the final state JSON has the panel closed" \
        'grep -q "\"panelOpen\":false[,}]" <<<"$first"'
done


# The search box's editing (issue 16, item 4): bursts of keys in order, caret, selection, words.
replay search-editing "$scripts/search_editing.txt" --size 1000x700
checked search-editing "$scripts/search_editing.txt"

# The first start's hint and the '?' card (issue 16, item 17).
replay onboarding "$scripts/onboarding.txt" --size 1000x700 --hint
checked onboarding "$scripts/onboarding.txt"

# A seeded quiz opened by its link, answered in the window.
replay quiz "$scripts/quiz.txt" --size 1000x700 --open 'quiz=1&qn=5'
rc=$(cat "$out/quiz.rc")
[ "$rc" = 0 ] || cat "$out/quiz.err"
check "quiz: exit status 0 (got $rc)" '[ "$rc" = 0 ]'

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

# A point the window does not show: exit 1, and where it fell.
printf 'settle\nclick geo -100,40\n' >"$out/outside.txt"
replay outside "$out/outside.txt" --size 800x500
check "a point outside the window exits 1" '[ "$(cat "$out/outside.rc")" = 1 ]'
check "a point outside the window is reported" 'grep -q "outside.txt:2: the position lies outside the window" "$out/outside.err"'

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
bad uikey 'expect ui.nope=1' "expect: unknown key 'ui.nope'"
bad scroll 'scroll-to Presidential' 'scroll-to needs link TEXT'
replay missing "$out/no-such-script.txt"
check "an unreadable script exits 2" '[ "$(cat "$out/missing.rc")" = 2 ] && grep -q "no-such-script.txt" "$out/missing.err"'

# Dropping bundles onto the window. The reader's message for the truncated
# copy, as --bundle reports it ("steppe_atlas: FILE: MESSAGE"):
head -c 5000 "$good" >"$out/truncated.bundle"
"$app" --bundle "$out/truncated.bundle" --screenshot "$out/truncated.png" --size 200x150 >/dev/null \
  2>"$out/truncated-reader.err" || true
reader=$(sed -n "s|^steppe_atlas: $out/truncated.bundle: ||p" "$out/truncated-reader.err" | head -n 1)
check "the reader has a message for the truncated bundle ($reader)" '[ -n "$reader" ]'
# The same steps with and without the bad drop: the state after it must be the state without it.
steps='settle\nclick geo 67,48\nsettle\nexpect selection=KAZ\nwheel 2 geo 70,45\nsettle\n'
printf "$steps" >"$out/nodrop.txt"
{ printf "$steps"; printf 'drop %s\nframes 1\nsettle\n' "$out/truncated.bundle"
  printf 'expect ui.notice=Could not open truncated.bundle: %s. The atlas shown stays open.\n' "$reader"
  printf 'expect selection=KAZ\nexpect panelOpen=true\n'; } >"$out/drop-bad.txt"
replay nodrop "$out/nodrop.txt" --size 1000x700
replay drop-bad "$out/drop-bad.txt" --size 1000x700
check "a bad bundle dropped: exit status 0 (got $(cat "$out/drop-bad.rc"))" '[ "$(cat "$out/drop-bad.rc")" = 0 ]'
expects=$(grep -c '^expect' "$out/drop-bad.txt")
oks=$(grep -c ': ok ' "$out/drop-bad.err" || true)
check "a bad bundle dropped: the notice is the reader's message, the selection and panel stay ($oks of $expects ok)" \
      '[ "$oks" = "$expects" ]'
# The state JSON (view, selection, filters, layers, mode, panel) after the drop and without it.
check "a bad bundle dropped: the state is what it was without the drop" \
      'grep -q "^{\"view\":" "$out/nodrop.out" && [ "$(head -n 1 "$out/drop-bad.out")" = "$(head -n 1 "$out/nodrop.out")" ]'
check "a bad bundle dropped: the reader's message is on stderr" \
      'grep -qF "$out/truncated.bundle: $reader" "$out/drop-bad.err"'
# A good one: it replaces the atlas (a fresh start, the toast), and the new
# atlas's map, panel and search work; then a bad one on top leaves it standing.
{ printf "$steps"; printf 'drop %s\nframes 1\nexpect ui.toast=Opened %s\nsettle\n' "$good" "$(basename "$good")"
  printf 'expect selectionKind=none\nexpect panelOpen=false\nexpect ui.notice=\n'
  printf 'click geo 67,48\nsettle\nexpect selection=KAZ\nexpect-panel Capital: Astana\n'
  printf 'key /\ntype Alma-Ata\nframes 3\nexpect ui.searchResults!=0\nkey Escape\nsettle\n'
  printf 'drop %s\nframes 1\nsettle\nexpect ui.notice^=Could not open truncated.bundle: \nexpect selection=KAZ\n' \
         "$out/truncated.bundle"; } >"$out/drop-good.txt"
replay drop-good "$out/drop-good.txt" --size 1000x700
rc=$(cat "$out/drop-good.rc")
[ "$rc" = 0 ] || cat "$out/drop-good.err"
check "a good bundle dropped: exit status 0 (got $rc)" '[ "$rc" = 0 ]'
expects=$(grep -c '^expect' "$out/drop-good.txt")
oks=$(grep -c ': ok ' "$out/drop-good.err" || true)
check "a good bundle dropped: all $expects expectations checked (got $oks)" '[ "$oks" = "$expects" ]'
check "a good bundle dropped: it says it opened the file" 'grep -qF "opened $good" "$out/drop-good.err"'
bad drop 'drop' 'drop: the file is missing'

# Under the sanitizers an exit status of 1 could be theirs: no run may have a report.
check "no sanitizer report in any run" '! grep -l "Sanitizer" "$out"/*.err'

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
