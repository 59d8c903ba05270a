"""A record file's front matter as the form sees it, and the form's values written back into
the file's own text, changing nothing else.

Reading uses the checker's loader (core/loader.py), so the form shows what `showcase check`
reads. Writing uses ruamel.yaml's round-trip mode (it keeps comments, quoting, key order and
flow or block style), and only where something changed: the file is cut into one block of
lines per top-level key, a key whose value the form left as it was keeps its lines byte for
byte, and only changed keys take the lines ruamel.yaml writes for them. The body, the BOM and
the line endings are kept; a result that the checker's loader would not read back as the
values given is refused rather than written.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from dataclasses import dataclass

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..authoring.values import typed
from ..core.fields import ListOf, Object
from ..core.loader import Source, read_source
from ..core.messages import ERROR, INVISIBLE, Problem
from ..core.schema import KindSchema

BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


class Unreadable(Exception):
    """The file's front matter cannot be edited through the form (YAML the loader rejects)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


class NotKept(Exception):
    """Written out, the values would not read back as given (a bug of ours, or YAML we cannot
    write faithfully): nothing is written."""


@dataclass
class Parts:
    """A record file cut where the front matter starts and ends (text after the BOM)."""

    bom: bool
    newline: str  # the file's line ending: "\n", "\r\n" or "\r"
    opening: str  # the "---" line with its ending, "" without front matter
    front: list  # the front matter's lines, each with its ending
    closing: str  # the closing "---" (or "...") line with its ending
    body: str  # everything after, as in the file

    def front_text(self) -> str:
        return "".join(_lf(line) for line in self.front)


def split(raw: bytes) -> Parts:
    """Cut a file as core/loader.py reads it (the same first and closing lines)."""
    text = raw.decode("utf-8")
    bom = text.startswith(BOM)
    text = text[1:] if bom else text
    first = re.search(r"\r\n|\r|\n", text)
    newline = first.group() if first else "\n"
    lines = _LINE.findall(text)
    if not lines or lines[0].rstrip() != "---":
        return Parts(bom, newline, "", [], "", text)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return Parts(bom, newline, "", [], "", text)
    return Parts(bom, newline, lines[0], lines[1:end], lines[end], "".join(lines[end + 1:]))


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- reading for the form ----------------------------------------------------------------

def read_for_form(raw: bytes, display_path: str) -> tuple[dict, str, Source]:
    """(values, body) as the form shows them, and the checker's reading of the file.
    Raises Unreadable when the loader reports an error of the file itself (YAML syntax,
    duplicate keys, encoding): the form would not show what the file holds."""
    source = read_source(raw, display_path)
    errors = [p for p in source.problems if p.severity == ERROR and p.code != "control-character"]
    if errors:
        raise Unreadable(errors)
    return form_values(source.data, source, ()), _lf(split(raw).body), source


def form_values(value, source: Source, path: tuple):
    """A value as JSON: dates as the text written in the file, the rest as YAML read it."""
    if isinstance(value, dict):
        return {k: form_values(v, source, path + (k,)) for k, v in value.items()}
    if isinstance(value, list):
        return [form_values(v, source, path + (i,)) for i, v in enumerate(value)]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return str(source.written(path, value.isoformat()))
    return value


# -- writing ---------------------------------------------------------------------------------

def is_empty(value) -> bool:
    """What the form sends for a value left blank: the key goes."""
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def cleaned(value):
    """Blank items and sub-keys taken out (an empty row the form sent); text of several lines
    without line breaks at its end (the checker's loader would not read them back at the
    end of the front matter)."""
    if isinstance(value, str) and "\n" in value:
        return value.rstrip("\n")
    if isinstance(value, dict):
        return {k: v for k, v in ((k, cleaned(v)) for k, v in value.items()) if not is_empty(v)}
    if isinstance(value, list):
        return [v for v in map(cleaned, value) if not is_empty(v)]
    return value


