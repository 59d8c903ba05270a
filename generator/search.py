"""Full-text search: a Pagefind index of the published records, and the /search/ page.

The index is not built from the rendered MkDocs pages. For every record the build
publishes, a small HTML document is written into a temporary directory that mirrors the
site's addresses (``cases/<id>/index.html``), holding only what search needs:

- the indexed text, as tokens (see search_text.py): the title (weighted 5), the meaningful
  fields — organisations, speakers, categories, tags, honours … — (weighted 2), and the
  summary and body (weight 1). Each distinct token is written once per document, the
  site's common tokens first (common_tokens), which keeps the index and what a browser
  loads for a query small;
- the original plain text, hidden from the index (search_text.hide), for snippets;
- filters (kind, org, year, category, tag, honor), a sort (date) and metadata
  (title, date, summary, image, kind; hidden too) as Pagefind attributes.

Pagefind then indexes that directory in one call, into ``<site>/pagefind/``, with one
language (``zxx``: no linguistic content, so neither stemming nor segmentation applies).
docs/search.md explains the design.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from .dates import PartialDate, Period, date_years
from .index import ORGANISATION_KEYS
from .messages import KIND_NAMES
from .model import Record
from .project import Project, Visibility
from .schema import HONOR_LEVELS, KIND_BY_NAME, KINDS
from .t2s import T2S
from .search_text import document_tokens, hide
from .wikilinks import replace_wikilinks

INDEX_LANGUAGE = "zxx"  # ISO 639-2 "no linguistic content": no stemmer, no segmenter
OUTPUT_DIR = "pagefind"
DATA_FILE = "showcase-search.json.gz"  # written into the output dir: see search_data()
T2S_FILE = "showcase-t2s.json.gz"  # the full traditional → simplified map, loaded when needed
T2S_BITS = (0x3400, 0x9FFF)  # code points covered by the map's bitset in DATA_FILE
CHUNK_POSTINGS = 10000  # Pagefind's index chunk size (default 20,000): less to load per query word
SNIPPET_CHARS = 1000  # original text kept per record for snippets
SUMMARY_META = 100  # characters of the summary kept as Pagefind metadata
SAMPLE_DOCUMENTS = 500  # records sampled to find the common tokens (common_tokens)
COMMON_SHARE = 0.01  # a token in this share of the sample is "common"
HIDDEN_WORD = 200  # characters per "word" of hidden text: quickest for Pagefind (measured 50–1000)
WEIGHTS = {"title": 5, "fields": 2, "body": 1}
# Pagefind's ranking options (its pageLength default, 0.75, lets a short record with a match
# in its tags outrank a long one with the match in its title).
RANKING = {"pageLength": 0.25}

# For mkdocs.yml (paths under theme/). The page loads its own module (assets/search/search.js).
EXTRA_CSS = ["assets/search/search.css"]
EXTRA_JAVASCRIPT: list[str] = []

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
    fields: list[tuple[str, str]]  # (label, values): indexed without the label, shown with it
    body_text: str
    filters: dict[str, list[str]] = field(default_factory=dict)


# -- from a record to a document ------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.M)
_HTML_TAG = re.compile(r"<[^>\n]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.M)
_LINE_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+|\|)", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
_EMPHASIS = re.compile(r"[*_`~]{1,3}")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M)


def markdown_text(body: str, link_title) -> str:
    """A record body as plain text: markup gone, link texts kept, blank lines dropped."""
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
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
            orgs=orgs, fields=self.field_lines(record), body_text=body,
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


def document_parts(doc: SearchDocument) -> list[list[str]]:
    """The tokens of a document's title, fields and text (search_text.document_tokens)."""
    field_values = "\n".join(values for _, values in doc.fields)
    return document_tokens(doc.title, field_values, doc.body_text)


def common_tokens(documents) -> dict[str, int]:
    """Token → rank (0 = the most common) for the tokens in at least COMMON_SHARE of
    `documents` (a sample of the site's: see write_documents).

    Pagefind stores every (token, page) pair with the token's position in the page. The
    positions are of no use here (search.js makes its own snippets; Pagefind's ranking does
    not read them), so render_document lists a document's common tokens first, most common
    first: the long posting lists that most queries load then hold small, repeating
    positions, which compress well (the index is ~20 % smaller at 10,000 records)."""
    from collections import Counter

    counts: Counter[str] = Counter()
    total = 0
    for doc in documents:
        total += 1
        for part in document_parts(doc):
            counts.update(part)
    floor = max(2, total * COMMON_SHARE)
    common = sorted((t for t, n in counts.items() if n >= floor), key=lambda t: (-counts[t], t))
    return {token: rank for rank, token in enumerate(common)}


