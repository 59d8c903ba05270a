"""The real `showcase` console script: exit codes, text and JSON reports, languages, and
the check cache, and the JSON Schemas and field reference it exports (and that the committed ones are fresh)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, console_script, md, run_core, subprocess_env

from generator.core.schema import (BRANCH_LEVELS, BRAND_STAGES, DEFAULT_VOCABULARIES, HONOR_LEVELS,
                              KINDS, LECTURE_FORMATS, MEDIA_KINDS, SITE_STATUSES)

LINE = re.compile(r"^content/\S.*?:\d+: (错误|警告)：\S")
LINE_EN = re.compile(r"^content/\S.*?:\d+: (error|warning): \S")

BAD = {
    "content/branches/bad.md": md("title: 支部\nlevel: 党支布\nmembers: 多"),
    "content/sites/warned.md": md("title: 点\nbranch: Baseline-Branch"),
}


def showcase(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=subprocess_env(), timeout=120)


# -- check ------------------------------------------------------------------------------------

def test_check_exits_0_on_a_clean_project(make_project):
    result = showcase("check", str(make_project()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 个错误" in result.stderr and "0 个警告" in result.stderr


def test_check_exits_1_on_errors_and_prints_one_line_per_problem(make_project):
    project_dir = make_project(BAD)
    result = showcase("check", str(project_dir))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    expected = [p.format("zh") for p in run_core(project_dir).problems]
    assert lines == expected
    assert len(lines) == 3
    assert all(LINE.match(line) for line in lines), lines
    assert lines[0].startswith("content/branches/bad.md:3: 错误：“level”")
    assert lines[1].startswith("content/branches/bad.md:4: 错误：“members”")
    assert lines[2].startswith("content/sites/warned.md:3: 警告：")
    assert "2 个错误，1 个警告" in result.stderr


def test_check_exits_0_when_there_are_only_warnings(make_project):
    result = showcase("check", str(make_project({"content/sites/warned.md": BAD["content/sites/warned.md"]})))
    assert result.returncode == 0
    assert result.stdout.startswith("content/sites/warned.md:3: 警告：")


def test_check_defaults_to_the_current_folder(make_project):
    result = showcase("check", cwd=make_project(BAD))
    assert result.returncode == 1
    assert result.stdout.startswith("content/branches/bad.md:3: 错误：")


def test_check_json_report(make_project):
    project_dir = make_project(BAD)
    result = showcase("check", str(project_dir), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 2 and report["warnings"] == 1
    assert report["records"] == len(run_core(project_dir).records)
    problems = report["problems"]
    assert [(p["file"], p["line"], p["severity"], p["code"], p["key"]) for p in problems] == [
        ("content/branches/bad.md", 3, "error", "E024", "enum"),
        ("content/branches/bad.md", 4, "error", "E016", "type-integer"),
        ("content/sites/warned.md", 3, "warning", "W001", "ref-case"),
    ]
    assert "是不是要写“党支部”" in problems[0]["message"]
    assert not problems[0]["message"].startswith("content/")  # the message alone, no location


def test_check_json_report_of_a_clean_project(make_project):
    result = showcase("check", str(make_project()), "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["problems"]) == (0, 0, [])
    assert report["records"] == 5


def test_check_in_english(make_project):
    result = showcase("check", str(make_project(BAD)), "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(LINE_EN.match(line) for line in lines), lines
    assert lines[0].startswith('content/branches/bad.md:3: error: "level"')
    assert '"党支布"' in lines[0] and 'Did you mean "党支部"?' in lines[0]
    assert lines[2].startswith("content/sites/warned.md:3: warning: ")
    assert "2 error(s), 1 warning(s)" in result.stderr


def test_check_json_in_english(make_project):
    result = showcase("check", str(make_project(BAD)), "--format", "json", "--lang", "en")
    problems = json.loads(result.stdout)["problems"]
    assert problems[1]["message"].startswith('"members" (members) must be a whole number')


def test_language_can_be_set_in_mkdocs_yml(make_project):
    yml = "site_name: t\ndocs_dir: content\nplugins:\n  - showcase:\n      lang: en\n"
    result = showcase("check", str(make_project(BAD, mkdocs_yml=yml)))
    assert result.stdout.startswith("content/branches/bad.md:3: error: ")
    # --lang wins over the configuration
    result = showcase("check", str(make_project(BAD, mkdocs_yml=yml)), "--lang", "zh")
    assert result.stdout.startswith("content/branches/bad.md:3: 错误：")


def test_check_reports_problems_of_every_file_at_once(make_project):
    files = {f"content/branches/b{i}.md": md(f"title: 支部{i}\nlevel: 党支布") for i in range(5)}
    result = showcase("check", str(make_project(files)))
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == sorted(
        f"content/branches/b{i}.md" for i in range(5))


# -- the check cache ---------------------------------------------------------------------------------
# (`showcase check` in this process: the cache is read and written as by the console script)

CACHE = Path(".cache", "showcase", "check.marshal")


@pytest.fixture
def check_json(capsys):
    """check_json(project_dir, *options) -> (exit code, JSON report as printed)."""
    from generator.cli import main

    def run(project_dir: Path, *options: str) -> tuple[int, str]:
        code = main(["check", str(project_dir), "--format", "json", *options])
        return code, capsys.readouterr().out

    return run


def test_a_warm_check_re_checks_no_file_and_reports_the_same(make_project, check_json, monkeypatch):
    from generator.core import project as core_project

    project_dir = make_project({"content/sites/warned.md": BAD["content/sites/warned.md"]})
    cold = check_json(project_dir)
    assert '"warnings": 1' in cold[1]
    cache = project_dir / CACHE
    written = (cache.read_bytes(), cache.stat().st_mtime_ns)
    checked = []
    load_record = core_project.load_record
    monkeypatch.setattr(core_project, "load_record", lambda settings, src_uri, raw=None: (
        checked.append(src_uri), load_record(settings, src_uri, raw))[1])
    assert check_json(project_dir) == cold
    assert checked == []  # every file was a hit
    assert (cache.read_bytes(), cache.stat().st_mtime_ns) == written  # and nothing new to save
    assert check_json(project_dir, "--no-cache") == cold and len(checked) == 6  # (the recorder works)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_field_errors_with_labels_and_suggestions_are_cached_too(make_project, check_json, monkeypatch, lang):
    """Messages whose arguments are labels, kinds or nested messages are kept, rendered, in the cache."""
    from generator.core import project as core_project

    project_dir = make_project({"content/branches/bad.md": md("title: 坏\nlevel: 党支\nmembres: 3\nparent: nobody")})
    cold = check_json(project_dir, "--lang", lang)
    assert "enum" in cold[1] and "unknown-key" in cold[1] and "ref-missing" in cold[1]
    checked = []
    load_record = core_project.load_record
    monkeypatch.setattr(core_project, "load_record", lambda settings, src_uri, raw=None: (
        checked.append(src_uri), load_record(settings, src_uri, raw))[1])
    assert check_json(project_dir, "--lang", lang) == cold
    assert checked == []


def test_a_check_re_reads_a_file_whose_stamp_changed(make_project, check_json):
    project_dir = make_project()
    assert check_json(project_dir)[0] == 0
    branch = project_dir / "content/branches/baseline-branch.md"
    branch.write_text(branch.read_text(encoding="utf-8").replace("level: 党支部", "level: 党支"), encoding="utf-8")
    warm = check_json(project_dir)
    assert warm == check_json(project_dir, "--no-cache")
    assert "content/branches/baseline-branch.md" in warm[1]


def test_a_check_re_reads_a_file_whose_missing_file_appeared(make_project, check_json):
    site = "content/sites/covered.md"
    project_dir = make_project({site: md("title: 点\nbranch: baseline-branch\ncover: /assets/封面.png"),
                                "content/assets/说明.txt": "the folder exists"})
    assert "file-missing" in check_json(project_dir)[1]
    (project_dir / "content/assets/封面.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out = check_json(project_dir)
    assert code == 0 and json.loads(out)["problems"] == []


def test_an_unreadable_cache_is_ignored_and_replaced(make_project, check_json):
    project_dir = make_project(BAD)
    expected = check_json(project_dir, "--no-cache")
    (project_dir / CACHE).write_bytes(b"\x00not a cache")
    assert check_json(project_dir) == expected
    assert (project_dir / CACHE).read_bytes() != b"\x00not a cache"


# -- the bundled sample content --------------------------------------------------------------------

def test_sample_content_passes_check_without_errors_or_warnings():
    result = showcase("check", str(REPO), "--format", "json", "--no-cache")
    report = json.loads(result.stdout)
    problems = [f"{p['file']}:{p['line']}: {p['severity']}: {p['message']}" for p in report["problems"]]
    assert (report["errors"], report["warnings"]) == (0, 0), "\n".join(problems)
    assert result.returncode == 0
    assert report["records"] > 0


# -- schema ------------------------------------------------------------------------------------

def export_schemas(project_dir: Path, out: Path) -> dict[str, dict]:
    result = showcase("schema", str(project_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{k}.schema.json" for k in ("branch", "brand", "site", "lecture", "case"))
    return {name.split(".")[0]: json.loads((out / name).read_text(encoding="utf-8")) for name in files}


@pytest.fixture
def schemas(make_project, tmp_path):
    return export_schemas(make_project(), tmp_path / "schemas")


def test_schema_required_keys_follow_the_contract(schemas):
    assert set(schemas["branch"]["required"]) == {"title", "level"}
    assert set(schemas["brand"]["required"]) == {"title", "owner"}
    assert set(schemas["site"]["required"]) == {"title", "branch"}
    assert set(schemas["lecture"]["required"]) == {"title", "series", "number", "date", "speakers"}
    assert set(schemas["case"]["required"]) == {"title", "date", "branches", "category"}


def test_schema_required_and_properties_match_the_declarations(schemas):
    for kind in KINDS:
        schema = schemas[kind.name]
        assert set(schema["properties"]) == set(kind.by_key)
        assert schema["required"] == [f.key for f in kind.fields if f.required]
        assert schema["additionalProperties"] is False


def enums(schema, path=()) -> dict:
    """Every enum in a schema, keyed by the property path that leads to it."""
    found = {}
    if not isinstance(schema, dict):
        return found
    if "enum" in schema:
        found[path] = schema["enum"]
    for option in schema.get("anyOf", ()):
        found.update(enums(option, path))
    if "items" in schema:
        found.update(enums(schema["items"], path))
    for name, sub in schema.get("properties", {}).items():
        found.update(enums(sub, path + (name,)))
    return found


def test_schema_enumerations_follow_the_contract(schemas):
    assert enums(schemas["branch"])[("level",)] == list(BRANCH_LEVELS)
    assert list(BRANCH_LEVELS) == ["党组", "党委", "机关党委", "党总支", "党支部", "临时党支部"]
    assert enums(schemas["branch"])[("honors", "level")] == list(HONOR_LEVELS)
    assert enums(schemas["brand"])[("stage",)] == list(BRAND_STAGES)
    assert enums(schemas["site"])[("status",)] == list(SITE_STATUSES)
    assert enums(schemas["lecture"])[("format",)] == list(LECTURE_FORMATS)
    assert enums(schemas["lecture"])[("media", "kind")] == list(MEDIA_KINDS)
    assert enums(schemas["lecture"])[("fields",)] == list(DEFAULT_VOCABULARIES["lecture_fields"])
    assert enums(schemas["case"])[("category",)] == list(DEFAULT_VOCABULARIES["case_categories"])
    for kind in KINDS:
        assert enums(schemas[kind.name])[("visibility",)] == ["public", "internal"]
        assert enums(schemas[kind.name])[("categories",)] == list(DEFAULT_VOCABULARIES["categories"])


def test_schema_enumerations_use_the_configured_vocabularies(make_project, tmp_path):
    yml = ("site_name: t\ndocs_dir: content\nplugins:\n  - showcase:\n      vocabularies:\n"
           "        case_categories: [水利攻坚, 服务群众]\n        categories: [甲, 乙]\n"
           "        lecture_fields: [水文]\n")
    schemas = export_schemas(make_project(mkdocs_yml=yml), tmp_path / "out")
    assert enums(schemas["case"])[("category",)] == ["水利攻坚", "服务群众"]
    assert enums(schemas["lecture"])[("fields",)] == ["水文"]
    for kind in KINDS:
        assert enums(schemas[kind.name])[("categories",)] == ["甲", "乙"]


def test_schema_describes_fields_in_chinese(schemas):
    branch = schemas["branch"]
    assert branch["properties"]["level"]["title"] == "层级"
    assert branch["properties"]["title"]["maxLength"] == 80
    assert schemas["site"]["properties"]["location"]["properties"]["lat"]["minimum"] == -90
    assert schemas["branch"]["properties"]["rating"]["properties"]["stars"]["maximum"] == 5


def test_schema_accepts_the_baseline_records(schemas):
    # A minimal check of required keys and enums against real, valid front matter.
    import yaml
    from conftest import BASELINE
    for path, text in BASELINE.items():
        kind = next(k for k in KINDS if path.startswith(f"content/{k.folder}/"))
        data = yaml.safe_load(text.split("---\n")[1])
        schema = schemas[kind.name]
        assert set(schema["required"]) <= set(data), path
        assert set(data) <= set(schema["properties"]), path
        for key, allowed in enums(schema).items():
            if len(key) == 1 and key[0] in data and isinstance(data[key[0]], str):
                assert data[key[0]] in allowed


def test_committed_schemas_are_what_showcase_schema_writes(tmp_path):
    result = showcase("schema", str(REPO), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(p.name for p in (REPO / "schemas").glob("*.json")) == fresh
    for name in fresh:
        assert (REPO / "schemas" / name).read_bytes() == (tmp_path / name).read_bytes(), \
            f"schemas/{name} is stale: run `showcase schema`"


def test_schema_default_output_folder_is_project_schemas(make_project):
    project_dir = make_project()
    result = showcase("schema", str(project_dir))
    assert result.returncode == 0
    assert sorted(p.name for p in (project_dir / "schemas").iterdir()) == sorted(
        f"{k.name}.schema.json" for k in KINDS)


# -- fields -------------------------------------------------------------------------------------------

def test_committed_field_reference_is_what_showcase_fields_prints():
    result = showcase("fields", str(REPO))
    assert result.returncode == 0, result.stderr
    assert (REPO / "docs" / "fields.md").read_text(encoding="utf-8") == result.stdout, \
        "docs/fields.md is stale: run `showcase fields --out docs/fields.md`"


def test_check_warns_when_mkdocs_yml_sets_no_site_url(make_project):
    project = make_project(mkdocs_yml="site_name: 测试\ndocs_dir: content\nplugins: [showcase]\n")
    result = showcase("check", str(project))
    assert result.returncode == 0
    assert result.stdout.startswith("mkdocs.yml:1: 警告：没有设置网站地址（site_url")
    assert "0 个错误，1 个警告" in result.stderr
    english = showcase("check", "--lang", "en", str(project))
    assert "no site address (site_url" in english.stdout


# -- the command line's own mistakes, in Chinese --------------------------------------------------

@pytest.mark.parametrize("args, line", [
    (["check", "--bogus"], "showcase：错误：不认识的参数：--bogus / unrecognized arguments: --bogus"),
    (["import", "--kind", "case"], "showcase import：错误：缺少必须写的参数：file / "
                                   "the following arguments are required: file"),
    (["check", "--lang"], "showcase check：错误：参数 --lang：后面要写一个值 / argument --lang: expected one argument"),
    (["check", "--format", "xml"], "showcase check：错误：参数 --format：不能写“xml”，可选：“text”、“json” / "
                                   "argument --format: invalid choice: "),
    (["report", "--stale-years", "0"], "showcase report：错误：参数 --stale-years：应为正整数 / a positive integer: '0'"),
])
def test_argument_mistakes_are_said_in_chinese(args, line):
    result = showcase(*args)
    assert result.returncode == 2 and result.stdout == ""
    usage, *rest, last = result.stderr.splitlines()
    assert usage.startswith("用法：showcase") and "usage:" not in result.stderr
    assert last.startswith(line), last


def test_help_headings_are_chinese():
    result = showcase("check", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：showcase check [-h]")
    for heading in ("参数 / positional arguments:", "选项 / options:", "显示本说明 / show this help message and exit"):
        assert heading in result.stdout
