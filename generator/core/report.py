"""A content health report for a publicity office before a review (`showcase report`).

Not errors (the check has passed): what a reviewer would notice. Records without summary or
picture, organisations nothing refers to, brands with nothing to show, records not updated for
years, incomplete honours, gaps in a lecture series' numbering, and public records that refer
to hidden ones. It reads every record in content/, drafts and internal records included.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import PartialDate, Period
from .messages import CATALOGUE, Text
from .model import Record
from .project import Project
from .schema import KIND_BY_NAME

STALE_YEARS = 3
# Kinds shown as cards, and what a card shows as its picture (the cards macro, _macros.html).
CARD_PICTURES = {"brand": ("logo", "cover"), "site": ("cover", "photos"), "case": ("cover",)}
# The report's sections, in order: a finding's code, which is also its message's.
SECTIONS = ("report-no-summary", "report-no-picture", "report-orphan-organisation", "report-idle-brand",
            "report-stale", "report-honour-incomplete", "report-series-gap", "ref-hidden")


@dataclass(frozen=True)
class Finding:
    code: str  # one of SECTIONS
    path: str  # the record's file, relative to the project
    line: int
    record_id: str
    title: str
    args: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str = "zh") -> str:
        return Text(self.code, **self.args).render(lang)

    def as_json(self, lang: str = "zh") -> dict:
        return {"section": self.code, "heading": section_heading(self.code, lang), "file": self.path,
                "line": self.line, "id": self.record_id, "title": self.title, "message": self.message(lang)}


def section_heading(code: str, lang: str = "zh") -> str:
    return CATALOGUE[f"{code}-heading" if code.startswith("report-") else "report-hidden-heading"][lang]


def health_report(project: Project, today: _dt.date, stale_years: int = STALE_YEARS) -> list[Finding]:
    """Every finding, by section, then file and line."""
    referrers = _referrers(project)
    series = {r.values.get("series") for r in project.records if r.kind == "lecture"}
    by_path = {r.path: r for r in project.records}
    findings = []
    for record in project.records:
        findings += _missing(record)
        findings += _unreferred(record, referrers[record.id], series)
        findings += _stale(record, today, stale_years)
        findings += _incomplete_honours(record)
    findings += _series_gaps(project.records)
    findings += [_finding(by_path[p.path], p.code, p.args, p.line)
                 for p in project.problems if p.code == "ref-hidden"]  # the check's own rule
    return sorted(findings, key=lambda f: (SECTIONS.index(f.code), f.path, f.line))


def _finding(record: Record, code: str, args: dict | None = None, line: int | None = None) -> Finding:
    return Finding(code, record.path, line or record.line_of("title"), record.id, record.title,
                   {"title": record.title, **(args or {})})


def _referrers(project: Project) -> dict[str, list[tuple[Record, str]]]:
    """For each record id: (referring record, field or "body") for every reference that names it."""
    found = defaultdict(list)
    for record in project.records:
        for ref in record.references:
            target = project.record_at(ref.target_path) if ref.target_path is not None else project.resolve(ref.target)
            if target is not None and target is not record:
                found[target.id].append((record, ref.key))
    return found


def _missing(record: Record) -> list[Finding]:
    findings = []
    if not record.values.get("summary"):
        findings.append(_finding(record, "report-no-summary"))
    pictures = CARD_PICTURES.get(record.kind, ())
    if pictures and not any(record.values.get(key) for key in pictures):
        findings.append(_finding(record, "report-no-picture", {"keys": list(pictures)}))
    return findings


def _unreferred(record: Record, referrers: list[tuple[Record, str]], series: set) -> list[Finding]:
    """An organisation nothing names (not even a body); a brand no site or case names in its
    fields and no lecture series bears the title of."""
    if record.kind == "branch" and not referrers:
        return [_finding(record, "report-orphan-organisation")]
    if record.kind == "brand":
        shown = [r for r, key in referrers if key != "body" and r.kind in ("site", "case")]
        return [] if shown or record.title in series else [_finding(record, "report-idle-brand")]
    return []


def _stale(record: Record, today: _dt.date, years: int) -> list[Finding]:
    key = "updated" if record.values.get("updated") else KIND_BY_NAME[record.kind].date_key
    value = record.values.get(key) if key else None
    if isinstance(value, Period):
        value = value.end or value.start
    if not isinstance(value, PartialDate):
        return []
    cutoff = _years_before(today, years)
    if value.last_day >= cutoff:
        return []
    label = KIND_BY_NAME[record.kind].by_key[key].label
    return [_finding(record, "report-stale", {"years": years, "date": value.zh(), "key": key, "label": label},
                     record.line_of(key))]


def _years_before(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _incomplete_honours(record: Record) -> list[Finding]:
    findings = []
    honours = KIND_BY_NAME[record.kind].by_key.get("honors")
    for i, honour in enumerate(record.values.get("honors", ()) if honours else ()):
        missing = [sub.label for sub in honours.sub_fields if sub.key in ("year", "level") and not honour.get(sub.key)]
        if missing:
            findings.append(_finding(record, "report-honour-incomplete",
                                     {"honour": honour.get("title", ""), "missing": missing},
                                     record.line_of("honors", i)))
    return findings


def _series_gaps(records: list[Record]) -> list[Finding]:
    """One finding per gap, in the file of the session after it."""
    series = defaultdict(list)
    for record in records:
        if record.kind == "lecture" and record.values.get("series") and record.values.get("number"):
            series[record.values["series"]].append(record)
    findings = []
    for name, sessions in series.items():
        sessions.sort(key=lambda r: r.values["number"])
        for before, after in zip(sessions, sessions[1:]):
            first, last = before.values["number"] + 1, after.values["number"] - 1
            if first <= last:
                missing = str(first) if first == last else f"{first}—{last}"
                findings.append(_finding(after, "report-series-gap",
                                         {"series": name, "before": first - 1, "after": last + 1, "missing": missing},
                                         after.line_of("number")))
    return findings


def report_lines(findings: list[Finding], records: int, today: _dt.date, lang: str = "zh") -> list[str]:
    """The report as text: a summary line, then each section's findings, one per line."""
    lines = [Text("report-summary", date=today.isoformat(), records=records, findings=len(findings)).render(lang)]
    by_section = defaultdict(list)
    for finding in findings:
        by_section[finding.code].append(finding)
    for code in SECTIONS:
        if by_section[code]:
            lines += ["", f"{section_heading(code, lang)}（{len(by_section[code])}）" if lang == "zh"
                      else f"{section_heading(code, lang)} ({len(by_section[code])})"]
            lines += [f"{f.path}:{f.line}: [{f.record_id}] {f.message(lang)}" for f in by_section[code]]
    return lines


REPORT_COLUMNS = {"zh": ("类别", "文件", "行", "编号", "标题", "说明"),
                  "en": ("section", "file", "line", "id", "title", "message")}


def report_rows(findings: list[Finding], lang: str = "zh") -> list[list]:
    """One row per finding, in the order of REPORT_COLUMNS."""
    return [[section_heading(f.code, lang), f.path, f.line, f.record_id, f.title, f.message(lang)] for f in findings]


__all__ = ["Finding", "health_report", "report_lines", "report_rows", "REPORT_COLUMNS", "STALE_YEARS"]
