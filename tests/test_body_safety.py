"""What a record's body may not carry into a public site (issue 9, items 3–5): plain links to
hidden records, HTML comments, and unsafe raw HTML. Each test builds the hostile input with a
real `mkdocs build` and greps the whole output, decompressed search fragments included."""

from __future__ import annotations

import re
import subprocess
import textwrap

import pytest
from conftest import (WARNING, assert_problem, codes, console_script, md, mkdocs_build, run_core,
                      site_texts, subprocess_env, write_project)

from generator.core.plaintext import markdown_text
from generator.core.project import Visibility
from generator.core.rawhtml import html_as_text, rewrite_html
from generator.search import search_documents

CASE = "title: 案例\ndate: 2021\nbranches: [pub-real]\ncategory: 其他"
BRANCHES = {
    "content/branches/pub-file.md": md("title: 公开支部\nlevel: 党支部\nid: pub-real"),
    "content/branches/secret-file.md": md("title: 保密支部丁戊\nlevel: 党支部\nid: secret-id-qq\nvisibility: internal"),
    "content/cases/draft-xyzzy.md": md("title: 草稿案例己庚\ndate: 2021\nbranches: [pub-real]\ncategory: 其他\ndraft: true"),
}
# Every way of writing a plain link, to a hidden record; the body starts on line 8 of the file.
HIDDEN_LINKS = textwrap.dedent("""\
    见[材料一](../branches/secret-file.md)。
    见[材料二](/branches/secret-file.md "标题里也有 secret-file")。
    见[材料三](draft-xyzzy.md#part)。
    见[材料四][ref]。

    [ref]: <../branches/secret-file.md>

    见<a href="../branches/secret-file.md" title="secret-file">材料五</a>。
    见[**材料六**](../branches/secret-file.md)与[材料七](../branches/%73ecret-file.%6Dd)。
    """)
HIDDEN_MARKERS = ("secret-file", "secret-id-qq", "保密支部丁戊", "draft-xyzzy", "草稿案例己庚", "ecret-file")
PUBLIC_LINKS = textwrap.dedent("""\
    见[公开一](../branches/pub-file.md)、[公开二](/branches/pub-file.md#sec)、[公开三][p]、<a href="../branches/pub-file.md">公开四</a>。

    [p]: ../branches/pub-file.md
    """)


def test_plain_links_to_hidden_records_are_warned_where_written(tmp_path):
    files = {**BRANCHES, "content/cases/c.md": md(CASE, HIDDEN_LINKS)}
    project = run_core(write_project(tmp_path / "p", files, baseline=False))
    warned = [p for p in project.problems if p.path == "content/cases/c.md"]
    assert codes(warned) == [("content/cases/c.md", line, WARNING, "ref-hidden")
                             for line in (8, 9, 10, 13, 15, 16, 16)]
    assert_problem(warned[0], "content/cases/c.md", 8, "ref-hidden", "“../branches/secret-file.md”（正文中的链接）",
                   "“secret-id-qq”是内部记录，公开版中不会显示这个链接", severity=WARNING)
    assert "“draft-xyzzy.md#part”（正文中的链接）引用的“draft-xyzzy”是草稿" in warned[2].format("zh")


@pytest.mark.build
def test_a_link_to_a_markdown_file_that_is_not_a_record_is_an_error_saying_what_to_write(tmp_path):
    body = textwrap.dedent("""\
        [没有的](../branches/nosuch.md) [写错文件夹](../branch/pub-file.md)
        [出了内容文件夹](../../README.md) <a href='../assets/nosuch-notes.md'>附件</a> [页面](../about.md)

        `[代码](../branches/nosuch.md)`

            [代码块](../branches/nosuch.md)
        """)
    # an ordinary page of the site (content/about.md) may be linked: MkDocs links it
    files = {**BRANCHES, "content/about.md": "# 关于\n", "content/cases/c.md": md(CASE, body)}
    project = run_core(write_project(tmp_path / "p", files, baseline=False))
    errors = [p for p in project.problems if p.path == "content/cases/c.md"]
    assert codes(errors) == [("content/cases/c.md", line, "error", "link-not-record") for line in (8, 8, 9, 9)]
    assert_problem(errors[0], "content/cases/c.md", 8, "link-not-record", "“../branches/nosuch.md”（正文中的链接）",
                   "链接记录请写 [[记录编号]]", en=("points to neither a record nor a page",))
    # a file name like a record's: the message gives that record's [[id]]
    assert_problem(errors[1], "content/cases/c.md", 8, "link-not-record", "链接记录请写 [[pub-real]]")
    result = mkdocs_build(write_project(tmp_path / "p", files, baseline=False), tmp_path / "site")
    assert result.returncode != 0 and "content/cases/c.md:9: 错误" in result.stderr


