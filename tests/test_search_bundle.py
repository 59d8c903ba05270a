"""The search index written by bundle.py, against the real Pagefind run over the same documents.

bundle.py writes the bundle Pagefind would write for our documents (document_html.render_document
is the HTML Pagefind indexes here). These tests run Pagefind over those documents and compare
what both bundles say: every word with its pages and weights (and diacritic variants), every
page's word count and fragment, filters, sorts, metadata fields. test_search_browser.py
compares the results of both bundles in Chromium.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import cbor2
import pytest

from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
from generator.search import SearchIndexError, bundle, cbor, pagefind, stops, write_index
from generator.search.document_html import render_document
from generator.search.documents import search_documents
from generator.search.tokens import hidden_words

from conftest import REPO, md, run_core

pytestmark = pytest.mark.build


def bundle_files(output: str) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(Path(output).rglob("*")) if p.is_file()}


def meta_of(output: str) -> list:
    return cbor.read(next(str(p) for p in Path(output).glob("*.pf_meta")))


def weights(locs: list) -> list:
    """The weight of each occurrence in a page's locations ([weight marker, position, delta…])."""
    out, weight = [], 25
    for loc in locs:
        if loc < 0:
            weight = -loc - 1
        else:
            out.append(weight)
    return out


def fragment_for_browser(fragment: dict) -> dict:
    """A page's fragment as bundle.py writes it: Pagefind keeps every word of the page in
    `content`, ours only the hidden snippet text."""
    return {**fragment, "content": hidden_words(fragment.get("content", ""))}


def content(output: str) -> dict:
    """What a bundle says, with pages named by their address (page numbers, file names and
    positions aside): words → {url: (weights, metadata positions)} and their variants, filters →
    {value: urls}, sorts → the urls in order, pages → (word count, fragment as browsers get it)."""
    meta = meta_of(output)
    fragments = [json.loads(cbor.pagefind_file(f"{output}/fragment/{name}.pf_fragment")) for name, _ in meta[1]]
    urls = [f["url"] for f in fragments]
    assert len(set(urls)) == len(urls)

    def postings(pages):
        number, out = 0, {}
        for page in pages:
            number += page[0]
            out[urls[number]] = (weights(page[1]), page[2])
        return out

    words = {}
    for _from, _to, name in meta[2]:
        for word, pages, variants in cbor.read(f"{output}/index/{name}.pf_index")[0]:
            assert word not in words
            words[word] = (postings(pages), {form: postings(p) for form, p in variants})
    filters = {}
    for _name, name in meta[3]:
        filter_name, values = cbor.read(f"{output}/filter/{name}.pf_filter")
        filters[filter_name] = {value: sorted(urls[n] for n in numbers) for value, numbers in values}
    return {"version": meta[0], "fields": meta[5], "words": words, "filters": filters, "order": urls,
            "sorts": {key: [urls[n] for n in numbers] for key, numbers in meta[4]},
            "pages": {url: (count, fragment_for_browser(fragment))
                      for url, (_, count), fragment in zip(urls, meta[1], fragments)}}


