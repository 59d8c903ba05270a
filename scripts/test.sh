#!/usr/bin/env bash
# Run the whole test suite, installing everything it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
# fonts-noto-cjk makes the screenshots kept from browser tests legible.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  elif [ "${CI:-}" = "true" ]; then
    echo "chromium is missing and cannot be installed (need root and apt-get)" >&2; exit 1
  fi
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m pytest -q "$@"
