"""What the core reads from a record's Markdown body besides `[[id]]` links: the files it
names (so a build publishes exactly the files its records use) and how deeply it nests
(Python-Markdown recurses once per level and runs out of stack near 300).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Deeper than this is never writing, and would take seconds per level before crashing.
MAX_NESTING = 20

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^(?:\s*>)+")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
# ![alt](target "title"), [text](target), <img src="target">, <a href="target">, <source src=…>
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_HTML_LINK = re.compile(r"<[a-zA-Z][^>]*?\s(?:src|href|poster)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.MULTILINE)


def nesting_problem(body: str) -> tuple[int, int] | None:
    """(offset of the first line nested deeper than MAX_NESTING, its depth), or None.

    A list item's depth is its indentation in steps of four columns (Python-Markdown's);
    a quote's is its count of ">". Fenced code is not Markdown and is skipped.
    """
    fence = None
    for offset, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        quotes = _QUOTES.match(line)
        depth = quotes.group().count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        item = _LIST_ITEM.match(rest)
        if item:
            depth += len(item.group(1).expandtabs(4)) // 4 + 1
        if depth > MAX_NESTING:
            return offset, depth
    return None


def file_targets(body: str) -> list[str]:
    """Local paths the body links or embeds (Markdown links and images, HTML src/href),
    as written, without query or fragment; web addresses and in-page anchors are left out."""
    targets = []
    for pattern in (_MARKDOWN_LINK, _HTML_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(body):
            parts = urlsplit(match.group(1))
            if parts.scheme or parts.netloc or not parts.path:
                continue
            targets.append(unquote(parts.path))
    return targets
