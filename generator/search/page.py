"""What the /search/ page's script needs to know. The page itself is the template
showcase/search.html, rendered by the site like any other page."""

from __future__ import annotations

import json

from ..core.schema import HONOR_LEVELS
from .documents import FACETS, KIND_LABELS, synonym_groups
from .tokens import browser_constants

# Pagefind's ranking options (its pageLength default, 0.75, lets a short record with a match
# in its tags outrank a long one with the match in its title).
RANKING = {"pageLength": 0.25}


def page_config(synonyms: dict | None = None) -> dict:
    """What search.js needs to know (embedded in the page as JSON). `synonyms` (the option) is
    applied when the index is built (documents.synonym_words); the page only names the synonyms
    a query was searched with, and suggests them when nothing is found."""
    return {
        "facets": FACETS,
        "kinds": KIND_LABELS,
        "honorLevels": list(HONOR_LEVELS),
        "pageSize": 10,
        "ranking": RANKING,
        "tokens": browser_constants(),
        "synonyms": synonym_groups(synonyms or {}),
    }


def page_config_json(synonyms: dict | None = None) -> str:
    """page_config() as JSON that is safe inside a <script> element."""
    return json.dumps(page_config(synonyms), ensure_ascii=False).replace("</", "<\\/")
