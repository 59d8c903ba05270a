"""Full-text search: a Pagefind index of the published records, and the /search/ page.

The index is not built from the rendered MkDocs pages. For every record the build
publishes, a small HTML document is written into a temporary directory that mirrors the
site's addresses (``cases/<id>/index.html``), holding only what search needs:

- the indexed text, as tokens (see search_text.py): the title (weighted 5), the meaningful
  fields — organisations, speakers, categories, tags, honours … — (weighted 2), and the
  summary and body (weight 1). Each distinct token is written once per part, which keeps
  the index and what a browser loads for a query small;
- the original plain text, hidden from the index (search_text.hide), for snippets;
- filters (kind, org, year, category, tag, honor), sorts (date, date_old) and metadata
  (title, date, summary, image, kind, org) as Pagefind attributes.

Pagefind then indexes that directory in one call, into ``<site>/pagefind/``, with one
language (``zxx``: no linguistic content, so neither stemming nor segmentation applies).
docs/search.md explains the design.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field

from .dates import PartialDate, Period, date_years
from .index import ORGANISATION_KEYS
from .messages import KIND_NAMES
from .model import Record
from .project import Project, Visibility
from .schema import HONOR_LEVELS, KIND_BY_NAME, KINDS
from .search_t2s import T2S
from .search_text import hide, unique_tokens
from .wikilinks import replace_wikilinks

INDEX_LANGUAGE = "zxx"  # ISO 639-2 "no linguistic content": no stemmer, no segmenter
OUTPUT_DIR = "pagefind"
T2S_FILE = "t2s.json"  # written into the output dir, for the browser's normaliser
CHUNK_WORDS = 200  # words per index chunk (Pagefind's default, 20,000, would be one chunk)
SNIPPET_CHARS = 1500  # original text kept per record for snippets
WEIGHTS = {"title": 5, "fields": 2, "body": 1}

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


class SearchIndexError(RuntimeError):
    """Building the search index failed; the message is Chinese, then English."""


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
    fields_text: list[str]  # "label：values" lines
    body_text: str
    filters: dict[str, list[str]] = field(default_factory=dict)


# -- from a record to a document ------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~).*$", re.M)
_HTML_TAG = re.compile(r"<[^>\n]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.M)
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
_EMPHASIS = re.compile(r"[*_`~]{1,3}")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)
_SPACES = re.compile(r"[ \t\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def markdown_text(body: str, link_title) -> str:
    """A record body as plain text: markup gone, link texts kept, one line per paragraph."""
    text = replace_wikilinks(body, lambda target, label: label or link_title(target))
    text = _FENCE.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _ATTR_LIST.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text).replace("|", " ")
    paragraphs = [" ".join(_SPACES.sub(" ", p).split()) for p in _BLANKS.split(text)]
    return "\n".join(p for p in paragraphs if p)


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
        self.project, self.visibility = project, visibility

    def published(self, record_id) -> Record | None:
        target = self.project.resolve(str(record_id))
        return target if target is not None and self.visibility.publishes(target) else None

    def link_title(self, record_id: str) -> str:
        target = self.published(record_id)
        return target.title if target is not None else ""

    def refs(self, record: Record, key: str) -> list[Record]:
        value = record.values.get(key)
        ids = value if isinstance(value, list) else [value] if value else []
        found = (self.published(i) for i in ids)
        return [r for r in found if r is not None and r is not record]

    def organisations(self, record: Record) -> list[str]:
        if record.kind == "branch":
            return [record.title]
        names = [r.title for key in ORGANISATION_KEYS for r in self.refs(record, key)]
        return list(dict.fromkeys(names))

    def field_lines(self, record: Record) -> list[str]:
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
                lines.append(f"{kind.by_key[key].zh}：{'、'.join(words)}")
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
        summary = record.summary
        filters = {
            "kind": [KIND_LABELS[record.kind]],
            "org": orgs,
            "year": years,
            "category": list(dict.fromkeys(categories)),
            "tag": list(dict.fromkeys(values.get("tags", ()))),
            "honor": sorted(set(honours), key=HONOR_LEVELS.index),
        }
        body = markdown_text(record.body, self.link_title)
        if values.get("summary") and values["summary"] not in body:
            body = values["summary"] + "\n" + body
        return SearchDocument(
            url=record.url, kind=record.kind, title=record.title, summary=summary,
            date=date.zh() if date else "",
            sort_date=_sort_date(date),
            image=image if isinstance(image, str) else "",
            orgs=orgs, fields_text=self.field_lines(record), body_text=body,
            filters={k: v for k, v in filters.items() if v})


def _sort_date(date) -> str:
    if isinstance(date, Period):
        date = date.start
    return date.first_day.isoformat() if isinstance(date, PartialDate) else ""


def search_documents(project: Project, visibility: Visibility) -> list[SearchDocument]:
    """One document per record that `visibility` publishes (nothing of any other)."""
    builder = DocumentBuilder(project, visibility)
    return [builder.document(r) for r in project.records if visibility.publishes(r)]


# -- the HTML Pagefind reads ------------------------------------------------------------------

def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def render_document(doc: SearchDocument) -> str:
    """The HTML document Pagefind indexes for one record."""
    head = [f'<meta data-pagefind-filter="{name}[content]" content="{_attr(value)}">'
            for name, values in doc.filters.items() for value in values]
    meta = {"title": doc.title, "date": doc.date, "summary": doc.summary, "image": doc.image,
            "kind": doc.kind, "org": "、".join(doc.orgs)}
    head += [f'<meta data-pagefind-meta="{name}[content]" content="{_attr(value)}">'
             for name, value in meta.items() if value]
    # Pages without a sort key drop out of sorted results: undated records sort last both ways.
    head.append(f'<meta data-pagefind-sort="date[content]" content="{doc.sort_date or "0000-00-00"}">')
    head.append(f'<meta data-pagefind-sort="date_old[content]" content="{doc.sort_date or "9999-99-99"}">')
    fields_text = "\n".join(doc.fields_text)
    title_tokens = unique_tokens(doc.title)
    field_tokens = unique_tokens(fields_text)
    body_tokens = unique_tokens(doc.body_text)
    original = "\n".join([doc.body_text, fields_text])[:SNIPPET_CHARS]
    return (
        f'<!DOCTYPE html>\n<html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head><body data-pagefind-body>\n"
        f'<p data-pagefind-weight="{WEIGHTS["title"]}">{" ".join(title_tokens)}</p>\n'
        f'<p data-pagefind-weight="{WEIGHTS["fields"]}">{" ".join(field_tokens)}</p>\n'
        f'<p>{" ".join(body_tokens)}</p>\n'
        f'<p>{hide(original)}</p>\n'
        "</body></html>\n"
    )


def write_documents(docs: list[SearchDocument], root: str) -> None:
    for doc in docs:
        folder = os.path.join(root, *doc.url.strip("/").split("/"))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(render_document(doc))


# -- running Pagefind ---------------------------------------------------------------------------

@dataclass
class IndexReport:
    pages: int
    seconds: float
    bytes: int  # size of <site>/pagefind/ on disk
    output: str


async def _pagefind(source: str, output: str) -> int:
    from pagefind.index import PagefindIndex

    config = {"force_language": INDEX_LANGUAGE, "output_path": output}
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(source)
        pages = result.get("page_count", 0)
    return pages


def run_pagefind(source: str, output: str) -> int:
    """Index the documents under `source` in one call, writing the bundle to `output`."""
    os.environ.setdefault("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", str(CHUNK_WORDS))
    cwd = os.getcwd()
    try:
        os.chdir(source)  # the service resolves paths against its working directory
        return asyncio.run(_pagefind(source, output))
    finally:
        os.chdir(cwd)


def _fail(zh: str, en: str, detail: object = "") -> SearchIndexError:
    detail = f"\n{detail}" if detail else ""
    return SearchIndexError(f"搜索索引生成失败：{zh}\nsearch index failed: {en}{detail}")


def write_index(project: Project, site_dir: str, visibility: Visibility) -> IndexReport:
    """Build the search index of the records `visibility` publishes into <site_dir>/pagefind/.

    Clears that folder first (Pagefind leaves stale fragments behind). Raises
    SearchIndexError with a Chinese and English message if anything fails.
    """
    started = time.perf_counter()
    output = os.path.join(os.path.abspath(site_dir), OUTPUT_DIR)
    docs = search_documents(project, visibility)
    try:
        shutil.rmtree(output, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="showcase-search-") as source:
            write_documents(docs, source)
            if not docs:  # Pagefind writes no bundle for zero pages; the search page still needs one
                with open(os.path.join(source, "index.html"), "w", encoding="utf-8") as fh:
                    fh.write(f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><body>'
                             '<div data-pagefind-body></div></body></html>')
            pages = run_pagefind(source, output)
    except SearchIndexError:
        raise
    except Exception as exc:  # the service reports errors as plain exceptions
        raise _fail("Pagefind 运行出错，请检查 pagefind 与 pagefind-bin-extended 是否已安装（版本 1.5.2）",
                    "Pagefind failed; check that pagefind and pagefind-bin-extended 1.5.2 are installed",
                    exc) from exc
    if not os.path.isfile(os.path.join(output, "pagefind.js")):
        raise _fail(f"Pagefind 没有在 {output} 写出索引", f"Pagefind wrote no bundle into {output}")
    if docs and pages != len(docs):
        raise _fail(f"应索引 {len(docs)} 条记录，Pagefind 只索引了 {pages} 条",
                    f"{len(docs)} records to index, Pagefind indexed {pages}")
    with open(os.path.join(output, T2S_FILE), "w", encoding="utf-8") as fh:
        json.dump({"from": "".join(T2S), "to": "".join(T2S.values())}, fh, ensure_ascii=False)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(output) for f in files)
    return IndexReport(pages=len(docs), seconds=time.perf_counter() - started, bytes=size, output=output)


# -- the page ------------------------------------------------------------------------------------

def page_config() -> dict:
    """What search.js needs to know (embedded in the page as JSON)."""
    return {
        "facets": FACETS,
        "kinds": KIND_LABELS,
        "honorLevels": list(HONOR_LEVELS),
        "pageSize": 10,
    }


def search_page(base_url: str = "..") -> str:
    """The body of the /search/ page (raw HTML; safe inside Markdown with md_in_html).

    `base_url` is the relative path from that page to the site root: ".." for
    /search/ with directory URLs (the default), "." for /search.html.
    """
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(_partials_dir()), autoescape=True)
    module = env.get_template("showcase-search.html").module
    config = json.dumps(page_config(), ensure_ascii=False).replace("</", "<\\/")
    return str(module.search_page(base_url.rstrip("/") or ".", config))


def search_form(base_url: str = ".") -> str:
    """The header search form, rendered outside a Jinja theme (for tests and generated pages)."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(_partials_dir()), autoescape=True)
    return str(env.get_template("showcase-search.html").module.search_form(base_url.rstrip("/") or "."))


def _partials_dir() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(os.path.dirname(here), "theme", "partials")
