"""Shared helpers: throwaway projects, the core run on them, and problem assertions.

A test describes a project as a dict of project-relative paths → file contents
(text or bytes). `make_project` writes it into a temporary folder next to a
minimal mkdocs.yml; by default a small set of valid *baseline* records (one of
each kind) is written too, so a test only adds the one bad file it is about and
every problem reported comes from that file.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from browser import browser, watched  # noqa: F401  (fixtures shared by the browser tests)

from generator.core.messages import ERROR, WARNING, Problem
from generator.core.project import Project, Visibility, load_project
from generator.core.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent

# A site_url, as every site sets one (without it check and build warn).
DEFAULT_MKDOCS_YML = "site_name: 测试\nsite_url: https://showcase.test/\ndocs_dir: content\nplugins: [showcase]\n"


def md(front: str, body: str = "正文第一段。") -> str:
    """A record file: `---`, the front matter (dedented), `---`, a body.

    Line 1 of the file is the opening `---`, so the n-th line of `front` is line
    n + 1 of the file.
    """
    front = textwrap.dedent(front).strip("\n")
    return f"---\n{front}\n---\n\n{body}\n"


# One valid record of each kind; tests extend or override these.
BASELINE: dict[str, str] = {
    "content/branches/baseline-branch.md": md("""
        title: 基线党支部
        level: 党支部
        """),
    "content/brands/baseline-brand.md": md("""
        title: 基线品牌
        owner: baseline-branch
        """),
    "content/sites/baseline-site.md": md("""
        title: 基线示范点
        branch: baseline-branch
        """),
    "content/lectures/基线讲堂/001.md": md("""
        title: 基线讲堂第1期
        series: 基线讲堂
        number: 1
        date: 2021-07-17
        speakers:
          - name: 张三
        """),
    "content/cases/baseline-case.md": md("""
        title: 基线案例
        date: 2021-07-17
        branches: [baseline-branch]
        category: 服务群众
        """),
}


def write_project(root: Path, files: dict | None = None, mkdocs_yml: str | None = None,
                  baseline: bool = True) -> Path:
    """Write a project into `root`. A value of None in `files` removes a baseline file."""
    root.mkdir(parents=True, exist_ok=True)
    everything: dict = dict(BASELINE) if baseline else {}
    everything.update(files or {})
    for rel, content in everything.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    (root / "content").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml if mkdocs_yml is not None else DEFAULT_MKDOCS_YML,
                                     encoding="utf-8")
    return root


def run_core(project_dir: Path, visibility: Visibility | None = None) -> Project:
    """What `showcase check` does, minus the printing."""
    return load_project(load_settings(str(project_dir)), visibility)


@pytest.fixture
def make_project(tmp_path):
    """make_project(files, mkdocs_yml=None, baseline=True) -> project folder (Path)."""
    counter = iter(range(1000))

    def make(files: dict | None = None, mkdocs_yml: str | None = None, baseline: bool = True) -> Path:
        return write_project(tmp_path / f"project{next(counter)}", files, mkdocs_yml, baseline)

    return make


@pytest.fixture
def load(make_project):
    """load(files, mkdocs_yml=None, baseline=True, visibility=None) -> Project."""

    def run(files: dict | None = None, mkdocs_yml: str | None = None, baseline: bool = True,
            visibility: Visibility | None = None) -> Project:
        return run_core(make_project(files, mkdocs_yml, baseline), visibility)

    return run


@pytest.fixture
def check(load):
    """check(files, mkdocs_yml=None, baseline=True) -> list of Problems (sorted as reported)."""

    def run(files: dict | None = None, mkdocs_yml: str | None = None, baseline: bool = True) -> list:
        return load(files, mkdocs_yml, baseline).problems

    return run


# -- assertions ---------------------------------------------------------------------

def only(problems: list, path: str | None = None) -> Problem:
    """The one problem reported (in `path`, if given); fails listing them otherwise."""
    selected = [p for p in problems if path is None or p.path == path]
    assert len(selected) == 1, "expected exactly one problem, got:\n" + "\n".join(
        p.format("zh") for p in problems)
    return selected[0]


def assert_problem(problem: Problem, path: str, line: int, code: str, *fragments: str,
                   severity: str = ERROR, en: tuple = ()) -> None:
    """File, line, severity, code, and key parts of the rendered Chinese (and English) message."""
    assert isinstance(problem, Problem)
    rendered = problem.format("zh")
    assert (problem.path, problem.line, problem.severity, problem.code) == (path, line, severity, code), rendered
    label = "错误" if severity == ERROR else "警告"
    assert rendered.startswith(f"{path}:{line}: {label}："), rendered
    for fragment in fragments:
        assert fragment in rendered, f"{fragment!r} not in {rendered!r}"
    english = problem.format("en")
    assert english.startswith(f"{path}:{line}: {'error' if severity == ERROR else 'warning'}: "), english
    for fragment in en:
        assert fragment in english, f"{fragment!r} not in {english!r}"


def codes(problems: list) -> list[tuple]:
    return [(p.path, p.line, p.severity, p.code) for p in problems]


def console_script(name: str) -> str:
    """A console script of the project's virtualenv (the one running the tests)."""
    found = shutil.which(name, path=str(BIN_DIR)) or shutil.which(name)
    assert found, f"{name} is not installed next to {sys.executable}"
    return found


