"""The checker's verdict on a record file before it is written: what `showcase check` would
report about it (on its own and across the project), so a command writes nothing that fails."""

from __future__ import annotations

from ..core.loader import read_source
from ..core.messages import ERROR, Problem
from ..core.project import Project, cross_check
from ..core.schema import KindSchema
from ..core.validate import build_record


def errors_if_written(text: str, kind: KindSchema, src_uri: str, project: Project) -> list[Problem]:
    """The errors `showcase check` would report in `text` written at content/`src_uri` (in
    place of the record that file holds now, if any)."""
    settings = project.settings
    display = settings.display_path(src_uri)
    record, problems = build_record(read_source(text.encode("utf-8"), display), kind, settings, src_uri)
    others = [r for r in project.records if r.src_uri != src_uri]
    whole = Project(settings, records=others + ([record] if record else []))
    cross_check(whole)
    problems += [p for p in whole.problems if p.path == display]
    return [p for p in problems if p.severity == ERROR]
