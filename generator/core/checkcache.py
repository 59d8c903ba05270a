"""A per-file cache of check results, so `showcase check` re-reads only what changed.

For each record file it keeps a hash of the file's bytes (not its mtime and size, which an
edit can leave unchanged), the problems found in the file on its own, the content files the
check looked for, and the few facts the cross-file rules need (the fields schema.py marks
`cross_check`). A hit rebuilds a slim Record from those
facts; anything else (changed file, other settings, other code) is read afresh.
Stored with marshal: plain tuples load an order of magnitude faster than pickled objects.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle

from .messages import Label, Problem, render_arg
from .model import DEFERRED, Record, Reference
from .schema import CROSS_CHECK_KEYS

VERSION = 5


def fingerprint(settings) -> str:
    """Changes whenever the code or the settings that decide a file's problems change."""
    digest = hashlib.sha1(repr((VERSION, settings.content_dir, sorted(settings.vocabularies.items()))).encode())
    package = os.path.dirname(__file__)
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            with open(os.path.join(package, name), "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()


def stamp(raw: bytes) -> bytes:
    """What identifies a file's content in the cache."""
    return hashlib.blake2b(raw, digest_size=16).digest()


class CheckCache:
    """`refresh`: use no entry, but store what this check finds (`showcase check --no-cache`).
    A cache that cannot be written leaves the check as it is: `save` records why in `error`."""

    def __init__(self, path: str, settings, refresh: bool = False):
        self.path, self.settings, self.refresh = path, settings, refresh
        self.key = fingerprint(settings)
        self.root = settings.content_root
        self.entries: dict = {}
        self.dirty = False
        self.error: OSError | None = None
        try:
            with open(path, "rb") as fh:
                key, entries = marshal.load(fh)
            if key == self.key and isinstance(entries, dict):
                self.entries = entries
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache, or an unreadable one: start afresh

    def get(self, src_uri: str, file_stamp) -> tuple[Record, list[Problem]] | None:
        entry = self.entries.get(src_uri)
        if self.refresh or entry is None or entry[0] != file_stamp:
            return None
        _, files, problem_rows, facts = entry
        root = self.root
        if any(os.path.isfile(os.path.join(root, rel)) != existed for rel, existed in files):
            return None
        problems = [Problem(path, line, code, _restore_args(args, rendered), severity)
                    for path, line, code, args, rendered, severity in problem_rows]
        return self._record(facts), problems

    def put(self, src_uri: str, file_stamp, record: Record | None, problems: list[Problem],
            files: list) -> None:
        try:
            rows = [(p.path, p.line, p.code, *_plain_args(p.args), p.severity) for p in problems]
            entry = (file_stamp, files, rows, self._facts(record))
            marshal.dumps(entry)  # a value that is not plain data (a record's own values are)
        except ValueError:
            self.entries.pop(src_uri, None)
            return
        self.entries[src_uri] = entry
        self.dirty = True

    _facts = staticmethod(lambda record: _facts(record))
    _record = staticmethod(lambda facts: _record_from_facts(facts))

    def save(self, src_uris) -> None:
        live = set(src_uris)
        if set(self.entries) - live:
            self.entries = {k: v for k, v in self.entries.items() if k in live}
            self.dirty = True
        if not self.dirty:
            return
        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "wb") as fh:
                marshal.dump((self.key, self.entries), fh)
            os.replace(tmp, self.path)
        except OSError as exc:
            self.error = exc
            try:
                os.unlink(tmp)
            except OSError:
                pass


class RecordCache(CheckCache):
    """The same cache for a build (`showcase build`), which needs whole records (body and every
    value): each kept pickled inside the marshalled entry, its body and lines apart (as bytes:
    a record from the cache decodes them when first read, model.Record.deferred; a build after
    one edit reads few, and decoding them all was half of loading the records). Its own file;
    the project's own. `digests` holds, per file read (or found) in this run, the stamp of its
    record as stored: a digest of everything the record holds, which showcase build keys its
    pages by."""

    def __init__(self, path: str, settings, refresh: bool = False):
        super().__init__(path, settings, refresh)
        self.digests: dict[str, bytes] = {}

    def _keep_digest(self, src_uri: str, file_stamp) -> None:
        entry = self.entries.get(src_uri)
        if entry is not None and entry[0] == file_stamp and entry[3] is not None:
            self.digests[src_uri] = entry[3][0]

    @staticmethod
    def _facts(record: Record | None):
        if record is None:
            return None
        state = {k: v for k, v in vars(record).items() if k not in DEFERRED}
        parts = (pickle.dumps(state, pickle.HIGHEST_PROTOCOL), record.body.encode("utf-8", "surrogatepass"),
                 pickle.dumps(record.lines, pickle.HIGHEST_PROTOCOL))
        return (_stamp_parts(parts), *parts)  # a damaged entry may still unpickle: its stamp tells

    @staticmethod
    def _record(facts) -> Record | None:
        if facts is None:
            return None
        check, *parts = facts
        if _stamp_parts(parts) != check:
            raise ValueError("damaged entry")
        state, body, lines = parts
        record = Record.__new__(Record)
        vars(record).update(pickle.loads(state), deferred=functools.partial(_decode, body, lines))
        return record

    def get(self, src_uri: str, file_stamp) -> tuple[Record, list[Problem]] | None:
        try:
            hit = super().get(src_uri, file_stamp)
        except Exception:  # an entry damaged on disk (or pickled by other code) is read afresh
            return None
        if hit is not None:
            self._keep_digest(src_uri, file_stamp)
        return hit

    def put(self, src_uri: str, file_stamp, record: Record | None, problems: list[Problem],
            files: list) -> None:
        self.digests.pop(src_uri, None)
        super().put(src_uri, file_stamp, record, problems, files)
        self._keep_digest(src_uri, file_stamp)


def _decode(body: bytes, lines: bytes, name: str):
    return body.decode("utf-8", "surrogatepass") if name == "body" else pickle.loads(lines)


def _stamp_parts(parts) -> bytes:
    return stamp(b"".join(map(stamp, parts)))


def _plain_args(args: dict) -> tuple[dict, dict]:
    """A problem's arguments as marshal stores them: plain values as they are, the others
    (labels, nested messages, kind and type names) rendered in both languages."""
    plain, rendered = {}, {}
    for key, value in args.items():
        try:
            marshal.dumps(value)
            plain[key] = value
        except ValueError:
            rendered[key] = (render_arg(value, "zh"), render_arg(value, "en"))
    return plain, rendered


def _restore_args(plain: dict, rendered: dict) -> dict:
    return {**plain, **{key: Label(zh, en) for key, (zh, en) in rendered.items()}}


def _facts(record: Record | None):
    if record is None:
        return None
    values = {k: record.values[k] for k in CROSS_CHECK_KEYS if k in record.values}
    lines = {path: line for path, line in record.lines.items() if path[0] in CROSS_CHECK_KEYS}
    refs = [(r.key, r.path, r.line, r.kind, r.target, r.target_path) for r in record.references]
    return (record.path, record.src_uri, record.kind, record.id, values, lines, record.body_line, refs)


def _record_from_facts(facts) -> Record | None:
    if facts is None:
        return None
    path, src_uri, kind, record_id, values, lines, body_line, refs = facts
    references = [Reference(record_id, key, ref_path, line, ref_kind, target, target_path)
                  for key, ref_path, line, ref_kind, target, target_path in refs]
    return Record(path, src_uri, kind, record_id, values, lines,
                  "", body_line, references)
