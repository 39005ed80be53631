#!/usr/bin/env bash
# Omamori's one test command (CI runs exactly this through .ci/run).
#
#   ./test.sh
#
# Stages, stopping at the first failure:
#   1. build        ./build.sh (so a fresh clone works: installs the Rust target, wasm-bindgen-cli, npm packages)
#   2. test deps    scripts/install-test-deps.sh (Debian's chromium, chromium-driver, firefox-esr, a Japanese font)
#   3. core tests   cargo test --workspace
#   4. wasm tests   cargo test -p omamori --target wasm32-unknown-unknown --test wasm (wasm-bindgen-test-runner, Node)
#   5. lint         web-ext lint --source-dir dist/firefox (0 errors)
#   6. e2e          node --test tests/e2e/ (Chromium via playwright-core, Firefox ESR via puppeteer-core, on the
#                   built dist/chrome and dist/firefox; screenshots in tests/e2e/out/)
#   7. fuzz         scripts/fuzz.sh 20: libFuzzer (the cargo-fuzz targets, built by cargo) on check_url, check_page and
#                   check_page_json, 10 s each (OMAMORI_FUZZ_SECONDS), corpora seeded from crate/tests/cases
#
# OMAMORI_SKIP=e2e,lint  skips stages by name (for local iteration; CI skips nothing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/node_modules/.bin:$PATH"
export NO_UPDATE_NOTIFIER=1 CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

LOGDIR=$(mktemp -d)
trap 'rm -rf "$LOGDIR"' EXIT
T_ALL=$(now)
STAGES=()      # "name<TAB>status<TAB>seconds<TAB>passed<TAB>failed<TAB>skipped"
PASSED=0 FAILED=0 SKIPPED=0

summary() {
  echo
  echo "================================ summary ================================"
  local s name status secs p f k
  for s in "${STAGES[@]}"; do
    IFS=$'\t' read -r name status secs p f k <<<"$s"
    if [ -n "$p$f$k" ]; then
      printf '  %-12s %-7s %7s s   %s passed, %s failed, %s skipped\n' "$name" "$status" "$secs" "${p:-0}" "${f:-0}" "${k:-0}"
    else
      printf '  %-12s %-7s %7s s\n' "$name" "$status" "$secs"
    fi
  done
  printf '  %-12s %-7s %7s s\n' total "" "$(elapsed "$T_ALL")"
  echo "========================================================================="
}

skipped_by_user() { [[ ",${OMAMORI_SKIP:-}," == *",$1,"* ]]; }

# Sums cargo's "test result: ok. N passed; M failed; K ignored" lines and node's "ℹ pass N"/"# pass N" lines.
count_tests() {
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i+1) ~ /^passed/) p += $i
        if ($(i+1) ~ /^failed/) f += $i
        if ($(i+1) ~ /^ignored/) k += $i
      }
    }
    /^(ℹ|#) pass [0-9]+$/      { p += $3 }
    /^(ℹ|#) fail [0-9]+$/      { f += $3 }
    /^(ℹ|#) (skipped|todo) [0-9]+$/ { k += $3 }
    END { printf "%d\t%d\t%d\n", p, f, k }
  ' "$1"
}

# stage NAME COUNTS(yes|no) COMMAND...
stage() {
  local name=$1 counts=$2; shift 2
  if skipped_by_user "$name"; then
    STAGES+=("$name	skipped	0			")
    echo "---- $name: skipped (OMAMORI_SKIP)"
    return 0
  fi
  echo
  echo "---- stage: $name: $*"
  local t log rc p="" f="" k=""
  t=$(now)
  log="$LOGDIR/$name.log"
  set +e
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$counts" = yes ]; then
    IFS=$'\t' read -r p f k < <(count_tests "$log")
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + k))
  fi
  if [ "$rc" -ne 0 ]; then
    STAGES+=("$name	FAILED	$(elapsed "$t")	$p	$f	$k")
    summary
    echo "FAILED at stage '$name' (exit $rc): $*"
    [ "$counts" = yes ] && echo "tests: $PASSED passed, $((FAILED > 0 ? FAILED : 1)) failed, $SKIPPED skipped"
    exit "$rc"
  fi
  STAGES+=("$name	ok	$(elapsed "$t")	$p	$f	$k")
}

wasm_tests() {
  cargo test -p omamori --target wasm32-unknown-unknown --test wasm
}

web_ext_lint() {
  [ -d dist/firefox ] || die "dist/firefox is missing (build stage)"
  # Exits non-zero when the add-on has errors; warnings are shown and allowed.
  node_modules/.bin/web-ext lint --source-dir dist/firefox --no-config-discovery
}

fuzz_short() {
  scripts/fuzz.sh "${OMAMORI_FUZZ_SECONDS:-10}"
}

e2e() {
  mkdir -p tests/e2e/out
  node --test --test-reporter=spec --test-concurrency=1 --test-timeout=180000 tests/e2e/
}

stage build no ./build.sh
stage test-deps no scripts/install-test-deps.sh
stage core-tests yes cargo test --workspace
stage wasm-tests yes wasm_tests
stage lint no web_ext_lint
stage e2e yes e2e
stage fuzz no fuzz_short

summary
echo "screenshots: tests/e2e/out/"
if [ "$PASSED" -eq 0 ]; then
  echo "FAILED: no test ran"
  exit 1
fi
echo "all stages passed"
echo "tests: $PASSED passed, $FAILED failed, $SKIPPED skipped"
