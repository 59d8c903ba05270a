"""`showcase build`: MkDocs' build, with every output file that cannot have changed since the
published build reused from it (hard-linked into the new tree) instead of rendered again.

The build is mkdocs.commands.build.build step for step (config, pre_build, files, nav, pages,
static files, theme templates, post_build: the same plugin events in the same order), so the
tree is the one `mkdocs build` writes (tests/test_publish.py compares them byte for byte). What
differs: before a page is rendered, its key is computed from what it is made of; when the
previous build wrote the same key for that address, and the file is still the one it wrote, the
file is linked from the published site instead.

What a key covers (anything a page shows must be in it, or the page is always rendered):
- the whole build (`global_key`): mkdocs.yml, the environment that chooses the edition, the
  versions of every installed package and the bytes of this package (code and templates), the
  site's custom_dir, the ordinary pages of content/ (links resolve against them), the
  search setting. Any change there and nothing is reused.
- a record (`Cards`): its values, body, the files it names (size and time) and, for every record
  it refers to (fields, `[[id]]`, links to record files), that record's id, title, address and
  whether and how (内部/草稿) this build publishes it: whatever another page shows of a record
  (its card, a row, a link) comes from these.
- a record page: its record's card, and its view (panel groups, backlinks, related cases,
  series, breadcrumb) with each record in it by its card. Computing every view is most of a
  build's keying, so a record page keeps the key of the build before when neither its record nor
  any record its view showed changed, and no changed record adds or removes an entry of the
  index its view looked up (`Changes`; the look-ups are Showcase.record_view_reads).
- a generated page made of one template (Page.source): its address, title, breadcrumb and
  the template's context, each record in it by its card.
- anything else (the home and stats pages, the guide, the ordinary pages, the 404 page,
  sitemap, search index) is made again by every build.
- a static file: its source's path, size and modification time, or the bytes of a generated one.

The cache (`.cache/showcase/publish-<site>.marshal` beside mkdocs.yml) holds, per output address,
its key and the size, time and inode of the file written, so a published file changed by
anything else (a plain `mkdocs build`, a hand edit) is not reused. A cache that cannot be read,
was written by another version or for another configuration means a full build; one that
cannot be written costs the next build its reuse, nothing else. Another MkDocs plugin in the
configuration (whose output we cannot key) turns reuse off.

It also holds, per published record, its card and its index entries, and per record page what
its view looked up and showed: what `Changes` compares the next build with.

Beside it, what does not depend on the published site, keyed by content and code: the records
as read (`records.marshal`, core.checkcache.RecordCache: only changed files are parsed, and the
digest of each record as stored stands for its content in its card), each
record's part of /data/*.json by its card (`data.marshal`, `Fragments`), the pinyin of the names
sorted by it (`pinyin.marshal`, `Pinyin`), and the compiled templates (`templates/`, Jinja's bytecode
cache).

The new tree is the site the build before replaced (`.site-spare`, site.output.keep_spare), its
folders kept: every file of it is moved aside first but those the published site shares with it
by inode as the cache describes them (Outputs.prune); a file this build does not take over is
unlinked before anything is written at its address (never written through: it is the published
site's), and what is left unclaimed at the end is removed (Outputs.finish_tree).

The search index keeps Pagefind's scripts in `publish-<site>-search/` (generator/search/ writes
the rest of the bundle itself).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import logging
import marshal
import os
import re
import shutil
import sys
import threading
import time

from jinja2 import FileSystemBytecodeCache
from mkdocs import utils
from mkdocs.commands.build import (_build_extra_template, _build_page, _build_theme_template,
                                   _populate_page)
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import (File, Files, InclusionLevel, _file_sort_key, get_files,
                                    set_exclusions)
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from .core import collation
from .core.checkcache import RecordCache
from .core.model import Record
from .core.schema import KIND_BY_FOLDER
from .site.render import ENV

log = logging.getLogger("mkdocs.commands.build")

FORMAT = 3  # of the cache file
CACHE_FOLDER = os.path.join(".cache", "showcase")
PACKAGE = os.path.dirname(os.path.abspath(__file__))


def cache_file(project_dir: str, site_dir: str) -> str:
    """One cache per published folder: another site_dir (or edition built elsewhere) has its own."""
    name = hashlib.sha256(os.path.abspath(site_dir).encode()).hexdigest()[:16]
    return os.path.join(project_dir, CACHE_FOLDER, f"publish-{name}.marshal")


def _digest(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# -- the whole build ---------------------------------------------------------------------------

def _tree_digest(root: str, hasher) -> None:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            hasher.update(os.path.relpath(path, root).encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as fh:
                    hasher.update(hashlib.blake2b(fh.read(), digest_size=16).digest())
            except OSError:
                hasher.update(b"?")


def _packages() -> list:
    """Every installed distribution: its metadata folder's name (name and version) and its
    metadata file's size and time. Listing the folders costs a fraction of reading every
    METADATA as importlib.metadata.distributions() does (a sixth of a second at each build)."""
    found = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(os.path.join(path, "METADATA" if name.endswith(".dist-info") else "PKG-INFO")
                                 if os.path.isdir(path) else path)
                    found.add((name, st.st_size, st.st_mtime_ns))
                except OSError:
                    found.add((name, None, None))
    return sorted(found, key=repr)


_ENV_TAG = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """The code that makes the output: this package's files, Python's and every package's version."""
    hasher = hashlib.blake2b(repr((FORMAT, sys.version, _packages())).encode(), digest_size=16)
    _tree_digest(PACKAGE, hasher)
    return hasher.hexdigest()


