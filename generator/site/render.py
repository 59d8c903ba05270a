"""HTML fragments for record and generated pages, from Jinja templates with autoescaping.

Every front-matter value reaches HTML through a template here, so it is escaped
wherever it is shown. Links are made relative to the page they appear on, so the
site works from any sub-path and from the file system.
"""

from __future__ import annotations

import contextvars
import os
import re
from collections import ChainMap
from functools import lru_cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.runtime import Macro
from markupsafe import Markup, escape

from .externallinks import external_link
from ..core.addresses import slug
from ..core.dates import PartialDate, Period, iso_date
from ..core.index import facet_key
from ..core.fields import ContentFile, Date, DateOrPeriod, Integer, ListOf, Number, Object, Ref
from ..core.schema import KIND_NAMES, KINDS
from ..export.dossier import dossier_url, milestone_when

_SAFE_URL = re.compile(r"^[A-Za-z0-9/._~-]*$")


def relative_url(target: str, base: str) -> str:
    """`target` and `base` are site-root-relative, directory style ("cases/x/", "" for home)."""
    target, hash_, anchor = target.partition("#")
    base_parts = base.split("/")[:-1]  # "cases/x/" -> ["cases", "x"]; "" -> []
    target_parts = target.split("/")
    common = 0
    while (common < len(base_parts) and common < len(target_parts) - 1
           and base_parts[common] == target_parts[common]):
        common += 1
    rel = "../" * (len(base_parts) - common) + "/".join(target_parts[common:])
    if not rel:
        rel = "" if anchor else "./"
    if not _SAFE_URL.match(rel):
        rel = quote(rel, safe="/.-_~")
    return rel + hash_ + anchor


def zh_date(value) -> str:
    if isinstance(value, (PartialDate, Period)):
        return value.zh()
    return "" if value is None else str(value)


def number(value) -> str:
    """2271 → 2,271; 3.50 → 3.5."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


# The page being rendered. A global `href` reads it, so that macro modules can be imported
# without context (and so are compiled and cached once, not re-run for every page).
_BASE = contextvars.ContextVar("base", default="")


# The build being rendered (a pages.Showcase): what it publishes decides links and summaries.
_BUILD = contextvars.ContextVar("build")


def summary(record) -> str:
    return _BUILD.get().summary(record)


def published(ids) -> list:
    return _BUILD.get().published(ids)


# Files a browser shows as a picture: a lecture's attachment of these is shown, not downloaded.
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "svg", "webp"}


def attachment(path: str) -> dict:
    """A file of content/ a page offers (site-root-relative path): its name, type, size read from
    content/ at build time ("" when it cannot be read) and whether it is an image."""
    name = path.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        size = os.path.getsize(os.path.join(_BUILD.get().project.settings.content_root, path))
    except OSError:
        size = None
    return {"name": name, "type": ext.upper(), "image": ext in IMAGE_EXTENSIONS, "size": file_size(size)}


def file_size(size: int | None) -> str:
    """1234567 → "1.2 MB": how a download's size is shown."""
    if size is None:
        return ""
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def session_label(record) -> str:
    """"第 78 期" before a lecture's title, unless the title already starts with its number."""
    number = record.values.get("number")
    if number is None or re.match(rf"^\s*第\s*0*{number}\s*期", record.title):
        return ""
    return f"第 {number} 期"


def href(target: str) -> str:
    """A link from the page being rendered to `target` (site-root-relative)."""
    return relative_url(target, _BASE.get())


# Small pieces used hundreds of times per page are Python functions, not Jinja macros:
# a macro call costs ten times more, and these dominate the render time of long lists.

@lru_cache(maxsize=None)
def kind_badge(kind: str) -> Markup:
    return Markup(f'<span class="sc-badge sc-kind sc-kind--{kind}">{KIND_NAMES["zh"][kind]}</span>')


_INTERNAL = Markup('<span class="sc-badge sc-internal" title="仅内部版可见">内部</span>')
_DRAFT = Markup('<span class="sc-badge sc-draft" title="草稿，不会公开发布">草稿</span>')
_EMPTY = Markup("")


def visibility_badges(record) -> Markup:
    if not record.internal and not record.draft:
        return _EMPTY
    return (_INTERNAL if record.internal else _EMPTY) + (_DRAFT if record.draft else _EMPTY)


def link(record) -> Markup:
    """A link to a record, with its 内部/草稿 badges."""
    return Markup(f'<a href="{escape(href(record.url))}">{escape(record.title)}</a>{visibility_badges(record)}')


def time_tag(date, css: str = "") -> Markup:
    if date is None:
        return _EMPTY
    attr = f' class="{escape(css)}"' if css else ""
    return Markup(f'<time{attr} datetime="{iso_date(date)}">{escape(zh_date(date))}</time>')


def record_list(records) -> Markup:
    """Records as a list, each with its kind, its link and its date."""
    items = "".join(f'  <li>{kind_badge(r.kind)} {link(r)} {time_tag(r.date, "sc-muted")}</li>\n' for r in records)
    return Markup(f'<ul class="sc-list">\n{items}</ul>\n')


