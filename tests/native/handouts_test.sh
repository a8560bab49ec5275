#!/usr/bin/env bash
# --handouts DIR --tour ID (issue 13): for every tour of the built-in atlas
# (assets/tours.json, which the built-in bundle is compiled from), one PNG per
# stop of the size asked for, and an index.html and index.md naming every
# stop's title and every source's passage and byline (author and outlet, or
# words saying the document names none; as each format escapes them), the
# teacher's notes marked, no script in the HTML and every image it shows
# there. Then the errors: an unknown tour exits 1 naming it and the valid
# ids, an unwritable DIR exits 1 naming the path.
#   handouts_test.sh APP TOURS_JSON OUT_DIR NODE
set -euo pipefail
app=$1 tours=$2 out=$3 node=$4
rm -rf "$out"
mkdir -p "$out"
passes=0 fails=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

# What the handouts must hold, from the tours: per tour, lines of
# KIND<TAB>TEXT with TEXT escaped as index.html (html) or index.md (md) writes it.
"$node" -e '
const fs = require("fs");
const tours = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).tours;
const articlesFile = require("path").join(require("path").dirname(process.argv[1]), "articles.json");
const articles = new Map(JSON.parse(fs.readFileSync(articlesFile, "utf8")).articles.map(a => [a.id, a]));
const html = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
                   .replace(/"/g, "&quot;").replace(/\x27/g, "&#39;");
const md = s => s.replace(/[\\`*_\[\]<>#|!]/g, c => "\\" + c);
fs.writeFileSync(process.argv[2] + "/tours.tsv", tours.map(t => t.id + "\t" + t.stops.length).join("\n") + "\n");
for (const t of tours) {
  const lines = [];
  for (const s of t.stops) {
    lines.push("html\t" + html(s.title), "md\t" + md(s.title));
    for (const src of s.sources || []) {
      lines.push("html\t" + html(src.locator), "md\t" + md(src.locator));
      // each source cites its document: its author, or words saying none is named; the same for the outlet
      const a = articles.get(src.article);
      const parts = [a.author || "No author", a.outlet || "outlet named in the document"];
      if (a.author && !a.outlet) parts[1] = a.author + " · no outlet named in the document";
      for (const part of parts) lines.push("html\t" + html(part), "md\t" + md(part));
    }
  }
  fs.writeFileSync(process.argv[2] + "/" + t.id + ".expect", lines.join("\n") + "\n");
}' "$tours" "$out"

# The width and height of a PNG, from its IHDR.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'; }

tour_count=0
while IFS=$'\t' read -r id stops; do
  tour_count=$((tour_count + 1))
  dir=$out/$id/handout # a directory that does not exist yet, two levels deep
  rc=0
  "$app" --handouts "$dir" --tour "$id" --size 640x400 --dpr 1.5 >"$out/$id.out" 2>"$out/$id.err" || rc=$?
  check "$id: exit status 0 (got $rc: $(cat "$out/$id.err"))" '[ "$rc" = 0 ]'
  pngs=$(find "$dir" -name 'stop-*.png' | wc -l)
  check "$id: $stops PNGs, one per stop (got $pngs)" '[ "$pngs" = "$stops" ]'
  for n in $(seq 1 "$stops"); do
    png=$(printf '%s/stop-%02d.png' "$dir" "$n")
    size=$([ -f "$png" ] && png_size "$png" || echo missing)
    check "$id: $(basename "$png") is 960x600 (640x400 at dpr 1.5; got $size)" '[ "$size" = 960x600 ]'
  done
  check "$id: index.html written" '[ -s "$dir/index.html" ]'
  check "$id: index.md written" '[ -s "$dir/index.md" ]'
  missing_html=0 missing_md=0
  while IFS=$'\t' read -r kind text; do
    if [ "$kind" = html ]; then
      grep -qF -- "$text" "$dir/index.html" || { missing_html=$((missing_html + 1)); echo "  not in index.html: $text"; }
    else
      grep -qF -- "$text" "$dir/index.md" || { missing_md=$((missing_md + 1)); echo "  not in index.md: $text"; }
    fi
  done <"$out/$id.expect"
  expected=$(grep -c '^html' "$out/$id.expect")
  check "$id: index.html names all $expected stop titles and source passages ($missing_html missing)" '[ "$missing_html" = 0 ]'
  check "$id: index.md names all $expected stop titles and source passages ($missing_md missing)" '[ "$missing_md" = 0 ]'
  sections=$(grep -c '<section class="stop"' "$dir/index.html" || true)
  check "$id: index.html has one section per stop ($sections)" '[ "$sections" = "$stops" ]'
  check "$id: index.html breaks the page before each stop" 'grep -q "break-before:page" "$dir/index.html"'
  check "$id: index.html marks the teacher's notes" 'grep -q "<h3>Notes for the teacher</h3>" "$dir/index.html"'
  check "$id: index.md marks the teacher's notes" 'grep -q "^### Notes for the teacher" "$dir/index.md"'
  check "$id: index.html has no script" '! grep -qi "<script" "$dir/index.html"'
  check "$id: index.html loads nothing from elsewhere" '! grep -qiE "(src|href)=\"[a-z]+:|@import|url\(" "$dir/index.html"'
  imgs=$(grep -o '<img src="[^"]*"' "$dir/index.html" | sed 's/<img src="//; s/"$//')
  img_count=$(grep -c . <<<"$imgs" || true)
  check "$id: index.html shows $stops images (got $img_count)" '[ "$img_count" = "$stops" ]'
  absent=0
  for img in $imgs; do [ -f "$dir/$img" ] || { absent=$((absent + 1)); echo "  no file for <img src=\"$img\">"; }; done
  check "$id: every <img src> of index.html exists ($absent absent)" '[ "$absent" = 0 ]'
  md_imgs=$(grep -oE '\]\(stop-[0-9]+\.png\)' "$dir/index.md" | wc -l)
  check "$id: index.md links $stops images (got $md_imgs)" '[ "$md_imgs" = "$stops" ]'
done <"$out/tours.tsv"
check "the built-in atlas has tours to write ($tour_count)" '[ "$tour_count" -gt 0 ]'

# An unknown tour: exit 1, named, with the ids there are; nothing written.
first=$(head -n 1 "$out/tours.tsv" | cut -f1)
rc=0
"$app" --handouts "$out/none" --tour no-such-tour >/dev/null 2>"$out/unknown.err" || rc=$?
check "an unknown tour exits 1 (got $rc)" '[ "$rc" = 1 ]'
check "an unknown tour is named" 'grep -q "no tour '\''no-such-tour'\''" "$out/unknown.err"'
check "an unknown tour lists the valid ids ($first ...)" 'grep -q "tours are: .*$first" "$out/unknown.err"'
check "an unknown tour writes no directory" '[ ! -e "$out/none" ]'

# A DIR that cannot be made (its parent is a file): exit 1 naming the path.
: >"$out/a-file"
rc=0
"$app" --handouts "$out/a-file/handout" --tour "$first" >/dev/null 2>"$out/unwritable.err" || rc=$?
check "an unwritable DIR exits 1 (got $rc)" '[ "$rc" = 1 ]'
check "an unwritable DIR is named" 'grep -qF "$out/a-file/handout" "$out/unwritable.err"'

# A DIR where a file cannot be written (index.html is a directory): exit 1 naming it.
mkdir -p "$out/blocked/index.html"
rc=0
"$app" --handouts "$out/blocked" --tour "$first" >/dev/null 2>"$out/blocked.err" || rc=$?
check "a file that cannot be written exits 1 (got $rc)" '[ "$rc" = 1 ]'
check "a file that cannot be written is named" 'grep -qF "cannot write $out/blocked/index.html" "$out/blocked.err"'

check "no sanitizer report in any run" '! grep -l "Sanitizer" "$out"/*.err'
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
