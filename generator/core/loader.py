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

from .messages import INVISIBLE, ODD_SPACE, WARNING, NamedCharacters, Problem, Text

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
    # Key path -> the scalar as written, where YAML read it as something else than text
    # (2012.10 → 2012.1, no → False): messages quote what the author wrote.
    texts: dict = field(default_factory=dict)
    # Key paths of unquoted items of a [flow, list] holding a Chinese comma or 、.
    comma_items: set = field(default_factory=set)

    def written(self, path: tuple, value):
        """The value at `path` as the author wrote it."""
        return self.texts.get(path, value)


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
        source.problems.append(_yaml_error(source.path, exc, file_line, raw_lines, first_line))
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
        line = file_line(node.start_mark.line)
        mistake = colon_mistake(raw_lines[line - 1]) if isinstance(node, ScalarNode) else None
        source.problems.append(Problem(source.path, line, mistake[0], {
            "written": raw_lines[line - 1].strip(), "fixed": mistake[1]}) if mistake
            else Problem(source.path, line, "front-matter-not-mapping"))
        return
    try:
        yaml_lines = None if _EXTRA_BREAKS.search(text) else raw_lines[first_line - 1:]
        source.data = _Builder(source, file_line, yaml_lines).mapping(node, ())
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


def _yaml_error(path: str, exc: yaml.MarkedYAMLError, file_line, raw_lines: list[str],
                first_line: int) -> Problem:
    # For an unfinished key, quote or alias, where it started is where the mistake is.
    scanning = exc.context in ("while scanning a simple key", "while scanning a quoted scalar",
                               "while scanning an alias", "while scanning an anchor")
    mark = exc.context_mark if scanning else exc.problem_mark or exc.context_mark
    line = file_line(mark.line if mark else 0)
    for n in (line, line - 1):  # indentation YAML does not take for spaces, on this line or above
        indent = _ODD_INDENT.match(raw_lines[n - 1]) if first_line <= n <= len(raw_lines) else None
        if indent:
            return Problem(path, n, "yaml-indent-invisible", {"chars": NamedCharacters(indent.group())})
    colon = _colon_mistake_near(raw_lines, first_line, line)
    if colon:
        line, code, written, fixed = colon
        return Problem(path, line, code, {"written": written, "fixed": fixed})
    text = raw_lines[line - 1] if line <= len(raw_lines) else ""
    previous = raw_lines[line - 2] if line > first_line else ""
    problem, hint = _yaml_explanation(exc, text, raw_lines[max(0, line - 2): line + 1], previous)
    return Problem(path, line, "yaml-syntax", {"problem": problem, "hint": hint})


# "key：value", "key:value", "- key：value": a field name (ours are ASCII) and a colon YAML does not see.
_COLON_MISTAKE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)[ \t\u3000]*(：[ \t\u3000\u00a0]*|:(?![ \t/]|$)"
                            r"[\u00a0\u3000\u202f]*)(.*)$")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"\[{][^:]*:(?:[ \t]|$)")


def colon_mistake(text: str) -> tuple[str, str] | None:
    """(code, what to write) when a line's field name is followed by a colon YAML does not read."""
    match = _COLON_MISTAKE.match(text)
    if not match:
        return None
    lead, key, colon, rest = match.groups()
    code = "yaml-colon-fullwidth" if colon.startswith("：") else "yaml-colon-space"
    return code, f"{lead.strip()} {key}: {rest}".strip() if rest else f"{lead.strip()} {key}:".strip()


def _colon_mistake_near(raw_lines: list[str], first_line: int, line: int):
    """The colon mistake behind a YAML error on `line`: on that line, or above it when YAML read
    the lines in between as the same text (a first key "title：…" is reported on the next key)."""
    for n in range(min(line, len(raw_lines)), first_line - 1, -1):
        text = raw_lines[n - 1]
        found = colon_mistake(text)
        if found:
            return n, found[0], text.strip(), found[1]
        if n < line and _KEY_LINE.match(text):
            return None
    return None


