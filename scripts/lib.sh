# shellcheck shell=bash
# Helpers shared by build.sh, test.sh and scripts/*.sh. Source it; do not run it.

# One line per step, so a kept machine prints little and a fresh one shows what it installs.
say()  { printf '==> %s\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

# Seconds since the epoch with a fraction, for timings.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# apt_ensure PKG...: install those Debian packages that are not installed yet, and only those.
# Runs `apt-get update` once per process, and only when something is missing.
_APT_UPDATED=${_APT_UPDATED:-0}
apt_missing() {
  local p missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  printf '%s\n' "${missing[@]+"${missing[@]}"}"
}
apt_ensure() {
  local missing
  mapfile -t missing < <(apt_missing "$@" | sed '/^$/d')
  [ "${#missing[@]}" -eq 0 ] && return 0
  have apt-get || die "missing Debian packages (${missing[*]}) and no apt-get to install them"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then have sudo || die "need root (or sudo) to install: ${missing[*]}"; sudo=(sudo); fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$_APT_UPDATED" != 1 ]; then
    "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
    _APT_UPDATED=1
  fi
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# Version of a package in Cargo.lock (first match).
cargo_lock_version() {
  awk -v n="$1" '
    $0 == "[[package]]" { inpkg = 1; name = ""; next }
    inpkg && $1 == "name" { gsub(/"/, "", $3); name = $3; next }
    inpkg && $1 == "version" && name == n { gsub(/"/, "", $3); print $3; exit }
  ' "${2:-Cargo.lock}"
}

# sha256 of a file (or "none").
file_sha() { if [ -f "$1" ]; then sha256sum "$1" | cut -d' ' -f1; else echo none; fi; }