def apply(raw: bytes, values: dict, body: str, kind: KindSchema | None, display_path: str = "record.md") -> bytes:
    """The file with the form's `values` (the whole front matter) and `body` in it. Keys whose
    value equals what the form was given keep their bytes; a key left out or blank goes; a new
    key goes where the kind's field order puts it. Returns `raw` itself when nothing changed."""
    parts = split(raw)
    old_values, old_body, source = read_for_form(raw, display_path)
    fields = _field_types(kind.fields if kind else [])
    same_body = _lf(body) == old_body
    kept = {k for k, v in values.items() if k in old_values and v == old_values[k]}
    wanted = {k: v for k, v in values.items() if k in kept or not is_empty(cleaned(v))}
    if kept == set(old_values) and set(wanted) == kept and same_body:
        return raw

    front = parts.front_text()
    doc, indents = _load(front, source)
    if set(doc) != set(old_values) or not all(isinstance(k, str) for k in doc):
        raise NotKept(display_path)  # ruamel.yaml reads other keys than the checker (`yes:`, `1:`)
    old_lines = _key_lines(doc, front)
    changed = set()
    for key in list(doc):
        if key in kept:
            continue
        if key not in wanted:
            del doc[key]
        else:
            _update(doc, key, old_values.get(key), cleaned(wanted[key]), fields.get(key))
        changed.add(key)
    order = field_order(kind) if kind else []
    for key in wanted:
        if key not in doc:
            _insert(doc, key, _fresh(cleaned(wanted[key]), fields.get(key)), order)
            changed.add(key)

    if changed or not parts.opening:
        new_front = _spliced(doc, indents, old_lines, changed)
    else:
        new_front = front
    nl = parts.newline
    if not new_front and not parts.opening:
        head = ""
    else:
        head = (parts.opening or "---" + nl) + new_front.replace("\n", nl) + (parts.closing or "---" + nl)
    text = (BOM if parts.bom else "") + head + (parts.body if same_body else _lf(body).replace("\n", nl))
    result = text.encode("utf-8")
    _verify(result, source, wanted, changed, fields, display_path)
    return result


def _load(front: str, source: Source):
    """ruamel.yaml's round-trip reading of the front matter, and how the file indents lists."""
    try:
        doc, indent, offset = (load_yaml_guess_indent(front, yaml=_writer((2, 4, 2))) if front.strip()
                               else (None, None, None))
    except RuamelError as exc:
        raise Unreadable([Problem(source.path, 1, "yaml-syntax", {"problem": str(exc).splitlines()[0],
                                                                  "hint": ""})]) from exc
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise Unreadable([Problem(source.path, 1, "front-matter-not-mapping")])
    return doc, _indents(indent, offset)


def _indents(indent, offset) -> tuple:
    """(mapping, sequence, offset) for ruamel.yaml from what it guessed of a text; without a
    list of blocks, lists go under their key as the samples write them."""
    if offset is None:
        return (indent or 2, (indent or 2) + 2, 2)
    return (2, indent, offset)


def _writer(indents: tuple) -> YAML:
    yaml_rt = YAML()
    yaml_rt.preserve_quotes = True
    yaml_rt.width = 10 ** 6  # never fold a long line
    yaml_rt.indent(mapping=indents[0], sequence=indents[1], offset=indents[2])
    return yaml_rt


def _key_lines(doc: CommentedMap, text: str) -> dict:
    """Top-level key -> its block of lines in `text` (from its line up to the next key's)."""
    lines = text.splitlines(keepends=True)
    starts = sorted((doc.lc.key(k)[0], k) for k in doc)
    blocks = {}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(lines)
        blocks[key] = "".join(lines[line:end])
    blocks[None] = "".join(lines[:starts[0][0]]) if starts else "".join(lines)  # comments before the first key
    return blocks


def _spliced(doc: CommentedMap, indents: tuple, old_blocks: dict, changed: set) -> str:
    """The front matter: each unchanged key's own lines, each changed key's lines as ruamel
    writes them, indented as that key was (or as the file's first list is, for a new key)."""
    dumps: dict = {}

    def written(key) -> str:
        own = indents
        if key in old_blocks and old_blocks[key].strip():
            try:
                own = _indents(*load_yaml_guess_indent(old_blocks[key])[1:])
            except RuamelError:
                pass
        if own not in dumps:
            out = io.StringIO()
            _writer(own).dump(doc, out)
            text = out.getvalue()
            dumps[own] = _key_lines(YAML().load(text), text)
        return dumps[own][key]

    text = old_blocks.get(None, "")
    for key in doc:
        block = old_blocks[key] if key not in changed and key in old_blocks else written(key)
        if text and not text.endswith("\n"):
            text += "\n"
        text += block
    return text


