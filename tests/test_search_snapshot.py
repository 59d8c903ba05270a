"""The search index after an edit, written from the bundle of the build before (snapshot.py): the
same bytes as a whole write of the same content, with only what changed written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
from generator.search import pagefind, snapshot, write_index

from conftest import REPO
from test_search_bundle import bundle_files

pytestmark = pytest.mark.build

CASE = "content/cases/hn-2020-jiezhuanyun.md"


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def ways(monkeypatch) -> list:
    """How each write_index that found a bundle kept went: True written from it, False written
    whole (one that finds none, or one kept by other code, does not try)."""
    taken = []
    real = snapshot.write_changes

    def spy(*args, **kwargs):
        written = real(*args, **kwargs)
        taken.append(written is not None)
        return written

    monkeypatch.setattr(pagefind, "write_changes", spy)
    return taken


def index(root: Path, site: Path, cache: Path | None) -> str:
    project = load_project(load_settings(str(root)), Visibility())
    return write_index(project, str(site), Visibility(), cache_dir=str(cache) if cache else None).output


def assert_as_whole_write(root: Path, output: str, tmp_path: Path) -> dict:
    ours, whole = bundle_files(output), bundle_files(index(root, tmp_path / "whole", None))
    assert ours.keys() == whole.keys()
    assert [name for name in whole if ours[name] != whole[name]] == []
    return ours


def rewritten(before: str, after: str, suffix: str = ".pf_") -> tuple[list[str], int]:
    """The files of bundle `after` not linked from bundle `before`, and how many files it has."""
    linked = {p.stat().st_ino for p in Path(before).glob("*/*/*.pf_*")}
    files = list(Path(after).glob(f"*/*/*{suffix}*"))
    return [p.name for p in files if p.stat().st_ino not in linked], len(files)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_writes_what_changed_and_the_bundle_a_whole_write_gives(root, tmp_path, ways):
    cache = tmp_path / "cache"
    first = index(root, tmp_path / "one", cache)
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(case, title, title + "（鹦鹉螺修订稿）")  # new words, in the title
    case.write_text(case.read_text(encoding="utf-8").replace("来得急、要求严", "") + "\n新增：Zyzzyva 潜航纪实。\n",
                    encoding="utf-8")  # words gone from the body, others added
    second = index(root, tmp_path / "two", cache)
    assert ways == [True]
    assert_as_whole_write(root, second, tmp_path)
    written, files = rewritten(first, second)
    assert 1 <= len(written) <= 6 < files, written
    # and again from the bundle just written (its snapshot replaced the first)
    edit(case, "Zyzzyva", "Quokka")
    third = index(root, tmp_path / "three", cache)
    assert ways == [True, True]
    assert_as_whole_write(root, third, tmp_path / "again")


def test_chunks_are_cut_again_until_the_cuts_fall_where_they_were(root, tmp_path, ways, monkeypatch):
    monkeypatch.setattr(pagefind, "CHUNK_POSTINGS", 40)  # hundreds of chunks for the sample
    cache = tmp_path / "cache"
    first = index(root, tmp_path / "one", cache)
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8") + "\n" + "".join(
        f"新词{chr(0x4E00 + n * 97)}{chr(0x5E00 + n * 89)}。" for n in range(60)) + "\n", encoding="utf-8")
    second = index(root, tmp_path / "two", cache)
    assert ways == [True]
    assert_as_whole_write(root, second, tmp_path)
    written, chunks = rewritten(first, second, ".pf_index")
    assert chunks > 100 and 10 < len(written) < chunks / 2, (len(written), chunks)


@pytest.mark.parametrize("change", ["added", "deleted", "dated", "code", "many"])
def test_what_renumbers_the_pages_or_changes_the_code_writes_the_whole_bundle(root, tmp_path, ways, monkeypatch,
                                                                                change):
    cache = tmp_path / "cache"
    index(root, tmp_path / "one", cache)
    case = root / CASE
    if change == "added":
        copy = (root / CASE).with_name("hn-2020-jiezhuanyun-copy.md")
        shutil.copy(case, copy)
    elif change == "deleted":
        case.unlink()
    elif change == "dated":
        text = case.read_text(encoding="utf-8")
        edit(case, "start: 2020-03", "start: 2001-02")
    elif change == "code":
        monkeypatch.setattr(pagefind, "CHUNK_POSTINGS", pagefind.CHUNK_POSTINGS + 1)
    else:
        monkeypatch.setattr(snapshot, "MAX_CHANGED", 0.0)  # one change at most
        for name in ("hn-2020-jiezhuanyun.md", "cjw-2019-zhuti-jiaoyu.md"):
            path = root / "content/cases" / name
            path.write_text(path.read_text(encoding="utf-8") + "\n补记一句。\n", encoding="utf-8")
    second = index(root, tmp_path / "two", cache)
    assert ways == ([] if change == "code" else [False])
    assert_as_whole_write(root, second, tmp_path)
    # the whole write was kept: the next edit is written from it
    path = root / "content/cases/cjw-2019-zhuti-jiaoyu.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n又补记一句。\n", encoding="utf-8")
    third = index(root, tmp_path / "three", cache)
    assert ways[-1:] == [True]
    assert_as_whole_write(root, third, tmp_path / "again")


@pytest.mark.parametrize("damage", ["published file edited", "object gone", "tokens gone", "state garbled"])
def test_what_was_kept_and_changed_since_means_a_whole_write(root, tmp_path, ways, damage):
    cache = tmp_path / "cache"
    first = index(root, tmp_path / "one", cache)
    kept = cache / "bundle"
    if damage == "published file edited":  # a hard link: the kept object is the published file
        for fragment in Path(first).glob("fragment/*/*.pf_fragment"):
            with open(fragment, "ab") as fh:
                fh.write(b"\0")
    elif damage == "object gone":
        for path in (kept / "objects").iterdir():
            path.unlink()
    elif damage == "tokens gone":
        for path in (kept / "tokens").iterdir():
            path.unlink()
    else:
        (kept / "state.marshal").write_bytes(b"\x00garbled")
    edit(root / CASE, "title:", "title: 修订")
    second = index(root, tmp_path / "two", cache)
    assert ways == ([] if damage == "state garbled" else [False])
    assert_as_whole_write(root, second, tmp_path)
    assert os.path.isfile(kept / "state.marshal")


WORD = "党员"  # a bigram on most of the sample's pages


def holders(root: Path) -> tuple[set[str], dict[str, str]]:
    """The source files of the records whose search document holds WORD, and of those whose
    document holds it only by their own body (record → file)."""
    from generator.search import document_parts, search_documents
    from generator.search.tokens import index_tokens

    project = load_project(load_settings(str(root)), Visibility())
    token, files = index_tokens(WORD)[0], {r.url: r.src_uri for r in project.records}
    held, own = set(), {}
    for doc in search_documents(project, Visibility()):
        if any(token in part for part in document_parts(doc)):
            held.add(files[doc.url])
            text = (root / "content" / files[doc.url]).read_text(encoding="utf-8")
            if WORD not in "".join([doc.title, *(v for _, v in doc.fields)]) and WORD in text:
                own[doc.url] = files[doc.url]
    return held, own


@pytest.mark.parametrize("change", ["becomes one", "stays one", "stops being one"])
def test_a_stop_token_made_or_unmade_by_an_edit(root, tmp_path, ways, monkeypatch, change):
    """A bigram (and its characters) on enough pages is a stop token (stops.py), searched by the
    filter of the pages lacking it: an edit that keeps it one is written from the kept bundle
    (its filter changed), one that makes or unmakes it means a whole write."""
    from generator.search import stops

    held, own = holders(root)
    pages = len(load_project(load_settings(str(root)), Visibility()).edition.records())
    threshold = {"becomes one": len(held) + 1, "stays one": len(held) - 1, "stops being one": len(held)}[change]
    monkeypatch.setattr(stops, "limit", lambda page_count: page_count - threshold)
    cache = tmp_path / "cache"
    index(root, tmp_path / "one", cache)
    if change == "becomes one":
        lacking = sorted(r.src_uri for r in load_project(load_settings(str(root)), Visibility()).edition.records()
                         if r.src_uri not in held and r.kind == "case")[0]
        path = root / "content" / lacking
        path.write_text(path.read_text(encoding="utf-8") + f"\n全体{WORD}参加。\n", encoding="utf-8")
    else:
        path = root / "content" / sorted(own.values())[0]
        path.write_text(path.read_text(encoding="utf-8").replace(WORD, "成员"), encoding="utf-8")
    assert len(holders(root)[0]) == len(held) + (1 if change == "becomes one" else -1)
    second = index(root, tmp_path / "two", cache)
    assert ways == ([True] if change == "stays one" else [False])
    assert_as_whole_write(root, second, tmp_path)
    assert 0 < pages - threshold < pages


@pytest.mark.parametrize("failing", ["link", "tokens"])
def test_a_cache_that_cannot_hold_the_bundle_keeps_nothing_and_the_build_goes_on(root, tmp_path, ways, monkeypatch,
                                                                                  failing):
    """A cache folder on another file system (no hard links to the site) or one that cannot be
    written: the index is written whole, as without a cache, and nothing is kept."""
    cache = tmp_path / "cache"
    if failing == "link":
        def link(*args):
            raise OSError(18, "Invalid cross-device link")
        monkeypatch.setattr(snapshot.os, "link", link)
    else:
        real_open = open

        def refusing(path, *args, **kwargs):
            if str(path).startswith(str(cache / "bundle" / "tokens")):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)
        monkeypatch.setattr("builtins.open", refusing)
    first = index(root, tmp_path / "one", cache)
    assert not (cache / "bundle").exists()
    edit(root / CASE, "title:", "title: 修订")
    second = index(root, tmp_path / "two", cache)
    assert ways == [] and not (cache / "bundle").exists()
    monkeypatch.undo()
    assert_as_whole_write(root, second, tmp_path)
    assert first != second
