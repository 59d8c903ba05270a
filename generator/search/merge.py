"""Merging the Pagefind bundles of several shards of the documents into one bundle.

Pagefind holds every (word, page) pair of a run in memory (~680 bytes each), so the index is
built in shards (shards.py) and merged here, word by word: the merge holds one decoded index
chunk per shard and the current word's postings, never the whole index. docs/search.md
(*Memory*) lists what each file holds and how the files combine.

Page numbers: shard after shard (the shards in the order given), and within a shard in the
order of the pages' addresses, whatever order Pagefind found the files in (a directory's
order is the file system's): the merged bundle depends only on what the shards hold.
Within a word, Pagefind's page numbers are delta-encoded, so a shard whose pages are already
in address order needs only its first delta changed.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Callable

from . import cbor
from .errors import fail

ENTRY = "pagefind-entry.json"
BUNDLE_PARTS = ("fragment", "index", "filter")  # the folders the merge writes anew


@dataclass
class ShardBundle:
    """One shard's Pagefind output, and the sort values of its pages (url → {key: value}):
    Pagefind keeps only the sorted order, which cannot be interleaved without the values."""

    path: str
    sorts: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class _Shard:
    bundle: ShardBundle
    meta: list
    offset: int  # global number of the shard's first page
    order: list[int]  # local page numbers in address order
    position: list[int]  # local page number → its place in `order`
    urls: list[str]  # by local page number
    identity: bool  # Pagefind's order is already the address order
    field_map: list[int] | None  # the shard's metadata field ids → the merged ones (None: same)


def _address_key(url: str) -> tuple:
    return tuple(url.split("/"))


def _fragment_path(shard_path: str, name: str) -> str:
    return os.path.join(shard_path, "fragment", f"{name}.pf_fragment")


def _load_shard(bundle: ShardBundle, offset: int) -> _Shard:
    metas = [n for n in os.listdir(bundle.path) if n.endswith(".pf_meta")]
    if len(metas) != 1:
        raise fail("Pagefind 的索引元数据缺失", f"Pagefind's index metadata is missing in {bundle.path}")
    meta = cbor.read(os.path.join(bundle.path, metas[0]))
    urls = [json.loads(cbor.pagefind_file(_fragment_path(bundle.path, name)))["url"] for name, _ in meta[1]]
    order = sorted(range(len(urls)), key=lambda n: _address_key(urls[n]))
    position = [0] * len(order)
    for place, local in enumerate(order):
        position[local] = place
    return _Shard(bundle, meta, offset, order, position, urls, order == list(range(len(order))), None)


def _hash_name(language: str, data: bytes, taken, length: int = 7) -> str:
    """Pagefind's file name for `data`: language_ + the first `length` characters of its hash,
    one more while the name is taken."""
    full = f"{language}_{cbor.full_hash(data)}"
    size = len(language) + 1 + length
    while full[:size] in taken and size < len(full):
        size += 1
    return full[:size]


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes telling the last word of a chunk from the first of the next (as
    Pagefind's get_prefixes)."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def _words(shard: _Shard, index: int):
    """(word, shard index, [word, pages, variants]) of a shard, in word order."""
    for _from, _to, name in shard.meta[2]:
        for entry in cbor.read(os.path.join(shard.bundle.path, "index", f"{name}.pf_index"))[0]:
            yield entry[0], index, entry


def _remap_fields(meta_locs: list, field_map: list[int]) -> list:
    return [-field_map[-loc - 1] - 1 if loc < 0 else loc for loc in meta_locs]


class _Postings:
    """One word's (or variant's) pages across the shards, delta-encoded anew."""

    def __init__(self):
        self.pages: list = []
        self.last = 0  # global number of the last page added

    def add(self, shard: _Shard, pages: list) -> None:
        if shard.field_map is not None:
            pages = [[p[0], p[1], _remap_fields(p[2], shard.field_map), *p[3:]] if len(p) > 2 and p[2] else p
                     for p in pages]
        if shard.identity:  # only the first delta changes: local → global
            first = pages[0]
            self.pages.append([shard.offset + first[0] - self.last, *first[1:]])
            self.pages.extend(pages[1:])
            self.last = shard.offset + sum(p[0] for p in pages)
            return
        local, placed = 0, []
        for page in pages:
            local += page[0]
            placed.append((shard.position[local], page))
        placed.sort(key=lambda item: item[0])
        for place, page in placed:
            number = shard.offset + place
            self.pages.append([number - self.last, *page[1:]])
            self.last = number


def _size(pages: list) -> int:
    """Pagefind's measure of a word for cutting chunks: locations, metadata locations, one."""
    return sum(len(p[1]) + (len(p[2]) if len(p) > 2 else 0) + 1 for p in pages)


