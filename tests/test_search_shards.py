"""The index built in shards and merged (search/shards.py, search/merge.py), against one
Pagefind run over the same documents, and its cache of shard bundles.

The query tests in test_search_browser.py run on a sharded build too (the sample site is
built with small shards, conftest.py); test_sharded_and_single_shard_find_the_same there
compares the results of both in Chromium.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
from generator.search import cbor, merge, pagefind, shards, write_index
from generator.search.document_html import fragment_for_browser

from conftest import REPO, md, run_core

pytestmark = pytest.mark.build


def bundle_files(output: str) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(Path(output).rglob("*")) if p.is_file()}


def meta_of(output: str) -> list:
    return cbor.read(next(str(p) for p in Path(output).glob("*.pf_meta")))


def content(output: str) -> dict:
    """What a bundle says, with pages named by their address (page numbers, file names and
    positions aside): words → {url: (weights, metadata positions)}, filters → {value: urls}, sorts →
    the urls in order, pages → (word count, fragment as browsers get it)."""
    meta = meta_of(output)
    fragments = [json.loads(cbor.pagefind_file(f"{output}/fragment/{name}.pf_fragment")) for name, _ in meta[1]]
    urls = [f["url"] for f in fragments]
    assert len(set(urls)) == len(urls)
    words = {}
    for _from, _to, name in meta[2]:
        for word, pages, variants in cbor.read(f"{output}/index/{name}.pf_index")[0]:
            number, postings = 0, {}
            for page in pages:
                number += page[0]
                postings[urls[number]] = (weights(page[1]), page[2])
            assert word not in words and not variants
            words[word] = postings
    filters = {}
    for _name, name in meta[3]:
        filter_name, values = cbor.read(f"{output}/filter/{name}.pf_filter")
        filters[filter_name] = {value: sorted(urls[n] for n in numbers) for value, numbers in values}
    return {"version": meta[0], "fields": meta[5], "words": words, "filters": filters,
            "sorts": {key: [urls[n] for n in numbers] for key, numbers in meta[4]},
            "pages": {url: (count, fragment_for_browser(fragment))
                      for url, (_, count), fragment in zip(urls, meta[1], fragments)}}


def weights(locs: list) -> list:
    """The weight of each occurrence in a page's locations ([weight marker, position, delta…])."""
    out, weight = [], 25
    for loc in locs:
        if loc < 0:
            weight = -loc - 1
        else:
            out.append(weight)
    return out


def single_run(project, tmp: Path, order=None) -> tuple[str, dict]:
    """One Pagefind run over every document (the bundle unmerged), the files written in
    `order` (a function of the list), and the documents' sort values."""
    count, *parts = shards.shards(project, Visibility(), per_shard=10**9)
    (shard,) = parts
    files = order(list(shard.files)) if order else shard.files
    source, output = tmp / "documents", tmp / "single"
    for path, text in files:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(text, encoding="utf-8")
    run = pagefind._Run(str(source), str(output), count)
    run.wait()
    return str(output), shard.sorts


def assert_same_search(sharded: dict, single: dict, sorts: dict) -> None:
    for key in ("version", "fields", "words", "filters", "pages"):
        assert sharded[key] == single[key], key
    assert sharded["sorts"].keys() == single["sorts"].keys()
    for key, urls in sharded["sorts"].items():  # ties may come in another order
        assert sorted(urls) == sorted(single["sorts"][key])
        values = [sorts[url][key] for url in urls]
        assert values == sorted(values)


@pytest.fixture(scope="module")
def sample_project():
    return load_project(load_settings(str(REPO)), Visibility())


def test_a_sharded_index_says_what_one_pagefind_run_says(sample_project, tmp_path):
    single, sorts = single_run(sample_project, tmp_path)
    report = write_index(sample_project, str(tmp_path / "site"), Visibility(), shard_records=8)
    sharded = content(report.output)
    assert_same_search(sharded, content(single), sorts)
    # The sample covers the merge's cases: 59 records in 8 shards; words in one shard only and
    # in several; filter values and the sort across shards.
    shard_of = {url: shard.number for shard in list(shards.shards(sample_project, Visibility(), 8))[1:]
                for url in shard.sorts}
    assert shard_of.keys() == sharded["pages"].keys() and set(shard_of.values()) == set(range(8))
    spread = [len({shard_of[url] for url in postings}) for postings in sharded["words"].values()]
    assert 1 in spread and max(spread) == 8
    assert any(len({shard_of[u] for u in urls}) > 1 for values in sharded["filters"].values()
               for urls in values.values())


