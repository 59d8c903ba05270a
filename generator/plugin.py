"""The MkDocs adapter: translates MkDocs events into calls to the core.

Hooks are in event order. Nothing here decides what content means; that is the core's job.
"""

from __future__ import annotations

import html
import logging
import os
import re
import time

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import CountHandler

from .core.contentfiles import is_published_as_is
from .console import quiet_third_party, shown_dir
from .core.messages import ERROR, Text, summary_line
from .core.processes import OnTermination
from .site.navcache import cache_navigation
from .site.minify import OWN_ASSETS, STYLESHEETS, minify
from .site.output import SiteBusy, SiteLock, dirty_build_problem, remove_stamp, write_stamp
from .site.pages import NAV, RESERVED_ADDRESSES, SERIES_INDEX, Showcase, section_of, trail
from .site.qrcode import qr_svg
from .core.project import Project, Visibility, load_project
from .site.render import KIND_STYLESHEET, THEME_DIRS, kind_css, render, share_globals, use_theme_dirs
from .site.wikilinks import WikilinkExtension
from .site.bodyhtml import publishable_body
from .site.recordlinks import RecordLinkExtension, record_href
from .search import IndexJob, SearchIndexError, start_index
from .search.suggestions import WORDS_PATH, words_file
from .export.feed import FEED_PATH, atom_feed
from .export.records import data_texts
from .core.options import OPTIONS, Option, OptionError, check_options
from .core.settings import config_problems, settings_from_options

# MkDocs prints these as "WARNING -  showcase: content/x.md:3: 警告：…": the line of
# `showcase check` after MkDocs' level and our name, so --strict and -q treat it as MkDocs' own.
log = get_plugin_logger("showcase")
# As early as MkDocs imports the plugin: MkDocs' English progress lines give way to our summary.
quiet_third_party()


class _Declared(c.BaseConfigOption):
    """One option as the core declares and checks it (core/options.py)."""

    def __init__(self, option: Option):
        super().__init__()
        self.option, self.default = option, option.default

    def run_validation(self, value):
        try:
            return self.option.check(value)
        except OptionError as exc:
            raise ValidationError(str(exc)) from exc


