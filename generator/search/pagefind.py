"""Running Pagefind over the documents, and the files the search page needs beside its bundle."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

from ..core.dates import iso_first_day
from ..core.processes import die_with_parent, remove_stale, temp_prefix
from ..core.project import Project, Visibility
from ..core.t2s import T2S
from .errors import fail
from .bundle import FORMAT_VERSION, in_page_order, write_bundle
from .document_html import INDEX_LANGUAGE
from .documents import DocumentBuilder
from .snapshot import Snapshot, code_key, write_changes
from .stops import FILTER_PREFIX, LACKS

OUTPUT_DIR = "pagefind"
DATA_FILE = "showcase-search.json.gz"  # written into the output dir: see search_data()
T2S_FILE = "showcase-t2s.json.gz"  # the full traditional → simplified map, loaded when needed
T2S_BITS = (0x3400, 0x9FFF)  # code points covered by the map's bitset in DATA_FILE
CHUNK_POSTINGS = 10000  # postings per index chunk (Pagefind's measure) at CHUNK_PAGES pages: chunk_size
CHUNK_PAGES = 10000


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
        raise fail("找不到 Pagefind 程序：请安装 pagefind==1.5.2 和 pagefind-bin-extended==1.5.2",
                    "the Pagefind binary is missing: install pagefind==1.5.2 and pagefind-bin-extended==1.5.2")
    return str(path)


_INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


class _Run:
    """One Pagefind process indexing the documents under `source` into `output`."""

    def __init__(self, source: str, output: str, expected: int):
        self.source, self.output, self.expected = source, output, expected
        command = [pagefind_binary(), "--site", source, "--output-path", output,
                   "--force-language", INDEX_LANGUAGE]
        env = {**os.environ}
        # Pagefind dies with this process (preexec_fn is unsafe where threads run).
        preexec = functools.partial(die_with_parent, os.getpid()) if threading.active_count() == 1 else None
        self.log = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT,
                                            env=env, preexec_fn=preexec)
        except OSError as exc:
            self.log.close()
            raise fail("无法运行 Pagefind", "could not run Pagefind", exc) from exc

    def wait(self) -> None:
        """Wait for Pagefind; raises if it failed or indexed other than the expected pages."""
        try:
            code = self.process.wait(timeout=3600)
        except subprocess.TimeoutExpired as exc:
            self.stop()
            raise fail("无法运行 Pagefind", "could not run Pagefind", exc) from exc
        self.log.seek(0)
        log = self.log.read().decode("utf-8", "replace").strip()
        self.log.close()
        if code != 0:
            raise fail(f"Pagefind 退出码 {code}", f"Pagefind exited with {code}", log)
        pages = sum(int(n) for n in _INDEXED_PAGES.findall(log))
        if pages != self.expected:
            raise fail(f"应索引 {self.expected} 条记录，Pagefind 索引了 {pages} 条",
                        f"{self.expected} records to index, Pagefind indexed {pages}")
        if not os.path.isfile(os.path.join(self.output, "pagefind.js")):
            raise fail(f"Pagefind 没有在 {self.output} 写出索引", f"Pagefind wrote no bundle into {self.output}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _scratch_dir() -> str | None:
    """Where the documents go: memory-backed /dev/shm when there is one (many small files)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


SCRATCH_NAME = "showcase-search"  # the one-page run's temporary folder: showcase-search-<pid>-…
OUTPUT_TEMP_NAME = f".{OUTPUT_DIR}"  # the bundle's, beside <site_dir>/pagefind/ until complete
CACHE_TEMP_NAME = ".assets"  # Pagefind's scripts being written into the cache folder
ENTRY = "pagefind-entry.json"
EMPTY_PAGE = (f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><body>'
              '<p data-pagefind-body>y</p></body></html>')  # Pagefind's scripts come from its run over it


