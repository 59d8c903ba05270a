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
fragment is `fragment/<bundle>/<page number in base 36>.pf_fragment` and an index chunk
`index/<bundle>/<chunk number>.pf_index`, <bundle> NAME_DIGITS hex digits of a hash of every
fragment and chunk: numbered names compress where Pagefind's hashes cannot (~35 KB at 10,000
pages), and a new build's bundle still has new names (a reader holding an older page list gets
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
from array import array
from dataclasses import dataclass
from typing import Callable, Iterable

from . import cbor
from .document_html import WEIGHTS, document_parts, fragment_text, page_meta
from .documents import SearchDocument
from .errors import fail

FORMAT_VERSION = "1.5.2"  # the Pagefind whose bundle this writes (its browser code reads it)
NAME_DIGITS = 8  # hex digits of the bundle's name
PENDING = "_"  # the fragments' and chunks' folder until the bundle's name is known
COUNT_STEP = 1.1  # word_count_step
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
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
    first_words: list[str]  # of each index chunk, in order (search.js names the chunks by them)
    meta_hash: str


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


def base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits


def word_count_step(count: int) -> int:
    """A page's word count as the page list holds it: the nearest power of 1.1 (±5 %). Pagefind
    reads it only to weigh a match by the page's length; exact counts are ~1.5 bytes a page of
    what every browser loads first (~15 KB at 10,000 records)."""
    return round(COUNT_STEP ** round(math.log(count, COUNT_STEP))) if count > 0 else 0


def write_bundle(documents: Iterable[SearchDocument], output: str, *, language: str, chunk_postings: int) -> Written:
    """Write the bundle's pages, filters, index chunks and metadata for `documents`, given in
    page order (in_page_order), into `output` (an empty folder; Pagefind's scripts are the
    caller's). Names: see the module's docstring."""
    for part in (os.path.join("fragment", PENDING), os.path.join("index", PENDING), "filter"):
        os.makedirs(os.path.join(output, part), exist_ok=True)
    digest = hashlib.sha1()  # of every fragment and index chunk: the bundle's name (NAMES)
    postings = _Postings()
    pages: list[list] = []
    filters: dict[str, dict[str, list[int]]] = {}
    fields: set[str] = set()
    last = None
    for number, doc in enumerate(documents):
        url = "/" + doc.url.strip("/") + "/"
        place = (doc.sort_date, address_key(url))
        if last is not None and not (place[0] < last[0] or place[0] == last[0] and place[1] > last[1]):
            raise fail("搜索文档的顺序不对或地址重复", f"search documents out of page order or repeated at {url}")
        last = place
        parts = document_parts(doc)
        postings.add(number, parts)
        content = fragment_text(doc)
        meta = page_meta(doc)
        fields.update(meta)
        fragment = {"url": url, "content": content,
                    "word_count": sum(map(len, parts)) + (content.count(" ") + 1 if content else 0),
                    "filters": {name: doc.filters[name] for name in sorted(doc.filters)},
                    "meta": meta, "anchors": []}
        payload = json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode()
        digest.update(payload)
        write_file(os.path.join(output, "fragment", PENDING, f"{base36(number)}.pf_fragment"), payload)
        pages.append([base36(number), word_count_step(fragment["word_count"])])
        for filter_name, values in doc.filters.items():
            merged = filters.setdefault(filter_name, {})
            for value in values:
                merged.setdefault(value, []).append(number)

    meta_filters, taken = [], set()
    for name in sorted(filters):
        payload = cbor.encode([name, [[value, numbers] for value, numbers in sorted(filters[name].items())]])
        file_hash = hash_name(language, payload, taken)
        taken.add(file_hash)
        write_file(os.path.join(output, "filter", f"{file_hash}.pf_filter"), payload)
        meta_filters.append([name, file_hash])

    chunks = _write_chunks(postings, output, chunk_postings, len(pages), digest)
    name = digest.hexdigest()[:NAME_DIGITS]
    for part in ("fragment", "index"):
        os.rename(os.path.join(output, part, PENDING), os.path.join(output, part, name))
    for page in pages:
        page[0] = f"{name}/{page[0]}"
    for chunk in chunks:
        chunk[2] = f"{name}/{chunk[2]}"
    first_words = [first for first, _, _ in chunks]  # before `from` is shortened below
    for before, after in zip(chunks, chunks[1:]):
        before[1], after[0] = _prefixes(before[1], after[0])

    meta = cbor.encode([FORMAT_VERSION, pages, chunks, meta_filters, [], sorted(fields)])
    meta_hash = f"{language}_{cbor.full_hash(meta)[:len(language) + 8]}"
    write_file(os.path.join(output, f"pagefind.{meta_hash}.pf_meta"), meta)
    return Written(len(pages), first_words, meta_hash)


def _write_chunks(postings: _Postings, output: str, chunk_postings: int, page_count: int, digest) -> list[list]:
    """The words in order, cut into chunks of about `chunk_postings` (Pagefind's measure: a
    page's locations + 1). A word's entry is [word, pages, variants], a page [page delta,
    [weight marker, position], []]. Positions serve Pagefind's excerpts (search.js makes its
    own) and, in ranking, only words found at one position (compound words): each word gets
    one position, its own number in the index, the same on every page, which compresses."""
    # A page's bytes are [delta, [marker, position], []]: the head up to the marker, by delta and
    # part (index: delta << 2 | part, which is the page's code minus the previous page's), then
    # the word's position and the empty metadata list, the same on every page of the word.
    heads = [b"\x83" + _uint(0, delta) + b"\x82" + marker for delta in range(page_count + 1) for marker in _MARKERS]
    chunks: list[list] = []
    entries: list[bytes] = []
    size, first = 0, None

    def encode_pages(pages: array, tail: bytes) -> bytes:
        places = [code - (before & ~3) for before, code in zip((0, *pages), pages)]
        return _uint(4, len(pages)) + tail.join([heads[place] for place in places]) + tail

    words = postings.entries()
    for rank, (key, pages, variants) in enumerate(words):
        tail = _uint(0, rank) + b"\x80"
        entry = [b"\x83", _text(key), encode_pages(pages, tail) if pages else b"\x80", _uint(4, len(variants))]
        for form, form_pages in variants:
            entry += [b"\x82", _text(form), encode_pages(form_pages, tail)]
        entries.append(b"".join(entry))
        if first is None:
            first = key
        size += 3 * (len(pages) + sum(len(p) for _, p in variants))
        if size >= chunk_postings or rank == len(words) - 1:
            payload = b"\x81" + _uint(4, len(entries)) + b"".join(entries)
            digest.update(payload)
            write_file(os.path.join(output, "index", PENDING, f"{base36(len(chunks))}.pf_index"), payload)
            chunks.append([first, key, base36(len(chunks))])
            entries, size, first = [], 0, None
    return chunks


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
