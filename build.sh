#!/usr/bin/env bash
# Builds Omamori: the Rust core to WebAssembly, the extension for Chrome and Firefox, and the native CLI.
#
#   ./build.sh                      build everything (installs what is missing, and only that)
#   OMAMORI_WITH_BROWSERS=1 ./build.sh   also install the browsers the e2e tests drive (scripts/install-test-deps.sh)
#   OMAMORI_WASM_OPT=0 ./build.sh   skip wasm-opt (npm binaryen)
#   OMAMORI_VERBOSE=1 ./build.sh    show cargo's full output
#
# Outputs:
#   extension/pkg/                  wasm-bindgen output (omamori.js + omamori_bg.wasm), imported by the background
#   dist/chrome/, dist/firefox/     unpacked extensions (extension/ less dev files + per-browser manifest.json;
#                                   content/content.js is extension/content's parts joined: scripts/join-content.mjs)
#   dist/omamori-chrome.zip, dist/omamori-firefox.xpi
#   target/release/omamori          the native CLI
#
# Works on a brand-new Debian 12 machine (root, package registries only) and is quiet on a kept one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/node_modules/.bin:$PATH"
CARGO_Q=(--quiet)
[ "${OMAMORI_VERBOSE:-0}" = 1 ] && CARGO_Q=()
WASM_TARGET=wasm32-unknown-unknown
WASM_OUT=target/$WASM_TARGET/wasm-release/omamori.wasm
T0=$(now)

# ---------------------------------------------------------------- tools
have cargo || die "cargo not found (install Rust with rustup first)"
have node || die "node not found"
have npm || die "npm not found"
apt_ensure zip gzip advancecomp

if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "adding Rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET" >&2
fi

if [ ! -f Cargo.lock ]; then
  say "generating Cargo.lock"
  cargo generate-lockfile "${CARGO_Q[@]}"
fi
WB_VERSION=$(cargo_lock_version wasm-bindgen Cargo.lock)
[ -n "$WB_VERSION" ] || die "no wasm-bindgen package in Cargo.lock"
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_wbtr=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" != "$WB_VERSION" ] || [ "$have_wbtr" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (found: ${have_wb:-none}; takes ~2 min)"
  # Not --locked: a locked dependency version is missing from the registry (see shared/TOOLCHAIN.md).
  t=$(now)
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --no-default-features --force "${CARGO_Q[@]}" \
    || die "cargo install wasm-bindgen-cli $WB_VERSION failed"
  note "wasm-bindgen-cli installed in $(elapsed "$t") s"
fi

# npm packages (dev tools only: binaryen, web-ext, playwright-core, puppeteer-core). Re-installed only when
# node_modules is missing or package-lock.json changed since the last install.
NPM_STAMP=node_modules/.omamori-lock.sha256
lock_sha=$(file_sha package-lock.json)
if [ ! -d node_modules ] || [ "$(cat "$NPM_STAMP" 2>/dev/null || true)" != "$lock_sha" ]; then
  say "installing npm packages (npm ci)"
  t=$(now)
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci failed"
  echo "$lock_sha" >"$NPM_STAMP"
  note "npm packages installed in $(elapsed "$t") s"
fi

if [ "${OMAMORI_WITH_BROWSERS:-0}" = 1 ]; then
  scripts/install-test-deps.sh
fi

# ---------------------------------------------------------------- wasm core
say "building the wasm core"
cargo build --profile wasm-release --target "$WASM_TARGET" -p omamori --lib "${CARGO_Q[@]}"
[ -f "$WASM_OUT" ] || die "cargo did not produce $WASM_OUT"

