"""Reading the built showcase (issue 12, items 5–10): a Chinese footer and 404 page, marked
external links, where-am-I (active tab, breadcrumb, every index linked), contrast of the kind
colours, lecture numbers and attachments, and what a printed page carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, md, mkdocs_build, run_core, write_project
from test_site import links_on, page, text_of

from generator.core.schema import KINDS
from generator.site.pages import NAV

CASE = "cases/hn-2020-jiezhuanyun/"  # a sample case whose sources link to another host


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_kind_colour_carries_white_badge_text_at_aa_contrast():
    for kind in KINDS:
        assert re.fullmatch(r"#[0-9a-f]{6}", kind.colour), kind.name  # a fixed colour, the same in both schemes
        assert contrast(kind.colour, "#ffffff") >= 4.5, kind.name


def active_tab(html: str) -> str:
    found = re.findall(r'md-tabs__item--active">\s*<a href="[^"]*" class="md-tabs__link">\s*([^<]*?)\s*</a>', html)
    assert len(found) == 1, found
    return found[0]


def trail(html: str) -> list[str]:
    nav = re.search(r'<nav class="sc-trail".*?</nav>', html, re.S)
    assert nav, "no breadcrumb"
    return [text_of(item).strip() for item in re.findall(r"<li>(.*?)</li>", nav[0], re.S)]


@pytest.mark.build
def test_footer_is_chinese_and_names_the_organiser_on_every_page(sample_site):
    for path in [sample_site / "index.html", sample_site / "404.html", *sample_site.glob("*/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        assert "Material for MkDocs" not in html and "squidfunk" not in html, path
        footer = re.search(r'<div class="md-copyright sc-footer">.*?</div>', html, re.S)[0]
        assert "主办单位：党建品牌展示库示例" in footer and "联系方式：党建工作部门" in footer, path
        assert "本站收录的是示例内容" in footer


@pytest.mark.build
def test_footer_option_is_shown_escaped_and_defaults_to_the_site_name(tmp_path):
    yml = ("site_name: 测试站\nsite_url: https://dj.example.cn/kb/\ndocs_dir: content\ntheme: {name: material}\n"
           "plugins:\n  - showcase:\n      footer: {notice: 内部资料 注意保密, contact: '<b>电话</b> 1234'}\n")
    project = write_project(tmp_path / "p", mkdocs_yml=yml)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    footer = re.search(r'<div class="md-copyright sc-footer">.*?</div>', html, re.S)[0]
    assert "内部资料 注意保密" in footer and "主办单位：测试站" in footer
    assert "&lt;b&gt;电话&lt;/b&gt; 1234" in footer and "<b>" not in footer
    # with site_url, the print footer names the page's address and carries its QR code
    record = page(tmp_path / "site", "branches/baseline-branch/")
    printed = re.search(r'<footer class="sc-print-footer".*?</footer>', record, re.S)[0]
    assert "https://dj.example.cn/kb/branches/baseline-branch/" in printed
    assert re.search(r'<svg[^>]*class="sc-qr".*?<path', printed, re.S)
    assert "测试站" in printed and "data-sc-print-date" in printed


@pytest.mark.build
def test_404_page_is_chinese_with_search_and_every_index(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in html and "页面不存在" in html
    content = html[html.index('<h1>页面不存在'):]
    assert re.search(r'<form class="sc-header-search" role="search" action="/search/"', content)
    for title, url in [*NAV, ("讲堂系列", "series/")]:
        assert f'<a href="/{url}">{title}</a>' in content  # absolute: a server shows it at any address


@pytest.mark.build
def test_heading_permalinks_are_titled_in_chinese(sample_site):
    html = page(sample_site, CASE)
    assert 'class="headerlink"' in html and "Permanent link" not in html
    assert set(re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', html)) == {"本节链接"}


@pytest.mark.build
def test_links_to_other_hosts_are_marked_and_open_in_a_new_tab(sample_site, tmp_path):
    source = re.search(r'<a href="http://www.ggj.gov.cn/"[^>]*>.*?</a>', page(sample_site, CASE))[0]
    assert 'target="_blank"' in source and 'rel="noopener"' in source and 'class="sc-external"' in source
    assert "外部链接" in source
    files = {"content/cases/c.md": md("""
        title: 案例
        branches: [baseline-branch]
        date: 2021-03
        category: 其他
        """, "见[新华网](https://www.news.cn/a.html \"报道\")和[本站](../branches/baseline-branch.md)。")}
    project = write_project(tmp_path / "p", files)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    body = page(tmp_path / "site", "cases/c/")
    external = re.search(r'<a href="https://www.news.cn/a.html"[^>]*>.*?</a>', body)[0]
    assert 'target="_blank" rel="noopener"' in external and "（外部链接，在新窗口打开）" in external
    internal = re.search(r'<a href="[^"]*baseline-branch/"[^>]*>', body)[0]
    assert "target" not in internal and "sc-external" not in internal


@pytest.mark.build
def test_every_page_highlights_its_section_and_has_a_breadcrumb(sample_site):
    sample = run_core(REPO)
    lecture = next(r for r in sample.records if r.kind == "lecture" and not r.internal and not r.draft)
    expected = {  # page → (highlighted tab, breadcrumb)
        CASE: ("典型案例", ["首页", "典型案例", "二十天接转2271名北京入境赴豫人员"]),
        "cases/": ("典型案例", ["首页", "典型案例"]),
        "tags/": ("标签", ["首页", "标签"]),
        "years/2018/": ("年份", ["首页", "年份", "2018年"]),
        "categories/组织建设/": ("分类", ["首页", "分类", "党建分类：组织建设"]),
        "honors/省部级/": ("荣誉榜", ["首页", "荣誉榜", "荣誉榜：省部级"]),
        "series/": ("讲堂", ["首页", "讲堂", "讲堂系列"]),
        lecture.url: ("讲堂", ["首页", "讲堂", lecture.values["series"], lecture.title]),
        "branches/hebei-slt-jgdw/": ("党组织", None),
    }
    for url, (tab, crumbs) in expected.items():
        html = page(sample_site, url)
        assert active_tab(html) == tab, url
        if crumbs:
            assert trail(html) == crumbs, url
        section = next(u for t, u in NAV if t == tab)
        if url != section:
            assert section in links_on(sample_site, url), url  # the way back to its index
    assert "series/" in links_on(sample_site, "lectures/")
    series_page = next(p.parent.name for p in (sample_site / "series").glob("*/index.html"))
    assert trail(page(sample_site, f"series/{series_page}/"))[:3] == ["首页", "讲堂", "讲堂系列"]
    assert "<nav class=\"sc-trail\"" not in page(sample_site, "")


@pytest.mark.build
def test_lecture_number_is_said_once_and_attachments_are_shown_or_offered(sample_site, tmp_path):
    index = text_of(page(sample_site, "lectures/"))
    assert not re.search(r"第\s*(\d+)\s*期\s*·\s*第\s*\1\s*期", index)
    assert "<ol class=\"sc-sessions\"" not in page(sample_site, "lectures/")
    lecture = page(sample_site, "lectures/水利大讲堂/071/")
    assert re.search(r'<figure class="sc-media__image"><img src="[^"]*dajiangtang-071\.svg"', lecture)
    pdf = b"%PDF-1.4\n" + b"0" * 3063
    files = {"content/lectures/s/001.md": md("""
        title: 一讲
        series: 系列
        number: 1
        date: 2021-03-01
        speakers: [{name: 张三}]
        media:
          - {kind: 讲义, file: ../../assets/files/001.pdf}
        """), "content/assets/files/001.pdf": pdf}
    project = write_project(tmp_path / "p", files)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "site", "lectures/s/001/")
    download = re.search(r'<a class="sc-download" href="([^"]*)" download>001.pdf</a> <span class="sc-muted">（PDF，(.*?)）</span>', html)
    assert download and download[2] == "3.0 KB"
    assert (tmp_path / "site" / "lectures/s/001" / download[1]).resolve().read_bytes() == pdf
    assert "第 1 期 · " in text_of(page(tmp_path / "site", "lectures/"))  # the title does not say it


@pytest.mark.build
def test_print_footer_without_site_url_has_no_qr_code(tmp_path):
    yml = "site_name: 测试站\ndocs_dir: content\ntheme: {name: material}\nplugins: [showcase]\n"
    project = write_project(tmp_path / "p", mkdocs_yml=yml)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    printed = re.search(r'<footer class="sc-print-footer".*?</footer>',
                        page(tmp_path / "site", "branches/baseline-branch/"), re.S)[0]
    assert "测试站" in printed and "sc-qr" not in printed and "location.href" in printed


@pytest.mark.build
def test_print_footer_is_filled_in_when_printed(sample_site):
    printed = re.search(r'<footer class="sc-print-footer".*?</footer>', page(sample_site, CASE), re.S)[0]
    assert "党建品牌展示库" in printed and "sc-qr" in printed  # the sample sets site_url
    assert "location.href" in printed and "beforeprint" in printed


def test_stylesheet_prints_titles_black_and_link_addresses():
    css = (REPO / "generator/site/theme/assets/showcase.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print"):]
    assert re.search(r"\.md-typeset h1[^{]*\{ color: #000; \}", printing)
    assert 'content: "（" attr(href) "）"' in printing and ".sc-print-footer { display: flex" in printing
