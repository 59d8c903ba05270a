"""Markdown as plain text: what summaries and the search index read.

Markup goes, the text of links stays (never their addresses), and `[[id]]` links become the
words they show in the build (`wikilinks_as_text`), so an unpublished record leaves no trace here
either. HTML is read as a browser shows it (core/rawhtml.py): comments and scripts are not text.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from .codeblocks import code_lines
from .rawhtml import html_as_text
from .wikilinks import wikilinks_as_text

SUMMARY_LENGTH = 300

_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S+.*$", re.M)
_LINE_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+|\|)", re.M)
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")
_EMPHASIS = re.compile(r"[*_`~]{1,3}")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M)
# A paragraph that starts with one of these is not prose: a heading, an image, a table, HTML.
_NOT_PROSE = ("#", "!", "|", "<")


def markdown_text(body: str, resolve_published: Callable) -> str:
    """A body as plain text, one line per line of text: markup gone, link texts kept, code kept
    as written (without its fences), blank lines dropped."""
    text = wikilinks_as_text(body, resolve_published)
    text = _FENCE.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = html_as_text(text)
    text = _ATTR_LIST.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text).replace("|", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def first_paragraph(body: str, resolve_published: Callable) -> str:
    """The body's first paragraph of prose as one line of plain text (≤ SUMMARY_LENGTH chars)."""
    paragraph: list[str] = []
    for line, is_code in zip([*body.split("\n"), ""], [*code_lines(body), True]):
        if line.strip() and not is_code:
            paragraph.append(line)
            continue
        if paragraph and not paragraph[0].lstrip().startswith(_NOT_PROSE):
            text = " ".join(markdown_text("\n".join(paragraph), resolve_published).split("\n"))
            if text:
                return text[:SUMMARY_LENGTH]
        paragraph = []
    return ""
