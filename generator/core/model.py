"""The records of a knowledge base, once read and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .dates import PartialDate, Period
from .schema import ANY_KIND, KIND_BY_NAME
from .wikilinks import replace_wikilinks

_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[*_`>#]+")


def _plain(markdown: str) -> str:
    """Markdown of one paragraph as plain text: links keep their text, images and emphasis go."""
    return " ".join(_MARKUP.sub(lambda match: match.group(1) or "", markdown).split())


@dataclass(frozen=True)
class Reference:
    """One front-matter value that names another record."""

    source: str  # id of the referring record
    key: str  # top-level field, e.g. "parent", "branches"
    path: tuple  # full key path, e.g. ("owner", 1)
    line: int
    kind: str  # the kind the target must be, or ANY_KIND
    target: str  # the id as written


@dataclass(eq=False)  # a record is itself: compared by identity, not field by field
class Record:
    path: str  # project-relative, posix: "content/cases/henan-2020.md"
    src_uri: str  # relative to content/: "cases/henan-2020.md"
    kind: str
    id: str
    values: dict  # checked, normalised front matter (dates parsed, refs as ids)
    lines: dict  # key path -> line
    body: str
    body_line: int
    references: list = field(default_factory=list)
    images: list = field(default_factory=list)  # (path under content/, existed) for each image named

    @property
    def title(self) -> str:
        return self.values.get("title") or self.id

    @property
    def summary(self) -> str:
        """The summary with no other record known: `[[id]]` links keep only their own text."""
        return self.summary_for(lambda record_id: None)

    def summary_for(self, title_of: Callable[[str], str | None]) -> str:
        """The written summary, or the body's first paragraph as plain text (≤ 300 chars).

        `title_of` gives the title of a record a `[[id]]` link names, or None when that
        record is not published, in which case the link leaves no trace (not even its id).
        """
        if self.values.get("summary"):
            return self.values["summary"]
        body = replace_wikilinks(self.body, lambda target, text: text or title_of(target) or "")
        for paragraph in body.split("\n\n"):
            text = _plain(paragraph)
            if text and not paragraph.lstrip().startswith(("#", "!", "|", "<", "```")):
                return text[:300]
        return ""

    @property
    def draft(self) -> bool:
        return bool(self.values.get("draft"))

    @property
    def internal(self) -> bool:
        return self.values.get("visibility") == "internal"

    @property
    def folder(self) -> str:
        return self.src_uri.split("/", 1)[0]

    @property
    def url(self) -> str:
        """The record's stable address, relative to the site root."""
        return f"{self.folder}/{self.id}/"

    @property
    def date(self) -> PartialDate | Period | None:
        key = KIND_BY_NAME[self.kind].date_key
        return self.values.get(key) if key else None

    def line_of(self, *path) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1
