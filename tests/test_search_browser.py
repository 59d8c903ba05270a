"""The search page in headless Chromium, against the sample site built with `mkdocs build`.

The site is built once per session into a temporary folder and served from 127.0.0.1.
Every test checks that the page logged no console error and that no request left the site.
The plugin writes the index (on_post_build) and the /search/ page.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import search
from generator.core.project import Visibility, load_project
from generator.search.tokens import query_tokens
from generator.core.schema import KINDS
from generator.core.settings import load_settings

from browser import serve
from conftest import REPO, console_script, subprocess_env


INTERNAL_MARK = "鹤鸣九皋"  # only in the internal record hebei-2021-xuncha-huitoukan
DRAFT_MARK = "雁落平沙"  # only in the draft hd-slj-qingfeng


# -- the site ---------------------------------------------------------------------------------

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="session")
def search_site(sample_site) -> str:
    site = str(sample_site)
    assert os.path.isfile(os.path.join(site, "pagefind", "pagefind.js")), "the build wrote no search index"
    assert os.path.isfile(os.path.join(site, "search", "index.html")), "the build made no /search/ page"
    return site


@pytest.fixture(scope="session")
def documents():
    """What the public build publishes, as the index was made from it (for expected results)."""
    project = load_project(load_settings(str(REPO)), Visibility())
    return {"/" + d.url: d for d in search.search_documents(project, Visibility())}


@pytest.fixture(scope="session")
def server(search_site):
    base, httpd = serve(search_site)
    yield base.rstrip("/")
    httpd.shutdown()


@pytest.fixture(scope="module")
def search_browser(browser):
    return browser


class SearchPage:
    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def seq(self) -> int:
        return int(self.page.get_attribute("[data-sc-search]", "data-seq") or 0)

    def wait(self, after: int = 0) -> None:
        self.page.wait_for_function(
            """after => { const r = document.querySelector('[data-sc-search]');
                          return r && r.dataset.status === 'done' && Number(r.dataset.seq) > after; }""",
            arg=after, timeout=15_000)

    def open(self, query_string: str = "") -> "SearchPage":
        self.page.goto(f"{self.base}/search/{query_string}")
        self.wait()
        return self

    def act(self, action) -> None:
        """Run an action that starts a search, and wait for that search to finish."""
        before = self.seq()
        action()
        self.wait(before)

    def urls(self) -> list[str]:
        return self.page.eval_on_selector_all("li.sc-search__result", "els => els.map(e => e.dataset.url)")

    def all_urls(self) -> list[str]:
        while self.page.is_visible(".sc-search__more"):
            count = len(self.urls())
            self.page.click(".sc-search__more")
            self.page.wait_for_function(f"document.querySelectorAll('li.sc-search__result').length > {count}")
        return self.urls()

    def count(self) -> int:
        return int(self.page.get_attribute("[data-sc-search]", "data-count"))

    def facets(self) -> dict[str, dict[str, int]]:
        return self.page.evaluate("""() => {
            const out = {};
            for (const box of document.querySelectorAll('.sc-search__facet input[type=checkbox]')) {
                (out[box.dataset.facet] ||= {})[box.value] = Number(box.dataset.count);
            }
            return out; }""")

    def checked(self) -> dict[str, list[str]]:
        return self.page.evaluate("""() => {
            const out = {};
            for (const box of document.querySelectorAll('.sc-search__facet input:checked')) {
                (out[box.dataset.facet] ||= []).push(box.value);
            }
            return out; }""")

    def box(self, facet: str, value: str):
        return self.page.locator(f'.sc-search__facet input[data-facet="{facet}"][value="{value}"]')

    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlparse(self.page.url).query)


@pytest.fixture
def sp(search_browser, server):
    context = search_browser.new_context()
    page = context.new_page()
    helper = SearchPage(page, server)
    yield helper
    context.close()
    assert helper.errors == [], helper.errors
    outside = [u for u in helper.requests if not u.startswith(server + "/") and not u.startswith(("data:", "blob:"))]
    assert outside == [], f"requests left the site: {outside}"


@contextlib.contextmanager
def built_and_served(project_dir, tmp_path, search_browser):
    """A SearchPage on `project_dir` built by `mkdocs build` and served."""
    from conftest import mkdocs_build

    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    base, httpd = serve(tmp_path / "site")
    context = search_browser.new_context()
    try:
        yield SearchPage(context.new_page(), base.rstrip("/"))
    finally:
        context.close()
        httpd.shutdown()


# -- the query table -----------------------------------------------------------------------------
# (query, records that must come first (in any order among themselves), records that must be
#  found, records that must not appear). Records are named by address.
FLOOD = "/cases/cjw-2020-changjiang-flood/"
QUERIES = [
    ("防汛", [FLOOD], ["/branches/cjw-2020-fx-lszb/"], ["/cases/ga-2018-gongjianzu/"]),
    ("接转", ["/cases/hn-2020-jiezhuanyun/", "/branches/hn-zjb-jzy-lzzb/"], [], [FLOOD]),
    ("2271", ["/cases/hn-2020-jiezhuanyun/"], [], ["/branches/hn-zjb-jzy-lzzb/"]),
    ("共建组", ["/cases/ga-2018-gongjianzu/"], ["/sites/ga-slj-jdgj-sfd/"], [FLOOD]),  # written 共建組
    ("共建組", ["/cases/ga-2018-gongjianzu/"], ["/sites/ga-slj-jdgj-sfd/"], [FLOOD]),
    ("述職", ["/cases/ga-2018-shuzhi-pingyi/"], ["/branches/hd-slj-dangzu/"], [FLOOD]),  # finds 述职
    ("述职", ["/cases/ga-2018-shuzhi-pingyi/"], ["/branches/hn-zjb-jgdw/"], [FLOOD]),  # finds 述職
    ("廣安", [], ["/branches/ga-qsc-zb/", "/cases/ga-2018-gongjianzu/"], [FLOOD]),
    ("河湖", ["/branches/hd-slj-hhgl-zb/"], [], ["/cases/hn-2020-jiezhuanyun/"]),  # two characters
    ("汛", [FLOOD], ["/branches/cjw-2020-fx-lszb/"], ["/cases/ga-2018-gongjianzu/"]),  # one character
    ("河南大厦党支部", ["/branches/hn-zjb-dasha-zb/"], [], ["/branches/cjw-dangzu/"]),  # an organisation
    ("何家宁", ["/lectures/京豫大讲堂/001/"], [], ["/lectures/京豫大讲堂/002/"]),  # a speaker
    ("开讲第一课", ["/lectures/京豫大讲堂/001/"], [], ["/lectures/京豫大讲堂/003/"]),  # a tag
    ("水利大讲堂", ["/brands/hebei-slt-dajiangtang/", "/cases/hebei-2021-dajiangtang-71/"],
     ["/lectures/水利大讲堂/071/"], ["/lectures/京豫大讲堂/001/"]),  # a series, and the brand named after it
    ("防汛 2020", [FLOOD], [], ["/branches/cjw-jgdw/"]),  # two words, both required
    ("防汛抗旱", [], [], ["/cases/ga-2018-gongjianzu/"]),
    (INTERNAL_MARK, [], [], ["/cases/hebei-2021-xuncha-huitoukan/"]),
    (DRAFT_MARK, [], [], ["/brands/hd-slj-qingfeng/"]),
    ("巡视整改", [], [], ["/cases/hebei-2021-xuncha-huitoukan/"]),  # the internal record's tag
    ("hn-2020-jiezhuanyun", ["/cases/hn-2020-jiezhuanyun/"], [], []),  # an id: its record first
    ("ga-slj-jdgj-sfd", ["/sites/ga-slj-jdgj-sfd/"], [], []),
    # a configured synonym (mkdocs.yml: 抗疫: [抗击疫情, 疫情防控]): the sample never writes 抗疫
    ("抗疫", [], ["/cases/hn-2020-jiezhuanyun/", "/cases/hn-zjb-2021-lianghui-fuwu/"], [FLOOD]),
]


@pytest.mark.parametrize("query, first, found, absent", QUERIES, ids=[q[0] for q in QUERIES])
def test_query_table(sp, documents, query, first, found, absent):
    sp.open("?q=" + quote(query))
    urls = sp.all_urls()
    assert len(urls) == sp.count()
    assert sorted(urls[:len(first)]) == sorted(first), urls
    for url in found:
        assert url in urls, (url, urls)
    for url in absent:
        assert url not in urls, (url, urls)
    assert set(urls) == expected(documents, query), "results differ from the records holding every query piece"


@pytest.fixture(scope="module")
def pagefind_server(search_site, tmp_path_factory):
    """The sample site again, its index written by the real Pagefind over the same documents
    (bundle.py writes the site's: test_search_bundle.py), with the files search.js needs beside
    it (the first word of each of Pagefind's index chunks read from the chunks)."""
    from generator.search import cbor
    from generator.search.pagefind import DATA_FILE, T2S_FILE, _write_json_gz, search_data
    from test_search_bundle import meta_of, pagefind_run

    root = tmp_path_factory.mktemp("pagefind-run")
    site = root / "site"
    shutil.copytree(search_site, site)
    project = load_project(load_settings(str(REPO)), Visibility())
    output, _ = pagefind_run(project, root)
    first_words = [cbor.read(f"{output}/index/{name}.pf_index")[0][0][0] for _, _, name in meta_of(output)[2]]
    shutil.copy(site / "pagefind" / T2S_FILE, Path(output) / T2S_FILE)
    _write_json_gz(os.path.join(output, DATA_FILE), search_data(first_words))
    shutil.rmtree(site / "pagefind")
    shutil.copytree(output, site / "pagefind")
    base, httpd = serve(site)
    yield base.rstrip("/")
    httpd.shutdown()


def test_our_bundle_and_pagefind_s_own_find_the_same(sp, search_browser, pagefind_server):
    """Same results, same facet counts, with the index Pagefind itself writes for the same
    documents (results Pagefind ranks alike can come in another order: it numbers pages in the
    order it finds the files; and its pages are not numbered by date, which search.js sorts
    by: test_sort_by_date)."""
    context = search_browser.new_context()
    theirs = SearchPage(context.new_page(), pagefind_server)
    try:
        for query in [q[0] for q in QUERIES] + ["党", "乡村振兴 先锋", "?kind=case", "?q=建设&year=2020"]:
            address = query if query.startswith("?") else "?q=" + quote(query)
            sp.open(address)
            ours, facets = sp.all_urls(), sp.facets()
            theirs.open(address)
            assert (sorted(theirs.all_urls()), theirs.facets()) == (sorted(ours), facets), query
    finally:
        context.close()
    assert theirs.errors == []


def expected(documents, query: str) -> set[str]:
    """The records whose indexed tokens hold every query token (as prefixes), computed in Python."""
    found = set()
    tokens = query_tokens(query)
    for url, doc in documents.items():
        indexed = {t for part in search.document_parts(doc) for t in part}
        if tokens and all(any(t.startswith(q) for t in indexed) for q in tokens):
            found.add(url)
    return found


def test_public_index_holds_no_internal_record_or_draft(sp, documents):
    for marker in (INTERNAL_MARK, DRAFT_MARK, "巡视整改“回头看”", "清风润水"):
        sp.open("?q=" + quote(marker))
        assert sp.urls() == [] or "/cases/hebei-2021-xuncha-huitoukan/" not in sp.all_urls()
    sp.open()  # no query: every published record, newest first
    urls = sp.all_urls()
    assert set(urls) == set(documents)
    dates = [documents[u].sort_date for u in urls]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert "/cases/hebei-2021-xuncha-huitoukan/" not in urls and "/brands/hd-slj-qingfeng/" not in urls


# -- results --------------------------------------------------------------------------------------

def test_result_shows_kind_date_organisation_and_highlighted_snippet(sp):
    sp.open("?q=" + quote("述职"))
    first = sp.page.locator("li.sc-search__result").first
    assert first.get_attribute("data-url") == "/cases/ga-2018-shuzhi-pingyi/"
    assert first.locator(".sc-kind").inner_text() == "典型案例"
    assert first.locator(".sc-search__date").inner_text() == "2018年1月"
    assert "廣安市直屬機關工作委員會" in first.locator(".sc-search__org").inner_text()
    assert first.locator(".sc-search__title mark").first.inner_text() == "述職"  # written traditional
    snippet_marks = first.locator(".sc-search__snippet mark").all_inner_texts()
    assert snippet_marks and set(snippet_marks) <= {"述職", "職"}


def test_snippet_of_a_field_match_is_the_summary(sp, documents):
    """何家宁 is a speaker (a field), not in the lecture's text: the snippet is its summary line."""
    sp.open("?q=" + quote("何家宁"))
    first = sp.page.locator("li.sc-search__result").first
    snippet = first.locator(".sc-search__snippet")
    assert snippet.inner_text() == documents[first.get_attribute("data-url")].summary
    assert "主讲人" not in snippet.inner_text() and snippet.locator("mark").count() == 0


FIELD_LABELS = {f.zh for kind in KINDS for top in kind.fields for f in [top, *top.sub_fields]}


def _plain(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("query", ["临时党支部", "政治机关", "防汛", "服务群众"])
def test_snippets_are_body_text_or_the_summary_never_field_lines(sp, documents, query):
    """These queries also match field values (案例类别, 标签, 党组织…), which snippets used to dump."""
    sp.open("?q=" + quote(query))
    results = sp.page.locator("li.sc-search__result").all()
    assert results
    for item in results:
        doc = documents[item.get_attribute("data-url")]
        snippet = item.locator(".sc-search__snippet").inner_text()
        assert not [label for label in FIELD_LABELS if f"{label}：" in snippet], snippet
        text = snippet.strip("…")
        assert text in _plain(doc.body_text) or doc.summary.startswith(text), (snippet, doc.url)


def test_a_query_matching_body_words_shows_them_in_the_body_text(sp, documents):
    sp.open("?q=" + quote("临时党支部"))
    item = sp.page.locator('li.sc-search__result[data-url="/cases/cjw-2020-changjiang-flood/"]')
    snippet = item.locator(".sc-search__snippet")
    assert "临时党支部" in snippet.locator("mark").all_inner_texts()  # the whole word, not only its pieces
    body = documents["/cases/cjw-2020-changjiang-flood/"].body_text
    assert snippet.inner_text().strip("…") in _plain(body)
    assert "党组织：" not in snippet.inner_text()  # the record's organisations field also names it


def test_sort_by_date(sp, documents):
    sp.open("?q=" + quote("党建"))
    relevance = sp.all_urls()
    sp.act(lambda: sp.page.select_option('select[name="sort"]', "new"))
    assert sp.params()["sort"] == ["new"]
    newest = sp.all_urls()
    assert sorted(newest) == sorted(relevance)
    dates = [documents[u].sort_date for u in newest]
    assert dates == sorted(dates, key=lambda d: d or "0000", reverse=True)
    sp.act(lambda: sp.page.select_option('select[name="sort"]', "old"))
    dates = [documents[u].sort_date for u in sp.all_urls()]
    assert dates == sorted(dates, key=lambda d: d or "0000")  # undated first: they sort as the oldest


# -- facets ----------------------------------------------------------------------------------------

def facet_counts(documents, urls) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for url in urls:
        for name, values in documents[url].filters.items():
            for value in values:
                counts.setdefault(name, {}).setdefault(value, 0)
                counts[name][value] += 1
    return counts


def test_facet_counts_match_the_results(sp, documents):
    sp.open("?q=" + quote("党建"))
    urls = sp.all_urls()
    assert sp.facets() == facet_counts(documents, urls)


def test_filters_narrow_and_counts_match(sp, documents):
    sp.open("?q=" + quote("党建"))
    before = sp.count()
    kinds = sp.facets()["kind"]
    assert kinds["典型案例"] < before
    sp.act(lambda: sp.box("kind", "典型案例").check())
    assert sp.count() == kinds["典型案例"]
    assert sp.params()["kind"] == ["case"] and sp.params()["q"] == ["党建"]
    urls = sp.all_urls()
    assert all(u.startswith("/cases/") for u in urls)
    facets = sp.facets()
    assert facets == facet_counts(documents, urls)
    year, year_count = max(facets["year"].items(), key=lambda kv: (kv[1] < len(urls), kv[1]))
    sp.act(lambda: sp.box("year", year).check())
    assert sp.count() == year_count
    assert sp.checked() == {"kind": ["典型案例"], "year": [year]}
    assert all(year in documents[u].filters["year"] for u in sp.all_urls())
    # removing a filter through its chip widens the results again
    sp.act(lambda: sp.page.click('.sc-search__chip[data-facet="year"]'))
    assert sp.count() == kinds["典型案例"]


def test_filters_without_a_query(sp, documents):
    sp.open("?kind=lecture")
    urls = sp.all_urls()
    assert set(urls) == {u for u, d in documents.items() if d.kind == "lecture"}
    assert sp.page.input_value("#sc-search-q") == ""


# -- the address -----------------------------------------------------------------------------------

def test_address_round_trips(sp):
    sp.open("?q=" + quote("防汛") + "&kind=case&year=2020")
    assert sp.page.input_value("#sc-search-q") == "防汛"
    assert sp.checked() == {"kind": ["典型案例"], "year": ["2020"]}
    assert sp.urls() == [FLOOD]
    # a bookmark made from the page's own address gives the same page
    sp.page.goto(sp.page.url)
    sp.wait()
    assert sp.checked() == {"kind": ["典型案例"], "year": ["2020"]} and sp.urls() == [FLOOD]


def test_back_and_forward(sp):
    sp.open("?q=" + quote("党建"))
    all_results = sp.count()
    sp.act(lambda: sp.box("kind", "典型案例").check())
    cases = sp.count()
    assert cases < all_results
    sp.act(lambda: (sp.page.fill("#sc-search-q", "防汛"), sp.page.press("#sc-search-q", "Enter")))
    assert sp.params() == {"q": ["防汛"], "kind": ["case"]}
    sp.act(lambda: sp.page.go_back())
    assert sp.page.input_value("#sc-search-q") == "党建" and sp.count() == cases
    assert sp.checked() == {"kind": ["典型案例"]}
    sp.act(lambda: sp.page.go_back())
    assert sp.checked() == {} and sp.count() == all_results
    sp.act(lambda: sp.page.go_forward())
    assert sp.checked() == {"kind": ["典型案例"]} and sp.count() == cases
    sp.act(lambda: sp.page.go_forward())
    assert sp.page.input_value("#sc-search-q") == "防汛" and sp.urls() == [FLOOD]


def test_typing_searches_without_adding_history(sp):
    sp.open()
    length = sp.page.evaluate("history.length")
    sp.act(lambda: sp.page.type("#sc-search-q", "接转", delay=20))
    assert set(sp.urls()[:2]) == {"/cases/hn-2020-jiezhuanyun/", "/branches/hn-zjb-jzy-lzzb/"}
    assert sp.params()["q"] == ["接转"]
    assert sp.page.evaluate("history.length") == length


def test_header_form_leads_to_the_search_page(sp, search_site, server):
    with open(os.path.join(search_site, "index.html"), encoding="utf-8") as fh:
        if 'role="search"' not in fh.read():
            pytest.skip("the theme has no header search form yet")
    sp.page.goto(server + "/")
    form = sp.page.locator('form[role="search"]').first
    form.locator('input[name="q"]').fill("述职")
    sp.page.evaluate("document.querySelector('form[role=search]').requestSubmit()")
    sp.page.wait_for_url("**/search/?q=*")
    sp.wait()
    assert sp.urls()[0] == "/cases/ga-2018-shuzhi-pingyi/"


def test_the_character_map_is_fetched_only_when_needed(sp):
    sp.open("?q=" + quote("何家宁"))  # simplified query, simplified result
    assert not any(u.endswith("showcase-t2s.json.gz") for u in sp.requests)
    sp.open("?q=" + quote("述職"))
    assert any(u.endswith("showcase-t2s.json.gz") for u in sp.requests)


def test_a_stop_token_is_searched_by_the_filter_of_the_pages_lacking_it(make_project, tmp_path, search_browser):
    """鹦鹉螺 is on all pages but one (a stop token: stops.py): searched by the filter of the
    page lacking it, loading no index chunk but the one Pagefind loads for no word; the results
    and facet counts are the pages holding it, newest first. (The sample's stop tokens are on
    every one of its pages.)"""
    from conftest import md

    files = {"content/branches/yingwu-zb.md": md("title: 海洋研究所党支部\nlevel: 党支部", "鹦鹉螺号科考。")}
    for n in range(17):
        files[f"content/cases/case-{n:02}.md"] = md(
            f"title: 第{n}号案例\nbranches: [yingwu-zb]\ncategory: 服务群众\ndate: {2001 + n}",
            "海洋科考的故事。" if n == 5 else f"鹦鹉螺号第{n}次科考。")
    with built_and_served(make_project(files, baseline=False, mkdocs_yml=(REPO / "mkdocs.yml").read_text(encoding="utf-8")),
                          tmp_path, search_browser) as page:
        holding = {"/branches/yingwu-zb/", *(f"/cases/case-{n:02}/" for n in range(17) if n != 5)}
        page.open()
        browsing = {u for u in page.requests if "/pagefind/index/" in u}  # Pagefind's for no word
        for query in ("鹦鹉螺", "鹦", "鹦鹉螺 科考"):
            page.requests.clear()
            page.open("?q=" + quote(query))
            urls = page.all_urls()
            assert set(urls) == holding and page.count() == 17, query
            assert urls[:2] == ["/cases/case-16/", "/cases/case-15/"], urls  # stop tokens only: newest first
            assert page.facets()["kind"] == {"党组织": 1, "典型案例": 16}, query
            assert any("/pagefind/filter/" in u for u in page.requests)
            assert {u for u in page.requests if "/pagefind/index/" in u} <= browsing, query  # 科考: a stop token too
        page.open("?q=" + quote("海洋科考"))
        assert set(page.all_urls()) == {"/cases/case-05/"}
        assert page.errors == []


# -- the browser's tokens are Python's --------------------------------------------------------------

VECTORS = json.loads((Path(__file__).parent / "data" / "token_vectors.json").read_text(encoding="utf-8"))["texts"]
# Characters this Python's Unicode database assigns (a newer one in Chromium may call an
# unassigned code point a letter: no content can hold such a character before Python knows it).
ASSIGNED_TEXT = st.text(st.characters(blacklist_categories=("Cn", "Cs")), max_size=30)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ASSIGNED_TEXT, min_size=200, max_size=200))
def test_javascript_tokens_match_python(sp, texts):
    """tokens.js, with the constants the page's config carries, gives Python's tokens, normalised
    text, per-character normalisation and hidden-text round trip (one evaluate for all texts)."""
    from generator.search.tokens import hide, normalise, normalise_char
    if not sp.page.url.endswith("/search/"):
        sp.open()
    texts = VECTORS + texts
    got = sp.page.evaluate("""async ([texts, hidden]) => {
        const m = await import('../assets/search/tokens.js');
        const config = JSON.parse(document.querySelector('.sc-search__config').textContent);
        const raw = (await fetch("../pagefind/showcase-t2s.json.gz")).body.pipeThrough(new DecompressionStream("gzip"));
        const n = m.makeNormaliser(await new Response(raw).json());
        const t = m.makeTokens(config.tokens);
        return texts.map((text, i) => [t.queryTokens(text, n.normalise), n.normalise(text),
            Array.from(text, c => n.normChar(c)).join(''), t.unhide(hidden[i])]);
    }""", [texts, [hide(text) for text in texts]])
    for text, (tokens, normalised, per_char, unhidden) in zip(texts, got):
        assert tokens == query_tokens(text), text
        assert normalised == normalise(text), text
        assert per_char == "".join(normalise_char(c) for c in text), text
        assert unhidden == text, text


def test_a_site_built_without_search_says_so_on_the_search_page(search_browser, tmp_path):
    site = tmp_path / "site"
    subprocess.run([console_script("mkdocs"), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
                   check=True, env=subprocess_env(SHOWCASE_SEARCH="0"), capture_output=True)
    assert not (site / "pagefind").exists()
    base, httpd = serve(site)
    context = search_browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}search/?q=" + quote("防汛"))
        page.wait_for_selector('[data-sc-search][data-status="error"]', timeout=15_000)
        assert "没有生成搜索索引" in page.inner_text("[data-sc-search]")
        assert page.input_value("#sc-search-q") == "防汛"
    finally:
        context.close()
        httpd.shutdown()


def test_a_query_found_through_synonyms_names_them_and_highlights_them(sp):
    sp.open("?q=" + quote("抗疫"))
    assert "同时查找了同义词：抗击疫情、疫情防控" in sp.page.inner_text(".sc-search__status")
    marks = sp.page.eval_on_selector_all(".sc-search__result mark", "els => els.map(e => e.textContent)")
    assert any(m in ("抗击疫情", "疫情防控", "疫情") for m in marks), marks
    assert sp.page.is_hidden(".sc-search__suggest")


def test_an_empty_result_shows_similar_words_that_find_results(sp):
    sp.open("?q=" + quote("防汛"))  # found: neither the word list nor its script is loaded
    assert sp.count() > 0
    assert not [u for u in sp.requests if u.endswith(("/search/words.json", "/similar.js"))]
    sp.open("?q=" + quote("水利讲座"))
    assert sp.count() == 0
    similar = sp.page.locator(".sc-search__suggest a[data-similar]")
    words = similar.all_inner_texts()
    assert "水利大讲堂" in words and len(words) <= 6, words
    assert all(any(b in w for b in ("水利", "利讲", "讲座")) for w in words), words  # each shares a bigram
    loaded = [u for u in sp.requests if u.endswith(("/search/words.json", "/search/similar.js"))]
    assert len(loaded) == 2  # fetched once, for the empty result only
    for word in words:  # every suggestion finds something
        sp.open("?q=" + quote("水利讲座"))
        chip = sp.page.locator(".sc-search__suggest a[data-similar]").filter(has_text=re.compile(f"^{re.escape(word)}$"))
        sp.act(lambda: chip.click())
        assert sp.params() == {"q": [word]} and sp.count() > 0, word
    # traditional script: compared normalised
    sp.open("?q=" + quote("水利講座"))
    assert "水利大讲堂" in sp.page.locator(".sc-search__suggest a[data-similar]").all_inner_texts()


def test_an_empty_result_suggests_removing_filters_and_other_words(sp):
    sp.open("?q=" + quote("防汛 述职") + "&year=2018")
    assert sp.count() == 0
    suggest = sp.page.locator(".sc-search__suggest")
    assert suggest.is_visible()
    assert suggest.locator("a:not([data-similar])").all_inner_texts() == ["防汛", "述职"]
    sp.act(lambda: suggest.locator("button", has_text="去掉所有筛选条件").click())
    assert sp.params() == {"q": ["防汛 述职"]}
    sp.open("?q=" + quote("防汛 述职") + "&year=2018")
    sp.act(lambda: sp.page.locator(".sc-search__suggest a:not([data-similar])", has_text="述职").click())
    assert sp.params() == {"q": ["述职"], "year": ["2018"]} and sp.count() > 0
    assert sp.page.is_hidden(".sc-search__suggest")


def test_a_site_without_published_records_finds_nothing(make_project, tmp_path, search_browser):
    """The bundle of no pages: browsing lists none, a query finds none, the page works."""
    with built_and_served(make_project(baseline=False, mkdocs_yml=(REPO / "mkdocs.yml").read_text(encoding="utf-8")),
                          tmp_path, search_browser) as page:
        page.open()
        assert page.all_urls() == [] and page.count() == 0
        page.open("?q=" + quote("党建"))
        assert page.all_urls() == []
        assert page.errors == []