def read_cache(path: str):
    """What a cache file of ours holds (plain data, marshalled: several megabytes load ten
    times faster than as JSON), or None when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or damaged: as if there were none
        return None


def _load_for_code(path: str) -> dict:
    """A cache file of ours written by this very code (code_key), or {}."""
    data = read_cache(path)
    if isinstance(data, dict) and data.get("code") == code_key():
        return data
    return {}


def global_key(config, plugin, files: Files) -> str:
    """What every page depends on: any change here and the build reuses nothing."""
    hasher = hashlib.blake2b(digest_size=16)
    texts = []
    path = config.config_file_path
    while path:  # mkdocs.yml and the files it INHERITs from
        try:
            with open(path, "rb") as fh:
                text = fh.read()
        except OSError:
            break
        texts.append(text)
        match = re.search(rb"^INHERIT:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", text, re.M)
        path = os.path.join(os.path.dirname(path), match.group(1).decode()) if match else None
    environment = {name: os.environ.get(name) for text in texts
                   for name in _ENV_TAG.findall(text.decode("utf-8", "replace"))}
    environment.update((k, v) for k, v in os.environ.items() if k.startswith("SHOWCASE_")
                       and k not in ("SHOWCASE_PUBLISHED_DIR", "SHOWCASE_VERBOSE"))
    ordinary = sorted((f.src_uri, f.dest_uri) for f in files.documentation_pages()
                      if f.src_uri not in plugin.records_by_uri and f.src_uri not in plugin.generated)
    hasher.update(repr((code_key(), texts, sorted(environment.items(), key=str), ordinary,
                        dataclasses.asdict(plugin.visibility), plugin._search(), config.strict,
                        config.theme.dirs)).encode("utf-8", "surrogatepass"))
    if config.theme.custom_dir:
        _tree_digest(config.theme.custom_dir, hasher)
    return hasher.hexdigest()


# -- records and pages -------------------------------------------------------------------------

class Uncacheable(Exception):
    """A value in a page's inputs we cannot key: the page is rendered."""


