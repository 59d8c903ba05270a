"""Paths and links written in a record file, and what under content/ they point to.

A front-matter path (`cover: ../assets/x.png`) and a plain link in a body (`[材料](../branches/x.md)`,
`[材料][ref]` with `[ref]: /branches/x.md`, `<a href="x.md#part">`) are read the same way:
relative to the file, or from content/ when they start with `/`. A link to a record's file is
a reference to that record, like `[[id]]`: checked when every file is read (references.py) and,
in a build, written as the record's address or, for a record the build leaves out, dropped
with its words kept (Edition.linked_record, read by site/recordlinks.py).
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterator
from urllib.parse import unquote, urlsplit

from .codeblocks import CODE_SPAN, code_lines

# What the check reads as links, line by line outside code (the build reads the parsed page).
_INLINE = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^)\s]+)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)")
_ANCHOR = re.compile(r"<a\s[^>]*?\bhref\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def content_path(written: str, from_src_uri: str) -> str | None:
    """A path written in the file `from_src_uri`, as a posix path relative to content/, or None
    when it leaves content/."""
    if written.startswith("/"):
        joined = written.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(from_src_uri), written)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    return normal


def linked_file(url: str, from_src_uri: str) -> tuple[str | None, str] | None:
    """For a link to a Markdown file (`x.md`, `../branches/x.md#part`, any letter case):
    (its path under content/, or None when it leaves content/; "#part" or ""). None for any
    other link (an address, an image, a web page, `#part` alone)."""
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path.lower().endswith(".md"):
        return None
    return content_path(path, from_src_uri), f"#{parts.fragment}" if parts.fragment else ""


def find_file_links(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line within the body, URL as written) for each link to a Markdown file outside
    code: inline and reference-style links and `<a href>`."""
    if ".md" not in body.lower() and "%" not in body:  # most bodies: no need to find their code
        return
    for number, (line, is_code) in enumerate(zip(body.split("\n"), code_lines(body))):
        if is_code or (".md" not in line.lower() and "%" not in line):
            continue
        spans = [m.span() for m in CODE_SPAN.finditer(line)]
        found = [(m.start(), m.group(2)) for m in _INLINE.finditer(line) if not m.group(1)]
        found += [(m.start(), m.group(1)) for m in _DEFINITION.finditer(line)]
        found += [(m.start(), m.group(1).strip("\"'")) for m in _ANCHOR.finditer(line)]
        for start, url in sorted(found):
            url = url[1:-1] if url.startswith("<") and url.endswith(">") else url
            if linked_file(url, "") is not None and not any(a <= start < b for a, b in spans):
                yield number, url
