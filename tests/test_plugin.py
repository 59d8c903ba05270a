"""The MkDocs plugin, through a real `mkdocs build`: record pages at stable addresses, records
kept out of the nav, hidden records leaking nothing, errors failing the build with the same
lines as `showcase check`, and content/ never touched. Also: the bundled sample content builds."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import (console_script, content_hashes, md, mkdocs_build, site_texts, subprocess_env,
                      write_project)
from generator.site.pages import section_of

pytestmark = pytest.mark.build

PLUGIN_YML = """\
site_name: 插件测试
site_url: https://plugin.test/
docs_dir: content
use_directory_urls: true
theme:
  name: material
  font: false
plugins:
  - search
  - showcase
"""

# words of the hidden records (title, summary, body, and the draft's id)
SECRET_WORDS = ["绝密内部支部", "内部正文乙丙丁", "plugh", "草稿案例戊己", "草稿正文庚辛"]
# the internal organisation's id, which a public record names in its front matter
HIDDEN_ID = "neibu-xyzzy"

FILES = {
    "content/branches/long-file-name.md": md("id: renamed-branch\ntitle: 改名支部\nlevel: 党支部",
                                            "改名支部的正文。"),
    "content/lectures/基线讲堂/002.md": md("title: 基线讲堂第2期\nseries: 基线讲堂\nnumber: 2\ndate: 2021-08\n"
                                         "speakers: [{name: 李四}]", "第二期的正文。"),
    # hidden records: their words must appear nowhere in a public build
    "content/branches/neibu-xyzzy.md": md("title: 绝密内部支部\nlevel: 党支部\nvisibility: internal\n"
                                          "summary: 绝密内部支部的摘要\nparent: baseline-branch\npartners: [baseline-branch]",
                                          "内部正文乙丙丁"),
    "content/cases/caogao-plugh.md": md("title: 草稿案例戊己\ndate: 2021\nbranches: [baseline-branch]\n"
                                        "category: 其他\ndraft: true", "草稿正文庚辛"),
    # a public record naming the internal one (a warning, not an error)
    "content/sites/names-hidden.md": md("title: 引用内部的示范点\nbranch: neibu-xyzzy"),
    "content/about.md": "# 关于本站\n\n普通页面。\n",
}

RECORD_PAGES = [
    "branches/baseline-branch/index.html",
    "branches/renamed-branch/index.html",
    "brands/baseline-brand/index.html",
    "sites/baseline-site/index.html",
    "sites/names-hidden/index.html",
    "lectures/基线讲堂/001/index.html",
    "lectures/基线讲堂/002/index.html",
    "cases/baseline-case/index.html",
]


class Links(HTMLParser):
    """Every link of a page, split into those inside <nav> elements and the rest."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url, self.depth = page_url, 0
        self.in_nav: set[str] = set()
        self.outside_nav: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self.depth += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            target = unquote(urlsplit(urljoin(self.page_url, href)).path)
            (self.in_nav if self.depth else self.outside_nav).add(target)

    def handle_endtag(self, tag):
        if tag == "nav":
            self.depth -= 1


