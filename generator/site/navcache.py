"""Material's side navigation and tabs, rendered once for all the pages that show them alike.

Material renders the whole nav (partials/nav.html) and the tabs (partials/tabs.html) for every
page: a sixth of a build's time. For a page outside the nav (a record, a year, a tag…) what they
show depends only on which nav entries are active (the page's section, place_in_section) and on
the links' addresses relative to the page; so the HTML made for one page serves every other page
with the same active entries and the same relative addresses. A page in the nav shows its own
table of contents in it and is rendered as Material does. Nothing is cached when the site's
custom_dir overrides any of these templates (an override may show anything of the page).
"""

from __future__ import annotations

import os

CACHED = ("partials/nav.html", "partials/tabs.html")
# What the cached templates include: all must be the theme's own for their HTML to depend on
# nothing but the nav's state and addresses.
READ = (*CACHED, "partials/nav-item.html", "partials/tabs-item.html", "partials/logo.html",
        "partials/source.html")


def cache_navigation(env, nav, config) -> None:
    """Make `env`'s nav and tabs templates reuse their HTML for the pages outside `nav`
    (one build of a site on Material)."""
    if config.theme.name != "material":
        return
    custom_dir = config.theme.custom_dir
    if custom_dir:
        custom = os.path.abspath(custom_dir) + os.sep
        if any(os.path.abspath(env.get_template(name).filename).startswith(custom) for name in READ):
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


def _cache_template(template, key) -> None:
    render = template.root_render_func
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

    template.root_render_func = cached


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children or ())
