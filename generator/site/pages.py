"""Which pages the showcase has, at which stable address, and what each shows.

Generated pages are virtual: the MkDocs adapter adds them as generated files and
never writes them into content/. Everything shown comes from the index of
published records, so an unpublished record leaves no trace (no card, link or count).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from .charts import horizontal_bars, stacked_bars
from ..core.collation import pinyin_key
from ..core.dates import date_years
from ..core.fields import TitleOf
from ..core.index import brand_entry, date_order, facet_entry, field_facets, links_entry
from ..core.model import Record
from ..core.project import Project
from ..export.dossier import DOSSIER_SEGMENT, SECTIONS, brand_dossier
from ..core.addresses import slug
from .guide import guide_context
from .render import facet_url, render
from ..search.page import page_config_json
from ..core.schema import BRAND_STAGES, HONOR_LEVELS, KIND_BY_NAME, KIND_NAMES, KINDS, facet_label

# The nav: generated index pages only, never records; each kind's index page at its position.
NAV = [("首页", ""), *((k.index_title, k.index_url) for k in sorted(KINDS, key=lambda k: k.nav)),
       ("年份", "years/"), ("分类", "categories/"), ("标签", "tags/"), ("荣誉榜", "honors/"),
       ("统计", "stats/"), ("搜索", "search/"), ("编写指南", "guide/")]
# Per kind, the fields of any kind that refer to it and head a group of backlinks on its pages.
BACKLINKS = {target.name: [(kind, f) for kind in KINDS for f in kind.fields
                           if f.backlinks and f.target == target.name] for target in KINDS}
CARDS_PER_PAGE = 60  # cards carry an image and a summary
ROWS_PER_PAGE = 200  # a list row or table row is about 300 bytes: 60 KB a page
BACKLINKS_SHOWN = 30  # per group on a record page; the rest are one click away
RELATED_SHOWN = 5  # 相关案例 on a case page
# A tag, category or organisation shared by more cases than this says little about two of them
# (and counting through it would cost time on a large site): it does not make cases related.
RELATED_GROUP_MAX = 200
RELATED_FACETS = ("tag", "case_category")
OVERSIZED = "O"  # before an index entry: "this group is too large to make cases related" (record_view_reads)
HOME_LATEST = 6
HONOURS_SHOWN = 20  # per level on /honors/
ALL_FIELD_KEYS = tuple(dict.fromkeys(f.key for kind in KINDS for f in kind.fields))
PAGE_SEGMENT = "page"  # page 2 of a list at <list>/page/2/
OVERFLOW_SEGMENT = "all"  # a record's full lists at <record>/all/<group>/
CASE_SORTS = {"": ("日期", None), "by/org/": ("党组织", "org"), "by/category/": ("类别", "category")}
# The cases of one year, organisation or category: the filters of the cases table, as pages.
CASE_FILTERS = ("cases/year/", "cases/org/", "cases/category/")
ORGS_IN_FILTER = 12  # organisations named in the filter of every cases page; all at cases/org/
# The addresses generated pages take inside the kind folders, as patterns of record addresses
# (`*` one segment, `**` one or more). The core reports a record whose id would take one.
RESERVED_ADDRESSES = (f"*/{PAGE_SEGMENT}/", *(f"cases/{sort}" for sort in CASE_SORTS if sort),
                      *CASE_FILTERS, f"*/**/{OVERFLOW_SEGMENT}/", f"brands/**/{DOSSIER_SEGMENT}/")


# Addresses under a section's folder that belong to another section's tab: lecture series.
SECTION_OF_FOLDER = {"series/": "lectures/"}
SERIES_INDEX = ("讲堂系列", "series/")


def section_of(url: str) -> str:
    """The nav entry a page belongs to (its tab is highlighted): the longest nav address it starts with."""
    for folder, section in SECTION_OF_FOLDER.items():
        if url.startswith(folder):
            return section
    return max((u for _, u in NAV if u and url.startswith(u)), key=len, default="")


def trail(url: str, title: str, parents: tuple = ()) -> list[tuple[str, str | None]]:
    """A page's breadcrumb of site sections: (title, address) from the home page to the page
    itself (address None). `parents` are the pages between its section and itself."""
    if not url:
        return []
    section = section_of(url)
    crumbs = [("首页", "")]
    if section and section != url:
        crumbs.append((dict((u, t) for t, u in NAV)[section], section))
    crumbs += [c for c in parents if c[1] != url]
    if crumbs[-1][0] == title:  # page 2 of a section's list: the section is the page
        crumbs.pop()
    return crumbs + [(title, None)]


@dataclass
class Page:
    url: str  # site-root-relative, directory style: "cases/", "" for home
    title: str
    html: Callable[[], str]  # the page's content, rendered on demand
    wide: bool = False  # a wide table: the page goes without the side columns
    parents: tuple = ()  # (title, url) of the pages between its section and itself (breadcrumb)
    toc: bool = False  # its <h2 id>/<h3 id> headings make the page's table of contents
    # (template, context) when the page is one template over that context alone (and the helpers
    # of render.py): what `showcase build` keys the page by, to reuse it while these stay equal.
    source: tuple | None = None

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


@dataclass
class Pagination:
    current: int
    count: int
    pages: list  # (number, url)


def _paginate(url: str, items: list, size: int = ROWS_PER_PAGE):
    """(url, items on that page, Pagination) for each page of a list; page 1 keeps the plain url."""
    count = max(1, -(-len(items) // size))
    urls = [url] + [f"{url}{PAGE_SEGMENT}/{n}/" for n in range(2, count + 1)]
    for n in range(1, count + 1):
        yield urls[n - 1], items[(n - 1) * size:n * size], Pagination(n, count, list(zip(range(1, count + 1), urls)))


class Showcase:
    """The pages of one build, over the index of the records it publishes."""

    def __init__(self, project: Project):
        self.project = project
        self.index = project.index
        self.edition = project.edition
        self._views: dict[str, dict] = {}  # per record: needed by its page and by the overflow lists
        self._cases: tuple | None = None  # the cases and the filters of their tables
        self._case_groups: dict = {}  # _cases_in
        self._shown: tuple | None = None  # (filters, as the templates show them)
        self._date_order: dict = {}  # id -> core.index.date_order of that record: related cases
        self._too_large: set | None = None  # _oversized

    def ref(self, record_id: str) -> Record | None:
        """A referenced record if it is published in this build (otherwise it is not linked)."""
        return self.edition.resolve_published(record_id)

    def summary(self, record: Record) -> str:
        """A record's summary, with `[[id]]` links read as the titles this build publishes."""
        return record.summary_for(self.edition.resolve_published)

    def published(self, ids) -> list[Record]:
        """The referenced records this build publishes; the others leave no trace, not even an id."""
        return self.edition.published(ids)

    # -- record pages -----------------------------------------------------------
    def record_parents(self, record: Record) -> tuple:
        """The pages between a record's section and the record in its breadcrumb: a lecture's series."""
        series = record.values.get("series") if record.kind == "lecture" else None
        return ((self.index.name("series", series), facet_url("series", series)),) if series else ()

    def record_fragments(self, record: Record) -> tuple[str, str]:
        """HTML before the body (information panel) and after it (links to related records)."""
        view = self._record_view(record)
        # Every field of every kind is present (None when not written), so templates read
        # `v.level` instead of calling `v.get("level")`, which is several times slower in Jinja.
        fields = dict.fromkeys(ALL_FIELD_KEYS)
        fields.update(record.values)
        context = dict(record=record, view=view, fields=fields, kind=KIND_BY_NAME[record.kind])
        return (render("record_panel.html", record.url, self, **context),
                render("record_links.html", record.url, self, **context))

    def _record_view(self, record: Record) -> dict:
        if record.id not in self._views:
            self._views[record.id] = self._make_record_view(record)
        return self._views[record.id]

    def _make_record_view(self, record: Record) -> dict:
        view = {"breadcrumbs": [], "stages": BRAND_STAGES, "series_brand": None,
                "prev": None, "next": None, "groups": []}
        index = self.index
        groups = [(f.backlinks_id or kind.folder, f.backlinks, self._backlinks(record, kind, f))
                  for kind, f in BACKLINKS[record.kind]]
        if record.kind == "branch":
            view["breadcrumbs"] = self._ancestors(record)
        elif record.kind == "lecture":
            series = record.values.get("series", "")
            view["series_brand"] = index.series_brand(series)
            view["prev"], view["next"] = index.neighbours(record)
        groups.append(("mentions", "提及本条的记录", index.referrers(record.id, "body")))
        if record.kind == "case":
            groups.append(("related", "相关案例", self._related_cases(record)))
        for key, heading, records in groups:
            if records:
                more = f"{record.url}{OVERFLOW_SEGMENT}/{key}/" if len(records) > BACKLINKS_SHOWN else None
                view["groups"].append({"key": key, "heading": heading, "records": records[:BACKLINKS_SHOWN],
                                       "total": len(records), "more": more, "all": records})
        return view

    def record_view_reads(self, record: Record) -> list[str]:
        """The look-ups of the index (core.index.Index.entries) that _make_record_view and
        record_parents make for `record`, besides the records they then show. `showcase build`
        keys a record page again only when a changed record adds or removes one of these entries
        or is shown on it: a new look-up there must be named here."""
        reads = {links_entry(record.id)}  # backlinks, mentions, related (with mutual: its own links)
        reads.update(facet_entry(f.facet, record.title) for _, f in BACKLINKS[record.kind]
                     if isinstance(f.type, TitleOf))
        if record.kind == "lecture":  # its series: the sessions either side, the series' name and brand
            series = record.values.get("series", "")
            reads.update((facet_entry("series", series), brand_entry(series)))
        if record.kind == "case":  # _related_cases: the groups it counts through
            for facet, value in field_facets(record):
                if facet in RELATED_FACETS:  # a group too large to count: only whether it still is
                    entry = facet_entry(facet, value)
                    reads.add(OVERSIZED + entry if entry in self._oversized() else entry)
            reads.update(links_entry(org) for org in record.values.get("branches") or ())
        return sorted(reads)

    def reads_changed(self, entries: set) -> set:
        """The reads of record_view_reads that the changed index `entries` change besides
        themselves: a group too large to count that no longer is (it was then, and stays so
        while none of its records changes)."""
        oversized = self._oversized()
        return {OVERSIZED + entry for entry in entries if entry not in oversized}

    def _oversized(self) -> set:
        """The entries of the groups of RELATED_FACETS that _cases_in leaves out for their size."""
        if self._too_large is None:
            self._too_large = {facet_entry(facet, value) for facet in RELATED_FACETS
                               for value in self.index.values(facet)
                               if len(self.index.members(facet, value)) > RELATED_GROUP_MAX}
        return self._too_large

    def _related_cases(self, record: Record) -> list[Record]:
        """Other cases sharing the most tags, its case category and organisations with this one
        (the newest first among equals), at most RELATED_SHOWN."""
        groups = [(facet, value) for facet, value in field_facets(record) if facet in RELATED_FACETS]
        groups += [("branches", org) for org in record.values.get("branches") or ()]
        shared: Counter = Counter()
        for group in groups:
            shared.update(self._cases_in(*group))
        shared.pop(record.id, None)
        # Only the cases that share something get a date key (not every record: an incremental
        # build keys a page by what it shows); the first few of (most shared, newest), not the
        # whole group sorted (a case shares a tag or its category with hundreds of others).
        # (Not `shared.keys() - order.keys()`: a set difference walks all of `order`, which grows
        # to every case: the related cases of all cases took time quadratic in their number.)
        order = self._date_order
        for i in shared:
            if i not in order:
                order[i] = date_order(self.index.records[i])
        best = heapq.nsmallest(RELATED_SHOWN, shared, key=lambda i: (-shared[i], order[i]))
        return [self.index.records[i] for i in best]

    def _cases_in(self, facet: str, value) -> list[str]:
        """The ids of the cases of a group that can make cases related (a facet value, or
        "branches" and an organisation's id); none when the group is too large to say anything.
        Made once per group, not once per case in it."""
        found = self._case_groups.get((facet, value))
        if found is None:
            index = self.index
            group = ({r.id: r for r in index.referrers(value, "branches")} if facet == "branches"
                     else index.members(facet, value))
            found = [] if len(group) > RELATED_GROUP_MAX else [i for i, r in group.items() if r.kind == "case"]
            self._case_groups[(facet, value)] = found
        return found

    def _backlinks(self, record: Record, kind, field) -> list[Record]:
        """The published records of `kind` that name `record` through `field`. Records of the
        same kind (sub-organisations, partners) are listed by title, others newest first."""
        index = self.index
        if isinstance(field.type, TitleOf):  # named by title: a lecture series and its brand
            return index.having(field.facet, record.title)
        if kind.name == record.kind:
            return index.related(record.id, field.key, field.mutual)
        return [r for r in index.referrers(record.id, field.key) if r.kind == kind.name]

    def _ancestors(self, record: Record) -> list[Record]:
        chain, seen = [], {record.id}
        parent = self.ref(record.values.get("parent", "")) if record.values.get("parent") else None
        while parent is not None and parent.id not in seen:
            chain.insert(0, parent)
            seen.add(parent.id)
            parent = self.ref(parent.values.get("parent", "")) if parent.values.get("parent") else None
        return chain

    def _overflow_pages(self) -> list[Page]:
        """Full lists behind a record page's "查看全部" links (so record pages stay small)."""
        pages = []
        for record in filter(self._may_overflow, self.index.records.values()):
            for group in self._record_view(record)["groups"]:
                if group["more"]:
                    title = f"{record.title} · {group['heading']}"
                    for page in self._list_pages(group["more"], title, group["all"]):
                        page.parents = self.record_parents(record) + ((record.title, record.url),)
                        pages.append(page)
        return pages

    def _may_overflow(self, record: Record) -> bool:
        """Whether a list of related records on the record's page can be longer than it shows:
        a cheap bound, so that the full view is computed for those records only."""
        named_by_title = max((self.index.size(f.facet, record.title) for _, f in BACKLINKS[record.kind]
                              if isinstance(f.type, TitleOf)), default=0)
        return max(self.index.link_count(record.id), named_by_title) > BACKLINKS_SHOWN

    # -- generated pages ----------------------------------------------------------
    def pages(self) -> list[Page]:
        return [page for _, make in self.sections() for page in make()]

    def sections(self) -> list[tuple[str, Callable[[], list[Page]]]]:
        """The generated pages in groups, each made on its own (the preview makes again only the
        group of the page asked for: at 10,000 records all of them take most of a second)."""
        special = {"branch": self._branches_index, "lecture": self._lectures_index, "case": self._cases_index}
        # the home page's sections take the width
        sections = [("home", lambda: [Page("", "首页", self._home, wide=True)])]
        for kind in KINDS:  # a kind without a page of its own is a grid of cards
            sections.append((kind.name, special[kind.name] if kind.name in special else (
                lambda kind=kind: self._card_index(kind.index_url, kind.index_title, self.index.of_kind(kind.name)))))
            if kind.name == "case":
                sections += [(f"case {suffix}", lambda suffix=suffix: self._cases_sorted(suffix))
                             for suffix in CASE_SORTS if suffix]
        sections += [("series", self._series_pages), ("years", self._years), ("categories", self._categories),
                     ("tags", self._tags), ("honours", self._honours),
                     ("stats", lambda: [Page("stats/", "统计", self._stats)]),
                     ("search", lambda: [self._page("search/", "搜索", "search.html",
                                                    config_json=page_config_json(self.project.settings.synonyms))]),
                     ("guide", lambda: [Page("guide/", "编写指南", self._guide, toc=True)]),
                     ("overflow", self._overflow_pages), ("dossiers", self._dossiers)]
        return sections

    def _dossiers(self) -> list[Page]:
        """/brands/<id>/dossier/: a brand's plan, phases, sites, cases, lectures and honours, to print."""
        pages = []
        for brand in self.index.of_kind("brand"):
            dossier = brand_dossier(self.edition, self.index, brand)
            pages.append(self._page(dossier.url, dossier.title, "dossier.html", wide=True, d=dossier,
                                    sections=SECTIONS))
        return pages

    def _page(self, url: str, title: str, template: str, wide: bool = False, **context) -> Page:
        return Page(url, title, lambda: render(template, url, self, title=title, **context), wide,
                    source=(template, context))

    def _home(self) -> str:
        counts = [(kind, len(self.index.of_kind(kind.name))) for kind in KINDS]
        brands = sorted(self.index.of_kind("brand"),
                        key=lambda r: (-len(r.values.get("honors", ())),
                                       -BRAND_STAGES.index(r.values.get("stage", BRAND_STAGES[0]))))
        settings = self.project.settings
        home = {"title": settings.home.get("title") or settings.site_name or "党建品牌展示库",
                "subtitle": settings.home.get("subtitle", "党建品牌、示范点、讲堂与典型案例，一库可查，互相关联。"),
                "image": settings.home.get("image")}
        return render("home.html", "", self, home=home, counts=counts, brands=brands[:HOME_LATEST],
                      cases=self.index.of_kind("case")[:HOME_LATEST],
                      lectures=self.index.of_kind("lecture")[:HOME_LATEST],
                      honours=len(self.index.honours()), years=self.index.values("year"))

    def _branches_index(self) -> list[Page]:
        branches = self.index.of_kind("branch")
        children = defaultdict(list)
        roots = []
        for branch in sorted(branches, key=lambda r: r.title):
            parent = self.ref(branch.values.get("parent", "")) if branch.values.get("parent") else None
            (children[parent.id] if parent is not None else roots).append(branch)
        units = defaultdict(list)
        for root in roots:
            units[root.values.get("unit", "")].append(root)
        kind = KIND_BY_NAME["branch"]
        return [self._page(kind.index_url, kind.index_title, "branches.html", units=sorted(units.items()),
                           children=children, total=len(branches))]

    def _card_index(self, url: str, title: str, records: list[Record]) -> list[Page]:
        return [self._page(page_url, title, "cards.html", records=chunk, pagination=pagination,
                           total=len(records))
                for page_url, chunk, pagination in _paginate(url, records, CARDS_PER_PAGE)]

    def _list_pages(self, url: str, title: str, records: list[Record]) -> list[Page]:
        return [self._page(page_url, title, "list.html", records=chunk, pagination=pagination,
                           total=len(records))
                for page_url, chunk, pagination in _paginate(url, records)]

    def _lectures_index(self) -> list[Page]:
        series = []
        for name in self.index.values("series"):
            sessions = self.index.series(name)
            series.append({"name": self.index.name("series", name), "brand": self.index.series_brand(name), "count": len(sessions),
                           "latest": sorted(sessions, key=lambda r: -r.values.get("number", 0))[:10]})
        series.sort(key=lambda s: -s["count"])
        kind = KIND_BY_NAME["lecture"]
        return [self._page(kind.index_url, kind.index_title, "lectures.html", series=series,
                           total=len(self.index.of_kind("lecture")))]

    def _series_pages(self) -> list[Page]:
        names = sorted(self.index.values("series"), key=pinyin_key)
        pages = [self._page(SERIES_INDEX[1], SERIES_INDEX[0], "series_index.html",
                            series=[(self.index.name("series", name), len(self.index.series(name))) for name in names])]
        for name in names:
            sessions = self.index.series(name)
            shown = self.index.name("series", name)
            for page_url, chunk, pagination in _paginate(facet_url("series", name), sessions):
                page = self._page(page_url, shown, "series.html", name=shown, sessions=chunk,
                                  brand=self.index.series_brand(name), pagination=pagination,
                                  total=len(sessions))
                page.parents = (SERIES_INDEX,)
                pages.append(page)
        return pages

    def _cases_index(self) -> list[Page]:
        """The cases table by date, and the cases of each year, organisation and category (the
        table's filters: links to pages, so they work without JavaScript)."""
        kind = KIND_BY_NAME["case"]
        cases, filters = self._cases_and_filters()
        pages = self._case_table(kind.index_url, kind.index_title, cases, filters, sort="")
        for group in filters:
            for _, url, count, name, chosen in group["all"]:
                pages += self._case_table(url, f"{kind.index_title} · {name}", chosen, filters, current=url)
        orgs = self._as_shown(filters)[1]["all"]
        for page_url, chunk, pagination in _paginate("cases/org/", orgs):
            pages.append(self._page(page_url, f"{kind.index_title} · 按党组织", "case_orgs.html", orgs=chunk,
                                    pagination=pagination, total=len(orgs), filters=self._as_shown(filters)))
        return pages

    def _cases_sorted(self, suffix: str) -> list[Page]:
        """The cases table in another order (a key of CASE_SORTS): its own section, as sorting
        7,000 cases by pinyin is worth doing only when that order is asked for."""
        kind = KIND_BY_NAME["case"]
        cases, filters = self._cases_and_filters()
        if suffix == "by/org/":
            first_org = {c.id: (self.ref(c.values["branches"][0]) if c.values.get("branches") else None)
                         for c in cases}
            ordered = sorted(cases, key=lambda c: (pinyin_key(first_org[c.id].title) if first_org[c.id] else (),
                                                   c.title))
        else:
            ordered = sorted(cases, key=lambda c: (self._vocabulary_position("case_category", c.values.get("category")),
                                                   c.title))
        return self._case_table(f"{kind.index_url}{suffix}", kind.index_title, ordered, filters, sort=suffix)

    def _cases_and_filters(self) -> tuple[list[Record], list[dict]]:
        if self._cases is None:
            cases = self.index.of_kind("case")
            self._cases = cases, self._case_filters(cases)
        return self._cases

    def _case_table(self, url: str, title: str, cases: list[Record], filters: list, sort: str | None = None,
                    current: str = "") -> list[Page]:
        """A table of cases, paginated; `sort` (a key of CASE_SORTS) on the whole list's pages only."""
        return [self._page(page_url, title, "cases.html", wide=True, cases=chunk, sort=sort, sorts=CASE_SORTS,
                           pagination=pagination, total=len(cases), filters=self._as_shown(filters), current=current)
                for page_url, chunk, pagination in _paginate(url, cases)]

    def _as_shown(self, filters: list) -> list:
        """The filters as the cases pages' templates show them: each value's label, address, count
        and name, without the cases it chooses (which make the pages, not the filter), so that a
        page's inputs (what `showcase build` keys it by) change only when what it shows does."""
        if self._shown is None or self._shown[0] is not filters:
            self._shown = filters, [{**group, "shown": [row[:4] + (None,) for row in group["shown"]],
                                     "all": [row[:4] + (None,) for row in group["all"]]} for group in filters]
        return self._shown[1]

    def _case_filters(self, cases: list[Record]) -> list[dict]:
        """The filters of the cases pages: per group its label, its values shown on every page
        and all of them ((label, url, count, name, cases) each)."""
        index = self.index
        in_cases = {c.id for c in cases}
        years = [(f"{y}年", f"cases/year/{y}/", [c for c in index.having("year", y) if c.id in in_cases])
                 for y in reversed(index.values("year"))]
        orgs = []
        for org_id in index.values("branch"):
            org = self.ref(org_id)
            chosen = [c for c in index.having("branch", org_id) if c.id in in_cases]
            if org is not None and chosen:
                orgs.append((org.title, f"cases/org/{org.id}/", chosen))
        orgs.sort(key=lambda o: (-len(o[2]), pinyin_key(o[0])))
        categories = [(index.name("case_category", v), facet_url("case_category", v), index.having("case_category", v))
                      for v in self._in_vocabulary_order("case_category")]

        def group(label, entries, shown=None):
            rows = [(name, url, len(chosen), name, chosen) for name, url, chosen in entries if chosen]
            return {"label": label, "shown": rows[:shown], "all": rows, "more": len(rows) > len(rows[:shown])}
        return [group("年份", years), group(KIND_BY_NAME["case"].by_key["branches"].zh, orgs, ORGS_IN_FILTER),
                group(facet_label("case_category").zh, categories)]

    def _vocabulary_position(self, facet: str, value) -> tuple:
        """Where a value stands in its configured vocabulary (mkdocs.yml), unknown ones last by pinyin."""
        vocabulary = self._vocabulary(facet)
        value = "" if value is None else str(value)
        return (vocabulary.index(value), ()) if value in vocabulary else (len(vocabulary), pinyin_key(value))

    def _vocabulary(self, facet: str) -> list:
        name = {"category": "categories", "case_category": "case_categories"}[facet]
        return list(self.project.settings.vocabularies[name])

    def _in_vocabulary_order(self, facet: str) -> list:
        return sorted(self.index.values(facet), key=lambda v: self._vocabulary_position(facet, v))

    def _years(self) -> list[Page]:
        values = self.index.values("year")[::-1]
        entries = [(value, facet_url("year", value), len(self.index.having("year", value)), f"{value}年")
                   for value in values]
        pages = [self._page("years/", "年份", "facet_index.html", sections=[(None, "year", entries)])]
        for value, url, _, name in entries:
            records = self.index.having("year", value)[::-1]  # a timeline reads forwards
            for page_url, chunk, pagination in _paginate(url, records):
                pages.append(self._page(page_url, name, "timeline.html", records=chunk, year=value,
                                        pagination=pagination, total=len(records)))
        return pages

    def _categories(self) -> list[Page]:
        """/categories/: the 党建分类 (`categories`), each with a page of its records, and the
        案例类别 (`category` of cases), whose pages are filters of the cases table."""
        sections = []
        for facet in ("category", "case_category"):
            entries = [(self.index.name(facet, v), facet_url(facet, v), len(self.index.having(facet, v)), None)
                       for v in self._in_vocabulary_order(facet)]
            sections.append((facet_label(facet).zh, facet, entries))
        pages = [self._page("categories/", "分类", "facet_index.html", sections=sections)]
        label = facet_label("category").zh
        for name, url, _, _ in sections[0][2]:
            pages += self._list_pages(url, f"{label}：{name}", self.index.having("category", name))
        return pages

    def _tags(self) -> list[Page]:
        """/tags/: the most used first, then by pinyin."""
        counts = self.index.counts("tag")
        values = sorted(counts, key=lambda v: (-counts[v], pinyin_key(v)))
        entries = [(self.index.name("tag", v), facet_url("tag", v), counts[v], None) for v in values]
        pages = [self._page("tags/", "标签", "facet_index.html", sections=[(None, "tag", entries)])]
        label = facet_label("tag").zh
        for name, url, _, _ in entries:
            pages += self._list_pages(url, f"{label}：{name}", self.index.having("tag", name))
        return pages

    def _honours(self) -> list[Page]:
        """/honors/ shows the latest of each level; /honors/<level>/ lists a level in full."""
        by_level = defaultdict(list)
        for honour, holders in self.index.honours():
            by_level[honour.get("level") or "其他"].append((honour, holders))
        levels = [(level, f"honors/{slug(level)}/", by_level[level])
                  for level in (*HONOR_LEVELS, "其他") if by_level.get(level)]
        pages = [self._page("honors/", "荣誉榜", "honours.html", levels=levels, pagination=None,
                            shown=HONOURS_SHOWN)]
        for level, url, entries in levels:
            for page_url, chunk, pagination in _paginate(url, entries):
                pages.append(self._page(page_url, f"荣誉榜：{level}", "honours.html",
                                        levels=[(level, url, chunk)], pagination=pagination,
                                        shown=ROWS_PER_PAGE, total=len(entries)))
        return pages

    def _guide(self) -> str:
        return render("guide.html", "guide/", self, title="编写指南",
                      **guide_context(self.project.settings.vocabularies))

    def _stats(self) -> str:
        return render("stats.html", "stats/", self, title="统计", **self.statistics())

    def statistics(self) -> dict:
        """The figures of the stats page (also used by tests)."""
        index = self.index
        records = list(index.records.values())
        years = sorted({y for r in records for y in date_years(r.date)})
        per_kind_year = {kind.name: [0] * len(years) for kind in KINDS}
        for r in records:
            for y in date_years(r.date):
                per_kind_year[r.kind][years.index(y)] += 1
        cases = index.of_kind("case")
        lectures = index.of_kind("lecture")
        case_categories = Counter(c.values.get("category") for c in cases if c.values.get("category"))
        lecture_years = Counter(l.date.year for l in lectures if l.date)
        lecture_fields = Counter(f for l in lectures for f in l.values.get("fields", ()))
        stars = Counter(b.values["rating"]["stars"] for b in index.of_kind("branch") if b.values.get("rating"))
        honour_levels = Counter(h.get("level") or "其他" for h, _ in index.honours())
        vocab = self.project.settings.vocabularies
        figures = {
            "kind_counts": [(KIND_NAMES["zh"][k.name], len(index.of_kind(k.name)), k.index_url) for k in KINDS],
            "years": years,
            "per_kind_year": [(KIND_NAMES["zh"][k], v) for k, v in per_kind_year.items()],
            "case_categories": [(c, case_categories[c]) for c in vocab["case_categories"] if case_categories[c]],
            "lecture_years": sorted(lecture_years.items()),
            "lecture_fields": [(f, lecture_fields[f]) for f in vocab["lecture_fields"] if lecture_fields[f]],
            "stars": [(f"{n} 星", stars[n]) for n in range(1, 6)],
            "honour_levels": [(lvl, honour_levels[lvl]) for lvl in (*HONOR_LEVELS, "其他") if honour_levels[lvl]],
        }
        newest = years[::-1]
        gaps = {i: _missing_years(newest[i], newest[i - 1]) for i in range(1, len(newest))
                if newest[i - 1] - newest[i] > 1}
        figures["year_rows"] = [(y, [per_kind_year[k.name][years.index(y)] for k in KINDS]) for y in newest]
        figures["year_kinds"] = [KIND_NAMES["zh"][k.name] for k in KINDS]
        figures["year_gaps"] = {newest[i]: text for i, text in gaps.items()}
        figures["charts"] = {
            "per_kind_year": stacked_bars("各类记录按年份分布", [(f"{y}年", v) for y, v in figures["year_rows"]],
                                          figures["year_kinds"], "条", gaps),
            "case_categories": horizontal_bars("典型案例按类别", figures["case_categories"], "件"),
            "lecture_years": horizontal_bars("讲堂按年份", [(f"{y}年", n) for y, n in figures["lecture_years"][::-1]], "期"),
            "lecture_fields": horizontal_bars("讲堂按领域", figures["lecture_fields"], "期"),
            "stars": horizontal_bars("党组织星级分布", figures["stars"], "个"),
            "honour_levels": horizontal_bars("荣誉按级别", figures["honour_levels"], "项"),
        }
        return figures


def _missing_years(older: int, newer: int) -> str:
    """The line a year chart draws between two years that have years without records between them."""
    first, last = older + 1, newer - 1
    return f"{first}年 无记录" if first == last else f"{first}—{last}年 无记录（{last - first + 1} 年）"
