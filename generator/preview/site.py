"""The site as `mkdocs build` makes it, kept in memory; a page is rendered when it is asked for.

MkDocs' own build runs in-process up to its navigation (config, pre_build, files, nav: the
same calls as mkdocs.commands.build.build), but no page is rendered until a browser asks for
it; then that one page goes through MkDocs' page pipeline (read, Markdown, content, context,
template), so it is the HTML `mkdocs build` writes for it. A changed record updates the
project in memory (live.py) and the files of its pages; the generated pages (lists, facets)
are listed again only when one of them is asked for, and then only the group of that page
(Showcase.sections) unless the address is not known yet.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import _build_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..core.contentfiles import in_kind_folder, is_ignored, is_published_as_is
from ..core.model import Record
from ..core.schema import KINDS, KindSchema
from ..plugin import place_in_section
from ..site.bodyhtml import publishable_body
from ..site.recordlinks import record_href
from .live import LiveProject


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    location: str = ""  # for a redirect
    page: dict | None = None  # a record's page: {"kind", "id"}; a kind's index page: {"kind"} (the editor's buttons)


TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".pdf": "application/pdf",
         ".woff2": "font/woff2", ".woff": "font/woff", ".wasm": "application/wasm", ".xml": "application/xml"}


def content_type(path: str) -> str:
    return TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")


class PreviewSite:
    """Not thread-safe: the server calls it under one lock (Markdown and the plugin keep state)."""

    def __init__(self, config_file: str):
        self.config_file = os.path.abspath(config_file)
        # Nothing is published: the search index (the only thing written) goes to a folder of ours.
        self.output = tempfile.TemporaryDirectory(prefix="showcase-preview-")
        config = load_config(self.config_file, site_dir=self.output.name)
        config.plugins.on_startup(command="serve", dirty=False)  # drafts shown, as under mkdocs serve
        plugin = config.plugins["showcase"]
        plugin.previewing = True
        config = config.plugins.on_config(config)
        self.live = LiveProject(plugin.settings, plugin.visibility)
        plugin.project = self.live.project
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.plugin, self.files, self.nav = config, plugin, files, nav
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        self.search_job, plugin.search_job = plugin.search_job, None  # finished by the server, in a thread
        self._stale_sections: set[str] = set()
        self._by_dest: dict[str, File] | None = None

    @property
    def settings(self):
        return self.live.settings

    def content_root(self) -> str:
        return self.config.docs_dir

    # -- changes ---------------------------------------------------------------------
    def update(self, src_uris, rescan: bool, others=()) -> list[str]:
        """Files under content/ changed: the records in memory and their pages follow. `others`
        (not records: images, ordinary pages) are served from their source; one that came or
        went is added to or dropped from the site's files."""
        for src_uri in others:
            self._update_file(src_uri)
        changed = self.live.update(src_uris, rescan, others)
        if changed:
            self.plugin.update_records(self.files, self.config)
            self._stale_sections = {name for name, _ in self.plugin.showcase.sections()}
            self._by_dest = None
        return changed

    def _update_file(self, src_uri: str) -> None:
        config = self.config
        existing = self.files.get_file_from_path(src_uri)
        exists = os.path.isfile(os.path.join(config.docs_dir, src_uri))
        if existing is not None and existing.generated_by is None and not exists:
            self.files.remove(existing)
        elif existing is None and exists and is_published_as_is(src_uri):
            self.files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
            set_exclusions(self.files, config)
        self._by_dest = None

    # -- pages -----------------------------------------------------------------------
    def respond(self, url: str) -> Response:
        path = unquote(urlsplit(url).path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        file = self._find(path)
        if file is None and not path.endswith("index.html") and self._find(path + "/index.html"):
            return Response(302, "text/html", b"", location="/" + path + "/")
        if file is None:
            output = self._output_file(path)
            if output is not None:
                with open(output, "rb") as fh:
                    return Response(200, content_type(path), fh.read())
            return Response(404, "text/html; charset=utf-8", self.not_found().encode("utf-8"))
        if file.is_documentation_page():
            return Response(200, "text/html; charset=utf-8", self.page_html(file).encode("utf-8"),
                            page=self.page_of(file))
        return Response(200, content_type(path), file.content_bytes)

    def _find(self, dest_uri: str) -> File | None:
        file = self._dest_map().get(dest_uri)
        if file is None and self._stale_sections:  # perhaps a list page that exists only now
            self._refresh_generated(self._stale_sections)
            file = self._dest_map().get(dest_uri)
        if file is not None and file.generated_by is None and file.is_documentation_page() is False \
                and not self._inside_sources(file.abs_src_path):
            return None
        section = self.plugin.generated_section.get(file.src_uri) if file is not None else None
        if section in self._stale_sections and file.is_documentation_page():
            self._refresh_generated({section})  # its content comes from the pages as they are now
            file = self._dest_map().get(dest_uri)  # gone if the change removed it
        return file

    def _dest_map(self) -> dict[str, File]:
        if self._by_dest is None:
            self._by_dest = {f.dest_uri: f for f in self.files if InclusionLevel.is_included(f.inclusion)}
        return self._by_dest

    def _refresh_generated(self, sections: set[str]) -> None:
        sections = set(sections)
        self.plugin.update_generated(self.files, self.config, sections)
        self._stale_sections -= sections
        self._by_dest = None

    def _inside_sources(self, path: str | None) -> bool:
        """A static file is served only from content/ or a theme folder (never through a link out)."""
        if path is None:
            return True
        real = os.path.realpath(path)
        roots = [self.config.docs_dir, *self.config.theme.dirs]
        return any(real.startswith(os.path.realpath(root) + os.sep) for root in roots)

    def _output_file(self, path: str) -> str | None:
        """What the background search index wrote (pagefind/…)."""
        root = os.path.realpath(self.output.name)
        full = os.path.realpath(os.path.join(root, path))
        return full if full.startswith(root + os.sep) and os.path.isfile(full) else None

    def page_html(self, file: File) -> str:
        """One page as mkdocs.commands.build._build_page renders it (without writing it)."""
        config = self.config
        page = self.nav_pages.get(file.src_uri)
        if page is None or page.file.dest_uri != file.dest_uri:
            page = Page(None, file, config)
            place_in_section(page, self.nav)  # as the plugin's on_nav does in a build
        _populate_page(page, config, self.files)
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def page_of(self, file: File) -> dict | None:
        """What the editor edits on this page: the record it shows, or the kind it lists."""
        state = self.live.files.get(file.src_uri)
        if state is not None and state.shown is not None:
            return {"kind": state.shown.kind, "id": state.shown.id}
        kind = next((k for k in KINDS if file.dest_uri == k.index_url + "index.html"), None)
        return {"kind": kind.name} if kind is not None else None

    def render_body(self, markdown: str, kind: KindSchema, record_id: str = "") -> str:
        """A record body as the record's page shows it (Markdown with the site's extensions,
        links relative to the record's page, the same cleaning), for the editor's preview."""
        record = self.live.project.resolve(record_id) if record_id else None
        if record is None or record.kind != kind.name:
            src_uri = f"{kind.folder}/{record_id or kind.name}.md"
            record = Record(self.settings.display_path(src_uri), src_uri, kind.name, record_id or kind.name,
                            {}, {}, markdown, 1, [], [])
        page = Page(None, File.generated(self.config, record.src_uri, content=markdown), self.config)
        page.markdown = markdown
        self.plugin.rendering = record  # [[id]] links and record links resolve from its page
        try:
            page.render(self.config, self.files)
        finally:
            self.plugin.rendering = None
        return publishable_body(page.content or "", record_href(self.live.project.edition, record),
                                self.plugin.config.raw_html)

    def not_found(self) -> str:
        return _build_template("404.html", self.env.get_template("404.html"), self.files, self.config, self.nav)

    def is_record_source(self, src_uri: str) -> bool:
        """Whether a file under content/ is (or was) one the project reads as a record or a stray."""
        return in_kind_folder(src_uri) and not any(map(is_ignored, src_uri.split("/")))

    def close(self) -> None:
        if self.search_job is not None:
            self.search_job.cancel()
        self.config.plugins.on_shutdown()
        self.output.cleanup()
