"""Front-matter values given on the command line (`showcase new`, `showcase import`): shaped
as each field expects, written as the samples write them, and, when a required one is
missing, the allowed values or the existing records to choose from."""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from ..core.dates import parse_date
from ..core.fields import Boolean, Choice, Date, DateOrPeriod, Field, Integer, ListOf, Number, Object, Ref
from ..core.project import Project
from ..core.schema import KIND_BY_NAME, Kind
from .messages import Refused, say

MAX_RECORDS_LISTED = 15
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_YEAR = re.compile(r"^\d{4}$")


def takes_text(field: Field) -> bool:
    """Whether a value of the field can be typed as words on a command line: a scalar, a list
    of scalars, or a list of objects with one required sub-field (a speaker's name)."""
    item = field.item_type
    if isinstance(item, Object):
        return isinstance(field.type, ListOf) and sum(f.required for f in item.fields) == 1
    return not isinstance(field.type, Object)


def option_value(field: Field, given: list[str], option: str, lang: str):
    """What a field's option gives (one string per use of the option), shaped as the field expects."""
    if isinstance(field.type, ListOf):
        item = field.type.item
        if isinstance(item, Object):  # speakers: [{name: …}]
            first = next(f for f in item.fields if f.required)
            return [{first.key: scalar(first, v)} for v in given]
        values = [scalar(field, v) for v in given]
        return values[0] if field.type.single_allowed and len(values) == 1 else values
    if len(given) > 1:
        raise Refused(say("one-value", lang, option=option, label=field.zh, count=len(given)))
    return scalar(field, given[0])


def scalar(field: Field, text: str):
    """One typed value as YAML would read it written in a file (numbers, dates, true/false)."""
    text = text.strip()
    item = field.item_type
    if isinstance(item, (Integer, Number)) and re.fullmatch(r"-?\d+", text):
        return int(text)
    if isinstance(item, Number) and re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    if isinstance(item, Boolean) and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if isinstance(item, (Date, DateOrPeriod)):
        return date_value(text)
    return text


def date_value(written):
    """A date as written; a full ISO date as a YAML date and a year as a number, so that
    neither is quoted."""
    if isinstance(written, str) and _ISO_DAY.match(written):
        date = parse_date(written)
        return _dt.date(date.year, date.month, date.day)
    if isinstance(written, str) and _YEAR.match(written):
        return int(written)
    return written


def typed(type_, value):
    """An example as YAML should write it: dates unquoted (see date_value)."""
    if isinstance(type_, ListOf):
        return [typed(type_.item, v) for v in value] if isinstance(value, list) else typed(type_.item, value)
    if isinstance(type_, Object) and isinstance(value, dict):
        return {k: typed(type_.by_key[k].type, v) if k in type_.by_key else v for k, v in value.items()}
    if isinstance(type_, DateOrPeriod) and isinstance(value, dict):  # a period: {start, end}
        return typed(type_.period, value)
    if isinstance(type_, (Date, DateOrPeriod)):
        return date_value(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Indents a list under its key (`speakers:` / `  - name: …`), as the samples do."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def yaml_line(key: str, value) -> str:
    """`key: value` as the samples write it: a list of ids on one line, sub-fields in blocks."""
    flow = isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value)
    return yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6,
                     default_flow_style=None if flow else False).rstrip("\n")


def allowed_values(item, project: Project) -> list[str]:
    """The values a Choice allows in this project (its vocabulary as mkdocs.yml sets it)."""
    return list(item.values or project.settings.vocabularies[item.vocabulary])


def missing_lines(fields: list, options: dict, project: Project, lang: str) -> list[str]:
    """For each missing option (`options`: field key → option name): what it is, its allowed
    values or the records it may name."""
    lines = []
    for field_ in fields:
        item = field_.item_type
        many = say("repeatable", lang) if isinstance(field_.type, ListOf) else ""
        lines.append(say("missing-option", lang, option=f"--{options[field_.key]}", label=field_.zh, many=many))
        if isinstance(item, Choice):
            lines.append(say("allowed-values", lang, values="、".join(allowed_values(item, project))))
        elif isinstance(item, Ref):
            lines += record_list(project, item.kind, lang)
    return lines


def record_list(project: Project, kind_name: str, lang: str) -> list[str]:
    kind = KIND_BY_NAME[kind_name]
    records = sorted((r for r in project.records if r.kind == kind_name), key=lambda r: r.id)
    name = Kind(kind_name).render(lang)
    if not records:
        return [say("no-records", lang, kind=name)]
    lines = [say("existing-records", lang, kind=name)]
    lines += [say("existing-record", lang, id=r.id, title=r.title) for r in records[:MAX_RECORDS_LISTED]]
    if len(records) > MAX_RECORDS_LISTED:
        lines.append(say("more-records", lang, count=len(records), folder=kind.folder))
    return lines
