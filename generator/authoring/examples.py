"""One complete example record per kind, written from the schema's declared examples (as
`showcase new` writes values).

The writing guide shows these files; a test writes each into the sample project and checks
it, so an example that stops passing `showcase check` fails the tests, not the reader.
"""

from __future__ import annotations

from ..core.fields import DateOrPeriod, ListOf
from ..core.schema import KindSchema
from .values import typed, yaml_line

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
    """The complete example record of a kind: front matter with every field, then the body's outline."""
    lines = ["---"]
    for field in example_fields(kind):
        lines.append(yaml_line(field.key, typed(field.type, example_value(field, kind))))
    lines.append("---")
    title = example_value(kind.by_key["title"], kind)
    lines += ["", f"（正文第一段：用一两句话概括{title}。）"]
    for heading, what in kind.outline:
        lines += ["", f"## {heading}", "", f"（{what}。）"]
    return "\n".join(lines) + "\n"
