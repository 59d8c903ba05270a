"""`showcase new` and `showcase ids`: a new record from its kind's template, and finding ids.

Every test runs the real command (a console script, in a pseudo-terminal for the questions)
on a throwaway project and checks the file it writes with `showcase check`.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path

import pytest
from conftest import assert_refused, console_script, content_hashes, md, subprocess_env

from generator.authoring.newrecord import option_fields
from generator.core.schema import KIND_BY_NAME, KINDS


def showcase(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([console_script("showcase"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=subprocess_env(), timeout=120, stdin=subprocess.DEVNULL)


def new(project: Path, *args: str) -> subprocess.CompletedProcess:
    return showcase("new", *args, "--project-dir", str(project))


def check(project: Path) -> subprocess.CompletedProcess:
    return showcase("check", str(project), "--no-cache")


def assert_passes_check(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误" in result.stderr, result.stdout + result.stderr


# A value for every required field that the baseline project accepts: what a staff member
# types into the template (YAML), and the same as command-line options.
FILLED = {
    "title": ("新记录", ["新记录"]),
    "level": ("党支部", ["党支部"]),
    "owner": ("baseline-branch", ["baseline-branch"]),
    "branch": ("baseline-branch", ["baseline-branch"]),
    "series": ("基线讲堂", ["基线讲堂"]),
    "number": ("2", ["2"]),
    "date": ("2021-07-17", ["2021-07-17"]),
    "speakers": ("\n  - name: 张三", ["张三"]),
    "branches": ("[baseline-branch]", ["baseline-branch"]),
    "category": ("服务群众", ["服务群众"]),
}


def required(kind) -> list[str]:
    return [f.key for f in kind.fields if f.required]


def front_and_body(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return front, body


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_new_writes_the_kinds_template_which_passes_check_once_filled(make_project, kind):
    project = make_project()
    result = new(project, kind.name, "fresh")
    assert result.returncode == 0, result.stderr
    path = project / "content" / kind.folder / "fresh.md"
    assert f"已新建 content/{kind.folder}/fresh.md（编号 fresh）" in result.stdout
    front, body = front_and_body(path)

    # Required fields first, empty; then every optional one, commented out, with its example.
    keys = [m.group(1) for m in re.finditer(r"(?m)^([a-z]+):", front)]
    assert keys == required(kind)
    commented = [m.group(1) for m in re.finditer(r"(?m)^# ([a-z]+):", front)]
    assert commented == [f.key for f in kind.shown_order if not f.required and f.key != "id"]
    for field_ in kind.fields:  # each field's label and help, from the schema
        if field_.key != "id":
            assert f"# {field_.zh}" in front and field_.help.split("，")[0] in front, field_.key
    for heading, hint in kind.outline:
        assert f"\n## {heading}\n\n<!-- {hint} -->\n" in body
    assert kind.outline, "every kind declares a body outline"

    # As written it fails only for the values left to fill in …
    result = check(project)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(problems) == len(required(kind)), result.stdout
    assert all("不能为空" in line and f"content/{kind.folder}/fresh.md:" in line for line in problems)

    # … and passes once they are filled in.
    assert set(required(kind)) <= set(FILLED)
    text = path.read_text(encoding="utf-8")
    for key in required(kind):
        text = re.sub(rf"(?m)^{key}:$", f"{key}: {FILLED[key][0]}".replace(": \n", ":\n"), text, count=1)
    path.write_text(text, encoding="utf-8")
    assert_passes_check(project)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_new_with_the_required_values_as_options_passes_check_right_away(make_project, kind):
    project = make_project()
    options = [arg for key in required(kind) for value in FILLED[key][1] for arg in (f"--{key}", value)]
    result = new(project, kind.name, *options)
    assert result.returncode == 0, result.stderr
    assert "未指定编号，编号取" in result.stdout
    written = re.search(r"已新建 (\S+)（编号 (\S+)）", result.stdout)
    assert (project / written.group(1)).exists()
    assert_passes_check(project)


def test_ids_are_suggested_from_the_organisation_and_year_or_the_series_and_number(make_project):
    project = make_project()
    result = new(project, "case", "--branches", "baseline-branch", "--date", "2020-03")
    assert "编号取“baseline-branch-2020-1”" in result.stdout
    result = new(project, "case", "--branches", "baseline-branch", "--date", "2020-03")
    assert "编号取“baseline-branch-2020-2”" in result.stdout  # the next free one
    result = new(project, "lecture", "--series", "基线讲堂", "--number", "7")
    assert "编号取“基线讲堂/007”" in result.stdout
    assert (project / "content/lectures/基线讲堂/007.md").exists()


def test_optional_values_given_as_options_are_written_uncommented(make_project):
    project = make_project()
    result = new(project, "lecture", "s1", "--title", "第2期", "--series", "基线讲堂", "--number", "2",
                 "--date", "2021年7月", "--speakers", "李四", "--speakers", "王五", "--fields", "党史",
                 "--host", "baseline-branch", "--attendance", "80", "--draft", "true")
    assert result.returncode == 0, result.stderr
    front, _ = front_and_body(project / "content/lectures/s1.md")
    assert "\nspeakers:\n  - name: 李四\n  - name: 王五\n" in front
    assert "\nfields: [党史]\n" in front and "\nhost: baseline-branch\n" in front
    assert "\nattendance: 80\n" in front and "\ndraft: true\n" in front
    assert "\n# venue: " in front  # not given: still an example
    assert_passes_check(project)


# -- refusals -----------------------------------------------------------------------------

def test_an_id_in_use_is_refused_whatever_its_case(make_project):
    project = make_project()
    before = content_hashes(project)
    assert_refused(new(project, "case", "Baseline-Case"),
                   "编号“Baseline-Case”已被 content/cases/baseline-case.md 使用", "不会覆盖", "请另取一个编号")
    # an id of another kind is in use too: ids are unique across the knowledge base
    assert_refused(new(project, "case", "BASELINE-BRANCH"), "已被 content/branches/baseline-branch.md 使用")
    assert content_hashes(project) == before


def test_an_existing_file_is_never_overwritten(make_project):
    """The file's own id differs (or it is not a valid record), so only the file is in the way."""
    project = make_project({"content/cases/flood.md": md("id: other-flood\ntitle: 已有\ndate: 2021\n"
                                                         "branches: [baseline-branch]\ncategory: 其他"),
                            # no record at all (its id is invalid), in another letter case
                            "content/cases/Broken.md": md("id: 有 空格\ntitle: 坏")})
    before = content_hashes(project)
    assert_refused(new(project, "case", "flood"), "content/cases/flood.md 已存在，不会覆盖")
    assert_refused(new(project, "case", "broken"), "content/cases/Broken.md 已存在，不会覆盖")
    assert content_hashes(project) == before