say "wasm-bindgen -> extension/pkg"
PKG_TMP=$(mktemp -d)
trap 'rm -rf "$PKG_TMP"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$PKG_TMP" "$WASM_OUT"
BG_WASM="$PKG_TMP/omamori_bg.wasm"
[ -f "$BG_WASM" ] || die "wasm-bindgen did not write omamori_bg.wasm"
RAW_BEFORE_OPT=$(stat -c %s "$BG_WASM")
if [ "${OMAMORI_WASM_OPT:-1}" != 0 ]; then
  # npm's binaryen (Debian's binaryen 108 produces modules that fail to instantiate).
  # The optimised module is cached by the input's hash (wasm-opt takes ~8 s; a kept machine skips it).
  OPT_CACHE=target/wasm-opt-cache
  WASM_OPT_FLAGS=(-O3 --detect-features)
  opt_key="$(file_sha "$BG_WASM")-O3"
  if [ -f "$OPT_CACHE/$opt_key.wasm" ]; then
    cp "$OPT_CACHE/$opt_key.wasm" "$BG_WASM"
  elif [ -x node_modules/.bin/wasm-opt ]; then
    if node_modules/.bin/wasm-opt "${WASM_OPT_FLAGS[@]}" "$BG_WASM" -o "$PKG_TMP/opt.wasm"; then
      mv "$PKG_TMP/opt.wasm" "$BG_WASM"
      rm -rf "$OPT_CACHE"
      mkdir -p "$OPT_CACHE"
      cp "$BG_WASM" "$OPT_CACHE/$opt_key.wasm"
    else
      note "wasm-opt failed; keeping the unoptimised module"
      rm -f "$PKG_TMP/opt.wasm"
    fi
  else
    note "npm binaryen missing: wasm-opt skipped"
  fi
fi
rm -rf extension/pkg
mkdir -p extension/pkg
cp "$PKG_TMP"/* extension/pkg/

# ---------------------------------------------------------------- extension packages
[ -f manifest.json ] || die "manifest.json (the source manifest) is missing"
[ -d extension ] || die "extension/ is missing"
for browser in chrome firefox; do
  out=dist/$browser
  rm -rf "$out"
  mkdir -p "$out"
  # extension/ less development files, and less content/: the content script's parts, joined below.
  top=()
  for e in extension/*; do
    [ "$e" = extension/content ] && continue
    top+=("${e#extension/}")   # dotfiles are left out
  done
  tar -C extension \
    --exclude='.*' --exclude='*.md' --exclude='*.map' --exclude='*.test.*' --exclude='*.spec.*' \
    --exclude='tests' --exclude='test' --exclude='node_modules' --exclude='package.json' \
    --exclude='package-lock.json' --exclude='tsconfig.json' --exclude='*.ts' --exclude='manifest.json' \
    -cf - -- "${top[@]}" | tar -C "$out" -xf -
  # The content script: its parts (extension/content/parts.txt) joined into one script in one closure.
  mkdir -p "$out/content"
  node scripts/join-content.mjs "$out/content/content.js" extension/content || die "joining the content script failed"
  node scripts/write-manifest.mjs "$browser" "$out/manifest.json" manifest.json
  # What ships carries no comments (the source keeps them): ~29 KB less in each package.
  node scripts/strip-comments.mjs "$out" || die "taking the comments out of $out failed"
done
rm -f dist/omamori-chrome.zip dist/omamori-firefox.xpi
(cd dist/chrome && zip -qrX -9 ../omamori-chrome.zip .)
(cd dist/firefox && zip -qrX -9 ../omamori-firefox.xpi .)
# Recompressed with 7-Zip's deflate (advzip from Debian's advancecomp; ~5 s): the same standard zip, ~6 % smaller
# than zip -9 (618 → 581 KB on 2026-12-03), the wasm module being most of it.
advzip -q -z -3 dist/omamori-chrome.zip dist/omamori-firefox.xpi || die "advzip failed"

# ---------------------------------------------------------------- native CLI
say "building the native CLI"
cargo build --release -p omamori --bin omamori "${CARGO_Q[@]}"
[ -x target/release/omamori ] || die "cargo did not produce target/release/omamori"

# ---------------------------------------------------------------- sizes
size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
kib() { awk -v b="$1" 'BEGIN { printf "%8.1f KiB", b / 1024 }'; }
W=extension/pkg/omamori_bg.wasm
say "built in $(elapsed "$T0") s"
{
  printf '    %-34s %s (gzip %s)\n' "wasm ($W)" "$(kib "$(size "$W")")" "$(kib "$(gz "$W")")"
  if [ "$RAW_BEFORE_OPT" != "$(size "$W")" ]; then
    printf '    %-34s %s\n' "  before wasm-opt" "$(kib "$RAW_BEFORE_OPT")"
  fi
  printf '    %-34s %s\n' "js glue (extension/pkg/omamori.js)" "$(kib "$(size extension/pkg/omamori.js)")"
  printf '    %-34s %s\n' "dist/omamori-chrome.zip" "$(kib "$(size dist/omamori-chrome.zip)")"
  printf '    %-34s %s\n' "dist/omamori-firefox.xpi" "$(kib "$(size dist/omamori-firefox.xpi)")"
  printf '    %-34s %s\n' "target/release/omamori" "$(kib "$(size target/release/omamori)")"
} >&2
