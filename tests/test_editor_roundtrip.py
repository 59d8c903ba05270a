"""The editor writes the form's values into a record file changing only what changed
(generator/editor/roundtrip.py): every sample record comes back byte for byte, and a change
of one value leaves every other line as it was."""

from __future__ import annotations

import copy
import difflib
import re
import textwrap

import pytest
import yaml

from conftest import REPO

from generator.core.loader import read_source
from generator.core.schema import KIND_BY_FOLDER, KIND_BY_NAME
from generator.editor.roundtrip import NotKept, Unreadable, apply, read_for_form

SAMPLES = sorted(p for p in (REPO / "content").rglob("*.md") if p.parts[-2] != "content")
BRAND = REPO / "content/brands/hn-zjb-chucai.md"
CASE = REPO / "content/cases/hebei-2021-dajiangtang-71.md"


def kind_of(path):
    return KIND_BY_FOLDER[path.relative_to(REPO / "content").parts[0]]


def edited(raw: bytes, kind, change) -> bytes:
    """The file after the form changed its values with `change(values)` (body unchanged)."""
    values, body, _ = read_for_form(raw, "x.md")
    values = copy.deepcopy(values)
    change(values)
    return apply(raw, values, body, kind, "x.md")


def diff(before: bytes, after: bytes) -> tuple[list, list]:
    """(lines removed, lines added)."""
    a, b = before.decode("utf-8").splitlines(True), after.decode("utf-8").splitlines(True)
    removed, added = [], []
    for line in difflib.ndiff(a, b):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(REPO / "content")))
def test_every_sample_record_read_for_the_form_and_saved_back_is_the_same_bytes(path):
    raw = path.read_bytes()
    values, body, _ = read_for_form(raw, "x.md")
    assert values and body  # a real record was read
    # as JSON travels: the form gets and sends back plain JSON
    values = yaml.safe_load(yaml.safe_dump(values))
    assert apply(raw, values, body, kind_of(path), "x.md") == raw
    crlf = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    values, body, _ = read_for_form(crlf, "x.md")
    assert apply(crlf, values, body, kind_of(path), "x.md") == crlf


@pytest.mark.parametrize("change, removed, added", [
    (lambda v: v.update(title="红色引擎·出彩驻京2"), ["title: 红色引擎·出彩驻京\n"], ["title: 红色引擎·出彩驻京2\n"]),
    (lambda v: v.update(launched="2020-02-03"), ["launched: 2020-01-06\n"], ["launched: 2020-02-03\n"]),
    (lambda v: v.update(launched="2020年2月"), ["launched: 2020-01-06\n"], ["launched: 2020年2月\n"]),
    (lambda v: v["tags"].__setitem__(1, "四项工程"), ["tags: [红色引擎, 三项工程, 驻京办精神]\n"],
     ["tags: [红色引擎, 四项工程, 驻京办精神]\n"]),
    (lambda v: v["milestones"][1].update(end="2022-06"), ["    end: 2021-12\n"], ["    end: 2022-06\n"]),
    (lambda v: v["honors"][0].update(level="省部级"), ["    level: 国家级\n"], ["    level: 省部级\n"]),
    (lambda v: v.pop("slogan"), ["slogan: 立足北京，服务河南，争创一流\n"], []),
    (lambda v: v.update(slogan=""), ["slogan: 立足北京，服务河南，争创一流\n"], []),
    (lambda v: v["milestones"].pop(0), ["  - name: 能力提升年\n", "    start: 2020-01\n", "    end: 2020-12\n",
                                        "    owner: 办机关党委\n"], []),
    (lambda v: v["milestones"].append({"name": "新阶段", "start": "2022-01", "end": "", "owner": ""}), [],
     ["  - name: 新阶段\n", "    start: 2022-01\n"]),
])
def test_one_change_changes_only_its_lines(change, removed, added):
    raw = BRAND.read_bytes()
    after = edited(raw, KIND_BY_NAME["brand"], change)
    assert diff(raw, after) == (removed, added)
    assert after.endswith(raw[raw.index(b"\n---\n"):])  # the body, byte for byte


def test_an_added_key_goes_where_the_schema_puts_it():
    raw = BRAND.read_bytes()
    after = edited(raw, KIND_BY_NAME["brand"], lambda v: v.update(cover="/assets/banner.svg"))
    assert diff(raw, after) == ([], ["cover: /assets/banner.svg\n"])
    lines = after.decode().splitlines()
    # after tags, the key nearest before it in the schema (id, title, summary, categories, tags, cover…)
    assert lines[lines.index("cover: /assets/banner.svg") - 1].startswith("tags:")
    after = edited(raw, KIND_BY_NAME["brand"], lambda v: v.update(motto="x"))  # not in the schema: at the end
    assert after.decode().split("\n---\n")[0].endswith("\nmotto: x")
    case = CASE.read_bytes()
    after = edited(case, KIND_BY_NAME["case"], lambda v: v.pop("brand") and v.update(brand="hn-zjb-chucai"))
    assert diff(case, after) == (["brand: hebei-slt-dajiangtang\n"], ["brand: hn-zjb-chucai\n"])
    assert after.decode().splitlines()[4] == "brand: hn-zjb-chucai"  # back in its place, after branches


