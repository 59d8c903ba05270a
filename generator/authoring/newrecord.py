"""`showcase new`: a new record file written from its kind's template (template.py).

Values for any field that can be typed as words come from `--<field>` options; with none,
in a terminal, the command asks for the kind, the title and the organisation (found by
typing part of its name) and suggests an id. It never overwrites, never takes an id in use
and writes nothing the checker would reject beyond the required values left to fill in.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Callable

from ..core.dates import parse_date
from ..core.fields import Field, Ref
from ..core.messages import format_report
from ..core.project import Project
from ..core.schema import KIND_BY_NAME, KINDS, Kind, KindSchema
from ..core.settings import Settings
from .ids import free_id, id_refusal, matching
from .messages import Refused, say
from .precheck import errors_if_written
from .template import NOT_IN_TEMPLATE, record_template
from .values import option_value, takes_text

MAX_CANDIDATES = 15  # organisations listed at once while choosing one
NUMBERED = {"series", "number"}  # the fields of a numbered session (a lecture): its id is series/NNN


@dataclass
class Created:
    path: str  # as messages name it: content/<folder>/<id>.md
    record_id: str
    id_suggested: bool


def option_fields(kind: KindSchema) -> dict[str, Field]:
    """The fields of a kind that `--<field>` options may fill."""
    return {f.key: f for f in kind.fields if f.key not in NOT_IN_TEMPLATE and takes_text(f)}


def option_help() -> dict[str, str]:
    """Every `--<field>` option of `showcase new`, with the kinds it applies to, for --help."""
    options: dict[str, tuple[Field, list[str]]] = {}
    for kind in KINDS:
        for key, field_ in option_fields(kind).items():
            options.setdefault(key, (field_, []))[1].append(kind.name)
    every = len(KINDS)
    return {key: f"{field_.zh}（{'所有类型' if len(kinds) == every else '、'.join(kinds)}）"
            for key, (field_, kinds) in options.items()}


def organisation_field(kind: KindSchema) -> Field | None:
    """The field naming the organisation a new record belongs to: the one declared so, or
    (an organisation itself) the first field referring to one (its parent)."""
    return (next((f for f in kind.fields if f.organisation), None)
            or next((f for f in kind.fields if isinstance(f.type, Ref) and f.type.kind == "branch"), None))


def suggest_id(project: Project, kind: KindSchema, values: dict, today: _dt.date) -> str:
    """A free id from what is known: `series/NNN` for a numbered session, else
    `<organisation>-<year>-<n>`, else `<kind>-<YYYYMMDD>-<n>`."""
    series, number = values.get("series"), values.get("number")
    if isinstance(series, str) and isinstance(number, int):
        numbered = f"{series}/{number:03d}"
        if id_refusal(project, kind, numbered, "zh", "", "") is None:
            return numbered
    org_field = organisation_field(kind)
    org = values.get(org_field.key) if org_field else None
    org = org[0] if isinstance(org, list) and org else org
    if isinstance(org, str) and org:
        date = parse_date(values.get(kind.date_key)) if kind.date_key in values else None
        year = date.year if date is not None else today.year
        return free_id(project, kind, f"{org}-{year}")
    return free_id(project, kind, f"{kind.name}-{today:%Y%m%d}")


def typed_values(kind: KindSchema, given: dict, lang: str) -> dict:
    """Option strings (field key → list of strings) as the values the fields expect."""
    allowed = option_fields(kind)
    for key in given:
        if key not in allowed:
            raise Refused(say("option-not-for-kind", lang, option=f"--{key}", kind=Kind(kind.name).render(lang),
                              allowed=" ".join(f"--{k}" for k in allowed)))
    return {key: option_value(allowed[key], strings, f"--{key}", lang) for key, strings in given.items()}


def create_record(project: Project, kind_name: str, record_id: str | None = None, given: dict | None = None,
                  lang: str = "zh", today: _dt.date | None = None) -> Created:
    """Write a new record of `kind_name`; raise Refused (writing nothing) when it cannot."""
    settings: Settings = project.settings
    kind = KIND_BY_NAME[kind_name]
    values = typed_values(kind, {k: v for k, v in (given or {}).items() if v}, lang)
    example = suggest_id(project, kind, values, today or _dt.date.today())
    suggested = record_id is None
    record_id = example if suggested else record_id.strip()
    refusal = id_refusal(project, kind, record_id, lang, format_hint=say("id-hint-new", lang, example=example),
                         retry=say("retry-id", lang, example=example))
    if refusal:
        raise Refused(refusal)
    src_uri = f"{kind.folder}/{record_id}.md"
    text = record_template(kind, values, settings.vocabularies)
    left_to_fill = {f.key for f in kind.fields if f.required and f.key not in values}
    errors = [p for p in errors_if_written(text, kind, src_uri, project)
              if not (p.code == "empty-value" and p.args.get("key") in left_to_fill)]
    if errors:
        raise Refused("\n".join([say("new-invalid", lang)] + format_report(errors, lang)))
    target = os.path.join(settings.content_root, *src_uri.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return Created(settings.display_path(src_uri), record_id, suggested)


# -- asking in a terminal ------------------------------------------------------------

def interview(project: Project, lang: str, ask: Callable[[str], str] = input,
              tell: Callable[[str], None] = print, today: _dt.date | None = None) -> tuple[str, str, dict]:
    """Ask for the kind, the title (a lecture's series and number), the organisation, then an id
    (suggested): (kind name, id, option strings as create_record takes them). EOFError if input ends."""
    kind = _ask_kind(lang, ask, tell)
    given: dict[str, list[str]] = {"title": [_ask_title(kind, lang, ask, tell)]}
    if NUMBERED <= kind.by_key.keys():
        series = _ask_series(project, kind, lang, ask, tell)
        given["series"], given["number"] = [series], [str(_ask_number(project, kind, series, lang, ask, tell))]
    org_field = organisation_field(kind)
    if org_field is not None:
        org = _ask_record(project, org_field, lang, ask, tell)
        if org is not None:
            given[org_field.key] = [org]
    example = suggest_id(project, kind, typed_values(kind, given, lang), today or _dt.date.today())
    while True:
        record_id = ask(say("ask-id", lang, id=example)).strip() or example
        refusal = id_refusal(project, kind, record_id, lang, format_hint=say("id-hint-new", lang, example=example),
                             retry=say("retry-id", lang, example=example))
        if refusal is None:
            return kind.name, record_id, given
        tell(refusal)


def _ask_kind(lang, ask, tell) -> KindSchema:
    tell(say("ask-kind-head", lang))
    for number, kind in enumerate(KINDS, 1):
        tell(say("ask-kind-item", lang, number=number, zh=kind.zh, en=kind.en, name=kind.name))
    while True:
        answer = ask(say("ask-kind", lang)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(KINDS):
            return KINDS[int(answer) - 1]
        for kind in KINDS:
            if answer.casefold() in (kind.name, kind.zh, kind.en.casefold(), kind.folder):
                return kind
        tell(say("ask-kind-again", lang, count=len(KINDS)))


def _ask_title(kind: KindSchema, lang, ask, tell) -> str:
    while True:
        title = ask(say("ask-title", lang)).strip()
        refusal = _text_refusal(title, kind.by_key["title"], "ask-title", lang)
        if refusal is None:
            return title
        tell(refusal)


def _text_refusal(answer: str, field_: Field, code: str, lang) -> str | None:
    """Why a typed text cannot be the value of `field_` (empty, or longer than it takes), or None;
    said with `code`-empty / `code`-long."""
    longest = field_.type.max_length
    if not answer:
        return say(f"{code}-empty", lang)
    if longest and len(answer) > longest:
        return say(f"{code}-long", lang, max=longest, length=len(answer))
    return None


def _numbers_by_series(project: Project, kind: KindSchema) -> dict[str, dict[int, str]]:
    """Each series of `kind` → its numbers → the file holding that number."""
    found: dict[str, dict[int, str]] = {}
    for record in project.records:
        series, number = record.values.get("series"), record.values.get("number")
        if record.kind == kind.name and isinstance(series, str) and isinstance(number, int):
            found.setdefault(series, {})[number] = record.path
    return found


def _ask_series(project: Project, kind: KindSchema, lang, ask, tell) -> str:
    """An existing series chosen by its number in the list, or a name typed (a new series)."""
    known = sorted(_numbers_by_series(project, kind).items())
    if known:
        tell(say("ask-series-head", lang))
        for number, (series, numbers) in enumerate(known, 1):
            tell(say("ask-series-item", lang, number=number, series=series, count=len(numbers), last=max(numbers)))
        prompt = say("ask-series", lang)
    else:
        prompt = say("ask-series-new", lang, example=kind.by_key["series"].example)
    while True:
        answer = ask(prompt).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(known):
            return known[int(answer) - 1][0]
        refusal = _text_refusal(answer, kind.by_key["series"], "ask-series", lang)
        if refusal is None:
            return answer
        tell(refusal)


def _ask_number(project: Project, kind: KindSchema, series: str, lang, ask, tell) -> int:
    """A number not yet used in the series; Enter takes the one after the last."""
    taken = _numbers_by_series(project, kind).get(series, {})
    free = max(taken, default=0) + 1
    while True:
        answer = ask(say("ask-number", lang, number=free)).strip() or str(free)
        if not answer.isdigit() or int(answer) < 1:
            tell(say("ask-number-bad", lang, number=free))
        elif int(answer) in taken:
            tell(say("ask-number-taken", lang, series=series, number=int(answer), path=taken[int(answer)], free=free))
        else:
            return int(answer)


def _ask_record(project: Project, field_: Field, lang, ask, tell) -> str | None:
    """A record of the kind `field_` refers to, found by typing part of its title or id."""
    kind = field_.target
    candidates: list = []
    prompt = say("ask-org", lang, label=field_.zh)
    while True:
        answer = ask(prompt).strip()
        if not answer:
            return None
        if candidates and answer.isdigit() and 1 <= int(answer) <= min(len(candidates), MAX_CANDIDATES):
            chosen = candidates[int(answer) - 1]
        else:
            candidates = matching(project.records, answer.split(), kind)
            if not candidates:
                tell(say("org-none", lang, words=answer, kind=Kind(kind).render(lang)))
                prompt = say("ask-org", lang, label=field_.zh)
                continue
            if len(candidates) > 1:
                for number, record in enumerate(candidates[:MAX_CANDIDATES], 1):
                    tell(f"  {number}. {record.id} — {record.title}")
                if len(candidates) > MAX_CANDIDATES:
                    tell(say("org-more", lang, count=len(candidates) - MAX_CANDIDATES))
                prompt = say("ask-org-pick", lang)
                continue
            chosen = candidates[0]
        tell(say("org-chosen", lang, id=chosen.id, title=chosen.title))
        return chosen.id
