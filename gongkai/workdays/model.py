"""The statutory calendar as plain data: one ``YearCalendar`` per State Council notice,
and a ``Calendar`` that answers "is this day a working day, and why".

No Django here: the database layer stores years and hands ``YearCalendar`` values to
``Calendar``; nothing in this module knows where a year came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NamedTuple

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKEND_SHORT = {5: "周六", 6: "周日"}


class DayKind(str, Enum):
    WORKDAY = "workday"  # an ordinary Monday to Friday
    MAKEUP = "makeup"  # 调休上班: a weekend day the notice turns into a working day
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a rest day inside a holiday range of the notice


class DayStatus(NamedTuple):
    is_workday: bool
    reason: str


@dataclass(frozen=True)
class Day:
    """Everything the arithmetic needs to know about one date."""

    date: date
    kind: DayKind
    name: str = ""  # the holiday's name (for a make-up day: the holiday it makes up for)
    provisional: bool = False  # the year's notice is not loaded: judged on weekends alone

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP)

    @property
    def reason(self) -> str:
        if self.kind is DayKind.HOLIDAY:
            return f"{self.name}假期" if self.name else "法定节假日"
        if self.kind is DayKind.MAKEUP:
            return "调休上班日"
        text = WEEKEND_SHORT[self.date.weekday()] if self.kind is DayKind.WEEKEND else "工作日"
        if self.provisional:
            text += f"（暂定：{self.date.year}年的节假日安排尚未载入）"
        return text


def year_problems(year: int, holidays: Iterable[date], makeup_workdays: Iterable[date]) -> list[str]:
    """What is wrong with a year's data, in Chinese; empty when it is consistent.

    A notice may reach into the last days of the previous December (the 2019 notice put
    元旦 on 2018-12-30 to 2019-01-01 and made 2018-12-29 a working day), so those dates
    are accepted; nothing else outside the year is.
    """
    problems = []
    holidays, makeup_workdays = set(holidays), set(makeup_workdays)

    def in_scope(d: date) -> bool:
        return d.year == year or (d.year == year - 1 and d.month == 12)

    for d in sorted(holidays | makeup_workdays):
        if not in_scope(d):
            problems.append(f"日期 {d.isoformat()} 不属于 {year} 年（只允许 {year} 年内及上年12月的日期）")
    for d in sorted(makeup_workdays):
        if d.weekday() < 5:
            problems.append(f"调休上班日 {d.isoformat()} 是{WEEKDAY_NAMES[d.weekday()]}，不是周末")
    for d in sorted(holidays & makeup_workdays):
        problems.append(f"日期 {d.isoformat()} 既是放假日又是调休上班日")
    if not holidays:
        problems.append(f"{year} 年没有任何放假日")
    return problems


@dataclass(frozen=True)
class YearCalendar:
    """One year's holidays and make-up working days, as the State Council notice sets them.

    ``holidays`` holds every rest day of the holiday ranges, weekend days included where
    the notice's range covers them; ``makeup_workdays`` the weekend days worked instead.
    ``holiday_names`` names the holiday of each of those dates (for a make-up day, the
    holiday it makes up for).
    """

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    source: str
    holiday_names: Mapping[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        problems = year_problems(self.year, self.holidays, self.makeup_workdays)
        if problems:
            raise ValueError(f"{self.year} 年节假日数据有误：" + "；".join(problems))

    def __hash__(self) -> int:  # holiday_names is a dict; the dates identify the year
        return hash((self.year, self.holidays, self.makeup_workdays, self.source))


class Calendar:
    """The working-day calendar over the loaded years.

    A day in a year that is not loaded is judged on weekends alone and flagged
    ``provisional`` — never silently Monday to Friday.  ``count_start_day`` is the
    receipt-day setting (spec §2: UNCONFIRMED, default off).
    """

    def __init__(self, years: Mapping[int, YearCalendar], count_start_day: bool = False) -> None:
        for key, yc in years.items():
            if key != yc.year:
                raise ValueError(f"年份不一致：键为 {key}，数据为 {yc.year} 年")
        self.years: dict[int, YearCalendar] = dict(sorted(years.items()))
        self.count_start_day = count_start_day
        self._special: dict[date, tuple[DayKind, str]] = {}
        # Later notices win: a notice for year Y may re-declare the end of December Y-1.
        for yc in self.years.values():
            for d in yc.holidays:
                self._special[d] = (DayKind.HOLIDAY, yc.holiday_names.get(d, ""))
            for d in yc.makeup_workdays:
                self._special[d] = (DayKind.MAKEUP, yc.holiday_names.get(d, ""))

    def __repr__(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return f"Calendar(years=[{years}], count_start_day={self.count_start_day})"

    def is_loaded(self, year: int) -> bool:
        return year in self.years

    def unloaded_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years between two dates (inclusive) whose notice is not loaded."""
        return tuple(y for y in range(first.year, last.year + 1) if not self.is_loaded(y))

    def day(self, d: date) -> Day:
        provisional = not self.is_loaded(d.year)
        special = self._special.get(d)
        if special is not None:
            return Day(d, special[0], special[1], provisional)
        kind = DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY
        return Day(d, kind, "", provisional)

    def is_workday(self, d: date) -> bool:
        return self.day(d).is_workday

    def status(self, d: date) -> DayStatus:
        day = self.day(d)
        return DayStatus(day.is_workday, day.reason)

    def with_year(self, year_calendar: YearCalendar) -> Calendar:
        """A new calendar with this year added (or replaced): what loading a notice does."""
        return Calendar({**self.years, year_calendar.year: year_calendar}, self.count_start_day)

    def with_setting(self, count_start_day: bool) -> Calendar:
        return Calendar(self.years, count_start_day)
