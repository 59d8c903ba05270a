"""The published records as JSON-compatible data: what `/data/*.json` and `showcase export` hold.

A pure function of one edition (core.project.Edition): a record's fields as declared in
core/schema.py, with dates as ISO strings keeping their precision (2021, 2021-07, 2021-07-17),
periods as {start, end}, and references as {id, title, address} to the records this edition
publishes only (a reference to any other leaves no trace, not even its id).
"""

from __future__ import annotations

import json
from typing import Callable

from ..core.dates import PartialDate, Period
from ..core.fields import DateOrPeriod, Field, ListOf, Object, Ref
from ..core.index import sort_by_date
from ..core.model import Record
from ..core.project import Edition
from ..core.schema import KIND_BY_NAME, KINDS

DATA_FOLDER = "data"  # /data/records.json and /data/<folder>.json in every build
ALL_RECORDS = "records"


def data_files(edition: Edition, site_url: str = "") -> dict[str, dict]:
    """Every data file of a build: path in the site -> its content."""
    files = {f"{DATA_FOLDER}/{ALL_RECORDS}.json": export_data(edition, None, site_url)}
    for kind in KINDS:
        files[f"{DATA_FOLDER}/{kind.folder}.json"] = export_data(edition, kind.name, site_url)
    return files


def data_texts(edition: Edition, site_url: str = "",
               fragment: Callable[[Record, Callable[[], str]], str] | None = None) -> dict[str, str]:
    """data_files as the files hold them: json.dumps(…, ensure_ascii=False, indent=1) of each,
    with each record's part written once for all the files it is in, or taken from
    `fragment(record, make)` (a cache of these parts, which calls make() for what it lacks)."""
    made: dict[str, str] = {}

    def text(record: Record) -> str:
        if record.src_uri not in made:
            def make() -> str:
                return json.dumps(record_data(record, edition), ensure_ascii=False, indent=1)
            made[record.src_uri] = fragment(record, make) if fragment is not None else make()
        return made[record.src_uri]

    by_kind = {k.name: [text(r) for r in records] for k, records in zip(KINDS, _by_kind(edition))}
    files = {}
    for path, kind in ((f"{DATA_FOLDER}/{ALL_RECORDS}.json", None),
                       *((f"{DATA_FOLDER}/{k.folder}.json", k.name) for k in KINDS)):
        parts = [part for k in KINDS if kind in (None, k.name) for part in by_kind[k.name]]
        # what json.dumps writes for export_data's dict, a record's lines two levels in
        listed = "[\n" + ",\n".join("  " + part.replace("\n", "\n  ") for part in parts) + "\n ]" if parts else "[]"
        files[path] = (f'{{\n "kind": {json.dumps(kind)},\n "site_url": {json.dumps(site_url or None, ensure_ascii=False)},'
                       f'\n "count": {len(parts)},\n "records": {listed}\n}}')
    return files


def export_data(edition: Edition, kind: str | None = None, site_url: str = "") -> dict:
    """The published records (of one kind, or all), newest first within each kind."""
    records = [record_data(r, edition) for r in published_records(edition, kind)]
    return {"kind": kind, "site_url": site_url or None, "count": len(records), "records": records}


def published_records(edition: Edition, kind: str | None = None) -> list[Record]:
    """The records this edition publishes, kind by kind (in the schema's order), newest first."""
    return [r for k, records in zip(KINDS, _by_kind(edition)) if kind in (None, k.name) for r in records]


def _by_kind(edition: Edition) -> list[list[Record]]:
    """The published records of each kind of KINDS, newest first."""
    grouped: dict[str, list] = {k.name: [] for k in KINDS}
    for record in edition.records():
        grouped[record.kind].append(record)
    return [sort_by_date(grouped[k.name]) for k in KINDS]


def record_data(record: Record, edition: Edition) -> dict:
    """One record: its id, kind and address, then its fields in declared order."""
    data = {"id": record.id, "kind": record.kind, "address": record.url}
    for field in KIND_BY_NAME[record.kind].fields:
        if field.key != "id" and field.key in record.values:
            value = field_value(field.type, record.values[field.key], edition)
            if value is not None:
                data[field.key] = value
    return data


def link(record: Record) -> dict:
    return {"id": record.id, "title": record.title, "address": record.url}


def field_value(ftype, value, edition: Edition):
    """A checked value as JSON; None when nothing of it is published (a hidden reference)."""
    if isinstance(ftype, Ref):
        target = edition.resolve_published(value)
        return link(target) if target is not None else None
    if isinstance(ftype, ListOf):
        items = [field_value(ftype.item, v, edition) for v in value]
        items = [v for v in items if v is not None]
        return items or None
    if isinstance(ftype, Object):
        return object_value(ftype.fields, value, edition)
    if isinstance(ftype, DateOrPeriod) and isinstance(value, Period):
        return {"start": value.start.iso(), **({"end": value.end.iso()} if value.end else {})}
    if isinstance(value, PartialDate):
        return value.iso()
    return value


def object_value(fields: list[Field], value: dict, edition: Edition) -> dict:
    result = {}
    for sub in fields:
        if sub.key in value:
            converted = field_value(sub.type, value[sub.key], edition)
            if converted is not None:
                result[sub.key] = converted
    return result
