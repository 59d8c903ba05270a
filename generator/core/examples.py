"""One complete example record per kind, written from the schema's declared examples.

The writing guide shows these files; a test writes each into the sample project and checks
it, so an example that stops passing `showcase check` fails the tests, not the reader.
"""

from __future__ import annotations

import json

import yaml

from .dates import parse_date
from .fields import Date, DateOrPeriod, ListOf
from .schema import KindSchema

# Shown in the guide's own sections, not in every example: an id is usually the file name,
# and an example marked as a draft or internal would not be published.
NOT_IN_EXAMPLES = ("id", "draft", "visibility")


def example_value(field, kind: KindSchema | None = None):
    """A field's example (the kind's own for a common field, if it declares one); a field with
    sub-fields gets every sub-field's example, but only one of keys meant as alternatives."""
    if kind is not None and field.key in (kind.examples or {}):
        return kind.examples[field.key]
    item_type = field.type.item if isinstance(field.type, ListOf) else field.type
    subs = [] if isinstance(field.type, DateOrPeriod) else field.sub_fields
    if not subs:
        return field.example
    declared = field.example[0] if isinstance(field.example, list) else field.example
    alternatives = set(item_type.one_of or ()) - set(declared)
    item = {sub.key: example_value(sub) for sub in subs if sub.key not in alternatives}
    return [item] if isinstance(field.type, ListOf) else item


def example_fields(kind: KindSchema) -> list:
    """The fields an example shows, in the order a reader meets them: title, the kind's own
    fields (required ones first, as declared), then the other common fields."""
    common = [f for f in kind.fields if f not in kind.own_fields and f.key not in NOT_IN_EXAMPLES]
    return [f for f in common if f.key == "title"] + kind.own_fields + [f for f in common if f.key != "title"]


def example_path(kind: KindSchema) -> str:
    """Where the example file goes, project-relative: a lecture in its series' folder, named by number."""
    if kind.name == "lecture":
        values = {f.key: f.example for f in kind.fields}
        return f"content/{kind.folder}/{values['series']}/{values['number']:03d}.md"
    return f"content/{kind.folder}/example-{kind.name}.md"


def example_file(kind: KindSchema) -> str:
    """The complete example record of a kind: front matter with every field, then a body."""
    lines = ["---"]
    for field in example_fields(kind):
        lines += _yaml_lines(field.key, example_value(field, kind), field.type, "")
    lines.append("---")
    title = example_value(kind.by_key["title"], kind)
    lines += ["", f"（正文第一段：用一两句话概括{title}。）"]
    for heading, what in kind.outline:
        lines += ["", f"## {heading}", "", f"（{what}。）"]
    return "\n".join(lines) + "\n"


def _yaml_lines(key: str, value, type_, indent: str) -> list[str]:
    item_type = type_.item if isinstance(type_, ListOf) else type_
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for sub_key, sub_value in value.items():
            lines += _yaml_lines(sub_key, sub_value, _sub_type(item_type, sub_key), indent + "  ")
        return lines
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{key}:"]
        for item in value:
            first = True
            for sub_key, sub_value in item.items():
                sub_lines = _yaml_lines(sub_key, sub_value, _sub_type(item_type, sub_key), indent + "    ")
                if first:  # "  - title: …" then "    level: …"
                    sub_lines[0] = f"{indent}  - {sub_lines[0].lstrip()}"
                    first = False
                lines += sub_lines
        return lines
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(scalar(v, item_type, flow=True) for v in value)}]"]
    return [f"{indent}{key}: {scalar(value, type_)}"]


def _sub_type(type_, key: str):
    fields = getattr(type_, "by_key", None)
    return fields[key].type if fields and key in fields else None


def scalar(value, type_=None, flow: bool = False) -> str:
    """A value as written in front matter: plain when YAML reads it back as it is (and a date
    where a date is expected), otherwise in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if isinstance(type_, (Date, DateOrPeriod)) and parse_date(text) is not None:
        return text
    try:
        read = yaml.safe_load(f"k: [{text}]" if flow else f"k: {text}")["k"]
    except yaml.YAMLError:
        read = None
    if read == ([text] if flow else text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string