def subprocess_env(**extra) -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SHOWCASE_VISIBILITY", None)
    env.update(extra)
    return env


# -- marks: `pytest -m "not browser and not build"` runs the quick rest ----------------------------

_current: list = [None]  # the running test's item, for mkdocs_build's check of its mark
BUILD_FIXTURES = {"sample_site", "sample_internal_site"}


def pytest_runtest_setup(item):
    """A test that drives Chromium must be marked `browser`; one that builds, `build`
    (checked here for the shared fixtures, and by mkdocs_build for any build)."""
    if "browser" in item.fixturenames and item.get_closest_marker("browser") is None:
        pytest.fail("this test drives Chromium: mark it @pytest.mark.browser")
    if BUILD_FIXTURES & set(item.fixturenames) and item.get_closest_marker("build") is None:
        pytest.fail("this test uses a built site: mark it @pytest.mark.build")
    _current[0] = item


def pytest_runtest_teardown(item):
    _current[0] = None


def mkdocs_build(project_dir: Path, site_dir: Path, *options: str, **env) -> subprocess.CompletedProcess:
    """`mkdocs build` of `project_dir` into `site_dir`, with extra `options` (--strict, -q…)."""
    item = _current[0]
    if item is not None and item.get_closest_marker("build") is None:
        pytest.fail("this test runs mkdocs build: mark it @pytest.mark.build")
    return subprocess.run(
        [console_script("mkdocs"), "build", "-f", str(project_dir / "mkdocs.yml"), "-d", str(site_dir), *options],
        capture_output=True, text=True, encoding="utf-8", env=subprocess_env(**env), timeout=300)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own showcase (content/ and mkdocs.yml), public edition, built once per
    session and shared: tests only read it."""
    return _build_sample(tmp_path_factory, "public")


@pytest.fixture(scope="session")
def sample_internal_site(tmp_path_factory) -> Path:
    """The internal edition of the same, built once per session."""
    return _build_sample(tmp_path_factory, "internal", SHOWCASE_VISIBILITY="internal")


def _build_sample(tmp_path_factory, name: str, **env) -> Path:
    site = tmp_path_factory.mktemp(f"sample-{name}") / "site"
    result = mkdocs_build(REPO, site, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def content_hashes(project_dir: Path) -> dict[str, str]:
    root = project_dir / "content"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def site_texts(site_dir: Path):
    """(relative path, text) of every output file, decompressed and with escapes undone."""
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        if path.suffix == ".json":
            try:
                text += json.dumps(json.loads(text), ensure_ascii=False)
            except ValueError:
                pass
        yield str(path.relative_to(site_dir)), text + html.unescape(text)


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """An authoring command refused (exit 1) with a message, not a traceback, saying each fragment."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in {result.stderr!r}"


__all__ = ["md", "assert_refused", "BASELINE", "write_project", "run_core", "only", "assert_problem", "codes",
           "console_script", "subprocess_env", "ERROR", "WARNING", "REPO", "DEFAULT_MKDOCS_YML",
           "mkdocs_build", "content_hashes", "site_texts"]
