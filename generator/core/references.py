"""Rules that span files: unique ids, references, lecture numbers, the hierarchy."""

from __future__ import annotations

import difflib
import os
import posixpath
import re

from .t2s import simplified
from .contentfiles import in_kind_folder
from .messages import INVISIBLE, WARNING, Label, Problem, Text
from .model import Record
from .schema import ANY_KIND, KIND_BY_NAME, Kind


def id_key(record_id: str) -> str:
    return record_id.casefold()


def check_ids(records: list[Record]) -> tuple[dict[str, Record], list[Problem]]:
    """Map each case-folded id to its record; every clash is reported in both files."""
    by_id: dict[str, Record] = {}
    problems = []
    for record in records:
        other = by_id.setdefault(id_key(record.id), record)
        if other is record:
            continue
        for here, there in ((record, other), (other, record)):
            problems.append(Problem(here.path, here.line_of("id"), "id-duplicate",
                                    {"id": here.id, "other": there.path}))
    return by_id, problems


def check_references(records: list[Record], by_id: dict[str, Record], by_file: dict[str, Record],
                     content_root: str) -> list[Problem]:
    problems = []
    ids_by_kind, titles = ids_of_kinds(by_id), Titles(by_id.values())
    for record in records:
        problems += record_reference_problems(record, by_id, ids_by_kind, titles, by_file, content_root)
    return problems


def ids_of_kinds(by_id: dict[str, Record]) -> dict[str, list[str]]:
    """The ids of each kind (what a missing reference's suggestions are chosen from)."""
    ids_by_kind: dict[str, list[str]] = {}
    for record in by_id.values():
        ids_by_kind.setdefault(record.kind, []).append(record.id)
    return ids_by_kind


def record_reference_problems(record: Record, by_id: dict[str, Record], ids_by_kind: dict[str, list[str]],
                              titles: Titles, by_file: dict[str, Record], content_root: str) -> list[Problem]:
    """The problems of one record's references (the preview re-runs this for the records a change concerns)."""
    problems = []
    for ref in record.references:
        if ref.target_path is None:
            problems += _check_reference(record, ref, by_id, ids_by_kind, titles)
        else:
            problems += _check_file_link(record, ref, by_file, content_root)
    return problems


def _suggestion(ref, ids_by_kind, by_id, titles: Titles) -> Text:
    """What to write instead of an id that does not exist: the id of the record bearing that
    title, the closest ids, or the closest title."""
    titled = titles.find(ref.target, ref.kind, close=False)
    if titled:
        return Text("ref-title", title=titled.title, path=titled.path, id=titled.id)
    candidates = [r.id for r in by_id.values()] if ref.kind == ANY_KIND else ids_by_kind.get(ref.kind, [])
    close = difflib.get_close_matches(ref.target, candidates, n=3, cutoff=0.4)
    if close:
        return Text("closest-ids", ids=close)
    titled = titles.find(ref.target, ref.kind, close=True)
    if titled:
        return Text("ref-title-close", title=titled.title, path=titled.path, id=titled.id)
    return Text("no-close-ids")


BODY_LABEL = Label("正文中的链接", "link in the body")


class Titles:
    """Records by their title, for a reference written as a title instead of an id. Built on
    the first such reference: most checks never need it."""

    def __init__(self, records):
        self.records, self.by_key = records, None

    def find(self, text: str, kind: str, close: bool) -> Record | None:
        """The record of `kind` titled `text` (ignoring script, spaces and invisible characters);
        with `close`, the one whose title is nearest."""
        if self.by_key is None:
            self.by_key = {}
            for record in self.records:
                self.by_key.setdefault(title_key(record.title), []).append(record)
        key = title_key(text)
        found = [r for r in self.by_key.get(key, []) if kind in (ANY_KIND, r.kind)]
        if found or not close:
            return found[0] if found else None
        keys = [k for k, rs in self.by_key.items() if any(kind in (ANY_KIND, r.kind) for r in rs)]
        nearest = difflib.get_close_matches(key, keys, n=1, cutoff=0.5)
        return next(r for r in self.by_key[nearest[0]] if kind in (ANY_KIND, r.kind)) if nearest else None


def title_key(text: str) -> str:
    return simplified(_SPACES.sub("", INVISIBLE.sub("", text))).casefold()


