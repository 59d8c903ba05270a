"""Rules that span files: references, unique ids, lecture numbers, the parent hierarchy,
and links from public records to hidden ones."""

from __future__ import annotations

from conftest import WARNING, assert_problem, md, only

SITE = "content/sites/ref-site.md"
CASE = "content/cases/ref-case.md"
BRAND = "content/brands/ref-brand.md"


def branch(title: str, extra: str = "") -> str:
    return md(f"title: {title}\nlevel: 党支部" + (f"\n{extra}" if extra else ""))


# -- resolving ---------------------------------------------------------------------------

def test_reference_to_a_record_of_the_wrong_kind(check):
    problem = only(check({SITE: md("title: 点\nbranch: baseline-brand")}))
    assert_problem(problem, SITE, 3, "ref-wrong-kind", "“branch”", "应引用党组织", "“baseline-brand”",
                   "是党建品牌", "content/brands/baseline-brand.md",
                   en=("must refer to", "is of kind \"brand\""))


def test_missing_reference_names_the_id_and_the_closest_ids(check):
    files = {"content/branches/hebei-slt-jgdw.md": branch("机关党委"),
             "content/branches/hebei-slt-zb1.md": branch("第一支部"),
             SITE: md("title: 点\nbranch: hebei-slt-jgdv")}
    problem = only(check(files))
    assert_problem(problem, SITE, 3, "ref-missing", "引用的党组织“hebei-slt-jgdv”不存在",
                   "相近的编号：", "hebei-slt-jgdw", en=("does not exist", "Closest ids: hebei-slt-jgdw"))
    # only ids of the right kind are offered
    assert "baseline-brand" not in problem.format("zh")


def test_missing_reference_offers_only_ids_of_the_right_kind(check):
    problem = only(check({SITE: md("title: 点\nbranch: baseline-branch\nbrand: baseline-brnd")}))
    rendered = problem.format("zh")
    assert_problem(problem, SITE, 4, "ref-missing", "党建品牌“baseline-brnd”", "相近的编号：baseline-brand")
    assert "baseline-branch" not in rendered.split("相近的编号：")[1]


def test_missing_reference_with_nothing_close(check):
    problem = only(check({SITE: md("title: 点\nbranch: 完全不存在的组织")}))
    assert_problem(problem, SITE, 3, "ref-missing", "“完全不存在的组织”", "请检查拼写")


def test_missing_reference_in_a_list_is_reported_on_the_item_line(check):
    front = ("title: 案例\ndate: 2021\ncategory: 其他\nbranches:\n  - baseline-branch\n"
             "  - missing-branch\nsites: [baseline-site, baseline-sight]")
    problems = check({CASE: md(front)})
    assert [(p.line, p.code) for p in problems] == [(7, "ref-missing"), (8, "ref-missing")]
    assert "missing-branch" in problems[0].format("zh")
    assert "相近的编号：baseline-site" in problems[1].format("zh")


def test_brand_owner_list_item_missing(check):
    problem = only(check({BRAND: md("title: 品牌\nowner:\n  - baseline-branch\n  - ghost-branch")}))
    assert_problem(problem, BRAND, 5, "ref-missing", "“owner”", "ghost-branch")


def test_reference_to_an_explicit_id_resolves(check):
    files = {"content/branches/long-file-name.md": md("id: short\ntitle: 支部\nlevel: 党支部"),
             SITE: md("title: 点\nbranch: short")}
    assert check(files) == []


def test_reference_to_a_file_name_when_an_explicit_id_is_set_is_missing(check):
    files = {"content/branches/long-file-name.md": md("id: short\ntitle: 支部\nlevel: 党支部"),
             SITE: md("title: 点\nbranch: long-file-name")}
    assert_problem(only(check(files)), SITE, 3, "ref-missing", "long-file-name")


def test_reference_to_a_lecture_path_id(check):
    # lecture ids contain "/"; a case can name a site and a brand; lectures reference a host
    files = {"content/lectures/基线讲堂/003.md": md(
        "title: 第3期\nseries: 基线讲堂\nnumber: 3\ndate: 2021\nspeakers: [{name: 李四}]\nhost: baseline-branch")}
    assert check(files) == []


def test_reference_with_different_letter_case_is_a_warning(check):
    problem = only(check({SITE: md("title: 点\nbranch: Baseline-Branch")}))
    assert_problem(problem, SITE, 3, "ref-case", "“Baseline-Branch”", "“baseline-branch”",
                   severity=WARNING, en=('spelled "baseline-branch"',))


def test_reference_to_itself_is_an_error(check):
    path = "content/branches/lonely.md"
    problems = check({path: branch("孤单", "partners: [lonely]")})
    assert_problem(only(problems), path, 4, "ref-self", "“partners”", "本记录自己")


# -- hidden targets ------------------------------------------------------------------------

HIDDEN = {
    "content/branches/internal-branch.md": branch("内部支部", "visibility: internal"),
    "content/branches/draft-branch.md": branch("草稿支部", "draft: true"),
}


def test_public_record_referring_to_an_internal_record_is_a_warning(check):
    problem = only(check({**HIDDEN, SITE: md("title: 点\nbranch: internal-branch")}))
    assert_problem(problem, SITE, 3, "ref-hidden", "“internal-branch”", "内部记录", "公开版中不会显示",
                   severity=WARNING, en=("an internal record",))


def test_public_record_referring_to_a_draft_is_a_warning(check):
    problem = only(check({**HIDDEN, CASE: md(
        "title: 案例\ndate: 2021\ncategory: 其他\nbranches:\n  - baseline-branch\n  - draft-branch")}))
    assert_problem(problem, CASE, 7, "ref-hidden", "“draft-branch”", "草稿", severity=WARNING,
                   en=("a draft",))


