"""The writing guide (/guide/, 编写指南): what it shows that comes from the declarations.

Its examples, field tables, allowed values and message entries are generated from the
schema, the project's vocabularies and the message catalogue, so the guide cannot drift
from what the checker enforces. The explanatory words around them are in guide.html.
"""

from __future__ import annotations

from ..core.dates import parse_date
from ..authoring.examples import example_file, example_path
from ..core.fields import IMAGE_EXTENSIONS, Choice, ListOf
from ..core.messages import explanations
from ..core.options import OPTIONS
from ..core.schema import KINDS
from .fielddocs import describe

# Date forms the guide shows, each with how the site reads it (from the date parser itself).
DATE_EXAMPLES = ("2021-07-17", "2021-7-17", "2021-07", "2021", "2021年7月17日", "2021年7月", "2021年")
PRECISION = {"day": "具体到日", "month": "具体到月", "year": "只有年份"}


def guide_context(vocabularies: dict) -> dict:
    messages = explanations()
    return {
        "kinds": [_kind(kind, vocabularies) for kind in KINDS],
        "choices": allowed_values(vocabularies),
        "dates": [(text, parse_date(text).zh(), PRECISION[parse_date(text).precision]) for text in DATE_EXAMPLES],
        "errors": [m for m in messages if m["code"][0] == "E"],
        "warnings": [m for m in messages if m["code"][0] == "W"],
        "raw_html": OPTIONS["raw_html"],
        "image_types": [ext.lstrip(".").upper() for ext in IMAGE_EXTENSIONS],
    }


def _kind(kind, vocabularies) -> dict:
    return {"kind": kind, "path": example_path(kind), "example": example_file(kind),
            "fields": [(f.key, f.zh, f.required, describe(f.type, vocabularies), f.help) for f in kind.fields]}


def allowed_values(vocabularies: dict) -> list[dict]:
    """Every enumerated field (sub-fields too), once per field name and values, with its kinds."""
    found: dict[tuple, dict] = {}
    for kind in KINDS:
        for key, field in _walk(kind.fields):
            type_ = field.type.item if isinstance(field.type, ListOf) else field.type
            if not isinstance(type_, Choice):
                continue
            values = tuple(vocabularies[type_.vocabulary] if type_.vocabulary else type_.values)
            entry = found.setdefault((key, values), {"key": key, "label": field.zh, "values": values,
                                                     "vocabulary": type_.vocabulary, "kinds": []})
            entry["kinds"].append(kind.zh)
    return list(found.values())


def _walk(fields, prefix: str = ""):
    for field in fields:
        key = f"{prefix}{field.key}"
        yield key, field
        yield from _walk(field.sub_fields, f"{key}.")
