"""The cross-index of published records: referrers, partners, children, facets, series,
honours — and that removing and re-adding a record leaves every look-up unchanged."""

from __future__ import annotations

import pytest
from conftest import md

from generator.core.index import FACETS, Index
from generator.core.project import Visibility

FILES = {
    # organisations
    "content/branches/root.md": md("title: 机关党委\nlevel: 机关党委\nfounded: 2018-05"),
    "content/branches/zb1.md": md("""
        title: 第一党支部
        level: 党支部
        parent: root
        founded: 2020
        partners: [zb2]
        honors:
          - title: 省直先进党支部
            level: 省部级
            year: 2019
          - title: 全国先进基层党组织
            level: 国家级
            year: 2021
          - title: 厅内表扬
        """),
    "content/branches/zb2.md": md("""
        title: 第二党支部
        level: 党支部
        parent: root
        founded: 2021-03
        honors:
          - title: 五好党支部
            level: 省部级
            year: 2022
        """),
    "content/branches/zb3.md": md("title: 第三党支部\nlevel: 党支部\nparent: root\nfounded: 2019\npartners: [zb1]"),
    "content/branches/secret-zb.md": md("title: 内部支部\nlevel: 党支部\nparent: root\nvisibility: internal\n"
                                        "partners: [zb1]\ntags: [内部标签]"),
    "content/branches/draft-zb.md": md("title: 草稿支部\nlevel: 党支部\nparent: root\ndraft: true"),
    # brands
    "content/brands/shuili.md": md("""
        title: 水利大讲堂
        owner: [zb1, zb2]
        launched: 2020-03
        tags: [品牌]
        categories: [思想建设]
        honors:
          - title: 优秀党建品牌
            level: 地市级
            year: 2022
        """),
    "content/brands/xianfeng.md": md("title: 先锋领航\nowner: root\nlaunched: 2019"),
    # sites
    "content/sites/site-a.md": md("title: 甲示范点\nbranch: zb1\nbrand: shuili\nopened: 2021-07-01\ntags: [示范, 水利]"),
    "content/sites/site-b.md": md("title: 乙示范点\nbranch: zb2\nopened: 2019"),
    "content/sites/site-hidden-ref.md": md("title: 丙示范点\nbranch: secret-zb"),
    # lectures: file names, numbers and dates in three different orders
    "content/lectures/水利大讲堂/a.md": md("title: 第10期\nseries: 水利大讲堂\nnumber: 10\ndate: 2021-01\n"
                                         "speakers: [{name: 甲}]\nhost: zb1\nfields: [党史]"),
    "content/lectures/水利大讲堂/b.md": md("title: 第2期\nseries: 水利大讲堂\nnumber: 2\ndate: 2021-12\n"
                                         "speakers: [{name: 乙}]"),
    "content/lectures/水利大讲堂/c.md": md("title: 第9期\nseries: 水利大讲堂\nnumber: 9\ndate: 2021-06\n"
                                         "speakers: [{name: 丙}]"),
    "content/lectures/京豫大讲堂/001.md": md("title: 京豫第1期\nseries: 京豫大讲堂\nnumber: 1\ndate: 2022-04\n"
                                          "speakers: [{name: 丁}]\nhost: zb2"),
    # cases
    "content/cases/flood.md": md("""
        title: 防汛抗洪
        date:
          start: 2020-11
          end: 2022-02
        branches: [zb1, zb3]
        brand: shuili
        sites: [site-a]
        category: 防汛抗旱
        categories: [作风建设]
        tags: [防汛, 水利]
        honors:
          - title: 抗洪抢险先进集体
            level: 国家级
            year: 2022
        """),
    "content/cases/covid.md": md("title: 疫情防控\ndate: 2020-02\nbranches: [zb2]\ncategory: 抗击疫情\ntags: [疫情]"),
    "content/cases/secret-case.md": md("title: 内部案例\ndate: 2023\nbranches: [zb1]\ncategory: 其他\n"
                                       "visibility: internal\ntags: [内部标签]"),
    "content/cases/draft-case.md": md("title: 草稿案例\ndate: 2024\nbranches: [zb1]\ncategory: 乡村振兴\ndraft: true"),
}

HIDDEN_IDS = {"secret-zb", "draft-zb", "secret-case", "draft-case"}


