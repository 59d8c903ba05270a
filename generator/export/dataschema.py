"""The JSON Schema of the exported data (records.py), derived from the field declarations.

It differs from the editors' schemas (KindSchema.json_schema) where the export differs from
what editors write: references are {id, title, address}, dates are ISO strings, files are
addresses in the site, and every record carries its id, kind and address.
"""

from __future__ import annotations

from ..core.fields import ContentFile, Date, DateOrPeriod, Field, ListOf, Object, Ref
from ..core.schema import DEFAULT_VOCABULARIES, KINDS

ISO_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "日期，保留原有精度：2021、2021-07 或 2021-07-17"}
ADDRESS = {"type": "string", "description": "网站内的地址，相对网站根目录（如 cases/henan-2020/）"}
LINK = {
    "type": "object", "title": "引用的记录",
    "properties": {"id": {"type": "string", "title": "编号"}, "title": {"type": "string", "title": "标题"},
                   "address": {"$ref": "#/$defs/address"}},
    "required": ["id", "title", "address"], "additionalProperties": False,
}


def data_schema(vocabularies=None) -> dict:
    """The schema of /data/records.json, /data/<folder>.json and `showcase export --format json`."""
    vocabularies = vocabularies or DEFAULT_VOCABULARIES
    records = {kind.name: _record_schema(kind, vocabularies) for kind in KINDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "data.schema.json",
        "title": "党建品牌展示库导出数据",
        "description": "一次构建发布的记录（公开版不含内部记录和草稿）；引用只指向同一版本发布的记录",
        "type": "object",
        "properties": {
            "kind": {"enum": [None, *records], "description": "只含一类记录时为该类型，全部记录时为 null"},
            "site_url": {"type": ["string", "null"], "description": "网站地址（mkdocs.yml 的 site_url）；未设置时为 null"},
            "count": {"type": "integer", "minimum": 0, "description": "记录条数"},
            "records": {"type": "array", "items": {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in records]}},
        },
        "required": ["kind", "site_url", "count", "records"],
        "additionalProperties": False,
        "$defs": {"address": ADDRESS, "link": LINK, "date": ISO_DATE, **records},
    }


def _record_schema(kind, vocabularies) -> dict:
    properties = {
        "id": {"type": "string", "title": "编号"},
        "kind": {"const": kind.name, "title": "类型", "description": kind.zh},
        "address": {"$ref": "#/$defs/address", "title": "网址"},
    }
    fields = [f for f in kind.fields if f.key != "id"]
    schema = _object_schema(fields, vocabularies)
    return {"title": f"{kind.zh}（{kind.name}）", "type": "object",
            "properties": {**properties, **schema["properties"]},
            "required": ["id", "kind", "address", *(f.key for f in fields if _always_there(f))],
            "additionalProperties": False}


def _always_there(field: Field) -> bool:
    """Required, and not a reference (one to a record the build leaves out is dropped)."""
    item = field.type.item if isinstance(field.type, ListOf) else field.type
    return field.required and field.key != "id" and not isinstance(item, Ref)


def _object_schema(fields: list[Field], vocabularies) -> dict:
    properties = {}
    for f in fields:
        schema = _type_schema(f.type, vocabularies)
        properties[f.key] = {**schema, "title": f.zh, "description": f.help or f.zh}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _type_schema(ftype, vocabularies) -> dict:
    if isinstance(ftype, Ref):
        return {"$ref": "#/$defs/link"}
    if isinstance(ftype, ListOf):  # always a list here: a single value written alone is normalised
        return {"type": "array", "items": _type_schema(ftype.item, vocabularies)}
    if isinstance(ftype, Object):
        schema = _object_schema(ftype.fields, vocabularies)
        required = [f.key for f in ftype.fields if _always_there(f)]
        return {**schema, "required": required} if required else schema
    if isinstance(ftype, DateOrPeriod):
        period = {"type": "object", "properties": {"start": {"$ref": "#/$defs/date"}, "end": {"$ref": "#/$defs/date"}},
                  "required": ["start"], "additionalProperties": False}
        return {"anyOf": [{"$ref": "#/$defs/date"}, period]}
    if isinstance(ftype, Date):
        return {"$ref": "#/$defs/date"}
    if isinstance(ftype, ContentFile):
        return {"$ref": "#/$defs/address"}
    return ftype.json(vocabularies)
