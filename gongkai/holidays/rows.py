"""A ``YearCalendar`` as table rows (holiday ranges and make-up days) and back.

Plain Python, shared by the seeding (which runs on migration-state models) and the actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from gongkai.workdays.model import YearCalendar

ONE_DAY = timedelta(days=1)

RangeRow = tuple[str, date, date]  # name, first day, last day (both included)
MakeupRow = tuple[date, str]  # date, the holiday it makes up for


def ranges_of(year_calendar: YearCalendar) -> list[RangeRow]:
    """The holiday ranges: runs of consecutive holidays under one name (as the notice lists them)."""
    ranges: list[RangeRow] = []
    names = year_calendar.holiday_names
    for d in sorted(year_calendar.holidays):
        name = names.get(d, "")
        if ranges and ranges[-1][0] == name and ranges[-1][2] + ONE_DAY == d:
            ranges[-1] = (name, ranges[-1][1], d)
        else:
            ranges.append((name, d, d))
    return ranges


def makeups_of(year_calendar: YearCalendar) -> list[MakeupRow]:
    names = year_calendar.holiday_names
    return [(d, names.get(d, "")) for d in sorted(year_calendar.makeup_workdays)]


def year_calendar_from_rows(
    year: int, source: str, ranges: Iterable[RangeRow], makeups: Iterable[MakeupRow]
) -> YearCalendar:
    """The ``YearCalendar`` the rows describe; ``ValueError`` (Chinese) when they are inconsistent."""
    holiday_names: dict[date, str] = {}
    for name, first, last in ranges:
        if first > last:
            raise ValueError(f"放假区间“{name}”的起止日期颠倒：{first.isoformat()} 晚于 {last.isoformat()}")
        d = first
        while d <= last:
            if d in holiday_names:
                raise ValueError(f"{d.isoformat()} 同时属于“{holiday_names[d]}”和“{name}”两个放假区间")
            holiday_names[d] = name
            d += ONE_DAY
    makeup_names = dict(makeups)
    return YearCalendar(
        year=year,
        holidays=frozenset(holiday_names),
        makeup_workdays=frozenset(makeup_names),
        source=source,
        holiday_names={**holiday_names, **{d: n for d, n in makeup_names.items() if n}},
    )


def same_days(a: YearCalendar, b: YearCalendar) -> bool:
    """Whether two years say the same about every day (names included; the source aside)."""
    days = a.holidays | a.makeup_workdays
    return (
        a.year == b.year
        and a.holidays == b.holidays
        and a.makeup_workdays == b.makeup_workdays
        and all(a.holiday_names.get(d, "") == b.holiday_names.get(d, "") for d in days)
    )
