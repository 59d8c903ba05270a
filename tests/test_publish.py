"""`showcase build` after an edit: what must change is made again, the rest is taken over from
the published site, and the result is the tree a clean `mkdocs build` writes, byte for byte."""

from __future__ import annotations

import gzip
import marshal
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, console_script, mkdocs_build, subprocess_env
from generator.publish import cache_file, read_cache

pytestmark = pytest.mark.build

CASE = "content/cases/cjw-2019-zhuti-jiaoyu.md"
TITLE = "长江委把主题教育成果转化为长效机制"
NEW_TITLE = "长江委主题教育成果长效机制（修订稿）"
UNRELATED = "sites/hebei-gangnan-sjkt/index.html"  # shows nothing of CASE
QUICK = {"SHOWCASE_SEARCH": "0"}  # without the search index (Pagefind), but in one test


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's showcase, published once and then once more (the first build
    of a new cache keys everything; the second shows nothing is rendered without a change)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    build(root, **QUICK)
    return root


def build(root: Path, **env) -> list[str]:
    """`showcase build` of `root`; the addresses of the pages it rendered."""
    result = subprocess.run([console_script("showcase"), "build", str(root)], capture_output=True, text=True,
                            encoding="utf-8", env=subprocess_env(**env), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_cache(cache_file(str(root), str(root / "site")))["rendered"]


def tree(site: Path) -> dict[str, bytes]:
    """Every published file's bytes, the search index's included (its merge is deterministic)."""
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != ".showcase-build.lock"}


def folders(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_dir()}


def assert_as_clean_build(root: Path, tmp_path: Path, **env) -> dict[str, bytes]:
    """The published site is what a clean `mkdocs build` of the same content writes."""
    clean = tmp_path / "clean"
    result = mkdocs_build(root, clean, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    published, expected = tree(root / "site"), tree(clean)
    assert published.keys() == expected.keys(), (published.keys() ^ expected.keys())
    assert folders(root / "site") == folders(clean)  # none left empty by a recycled tree
    differing = [name for name in expected if published[name] != expected[name]]
    assert not differing, differing[:20]
    return published


def pages_of(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) - 1  # not 404.html


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed_renders_only_the_always_made_pages(project):
    assert sorted(build(project, **QUICK)) == ["guide/index.html", "index.html", "stats/index.html"]


def test_one_edit_renders_what_shows_the_record(project, tmp_path):
    build(project)  # with the search index, from here on
    before = tree(project / "site")
    edit(project / CASE, f"title: {TITLE}", f"title: {NEW_TITLE}")
    rendered = set(build(project))
    after = assert_as_clean_build(project, tmp_path)
    must_change = ["cases/cjw-2019-zhuti-jiaoyu/index.html",  # its page
                   "branches/cjw-dangzu/index.html",  # its organisations' backlinks
                   "cases/index.html", "cases/year/2019/index.html", "cases/by/org/index.html",  # the lists
                   "tags/长效机制/index.html", "years/2019/index.html",
                   "cases/ga-2018-shuzhi-pingyi/index.html"]  # a case it is related to
    for name in must_change:
        assert name in rendered, name
        assert NEW_TITLE in after[name].decode() and TITLE not in after[name].decode(), name
    assert NEW_TITLE.encode() in after["data/records.json"]
    # the search index was made again: the record's entry in it is not the one before
    def entry(files):
        url = b'"url":"/cases/cjw-2019-zhuti-jiaoyu/"'
        (found,) = [text for name, raw in files.items() if name.startswith("pagefind/fragment/")
                      for text in [gzip.decompress(raw)] if url in text]
        return found
    assert entry(after) != entry(before)
    # and the rest taken over: far fewer pages rendered than the site has
    assert UNRELATED not in rendered
    assert len(rendered) < pages_of(project / "site") / 3, len(rendered)


def test_a_body_edit_changes_its_cards(project, tmp_path):
    path = project / "content/cases/hn-2020-jiezhuanyun.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n补充一段新的正文：红旗渠精神代代相传。\n", encoding="utf-8")
    rendered = set(build(project, **QUICK))
    after = assert_as_clean_build(project, tmp_path, **QUICK)
    assert "cases/hn-2020-jiezhuanyun/index.html" in rendered
    assert "红旗渠精神代代相传" in after["cases/hn-2020-jiezhuanyun/index.html"].decode()
    assert UNRELATED not in rendered


