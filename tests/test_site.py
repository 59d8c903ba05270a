"""The built showcase of the bundled sample content: pages, links, counts, visibility, escaping.

Expectations are derived from the sample records through the core (so the tests keep
up with the content), plus a few facts of the sample spelled out where they matter.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import REPO, console_script, md, mkdocs_build, run_core, site_texts, subprocess_env, write_project

from generator.core.project import Visibility
from generator.core.t2s import simplified
from generator.site.render import THEME_DIRS, share_globals, slug


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links_on(site: Path, url: str) -> set[str]:
    """Every link of a page, as a site-root-relative address ("cases/x/")."""
    base = "http://site.test/" + url
    return {unquote(urlsplit(urljoin(base, href)).path).lstrip("/")
            for href in re.findall(r'href="([^"#]*)"', page(site, url))}


def text_of(html: str) -> str:
    """The visible text of a page fragment (tags dropped, entities decoded)."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def sample():
    return run_core(REPO)


pytestmark = pytest.mark.build  # (all but the stylesheet test read a built site)


@pytest.fixture(scope="module")
def public_site(sample_site):
    return sample_site


@pytest.fixture(scope="module")
def internal_site(sample_internal_site):
    return sample_internal_site


def build_small(tmp_path: Path, files: dict):
    """Build a throwaway project of just `files`; returns (mkdocs result, site folder)."""
    project = write_project(tmp_path / "p", files, baseline=False)
    site = tmp_path / "site"
    return mkdocs_build(project, site), site


def published(sample, visibility=Visibility()):
    return [r for r in sample.records if visibility.publishes(r)]


def hidden(sample):
    return [r for r in sample.records if r.internal or r.draft]


# -- addresses ----------------------------------------------------------------------------------

def test_every_generated_address_exists(sample, public_site):
    records = published(sample)
    urls = ["", "branches/", "brands/", "sites/", "lectures/", "cases/", "series/", "years/",
            "categories/", "tags/", "honors/", "stats/"]
    urls += [f"series/{slug(s)}/" for s in {r.values["series"] for r in records if r.kind == "lecture"}]
    urls += [f"years/{y}/" for r in records if r.date for y in _years(r.date)]
    urls += [f"categories/{slug(c)}/" for r in records for c in r.values.get("categories", [])]
    urls += [f"cases/category/{slug(r.values['category'])}/" for r in records if r.kind == "case"]
    urls += [f"cases/year/{y}/" for r in records if r.kind == "case" for y in _years(r.date)]
    urls += [f"cases/org/{o.id}/" for r in records if r.kind == "case" for o in map(sample.resolve, r.values["branches"])
             if Visibility().publishes(o)]
    urls += [f"tags/{slug(simplified(t))}/" for r in records for t in r.values.get("tags", [])]
    urls += [r.url for r in records]
    missing = [u for u in set(urls) if not (public_site / u / "index.html").is_file()]
    assert not missing


def _years(date):
    from generator.core.dates import date_years
    return list(date_years(date))


def test_nav_holds_index_pages_and_never_records(sample, public_site):
    home = page(public_site, "")
    nav = "".join(re.findall(r'<nav class="md-tabs".*?</nav>', home, re.S))
    assert 'href="branches/"' in nav and 'href="stats/"' in nav
    for record in published(sample):
        assert f'href="{record.url}"' not in nav


def test_series_page_lists_sessions_in_number_order(sample, public_site):
    html = page(public_site, f"series/{slug('水利大讲堂')}/")
    numbers = [int(n) for n in re.findall(r"<td>第 (\d+) 期</td>", html)]
    expected = sorted(r.values["number"] for r in published(sample)
                      if r.kind == "lecture" and r.values["series"] == "水利大讲堂")
    assert numbers == expected and len(numbers) >= 8


def test_year_page_is_a_timeline_of_that_year(sample, public_site):
    in_2021 = [r for r in published(sample) if r.date and 2021 in _years(r.date)]
    html = page(public_site, "years/2021/")
    assert 'class="sc-timeline"' in html
    for record in in_2021:
        assert f'>{record.title}</a>' in unescape(html)
    dates = re.findall(r'datetime="([\d-]+)"', html)
    assert dates == sorted(dates)


