"""The writing guide (/guide/), message codes and `showcase explain`: every message has a code and
an explanation, the guide is generated from the schema and the catalogue, and its example records
pass the check in the sample project."""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, console_script, md, mkdocs_build, run_core, subprocess_env

from generator.cli import main as showcase_main
from generator.authoring.examples import example_fields, example_file, example_path
from generator.core.messages import (CATALOGUE, CODE_PATTERN, ERROR, WARNING, Problem, explanation,
                                     explanation_text, find_message, message_keys)
from generator.core.schema import KINDS
from generator.site.guide import allowed_values
from generator.site.pages import NAV, Showcase

GENERATOR = REPO / "generator"
MATERIAL_YML = "site_name: 测试\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins: [showcase]\n"


def guide_html(project_dir: Path) -> str:
    """The guide page's content, rendered as a build renders it."""
    page = next(p for p in Showcase(run_core(project_dir)).pages() if p.url == "guide/")
    return page.html()


def showcase(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=subprocess_env(), cwd=cwd, timeout=120)


# -- the catalogue: every message has a code and an explanation -------------------------------

def test_every_catalogue_entry_is_a_message_with_a_code_or_a_fragment():
    codes = []
    for key, entry in CATALOGUE.items():
        assert ("code" in entry) != bool(entry.get("fragment")), f"{key}: give it a code, or mark it a fragment"
        assert entry["zh"] and entry["en"], key
        if "code" in entry:
            assert CODE_PATTERN.match(entry["code"]), f"{key}: {entry['code']} is not E### or W###"
            codes.append(entry["code"])
            for part in ("why", "fix"):  # in Chinese
                assert re.search(r"[\u4e00-\u9fff]", entry.get(part, "")), f"{key} has no Chinese {part}"
    assert len(codes) == len(set(codes)), "a code is used twice"


def _reported_keys() -> list[tuple[str, int, str]]:
    """(file, line, key) of every message key written literally where a message is reported:
    Problem(path, line, KEY), checker.error/warn(path, KEY), OptionError(option, KEY),
    ConfigError(KEY), bilingual(KEY), with_code(text, KEY)."""
    position = {"Problem": 2, "error": 1, "warn": 1, "OptionError": 1, "ConfigError": 0, "bilingual": 0,
                "with_code": 1}
    found = []
    for path in GENERATOR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            at = position.get(name)
            if at is None or len(node.args) <= at:
                continue
            arg = node.args[at]
            options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            for option in options:
                if isinstance(option, ast.Constant) and isinstance(option.value, str):
                    found.append((str(path.relative_to(REPO)), node.lineno, option.value))
    return found


def test_every_message_that_can_be_reported_has_a_code_and_an_explanation():
    reported = _reported_keys()
    assert len({key for _, _, key in reported}) > 40  # the scan finds the reporting calls
    for path, line, key in reported:
        assert key in CATALOGUE, f"{path}:{line}: {key} is not in the catalogue"
        assert "code" in CATALOGUE[key], f"{path}:{line}: the message {key} has no code"
        entry = explanation(key)
        assert entry["why"] and entry["fix"]


def test_a_problem_must_be_a_message_reported_with_its_codes_severity():
    with pytest.raises(KeyError):  # a fragment is never a problem
        Problem("content/cases/x.md", 1, "did-you-mean-key", {"best": "tags"})
    with pytest.raises(ValueError, match="W001"):
        Problem("content/cases/x.md", 1, "ref-case", {}, ERROR)
    with pytest.raises(ValueError, match="E013"):
        Problem("content/cases/x.md", 1, "required", {}, WARNING)


def test_a_message_line_ends_with_its_code(check):
    problems = check({"content/branches/bad.md": md("""
        title: 错误的党组织
        level: 支部
        """)})
    assert [p.format("zh") for p in problems] == [
        "content/branches/bad.md:3: 错误：“level”（层级）不能写“支部”。是不是要写“党支部”？"
        "可选值：党组、党委、机关党委、党总支、党支部、临时党支部 [E024]"]
    assert problems[0].format("en").endswith("[E024]")
    assert problems[0].as_json("zh")["code"] == "E024" and problems[0].as_json("zh")["key"] == "enum"


def test_check_prints_codes_and_json_carries_them(make_project):
    project = make_project({"content/sites/warned.md": md("""
        title: 大小写不对的示范点
        branch: Baseline-Branch
        """)})
    result = showcase("check", str(project))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "content/sites/warned.md:3: 警告：“branch”（所属党组织）引用的“Baseline-Branch”大小写与记录编号"
        "“baseline-branch”不一致。请写成“baseline-branch” [W001]"]
    report = json.loads(showcase("check", str(project), "--format", "json").stdout)
    assert [(p["code"], p["key"]) for p in report["problems"]] == [("W001", "ref-case")]


def test_a_mistake_in_mkdocs_yml_carries_its_code(make_project):
    project = make_project(mkdocs_yml="site_name: 测试\ndocs_dir: content\nplugins:\n  - showcase:\n      lang: fr\n")
    result = showcase("check", str(project))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("[E053]"), result.stderr


# -- showcase explain ---------------------------------------------------------------------------

def test_explain_prints_the_guides_entry_by_code_or_key(make_project, capsys):
    assert showcase_main(["explain", "E024"]) == 0
    by_code = capsys.readouterr().out
    assert showcase_main(["explain", "enum"]) == 0
    assert capsys.readouterr().out == by_code
    assert showcase_main(["explain", "e024"]) == 0  # staff type it in lower case too
    assert capsys.readouterr().out == by_code
    entry = CATALOGUE["enum"]
    assert by_code.splitlines()[0] == "E024（错误，enum）"
    assert f"含义：{entry['why']}" in by_code and f"怎么改：{entry['fix']}" in by_code
    guide = html.unescape(guide_html(make_project()))
    for words in (entry["why"], entry["fix"], explanation("enum")["zh"]):
        assert words in guide


