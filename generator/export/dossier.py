"""A brand's dossier: its plan, phases, demonstration sites, cases, lectures and honours together.

Reviewers judge a brand as a whole. The same `Dossier` is shown at /brands/<id>/dossier/ (a
printable page, site/theme/showcase/dossier.html) and written as a Word document by
`showcase export --dossier <id> --format docx` (dossier_docx). Everything in it comes from one
edition's index, so a public dossier holds nothing hidden: an unpublished site, case or
lecture is not there, and neither is an unpublished owner.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from ..core.dates import PartialDate, Period
from ..core.index import Index
from ..core.model import Record
from ..core.project import Edition
from ..core.schema import BRAND_STAGES, KIND_BY_NAME, KIND_NAMES

DOSSIER_SEGMENT = "dossier"  # /brands/<id>/dossier/
_BRAND = KIND_BY_NAME["brand"]
# The dossier's sections, in order: (anchor, heading). Headings are the schema's labels.
SECTIONS = (
    ("overview", "基本情况"),
    ("plan", _BRAND.by_key["milestones"].zh),
    ("stage", _BRAND.by_key["stage"].zh),
    ("sites", KIND_NAMES["zh"]["site"]),
    ("cases", KIND_NAMES["zh"]["case"]),
    ("lectures", KIND_NAMES["zh"]["lecture"]),
    ("honours", _BRAND.by_key["honors"].zh),
)


@dataclass
class Entry:
    """A site, case or lecture of the brand, as the dossier lists it."""

    record: Record
    title: str
    url: str
    date: PartialDate | Period | None
    summary: str


@dataclass
class Dossier:
    brand: Record
    title: str  # 《品牌》品牌档案
    summary: str
    owners: list[Record]
    facts: list[tuple[str, str]]  # (label, value) of the overview
    milestones: list[dict]
    stages: tuple
    stage: str | None
    sites: list[Entry] = field(default_factory=list)
    cases: list[Entry] = field(default_factory=list)
    lectures: list[Entry] = field(default_factory=list)
    honours: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return dossier_url(self.brand)


def dossier_url(brand: Record) -> str:
    return f"{brand.url}{DOSSIER_SEGMENT}/"


def zh(value) -> str:
    return value.zh() if isinstance(value, (PartialDate, Period)) else "" if value is None else str(value)


def brand_dossier(edition: Edition, index: Index, brand: Record) -> Dossier:
    """The dossier of a published brand, from what `edition` publishes (`index` is its index)."""
    def entry(record: Record) -> Entry:
        return Entry(record, record.title, record.url, record.date, record.summary_for(edition.resolve_published))

    values = brand.values
    owners = edition.published(values.get("owner"))
    facts = [(label, text) for label, text in (
        (_BRAND.by_key["owner"].zh, "、".join(o.title for o in owners)),
        (_BRAND.by_key["slogan"].zh, values.get("slogan") or ""),
        (_BRAND.by_key["launched"].zh, zh(values.get("launched"))),
        (_BRAND.by_key["stage"].zh, values.get("stage") or ""),
        (_BRAND.by_key["categories"].zh, "、".join(values.get("categories") or ())),
    ) if text]
    referrers = index.referrers(brand.id, "brand")
    lectures = sorted(index.having("series", brand.title), key=lambda r: r.values.get("number") or 0)
    return Dossier(
        brand=brand, title=f"{brand.title} · 品牌档案", summary=brand.summary_for(edition.resolve_published),
        owners=owners, facts=facts, milestones=list(values.get("milestones") or ()), stages=BRAND_STAGES,
        stage=values.get("stage"),
        sites=[entry(r) for r in referrers if r.kind == "site"],
        cases=[entry(r) for r in referrers if r.kind == "case"],
        lectures=[entry(r) for r in lectures],
        honours=list(values.get("honors") or ()))


def find_brand(edition: Edition, brand_id: str) -> Record | None:
    """The published brand a written id names (letter case as written or not), or None."""
    record = edition.resolve_published(brand_id)
    return record if record is not None and record.kind == "brand" else None


def honour_line(honour: dict) -> str:
    parts = [honour.get("level"), honour.get("title"), str(honour["year"]) if honour.get("year") else None,
             honour.get("issuer")]
    return " · ".join(p for p in parts if p)


def milestone_when(milestone: dict) -> str:
    """2018年3月, or 2018年3月 — 2018年4月 (one date when start and end agree)."""
    start, end = milestone.get("start"), milestone.get("end")
    if end and end != start:
        return f"{zh(start)} — {zh(end)}" if start else f"至 {zh(end)}"
    return zh(start)


def dossier_docx(dossier: Dossier, site_url: str = "") -> bytes:
    """The dossier as a Word document (python-docx): the title, a table of contents (the
    section headings, as printed; Word can add a live one), then one Heading 1 per section."""
    from docx import Document  # only this command needs python-docx loaded

    doc = Document()
    doc.core_properties.title = dossier.title
    doc.add_heading(dossier.title, level=0)
    if site_url:
        doc.add_paragraph(f"网址：{site_url.rstrip('/')}/{dossier.url}")
    doc.add_paragraph("目录", style="Heading 1")
    for _, heading in SECTIONS:
        doc.add_paragraph(heading, style="List Number")
    headings = dict(SECTIONS)

    doc.add_heading(headings["overview"], level=1)
    for label, text in dossier.facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}：").bold = True
        paragraph.add_run(text)
    if dossier.summary:
        doc.add_paragraph(dossier.summary)

    doc.add_heading(headings["plan"], level=1)
    if dossier.milestones:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("时间", "事项", "负责")):
            cell.text = text
        for ms in dossier.milestones:
            for cell, text in zip(table.add_row().cells, (milestone_when(ms), ms.get("name", ""), ms.get("owner", ""))):
                cell.text = str(text)
    else:
        doc.add_paragraph("暂无。")

    doc.add_heading(headings["stage"], level=1)
    doc.add_paragraph(" → ".join(f"【{s}】" if s == dossier.stage else s for s in dossier.stages)
                      + (f"（当前：{dossier.stage}）" if dossier.stage else ""))

    for key, entries in (("sites", dossier.sites), ("cases", dossier.cases), ("lectures", dossier.lectures)):
        doc.add_heading(headings[key], level=1)
        if not entries:
            doc.add_paragraph("暂无。")
        for e in entries:
            doc.add_heading(e.title, level=2)
            if e.date:
                doc.add_paragraph(zh(e.date))
            if e.summary:
                doc.add_paragraph(e.summary)

    doc.add_heading(headings["honours"], level=1)
    if not dossier.honours:
        doc.add_paragraph("暂无。")
    for honour in dossier.honours:
        doc.add_paragraph(honour_line(honour), style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