def test_case_category_page_is_the_cases_table_of_that_category(sample, public_site):
    flood = [r for r in published(sample) if r.kind == "case" and r.values["category"] == "防汛抗旱"]
    html = unescape(page(public_site, f"cases/category/{slug('防汛抗旱')}/"))
    rows = re.findall(r'<td class="sc-cases__title"[^>]*><a href="[^"]*">([^<]+)</a>', html)
    assert flood and sorted(rows) == sorted(r.title for r in flood)


# -- record pages -------------------------------------------------------------------------------

def test_case_page_shows_outcomes_as_figures_with_units(public_site):
    html = page(public_site, "cases/hn-2020-jiezhuanyun/")
    assert re.search(r'sc-figure-stat__value">2,271</span><span class="sc-figure-stat__unit">人</span>', html)
    assert re.search(r'sc-figure-stat__value">20</span><span class="sc-figure-stat__unit">天</span>', html)
    assert "2020年3月—2020年4月" in html  # a period at month precision


def test_honours_show_as_badges_with_level_and_year(public_site):
    html = page(public_site, "cases/hn-2020-jiezhuanyun/")
    badge = re.search(r'<span class="sc-honour[^"]*">(.*?)</span>\s*</span>', html, re.S)
    assert badge and "省部级" in badge.group(0) and "2020" in badge.group(0)


def test_organisation_page_shows_its_parent_chain_as_breadcrumbs(sample, public_site):
    record = sample.resolve("hebei-slt-jgdw")
    parent = sample.resolve(record.values["parent"])
    html = page(public_site, record.url)
    crumbs = re.search(r'<nav class="sc-breadcrumbs".*?</nav>', html, re.S).group(0)
    assert f'>{parent.title}</a>' in crumbs and record.title in crumbs


def test_rating_shows_stars(sample, public_site):
    rated = next(r for r in published(sample) if r.kind == "branch" and r.values.get("rating"))
    html = page(public_site, rated.url)
    assert html.count("sc-star sc-star--on") == rated.values["rating"]["stars"]


def test_partners_show_on_both_sides(sample, public_site):
    pairs = [(r, sample.resolve(p)) for r in published(sample) if r.kind == "branch"
             for p in r.values.get("partners", [])]
    assert pairs, "the sample has 结对共建 partners"
    for a, b in pairs:
        for here, there in ((a, b), (b, a)):
            section = re.search(r'data-group="partners".*?</section>', page(public_site, here.url), re.S)
            assert section and f">{there.title}</a>" in unescape(section.group(0)), (here.id, there.id)


def test_organisation_lists_children_brands_sites_lectures_and_cases(sample, public_site):
    org = sample.resolve("hebei-slt-jgdw")
    linked = links_on(public_site, org.url)
    expected = [r for r in published(sample) if org.id in (
        [r.values.get("parent"), r.values.get("branch"), r.values.get("host")]
        + r.values.get("owner", []) + r.values.get("branches", []))]
    assert len(expected) >= 8
    assert {r.url for r in expected} <= linked


def test_brand_shows_its_sites_lectures_and_cases(sample, public_site):
    brand = sample.resolve("hebei-slt-dajiangtang")
    html = page(public_site, brand.url)
    groups = dict(re.findall(r'data-group="(\w+)"(.*?)</section>', html, re.S))
    assert set(groups) >= {"sites", "lectures", "cases"}
    lectures = [r for r in published(sample) if r.kind == "lecture" and r.values["series"] == brand.title]
    assert len(re.findall(r"<li>", groups["lectures"])) == len(lectures)


def test_lecture_links_previous_and_next_session(public_site):
    html = page(public_site, "lectures/水利大讲堂/072/")
    nav = re.search(r'<nav class="sc-prevnext".*?</nav>', html, re.S).group(0)
    assert 'href="../071/"' in nav and 'href="../073/"' in nav and "上一期" in nav and "下一期" in nav


