"""Record files and assets as the editor reads and writes them.

Paths come only from a kind's folder and a record id the checker accepts (core/fields.py's
ID_PATTERN: no dot, slash at the start, backslash or NUL can get through), or from the
assets folder and a file name made safe; every path is checked to lie inside content/ once
links are followed. Writes are atomic (a temporary file in the same folder, renamed over the
old file or linked to a new name, so a new file never replaces another) and a save is refused
when the file changed since the form read it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass

from ..authoring.ids import fold, id_refusal, matching, taken
from ..authoring.messages import say as say_authoring
from ..authoring.newrecord import suggest_id
from ..authoring.precheck import errors_if_written
from ..authoring.values import scalar, typed
from ..core.contentfiles import is_ignored
from ..core.fields import ID_PATTERN, IMAGE_EXTENSIONS, ContentFile, walk_fields
from ..core.loader import Source, read_source
from ..core.messages import message_code, with_code
from ..core.project import Project
from ..core.schema import KIND_BY_NAME, Kind, KindSchema
from . import roundtrip
from .messages import say

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ASSETS = "assets"  # the folder under content/ uploads go to (a subfolder per kind)
# What a file field that names no file type (an attachment) may be given by upload.
ATTACHMENT_EXTENSIONS = IMAGE_EXTENSIONS + (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt",
                                            ".csv", ".zip", ".mp3", ".m4a", ".wav", ".mp4", ".webm")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
_WRITE_LOCK = threading.Lock()  # a check of the version and the write that follows it, one at a time


class Refusal(Exception):
    """An answer other than success: HTTP status and the JSON to send."""

    def __init__(self, status: int, payload: dict):
        super().__init__(payload.get("message", ""))
        self.status, self.payload = status, payload


def version_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Saved:
    src_uri: str  # relative to content/
    created: bool
    written: bool  # False when the form changed nothing


class Store:
    """One request's view of the project (the preview's, current under its lock)."""

    def __init__(self, project: Project, lang: str = "zh"):
        self.project, self.lang = project, lang
        self.settings = project.settings
        self.root = os.path.realpath(self.settings.content_root)

    def refuse(self, status: int, code: str, **args) -> Refusal:
        return Refusal(status, {"ok": False, "message": say(code, self.lang, **args)})

    # -- where ----------------------------------------------------------------------
    def kind(self, name: str) -> KindSchema:
        kind = KIND_BY_NAME.get(name)
        if kind is None:
            raise self.refuse(404, "no-kind", kind=name, kinds="、".join(KIND_BY_NAME))
        return kind

    def full_path(self, src_uri: str) -> str:
        """The file of `src_uri` (relative to content/), refused unless it lies inside content/."""
        path = os.path.join(self.root, *src_uri.split("/"))
        real = os.path.realpath(path)
        if "\x00" in src_uri or "\\" in src_uri or not real.startswith(self.root + os.sep):
            raise self.refuse(403, "no-route", path=src_uri)
        return real

    def locate(self, kind: KindSchema, record_id: str) -> str:
        """The file (relative to content/) of an existing record of `kind`."""
        if ID_PATTERN.fullmatch(record_id):
            record = self.project.resolve(record_id)
            if record is not None and record.kind == kind.name:
                return record.src_uri
            src_uri = f"{kind.folder}/{record_id}.md"
            if os.path.isfile(self.full_path(src_uri)):
                return src_uri
        raise self.refuse(404, "no-record", kind=Kind(kind.name).render(self.lang), id=record_id)

    def record_url(self, kind: KindSchema, src_uri: str) -> str:
        record = self.project.record_at(src_uri)
        return "/" + (record.url if record is not None else f"{kind.folder}/{src_uri.split('/', 1)[1][:-3]}/")

    # -- reading ----------------------------------------------------------------------
    def read(self, kind: KindSchema, record_id: str) -> dict:
        src_uri = self.locate(kind, record_id)
        raw = self.file_bytes(src_uri)
        display = self.settings.display_path(src_uri)
        try:
            values, body, _ = roundtrip.read_for_form(raw, display)
        except roundtrip.Unreadable as exc:
            raise self._unreadable(display, exc) from exc
        record = self.project.record_at(src_uri)
        return {"kind": kind.name, "id": record.id if record is not None else record_id, "path": display,
                "version": version_of(raw), "values": values, "body": body}

    def file_bytes(self, src_uri: str) -> bytes:
        with open(self.full_path(src_uri), "rb") as fh:
            return fh.read()

    def _unreadable(self, display: str, exc: roundtrip.Unreadable) -> Refusal:
        source = Source(display)
        errors = [self._error(p, source) for p in exc.problems]
        return Refusal(422, {"ok": False, "errors": errors, "message": say(
            "unreadable", self.lang, path=display, problems="；".join(e["message"] for e in errors))})

    # -- saving -------------------------------------------------------------------------
    def save(self, kind: KindSchema, record_id: str, request: dict) -> Saved:
        """Write the form's values into an existing record; Refusal (nothing written) when
        the file changed since `version`, or the checker finds errors."""
        version, values, body = self._fields(request, ("version", str), ("values", dict), ("body", str))
        src_uri = self.locate(kind, record_id)
        with _WRITE_LOCK:
            raw = self.file_bytes(src_uri)
            display = self.settings.display_path(src_uri)
            if version_of(raw) != version:
                raise Refusal(409, {"ok": False, "conflict": True, "message": say("conflict", self.lang, path=display)})
            new = self._apply(raw, values, body, kind, display)
            if new == raw:
                return Saved(src_uri, created=False, written=False)
            self._check(new, kind, src_uri)
            self._replace(src_uri, new, raw)
        return Saved(src_uri, created=False, written=True)

    def create(self, kind: KindSchema, request: dict, today: _dt.date | None = None) -> Saved:
        """Write a new record; never over another file, never under an id in use."""
        values, body = self._fields(request, ("values", dict), ("body", str))
        given = request.get("id")
        if given is not None and not isinstance(given, str):
            raise self.refuse(400, "bad-values", key="id", shape="文本" if self.lang == "zh" else "text")
        example = self.suggest(kind, values, today)
        record_id = given.strip(" ") if given and given.strip() else example  # not a line break: refused
        refusal = id_refusal(self.project, kind, record_id, self.lang,
                             format_hint=say_authoring("id-hint-new", self.lang, example=example),
                             retry=say_authoring("retry-id", self.lang, example=example))
        if refusal:
            status = 409 if ID_PATTERN.fullmatch(record_id) and taken(self.project, kind, record_id) else 422
            raise Refusal(status, {"ok": False, "conflict": status == 409, "message": refusal,
                                   "errors": [{"field": "id", "line": 0, "code": "", "message": refusal}]})
        if not ID_PATTERN.fullmatch(record_id):  # "x\n": the pattern's $ lets a line end through
            raise self.refuse(422, "bad-values", key="id", shape=say_authoring("id-hint-new", self.lang, example=example))
        src_uri = f"{kind.folder}/{record_id}.md"
        display = self.settings.display_path(src_uri)
        if body and not body.startswith("\n"):
            body = "\n" + body  # a blank line after the front matter, as every sample has
        new = self._apply(b"", values, body, kind, display)
        with _WRITE_LOCK:
            self._check(new, kind, src_uri)
            self._write_new(src_uri, new, display)
        return Saved(src_uri, created=True, written=True)

    def suggest(self, kind: KindSchema, values: dict, today: _dt.date | None = None) -> str:
        typed_values = {k: typed(kind.by_key[k].type, v) for k, v in values.items() if k in kind.by_key}
        return suggest_id(self.project, kind, typed_values, today or _dt.date.today())

    def suggest_from_query(self, kind: KindSchema, query: dict) -> str:
        """A free id from words typed so far (title, organisation, date: any field typed as text)."""
        values = {k: scalar(kind.by_key[k], v[0]) for k, v in query.items() if k in kind.by_key and v and v[0].strip()}
        return self.suggest(kind, values)

    def _fields(self, request: dict, *wanted) -> list:
        found = []
        for key, type_ in wanted:
            value = request.get(key)
            if not isinstance(value, type_):
                shape = {"zh": {str: "文本", dict: "对象"}, "en": {str: "text", dict: "an object"}}[self.lang][type_]
                raise self.refuse(400, "bad-values", key=key, shape=shape)
            found.append(value)
        return found

    def _apply(self, raw: bytes, values: dict, body: str, kind: KindSchema, display: str) -> bytes:
        try:
            return roundtrip.apply(raw, values, body, kind, display)
        except roundtrip.Unreadable as exc:
            raise self._unreadable(display, exc) from exc
        except roundtrip.NotKept as exc:
            raise self.refuse(422, "not-kept", path=display) from exc

    def _check(self, new: bytes, kind: KindSchema, src_uri: str) -> None:
        """What `showcase check` would say of the new text: errors refuse the save."""
        text = new.decode("utf-8-sig")
        problems = errors_if_written(text, kind, src_uri, self.project)
        if problems:
            source = read_source(new, self.settings.display_path(src_uri))
            errors = [self._error(p, source) for p in problems]
            raise Refusal(422, {"ok": False, "errors": errors,
                                "message": say("invalid", self.lang, count=len(errors))})

    def _error(self, problem, source: Source) -> dict:
        return {"field": field_at(source, problem), "line": problem.line, "code": message_code(problem.code),
                "message": with_code(problem.message(self.lang), problem.code)}

    # -- writing files --------------------------------------------------------------
    def _replace(self, src_uri: str, data: bytes, expected: bytes) -> None:
        """Write over an existing file atomically, keeping its permissions."""
        path = self.full_path(src_uri)
        temporary = _temporary(path, data)
        try:
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
            with open(path, "rb") as fh:  # a last look: changed in the meantime, keep theirs
                if fh.read() != expected:
                    raise Refusal(409, {"ok": False, "conflict": True, "message": say(
                        "conflict", self.lang, path=self.settings.display_path(src_uri))})
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def _write_new(self, src_uri: str, data: bytes, display: str) -> None:
        """Write a file that must not exist yet: linked to its name, which fails if taken."""
        path = self.full_path(src_uri)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.full_path(src_uri)  # the folders made are inside content/ too
        temporary = _temporary(path, data)
        try:
            os.link(temporary, path)
        except FileExistsError as exc:
            raise Refusal(409, {"ok": False, "conflict": True, "message": say_authoring(
                "file-exists", self.lang, path=display, retry="")}) from exc
        finally:
            os.unlink(temporary)

    # -- lists for the form ---------------------------------------------------------
    def records(self, kind_name: str | None) -> list[dict]:
        if kind_name:
            self.kind(kind_name)
        return [{"id": r.id, "kind": r.kind, "title": r.title, "fold": fold(f"{r.title} {r.id}")}
                for r in matching(self.project.records, [], kind_name or None)]

    def assets(self) -> list[dict]:
        """Every file under content/assets/ (hidden ones left out), as fields name them."""
        found = []
        top = os.path.join(self.root, ASSETS)
        for folder, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not is_ignored(d))
            for name in sorted(names):
                if is_ignored(name):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, self.root).replace(os.sep, "/")
                found.append({"value": "/" + rel, "name": rel[len(ASSETS) + 1:], "size": os.path.getsize(path),
                              "image": name.lower().endswith(IMAGE_EXTENSIONS)})
        return found

    def upload(self, kind: KindSchema, name: str, data: bytes, field_key: str | None = None) -> tuple[dict, str]:
        """Store an uploaded file under content/assets/<kind folder>/ under a free, safe name."""
        allowed = self.upload_extensions(kind, field_key)
        safe = safe_name(name)
        if not safe.lower().endswith(allowed):
            raise self.refuse(422, "upload-type", name=safe, allowed=" ".join(allowed))
        if not data:
            raise self.refuse(422, "upload-empty")
        if len(data) > MAX_UPLOAD_BYTES:
            raise self.refuse(413, "too-large", size=len(data) / 2 ** 20, max=MAX_UPLOAD_BYTES // 2 ** 20)
        folder = f"{ASSETS}/{kind.folder}"
        stem, ext = os.path.splitext(safe)
        with _WRITE_LOCK:
            target = os.path.dirname(self.full_path(f"{folder}/{safe}"))
            os.makedirs(target, exist_ok=True)
            existing = {n.casefold() for n in os.listdir(target)}
            n = 0
            while True:
                candidate = f"{stem}-{n}{ext}" if n else safe
                if candidate.casefold() not in existing:
                    src_uri = f"{folder}/{candidate}"
                    try:
                        self._write_new(src_uri, data, self.settings.display_path(src_uri))
                        break
                    except Refusal:  # came into being meanwhile
                        pass
                n += 1
        return {"ok": True, "value": "/" + src_uri, "name": candidate}, src_uri

    def upload_extensions(self, kind: KindSchema, field_key: str | None) -> tuple:
        """The file types the checker accepts for the field (any file field of the kind if none)."""
        fields = [f for f in walk_fields(kind.fields) if isinstance(f.item_type, ContentFile)]
        if field_key:
            fields = [f for f in fields if f.key == field_key]
            if not fields:
                raise self.refuse(422, "upload-field", kind=Kind(kind.name).render(self.lang), field=field_key)
        allowed: list = []
        for f in fields:
            for ext in f.item_type.extensions or ATTACHMENT_EXTENSIONS:
                if ext not in allowed:
                    allowed.append(ext)
        return tuple(allowed)


def safe_name(name: str) -> str:
    """A file name that is safe in a path and a Markdown link: its last part only, letters,
    digits, Chinese, '.', '-' and '_' (other runs become '-'), no leading dot, the extension
    in lower case; "file" when nothing is left of the stem."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = _UNSAFE_NAME.sub("-", stem).strip(".-_")[:80] or "file"
    ext = re.sub(r"[^A-Za-z0-9]", "", ext).lower()
    return f"{stem}.{ext}" if ext else stem


def _temporary(path: str, data: bytes) -> str:
    """A hidden temporary file beside `path` holding `data` (the watcher ignores hidden files)."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def field_at(source: Source, problem) -> str:
    """The form's name of the field a problem is about ("honors.1.level"), from its line;
    "body" in the body, "" when no field has that line."""
    if source.has_front_matter and problem.line >= source.body_line:
        return "body"
    at_line = sorted((p for p, line in source.lines.items() if line == problem.line), key=len)
    key = problem.args.get("key")
    if isinstance(key, str) and key:
        named = [p for p in at_line if p[-1] == key.split(".")[-1]]
        if named:
            return ".".join(map(str, named[0]))
        items = [p for p in at_line if isinstance(p[-1], int)]
        if problem.code == "required" and items:  # a sub-field missing from an item
            return ".".join(map(str, items[0] + (key,)))
        if not at_line or key in source.data:  # a key missing from the front matter, or all of it
            return key
    return ".".join(map(str, at_line[-1])) if at_line else ""
