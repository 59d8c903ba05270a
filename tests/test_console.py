"""What staff see of a real build on the console: our Chinese lines and a one-line summary, no
English banners or progress lines, unless --verbose."""

from __future__ import annotations

import re
import subprocess
import sys
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


BANNER = "Material for MkDocs reaches end of life"


def test_mkdocs_build_hides_its_progress_lines_and_materials_banner_behind_the_summary(make_project):
    """Without NO_MKDOCS_2_WARNING in the environment, as on a staff member's machine: the banner
    is hidden by generator/startup.py, run at interpreter start-up (showcase-quiet.pth)."""
    project = make_project(mkdocs_yml=MATERIAL_YML)
    for command in (["mkdocs"], [sys.executable, "-m", "mkdocs"]):
        if command == ["mkdocs"]:
            command = [console_script("mkdocs")]
        lines = run([*command, "build"], cwd=project)
        assert len(lines) == 2 and SUMMARY.match(lines[0]).group(1) == "site" and lines[1] == "exit 0", lines


@pytest.mark.parametrize("flag, env", [("-v", {}), ("--verbose", {}), (None, {"SHOWCASE_VERBOSE": "1"})])
def test_verbose_mkdocs_build_shows_everything(make_project, flag, env):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    text = "\n".join(run([console_script("mkdocs"), "build", *([flag] if flag else [])], cwd=project, **env))
    assert BANNER in text
    assert any(SUMMARY.match(line) for line in text.splitlines())
    if flag:
        assert "Documentation built in" in text  # MkDocs' own --verbose shows its progress lines


def test_a_banner_asked_for_by_the_user_is_shown(make_project):
    """The start-up hook sets NO_MKDOCS_2_WARNING only when the user has not: an empty value
    (Material's "show it") is left alone."""
    project = make_project(mkdocs_yml=MATERIAL_YML)
    assert BANNER in "\n".join(run([console_script("mkdocs"), "build"], cwd=project, NO_MKDOCS_2_WARNING=""))


def test_other_programs_are_untouched_by_the_start_up_hook():
    environment = subprocess_env()
    environment.pop("NO_MKDOCS_2_WARNING")
    result = subprocess.run([sys.executable, "-c", "import os; print(os.environ.get('NO_MKDOCS_2_WARNING'))"],
                            capture_output=True, text=True, env=environment, timeout=60)
    assert result.stdout.strip() == "None"


def test_strict_showcase_build_aborts_in_chinese(make_project):
    project = make_project({"content/branches/cut.md": md("title: 开展 #我为群众办实事# 活动的支部\nlevel: 党支部")},
                           mkdocs_yml=MATERIAL_YML)  # a value cut by "#": a warning
    lines = run([console_script("showcase"), "build", "--strict"], cwd=project)
    assert lines[-2:] == ["严格模式（--strict）下有 1 个警告，网站未生成。请修正上面的警告，或去掉 --strict 再生成", "exit 1"]
    assert all("showcase: " in line for line in lines[:-2]), lines  # the warning and the check's summary
    for words in THIRD_PARTY + ("Aborted", "strict mode"):
        assert words not in "\n".join(lines)


def test_no_third_party_english_in_quiet_runs(make_project):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    for command in ([console_script("showcase"), "build"],
                    [console_script("mkdocs"), "build"]):
        text = "\n".join(run(command, cwd=project))
        for words in THIRD_PARTY:
            assert words not in text, (command, text)


def test_mkdocs_serve_says_its_address_in_chinese_and_nothing_else(make_project):
    """A plain `mkdocs serve`, without NO_MKDOCS_2_WARNING: the summary and the address only."""
    import socket
    import time

    project = make_project(mkdocs_yml=MATERIAL_YML)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = subprocess_env(SHOWCASE_SEARCH="0")
    environment.pop("NO_MKDOCS_2_WARNING")
    process = subprocess.Popen([console_script("mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                               env=environment)
    lines = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            if line.strip():
                lines.append(line.rstrip("\n"))
            if "预览地址" in line:
                break
    finally:
        process.terminate()
        lines += [line.rstrip("\n") for line in process.communicate(timeout=60)[0].splitlines() if line.strip()]
    assert re.fullmatch(r"INFO    -  showcase: 网站已生成：\d+ 个页面（5 条记录），用时 [\d.]+ 秒", lines[0]), lines
    assert re.fullmatch(rf"INFO    -  \[[\d:]+\] 预览地址：http://127\.0\.0\.1:{port}/ （保存文件后页面自动刷新；按 Ctrl\+C 结束）",
                        lines[1]), lines
    assert len(lines) == 2, lines  # nothing on stopping either
    for words in (*THIRD_PARTY, "Serving on", "Watching", "Shutting down"):
        assert words not in "\n".join(lines)
