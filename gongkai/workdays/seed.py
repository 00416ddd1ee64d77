"""Years 2019–2026 built from the ``chinesecalendar`` package.

The seeded years are pinned rather than taken from whatever the installed package
holds: the spec (§2) requires each year's data to be checked against the State Council
notice, so a package upgrade must not add a year nobody has checked.  Further years come
from notice files (``yearfile``).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import chinese_calendar
from chinese_calendar.constants import Holiday

from gongkai.workdays.model import YearCalendar

SEED_YEARS = range(2019, 2027)

# The notice numbers the spec confirms ([S38]); the other years cite the package only.
KNOWN_NOTICES = {2024: "国办发明电〔2023〕7号"}

# chinesecalendar's Chinese names are short forms (清明, 端午, 中秋); the notices use these.
OFFICIAL_NAMES = {
    Holiday.new_years_day.value: "元旦",
    Holiday.spring_festival.value: "春节",
    Holiday.tomb_sweeping_day.value: "清明节",
    Holiday.labour_day.value: "劳动节",
    Holiday.dragon_boat_festival.value: "端午节",
    Holiday.national_day.value: "国庆节",
    Holiday.mid_autumn_festival.value: "中秋节",
    Holiday.anti_fascist_70th_day.value: "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _official_name(package_name: str) -> str:
    return OFFICIAL_NAMES.get(package_name, package_name)


def _range_names(holidays: dict[date, str]) -> dict[date, str]:
    """Name each holiday after its whole range: the package labels 2025-10-06 中秋 inside
    国庆节's range, where the notice says "国庆节、中秋节：10月1日至8日"."""
    names: dict[date, str] = {}
    days = sorted(holidays)
    i = 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and days[j + 1] - days[j] == timedelta(days=1):
            j += 1
        block = days[i : j + 1]
        parts = list(dict.fromkeys(holidays[d] for d in block))
        for d in block:
            names[d] = "、".join(parts)
        i = j + 1
    return names


@cache
def chinesecalendar_year(year: int) -> YearCalendar:
    """The ``YearCalendar`` for one year of the package's data."""
    holidays = {d: _official_name(n) for d, n in chinese_calendar.holidays.items() if d.year == year}
    makeups = {d: _official_name(n) for d, n in chinese_calendar.workdays.items() if d.year == year}
    if not holidays:
        raise ValueError(f"chinesecalendar 没有 {year} 年的数据")
    source = f"chinesecalendar {chinese_calendar.__version__}"
    if year in KNOWN_NOTICES:
        source = f"{KNOWN_NOTICES[year]}（{source}）"
    return YearCalendar(
        year=year,
        holidays=frozenset(holidays),
        makeup_workdays=frozenset(makeups),
        source=source,
        holiday_names={**_range_names(holidays), **makeups},
    )


def seed_years() -> dict[int, YearCalendar]:
    return {year: chinesecalendar_year(year) for year in SEED_YEARS}