def links_of(site_dir: Path, page: str) -> Links:
    url = "http://site.test/" + page.removesuffix("index.html")
    parser = Links(url)
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small valid project, its hashes before the build, and the public build."""
    project_dir = write_project(tmp_path_factory.mktemp("plugin") / "project", FILES, PLUGIN_YML)
    before = content_hashes(project_dir)
    site_dir = project_dir.parent / "site"
    result = mkdocs_build(project_dir, site_dir)
    return project_dir, site_dir, result, before


# -- a clean build -----------------------------------------------------------------------------

def test_build_of_a_valid_project_succeeds(built):
    _, site_dir, result, _ = built
    assert result.returncode == 0, result.stderr
    assert (site_dir / "index.html").is_file()


@pytest.mark.parametrize("page", RECORD_PAGES)
def test_record_page_lives_at_folder_slash_id(built, page):
    _, site_dir, _, _ = built
    assert (site_dir / page).is_file(), sorted(str(p.relative_to(site_dir)) for p in site_dir.rglob("index.html"))


def test_explicit_id_moves_the_page_away_from_the_file_name(built):
    _, site_dir, _, _ = built
    page = (site_dir / "branches/renamed-branch/index.html").read_text(encoding="utf-8")
    assert "改名支部" in page and "改名支部的正文。" in page
    assert not (site_dir / "branches/long-file-name").exists()


def test_lecture_in_a_subfolder_keeps_its_path(built):
    _, site_dir, _, _ = built
    page = (site_dir / "lectures/基线讲堂/002/index.html").read_text(encoding="utf-8")
    assert "基线讲堂第2期" in page and "第二期的正文。" in page


def test_record_page_shows_the_body_not_the_front_matter(built):
    _, site_dir, _, _ = built
    page = (site_dir / "branches/baseline-branch/index.html").read_text(encoding="utf-8")
    assert "正文第一段。" in page
    assert "level:" not in page


def test_records_are_not_in_the_nav_but_the_kind_index_links_them(built):
    _, site_dir, _, _ = built
    records = {"/" + page.removesuffix("index.html") for page in RECORD_PAGES}
    home = links_of(site_dir, "index.html")
    assert home.in_nav, "the home page has a nav"
    assert not records & home.in_nav, sorted(records & home.in_nav)
    assert "/branches/" in home.in_nav  # the kind index pages are in the nav
    branches = links_of(site_dir, "branches/index.html")
    assert not records & branches.in_nav
    assert {"/branches/baseline-branch/", "/branches/renamed-branch/"} <= branches.outside_nav
    lectures = links_of(site_dir, "lectures/index.html")
    assert {"/lectures/基线讲堂/001/", "/lectures/基线讲堂/002/"} <= lectures.outside_nav


def test_every_kind_has_an_index_page(built):
    _, site_dir, _, _ = built
    for folder in ("branches", "brands", "sites", "lectures", "cases"):
        assert (site_dir / folder / "index.html").is_file()


def test_ordinary_pages_are_left_alone(built):
    _, site_dir, _, _ = built
    assert "普通页面。" in (site_dir / "about/index.html").read_text(encoding="utf-8")


def test_drafts_and_internal_records_have_no_page(built):
    _, site_dir, _, _ = built
    assert not (site_dir / "branches" / HIDDEN_ID).exists()
    assert not (site_dir / "cases/caogao-plugh").exists()


def test_public_build_leaks_nothing_of_hidden_records(built):
    _, site_dir, _, _ = built
    leaks = [(path, word) for path, text in site_texts(site_dir) for word in SECRET_WORDS if word in text]
    assert leaks == []


def test_public_build_does_not_show_the_id_of_an_internal_record_a_public_one_names(built):
    # The reference is dropped from the public page ("公开版中不会显示这个链接"); printing the
    # internal organisation's id as plain text instead still reveals it, in the page and in search.
    _, site_dir, _, _ = built
    assert (site_dir / "sites/names-hidden/index.html").is_file()
    leaks = [path for path, text in site_texts(site_dir) if HIDDEN_ID in text]
    assert leaks == []


def test_build_never_modifies_content(built):
    project_dir, _, result, before = built
    assert result.returncode == 0
    assert content_hashes(project_dir) == before


def logged(line: str) -> str:
    """A line of `showcase check` as MkDocs prints it: its level, then the plugin's name."""
    label = re.match(r"[^:]+:\d+: (错误|警告)：", line)
    level = {"错误": "ERROR", "警告": "WARNING"}[label.group(1)] if label else "INFO"
    return f"{level:<8}-  showcase: {line}"


def showcase_check(project_dir: Path) -> list[str]:
    """What `showcase check` prints: the problems (stdout), then the summary (stderr)."""
    check = subprocess.run([console_script("showcase"), "check", str(project_dir)], capture_output=True,
                           text=True, encoding="utf-8", env=subprocess_env())
    return check.stdout.splitlines() + check.stderr.splitlines()


def showcase_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "showcase: " in line]


