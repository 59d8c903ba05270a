"""The records of a knowledge base, once read and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .dates import PartialDate, Period
from .loader import KeyLines
from .plaintext import first_paragraph
from .schema import ANY_KIND, KIND_BY_NAME

@dataclass(frozen=True)
class Reference:
    """One front-matter value that names another record."""

    source: str  # id of the referring record
    key: str  # top-level field, e.g. "parent", "branches"
    path: tuple  # full key path, e.g. ("owner", 1)
    line: int
    kind: str  # the kind the target must be, or ANY_KIND
    target: str  # the id as written (for a link to a file: the link as written)
    target_path: str | None = None  # for a link to a Markdown file: its path under content/ ("" if outside)


# What a record from showcase build's cache decodes when first read (core.checkcache.RecordCache).
DEFERRED = ("body", "lines")


@dataclass(eq=False)  # a record is itself: compared by identity, not field by field
class Record(KeyLines):
    path: str  # project-relative, posix: "content/cases/henan-2020.md"
    src_uri: str  # relative to content/: "cases/henan-2020.md"
    kind: str
    id: str
    values: dict  # checked, normalised front matter (dates parsed, refs as ids)
    lines: dict  # key path -> line
    body: str
    body_line: int
    references: list = field(default_factory=list)
    files: list = field(default_factory=list)  # (path under content/, existed) for each file named (front matter, body)

    def __getattr__(self, name: str):
        """Only for an attribute the record does not hold: a record from showcase build's cache
        holds its body and lines undecoded until first read (core.checkcache.RecordCache)."""
        deferred = self.__dict__.get("deferred")
        if deferred is None or name not in DEFERRED:
            raise AttributeError(name)
        value = self.__dict__[name] = deferred(name)
        return value

    @property
    def title(self) -> str:
        return self.values.get("title") or self.id

    @property
    def summary(self) -> str:
        """The summary with no other record known: `[[id]]` links keep only their own text."""
        return self.summary_for(lambda record_id: None)

    def summary_for(self, resolve_published: Callable[[str], "Record | None"]) -> str:
        """The written summary, or the body's first paragraph as plain text, with `[[id]]` links
        read as `resolve_published` (what one build publishes) makes them."""
        return self.values.get("summary") or first_paragraph(self.body, resolve_published)

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
