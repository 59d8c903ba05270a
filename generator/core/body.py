"""What the core reads from a record's Markdown body besides `[[id]]` links: the files it
names (so a build publishes exactly the files its records use) and how deeply it nests
(Python-Markdown recurses once per level and runs out of stack near 300).
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote, urlsplit

from .codeblocks import CODE_SPAN, code_lines

# Deeper than this is never writing, and would take seconds per level before crashing.
MAX_NESTING = 20

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^(?:\s*>)+")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
# ![alt](target "title"), [text](target), <img src="target">, <a href="target">, <source src=…>
_MARKDOWN_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_HTML_LINK = re.compile(r"<([a-zA-Z]+)[^>]*?\s(?:src|href|poster)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(r"^()\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")


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


def local_links(body: str) -> Iterator[tuple[int, str, bool]]:
    """(0-based line, address as written, whether it is embedded (an image, `src`)) for each
    local address the body links or embeds outside code: Markdown links and images, reference
    definitions, HTML src/href/poster. Web addresses and in-page anchors are left out."""
    if "](" not in body and "]:" not in body and "<" not in body:  # no line can hold one
        return
    for number, (line, is_code) in enumerate(zip(body.split("\n"), code_lines(body))):
        if is_code or ("](" not in line and "]:" not in line and "<" not in line):
            continue
        spans = [m.span() for m in CODE_SPAN.finditer(line)]
        found = []
        for pattern in (_MARKDOWN_LINK, _HTML_LINK, _REFERENCE_DEFINITION):
            found += [(m.start(), m.group(2), m.group(1) == "!" or m.group(1).lower() not in ("", "a"))
                      for m in pattern.finditer(line)]
        for start, url, embedded in sorted(found):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or any(a <= start < b for a, b in spans):
                continue
            yield number, url, embedded


def file_targets(body: str) -> list[str]:
    """Local paths the body links or embeds, as written, without query or fragment."""
    return [unquote(urlsplit(url).path) for _, url, _ in local_links(body)]