def write_index(project: Project, site_dir: str, visibility: Visibility, *, cache_dir: str | None = None) -> IndexReport:
    """Build the search index of the records `visibility` publishes into <site_dir>/pagefind/.

    bundle.py writes Pagefind's bundle for the records' documents; Pagefind itself runs over
    one page, for its scripts and WebAssembly (kept in `cache_dir` when given: a folder kept
    between builds, created if missing).

    The bundle is written into a temporary folder in site_dir (a dot folder: MkDocs' cleaning
    leaves it alone) and replaces pagefind/ only once complete, so a failed or killed run never
    leaves a partial index. Temporary folders that killed runs left behind are removed first.
    Raises SearchIndexError with a Chinese and English message if anything fails.
    """
    started = time.perf_counter()
    site_dir = os.path.abspath(site_dir)
    final = os.path.join(site_dir, OUTPUT_DIR)
    remove_stale(site_dir, OUTPUT_TEMP_NAME)
    work = None
    try:
        os.makedirs(site_dir, exist_ok=True)
        work = tempfile.mkdtemp(prefix=temp_prefix(OUTPUT_TEMP_NAME), dir=site_dir)
        output = os.path.join(work, OUTPUT_DIR)
        assets = _pagefind_assets(work, cache_dir)
        builder = DocumentBuilder(project, visibility)
        records = in_page_order(builder.edition.records(), lambda r: r.url, lambda r: iso_first_day(r.date))
        written = _write(records, builder, output, cache_dir)
        _copy_scripts(assets, output, written.meta_hash, written.pages)
        _write_json_gz(os.path.join(output, DATA_FILE), search_data(written.probe_words, written.census.stops))
        _write_json_gz(os.path.join(output, T2S_FILE), {"from": "".join(T2S), "to": "".join(T2S.values())})
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(output) for f in files)
        shutil.rmtree(final, ignore_errors=True)
        os.rename(output, final)
    except OSError as exc:
        raise fail("无法写入搜索索引文件", "could not write the search index files", exc) from exc
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return IndexReport(pages=len(records), seconds=time.perf_counter() - started, bytes=size, output=final)


def chunk_size(pages: int) -> int:
    """Postings per index chunk. A query loads the list of chunks (its length ∝ postings / chunk
    size) and its words' chunks (∝ chunk size), so the size grows with the square root of the
    pages (by steps of √2, so that an edit seldom changes it)."""
    steps = round(math.log(max(pages, 1) / CHUNK_PAGES, 2)) if pages > CHUNK_PAGES else 0
    return round(CHUNK_POSTINGS * math.sqrt(2) ** steps)


def _write(records: list, builder: DocumentBuilder, output: str, cache_dir: str | None):
    """The bundle written into `output`: from the one kept in `cache_dir` when the changes since
    allow (snapshot.py), else whole (and kept there for the next build, where files can be
    hard-linked: a cache on another file system keeps nothing)."""
    settings = {"language": INDEX_LANGUAGE, "chunk_postings": chunk_size(len(records))}
    snapshot = Snapshot(cache_dir, code_key(**settings)) if cache_dir is not None else None
    if snapshot is not None and snapshot.state is not None:
        os.makedirs(output)
        try:
            written = write_changes((builder.document(r) for r in records), output, snapshot=snapshot, **settings)
        except OSError:  # no hard links from the cache to the site
            written = None
        if written is not None:
            snapshot.keep(written, output)
            return written
        shutil.rmtree(output)
    os.makedirs(output)
    if snapshot is not None and not snapshot.reset():
        snapshot = None
    written = write_bundle((builder.document(r) for r in records), output,
                           keep_tokens=snapshot.keep_tokens if snapshot else None, **settings)
    if snapshot is not None:
        snapshot.keep(written, output)
    return written