STYLED = textwrap.dedent("""\
    ---
    # 头部注释
    title: '单引号标题'   # 行尾注释
    date: 2021-07-17
    branches:
    - baseline-branch
    category: "服务群众"

    # 成效（空行和注释保留）
    outcomes:
    -   label: 累计举办
        value: 71
    tags: [甲,  乙]
    summary: >-
      折叠的
      摘要
    ---

    正文\t保留   空白
    """).encode("utf-8")


@pytest.mark.parametrize("newline, bom", [(b"\n", b""), (b"\r\n", b"\xef\xbb\xbf")])
def test_comments_quoting_layout_line_endings_and_bom_of_untouched_keys_are_kept(newline, bom):
    raw = bom + STYLED.replace(b"\n", newline)
    case = KIND_BY_NAME["case"]
    after = edited(raw, case, lambda v: v["outcomes"][0].update(value=72))
    assert after == raw.replace(b"value: 71", b"value: 72")
    after = edited(raw, case, lambda v: v.update(title="新标题"))
    removed, added = diff(raw, after)  # its quotes and its comment kept (ruamel.yaml keeps the comment's column)
    assert removed == ["title: '单引号标题'   # 行尾注释" + newline.decode()]
    assert len(added) == 1 and re.fullmatch("title: '新标题' +# 行尾注释" + newline.decode(), added[0])
    after = edited(raw, case, lambda v: v.update(date="2021-08-01", tags=["甲", "乙", "丙"]))
    assert after.startswith(bom) and after.count(b"\r\n") == raw.count(b"\r\n")
    assert diff(raw, after)[1] == [line.replace("\n", newline.decode()) for line in
                                   ["date: 2021-08-01\n", "tags: [甲, 乙, 丙]\n"]]


def test_the_body_is_kept_byte_for_byte_or_written_with_the_files_line_endings():
    raw = STYLED.replace(b"\n", b"\r\n")
    values, body, _ = read_for_form(raw, "x.md")
    assert "\r" not in body  # as a browser's text box holds it
    assert apply(raw, values, body, KIND_BY_NAME["case"], "x.md") == raw
    after = apply(raw, values, body + "新段落。\n", KIND_BY_NAME["case"], "x.md")
    assert after == raw + "新段落。\r\n".encode()


@pytest.mark.parametrize("value", ["yes", "no", "2021-07-17", "123", "1.5", "null", "~", "true", " 前后空格 ",
                                   "# 不是注释", "a: b", "[列表]", "@x", "'引号'", '"双引号"', "多\n行", "多\n行\n"])
def test_text_is_read_back_as_the_same_text(value):
    raw = STYLED
    after = edited(raw, KIND_BY_NAME["case"], lambda v: v.update(summary=value))
    # text of several lines is kept without the line break a text box leaves at its end
    assert read_source(after, "x.md").data["summary"] == (value.rstrip("\n") if "\n" in value else value)


def test_a_new_file_takes_the_templates_order():
    values = {"tags": ["a"], "category": "服务群众", "summary": "摘要", "title": "标题", "date": "2021-07-17",
              "branches": ["baseline-branch"]}
    text = apply(b"", values, "\n正文\n", KIND_BY_NAME["case"], "x.md").decode()
    assert text == ("---\ntitle: 标题\ndate: 2021-07-17\nbranches: [baseline-branch]\ncategory: 服务群众\n"
                    "summary: 摘要\ntags: [a]\n---\n\n正文\n")


@pytest.mark.parametrize("text", ["---\ntitle: [\n---\n", "---\ntitle: a\ntitle: b\n---\n", "---\n- a\n---\n"])
def test_front_matter_the_checker_cannot_read_is_not_edited(text):
    with pytest.raises(Unreadable):
        read_for_form(text.encode(), "x.md")
    with pytest.raises(Unreadable):
        apply(text.encode(), {"title": "x"}, "", KIND_BY_NAME["case"], "x.md")


def test_keys_the_two_yaml_readers_read_differently_are_not_written():
    raw = b"---\ntitle: a\nyes: 1\n---\n"  # PyYAML: True -> "True"; ruamel.yaml: "yes"
    values, body, _ = read_for_form(raw, "x.md")
    with pytest.raises(NotKept):
        apply(raw, {**values, "title": "b"}, body, KIND_BY_NAME["case"], "x.md")


def test_dates_and_periods_are_written_unquoted_as_the_samples_write_them():
    case = KIND_BY_NAME["case"]
    after = edited(STYLED, case, lambda v: v.update(date={"start": "2021-07-01", "end": "2021-08-31"}))
    assert diff(STYLED, after) == (["date: 2021-07-17\n"], ["date:\n", "  start: 2021-07-01\n", "  end: 2021-08-31\n"])
    after = edited(STYLED, case, lambda v: v.update(date="2021"))
    assert diff(STYLED, after) == (["date: 2021-07-17\n"], ["date: 2021\n"])