def test_the_merged_bundle_does_not_depend_on_pagefind_s_file_order(sample_project, tmp_path):
    """Pagefind numbers pages in the order it finds the files (the file system's); the merge
    renumbers them by address: the same documents in any order give the same bytes."""
    shuffled, sorts = single_run(sample_project, tmp_path / "a", lambda files: random.Random(7).sample(files, len(files)))
    merged = tmp_path / "merged"
    merged.mkdir()
    merge.merge_bundles([merge.ShardBundle(shuffled, sorts)], str(merged), pagefind.CHUNK_POSTINGS,
                        fragment=fragment_for_browser, word_positions=True)
    report = write_index(sample_project, str(tmp_path / "site"), Visibility(), shard_records=10**6)
    files = bundle_files(str(merged))
    assert files == {k: v for k, v in bundle_files(report.output).items() if not k.startswith("showcase-")}
    assert_same_search(content(str(merged)), content(shuffled), sorts)


def count_pagefind_runs(monkeypatch) -> list:
    runs = []
    real = pagefind._Run

    def counted(source, output, expected):
        runs.append(sorted(str(p.relative_to(source)) for p in Path(source).rglob("index.html")))
        return real(source, output, expected)

    monkeypatch.setattr(pagefind, "_Run", counted)
    return runs


EDITED = "\n鹦鹉螺号的故事。\n"  # words no other record of the baseline project has


