"""One file against its kind's schema: required keys, types, enumerations, ranges,
lengths, images, vocabularies, ids, and how the problems are reported."""

from __future__ import annotations

import pytest
from conftest import WARNING, assert_problem, md, only

BRANCH = "content/branches/bad-branch.md"
BRAND = "content/brands/bad-brand.md"
SITE = "content/sites/bad-site.md"
LECTURE = "content/lectures/基线讲堂/002.md"
CASE = "content/cases/bad-case.md"


def lecture(extra: str = "", speakers: str = "speakers:\n  - name: 李四") -> str:
    """A valid second lecture of the baseline series; with the default speakers `extra` starts on line 8."""
    front = "title: 第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021-08-01\n" + speakers
    return md(front + ("\n" + extra if extra else ""))


# -- required keys ---------------------------------------------------------------------

@pytest.mark.parametrize("path, front", [
    (BRANCH, "level: 党支部"),
    (BRAND, "owner: baseline-branch"),
    (SITE, "branch: baseline-branch"),
    (LECTURE, "series: 基线讲堂\nnumber: 2\ndate: 2021\nspeakers: [{name: 李四}]"),
    (CASE, "date: 2021\nbranches: [baseline-branch]\ncategory: 其他"),
])
def test_every_kind_requires_a_title(check, path, front):
    problem = only(check({path: md(front)}))
    assert_problem(problem, path, 1, "required", "缺少必填字段“title”", "标题", "title:",
                   en=('required field "title"',))


@pytest.mark.parametrize("path, front, key", [
    (BRANCH, "title: 支部", "level"),
    (BRAND, "title: 品牌", "owner"),
    (SITE, "title: 示范点", "branch"),
    (LECTURE, "title: 讲堂\nseries: 基线讲堂\nnumber: 2\ndate: 2021", "speakers"),
    (LECTURE, "title: 讲堂\nseries: 基线讲堂\ndate: 2021\nspeakers: [{name: 李四}]", "number"),
    (LECTURE, "title: 讲堂\nnumber: 2\ndate: 2021\nspeakers: [{name: 李四}]", "series"),
    (LECTURE, "title: 讲堂\nseries: 基线讲堂\nnumber: 2\nspeakers: [{name: 李四}]", "date"),
    (CASE, "title: 案例\nbranches: [baseline-branch]\ncategory: 其他", "date"),
    (CASE, "title: 案例\ndate: 2021\ncategory: 其他", "branches"),
    (CASE, "title: 案例\ndate: 2021\nbranches: [baseline-branch]", "category"),
])
def test_kind_specific_required_keys(check, path, front, key):
    problem = only(check({path: md(front)}))
    assert_problem(problem, path, 1, "required", f"缺少必填字段“{key}”", f"{key}:")


def test_required_key_written_empty_is_reported_on_its_line(check):
    problem = only(check({BRANCH: md("title:\nlevel: 党支部")}))
    assert_problem(problem, BRANCH, 2, "empty-value", "“title”", "不能为空")


def test_required_sub_key_in_a_list_item(check):
    problem = only(check({LECTURE: lecture(speakers="speakers:\n  - affiliation: 某大学")}))
    assert_problem(problem, LECTURE, 7, "required", "缺少必填字段“name”", "姓名")


def test_honour_needs_a_title(check):
    front = "title: 支部\nlevel: 党支部\nhonors:\n  - title: 先进党支部\n  - level: 省部级\n    year: 2020"
    problem = only(check({BRANCH: md(front)}))
    assert_problem(problem, BRANCH, 6, "required", "“title”", "荣誉名称")


# -- empty optional fields -----------------------------------------------------------------

def test_empty_optional_fields_are_absent_not_errors(load):
    front = "title: 支部\nlevel: 党支部\nsummary:\nunit: ''\ntags:\nparent:\nrating:\nfounded:"
    project = load({BRANCH: md(front)})
    assert project.problems == []
    values = project.resolve("bad-branch").values
    for key in ("summary", "unit", "tags", "parent", "rating", "founded"):
        assert key not in values


# -- types --------------------------------------------------------------------------------