def test_explain_an_unknown_code(capsys):
    assert showcase_main(["explain", "E9999"]) == 1
    assert "没有“E9999”这个代码" in capsys.readouterr().err
    assert find_message("did-you-mean-key") is None  # a fragment is not a message


def test_explain_lists_every_code(capsys):
    assert showcase_main(["explain"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == sorted(message_keys())


# -- the guide page ------------------------------------------------------------------------------

def test_a_new_message_code_appears_in_the_guide_and_explain(make_project, monkeypatch, capsys):
    monkeypatch.setitem(CATALOGUE, "test-new-message", {
        "code": "E998", "zh": "新的检查信息：{key} 写错了", "en": "a new message: {key} is wrong",
        "why": "为测试加入的信息的含义", "fix": "为测试加入的信息的改法"})
    guide = guide_html(make_project())
    assert '<div class="sc-message" id="E998">' in guide
    assert "新的检查信息：‹字段› 写错了" in guide
    assert "为测试加入的信息的含义" in guide and "为测试加入的信息的改法" in guide
    assert showcase_main(["explain", "E998"]) == 0
    assert "为测试加入的信息的改法" in capsys.readouterr().out


def test_the_guide_lists_every_message(make_project):
    guide = guide_html(make_project())
    for code, key in message_keys().items():
        assert f'id="{code}"' in guide, key
        assert html.escape(CATALOGUE[key]["why"], quote=False) in guide


def test_the_guide_shows_each_kinds_example_and_fields(make_project):
    guide = html.unescape(guide_html(make_project()))
    for kind in KINDS:
        assert example_file(kind) in guide
        assert example_path(kind) in guide
        for field in kind.fields:
            assert f"<code>{field.key}</code></td><td>{field.zh}</td>" in guide
    assert "2021年7月17日" in guide and "<code>2021年</code></td><td>2021年</td><td>只有年份" in guide


def test_the_guide_lists_the_allowed_values_of_the_projects_vocabularies(make_project):
    mkdocs_yml = ("site_name: 测试\ndocs_dir: content\nplugins:\n  - showcase:\n      vocabularies:\n"
                  "        lecture_fields: [党史, 水利业务]\n")
    project = make_project(mkdocs_yml=mkdocs_yml)
    guide = guide_html(project)
    assert "党史、水利业务" in guide  # the project's vocabulary, not the default
    rows = {c["key"]: c for c in allowed_values(run_core(project).settings.vocabularies)}
    assert rows["honors.level"]["values"] == ("国家级", "省部级", "地市级", "县区级", "系统内")
    assert rows["honors.level"]["kinds"] == ["党组织", "党建品牌", "典型案例"]
    assert set(rows) == {"categories", "visibility", "level", "honors.level", "stage", "status", "fields",
                         "format", "media.kind", "category"}
    for row in rows.values():
        assert "、".join(row["values"]) in guide


def test_the_guide_is_in_the_nav():
    assert ("编写指南", "guide/") in NAV


# -- the examples pass the check ----------------------------------------------------------------

def test_each_example_passes_showcase_check_in_the_sample_project(tmp_path):
    project = tmp_path / "sample"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for kind in KINDS:
        path = project / example_path(kind)
        assert not path.exists()
        path.write_text(example_file(kind), encoding="utf-8")
    result = showcase("check", str(project), "--no-cache")
    assert result.returncode == 0 and result.stdout == "", result.stdout
    assert result.stderr.endswith("0 个错误，0 个警告\n")
    records = {r.path: r for r in run_core(project).records}
    for kind in KINDS:  # every field the example shows was read, with a value
        record = records[example_path(kind)]
        assert record.kind == kind.name
        assert set(record.values) >= {f.key for f in example_fields(kind)}, kind.name


# -- a real build: the page, its table of contents and the nav ------------------------------------

@pytest.mark.build
def test_the_built_guide_has_a_table_of_contents_and_a_nav_entry(make_project, tmp_path):
    project = make_project(mkdocs_yml=MATERIAL_YML)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    page = (site / "guide" / "index.html").read_text(encoding="utf-8")
    start = page.index('<nav class="md-nav md-nav--secondary"')  # Material's table of contents
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">([^<]*)<',
                     page[start:page.index('<div class="md-content"', start)])
    anchors = list(dict.fromkeys(anchor for anchor, _ in toc))  # Material repeats it for small screens
    assert anchors == ["start", "kinds", *(k.name for k in KINDS), "yaml", "dates", "references", "assets",
                       "drafts", "raw-html", "preview", "values", "messages", "errors", "warnings"]
    assert ("case", "典型案例（case）") in [(a, t.strip()) for a, t in toc]
    assert all(page.count(f'id="{anchor}"') == 1 for anchor in anchors)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="guide/" class="md-nav__link">\s*<span class="md-ellipsis">\s*编写指南', home)


def test_the_guides_yaml_snippets_read_as_they_say(make_project):
    """Every `key: value` snippet of the guide's rules reads as YAML, quoted values whole."""
    import yaml

    guide = guide_html(make_project())
    rules = guide[guide.index('id="yaml"'):guide.index('id="values"')]
    snippets = [html.unescape(s) for s in re.findall(r"<code>([a-z_]+:[ \n][^<]+)</code>", rules)]
    assert len(snippets) >= 10
    for snippet in snippets:
        data = yaml.safe_load(snippet)
        assert isinstance(data, dict) and None not in data.values(), snippet
        quoted = re.fullmatch(r'[a-z_]+: "(.*)"', snippet)
        if quoted:
            assert list(data.values()) == [quoted.group(1)], snippet
