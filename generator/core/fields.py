"""Field types of the content schema.

Each type knows how to check a front-matter value (reporting problems with the
line of the offending key), what the checked value becomes, and how it reads as
JSON Schema for editors. Kinds are declared from these in `schema.py`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from abc import ABC, abstractmethod
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .dates import Period, dotted_date, parse_date
from .loader import colon_mistake
from .messages import Label, Text, TypeOf
from .t2s import simplified


if TYPE_CHECKING:
    from .validate import Checker

# Scalars YAML reads as something else than text: where text is meant, the text written counts.
_TYPED_SCALARS = (bool, int, float, _dt.date)
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
ID_PATTERN = re.compile(r"^[\w-]+(?:/[\w-]+)*$")
URL_PATTERN = re.compile(r"^https?://\S+$")


# Where a field shows on a record's information panel, in this order ("" = not shown):
# a badge under the title, the heading (slogan, picture), the summary, figures, a row of
# the information list, a section of its own with the label as heading; "links" shows
# after the body, with the related records.
PANEL_SLOTS = ("badge", "head", "summary", "figures", "row", "section", "links")


@dataclass
class Field:
    """One key of a kind's front matter, and everything the rest of the showcase needs of it."""

    key: str
    type: "FieldType"
    zh: str  # label shown to editors and readers
    en: str
    required: bool = False
    help: str = ""  # Chinese description for the JSON Schema, field docs, templates and forms
    example: Any = None  # a realistic value: templates, the writing guide, "required" messages
    search: bool = False  # its text is indexed and shown in search results (sub-fields too)
    facet: str | None = None  # the look-up it lists records under (schema.FACETS), also a search filter
    backlinks: str | None = None  # a reference: heading of the group on the referred record's page
    backlinks_id: str | None = None  # that group's anchor; default: the referring kind's folder
    mutual: bool = False  # a reference shown on both sides (partners)
    organisation: bool = False  # names an organisation the record belongs to
    cross_check: bool = False  # a rule across files (references.py) reads it: the check cache keeps it
    panel: str = "row"  # where it shows on the record panel: one of PANEL_SLOTS, or ""
    unit: str = ""  # shown after a number on the panel (名, 人)

    def __post_init__(self):
        if self.panel and self.panel not in PANEL_SLOTS:
            raise ValueError(f"{self.key}: panel must be one of {PANEL_SLOTS} or empty")

    @property
    def label(self) -> Label:
        return Label(self.zh, self.en)

    @property
    def item_type(self) -> "FieldType":
        """The type of each value: a list's item type, else the field's own type."""
        return self.type.item if isinstance(self.type, ListOf) else self.type

    @property
    def target(self) -> str | None:
        """The kind of record this field refers to, if it is a reference."""
        return self.item_type.kind if isinstance(self.item_type, (Ref, TitleOf)) else None

    @property
    def sub_fields(self) -> list:
        """The fields of each value (an object, or a list of objects), else []."""
        return self.item_type.fields if isinstance(self.item_type, Object) else []


def walk_fields(fields):
    """Every field and sub-field, depth first."""
    for f in fields:
        yield f
        yield from walk_fields(f.sub_fields)


class FieldType(ABC):
    """A type of front-matter value: how to check it and how it reads as JSON Schema."""

    @abstractmethod
    def check(self, value: Any, field: Field, path: tuple, checker: "Checker") -> Any:
        """The checked value, or None after reporting the problem through `checker`."""

    @abstractmethod
    def json(self, vocabularies=None) -> dict:
        """The JSON Schema of a value of this type."""

    def example(self) -> Any:
        return ""


def nearest(value: str, options, cutoff: float = 0.5) -> str | None:
    matches = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=cutoff)
    return matches[0] if matches else None


# -- scalars -------------------------------------------------------------------

@dataclass
class String(FieldType):
    max_length: int | None = None

    def check(self, value, field, path, checker):
        if isinstance(value, _TYPED_SCALARS):
            # A number, yes/no or a date where text is expected is the text written (title: no).
            value = str(checker.written(path, value))
        if not isinstance(value, str):
            return checker.error(path, "type-string", key=field.key, label=field.label, got=TypeOf(value))
        value = value.strip()
        if not value:
            return checker.error(path, "empty-value", key=field.key, label=field.label)
        if self.max_length and len(value) > self.max_length:
            checker.error(path, "too-long", key=field.key, label=field.label,
                          max=self.max_length, length=len(value))
        return value

    def json(self, vocabularies=None):
        schema = {"type": "string", "minLength": 1}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


