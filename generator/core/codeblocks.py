"""Which parts of a Markdown body are code, as Python-Markdown (MkDocs' renderer) reads them.

Code is shown as written, so nothing in it is a link: the `[[id]]` finder and the plain-text
stripper skip what this module marks. Python-Markdown's rules, simplified to lines:
- a fenced block opens with ``` or ~~~ (three or more) at the start of a line and closes with
  the same fence; unclosed, it is not a block;
- an indented block is a run of lines indented by 4 spaces (a tab counts 4) that starts after a
  blank line; inside a list, 4 spaces continue the list item and 8 make code;
- a code span is text between equal runs of backticks on one line.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ \t]+")
CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
TAB = 4


def _indent(line: str) -> int:
    line = line.expandtabs(TAB)
    return len(line) - len(line.lstrip(" "))


def _fences(lines: list[str]) -> set[int]:
    """Lines inside (and including) closed fenced blocks."""
    inside: set[int] = set()
    number = 0
    while number < len(lines):
        match = _FENCE.match(lines[number])
        if match:
            fence = match.group(1)
            close = next((n for n in range(number + 1, len(lines)) if lines[n].rstrip(" ") == fence), None)
            if close is not None:
                inside.update(range(number, close + 1))
                number = close
        number += 1
    return inside


def code_lines(body: str) -> list[bool]:
    """For each line of `body` (split on "\\n"), whether it is inside a fenced or indented code block."""
    lines = body.split("\n")
    fenced = _fences(lines)
    code = []
    after_blank, in_list, in_block = True, False, False
    for number, line in enumerate(lines):
        if number in fenced:
            code.append(True)
            after_blank, in_list, in_block = True, False, False
            continue
        if not line.strip():
            code.append(in_block)
            after_blank = True
            continue
        indent = _indent(line)
        needed = 2 * TAB if in_list else TAB
        if in_block:
            in_block = indent >= needed
        elif after_blank:
            in_block = indent >= needed
            if not in_block and _LIST_ITEM.match(line):
                in_list = True
            elif not in_block and indent < TAB:
                in_list = False
        elif _LIST_ITEM.match(line):
            in_list = True
        code.append(in_block)
        after_blank = False
    return code
