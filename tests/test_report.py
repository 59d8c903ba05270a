"""`showcase report`: the content health report, on a project crafted to hold one of each finding."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess

import pytest
from conftest import console_script, md, run_core, subprocess_env

from generator.core.report import SECTIONS, health_report, report_lines

TODAY = datetime.date(2025, 6, 1)

# Baseline records are complete enough to find nothing but what each file below adds.
COMPLETE = {
    "content/branches/baseline-branch.md": md("""
        title: 基线党支部
        level: 党支部
        summary: 基线。
        updated: 2025-01-01
        """),
    "content/brands/baseline-brand.md": md("""
        title: 基线讲堂
        owner: baseline-branch
        summary: 基线。
        logo: /assets/logo.svg
        updated: 2025-01-01
        """),
    "content/lectures/基线讲堂/001.md": md("""
        title: 基线讲堂第1期
        series: 基线讲堂
        number: 1
        date: 2024-07-17
        summary: 基线。
        speakers:
          - name: 张三
        """),
    "content/assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}
FINDINGS = {
    "content/branches/lonely.md": md("""
        title: 孤立党支部
        level: 党支部
        summary: 没有人引用。
        updated: 2025-01-01
        """),
    "content/brands/idle.md": md("""
        title: 空品牌
        owner: baseline-branch
        summary: 什么都没有。
        updated: 2025-01-01
        honors:
          - title: 无年份荣誉
            level: 省部级
          - title: 完整荣誉
            level: 省部级
            year: 2020
          - title: 全缺荣誉
        """),
    "content/cases/old.md": md("""
        title: 旧案例
        date: 2019-05
        branches: [baseline-branch]
        brand: idle
        category: 其他
        cover: /assets/logo.svg
        """, "引用 [[hidden]]。"),
    "content/cases/hidden.md": md("""
        title: 内部案例
        date: 2024-01-01
        branches: [baseline-branch]
        category: 其他
        summary: 内部。
        cover: /assets/logo.svg
        visibility: internal
        """),
    "content/lectures/基线讲堂/004.md": md("""
        title: 基线讲堂第4期
        series: 基线讲堂
        number: 4
        date: 2024-09-01
        summary: 第四期。
        speakers:
          - name: 李四
        """),
    "content/lectures/基线讲堂/005.md": md("""
        title: 基线讲堂第5期
        series: 基线讲堂
        number: 5
        date: 2024-10-01
        summary: 第五期。
        speakers:
          - name: 李四
        """),
    "content/lectures/基线讲堂/007.md": md("""
        title: 基线讲堂第7期
        series: 基线讲堂
        number: 7
        date: 2024-11-01
        summary: 第七期。
        speakers:
          - name: 李四
        """),
}


@pytest.fixture
def crafted(make_project):
    return make_project({**COMPLETE, **FINDINGS}, baseline=False)


def findings_of(project_dir, stale_years=3):
    return health_report(run_core(project_dir), TODAY, stale_years)


def test_a_complete_project_has_no_findings(make_project):
    assert findings_of(make_project(COMPLETE, baseline=False)) == []


def test_each_finding_is_listed_with_its_file_line_and_id(crafted):
    found = [(f.code, f.path, f.line, f.record_id) for f in findings_of(crafted)]
    assert found == [
        ("report-no-summary", "content/cases/old.md", 2, "old"),
        ("report-no-picture", "content/brands/idle.md", 2, "idle"),  # a logo or a cover
        ("report-orphan-organisation", "content/branches/lonely.md", 2, "lonely"),
        ("report-stale", "content/cases/old.md", 3, "old"),  # its date, with no `updated`
        ("report-honour-incomplete", "content/brands/idle.md", 7, "idle"),
        ("report-honour-incomplete", "content/brands/idle.md", 12, "idle"),
        ("report-series-gap", "content/lectures/基线讲堂/004.md", 4, "基线讲堂/004"),
        ("report-series-gap", "content/lectures/基线讲堂/007.md", 4, "基线讲堂/007"),
        ("ref-hidden", "content/cases/old.md", 10, "old"),
    ]
    assert [f.code for f in findings_of(crafted)] == sorted((f.code for f in findings_of(crafted)), key=SECTIONS.index)


def test_messages_say_what_is_missing(crafted):
    messages = {(f.code, f.path.split("/")[-1], f.line): f.message("zh") for f in findings_of(crafted)}
    assert "缺少年份" in messages[("report-honour-incomplete", "idle.md", 7)]
    assert "缺少级别、年份" in messages[("report-honour-incomplete", "idle.md", 12)]
    assert "第 1 期之后是第 4 期，缺第 2—3 期" in messages[("report-series-gap", "004.md", 4)]
    assert "第 5 期之后是第 7 期，缺第 6 期" in messages[("report-series-gap", "007.md", 4)]
    assert "已超过 3 年没有更新（“date”（时间）为 2019年5月）" in messages[("report-stale", "old.md", 3)]
    assert "内部记录" in messages[("ref-hidden", "old.md", 10)]
    english = {f.code: f.message("en") for f in findings_of(crafted)}
    assert english["report-orphan-organisation"].startswith("organisation \"孤立党支部\" is named by no record")


def test_a_brand_named_by_a_case_or_a_series_is_not_idle(crafted):
    codes = {(f.code, f.record_id) for f in findings_of(crafted)}
    assert ("report-idle-brand", "idle") not in codes  # old.md names it
    assert ("report-idle-brand", "baseline-brand") not in codes  # the series 基线讲堂 bears its title


def test_a_brand_with_nothing_is_idle(make_project):
    files = {**COMPLETE, "content/brands/empty.md": md("""
        title: 无物品牌
        owner: baseline-branch
        summary: 空。
        logo: /assets/logo.svg
        updated: 2025-01-01
        """, "正文提到 [[baseline-branch]]。")}
    assert [(f.code, f.record_id) for f in findings_of(make_project(files, baseline=False))] == [
        ("report-idle-brand", "empty")]


def test_stale_years_is_an_option(crafted):
    assert "old" not in {f.record_id for f in findings_of(crafted, stale_years=10) if f.code == "report-stale"}
    stale = {f.record_id for f in findings_of(crafted, stale_years=1) if f.code == "report-stale"}
    assert stale == {"old", "hidden"}  # 2024-01-01 is more than a year before 2025-06-01; 2024-07-17 is not


def test_text_report_has_a_section_per_kind_of_finding(crafted):
    project = run_core(crafted)
    lines = report_lines(health_report(project, TODAY), len(project.records), TODAY)
    assert lines[0] == "内容体检报告（2025-06-01）：共 10 条记录（含内部记录和草稿），发现 9 处需要关注"
    assert "期数不连续的讲堂系列（2）" in lines
    assert "content/branches/lonely.md:2: [lonely] 党组织“孤立党支部”没有被任何记录引用" in "\n".join(lines)


def showcase(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, env=subprocess_env(), timeout=120)


def test_report_on_the_command_line_in_three_formats(crafted):
    text = showcase("report", str(crafted))
    assert text.returncode == 0, text.stderr.decode()
    assert "没有被引用的党组织（1）" in text.stdout.decode()
    data = json.loads(showcase("report", str(crafted), "--format", "json").stdout)
    assert data["stale_years"] == 3 and data["errors"] == 0
    assert {f["section"] for f in data["findings"]} == set(SECTIONS) - {"report-idle-brand"}
    assert {"file", "line", "id", "title", "message", "heading"} <= set(data["findings"][0])
    raw = showcase("report", str(crafted), "--format", "csv", "--lang", "en").stdout
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0] == ["section", "file", "line", "id", "title", "message"]
    assert len(table) - 1 == len(data["findings"])
    longer = json.loads(showcase("report", str(crafted), "--format", "json", "--stale-years", "50").stdout)
    assert "report-stale" not in {f["section"] for f in longer["findings"]}


def test_report_refuses_a_bad_option_and_flags_content_errors(crafted, make_project):
    bad = showcase("report", str(crafted), "--stale-years", "zero")
    assert bad.returncode == 2 and "正整数" in bad.stderr.decode()
    broken = make_project({"content/cases/bad.md": md("title: 坏\n")})
    result = showcase("report", str(broken))
    assert result.returncode == 1 and "showcase check" in result.stderr.decode()
