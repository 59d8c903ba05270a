"""Plain links to record files in a body (`[材料](../branches/x.md)`, reference-style, `<a href>`).

Which record a link names, and whether this build publishes it, is the core's decision
(Edition.linked_record). Here it is written as HTML: the record's address relative to the page,
or, for a record the build leaves out, the link's words without the link. Markdown links are
rewritten in the parsed page (a treeprocessor, before MkDocs would read `x.md` as a page and
warn); `<a href>` written as HTML is rewritten in the rendered body (site/bodyhtml.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .render import relative_url

# After inline patterns (20) have made the links; before toc (5), so headings read the words
# that stay, and before MkDocs' relpath (0), which would warn about a page not in the build.
PRIORITY = 6

Href = Callable[[str], "str | None"]


def record_href(edition, record) -> Href:
    """For the page of `record`: a link's href → the href to write (the same for any link that
    is not to a record file), or None when the link is to be dropped, keeping its words."""
    def href(url: str) -> str | None:
        linked = edition.linked_record(url, record.src_uri)
        if linked is None:
            return url
        target, fragment = linked
        return None if target is None else relative_url(target.url + fragment, record.url)
    return href


def _unwrap(parent: etree.Element, index: int) -> None:
    """Replace parent[index] by what it holds: its text, children and tail stay where it was."""
    link = parent[index]
    words = link.text or ""
    if index == 0:
        parent.text = (parent.text or "") + words
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + words
    children = list(link)
    parent.remove(link)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail = link.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail


class RecordLinkProcessor(Treeprocessor):
    def __init__(self, md: Markdown, page: Callable[[], Href | None]):
        super().__init__(md)
        self.page = page

    def run(self, root: etree.Element) -> None:
        href = self.page()
        if href is None:  # not a record page
            return
        for parent in list(root.iter()):
            index = 0
            while index < len(parent):
                child = parent[index]
                url = child.get("href") if child.tag == "a" else None
                new = href(url) if url is not None else url
                if url is not None and new is None:
                    _unwrap(parent, index)
                    continue  # what took its place is looked at next
                if new != url:
                    child.set("href", new)
                index += 1


class RecordLinkExtension(Extension):
    """`page()` gives the href function of the record page being rendered (record_href), or
    None where record links do not apply."""

    def __init__(self, page: Callable[[], Href | None]):
        super().__init__()
        self.page = page

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(RecordLinkProcessor(md, self.page), "showcase_record_links", PRIORITY)
