"""Full-text search: a Pagefind index of the published records, and the /search/ page.

The index is not built from the rendered pages: for every published record a small HTML
document holding only what search needs is written (documents → document_html), in shards
by record id (shards) that Pagefind indexes one by one (pagefind) and that are merged into one
bundle (merge, cbor), in the background while MkDocs renders (job).
tokens.py segments Chinese text the same way as the page's script. docs/search.md tells why.
"""

from .documents import FACETS, SearchDocument, search_documents
from .errors import SearchIndexError
from .document_html import common_tokens, document_parts, render_document
from .job import IndexJob, start_index
from .pagefind import OUTPUT_DIR, IndexReport, pagefind_binary, write_index
from .page import page_config

__all__ = ["FACETS", "SearchDocument", "search_documents", "SearchIndexError",
           "common_tokens", "document_parts", "render_document", "IndexJob", "start_index",
           "OUTPUT_DIR", "IndexReport", "pagefind_binary", "write_index", "page_config"]
