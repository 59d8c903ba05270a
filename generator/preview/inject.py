"""What the preview adds to every page it serves: its state, the list of errors over the
page, the script that reloads the page when the content changes and, when the server edits
(its state has a token), the editor: an 编辑 button on a record's page, a 新建 button on a
kind's index page, and the editor's script and style. Nothing else differs from the page
`mkdocs build` writes (a test compares them)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from markupsafe import escape

from ..core.schema import KIND_BY_NAME
from ..editor.form import WORDS
from .messages import say

START, END = "<!-- showcase preview -->", "<!-- /showcase preview -->"

_STYLE = """<style>
#sc-preview-problems{position:fixed;z-index:1000;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;
 background:#fff5f5;color:#5c0a0a;border-top:3px solid #c62828;font:14px/1.6 sans-serif;padding:.8em 1.2em;
 box-shadow:0 -4px 16px rgba(0,0,0,.25)}
#sc-preview-problems ol{margin:.4em 0 0;padding-left:1.6em}
#sc-preview-problems code{background:#ffe3e3;padding:0 .3em;border-radius:3px;margin-right:.5em}
#sc-preview-problems button{float:right;font:inherit;cursor:pointer}
</style>"""


@lru_cache(maxsize=None)
def _asset(package: str, name: str) -> str:
    return files(package).joinpath("assets", name).read_text(encoding="utf-8")


def editor(state: dict) -> str:
    """The editor's button for the page (none on a page that is not a record's or a kind's
    index), its words, script and style; nothing when the server does not edit."""
    page = state.get("page") or {}
    kind = KIND_BY_NAME.get(page.get("kind"))
    if not state.get("token") or kind is None:
        return ""
    words = json.dumps(WORDS, ensure_ascii=False).replace("</", "<\\/")
    label = WORDS["edit"] if page.get("id") else WORDS["new"].format(kind=kind.zh)
    return (f'<style>{_asset("generator.editor", "editor.css")}</style>'
            f'<div id="sc-editor-bar"><button type="button" id="sc-editor-open">{escape(label)}</button></div>'
            f'<script id="sc-editor-words" type="application/json">{words}</script>'
            f'<script>{_asset("generator.editor", "editor.js")}</script>')


def overlay(entries: list[tuple[str, str]], lang: str) -> str:
    """The errors over the page: (where, message) each — where is "content/x.md:3"."""
    if not entries:
        return ""
    items = "".join(f'<li><code class="sc-where">{escape(where)}</code><span class="sc-message">{escape(message)}'
                    "</span></li>" for where, message in entries)
    return (f'<div id="sc-preview-problems" role="alert" lang="{lang}"><button type="button">'
            f'{escape(say("overlay-close", lang))}</button><strong>{escape(say("overlay-title", lang, count=len(entries)))}'
            f"</strong><ol>{items}</ol></div>")


def inject(html: str, state: dict, entries: list[tuple[str, str]], lang: str) -> str:
    """The page with the preview's additions just before </body> (or at the end)."""
    data = json.dumps(state).replace("</", "<\\/")
    added = (f'{START}{_STYLE if entries else ""}{overlay(entries, lang)}'
             f'<script id="sc-preview-state" type="application/json">{data}</script>'
             f'<script>{_asset(__package__, "live.js")}</script>{editor(state)}{END}')
    at = html.rfind("</body>")
    return html + added if at < 0 else html[:at] + added + html[at:]


def strip(html: str) -> str:
    """The page without the preview's additions (what `mkdocs build` writes)."""
    start = html.find(START)
    return html if start < 0 else html[:start] + html[html.index(END, start) + len(END):]