def test_build_reports_warnings_like_check(built):
    project_dir, _, result, _ = built
    expected = showcase_check(project_dir)
    assert len(expected) == 2 and expected[0].startswith("content/sites/names-hidden.md:3: 警告：")
    assert expected[1].startswith("检查了 ")
    lines = showcase_lines(result.stderr)
    assert lines[:-1] == [logged(line) for line in expected]
    assert lines[-1].startswith("INFO    -  showcase: 网站已生成：")  # the build's summary


def test_strict_build_fails_on_a_content_warning(built, tmp_path):
    project_dir, _, _, _ = built
    result = mkdocs_build(project_dir, tmp_path / "site", "--strict", SHOWCASE_SEARCH="0")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "严格模式（--strict）下有 1 个警告，网站未生成" in output  # said by the plugin, in Chinese
    assert "Aborted with" not in output and "strict mode!" not in output  # instead of MkDocs' English line
    assert showcase_lines(result.stderr) == [logged(line) for line in showcase_check(project_dir)]


def test_quiet_build_hides_warnings_and_the_summary(built, tmp_path):
    # -q shows errors only, as for MkDocs' own messages
    project_dir, _, _, _ = built
    result = mkdocs_build(project_dir, tmp_path / "site", "-q", SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# -- other builds ------------------------------------------------------------------------------------

def test_internal_build_publishes_internal_records(built, tmp_path):
    project_dir, _, _, _ = built
    site_dir = tmp_path / "internal-site"
    result = mkdocs_build(project_dir, site_dir, SHOWCASE_VISIBILITY="internal")
    assert result.returncode == 0, result.stderr
    page = site_dir / "branches/neibu-xyzzy/index.html"
    assert page.is_file()
    assert "内部正文乙丙丁" in page.read_text(encoding="utf-8")
    assert not (site_dir / "cases/caogao-plugh").exists()  # a draft is never published


def test_search_can_be_left_out_of_a_build(built, tmp_path):
    project_dir, site_dir, _, _ = built
    assert (site_dir / "pagefind/pagefind.js").is_file()
    quick = tmp_path / "no-search"
    result = mkdocs_build(project_dir, quick, SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    assert (quick / "search/index.html").is_file() and not (quick / "pagefind").exists()
    assert "  - showcase\n" in PLUGIN_YML
    project = write_project(tmp_path / "p", FILES, PLUGIN_YML.replace("  - showcase\n", "  - showcase:\n      search: false\n"))
    result = mkdocs_build(project, tmp_path / "no-search-2")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "no-search-2/pagefind").exists()


def test_build_with_an_error_fails_with_the_same_line_as_check(make_project, tmp_path):
    bad = {"content/branches/bad.md": md("title: 支部\nlevel: 党支布")}
    project_dir = make_project(bad, mkdocs_yml=PLUGIN_YML)
    before = content_hashes(project_dir)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode != 0
    expected = showcase_check(project_dir)
    assert len(expected) == 2 and expected[0].startswith("content/branches/bad.md:3: 错误：")
    assert showcase_lines(result.stderr) == [logged(line) for line in expected]
    assert "内容检查未通过，请先修正上面的错误" in result.stdout
    assert content_hashes(project_dir) == before
    # -q keeps the error and the reason the build stopped
    quiet = mkdocs_build(project_dir, tmp_path / "quiet", "-q")
    assert quiet.returncode != 0
    assert quiet.stderr.splitlines() == [logged(expected[0])]
    assert "内容检查未通过，请先修正上面的错误" in quiet.stdout


def test_build_with_an_error_in_english(make_project, tmp_path):
    yml = PLUGIN_YML.replace("  - showcase\n", "  - showcase:\n      lang: en\n")
    project_dir = make_project({"content/branches/bad.md": md("title: 支部\nlevel: 党支布")}, mkdocs_yml=yml)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode != 0
    assert "content/branches/bad.md:3: error: " in result.stderr


def test_build_honours_custom_vocabularies(make_project, tmp_path):
    yml = PLUGIN_YML.replace("  - showcase\n", "  - showcase:\n      vocabularies:\n"
                             "        case_categories: [水利攻坚, 服务群众]\n")
    case = {"content/cases/custom.md": md("title: 案例\ndate: 2021\nbranches: [baseline-branch]\ncategory: 水利攻坚")}
    result = mkdocs_build(make_project(case, mkdocs_yml=yml), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/cases/custom/index.html").is_file()
    # …and without the vocabulary the same file fails the build
    result = mkdocs_build(make_project(case, mkdocs_yml=PLUGIN_YML), tmp_path / "site2")
    assert result.returncode != 0
    assert "content/cases/custom.md:5: 错误：" in result.stderr


# -- the bundled sample content ------------------------------------------------------------------------

def test_sample_site_builds(sample_site):
    assert (sample_site / "index.html").is_file()
    for folder in ("branches", "brands", "sites", "lectures", "cases"):
        assert (sample_site / folder / "index.html").is_file()


def test_a_sites_custom_dir_overrides_our_templates(make_project, tmp_path):
    # Our templates sit between the site's custom_dir and Material: a site overrides one of our
    # page templates or our header the way it overrides Material's, and keeps the rest.
    yml = PLUGIN_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project_dir = make_project({
        "overrides/showcase/home.html": '<p class="own-home">本局首页：{{ counts | length }} 类</p>\n',
        "overrides/partials/header.html": '<header class="own-header">本局页眉</header>\n',
    }, mkdocs_yml=yml)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<p class="own-home">本局首页：5 类</p>' in home and "sc-home" not in home
    assert '<header class="own-header">本局页眉</header>' in home and "sc-header-search" not in home
    branch = (tmp_path / "site/branches/baseline-branch/index.html").read_text(encoding="utf-8")
    assert 'class="sc-record sc-record--branch"' in branch  # the templates it does not override


TABS_YML = PLUGIN_YML.replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
_NAV_LINK = re.compile(r'<a href="([^"#][^"]*)" class="md-(?:nav|tabs)__link')
_ACTIVE_TAB = re.compile(r'<li class="md-tabs__item md-tabs__item--active">\s*<a href="([^"]*)"')
_ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_HEADER_LINKS = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-header__button md-logo"|'
                           r'<form class="sc-header-search" role="search" action="([^"]*)"')


@pytest.mark.build
def test_every_page_has_its_own_nav_and_tabs(make_project, tmp_path):
    # The nav and tabs are rendered once for the pages that show them alike, the stylesheets,
    # scripts, config and header once per depth (site/navcache.py): on every page, at every depth
    # and in every section, each of their links leads to a file of the site, the config's base
    # address is the site's root, the header's logo leads home, its search form to the search
    # page, and the active tab is the page's section.
    project_dir = make_project(mkdocs_yml=TABS_YML)
    site = tmp_path / "site"
    result = mkdocs_build(project_dir, site, SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    depths = set()
    for path in site.rglob("index.html"):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        text = path.read_text(encoding="utf-8")
        links = _NAV_LINK.findall(text)
        assert len(links) > 10, url
        for href in links:
            target = unquote(urljoin(f"https://t/{url}", href))[len("https://t/"):]
            assert (site / target / "index.html").is_file(), (url, href)
        active = [unquote(urljoin(f"https://t/{url}", href)) for href in _ACTIVE_TAB.findall(text)]
        assert active == [f"https://t/{section_of(url)}"], url
        config = json.loads(_CONFIG.search(text).group(1))
        assert urljoin(f"https://t/{url}", config["base"] + "/") == "https://t/", url
        assets = _ASSET.findall(text) + [config["search"]]
        assert len(assets) > 5, url
        for href in assets:
            target = unquote(urljoin(f"https://t/{url}", href))[len("https://t/"):]
            assert (site / target).is_file(), (url, href)
        header = [urljoin(f"https://t/{url}", logo or search) for logo, search in _HEADER_LINKS.findall(text)]
        assert header == ["https://t/", "https://t/search/"], url
        depths.add(url.count("/"))
    assert {0, 1, 2, 3} <= depths  # home, cases/, records, cases/year/2021/


@pytest.mark.build
def test_a_custom_dir_override_of_the_nav_is_rendered_for_each_page(make_project, tmp_path):
    # An override may show anything of the page: the nav is then not reused from page to page.
    yml = TABS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project_dir = make_project({"overrides/partials/tabs-item.html":
                                '{% macro render(nav_item) %}<li data-page="{{ page.url }}"></li>{% endmacro %}\n'},
                               mkdocs_yml=yml)
    result = mkdocs_build(project_dir, tmp_path / "site", SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    for url in ("branches/baseline-branch/", "cases/baseline-case/", "years/2021/"):
        page = (tmp_path / "site" / url / "index.html").read_text(encoding="utf-8")
        assert f'<li data-page="{url}"></li>' in page, url


def toc_of(page: str) -> list[tuple[str, str]]:
    """(anchor, title) of each entry of the page's table of contents (Material's sidebar)."""
    start = page.index('<nav class="md-nav md-nav--secondary"')
    sidebar = page[start:page.index("</nav>", start)]
    return [(anchor, title.strip()) for anchor, title in re.findall(
        r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">([^<]*)<', sidebar)]


def test_the_table_of_contents_lists_the_record_panel_and_related_records(make_project, tmp_path):
    branch = md("title: 基线党支部\nlevel: 党支部\nhonors:\n  - title: 先进基层党组织\n    year: 2021",
                "第一段。\n\n## 主要做法\n\n做法正文。")
    project_dir = make_project({"content/branches/baseline-branch.md": branch}, mkdocs_yml=PLUGIN_YML)
    result = mkdocs_build(project_dir, tmp_path / "site", SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/branches/baseline-branch/index.html").read_text(encoding="utf-8")
    toc = toc_of(page)
    # the panel's section, the body's heading, then the related records, as on the page
    assert [title for _, title in toc] == ["荣誉", "主要做法", "党建品牌", "示范点", "典型案例"]
    positions = [page.find(f'id="{anchor}"') for anchor, _ in toc]
    assert -1 not in positions, toc
    assert positions == sorted(positions)
    assert all(page.count(f'id="{anchor}"') == 1 for anchor, _ in toc)


# Hooks at priorities next to the default one stand for other plugins: at 1 for a plugin listed
# before showcase, at -1 for one listed after it.
ORDER_HOOKS = '''
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(-1)
def on_files(files, *, config):
    files.append(File.generated(config, "branches/index.md", content="# 本局的党组织\\n\\n钩子写的索引页。\\n"))
    return files


@event_priority(1)
def on_page_markdown(markdown, *, page, config, files):
    return markdown + "\\n\\n钩子追加的段落。\\n\\n## Hook section\\n"


@event_priority(1)
def on_page_content(html, *, page, config, files):
    return html + f"<p>钩子看见面板：{'sc-record' in html}</p>"
'''


def test_hook_order_leaves_other_plugins_the_last_word(make_project, tmp_path):
    yml = PLUGIN_YML + "hooks:\n  - hooks.py\n"
    project_dir = make_project({"hooks.py": ORDER_HOOKS}, mkdocs_yml=yml)
    result = mkdocs_build(project_dir, tmp_path / "site", SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr
    # a page another plugin adds at one of our addresses wins, as one the user wrote does
    index = (tmp_path / "site/branches/index.html").read_text(encoding="utf-8")
    assert "钩子写的索引页。" in index and "sc-tree" not in index
    # a record's Markdown is ours first, then theirs; its HTML has the panel when they see it
    page = (tmp_path / "site/branches/baseline-branch/index.html").read_text(encoding="utf-8")
    assert "钩子追加的段落。" in page
    assert "<p>钩子看见面板：True</p>" in page
    # a generated page's Markdown is rendered only when another plugin wrote some (here a
    # heading, which its table of contents lists; it has none of its own)
    year = (tmp_path / "site/years/2021/index.html").read_text(encoding="utf-8")
    assert ("hook-section", "Hook section") in toc_of(year)


@pytest.mark.build
def test_build_warns_when_mkdocs_yml_sets_no_site_url(tmp_path):
    project = write_project(tmp_path / "p", mkdocs_yml="site_name: 测试\ndocs_dir: content\nplugins: [showcase]\n")
    result = mkdocs_build(project, tmp_path / "site", SHOWCASE_SEARCH="0")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "WARNING -  showcase: mkdocs.yml:1: 警告：没有设置网站地址（site_url" in result.stderr
