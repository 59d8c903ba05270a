"""The words the search page suggests when a query finds nothing (search/words.json).

Similar words are found in the browser (search.js: shared bigrams and characters with the
query), among the words this file lists: the values of every searchable facet field (tags,
categories, series, honour levels), most used first, then the titles of the published records,
newest first. Each is indexed in at least one published record, so searching it finds something;
nothing of a record the build leaves out is listed. The page loads the file only when a search
finds nothing, so it costs nothing to a search that finds results.
"""

from __future__ import annotations

import json
from collections import Counter

from ..core.dates import iso_first_day
from ..core.index import Index, field_facets
from ..core.project import Edition
from ..core.schema import KINDS
from .tokens import normalise

WORDS_PATH = "search/words.json"  # beside the /search/ page
MAX_WORDS = 3000  # 128 KB (26 KB gzipped) at 10,000 bench records: facet values, then the newest titles
# Facets whose values are indexed (the field is searchable), so that searching one finds its records.
SEARCHED_FACETS = {f.facet for kind in KINDS for top in kind.fields for f in [top, *top.sub_fields]
                   if f.facet and f.search}


def suggestion_words(edition: Edition, index: Index | None = None) -> list[str]:
    """The words to suggest from, most useful first, each once (compared normalised)."""
    records = edition.records()
    index = index or Index.build(records, edition.resolve_published)
    used: Counter[str] = Counter()
    for record in records:
        for facet, value in field_facets(record):
            if facet in SEARCHED_FACETS and isinstance(value, str) and value.strip():
                used[index.name(facet, value)] += 1
    titles = [r.title for r in sorted(records, key=lambda r: iso_first_day(r.date) if r.date else "", reverse=True)]
    words, seen = [], set()
    for word in [*(w for w, _ in sorted(used.items(), key=lambda item: (-item[1], item[0]))), *titles]:
        key = normalise(word)
        if key not in seen:
            seen.add(key)
            words.append(word)
    return words[:MAX_WORDS]


def words_file(edition: Edition, index: Index | None = None) -> str:
    """search/words.json: {"words": [word, …], "norm": {position: normalised word}} — the
    normalised form (tokens.normalise: traditional → simplified…) only where it differs, so the
    page compares without loading the character map."""
    words = suggestion_words(edition, index)
    norm = {str(i): normalise(w) for i, w in enumerate(words) if normalise(w) != w}
    return json.dumps({"words": words, "norm": norm}, ensure_ascii=False, separators=(",", ":"))
