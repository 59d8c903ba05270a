"""The package works when installed: built as a wheel, installed into a fresh virtualenv, it
publishes a showcase from a folder holding nothing but mkdocs.yml and content/.

Everything a showcase needs (page templates, search page, header override, scripts and
stylesheets) ships inside the package; nothing may come from this repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, subprocess_env, write_project

pytestmark = pytest.mark.build

# What another bureau writes: the theme by name only, the plugin with no options.
MINIMAL_YML = "site_name: 安装测试\ndocs_dir: content\ntheme: material\nplugins: [showcase]\n"


def run(args: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = subprocess_env()
    for name in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "NO_MKDOCS_2_WARNING"):  # as on a staff machine
        env.pop(name, None)
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv folder) with the wheel installed; dependencies come from the package index."""
    root = tmp_path_factory.mktemp("package")
    # Build from a copy, so that the build leaves no build/ or *.egg-info in the repository.
    source = root / "source"
    shutil.copytree(REPO / "generator", source / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    dist = root / "dist"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, source], cwd=root)
    (wheel,) = dist.glob("*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    run([env_dir / "bin/python", "-m", "pip", "install", "-q", wheel], cwd=root)
    return wheel, env_dir


def test_the_wheel_ships_every_theme_file(installed):
    wheel, _ = installed
    expected = {str(p.relative_to(REPO)) for package in ("site", "search")
                for p in (REPO / "generator" / package / "theme").rglob("*") if p.is_file()}
    assert expected, "the package has theme files"
    names = set(zipfile.ZipFile(wheel).namelist())
    assert expected - names == set()


def test_an_installed_package_builds_a_showcase_from_mkdocs_yml_and_content(installed, tmp_path):
    wheel, env_dir = installed
    project = write_project(tmp_path / "bureau", mkdocs_yml=MINIMAL_YML)
    assert sorted(p.name for p in project.iterdir()) == ["content", "mkdocs.yml"]

    # The plugin is the installed one, not this repository's.
    found = run([env_dir / "bin/python", "-c", "import generator.plugin as p; print(p.__file__)"], cwd=project)
    assert Path(found.stdout.strip()).is_relative_to(env_dir), found.stdout

    built = run([env_dir / "bin/mkdocs", "build"], cwd=project)
    # Quiet: Material's banner hidden by the installed showcase-quiet.pth; our lines only (here the
    # warning that site_url is not set, the check's count and the summary).
    assert "showcase-quiet.pth" in zipfile.ZipFile(wheel).namelist()
    lines = [line for line in (built.stdout + built.stderr).splitlines() if line.strip()]
    assert all(" -  showcase: " in line for line in lines) and "网站已生成：" in lines[-1], lines
    site = project / "site"
    for page in ("index.html", "branches/index.html", "branches/baseline-branch/index.html",
                 "brands/baseline-brand/index.html", "sites/baseline-site/index.html",
                 "lectures/基线讲堂/001/index.html", "cases/baseline-case/index.html"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="sc-header-search"' in home  # our header override, not Material's search
    for asset in ("assets/showcase.css", "assets/search/search.css"):
        assert (site / asset).stat().st_size > 0
        assert asset in home  # linked from every page
    assert (site / "assets/search/search.js").stat().st_size > 0
    search_page = (site / "search/index.html").read_text(encoding="utf-8")
    assert "data-sc-search" in search_page and "search/search.js" in search_page
    assert (site / "pagefind/pagefind.js").is_file()
    assert list((site / "pagefind").glob("pagefind-entry.json"))
    assert list((site / "pagefind/index").glob("*/*.pf_index"))
    assert str(REPO) not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                    for p in site.rglob("*.html"))