def test_wiki_links_in_the_body_link_to_the_record_with_its_title(tmp_path):
    files = {
        "content/branches/a.md": md("title: 甲党支部\nlevel: 党支部"),
        "content/cases/c.md": md("title: 案例\ndate: 2021\nbranches: [a]\ncategory: 其他",
                                 "见 [[a]] 和 [[a|这个支部]]，代码 `[[a]]` 不变。"),
    }
    result, site = build_small(tmp_path, files)
    assert result.returncode == 0, result.stderr
    html = page(site, "cases/c/")
    assert '<a href="../../branches/a/">甲党支部</a>' in html
    assert '<a href="../../branches/a/">这个支部</a>' in html
    assert "<code>[[a]]</code>" in html


def test_unknown_wiki_link_fails_the_build_with_file_and_line(tmp_path):
    files = {"content/branches/a.md": md("title: 甲党支部\nlevel: 党支部", "第一段。\n\n见 [[nosuch]]。")}
    result, _ = build_small(tmp_path, files)
    assert result.returncode != 0
    assert "content/branches/a.md:8: 错误：“[[nosuch]]”（正文中的链接）引用的记录“nosuch”不存在" in result.stderr


def test_images_are_linked_relative_to_the_page(public_site):
    html = page(public_site, "brands/hebei-slt-dajiangtang/")
    src = re.search(r'<img class="sc-logo" src="([^"]+)"', html).group(1)
    assert (public_site / "brands/hebei-slt-dajiangtang" / src).resolve().is_file()


# -- home and statistics --------------------------------------------------------------------------

def test_home_counts_published_records_per_kind(sample, public_site):
    html = page(public_site, "")
    counts = dict((label, int(n)) for n, label in re.findall(
        r'sc-counts__value">(\d+)</span><span class="sc-counts__label">([^<]+)<', html))
    names = {"branch": "党组织", "brand": "党建品牌", "site": "示范点", "lecture": "讲堂", "case": "典型案例"}
    for kind, label in names.items():
        assert counts[label] == sum(r.kind == kind for r in published(sample))
    assert counts["党建品牌"] == 5 and counts["典型案例"] == 12  # one draft brand, one internal case left out


def test_stats_charts_are_inline_svg_with_the_counts(sample, public_site):
    html = page(public_site, "stats/")
    assert html.count("<svg class=\"sc-chart\"") >= 6
    cases = [r for r in published(sample) if r.kind == "case"]
    per_category = {}
    for case in cases:
        per_category[case.values["category"]] = per_category.get(case.values["category"], 0) + 1
    chart = re.search(r'aria-label="典型案例按类别".*?</svg>', html, re.S).group(0)
    for category, n in per_category.items():
        assert f"<title>{category}：{n}件</title>" in chart
    assert "<script" not in chart


def test_honours_page_groups_by_level_then_year(sample, public_site):
    html = page(public_site, "honors/")
    levels = re.findall(r'<h2 id="level-\d+"><a href="[^"]+">([^<]+)</a>', html)
    order = ["国家级", "省部级", "地市级", "县区级", "系统内"]
    assert levels == [lvl for lvl in order if lvl in levels] and len(levels) >= 3


def test_cases_table_sorts_by_date_organisation_and_category(public_site):
    by_date = page(public_site, "cases/")
    assert 'href="by/org/"' in by_date and 'href="by/category/"' in by_date
    dates = re.findall(r'<td><time datetime="([\d-]+)"', by_date)
    assert dates == sorted(dates, reverse=True)
    by_category = page(public_site, "cases/by/category/")
    categories = re.findall(r'<td><a href="[^"]*categories/[^"]*">([^<]+)</a></td>', by_category)
    assert categories == sorted(categories)


# -- visibility ------------------------------------------------------------------------------------

def hidden_traces(record) -> list[str]:
    """Strings that would betray a hidden record: its id, title and address."""
    return [record.id, record.title, f"{record.folder}/{record.id}/"]