@pytest.fixture
def project(load):
    project = load(FILES, baseline=False)
    assert project.errors == [], [p.format("zh") for p in project.errors]
    return project


@pytest.fixture
def index(project):
    return project.index


def ids(records) -> list[str]:
    return [r.id for r in records]


# -- what is indexed -----------------------------------------------------------------------

def test_public_index_holds_only_published_records(project, index):
    assert set(index.records) == {r.id for r in project.records} - HIDDEN_IDS
    assert index.counts("kind") == {"branch": 4, "brand": 2, "site": 3, "lecture": 4, "case": 2}


def test_internal_build_indexes_internal_records_but_not_drafts(load):
    project = load(FILES, baseline=False, visibility=Visibility(internal=True))
    assert {"secret-zb", "secret-case"} <= set(project.index.records)
    assert not {"draft-zb", "draft-case"} & set(project.index.records)
    assert "内部标签" in project.index.values("tag")


def test_preview_with_drafts_indexes_drafts(load):
    project = load(FILES, baseline=False, visibility=Visibility(drafts=True))
    assert {"draft-zb", "draft-case"} <= set(project.index.records)
    assert "secret-zb" not in project.index.records


def test_of_kind_is_newest_first_with_undated_last(index):
    assert ids(index.of_kind("site")) == ["site-a", "site-b", "site-hidden-ref"]
    assert ids(index.of_kind("lecture")) == ["京豫大讲堂/001", "水利大讲堂/b", "水利大讲堂/c", "水利大讲堂/a"]


# -- backlinks -------------------------------------------------------------------------------

def test_referrers_of_an_organisation_by_field(index):
    assert ids(index.referrers("zb1", "owner")) == ["shuili"]
    assert ids(index.referrers("zb1", "branch")) == ["site-a"]
    assert ids(index.referrers("zb1", "host")) == ["水利大讲堂/a"]
    assert ids(index.referrers("zb1", "branches")) == ["flood"]  # secret-case and draft-case are not published
    assert ids(index.referrers("zb1", "partners")) == ["zb3"]  # secret-zb is not published


def test_children_and_brand_of_the_top_organisation(index):
    assert set(ids(index.related("root", "parent"))) == {"zb1", "zb2", "zb3"}
    assert ids(index.referrers("root", "owner")) == ["xianfeng"]


def test_referrers_are_newest_first(index):
    assert ids(index.referrers("root", "parent")) == ["zb2", "zb1", "zb3"]  # founded 2021-03, 2020, 2019


def test_referrers_of_a_brand_and_a_site(index):
    assert ids(index.referrers("shuili", "brand")) == ["site-a", "flood"]  # opened 2021-07, from 2020-11
    assert ids(index.referrers("site-a", "sites")) == ["flood"]


def test_forward_links_skip_unpublished_targets(index):
    assert index.forward("site-hidden-ref") == []
    assert [(key, r.id) for key, r in index.forward("flood")] == [
        ("branches", "zb1"), ("branches", "zb3"), ("brand", "shuili"), ("sites", "site-a")]


# -- organisations -----------------------------------------------------------------------------

def test_partners_are_shown_on_both_sides(index):
    assert set(ids(index.related("zb1", "partners", mutual=True))) == {"zb2", "zb3"}  # names zb2; named by zb3
    assert ids(index.related("zb2", "partners", mutual=True)) == ["zb1"]  # named by zb1 only
    assert ids(index.related("zb3", "partners", mutual=True)) == ["zb1"]
    assert ids(index.related("root", "partners", mutual=True)) == []


def test_partner_naming_from_an_internal_record_is_not_shown_publicly(index):
    assert "secret-zb" not in ids(index.related("zb1", "partners", mutual=True))


def test_children_are_the_published_organisations_below(index):
    children = index.related("root", "parent")
    assert set(ids(children)) == {"zb1", "zb2", "zb3"}
    assert [r.title for r in children] == sorted(r.title for r in children)
    assert index.related("zb1", "parent") == []


def test_branch_facet_lists_what_each_organisation_runs(index):
    assert set(ids(index.having("branch", "zb1"))) == {"shuili", "site-a", "水利大讲堂/a", "flood"}
    assert set(ids(index.having("branch", "zb2"))) == {"shuili", "site-b", "京豫大讲堂/001", "covid"}
    assert set(ids(index.having("branch", "zb3"))) == {"flood"}
    assert set(ids(index.having("branch", "root"))) == {"xianfeng"}  # parent links are not membership


