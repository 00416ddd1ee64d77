"""The working-day calendar as the database holds it, and its status for staff pages.

``current_calendar()`` returns a ``gongkai.workdays.Calendar`` built from the loaded years.
Building one takes three queries and a few milliseconds, so each process keeps the last one
it built, keyed by the years' ``(year, revision)`` pairs.  Every call asks the database for
those pairs (one query over a dozen rows) and rebuilds when they differ: a year loaded by
another web process or a command is seen on the very next call, without a shared cache or
any message between processes.  Every change to a year's rows goes through
``actions.do_load_year`` (or the seeding), which gives the year a new ``revision``.

When a year is loaded the ``signals.year_loaded`` signal is sent after commit; see
:mod:`gongkai.holidays.signals` for the receivers' contract.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from gongkai.holidays.models import HolidayRange, HolidayYear, MakeupDay
from gongkai.holidays.rows import MakeupRow, RangeRow, year_calendar_from_rows
from gongkai.workdays.model import Calendar, YearCalendar

logger = logging.getLogger("gongkai.holidays")

CalendarVersion = tuple[tuple[int, uuid.UUID], ...]

_lock = threading.Lock()
_cached: tuple[CalendarVersion, Calendar] | None = None


def default_count_start_day() -> bool:
    """Whether the start day (e.g. the day an application is received) counts: setting
    ``GONGKAI_COUNT_START_DAY`` (spec §2: UNCONFIRMED; default off, see docs/workdays.md)."""
    return bool(getattr(settings, "GONGKAI_COUNT_START_DAY", False))


def calendar_version() -> CalendarVersion:
    """What identifies the stored calendar: each year with its revision."""
    return tuple(HolidayYear.objects.order_by("year").values_list("year", "revision"))


def load_calendar() -> tuple[CalendarVersion, Calendar]:
    """Build the calendar from the database (three queries), with the version it was built from.

    The years are read first: should another process change a year between the queries, the
    calendar is filed under the older version and so rebuilt on the next call, never the
    other way round.
    """
    years = list(HolidayYear.objects.order_by("year").values_list("pk", "year", "revision", "source"))
    ranges: dict[int, list[RangeRow]] = defaultdict(list)
    for year_id, name, start, end in HolidayRange.objects.values_list("holiday_year_id", "name", "start", "end"):
        ranges[year_id].append((name, start, end))
    makeups: dict[int, list[MakeupRow]] = defaultdict(list)
    for year_id, day, name in MakeupDay.objects.values_list("holiday_year_id", "date", "name"):
        makeups[year_id].append((day, name))
    year_calendars: dict[int, YearCalendar] = {}
    for pk, year, _, source in years:
        try:
            year_calendars[year] = year_calendar_from_rows(year, source, ranges[pk], makeups[pk])
        except ValueError:
            # Rows changed behind do_load_year's back: treat the year as not loaded (its due
            # dates say "provisional") rather than compute with data nobody validated.
            logger.exception("holiday year %s in the database is inconsistent; treated as not loaded", year)
    version = tuple((year, revision) for _, year, revision, _ in years)
    return version, Calendar(year_calendars, count_start_day=default_count_start_day())


def current_calendar(*, count_start_day: bool | None = None) -> Calendar:
    """The calendar over every loaded year; a date in any other year is ``provisional``."""
    global _cached
    version = calendar_version()
    cached = _cached
    if cached is None or cached[0] != version:
        cached = load_calendar()
        with _lock:
            _cached = cached
    calendar = cached[1]
    if count_start_day is not None and count_start_day != calendar.count_start_day:
        return calendar.with_setting(count_start_day)
    return calendar


def clear_calendar_cache() -> None:
    """Forget this process's calendar (tests; never needed for correctness)."""
    global _cached
    with _lock:
        _cached = None


@dataclass(frozen=True)
class CalendarStatus:
    today: date
    loaded_years: tuple[int, ...]
    missing_years: tuple[int, ...]  # this year and next, where not loaded

    @property
    def ok(self) -> bool:
        return not self.missing_years

    @property
    def warning(self) -> str:
        """The Chinese warning for staff pages; empty when this year and next are loaded."""
        if not self.missing_years:
            return ""
        years = "、".join(f"{y}年" for y in self.missing_years)
        scope = years if len(self.missing_years) == 1 else "这些年份"
        return f"{years}的节假日安排尚未载入：涉及{scope}的期限均为暂定。"


def calendar_status(today: date | None = None) -> CalendarStatus:
    """Which years are loaded, and whether this year's or next year's notice is missing.

    For staff pages (the public sees provisional due dates marked on each case instead).
    The State Council publishes next year's notice between October and December, so for most
    of the year the next year is missing and the warning says so; it matters from late
    November, when 20 working days start to reach into January.
    """
    today = today or timezone.localdate()
    loaded = tuple(HolidayYear.objects.order_by("year").values_list("year", flat=True))
    missing = tuple(y for y in (today.year, today.year + 1) if y not in loaded)
    return CalendarStatus(today, loaded, missing)