def test_deleted_record(project, tmp_path):
    (project / "content/cases/hn-zjb-2021-lianghui-fuwu.md").unlink()
    rendered = set(build(project, **QUICK))
    after = assert_as_clean_build(project, tmp_path, **QUICK)
    assert "cases/hn-zjb-2021-lianghui-fuwu/index.html" not in after
    assert {"cases/index.html", "branches/hn-zjb-dasha-zb/index.html"} <= rendered and UNRELATED not in rendered
    # a record the public edition leaves out shows nowhere: deleting it changes no page
    (project / "content/cases/hebei-2021-xuncha-huitoukan.md").unlink()
    assert sorted(build(project, **QUICK)) == ["guide/index.html", "index.html", "stats/index.html"]
    assert_as_clean_build(project, tmp_path / "again", **QUICK)


def test_vocabulary_change_renders_everything(project, tmp_path):
    config = project / "mkdocs.yml"
    # the same vocabulary in another order: only the order of lists and filters changes
    edit(config, "case_categories: [抗击疫情, 防汛抗旱,", "case_categories: [防汛抗旱, 抗击疫情,")
    rendered = build(project, **QUICK)
    assert_as_clean_build(project, tmp_path, **QUICK)
    assert len(rendered) == pages_of(project / "site")


def test_template_override_renders_everything(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    (root / "overrides/showcase").mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in config
    (root / "mkdocs.yml").write_text(config.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1),
                                     encoding="utf-8")
    build(root, **QUICK)
    template = (REPO / "generator/site/theme/showcase/list.html").read_text(encoding="utf-8")
    (root / "overrides/showcase/list.html").write_text("<p>本站改写的列表模板</p>\n" + template, encoding="utf-8")
    rendered = build(root, **QUICK)
    after = assert_as_clean_build(root, tmp_path, **QUICK)
    assert len(rendered) == pages_of(root / "site")
    assert "本站改写的列表模板" in after["tags/长效机制/index.html"].decode()


