"""Cross-indexes of the published records: backlinks and look-ups by facet.

Each record contributes its own entries (derived from that record alone), so one
changed file can be removed and re-added without rebuilding the rest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .dates import date_years
from .model import ANY_KIND, Record
from .schema import HONOR_LEVELS, KIND_BY_NAME, KINDS, ORGANISATION_KEYS
from .t2s import simplified

# The look-ups: by kind, by year, by each facet the fields declare, by organisation ("branch").
_FIELD_FACETS = tuple(dict.fromkeys(f.facet for kind in KINDS for top in kind.fields
                                    for f in [top, *top.sub_fields] if f.facet))
FACETS = ("kind", "year", *_FIELD_FACETS, "branch")


def facet_key(facet: str, value):
    """The value a record is listed under. Names that differ only by script (书记抓党建,
    書記抓黨建) are one, under their simplified spelling; organisations are ids, not names."""
    return simplified(value) if facet in _FIELD_FACETS and isinstance(value, str) else value


def honour_key(honour: dict) -> tuple:
    """One honour however many records hold it: its title, level, year and awarding body."""
    return (simplified(honour["title"].strip()), honour.get("level"), honour.get("year"),
            simplified((honour.get("issuer") or "").strip()))


# A look-up as a string (`Index.entries`): what a record adds to the index, and what a page
# read from it, so that a build can tell which pages a changed record can reach.
def facet_entry(facet: str, value) -> str:
    """The records listed under a facet value (having, members, size, name, series)."""
    return f"F{facet}\0{facet_key(facet, value)!r}"


def links_entry(record_id: str) -> str:
    """The links to a record (referrers, related, the "branch" facet's buckets aside)."""
    return f"L{record_id}"


def brand_entry(title: str) -> str:
    """The brands of a title (series_brand)."""
    return f"B{facet_key('series', title)!r}"


@dataclass(frozen=True)
class Link:
    source: str  # id of the referring record
    key: str  # the field it refers from
    target: str  # canonical id of the record referred to


def record_facets(record: Record) -> Iterator[tuple[str, object]]:
    """Every (facet, value) a record is listed under."""
    yield "kind", record.kind
    for year in date_years(record.date):
        yield "year", year
    yield from field_facets(record)


def field_facets(record: Record) -> Iterator[tuple[str, object]]:
    """(facet, value) for each value of a field, or of a sub-field, that declares a facet."""
    values = record.values
    for key, facet, subs in _FACETED[record.kind]:
        if key not in values:
            continue
        value = values[key]
        items = value if isinstance(value, list) else [value]
        if facet:
            yield from ((facet, item) for item in items)
        for sub_key, sub_facet in subs:
            yield from ((sub_facet, item[sub_key]) for item in items if item.get(sub_key) is not None)


# Per kind, in the order fields are shown: (key, facet, ((sub-field key, facet), …)) of each field
# that declares a facet or has sub-fields that do (field_facets runs for every record of a build).
_FACETED = {kind.name: tuple((f.key, f.facet, tuple((sub.key, sub.facet) for sub in f.sub_fields if sub.facet))
                             for f in kind.shown_order if f.facet or any(sub.facet for sub in f.sub_fields))
            for kind in KINDS}


def record_links(record: Record, resolve: Callable[[str], Record | None]) -> Iterator[Link]:
    for ref in record.references:
        target = resolve(ref.target)
        if target is not None and ref.kind in (ANY_KIND, target.kind) and target is not record:
            yield Link(record.id, ref.key, target.id)


class Index:
    """`resolve` maps a written id to the record it names, or None where it is not published."""

    def __init__(self, resolve: Callable[[str], Record | None]):
        self.resolve = resolve
        self.records: dict[str, Record] = {}
        self._facets: dict[str, dict[object, dict[str, Record]]] = defaultdict(lambda: defaultdict(dict))
        self._spellings: dict[str, dict[object, dict[str, object]]] = defaultdict(lambda: defaultdict(dict))
        self._backlinks: dict[str, dict[Link, None]] = defaultdict(dict)
        self._forward: dict[str, list[Link]] = {}
        self._contributed: dict[str, list[tuple[str, object]]] = {}
        self._sorted: dict[tuple[str, object], list[Record]] = {}  # having(), kept until its bucket changes
        self._orders: dict[str, tuple] = {}  # id -> date_order of the record indexed (by_date)
        self._derived_reset()

    def _derived_reset(self) -> None:
        """Forget look-ups derived from many records; every change calls this."""
        self._brands_by_title: dict | None = None
        self._series_order: dict[str, list[Record]] = {}
        self._series_positions: dict[str, dict[str, int]] = {}
        self._names: dict[tuple, object] = {}
        self._honours: list | None = None

    @classmethod
    def build(cls, records: Iterable[Record], resolve: Callable[[str], Record | None]) -> "Index":
        index = cls(resolve)
        for record in records:
            index.add(record)
        return index

    # -- maintenance -------------------------------------------------------------
    def add(self, record: Record) -> None:
        self.remove(record.id)
        self._derived_reset()
        self.records[record.id] = record
        facets = list(record_facets(record))
        links = list(record_links(record, self.resolve))
        facets += [("branch", link.target) for link in links if link.key in ORGANISATION_KEYS]
        for facet, value in facets:
            key = facet_key(facet, value)
            self._facets[facet][key][record.id] = record
            self._spellings[facet][key][record.id] = value
            self._sorted.pop((facet, key), None)
        for link in links:
            self._backlinks[link.target][link] = None
        self._contributed[record.id] = facets
        self._forward[record.id] = links

    def remove(self, record_id: str) -> None:
        if record_id not in self.records:
            return
        self._derived_reset()
        del self.records[record_id]
        self._orders.pop(record_id, None)
        for facet, value in self._contributed.pop(record_id):
            key = facet_key(facet, value)
            self._sorted.pop((facet, key), None)
            bucket = self._facets[facet][key]
            bucket.pop(record_id, None)
            self._spellings[facet][key].pop(record_id, None)
            if not bucket:
                del self._facets[facet][key]
                del self._spellings[facet][key]
        for link in self._forward.pop(record_id):
            self._backlinks[link.target].pop(link, None)

    def entries(self, record_id: str) -> list[str]:
        """The look-ups whose answer includes this record (facet_entry, links_entry, brand_entry):
        all that can change when it is added, removed or changed (nothing if it is not indexed)."""
        record = self.records.get(record_id)
        if record is None:
            return []
        found = {facet_entry(facet, value) for facet, value in self._contributed[record_id]}
        found.update(links_entry(link.target) for link in self._forward[record_id])
        if record.kind == "brand":
            found.add(brand_entry(record.title))
        return sorted(found)

    # -- look-ups ------------------------------------------------------------------
    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def values(self, facet: str) -> list:
        """The values records are listed under (names in simplified script: see `facet_key`)."""
        return sorted(self._facets[facet], key=str)

    def name(self, facet: str, value):
        """A value as readers see it: the spelling most of its records use (the simplified
        one on a tie)."""
        key = facet_key(facet, value)
        if (facet, key) not in self._names:
            spellings = Counter(self._spellings[facet].get(key, {}).values())
            top = max(spellings.values(), default=0)
            self._names[(facet, key)] = key if spellings.get(key) == top or not spellings else \
                min(v for v, n in spellings.items() if n == top)
        return self._names[(facet, key)]

    def having(self, facet: str, value) -> list[Record]:
        """Published records listed under a facet value (in either script), newest first."""
        key = facet_key(facet, value)
        found = self._sorted.get((facet, key))
        if found is None:
            found = self._sorted[(facet, key)] = self.by_date(self._facets[facet].get(key, {}).values())
        return list(found)

    def size(self, facet: str, value) -> int:
        return len(self._facets[facet].get(facet_key(facet, value), ()))

    def link_count(self, record_id: str) -> int:
        """Links from and to a record: a bound on any list of related records on its page."""
        return len(self._backlinks.get(record_id, ())) + len(self._forward.get(record_id, ()))

    def members(self, facet: str, value) -> dict:
        """id → record under a facet value, unsorted (cheaper than `having` for counting)."""
        return self._facets[facet].get(facet_key(facet, value), {})

    def of_kind(self, kind: str) -> list[Record]:
        return self.having("kind", kind)

    def forward(self, record_id: str) -> list[tuple[str, Record]]:
        """(field, record) for every published record this one refers to."""
        return [(l.key, self.records[l.target]) for l in self._forward.get(record_id, ())
                if l.target in self.records]

    def referrers(self, record_id: str, *keys: str) -> list[Record]:
        """Published records that refer to this one through any of `keys`, newest first."""
        found = {l.source: self.records[l.source] for l in self._backlinks.get(record_id, ())
                 if l.key in keys and l.source in self.records}
        return self.by_date(found.values())

    def related(self, record_id: str, key: str, mutual: bool = False) -> list[Record]:
        """Published records naming this one through `key` (sub-organisations through parent),
        and with `mutual` those this one names there too (partners on both sides); by title."""
        found = {l.source: self.records[l.source] for l in self._backlinks.get(record_id, ())
                 if l.key == key and l.source in self.records}
        if mutual:
            found.update((r.id, r) for k, r in self.forward(record_id) if k == key)
        return sorted(found.values(), key=lambda r: (r.title, r.id))

    def series(self, name: str) -> list[Record]:
        """A lecture series in order of its numbers."""
        return list(self._sorted_series(name))

    def neighbours(self, lecture: Record) -> tuple[Record | None, Record | None]:
        """The previous and next session of a lecture's series."""
        name = facet_key("series", lecture.values.get("series", ""))
        sessions = self._sorted_series(name)
        if name not in self._series_positions:
            self._series_positions[name] = {r.id: i for i, r in enumerate(sessions)}
        i = self._series_positions[name].get(lecture.id)
        if i is None:
            return None, None
        return (sessions[i - 1] if i > 0 else None, sessions[i + 1] if i + 1 < len(sessions) else None)

    def _sorted_series(self, name: str) -> list[Record]:
        name = facet_key("series", name)
        if name not in self._series_order:
            self._series_order[name] = sorted(self._facets["series"].get(name, {}).values(),
                                              key=lambda r: (r.values.get("number", 0), r.id))
        return self._series_order[name]

    def series_brand(self, name: str) -> Record | None:
        """The brand whose title is the series' name (in either script), if any."""
        if self._brands_by_title is None:
            self._brands_by_title = {}
            for brand in sorted(self._facets["kind"].get("brand", {}).values(), key=lambda r: r.src_uri):
                self._brands_by_title.setdefault(facet_key("series", brand.title), brand)
        return self._brands_by_title.get(facet_key("series", name))

    def honours(self) -> list[tuple[dict, list[Record]]]:
        """Every distinct honour of the published records (`honour_key`), with the records that
        hold it (newest first): by level, then newest year, then title."""
        if self._honours is None:
            self._honours = self._all_honours()
        return list(self._honours)

    def _all_honours(self) -> list[tuple[dict, list[Record]]]:
        held: dict[tuple, tuple[dict, dict[str, Record]]] = {}
        for record in self.records.values():
            for honour in record.values.get("honors", ()):
                held.setdefault(honour_key(honour), (honour, {}))[1][record.id] = record
        order = {level: i for i, level in enumerate(HONOR_LEVELS)}
        return sorted(((h, self.by_date(found.values())) for h, found in held.values()),
                      key=lambda e: (order.get(e[0].get("level"), len(order)), -(e[0].get("year") or 0),
                                     e[0]["title"], e[1][0].title, e[1][0].id))

    def by_date(self, records: Iterable[Record]) -> list[Record]:
        """sort_by_date of indexed records, each one's date_order computed once (a record is in
        many lists: its kind, years, facets, backlinks)."""
        orders = self._orders
        return sorted(records, key=lambda r: orders.get(r.id) or orders.setdefault(r.id, date_order(r)))

    def counts(self, facet: str) -> dict:
        return {value: len(bucket) for value, bucket in self._facets[facet].items()}


def sort_by_date(records: Iterable[Record]) -> list[Record]:
    """Newest first; undated records last, by title. Ids break ties, so that the order does not
    depend on the order records were added in (the preview re-adds the ones that change)."""
    return sorted(records, key=date_order)


def date_order(record: Record) -> tuple:
    """The key of sort_by_date's order (a total order: ids are unique)."""
    date = record.date
    return (0, tuple(-n for n in date.sort_key()), record.title, record.id) if date \
        else (1, (), record.title, record.id)