def test_the_cache_reruns_only_the_changed_shard_and_gives_a_clean_build_s_bytes(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv(shards.SHARD_RECORDS_ENV, "1")  # 5 records in 8 shards: 4 are empty, one holds 2
    project_dir = make_project()
    cache = tmp_path / "cache"
    runs = count_pagefind_runs(monkeypatch)
    write_index(run_core(project_dir), str(tmp_path / "site"), Visibility(), cache_dir=str(cache))
    assert sorted(len(r) for r in runs) == [1, 1, 1, 2]
    assert len(os.listdir(cache)) == 4

    runs.clear()
    write_index(run_core(project_dir), str(tmp_path / "site"), Visibility(), cache_dir=str(cache))
    assert runs == []

    case = project_dir / "content" / "cases" / "baseline-case.md"
    case.write_text(case.read_text(encoding="utf-8") + EDITED, encoding="utf-8")
    write_index(run_core(project_dir), str(tmp_path / "site"), Visibility(), cache_dir=str(cache))
    assert runs == [["cases/baseline-case/index.html"]]
    assert len(os.listdir(cache)) == 4  # the edited case's old shard is gone

    runs.clear()
    clean = write_index(run_core(project_dir), str(tmp_path / "clean"), Visibility())
    assert len(runs) == 4
    assert bundle_files(str(tmp_path / "site" / "pagefind")) == bundle_files(clean.output)


def test_a_deleted_record_leaves_the_index(make_project, tmp_path, monkeypatch):
    project_dir = make_project()
    cache = tmp_path / "cache"
    write_index(run_core(project_dir), str(tmp_path / "site"), Visibility(), cache_dir=str(cache), shard_records=2)
    (project_dir / "content" / "sites" / "baseline-site.md").unlink()
    report = write_index(run_core(project_dir), str(tmp_path / "site"), Visibility(), cache_dir=str(cache),
                         shard_records=2)
    clean = write_index(run_core(project_dir), str(tmp_path / "clean"), Visibility(), shard_records=2)
    assert "/sites/baseline-site/" not in content(report.output)["pages"] and report.pages == 4
    assert bundle_files(report.output) == bundle_files(clean.output)


def test_colliding_fragment_names_are_lengthened(sample_project, tmp_path):
    """Pagefind names a fragment by 7 hex digits of its hash: two shards can hold the same
    name for different pages. The later page's name is lengthened from its own hash."""
    report = write_index(sample_project, str(tmp_path / "site"), Visibility(), shard_records=30)
    first, second = tmp_path / "shard-a", tmp_path / "shard-b"
    _, single_sorts = single_run(sample_project, tmp_path / "run")
    parts = [s for s in shards.shards(sample_project, Visibility(), per_shard=30)][1:]
    assert len(parts) == 2
    for shard, folder in zip(parts, (first, second)):
        shard.write(str(tmp_path / f"documents-{shard.number}"))
        pagefind._Run(str(tmp_path / f"documents-{shard.number}"), str(folder), shard.records).wait()
    # Rename a fragment of the second shard to the name of one of the first's.
    taken = meta_of(str(first))[1][0][0]
    meta_path = next(second.glob("*.pf_meta"))
    meta = cbor.read(str(meta_path))
    victim = meta[1][0][0]
    os.rename(second / "fragment" / f"{victim}.pf_fragment", second / "fragment" / f"{taken}.pf_fragment")
    meta[1][0][0] = taken
    meta_path.write_bytes(cbor.packed(cbor.encode(meta)))
    merged = tmp_path / "merged"
    merged.mkdir()
    merge.merge_bundles([merge.ShardBundle(str(first), parts[0].sorts), merge.ShardBundle(str(second), parts[1].sorts)],
                        str(merged), pagefind.CHUNK_POSTINGS)
    names = [name for name, _ in meta_of(str(merged))[1]]
    assert len(set(names)) == len(names) == 59
    assert taken in names
    longer = [n for n in names if len(n) > len(taken)]
    assert len(longer) == 1 and len(longer[0]) == len(taken) + 1
    payload = cbor.pagefind_file(str(merged / "fragment" / f"{longer[0]}.pf_fragment"))
    assert ("zxx_" + cbor.full_hash(payload)).startswith(longer[0])  # (in a real collision, `taken` too)
    assert_same_search(content(str(merged)), content(report.output), single_sorts)


def test_postings_renumbered_across_shards():
    """Page numbers are delta-encoded within a word: a shard's list is shifted by the pages
    before it, renumbered by address where Pagefind's order was another, and metadata field
    ids are mapped to the merged list of fields."""
    def shard(offset, order, field_map=None):
        position = [0] * len(order)
        for place, local in enumerate(order):
            position[local] = place
        return merge._Shard(merge.ShardBundle("x"), [], offset, order, position, [], order == sorted(order), field_map)

    postings = merge._Postings()
    postings.add(shard(0, [0, 1, 2]), [[1, [5], []], [1, [6], []]])  # pages 1, 2
    postings.add(shard(3, [2, 0, 1]), [[0, [7], []], [2, [8], [-1, 3]]])  # local 0, 2 → places 1, 0
    postings.add(shard(6, [0, 1], field_map=[4, 0]), [[1, [9], [-1, 2, -2, 4]]])  # local 1
    assert postings.pages == [[1, [5], []], [1, [6], []], [1, [8], [-1, 3]], [1, [7], []],
                              [3, [9], [-5, 2, -1, 4]]]


def test_shards_follow_the_record_count_in_powers_of_two():
    assert [shards.shard_count(n, 1024) for n in (0, 1, 1024, 1025, 2048, 2049, 10_000, 50_000)] == \
        [1, 1, 1, 2, 2, 4, 16, 64]
    ids = [f"case-{n}" for n in range(1000)]
    assert [shards.shard_of(i, 16) for i in ids] == [shards.shard_of(i, 16) for i in ids]
    assert [shards.shard_of(i, 8) for i in ids] == [shards.shard_of(i, 16) % 8 for i in ids]
    assert len({shards.shard_of(i, 16) for i in ids}) == 16


def test_fragments_keep_only_the_hidden_snippet_text(sample_project, tmp_path):
    report = write_index(sample_project, str(tmp_path / "site"), Visibility())
    for path in Path(report.output, "fragment").iterdir():
        data = json.loads(cbor.pagefind_file(str(path)))
        assert data["content"] and all(ord(word[0]) >= 0xF0000 for word in data["content"].split())
        assert path.name == f"zxx_{cbor.full_hash(cbor.pagefind_file(str(path)))[:7]}.pf_fragment"


def test_a_word_has_one_position_its_own(sample_project, tmp_path):
    report = write_index(sample_project, str(tmp_path / "site"), Visibility(), shard_records=8)
    meta, positions = meta_of(report.output), {}
    for _from, _to, name in meta[2]:
        for word, pages, _ in cbor.read(f"{report.output}/index/{name}.pf_index")[0]:
            found = {loc for page in pages for loc in page[1][:2] if loc >= 0}
            assert len(found) == 1, word  # the first position of every page
            positions[word] = found.pop()
    assert len(set(positions.values())) == len(positions)
