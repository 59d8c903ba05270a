"""Dates as people write them: a day, a month or a year, in ISO or Chinese form.

A partial date keeps its precision (shown as 2021年7月) and sorts by its first day.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ZH = re.compile(r"^(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        if self.day:
            return self.first_day
        if self.month:
            nxt = _dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def zh(self) -> str:
        text = f"{self.year}年"
        if self.month:
            text += f"{self.month}月"
        if self.day:
            text += f"{self.day}日"
        return text

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Period:
    start: PartialDate
    end: PartialDate | None = None

    @property
    def years(self) -> range:
        last = self.end.year if self.end else self.start.year
        return range(self.start.year, last + 1)

    def sort_key(self) -> tuple[int, int, int]:
        return self.start.sort_key()

    def zh(self) -> str:
        if self.end == self.start:  # 2018年3月 — 2018年3月 reads as one date
            return self.start.zh()
        return f"{self.start.zh()}—{self.end.zh()}" if self.end else f"{self.start.zh()}起"


def parse_date(value: object) -> PartialDate | None:
    """Return the PartialDate a front-matter value stands for, or None if it is not a date."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return PartialDate(value) if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _ISO.match(text) or _ZH.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1000 or month == 0 or day == 0:
        return None
    try:
        _dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


_DOTTED = re.compile(r"^(\d{4})\s*[./．。,，-]\s*(\d{1,2})(?:\s*[./．。,，-]\s*(\d{1,2}))?\s*$")


def dotted_date(text: str) -> str | None:
    """2012.10 or 2021/7/17, as the date form to write instead (2012-10, 2021-07-17)."""
    match = _DOTTED.match(text)
    if not match:
        return None
    date = parse_date("-".join(g for g in match.groups() if g))
    return date.iso() if date else None


def date_years(value: PartialDate | Period | None) -> range:
    """Every year a date or period touches (for the per-year index)."""
    if value is None:
        return range(0)
    if isinstance(value, Period):
        return value.years
    return range(value.year, value.year + 1)


def iso_date(value: PartialDate | Period | None) -> str:
    """A date as precise as it is written (2018, 2018-03, 2018-03-05), a period by its start:
    the value of <time datetime>, which must not claim a day nobody wrote; "" if none."""
    if isinstance(value, Period):
        value = value.start
    return value.iso() if isinstance(value, PartialDate) else ""


def iso_first_day(value: PartialDate | Period | None) -> str:
    """The first day a date or period covers, as ISO (for sorting and <time datetime>); "" if none."""
    if isinstance(value, Period):
        value = value.start
    return value.first_day.isoformat() if isinstance(value, PartialDate) else ""
