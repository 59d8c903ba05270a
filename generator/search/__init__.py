"""Full-text search: a Pagefind index of the published records, and the /search/ page.

The index is not built from the rendered pages: for every published record, what search needs
(documents → document_html: tokens in weighted parts, hidden snippet text, filters, metadata)
is written as Pagefind's bundle (bundle, cbor; Pagefind's scripts from a run over one page:
pagefind), in the background while MkDocs renders (job).
tokens.py segments Chinese text the same way as the page's script. docs/search.md tells why.
"""

from .documents import FACETS, SearchDocument, search_documents
from .errors import SearchIndexError
from .document_html import document_parts, render_document
from .job import IndexJob, start_index
from .pagefind import OUTPUT_DIR, IndexReport, pagefind_binary, write_index
from .page import page_config

__all__ = ["FACETS", "SearchDocument", "search_documents", "SearchIndexError",
           "document_parts", "render_document", "IndexJob", "start_index",
           "OUTPUT_DIR", "IndexReport", "pagefind_binary", "write_index", "page_config"]
