"""Load a whole knowledge base: find → read → check → cross-check → index.

This is the core's entry point; it knows nothing of MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .addresses import check_collisions, check_reserved
from .checkcache import CheckCache, stamp
from .contentfiles import in_kind_folder, scan_content
from .index import Index
from .links import linked_file
from .loader import read_source
from .messages import ERROR, Problem
from .model import Record
from .references import check_hierarchy, check_ids, check_lecture_numbers, check_references, id_key
from .schema import KIND_BY_FOLDER
from .settings import Settings
from .validate import build_record


@dataclass
class Visibility:
    """Which records a build publishes."""

    internal: bool = False  # include visibility: internal
    drafts: bool = False  # include draft: true

    def publishes(self, record: Record) -> bool:
        return (self.internal or not record.internal) and (self.drafts or not record.draft)


@dataclass
class Edition:
    """The project as one build publishes it: the one answer to "is this record in this build?"."""

    project: "Project"
    visibility: Visibility

    def publishes(self, record: Record) -> bool:
        return self.visibility.publishes(record)

    def records(self) -> list[Record]:
        return [r for r in self.project.records if self.visibility.publishes(r)]

    def resolve_published(self, record_id) -> Record | None:
        """The record a written id names, or None when there is none or this build leaves it out."""
        record = self.project.resolve(str(record_id))
        return record if record is not None and self.visibility.publishes(record) else None

    def linked_record(self, url: str, from_src_uri: str) -> tuple[Record | None, str] | None:
        """For a plain link to a Markdown file written in `from_src_uri`: (the record in that file
        if this build publishes it, else None; "#part" or ""). None for any other link, and for a
        link to an ordinary page (a .md outside the kind folders, which MkDocs links itself)."""
        linked = linked_file(url, from_src_uri)
        if linked is None:
            return None
        path, fragment = linked
        if path and not in_kind_folder(path):
            return None
        record = self.project.record_at(path) if path else None
        return (self.resolve_published(record.id) if record is not None else None), fragment

    def published(self, ids) -> list[Record]:
        """The records a field's id or ids name that this build publishes; the others leave no trace."""
        if isinstance(ids, str):
            ids = [ids]
        return [r for r in map(self.resolve_published, ids or ()) if r is not None]


@dataclass
class Project:
    settings: Settings
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[str, Record] = field(default_factory=dict)  # case-folded id -> record
    by_file: dict[str, Record] = field(default_factory=dict)  # src_uri -> record
    edition: Edition | None = None  # what the index was built for
    index: Index | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def resolve(self, record_id: str) -> Record | None:
        return self.by_id.get(id_key(record_id))

    def record_at(self, src_uri: str) -> Record | None:
        """The record read from this file (relative to content/), if any."""
        return self.by_file.get(src_uri)


def read_bytes(settings: Settings, src_uri: str, root: str | None = None) -> bytes:
    with open(os.path.join(root or settings.content_root, src_uri), "rb") as fh:
        return fh.read()


def load_record(settings: Settings, src_uri: str, raw: bytes | None = None
                ) -> tuple[Record | None, list[Problem]]:
    """Check one file (its bytes `raw`, read if not given) on its own (what an edit needs re-done)."""
    kind = KIND_BY_FOLDER[src_uri.split("/", 1)[0]]
    if raw is None:
        raw = read_bytes(settings, src_uri)
    source = read_source(raw, settings.display_path(src_uri))
    return build_record(source, kind, settings, src_uri)


def load_project(settings: Settings, visibility: Visibility | None = None,
                 cache: CheckCache | None = None, build_index: bool = True) -> Project:
    """Read, check and cross-check every record; index the ones `visibility` publishes."""
    project = Project(settings)
    src_uris, project.problems = scan_content(settings)
    root = settings.content_root
    for src_uri in src_uris:
        hit = raw = None
        if cache is not None:
            raw = read_bytes(settings, src_uri, root)
            file_stamp = stamp(raw)
            hit = cache.get(src_uri, file_stamp)
        if hit is not None:
            record, problems = hit
        else:
            record, problems = load_record(settings, src_uri, raw)
            if cache is not None:
                cache.put(src_uri, file_stamp, record, problems, record.files if record else [])
        project.problems += problems
        if record is not None:
            project.records.append(record)
    if cache is not None:
        cache.save(src_uris)
    cross_check(project)
    project.edition = Edition(project, visibility or Visibility())
    if build_index:  # links to unpublished records are left out of it
        project.index = Index.build(project.edition.records(), project.edition.resolve_published)
    return project


def cross_check(project: Project) -> None:
    """The rules that need every record: ids, references, lecture numbers, hierarchy."""
    project.by_id, problems = check_ids(project.records)
    project.by_file = {record.src_uri: record for record in project.records}
    problems += check_references(project.records, project.by_id, project.by_file, project.settings.content_root)
    problems += check_lecture_numbers(project.records)
    problems += check_hierarchy(project.records, project.by_id)
    problems += check_reserved(project.records, project.settings.reserved_addresses)
    problems += check_collisions(project.records)
    project.problems += problems
    project.problems.sort(key=Problem.sort_key)
