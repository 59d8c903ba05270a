"""From a published record to what the search index holds about it (a SearchDocument).

What is indexed: the title (weighted 5), the fields the schema marks searchable —
organisations, speakers, categories, tags, honours … — (weighted 2), and the summary and
body (weight 1); plus filters (kind, org, year, category, tag, honor), a sort key (date) and
metadata for the result list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.dates import PartialDate, Period, date_years, iso_first_day
from ..core.index import ORGANISATION_KEYS
from ..core.messages import KIND_NAMES
from ..core.model import Record
from ..core.plaintext import markdown_text
from ..core.project import Edition, Project, Visibility
from ..core.schema import HONOR_LEVELS, KIND_BY_NAME, KINDS

# URL parameter / Pagefind filter name → label on the search page.
FACETS = {
    "kind": "类别",
    "org": "党组织",
    "year": "年份",
    "category": "分类",
    "tag": "标签",
    "honor": "荣誉级别",
}
KIND_LABELS = {kind.name: KIND_NAMES["zh"][kind.name] for kind in KINDS}

# Front-matter keys whose text is searched, in the order written into the document.
# (Not: ids, dates, images, media, sources, numbers such as members/attendance, locations.)
FIELD_KEYS = ("branches", "owner", "branch", "host", "parent", "partners", "brand", "sites",
              "series", "speakers", "fields", "format", "venue",
              "level", "unit", "region", "group", "rating", "slogan", "stage", "milestones",
              "address", "status", "highlights",
              "category", "categories", "tags", "honors", "outcomes", "people")
_SKIP_SUBKEYS = {"url", "file", "lat", "lon", "stars", "year", "start", "end", "date"}


@dataclass
class SearchDocument:
    """What the index holds about one published record."""

    url: str  # site-root-relative, directory style: "cases/henan-2020/"
    kind: str
    title: str
    summary: str
    date: str  # as shown: 2021年7月 (precision kept)
    sort_date: str  # ISO first day, "" when undated
    image: str  # site-root-relative, "" when none
    orgs: list[str]
    fields: list[tuple[str, str]]  # (label, values): indexed without the label, shown with it
    body_text: str
    filters: dict[str, list[str]] = field(default_factory=dict)


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _flatten(value) -> list[str]:
    """The words of a front-matter value (dicts in their written order, numbers as written)."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (PartialDate, Period)):
        return [value.zh()]
    if isinstance(value, (int, float)):
        return [_number(value)]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [" ".join(w for k, v in value.items() if k not in _SKIP_SUBKEYS for w in _flatten(v))]
    if isinstance(value, (list, tuple)):
        return [w for item in value for w in _flatten(item)]
    return [str(value)]


class DocumentBuilder:
    def __init__(self, project: Project, visibility: Visibility):
        self.project, self.edition = project, Edition(project, visibility)

    def refs(self, record: Record, key: str) -> list[Record]:
        return [r for r in self.edition.published(record.values.get(key)) if r is not record]

    def organisations(self, record: Record) -> list[str]:
        if record.kind == "branch":
            return [record.title]
        names = [r.title for key in ORGANISATION_KEYS for r in self.refs(record, key)]
        return list(dict.fromkeys(names))

    def field_lines(self, record: Record) -> list[tuple[str, str]]:
        kind = KIND_BY_NAME[record.kind]
        ref_keys = {ref.key for ref in record.references}
        lines = []
        for key in FIELD_KEYS:
            if key not in kind.by_key or key not in record.values:
                continue
            if key in ref_keys:
                words = [r.title for r in self.refs(record, key)]
            else:
                words = _flatten(record.values[key])
            if words:
                lines.append((kind.by_key[key].zh, "、".join(words)))
        return lines

    def document(self, record: Record) -> SearchDocument:
        values = record.values
        date = record.date
        years = [str(y) for y in date_years(date)]
        categories = list(values.get("categories", ()))
        if record.kind == "case" and values.get("category"):
            categories.insert(0, values["category"])
        honours = [h["level"] for h in values.get("honors", ()) if h.get("level")]
        orgs = self.organisations(record)
        image = values.get("cover") or values.get("logo") or next(iter(values.get("photos") or ()), "")
        summary = record.summary_for(self.edition.resolve_published)
        filters = {
            "kind": [KIND_LABELS[record.kind]],
            "org": orgs,
            "year": years,
            "category": list(dict.fromkeys(categories)),
            "tag": list(dict.fromkeys(values.get("tags", ()))),
            "honor": sorted(set(honours), key=HONOR_LEVELS.index),
        }
        body = markdown_text(record.body, self.edition.resolve_published)
        if values.get("summary") and values["summary"] not in body:
            body = values["summary"] + "\n" + body
        return SearchDocument(
            url=record.url, kind=record.kind, title=record.title, summary=summary,
            date=date.zh() if date else "",
            sort_date=iso_first_day(date),
            image=image if isinstance(image, str) else "",
            orgs=orgs, fields=self.field_lines(record), body_text=body,
            filters={k: v for k, v in filters.items() if v})


def search_documents(project: Project, visibility: Visibility) -> list[SearchDocument]:
    """One document per record that `visibility` publishes (nothing of any other)."""
    builder = DocumentBuilder(project, visibility)
    return [builder.document(r) for r in builder.edition.records()]