# The config class MkDocs validates the options with, made from the core's one declaration.
ShowcaseConfig = type("ShowcaseConfig", (base.Config,),
                      {name: _Declared(option) for name, option in OPTIONS.items()})


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command = "build"
        self.project: Project | None = None
        self.showcase: Showcase | None = None
        self.records_by_uri: dict = {}
        self.generated: dict = {}
        self.generated_section: dict = {}  # src_uri of each generated page -> its Showcase section
        self.search_job: IndexJob | None = None
        self.rendering = None  # the record whose page Markdown is rendering
        self.nav = None  # this build's navigation (on_nav)
        self.dirty = False
        self.previewing = False  # generator/preview/ gives self.project and shows its problems itself
        self.lock: SiteLock | None = None
        # Given by `showcase build` (generator/publish.py): records and /data/ parts kept between builds
        self.record_cache = None  # core.checkcache.RecordCache
        self.data_fragment = None  # see export.records.data_texts
        self.search_cache = None  # the index's cache folder, kept between `showcase build`s (publish.py)
        self.on_termination = OnTermination(self._stop)

    def load_config(self, options, config_file_path=None):
        """Options are checked by the core, as `showcase check` checks them: an unknown one is an error."""
        try:
            check_options(options)
        except OptionError as exc:
            return [(exc.option, ValidationError(str(exc)))], []
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        docs_dir = os.path.relpath(config.docs_dir, project_dir)
        self.settings = settings_from_options(project_dir, docs_dir, dict(self.config))
        self.settings.reserved_addresses = RESERVED_ADDRESSES
        self.settings.site_url, self.settings.site_name = config.site_url or "", config.site_name
        self.visibility = self._visibility()
        self._register_theme(config)
        config.markdown_extensions.append(WikilinkExtension(self._wikilink_page))
        config.markdown_extensions.append(RecordLinkExtension(self._record_href))
        if config.nav is None:
            config.nav = [{title: f"{url}index.md"} for title, url in NAV]
        # Heading permalinks ("¶") say what they are in Chinese unless the site says otherwise.
        config.mdx_configs.setdefault("toc", {}).setdefault("permalink_title", "本节链接")
        return config

    def on_env(self, env, *, config, files):
        """What our overrides of Material's templates (footer, 404, print footer) read."""
        env.globals.update(showcase_footer=self.config.footer, showcase_nav=[*NAV, SERIES_INDEX],
                           showcase_qr=qr_svg)
        if not self.previewing:  # the preview renders pages as their nav changes: nothing reused
            share_globals(env)
            cache_navigation(env, self.nav, config)
        return env

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        for file in files.documentation_pages():
            if file.page is not None:
                place_in_section(file.page, nav)
        return nav

    @staticmethod
    def _register_theme(config) -> None:
        """Our templates, header and assets ship in the package: add their folders to the theme,
        after the site's custom_dir (which can override any of them) and before Material's."""
        dirs = config.theme.dirs
        at = 1 if config.theme.custom_dir else 0
        dirs[at:at] = [d for d in THEME_DIRS if d not in dirs]
        use_theme_dirs(dirs)
        for stylesheet in (*STYLESHEETS, KIND_STYLESHEET):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)

    def _search(self) -> bool:
        setting = os.environ.get("SHOWCASE_SEARCH")
        return self.config.search if setting is None else setting not in ("", "0", "false")

    def _visibility(self) -> Visibility:
        internal = os.environ.get("SHOWCASE_VISIBILITY", self.config.visibility) == "internal"
        drafts = os.environ.get("SHOWCASE_DRAFTS")
        if drafts is not None:
            show_drafts = drafts not in ("", "0", "false")
        elif self.config.drafts is not None:
            show_drafts = self.config.drafts
        else:
            show_drafts = self.command == "serve"
        return Visibility(internal=internal, drafts=show_drafts)

    def on_pre_build(self, *, config):
        """Everything that can refuse the build runs here, before MkDocs cleans site_dir and walks
        content/: a failed check (a symbolic link out of content/ included, which MkDocs would
        follow), another build writing the same folder, or --dirty over another edition leave the
        published site as it was."""
        self.started = time.monotonic()
        if self.previewing:  # nothing is published: the preview checks and reports as files change
            return
        self.project = load_project(self.settings, self.visibility, cache=self.record_cache)
        config_file = os.path.basename(config.config_file_path or "mkdocs.yml")
        self._report(config_problems(self.settings, config_file) + self.project.problems, len(self.project.records))
        try:
            self.lock = SiteLock(config.site_dir).acquire()
        except SiteBusy as exc:
            raise Abort(str(exc)) from None
        self.on_termination.install()
        problem = self.dirty and dirty_build_problem(config.site_dir, self.visibility)
        if problem:
            self._stop()  # Abort is no Exception: MkDocs calls no on_build_error for it
            raise Abort(problem)
        remove_stamp(config.site_dir)

    # Late: after other plugins have added their files, so that a page another plugin writes
    # at one of our addresses wins, as one the user wrote does.
    @event_priority(-50)
    def on_files(self, files: Files, *, config) -> Files:
        self.showcase = Showcase(self.project)
        for file in list(files):  # nothing of a kind folder is copied as is, nothing hidden at all
            if file.src_dir == config.docs_dir and not is_published_as_is(file.src_uri):
                files.remove(file)
        self.records_by_uri = {}
        self._add_record_files(files, config)
        self._drop_unpublished_files(files)
        self._minify_assets(files, config)
        files.append(File.generated(config, KIND_STYLESHEET, content=kind_css()))
        if self._search():  # MkDocs has cleaned site_dir: the index builds in the background meanwhile.
            self.search_job = start_index(self.project, config.site_dir, self.visibility, self.search_cache)
            if files.get_file_from_path(WORDS_PATH) is None:
                files.append(File.generated(config, WORDS_PATH,
                                            content=words_file(self.project.edition, self.project.index)))
        self._add_data_files(files, config)
        self.generated, self.generated_section = {}, {}
        self._add_generated_files(files, config)
        self.page_count = len(files.documentation_pages())
        return files

    def _add_record_files(self, files: Files, config) -> None:
        """A page for each published record not in records_by_uri yet, or whose address changed."""
        old, self.records_by_uri = self.records_by_uri, {}
        for record in self.project.records:
            if not self.project.edition.publishes(record):
                continue
            # A record saved as .MD is a page all the same (MkDocs reads only .md as Markdown).
            page_uri = record.src_uri[:-3] + ".md"
            self.records_by_uri[page_uri] = record
            if page_uri in old and (old[page_uri] is record or old[page_uri].url == record.url):
                continue
            if page_uri in old:
                files.remove(files.get_file_from_path(page_uri))
            file = File(page_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                        dest_uri=f"{record.folder}/{record.id}/index.html")
            file.abs_src_path = os.path.join(config.docs_dir, record.src_uri)
            file.inclusion = InclusionLevel.NOT_IN_NAV  # records are reached through index pages
            files.append(file)
        for page_uri in old.keys() - self.records_by_uri.keys():
            files.remove(files.get_file_from_path(page_uri))

    def _add_generated_files(self, files: Files, config, sections=None) -> None:
        """A file for each generated page of `sections` (names; all by default); their content
        comes from self.generated when rendered."""
        nav_urls = {url for _, url in NAV}
        for name, make in self.showcase.sections():
            if sections is not None and name not in sections:
                continue
            old = {uri for uri, section in self.generated_section.items() if section == name}
            made = set()
            for page in make():
                if page.src_uri in old or files.get_file_from_path(page.src_uri) is None:  # a page the user wrote wins
                    self.generated[page.src_uri] = page
                    self.generated_section[page.src_uri] = name
                    made.add(page.src_uri)
                    if page.src_uri in old:
                        continue
                    file = File.generated(config, page.src_uri, content="")
                    if page.url not in nav_urls:
                        file.inclusion = InclusionLevel.NOT_IN_NAV
                    files.append(file)
            for src_uri in old - made:
                del self.generated[src_uri], self.generated_section[src_uri]
                files.remove(files.get_file_from_path(src_uri))

    # -- the preview (generator/preview/): self.project changes one file at a time -----------
    def update_records(self, files: Files, config) -> None:
        """Records of self.project changed: their pages follow (and the generated pages' views
        are computed afresh; which generated pages exist is update_generated's job)."""
        self.showcase = Showcase(self.project)
        self._add_record_files(files, config)

    def update_generated(self, files: Files, config, sections=None) -> None:
        """The generated pages (lists, facets, overflow lists) of `sections` (names of
        Showcase.sections(); all by default) as self.project now makes them."""
        self._add_generated_files(files, config, sections)

    def _add_data_files(self, files: Files, config) -> None:
        """/data/*.json and /feed.xml, from what this build publishes (a file the user wrote wins)."""
        edition, site_url = self.project.edition, config.site_url or ""
        generated = data_texts(edition, site_url, self.data_fragment)
        generated[FEED_PATH] = atom_feed(edition, config.site_name, site_url)
        for path, content in generated.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))

    @staticmethod
    def _minify_assets(files: Files, config) -> None:
        for src_uri in OWN_ASSETS:
            file = files.get_file_from_path(src_uri)
            if file is not None and not file.generated_by:
                files.remove(file)
                files.append(File.generated(config, src_uri, content=minify(src_uri, file.content_string)))

    def _drop_unpublished_files(self, files: Files) -> None:
        """Files that unpublished records name (in front matter or body) and no published record
        names are not copied into the site. Files no record names are the site's own (logo,
        images of ordinary pages) and are published."""
        published = {rel for r in self.records_by_uri.values() for rel, _ in r.files}
        for record in self.project.records:
            if record.src_uri in self.records_by_uri:
                continue
            for rel, _ in record.files:
                file = files.get_file_from_path(rel)
                if rel not in published and file is not None and not file.is_documentation_page():
                    files.remove(file)

    def on_page_read_source(self, *, page, config):
        """A record's body is already in memory: skip MkDocs re-reading it and re-parsing its YAML."""
        record = self.records_by_uri.get(page.file.src_uri)
        return record.body if record is not None else None

    # First: a record's Markdown is its body as the loader read it, not what came in, so any
    # plugin that edits Markdown must run after us for its edits to stay.
    @event_priority(100)
    def on_page_markdown(self, markdown, *, page, config, files):
        uri = page.file.src_uri
        self.rendering = None
        if uri in self.generated:
            generated = self.generated[uri]
            page.meta = {"title": html.escape(generated.title), "showcase_generated": True}
            if generated.url:  # the home page keeps site_description; another page says what it is
                page.meta["description"] = _description(f"{generated.title} · {config.site_description or config.site_name}")
            if generated.wide:  # Material hides both sidebars: the page's table takes the width
                page.meta["hide"] = ["navigation", "toc"]
            self._add_trail(page, generated.title, generated.parents)
            page.render = _render_unless_empty(page)
            return ""
        record = self.records_by_uri.get(uri)
        if record is None:
            return markdown
        # MkDocs themes render page.title unescaped, so the title is escaped here once.
        page.meta = {"title": html.escape(record.title), "showcase_kind": record.kind,
                     "showcase_id": record.id}
        summary = self.showcase.summary(record)
        if summary:  # search engines and link previews show the record's own summary
            page.meta["description"] = _description(summary)
        self._add_trail(page, record.title, self.showcase.record_parents(record))
        self.rendering = record
        return markdown

    def _add_trail(self, page, title: str, parents: tuple = ()) -> None:
        """The page's breadcrumb of site sections, which our partials/content.html shows."""
        crumbs = trail(page.url, title, parents)
        if crumbs:
            page.meta["showcase_trail"] = render("trail.html", page.url, self.showcase, crumbs=crumbs)

    def _wikilink_page(self):
        """For the `[[id]]` extension: the record page being rendered and what this build publishes."""
        if self.rendering is None:
            return None
        return self.rendering.url, self.project.edition.resolve_published

    def _record_href(self):
        """For record links (site/recordlinks.py): how links on the record page being rendered are written."""
        return None if self.rendering is None else record_href(self.project.edition, self.rendering)

    # Early: the record panel and related records are part of the page before other plugins
    # post-process its HTML (lightboxes on photos, link checks…).
    @event_priority(50)
    def on_page_content(self, content, *, page, config, files):
        uri = page.file.src_uri
        if uri in self.generated:
            generated = self.generated[uri]
            html_ = generated.html()
            if generated.toc:
                _add_sections_to_toc(page, html_, "")
            return html_
        record = self.records_by_uri.get(uri)
        if record is None:
            return content
        before, after = self.showcase.record_fragments(record)
        _add_sections_to_toc(page, before, after)
        body = publishable_body(content, record_href(self.project.edition, record), self.config.raw_html)
        return before + '<div class="sc-body">' + body + "</div>" + after

    def on_post_build(self, *, config):
        job, self.search_job = self.search_job, None
        try:
            if job is not None:
                job.finish()
            write_stamp(config.site_dir, self.visibility)
            warnings = _strict_warnings(config)
            if warnings:  # MkDocs would abort next, in English: abort first, in the site's language
                raise Abort(Text("strict-abort", warnings=warnings).render(self.settings.lang))
            # `mkdocs serve` builds into a temporary folder no one needs to know of.
            log.info(Text("serve-built" if self.command == "serve" else "build-done", pages=self.page_count,
                          records=len(self.records_by_uri), seconds=f"{time.monotonic() - self.started:.1f}",
                          site=shown_dir(config.site_dir)).render(self.settings.lang))
        except SearchIndexError as exc:
            raise Abort(str(exc)) from exc
        finally:
            self._stop()

    def on_build_error(self, *, error):
        self._stop()

    def on_shutdown(self):
        self._stop()  # also after an Abort, for which MkDocs calls no on_build_error

    def _stop(self) -> None:
        """The build ended (done, failed or killed): stop the index job, release site_dir."""
        self.on_termination.uninstall()
        job, self.search_job = self.search_job, None
        if job is not None:
            job.cancel()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _report(self, problems: list, records: int) -> None:
        """Log problems as the same lines `showcase check` prints, then fail on errors."""
        lang = self.settings.lang
        for problem in problems:  # in report order
            (log.error if problem.severity == ERROR else log.warning)(problem.format(lang))
        if problems:
            log.info(summary_line(problems, records, lang))
        if any(p.severity == ERROR for p in problems):
            raise Abort("内容检查未通过，请先修正上面的错误" if lang == "zh"
                        else "content check failed; fix the errors above")

