#!/usr/bin/env bash
# Install headless Chromium and its WebDriver (Debian packages `chromium` and
# `chromium-driver`) for the browser tests of the review pages.
#
# Does nothing when /usr/bin/chromium and /usr/bin/chromedriver are present.
# Installs only when running as root on a Debian/Ubuntu system with apt-get;
# otherwise prints what to do and exits 0, so `make test` still runs (the
# browser tests then skip with a message).
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    exit 0
fi

if [[ "$(id -u)" != "0" ]]; then
    echo "browser_deps: chromium/chromedriver missing; run as root: apt-get install chromium chromium-driver" >&2
    echo "browser_deps: the browser tests will be skipped" >&2
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "browser_deps: no apt-get on this system; install Chromium and a matching chromedriver by hand" >&2
    echo "browser_deps: the browser tests will be skipped" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver
