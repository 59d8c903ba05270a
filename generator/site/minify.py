"""Smaller theme scripts and stylesheets.

What a browser loads before the first search results has a byte budget (docs/search.md),
and not every static host compresses. rjsmin and rcssmin only drop comments and
whitespace, so the minified files behave as their sources do.
"""

from __future__ import annotations

import rcssmin
import rjsmin

# Our own theme assets (site/theme/assets/, search/theme/assets/); MkDocs copies them, the
# plugin serves them minified and adds the stylesheets to every page.
STYLESHEETS = ("assets/showcase.css", "assets/search/search.css")
OWN_ASSETS = (*STYLESHEETS, "assets/search/search.js", "assets/search/tokens.js", "assets/search/similar.js")
_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(path: str, text: str) -> str:
    """`text`, the content of `path`, minified according to its extension (.js, .css)."""
    for extension, minifier in _MINIFIERS.items():
        if path.endswith(extension):
            return minifier(text)
    raise ValueError(f"no minifier for {path}")