class Cards:
    """Per record, a digest of everything a page can show of it (see the module's docstring)."""

    def __init__(self, project, digests: dict | None = None):
        self.project = project
        self.edition = project.edition
        self.root = project.settings.content_root
        self.digests = digests or {}  # src_uri -> digest of the record as read (RecordCache.digests)
        self._own: dict[str, str] = {}
        self._cards: dict[str, str] = {}

    def own(self, record: Record) -> str:
        digest = self._own.get(record.src_uri)
        if digest is None:
            files = []
            for rel, _ in record.files:
                try:
                    st = os.stat(os.path.join(self.root, rel))
                    files.append((rel, st.st_size, st.st_mtime_ns))
                except OSError:
                    files.append((rel, None))
            content = self.digests.get(record.src_uri)  # cheaper than repr() of every value
            if content is None:
                content = (record.kind, record.id, record.values, record.body)
            digest = _digest(record.src_uri, content, files, self.edition.publishes(record),
                             record.internal, record.draft)
            self._own[record.src_uri] = digest
        return digest

    def identity(self, record: Record | None):
        if record is None:
            return None
        return (record.id, record.title, record.url, record.kind, self.edition.publishes(record),
                record.internal, record.draft)

    def card(self, record: Record) -> str:
        digest = self._cards.get(record.src_uri)
        if digest is None:
            named = []
            for ref in record.references:
                if ref.target_path is not None:
                    target = self.project.record_at(ref.target_path) if ref.target_path else None
                else:
                    target = self.project.resolve(ref.target)
                named.append((ref.key, ref.target, ref.target_path, self.identity(target)))
            digest = _digest(self.own(record), named)
            self._cards[record.src_uri] = digest
        return digest


class Fragments:
    """Each record's part of /data/*.json (export.records.data_texts), by the record's card, kept
    between builds in a file of its own (valid whatever the site: keyed by content and code)."""

    def __init__(self, path: str, plugin):
        self.path, self.plugin, self.cards = path, plugin, None
        self.before, self.used = _load_for_code(path).get("parts"), {}
        if not isinstance(self.before, dict):
            self.before = {}

    def __call__(self, record: Record, make) -> str:
        if self.cards is None or self.cards.project is not self.plugin.project:
            cache = self.plugin.record_cache
            self.cards = Cards(self.plugin.project, cache.digests if cache is not None else None)
        card = self.cards.card(record)
        entry = self.before.get(card)
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) \
                and _digest(entry[0]) == entry[1]:  # a damaged part may still be JSON
            self.used[card] = entry
            return entry[0]
        text = make()
        self.used[card] = [text, _digest(text)]
        return text

    def save(self) -> None:
        _write_cache(self.path, {"code": code_key(), "parts": self.used})


class Pinyin:
    """The syllables of the names sorted by pinyin (core.collation.KNOWN), kept between builds in
    a file of their own (keyed by code: another pypinyin may read a name otherwise)."""

    def __init__(self, path: str):
        self.path = path
        data = _load_for_code(path)
        names = data.get("names")
        if isinstance(names, dict) and data.get("check") == _digest(names):
            collation.KNOWN.update((name, tuple(syllables)) for name, syllables in names.items())
        self.known = len(collation.KNOWN)

    def save(self) -> None:
        if len(collation.KNOWN) != self.known:
            names = {name: list(syllables) for name, syllables in collation.KNOWN.items()}
            _write_cache(self.path, {"code": code_key(), "names": names, "check": _digest(names)})


