#!/usr/bin/env bash
# Installs everything Steppe Atlas needs that is missing, idempotently:
#   1. Debian packages (compilers, SDL2, stb, LZMA SDK and xz, Emscripten, Chromium, fonts, fonttools)
#   2. SDL2 built for WebAssembly from Debian's own libsdl2 source package, cached
#      outside the repo in $STEPPE_CACHE (default ~/.cache/steppe-atlas), keyed by version
#   3. npm packages for the build tools and browser tests (tools/package-lock.json, npm ci)
# Nothing is downloaded from anywhere but Debian's and npm's registries.
# A second run with nothing changed finishes in a few seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${STEPPE_CACHE:-$HOME/.cache/steppe-atlas}
SDL_VERSION=2.26.5
# "-lean2": the build options below (a new name whenever they change, so an
# old cache is never taken for the new one): no offscreen or dummy video
# driver, no RLE or YUV, no software renderer and none of the optimised
# blitters. The page draws through SDL only with WebGL (the GLES2 renderer);
# where WebGL is emulated it draws its own pixels with no SDL renderer at
# all (src/platform/web_main.c), and nothing blits a surface (a blit would
# still work, through SDL_Blit_Slow). SDL's own SDL_strtod instead of libc's
# atof/strtod (HAVE_ATOF/HAVE_STRTOD off), whose float scanner was only
# there for SDL's hints. Issue 12: SDL 96.3 -> 69.7 KiB gz of the first load
# with lean1, the whole load 402.0 -> 361.9 with lean2.
SDL_VARIANT=lean2
SDL_CFLAGS="-Oz -DSDL_HAVE_BLIT_0=0 -DSDL_HAVE_BLIT_1=0 -DSDL_HAVE_BLIT_A=0 -DSDL_HAVE_BLIT_N=0 -DSDL_HAVE_BLIT_AUTO=0 -DSDL_HAVE_RLE=0 -DSDL_HAVE_YUV=0 -DSDL_HAVE_BLIT_N_RGB565=0 -DSDL_VIDEO_RENDER_SW=0"
SDL_PREFIX="$CACHE/sdl2-wasm-$SDL_VERSION-$SDL_VARIANT"
log() { printf '[setup] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages ------------------------------------------------------
APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev
  libsdl2-dev libstb-dev zlib1g-dev
  lzma-dev xz-utils   # the embedded bundle: xz -9e compresses it, the LZMA SDK's LzmaDec.c unpacks it
  emscripten
  chromium
  fonts-noto-core fonts-dejavu-core fonts-wqy-microhei
  python3-fonttools
  librsvg2-bin desktop-file-utils mandoc   # packaging: icon PNGs, desktop entry and man page checks
  nodejs
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A Node.js 18+ that is not Debian's (e.g. nodesource) counts as present.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}")
else
  missing+=(npm)
fi
missing=($(printf '%s\n' "${missing[@]}" | sed '/^$/d'))
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages: all present"
fi

# --- 2. SDL2 for WebAssembly -------------------------------------------------
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here under Node 20
if [ -f "$SDL_PREFIX/.complete" ]; then
  log "SDL2 $SDL_VERSION for wasm: cached in $SDL_PREFIX"
else
  log "building SDL2 $SDL_VERSION for wasm into $SDL_PREFIX (first time only, ~6 min)"
  SRC_LIST=/etc/apt/sources.list.d/steppe-atlas-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" \
      | as_root tee "$SRC_LIST" >/dev/null
    as_root apt-get update -qq
  fi
  work="$CACHE/sdl2-src-$SDL_VERSION"
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && apt-get source -qq --download-only "libsdl2=$SDL_VERSION+dfsg-1" >/dev/null 2>&1 \
     || apt-get source -qq --download-only libsdl2 >/dev/null)
  (cd "$work" && dpkg-source --no-check -x ./*.dsc src >/dev/null)
  emcmake cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF -DSDL_HIDAPI=OFF \
    -DSDL_POWER=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_FILESYSTEM=OFF \
    -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF -DHAVE_ATOF=0 -DHAVE_STRTOD=0 \
    -DCMAKE_C_FLAGS="$SDL_CFLAGS" -DCMAKE_INSTALL_PREFIX="$SDL_PREFIX" >"$work/configure.log" 2>&1 \
    || { tail -30 "$work/configure.log"; exit 1; }
  cmake --build "$work/build" -j"$(nproc)" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
  cmake --install "$work/build" >/dev/null
  touch "$SDL_PREFIX/.complete"
  rm -rf "$work"
fi

# --- 3. npm packages ---------------------------------------------------------
lock="$ROOT/tools/package-lock.json"
stamp="$ROOT/tools/node_modules/.steppe-lock.sha"
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "npm packages: up to date"
else
  log "installing npm packages (npm ci)"
  (cd "$ROOT/tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
fi
log "setup complete"