def _pagefind_assets(work: str, cache_dir: str | None) -> str:
    """A Pagefind bundle of EMPTY_PAGE (its scripts are every bundle's), from the cache when it
    holds one for this Pagefind, else from a run; checks that Pagefind writes the format
    bundle.py writes."""
    from importlib.metadata import version

    binary = pagefind_binary()
    key = hashlib.sha256("\0".join([version("pagefind"), binary, str(os.path.getsize(binary)),
                                      INDEX_LANGUAGE]).encode()).hexdigest()[:16]
    if cache_dir is not None:
        cache_dir = os.path.abspath(cache_dir)
        os.makedirs(cache_dir, exist_ok=True)
        remove_stale(cache_dir, CACHE_TEMP_NAME)
        cached = os.path.join(cache_dir, f"pagefind-{key}")
        if os.path.isfile(os.path.join(cached, ENTRY)):
            return cached
    scratch = _scratch_dir()
    remove_stale(scratch or tempfile.gettempdir(), SCRATCH_NAME)
    with tempfile.TemporaryDirectory(prefix=temp_prefix(SCRATCH_NAME), dir=scratch) as source:
        with open(os.path.join(source, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(EMPTY_PAGE)
        output = (tempfile.mkdtemp(prefix=temp_prefix(CACHE_TEMP_NAME), dir=cache_dir) if cache_dir
                  else os.path.join(work, "assets"))
        _Run(source, os.path.join(output, "bundle"), 1).wait()
    bundle = os.path.join(output, "bundle")
    with open(os.path.join(bundle, ENTRY), encoding="utf-8") as fh:
        found = json.load(fh).get("version")
    if found != FORMAT_VERSION:
        shutil.rmtree(output, ignore_errors=True)
        raise fail(f"Pagefind 版本为 {found}，本程序生成 {FORMAT_VERSION} 版的索引：请安装 pagefind=={FORMAT_VERSION}",
                    f"Pagefind is {found}; this package writes Pagefind {FORMAT_VERSION}'s index")
    if cache_dir is None:
        return bundle
    for name in os.listdir(cache_dir):  # another Pagefind's
        if name.startswith("pagefind-"):
            shutil.rmtree(os.path.join(cache_dir, name), ignore_errors=True)
    os.rename(bundle, cached)
    shutil.rmtree(output, ignore_errors=True)
    return cached


def _copy_scripts(assets: str, output: str, meta_hash: str, pages: int) -> None:
    """Pagefind's scripts and WebAssembly into the bundle, and its entry file naming the
    bundle's metadata."""
    for name in os.listdir(assets):
        if name in ("fragment", "index", "filter", ENTRY) or name.endswith(".pf_meta"):
            continue
        source = os.path.join(assets, name)
        (shutil.copytree if os.path.isdir(source) else shutil.copyfile)(source, os.path.join(output, name))
    with open(os.path.join(assets, ENTRY), encoding="utf-8") as fh:
        entry = json.load(fh)
    entry["languages"][INDEX_LANGUAGE].update(hash=meta_hash, page_count=pages)
    with open(os.path.join(output, ENTRY), "w", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


# -- what the browser needs besides Pagefind's bundle -------------------------------------------

def search_data(probe_words: list[str], stop_tokens=()) -> dict:
    """showcase-search.json.gz: which characters the traditional → simplified map changes
    (a bitset, so that a browser fetches the map itself, showcase-t2s.json.gz, only for a
    query or a result that has one); `chunks`: the first words of the index chunks search.js
    preloads for a prefix's extensions (bundle._probe_words); `stops`: the stop tokens, searched
    by their filters (stops.py)."""
    import base64

    first, last = T2S_BITS
    bits = bytearray((last - first) // 8 + 1)
    for char in T2S:
        n = ord(char) - first
        if 0 <= n <= last - first:
            bits[n >> 3] |= 1 << (n & 7)
    other = "".join(c for c in T2S if not first <= ord(c) <= last)
    return {"t2s": {"first": first, "bits": base64.b64encode(bytes(bits)).decode(), "other": other},
            "chunks": probe_words, "stops": sorted(stop_tokens), "stopFilter": [FILTER_PREFIX, LACKS]}


def _write_json_gz(path: str, data) -> None:
    import gzip

    with open(path, "wb") as fh:
        fh.write(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 9, mtime=0))