DESCRIPTION_MAX = 160  # characters of a <meta name="description">


def _description(text: str) -> str:
    """A meta description: one line, escaped (Material writes it unescaped), at most DESCRIPTION_MAX."""
    text = " ".join(text.split())
    if len(text) > DESCRIPTION_MAX:
        text = text[:DESCRIPTION_MAX - 1] + "…"
    return html.escape(text)


def _render_unless_empty(page):
    """Page.render for a generated page: its Markdown is "" (its HTML comes from on_page_content),
    so no Markdown parser is built for it (a sixth of the pages) unless another plugin wrote some.
    What MkDocs' render makes of "" is set as it would be."""
    def render(config, files):
        if page.markdown:
            return Page.render(page, config, files)
        page.content, page.toc, page._title_from_render = "", get_toc([]), None
        page.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}
    return render


def place_in_section(page, nav) -> None:
    """A page outside the nav (record, year, tag…) becomes a child of its section's nav entry:
    the entry is active while the page renders, so Material highlights that section's tab."""
    entries = {entry.url: entry for entry in nav.pages}
    if page.parent is None and page.url not in entries:
        page.parent = entries.get(section_of(page.url))


def _strict_warnings(config) -> int:
    """The warnings (and errors) for which MkDocs will abort this build once the plugins are done
    (--strict): 0 when it will not."""
    if not config.strict:
        return 0
    return sum(count for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)
               for _, count in handler.get_counts())


# A section heading of our templates: <h2 id="honours">荣誉</h2>, <h3 id="case">典型案例 <span…
_SECTION = re.compile(r'<h([23]) id="([^"]+)"[^>]*>([^<]*)')


def _add_sections_to_toc(page, before: str, after: str) -> None:
    """MkDocs built the page's table of contents from the body alone: add the record panel's
    sections before the body's headings and the related records after them, in page order."""
    items = page.toc.items
    if items and items[0].level == 1:  # themes list a leading <h1>'s children as the page's TOC
        items = items[0].children
    head, tail = _toc_links(before), _toc_links(after)
    items[:0] = head
    items += tail
    if page.present_anchor_ids is not None:  # links to #honours from other pages are valid
        page.present_anchor_ids.update(link.id for top in head + tail for link in (top, *top.children))


def _toc_links(html_: str) -> list[AnchorLink]:
    """The <h2 id> headings of a fragment, each with the <h3 id> headings under it."""
    links: list[AnchorLink] = []
    for level, anchor, title in _SECTION.findall(html_):
        link = AnchorLink(title.strip(), anchor, int(level))
        if level == "3" and links:
            links[-1].children.append(link)
        elif level == "2":
            links.append(link)
    return links

