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
from typing import Iterator
from urllib.parse import unquote, urlsplit

from .body import local_links


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
    code: inline and reference-style links and `<a href>` (body.local_links finds them)."""
    for number, url, embedded in local_links(body):
        if not embedded and linked_file(url, "") is not None:
            yield number, url
