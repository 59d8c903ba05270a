"""The preview's project in memory (generator/preview/live.py): after any sequence of edits it
holds what loading the project afresh gives (problems, records, index), except that a file whose
new version has errors of its own keeps showing its last good version."""

from __future__ import annotations

from conftest import md

from generator.core.index import FACETS
from generator.core.project import Visibility, load_project
from generator.core.settings import load_settings
from generator.preview.live import LiveProject
from generator.site.pages import RESERVED_ADDRESSES

VISIBILITY = Visibility(drafts=True)


def settings(project_dir):
    found = load_settings(str(project_dir))
    found.reserved_addresses = RESERVED_ADDRESSES  # as the plugin and the CLI set them
    return found


def live(project_dir) -> LiveProject:
    return LiveProject(settings(project_dir), VISIBILITY)


def write(project_dir, rel: str, text: str | None) -> str:
    path = project_dir / "content" / rel
    if text is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return rel


def snapshot(project) -> dict:
    """Everything pages are made from, by id, in order."""
    index = project.index
    ids = lambda records: [r.id for r in records]  # noqa: E731
    return {
        "problems": [p.format("zh") for p in project.problems],
        "records": ids(project.records),
        "facets": {f: {str(v): ids(index.having(f, v)) for v in index.values(f)} for f in FACETS},
        "links": {i: ([(k, r.id) for k, r in index.forward(i)],
                      ids(index.referrers(i, "branches", "owner", "branch", "host", "parent")),
                      ids(index.referrers(i, "body")), ids(index.related(i, "parent")))
                  for i in sorted(index.records)},
        "honours": [(h.get("title"), ids(holders)) for h, holders in index.honours()],
    }


def fresh(project_dir) -> dict:
    return snapshot(load_project(settings(project_dir), VISIBILITY))


def test_edits_give_what_a_fresh_load_gives(make_project):
    root = make_project({"content/cases/a.md": md("""
        title: 甲案例
        date: 2021-07-17
        branches: [baseline-branch]
        category: 服务群众
        tags: [防汛]
        """, "见 [[b-branch]]。")})
    project = live(root)
    assert snapshot(project.project) == fresh(root)
    steps = [
        # a new record that the case already named: the case's link now resolves
        ({"branches/b-branch.md": md("title: 乙支部\nlevel: 党支部\nparent: baseline-branch")}, True),
        # a case's tags and organisation change
        ({"cases/a.md": md("title: 甲案例\ndate: 2020-01\nbranches: [b-branch]\ncategory: 服务群众\n"
                           "tags: [抢险]\nhonors:\n  - title: 先进\n    level: 国家级\n    year: 2020")}, False),
        # an id changes: links to the old id stop resolving, links to the new one start
        ({"branches/b-branch.md": md("id: c-branch\ntitle: 乙支部\nlevel: 党支部")}, False),
        # a duplicate id, then fixed
        ({"branches/d.md": md("id: c-branch\ntitle: 丁支部\nlevel: 党支部")}, True),
        ({"branches/d.md": md("id: d-branch\ntitle: 丁支部\nlevel: 党支部\nparent: c-branch")}, False),
        # a draft, and a record deleted
        ({"cases/a.md": md("title: 甲案例\ndraft: true\ndate: 2021\nbranches: [d-branch]\ncategory: 其他")}, False),
        ({"branches/b-branch.md": None}, True),
    ]
    for files, rescan in steps:
        changed = [write(root, rel, text) for rel, text in files.items()]
        assert project.update(changed, rescan=rescan) == sorted(changed)
        assert snapshot(project.project) == fresh(root), files



def case(front: str = "", body: str = "正文。", branches: str = "baseline-branch") -> str:
    return md(f"title: 案例\ndate: 2021-07-17\nbranches: [{branches}]\ncategory: 服务群众\n" + front, body)


def branch(front: str = "", title: str = "支部") -> str:
    return md(f"title: {title}\nlevel: 党支部\n" + front)


def lecture(number: int, series: str = "基线讲堂") -> str:
    return md(f"title: 讲堂\nseries: {series}\nnumber: {number}\ndate: 2021\nspeakers: [{{name: 李四}}]")


