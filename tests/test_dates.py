"""Dates as editors write them: every accepted form, precision kept, bad dates refused,
periods ordered."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import assert_problem, md, only

from generator.core.dates import PartialDate, Period, date_years, parse_date

CASE = "content/cases/dated.md"


def case(date_lines: str) -> str:
    return md(f"title: 案例\n{date_lines}\nbranches: [baseline-branch]\ncategory: 其他")


# -- parse_date ------------------------------------------------------------------------

@pytest.mark.parametrize("written, year, month, day, precision", [
    ("2021-07-17", 2021, 7, 17, "day"),
    ("2021-07", 2021, 7, None, "month"),
    ("2021", 2021, None, None, "year"),
    ("2021年7月17日", 2021, 7, 17, "day"),
    ("2021年7月", 2021, 7, None, "month"),
    ("2021年07月", 2021, 7, None, "month"),
    ("2021-7-1", 2021, 7, 1, "day"),
    (2021, 2021, None, None, "year"),
    (dt.date(2021, 7, 17), 2021, 7, 17, "day"),
    (dt.datetime(2021, 7, 17, 9, 30), 2021, 7, 17, "day"),
])
def test_accepted_date_forms_keep_their_precision(written, year, month, day, precision):
    date = parse_date(written)
    assert date == PartialDate(year, month, day)
    assert date.precision == precision


@pytest.mark.parametrize("written", [
    "2021-13", "2021-00", "2021-07-00", "2021年0月", "2021-02-30", "2021-02-29", "2021年13月", "2021年2月30日", "21-07-17",
    "2021/07/17", "2021.07.17", "7月17日", "昨天", "", "  ", "2021-07-17-01", 99, 12345, True, None,
    [2021], {"year": 2021}, 2021.5,
])
def test_bad_dates_are_refused(written):
    assert parse_date(written) is None


def test_leap_day_is_a_date_in_a_leap_year():
    assert parse_date("2020-02-29") == PartialDate(2020, 2, 29)
    assert parse_date("2020年2月29日") == PartialDate(2020, 2, 29)


@pytest.mark.parametrize("date, zh, iso", [
    (PartialDate(2021, 7, 17), "2021年7月17日", "2021-07-17"),
    (PartialDate(2021, 7), "2021年7月", "2021-07"),
    (PartialDate(2021), "2021年", "2021"),
])
def test_partial_date_is_shown_at_its_precision(date, zh, iso):
    assert date.zh() == zh
    assert date.iso() == iso == str(date)


def test_partial_date_sorts_by_its_first_day():
    dates = [parse_date(t) for t in ("2021-07-17", "2021", "2021-07", "2020-12-31", "2021-06-30")]
    ordered = sorted(dates, key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == ["2020-12-31", "2021", "2021-06-30", "2021-07", "2021-07-17"]
    assert parse_date("2021-07").first_day == dt.date(2021, 7, 1)
    assert parse_date("2021").first_day == dt.date(2021, 1, 1)


@pytest.mark.parametrize("written, last", [("2021-12", dt.date(2021, 12, 31)), ("2020-02", dt.date(2020, 2, 29)),
                                           ("2021-02", dt.date(2021, 2, 28)), ("2021", dt.date(2021, 12, 31)),
                                           ("2021-07-17", dt.date(2021, 7, 17))])
def test_partial_date_last_day(written, last):
    assert parse_date(written).last_day == last


def test_period_years_and_text():
    period = Period(PartialDate(2020, 11), PartialDate(2022, 2))
    assert list(period.years) == [2020, 2021, 2022]
    assert period.zh() == "2020年11月—2022年2月"
    assert period.sort_key() == (2020, 11, 1)
    assert list(date_years(period)) == [2020, 2021, 2022]
    assert list(date_years(PartialDate(2021, 7))) == [2021]
    assert list(date_years(None)) == []
    open_ended = Period(PartialDate(2021))
    assert list(open_ended.years) == [2021]
    assert open_ended.zh() == "2021年起"


# -- dates in front matter -----------------------------------------------------------------

@pytest.mark.parametrize("written, zh", [
    ("2021-07-17", "2021年7月17日"),
    ("2021-07", "2021年7月"),
    ("2021", "2021年"),
    ("2021年7月17日", "2021年7月17日"),
    ("2021年7月", "2021年7月"),
    ('"2021-07-17"', "2021年7月17日"),
])
def test_every_accepted_form_in_front_matter_keeps_precision(load, written, zh):
    project = load({CASE: case(f"date: {written}")})
    assert project.problems == []
    assert project.resolve("dated").values["date"].zh() == zh


@pytest.mark.parametrize("written", ["2021-13", "2021-00", "2021-02-30", "2021年13月", "21-07-17",
                                     "2021/07/17", "昨天"])
def test_bad_date_in_front_matter_is_an_error_on_its_line(check, written):
    problem = only(check({CASE: case(f"date: {written}")}))
    assert_problem(problem, CASE, 3, "date-or-period", "“date”", written, "2021-07-17")


def test_bad_date_of_a_plain_date_field(check):
    path = "content/branches/dated.md"
    problem = only(check({path: md("title: 支部\nlevel: 党支部\nfounded: 2021年13月")}))
    assert_problem(problem, path, 4, "date", "“founded”", "2021年13月", "2021年7月17日",
                   en=("not a valid date",))


def test_period_is_accepted_and_spans_years(load):
    project = load({CASE: case("date:\n  start: 2020-11\n  end: 2021年2月")})
    assert project.problems == []
    period = project.resolve("dated").values["date"]
    assert isinstance(period, Period)
    assert period.zh() == "2020年11月—2021年2月"
    assert list(period.years) == [2020, 2021]


def test_period_ending_the_day_it_starts_is_fine(check):
    assert check({CASE: case("date: {start: 2021-07-17, end: 2021-07-17}")}) == []


def test_period_ending_in_the_month_it_starts_is_fine(check):
    # 2021-07 (the month) does not end before 2021-07-17 starts
    assert check({CASE: case("date: {start: 2021-07, end: 2021-07}")}) == []


def test_period_ending_before_it_starts_is_an_error_on_the_end_line(check):
    problem = only(check({CASE: case("date:\n  start: 2021-09\n  end: 2021-07")}))
    assert_problem(problem, CASE, 5, "period-order", "“date”", "2021年7月", "早于", "2021年9月",
                   en=("before it starts",))


def test_period_needs_a_start(check):
    problem = only(check({CASE: case("date:\n  end: 2021-07")}))
    assert_problem(problem, CASE, 3, "required", "“start”")


def test_period_with_a_bad_end_date(check):
    problem = only(check({CASE: case("date:\n  start: 2021-07\n  end: 下个月")}))
    assert_problem(problem, CASE, 5, "date", "“end”", "下个月")


def test_milestone_ending_before_it_starts_is_an_error(check):
    path = "content/brands/dated.md"
    front = ("title: 品牌\nowner: baseline-branch\nmilestones:\n  - name: 创建\n    start: 2021年3月\n"
             "    end: 2020年12月\n  - name: 提升\n    start: 2021\n    end: 2022")
    problem = only(check({path: md(front)}))
    assert_problem(problem, path, 7, "period-order", "2020年12月", "2021年3月")


def test_date_with_time_is_a_day(load):
    project = load({CASE: case("date: 2021-07-17 09:30:00")})
    assert project.problems == []
    assert project.resolve("dated").values["date"] == PartialDate(2021, 7, 17)