def pagefind_run(project, tmp: Path) -> tuple[str, dict]:
    """The real Pagefind over every published record's document; the bundle and the
    documents' dates (url → ISO date or "")."""
    documents = search_documents(project, Visibility())
    source, output = tmp / "documents", tmp / "pagefind"
    dates = {}
    for doc in documents:
        path = source / doc.url.strip("/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_document(doc), encoding="utf-8")
        dates["/" + doc.url.strip("/") + "/"] = doc.sort_date
    pagefind._Run(str(source), str(output), len(documents)).wait()
    return str(output), dates


def assert_same_search(ours: dict, theirs: dict, dates: dict) -> None:
    """The same words, filters, pages; our pages numbered newest first, ties by address
    (Pagefind numbers them in the order it finds the files). Stop tokens (stops.py): the
    bigrams on nearly every page are no words of ours, and each stop token has a filter of the
    pages that lack it, bigram or character (every bigram it starts and its run-final token)."""
    for key in ("version", "fields", "sorts"):
        assert ours[key] == theirs[key], key
    urls = set(theirs["pages"])
    stop_filters = {name[1:]: values for name, values in ours["filters"].items() if name.startswith(stops.FILTER_PREFIX)}
    assert {name: values for name, values in ours["filters"].items() if name[1:] not in stop_filters} == theirs["filters"]
    limit = stops.limit(len(urls))
    for word, (pages, variants) in theirs["words"].items():
        if stops.is_bigram(word) and len(pages) >= len(urls) - limit:
            assert stop_filters[word] == {stops.LACKS: sorted(urls - pages.keys())}, word
    for char in {word[:3] for word in theirs["words"] if stops.is_han(word)}:
        held = {url for word, (pages, _) in theirs["words"].items() if stops.is_han(word) and word.startswith(char)
                for url in pages}
        if len(held) >= len(urls) - limit:
            assert stop_filters.pop(char) == {stops.LACKS: sorted(urls - held)}, char
        else:
            assert char not in stop_filters, char
    assert {word for word in stop_filters} == {word for word in theirs["words"] if word not in ours["words"]}
    assert ours["words"].items() <= theirs["words"].items()
    assert ours["pages"] == {url: (bundle.word_count_step(count), fragment)
                             for url, (count, fragment) in theirs["pages"].items()}
    assert ours["sorts"] == {}
    assert ours["order"] == sorted(sorted(ours["order"]), key=lambda url: dates[url], reverse=True)


@pytest.fixture(scope="module")
def sample_project():
    return load_project(load_settings(str(REPO)), Visibility())


def test_the_bundle_says_what_pagefind_says_of_the_sample(sample_project, tmp_path):
    theirs, sorts = pagefind_run(sample_project, tmp_path)
    report = write_index(sample_project, str(tmp_path / "site"), Visibility())
    ours = content(report.output)
    assert_same_search(ours, content(theirs), sorts)
    assert len(ours["pages"]) == report.pages == 59 and len(ours["words"]) > 3000


# Words Pagefind files under another key (diacritics dropped: the form kept as a variant), or
# not: Cyrillic, Greek, Hangul (decomposed by NFD), digits of other scripts, ligatures and
# full-width letters (NFKC), a Turkish dotted capital, a title-case digraph.
ODD_WORDS = "Café CAFÉ café naïve Ärzte Ñandú Москва Ελλάδα 한국어 ٣٤٥ ﬁne ＡＢＣ İstanbul ǅemal x2 ў ё"


def test_the_bundle_says_what_pagefind_says_of_odd_words_and_empty_parts(make_project, tmp_path):
    project_dir = make_project({
        "content/cases/odd-words.md": md("""
            title: 外文词语案例 Café
            branches: [baseline-branch]
            category: 服务群众
            date: 2021-05
            tags: [Ärzte, 한국어]
            """, ODD_WORDS),
        "content/cases/empty-body.md": md("""
            title: 没有正文的案例
            branches: [baseline-branch]
            category: 服务群众
            date: 2020
            """, ""),
        "content/cases/only-latin.md": md("""
            title: naïve Café
            branches: [baseline-branch]
            category: 服务群众
            date: 2019
            """, "café cafe CAFE"),
    })
    project = run_core(project_dir)
    assert not [p for p in project.problems if p.severity == "error"]
    theirs, sorts = pagefind_run(project, tmp_path)
    report = write_index(project, str(tmp_path / "site"), Visibility())
    ours = content(report.output)
    assert_same_search(ours, content(theirs), sorts)
    variants = {word: set(forms) for word, (_, forms) in ours["words"].items() if forms}
    assert variants["xcafe"] == {"xcafé"} and "xarzte" in variants and len(variants) >= 4


def test_the_bundle_is_the_same_whatever_order_the_records_are_read_in(sample_project, tmp_path, monkeypatch):
    first = write_index(sample_project, str(tmp_path / "a"), Visibility())
    records = sample_project.records
    monkeypatch.setattr(sample_project, "records", list(reversed(records)))
    second = write_index(sample_project, str(tmp_path / "b"), Visibility())
    assert bundle_files(first.output) == bundle_files(second.output)


def test_the_bundle_is_encoded_as_pagefind_encodes(sample_project, tmp_path):
    """Definite lengths, shortest integers (minicbor's encoding, which cbor2 writes too); filter
    files named after their content's hash as Pagefind names them, pages and chunks by number
    in a folder named after them all (bundle.py's docstring)."""
    report = write_index(sample_project, str(tmp_path / "site"), Visibility())
    for path in Path(report.output).glob("*/**/*.pf_*"):
        payload = cbor.pagefind_file(str(path))
        if path.suffix != ".pf_fragment":
            assert cbor2.dumps(cbor2.loads(payload)) == payload
        if path.suffix == ".pf_filter":
            assert path.name.startswith(f"zxx_{cbor.full_hash(payload)[:7]}")
    meta = meta_of(report.output)
    (bundle_name,) = os.listdir(Path(report.output, "fragment"))
    assert os.listdir(Path(report.output, "index")) == [bundle_name] and len(bundle_name) == bundle.NAME_DIGITS
    for number, (name, _) in enumerate(meta[1]):
        assert name == f"{bundle_name}/{str(number)[::-1]}"
        data = json.loads(cbor.pagefind_file(f"{report.output}/fragment/{name}.pf_fragment"))
        assert data["content"] and all(ord(word[0]) >= 0xF0000 for word in data["content"].split())
    assert meta[2][0] == ["", "", f"{bundle_name}/{bundle.EMPTY_CHUNK}"]  # what a search of no word loads
    assert cbor.read(f"{report.output}/index/{bundle_name}/{bundle.EMPTY_CHUNK}.pf_index") == [[]]
    assert [name for _, _, name in meta[2][1:]] == [f"{bundle_name}/{str(n)[::-1]}" for n in range(len(meta[2]) - 1)]
    (meta,) = Path(report.output).glob("*.pf_meta")
    entry = json.loads(Path(report.output, "pagefind-entry.json").read_text(encoding="utf-8"))
    assert meta.name == f"pagefind.{entry['languages']['zxx']['hash']}.pf_meta"
    assert entry["languages"]["zxx"]["page_count"] == 59
    assert Path(report.output, "pagefind.js").is_file() and Path(report.output, "wasm.unknown.pagefind").is_file()


def test_a_word_has_one_position_a_hash_of_itself(sample_project, tmp_path):
    """The same on every page, and from the word alone: a word added changes no other's postings."""
    report = write_index(sample_project, str(tmp_path / "site"), Visibility())
    meta, words = meta_of(report.output), 0
    for _from, _to, name in meta[2]:
        for word, pages, variants in cbor.read(f"{report.output}/index/{name}.pf_index")[0]:
            every = [*pages, *(page for _, form_pages in variants for page in form_pages)]
            found = {loc for page in every for loc in page[1] if loc >= 0}
            assert found == {bundle.position(word)}, word
            words += 1
    assert words > 1000


def test_word_counts_are_rounded_to_steps_of_a_tenth():
    for count in [*range(0, 3000), 10**5, 10**7]:
        step = bundle.word_count_step(count)
        assert abs(step - count) <= 0.05 * count + 1 and bundle.word_count_step(step) == step


def test_an_edit_gives_the_bundle_new_names(make_project, tmp_path):
    """A reader holding the page list of the build before asks for names the new build does
    not have: an error, never another record's fragment."""
    project_dir = make_project()
    before = write_index(run_core(project_dir), str(tmp_path / "one"), Visibility())
    case = project_dir / "content" / "cases" / "baseline-case.md"
    case.write_text(case.read_text(encoding="utf-8") + "\n鹦鹉螺号的故事。\n", encoding="utf-8")
    after = write_index(run_core(project_dir), str(tmp_path / "two"), Visibility())
    assert os.listdir(Path(before.output, "fragment")) != os.listdir(Path(after.output, "fragment"))
    assert meta_of(before.output)[1] != meta_of(after.output)[1]


def test_colliding_file_names_are_lengthened(tmp_path):
    """Pagefind names a file by 7 hex digits of its hash; a name taken gets one more."""
    taken: set[str] = set()
    first = bundle.hash_name("zxx", b"one", taken)
    taken.add(first)
    assert bundle.hash_name("zxx", b"one", taken) == ("zxx_" + cbor.full_hash(b"one"))[:len(first) + 1]
    assert len(first) == len("zxx_") + 7


def test_pagefind_s_scripts_are_kept_in_the_cache_and_a_run_is_spared(make_project, tmp_path, monkeypatch):
    runs = []
    real = pagefind._Run
    monkeypatch.setattr(pagefind, "_Run", lambda *a: runs.append(a) or real(*a))
    project = run_core(make_project())
    cache = tmp_path / "cache"
    one = write_index(project, str(tmp_path / "one"), Visibility(), cache_dir=str(cache))
    two = write_index(project, str(tmp_path / "two"), Visibility(), cache_dir=str(cache))
    three = write_index(project, str(tmp_path / "three"), Visibility())
    assert len(runs) == 2  # the first build and the one without a cache
    assert bundle_files(one.output) == bundle_files(two.output) == bundle_files(three.output)
    assert [n for n in os.listdir(cache) if not n.startswith(".")] == [n for n in os.listdir(cache)]


def test_another_pagefind_version_is_refused_with_a_message(make_project, tmp_path, monkeypatch):
    monkeypatch.setattr(pagefind, "FORMAT_VERSION", "9.9.9")
    with pytest.raises(SearchIndexError) as caught:
        write_index(run_core(make_project()), str(tmp_path / "site"), Visibility())
    assert "pagefind==9.9.9" in str(caught.value) and not (tmp_path / "site" / "pagefind").exists()


def test_documents_out_of_page_order_are_refused(sample_project, tmp_path):
    documents = bundle.in_page_order(search_documents(sample_project, Visibility()), lambda d: d.url, lambda d: d.sort_date)
    assert documents[0].sort_date >= documents[1].sort_date
    for wrong in (list(reversed(documents)), [documents[0], *documents]):
        with pytest.raises(SearchIndexError):
            bundle.write_bundle(wrong, str(tmp_path / "out"), language="zxx", chunk_postings=100)