@pytest.mark.parametrize("line3, code, fragments", [
    ("members: 三十人", "type-integer", ("“members”", "整数", "三十人")),
    ("members: 12.5", "type-integer", ("“members”", "整数")),
    ("tags: 党史学习", "type-list", ("“tags”", "列表")),
    ("draft: 是", "type-bool", ("“draft”", "true 或 false")),
    ("unit: [甲, 乙]", "type-string", ("“unit”", "文字", "列表")),
    ("rating: 5", "type-mapping", ("“rating”", "stars")),
    ("founded: 去年", "date", ("“founded”", "不是有效日期", "2021年7月")),
])
def test_wrong_types_are_reported_on_the_key_line(check, line3, code, fragments):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\n" + line3)}))
    assert_problem(problem, BRANCH, 4, code, *fragments)


def test_number_with_unit_in_outcome_value(check):
    front = ("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 其他\n"
             "outcomes:\n  - label: 接转入境人员\n    value: 2271人\n    unit: 人")
    problem = only(check({CASE: md(front)}))
    assert_problem(problem, CASE, 8, "type-number", "“value”", "不带单位", en=("without a unit",))


def test_number_written_as_title_is_text(load):
    project = load({BRANCH: md("title: 2020\nlevel: 党支部")})
    assert project.problems == []
    assert project.resolve("bad-branch").title == "2020"


def test_source_url_must_be_a_web_address(check):
    front = "title: 支部\nlevel: 党支部\nsources:\n  - title: 报道\n    url: www.example.cn/a"
    problem = only(check({BRANCH: md(front)}))
    assert_problem(problem, BRANCH, 6, "url", "http://", "www.example.cn/a")


@pytest.mark.parametrize("written, expected", [("071", 71), ("078", 78), ("010", 10)])
def test_lecture_number_with_leading_zero_is_read_as_decimal(load, written, expected):
    # Files are named 071.md; an editor who writes `number: 071` means 71, not octal 57.
    project = load({f"content/lectures/基线讲堂/{written}.md": md(
        f"title: 第{expected}期\nseries: 基线讲堂\nnumber: {written}\ndate: 2021\nspeakers: [{{name: 李四}}]")})
    assert project.problems == []
    assert project.resolve(f"基线讲堂/{written}").values["number"] == expected


# -- lengths ----------------------------------------------------------------------------------

def test_title_of_80_characters_is_fine_81_is_too_long(check):
    assert check({BRANCH: md("title: " + "标" * 80 + "\nlevel: 党支部")}) == []
    problem = only(check({BRANCH: md("title: " + "标" * 81 + "\nlevel: 党支部")}))
    assert_problem(problem, BRANCH, 2, "too-long", "“title”", "最多 80 个字", "81 个字",
                   en=("at most 80", "81"))


def test_summary_of_300_characters_is_fine_301_is_too_long(check):
    assert check({BRANCH: md("title: 支部\nlevel: 党支部\nsummary: " + "摘" * 300)}) == []
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nsummary: " + "摘" * 301)}))
    assert_problem(problem, BRANCH, 4, "too-long", "“summary”", "最多 300 个字", "301 个字")


# -- lists --------------------------------------------------------------------------------------

def test_lecture_needs_at_least_one_speaker(check):
    problems = check({LECTURE: lecture(speakers="speakers: []")})
    # one mistake, one message
    problem = only(problems)
    assert problem.path == LECTURE and problem.line == 6 and problem.severity == "error"
    assert problem.code in ("list-too-short", "empty-value")
    assert "“speakers”" in problem.format("zh")


def test_case_needs_at_least_one_branch(check):
    problem = only(check({CASE: md("title: 案例\ndate: 2021\nbranches: []\ncategory: 其他")}))
    assert problem.path == CASE and problem.line == 4
    assert "“branches”" in problem.format("zh")


@pytest.mark.parametrize("owner", ["owner: baseline-branch", "owner: [baseline-branch]",
                                   "owner:\n  - baseline-branch\n  - second-branch"])
def test_brand_owner_may_be_one_id_or_a_list(load, owner):
    second = {"content/branches/second-branch.md": md("title: 第二支部\nlevel: 党支部")}
    project = load({BRAND: md("title: 品牌\n" + owner), **second})
    assert project.problems == []
    assert isinstance(project.resolve("bad-brand").values["owner"], list)
    assert project.resolve("bad-brand").values["owner"][0] == "baseline-branch"


