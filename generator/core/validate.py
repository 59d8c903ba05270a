"""Check one source file against its kind's schema and turn it into a Record.

Everything here depends on one file alone, so a changed file can be re-checked
without touching the others; what spans files lives in `references.py`.
"""

from __future__ import annotations

import os

from .addresses import FACET_FIELDS, id_problem, segment_problem, slug
from .body import MAX_NESTING, file_targets, nesting_problem
from .fields import ID_PATTERN, Field, nearest
from .links import content_path, find_file_links, linked_file
from .loader import Source
from .messages import ERROR, WARNING, Label, Problem, Text
from .model import ANY_KIND, Record, Reference
from .schema import FIELD_PLACES, Kind, KindSchema
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
        self.files: list[tuple[str, bool]] = []

    # -- reporting -------------------------------------------------------------
    def error(self, path: tuple, code: str, **args) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(*path), code, args, ERROR))
        return None

    def warning(self, path: tuple, code: str, **args) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(*path), code, args, WARNING))
        return None

    def written(self, path: tuple, value):
        """The value at `path` as the author wrote it (2012.10, not 2012.1), for messages."""
        return self.source.written(path, value)

    def reference(self, path: tuple, kind: str, target: str, line: int | None = None,
                  target_path: str | None = None) -> None:
        """Note a reference to check once every file is read (at the line of `path` by default)."""
        self.references.append(Reference(self.record_id, path[0], path, line or self.source.line_of(*path),
                                         kind, target, target_path))

    # -- files under content/ ----------------------------------------------------
    def resolve_content_path(self, value: str) -> str | None:
        """A path written in front matter, as a posix path relative to content/ (None if outside)."""
        return content_path(value, self.src_uri)

    def content_file_exists(self, rel: str) -> bool:
        exists = os.path.isfile(os.path.join(self.settings.content_root, rel))
        self.files.append((rel, exists))
        return exists

    def inside_content(self, rel: str) -> bool:
        """Whether a path under content/ stays there once links are followed."""
        root = os.path.realpath(self.settings.content_root)
        return os.path.realpath(os.path.join(root, rel)).startswith(root + os.sep)

    def note_body_files(self, body: str) -> None:
        """Remember the files the body names, so that a build publishes them with the record."""
        for target in file_targets(body):
            rel = self.resolve_content_path(target)
            # A link to a page (a record or an ordinary page) is not a file the record uses.
            if rel is not None and not rel.lower().endswith(".md") and self.inside_content(rel):
                self.content_file_exists(rel)

    def check_addresses(self, values: dict) -> None:
        """Values that name a page (tags, series…) must be able to be a folder of site/."""
        for key in FACET_FIELDS:
            value = values.get(key)
            items = value if isinstance(value, list) else [] if value is None else [value]
            for i, item in enumerate(items):
                problem = segment_problem(slug(item))
                if problem:
                    field = self.kind.by_key[key]
                    path = (key, i) if isinstance(value, list) else (key,)
                    self.error(path, problem[0], key=key, label=field.label, value=item, **problem[1])

    def check_lecture_file(self, values: dict) -> None:
        """A lecture file named by its number (079.md) must carry that number."""
        name = self.src_uri.rsplit("/", 1)[-1]
        stem = name[:-3]
        if stem.isascii() and stem.isdigit() and "number" in values and int(stem) != values["number"]:
            self.warning(("number",), "lecture-number-file", name=name, file_number=int(stem),
                         number=values["number"])

    # -- fields ------------------------------------------------------------------
    def other_kinds_field(self, key: str) -> Text | None:
        """For a key this kind has nowhere (stars on a case): the kinds that have it."""
        places = FIELD_PLACES.get(key, [])
        if not places or any(kind == self.kind.name for kind, _ in places):
            return None
        owners = [Text("field-owner-sub", kind=Kind(kind), parent=parent) if parent
                  else Text("field-owner", kind=Kind(kind)) for kind, parent in places]
        return Text("other-kinds-field", kind=Kind(self.kind.name), owners=owners)

    def check_fields(self, data: dict, fields: dict, path: tuple) -> dict:
        result = {}
        for key, value in data.items():
            field = fields.get(key)
            if field is None:
                best = nearest(key, fields, cutoff=0.6)
                suggestion = ((not path and self.other_kinds_field(key))
                              or (Text("did-you-mean-key", best=best) if best
                                  else Text("allowed-keys", allowed=list(fields))))
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


ID_LABEL = Label("编号", "id")


def default_id(src_uri: str) -> str:
    """`lectures/水利大讲堂/071.md` → `水利大讲堂/071`."""
    return src_uri.split("/", 1)[1].rsplit(".", 1)[0]


def build_record(source: Source, kind: KindSchema, settings: Settings, src_uri: str
                 ) -> tuple[Record | None, list[Problem]]:
    """Check a source against its kind. A record is returned whenever it has a usable id."""
    if not source.has_front_matter and not source.problems:
        source.problems.append(Problem(source.path, 1, "no-front-matter"))
    written_id = source.written(("id",), source.data.get("id"))
    record_id = str(written_id).strip() if isinstance(written_id, (str, int)) and not isinstance(
        written_id, bool) else default_id(src_uri)
    checker = Checker(source, kind, settings, src_uri, record_id)
    problems = list(source.problems)
    if source.has_front_matter and not any(p.code.startswith(("yaml", "unclosed", "front-matter"))
                                           for p in source.problems):
        values = checker.check_fields(source.data, kind.by_key, ())
        checker.check_addresses(values)
    else:
        values = {}
    checker.note_body_files(source.body)
    too_deep = nesting_problem(source.body)
    if too_deep:
        checker.problems.append(Problem(source.path, source.body_line + too_deep[0], "body-too-deep",
                                        {"depth": too_deep[1], "max": MAX_NESTING}))
    for offset, target in find_wikilinks(source.body):
        line = source.body_line + offset
        checker.reference(("body",), ANY_KIND, target, line)
    for offset, url in find_file_links(source.body):
        path, _ = linked_file(url, src_uri)
        checker.reference(("body",), ANY_KIND, url, source.body_line + offset, path or "")
    if kind.name == "lecture":
        checker.check_lecture_file(values)
    problems += checker.problems
    if "id" not in source.data and not ID_PATTERN.match(record_id):
        problems.append(Problem(source.path, 1, "id-format",
                                {"value": record_id, "hint": Text("id-format-hint-file")}))
    if not ID_PATTERN.match(record_id):
        return None, problems
    unusable = id_problem(record_id)
    if unusable:  # a record without an address would crash the build: it is not built
        problems.append(Problem(source.path, source.line_of("id") if "id" in source.data else 1,
                                unusable[0], {"key": "id", "label": ID_LABEL, "value": record_id,
                                              **unusable[1]}))
        return None, problems
    record = Record(source.path, src_uri, kind.name, record_id, values, source.lines,
                    source.body, source.body_line, checker.references, checker.files)
    return record, problems
