#!/usr/bin/env bash
# Refreshes the vendored public suffix list (crate/data/public_suffix_list.dat), offline, from the newer of:
#   - Debian's package `publicsuffix`: /usr/share/publicsuffix/public_suffix_list.dat (dated by the package
#     version, e.g. 20230209.2326-1 -> 2023-02-09);
#   - the `publicsuffix` crate's source in ~/.cargo/registry/src: tests/public_suffix_list.dat (dated by the
#     list's own "// VERSION:" header when present, else by the newest date written in its comments).
# The list is kept whole, with its ===BEGIN ICANN DOMAINS=== / ===BEGIN PRIVATE DOMAINS=== markers (the
# private section matters: github.io, workers.dev, duckdns.org are shared hosting).
# Writes crate/data/public_suffix_list.date: one line, the source and the date.
#
#   scripts/update-psl.sh            update when a newer list is found
#   scripts/update-psl.sh --check    only say what would be used (exit 0)
#   scripts/update-psl.sh --force    copy the newest source even if it is not newer than the vendored one
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

DEST=crate/data/public_suffix_list.dat
DATEFILE=crate/data/public_suffix_list.date
MODE=${1:-update}

valid_psl() {
  grep -q '^// ===BEGIN ICANN DOMAINS===' "$1" && grep -q '^// ===END ICANN DOMAINS===' "$1" \
    && grep -q '^// ===BEGIN PRIVATE DOMAINS===' "$1" && grep -q '^// ===END PRIVATE DOMAINS===' "$1" \
    && [ "$(grep -cv '^\s*\(//.*\)\?$' "$1")" -gt 5000 ]
}

# The date a list file carries: "// VERSION: 2024-06-26_..." header, else the newest YYYY-MM-DD in it.
list_date() {
  local v
  v=$(grep -m1 -oE '^// VERSION: [0-9]{4}-[0-9]{2}-[0-9]{2}' "$1" | awk '{print $3}' || true)
  if [ -n "$v" ]; then echo "$v"; return; fi
  grep -oE '\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\b' "$1" | sort | tail -1
}

candidates=()   # "date<TAB>path<TAB>description"
DEB=/usr/share/publicsuffix/public_suffix_list.dat
if [ -f "$DEB" ]; then
  ver=$(dpkg-query -W -f='${Version}' publicsuffix 2>/dev/null || true)
  d=$(echo "$ver" | sed -nE 's/^([0-9]{4})([0-9]{2})([0-9]{2}).*/\1-\2-\3/p')
  [ -n "$d" ] || d=$(list_date "$DEB")
  candidates+=("$d	$DEB	debian publicsuffix ${ver:-?} ($DEB), list dated $d")
fi
shopt -s nullglob
for f in "$HOME"/.cargo/registry/src/*/publicsuffix-[0-9]*/tests/public_suffix_list.dat; do
  crate=$(basename "$(dirname "$(dirname "$f")")")
  d=$(list_date "$f")
  candidates+=("$d	$f	crate $crate (tests/public_suffix_list.dat), list dated $d (newest date in the list)")
done
shopt -u nullglob
[ "${#candidates[@]}" -gt 0 ] || die "no offline public suffix list found (apt-get install publicsuffix, or cargo fetch)"

best=""
for c in "${candidates[@]}"; do
  IFS=$'\t' read -r d f desc <<<"$c"
  valid_psl "$f" || { note "skipping $f: not a whole list with ICANN and PRIVATE sections"; continue; }
  note "found: $desc ($(wc -l <"$f") lines)"
  if [ -z "$best" ]; then best=$c; continue; fi
  IFS=$'\t' read -r bd bf _ <<<"$best"
  # Newer date wins; on a tie, the longer list.
  if [[ "$d" > "$bd" ]] || { [ "$d" = "$bd" ] && [ "$(wc -l <"$f")" -gt "$(wc -l <"$bf")" ]; }; then best=$c; fi
done
[ -n "$best" ] || die "no usable public suffix list found"
IFS=$'\t' read -r bd bf bdesc <<<"$best"

cur_date=""
if [ -f "$DATEFILE" ]; then cur_date=$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$DATEFILE" | tail -1 || true); fi
say "vendored: $(cat "$DATEFILE" 2>/dev/null || echo none)"
say "newest offline source: $bdesc"
if [ "$MODE" = --check ]; then exit 0; fi
if [ -f "$DEST" ] && cmp -s "$bf" "$DEST"; then
  say "vendored list is already that one"
  [ -f "$DATEFILE" ] || echo "$bdesc" >"$DATEFILE"
  exit 0
fi
if [ "$MODE" != --force ] && [ -n "$cur_date" ] && ! [[ "$bd" > "$cur_date" ]]; then
  say "vendored list ($cur_date) is not older than the newest source ($bd): kept (use --force to replace)"
  exit 0
fi
tmp=$(mktemp "$DEST.XXXXXX")
cp "$bf" "$tmp"
valid_psl "$tmp" || { rm -f "$tmp"; die "copied list lost its ICANN/PRIVATE markers"; }
mv "$tmp" "$DEST"
echo "$bdesc" >"$DATEFILE"
say "updated $DEST ($(wc -l <"$DEST") lines) and $DATEFILE"
