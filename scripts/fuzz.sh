#!/usr/bin/env bash
# Fuzzes the engine with libFuzzer (the cargo-fuzz targets of crate/fuzz) on stable Rust: check_url, check_page
# (structured facts), check_page_json (raw JSON facts). Seeds the corpora from the case tables (crate/tests/cases,
# scripts/fuzz-seeds.py), builds the targets (with cargo alone; through cargo-fuzz, installed when missing, for a
# sanitizer build), and runs every target for a bounded time.
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
# crate/fuzz/artifacts/TARGET/; replay it with `crate/fuzz/target/<host triple>/release/TARGET FILE` (or
# `cd crate && cargo fuzz run TARGET FILE`) and print it with `cargo fuzz fmt TARGET FILE`. The corpora grow in crate/fuzz/corpus/ (git-ignored) from run to run.
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
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
FUZZ_TARGET_DIR="$ROOT/crate/fuzz/target"

# With no sanitizer, the targets are built by cargo itself with the flags cargo-fuzz would pass (its
# src/project.rs: libFuzzer's coverage instrumentation, `--cfg fuzzing`, debug assertions), so a new machine
# needs no cargo-fuzz (its install took ~2.5 min). A sanitizer build goes through cargo-fuzz, installed if missing.
if [ "$SAN" != none ]; then
  have_cf=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have_cf" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (found: ${have_cf:-none}; takes ~2 min)"
    t=$(now)
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force --quiet \
      || die "cargo install cargo-fuzz $CARGO_FUZZ_VERSION failed"
    note "cargo-fuzz installed in $(elapsed "$t") s"
  fi
fi

if have python3; then
  python3 scripts/fuzz-seeds.py crate/fuzz/corpus
else
  note "python3 missing: corpora not seeded from the case tables"
fi

# a quick build for short runs (16 codegen units, opt-level 1: about half the build time of a full one, and fast
# enough for a short run); one codegen unit and opt-level 3 (faster fuzzing) for long ones
CGU=1 OPT=3
if [ "$SECS" -lt 120 ]; then CGU=16 OPT=1; fi
say "building the fuzz targets (sanitizer: $SAN)"
mkdir -p target
t=$(now)
if [ "$SAN" = none ]; then
  flags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
  flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table"
  flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
  flags+=" -Cllvm-args=-simplifycfg-branch-fold-threshold=0 -Cdebug-assertions -Ccodegen-units=$CGU"
  case "$TRIPLE" in *-linux-*) flags+=" -Cllvm-args=-sanitizer-coverage-stack-depth" ;; esac
  build() {
    RUSTFLAGS="$flags${RUSTFLAGS:+ $RUSTFLAGS}" cargo build --manifest-path crate/fuzz/Cargo.toml \
      --target "$TRIPLE" --release --config 'profile.release.debug="line-tables-only"' \
      --config "profile.release.opt-level=$OPT" --bins \
      --target-dir "$FUZZ_TARGET_DIR"
  }
  run_target() { # TARGET ARGS...
    local target=$1
    shift
    "$FUZZ_TARGET_DIR/$TRIPLE/release/$target" "$@"
  }
else
  build() { (cd crate && cargo fuzz build --sanitizer "$SAN" --codegen-units "$CGU"); }
  run_target() {
    local target=$1
    shift
    (cd crate && cargo fuzz run --sanitizer "$SAN" --codegen-units "$CGU" "$target" -- "$@")
  }
fi
if ! build >"$ROOT/target/fuzz-build.log" 2>&1; then
  tail -40 target/fuzz-build.log >&2
  die "building the fuzz targets failed (target/fuzz-build.log)"
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
  # (libFuzzer writes crash inputs to -artifact_prefix; cargo-fuzz sets the same one)
  run_target "$target" "$ROOT/crate/fuzz/corpus/$target" -artifact_prefix="$ROOT/crate/fuzz/artifacts/$target/" \
    -max_total_time="$SECS" -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" -timeout="$TIMEOUT" \
    -print_final_stats=1 ${OMAMORI_FUZZ_ARGS:-} >"$log" 2>&1
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
