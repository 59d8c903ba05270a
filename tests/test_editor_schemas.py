"""The JSON Schemas in schemas/ as an editor uses them: validated with a JSON Schema
validator against the sample content's front matter, both ways. Reference fields list
the existing ids (with their titles), so the reference mistakes staff make are flagged
while typing, not only by `showcase check`."""

from __future__ import annotations

import copy
import datetime as _dt
import json
import subprocess

import pytest
import yaml
from conftest import REPO, console_script, md, subprocess_env
from jsonschema import Draft202012Validator

from generator.authoring.editor import write_schemas
from generator.core.schema import KIND_BY_FOLDER


def as_the_editor_sees(value):
    """Front matter as JSON: YAML 1.2 (the editor's) has no date type, a date is text."""
    if isinstance(value, dict):
        return {str(k): as_the_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_the_editor_sees(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def sample_records():
    """(path, kind, front matter) for every record file of the sample content."""
    for path in sorted((REPO / "content").rglob("*.md")):
        relative = path.relative_to(REPO / "content")
        kind = KIND_BY_FOLDER.get(relative.parts[0])
        if kind is None:
            continue
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        yield str(relative), kind, as_the_editor_sees(yaml.safe_load(front))


@pytest.fixture(scope="module")
def validators(tmp_path_factory):
    out = tmp_path_factory.mktemp("schemas")
    write_schemas(str(REPO), str(out))
    validators = {}
    for path in out.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        validators[path.name.split(".")[0]] = Draft202012Validator(schema)
    return validators


def errors(validator, data) -> list[str]:
    return ["/".join(map(str, e.absolute_path)) for e in validator.iter_errors(data)]


def test_every_sample_record_passes(validators):
    records = list(sample_records())
    assert len(records) > 50
    for path, kind, data in records:
        assert errors(validators[kind.name], data) == [], path


def test_reference_fields_offer_the_existing_ids_with_their_titles(validators):
    case = validators["case"].schema
    ids = case["$defs"]["branch-ids"]
    at = ids["enum"].index("hn-zjb-dangzu")
    assert ids["enumDescriptions"][at] == "中共河南省人民政府驻北京办事处党组"
    assert case["properties"]["branches"]["items"]["$ref"] == "#/$defs/branch-ids"
    assert case["properties"]["sites"]["items"]["$ref"] == "#/$defs/site-ids"
    assert "hebei-gangnan-sjkt" in case["$defs"]["site-ids"]["enum"]
    assert validators["lecture"].schema["properties"]["host"]["$ref"] == "#/$defs/branch-ids"
    assert "$defs" not in validators["lecture"].schema["properties"]["series"]  # text, not a reference


SAMPLE_CASE = "cases/hn-2020-jiezhuanyun.md"  # branches: [hn-zjb-jzy-lzzb, hn-zjb-jgdw]


@pytest.mark.parametrize("wrong", [
    "hn-zjb-jzy",  # an id that does not exist
    "河南驻京机构接转运临时党总支",  # the organisation's title instead of its id
    "“hn-zjb-jgdw”",  # smart quotes typed around the id
    "hn-zjb\u200b-jgdw",  # a zero-width space pasted inside it
], ids=["unknown-id", "title-for-id", "smart-quotes", "zero-width-space"])
def test_reference_mistakes_fail(validators, wrong):
    case = next(data for path, _, data in sample_records() if path == SAMPLE_CASE)
    assert errors(validators["case"], case) == []
    bad = copy.deepcopy(case)
    bad["branches"][1] = wrong
    assert errors(validators["case"], bad) == ["branches/1"]
    brand = {"title": "品牌", "owner": wrong}  # one id where a list is allowed too
    assert errors(validators["brand"], brand) != []
    assert errors(validators["brand"], {"title": "品牌", "owner": "hn-zjb-jgdw"}) == []
    lecture = {"title": "讲座", "series": "京豫大讲堂", "number": 9, "date": "2021-07-01",
               "speakers": [{"name": "张三"}], "host": wrong}
    assert errors(validators["lecture"], lecture) == ["host"]


def test_showcase_schema_keeps_the_ids_current(make_project):
    project = make_project()

    def branch_ids():
        result = subprocess.run([console_script("showcase"), "schema", str(project)], capture_output=True,
                                text=True, env=subprocess_env(), timeout=120)
        assert result.returncode == 0, result.stderr
        schema = json.loads((project / "schemas/case.schema.json").read_text(encoding="utf-8"))
        ids = schema["$defs"]["branch-ids"]
        return dict(zip(ids["enum"], ids["enumDescriptions"]))

    assert branch_ids() == {"baseline-branch": "基线党支部"}
    (project / "content/branches/henan-zhujing.md").write_text(
        md("title: 河南省人民政府驻北京办事处党组\nlevel: 党组"), encoding="utf-8")
    assert branch_ids() == {"baseline-branch": "基线党支部", "henan-zhujing": "河南省人民政府驻北京办事处党组"}
