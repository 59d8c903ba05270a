"""`[[id]]` and `[[id|text]]` links in a record's body.

Found once per file (with their lines, so an unknown id is reported where it is
written) and replaced by ordinary Markdown links when the page is rendered.
Code blocks and code spans are left alone.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def _lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    fenced = False
    for number, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def find_wikilinks(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line within the body, id) for every wiki link outside code."""
    for number, line in _lines_outside_code(body):
        for match in WIKILINK.finditer(_CODE_SPAN.sub("", line)):
            yield number, match.group(1).strip()


def replace_wikilinks(body: str, render: Callable[[str, str | None], str]) -> str:
    """Replace every wiki link outside code by `render(id, text)`."""
    lines = body.split("\n")
    for number, line in _lines_outside_code(body):
        spans = [m.span() for m in _CODE_SPAN.finditer(line)]

        def substitute(match):
            if any(a <= match.start() < b for a, b in spans):
                return match.group(0)
            return render(match.group(1).strip(), match.group(2).strip() if match.group(2) else None)

        lines[number] = WIKILINK.sub(substitute, line)
    return "\n".join(lines)