def _ordered(tokens: list[str], common: dict[str, int]) -> list[str]:
    first = [t for t in tokens if t in common]
    first.sort(key=common.__getitem__)
    return first + [t for t in tokens if t not in common] if first else tokens


def render_document(doc: SearchDocument, common: dict[str, int] | None = None) -> str:
    """The HTML document Pagefind indexes for one record; `common` orders its tokens
    (common_tokens)."""
    head = [f'<meta data-pagefind-filter="{name}[content]" content="{_attr(value)}">'
            for name, values in doc.filters.items() for value in values]
    # Pagefind indexes metadata too, as words: a title or a summary would become keys that
    # queries could hit (an image path even splits into ASCII words that can equal tokens).
    # So metadata is stored hidden like the snippet text (search.js reveals it): it creates no
    # key. The summary is cut short (the full text is in the hidden snippet text).
    summary = doc.summary if len(doc.summary) <= SUMMARY_META else doc.summary[:SUMMARY_META - 1] + "…"
    meta = {"title": doc.title, "date": doc.date, "summary": summary, "image": doc.image, "kind": doc.kind}
    head += [f'<meta data-pagefind-meta="{name}[content]" content="{_attr(hide(value))}">'
             for name, value in meta.items() if value]
    # Pages without a sort key drop out of sorted results: undated records sort as the oldest.
    # (One sort only: each costs ~3 bytes a record in what every browser loads first.)
    head.append(f'<meta data-pagefind-sort="date[content]" content="{doc.sort_date or "0000-00-00"}">')
    title_tokens, field_tokens, body_tokens = (_ordered(part, common or {}) for part in document_parts(doc))
    original = "\n".join([doc.body_text] + [f"{label}：{values}" for label, values in doc.fields])
    original = original[:SNIPPET_CHARS]
    # One block of inline parts: Pagefind ends every block element's text with a ".", which
    # would glue onto the last token and make it a "compound word" split into junk keys.
    return (
        f'<!DOCTYPE html>\n<html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head><body><div data-pagefind-body>"
        f'<span data-pagefind-weight="{WEIGHTS["title"]}">{" ".join(title_tokens)}</span> '
        f'<span data-pagefind-weight="{WEIGHTS["fields"]}">{" ".join(field_tokens)}</span> '
        f'<span>{" ".join(body_tokens)}</span> '
        f'<span>{_hidden_words(original)}</span>'
        "</div></body></html>\n"
    )


def _hidden_words(text: str) -> str:
    hidden = hide(text)
    return " ".join(hidden[i:i + HIDDEN_WORD] for i in range(0, len(hidden), HIDDEN_WORD))


def _write_share(builder: "DocumentBuilder", records: list[Record], common: dict[str, int], root: str,
                 share: int, shares: int) -> None:
    for record in records[share::shares]:
        doc = builder.document(record)
        path = os.path.join(root, *doc.url.strip("/").split("/"), "index.html")  # Pagefind's URL for it
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(render_document(doc, common))


PARALLEL_FROM = 2000  # records; below this one process is quicker than starting others


