"""Check one source file against its kind's schema and turn it into a Record.

Everything here depends on one file alone, so a changed file can be re-checked
without touching the others; what spans files lives in `references.py`.
"""

from __future__ import annotations

import os
import posixpath

from .fields import ID_PATTERN, Field, nearest
from .loader import Source
from .messages import ERROR, WARNING, Problem, Text
from .model import ANY_KIND, Record, Reference
from .schema import KindSchema
from .settings import Settings
from .wikilinks import find_wikilinks


class Checker:
    """Collects the problems and references of one file while its fields are checked."""

    def __init__(self, source: Source, kind: KindSchema, settings: Settings, src_uri: str,
                 record_id: str = ""):
        self.source, self.kind, self.settings, self.src_uri = source, kind, settings, src_uri
        self.record_id = record_id
        self.problems: list[Problem] = []
        self.references: list[Reference] = []
        self.images: list[tuple[str, bool]] = []

    # -- reporting -------------------------------------------------------------
    def error(self, path: tuple, code: str, **args) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(*path), code, args, ERROR))
        return None

    def warning(self, path: tuple, code: str, **args) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(*path), code, args, WARNING))
        return None

    def reference(self, path: tuple, kind: str, target: str, line: int | None = None) -> None:
        """Note a reference to check once every file is read (at the line of `path` by default)."""
        self.references.append(Reference(self.record_id, path[0], path, line or self.source.line_of(*path),
                                         kind, target))

    # -- files under content/ ----------------------------------------------------
    def resolve_content_path(self, value: str) -> str | None:
        """A path written in front matter, as a posix path relative to content/ (None if outside)."""
        if value.startswith("/"):
            joined = value.lstrip("/")
        else:
            joined = posixpath.join(posixpath.dirname(self.src_uri), value)
        normal = posixpath.normpath(joined)
        if normal == ".." or normal.startswith("../") or normal.startswith("/"):
            return None
        return normal

    def content_file_exists(self, rel: str) -> bool:
        exists = os.path.isfile(os.path.join(self.settings.content_root, rel))
        self.images.append((rel, exists))
        return exists

    # -- fields ------------------------------------------------------------------
    def check_fields(self, data: dict, fields: dict, path: tuple) -> dict:
        result = {}
        for key, value in data.items():
            field = fields.get(key)
            if field is None:
                best = nearest(key, fields, cutoff=0.6)
                suggestion = (Text("did-you-mean-key", best=best) if best
                              else Text("allowed-keys", allowed=list(fields)))
                self.error(path + (key,), "unknown-key", key=key, suggestion=suggestion)
                continue
            if value is None or value == "" and not field.required:
                continue  # an empty optional field, as left in a template, is simply absent
            checked = field.type.check(value, field, path + (key,), self)
            if checked is not None:
                result[key] = checked
        for field in fields.values():
            # An empty list is left to the list's own minimum (one message, not two).
            if field.required and data.get(field.key) in (None, ""):
                if field.key in data:
                    self.error(path + (field.key,), "empty-value", key=field.key, label=field.label)
                else:
                    self.error(path, "required", key=field.key, label=field.label,
                               example=_example_line(field))
        return result


def _example_line(field: Field) -> str:
    example = field.example if field.example is not None else field.type.example()
    if isinstance(example, list):
        if example and isinstance(example[0], dict):
            first = next(iter(example[0].items()))
            return f"{field.key}: [{{{first[0]}: {first[1]}}}]"
        return f"{field.key}: [{', '.join(map(str, example))}]"
    return f"{field.key}: {example}"


def default_id(src_uri: str) -> str:
    """`lectures/水利大讲堂/071.md` → `水利大讲堂/071`."""
    return src_uri.split("/", 1)[1].rsplit(".", 1)[0]


def build_record(source: Source, kind: KindSchema, settings: Settings, src_uri: str
                 ) -> tuple[Record | None, list[Problem]]:
    """Check a source against its kind. A record is returned whenever it has a usable id."""
    if not source.has_front_matter and not source.problems:
        source.problems.append(Problem(source.path, 1, "no-front-matter"))
    written_id = source.data.get("id")
    record_id = str(written_id).strip() if isinstance(written_id, (str, int)) and not isinstance(
        written_id, bool) else default_id(src_uri)
    checker = Checker(source, kind, settings, src_uri, record_id)
    problems = list(source.problems)
    if source.has_front_matter and not any(p.code.startswith(("yaml", "unclosed", "front-matter"))
                                           for p in source.problems):
        values = checker.check_fields(source.data, kind.by_key, ())
    else:
        values = {}
    for offset, target in find_wikilinks(source.body):
        line = source.body_line + offset
        checker.reference(("body",), ANY_KIND, target, line)
    problems += checker.problems
    if "id" not in source.data and not ID_PATTERN.match(record_id):
        problems.append(Problem(source.path, 1, "id-format",
                                {"value": record_id, "hint": Text("id-format-hint-file")}))
    if not ID_PATTERN.match(record_id):
        return None, problems
    record = Record(source.path, src_uri, kind.name, record_id, values, source.lines,
                    source.body, source.body_line, checker.references, checker.images)
    return record, problems
