"""What the core needs to know about a project, independent of MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from .messages import WARNING, Problem
from .options import ConfigError, check_options
from .schema import DEFAULT_VOCABULARIES


@dataclass
class Settings:
    project_dir: str  # absolute
    content_dir: str = "content"  # relative to project_dir (MkDocs' docs_dir)
    vocabularies: dict = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_VOCABULARIES.items()})
    lang: str = "zh"
    # Addresses the site's generated pages take inside the kind folders ("cases/by/", "*/page/"):
    # no record id may take one. The site knows them (site/pages.py), the core only checks.
    reserved_addresses: tuple = ()
    site_url: str = ""  # mkdocs.yml's site_url: absolute addresses in exports and the feed ("" = unknown)
    site_name: str = ""  # mkdocs.yml's site_name
    home: dict = field(default_factory=dict)  # the home page's banner: title, subtitle, image
    synonyms: dict = field(default_factory=dict)  # search: word -> words also searched

    @property
    def content_root(self) -> str:
        return os.path.normpath(os.path.join(self.project_dir, self.content_dir))

    def display_path(self, src_uri: str) -> str:
        """How a file under content/ is named in messages: relative to the project."""
        rel = os.path.relpath(self.content_root, self.project_dir).replace(os.sep, "/")
        return src_uri if rel == "." else f"{rel}/{src_uri}"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its !!python/ and !ENV tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config: dict) -> object:
    """The showcase plugin's options as written in mkdocs.yml (checked by check_options)."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts `plugins:` as a mapping
        return plugins.get("showcase") or {}
    for entry in plugins:
        if entry == "showcase":
            return {}
        if isinstance(entry, dict) and "showcase" in entry:
            return entry["showcase"]
    return {}


def settings_from_options(project_dir: str, docs_dir: str, options: dict) -> Settings:
    """Settings from the plugin's options as written; OptionError if any is wrong."""
    options = check_options(options)
    settings = Settings(os.path.abspath(project_dir), docs_dir, lang=options["lang"], home=options["home"],
                        synonyms=options["synonyms"])
    settings.vocabularies.update({name: list(values) for name, values in options["vocabularies"].items()})
    return settings


def load_settings(project_dir: str, config_file: str = "mkdocs.yml") -> Settings:
    """Settings for the CLI: read the plugin's options from the project's mkdocs.yml."""
    path = os.path.join(project_dir, config_file)
    if not os.path.exists(path):
        return settings_from_options(project_dir, "content", {})
    try:
        with open(path, encoding="utf-8") as fh:
            config = yaml.load(fh, Loader=_ConfigLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError("config-unreadable", problem=" ".join(str(exc).split())) from exc
    if not isinstance(config, dict):
        raise ConfigError("config-unreadable", problem=type(config).__name__)
    settings = settings_from_options(project_dir, config.get("docs_dir", "docs"), plugin_options(config))
    settings.site_url = config.get("site_url") if isinstance(config.get("site_url"), str) else ""
    settings.site_name = config.get("site_name") if isinstance(config.get("site_name"), str) else ""
    return settings


def config_problems(settings: Settings, config_file: str = "mkdocs.yml") -> list[Problem]:
    """What is missing from mkdocs.yml without stopping a build: no site_url is a warning
    (the sitemap, canonical links, the feed and print QR codes need the site's address)."""
    if settings.site_url:
        return []
    return [Problem(config_file, 1, "site-url-missing", severity=WARNING)]
