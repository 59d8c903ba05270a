"""The mistakes publicity staff really make, each reported on its line with what to write instead.

Collected from people writing their first records (issue 10 §3): colons, commas and spaces
from a Chinese keyboard, "#" in titles, invisible characters pasted from web pages and WeChat,
titles written where an id belongs, fields of another kind.
"""

from __future__ import annotations

import pytest

from conftest import WARNING, assert_problem, md, only

from generator.cli import main

CASE = "content/cases/mistake.md"
BRANCH = "content/branches/mistake.md"
SITE = "content/sites/mistake.md"
LECTURE = "content/lectures/基线讲堂/002.md"

def case(first: str, rest: str = "") -> str:
    """A case whose front matter starts with `first` (line 2 of the file), then date, branches
    (line 4) and category, then `rest` (from line 6)."""
    return md(f"{first}\ndate: 2021-07-17\nbranches: [baseline-branch]\ncategory: 服务群众\n{rest}")


def lecture(speakers: str) -> str:
    """A lecture whose `speakers:` key is on line 6 and its items from line 7."""
    return md("title: 第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021-07-17\nspeakers:\n" + speakers)


# -- colons ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, code, what", [
    ("title：开展活动", "yaml-colon-fullwidth", "中文冒号“："),
    ("title:开展活动", "yaml-colon-space", "冒号后面没有普通空格"),
    ("title:\u00a0开展活动", "yaml-colon-space", "‹不换行空格›"),
])
def test_a_colon_mistake_on_the_first_key_is_reported_on_that_line(check, written, code, what):
    # YAML reads the first line and the next as one text and fails on the next key.
    problem = only(check({CASE: case(written)}))
    assert_problem(problem, CASE, 2, code, what, "请写成：title: 开展活动", en=("title: 开展活动",))


@pytest.mark.parametrize("written, code", [("category：服务群众", "yaml-colon-fullwidth"),
                                           ("category:服务群众", "yaml-colon-space")])
def test_a_colon_mistake_on_a_later_key_is_reported_on_its_line(check, written, code):
    text = md(f"title: 开展活动\ndate: 2021-07-17\n{written}\nbranches: [baseline-branch]")
    assert_problem(only(check({CASE: text})), CASE, 4, code, f"“{written}”", "请写成：category: 服务群众")


def test_a_full_width_colon_in_a_list_item_is_reported_on_the_item(check):
    problem = only(check({LECTURE: lecture("  - name：张三\n    role: 教授\n")}))
    assert_problem(problem, LECTURE, 7, "yaml-colon-fullwidth", "“- name：张三”", "请写成：- name: 张三")


def test_a_full_width_colon_in_a_lone_list_item_is_reported_instead_of_a_type_error(check):
    # Alone, "name：张三" is valid YAML: one text where the speaker's sub-fields were meant.
    problem = only(check({LECTURE: lecture("  - name：张三\n")}))
    assert_problem(problem, LECTURE, 7, "yaml-colon-fullwidth", "“name：张三”", "请写成：name: 张三")


def test_a_front_matter_of_one_full_width_colon_line_says_so(check):
    problem = only(check({BRANCH: md("title：第一党支部")}))
    assert_problem(problem, BRANCH, 2, "yaml-colon-fullwidth", "请写成：title: 第一党支部")


def test_a_colon_inside_a_value_is_not_taken_for_a_colon_mistake(check):
    problem = only(check({CASE: case("title: 会议: 开幕式")}))
    assert_problem(problem, CASE, 2, "yaml-syntax", "加引号", "请把整个值用英文引号括起来", 'title: "会议: 开幕式"')


# -- commas in lists -------------------------------------------------------------------------

def test_a_chinese_comma_in_a_free_text_flow_item_warns_and_shows_the_split(load):
    project = load({CASE: case("title: 开展活动", "tags: [防汛，抢险, 演练]")})
    assert_problem(only(project.problems), CASE, 6, "list-comma-kept", "“防汛，抢险”", "中文逗号“，”",
                   "英文逗号“,”", "每项一行", "请写成：tags: [防汛, 抢险]", severity=WARNING,
                   en=("full-width comma", "tags: [防汛, 抢险]"))
    assert project.resolve("mistake").values["tags"] == ["防汛，抢险", "演练"]  # kept as written


