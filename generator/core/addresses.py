"""Values that become addresses: record ids and facet values (tags, series, categories).

An address is a folder in site/, so it must be a name every file system and web server
keeps: not "." or "..", not hidden, not longer than a file name may be. Two distinct
values must not share one address, and no record may take an address a generated page
has. The site declares which addresses its pages take (the core does not know them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .messages import Label, Problem
from .schema import facet_label
from .t2s import simplified

_UNSAFE_SLUG = re.compile(r"[\s/\\?#%&<>\"'`|*:]+")

# One folder name in bytes (ext4 and NTFS allow 255; a server adds suffixes to some names).
SEGMENT_MAX_BYTES = 120
# Segments in one id (lecture ids have two: series/number).
ID_MAX_SEGMENTS = 8

# Front-matter fields whose values name a page: field → the folder of those pages.
FACET_FIELDS = {"tags": "tags", "categories": "categories", "category": "cases/category", "series": "series"}
FACET_LABELS = {"tags": facet_label("tag"), "categories": facet_label("category"),
                "cases/category": facet_label("case_category"), "series": Label("讲堂系列", "series")}


def slug(name: str) -> str:
    """A name (tag, category, series) as one path segment of an address."""
    return _UNSAFE_SLUG.sub("-", str(name).strip()).strip("-") or "-"


def segment_problem(segment: str) -> tuple[str, dict] | None:
    """Why `segment` (one folder of an address) cannot be one: (message code, args), or None."""
    if segment.startswith("."):  # ".", ".." climb the tree; other dot-names are hidden files
        return "address-dot", {}
    size = len(segment.encode("utf-8"))
    if size > SEGMENT_MAX_BYTES:
        return "address-too-long", {"max": SEGMENT_MAX_BYTES, "chars": SEGMENT_MAX_BYTES // 3, "bytes": size}
    return None


def id_problem(record_id: str) -> tuple[str, dict] | None:
    """Why a well-formed id cannot be an address, or None."""
    segments = record_id.split("/")
    if len(segments) > ID_MAX_SEGMENTS:
        return "id-too-deep", {"max": ID_MAX_SEGMENTS, "count": len(segments)}
    for segment in segments:
        problem = segment_problem(segment)
        if problem:
            return problem
    return None


def address_key(value: str) -> str:
    """Values with the same key share an address: slug, ignoring case (Windows and macOS
    file systems do) but not script (see `same_value`)."""
    return slug(value).casefold()


def same_value(a: str, b: str) -> bool:
    """Spellings the site deliberately lists together (traditional and simplified script)."""
    return simplified(a) == simplified(b)


def reserved_pattern(prefixes) -> re.Pattern | None:
    """A regex over record addresses ("cases/x/") for the prefixes generated pages take:
    `*` is any one segment, `**` one or more."""
    if not prefixes:
        return None
    parts = []
    for prefix in prefixes:
        segments = [{"*": "[^/]+", "**": "[^/]+(?:/[^/]+)*"}.get(s, re.escape(s)) for s in prefix.split("/")]
        parts.append("/".join(segments))
    return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)


def check_reserved(records, prefixes) -> list[Problem]:
    """Records whose address is one a generated page takes."""
    pattern = reserved_pattern(prefixes)
    if pattern is None:
        return []
    return [Problem(r.path, r.line_of("id"), "id-reserved", {"id": r.id, "url": r.url})
            for r in records if pattern.match(r.url)]


def facet_values(record):
    """(field, folder, value, key path of its line) for each value of the record that names a page."""
    for key, folder in FACET_FIELDS.items():
        value = record.values.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield key, folder, str(item), (key, i)
        else:
            yield key, folder, str(value), (key,)


def check_collisions(records) -> list[Problem]:
    """Distinct values that would share one address: each is reported where it is written."""
    groups: dict[tuple, list] = {}
    for record in records:
        for group, entry in collision_entries(record):
            groups.setdefault(group, []).append(entry)
    problems = []
    for group in sorted(groups):  # one order however the groups were gathered (the preview keeps them)
        problems += group_collisions(group, groups[group])
    return problems


def collision_entries(record):
    """(group, (value, record, key path)) for each value of the record that names a page: values
    of one group share an address."""
    for key, folder, value, path in facet_values(record):
        yield (folder, _address_key(value)), (value, record, path)


def group_collisions(group: tuple, entries: list) -> list[Problem]:
    """The collisions within one group, its entries in record order: each value that differs
    from the group's first is reported in both places. (Lines are looked up only for what is
    reported: the preview runs this again for the groups a save touches.)"""
    folder = group[0]
    first_value, first, first_path = entries[0]
    problems, reported = [], set()
    for value, record, path in entries[1:]:
        if first_value == value or same_value(first_value, value):
            continue
        url = f"{folder}/{slug(value)}/"
        line, first_line = record.line_of(*path), first.line_of(*first_path)
        for here, here_line, mine, theirs, there in ((record, line, value, first_value, first),
                                                     (first, first_line, first_value, value, record)):
            if (here.path, here_line, mine, theirs) in reported:
                continue
            reported.add((here.path, here_line, mine, theirs))
            problems.append(Problem(here.path, here_line, "address-collision", {
                "label": FACET_LABELS[folder],
                "value": mine, "other": theirs, "other_path": there.path, "url": url}))
    return problems


_address_key = lru_cache(maxsize=4096)(address_key)  # tags and categories repeat across records