@dataclass
class Integer(FieldType):
    min: int | None = None
    max: int | None = None
    sample: int = 1

    def check(self, value, field, path, checker):
        if isinstance(value, str) and value.strip().isdigit():  # e.g. number: "078"
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                return checker.error(path, "type-integer", key=field.key, label=field.label,
                                     value=checker.written(path, value), example=self.sample)
        return _check_range(value, self.min, self.max, field, path, checker)

    def json(self, vocabularies=None):
        return _range_schema("integer", self.min, self.max)

    def example(self):
        return self.sample


@dataclass
class Number(FieldType):
    min: float | None = None
    max: float | None = None

    def check(self, value, field, path, checker):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return checker.error(path, "type-number", key=field.key, label=field.label,
                                 value=checker.written(path, value))
        return _check_range(value, self.min, self.max, field, path, checker)

    def json(self, vocabularies=None):
        return _range_schema("number", self.min, self.max)

    def example(self):
        return 0


def _range_schema(json_type: str, lo, hi) -> dict:
    schema = {"type": json_type}
    if lo is not None:
        schema["minimum"] = lo
    if hi is not None:
        schema["maximum"] = hi
    return schema


def _check_range(value, lo, hi, field, path, checker):
    if lo is not None and hi is not None and not lo <= value <= hi:
        return checker.error(path, "out-of-range", key=field.key, label=field.label,
                             min=lo, max=hi, value=checker.written(path, value))
    if lo is not None and value < lo:
        return checker.error(path, "below-minimum", key=field.key, label=field.label, min=lo,
                             value=checker.written(path, value))
    return value


class Boolean(FieldType):
    def check(self, value, field, path, checker):
        if not isinstance(value, bool):
            return checker.error(path, "type-bool", key=field.key, label=field.label,
                                 value=checker.written(path, value))
        return value

    def json(self, vocabularies=None):
        return {"type": "boolean"}

    def example(self):
        return False


@dataclass
class Choice(FieldType):
    """One of a fixed list, or of a vocabulary configured in mkdocs.yml."""

    values: tuple = ()
    vocabulary: str | None = None  # name of a configurable vocabulary

    def allowed(self, checker) -> tuple:
        return tuple(checker.settings.vocabularies[self.vocabulary]) if self.vocabulary else self.values

    def check(self, value, field, path, checker):
        allowed = self.allowed(checker)
        if value in allowed:
            return value
        if isinstance(value, str) and simplified(value) in allowed:
            return simplified(value)  # 黨支部 written in traditional script is 党支部
        best = nearest(value, allowed) if isinstance(value, (str, int)) else None
        return checker.error(path, "enum", key=field.key, label=field.label, value=checker.written(path, value),
                             suggestion=Text("did-you-mean-value", best=best) if best else "",
                             allowed=list(allowed))

    def json(self, vocabularies=None):
        values = self.values
        if self.vocabulary and vocabularies:
            values = vocabularies[self.vocabulary]
        return {"type": "string", "enum": list(values)}

    def example(self):
        return self.values[0] if self.values else ""