# PyYAML's wording (problem or context) → catalogue entry naming the problem.
_YAML_PROBLEMS = (
    ("while scanning an alias", "yaml-problem-star"),
    ("found undefined alias", "yaml-problem-star"),
    ("while scanning an anchor", "yaml-problem-anchor"),
    ("tab character", "yaml-problem-tab"),
    ("cannot start any token", "yaml-problem-token"),
    ("could not find expected ':'", "yaml-problem-colon"),
    ("mapping values are not allowed", "yaml-problem-mapping"),
    ("did not find expected key", "yaml-problem-indent"),
    ("did not find expected '-' indicator", "yaml-problem-indent"),
    ("expected <block end>", "yaml-problem-indent"),
    ("while scanning a quoted scalar", "yaml-problem-quote"),
    ("did not find expected ',' or ']'", "yaml-problem-bracket"),
    ("did not find expected ',' or '}'", "yaml-problem-bracket"),
    ("did not find expected", "yaml-problem-unclosed"),
    ("found unexpected end of stream", "yaml-problem-unclosed"),
)
_QUOTE_HINTED = {"yaml-problem-star", "yaml-problem-anchor", "yaml-problem-token"}
_VALUE = re.compile(r"^(\s*(?:-\s+)?(?:[A-Za-z_][A-Za-z0-9_-]*:[ \t]+)?)(.*?)\s*$")


