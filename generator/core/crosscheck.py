"""The rules that span files, kept up to date as records come, go and change.

`showcase check` and builds run them once (project.cross_check); the preview keeps one CrossCheck and
calls `update` after each save, which re-runs the costly rules only where the change can alter
their outcome, so that at 10,000 records a save does not re-check every reference:

- references: the changed records, the records naming an id a changed record had or has, the
  records with a link to a file (a page may have come or gone) and the records whose references
  had problems (a missing id's suggestions come from every id and title);
- address collisions: the groups of values (one address each) the changed records were or are in;
- reserved addresses: the changed records.

The cheap rules (ids, lecture numbers, the hierarchy) run in full. Both ways give the same
problems in the same order (the rules run in cross_check's order) (tests/test_preview_live.py compares them after many edits).
"""

from __future__ import annotations

from collections import defaultdict

from .addresses import check_reserved, collision_entries, group_collisions
from .messages import Problem
from .model import Record
from .references import (Titles, check_hierarchy, check_ids, check_lecture_numbers, id_key, ids_of_kinds,
                         record_reference_problems)


class CrossCheck:
    def __init__(self, project):
        self.project = project
        self.records: dict[int, Record] = {}  # id() of each record checked -> record
        self.references: dict[int, list[Problem]] = {}  # per record
        self.reserved: dict[int, list[Problem]] = {}
        self.naming: dict[str, dict[int, Record]] = defaultdict(dict)  # id key -> records naming it
        self.holding: dict[str, dict[int, Record]] = defaultdict(dict)  # id key -> records with that id
        self.linking: dict[int, Record] = {}  # records with a link to a file
        self.groups: dict[tuple, dict[int, list]] = defaultdict(dict)  # group -> record -> its entries
        self.collisions: dict[tuple, list[Problem]] = {}  # groups with problems only
        self.update()

    def update(self) -> None:
        """Bring project.by_id, by_file and problems (after the problems of each file, which the
        caller has set) up to date with project.records."""
        project = self.project
        records = project.records
        current = {id(r): r for r in records}
        gone = [r for key, r in self.records.items() if key not in current]
        new = [r for key, r in current.items() if key not in self.records]
        project.by_id, problems = check_ids(records)
        project.by_file = {record.src_uri: record for record in records}
        touched_ids = {id_key(r.id) for r in gone + new}
        touched_groups = set()
        for record in gone:
            key = id(record)
            del self.records[key]
            self.references.pop(key)
            self.reserved.pop(key)
            self.linking.pop(key, None)
            self.holding[id_key(record.id)].pop(key)
            for ref in record.references:
                self.naming[id_key(ref.target)].pop(key, None)
            for group, _ in collision_entries(record):
                self.groups[group].pop(key, None)
                touched_groups.add(group)
        for record in new:
            key = id(record)
            self.records[key] = record
            self.reserved[key] = check_reserved([record], project.settings.reserved_addresses)
            self.holding[id_key(record.id)][key] = record
            for ref in record.references:
                self.naming[id_key(ref.target)][key] = record
                if ref.target_path is not None:
                    self.linking[key] = record
            for group, entry in collision_entries(record):
                self.groups[group].setdefault(key, []).append(entry)
                touched_groups.add(group)
        self._check_references(new, touched_ids)
        self._check_collisions(touched_groups, records)
        problems += [p for r in records for p in self.references[id(r)]]
        problems += check_lecture_numbers(records)
        problems += check_hierarchy(records, project.by_id)
        problems += [p for r in records for p in self.reserved[id(r)]]
        problems += [p for group in sorted(self.collisions) for p in self.collisions[group]]
        project.problems += problems
        project.problems.sort(key=Problem.sort_key)

    def concerned(self, keys) -> list[Record]:
        """The records having or naming any of these id keys, in file order."""
        found = {}
        for key in keys:
            found.update(self.holding.get(key, {}))
            found.update(self.naming.get(key, {}))
        return sorted(found.values(), key=lambda r: r.src_uri)

    def _check_references(self, new: list[Record], touched_ids: set[str]) -> None:
        project = self.project
        again = {id(r): r for r in new}
        for key in touched_ids:
            again.update(self.naming.get(key, {}))
        again.update(self.linking)
        again.update((key, self.records[key]) for key, problems in self.references.items() if problems)
        ids_by_kind, titles = ids_of_kinds(project.by_id), Titles(project.by_id.values())
        for key, record in again.items():
            self.references[key] = record_reference_problems(record, project.by_id, ids_by_kind, titles,
                                                             project.by_file, project.settings.content_root)

    def _check_collisions(self, touched: set[tuple], records: list[Record]) -> None:
        position = None
        for group in touched:
            members = self.groups.get(group)
            if not members:
                self.groups.pop(group, None)
                self.collisions.pop(group, None)
                continue
            if len(members) == 1 and len(next(iter(members.values()))) == 1:
                self.collisions.pop(group, None)  # one value: nothing to collide with
                continue
            if position is None:
                position = {id(r): i for i, r in enumerate(records)}
            ordered = sorted(members, key=position.__getitem__)
            problems = group_collisions(group, [e for key in ordered for e in members[key]])
            if problems:
                self.collisions[group] = problems
            else:
                self.collisions.pop(group, None)