class Date(FieldType):
    def check(self, value, field, path, checker):
        date = parse_date(value)
        if date is None:
            written = checker.written(path, value)
            fixed = dotted_date(written) if isinstance(written, str) else None
            return checker.error(path, "date", key=field.key, label=field.label, value=written,
                                 suggestion=Text("date-write", fixed=fixed) if fixed else "")
        return date

    def json(self, vocabularies=None):
        return {
            "anyOf": [
                {"type": "string",
                 "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$|^\d{4}年(\d{1,2}月(\d{1,2}日)?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "日期：2021-07-17、2021-07、2021、2021年7月17日 或 2021年7月",
        }

    def example(self):
        return "2021-07-17"


class Url(FieldType):
    def check(self, value, field, path, checker):
        if not isinstance(value, str) or not URL_PATTERN.match(value.strip()):
            return checker.error(path, "url", key=field.key, label=field.label,
                                 value=checker.written(path, value))
        return value.strip()

    def json(self, vocabularies=None):
        return {"type": "string", "pattern": "^https?://", "format": "uri"}

    def example(self):
        return "https://"


class ContentFile(FieldType):
    """A path to a file inside content/: relative to the file, or absolute from content/."""

    def __init__(self, extensions: tuple | None = None):
        self.extensions = extensions

    def check(self, value, field, path, checker):
        if isinstance(value, str) and not value.strip():
            return checker.error(path, "empty-value", key=field.key, label=field.label)
        if not isinstance(value, str):
            return checker.error(path, "type-string", key=field.key, label=field.label, got=TypeOf(value))
        value = value.strip()
        if self.extensions and not value.lower().endswith(self.extensions):
            return checker.error(path, "file-type", key=field.key, label=field.label, value=value,
                                 allowed=list(self.extensions))
        resolved = checker.resolve_content_path(value)
        if resolved is None or not checker.inside_content(resolved):  # also through a link
            return checker.error(path, "file-outside", key=field.key, label=field.label, value=value)
        if not checker.content_file_exists(resolved):
            return checker.error(path, "file-missing", key=field.key, label=field.label, value=value)
        return resolved  # posix path relative to content/

    def json(self, vocabularies=None):
        schema = {"type": "string", "description": "文件路径：相对本文件，或以 / 开头从 content/ 算起"}
        if self.extensions:
            schema["pattern"] = r"\.(png|jpe?g|gif|svg|webp|avif)$"
        return schema

    def example(self):
        return "/assets/images/示例.jpg" if self.extensions else "/assets/files/示例.pdf"


def Image() -> ContentFile:
    return ContentFile(IMAGE_EXTENSIONS)


class Identifier(FieldType):
    def check(self, value, field, path, checker):
        if isinstance(value, _TYPED_SCALARS):
            value = str(checker.written(path, value))  # id: 071 is "071"
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            return checker.error(path, "id-format", key=field.key, label=field.label, value=value, hint="")
        return value

    def json(self, vocabularies=None):
        # JSON Schema patterns are ECMAScript, where \w is ASCII only: spell out "no spaces".
        return {"type": "string", "pattern": r"^[^\s/]+(/[^\s/]+)*$"}


@dataclass
class Ref(FieldType):
    """The id of another record of a given kind; resolved once every file is read."""

    kind: str = "branch"

    def check(self, value, field, path, checker):
        if isinstance(value, _TYPED_SCALARS):
            value = str(checker.written(path, value))  # parent: 2012 is the id "2012"
        if isinstance(value, str) and not value.strip():
            return checker.error(path, "empty-value", key=field.key, label=field.label)
        if not isinstance(value, str):
            return checker.error(path, "type-string", key=field.key, label=field.label, got=TypeOf(value))
        value = value.strip()
        checker.reference(path, self.kind, value)
        return value

    def json(self, vocabularies=None):
        schema = {"type": "string", "description": f"引用：{kind_name(self.kind)}的编号（id）"}
        if vocabularies and ids_vocabulary(self.kind) in vocabularies:  # the existing ids (KindSchema.json_schema)
            schema["$ref"] = f"#/$defs/{ids_vocabulary(self.kind)}"
        return schema

    def example(self):
        return f"{kind_name(self.kind)}编号"


def ids_vocabulary(kind: str) -> str:
    """Where a vocabularies mapping holds the existing records of a kind, as (id, title) pairs:
    reference fields then offer exactly those ids in editors."""
    return f"{kind}-ids"


def ids_schema(records) -> dict:
    """The ids of `records` ((id, title) pairs) as a JSON Schema enumeration whose items the
    editor (Red Hat YAML, VS Code) completes with the title beside each id."""
    records = sorted(records)
    return {"enum": [record_id for record_id, _ in records],
            "enumDescriptions": [title for _, title in records]}


@dataclass
class TitleOf(String):
    """Text that names the record of `kind` bearing exactly this title, when there is one
    (a lecture series and the brand of that name). Not an error when there is none."""

    kind: str = "brand"


def kind_name(kind: str, lang: str = "zh") -> str:
    # schema.py declares the kinds from the types in this module, so their names are
    # looked up when a type is used, never when it is declared.
    from .schema import KIND_NAMES
    return KIND_NAMES[lang][kind]


# -- containers ----------------------------------------------------------------

_ITEM_SEPARATORS = re.compile("[，、]")

@dataclass
class ListOf(FieldType):
    item: FieldType = None
    min_items: int = 0
    single_allowed: bool = False  # accept one value written without a list (brand owner)

    def check(self, value, field, path, checker):
        if not isinstance(value, list):
            if self.single_allowed and not isinstance(value, dict):
                value = [value]
                single = True
            else:
                return checker.error(path, "type-list", key=field.key, label=field.label, got=TypeOf(value))
        else:
            single = False
        if len(value) < self.min_items:
            return checker.error(path, "list-too-short", key=field.key, label=field.label,
                                 min=self.min_items)
        result = []
        for i, item in enumerate(value):
            item_path = path if single else path + (i,)
            if item is None:
                checker.error(item_path, "empty-value", key=field.key, label=field.label)
                continue
            if isinstance(item, str) and self.comma_mistake(item, field, item_path, checker):
                continue
            checked = self.item.check(item, field, item_path, checker)
            if checked is not None:
                result.append(checked)
        return result

    def comma_mistake(self, item: str, field, path, checker) -> bool:
        """An item "防汛，抢险" meant as two: unquoted in [a, list], or every part a value allowed.
        Reported (an error unless the item is free text, which is kept as written); True when
        the item is dropped."""
        parts = [p.strip() for p in _ITEM_SEPARATORS.split(item) if p.strip()]
        if len(parts) < 2:
            return False
        allowed = self.item.allowed(checker) if isinstance(self.item, Choice) else ()
        all_allowed = bool(allowed) and all(simplified(p) in allowed for p in parts)
        if path not in checker.source.comma_items and not all_allowed:
            return False
        free_text = type(self.item) is String
        report = checker.warning if free_text else checker.error
        report(path, "list-comma-kept" if free_text else "list-comma", key=field.key, label=field.label, value=item,
               sep=Text("sep-comma" if "，" in item else "sep-dunhao"), fixed=", ".join(parts),
               note=Text("list-comma-allowed") if all_allowed else "")
        return not free_text

    def json(self, vocabularies=None):
        item = self.item.json(vocabularies)
        schema = {"type": "array", "items": item}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.single_allowed:
            return {"anyOf": [item, schema]}
        return schema

    def example(self):
        return []


@dataclass
class Object(FieldType):
    """A mapping of sub-fields, e.g. an honour or a period."""

    fields: list = field(default_factory=list)
    ordered: tuple | None = None  # (start_key, end_key): end must not be before start
    one_of: tuple | None = None  # at least one of these keys is required

    def __post_init__(self):
        self.by_key = {f.key: f for f in self.fields}

    def check(self, value, field, path, checker):
        mistake = colon_mistake(value) if isinstance(value, str) else None
        if mistake:  # "- name：张三": one text where sub-fields were meant
            return checker.error(path, mistake[0], written=value, fixed=mistake[1])
        if not isinstance(value, dict):
            return checker.error(path, "type-mapping", key=field.key, label=field.label,
                                 fields=[f.key for f in self.fields], got=TypeOf(value))
        result = checker.check_fields(value, self.by_key, path)
        if self.one_of and not any(value.get(k) not in (None, "") for k in self.one_of):
            first = self.by_key[self.one_of[0]]
            checker.error(path, "required", key=" / ".join(self.one_of), label=first.label,
                          example=f"{first.key}: {first.example or first.type.example()}")
        if self.ordered:
            start, end = (result.get(k) for k in self.ordered)
            if start and end and end.sort_key() < start.sort_key():
                checker.error(path + (self.ordered[1],), "period-order", key=field.key,
                              label=field.label, start=start.zh(), end=end.zh())
        return result

    def json(self, vocabularies=None):
        return object_schema(self.fields, vocabularies)

    def example(self):
        return {f.key: f.example if f.example is not None else f.type.example()
                for f in self.fields if f.required}


class DateOrPeriod(FieldType):
    """A date, or {start, end} with end not before start."""

    def __init__(self):
        self.period = Object([
            Field("start", Date(), "开始", "start", required=True, help="开始日期", example="2021-07"),
            Field("end", Date(), "结束", "end", help="结束日期，不早于开始", example="2021-09"),
        ], ordered=("start", "end"))

    def check(self, value, field, path, checker):
        if isinstance(value, dict):
            result = self.period.check(value, field, path, checker)
            return Period(result["start"], result.get("end")) if result.get("start") else None
        if parse_date(value) is None:
            return checker.error(path, "date-or-period", key=field.key, label=field.label,
                                 got=f"“{checker.written(path, value)}”" if isinstance(value, (str, int, float))
                                 else TypeOf(value))
        return parse_date(value)

    def json(self, vocabularies=None):
        return {"anyOf": [Date().json(), self.period.json(vocabularies)]}

    def example(self):
        return "2021-07-17"


def object_schema(fields, vocabularies=None) -> dict:
    """The JSON Schema of a mapping of fields (a kind's front matter or a sub-object)."""
    properties = {}
    for f in fields:
        schema = f.type.json(vocabularies)
        schema.update({"title": f.zh, "description": f.help or f.zh})
        if f.example is not None:
            schema["examples"] = [f.example]
        properties[f.key] = schema
    result = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.key for f in fields if f.required]
    if required:
        result["required"] = required
    return result
