"""HTML written in a body, read with Python's own HTML tokenizer (html.parser), not with patterns.

Two readings of it: the rendered body with its comments gone and its `<a href>` links passed
through a decision (`rewrite_html`, for record pages), and the text a reader sees of it
(`html_as_text`, for summaries and the search index). Everything the tokenizer does not report
(a stray `</>`, say) is kept as written: only what is recognised is changed.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Callable, Iterator

# Elements whose content is never shown as text.
_NOT_TEXT = frozenset({"script", "style", "template"})


class _Scanner(HTMLParser):
    """Every construct the tokenizer recognises, as (offset where it starts, kind, tag, attrs)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[int, str, str, list]] = []
        self._line_starts = [0]
        for number, char in enumerate(markup):
            if char == "\n":
                self._line_starts.append(number + 1)
        self.feed(markup)
        self.close()

    def _note(self, kind: str, tag: str = "", attrs: list | None = None) -> None:
        line, column = self.getpos()  # the start of the construct being reported
        self.events.append((self._line_starts[line - 1] + column, kind, tag, attrs or []))

    def handle_starttag(self, tag, attrs):
        self._note("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._note("start", tag, attrs)

    def handle_endtag(self, tag):
        self._note("end", tag)

    def handle_comment(self, data):
        self._note("comment")

    def handle_data(self, data):
        self._note("data")

    def handle_entityref(self, name):
        self._note("data")

    def handle_charref(self, name):
        self._note("data")

    def handle_decl(self, decl):
        self._note("other")

    def handle_pi(self, data):
        self._note("other")

    def unknown_decl(self, data):
        self._note("other")


def _pieces(markup: str) -> Iterator[tuple[str, str, str, list]]:
    """(text, kind, tag, attrs): the markup cut where each recognised construct starts."""
    events = _Scanner(markup).events
    if not events or events[0][0] > 0:
        events.insert(0, (0, "unread", "", []))
    ends = [start for start, *_ in events[1:]] + [len(markup)]
    for (start, kind, tag, attrs), end in zip(events, ends):
        yield markup[start:end], kind, tag, attrs


def _start_tag(tag: str, attrs: list) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                      for name, value in attrs)
    return f"<{tag}{written}>"


def rewrite_html(markup: str, link: Callable[[str], str | None] | None = None) -> str:
    """`markup` as written, without its comments. Each `<a href>` is passed to `link(href)`, which
    gives the href to write (the same one to keep it) or None to drop the link: its `<a>` and
    `</a>` go, what is between stays."""
    if "<!--" not in markup and "%" not in markup and ".md" not in markup.lower():
        return markup  # no comment, and no link that could be to a Markdown file
    out: list[str] = []
    dropped = 0  # links dropped whose </a> is still to come
    for text, kind, tag, attrs in _pieces(markup):
        if kind == "comment":
            continue
        if kind == "start" and tag == "a" and link is not None:
            href = dict(attrs).get("href")
            if href is not None:
                new = link(href)
                if new is None:
                    dropped += 1
                    continue
                if new != href:
                    attrs = [(name, new if name == "href" else value) for name, value in attrs]
                    text = _start_tag(tag, attrs) + text[text.find(">") + 1:]
        elif kind == "end" and tag == "a" and dropped:
            dropped -= 1
            continue
        out.append(text)
    return "".join(out)


def html_as_text(markup: str) -> str:
    """What a reader sees of `markup` (entities left as written): each tag is a space; comments
    and the content of script, style and template elements are gone."""
    if "<" not in markup:
        return markup
    out: list[str] = []
    hidden = None  # the element whose content is not text, while inside it
    for text, kind, tag, _ in _pieces(markup):
        if kind == "start" and tag in _NOT_TEXT and hidden is None:
            hidden = tag
        elif kind == "end" and tag == hidden:
            hidden = None
        elif kind in ("data", "unread") and hidden is None:
            out.append(text)
            continue
        if kind in ("start", "end"):
            out.append(" ")
    return "".join(out)
