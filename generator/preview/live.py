"""The project kept in memory while previewing, brought up to date one changed file at a time.

A saved file is re-read and re-checked on its own; the rules that span files are brought up to
date for what the change concerns (core/crosscheck.py: no file read, the same problems as a full
check); the index drops the file's old record and adds the new one, and re-adds the records whose
links it changes.

A file whose latest version has errors of its own keeps its last good version on the pages
(the errors are shown over them): a half-typed line does not blank the page being edited.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.checkcache import stamp
from ..core.contentfiles import scan_content
from ..core.crosscheck import CrossCheck
from ..core.index import Index
from ..core.messages import ERROR, Problem
from ..core.model import Record
from ..core.project import Edition, Project, Visibility, load_record, read_bytes
from ..core.references import id_key
from ..core.settings import Settings


@dataclass
class FileState:
    stamp: bytes  # of the bytes last read
    problems: list[Problem]  # of the latest version, on its own
    shown: Record | None  # the latest version without errors of its own, if any


class LiveProject:
    def __init__(self, settings: Settings, visibility: Visibility):
        self.settings = settings
        self.files: dict[str, FileState] = {}  # src_uri -> state, for every record file
        self.tree_problems: list[Problem] = []
        self.project = Project(settings)
        self.project.edition = Edition(self.project, visibility)
        self.cross_check: CrossCheck | None = None
        self._order: list[str] | None = None  # the files in order, until one comes or goes
        src_uris, self.tree_problems = scan_content(settings)
        for src_uri in src_uris:
            state = self._read(src_uri, None)
            if state is not None:
                self.files[src_uri] = state
        self._check()
        edition = self.project.edition
        self.project.index = Index.build(edition.records(), edition.resolve_published)

    def update(self, src_uris, rescan: bool = False, others=()) -> list[str]:
        """Re-read these record files (relative to content/; gone ones are dropped); with
        `rescan`, look for files that came or went too. `others` are other files under content/
        that came, went or changed (an image, a page): the records naming them, and those with
        problems, are checked again. Returns the files whose record or problems changed."""
        before = {uri: state.shown for uri, state in self.files.items()}
        if rescan:
            found, self.tree_problems = scan_content(self.settings)
            src_uris = set(src_uris) | (set(found) ^ set(self.files))
        others = set(others)
        again = {uri for uri, state in self.files.items() if others and (state.problems or (
            state.shown is not None and any(rel in others for rel, _ in state.shown.files)))}
        changed = []
        for src_uri in sorted(set(src_uris) | again):
            previous = self.files.get(src_uri)
            state = self._read(src_uri, previous, force=src_uri in again)
            if state is previous:
                continue
            changed.append(src_uri)
            if state is None or previous is None:
                self._order = None
            if state is None:
                del self.files[src_uri]
            else:
                self.files[src_uri] = state
        if changed or rescan or others:  # a page a body links to may have come or gone
            self._check()
        if changed:
            self._update_index({uri: before.get(uri) for uri in changed})
        return changed

    def _read(self, src_uri: str, previous: FileState | None, force: bool = False) -> FileState | None:
        """The file's state now: `previous` itself when its bytes did not change (unless `force`),
        None when it is gone."""
        try:
            raw = read_bytes(self.settings, src_uri)
        except OSError:  # deleted, or a folder now: not a record any more
            return None
        file_stamp = stamp(raw)
        if previous is not None and previous.stamp == file_stamp and not force:
            return previous
        # (not the check cache: it keeps only what the cross-checks read, pages need every value)
        record, problems = load_record(self.settings, src_uri, raw)
        good = record is not None and not any(p.severity == ERROR for p in problems)
        shown = record if good else previous.shown if previous is not None else None
        return FileState(file_stamp, problems, shown)

    def _check(self) -> None:
        """The problems of every file on its own, then the rules that span files, over the records shown."""
        project = self.project
        if self._order is None:
            self._order = sorted(self.files)
        project.records = [state.shown for state in map(self.files.__getitem__, self._order) if state.shown is not None]
        project.problems = list(self.tree_problems)
        for state in self.files.values():
            project.problems += state.problems
        if self.cross_check is None:
            self.cross_check = CrossCheck(project)
        else:
            self.cross_check.update()

    def _update_index(self, before: dict[str, Record | None]) -> None:
        """Drop the old records of changed files, add the new ones, and re-add every record whose
        links may resolve differently now: those naming an id that came or went, and those
        sharing such an id (a duplicate). Records are added in file order, as Index.build does."""
        index, edition = self.project.index, self.project.edition
        touched = set()
        for src_uri, old in before.items():
            new = self.files[src_uri].shown if src_uri in self.files else None
            if old is new:
                continue
            if old is not None:
                index.remove(old.id)
                touched.add(id_key(old.id))
            if new is not None:
                touched.add(id_key(new.id))
        for record in self.cross_check.concerned(touched):  # the new records among them
            if edition.publishes(record):
                index.add(record)

    @property
    def errors(self) -> list[Problem]:
        return self.project.errors

