"""HTML fragments for record and generated pages, from Jinja templates with autoescaping.

Every front-matter value reaches HTML through a template here, so it is escaped
wherever it is shown. Links are made relative to the page they appear on, so the
site works from any sub-path and from the file system.
"""

from __future__ import annotations

import posixpath
import re
from functools import partial
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from .dates import PartialDate, Period
from .messages import KIND_NAMES

_UNSAFE_SLUG = re.compile(r"[\s/\\?#%&<>\"'`|*:]+")


def slug(name: str) -> str:
    """A name (tag, category, series) as one path segment of an address."""
    return _UNSAFE_SLUG.sub("-", str(name).strip()).strip("-") or "-"


def relative_url(target: str, base: str) -> str:
    """`target` and `base` are site-root-relative, directory style ("cases/x/", "" for home)."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    base_dir = "/" + (base if base.endswith("/") or not base else posixpath.dirname(base) + "/")
    rel = posixpath.relpath("/" + target, base_dir)
    if (target.endswith("/") or not target) and not rel.endswith("/"):
        rel += "/"
    if rel == "./" and anchor:
        rel = ""
    return quote(rel, safe="/.-_~") + anchor


def zh_date(value) -> str:
    if isinstance(value, (PartialDate, Period)):
        return value.zh()
    return "" if value is None else str(value)


def iso_date(value) -> str:
    if isinstance(value, Period):
        value = value.start
    return value.first_day.isoformat() if isinstance(value, PartialDate) else ""


def number(value) -> str:
    """2271 → 2,271; 3.50 → 3.5."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


ENV = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
ENV.filters.update(zh=zh_date, iso=iso_date, number=number, slug=slug,
                   kindname=lambda kind: KIND_NAMES["zh"][kind])


def render(template: str, base: str, **context) -> str:
    """Render a fragment for the page at `base` (its site-root-relative URL)."""
    return ENV.get_template(template).render(href=partial(relative_url, base=base), base=base, **context)