def field_order(kind: KindSchema) -> list[str]:
    """Where keys go in a record file: as `showcase new`'s template puts them (authoring/
    template.py), the required fields first, then the others in the order readers see them."""
    return [f.key for f in kind.fields if f.required] + [f.key for f in kind.shown_order if not f.required]


def _field_types(fields) -> dict:
    return {f.key: f.type for f in fields}


def _update(container, key, old_view, new, type_) -> None:
    """Set container[key] to `new`, keeping the parts of the old value that did not change."""
    if new == old_view:
        return
    node = container[key]
    if isinstance(new, dict) and isinstance(node, CommentedMap) and isinstance(old_view, dict):
        subtypes = _field_types(type_.fields) if isinstance(type_, Object) else {}
        order = [f.key for f in type_.fields] if isinstance(type_, Object) else []
        for k in list(node):
            if k not in new:
                del node[k]
        for k, v in new.items():
            if k in node:
                _update(node, k, old_view.get(k), v, subtypes.get(k))
            else:
                _insert(node, k, _fresh(v, subtypes.get(k)), order)
        return
    item_type = type_.item if isinstance(type_, ListOf) else None
    if isinstance(new, list) and isinstance(node, CommentedSeq) and isinstance(old_view, list):
        if len(new) == len(node):
            for i, v in enumerate(new):
                _update(node, i, old_view[i], v, item_type)
            return
        unused = list(zip(old_view, list(node)))
        items = []
        for v in new:  # an item left as it was keeps its node (its quoting, its comments inside)
            same = next((pair for pair in unused if pair[0] == v), None)
            if same is not None:
                unused.remove(same)
                items.append(same[1])
            else:
                items.append(_fresh(v, item_type))
        node.ca.items.clear()  # comments after items no longer in their place
        del node[:]
        node.extend(items)
        return
    container[key] = _fresh(new, type_, node)


def _insert(mapping: CommentedMap, key: str, value, order: list) -> None:
    """Put a new key after the nearest key before it in the schema's order (or before the
    nearest after it), else at the end."""
    if key in order:
        at = order.index(key)
        keys = list(mapping)
        before = [k for k in order[:at] if k in mapping]
        after = [k for k in order[at + 1:] if k in mapping]
        if before:
            mapping.insert(keys.index(before[-1]) + 1, key, value)
            return
        if after:
            mapping.insert(keys.index(after[0]), key, value)
            return
    mapping[key] = value


def _fresh(value, type_, old=None):
    """A value as ruamel.yaml should write it: dates unquoted, lists of words in [flow],
    lists of objects in blocks, text quoted only where YAML would read it as something else."""
    value = typed(type_, value) if type_ is not None else value
    return _node(value, type_, old)


def _node(value, type_, old=None):
    if isinstance(value, dict):
        subtypes = _field_types(type_.fields) if isinstance(type_, Object) else {}
        order = [f.key for f in type_.fields] if isinstance(type_, Object) else []
        mapping = CommentedMap()
        for k in sorted(value, key=lambda k: order.index(k) if k in order else len(order)):
            mapping[k] = _node(value[k], subtypes.get(k))
        return mapping
    if isinstance(value, list):
        item_type = type_.item if isinstance(type_, ListOf) else None
        seq = CommentedSeq(_node(v, item_type) for v in value)
        if isinstance(old, CommentedSeq):
            if old.fa.flow_style():
                seq.fa.set_flow_style()
            else:
                seq.fa.set_block_style()
        elif all(not isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString):
            return type(old)(value)  # as the file quoted it
        if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG or value != value.strip():
            return DoubleQuotedScalarString(value)
    return value


def _verify(result: bytes, old: Source, wanted: dict, changed: set, fields: dict, display_path: str) -> None:
    """The checker's loader must read the new file as the old one for unchanged keys and as
    the form's values for the others."""
    new = read_source(result, display_path)
    errors = [p for p in new.problems if p.severity == ERROR and p.code != "control-character"]
    expected = {}
    for key in wanted:
        if key in changed:
            value = cleaned(wanted[key])
            expected[key] = typed(fields[key], value) if key in fields else value
        else:
            expected[key] = old.data[key]
    if errors or _comparable(new.data) != _comparable(expected):
        raise NotKept(display_path)


def _comparable(value):
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return INVISIBLE.sub("", value)
    return value