def test_public_build_leaks_nothing_of_internal_records_and_drafts(sample, public_site):
    traces = {t for r in hidden(sample) for t in hidden_traces(r)}
    traces |= {"鹤鸣九皋", "雁落平沙"}  # the marker words of the sample's internal record and draft
    leaks = [(path, t) for path, text in site_texts(public_site) for t in traces if t in text]
    assert not leaks


def test_internal_build_shows_internal_records_with_a_badge_but_no_drafts(sample, internal_site):
    internal = [r for r in sample.records if r.internal]
    assert internal
    for record in internal:
        html = page(internal_site, record.url)
        assert 'class="sc-badge sc-internal"' in html and ">内部<" in html
    for record in (r for r in sample.records if r.draft):
        assert not (internal_site / record.url / "index.html").exists()
    home = page(internal_site, "cases/")
    assert "内部" in home


def test_showcase_build_with_drafts_publishes_drafts(sample, tmp_path):
    import subprocess
    result = subprocess.run([console_script("showcase"), "build", str(REPO), "--drafts", "--site-dir",
                             str(tmp_path / "site")], capture_output=True, text=True, env=subprocess_env())
    assert result.returncode == 0, result.stderr
    for record in (r for r in sample.records if r.draft):
        assert 'class="sc-badge sc-draft"' in page(tmp_path / "site", record.url)
    for record in (r for r in sample.records if r.internal):
        assert not (tmp_path / "site" / record.url / "index.html").exists()


def test_public_record_naming_an_internal_one_shows_no_trace_of_it(tmp_path):
    files = {
        "content/branches/open.md": md("title: 公开支部\nlevel: 党支部"),
        "content/branches/mi-zb-xq.md": md("title: 保密支部甲乙\nlevel: 党支部\nvisibility: internal"),
        "content/cases/c.md": md("title: 案例\ndate: 2021\nbranches: [open, mi-zb-xq]\ncategory: 其他",
                                 "参见 [[mi-zb-xq]]。"),
    }
    result, site = build_small(tmp_path, files)
    assert result.returncode == 0, result.stderr
    leaks = [path for path, text in site_texts(site) if "mi-zb-xq" in text or "保密支部" in text]
    assert not leaks


# -- escaping and offline -------------------------------------------------------------------------

XSS = "<script>alert(1)</script>"


def test_front_matter_is_escaped_everywhere_it_is_shown(tmp_path):
    files = {
        "content/branches/a.md": md(f"title: '{XSS}支部'\nlevel: 党支部\nunit: '{XSS}'\ntags: ['{XSS}']"),
        "content/brands/b.md": md(f"title: '{XSS}品牌'\nowner: a\nslogan: '{XSS}'"),
        "content/cases/c.md": md(f"title: '{XSS}案例'\ndate: 2021\nbranches: [a]\ncategory: 其他\n"
                                 f"summary: '{XSS}'\noutcomes: [{{label: '{XSS}', value: 1, unit: '<b>'}}]\n"
                                 f"honors: [{{title: '{XSS}', level: 国家级, year: 2021}}]"),
    }
    result, site = build_small(tmp_path, files)
    assert result.returncode == 0, result.stderr
    for path in site.rglob("*.html"):
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for url in ("", "branches/", "branches/a/", "brands/", "brands/b/", "cases/", "cases/c/",
                f"tags/{slug(XSS)}/", "honors/", "years/2021/"):
        assert escaped in page(site, url), url


