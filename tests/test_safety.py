"""Hostile and careless input (issue 9): files in the wrong place, links out of content/,
values that cannot be addresses or share one, and input that used to crash the build.

Each test feeds the bad input and asserts what must hold: the check names the file and line,
the build fails cleanly (no traceback) or publishes nothing it should not."""

from __future__ import annotations

import os
import time

import pytest
from conftest import (assert_problem, codes, md, mkdocs_build, only, run_core, site_texts, write_project)

from generator.cli import main as showcase_main
from generator.core.addresses import reserved_pattern
from generator.core.loader import MAX_NODES
from generator.core.project import Visibility
from generator.site.output import STAMP_FILE
from generator.site.pages import RESERVED_ADDRESSES, Showcase

CASE = "content/cases/bad-case.md"
LECTURE = "content/lectures/基线讲堂/002.md"


def case(extra: str = "", body: str = "正文第一段。", title: str = "坏案例") -> str:
    return md(f"title: {title}\ndate: 2021-07-17\nbranches: [baseline-branch]\ncategory: 服务群众\n{extra}",
              body)


def lecture(extra: str = "", series: str = "基线讲堂") -> str:
    return md(f"title: 第2期\nseries: {series}\nnumber: 2\ndate: 2021-08-01\nspeakers: [{{name: 李四}}]\n{extra}")


def assert_clean_failure(result) -> None:
    """The build failed with our message, and no Python traceback reached the user."""
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert "内容检查未通过" in output, output


def leaks(site_dir, words) -> list:
    return [(path, word) for path, text in site_texts(site_dir) for word in words if word in text]


# -- 1. every file of a kind folder is a record or an error ------------------------------------

@pytest.mark.parametrize("name, fragments", [
    ("通知.docx", ("Word", "新建一个 .md 文件", "showcase import")),
    ("通知.doc", ("Word",)),
    ("记录.md.txt", ("改名为“记录.md”",)),
    ("记录.markdown", ("改名为“记录.md”",)),
    ("照片.jpg", ("content/assets/",)),
    ("说明.txt", ("content/assets/",)),
])
def test_a_file_in_a_kind_folder_that_is_not_a_record_is_an_error(check, name, fragments):
    path = f"content/cases/{name}"
    problem = only(check({path: case("visibility: internal")}))
    assert_problem(problem, path, 1, "stray-file", "不会发布", *fragments, en=("record folder",))


def test_a_record_saved_as_upper_case_md_is_a_record(load):
    project = load({"content/cases/Upper.MD": case()})
    assert project.problems == []
    assert project.resolve("Upper").src_uri == "cases/Upper.MD"


def test_hidden_and_system_files_in_kind_folders_are_ignored(load):
    project = load({"content/cases/.DS_Store": b"\x00\x01", "content/cases/.notes.md": case(),
                    "content/cases/.obsidian/x.md": case(), "content/cases/Thumbs.db": b"\x00"})
    assert project.problems == []
    assert [r.src_uri for r in project.records if r.kind == "case"] == ["cases/baseline-case.md"]


@pytest.mark.build
def test_a_stray_file_fails_the_build_and_is_not_published(make_project, tmp_path):
    project = make_project({"content/cases/泄露.markdown": case("visibility: internal", "机密正文壬癸")})
    result = mkdocs_build(project, tmp_path / "site")
    assert_clean_failure(result)
    assert "content/cases/泄露.markdown:1" in result.stderr
    assert leaks(tmp_path / "site", ["机密正文壬癸"]) == []


@pytest.mark.build
def test_no_file_of_a_kind_folder_or_hidden_file_is_copied_as_is(make_project, tmp_path):
    project = make_project({
        "content/cases/Upper.MD": case(title="大写扩展名案例", body="大写扩展名正文"),
        "content/cases/Hidden.MD": case("visibility: internal", "内部大写案例甲乙", title="内部大写标题丙丁"),
        "content/cases/.备忘.md": "隐藏备忘戊己",
        "content/assets/.secret.txt": "隐藏附件庚辛",
    })
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "cases/Upper/index.html").read_text(encoding="utf-8")
    assert "大写扩展名正文" in page and "branches: [baseline-branch]" not in page
    assert leaks(site, ["内部大写案例甲乙", "内部大写标题丙丁", "隐藏备忘戊己", "隐藏附件庚辛"]) == []
    copied = [p for p in site.rglob("*") if p.suffix.lower() in (".md", ".markdown") or p.name.startswith(".")]
    assert copied == [site / STAMP_FILE]  # the one dot file in a site: the build's own edition stamp