# Each step: (files written (None: deleted), other files under content/ that changed, rescan).
CROSS_FILE_STEPS = [
    # references: a branch named by id (front matter and body), by a file link, in another case
    ({"branches/x.md": branch("tags: [防汛]"),
      "cases/c1.md": case("", "见 [[x]] 与 [乙](../branches/x.md)，另见 [关于](../about.md)。", "x"),
      "cases/c3.md": case(branches="x"), "about.md": "# 关于\n"}, [], True),
    # the id is renamed: every reference to it is missing, with suggestions from the ids there are
    ({"branches/x.md": branch("id: y\ntags: [防汛]")}, [], False),
    # a record whose id resembles the missing one comes: the suggestions change (no reference to it)
    ({"branches/xx.md": branch(title="近似支部")}, [], True),
    # a case names that branch by its title (the message names its id), then the title changes
    ({"cases/c4.md": case(branches="近似支部")}, [], True),
    ({"branches/xx.md": branch(title="另一个支部")}, [], False),
    ({"cases/c4.md": None}, [], True),
    # the id comes back in another letter case (a warning), then exactly
    ({"branches/x.md": branch("id: X")}, [], False),
    ({"branches/x.md": branch()}, [], False),
    # the ordinary page a body links to goes away
    ({"about.md": None}, ["about.md"], False),
    # duplicate ids appear (three times), the first goes, then the clash is resolved
    ({"branches/d1.md": branch("id: x"), "branches/d2.md": branch("id: X")}, [], True),
    ({"branches/x.md": None}, [], True),
    ({"branches/d1.md": branch("id: d1")}, [], False),
    ({"branches/d2.md": branch("id: d2")}, [], False),
    ({"branches/x.md": branch()}, [], True),
    # hidden targets: the branch cases name becomes a draft, internal, then public again
    ({"branches/x.md": branch("draft: true")}, [], False),
    ({"branches/x.md": branch("visibility: internal")}, [], False),
    ({"cases/c1.md": case("visibility: internal\n", "见 [[x]]。", "x")}, [], False),
    ({"branches/x.md": branch()}, [], False),
    # lecture numbers: a clash, moved to another number, then into another series
    ({"lectures/基线讲堂/002.md": lecture(1)}, [], True),
    ({"lectures/基线讲堂/002.md": lecture(2)}, [], False),
    ({"lectures/基线讲堂/003.md": lecture(2)}, [], True),
    ({"lectures/基线讲堂/002.md": lecture(2, "另一讲堂")}, [], False),
    # the hierarchy: a cycle of three, one leaves it (two left), then it is broken
    ({"branches/p1.md": branch("parent: p2"), "branches/p2.md": branch("parent: p3"),
      "branches/p3.md": branch("parent: p1")}, [], True),
    ({"branches/p3.md": branch("parent: x")}, [], False),
    ({"branches/p2.md": branch("parent: p1")}, [], False),
    ({"branches/p1.md": branch()}, [], False),
    # address collisions: two spellings of one tag address, a third, one fixed, all fixed
    ({"cases/t1.md": case("tags: [A/B]\n"), "cases/t2.md": case("tags: [A B]\n")}, [], True),
    ({"cases/t3.md": case("tags: [a b, 防汛]\n")}, [], True),
    ({"cases/t1.md": case("tags: [A B]\n")}, [], False),
    ({"cases/t2.md": None}, [], True),
    ({"cases/t3.md": case("tags: [防汛]\n")}, [], False),
    # a series sharing the address of another, then renamed
    ({"lectures/基线讲堂/003.md": lecture(3, "基线讲堂#")}, [], False),
    ({"lectures/基线讲堂/003.md": lecture(3)}, [], False),
    # an id taking the address of a generated page, then another
    ({"cases/c2.md": case("id: page\n")}, [], True),
    ({"cases/c2.md": case("id: c2\n")}, [], False),
    # the cases naming everything go
    ({"cases/c1.md": None, "cases/c3.md": None}, [], True),
]


def test_every_rule_across_files_gives_after_edits_what_a_full_check_gives(make_project):
    root = make_project()
    project = live(root)
    seen = set()
    for files, others, rescan in CROSS_FILE_STEPS:
        for rel, text in files.items():
            write(root, rel, text)
        records = [rel for rel in files if rel.split("/")[0] in ("branches", "cases", "lectures")]
        project.update(records, rescan=rescan, others=[rel for rel in files if rel not in records] + others)
        expected = fresh(root)
        assert snapshot(project.project) == expected, files
        seen |= {p.code for p in project.project.problems}
    # the steps do raise every problem the rules across files report
    assert {"ref-missing", "ref-case", "ref-hidden", "link-not-record", "id-duplicate",
            "lecture-number-duplicate", "parent-cycle", "address-collision", "id-reserved"} <= seen


def test_a_file_with_errors_keeps_its_last_good_version(make_project):
    root = make_project()
    project = live(root)
    write(root, "cases/baseline-case.md", md("title: 改过的案例\ndate: 2021-07-17\nbranches: [baseline-branch]\n"
                                             "category: 服务群众"))
    project.update(["cases/baseline-case.md"])
    assert project.project.resolve("baseline-case").title == "改过的案例"
    write(root, "cases/baseline-case.md", md("title: [半截\ndate: 2021-07-17"))
    assert project.update(["cases/baseline-case.md"]) == ["cases/baseline-case.md"]
    errors = project.errors
    assert errors and {p.path for p in errors} == {"content/cases/baseline-case.md"}
    assert project.project.resolve("baseline-case").title == "改过的案例"  # still shown
    assert project.project.index.get("baseline-case") is not None
    # saving the same bytes again changes nothing
    assert project.update(["cases/baseline-case.md"]) == []
    write(root, "cases/baseline-case.md", md("title: 修好了\ndate: 2021-07-17\nbranches: [baseline-branch]\n"
                                             "category: 服务群众"))
    project.update(["cases/baseline-case.md"])
    assert project.errors == []
    assert project.project.resolve("baseline-case").title == "修好了"


def test_a_new_file_with_errors_is_not_shown_until_it_has_none(make_project):
    root = make_project()
    project = live(root)
    write(root, "cases/new.md", md("title: 新案例\ndate: 2021-07-17\ncategory: 服务群众"))  # no branches
    project.update(["cases/new.md"], rescan=True)
    assert [p.code for p in project.errors] == ["required"]
    assert project.project.resolve("new") is None
    assert snapshot(project.project)["problems"] == fresh(root)["problems"]


def test_an_image_added_later_clears_the_error_of_the_record_naming_it(make_project):
    root = make_project({"content/brands/logo.md": md("title: 有标志的品牌\nowner: baseline-branch\n"
                                                      "logo: ../assets/logo.png")})
    project = live(root)
    assert [p.code for p in project.errors] == ["file-missing"]
    (root / "content/assets").mkdir()
    (root / "content/assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert project.update([], others=["assets/logo.png"]) == ["brands/logo.md"]
    assert project.errors == []
    assert snapshot(project.project) == fresh(root)
