"""The schema is the single source: what is derived from the field and kind declarations."""

from __future__ import annotations

import json
import marshal
import re
import subprocess
import sys
from html import unescape

import pytest
from conftest import REPO, md, run_core, subprocess_env, write_project

from generator.core.checkcache import _facts, _record_from_facts
from generator.core.fields import DateOrPeriod, Field
from generator.core.project import Project, cross_check
from generator.core.schema import CROSS_CHECK_KEYS, KINDS
from generator.search.documents import FACETS, KIND_LABELS
from generator.site.pages import NAV
from generator.site.render import kind_css


def every_field():
    """(kind, path, field) for every field and sub-field of every kind."""
    def walk(kind, path, fields):
        for f in fields:
            yield kind.name, path + (f.key,), f
            subs = f.sub_fields or (f.type.period.fields if isinstance(f.type, DateOrPeriod) else [])
            yield from walk(kind, path + (f.key,), subs)
    for kind in KINDS:
        yield from walk(kind, (), kind.fields)


@pytest.mark.parametrize("kind, path, field", list(every_field()), ids=lambda v: ".".join(v) if isinstance(v, tuple) else None)
def test_every_field_has_labels_help_and_an_example(kind, path, field: Field):
    assert field.zh and field.en, path
    assert re.search(r"[\u4e00-\u9fff]", field.help), f"{kind}.{'.'.join(path)}: help in Chinese"
    assert field.example is not None and field.example != "", f"{kind}.{'.'.join(path)}: example"


def test_kinds_declare_what_the_showcase_derives():
    names = [k.name for k in KINDS]
    assert [title for title, _ in NAV[1:1 + len(KINDS)]] == [k.index_title for k in sorted(KINDS, key=lambda k: k.nav)]
    assert KIND_LABELS == {k.name: k.zh for k in KINDS}
    assert set(FACETS) == {"kind", "org", "year", "category", "case_category", "tag", "honor"}
    css = kind_css()
    assert all(f".sc-kind--{name} {{ background: {k.colour}; }}" in css for name, k in zip(names, KINDS))
    assert set(CROSS_CHECK_KEYS) == {"id", "draft", "visibility", "parent", "series", "number",
                                     "tags", "categories", "category",  # addresses that may collide
                                     "title"}  # a reference written as a title names the id


# -- the check cache keeps everything the rules across files read -------------------------------

def cross_problems(project: Project, records) -> list[str]:
    copy = Project(project.settings, list(records))
    cross_check(copy)
    return [p.format("zh") + p.format("en") for p in copy.problems]


def through_cache(record):
    return _record_from_facts(marshal.loads(marshal.dumps(_facts(record))))


HOSTILE = {
    # a cycle of parents, an organisation naming itself, partners both ways
    "content/branches/a.md": md("title: 甲支部\nlevel: 党支部\nparent: b\npartners: [a, B]"),
    "content/branches/b.md": md("title: 乙支部\nlevel: 党支部\nparent: a"),
    # the same id in another case; a draft and an internal record named by public ones
    "content/branches/sub/A.md": md("title: 丙支部\nlevel: 党支部\nid: A"),
    "content/branches/draft.md": md("title: 草稿支部\nlevel: 党支部\ndraft: true"),
    "content/branches/inner.md": md("title: 内部支部\nlevel: 党支部\nvisibility: internal"),
    "content/brands/x.md": md("title: 品牌\nowner: [draft, inner, nowhere, baseline-brand]", "见 [[missng-id]]。"),
    # two sessions with one number, a series written in traditional script
    "content/lectures/基线讲堂/002.md": md("title: 第1期重复\nseries: 基线讲堂\nnumber: 1\ndate: 2021\n"
                                       "speakers: [{name: 讲者}]\nhost: inner"),
    "content/lectures/講堂/001.md": md("title: 繁体\nseries: 講堂\nnumber: 1\ndate: 2021\nspeakers: [{name: 讲者}]"),
    "content/cases/y.md": md("title: 案例\ndate: 2021\nbranches: [BASELINE-branch]\ncategory: 其他\n"
                             "sites: [baseline-branch]\nvisibility: internal"),
}


@pytest.mark.parametrize("files", [None, HOSTILE], ids=["sample", "hostile"])
def test_cross_check_over_cached_records_finds_the_same_problems(files, make_project):
    project = run_core(REPO if files is None else make_project(files))
    full = cross_problems(project, project.records)
    assert files is None or len(full) >= 10  # the hostile files do break the rules across files
    assert cross_problems(project, map(through_cache, project.records)) == full


# -- the record panel ---------------------------------------------------------------------------

@pytest.mark.build
def test_panel_labels_are_the_schema_labels(sample_site):
    site = sample_site
    sample = run_core(REPO)
    seen = set()
    for record in sample.records:
        path = site / record.url / "index.html"
        if not path.exists():
            continue  # unpublished
        html = path.read_text(encoding="utf-8")
        panel = html[html.index('<div class="sc-record '):html.index('<div class="sc-body">')]
        kind = next(k for k in KINDS if k.name == record.kind)
        labels = {f.zh for f in kind.fields}
        shown = [unescape(t) for t in re.findall(r"<dt>(.*?)</dt>", panel)]
        shown += [unescape(t) for t in re.findall(r'<h2 id="[^"]*">(.*?)</h2>', panel)]
        assert set(shown) <= labels, record.path
        seen.update(shown)
        for f in kind.panel["row"] + kind.panel["section"]:  # every written value is shown
            if record.values.get(f.key) not in (None, "", []) and f.target is None:
                assert f"{f.zh}</" in panel, (record.path, f.key)
    assert {"主办党组织", "星级评定", "创建阶段", "坐标", "系列", "荣誉", "推进计划", "照片"} <= seen


