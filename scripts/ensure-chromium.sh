#!/usr/bin/env bash
# The browser tests drive Debian's chromium with Playwright for Python (Playwright's own browser
# download is not used). Install it when it is missing and we can; otherwise say what to do.
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
Chromium was not found at $CHROMIUM and could not be installed here.
Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.
The browser tests (marked e2e) will be skipped until then.
MSG
exit 0
