"""The built sample showcase in headless Chromium: pages load cleanly and stay on this host.

Screenshots of each page are kept in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import pytest
from browser import serve

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def site_url(sample_site):
    url, server = serve(sample_site)
    yield url
    server.shutdown()


PAGES = [
    ("home", ""),
    ("record-case", "cases/hn-2020-jiezhuanyun/"),
    ("record-branch", "branches/hebei-slt-jgdw/"),
    ("record-lecture", "lectures/水利大讲堂/072/"),
    ("stats", "stats/"),
    ("cases-index", "cases/"),
    ("branches-tree", "branches/"),
]


@pytest.mark.parametrize("name,path", PAGES)
def test_page_loads_without_errors_or_foreign_requests(watched, site_url, name, path):
    response = watched.page.goto(site_url + path)
    assert response.status == 200
    watched.page.wait_for_load_state("networkidle")
    watched.screenshot(name)
    assert watched.errors == []
    assert watched.foreign_requests() == []
    assert watched.page.locator("h1").first.inner_text().strip()


def test_record_page_renders_its_panel_and_backlinks(watched, site_url):
    watched.page.goto(site_url + "branches/hebei-slt-jgdw/")
    assert watched.page.locator(".sc-info dt", has_text="上级组织").count() == 1
    children = watched.page.locator('[data-group="children"] li')
    assert children.count() >= 3
    children.first.locator("a").first.click()
    watched.page.wait_for_load_state()
    assert "/branches/" in watched.page.url and watched.page.url != site_url + "branches/hebei-slt-jgdw/"
    assert watched.errors == []


def test_stats_charts_are_drawn_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "stats/")
    charts = page.locator("svg.sc-chart")
    assert charts.count() >= 6
    box = charts.first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    context.close()


def test_dark_scheme_follows_the_system_preference(browser, site_url):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "cases/hn-2020-jiezhuanyun/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.screenshot(path=str(_artifact("record-case-dark")), full_page=True)
    context.close()


def test_record_prints_on_a4_without_site_chrome(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "cases/hn-2020-jiezhuanyun/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".sc-figures").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    _artifact("record-case-print").with_suffix(".pdf").write_bytes(pdf)
    context.close()


def test_mobile_layout_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    for path in ("", "cases/hn-2020-jiezhuanyun/", "stats/"):
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)
    page.screenshot(path=str(_artifact("home-mobile")), full_page=True)
    context.close()


def _artifact(name: str):
    from browser import ARTIFACTS
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# -- reading on every screen: the cases table and the statistics ----------------------------------

WIDTHS = (360, 768, 1366)
# The rendered size of each chart text: its computed font size times the scale the page draws it at.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg.sc-chart text")].map((t) => {
  const m = t.getScreenCTM();
  return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
          height: t.getBoundingClientRect().height};
})"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_stats_charts_stay_legible_at_every_width(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "stats/")
    assert page.evaluate(OVERFLOW) <= 1
    sizes = page.evaluate(CHART_TEXT_SIZES)
    assert len(sizes) > 30
    small = [s for s in sizes if s["px"] < 12 or s["height"] < 12]
    assert not small, small[:5]
    for chart in page.locator("svg.sc-chart").all():  # every text inside its chart
        box = chart.bounding_box()
        for text in chart.locator("text").all():
            t = text.bounding_box()
            assert t["x"] >= box["x"] - 1 and t["x"] + t["width"] <= box["x"] + box["width"] + 1, text.text_content()
    wrap = page.locator(".sc-table-wrap").first
    scrolls = wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert not scrolls or page.locator(".sc-scroll-hint").is_visible()  # never overflowing without a hint
    newest = page.locator(".sc-years-table tbody th").first.inner_text()
    assert newest == max(page.locator(".sc-years-table tbody th").all_inner_texts())
    page.screenshot(path=str(_artifact(f"stats-{width}")), full_page=True)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_cases_read_as_a_table_on_desktop_and_as_cards_on_a_phone(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "cases/")
    assert page.evaluate(OVERFLOW) <= 1
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sc-cases td')).lineHeight)")
    for chip in page.locator(".sc-cases td.sc-cases__category a").all():  # never one character per line
        box = chip.bounding_box()
        assert box["height"] < 2.2 * line and box["width"] > box["height"]
    titles = page.locator(".sc-cases td.sc-cases__title")
    if width >= 1366:
        assert page.locator(".sc-cases thead").is_visible()
        assert titles.first.bounding_box()["width"] >= 300  # not wrapping every 8 characters
        striped = page.evaluate("""() => { const rows = document.querySelectorAll('.sc-cases tbody tr');
          return getComputedStyle(rows[0]).backgroundColor !== getComputedStyle(rows[1]).backgroundColor; }""")
        assert striped
    if width == 360:
        assert not page.locator(".sc-cases thead").is_visible()
        first = page.locator(".sc-cases tbody tr").first
        assert first.evaluate("tr => getComputedStyle(tr).display") == "flex"
        title, date = first.locator(".sc-cases__title").bounding_box(), first.locator(".sc-cases__date time").bounding_box()
        assert title["y"] < date["y"]  # the title heads its card
        assert date["height"] < 2.2 * line
    page.screenshot(path=str(_artifact(f"cases-{width}")), full_page=True)
    page.locator(".sc-filters a", has_text="防汛抗旱").first.click()  # filters are plain links
    page.wait_for_load_state()
    assert page.url.endswith("/cases/category/%E9%98%B2%E6%B1%9B%E6%8A%97%E6%97%B1/")
    assert page.locator(".sc-cases tbody tr").count() >= 1
    context.close()


@pytest.mark.browser
def test_case_figure_cards_keep_one_width(browser, site_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for path in ("cases/hn-2020-jiezhuanyun/", "cases/cjw-2019-zhuti-jiaoyu/"):
        page.goto(site_url + path)
        widths = [round(c.bounding_box()["width"]) for c in page.locator(".sc-figure-stat").all()]
        assert len(widths) >= 4 and max(widths) - min(widths) <= 1, (path, widths)
    context.close()


def test_home_uses_the_width_and_shows_the_whole_site_name_on_a_phone(browser, site_url):
    wide = browser.new_context(viewport={"width": 1366, "height": 900})
    page = wide.new_page()
    page.goto(site_url)
    content = page.locator(".md-content").bounding_box()
    assert content["width"] > 1000  # no empty side columns (688 px before)
    heights = page.eval_on_selector_all("#cases + .sc-cards .sc-card, .sc-section:has(#cases) .sc-card",
                                        "cards => cards.map(c => [c.getBoundingClientRect().top, c.offsetHeight])")
    rows = {}
    for top, height in heights:
        rows.setdefault(round(top), set()).add(height)
    assert rows and all(len(h) == 1 for h in rows.values()), rows  # cards of a row are as tall as each other
    wide.close()
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    page = phone.new_page()
    page.goto(site_url)
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text().strip() == "党建品牌展示库"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # not cut off
    page.screenshot(path=str(_artifact("home-phone")), full_page=False)
    phone.close()
