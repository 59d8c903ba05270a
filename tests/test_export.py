"""Data taken away: /data/*.json, `showcase export` (JSON, CSV, xlsx), the Atom feed /feed.xml.

Exports are compared against the records the core read; hidden records (internal, drafts)
must leave no trace in a public export, feed or build.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO, console_script, md, mkdocs_build, run_core, site_texts, subprocess_env

from generator.core.project import Visibility
from generator.core.schema import KIND_BY_NAME, KINDS
from generator.core.settings import load_settings
from generator.export.dataschema import data_schema
from generator.export.feed import FEED_SIZE, atom_feed, feed_records
from generator.export.records import data_files, data_texts, export_data

# A small knowledge base with each kind of value an export converts, and hidden records that
# public records refer to (front matter and body).
FILES = {
    "content/branches/parent.md": md("""
        title: 上级党委
        level: 党委
        founded: 1985
        """),
    "content/branches/secret-branch.md": md("""
        title: 机密党支部ZQX
        level: 党支部
        parent: parent
        visibility: internal
        """),
    "content/brands/brand-a.md": md("""
        title: 品牌甲
        owner: [baseline-branch, secret-branch]
        launched: 2019-07
        honors:
          - title: 全省优秀品牌
            level: 省部级
            year: 2021
        """),
    "content/cases/period-case.md": md("""
        title: 时间段案例
        date: {start: 2021-07, end: 2021-09-03}
        branches: [baseline-branch, secret-branch]
        brand: brand-a
        category: 防汛抗旱
        tags: [防汛, 抢险]
        summary: 汛期七十天，党员突击队守堤。
        outcomes:
          - label: 转移群众
            value: 1200
            unit: 人次
        """, "见 [[secret-branch]]。"),
    "content/cases/draft-case.md": md("""
        title: 草稿案例DRQ
        date: 2022
        branches: [baseline-branch]
        category: 其他
        draft: true
        """),
    "content/cases/internal-case.md": md("""
        title: 内部案例NBW
        date: 2023-01-05
        branches: [baseline-branch]
        category: 其他
        visibility: internal
        """),
    "content/cases/mention.md": md("""
        title: 提及案例
        date: 2019
        branches: [baseline-branch]
        category: 其他
        """, "据 [[secret-branch]] 介绍，[材料](../branches/secret-branch.md)抢险。"),
    "content/cases/formula.md": md("""
        title: "=HYPERLINK(\\"http://x\\")"
        date: 2020
        branches: [baseline-branch]
        category: 其他
        """),
}
HIDDEN = ("secret-branch", "机密党支部ZQX", "draft-case", "草稿案例DRQ", "internal-case", "内部案例NBW")


def showcase(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True,
                          env=subprocess_env(), timeout=120)


@pytest.fixture
def project(make_project):
    return make_project(FILES)


def published(project_dir, visibility=Visibility()):
    core = run_core(project_dir, visibility)
    return core, {r.id: r for r in core.records if visibility.publishes(r)}


# -- the data -----------------------------------------------------------------------------------

def test_export_holds_each_published_record_with_its_fields(project):
    core, expected = published(project)
    data = export_data(core.edition)
    assert data["count"] == len(expected) == len(data["records"])
    exported = {r["id"]: r for r in data["records"]}
    assert set(exported) == set(expected)
    for record_id, record in expected.items():
        item = exported[record_id]
        assert (item["kind"], item["address"], item["title"]) == (record.kind, record.url, record.title)
        assert set(item) - {"id", "kind", "address"} <= set(record.values)
    case = exported["period-case"]
    assert case["date"] == {"start": "2021-07", "end": "2021-09-03"}  # precision kept
    assert case["tags"] == ["防汛", "抢险"] and case["summary"] == "汛期七十天，党员突击队守堤。"
    assert case["outcomes"] == [{"label": "转移群众", "value": 1200, "unit": "人次"}]
    assert case["brand"] == {"id": "brand-a", "title": "品牌甲", "address": "brands/brand-a/"}
    # a reference to a hidden record leaves no trace
    assert case["branches"] == [{"id": "baseline-branch", "title": "基线党支部", "address": "branches/baseline-branch/"}]
    assert exported["brand-a"]["launched"] == "2019-07"
    assert exported["parent"]["founded"] == "1985"
    assert exported["brand-a"]["honors"] == [{"title": "全省优秀品牌", "level": "省部级", "year": 2021}]
    assert not any(word in json.dumps(data, ensure_ascii=False) for word in HIDDEN)


def test_internal_export_holds_internal_records_and_their_references(project):
    core, expected = published(project, Visibility(internal=True))
    data = export_data(core.edition)
    exported = {r["id"]: r for r in data["records"]}
    assert set(exported) == set(expected) and "internal-case" in exported and "draft-case" not in exported
    assert [b["id"] for b in exported["period-case"]["branches"]] == ["baseline-branch", "secret-branch"]
    assert exported["secret-branch"]["visibility"] == "internal"


def test_one_data_file_per_kind_and_one_for_all(project):
    core, expected = published(project)
    files = data_files(core.edition, "https://dj.example.cn/")
    assert sorted(files) == sorted(["data/records.json", *(f"data/{k.folder}.json" for k in KINDS)])
    for kind in KINDS:
        data = files[f"data/{kind.folder}.json"]
        assert data["kind"] == kind.name and data["site_url"] == "https://dj.example.cn/"
        assert sorted(r["id"] for r in data["records"]) == sorted(i for i, r in expected.items() if r.kind == kind.name)


# A validator for the part of JSON Schema that data.schema.json uses (no extra dependency).
def validate(value, schema: dict, root: dict, where: str = "$") -> list[str]:
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return validate(value, target, root, where)
    errors = []
    kinds = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict,
             "array": list, "null": type(None)}
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(isinstance(value, kinds[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                   for t in types):
            return [f"{where}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in enum")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    for bound, test in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b)):
        if bound in schema and isinstance(value, (int, float)) and not test(value, schema[bound]):
            errors.append(f"{where}: {value} out of range")
    if "maxLength" in schema and isinstance(value, str) and len(value) > schema["maxLength"]:
        errors.append(f"{where}: too long")
    if isinstance(value, dict) and "properties" in schema:
        errors += [f"{where}: {key} missing" for key in schema.get("required", ()) if key not in value]
        for key, item in value.items():
            if key in schema["properties"]:
                errors += validate(item, schema["properties"][key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{where}[{i}]")
    for combinator, needed in (("anyOf", lambda n: n >= 1), ("oneOf", lambda n: n == 1)):
        if combinator in schema:
            passing = sum(not validate(value, option, root, where) for option in schema[combinator])
            if not needed(passing):
                errors.append(f"{where}: {passing} of {combinator} match")
    return errors


def test_exported_data_matches_its_json_schema(project):
    for visibility in (Visibility(), Visibility(internal=True, drafts=True)):
        core, _ = published(project, visibility)
        schema = data_schema(core.settings.vocabularies)
        for data in data_files(core.edition).values():
            assert validate(data, schema, schema) == []
    sample = run_core(REPO)
    schema = data_schema(sample.settings.vocabularies)
    assert validate(export_data(sample.edition), schema, schema) == []


def test_the_validator_rejects_what_the_schema_forbids(project):
    core, _ = published(project)
    schema = data_schema(core.settings.vocabularies)
    data = export_data(core.edition, "case")
    data["records"][0]["brand"] = "brand-a"  # an id where a link is expected
    data["records"][0]["surprise"] = 1
    errors = validate(data, schema, schema)
    assert errors and "oneOf" in errors[0]


def test_committed_data_schema_is_up_to_date():
    committed = json.loads((REPO / "docs" / "data.schema.json").read_text(encoding="utf-8"))
    assert committed == data_schema(load_settings(str(REPO)).vocabularies), \
        "docs/data.schema.json is stale: run `showcase export --format schema --out docs/data.schema.json`"


# -- the command line ---------------------------------------------------------------------------

def test_export_json_on_the_command_line_is_the_public_data(project):
    result = showcase("export", str(project))
    assert result.returncode == 0, result.stderr.decode()
    core, _ = published(project)
    assert json.loads(result.stdout) == export_data(core.edition, site_url=core.settings.site_url)
    internal = json.loads(showcase("export", str(project), "--internal", "--drafts", "--kind", "case").stdout)
    assert {r["id"] for r in internal["records"]} == {"baseline-case", "period-case", "draft-case",
                                                       "internal-case", "formula", "mention"}


def test_export_csv_has_a_bom_chinese_headers_and_one_row_per_record(project, tmp_path):
    out = tmp_path / "cases.csv"
    result = showcase("export", str(project), "--format", "csv", "--kind", "case", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    kind = KIND_BY_NAME["case"]
    assert table[0] == ["编号", "网址", *(f.zh for f in kind.fields if f.key != "id")]
    rows = {row[0]: dict(zip(table[0], row)) for row in table[1:]}
    core, expected = published(project)
    assert set(rows) == {i for i, r in expected.items() if r.kind == "case"}
    case = rows["period-case"]
    assert case["网址"] == "https://showcase.test/cases/period-case/"
    assert case["标签"] == "防汛、抢险"
    assert case["党组织"] == "基线党支部"  # the hidden organisation is not there
    assert case["党建品牌"] == "品牌甲"
    assert case["时间"] == "2021-07—2021-09-03"
    assert case["成效"] == "转移群众（数值：1200，单位：人次）"
    assert case["案例类别"] == "防汛抗旱"
    assert rows["formula"]["标题"] == "'=HYPERLINK(\"http://x\")"  # text, never a formula in Excel
    assert not any(word in raw.decode("utf-8-sig") for word in HIDDEN)


def test_export_csv_of_every_kind_names_the_kind(project):
    result = showcase("export", str(project), "--format", "csv")
    table = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig"), newline="")))
    assert table[0][:4] == ["类型", "编号", "网址", "标题"]
    kinds = {row[1]: row[0] for row in table[1:]}
    assert kinds["brand-a"] == "党建品牌" and kinds["parent"] == "党组织"
    assert table[0].count("日期") == 1 and "时间" in table[0]  # a lecture's 日期, a case's 时间


def test_export_xlsx_opens_with_openpyxl(project, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "all.xlsx"
    result = showcase("export", str(project), "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    book = load_workbook(out)
    assert book.sheetnames == [k.zh for k in KINDS]
    sheet = book["党建品牌"]
    headers = [c.value for c in sheet[1]]
    assert headers == ["编号", "网址", *(f.zh for f in KIND_BY_NAME["brand"].fields if f.key != "id")]
    rows = {row[0]: dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["brand-a"]["创建单位"] == "基线党支部"
    assert rows["brand-a"]["荣誉"] == "全省优秀品牌（级别：省部级，年份：2021）"
    cases = {row[0]: row for row in book["典型案例"].iter_rows(min_row=2, values_only=True)}
    assert cases["formula"][2] == '=HYPERLINK("http://x")'  # kept as text
    assert book["典型案例"]["C2"].data_type == "s" and book["典型案例"].freeze_panes == "A2"
    values = " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v)
    assert not any(word in values for word in HIDDEN)


def test_export_refuses_content_that_fails_the_check(make_project):
    project = make_project({"content/cases/bad.md": md("title: 坏\ndate: 明天\n")})
    result = showcase("export", str(project), "--format", "csv")
    assert result.returncode == 1 and result.stdout == b""
    assert "content/cases/bad.md" in result.stderr.decode()


# -- the feed -----------------------------------------------------------------------------------

A = "{http://www.w3.org/2005/Atom}"


def check_atom(text: str) -> ET.Element:
    """Well-formed Atom: the feed's and each entry's required elements (RFC 4287)."""
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(A + name) is not None and feed.find(A + name).text, name
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", feed.find(A + "updated").text)
    for entry in feed.findall(A + "entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(A + name) is not None and entry.find(A + name).text, name
        assert entry.find(f"{A}author/{A}name").text
        assert entry.find(A + "link").get("rel") == "alternate" and entry.find(A + "link").get("href")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(A + "updated").text)
    return feed


def test_feed_lists_published_cases_and_lectures_newest_first(project):
    core, expected = published(project)
    feed = check_atom(atom_feed(core.edition, "测试站", ""))
    entries = feed.findall(A + "entry")
    titles = [e.find(A + "title").text for e in entries]
    # by date as everywhere on the site (a period by its start), then by title
    assert titles == ["基线案例", "基线讲堂第1期", "时间段案例", '=HYPERLINK("http://x")', "提及案例"]
    first = entries[2]
    assert first.find(A + "link").get("href") == "cases/period-case/"  # relative without site_url
    assert first.find(A + "id").text.startswith("urn:uuid:")
    assert first.find(A + "summary").text == "汛期七十天，党员突击队守堤。"
    assert [a.text for a in first.findall(f"{A}author/{A}name")] == ["基线党支部"]
    assert first.find(A + "updated").text == "2021-09-03T00:00:00Z"
    lecture = entries[1]
    assert [a.text for a in lecture.findall(f"{A}author/{A}name")] == ["张三"]
    assert entries[4].find(A + "summary").text.startswith("据")  # from the body, without the hidden link
    assert not any(word in atom_feed(core.edition, "测试站", "") for word in HIDDEN)


def test_feed_addresses_are_absolute_with_a_site_url(project):
    core, _ = published(project)
    feed = check_atom(atom_feed(core.edition, "测试站", "https://dj.example.cn/sub"))
    assert feed.find(A + "id").text == "https://dj.example.cn/sub/"
    assert feed.find(f"{A}link[@rel='self']").get("href") == "https://dj.example.cn/sub/feed.xml"
    entry = feed.find(A + "entry")
    assert entry.find(A + "id").text == entry.find(A + "link").get("href") == \
        "https://dj.example.cn/sub/cases/baseline-case/"


def test_feed_keeps_the_newest_fifty(make_project):
    files = {f"content/cases/c{i:02}.md": md(f"""
        title: 案例{i}
        date: {2000 + i}-01-01
        branches: [baseline-branch]
        category: 其他
        """) for i in range(60)}
    core, _ = published(make_project(files))
    feed = check_atom(atom_feed(core.edition, "站", ""))
    titles = [e.find(A + "title").text for e in feed.findall(A + "entry")]
    assert len(titles) == FEED_SIZE == len(feed_records(core.edition))
    assert titles[:2] == ["案例59", "案例58"] and "案例9" not in titles


def test_an_empty_feed_is_still_atom(make_project):
    core, _ = published(make_project({}, baseline=False))
    feed = check_atom(atom_feed(core.edition, "站", ""))
    assert feed.findall(A + "entry") == []


# -- a real build -------------------------------------------------------------------------------

@pytest.mark.build
def test_a_public_build_writes_the_data_and_the_feed_and_nothing_hidden(project, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    core, _ = published(project)
    records = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))
    assert records == json.loads(json.dumps(export_data(core.edition, site_url=core.settings.site_url)))
    cases = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in cases["records"]] == [r["id"] for r in records["records"] if r["kind"] == "case"]
    check_atom((site / "feed.xml").read_text(encoding="utf-8"))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="data/records.json"' in home
    page = (site / "cases" / "period-case" / "index.html").read_text(encoding="utf-8")
    # no <link rel="alternate"> in heads: Material would fetch sitemap.xml for it on every page
    assert 'rel="alternate"' not in page
    for path, text in site_texts(site):
        for word in HIDDEN:
            assert word not in text, f"{word} in {path}"
    assert not (project / "content" / "data").exists() and not (project / "content" / "feed.xml").exists()


@pytest.mark.build
def test_an_internal_build_exports_internal_records(project, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(project, site, SHOWCASE_VISIBILITY="internal")
    assert result.returncode == 0, result.stderr
    ids = {r["id"] for r in json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))["records"]}
    assert {"secret-branch", "internal-case"} <= ids and "draft-case" not in ids
    assert "内部案例NBW" in (site / "feed.xml").read_text(encoding="utf-8")


# -- a brand's dossier as a Word document ------------------------------------------------------

def test_dossier_docx_has_the_sections_as_headings_and_nothing_hidden(tmp_path):
    import docx
    out = tmp_path / "档案.docx"
    result = showcase("export", str(REPO), "--dossier", "hebei-slt-dajiangtang", "--format", "docx", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    document = docx.Document(str(out))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert headings[0] == ("Title", "水利大讲堂 · 品牌档案")
    assert [t for s, t in headings if s == "Heading 1"] == ["目录", "基本情况", "推进计划", "创建阶段", "示范点",
                                                           "典型案例", "讲堂", "荣誉"]
    core = run_core(REPO)
    lectures = sorted((r for r in core.edition.records() if r.kind == "lecture" and r.values.get("series") == "水利大讲堂"),
                      key=lambda r: r.values["number"])
    level2 = [t for s, t in headings if s == "Heading 2"]
    assert [t for t in level2 if t in {r.title for r in lectures}] == [r.title for r in lectures]
    text = "\n".join(p.text for p in document.paragraphs) + "".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for record in core.records:
        if record.internal or record.draft:
            assert record.title not in text
    assert "首期开讲" in text and "2018年3月" in text  # the plan's table


def test_dossier_export_refuses_an_unknown_brand_and_other_formats(tmp_path):
    unknown = showcase("export", str(REPO), "--dossier", "no-such-brand", "--out", str(tmp_path / "x.docx"))
    assert unknown.returncode == 1 and "没有编号为“no-such-brand”的党建品牌" in unknown.stderr.decode()
    draft = showcase("export", str(REPO), "--dossier", "hd-slj-qingfeng", "--out", str(tmp_path / "y.docx"))
    assert draft.returncode == 1 and not (tmp_path / "y.docx").exists()  # a draft: not public
    assert showcase("export", str(REPO), "--dossier", "hebei-slt-dajiangtang", "--format", "csv").returncode == 2
    assert showcase("export", str(REPO), "--format", "docx").returncode == 2


@pytest.mark.parametrize("visibility", [Visibility(), Visibility(internal=True, drafts=True)])
def test_data_texts_are_the_data_files_as_json_writes_them(visibility):
    """/data/*.json is assembled from each record's part (written once, or kept by `showcase
    build` between builds): the same bytes as json.dumps of the whole, with a cache or without."""
    project = run_core(REPO, visibility)
    expected = {path: json.dumps(data, ensure_ascii=False, indent=1)
                for path, data in data_files(project.edition, "https://showcase.test/").items()}
    assert data_texts(project.edition, "https://showcase.test/") == expected
    kept = {}
    data_texts(project.edition, "https://showcase.test/", lambda r, make: kept.setdefault(r.src_uri, make()))
    assert kept and data_texts(project.edition, "https://showcase.test/", lambda r, make: kept[r.src_uri]) == expected
    empty = run_core(REPO, visibility)
    empty.edition.visibility = Visibility()
    assert json.loads(data_texts(empty.edition)["data/records.json"])["site_url"] is None
