"""Read one Markdown file: decode it, split off the front matter, parse the YAML.

We parse front matter ourselves rather than through MkDocs (which silently drops
broken YAML) so that every key keeps its line number and every problem is reported.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .messages import Problem, Text

try:  # libyaml makes parsing several times faster; fall back to pure Python.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

# Values an alias may expand to before we stop ("billion laughs" protection).
MAX_NODES = 20_000
# Bigger than this is never a record's front matter, and would take PyYAML seconds to read.
MAX_FRONT_MATTER_BYTES = 512 * 1024
# Nesting deeper than this is never content, and would exhaust Python's stack.
MAX_DEPTH = 64
# Invisible characters no value needs (tab and line feed are kept); NUL breaks file names.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# YAML also breaks lines at these; editors (and our line numbers) do not.
_EXTRA_BREAKS = re.compile("[\x85\u2028\u2029]")

Path = tuple  # a key path inside the front matter, e.g. ("honors", 0, "level")


class KeyLines:
    """Mixed into what keeps `lines`: front-matter key path -> 1-based line in the file."""

    lines: dict

    def line_of(self, *path) -> int:
        """The line of a key path, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


@dataclass
class Source(KeyLines):
    """A Markdown file as read from disk, before it is checked against a schema."""

    path: str  # project-relative, posix, e.g. "content/cases/x.md"
    data: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # key path -> 1-based line in the file
    body: str = ""
    body_line: int = 1
    has_front_matter: bool = False
    problems: list = field(default_factory=list)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM); name GBK when that is what the bytes look like."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gbk")
            code = "encoding-gbk"
        except UnicodeDecodeError:
            code = "encoding-unknown"
        return None, [Problem(path, line, code)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def read_source(raw: bytes, path: str) -> Source:
    source = Source(path)
    text, source.problems = decode(raw, path)
    if text is None:
        return source
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        source.body = text
        return source
    source.has_front_matter = True
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        source.problems.append(Problem(path, 1, "unclosed-front-matter"))
        return source
    source.body = "\n".join(lines[end + 1:])
    source.body_line = end + 2
    yaml_text = "\n".join(lines[1:end])
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        source.problems.append(Problem(path, 1, "front-matter-too-large", {
            "size": size // 1024, "max": MAX_FRONT_MATTER_BYTES // 1024}))
    elif yaml_text.strip():
        _parse_yaml(source, yaml_text, first_line=2, raw_lines=lines)
    return source


def _parse_yaml(source: Source, text: str, first_line: int, raw_lines: list[str]) -> None:
    file_line = _line_mapper(text, first_line)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # For an unfinished key or quote, where it started is where the mistake is.
        scanning = exc.context in ("while scanning a simple key", "while scanning a quoted scalar")
        mark = exc.context_mark if scanning else exc.problem_mark or exc.context_mark
        line = file_line(mark.line if mark else 0)
        source.problems.append(Problem(source.path, line, "yaml-syntax", {
            "problem": _yaml_problem(exc.problem or exc.context or ""),
            "hint": _yaml_hint(raw_lines, line),
        }))
        return
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        source.problems.append(Problem(source.path, first_line, "yaml-syntax", {
            "problem": str(exc).splitlines()[0], "hint": Text("yaml-hint-general")}))
        return
    except RecursionError:
        source.problems.append(Problem(source.path, first_line, "yaml-too-deep", {"max": MAX_DEPTH}))
        return
    if node is None:
        return
    if not isinstance(node, MappingNode):
        source.problems.append(Problem(source.path, file_line(node.start_mark.line), "front-matter-not-mapping"))
        return
    try:
        source.data = _Builder(source, file_line).mapping(node, ())
    except _TooDeep:
        source.data, source.lines = {}, {}
        source.problems.append(Problem(source.path, first_line, "yaml-too-deep", {"max": MAX_DEPTH}))
    except _TooComplex as exc:  # say whether aliases made it big or it is simply big
        source.data, source.lines = {}, {}
        code = "yaml-too-complex" if exc.args[0] else "yaml-too-many-values"
        source.problems.append(Problem(source.path, first_line, code, {"max": MAX_NODES}))


def _line_mapper(text: str, first_line: int):
    """Map PyYAML's 0-based line numbers to lines of the file."""
    if not _EXTRA_BREAKS.search(text):
        return lambda yaml_line: yaml_line + first_line
    lines, current = [first_line], first_line
    for ch in text:
        if ch == "\n":
            current += 1
            lines.append(current)
        elif ch in "\x85\u2028\u2029":
            lines.append(current)
    return lambda yaml_line: lines[min(yaml_line, len(lines) - 1)]


_YAML_PROBLEMS = (  # PyYAML's wording → catalogue entry
    ("could not find expected ':'", "yaml-problem-colon"),
    ("mapping values are not allowed", "yaml-problem-mapping"),
    ("cannot start any token", "yaml-problem-token"),
    ("tab character", "yaml-problem-tab"),
    ("expected <block end>", "yaml-problem-indent"),
    ("did not find expected", "yaml-problem-unclosed"),
    ("found unexpected end of stream", "yaml-problem-unclosed"),
    ("found undefined alias", "yaml-problem-alias"),
)


def _yaml_problem(problem: str):
    for needle, code in _YAML_PROBLEMS:
        if needle in problem:
            return Text(code, raw=problem)
    return problem


def _yaml_hint(raw_lines: list[str], line: int) -> Text:
    """Guess the usual mistake behind a YAML error from the lines around it."""
    nearby = raw_lines[max(0, line - 2): line + 1]
    if any("\t" in l for l in nearby):
        return Text("yaml-hint-tab")
    if any("：" in l and ": " not in l for l in nearby):
        return Text("yaml-hint-colon")
    return Text("yaml-hint-general")


class _TooComplex(Exception):
    pass


class _TooDeep(Exception):
    pass


_SCALAR = SafeConstructor.yaml_constructors
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_ctor = SafeConstructor()


class _Builder:
    """Turn a composed YAML node tree into Python values, recording each key's line.

    Duplicate keys are reported instead of silently keeping the last one, and the
    number of values built is capped so aliases cannot blow up time or memory.
    """

    def __init__(self, source: Source, file_line):
        self.source, self.file_line, self.budget = source, file_line, MAX_NODES
        self.seen: set[int] = set()  # nodes built: meeting one again means an alias
        self.aliased = False

    def value(self, node, path: Path):
        self.budget -= 1
        if self.budget < 0:
            raise _TooComplex(self.aliased)
        if len(path) > MAX_DEPTH:
            raise _TooDeep
        if id(node) in self.seen:
            self.aliased = True
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self.checked(self.scalar(node), path)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.source.lines[path + (i,)] = self.file_line(item.start_mark.line)
                items.append(self.value(item, path + (i,)))
            return items
        return None  # pragma: no cover - no other node types exist

    def scalar(self, node: ScalarNode):
        if node.tag == _STR:  # by far the most common case: skip the constructor call
            return node.value
        if node.tag == _INT and _LEADING_ZERO.match(node.value):
            # YAML 1.1 reads 071 as octal 57; people writing 期数 071 mean 71.
            return int(node.value.replace("_", ""), 10)
        constructor = _SCALAR.get(node.tag)
        if constructor is None:  # an unknown explicit tag: keep the text
            return node.value
        try:
            value = constructor(_ctor, node)
        except (ValueError, TypeError, yaml.YAMLError):
            return node.value
        if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
            value = value.date()
        return value

    def checked(self, value, path: Path, line: int | None = None):
        """A scalar, with any control character in it reported at its key's line."""
        if isinstance(value, str):
            bad = CONTROL_CHARACTERS.search(value)
            if bad:
                self.source.problems.append(Problem(
                    self.source.path, line or self.source.line_of(*path), "control-character",
                    {"key": ".".join(map(str, path)), "char": f"U+{ord(bad.group()):04X}"}))
        return value

    def mapping(self, node: MappingNode, path: Path) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            self.budget -= 1
            key = self.scalar(key_node) if isinstance(key_node, ScalarNode) else str(key_node.value)
            key = "" if key is None else str(key)
            line = self.file_line(key_node.start_mark.line)
            self.checked(key, path + (key,), line)
            if key in result:
                self.source.problems.append(Problem(self.source.path, line, "duplicate-key", {
                    "key": key, "first": self.source.lines[path + (key,)]}))
                continue
            self.source.lines[path + (key,)] = line
            result[key] = self.value(value_node, path + (key,))
        return result
