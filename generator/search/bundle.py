"""Pagefind 1.5.2's bundle for the published records, written here from their tokens.

Pagefind's indexer holds every (word, page) pair of a run in memory (~680 bytes each: 4.6 GB
at 10,000 records of ~4 KB) and spends its time learning what this package already knows: a
search document is our tokens (tokens.py), each once, in four parts of fixed weights, plus
hidden text for snippets (document_html.py renders it as the HTML Pagefind would index). So
the bundle Pagefind would write for those documents is written here, in the files and the
encoding Pagefind's browser code reads (docs/search.md, *The bundle*); Pagefind's scripts and
WebAssembly come from a real Pagefind run over one page (pagefind.py). tests/test_search_bundle.py
runs the real Pagefind over the same documents and compares what both bundles say, word by
word, page by page, and the results in Chromium.

Names (what differs from Pagefind's own bundle, for the bytes a browser loads before its first
results, which grow with the pages: the page list is in them): pages are numbered newest first
(in_page_order; search.js sorts by date with the numbers, so no sort order is stored), a page's
fragment is `fragment/<bundle>/<page number>.pf_fragment` and an index chunk
`index/<bundle>/<chunk number>.pf_index` (file_name: decimal, digits reversed), <bundle>
NAME_DIGITS hex digits of a hash of every fragment and chunk: numbered names compress where
Pagefind's hashes cannot, and a new build's bundle still has new names (a reader holding an older page list gets
an error, never another record; the files can be cached for good). Word counts are rounded
(word_count_step).

Memory: a (word, page) pair is 4 bytes (an array of page numbers and weights per word), the
documents are made and their fragments written one at a time.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import unicodedata
import zlib
from array import array
from dataclasses import dataclass
from typing import Callable, Iterable

from . import cbor, stops
from .document_html import WEIGHTS, document_parts, fragment_text, page_meta
from .documents import SearchDocument
from .errors import fail
from .tokens import LATIN

FORMAT_VERSION = "1.5.2"  # the Pagefind whose bundle this writes (its browser code reads it)
NAME_DIGITS = 8  # hex digits of the bundle's name
EMPTY_CHUNK = "_"  # the file name of the chunk of no words (Pages.finish)
EMPTY_PAYLOAD = b"\x81\x80"  # [[]]
PENDING = "_"  # the fragments' and chunks' folder until the bundle's name is known
COUNT_STEP = 1.1  # word_count_step
CUT_EVERY = 16  # cuts_before
PARTS = ("id", "title", "fields", "body")  # document_parts' order: a posting's part is its 2 low bits
# Pagefind stores a weight as weight × 24 in a byte; a page's locations start with a marker
# -(byte + 1) when the byte is not 25 (ours never is).
_MARKER_VALUES = [-(WEIGHTS[part] * 24) - 1 for part in PARTS]


def _uint(major: int, n: int) -> bytes:
    """A CBOR head: major type and argument, shortest form (as minicbor and cbor2 write)."""
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return _uint(3, len(data)) + data


def _negative(n: int) -> bytes:
    return _uint(1, -1 - n)


_MARKERS = [_negative(n) for n in _MARKER_VALUES]  # CBOR, by part


def key_of(token: str) -> tuple[str, str | None]:
    """The index key Pagefind files a token under, and the token itself when that differs
    (a *variant*: Pagefind drops diacritics from keys, café → cafe, and keeps the form)."""
    if token.isascii():
        return token, None
    stripped = "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.category(c).startswith("M"))
    return (stripped, token) if stripped != token else (token, None)


@dataclass
class Written:
    pages: int
    probe_words: list[str]  # the first words of the chunks search.js may preload (_probe_words)
    meta_hash: str
    name: str  # of the folders of its fragments and chunks
    page_list: list  # [Page], in page order: what the next build compares (snapshot.py)
    chunks: list  # [Chunk], in order
    census: stops.Census  # the stop tokens, and what the next build needs to keep them right
    stop_postings: dict  # stop bigram → its pages (codes): the chunks leave them out


class _Postings(dict):
    """Token → the array its pages go in (page number << 2 | part, in page order), made on the
    token's first sight. A token filed under another key (key_of) gets its array from
    `variants` (key → {form: pages}) and is listed in `aliases`."""

    def __init__(self):
        super().__init__()
        self.variants: dict[str, dict[str, array]] = {}
        self.aliases: set[str] = set()

    def __missing__(self, token: str) -> array:
        key, form = key_of(token)
        if form is None:
            pages = self[token] = array("I")
        else:
            pages = self[token] = self.variants.setdefault(key, {}).setdefault(form, array("I"))
            self.aliases.add(token)
        return pages

    def add(self, page: int, parts: list[list[str]]) -> None:
        for part, tokens in enumerate(parts):
            code = page << 2 | part
            for token in tokens:
                self[token].append(code)

    def entries(self) -> list[tuple[str, array, list]]:
        """(key, its pages, its variants [(form, pages)…]) in key order."""
        variants = self.variants
        keys = sorted((self.keys() - self.aliases) | variants.keys())
        return [(key, self.get(key, ()), sorted(variants[key].items()) if key in variants else ()) for key in keys]


def address_key(url: str) -> tuple:
    return tuple(url.strip("/").split("/"))


def in_page_order(items: list, url: Callable, date: Callable) -> list:
    """`items` (records or documents) in the order of their page numbers: newest first (ISO
    dates; undated, "", last), ties by address, so the numbering depends only on the documents.
    search.js sorts by date with the numbers, so the page list every browser loads first holds
    no sort order (a permutation of the pages: ~20 KB at 10,000 records)."""
    items = sorted(items, key=lambda item: address_key(url(item)))
    items.sort(key=date, reverse=True)
    return items


def file_name(number: int) -> str:
    """A page's or a chunk's file name: its number in decimal, digits reversed (10 → "01").
    Names in the page list follow each other, and reversed, the list's later digits repeat in
    runs that gzip finds (80 KB of names at 50,000 pages against 125 KB in base 36)."""
    return str(number)[::-1]


def word_count_step(count: int) -> int:
    """A page's word count as the page list holds it: the nearest power of 1.1 (±5 %). Pagefind
    reads it only to weigh a match by the page's length; exact counts are ~1.5 bytes a page of
    what every browser loads first (~15 KB at 10,000 records)."""
    return round(COUNT_STEP ** round(math.log(count, COUNT_STEP))) if count > 0 else 0


@dataclass
class Page:
    """A page of the bundle as the next build compares it (snapshot.py): its address and date
    (its number), a digest of its document (what its postings and fragment are made of), of its
    fragment file, and its word count as the page list holds it."""

    url: str
    sort_date: str
    document: str
    fragment: str
    count: int


@dataclass
class Chunk:
    first: str  # its first and last words
    last: str
    digest: str  # of its payload


def document_digest(doc: SearchDocument) -> str:
    """Everything a page's postings and fragment are made from (the code aside: snapshot.py)."""
    return hashlib.sha1(json.dumps(doc.__dict__, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def page_url(doc: SearchDocument) -> str:
    return "/" + doc.url.strip("/") + "/"


class Pages:
    """The pages of a bundle being written, in page order: checks the order, gathers filters and
    metadata fields, and writes each new page's fragment."""

    def __init__(self, output: str):
        for part in (os.path.join("fragment", PENDING), os.path.join("index", PENDING), "filter"):
            os.makedirs(os.path.join(output, part), exist_ok=True)
        self.output = output
        self.pages: list[Page] = []
        self.filters: dict[str, dict[str, list[int]]] = {}
        self.fields: set[str] = set()
        self._last = None

    def fragment_path(self, number: int) -> str:
        return os.path.join(self.output, "fragment", PENDING, f"{file_name(number)}.pf_fragment")

    def add(self, doc: SearchDocument) -> int:
        """The next page's document: its filters and fields gathered; its number. Then `write`
        or `reuse` gives its fragment."""
        number, url = len(self.pages), page_url(doc)
        place = (doc.sort_date, address_key(url))
        last = self._last
        if last is not None and not (place[0] < last[0] or place[0] == last[0] and place[1] > last[1]):
            raise fail("搜索文档的顺序不对或地址重复", f"search documents out of page order or repeated at {url}")
        self._last = place
        self.fields.update(page_meta(doc))
        for filter_name, values in doc.filters.items():
            merged = self.filters.setdefault(filter_name, {})
            for value in values:
                merged.setdefault(value, []).append(number)
        return number

    def write(self, doc: SearchDocument, digest: str, parts: list[list[str]]) -> None:
        """A page made afresh: its fragment written."""
        content = fragment_text(doc)
        fragment = {"url": page_url(doc), "content": content,
                    "word_count": sum(map(len, parts)) + (content.count(" ") + 1 if content else 0),
                    "filters": {name: doc.filters[name] for name in sorted(doc.filters)},
                    "meta": page_meta(doc), "anchors": []}
        payload = json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode()
        write_file(self.fragment_path(len(self.pages)), payload)
        self.pages.append(Page(fragment["url"], doc.sort_date, digest, hashlib.sha1(payload).hexdigest(),
                               word_count_step(fragment["word_count"])))

    def reuse(self, page: Page, source: str) -> None:
        """A page the bundle before had as this one: its fragment file (`source`) linked."""
        os.link(source, self.fragment_path(len(self.pages)))
        self.pages.append(page)

    def finish(self, chunks: list[Chunk], census: stops.Census, stop_postings: dict, language: str) -> Written:
        """Filters (the stop tokens' too), the bundle's name (its folders renamed) and its
        metadata file."""
        output = self.output
        meta_filters, taken = [], set()
        every = {**self.filters, **stops.filters(census.stops)}
        for name in sorted(every):
            payload = cbor.encode([name, [[value, numbers] for value, numbers in sorted(every[name].items())]])
            file_hash = hash_name(language, payload, taken)
            taken.add(file_hash)
            write_file(os.path.join(output, "filter", f"{file_hash}.pf_filter"), payload)
            meta_filters.append([name, file_hash])
        digest = hashlib.sha1()  # of every fragment and index chunk: the bundle's name
        for item in [*self.pages, *chunks]:
            digest.update(bytes.fromhex(item.fragment if isinstance(item, Page) else item.digest))
        name = digest.hexdigest()[:NAME_DIGITS]
        write_file(os.path.join(output, "index", PENDING, f"{EMPTY_CHUNK}.pf_index"), EMPTY_PAYLOAD)
        for part in ("fragment", "index"):
            os.rename(os.path.join(output, part, PENDING), os.path.join(output, part, name))
        pages = [[f"{name}/{file_name(n)}", page.count] for n, page in enumerate(self.pages)]
        names = [[chunk.first, chunk.last, f"{name}/{file_name(n)}"] for n, chunk in enumerate(chunks)]
        for before, after in zip(names, names[1:]):
            before[1], after[0] = _prefixes(before[1], after[0])
        # For no word (browsing, stop tokens only) Pagefind loads the chunks whose range holds
        # "", or, when none does, every chunk: an empty chunk is first.
        names.insert(0, ["", "", f"{name}/{EMPTY_CHUNK}"])
        meta = cbor.encode([FORMAT_VERSION, pages, names, meta_filters, [], sorted(self.fields)])
        meta_hash = f"{language}_{cbor.full_hash(meta)[:len(language) + 8]}"
        write_file(os.path.join(output, f"pagefind.{meta_hash}.pf_meta"), meta)
        return Written(len(pages), _probe_words(chunks), meta_hash, name, self.pages, chunks, census, stop_postings)


def write_bundle(documents: Iterable[SearchDocument], output: str, *, language: str, chunk_postings: int,
                 keep_tokens: Callable[[str, list[list[str]]], None] | None = None) -> Written:
    """Write the bundle's pages, filters, index chunks and metadata for `documents`, given in
    page order (in_page_order), into `output` (an empty folder; Pagefind's scripts are the
    caller's). Names: see the module's docstring. `keep_tokens(digest, parts)` is given each
    document's tokens (snapshot.py keeps them for the next build)."""
    postings = _Postings()
    pages = Pages(output)
    for doc in documents:
        digest = document_digest(doc)
        number = pages.add(doc)
        parts = document_parts(doc)
        postings.add(number, parts)
        pages.write(doc, digest, parts)
        if keep_tokens is not None:
            keep_tokens(digest, parts)
    entries = postings.entries()
    census = stops.Census.of(entries, len(pages.pages))
    chunks, stop_postings = Chunks(output, len(pages.pages), chunk_postings), {}
    for key, plain, variants in entries:
        if key in census.stops:
            stop_postings[key] = plain
        else:
            chunks.add(key, plain, variants)
    return pages.finish(chunks.finish(), census, stop_postings, language)


def position(key: str) -> int:
    """The one position a word has on every page: a number from its key alone (16 bits), so that
    a word added elsewhere changes no other word's postings (snapshot.py rewrites only the
    chunks holding changed words). Pagefind reads positions for excerpts (search.js makes its
    own) and, in ranking, treats query words found at the same position as one compound word:
    two words of a query share a position 1 time in 65,536."""
    return zlib.crc32(key.encode()) & 0xFFFF


def cuts_before(last: str, key: str, size: int, chunk_postings: int) -> bool:
    """Whether a chunk ends before `key`, `last` the word before it and `size` the chunk's
    postings so far (Pagefind's measure: a page's locations + 1, ×3): from `chunk_postings` on,
    where a character's keys end (so that a one-character query finds them in the one chunk
    Pagefind loads for it), or, among words (x…), before a word whose hash picks it (1 in
    CUT_EVERY). A chunk is cut after 3 × chunk_postings in any case (`Chunks.add`). Decided by
    the chunk's own words only, so that a change in one chunk moves the cuts after it only until
    a cut falls on the same word again (snapshot.py)."""
    if size < chunk_postings:
        return False
    if stops.is_han(key):
        return last[:3] != key[:3]
    return (zlib.crc32(key.encode()) >> 16) % CUT_EVERY == 0


class Chunks:
    """The index chunks, written as the words are given in key order. A word's entry is [word,
    pages, variants], a page [page delta, [weight marker, position], []]."""

    def __init__(self, output: str, page_count: int, chunk_postings: int):
        # A page's bytes are [delta, [marker, position], []]: the head up to the marker, by delta
        # and part (index: delta << 2 | part, which is the page's code minus the previous page's),
        # then the word's position and the empty metadata list, the same on every page of the word.
        self.heads = [b"\x83" + _uint(0, delta) + b"\x82" + marker
                      for delta in range(page_count + 1) for marker in _MARKERS]
        self.output, self.chunk_postings = output, chunk_postings
        self.chunks: list[Chunk] = []
        self.entries: list[bytes] = []
        self.size, self.first = 0, None
        self.last = None

    def _pages(self, pages, tail: bytes) -> bytes:
        heads = self.heads
        places = [code - (before & ~3) for before, code in zip((0, *pages), pages)]
        return _uint(4, len(pages)) + tail.join([heads[place] for place in places]) + tail

    def add(self, key: str, pages, variants) -> None:
        """A word: its pages (codes: page number << 2 | part, in order) and its variants [(form,
        pages)…]."""
        tail = _uint(0, position(key)) + b"\x80"
        entry = [b"\x83", _text(key), self._pages(pages, tail) if pages else b"\x80", _uint(4, len(variants))]
        for form, form_pages in variants:
            entry += [b"\x82", _text(form), self._pages(form_pages, tail)]
        if self.cuts_before(key):
            self.cut()
        self.entries.append(b"".join(entry))
        if self.first is None:
            self.first = key
        self.last = key
        self.size += 3 * (len(pages) + sum(len(p) for _, p in variants))
        if self.size >= 3 * self.chunk_postings:
            self.cut()

    def cuts_before(self, key: str) -> bool:
        return bool(self.entries) and cuts_before(self.last, key, self.size, self.chunk_postings)

    @property
    def at_cut(self) -> bool:
        """No word given since the last cut."""
        return not self.entries

    def cut(self) -> None:
        if not self.entries:
            return
        payload = b"\x81" + _uint(4, len(self.entries)) + b"".join(self.entries)
        self.write(payload)
        self.chunks.append(Chunk(self.first, self.last, hashlib.sha1(payload).hexdigest()))
        self.entries, self.size, self.first = [], 0, None

    def write(self, payload: bytes) -> None:
        write_file(self.path(len(self.chunks)), payload)

    def reuse(self, chunk: Chunk, source: str) -> None:
        """A chunk the bundle before had, from a cut on (no words pending): its file linked."""
        os.link(source, self.path(len(self.chunks)))
        self.chunks.append(chunk)

    def path(self, number: int) -> str:
        return os.path.join(self.output, "index", PENDING, f"{file_name(number)}.pf_index")

    def finish(self) -> list[Chunk]:
        self.cut()
        return self.chunks


def _probe_words(chunks: list[Chunk]) -> list[str]:
    """The first words of the chunks that hold extensions of a prefix which Pagefind does not
    load for it (it loads the one chunk whose range holds the prefix): a chunk continuing a
    character's keys (cut for its size alone), a chunk of words (x…: 20 → 2020). search.js
    preloads, for a query token, the chunks whose first word starts with it."""
    return [after.first for before, after in zip(chunks, chunks[1:])
            if after.first >= LATIN or stops.is_han(after.first) and before.last[:3] == after.first[:3]]


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes telling the last word of a chunk from the first of the next (as
    Pagefind's get_prefixes)."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def hash_name(language: str, data: bytes, taken) -> str:
    """Pagefind's file name for `data`: language_ + the first 7 characters of its hash, one
    more while the name is taken."""
    full = f"{language}_{cbor.full_hash(data)}"
    size = len(language) + 1 + 7
    while full[:size] in taken and size < len(full):
        size += 1
    return full[:size]


def write_file(path: str, payload: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(cbor.packed(payload))
