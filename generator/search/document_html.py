"""What the index holds for one record, as Pagefind would read it from a small HTML document.

Only what search needs: the indexed text as tokens (tokens.py), each distinct token once, in
four parts of fixed weights; the body's original plain text, hidden from the index, for
snippets; and filters and metadata (the date orders the pages: bundle.in_page_order). bundle.py writes the index from these parts;
render_document is the same as the HTML Pagefind itself would index (the tests run Pagefind
over it and compare). docs/search.md explains the design.
"""

from __future__ import annotations

import html

from .documents import SearchDocument
from .tokens import document_tokens, hide

INDEX_LANGUAGE = "zxx"  # ISO 639-2 "no linguistic content": no stemmer, no segmenter
SNIPPET_CHARS = 1000  # original text kept per record for snippets
SUMMARY_META = 100  # characters of the summary kept as Pagefind metadata
HIDDEN_WORD = 200  # characters per "word" of hidden text: quickest for Pagefind (measured 50–1000)
WEIGHTS = {"id": 10, "title": 5, "fields": 2, "body": 1}  # 10: Pagefind's highest


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def document_parts(doc: SearchDocument) -> list[list[str]]:
    """The tokens of a document's id, title, fields and text (tokens.document_tokens); the
    text's part also holds the synonyms of its words (documents.synonym_words). The id part
    holds only the id's tokens found nowhere else in the record (hn, jiezhuanyun of
    hn-2020-jiezhuanyun): enough to put the record first for its id, without lifting the words
    an id shares with its record (a lecture's id starts with its series' name)."""
    field_values = "\n".join(values for _, values in doc.fields)
    body = "\n".join([doc.body_text, *doc.synonyms])
    title, fields, text, id_ = document_tokens(doc.title, field_values, body, doc.id)
    return [id_, title, fields, text]


def render_document(doc: SearchDocument) -> str:
    """The HTML document Pagefind would index for one record. bundle.py writes Pagefind's
    bundle for it without Pagefind; the tests index these documents with the real Pagefind
    and compare."""
    head = [f'<meta data-pagefind-filter="{name}[content]" content="{_attr(value)}">'
            for name, values in doc.filters.items() for value in values]
    head += [f'<meta data-pagefind-meta="{name}[content]" content="{_attr(value)}">'
             for name, value in page_meta(doc).items()]
    id_tokens, title_tokens, field_tokens, body_tokens = document_parts(doc)
    # One block of inline parts: Pagefind ends every block element's text with a ".", which
    # would glue onto the last token and make it a "compound word" split into junk keys.
    return (
        f'<!DOCTYPE html>\n<html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head><body><div data-pagefind-body>"
        f'<span data-pagefind-weight="{WEIGHTS["id"]}">{" ".join(id_tokens)}</span> '
        f'<span data-pagefind-weight="{WEIGHTS["title"]}">{" ".join(title_tokens)}</span> '
        f'<span data-pagefind-weight="{WEIGHTS["fields"]}">{" ".join(field_tokens)}</span> '
        f'<span>{" ".join(body_tokens)}</span> '
        f'<span>{fragment_text(doc)}</span>'
        "</div></body></html>\n"
    )


def page_meta(doc: SearchDocument) -> dict[str, str]:
    """The page's Pagefind metadata (name → value, by name; empty ones left out), hidden."""
    # Pagefind indexes metadata too, as words: a title or a summary would become keys that
    # queries could hit (an image path even splits into ASCII words that can equal tokens).
    # So metadata is stored hidden like the snippet text (search.js reveals it): it creates no
    # key. The summary is cut short (the full text is in the hidden snippet text).
    summary = doc.summary if len(doc.summary) <= SUMMARY_META else doc.summary[:SUMMARY_META - 1] + "…"
    meta = {"title": doc.title, "date": doc.date, "summary": summary, "image": doc.image, "kind": doc.kind}
    return {name: hide(meta[name]) for name in sorted(meta) if meta[name]}


def fragment_text(doc: SearchDocument) -> str:
    """The hidden text a page keeps for snippets, in words of HIDDEN_WORD characters: the
    body's start (with the summary first when the body does not hold it; a match only in the
    fields is shown by the summary line, not by a dump of field lines: search.js)."""
    hidden = hide(doc.body_text[:SNIPPET_CHARS])
    return " ".join(hidden[i:i + HIDDEN_WORD] for i in range(0, len(hidden), HIDDEN_WORD))
