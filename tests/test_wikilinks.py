"""`[[id]]` links: one decision (core/wikilinks.py) read by the rendered page (a Markdown
extension), the summary and the search text; code is code everywhere, and the check-time
finder agrees with Python-Markdown about what code is."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from conftest import md, mkdocs_build, run_core, site_texts, write_project

from generator.core.codeblocks import code_lines
from generator.core.project import Visibility
from generator.core.wikilinks import find_wikilinks, wikilinks_as_text
from generator.search import search_documents
from generator.site.wikilinks import WikilinkExtension

# Bodies whose links Python-Markdown and the finder must read alike: (body, ids linked).
BODIES = {
    "plain": ("见 [[a]] 和 [[b|乙]]。", ["a", "b"]),
    "code span": ("代码 `[[a]]` 与 ``x [[b]] ` y`` 都是代码，[[c]] 不是。", ["c"]),
    "escaped": ("写成 \\[[a]] 就不是链接。", []),
    "fenced": ("前 [[a]]\n\n```\n[[b]]\n\n[[c]]\n```\n\n后 [[d]]", ["a", "d"]),
    "fenced tilde with info": ("~~~~ text\n[[b]]\n~~~\n[[c]]\n~~~~\n\n[[d]]", ["d"]),
    "unclosed fence": ("```\n[[a]]", ["a"]),
    "indented": ("段落。\n\n    [[a]]\n\n    [[b]]\n后 [[c]]", ["c"]),
    "indented first": ("    [[a]]\n\n[[b]]", ["b"]),
    "tab indented": ("段落。\n\n\t[[a]]\n\n[[b]]", ["b"]),
    "lazy continuation": ("段落第一行\n    [[a]] 仍是段落", ["a"]),
    "list continuation": ("- 一项\n\n    [[a]] 仍在列表项里\n\n        [[b]] 是列表里的代码\n\n[[c]]", ["a", "c"]),
    "after a list": ("1. 一项\n\n段落 [[a]]\n\n    [[b]]", ["a"]),
}


def rendered_ids(body: str) -> tuple[str, list[str]]:
    """The HTML Python-Markdown (with MkDocs' built-in extensions) makes of `body`, and the ids
    the wiki-link processor was asked for."""
    asked = []

    def resolve(target_id):
        asked.append(target_id)
        return type("R", (), {"url": f"branches/{target_id}/", "title": f"标题{target_id}"})()

    html = markdown.markdown(body, extensions=["toc", "tables", "fenced_code",
                                               WikilinkExtension(lambda: ("cases/c/", resolve))])
    return html, asked


@pytest.mark.parametrize("name", BODIES)
def test_the_finder_and_the_rendered_page_agree_on_what_is_code(name):
    body, expected = BODIES[name]
    html, asked = rendered_ids(body)
    assert sorted(asked) == sorted(expected), html
    assert [target for _, target in find_wikilinks(body)] == expected
    for target in expected:
        assert f'<a href="../../branches/{target}/">' in html


def test_code_lines_marks_fenced_and_indented_blocks():
    body = "a\n\n```\nx\n\ny\n```\n\n    z\nb\n- item\n\n    more\n"
    assert code_lines(body) == [False, False, True, True, True, True, True, False, True, False,
                                False, False, False, False]


def test_plain_text_keeps_code_literal_and_reads_links_as_the_build_shows_them():
    titles = {"a": "甲"}
    resolve = lambda i: type("R", (), {"title": titles[i]})() if i in titles else None  # noqa: E731
    body = "见 [[a]]、[[a|这个]]、[[hidden]]、[[hidden|化名]]。\n\n`[[a]]`\n\n    [[a]]"
    assert wikilinks_as_text(body, resolve) == "见 甲、这个、、化名。\n\n`[[a]]`\n\n    [[a]]"


FILES = {
    "content/branches/a.md": md("title: 甲党支部\nlevel: 党支部"),
    "content/branches/hidden-xyzzy.md": md("title: 保密支部丁戊\nlevel: 党支部\nvisibility: internal"),
    "content/cases/c.md": md("title: 案例\ndate: 2021\nbranches: [a]\ncategory: 其他", textwrap.dedent("""\
        见 [[a]]、[[a|这个支部]]、[[hidden-xyzzy]]、[[hidden-xyzzy|某支部]]。

        行内 `[[nosuch-inline]]`。

        ```
        [[nosuch-fenced]]
        ```

            [[nosuch-indented]]
        """)),
}


def test_wikilinks_in_code_are_not_checked(tmp_path):
    project = run_core(write_project(tmp_path / "p", FILES, baseline=False))
    # only the warnings that a public build will not show the links to the internal record
    assert {(p.code, p.args["id"]) for p in project.problems} == {("ref-hidden", "hidden-xyzzy")}


@pytest.mark.build
def test_built_page_links_outside_code_and_keeps_code_literal(tmp_path):
    project_dir = write_project(tmp_path / "p", FILES, baseline=False)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/cases/c/index.html").read_text(encoding="utf-8")
    assert '见 <a href="../../branches/a/">甲党支部</a>、<a href="../../branches/a/">这个支部</a>、、某支部。' in html
    assert "<code>[[nosuch-inline]]</code>" in html
    assert "<code>[[nosuch-fenced]]\n</code>" in html
    assert "<code>[[nosuch-indented]]\n</code>" in html
    # the hidden record leaves no trace anywhere in the public site: not its id, title or link
    for path, text in site_texts(tmp_path / "site"):
        assert "hidden-xyzzy" not in text and "保密支部丁戊" not in text, path


def test_summary_and_search_text_read_links_as_the_page_does(tmp_path):
    files = dict(FILES)
    files["content/cases/c.md"] = md("title: 案例\ndate: 2021\nbranches: [a]\ncategory: 其他",
                                     "见 [[a]] 与 [[hidden-xyzzy]]、[[hidden-xyzzy|某支部]]。")
    project = run_core(write_project(tmp_path / "p", files, baseline=False))
    doc = next(d for d in search_documents(project, Visibility()) if d.url == "cases/c/")
    assert doc.summary == "见 甲党支部 与 、某支部。"
    assert doc.body_text == "见 甲党支部 与 、某支部。"
    internal = next(d for d in search_documents(project, Visibility(internal=True)) if d.url == "cases/c/")
    assert internal.summary == "见 甲党支部 与 保密支部丁戊、某支部。"
