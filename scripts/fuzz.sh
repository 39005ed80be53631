#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer) on stable Rust: check_url, check_page (structured facts),
# check_page_json (raw JSON facts). Installs cargo-fuzz when missing, seeds the corpora from the case tables
# (crate/tests/cases, scripts/fuzz-seeds.py), builds, and runs every target for a bounded time.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 20 s, every target
#
#   OMAMORI_FUZZ_SANITIZER=address   build with AddressSanitizer (default none: the crate has no unsafe code,
#                                    and the build is twice as fast; debug assertions and overflow checks are on)
#   OMAMORI_FUZZ_RSS_MB=2048         memory limit per target (libFuzzer -rss_limit_mb, also -malloc_limit_mb)
#   OMAMORI_FUZZ_TIMEOUT=10          seconds one input may take before it counts as a hang (-timeout)
#   OMAMORI_FUZZ_ARGS="..."          more libFuzzer flags
#
# A crash, a hang or an out-of-memory input stops the run with a non-zero exit and the input saved under
# crate/fuzz/artifacts/TARGET/; replay it with `cd crate && cargo fuzz run TARGET FILE` and print it with
# `cargo fuzz fmt TARGET FILE`. The corpora grow in crate/fuzz/corpus/ (git-ignored) from run to run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# cargo-fuzz passes -Z flags to rustc; stable rustc accepts them with RUSTC_BOOTSTRAP (no nightly here).
export RUSTC_BOOTSTRAP=1
CARGO_FUZZ_VERSION=0.13.2
SECS=${1:-20}
shift || true
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(check_url check_page check_page_json)
SAN=${OMAMORI_FUZZ_SANITIZER:-none}
RSS=${OMAMORI_FUZZ_RSS_MB:-2048}
TIMEOUT=${OMAMORI_FUZZ_TIMEOUT:-10}

have cargo || die "cargo not found"
have_cf=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_cf" != "$CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (found: ${have_cf:-none}; takes ~1 min)"
  t=$(now)
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force --quiet \
    || die "cargo install cargo-fuzz $CARGO_FUZZ_VERSION failed"
  note "cargo-fuzz installed in $(elapsed "$t") s"
fi

if have python3; then
  python3 scripts/fuzz-seeds.py crate/fuzz/corpus
else
  note "python3 missing: corpora not seeded from the case tables"
fi

BUILD=(--sanitizer "$SAN")
# a quick build for short runs; one codegen unit (faster fuzzing) for long ones
if [ "$SECS" -lt 120 ]; then BUILD+=(--codegen-units 16); fi
say "building the fuzz targets (sanitizer: $SAN)"
mkdir -p target
t=$(now)
if ! (cd crate && cargo fuzz build "${BUILD[@]}" >"$ROOT/target/fuzz-build.log" 2>&1); then
  tail -40 target/fuzz-build.log >&2
  die "cargo fuzz build failed (target/fuzz-build.log)"
fi
note "built in $(elapsed "$t") s"

LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT
status=0
for target in "${TARGETS[@]}"; do
  say "fuzzing $target for $SECS s"
  mkdir -p "crate/fuzz/corpus/$target" "crate/fuzz/artifacts/$target"
  log="$LOGS/$target.log"
  set +e
  (cd crate && cargo fuzz run "${BUILD[@]}" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECS" -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" -timeout="$TIMEOUT" \
    -print_final_stats=1 ${OMAMORI_FUZZ_ARGS:-}) >"$log" 2>&1
  rc=$?
  set -e
  done_line=$(grep -E '^#[0-9]+\s+DONE' "$log" | tail -1 || true)
  runs=$(sed -nE 's/^stat::number_of_executed_units:\s+([0-9]+)/\1/p' "$log" | tail -1)
  eps=$(sed -nE 's/^stat::average_exec_per_sec:\s+([0-9]+)/\1/p' "$log" | tail -1)
  rss=$(sed -nE 's/^stat::peak_rss_mb:\s+([0-9]+)/\1/p' "$log" | tail -1)
  cov=$(sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, features \2, corpus \3/p' <<<"$done_line")
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -20 >&2 || true
    tail -40 "$log" >&2
    cp "$log" "crate/fuzz/artifacts/$target/last-failure.log"
    echo "FUZZ $target: FAILED (exit $rc) after ${runs:-?} runs; input saved under crate/fuzz/artifacts/$target/"
  else
    echo "FUZZ $target: ok, ${runs:-?} runs in $SECS s (${eps:-?} exec/s), ${cov:-?}, peak RSS ${rss:-?} MB, 0 crashes"
  fi
done
exit "$status"