def test_brand_owner_as_mapping_is_an_error(check):
    problem = only(check({BRAND: md("title: 品牌\nowner: {id: baseline-branch}")}))
    assert_problem(problem, BRAND, 3, "type-list", "“owner”")


def test_media_needs_a_url_or_a_file(check):
    extra = "media:\n  - kind: 视频\n  - kind: 讲义\n    url: https://example.cn/a.pdf\n  - kind: 图片\n    file: /assets/照片.jpg"
    problem = only(check({LECTURE: lecture(extra), "content/assets/照片.jpg": b"\xff\xd8\xff"}))
    assert_problem(problem, LECTURE, 9, "required", "url", "file")


def test_media_file_inside_content_is_fine(check):
    extra = "media:\n  - kind: 讲义\n    file: /assets/files/讲义.pdf"
    assert check({LECTURE: lecture(extra), "content/assets/files/讲义.pdf": b"%PDF-1.4"}) == []


def test_bad_media_file_is_one_problem_not_also_a_missing_url_or_file(check):
    # the file key is written, so "url or file is missing" would be a second, wrong message
    problem = only(check({LECTURE: lecture("media:\n  - kind: 讲义\n    file: 不存在的讲义.pdf")}))
    assert problem.line == 10 and problem.severity == "error"
    assert "不存在的讲义.pdf" in problem.format("zh")


# -- enumerations -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path, front, line, wrong, best", [
    (BRANCH, "title: 支部\nlevel: 党支布", 3, "党支布", "党支部"),
    (BRAND, "title: 品牌\nowner: baseline-branch\nstage: 成熟期", 4, "成熟期", "成熟"),
    (SITE, "title: 点\nbranch: baseline-branch\nstatus: 已建", 4, "已建", "已建成"),
    (BRANCH, "title: 支部\nlevel: 党支部\nhonors:\n  - title: 先进\n    level: 省部", 6, "省部", "省部级"),
    (BRANCH, "title: 支部\nlevel: 党支部\nvisibility: internl", 4, "internl", "internal"),
])
def test_enumeration_value_suggests_the_nearest_allowed(check, path, front, line, wrong, best):
    problem = only(check({path: md(front)}))
    assert_problem(problem, path, line, "enum", f"不能写“{wrong}”", f"是不是要写“{best}”",
                   en=(f'Did you mean "{best}"',))


def test_enumeration_lists_the_allowed_values(check):
    problem = only(check({LECTURE: lecture("format: 面授")}))
    assert_problem(problem, LECTURE, 8, "enum", "面授", "线下、线上、线上线下", en=("线下, 线上, 线上线下",))


def test_media_kind_is_an_enumeration(check):
    problem = only(check({LECTURE: lecture("media:\n  - kind: 视屏\n    url: https://example.cn/v")}))
    assert_problem(problem, LECTURE, 9, "enum", "视屏", "是不是要写“视频”")


# -- unknown keys --------------------------------------------------------------------------------------

def test_unknown_key_suggests_the_nearest_key(check):
    problems = check({SITE: md("title: 示范点\nbrnach: baseline-branch")})
    unknown = [p for p in problems if p.code == "unknown-key"]
    assert_problem(only(unknown), SITE, 3, "unknown-key", "未知字段“brnach”", "是不是要写“branch”",
                   en=('unknown field "brnach"', 'did you mean "branch"'))
    # …and the key it should have been is still missing
    assert [p.code for p in problems if p is not unknown[0]] == ["required"]


def test_unknown_key_inside_an_honour_suggests_the_sub_key(check):
    front = "title: 支部\nlevel: 党支部\nhonors:\n  - title: 先进\n    levle: 省部级"
    problem = only(check({BRANCH: md(front)}))
    assert_problem(problem, BRANCH, 6, "unknown-key", "“levle”", "“level”")


