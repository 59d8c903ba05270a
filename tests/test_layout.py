"""The package's layers: the core knows nothing of MkDocs, Jinja or the layers above it."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "generator"
# What each layer may not import (a prefix match on the imported module's absolute name).
FORBIDDEN = {
    "core": ("mkdocs", "jinja2", "markupsafe", "markdown", "generator.site", "generator.search",
             "generator.plugin", "generator.cli", "generator.editor"),
    "search": ("mkdocs", "generator.site", "generator.plugin", "generator.cli", "generator.editor"),
    "site": ("mkdocs", "generator.plugin", "generator.cli", "generator.editor"),
    "export": ("mkdocs", "jinja2", "markupsafe", "generator.site", "generator.search", "generator.plugin",
               "generator.cli", "generator.editor"),
    "authoring": ("mkdocs", "jinja2", "generator.site", "generator.search", "generator.plugin", "generator.cli",
                  "generator.editor"),
}
# The browser editor lives only in `showcase serve`: a build (the plugin) never loads it.
FORBIDDEN_IN_FILES = {"plugin.py": ("generator.editor", "generator.preview")}


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_imported_modules_resolves_relative_imports(tmp_path):
    names = imported_modules(PACKAGE / "site" / "pages.py")
    assert "generator.core.index" in names and "generator.site.render" in names


def test_each_layer_imports_only_what_lies_below_it():
    offences = []
    for layer, forbidden in FORBIDDEN.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for name in imported_modules(path):
                if name.startswith(forbidden):
                    offences.append(f"{path.relative_to(REPO)} imports {name}")
    for file, forbidden in FORBIDDEN_IN_FILES.items():
        offences += [f"{file} imports {name}" for name in imported_modules(PACKAGE / file) if name.startswith(forbidden)]
    assert not offences, "\n".join(offences)


def test_the_core_runs_without_mkdocs_or_jinja_loaded():
    import subprocess
    import sys

    code = ("import sys, generator.core.project, generator.core.settings, generator.core.checkcache;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'jinja2', 'markdown')"
            " or m.startswith(('generator.site', 'generator.search'))];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
