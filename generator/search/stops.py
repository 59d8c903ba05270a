"""Stop tokens: tokens on nearly every page, searched through the pages that lack them.

In a party-building knowledge base 党, 党建, 发展 … are on nearly every page. As words of the
index they are most of its postings, the largest chunks a query loads (a one-character query
loads every bigram it starts), and what Pagefind 1.5.2's browser code is slowest on: it scores
each result by scanning every posting of the query's words, pages × postings. So a token that
at most 1/STOP_SHARE of the pages lack is a *stop token*:

- a bigram (bundle: a key of six code digits) is left out of the index chunks;
- a Han character (the three digits a one-character query searches as a prefix: every bigram
  it starts and its run-final token) is a stop token when the pages holding any of those are
  as many. A character that starts a stop bigram is one: it is on every page the bigram is on;
- each has a filter of its own, FILTER_PREFIX + the token, whose one value "1" lists the pages
  that lack it. search.js searches the query's other tokens (or none: every page) with the
  filter `{name: {none: ["1"]}}` for each stop token: the same pages as searching the token,
  and the filter counts Pagefind gives are those of these pages. A stop token only counts
  towards the order of the results by its weight, which on nearly every page is next to none
  (Pagefind's IDF: ln(1 + 1/16) against ~4 for a word on one page in a hundred).

Run-final tokens and words (x…) are never stop tokens.
"""

from __future__ import annotations

from array import array

STOP_SHARE = 16  # a stop token is lacked by at most 1/STOP_SHARE of the pages
FILTER_PREFIX = "~"  # a stop token's filter: "~" + the token (search.js hides these)
LACKS = "1"  # the value listing the pages that lack the token


def limit(page_count: int) -> int:
    """How many pages may lack a stop token."""
    return page_count // STOP_SHARE


def is_bigram(key: str) -> bool:
    return len(key) == 6 and key[0] != "x"


def is_han(key: str) -> bool:
    """A bigram or a run-final token (the keys a character's prefix query matches)."""
    return key[0] != "x" and (len(key) == 6 or len(key) == 4 and key[3] == "z")


def lacking(pages, page_count: int) -> array:
    """The page numbers not among `pages` (codes: page << 2 | part)."""
    held = bytearray(page_count)
    for code in pages:
        held[code >> 2] = 1
    return array("I", (n for n, flag in enumerate(held) if not flag))


class Census:
    """The stop tokens of a bundle, and what the next build needs to tell whether an edit makes
    or unmakes one (snapshot.py): for each character, the postings of the keys it starts (an
    upper bound of its pages), and its pages where that bound reaches the threshold."""

    def __init__(self, page_count: int, stops: dict | None = None, sums: dict | None = None,
                 counts: dict | None = None):
        self.page_count = page_count
        self.stops: dict[str, array] = stops or {}  # stop token → the pages lacking it
        self.sums: dict[str, int] = sums or {}  # character → postings of the keys it starts
        self.counts: dict[str, int] = counts or {}  # character → its pages, where sums reach the threshold

    @property
    def threshold(self) -> int:
        """The pages a stop token is on, at least."""
        return self.page_count - limit(self.page_count)

    @classmethod
    def of(cls, entries: list, page_count: int) -> "Census":
        """Of `entries`, (key, pages, variants) in key order."""
        census = cls(page_count)
        if not page_count:
            return census
        threshold = census.threshold
        group: list = []
        for key, pages, _variants in entries:
            if not is_han(key):
                continue
            char = key[:3]
            if group and group[0][:3] != char:
                census._close(group)
                group = []
            group.append(key)
            group.append(pages)
            if is_bigram(key) and len(pages) >= threshold:
                census.stops[key] = lacking(pages, page_count)
        if group:
            census._close(group)
        return census

    def _close(self, group: list) -> None:
        char, arrays = group[0][:3], group[1::2]
        total = self.sums[char] = sum(map(len, arrays))
        if total >= self.threshold:
            self.char_pages(char, (code for pages in arrays for code in pages))

    def char_pages(self, char: str, codes) -> None:
        """Count a character's pages (from the codes of every key it starts) and make it a stop
        token or not."""
        missing = lacking(codes, self.page_count)
        self.counts[char] = self.page_count - len(missing)
        if len(missing) <= limit(self.page_count):
            self.stops[char] = missing
        else:
            self.stops.pop(char, None)


def filters(stops: dict[str, array]) -> dict[str, dict[str, list[int]]]:
    """The stop tokens' filters (name → value → page numbers), as bundle.Pages gathers filters."""
    return {FILTER_PREFIX + token: {LACKS: list(missing)} for token, missing in stops.items()}
