#!/usr/bin/env bash
# Create .venv and install the project (and, with --test, what the tests need).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extra}"