def _write_cache(path: str, data: dict) -> None:
    """Replace the file at once; a cache that cannot be written is left as it was."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


_SCALARS = frozenset({str, int, float, bool, type(None)})  # stand for themselves in a key


class Keys:
    """The key of each page of one build, or None for a page that is always rendered."""

    def __init__(self, plugin, cards: Cards | None = None):
        self.plugin = plugin
        self.cards = cards if cards is not None and cards.project is plugin.project else \
            Cards(plugin.project, getattr(plugin.record_cache, "digests", None))
        # id(container) -> (container, digest, src_uris of the records in it): lists shared by pages
        self._memo: dict[int, tuple] = {}
        self._shown: set | None = None  # the records met while keying one value
        self.views: dict[str, list] = {}  # record page's src_uri -> [its index reads, the records it shows]

    def page(self, src_uri: str) -> str | None:
        plugin = self.plugin
        try:
            generated = plugin.generated.get(src_uri)
            if generated is not None:
                if generated.source is None:
                    return None
                template, context = generated.source
                return _digest("page", generated.url, generated.title, generated.wide, generated.parents,
                               generated.toc, template, self._value(context))
            record = plugin.records_by_uri.get(src_uri)
            if record is not None:
                showcase = plugin.showcase
                self._shown = set()
                view = self._value(showcase._record_view(record))
                self.views[src_uri] = [showcase.record_view_reads(record), sorted(self._shown)]
                return _digest("record", self.cards.card(record), record.url, view,
                               showcase.record_parents(record))
        except Uncacheable:
            return None
        finally:
            self._shown = None
        return None

    def _value(self, value):
        """A canonical, hashable stand-in for a template's input: records by their cards."""
        if type(value) in _SCALARS:  # the most frequent first
            return value
        if isinstance(value, Record):
            if self._shown is not None:
                self._shown.add(value.src_uri)
            return ("R", value.src_uri, self.cards._cards.get(value.src_uri) or self.cards.card(value))
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        if isinstance(value, (list, tuple, dict, set, frozenset)) or dataclasses.is_dataclass(value):
            outer = self._shown
            hit = self._memo.get(id(value))
            if hit is not None and hit[0] is value and (outer is None or hit[2] is not None):
                if outer is not None:
                    outer.update(hit[2])
                return hit[1]
            if outer is None:  # records met are not asked for (a generated page's)
                digest = _digest(type(value).__name__, self._contents(value))
                shown = None
            else:
                self._shown = set()
                try:
                    digest = _digest(type(value).__name__, self._contents(value))
                finally:
                    shown, self._shown = self._shown, outer
                outer.update(shown)
            self._memo[id(value)] = (value, digest, shown)
            return digest
        if type(value).__module__ == "datetime":
            return repr(value)
        raise Uncacheable(type(value))

    def _contents(self, value):
        if isinstance(value, dict):
            if all(type(k) in _SCALARS and type(v) in _SCALARS for k, v in value.items()):
                return list(value.items())  # what the comprehension below makes of them, sooner
            return [(self._value(k), self._value(v)) for k, v in value.items()]
        if isinstance(value, (set, frozenset)):
            return sorted(map(repr, map(self._value, value)))
        if isinstance(value, (list, tuple)):
            if all(type(v) in _SCALARS for v in value):
                return list(value)
            if all(type(v) is Record for v in value):  # a list of records (most lists): as _value does
                cards, card = self.cards._cards, self.cards.card
                if self._shown is not None:
                    self._shown.update(v.src_uri for v in value)
                return [("R", v.src_uri, cards.get(v.src_uri) or card(v)) for v in value]
            return [self._value(v) for v in value]
        if type(value).__name__ == "KindSchema":  # a declaration: code, in the global key
            return value.name
        return [(f.name, self._value(getattr(value, f.name))) for f in dataclasses.fields(value)]


class Changes:
    """The published records that changed since the build the cache describes (added, removed, or
    a card that differs: edited, or a record they refer to shows differently), and the index
    entries (core.index.Index.entries) these add now or added then. A record page is keyed again
    only when its record changed, a record it shows did, or its view's look-ups
    (Showcase.record_view_reads) meet one of those entries; otherwise its key is the one before."""

    def __init__(self, before: dict, cards: Cards, showcase):
        index = showcase.index
        self.records: dict[str, list] = {}  # src_uri -> [card, entries], for the next build
        self.changed: set[str] = set()
        self.entries: set[str] = set()
        for record in index.records.values():
            card, old = cards.card(record), before.pop(record.src_uri, None)
            if _is_record_entry(old) and old[0] == card:
                self.records[record.src_uri] = old  # the same card: the same entries
                continue
            self.records[record.src_uri] = [card, index.entries(record.id)]
            self.changed.add(record.src_uri)
            self.entries.update(self.records[record.src_uri][1])
            if _is_record_entry(old):
                self.entries.update(old[1])
        for src_uri, old in before.items():  # no longer published
            self.changed.add(src_uri)
            if _is_record_entry(old):
                self.entries.update(old[1])
        self.entries |= showcase.reads_changed(self.entries)

    def shows_same(self, record: Record, view) -> bool:
        """Whether the page of an unchanged `record`, whose view made the look-ups and showed the
        records of `view` ([entries, src_uris]), would be keyed as before."""
        try:
            reads, shown = view
            return record.src_uri not in self.changed and self.entries.isdisjoint(reads) \
                and self.changed.isdisjoint(shown)
        except (TypeError, ValueError):
            return False


