"""What staff see of a real build on the console: our Chinese lines and a one-line summary, no
English banners or progress lines, unless --verbose."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import console_script, md, subprocess_env

pytestmark = pytest.mark.build

MATERIAL_YML = "site_name: 测试\nsite_url: https://dangjian.example.cn/\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins: [showcase]\n"
THIRD_PARTY = ("Cleaning site directory", "Building documentation", "Documentation built in",
               "Material for MkDocs", "NO_MKDOCS_2_WARNING", "Zensical")
SUMMARY = re.compile(r"^INFO    -  showcase: 网站已生成：\d+ 个页面（5 条记录），用时 [\d.]+ 秒，位于 (.+)$")


def run(command: list[str], cwd: Path, **env) -> list[str]:
    """The lines a person at the console sees (stdout and stderr), without blank ones."""
    environment = subprocess_env(SHOWCASE_SEARCH="0")
    environment.pop("NO_MKDOCS_2_WARNING")  # as on a staff member's machine
    environment.update(env)
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            encoding="utf-8", env=environment, timeout=300)
    return [line for line in result.stdout.splitlines() if line.strip()] + [f"exit {result.returncode}"]


def test_showcase_build_prints_one_chinese_summary(make_project):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    lines = run([console_script("showcase"), "build"], cwd=project)
    assert len(lines) == 2 and lines[1] == "exit 0", lines
    assert SUMMARY.match(lines[0]).group(1) == "site"  # the published folder, not the temporary one


def test_showcase_build_verbose_shows_mkdocs_own_lines(make_project):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    lines = run([console_script("showcase"), "build", "--verbose"], cwd=project)
    text = "\n".join(lines)
    assert "INFO    -  Cleaning site directory" in text and "Documentation built in" in text
    assert any(SUMMARY.match(line) for line in lines) and lines[-1] == "exit 0"


def test_a_failed_showcase_build_speaks_chinese_only(make_project):
    project = make_project({"content/branches/bad.md": md("title: 错误的党组织\nlevel: 支部")},
                           mkdocs_yml=MATERIAL_YML)
    lines = run([console_script("showcase"), "build"], cwd=project)
    assert lines == [
        "ERROR   -  showcase: content/branches/bad.md:3: 错误：“level”（层级）不能写“支部”。是不是要写“党支部”？"
        "可选值：党组、党委、机关党委、党总支、党支部、临时党支部 [E024]",
        "INFO    -  showcase: 检查了 6 条记录：1 个错误，0 个警告",
        "内容检查未通过，请先修正上面的错误",
        "exit 1"]


def test_mkdocs_build_hides_its_progress_lines_behind_the_summary(make_project):
    """Material's banner is printed before MkDocs imports any plugin: a plain `mkdocs build` hides it
    only with NO_MKDOCS_2_WARNING=1 set beforehand (as scripts/ do; README says so)."""
    project = make_project(mkdocs_yml=MATERIAL_YML)
    lines = run([console_script("mkdocs"), "build"], cwd=project, NO_MKDOCS_2_WARNING="1")
    assert len(lines) == 2 and SUMMARY.match(lines[0]).group(1) == "site" and lines[1] == "exit 0", lines
    verbose = "\n".join(run([console_script("mkdocs"), "build", "--verbose"], cwd=project, NO_MKDOCS_2_WARNING="1"))
    assert "Documentation built in" in verbose  # MkDocs' own --verbose shows everything


def test_no_third_party_english_in_quiet_runs(make_project):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    for command in ([console_script("showcase"), "build"],
                    [console_script("mkdocs"), "build"]):
        env = {"NO_MKDOCS_2_WARNING": "1"} if command[0].endswith("mkdocs") else {}
        text = "\n".join(run(command, cwd=project, **env))
        for words in THIRD_PARTY:
            assert words not in text, (command, text)
