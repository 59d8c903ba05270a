"""Property-based: whatever front matter an editor writes, the core reports problems and
never crashes; every problem names a real line of a real file and renders in both languages."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import yaml
from conftest import BASELINE, run_core, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.messages import ERROR, WARNING, Problem
from generator.core.schema import KINDS

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _all_keys() -> list[str]:
    keys = set()

    def walk(fields):
        for f in fields:
            keys.add(f.key)
            sub = getattr(f.type, "fields", None) or getattr(getattr(f.type, "item", None), "fields", None)
            if sub:
                walk(sub)

    for kind in KINDS:
        walk(kind.fields)
    return sorted(keys | {"start", "end", "lat", "lon", "stars"})


KEYS = _all_keys()

INTERESTING_STRINGS = [
    "", " ", "2021-07-17", "2021-07", "2021", "2021年7月17日", "2021年7月", "2021-13", "2021-00",
    "党支部", "党支布", "省部级", "服务群众", "视频", "线下", "internal", "public", "政治建设",
    "baseline-branch", "Baseline-Branch", "baseline-brand", "baseline-site", "基线讲堂", "基线讲堂/001",
    "missing-id", "a b", "/assets/x.png", "../../x.png", "x.pdf", "https://example.cn/a", "www.x",
    "071", "标" * 90, "摘" * 310, "{start}", "{0}", "%s", "\\", "“引号”", "：",
]

scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=25),
    st.sampled_from(INTERESTING_STRINGS),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)

keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=10))

values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=5)),
    max_leaves=15,
)

front_matters = st.dictionaries(keys, values, max_size=14)

FRAGMENTS = [
    "title: 标题", "title：标题", "level: 党支部", "date: 2021-07", "speakers:", "  - name: 张三",
    "honors:", "  - title: 先进", "    level: 国家级", "owner: baseline-branch", "branch: baseline-branch",
    "\t", "  ", "    ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "*b", "<<: *a", "'", '"', ": ", ":",
    "#", "? ", "!!python/object:os.system ", "!!binary ", "!custom ", "!!int ", "|", ">", "---", "...",
    "%YAML 1.1", "\r\n", "\r", "\ufeff", "\u2028", "\x85", "\x00", "：", "，", "null", "~", "0x1F", "071",
    ".inf", "-.nan", "2021-02-30", "'2021-07'", "@", "`", "%",
]

yamlish_lines = st.lists(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=6).map("".join),
    max_size=12,
).map("\n".join)

file_names = st.text(
    alphabet=st.one_of(st.characters(whitelist_categories=("Ll", "Lu", "Lo", "Nd")), st.sampled_from(" -_.")),
    min_size=1, max_size=12,
).filter(lambda s: not s.startswith(".") and s.strip() == s and len(s.encode()) < 200)


def target_path(kind, name: str) -> str:
    if kind.name == "lecture":
        return f"content/lectures/基线讲堂/{name}.md"
    return f"content/{kind.folder}/{name}.md"


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


def line_count(raw: bytes) -> int:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def assert_only_problems(files: dict) -> None:
    """Load a baseline project plus `files`; it must not raise, and every problem must be sound."""
    with tempfile.TemporaryDirectory() as tmp:
        project_dir = write_project(Path(tmp), files)
        project = run_core(project_dir)  # must not raise
    written = {**BASELINE, **files}
    lines = {path: line_count(c if isinstance(c, bytes) else c.encode("utf-8")) for path, c in written.items()}
    for problem in project.problems:
        assert isinstance(problem, Problem)
        assert problem.severity in (ERROR, WARNING)
        assert problem.path in written, problem.path
        assert isinstance(problem.line, int) and 1 <= problem.line <= lines[problem.path], (
            problem.format("zh"), lines[problem.path])
        for lang in ("zh", "en"):
            text = problem.format(lang)
            assert text.startswith(f"{problem.path}:{problem.line}: ")
            json.dumps(problem.as_json(lang), ensure_ascii=False)
    assert project.problems == sorted(project.problems, key=Problem.sort_key)
    assert project.index is not None


@PROPERTY_SETTINGS
@given(kind=st.sampled_from(KINDS), data=front_matters, name=file_names)
def test_random_front_matter_only_ever_reports_problems(kind, data, name):
    text = "---\n" + dump(data) + "---\n\n正文。\n"
    assert_only_problems({target_path(kind, name): text})


@st.composite
def kind_front_matter(draw):
    """A kind, and front matter with its required keys and some of its own keys, random values."""
    kind = draw(st.sampled_from(KINDS))
    realistic = st.one_of(st.sampled_from(INTERESTING_STRINGS), values)
    front = {f.key: draw(realistic) for f in kind.fields if f.required or draw(st.booleans())}
    front.update(draw(st.dictionaries(keys, values, max_size=3)))
    return kind, front


@PROPERTY_SETTINGS
@given(case=kind_front_matter())
def test_random_values_for_the_kinds_own_keys(case):
    kind, front = case
    assert_only_problems({target_path(kind, "random"): "---\n" + dump(front) + "---\n"})


@PROPERTY_SETTINGS
@given(kind=st.sampled_from(KINDS), text=yamlish_lines, body=st.text(max_size=30))
def test_random_yaml_ish_text_only_ever_reports_problems(kind, text, body):
    assert_only_problems({target_path(kind, "random"): "---\n" + text + "\n---\n" + body})


@PROPERTY_SETTINGS
@given(kind=st.sampled_from(KINDS), raw=st.binary(max_size=200))
def test_random_bytes_only_ever_report_problems(kind, raw):
    assert_only_problems({target_path(kind, "random"): b"---\n" + raw})
