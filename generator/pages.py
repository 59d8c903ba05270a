"""Generated pages, as Markdown keyed by their path under content/ (never written there).

Plain for now: a home page and one index per kind that reach every published record.
"""

from __future__ import annotations

from .messages import KIND_NAMES
from .project import Project
from .schema import KINDS


def escape_md(text: str) -> str:
    """Front-matter text shown inside generated Markdown: no HTML, no Markdown syntax."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]{}()#+!|":
        text = text.replace(ch, "\\" + ch)
    return text


def record_link(record, from_uri: str) -> str:
    depth = from_uri.count("/")
    prefix = "../" * depth
    return f"[{escape_md(record.title)}]({prefix}{record.src_uri})"


def kind_index(project: Project, kind) -> str:
    src_uri = f"{kind.folder}/index.md"
    lines = [f"# {kind.zh}", ""]
    records = project.index.of_kind(kind.name)
    if not records:
        lines.append("暂无记录。")
    for record in records:
        date = record.date.zh() if record.date else ""
        lines.append(f"- {record_link(record, src_uri)}" + (f"（{date}）" if date else ""))
    return "\n".join(lines) + "\n"


def home(project: Project) -> str:
    lines = ["# 党建品牌展示库", "", "| 类别 | 数量 |", "| --- | --- |"]
    for kind in KINDS:
        count = len(project.index.of_kind(kind.name))
        lines.append(f"| [{KIND_NAMES['zh'][kind.name]}]({kind.folder}/index.md) | {count} |")
    return "\n".join(lines) + "\n"


def generated_pages(project: Project) -> dict[str, str]:
    """Every generated page: {path under content/: Markdown}."""
    pages = {"index.md": home(project)}
    for kind in KINDS:
        pages[f"{kind.folder}/index.md"] = kind_index(project, kind)
    return pages


def default_nav() -> list:
    return [{"首页": "index.md"}] + [{kind.zh: f"{kind.folder}/index.md"} for kind in KINDS]