# -- 2. files used only by hidden records' bodies are not published -----------------------------

BODY_FILES = {
    "content/assets/内部正文图.png": b"\x89PNG internal",
    "content/assets/草稿附件.pdf": b"%PDF draft",
    "content/assets/公开正文图.png": b"\x89PNG public",
    "content/assets/共用图.png": b"\x89PNG shared",
    "content/assets/logo.png": b"\x89PNG logo",  # named by no record: the site's own
    "content/about.md": "# 关于\n\n普通页面。\n",
    "content/cases/internal-body.md": case("visibility: internal",
                                           "![图](/assets/内部正文图.png)\n\n![共](../assets/共用图.png)\n\n"
                                           "[关于](../about.md) [基线](baseline-case.md)"),
    "content/cases/draft-body.md": case("draft: true", '<a href="../assets/草稿附件.pdf">附件</a>'),
    "content/cases/public-body.md": case("", '<img src="../assets/%E5%85%AC%E5%BC%80%E6%AD%A3%E6%96%87%E5%9B%BE.png">'
                                             "\n\n[共用](../assets/共用图.png)"),
}


@pytest.mark.build
@pytest.mark.parametrize("env, present, absent", [
    ({}, ["公开正文图.png", "共用图.png", "logo.png"], ["内部正文图.png", "草稿附件.pdf"]),
    ({"SHOWCASE_VISIBILITY": "internal"}, ["公开正文图.png", "共用图.png", "logo.png", "内部正文图.png"],
     ["草稿附件.pdf"]),
])
def test_a_file_named_only_in_a_hidden_body_is_not_published(make_project, tmp_path, env, present, absent):
    site = tmp_path / "site"
    result = mkdocs_build(make_project(BODY_FILES), site, SHOWCASE_SEARCH="0", **env)
    assert result.returncode == 0, result.stderr
    published = {p.name for p in (site / "assets").iterdir()}
    assert set(present) <= published and not set(absent) & published
    # pages a hidden body links to are pages, not files it uses: they stay
    assert (site / "about/index.html").exists() and (site / "cases/baseline-case/index.html").exists()


# -- 6. nothing from outside content/ -------------------------------------------------------------

@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "host" / "passwd.svg"
    secret.parent.mkdir()
    secret.write_text("主机机密文件子丑", encoding="utf-8")
    return secret


@pytest.mark.build
def test_a_link_to_a_file_outside_content_is_an_error_where_it_is_used(make_project, outside, tmp_path):
    project = make_project({CASE: case("cover: /assets/p/x.svg")})
    (project / "content/assets/p").mkdir(parents=True)
    os.symlink(outside, project / "content/assets/p/x.svg")
    problems = run_core(project).problems
    assert codes(problems) == [("content/assets/p/x.svg", 1, "error", "path-outside"),
                               (CASE, 6, "error", "file-outside")]
    assert_problem(problems[0], "content/assets/p/x.svg", 1, "path-outside", str(outside), "content/ 文件夹之外")
    result = mkdocs_build(project, tmp_path / "site")
    assert_clean_failure(result)
    assert not (tmp_path / "site").exists() or leaks(tmp_path / "site", ["主机机密文件子丑"]) == []


@pytest.mark.build
@pytest.mark.parametrize("link", ["content/assets/外部", "content/cases/外部", "content/.hidden"])
def test_a_link_to_a_folder_is_an_error_and_the_build_does_not_walk_it(make_project, outside, tmp_path, link):
    project = make_project()
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside.parent, project / link)
    problem = only(run_core(project).problems)
    assert_problem(problem, link, 1, "folder-link", "文件夹链接不会被读取或发布")
    result = mkdocs_build(project, tmp_path / "site")
    assert_clean_failure(result)
    assert f"{link}:1" in result.stderr


def test_a_link_to_a_file_inside_content_is_fine(make_project):
    project = make_project({"content/assets/real.png": b"\x89PNG", CASE: case("cover: /assets/alias.png")})
    os.symlink(project / "content/assets/real.png", project / "content/assets/alias.png")
    assert run_core(project).problems == []


