#!/usr/bin/env bash
# Runs every benchmark and prints the figures (asserts nothing; not part of ./test.sh). See bench/README.md.
#
#   scripts/bench.sh [native|wasm|extension ...]     default: all three
#
#   native     cargo bench -p omamori --bench engine   (check_url URLs/s over ../shared/data, check_page times)
#   wasm       node bench/wasm.mjs                     (the built extension/pkg under Node)
#   extension  node bench/extension-cost.mjs 15        (Chromium with dist/chrome: page-load cost, worker wake, zip)
#
# Needs ./build.sh first (wasm, extension); the extension benchmark also needs scripts/install-test-deps.sh.
# Figures move with the machine's load: run on a quiet machine, and compare runs made on the same one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
WHAT=("$@")
[ "${#WHAT[@]}" -gt 0 ] || WHAT=(native wasm extension)
for w in "${WHAT[@]}"; do
  case "$w" in
    native)
      # The release profile aborts on panic; bench targets unwind. Building the library both ways into the same
      # file names races (cargo's "output filename collision"), so the bench profile unwinds here.
      CARGO_PROFILE_BENCH_PANIC=unwind cargo bench -q -p omamori --bench engine
      ;;
    wasm) node bench/wasm.mjs ;;
    extension) node bench/extension-cost.mjs "${OMAMORI_BENCH_ROUNDS:-15}" ;;
    *) echo "unknown benchmark: $w (native, wasm, extension)" >&2; exit 2 ;;
  esac
  echo
done
