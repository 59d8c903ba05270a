"""The search index built in a background process while MkDocs renders the pages."""

from __future__ import annotations

import json
import os
import tempfile
import time

from ..core.project import Project, Visibility
from .errors import SearchIndexError, fail
from .pagefind import IndexReport, write_index


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
                payload = {"error": str(fail("后台索引进程出错", "the background indexing failed",
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
        raise SearchIndexError(payload.get("error") or str(fail(
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