# -- 7. values that cannot be addresses ----------------------------------------------------------

@pytest.mark.parametrize("path, text, line, value", [
    (CASE, case('tags: [".."]'), 6, ".."),
    (CASE, case('tags:\n  - 好\n  - "."'), 8, "."),
    (CASE, case('tags: [".hidden"]'), 6, ".hidden"),
    (LECTURE, lecture(series='".."'), 3, ".."),
])
def test_a_value_that_cannot_be_an_address_is_an_error(check, path, text, line, value):
    problems = [p for p in check({path: text}) if p.code == "address-dot"]
    assert_problem(only(problems), path, line, "address-dot", f"“{value}”", "去掉开头的点")


def test_a_vocabulary_value_that_cannot_be_an_address_is_refused(make_project):
    yml = "site_name: t\ndocs_dir: content\nplugins:\n  - showcase:\n      vocabularies:\n        categories: ['..']\n"
    assert showcase_main(["check", str(make_project(mkdocs_yml=yml))]) == 2


# -- 8. distinct values never share an address ---------------------------------------------------

@pytest.mark.parametrize("values", [("A/B", "A-B"), ("A B", "A/B"), ("C#", "C"), ("Tag", "tag")])
def test_tags_that_share_an_address_are_an_error_naming_both(check, values):
    first, second = "content/cases/first.md", "content/cases/second.md"
    problems = check({first: case(f'tags: ["{values[0]}"]'), second: case(f'tags: ["{values[1]}"]')})
    assert codes(problems) == [(first, 6, "error", "address-collision"), (second, 6, "error", "address-collision")]
    assert_problem(problems[0], first, 6, "address-collision", f"“{values[0]}”", f"“{values[1]}”", second)
    assert_problem(problems[1], second, 6, "address-collision", f"“{values[1]}”", f"“{values[0]}”", first)


def test_a_series_sharing_an_address_with_another_is_an_error(check):
    problems = check({LECTURE: lecture(series="基线讲堂#")})
    assert codes(problems) == [("content/lectures/基线讲堂/001.md", 3, "error", "address-collision"),
                               (LECTURE, 3, "error", "address-collision")]
    assert_problem(problems[1], LECTURE, 3, "address-collision", "讲堂系列“基线讲堂#”", "series/基线讲堂/")


# -- 9. ids that generated pages take ------------------------------------------------------------