def _workers(count: int) -> int:
    """Processes to write the documents with: forked workers on a multi-core POSIX machine for
    a large site, when this process runs no other thread (forking a threaded process is unsafe,
    e.g. under `mkdocs serve`)."""
    import multiprocessing
    import threading

    if count < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def write_documents(project: Project, visibility: Visibility, root: str, workers: int | None = None) -> int:
    """Write the document of every published record under `root`; returns how many."""
    import multiprocessing

    builder = DocumentBuilder(project, visibility)
    records = [r for r in project.records if visibility.publishes(r)]
    sample = records[::max(1, len(records) // SAMPLE_DOCUMENTS)]
    common = common_tokens(builder.document(r) for r in sample)
    workers = workers or _workers(len(records))
    if workers == 1:
        _write_share(builder, records, common, root, 0, 1)
        return len(records)
    context = multiprocessing.get_context("fork")  # the workers share `records` without copying
    processes = [context.Process(target=_write_share, args=(builder, records, common, root, i, workers),
                                 daemon=True)
                 for i in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if failed:
        raise _fail("生成索引文档时出错", f"writing the documents to index failed (exit codes {failed})")
    return len(records)


# -- running Pagefind ---------------------------------------------------------------------------

@dataclass
class IndexReport:
    pages: int
    seconds: float
    bytes: int  # size of <site>/pagefind/ on disk
    output: str


def pagefind_binary() -> str:
    """The Pagefind binary the `pagefind` package would run (the extended one when installed)."""
    from pagefind.service import get_executable  # honours PAGEFIND_BINARY_PATH

    path = get_executable()
    if path is None or not os.path.isfile(path):
        raise _fail("找不到 Pagefind 程序：请安装 pagefind==1.5.2 和 pagefind-bin-extended==1.5.2",
                    "the Pagefind binary is missing: install pagefind==1.5.2 and pagefind-bin-extended==1.5.2")
    return str(path)


_INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


def run_pagefind(source: str, output: str) -> int:
    """Index the documents under `source` in one run of Pagefind, writing the bundle to `output`.

    Runs the binary of the `pagefind` Python package directly: one process, one pass over the
    directory (the package's PagefindIndex service adds ~0.1 s per call for nothing here).
    Returns the number of pages indexed.
    """
    command = [pagefind_binary(), "--site", source, "--output-path", output,
               "--force-language", INDEX_LANGUAGE]
    env = {**os.environ}
    env.setdefault("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", str(CHUNK_POSTINGS))
    try:
        proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=3600, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _fail("无法运行 Pagefind", "could not run Pagefind", exc) from exc
    log = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise _fail(f"Pagefind 退出码 {proc.returncode}", f"Pagefind exited with {proc.returncode}", log)
    found = _INDEXED_PAGES.findall(proc.stdout)
    return sum(int(n) for n in found)


def _fail(zh: str, en: str, detail: object = "") -> SearchIndexError:
    detail = f"\n{detail}" if detail else ""
    return SearchIndexError(f"搜索索引生成失败：{zh}\nsearch index failed: {en}{detail}")


def _scratch_dir() -> str | None:
    """Where the documents go: memory-backed /dev/shm when there is one (many small files)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def write_index(project: Project, site_dir: str, visibility: Visibility, *, workers: int | None = None
                ) -> IndexReport:
    """Build the search index of the records `visibility` publishes into <site_dir>/pagefind/.

    Clears that folder first (Pagefind leaves stale fragments behind). Raises
    SearchIndexError with a Chinese and English message if anything fails.
    """
    started = time.perf_counter()
    output = os.path.join(os.path.abspath(site_dir), OUTPUT_DIR)
    try:
        shutil.rmtree(output, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="showcase-search-", dir=_scratch_dir()) as source:
            count = write_documents(project, visibility, source, workers)
            if not count:
                # Pagefind writes no bundle for no pages, and the search page needs one: a page
                # no search can return (its one word "y" is no token; with no sort key it drops
                # out of the sorted browsing list; it has no filter).
                with open(os.path.join(source, "index.html"), "w", encoding="utf-8") as fh:
                    fh.write(f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><body>'
                             '<p data-pagefind-body>y</p></body></html>')
            pages = run_pagefind(source, output)
    except OSError as exc:
        raise _fail("无法写入搜索索引文件", "could not write the search index files", exc) from exc
    if not os.path.isfile(os.path.join(output, "pagefind.js")):
        raise _fail(f"Pagefind 没有在 {output} 写出索引", f"Pagefind wrote no bundle into {output}")
    if pages != max(count, 1):
        raise _fail(f"应索引 {count} 条记录，Pagefind 索引了 {pages} 条",
                    f"{count} records to index, Pagefind indexed {pages}")
    _write_json_gz(os.path.join(output, DATA_FILE), search_data(output))
    _write_json_gz(os.path.join(output, T2S_FILE), {"from": "".join(T2S), "to": "".join(T2S.values())})
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(output) for f in files)
    return IndexReport(pages=count, seconds=time.perf_counter() - started, bytes=size, output=output)


# -- what the browser needs besides Pagefind's bundle -------------------------------------------

def search_data(output: str) -> dict:
    """showcase-search.json.gz: which characters the traditional → simplified map changes
    (a bitset, so that a browser fetches the map itself, showcase-t2s.json.gz, only for a
    query or a result that has one), and the first word of each of Pagefind's index chunks.

    Pagefind loads, for a query word, the one chunk whose range holds the word; a word that is
    a *prefix* (one Han character, the start of a number) can have extensions in the chunks
    after it, which Pagefind then never loads (1.5.2). search.js preloads those chunks,
    naming each by its first word."""
    import base64

    first, last = T2S_BITS
    bits = bytearray((last - first) // 8 + 1)
    for char in T2S:
        n = ord(char) - first
        if 0 <= n <= last - first:
            bits[n >> 3] |= 1 << (n & 7)
    other = "".join(c for c in T2S if not first <= ord(c) <= last)
    return {"t2s": {"first": first, "bits": base64.b64encode(bytes(bits)).decode(), "other": other},
            "chunks": chunk_first_words(output)}


def _write_json_gz(path: str, data) -> None:
    import gzip

    with open(path, "wb") as fh:
        fh.write(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 9, mtime=0))


def chunk_first_words(output: str) -> list[str]:
    meta_files = [n for n in os.listdir(output) if n.endswith(".pf_meta")]
    if len(meta_files) != 1:
        raise _fail("Pagefind 的索引元数据缺失", "Pagefind's index metadata is missing")
    meta = _cbor_decode(_pagefind_file(os.path.join(output, meta_files[0])))
    words = []
    for chunk in meta[2]:  # MetaIndex.index_chunks: [from, to, hash]
        data = _pagefind_file(os.path.join(output, "index", f"{chunk[2]}.pf_index"))
        i = 0
        for _ in range(3):  # WordIndex [words [PackedWord [word, …] …]]
            major, _, i = _cbor_head(data, i)
            if major != 4:
                raise _fail("无法读取 Pagefind 的索引", "unexpected Pagefind index format")
        words.append(_cbor_item(data, i)[0])
    return words


def _pagefind_file(path: str) -> bytes:
    import gzip

    with open(path, "rb") as fh:
        data = fh.read()
    if not data.startswith(b"pagefind_dcd"):
        data = gzip.decompress(data)
    if not data.startswith(b"pagefind_dcd"):
        raise _fail("无法读取 Pagefind 的索引", f"unexpected Pagefind file {path}")
    return data[12:]


def _cbor_head(data: bytes, i: int) -> tuple[int, int, int]:
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        return major, info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i:i + size], "big"), i + size


def _cbor_item(data: bytes, i: int):
    """The CBOR item at i (the definite-length subset minicbor writes) and the next position."""
    major, value, i = _cbor_head(data, i)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i:i + value]
        return (raw.decode("utf-8") if major == 3 else raw), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _cbor_item(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, i = _cbor_item(data, i)
            mapping[key], i = _cbor_item(data, i)
        return mapping, i
    if major == 6:
        return _cbor_item(data, i)
    return {20: False, 21: True, 22: None}.get(value), i


def _cbor_decode(data: bytes):
    return _cbor_item(data, 0)[0]


def _can_fork() -> bool:
    import threading
    return hasattr(os, "fork") and threading.active_count() == 1


class IndexJob:
    """The search index built in the background, while MkDocs renders the pages.

    ``start_index`` forks a process (lowered priority) that writes the index into
    <site_dir>/pagefind/; ``finish()`` waits for it and returns its IndexReport, or raises
    SearchIndexError as write_index would. Where forking is unsafe (a process running
    threads, as under ``mkdocs serve``) nothing starts early and ``finish()`` runs
    write_index itself. ``cancel()`` stops it (for a failed build).
    """

    def __init__(self, project: Project, site_dir: str, visibility: Visibility):
        self.project, self.site_dir, self.visibility = project, site_dir, visibility
        self.pid: int | None = None
        self.waited = 0.0  # seconds finish() waited for the background process
        if not _can_fork():
            return
        self._result = tempfile.TemporaryFile()
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            payload, status = {"error": "搜索索引生成失败 / search index failed"}, 1
            try:
                os.nice(10)  # MkDocs, rendering the pages, goes first
                report = write_index(project, site_dir, visibility, workers=1)
                payload, status = {"report": report.__dict__}, 0
            except SearchIndexError as exc:
                payload = {"error": str(exc)}
            except BaseException as exc:  # noqa: BLE001 - the parent reports it
                payload = {"error": str(_fail("后台索引进程出错", "the background indexing failed",
                                              f"{type(exc).__name__}: {exc}"))}
            finally:
                try:
                    self._result.write(json.dumps(payload, ensure_ascii=False).encode())
                    self._result.flush()
                finally:
                    os._exit(status)
        self.pid = pid

    def finish(self) -> IndexReport:
        if self.pid is None:
            return write_index(self.project, self.site_dir, self.visibility)
        started = time.perf_counter()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        self.waited = time.perf_counter() - started
        self._result.seek(0)
        raw = self._result.read()
        self._result.close()
        try:
            payload = json.loads(raw.decode() or "{}")
        except ValueError:
            payload = {}
        if "report" in payload:
            return IndexReport(**payload["report"])
        raise SearchIndexError(payload.get("error") or str(_fail(
            f"后台索引进程异常退出（状态 {status}）", f"the background indexing exited with status {status}")))

    def cancel(self) -> None:
        if self.pid is not None:
            import signal
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None


def start_index(project: Project, site_dir: str, visibility: Visibility) -> IndexJob:
    """Start building the search index now (call after MkDocs cleaned site_dir, e.g. in
    on_files); collect it with ``.finish()`` in on_post_build."""
    return IndexJob(project, site_dir, visibility)


# -- the page ------------------------------------------------------------------------------------

def page_config() -> dict:
    """What search.js needs to know (embedded in the page as JSON)."""
    return {
        "facets": FACETS,
        "kinds": KIND_LABELS,
        "honorLevels": list(HONOR_LEVELS),
        "pageSize": 10,
        "ranking": RANKING,
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