def test_internal_record_referring_to_an_internal_record_is_fine(check):
    assert check({**HIDDEN, SITE: md("title: 点\nbranch: internal-branch\nvisibility: internal")}) == []


def test_draft_referring_to_a_draft_is_fine(check):
    assert check({**HIDDEN, SITE: md("title: 点\nbranch: draft-branch\ndraft: true")}) == []


def test_hidden_records_are_still_checked(check):
    path = "content/branches/internal-bad.md"
    problem = only(check({path: branch("内部", "visibility: internal\nmembers: 很多")}))
    assert_problem(problem, path, 5, "type-integer", "“members”")


# -- unique ids ------------------------------------------------------------------------------

def test_same_id_in_two_kinds_is_an_error_in_both_files_naming_each_other(check):
    path = "content/branches/baseline-site.md"
    problems = check({path: branch("同名支部")})
    assert len(problems) == 2
    mine, theirs = problems  # sorted by file
    assert_problem(mine, path, 1, "id-duplicate", "“baseline-site”", "content/sites/baseline-site.md",
                   "不区分大小写", en=("content/sites/baseline-site.md",))
    assert_problem(theirs, "content/sites/baseline-site.md", 1, "id-duplicate", "“baseline-site”", path)


def test_ids_differing_only_in_case_clash(check):
    path = "content/brands/other.md"
    problems = check({path: md("id: BASELINE-Branch\ntitle: 品牌\nowner: baseline-branch")})
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("content/branches/baseline-branch.md", 1, "id-duplicate"),
        (path, 2, "id-duplicate")]
    assert path in problems[0].format("zh")
    assert "content/branches/baseline-branch.md" in problems[1].format("zh")
    assert "“BASELINE-Branch”" in problems[1].format("zh")


def test_explicit_id_clashing_with_a_default_id_in_the_same_folder(check):
    a, b = "content/branches/alpha.md", "content/branches/beta.md"
    problems = check({a: branch("甲"), b: md("title: 乙\nlevel: 党支部\nid: alpha")})
    assert [(p.path, p.line, p.code) for p in problems] == [(a, 1, "id-duplicate"), (b, 4, "id-duplicate")]


def test_three_records_sharing_an_id_each_get_an_error(check):
    files = {"content/branches/dup.md": branch("甲"), "content/sites/dup.md": md("title: 点\nbranch: baseline-branch"),
             "content/cases/dup.md": md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 其他")}
    problems = check(files)
    assert {p.path for p in problems} == set(files)
    assert all(p.code == "id-duplicate" for p in problems)


# -- lecture numbers -----------------------------------------------------------------------------

def lecture(number: int, series: str = "基线讲堂", title: str = "讲堂") -> str:
    return md(f"title: {title}\nseries: {series}\nnumber: {number}\ndate: 2021\nspeakers: [{{name: 李四}}]")


def test_lecture_number_repeated_in_a_series_is_an_error_in_both_files(check):
    path = "content/lectures/基线讲堂/again.md"
    problems = check({path: lecture(1)})
    assert len(problems) == 2
    first, second = problems
    assert_problem(first, "content/lectures/基线讲堂/001.md", 4, "lecture-number-duplicate",
                   "“基线讲堂”", "第 1 期", path)
    assert_problem(second, path, 4, "lecture-number-duplicate", "content/lectures/基线讲堂/001.md")


def test_same_number_in_another_series_is_fine(check):
    assert check({"content/lectures/另一讲堂/001.md": lecture(1, "另一讲堂")}) == []


def test_series_is_decided_by_the_field_not_the_folder(check):
    # a file of 基线讲堂 filed in another folder still clashes on its number
    path = "content/lectures/misc/x.md"
    problems = check({path: lecture(1)})
    assert {p.path for p in problems} == {path, "content/lectures/基线讲堂/001.md"}


# -- the hierarchy ---------------------------------------------------------------------------------

def test_parent_cycle_reports_every_member(check):
    files = {f"content/branches/c{i}.md": branch(f"组织{i}", f"parent: c{(i + 1) % 3}") for i in range(3)}
    files["content/branches/child.md"] = branch("下级", "parent: c0")  # hangs off the cycle, not on it
    problems = check(files)
    assert [(p.path, p.line, p.code) for p in problems] == [
        (f"content/branches/c{i}.md", 4, "parent-cycle") for i in range(3)]
    for p in problems:
        rendered = p.format("zh")
        for i in range(3):
            assert f"c{i}" in rendered
        assert "循环" in rendered and "child" not in rendered


def test_two_separate_cycles_are_both_reported(check):
    files = {"content/branches/a1.md": branch("a1", "parent: a2"), "content/branches/a2.md": branch("a2", "parent: a1"),
             "content/branches/b1.md": branch("b1", "parent: b2"), "content/branches/b2.md": branch("b2", "parent: b1")}
    problems = check(files)
    assert sorted(p.path for p in problems) == sorted(files)
    assert all(p.code == "parent-cycle" and p.line == 4 for p in problems)


def test_a_deep_hierarchy_without_cycle_is_fine(check):
    files = {f"content/branches/level{i}.md": branch(f"第{i}层", f"parent: level{i - 1}" if i else "")
             for i in range(30)}
    assert check(files) == []


def test_parent_that_is_not_a_branch_is_the_wrong_kind(check):
    path = "content/branches/child.md"
    assert_problem(only(check({path: branch("下级", "parent: baseline-site")})), path, 4,
                   "ref-wrong-kind", "“parent”", "示范点")


def test_partners_resolve_both_ways_without_problems(check):
    files = {"content/branches/p1.md": branch("甲", "partners: [p2]"), "content/branches/p2.md": branch("乙")}
    assert check(files) == []
