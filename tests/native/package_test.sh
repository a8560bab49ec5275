#!/usr/bin/env bash
# The native program installs and packages as tools/cmake/install.cmake says:
#   1. `cmake --install` into a scratch prefix puts every file under its name;
#   2. `cpack -G DEB` builds a package whose control says the right name,
#      version and dependencies (libc6, libsdl2, zlib1g) and whose contents are those
#      files under /usr, nothing else;
#   3. extracted into a scratch root, the installed steppe-atlas runs from
#      there with nothing but SDL2, zlib and the C library (it renders a frame from
#      its built-in bundle and fonts, in another directory) and prints its
#      version with --version.
#   package_test.sh CMAKE CPACK BUILD_DIR OUT_DIR CLI_ARGS_H
# (the version expected is cli_args.h's STEPPE_VERSION, as install.cmake reads it).
set -euo pipefail
cmake=$1 cpack=$2 build=$3 out=$4 header=$5
version=$(sed -n 's/^#define STEPPE_VERSION "\([0-9][^"]*\)".*/\1/p' "$header")
[ -n "$version" ] || { echo "FAIL: no STEPPE_VERSION in $header"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
fails=0 passes=0
check() { if eval "$2"; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $1"; fi; }

sizes="16 24 32 48 64 128 256"
expected=(bin/steppe-atlas share/applications/steppe-atlas.desktop
          share/icons/hicolor/scalable/apps/steppe-atlas.svg
          share/man/man1/steppe-atlas.1.gz share/doc/steppe-atlas/README.md)
for px in $sizes; do expected+=("share/icons/hicolor/${px}x$px/apps/steppe-atlas.png"); done
want=$(printf '%s\n' "${expected[@]}" | sort)

# --- 1. cmake --install ----------------------------------------------------------
"$cmake" --install "$build" --prefix "$out/prefix" >"$out/install.log" 2>&1 \
  || { cat "$out/install.log"; echo "FAIL: cmake --install"; exit 1; }
got=$(cd "$out/prefix" && find . -type f -o -type l | sed 's|^\./||' | sort)
check "cmake --install puts exactly the expected files under the prefix" '[ "$got" = "$want" ]'
[ "$got" = "$want" ] || diff <(echo "$want") <(echo "$got") || true
check "the installed program is executable" '[ -x "$out/prefix/bin/steppe-atlas" ]'
check "the install manifest names steppe-atlas, not the build tree's steppe_atlas" \
  'grep -q "/bin/steppe-atlas$" "$build/install_manifest.txt" && ! grep -q "/bin/steppe_atlas$" "$build/install_manifest.txt"'

# --- 2. cpack -G DEB ---------------------------------------------------------------
(cd "$build" && "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$out/pkg") >"$out/cpack.log" 2>&1 \
  || { cat "$out/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
debs=("$out"/pkg/steppe-atlas_*.deb)
check "cpack made one package, steppe-atlas_${version}_ARCH.deb" \
  '[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] && [[ "${debs[0]}" == *"/steppe-atlas_${version}_"*.deb ]]'
deb=${debs[0]}
[ -f "$deb" ] || { cat "$out/cpack.log"; echo "$passes passed, $((fails + 1)) failed"; exit 1; }
info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
check "Package: steppe-atlas" '[ "$(field Package)" = steppe-atlas ]'
check "Version: $version" '[ "$(field Version)" = "$version" ]'
check "Architecture is this machine's" '[ "$(field Architecture)" = "$(dpkg --print-architecture)" ]'
check "it depends on SDL2 (libsdl2-2.0-0 with a version)" 'field Depends | grep -Eq "(^|, )libsdl2-2\.0-0 \(>= [0-9.]+\)"'
check "it depends on the C library" 'field Depends | grep -Eq "(^|, )libc6 \(>= [0-9.]+\)"'
check "it depends on zlib (the PNGs' deflate)" 'field Depends | grep -Eq "(^|, )zlib1g \(>= [0-9.:]+\)"'
check "it depends on nothing else" '[ "$(field Depends | tr "," "\n" | grep -cv -e libsdl2-2.0-0 -e libc6 -e zlib1g)" = 0 ]'
check "it has a maintainer and a description" '[ -n "$(field Maintainer)" ] && grep -q "Description: interactive atlas of Central Asia" <<<"$info"'
check "Section: education" '[ "$(field Section)" = education ]'
contents=$(dpkg-deb --contents "$deb")
files=$(awk '$1 !~ /^d/ { print $6 }' <<<"$contents" | sed 's|^\./usr/||' | sort)
check "the package holds exactly the expected files, under /usr" '[ "$files" = "$want" ]'
[ "$files" = "$want" ] || diff <(echo "$want") <(echo "$files") || true
check "nothing in the package lies outside /usr" '! awk "{ print \$6 }" <<<"$contents" | grep -v -e "^\./usr/" -e "^\./$"'
check "the program is installed mode 0755, owned by root" 'grep -Eq "^-rwxr-xr-x root/root .* \./usr/bin/steppe-atlas$" <<<"$contents"'

# --- 3. the package's files, extracted -------------------------------------------------
root=$out/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin/steppe-atlas
check "the packaged program is stripped (no symbol table)" '! readelf -S "$bin" | grep -q "\.symtab"'
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
check "it needs only SDL2, zlib and the C library (needs: $needed)" \
  '! tr " " "\n" <<<"$needed" | grep -v -e "^$" -e "^libSDL2-2\.0\.so\.0$" -e "^libz\.so\.1$" -e "^libc\.so\.6$" -e "^libm\.so\.6$"'
check "its libraries all resolve" '! ldd "$bin" | grep -q "not found"'
# From another directory, with no HOME: the bundle and fonts must be inside it.
shot=$out/shot.png
(cd / && env -u HOME "$bin" --screenshot "$shot" --size 320x200 >"$out/shot.log" 2>&1) && shot_rc=0 || shot_rc=$?
check "it renders a frame from its built-in atlas (exit $shot_rc)" '[ "$shot_rc" = 0 ] && [ -s "$shot" ]'
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }'; }
for px in $sizes; do
  png=$root/usr/share/icons/hicolor/${px}x$px/apps/steppe-atlas.png
  check "the ${px} px icon is a ${px}x$px PNG" '[ "$(head -c 4 "$png" | tail -c 3)" = PNG ] && [ "$(png_size "$png")" = "${px}x$px" ]'
done
if command -v desktop-file-validate >/dev/null; then
  check "the packaged desktop entry validates" 'desktop-file-validate "$root/usr/share/applications/steppe-atlas.desktop"'
fi
check "the desktop entry runs the installed program and names its icon" \
  'grep -qx "Exec=steppe-atlas %f" "$root/usr/share/applications/steppe-atlas.desktop" && grep -qx "Icon=steppe-atlas" "$root/usr/share/applications/steppe-atlas.desktop"'
check "the man page is gzipped and names the version" 'gzip -dc "$root/usr/share/man/man1/steppe-atlas.1.gz" | grep -q "^\.TH STEPPE-ATLAS 1 .*$version"'

# --- 3b. --version, from the scratch root -----------------------------------------------
ver_out=$(cd / && "$bin" --version 2>"$out/version.err") && ver_rc=0 || ver_rc=$?
check "--version exits 0 (got $ver_rc)" '[ "$ver_rc" = 0 ]'
check "--version prints 'steppe-atlas $version' first" '[ "$(head -1 <<<"$ver_out")" = "steppe-atlas $version" ]'
check "--version prints nothing on stderr" '[ ! -s "$out/version.err" ]'

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
