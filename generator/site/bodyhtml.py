"""The rendered body of a record page, made fit to publish.

Always: HTML comments go (an editor's note is not for readers; a comment shown in code is
text, not a comment, and stays), and `<a href>` written as HTML goes through the same record-link
decision as Markdown links (site/recordlinks.py). With the `raw_html: strip` option (the default)
the body is then sanitized by nh3 (the Rust sanitizer ammonia): scripts, frames, plug-ins, forms,
event-handler attributes and `javascript:`-style addresses go, while what Markdown makes and
ordinary pasted HTML (tables, `<br>`, `<span>`, images, ids and classes from attr_list, heading
permalinks, alignment and colours) stays. Only the body is sanitized: the panels and pages we
generate around it come from our own templates. Links to other hosts are then marked and open
in a new tab (site/externallinks.py).
"""

from __future__ import annotations

import nh3

from ..core.rawhtml import rewrite_html
from .externallinks import mark_external
from .recordlinks import Href

# Everything ammonia allows by default, plus what Markdown and its usual extensions write.
_TAGS = nh3.ALLOWED_TAGS - {"area", "map"} | {"figure", "figcaption", "details", "summary", "mark", "tfoot"}
_ANY_TAG = {"id", "class", "title", "style", "lang", "dir"}
_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _ANY_TAG,
    "a": {"href", "hreflang", "name", "target", "rel"},
    "img": {"src", "alt", "width", "height", "align", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
}
# Style properties a body may set (alignment from `tables`, colours pasted from an editor);
# positioning and the like could draw over the site's own page.
_STYLE_PROPERTIES = {"text-align", "vertical-align", "color", "background-color", "font-weight",
                     "font-style", "text-decoration", "width", "height"}
# Addresses a link or an image may have besides relative ones: no javascript:, vbscript:, data:.
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Made once: nh3.clean() would convert these sets to the sanitizer's own on every call (half its time).
_CLEANER = nh3.Cleaner(tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                       filter_style_properties=_STYLE_PROPERTIES, strip_comments=True, link_rel=None)
sanitize = _CLEANER.clean


def publishable_body(body: str, href: Href, raw_html: str) -> str:
    """The rendered body of a record page as published: see the module's docstring."""
    body = rewrite_html(body, link=href)
    return mark_external(sanitize(body) if raw_html == "strip" else body)
