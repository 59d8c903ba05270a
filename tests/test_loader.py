"""Reading a file: encodings, the front-matter fence, YAML syntax, duplicate keys, aliases."""

from __future__ import annotations

import time

from conftest import ERROR, assert_problem, md, only

from generator.core.loader import read_source

BRANCH = "content/branches/bad.md"


def test_baseline_project_has_no_problems(check):
    assert check() == []


# -- encodings -----------------------------------------------------------------------

def test_utf8_with_bom_and_crlf_is_read(load):
    text = "\ufeff---\r\ntitle: 带BOM的支部\r\nlevel: 党支部\r\nunit: 某单位\r\n---\r\n\r\n正文。\r\n"
    project = load({BRANCH: text.encode("utf-8")})
    assert project.problems == []
    record = project.resolve("bad")
    assert record.values["title"] == "带BOM的支部"
    assert record.values["unit"] == "某单位"  # no stray \r kept in values


def test_crlf_file_reports_the_right_line(check):
    text = "---\r\ntitle: 支部\r\nunit: 某单位\r\nlevel: 党支布\r\n---\r\n"
    assert_problem(only(check({BRANCH: text.encode("utf-8")})), BRANCH, 4, "enum", "党支布", "党支部")


def test_utf8_without_bom_is_read(load):
    project = load({BRANCH: md("title: 无BOM支部\nlevel: 党支部").encode("utf-8")})
    assert project.problems == []
    assert project.resolve("bad").title == "无BOM支部"


def test_gbk_file_is_named_as_gbk_at_its_first_non_utf8_line(check):
    raw = "---\nid: gbk-file\ntitle: 第一党支部\nlevel: 党支部\n---\n".encode("gbk")
    problem = only(check({BRANCH: raw}))
    assert_problem(problem, BRANCH, 3, "encoding-gbk", "不是 UTF-8", "GBK", "UTF-8",
                   en=("GBK", "UTF-8"))


def test_undecodable_binary_file_is_encoding_unknown(check):
    raw = b"---\ntitle: x\n\xff\xfe\xff\x00\x81\n---\n"
    try:
        raw.decode("gbk")
        raise AssertionError("test input must not decode as GBK")
    except UnicodeDecodeError:
        pass
    problem = only(check({BRANCH: raw}))
    assert_problem(problem, BRANCH, 3, "encoding-unknown", "UTF-8", "无法读取", en=("not UTF-8",))
    assert "GBK" not in problem.format("zh")


# -- the front-matter fence --------------------------------------------------------------

def test_missing_front_matter_is_an_error_on_line_1(check):
    problem = only(check({BRANCH: "# 没有 front matter\n\n正文。\n"}))
    assert_problem(problem, BRANCH, 1, "no-front-matter", "缺少", "---", en=("no front matter",))


def test_unclosed_front_matter_is_an_error_on_line_1(check):
    problem = only(check({BRANCH: "---\ntitle: 支部\nlevel: 党支部\n\n正文。\n"}))
    assert_problem(problem, BRANCH, 1, "unclosed-front-matter", "没有结束", "---")


def test_front_matter_may_close_with_dots(load):
    project = load({BRANCH: "---\ntitle: 支部\nlevel: 党支部\n...\n正文。\n"})
    assert project.problems == []
    assert project.resolve("bad").body.strip() == "正文。"


def test_front_matter_that_is_a_list_is_an_error(check):
    problem = only(check({BRANCH: "---\n- title\n- level\n---\n"}))
    assert_problem(problem, BRANCH, 2, "front-matter-not-mapping", "字段: 值")


def test_markdown_outside_kind_folders_is_left_alone(check):
    assert check({"content/about.md": "# 关于\n\n没有 front matter 的普通页面。\n",
                  "content/notes/x.md": "---\n: : bad yaml\n"}) == []


# -- YAML syntax ---------------------------------------------------------------------------

def test_full_width_colon_is_reported_with_a_hint_on_its_line(check):
    text = md("""
        level: 党支部
        title：第一党支部
        unit: 某单位
        """)
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 3, "yaml-colon-fullwidth", "“title：第一党支部”", "中文冒号“：”",
                   "请写成：title: 第一党支部", en=("full-width", "title: 第一党支部"))