def test_branch_facet_does_not_list_unpublished_organisations(index):
    # site-hidden-ref (public) names secret-zb (internal): the public index must not offer it as a filter
    assert "secret-zb" not in index.values("branch")
    assert index.having("branch", "secret-zb") == []


# -- facets ---------------------------------------------------------------------------------------

def test_years_include_every_year_a_period_spans(index):
    assert set(ids(index.having("year", 2022))) == {"京豫大讲堂/001", "flood"}
    assert "flood" in ids(index.having("year", 2020))
    assert "flood" in ids(index.having("year", 2021))
    assert set(ids(index.having("year", 2021))) == {"flood", "zb2", "site-a", "水利大讲堂/a",
                                                    "水利大讲堂/b", "水利大讲堂/c"}
    assert index.values("year") == [2018, 2019, 2020, 2021, 2022]  # 2023/2024 are hidden records


def test_year_timeline_is_newest_first_by_first_day(index):
    # 2021-12, 2021-07-01, 2021-06, 2021-03, 2021-01, then the period that started in 2020-11
    assert ids(index.having("year", 2021)) == ["水利大讲堂/b", "site-a", "水利大讲堂/c", "zb2",
                                                 "水利大讲堂/a", "flood"]


def test_case_categories_and_party_building_categories_are_two_facets(index):
    assert ids(index.having("case_category", "防汛抗旱")) == ["flood"]
    assert ids(index.having("category", "作风建设")) == ["flood"]  # its categories, not its case category
    assert index.having("case_category", "作风建设") == [] and index.having("category", "防汛抗旱") == []
    assert ids(index.having("category", "思想建设")) == ["shuili"]
    assert ids(index.having("case_category", "抗击疫情")) == ["covid"]
    assert "其他" not in index.values("case_category")  # only secret-case has it
    assert "乡村振兴" not in index.values("case_category")  # only draft-case has it


def test_values_differing_only_by_script_are_one_named_as_most_records_write_it(load):
    files = {f"content/branches/z{i}.md": md(f"title: 支部{i}\nlevel: 党支部\ntags: [{tag}]")
             for i, tag in enumerate(["書記抓黨建", "書記抓黨建", "书记抓党建", "党建+"])}
    index = load(files, baseline=False).index
    assert index.values("tag") == sorted(["书记抓党建", "党建+"], key=str)  # one value, simplified
    assert ids(index.having("tag", "书记抓党建")) == ids(index.having("tag", "書記抓黨建")) == ["z0", "z1", "z2"]
    assert index.counts("tag")["书记抓党建"] == 3
    assert index.name("tag", "书记抓党建") == "書記抓黨建"  # two of three records write it so
    index.remove("z0")
    assert index.name("tag", "書記抓黨建") == "书记抓党建"  # a tie: the simplified spelling
    assert index.name("tag", "党建+") == "党建+"


def test_tag_facet(index):
    assert set(ids(index.having("tag", "水利"))) == {"site-a", "flood"}
    assert ids(index.having("tag", "疫情")) == ["covid"]
    assert "内部标签" not in index.values("tag")


def test_series_in_number_order(index):
    assert [r.values["number"] for r in index.series("水利大讲堂")] == [2, 9, 10]
    assert ids(index.series("京豫大讲堂")) == ["京豫大讲堂/001"]
    assert index.series("没有的讲堂") == []
    assert index.values("series") == sorted(["水利大讲堂", "京豫大讲堂"], key=str)


def test_series_links_to_the_brand_with_the_same_title(index):
    assert index.series_brand("水利大讲堂").id == "shuili"
    assert index.series_brand("京豫大讲堂") is None


def test_series_brand_ignores_unpublished_brands(load):
    files = {**FILES, "content/brands/jingyu.md": md("title: 京豫大讲堂\nowner: zb2\ndraft: true")}
    assert load(files, baseline=False).index.series_brand("京豫大讲堂") is None


