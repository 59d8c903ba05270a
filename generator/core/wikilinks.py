"""`[[id]]` and `[[id|text]]` links in a record's body: where they are, and what they become.

Found once per file (with their lines, so an unknown id is reported where it is written).
What one becomes in a build is decided once, by `wikilink_target`: rendered pages read it
through the Markdown extension in site/wikilinks.py, plain text (summaries, search) through
`wikilinks_as_text`. Code (fenced, indented, code spans) is left as written, as Python-Markdown
leaves it (core/codeblocks.py).
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from .codeblocks import CODE_SPAN, code_lines

WIKILINK = re.compile(r"(?<!\\)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


def wikilink_target(target_id: str, text: str | None, resolve_published: Callable) -> tuple[str, object]:
    """(the words shown, the record linked to) for `[[target_id|text]]` in one build.

    A published target is linked, with the author's text or its title. An unpublished one is not
    linked and leaves only the author's text, or nothing: never its id or title.
    """
    target = resolve_published(target_id)
    if target is None:
        return text or "", None
    return text or target.title, target


def _matches_outside_code(body: str) -> Iterator[tuple[int, re.Match]]:
    if "[[" not in body:  # most bodies: no need to tell code from text
        return
    for number, (line, is_code) in enumerate(zip(body.split("\n"), code_lines(body))):
        if is_code or "[[" not in line:
            continue
        spans = [m.span() for m in CODE_SPAN.finditer(line)]
        for match in WIKILINK.finditer(line):
            if not any(a <= match.start() < b for a, b in spans):
                yield number, match


def find_wikilinks(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line within the body, id) for every wiki link outside code."""
    for number, match in _matches_outside_code(body):
        yield number, match.group(1).strip()


def wikilinks_as_text(body: str, resolve_published: Callable) -> str:
    """The body with every wiki link outside code replaced by the words it shows in this build."""
    lines = body.split("\n")
    for number, match in reversed(list(_matches_outside_code(body))):
        text = match.group(2).strip() if match.group(2) else None
        words, _ = wikilink_target(match.group(1).strip(), text, resolve_published)
        line = lines[number]
        lines[number] = line[:match.start()] + words + line[match.end():]
    return "\n".join(lines)
