"""The bundle of the build before, kept in the build's cache folder, so that a build after an
edit writes only what changed (`showcase build`; `mkdocs build` has no cache folder and writes
the whole bundle). The result is the bundle a whole write gives, byte for byte.

Kept in <cache>/bundle/:
- state.marshal: the bundle's pages (bundle.Page: address, date, digest of the document, of
  the fragment) and chunks (bundle.Chunk: first and last word, digest), and the size and time
  of each file in objects/, for the code that wrote them (`code_key`);
- objects/<digest>: every fragment and index chunk of that bundle, hard links to the published
  files (no copies), named by the digest of their payload; a file changed since (same inode,
  another time or size) makes the next build write everything;
- tokens/<document digest>: each page's tokens (zlib), what its postings were made of;
- the stop tokens (stops.Census) and the postings of the stop bigrams, which no chunk holds.

A build can write the changes when its pages are the same addresses in the same order (page
numbers are in every posting: a record added, removed or re-dated renumbers them) and at most
MAX_CHANGED of the documents differ. Then: an unchanged document's fragment is linked; a
changed one's is written and its tokens are compared with the ones kept; the chunks holding the
words whose postings changed are read back, changed and cut again by bundle.cuts_before, which
depends on a chunk's own words only, so past the change the cuts fall on the old ones again and
the chunks after are linked. A word's position is a hash of the word (bundle.position): a new
word changes no other word's postings. An edit that makes or unmakes a stop token means a whole
write.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import hashlib
import marshal
import os
import shutil
import zlib
from array import array
from typing import Iterable

from . import cbor
from .bundle import (FORMAT_VERSION, Chunk, Chunks, Page, Pages, Written, document_digest, key_of,
                     file_name, page_url, _MARKER_VALUES)
from .document_html import document_parts
from .documents import SearchDocument
from .stops import Census, is_bigram, is_han, lacking

FORMAT = 1
MAX_CHANGED = 0.1  # share of changed documents past which writing everything is quicker
FOLDER = "bundle"
_PART_OF_MARKER = {marker: part for part, marker in enumerate(_MARKER_VALUES)}
_SOURCES = (os.path.dirname(os.path.abspath(__file__)),
            os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core", "t2s.py"))


class Stale(Exception):
    """What is kept does not match: the bundle is written whole."""


def code_key(language: str, chunk_postings: int) -> str:
    """The code a kept bundle was written by: this package's search code and the character
    tables its tokens use, and the settings of the bundle."""
    hasher = hashlib.sha1(repr((FORMAT, FORMAT_VERSION, language, chunk_postings)).encode())
    for source in _SOURCES:
        paths = [source] if os.path.isfile(source) else sorted(
            os.path.join(source, name) for name in os.listdir(source) if name.endswith(".py"))
        for path in paths:
            with open(path, "rb") as fh:
                hasher.update(os.path.basename(path).encode() + b"\0" + fh.read())
    return hasher.hexdigest()


class Snapshot:
    def __init__(self, cache_dir: str, key: str):
        self.folder = os.path.join(os.path.abspath(cache_dir), FOLDER)
        self.key = key
        self.broken = False  # a file could not be kept: keep() keeps nothing
        self.state = self._load()

    def _path(self, *parts: str) -> str:
        return os.path.join(self.folder, *parts)

    def _load(self) -> dict | None:
        try:
            with open(self._path("state.marshal"), "rb") as fh:
                state = marshal.load(fh)
            if state.get("format") != FORMAT or state.get("key") != self.key:
                return None
            page_count, stop_tokens, sums, counts = state["census"]
            return {"pages": [Page(*page) for page in state["pages"]],
                    "chunks": [Chunk(*chunk) for chunk in state["chunks"]], "files": state["files"],
                    "census": Census(page_count, {token: _array(missing) for token, missing in stop_tokens.items()},
                                     sums, counts),
                    "stop_postings": {key: _array(codes) for key, codes in state["stop_postings"].items()}}
        except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
            return None

    def reset(self) -> bool:
        """Before a whole write: nothing kept is read, and it is all replaced. False when the
        cache folder cannot be written (nothing is kept then)."""
        self.state, self.broken = None, False
        shutil.rmtree(self.folder, ignore_errors=True)
        try:
            os.makedirs(self._path("objects"))
            os.makedirs(self._path("tokens"))
        except OSError:
            return False
        return True

    def object(self, digest: str) -> str:
        """The kept file with this payload digest, as it was kept."""
        path = self._path("objects", digest)
        try:
            st = os.stat(path)
        except OSError as exc:
            raise Stale(digest) from exc
        if [st.st_size, st.st_mtime_ns] != self.state["files"].get(digest):
            raise Stale(digest)
        return path

    def keep_tokens(self, digest: str, parts: list[list[str]]) -> None:
        path = self._path("tokens", digest)
        if self.broken or os.path.exists(path):
            return
        try:
            with open(path, "wb") as fh:
                fh.write(zlib.compress("\n".join(" ".join(part) for part in parts).encode(), 1))
        except OSError:
            self.broken = True  # keep() then keeps nothing

    def tokens(self, digest: str) -> list[list[str]]:
        try:
            with open(self._path("tokens", digest), "rb") as fh:
                return [line.split() for line in zlib.decompress(fh.read()).decode().split("\n")]
        except (OSError, zlib.error, UnicodeDecodeError) as exc:
            raise Stale(digest) from exc

    def keep(self, written: Written, output: str) -> bool:
        """Keep the bundle just written into `output` (before it is moved: links follow files);
        False, and nothing kept, where files cannot be linked (another file system)."""
        try:
            if self.broken:
                raise OSError("tokens not kept")
            self._save(written, output)
        except OSError:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.state = None
            return False
        return True

    def _save(self, written: Written, output: str) -> None:
        files, before = {}, self.state
        for part, digests, suffix in (("fragment", [page.fragment for page in written.page_list], "pf_fragment"),
                                      ("index", [chunk.digest for chunk in written.chunks], "pf_index")):
            for number, digest in enumerate(digests):
                target = self._path("objects", digest)
                try:
                    st = os.stat(target)
                    if before is None or [st.st_size, st.st_mtime_ns] != before["files"].get(digest):
                        os.unlink(target)  # not as kept (a published file edited since): the new one
                except FileNotFoundError:
                    pass
                if not os.path.exists(target):
                    os.link(os.path.join(output, part, written.name, f"{file_name(number)}.{suffix}"), target)
                    st = os.stat(target)
                files[digest] = [st.st_size, st.st_mtime_ns]
        census = written.census
        state = {"format": FORMAT, "key": self.key, "files": files,
                 "pages": [[p.url, p.sort_date, p.document, p.fragment, p.count] for p in written.page_list],
                 "chunks": [[c.first, c.last, c.digest] for c in written.chunks],
                 "census": [census.page_count, {token: missing.tobytes() for token, missing in census.stops.items()},
                            census.sums, census.counts],
                 "stop_postings": {key: codes.tobytes() for key, codes in written.stop_postings.items()}}
        temporary = self._path("state.marshal.new")
        with open(temporary, "wb") as fh:
            marshal.dump(state, fh)
        os.replace(temporary, self._path("state.marshal"))
        self.state = {"pages": written.page_list, "chunks": written.chunks, "files": files, "census": census,
                      "stop_postings": written.stop_postings}
        if before is not None:  # what only the bundle before had
            for digest in before["files"].keys() - files.keys():
                _remove(self._path("objects", digest))
            for digest in {p.document for p in before["pages"]} - {p.document for p in written.page_list}:
                _remove(self._path("tokens", digest))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _array(data: bytes) -> array:
    codes = array("I")
    codes.frombytes(data)
    return codes


def write_changes(documents: Iterable[SearchDocument], output: str, *, language: str, chunk_postings: int,
                  snapshot: Snapshot) -> Written | None:
    """The bundle for `documents` (in page order) written from the kept one, or None when it
    cannot be (see the module's docstring; `output` then holds a partial bundle to discard)."""
    if snapshot.state is None:
        return None
    previous: list[Page] = snapshot.state["pages"]
    pages = Pages(output)
    edit = _Edit(len(previous))
    limit, changed = max(1, int(len(previous) * MAX_CHANGED)), 0
    try:
        for doc in documents:
            number = pages.add(doc)
            if number >= len(previous) or page_url(doc) != previous[number].url:
                return None
            digest = document_digest(doc)
            before = previous[number]
            if digest == before.document:
                pages.reuse(before, snapshot.object(before.fragment))
                continue
            changed += 1
            if changed > limit:
                return None
            parts = document_parts(doc)
            edit.compare(number, snapshot.tokens(before.document), parts)
            pages.write(doc, digest, parts)
            snapshot.keep_tokens(digest, parts)
        if len(pages.pages) != len(previous):
            return None
        census, stop_postings = edit.stops(snapshot.state["census"], snapshot.state["stop_postings"],
                                           functools.partial(_pages_holding, snapshot))
        chunks = _rewrite_chunks(snapshot, edit.keys, census.threshold, Chunks(output, len(previous), chunk_postings))
    except Stale:
        return None
    return pages.finish(chunks, census, stop_postings, language)


class _Edit:
    """What the changed pages change: postings by key, and for each character the postings of the
    keys it starts and the pages holding it (stops.Census)."""

    def __init__(self, page_count: int):
        self.page_count = page_count
        self.keys: dict[str, dict] = {}  # key → {form or None: {page: code, or None when gone}}
        self.sums: dict[str, int] = {}  # character → change of its postings
        self.pages: dict[str, dict[int, bool]] = {}  # character → {page: now holds it}

    def compare(self, number: int, old: list[list[str]], new: list[list[str]]) -> None:
        """Page `number`'s tokens before and now (a token is in one part of a page, or none)."""
        def codes(parts):
            return {token: number << 2 | part for part, tokens in enumerate(parts) for token in tokens}

        old_codes, new_codes = codes(old), codes(new)
        for token in old_codes.keys() | new_codes.keys():
            code, was = new_codes.get(token), old_codes.get(token)
            if was == code:
                continue
            key, form = key_of(token)
            self.keys.setdefault(key, {}).setdefault(form, {})[number] = code
            if is_han(token) and (was is None or code is None):
                self.sums[token[:3]] = self.sums.get(token[:3], 0) + (1 if was is None else -1)
        old_chars = {token[:3] for token in old_codes if is_han(token)}
        new_chars = {token[:3] for token in new_codes if is_han(token)}
        for char in old_chars ^ new_chars:
            self.pages.setdefault(char, {})[number] = char in new_chars

    def stops(self, kept: Census, kept_postings: dict, count_pages) -> tuple[Census, dict]:
        """The stop tokens after the edit; Stale when a token becomes or stops being one (the
        whole bundle is written then). `count_pages(char)`: the pages holding a character before."""
        census = Census(kept.page_count, dict(kept.stops), dict(kept.sums), dict(kept.counts))
        threshold = census.threshold
        stop_postings = dict(kept_postings)
        for key in [key for key in self.keys if key in census.stops]:  # stop bigrams: not in the chunks
            codes = _changed(stop_postings[key], self.keys.pop(key)[None])
            if len(codes) < threshold:
                raise Stale(key)
            stop_postings[key] = codes
            census.stops[key] = lacking(codes, census.page_count)
        for char in self.sums.keys() | self.pages.keys():
            total = census.sums.get(char, 0) + self.sums.get(char, 0)
            if total:
                census.sums[char] = total
            else:
                census.sums.pop(char, None)
            if char not in census.counts:
                if total < threshold:
                    continue
                census.counts[char] = count_pages(char)  # not counted before: its sum was lower
            count = census.counts[char] + sum(1 if held else -1 for held in self.pages.get(char, {}).values())
            if total < threshold:
                del census.counts[char]
            else:
                census.counts[char] = count
            if (count >= threshold) != (char in census.stops):
                raise Stale(char)
            if char in census.stops:
                missing = set(census.stops[char])
                for page, held in self.pages.get(char, {}).items():
                    (missing.discard if held else missing.add)(page)
                census.stops[char] = array("I", sorted(missing))
        return census, stop_postings


def _pages_holding(snapshot: Snapshot, char: str) -> int:
    """How many pages of the kept bundle hold a character (a key it starts)."""
    kept: list[Chunk] = snapshot.state["chunks"]
    firsts = [chunk.first for chunk in kept]
    start = max(0, bisect.bisect_right(firsts, char) - 1)
    chunk_keys = (entry for chunk in kept[start:bisect.bisect_right(firsts, char + "~")]  # "~" after every code digit
                  for entry in cbor.read(snapshot.object(chunk.digest))[0])
    codes = itertools.chain(
        (code for key, codes in snapshot.state["stop_postings"].items() if key.startswith(char) for code in codes),
        (code for key, pages, _ in chunk_keys if is_han(key) and key.startswith(char) for code in _codes(pages)))
    page_count = snapshot.state["census"].page_count
    return page_count - len(lacking(codes, page_count))


def _codes(pages: list) -> array:
    """A word's pages as read back from a chunk ([delta, [marker, position], []]…) as codes."""
    codes, number = array("I"), 0
    for delta, locations, _ in pages:
        number += delta
        codes.append(number << 2 | _PART_OF_MARKER[locations[0]])
    return codes


def _changed(codes, change: dict) -> array:
    by_page = {code >> 2: code for code in codes}
    for page, code in change.items():
        if code is None:
            by_page.pop(page, None)
        else:
            by_page[page] = code
    return array("I", sorted(by_page.values()))


def _words(path: str, change: dict | None, threshold: int):
    """The words of a kept chunk, with `change` (key → {form: {page: code}}) made; Stale when
    a bigram becomes a stop token (on `threshold` pages)."""
    words = {key: (_codes(pages), {form: _codes(p) for form, p in variants})
             for key, pages, variants in cbor.read(path)[0]}
    if change:
        for key, forms in change.items():
            plain, variants = words.get(key, (array("I"), {}))
            for form, pages in forms.items():
                if form is None:
                    plain = _changed(plain, pages)
                else:
                    variants[form] = _changed(variants.get(form, ()), pages)
            words[key] = (plain, {form: pages for form, pages in variants.items() if pages})
            if is_bigram(key) and len(plain) >= threshold:
                raise Stale(key)
        words = dict(sorted(words.items()))
    for key, (plain, variants) in words.items():
        if plain or variants:
            yield key, plain, sorted(variants.items())


def _rewrite_chunks(snapshot: Snapshot, changes: dict, threshold: int, chunks: Chunks) -> list[Chunk]:
    """The kept chunks with `changes` made: each chunk holding a changed word is read back and
    cut again, and so is every chunk after it until a cut falls where a kept chunk starts; the
    others are linked."""
    kept: list[Chunk] = snapshot.state["chunks"]
    if not kept:
        if changes:
            raise Stale("no chunks")
        return chunks.finish()
    firsts = [chunk.first for chunk in kept]
    by_chunk: dict[int, dict] = {}
    for key, forms in changes.items():
        by_chunk.setdefault(max(0, bisect.bisect_right(firsts, key) - 1), {})[key] = forms
    for number, chunk in enumerate(kept):
        source = snapshot.object(chunk.digest)
        if number not in by_chunk and (chunks.at_cut or chunks.cuts_before(chunk.first)):
            chunks.cut()
            chunks.reuse(chunk, source)
            continue
        for key, plain, variants in _words(source, by_chunk.get(number), threshold):
            chunks.add(key, plain, variants)
    return chunks.finish()
