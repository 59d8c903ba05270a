"""The file `showcase new` starts a record from, generated from the kind's declarations in
core/schema.py (label, help, example, required, allowed values, body outline), so it never
says anything the checker does not enforce.

Required fields come first, left empty unless given; optional ones follow as commented-out
examples (uncomment and edit); every field has a comment saying what it is.
"""

from __future__ import annotations

from ..core.fields import Boolean, Choice, Date, Field, Ref, kind_name
from ..core.schema import KindSchema
from .messages import FILE_TEXT
from .values import typed, yaml_line

NOT_IN_TEMPLATE = ("id",)  # the file's path is its id


def record_template(kind: KindSchema, values: dict, vocabularies: dict) -> str:
    """The new record's text: front matter with `values` filled in, then the body's outline."""
    lines = ["---", FILE_TEXT["new-header"].format(kind=kind.zh, name=kind.name), FILE_TEXT["new-help"],
             FILE_TEXT["required-head"]]
    for field_ in (f for f in kind.fields if f.required and f.key not in NOT_IN_TEMPLATE):
        lines += _comment(field_, vocabularies, example=True)
        lines.append(yaml_line(field_.key, values[field_.key]) if field_.key in values else f"{field_.key}:")
    lines.append(FILE_TEXT["optional-head"])
    for field_ in (f for f in kind.shown_order if not f.required and f.key not in NOT_IN_TEMPLATE):
        lines += _comment(field_, vocabularies, example=False)
        if field_.key in values:
            lines.append(yaml_line(field_.key, values[field_.key]))
        else:
            lines += ["# " + line for line in yaml_line(field_.key, typed(field_.type, field_.example)).split("\n")]
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + body_outline(kind)


def body_outline(kind: KindSchema) -> str:
    """The body a new record starts from: the kind's headings, each with a hint as a comment."""
    lines = [FILE_TEXT["body-note"], ""]
    for heading, hint in kind.outline:
        lines += [f"## {heading}", "", FILE_TEXT["outline-hint"].format(hint=hint), ""]
    return "\n".join(lines)


def _comment(field_: Field, vocabularies: dict, example: bool) -> list[str]:
    """What the field means, its allowed values, its sub-fields and (for a required field) an example."""
    required = FILE_TEXT["required-mark"] if field_.required else ""
    lines = [FILE_TEXT["field"].format(label=field_.zh, required=required, text=_meaning(field_, vocabularies))]
    for sub in field_.sub_fields:
        lines.append(FILE_TEXT["sub-field"].format(key=sub.key, label=sub.zh,
                                                   required=FILE_TEXT["required-mark"] if sub.required else "",
                                                   text=_meaning(sub, vocabularies)))
    if example:
        written = yaml_line(field_.key, typed(field_.type, field_.example)).split("\n")
        if len(written) == 1:
            lines.append(FILE_TEXT["example-inline"].format(line=written[0]))
        else:
            lines += [FILE_TEXT["example-block"]] + [FILE_TEXT["example-line"].format(line=w) for w in written]
    return lines


def _meaning(field_: Field, vocabularies: dict) -> str:
    """The field's help, followed by what values it takes when the help does not say."""
    item = field_.item_type
    extra = ""
    if isinstance(item, Choice):
        allowed = "、".join(item.values or vocabularies[item.vocabulary])
        if field_.help == allowed:
            return FILE_TEXT["allowed"].format(values=allowed)
        extra = FILE_TEXT["allowed"].format(values=allowed)
    elif isinstance(item, Ref):
        extra = FILE_TEXT["reference"].format(kind=kind_name(item.kind))
    elif isinstance(item, Boolean):
        extra = FILE_TEXT["boolean"]
    elif isinstance(item, Date):
        extra = Date().json()["description"]
    return f"{field_.help}；{extra}" if extra else field_.help
