"""Links to other hosts: marked for every reader (an icon, and words for screen readers) and
opened in a new tab without giving that tab a handle on ours (rel="noopener"). One rule for the
links our templates write (external_link) and the links a record's body holds (mark_external)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_ATTRIBUTES = 'class="sc-external" target="_blank" rel="noopener"'
LABEL = '<span class="sc-external__label">（外部链接，在新窗口打开）</span>'
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)
# An <a> of sanitized HTML (attributes double-quoted), with its text, up to its </a>.
_ANCHOR = re.compile(r'<a ((?:[^>"]|"[^"]*")*?\bhref="(?:https?:)?//[^"]*"(?:[^>"]|"[^"]*")*)>(.*?)</a>', re.S | re.I)
_DROPPED = re.compile(r'\s(?:target|rel|class)="[^"]*"', re.I)


def is_external(url: str) -> bool:
    return bool(_EXTERNAL.match(url or ""))


def external_link(url: str, text: str) -> Markup:
    """A link our templates write to `url`: marked when it leads to another host."""
    if not is_external(url):
        return Markup(f'<a href="{escape(url)}">{escape(text)}</a>')
    return Markup(f'<a href="{escape(url)}" {_ATTRIBUTES}>{escape(text)}{LABEL}</a>')


def mark_external(html: str) -> str:
    """Every link of `html` that leads to another host, marked as external_link marks it."""
    return _ANCHOR.sub(lambda m: f"<a {_DROPPED.sub('', m[1]).strip()} {_ATTRIBUTES}>{m[2]}{LABEL}</a>", html)
