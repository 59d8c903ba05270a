"""The documents of the published records, in shards that Pagefind indexes one by one.

Pagefind's memory is ~680 bytes per (token, page) pair of a run, so a large site is indexed
in shards (merge.py merges the bundles). A record's shard is fixed by its id (a hash, modulo
a power of two chosen from the number of records), so an edit changes one shard, and a
shard's bundle can be kept in a cache under a key of its documents' exact text: a later
build runs Pagefind only for the shards whose documents changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from ..core.project import Project, Visibility
from .document_html import INDEX_LANGUAGE, SAMPLE_DOCUMENTS, common_tokens, render_document, sort_values
from .documents import DocumentBuilder

SHARD_RECORDS = 1024  # records per shard at most (on average): Pagefind ~0.6 GB for ~4 KB records
SHARD_RECORDS_ENV = "SHOWCASE_SEARCH_SHARD_RECORDS"  # overrides it (tests force small shards)
SHARD_FORMAT = "1"  # part of every shard's key: change it when what a shard's bundle holds changes
EMPTY_PAGE = (f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><body>'
              '<p data-pagefind-body>y</p></body></html>')
# Pagefind writes no bundle for no pages, and the search page needs one: a page no search can
# return (its one word "y" is no token; with no sort key it drops out of the sorted browsing
# list; it has no filter).


def shard_records() -> int:
    value = os.environ.get(SHARD_RECORDS_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else SHARD_RECORDS


def shard_count(records: int, per_shard: int) -> int:
    """The fewest shards, a power of two, of at most `per_shard` records on average: the count
    changes only when the site doubles or halves past a boundary."""
    count = 1
    while records > count * per_shard:
        count *= 2
    return count


def _id_hash(record_id: str) -> int:
    return int.from_bytes(hashlib.sha1(record_id.encode("utf-8")).digest()[:8], "big")


def shard_of(record_id: str, count: int) -> int:
    return _id_hash(record_id) % count


def sample(records: list) -> list:
    """About SAMPLE_DOCUMENTS records to find the common tokens in, chosen by id (other bits
    of the hash than the shard's), so that adding or removing a record rarely changes the
    sample, and with it every document."""
    step = shard_count(len(records), SAMPLE_DOCUMENTS)
    return [r for r in records if (_id_hash(r.id) >> 32) % step == 0] or records[:1]


@dataclass
class Shard:
    number: int
    files: list[tuple[str, str]] = field(default_factory=list)  # (path under the shard's folder, HTML)
    sorts: dict[str, dict[str, str]] = field(default_factory=dict)  # Pagefind url → sort values
    records: int = 0

    def key(self, settings: str) -> str:
        """A digest of everything Pagefind's output for this shard depends on."""
        digest = hashlib.sha256(f"{SHARD_FORMAT}\0{settings}\0".encode())
        for path, text in sorted(self.files):
            digest.update(path.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
        return digest.hexdigest()[:32]

    def write(self, root: str) -> None:
        # Newest first is the order Pagefind finds the files of a memory file system (tmpfs) in:
        # written in reverse, they are found in address order, which spares the merge a
        # renumbering (merge.py; any order gives the same bundle).
        for path, text in sorted(self.files, key=lambda f: f[0].split("/"), reverse=True):
            target = os.path.join(root, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)


def shards(project: Project, visibility: Visibility, per_shard: int | None = None):
    """The record count, then each non-empty shard (a generator: a shard's documents are
    rendered only when it is its turn)."""
    builder = DocumentBuilder(project, visibility)
    records = builder.edition.records()
    yield len(records)
    if not records:
        yield Shard(0, [("index.html", EMPTY_PAGE)])
        return
    common = common_tokens(builder.document(r) for r in sample(records))
    count = shard_count(len(records), per_shard or shard_records())
    groups: list[list] = [[] for _ in range(count)]
    for record in records:
        groups[shard_of(record.id, count)].append(record)
    for number, group in enumerate(groups):
        if not group:
            continue
        shard = Shard(number, records=len(group))
        for record in group:
            doc = builder.document(record)
            parts = doc.url.strip("/").split("/")
            shard.files.append(("/".join([*parts, "index.html"]), render_document(doc, common)))
            shard.sorts["/" + "/".join(parts) + "/"] = sort_values(doc)  # Pagefind's url for it
        yield shard
