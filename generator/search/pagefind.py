"""Running Pagefind over the documents, and the files the search page needs beside its bundle."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

from ..core.processes import die_with_parent, remove_stale, temp_prefix
from ..core.project import Project, Visibility
from ..core.t2s import T2S
from .cbor import chunk_first_words
from .errors import fail
from .document_html import INDEX_LANGUAGE
from .write import write_documents

OUTPUT_DIR = "pagefind"
DATA_FILE = "showcase-search.json.gz"  # written into the output dir: see search_data()
T2S_FILE = "showcase-t2s.json.gz"  # the full traditional → simplified map, loaded when needed
T2S_BITS = (0x3400, 0x9FFF)  # code points covered by the map's bitset in DATA_FILE
CHUNK_POSTINGS = 10000  # Pagefind's index chunk size (default 20,000): less to load per query word


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
    # Pagefind dies with this process (preexec_fn is unsafe where threads run).
    preexec = functools.partial(die_with_parent, os.getpid()) if threading.active_count() == 1 else None
    try:
        proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=3600, env=env, preexec_fn=preexec)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise fail("无法运行 Pagefind", "could not run Pagefind", exc) from exc
    log = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise fail(f"Pagefind 退出码 {proc.returncode}", f"Pagefind exited with {proc.returncode}", log)
    found = _INDEXED_PAGES.findall(proc.stdout)
    return sum(int(n) for n in found)


def _scratch_dir() -> str | None:
    """Where the documents go: memory-backed /dev/shm when there is one (many small files)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


SCRATCH_NAME = "showcase-search"  # the documents' temporary folder: showcase-search-<pid>-…
OUTPUT_TEMP_NAME = f".{OUTPUT_DIR}"  # the bundle's, beside <site_dir>/pagefind/ until complete


def write_index(project: Project, site_dir: str, visibility: Visibility, *, workers: int | None = None
                ) -> IndexReport:
    """Build the search index of the records `visibility` publishes into <site_dir>/pagefind/.

    The bundle is written into a temporary folder in site_dir (a dot folder: MkDocs' cleaning
    leaves it alone) and replaces pagefind/ only once complete, so a failed or killed run never
    leaves a partial index. Temporary folders that killed runs left behind are removed first.
    Raises SearchIndexError with a Chinese and English message if anything fails.
    """
    started = time.perf_counter()
    site_dir = os.path.abspath(site_dir)
    final = os.path.join(site_dir, OUTPUT_DIR)
    scratch = _scratch_dir()
    remove_stale(scratch or tempfile.gettempdir(), SCRATCH_NAME)
    remove_stale(site_dir, OUTPUT_TEMP_NAME)
    output = None
    try:
        os.makedirs(site_dir, exist_ok=True)
        output = tempfile.mkdtemp(prefix=temp_prefix(OUTPUT_TEMP_NAME), dir=site_dir)
        with tempfile.TemporaryDirectory(prefix=temp_prefix(SCRATCH_NAME), dir=scratch) as source:
            count = write_documents(project, visibility, source, workers)
            if not count:
                # Pagefind writes no bundle for no pages, and the search page needs one: a page
                # no search can return (its one word "y" is no token; with no sort key it drops
                # out of the sorted browsing list; it has no filter).
                with open(os.path.join(source, "index.html"), "w", encoding="utf-8") as fh:
                    fh.write(f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><body>'
                             '<p data-pagefind-body>y</p></body></html>')
            pages = run_pagefind(source, output)
        if not os.path.isfile(os.path.join(output, "pagefind.js")):
            raise fail(f"Pagefind 没有在 {output} 写出索引", f"Pagefind wrote no bundle into {output}")
        if pages != max(count, 1):
            raise fail(f"应索引 {count} 条记录，Pagefind 索引了 {pages} 条",
                        f"{count} records to index, Pagefind indexed {pages}")
        _write_json_gz(os.path.join(output, DATA_FILE), search_data(output))
        _write_json_gz(os.path.join(output, T2S_FILE), {"from": "".join(T2S), "to": "".join(T2S.values())})
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(output) for f in files)
        shutil.rmtree(final, ignore_errors=True)
        os.rename(output, final)
        output = None
    except OSError as exc:
        raise fail("无法写入搜索索引文件", "could not write the search index files", exc) from exc
    finally:
        if output is not None:
            shutil.rmtree(output, ignore_errors=True)
    return IndexReport(pages=count, seconds=time.perf_counter() - started, bytes=size, output=final)


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