def _is_record_entry(entry) -> bool:
    return isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) \
        and isinstance(entry[1], list) and all(isinstance(e, str) for e in entry[1])


def static_key(file: File) -> str:
    if file.generated_by is not None or file.abs_src_path is None:
        return _digest("bytes", hashlib.blake2b(file.content_bytes, digest_size=16).hexdigest())
    st = os.stat(file.abs_src_path)
    return _digest("file", os.path.abspath(file.abs_src_path), st.st_size, st.st_mtime_ns)


# -- the output folder -------------------------------------------------------------------------

class Outputs:
    """The files of the published site that the new build may take over, and what it wrote."""

    def __init__(self, path: str, published: str, built: str):
        self.path, self.published, self.built = path, published, built
        self.folder = os.path.dirname(path)
        self.search_cache = os.path.splitext(path)[0] + "-search"  # per site (search/pagefind.py)
        self.before: dict = {}
        self.records_before: dict = {}  # Changes.records of the build before
        self.views_before: dict = {}  # Keys.views of the build before
        self.records: dict = {}  # and of this build
        self.views: dict = {}
        self.written: dict = {}  # dest_uri -> key, of this build
        self.kept: dict = {}  # dest_uri -> its entry, reused as it was
        self.rendered: list[str] = []  # addresses of pages rendered by this build
        self.global_key = None
        self._folders: set[str] = set()  # made in the new tree
        self._data = None  # the cache file as prune() read it
        self.recycled = False  # the new tree is a spare (prune)
        self.spare: dict[str, int] = {}  # dest_uri -> inode: files of the spare the build may keep
        self._emptied: dict[str, int] = {}  # folder -> its inode: folders of the spare prune emptied

    def _read(self):
        if self._data is None:
            self._data = read_cache(self.path)
            if not isinstance(self._data, dict):
                self._data = {}
        return self._data

    def _inodes(self) -> dict:
        """dest_uri -> inode of each file of the published site the cache describes."""
        data = self._read()
        entries = data.get("outputs") if isinstance(data, dict) else None
        return {uri: entry[3] for uri, entry in entries.items() if isinstance(entry, list)
                and len(entry) == 4} if isinstance(entries, dict) else {}

    def recyclable(self) -> bool:
        """Whether a spare may hold files to take over: without a cache, a fresh tree is as quick
        (removing 12,000 files of the spare costs as much as making their folders)."""
        return bool(self._inodes())

    def prune(self, trash: str) -> tuple[int, int]:
        """The new tree is not a fresh folder but the site the build before last replaced (cli,
        site.output.take_spare): its folders are there already (making 12,000 of them costs more
        than the rest of a one-edit build). Every file of it is moved to the folder `trash` (for
        the caller to remove: freeing thousands of files is slow too) but those the published
        site shares with it as the cache describes them (the same inode: a page the last build
        took over from it), which the build may take over again (reuse); what is left of those
        at the end, the build did not want (finish_tree). Nothing of the spare is ever written
        through: the files kept are the published site's. A folder holding none of those (the
        search index's, a deleted record's) is moved whole. Returns how many files and folders
        were moved."""
        self.recycled = True
        moved = folders = 0
        inodes = self._inodes()
        holding = set()  # "a/b/" for each folder holding a file the cache describes
        for uri in inodes:
            cut = uri.rfind("/")
            while cut > 0 and uri[:cut + 1] not in holding:
                holding.add(uri[:cut + 1])
                cut = uri.rfind("/", 0, cut)

        def move(path: str) -> None:
            if not moved + folders:
                os.mkdir(trash)
            os.rename(path, os.path.join(trash, str(moved + folders)))

        stack = [(self.built, "")]
        while stack:
            folder, prefix = stack.pop()
            self._folders.add(folder)
            empty, unlinked = True, False  # an empty folder too is one a fresh tree would not have
            with os.scandir(folder) as found:
                for entry in found:
                    empty = False
                    if entry.is_dir(follow_symlinks=False):
                        if f"{prefix}{entry.name}/" in holding:
                            stack.append((entry.path, f"{prefix}{entry.name}/"))
                        else:
                            move(entry.path)
                            folders += 1
                            unlinked = True
                        continue
                    uri = prefix + entry.name
                    ino = entry.inode()
                    if inodes.get(uri) == ino:
                        self.spare[uri] = ino
                    else:
                        move(entry.path)
                        moved += 1
                        unlinked = True
            if (empty or unlinked) and folder != self.built:
                self._emptied[folder] = os.lstat(folder).st_ino
        return moved, folders

    def finish_tree(self) -> None:
        """After the pages are written: the files of the spare the build neither took over nor
        wrote are removed, and the folders that leaves empty (a fresh tree has none)."""
        for uri in list(self.spare):
            path = os.path.join(self.built, uri)
            os.unlink(path)
            self._emptied.setdefault(os.path.dirname(path), None)
        self.spare.clear()
        for folder in sorted(self._emptied, key=lambda f: f.count(os.sep), reverse=True):
            ino = self._emptied[folder]
            while folder != self.built and folder.startswith(self.built + os.sep):
                try:
                    if ino is not None and os.lstat(folder).st_ino != ino:
                        break  # not the spare's folder: made anew by the build
                    os.rmdir(folder)
                except OSError:  # not empty (or gone): what the build wrote is there
                    break
                self._folders.discard(folder)
                folder, ino = os.path.dirname(folder), None

    def load(self, global_key: str) -> None:
        self.global_key = global_key
        data = self._read()  # no cache, or one we cannot read: nothing is reused
        if data.get("format") == FORMAT and data.get("global") == global_key \
                and all(isinstance(data.get(part), dict) for part in ("outputs", "records", "views")):
            self.before, self.records_before, self.views_before = data["outputs"], data["records"], data["views"]

    def reusable(self, dest_uri: str, key: str | None) -> bool:
        """Whether the published file for `dest_uri` was made with `key` and is still the file
        that build wrote."""
        entry = self.before.get(dest_uri)
        if key is None or not isinstance(entry, list) or len(entry) != 4 or entry[0] != key:
            return False
        try:
            st = os.stat(os.path.join(self.published, dest_uri))
        except OSError:
            return False
        return [st.st_size, st.st_mtime_ns, st.st_ino] == entry[1:]

    def reuse(self, dest_uri: str) -> None:
        """Link the published file (reusable) into the new tree."""
        if self.spare and self.spare.pop(dest_uri, None) == self.before[dest_uri][3]:
            self.kept[dest_uri] = self.before[dest_uri]  # the spare holds it (prune)
            self.written.pop(dest_uri, None)
            return
        source, target = os.path.join(self.published, dest_uri), os.path.join(self.built, dest_uri)
        self._folder(os.path.dirname(target))
        try:
            try:
                os.link(source, target)
            except FileExistsError:  # a lower-precedence file written before: replaced (as in _clear)
                os.unlink(target)
                os.link(source, target)
        except OSError:  # no hard links here (another file system): a copy, with a stat of its own
            shutil.copy2(source, self._clear(dest_uri))
            self.made(dest_uri, self.before[dest_uri][0])
        else:
            self.kept[dest_uri] = self.before[dest_uri]
            self.written.pop(dest_uri, None)

    def _clear(self, dest_uri: str) -> str:
        """The path for `dest_uri` in the new tree, free: a file there (a lower-precedence one
        written before) is unlinked, never written through, as it may be a link to the site."""
        target = os.path.join(self.built, dest_uri)
        self.spare.pop(dest_uri, None)
        if os.path.lexists(target):
            os.unlink(target)
        else:
            self._folder(os.path.dirname(target))
        return target

    def _folder(self, folder: str) -> None:
        """Make a folder of the new tree (one mkdir for each: most pages have a folder of their own)."""
        if folder in self._folders:
            return
        try:
            os.mkdir(folder)
        except FileNotFoundError:
            self._folder(os.path.dirname(folder))
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            pass
        self._folders.add(folder)

    def made(self, dest_uri: str, key: str | None) -> None:
        self.kept.pop(dest_uri, None)
        self.written[dest_uri] = key

    def save(self, folder: str) -> None:
        """After the new tree is published as `folder`: what it holds, for the next build. (Until
        then the cache describes the previous tree; an entry is trusted only for the very file it
        names, so a build killed between the swap and here leaves a cache that is still safe.)"""
        outputs = dict(self.kept)
        for dest_uri, key in self.written.items():
            if key is None:
                continue
            try:
                st = os.stat(os.path.join(folder, dest_uri))
            except OSError:
                continue
            outputs[dest_uri] = [key, st.st_size, st.st_mtime_ns, st.st_ino]
        _write_cache(self.path, {"format": FORMAT, "global": self.global_key, "outputs": outputs,
                                "records": self.records, "views": self.views,
                                "rendered": sorted(self.rendered)})


