"""Record ids for the authoring commands: whether an id can be taken, which id to suggest,
and finding records by words of their title or id (simplified or traditional script).

The id rules are the checker's (core/fields.py's pattern, core/addresses.py's limits and
reserved addresses, ids unique ignoring case); this module only asks them before a file exists.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath

from ..core.addresses import id_problem, reserved_pattern
from ..core.fields import ID_PATTERN
from ..core.messages import Text
from ..core.project import Project
from ..core.schema import KINDS, KindSchema
from ..core.t2s import T2S
from ..core.validate import ID_LABEL
from .messages import say

_T2S_TABLE = str.maketrans(T2S)


def taken(project: Project, kind: KindSchema, record_id: str) -> str | None:
    """Where an id is already used (ignoring case), or its file (in any letter case) already
    exists even if it holds no valid record; None when the id is free."""
    record = project.resolve(record_id)
    if record is not None:
        return record.path
    folder, name = posixpath.split(f"{kind.folder}/{record_id}.md")
    directory = os.path.join(project.settings.content_root, *folder.split("/"))
    if os.path.isdir(directory):
        for entry in os.listdir(directory):
            if entry.casefold() == name.casefold():
                return project.settings.display_path(f"{folder}/{entry}")
    return None


def free_id(project: Project, kind: KindSchema, base: str) -> str:
    """`base-1`, `base-2`…: the first one not taken."""
    n = 1
    while taken(project, kind, f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def dated_id(project: Project, kind: KindSchema, today: _dt.date) -> str:
    return free_id(project, kind, f"{kind.name}-{today:%Y%m%d}")


def id_refusal(project: Project, kind: KindSchema, record_id: str, lang: str,
               format_hint: str, retry: str) -> str | None:
    """Why a new record of `kind` cannot take `record_id` (as the checker would say it), or None.
    `format_hint` follows a malformed id; `retry` (how to give another id) follows the others."""
    if not ID_PATTERN.match(record_id):
        return Text("id-format", value=record_id, hint=format_hint).render(lang)
    sep = "。" if lang == "zh" else ". "
    unusable = id_problem(record_id)
    if unusable:
        code, args = unusable
        return Text(code, key="id", label=ID_LABEL, value=record_id, **args).render(lang) + sep + format_hint
    url = f"{kind.folder}/{record_id}/"
    reserved = reserved_pattern(project.settings.reserved_addresses)
    if reserved is not None and reserved.match(url):
        return Text("id-reserved", id=record_id, url=url).render(lang) + sep + format_hint
    record = project.resolve(record_id)
    if record is not None:
        return say("id-used", lang, id=record_id, path=record.path, retry=retry)
    existing = taken(project, kind, record_id)
    if existing:
        return say("file-exists", lang, path=existing, retry=retry)
    return None


# -- finding records by words ------------------------------------------------------

def fold(text: str) -> str:
    """Text as compared when searching: simplified script, case ignored."""
    return str(text).translate(_T2S_TABLE).casefold()


def matching(records, words, kind: str | None = None) -> list:
    """Records of `kind` (any if None) whose id or title holds every word, in either script;
    by kind (in the schema's order), then id."""
    wanted = [fold(w) for w in words if w.strip()]
    order = {k.name: i for i, k in enumerate(KINDS)}
    found = [r for r in records
             if (kind is None or r.kind == kind)
             and all(w in fold(r.id) or w in fold(r.title) for w in wanted)]
    return sorted(found, key=lambda r: (order[r.kind], r.id.casefold()))
