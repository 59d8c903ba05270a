"""`showcase import`: Word and text files become draft records that pass `showcase check`.

The .docx files are written here with python-docx, so every test knows exactly what
the document holds.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import (DEFAULT_MKDOCS_YML, assert_refused, console_script, content_hashes, md, mkdocs_build,
                      subprocess_env)
from docx import Document
from docx.shared import Inches

from generator.authoring.importer import FIELD_OPTION, kind_options
from generator.authoring.messages import OPTION_HELP
from generator.core.schema import KINDS

CASE_OPTIONS = ("--kind", "case", "--branch", "baseline-branch", "--category", "服务群众")


def showcase(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=subprocess_env(), timeout=120)


def import_(project: Path, source: Path, *options: str) -> subprocess.CompletedProcess:
    return showcase("import", str(source), "--project-dir", str(project), *options)


def assert_passes_check(project: Path) -> None:
    result = showcase("check", str(project))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误，0 个警告" in result.stderr, result.stdout + result.stderr


def png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG (red pixels)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def tiff(width: int = 2, height: int = 2) -> bytes:
    """A small valid TIFF: Word holds it, browsers cannot show it."""
    entries = [(256, 3, 1, width), (257, 3, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8 + 2 + 12 * 8 + 4), (277, 3, 1, 1), (279, 4, 1, width * height)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + b"\0\0\0\0"
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x80" * (width * height)


def report_docx(path: Path, image: bytes | None = None) -> Path:
    """A report as staff write them: title heading, bold run, sub-heading, lists, a table, a picture."""
    doc = Document()
    doc.add_heading("抗洪抢险党员先锋队", level=1)
    para = doc.add_paragraph("2021年7月17日，")
    para.add_run("党员先锋队").bold = True
    para.add_run("冲在一线。原文写有 [[不是链接]] 与 <b>尖括号</b>。")
    doc.add_heading("主要做法", level=2)
    doc.add_paragraph("建立党员责任区", style="List Bullet")
    doc.add_paragraph("设立党员突击队", style="List Bullet")
    doc.add_paragraph("连夜转移群众", style="List Number")
    doc.add_paragraph("次日恢复供电", style="List Number")
    table = doc.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "指标", (0, 1): "数值", (1, 0): "转移群众", (1, 1): "2271 | 人"}.items():
        table.cell(row, col).text = text
    doc.add_picture(io.BytesIO(image or png()), width=Inches(1))
    doc.add_paragraph("2020年3月起，党员先锋队坚持每周研判汛情。")
    doc.add_paragraph("#我为群众办实事#活动")
    doc.add_paragraph("2. 这一段不是列表")
    doc.save(path)
    return path


# -- Word ---------------------------------------------------------------------------------

def test_a_word_report_becomes_a_draft_with_its_markup_and_image(make_project, tmp_path):
    project = make_project()
    result = import_(project, report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS, "--id", "flood-2021")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已写入草稿 content/cases/flood-2021.md（编号 flood-2021）" in result.stdout
    assert "已提取 1 张图片到 content/assets/cases/flood-2021/" in result.stdout

    text = (project / "content/cases/flood-2021.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert "\ntitle: 抗洪抢险党员先锋队\n" in front
    assert "\ndraft: true\n" in front
    assert "\ndate: 2021年7月17日  # 取自正文中的第一个日期，请核对\n" in front
    assert "\nbranches: [baseline-branch]\ncategory: 服务群众\n" in front
    assert "#   2021年7月17日（第 1 段）\n#   2020年3月（第 7 段）\n" in front
    assert "抗洪抢险党员先锋队" not in body  # the title is the page's, not repeated in the body
    assert "**党员先锋队**冲在一线" in body
    assert "\n## 主要做法\n" in body  # under the page title
    assert "- 建立党员责任区\n- 设立党员突击队\n" in body
    assert "1. 连夜转移群众\n2. 次日恢复供电\n" in body
    assert "| 指标 | 数值 |\n| --- | --- |\n| 转移群众 | 2271 \\| 人 |\n" in body
    assert "![](../assets/cases/flood-2021/image1.png)" in body
    assert (project / "content/assets/cases/flood-2021/image1.png").read_bytes() == png()
    assert_passes_check(project)


@pytest.mark.build
def test_the_imported_body_renders_as_written(make_project, tmp_path):
    """Lists stay two lists, the table is a table, text that looks like markup stays text."""
    project = make_project(mkdocs_yml=DEFAULT_MKDOCS_YML + "markdown_extensions: [tables]\n")
    assert import_(project, report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS).returncode == 0
    site = tmp_path / "site"
    build = mkdocs_build(project, site, SHOWCASE_DRAFTS="1")
    assert build.returncode == 0, build.stderr
    page = (site / "cases/flood/index.html").read_text(encoding="utf-8")
    assert "<strong>党员先锋队</strong>" in page
    assert re.search(r"<ul>\s*<li>建立党员责任区</li>\s*<li>设立党员突击队</li>\s*</ul>", page)
    assert re.search(r"<ol>\s*<li>连夜转移群众</li>\s*<li>次日恢复供电</li>\s*</ol>", page)
    assert re.search(r"<td>转移群众</td>\s*<td>2271 \| 人</td>", page)
    assert "[[不是链接]] 与 &lt;b&gt;尖括号&lt;/b&gt;" in page
    assert "<p>#我为群众办实事#活动</p>\n<p>2. 这一段不是列表</p>" in page
    src = re.search(r'<img alt="" src="([^"]+)"', page).group(1)
    assert (site / "cases/flood" / src).resolve().read_bytes() == png()
    public = tmp_path / "public"
    assert mkdocs_build(project, public).returncode == 0
    assert not (public / "cases/flood").exists()
    assert not (public / "assets/cases/flood").exists()  # a draft's images are not published either


def test_an_image_browsers_cannot_show_is_marked_not_imported(make_project, tmp_path):
    project = make_project()
    result = import_(project, report_docx(tmp_path / "scan.docx", image=tiff()), *CASE_OPTIONS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "有 1 张图片是网页无法显示的格式（image/tiff），没有导入" in result.stdout
    body = (project / "content/cases/scan.md").read_text(encoding="utf-8")
    assert "［此处原有一张 image/tiff 格式的图片，网页无法显示，没有导入。" in body
    assert not (project / "content/assets/cases/scan").exists()
    assert_passes_check(project)


@pytest.mark.parametrize("raw", [b"not a zip at all", b"PK\x03\x04" + b"\0" * 40], ids=["not-zip", "broken-zip"])
def test_a_corrupt_word_file_is_refused_in_chinese(make_project, tmp_path, raw):
    project = make_project()
    source = tmp_path / "坏文件.docx"
    source.write_bytes(raw)
    before = content_hashes(project)
    assert_refused(import_(project, source, *CASE_OPTIONS), "无法读取 Word 文档", "另存为")
    assert content_hashes(project) == before


def test_a_zip_that_is_no_word_document_is_refused(make_project, tmp_path):
    import zipfile

    project = make_project()
    source = tmp_path / "renamed.docx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert_refused(import_(project, source, *CASE_OPTIONS), "无法读取 Word 文档")


def test_an_old_doc_file_is_refused_with_how_to_convert_it(make_project, tmp_path):
    source = tmp_path / "old.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    assert_refused(import_(make_project(), source, *CASE_OPTIONS), "旧版 Word 格式（.doc）", "另存为")


def test_other_files_and_missing_files_are_refused(make_project, tmp_path):
    project = make_project()
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    assert_refused(import_(project, tmp_path / "report.pdf", *CASE_OPTIONS), "只能导入 Word 文档（.docx）或文本文件（.txt）")
    assert_refused(import_(project, tmp_path / "nothing.docx", *CASE_OPTIONS), "找不到文件")


# -- text -----------------------------------------------------------------------------------

GBK_REPORT = ("创模式促融合构建党建工作新格局\r\n"
              "\r\n"
              "　　2021-07-17河北省水利厅直属机关党委\r\n"
              "　　2021年7月17日，省水利厅召开党建工作会议。\r\n"
              "　　自2020年3月起推行“四联模式”，2021年7月17日总结。\r\n"
              "1. 推行“四联模式”\r\n"
              "#我为群众办实事#活动\r\n"
              "- 不是列表\r\n")


def test_a_gbk_text_file_is_converted_with_its_title_and_dates(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "report.txt"
    source.write_bytes(GBK_REPORT.encode("gbk"))
    result = import_(project, source, *CASE_OPTIONS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "未指定 --id，编号取“report”" in result.stdout
    text = (project / "content/cases/report.md").read_text(encoding="utf-8")
    assert "\ntitle: 创模式促融合构建党建工作新格局\n" in text
    assert "\ndate: 2021-07-17  # 取自正文中的第一个日期，请核对\n" in text
    assert ("#   2021-07-17（第 1 段）\n#   2021年7月17日（第 2、3 段）\n#   2020年3月（第 3 段）\n") in text
    assert "\n\n2021-07-17河北省水利厅直属机关党委\n\n2021年7月17日，省水利厅召开党建工作会议。\n" in text
    # Paragraphs that Markdown would read as a list item or a heading stay paragraphs.
    assert "\n\n1\\. 推行“四联模式”\n\n\\#我为群众办实事#活动\n\n\\- 不是列表\n" in text
    assert_passes_check(project)


def test_a_utf16_text_file_is_read(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "notes.txt"
    source.write_bytes("\ufeff学习会记录\r\n2021年7月，支部学习。\r\n".encode("utf-16-le"))
    assert import_(project, source, *CASE_OPTIONS).returncode == 0
    assert "title: 学习会记录\n" in (project / "content/cases/notes.md").read_text(encoding="utf-8")


def test_traditional_script_is_kept_as_written(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "ga.txt"
    source.write_text("廣安市水利局機關黨支部\n支部成立於2012年10月，現有黨員30名。\n", encoding="utf-8")
    result = import_(project, source, "--kind", "branch", "--level", "黨支部")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "content/branches/ga.md").read_text(encoding="utf-8")
    assert "\ntitle: 廣安市水利局機關黨支部\n" in text
    assert "\nlevel: 黨支部\n" in text
    assert "\n支部成立於2012年10月，現有黨員30名。\n" in text
    # founded is optional: the date found is offered, commented out.
    assert "\n# founded: 2012年10月  # 成立时间：取自正文中的第一个日期；核对后去掉行首的“# ”\n" in text
    assert_passes_check(project)


@pytest.mark.parametrize("raw,message", [
    (b"\x81\x30\xff\xfe\x80" * 10, "无法识别文本文件"),
    (b"\r\n  \r\n", "里没有文字"),
], ids=["unknown-encoding", "empty"])
def test_unreadable_or_empty_text_is_refused(make_project, tmp_path, raw, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(raw)
    assert_refused(import_(make_project(), source, *CASE_OPTIONS), message)


# -- ids and never overwriting ------------------------------------------------------

def test_an_id_in_use_is_refused_whatever_its_case(make_project, tmp_path):
    project = make_project()
    source = report_docx(tmp_path / "flood.docx")
    before = content_hashes(project)
    today = f"case-{_dt.date.today():%Y%m%d}-1"
    assert_refused(import_(project, source, *CASE_OPTIONS, "--id", "Baseline-Case"),
                   "编号“Baseline-Case”已被 content/cases/baseline-case.md 使用", f"--id {today}")
    assert content_hashes(project) == before


def test_an_existing_file_is_never_overwritten(make_project, tmp_path):
    """Here the file's own id differs, so only the file is in the way."""
    project = make_project({"content/cases/flood.md": md("""
        id: other-flood
        title: 已有案例
        date: 2021
        branches: [baseline-branch]
        category: 其他
        """)})
    before = content_hashes(project)
    assert_refused(import_(project, report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS),
                   "content/cases/flood.md 已存在，不会覆盖")
    assert content_hashes(project) == before


