"""Reading the built sample in Chromium: contrast of every badge and label in both colour
schemes, search on a phone (results first, filters behind a button), and a printed page."""

from __future__ import annotations

import pytest
from browser import ARTIFACTS, serve

pytestmark = [pytest.mark.browser, pytest.mark.build]

CASE = "cases/hn-2020-jiezhuanyun/"


@pytest.fixture(scope="module")
def base(sample_site):
    url, server = serve(sample_site)
    yield url
    server.shutdown()


# WCAG contrast of an element's text against what is drawn behind it: colours from
# getComputedStyle, each background alpha-blended over the ones behind it, the text colour
# (with the opacity of the element and its ancestors) over the result.
CONTRAST = """selector => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length || !el.textContent.trim()) continue;
    const chain = []; let opacity = 1;
    for (let n = el; n; n = n.parentElement) { chain.unshift(n); opacity *= Number(getComputedStyle(n).opacity); }
    let bg = [255, 255, 255, 1];
    for (const n of chain) bg = over(parse(getComputedStyle(n).backgroundColor), bg);
    const fg = parse(getComputedStyle(el).color); fg[3] *= opacity;
    const text = over(fg, bg);
    const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
    out.push({ text: el.textContent.trim().slice(0, 20), cls: el.className.baseVal ?? el.className,
               ratio: (hi + 0.05) / (lo + 0.05), size: parseFloat(getComputedStyle(el).fontSize) });
  }
  return out;
}"""
BADGES = ".sc-badge, .sc-chip, .sc-honour__level, .sc-status, .md-tabs__link, .sc-pager__current, .sc-trail li"
PAGES = ["", CASE, "honors/", "brands/", "sites/", "sites/hebei-gangnan-sjkt/", "branches/hebei-slt-jgdw/",
         "lectures/", "search/?q=党建"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_badge_and_label_reaches_aa_contrast_and_12px(browser, base, scheme):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    measured = []
    for path in PAGES:
        page.goto(base + path)
        if path.startswith("search/"):
            page.wait_for_selector("li.sc-search__result .sc-badge")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        measured += [(path, m) for m in page.evaluate(CONTRAST, BADGES)]
    context.close()
    kinds = {m["cls"] for _, m in measured}
    assert any("sc-kind--case" in k for k in kinds) and any("sc-honour__level" in k for k in kinds)
    assert any("md-tabs__link" in k for k in kinds) and any("sc-status" in k for k in kinds)
    low = [(path, m["text"], m["cls"], round(m["ratio"], 2)) for path, m in measured if m["ratio"] < 4.5]
    assert low == []
    small = [(path, m["text"], m["size"]) for path, m in measured
             if "md-tabs" not in m["cls"] and "sc-trail" not in str(m["cls"]) and m["size"] < 12]
    assert small == []


def test_search_on_a_phone_shows_results_first_and_filters_behind_a_button(browser, base):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(base + "search/?q=党建")
    page.wait_for_selector("li.sc-search__result")
    page.wait_for_selector(".sc-search__facet", state="attached")
    first = page.locator("li.sc-search__result").first.bounding_box()
    assert first["y"] < 740  # the first result is on the first screen
    assert not page.is_visible(".sc-search__facets")
    button = page.locator(".sc-search__filters-button")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert page.is_visible(".sc-search__facet") and button.get_attribute("aria-expanded") == "true"
    page.locator(".sc-search__facet input[type=checkbox]").first.check()
    page.wait_for_selector(".sc-search__chip")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    button.click()
    assert not page.is_visible(".sc-search__facets")
    context.close()
    desktop = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    desktop.goto(base + "search/?q=党建")
    desktop.wait_for_selector(".sc-search__facet")
    assert desktop.is_visible(".sc-search__facets") and not desktop.is_visible(".sc-search__filters-button")
    desktop.context.close()


def test_a_printed_page_has_a_black_title_link_addresses_and_a_footer(browser, base):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(base + CASE)
    page.emulate_media(media="print")
    assert page.eval_on_selector("h1", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    after = page.eval_on_selector('a[href="http://www.ggj.gov.cn/"]', "e => getComputedStyle(e, '::after').content")
    assert "http://www.ggj.gov.cn/" in after
    footer = page.locator(".sc-print-footer")
    assert footer.is_visible()
    text = footer.inner_text()
    # the sample sets site_url: the printed address is the published one, not the test server's
    assert "党建品牌展示库" in text and "https://dangjian.example.cn/" + CASE in text
    assert "打印日期：" in text and "年" in text
    assert not page.is_visible(".sc-trail") and not page.is_visible(".md-footer")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "record-case-print.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    assert not footer.is_visible()
    context.close()
