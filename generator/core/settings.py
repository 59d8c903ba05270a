"""What the core needs to know about a project, independent of MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from .schema import DEFAULT_VOCABULARIES


@dataclass
class Settings:
    project_dir: str  # absolute
    content_dir: str = "content"  # relative to project_dir (MkDocs' docs_dir)
    vocabularies: dict = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_VOCABULARIES.items()})
    lang: str = "zh"

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


def plugin_options(config: dict) -> dict:
    for entry in config.get("plugins") or []:
        if entry == "showcase":
            return {}
        if isinstance(entry, dict) and "showcase" in entry:
            return entry["showcase"] or {}
    return {}


class SettingsError(ValueError):
    """A mistake in the plugin's options in mkdocs.yml."""


def settings_from_options(project_dir: str, docs_dir: str, options: dict) -> Settings:
    settings = Settings(os.path.abspath(project_dir), docs_dir)
    for name, values in (options.get("vocabularies") or {}).items():
        if name not in DEFAULT_VOCABULARIES:
            raise SettingsError(
                f"mkdocs.yml：showcase 插件的 vocabularies 下没有“{name}”这个词表，可用的有："
                f"{'、'.join(DEFAULT_VOCABULARIES)} / unknown vocabulary \"{name}\" in mkdocs.yml")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise SettingsError(
                f"mkdocs.yml：词表“{name}”应为一串文字，如 [{'、'.join(DEFAULT_VOCABULARIES[name][:2])}] / "
                f"vocabulary \"{name}\" must be a non-empty list of strings")
        settings.vocabularies[name] = list(values)
    settings.lang = options.get("lang", "zh")
    return settings


def load_settings(project_dir: str, config_file: str = "mkdocs.yml") -> Settings:
    """Settings for the CLI: read the plugin's options from the project's mkdocs.yml."""
    path = os.path.join(project_dir, config_file)
    if not os.path.exists(path):
        return settings_from_options(project_dir, "content", {})
    with open(path, encoding="utf-8") as fh:
        config = yaml.load(fh, Loader=_ConfigLoader) or {}
    return settings_from_options(project_dir, config.get("docs_dir", "docs"), plugin_options(config))
