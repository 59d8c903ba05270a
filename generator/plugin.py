"""The MkDocs adapter: translates MkDocs events into calls to the core.

Hooks are in event order. Nothing here decides what content means; that is the core's job.
"""

from __future__ import annotations

import html
import os
import sys

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .messages import format_report, summary_line
from .pages import default_nav, generated_pages
from .project import Project, Visibility, load_project
from .settings import settings_from_options


class ShowcaseConfig(base.Config):
    lang = c.Choice(("zh", "en"), default="zh")
    """Language of validation messages."""
    vocabularies = c.Type(dict, default={})
    """Overrides of the controlled vocabularies: categories, case_categories, lecture_fields."""
    visibility = c.Choice(("public", "internal"), default="public")
    """Which build this is; the SHOWCASE_VISIBILITY environment variable overrides it."""
    drafts = c.Optional(c.Type(bool))
    """Publish drafts; by default only under `mkdocs serve`."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command = "build"
        self.project: Project | None = None
        self.records_by_uri: dict = {}

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        docs_dir = os.path.relpath(config.docs_dir, project_dir)
        self.settings = settings_from_options(project_dir, docs_dir, dict(self.config))
        visibility = os.environ.get("SHOWCASE_VISIBILITY", self.config.visibility)
        drafts = self.config.drafts if self.config.drafts is not None else self.command == "serve"
        self.visibility = Visibility(internal=visibility == "internal", drafts=drafts)
        if config.nav is None:
            config.nav = default_nav()
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self.project = load_project(self.settings, self.visibility)
        self._report(self.project)
        self.records_by_uri = {}
        for record in self.project.records:
            file = files.get_file_from_path(record.src_uri)
            if file is None:
                continue
            if not self.visibility.publishes(record):
                files.remove(file)
                continue
            self.records_by_uri[record.src_uri] = record
            dest_uri = f"{record.folder}/{record.id}/index.html"
            if file.dest_uri != dest_uri:  # an explicit id moves the page to /<folder>/<id>/
                files.remove(file)
                file = File(record.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                            dest_uri=dest_uri)
                files.append(file)
            file.inclusion = InclusionLevel.NOT_IN_NAV  # records are reached through index pages
        for src_uri, markdown in generated_pages(self.project).items():
            if files.get_file_from_path(src_uri) is None:  # a page the user wrote wins
                files.append(File.generated(config, src_uri, content=markdown))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        record = self.records_by_uri.get(page.file.src_uri)
        if record is None:
            return markdown
        # MkDocs themes render page.title unescaped, so the title is escaped here once.
        page.meta = {"title": html.escape(record.title), "showcase_kind": record.kind, "showcase_id": record.id}
        return record.body

    def _report(self, project: Project) -> None:
        """Print problems as the same lines `showcase check` prints, then fail on errors."""
        lang = self.settings.lang
        lines = format_report(project.problems, lang)
        if lines:
            print("\n".join(lines), file=sys.stderr)
            print(summary_line(project.problems, len(project.records), lang), file=sys.stderr)
        if project.errors:
            raise Abort("内容检查未通过，请先修正上面的错误" if lang == "zh"
                        else "content check failed; fix the errors above")
