"""The files under content/: which are records, which are in the wrong place, which lead out.

Every file in a kind folder is a record (`.md`, any letter case) or an error that says what
to do with it; the build publishes none of the others. Hidden files (a name starting with
".") and the files Windows and macOS leave behind are ignored: never read, never published.
A symbolic link is followed only to a file inside content/; a link to anything outside, and
any link to a folder, is an error, and the build refuses to start while one exists (MkDocs
would follow it).
"""

from __future__ import annotations

import os

from .messages import Problem, Text
from .schema import KIND_BY_FOLDER
from .settings import Settings

SYSTEM_FILES = ("thumbs.db", "desktop.ini")  # written into folders by Windows Explorer
WORD_EXTENSIONS = (".docx", ".doc", ".wps", ".rtf")
OTHER_MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")


def is_ignored(name: str) -> bool:
    return name.startswith(".") or name.lower() in SYSTEM_FILES


def is_record_name(name: str) -> bool:
    return name.lower().endswith(".md") and not is_ignored(name)


def is_published_as_is(src_uri: str) -> bool:
    """Whether MkDocs may copy this file from content/ unchanged: no file of a kind folder
    (records become pages; the rest is an error) and nothing hidden."""
    return not in_kind_folder(src_uri) and not any(map(is_ignored, src_uri.split("/")))


def in_kind_folder(src_uri: str) -> bool:
    return "/" in src_uri and src_uri.split("/", 1)[0] in KIND_BY_FOLDER


def scan_content(settings: Settings) -> tuple[list[str], list[Problem]]:
    """The records (posix paths relative to content/, sorted) and the problems of the tree."""
    root = settings.content_root
    real_root = os.path.realpath(root)
    records, problems = [], []

    def report(src_uri: str, code: str, **args) -> None:
        problems.append(Problem(settings.display_path(src_uri), 1, code, args))

    for src_uri, entry in _entries(root):
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if os.path.isdir(target):
                report(src_uri, "folder-link", target=os.readlink(entry.path))
                continue
            if not target.startswith(real_root + os.sep):
                report(src_uri, "path-outside", target=os.readlink(entry.path))
                continue
        if not in_kind_folder(src_uri) or any(map(is_ignored, src_uri.split("/"))):
            continue
        if is_record_name(entry.name):
            records.append(src_uri)
        else:
            report(src_uri, "stray-file", hint=_stray_hint(entry.name))
    records.sort()
    return records, problems


def find_record_files(content_root: str) -> list[str]:
    """The records under the kind folders, as posix paths relative to content/, sorted."""
    return scan_content(Settings(os.path.dirname(content_root), os.path.basename(content_root)))[0]


def _entries(root: str):
    """(posix path relative to root, DirEntry) of every file and link, never following a link."""
    pending = [""]
    while pending:
        rel_dir = pending.pop()
        try:
            with os.scandir(os.path.join(root, rel_dir)) as listing:
                entries = list(listing)
        except OSError:
            continue  # a folder that vanished or cannot be read: nothing in it is published either
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            else:
                yield rel, entry


def _stray_hint(name: str) -> Text:
    lower = name.lower()
    if lower.endswith(WORD_EXTENSIONS):
        return Text("stray-word")
    if lower.endswith(".md.txt"):
        return Text("stray-md-txt", name=name[:-4])
    if lower.endswith(OTHER_MARKDOWN_EXTENSIONS):
        return Text("stray-markdown", name=name.rsplit(".", 1)[0] + ".md")
    return Text("stray-other")