def test_a_chinese_comma_between_allowed_values_says_each_is_allowed(check):
    problem = only(check({CASE: case("title: 开展活动", "categories: [思想建设，组织建设]")}))
    assert_problem(problem, CASE, 6, "list-comma", "“思想建设，组织建设”", "请写成：categories: [思想建设, 组织建设]",
                   "这几项都是可选值", en=("each is an allowed value",))
    assert "是不是要写" not in problem.format("zh")  # no longer one value suggested, the other dropped


def test_an_enumeration_comma_between_allowed_values_in_a_block_list_is_reported(check):
    problem = only(check({CASE: case("title: 开展活动", "categories:\n  - 思想建设、组织建设")}))
    assert_problem(problem, CASE, 7, "list-comma", "顿号“、”", "[思想建设, 组织建设]", "这几项都是可选值")


def test_a_chinese_comma_between_ids_is_reported_once(check):
    text = md("title: 开展活动\ndate: 2021\ncategory: 服务群众\nbranches: [baseline-branch，baseline-branch]")
    assert_problem(only(check({CASE: text})), CASE, 5, "list-comma", "[baseline-branch, baseline-branch]")


def test_a_quoted_item_or_a_free_text_line_item_keeps_its_comma(check):
    assert check({CASE: case("title: 开展活动", 'tags: ["防汛，抢险"]')}) == []
    assert check({CASE: case("title: 开展活动", "tags:\n  - 防汛，抢险")}) == []


# -- "#" in a value --------------------------------------------------------------------------

def test_a_hash_after_a_space_cuts_the_value_and_warns(load):
    project = load({CASE: case("title: 开展 #我为群众办实事# 主题活动")})
    assert_problem(only(project.problems), CASE, 2, "comment-cut", "只读到“开展”", "“#我为群众办实事# 主题活动”",
                   "英文引号", 'title: "开展 #我为群众办实事# 主题活动"', severity=WARNING,
                   en=("cut", 'title: "开展 #我为群众办实事# 主题活动"'))
    assert project.resolve("mistake").title == "开展"


def test_a_value_that_is_all_hashtag_is_empty_and_says_why(check):
    problem = only(check({CASE: case("title: 开展活动", "summary: #我为群众办实事#")}))
    assert_problem(problem, CASE, 6, "comment-cut-all", "值是空的", 'summary: "#我为群众办实事#"', severity=WARNING)


def test_a_hash_inside_a_word_and_a_real_comment_are_fine(load):
    project = load({CASE: case("title: 开展#我为群众办实事#活动", "summary: 摘要  # 以后再改")})
    assert project.problems == []
    assert project.resolve("mistake").title == "开展#我为群众办实事#活动"


# -- what the author wrote -------------------------------------------------------------------