class _Linking(threading.Thread):
    """Outputs.reuse of `files`, in a thread of its own; finish() waits and raises its error."""

    def __init__(self, outputs: Outputs, files: list):
        super().__init__(name="showcase-link", daemon=True)
        self.outputs, self.files, self.error = outputs, files, None
        self.start()

    def run(self) -> None:
        try:
            for file in self.files:
                self.outputs.reuse(file.dest_uri)
        except BaseException as exc:  # noqa: BLE001 - raised again by finish()
            self.error = exc

    def finish(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


# -- the build ---------------------------------------------------------------------------------

def _content_files(config) -> Files:
    """MkDocs' get_files (1.6) without the kind folders of content/: our plugin removes every
    file of them in on_files (records become pages of its own, core.contentfiles), so walking
    them made 10,000 File objects for nothing. Only when ours is the only plugin."""
    files, conflicting = [], []
    docs_dir = config["docs_dir"]
    for source_dir, dirnames, filenames in os.walk(docs_dir, followlinks=True):
        relative_dir = os.path.relpath(source_dir, docs_dir)
        if relative_dir == ".":
            dirnames[:] = [d for d in dirnames if d not in KIND_BY_FOLDER]
        dirnames.sort()
        filenames.sort(key=_file_sort_key)
        by_dest: dict[str, File] = {}
        for filename in filenames:
            file = File(os.path.join(relative_dir, filename), docs_dir, config["site_dir"],
                        config["use_directory_urls"])
            other = by_dest.setdefault(file.dest_uri, file)  # README.md beside index.md
            if other is not file:
                conflicting.append((other, file))
            files.append(file)
    set_exclusions(files, config)
    for a, b in conflicting:
        if b.inclusion.is_included():
            if a.inclusion.is_included():
                log.warning(f"Excluding '{a.src_uri}' from the site because it conflicts with '{b.src_uri}'.")
            if a in files:
                files.remove(a)
        elif b in files:
            files.remove(b)
    return Files(files)


def _compile_once(env, folder: str) -> None:
    """Templates compiled by an earlier build are loaded, not compiled again (Jinja's bytecode
    cache: checked against each template's source, so an edited template is compiled afresh)."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return
    cache = FileSystemBytecodeCache(folder)
    env.bytecode_cache = cache
    ENV.bytecode_cache = cache  # our fragments' environment (site/render.py)

class _NoCollection:
    """Python's cycle collection held off while a build loads and keys (`with`), then the
    objects made so far frozen out of its view (gc.freeze: they live as long as the build). Its
    full collections walked the millions of objects of 10,000 records again and again: a
    fifth of a one-edit build. The pages are rendered with it on (Markdown leaves cycles), and a
    process forked meanwhile (the search index) starts with it on, as it did before."""

    held = False

    def __enter__(self):
        _NoCollection.held = gc.isenabled()
        gc.disable()
        return self

    def release(self) -> None:
        if _NoCollection.held:
            _NoCollection.held = False
            gc.freeze()
            gc.enable()

    def __exit__(self, *exc) -> None:
        self.release()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=lambda: _NoCollection.held and gc.enable())


def build(config, outputs: Outputs) -> None:
    """mkdocs.commands.build.build (MkDocs 1.6) into config.site_dir (a fresh folder), taking over
    from `outputs.published` what has not changed."""
    with _NoCollection() as collection:
        _build(config, outputs, collection)


def _build(config, outputs: Outputs, collection: _NoCollection) -> None:
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        plugin = config.plugins["showcase"]
        # Records read from their files only when these changed (the cache `showcase check` keeps,
        # with whole records: a build needs their bodies).
        plugin.record_cache = RecordCache(os.path.join(outputs.folder, "records.marshal"), plugin.settings)
        plugin.data_fragment = fragments = Fragments(os.path.join(outputs.folder, "data.marshal"), plugin)
        pinyin = Pinyin(os.path.join(outputs.folder, "pinyin.marshal"))
        plugin.search_cache = outputs.search_cache
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")  # MkDocs' own lines, shown with --verbose (console.py)
        if not outputs.recycled:  # a spare is clean already (Outputs.prune)
            utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")

        # Only our plugin: another one may read or write anything, and its pages cannot be keyed.
        keyed = set(config.plugins) == {"showcase"}
        files = _content_files(config) if keyed else get_files(config)
        env = config.theme.get_env()
        _compile_once(env, os.path.join(outputs.folder, "templates"))
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        keys = Keys(plugin, fragments.cards)
        if keyed:
            outputs.load(global_key(config, plugin, files))
            changes = Changes(dict(outputs.records_before), keys.cards, plugin.showcase)
            outputs.records, outputs.views = changes.records, keys.views

        def page_key(file: File) -> str | None:
            """The key of the page as before when nothing it shows can have changed, or afresh."""
            record = plugin.records_by_uri.get(file.src_uri)
            view = outputs.views_before.get(file.src_uri)
            before = outputs.before.get(file.dest_uri)
            if record is not None and view is not None and isinstance(before, list) and before \
                    and changes.shows_same(record, view):
                keys.views[file.src_uri] = view
                return before[0]
            return keys.page(file.src_uri)

        in_nav = {page.file.src_uri for page in nav.pages}  # their titles make the nav of every page
        doc_files = files.documentation_pages(inclusion=inclusion)
        todo, reusable = [], []
        for file in doc_files:
            key = page_key(file) if keyed else None
            if outputs.reusable(file.dest_uri, key):
                reusable.append(file)
            else:
                todo.append((file, key))

        # The unchanged pages are linked in while the rest of the build runs: links are system
        # calls (a thread making them lets the GIL go), so the two overlap. A page at an address
        # something else writes too (a static file, a template, a page rendered: never in
        # practice) is linked in order, before that overwrites it.
        collection.release()  # before the pages are read and rendered
        written = {file.dest_uri for file, _ in todo}
        written.update(file.dest_uri for file in files if not file.is_documentation_page())
        written.update(config.extra_templates)
        written.update(name for template in config.theme.static_templates for name in (template, f"{template}.gz"))
        linking = _Linking(outputs, [file for file in reusable if file.dest_uri not in written])
        reused = {file.src_uri for file in reusable}
        try:
            for file in doc_files:  # as MkDocs does: each page made, then read, in turn
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                if file.src_uri in in_nav or file.src_uri not in reused:
                    _populate_page(file.page, config, files)

            env = config.plugins.on_env(env, config=config, files=files)

            for file in files:  # static files first: pages of the same address overwrite them
                if file.is_documentation_page() or not inclusion(file.inclusion):
                    continue
                key = static_key(file) if keyed else None
                if outputs.reusable(file.dest_uri, key):
                    outputs.reuse(file.dest_uri)
                else:
                    outputs._clear(file.dest_uri)
                    file.copy_file()
                    outputs.made(file.dest_uri, key)
            for template in config.theme.static_templates:
                for name in (template, f"{template}.gz"):
                    if os.path.lexists(os.path.join(config.site_dir, name)):
                        outputs._clear(name)
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                file = files.get_file_from_path(template)
                if file is not None:
                    outputs._clear(file.dest_uri)
                _build_extra_template(template, files, config, nav)

            for file in reusable:
                if file.dest_uri in written:
                    outputs.reuse(file.dest_uri)
            for file, key in todo:
                outputs._clear(file.dest_uri)
                _build_page(file.page, config, doc_files, nav, env)
                outputs.made(file.dest_uri, key)
                outputs.rendered.append(file.dest_uri)
        finally:
            linking.finish()
        outputs.finish_tree()

        log_level = config.validation.links.anchors
        for file, _ in todo:  # a reused page's links were checked when it was rendered
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)
        fragments.save()
        pinyin.save()
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!")
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)