def test_importing_the_same_file_twice_refuses_the_second_time(make_project, tmp_path):
    project = make_project()
    source = report_docx(tmp_path / "Flood.docx")
    assert import_(project, source, *CASE_OPTIONS).returncode == 0
    written = content_hashes(project)
    assert_refused(import_(project, source, *CASE_OPTIONS),
                   "编号“flood”已被 content/cases/flood.md 使用", "不会覆盖")
    assert content_hashes(project) == written


def test_an_existing_image_folder_is_never_overwritten(make_project, tmp_path):
    project = make_project({"content/assets/cases/flood/image1.png": b"older picture"})
    assert_refused(import_(project, report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS),
                   "图片文件夹 content/assets/cases/flood/ 已存在且不是空的")
    assert (project / "content/assets/cases/flood/image1.png").read_bytes() == b"older picture"
    assert not (project / "content/cases/flood.md").exists()


@pytest.mark.parametrize("bad_id", ["有 空格", "a..b", "../escape"])
def test_an_invalid_id_is_refused_saying_what_is_allowed(make_project, tmp_path, bad_id):
    project = make_project()
    before = content_hashes(project)
    assert_refused(import_(project, report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS, "--id", bad_id),
                   f"编号“{bad_id}”不合规", "只能用字母（可用汉字）、数字", "请用 --id 指定")
    assert content_hashes(project) == before


