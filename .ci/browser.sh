#!/usr/bin/env bash
# The browser for the reporter pages' tests: Debian's chromium and chromium-driver
# (/usr/bin/chromium, /usr/bin/chromedriver), installed when missing. Prints nothing on success
# but the versions; exits non-zero when they cannot be installed (the tests would then fail).
set -euo pipefail

log() { echo "browser.sh: $*" >&2; }

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    [[ $(id -u) -eq 0 ]] || { log "chromium/chromedriver missing; run as root or install Debian's chromium and chromium-driver"; exit 1; }
    log "installing Debian's chromium and chromium-driver"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
fi
/usr/bin/chromedriver --version >&2