@dataclass
class Merged:
    pages: int
    first_words: list[str]  # of each index chunk, in order (search.js names the chunks by them)


def merge_bundles(bundles: list[ShardBundle], output: str, chunk_postings: int, *,
                  move: bool = False, fragment: Callable[[dict], dict] | None = None,
                  word_positions: bool = False) -> Merged:
    """Merge the shards' bundles into one Pagefind bundle in `output` (an empty folder).

    Fragments are rewritten by `fragment` (a page's JSON → what to keep) when given, else moved
    (`move`: the shards are temporary) or hard-linked, else copied, from the shards. Index chunks are cut anew at `chunk_postings` (Pagefind's measure). With
    `word_positions`, a word's first position on every page becomes the word's number in the
    merged index (see _word_positions). Returns the number of pages and each chunk's first word."""
    if not bundles:
        raise fail("没有可合并的索引分片", "no index shards to merge")
    shards, offset = [], 0
    for bundle in bundles:
        shard = _load_shard(bundle, offset)
        shards.append(shard)
        offset += len(shard.urls)
    version = shards[0].meta[0]
    language = shards[0].meta[1][0][0].split("_")[0] if shards[0].meta[1] else "unknown"
    if any(s.meta[0] != version for s in shards):
        raise fail("索引分片来自不同版本的 Pagefind", "the index shards come from different Pagefind versions")
    fields = sorted({name for s in shards for name in s.meta[5]})
    for shard in shards:
        if shard.meta[5] != fields:
            shard.field_map = [fields.index(name) for name in shard.meta[5]]
    for part in BUNDLE_PARTS:
        os.makedirs(os.path.join(output, part), exist_ok=True)

    # Pages and their fragments, renamed where two shards' names collide (or rewritten).
    pages, names = [], set()
    for shard in shards:
        for local in shard.order:
            name, words = shard.meta[1][local]
            source = _fragment_path(shard.bundle.path, name)
            if fragment is not None:
                data = json.loads(cbor.pagefind_file(source))
                payload = json.dumps(fragment(data), ensure_ascii=False, separators=(",", ":")).encode()
                name = _hash_name(language, payload, names)
                _write(_fragment_path(output, name), payload)
            else:
                if name in names:
                    name = _hash_name(language, cbor.pagefind_file(source), names, len(name) - len(language))
                _place(source, _fragment_path(output, name), move)
            names.add(name)
            pages.append([name, words])

    # Filters: values merged, page numbers made global.
    filters: dict[str, dict[str, list[int]]] = {}
    for shard in shards:
        for name, file_hash in shard.meta[3]:
            filter_name, values = cbor.read(os.path.join(shard.bundle.path, "filter", f"{file_hash}.pf_filter"))
            merged = filters.setdefault(filter_name, {})
            for value, numbers in values:
                merged.setdefault(value, []).extend(shard.offset + shard.position[n] for n in numbers)
    meta_filters, taken = [], set()
    for name in sorted(filters):
        payload = cbor.encode([name, [[value, sorted(numbers)] for value, numbers in sorted(filters[name].items())]])
        file_hash = _hash_name(language, payload, taken)
        taken.add(file_hash)
        _write(os.path.join(output, "filter", f"{file_hash}.pf_filter"), payload)
        meta_filters.append([name, file_hash])

    # Words: the shards' sorted word streams merged; chunks cut anew.
    chunks, chunk, size, taken = [], [], 0, set()

    def flush() -> None:
        payload = cbor.encode([chunk])
        file_hash = _hash_name(language, payload, taken)
        taken.add(file_hash)
        _write(os.path.join(output, "index", f"{file_hash}.pf_index"), payload)
        chunks.append([chunk[0][0], chunk[-1][0], file_hash])

    streams = [_words(shard, i) for i, shard in enumerate(shards)]
    current, postings, variants, rank = None, None, None, 0
    for word, index, entry in heapq.merge(*streams):  # (word, shard) is unique: entries never compared
        if word != current:
            if current is not None:
                chunk.append(_packed_word(current, postings, variants, rank if word_positions else None))
                rank += 1
                size += _size(chunk[-1][1]) + sum(_size(v[1]) for v in chunk[-1][2])
                if size >= chunk_postings:
                    flush()
                    chunk, size = [], 0
            current, postings, variants = word, _Postings(), {}
        shard = shards[index]
        if entry[1]:
            postings.add(shard, entry[1])
        for form, form_pages in (entry[2] if len(entry) > 2 else []):
            variants.setdefault(form, _Postings()).add(shard, form_pages)
    if current is not None:
        chunk.append(_packed_word(current, postings, variants, rank if word_positions else None))
    if chunk:
        flush()
    first_words = [first for first, _, _ in chunks]  # before `from` is shortened below
    for before, after in zip(chunks, chunks[1:]):
        before[1], after[0] = _prefixes(before[1], after[0])

    sorts = _sorts(shards)
    meta = cbor.encode([version, pages, chunks, meta_filters, sorts, fields])
    meta_hash = f"{language}_{cbor.full_hash(meta)[:len(language) + 8]}"
    _write(os.path.join(output, f"pagefind.{meta_hash}.pf_meta"), meta)

    # Pagefind's scripts and WebAssembly: the same in every shard.
    first = shards[0].bundle.path
    for name in os.listdir(first):
        if name in BUNDLE_PARTS or name.endswith(".pf_meta") or name == ENTRY:
            continue
        source = os.path.join(first, name)
        (shutil.copytree if os.path.isdir(source) else shutil.copyfile)(source, os.path.join(output, name))
    with open(os.path.join(first, ENTRY), encoding="utf-8") as fh:
        entry = json.load(fh)
    entry["languages"][language].update(hash=meta_hash, page_count=len(pages))
    with open(os.path.join(output, ENTRY), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    return Merged(len(pages), first_words)


def _packed_word(word: str, postings: _Postings, variants: dict, rank: int | None) -> list:
    if rank is not None:
        for pages in [postings.pages, *(p.pages for p in variants.values())]:
            _word_positions(pages, rank)
    return [word, postings.pages, [[form, p.pages] for form, p in variants.items()]]


def _word_positions(pages: list, rank: int) -> None:
    """Each page's first position of the word (and the first after each weight marker) set to
    `rank`, the word's number in the index; the deltas after it kept.

    Positions serve Pagefind's excerpts, which search.js does not use, and its ranking only
    through words of a query found at one position (a compound word, boosted): numbers unique
    to each word keep that as it was (our documents hold each token once). The same number on
    every page of a word compresses: a fifth to a third less index to load per query word."""
    for page in pages:
        locs, absolute = page[1], True
        for i, loc in enumerate(locs):
            if loc < 0:
                absolute = True
            elif absolute:
                locs[i], absolute = rank, False


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _sorts(shards: list[_Shard]) -> list:
    """Pagefind's sort orders: the pages holding a key, by value (numbers when every value is
    one, else text), ties by page number."""
    values: dict[str, list[tuple[str, int]]] = {}
    for shard in shards:
        for local, url in enumerate(shard.urls):
            for key, value in shard.bundle.sorts.get(url, {}).items():
                values.setdefault(key, []).append((value, shard.offset + shard.position[local]))
    out = []
    for key in sorted(values):
        pairs = values[key]
        if all(_NUMBER.fullmatch(v) for v, _ in pairs):
            pairs.sort(key=lambda p: (float(p[0]), p[1]))
        else:
            pairs.sort()
        out.append([key, [number for _, number in pairs]])
    return out


def _write(path: str, payload: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(cbor.packed(payload))


def _place(source: str, target: str, move: bool) -> None:
    if move:
        os.replace(source, target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