def test_a_dotted_date_is_quoted_as_written_with_the_form_to_write(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nfounded: 2012.10")}))
    assert_problem(problem, BRANCH, 4, "date", "“2012.10”", "请写成 2012-10", en=('"2012.10"', "Write 2012-10"))
    assert "2012.1”" not in problem.format("zh")


@pytest.mark.parametrize("line, code, written", [
    ("number: 2.50", "type-integer", "“2.50”"),
    ("attendance: 1e3", "type-integer", "“1e3”"),
    ("format: yes", "enum", "“yes”"),
])
def test_values_yaml_reads_as_another_type_are_quoted_as_written(check, line, code, written):
    text = md(f"title: 第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021\nspeakers: [{{name: 张三}}]\n{line}")
    text = text.replace("number: 2\n", "") if line.startswith("number") else text
    problem = only(check({LECTURE: text}))
    assert written in problem.format("zh"), problem.format("zh")
    assert problem.code == code


@pytest.mark.parametrize("written", ["no", "yes", "2012.10", "2021-07-01", "071"])
def test_text_fields_keep_what_yaml_would_read_as_another_type(load, written):
    project = load({BRANCH: md(f"title: {written}\nlevel: 党支部")})
    assert project.problems == []
    assert project.resolve("mistake").title == written


def test_a_numeric_id_keeps_its_leading_zero(load):
    project = load({BRANCH: md("id: 071\ntitle: 支部\nlevel: 党支部")})
    assert project.problems == []
    assert project.resolve("071") is not None


# -- references written as titles ------------------------------------------------------------

def test_a_reference_written_as_the_title_names_the_id(check):
    problem = only(check({SITE: md("title: 点\nbranch: 基线党支部")}))
    assert_problem(problem, SITE, 3, "ref-missing", "“基线党支部”不存在", "content/branches/baseline-branch.md",
                   "请写编号“baseline-branch”", en=('write "baseline-branch"',))


def test_a_cached_check_still_names_the_id_of_a_title(make_project, capsys):
    # The check cache keeps what the rules across files read: titles too.
    project = make_project({SITE: md("title: 点\nbranch: 基线党支部")})
    outputs = []
    for _ in range(2):
        assert main(["check", str(project)]) == 1
        outputs.append(capsys.readouterr().out)
    assert "请写编号“baseline-branch”" in outputs[0]
    assert outputs[1] == outputs[0]


def test_a_title_in_traditional_script_with_spaces_still_names_the_id(check):
    problem = only(check({CASE: case("title: 开展活动").replace("[baseline-branch]", "[基線 黨支部]")}))
    assert_problem(problem, CASE, 4, "ref-missing", "请写编号“baseline-branch”")


def test_a_title_written_almost_right_names_the_closest_record(check):
    problem = only(check({SITE: md("title: 点\nbranch: 基线党支")}))
    assert_problem(problem, SITE, 3, "ref-missing", "是不是 content/branches/baseline-branch.md 的“基线党支部”",
                   "请写编号“baseline-branch”")


def test_a_title_in_a_body_link_names_the_id(check):
    problem = only(check({SITE: md("title: 点\nbranch: baseline-branch", "见[[基线品牌]]。")}))
    assert_problem(problem, SITE, 6, "ref-missing", "请写编号“baseline-brand”")


# -- fields of another kind ------------------------------------------------------------------

def test_a_field_of_another_kind_names_the_kinds_that_have_it(check):
    problem = only(check({CASE: case("title: 开展活动", "stars: 5")}))
    assert_problem(problem, CASE, 6, "unknown-key", "未知字段“stars”", "典型案例没有这个字段", "党组织（写在“rating”下）才有",
                   en=('"case"', '"organisation" (under "rating")'))
    assert "tags" not in problem.format("zh")


def test_a_brand_field_on_a_site_names_the_brand_kind(check):
    problem = only(check({SITE: md("title: 点\nbranch: baseline-branch\nslogan: 先锋领航")}))
    assert_problem(problem, SITE, 4, "unknown-key", "示范点没有这个字段，党建品牌才有")


def test_a_misspelt_field_still_gets_the_nearest_key(check):
    problem = only(check({SITE: md("title: 点\nbrnach: baseline-branch\nbranch: baseline-branch")}))
    assert_problem(problem, SITE, 3, "unknown-key", "是不是要写“branch”")


# -- invisible characters --------------------------------------------------------------------

def test_a_zero_width_space_in_a_reference_is_named_and_taken_out(load):
    project = load({CASE: case("title: 开展活动").replace("[baseline-branch]", "[baseline\u200b-branch]")})
    assert_problem(only(project.problems), CASE, 4, "invisible-in-value", "“baseline‹零宽空格›-branch”",
                   "写成“baseline-branch”", severity=WARNING, en=("‹zero-width space›",))
    assert project.resolve("mistake").values["branches"] == ["baseline-branch"]


def test_a_zero_width_space_inside_a_key_is_named(load):
    project = load({CASE: case("ti\u200btle: 开展活动")})
    assert_problem(only(project.problems), CASE, 2, "invisible-in-key", "“ti‹零宽空格›tle”", "写成“title”",
                   severity=WARNING)
    assert project.resolve("mistake").title == "开展活动"


def test_a_byte_order_mark_starting_a_line_is_named_in_the_yaml_error(check):
    # Two files pasted together: the second one's BOM lands inside the front matter.
    problem = only(check({CASE: case("title: 开展活动\n\ufeffsummary: 摘要")}))
    assert_problem(problem, CASE, 3, "yaml-syntax", "‹BOM 字节顺序标记›", "请删掉")


@pytest.mark.parametrize("space, name", [("\u3000", "‹全角空格›"), ("\u00a0", "‹不换行空格›")])
def test_indentation_with_odd_spaces_is_named(check, space, name):
    problem = only(check({LECTURE: lecture(f"{space * 2}- name: 张三\n")}))
    assert_problem(problem, LECTURE, 7, "yaml-indent-invisible", name, "普通的半角空格", en=("ASCII spaces",))


def test_a_yaml_error_caused_by_full_width_indentation_says_so(check):
    text = md("title: 支部\nlevel: 党支部\nrating:\n\u3000\u3000stars: 3\n  year: 2020")
    assert_problem(only(check({BRANCH: text})), BRANCH, 5, "yaml-indent-invisible", "‹全角空格›")


def test_an_odd_space_inside_an_id_is_named_in_the_message(check):
    problem = only(check({BRANCH: md("id: abc\u3000def\ntitle: 支部\nlevel: 党支部")}))
    assert_problem(problem, BRANCH, 2, "id-format", "“abc‹全角空格›def”")


# -- YAML errors explained -------------------------------------------------------------------

@pytest.mark.parametrize("value, what", [("*重点*工作", "别名"), ("*重点工作", "别名"), ("&重点工作", "锚点")])
def test_a_value_starting_with_star_or_ampersand_says_to_quote_it(check, value, what):
    problem = only(check({CASE: case(f"title: {value}")}))
    assert_problem(problem, CASE, 2, "yaml-syntax", what, f'title: "{value}"', en=(f'title: "{value}"',))
    assert "引号或括号没有配对" not in problem.format("zh")


def test_a_misaligned_sub_field_is_an_indentation_error(check):
    problem = only(check({LECTURE: lecture("  - name: 张三\n   role: 教授\n")}))
    assert_problem(problem, LECTURE, 8, "yaml-syntax", "缩进", "左边对齐", en=("indent",))
    assert "引号或括号没有配对" not in problem.format("zh")


def test_an_over_indented_key_is_an_indentation_error(check):
    problem = only(check({BRANCH: md("title: 支部\n  level: 党支部")}))
    assert_problem(problem, BRANCH, 3, "yaml-syntax", "左边对齐")


def test_an_unclosed_bracket_says_bracket(check):
    problem = only(check({CASE: case("title: 开展活动", "tags: [防汛, 抢险\nsummary: 摘要")}))
    assert_problem(problem, CASE, 7, "yaml-syntax", "方括号", en=("bracket",))


# -- lecture file names ------------------------------------------------------------------------

def test_a_lecture_file_number_that_disagrees_with_number_warns(check):
    path = "content/lectures/基线讲堂/079.md"
    text = md("title: 第97期\nseries: 基线讲堂\nnumber: 97\ndate: 2021\nspeakers: [{name: 张三}]")
    assert_problem(only(check({path: text})), path, 4, "lecture-number-file", "“079.md”", "第 79 期", "97",
                   severity=WARNING, en=("session 79",))


def test_lecture_files_named_otherwise_are_not_compared(check):
    text = md("title: 第97期\nseries: 基线讲堂\nnumber: 97\ndate: 2021\nspeakers: [{name: 张三}]")
    assert check({"content/lectures/基线讲堂/097.md": text, "content/lectures/基线讲堂/特别场.md": text
                  .replace("97", "98")}) == []
