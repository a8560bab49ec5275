#!/usr/bin/env bash
# Architecture checks over src/ (ctest: arch.include_cycles):
#   1. no include cycle between two rooms: for .c files a and b, it must not be
#      that a includes b's header (b.h beside b.c) and b includes a's header,
#      where what a includes is what a.c and a.h include (markers.c reached
#      render.h through markers.h); the pairs in KNOWN_CYCLES are reported but
#      pass, until they are broken (then drop them from the list);
#   2. no __EMSCRIPTEN__ outside src/platform/web_*.c;
#   3. no file in src/ over 800 lines, except those listed in OVER_LIMIT below,
#      which may not grow (split them, then drop them from the list);
#   4. a folder's *_internal.h (render/render_internal.h) is included only
#      from that folder.
# Prints every problem found and exits 1 if there is one.
#   tools/check_include_cycles.sh [SRC_DIR]
set -euo pipefail
SRC=$(cd "${1:-$(dirname "$0")/../src}" && pwd)
MAX_LINES=800
# path (relative to src/) and its line count when it was listed
declare -A OVER_LIMIT=(

)
# cycles that predate this check and may not come back: none left (app.h no
# longer includes command.h and gesture.h; event_markers.h takes the Command
# type from command_kinds.h; the edge badges' header declares what it needs)
KNOWN_CYCLES=()
problems=0
problem() { echo "check: $*"; problems=$((problems + 1)); }

cd "$SRC"
mapfile -t files < <(find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort)

# Direct includes of each file, resolved to paths relative to src/: "x/y.h"
# is src/x/y.h, else beside the including file.
declare -A direct=()
for f in "${files[@]}"; do
  deps=""
  while IFS= read -r inc; do
    dir=$(dirname "$f")
    if [ -f "$inc" ]; then deps+=" $inc"
    elif [ -f "$dir/$inc" ]; then deps+=" $(realpath --relative-to=. "$dir/$inc")"
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
  direct[$f]=$deps
done

# What a room includes: its .c file's includes and its header's.
room_includes() { echo " ${direct[$1]} ${direct[${1%.c}.h]:-} "; }

# 1. Rooms: a .c file with a header of the same name beside it.
rooms=() found_known=()
for f in "${files[@]}"; do
  case "$f" in *.c) [ -f "${f%.c}.h" ] && rooms+=("$f") ;; esac
done
for a in "${rooms[@]}"; do
  for b in "${rooms[@]}"; do
    [[ "$a" < "$b" ]] || continue
    case "$(room_includes "$a")" in *" ${b%.c}.h "*) ;; *) continue ;; esac
    case "$(room_includes "$b")" in *" ${a%.c}.h "*) ;; *) continue ;; esac
    what="$a (or its header) includes ${b%.c}.h and $b (or its header) includes ${a%.c}.h"
    if printf '%s\n' "${KNOWN_CYCLES[@]}" | grep -qxF "$a $b"; then
      echo "check: note: known include cycle, to be broken: $what"
      found_known+=("$a $b")
    else
      problem "include cycle: $what"
    fi
  done
done

for k in "${KNOWN_CYCLES[@]}"; do
  printf '%s\n' "${found_known[@]}" | grep -qxF "$k" ||
    problem "KNOWN_CYCLES lists $k, which is no longer a cycle: drop it from the list"
done

# 2. The web target's conditionals stay in its own files.
for f in "${files[@]}"; do
  case "$f" in platform/web_*.c) continue ;; esac
  if grep -q '__EMSCRIPTEN__' "$f"; then
    problem "__EMSCRIPTEN__ in $f (only src/platform/web_*.c may test it): $(grep -n '__EMSCRIPTEN__' "$f" | cut -d: -f1 | paste -sd, -)"
  fi
done

# 3. File length.
for f in "${files[@]}"; do
  n=$(wc -l <"$f")
  allowed=${OVER_LIMIT[$f]:-$MAX_LINES}
  if [ "$n" -gt "$allowed" ]; then
    if [ -n "${OVER_LIMIT[$f]:-}" ]; then
      problem "$f has $n lines, more than the $allowed it had when listed as over $MAX_LINES"
    else
      problem "$f has $n lines (at most $MAX_LINES)"
    fi
  elif [ -n "${OVER_LIMIT[$f]:-}" ] && [ "$n" -le "$MAX_LINES" ]; then
    problem "$f has $n lines, no longer over $MAX_LINES: drop it from OVER_LIMIT"
  elif [ -n "${OVER_LIMIT[$f]:-}" ]; then
    echo "check: note: $f has $n lines, listed as over $MAX_LINES (to be split)"
  fi
done
for f in "${!OVER_LIMIT[@]}"; do
  [ -f "$f" ] || problem "OVER_LIMIT lists $f, which is gone: drop it from the list"
done

# 4. Internal headers stay in their folder.
for f in "${files[@]}"; do
  for d in ${direct[$f]}; do
    case "$d" in *_internal.h) ;; *) continue ;; esac
    [ "$(dirname "$d")" = "$(dirname "$f")" ] || problem "$f includes $d, internal to $(dirname "$d")/"
  done
done

echo "check: ${#files[@]} files, ${#rooms[@]} rooms, $problems problem(s)"
[ "$problems" -eq 0 ]
