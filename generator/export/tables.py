"""The exported records as a table: one row per record, the schema's Chinese labels as headers.

For CSV (UTF-8 with a BOM, so that Excel opens Chinese text correctly) and xlsx (openpyxl).
Cells are read from the exported data (records.py), so a table holds exactly what the JSON
holds: a reference shows the record's title, a list its items joined with 、.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..core.fields import Boolean, DateOrPeriod, Field, ListOf, Object, Ref
from ..core.schema import KIND_BY_NAME, KINDS

LIST_SEPARATOR = "、"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a BOM: Excel reads it as UTF-8, not as the system's GBK


@dataclass(frozen=True)
class Column:
    key: str  # the record's key in the exported data
    header: str
    label: str = ""  # the field's label: a record whose field of that key has another label leaves it empty


def columns(kind: str | None = None) -> list[Column]:
    """The columns of one kind's table, or of every kind's (a field shared by several kinds is
    one column; two fields with the same label are told apart by their kind)."""
    kinds = [KIND_BY_NAME[kind]] if kind else KINDS
    found: dict[tuple, Column] = {}
    for k in kinds:
        for f in k.fields:
            if f.key != "id":
                found.setdefault((f.key, f.zh), k)
    headers = [zh for _, zh in found]
    cols = [Column(key, zh if headers.count(zh) == 1 else f"{zh}（{k.zh}）", zh)  # one label, two meanings
            for (key, zh), k in found.items()]
    head = [Column("kind", "类型"), Column("id", "编号"), Column("address", "网址")]
    return head[1:] + cols if kind else head + cols


def rows(data: dict, kind: str | None = None) -> tuple[list[str], list[list]]:
    """(headers, rows) of exported data (records.export_data); numbers stay numbers."""
    cols = columns(kind)
    site_url = data.get("site_url") or ""
    table = []
    for record in data["records"]:
        row = []
        for col in cols:
            value = record.get(col.key)
            if col.key == "kind":
                row.append(KIND_BY_NAME[value].zh)
            elif col.key == "address":
                row.append(site_url.rstrip("/") + "/" + value if site_url else "/" + value)
            elif not col.label or value is None:
                row.append("" if value is None else value)
            else:
                field = KIND_BY_NAME[record["kind"]].by_key.get(col.key)
                row.append(cell(field.type, value) if field is not None and field.zh == col.label else "")
        table.append(row)
    return [c.header for c in cols], table


def cell(ftype, value):
    """One exported value as the text (or number) of a cell."""
    if isinstance(ftype, ListOf):
        return LIST_SEPARATOR.join(str(cell(ftype.item, v)) for v in value)
    if isinstance(ftype, Ref):
        return value["title"]
    if isinstance(ftype, DateOrPeriod) and isinstance(value, dict):
        return f"{value['start']}—{value['end']}" if "end" in value else f"{value['start']}起"
    if isinstance(ftype, Object):
        return _object_text(ftype.fields, value)
    if isinstance(ftype, Boolean):
        return "是" if value else "否"
    return value


def _object_text(fields: list[Field], value: dict) -> str:
    """An honour, a speaker…: its name, then its other sub-fields labelled in brackets
    (全省优秀品牌（级别：省部级，年份：2021））; an object without a name field is all labelled."""
    parts = [(f, cell(f.type, value[f.key])) for f in fields if f.key in value]
    first = fields[0]
    named = first.required and not isinstance(value.get(first.key), (int, float))
    if named and parts and parts[0][0] is first:
        rest = "，".join(f"{f.zh}：{v}" for f, v in parts[1:])
        return f"{parts[0][1]}（{rest}）" if rest else str(parts[0][1])
    return "，".join(f"{f.zh}：{v}" for f, v in parts)


# A text cell that starts with one of these is read by Excel as a formula (=HYPERLINK(…)).
_FORMULA_START = ("=", "+", "-", "@")


def csv_bytes(headers: list[str], table: list[list]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([_as_text(v) for v in row] for row in table)
    return out.getvalue().encode(CSV_ENCODING)


def _as_text(value):
    """A text cell as Excel should show it: as text, never run as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """An Excel workbook with one sheet per (name, headers, rows)."""
    from openpyxl import Workbook  # only where a workbook is asked for
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, headers, table in sheets:
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for cell_ in sheet[1]:
            cell_.font = Font(bold=True)
        for row in table:
            sheet.append(row)
            for cell_ in sheet[sheet.max_row]:
                if isinstance(cell_.value, str):
                    cell_.data_type = "s"  # openpyxl writes "=…" as a formula otherwise
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