@pytest.mark.parametrize("path, record_id", [
    ("content/cases/by/org.md", "by/org"),
    ("content/cases/page/2.md", "page/2"),
    ("content/brands/Page/3.md", "Page/3"),
    ("content/branches/baseline-branch/all/cases.md", "baseline-branch/all/cases"),
])
def test_an_id_a_generated_page_takes_is_an_error(make_project, capsys, path, record_id):
    kind_text = {"cases": case(), "brands": md("title: 品牌\nowner: baseline-branch"),
                 "branches": md("title: 支部\nlevel: 党支部")}[path.split("/")[1]]
    project = make_project({path: kind_text})
    assert showcase_main(["check", str(project)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:1: 错误：编号“{record_id}”的网址" in out and "自动生成的页面占用" in out


def test_the_reserved_addresses_cover_every_generated_page_in_a_kind_folder(load):
    files = {f"content/cases/c{i:03}.md": case() for i in range(201)}  # paginated, and > 30 backlinks
    project = load(files, visibility=Visibility())
    pattern = reserved_pattern(RESERVED_ADDRESSES)
    folders = ("branches/", "brands/", "sites/", "lectures/", "cases/")
    inside = [p.url for p in Showcase(project).pages() if p.url.startswith(folders) and p.url not in folders]
    assert "cases/page/2/" in inside and "branches/baseline-branch/all/cases/" in inside
    assert [url for url in inside if not pattern.match(url)] == []


# -- 10. input that used to crash the build -------------------------------------------------------

def nested_list(levels: int) -> str:
    return "\n".join("    " * i + "- 层" for i in range(levels))


@pytest.mark.parametrize("text, line, code, fragments", [
    (case("id: " + "a" * 300), 6, "address-too-long", ("最多 120 字节", "300 字节")),
    (case("id: " + "长" * 90), 6, "address-too-long", ("约 40 个汉字", "270 字节")),
    (case("id: " + "/".join(["a"] * 2000)), 6, "id-too-deep", ("2000 段", "最多 8 段")),
    (case('tags: ["a\\0b"]'), 6, "control-character", ("U+0000", "tags.0")),
    (case('summary: "摘\\x07要"'), 6, "control-character", ("U+0007",)),
    (case(body=nested_list(1000)), 28, "body-too-deep", ("21 层", "最多 20 层")),
])
def test_input_that_crashed_the_build_is_an_error_up_front(check, text, line, code, fragments):
    started = time.monotonic()
    problems = [p for p in check({CASE: text}) if p.code == code]
    assert time.monotonic() - started < 5
    assert_problem(problems[0], CASE, line, code, *fragments)


@pytest.mark.build
def test_whatever_crashed_the_build_now_fails_it_cleanly(make_project, tmp_path):
    project = make_project({
        "content/cases/long.md": case("id: " + "长" * 90),
        "content/cases/deep.md": case("id: " + "/".join(["a"] * 2000)),
        "content/cases/nul.md": case('tags: ["a\\0b"]'),
        "content/cases/nested.md": case(body=nested_list(1000)),
    })
    result = mkdocs_build(project, tmp_path / "site")
    assert_clean_failure(result)
    for name in ("long", "deep", "nul", "nested"):
        assert f"content/cases/{name}.md:" in result.stderr


def test_a_deep_but_reasonable_list_and_deep_code_are_fine(check):
    code = "```\n" + "\n".join(" " * 200 + "- 代码" for _ in range(3)) + "\n```"
    assert check({CASE: case(body=nested_list(20) + "\n\n" + code)}) == []


# -- 11. say what is actually too large or empty --------------------------------------------------

def test_too_many_values_says_so_without_blaming_aliases(check):
    front = "title: 多\nlevel: 党支部\ntags:\n" + "".join(f"  - t{i}\n" for i in range(MAX_NODES + 10))
    problem = only(check({"content/branches/many.md": f"---\n{front}---\n"}))
    assert_problem(problem, "content/branches/many.md", 2, "yaml-too-many-values", f"超过 {MAX_NODES} 个")
    assert "&" not in problem.message() and "别名" not in problem.message()


def test_a_huge_front_matter_is_refused_before_parsing(check):
    front = "".join(f"k{i}: v\n" for i in range(1_000_000))
    started = time.monotonic()
    problem = only(check({"content/branches/huge.md": f"---\n{front}---\n"}))
    assert time.monotonic() - started < 10
    assert_problem(problem, "content/branches/huge.md", 1, "front-matter-too-large", "KB", "误粘贴")
    assert "&" not in problem.message()


@pytest.mark.parametrize("extra, key", [("cover: '   '", "cover"), ("brand: '  '", "brand")])
def test_a_path_or_reference_of_only_spaces_is_called_empty(check, extra, key):
    problem = only(check({CASE: case(extra)}))
    assert_problem(problem, CASE, 6, "empty-value", f"“{key}”", "不能为空")


@pytest.mark.build
def test_public_output_with_all_hostile_but_valid_input_leaks_nothing(make_project, tmp_path):
    """The leak sweep over the whole output, Pagefind fragments included."""
    files = dict(BODY_FILES)
    files["content/cases/internal-body.md"] = case("visibility: internal", "![图](/assets/内部正文图.png)\n\n内部正文寅卯")
    site = tmp_path / "site"
    result = mkdocs_build(make_project(files), site)
    assert result.returncode == 0, result.stderr
    assert leaks(site, ["内部正文寅卯", "内部正文图", "草稿附件"]) == []
    assert list((site / "pagefind").rglob("*.pf_fragment"))


def test_collisions_are_reported_alike_from_the_check_cache(make_project, capsys):
    project = make_project({"content/cases/first.md": case("tags:\n  - 好\n  - A/B"),
                            "content/cases/second.md": case("tags:\n  - A B")})
    runs = []
    for _ in range(2):  # the second run reads every record from the cache
        assert showcase_main(["check", str(project)]) == 1
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1]
    assert "content/cases/first.md:8:" in runs[0] and "content/cases/second.md:7:" in runs[0]