# -- a sixth kind is one declaration --------------------------------------------------------------

SIXTH_KIND = '''
    KindSchema("themeday", "themedays", "主题党日", "theme day", "#6a1b9a", 6, [
        Field("held", Date(), "举办日期", "held", required=True, help="举办日期", example="2021-07-01"),
        Field("organiser", Ref("branch"), "组织党组织", "organiser", search=True, organisation=True,
              backlinks="主题党日", help="组织活动的党组织编号", example="baseline-branch"),
        Field("theme", String(60), "主题", "theme", search=True, panel="badge",
              help="活动主题", example="重温入党誓词"),
    ], date_key="held"),
]

KIND_BY_NAME'''

SIXTH_KIND_RUN = '''
import json, sys, pathlib, types
import generator, generator.core, generator.core.fields
src = pathlib.Path(generator.__file__).parent / "core" / "schema.py"
text = src.read_text(encoding="utf-8")
assert text.count("\\n]\\n\\nKIND_BY_NAME") == 1
text = text.replace("\\n]\\n\\nKIND_BY_NAME", sys.argv[3], 1)
module = types.ModuleType("generator.core.schema")
module.__file__, module.__package__ = str(src), "generator.core"
sys.modules["generator.core.schema"] = generator.core.schema = module
exec(compile(text, str(src), "exec"), module.__dict__)
from generator.cli import main
'''


@pytest.mark.build
def test_a_sixth_kind_needs_one_declaration(tmp_path):
    project = write_project(tmp_path / "p", {
        "content/themedays/2021-07.md": md("title: 七一主题党日\nheld: 2021-07-01\norganiser: baseline-branch\n"
                                           "theme: 重温入党誓词<b>"),
        ".vscode/settings.json": '{"files.eol": "\\n"}',
    })
    script = SIXTH_KIND_RUN + '''
from generator.core.schema import KIND_NAMES
from generator.search.documents import KIND_LABELS
from generator.site.pages import NAV
from generator.site.render import kind_css
assert main(["schema", sys.argv[1]]) == 0
from mkdocs.__main__ import cli
cli.main(args=["build", "-q", "-f", sys.argv[1] + "/mkdocs.yml", "-d", sys.argv[2]], standalone_mode=False)
print(json.dumps({"names": KIND_NAMES["zh"], "search": KIND_LABELS, "nav": NAV, "css": kind_css()},
                 ensure_ascii=False))
'''
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", script, str(project), str(site), SIXTH_KIND],
                            capture_output=True, text=True, env=subprocess_env(SHOWCASE_SEARCH="0"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    derived = json.loads(result.stdout.strip().splitlines()[-1])
    assert derived["names"]["themeday"] == "主题党日" and derived["search"]["themeday"] == "主题党日"
    assert ["主题党日", "themedays/"] in derived["nav"]
    assert ".sc-kind--themeday { background: #6a1b9a; }" in derived["css"]
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["files.eol"] == "\n"  # other settings kept
    assert settings["yaml.schemas"]["./schemas/themeday.schema.json"] == ["content/themedays/**/*.md"]
    assert (project / "schemas" / "themeday.schema.json").exists()
    assert ".sc-kind--themeday" in (site / "assets" / "kinds.css").read_text(encoding="utf-8")
    record = (site / "themedays" / "2021-07" / "index.html").read_text(encoding="utf-8")
    assert 'sc-kind--themeday">主题党日</span>' in record
    assert "<dt>举办日期</dt>" in record and "<dt>组织党组织</dt>" in record
    assert "重温入党誓词&lt;b&gt;" in record and "重温入党誓词<b>" not in record  # escaped
    index = (site / "themedays" / "index.html").read_text(encoding="utf-8")
    assert "七一主题党日" in index  # a grid of cards
    branch = (site / "branches" / "baseline-branch" / "index.html").read_text(encoding="utf-8")
    group = re.search(r'data-group="themedays">.*?</section>', branch, re.S)
    assert group and "主题党日" in group.group(0) and "七一主题党日" in group.group(0)


# -- editor settings ------------------------------------------------------------------------------

def test_schema_keeps_other_editor_settings_and_leaves_a_commented_file_alone(make_project):
    from generator.cli import main
    project = make_project({".vscode/settings.json": '{"editor.tabSize": 2, "yaml.schemas": {"old": "x"}}'})
    assert main(["schema", str(project)]) == 0
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["editor.tabSize"] == 2
    assert settings["yaml.schemas"] == {f"./schemas/{k.name}.schema.json": [f"content/{k.folder}/**/*.md"]
                                        for k in KINDS}
    commented = '{\n  // mine\n  "editor.tabSize": 2\n}\n'
    project = make_project({".vscode/settings.json": commented})
    assert main(["schema", str(project)]) == 1
    assert (project / ".vscode" / "settings.json").read_text(encoding="utf-8") == commented
    assert (project / "schemas" / "case.schema.json").exists()
