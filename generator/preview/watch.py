"""Saved files, gathered into batches for the preview (watchdog, which MkDocs itself uses:
inotify on Linux, so 10,000 files cost nothing between saves).

An editor's save is often several events (a temporary file written, renamed over the old
one): events are gathered until none has come for a moment, then applied together.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from ..core.contentfiles import in_kind_folder, is_ignored

QUIET_SECONDS = 0.03  # a batch is applied once no event came for this long
MAX_WAIT_SECONDS = 0.2  # …or this long after its first event


@dataclass
class Changes:
    records: set = field(default_factory=set)  # record files (relative to content/) saved or gone
    others: set = field(default_factory=set)  # other files under content/
    rescan: bool = False  # files came or went in the kind folders
    reload: bool = False  # mkdocs.yml or the theme: everything is loaded again


class _Gatherer(FileSystemEventHandler):
    def __init__(self, preview):
        self.preview = preview
        self.changes = Changes()
        self.event = threading.Condition()
        self.first = None

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        with self.event:
            for path in filter(None, paths):
                self._note(os.fsdecode(path), event)
            self.event.notify()

    def _note(self, path: str, event) -> None:
        site = self.preview.site
        config = site.config
        path = os.path.abspath(path)
        if path == self.preview.config_file or any(
                _inside(path, d) for d in config.theme.dirs[:1] if config.theme.custom_dir):
            self.changes.reload = True
            return
        docs = os.path.abspath(config.docs_dir)
        if not _inside(path, docs):
            return
        src_uri = os.path.relpath(path, docs).replace(os.sep, "/")
        if any(map(is_ignored, src_uri.split("/"))):
            return  # hidden files: an editor's swap and backup files among them
        if in_kind_folder(src_uri):
            if event.is_directory or event.event_type != "modified" or src_uri not in site.live.files:
                self.changes.rescan = True
            if not event.is_directory:
                self.changes.records.add(src_uri)
        elif not event.is_directory:
            self.changes.others.add(src_uri)

    def run(self) -> None:
        """Hand batches to the preview, one at a time, for ever (a daemon thread)."""
        while True:
            with self.event:
                self.event.wait_for(lambda: self._pending())
                started = _now()
                while True:  # until quiet, or waited long enough
                    before = _size(self.changes)
                    self.event.wait(QUIET_SECONDS)
                    if _size(self.changes) == before or _now() - started > MAX_WAIT_SECONDS:
                        break
                changes, self.changes = self.changes, Changes()
            self.preview.apply(changes)

    def _pending(self) -> bool:
        return _size(self.changes) > 0


def _size(changes: Changes) -> int:
    return len(changes.records) + len(changes.others) + changes.rescan + changes.reload


def _now() -> float:
    return time.monotonic()


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(os.path.abspath(folder) + os.sep)


def watch(preview) -> Observer:
    """Start watching the project folder (mkdocs.yml, content/, the theme); returns the observer."""
    gatherer = _Gatherer(preview)
    observer = Observer()
    config = preview.site.config
    folders = {os.path.dirname(preview.config_file), os.path.abspath(config.docs_dir)}
    if config.theme.custom_dir:
        folders.add(os.path.abspath(config.theme.custom_dir))
    for folder in sorted(folders):
        # The project folder itself only for mkdocs.yml (not recursively: site/ and .cache/ change).
        recursive = folder != os.path.dirname(preview.config_file)
        observer.schedule(gatherer, folder, recursive=recursive)
    observer.daemon = True
    observer.start()
    threading.Thread(target=gatherer.run, name="showcase-changes", daemon=True).start()
    return observer