@pytest.mark.parametrize("damage", ["version", "garbage", "truncated"])
def test_foreign_or_damaged_cache_means_a_full_build(project, tmp_path, damage):
    path = Path(cache_file(str(project), str(project / "site")))
    data = path.read_bytes()
    for other in ("records.marshal", "data.marshal", "pinyin.marshal"):  # the caches beside it: read afresh
        kept = path.parent / other
        raw = kept.read_bytes()
        kept.write_bytes(raw[: len(raw) // 2] + os.urandom(64) + raw[len(raw) // 2 + 64:])
    if damage == "version":  # written by another version of the package (or another configuration)
        cache = read_cache(str(path))
        cache["global"] = "0" * 32
        path.write_bytes(marshal.dumps(cache))
    elif damage == "garbage":
        path.write_bytes(os.urandom(2000))
    else:
        path.write_bytes(data[: len(data) // 2])
    rendered = build(project, **QUICK)
    assert len(rendered) == pages_of(project / "site")
    assert_as_clean_build(project, tmp_path, **QUICK)


def test_a_published_file_changed_since_is_made_again(project, tmp_path):
    """A page of the site written by something else after the build (by hand, a plain mkdocs
    build) is not the file the cache describes: it is rendered, not taken over."""
    page = project / "site" / UNRELATED
    text = page.read_text(encoding="utf-8")
    page.unlink()  # as an editor saving a new file would
    page.write_text(text.replace("</body>", "<p>手工改动</p></body>"), encoding="utf-8")
    rendered = build(project, **QUICK)
    assert UNRELATED in rendered
    assert_as_clean_build(project, tmp_path, **QUICK)


def test_the_replaced_site_waits_untouched_and_is_recycled(project, tmp_path):
    """The site a build replaces is kept beside it (.site-spare) and becomes the next build's
    tree, its folders taken over instead of made again: no file of the published site is ever
    written through it, and nothing of it the new build did not want is left (a deleted record's
    page and folder, a file no build wrote, a file changed by hand)."""
    from generator.site.output import spare_path

    spare = Path(spare_path(str(project / "site")))
    assert spare.is_dir()  # the fixture's second build replaced the first's site
    before = tree(project / "site")
    deleted = "cases/hn-zjb-2021-lianghui-fuwu"
    (project / f"content/{deleted}.md").unlink()
    edit(project / CASE, f"title: {TITLE}", f"title: {NEW_TITLE}")
    build(project, **QUICK)
    assert tree(spare) == before  # the site replaced is as it was published: nothing written through
    assert_as_clean_build(project, tmp_path / "a", **QUICK)
    assert not (project / "site" / deleted).exists()

    # The spare as someone may leave it: a stray file and folder, a page replaced by another file.
    (spare / "stray.html").write_text("<p>不属于任何一次生成</p>", encoding="utf-8")
    (spare / "stray" / "deep").mkdir(parents=True)
    page = spare / UNRELATED
    text = page.read_text(encoding="utf-8")
    page.unlink()  # a new file (writing through it would change the published page too)
    page.write_text(text.replace("</body>", "<p>手工改动</p></body>"), encoding="utf-8")
    edit(project / CASE, f"title: {NEW_TITLE}", f"title: {TITLE}")
    build(project, **QUICK)
    published = assert_as_clean_build(project, tmp_path / "b", **QUICK)
    assert "手工改动" not in published[UNRELATED].decode()
    assert not (project / "site/stray").exists() and not (project / "site" / deleted).exists()


# Edits that change what the pages of other records show (their neighbours in the index: links
# either way, groups, series, organisation trees). `showcase build` keys again only the record
# pages such a change can reach (publish.Changes), reusing the keys of all others: after each
# edit the site must be what a clean build writes, the pages named (which show the change) must
# differ from before, and most pages must still have been taken over.
HN_CASE = "content/cases/hn-2020-jiezhuanyun.md"
HN_BRANCHES = "branches: [hn-zjb-jzy-lzzb, hn-zjb-jgdw]"
HN_TITLE = "title: 二十天接转2271名北京入境赴豫人员"
HN_CHUCAI = "title: 红色引擎·出彩驻京"
JINGYU = "content/lectures/京豫大讲堂"


def _write(root: Path, path: str, text: str) -> None:
    (root / path).write_text(text, encoding="utf-8")


NEIGHBOUR_EDITS = {
    "reference added": (lambda root: edit(root / HN_CASE, HN_BRANCHES, HN_BRANCHES[:-1] + ", hn-zjb-dasha-zb]"),
                        ["branches/hn-zjb-dasha-zb/index.html"]),
    "reference removed": (lambda root: edit(root / HN_CASE, HN_BRANCHES, "branches: [hn-zjb-jzy-lzzb]"),
                          ["branches/hn-zjb-jgdw/index.html"]),
    "link in the body added": (lambda root: edit(root / HN_CASE, "\n---\n", "\n---\n\n另见[[hn-zjb-dasha-zb]]。\n"),
                               ["branches/hn-zjb-dasha-zb/index.html"]),
    "tags shared with another case": (
        lambda root: edit(root / HN_CASE, "tags: [疫情防控, 临时党组织, 联防联控]",
                          "tags: [疫情防控, 临时党组织, 联防联控, 全国两会, 全闭环管理, 党员突击队]"),
        ["cases/hn-zjb-2021-lianghui-fuwu/index.html"]),
    "made internal": (lambda root: edit(root / HN_CASE, HN_TITLE, f"{HN_TITLE}\nvisibility: internal"),
                      ["branches/hn-zjb-jzy-lzzb/index.html", "branches/hn-zjb-jgdw/index.html"]),
    "made a draft": (lambda root: edit(root / HN_CASE, HN_TITLE, f"{HN_TITLE}\ndraft: true"),
                     ["branches/hn-zjb-jzy-lzzb/index.html"]),
    "date moved to another year": (lambda root: edit(root / HN_CASE, "  start: 2020-03\n  end: 2020-04",
                                                     "  start: 2018-03\n  end: 2018-04"),
                                   ["years/2018/index.html", "branches/hn-zjb-jzy-lzzb/index.html"]),
    "record added": (lambda root: _write(root, "content/cases/hn-2020-jiezhuanyun-2.md",
                                         (root / HN_CASE).read_text(encoding="utf-8").replace(HN_TITLE, "title: 新增的接转案例")),
                     ["branches/hn-zjb-jzy-lzzb/index.html", "cases/hn-2020-jiezhuanyun/index.html"]),
    "parent organisation retitled": (
        lambda root: edit(root / "content/branches/hn-zjb-dangzu.md", "title: 中共河南省人民政府驻北京办事处党组",
                          "title: 河南省政府驻京办党组"),
        ["branches/hn-zjb-jzy-lzzb/index.html"]),  # a grandchild: its breadcrumb of organisations
    "lecture renumbered": (lambda root: edit(root / f"{JINGYU}/001.md", "number: 1\n", "number: 4\n"),
                           ["lectures/京豫大讲堂/002/index.html", "lectures/京豫大讲堂/003/index.html"]),
    "brand named like a series retitled": (
        lambda root: edit(root / "content/brands/hebei-slt-dajiangtang.md", "title: 水利大讲堂", "title: 水利大讲堂品牌"),
        ["lectures/水利大讲堂/071/index.html"]),
    "brand retitled as a series": (  # no page showed it: the series' lectures now do
        lambda root: edit(root / "content/brands/hn-zjb-chucai.md", HN_CHUCAI, "title: 京豫大讲堂"),
        ["lectures/京豫大讲堂/001/index.html"]),
}


@pytest.mark.parametrize("name", NEIGHBOUR_EDITS)
def test_an_edit_reaches_the_pages_of_its_neighbours(project, tmp_path, name):
    change, must_change = NEIGHBOUR_EDITS[name]
    before = tree(project / "site")
    change(project)
    rendered = set(build(project, **QUICK))
    after = assert_as_clean_build(project, tmp_path, **QUICK)
    for page in must_change:
        assert before.get(page) != after.get(page), f"{page} shows nothing of the edit"
        assert page in rendered, page
    assert len(rendered) < pages_of(project / "site") / 3, len(rendered)


def test_a_group_grows_past_and_shrinks_below_what_makes_cases_related(make_project, tmp_path):
    """A tag shared by more than RELATED_GROUP_MAX cases relates none of them: while it stays
    that large, an edit inside it renders no other case's page; when it falls to the limit,
    every case in it counts it again, and the other way round."""
    from conftest import md
    from generator.site.pages import RELATED_GROUP_MAX

    # Their category and organisation are shared by more cases still (one more has the
    # organisation but not the tag): these relate none, only the tag can.
    large = RELATED_GROUP_MAX + 2
    files = {f"content/cases/c{i:03}.md": md(f"""
        title: 案例{i}
        date: {2000 + i % 20}-{1 + i % 12:02}
        branches: [{"baseline-branch" if i < 2 else "big-branch"}]
        category: 服务群众
        tags: [{"大组" if i < large else ""}]
        """) for i in range(large + 1)}
    files["content/branches/big-branch.md"] = md("title: 大党支部\nlevel: 党支部")
    root = make_project(files, (REPO / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' own theme dates its home page
    build(root, **QUICK)

    def untag(i):
        path = root / f"content/cases/c{i:03}.md"
        edit(path, "tags: [大组]", "tags: []")

    untag(0)  # 201 left: still too large
    rendered = build(root, **QUICK)
    assert_as_clean_build(root, tmp_path / "a", **QUICK)
    assert len([p for p in rendered if p.startswith("cases/c")]) < 10, rendered
    before = tree(root / "site")
    untag(1)  # 200: related again
    rendered = build(root, **QUICK)
    after = assert_as_clean_build(root, tmp_path / "b", **QUICK)
    cases = [p for p in before if p.startswith("cases/c") and p.count("/") == 2]
    assert len(cases) == large + 1
    changed = [p for p in cases if before[p] != after[p]]
    assert len(changed) > RELATED_GROUP_MAX and set(changed) <= set(rendered), len(changed)  # and c001
    edit(root / "content/cases/c001.md", "tags: []", "tags: [大组]")  # 201 again: as before
    build(root, **QUICK)
    again = assert_as_clean_build(root, tmp_path / "c", **QUICK)
    assert [p for p in cases if before[p] != again[p]] == []


def test_a_configuration_warning_is_said_once(make_project):
    """mkdocs.yml is read once by `showcase build` (not once for site_dir and again to build)."""
    from conftest import DEFAULT_MKDOCS_YML

    root = make_project(mkdocs_yml=DEFAULT_MKDOCS_YML + "unknown_setting: 1\n")
    result = subprocess.run([console_script("showcase"), "build", str(root)], capture_output=True, text=True,
                            encoding="utf-8", env=subprocess_env(**QUICK), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (result.stdout + result.stderr).count("Unrecognised configuration name: unknown_setting") == 1, \
        result.stdout + result.stderr


def test_the_walk_of_content_skips_only_what_the_plugin_removes(make_project, caplog):
    """showcase build walks content/ without its kind folders (publish._content_files): the
    files it finds are MkDocs' get_files less every file of a kind folder, with MkDocs' own rule
    for a README.md beside an index.md."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.core.contentfiles import is_published_as_is
    from generator.publish import _content_files

    root = make_project({"content/about/README.md": "# 关于\n", "content/about/index.md": "# 关于本站\n",
                         "content/images/logo.png": "png", "content/cases/README.md": "# 不是记录\n",
                         "content/cases/index.md": "# 也不是\n"})
    config = load_config(str(root / "mkdocs.yml"))
    expected = [f.src_uri for f in get_files(config) if is_published_as_is(f.src_uri)]
    caplog.clear()
    found = [f.src_uri for f in _content_files(config)]
    assert found == expected and "about/index.md" in found and "about/README.md" not in found
    assert "conflicts with 'about/index.md'" in caplog.text and "cases/" not in caplog.text