def test_site_makes_no_request_to_another_host(public_site):
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    canonical = re.compile(r'<link rel="canonical" href="[^"]*">')  # names the page's address, loads nothing
    offenders = [p for p in public_site.rglob("*.html")
                 if pattern.search(canonical.sub("", p.read_text(encoding="utf-8")))]
    assert not offenders
    css = "".join(p.read_text(encoding="utf-8") for p in public_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_print_stylesheet_sets_a4_and_hides_the_chrome():
    css = (REPO / "generator/site/theme/assets/showcase.css").read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    assert "size: A4" in block and ".md-header" in block and ".md-sidebar" in block


def test_own_scripts_and_stylesheets_are_served_minified(public_site):
    from generator.site.minify import OWN_ASSETS

    assert "assets/search/tokens.js" in OWN_ASSETS
    for rel in OWN_ASSETS:
        source = next(Path(d, rel) for d in THEME_DIRS if Path(d, rel).is_file()).read_text(encoding="utf-8")
        served = (public_site / rel).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in served, rel  # comments gone
        assert len(served) < 0.9 * len(source), rel
    script = (public_site / "assets/search/search.js").read_text(encoding="utf-8")
    assert "export" in script or "import" in script  # still the module search.js is


# -- reading: cases table and filters, stats, one value per script, ordering, honours, case panel ---

def test_cases_table_is_styled_and_filtered_by_year_organisation_and_category(sample, public_site):
    from generator.site.pages import ORGS_IN_FILTER
    cases = [r for r in published(sample) if r.kind == "case"]
    html = page(public_site, "cases/")
    assert re.search(r'<div class="sc-table-wrap"><table class="sc-table sc-cases">', html)
    nav = re.search(r'<nav class="sc-filters".*?</nav>', html, re.S).group(0)
    linked = links_on(public_site, "cases/")
    years = {y for c in cases for y in _years(c.date)}
    assert {f"cases/year/{y}/" for y in years} <= linked
    assert {f"cases/category/{slug(c.values['category'])}/" for c in cases} <= linked
    assert len(re.findall(r'href="org/[^"]+/"', nav)) == ORGS_IN_FILTER and 'href="org/"' in nav
    for url, expected in [(f"cases/year/{y}/", [c for c in cases if y in _years(c.date)]) for y in years] + [
            (f"cases/org/{org}/", [c for c in cases if org in c.values["branches"]]) for org in ("hebei-slt-jgdw",)] + [
            (f"cases/category/{slug(name)}/", [c for c in cases if c.values["category"] == name])
            for name in {c.values["category"] for c in cases}]:
        rows = re.findall(r'<td class="sc-cases__title"[^>]*><a href="[^"]*">([^<]+)</a>', unescape(page(public_site, url)))
        assert expected and sorted(rows) == sorted(c.title for c in expected), url
        assert 'aria-current="page"' in page(public_site, url)
    everyone = unescape(page(public_site, "cases/org/"))
    orgs = {sample.resolve(b).title for c in cases for b in c.values["branches"]
            if Visibility().publishes(sample.resolve(b))}
    assert all(f">{title}</a>" in everyone for title in orgs)


def test_stats_charts_print_their_values_unscaled_and_years_newest_first(sample, public_site):
    html = page(public_site, "stats/")
    charts = re.findall(r"<svg class=\"sc-chart\".*?</svg>", html, re.S)
    assert len(charts) >= 6 and not any("viewBox" in chart for chart in charts)
    for chart in charts:  # every bar's total is printed beside it
        bars = len(re.findall(r'<g transform=', chart))
        assert bars and len(re.findall(r'class="sc-chart__value"', chart)) == bars
    table = re.search(r'<table class="sc-table sc-table--compact sc-years-table">.*?</table>', html, re.S).group(0)
    years = [int(y) for y in re.findall(r'<th scope="row">(\d+)</th>', table)]
    records = published(sample)
    assert years == sorted({y for r in records if r.date for y in _years(r.date)}, reverse=True)
    gaps = [(older, newer) for newer, older in zip(years, years[1:]) if newer - older > 1]
    assert gaps and all(f"{older + 1}" in table for older, _ in gaps)
    assert len(re.findall(r"无记录", table)) == len(gaps)
    assert "在所跨的每一年各计一次" in text_of(html)


def test_values_differing_only_by_script_have_one_page_at_the_simplified_address(tmp_path):
    files = {f"content/branches/z{i}.md": md(f"title: 支部{i}\nlevel: 党支部\ntags: [{tag}]")
             for i, tag in enumerate(["書記抓黨建", "書記抓黨建", "书记抓党建"])}
    files["content/lectures/a.md"] = md("title: 第一讲\nseries: 水利大講堂\nnumber: 1\ndate: 2021\nspeakers: [{name: 甲}]")
    files["content/lectures/b.md"] = md("title: 第二讲\nseries: 水利大讲堂\nnumber: 2\ndate: 2022\nspeakers: [{name: 乙}]")
    result, site = build_small(tmp_path, files)
    assert result.returncode == 0, result.stderr
    assert not (site / "tags/書記抓黨建").exists() and not (site / "series/水利大講堂").exists()
    html = unescape(page(site, "tags/书记抓党建/"))
    assert "标签：書記抓黨建" in html and all(f">支部{i}</a>" in html for i in range(3))
    assert re.findall(r'<a href="[^"]+">#([^<]+)</a> <span class="sc-count">(\d+)', unescape(page(site, "tags/"))) \
        == [("書記抓黨建", "3")]
    assert all(f"第{n}讲" in unescape(page(site, "series/水利大讲堂/")) for n in "一二")
    assert "tags/书记抓党建/" in links_on(site, "branches/z2/")


def test_search_filters_name_a_value_as_its_page_does(tmp_path):
    from generator import search
    files = {f"content/branches/z{i}.md": md(f"title: 支部{i}\nlevel: 党支部\ntags: [{tag}]")
             for i, tag in enumerate(["書記抓黨建", "書記抓黨建", "书记抓党建"])}
    project = run_core(write_project(tmp_path / "p", files, baseline=False))
    assert {d.filters["tag"][0] for d in search.search_documents(project, Visibility())} == {"書記抓黨建"}


def test_tags_by_count_then_pinyin_categories_in_configured_order_and_apart(sample, public_site):
    from generator.core.collation import pinyin_key
    tags = re.findall(r'<a href="[^"]+">#([^<]+)</a> <span class="sc-count">(\d+)', unescape(page(public_site, "tags/")))
    assert len(tags) > 20
    assert [(-int(n), pinyin_key(t)) for t, n in tags] == sorted((-int(n), pinyin_key(t)) for t, n in tags)
    html = unescape(page(public_site, "categories/"))
    sections = dict(re.findall(r'<ul class="sc-facets" data-facet="(\w+)">(.*?)</ul>', html, re.S))
    vocab = sample.settings.vocabularies
    for facet, name, prefix in (("category", "categories", "categories/"),
                                ("case_category", "case_categories", "cases/category/")):
        shown = re.findall(r'<a href="([^"]+)">([^<]+)</a>', sections[facet])
        assert [v for _, v in shown] == [v for v in vocab[name] if v in {v for _, v in shown}]
        assert all(unquote(urljoin("http://site.test/categories/", href)) == f"http://site.test/{prefix}{v}/"
                   for href, v in shown), shown
    assert '<h2 id="category">党建分类' in html and '<h2 id="case-category">案例类别' in html
    zuofeng = unescape(page(public_site, "categories/作风建设/"))  # 党建分类 only, not the case category
    holders = [r for r in published(sample) if "作风建设" in r.values.get("categories", [])]
    listed = re.search(r'<ul class="sc-list">.*?</ul>', zuofeng, re.S)[0]
    assert len(re.findall(r"<li>", listed)) == len(holders)


def test_an_honour_held_by_several_records_is_listed_and_counted_once(tmp_path):
    award = "{title: 全国先进基层党组织, level: 国家级, year: 2021, issuer: 中共中央}"
    files = {
        "content/branches/a.md": md("title: 甲支部\nlevel: 党支部"),
        "content/brands/b.md": md(f"title: 乙品牌\nowner: a\nhonors: [{award}]"),
        "content/cases/c.md": md(f"title: 丙案例\ndate: 2022\nbranches: [a]\ncategory: 其他\nhonors: [{award}]"),
    }
    result, site = build_small(tmp_path, files)
    assert result.returncode == 0, result.stderr
    rows = re.findall(r"<tr><td>2021</td>.*?</tr>", unescape(page(site, "honors/")))
    assert len(rows) == 1 and ">乙品牌</a>" in rows[0] and ">丙案例</a>" in rows[0]
    assert re.search(r'sc-counts__value">1</span><span class="sc-counts__label">荣誉', page(site, ""))


def test_case_panel_labels_its_case_category_and_party_building_categories(sample, public_site):
    from generator.core.schema import KIND_BY_NAME
    fields = KIND_BY_NAME["case"].by_key
    case = next(r for r in published(sample) if r.kind == "case" and r.values.get("categories"))
    html = unescape(page(public_site, case.url))
    badges = re.search(r'<p class="sc-record__badges">.*?</p>', html, re.S).group(0)
    assert case.values["category"] not in badges
    def row_links(key):
        row = re.search(rf'<dt>{fields[key].zh}</dt><dd>(.*?)</dd>', html, re.S).group(1)
        return {(unquote(urljoin("http://site.test/" + case.url, href)), text)
                for href, text in re.findall(r'href="([^"]+)">([^<]+)</a>', row)}
    category = case.values["category"]
    assert row_links("category") == {(f"http://site.test/cases/category/{category}/", category)}
    assert row_links("categories") == {(f"http://site.test/categories/{c}/", c) for c in case.values["categories"]}
    assert (fields["category"].zh, fields["categories"].zh) == ("案例类别", "党建分类")


# -- issue 12, items 13 and 15: home page, meta, dates, headings, language -------------------

def test_home_has_the_configured_banner_and_takes_the_width(public_site):
    html = page(public_site, "")
    banner = re.search(r'<div class="sc-banner[^"]*">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert 'src="assets/banner.svg"' in banner
    assert '<h1 class="sc-banner__title">党建品牌展示库</h1>' in banner
    assert "一库可查" in banner
    assert html.count("<h1") == 1  # Material adds no second title
    assert (public_site / "assets" / "banner.svg").is_file()
    # wide: Material's empty side columns are hidden
    assert 'data-md-component="sidebar" data-md-type="navigation" hidden' in html
    assert 'data-md-component="sidebar" data-md-type="toc" hidden' in html


@pytest.mark.parametrize("options, code", [
    ("home: {banner: x.jpg}", "home-unknown"), ("home: {title: [1]}", "home-type"),
    ("synonyms: {抗疫: 抗击疫情}", "synonyms-type"), ("synonyms: {抗疫: []}", "synonyms-type")])
def test_wrong_home_or_synonyms_options_are_refused(options, code):
    from generator.core.options import OptionError, check_options
    import yaml
    with pytest.raises(OptionError) as caught:
        check_options(yaml.safe_load(options))
    assert caught.value.option == options.split(":")[0]
    assert {"home-unknown": "可写的有", "home-type": "一段文字", "synonyms-type": "同义词"}[code] in caught.value.zh


def test_html_lang_is_zh_cn(public_site):
    assert '<html lang="zh-CN"' in page(public_site, "")
    assert '<html lang="zh-CN"' in page(public_site, "cases/hn-2020-jiezhuanyun/")


def test_record_pages_describe_themselves_with_their_summary(sample, public_site):
    descriptions = set()
    for record in published(sample)[:20]:
        html = page(public_site, record.url)
        found = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        descriptions.add(found)
        summary = " ".join(record.summary_for(sample.edition.resolve_published).split())
        if summary:
            assert unescape(found).rstrip("…") in summary[:160]
    assert len(descriptions) == 20
    index = re.search(r'<meta name="description" content="([^"]*)"', page(public_site, "cases/")).group(1)
    assert index.startswith("典型案例 · ")


def test_a_milestone_within_one_month_shows_one_date(public_site):
    html = page(public_site, "brands/hebei-slt-dajiangtang/")
    when = re.findall(r'sc-timeline__when">([^<]*)<', html)
    assert when[0] == "2018年3月"  # written start: 2018-03, end: 2018-03
    assert all(" — " not in w or w.split(" — ")[0] != w.split(" — ")[1] for w in when)


def test_time_elements_carry_the_date_as_precise_as_written(public_site):
    html = page(public_site, "years/2018/")
    values = set(re.findall(r'datetime="([^"]*)"', html))
    assert "2018" in values and "2018-03" in values
    assert all(re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", v) for v in values)


@pytest.mark.parametrize("url", ["brands/", "sites/"])
def test_card_indexes_do_not_skip_a_heading_level(public_site, url):
    levels = [int(n) for n in re.findall(r"<h([1-6])", page(public_site, url))]
    assert levels[0] == 1 and 2 in levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_stats_count_cards_link_to_the_kind_indexes(public_site):
    counts = re.search(r'<ul class="sc-counts">(.*?)</ul>', page(public_site, "stats/"), re.S).group(1)
    assert re.findall(r'<a href="([^"]+)"', counts) == ["../branches/", "../brands/", "../sites/",
                                                         "../lectures/", "../cases/"]


def test_case_pages_list_related_cases_sharing_tags_category_or_organisation(sample, public_site):
    html = page(public_site, "cases/ga-2018-gongjianzu/")
    group = re.search(r'data-group="related">(.*?)</section>', html, re.S).group(1)
    related = [u for u in re.findall(r'href="\.\./([^"]+)"', group)]
    assert 1 <= len(related) <= 5
    case = sample.by_id["ga-2018-gongjianzu"]
    mine = set(case.values.get("tags", ())) | {case.values.get("category")} | set(case.values.get("branches", ()))
    for address in related:
        other = next(r for r in published(sample) if r.url == "cases/" + address)
        theirs = set(other.values.get("tags", ())) | {other.values.get("category")} | set(other.values.get("branches", ()))
        assert other.kind == "case" and other.id != case.id and mine & theirs
    assert 'href="#related"' in html  # in the page's table of contents


def test_a_brand_dossier_gathers_its_plan_sites_cases_lectures_and_honours(sample, public_site):
    brand = page(public_site, "brands/hebei-slt-dajiangtang/")
    assert 'href="dossier/"' in brand
    html = page(public_site, "brands/hebei-slt-dajiangtang/dossier/")
    headings = re.findall(r'<h2 id="(\w+)"', html)
    assert headings == ["toc", "overview", "plan", "stage", "sites", "cases", "lectures", "honours"]
    toc = re.search(r'<nav class="sc-dossier__toc".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#(\w+)"', toc) == headings[1:]
    links = links_on(public_site, "brands/hebei-slt-dajiangtang/dossier/")
    assert "sites/ga-slj-jdgj-sfd/" not in links and "lectures/水利大讲堂/071/" in links
    assert "cases/hebei-2021-dajiangtang-71/" in links
    assert "2018年3月" in text_of(html)  # the plan
    assert 'data-md-component="sidebar" data-md-type="navigation" hidden' in html  # the page's width for print


def test_a_public_dossier_holds_nothing_hidden(sample, public_site, internal_site):
    hidden = [r for r in sample.records if r.internal or r.draft]
    for brand in (r for r in published(sample) if r.kind == "brand"):
        html = page(public_site, brand.url + "dossier/")
        for record in hidden:
            assert record.title not in html and record.url not in html
    assert not (public_site / "brands" / "hd-slj-qingfeng" / "dossier").exists()  # a draft brand


def test_templates_read_shared_globals_and_keep_their_own_apart():
    # share_globals (site/render.py): templates read the environment's globals dict itself, so a
    # global set later is seen as with Jinja's ChainMap; a template's own globals stay its own.
    from jinja2 import Environment
    env = Environment()
    share_globals(env)
    env.globals["x"] = 1
    plain = env.from_string("{{ x }}")
    env.globals["x"] = 2
    own = env.from_string("{{ x }}{{ y }}", globals={"y": 3})
    assert (plain.render(), own.render()) == ("2", "23")
    assert "y" not in env.globals and env.from_string("{{ y is defined }}").render() == "False"
