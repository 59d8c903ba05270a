"""`showcase serve`: the preview server.

One lock guards the site in memory: a request renders its page under it, a batch of saved
files is applied under it (a few tenths of a second at 10,000 records), so a request never
waits for more than one batch and never for a broken file (errors are listed, not raised).
Browsers long-poll /__showcase/changes outside the lock and reload when the version moves.
The editor's routes (/__showcase/edit/…, generator/editor/api.py) run under the same lock;
its per-run token is given only to pages served to this computer (editor/guard.py).
"""

from __future__ import annotations

import http.server
import json
import os
import sys
import threading
import time
import traceback
from urllib.parse import parse_qs, urlsplit

from markupsafe import escape

from ..authoring.editor import write_schemas
from ..core.messages import format_report, summary_line, with_code
from ..editor import api as editor_api
from ..editor.guard import is_local, new_token
from ..editor.messages import say as say_editor
from .inject import inject
from .messages import say
from .site import PreviewSite, Response
from .watch import Changes, watch

CHANGES_PATH = "/__showcase/changes"
POLL_SECONDS = 20


class Preview:
    """The site in memory, kept current as files change, and the browsers waiting for news."""

    def __init__(self, config_file: str, out=None):
        self.config_file = os.path.abspath(config_file)
        self.out = out or sys.stdout
        self.lock = threading.RLock()
        self.news = threading.Condition()
        self.boot = f"{time.time_ns():x}"
        self.token = new_token()  # the editor's secret for this run
        self.version = 0
        self.site = PreviewSite(self.config_file)
        self.lang = self.site.settings.lang
        self.reload_error = ""  # why the last reload of the whole project failed, if it did
        self._printed: list[str] | None = None
        self._report()
        self._finish_search(self.site)

    # -- what the terminal and the pages show ---------------------------------------------
    def say(self, code: str, **args) -> None:
        print(say(code, self.lang, **args), file=self.out, flush=True)

    def entries(self) -> list[tuple[str, str]]:
        """The errors, as (file:line, message) for the overlay."""
        entries = [(f"{p.path}:{p.line}", with_code(p.message(self.lang), p.code)) for p in self.site.live.errors]
        if self.reload_error:
            entries.insert(0, (os.path.basename(self.config_file), self.reload_error))
        return entries

    def _report(self) -> None:
        """Print the problems as `showcase check` does, when they differ from those printed last."""
        project = self.site.live.project
        lines = format_report(project.problems, self.lang)
        if lines == self._printed:
            return
        for line in lines:
            print(line, file=self.out)
        print(summary_line(project.problems, len(project.records), self.lang), file=self.out)
        if self._printed is not None and not project.errors:
            self.say("all-fixed")
        self._printed = lines
        self.out.flush()

    def _finish_search(self, site: PreviewSite) -> None:
        job = site.search_job
        if job is None:
            return
        self.say("search-building")

        def finish():
            try:
                job.finish()
            except Exception as exc:  # noqa: BLE001 - the preview goes on without search
                if site is self.site:
                    self.say("search-failed", reason=exc)
                return
            site.search_job = None
            if site is self.site:
                self.say("search-ready")

        threading.Thread(target=finish, name="showcase-search", daemon=True).start()

    # -- changes ------------------------------------------------------------------------
    def apply(self, changes: Changes) -> None:
        """A batch of saved files (watch.py): bring the site up to date, then wake the browsers."""
        start = time.perf_counter()
        with self.lock:
            try:
                if changes.reload:
                    self._reload()
                    self.say("reloaded", seconds=time.perf_counter() - start)
                else:
                    changed = self.site.update(changes.records, changes.rescan, changes.others)
                    if not changed and not changes.others:
                        return  # saved without a change (or an editor's temporary file)
                    shown = [self.site.settings.display_path(uri) for uri in changed or sorted(changes.others)]
                    self.say("updated", files="、".join(shown[:5]) + ("…" if len(shown) > 5 else ""),
                             seconds=time.perf_counter() - start)
                self._report()
            except Exception:  # noqa: BLE001 - a bug of ours must not stop the preview
                traceback.print_exc(file=self.out)
        with self.news:
            self.version += 1
            self.news.notify_all()
        self._refresh_schemas()

    def _refresh_schemas(self) -> None:
        """Keep the editor's schemas (their lists of ids and titles) current, after the browsers
        are told, where the site keeps them (`showcase schema` made schemas/)."""
        project_dir = os.path.dirname(self.site.config_file)
        if not os.path.isdir(os.path.join(project_dir, "schemas")):
            return
        try:
            with self.lock:
                write_schemas(project_dir, project=self.site.live.project)
        except Exception:  # noqa: BLE001 - the editor's hints must not stop the preview
            traceback.print_exc(file=self.out)

    def _reload(self) -> None:
        """mkdocs.yml or the theme changed: load everything again (keeping the old site if that fails)."""
        try:
            site = PreviewSite(self.config_file)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - mkdocs' Abort is a SystemExit
            self.reload_error = say("reload-failed", self.lang, reason=" ".join(str(exc).split()))
            print(self.reload_error, file=self.out, flush=True)
            return
        old, self.site, self.reload_error = self.site, site, ""
        self._printed = None
        old.close()
        self._finish_search(site)

    def wait_for_news(self, boot: str, version: int) -> dict:
        with self.news:
            if boot == self.boot:
                self.news.wait_for(lambda: self.version != version, timeout=POLL_SECONDS)
            return {"boot": self.boot, "version": self.version}

    # -- pages --------------------------------------------------------------------------
    def respond(self, url: str, local: bool = False) -> Response:
        """A page, with the preview's additions; `local` (guard.is_local): it may carry the editor's token."""
        with self.lock:
            try:
                response = self.site.respond(url)
            except Exception as exc:  # noqa: BLE001 - shown on the page, the server goes on
                traceback.print_exc(file=self.out)
                reason = f"{type(exc).__name__}: {exc}"
                body = (f"<!doctype html><html><head><meta charset=utf-8><title>500</title></head><body>"
                        f"<p>{escape(say('page-failed', self.lang, reason=reason))}</p></body></html>")
                response = Response(500, "text/html; charset=utf-8", body.encode("utf-8"))
            if response.content_type.startswith("text/html") and response.body:
                state = {"boot": self.boot, "version": self.version}
                if local:
                    state["token"] = self.token
                    if response.page:
                        state["page"] = response.page
                html = inject(response.body.decode("utf-8"), state, self.entries(), self.lang)
                response.body = html.encode("utf-8")
            return response

    def close(self) -> None:
        with self.lock:
            self.site.close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "showcase-preview"

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self._answer(send_body=True)

    def do_HEAD(self):  # noqa: N802
        self._answer(send_body=False)

    def do_POST(self):  # noqa: N802
        preview: Preview = self.server.preview
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        limit = editor_api.max_body(self.path)
        if length < 0 or length > limit:  # refused unread; the connection is closed after
            self.close_connection = True
            message = say_editor("too-large", preview.lang, size=max(length, 0) / 2 ** 20, max=limit // 2 ** 20)
            self._send(Response(413, "application/json; charset=utf-8",
                                json.dumps({"ok": False, "message": message}, ensure_ascii=False).encode()), True)
            return
        body = self.rfile.read(length) if length else b""
        response = editor_api.handle(preview, "POST", self.path, self.headers, body, self.client_address[0])
        if response is None:
            response = Response(405, "text/plain; charset=utf-8", b"")
        self._send(response, True)

    def _answer(self, send_body: bool) -> None:
        preview: Preview = self.server.preview
        parts = urlsplit(self.path)
        response = None
        if parts.path == CHANGES_PATH:
            query = parse_qs(parts.query)
            try:
                version = int(query.get("version", ["-1"])[0])
            except ValueError:
                version = -1
            news = preview.wait_for_news(query.get("boot", [""])[0], version)
            response = Response(200, "application/json", json.dumps(news).encode())
        else:
            response = editor_api.handle(preview, "GET", self.path, self.headers, b"", self.client_address[0])
        if response is None:
            response = preview.respond(self.path, is_local(self.client_address[0], self.headers.get("Host")))
        self._send(response, send_body)

    def _send(self, response: Response, send_body: bool) -> None:
        self.send_response(response.status)
        if response.location:
            self.send_header("Location", response.location)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def log_message(self, *args):  # the terminal shows content problems, not every request
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(config_file: str, host: str = "127.0.0.1", port: int = 8000, out=None) -> None:
    """Serve until interrupted (Ctrl+C)."""
    preview = Preview(config_file, out)
    server = _Server((host, port), _Handler)
    server.preview = preview
    observer = watch(preview)
    shown_host = f"[{host}]" if ":" in host else host
    preview.say("serving", url=f"http://{shown_host}:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
        preview.close()
