"""Editor support: one JSON Schema per kind in schemas/, and .vscode/settings.json mapping
each kind folder to its schema (Red Hat YAML extension). Reference fields list the
project's existing ids with their titles, so they go stale as records come and go:
`showcase schema` and `showcase serve` rewrite them through `write_schemas`."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ..core.fields import ids_vocabulary
from ..core.project import Project, load_project
from ..core.schema import KINDS
from ..core.settings import load_settings


@dataclass
class SchemasWritten:
    paths: list = field(default_factory=list)  # files written
    problem: str | None = None  # why .vscode/settings.json was left alone, if it was


def schema_vocabularies(project: Project) -> dict:
    """The project's vocabularies, plus the existing records of each kind as (id, title)."""
    vocabularies = dict(project.settings.vocabularies)
    for kind in KINDS:
        vocabularies[ids_vocabulary(kind.name)] = [(r.id, r.title) for r in project.records if r.kind == kind.name]
    return vocabularies


def write_schemas(project_dir: str, out: str | None = None, project: Project | None = None) -> SchemasWritten:
    """Write schemas/<kind>.schema.json (or into `out`) from the declarations and the records
    of the project (loaded unless given), and map them in .vscode/settings.json when they lie
    inside the project."""
    if project is None:
        project = load_project(load_settings(project_dir), build_index=False)
    out = out or os.path.join(project_dir, "schemas")
    os.makedirs(out, exist_ok=True)
    vocabularies = schema_vocabularies(project)
    result = SchemasWritten()
    for kind in KINDS:
        path = os.path.join(out, f"{kind.name}.schema.json")
        _write_json(path, kind.json_schema(vocabularies))
        result.paths.append(path)
    relative = os.path.relpath(out, project_dir)
    if not relative.startswith(os.pardir):  # schemas inside the project: tell VS Code where they are
        _write_editor_settings(project_dir, relative, project.settings.content_dir, result)
    return result


def _write_json(path: str, data: dict) -> None:
    """Written only when it changes, so an unchanged schema keeps its time stamp (editors,
    and `showcase serve` watching the project, see no change)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return
    except (OSError, UnicodeDecodeError):
        pass
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _write_editor_settings(project_dir: str, schemas: str, content_dir: str, result: SchemasWritten) -> None:
    """Map each kind's schema to its folder in .vscode/settings.json (YAML extension's
    yaml.schemas), keeping every other setting of that file."""
    path = os.path.join(project_dir, ".vscode", "settings.json")
    settings = {}
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as fh:
                settings = json.load(fh)
            if not isinstance(settings, dict):
                raise ValueError("not an object")
        except ValueError:  # JSON with comments, or not JSON at all: not ours to rewrite
            result.problem = (f"{path}: 不是纯 JSON（可能含注释），未修改；请手工在 yaml.schemas 中登记 {schemas}/ 下的文件 / "
                              f"not plain JSON (comments?), left as it is: map the schemas in {schemas}/ under yaml.schemas by hand")
            return
    schemas, content_dir = (p.replace(os.sep, "/") for p in (schemas, content_dir))
    settings["yaml.schemas"] = {f"./{schemas}/{kind.name}.schema.json": [f"{content_dir}/{kind.folder}/**/*.md"]
                                for kind in KINDS}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _write_json(path, settings)
    result.paths.append(path)