def case_row(case) -> Markup:
    """A case as a row of the cases table: date, title, organisations (each a link to its cases),
    category (a link to its page)."""
    orgs = "、".join(f'<a href="{escape(href(f"cases/org/{org.id}/"))}">{escape(org.title)}</a>'
                    for org in published(case.values.get("branches")))
    category = case.values.get("category")
    chip = f'<a class="sc-chip" href="{escape(facet_href("case_category", category))}">{escape(category)}</a>' if category else ""
    return Markup(f'<tr>\n  <td class="sc-cases__date" data-label="日期">{time_tag(case.date)}</td>\n'
                  f'  <td class="sc-cases__title" data-label="标题">{link(case)}</td>\n'
                  f'  <td class="sc-cases__org" data-label="党组织">{orgs}</td>\n'
                  f'  <td class="sc-cases__category" data-label="类别">{chip}</td>\n</tr>\n')


# -- record panels: one generic template, over the field declarations --------------------

# The facets that have a page per value (pages.py makes them): a value links to its page.
# The two vocabularies of categories keep apart: 党建分类 under categories/, 案例类别 with the cases.
FACET_PAGES = {"year": "years/", "category": "categories/", "case_category": "cases/category/", "tag": "tags/"}
FACET_ADDRESSES = {**FACET_PAGES, "series": "series/"}


def facet_url(facet: str, value) -> str:
    """The address of a facet value's page: one for the spellings that differ only by script."""
    return f"{FACET_ADDRESSES[facet]}{slug(facet_key(facet, value))}/"


def facet_href(facet: str, value) -> str:
    return href(facet_url(facet, value))


def shape(field) -> str:
    """How the generic panel template shows a field's value, from its type."""
    type_ = field.type
    item = type_.item if isinstance(type_, ListOf) else None
    if isinstance(type_ if item is None else item, Ref):
        return "refs"
    if isinstance(type_, (Date, DateOrPeriod)):
        return "date"
    if isinstance(type_, (Integer, Number)):
        return "number"
    if isinstance(type_ if item is None else item, ContentFile):
        return "images" if item is not None else "image"
    if isinstance(item, Object):
        return "people"  # name first, the rest muted
    if item is not None:
        return "facets" if field.facet in FACET_PAGES else "list"
    return "facet" if field.facet in FACET_PAGES else "text"


def present(value) -> bool:
    """Whether a front-matter value has anything to show (0 has; None, "" and [] have not)."""
    return value is not None and value != "" and value != [] and value != {}


def image(path: str, alt: str, css: str = "sc-image") -> Markup:
    """A picture of content/ (site-root-relative path), loaded when scrolled to."""
    return Markup(f'<img class="{escape(css)}" src="{escape(href(path))}" alt="{escape(alt)}" loading="lazy">')


def _chips(css: str, facet: str | None, values) -> str:
    """Values as chips, each a link to its facet page when it has one (facet not None)."""
    if facet is None:
        return "".join(f'<span class="{css}">{escape(v)}</span>' for v in values)
    return "".join(f'<a class="{css}" href="{escape(facet_href(facet, v))}">{escape(v)}</a>' for v in values)


def _people(field, people) -> str:
    """A list of people: the first sub-field (the name) strong, the others written muted."""
    first, *others = field.sub_fields
    items = []
    for p in people:
        rest = " · ".join(str(escape(p[sub.key])) for sub in others if sub.key in p)
        items.append(f"<li><strong>{escape(p[first.key])}</strong>"
                     + (f'<span class="sc-muted">　{rest}</span>' if rest else "") + "</li>")
    return f'<ul class="sc-people">{"".join(items)}</ul>'


def panel_value(field, value, shape_: str, record) -> Markup:
    """A field's value on a record's panel as its shape asks: the generic layouts (a kind's own
    layout for a field is a macro of panel/<kind>.html, panel_entries)."""
    key = escape(field.key)
    if field.panel == "badge":
        if shape_ == "facet":
            return Markup(_chips(f"sc-badge sc-{key}", field.facet, (value,)))
        return Markup(f'<span class="sc-badge">{escape(value)}</span>')
    if shape_ == "facet":
        return Markup(_chips(f"sc-chip sc-{key}", field.facet, (value,)))
    if shape_ == "refs":
        return Markup("、").join(map(link, published(value)))
    if shape_ == "date":
        return time_tag(value)
    if shape_ == "number":
        return Markup(number(value) + (f" {escape(field.unit)}" if field.unit else ""))
    if shape_ == "image":
        return Markup(f'<figure class="sc-figure">{image(value, record.title, f"sc-{key}")}</figure>')
    if shape_ == "images":
        figures = "".join(f"<figure>{image(p, f'{record.title} {field.zh} {n}', 'sc-photo')}</figure>"
                          for n, p in enumerate(value, 1))
        return Markup(f'<div class="sc-gallery">{figures}</div>')
    if shape_ == "people":
        return Markup(_people(field, value))
    if shape_ == "facets":
        return Markup(_chips("sc-chip", field.facet, value))
    if shape_ == "list" and field.panel == "section":
        return Markup(f'<ul class="sc-{key}">' + "".join(f"<li>{escape(v)}</li>" for v in value) + "</ul>")
    if shape_ == "list":
        return Markup(_chips("sc-chip", None, value))
    if field.panel == "row":
        return escape(value)
    return Markup(f'<p class="sc-{key}">{escape(value)}</p>')


