"""The search index built in a background process while MkDocs renders the pages."""

from __future__ import annotations

import json
import os
import signal
import tempfile
import time

from ..core.processes import TERMINATING, die_with_parent
from ..core.project import Project, Visibility
from .errors import SearchIndexError, fail
from .pagefind import IndexReport, write_index


def _can_fork() -> bool:
    import threading
    return hasattr(os, "fork") and threading.active_count() == 1


class _Stopped(BaseException):
    """Raised in the index process by a terminating signal: unwinding removes its temporary
    folders and stops Pagefind (subprocess.run kills its child on any exception)."""


class IndexJob:
    """The search index built in the background, while MkDocs renders the pages.

    ``start_index`` forks a process (its own process group) that writes the
    index into <site_dir>/pagefind/; ``finish()`` waits for it and returns its IndexReport, or
    raises SearchIndexError as write_index would. Where forking is unsafe (a process running
    threads, as under ``mkdocs serve``) nothing starts early and ``finish()`` runs write_index
    itself. ``cancel()`` stops it and everything it started (for a failed or killed build).
    The process dies with its parent too (Linux: PR_SET_PDEATHSIG), so a build killed even by
    SIGKILL leaves nothing writing into the site.
    """

    def __init__(self, project: Project, site_dir: str, visibility: Visibility, cache_dir: str | None = None):
        self.project, self.site_dir, self.visibility = project, site_dir, visibility
        self.cache_dir = cache_dir
        self.pid: int | None = None
        self.waited = 0.0  # seconds finish() waited for the background process
        if not _can_fork():
            return
        self._result = tempfile.TemporaryFile()
        parent = os.getpid()
        # Signals wait until the child has its own handlers (it inherits the parent's).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, TERMINATING)
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            self._run_child(parent, blocked)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        try:
            os.setpgid(pid, pid)  # also done by the child: whichever runs first
        except OSError:
            pass
        self.pid = pid

    def _run_child(self, parent: int, blocked) -> None:
        payload, status = {"error": "搜索索引生成失败 / search index failed"}, 1
        try:
            os.setpgid(0, 0)  # cancel() stops the group: this process, its workers, Pagefind
            leader = os.getpid()

            def stop(signum, frame):
                if os.getpid() != leader:  # a forked document writer
                    os._exit(128 + signum)
                raise _Stopped()

            for signum in TERMINATING:
                signal.signal(signum, stop)
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            die_with_parent(parent)
            # Not lowered in priority: the build is done when both are, so under other load a
            # niced index only waited for the render to end (total = render + index).
            report = write_index(self.project, self.site_dir, self.visibility, cache_dir=self.cache_dir)
            payload, status = {"report": report.__dict__}, 0
        except SearchIndexError as exc:
            payload = {"error": str(exc)}
        except _Stopped:
            payload, status = {"error": "stopped"}, 128 + signal.SIGTERM
        except BaseException as exc:  # noqa: BLE001 - the parent reports it
            payload = {"error": str(fail("后台索引进程出错", "the background indexing failed",
                                          f"{type(exc).__name__}: {exc}"))}
        finally:
            try:
                self._result.write(json.dumps(payload, ensure_ascii=False).encode())
                self._result.flush()
            finally:
                os._exit(status)

    def finish(self) -> IndexReport:
        if self.pid is None:
            return write_index(self.project, self.site_dir, self.visibility, cache_dir=self.cache_dir)
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
        """Stop the index process and what it started; returns once it has exited (it removes
        its temporary folders on the way out)."""
        pid, self.pid = self.pid, None
        if pid is None:
            return
        try:
            os.killpg(pid, signal.SIGTERM)
        except OSError:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        self._result.close()


def start_index(project: Project, site_dir: str, visibility: Visibility, cache_dir: str | None = None) -> IndexJob:
    """Start building the search index now (call after MkDocs cleaned site_dir, e.g. in
    on_files); collect it with ``.finish()`` in on_post_build. `cache_dir`: see write_index."""
    return IndexJob(project, site_dir, visibility, cache_dir)
