"""Parts of Material's page rendered once for all the pages that show them alike.

Material renders the whole nav (partials/nav.html) and the tabs (partials/tabs.html) for every
page: a sixth of a build's time. For a page outside the nav (a record, a year, a tag…) what they
show depends only on which nav entries are active (the page's section, place_in_section) and on
the links' addresses relative to the page; so the HTML made for one page serves every other page
with the same active entries and the same relative addresses. A page in the nav shows its own
table of contents in it and is rendered as Material does.

Likewise what reads nothing of the page but addresses made relative to it: the blocks of
base.html with the stylesheets, scripts, fonts, analytics, the JSON config with the translations
(and for a page without previous and next page the footer), and our header but the page's title
(partials/header-logo.html, header-tools.html): rendered once per page depth (base_url).

Nothing is cached when the site's custom_dir overrides any template these read (an override may
show anything of the page).
"""

from __future__ import annotations

import os

CACHED = ("partials/nav.html", "partials/tabs.html")
# What the cached templates include: all must be the theme's own for their HTML to depend on
# nothing but the nav's state and addresses.
READ = (*CACHED, "partials/nav-item.html", "partials/tabs-item.html", "partials/logo.html",
        "partials/source.html")
# The blocks of base.html cached per depth, and what they read besides config and base_url:
# addresses through `url` and `script_tag`, all under assets/ or in config.extra_javascript and
# extra.polyfills (the footer, only on a page without previous and next page: what it shows then).
BLOCKS = ("styles", "libs", "fonts", "analytics", "config", "scripts", "footer")
BLOCKS_READ = ("base.html", "main.html", "partials/icons.html", "partials/javascripts/base.html",
               "partials/integrations/analytics.html", "partials/footer.html", "partials/copyright.html",
               "partials/social.html")
# Our header's parts cached per depth, and what they include.
HEADER_PARTS = ("partials/header-logo.html", "partials/header-tools.html")
HEADER_READ = (*HEADER_PARTS, "partials/logo.html", "partials/palette.html", "partials/javascripts/palette.html",
               "partials/alternate.html", "partials/source.html", "showcase/search.html")


def cache_navigation(env, nav, config) -> None:
    """Make `env`'s nav and tabs templates reuse their HTML for the pages outside `nav`, and
    base.html's BLOCKS and our HEADER_PARTS theirs for the pages of the same depth (one build of
    a site on Material)."""
    if config.theme.name != "material":
        return
    depth = _depth_key(nav, config)
    if not _overridden(env, config, BLOCKS_READ, "partials/integrations/"):
        _cache_blocks(env, depth)
    if not _overridden(env, config, HEADER_READ):
        for name in HEADER_PARTS:
            _cache_template(env.get_template(name), depth)
    if _overridden(env, config, READ):
        return
    items = list(_walk(nav.items))
    in_nav = {id(page) for page in nav.pages}
    addresses = [item.url for item in items if getattr(item, "url", None) is not None]
    addresses += [a for a in (nav.homepage and nav.homepage.url, config.extra.get("homepage"), config.theme.get("logo"))
                  if a]
    url = env.filters["url"]  # MkDocs' `| url`: an address relative to the page being rendered
    last: list = [None, None]  # the page of the last key, its key

    def key(context):
        page = context.get("page")
        if page is None or id(page) in in_nav or context.get("nav") is not nav:
            return None
        if last[0] is not page:
            last[:] = page, (tuple(item.active for item in items),
                             tuple(url(context, address) for address in addresses))
        return last[1]

    for name in CACHED:
        _cache_template(env.get_template(name), key)


def _overridden(env, config, names, folder: str | None = None) -> bool:
    """Whether the site's custom_dir has its own of one of these templates (or of any in `folder`)."""
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return False
    custom = os.path.abspath(custom_dir) + os.sep
    if folder and os.path.isdir(os.path.join(custom, folder)):
        return True
    return any(os.path.abspath(env.get_template(name).filename).startswith(custom) for name in names)


def _depth_key(nav, config):
    """The key of what is the same on every page of a depth: its base_url, and the page's own
    address when the page is in the folder of an address given to `url` (theme assets, scripts,
    the search page, the home page, logo, language menu): from such a page the address is not
    base_url and itself, as it is from any other."""
    addresses = [*config.extra_javascript, *(config.extra.get("polyfills") or ()), "search/",
                 nav.homepage.url if nav.homepage else "", config.extra.get("homepage") or "",
                 config.theme.get("logo") or "", *(alt.get("link", "") for alt in config.extra.get("alternate") or ())]
    folders = {"assets", *(str(a).split("/", 1)[0] for a in addresses)}

    def key(context):
        page = context.get("page")
        if page is None:
            return None
        return context.get("base_url"), page.url if page.url.split("/", 1)[0] in folders else None
    return key


def _cache_blocks(env, key) -> None:
    """Make base.html's BLOCKS reuse their HTML from page to page of the same key."""
    def footer_key(context):
        page = context.get("page")
        if page is None or page.previous_page is not None or page.next_page is not None:
            return None
        return key(context)

    base = env.get_template("base.html")
    for name in BLOCKS:
        if name in base.blocks:
            base.blocks[name] = _cached(base.blocks[name], footer_key if name == "footer" else key)


def _cache_template(template, key) -> None:
    template.root_render_func = _cached(template.root_render_func, key)


def _cached(render, key):
    """`render` (a template's or block's render function) reusing its HTML for contexts of equal
    key(context); a key of None renders afresh."""
    made: dict = {}

    def cached(context):
        k = key(context)
        if k is None:
            yield from render(context)
            return
        html = made.get(k)
        if html is None:
            html = made[k] = "".join(render(context))
        yield html

    return cached


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children or ())