@pytest.mark.build
def test_public_build_keeps_the_words_of_links_to_hidden_records_and_nothing_else(tmp_path):
    body = HIDDEN_LINKS + "\n" + PUBLIC_LINKS
    files = {**BRANCHES, "content/cases/c.md": md(CASE, body)}
    result = mkdocs_build(write_project(tmp_path / "p", files, baseline=False), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    # MkDocs does not warn about the links (our check did, above), let alone name the hidden file
    assert not [line for line in result.stderr.splitlines()
                if line.startswith("WARNING") and "showcase:" not in line], result.stderr
    html = (tmp_path / "site/cases/c/index.html").read_text(encoding="utf-8")
    for words in ("见材料一。", "见材料二。", "见材料三。", "见材料四。", "见材料五。", "见<strong>材料六</strong>与材料七。"):
        assert words in html, words
    # links to a published record point at its address, /<folder>/<id>/, not at its file
    assert ('见<a href="../../branches/pub-real/">公开一</a>、<a href="../../branches/pub-real/#sec">公开二</a>、'
            '<a href="../../branches/pub-real/">公开三</a>、<a href="../../branches/pub-real/">公开四</a>。') in html
    for path, text in site_texts(tmp_path / "site"):
        for marker in HIDDEN_MARKERS:
            assert marker not in text, (path, marker)
    # the internal build links the internal record (drafts stay out)
    internal = mkdocs_build(write_project(tmp_path / "p", files, baseline=False), tmp_path / "internal",
                            SHOWCASE_VISIBILITY="internal")
    assert internal.returncode == 0, internal.stderr
    html = (tmp_path / "internal/cases/c/index.html").read_text(encoding="utf-8")
    assert '见<a href="../../branches/secret-id-qq/">材料一</a>' in html and "见材料三。" in html


def test_search_text_and_summary_keep_link_words_not_addresses_nor_comments():
    body = ("见[材料一](../branches/secret-file.md)与<a\nhref=\"../branches/secret-file.md\"\n"
            "title=\"a>b secret-file\">材料五</a>。<!-- 内部：不发 -->\n<!--\n内部多行\n-->\n"
            "<script>var secret = 'secret-file';</script><style>p{}</style>尾")
    assert markdown_text(body, lambda i: None) == "见材料一与 材料五 。\n尾"
    assert html_as_text("a<!-- x -->b<br>c &amp; <template>t</template>") == "ab c &amp;   "


@pytest.mark.build
@pytest.mark.parametrize("raw_html", ["strip", "allow"])
def test_html_comments_are_never_published_but_code_shows_them(tmp_path, raw_html):
    body = textwrap.dedent("""\
        第一段<!-- 内部：行内备注甲 -->结束。

        <!-- 内部：整段备注乙 -->

        <!--
        内部：多行备注丙
        -->

        <div markdown>
        <!-- 内部：块内备注丁 -->
        *强调*
        </div>

        行内代码 `<!-- 代码注释一 -->`。

        ```html
        <!-- 代码注释二 -->
        ```
        """)
    files = {"content/cases/c.md": md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 其他", body)}
    yml = f"site_name: 测试\ndocs_dir: content\nplugins:\n  - showcase:\n      raw_html: {raw_html}\n" \
          "markdown_extensions: [md_in_html, fenced_code]\n"
    project_dir = write_project(tmp_path / "p", files, mkdocs_yml=yml)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/cases/c/index.html").read_text(encoding="utf-8")
    assert "第一段结束。" in html and "<em>强调</em>" in html
    assert "<code>&lt;!-- 代码注释一 --&gt;</code>" in html and "&lt;!-- 代码注释二 --&gt;" in html
    assert "<!--" not in html[html.index('<div class="sc-body">'):html.index('<div class="sc-record-links">')]
    for path, text in site_texts(tmp_path / "site"):
        for marker in ("行内备注甲", "整段备注乙", "多行备注丙", "块内备注丁"):
            assert marker not in text, (path, marker)


HOSTILE = textwrap.dedent("""\
    ## 小标题 {#sub .sub-class}

    段落<span style="color: red; position: fixed" onclick="alert('onclick-x')">红字</span><br>换行。
    {: #para-id .para-class }

    <script>alert("script-x")</script>
    <style>body { display: none } /* style-x */</style>
    <iframe src="https://evil.example/iframe-x">框内</iframe>
    <object data="object-x.swf"></object><embed src="embed-x.swf">
    <a href="javascript:alert('js-x')">甲</a> <a href="JaVaScRiPt:alert('js-y')">乙</a>
    <a href="vbscript:msgbox('vb-x')">丙</a> <a href="data:text/html;base64,ZGF0YS14">丁</a>
    <img src="javascript:alert('img-x')" onerror="alert('onerror-x')" alt="坏图">
    <img src="../assets/ok.png" alt="好图" width="10">
    <form action="https://evil.example/form-x"><input name="input-x"></form>

    [Markdown 坏链](javascript:alert(document.domain)//md-x)

    | 列一 | 列二 |
    |:-----|-----:|
    | 甲   | 乙   |

    <table class="pasted"><tr><td colspan="2">粘贴的表格</td></tr></table>

    ![插图](../assets/ok.png){: .wide }
    """)
FORBIDDEN = ("script-x", "style-x", "iframe-x", "object-x", "embed-x", "js-x", "js-y", "vb-x", "ZGF0YS14",
             "img-x", "onerror-x", "onclick-x", "form-x", "input-x", "md-x")


def _build_hostile(tmp_path, raw_html: str | None):
    option = f"      raw_html: {raw_html}\n" if raw_html else "      {}\n"
    yml = ("site_name: 测试\ndocs_dir: content\nplugins:\n  - showcase:\n" + option +
           "markdown_extensions:\n  - tables\n  - attr_list\n  - md_in_html\n  - toc:\n      permalink: true\n")
    files = {"content/cases/c.md": md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 其他", HOSTILE),
             "content/assets/ok.png": b"\x89PNG\r\n\x1a\n"}
    result = mkdocs_build(write_project(tmp_path / "p", files, mkdocs_yml=yml), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site/cases/c/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_raw_html_is_sanitized_by_default_and_markdown_features_survive(tmp_path):
    html = _build_hostile(tmp_path, None)  # strip is the default
    for path, text in site_texts(tmp_path / "site"):
        for marker in FORBIDDEN:
            assert marker not in text, (path, marker)
    body = html[html.index('<div class="sc-body">'):html.index('<div class="sc-record-links">')]
    assert re.search(r"<(script|style|iframe|object|embed|form|input)\b", body) is None
    assert re.search(r"\son\w+=", body) is None and "position" not in body
    # ordinary markup stays: headings with ids, classes and permalinks, spans, <br>, tables, images
    assert '<h2 class="sub-class" id="sub">小标题<a class="headerlink" href="#sub" title="本节链接">¶</a></h2>' in body
    assert '<span style="color:red">红字</span><br>换行。' in body
    assert '<p class="para-class" id="para-id">' in body
    assert '<th style="text-align:left">列一</th>' in body and '<td style="text-align:right">乙</td>' in body
    assert '<td colspan="2">粘贴的表格</td>' in body and '<table class="pasted">' in body
    assert '<img src="../assets/ok.png" alt="好图" width="10">' in body
    assert '<img alt="插图" class="wide" src="../../assets/ok.png">' in body
    assert "<a>甲</a>" in body and "框内" in body
    # our own markup around the body is untouched: the panel and its attributes
    assert '<div class="sc-record sc-record--case" data-kind="case">' in html


@pytest.mark.build
def test_raw_html_allow_leaves_the_body_as_written_but_without_comments(tmp_path):
    html = _build_hostile(tmp_path, "allow")
    assert '<script>alert("script-x")</script>' in html
    assert """onclick="alert('onclick-x')\"""" in html


def test_a_cached_check_reports_plain_links_as_the_first_check_did(tmp_path):
    files = {**BRANCHES, "content/cases/c.md": md(CASE, "见[材料](../branches/secret-file.md)与[没有](nosuch.md)。")}
    project_dir = write_project(tmp_path / "p", files, baseline=False)
    runs = [subprocess.run([console_script("showcase"), "check", str(project_dir)], capture_output=True,
                           text=True, encoding="utf-8", env=subprocess_env(), timeout=120) for _ in range(2)]
    assert (project_dir / ".cache").is_dir()
    first, second = (run.stderr + run.stdout for run in runs)
    assert "c.md:8: 警告：“../branches/secret-file.md”" in first and "c.md:8: 错误：“nosuch.md”" in first
    assert first == second
