"""`[[id]]` and `[[id|text]]` on rendered pages: a Python-Markdown inline processor.

Being an inline pattern, it never sees code (fenced, indented or code spans stay as written)
nor an escaped `\\[[`. What a link becomes is the core's decision (core/wikilinks.py); this
only writes it as HTML, relative to the page being rendered.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..core.wikilinks import WIKILINK, wikilink_target
from .render import relative_url

# Before Python-Markdown's reference links (170), which would otherwise read `[[id]]` as `[id]`;
# after backticks (190) and escapes (180), so code and `\[[` stay as written.
PRIORITY = 175


class WikilinkProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)

    def __init__(self, page: Callable[[], tuple[str, Callable] | None]):
        super().__init__(WIKILINK.pattern)
        self.page = page

    def handleMatch(self, match, data):
        page = self.page()
        if page is None:  # not a record page: `[[…]]` is left as written
            return None, None, None
        base, resolve_published = page
        text = match.group(2).strip() if match.group(2) else None
        words, target = wikilink_target(match.group(1).strip(), text, resolve_published)
        if target is None:  # not published in this build: the author's words, or nothing
            return AtomicString(words), match.start(0), match.end(0)
        link = etree.Element("a", {"href": relative_url(target.url, base)})
        link.text = AtomicString(words)
        return link, match.start(0), match.end(0)


class WikilinkExtension(Extension):
    """`page()` gives (URL of the page being rendered, resolve_published of the build), or None
    where wiki links do not apply."""

    def __init__(self, page: Callable[[], tuple[str, Callable] | None]):
        super().__init__()
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(WikilinkProcessor(self.page), "showcase_wikilink", PRIORITY)