def test_tab_indentation_is_reported_with_a_hint_on_its_line(check):
    text = "---\ntitle: 支部\nlevel: 党支部\nrating:\n  stars: 3\n\tyear: 2020\n---\n"
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 6, "yaml-syntax", "Tab", en=("tab",))


def test_unclosed_quote_is_reported_where_the_quote_opens(check):
    text = md("""
        level: 党支部
        title: "未闭合的标题
        unit: 某单位
        region: 某地
        """)
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 3, "yaml-syntax", "引号", en=("quote",))


def test_yaml_error_stops_further_checks_of_that_file_only(check):
    problems = check({BRANCH: "---\ntitle: [未闭合\n---\n",
                      "content/branches/other.md": md("title: 另一个\nlevel: 党委会")})
    assert [(p.path, p.code) for p in problems] == [
        (BRANCH, "yaml-syntax"), ("content/branches/other.md", "enum")]


# -- keys --------------------------------------------------------------------------------

def test_duplicate_key_names_both_lines(check):
    text = md("""
        title: 第一个标题
        level: 党支部
        title: 第二个标题
        """)
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 4, "duplicate-key", "“title”", "第 2 行",
                   en=('"title"', "line 2"))


def test_duplicate_key_inside_a_list_item(check):
    text = md("""
        title: 支部
        level: 党支部
        honors:
          - title: 先进党支部
            year: 2020
            year: 2021
        """)
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 7, "duplicate-key", "“year”", "第 6 行")


def test_every_key_keeps_its_line(tmp_path):
    text = md("""
        title: 支部
        level: 党支部
        honors:
          - title: 先进党支部
            level: 省部级
          - title: 五好党支部
            level: 地市级
        """)
    source = read_source(text.encode("utf-8"), "content/branches/x.md")
    assert source.problems == []
    assert source.lines[("title",)] == 2
    assert source.lines[("honors",)] == 4
    assert source.lines[("honors", 1)] == 7
    assert source.lines[("honors", 1, "level")] == 8
    assert source.line_of("honors", 1, "missing") == 7
    assert source.body_line == 10


# -- aliases -----------------------------------------------------------------------------

def billion_laughs() -> str:
    lines = ["title: 笑", "level: 党支部", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("unit: *i")
    return "---\n" + "\n".join(lines) + "\n---\n"


def test_billion_laughs_is_refused_within_a_second(make_project):
    from conftest import run_core
    project_dir = make_project({BRANCH: billion_laughs()})
    started = time.perf_counter()
    project = run_core(project_dir)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"took {elapsed:.2f}s"
    problem = only(project.problems)
    assert_problem(problem, BRANCH, 2, "yaml-too-complex", "别名", en=("aliases",))


def test_small_alias_is_fine(load):
    text = md("""
        title: &t 支部
        level: 党支部
        unit: *t
        """)
    project = load({BRANCH: text})
    assert project.problems == []
    assert project.resolve("bad").values["unit"] == "支部"


def test_deeply_nested_front_matter_is_reported_not_a_crash(check):
    # A corrupted or hostile file must give a message, not a Python traceback.
    text = "---\ntitle: 支部\nlevel: 党支部\nunit: " + "[" * 3000 + "]" * 3000 + "\n---\n"
    problems = check({BRANCH: text})
    assert problems, "a 3000-deep list in a text field must be reported"
    assert all(p.path == BRANCH and p.severity == ERROR and 1 <= p.line <= 5 for p in problems)
    for p in problems:
        p.format("zh"), p.format("en")


# -- line numbers are the editor's line numbers ------------------------------------------

def test_unicode_line_separator_in_a_value_does_not_shift_later_lines(check):
    # U+2028 arrives with text pasted from web pages; editors do not show it as a new line.
    text = "---\ntitle: '甲\u2028乙'\nlevel: 党支部\nunit: 某单位\nmembers: 多\n---\n"
    problem = only(check({BRANCH: text}))
    assert_problem(problem, BRANCH, 5, "type-integer", "“members”")


def test_unicode_line_separator_in_a_plain_value_is_reported_on_its_own_line_if_at_all(check):
    text = "---\ntitle: 支部\nsummary: 从网页复制\u2028的摘要\nlevel: 党支部\n---\n"
    problems = check({BRANCH: text})
    assert all(p.path == BRANCH and p.line == 3 for p in problems), [p.format("zh") for p in problems]