def test_unknown_key_with_nothing_near_lists_the_allowed_keys(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\n备注: 无")}))
    assert_problem(problem, BRANCH, 4, "unknown-key", "“备注”", "title", "parent", "partners")


def test_key_of_another_kind_is_unknown(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nslogan: 口号")}))
    assert_problem(problem, BRANCH, 4, "unknown-key", "“slogan”")


# -- ranges --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("stars", [1, 5])
def test_rating_stars_1_to_5_are_fine(check, stars):
    assert check({BRANCH: md(f"title: 支部\nlevel: 党支部\nrating:\n  stars: {stars}\n  year: 2021")}) == []


@pytest.mark.parametrize("stars", [0, 6])
def test_rating_stars_outside_1_to_5_are_errors(check, stars):
    problem = only(check({BRANCH: md(f"title: 支部\nlevel: 党支部\nrating:\n  year: 2021\n  stars: {stars}")}))
    assert_problem(problem, BRANCH, 6, "out-of-range", "“stars”", "1 到 5", f"现在是 {stars}",
                   en=("between 1 and 5",))


def test_rating_needs_stars(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nrating:\n  label: 五星五型")}))
    assert_problem(problem, BRANCH, 4, "required", "“stars”")


def test_negative_member_count_is_an_error(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nmembers: -3")}))
    assert_problem(problem, BRANCH, 4, "below-minimum", "“members”", "不能小于 0", "-3")


def test_location_in_range_is_fine(check):
    front = "title: 点\nbranch: baseline-branch\nlocation:\n  lat: -90\n  lon: 180"
    assert check({SITE: md(front)}) == []


@pytest.mark.parametrize("lat, lon, line, key", [(90.5, 114.5, 5, "lat"), (38.0, -180.1, 6, "lon")])
def test_location_out_of_range_is_an_error(check, lat, lon, line, key):
    front = f"title: 点\nbranch: baseline-branch\nlocation:\n  lat: {lat}\n  lon: {lon}"
    problem = only(check({SITE: md(front)}))
    assert_problem(problem, SITE, line, "out-of-range", f"“{key}”")


def test_lecture_number_must_be_at_least_1(check):
    problem = only(check({LECTURE: md("title: 第0期\nseries: 基线讲堂\nnumber: 0\ndate: 2021\n"
                                      "speakers: [{name: 李四}]")}))
    assert_problem(problem, LECTURE, 4, "below-minimum", "“number”", "不能小于 1")


def test_honour_year_out_of_range(check):
    front = "title: 支部\nlevel: 党支部\nhonors:\n  - title: 先进\n    year: 20210"
    problem = only(check({BRANCH: md(front)}))
    assert_problem(problem, BRANCH, 6, "out-of-range", "“year”", "1900 到 2100")


# -- images --------------------------------------------------------------------------------------------

IMAGES = {
    "content/assets/封面.png": b"\x89PNG\r\n\x1a\n",
    "content/assets/sites/近旁.jpg": b"\xff\xd8\xff",
    "content/assets/说明.pdf": b"%PDF-1.4",
    "outside.png": b"\x89PNG\r\n\x1a\n",  # in the project, but outside content/
}


@pytest.mark.parametrize("value", ["/assets/封面.png", "../assets/封面.png", "../assets/sites/近旁.jpg",
                                   "./../assets/sites/近旁.jpg", "/assets/sites/近旁.jpg"])
def test_image_relative_to_file_or_absolute_from_content(load, value):
    project = load({**IMAGES, SITE: md(f"title: 点\nbranch: baseline-branch\ncover: {value}")})
    assert project.problems == []
    assert project.resolve("bad-site").values["cover"] in ("assets/封面.png", "assets/sites/近旁.jpg")


@pytest.mark.parametrize("value, code, fragment", [
    ("/assets/不存在.png", "file-missing", "不存在"),
    ("不存在.png", "file-missing", "不存在"),
    ("../../outside.png", "file-outside", "content/ 文件夹之外"),
    ("/../outside.png", "file-outside", "content/ 文件夹之外"),
    ("/assets/说明.pdf", "file-type", "不是图片"),
    ("/assets/封面", "file-type", "不是图片"),
])
def test_bad_image_paths(check, value, code, fragment):
    problem = only(check({**IMAGES, SITE: md(f"title: 点\nbranch: baseline-branch\ncover: {value}")}))
    assert_problem(problem, SITE, 4, code, "“cover”", value, fragment)


def test_bad_photo_in_a_list_is_reported_on_its_own_line(check):
    front = "title: 点\nbranch: baseline-branch\nphotos:\n  - ../assets/sites/近旁.jpg\n  - /assets/封面.png\n  - 丢失.jpg"
    problem = only(check({**IMAGES, SITE: md(front)}))
    assert_problem(problem, SITE, 7, "file-missing", "“photos”", "丢失.jpg")


def test_image_path_that_is_a_folder_is_missing(check):
    problem = only(check({**IMAGES, SITE: md("title: 点\nbranch: baseline-branch\ncover: /assets.png"),
                          "content/assets.png/x.txt": "not an image"}))
    assert problem.code == "file-missing"


@pytest.mark.parametrize("value, code", [("/assets/丢失.pdf", "file-missing"), ("../../../说明.pdf", "file-outside")])
def test_bad_lecture_media_file(check, value, code):
    """Any file field (not only images) is checked: a lecture's handout under media."""
    front = ("title: 第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021-08-01\nspeakers:\n  - name: 李四\n"
             f"media:\n  - kind: 讲义\n    file: {value}")
    problem = only(check({**IMAGES, LECTURE: md(front)}))
    assert_problem(problem, LECTURE, 10, code, "“file”", value)


def test_a_lecture_media_file_inside_content_is_accepted(check):
    front = ("title: 第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021-08-01\nspeakers:\n  - name: 李四\n"
             "media:\n  - kind: 讲义\n    file: /assets/说明.pdf")
    assert check({**IMAGES, LECTURE: md(front)}) == []


# -- vocabularies ------------------------------------------------------------------------------------

def test_unknown_category_suggests_the_nearest(check):
    front = "title: 支部\nlevel: 党支部\ncategories:\n  - 政治建设\n  - 思想见设"
    problem = only(check({BRANCH: md(front)}))
    assert_problem(problem, BRANCH, 6, "enum", "“categories”", "思想见设", "是不是要写“思想建设”")


def test_unknown_case_category_suggests_the_nearest(check):
    problem = only(check({CASE: md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 服务群从")}))
    assert_problem(problem, CASE, 5, "enum", "“category”", "是不是要写“服务群众”", "党建业务融合")


def test_unknown_lecture_field_suggests_the_nearest(check):
    problem = only(check({LECTURE: lecture("fields: [党史, 廉洁]")}))
    assert_problem(problem, LECTURE, 8, "enum", "“fields”", "廉洁", "是不是要写“廉政”")


CUSTOM_YML = """\
site_name: 测试
docs_dir: content
plugins:
  - showcase:
      vocabularies:
        categories: [乡村建设, 生态保护]
        case_categories: [水利攻坚, 服务群众]
        lecture_fields: [水文, 党史]
"""


def test_custom_vocabularies_in_mkdocs_yml_are_honoured(check):
    files = {
        BRANCH: md("title: 支部\nlevel: 党支部\ncategories: [生态保护]"),
        CASE: md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 水利攻坚"),
        LECTURE: lecture("fields: [水文]"),
    }
    assert check(files, mkdocs_yml=CUSTOM_YML) == []


def test_custom_vocabulary_replaces_the_default(check):
    files = {
        BRANCH: md("title: 支部\nlevel: 党支部\ncategories: [政治建设]"),
        CASE: md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 水利工坚"),
        LECTURE: lecture("fields: [法治]"),
    }
    problems = check(files, mkdocs_yml=CUSTOM_YML)
    by_path = {p.path: p for p in problems}
    assert sorted(by_path) == sorted(files) and len(problems) == 3
    assert_problem(by_path[BRANCH], BRANCH, 4, "enum", "政治建设", "乡村建设、生态保护")
    assert_problem(by_path[CASE], CASE, 5, "enum", "是不是要写“水利攻坚”", "水利攻坚、服务群众")
    assert_problem(by_path[LECTURE], LECTURE, 8, "enum", "法治", "水文、党史")


def test_vocabulary_under_the_default_settings_is_the_contract_default(check):
    # With no vocabularies in mkdocs.yml the six areas apply.
    assert check({BRANCH: md("title: 支部\nlevel: 党支部\ncategories: [纪律建设, 制度建设]")}) == []


# -- ids -------------------------------------------------------------------------------------------------

def test_file_name_with_a_space_is_an_invalid_id(check):
    path = "content/branches/第一 支部.md"
    problem = only(check({path: md("title: 支部\nlevel: 党支部")}))
    assert_problem(problem, path, 1, "id-format", "“第一 支部”", "不能有空格", "重命名文件")


def test_file_name_with_a_space_is_fine_with_an_explicit_id(load):
    project = load({"content/branches/第一 支部.md": md("id: 第一支部\ntitle: 支部\nlevel: 党支部")})
    assert project.problems == []
    assert project.resolve("第一支部").src_uri == "branches/第一 支部.md"


@pytest.mark.parametrize("value", ["a b", "a//b", "/a", "a/", "a.b", "甲 乙"])
def test_explicit_invalid_id_is_reported_on_its_line(check, value):
    problem = only(check({BRANCH: md(f"title: 支部\nid: \"{value}\"\nlevel: 党支部")}))
    assert_problem(problem, BRANCH, 3, "id-format", f"“{value}”")


def test_id_defaults_to_path_inside_kind_folder(load):
    project = load()
    assert project.resolve("基线讲堂/001").src_uri == "lectures/基线讲堂/001.md"
    assert project.resolve("基线讲堂/001").url == "lectures/基线讲堂/001/"
    assert project.resolve("baseline-case").url == "cases/baseline-case/"


# -- reporting ----------------------------------------------------------------------------------------------

def test_all_problems_of_a_file_are_reported_at_once_sorted_by_line(check):
    front = "title: " + "长" * 90 + "\nlevel: 党委会\nmembers: 多\nrating:\n  stars: 9\nbrnach: x"
    problems = check({BRANCH: md(front)})
    assert [(p.line, p.code) for p in problems] == [
        (2, "too-long"), (3, "enum"), (4, "type-integer"), (6, "out-of-range"), (7, "unknown-key")]


def test_problems_across_files_are_sorted_by_file_then_line(check):
    problems = check({
        "content/sites/z.md": md("title: 点\nbranch: baseline-branch\nstatus: 未知"),
        "content/branches/a.md": md("title: 支部\nlevel: 党支部\nmembers: 多\nregion: [x]"),
        "content/branches/b.md": md("level: 党委会"),
    })
    assert [(p.path, p.line) for p in problems] == [
        ("content/branches/a.md", 4), ("content/branches/a.md", 5),
        ("content/branches/b.md", 1), ("content/branches/b.md", 2),
        ("content/sites/z.md", 4)]


def test_message_line_format_in_both_languages(check):
    problem = only(check({BRANCH: md("title: 支部\nlevel: 党支部\nmembers: 多")}))
    zh = problem.format("zh")
    assert zh.startswith(f"{BRANCH}:4: 错误：“members”（党员人数）")
    assert "整数" in zh and "“多”" in zh and "\n" not in zh
    assert problem.format("en").startswith(f"{BRANCH}:4: error: \"members\" (")
    assert "whole number" in problem.format("en")
    assert problem.as_json("en") == {"file": BRANCH, "line": 4, "severity": "error",
                                     "code": "E016", "key": "type-integer",
                                     "message": problem.message("en")}


def test_warning_line_format(check):
    files = {"content/branches/hidden.md": md("title: 内部\nlevel: 党支部\nvisibility: internal"),
             SITE: md("title: 点\nbranch: hidden")}
    problem = only(check(files))
    assert problem.severity == WARNING
    assert problem.format("zh").startswith(f"{SITE}:3: 警告：")
    assert problem.format("en").startswith(f"{SITE}:3: warning: ")


def test_content_dir_other_than_content_is_named_in_messages(check):
    yml = "site_name: t\ndocs_dir: docs\nplugins: [showcase]\n"
    files = {"docs/branches/a.md": md("title: 支部\nlevel: 党委会")}
    problem = only(check(files, mkdocs_yml=yml, baseline=False))
    assert_problem(problem, "docs/branches/a.md", 3, "enum", "党委会")


def test_problem_with_a_multi_line_value_is_still_one_line(check):
    # `showcase check` prints one line per problem; a value with a line break must not split it.
    problem = only(check({BRANCH: md('title: 支部\nlevel: "党\\n支部"')}))
    assert problem.code == "enum" and problem.line == 3
    for lang in ("zh", "en"):
        assert "\n" not in problem.format(lang), problem.format(lang)


def test_vocabulary_value_in_traditional_script_is_accepted_as_the_simplified_value(load):
    project = load({"content/branches/trad.md": md("title: 廣安黨支部\nlevel: 黨支部\ncategories: [組織建設]")})
    record = project.resolve("trad")
    assert not [p for p in project.problems if p.path.endswith("trad.md")]
    assert record.values["level"] == "党支部" and record.values["categories"] == ["组织建设"]
