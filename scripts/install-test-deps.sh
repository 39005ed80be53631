#!/usr/bin/env bash
# Installs what the browser end-to-end tests need and is missing, and only that:
# Debian's Chromium with its language packs (chromium-l10n: without it the extension cannot run in Japanese) +
# ChromeDriver, Firefox ESR with its Japanese language pack, a Japanese font (so screenshots show 日本語), openssl
# (the fixture server's throwaway certificate). npm packages (playwright-core, puppeteer-core, web-ext) come from
# package-lock.json through ./build.sh. No browser is ever downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

apt_ensure chromium chromium-l10n chromium-driver firefox-esr firefox-esr-l10n-ja fonts-ipafont-gothic openssl ca-certificates
for b in /usr/bin/chromium /usr/bin/firefox-esr /usr/bin/openssl; do
  [ -x "$b" ] || die "$b is missing after install"
done
