"""The browser editor's form description (generator/editor/form.py) covers every field of every
kind as core/schema.py declares it, and the preview adds the editor only where it edits."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO

from generator.core.fields import Choice, ListOf, Object, Ref, walk_fields
from generator.core.schema import DEFAULT_VOCABULARIES, KIND_BY_NAME, KINDS
from generator.core.settings import load_settings
from generator.editor.form import WORDS, form
from generator.preview.inject import END, START, inject, strip

WIDGETS = {"text", "textarea", "number", "date", "period", "select", "reference", "references",
           "list", "objects", "object", "file", "switch"}


def pairs(descs: list, fields: list) -> list:
    """(description, declared field) for every field and sub-field, each level matched by key."""
    by_key = {f.key: f for f in fields}
    assert sorted(d["key"] for d in descs) == sorted(by_key)  # every field, each once
    found = []
    for desc in descs:
        field = by_key[desc["key"]]
        found.append((desc, field))
        if desc["widget"] in ("object", "objects"):
            found += pairs(desc["fields"], field.sub_fields)
    return found


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_field_is_in_the_form_with_its_declaration(kind):
    description = form(kind, DEFAULT_VOCABULARIES)
    assert description["kind"] == kind.name and description["label"] == kind.zh
    found = pairs(description["fields"], kind.fields)
    assert len(found) == len(list(walk_fields(kind.fields)))
    # in the order staff fill them in: the title first, the id last
    assert description["fields"][0]["key"] == "title" and description["fields"][-1]["key"] == "id"
    for desc, field in found:
        assert desc["widget"] in WIDGETS
        assert desc["label"] == field.zh and desc["required"] == field.required
        assert desc["help"].startswith(field.help)
        item = field.item_type
        if isinstance(item, Choice) and desc["widget"] != "switch":
            choices = desc["choices"] if desc["widget"] == "select" else desc["item"]["choices"]
            assert choices == list(item.values or DEFAULT_VOCABULARIES[item.vocabulary])
        if isinstance(item, Ref):
            assert desc["widget"] == ("references" if isinstance(field.type, ListOf) else "reference")
            assert desc["kinds"] == [item.kind]
        if isinstance(item, Object):
            assert desc["widget"] == ("objects" if isinstance(field.type, ListOf) else "object")
    assert description["body_outline"].count("## ") == len(kind.outline)


def test_widgets_of_the_fields_staff_meet_most():
    case = {d["key"]: d for d in form(KIND_BY_NAME["case"], DEFAULT_VOCABULARIES)["fields"]}
    assert case["date"]["widget"] == "period"
    assert [d["key"] for d in case["date"]["fields"]] == ["start", "end"]
    assert "2021年7月" in case["date"]["help"]  # the date forms the checker accepts
    assert case["branches"]["widget"] == "references" and case["branches"]["min_items"] == 1
    assert case["category"]["widget"] == "select" and case["category"]["required"]
    assert case["tags"]["widget"] == "list" and case["tags"]["item"] == {"widget": "text"}
    assert case["draft"] == {**case["draft"], "widget": "switch", "on": True}
    assert case["visibility"]["widget"] == "switch" and case["visibility"]["on"] == "internal"
    assert case["cover"] == {**case["cover"], "widget": "file", "images": True}
    assert case["summary"]["widget"] == "textarea" and case["title"]["widget"] == "text"
    brand = {d["key"]: d for d in form(KIND_BY_NAME["brand"], DEFAULT_VOCABULARIES)["fields"]}
    assert brand["owner"]["single"] is True
    assert [d["key"] for d in brand["milestones"]["fields"]] == ["name", "start", "end", "owner"]
    site = {d["key"]: d for d in form(KIND_BY_NAME["site"], DEFAULT_VOCABULARIES)["fields"]}
    assert site["photos"]["item"] == {"widget": "file", "images": True}
    assert site["location"]["widget"] == "object"
    lecture = {d["key"]: d for d in form(KIND_BY_NAME["lecture"], DEFAULT_VOCABULARIES)["fields"]}
    assert lecture["number"] == {**lecture["number"], "widget": "number", "integer": True, "min": 1}
    assert {d["key"]: d["widget"] for d in lecture["media"]["fields"]}["file"] == "file"


def test_vocabularies_come_from_mkdocs_yml(make_project):
    yml = ("site_name: t\ndocs_dir: content\nplugins:\n  - showcase:\n      vocabularies:\n"
           "        case_categories: [甲类, 乙类]\n")
    settings = load_settings(str(make_project({}, yml)))
    case = {d["key"]: d for d in form(KIND_BY_NAME["case"], settings.vocabularies)["fields"]}
    assert case["category"]["choices"] == ["甲类", "乙类"]


def test_the_traditional_table_folds_as_showcase_ids_does():
    from generator.authoring.ids import fold
    sources, targets = form(KIND_BY_NAME["case"], DEFAULT_VOCABULARIES)["t2s"]
    assert len(sources) == len(targets) > 3000
    table = dict(zip(sources, targets))
    assert "".join(table.get(c, c) for c in "駐北京辦事處黨組") == fold("駐北京辦事處黨組")


STATE = {"boot": "b", "version": 1}
PAGE = "<html><body><h1>x</h1></body></html>"


def test_the_editor_is_added_only_to_pages_it_edits():
    # no token (not editing), or a page that is neither a record nor an index: no editor
    for state in ({**STATE, "page": {"kind": "case", "id": "a"}}, {**STATE, "token": "t"},
                  {**STATE, "token": "t", "page": {"kind": "nosuch"}}):
        html = inject(PAGE, state, [], "zh")
        assert "sc-editor" not in html and strip(html) == PAGE
    record = inject(PAGE, {**STATE, "token": "t", "page": {"kind": "case", "id": "a"}}, [], "zh")
    assert re.search(r'<button type="button" id="sc-editor-open">编辑</button>', record)
    index = inject(PAGE, {**STATE, "token": "t", "page": {"kind": "case"}}, [], "zh")
    assert '<button type="button" id="sc-editor-open">新建典型案例</button>' in index
    words = re.search(r'<script id="sc-editor-words" type="application/json">(.*?)</script>', index).group(1)
    assert json.loads(words) == WORDS
    # all of it between the preview's marks, so that stripping gives the page mkdocs build writes
    assert strip(index) == PAGE and index.index(END) > index.index("sc-editor-open") > index.index(START)


def test_the_editor_script_says_only_words_it_is_given():
    script = (REPO / "generator/editor/assets/editor.js").read_text(encoding="utf-8")
    used = set(re.findall(r'say\("([a-z-]+)"', script))
    assert used and used == set(WORDS) - {"edit", "new"}  # those two are the buttons inject.py writes


def test_the_editor_style_touches_only_its_own_elements():
    """The editor sits over a page of the site: its classes (sce-) are none of the site's (sc-)."""
    css = re.sub(r"/\*.*?\*/", "", (REPO / "generator/editor/assets/editor.css").read_text(encoding="utf-8"), flags=re.S)
    classes = set(re.findall(r"\.([a-z][\w-]*)", css)) - {"md-typeset"}
    assert classes and all(c.startswith("sce-") for c in classes), classes
    theme = " ".join(p.read_text(encoding="utf-8") for folder in ("site", "search")
                     for p in (REPO / "generator" / folder / "theme").rglob("*") if p.is_file()
                     and p.suffix in (".html", ".css", ".js"))
    assert not [c for c in classes if c in theme]
