"""chinesecalendar's data checked against the State Council notices, and due dates worked
out by hand from them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.workdays import SEED_YEARS, Calendar, add_workdays, chinesecalendar_year, default_calendar


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return default_calendar()


def days(first: str, last: str) -> set[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return {a + timedelta(days=k) for k in range((b - a).days + 1)}


def test_seeded_years_are_2019_to_2026(calendar):
    assert list(calendar.years) == list(range(2019, 2027)) == list(SEED_YEARS)
    assert not calendar.is_loaded(2027)
    assert not calendar.is_loaded(2018)


def test_2024_against_guobanfamingdian_2023_7():
    yc = chinesecalendar_year(2024)
    assert yc.source.startswith("国办发明电〔2023〕7号")
    # Sundays 2-4, 2-18, 4-7, 4-28, 9-29 and Saturdays 5-11, 9-14, 10-12 are working days.
    assert yc.makeup_workdays == {date(2024, m, d) for m, d in
                                  [(2, 4), (2, 18), (4, 7), (4, 28), (9, 29), (5, 11), (9, 14), (10, 12)]}
    ranges = {"元旦": days("2024-01-01", "2024-01-01"), "春节": days("2024-02-10", "2024-02-17"),
              "清明节": days("2024-04-04", "2024-04-06"), "劳动节": days("2024-05-01", "2024-05-05"),
              "端午节": days("2024-06-10", "2024-06-10"), "中秋节": days("2024-09-15", "2024-09-17"),
              "国庆节": days("2024-10-01", "2024-10-07")}
    assert yc.holidays == set().union(*ranges.values())
    for name, dates in ranges.items():
        assert {yc.holiday_names[d] for d in dates} == {name}


def test_2025_spring_festival_and_national_day():
    yc = chinesecalendar_year(2025)
    assert days("2025-01-28", "2025-02-04") <= yc.holidays
    assert {date(2025, 1, 26), date(2025, 2, 8)} <= yc.makeup_workdays  # Sunday, Saturday
    assert date(2025, 1, 26).weekday() == 6 and date(2025, 2, 8).weekday() == 5
    # 国庆节、中秋节：10月1日至8日 — one range, named as the notice names it.
    assert days("2025-10-01", "2025-10-08") <= yc.holidays
    assert yc.holiday_names[date(2025, 10, 6)] == yc.holiday_names[date(2025, 10, 1)] == "国庆节、中秋节"
    assert {date(2025, 9, 28), date(2025, 10, 11)} <= yc.makeup_workdays


def test_2026_spring_festival_and_national_day():
    yc = chinesecalendar_year(2026)
    assert days("2026-02-15", "2026-02-23") <= yc.holidays  # nine days
    assert {date(2026, 2, 14), date(2026, 2, 28)} <= yc.makeup_workdays
    assert days("2026-10-01", "2026-10-07") <= yc.holidays
    assert {date(2026, 9, 20), date(2026, 10, 10)} <= yc.makeup_workdays
    assert date(2026, 1, 4) in yc.makeup_workdays  # 元旦 1月1日至3日, 1月4日（周日）上班


@pytest.mark.parametrize("year", list(SEED_YEARS))
def test_every_seeded_makeup_day_is_a_weekend_and_no_day_is_both(year):
    yc = chinesecalendar_year(year)
    assert all(d.weekday() >= 5 for d in yc.makeup_workdays)
    assert not yc.holidays & yc.makeup_workdays
    assert all(yc.holiday_names.get(d) for d in yc.holidays | yc.makeup_workdays)


@pytest.mark.parametrize(
    ("when", "is_workday", "reason"),
    [
        ("2024-10-12", True, "调休上班日"),
        ("2024-10-05", False, "国庆节假期"),
        ("2024-10-19", False, "周六"),
        ("2024-10-20", False, "周日"),
        ("2024-10-21", True, "工作日"),
        ("2025-01-26", True, "调休上班日"),
        ("2025-01-28", False, "春节假期"),
        ("2026-02-23", False, "春节假期"),
        ("2027-01-01", True, "工作日（暂定：2027年的节假日安排尚未载入）"),
        ("2027-01-02", False, "周六（暂定：2027年的节假日安排尚未载入）"),
    ],
)
def test_status(calendar, when, is_workday, reason):
    assert calendar.status(date.fromisoformat(when)) == (is_workday, reason)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2024-09-27", 20, "2024-10-30"),  # the example: 2024 National Day
        ("2024-12-31", 20, "2025-02-05"),  # over 元旦 and the 2025 Spring Festival
        ("2024-09-30", 1, "2024-10-08"),  # the next working day after the holiday
        ("2024-10-11", 1, "2024-10-12"),  # a make-up Saturday counts
        ("2025-01-24", 1, "2025-01-26"),  # a make-up Sunday counts
        ("2025-01-27", 1, "2025-02-05"),  # Spring Festival 1-28..2-4
        ("2025-02-05", 3, "2025-02-08"),  # make-up Saturday 2-8 is the third day
        ("2025-09-26", 2, "2025-09-29"),  # Sunday 9-28 counts, then Monday 9-29
        ("2025-09-30", 1, "2025-10-09"),  # 国庆节、中秋节 1..8
        ("2026-02-13", 1, "2026-02-14"),  # Saturday 2-14 worked
        ("2026-02-14", 1, "2026-02-24"),  # nine days off, 2-15..2-23
        ("2026-09-30", 1, "2026-10-08"),
        ("2026-10-09", 1, "2026-10-10"),  # Saturday 10-10 worked
    ],
)
def test_known_due_dates(calendar, start, n, due):
    result = add_workdays(calendar, date.fromisoformat(start), n)
    assert result.date == date.fromisoformat(due)
    assert not result.provisional


def test_explanation_of_the_national_day_case(calendar):
    due = add_workdays(calendar, date(2024, 9, 27), 20)
    lines = due.explanation
    assert lines[0] == "起算日：2024年9月27日（星期五）"
    assert "起算日当日不计入" in lines[1]
    assert "10月1日至10月7日 国庆节假期，不计" in lines
    assert "10月12日 星期六 调休上班（国庆节），计入（第7个工作日）" in lines
    assert "9月29日 星期日 调休上班（国庆节），计入（第1个工作日）" in lines
    assert lines[-1] == "期限届满日：2024年10月30日（星期三），第20个工作日"


def test_2027_is_provisional_and_says_so(calendar):
    due = add_workdays(calendar, date(2026, 12, 10), 20)
    assert due.provisional and due.unloaded_years == (2027,)
    assert due.explanation[-1].endswith("（暂定：2027年的节假日安排尚未载入）")
    # Judged on weekends alone, never a silent guess: 2027-01-01 counts provisionally.
    assert due.date == date(2027, 1, 7)
