#!/usr/bin/env bash
# The portals' end-to-end tests drive Debian's Chromium through playwright-core (no browser
# download). Installs it from Debian when missing; needs root or sudo, as any apt-get does.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "Installing Debian's chromium for the portal tests (apt-get)…" >&2
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