def test_a_file_name_that_is_no_ascii_id_gives_a_dated_id(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "防汛 报告.txt"
    source.write_text("防汛报告\n2021年7月，抢险。\n", encoding="utf-8")
    result = import_(project, source, *CASE_OPTIONS)
    assert result.returncode == 0, result.stderr
    expected = f"case-{_dt.date.today():%Y%m%d}-1"
    assert f"编号取“{expected}”" in result.stdout
    assert (project / f"content/cases/{expected}.md").exists()
    second = import_(project, source, *CASE_OPTIONS)  # the next free number, never the same file
    assert second.returncode == 0, second.stderr
    assert (project / f"content/cases/case-{_dt.date.today():%Y%m%d}-2.md").exists()


# -- required values ------------------------------------------------------------------------

def test_a_missing_required_option_is_named_with_where_to_find_values(make_project, tmp_path):
    project = make_project()
    before = content_hashes(project)
    result = import_(project, report_docx(tmp_path / "flood.docx"), "--kind", "case")
    assert_refused(result, "导入为典型案例还需要以下信息", "--branch …  党组织（可重复",
                   "baseline-branch — 基线党支部", "--category …  案例类别", "服务群众、创先争优")
    assert content_hashes(project) == before


def test_a_lecture_needs_its_series_number_speaker_and_a_date(make_project, tmp_path):
    project = make_project()
    source = tmp_path / "talk.txt"
    source.write_text("党史学习专题讲座\n讲座回顾了百年党史。\n", encoding="utf-8")
    assert_refused(import_(project, source, "--kind", "lecture"),
                   "--series", "--number", "--speaker", "--date")
    result = import_(project, source, "--kind", "lecture", "--series", "基线讲堂", "--number", "2",
                     "--speaker", "李四", "--speaker", "王五", "--date", "2021年7月")
    assert result.returncode == 0, result.stderr
    text = (project / "content/lectures/talk.md").read_text(encoding="utf-8")
    assert "\nnumber: 2\ndate: 2021年7月\nspeakers:\n  - name: 李四\n  - name: 王五\n" in text
    assert_passes_check(project)


def test_an_option_of_another_kind_is_refused(make_project, tmp_path):
    result = import_(make_project(), report_docx(tmp_path / "flood.docx"), *CASE_OPTIONS, "--level", "党支部")
    assert_refused(result, "--level 不适用于典型案例", "--branch --category --date")


def test_a_site_takes_one_branch(make_project, tmp_path):
    result = import_(make_project(), report_docx(tmp_path / "flood.docx"), "--kind", "site",
                     "--branch", "baseline-branch", "--branch", "other")
    assert_refused(result, "--branch（所属党组织）只能给一个值，现在给了 2 个")


def test_values_the_checker_rejects_are_reported_and_nothing_is_written(make_project, tmp_path):
    project = make_project()
    before = content_hashes(project)
    result = import_(project, report_docx(tmp_path / "flood.docx"), "--kind", "case",
                     "--branch", "baseline-brnach", "--category", "抗洪")
    assert_refused(result, "没有写入", "content/cases/flood.md:", "“baseline-brnach”不存在", "baseline-branch",
                   "“抗洪”")
    assert content_hashes(project) == before


def test_every_required_field_is_supplied_by_the_text_or_an_option():
    """A required field added to the schema must get an option here, or imports would fail check."""
    for kind in KINDS:
        for field in kind.fields:
            if field.required and field.key not in ("title", kind.date_key):
                assert FIELD_OPTION[field.key] in OPTION_HELP, (kind.name, field.key)
        assert set(kind_options(kind)) <= set(OPTION_HELP)  # the command offers every option used