@pytest.mark.parametrize("bad_id, message", [
    ("有 空格", "只能用字母（可用汉字）、数字、“-”和“_”，各段之间用“/”，不能有空格"),
    ("../escape", "只能用字母（可用汉字）、数字"),
    ("a//b", "只能用字母（可用汉字）、数字"),
    ("x/" * 8 + "x", "有 9 段，最多 8 段"),
    ("长" * 41, "每段最多 120 字节"),
    ("page/2", "已被自动生成的页面占用"),
])
def test_an_invalid_id_is_refused_saying_what_is_allowed(make_project, bad_id, message):
    project = make_project()
    before = content_hashes(project)
    assert_refused(new(project, "case", bad_id), f"“{bad_id}”", message, "例如 case-")
    assert content_hashes(project) == before


def test_values_the_checker_rejects_are_refused_with_its_own_lines(make_project):
    project = make_project()
    before = content_hashes(project)
    assert_refused(new(project, "case", "x", "--branches", "nowhere", "--category", "其它"),
                   "没有写入", "content/cases/x.md:", "引用的党组织“nowhere”不存在", "是不是要写“其他”")
    assert_refused(new(project, "site", "x", "--branch", "a", "--branch", "b"), "--branch（所属党组织）只能给一个值")
    assert_refused(new(project, "branch", "x", "--owner", "baseline-branch"),
                   "--owner 不适用于党组织", "--level")
    assert content_hashes(project) == before


def test_without_a_kind_and_no_terminal_it_says_what_to_write(make_project):
    result = new(make_project())
    assert result.returncode == 2
    assert "showcase new 类型 [编号]" in result.stderr and "branch、brand、site、lecture、case" in result.stderr


# -- asked in a terminal --------------------------------------------------------------------

