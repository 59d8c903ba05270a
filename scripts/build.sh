#!/usr/bin/env bash
# Build the showcase from the bundled sample content into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build "$@"
echo "网站已生成：site/index.html   (预览 / preview: .venv/bin/showcase serve)"