def _yaml_explanation(exc, text: str, nearby: list[str], previous) -> tuple:
    """What went wrong, and the likely mistake behind it, from PyYAML's words and the lines."""
    said = f"{exc.context or ''} | {exc.problem or ''}"
    code = next((c for needle, c in _YAML_PROBLEMS if needle in said), None)
    problem = Text(code, raw=exc.problem) if code else (exc.problem or exc.context or "")
    if any("\t" in l for l in nearby):
        return problem, Text("yaml-hint-tab")
    odd = [l for l in nearby if INVISIBLE.search(l) or ODD_SPACE.match(l.lstrip(" "))]
    if odd:
        return problem, Text("yaml-hint-invisible", chars=NamedCharacters("".join(odd)))
    if any("：" in l and ": " not in l for l in nearby):
        return problem, Text("yaml-hint-colon")
    value = _VALUE.match(text)
    if code in _QUOTE_HINTED or code == "yaml-problem-mapping" and ": " in value.group(2):
        return problem, Text("yaml-hint-quote", fixed=value.group(1).strip() + " " + quoted(value.group(2)))
    if code == "yaml-problem-indent" or code == "yaml-problem-mapping" and _indent(text) > _indent(previous):
        return problem, Text("yaml-hint-indent")
    return problem, Text("yaml-hint-general")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def quoted(text: str) -> str:
    """A YAML value in quotes, as an author can copy it."""
    return "'" + text.replace("'", "''") + "'" if '"' in text or "\\" in text else f'"{text}"'


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
    number of values built is capped so aliases cannot blow up time or memory. What YAML
    reads differently from what the author meant is noted as it goes: scalars typed by YAML
    keep their text, unquoted [flow, items] with a Chinese comma, text cut by a " #".
    """

    def __init__(self, source: Source, file_line, yaml_lines: list[str] | None = None):
        self.source, self.file_line, self.budget = source, file_line, MAX_NODES
        self.seen: set[int] = set()  # nodes built: meeting one again means an alias
        self.aliased = False
        self.yaml_lines = yaml_lines or []
        self.hash_lines = {i for i, l in enumerate(self.yaml_lines) if "#" in l}

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
            value = self.scalar(node)
            if node.tag != _STR:
                self.source.texts[path] = node.value
            if not node.style and node.end_mark.line in self.hash_lines:  # plain: None, or "" from libyaml
                self.comment_cut(node, path)
            return self.checked(value, path)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.source.lines[path + (i,)] = self.file_line(item.start_mark.line)
                if node.flow_style and _in_flow_item(item):
                    self.source.comma_items.add(path + (i,))
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

    def comment_cut(self, node: ScalarNode, path: Path) -> None:
        """Warn when " #…" after an unquoted value, which YAML drops as a comment, reads as
        part of the text (#话题# is how topics are written): say to quote the whole value."""
        line = self.yaml_lines[node.end_mark.line]
        cut = _COMMENT_CUT.match(line, node.end_mark.column)
        if cut:
            whole = quoted(f"{node.value} {cut.group(1).rstrip()}".strip())
            fixed = f"{path[-1]}: {whole}" if isinstance(path[-1], str) else f"- {whole}"
            self.source.problems.append(Problem(
                self.source.path, self.file_line(node.end_mark.line),
                "comment-cut" if node.value else "comment-cut-all",
                {"key": ".".join(map(str, path)), "value": node.value, "cut": cut.group(1).rstrip(),
                 "fixed": fixed}, WARNING))

    def checked(self, value, path: Path, line: int | None = None):
        """A scalar, with any control character in it reported at its key's line, and any
        invisible character reported and taken out."""
        if isinstance(value, str):
            self.control(value, path, line)
            if INVISIBLE.search(value):
                clean = INVISIBLE.sub("", value)
                self.source.problems.append(Problem(
                    self.source.path, line or self.source.line_of(*path), "invisible-in-value",
                    {"key": ".".join(map(str, path)), "chars": NamedCharacters(value), "value": value,
                     "clean": clean}, WARNING))
                return clean
        return value

    def control(self, text: str, path: Path, line: int | None = None) -> None:
        bad = CONTROL_CHARACTERS.search(text)
        if bad:
            self.source.problems.append(Problem(
                self.source.path, line or self.source.line_of(*path), "control-character",
                {"key": ".".join(map(str, path)), "char": f"U+{ord(bad.group()):04X}"}))

    def key(self, key_node, path: Path, line: int) -> str:
        key = self.scalar(key_node) if isinstance(key_node, ScalarNode) else str(key_node.value)
        key = "" if key is None else str(key)
        self.control(key, path + (key,), line)
        indent = _ODD_INDENT.match(key)
        if indent:  # YAML took a line indented with odd spaces for a key of its own
            self.source.problems.append(Problem(self.source.path, line, "yaml-indent-invisible",
                                                {"chars": NamedCharacters(indent.group())}))
        elif INVISIBLE.search(key):
            clean = INVISIBLE.sub("", key)
            self.source.problems.append(Problem(self.source.path, line, "invisible-in-key", {
                "key": key, "chars": NamedCharacters(key), "clean": clean}, WARNING))
            key = clean
        return key

    def mapping(self, node: MappingNode, path: Path) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            self.budget -= 1
            line = self.file_line(key_node.start_mark.line)
            key = self.key(key_node, path, line)
            if key in result:
                self.source.problems.append(Problem(self.source.path, line, "duplicate-key", {
                    "key": key, "first": self.source.lines[path + (key,)]}))
                continue
            self.source.lines[path + (key,)] = line
            result[key] = self.value(value_node, path + (key,))
        return result


# " #…" after a value: YAML's comment, unless "#" is followed by a space (a real comment).
_COMMENT_CUT = re.compile(r"[ \t]+(#\S.*)$")
# Leading characters of a key that were meant as indentation.
_ODD_INDENT = re.compile(f"^(?:{ODD_SPACE.pattern}|{INVISIBLE.pattern}|[ \\t])*{ODD_SPACE.pattern}"
                         f"(?:{ODD_SPACE.pattern}|{INVISIBLE.pattern}|[ \\t])*")


def _in_flow_item(item) -> bool:
    """An unquoted item of a [flow, list] with a Chinese comma or 、: meant as several items."""
    return isinstance(item, ScalarNode) and not item.style and ("，" in item.value or "、" in item.value)
