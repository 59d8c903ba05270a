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