class Terminal:
    """A command run in a pseudo-terminal, answered prompt by prompt."""

    def __init__(self, *args: str):
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen([console_script("showcase"), *args], stdin=slave, stdout=slave,
                                        stderr=slave, env=subprocess_env(), close_fds=True)
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} never appeared in {self.seen!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the command ended
                    chunk = b""
                assert chunk or text in self.seen, f"{text!r} never appeared in {self.seen!r}"
                self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        before, self.seen = self.seen.split(text, 1)
        return before + text

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode("utf-8"))

    def skip_to(self, question: str) -> str:
        """Answer the questions before `question` with Enter (optional ones, such as the
        organisation when the kind names one); the prompt that asks it."""
        prompt = self.expect("）：")
        while question not in prompt:
            self.send("")
            prompt = self.expect("）：")
        return prompt

    def finish(self) -> int:
        code = self.process.wait(timeout=60)
        os.close(self.master)
        return code


ORGANISATIONS = {
    "content/branches/henan-zhujing.md": md("title: 河南省人民政府驻北京办事处党组\nlevel: 党组"),
    "content/branches/henan-jzy.md": md("title: 河南驻京机构接转运临时党总支\nlevel: 临时党支部"),
    "content/branches/hebei-slt.md": md("title: 河北省水利厅直属机关党委\nlevel: 机关党委"),
}


def test_asked_in_a_terminal_the_organisation_is_found_by_part_of_its_name(make_project):
    project = make_project(ORGANISATIONS)
    term = Terminal("new", "--project-dir", str(project))
    term.expect("类型（序号或名称）：")
    term.send("9")
    term.expect("请输入 1 到 5 的序号")
    term.send("典型案例")
    term.expect("标题：")
    term.send("")
    term.expect("标题不能为空")
    term.send("两会期间服务保障")
    term.expect("查找（简体繁体均可，直接回车跳过）：")
    term.send("上海")
    term.expect("没有找到含“上海”的党组织")
    term.send("河南")  # two match: a numbered list to choose from
    listed = term.expect("输入序号选择，或输入别的文字重新查找：")
    assert "1. henan-jzy — 河南驻京机构接转运临时党总支" in listed
    assert "2. henan-zhujing — 河南省人民政府驻北京办事处党组" in listed
    assert "hebei-slt" not in listed
    term.send("2")
    term.expect("已选：henan-zhujing — 河南省人民政府驻北京办事处党组")
    suggested = term.expect("）：")
    assert "编号（直接回车使用 henan-zhujing-" in suggested
    term.send("BASELINE-case")  # in use: refused, asked again
    term.expect("编号“BASELINE-case”已被 content/cases/baseline-case.md 使用")
    term.expect("）：")
    term.send("")
    term.expect("已新建 content/cases/henan-zhujing-")
    assert term.finish() == 0
    written = list((project / "content/cases").glob("henan-zhujing-*.md"))
    assert len(written) == 1
    front, _ = front_and_body(written[0])
    assert "\ntitle: 两会期间服务保障\n" in front and "\nbranches: [henan-zhujing]\n" in front


def test_asked_in_a_terminal_traditional_script_finds_the_organisation(make_project):
    project = make_project(ORGANISATIONS)
    term = Terminal("new", "--project-dir", str(project))
    term.expect("类型（序号或名称）：")
    term.send("2")  # brand
    term.expect("标题：")
    term.send("出彩驻京")
    term.expect("直接回车跳过）：")
    term.send("駐北京辦事處")  # traditional script, one match: chosen at once
    term.expect("已选：henan-zhujing — 河南省人民政府驻北京办事处党组")
    term.expect("）：")
    term.send("chucai")
    term.expect("已新建 content/brands/chucai.md（编号 chucai）")
    assert term.finish() == 0
    front, _ = front_and_body(project / "content/brands/chucai.md")
    assert "\nowner: henan-zhujing\n" in front


