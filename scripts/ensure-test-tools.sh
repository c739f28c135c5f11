#!/usr/bin/env bash
# The programs the suite opens real files with, as their users would: Debian's chromium (driven
# by Playwright for Python; Playwright's own browser download is not used), poppler's PDF tools
# (pdftotext, pdfinfo, pdfimages, pdftoppm) and zbar's zbarimg (reads the QR codes printed on
# certificates and posters). Install what is missing when we can; otherwise say what to do.
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -x "$CHROMIUM" ] && command -v pdftotext >/dev/null && command -v zbarimg >/dev/null && exit 0
fi
cat >&2 <<MSG
Missing and not installable here: ${missing[*]}.
Install them (Debian/Ubuntu: sudo apt-get install chromium poppler-utils zbar-tools) or set
CHROMIUM_PATH. Until then the browser tests (marked e2e) and the tests that open PDFs or read
QR codes are skipped, and pytest's summary lists them as skipped.
MSG
exit 0