# Per kind, its panel slots as (field, shape) pairs: shape() once per field, not once per page.
_PANEL_SHAPES: dict[str, dict] = {}


def panel_entries(record, kind, values: dict, view: dict) -> dict:
    """Per panel slot of `kind` (core.schema.KindSchema), (field, its value's HTML) for each of the
    record's fields that has something to show, in order: the field's macro of panel/<kind>.html
    or panel/common.html if it has one, called as macro(value, record, view), else panel_value.
    `values` holds every field key (None when not written). A row of references none of which
    this build publishes is left out."""
    shapes = _PANEL_SHAPES.get(kind.name)
    if shapes is None:
        shapes = _PANEL_SHAPES[kind.name] = {slot: [(f, shape(f)) for f in fields]
                                             for slot, fields in kind.panel.items()}
    own = panel_macros(kind.name)
    entries = {}
    for slot, fields in shapes.items():
        entries[slot] = shown = []
        for f, s in fields:
            x = values[f.key]
            if not present(x) or (slot == "row" and s == "refs" and not published(x)):
                continue
            macro = own.get(f.key)
            shown.append((f, macro(x, record, view) if macro is not None else panel_value(f, x, s, record)))
    return entries


# Per kind, the macros of showcase/panel/common.html and showcase/panel/<kind>.html, by field
# key: a kind's special layout for a field (stage bar, stars, coordinates…) overrides the
# generic one. Called as macro(value, record, view).
_PANEL_MACROS: dict[str, dict] = {}


def panel_macros(kind: str) -> dict:
    if kind not in _PANEL_MACROS:
        macros = {}
        for name in ("common", kind):
            try:
                module = ENV.get_template(f"showcase/panel/{name}.html").module
            except TemplateNotFound:
                continue
            macros.update((key, value) for key, value in vars(module).items() if isinstance(value, Macro))
        _PANEL_MACROS[kind] = macros
    return _PANEL_MACROS[kind]


KIND_STYLESHEET = "assets/kinds.css"


def kind_css() -> str:
    """The kinds' badge colours, from their declarations (the plugin serves it as KIND_STYLESHEET)."""
    return "".join(f".sc-kind--{kind.name} {{ background: {kind.colour}; }}\n" for kind in KINDS)


# The theme folders this package adds to the site's theme (the plugin registers them with
# MkDocs): page templates under showcase/, the header override, scripts and stylesheets.
THEME_DIRS = [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), package, "theme")
              for package in ("site", "search")]

def share_globals(env: Environment) -> None:
    """Let `env`'s templates read its globals dict itself rather than a ChainMap over it (Jinja's
    default, to keep a template's own globals apart). Every render, include and import copies the
    globals into a new context, ten times slower from a ChainMap: for Material, tens of copies per
    page. Call before any template is loaded. A template loaded with globals of its own keeps
    them apart; one loaded without must not be given some later (get_template(name, globals)
    would then add them to the environment's): neither MkDocs, Material nor we do."""
    env.make_globals = lambda own: ChainMap(own, env.globals) if own else env.globals


# Our own environment, not MkDocs' (which does not autoescape), over the same search path as the
# theme's: under the plugin, use_theme_dirs() puts the site's custom_dir first, so a site can
# override any of our templates (showcase/<name>.html) as it overrides Material's.
ENV = Environment(loader=FileSystemLoader(THEME_DIRS), autoescape=True, auto_reload=False,
                  trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
share_globals(ENV)
ENV.filters.update(zh=zh_date, iso=iso_date, number=number, slug=slug,
                   kindname=lambda kind: KIND_NAMES["zh"][kind])
ENV.globals.update(href=href, link=link, kind_badge=kind_badge, visibility_badges=visibility_badges,
                   time_tag=time_tag, summary=summary, published=published, shape=shape, present=present,
                   panel_entries=panel_entries, image=image, record_list=record_list, case_row=case_row,
                   panel_macros=panel_macros, facet_href=facet_href, milestone_when=milestone_when,
                   dossier_url=dossier_url, external_link=external_link, attachment=attachment,
                   session_label=session_label)


def use_theme_dirs(dirs: list[str]) -> None:
    """Look templates up in the theme's folders, in the theme's order (custom_dir first)."""
    ENV.loader = FileSystemLoader(list(dirs))
    ENV.cache.clear()
    _PANEL_MACROS.clear()


def render(template: str, base: str, build, **context) -> str:
    """Render a fragment of `build` for the page at `base` (its site-root-relative URL)."""
    base_token, build_token = _BASE.set(base), _BUILD.set(build)
    try:
        return ENV.get_template(f"showcase/{template}").render(**context)
    finally:
        _BASE.reset(base_token)
        _BUILD.reset(build_token)
