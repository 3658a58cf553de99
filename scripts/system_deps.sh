#!/usr/bin/env bash
# System packages the test suite uses beyond Python: headless Chromium and its WebDriver
# (Debian `chromium`, `chromium-driver`) for the review-page browser tests, and a CJK font
# (`fonts-wqy-microhei`) for the tests that generate PDFs with Chinese text.
# LibreOffice Writer (`libreoffice-writer-nogui`, the headless build; the full `libreoffice-writer`
# works as well) for the producer matrix: text, HTML and DOCX exported to PDF.
#
# Installs only what is missing, only as root on a system with apt-get; otherwise it prints
# what to do and exits 0, so `make test` still runs (those tests then skip with a message).
set -euo pipefail

need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
[[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || need+=(fonts-wqy-microhei)
[[ -x /usr/bin/soffice ]] || need+=(libreoffice-writer-nogui)
if [[ ${#need[@]} -eq 0 ]]; then
    exit 0
fi

if [[ "$(id -u)" != "0" ]]; then
    echo "system_deps: missing ${need[*]}; run as root: apt-get install ${need[*]}" >&2
    echo "system_deps: the tests that need them will be skipped" >&2
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system_deps: no apt-get on this system; install ${need[*]} by hand" >&2
    echo "system_deps: the tests that need them will be skipped" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q || echo "system_deps: apt-get update failed; trying the install anyway" >&2
apt-get install -y -q --no-install-recommends "${need[@]}" || {
    echo "system_deps: could not install ${need[*]}; the tests that need them will be skipped" >&2
    exit 0
}
