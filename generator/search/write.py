"""Writing the documents of every published record into a folder for Pagefind, in parallel
where that is quicker."""

from __future__ import annotations

import os

from ..core.model import Record
from ..core.project import Project, Visibility
from .documents import DocumentBuilder
from .errors import fail
from .document_html import SAMPLE_DOCUMENTS, common_tokens, render_document

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
    records = builder.edition.records()
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
    try:
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    finally:  # stopped (a terminating signal): the writers go first, then their folder
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if failed:
        raise fail("生成索引文档时出错", f"writing the documents to index failed (exit codes {failed})")
    return len(records)
