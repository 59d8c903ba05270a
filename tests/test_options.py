"""The plugin's options in mkdocs.yml: one declaration (core/options.py), checked the same way by
`mkdocs build` and by every `showcase` command; a mistake is one clear line, never a traceback."""

from __future__ import annotations

import subprocess

import pytest
from conftest import console_script, mkdocs_build, subprocess_env

from generator.core.options import OPTIONS, ConfigError, OptionError, check_options
from generator.core.settings import load_settings

YML = "site_name: t\ndocs_dir: content\nplugins:\n  - showcase:\n{options}"

# (options as written under `- showcase:`, what the Chinese line must say, what the English one must say)
BAD_OPTIONS = {
    "choice": ("lang: fr", ["选项 lang 写的是“fr”，只能是：zh、en"], ['option lang is "fr"; it must be one of: zh, en']),
    "choice-near": ("visibility: Internal", ["选项 visibility 写的是“Internal”（是不是“internal”？），只能是：public、internal"],
                    ['(did you mean "internal"?); it must be one of: public, internal']),
    "misspelt": ("visiblity: internal", ["没有“visiblity”这个选项（是不是“visibility”？）",
                                         "可用的选项有：lang、vocabularies、visibility、drafts、search"],
                 ['no option "visiblity" (did you mean "visibility"?)']),
    "unknown": ("colour: red", ["没有“colour”这个选项。可用的选项有："], ['no option "colour". Its options are: lang']),
    "type-bool": ("search: 3", ["选项 search 应为true/false，现在是整数"], ["option search must be true/false, not an integer"]),
    "type-optional-bool": ("drafts: 是", ["选项 drafts 应为true/false，现在是文字"], ["option drafts must be true/false"]),
    "type-dict": ("vocabularies: [政治建设]", ["选项 vocabularies 应为带子字段的内容，现在是列表"],
                  ["option vocabularies must be sub-fields, not a list"]),
    "vocabulary-misspelt": ("vocabularies: {categoris: [甲]}",
                            ["vocabularies 下没有“categoris”这个词表（是不是“categories”？）。可用的有：categories、case_categories、lecture_fields"],
                            ['no vocabulary "categoris" (did you mean "categories"?)']),
    "footer-unknown": ("footer: {organizer: 办公室}", ["选项 footer 下没有“organizer”（是不是“organiser”？）。可写的有：organiser、notice、contact"],
                       ['option footer has no "organizer" (did you mean "organiser"?)']),
    "footer-type": ("footer: {contact: [张三]}", ["选项 footer 的 contact 应为一行文字，现在是列表"],
                    ["option footer: contact must be a line of text, not a list"]),
    "vocabulary-empty": ("vocabularies: {categories: []}", ["词表“categories”应为一串文字"],
                         ['vocabulary "categories" must be a non-empty list of strings']),
}


def yml(options: str) -> str:
    return YML.format(options="".join(f"      {line}\n" for line in options.splitlines()))


def showcase(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=subprocess_env(), timeout=120)


def assert_config_error(output: str, zh: list, en: list) -> None:
    assert "Traceback" not in output, output
    line = next(line for line in output.splitlines() if "mkdocs.yml：" in line)
    chinese, english = line.split(" / mkdocs.yml: ")
    for fragment in zh:
        assert fragment in chinese, line
    for fragment in en:
        assert fragment in english, line


@pytest.mark.build
@pytest.mark.parametrize("case", BAD_OPTIONS)
def test_a_bad_option_is_the_same_clear_error_in_every_command_and_in_mkdocs_build(case, make_project, tmp_path):
    options, zh, en = BAD_OPTIONS[case]
    project_dir = make_project(mkdocs_yml=yml(options))
    for command in ("check", "schema", "fields", "build"):
        result = showcase(command, str(project_dir))
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert_config_error(result.stderr, zh, en)
        assert "Config value" not in result.stderr  # MkDocs' English prefix (a plain mkdocs build has it)
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode != 0
    assert_config_error(result.stderr, zh, en)
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_every_declared_option_is_accepted_by_both(make_project, tmp_path):
    written = ("lang: en\nvisibility: internal\ndrafts: true\nsearch: false\n"
               "vocabularies: {categories: [甲, 乙]}\nraw_html: allow\nenabled: true\n"
               "home: {title: 标题, subtitle: 副标题, image: assets/banner.svg}\nsynonyms: {抗疫: [抗击疫情]}\n"
               "footer: {organiser: 办公室, notice: 内部资料 注意保密, contact: 电话 1234}")
    assert set(OPTIONS) == {"lang", "visibility", "drafts", "search", "vocabularies", "raw_html", "home", "synonyms",
                            "footer"}
    project_dir = make_project(mkdocs_yml=yml(written))
    settings = load_settings(str(project_dir))
    assert settings.lang == "en" and settings.vocabularies["categories"] == ["甲", "乙"]
    assert showcase("check", str(project_dir)).returncode == 0
    result = mkdocs_build(project_dir, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Unrecognised" not in result.stderr


def test_options_default_as_declared():
    assert check_options(None) == {"lang": "zh", "vocabularies": {}, "visibility": "public", "drafts": None,
                                   "search": True, "raw_html": "strip", "home": {}, "synonyms": {}, "footer": {}}
    assert check_options({"drafts": None})["drafts"] is None


def test_options_that_are_not_a_mapping_are_an_error(make_project, tmp_path):
    with pytest.raises(OptionError) as caught:
        check_options(["lang"])
    assert "showcase 插件的选项应写成“选项: 值”，现在是列表" in str(caught.value)
    result = showcase("check", str(make_project(mkdocs_yml=YML.format(options="      - lang\n"))))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "选项应写成“选项: 值”" in result.stderr


def test_an_unreadable_mkdocs_yml_is_a_config_error_not_a_traceback(make_project):
    project_dir = make_project(mkdocs_yml="site_name: [t\n")
    with pytest.raises(ConfigError):
        load_settings(str(project_dir))
    result = showcase("check", str(project_dir))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "mkdocs.yml：无法读取这个配置文件：" in result.stderr


def test_plugins_written_as_a_mapping_are_read_too(make_project):
    project_dir = make_project(mkdocs_yml="site_name: t\ndocs_dir: content\nplugins:\n  showcase:\n    lang: fr\n")
    result = showcase("check", str(project_dir))
    assert result.returncode == 2 and "选项 lang 写的是“fr”" in result.stderr