def test_asked_in_a_terminal_a_lecture_gets_its_series_and_number(make_project):
    project = make_project()  # holds 基线讲堂 No. 1
    term = Terminal("new", "--project-dir", str(project))
    term.expect("类型（序号或名称）：")
    term.send("讲堂")
    term.expect("标题：")
    term.send("第二期讲堂")
    listed = term.expect("新系列直接输入名称）：")
    assert "已有的系列：\n  1. 基线讲堂（已有 1 期，最近第 1 期）" in listed
    term.send("")
    term.expect("系列不能为空")
    term.send("1")
    term.expect("期数（直接回车使用 2）：")
    term.send("第一")
    term.expect("期数应为正整数，如 2")
    term.send("1")
    term.expect("“基线讲堂”第 1 期已有：content/lectures/基线讲堂/001.md。请换一个期数，如 2")
    term.send("")
    assert "编号（直接回车使用 基线讲堂/002）：" in term.skip_to("编号（")
    term.send("")
    term.expect("已新建 content/lectures/基线讲堂/002.md（编号 基线讲堂/002）")
    assert term.finish() == 0
    front, _ = front_and_body(project / "content/lectures/基线讲堂/002.md")
    assert "\nseries: 基线讲堂\n" in front and "\nnumber: 2\n" in front and "\ntitle: 第二期讲堂\n" in front

    # a new series: typed by name, numbered from 1
    term = Terminal("new", "--project-dir", str(project))
    term.expect("类型（序号或名称）：")
    term.send("lecture")
    term.expect("标题：")
    term.send("开篇")
    term.expect("新系列直接输入名称）：")
    term.send("青年讲堂")
    term.expect("期数（直接回车使用 1）：")
    term.send("")
    assert "编号（直接回车使用 青年讲堂/001）：" in term.skip_to("编号（")
    term.send("")
    term.expect("已新建 content/lectures/青年讲堂/001.md")
    assert term.finish() == 0


def test_ending_the_questions_writes_nothing(make_project):
    project = make_project()
    before = content_hashes(project)
    term = Terminal("new", "--project-dir", str(project))
    term.expect("类型（序号或名称）：")
    term.send("1")
    term.expect("标题：")
    os.write(term.master, b"\x04")  # Ctrl-D
    term.expect("已取消，没有写入任何文件")
    assert term.finish() == 1
    assert content_hashes(project) == before


# -- showcase ids -------------------------------------------------------------------------

def ids(project: Path, *args: str) -> subprocess.CompletedProcess:
    return showcase("ids", *args, "--project-dir", str(project))


def listed_ids(result: subprocess.CompletedProcess) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines()]


def test_ids_lists_id_kind_and_title_filtered_by_words_in_either_script(make_project):
    project = make_project({**ORGANISATIONS, "content/cases/lianghui.md": md(
        "title: 河南驻京办两会服务\ndate: 2021\nbranches: [henan-zhujing]\ncategory: 服务群众\ndraft: true")})
    everything = ids(project)
    assert everything.returncode == 0
    assert len(everything.stdout.splitlines()) == 9  # 5 baseline records + 4
    assert "共 9 条" in everything.stderr
    assert re.search(r"(?m)^henan-zhujing +党组织 +河南省人民政府驻北京办事处党组$", everything.stdout)
    assert re.search(r"(?m)^lianghui +典型案例 +河南驻京办两会服务（草稿）$", everything.stdout)

    assert listed_ids(ids(project, "河南")) == ["henan-jzy", "henan-zhujing", "lianghui"]
    assert listed_ids(ids(project, "河南", "--kind", "branch")) == ["henan-jzy", "henan-zhujing"]
    assert listed_ids(ids(project, "駐京")) == ["henan-jzy", "lianghui"]  # traditional finds simplified
    assert listed_ids(ids(project, "驻北京", "党组")) == ["henan-zhujing"]  # every word
    assert listed_ids(ids(project, "HENAN-Z")) == ["henan-zhujing"]  # in the id, any case
    assert listed_ids(ids(project, "--kind", "lecture")) == ["基线讲堂/001"]

    nothing = ids(project, "上海")
    assert nothing.returncode == 1 and "没有找到编号或标题含“上海”的记录" in nothing.stderr


def test_ids_speaks_the_language_asked_for(make_project):
    project = make_project({"content/cases/lianghui.md": md(
        "title: 两会服务\ndate: 2021\nbranches: [baseline-branch]\ncategory: 服务群众\ndraft: true")})
    english = ids(project, "两会", "--lang", "en")
    assert english.returncode == 0
    assert re.fullmatch(r"lianghui +case +两会服务 \(draft\)\n", english.stdout), english.stdout
    assert english.stderr == "1 record(s)\n"
    nothing = ids(project, "上海", "--lang", "en")
    assert nothing.returncode == 1 and 'no record whose id or title holds "上海"' in nothing.stderr
    assert "共 1 条" in ids(project, "两会", "--lang", "zh").stderr