def test_honours_by_level_then_newest_year(index):
    entries = [(ids(holders), honour["title"]) for honour, holders in index.honours()]
    assert entries == [
        (["flood"], "抗洪抢险先进集体"),  # 国家级 2022
        (["zb1"], "全国先进基层党组织"),  # 国家级 2021
        (["zb2"], "五好党支部"),  # 省部级 2022
        (["zb1"], "省直先进党支部"),  # 省部级 2019
        (["shuili"], "优秀党建品牌"),  # 地市级 2022
        (["zb1"], "厅内表扬"),  # no level: last
    ]


def test_the_same_honour_on_several_records_is_one_honour_held_by_each(load):
    award = "{title: 全国先进基层党组织, level: 国家级, year: 2021, issuer: 中共中央}"
    files = {
        "content/branches/a.md": md(f"title: 甲支部\nlevel: 党支部\nhonors: [{award}]"),
        "content/brands/b.md": md(f"title: 乙品牌\nowner: a\nlaunched: 2020\nhonors: [{award}]"),
        "content/cases/c.md": md("title: 丙案例\ndate: 2022\nbranches: [a]\ncategory: 其他\nhonors: ["
                                 "{title: 全国先进基层党组织, level: 国家级, year: 2022, issuer: 中共中央}]"),
    }
    entries = [(ids(holders), h["year"]) for h, holders in load(files, baseline=False).index.honours()]
    assert entries == [(["c"], 2022), (["b", "a"], 2021)]  # another year is another honour


def test_honour_level_facet(index):
    assert set(ids(index.having("honor", "国家级"))) == {"flood", "zb1"}
    assert index.values("honor") == sorted(["国家级", "省部级", "地市级"], key=str)


# -- incremental maintenance ------------------------------------------------------------------------

REFERRING_KEYS = ("parent", "partners", "owner", "branch", "brand", "host", "branches", "sites", "body")


def snapshot(index: Index) -> dict:
    """Every look-up the site generator can make, as plain data."""
    out: dict = {"records": sorted(index.records)}
    for facet in FACETS:
        out[facet] = {str(v): ids(index.having(facet, v)) for v in index.values(facet)}
        out[f"counts-{facet}"] = {str(k): n for k, n in index.counts(facet).items()}
    everyone = sorted(index.records) + sorted(HIDDEN_IDS)
    out["referrers"] = {(i, key): ids(index.referrers(i, key)) for i in everyone for key in REFERRING_KEYS}
    out["forward"] = {i: [(k, r.id) for k, r in index.forward(i)] for i in everyone}
    out["children"] = {i: ids(index.related(i, "parent")) for i in everyone}
    out["partners"] = {i: ids(index.related(i, "partners", mutual=True)) for i in everyone}
    out["series"] = {s: ids(index.series(s)) for s in index.values("series")}
    out["series_brand"] = {s: getattr(index.series_brand(s), "id", None) for s in index.values("series")}
    out["honours"] = [(ids(rs), h["title"]) for h, rs in index.honours()]
    return out


def test_removing_and_re_adding_each_record_gives_the_same_look_ups(project, index):
    before = snapshot(index)
    for record_id in list(index.records):
        record = index.get(record_id)
        index.remove(record_id)
        assert index.get(record_id) is None
        index.add(record)
        assert snapshot(index) == before, f"look-ups changed after removing and re-adding {record_id}"


def test_removed_record_disappears_from_every_look_up(project, index):
    index.remove("zb1")
    assert "zb1" not in ids(index.of_kind("branch"))
    assert "zb1" not in ids(index.related("root", "parent"))
    assert "zb1" not in ids(index.related("zb2", "partners", mutual=True)) and "zb1" not in ids(index.related("zb3", "partners", mutual=True))
    assert index.having("honor", "国家级") and "zb1" not in ids(index.having("honor", "国家级"))
    assert not any("zb1" in ids(rs) for _, rs in index.honours())


def test_index_built_in_any_order_is_the_same(project, index):
    published = [index.get(i) for i in index.records]
    rebuilt = Index.build(reversed(published), index.resolve)
    assert snapshot(rebuilt) == snapshot(index)


def test_emptied_facet_values_disappear(project, index):
    index.remove("covid")
    assert "抗击疫情" not in index.values("case_category")
    assert "疫情" not in index.values("tag")
    index.add(project.resolve("covid"))
    assert "抗击疫情" in index.values("case_category")