_SPACES = re.compile(r"\s+")


def _check_reference(record, ref, by_id, ids_by_kind, titles: Titles) -> list[Problem]:
    label = BODY_LABEL if ref.key == "body" else KIND_BY_NAME[record.kind].by_key[ref.key].label
    args = {"key": f"[[{ref.target}]]" if ref.key == "body" else ref.key, "label": label, "id": ref.target}
    target = by_id.get(id_key(ref.target))
    if target is None:
        return [Problem(record.path, ref.line, "ref-missing",
                        {**args, "kind": Kind(ref.kind), "suggestion": _suggestion(ref, ids_by_kind, by_id, titles)})]
    if ref.kind not in (ANY_KIND, target.kind):
        return [Problem(record.path, ref.line, "ref-wrong-kind",
                        {**args, "kind": Kind(ref.kind), "actual": Kind(target.kind), "path": target.path})]
    problems = []
    if target is record:
        problems.append(Problem(record.path, ref.line, "ref-self", args))
    elif target.id != ref.target:
        problems.append(Problem(record.path, ref.line, "ref-case", {**args, "actual": target.id}, WARNING))
    if _is_public(record) and not _is_public(target):
        hidden = Text("hidden-draft") if target.draft else Text("hidden-internal")
        problems.append(Problem(record.path, ref.line, "ref-hidden", {**args, "hidden": hidden}, WARNING))
    return problems


def _check_file_link(record, ref, by_file, content_root) -> list[Problem]:
    """A plain link to a Markdown file in a body: a reference to the record in that file, or to
    an ordinary page of the site (a .md outside the kind folders, published by MkDocs)."""
    target = by_file.get(ref.target_path)
    if target is None and ref.target_path and not in_kind_folder(ref.target_path) \
            and os.path.isfile(os.path.join(content_root, ref.target_path)):
        return []
    if target is None:
        stem = posixpath.splitext(posixpath.basename(ref.target_path or ref.target))[0]
        alike = sorted({r.id for r in by_file.values() if posixpath.splitext(r.src_uri)[0].endswith(f"/{stem}")})
        write = Text("link-write-id", id=alike[0]) if alike else Text("link-write-any")
        return [Problem(record.path, ref.line, "link-not-record",
                        {"link": ref.target, "label": BODY_LABEL, "write": write})]
    if _is_public(record) and not _is_public(target):
        hidden = Text("hidden-draft") if target.draft else Text("hidden-internal")
        return [Problem(record.path, ref.line, "ref-hidden",
                        {"key": ref.target, "label": BODY_LABEL, "id": target.id, "hidden": hidden}, WARNING)]
    return []


def _is_public(record: Record) -> bool:
    return not record.draft and not record.internal


def check_lecture_numbers(records: list[Record]) -> list[Problem]:
    seen: dict[tuple, Record] = {}
    problems = []
    for record in records:
        if record.kind != "lecture" or "number" not in record.values or "series" not in record.values:
            continue
        key = (record.values["series"], record.values["number"])
        other = seen.setdefault(key, record)
        if other is not record:
            for here, there in ((record, other), (other, record)):
                problems.append(Problem(here.path, here.line_of("number"), "lecture-number-duplicate",
                                        {"series": key[0], "number": key[1], "other": there.path}))
    return problems


def check_hierarchy(records: list[Record], by_id: dict[str, Record]) -> list[Problem]:
    """Report every organisation that sits on a cycle of `parent` links."""
    def parent_of(record):
        target = by_id.get(id_key(record.values.get("parent", "")))
        return target if target is not None and target.kind == "branch" else None

    problems, done = [], set()
    for start in records:
        if start.kind != "branch" or id(start) in done:
            continue
        chain, position = [], {}
        node = start
        while node is not None and id(node) not in done and id(node) not in position:
            position[id(node)] = len(chain)
            chain.append(node)
            node = parent_of(node)
        cycle = chain[position[id(node)]:] if node is not None and id(node) in position else []
        if len(cycle) > 1:  # an organisation naming itself is reported once, as ref-self
            names = " → ".join(r.id for r in cycle + [cycle[0]])
            for member in cycle:
                problems.append(Problem(member.path, member.line_of("parent"), "parent-cycle",
                                        {"chain": names}))
        done.update(id(r) for r in chain)
    return problems

