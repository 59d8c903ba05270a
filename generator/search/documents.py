"""From a published record to what the search index holds about it (a SearchDocument).

What is indexed: the record's id (weighted 10, so that searching an id finds its record
first), the title (weighted 5), the fields the schema marks searchable —
organisations, speakers, categories, tags, honours … — (weighted 2), and the summary and
body (weight 1), with the configured synonyms of the words the record holds (synonym_words);
plus filters (schema.SEARCH_FILTERS: kind, organisations, years and the
facets fields declare), a sort key (date) and metadata for the result list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.dates import PartialDate, Period, date_years, iso_first_day
from ..core.fields import Choice, ListOf
from ..core.index import Index, field_facets
from ..core.model import Record
from ..core.plaintext import markdown_text
from ..core.project import Edition, Project, Visibility
from ..core.schema import KIND_NAMES, KINDS, ORGANISATION_KEYS, SEARCH_FILTERS
from .tokens import normalise

# URL parameter / Pagefind filter name → label on the search page.
FACETS = {name: label.zh for name, label in SEARCH_FILTERS.items()}
KIND_LABELS = {kind.name: KIND_NAMES["zh"][kind.name] for kind in KINDS}
# Per kind, the fields whose text is searched, in the order they are shown.
SEARCHED = {kind.name: [f for f in kind.shown_order if f.search] for kind in KINDS}


def _facet_order() -> dict:
    """Filter values of a fixed choice (honour levels) are listed in the choice's order."""
    orders = {}
    for kind in KINDS:
        for top in kind.fields:
            for f in [top, *top.sub_fields]:
                choice = f.type.item if isinstance(f.type, ListOf) else f.type
                if f.facet and isinstance(choice, Choice) and choice.values:
                    orders[f.facet] = {value: i for i, value in enumerate(choice.values)}
    return orders


_FACET_ORDER = _facet_order()


@dataclass
class SearchDocument:
    """What the index holds about one published record."""

    url: str  # site-root-relative, directory style: "cases/henan-2020/"
    id: str
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
    synonyms: list[str] = field(default_factory=list)  # indexed with the body, never shown


def synonym_groups(synonyms: dict) -> list[list[str]]:
    """The `synonyms` option (word: [synonyms]) as groups of words that find each other."""
    return [list(dict.fromkeys([word, *others])) for word, others in synonyms.items()]


def synonym_words(groups: list[list[str]], text: str) -> list[str]:
    """The words of `groups` a record does not hold but should be found by, because it holds
    another word of their group (compared normalised, so a word in traditional script counts)."""
    text = normalise(text)
    added = []
    for group in groups:
        held = [w for w in group if normalise(w) in text]
        if held:
            added += [w for w in group if w not in held]
    return added


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _flatten(value, field) -> list[str]:
    """The words of a front-matter value: of an object, its searchable sub-fields in their
    written order; numbers as written."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, (PartialDate, Period)):
        return [value.zh()]
    if isinstance(value, (int, float)):
        return [_number(value)]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        searched = {f.key: f for f in field.sub_fields if f.search}
        return [" ".join(w for k, v in value.items() if k in searched for w in _flatten(v, searched[k]))]
    if isinstance(value, (list, tuple)):
        return [w for item in value for w in _flatten(item, field)]
    return [str(value)]


class DocumentBuilder:
    def __init__(self, project: Project, visibility: Visibility):
        self.project, self.edition = project, Edition(project, visibility)
        # Filter values are the index's names (one for the spellings that differ only by
        # script), so that the search page's filters and counts agree with the site's pages.
        same = project.index is not None and project.edition is not None and project.edition.visibility == visibility
        self.index = project.index if same else Index.build(self.edition.records(), self.edition.resolve_published)
        self.synonym_groups = synonym_groups(project.settings.synonyms)

    def refs(self, record: Record, key: str) -> list[Record]:
        return [r for r in self.edition.published(record.values.get(key)) if r is not record]

    def organisations(self, record: Record) -> list[str]:
        if record.kind == "branch":
            return [record.title]
        names = [r.title for key in ORGANISATION_KEYS for r in self.refs(record, key)]
        return list(dict.fromkeys(names))

    def field_lines(self, record: Record) -> list[tuple[str, str]]:
        ref_keys = {ref.key for ref in record.references}
        lines = []
        for field in SEARCHED[record.kind]:
            if field.key not in record.values:
                continue
            if field.key in ref_keys:
                words = [r.title for r in self.refs(record, field.key)]
            else:
                words = _flatten(record.values[field.key], field)
            if words:
                lines.append((field.zh, "、".join(words)))
        return lines

    def document(self, record: Record) -> SearchDocument:
        values = record.values
        date = record.date
        years = [str(y) for y in date_years(date)]
        orgs = self.organisations(record)
        image = values.get("cover") or values.get("logo") or next(iter(values.get("photos") or ()), "")
        summary = record.summary_for(self.edition.resolve_published)
        filters = {"kind": [KIND_LABELS[record.kind]], "org": orgs, "year": years}
        for facet, value in field_facets(record):
            if facet in SEARCH_FILTERS:
                filters.setdefault(facet, {})[self.index.name(facet, value)] = None
        for facet, order in _FACET_ORDER.items():
            if facet in filters:
                filters[facet] = sorted(filters[facet], key=lambda value: order.get(value, len(order)))
        filters = {facet: list(found) for facet, found in filters.items()}
        body = markdown_text(record.body, self.edition.resolve_published)
        if values.get("summary") and values["summary"] not in body:
            body = values["summary"] + "\n" + body
        field_lines = self.field_lines(record)
        synonyms = synonym_words(self.synonym_groups, "\n".join(
            [record.title, body, *(values for _, values in field_lines)])) if self.synonym_groups else []
        return SearchDocument(
            url=record.url, id=record.id, kind=record.kind, title=record.title, summary=summary,
            date=date.zh() if date else "",
            sort_date=iso_first_day(date),
            image=image if isinstance(image, str) else "",
            orgs=orgs, fields=field_lines, body_text=body,
            filters={k: v for k, v in filters.items() if v}, synonyms=synonyms)


def search_documents(project: Project, visibility: Visibility) -> list[SearchDocument]:
    """One document per record that `visibility` publishes (nothing of any other)."""
    builder = DocumentBuilder(project, visibility)
    return [builder.document(r) for r in builder.edition.records()]
